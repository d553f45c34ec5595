package dev.cloudpacs.dicom.tools;

import dev.cloudpacs.dicom.core.io.DicomParseException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Small helpers shared by the tools: error wording and input file expansion. */
public final class ToolSupport {
    private ToolSupport() {
    }

    /** One line describing a failure, in words (never a stack trace). */
    static String describe(Throwable ex) {
        Throwable t = ex instanceof UncheckedIOException u ? u.getCause() : ex;
        if (t instanceof NoSuchFileException e) {
            return e.getFile() + ": no such file";
        }
        if (t instanceof AccessDeniedException e) {
            return e.getFile() + ": permission denied";
        }
        if (t instanceof DicomParseException) {
            return t.getMessage();
        }
        String msg = t.getMessage();
        return msg == null || msg.isBlank() ? t.getClass().getSimpleName() : msg;
    }

    /** The files named, with directories expanded (recursively when asked), in a stable order. */
    public static List<Path> expand(List<Path> inputs, boolean recursive) throws IOException {
        List<Path> out = new ArrayList<>();
        for (Path p : inputs) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> s = recursive ? Files.walk(p) : Files.list(p)) {
                    s.filter(Files::isRegularFile).sorted().forEach(out::add);
                }
            } else {
                out.add(p);
            }
        }
        return out;
    }
}
