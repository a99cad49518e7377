-- The service's event log: its transactional outbox, kept forever, hash-chained.
-- A business transaction inserts an entry (position NULL). The relay, alone, gives entries their chain
-- position and hash, then publishes them and stamps published_at. Writers never wait for one another:
-- chaining happens after their commit, not inside it.
CREATE TABLE event_log (
    seq             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id        uuid        NOT NULL,
    topic           text        NOT NULL,
    aggregate_type  text        NOT NULL,
    aggregate_id    text        NOT NULL,
    event_type      text        NOT NULL,
    occurred_at     timestamptz NOT NULL,
    message         text        NOT NULL,
    position        bigint,
    prev_hash       text,
    hash            text,
    chained_at      timestamptz,
    published_at    timestamptz,
    CONSTRAINT event_log_event_id_uk UNIQUE (event_id),
    CONSTRAINT event_log_position_uk UNIQUE (position),
    CONSTRAINT event_log_chain_ck CHECK ((position IS NULL) = (hash IS NULL) AND (position IS NULL) = (chained_at IS NULL)),
    CONSTRAINT event_log_position_ck CHECK (position IS NULL OR position > 0),
    CONSTRAINT event_log_published_ck CHECK (published_at IS NULL OR position IS NOT NULL)
);

CREATE INDEX event_log_unchained_ix ON event_log (seq) WHERE position IS NULL;
CREATE INDEX event_log_unpublished_ix ON event_log (position) WHERE published_at IS NULL AND position IS NOT NULL;
CREATE INDEX event_log_aggregate_ix ON event_log (aggregate_type, aggregate_id, seq);

-- Nothing is deleted or rewritten. The only writes after the insert are the bookkeeping the relay does
-- once: chain position and hash (from NULL), then the publication stamp (from NULL).
CREATE FUNCTION event_log_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' OR TG_OP = 'TRUNCATE' THEN
        RAISE EXCEPTION 'event_log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF NEW.seq <> OLD.seq OR NEW.event_id <> OLD.event_id OR NEW.topic <> OLD.topic
       OR NEW.aggregate_type <> OLD.aggregate_type OR NEW.aggregate_id <> OLD.aggregate_id
       OR NEW.event_type <> OLD.event_type OR NEW.occurred_at <> OLD.occurred_at OR NEW.message <> OLD.message THEN
        RAISE EXCEPTION 'event_log entry % is immutable', OLD.seq USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF OLD.position IS NOT NULL AND (NEW.position IS DISTINCT FROM OLD.position OR NEW.prev_hash IS DISTINCT FROM OLD.prev_hash
       OR NEW.hash IS DISTINCT FROM OLD.hash OR NEW.chained_at IS DISTINCT FROM OLD.chained_at) THEN
        RAISE EXCEPTION 'event_log entry % is already chained', OLD.seq USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF OLD.published_at IS NOT NULL AND NEW.published_at IS DISTINCT FROM OLD.published_at THEN
        RAISE EXCEPTION 'event_log entry % is already published', OLD.seq USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END;
$$;

CREATE TRIGGER event_log_guard_row BEFORE UPDATE OR DELETE ON event_log FOR EACH ROW EXECUTE FUNCTION event_log_guard();
CREATE TRIGGER event_log_guard_truncate BEFORE TRUNCATE ON event_log FOR EACH STATEMENT EXECUTE FUNCTION event_log_guard();
