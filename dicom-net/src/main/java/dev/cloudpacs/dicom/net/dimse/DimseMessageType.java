package dev.cloudpacs.dicom.net.dimse;

import static dev.cloudpacs.dicom.net.dimse.DimseMessageType.DataSetPresence.ALWAYS;
import static dev.cloudpacs.dicom.net.dimse.DimseMessageType.DataSetPresence.CONDITIONAL;
import static dev.cloudpacs.dicom.net.dimse.DimseMessageType.DataSetPresence.NEVER;
import static dev.cloudpacs.dicom.net.dimse.DimseMessageType.Usage.C;
import static dev.cloudpacs.dicom.net.dimse.DimseMessageType.Usage.M;
import static dev.cloudpacs.dicom.net.dimse.DimseMessageType.Usage.U;

import dev.cloudpacs.dicom.core.Tag;

import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The command set of each DIMSE message: which command elements it carries and whether a data set
 * follows. Transcribed from PS3.7 section 9.3 (DIMSE-C, Tables 9.3-1 to 9.3-13) and section 10.3
 * (DIMSE-N, Tables 10.3-1 to 10.3-12), with each element's usage taken from the service parameter
 * tables of sections 9.1 and 10.1 (a parameter's request/response column: M, U or C). An element
 * the message's table does not list is not allowed in it.
 *
 * <p>Every message carries Command Group Length, Command Field and Command Data Set Type, requests a
 * Message ID (C-CANCEL-RQ a Message ID Being Responded To instead) and responses a Message ID Being
 * Responded To and a Status. Responses may also carry Offending Element, Error Comment and Error ID:
 * PS3.7 Annex C attaches them to statuses that any service may return, so they are Conditional in
 * every response.
 */
public final class DimseMessageType {

    /** How a command element is used in a message (PS3.7 section 9.1 / 10.1 conventions). */
    public enum Usage {
        /** Mandatory: always present. */
        M,
        /** Conditional: present when a condition described in the standard holds. */
        C,
        /** User option: may be present. */
        U
    }

    /** Whether a data set follows the command set (Command Data Set Type other than 0101H). */
    public enum DataSetPresence {
        /** The message always carries a data set (e.g. C-STORE-RQ, C-FIND-RQ). */
        ALWAYS,
        /** The message never carries a data set (Command Data Set Type is 0101H). */
        NEVER,
        /** Conditional or user option, e.g. the identifier of a pending C-FIND-RSP. */
        CONDITIONAL
    }

    private static final Map<CommandField, DimseMessageType> TABLE = new EnumMap<>(CommandField.class);

    static {
        // ---- DIMSE-C, PS3.7 section 9.3 ---------------------------------------------------------
        rq(CommandField.C_STORE_RQ, ALWAYS)
                .put(Tag.AffectedSOPClassUID, M).put(Tag.Priority, M).put(Tag.AffectedSOPInstanceUID, M)
                .put(Tag.MoveOriginatorApplicationEntityTitle, U).put(Tag.MoveOriginatorMessageID, U);
        rsp(CommandField.C_STORE_RSP, NEVER)
                .put(Tag.AffectedSOPClassUID, U).put(Tag.AffectedSOPInstanceUID, U);
        rq(CommandField.C_FIND_RQ, ALWAYS)
                .put(Tag.AffectedSOPClassUID, M).put(Tag.Priority, M);
        // The identifier of a match comes with Pending status only (PS3.7 section 9.1.2.1.6).
        rsp(CommandField.C_FIND_RSP, CONDITIONAL)
                .put(Tag.AffectedSOPClassUID, U);
        rq(CommandField.C_GET_RQ, ALWAYS)
                .put(Tag.AffectedSOPClassUID, M).put(Tag.Priority, M);
        subOperations(rsp(CommandField.C_GET_RSP, CONDITIONAL).put(Tag.AffectedSOPClassUID, U));
        rq(CommandField.C_MOVE_RQ, ALWAYS)
                .put(Tag.AffectedSOPClassUID, M).put(Tag.Priority, M).put(Tag.MoveDestination, M);
        subOperations(rsp(CommandField.C_MOVE_RSP, CONDITIONAL).put(Tag.AffectedSOPClassUID, U));
        rq(CommandField.C_ECHO_RQ, NEVER)
                .put(Tag.AffectedSOPClassUID, M);
        rsp(CommandField.C_ECHO_RSP, NEVER)
                .put(Tag.AffectedSOPClassUID, U);
        // One C-CANCEL-RQ for C-FIND, C-GET and C-MOVE (Tables 9.3-5, 9.3-8, 9.3-11): it names the
        // operation it cancels instead of having a Message ID of its own.
        common(CommandField.C_CANCEL_RQ, NEVER).put(Tag.MessageIDBeingRespondedTo, M);

        // ---- DIMSE-N, PS3.7 section 10.3 --------------------------------------------------------
        rq(CommandField.N_EVENT_REPORT_RQ, CONDITIONAL)
                .put(Tag.AffectedSOPClassUID, M).put(Tag.AffectedSOPInstanceUID, M).put(Tag.EventTypeID, M);
        rsp(CommandField.N_EVENT_REPORT_RSP, CONDITIONAL)
                .put(Tag.AffectedSOPClassUID, U).put(Tag.AffectedSOPInstanceUID, U).put(Tag.EventTypeID, C);
        rq(CommandField.N_GET_RQ, NEVER)
                .put(Tag.RequestedSOPClassUID, M).put(Tag.RequestedSOPInstanceUID, M)
                .put(Tag.AttributeIdentifierList, U);
        // Attribute Identifier List in N-GET/N-SET/N-CREATE responses names the attributes behind
        // the attribute statuses of Annex C (0105H, 0106H, 0107H, 0116H).
        rsp(CommandField.N_GET_RSP, CONDITIONAL)
                .put(Tag.AffectedSOPClassUID, U).put(Tag.AffectedSOPInstanceUID, U)
                .put(Tag.AttributeIdentifierList, C);
        rq(CommandField.N_SET_RQ, ALWAYS)
                .put(Tag.RequestedSOPClassUID, M).put(Tag.RequestedSOPInstanceUID, M);
        rsp(CommandField.N_SET_RSP, CONDITIONAL)
                .put(Tag.AffectedSOPClassUID, U).put(Tag.AffectedSOPInstanceUID, U)
                .put(Tag.AttributeIdentifierList, C);
        rq(CommandField.N_ACTION_RQ, CONDITIONAL)
                .put(Tag.RequestedSOPClassUID, M).put(Tag.RequestedSOPInstanceUID, M).put(Tag.ActionTypeID, M);
        rsp(CommandField.N_ACTION_RSP, CONDITIONAL)
                .put(Tag.AffectedSOPClassUID, U).put(Tag.AffectedSOPInstanceUID, U).put(Tag.ActionTypeID, C);
        // The SCU may leave the instance UID to the SCP, which then returns it in the response.
        rq(CommandField.N_CREATE_RQ, CONDITIONAL)
                .put(Tag.AffectedSOPClassUID, M).put(Tag.AffectedSOPInstanceUID, U);
        rsp(CommandField.N_CREATE_RSP, CONDITIONAL)
                .put(Tag.AffectedSOPClassUID, U).put(Tag.AffectedSOPInstanceUID, C)
                .put(Tag.AttributeIdentifierList, C);
        rq(CommandField.N_DELETE_RQ, NEVER)
                .put(Tag.RequestedSOPClassUID, M).put(Tag.RequestedSOPInstanceUID, M);
        rsp(CommandField.N_DELETE_RSP, NEVER)
                .put(Tag.AffectedSOPClassUID, U).put(Tag.AffectedSOPInstanceUID, U);
    }

    private final CommandField commandField;
    private final DataSetPresence dataSet;
    private final Map<Integer, Usage> elements = new LinkedHashMap<>();

    private DimseMessageType(CommandField commandField, DataSetPresence dataSet) {
        this.commandField = commandField;
        this.dataSet = dataSet;
    }

    private static DimseMessageType common(CommandField field, DataSetPresence dataSet) {
        DimseMessageType t = new DimseMessageType(field, dataSet);
        t.put(Tag.CommandGroupLength, M).put(Tag.CommandField, M).put(Tag.CommandDataSetType, M);
        TABLE.put(field, t);
        return t;
    }

    private static DimseMessageType rq(CommandField field, DataSetPresence dataSet) {
        return common(field, dataSet).put(Tag.MessageID, M);
    }

    private static DimseMessageType rsp(CommandField field, DataSetPresence dataSet) {
        return common(field, dataSet).put(Tag.MessageIDBeingRespondedTo, M).put(Tag.Status, M)
                .put(Tag.OffendingElement, C).put(Tag.ErrorComment, C).put(Tag.ErrorID, C);
    }

    /** C-GET-RSP and C-MOVE-RSP: the counts are required in Pending responses, optional in final ones. */
    private static void subOperations(DimseMessageType t) {
        t.put(Tag.NumberOfRemainingSuboperations, C).put(Tag.NumberOfCompletedSuboperations, C)
                .put(Tag.NumberOfFailedSuboperations, C).put(Tag.NumberOfWarningSuboperations, C);
    }

    private DimseMessageType put(int tag, Usage usage) {
        elements.put(tag, usage);
        return this;
    }

    /** The table entry of a message. */
    public static DimseMessageType of(CommandField field) {
        return TABLE.get(field);
    }

    /** The message this entry describes. */
    public CommandField commandField() {
        return commandField;
    }

    /** Whether the message carries a data set. */
    public DataSetPresence dataSet() {
        return dataSet;
    }

    /** The usage of a command element in this message, or null when the element is not allowed. */
    public Usage usage(int tag) {
        return elements.get(tag);
    }

    /** Every element the message may carry with its usage, in table order. */
    public Map<Integer, Usage> elements() {
        return Collections.unmodifiableMap(elements);
    }

    @Override
    public String toString() {
        return commandField + " " + elements.size() + " elements, data set " + dataSet;
    }
}
