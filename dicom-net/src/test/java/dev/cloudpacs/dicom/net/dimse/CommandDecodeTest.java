package dev.cloudpacs.dicom.net.dimse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cloudpacs.dicom.core.Tag;
import dev.cloudpacs.dicom.core.VR;
import dev.cloudpacs.dicom.core.data.DataSet;
import dev.cloudpacs.dicom.core.io.DicomWriter;
import dev.cloudpacs.dicom.core.io.TransferSyntax;
import dev.cloudpacs.dicom.core.io.WriteOptions;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CommandDecodeTest {

    private static String decodeError(byte[] b) {
        DimseException e = assertThrows(DimseException.class, () -> Commands.decode(b, 0, b.length));
        assertTrue(e.getMessage() != null && !e.getMessage().isBlank());
        return e.getMessage();
    }

    private static byte[] encodeRaw(DataSet ds, boolean groupLength) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DicomWriter.writeDataSet(out, ds, TransferSyntax.IMPLICIT_VR_LE, new WriteOptions(
                WriteOptions.LengthEncoding.EXPLICIT,
                groupLength ? WriteOptions.GroupLength.RECALCULATE : WriteOptions.GroupLength.REMOVE));
        return out.toByteArray();
    }

    private static DataSet echo() {
        return Commands.cEchoRq(1).dataSet();
    }

    @Test
    void empty() {
        assertEquals("empty command set", decodeError(new byte[0]));
    }

    @Test
    void textIsNotACommandSet() {
        String msg = decodeError("GET / HTTP/1.1\r\nHost: example\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        assertEquals("malformed command set: unexpected end of file at offset 33 while reading value of (4547,2054)",
                msg);
    }

    @Test
    void truncated() throws Exception {
        byte[] b = Commands.encode(Commands.cEchoRq(1));
        assertEquals("malformed command set: unexpected end of file at offset 67 while reading value of (0000,0800)",
                decodeError(Arrays.copyOf(b, b.length - 1)));
    }

    @Test
    void randomGarbageNeverEscapesAsAnUncheckedException() {
        Random rnd = new Random(42);
        for (int i = 0; i < 2000; i++) {
            byte[] b = new byte[2 + rnd.nextInt(80)];
            rnd.nextBytes(b);
            if (i % 2 == 0) {
                b[0] = 0;
                b[1] = 0; // group 0000, so the parser gets further
            }
            try {
                Commands.decode(b, 0, b.length);
            } catch (DimseException expected) {
                assertTrue(expected.getMessage().startsWith("malformed command set: "), expected.getMessage());
            }
        }
    }

    @Test
    void missingCommandField() throws Exception {
        DataSet ds = echo();
        ds.remove(Tag.CommandField);
        assertEquals("no Command Field (0000,0100) in the command set", decodeError(encodeRaw(ds, true)));
    }

    @Test
    void unknownCommandField() throws Exception {
        DataSet ds = echo();
        ds.setInt(Tag.CommandField, VR.US, 0x1234);
        assertEquals("unknown Command Field 1234H", decodeError(encodeRaw(ds, true)));
    }

    @Test
    void missingDataSetType() throws Exception {
        DataSet ds = echo();
        ds.remove(Tag.CommandDataSetType);
        assertEquals("no Command Data Set Type (0000,0800) in C-ECHO-RQ", decodeError(encodeRaw(ds, true)));
    }

    @Test
    void elementOutsideGroup0000() throws Exception {
        DataSet ds = echo();
        ds.setString(Tag.PatientID, VR.LO, "X");
        assertEquals("element (0010,0020) outside group 0000 in a command set", decodeError(encodeRaw(ds, false)));
    }

    @Test
    void wrongGroupLength() throws Exception {
        byte[] b = Commands.encode(Commands.cEchoRq(1));
        b[8]++;
        String msg = decodeError(b);
        assertEquals("Command Group Length (0000,0000) says 57 bytes but 56 follow it", msg);
    }

    @Test
    void groupLengthMayBeAbsent() throws Exception {
        byte[] b = encodeRaw(echo(), false);
        assertEquals(56, b.length);
        assertEquals(Commands.cEchoRq(1), Commands.decode(b, 0, b.length));
    }

    @Test
    void commandFieldOfWrongSize() throws Exception {
        // (0000,0100) with a 4-byte value: implicit VR says US, whose single value has 2 bytes.
        byte[] b = HexFormat.of().parseHex("00000001" + "04000000" + "30000000" + "00000008" + "02000000" + "0101");
        assertEquals("command element (0000,0100) has 4 bytes; US with one value has 2", decodeError(b));
    }
}
