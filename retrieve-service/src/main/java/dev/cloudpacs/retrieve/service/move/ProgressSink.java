package dev.cloudpacs.retrieve.service.move;

import dev.cloudpacs.contracts.retrieve.RetrieveProgress;

/**
 * Where a C-MOVE job's progress goes: the progress topic for a job taken from the queue
 * ({@link ProgressPublisher}), the caller's stream for one run on the front door's call ({@link DirectMoves}).
 */
public interface ProgressSink {
    /** Pending progress: best effort, the next message supersedes a lost one. */
    void pending(RetrieveProgress p);

    /**
     * The final status; returns once it is delivered as far as this sink can tell.
     *
     * @throws Exception when it could not be (the job's request is then not taken as done)
     */
    void finalStatus(RetrieveProgress p) throws Exception;
}
