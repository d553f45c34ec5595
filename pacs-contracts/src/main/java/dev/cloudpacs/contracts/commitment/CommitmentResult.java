package dev.cloudpacs.contracts.commitment;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.util.List;

/** The outcome of a storage commitment transaction, what the N-EVENT-REPORT carries. */
public record CommitmentResult(String transactionUid, List<Reference> committed, List<FailedReference> failed) {
    /** Event Type ID 1 when every reference was committed, 2 when some failed (PS3.4 J.3.3). */
    @JsonIgnore
    public int eventType() {
        return failed.isEmpty() ? 1 : 2;
    }
}
