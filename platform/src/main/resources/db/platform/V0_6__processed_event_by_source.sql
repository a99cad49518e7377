-- CloudEvents identify an event by source and id together: one partner reusing another's id must not suppress the other's
-- event. The digest of what was applied (type, subject, data) tells a harmless redelivery from a different event sent
-- under an id its source already used. Rows applied before this migration have no digest.
ALTER TABLE processed_event ADD COLUMN content_sha256 bytea;
ALTER TABLE processed_event DROP CONSTRAINT processed_event_pkey;
ALTER TABLE processed_event ADD CONSTRAINT processed_event_pkey PRIMARY KEY (source, event_id);
ALTER TABLE processed_event ADD CONSTRAINT processed_event_source_ck CHECK (length(source) BETWEEN 1 AND 2048);
