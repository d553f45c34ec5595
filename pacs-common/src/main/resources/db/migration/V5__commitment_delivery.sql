-- Storage commitment result delivery: who reports the result, and the retry schedule of reports on a
-- new association (see CommitmentTransactions for the states).
ALTER TABLE commitment_transaction
    ADD COLUMN deliver_by      TIMESTAMPTZ,
    ADD COLUMN next_attempt_at TIMESTAMPTZ,
    ADD COLUMN delivered_at    TIMESTAMPTZ,
    ADD COLUMN delivered_on    VARCHAR(32);

CREATE INDEX commitment_transaction_due_idx ON commitment_transaction (next_attempt_at)
    WHERE state IN ('COMPUTED', 'NEW_ASSOCIATION', 'RETRY', 'DELIVERING');
