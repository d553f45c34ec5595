package dev.cloudpacs.dicom.tools;

import dev.cloudpacs.dicom.core.io.FileErrors;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/** Small helpers shared by the tools: error wording and input file expansion. */
public final class ToolSupport {
    private ToolSupport() {
    }

    /** One line describing a failure, in words (never a stack trace). */
    static String describe(Throwable ex) {
        Throwable t = ex instanceof UncheckedIOException u ? u.getCause() : ex;
        if (t instanceof FileSystemException fs && fs.getFile() != null) {
            return FileErrors.describe(Path.of(fs.getFile()), fs);
        }
        String msg = t.getMessage();
        return msg == null || msg.isBlank() ? t.getClass().getSimpleName() : msg;
    }

    /**
     * The files named, with directories expanded (recursively when asked) into their files in sorted
     * order. A file visitor rather than a stream of paths: it hands over each entry's
     * attributes, so no second stat per file, and starts faster in a tool's fresh JVM.
     */
    public static List<Path> expand(List<Path> inputs, boolean recursive) throws IOException {
        List<Path> out = new ArrayList<>();
        for (Path p : inputs) {
            if (Files.isDirectory(p)) {
                List<Path> found = new ArrayList<>();
                Files.walkFileTree(p, Set.of(), recursive ? Integer.MAX_VALUE : 1, new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                        // a link counts when it leads to a regular file, as Files.isRegularFile has it
                        if (attrs.isRegularFile() || attrs.isSymbolicLink() && Files.isRegularFile(file)) {
                            found.add(file);
                        }
                        return FileVisitResult.CONTINUE;
                    }
                });
                Collections.sort(found);
                out.addAll(found);
            } else {
                out.add(p);
            }
        }
        return out;
    }
}
