package dev.cloudpacs.retrieve.store;

import dev.cloudpacs.retrieve.store.StoredInstance;
import dev.cloudpacs.common.storage.FileSystemStorage;
import dev.cloudpacs.common.storage.StorageKeys;
import dev.cloudpacs.dicom.core.Tag;
import dev.cloudpacs.dicom.core.UID;
import dev.cloudpacs.dicom.core.VR;
import dev.cloudpacs.dicom.core.data.DataSet;
import dev.cloudpacs.dicom.core.io.DicomReader;
import dev.cloudpacs.dicom.core.io.DicomWriter;
import dev.cloudpacs.dicom.core.io.TransferSyntax;
import dev.cloudpacs.dicom.core.io.WriteOptions;
import dev.cloudpacs.dicom.core.util.UIDs;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The C-MOVE read-ahead hands out exactly each stored data set, whichever way it was read. */
class DataSetReadAheadTest {
    @TempDir
    Path root;

    private StoredObjects objects;
    private final List<StoredInstance> instances = new ArrayList<>();

    @BeforeEach
    void store() throws IOException {
        objects = new StoredObjects(new FileSystemStorage(root));
        for (int i = 0; i < 4; i++) {
            instances.add(write(1000 + 500 * i));
        }
    }

    private StoredInstance write(int pixelBytes) throws IOException {
        String iuid = UIDs.generate();
        DataSet ds = new DataSet();
        ds.setString(Tag.SOPClassUID, VR.UI, UID.CTImageStorage);
        ds.setString(Tag.SOPInstanceUID, VR.UI, iuid);
        byte[] pixels = new byte[pixelBytes];
        Arrays.fill(pixels, (byte) pixelBytes);
        ds.setBytes(Tag.PixelData, VR.OW, pixels);
        String key = StorageKeys.instanceKey(iuid);
        Path file = root.resolve(key);
        Files.createDirectories(file.getParent());
        DicomWriter.writeFile(file, ds, TransferSyntax.EXPLICIT_VR_LE, WriteOptions.DEFAULT);
        return new StoredInstance(instances.size() + 1, "1.2.3", "1.2.3.4", UID.CTImageStorage, iuid,
                TransferSyntax.EXPLICIT_VR_LE.uid(), key, Files.size(file));
    }

    /** The bytes after the file meta information, read the plain way. */
    private byte[] dataSetOf(StoredInstance i) throws IOException {
        Path file = root.resolve(i.storageKey());
        byte[] all = Files.readAllBytes(file);
        return Arrays.copyOfRange(all, (int) DicomReader.read(file).dataSetOffset(), all.length);
    }

    private static byte[] bytes(DataSetReadAhead.Loaded d) {
        return Arrays.copyOf(d.data(), d.length());
    }

    @Test
    void eachInstanceComesBackWithItsOwnDataSetReadAheadOrNot() throws IOException {
        DataSetReadAhead ahead = new DataSetReadAhead(objects, DataSetReadAhead.MAX_BUFFERED);
        byte[] previous = null;
        for (int k = 0; k < instances.size(); k++) {
            StoredInstance i = instances.get(k);
            DataSetReadAhead.Loaded d = ahead.take(i);
            if (k + 1 < instances.size()) {
                ahead.readAhead(instances.get(k + 1));
            }
            assertSame(i, d.instance());
            assertArrayEquals(dataSetOf(i), bytes(d), "data set of instance " + k);
            assertEquals(root.resolve(i.storageKey()).toAbsolutePath(), d.file().toAbsolutePath());
            assertEquals(DicomReader.read(d.file()).dataSetOffset(), d.dataSetOffset());
            assertNotSame(previous, d.data(), "the buffer being sent is not the one read ahead into");
            previous = d.data();
            ahead.release(d);
        }
    }

    @Test
    void aReleasedBufferLargeEnoughIsReadIntoAgain() throws IOException {
        DataSetReadAhead ahead = new DataSetReadAhead(objects, DataSetReadAhead.MAX_BUFFERED);
        StoredInstance small = instances.get(0);
        DataSetReadAhead.Loaded first = ahead.take(instances.get(3));
        ahead.release(first);
        DataSetReadAhead.Loaded second = ahead.take(small);
        assertSame(first.data(), second.data());
        assertArrayEquals(dataSetOf(small), bytes(second));
    }

    @Test
    void aDataSetOverTheLimitIsLeftInItsFile() throws IOException {
        DataSetReadAhead ahead = new DataSetReadAhead(objects, 100);
        StoredInstance big = instances.get(3);
        ahead.readAhead(big);
        DataSetReadAhead.Loaded d = ahead.take(big);
        assertNull(d.data());
        Path file = root.resolve(big.storageKey());
        assertEquals(DicomReader.read(file).dataSetOffset(), d.dataSetOffset());
        assertEquals(dataSetOf(big).length, Files.size(file) - d.dataSetOffset());
    }

    @Test
    void aMissingFileFailsItsOwnSubOperationOnly() throws IOException {
        DataSetReadAhead ahead = new DataSetReadAhead(objects, DataSetReadAhead.MAX_BUFFERED);
        StoredInstance gone = instances.get(1);
        Files.delete(root.resolve(gone.storageKey()));
        ahead.readAhead(gone);
        IOException e = assertThrows(IOException.class, () -> ahead.take(gone));
        assertTrue(e.getMessage().contains(gone.storageKey() + " is missing"), e.getMessage());
        StoredInstance next = instances.get(2);
        assertArrayEquals(dataSetOf(next), bytes(ahead.take(next)));
    }

    @Test
    void anInstanceOtherThanTheOneReadAheadIsReadWhenAskedFor() throws IOException {
        DataSetReadAhead ahead = new DataSetReadAhead(objects, DataSetReadAhead.MAX_BUFFERED);
        ahead.readAhead(instances.get(1));
        StoredInstance other = instances.get(2);
        assertArrayEquals(dataSetOf(other), bytes(ahead.take(other)));
    }
}
