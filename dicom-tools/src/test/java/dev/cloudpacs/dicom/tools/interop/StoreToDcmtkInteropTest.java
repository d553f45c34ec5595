package dev.cloudpacs.dicom.tools.interop;

import dev.cloudpacs.dicom.core.io.TransferSyntax;
import dev.cloudpacs.dicom.tools.ToolRunner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Our {@code store_scu} sending to DCMTK's {@code storescp} (bit-preserving, so its files hold exactly
 * the data set bytes that came over the wire): every transfer syntax arrives unchanged where storescp
 * takes it, and is converted on the fly where storescp accepts only implicit VR little endian.
 */
@Timeout(60)
class StoreToDcmtkInteropTest {
    static final int CT_COUNT = 20;

    @TempDir
    static Path tmp;
    static List<Path> files;
    static Path acceptAllDir;
    static Path implicitOnlyDir;
    static DcmtkNet.Server acceptAll;
    static DcmtkNet.Server implicitOnly;

    @BeforeAll
    static void start() throws Exception {
        if (!DcmtkNet.available()) {
            return; // every test is skipped, visibly, by requireDcmtk()
        }
        files = InteropFiles.mixed(tmp.resolve("files"), CT_COUNT);
        acceptAllDir = Files.createDirectories(tmp.resolve("recv-all"));
        implicitOnlyDir = Files.createDirectories(tmp.resolve("recv-implicit"));
        int p1 = DcmtkNet.freePort();
        // +xa: accept every syntax storescp knows; +B: write the data set exactly as received.
        acceptAll = DcmtkNet.start(tmp, p1, "storescp", "+xa", "+B", "-aet", "STORESCP", "-od",
                acceptAllDir.toString(), Integer.toString(p1));
        int p2 = DcmtkNet.freePort();
        implicitOnly = DcmtkNet.start(tmp, p2, "storescp", "+xi", "+B", "-aet", "IMPLICIT", "-od",
                implicitOnlyDir.toString(), Integer.toString(p2));
    }

    @BeforeEach
    void requireDcmtk() {
        DcmtkNet.assumeAvailable();
    }

    @AfterAll
    static void stop() {
        if (acceptAll != null) {
            acceptAll.close();
        }
        if (implicitOnly != null) {
            implicitOnly.close();
        }
    }

    private static ToolRunner storeScu(DcmtkNet.Server server, String calledAe, List<Path> send) {
        List<String> args = new ArrayList<>(List.of("store_scu", "-aec", calledAe, DcmtkNet.HOST,
                Integer.toString(server.port)));
        send.forEach(p -> args.add(p.toString()));
        return ToolRunner.run(args.toArray(String[]::new));
    }

    @Test
    void everySyntaxArrivesWithTheSameDataSet() throws Exception {
        ToolRunner r = storeScu(acceptAll, "STORESCP", List.of(tmp.resolve("files")));
        int total = CT_COUNT + 4;
        assertEquals(0, r.status(), r.out() + r.err() + "\nstorescp log:\n" + acceptAll.log());
        assertTrue(r.out().contains(total + " sent: " + total + " stored, 0 with warnings, 0 failed"), r.out());

        InteropFiles.Comparison c = InteropFiles.assertReceived(files, acceptAllDir);
        // Explicit LE, big endian, deflated and JPEG go in their own syntax, byte for byte; the implicit
        // file goes in the explicit LE that storescp prefers on the uncompressed context.
        assertEquals(TransferSyntax.EXPLICIT_VR_BE.uid(), c.receivedSyntax().get("big-endian.dcm"));
        assertEquals(TransferSyntax.DEFLATED_EXPLICIT_VR_LE.uid(), c.receivedSyntax().get("deflated.dcm"));
        assertEquals(InteropFiles.JPEG_BASELINE, c.receivedSyntax().get("jpeg-baseline.dcm"));
        assertEquals(TransferSyntax.EXPLICIT_VR_LE.uid(), c.receivedSyntax().get("implicit.dcm"));
        assertEquals(total - 1, c.byteIdentical());
        assertEquals(1, c.converted());
    }

    @Test
    void convertsOnTheFlyWhenStorescpAcceptsOnlyImplicit() throws Exception {
        List<Path> send = files.stream().filter(p -> !p.getFileName().toString().startsWith("jpeg")).toList();
        ToolRunner r = storeScu(implicitOnly, "IMPLICIT", send);
        assertEquals(0, r.status(), r.out() + r.err() + "\nstorescp log:\n" + implicitOnly.log());

        InteropFiles.Comparison c = InteropFiles.assertReceived(send, implicitOnlyDir);
        assertTrue(c.receivedSyntax().values().stream().allMatch(TransferSyntax.IMPLICIT_VR_LE.uid()::equals),
                c.receivedSyntax().toString());
        assertEquals(1, c.byteIdentical(), "only the implicit file needs no conversion");
        assertEquals(send.size() - 1, c.converted());
    }

    @Test
    void jpegCannotGoToAnImplicitOnlyPeerAndSaysWhy() throws Exception {
        Path jpeg = files.stream().filter(p -> p.getFileName().toString().startsWith("jpeg")).findFirst().orElseThrow();
        ToolRunner r = storeScu(implicitOnly, "IMPLICIT", List.of(jpeg));
        assertEquals(9, r.status(), r.out() + r.err());
        assertTrue(r.err().contains("no presentation context accepted for " + "1.2.840.10008.5.1.4.1.1.7 in "
                + InteropFiles.JPEG_BASELINE), r.err());
        assertTrue(r.out().contains("1 sent: 0 stored, 0 with warnings, 1 failed"), r.out());
        try (Stream<Path> s = Files.list(implicitOnlyDir)) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().startsWith("SC")), "nothing stored");
        }
    }
}
