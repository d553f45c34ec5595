package dev.cloudpacs.common.storage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Writers of one key never destroy each other's object, whatever order they finish or fail in. */
class FileSystemStorageTest {
    private static final String KEY = StorageKeys.instanceKey("1.2.826.0.1.3680043.2.1143.7.1");

    @TempDir
    Path root;

    private static StorageWriter write(FileSystemStorage s, String content) throws IOException {
        StorageWriter w = s.begin();
        w.stream().write(content.getBytes(StandardCharsets.US_ASCII));
        return w;
    }

    private String stored(FileSystemStorage s) throws IOException {
        try (var in = s.open(KEY)) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }

    @Test
    void aWriterThatIsAbortedLeavesTheObjectAnotherCommittedMeanwhile() throws IOException {
        FileSystemStorage s = new FileSystemStorage(root);
        StorageWriter stalled = write(s, "first, never finished");
        StorageWriter retry = write(s, "second, complete");
        assertTrue(retry.commit(KEY), "the first commit at a key creates it");
        retry.abort();
        stalled.abort();
        assertEquals("second, complete", stored(s));
        assertEquals(List.of(), workFiles());
    }

    @Test
    void aLaterCommitReplacesAndAnEarlierWritersRetractLeavesTheReplacement() throws IOException {
        FileSystemStorage s = new FileSystemStorage(root);
        StorageWriter a = write(s, "a");
        StorageWriter b = write(s, "b");
        assertTrue(a.commit(KEY));
        assertFalse(b.commit(KEY), "the key held an object: replaced");
        a.retract();
        assertEquals("b", stored(s), "a's index failed, but the key holds b's object now");
        b.retract();
        assertEquals("b", stored(s), "a replacing commit is never taken back");
    }

    @Test
    void retractTakesBackOnlyTheWritersOwnNewObject() throws IOException {
        FileSystemStorage s = new FileSystemStorage(root);
        StorageWriter a = write(s, "a");
        assertTrue(a.commit(KEY));
        a.retract();
        assertFalse(s.exists(KEY));
        assertEquals(List.of(), workFiles());
    }

    @Test
    void newAndReplacedObjectsGetTheSameFileMode() throws IOException {
        FileSystemStorage s = new FileSystemStorage(root);
        write(s, "a").commit(KEY);
        String first = PosixFilePermissions.toString(Files.getPosixFilePermissions(s.localPath(KEY)));
        write(s, "b").commit(KEY);
        assertEquals(first, PosixFilePermissions.toString(Files.getPosixFilePermissions(s.localPath(KEY))));
    }

    @Test
    void removeIfUnchangedRemovesTheListedObjectOnly() throws IOException {
        FileSystemStorage s = new FileSystemStorage(root);
        write(s, "orphan").commit(KEY);
        ObjectStorage.Listed listed = s.list(KEY.substring(0, 5)).get(0);
        assertEquals(KEY, listed.key());

        write(s, "stored again since").commit(KEY);
        assertFalse(s.removeIfUnchanged(listed, () -> true), "another object is at the key now");
        assertEquals("stored again since", stored(s));

        ObjectStorage.Listed now = s.list(KEY.substring(0, 5)).get(0);
        assertFalse(s.removeIfUnchanged(now, () -> false), "indexed meanwhile: it stays");
        assertEquals("stored again since", stored(s));
        assertTrue(s.removeIfUnchanged(now, () -> true));
        assertFalse(s.exists(KEY));
        assertEquals(List.of(), workFiles());
    }

    @Test
    void startUpRemovesStaleWorkFilesAndPutsBackWhatARemovalLeftAside() throws IOException {
        FileSystemStorage s = new FileSystemStorage(root);
        StorageWriter fresh = write(s, "still being written by another replica");
        StorageWriter stale = write(s, "abandoned");
        stale.stream().flush();
        Files.setLastModifiedTime(stale.tempFile(), FileTime.from(Instant.now().minus(Duration.ofHours(2))));
        // A crash between moving an object aside and deciding about it:
        Path aside = root.resolve(".tmp/aside." + KEY.substring(6) + ".0b1c");
        Files.writeString(aside, "acknowledged object");

        FileSystemStorage restarted = new FileSystemStorage(root, Duration.ofHours(1));
        assertEquals("acknowledged object", stored(restarted));
        assertTrue(Files.exists(fresh.tempFile()));
        assertFalse(Files.exists(stale.tempFile()));
        assertFalse(fresh.commit(KEY), "the key holds the object put back");
        assertEquals("still being written by another replica", stored(restarted));
    }

    @Test
    void partitionsAndListingSkipWorkFilesAndForeignNames() throws IOException {
        FileSystemStorage s = new FileSystemStorage(root);
        write(s, "x").commit(KEY);
        Files.writeString(s.localPath(KEY).resolveSibling("notes.txt"), "not an object");
        assertEquals(List.of(KEY.substring(0, 5)), s.partitions());
        assertEquals(1, s.list(KEY.substring(0, 5)).size());
    }

    private List<Path> workFiles() throws IOException {
        try (Stream<Path> st = Files.list(root.resolve(".tmp"))) {
            return st.toList();
        }
    }
}
