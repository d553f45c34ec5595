package dev.cloudpacs.dicom.net.dimse;

import dev.cloudpacs.dicom.core.Tag;
import dev.cloudpacs.dicom.core.Tags;
import dev.cloudpacs.dicom.core.data.DataSet;
import dev.cloudpacs.dicom.core.dict.ElementDictionary;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Checks a command against {@link DimseMessageType}; see {@link Commands#validate(Command)}. */
final class CommandValidator {
    private static final int[] SUB_OPERATIONS = {Tag.NumberOfRemainingSuboperations,
        Tag.NumberOfCompletedSuboperations, Tag.NumberOfFailedSuboperations, Tag.NumberOfWarningSuboperations};

    private CommandValidator() {
    }

    static List<String> validate(Command cmd) {
        CommandField field = cmd.commandField();
        DimseMessageType type = DimseMessageType.of(field);
        DataSet ds = cmd.raw();
        List<String> problems = new ArrayList<>();
        for (Map.Entry<Integer, DimseMessageType.Usage> e : type.elements().entrySet()) {
            int tag = e.getKey();
            // The encoder always writes the group length and the decoder checks it, so a Command
            // never holds one: it is not something a command can get wrong.
            if (tag == Tag.CommandGroupLength || e.getValue() != DimseMessageType.Usage.M) {
                continue;
            }
            byte[] v = ds.getBytes(tag);
            if (v == null) {
                problems.add(field + ": missing mandatory " + name(tag));
            } else if (v.length == 0) {
                problems.add(field + ": mandatory " + name(tag) + " is empty");
            }
        }
        for (int i = 0; i < ds.size(); i++) {
            int tag = ds.tagAt(i);
            if (tag != Tag.CommandGroupLength && type.usage(tag) == null) {
                problems.add(field + ": " + name(tag) + " is not allowed");
            }
        }
        checkDataSet(cmd, type, problems);
        checkConditions(cmd, problems);
        return problems;
    }

    private static void checkDataSet(Command cmd, DimseMessageType type, List<String> problems) {
        if (!cmd.contains(Tag.CommandDataSetType)) {
            return; // already reported as a missing mandatory element
        }
        if (type.dataSet() == DimseMessageType.DataSetPresence.ALWAYS && !cmd.hasDataSet()) {
            problems.add(cmd.commandField() + ": must carry a data set but Command Data Set Type is 0101H");
        } else if (type.dataSet() == DimseMessageType.DataSetPresence.NEVER && cmd.hasDataSet()) {
            problems.add(cmd.commandField() + String.format(
                    ": must not carry a data set but Command Data Set Type is %04XH", cmd.commandDataSetType()));
        }
    }

    /** The conditions that the command alone decides. */
    private static void checkConditions(Command cmd, List<String> problems) {
        CommandField field = cmd.commandField();
        int priority = cmd.priority();
        if (cmd.contains(Tag.Priority) && priority != Command.PRIORITY_LOW && priority != Command.PRIORITY_MEDIUM
                && priority != Command.PRIORITY_HIGH) {
            problems.add(field + ": Priority " + priority + " is not 0 (medium), 1 (high) or 2 (low)");
        }
        // PS3.7 section 9.1.1.1.6/7: both name the C-MOVE a C-STORE belongs to; one alone names nothing.
        if (cmd.contains(Tag.MoveOriginatorApplicationEntityTitle) != cmd.contains(Tag.MoveOriginatorMessageID)) {
            problems.add(field + ": Move Originator AE Title and Move Originator Message ID must come together");
        }
        boolean pending = cmd.contains(Tag.Status) && Status.category(cmd.status()) == Status.Category.PENDING;
        if (field == CommandField.C_FIND_RSP && pending && !cmd.hasDataSet()) {
            problems.add(field + ": a Pending response must carry the matching identifier as its data set");
        }
        if ((field == CommandField.C_GET_RSP || field == CommandField.C_MOVE_RSP) && pending) {
            for (int tag : SUB_OPERATIONS) {
                if (!cmd.contains(tag)) {
                    problems.add(field + ": a Pending response must carry " + name(tag));
                }
            }
        }
    }

    static String name(int tag) {
        String keyword = ElementDictionary.keywordOf(tag);
        return (keyword == null ? "element" : keyword) + " " + Tags.toString(tag);
    }
}
