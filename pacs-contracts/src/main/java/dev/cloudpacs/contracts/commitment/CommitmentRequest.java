package dev.cloudpacs.contracts.commitment;

import java.util.List;

/**
 * A storage commitment request as accepted by the front door (the N-ACTION's Action Information) and
 * kept in the {@code commitment_transaction} row.
 *
 * @param transactionUid the Transaction UID exactly as received
 * @param requesterAe    the calling AE title of the association that asked; the report goes to it
 * @param calledAe       the AE title the requester called (ours)
 */
public record CommitmentRequest(String transactionUid, String requesterAe, String calledAe,
                                List<Reference> references) {
}
