package dev.cloudpacs.dicom.net.dimse;

import static dev.cloudpacs.dicom.net.dimse.Status.Category.CANCEL;
import static dev.cloudpacs.dicom.net.dimse.Status.Category.FAILURE;
import static dev.cloudpacs.dicom.net.dimse.Status.Category.PENDING;
import static dev.cloudpacs.dicom.net.dimse.Status.Category.SUCCESS;
import static dev.cloudpacs.dicom.net.dimse.Status.Category.WARNING;
import static dev.cloudpacs.dicom.net.dimse.StatusCode.of;
import static dev.cloudpacs.dicom.net.dimse.StatusCode.range;

import java.util.List;

/**
 * Status tables as data. General statuses: PS3.7 Annex C. Service specific: PS3.4 B.2.3 (Storage,
 * Table B.2-1), C.4.1.1.4, C.4.2.1.5 and C.4.3.1.4 (Query/Retrieve C-FIND, C-MOVE, C-GET),
 * K.4.1.1.4 (Modality Worklist C-FIND) and Annex J (Storage Commitment Failure Reasons).
 * A service table is searched before the general one, so its wording wins (e.g. FE00 "Matching
 * terminated due to Cancel request" for C-FIND); single codes precede ranges within a table.
 */
final class StatusTables {

    /** PS3.7 Annex C: statuses any service may return. */
    static final List<StatusCode> GENERAL = List.of(
            of(0x0000, SUCCESS, "Success"),
            // 0001 is defined by several N-services of PS3.4 (e.g. Annex F MPPS N-CREATE/N-SET).
            of(0x0001, WARNING, "Requested optional Attributes are not supported"),
            of(0x0105, FAILURE, "No such attribute"),
            of(0x0106, FAILURE, "Invalid attribute value"),
            of(0x0107, WARNING, "Attribute list error"),
            of(0x0110, FAILURE, "Processing failure"),
            of(0x0111, FAILURE, "Duplicate SOP Instance"),
            of(0x0112, FAILURE, "No such object instance"),
            of(0x0113, FAILURE, "No such event type"),
            of(0x0114, FAILURE, "No such argument"),
            of(0x0115, FAILURE, "Invalid argument value"),
            of(0x0116, WARNING, "Attribute Value Out of Range"),
            of(0x0117, FAILURE, "Invalid object instance"),
            of(0x0118, FAILURE, "No such SOP Class"),
            of(0x0119, FAILURE, "Class-instance conflict"),
            of(0x0120, FAILURE, "Missing attribute"),
            of(0x0121, FAILURE, "Missing attribute value"),
            of(0x0122, FAILURE, "SOP Class not supported"),
            of(0x0123, FAILURE, "No such action"),
            of(0x0124, FAILURE, "Not authorized"),
            of(0x0210, FAILURE, "Duplicate invocation"),
            of(0x0211, FAILURE, "Unrecognized operation"),
            of(0x0212, FAILURE, "Mistyped argument"),
            of(0x0213, FAILURE, "Resource limitation"),
            of(0xFE00, CANCEL, "Cancel"));

    /** PS3.4 B.2.3: C-STORE. The failure codes are ranges: the low byte is the SCP's to choose. */
    static final List<StatusCode> STORAGE = List.of(
            of(0xB000, WARNING, "Coercion of Data Elements"),
            of(0xB006, WARNING, "Elements Discarded"),
            of(0xB007, WARNING, "Data Set does not match SOP Class"),
            range(0xA700, 0xA7FF, FAILURE, "Out of Resources"),
            range(0xA900, 0xA9FF, FAILURE, "Data Set does not match SOP Class"),
            range(0xC000, 0xCFFF, FAILURE, "Cannot understand"));

    /** PS3.4 C.4.1.1.4: Query/Retrieve C-FIND. */
    static final List<StatusCode> QR_FIND = List.of(
            of(0x0000, SUCCESS, "Matching is complete"),
            of(0xA700, FAILURE, "Out of Resources"),
            of(0xA900, FAILURE, "Identifier does not match SOP Class"),
            of(0xFE00, CANCEL, "Matching terminated due to Cancel request"),
            of(0xFF00, PENDING, "Matches are continuing"),
            of(0xFF01, PENDING, "Matches are continuing, one or more Optional Keys were not supported"),
            range(0xC000, 0xCFFF, FAILURE, "Unable to process"));

    /** PS3.4 C.4.2.1.5: Query/Retrieve C-MOVE. */
    static final List<StatusCode> QR_MOVE = List.of(
            of(0x0000, SUCCESS, "Sub-operations complete, no failures"),
            of(0xA701, FAILURE, "Out of Resources, unable to calculate number of matches"),
            of(0xA702, FAILURE, "Out of Resources, unable to perform sub-operations"),
            of(0xA801, FAILURE, "Move Destination unknown"),
            of(0xA900, FAILURE, "Identifier does not match SOP Class"),
            of(0xB000, WARNING, "Sub-operations complete, one or more failures"),
            of(0xFE00, CANCEL, "Sub-operations terminated due to Cancel indication"),
            of(0xFF00, PENDING, "Sub-operations are continuing"),
            range(0xC000, 0xCFFF, FAILURE, "Unable to process"));

    /** PS3.4 C.4.3.1.4: Query/Retrieve C-GET (as C-MOVE, without a destination; warnings count too). */
    static final List<StatusCode> QR_GET = List.of(
            of(0x0000, SUCCESS, "Sub-operations complete, no failures or warnings"),
            of(0xA701, FAILURE, "Out of Resources, unable to calculate number of matches"),
            of(0xA702, FAILURE, "Out of Resources, unable to perform sub-operations"),
            of(0xA900, FAILURE, "Identifier does not match SOP Class"),
            of(0xB000, WARNING, "Sub-operations complete, one or more failures or warnings"),
            of(0xFE00, CANCEL, "Sub-operations terminated due to Cancel indication"),
            of(0xFF00, PENDING, "Sub-operations are continuing"),
            range(0xC000, 0xCFFF, FAILURE, "Unable to process"));

    /**
     * Query/Retrieve when the operation is not known: the union of the three tables above, with
     * wording that covers each operation where they differ.
     */
    static final List<StatusCode> QR_ANY = List.of(
            of(0x0000, SUCCESS, "Matching or sub-operations complete"),
            of(0xA700, FAILURE, "Out of Resources"),
            of(0xA701, FAILURE, "Out of Resources, unable to calculate number of matches"),
            of(0xA702, FAILURE, "Out of Resources, unable to perform sub-operations"),
            of(0xA801, FAILURE, "Move Destination unknown"),
            of(0xA900, FAILURE, "Identifier does not match SOP Class"),
            of(0xB000, WARNING, "Sub-operations complete, one or more failures or warnings"),
            of(0xFE00, CANCEL, "Matching or sub-operations terminated due to Cancel"),
            of(0xFF00, PENDING, "Matches or sub-operations are continuing"),
            of(0xFF01, PENDING, "Matches are continuing, one or more Optional Keys were not supported"),
            range(0xC000, 0xCFFF, FAILURE, "Unable to process"));

    /** PS3.4 K.4.1.1.4: Modality Worklist C-FIND (the statuses of Query/Retrieve C-FIND). */
    static final List<StatusCode> WORKLIST_FIND = QR_FIND;

    /**
     * PS3.4 Annex J: Failure Reason (0008,1197) values in the Failed SOP Sequence of a storage
     * commitment result. They reuse status numbers but are not statuses: the N-ACTION and
     * N-EVENT-REPORT statuses of storage commitment are the general ones.
     */
    static final List<StatusCode> COMMITMENT_FAILURE_REASONS = List.of(
            of(0x0110, FAILURE, "Processing failure: a general failure in processing the operation"
                    + " was encountered"),
            of(0x0112, FAILURE, "No such object instance: one or more of the elements in the Referenced"
                    + " SOP Instance Sequence was not available"),
            of(0x0119, FAILURE, "Class/Instance conflict: the SOP Class of an element in the Referenced"
                    + " SOP Instance Sequence did not correspond to the SOP Class registered for this SOP"
                    + " Instance at the SCP"),
            of(0x0122, FAILURE, "Referenced SOP Class not supported: storage commitment has been requested"
                    + " for a SOP Instance with a SOP Class that is not supported by the SCP"),
            of(0x0131, FAILURE, "Duplicate transaction UID: the Transaction UID of the Storage Commitment"
                    + " Request is already in use"),
            of(0x0213, FAILURE, "Resource limitation: the SCP does not currently have enough resources"
                    + " to store the requested SOP Instance(s)"));

    private StatusTables() {
    }

    /**
     * The service-specific table of a service class and (for query/retrieve) an operation, request
     * or response; empty when the service defines no statuses of its own (Verification, Storage
     * Commitment), so the general table alone applies.
     */
    static List<StatusCode> forService(ServiceClass serviceClass, CommandField operation) {
        CommandField op = operation == null ? null : operation.request();
        return switch (serviceClass) {
            case STORAGE -> STORAGE;
            case QUERY_RETRIEVE -> op == CommandField.C_FIND_RQ ? QR_FIND
                    : op == CommandField.C_MOVE_RQ ? QR_MOVE
                    : op == CommandField.C_GET_RQ ? QR_GET
                    : QR_ANY;
            case BASIC_WORKLIST_MANAGEMENT -> WORKLIST_FIND;
            case VERIFICATION, STORAGE_COMMITMENT, OTHER -> List.of();
        };
    }
}
