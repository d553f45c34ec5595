package dev.cloudpacs.dicom.net.dimse;

import dev.cloudpacs.dicom.core.Tag;
import dev.cloudpacs.dicom.core.Tags;
import dev.cloudpacs.dicom.core.VR;
import dev.cloudpacs.dicom.core.data.DataSet;

import java.util.function.Consumer;

/**
 * An immutable DIMSE command set (PS3.7 section 6.3.1): a typed view over a data set of group 0000
 * elements. Build one with the factories of {@link Commands}, refine it with the {@code with...}
 * methods (each returns a new command) and encode it with {@link Commands#encode}.
 *
 * <p>Integer getters return -1 when the element is absent: every command integer is US (0..65535),
 * so -1 cannot be a value. String getters return null when absent. Command Group Length is not kept:
 * the encoder writes it and the decoder checks and drops it.
 */
public final class Command {
    /** Command Data Set Type value meaning "no data set follows" (PS3.7 section 9.3). */
    public static final int NO_DATA_SET = 0x0101;
    /** Command Data Set Type written when a data set follows: any other value would do; DCMTK uses 1. */
    public static final int DATA_SET_PRESENT = 0x0001;

    /** Priority (0000,0700) values, PS3.7 section 9.1.1.1.5. */
    public static final int PRIORITY_MEDIUM = 0x0000;
    public static final int PRIORITY_HIGH = 0x0001;
    public static final int PRIORITY_LOW = 0x0002;

    /** Maximum length of an LO value such as Error Comment (PS3.5 Table 6.2-1). */
    private static final int LO_MAX = 64;

    private final DataSet ds;
    private final CommandField field;

    /** Wraps a data set this instance owns from now on; callers pass a fresh, checked data set. */
    Command(DataSet ds, CommandField field) {
        this.ds = ds;
        this.field = field;
    }

    /**
     * A command over a copy of {@code commandSet}, which must hold only group 0000 elements with a
     * known Command Field. Any Command Group Length is dropped (it is recomputed on encoding).
     *
     * @throws IllegalArgumentException when the data set is not a command set
     */
    public static Command of(DataSet commandSet) {
        DataSet copy = new DataSet(commandSet.size());
        copy.addAll(commandSet);
        copy.remove(Tag.CommandGroupLength);
        for (int i = 0; i < copy.size(); i++) {
            if (Tags.group(copy.tagAt(i)) != 0 || !(copy.valueAt(i) instanceof byte[])) {
                throw new IllegalArgumentException("not a command element: " + Tags.toString(copy.tagAt(i)));
            }
        }
        CommandField f = CommandField.of(copy.getInt(Tag.CommandField, -1));
        if (f == null) {
            throw new IllegalArgumentException("no known Command Field (0000,0100) in the command set");
        }
        return new Command(copy, f);
    }

    // ---- identity ---------------------------------------------------------------------------------

    /** The message, from Command Field (0000,0100). */
    public CommandField commandField() {
        return field;
    }

    public boolean isRequest() {
        return field.isRequest();
    }

    public boolean isResponse() {
        return !field.isRequest();
    }

    /** True when the command set holds {@code tag}. */
    public boolean contains(int tag) {
        return ds.contains(tag);
    }

    /** A copy of the command set (the command itself stays unchanged whatever the caller does). */
    public DataSet dataSet() {
        DataSet copy = new DataSet(ds.size());
        copy.addAll(ds);
        return copy;
    }

    /** The backing data set, for the codec and validator of this package only: never modify. */
    DataSet raw() {
        return ds;
    }

    // ---- common elements --------------------------------------------------------------------------

    /** Message ID (0000,0110), present in requests. */
    public int messageId() {
        return ds.getInt(Tag.MessageID, -1);
    }

    /** Message ID Being Responded To (0000,0120), present in responses and C-CANCEL-RQ. */
    public int messageIdBeingRespondedTo() {
        return ds.getInt(Tag.MessageIDBeingRespondedTo, -1);
    }

    /** Command Data Set Type (0000,0800); {@link #NO_DATA_SET} when no data set follows. */
    public int commandDataSetType() {
        return ds.getInt(Tag.CommandDataSetType, -1);
    }

    /** True when a data set follows the command set (Command Data Set Type present and not 0101H). */
    public boolean hasDataSet() {
        int type = commandDataSetType();
        return type >= 0 && type != NO_DATA_SET;
    }

    /** Status (0000,0900) of a response. */
    public int status() {
        return ds.getInt(Tag.Status, -1);
    }

    /** Priority (0000,0700) of a C-STORE, C-FIND, C-GET or C-MOVE request. */
    public int priority() {
        return ds.getInt(Tag.Priority, -1);
    }

    // ---- SOP class and instance ------------------------------------------------------------------

    public String affectedSopClassUid() {
        return ds.getString(Tag.AffectedSOPClassUID);
    }

    public String requestedSopClassUid() {
        return ds.getString(Tag.RequestedSOPClassUID);
    }

    public String affectedSopInstanceUid() {
        return ds.getString(Tag.AffectedSOPInstanceUID);
    }

    public String requestedSopInstanceUid() {
        return ds.getString(Tag.RequestedSOPInstanceUID);
    }

    /** The affected SOP class UID, else the requested one (N-GET/N-SET/N-ACTION/N-DELETE requests). */
    public String sopClassUid() {
        String uid = affectedSopClassUid();
        return uid != null ? uid : requestedSopClassUid();
    }

    /** The affected SOP instance UID, else the requested one. */
    public String sopInstanceUid() {
        String uid = affectedSopInstanceUid();
        return uid != null ? uid : requestedSopInstanceUid();
    }

    // ---- status details (PS3.7 Annex C) ----------------------------------------------------------

    /** Offending Element (0000,0901) tags; empty when absent. */
    public int[] offendingElement() {
        int[] v = ds.getInts(Tag.OffendingElement);
        return v == null ? new int[0] : v;
    }

    public String errorComment() {
        return ds.getString(Tag.ErrorComment);
    }

    /** Error ID (0000,0903). */
    public int errorId() {
        return ds.getInt(Tag.ErrorID, -1);
    }

    /** Attribute Identifier List (0000,1005) tags; empty when absent. */
    public int[] attributeIdentifierList() {
        int[] v = ds.getInts(Tag.AttributeIdentifierList);
        return v == null ? new int[0] : v;
    }

    // ---- C-MOVE, C-GET and their C-STORE sub-operations ------------------------------------------

    public String moveDestination() {
        return ds.getString(Tag.MoveDestination);
    }

    public String moveOriginatorAeTitle() {
        return ds.getString(Tag.MoveOriginatorApplicationEntityTitle);
    }

    public int moveOriginatorMessageId() {
        return ds.getInt(Tag.MoveOriginatorMessageID, -1);
    }

    public int numberOfRemainingSubOperations() {
        return ds.getInt(Tag.NumberOfRemainingSuboperations, -1);
    }

    public int numberOfCompletedSubOperations() {
        return ds.getInt(Tag.NumberOfCompletedSuboperations, -1);
    }

    public int numberOfFailedSubOperations() {
        return ds.getInt(Tag.NumberOfFailedSuboperations, -1);
    }

    public int numberOfWarningSubOperations() {
        return ds.getInt(Tag.NumberOfWarningSuboperations, -1);
    }

    // ---- DIMSE-N ---------------------------------------------------------------------------------

    public int eventTypeId() {
        return ds.getInt(Tag.EventTypeID, -1);
    }

    public int actionTypeId() {
        return ds.getInt(Tag.ActionTypeID, -1);
    }

    // ---- derived commands ------------------------------------------------------------------------

    /**
     * With the four sub-operation counts of a C-GET or C-MOVE response; a negative count is left out,
     * as Number of Remaining Sub-operations is in a final response other than Cancel (PS3.4 C.4.2.3).
     */
    public Command withSubOperations(int remaining, int completed, int failed, int warning) {
        return with(d -> {
            putCount(d, Tag.NumberOfRemainingSuboperations, remaining);
            putCount(d, Tag.NumberOfCompletedSuboperations, completed);
            putCount(d, Tag.NumberOfFailedSuboperations, failed);
            putCount(d, Tag.NumberOfWarningSuboperations, warning);
        });
    }

    private static void putCount(DataSet d, int tag, int count) {
        if (count < 0) {
            d.remove(tag);
        } else {
            d.setInt(tag, VR.US, Commands.checkUs(count, "sub-operation count"));
        }
    }

    /**
     * With an Error Comment (0000,0902). The command set has no Specific Character Set, so characters
     * outside ASCII become '?'; a backslash (the value delimiter) becomes '/'; the text is cut at the
     * 64 characters LO allows. Null removes the comment.
     */
    public Command withErrorComment(String comment) {
        if (comment == null) {
            return with(d -> d.remove(Tag.ErrorComment));
        }
        StringBuilder sb = new StringBuilder(Math.min(comment.length(), LO_MAX));
        for (int i = 0; i < comment.length() && sb.length() < LO_MAX; i++) {
            char c = comment.charAt(i);
            sb.append(c == '\\' ? '/' : c < 0x20 || c > 0x7E ? '?' : c);
        }
        return with(d -> d.setString(Tag.ErrorComment, VR.LO, sb.toString().strip()));
    }

    /** With Error ID (0000,0903), an implementation-specific code that accompanies some failures. */
    public Command withErrorId(int errorId) {
        return with(d -> d.setInt(Tag.ErrorID, VR.US, Commands.checkUs(errorId, "Error ID")));
    }

    /** With Offending Element (0000,0901): the tags of the data elements the status is about. */
    public Command withOffendingElement(int... tags) {
        return with(d -> d.setInt(Tag.OffendingElement, VR.AT, tags));
    }

    /** With Attribute Identifier List (0000,1005). */
    public Command withAttributeIdentifierList(int... tags) {
        return with(d -> d.setInt(Tag.AttributeIdentifierList, VR.AT, tags));
    }

    /** With Affected SOP Instance UID, e.g. one an N-CREATE SCP assigned. */
    public Command withAffectedSopInstanceUid(String iuid) {
        return with(d -> d.setString(Tag.AffectedSOPInstanceUID, VR.UI, iuid));
    }

    /** With another Status (0000,0900). */
    public Command withStatus(int status) {
        return with(d -> d.setInt(Tag.Status, VR.US, Commands.checkUs(status, "Status")));
    }

    /** With Command Data Set Type saying whether a data set follows. */
    public Command withDataSet(boolean present) {
        return with(d -> d.setInt(Tag.CommandDataSetType, VR.US, present ? DATA_SET_PRESENT : NO_DATA_SET));
    }

    private Command with(Consumer<DataSet> change) {
        DataSet copy = dataSet();
        change.accept(copy);
        return new Command(copy, field);
    }

    // ---- object ----------------------------------------------------------------------------------

    /** Same message with the same elements and values. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Command c && field == c.field && ds.contentEquals(c.ds);
    }

    @Override
    public int hashCode() {
        return field.hashCode() * 31 + ds.getInt(isRequest() ? Tag.MessageID : Tag.MessageIDBeingRespondedTo, 0);
    }

    /** One line for logs, e.g. {@code C-STORE-RSP[rspTo=3, status=0000, cuid=..., iuid=...]}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(field.toString()).append('[');
        if (field.isRequest() && field != CommandField.C_CANCEL_RQ) {
            sb.append("id=").append(messageId());
        } else {
            sb.append("rspTo=").append(messageIdBeingRespondedTo());
        }
        if (contains(Tag.Status)) {
            sb.append(", status=").append(String.format("%04X", status()));
        }
        appendIf(sb, "cuid", sopClassUid());
        appendIf(sb, "iuid", sopInstanceUid());
        appendIf(sb, "dest", moveDestination());
        appendIf(sb, "comment", errorComment());
        if (contains(Tag.NumberOfCompletedSuboperations) || contains(Tag.NumberOfRemainingSuboperations)) {
            sb.append(", subops=").append(numberOfRemainingSubOperations()).append('/')
                    .append(numberOfCompletedSubOperations()).append('/').append(numberOfFailedSubOperations())
                    .append('/').append(numberOfWarningSubOperations());
        }
        return sb.append(hasDataSet() ? ", data set]" : "]").toString();
    }

    private static void appendIf(StringBuilder sb, String name, String value) {
        if (value != null) {
            sb.append(", ").append(name).append('=').append(value);
        }
    }
}
