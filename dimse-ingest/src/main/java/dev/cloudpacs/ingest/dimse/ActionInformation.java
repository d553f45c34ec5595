package dev.cloudpacs.ingest.dimse;

import dev.cloudpacs.contracts.commitment.Reference;
import dev.cloudpacs.dicom.core.Tag;
import dev.cloudpacs.dicom.core.data.DataSet;
import dev.cloudpacs.dicom.core.data.Sequence;
import dev.cloudpacs.dicom.core.util.UIDs;
import dev.cloudpacs.dicom.net.assoc.DimseFailure;
import dev.cloudpacs.dicom.net.dimse.Status;

import java.util.ArrayList;
import java.util.List;

/**
 * The Action Information of a Request Storage Commitment N-ACTION (PS3.4 J.3.2.1.1): the Transaction
 * UID and the Referenced SOP Sequence, validated; a problem is the N-ACTION failure status to answer.
 */
public record ActionInformation(String transactionUid, List<Reference> references) {

    /**
     * Parses and checks {@code ds}.
     *
     * @throws DimseFailure 0120 for a missing attribute, 0121 for an empty one, 0106 for an invalid UID,
     *                      0213 for more references than {@code maxReferences}
     */
    public static ActionInformation parse(DataSet ds, int maxReferences) throws DimseFailure {
        if (ds == null) {
            throw new DimseFailure(Status.MISSING_ATTRIBUTE, "N-ACTION without Action Information");
        }
        if (!ds.contains(Tag.TransactionUID)) {
            throw new DimseFailure(Status.MISSING_ATTRIBUTE, "Transaction UID (0008,1195) missing");
        }
        String tx = ds.getString(Tag.TransactionUID);
        if (tx == null || tx.isEmpty()) {
            throw new DimseFailure(Status.MISSING_ATTRIBUTE_VALUE, "Transaction UID (0008,1195) empty");
        }
        if (!UIDs.isValid(tx)) {
            throw new DimseFailure(Status.INVALID_ATTRIBUTE_VALUE, "Transaction UID '" + tx + "' is not a valid UID");
        }
        Sequence seq = ds.getSequence(Tag.ReferencedSOPSequence);
        if (seq == null) {
            throw new DimseFailure(Status.MISSING_ATTRIBUTE, "Referenced SOP Sequence (0008,1199) missing");
        }
        if (seq.size() == 0) {
            throw new DimseFailure(Status.MISSING_ATTRIBUTE_VALUE, "Referenced SOP Sequence (0008,1199) empty");
        }
        if (seq.size() > maxReferences) {
            throw new DimseFailure(Status.RESOURCE_LIMITATION, "more than " + maxReferences
                    + " references in one transaction");
        }
        List<Reference> refs = new ArrayList<>(seq.size());
        int n = 0;
        for (DataSet item : seq) {
            n++;
            String cuid = uid(item, Tag.ReferencedSOPClassUID, "Referenced SOP Class UID (0008,1150)", n);
            String iuid = uid(item, Tag.ReferencedSOPInstanceUID, "Referenced SOP Instance UID (0008,1155)", n);
            refs.add(new Reference(cuid, iuid));
        }
        return new ActionInformation(tx, refs);
    }

    private static String uid(DataSet item, int tag, String name, int n) throws DimseFailure {
        if (!item.contains(tag)) {
            throw new DimseFailure(Status.MISSING_ATTRIBUTE, name + " missing in item " + n);
        }
        String v = item.getString(tag);
        if (v == null || v.isEmpty()) {
            throw new DimseFailure(Status.MISSING_ATTRIBUTE_VALUE, name + " empty in item " + n);
        }
        if (!UIDs.isValid(v)) {
            throw new DimseFailure(Status.INVALID_ATTRIBUTE_VALUE, name + " '" + v + "' in item " + n
                    + " is not a valid UID");
        }
        return v;
    }
}
