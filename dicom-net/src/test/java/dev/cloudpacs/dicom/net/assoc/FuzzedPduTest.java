package dev.cloudpacs.dicom.net.assoc;

import com.sun.management.HotSpotDiagnosticMXBean;
import dev.cloudpacs.dicom.core.Tag;
import dev.cloudpacs.dicom.core.UID;
import dev.cloudpacs.dicom.core.VR;
import dev.cloudpacs.dicom.core.data.DataSet;
import dev.cloudpacs.dicom.core.io.DicomWriter;
import dev.cloudpacs.dicom.core.io.TransferSyntax;
import dev.cloudpacs.dicom.core.io.WriteOptions;
import dev.cloudpacs.dicom.core.util.UIDs;
import dev.cloudpacs.dicom.net.dimse.Command;
import dev.cloudpacs.dicom.net.dimse.Commands;
import dev.cloudpacs.dicom.net.dimse.Status;
import dev.cloudpacs.dicom.net.pdu.AAbort;
import dev.cloudpacs.dicom.net.pdu.AAssociateAc;
import dev.cloudpacs.dicom.net.pdu.PDataTf;
import dev.cloudpacs.dicom.net.pdu.PduCodec;
import dev.cloudpacs.dicom.net.pdu.Pdv;
import dev.cloudpacs.dicom.net.service.EchoScu;
import dev.cloudpacs.dicom.net.service.StorageScp;
import dev.cloudpacs.dicom.net.service.StoreScu;
import dev.cloudpacs.dicom.net.service.VerificationScp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Thousands of fuzzed, truncated and mutated PDUs against a {@link DicomServer} (Verification and
 * Storage) while a well-behaved association echoes and stores on it. Every fuzzed connection must end
 * in an A-ABORT or a closed socket within a bound, the good association must never notice, and
 * afterwards no association or thread may be left behind. Seeded, so a failure replays.
 */
@Timeout(120)
class FuzzedPduTest {
    private static final long SEED = 0x5EED_D1C0L;
    private static final int CASES = 4_000;
    private static final int WORKERS = 16;
    private static final int CASE_BOUND_MILLIS = 8_000;
    private static final AssociationOptions OPTIONS = AssociationOptions.DEFAULT.withArtim(500).withIdleTimeout(3_000)
            .withDimseTimeout(10_000).withMaxPduLength(16_384);

    @TempDir
    Path dir;

    private final List<AutoCloseable> cleanup = new ArrayList<>();
    private DicomServer server;
    private byte[] rq;

    @AfterEach
    void tearDown() throws Exception {
        for (AutoCloseable c : cleanup.reversed()) {
            c.close();
        }
    }

    private void startServer() throws IOException {
        Path received = Files.createDirectories(dir.resolve("received"));
        HandlerRegistry handlers = new StorageScp(received, null).register(VerificationScp.register(new HandlerRegistry()));
        server = DicomServer.start(InetAddress.getLoopbackAddress(), 0, null,
                OPTIONS.withMaxPduLength(16_384), handlers, new DefaultAcceptorPolicy(handlers, OPTIONS), null);
        cleanup.add(server);
        rq = PduCodec.encode(ScriptedPeer.rq("SCP", "FUZZ"));
    }

    /** Small CT objects written with dicom-core's DicomWriter, for the well-behaved association to store. */
    private List<StoreScu.Item> files() throws IOException {
        List<Path> paths = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            DataSet ds = new DataSet();
            ds.setString(Tag.SOPClassUID, VR.UI, UID.CTImageStorage);
            ds.setString(Tag.SOPInstanceUID, VR.UI, UIDs.generate());
            ds.setString(Tag.PatientName, VR.PN, "Fuzz^Patient" + i);
            ds.setString(Tag.PatientID, VR.LO, "FUZZ" + i);
            ds.setString(Tag.Modality, VR.CS, "CT");
            Path p = dir.resolve("ct" + i + ".dcm");
            DicomWriter.writeFile(p, ds, TransferSyntax.EXPLICIT_VR_LE, WriteOptions.DEFAULT);
            paths.add(p);
        }
        List<String> problems = new ArrayList<>();
        List<StoreScu.Item> items = StoreScu.scanAll(paths, problems);
        assertEquals(List.of(), problems);
        return items;
    }

    // ---- the fuzz cases ---------------------------------------------------------------------------

    /** The kinds of abuse; each connection gets one. */
    enum Kind { RANDOM_BYTES, MUTATED_RQ, MUTATED_LENGTHS, MUTATED_P_DATA, TRUNCATED, HUGE_LENGTH }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static void flip(byte[] b, int from, Random r, int count) {
        for (int i = 0; i < count; i++) {
            int at = from + r.nextInt(b.length - from);
            b[at] ^= (byte) (1 + r.nextInt(255));
        }
    }

    private static void putU32(byte[] b, int at, long v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }

    /** A C-ECHO-RQ or a C-STORE-RQ with a data set, as the P-DATA-TF PDUs a requestor sends after the RQ. */
    private static byte[] dimse(Random r) {
        if (r.nextBoolean()) {
            return PduCodec.encode(ScriptedPeer.echoRq(1, 1 + r.nextInt(100)));
        }
        Command store = Commands.cStoreRq(2, UID.CTImageStorage, UIDs.generate(), Command.PRIORITY_MEDIUM).withDataSet(true);
        byte[] data = new byte[r.nextInt(3_000)];
        r.nextBytes(data);
        return concat(PduCodec.encode(ScriptedPeer.command(3, store)),
                PduCodec.encode(PDataTf.of(new Pdv(3, false, true, data))));
    }

    /** The bytes one fuzzed connection sends. */
    private byte[] payload(Kind kind, Random r) {
        switch (kind) {
            case RANDOM_BYTES -> {
                byte[] b = new byte[1 + r.nextInt(400)];
                r.nextBytes(b);
                if (r.nextBoolean()) {
                    b[0] = (byte) (1 + r.nextInt(7)); // a real PDU type, nonsense after it
                }
                return b;
            }
            case MUTATED_RQ -> {
                byte[] b = rq.clone();
                flip(b, 0, r, 1 + r.nextInt(6));
                return concat(b, dimse(r));
            }
            case MUTATED_LENGTHS -> {
                byte[] b = rq.clone();
                if (r.nextInt(3) == 0) {
                    putU32(b, 2, r.nextInt() & 0xFFFFFFFFL); // the PDU length
                } else {
                    int at = 74 + r.nextInt(b.length - 75); // an item or sub-item length, or near one
                    b[at] = (byte) r.nextInt(256);
                    b[at + 1] = (byte) r.nextInt(256);
                }
                return concat(b, dimse(r));
            }
            case MUTATED_P_DATA -> {
                byte[] p = dimse(r);
                flip(p, 0, r, 1 + r.nextInt(4));
                return concat(rq, p);
            }
            case TRUNCATED -> {
                byte[] whole = concat(rq, dimse(r));
                return Arrays.copyOf(whole, 1 + r.nextInt(whole.length - 1));
            }
            case HUGE_LENGTH -> {
                byte[] header = {(byte) (1 + r.nextInt(7)), 0, 0, 0, 0, 0, 1, 2, 3, 4};
                putU32(header, 2, r.nextBoolean() ? 0xFFFF_FFFFL : (1L << 20) + r.nextInt(Integer.MAX_VALUE));
                return r.nextBoolean() ? header : concat(rq, header); // before or after association
            }
            default -> throw new IllegalArgumentException(kind.toString());
        }
    }

    /**
     * One connection: send, half-close (mostly; sometimes stay silent to leave it to ARTIM or the idle
     * timeout), read until the server closes. Returns "abort" if an A-ABORT came, else "closed".
     */
    private String runCase(int i) throws IOException {
        Random r = new Random(SEED + i);
        Kind kind = Kind.values()[i % Kind.values().length];
        byte[] bytes = payload(kind, r);
        boolean halfClose = r.nextInt(50) != 0;
        long t0 = System.nanoTime();
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            s.setSoTimeout(CASE_BOUND_MILLIS);
            try {
                s.getOutputStream().write(bytes);
                if (halfClose) {
                    s.shutdownOutput();
                }
            } catch (SocketException e) {
                return "closed"; // the server already gave up on us
            }
            InputStream in = s.getInputStream();
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            try {
                for (int n; (n = in.read(buf)) >= 0; ) {
                    got.write(buf, 0, n);
                    if (System.nanoTime() - t0 > CASE_BOUND_MILLIS * 1_000_000L) {
                        throw new AssertionError("case " + i + " (" + kind + ") still talking after " + CASE_BOUND_MILLIS + " ms");
                    }
                }
            } catch (SocketTimeoutException e) {
                throw new AssertionError("case " + i + " (" + kind + ", half-close " + halfClose + ") hung: the server"
                        + " neither aborted nor closed within " + CASE_BOUND_MILLIS + " ms", e);
            } catch (SocketException e) {
                // reset: closed with our bytes unread
            }
            return containsAbort(got.toByteArray()) ? "abort" : "closed";
        }
    }

    /** Walks the PDUs the server sent and says whether one was an A-ABORT. */
    private static boolean containsAbort(byte[] b) {
        int pos = 0;
        while (pos + 6 <= b.length) {
            if (b[pos] == 7) {
                return true;
            }
            pos += 6 + (int) PduCodec.pduLengthUnsigned(b, pos);
        }
        return false;
    }

    // ---- the test ---------------------------------------------------------------------------------

    @Test
    void thousandsOfBadConnectionsWhileAGoodAssociationKeepsWorking() throws Exception {
        startServer();
        List<StoreScu.Item> items = files();
        // Warm up (timer thread, carrier threads) before taking the thread baseline.
        AssociationRequest warm = new AssociationRequest("GOOD", "SCP");
        warm.addContext(VerificationScp.VERIFICATION, List.of(ScriptedPeer.IMPLICIT));
        Association w = Connector.connect("127.0.0.1", server.port(), warm, OPTIONS, null, null);
        assertEquals(Status.SUCCESS, EchoScu.echo(w));
        w.release();
        awaitCondition(() -> server.openAssociations() == 0, "warm-up association closed");
        startVirtualThreadPollers();
        Set<String> platformBaseline = platformThreads();
        int virtualBaseline = virtualThreads();

        AssociationRequest request = new AssociationRequest("GOOD", "SCP");
        request.addContext(VerificationScp.VERIFICATION, List.of(ScriptedPeer.IMPLICIT));
        StoreScu.proposeContexts(request, items);
        Association good = Connector.connect("127.0.0.1", server.port(), request, OPTIONS, null, null);
        AtomicBoolean fuzzing = new AtomicBoolean(true);
        AtomicInteger goodOps = new AtomicInteger();
        List<Throwable> goodFailures = new ArrayList<>();
        CountDownLatch goodDone = new CountDownLatch(1);
        Thread.ofVirtual().name("well-behaved").start(() -> {
            try {
                for (int n = 0; fuzzing.get(); n++) {
                    if (n % 5 == 4) {
                        StoreScu.Result res = StoreScu.send(good, items.get(n % items.size()), Command.PRIORITY_MEDIUM, null, 0);
                        assertEquals(Status.SUCCESS, res.status(), res.errorComment());
                    } else {
                        assertEquals(Status.SUCCESS, EchoScu.echo(good));
                    }
                    goodOps.incrementAndGet();
                }
                good.release();
            } catch (Throwable t) {
                synchronized (goodFailures) {
                    goodFailures.add(t);
                }
            } finally {
                goodDone.countDown();
            }
        });

        AtomicInteger next = new AtomicInteger();
        Map<String, AtomicInteger> outcomes = new ConcurrentHashMap<>();
        List<Throwable> caseFailures = new ArrayList<>();
        AtomicLong slowest = new AtomicLong();
        CountDownLatch workersDone = new CountDownLatch(WORKERS);
        long start = System.nanoTime();
        for (int k = 0; k < WORKERS; k++) {
            Thread.ofVirtual().name("fuzzer-" + k).start(() -> {
                try {
                    for (int i; (i = next.getAndIncrement()) < CASES; ) {
                        long t0 = System.nanoTime();
                        try {
                            outcomes.computeIfAbsent(runCase(i), x -> new AtomicInteger()).incrementAndGet();
                        } catch (Throwable t) {
                            synchronized (caseFailures) {
                                caseFailures.add(t);
                            }
                        }
                        slowest.accumulateAndGet((System.nanoTime() - t0) / 1_000_000, Math::max);
                    }
                } finally {
                    workersDone.countDown();
                }
            });
        }
        assertTrue(workersDone.await(90, TimeUnit.SECONDS), "fuzzers finished");
        long fuzzMillis = (System.nanoTime() - start) / 1_000_000;
        fuzzing.set(false);
        assertTrue(goodDone.await(20, TimeUnit.SECONDS), "well-behaved association finished");

        System.out.printf("fuzz: %d cases in %d ms, outcomes %s, slowest case %d ms, good operations %d%n",
                CASES, fuzzMillis, outcomes, slowest.get(), goodOps.get());
        assertEquals(List.of(), caseFailures.stream().limit(5).map(Throwable::toString).toList(), "fuzzed cases");
        assertEquals(List.of(), goodFailures.stream().map(Throwable::toString).toList(), "well-behaved association");
        assertTrue(goodOps.get() >= 10, "the good association kept working: " + goodOps.get() + " operations");
        assertEquals(CASES, outcomes.values().stream().mapToInt(AtomicInteger::get).sum());
        assertTrue(outcomes.getOrDefault("abort", new AtomicInteger()).get() > CASES / 10, "many were aborted: " + outcomes);

        awaitCondition(() -> server.openAssociations() == 0, "every association closed");
        awaitCondition(() -> platformBaseline.containsAll(platformThreads()),
                "no platform threads beyond " + platformBaseline + ": " + platformThreads());
        awaitCondition(() -> virtualThreads() <= virtualBaseline, "virtual threads back to " + virtualBaseline
                + " (connection readers, fuzzers, the well-behaved client)");
    }

    @Test
    void endlessCommandFragmentsAreRefused() throws Exception {
        startServer();
        try (ScriptedPeer peer = ScriptedPeer.connect(server.port())) {
            peer.send(ScriptedPeer.rq("SCP", "FUZZ"));
            peer.expect(AAssociateAc.class);
            byte[] fragment = PduCodec.encode(PDataTf.of(new Pdv(1, true, false, new byte[16_000])));
            AAbort abort = null;
            // Command fragments without a last one: the server must stop collecting long before 64 MiB.
            int sent = 0;
            for (; sent < 4_096 && abort == null; sent++) {
                try {
                    peer.sendRaw(fragment);
                } catch (SocketException e) {
                    break;
                }
                if (peer.socket().getInputStream().available() > 0) {
                    abort = peer.expect(AAbort.class);
                }
            }
            if (abort == null) {
                abort = peer.expect(AAbort.class);
            }
            assertEquals(2, abort.sourceCode(), abort.describe());
            // Refused for the size, not by the idle timeout once we stopped sending.
            assertTrue(sent < 4_096, "the server kept collecting " + sent + " command fragments");
        }
        awaitCondition(() -> server.openAssociations() == 0, "association closed");
    }

    /**
     * Makes a virtual thread wait in a socket read until it times out, so that the JDK has started what it
     * starts on first need and keeps for good (its poller virtual threads, the master poller and the timer
     * threads) before the thread baselines are taken: run alone, the test would otherwise count them as leaks.
     */
    private static void startVirtualThreadPollers() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread reader = Thread.ofVirtual().start(() -> {
                try (Socket s = new Socket(listener.getInetAddress(), listener.getLocalPort())) {
                    s.setSoTimeout(50);
                    s.getInputStream().read();
                } catch (IOException expected) {
                    // the read timing out is the point
                }
            });
            try (Socket peer = listener.accept()) {
                reader.join();
            }
        }
    }

    /**
     * Platform threads by name, less fork/join pool workers: the virtual thread scheduler adds carriers
     * while virtual threads block in file I/O and retires them on its own later.
     */
    private static Set<String> platformThreads() {
        Set<String> names = new TreeSet<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (!t.getName().matches("ForkJoinPool.*-worker-\\d+")) {
                names.add(t.getName());
            }
        }
        return names;
    }

    /** Live virtual threads, counted in a JSON thread dump (the only place the JDK lists them). */
    private int virtualThreads() {
        try {
            Path dump = dir.resolve("threads-" + System.nanoTime() + ".json");
            ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
                    .dumpThreads(dump.toString(), HotSpotDiagnosticMXBean.ThreadDumpFormat.JSON);
            String json = Files.readString(dump);
            Files.delete(dump);
            int n = 0;
            for (int at = json.indexOf("\"virtual\": true"); at >= 0; at = json.indexOf("\"virtual\": true", at + 1)) {
                n++;
            }
            return n;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Waits, bounded, for a condition that has no event to wait on (a count going back to zero). */
    private static void awaitCondition(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 15 s: " + what);
            }
            Thread.sleep(20);
        }
    }
}
