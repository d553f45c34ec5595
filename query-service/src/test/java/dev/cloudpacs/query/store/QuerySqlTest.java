package dev.cloudpacs.query.store;

import dev.cloudpacs.dicom.core.Tag;
import dev.cloudpacs.dicom.core.VR;
import dev.cloudpacs.dicom.core.data.DataSet;
import dev.cloudpacs.dicom.net.query.IdentifierParser;
import dev.cloudpacs.dicom.net.query.Query;
import dev.cloudpacs.dicom.net.query.QueryException;
import dev.cloudpacs.dicom.net.query.QueryModel;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How a C-FIND/QIDO query becomes SQL, without a database: what is a parameter, what is left to the header. */
class QuerySqlTest {
    private static Query study(DataSet keys) throws QueryException {
        keys.setString(Tag.QueryRetrieveLevel, VR.CS, "STUDY");
        return new IdentifierParser(false).parse(keys, QueryModel.STUDY_ROOT);
    }

    @Test
    void valuesAreParametersNeverPartOfTheStatement() throws QueryException {
        DataSet keys = new DataSet();
        keys.setString(Tag.PatientID, VR.LO, "O'Brien; DROP TABLE study");
        QuerySql q = QuerySql.of(study(keys), 0, 0);
        assertFalse(q.sql.contains("O'Brien"), q.sql);
        assertTrue(q.params.contains("O'Brien; DROP TABLE study"), q.params::toString);
    }

    @Test
    void wildcardsBecomeAnEscapedLike() throws QueryException {
        DataSet keys = new DataSet();
        keys.setString(Tag.PatientID, VR.LO, "100%*");
        QuerySql q = QuerySql.of(study(keys), 0, 0);
        assertTrue(q.sql.contains("LIKE ? ESCAPE"), q.sql);
        assertTrue(q.params.contains("100\\%%"), q.params::toString);
    }

    @Test
    void likePatternsEscapeSqlSpecials() {
        assertEquals("100\\%\\_%_", QuerySql.like("100%_*?"));
        assertEquals("a\\\\b", QuerySql.like("a\\b"));
    }

    @Test
    void aKeyWithoutAnIndexColumnIsMatchedOnTheHeaderAndKeepsTheWindowOutOfTheSql() throws QueryException {
        DataSet keys = new DataSet();
        keys.setString(Tag.InstitutionName, VR.LO, "General*");
        QuerySql q = QuerySql.of(study(keys), 10, 5);
        assertTrue(q.header, "the header is selected for matching");
        assertEquals(1, q.headerKeys.size());
        assertEquals(Tag.InstitutionName, q.headerKeys.get(0).tag());
        assertFalse(q.windowInSql, "limit/offset apply after header matching");
        assertFalse(q.sql.contains(" LIMIT 5"), q.sql);
    }

    @Test
    void withOnlyIndexedKeysTheWindowIsInTheSql() throws QueryException {
        DataSet keys = new DataSet();
        keys.setString(Tag.AccessionNumber, VR.SH, "A123");
        QuerySql q = QuerySql.of(study(keys), 10, 5);
        assertTrue(q.headerKeys.isEmpty());
        assertTrue(q.windowInSql);
        assertTrue(q.sql.contains(" LIMIT 5") && q.sql.contains(" OFFSET 10"), q.sql);
    }
}
