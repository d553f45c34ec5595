package dev.cloudpacs.dicom.net.dimse;

import dev.cloudpacs.dicom.core.Tag;

import java.util.List;

/**
 * DIMSE Status (0000,0900) values: the general statuses of PS3.7 Annex C and the service-specific
 * ones of PS3.4 (Annex B storage, Annex C query/retrieve, Annex J storage commitment, Annex K basic
 * worklist), transcribed in {@link StatusTables}; lookups and descriptions for logs.
 */
public final class Status {

    /** The status classes of PS3.7 Annex C. */
    public enum Category {
        SUCCESS("Success"), WARNING("Warning"), FAILURE("Failure"), CANCEL("Cancel"), PENDING("Pending");

        private final String text;

        Category(String text) {
            this.text = text;
        }

        /** True for every category but PENDING: the response ends the operation. */
        public boolean isFinal() {
            return this != PENDING;
        }

        @Override
        public String toString() {
            return text;
        }
    }

    // ---- general (PS3.7 Annex C) ---------------------------------------------------------------
    public static final int SUCCESS = 0x0000;
    public static final int CANCEL = 0xFE00;
    /** Pending: matches / sub-operations are continuing (PS3.4 C.4). */
    public static final int PENDING = 0xFF00;
    /** Pending: matches are continuing, but one or more optional keys were not supported (C-FIND). */
    public static final int PENDING_WARNING = 0xFF01;
    public static final int OPTIONAL_ATTRIBUTES_NOT_SUPPORTED = 0x0001;
    public static final int NO_SUCH_ATTRIBUTE = 0x0105;
    public static final int INVALID_ATTRIBUTE_VALUE = 0x0106;
    public static final int ATTRIBUTE_LIST_ERROR = 0x0107;
    public static final int PROCESSING_FAILURE = 0x0110;
    public static final int DUPLICATE_SOP_INSTANCE = 0x0111;
    public static final int NO_SUCH_OBJECT_INSTANCE = 0x0112;
    public static final int NO_SUCH_EVENT_TYPE = 0x0113;
    public static final int NO_SUCH_ARGUMENT = 0x0114;
    public static final int INVALID_ARGUMENT_VALUE = 0x0115;
    public static final int ATTRIBUTE_VALUE_OUT_OF_RANGE = 0x0116;
    public static final int INVALID_OBJECT_INSTANCE = 0x0117;
    public static final int NO_SUCH_SOP_CLASS = 0x0118;
    public static final int CLASS_INSTANCE_CONFLICT = 0x0119;
    public static final int MISSING_ATTRIBUTE = 0x0120;
    public static final int MISSING_ATTRIBUTE_VALUE = 0x0121;
    public static final int SOP_CLASS_NOT_SUPPORTED = 0x0122;
    public static final int NO_SUCH_ACTION_TYPE = 0x0123;
    public static final int NOT_AUTHORIZED = 0x0124;
    public static final int DUPLICATE_INVOCATION = 0x0210;
    public static final int UNRECOGNIZED_OPERATION = 0x0211;
    public static final int MISTYPED_ARGUMENT = 0x0212;
    public static final int RESOURCE_LIMITATION = 0x0213;

    // ---- storage (PS3.4 B.2.3) -------------------------------------------------------------------
    /** A700: out of resources (storage: any A7xx). */
    public static final int OUT_OF_RESOURCES = 0xA700;
    /** A900: data set does not match SOP class (storage: any A9xx). */
    public static final int DATA_SET_DOES_NOT_MATCH_SOP_CLASS = 0xA900;
    /** C000: cannot understand (storage: any Cxxx). */
    public static final int CANNOT_UNDERSTAND = 0xC000;
    public static final int COERCION_OF_DATA_ELEMENTS = 0xB000;
    public static final int ELEMENTS_DISCARDED = 0xB006;
    public static final int DATA_SET_DOES_NOT_MATCH_SOP_CLASS_WARNING = 0xB007;

    // ---- query/retrieve (PS3.4 C.4) ----------------------------------------------------------------
    public static final int IDENTIFIER_DOES_NOT_MATCH_SOP_CLASS = 0xA900;
    /** C000: unable to process (C-FIND, C-MOVE, C-GET: any Cxxx). */
    public static final int UNABLE_TO_PROCESS = 0xC000;
    public static final int UNABLE_TO_CALCULATE_NUMBER_OF_MATCHES = 0xA701;
    public static final int UNABLE_TO_PERFORM_SUBOPERATIONS = 0xA702;
    public static final int MOVE_DESTINATION_UNKNOWN = 0xA801;
    public static final int SUBOPERATIONS_COMPLETE_ONE_OR_MORE_FAILURES = 0xB000;

    // ---- storage commitment Failure Reason (0008,1197) values (PS3.4 Annex J) -------------------------
    /** Failure Reason only, never a Status: the Transaction UID of the request is already in use. */
    public static final int DUPLICATE_TRANSACTION_UID = 0x0131;

    private Status() {
    }

    /**
     * The category of any status by the general rules of PS3.7 Annex C, for codes no table knows:
     * 0000 success, FFxx pending, FE00 cancel, Bxxx and 0001, 0107, 0116 warning, everything else
     * failure.
     */
    public static Category category(int code) {
        if (code == SUCCESS) {
            return Category.SUCCESS;
        }
        if ((code & 0xFF00) == 0xFF00) {
            return Category.PENDING;
        }
        if (code == CANCEL) {
            return Category.CANCEL;
        }
        if ((code & 0xF000) == 0xB000 || code == OPTIONAL_ATTRIBUTES_NOT_SUPPORTED || code == ATTRIBUTE_LIST_ERROR
                || code == ATTRIBUTE_VALUE_OUT_OF_RANGE) {
            return Category.WARNING;
        }
        return Category.FAILURE;
    }

    public static boolean isPending(int code) {
        return category(code) == Category.PENDING;
    }

    /** The table row for a status returned by a service class; see {@link #lookup(ServiceClass, CommandField, int)}. */
    public static StatusCode lookup(ServiceClass serviceClass, int code) {
        return lookup(serviceClass, null, code);
    }

    /**
     * The table row for a status: the service class's own table (for query/retrieve the one of the
     * operation, C-FIND, C-MOVE or C-GET, when {@code operation} names it), then PS3.7 Annex C. A code
     * no table holds gets a row "Unknown status" with the category of the general rules.
     */
    public static StatusCode lookup(ServiceClass serviceClass, CommandField operation, int code) {
        if (code < 0 || code > 0xFFFF) {
            throw new IllegalArgumentException("a Status is US (0..FFFF): " + code);
        }
        StatusCode row = find(StatusTables.forService(serviceClass, operation), code);
        if (row == null) {
            row = find(StatusTables.GENERAL, code);
        }
        return row != null ? row : StatusCode.of(code, category(code), "Unknown status");
    }

    /** E.g. "A801 Move Destination unknown (Failure)". */
    public static String describe(ServiceClass serviceClass, int code) {
        return describe(serviceClass, null, code);
    }

    /** Like {@link #describe(ServiceClass, int)}, picking the C-FIND, C-MOVE or C-GET table by operation. */
    public static String describe(ServiceClass serviceClass, CommandField operation, int code) {
        StatusCode row = lookup(serviceClass, operation, code);
        return String.format("%04X %s (%s)", code, row.meaning(), row.category());
    }

    /**
     * The status of a response described with the tables of its SOP class's service (Affected SOP
     * Class UID, when the response has one) and of its operation.
     *
     * @throws IllegalArgumentException when the command has no Status (a request)
     */
    public static String describe(Command rsp) {
        if (!rsp.contains(Tag.Status)) {
            throw new IllegalArgumentException(rsp.commandField() + " has no Status");
        }
        String cuid = rsp.affectedSopClassUid();
        ServiceClass sc = cuid == null ? ServiceClass.OTHER : SopClasses.serviceClassOf(cuid);
        return describe(sc, rsp.commandField(), rsp.status());
    }

    /**
     * The meaning of a storage commitment Failure Reason (0008,1197) of a Failed SOP Sequence item
     * (PS3.4 Annex J), e.g.
     * "0112 No such object instance"; unknown codes are labelled as such.
     */
    public static String describeFailureReason(int code) {
        StatusCode row = find(StatusTables.COMMITMENT_FAILURE_REASONS, code);
        return String.format("%04X %s", code, row != null ? row.meaning() : "Unknown failure reason");
    }

    private static StatusCode find(List<StatusCode> table, int code) {
        for (StatusCode row : table) {
            if (row.matches(code)) {
                return row;
            }
        }
        return null;
    }
}
