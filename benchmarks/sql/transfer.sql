-- benchmarks/run-transfer-sql.sh: one internal transfer of 1 credit, statement for statement as credit-issuance sends it
-- (MovementService.transfer, Ledger.write, EventLog.append), with pgbench variables where the service binds parameters.
-- Each client sends from its own sender (client_id) to a random receiver.
\set r random(1, 100)
BEGIN;
SELECT id, number, state FROM credit_issuance.account WHERE number IN ('TH-S-' || lpad((:client_id::int % 32 + 1)::text, 3, '0'), 'TH-R-' || lpad(:r::text, 3, '0'));
SELECT code, state, last_serial FROM credit_issuance.registry WHERE code = 'TH';
SELECT id AS sid FROM credit_issuance.account WHERE number = 'TH-S-' || lpad((:client_id::int % 32 + 1)::text, 3, '0') FOR NO KEY UPDATE \gset
SELECT id AS rid FROM credit_issuance.account WHERE number = 'TH-R-' || lpad(:r::text, 3, '0') FOR SHARE \gset
SELECT id AS bid, lower(serials) AS lo, upper(serials) - 1 AS hi FROM (
    SELECT b.*, sum(upper(serials) - lower(serials)) OVER (ORDER BY vintage, registry_code, lower(serials)) AS running
    FROM credit_issuance.unit_block b WHERE account_id = :sid AND closed_by IS NULL AND reserved_for IS NULL) held
  WHERE running - (upper(serials) - lower(serials)) < 1 ORDER BY vintage, registry_code, lower(serials) \gset
SELECT gen_random_uuid() AS txid \gset
WITH tx AS (
    INSERT INTO credit_issuance.ledger_transaction (id, registry_code, type, state, actor, at, from_account, to_account, quantity)
    VALUES (:txid, 'TH', 'INTERNAL_TRANSFER', 'COMPLETED', 'bench', clock_timestamp(), :sid, :rid, 1) RETURNING seq, at),
closed AS (
    UPDATE credit_issuance.unit_block SET closed_by = :txid, closed_at = (SELECT at FROM tx)
    WHERE id = ANY(ARRAY[:bid::bigint]) AND closed_by IS NULL RETURNING id),
opened AS (
    INSERT INTO credit_issuance.unit_block (registry_code, serials, project_id, project_reference, period_start, period_end, vintage,
        issuance_id, account_id, final, origin, parent_id, opened_by, opened_at, reserved_for) VALUES
    ('TH', int8range(:lo::bigint, :lo::bigint, '[]'), 'P1', 'TH001', '2020-01-01', '2020-12-31', 2020, '00000000-0000-0000-0000-000000000001',
        :rid, false, 'MOVED', :bid::bigint, :txid, (SELECT at FROM tx WHERE (SELECT count(*) FROM closed) >= 0), NULL),
    ('TH', int8range(:lo::bigint + 1, :hi::bigint, '[]'), 'P1', 'TH001', '2020-01-01', '2020-12-31', 2020, '00000000-0000-0000-0000-000000000001',
        :sid, false, 'KEPT', :bid::bigint, :txid, (SELECT at FROM tx WHERE (SELECT count(*) FROM closed) >= 0), NULL)
    RETURNING id, registry_code, lower(serials))
SELECT seq, at, (SELECT count(*) FROM closed), o.id FROM tx LEFT JOIN opened o ON true;
INSERT INTO credit_issuance.event_log (event_id, topic, aggregate_type, aggregate_id, event_type, occurred_at, message)
  VALUES (gen_random_uuid(), 'jcm.credit-issuance.transactions.v1', 'LedgerTransaction', :txid, 'CreditsTransferred', now(), repeat('x', 900));
END;
