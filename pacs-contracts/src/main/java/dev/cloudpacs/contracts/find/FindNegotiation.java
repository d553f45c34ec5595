package dev.cloudpacs.contracts.find;

/**
 * C-FIND SOP Class Extended Negotiation (PS3.4 C.5.1.1, application information bytes): byte 1
 * relational queries, byte 2 combined date-time matching, byte 3 fuzzy semantic matching of person
 * names, byte 4 timezone query adjustment. The archive supports the first two; it answers 0 for the
 * others (names match ignoring case by configuration, not by negotiation).
 *
 * @param relational       queries need not carry the unique keys of the levels above
 * @param combinedDateTime Study Date and Study Time ranges combine into one date-time range
 */
public record FindNegotiation(boolean relational, boolean combinedDateTime) {
    public static final FindNegotiation NONE = new FindNegotiation(false, false);

    /** The accepted application information for what a requestor proposed. */
    public static byte[] accept(byte[] proposed) {
        byte[] accepted = new byte[Math.min(proposed.length, 4)];
        if (accepted.length > 0) {
            accepted[0] = (byte) (proposed[0] == 1 ? 1 : 0);
        }
        if (accepted.length > 1) {
            accepted[1] = (byte) (proposed[1] == 1 ? 1 : 0);
        }
        return accepted;
    }

    /** What an accepted application information allows (null: nothing was negotiated). */
    public static FindNegotiation of(byte[] accepted) {
        if (accepted == null) {
            return NONE;
        }
        return new FindNegotiation(accepted.length > 0 && accepted[0] == 1, accepted.length > 1 && accepted[1] == 1);
    }
}
