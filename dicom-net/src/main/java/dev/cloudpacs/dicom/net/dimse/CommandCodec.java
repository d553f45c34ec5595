package dev.cloudpacs.dicom.net.dimse;

import dev.cloudpacs.dicom.core.Tag;
import dev.cloudpacs.dicom.core.Tags;
import dev.cloudpacs.dicom.core.data.DataSet;
import dev.cloudpacs.dicom.core.io.DicomReader;
import dev.cloudpacs.dicom.core.io.DicomWriter;
import dev.cloudpacs.dicom.core.io.TransferSyntax;
import dev.cloudpacs.dicom.core.io.WriteOptions;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Command set encoding: always Implicit VR Little Endian whatever the presentation context
 * (PS3.7 section 6.3.1), Command Group Length (0000,0000) first (mandatory in every message).
 */
final class CommandCodec {
    /** (0000,0000) UL header and value: tag 4 + length 4 + value 4 bytes. */
    private static final int GROUP_LENGTH_ELEMENT = 12;
    private static final WriteOptions OPTIONS =
            new WriteOptions(WriteOptions.LengthEncoding.EXPLICIT, WriteOptions.GroupLength.RECALCULATE);
    /** US elements that must hold exactly one 2-byte value for the command to make sense. */
    private static final int[] SINGLE_US = {Tag.CommandField, Tag.CommandDataSetType, Tag.MessageID,
        Tag.MessageIDBeingRespondedTo, Tag.Status, Tag.Priority, Tag.MoveOriginatorMessageID, Tag.ErrorID,
        Tag.EventTypeID, Tag.ActionTypeID, Tag.NumberOfRemainingSuboperations, Tag.NumberOfCompletedSuboperations,
        Tag.NumberOfFailedSuboperations, Tag.NumberOfWarningSuboperations};

    private CommandCodec() {
    }

    static byte[] encode(Command cmd) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        try {
            DicomWriter.writeDataSet(out, cmd.raw(), TransferSyntax.IMPLICIT_VR_LE, OPTIONS);
        } catch (IOException e) {
            // Only group 0000 values of plain bytes reach here, and memory streams do not fail.
            throw new UncheckedIOException("cannot encode " + cmd.commandField(), e);
        }
        return out.toByteArray();
    }

    static Command decode(byte[] b, int off, int len) throws DimseException {
        if (off < 0 || len < 0 || off > b.length - len) {
            throw new IndexOutOfBoundsException("off=" + off + " len=" + len + " in " + b.length + " bytes");
        }
        if (len == 0) {
            throw new DimseException("empty command set");
        }
        DataSet ds;
        try {
            ds = DicomReader.readDataSet(new ByteArrayInputStream(b, off, len), TransferSyntax.IMPLICIT_VR_LE);
        } catch (IOException e) {
            throw new DimseException("malformed command set: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            // The bytes come from a peer: whatever the parser trips over is the peer's fault, and the
            // caller must get a DimseException to answer with an abort, not an unchecked crash.
            throw new DimseException("malformed command set: " + e, e);
        }
        for (int i = 0; i < ds.size(); i++) {
            int tag = ds.tagAt(i);
            if (Tags.group(tag) != 0) {
                throw new DimseException("element " + Tags.toString(tag) + " outside group 0000 in a command set");
            }
            if (!(ds.valueAt(i) instanceof byte[])) {
                throw new DimseException("command element " + Tags.toString(tag) + " is not a plain value");
            }
        }
        checkGroupLength(ds, b, off, len);
        ds.remove(Tag.CommandGroupLength);
        for (int tag : SINGLE_US) {
            byte[] v = ds.getBytes(tag);
            if (v != null && v.length != 2) {
                throw new DimseException("command element " + Tags.toString(tag) + " has " + v.length
                        + " bytes; US with one value has 2");
            }
        }
        if (!ds.contains(Tag.CommandField)) {
            throw new DimseException("no Command Field (0000,0100) in the command set");
        }
        int code = ds.getInt(Tag.CommandField, -1);
        CommandField field = CommandField.of(code);
        if (field == null) {
            throw new DimseException(String.format("unknown Command Field %04XH", code));
        }
        // Without it the receiver cannot know whether a data set follows: the message cannot be framed.
        if (!ds.contains(Tag.CommandDataSetType)) {
            throw new DimseException("no Command Data Set Type (0000,0800) in " + field);
        }
        return new Command(ds, field);
    }

    /**
     * A Command Group Length must count exactly the bytes after it: a different value means the
     * peer framed other bytes than we received. Its absence is tolerated, as the value adds nothing.
     */
    private static void checkGroupLength(DataSet ds, byte[] b, int off, int len) throws DimseException {
        byte[] v = ds.getBytes(Tag.CommandGroupLength);
        if (v == null) {
            return;
        }
        if (v.length != 4) {
            throw new DimseException("Command Group Length (0000,0000) has " + v.length + " bytes; UL has 4");
        }
        long declared = ds.getLong(Tag.CommandGroupLength, -1);
        boolean first = len >= 4 && b[off] == 0 && b[off + 1] == 0 && b[off + 2] == 0 && b[off + 3] == 0;
        long actual = len - GROUP_LENGTH_ELEMENT;
        if (!first || declared != actual) {
            throw new DimseException("Command Group Length (0000,0000) says " + declared
                    + " bytes but " + actual + " follow it");
        }
    }
}
