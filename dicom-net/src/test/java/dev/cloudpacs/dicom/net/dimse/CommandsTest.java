package dev.cloudpacs.dicom.net.dimse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cloudpacs.dicom.core.Tag;
import dev.cloudpacs.dicom.core.UID;
import dev.cloudpacs.dicom.core.VR;
import dev.cloudpacs.dicom.core.data.DataSet;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class CommandsTest {
    static final String CT = UID.CTImageStorage;
    static final String IUID = "1.2.3.4.5.6.7";
    static final String STUDY_FIND = UID.FINDStudyRootQueryRetrieveInformationModel;
    static final String STUDY_MOVE = UID.MOVEStudyRootQueryRetrieveInformationModel;
    static final String STUDY_GET = UID.GETStudyRootQueryRetrieveInformationModel;
    static final String COMMIT = SopClasses.STORAGE_COMMITMENT_PUSH_MODEL;
    static final String COMMIT_IUID = SopClasses.STORAGE_COMMITMENT_PUSH_MODEL_INSTANCE;

    /** One of every request the factories make. */
    static List<Command> allRequests() {
        return List.of(
                Commands.cEchoRq(1),
                Commands.cStoreRq(2, CT, IUID, Command.PRIORITY_MEDIUM),
                Commands.cStoreRq(3, CT, IUID, Command.PRIORITY_LOW, "MOVESCU", 77),
                Commands.cFindRq(4, STUDY_FIND, Command.PRIORITY_HIGH),
                Commands.cMoveRq(5, STUDY_MOVE, Command.PRIORITY_MEDIUM, "STORESCP"),
                Commands.cGetRq(6, STUDY_GET, Command.PRIORITY_MEDIUM),
                Commands.cCancelRq(5),
                Commands.nEventReportRq(7, COMMIT, COMMIT_IUID, 1),
                Commands.nGetRq(8, "1.2.840.10008.5.1.1.16", "1.2.3", Tag.PatientName, Tag.PatientID),
                Commands.nSetRq(9, "1.2.840.10008.3.1.2.3.3", "1.2.3"),
                Commands.nActionRq(10, COMMIT, COMMIT_IUID, 1),
                Commands.nCreateRq(11, "1.2.840.10008.3.1.2.3.3", null),
                Commands.nCreateRq(12, "1.2.840.10008.3.1.2.3.3", "1.2.3.9"),
                Commands.nDeleteRq(13, "1.2.840.10008.5.1.1.1", "1.2.3"));
    }

    /** Responses with statuses of every category to every request that has a response. */
    static List<Command> allResponses() {
        List<Command> out = new ArrayList<>();
        for (Command rq : allRequests()) {
            if (rq.commandField() == CommandField.C_CANCEL_RQ) {
                continue;
            }
            out.add(Commands.response(rq, Status.SUCCESS));
            out.add(Commands.response(rq, Status.PROCESSING_FAILURE).withErrorComment("disk full").withErrorId(7));
            out.add(Commands.response(rq, Status.CANCEL));
            if (rq.commandField() == CommandField.C_MOVE_RQ || rq.commandField() == CommandField.C_GET_RQ) {
                out.add(Commands.response(rq, Status.PENDING).withSubOperations(3, 1, 0, 0));
                out.add(Commands.response(rq, Status.SUBOPERATIONS_COMPLETE_ONE_OR_MORE_FAILURES)
                        .withSubOperations(-1, 3, 1, 0));
            }
            if (rq.commandField() == CommandField.C_FIND_RQ) {
                out.add(Commands.response(rq, Status.PENDING));
                out.add(Commands.response(rq, Status.PENDING_WARNING));
            }
        }
        return out;
    }

    // ---- golden bytes ----------------------------------------------------------------------------

    /**
     * C-ECHO-RQ, Message ID 7, worked out by hand from PS3.7 Table 9.3-12 and PS3.5 section 7.1.3
     * (implicit VR: tag group LE, element LE, 4-byte length LE, value):
     * 17-char UID padded with NUL to 18: 8+18=26; three US: 3*(8+2)=30; group length 56 = 0x38.
     */
    static final String ECHO_RQ_7 = ""
            + "00000000" + "04000000" + "38000000"                               // (0000,0000) UL 56
            + "00000200" + "12000000" + hex("1.2.840.10008.1.1") + "00"          // (0000,0002) UI
            + "00000001" + "02000000" + "3000"                                   // (0000,0100) US 0030
            + "00001001" + "02000000" + "0700"                                   // (0000,0110) US 7
            + "00000008" + "02000000" + "0101";                                  // (0000,0800) US 0101

    private static String hex(String ascii) {
        return HexFormat.of().formatHex(ascii.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }

    @Test
    void cEchoRqGoldenBytes() throws Exception {
        byte[] encoded = Commands.encode(Commands.cEchoRq(7));
        assertEquals(ECHO_RQ_7, HexFormat.of().formatHex(encoded));
        assertEquals(68, encoded.length);
        Command back = Commands.decode(encoded, 0, encoded.length);
        assertEquals(CommandField.C_ECHO_RQ, back.commandField());
        assertEquals(7, back.messageId());
        assertEquals(UID.VerificationSOPClass, back.affectedSopClassUid());
        assertFalse(back.hasDataSet());
        assertFalse(back.contains(Tag.CommandGroupLength), "group length is framing, dropped on decode");
    }

    @Test
    void cEchoRspEchoesTheSopClass() throws Exception {
        Command rsp = Commands.response(Commands.cEchoRq(0xFFFF), Status.SUCCESS);
        byte[] b = Commands.encode(rsp);
        // (0000,0000) 12 + (0000,0002) 26 + four US (0100, 0120, 0800, 0900) 40
        assertEquals(78, b.length);
        assertEquals("0000000004000000" + "42000000", HexFormat.of().formatHex(b, 0, 12));
        Command back = Commands.decode(b, 0, b.length);
        assertEquals(0xFFFF, back.messageIdBeingRespondedTo());
        assertEquals(UID.VerificationSOPClass, back.affectedSopClassUid());
        assertEquals(0, back.status());
    }

    // ---- factories against the tables -----------------------------------------------------------

    @Test
    void everyFactoryValidates() {
        for (Command c : allRequests()) {
            assertEquals(List.of(), Commands.validate(c), c.toString());
        }
        for (Command c : allResponses()) {
            assertEquals(List.of(), Commands.validate(c), c.toString());
        }
        assertEquals(CommandField.values().length, allRequests().stream().map(Command::commandField).distinct().count()
                + allResponses().stream().map(Command::commandField).distinct().count());
    }

    @Test
    void roundTripsEveryCommand() throws Exception {
        List<Command> all = new ArrayList<>(allRequests());
        all.addAll(allResponses());
        for (Command c : all) {
            byte[] b = Commands.encode(c);
            byte[] framed = new byte[b.length + 5];
            System.arraycopy(b, 0, framed, 3, b.length);
            Command back = Commands.decode(framed, 3, b.length);
            assertEquals(c, back, c.toString());
            assertArrayEquals(b, Commands.encode(back), c.toString());
            int groupLength = (b[8] & 0xFF) | (b[9] & 0xFF) << 8 | (b[10] & 0xFF) << 16 | (b[11] & 0xFF) << 24;
            assertEquals(b.length - 12, groupLength, c.toString());
        }
    }

    @Test
    void requestsCarryWhatTheyWereGiven() {
        Command store = Commands.cStoreRq(3, CT, IUID, Command.PRIORITY_LOW, "MOVESCU", 77);
        assertEquals(3, store.messageId());
        assertEquals(CT, store.affectedSopClassUid());
        assertEquals(IUID, store.affectedSopInstanceUid());
        assertEquals(Command.PRIORITY_LOW, store.priority());
        assertEquals("MOVESCU", store.moveOriginatorAeTitle());
        assertEquals(77, store.moveOriginatorMessageId());
        assertTrue(store.hasDataSet());
        assertEquals(Command.DATA_SET_PRESENT, store.commandDataSetType());

        Command plain = Commands.cStoreRq(2, CT, IUID, Command.PRIORITY_MEDIUM);
        assertNull(plain.moveOriginatorAeTitle());
        assertEquals(-1, plain.moveOriginatorMessageId());
        assertEquals(-1, plain.status());

        assertEquals("STORESCP", Commands.cMoveRq(5, STUDY_MOVE, 0, "STORESCP").moveDestination());
        assertEquals(5, Commands.cCancelRq(5).messageIdBeingRespondedTo());
        assertEquals(-1, Commands.cCancelRq(5).messageId());

        Command action = Commands.nActionRq(10, COMMIT, COMMIT_IUID, 1);
        assertEquals(COMMIT, action.requestedSopClassUid());
        assertEquals(COMMIT_IUID, action.requestedSopInstanceUid());
        assertEquals(COMMIT, action.sopClassUid());
        assertNull(action.affectedSopClassUid());
        assertEquals(1, action.actionTypeId());

        assertArrayEquals(new int[] {Tag.PatientName, Tag.PatientID},
                Commands.nGetRq(8, "1.2.3", "1.2.4", Tag.PatientName, Tag.PatientID).attributeIdentifierList());
        assertFalse(Commands.nGetRq(8, "1.2.3", "1.2.4").contains(Tag.AttributeIdentifierList));
        assertEquals(2, Commands.nEventReportRq(7, COMMIT, COMMIT_IUID, 2).eventTypeId());
    }

    @Test
    void responsesEchoWhatPs37Requires() {
        Command store = Commands.response(Commands.cStoreRq(2, CT, IUID, 0), Status.SUCCESS);
        assertEquals(CommandField.C_STORE_RSP, store.commandField());
        assertEquals(2, store.messageIdBeingRespondedTo());
        assertEquals(CT, store.affectedSopClassUid());
        assertEquals(IUID, store.affectedSopInstanceUid());
        assertFalse(store.hasDataSet());
        assertEquals(-1, store.priority());

        Command action = Commands.response(Commands.nActionRq(10, COMMIT, COMMIT_IUID, 1), Status.SUCCESS);
        assertEquals(COMMIT, action.affectedSopClassUid());
        assertEquals(COMMIT_IUID, action.affectedSopInstanceUid());
        assertNull(action.requestedSopClassUid());
        assertEquals(1, action.actionTypeId());

        Command event = Commands.response(Commands.nEventReportRq(7, COMMIT, COMMIT_IUID, 2), Status.SUCCESS);
        assertEquals(2, event.eventTypeId());
        assertEquals(COMMIT_IUID, event.affectedSopInstanceUid());

        Command findRq = Commands.cFindRq(4, STUDY_FIND, 0);
        assertTrue(Commands.response(findRq, Status.PENDING).hasDataSet());
        assertFalse(Commands.response(findRq, Status.SUCCESS).hasDataSet());
        assertFalse(Commands.response(findRq, Status.SUCCESS).contains(Tag.AffectedSOPInstanceUID));
        assertTrue(Commands.response(Commands.nGetRq(1, "1.2", "1.3"), Status.SUCCESS).hasDataSet());

        Command created = Commands.response(Commands.nCreateRq(11, "1.2.3", null), Status.SUCCESS);
        assertNull(created.affectedSopInstanceUid());
        assertEquals("1.2.3.99", created.withAffectedSopInstanceUid("1.2.3.99").affectedSopInstanceUid());

        assertThrows(IllegalArgumentException.class, () -> Commands.response(Commands.cCancelRq(1), 0));
        assertThrows(IllegalArgumentException.class, () -> Commands.response(store, 0));
    }

    @Test
    void helpersReturnNewCommands() {
        Command pending = Commands.response(Commands.cMoveRq(5, STUDY_MOVE, 0, "DEST"), Status.PENDING);
        Command counted = pending.withSubOperations(10, 2, 1, 0);
        assertEquals(-1, pending.numberOfRemainingSubOperations(), "original unchanged");
        assertEquals(10, counted.numberOfRemainingSubOperations());
        assertEquals(2, counted.numberOfCompletedSubOperations());
        assertEquals(1, counted.numberOfFailedSubOperations());
        assertEquals(0, counted.numberOfWarningSubOperations());
        Command fin = counted.withStatus(Status.SUCCESS).withSubOperations(-1, 12, 0, 0);
        assertFalse(fin.contains(Tag.NumberOfRemainingSuboperations));
        assertEquals(0, fin.status());

        Command failed = Commands.response(Commands.cStoreRq(2, CT, IUID, 0), Status.CANNOT_UNDERSTAND)
                .withOffendingElement(Tag.PatientID, Tag.StudyInstanceUID)
                .withErrorComment("bad \\ value é " + "x".repeat(100));
        assertArrayEquals(new int[] {Tag.PatientID, Tag.StudyInstanceUID}, failed.offendingElement());
        assertEquals(64, failed.errorComment().length());
        assertTrue(failed.errorComment().startsWith("bad / value ? x"), failed.errorComment());
        assertEquals(List.of(), Commands.validate(failed));
        assertFalse(failed.withErrorComment(null).contains(Tag.ErrorComment));

        DataSet copy = failed.dataSet();
        copy.setInt(Tag.Status, VR.US, 0);
        assertEquals(Status.CANNOT_UNDERSTAND, failed.status(), "dataSet() is a copy");
        assertEquals(0, Command.of(copy).status());
    }

    @Test
    void factoriesRejectBadArguments() {
        assertThrows(IllegalArgumentException.class, () -> Commands.cEchoRq(0x10000));
        assertThrows(IllegalArgumentException.class, () -> Commands.cEchoRq(-1));
        assertThrows(IllegalArgumentException.class, () -> Commands.cStoreRq(1, CT, null, 0));
        assertThrows(IllegalArgumentException.class, () -> Commands.cFindRq(1, STUDY_FIND, 3));
        assertThrows(IllegalArgumentException.class, () -> Commands.cMoveRq(1, STUDY_MOVE, 0, ""));
        assertThrows(IllegalArgumentException.class, () -> Commands.cMoveRq(1, STUDY_MOVE, 0, "A23456789ABCDEF01"));
        assertThrows(IllegalArgumentException.class, () -> Commands.nActionRq(1, COMMIT, null, 1));
        assertThrows(IllegalArgumentException.class, () -> Command.of(new DataSet()));
    }

    @Test
    void toStringIsReadable() {
        assertEquals("C-ECHO-RQ[id=1, cuid=1.2.840.10008.1.1]", Commands.cEchoRq(1).toString());
        String move = Commands.response(Commands.cMoveRq(5, STUDY_MOVE, 0, "DEST"), Status.PENDING)
                .withSubOperations(3, 1, 0, 0).toString();
        assertEquals("C-MOVE-RSP[rspTo=5, status=FF00, cuid=" + STUDY_MOVE + ", subops=3/1/0/0]", move);
    }
}
