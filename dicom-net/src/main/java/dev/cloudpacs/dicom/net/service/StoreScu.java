package dev.cloudpacs.dicom.net.service;

import dev.cloudpacs.dicom.core.io.DicomFile;
import dev.cloudpacs.dicom.core.io.DicomReader;
import dev.cloudpacs.dicom.core.io.DicomWriter;
import dev.cloudpacs.dicom.core.io.FileErrors;
import dev.cloudpacs.dicom.core.io.ReadOptions;
import dev.cloudpacs.dicom.core.io.TransferSyntax;
import dev.cloudpacs.dicom.core.io.WriteOptions;
import dev.cloudpacs.dicom.net.assoc.Association;
import dev.cloudpacs.dicom.net.assoc.AssociationRequest;
import dev.cloudpacs.dicom.net.assoc.DataWriter;
import dev.cloudpacs.dicom.net.assoc.DirectTransfer;
import dev.cloudpacs.dicom.net.assoc.PresentationContext;
import dev.cloudpacs.dicom.net.dimse.Command;
import dev.cloudpacs.dicom.net.dimse.Commands;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Storage SCU. Scans files for their SOP class and transfer syntax, proposes presentation contexts for
 * them, and sends each file's data set: byte for byte when the peer accepted the file's own syntax,
 * converted on the fly when it accepted only another uncompressed one.
 */
public final class StoreScu {
    /** What a file to send is, from its header. */
    public record Item(Path path, String sopClassUid, String sopInstanceUid, String transferSyntaxUid,
                       long dataSetOffset) {
    }

    /** The outcome of one C-STORE. */
    public record Result(Item item, int status, String errorComment, long bytes) {
    }

    private StoreScu() {
    }

    /** Reads only the header of a file (meta group and the first data set elements). */
    public static Item scan(Path file) throws IOException {
        // Everything up to SOP Instance UID (0008,0018) is enough; the rest is never looked at.
        DicomFile df = DicomReader.read(file, ReadOptions.DEFAULT.withStopBeforeTag(0x00080019));
        String cuid = df.sopClassUid();
        String iuid = df.sopInstanceUid();
        if (cuid == null || iuid == null) {
            throw new IOException(file + ": no SOP Class UID or SOP Instance UID");
        }
        return new Item(file, cuid, iuid, df.transferSyntax().uid(), df.dataSetOffset());
    }

    /**
     * Proposes, for each SOP class, one context per distinct stored syntax (so nothing needs
     * converting when the peer takes it) and one with the uncompressed syntaxes as fallback.
     */
    public static void proposeContexts(AssociationRequest request, List<Item> items) {
        Map<String, Set<String>> syntaxes = new LinkedHashMap<>();
        for (Item it : items) {
            syntaxes.computeIfAbsent(it.sopClassUid(), k -> new LinkedHashSet<>()).add(it.transferSyntaxUid());
        }
        List<String> uncompressed = List.of(TransferSyntax.EXPLICIT_VR_LE.uid(), TransferSyntax.IMPLICIT_VR_LE.uid());
        for (var e : syntaxes.entrySet()) {
            for (String ts : e.getValue()) {
                if (!uncompressed.contains(ts) && request.contexts().size() < 127) {
                    request.addContext(e.getKey(), List.of(ts));
                }
            }
            if (request.contexts().size() < 128) {
                request.addContext(e.getKey(), uncompressed);
            }
        }
    }

    /** Sends one file with C-STORE and waits for the response. */
    public static Result send(Association as, Item item, int priority, String moveOriginatorAet,
                              int moveOriginatorMessageId) throws IOException {
        return start(as, item, null, 0, priority, moveOriginatorAet, moveOriginatorMessageId).await();
    }

    /**
     * A C-STORE whose request and data set have been sent, its response not yet awaited: the caller may
     * prepare the next one meanwhile.
     */
    public static final class InFlight {
        private final Association as;
        private final Item item;
        private final long size;
        private final CompletableFuture<Command> response;
        private final Result refused;

        private InFlight(Association as, Item item, long size, CompletableFuture<Command> response, Result refused) {
            this.as = as;
            this.item = item;
            this.size = size;
            this.response = response;
            this.refused = refused;
        }

        /** Waits for the C-STORE response. */
        public Result await() throws IOException {
            if (refused != null) {
                return refused;
            }
            Command rsp = as.await(response);
            return new Result(item, rsp.status(), rsp.errorComment(), size);
        }
    }

    /**
     * Sends one file's C-STORE request and data set without waiting for the response, its data set
     * already read into {@code dataSet[0, length)} (the bytes after the file's meta information, or null
     * to read them from the file). When no accepted context takes the file's own syntax, the file is read
     * and converted instead; when none can carry it at all, nothing is sent and the result says so.
     */
    public static InFlight start(Association as, Item item, byte[] dataSet, int length, int priority,
                                 String moveOriginatorAet, int moveOriginatorMessageId) throws IOException {
        PresentationContext pc = as.contextFor(item.sopClassUid(), item.transferSyntaxUid());
        DataWriter writer;
        long size = dataSet != null ? length : Files.size(item.path()) - item.dataSetOffset();
        if (pc != null) {
            writer = dataSet != null ? out -> out.write(dataSet, 0, length) : out -> copyDataSet(item, out);
        } else {
            pc = convertibleContext(as, item);
            if (pc == null) {
                return new InFlight(as, item, 0, null, new Result(item, -1, "no presentation context accepted for "
                        + item.sopClassUid() + " in " + item.transferSyntaxUid() + " or a syntax it converts to", 0));
            }
            TransferSyntax target = pc.transferSyntax();
            writer = out -> DicomWriter.writeDataSet(out, DicomReader.read(item.path()).dataSet(), target,
                    WriteOptions.DEFAULT);
        }
        Command rq = Commands.cStoreRq(as.nextMessageId(), item.sopClassUid(), item.sopInstanceUid(), priority,
                moveOriginatorAet, moveOriginatorMessageId);
        return new InFlight(as, item, size, as.invoke(pc.id(), rq, writer, null), null);
    }

    /**
     * The context to convert a native file for: explicit VR little endian, else implicit, else any other
     * native syntax (big endian, deflated), so a conversion never picks a retired or costly syntax that
     * was only accepted for files already in it.
     */
    private static PresentationContext convertibleContext(Association as, Item item) {
        return convertibleContext(as, item.sopClassUid(), item.transferSyntaxUid());
    }

    /**
     * The accepted context of {@code sopClassUid} a data set stored in {@code transferSyntaxUid} is best
     * converted for (explicit VR little endian, else implicit, else another native syntax), or null when
     * it is encapsulated or no native context was accepted.
     */
    public static PresentationContext convertibleContext(Association as, String sopClassUid, String transferSyntaxUid) {
        if (TransferSyntax.of(transferSyntaxUid).encapsulated()) {
            return null;
        }
        PresentationContext best = null;
        int bestRank = Integer.MAX_VALUE;
        for (PresentationContext pc : as.contextsFor(sopClassUid)) {
            if (pc.transferSyntax().encapsulated()) {
                continue;
            }
            String ts = pc.transferSyntaxUid();
            int rank = ts.equals(TransferSyntax.EXPLICIT_VR_LE.uid()) ? 0
                    : ts.equals(TransferSyntax.IMPLICIT_VR_LE.uid()) ? 1 : 2;
            if (rank < bestRank) {
                best = pc;
                bestRank = rank;
            }
        }
        return best;
    }

    /** A data set read into memory: {@code data[0, length)}. */
    public record DataSetBytes(byte[] data, int length) {
    }

    /**
     * Reads the data set of {@code item} (the bytes after its meta information) into {@code reuse}, or
     * into a new array when it does not fit; null when it is larger than {@code max} bytes, which is
     * then better sent straight from its file.
     */
    public static DataSetBytes readDataSet(Item item, byte[] reuse, int max) throws IOException {
        try (FileChannel ch = FileChannel.open(item.path())) {
            long size = ch.size() - item.dataSetOffset();
            if (size < 0) {
                throw new IOException(item.path() + ": now shorter than its meta information");
            }
            if (size > max) {
                return null;
            }
            int n = (int) size;
            byte[] data = reuse != null && reuse.length >= n ? reuse : new byte[n];
            ByteBuffer b = ByteBuffer.wrap(data, 0, n);
            long pos = item.dataSetOffset();
            while (b.hasRemaining()) {
                int r = ch.read(b, pos);
                if (r < 0) {
                    throw new IOException(item.path() + ": ended after " + b.position() + " of " + n
                            + " data set bytes");
                }
                pos += r;
            }
            return new DataSetBytes(data, n);
        }
    }

    private static void copyDataSet(Item item, OutputStream out) throws IOException {
        try (InputStream in = Files.newInputStream(item.path())) {
            in.skipNBytes(item.dataSetOffset());
            DirectTransfer.transfer(in, out);
        }
    }

    /** Scans every file, skipping (and reporting) the ones that are not DICOM. */
    public static List<Item> scanAll(List<Path> files, List<String> problems) {
        List<Item> items = new ArrayList<>();
        for (Path f : files) {
            try {
                items.add(scan(f));
            } catch (IOException e) {
                problems.add(FileErrors.describe(f, e));
            }
        }
        return items;
    }
}
