package dev.cloudpacs.dicom.core.charset;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cloudpacs.dicom.core.VR;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Interop with DCMTK: each PN value is encoded by us, written into a file by {@code dump2dcm} (which
 * takes the dump's bytes as they are) and converted to UTF-8 by {@code dcmdump +U8}; the result must
 * equal our decoding. Skipped when DCMTK is not on PATH, and per case when the DCMTK build cannot
 * convert that character set (e.g. ISO 2022 IR 87/159 with the glibc iconv backend); those are also
 * cross-checked against glibc's ISO-2022-JP-2 decoder.
 */
class SpecificCharacterSetDcmtkTest {

    private static final Pattern CS_LINE = Pattern.compile("(?m)^\\(0008,0005\\) CS \\[(.*)\\]\\s+#.*$");

    @TempDir
    static Path dir;

    @BeforeAll
    static void needDcmtk() {
        if (!onPath("dcmdump") || !onPath("dump2dcm")) {
            Assumptions.abort("DCMTK dcmdump/dump2dcm not on PATH: DCMTK interop tests skipped");
        }
    }

    private static boolean onPath(String exe) {
        String path = System.getenv("PATH");
        if (path != null) {
            for (String d : path.split(File.pathSeparator)) {
                if (Files.isExecutable(Path.of(d, exe))) {
                    return true;
                }
            }
        }
        return false;
    }

    @ParameterizedTest(name = "[{0}] {1} {2}")
    @CsvSource(delimiter = '|', value = {
        "ISO_IR 100 | PN | Buc^Jérôme",
        "ISO_IR 101 | PN | Dvořák^Antonín",
        "ISO_IR 109 | PN | Għargħur^Ħal",
        "ISO_IR 110 | PN | Ģirts^Ķēniņš",
        "ISO_IR 144 | PN | Люксембург^Иван",
        "ISO_IR 127 | PN | قباني^لنزار",
        "ISO_IR 126 | PN | Διονυσιος",
        "ISO_IR 138 | PN | שרון^דבורה",
        "ISO_IR 148 | PN | Çakır^Şükrü",
        "ISO_IR 166 | PN | สมชาย^ใจดี",
        "ISO_IR 13 | PN | ﾔﾏﾀﾞ^ﾀﾛｳ",
        "ISO_IR 203 | PN | Œuvre^€",
        "ISO_IR 192 | PN | Wang^XiaoDong=王^小東=",
        "ISO_IR 192 | PN | Jérôme^😀=Διονυσιος",
        "GB18030 | PN | Wang^XiaoDong=王^小东=",
        "GBK | PN | Wang^XiaoDong=王^小东=",
        "\\ISO 2022 IR 87 | PN | Yamada^Tarou=山田^太郎=やまだ^たろう",
        "ISO 2022 IR 13\\ISO 2022 IR 87 | PN | ﾔﾏﾀﾞ^ﾀﾛｳ=山田^太郎=やまだ^たろう",
        "\\ISO 2022 IR 159 | PN | A^丂",
        "\\ISO 2022 IR 13 | PN | Tarou^ﾀﾛｳ",
        "\\ISO 2022 IR 149 | PN | Hong^Gildong=洪^吉洞=홍^길동",
        "\\ISO 2022 IR 149 | PN | Hong^Gildong\\홍^길동",
        "\\ISO 2022 IR 58 | PN | Zhang^XiaoDong=张^小东=",
        "\\ISO 2022 IR 149\\ISO 2022 IR 58 | PN | Hong^길동=张^小东",
        "ISO 2022 IR 100\\ISO 2022 IR 126 | PN | Jérôme^Διονυσιος",
        "ISO 2022 IR 6\\ISO 2022 IR 144\\ISO 2022 IR 138 | PN | Иван^שרון=Ivan",
        "ISO 2022 IR 100\\ISO 2022 IR 149 | PN | Müller^홍=길동",
        "ISO_IR 13 | PN | ﾀﾛｳ‾^Tarou",
        "ISO_IR 13 | LT | C:¥ﾀﾛｳ‾",
        "ISO_IR 100 | LT | Jérôme\\Buc",
        "\\ISO 2022 IR 149 | LT | 洪\\吉洞 and ASCII",
        "\\ISO 2022 IR 58 | LO | 张\\小东",
        "ISO_IR 192 | LO | Jérôme\\王",
    })
    void dcmdumpAgreesWithOurDecoding(String charset, String vrName, String text) throws Exception {
        VR vr = VR.of(vrName);
        String tag = switch (vr) {
            case PN -> "(0010,0010)"; // PatientName
            case LO -> "(0010,1000)"; // OtherPatientIDs (retired, LO, 1-n)
            default -> "(0010,4000)"; // PatientComments, LT
        };
        SpecificCharacterSet cs = SpecificCharacterSet.of(charset);
        assertEquals(java.util.List.of(), cs.unknownTerms());
        byte[] value = cs.encode(text, vr);
        assertEquals(text, cs.decode(value, vr), "our own round trip");
        for (byte b : value) {
            if (b == ']' || b == '\n' || b == '\r') {
                Assumptions.abort("encoded value contains a byte dump2dcm cannot take inside [...]");
            }
        }
        ByteArrayOutputStream dump = new ByteArrayOutputStream();
        dump.writeBytes(("(0008,0005) CS [" + charset + "]\n" + tag + " " + vr + " [")
                .getBytes(StandardCharsets.US_ASCII));
        dump.writeBytes(value);
        dump.writeBytes("]\n".getBytes(StandardCharsets.US_ASCII));
        Path dumpFile = Files.createTempFile(dir, "scs", ".dump");
        Path dcm = Path.of(dumpFile + ".dcm");
        Files.write(dumpFile, dump.toByteArray());

        Result made = run("dump2dcm", "+te", dumpFile.toString(), dcm.toString());
        assertEquals(0, made.exit, "dump2dcm failed: " + made.out);
        Result shown = run("dcmdump", "+U8", "+L", dcm.toString());
        if (shown.exit != 0 || !shown.out.contains("ISO_IR 192")) {
            if (shown.out.contains("not supported")) {
                Assumptions.abort("this DCMTK build cannot convert '" + charset + "' to UTF-8: "
                        + shown.out.strip().replace('\n', ' '));
            }
            throw new AssertionError("dcmdump +U8 failed (" + shown.exit + "): " + shown.out);
        }
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(tag + " " + vr + " [") + "(.*)\\]\\s+#.*$")
                .matcher(shown.out);
        Matcher c = CS_LINE.matcher(shown.out);
        assertEquals(true, m.find() && c.find(), shown.out);
        assertEquals("ISO_IR 192", c.group(1));
        assertEquals(cs.decode(value, vr), m.group(1).stripTrailing(), "dcmdump +U8 vs our decode");
    }

    /**
     * DCMTK built on glibc iconv cannot convert ISO 2022 IR 87/159, so these are checked against glibc's
     * ISO-2022-JP-2 decoder instead (a DICOM value with ISO-IR 6 as value 1 is valid ISO-2022-JP-2).
     */
    @ParameterizedTest(name = "[{0}] {1}")
    @CsvSource(delimiter = '|', value = {
        "\\ISO 2022 IR 87 | Yamada^Tarou=山田^太郎=やまだ^たろう",
        "\\ISO 2022 IR 87 | 東京都港区^テスト・ジロー=とうきょう〜ー",
        "\\ISO 2022 IR 87 | ΑΒΓ абв　①", // Greek, Cyrillic, ideographic space in JIS X 0208; ① is not
        "\\ISO 2022 IR 87\\ISO 2022 IR 159 | 山田^丂=鵞 A",
    })
    void glibcIso2022JpAgreesForJisSets(String charset, String text) throws Exception {
        if (!onPath("iconv")) {
            Assumptions.abort("iconv not on PATH: glibc ISO-2022-JP-2 cross-check skipped");
        }
        SpecificCharacterSet cs = SpecificCharacterSet.of(charset);
        byte[] value = cs.encode(text, VR.PN);
        Path in = Files.createTempFile(dir, "jis", ".txt");
        Files.write(in, value);
        Result r = run("iconv", "-f", "ISO-2022-JP-2", "-t", "UTF-8", in.toString());
        assertEquals(0, r.exit, r.out);
        assertEquals(r.out, cs.decode(value, VR.PN), "glibc ISO-2022-JP-2 vs our decode");
        assertEquals(text.replace("①", "?"), r.out);
    }

    private record Result(int exit, String out) {}

    private static Result run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("timed out: " + String.join(" ", command));
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }
}
