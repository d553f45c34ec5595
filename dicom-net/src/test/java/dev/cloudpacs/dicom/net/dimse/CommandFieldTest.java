package dev.cloudpacs.dicom.net.dimse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CommandFieldTest {

    @Test
    void codesAreThoseOfPs37() {
        int[][] pairs = {{0x0001, 0x8001}, {0x0010, 0x8010}, {0x0020, 0x8020}, {0x0021, 0x8021},
            {0x0030, 0x8030}, {0x0100, 0x8100}, {0x0110, 0x8110}, {0x0120, 0x8120}, {0x0130, 0x8130},
            {0x0140, 0x8140}, {0x0150, 0x8150}};
        for (int[] p : pairs) {
            CommandField rq = CommandField.of(p[0]);
            CommandField rsp = CommandField.of(p[1]);
            assertTrue(rq.isRequest(), rq.toString());
            assertFalse(rsp.isRequest(), rsp.toString());
            assertSame(rsp, rq.response());
            assertSame(rq, rsp.request());
            assertSame(rsp, rsp.response());
            assertEquals(p[0], rq.code());
            assertEquals(p[1], rsp.code());
        }
        assertEquals(23, CommandField.values().length);
    }

    @Test
    void cancelHasNoResponse() {
        assertSame(CommandField.C_CANCEL_RQ, CommandField.of(0x0FFF));
        assertTrue(CommandField.C_CANCEL_RQ.isRequest());
        assertNull(CommandField.C_CANCEL_RQ.response());
        assertFalse(CommandField.C_CANCEL_RQ.isNormalized());
    }

    @Test
    void unknownCodeIsNull() {
        assertNull(CommandField.of(0x0002));
        assertNull(CommandField.of(0x8FFF));
        assertNull(CommandField.of(-1));
    }

    @Test
    void readableNames() {
        assertEquals("C-STORE-RQ", CommandField.C_STORE_RQ.toString());
        assertEquals("C-MOVE-RSP", CommandField.C_MOVE_RSP.toString());
        assertEquals("N-EVENT-REPORT-RQ", CommandField.N_EVENT_REPORT_RQ.toString());
        assertEquals("C-CANCEL-RQ", CommandField.C_CANCEL_RQ.toString());
        assertTrue(CommandField.N_DELETE_RSP.isNormalized());
        assertFalse(CommandField.C_ECHO_RQ.isNormalized());
    }
}
