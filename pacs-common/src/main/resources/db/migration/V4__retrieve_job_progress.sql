-- C-MOVE jobs resume where they stopped: the position in the (index-ordered) instance list, the UIDs
-- that failed so far, and whether the requester asked to cancel.
ALTER TABLE retrieve_job
    ADD COLUMN next_index       INTEGER      NOT NULL DEFAULT 0,
    ADD COLUMN failed_uids      TEXT[]       NOT NULL DEFAULT '{}',
    ADD COLUMN cancel_requested BOOLEAN      NOT NULL DEFAULT FALSE,
    ADD COLUMN final_status     INTEGER,
    ADD COLUMN comment          VARCHAR(256);
CREATE INDEX retrieve_job_created_idx ON retrieve_job (created_at);
