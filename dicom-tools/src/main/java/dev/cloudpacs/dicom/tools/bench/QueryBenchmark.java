package dev.cloudpacs.dicom.tools.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.cloudpacs.dicom.core.Tag;
import dev.cloudpacs.dicom.core.VR;
import dev.cloudpacs.dicom.core.data.DataSet;
import dev.cloudpacs.dicom.net.assoc.Association;
import dev.cloudpacs.dicom.net.assoc.AssociationOptions;
import dev.cloudpacs.dicom.net.assoc.AssociationRequest;
import dev.cloudpacs.dicom.net.assoc.Connector;
import dev.cloudpacs.dicom.net.dimse.Command;
import dev.cloudpacs.dicom.net.dimse.ServiceClass;
import dev.cloudpacs.dicom.net.dimse.Status;
import dev.cloudpacs.dicom.net.service.QueryRetrieveScu;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Study-level query latency against one target, for bench/query.sh:
 * <pre>
 * QueryBenchmark [--keys FILE] [--runs R] [--warmup W] [--label NAME] [--out FILE] [--aet AE] TARGET
 *   TARGET  dimse://HOST:PORT/CALLED_AE   C-FIND, Study Root, all queries on one association
 *           http://HOST:PORT/dicomweb     QIDO-RS: GET {base}/studies?..., application/dicom+json
 *           orthanc-qido:http://HOST:PORT/dicom-web  QIDO-RS to Orthanc 1.10, whose HTTP server does not
 *                                         percent-decode query values: a character that needs encoding
 *                                         (the PN component separator ^, a space) goes as the wildcard ?
 *           orthanc-rest:http://HOST:PORT Orthanc's own REST API: POST /tools/find (Level Study, Expand)
 * </pre>
 * Four query kinds, each run W times to warm up and then R times measured, the key changing every
 * time (taken in a fixed shuffled order from the sample-keys file IndexLoader writes, so every
 * target gets the same queries): PatientID exact, PatientName prefix wildcard, a one-month StudyDate
 * range with ModalitiesInStudy=CT, AccessionNumber exact. Every response is read whole (all C-FIND
 * pending responses; the whole QIDO body, parsed). Prints matches (average), p50, p99 and max in ms
 * per kind; with --out also appends machine-readable lines
 * {@code label<TAB>kind<TAB>avgMatches<TAB>p50<TAB>p99<TAB>max} (milliseconds).
 */
public final class QueryBenchmark {
    enum Kind {
        PATIENT_ID("PatientID"), PATIENT_NAME("PatientName"), DATE_MODALITY("StudyDate+CT"), ACCESSION("AccessionNumber");

        final String label;

        Kind(String label) {
            this.label = label;
        }

        String keyKind() {
            return this == DATE_MODALITY ? "StudyDate" : label;
        }
    }

    /** One query against the target; returns the number of matches. */
    interface Target extends AutoCloseable {
        int query(Kind kind, String key) throws Exception;

        String describe();

        @Override
        default void close() throws Exception {
        }
    }

    private QueryBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        try {
            run(args);
        } catch (Exception e) {
            System.err.println("QueryBenchmark: " + e);
            e.printStackTrace();
            System.exit(1);
        }
    }

    static void run(String[] args) throws Exception {
        Path keysFile = Path.of("bench/work/query-keys.txt");
        int runs = 200, warmup = 20;
        String label = null, target = null, aet = "QUERYBENCH";
        Path out = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--keys" -> keysFile = Path.of(args[++i]);
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--label" -> label = args[++i];
                case "--out" -> out = Path.of(args[++i]);
                case "--aet" -> aet = args[++i];
                default -> {
                    if (args[i].startsWith("--") || target != null) {
                        usage();
                    }
                    target = args[i];
                }
            }
        }
        if (target == null) {
            usage();
        }
        Map<String, List<String>> keys = readKeys(keysFile);
        if (label == null) {
            label = target;
        }
        List<String[]> rows = new ArrayList<>();
        try (Target t = open(target, aet)) {
            System.out.printf("%s: %d queries per kind after %d warm-up, keys from %s%n", t.describe(), runs, warmup,
                    keysFile);
            for (Kind k : Kind.values()) {
                List<String> ks = keys.get(k.keyKind());
                if (ks == null || ks.isEmpty()) {
                    throw new IllegalArgumentException("no " + k.keyKind() + " keys in " + keysFile);
                }
            }
            // Every kind warms up before any is measured: the first kind measured is not the least warm.
            for (int i = 0; i < warmup; i++) {
                for (Kind k : Kind.values()) {
                    List<String> ks = keys.get(k.keyKind());
                    t.query(k, ks.get(i % ks.size()));
                }
            }
            for (Kind k : Kind.values()) {
                List<String> ks = keys.get(k.keyKind());
                long[] nanos = new long[runs];
                long matches = 0;
                for (int i = 0; i < runs; i++) {
                    String key = ks.get((warmup + i) % ks.size());
                    long t0 = System.nanoTime();
                    int n = t.query(k, key);
                    nanos[i] = System.nanoTime() - t0;
                    matches += n;
                }
                Arrays.sort(nanos);
                rows.add(new String[]{k.label, String.format(Locale.ROOT, "%.1f", (double) matches / runs),
                        ms(percentile(nanos, 50)), ms(percentile(nanos, 99)), ms(nanos[runs - 1])});
            }
        }
        System.out.printf("%-18s %12s %9s %9s %9s%n", "query", "matches/avg", "p50 ms", "p99 ms", "max ms");
        for (String[] r : rows) {
            System.out.printf("%-18s %12s %9s %9s %9s%n", (Object[]) r);
        }
        if (out != null) {
            StringBuilder sb = new StringBuilder();
            for (String[] r : rows) {
                sb.append(label).append('\t').append(String.join("\t", r)).append('\n');
            }
            Files.writeString(out, sb, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
    }

    private static void usage() {
        System.err.println("usage: QueryBenchmark [--keys FILE] [--runs R] [--warmup W] [--label NAME] [--out FILE]"
                + " [--aet AE] dimse://HOST:PORT/CALLED_AE | http://HOST:PORT/dicomweb | orthanc-rest:http://HOST:PORT");
        System.exit(2);
    }

    static long percentile(long[] sorted, int p) {
        int idx = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, idx))];
    }

    static String ms(long nanos) {
        return String.format(Locale.ROOT, "%.2f", nanos / 1e6);
    }

    /** KIND<TAB>VALUE lines; each kind's values in a fixed shuffled order. */
    static Map<String, List<String>> readKeys(Path file) throws IOException {
        Map<String, List<String>> keys = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int tab = line.indexOf('\t');
            if (tab > 0) {
                keys.computeIfAbsent(line.substring(0, tab), k -> new ArrayList<>()).add(line.substring(tab + 1));
            }
        }
        keys.values().forEach(l -> Collections.shuffle(l, new Random(1)));
        return keys;
    }

    static Target open(String target, String aet) throws Exception {
        if (target.startsWith("dimse://")) {
            URI u = URI.create(target);
            String called = u.getPath() == null || u.getPath().length() <= 1 ? "PACS" : u.getPath().substring(1);
            return new CFind(u.getHost(), u.getPort(), aet, called);
        }
        if (target.startsWith("orthanc-rest:")) {
            return new OrthancRest(target.substring("orthanc-rest:".length()));
        }
        if (target.startsWith("orthanc-qido:")) {
            return new Qido(target.substring("orthanc-qido:".length()), true);
        }
        if (target.startsWith("http://") || target.startsWith("https://")) {
            return new Qido(target, false);
        }
        throw new IllegalArgumentException("unknown target " + target);
    }

    /** C-FIND, Study Root, level STUDY, on one association for all queries. */
    static final class CFind implements Target {
        private final Association as;
        private final String where;

        CFind(String host, int port, String aet, String called) throws IOException {
            AssociationRequest rq = new AssociationRequest(aet, called);
            rq.addContext(QueryRetrieveScu.STUDY_ROOT_FIND, List.of("1.2.840.10008.1.2.1", "1.2.840.10008.1.2"));
            as = Connector.connect(host, port, rq, AssociationOptions.DEFAULT, null, null);
            where = "C-FIND " + aet + " -> " + called + "@" + host + ":" + port;
        }

        @Override
        public int query(Kind kind, String key) throws Exception {
            DataSet ds = new DataSet();
            ds.setString(Tag.QueryRetrieveLevel, VR.CS, "STUDY");
            ds.setValue(Tag.StudyDate, VR.DA, null);
            ds.setValue(Tag.AccessionNumber, VR.SH, null);
            ds.setValue(Tag.ModalitiesInStudy, VR.CS, null);
            ds.setValue(Tag.PatientName, VR.PN, null);
            ds.setValue(Tag.PatientID, VR.LO, null);
            ds.setValue(Tag.StudyInstanceUID, VR.UI, null);
            ds.setValue(Tag.NumberOfStudyRelatedInstances, VR.IS, null);
            switch (kind) {
                case PATIENT_ID -> ds.setString(Tag.PatientID, VR.LO, key);
                case PATIENT_NAME -> ds.setString(Tag.PatientName, VR.PN, key);
                case DATE_MODALITY -> {
                    ds.setString(Tag.StudyDate, VR.DA, key);
                    ds.setString(Tag.ModalitiesInStudy, VR.CS, "CT");
                }
                case ACCESSION -> ds.setString(Tag.AccessionNumber, VR.SH, key);
            }
            AtomicInteger n = new AtomicInteger();
            Command rsp = QueryRetrieveScu.find(as, QueryRetrieveScu.STUDY_ROOT_FIND, ds, m -> n.incrementAndGet())
                    .await();
            if (Status.category(rsp.status()) == Status.Category.FAILURE) {
                throw new IOException("C-FIND failed: " + Status.describe(ServiceClass.QUERY_RETRIEVE,
                        rsp.commandField(), rsp.status()) + (rsp.errorComment() != null ? " - " + rsp.errorComment() : ""));
            }
            return n.get();
        }

        @Override
        public String describe() {
            return where;
        }

        @Override
        public void close() throws IOException {
            as.release();
        }
    }

    private static final JsonFactory JSON = new JsonFactory();

    /** Number of objects in a top-level JSON array (the body is parsed whole). */
    static int countObjects(byte[] body) throws IOException {
        if (body.length == 0) {
            return 0;
        }
        int n = 0, depth = 0;
        try (JsonParser p = JSON.createParser(body)) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                switch (t) {
                    case START_OBJECT, START_ARRAY -> {
                        if (depth == 1 && t == JsonToken.START_OBJECT) {
                            n++;
                        }
                        depth++;
                    }
                    case END_OBJECT, END_ARRAY -> depth--;
                    default -> {
                    }
                }
            }
        }
        return n;
    }

    /** QIDO-RS over one keep-alive HTTP/1.1 client. */
    static final class Qido implements Target {
        private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        private final String base;
        private final boolean noDecoding;

        Qido(String base, boolean noDecoding) {
            this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
            this.noDecoding = noDecoding;
        }

        String enc(String s) {
            // '?' and '*' are legal in a URI query, so the Orthanc form needs no encoding at all.
            return noDecoding ? s.replaceAll("[^A-Za-z0-9*?.\\-]", "?") : URLEncoder.encode(s, StandardCharsets.UTF_8);
        }

        @Override
        public int query(Kind kind, String key) throws Exception {
            String q = switch (kind) {
                case PATIENT_ID -> "PatientID=" + enc(key);
                case PATIENT_NAME -> "PatientName=" + enc(key);
                case DATE_MODALITY -> "StudyDate=" + enc(key) + "&ModalitiesInStudy=CT";
                case ACCESSION -> "AccessionNumber=" + enc(key);
            };
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + "/studies?" + q))
                    .header("Accept", "application/dicom+json").timeout(Duration.ofSeconds(60)).GET();
            // Our archive takes bearer tokens (bench/query.sh passes one of ./pacs token in PACS_TOKEN).
            String token = System.getenv("PACS_TOKEN");
            if (token != null && !token.isBlank() && !base.contains("/dicom-web")) {
                b.header("Authorization", "Bearer " + token);
            }
            HttpRequest rq = b.build();
            HttpResponse<byte[]> rsp = http.send(rq, HttpResponse.BodyHandlers.ofByteArray());
            if (rsp.statusCode() == 204) {
                return 0;
            }
            if (rsp.statusCode() != 200) {
                throw new IOException("QIDO-RS " + rq.uri() + ": HTTP " + rsp.statusCode() + " "
                        + new String(rsp.body(), 0, Math.min(300, rsp.body().length), StandardCharsets.UTF_8));
            }
            return countObjects(rsp.body());
        }

        @Override
        public String describe() {
            return "QIDO-RS " + base + "/studies" + (noDecoding ? " (values not percent-encoded: ^ and space as ?)" : "");
        }
    }

    /** Orthanc's native REST search, for reference: POST /tools/find. */
    static final class OrthancRest implements Target {
        private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        private final String base;

        OrthancRest(String base) {
            this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        }

        private static String str(String s) {
            return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        }

        @Override
        public int query(Kind kind, String key) throws Exception {
            String q = switch (kind) {
                case PATIENT_ID -> "\"PatientID\":" + str(key);
                case PATIENT_NAME -> "\"PatientName\":" + str(key);
                case DATE_MODALITY -> "\"StudyDate\":" + str(key) + ",\"ModalitiesInStudy\":\"CT\"";
                case ACCESSION -> "\"AccessionNumber\":" + str(key);
            };
            String body = "{\"Level\":\"Study\",\"Expand\":true,\"Query\":{" + q + "}}";
            HttpRequest rq = HttpRequest.newBuilder(URI.create(base + "/tools/find"))
                    .header("Content-Type", "application/json").timeout(Duration.ofSeconds(60))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            HttpResponse<byte[]> rsp = http.send(rq, HttpResponse.BodyHandlers.ofByteArray());
            if (rsp.statusCode() != 200) {
                throw new IOException("Orthanc /tools/find: HTTP " + rsp.statusCode() + " "
                        + new String(rsp.body(), 0, Math.min(300, rsp.body().length), StandardCharsets.UTF_8));
            }
            return countObjects(rsp.body());
        }

        @Override
        public String describe() {
            return "Orthanc REST " + base + "/tools/find";
        }
    }
}
