-- A binary-mode CloudEvent carries its attributes in Kafka headers: a dead letter keeps them, so that its replay reads
-- the same event.
ALTER TABLE dead_letter ADD COLUMN record_headers text;
