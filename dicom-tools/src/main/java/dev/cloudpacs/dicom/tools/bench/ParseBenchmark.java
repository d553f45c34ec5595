package dev.cloudpacs.dicom.tools.bench;

import dev.cloudpacs.dicom.core.Tag;
import dev.cloudpacs.dicom.core.io.DicomFile;
import dev.cloudpacs.dicom.core.io.DicomReader;
import dev.cloudpacs.dicom.core.io.ReadOptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Parses every file of a directory tree in one JVM (header parsed, pixel data by reference) and
 * prints files/s: {@code ParseBenchmark DIR [ROUNDS]}. The first round includes JIT warm-up, as a
 * one-shot command would; later rounds show steady state.
 */
public final class ParseBenchmark {
    private ParseBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir)) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        }
        for (int r = 1; r <= rounds; r++) {
            long t0 = System.nanoTime();
            long checksum = 0;
            for (Path f : files) {
                DicomFile df = DicomReader.read(f, ReadOptions.DEFAULT);
                checksum += df.dataSet().size() + df.dataSet().getInt(Tag.Rows, 0);
                String uid = df.dataSet().getString(Tag.SOPInstanceUID);
                checksum += uid == null ? 0 : uid.length();
            }
            double secs = (System.nanoTime() - t0) / 1e9;
            System.out.printf("round %d: %d files in %.3f s = %.0f files/s (checksum %d)%n", r, files.size(), secs,
                    files.size() / secs, checksum);
        }
    }
}
