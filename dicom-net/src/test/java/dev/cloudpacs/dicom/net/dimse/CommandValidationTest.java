package dev.cloudpacs.dicom.net.dimse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cloudpacs.dicom.core.Tag;
import dev.cloudpacs.dicom.core.UID;
import dev.cloudpacs.dicom.core.VR;
import dev.cloudpacs.dicom.core.data.DataSet;

import java.util.List;
import org.junit.jupiter.api.Test;

class CommandValidationTest {

    private static Command edit(Command c, java.util.function.Consumer<DataSet> change) {
        DataSet ds = c.dataSet();
        change.accept(ds);
        return Command.of(ds);
    }

    @Test
    void missingMandatoryElement() {
        Command c = edit(Commands.cStoreRq(1, UID.CTImageStorage, "1.2.3", 0),
                ds -> ds.remove(Tag.AffectedSOPInstanceUID));
        assertEquals(List.of("C-STORE-RQ: missing mandatory AffectedSOPInstanceUID (0000,1000)"), Commands.validate(c));
    }

    @Test
    void emptyMandatoryElement() {
        Command c = edit(Commands.cEchoRq(1), ds -> ds.setValue(Tag.AffectedSOPClassUID, VR.UI, new byte[0]));
        assertEquals(List.of("C-ECHO-RQ: mandatory AffectedSOPClassUID (0000,0002) is empty"), Commands.validate(c));
    }

    @Test
    void elementNotAllowed() {
        Command c = edit(Commands.cEchoRq(1), ds -> ds.setInt(Tag.Priority, VR.US, 0));
        assertEquals(List.of("C-ECHO-RQ: Priority (0000,0700) is not allowed"), Commands.validate(c));
        Command find = edit(Commands.cFindRq(1, UID.FINDStudyRootQueryRetrieveInformationModel, 0),
                ds -> ds.setString(Tag.MoveDestination, VR.AE, "X"));
        assertEquals(List.of("C-FIND-RQ: MoveDestination (0000,0600) is not allowed"), Commands.validate(find));
    }

    @Test
    void dataSetWhereNoneMayBeAndNoneWhereOneMust() {
        assertEquals(List.of("C-ECHO-RQ: must not carry a data set but Command Data Set Type is 0001H"),
                Commands.validate(Commands.cEchoRq(1).withDataSet(true)));
        assertEquals(List.of("C-STORE-RQ: must carry a data set but Command Data Set Type is 0101H"),
                Commands.validate(Commands.cStoreRq(1, UID.CTImageStorage, "1.2.3", 0).withDataSet(false)));
        Command pendingFind = Commands.response(
                Commands.cFindRq(1, UID.FINDStudyRootQueryRetrieveInformationModel, 0), Status.PENDING);
        assertEquals(List.of("C-FIND-RSP: a Pending response must carry the matching identifier as its data set"),
                Commands.validate(pendingFind.withDataSet(false)));
        // Conditional data sets are fine both ways.
        assertEquals(List.of(), Commands.validate(
                Commands.nActionRq(1, SopClasses.STORAGE_COMMITMENT_PUSH_MODEL, "1.2", 1).withDataSet(false)));
    }

    @Test
    void pendingMoveNeedsItsCounts() {
        Command rsp = Commands.response(
                Commands.cMoveRq(1, UID.MOVEStudyRootQueryRetrieveInformationModel, 0, "DEST"), Status.PENDING);
        List<String> problems = Commands.validate(rsp);
        assertEquals(4, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("NumberOfRemainingSuboperations (0000,1020)"), problems.get(0));
        assertEquals(List.of(), Commands.validate(rsp.withSubOperations(1, 2, 0, 0)));
    }

    @Test
    void moveOriginatorComesInPairsAndPriorityIsChecked() {
        Command c = edit(Commands.cStoreRq(1, UID.CTImageStorage, "1.2.3", 0, "SCU", 5),
                ds -> {
                    ds.remove(Tag.MoveOriginatorMessageID);
                    ds.setInt(Tag.Priority, VR.US, 7);
                });
        List<String> problems = Commands.validate(c);
        assertEquals(2, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("Priority 7"), problems.get(0));
        assertTrue(problems.get(1).contains("Move Originator"), problems.get(1));
    }

    @Test
    void severalProblemsAreAllReported() {
        Command c = edit(Commands.response(Commands.cEchoRq(1), Status.SUCCESS), ds -> {
            ds.remove(Tag.Status);
            ds.remove(Tag.MessageIDBeingRespondedTo);
            ds.setString(Tag.MoveDestination, VR.AE, "X");
        });
        assertEquals(List.of(
                "C-ECHO-RSP: missing mandatory MessageIDBeingRespondedTo (0000,0120)",
                "C-ECHO-RSP: missing mandatory Status (0000,0900)",
                "C-ECHO-RSP: MoveDestination (0000,0600) is not allowed"), Commands.validate(c));
    }
}
