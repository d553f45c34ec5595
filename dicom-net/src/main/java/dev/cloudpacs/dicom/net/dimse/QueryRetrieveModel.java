package dev.cloudpacs.dicom.net.dimse;

import java.util.Set;

/**
 * The Query/Retrieve information models of PS3.4 Annex C (and the retrieve-only models of Annex Y
 * and Z). Each model owns an arc 1.2.840.10008.5.1.4.1.2.n whose last component names the
 * operation: .1 FIND, .2 MOVE, .3 GET.
 */
public enum QueryRetrieveModel {
    PATIENT_ROOT("1.2.840.10008.5.1.4.1.2.1", false, Set.of(CommandField.C_FIND_RQ, CommandField.C_MOVE_RQ,
            CommandField.C_GET_RQ)),
    STUDY_ROOT("1.2.840.10008.5.1.4.1.2.2", false, Set.of(CommandField.C_FIND_RQ, CommandField.C_MOVE_RQ,
            CommandField.C_GET_RQ)),
    /** Retired, still spoken by old archives. */
    PATIENT_STUDY_ONLY("1.2.840.10008.5.1.4.1.2.3", true, Set.of(CommandField.C_FIND_RQ, CommandField.C_MOVE_RQ,
            CommandField.C_GET_RQ)),
    /** PS3.4 Annex Y: retrieve only, no FIND. */
    COMPOSITE_INSTANCE_ROOT("1.2.840.10008.5.1.4.1.2.4", false, Set.of(CommandField.C_MOVE_RQ,
            CommandField.C_GET_RQ)),
    /** PS3.4 Annex Z: C-GET only. */
    COMPOSITE_INSTANCE_WITHOUT_BULK_DATA("1.2.840.10008.5.1.4.1.2.5", false, Set.of(CommandField.C_GET_RQ));

    private final String arc;
    private final boolean retired;
    private final Set<CommandField> operations;

    QueryRetrieveModel(String arc, boolean retired, Set<CommandField> operations) {
        this.arc = arc;
        this.retired = retired;
        this.operations = operations;
    }

    /** True for models PS3.4 has retired (Patient/Study Only). */
    public boolean retired() {
        return retired;
    }

    /**
     * The SOP class UID of this model for an operation (C-FIND, C-MOVE or C-GET, request or
     * response), or null when the model does not define it.
     */
    public String sopClassUid(CommandField operation) {
        CommandField op = operation.request();
        if (!operations.contains(op)) {
            return null;
        }
        return arc + switch (op) {
            case C_FIND_RQ -> ".1";
            case C_MOVE_RQ -> ".2";
            default -> ".3";
        };
    }

    /** The model a SOP class UID belongs to, or null when it is not a Query/Retrieve SOP class. */
    public static QueryRetrieveModel of(String cuid) {
        CommandField op = operationOf(cuid);
        if (op == null) {
            return null;
        }
        for (QueryRetrieveModel m : values()) {
            if (cuid.equals(m.sopClassUid(op))) {
                return m;
            }
        }
        return null;
    }

    /** C_FIND_RQ, C_MOVE_RQ or C_GET_RQ for a Query/Retrieve SOP class UID, else null. */
    public static CommandField operationOf(String cuid) {
        if (cuid == null || cuid.length() < 2 || cuid.charAt(cuid.length() - 2) != '.') {
            return null;
        }
        CommandField op = switch (cuid.charAt(cuid.length() - 1)) {
            case '1' -> CommandField.C_FIND_RQ;
            case '2' -> CommandField.C_MOVE_RQ;
            case '3' -> CommandField.C_GET_RQ;
            default -> null;
        };
        if (op == null) {
            return null;
        }
        String arc = cuid.substring(0, cuid.length() - 2);
        for (QueryRetrieveModel m : values()) {
            if (m.arc.equals(arc) && m.operations.contains(op)) {
                return op;
            }
        }
        return null;
    }
}
