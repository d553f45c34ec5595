package dev.cloudpacs.testkit;

import dev.cloudpacs.dicom.core.data.DataSet;
import dev.cloudpacs.dicom.core.io.DicomFile;
import dev.cloudpacs.dicom.core.io.DicomReader;
import dev.cloudpacs.dicom.core.io.DicomWriter;
import dev.cloudpacs.dicom.core.io.ReadOptions;
import dev.cloudpacs.dicom.core.io.TransferSyntax;
import dev.cloudpacs.dicom.core.io.WriteOptions;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Runs the DICOM peers of the tests (DCMTK and our command-line tools) and compares what they received. */
public final class Peers {
    /** What a finished command printed and returned. */
    public record Result(int exit, String output) {
    }

    private Peers() {
    }

    /** Our tools, as a user runs them from bin/. */
    public static Path tool(String name) {
        return Path.of("../bin", name).toAbsolutePath().normalize();
    }

    /** Runs a command to its end (at most {@code seconds}), DCMTK with TCP_NODELAY as everywhere here. */
    public static Result run(long seconds, List<String> command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("TCP_NODELAY", "1");
        Process p = pb.start();
        byte[][] out = new byte[1][];
        Thread reader = Thread.ofVirtual().start(() -> {
            try {
                out[0] = p.getInputStream().readAllBytes();
            } catch (IOException e) {
                out[0] = new byte[0];
            }
        });
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(command.get(0) + " did not finish within " + seconds + " s");
        }
        reader.join();
        return new Result(p.exitValue(), new String(out[0]));
    }

    /** Starts DCMTK storescp writing each received object exactly as received (+B) into {@code dir}. */
    public static Process storescp(String aeTitle, int port, Path dir) throws IOException {
        Files.createDirectories(dir);
        ProcessBuilder pb = new ProcessBuilder("storescp", "-aet", aeTitle, "+B", "-od", dir.toString(),
                Integer.toString(port)).redirectErrorStream(true)
                .redirectOutput(Path.of("target/storescp-" + port + ".log").toFile());
        pb.environment().put("TCP_NODELAY", "1");
        Process p = pb.start();
        awaitListening(port);
        return p;
    }

    public static void awaitListening(int port) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
                return;
            } catch (IOException e) {
                ServiceProcess.sleep(50);
            }
        }
        throw new IOException("nothing listening on port " + port);
    }

    /** The data set bytes of a Part 10 file (everything after the file meta information). */
    public static byte[] dataSetBytes(Path file) throws IOException {
        DicomFile df = DicomReader.read(file, ReadOptions.DEFAULT.withStopBeforeTag(0x00080000));
        byte[] all = Files.readAllBytes(file);
        return Arrays.copyOfRange(all, (int) df.dataSetOffset(), all.length);
    }

    /** The data set re-encoded in Explicit VR Little Endian: equal for equal values, whatever the encoding. */
    public static byte[] canonical(Path file) throws IOException {
        DataSet ds = DicomReader.read(file, ReadOptions.IN_MEMORY).dataSet();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DicomWriter.writeDataSet(out, ds, TransferSyntax.EXPLICIT_VR_LE, WriteOptions.DEFAULT);
        return out.toByteArray();
    }

    /** The DICOM files of a directory by SOP Instance UID. */
    public static Map<String, Path> received(Path dir) throws IOException {
        Map<String, Path> byUid = new HashMap<>();
        if (!Files.isDirectory(dir)) {
            return byUid;
        }
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.filter(Files::isRegularFile).forEach(files::add);
        }
        for (Path f : files) {
            try {
                DicomFile df = DicomReader.read(f, ReadOptions.DEFAULT.withStopBeforeTag(0x00080019));
                if (df.sopInstanceUid() != null) {
                    byUid.put(df.sopInstanceUid(), f);
                }
            } catch (IOException e) {
                // a file being written, or not DICOM
            }
        }
        return byUid;
    }
}
