package dev.cloudpacs.dicom.tools.interop;

import dev.cloudpacs.dicom.core.io.TransferSyntax;
import dev.cloudpacs.dicom.net.assoc.DicomServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * DCMTK's {@code storescu} sending to our {@code store_scp}. storescu re-encodes what it sends (e.g.
 * explicit sequence lengths), so each run goes twice: to us and to a bit-preserving DCMTK
 * {@code storescp}, whose files are a capture of the data set bytes on the wire. Our files must hold
 * exactly those bytes, and the same content as the originals.
 */
@Timeout(60)
class StoreFromDcmtkInteropTest {
    static final int CT_COUNT = 20;

    @TempDir
    static Path tmp;
    static List<Path> files;
    DicomServer ours;
    DcmtkNet.Server storescp;

    @BeforeAll
    static void files() throws Exception {
        if (!DcmtkNet.available()) {
            return; // every test is skipped, visibly, by requireDcmtk()
        }
        files = InteropFiles.mixed(tmp.resolve("files"), CT_COUNT);
    }

    @BeforeEach
    void requireDcmtk() {
        DcmtkNet.assumeAvailable();
    }

    @AfterEach
    void stop() {
        if (ours != null) {
            ours.shutdown(1000);
        }
        if (storescp != null) {
            storescp.close();
        }
    }

    /** Sends {@code send} with storescu to our store_scp and to storescp; returns what we stored, by file. */
    private Map<String, String> storescuToBoth(String name, List<Path> send, String... options) throws Exception {
        Path ourDir = tmp.resolve(name + "-ours");
        Path wireDir = Files.createDirectories(tmp.resolve(name + "-wire"));
        ours = OurStoreScp.start("OURSCP", 0, ourDir);
        int port = DcmtkNet.freePort();
        storescp = DcmtkNet.start(tmp, port, "storescp", "+xa", "+B", "-od", wireDir.toString(), Integer.toString(port));
        for (int p : new int[] {ours.port(), port}) {
            List<String> cmd = new ArrayList<>(List.of("storescu", "-v", "-aet", "STORESCU", "-aec", "OURSCP"));
            cmd.addAll(List.of(options));
            cmd.addAll(List.of(DcmtkNet.HOST, Integer.toString(p)));
            send.forEach(f -> cmd.add(f.toString()));
            DcmtkNet.Result r = DcmtkNet.run(tmp, cmd.toArray(String[]::new));
            assertEquals(0, r.status(), r.all());
            assertEquals(send.size(), r.all().lines().filter(l -> l.contains("Received Store Response (Success)")).count(),
                    r.all());
        }
        InteropFiles.assertReceived(InteropFiles.list(wireDir), ourDir);
        return InteropFiles.assertSameContent(send, ourDir);
    }

    @Test
    void everySyntaxArrivesWithTheSameDataSet() throws Exception {
        // -xy adds a JPEG Baseline context per SOP class next to the uncompressed one.
        Map<String, String> ts = storescuToBoth("default", files, "-xy");
        assertEquals(InteropFiles.JPEG_BASELINE, ts.get("jpeg-baseline.dcm"), "kept as it came");
        assertEquals(TransferSyntax.EXPLICIT_VR_LE.uid(), ts.get("ct00000.dcm"));
        assertEquals(TransferSyntax.EXPLICIT_VR_LE.uid(), ts.get("big-endian.dcm"), "we prefer explicit LE");
    }

    @Test
    void implicitOnlyProposalIsStoredAsImplicit() throws Exception {
        List<Path> send = files.stream().filter(p -> !p.getFileName().toString().startsWith("jpeg")).toList();
        Map<String, String> ts = storescuToBoth("implicit", send, "-xi");
        assertTrue(ts.values().stream().allMatch(TransferSyntax.IMPLICIT_VR_LE.uid()::equals), ts.toString());
    }

    @Test
    void deflatedProposalIsStoredDeflated() throws Exception {
        List<Path> send = files.subList(0, 3);
        // -xd proposes deflated explicit LE first; storescu deflates on the fly and pads the stream to even length.
        Map<String, String> ts = storescuToBoth("deflated", send, "-xd");
        assertTrue(ts.values().stream().allMatch(TransferSyntax.DEFLATED_EXPLICIT_VR_LE.uid()::equals), ts.toString());
    }

    @Test
    void bigEndianFirstProposalGetsExplicitLittleEndian() throws Exception {
        List<Path> send = files.subList(0, 3);
        Map<String, String> ts = storescuToBoth("big", send, "-xb");
        assertTrue(ts.values().stream().allMatch(TransferSyntax.EXPLICIT_VR_LE.uid()::equals), ts.toString());
    }
}
