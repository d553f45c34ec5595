package dev.cloudpacs.retrieve.service.wado;

import dev.cloudpacs.retrieve.store.StoredInstance;
import dev.cloudpacs.dicom.core.Tag;
import dev.cloudpacs.dicom.core.Tags;
import dev.cloudpacs.dicom.core.VR;
import dev.cloudpacs.dicom.core.data.BulkData;
import dev.cloudpacs.dicom.core.data.DataSet;
import dev.cloudpacs.dicom.core.data.Fragments;
import dev.cloudpacs.dicom.core.io.DicomFile;
import dev.cloudpacs.dicom.core.io.DicomReader;
import dev.cloudpacs.dicom.core.io.ReadOptions;
import dev.cloudpacs.retrieve.store.LocalFile;
import dev.cloudpacs.retrieve.store.StoredObjects;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;

/**
 * Frames and bulk data of one instance (PS3.18 10.4.1.1.4 and 10.4.1.1.5) as
 * {@code multipart/related} bodies. Everything that can fail for a reason the client should hear
 * (no such frame, no such attribute, nothing acceptable) is found while preparing, before the status
 * line; the body then only copies bytes.
 */
@ApplicationScoped
public class BinaryRetriever {
    private static final Logger LOG = Logger.getLogger(BinaryRetriever.class);

    /** A body ready to stream: its full Content-Type (boundary included) and the writer, which releases the file. */
    public record Prepared(String contentType, Body body) {
    }

    /** Writes a prepared body. */
    @FunctionalInterface
    public interface Body {
        void write(OutputStream out) throws IOException;
    }

    private final StoredObjects objects;

    public BinaryRetriever(StoredObjects objects) {
        this.objects = objects;
    }

    /**
     * The listed frames, one part each, in the order asked.
     *
     * @throws WadoException 404 for a frame number out of range or no pixel data, 406 when the Accept
     *     header admits no form the frames can take
     */
    public Prepared frames(StoredInstance i, int[] frames, List<AcceptHeader.MediaRange> accept) throws WadoException {
        return withFile(i, df -> {
            FrameExtractor fx = FrameExtractor.of(df.dataSet(), df.transferSyntax());
            fx.check(frames);
            String type = BinaryMediaType.choose(accept, df.transferSyntax(), fx.compressed(), true);
            return framesBody(fx, frames, type);
        });
    }

    /**
     * The value at a bulk data path: one part with its little endian bytes; encapsulated Pixel Data
     * gives one part per frame.
     *
     * @throws WadoException 400 for a malformed path, 404 when the instance has no such value
     */
    public Prepared bulk(StoredInstance i, String tagPath, List<AcceptHeader.MediaRange> accept) throws WadoException {
        int[] path = TagPath.parse(tagPath);
        return withFile(i, df -> {
            DataSet holder = TagPath.holder(df.dataSet(), path);
            int tag = path[path.length - 1];
            int idx = holder.indexOf(tag);
            if (idx < 0) {
                throw WadoException.notFound("the instance has no " + Tags.toString(tag) + " at " + tagPath);
            }
            Object value = holder.valueAt(idx);
            if (value instanceof Fragments) {
                // The holder: an icon's compressed pixels are framed by the icon's own attributes.
                FrameExtractor fx = FrameExtractor.of(holder, df.transferSyntax());
                String type = BinaryMediaType.choose(accept, df.transferSyntax(), true, true);
                int[] all = new int[fx.count()];
                for (int k = 0; k < all.length; k++) {
                    all[k] = k + 1;
                }
                return framesBody(fx, all, type);
            }
            if (!(value instanceof byte[] || value instanceof BulkData)) {
                throw WadoException.badRequest(Tags.toString(tag) + " is a sequence, not bulk data");
            }
            boolean pixels = path.length == 1 && tag == Tag.PixelData;
            String type = BinaryMediaType.choose(accept, df.transferSyntax(), false, pixels);
            VR vr = holder.vrAt(idx);
            boolean be = value instanceof BulkData bd ? bd.bigEndian() : holder.bigEndian();
            int swap = be && vr.needsByteSwap() ? vr.unitSize() : 1;
            String boundary = MultipartWriter.newBoundary();
            return new Prepared(MultipartWriter.contentType(BinaryMediaType.bare(type), boundary), out -> {
                MultipartWriter mp = new MultipartWriter(out, boundary);
                try (OutputStream part = mp.startPart(Map.of("Content-Type", type))) {
                    ValueBytes.copy(value, 0, ValueBytes.length(value), swap, part);
                }
                mp.finish();
            });
        });
    }

    private Prepared framesBody(FrameExtractor fx, int[] frames, String type) {
        String boundary = MultipartWriter.newBoundary();
        return new Prepared(MultipartWriter.contentType(BinaryMediaType.bare(type), boundary), out -> {
            MultipartWriter mp = new MultipartWriter(out, boundary);
            for (int f : frames) {
                try (OutputStream part = mp.startPart(Map.of("Content-Type", type))) {
                    fx.write(f, part);
                }
            }
            mp.finish();
        });
    }

    // ---- the file behind it ---------------------------------------------------------------------

    @FunctionalInterface
    private interface Preparation {
        Prepared prepare(DicomFile df) throws WadoException, IOException;
    }

    /** Opens and parses the instance (large values by reference), and keeps the file until the body is written. */
    private Prepared withFile(StoredInstance i, Preparation prep) throws WadoException {
        LocalFile file;
        try {
            file = LocalFile.of(objects, i);
        } catch (IOException e) {
            LOG.warnf("WADO: instance %s unreadable: %s", i.sopInstanceUid(), e.getMessage());
            throw new WadoException(500, "instance " + i.sopInstanceUid() + " cannot be read from storage: "
                    + e.getMessage());
        }
        try {
            DicomFile df = DicomReader.read(file.path(), ReadOptions.DEFAULT);
            Prepared p = prep.prepare(df);
            return new Prepared(p.contentType(), out -> {
                try (file) {
                    p.body().write(out);
                } catch (IOException e) {
                    LOG.warnf("WADO: sending data of instance %s failed mid-response: %s", i.sopInstanceUid(),
                            e.getMessage());
                    throw e;
                }
            });
        } catch (IOException e) {
            closeQuietly(file);
            throw new WadoException(500, "instance " + i.sopInstanceUid() + " cannot be parsed: " + e.getMessage());
        } catch (WadoException | RuntimeException e) {
            closeQuietly(file);
            throw e;
        }
    }

    private static void closeQuietly(LocalFile f) {
        try {
            f.close();
        } catch (IOException ignored) {
            // a temporary copy left behind is removed with the temp directory
        }
    }
}
