-- The blocks a transaction closed are looked up by transaction (every transfer's answer and the transaction log):
-- without this index each lookup scanned every block version ever written, so transfers slowed as the ledger grew
-- (seen in the ledger benchmark: a sequential scan of unit_block per transfer).
CREATE INDEX unit_block_closed_by_ix ON unit_block (closed_by) WHERE closed_by IS NOT NULL;
