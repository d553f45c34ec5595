import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.CRC32;

/**
 * Fills the archive's index (patient, study, series, instance; see
 * pacs-common/src/main/resources/db/migration/V1__index.sql) with a synthetic but realistic corpus
 * through PostgreSQL COPY, for query benchmarks (bench/query.sh).
 *
 * <pre>
 * java -cp postgresql.jar bench/IndexLoader.java [options] JDBC_URL USER PASSWORD [INSTANCES [SEED]]
 *   INSTANCES        instances to add (default 1000000, ~100000 studies); whole patients are generated,
 *                    so the count is reached or passed by at most one patient's studies
 *   SEED             default 42; the corpus is a function of the seed and of the starting primary keys
 *   --truncate       empty patient, study, series, instance first (RESTART IDENTITY); without it the
 *                    new rows continue after max(pk) of each table and the sequences are moved past them
 *   --keys=FILE      sample query keys of the loaded rows (default bench/work/query-keys.txt)
 *   --dicom-dir=DIR  also write every generated instance as a tiny Part 10 file (no pixel data, the same
 *                    attributes as instance.header) under DIR, e.g. to load the same corpus into Orthanc
 *   --jobs=N         parallel COPY connections for the instance table (default 2)
 * JDBC_URL "none": no database, only --dicom-dir and --keys (primary keys then start at 1, as after --truncate).
 * </pre>
 *
 * Distributions: ~2.5 studies per patient (1 to 10), ~10 instances per study in 1-4 series, modality
 * mix of a general hospital (CT 25%, CR 20%, MR 15%, US 12%, DX 12%, MG 7%, XA 4%, PT/CT 3%, NM 2%),
 * study dates 2010-2026 growing towards the present, family names Zipf-like from a list of common
 * names plus a long tail of rarer composed names, 10% of names in mixed case. UIDs are
 * {@code 2.25.<UUID as integer>} from a hash of the seed, the table and the primary key.
 * The sample-keys file has lines {@code KIND<TAB>VALUE} with KIND PatientID, AccessionNumber,
 * PatientName ({@code FAMILY^G*}: family name plus given-name initial, as a clerk types it) and
 * StudyDate (a calendar month {@code YYYYMMDD-YYYYMMDD} in which studies exist).
 * <p>
 * Keys derive from primary keys (PatientID {@code PID} + 7 digits and AccessionNumber {@code ACC} + 8
 * digits by a bijection of the pk, UIDs by hash), so loading 20,000 and then 980,000 more gives the
 * same index as loading 1,000,000 at once. On an index that also holds rows from real ingest, a
 * PatientID could collide with an existing one (the COPY then fails on patient_id_issuer_uk): use
 * --truncate on a benchmark index. Patient, study and series rows are committed first, then each
 * instance job commits its own COPY: a failed run can leave studies without (all) instances.
 * Measured: 1,000,000 instances in ~110 s on 2 cores (PostgreSQL of local-infra, 2 jobs).
 */
public class IndexLoader {
    static final LocalDate EPOCH_START = LocalDate.of(2010, 1, 1);
    static final LocalDate EPOCH_END = LocalDate.of(2026, 6, 30);
    static final DateTimeFormatter DA = DateTimeFormatter.BASIC_ISO_DATE;
    static final String TS_EXPLICIT_LE = "1.2.840.10008.1.2.1";

    // ---- vocabularies ---------------------------------------------------------------------------
    static final String[] FAMILY = ("SMITH JOHNSON WILLIAMS BROWN JONES GARCIA MILLER DAVIS RODRIGUEZ MARTINEZ HERNANDEZ"
            + " LOPEZ GONZALEZ WILSON ANDERSON THOMAS TAYLOR MOORE JACKSON MARTIN LEE PEREZ THOMPSON WHITE HARRIS"
            + " SANCHEZ CLARK RAMIREZ LEWIS ROBINSON WALKER YOUNG ALLEN KING WRIGHT SCOTT TORRES NGUYEN HILL FLORES"
            + " GREEN ADAMS NELSON BAKER HALL RIVERA CAMPBELL MITCHELL CARTER ROBERTS MULLER SCHMIDT SCHNEIDER"
            + " FISCHER WEBER MEYER WAGNER BECKER SCHULZ HOFFMANN BERNARD DUBOIS ROBERT RICHARD PETIT DURAND LEROY"
            + " MOREAU ROSSI RUSSO FERRARI ESPOSITO BIANCHI ROMANO COLOMBO FERNANDEZ SMIRNOV IVANOV KUZNETSOV NOWAK"
            + " KOWALSKI WISNIEWSKI JANSEN DE_JONG DE_VRIES VAN_DEN_BERG BAKKER VISSER SMIT MEIJER ANDERSSON"
            + " JOHANSSON KARLSSON NILSSON ERIKSSON LARSSON HANSEN JENSEN NIELSEN PEDERSEN KIM PARK CHOI WANG LI"
            + " ZHANG LIU CHEN YANG HUANG SATO SUZUKI TAKAHASHI TANAKA WATANABE SINGH KUMAR SHARMA PATEL KHAN ALI"
            + " O'BRIEN MURPHY KELLY WALSH BYRNE RYAN SILVA SANTOS OLIVEIRA SOUZA PEREIRA COSTA YILMAZ KAYA DEMIR"
            + " COHEN LEVI MIZRAHI NAGY HORVATH NOVAK DVORAK POPESCU PAPADOPOULOS").split(" ");
    static final String[] TAIL_PREFIX = ("KOW BER MAR HOL STR WIN GRA BRO LAN ROS FEL HAR KRA SCH WAL DEL VAL MON"
            + " PET GOL SIL BAR CAR FAR GAL HEN JAN KEL LOR MAC").split(" ");
    static final String[] TAIL_SUFFIX = ("SKI MANN SEN OVA INI AND ERS ETTI ING OFF BERG STEIN AU IER OS ESCU"
            + " WOOD FIELD TON LEY ARD ICK INO ELLO").split(" ");
    static final String[] MALE = ("JAMES JOHN ROBERT MICHAEL WILLIAM DAVID RICHARD JOSEPH THOMAS CHARLES CHRISTOPHER"
            + " DANIEL MATTHEW ANTHONY MARK DONALD STEVEN PAUL ANDREW JOSHUA KENNETH KEVIN BRIAN GEORGE TIMOTHY"
            + " RONALD EDWARD JASON JEFFREY RYAN JACOB GARY NICHOLAS ERIC JONATHAN STEPHEN LARRY JUSTIN SCOTT"
            + " BRANDON HANS PIERRE GIUSEPPE JAN LARS HIROSHI WEI RAJ AHMED CARLOS JOSE").split(" ");
    static final String[] FEMALE = ("MARY PATRICIA JENNIFER LINDA ELIZABETH BARBARA SUSAN JESSICA SARAH KAREN LISA NANCY"
            + " BETTY MARGARET SANDRA ASHLEY KIMBERLY EMILY DONNA MICHELLE CAROL AMANDA DOROTHY MELISSA DEBORAH"
            + " STEPHANIE REBECCA SHARON LAURA CYNTHIA KATHLEEN AMY ANGELA SHIRLEY ANNA BRENDA PAMELA EMMA NICOLE"
            + " HELEN SAMANTHA KATHARINA MARIE GIULIA ANNA_LENA INGRID YUKI MEI PRIYA FATIMA MARIA ANA").split(" ");
    static final String[] INSTITUTIONS = {"General Hospital", "St. Mary Medical Center", "University Clinic",
            "Northside Imaging", "Riverside Radiology"};
    static final String[] MANUFACTURERS = {"SIEMENS", "GE MEDICAL SYSTEMS", "Philips", "CANON_MEC", "FUJIFILM"};

    /** Per modality: weight %, SOP class, series and instances-per-series ranges, rows x cols, bytes per pixel. */
    record Modality(String code, int weight, String sopClass, int seriesMin, int seriesMax, int instMin, int instMax,
                    int rows, int cols, int bytesPerPixel, String[][] studies, String[] seriesDescriptions) {
    }

    // studies: {description, body part}
    static final Modality[] MODALITIES = {
            new Modality("CT", 25, "1.2.840.10008.5.1.4.1.1.2", 1, 4, 2, 11, 512, 512, 2,
                    new String[][]{{"CT HEAD WITHOUT CONTRAST", "HEAD"}, {"CT CHEST WITH CONTRAST", "CHEST"},
                            {"CT ABDOMEN PELVIS WITH CONTRAST", "ABDOMEN"}, {"CTA CHEST PULMONARY EMBOLISM", "CHEST"},
                            {"CT LUMBAR SPINE", "LSPINE"}, {"CT SINUS", "HEAD"}},
                    new String[]{"Topogram", "Axial 5mm", "Axial 1.25mm", "Coronal MPR", "Sagittal MPR", "Bone 1mm"}),
            new Modality("MR", 15, "1.2.840.10008.5.1.4.1.1.4", 2, 4, 2, 8, 256, 256, 2,
                    new String[][]{{"MR BRAIN WITHOUT AND WITH CONTRAST", "BRAIN"}, {"MR KNEE LEFT", "KNEE"},
                            {"MR KNEE RIGHT", "KNEE"}, {"MR LUMBAR SPINE", "LSPINE"}, {"MR SHOULDER", "SHOULDER"},
                            {"MR PROSTATE", "PELVIS"}},
                    new String[]{"t1_se_sag", "t2_tse_ax", "t2_flair_ax", "ep2d_diff", "t1_mprage_post", "pd_fs_cor"}),
            new Modality("CR", 20, "1.2.840.10008.5.1.4.1.1.1", 1, 2, 1, 2, 2048, 2500, 2,
                    new String[][]{{"XR CHEST 2 VIEWS", "CHEST"}, {"XR HAND 3 VIEWS", "HAND"}, {"XR KNEE", "KNEE"},
                            {"XR PELVIS", "PELVIS"}},
                    new String[]{"PA", "LAT", "AP", "OBLIQUE"}),
            new Modality("US", 12, "1.2.840.10008.5.1.4.1.1.6.1", 1, 1, 4, 16, 600, 800, 3,
                    new String[][]{{"US ABDOMEN COMPLETE", "ABDOMEN"}, {"US PELVIS TRANSVAGINAL", "PELVIS"},
                            {"US THYROID", "NECK"}, {"US CAROTID DOPPLER", "NECK"}},
                    new String[]{"Abdomen", "Pelvis", "Thyroid", "Carotid"}),
            new Modality("DX", 12, "1.2.840.10008.5.1.4.1.1.1.1", 1, 2, 1, 2, 2500, 3000, 2,
                    new String[][]{{"XR CHEST PA AND LATERAL", "CHEST"}, {"XR FOOT", "FOOT"}, {"XR SPINE", "SPINE"}},
                    new String[]{"PA", "LAT", "AP", "OBL"}),
            new Modality("MG", 7, "1.2.840.10008.5.1.4.1.1.1.2", 1, 4, 1, 2, 3328, 4096, 2,
                    new String[][]{{"MG SCREENING BILATERAL", "BREAST"}, {"MG DIAGNOSTIC LEFT", "BREAST"}},
                    new String[]{"R CC", "L CC", "R MLO", "L MLO"}),
            new Modality("PT", 3, "1.2.840.10008.5.1.4.1.1.128", 2, 4, 4, 16, 200, 200, 2,
                    new String[][]{{"PET CT WHOLE BODY FDG", "WHOLEBODY"}, {"PET CT SKULL BASE TO THIGH", "WHOLEBODY"}},
                    new String[]{"PET WB AC", "PET WB NAC", "PET MIP"}),
            new Modality("NM", 2, "1.2.840.10008.5.1.4.1.1.20", 1, 2, 1, 6, 256, 1024, 2,
                    new String[][]{{"NM BONE SCAN WHOLE BODY", "WHOLEBODY"}, {"NM MYOCARDIAL PERFUSION", "HEART"}},
                    new String[]{"WB ANT POST", "SPECT STRESS", "SPECT REST"}),
            new Modality("XA", 4, "1.2.840.10008.5.1.4.1.1.12.1", 1, 4, 2, 10, 512, 512, 1,
                    new String[][]{{"CORONARY ANGIOGRAPHY", "HEART"}, {"CEREBRAL ANGIOGRAPHY", "HEAD"}},
                    new String[]{"LCA LAO", "LCA RAO", "RCA LAO", "Run"}),
    };
    static final Modality CT_FOR_PET = MODALITIES[0];

    // ---- the generated model --------------------------------------------------------------------
    record Patient(long pk, String id, String name, LocalDate birth, String sex, List<Study> studies, int instances) {
    }

    record Study(long pk, String uid, LocalDate date, int timeSecs, String accession, String studyId, String description,
                 String bodyPart, String referring, String institution, Modality modality, List<Series> series) {
    }

    record Series(long pk, String uid, Modality modality, int number, String description, String manufacturer,
                  int instances, long firstInstancePk) {
    }

    /** Starting primary keys of one patient (the plan pass records them, so any pass can regenerate it). */
    record Start(long patient, long study, long series, long instance) {
    }

    final long seed;

    IndexLoader(long seed) {
        this.seed = seed;
    }

    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** {@code 2.25.<a version-4-shaped 128-bit integer>} from the seed, a kind and a primary key. */
    String uid(int kind, long pk) {
        long hi = mix(seed * 0x9E3779B97F4A7C15L + kind * 0x632BE59BD9B4E019L + pk);
        long lo = mix(hi ^ (pk * 0xD6E8FEB86659FD93L) ^ kind);
        hi = (hi & 0xFFFFFFFFFFFF0FFFL) | 0x0000000000004000L;
        lo = (lo & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        byte[] b = new byte[17];
        for (int i = 0; i < 8; i++) {
            b[1 + i] = (byte) (hi >>> (56 - 8 * i));
            b[9 + i] = (byte) (lo >>> (56 - 8 * i));
        }
        return "2.25." + new BigInteger(b);
    }

    static String pick(SplittableRandom r, String[] a) {
        return a[r.nextInt(a.length)].replace('_', ' ');
    }

    /** Zipf-like: index i with weight 1/(i+8). */
    static int zipf(SplittableRandom r, int n) {
        double total = 0;
        for (int i = 0; i < n; i++) {
            total += 1.0 / (i + 8);
        }
        double x = r.nextDouble() * total;
        for (int i = 0; i < n; i++) {
            x -= 1.0 / (i + 8);
            if (x <= 0) {
                return i;
            }
        }
        return n - 1;
    }

    static String familyName(SplittableRandom r) {
        if (r.nextInt(100) < 35) {
            return pick(r, TAIL_PREFIX) + pick(r, TAIL_SUFFIX);
        }
        return FAMILY[zipf(r, FAMILY.length)].replace('_', ' ');
    }

    static String mixedCase(String pn) {
        StringBuilder sb = new StringBuilder(pn.length());
        boolean start = true;
        for (char c : pn.toCharArray()) {
            sb.append(start ? c : Character.toLowerCase(c));
            start = !Character.isLetter(c);
        }
        return sb.toString();
    }

    static int studiesOfPatient(SplittableRandom r) {
        int x = r.nextInt(100);
        if (x < 45) return 1;
        if (x < 65) return 2;
        if (x < 77) return 3;
        if (x < 85) return 4;
        return 5 + r.nextInt(4);
    }

    static Modality modality(SplittableRandom r) {
        int x = r.nextInt(100);
        for (Modality m : MODALITIES) {
            x -= m.weight();
            if (x < 0) {
                return m;
            }
        }
        return MODALITIES[0];
    }

    static String patientId(long pk) {
        return String.format("PID%07d", (pk * 7_368_787L + 1_234_567L) % 9_999_991L);
    }

    static String accession(long studyPk) {
        return String.format("ACC%08d", (studyPk * 48_271L + 777_777L) % 99_999_989L);
    }

    /** Generates one patient with all its studies, deterministically from the seed and its start keys. */
    Patient patient(Start s) {
        SplittableRandom r = new SplittableRandom(mix(seed ^ mix(s.patient() * 0x9E3779B97F4A7C15L)));
        String sex = r.nextInt(100) < 1 ? "O" : r.nextBoolean() ? "F" : "M";
        String given = pick(r, "F".equals(sex) ? FEMALE : "M".equals(sex) ? MALE : r.nextBoolean() ? MALE : FEMALE);
        String name = familyName(r) + "^" + given;
        if (r.nextInt(10) == 0) {
            name = mixedCase(name);
        }
        // Ages skewed to the elderly, as in imaging; 1930-2020.
        double u = r.nextDouble();
        int ageDays = (int) (Math.pow(u, 0.7) * (LocalDate.of(2020, 12, 31).toEpochDay() - LocalDate.of(1930, 1, 1).toEpochDay()));
        LocalDate birth = LocalDate.of(2020, 12, 31).minusDays(ageDays);
        int nStudies = studiesOfPatient(r);
        List<Study> studies = new ArrayList<>(nStudies);
        long studyPk = s.study(), seriesPk = s.series(), instPk = s.instance();
        int total = 0;
        for (int k = 0; k < nStudies; k++, studyPk++) {
            Modality m = modality(r);
            LocalDate lo = birth.isAfter(EPOCH_START) ? birth : EPOCH_START;
            long span = EPOCH_END.toEpochDay() - lo.toEpochDay();
            LocalDate date = lo.plusDays((long) (Math.sqrt(r.nextDouble()) * span));
            int time = 7 * 3600 + r.nextInt(15 * 3600);
            String[] st = m.studies()[r.nextInt(m.studies().length)];
            String referring = pick(r, FAMILY) + "^" + pick(r, r.nextBoolean() ? MALE : FEMALE) + "^^DR";
            String institution = INSTITUTIONS[r.nextInt(INSTITUTIONS.length)];
            String manufacturer = MANUFACTURERS[r.nextInt(MANUFACTURERS.length)];
            int nSeries = m.seriesMin() + r.nextInt(m.seriesMax() - m.seriesMin() + 1);
            List<Series> series = new ArrayList<>(nSeries);
            for (int j = 0; j < nSeries; j++, seriesPk++) {
                // PET/CT: the first series is the CT for attenuation correction and localisation.
                Modality sm = m.code().equals("PT") && j == 0 ? CT_FOR_PET : m;
                String desc = sm == m ? m.seriesDescriptions()[(j + r.nextInt(2)) % m.seriesDescriptions().length]
                        : "CT AC 3mm";
                int n = m.instMin() + r.nextInt(m.instMax() - m.instMin() + 1);
                series.add(new Series(seriesPk, uid(2, seriesPk), sm, j + 1, desc, manufacturer, n, instPk));
                instPk += n;
                total += n;
            }
            studies.add(new Study(studyPk, uid(1, studyPk), date, time, accession(studyPk),
                    Integer.toString(1 + r.nextInt(99999)), st[0], st[1], referring, institution, m, series));
        }
        return new Patient(s.patient(), patientId(s.patient()), name, birth, sex, studies, total);
    }

    static Start next(Patient p) {
        Study last = p.studies().getLast();
        Series ls = last.series().getLast();
        return new Start(p.pk() + 1, last.pk() + 1, ls.pk() + 1, ls.firstInstancePk() + ls.instances());
    }

    // ---- the instance header: DICOM JSON and Part 10 from one element list ----------------------
    record El(int tag, String vr, Object value) {
    }

    static String da(LocalDate d) {
        return d.format(DA);
    }

    static String tm(int secs) {
        return String.format("%02d%02d%02d", secs / 3600, secs / 60 % 60, secs % 60);
    }

    static List<El> elements(Patient p, Study st, Series se, int number, String sopUid) {
        Modality m = se.modality();
        List<El> e = new ArrayList<>(32);
        e.add(new El(0x00080005, "CS", "ISO_IR 100"));
        e.add(new El(0x00080016, "UI", m.sopClass()));
        e.add(new El(0x00080018, "UI", sopUid));
        e.add(new El(0x00080020, "DA", da(st.date())));
        e.add(new El(0x00080021, "DA", da(st.date())));
        e.add(new El(0x00080030, "TM", tm(st.timeSecs())));
        e.add(new El(0x00080031, "TM", tm(st.timeSecs() + 60 * se.number())));
        e.add(new El(0x00080050, "SH", st.accession()));
        e.add(new El(0x00080060, "CS", m.code()));
        e.add(new El(0x00080070, "LO", se.manufacturer()));
        e.add(new El(0x00080080, "LO", st.institution()));
        e.add(new El(0x00080090, "PN", st.referring()));
        e.add(new El(0x00081030, "LO", st.description()));
        e.add(new El(0x0008103E, "LO", se.description()));
        e.add(new El(0x00100010, "PN", p.name()));
        e.add(new El(0x00100020, "LO", p.id()));
        e.add(new El(0x00100030, "DA", da(p.birth())));
        e.add(new El(0x00100040, "CS", p.sex()));
        e.add(new El(0x00180015, "CS", st.bodyPart()));
        e.add(new El(0x0020000D, "UI", st.uid()));
        e.add(new El(0x0020000E, "UI", se.uid()));
        e.add(new El(0x00200010, "SH", st.studyId()));
        e.add(new El(0x00200011, "IS", se.number()));
        e.add(new El(0x00200013, "IS", number));
        e.add(new El(0x00280010, "US", m.rows()));
        e.add(new El(0x00280011, "US", m.cols()));
        return e;
    }

    static void jsonString(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }

    /** PS3.18 F.2 DICOM JSON of the elements (IS and US as numbers, PN as Alphabetic). */
    static String json(List<El> els) {
        StringBuilder sb = new StringBuilder(1400);
        sb.append('{');
        boolean first = true;
        for (El e : els) {
            if (!first) {
                sb.append(',');
            }
            first = false;
            sb.append('"').append(String.format("%08X", e.tag())).append("\":{\"vr\":\"").append(e.vr())
                    .append("\",\"Value\":[");
            switch (e.vr()) {
                case "PN" -> {
                    sb.append("{\"Alphabetic\":");
                    jsonString(sb, (String) e.value());
                    sb.append('}');
                }
                case "IS", "US" -> sb.append(e.value());
                default -> jsonString(sb, (String) e.value());
            }
            sb.append("]}");
        }
        return sb.append('}').toString();
    }

    /** A Part 10 file in Explicit VR Little Endian, without pixel data. */
    static byte[] part10(List<El> els, String sopClass, String sopUid) {
        ByteArrayOutputStream meta = new ByteArrayOutputStream(256);
        element(meta, 0x00020001, "OB", new byte[]{0, 1});
        element(meta, 0x00020002, "UI", uiBytes(sopClass));
        element(meta, 0x00020003, "UI", uiBytes(sopUid));
        element(meta, 0x00020010, "UI", uiBytes(TS_EXPLICIT_LE));
        element(meta, 0x00020012, "UI", uiBytes("2.25.233550398453766012217395963264357962437"));
        element(meta, 0x00020013, "SH", textBytes("IDXLOADER"));
        ByteArrayOutputStream out = new ByteArrayOutputStream(1200);
        out.writeBytes(new byte[128]);
        out.writeBytes("DICM".getBytes(StandardCharsets.US_ASCII));
        element(out, 0x00020000, "UL", le(meta.size(), 4));
        out.writeBytes(meta.toByteArray());
        for (El e : els) {
            byte[] v = switch (e.vr()) {
                case "US" -> le((Integer) e.value(), 2);
                case "UI" -> uiBytes((String) e.value());
                default -> textBytes(String.valueOf(e.value()));
            };
            element(out, e.tag(), e.vr(), v);
        }
        return out.toByteArray();
    }

    static byte[] le(long v, int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (v >>> (8 * i));
        }
        return b;
    }

    static byte[] uiBytes(String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        return b.length % 2 == 0 ? b : java.util.Arrays.copyOf(b, b.length + 1);
    }

    static byte[] textBytes(String s) {
        byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
        if (b.length % 2 == 0) {
            return b;
        }
        byte[] p = java.util.Arrays.copyOf(b, b.length + 1);
        p[b.length] = ' ';
        return p;
    }

    static void element(ByteArrayOutputStream out, int tag, String vr, byte[] v) {
        out.writeBytes(le(tag >>> 16, 2));
        out.writeBytes(le(tag & 0xFFFF, 2));
        out.writeBytes(vr.getBytes(StandardCharsets.US_ASCII));
        if (vr.equals("OB") || vr.equals("OW") || vr.equals("SQ") || vr.equals("UN") || vr.equals("UT")) {
            out.writeBytes(new byte[2]);
            out.writeBytes(le(v.length, 4));
        } else {
            out.writeBytes(le(v.length, 2));
        }
        out.writeBytes(v);
    }

    static String storageKey(String uid) {
        CRC32 crc = new CRC32();
        crc.update(uid.getBytes(StandardCharsets.US_ASCII));
        long h = crc.getValue();
        return String.format("%02x/%02x/%s.dcm", (h >>> 8) & 0xFF, h & 0xFF, uid);
    }

    // ---- COPY plumbing --------------------------------------------------------------------------
    /** Buffers COPY text-format rows and hands them to the server in ~1 MB chunks. */
    static final class CopyWriter implements AutoCloseable {
        private final CopyIn in;
        private final StringBuilder row = new StringBuilder(2048);
        private final ByteArrayOutputStream buf = new ByteArrayOutputStream(1 << 20);
        long rows;

        CopyWriter(Connection c, String table, String columns) throws SQLException {
            CopyManager cm = c.unwrap(PGConnection.class).getCopyAPI();
            in = cm.copyIn("COPY " + table + " (" + columns + ") FROM STDIN");
        }

        CopyWriter col(Object v) {
            if (!row.isEmpty()) {
                row.append('\t');
            }
            if (v == null) {
                row.append("\\N");
                return this;
            }
            String s = v.toString();
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                switch (c) {
                    case '\\' -> row.append("\\\\");
                    case '\t' -> row.append("\\t");
                    case '\n' -> row.append("\\n");
                    case '\r' -> row.append("\\r");
                    default -> row.append(c);
                }
            }
            return this;
        }

        void end() throws SQLException {
            row.append('\n');
            buf.writeBytes(row.toString().getBytes(StandardCharsets.UTF_8));
            row.setLength(0);
            rows++;
            if (buf.size() >= 1 << 20) {
                flush();
            }
        }

        private void flush() throws SQLException {
            in.writeToCopy(buf.toByteArray(), 0, buf.size());
            buf.reset();
        }

        @Override
        public void close() throws SQLException {
            flush();
            in.endCopy();
        }
    }

    static String ts(LocalDate d, int secs) {
        return d + " " + String.format("%02d:%02d:%02d", secs / 3600 % 24, secs / 60 % 60, secs % 60) + "+00";
    }

    interface PatientSink {
        void accept(Patient p) throws Exception;
    }

    void forEach(List<Start> plan, int from, int to, PatientSink sink) throws Exception {
        for (int i = from; i < to; i++) {
            sink.accept(patient(plan.get(i)));
        }
    }

    // ---- main -----------------------------------------------------------------------------------
    public static void main(String[] args) throws Exception {
        boolean truncate = false;
        Path keys = Path.of("bench/work/query-keys.txt");
        Path dicomDir = null;
        int jobs = 2;
        List<String> pos = new ArrayList<>();
        for (String a : args) {
            if (a.equals("--truncate")) {
                truncate = true;
            } else if (a.startsWith("--keys=")) {
                keys = Path.of(a.substring(7));
            } else if (a.startsWith("--dicom-dir=")) {
                dicomDir = Path.of(a.substring(12));
            } else if (a.startsWith("--jobs=")) {
                jobs = Math.max(1, Integer.parseInt(a.substring(7)));
            } else if (a.startsWith("--")) {
                usage("unknown option " + a);
            } else {
                pos.add(a);
            }
        }
        if (pos.size() < 3) {
            usage(null);
        }
        String url = pos.get(0), user = pos.get(1), password = pos.get(2);
        long target = pos.size() > 3 ? Long.parseLong(pos.get(3).replace("_", "")) : 1_000_000;
        long seed = pos.size() > 4 ? Long.parseLong(pos.get(4)) : 42;
        boolean db = !url.equals("none");
        IndexLoader gen = new IndexLoader(seed);
        long t0 = System.nanoTime();

        Connection c = null;
        Start first = new Start(1, 1, 1, 1);
        if (db) {
            c = DriverManager.getConnection(url, user, password);
            try (Statement s = c.createStatement()) {
                s.execute("SET synchronous_commit = off");
                if (truncate) {
                    s.execute("TRUNCATE instance, series, study, patient RESTART IDENTITY CASCADE");
                    System.out.println("index truncated");
                }
                first = new Start(maxPk(s, "patient") + 1, maxPk(s, "study") + 1, maxPk(s, "series") + 1,
                        maxPk(s, "instance") + 1);
            }
            c.setAutoCommit(false);
        }

        // Plan: which patients make up the corpus, and where each one's keys start.
        List<Start> plan = new ArrayList<>();
        long instances = 0, studies = 0, series = 0;
        Start at = first;
        while (instances < target) {
            Patient p = gen.patient(at);
            plan.add(at);
            instances += p.instances();
            studies += p.studies().size();
            for (Study st : p.studies()) {
                series += st.series().size();
            }
            at = next(p);
        }
        Start end = at;
        System.out.printf("corpus: %d patients, %d studies, %d series, %d instances (seed %d, keys from patient %d,"
                + " study %d, series %d, instance %d)%n", plan.size(), studies, series, instances, seed,
                first.patient(), first.study(), first.series(), first.instance());
        writeKeys(gen, plan, keys);

        if (db) {
            try (CopyWriter w = new CopyWriter(c, "patient",
                    "pk, patient_id, issuer, patient_name, patient_name_uc, birth_date, sex")) {
                gen.forEach(plan, 0, plan.size(), p -> {
                    w.col(p.pk()).col(p.id()).col("").col(p.name()).col(p.name().toUpperCase(java.util.Locale.ROOT))
                            .col(p.birth()).col(p.sex()).end();
                });
            }
            try (CopyWriter w = new CopyWriter(c, "study", "pk, study_instance_uid, patient_fk, study_date,"
                    + " study_time, accession_number, study_id, study_description, referring_physician, created_at,"
                    + " last_received_at, stable_published, modalities")) {
                gen.forEach(plan, 0, plan.size(), p -> {
                    for (Study st : p.studies()) {
                        String received = ts(st.date(), st.timeSecs() + 3600);
                        w.col(st.pk()).col(st.uid()).col(p.pk()).col(st.date())
                                .col(String.format("%02d:%02d:%02d", st.timeSecs() / 3600, st.timeSecs() / 60 % 60,
                                        st.timeSecs() % 60))
                                .col(st.accession()).col(st.studyId()).col(st.description()).col(st.referring())
                                .col(received).col(received).col("t")
                                .col("{" + String.join(",", st.series().stream().map(se -> se.modality().code())
                                        .distinct().toList()) + "}").end();
                    }
                });
            }
            try (CopyWriter w = new CopyWriter(c, "series", "pk, series_instance_uid, study_fk, modality,"
                    + " series_number, series_description, body_part_examined, created_at")) {
                gen.forEach(plan, 0, plan.size(), p -> {
                    for (Study st : p.studies()) {
                        for (Series se : st.series()) {
                            w.col(se.pk()).col(se.uid()).col(st.pk()).col(se.modality().code()).col(se.number())
                                    .col(se.description()).col(st.bodyPart()).col(ts(st.date(), st.timeSecs() + 60))
                                    .end();
                        }
                    }
                });
            }
            c.commit();
            System.out.printf("patient, study, series rows loaded in %.1f s%n", (System.nanoTime() - t0) / 1e9);
        }

        // Instances: the bulk, in parallel COPYs over contiguous ranges of patients.
        if (db || dicomDir != null) {
            if (dicomDir != null) {
                Files.createDirectories(dicomDir);
            }
            int n = db ? Math.min(jobs, plan.size()) : 1;
            ExecutorService pool = Executors.newFixedThreadPool(n);
            List<Future<Long>> parts = new ArrayList<>();
            for (int j = 0; j < n; j++) {
                int from = (int) ((long) plan.size() * j / n), to = (int) ((long) plan.size() * (j + 1) / n);
                Path dir = dicomDir;
                parts.add(pool.submit(() -> gen.loadInstances(db ? url : null, user, password, plan, from, to, dir)));
            }
            long loaded = 0;
            for (Future<Long> f : parts) {
                loaded += f.get();
            }
            pool.shutdown();
            System.out.printf("%d instance rows%s in %.1f s%n", loaded, dicomDir != null ? " / files" : "",
                    (System.nanoTime() - t0) / 1e9);
        }

        if (db) {
            try (Statement s = c.createStatement()) {
                for (String t : new String[]{"patient", "study", "series", "instance"}) {
                    s.execute("SELECT setval(pg_get_serial_sequence('" + t + "', 'pk'), (SELECT max(pk) FROM " + t + "))");
                }
            }
            c.commit();
            c.setAutoCommit(true);
            long ta = System.nanoTime();
            try (Statement s = c.createStatement()) {
                // VACUUM too: a running archive's autovacuum keeps the visibility map current, which lets the
                // per-study instance counts use index-only scans; a fresh bulk load has to do it itself.
                s.execute("VACUUM ANALYZE patient, study, series, instance");
            }
            System.out.printf("VACUUM ANALYZE in %.1f s%n", (System.nanoTime() - ta) / 1e9);
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                    "SELECT (SELECT count(*) FROM patient), (SELECT count(*) FROM study), (SELECT count(*) FROM series),"
                            + " (SELECT count(*) FROM instance)")) {
                rs.next();
                System.out.printf("index now holds %d patients, %d studies, %d series, %d instances%n",
                        rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4));
            }
            c.close();
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        System.out.printf("loaded %d instances (%d studies, %d patients) in %.1f s (%.0f instances/s); sample keys in %s%n",
                instances, studies, plan.size(), secs, instances / secs, keys);
        if (end.instance() - first.instance() != instances) {
            throw new IllegalStateException("key accounting is off");
        }
    }

    long loadInstances(String url, String user, String password, List<Start> plan, int from, int to, Path dicomDir)
            throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        HexFormat hex = HexFormat.of();
        Connection c = null;
        CopyWriter w = null;
        if (url != null) {
            c = DriverManager.getConnection(url, user, password);
            try (Statement s = c.createStatement()) {
                s.execute("SET synchronous_commit = off");
            }
            c.setAutoCommit(false);
            w = new CopyWriter(c, "instance", "pk, sop_instance_uid, series_fk, sop_class_uid, instance_number,"
                    + " transfer_syntax_uid, storage_key, size_bytes, checksum_sha256, received_at, source_ae,"
                    + " called_ae, header");
        }
        long count = 0;
        for (int i = from; i < to; i++) {
            Patient p = patient(plan.get(i));
            for (Study st : p.studies()) {
                for (Series se : st.series()) {
                    Modality m = se.modality();
                    String station = m.code() + String.format("%02d", 1 + (int) (st.pk() % 4));
                    for (int k = 0; k < se.instances(); k++) {
                        long pk = se.firstInstancePk() + k;
                        String sop = uid(3, pk);
                        List<El> els = elements(p, st, se, k + 1, sop);
                        if (w != null) {
                            String header = json(els);
                            long size = (long) m.rows() * m.cols() * m.bytesPerPixel() + 1200 + header.length();
                            w.col(pk).col(sop).col(se.pk()).col(m.sopClass()).col(k + 1).col(TS_EXPLICIT_LE)
                                    .col(storageKey(sop)).col(size)
                                    .col(hex.formatHex(sha.digest(sop.getBytes(StandardCharsets.US_ASCII))))
                                    .col(ts(st.date(), st.timeSecs() + 60 * se.number() + k)).col(station).col("PACS")
                                    .col(header).end();
                        }
                        if (dicomDir != null) {
                            Path dir = dicomDir.resolve(String.format("p%07d", p.pk()));
                            Files.createDirectories(dir);
                            Files.write(dir.resolve(String.format("i%09d.dcm", pk)), part10(els, m.sopClass(), sop));
                        }
                        count++;
                    }
                }
            }
        }
        if (w != null) {
            w.close();
            c.commit();
            c.close();
        }
        return count;
    }

    static long maxPk(Statement s, String table) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT coalesce(max(pk), 0) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Up to 250 keys of each kind, spread evenly over the corpus just generated. */
    static void writeKeys(IndexLoader gen, List<Start> plan, Path file) throws IOException {
        int want = 250;
        Map<String, List<String>> keys = new LinkedHashMap<>();
        for (String k : new String[]{"PatientID", "PatientName", "AccessionNumber", "StudyDate"}) {
            keys.put(k, new ArrayList<>());
        }
        int step = Math.max(1, plan.size() / want);
        for (int i = 0; i < plan.size() && keys.get("PatientID").size() < want; i += step) {
            Patient p = gen.patient(plan.get(i));
            keys.get("PatientID").add(p.id());
            String[] pn = p.name().toUpperCase(java.util.Locale.ROOT).split("\\^");
            keys.get("PatientName").add(pn[0] + "^" + pn[1].charAt(0) + "*");
            Study st = p.studies().get((int) (p.pk() % p.studies().size()));
            keys.get("AccessionNumber").add(st.accession());
            LocalDate d = st.date().withDayOfMonth(1);
            keys.get("StudyDate").add(da(d) + "-" + da(d.withDayOfMonth(d.lengthOfMonth())));
        }
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        try (OutputStream os = Files.newOutputStream(file);
             PrintWriter pw = new PrintWriter(new java.io.OutputStreamWriter(os, StandardCharsets.UTF_8))) {
            pw.println("# sample query keys: KIND<TAB>VALUE (written by bench/IndexLoader.java)");
            keys.forEach((k, vs) -> vs.forEach(v -> pw.println(k + "\t" + v)));
        }
    }

    static void usage(String error) {
        if (error != null) {
            System.err.println("IndexLoader: " + error);
        }
        System.err.println("usage: java -cp postgresql.jar bench/IndexLoader.java [--truncate] [--keys=FILE]"
                + " [--dicom-dir=DIR] [--jobs=N] JDBC_URL|none USER PASSWORD [INSTANCES [SEED]]");
        System.exit(2);
    }
}
