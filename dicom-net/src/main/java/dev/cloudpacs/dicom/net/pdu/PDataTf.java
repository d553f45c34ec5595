package dev.cloudpacs.dicom.net.pdu;

import java.util.List;

/**
 * P-DATA-TF PDU (PS3.8 section 9.3.5, Table 9-22): one or more presentation data values.
 * To send a single PDV without building this record (and without copying the fragment) use
 * {@link PduCodec#writePDataHeader}.
 *
 * @param pdvs the PDV items in order; never empty, since a P-DATA-TF without PDVs is invalid
 */
public record PDataTf(List<Pdv> pdvs) implements Pdu {

    /** Copies the list and rejects an empty one. */
    public PDataTf {
        pdvs = List.copyOf(pdvs);
        if (pdvs.isEmpty()) {
            throw new IllegalArgumentException("a P-DATA-TF PDU carries at least one PDV");
        }
    }

    /** A P-DATA-TF with the given PDVs. */
    public static PDataTf of(Pdv... pdvs) {
        return new PDataTf(List.of(pdvs));
    }

    @Override
    public PduType type() {
        return PduType.P_DATA_TF;
    }
}
