package dev.cloudpacs.dicom.net.service;

import dev.cloudpacs.dicom.core.Tag;
import dev.cloudpacs.dicom.core.VR;
import dev.cloudpacs.dicom.core.data.DataSet;
import dev.cloudpacs.dicom.core.io.DicomWriter;
import dev.cloudpacs.dicom.core.io.PooledFileWriter;
import dev.cloudpacs.dicom.net.assoc.DataSink;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Streams a received data set into a Part 10 file: meta header first, then the data set bytes exactly
 * as they arrive; a temporary file, fsync (unless turned off), and an atomic rename make the object
 * appear whole or not at all.
 */
public final class Part10FileSink implements DataSink {
    private final Path target;
    private final Path temp;
    private final FileChannel channel;
    private final boolean fsync;
    private final PooledFileWriter writer;
    private long bytes;

    /**
     * @param target          final file name
     * @param sopClassUid     Affected SOP Class UID of the C-STORE
     * @param sopInstanceUid  Affected SOP Instance UID of the C-STORE
     * @param transferSyntax  the presentation context's transfer syntax (the data set's encoding)
     * @param sourceAeTitle   the calling AE title, recorded as Source Application Entity Title
     */
    public Part10FileSink(Path target, String sopClassUid, String sopInstanceUid, String transferSyntax,
                          String sourceAeTitle) throws IOException {
        this(target, sopClassUid, sopInstanceUid, transferSyntax, sourceAeTitle, true);
    }

    /**
     * @param fsync force the file to disk before it is renamed into place (without it, a crash can lose
     *              an object that was already acknowledged; it costs several ms per object on most disks)
     */
    public Part10FileSink(Path target, String sopClassUid, String sopInstanceUid, String transferSyntax,
                          String sourceAeTitle, boolean fsync) throws IOException {
        this.target = target;
        this.fsync = fsync;
        DataSet meta = DicomWriter.createFileMeta(sopClassUid, sopInstanceUid, transferSyntax);
        if (sourceAeTitle != null && !sourceAeTitle.isEmpty()) {
            meta.setString(Tag.SourceApplicationEntityTitle, VR.AE, sourceAeTitle);
        }
        ByteArrayOutputStream header = new ByteArrayOutputStream(512);
        DicomWriter.writeFileMetaHeader(header, meta);
        Path dir = target.getParent();
        String name = target.getFileName().toString();
        Path t;
        FileChannel ch = null;
        boolean dirCreated = false;
        do {
            // A random suffix: other writers may be at the same object.
            t = dir.resolve("." + name + "." + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".part");
            try {
                ch = FileChannel.open(t, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            } catch (FileAlreadyExistsException e) {
                // taken: draw again
            } catch (NoSuchFileException e) {
                if (dirCreated) {
                    throw e;
                }
                // Made only when missing, rather than looked up for every object.
                Files.createDirectories(dir);
                dirCreated = true;
            }
        } while (ch == null);
        this.temp = t;
        this.channel = ch;
        this.writer = new PooledFileWriter(channel);
        writer.write(header.toByteArray(), 0, header.size());
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        writer.write(b, off, len);
        bytes += len;
    }

    /** Data set bytes received so far. */
    public long bytes() {
        return bytes;
    }

    public Path target() {
        return target;
    }

    @Override
    public void end() throws IOException {
        try {
            writer.flush();
            writer.release();
            if (fsync) {
                channel.force(true);
            }
            channel.close();
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            abort(e);
            throw e;
        }
    }

    @Override
    public void abort(Exception cause) {
        writer.release();
        try {
            channel.close();
        } catch (IOException ignored) {
            // being discarded anyway
        }
        try {
            Files.deleteIfExists(temp);
        } catch (IOException ignored) {
            // a stray temp file is cleaned by the next start
        }
    }

}
