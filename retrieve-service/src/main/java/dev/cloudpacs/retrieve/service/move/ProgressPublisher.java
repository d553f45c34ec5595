package dev.cloudpacs.retrieve.service.move;

import dev.cloudpacs.common.config.PacsConfig;
import dev.cloudpacs.contracts.events.EventTypes;
import dev.cloudpacs.common.retrieve.RetrieveBus;
import dev.cloudpacs.contracts.retrieve.RetrieveProgress;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Publishes C-MOVE job progress on {@code dicom.retrieve.progress}, where the front door relays it. */
@ApplicationScoped
public class ProgressPublisher implements ProgressSink {
    private static final Logger LOG = Logger.getLogger(ProgressPublisher.class);

    private final PacsConfig config;
    private volatile KafkaProducer<String, byte[]> producer;

    public ProgressPublisher(PacsConfig config) {
        this.config = config;
    }

    @Override
    public void pending(RetrieveProgress p) {
        producer().send(record(p), (md, e) -> {
            if (e != null) {
                LOG.debugf("progress of job %s not published: %s", p.jobId(), e.getMessage());
            }
        });
    }

    /**
     * The final status, acknowledged by Kafka before the job's request is committed, so a requester
     * never waits for a result that was lost.
     */
    @Override
    public void finalStatus(RetrieveProgress p) throws Exception {
        producer().send(record(p)).get(15, TimeUnit.SECONDS);
    }

    private org.apache.kafka.clients.producer.ProducerRecord<String, byte[]> record(RetrieveProgress p) {
        return RetrieveBus.record(config.retrieve().progressTopic(), config.events().source(),
                EventTypes.RETRIEVE_PROGRESS, p.jobId(), p);
    }

    private KafkaProducer<String, byte[]> producer() {
        KafkaProducer<String, byte[]> p = producer;
        if (p == null) {
            synchronized (this) {
                if (producer == null) {
                    producer = RetrieveBus.producer(config, "retrieve-service-progress");
                }
                p = producer;
            }
        }
        return p;
    }

    void stop(@Observes ShutdownEvent ev) {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }
}
