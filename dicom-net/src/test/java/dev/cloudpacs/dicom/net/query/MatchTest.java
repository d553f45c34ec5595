package dev.cloudpacs.dicom.net.query;

import dev.cloudpacs.dicom.core.Tag;
import dev.cloudpacs.dicom.core.VR;
import dev.cloudpacs.dicom.net.dimse.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The matching types of PS3.4 C.2.2.2, parsed from key values and evaluated on stored values. */
class MatchTest {
    @Test
    void parsesEachMatchingType() throws QueryException {
        assertInstanceOf(Match.Universal.class, Match.parse(Tag.PatientName, VR.PN, ""));
        assertInstanceOf(Match.Universal.class, Match.parse(Tag.PatientName, VR.PN, "*"));
        assertEquals(new Match.Single("DOE^JOHN"), Match.parse(Tag.PatientName, VR.PN, "DOE^JOHN"));
        assertEquals(new Match.Wildcard("DO?^*"), Match.parse(Tag.PatientName, VR.PN, "DO?^*"));
        assertEquals(new Match.Range("20240101", null), Match.parse(Tag.StudyDate, VR.DA, "20240101-"));
        assertEquals(new Match.Range(null, "20240131"), Match.parse(Tag.StudyDate, VR.DA, "-20240131"));
        assertEquals(new Match.Range("20240101", "20240131"), Match.parse(Tag.StudyDate, VR.DA, "20240101-20240131"));
        assertEquals(new Match.AnyOf(List.of(new Match.Single("1.2.3"), new Match.Single("1.2.4"))),
                Match.parse(Tag.StudyInstanceUID, VR.UI, "1.2.3\\1.2.4"));
        // A UID is never a wildcard pattern: '*' in it is a literal that matches nothing.
        assertEquals(new Match.Single("1.2.*"), Match.parse(Tag.StudyInstanceUID, VR.UI, "1.2.*"));
    }

    @Test
    void dateTimeRangeKeepsTheTimezoneOffsetOfItsBounds() throws QueryException {
        assertEquals(new Match.Range("20240101120000-0500", "20240102"),
                Match.parse(Tag.AcquisitionDateTime, VR.DT, "20240101120000-0500-20240102"));
    }

    @Test
    void malformedRangesAndDatesAreRefusedWithUnableToProcess() {
        QueryException e = assertThrows(QueryException.class, () -> Match.parse(Tag.StudyDate, VR.DA, "2024-13-01"));
        assertEquals(Status.UNABLE_TO_PROCESS, e.status());
        assertTrue(e.getMessage().contains("StudyDate"), e.getMessage());
        assertThrows(QueryException.class, () -> Match.parse(Tag.StudyDate, VR.DA, "-"));
        assertThrows(QueryException.class, () -> Match.parse(Tag.StudyTime, VR.TM, "25x-"));
    }

    @ParameterizedTest
    @CsvSource({
            "SMITH*, SMITH^JOHN, true",
            "SMITH*, SMITHSON, true",
            "SMITH*, SMYTH, false",
            "*^JOHN, DOE^JOHN, true",
            "D?E^*, DOE^JANE, true",
            "D?E^*, DE^JANE, false",
            "*, '', true",
            "**A*, BANANA, true",
            "A*A, ABBA, true",
            "A*A, ABBAB, false",
    })
    void wildcards(String pattern, String value, boolean expected) {
        assertEquals(expected, Match.wildcard(pattern, value));
    }

    @ParameterizedTest
    @CsvSource({
            "20240101-20240131, 20240131, true",
            "20240101-20240131, 20240201, false",
            "-20240131, 19991231, true",
            "20240101-, 20231231, false",
            "1000-1800, 101530, true",
            "1000-1800, 180059, true",
            "1000-1800, 180100, false",
            "1000-1800, 095959.999, false",
    })
    void ranges(String key, String stored, boolean expected) throws QueryException {
        VR vr = key.length() > 12 || key.startsWith("-2") || key.startsWith("2") ? VR.DA : VR.TM;
        Match m = Match.parse(vr == VR.DA ? Tag.StudyDate : Tag.StudyTime, vr, key);
        assertEquals(expected, m.matches(new String[]{stored}, vr, false), key + " vs " + stored);
    }

    @Test
    void personNamesMatchIgnoringCaseOnlyWhenAsked() throws QueryException {
        Match m = Match.parse(Tag.PatientName, VR.PN, "smith*");
        assertTrue(m.matches(new String[]{"SMITH^JOHN"}, VR.PN, true));
        assertFalse(m.matches(new String[]{"SMITH^JOHN"}, VR.PN, false));
        // Case folding is for names only: a code string keeps its case.
        assertFalse(Match.parse(Tag.Modality, VR.CS, "ct").matches(new String[]{"CT"}, VR.CS, true));
    }

    @Test
    void anEmptyStoredValueMatchesOnlyUniversalKeys() throws QueryException {
        assertFalse(Match.parse(Tag.StudyDescription, VR.LO, "A*").matches(null, VR.LO, false));
        assertTrue(Match.parse(Tag.StudyDescription, VR.LO, "").matches(null, VR.LO, false));
    }
}
