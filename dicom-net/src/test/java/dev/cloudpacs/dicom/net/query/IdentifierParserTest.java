package dev.cloudpacs.dicom.net.query;

import dev.cloudpacs.dicom.core.Tag;
import dev.cloudpacs.dicom.core.VR;
import dev.cloudpacs.dicom.core.data.DataSet;
import dev.cloudpacs.dicom.net.dimse.Status;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Identifiers checked against the information model (PS3.4 C.4.1.2.1, C.6). */
class IdentifierParserTest {
    private final IdentifierParser parser = new IdentifierParser(true);

    private static DataSet id(String level) {
        DataSet ds = new DataSet();
        if (level != null) {
            ds.setString(Tag.QueryRetrieveLevel, VR.CS, level);
        }
        ds.setValue(Tag.PatientName, VR.PN, new byte[0]);
        return ds;
    }

    @Test
    void missingOrForeignLevelDoesNotMatchTheSopClass() {
        QueryException e = assertThrows(QueryException.class, () -> parser.parse(id(null), QueryModel.STUDY_ROOT));
        assertEquals(Status.IDENTIFIER_DOES_NOT_MATCH_SOP_CLASS, e.status());
        e = assertThrows(QueryException.class, () -> parser.parse(id("PATIENT"), QueryModel.STUDY_ROOT));
        assertEquals(Status.IDENTIFIER_DOES_NOT_MATCH_SOP_CLASS, e.status());
        e = assertThrows(QueryException.class, () -> parser.parse(id("SERIES"), QueryModel.PATIENT_STUDY_ONLY));
        assertEquals(Status.IDENTIFIER_DOES_NOT_MATCH_SOP_CLASS, e.status());
        e = assertThrows(QueryException.class, () -> parser.parse(id("FRAME"), QueryModel.PATIENT_ROOT));
        assertTrue(e.getMessage().contains("FRAME"), e.getMessage());
    }

    @Test
    void hierarchicalQueriesNeedTheUniqueKeysAbove() throws QueryException {
        DataSet series = id("SERIES");
        QueryException e = assertThrows(QueryException.class, () -> parser.parse(series, QueryModel.STUDY_ROOT));
        assertEquals(Status.IDENTIFIER_DOES_NOT_MATCH_SOP_CLASS, e.status());
        assertTrue(e.getMessage().contains("StudyInstanceUID"), e.getMessage());
        series.setString(Tag.StudyInstanceUID, VR.UI, "1.2.3");
        assertNotNull(parser.parse(series, QueryModel.STUDY_ROOT));
        // Patient Root needs the Patient ID too; a wildcard is not a single value.
        series.setString(Tag.PatientID, VR.LO, "P*");
        assertThrows(QueryException.class, () -> parser.parse(series, QueryModel.PATIENT_ROOT));
        series.setString(Tag.PatientID, VR.LO, "P1");
        assertEquals(QueryLevel.SERIES, parser.parse(series, QueryModel.PATIENT_ROOT).level());
        // Relational queries (QIDO-RS) do without.
        assertNotNull(new IdentifierParser(false).relational(true).parse(id("IMAGE"), QueryModel.STUDY_ROOT));
    }

    @Test
    void everyKeyButLevelAndCharacterSetIsAReturnKey() throws QueryException {
        DataSet ds = id("STUDY");
        ds.setString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 100");
        ds.setString(Tag.StudyDate, VR.DA, "20240101-");
        ds.newSequence(Tag.ProcedureCodeSequence, 1).addItem().setString(Tag.CodeValue, VR.SH, "CT123");
        Query q = parser.parse(ds, QueryModel.STUDY_ROOT);
        assertEquals(3, q.keys().size());
        assertEquals(new Match.Range("20240101", null), q.key(Tag.StudyDate).match());
        assertTrue(q.key(Tag.ProcedureCodeSequence).match() instanceof Match.Items);
        assertEquals("ISO_IR 100", q.charset().values()[0]);
    }

    @Test
    void badValuesAreUnableToProcess() {
        DataSet ds = id("STUDY");
        ds.setString(Tag.StudyDate, VR.DA, "yesterday");
        QueryException e = assertThrows(QueryException.class, () -> parser.parse(ds, QueryModel.STUDY_ROOT));
        assertEquals(Status.UNABLE_TO_PROCESS, e.status());
    }
}
