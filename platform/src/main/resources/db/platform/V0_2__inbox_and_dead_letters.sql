-- Idempotent consumption: an event id is recorded in the same transaction as its effect.
CREATE TABLE processed_event (
    event_id      uuid        PRIMARY KEY,
    event_type    text        NOT NULL,
    source        text        NOT NULL,
    topic         text        NOT NULL,
    kafka_partition integer   NOT NULL,
    kafka_offset  bigint      NOT NULL,
    processed_at  timestamptz NOT NULL DEFAULT now()
);

-- Messages that could not be processed, with their reason, as the dead-letter topic also carries them.
-- One row per original record (topic, partition, offset): a redelivered poison message stays one row.
CREATE TABLE dead_letter (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    topic           text        NOT NULL,
    kafka_partition integer     NOT NULL,
    kafka_offset    bigint      NOT NULL,
    record_key      text,
    record_value    text,
    event_id        uuid,
    event_type      text,
    reason_code     text        NOT NULL,
    reason          text        NOT NULL,
    received_at     timestamptz NOT NULL DEFAULT now(),
    attempts        integer     NOT NULL DEFAULT 1,
    status          text        NOT NULL DEFAULT 'OPEN',
    replayed_at     timestamptz,
    CONSTRAINT dead_letter_record_uk UNIQUE (topic, kafka_partition, kafka_offset),
    CONSTRAINT dead_letter_status_ck CHECK (status IN ('OPEN', 'REPLAYED')),
    CONSTRAINT dead_letter_replayed_ck CHECK ((status = 'REPLAYED') = (replayed_at IS NOT NULL))
);

CREATE INDEX dead_letter_open_ix ON dead_letter (received_at) WHERE status = 'OPEN';
