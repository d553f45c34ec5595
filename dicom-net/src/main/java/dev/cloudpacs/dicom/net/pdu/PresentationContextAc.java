package dev.cloudpacs.dicom.net.pdu;

import java.util.Objects;

/**
 * Presentation Context item of an A-ASSOCIATE-AC (PS3.8 section 9.3.3.2, Table 9-18, type 21H)
 * with its Transfer Syntax sub-item (Table 9-19, 40H).
 *
 * <p>PS3.8 says the transfer syntax is not significant unless the context is accepted. So: an
 * accepted context needs a non-empty transfer syntax; for any other result the transfer syntax
 * may be null, and an empty one is normalised to null. The encoder still writes the
 * (then empty) sub-item, since Table 9-18 lists it unconditionally.
 *
 * @param id the presentation context ID byte, echoing the request
 * @param result acceptance or the reason for rejection
 * @param transferSyntax the accepted transfer syntax UID; null when not accepted and not given
 */
public record PresentationContextAc(int id, Result result, String transferSyntax) {

    /** Result/Reason field (PS3.8 Table 9-18, byte 7). */
    public enum Result {
        /** 0: acceptance. */
        ACCEPTANCE(0, "acceptance"),
        /** 1: user-rejection. */
        USER_REJECTION(1, "user-rejection"),
        /** 2: no-reason (provider rejection). */
        NO_REASON(2, "no-reason (provider rejection)"),
        /** 3: abstract-syntax-not-supported (provider rejection). */
        ABSTRACT_SYNTAX_NOT_SUPPORTED(3, "abstract-syntax-not-supported (provider rejection)"),
        /** 4: transfer-syntaxes-not-supported (provider rejection). */
        TRANSFER_SYNTAXES_NOT_SUPPORTED(4, "transfer-syntaxes-not-supported (provider rejection)");

        private static final Result[] BY_CODE = values();

        private final int code;
        private final String words;

        Result(int code, String words) {
            this.code = code;
            this.words = words;
        }

        /** The Result/Reason byte. */
        public int code() {
            return code;
        }

        /** The standard's words. */
        public String standardName() {
            return words;
        }

        /** The result for a byte, or null when the code is not defined. */
        public static Result of(int code) {
            return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
        }
    }

    /** Validates the ID byte and the transfer syntax rule described on the class. */
    public PresentationContextAc {
        if ((id & ~0xFF) != 0) {
            throw new IllegalArgumentException("presentation context ID is a byte: " + id);
        }
        Objects.requireNonNull(result, "result");
        if (result == Result.ACCEPTANCE) {
            if (transferSyntax == null || transferSyntax.isEmpty()) {
                throw new IllegalArgumentException("an accepted presentation context needs a transfer syntax");
            }
        } else if (transferSyntax != null && transferSyntax.isEmpty()) {
            transferSyntax = null;
        }
    }

    /** Accepts context {@code id} with the chosen transfer syntax. */
    public static PresentationContextAc accept(int id, String transferSyntax) {
        return new PresentationContextAc(id, Result.ACCEPTANCE, transferSyntax);
    }

    /** Rejects context {@code id} for the given reason (any result but acceptance). */
    public static PresentationContextAc reject(int id, Result reason) {
        if (reason == Result.ACCEPTANCE) {
            throw new IllegalArgumentException("use accept() for an accepted presentation context");
        }
        return new PresentationContextAc(id, reason, null);
    }

    /** True when the context was accepted. */
    public boolean accepted() {
        return result == Result.ACCEPTANCE;
    }
}
