-- One row per aggregate would grow forever (an order is an aggregate). Rows unused for
-- commerce.outbox.sequence-retention are pruned by the relay (SequencePruner); an aggregate that
-- appends again after its row went starts above the floor, which is raised, before any row goes, to
-- the last sequence of every row that may go: its sequence only ever grows.
-- now(), not clock_timestamp(): a stable default adds the column without rewriting the table.
ALTER TABLE aggregate_sequence ADD COLUMN used_at timestamptz NOT NULL DEFAULT now();

CREATE TABLE aggregate_sequence_floor (
    singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    floor     bigint  NOT NULL
);
INSERT INTO aggregate_sequence_floor (floor) VALUES (0);
