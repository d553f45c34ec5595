package dev.cloudpacs.ingest.dimse;

import dev.cloudpacs.dicom.core.Tag;
import dev.cloudpacs.dicom.core.VR;
import dev.cloudpacs.dicom.core.data.DataSet;
import dev.cloudpacs.dicom.core.data.Sequence;
import dev.cloudpacs.dicom.net.assoc.DimseFailure;
import dev.cloudpacs.dicom.net.dimse.Status;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The N-ACTION Action Information checks of storage commitment (no Quarkus, no network). */
class CommitmentActionInformationTest {
    private static final String CT = "1.2.840.10008.5.1.4.1.1.2";

    private static DataSet info(String tx, String... pairs) {
        DataSet ds = new DataSet();
        if (tx != null) {
            ds.setString(Tag.TransactionUID, VR.UI, tx);
        }
        if (pairs.length > 0) {
            Sequence seq = ds.newSequence(Tag.ReferencedSOPSequence, pairs.length / 2);
            for (int i = 0; i < pairs.length; i += 2) {
                DataSet item = seq.addItem();
                if (pairs[i] != null) {
                    item.setString(Tag.ReferencedSOPClassUID, VR.UI, pairs[i]);
                }
                if (pairs[i + 1] != null) {
                    item.setString(Tag.ReferencedSOPInstanceUID, VR.UI, pairs[i + 1]);
                }
            }
        }
        return ds;
    }

    private static int status(DataSet ds, int max) {
        return assertThrows(DimseFailure.class, () -> ActionInformation.parse(ds, max)).status();
    }

    @Test
    void validRequestKeepsTheTransactionUidAndTheReferencesInOrder() throws DimseFailure {
        ActionInformation a = ActionInformation.parse(info("1.2.3.4", CT, "1.2.3.5", CT, "1.2.3.6"), 10);
        assertEquals("1.2.3.4", a.transactionUid());
        assertEquals(2, a.references().size());
        assertEquals("1.2.3.6", a.references().get(1).sopInstanceUid());
    }

    @Test
    void problemsGetTheirNActionStatus() {
        assertEquals(Status.MISSING_ATTRIBUTE, status(null, 10));
        assertEquals(Status.MISSING_ATTRIBUTE, status(info(null, CT, "1.2.3"), 10));
        assertEquals(Status.MISSING_ATTRIBUTE_VALUE, status(info("", CT, "1.2.3"), 10));
        assertEquals(Status.INVALID_ATTRIBUTE_VALUE, status(info("1.02.3", CT, "1.2.3"), 10));
        assertEquals(Status.MISSING_ATTRIBUTE, status(info("1.2.3"), 10));
        assertEquals(Status.MISSING_ATTRIBUTE, status(info("1.2.3", null, "1.2.3"), 10));
        assertEquals(Status.MISSING_ATTRIBUTE, status(info("1.2.3", CT, null), 10));
        assertEquals(Status.INVALID_ATTRIBUTE_VALUE, status(info("1.2.3", CT, "1.2.a"), 10));
        assertEquals(Status.RESOURCE_LIMITATION, status(info("1.2.3", CT, "1.2.4", CT, "1.2.5"), 1));
    }
}
