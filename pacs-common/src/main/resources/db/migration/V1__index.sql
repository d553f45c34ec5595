-- The shared index (ARCHITECTURE.md "Shared index"): patient, study, series, instance with the query keys
-- as columns and the instance header as DICOM JSON; unique constraints make the upserts race-free.

CREATE TABLE patient (
    pk              BIGSERIAL PRIMARY KEY,
    patient_id      VARCHAR(64)  NOT NULL,
    issuer          VARCHAR(64)  NOT NULL DEFAULT '',
    patient_name    VARCHAR(324),
    patient_name_uc VARCHAR(324),
    birth_date      DATE,
    sex             VARCHAR(16),
    created_at      TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at      TIMESTAMPTZ  NOT NULL DEFAULT now(),
    CONSTRAINT patient_id_issuer_uk UNIQUE (patient_id, issuer)
);

CREATE TABLE study (
    pk                  BIGSERIAL PRIMARY KEY,
    study_instance_uid  VARCHAR(64)  NOT NULL UNIQUE,
    patient_fk          BIGINT       NOT NULL REFERENCES patient (pk),
    study_date          DATE,
    study_time          TIME,
    accession_number    VARCHAR(64),
    study_id            VARCHAR(16),
    study_description   VARCHAR(64),
    referring_physician VARCHAR(324),
    created_at          TIMESTAMPTZ  NOT NULL DEFAULT now(),
    last_received_at    TIMESTAMPTZ  NOT NULL DEFAULT now(),
    stable_published    BOOLEAN      NOT NULL DEFAULT FALSE
);
CREATE INDEX study_patient_idx ON study (patient_fk);
CREATE INDEX study_date_idx ON study (study_date);
CREATE INDEX study_accession_idx ON study (accession_number);
CREATE INDEX study_unstable_idx ON study (last_received_at) WHERE NOT stable_published;

CREATE TABLE series (
    pk                  BIGSERIAL PRIMARY KEY,
    series_instance_uid VARCHAR(64)  NOT NULL UNIQUE,
    study_fk            BIGINT       NOT NULL REFERENCES study (pk),
    modality            VARCHAR(16),
    series_number       INTEGER,
    series_description  VARCHAR(64),
    body_part_examined  VARCHAR(16),
    created_at          TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE INDEX series_study_idx ON series (study_fk);
CREATE INDEX series_modality_idx ON series (modality);

CREATE TABLE instance (
    pk                  BIGSERIAL PRIMARY KEY,
    sop_instance_uid    VARCHAR(64)  NOT NULL UNIQUE,
    series_fk           BIGINT       NOT NULL REFERENCES series (pk),
    sop_class_uid       VARCHAR(64)  NOT NULL,
    instance_number     INTEGER,
    transfer_syntax_uid VARCHAR(64)  NOT NULL,
    storage_key         VARCHAR(256) NOT NULL,
    size_bytes          BIGINT       NOT NULL,
    checksum_sha256     CHAR(64)     NOT NULL,
    received_at         TIMESTAMPTZ  NOT NULL DEFAULT now(),
    source_ae           VARCHAR(16),
    called_ae           VARCHAR(16),
    header              JSONB        NOT NULL
);
CREATE INDEX instance_series_idx ON instance (series_fk);

-- Events not yet published (transactional outbox); the relay publishes in id order.
CREATE TABLE outbox (
    id           BIGSERIAL PRIMARY KEY,
    topic        VARCHAR(128) NOT NULL,
    msg_key      VARCHAR(128) NOT NULL,
    event_id     UUID         NOT NULL,
    event_type   VARCHAR(128) NOT NULL,
    event_source VARCHAR(256) NOT NULL,
    subject      VARCHAR(128),
    payload      TEXT         NOT NULL,
    created_at   TIMESTAMPTZ  NOT NULL DEFAULT now()
);

-- Known remote application entities and what each may do.
CREATE TABLE application_entity (
    ae_title      VARCHAR(16)  PRIMARY KEY,
    host          VARCHAR(255) NOT NULL,
    port          INTEGER      NOT NULL,
    tls           BOOLEAN      NOT NULL DEFAULT FALSE,
    may_store     BOOLEAN      NOT NULL DEFAULT TRUE,
    may_query     BOOLEAN      NOT NULL DEFAULT TRUE,
    may_retrieve  BOOLEAN      NOT NULL DEFAULT TRUE,
    description   VARCHAR(255),
    updated_at    TIMESTAMPTZ  NOT NULL DEFAULT now()
);

CREATE TABLE commitment_transaction (
    transaction_uid VARCHAR(64)  PRIMARY KEY,
    requester_ae    VARCHAR(16)  NOT NULL,
    state           VARCHAR(32)  NOT NULL,
    request         JSONB        NOT NULL,
    result          JSONB,
    attempts        INTEGER      NOT NULL DEFAULT 0,
    last_error      TEXT,
    created_at      TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at      TIMESTAMPTZ  NOT NULL DEFAULT now()
);

CREATE TABLE retrieve_job (
    job_id        UUID         PRIMARY KEY,
    kind          VARCHAR(16)  NOT NULL,
    destination   VARCHAR(16),
    state         VARCHAR(32)  NOT NULL,
    request       JSONB        NOT NULL,
    remaining     INTEGER      NOT NULL DEFAULT 0,
    completed     INTEGER      NOT NULL DEFAULT 0,
    failed        INTEGER      NOT NULL DEFAULT 0,
    warning       INTEGER      NOT NULL DEFAULT 0,
    created_at    TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at    TIMESTAMPTZ  NOT NULL DEFAULT now()
);
