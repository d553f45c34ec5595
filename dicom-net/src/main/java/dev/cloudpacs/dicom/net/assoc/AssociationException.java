package dev.cloudpacs.dicom.net.assoc;

import java.io.IOException;

/** An association could not be established, or ended abnormally; the message says why in words. */
public class AssociationException extends IOException {
    /** What went wrong, for exit codes and troubleshooting hints. */
    public enum Kind {
        /** Nothing listening at the address, or a firewall refused the connection. */
        CONNECTION_REFUSED,
        /** No TCP connection or no answer in time. */
        TIMEOUT,
        /** The peer answered with A-ASSOCIATE-RJ. */
        REJECTED,
        /** Accepted, but none of the proposed presentation contexts. */
        NO_PRESENTATION_CONTEXT,
        /** The connection closed during negotiation (often TLS on one side only). */
        CLOSED_DURING_NEGOTIATION,
        /** TLS handshake failed. */
        TLS,
        /** A-ABORT or A-P-ABORT. */
        ABORTED,
        /** Anything else at the transport level. */
        IO
    }

    private final Kind kind;

    public AssociationException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public AssociationException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
