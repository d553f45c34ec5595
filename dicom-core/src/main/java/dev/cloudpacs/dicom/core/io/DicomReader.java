package dev.cloudpacs.dicom.core.io;

import dev.cloudpacs.dicom.core.Tag;
import dev.cloudpacs.dicom.core.Tags;
import dev.cloudpacs.dicom.core.VR;
import dev.cloudpacs.dicom.core.data.BulkData;
import dev.cloudpacs.dicom.core.data.DataSet;
import dev.cloudpacs.dicom.core.data.Fragments;
import dev.cloudpacs.dicom.core.data.Sequence;
import dev.cloudpacs.dicom.core.dict.DictionaryEntry;
import dev.cloudpacs.dicom.core.dict.ElementDictionary;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses DICOM files (PS3.10: preamble, {@code DICM}, File Meta Information) and bare data sets
 * (PS3.5 section 7) in every transfer syntax: implicit and explicit VR, either byte order, deflated,
 * encapsulated pixel data. Large values can stay in the file by reference ({@link ReadOptions}).
 *
 * <p>Tolerated defects, each reported in {@link DicomFile#warnings()}: odd value lengths, UN with
 * undefined length (read as an implicit VR sequence, PS3.5 section 6.2.2), explicit VR data in a file
 * whose meta header says implicit VR (and the reverse), a missing meta header or preamble, stray
 * delimiters, unknown VR codes (read as UN with a 32-bit length). Anything else fails with a
 * {@link DicomParseException} naming the offset and the element; no length read from the input is
 * trusted for an allocation.
 */
public final class DicomReader {
    private static final int UNDEFINED = -1;

    private final ByteSource src;
    private final Path path;
    private final ReadOptions opts;
    private final List<String> warnings = new ArrayList<>();
    private boolean explicit;
    private boolean bigEndian;
    private boolean byReference;

    private DicomReader(ByteSource src, Path path, ReadOptions opts) {
        this.src = src;
        this.path = path;
        this.opts = opts;
    }

    /** Reads a file with {@link ReadOptions#DEFAULT}. */
    public static DicomFile read(Path path) throws IOException {
        return read(path, ReadOptions.DEFAULT);
    }

    /** Reads a Part 10 file or a bare data set from a file. */
    public static DicomFile read(Path path, ReadOptions opts) throws IOException {
        long length = Files.size(path);
        try (InputStream in = new FileInputStream(path.toFile())) {
            return new DicomReader(new ByteSource(in, length), path, opts).readFile();
        }
    }

    /** Reads a Part 10 file or bare data set from a stream; every value is kept in memory. */
    public static DicomFile read(InputStream in) throws IOException {
        return new DicomReader(new ByteSource(in, -1), null, ReadOptions.IN_MEMORY).readFile();
    }

    /** Reads a bare data set in a known transfer syntax (as carried in P-DATA), all values in memory. */
    public static DataSet readDataSet(InputStream in, TransferSyntax ts) throws IOException {
        DicomReader r = new DicomReader(new ByteSource(in, -1), null, ReadOptions.IN_MEMORY);
        if (ts.deflated()) {
            r.src.inflateRest();
        }
        r.explicit = ts.explicitVR();
        r.bigEndian = ts.bigEndian();
        DataSet ds = new DataSet();
        ds.setBigEndian(r.bigEndian);
        r.readItems(ds, UNDEFINED, 0, 0);
        return ds;
    }

    private DicomFile readFile() throws IOException {
        DataSet meta = null;
        if (src.fill(132) >= 132 && src.peek(128) == 'D' && src.peek(129) == 'I' && src.peek(130) == 'C'
                && src.peek(131) == 'M') {
            skip(132);
            meta = readMeta();
        } else {
            TransferSyntax guess = guessBareEncoding();
            if (guess == null) {
                throw new DicomParseException("not a DICOM Part 10 file (no DICM prefix at offset 128)"
                        + " and not a bare data set either", 128);
            }
            if (src.peek(0) == 0x02 && src.peek(1) == 0x00) {
                warnings.add("no 128-byte preamble and DICM prefix: the file starts with the meta header");
                meta = readMeta();
            } else {
                warnings.add("no File Meta Information: read as a bare data set in " + guess.name());
                explicit = guess.explicitVR();
                bigEndian = guess.bigEndian();
            }
        }
        TransferSyntax ts = meta == null ? currentSyntax() : syntaxFromMeta(meta);
        byReference = path != null && !ts.deflated();
        if (ts.deflated()) {
            src.inflateRest();
        } else {
            checkDeclaredEncoding(ts);
        }
        long dataSetOffset = src.position();
        DataSet ds = new DataSet(64);
        ds.setBigEndian(bigEndian);
        readItems(ds, UNDEFINED, 0, 0);
        TransferSyntax actual = ts.explicitVR() == explicit ? ts : currentSyntax();
        return new DicomFile(path, meta, ds, actual, dataSetOffset, List.copyOf(warnings));
    }

    private TransferSyntax currentSyntax() {
        if (!explicit) {
            return TransferSyntax.IMPLICIT_VR_LE;
        }
        return bigEndian ? TransferSyntax.EXPLICIT_VR_BE : TransferSyntax.EXPLICIT_VR_LE;
    }

    /** Reads group 0002, always Explicit VR Little Endian (PS3.10 section 7.1), implicit tolerated. */
    private DataSet readMeta() throws IOException {
        DataSet meta = new DataSet();
        explicit = VR.of(src.peek(4), src.peek(5)) != null;
        bigEndian = false;
        if (!explicit) {
            warnings.add("File Meta Information is encoded in implicit VR; it must be explicit VR little endian");
        }
        while (src.peek(0) == 0x02 && src.peek(1) == 0x00) {
            readElement(meta, UNDEFINED, 0, 0);
        }
        return meta;
    }

    private TransferSyntax syntaxFromMeta(DataSet meta) {
        String uid = meta.getString(Tag.TransferSyntaxUID);
        if (uid == null || uid.isEmpty()) {
            warnings.add("meta header has no Transfer Syntax UID (0002,0010): assuming Explicit VR Little Endian");
            uid = TransferSyntax.EXPLICIT_VR_LE.uid();
        } else if (!TransferSyntax.isKnown(uid)) {
            warnings.add("unknown transfer syntax " + uid + ": reading as encapsulated Explicit VR Little Endian");
        }
        TransferSyntax ts = TransferSyntax.of(uid);
        explicit = ts.explicitVR();
        bigEndian = ts.bigEndian();
        return ts;
    }

    /** PS3.5 has no marker for the encoding; judge by whether bytes 4-5 of the first element form a VR. */
    private void checkDeclaredEncoding(TransferSyntax ts) throws IOException {
        if (src.fill(8) < 8) {
            return;
        }
        int tag = bigEndian
                ? (src.peek(0) << 24) | (src.peek(1) << 16) | (src.peek(2) << 8) | src.peek(3)
                : (src.peek(1) << 24) | (src.peek(0) << 16) | (src.peek(3) << 8) | src.peek(2);
        VR vr = VR.of(src.peek(4), src.peek(5));
        if (!explicit && vr != null && (vr == VR.UN || ElementDictionary.vrOf(tag) == vr)) {
            warnings.add("data set is encoded in explicit VR although the meta header declares " + ts.name()
                    + " (" + ts.uid() + "): reading it as explicit VR");
            explicit = true;
        } else if (explicit && vr == null) {
            warnings.add("data set is encoded in implicit VR although the meta header declares " + ts.name()
                    + " (" + ts.uid() + "): reading it as implicit VR");
            explicit = false;
        }
    }

    /** Guesses the encoding of a data set without meta header from its first element, as PixelMed does. */
    private TransferSyntax guessBareEncoding() throws IOException {
        if (src.fill(8) < 8) {
            return null;
        }
        int gLE = src.peek(0) | (src.peek(1) << 8);
        int gBE = (src.peek(0) << 8) | src.peek(1);
        boolean vr = VR.of(src.peek(4), src.peek(5)) != null;
        if (vr && plausibleFirstGroup(gLE)) {
            return TransferSyntax.EXPLICIT_VR_LE;
        }
        if (vr && plausibleFirstGroup(gBE)) {
            return TransferSyntax.EXPLICIT_VR_BE;
        }
        long len = (src.peek(4) | (src.peek(5) << 8) | (src.peek(6) << 16) | ((long) src.peek(7) << 24));
        if (plausibleFirstGroup(gLE) && len <= src.remaining() - 8) {
            return TransferSyntax.IMPLICIT_VR_LE;
        }
        return null;
    }

    private static boolean plausibleFirstGroup(int g) {
        return g >= 0x0002 && g <= 0x0028 && (g & 1) == 0;
    }

    // ---- elements --------------------------------------------------------------------------------

    /** Reads elements into {@code ds} until {@code end} (or an item delimiter / end of input). */
    private void readItems(DataSet ds, long end, int depth, int seqTag) throws IOException {
        while (true) {
            if (end >= 0) {
                long pos = src.position();
                if (pos >= end) {
                    if (pos > end) {
                        throw new DicomParseException("element ends at offset " + pos + ", past the end of its item"
                                + " at offset " + end + " in " + Tags.toString(seqTag), pos);
                    }
                    return;
                }
            } else if (depth == 0 && src.atEnd()) {
                return;
            }
            if (depth == 0 && opts.stopBeforeTag() != -1 && src.fill(4) >= 4
                    && Integer.compareUnsigned(peekTag(), opts.stopBeforeTag()) >= 0) {
                return;
            }
            if (!readElement(ds, end, depth, seqTag)) {
                return;
            }
        }
    }

    private int peekTag() throws IOException {
        return bigEndian
                ? (src.peek(0) << 24) | (src.peek(1) << 16) | (src.peek(2) << 8) | src.peek(3)
                : (src.peek(1) << 24) | (src.peek(0) << 16) | (src.peek(3) << 8) | src.peek(2);
    }

    /** Reads one element; returns false when it was an Item Delimitation Item ending this item. */
    private boolean readElement(DataSet ds, long end, int depth, int seqTag) throws IOException {
        long at = src.position();
        int tag;
        VR vr;
        long len;
        try {
            tag = src.tag(bigEndian);
            if (tag == Tags.ITEM_DELIMITATION || tag == Tags.SEQUENCE_DELIMITATION) {
                src.i32(bigEndian);
                if (tag == Tags.ITEM_DELIMITATION && depth > 0 && end < 0) {
                    return false;
                }
                warnings.add("stray " + (tag == Tags.ITEM_DELIMITATION ? "item" : "sequence")
                        + " delimiter at offset " + at + " ignored");
                return true;
            }
            if (tag == Tags.ITEM) {
                throw new DicomParseException("unexpected item tag (FFFE,E000) outside a sequence at offset " + at, at);
            }
            if (explicit) {
                int code = src.u16(true);
                vr = VR.of(code >>> 8, code & 0xff);
                if (vr == null) {
                    warnings.add("unknown VR code 0x" + Integer.toHexString(code) + " of " + Tags.toString(tag)
                            + " at offset " + at + ": read as UN");
                    vr = VR.UN;
                    src.u16(bigEndian);
                    len = src.i32(bigEndian) & 0xFFFFFFFFL;
                } else if (vr.longHeader()) {
                    src.u16(bigEndian);
                    len = src.i32(bigEndian) & 0xFFFFFFFFL;
                } else {
                    len = src.u16(bigEndian);
                }
            } else {
                len = src.i32(bigEndian) & 0xFFFFFFFFL;
                vr = implicitVR(ds, tag);
            }
        } catch (ByteSource.Eof e) {
            throw new DicomParseException("unexpected end of file at offset " + e.offset
                    + " while reading the header of an element at offset " + at
                    + (depth > 0 ? " in an item of " + Tags.toString(seqTag) : ""), e.offset);
        }
        boolean undefined = len == 0xFFFFFFFFL;
        if (vr == VR.SQ || undefined && (vr == VR.UN || !explicit && tag != Tag.PixelData)) {
            readSequence(ds, tag, vr, undefined ? UNDEFINED : len, depth + 1);
        } else if (undefined) {
            readFragments(ds, tag, vr, depth);
        } else {
            if (end >= 0 && src.position() + len > end) {
                throw new DicomParseException("value of " + Tags.toString(tag) + " (" + len + " bytes at offset "
                        + src.position() + ") runs past the end of its item at offset " + end, src.position());
            }
            if ((len & 1) != 0) {
                warnings.add("odd value length " + len + " of " + Tags.toString(tag) + " at offset " + at);
            }
            ds.add(tag, vr, readValue(tag, len, isBulk(tag, len)));
        }
        return true;
    }

    private boolean isBulk(int tag, long len) {
        return byReference && (len >= opts.bulkDataThreshold() || opts.pixelDataByReference() && tag == Tag.PixelData);
    }

    private Object readValue(int tag, long len, boolean bulk) throws IOException {
        long at = src.position();
        try {
            if (bulk) {
                BulkData ref = new BulkData(path, at, len, bigEndian);
                src.skip(len);
                return ref;
            }
            if (len > Integer.MAX_VALUE - 8) {
                throw new DicomParseException("value of " + Tags.toString(tag) + " at offset " + at + " is " + len
                        + " bytes, too large to hold in memory", at);
            }
            return src.bytes(len);
        } catch (ByteSource.Eof e) {
            throw new DicomParseException("unexpected end of file at offset " + e.offset
                    + " while reading value of " + Tags.toString(tag), e.offset);
        }
    }

    private VR implicitVR(DataSet ds, int tag) {
        if (Tags.isPrivate(tag) && !Tags.isPrivateCreator(tag)) {
            String creator = ds.privateCreatorOf(tag);
            DictionaryEntry e = creator == null ? null : ElementDictionary.lookupPrivate(creator, tag);
            return e == null ? VR.UN : e.vr();
        }
        VR vr = ElementDictionary.vrOf(tag);
        if (vr == VR.US && isUsOrSs(tag)) {
            // US or SS elements (PS3.6 "US or SS") follow Pixel Representation, as DCMTK decides too.
            DataSet top = ds;
            while (top.parent() != null && !top.contains(Tag.PixelRepresentation)) {
                top = top.parent();
            }
            return top.getInt(Tag.PixelRepresentation, 0) == 1 ? VR.SS : VR.US;
        }
        return vr;
    }

    private static boolean isUsOrSs(int tag) {
        DictionaryEntry e = ElementDictionary.lookup(tag);
        return e != null && e.vrs().contains(VR.SS);
    }

    private void readSequence(DataSet ds, int tag, VR vr, long len, int depth) throws IOException {
        if (depth > opts.maxDepth()) {
            throw new DicomParseException("sequences nested deeper than " + opts.maxDepth() + " levels at "
                    + Tags.toString(tag) + ", offset " + src.position(), src.position());
        }
        Sequence seq = ds.newSequence(tag, 2);
        seq.setLength(len);
        // An undefined-length UN holds a sequence encoded in Implicit VR Little Endian (PS3.5 6.2.2).
        boolean wasExplicit = explicit;
        boolean wasBigEndian = bigEndian;
        if (vr == VR.UN) {
            explicit = false;
            bigEndian = false;
        }
        long end = len == UNDEFINED ? UNDEFINED : src.position() + len;
        try {
            while (end < 0 || src.position() < end) {
                long at = src.position();
                int itemTag;
                long itemLen;
                try {
                    itemTag = src.tag(bigEndian);
                    itemLen = src.i32(bigEndian) & 0xFFFFFFFFL;
                } catch (ByteSource.Eof e) {
                    throw new DicomParseException("unexpected end of file at offset " + e.offset + " inside sequence "
                            + Tags.toString(tag), e.offset);
                }
                if (itemTag == Tags.SEQUENCE_DELIMITATION) {
                    break;
                }
                if (itemTag != Tags.ITEM) {
                    throw new DicomParseException("expected an item (FFFE,E000) in sequence " + Tags.toString(tag)
                            + " at offset " + at + ", found " + Tags.toString(itemTag), at);
                }
                DataSet item = seq.addItem();
                item.setBigEndian(bigEndian);
                boolean undefinedItem = itemLen == 0xFFFFFFFFL;
                item.setItemLength(undefinedItem ? -1 : itemLen);
                long itemEnd = undefinedItem ? UNDEFINED : src.position() + itemLen;
                if (end >= 0 && itemEnd > end) {
                    throw new DicomParseException("item of " + Tags.toString(tag) + " at offset " + at
                            + " runs past the end of its sequence at offset " + end, at);
                }
                readItems(item, itemEnd, depth, tag);
            }
        } finally {
            explicit = wasExplicit;
            bigEndian = wasBigEndian;
        }
        if (vr == VR.UN) {
            ds.setValue(tag, VR.SQ, seq);
            warnings.add("UN element " + Tags.toString(tag) + " with undefined length read as a sequence");
        }
    }

    private void readFragments(DataSet ds, int tag, VR vr, int depth) throws IOException {
        Fragments frags = new Fragments();
        while (true) {
            long at = src.position();
            int itemTag;
            long len;
            try {
                itemTag = src.tag(bigEndian);
                len = src.i32(bigEndian) & 0xFFFFFFFFL;
            } catch (ByteSource.Eof e) {
                throw new DicomParseException("unexpected end of file at offset " + e.offset
                        + " inside the encapsulated fragments of " + Tags.toString(tag), e.offset);
            }
            if (itemTag == Tags.SEQUENCE_DELIMITATION) {
                break;
            }
            if (itemTag != Tags.ITEM || len == 0xFFFFFFFFL) {
                throw new DicomParseException("expected a fragment item (FFFE,E000) with defined length in "
                        + Tags.toString(tag) + " at offset " + at + ", found " + Tags.toString(itemTag), at);
            }
            Object value = readValue(tag, len, isBulk(tag, len));
            if (value instanceof BulkData b) {
                frags.add(b);
            } else {
                frags.add((byte[]) value);
            }
        }
        ds.add(tag, vr, frags);
    }

    private void skip(long n) throws IOException {
        try {
            src.skip(n);
        } catch (ByteSource.Eof e) {
            throw new DicomParseException("unexpected end of file at offset " + e.offset, e.offset);
        }
    }
}
