package dev.cloudpacs.dicom.net.assoc;

import dev.cloudpacs.dicom.net.pdu.AAssociateRj;
import dev.cloudpacs.dicom.net.service.VerificationScp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Peers that hog the listener: silent connections beyond the limits are closed on arrival without a
 * thread each, and one busy calling AE or address cannot take every association.
 */
class ConnectionLimitsTest {
    private static final AssociationOptions OPTIONS = AssociationOptions.DEFAULT.withArtim(20_000);
    private final List<AutoCloseable> cleanup = new ArrayList<>();
    private DicomServer server;

    @AfterEach
    void tearDown() throws Exception {
        for (AutoCloseable c : cleanup.reversed()) {
            c.close();
        }
    }

    private void start(ConnectionLimits limits, java.util.function.UnaryOperator<DefaultAcceptorPolicy> configure)
            throws IOException {
        HandlerRegistry handlers = VerificationScp.register(new HandlerRegistry());
        DefaultAcceptorPolicy policy = configure.apply(new DefaultAcceptorPolicy(handlers, OPTIONS));
        server = DicomServer.start(InetAddress.getByName("127.0.0.1"), 0, null, OPTIONS, handlers, policy, null, limits);
        cleanup.add(server);
    }

    private Socket silent(String from) throws IOException {
        Socket s = new Socket();
        s.bind(new InetSocketAddress(from, 0));
        s.connect(new InetSocketAddress("127.0.0.1", server.port()));
        cleanup.add(s);
        return s;
    }

    private Association echo(String calling) throws AssociationException {
        AssociationRequest rq = new AssociationRequest(calling, "SCP");
        rq.addContext(ScriptedPeer.VERIFICATION, List.of(ScriptedPeer.IMPLICIT));
        Association as = Connector.connect("127.0.0.1", server.port(), rq, OPTIONS, null, null);
        cleanup.add(() -> as.release());
        return as;
    }

    private static long associationThreads(int port) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("dicom-association-" + port + "-")).count();
    }

    private void awaitConnections(int n) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 5_000;
        while (server.openConnections() != n && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(n, server.openConnections());
    }

    @Test
    void silentConnectionsFromOneAddressBeyondItsShareAreClosedWithoutAThread() throws Exception {
        start(new ConnectionLimits(0, 5), p -> p);
        for (int i = 0; i < 40; i++) {
            silent("127.0.0.1");
        }
        long deadline = System.currentTimeMillis() + 5_000;
        while (server.refusedConnections() < 35 && System.currentTimeMillis() < deadline) {
            Thread.sleep(20); // the listener works through its backlog
        }
        awaitConnections(5);
        assertEquals(35, server.refusedConnections());
        assertTrue(associationThreads(server.port()) <= 5, associationThreads(server.port()) + " threads");
        // Another host is still served while the first one hogs its share.
        Socket other = silent("127.0.0.2");
        awaitConnections(6);
        other.close();
        awaitConnections(5);
    }

    @Test
    void theTotalLimitHoldsAcrossAddresses() throws Exception {
        start(new ConnectionLimits(3, 0), p -> p);
        silent("127.0.0.1");
        silent("127.0.0.2");
        silent("127.0.0.3");
        awaitConnections(3);
        Socket fourth = silent("127.0.0.4");
        fourth.setSoTimeout(5_000);
        assertThrows(IOException.class, () -> {
            if (fourth.getInputStream().read() < 0) {
                throw new IOException("closed by the server");
            }
        });
        assertEquals(1, server.refusedConnections());
    }

    @Test
    void oneCallingAeCannotTakeEveryAssociationAndNewcomersKeepAReserve() throws Exception {
        start(ConnectionLimits.NONE, p -> p.maxAssociations(4).shares(2, 0, 1));
        echo("BUSY");
        echo("BUSY");
        AssociationException local = assertThrows(AssociationException.class, () -> echo("BUSY"));
        assertTrue(local.getMessage().contains("local limit exceeded") || local.getMessage().contains("local-limit"),
                local.getMessage());
        echo("OTHER");
        // 3 of 4 open: the last slot is kept for a calling AE holding none.
        AssociationException congestion = assertThrows(AssociationException.class, () -> echo("OTHER"));
        assertTrue(congestion.getMessage().contains("congestion"), congestion.getMessage());
        echo("NEWCOMER");
        assertEquals(AAssociateRj.Result.REJECTED_TRANSIENT, AAssociateRj.TEMPORARY_CONGESTION.result());
    }
}
