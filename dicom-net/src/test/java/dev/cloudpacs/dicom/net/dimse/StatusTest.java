package dev.cloudpacs.dicom.net.dimse;

import static dev.cloudpacs.dicom.net.dimse.Status.Category.CANCEL;
import static dev.cloudpacs.dicom.net.dimse.Status.Category.FAILURE;
import static dev.cloudpacs.dicom.net.dimse.Status.Category.PENDING;
import static dev.cloudpacs.dicom.net.dimse.Status.Category.SUCCESS;
import static dev.cloudpacs.dicom.net.dimse.Status.Category.WARNING;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cloudpacs.dicom.core.UID;

import java.util.List;
import org.junit.jupiter.api.Test;

class StatusTest {

    @Test
    void generalCategoryRules() {
        assertEquals(SUCCESS, Status.category(0x0000));
        assertEquals(PENDING, Status.category(0xFF00));
        assertEquals(PENDING, Status.category(0xFF01));
        assertEquals(CANCEL, Status.category(0xFE00));
        assertEquals(WARNING, Status.category(0xB000));
        assertEquals(WARNING, Status.category(0xB007));
        assertEquals(WARNING, Status.category(0x0001));
        assertEquals(WARNING, Status.category(0x0107));
        assertEquals(WARNING, Status.category(0x0116));
        for (int code : new int[] {0x0105, 0x0110, 0x0122, 0x0213, 0xA700, 0xA801, 0xA9FF, 0xC000, 0xCFFF}) {
            assertEquals(FAILURE, Status.category(code), Integer.toHexString(code));
        }
        assertTrue(Status.isPending(Status.PENDING_WARNING));
        assertFalse(PENDING.isFinal());
        assertTrue(CANCEL.isFinal());
    }

    @Test
    void everyTableRowAgreesWithTheGeneralRules() {
        // The tables are transcriptions; the general rules of PS3.7 Annex C must not contradict them.
        for (List<StatusCode> table : List.of(StatusTables.GENERAL, StatusTables.STORAGE, StatusTables.QR_FIND,
                StatusTables.QR_MOVE, StatusTables.QR_GET, StatusTables.QR_ANY, StatusTables.WORKLIST_FIND)) {
            for (StatusCode row : table) {
                assertEquals(Status.category(row.low()), row.category(), row.toString());
                assertEquals(Status.category(row.high()), row.category(), row.toString());
            }
        }
    }

    @Test
    void describeUsesTheServiceTable() {
        assertEquals("A801 Move Destination unknown (Failure)",
                Status.describe(ServiceClass.QUERY_RETRIEVE, CommandField.C_MOVE_RSP, 0xA801));
        assertEquals("A801 Move Destination unknown (Failure)", Status.describe(ServiceClass.QUERY_RETRIEVE, 0xA801));
        assertEquals("A702 Out of Resources, unable to perform sub-operations (Failure)",
                Status.describe(ServiceClass.QUERY_RETRIEVE, CommandField.C_GET_RQ, Status.UNABLE_TO_PERFORM_SUBOPERATIONS));
        assertEquals("B000 Sub-operations complete, one or more failures (Warning)",
                Status.describe(ServiceClass.QUERY_RETRIEVE, CommandField.C_MOVE_RQ, 0xB000));
        assertEquals("FF01 Matches are continuing, one or more Optional Keys were not supported (Pending)",
                Status.describe(ServiceClass.QUERY_RETRIEVE, CommandField.C_FIND_RSP, 0xFF01));
        assertEquals("FE00 Matching terminated due to Cancel request (Cancel)",
                Status.describe(ServiceClass.QUERY_RETRIEVE, CommandField.C_FIND_RQ, 0xFE00));
        assertEquals("FF00 Sub-operations are continuing (Pending)",
                Status.describe(ServiceClass.QUERY_RETRIEVE, CommandField.C_GET_RSP, 0xFF00));
        // C-FIND has no A801: it falls through to "unknown" with the general category.
        assertEquals("A801 Unknown status (Failure)",
                Status.describe(ServiceClass.QUERY_RETRIEVE, CommandField.C_FIND_RQ, 0xA801));
    }

    @Test
    void storageRangesAndWarnings() {
        assertEquals("A7A3 Out of Resources (Failure)", Status.describe(ServiceClass.STORAGE, 0xA7A3));
        assertEquals("A900 Data Set does not match SOP Class (Failure)",
                Status.describe(ServiceClass.STORAGE, Status.DATA_SET_DOES_NOT_MATCH_SOP_CLASS));
        assertEquals("C123 Cannot understand (Failure)", Status.describe(ServiceClass.STORAGE, 0xC123));
        assertEquals("B000 Coercion of Data Elements (Warning)",
                Status.describe(ServiceClass.STORAGE, Status.COERCION_OF_DATA_ELEMENTS));
        assertEquals("B006 Elements Discarded (Warning)", Status.describe(ServiceClass.STORAGE, 0xB006));
        assertEquals("B007 Data Set does not match SOP Class (Warning)", Status.describe(ServiceClass.STORAGE, 0xB007));
        assertEquals("0122 SOP Class not supported (Failure)",
                Status.describe(ServiceClass.STORAGE, Status.SOP_CLASS_NOT_SUPPORTED));
        assertEquals("0000 Success (Success)", Status.describe(ServiceClass.STORAGE, 0));
        StatusCode row = Status.lookup(ServiceClass.STORAGE, 0xA7A3);
        assertTrue(row.isRange());
        assertEquals("A700-A7FF Out of Resources (Failure)", row.toString());
    }

    @Test
    void generalStatusesForEveryService() {
        for (ServiceClass sc : ServiceClass.values()) {
            assertEquals(Status.PROCESSING_FAILURE, Status.lookup(sc, 0x0110).code());
            assertTrue(Status.describe(sc, 0x0112).startsWith("0112 No such object instance (Failure)"), sc.name());
        }
        assertEquals("0119 Class-instance conflict (Failure)",
                Status.describe(ServiceClass.STORAGE_COMMITMENT, Status.CLASS_INSTANCE_CONFLICT));
        assertEquals("0111 Duplicate SOP Instance (Failure)",
                Status.describe(ServiceClass.OTHER, Status.DUPLICATE_SOP_INSTANCE));
        assertEquals("FE00 Cancel (Cancel)", Status.describe(ServiceClass.VERIFICATION, Status.CANCEL));
        assertEquals("D001 Unknown status (Failure)", Status.describe(ServiceClass.VERIFICATION, 0xD001));
        assertEquals("BEEF Unknown status (Warning)", Status.describe(ServiceClass.OTHER, 0xBEEF));
    }

    @Test
    void worklistFind() {
        assertEquals("FF00 Matches are continuing (Pending)",
                Status.describe(ServiceClass.BASIC_WORKLIST_MANAGEMENT, 0xFF00));
        assertEquals("A700 Out of Resources (Failure)", Status.describe(ServiceClass.BASIC_WORKLIST_MANAGEMENT, 0xA700));
    }

    @Test
    void storageCommitmentFailureReasons() {
        int[] codes = {0x0110, 0x0112, 0x0119, 0x0122, 0x0131, 0x0213};
        for (int code : codes) {
            String s = Status.describeFailureReason(code);
            assertTrue(s.startsWith(String.format("%04X ", code)) && !s.contains("Unknown"), s);
        }
        assertTrue(Status.describeFailureReason(0x0131).contains("Transaction UID"));
        assertTrue(Status.describeFailureReason(Status.NO_SUCH_OBJECT_INSTANCE).startsWith("0112 No such object instance"));
        assertEquals("0999 Unknown failure reason", Status.describeFailureReason(0x0999));
    }

    @Test
    void describeAResponse() {
        Command rq = Commands.cMoveRq(1, UID.MOVEPatientRootQueryRetrieveInformationModel, 0, "NOWHERE");
        assertEquals("A801 Move Destination unknown (Failure)",
                Status.describe(Commands.response(rq, Status.MOVE_DESTINATION_UNKNOWN)));
        Command store = Commands.cStoreRq(1, UID.MRImageStorage, "1.2.3", 0);
        assertEquals("A705 Out of Resources (Failure)", Status.describe(Commands.response(store, 0xA705)));
        assertThrows(IllegalArgumentException.class, () -> Status.describe(store));
        assertThrows(IllegalArgumentException.class, () -> Status.describe(ServiceClass.STORAGE, 0x10000));
    }

    @Test
    void statusCodeRows() {
        assertThrows(IllegalArgumentException.class, () -> StatusCode.range(0xA7FF, 0xA700, FAILURE, "x"));
        StatusCode one = StatusCode.of(0xA801, FAILURE, "Move Destination unknown");
        assertFalse(one.isRange());
        assertTrue(one.matches(0xA801));
        assertFalse(one.matches(0xA802));
        assertEquals("A801 Move Destination unknown (Failure)", one.toString());
    }

    @Test
    void constants() {
        assertEquals(0xFF00, Status.PENDING);
        assertEquals(0xFF01, Status.PENDING_WARNING);
        assertEquals(0xFE00, Status.CANCEL);
        assertEquals(0xA700, Status.OUT_OF_RESOURCES);
        assertEquals(0xA900, Status.DATA_SET_DOES_NOT_MATCH_SOP_CLASS);
        assertEquals(0xC000, Status.CANNOT_UNDERSTAND);
        assertEquals(0xA801, Status.MOVE_DESTINATION_UNKNOWN);
        assertEquals(0xA702, Status.UNABLE_TO_PERFORM_SUBOPERATIONS);
        assertEquals(0xB000, Status.SUBOPERATIONS_COMPLETE_ONE_OR_MORE_FAILURES);
        assertEquals(0x0122, Status.SOP_CLASS_NOT_SUPPORTED);
        assertEquals(0x0112, Status.NO_SUCH_OBJECT_INSTANCE);
        assertEquals(0x0119, Status.CLASS_INSTANCE_CONFLICT);
        assertEquals(0x0110, Status.PROCESSING_FAILURE);
        assertEquals(0x0111, Status.DUPLICATE_SOP_INSTANCE);
    }
}
