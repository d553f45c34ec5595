package dev.cloudpacs.dicom.core.util;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UIDsTest {
    @Test
    void validation() {
        assertTrue(UIDs.isValid("1.2.840.10008.5.1.4.1.1.2"));
        assertTrue(UIDs.isValid("2.25.0"));
        assertFalse(UIDs.isValid(""));
        assertFalse(UIDs.isValid("1.2..3"));
        assertFalse(UIDs.isValid("1.02.3"), "leading zero");
        assertFalse(UIDs.isValid("1.2.3."));
        assertFalse(UIDs.isValid("../../etc/passwd"));
        assertFalse(UIDs.isValid("1.2.3/4"));
        assertFalse(UIDs.isValid("1".repeat(65)));
        assertTrue(UIDs.isValid("1".repeat(64)));
    }

    @Test
    void generatedUidsAreValidAndUnique() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String uid = UIDs.generate();
            assertTrue(UIDs.isValid(uid), uid);
            assertTrue(uid.startsWith("2.25."));
            assertTrue(seen.add(uid));
        }
    }

    @Test
    void dateAndTimeValues() {
        assertEquals(LocalDate.of(2024, 1, 31), DateTimes.parseDate("20240131"));
        assertEquals(LocalDate.of(1999, 12, 1), DateTimes.parseDate("1999.12.01"));
        assertEquals(LocalTime.of(10, 15, 30, 123_000_000), DateTimes.parseTime("101530.123"));
        assertEquals(LocalTime.of(10, 0), DateTimes.parseTime("10"));
        assertEquals(LocalTime.of(23, 59, 59), DateTimes.parseTime("23:59:60"));
        assertEquals(OffsetDateTime.of(2024, 1, 31, 12, 34, 56, 123_456_000, ZoneOffset.ofHours(1)),
                DateTimes.parseDateTime("20240131123456.123456+0100", ZoneOffset.UTC));
        assertEquals(OffsetDateTime.of(2024, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC), DateTimes.parseDateTime("2024", ZoneOffset.UTC));
        assertThrows(DateTimeParseException.class, () -> DateTimes.parseDate("2024-01-31"));
        assertThrows(DateTimeParseException.class, () -> DateTimes.parseTime("1"));
        assertEquals("20240131", DateTimes.formatDate(LocalDate.of(2024, 1, 31)));
        assertEquals("101530.123000", DateTimes.formatTime(LocalTime.of(10, 15, 30, 123_000_000)));
    }
}
