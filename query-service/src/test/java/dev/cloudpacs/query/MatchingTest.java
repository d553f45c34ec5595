package dev.cloudpacs.query;

import dev.cloudpacs.dicom.core.Tag;
import dev.cloudpacs.dicom.core.VR;
import dev.cloudpacs.dicom.core.data.DataSet;
import dev.cloudpacs.dicom.net.dimse.Status;
import dev.cloudpacs.dicom.net.service.QueryRetrieveScu;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Matching semantics (PS3.4 C.2.2.2) table-driven over a known corpus stored through the front door:
 * every study-level case gives the same studies over C-FIND (front door to query-service) and
 * QIDO-RS, and the expected ones.
 */
@QuarkusTest
@QuarkusTestResource(FrontDoorResource.class)
class MatchingTest {
    private Corpus corpus;

    @BeforeEach
    void storeCorpusOnce() throws Exception {
        corpus = Corpus.stored();
    }

    /** keys as "Keyword=value" pairs, then the accession numbers expected. */
    private static final Object[][] STUDY_CASES = {
            {"PatientID=P001", "A1 A2"},
            {"PatientName=SMITH*", "A1 A2 A3"},           // case-insensitive names: Smithson too
            {"PatientName=smith^john", "A1 A2"},
            {"PatientName=*SON^*", "A3"},
            {"PatientName=D?E^JANE", "A5"},
            {"PatientName=Müller*", "A4"},
            {"StudyDate=20240101-20240131", "A1 A4"},
            {"StudyDate=-20231231", "A3"},
            {"StudyDate=20240201-", "A2 A5"},
            {"StudyDate=20240115", "A1"},
            {"StudyTime=0800-1000", "A2 A5"},
            {"StudyDate=20240131|StudyTime=1800-", "A4"},
            {"ModalitiesInStudy=CT", "A1 A4"},
            {"ModalitiesInStudy=SR", "A1"},
            {"ModalitiesInStudy=MR\\US", "A2 A5"},
            {"AccessionNumber=A3", "A3"},
            {"AccessionNumber=A*", "A1 A2 A3 A4 A5"},
            {"StudyDescription=CT*", "A1 A4"},
            {"StudyDescription=ct*", ""},                // only names ignore case
            {"PatientSex=F|PatientBirthDate=19800101-", "A3 A5"},
            {"ProcedureCodeSequence.CodeValue=CT123", "A4"},
            {"InstitutionName=General*", "A5"},
            {"ReferringPhysicianName=house^*", "A1 A2 A3 A4 A5"},
            {"PatientID=NOBODY", ""},
    };

    @Test
    void studyLevelCasesOverCFindAndQido() throws Exception {
        StringBuilder failures = new StringBuilder();
        for (Object[] c : STUDY_CASES) {
            Map<String, String> keys = keys((String) c[0]);
            Set<String> expected = words((String) c[1]);
            Map<String, String> ask = new LinkedHashMap<>(keys);
            ask.putIfAbsent("AccessionNumber", "");
            ArchiveClient.FindResult f = ArchiveClient.find(QueryRetrieveScu.STUDY_ROOT_FIND,
                    ArchiveClient.identifier("STUDY", ask));
            Set<String> viaFind = accessions(f.matches());
            if (f.status() != Status.SUCCESS || !viaFind.equals(expected)) {
                failures.append(String.format("C-FIND %s: status %04X %s, got %s, expected %s%n", c[0], f.status(),
                        f.comment(), viaFind, expected));
            }
            Map<String, String> params = new LinkedHashMap<>(keys);
            params.put("includefield", "AccessionNumber");
            ArchiveClient.QidoResult q = ArchiveClient.qido("studies", params);
            Set<String> viaQido = accessions(q.matches());
            if (q.status() != 200 || !viaQido.equals(expected)) {
                failures.append(String.format("QIDO-RS %s: HTTP %d %s, got %s, expected %s%n", c[0], q.status(),
                        q.warning(), viaQido, expected));
            }
        }
        assertEquals("", failures.toString());
    }

    @Test
    void qidoCombinesDateAndTimeRanges() throws Exception {
        // From 15 January 10:00 to 20 February 09:00: A4 (31 Jan 18:00) and A5 (1 Feb 08:00) lie inside
        // although their times alone are outside 10:00-09:00; A2 (20 Feb 09:30) is after the end.
        var q = ArchiveClient.qido("studies", Map.of("StudyDate", "20240115-20240220", "StudyTime", "1000-0900",
                "includefield", "AccessionNumber"));
        assertEquals(200, q.status(), q.body());
        assertEquals(Set.of("A1", "A4", "A5"), accessions(q.matches()));
    }

    @Test
    void extendedNegotiationAllowsRelationalQueriesAndCombinedDateTime() throws Exception {
        byte[] both = {1, 1, 1, 0};
        // Relational: a series query without the study's UID, refused (A900) without the negotiation.
        var series = ArchiveClient.find(FrontDoorResource.dimsePort, "PACS", QueryRetrieveScu.STUDY_ROOT_FIND,
                ArchiveClient.identifier("SERIES", Map.of("Modality", "US", "SeriesInstanceUID", "")), both);
        assertArrayEquals(new byte[]{1, 1, 0, 0}, series.acceptedExtended(), "relational and date-time; no fuzzy");
        assertEquals(Status.SUCCESS, series.status(), series.comment());
        assertEquals(Set.of(corpus.series.get("A5-US"), corpus.series.get("A5-US2")),
                new java.util.TreeSet<>(series.matches().stream().map(m -> m.getString(Tag.SeriesInstanceUID)).toList()));
        // Combined date-time: from 15 January 10:00 to 20 February 09:00, as over QIDO-RS.
        Map<String, String> range = Map.of("StudyDate", "20240115-20240220", "StudyTime", "1000-0900",
                "AccessionNumber", "");
        var combined = ArchiveClient.find(FrontDoorResource.dimsePort, "PACS", QueryRetrieveScu.STUDY_ROOT_FIND,
                ArchiveClient.identifier("STUDY", range), both);
        assertEquals(Set.of("A1", "A4", "A5"), accessions(combined.matches()));
        // Without the negotiation, date and time match each on their own: no time lies in 10:00-09:00.
        var separate = ArchiveClient.find(QueryRetrieveScu.STUDY_ROOT_FIND, ArchiveClient.identifier("STUDY", range));
        assertEquals(Set.of(), accessions(separate.matches()));
    }

    @Test
    void studyUidListMatching() throws Exception {
        String list = corpus.study.get("A1") + "\\" + corpus.study.get("A3");
        var f = ArchiveClient.find(QueryRetrieveScu.STUDY_ROOT_FIND,
                ArchiveClient.identifier("STUDY", Map.of("StudyInstanceUID", list, "AccessionNumber", "")));
        assertEquals(Set.of("A1", "A3"), accessions(f.matches()));
    }

    @Test
    void returnKeysAreExactlyThoseAskedForWithDerivedCounts() throws Exception {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("AccessionNumber", "A1");
        for (String k : List.of("PatientName", "StudyDate", "StudyTime", "NumberOfStudyRelatedSeries",
                "NumberOfStudyRelatedInstances", "ModalitiesInStudy", "SOPClassesInStudy", "RetrieveAETitle",
                "InstanceAvailability", "ImageComments")) {
            keys.put(k, "");
        }
        var f = ArchiveClient.find(QueryRetrieveScu.STUDY_ROOT_FIND, ArchiveClient.identifier("STUDY", keys));
        assertEquals(Status.SUCCESS, f.status());
        assertEquals(1, f.matches().size());
        DataSet m = f.matches().get(0);
        assertEquals("SMITH^JOHN", m.getString(Tag.PatientName));
        assertEquals("20240115", m.getString(Tag.StudyDate));
        assertEquals("101500", m.getString(Tag.StudyTime));
        assertEquals("2", m.getString(Tag.NumberOfStudyRelatedSeries));
        assertEquals("3", m.getString(Tag.NumberOfStudyRelatedInstances));
        assertArrayEquals(new String[]{"CT", "SR"}, m.getStrings(Tag.ModalitiesInStudy));
        assertEquals(2, m.getStrings(Tag.SOPClassesInStudy).length);
        assertEquals("PACS", m.getString(Tag.RetrieveAETitle));
        assertEquals("ONLINE", m.getString(Tag.InstanceAvailability));
        assertEquals("STUDY", m.getString(Tag.QueryRetrieveLevel));
        // Not asked for, not returned; asked for, returned even when the study's first instance has it.
        assertNull(m.getValue(Tag.PatientID));
        assertNull(m.getValue(Tag.StudyInstanceUID));
        assertTrue(m.contains(Tag.ImageComments));
        int expectedKeys = keys.size() + 1; // plus the Query/Retrieve Level; all ASCII: no character set
        assertEquals(expectedKeys, m.size(), m.toString());
    }

    @Test
    void seriesAndImageLevelsNeedTheirParentsAndMatchWithin() throws Exception {
        String a1 = corpus.study.get("A1");
        var series = ArchiveClient.find(QueryRetrieveScu.STUDY_ROOT_FIND, ArchiveClient.identifier("SERIES",
                Map.of("StudyInstanceUID", a1, "SeriesInstanceUID", "", "Modality", "", "NumberOfSeriesRelatedInstances", "")));
        assertEquals(Status.SUCCESS, series.status());
        Map<String, String> counts = new LinkedHashMap<>();
        for (DataSet m : series.matches()) {
            counts.put(m.getString(Tag.Modality), m.getString(Tag.NumberOfSeriesRelatedInstances));
        }
        assertEquals(Map.of("CT", "2", "SR", "1"), counts);

        var images = ArchiveClient.find(QueryRetrieveScu.STUDY_ROOT_FIND, ArchiveClient.identifier("IMAGE",
                Map.of("StudyInstanceUID", a1, "SeriesInstanceUID", corpus.series.get("A1-CT"), "SOPInstanceUID", "",
                        "ImageComments", "*contrast*")));
        assertEquals(Status.SUCCESS, images.status());
        assertEquals(List.of(corpus.instance.get("A1-CT-1")),
                images.matches().stream().map(m -> m.getString(Tag.SOPInstanceUID)).toList());

        // Patient Root: the patient's studies need the Patient ID (hierarchical), else A900.
        var bad = ArchiveClient.find(QueryRetrieveScu.PATIENT_ROOT_FIND, ArchiveClient.identifier("STUDY",
                Map.of("AccessionNumber", "")));
        assertEquals(Status.IDENTIFIER_DOES_NOT_MATCH_SOP_CLASS, bad.status());
        assertTrue(bad.comment().contains("PatientID"), bad.comment());
        var ok = ArchiveClient.find(QueryRetrieveScu.PATIENT_ROOT_FIND, ArchiveClient.identifier("STUDY",
                Map.of("PatientID", "P001", "AccessionNumber", "")));
        assertEquals(Set.of("A1", "A2"), accessions(ok.matches()));
    }

    @Test
    void patientLevel() throws Exception {
        var f = ArchiveClient.find(QueryRetrieveScu.PATIENT_ROOT_FIND, ArchiveClient.identifier("PATIENT",
                Map.of("PatientName", "*SMITH*", "PatientID", "", "NumberOfPatientRelatedStudies", "")));
        Map<String, String> studies = new LinkedHashMap<>();
        for (DataSet m : f.matches()) {
            studies.put(m.getString(Tag.PatientID), m.getString(Tag.NumberOfPatientRelatedStudies));
        }
        assertEquals(Map.of("P001", "2", "P002", "1"), studies);
    }

    @Test
    void characterSets() throws Exception {
        // Asked in Latin-1: answered in Latin-1.
        DataSet id = new DataSet();
        id.setString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 100");
        id.setString(Tag.QueryRetrieveLevel, VR.CS, "STUDY");
        id.setString(Tag.PatientName, VR.PN, "MÜLLER*");
        var f = ArchiveClient.find(QueryRetrieveScu.STUDY_ROOT_FIND, id);
        assertEquals(1, f.matches().size());
        DataSet m = f.matches().get(0);
        assertEquals("ISO_IR 100", m.getString(Tag.SpecificCharacterSet));
        assertEquals("Müller^Jürgen", m.getString(Tag.PatientName));
        // Asked without a character set: the answer says which one it uses for the non-ASCII name.
        var g = ArchiveClient.find(QueryRetrieveScu.STUDY_ROOT_FIND,
                ArchiveClient.identifier("STUDY", Map.of("AccessionNumber", "A4", "PatientName", "")));
        assertEquals("ISO_IR 192", g.matches().get(0).getString(Tag.SpecificCharacterSet));
        assertEquals("Müller^Jürgen", g.matches().get(0).getString(Tag.PatientName));
    }

    @Test
    void badIdentifiersGetTheStandardStatusWithAComment() throws Exception {
        DataSet noLevel = new DataSet();
        noLevel.setString(Tag.PatientName, VR.PN, "X");
        var f = ArchiveClient.find(QueryRetrieveScu.STUDY_ROOT_FIND, noLevel);
        assertEquals(Status.IDENTIFIER_DOES_NOT_MATCH_SOP_CLASS, f.status());
        assertNotNull(f.comment());
        var g = ArchiveClient.find(QueryRetrieveScu.STUDY_ROOT_FIND,
                ArchiveClient.identifier("STUDY", Map.of("StudyDate", "2024-01-01")));
        assertEquals(Status.UNABLE_TO_PROCESS, g.status());
        assertTrue(g.comment().contains("StudyDate"), g.comment());
    }

    private static Map<String, String> keys(String spec) {
        Map<String, String> keys = new LinkedHashMap<>();
        for (String kv : spec.split("\\|")) {
            int eq = kv.indexOf('=');
            keys.put(kv.substring(0, eq), kv.substring(eq + 1));
        }
        return keys;
    }

    static Set<String> words(String s) {
        return s.isBlank() ? Set.of() : new TreeSet<>(Arrays.asList(s.trim().split("\\s+")));
    }

    static Set<String> accessions(List<DataSet> matches) {
        Set<String> out = new TreeSet<>();
        for (DataSet m : matches) {
            out.add(m.getString(Tag.AccessionNumber));
        }
        return out;
    }
}
