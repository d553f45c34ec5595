package dev.cloudpacs.retrieve.service.wado;

import dev.cloudpacs.dicom.core.io.TransferSyntax;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Accept header parsing and what it allows: instance syntaxes and bulk data / frame media types. */
class WadoNegotiationTest {
    private static final String ELE = TransferSyntax.EXPLICIT_VR_LE.uid();
    private static final String ILE = TransferSyntax.IMPLICIT_VR_LE.uid();
    private static final String EBE = TransferSyntax.EXPLICIT_VR_BE.uid();
    private static final String JPEG = "1.2.840.10008.1.2.4.50";

    private static List<AcceptHeader.MediaRange> accept(String... headers) throws WadoException {
        return AcceptHeader.parse(headers.length == 0 ? null : Arrays.asList(headers));
    }

    @Test
    void parsesQuotedParametersAndSortsByQuality() throws WadoException {
        List<AcceptHeader.MediaRange> r = accept(
                "application/json;q=0.2, multipart/related; type=\"application/dicom\"; transfer-syntax=1.2.840.10008.1.2",
                "*/*;q=0.1");
        assertEquals(3, r.size());
        assertEquals("multipart", r.get(0).type());
        assertEquals("application/dicom", r.get(0).param("type"));
        assertEquals(ILE, r.get(0).param("transfer-syntax"));
        assertEquals("json", r.get(1).subtype());
        assertTrue(r.get(2).isWildcard());
        assertTrue(accept().get(0).isWildcard(), "no Accept header means anything");
        assertTrue(accept("").get(0).isWildcard());
        assertTrue(accept("text/html;q=0").isEmpty(), "q=0 means not acceptable");
        assertThrows(WadoException.class, () -> accept("nonsense"));
    }

    @Test
    void instancesGoAsStoredUnlessASyntaxIsAsked() throws WadoException {
        assertEquals(JPEG, SyntaxChoice.fromAccept(accept()).choose(JPEG).uid());
        assertEquals(EBE, SyntaxChoice.fromAccept(accept("application/dicom")).choose(EBE).uid());
        assertEquals(ILE, SyntaxChoice.fromAccept(accept("multipart/related; type=\"application/dicom\"; transfer-syntax=*"))
                .choose(ILE).uid());
        SyntaxChoice implicit = SyntaxChoice.fromAccept(
                accept("multipart/related; type=\"application/dicom\"; transfer-syntax=" + ILE));
        assertEquals(ILE, implicit.choose(ELE).uid());
        assertEquals(ILE, implicit.choose(EBE).uid());
        assertNull(implicit.choose(JPEG), "no decoder for JPEG");
        assertTrue(implicit.refusal(JPEG).contains("does not decompress"), implicit.refusal(JPEG));
        SyntaxChoice fallback = SyntaxChoice.fromAccept(accept(
                "multipart/related; type=\"application/dicom\"; transfer-syntax=" + ILE,
                "multipart/related; type=\"application/dicom\"; transfer-syntax=*; q=0.5"));
        assertEquals(JPEG, fallback.choose(JPEG).uid(), "the lower-quality wildcard still takes it as stored");
        assertNull(SyntaxChoice.fromAccept(accept("application/dicom; transfer-syntax=" + JPEG)).choose(ELE),
                "no encoder either");
        assertEquals(ELE, SyntaxChoice.of(null).choose(ELE).uid());
        assertEquals(406, assertThrows(WadoException.class,
                () -> SyntaxChoice.fromAccept(accept("application/dicom+json"))).status());
        assertEquals(406, assertThrows(WadoException.class,
                () -> SyntaxChoice.fromAccept(accept("multipart/related; type=\"application/octet-stream\""))).status());
        assertEquals(400, assertThrows(WadoException.class, () -> SyntaxChoice.of("1.2.x")).status());
    }

    @Test
    void framesAreOctetStreamsOrTheirImageType() throws WadoException {
        TransferSyntax ele = TransferSyntax.EXPLICIT_VR_LE;
        TransferSyntax jpeg = TransferSyntax.of(JPEG);
        assertEquals("application/octet-stream; transfer-syntax=" + ELE,
                BinaryMediaType.choose(accept(), ele, false, true));
        assertEquals("application/octet-stream", BinaryMediaType.choose(accept(), ele, false, false));
        assertEquals("application/octet-stream; transfer-syntax=" + ELE,
                BinaryMediaType.choose(accept("multipart/related; type=\"application/octet-stream\""), ele, false, true));
        assertEquals("application/octet-stream; transfer-syntax=" + JPEG,
                BinaryMediaType.choose(accept("multipart/related; type=\"application/octet-stream\"; transfer-syntax=*"),
                        jpeg, true, true));
        assertEquals("image/jpeg; transfer-syntax=" + JPEG,
                BinaryMediaType.choose(accept("multipart/related; type=\"image/jpeg\""), jpeg, true, true));
        assertEquals(406, assertThrows(WadoException.class, () -> BinaryMediaType.choose(
                accept("multipart/related; type=\"application/octet-stream\""), jpeg, true, true)).status());
        assertEquals(406, assertThrows(WadoException.class, () -> BinaryMediaType.choose(
                accept("multipart/related; type=\"image/jpeg\""), ele, false, true)).status());
        assertEquals("image/jpeg", BinaryMediaType.bare("image/jpeg; transfer-syntax=" + JPEG));
    }
}
