package dev.cloudpacs.dicom.net.dul;

/**
 * Why an association (or its transport connection) ended: a kind to act on, a detail to show.
 *
 * @param kind   what happened
 * @param detail the particulars in words (the peer's abort source and reason, the malformed PDU, the
 *               local reason), or null
 */
public record EndReason(Kind kind, String detail) {

    /** The ways an association ends. */
    public enum Kind {
        /** A-RELEASE completed. */
        RELEASED("released"),
        /** The association was rejected (A-ASSOCIATE-RJ sent or received). */
        REJECTED("association rejected"),
        /** The local user aborted. */
        ABORTED("aborted"),
        /** The peer sent A-ABORT. */
        ABORTED_BY_PEER("aborted by the peer"),
        /** The peer broke the protocol (a malformed or unexpected PDU); we aborted. */
        PROTOCOL_ERROR("protocol error, aborted"),
        /** Nothing arrived within the idle timeout; we aborted. */
        IDLE_TIMEOUT("idle timeout"),
        /** The ARTIM timer expired. */
        ARTIM_EXPIRED("ARTIM timer expired"),
        /** The peer closed the connection without release or abort. */
        CONNECTION_CLOSED("connection closed by the peer without release or abort"),
        /** Reading or writing the connection failed. */
        CONNECTION_LOST("connection lost"),
        /** Handling received data failed locally; we aborted. */
        LOCAL_FAILURE("local failure while handling data");

        private final String text;

        Kind(String text) {
            this.text = text;
        }

        /** The kind in words. */
        public String text() {
            return text;
        }
    }

    /** An end without particulars. */
    public static EndReason of(Kind kind) {
        return new EndReason(kind, null);
    }

    @Override
    public String toString() {
        return detail == null || detail.isEmpty() ? kind.text : kind.text + ": " + detail;
    }
}
