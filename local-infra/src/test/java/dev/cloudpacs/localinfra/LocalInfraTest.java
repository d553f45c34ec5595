package dev.cloudpacs.localinfra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * One data directory through its whole life: started by the command in its own JVM, attached to, used through
 * real Kafka and JDBC clients, started again (reuse), stopped, restarted with its data. The steps depend on
 * each other, hence the fixed order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalInfraTest {
    private static final String TOPIC = "local-infra-test";

    @TempDir
    static Path dir;
    static LocalInfra infra;

    @Test
    @Order(1)
    void commandStartsServersThatOutliveItsJvm() throws Exception {
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "start", dir.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(150, TimeUnit.SECONDS), out);
        assertEquals(0, p.exitValue(), out);
        timing("cold start (command, own JVM)", t0);
        System.out.print(out);
        Matcher m = Pattern.compile("kafka=127\\.0\\.0\\.1:(\\d+) jdbc=jdbc:postgresql://127\\.0\\.0\\.1:(\\d+)/pacs").matcher(out);
        assertTrue(m.find(), out);

        // That JVM is gone; both servers must still serve.
        LocalInfra.Status status = LocalInfra.status(dir);
        assertTrue(status.up(), status.toString());
        assertEquals("127.0.0.1:" + m.group(1), status.kafkaBootstrapServers());
        assertEquals(3, Main.run("status", dir.resolve("no-such-dir").toString()));
        assertEquals(0, Main.run("status", dir.toString()));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("infra.properties"))),
                "the state file holds passwords");
    }

    @Test
    @Order(2)
    void startAttachesToTheRunningServers() throws IOException {
        long t0 = System.nanoTime();
        infra = LocalInfra.start(dir);
        timing("start, reusing", t0);
        assertTrue(infra.reused());
        assertEquals(LocalInfra.status(dir).kafkaBootstrapServers(), infra.kafkaBootstrapServers());
        assertEquals("pacs", infra.dbUser());
        assertFalse(Files.readString(dir.resolve("postgres/postgres.log")).contains(infra.dbPassword()),
                "the password must never reach a log");
    }

    @Test
    @Order(3)
    void kafkaCarriesARecord() throws Exception {
        produce("study-1", "stored");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerConfig("test-group"))) {
            consumer.subscribe(List.of(TOPIC)); // a consumer group: exercises the offsets topic on one node
            List<ConsumerRecord<String, String>> got = poll(consumer, 1);
            assertEquals("study-1", got.get(0).key());
            assertEquals("stored", got.get(0).value());
        }
    }

    @Test
    @Order(4)
    void postgresStoresRows() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE study (uid text PRIMARY KEY, description text)");
            s.execute("INSERT INTO study VALUES ('1.2.3', 'CT head')");
            try (ResultSet rs = s.executeQuery("SELECT description FROM study WHERE uid = '1.2.3'")) {
                assertTrue(rs.next());
                assertEquals("CT head", rs.getString(1));
            }
        }
    }

    @Test
    @Order(5)
    void secondStartReusesSameProcessesAndPorts() throws IOException {
        LocalInfra again = LocalInfra.start(dir);
        assertTrue(again.reused());
        assertEquals(infra.kafkaPid(), again.kafkaPid());
        assertEquals(infra.postgresPid(), again.postgresPid());
        assertEquals(infra.kafkaBootstrapServers(), again.kafkaBootstrapServers());
        assertEquals(infra.jdbcUrl(), again.jdbcUrl());
        assertEquals(infra.dbPassword(), again.dbPassword());
    }

    @Test
    @Order(6)
    void stopLeavesNoProcess() throws IOException {
        long t0 = System.nanoTime();
        infra.stop();
        timing("stop", t0);
        assertFalse(Procs.alive(infra.kafkaPid()), "Kafka pid " + infra.kafkaPid());
        assertFalse(Procs.alive(infra.postgresPid()), "PostgreSQL pid " + infra.postgresPid());
        assertFalse(LocalInfra.status(dir).kafkaUp());
        assertFalse(LocalInfra.status(dir).postgresUp());
        assertEquals(3, Main.run("status", dir.toString()));
        LocalInfra.stop(dir); // stopping twice is harmless
    }

    @Test
    @Order(7)
    void restartKeepsData() throws Exception {
        long t0 = System.nanoTime();
        LocalInfra restarted = LocalInfra.start(dir);
        timing("restart (same dir, in-process)", t0);
        assertFalse(restarted.reused());
        assertNotEquals(infra.kafkaPid(), restarted.kafkaPid());
        assertEquals(infra.dbPassword(), restarted.dbPassword());
        infra = restarted;
        try (Connection c = connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT description FROM study WHERE uid = '1.2.3'")) {
            assertTrue(rs.next());
            assertEquals("CT head", rs.getString(1));
        }
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerConfig("after-restart"))) {
            TopicPartition tp = new TopicPartition(TOPIC, 0);
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            assertEquals("stored", poll(consumer, 1).get(0).value());
        }
    }

    @AfterAll
    static void stopAll() throws IOException {
        LocalInfra.stop(dir);
    }

    private static void produce(String key, String value) throws Exception {
        Map<String, Object> cfg = Map.of("bootstrap.servers", infra.kafkaBootstrapServers(), "acks", "all",
                "key.serializer", StringSerializer.class.getName(), "value.serializer", StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(cfg)) {
            producer.send(new ProducerRecord<>(TOPIC, key, value)).get(60, TimeUnit.SECONDS);
        }
    }

    private static Map<String, Object> consumerConfig(String group) {
        return Map.of("bootstrap.servers", infra.kafkaBootstrapServers(), "group.id", group,
                "auto.offset.reset", "earliest", "key.deserializer", StringDeserializer.class.getName(),
                "value.deserializer", StringDeserializer.class.getName());
    }

    private static List<ConsumerRecord<String, String>> poll(KafkaConsumer<String, String> consumer, int count) {
        List<ConsumerRecord<String, String>> got = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (got.size() < count && System.nanoTime() < deadline) {
            consumer.poll(Duration.ofMillis(500)).forEach(got::add);
        }
        assertEquals(count, got.size(), "records received");
        return got;
    }

    private static Connection connect() throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", infra.dbUser());
        p.setProperty("password", infra.dbPassword());
        return DriverManager.getConnection(infra.jdbcUrl(), p);
    }

    private static void timing(String what, long since) {
        System.out.printf("timing: %s: %d ms%n", what, (System.nanoTime() - since) / 1_000_000);
    }
}
