package dev.cloudpacs.dicom.net.dimse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cloudpacs.dicom.core.Tag;
import dev.cloudpacs.dicom.core.UID;
import dev.cloudpacs.dicom.core.interop.Dcmtk;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DCMTK as an independent reader of our command sets: dcmdump must see every element we wrote. */
class CommandDcmdumpTest {
    private static final Pattern LINE = Pattern.compile("^\\((0000),([0-9a-f]{4})\\) (\\w\\w) (.*?)\\s+#\\s*(\\d+),");

    @TempDir
    Path dir;

    /** (0000,eeee) -> "VR value" as dcmdump prints them, read as a bare Implicit VR LE data set. */
    private Map<String, String> dump(Command cmd) throws Exception {
        Path file = dir.resolve(cmd.commandField() + ".bin");
        Files.write(file, Commands.encode(cmd));
        // -f: data set without meta header; -ti: Implicit VR Little Endian; +L -Un -dc: full values,
        // UIDs as numbers, no automatic correction so what we wrote is what is shown.
        String text = Dcmtk.dcmdumpText(file, "-f", "-ti", "+L", "-Un", "-dc");
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : text.split("\\R")) {
            Matcher m = LINE.matcher(line);
            if (m.find()) {
                String value = m.group(4).strip();
                if (value.startsWith("[") && value.endsWith("]")) {
                    // Keep padding: a NUL after an odd-length UID is part of what we check.
                    value = value.substring(1, value.length() - 1).replaceAll(" +$", "");
                }
                out.put(m.group(2), m.group(3) + " " + value);
            }
        }
        return out;
    }

    @Test
    void cEchoRq() throws Exception {
        Dcmtk.assumeAvailable();
        Map<String, String> d = dump(Commands.cEchoRq(7));
        assertEquals(Map.of("0000", "UL 56", "0002", "UI 1.2.840.10008.1.1\0", "0100", "US 48",
                "0110", "US 7", "0800", "US 257"), d);
    }

    @Test
    void cStoreRqFromAMove() throws Exception {
        Dcmtk.assumeAvailable();
        Command c = Commands.cStoreRq(0x1234, UID.CTImageStorage, "1.2.3.4.5", Command.PRIORITY_HIGH, "MOVESCU", 42);
        byte[] b = Commands.encode(c);
        Map<String, String> d = dump(c);
        assertEquals("UL " + (b.length - 12), d.get("0000"));
        assertEquals("UI " + UID.CTImageStorage + "\0", d.get("0002"), "odd-length UI padded with NUL");
        assertEquals("US 1", d.get("0100"));
        assertEquals("US 4660", d.get("0110"));
        assertEquals("US 1", d.get("0700"));
        assertEquals("US 1", d.get("0800"));
        assertEquals("UI 1.2.3.4.5\0", d.get("1000"));
        assertEquals("AE MOVESCU", d.get("1030"), "odd-length AE padded with a space");
        assertEquals("US 42", d.get("1031"));
        assertEquals(9, d.size(), d.toString());
    }

    @Test
    void cMoveRspWithEveryStatusDetail() throws Exception {
        Dcmtk.assumeAvailable();
        Command rq = Commands.cMoveRq(3, UID.MOVEStudyRootQueryRetrieveInformationModel, 0, "ARCHIVE");
        Command rsp = Commands.response(rq, Status.SUBOPERATIONS_COMPLETE_ONE_OR_MORE_FAILURES)
                .withSubOperations(-1, 10, 2, 1).withErrorComment("two failed")
                .withOffendingElement(Tag.StudyInstanceUID).withErrorId(9);
        Map<String, String> d = dump(rsp);
        assertEquals("US 32801", d.get("0100"));
        assertEquals("US 3", d.get("0120"));
        assertEquals("US 257", d.get("0800"));
        assertEquals("US 45056", d.get("0900"));
        assertEquals("AT (0020,000d)", d.get("0901"));
        assertEquals("LO two failed", d.get("0902"));
        assertEquals("US 9", d.get("0903"));
        assertEquals("US 10", d.get("1021"));
        assertEquals("US 2", d.get("1022"));
        assertEquals("US 1", d.get("1023"));
        assertTrue(!d.containsKey("1020"));
    }

    @Test
    void nActionRq() throws Exception {
        Dcmtk.assumeAvailable();
        Command c = Commands.nActionRq(5, SopClasses.STORAGE_COMMITMENT_PUSH_MODEL,
                SopClasses.STORAGE_COMMITMENT_PUSH_MODEL_INSTANCE, 1);
        Map<String, String> d = dump(c);
        assertEquals("UI 1.2.840.10008.1.20.1", d.get("0003"));
        assertEquals("US 304", d.get("0100"));
        assertEquals("UI 1.2.840.10008.1.20.1.1", d.get("1001"));
        assertEquals("US 1", d.get("1008"));
    }
}
