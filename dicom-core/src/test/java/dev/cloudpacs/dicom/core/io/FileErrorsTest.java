package dev.cloudpacs.dicom.core.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class FileErrorsTest {
    @TempDir
    Path dir;

    @Test
    void aMissingFileIsNamedOnce() {
        Path f = dir.resolve("missing.dcm");
        IOException e = assertThrows(IOException.class, () -> Files.newInputStream(f));
        assertEquals(f + ": no such file", FileErrors.describe(f, e));
        assertEquals("no such file", FileErrors.reason(f, new UncheckedIOException(e)));
    }

    @Test
    void aDirectoryOnTheWayIsSaidInWords() throws IOException {
        Path notADir = Files.writeString(dir.resolve("plain"), "x");
        Path f = notADir.resolve("a.dcm");
        IOException e = assertThrows(IOException.class, () -> Files.newInputStream(f));
        assertEquals(f + ": not a directory", FileErrors.describe(f, e));
    }

    @Test
    void aMessageThatAlreadyNamesTheFileIsNotPrefixedAgain() {
        Path f = dir.resolve("x.dcm");
        assertEquals(f + ": no SOP Instance UID",
                FileErrors.describe(f, new IOException(f + ": no SOP Instance UID")));
        assertEquals("truncated at offset 132", FileErrors.reason(f, new DicomParseException("truncated at offset 132", 132)));
    }
}
