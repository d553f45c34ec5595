package dev.cloudpacs.dicom.tools.interop;

import dev.cloudpacs.dicom.net.assoc.DicomServer;
import dev.cloudpacs.dicom.tools.ToolRunner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * C-ECHO both ways between our tools and DCMTK, and the failures as each side sees them: a called AE
 * title the peer does not know (rejected by us, seen by echoscu; rejected by dcmqrscp, seen by
 * echo_scu) and a closed port.
 */
@Timeout(60)
class EchoInteropTest {
    @TempDir
    static Path tmp;
    static DcmtkNet.Server storescp;
    static DcmtkNet.Server dcmqrscp;
    static DicomServer ours;

    @BeforeAll
    static void startServers() throws Exception {
        if (!DcmtkNet.available()) {
            return; // every test is skipped, visibly, by requireDcmtk()
        }
        int port = DcmtkNet.freePort();
        Path recv = Files.createDirectories(tmp.resolve("storescp"));
        storescp = DcmtkNet.start(tmp, port, "storescp", "-aet", "STORESCP", "-od", recv.toString(),
                Integer.toString(port));
        // storescp answers to any called AE title; dcmqrscp only to the AEs in its config.
        dcmqrscp = Dcmqrscp.start(Files.createDirectories(tmp.resolve("qr")), "QRSCP", DcmtkNet.freePort(), Map.of());
        ours = OurStoreScp.start("OURSCP", 0, tmp.resolve("ours"));
    }

    @BeforeEach
    void requireDcmtk() {
        DcmtkNet.assumeAvailable();
    }

    @AfterAll
    static void stopServers() {
        if (ours != null) {
            ours.shutdown(1000);
        }
        if (storescp != null) {
            storescp.close();
        }
        if (dcmqrscp != null) {
            dcmqrscp.close();
        }
    }

    @Test
    void ourEchoScuToDcmtkStorescp() {
        ToolRunner r = ToolRunner.run("echo_scu", "-aec", "STORESCP", DcmtkNet.HOST, Integer.toString(storescp.port));
        assertEquals(0, r.status(), r.err() + "\nstorescp log:\n" + storescp.log());
        assertTrue(r.out().contains("C-ECHO to STORESCP at " + DcmtkNet.HOST + ":" + storescp.port + ": success"), r.out());
    }

    @Test
    void ourEchoScuRepeatedToDcmqrscp() {
        ToolRunner r = ToolRunner.run("echo_scu", "-aec", "QRSCP", "--repeat", "5", DcmtkNet.HOST,
                Integer.toString(dcmqrscp.port));
        assertEquals(0, r.status(), r.err() + "\ndcmqrscp log:\n" + dcmqrscp.log());
        assertEquals(5, r.out().lines().filter(l -> l.startsWith("C-ECHO response: Success")).count(), r.out());
    }

    @Test
    void dcmtkEchoscuToOurStoreScp() {
        DcmtkNet.Result r = DcmtkNet.run(tmp, "echoscu", "-v", "-aet", "ECHOSCU", "-aec", "OURSCP", DcmtkNet.HOST,
                Integer.toString(ours.port()));
        assertEquals(0, r.status(), r.all());
        assertTrue(r.all().contains("Received Echo Response (Success)"), r.all());
    }

    @Test
    void dcmtkEchoscuWithWrongCalledAeIsRejectedByUs() {
        DcmtkNet.Result r = DcmtkNet.run(tmp, "echoscu", "-aec", "WRONG", DcmtkNet.HOST, Integer.toString(ours.port()));
        assertNotEquals(0, r.status(), r.all());
        assertTrue(r.all().contains("Association Rejected"), r.all());
        assertTrue(r.all().contains("Result: Rejected Permanent, Source: Service User"), r.all());
        assertTrue(r.all().contains("Reason: Called AE Title Not Recognized"), r.all());
    }

    @Test
    void ourEchoScuWithWrongCalledAeIsRejectedByDcmqrscp() {
        ToolRunner r = ToolRunner.run("echo_scu", "-aec", "WRONG", DcmtkNet.HOST, Integer.toString(dcmqrscp.port));
        assertEquals(5, r.status(), r.out() + r.err());
        assertTrue(r.err().contains("association rejected"), r.err());
        assertTrue(r.err().contains("called AE title not recognized"), r.err());
        assertTrue(r.err().contains("-aec"), "names the option to check: " + r.err());
    }

    @Test
    void ourEchoScuToClosedPortIsRefused() {
        ToolRunner r = ToolRunner.run("echo_scu", "-aec", "ANY", DcmtkNet.HOST, Integer.toString(DcmtkNet.freePort()));
        assertEquals(3, r.status(), r.out() + r.err());
        assertTrue(r.err().contains("refused"), r.err());
    }

    @Test
    void dcmtkEchoscuToClosedPortFailsToo() {
        DcmtkNet.Result r = DcmtkNet.run(tmp, "echoscu", DcmtkNet.HOST, Integer.toString(DcmtkNet.freePort()));
        assertNotEquals(0, r.status(), r.all());
        assertTrue(r.all().contains("Connection refused"), r.all());
    }
}
