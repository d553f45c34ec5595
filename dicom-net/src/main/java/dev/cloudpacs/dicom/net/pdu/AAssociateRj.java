package dev.cloudpacs.dicom.net.pdu;

/**
 * A-ASSOCIATE-RJ PDU (PS3.8 section 9.3.4, Table 9-21). The reason byte is kept raw because its
 * meaning depends on the source and several codes are reserved; {@link #knownReason()} gives
 * the defined (source, reason) pair when there is one.
 *
 * @param result permanent or transient rejection
 * @param source who rejected: the peer application, its ACSE or its presentation layer
 * @param reason the Reason/Diag. byte, interpreted per source (see {@link Reason})
 */
public record AAssociateRj(Result result, Source source, int reason) implements Pdu {

    /** Result field (PS3.8 Table 9-21, byte 8). */
    public enum Result {
        /** 1: rejected-permanent. */
        REJECTED_PERMANENT(1, "rejected-permanent"),
        /** 2: rejected-transient. */
        REJECTED_TRANSIENT(2, "rejected-transient");

        private final int code;
        private final String words;

        Result(int code, String words) {
            this.code = code;
            this.words = words;
        }

        /** The byte written for this result. */
        public int code() {
            return code;
        }

        /** The standard's words. */
        public String standardName() {
            return words;
        }

        /** The result for a byte, or null when the code is not defined. */
        public static Result of(int code) {
            return code == 1 ? REJECTED_PERMANENT : code == 2 ? REJECTED_TRANSIENT : null;
        }
    }

    /** Source field (PS3.8 Table 9-21, byte 9). */
    public enum Source {
        /** 1: DICOM UL service-user, i.e. the peer application. */
        SERVICE_USER(1, "DICOM UL service-user"),
        /** 2: DICOM UL service-provider (ACSE related function). */
        SERVICE_PROVIDER_ACSE(2, "DICOM UL service-provider (ACSE related function)"),
        /** 3: DICOM UL service-provider (Presentation related function). */
        SERVICE_PROVIDER_PRESENTATION(3, "DICOM UL service-provider (Presentation related function)");

        private final int code;
        private final String words;

        Source(int code, String words) {
            this.code = code;
            this.words = words;
        }

        /** The byte written for this source. */
        public int code() {
            return code;
        }

        /** The standard's words. */
        public String standardName() {
            return words;
        }

        /** The source for a byte, or null when the code is not defined. */
        public static Source of(int code) {
            return switch (code) {
                case 1 -> SERVICE_USER;
                case 2 -> SERVICE_PROVIDER_ACSE;
                case 3 -> SERVICE_PROVIDER_PRESENTATION;
                default -> null;
            };
        }
    }

    /** Every defined (source, reason) pair of PS3.8 Table 9-21, with the standard's words and a hint. */
    public enum Reason {
        /** Service-user 1: no-reason-given. */
        USER_NO_REASON_GIVEN(Source.SERVICE_USER, 1, "no-reason-given",
                "the called application refused without saying why; check its log and its list of known peers"),
        /** Service-user 2: application-context-name-not-supported. */
        APPLICATION_CONTEXT_NAME_NOT_SUPPORTED(Source.SERVICE_USER, 2, "application-context-name-not-supported",
                "the peer does not accept the DICOM application context 1.2.840.10008.3.1.1.1"),
        /** Service-user 3: calling-AE-title-not-recognized. */
        CALLING_AE_TITLE_NOT_RECOGNIZED(Source.SERVICE_USER, 3, "calling-AE-title-not-recognized",
                "check that the calling AE title (-aet) is configured on the server"),
        /** Service-user 7: called-AE-title-not-recognized. */
        CALLED_AE_TITLE_NOT_RECOGNIZED(Source.SERVICE_USER, 7, "called-AE-title-not-recognized",
                "check the called AE title (-aec) against the server's AE title"),
        /** ACSE 1: no-reason-given. */
        ACSE_NO_REASON_GIVEN(Source.SERVICE_PROVIDER_ACSE, 1, "no-reason-given",
                "the peer's association control refused without saying why; check its log"),
        /** ACSE 2: protocol-version-not-supported. */
        PROTOCOL_VERSION_NOT_SUPPORTED(Source.SERVICE_PROVIDER_ACSE, 2, "protocol-version-not-supported",
                "the peer does not support DICOM UL protocol version 1 (bit 0 of the protocol version)"),
        /** Presentation 1: temporary-congestion. */
        TEMPORARY_CONGESTION(Source.SERVICE_PROVIDER_PRESENTATION, 1, "temporary-congestion",
                "the server is busy; retry later"),
        /** Presentation 2: local-limit-exceeded. */
        LOCAL_LIMIT_EXCEEDED(Source.SERVICE_PROVIDER_PRESENTATION, 2, "local-limit-exceeded",
                "the server has reached its limit of simultaneous associations; retry later or raise the limit");

        private final Source source;
        private final int code;
        private final String words;
        private final String hint;

        Reason(Source source, int code, String words, String hint) {
            this.source = source;
            this.code = code;
            this.words = words;
            this.hint = hint;
        }

        /** The source this reason belongs to. */
        public Source source() {
            return source;
        }

        /** The reason byte. */
        public int code() {
            return code;
        }

        /** The standard's words, e.g. {@code "called-AE-title-not-recognized"}. */
        public String standardName() {
            return words;
        }

        /** A hint for the user on what to check. */
        public String hint() {
            return hint;
        }

        /** The defined reason for a (source, code) pair, or null when that pair is reserved. */
        public static Reason of(Source source, int code) {
            for (Reason r : values()) {
                if (r.source == source && r.code == code) {
                    return r;
                }
            }
            return null;
        }
    }

    /** Permanent rejection by the application: called AE title not recognized. */
    public static final AAssociateRj CALLED_AE_TITLE_NOT_RECOGNIZED = permanent(Reason.CALLED_AE_TITLE_NOT_RECOGNIZED);
    /** Permanent rejection by the application: calling AE title not recognized. */
    public static final AAssociateRj CALLING_AE_TITLE_NOT_RECOGNIZED =
            permanent(Reason.CALLING_AE_TITLE_NOT_RECOGNIZED);
    /** Permanent rejection by the application: application context name not supported. */
    public static final AAssociateRj APPLICATION_CONTEXT_NAME_NOT_SUPPORTED =
            permanent(Reason.APPLICATION_CONTEXT_NAME_NOT_SUPPORTED);
    /** Permanent rejection by the application, no reason given. */
    public static final AAssociateRj USER_NO_REASON_GIVEN = permanent(Reason.USER_NO_REASON_GIVEN);
    /** Permanent rejection by the ACSE, no reason given. */
    public static final AAssociateRj ACSE_NO_REASON_GIVEN = permanent(Reason.ACSE_NO_REASON_GIVEN);
    /** Permanent rejection by the ACSE: protocol version not supported. */
    public static final AAssociateRj PROTOCOL_VERSION_NOT_SUPPORTED = permanent(Reason.PROTOCOL_VERSION_NOT_SUPPORTED);
    /** Transient rejection by the presentation layer: temporary congestion. */
    public static final AAssociateRj TEMPORARY_CONGESTION = transientRejection(Reason.TEMPORARY_CONGESTION);
    /** Transient rejection by the presentation layer: local limit exceeded. */
    public static final AAssociateRj LOCAL_LIMIT_EXCEEDED = transientRejection(Reason.LOCAL_LIMIT_EXCEEDED);

    /** Validates that result and source are present and the reason fits in a byte. */
    public AAssociateRj {
        if (result == null || source == null) {
            throw new IllegalArgumentException("A-ASSOCIATE-RJ needs a result and a source");
        }
        if ((reason & ~0xFF) != 0) {
            throw new IllegalArgumentException("A-ASSOCIATE-RJ reason is a byte: " + reason);
        }
    }

    /** A rejection with the given result for a defined reason. */
    public static AAssociateRj of(Result result, Reason reason) {
        return new AAssociateRj(result, reason.source(), reason.code());
    }

    /** A permanent rejection for a defined reason. */
    public static AAssociateRj permanent(Reason reason) {
        return of(Result.REJECTED_PERMANENT, reason);
    }

    /** A transient rejection for a defined reason. */
    public static AAssociateRj transientRejection(Reason reason) {
        return of(Result.REJECTED_TRANSIENT, reason);
    }

    /** The defined reason for this PDU's (source, reason) pair, or null when the pair is reserved. */
    public Reason knownReason() {
        return Reason.of(source, reason);
    }

    @Override
    public PduType type() {
        return PduType.A_ASSOCIATE_RJ;
    }

    /**
     * The standard's words plus a hint, e.g. {@code "A-ASSOCIATE-RJ rejected-permanent by DICOM UL
     * service-user: called AE title not recognized: check the called AE title (-aec) against the
     * server's AE title"}.
     */
    public String describe() {
        Reason r = knownReason();
        String what = r == null
                ? "reserved reason " + reason
                : r.standardName().replace('-', ' ') + ": " + r.hint();
        return "A-ASSOCIATE-RJ " + result.standardName() + " by " + source.standardName() + ": " + what;
    }
}
