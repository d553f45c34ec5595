package dev.cloudpacs.common.config;

import dev.cloudpacs.contracts.events.Topics;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import org.hibernate.validator.constraints.time.DurationMin;

import java.time.Duration;
import java.util.Optional;

/**
 * Typed configuration shared by the services ({@code pacs.*} in application.properties or env). The
 * constraints are checked at start (Hibernate Validator): a service given a value out of range does not
 * start, and its log names the property and the rule.
 */
@ConfigMapping(prefix = "pacs")
public interface PacsConfig {
    /** The archive's AE title(s): what modalities configure as the called AE. */
    @Pattern(regexp = "(?=.*[^ ])[^\\\\\\p{Cntrl}]{1,16}", message = "must be an AE title: 1 to 16 characters, not all spaces,"
            + " no backslash or control character")
    @WithDefault("PACS")
    String aeTitle();

    Dimse dimse();

    Storage storage();

    Events events();

    Kafka kafka();

    Query query();

    Retrieve retrieve();

    Commitment commitment();

    Database database();

    Workers workers();

    Registry registry();

    /** The DIMSE front door. */
    interface Dimse {
        @Min(1) @Max(65535)
        @WithDefault("11112")
        int port();

        /** DICOM TLS port, when TLS is configured. */
        Optional<Integer> tlsPort();

        @WithDefault("0.0.0.0")
        String bind();

        /** Refuse associations whose called AE title is not ours. */
        @WithDefault("true")
        boolean checkCalledAe();

        /** Refuse calling AE titles not in the application_entity table. */
        @WithDefault("false")
        boolean checkCallingAe();

        /** With the allowlist on, a registered AE is let in only from its registered host's addresses. */
        @WithDefault("true")
        boolean checkCallingHost();

        /**
         * User Identity negotiation (PS3.7 D.3.3.7): a username and passcode or a JWT offered is always checked
         * against the identity provider; REQUIRED also refuses associations that offer none (or a bare username).
         */
        @WithDefault("OPTIONAL")
        UserIdentity userIdentity();

        /** The identity provider's client through which a username and passcode are checked (password grant). */
        @WithDefault("pacs-cli")
        String userIdentityClient();

        /** Most concurrent associations (0 = unlimited). */
        @PositiveOrZero
        @WithDefault("200")
        int maxAssociations();

        /** Most associations of one calling AE title at once (0 = no limit). */
        @PositiveOrZero
        @WithDefault("50")
        int maxAssociationsPerCallingAe();

        /** Most associations from one peer address at once (0 = no limit). */
        @PositiveOrZero
        @WithDefault("100")
        int maxAssociationsPerAddress();

        /** The last of max-associations kept for callers (AE title and address) that hold none yet. */
        @PositiveOrZero
        @WithDefault("10")
        int reservedAssociations();

        /** Most TCP connections held at once, associated or not (0 = unlimited); more are closed on arrival. */
        @PositiveOrZero
        @WithDefault("400")
        int maxConnections();

        /** Most TCP connections from one peer address at once (0 = unlimited). */
        @PositiveOrZero
        @WithDefault("150")
        int maxConnectionsPerAddress();

        /** How long a new connection may take to send its A-ASSOCIATE-RQ (the ARTIM timer, PS3.8 9.1.5). */
        @DurationMin(nanos = 1, message = "must be more than 0")
        @WithDefault("PT10S")
        Duration associationRequestTimeout();

        @Min(4096) @Max(16777216)
        @WithDefault("116794")
        int maxPduLength();

        @DurationMin(nanos = 1, message = "must be more than 0")
        @WithDefault("PT5M")
        Duration idleTimeout();

        /** How long open associations may finish when the service stops. */
        @DurationMin(nanos = 0, message = "must not be negative")
        @WithDefault("PT25S")
        Duration shutdownGrace();

        Tls tls();
    }

    /** Key and trust stores for DICOM TLS (file paths; passwords from secrets). */
    interface Tls {
        Optional<String> keyStore();

        Optional<String> keyStorePassword();

        Optional<String> trustStore();

        Optional<String> trustStorePassword();

        @WithDefault("false")
        boolean requireClientCertificate();
    }

    /** Object storage. */
    interface Storage {
        /** Filesystem root (a PersistentVolume in Kubernetes). */
        @NotBlank
        @WithDefault("data/storage")
        String root();

        /** What storing an already stored SOP Instance UID does. */
        @WithDefault("REPLACE")
        DuplicatePolicy duplicatePolicy();

        /**
         * How old an object without an index row (or a work file nobody touches) must be before the
         * reconciler removes it: longer than any store takes from its last byte to its commit.
         */
        @DurationMin(nanos = 1, message = "must be more than 0")
        @WithDefault("PT1H")
        Duration orphanGrace();

        /** How often the reconciler takes its next step (0 turns it off). */
        @DurationMin(nanos = 0, message = "must not be negative")
        @WithDefault("PT2S")
        Duration reconcileInterval();

        /** Storage partitions (directories) one reconciler step checks. */
        @Positive
        @WithDefault("64")
        int reconcileBatch();
    }

    /** Whether an association must name a user the identity provider vouches for. */
    enum UserIdentity {
        OPTIONAL,
        REQUIRED
    }

    /** Replace the stored object, or keep the first one and acknowledge the resend. */
    enum DuplicatePolicy {
        REPLACE,
        KEEP
    }

    /** Event topics and timing. */
    interface Events {
        @WithDefault(Topics.INSTANCE_STORED)
        String instanceStoredTopic();

        @WithDefault(Topics.STUDY_STABLE)
        String studyStableTopic();

        /** A study is stable after this long without a new instance. */
        @DurationMin(nanos = 1, message = "must be more than 0")
        @WithDefault("PT60S")
        Duration studyQuietPeriod();

        /** How often studies are checked for stability. */
        @DurationMin(nanos = 1, message = "must be more than 0")
        @WithDefault("PT5S")
        Duration stableScanInterval();

        /** Put the instance header (DICOM JSON) into dicom.instance.stored events. */
        @WithDefault("false")
        boolean includeHeader();

        /** CloudEvents source attribute. */
        @WithDefault("/cloudpacs")
        String source();
    }

    /** The AE registry (table {@code application_entity}). */
    interface Registry {
        /**
         * How long the DIMSE paths (calling-AE check, C-MOVE destination, storage commitment delivery) keep an
         * entry read from the registry: a change made through another replica's admin API takes effect
         * here within this time; one made through this replica at once. 0 reads the table every time.
         */
        @DurationMin(nanos = 0, message = "must not be negative")
        @WithDefault("PT2S")
        Duration aeCacheTtl();
    }

    /** The background workers (outbox relay, Kafka consumers, delivery queues): one backoff, one drain. */
    interface Workers {
        /** The wait after a worker's first failed session; doubled per failure in a row. */
        @DurationMin(nanos = 1, message = "must be more than 0")
        @WithDefault("PT0.5S")
        Duration retryInitial();

        /** The longest wait between a worker's sessions while it fails. */
        @DurationMin(nanos = 1, message = "must be more than 0")
        @WithDefault("PT5S")
        Duration retryMax();

        /** How long the workers together may take to finish the work in hand when the service stops. */
        @DurationMin(nanos = 0, message = "must not be negative")
        @WithDefault("PT15S")
        Duration drainTimeout();
    }

    /** Kafka producer used by the outbox relay. */
    interface Kafka {
        @NotBlank
        @WithDefault("localhost:9092")
        String bootstrapServers();

        /** Run the outbox relay in this service (one relay is active at a time across replicas anyway). */
        @WithDefault("true")
        boolean relayEnabled();

        /** How often the relay looks for unpublished events. */
        @DurationMin(nanos = 1, message = "must be more than 0")
        @WithDefault("PT0.2S")
        Duration relayInterval();
    }

    /** C-FIND / QIDO-RS: where the front door finds query-service, and how matching behaves. */
    interface Query {
        /** Base URL of query-service's management interface, where the front door's internal C-FIND call goes. */
        @Pattern(regexp = "https?://[^/?#]+(/.*)?", message = "must be an http:// or https:// URL")
        @WithDefault("http://127.0.0.1:9082")
        String serviceUrl();

        /** How long the front door waits to connect to query-service and for its first answer. */
        @DurationMin(nanos = 1, message = "must be more than 0")
        @WithDefault("PT10S")
        Duration timeout();

        /** Person Name matching ignores case (PS3.4 leaves this to the SCP's conformance statement). */
        @WithDefault("true")
        boolean caseInsensitiveNames();

        /** Rows fetched from the database per round trip while a query streams. */
        @Positive
        @WithDefault("200")
        int fetchSize();

        /** Most results one QIDO-RS response returns; more are available with offset. */
        @Positive
        @WithDefault("1000")
        int qidoMaxResults();
    }

    /** C-MOVE / C-GET: the job topics, where the front door finds retrieve-service, and pacing. */
    interface Retrieve {
        /** Base URL of retrieve-service's management interface, where the front door's internal C-GET call goes. */
        @Pattern(regexp = "https?://[^/?#]+(/.*)?", message = "must be an http:// or https:// URL")
        @WithDefault("http://127.0.0.1:9083")
        String serviceUrl();

        /** How long the front door waits to connect to retrieve-service, and for each read of its answer. */
        @DurationMin(nanos = 1, message = "must be more than 0")
        @WithDefault("PT30S")
        Duration timeout();

        /**
         * Whether the front door runs a C-MOVE job on a call to retrieve-service (the fast path) before it
         * falls back to the job queue; false sends every job through the queue.
         */
        @WithDefault("true")
        boolean moveDirect();

        @WithDefault(Topics.RETRIEVE_REQUESTS)
        String requestsTopic();

        @WithDefault(Topics.RETRIEVE_PROGRESS)
        String progressTopic();

        /** Partitions the retrieve topics are created with (jobs of one partition run one after another). */
        @Positive
        @WithDefault("8")
        int topicPartitions();

        /** Consumer group of the retrieve-service pods. */
        @WithDefault("retrieve-service")
        String consumerGroup();

        /** How soon a dead retrieve-service pod's jobs move to another (Kafka session timeout). */
        @DurationMin(nanos = 1, message = "must be more than 0")
        @WithDefault("PT10S")
        Duration sessionTimeout();

        /** Most often a job publishes progress (pending C-MOVE/C-GET responses) and checkpoints. */
        @DurationMin(nanos = 1, message = "must be more than 0")
        @WithDefault("PT0.25S")
        Duration progressInterval();

        /**
         * How long a front door hears nothing of a C-MOVE job before it looks the job up in the index: a
         * final status it missed on the progress topic is answered from there.
         */
        @DurationMin(nanos = 1, message = "must be more than 0")
        @WithDefault("PT10S")
        Duration progressSilence();

        /** How long a C-MOVE waits for its destination to accept an association. */
        @DurationMin(nanos = 1, message = "must be more than 0")
        @WithDefault("PT10S")
        Duration connectTimeout();
    }

    /** Storage Commitment Push Model (PS3.4 Annex J): the topics, waiting for objects, delivering results. */
    interface Commitment {
        @WithDefault(Topics.COMMITMENT_REQUESTS)
        String requestsTopic();

        @WithDefault(Topics.COMMITMENT_RESULTS)
        String resultsTopic();

        /** Partitions the commitment topics are created with (k8s/base/kafka-topics.yaml declares the same 4). */
        @Positive
        @WithDefault("4")
        int topicPartitions();

        /** Consumer group of the commitment-service pods. */
        @WithDefault("commitment-service")
        String consumerGroup();

        /** How soon a dead commitment-service pod's requests move to another (Kafka session timeout). */
        @DurationMin(nanos = 1, message = "must be more than 0")
        @WithDefault("PT10S")
        Duration sessionTimeout();

        /** How long a referenced instance not stored yet is waited for before it fails with 0112. */
        @DurationMin(nanos = 0, message = "must not be negative")
        @WithDefault("PT30S")
        Duration inFlightWindow();

        /**
         * How long a result waits for the front door to report it on the requester's association before
         * commitment-service reports it on a new association instead.
         */
        @DurationMin(nanos = 0, message = "must not be negative")
        @WithDefault("PT5S")
        Duration sameAssociationGrace();

        /** How long commitment-service keeps retrying to report a result on a new association. */
        @DurationMin(nanos = 0, message = "must not be negative")
        @WithDefault("PT1H")
        Duration deliveryDeadline();

        /** First wait between delivery attempts; it doubles after each failure up to the maximum. */
        @DurationMin(nanos = 1, message = "must be more than 0")
        @WithDefault("PT1S")
        Duration retryInitial();

        @DurationMin(nanos = 1, message = "must be more than 0")
        @WithDefault("PT5M")
        Duration retryMax();

        /** How long opening the association to the requester may take. */
        @DurationMin(nanos = 1, message = "must be more than 0")
        @WithDefault("PT10S")
        Duration connectTimeout();

        /** Most references one N-ACTION may carry (bounded memory); more are refused with 0213. */
        @Positive
        @WithDefault("50000")
        int maxReferences();
    }

    /** Bounds on waiting for PostgreSQL, so a stalled database fails a request instead of hanging it. */
    interface Database {
        /** Longest wait for one index write's answer (a store then answers A700 with the reason). */
        @DurationMin(nanos = 1, message = "must be more than 0")
        @WithDefault("PT5S")
        Duration statementTimeout();

        /** Longest the readiness check waits for the database; less than the probe's timeout. */
        @DurationMin(nanos = 1, message = "must be more than 0")
        @WithDefault("PT2S")
        Duration readinessTimeout();
    }
}
