package dev.cloudpacs.dicom.net.dimse;

import dev.cloudpacs.dicom.core.Tag;
import dev.cloudpacs.dicom.core.VR;
import dev.cloudpacs.dicom.core.data.DataSet;

import java.util.List;

/**
 * Factories for every DIMSE request and response (PS3.7 sections 9.3 and 10.3), the encoder and
 * decoder of command sets, and validation against {@link DimseMessageType}.
 *
 * <p>Factories check what a programmer controls (value ranges, required UIDs) and throw
 * {@link IllegalArgumentException}; {@link #decode} checks what a peer sent and throws
 * {@link DimseException}. Command Data Set Type is set to what the message usually carries and can
 * be changed with {@link Command#withDataSet(boolean)}.
 */
public final class Commands {

    private Commands() {
    }

    // ---- DIMSE-C requests ------------------------------------------------------------------------

    /** C-ECHO-RQ for the Verification SOP Class. */
    public static Command cEchoRq(int msgId) {
        return rq(CommandField.C_ECHO_RQ, msgId, false).affected(SopClasses.VERIFICATION, null).build();
    }

    /** C-STORE-RQ outside any C-MOVE. */
    public static Command cStoreRq(int msgId, String cuid, String iuid, int priority) {
        return cStoreRq(msgId, cuid, iuid, priority, null, -1);
    }

    /**
     * C-STORE-RQ; when it is a sub-operation of a C-MOVE, {@code moveOriginatorAet} and
     * {@code moveOriginatorMsgId} name the C-MOVE SCU and its request (PS3.7 section 9.1.1.1.6);
     * pass null and -1 otherwise.
     */
    public static Command cStoreRq(int msgId, String cuid, String iuid, int priority, String moveOriginatorAet,
            int moveOriginatorMsgId) {
        Builder b = rq(CommandField.C_STORE_RQ, msgId, true).affected(cuid, required(iuid, "SOP Instance UID"))
                .priority(priority);
        if (moveOriginatorAet != null) {
            b.ds.setString(Tag.MoveOriginatorApplicationEntityTitle, VR.AE, checkAe(moveOriginatorAet));
            b.ds.setInt(Tag.MoveOriginatorMessageID, VR.US, checkUs(moveOriginatorMsgId, "Move Originator Message ID"));
        }
        return b.build();
    }

    /** C-FIND-RQ; the identifier follows as the data set. */
    public static Command cFindRq(int msgId, String cuid, int priority) {
        return rq(CommandField.C_FIND_RQ, msgId, true).affected(cuid, null).priority(priority).build();
    }

    /** C-MOVE-RQ asking the SCP to send the matches to the AE titled {@code destination}. */
    public static Command cMoveRq(int msgId, String cuid, int priority, String destination) {
        Builder b = rq(CommandField.C_MOVE_RQ, msgId, true).affected(cuid, null).priority(priority);
        b.ds.setString(Tag.MoveDestination, VR.AE, checkAe(destination));
        return b.build();
    }

    /** C-GET-RQ; the matches come back as C-STORE sub-operations on the same association. */
    public static Command cGetRq(int msgId, String cuid, int priority) {
        return rq(CommandField.C_GET_RQ, msgId, true).affected(cuid, null).priority(priority).build();
    }

    /** C-CANCEL-RQ for the C-FIND, C-GET or C-MOVE request with Message ID {@code msgIdBeingRespondedTo}. */
    public static Command cCancelRq(int msgIdBeingRespondedTo) {
        Builder b = new Builder(CommandField.C_CANCEL_RQ, false);
        b.ds.setInt(Tag.MessageIDBeingRespondedTo, VR.US, checkUs(msgIdBeingRespondedTo, "Message ID"));
        return b.build();
    }

    // ---- DIMSE-N requests ------------------------------------------------------------------------

    /** N-EVENT-REPORT-RQ with Event Information as the data set (remove it with withDataSet(false)). */
    public static Command nEventReportRq(int msgId, String cuid, String iuid, int eventTypeId) {
        Builder b = rq(CommandField.N_EVENT_REPORT_RQ, msgId, true).affected(cuid, required(iuid, "SOP Instance UID"));
        b.ds.setInt(Tag.EventTypeID, VR.US, checkUs(eventTypeId, "Event Type ID"));
        return b.build();
    }

    /** N-GET-RQ; no identifiers means all attributes (PS3.7 section 10.1.2.1.3). */
    public static Command nGetRq(int msgId, String requestedCuid, String requestedIuid, int... attributeIdentifiers) {
        Builder b = rq(CommandField.N_GET_RQ, msgId, false).requested(requestedCuid, requestedIuid);
        if (attributeIdentifiers.length > 0) {
            b.ds.setInt(Tag.AttributeIdentifierList, VR.AT, attributeIdentifiers);
        }
        return b.build();
    }

    /** N-SET-RQ; the Modification List follows as the data set. */
    public static Command nSetRq(int msgId, String requestedCuid, String requestedIuid) {
        return rq(CommandField.N_SET_RQ, msgId, true).requested(requestedCuid, requestedIuid).build();
    }

    /**
     * N-ACTION-RQ with Action Information as the data set (Storage Commitment sends one; remove it
     * with withDataSet(false) for actions without).
     */
    public static Command nActionRq(int msgId, String requestedCuid, String requestedIuid, int actionTypeId) {
        Builder b = rq(CommandField.N_ACTION_RQ, msgId, true).requested(requestedCuid, requestedIuid);
        b.ds.setInt(Tag.ActionTypeID, VR.US, checkUs(actionTypeId, "Action Type ID"));
        return b.build();
    }

    /** N-CREATE-RQ with an Attribute List; a null {@code iuid} leaves the UID to the SCP. */
    public static Command nCreateRq(int msgId, String cuid, String iuid) {
        return rq(CommandField.N_CREATE_RQ, msgId, true).affected(cuid, iuid).build();
    }

    /** N-DELETE-RQ. */
    public static Command nDeleteRq(int msgId, String requestedCuid, String requestedIuid) {
        return rq(CommandField.N_DELETE_RQ, msgId, false).requested(requestedCuid, requestedIuid).build();
    }

    // ---- responses -------------------------------------------------------------------------------

    /**
     * The response to {@code rq} with {@code status}. It answers the request's Message ID and echoes
     * the SOP class and instance: the affected UIDs of a DIMSE-C request, the requested UIDs of a
     * DIMSE-N request as affected UIDs (PS3.7 section 10.1, "M(=)" in the response column), and the
     * Event or Action Type ID. A data set is announced only where the status makes one expected: the
     * identifier of a Pending C-FIND-RSP and the attribute list of a successful N-GET-RSP.
     *
     * @throws IllegalArgumentException for a response or a C-CANCEL-RQ, which has none
     */
    public static Command response(Command rq, int status) {
        CommandField rspField = rq.commandField().response();
        if (!rq.isRequest() || rspField == null) {
            throw new IllegalArgumentException(rq.commandField() + " has no response");
        }
        Status.Category category = Status.category(checkUs(status, "Status"));
        boolean dataSet = switch (rspField) {
            case C_FIND_RSP -> category == Status.Category.PENDING;
            case N_GET_RSP -> category == Status.Category.SUCCESS || category == Status.Category.WARNING;
            default -> false;
        };
        Builder b = new Builder(rspField, dataSet);
        b.ds.setInt(Tag.MessageIDBeingRespondedTo, VR.US, rq.messageId());
        b.ds.setInt(Tag.Status, VR.US, status);
        copyString(rq, Tag.AffectedSOPClassUID, b.ds, Tag.AffectedSOPClassUID);
        copyString(rq, Tag.RequestedSOPClassUID, b.ds, Tag.AffectedSOPClassUID);
        // Only where the response table has an instance UID: C-FIND/GET/MOVE responses have none.
        if (DimseMessageType.of(rspField).usage(Tag.AffectedSOPInstanceUID) != null) {
            copyString(rq, Tag.AffectedSOPInstanceUID, b.ds, Tag.AffectedSOPInstanceUID);
            copyString(rq, Tag.RequestedSOPInstanceUID, b.ds, Tag.AffectedSOPInstanceUID);
        }
        if (rq.eventTypeId() >= 0) {
            b.ds.setInt(Tag.EventTypeID, VR.US, rq.eventTypeId());
        }
        if (rq.actionTypeId() >= 0) {
            b.ds.setInt(Tag.ActionTypeID, VR.US, rq.actionTypeId());
        }
        return b.build();
    }

    private static void copyString(Command from, int fromTag, DataSet to, int toTag) {
        String v = from.raw().getString(fromTag);
        if (v != null) {
            to.setString(toTag, VR.UI, v);
        }
    }

    // ---- codec and validation --------------------------------------------------------------------

    /**
     * The command set in Implicit VR Little Endian (PS3.7 section 6.3.1) with a correct Command
     * Group Length (0000,0000) first, ready to be sent as command fragments. Encodes whatever the
     * command holds, valid or not (tests and interoperability work need both); see {@link #validate}.
     */
    public static byte[] encode(Command cmd) {
        return CommandCodec.encode(cmd);
    }

    /**
     * Parses an Implicit VR Little Endian command set.
     *
     * @throws DimseException when the bytes are not a well-formed command set: not parseable,
     *                        elements outside group 0000, Command Field or Command Data Set Type
     *                        missing or invalid, or a Command Group Length that disagrees with the
     *                        bytes; the message says which
     */
    public static Command decode(byte[] b, int off, int len) throws DimseException {
        return CommandCodec.decode(b, off, len);
    }

    /**
     * Checks a command against its message's table: mandatory elements missing, elements the message
     * does not allow, a data set where none may be or none where one must be, and the conditions that
     * can be checked from the command alone. Returns the problems in words; empty when none.
     */
    public static List<String> validate(Command cmd) {
        return CommandValidator.validate(cmd);
    }

    // ---- helpers ---------------------------------------------------------------------------------

    static int checkUs(int v, String what) {
        if (v < 0 || v > 0xFFFF) {
            throw new IllegalArgumentException(what + " must be 0..65535 (US): " + v);
        }
        return v;
    }

    private static String required(String uid, String what) {
        if (uid == null || uid.isEmpty()) {
            throw new IllegalArgumentException(what + " is required");
        }
        return uid;
    }

    /** AE titles are 1 to 16 characters, not all spaces, no backslash or control characters. */
    static String checkAe(String aet) {
        String t = aet == null ? "" : aet.strip();
        if (t.isEmpty() || t.length() > 16 || t.chars().anyMatch(c -> c < 0x20 || c > 0x7E || c == '\\')) {
            throw new IllegalArgumentException("not a valid AE title: \"" + aet + "\"");
        }
        return t;
    }

    private static Builder rq(CommandField field, int msgId, boolean dataSet) {
        Builder b = new Builder(field, dataSet);
        b.ds.setInt(Tag.MessageID, VR.US, checkUs(msgId, "Message ID"));
        return b;
    }

    /** Collects the elements of one new command. */
    private static final class Builder {
        final DataSet ds = new DataSet(12);
        final CommandField field;

        Builder(CommandField field, boolean dataSet) {
            this.field = field;
            ds.setInt(Tag.CommandField, VR.US, field.code());
            ds.setInt(Tag.CommandDataSetType, VR.US, dataSet ? Command.DATA_SET_PRESENT : Command.NO_DATA_SET);
        }

        Builder affected(String cuid, String iuid) {
            ds.setString(Tag.AffectedSOPClassUID, VR.UI, required(cuid, "SOP Class UID"));
            if (iuid != null) {
                ds.setString(Tag.AffectedSOPInstanceUID, VR.UI, iuid);
            }
            return this;
        }

        Builder requested(String cuid, String iuid) {
            ds.setString(Tag.RequestedSOPClassUID, VR.UI, required(cuid, "SOP Class UID"));
            ds.setString(Tag.RequestedSOPInstanceUID, VR.UI, required(iuid, "SOP Instance UID"));
            return this;
        }

        Builder priority(int priority) {
            if (priority != Command.PRIORITY_LOW && priority != Command.PRIORITY_MEDIUM
                    && priority != Command.PRIORITY_HIGH) {
                throw new IllegalArgumentException("Priority must be 0 (medium), 1 (high) or 2 (low): " + priority);
            }
            ds.setInt(Tag.Priority, VR.US, priority);
            return this;
        }

        Command build() {
            return new Command(ds, field);
        }
    }
}
