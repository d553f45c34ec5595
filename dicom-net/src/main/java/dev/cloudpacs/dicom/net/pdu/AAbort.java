package dev.cloudpacs.dicom.net.pdu;

/**
 * A-ABORT PDU (PS3.8 section 9.3.8, Table 9-26). The record keeps the raw source and reason
 * bytes so that a PDU with codes this implementation does not know still decodes (and logs)
 * faithfully; {@link #source()} and {@link #reason()} give the enum view.
 *
 * @param sourceCode the Source byte (0 service-user, 1 reserved, 2 service-provider)
 * @param reasonCode the Reason/Diag. byte; only significant when the source is the service provider
 */
public record AAbort(int sourceCode, int reasonCode) implements Pdu {

    /** Abort by the local application: source service-user, reason not significant (sent as 0). */
    public static final AAbort BY_SERVICE_USER = new AAbort(AbortSource.SERVICE_USER, AbortReason.NOT_SPECIFIED);

    /** Validates that both codes fit in a byte. */
    public AAbort {
        if ((sourceCode & ~0xFF) != 0 || (reasonCode & ~0xFF) != 0) {
            throw new IllegalArgumentException("A-ABORT source and reason are bytes: " + sourceCode + ", " + reasonCode);
        }
    }

    /** An A-ABORT with the given source and reason. */
    public AAbort(AbortSource source, AbortReason reason) {
        this(source.code(), reason.code());
    }

    /** An abort initiated by the service provider (our protocol machine) for the given reason. */
    public static AAbort byServiceProvider(AbortReason reason) {
        return new AAbort(AbortSource.SERVICE_PROVIDER, reason);
    }

    /** The source as an enum; undefined codes give {@link AbortSource#RESERVED}. */
    public AbortSource source() {
        return AbortSource.of(sourceCode);
    }

    /** The reason as an enum; undefined codes give {@link AbortReason#RESERVED}. */
    public AbortReason reason() {
        return AbortReason.of(reasonCode);
    }

    @Override
    public PduType type() {
        return PduType.A_ABORT;
    }

    /**
     * A sentence for logs and users, e.g. {@code "A-ABORT by DICOM UL service-provider (initiated
     * abort): unexpected-PDU: ..."}. The reason is left out for a service-user abort, where
     * PS3.8 says it is not significant.
     */
    public String describe() {
        StringBuilder sb = new StringBuilder("A-ABORT by ");
        AbortSource s = source();
        sb.append(s.describe());
        if (s == AbortSource.RESERVED) {
            sb.append(" source ").append(sourceCode);
        }
        if (s == AbortSource.SERVICE_USER) {
            return sb.append(": the peer application aborted the association").toString();
        }
        AbortReason r = reason();
        sb.append(": ").append(r.describe());
        if (r == AbortReason.RESERVED) {
            sb.append(" (reason ").append(reasonCode).append(')');
        }
        return sb.toString();
    }
}
