package dev.cloudpacs.contracts.retrieve;

import dev.cloudpacs.dicom.net.dimse.Status;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The internal C-MOVE stream: what the front door reads is what retrieve-service wrote, and a cut is seen. */
class MoveStreamTest {
    private static final RetrieveProgress PENDING = new RetrieveProgress("j1", Status.PENDING, 3, 2, 0, 0, List.of(), null);
    private static final RetrieveProgress FINAL = new RetrieveProgress("j1",
            Status.SUBOPERATIONS_COMPLETE_ONE_OR_MORE_FAILURES, 0, 4, 1, 0, List.of("1.2.3"), "1 refused");

    private static byte[] stream() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        MoveStream.writeStarted(out);
        MoveStream.writeProgress(out, PENDING);
        MoveStream.writeProgress(out, FINAL);
        return bytes.toByteArray();
    }

    @Test
    void progressArrivesAsWritten() throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(stream()));
        MoveStream.readStarted(in);
        assertEquals(PENDING, MoveStream.readProgress(in));
        assertEquals(FINAL, MoveStream.readProgress(in));
        assertThrows(EOFException.class, () -> MoveStream.readProgress(in), "nothing after the final status");
    }

    @Test
    void aStreamCutOffInsideAFrameOrBeforeTheStartIsAnError() throws IOException {
        byte[] all = stream();
        DataInputStream cut = new DataInputStream(new ByteArrayInputStream(Arrays.copyOf(all, all.length - 3)));
        MoveStream.readStarted(cut);
        MoveStream.readProgress(cut);
        assertThrows(EOFException.class, () -> MoveStream.readProgress(cut));
        assertThrows(IOException.class, () -> MoveStream.readStarted(new DataInputStream(new ByteArrayInputStream(new byte[0]))));
        byte[] noStart = Arrays.copyOfRange(all, 5, all.length);
        assertThrows(IOException.class, () -> MoveStream.readStarted(new DataInputStream(new ByteArrayInputStream(noStart))));
    }

    @Test
    void anAbsurdFrameLengthIsRefusedBeforeAnythingIsAllocated() {
        byte[] frame = {'P', 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff};
        IOException e = assertThrows(IOException.class,
                () -> MoveStream.readProgress(new DataInputStream(new ByteArrayInputStream(frame))));
        assertEquals("move stream frame of length 2147483647", e.getMessage());
    }
}
