package dev.cloudpacs.retrieve.service.move;

import dev.cloudpacs.contracts.retrieve.MoveStream;
import dev.cloudpacs.contracts.retrieve.RetrieveCodec;
import dev.cloudpacs.contracts.retrieve.RetrieveProgress;
import dev.cloudpacs.contracts.retrieve.RetrieveRequest;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * C-MOVE jobs run at once on the front door's call ({@link MoveStream}), their progress written to the
 * caller's stream instead of the progress topic. The job is the same {@link MoveJob}, checkpointing in
 * its {@code retrieve_job} row: when this pod shuts down, or the caller goes away, it stops at the next
 * sub-operation with its checkpoint saved and its stream ends without a final status, so the front door
 * hands it to the Kafka queue and another pod resumes it.
 */
@ApplicationScoped
public class DirectMoves {
    private static final Logger LOG = Logger.getLogger(DirectMoves.class);

    private final MoveJob job;
    private final Counter runs;
    private volatile boolean stopping;

    public DirectMoves(MoveJob job, MeterRegistry meters) {
        this.job = job;
        this.runs = meters.counter("pacs_move_direct_jobs_total");
    }

    void stop(@Observes ShutdownEvent ev) {
        stopping = true;
    }

    /** Runs the job {@code body} holds, its progress frames to {@code response}. */
    public void run(InputStream body, OutputStream response) throws IOException {
        RetrieveRequest rq = RetrieveCodec.decode(body.readAllBytes(), RetrieveRequest.class);
        runs.increment();
        StreamSink sink = new StreamSink(new DataOutputStream(response));
        MoveStream.writeStarted(sink.out);
        sink.out.flush();
        try {
            MoveJob.Outcome o = job.run(rq, () -> stopping || sink.broken, sink);
            if (o == MoveJob.Outcome.STOPPED) {
                LOG.infof("C-MOVE job %s stopped at its checkpoint (%s); the front door hands it on", rq.jobId(),
                        stopping ? "shutting down" : "the front door went away");
            }
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            // The database failed: the stream ends without a final status and the job goes to the queue.
            LOG.warnf("C-MOVE job %s interrupted: %s; it resumes from its checkpoint", rq.jobId(), e.getMessage());
        }
    }

    /** Progress frames to the caller; a write that fails marks the caller gone. */
    private static final class StreamSink implements ProgressSink {
        final DataOutputStream out;
        volatile boolean broken;

        StreamSink(DataOutputStream out) {
            this.out = out;
        }

        @Override
        public void pending(RetrieveProgress p) {
            try {
                MoveStream.writeProgress(out, p);
                out.flush();
            } catch (IOException e) {
                broken = true;
            }
        }

        @Override
        public void finalStatus(RetrieveProgress p) throws IOException {
            try {
                MoveStream.writeProgress(out, p);
                out.flush();
            } catch (IOException e) {
                broken = true;
                throw e;
            }
        }
    }
}
