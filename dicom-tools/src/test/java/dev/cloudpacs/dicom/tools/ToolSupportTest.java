package dev.cloudpacs.dicom.tools;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@link ToolSupport#expand}: which files a tool given directories works on, and in which order. */
class ToolSupportTest {
    @TempDir
    Path dir;

    private Path file(String name) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        return Files.writeString(p, name);
    }

    @Test
    void directoriesBecomeTheirRegularFilesInSortedOrderAndNamedFilesStay() throws IOException {
        Path b = file("in/b.dcm");
        Path a = file("in/a.dcm");
        Path deep = file("in/sub/c.dcm");
        Path z = file("in/z.dcm");
        Path outside = file("other/x.dcm");
        Path link = Files.createSymbolicLink(dir.resolve("in/y-link.dcm"), outside);
        Files.createSymbolicLink(dir.resolve("in/dir-link"), dir.resolve("other")); // not followed
        Path named = file("named.dcm");

        assertEquals(List.of(a, b, deep, link, z, named),
                ToolSupport.expand(List.of(dir.resolve("in"), named), true));
        assertEquals(List.of(a, b, link, z), ToolSupport.expand(List.of(dir.resolve("in")), false),
                "not recursive: the subdirectory's files are left out");
    }

    @Test
    void anEmptyDirectoryGivesNothing() throws IOException {
        Files.createDirectories(dir.resolve("empty"));
        assertEquals(List.of(), ToolSupport.expand(List.of(dir.resolve("empty")), true));
    }
}
