-- The relay's backlog (entries not yet published, and the oldest of them) is read every few seconds for metrics and
-- readiness; this keeps that read proportional to the backlog, not to the whole log.
CREATE INDEX event_log_unpublished_seq_ix ON event_log (seq) WHERE published_at IS NULL;
