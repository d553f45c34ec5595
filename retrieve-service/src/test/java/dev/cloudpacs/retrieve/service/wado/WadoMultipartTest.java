package dev.cloudpacs.retrieve.service.wado;

import dev.cloudpacs.retrieve.Multipart;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Multipart framing and bulk data paths. */
class WadoMultipartTest {
    @Test
    void partsComeBackExactlyAsWritten() throws Exception {
        String boundary = MultipartWriter.newBoundary();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        MultipartWriter mp = new MultipartWriter(out, boundary);
        byte[] tricky = ("\r\n--" + "not-the-boundary\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] empty = new byte[0];
        for (byte[] body : List.of(tricky, empty)) {
            try (OutputStream part = mp.startPart(Map.of("Content-Type", "application/dicom"))) {
                part.write(body);
            }
        }
        mp.finish();
        String ct = MultipartWriter.contentType("application/dicom", boundary);
        List<Multipart.Part> parts = Multipart.parse(out.toByteArray(), ct);
        assertEquals(2, parts.size());
        assertArrayEquals(tricky, parts.get(0).body());
        assertArrayEquals(empty, parts.get(1).body());
        assertEquals("application/dicom", parts.get(0).contentType());
        assertEquals("application/dicom", Multipart.param(ct, "type"));
    }

    @Test
    void tagPathsRoundTrip() throws Exception {
        int[] path = {0x00540016, 0, 0x00181078};
        assertEquals("00540016/0/00181078", TagPath.format(path));
        assertArrayEquals(path, TagPath.parse("00540016/0/00181078"));
        assertArrayEquals(new int[] {0x7FE00010}, TagPath.parse("7fe00010"));
        assertEquals(400, assertThrows(WadoException.class, () -> TagPath.parse("00540016/0")).status());
        assertEquals(400, assertThrows(WadoException.class, () -> TagPath.parse("7FE0001G")).status());
        assertEquals(400, assertThrows(WadoException.class, () -> TagPath.parse("00540016/x/00181078")).status());
    }
}
