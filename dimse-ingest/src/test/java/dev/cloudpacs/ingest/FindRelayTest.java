package dev.cloudpacs.ingest;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.cloudpacs.contracts.find.FindStream;
import dev.cloudpacs.dicom.core.Tag;
import dev.cloudpacs.dicom.core.VR;
import dev.cloudpacs.dicom.core.data.DataSet;
import dev.cloudpacs.dicom.core.io.TransferSyntax;
import dev.cloudpacs.dicom.net.assoc.Association;
import dev.cloudpacs.dicom.net.assoc.AssociationOptions;
import dev.cloudpacs.dicom.net.assoc.AssociationRequest;
import dev.cloudpacs.dicom.net.assoc.Connector;
import dev.cloudpacs.dicom.net.dimse.Command;
import dev.cloudpacs.dicom.net.dimse.Status;
import dev.cloudpacs.dicom.net.service.EchoScu;
import dev.cloudpacs.dicom.net.service.QueryRetrieveScu;
import dev.cloudpacs.dicom.net.service.VerificationScp;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * C-FIND through the front door, relayed over real HTTP to a stand-in for query-service that speaks the
 * {@link FindStream} protocol on the port {@link InfraResource} configured as {@code pacs.query.service-url}.
 */
@QuarkusTest
@QuarkusTestResource(value = InfraResource.class, restrictToAnnotatedClass = false)
class FindRelayTest {
    private static final String FINDSCU = "/usr/bin/findscu";

    /** What the stand-in answers after the 200 headers, written to the response body. */
    interface Answer {
        void write(OutputStream out) throws Exception;
    }

    /** One request the stand-in received. */
    record Received(Map<String, String> params, String contentType, DataSet identifier) {
    }

    private HttpServer standIn;
    private ExecutorService standInThreads;
    private volatile Answer answer;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private Association as;

    @BeforeEach
    void start() throws IOException {
        standInThreads = Executors.newVirtualThreadPerTaskExecutor();
        standIn = HttpServer.create(new InetSocketAddress("127.0.0.1", InfraResource.queryPort), 16);
        standIn.setExecutor(standInThreads);
        standIn.createContext(FindStream.PATH, this::serve);
        standIn.start();
    }

    @AfterEach
    void stop() throws IOException {
        if (as != null) {
            as.release();
        }
        stopStandIn();
    }

    private void stopStandIn() {
        if (standIn != null) {
            standIn.stop(0);
            standIn = null;
            standInThreads.shutdownNow();
        }
    }

    private void serve(HttpExchange ex) throws IOException {
        try (ex) {
            DataSet identifier = FindStream.decodeIdentifier(ex.getRequestBody());
            received.add(new Received(params(ex.getRequestURI().getRawQuery()),
                    ex.getRequestHeaders().getFirst("Content-Type"), identifier));
            ex.getResponseHeaders().set("Content-Type", FindStream.MEDIA_TYPE);
            ex.sendResponseHeaders(200, 0);
            OutputStream out = ex.getResponseBody();
            answer.write(out);
            out.close();
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(e);
        }
    }

    private static Map<String, String> params(String rawQuery) {
        Map<String, String> m = new HashMap<>();
        for (String kv : rawQuery.split("&")) {
            int eq = kv.indexOf('=');
            m.put(URLDecoder.decode(kv.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return m;
    }

    private Association connect() throws Exception {
        AssociationRequest rq = new AssociationRequest("FINDSCU", "PACS");
        rq.addContext(VerificationScp.VERIFICATION, List.of(TransferSyntax.IMPLICIT_VR_LE.uid()));
        rq.addContext(QueryRetrieveScu.STUDY_ROOT_FIND, List.of(TransferSyntax.EXPLICIT_VR_LE.uid()));
        rq.addContext(QueryRetrieveScu.PATIENT_ROOT_FIND, List.of(TransferSyntax.IMPLICIT_VR_LE.uid()));
        as = Connector.connect("127.0.0.1", InfraResource.dimsePort, rq, AssociationOptions.DEFAULT, null, null);
        return as;
    }

    private static DataSet keys(String patientId) {
        DataSet ds = new DataSet();
        ds.setString(Tag.QueryRetrieveLevel, VR.CS, "STUDY");
        ds.setString(Tag.PatientID, VR.LO, patientId);
        ds.setString(Tag.StudyInstanceUID, VR.UI);
        return ds;
    }

    private static DataSet match(String patientId, int n) {
        DataSet ds = new DataSet();
        ds.setString(Tag.QueryRetrieveLevel, VR.CS, "STUDY");
        ds.setString(Tag.PatientID, VR.LO, patientId);
        ds.setString(Tag.StudyInstanceUID, VR.UI, "1.2.826.0.1.3680043.2.1125.7." + n);
        return ds;
    }

    private static String hex(int status) {
        return String.format("%04X", status);
    }

    @Test
    void matchesAndSuccessAreRelayed() throws Exception {
        answer = out -> {
            for (int i = 1; i <= 3; i++) {
                FindStream.writeMatch(out, match("PAT-1", i));
            }
            FindStream.writeEnd(out, Status.SUCCESS, "");
        };
        List<DataSet> matches = new CopyOnWriteArrayList<>();
        Command rsp = QueryRetrieveScu.find(connect(), QueryRetrieveScu.STUDY_ROOT_FIND, keys("PAT-1"), matches::add)
                .await();
        assertEquals(Status.SUCCESS, rsp.status(), () -> hex(rsp.status()) + " " + rsp.errorComment());
        assertEquals(null, rsp.errorComment());
        assertEquals(3, matches.size());
        for (int i = 0; i < 3; i++) {
            assertEquals("1.2.826.0.1.3680043.2.1125.7." + (i + 1), matches.get(i).getString(Tag.StudyInstanceUID));
            assertEquals("PAT-1", matches.get(i).getString(Tag.PatientID));
        }
        assertEquals(1, received.size());
        Received r = received.get(0);
        assertEquals("PAT-1", r.identifier().getString(Tag.PatientID));
        assertEquals("STUDY", r.identifier().getString(Tag.QueryRetrieveLevel));
        assertEquals(FindStream.MEDIA_TYPE, r.contentType());
        assertEquals(Map.of("model", QueryRetrieveScu.STUDY_ROOT_FIND, "calling", "FINDSCU", "called", "PACS"),
                r.params());
    }

    @Test
    void patientRootOnImplicitLittleEndian() throws Exception {
        answer = out -> {
            FindStream.writeMatch(out, match("PAT-2", 1));
            FindStream.writeEnd(out, Status.SUCCESS, "");
        };
        List<DataSet> matches = new CopyOnWriteArrayList<>();
        DataSet keys = keys("PAT-2");
        Command rsp = QueryRetrieveScu.find(connect(), QueryRetrieveScu.PATIENT_ROOT_FIND, keys, matches::add).await();
        assertEquals(Status.SUCCESS, rsp.status());
        assertEquals(1, matches.size());
        assertEquals("PAT-2", matches.get(0).getString(Tag.PatientID));
        assertEquals(QueryRetrieveScu.PATIENT_ROOT_FIND, received.get(0).params().get("model"));
    }

    @Test
    void failureStatusAndCommentAreRelayed() throws Exception {
        answer = out -> FindStream.writeEnd(out, Status.IDENTIFIER_DOES_NOT_MATCH_SOP_CLASS,
                "Query/Retrieve Level SERIES needs a Study Instance UID");
        Command rsp = QueryRetrieveScu.find(connect(), QueryRetrieveScu.STUDY_ROOT_FIND, keys("PAT-3"), null).await();
        assertEquals(0xA900, rsp.status(), () -> hex(rsp.status()));
        assertEquals("Query/Retrieve Level SERIES needs a Study Instance UID", rsp.errorComment());
    }

    @Test
    void unreachableQueryServiceIsA700AndTheAssociationLivesOn() throws Exception {
        stopStandIn();
        Association a = connect();
        long t0 = System.nanoTime();
        Command rsp = QueryRetrieveScu.find(a, QueryRetrieveScu.STUDY_ROOT_FIND, keys("PAT-4"), null).await();
        assertEquals(Status.OUT_OF_RESOURCES, rsp.status(), () -> hex(rsp.status()));
        assertNotNull(rsp.errorComment());
        assertTrue(rsp.errorComment().contains("query service"), rsp.errorComment());
        assertTrue(rsp.errorComment().contains("connection refused"), rsp.errorComment());
        assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(5), "answered within a few seconds");
        assertEquals(Status.SUCCESS, EchoScu.echo(a));
    }

    @Test
    void httpErrorIsA700() throws Exception {
        standIn.removeContext(FindStream.PATH);
        standIn.createContext(FindStream.PATH, ex -> {
            try (ex) {
                ex.getRequestBody().readAllBytes();
                ex.sendResponseHeaders(503, -1);
            }
        });
        Command rsp = QueryRetrieveScu.find(connect(), QueryRetrieveScu.STUDY_ROOT_FIND, keys("PAT-5"), null).await();
        assertEquals(Status.OUT_OF_RESOURCES, rsp.status(), () -> hex(rsp.status()));
        assertTrue(rsp.errorComment().contains("HTTP 503"), rsp.errorComment());
    }

    @Test
    void noAnswerWithinTheTimeoutIsA700() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        standIn.removeContext(FindStream.PATH);
        standIn.createContext(FindStream.PATH, ex -> {
            try (ex) {
                ex.getRequestBody().readAllBytes();
                release.await(20, TimeUnit.SECONDS);
                ex.sendResponseHeaders(500, -1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Association a = connect();
        long t0 = System.nanoTime();
        Command rsp = QueryRetrieveScu.find(a, QueryRetrieveScu.STUDY_ROOT_FIND, keys("PAT-6"), null).await();
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        release.countDown();
        assertEquals(Status.OUT_OF_RESOURCES, rsp.status(), () -> hex(rsp.status()));
        assertTrue(rsp.errorComment().contains("no answer within 2 s"), rsp.errorComment());
        assertTrue(ms >= 1500 && ms < 6000, "answered after the 2 s timeout: " + ms + " ms");
        assertEquals(Status.SUCCESS, EchoScu.echo(a));
    }

    /** Something the stand-in writes to query-service's response. */
    private interface Write {
        void to(OutputStream out) throws IOException;
    }

    /**
     * Writes every 100 ms for up to 10 s until the front door hangs up; completes {@code gone} with how long
     * that took, or with an AssertionError if it never did.
     */
    private static void writeUntilHungUp(OutputStream out, Write write, CompletableFuture<Long> gone)
            throws InterruptedException {
        long t0 = System.nanoTime();
        try {
            while (System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(10)) {
                Thread.sleep(100);
                write.to(out);
                out.flush();
            }
            gone.completeExceptionally(new AssertionError("connection still open after 10 s"));
        } catch (IOException e) {
            gone.complete(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
        }
    }

    @Test
    void cancelClosesTheCallAndAnswersFE00() throws Exception {
        CountDownLatch cancelSent = new CountDownLatch(1);
        CompletableFuture<Long> clientGoneAfterMs = new CompletableFuture<>();
        answer = out -> {
            FindStream.writeMatch(out, match("PAT-7", 1));
            out.flush();
            // Stall: no more frames until the SCU has cancelled; then the front door must have hung up.
            cancelSent.await(30, TimeUnit.SECONDS);
            writeUntilHungUp(out, o -> FindStream.writeMatch(o, match("PAT-7", 2)), clientGoneAfterMs);
        };
        Association a = connect();
        CountDownLatch firstMatch = new CountDownLatch(1);
        List<DataSet> matches = new CopyOnWriteArrayList<>();
        QueryRetrieveScu.Operation op = QueryRetrieveScu.find(a, QueryRetrieveScu.STUDY_ROOT_FIND, keys("PAT-7"), m -> {
            matches.add(m);
            firstMatch.countDown();
        });
        assertTrue(firstMatch.await(10, TimeUnit.SECONDS), "first match");
        op.cancel();
        cancelSent.countDown();
        Command rsp = op.await();
        assertEquals(Status.CANCEL, rsp.status(), () -> hex(rsp.status()));
        assertEquals(1, matches.size());
        long ms = clientGoneAfterMs.get(15, TimeUnit.SECONDS);
        assertTrue(ms < 5000, "front door closed the query-service call after " + ms + " ms");
        assertEquals(Status.SUCCESS, EchoScu.echo(a));
    }

    @Test
    void theEndOfTheAssociationClosesAStalledCall() throws Exception {
        CountDownLatch aborted = new CountDownLatch(1);
        CompletableFuture<Long> clientGoneAfterMs = new CompletableFuture<>();
        answer = out -> {
            FindStream.writeMatch(out, match("PAT-8", 1));
            out.flush();
            aborted.await(30, TimeUnit.SECONDS);
            // The start of a frame, then a byte at a time: the relay stays blocked inside the frame, so
            // only the end of the association can make the front door hang up.
            out.write(new byte[]{'M', 0, 0, 0, 100});
            out.flush();
            writeUntilHungUp(out, o -> o.write(0), clientGoneAfterMs);
        };
        Association a = connect();
        CountDownLatch firstMatch = new CountDownLatch(1);
        QueryRetrieveScu.find(a, QueryRetrieveScu.STUDY_ROOT_FIND, keys("PAT-8"), m -> firstMatch.countDown());
        assertTrue(firstMatch.await(10, TimeUnit.SECONDS), "first match");
        a.abort("requester gone");
        aborted.countDown();
        long ms = clientGoneAfterMs.get(15, TimeUnit.SECONDS);
        assertTrue(ms < 5000, "front door closed the query-service call after " + ms + " ms");
    }

    @Test
    void truncatedStreamIsA700() throws Exception {
        answer = out -> FindStream.writeMatch(out, match("PAT-8", 1)); // and no end frame
        List<DataSet> matches = new CopyOnWriteArrayList<>();
        Association a = connect();
        Command rsp = QueryRetrieveScu.find(a, QueryRetrieveScu.STUDY_ROOT_FIND, keys("PAT-8"), matches::add).await();
        assertEquals(Status.OUT_OF_RESOURCES, rsp.status(), () -> hex(rsp.status()));
        assertTrue(rsp.errorComment().contains("query service"), rsp.errorComment());
        assertEquals(1, matches.size());
        assertEquals(Status.SUCCESS, EchoScu.echo(a));
    }

    @Test
    void malformedStreamIsA700() throws Exception {
        answer = out -> out.write(new byte[]{'X', 0, 0, 0, 2, 1, 2});
        Command rsp = QueryRetrieveScu.find(connect(), QueryRetrieveScu.STUDY_ROOT_FIND, keys("PAT-9"), null).await();
        assertEquals(Status.OUT_OF_RESOURCES, rsp.status(), () -> hex(rsp.status()));
        assertTrue(rsp.errorComment().contains("query service"), rsp.errorComment());
    }

    @Test
    void dcmtkFindscu() throws Exception {
        boolean present = Files.isExecutable(Path.of(FINDSCU));
        if (!present) {
            System.err.println("DCMTK findscu not installed (apt-get install dcmtk): skipping interop test");
        }
        Assumptions.assumeTrue(present, "DCMTK findscu not installed (apt-get install dcmtk): skipping interop test");
        answer = out -> {
            FindStream.writeMatch(out, match("X", 42));
            FindStream.writeEnd(out, Status.SUCCESS, "");
        };
        ProcessBuilder pb = new ProcessBuilder(FINDSCU, "-v", "-S", "-aet", "DCMTKFIND", "-aec", "PACS",
                "-k", "QueryRetrieveLevel=STUDY", "-k", "PatientID=X", "-k", "StudyInstanceUID",
                "127.0.0.1", Integer.toString(InfraResource.dimsePort)).redirectErrorStream(true);
        pb.environment().put("TCP_NODELAY", "1");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("1.2.826.0.1.3680043.2.1125.7.42"), out);
        assertEquals("X", received.get(0).identifier().getString(Tag.PatientID));
        assertEquals("DCMTKFIND", received.get(0).params().get("calling"));
    }
}
