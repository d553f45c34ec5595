package dev.cloudpacs.contracts.retrieve;

import dev.cloudpacs.dicom.net.dimse.Status;

import java.util.List;

/**
 * Progress of a C-MOVE job as published on {@code dicom.retrieve.progress} (key: job id): pending while
 * {@code status} is FF00, then one final message with the C-MOVE-RSP status the requester gets.
 *
 * @param failedUids SOP Instance UIDs of failed sub-operations (final message only)
 * @param comment    why the job failed, for the Error Comment (final message only, may be null)
 */
public record RetrieveProgress(String jobId, int status, int remaining, int completed, int failed, int warning,
                               List<String> failedUids, String comment) {

    public boolean isFinal() {
        return status != Status.PENDING;
    }

    /** The final status the counts call for (PS3.4 C.4.2.1.5): success, B000 when any failed, A702 when all did. */
    public static int finalStatus(int completed, int failed, int warning) {
        if (failed == 0 && warning == 0) {
            return Status.SUCCESS;
        }
        return completed == 0 && warning == 0 ? Status.UNABLE_TO_PERFORM_SUBOPERATIONS
                : Status.SUBOPERATIONS_COMPLETE_ONE_OR_MORE_FAILURES;
    }
}
