package dev.cloudpacs.dicom.core.io;

import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Failures on a file in words, for one-line messages: {@code FILE: reason}, with the file named once
 * (the JDK's file exceptions carry the path as their whole message).
 */
public final class FileErrors {
    private FileErrors() {
    }

    /** {@code FILE: reason}. */
    public static String describe(Path file, Throwable failure) {
        return file + ": " + reason(file, failure);
    }

    /** Why {@code failure} happened on {@code file}, without its name. */
    public static String reason(Path file, Throwable failure) {
        Throwable t = failure instanceof UncheckedIOException u && u.getCause() != null ? u.getCause() : failure;
        String why;
        if (t instanceof NoSuchFileException) {
            why = "no such file";
        } else if (t instanceof AccessDeniedException) {
            why = "permission denied";
        } else if (t instanceof FileSystemException fs && fs.getReason() != null) {
            why = fs.getReason().toLowerCase(java.util.Locale.ROOT); // "Is a directory", "Not a directory"
        } else {
            why = t.getMessage() == null || t.getMessage().isBlank() ? t.getClass().getSimpleName() : t.getMessage();
        }
        String named = file + ": ";
        return why.startsWith(named) ? why.substring(named.length()) : why;
    }
}
