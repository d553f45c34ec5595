package dev.cloudpacs.dicom.core.interop;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds a small corpus of DICOM files with DCMTK from the dump texts in
 * {@code src/test/resources/dcmtk-corpus}: each dump becomes a base file (dump2dcm), which
 * dcmconv re-encodes into the variants listed below (transfer syntaxes, undefined lengths,
 * group lengths, bare data sets). Call {@link Dcmtk#assumeAvailable()} first.
 */
public final class DcmtkCorpus {

    public static final String IMPLICIT_VR_LE = "1.2.840.10008.1.2";
    public static final String EXPLICIT_VR_LE = "1.2.840.10008.1.2.1";
    public static final String DEFLATED_EXPLICIT_VR_LE = "1.2.840.10008.1.2.1.99";
    public static final String EXPLICIT_VR_BE = "1.2.840.10008.1.2.2";
    public static final String RLE_LOSSLESS = "1.2.840.10008.1.2.5";

    /** Where {@link #build()} puts the corpus (relative to the module, i.e. surefire's working dir). */
    public static final Path DEFAULT_DIR = Path.of("target", "dcmtk-corpus");

    private static final String RESOURCE_DIR = "/dcmtk-corpus/";
    private static final String FINGERPRINT_FILE = ".fingerprint";
    /** Resources declare the byte encoding dump2dcm must see, e.g. "# encoding: ISO-8859-5". */
    private static final Pattern ENCODING = Pattern.compile("(?m)^# encoding: (\\S+)$");

    /** How one variant is derived from a base file with dcmconv. */
    private record Variant(String suffix, String transferSyntaxUid, boolean dataSetOnly,
                           String description, List<String> dcmconvOptions) {
        Variant(String suffix, String tsUid, boolean dataSetOnly, String description, String... options) {
            this(suffix, tsUid, dataSetOnly, description, List.of(options));
        }
    }

    /** One dump resource, the dump2dcm options for its base file and the variants built from it. */
    private record Source(String name, String description, List<String> dump2dcmOptions,
                          List<Variant> variants) {
    }

    // Every variant states the length and group length options explicitly so the output does
    // not depend on what the base file happens to contain.
    private static final Variant ELE = new Variant("ele", EXPLICIT_VR_LE, false,
            "explicit VR little endian", "+te", "+e", "-g");
    private static final Variant ILE = new Variant("ile", IMPLICIT_VR_LE, false,
            "implicit VR little endian", "+ti", "+e", "-g");
    private static final Variant EBE = new Variant("ebe", EXPLICIT_VR_BE, false,
            "explicit VR big endian", "+tb", "+e", "-g");
    private static final Variant DEFLATED = new Variant("deflated", DEFLATED_EXPLICIT_VR_LE, false,
            "deflated explicit VR little endian", "+td", "+e", "-g");
    private static final Variant ELE_UNDEFINED = new Variant("ele-undef", EXPLICIT_VR_LE, false,
            "explicit VR little endian, undefined-length sequences and items", "+te", "-e", "-g");
    private static final Variant ILE_UNDEFINED = new Variant("ile-undef", IMPLICIT_VR_LE, false,
            "implicit VR little endian, undefined-length sequences and items", "+ti", "-e", "-g");
    private static final Variant EBE_UNDEFINED = new Variant("ebe-undef", EXPLICIT_VR_BE, false,
            "explicit VR big endian, undefined-length sequences and items", "+tb", "-e", "-g");
    private static final Variant ELE_GROUP_LENGTH = new Variant("ele-grouplen", EXPLICIT_VR_LE, false,
            "explicit VR little endian with group length elements", "+te", "+e", "+g");
    private static final Variant ILE_GROUP_LENGTH = new Variant("ile-grouplen", IMPLICIT_VR_LE, false,
            "implicit VR little endian with group length elements", "+ti", "+e", "+g");
    private static final Variant ILE_UNDEFINED_GROUP_LENGTH = new Variant("ile-undef-grouplen",
            IMPLICIT_VR_LE, false, "implicit VR little endian, undefined lengths and group length elements",
            "+ti", "-e", "+g");
    private static final Variant ELE_BARE = new Variant("ele-bare", EXPLICIT_VR_LE, true,
            "bare data set (no preamble, no meta information), explicit VR little endian", "-F", "+te", "+e", "-g");
    private static final Variant ILE_BARE = new Variant("ile-bare", IMPLICIT_VR_LE, true,
            "bare data set (no preamble, no meta information), implicit VR little endian", "-F", "+ti", "+e", "-g");
    private static final Variant RLE_AS_IS = new Variant("rle", RLE_LOSSLESS, false,
            "encapsulated, transfer syntax kept from the source", "+t=");

    private static final List<Variant> BASIC = List.of(ELE, ILE, EBE, DEFLATED);
    private static final List<String> TO_EXPLICIT_LE = List.of("+te");

    private static final List<Source> SOURCES = List.of(
            new Source("ct-image", "CT image header with 16x16 16-bit signed pixel data", TO_EXPLICIT_LE,
                    List.of(ELE, ILE, EBE, DEFLATED, ELE_GROUP_LENGTH, ELE_BARE, ILE_BARE)),
            new Source("nested-sequences", "sequences two levels deep, empty sequences, an empty item",
                    TO_EXPLICIT_LE, List.of(ELE, ILE, EBE, DEFLATED, ELE_UNDEFINED, ILE_UNDEFINED,
                            EBE_UNDEFINED, ELE_GROUP_LENGTH, ILE_GROUP_LENGTH, ILE_UNDEFINED_GROUP_LENGTH)),
            new Source("all-vrs", "every VR incl. OV/SV/UV, multi-valued strings and binary numbers",
                    TO_EXPLICIT_LE, List.of(ELE, ILE, EBE, DEFLATED, ELE_UNDEFINED, ELE_GROUP_LENGTH)),
            new Source("private-tags", "two private creators in one group and an orphan private element",
                    TO_EXPLICIT_LE, List.of(ELE, ILE, EBE, DEFLATED)),
            new Source("charset-latin1", "ISO_IR 100 (Latin-1) names and texts", TO_EXPLICIT_LE, BASIC),
            new Source("charset-utf8", "ISO_IR 192 (UTF-8) Chinese, Japanese and Korean names", TO_EXPLICIT_LE, BASIC),
            new Source("charset-iso2022-jp", "\\ISO 2022 IR 87 Japanese names with escape sequences",
                    TO_EXPLICIT_LE, BASIC),
            new Source("charset-cyrillic", "ISO_IR 144 (Cyrillic) names and texts", TO_EXPLICIT_LE, BASIC),
            new Source("encapsulated", "RLE Lossless pixel sequence: empty offset table, one fragment",
                    List.of(), List.of(RLE_AS_IS)));

    private DcmtkCorpus() {
    }

    /** Builds (or reuses) the corpus in {@link #DEFAULT_DIR}. */
    public static List<CorpusFile> build() {
        return build(DEFAULT_DIR);
    }

    /**
     * Builds the corpus in {@code dir} unless a previous build with the same resources and
     * options is already there, and lists its files.
     */
    public static synchronized List<CorpusFile> build(Path dir) {
        try {
            Path absolute = dir.toAbsolutePath();
            String fingerprint = fingerprint();
            List<CorpusFile> files = list(absolute);
            Path marker = absolute.resolve(FINGERPRINT_FILE);
            boolean upToDate = Files.isRegularFile(marker)
                    && Files.readString(marker).equals(fingerprint)
                    && files.stream().allMatch(file -> Files.isRegularFile(file.path()));
            if (!upToDate) {
                Files.deleteIfExists(marker);
                generate(absolute);
                // Written last, so an interrupted build is redone next time.
                Files.writeString(marker, fingerprint);
            }
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot build DCMTK corpus in " + dir, e);
        }
    }

    /** The corpus file with this name, e.g. {@code ct-image-ele}. */
    public static CorpusFile find(List<CorpusFile> corpus, String name) {
        return corpus.stream().filter(file -> file.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No corpus file " + name));
    }

    private static List<CorpusFile> list(Path dir) {
        List<CorpusFile> files = new ArrayList<>();
        for (Source source : SOURCES) {
            for (Variant variant : source.variants()) {
                String name = source.name() + "-" + variant.suffix();
                files.add(new CorpusFile(name, source.name(), dir.resolve(name + ".dcm"),
                        variant.transferSyntaxUid(), variant.dataSetOnly(),
                        source.description() + "; " + variant.description()));
            }
        }
        return files;
    }

    private static void generate(Path dir) throws IOException {
        Path work = Files.createDirectories(dir.resolve("base"));
        for (Source source : SOURCES) {
            Path dump = work.resolve(source.name() + ".dump");
            Files.write(dump, dumpBytes(source.name()));
            Path base = Dcmtk.dump2dcm(dump, work.resolve(source.name() + ".dcm"),
                    source.dump2dcmOptions().toArray(String[]::new));
            for (Variant variant : source.variants()) {
                Path out = dir.resolve(source.name() + "-" + variant.suffix() + ".dcm");
                Dcmtk.dcmconv(base, out, variant.dcmconvOptions().toArray(String[]::new));
            }
        }
    }

    /**
     * The dump text in the byte encoding named by its "# encoding:" line (default US-ASCII).
     * Resources are kept as UTF-8 text; dump2dcm copies value bytes verbatim, so a Latin-1 or
     * ISO 2022 file needs its dump in exactly that encoding.
     */
    static byte[] dumpBytes(String sourceName) throws IOException {
        String text = new String(resource(sourceName + ".dump"), StandardCharsets.UTF_8);
        Matcher encoding = ENCODING.matcher(text);
        Charset charset = encoding.find() ? Charset.forName(encoding.group(1)) : StandardCharsets.US_ASCII;
        try {
            ByteBuffer encoded = charset.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(CharBuffer.wrap(text));
            return Arrays.copyOf(encoded.array(), encoded.limit());
        } catch (CharacterCodingException e) {
            throw new IllegalStateException(sourceName + ".dump is not representable in " + charset, e);
        }
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = DcmtkCorpus.class.getResourceAsStream(RESOURCE_DIR + name)) {
            if (in == null) {
                throw new IllegalStateException("Missing test resource " + RESOURCE_DIR + name);
            }
            return in.readAllBytes();
        }
    }

    /** Hash of every resource and build option, so edits to either trigger a rebuild. */
    private static String fingerprint() throws IOException {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Source source : SOURCES) {
                digest.update(source.toString().getBytes(StandardCharsets.UTF_8));
                digest.update(resource(source.name() + ".dump"));
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
