package dev.cloudpacs.dicom.net.pdu;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Framing PDUs off a stream: exact reads, clean and unclean ends, caps on untrusted lengths. */
class PduReaderTest {

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** Hands out at most one byte per read, as a slow socket might. */
    private static InputStream trickle(byte[] b) {
        return new FilterInputStream(new ByteArrayInputStream(b)) {
            @Override
            public int read(byte[] buf, int off, int len) throws IOException {
                return super.read(buf, off, Math.min(len, 1));
            }
        };
    }

    @Test
    void readsConsecutivePdusThenNullAtCleanEnd() throws Exception {
        AAssociateRq rq = PduGoldenAssociateTest.rq();
        byte[] big = new byte[100_000];
        Arrays.fill(big, (byte) 7);
        PDataTf data = PDataTf.of(new Pdv(1, false, true, big));
        byte[] stream = concat(PduCodec.encode(rq), PduCodec.encode(data), PduCodec.encode(AReleaseRq.INSTANCE),
                PduCodec.encode(AAbort.BY_SERVICE_USER));
        for (InputStream in : new InputStream[] {new ByteArrayInputStream(stream), trickle(stream)}) {
            PduReader reader = new PduReader(in, 200_000);
            assertEquals(rq, reader.read());
            assertEquals(data, reader.read());
            assertEquals(AReleaseRq.INSTANCE, reader.read());
            assertEquals(AAbort.BY_SERVICE_USER, reader.read());
            assertNull(reader.read());
            assertNull(reader.read());
        }
    }

    @Test
    void pdvIsValidUntilTheNextRead() throws Exception {
        byte[] first = PduCodec.encode(PDataTf.of(new Pdv(1, false, false, new byte[] {1, 2, 3})));
        byte[] second = PduCodec.encode(PDataTf.of(new Pdv(1, false, true, new byte[] {4, 5, 6})));
        PduReader reader = new PduReader(new ByteArrayInputStream(concat(first, second)), 16384);
        Pdv pdv = ((PDataTf) reader.read()).pdvs().get(0);
        byte[] kept = pdv.toByteArray();
        assertArrayEquals(new byte[] {1, 2, 3}, kept);
        Pdv next = ((PDataTf) reader.read()).pdvs().get(0);
        assertArrayEquals(new byte[] {4, 5, 6}, next.toByteArray());
        assertArrayEquals(new byte[] {4, 5, 6}, pdv.toByteArray(), "the buffer is reused, as documented");
        assertArrayEquals(new byte[] {1, 2, 3}, kept);
    }

    @Test
    void truncationsThrowEof() {
        byte[] pdu = PduCodec.encode(PduGoldenAssociateTest.rq());
        for (int cut : new int[] {1, 5, 6, 50, pdu.length - 1}) {
            PduReader reader = new PduReader(new ByteArrayInputStream(pdu, 0, cut), 16384);
            EOFException e = assertThrows(EOFException.class, reader::read, "cut at " + cut);
            assertTrue(e.getMessage().contains("truncated"), e.getMessage());
        }
    }

    @Test
    void pDataLongerThanOurMaximumIsRefusedBeforeReadingIt() throws Exception {
        byte[] pdu = PduCodec.encode(PDataTf.of(new Pdv(1, false, true, new byte[16384])));
        ByteArrayInputStream in = new ByteArrayInputStream(pdu);
        PduReader reader = new PduReader(in, 16384);
        PduException e = assertThrows(PduException.class, reader::read);
        assertEquals(AbortReason.INVALID_PDU_PARAMETER_VALUE, e.abortReason());
        assertTrue(e.getMessage().contains("16390 exceeds the maximum of 16384"), e.getMessage());
        assertEquals(pdu.length - 6, in.available(), "only the header was consumed");
        // The limit counts the bytes after the header: exactly maxPduLength is fine.
        byte[] fits = PduCodec.encode(PDataTf.of(new Pdv(1, false, true, new byte[16384 - 6])));
        assertEquals(16384, PduCodec.pduLength(fits));
        assertTrue(new PduReader(new ByteArrayInputStream(fits), 16384).read() instanceof PDataTf);
    }

    @Test
    void associationPdusAreCappedAtOneMebibyte() {
        byte[] header = Hex.parse("01 00 00100001");
        PduException e = assertThrows(PduException.class,
                () -> new PduReader(new ByteArrayInputStream(header), 0).read());
        assertEquals(AbortReason.INVALID_PDU_PARAMETER_VALUE, e.abortReason());
        assertTrue(e.getMessage().startsWith("A-ASSOCIATE-RQ, PDU length at offset 2: 1048577 exceeds"),
                e.getMessage());
    }

    @Test
    void aLyingLengthCostsNoMemory() {
        // Unlimited maximum length and a 2 GiB claim backed by 10 bytes: the reader only grows as data arrives.
        byte[] header = concat(Hex.parse("04 00 7FFFFF00"), new byte[10]);
        long before = usedMemory();
        assertThrows(EOFException.class, () -> new PduReader(new ByteArrayInputStream(header), 0).read());
        assertTrue(usedMemory() - before < 64L << 20, "no large allocation");
    }

    private static long usedMemory() {
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }

    @Test
    void unknownPduTypeIsUnrecognized() {
        PduException e = assertThrows(PduException.class,
                () -> new PduReader(new ByteArrayInputStream(Hex.parse("09 00 00000004 00000000")), 0).read());
        assertEquals(AbortReason.UNRECOGNIZED_PDU, e.abortReason());
    }

    @Test
    void invalidContentIsAPduException() {
        PduException e = assertThrows(PduException.class,
                () -> new PduReader(new ByteArrayInputStream(Hex.parse("04 00 00000000")), 0).read());
        assertEquals(AbortReason.INVALID_PDU_PARAMETER_VALUE, e.abortReason());
        assertThrows(IllegalArgumentException.class, () -> new PduReader(new ByteArrayInputStream(new byte[0]), -1));
    }
}
