package dev.cloudpacs.dicom.tools.interop;

import dev.cloudpacs.dicom.core.Tag;
import dev.cloudpacs.dicom.core.data.DataSet;
import dev.cloudpacs.dicom.core.dict.ElementDictionary;
import dev.cloudpacs.dicom.core.io.DicomReader;
import dev.cloudpacs.dicom.core.json.DicomJsonReader;
import dev.cloudpacs.dicom.net.assoc.DicomServer;
import dev.cloudpacs.dicom.tools.ToolRunner;
import dev.cloudpacs.dicom.tools.bench.CtGenerator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Our find_scu, move_scu and get_scu against DCMTK's dcmqrscp loaded with three studies (one series
 * of four CT images each, one patient): C-FIND at every level in both information models agrees with
 * the originals and with DCMTK's findscu; C-MOVE to our store_scp and C-GET deliver every instance
 * with the same content as the originals; a C-CANCEL during a C-MOVE ends it without hanging.
 */
@Timeout(60)
class QueryRetrieveInteropTest {
    static final int STUDIES = 3;
    static final int PER_STUDY = 4;
    static final String PATIENT_ID = "PID10000";

    @TempDir
    static Path tmp;
    static List<Path> files;
    /** Study UID -> series UID -> SOP instance UIDs, from the originals. */
    static Map<String, Map<String, Set<String>>> tree = new TreeMap<>();
    static DcmtkNet.Server dcmqrscp;
    static final Map<String, DicomServer> destinations = new LinkedHashMap<>();

    @BeforeAll
    static void start() throws Exception {
        if (!DcmtkNet.available()) {
            return; // every test is skipped, visibly, by requireDcmtk()
        }
        Path src = tmp.resolve("files");
        CtGenerator.generate(src, STUDIES * PER_STUDY, 64, 64, PER_STUDY, 5);
        files = InteropFiles.list(src);
        for (Path f : files) {
            DataSet ds = DicomReader.read(f).dataSet();
            tree.computeIfAbsent(ds.getString(Tag.StudyInstanceUID), k -> new TreeMap<>())
                    .computeIfAbsent(ds.getString(Tag.SeriesInstanceUID), k -> new TreeSet<>())
                    .add(ds.getString(Tag.SOPInstanceUID));
        }
        assertEquals(STUDIES, tree.size());

        Map<String, Integer> hostTable = new LinkedHashMap<>();
        for (String ae : List.of("MOVEALL", "MOVESTUDY", "MOVECANCEL")) {
            DicomServer s = OurStoreScp.start(ae, 0, tmp.resolve("dest-" + ae));
            destinations.put(ae, s);
            hostTable.put(ae, s.port());
        }
        dcmqrscp = Dcmqrscp.start(Files.createDirectories(tmp.resolve("qr")), "QRSCP", DcmtkNet.freePort(), hostTable);
        List<String> cmd = new ArrayList<>(List.of("storescu", "-aec", "QRSCP", DcmtkNet.HOST,
                Integer.toString(dcmqrscp.port)));
        files.forEach(f -> cmd.add(f.toString()));
        DcmtkNet.Result r = DcmtkNet.run(tmp, cmd.toArray(String[]::new));
        assertEquals(0, r.status(), "loading dcmqrscp: " + r.all() + "\n" + dcmqrscp.log());
    }

    @BeforeEach
    void requireDcmtk() {
        DcmtkNet.assumeAvailable();
    }

    @AfterAll
    static void stop() {
        destinations.values().forEach(s -> s.shutdown(1000));
        if (dcmqrscp != null) {
            dcmqrscp.close();
        }
    }

    // ---- C-FIND --------------------------------------------------------------------------------

    /** Values of {@code returnKey} in our find_scu's matches (JSON output). */
    private static Set<String> ourFind(String returnKey, String... args) throws Exception {
        List<String> a = new ArrayList<>(List.of("find_scu", "--json", "-aec", "QRSCP"));
        a.addAll(List.of(args));
        if (!a.contains(returnKey) && a.stream().noneMatch(k -> k.startsWith(returnKey + "="))) {
            a.addAll(List.of("-k", returnKey));
        }
        a.addAll(List.of(DcmtkNet.HOST, Integer.toString(dcmqrscp.port)));
        ToolRunner r = ToolRunner.run(a.toArray(String[]::new));
        assertEquals(0, r.status(), r.err());
        assertTrue(r.err().contains("final status 0000"), r.err());
        List<DataSet> matches = new DicomJsonReader().read(r.out()).dataSets();
        return values(matches, returnKey);
    }

    /** The same query with DCMTK's findscu, its responses extracted to files. */
    private static Set<String> dcmtkFind(String model, String level, String returnKey, String... keys) throws Exception {
        Path out = Files.createTempDirectory(tmp, "findscu-");
        List<String> a = new ArrayList<>(List.of("findscu", model, "-aec", "QRSCP", "-X", "-od", out.toString(),
                "-k", "QueryRetrieveLevel=" + level, "-k", returnKey));
        for (String k : keys) {
            a.add("-k");
            a.add(k);
        }
        a.addAll(List.of(DcmtkNet.HOST, Integer.toString(dcmqrscp.port)));
        DcmtkNet.Result r = DcmtkNet.run(tmp, a.toArray(String[]::new));
        assertEquals(0, r.status(), r.all());
        List<DataSet> matches = new ArrayList<>();
        try (Stream<Path> s = Files.list(out)) {
            for (Path p : s.filter(p -> p.getFileName().toString().startsWith("rsp")).toList()) {
                matches.add(DicomReader.read(p).dataSet());
            }
        }
        return values(matches, returnKey);
    }

    private static Set<String> values(List<DataSet> matches, String keyword) {
        int tag = ElementDictionary.tagOf(keyword);
        Set<String> out = new TreeSet<>();
        for (DataSet m : matches) {
            out.add(m.getString(tag));
        }
        assertEquals(matches.size(), out.size(), "one match per " + keyword + ": " + out);
        return out;
    }

    private static void assertFind(Set<String> expected, String model, String level, String returnKey, String... keys)
            throws Exception {
        List<String> ours = new ArrayList<>(List.of(model, "-L", level));
        for (String k : keys) {
            ours.add("-k");
            ours.add(k);
        }
        Set<String> found = ourFind(returnKey, ours.toArray(String[]::new));
        assertEquals(expected, found, "find_scu " + model + " " + level + " " + returnKey);
        assertEquals(found, dcmtkFind(model, level, returnKey, keys), "findscu agrees");
    }

    @Test
    void findStudiesSeriesAndImagesWithStudyRoot() throws Exception {
        assertFind(tree.keySet(), "-S", "STUDY", "StudyInstanceUID", "PatientID");
        for (var study : tree.entrySet()) {
            assertFind(study.getValue().keySet(), "-S", "SERIES", "SeriesInstanceUID",
                    "StudyInstanceUID=" + study.getKey());
            for (var series : study.getValue().entrySet()) {
                assertFind(series.getValue(), "-S", "IMAGE", "SOPInstanceUID", "StudyInstanceUID=" + study.getKey(),
                        "SeriesInstanceUID=" + series.getKey());
            }
        }
    }

    @Test
    void findPatientsStudiesAndImagesWithPatientRoot() throws Exception {
        assertFind(Set.of(PATIENT_ID), "-P", "PATIENT", "PatientID", "PatientName");
        assertFind(tree.keySet(), "-P", "STUDY", "StudyInstanceUID", "PatientID=" + PATIENT_ID);
        var study = tree.entrySet().iterator().next();
        var series = study.getValue().entrySet().iterator().next();
        assertFind(series.getValue(), "-P", "IMAGE", "SOPInstanceUID", "PatientID=" + PATIENT_ID,
                "StudyInstanceUID=" + study.getKey(), "SeriesInstanceUID=" + series.getKey());
    }

    @Test
    void findWithAMatchingKeyNarrowsTheResult() throws Exception {
        String study = tree.keySet().iterator().next();
        assertFind(Set.of(study), "-S", "STUDY", "StudyInstanceUID", "StudyInstanceUID=" + study);
        assertFind(Set.of(), "-S", "STUDY", "StudyInstanceUID", "PatientID=NOBODY");
    }

    // ---- C-MOVE and C-GET ----------------------------------------------------------------------

    private static List<Path> originalsOf(String studyUid) throws Exception {
        Set<String> uids = tree.get(studyUid).values().stream().flatMap(Set::stream).collect(Collectors.toSet());
        List<Path> out = new ArrayList<>();
        for (Path f : files) {
            if (uids.contains(DicomReader.read(f).sopInstanceUid())) {
                out.add(f);
            }
        }
        return out;
    }

    @Test
    void moveEveryInstanceOfThePatientToOurStoreScp() throws Exception {
        ToolRunner r = ToolRunner.run("move_scu", "-aec", "QRSCP", "-aem", "MOVEALL", "-P", "-L", "PATIENT",
                "-k", "PatientID=" + PATIENT_ID, DcmtkNet.HOST, Integer.toString(dcmqrscp.port));
        assertEquals(0, r.status(), r.out() + r.err() + "\n" + dcmqrscp.log());
        assertTrue(r.out().contains("move_scu: completed " + files.size() + ", failed 0, warning 0; final status 0000"),
                r.out());
        InteropFiles.assertSameContent(files, tmp.resolve("dest-MOVEALL"));
    }

    @Test
    void moveOneStudyWithStudyRoot() throws Exception {
        String study = tree.keySet().iterator().next();
        ToolRunner r = ToolRunner.run("move_scu", "-aec", "QRSCP", "-aem", "MOVESTUDY", "-S", "-L", "STUDY",
                "-k", "StudyInstanceUID=" + study, DcmtkNet.HOST, Integer.toString(dcmqrscp.port));
        assertEquals(0, r.status(), r.out() + r.err());
        assertTrue(r.out().contains("completed " + PER_STUDY + ", failed 0"), r.out());
        InteropFiles.assertSameContent(originalsOf(study), tmp.resolve("dest-MOVESTUDY"));
    }

    @Test
    void getEveryInstanceOfThePatient() throws Exception {
        Path out = tmp.resolve("get-all");
        ToolRunner r = ToolRunner.run("get_scu", "-aec", "QRSCP", "-od", out.toString(), "-P", "-L", "PATIENT",
                "-k", "PatientID=" + PATIENT_ID, DcmtkNet.HOST, Integer.toString(dcmqrscp.port));
        assertEquals(0, r.status(), r.out() + r.err() + "\n" + dcmqrscp.log());
        assertTrue(r.out().contains("get_scu: completed " + files.size() + ", failed 0, warning 0; final status 0000"),
                r.out());
        InteropFiles.assertSameContent(files, out);
    }

    @Test
    void cancelDuringMoveEndsWithoutHanging() throws Exception {
        long t0 = System.nanoTime();
        ToolRunner r = ToolRunner.run("move_scu", "-aec", "QRSCP", "-aem", "MOVECANCEL", "--cancel-after", "1",
                "-P", "-L", "PATIENT", "-k", "PatientID=" + PATIENT_ID, DcmtkNet.HOST, Integer.toString(dcmqrscp.port));
        long millis = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(0, r.status(), r.out() + r.err());
        // dcmqrscp may stop at once (Cancel, FE00) or finish the sub-operations it already started.
        assertTrue(r.out().contains("final status FE00") || r.out().contains("final status 0000"), r.out());
        assertTrue(millis < 30_000, "took " + millis + " ms");
        Path dest = tmp.resolve("dest-MOVECANCEL");
        List<Path> got = InteropFiles.list(dest).stream().filter(p -> p.getFileName().toString().endsWith(".dcm")).toList();
        assertTrue(!got.isEmpty() && got.size() <= files.size(), got.toString());
        for (Path p : got) {
            assertTrue(tree.values().stream().flatMap(m -> m.values().stream())
                    .anyMatch(s -> s.contains(p.getFileName().toString().replace(".dcm", ""))), p + " is ours");
        }
        System.out.println("C-CANCEL after 1: " + r.out().lines().filter(l -> l.startsWith("move_scu:")).findFirst()
                .orElse("?") + "; " + got.size() + " of " + files.size() + " received in " + millis + " ms");
    }
}
