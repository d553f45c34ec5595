import dev.cloudpacs.dicom.core.Tag;
import dev.cloudpacs.dicom.core.UID;
import dev.cloudpacs.dicom.core.VR;
import dev.cloudpacs.dicom.core.data.DataSet;
import dev.cloudpacs.dicom.core.io.DicomWriter;
import dev.cloudpacs.dicom.core.io.TransferSyntax;
import dev.cloudpacs.dicom.core.io.WriteOptions;
import dev.cloudpacs.dicom.core.util.UIDs;
import dev.cloudpacs.dicom.net.assoc.Association;
import dev.cloudpacs.dicom.net.assoc.AssociationOptions;
import dev.cloudpacs.dicom.net.assoc.AssociationRequest;
import dev.cloudpacs.dicom.net.assoc.Connector;
import dev.cloudpacs.dicom.net.assoc.PresentationContext;
import dev.cloudpacs.dicom.net.dimse.Command;
import dev.cloudpacs.dicom.net.dimse.Commands;
import dev.cloudpacs.dicom.tools.bench.CtGenerator;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The two halves of bench/chaos.sh (a fault run, not a test of the suite).
 *
 * <pre>
 * java -cp dicom-tools.jar:postgresql.jar:kafka-clients.jar:slf4j-api.jar bench/Chaos.java send HOST PORT SECONDS SENDERS ACKED_FILE
 *     SENDERS threads store new small CT instances over and over (a new association after any failure)
 *     and write every SOP Instance UID the archive acknowledged (0000 or a Bxxx warning) to ACKED_FILE.
 * java -cp (the same) bench/Chaos.java check JDBC USER PASSWORD
 *     STORAGE_ROOT KAFKA_BOOTSTRAP ACKED_FILE
 *     every acknowledged instance must be indexed, with its object present at its storage key and of
 *     the recorded size and SHA-256; no row may point at a missing object; every acknowledged instance
 *     must have a dicom.instance.stored event (waiting up to 120 s for the outbox to drain). Prints
 *     the counts; exits 1 when anything acknowledged was lost.
 * </pre>
 */
public class Chaos {
    public static void main(String[] args) throws Exception {
        if (args.length == 6 && args[0].equals("send")) {
            send(args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]), Integer.parseInt(args[4]),
                    Path.of(args[5]));
        } else if (args.length == 7 && args[0].equals("check")) {
            System.exit(check(args[1], args[2], args[3], Path.of(args[4]), args[5], Path.of(args[6])));
        } else {
            System.err.println("usage: Chaos send HOST PORT SECONDS SENDERS ACKED_FILE"
                    + " | check JDBC USER PASSWORD STORAGE_ROOT KAFKA ACKED_FILE");
            System.exit(2);
        }
    }

    // ---- send ---------------------------------------------------------------------------------

    private static void send(String host, int port, int seconds, int senders, Path acked) throws Exception {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        Set<String> ack = ConcurrentHashMap.newKeySet();
        AtomicLong refused = new AtomicLong();
        AtomicLong broken = new AtomicLong();
        AtomicLong connectFailures = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < senders; t++) {
            int seed = t;
            threads.add(Thread.ofPlatform().start(() -> sender(host, port, deadline, seed, ack, refused, broken,
                    connectFailures)));
        }
        for (Thread th : threads) {
            th.join();
        }
        Files.write(acked, ack);
        System.out.printf("sent: acknowledged=%d refused(failure status)=%d broken(no answer)=%d"
                + " connect-failures=%d%n", ack.size(), refused.get(), broken.get(), connectFailures.get());
    }

    private static void sender(String host, int port, long deadline, int seed, Set<String> ack, AtomicLong refused,
                               AtomicLong broken, AtomicLong connectFailures) {
        SplittableRandom rnd = new SplittableRandom(seed);
        String study = UIDs.generate();
        String series = UIDs.generate();
        int n = 0;
        AssociationOptions options = AssociationOptions.DEFAULT.withConnectTimeout(3_000).withDimseTimeout(30_000);
        while (System.nanoTime() < deadline) {
            Association as;
            try {
                AssociationRequest rq = new AssociationRequest("CHAOS" + seed, "PACS");
                rq.addContext(UID.CTImageStorage, List.of(TransferSyntax.EXPLICIT_VR_LE.uid()));
                as = Connector.connect(host, port, rq, options, null, null);
            } catch (Exception e) {
                connectFailures.incrementAndGet();
                sleep(200);
                continue;
            }
            try {
                PresentationContext pc = as.contextFor(UID.CTImageStorage, null);
                while (System.nanoTime() < deadline) {
                    if (++n % 50 == 0) {
                        study = UIDs.generate();
                        series = UIDs.generate();
                    }
                    DataSet ds = instance(study, series, n, rnd);
                    String iuid = ds.getString(Tag.SOPInstanceUID);
                    byte[] bytes = encode(ds);
                    Command rq = Commands.cStoreRq(as.nextMessageId(), UID.CTImageStorage, iuid, 0);
                    Command rsp;
                    try {
                        rsp = as.await(as.invoke(pc.id(), rq, out -> out.write(bytes), null));
                    } catch (Exception e) {
                        broken.incrementAndGet();
                        break;
                    }
                    int s = rsp.status();
                    if (s == 0 || (s & 0xF000) == 0xB000) {
                        ack.add(iuid);
                    } else {
                        refused.incrementAndGet();
                        sleep(100);
                    }
                }
                as.release();
            } catch (Exception e) {
                as.abort("chaos sender gives up on this association");
            }
        }
    }

    private static DataSet instance(String study, String series, int number, SplittableRandom rnd) {
        DataSet ds = CtGenerator.header(number, study, series, 64, 64);
        byte[] px = new byte[64 * 64 * 2];
        rnd.nextBytes(px);
        ds.setBytes(Tag.PixelData, VR.OW, px);
        return ds;
    }

    private static byte[] encode(DataSet ds) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DicomWriter.writeDataSet(out, ds, TransferSyntax.EXPLICIT_VR_LE, WriteOptions.DEFAULT);
        return out.toByteArray();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- check --------------------------------------------------------------------------------

    private record Row(String key, long size, String sha) {
    }

    private static int check(String jdbc, String user, String password, Path storage, String kafka, Path acked)
            throws Exception {
        List<String> ack = Files.readAllLines(acked);
        Map<String, Row> rows = new HashMap<>();
        long missingObjects = 0;
        long allRows = 0;
        try (Connection c = DriverManager.getConnection(jdbc, user, password);
             PreparedStatement ps = c.prepareStatement(
                     "SELECT sop_instance_uid, storage_key, size_bytes, checksum_sha256 FROM instance")) {
            ps.setFetchSize(5_000);
            c.setAutoCommit(false);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    allRows++;
                    Row r = new Row(rs.getString(2), rs.getLong(3), rs.getString(4));
                    rows.put(rs.getString(1), r);
                    if (!Files.exists(storage.resolve(r.key()))) {
                        missingObjects++;
                    }
                }
            }
        }
        long lost = 0;
        long corrupt = 0;
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        for (String uid : ack) {
            Row r = rows.get(uid);
            Path f = r == null ? null : storage.resolve(r.key());
            if (r == null || !Files.exists(f)) {
                lost++;
                System.out.println("LOST " + uid + (r == null ? " (no index row)" : " (no object at " + r.key() + ")"));
                continue;
            }
            byte[] b = Files.readAllBytes(f);
            if (b.length != r.size() || !HexFormat.of().formatHex(sha.digest(b)).equals(r.sha())) {
                corrupt++;
                System.out.println("CORRUPT " + uid + " at " + r.key());
            }
        }
        Map<String, Integer> events = events(kafka, new HashSet<>(ack));
        long withoutEvent = ack.stream().filter(u -> !events.containsKey(u)).count();
        long duplicateEvents = events.values().stream().filter(n -> n > 1).mapToLong(n -> n - 1).sum();
        System.out.printf("checked: acknowledged=%d lost=%d corrupt=%d rows=%d rows-without-object=%d"
                        + " acknowledged-without-event=%d duplicate-events=%d%n", ack.size(), lost, corrupt, allRows,
                missingObjects, withoutEvent, duplicateEvents);
        return lost + corrupt + missingObjects + withoutEvent == 0 ? 0 : 1;
    }

    private static final Pattern SOP = Pattern.compile("\"sopInstanceUID\"\\s*:\\s*\"([0-9.]+)\"");

    /** Events per acknowledged SOP Instance UID on dicom.instance.stored, read from the beginning. */
    private static Map<String, Integer> events(String bootstrap, Set<String> wanted) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("key.deserializer", StringDeserializer.class.getName());
        p.put("value.deserializer", StringDeserializer.class.getName());
        p.put("enable.auto.commit", "false");
        Map<String, Integer> seen = new HashMap<>();
        long deadline = System.currentTimeMillis() + 120_000;
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
            List<TopicPartition> parts = consumer.partitionsFor("dicom.instance.stored", Duration.ofSeconds(30)).stream()
                    .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            while (System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    Matcher m = SOP.matcher(r.value());
                    if (m.find() && wanted.contains(m.group(1))) {
                        seen.merge(m.group(1), 1, Integer::sum);
                    }
                }
                if (seen.size() == wanted.size()) {
                    break;
                }
            }
        }
        return seen;
    }
}
