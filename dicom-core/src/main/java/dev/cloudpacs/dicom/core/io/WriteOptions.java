package dev.cloudpacs.dicom.core.io;

/**
 * How the writer encodes lengths.
 *
 * @param sequenceLength how sequence and item lengths are written
 * @param groupLength    whether group length elements (gggg,0000) are written; the meta group
 *                       length (0002,0000) is always written, as PS3.10 requires
 */
public record WriteOptions(LengthEncoding sequenceLength, GroupLength groupLength) {

    /** Sequence and item length encoding. */
    public enum LengthEncoding {
        /** As the data set was read (new sequences and items: undefined length). */
        AS_READ,
        /** Explicit lengths everywhere (computed). */
        EXPLICIT,
        /** Undefined lengths with delimitation items everywhere. */
        UNDEFINED
    }

    /** Group length elements outside the meta group (retired, PS3.5 section 7.2). */
    public enum GroupLength {
        /** Drop any group length elements. */
        REMOVE,
        /** Write a correct (gggg,0000) at the start of every group. */
        RECALCULATE
    }

    /** Lengths as read, no group lengths. */
    public static final WriteOptions DEFAULT = new WriteOptions(LengthEncoding.AS_READ, GroupLength.REMOVE);
}
