package dev.cloudpacs.dicom.net.dimse;

import static dev.cloudpacs.dicom.net.dimse.DimseMessageType.DataSetPresence.ALWAYS;
import static dev.cloudpacs.dicom.net.dimse.DimseMessageType.DataSetPresence.CONDITIONAL;
import static dev.cloudpacs.dicom.net.dimse.DimseMessageType.DataSetPresence.NEVER;
import static dev.cloudpacs.dicom.net.dimse.DimseMessageType.Usage.C;
import static dev.cloudpacs.dicom.net.dimse.DimseMessageType.Usage.M;
import static dev.cloudpacs.dicom.net.dimse.DimseMessageType.Usage.U;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.cloudpacs.dicom.core.Tag;
import org.junit.jupiter.api.Test;

class DimseMessageTypeTest {

    @Test
    void everyMessageHasAnEntryWithTheCommonElements() {
        for (CommandField f : CommandField.values()) {
            DimseMessageType t = DimseMessageType.of(f);
            assertNotNull(t, f.toString());
            assertEquals(f, t.commandField());
            assertEquals(M, t.usage(Tag.CommandGroupLength), f + " group length");
            assertEquals(M, t.usage(Tag.CommandField), f + " command field");
            assertEquals(M, t.usage(Tag.CommandDataSetType), f + " data set type");
            if (f.isRequest() && f != CommandField.C_CANCEL_RQ) {
                assertEquals(M, t.usage(Tag.MessageID), f.toString());
                assertNull(t.usage(Tag.Status), f.toString());
            } else {
                assertEquals(M, t.usage(Tag.MessageIDBeingRespondedTo), f.toString());
                assertNull(t.usage(Tag.MessageID), f.toString());
            }
            if (!f.isRequest()) {
                assertEquals(M, t.usage(Tag.Status), f.toString());
                assertEquals(C, t.usage(Tag.ErrorComment), f.toString());
            }
        }
    }

    @Test
    void dimseCTables() {
        DimseMessageType store = DimseMessageType.of(CommandField.C_STORE_RQ);
        assertEquals(M, store.usage(Tag.AffectedSOPInstanceUID));
        assertEquals(M, store.usage(Tag.Priority));
        assertEquals(U, store.usage(Tag.MoveOriginatorApplicationEntityTitle));
        assertEquals(U, store.usage(Tag.MoveOriginatorMessageID));
        assertEquals(ALWAYS, store.dataSet());
        assertEquals(NEVER, DimseMessageType.of(CommandField.C_STORE_RSP).dataSet());
        assertEquals(U, DimseMessageType.of(CommandField.C_STORE_RSP).usage(Tag.AffectedSOPInstanceUID));

        assertEquals(M, DimseMessageType.of(CommandField.C_MOVE_RQ).usage(Tag.MoveDestination));
        assertNull(DimseMessageType.of(CommandField.C_GET_RQ).usage(Tag.MoveDestination));
        assertNull(DimseMessageType.of(CommandField.C_FIND_RQ).usage(Tag.AffectedSOPInstanceUID));
        assertEquals(CONDITIONAL, DimseMessageType.of(CommandField.C_FIND_RSP).dataSet());
        assertEquals(C, DimseMessageType.of(CommandField.C_MOVE_RSP).usage(Tag.NumberOfRemainingSuboperations));
        assertEquals(C, DimseMessageType.of(CommandField.C_GET_RSP).usage(Tag.NumberOfWarningSuboperations));
        assertNull(DimseMessageType.of(CommandField.C_FIND_RSP).usage(Tag.NumberOfCompletedSuboperations));

        DimseMessageType echo = DimseMessageType.of(CommandField.C_ECHO_RQ);
        assertEquals(NEVER, echo.dataSet());
        assertNull(echo.usage(Tag.Priority));
        assertEquals(5, echo.elements().size());

        DimseMessageType cancel = DimseMessageType.of(CommandField.C_CANCEL_RQ);
        assertEquals(4, cancel.elements().size());
        assertEquals(NEVER, cancel.dataSet());
    }

    @Test
    void dimseNTables() {
        DimseMessageType action = DimseMessageType.of(CommandField.N_ACTION_RQ);
        assertEquals(M, action.usage(Tag.RequestedSOPClassUID));
        assertEquals(M, action.usage(Tag.RequestedSOPInstanceUID));
        assertEquals(M, action.usage(Tag.ActionTypeID));
        assertNull(action.usage(Tag.AffectedSOPClassUID));
        assertEquals(C, DimseMessageType.of(CommandField.N_ACTION_RSP).usage(Tag.ActionTypeID));
        assertEquals(M, DimseMessageType.of(CommandField.N_EVENT_REPORT_RQ).usage(Tag.EventTypeID));
        assertEquals(U, DimseMessageType.of(CommandField.N_CREATE_RQ).usage(Tag.AffectedSOPInstanceUID));
        assertEquals(U, DimseMessageType.of(CommandField.N_GET_RQ).usage(Tag.AttributeIdentifierList));
        assertEquals(ALWAYS, DimseMessageType.of(CommandField.N_SET_RQ).dataSet());
        assertEquals(NEVER, DimseMessageType.of(CommandField.N_GET_RQ).dataSet());
        assertEquals(NEVER, DimseMessageType.of(CommandField.N_DELETE_RSP).dataSet());
    }
}
