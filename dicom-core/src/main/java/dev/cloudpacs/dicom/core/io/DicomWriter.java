package dev.cloudpacs.dicom.core.io;

import dev.cloudpacs.dicom.core.Implementation;
import dev.cloudpacs.dicom.core.Tag;
import dev.cloudpacs.dicom.core.Tags;
import dev.cloudpacs.dicom.core.VR;
import dev.cloudpacs.dicom.core.data.BulkData;
import dev.cloudpacs.dicom.core.data.ByteOrders;
import dev.cloudpacs.dicom.core.data.DataSet;
import dev.cloudpacs.dicom.core.data.Fragments;
import dev.cloudpacs.dicom.core.data.Sequence;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/**
 * Writes data sets (PS3.5 section 7) and Part 10 files (PS3.10 section 7) in any uncompressed transfer
 * syntax and Deflated Explicit VR Little Endian, converting byte order as needed; encapsulated pixel
 * data is written as-is when the target syntax is the one it was read in.
 */
public final class DicomWriter {
    private final ByteSink out;
    private final boolean explicit;
    private final boolean bigEndian;
    private final WriteOptions opts;
    private final Map<DataSet, Long> itemLengths = new IdentityHashMap<>();

    private DicomWriter(ByteSink out, TransferSyntax ts, WriteOptions opts) {
        this.out = out;
        this.explicit = ts.explicitVR();
        this.bigEndian = ts.bigEndian();
        this.opts = opts;
    }

    /**
     * Writes a Part 10 file atomically (temporary file, then rename). The meta header is built from the
     * data set's SOP Class and Instance UIDs.
     */
    public static void writeFile(Path file, DataSet ds, TransferSyntax ts, WriteOptions opts) throws IOException {
        DataSet meta = createFileMeta(ds.getString(Tag.SOPClassUID), ds.getString(Tag.SOPInstanceUID), ts.uid());
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, ".tmp-", ".dcm");
        try {
            try (OutputStream os = Files.newOutputStream(tmp)) {
                writePart10(os, meta, ds, ts, opts);
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Writes preamble, {@code DICM}, the meta group (with its group length) and the data set. */
    public static void writePart10(OutputStream os, DataSet meta, DataSet ds, TransferSyntax ts, WriteOptions opts)
            throws IOException {
        checkConvertible(ds, ts);
        DataSet m = meta.subset(0x0002, 0x0002);
        m.setString(Tag.TransferSyntaxUID, VR.UI, ts.uid());
        writeFileMetaHeader(os, m);
        writeBody(os, new ByteSink(os), ds, ts, opts);
    }

    /**
     * Writes only the preamble, {@code DICM} and the meta group: a receiver then appends the data set
     * bytes exactly as they arrived in the meta header's transfer syntax.
     */
    public static void writeFileMetaHeader(OutputStream os, DataSet meta) throws IOException {
        ByteSink sink = new ByteSink(os);
        sink.write(new byte[128], 0, 128);
        sink.write(new byte[] {'D', 'I', 'C', 'M'}, 0, 4);
        DataSet m = meta.subset(0x0002, 0x0002);
        m.remove(Tag.FileMetaInformationGroupLength);
        new DicomWriter(sink, TransferSyntax.EXPLICIT_VR_LE,
                new WriteOptions(WriteOptions.LengthEncoding.EXPLICIT, WriteOptions.GroupLength.RECALCULATE))
                .writeItems(m);
        sink.flush();
    }

    /** Writes a bare data set (no preamble or meta), as carried in P-DATA or stored without meta. */
    public static void writeDataSet(OutputStream os, DataSet ds, TransferSyntax ts, WriteOptions opts)
            throws IOException {
        checkConvertible(ds, ts);
        writeBody(os, new ByteSink(os), ds, ts, opts);
    }

    private static void writeBody(OutputStream os, ByteSink sink, DataSet ds, TransferSyntax ts, WriteOptions opts)
            throws IOException {
        if (ts.deflated()) {
            sink.flush();
            Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
            try {
                DeflaterOutputStream dos = new DeflaterOutputStream(nonClosing(os), deflater, 64 * 1024);
                ByteSink ds2 = new ByteSink(dos);
                new DicomWriter(ds2, ts, opts).writeItems(ds);
                ds2.flush();
                dos.finish();
                dos.flush();
            } finally {
                deflater.end();
            }
        } else {
            new DicomWriter(sink, ts, opts).writeItems(ds);
            sink.flush();
        }
    }

    private static OutputStream nonClosing(OutputStream os) {
        return new java.io.FilterOutputStream(os) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                flush();
            }
        };
    }

    /**
     * A File Meta Information group for a data set (PS3.10 section 7.1) with our Implementation Class
     * UID and Version Name.
     */
    public static DataSet createFileMeta(String sopClassUid, String sopInstanceUid, String transferSyntaxUid) {
        DataSet meta = new DataSet(8);
        meta.setBytes(Tag.FileMetaInformationVersion, VR.OB, new byte[] {0, 1});
        meta.setString(Tag.MediaStorageSOPClassUID, VR.UI, sopClassUid == null ? "" : sopClassUid);
        meta.setString(Tag.MediaStorageSOPInstanceUID, VR.UI, sopInstanceUid == null ? "" : sopInstanceUid);
        meta.setString(Tag.TransferSyntaxUID, VR.UI, transferSyntaxUid);
        meta.setString(Tag.ImplementationClassUID, VR.UI, Implementation.CLASS_UID);
        meta.setString(Tag.ImplementationVersionName, VR.SH, Implementation.VERSION_NAME);
        return meta;
    }

    /**
     * Refuses conversions that would need a pixel data codec: encapsulated to native, native to
     * encapsulated, or between two encapsulated syntaxes.
     */
    private static void checkConvertible(DataSet ds, TransferSyntax ts) throws IOException {
        boolean fragments = ds.getValue(Tag.PixelData) instanceof Fragments;
        if (fragments && !ts.encapsulated()) {
            throw new IOException("cannot write " + ts.name() + ": the pixel data is compressed (encapsulated) and"
                    + " no decoder for it is available; keep the original transfer syntax");
        }
        if (!fragments && ts.encapsulated() && ds.contains(Tag.PixelData)) {
            throw new IOException("cannot write " + ts.name() + ": no encoder for that compression is available");
        }
    }

    // ---- encoding --------------------------------------------------------------------------------

    private void writeItems(DataSet ds) throws IOException {
        int group = -1;
        boolean groupLengths = opts.groupLength() == WriteOptions.GroupLength.RECALCULATE;
        for (int i = 0; i < ds.size(); i++) {
            int tag = ds.tagAt(i);
            if (Tags.isGroupLength(tag)) {
                continue;
            }
            if (groupLengths && Tags.group(tag) != group) {
                group = Tags.group(tag);
                writeHeader(Tags.of(group, 0), VR.UL, 4);
                byte[] v = new byte[4];
                ByteOrders.put32(v, 0, (int) groupLength(ds, group), bigEndian);
                out.write(v, 0, 4);
            }
            writeElement(ds, i);
        }
    }

    private void writeElement(DataSet ds, int i) throws IOException {
        int tag = ds.tagAt(i);
        VR vr = ds.vrAt(i);
        Object v = ds.valueAt(i);
        if (v instanceof Sequence seq) {
            boolean undefined = undefinedSequence(seq);
            writeHeader(tag, VR.SQ, undefined ? -1 : sequenceLength(seq));
            for (DataSet item : seq) {
                boolean undefinedItem = undefinedItem(item);
                writeTagLength(Tags.ITEM, undefinedItem ? -1 : itemContentLength(item));
                writeItems(item);
                if (undefinedItem) {
                    writeTagLength(Tags.ITEM_DELIMITATION, 0);
                }
            }
            if (undefined) {
                writeTagLength(Tags.SEQUENCE_DELIMITATION, 0);
            }
        } else if (v instanceof Fragments frags) {
            writeHeader(tag, vr, -1);
            for (int k = 0; k < frags.size(); k++) {
                long len = frags.length(k);
                writeTagLength(Tags.ITEM, (len + 1) & ~1L);
                writeRaw(frags.get(k), false, VR.OB);
                if ((len & 1) != 0) {
                    out.write(0);
                }
            }
            writeTagLength(Tags.SEQUENCE_DELIMITATION, 0);
        } else {
            long len = rawLength(v);
            long padded = (len + 1) & ~1L;
            VR written = headerVR(vr, padded);
            writeHeader(tag, written, padded);
            writeRaw(v, ds.bigEndian(), vr);
            if (padded != len) {
                out.write(vr.padding());
            }
        }
    }

    /** A value too long for a 16-bit length is written as UN (PS3.5 section 6.2.2, note on 64 KiB). */
    private VR headerVR(VR vr, long len) {
        return explicit && !vr.longHeader() && len > 0xFFFF ? VR.UN : vr;
    }

    private void writeRaw(Object v, boolean sourceBigEndian, VR vr) throws IOException {
        boolean swap = sourceBigEndian != bigEndian && vr.needsByteSwap();
        if (v instanceof byte[] b) {
            if (swap) {
                byte[] c = b.clone();
                ByteOrders.swap(c, 0, c.length, vr.unitSize());
                out.write(c, 0, c.length);
            } else {
                out.write(b, 0, b.length);
            }
        } else if (v instanceof BulkData bd) {
            out.flushTo();
            bd.copyTo(out.stream(), swap ? vr.unitSize() : 1);
        }
    }

    private void writeHeader(int tag, VR vr, long len) throws IOException {
        byte[] h = out.scratch();
        ByteOrders.put16(h, 0, tag >>> 16, bigEndian);
        ByteOrders.put16(h, 2, tag, bigEndian);
        if (!explicit) {
            ByteOrders.put32(h, 4, (int) len, bigEndian);
            out.write(h, 0, 8);
        } else if (vr.longHeader()) {
            h[4] = (byte) vr.name().charAt(0);
            h[5] = (byte) vr.name().charAt(1);
            h[6] = 0;
            h[7] = 0;
            ByteOrders.put32(h, 8, (int) len, bigEndian);
            out.write(h, 0, 12);
        } else {
            h[4] = (byte) vr.name().charAt(0);
            h[5] = (byte) vr.name().charAt(1);
            ByteOrders.put16(h, 6, (int) len, bigEndian);
            out.write(h, 0, 8);
        }
    }

    private void writeTagLength(int tag, long len) throws IOException {
        byte[] h = out.scratch();
        ByteOrders.put16(h, 0, tag >>> 16, bigEndian);
        ByteOrders.put16(h, 2, tag, bigEndian);
        ByteOrders.put32(h, 4, (int) len, bigEndian);
        out.write(h, 0, 8);
    }

    // ---- lengths ---------------------------------------------------------------------------------

    private boolean undefinedSequence(Sequence seq) {
        return switch (opts.sequenceLength()) {
            case AS_READ -> seq.undefinedLength();
            case EXPLICIT -> false;
            case UNDEFINED -> true;
        };
    }

    private boolean undefinedItem(DataSet item) {
        return switch (opts.sequenceLength()) {
            case AS_READ -> item.itemLength() < 0;
            case EXPLICIT -> false;
            case UNDEFINED -> true;
        };
    }

    private static long rawLength(Object v) {
        return v instanceof byte[] b ? b.length : ((BulkData) v).length();
    }

    private long groupLength(DataSet ds, int group) {
        long sum = 0;
        for (int i = 0; i < ds.size(); i++) {
            int tag = ds.tagAt(i);
            if (Tags.group(tag) == group && !Tags.isGroupLength(tag)) {
                sum += elementLength(ds, i);
            }
        }
        return sum;
    }

    private long itemContentLength(DataSet item) {
        Long cached = itemLengths.get(item);
        if (cached != null) {
            return cached;
        }
        long sum = 0;
        int group = -1;
        boolean groupLengths = opts.groupLength() == WriteOptions.GroupLength.RECALCULATE;
        for (int i = 0; i < item.size(); i++) {
            int tag = item.tagAt(i);
            if (Tags.isGroupLength(tag)) {
                continue;
            }
            if (groupLengths && Tags.group(tag) != group) {
                group = Tags.group(tag);
                sum += 12;
            }
            sum += elementLength(item, i);
        }
        itemLengths.put(item, sum);
        return sum;
    }

    private long sequenceLength(Sequence seq) {
        long sum = 0;
        for (DataSet item : seq) {
            sum += 8 + itemContentLength(item) + (undefinedItem(item) ? 8 : 0);
        }
        return sum;
    }

    private long elementLength(DataSet ds, int i) {
        Object v = ds.valueAt(i);
        VR vr = ds.vrAt(i);
        if (v instanceof Sequence seq) {
            return headerLength(VR.SQ) + sequenceLength(seq) + (undefinedSequence(seq) ? 8 : 0);
        }
        if (v instanceof Fragments frags) {
            long sum = headerLength(vr) + 8;
            for (int k = 0; k < frags.size(); k++) {
                sum += 8 + ((frags.length(k) + 1) & ~1L);
            }
            return sum;
        }
        long padded = (rawLength(v) + 1) & ~1L;
        return headerLength(headerVR(vr, padded)) + padded;
    }

    private int headerLength(VR vr) {
        return explicit && vr.longHeader() ? 12 : 8;
    }
}
