package dev.cloudpacs.dicom.core.charset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cloudpacs.dicom.core.VR;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SpecificCharacterSetTest {

    /** Bytes from space-separated hex pairs, as the PS3.5 examples list them. */
    static byte[] hex(String pairs) {
        return HexFormat.of().parseHex(pairs.replaceAll("\\s+", ""));
    }

    /** Bytes of a string of ISO 8859-1 characters (for escapes and 7-bit code pairs written as text). */
    static byte[] raw(String latin1) {
        return latin1.getBytes(StandardCharsets.ISO_8859_1);
    }

    static void assertBoth(SpecificCharacterSet cs, VR vr, String text, byte[] bytes) {
        assertEquals(text, cs.decode(bytes, 0, bytes.length, vr), "decode under " + cs);
        assertEquals(HexFormat.ofDelimiter(" ").formatHex(bytes),
                HexFormat.ofDelimiter(" ").formatHex(cs.encode(text, vr)), "encode under " + cs);
    }

    // --- PS3.5 Annex H: Japanese -----------------------------------------------------------------

    @Test
    void annexH31_ideographicAndPhoneticWithIr87() {
        assertBoth(SpecificCharacterSet.of("", "ISO 2022 IR 87"), VR.PN,
                "Yamada^Tarou=山田^太郎=やまだ^たろう",
                hex("59 61 6d 61 64 61 5e 54 61 72 6f 75 3d 1b 24 42 3b 33 45 44 1b 28 42 5e 1b 24 42 42 40"
                        + " 4f 3a 1b 28 42 3d 1b 24 42 24 64 24 5e 24 40 1b 28 42 5e 1b 24 42 24 3f 24 6d 24"
                        + " 26 1b 28 42"));
    }

    @Test
    void annexH32_katakanaValue1WithIr87() {
        assertBoth(SpecificCharacterSet.of("ISO 2022 IR 13", "ISO 2022 IR 87"), VR.PN,
                "ﾔﾏﾀﾞ^ﾀﾛｳ=山田^太郎=やまだ^たろう",
                hex("d4 cf c0 de 5e c0 db b3 3d 1b 24 42 3b 33 45 44 1b 28 4a 5e 1b 24 42 42 40 4f 3a 1b 28"
                        + " 4a 3d 1b 24 42 24 64 24 5e 24 40 1b 28 4a 5e 1b 24 42 24 3f 24 6d 24 26 1b 28 4a"));
    }

    @Test
    void japaneseWithoutCodeExtensionsAndJisX0212() {
        assertBoth(SpecificCharacterSet.of("ISO_IR 13"), VR.PN, "ﾔﾏﾀﾞ^ﾀﾛｳ", hex("d4 cf c0 de 5e c0 db b3"));
        // 丂 is JIS X 0212 row 16 cell 1 (0x3021); 山 is JIS X 0208 0x3B33.
        SpecificCharacterSet cs = SpecificCharacterSet.of("ISO 2022 IR 6", "ISO 2022 IR 87", "ISO 2022 IR 159");
        assertBoth(cs, VR.LO, "A山丂B", raw("A\u001b$B;3\u001b$(D0!\u001b(BB"));
        assertBoth(cs, VR.LO, "丂", raw("\u001b$(D0!\u001b(B"));
        // ESC ( J alone (as DCMTK reads it) also brings the katakana half
        assertEquals("Japanese\rﾔﾏﾀﾞ\nText", SpecificCharacterSet.of("", "ISO 2022 IR 13")
                .decode(raw("Japanese\r\u001b(J\u00d4\u00cf\u00c0\u00de\nText"), VR.LT));
        assertBoth(SpecificCharacterSet.of("", "ISO 2022 IR 13"), VR.LO, "ｱｲ ab",
                raw("\u001b)I\u00b1\u00b2 ab"));
    }

    @Test
    void jisRomanYenSignAndOverline() {
        // PS3.5 H.1.1: in ISO-IR 14, 05/12 is YEN SIGN and 07/14 OVERLINE; 05/12 still delimits values
        SpecificCharacterSet cs = SpecificCharacterSet.of("ISO_IR 13");
        assertBoth(cs, VR.LT, "C:¥ﾀﾛｳ‾", hex("43 3a 5c c0 db b3 7e"));
        assertBoth(cs, VR.PN, "a\\b‾", hex("61 5c 62 7e"));
        assertArrayEquals(raw("?"), cs.encode("¥", VR.PN));
        assertFalse(cs.canEncode("~", VR.LT));
        assertBoth(SpecificCharacterSet.of("ISO 2022 IR 13", "ISO 2022 IR 6"), VR.LT, "a\\~¥",
                raw("a\u001b(B\\~\u001b(J\\"));
    }

    @Test
    void bytesOfJisPairsThatLookLikeDelimitersAreNotDelimiters() {
        SpecificCharacterSet cs = SpecificCharacterSet.of("", "ISO 2022 IR 87");
        // やまだ is 24 64 24 5E 24 40: the 5E is not '^'; a JIS pair 5C 5C is not a value delimiter
        byte[] bytes = raw("\u001b$B$d$^$@\u001b(B\\\u001b$B\\\\\u001b(B");
        String text = cs.decode(bytes, VR.PN);
        assertEquals("やまだ\\" + new String(new byte[] {(byte) 0xdc, (byte) 0xdc}, java.nio.charset.Charset
                .forName("EUC-JP")), text);
        assertArrayEquals(bytes, cs.encode(text, VR.PN));
    }

    @Test
    void initialDesignationRestoredBeforeControlsAndValueDelimiters() {
        SpecificCharacterSet cs = SpecificCharacterSet.of("", "ISO 2022 IR 87");
        assertBoth(cs, VR.LT, "山\r\n田", raw("\u001b$B;3\u001b(B\r\n\u001b$BED\u001b(B"));
        assertBoth(cs, VR.LO, "山田\\太郎", raw("\u001b$B;3ED\u001b(B\\\u001b$BB@O:\u001b(B"));
        assertBoth(cs, VR.LO, "山 田", raw("\u001b$B;3\u001b(B \u001b$BED\u001b(B"));
        SpecificCharacterSet kr = SpecificCharacterSet.of("", "ISO 2022 IR 149");
        // the value delimiter resets G1 in LO but is plain text in LT
        assertBoth(kr, VR.LO, "洪\\吉", hex("1b 24 29 43 fb f3 5c 1b 24 29 43 d1 ce"));
        assertBoth(kr, VR.LT, "洪\\吉", hex("1b 24 29 43 fb f3 5c d1 ce"));
        // '^' and '=' only delimit in PN
        assertBoth(kr, VR.LO, "洪^吉", hex("1b 24 29 43 fb f3 5e d1 ce"));
    }

    // --- PS3.5 Annex I: Korean -------------------------------------------------------------------

    @Test
    void annexI2_koreanPersonName() {
        assertBoth(SpecificCharacterSet.of("", "ISO 2022 IR 149"), VR.PN, "Hong^Gildong=洪^吉洞=홍^길동",
                hex("48 6f 6e 67 5e 47 69 6c 64 6f 6e 67 3d 1b 24 29 43 fb f3 5e 1b 24 29 43 d1 ce d4 d7 3d"
                        + " 1b 24 29 43 c8 ab 5e 1b 24 29 43 b1 e6 b5 bf"));
    }

    @Test
    void annexI3_koreanLongTextWithEscapeAtLineStart() {
        SpecificCharacterSet cs = SpecificCharacterSet.of("", "ISO 2022 IR 149");
        byte[] hangul = hex("c7 d1 b1 db"); // 한글
        String bytes = "\u001b$)CThe first line includes " + new String(hangul, StandardCharsets.ISO_8859_1)
                + ".\r\n\u001b$)CThe second line includes " + new String(hangul, StandardCharsets.ISO_8859_1)
                + ", too.\r\nThe third line";
        String text = "The first line includes 한글.\r\nThe second line includes 한글, too.\r\nThe third line";
        assertEquals(text, cs.decode(raw(bytes), VR.LT));
        assertEquals(text, cs.decode(cs.encode(text, VR.LT), VR.LT));
        // DCMTK's variant: ASCII between Hangul codes while KS X 1001 stays in G1
        assertEquals("Hong^Gildong=洪^吉ASCII洞", cs.decode(
                raw("Hong^Gildong=\u001b$)C\u00fb\u00f3^\u001b$)C\u00d1\u00ceASCII\u00d4\u00d7"), VR.PN));
    }

    // --- PS3.5 Annex J: UTF-8, GB 18030, GBK -------------------------------------------------------

    @Test
    void annexJ1_utf8PersonName() {
        SpecificCharacterSet cs = SpecificCharacterSet.of("ISO_IR 192");
        assertTrue(cs.isUtf8());
        assertBoth(cs, VR.PN, "Wang^XiaoDong=王^小東=",
                hex("57 61 6e 67 5e 58 69 61 6f 44 6f 6e 67 3d e7 8e 8b 5e e5 b0 8f e6 9d b1 3d"));
    }

    @Test
    void annexJ2_utf8LongText() {
        assertBoth(SpecificCharacterSet.of("ISO_IR 192"), VR.LT,
                "The first line includes中文.\r\nThe second line includes中文, too.\r\nThe third line.\r\n",
                hex("54 68 65 20 66 69 72 73 74 20 6c 69 6e 65 20 69 6e 63 6c 75 64 65 73 e4 b8 ad e6 96 87"
                        + " 2e 0d 0a 54 68 65 20 73 65 63 6f 6e 64 20 6c 69 6e 65 20 69 6e 63 6c 75 64 65 73 e4"
                        + " b8 ad e6 96 87 2c 20 74 6f 6f 2e 0d 0a 54 68 65 20 74 68 69 72 64 20 6c 69 6e 65 2e"
                        + " 0d 0a"));
    }

    @ParameterizedTest
    @CsvSource({"GB18030", "GBK"})
    void annexJ3_J4_gb18030AndGbk(String term) {
        SpecificCharacterSet cs = SpecificCharacterSet.of(term);
        assertBoth(cs, VR.PN, "Wang^XiaoDong=王^小东=",
                hex("57 61 6e 67 5e 58 69 61 6f 44 6f 6e 67 3d cd f5 5e d0 a1 b6 ab 3d"));
        assertBoth(cs, VR.LT,
                "The first line includes中文.\r\nThe second line includes中文, too.\r\nThe third line.\r\n",
                hex("54 68 65 20 66 69 72 73 74 20 6c 69 6e 65 20 69 6e 63 6c 75 64 65 73 d6 d0 ce c4 2e 0d"
                        + " 0a 54 68 65 20 73 65 63 6f 6e 64 20 6c 69 6e 65 20 69 6e 63 6c 75 64 65 73 d6 d0 ce"
                        + " c4 2c 20 74 6f 6f 2e 0d 0a 54 68 65 20 74 68 69 72 64 20 6c 69 6e 65 2e 0d 0a"));
    }

    // --- PS3.5 Annex K: GB 2312 with code extensions -----------------------------------------------

    @Test
    void annexK2_gb2312PersonName() {
        assertBoth(SpecificCharacterSet.of("", "ISO 2022 IR 58"), VR.PN, "Zhang^XiaoDong=张^小东=",
                hex("5a 68 61 6e 67 5e 58 69 61 6f 44 6f 6e 67 3d 1b 24 29 41 d5 c5 5e 1b 24 29 41 d0 a1 b6"
                        + " ab 3d"));
    }

    @Test
    void annexK3_gb2312LongText() {
        assertBoth(SpecificCharacterSet.of("", "ISO 2022 IR 58"), VR.LT,
                "1.第一行文字。\r\n2.第二行文字。\r\n3.第三行文字。\r\n",
                hex("31 2e 1b 24 29 41 b5 da d2 bb d0 d0 ce c4 d7 d6 a1 a3 0d 0a"
                        + " 32 2e 1b 24 29 41 b5 da b6 fe d0 d0 ce c4 d7 d6 a1 a3 0d 0a"
                        + " 33 2e 1b 24 29 41 b5 da c8 fd d0 d0 ce c4 d7 d6 a1 a3 0d 0a"));
    }

    // --- Single-byte sets ------------------------------------------------------------------------

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
        "ISO_IR 100 | Buc^Jérôme     | 42 75 63 5e 4a e9 72 f4 6d 65",
        "ISO_IR 100 | Äneas^Rüdiger   | c4 6e 65 61 73 5e 52 fc 64 69 67 65 72",
        "ISO_IR 101 | Dvořák^Antonín  | 44 76 6f f8 e1 6b 5e 41 6e 74 6f 6e ed 6e",
        "ISO_IR 101 | Łódź            | a3 f3 64 bc",
        "ISO_IR 109 | Għargħur        | 47 b1 61 72 67 b1 75 72",
        "ISO_IR 110 | Ģirts^Ķēniņš    | ab 69 72 74 73 5e d3 ba 6e 69 f1 b9",
        "ISO_IR 144 | Люкceмбypг      | bb ee da 63 65 dc d1 79 70 d3",
        "ISO_IR 127 | قباني^لنزار     | e2 c8 c7 e6 ea 5e e4 e6 d2 c7 d1",
        "ISO_IR 126 | Διονυσιος       | c4 e9 ef ed f5 f3 e9 ef f2",
        "ISO_IR 138 | שרון^דבורה      | f9 f8 e5 ef 5e e3 e1 e5 f8 e4",
        "ISO_IR 148 | Çakır^Şükrü     | c7 61 6b fd 72 5e de fc 6b 72 fc",
        "ISO_IR 166 | สมชาย^ใจดี      | ca c1 aa d2 c2 5e e3 a8 b4 d5",
        "ISO_IR 203 | Œuvre€          | bc 75 76 72 65 a4",
        "ISO 2022 IR 100 | Buc^Jérôme | 42 75 63 5e 4a e9 72 f4 6d 65",
    })
    void singleByteSets(String term, String text, String bytes) {
        assertBoth(SpecificCharacterSet.of(term), VR.PN, text, hex(bytes));
    }

    @Test
    void singleByteSetsSwitchedInG1() {
        SpecificCharacterSet cs = SpecificCharacterSet.of("ISO 2022 IR 100", "ISO 2022 IR 126");
        // back to Latin-1 in G1 at the end of the value, and before the delimiter
        assertBoth(cs, VR.PN, "Jérôme^Διονυσιος",
                hex("4a e9 72 f4 6d 65 5e 1b 2d 46 c4 e9 ef ed f5 f3 e9 ef f2 1b 2d 41"));
        assertBoth(cs, VR.PN, "Δ^é", hex("1b 2d 46 c4 1b 2d 41 5e e9"));
        assertBoth(SpecificCharacterSet.of("", "ISO 2022 IR 144"), VR.LO, "abcЛюк", raw("abc\u001b-L\u00bb\u00ee\u00da"));
    }

    // --- Term handling, leniency, helpers --------------------------------------------------------

    @Test
    void unknownTermsFallBackToDefault() {
        SpecificCharacterSet cs = SpecificCharacterSet.of("ISO_IR 999");
        assertEquals(List.of("ISO_IR 999"), cs.unknownTerms());
        assertEquals("Jérôme", cs.decode(hex("4a e9 72 f4 6d 65"), VR.PN));
        assertArrayEquals(raw("J?r?me"), cs.encode("Jérôme", VR.PN));
        assertFalse(cs.canEncode("Jérôme", VR.PN));
        SpecificCharacterSet mixed = SpecificCharacterSet.of("", "ISO 2022 IR 999", "ISO 2022 IR 87");
        assertEquals(List.of("ISO 2022 IR 999"), mixed.unknownTerms());
        assertEquals("山", mixed.decode(raw("\u001b$B;3\u001b(B"), VR.PN));
        assertEquals(List.of("ISO_IR 100"), SpecificCharacterSet.of("ISO_IR 192", "ISO_IR 100").unknownTerms());
        assertEquals(List.of(), SpecificCharacterSet.of("ISO_IR 13", "ISO 2022 IR 87").unknownTerms());
    }

    @Test
    void defaultRepertoire() {
        SpecificCharacterSet d = SpecificCharacterSet.DEFAULT;
        assertSame(d, SpecificCharacterSet.of());
        assertSame(d, SpecificCharacterSet.of(""));
        assertSame(d, SpecificCharacterSet.of((String[]) null));
        assertEquals(0, d.values().length);
        assertTrue(d.unknownTerms().isEmpty());
        assertEquals("Buc^Jérôme", d.decode(hex("42 75 63 5e 4a e9 72 f4 6d 65"), VR.PN));
        assertArrayEquals(raw("Doe^John"), d.encode("Doe^John", VR.PN));
        assertTrue(d.canEncode("Doe^John", VR.PN));
        // escapes are honoured even when no set lists them
        assertEquals("山", d.decode(raw("\u001b$B;3\u001b(B"), VR.PN));
    }

    @Test
    void instancesAreCachedAndValuesTrimmed() {
        SpecificCharacterSet a = SpecificCharacterSet.of("ISO_IR 100 ");
        assertSame(a, SpecificCharacterSet.of("ISO_IR 100"));
        assertSame(SpecificCharacterSet.of("", "ISO 2022 IR 87"), SpecificCharacterSet.of("\\ISO 2022 IR 87 "));
        assertArrayEquals(new String[] {"", "ISO 2022 IR 87"}, SpecificCharacterSet.of("\\ISO 2022 IR 87").values());
        assertTrue(SpecificCharacterSet.of("\\ISO 2022 IR 87").usesCodeExtensions());
        assertFalse(a.usesCodeExtensions());
    }

    @Test
    void leniencyForCommonNonConformantData() {
        // "ISO 2022 IR 149" alone with plain EUC-KR and no escapes
        assertEquals("홍^길동", SpecificCharacterSet.of("ISO 2022 IR 149").decode(hex("c8 ab 5e b1 e6 b5 bf"), VR.PN));
        // one escape for the whole value: G1 keeps KS X 1001 after the delimiters
        assertEquals("洪^吉洞", SpecificCharacterSet.of("", "ISO 2022 IR 149")
                .decode(hex("1b 24 29 43 fb f3 5e d1 ce d4 d7"), VR.PN));
        // truncated pair, unknown escape
        assertEquals("\uFFFD", SpecificCharacterSet.of("", "ISO 2022 IR 149").decode(hex("1b 24 29 43 fb"), VR.PN));
        assertEquals("a\u001b%Gb", SpecificCharacterSet.of("ISO_IR 100").decode(raw("a\u001b%Gb"), VR.LO));
        // VRs outside the Specific Character Set read as ISO 8859-1
        assertEquals("\u00e9", SpecificCharacterSet.of("ISO_IR 192").decode(hex("e9"), VR.CS));
    }

    @Test
    void roundTripsWithMixedSetsAndSupplementaryCharacters() {
        SpecificCharacterSet cs = SpecificCharacterSet.of("", "ISO 2022 IR 149", "ISO 2022 IR 58", "ISO 2022 IR 87");
        String text = "Hong^길동=张^小东=山田\\ｱ";
        byte[] bytes = cs.encode(text, VR.PN);
        assertEquals("Hong^길동=张^小东=山田\\?", cs.decode(bytes, VR.PN));
        assertFalse(cs.canEncode(text, VR.PN));
        SpecificCharacterSet utf8 = SpecificCharacterSet.of("ISO_IR 192");
        assertEquals("😀^𠀀", utf8.decode(utf8.encode("😀^𠀀", VR.PN), VR.PN));
    }

    @Test
    void threadSafe() {
        SpecificCharacterSet cs = SpecificCharacterSet.of("ISO 2022 IR 13", "ISO 2022 IR 87");
        String text = "ﾔﾏﾀﾞ^ﾀﾛｳ=山田^太郎=やまだ^たろう";
        byte[] expected = cs.encode(text, VR.PN);
        assertTrue(IntStream.range(0, 2000).parallel().allMatch(i ->
                text.equals(cs.decode(cs.encode(text, VR.PN), VR.PN))
                        && java.util.Arrays.equals(expected, cs.encode(text, VR.PN))));
    }
}
