package dev.cloudpacs.dicom.net.dimse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cloudpacs.dicom.core.UID;
import org.junit.jupiter.api.Test;

/** SopClasses, ServiceClass and QueryRetrieveModel (named *Dimse* for the targeted test run). */
class DimseSopClassesTest {

    @Test
    void serviceClasses() {
        assertEquals(ServiceClass.VERIFICATION, SopClasses.serviceClassOf("1.2.840.10008.1.1"));
        assertEquals(ServiceClass.STORAGE_COMMITMENT, SopClasses.serviceClassOf("1.2.840.10008.1.20.1"));
        assertEquals(ServiceClass.STORAGE, SopClasses.serviceClassOf(UID.CTImageStorage));
        assertEquals(ServiceClass.STORAGE, SopClasses.serviceClassOf(UID.MRImageStorage));
        assertEquals(ServiceClass.BASIC_WORKLIST_MANAGEMENT, SopClasses.serviceClassOf("1.2.840.10008.5.1.4.31"));
        assertEquals(ServiceClass.OTHER, SopClasses.serviceClassOf("1.2.3.4"));
        assertEquals(ServiceClass.OTHER, SopClasses.serviceClassOf(null));
        // The well-known instance is not a SOP class.
        assertEquals(ServiceClass.OTHER, SopClasses.serviceClassOf(SopClasses.STORAGE_COMMITMENT_PUSH_MODEL_INSTANCE));
        assertEquals("1.2.840.10008.1.20.1.1", SopClasses.wellKnownInstanceOf("1.2.840.10008.1.20.1"));
        assertNull(SopClasses.wellKnownInstanceOf(UID.CTImageStorage));
        assertTrue(SopClasses.isStorage(UID.CTImageStorage));
        assertFalse(SopClasses.isStorage(SopClasses.VERIFICATION));
        assertFalse(SopClasses.isStorage(null));
        assertEquals("PS3.4 Annex J", ServiceClass.STORAGE_COMMITMENT.reference());
    }

    @Test
    void queryRetrieveModelsAndOperations() {
        String[] models = {"1", "2", "3"};
        QueryRetrieveModel[] expected = {QueryRetrieveModel.PATIENT_ROOT, QueryRetrieveModel.STUDY_ROOT,
            QueryRetrieveModel.PATIENT_STUDY_ONLY};
        CommandField[] ops = {CommandField.C_FIND_RQ, CommandField.C_MOVE_RQ, CommandField.C_GET_RQ};
        for (int m = 0; m < 3; m++) {
            for (int o = 0; o < 3; o++) {
                String uid = "1.2.840.10008.5.1.4.1.2." + models[m] + "." + (o + 1);
                assertEquals(ServiceClass.QUERY_RETRIEVE, SopClasses.serviceClassOf(uid), uid);
                assertEquals(expected[m], SopClasses.queryRetrieveModel(uid), uid);
                assertEquals(ops[o], SopClasses.queryRetrieveOperation(uid), uid);
                assertEquals(uid, expected[m].sopClassUid(ops[o]));
                assertEquals(uid, expected[m].sopClassUid(ops[o].response()));
            }
        }
        assertEquals(UID.FINDStudyRootQueryRetrieveInformationModel,
                QueryRetrieveModel.STUDY_ROOT.sopClassUid(CommandField.C_FIND_RQ));
        assertEquals(UID.RETIRED_GETPatientStudyOnlyQueryRetrieveInformationModel,
                QueryRetrieveModel.PATIENT_STUDY_ONLY.sopClassUid(CommandField.C_GET_RQ));
        assertTrue(QueryRetrieveModel.PATIENT_STUDY_ONLY.retired());
        assertFalse(QueryRetrieveModel.STUDY_ROOT.retired());
    }

    @Test
    void retrieveOnlyModels() {
        assertNull(QueryRetrieveModel.COMPOSITE_INSTANCE_ROOT.sopClassUid(CommandField.C_FIND_RQ));
        assertEquals(UID.MOVECompositeInstanceRootRetrieve,
                QueryRetrieveModel.COMPOSITE_INSTANCE_ROOT.sopClassUid(CommandField.C_MOVE_RQ));
        assertEquals(CommandField.C_GET_RQ, SopClasses.queryRetrieveOperation(UID.GETCompositeInstanceRetrieveWithoutBulkData));
        assertEquals(QueryRetrieveModel.COMPOSITE_INSTANCE_WITHOUT_BULK_DATA,
                SopClasses.queryRetrieveModel(UID.GETCompositeInstanceRetrieveWithoutBulkData));
        assertNull(SopClasses.queryRetrieveModel("1.2.840.10008.5.1.4.1.2.4.1"));
        assertNull(SopClasses.queryRetrieveModel("1.2.840.10008.5.1.4.1.2.2.4"));
        assertNull(SopClasses.queryRetrieveOperation(UID.CTImageStorage));
        assertNull(SopClasses.queryRetrieveOperation("1"));
    }
}
