package dev.cloudpacs.dicom.net.assoc;

import dev.cloudpacs.dicom.net.dimse.Status;
import dev.cloudpacs.dicom.net.service.EchoScu;
import dev.cloudpacs.dicom.net.service.VerificationScp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ServerSocketFactory;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * DICOM over TLS with a throwaway self-signed PKCS#12 key store made by the JDK's keytool (used as key
 * store and trust store on both sides): echo over TLS, the failures of a plain client on a TLS port
 * and of a TLS client on a plain port, and a required client certificate.
 */
@Timeout(60)
class TlsTest {
    private static final char[] PASSWORD = "changeit".toCharArray();
    private static final AssociationOptions OPTIONS = AssociationOptions.DEFAULT.withArtim(3_000).withConnectTimeout(5_000)
            .withDimseTimeout(10_000);

    @TempDir
    static Path dir;
    static Path keyStore;

    private final List<AutoCloseable> cleanup = new ArrayList<>();
    private final BlockingQueue<Association> serverClosed = new LinkedBlockingQueue<>();

    @BeforeAll
    static void makeKeyStore() throws Exception {
        keyStore = dir.resolve("dicom.p12");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process p = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "dicom", "-keyalg", "EC",
                "-groupname", "secp256r1", "-dname", "CN=localhost", "-validity", "2",
                "-ext", "san=dns:localhost,ip:127.0.0.1", "-storetype", "PKCS12", "-keystore", keyStore.toString(),
                "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD))
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "keytool finished");
        assertEquals(0, p.exitValue(), "keytool: " + output);
        assertTrue(Files.size(keyStore) > 0);
    }

    @AfterEach
    void tearDown() throws Exception {
        for (AutoCloseable c : cleanup.reversed()) {
            c.close();
        }
    }

    private static Tls tls(boolean withKey, boolean requireClientCertificate) throws IOException {
        return Tls.of(withKey ? keyStore : null, withKey ? PASSWORD : null, keyStore, PASSWORD, requireClientCertificate);
    }

    private DicomServer server(ServerSocketFactory factory) throws IOException {
        HandlerRegistry handlers = VerificationScp.register(new HandlerRegistry());
        DicomServer server = DicomServer.start(InetAddress.getLoopbackAddress(), 0, factory, OPTIONS, handlers,
                new DefaultAcceptorPolicy(handlers, OPTIONS), serverClosed::add);
        cleanup.add(server);
        return server;
    }

    private static AssociationRequest echoRequest() {
        AssociationRequest r = new AssociationRequest("SCU", "SCP");
        r.addContext(VerificationScp.VERIFICATION, List.of(ScriptedPeer.IMPLICIT));
        return r;
    }

    private Association connect(int port, javax.net.SocketFactory factory) throws AssociationException {
        Association as = Connector.connect("127.0.0.1", port, echoRequest(), OPTIONS, factory, null);
        cleanup.add(() -> as.abort("test over"));
        return as;
    }

    @Test
    void echoOverTls() throws Exception {
        DicomServer server = server(tls(true, false).serverSocketFactory());
        assertTrue(server.isTls());
        Association as = connect(server.port(), tls(true, false).socketFactory());
        assertTrue(as.upperLayer().socket() instanceof javax.net.ssl.SSLSocket);
        assertEquals(Status.SUCCESS, EchoScu.echo(as));
        assertEquals(Status.SUCCESS, EchoScu.echo(as));
        as.release();
        assertTrue(!as.isOpen());
    }

    @Test
    void clientWithoutCertificateMayConnectWhenNoneIsRequired() throws Exception {
        DicomServer server = server(tls(true, false).serverSocketFactory());
        Association as = connect(server.port(), tls(false, false).socketFactory());
        assertEquals(Status.SUCCESS, EchoScu.echo(as));
        as.release();
    }

    @Test
    void plainClientAgainstTlsPortFailsSayingSo() throws Exception {
        DicomServer server = server(tls(true, false).serverSocketFactory());
        AssociationException e = assertThrows(AssociationException.class, () -> connect(server.port(), null));
        // The TLS server answers our A-ASSOCIATE-RQ with a TLS alert record, or just closes.
        assertTrue(e.kind() == AssociationException.Kind.ABORTED
                || e.kind() == AssociationException.Kind.CLOSED_DURING_NEGOTIATION, e.kind() + ": " + e.getMessage());
        assertTrue(e.getMessage().contains("is TLS enabled on one side only"), e.getMessage());
    }

    @Test
    void tlsClientAgainstPlainPortFailsWithKindTls() throws Exception {
        DicomServer server = server(null);
        AssociationException e = assertThrows(AssociationException.class,
                () -> connect(server.port(), tls(true, false).socketFactory()));
        assertEquals(AssociationException.Kind.TLS, e.kind(), e.getMessage());
        assertTrue(e.getMessage().startsWith("TLS handshake with 127.0.0.1:" + server.port() + " failed"), e.getMessage());
        assertTrue(e.getMessage().contains("is the port a TLS port?"), e.getMessage());
        Association seen = serverClosed.poll(10, TimeUnit.SECONDS);
        assertTrue(seen.endReason().toString().contains("the bytes are a TLS handshake"), String.valueOf(seen.endReason()));
    }

    @Test
    void requiredClientCertificateRefusesAClientWithoutOne() throws Exception {
        DicomServer server = server(tls(true, true).serverSocketFactory());
        AssociationException e = assertThrows(AssociationException.class,
                () -> connect(server.port(), tls(false, false).socketFactory()));
        assertEquals(AssociationException.Kind.TLS, e.kind(), e.getMessage());
        assertTrue(e.getMessage().toLowerCase().contains("certificate"), e.getMessage());
        // With a certificate the same server serves.
        Association as = connect(server.port(), tls(true, false).socketFactory());
        assertEquals(Status.SUCCESS, EchoScu.echo(as));
        as.release();
    }
}
