package dev.cloudpacs.commitment;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the DICOM peers of the tests (our command-line tools from bin/). */
final class Peers {
    /** What a finished command printed and returned. */
    record Result(int exit, String output) {
    }

    private Peers() {
    }

    /** Our tools, as a user runs them from bin/. */
    static Path tool(String name) {
        return Path.of("../bin", name).toAbsolutePath().normalize();
    }

    /** Runs a command to its end (at most {@code seconds}). */
    static Result run(long seconds, List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
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
}
