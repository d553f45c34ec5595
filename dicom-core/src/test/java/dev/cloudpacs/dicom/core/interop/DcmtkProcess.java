package dev.cloudpacs.dicom.core.interop;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs one DCMTK command line tool with a timeout and captures its output. */
final class DcmtkProcess {

    /** Upper bound for any single DCMTK invocation; corpus files are a few KB. */
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** Exit code, raw stdout bytes (dcmdump prints values in the file's own encoding) and stderr. */
    record Result(int exitCode, byte[] stdout, String stderr) {
        /** Stdout decoded with the given charset. */
        String stdout(Charset charset) {
            return new String(stdout, charset);
        }
    }

    private DcmtkProcess() {
    }

    /** True when an executable with this name is on the PATH. */
    static boolean onPath(String tool) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    /** Runs {@code tool args...}; throws IllegalStateException with stderr on failure or timeout. */
    static Result run(String tool, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(tool);
        command.addAll(args);
        Path out = null;
        Path err = null;
        try {
            // Files instead of pipes: no reader threads needed and no pipe-buffer deadlock.
            out = Files.createTempFile("dcmtk-", ".out");
            err = Files.createTempFile("dcmtk-", ".err");
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile());
            builder.environment().put("TCP_NODELAY", "1");
            Process process = builder.start();
            if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("Timed out after " + TIMEOUT + ": " + String.join(" ", command));
            }
            Result result = new Result(process.exitValue(), Files.readAllBytes(out),
                    // Lenient decoding: warnings may quote values in a non-UTF-8 charset.
                    new String(Files.readAllBytes(err), StandardCharsets.UTF_8));
            if (result.exitCode() != 0) {
                throw new IllegalStateException(tool + " failed with exit code " + result.exitCode()
                        + ": " + String.join(" ", command) + System.lineSeparator() + result.stderr());
            }
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted: " + String.join(" ", command), e);
        } finally {
            deleteQuietly(out);
            deleteQuietly(err);
        }
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // A leftover temp file is harmless.
            }
        }
    }
}
