-- The blocks a movement may take, in the order it takes them (oldest vintage, issuing registry, lowest serial): an index
-- that holds exactly those rows of an account, so planning a movement reads only them. Without it the planner could pick
-- the project index and filter every open block of the registry by account (a receiver holding thousands of small blocks
-- made a sender's one-block plan read 15,000 rows in a benchmark).
CREATE INDEX unit_block_free_ix ON unit_block (account_id, vintage, registry_code, lower(serials))
    WHERE closed_by IS NULL AND reserved_for IS NULL;

-- Every movement closes a block version and opens others, so the table churns: vacuum and analyze it after 2 % of its
-- rows changed, not PostgreSQL's default 20 %, so that partial indexes of open blocks do not fill with dead entries and
-- plans follow the table's shape as the ledger grows.
ALTER TABLE unit_block SET (autovacuum_vacuum_scale_factor = 0.02, autovacuum_analyze_scale_factor = 0.02);
