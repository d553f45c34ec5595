package dev.cloudpacs.dicom.core.io;

import dev.cloudpacs.dicom.core.data.DataSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Thousands of random mutations and truncations of valid files: each read ends in a data set or a
 * {@link DicomParseException}, never an unchecked exception, a hang or an outsized allocation.
 */
class RobustnessTest {
    @TempDir
    Path tmp;

    @Test
    void mutationsAndTruncationsEndInValueOrCleanError() throws Exception {
        List<TransferSyntax> syntaxes = List.of(TransferSyntax.IMPLICIT_VR_LE, TransferSyntax.EXPLICIT_VR_LE,
                TransferSyntax.EXPLICIT_VR_BE, TransferSyntax.DEFLATED_EXPLICIT_VR_LE);
        Random rnd = new Random(20261123);
        Path f = tmp.resolve("mut.dcm");
        assertTimeoutPreemptively(java.time.Duration.ofMinutes(2), () -> {
            int parsed = 0;
            int rejected = 0;
            for (TransferSyntax ts : syntaxes) {
                Path src = tmp.resolve("src.dcm");
                DicomWriter.writeFile(src, Samples.ct(8, 8), ts, new WriteOptions(
                        rnd.nextBoolean() ? WriteOptions.LengthEncoding.UNDEFINED : WriteOptions.LengthEncoding.EXPLICIT,
                        WriteOptions.GroupLength.REMOVE));
                byte[] good = Files.readAllBytes(src);
                for (int round = 0; round < 1000; round++) {
                    byte[] bad = mutate(good, rnd);
                    Files.write(f, bad);
                    if (tryRead(() -> DicomReader.read(f).dataSet())) {
                        parsed++;
                    } else {
                        rejected++;
                    }
                    tryRead(() -> DicomReader.read(new ByteArrayInputStream(bad)).dataSet());
                    tryRead(() -> DicomReader.readDataSet(new ByteArrayInputStream(bad, 132, Math.max(0, bad.length - 132)), ts));
                }
            }
            System.out.printf("robustness: %d mutated files parsed, %d rejected with a parse error%n", parsed, rejected);
        });
    }

    private interface Read {
        DataSet run() throws IOException;
    }

    private static boolean tryRead(Read r) {
        try {
            DataSet ds = r.run();
            // Touch every value so lazy decoding is exercised too.
            ds.toString();
            return true;
        } catch (IOException e) {
            if (e.getMessage() == null || e.getMessage().isBlank()) {
                throw new AssertionError("parse error without a message", e);
            }
            return false;
        }
    }

    private static byte[] mutate(byte[] good, Random rnd) {
        int kind = rnd.nextInt(4);
        if (kind == 0) {
            return Arrays.copyOf(good, rnd.nextInt(good.length));
        }
        byte[] b = good.clone();
        int n = 1 + rnd.nextInt(8);
        for (int i = 0; i < n; i++) {
            int at = 128 + rnd.nextInt(b.length - 128);
            b[at] = switch (kind) {
                case 1 -> (byte) rnd.nextInt(256);
                case 2 -> (byte) 0xFF;
                default -> (byte) (b[at] ^ (1 << rnd.nextInt(8)));
            };
        }
        return b;
    }
}
