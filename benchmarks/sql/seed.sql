-- benchmarks/run-transfer-sql.sh: the ledger a transfer's statements run on. One registry (TH), 32 senders holding 10^6
-- credits each in one issued block, 100 receivers; rows as the service writes them, with every constraint in force.
SET search_path = credit_issuance;
INSERT INTO registry (code, country_code, name, article6_registry_id, hosting, state, opened_at, alpha3, last_serial)
  VALUES ('TH', 'TH', 'Thailand', 'TH-REG', 'HOSTED', 'ACTIVE', now(), 'THA', 0);
INSERT INTO account (id, number, registry_code, type, holder, state, opened_at, state_changed_at, holder_identifier, contact_email)
  SELECT gen_random_uuid(), 'TH-S-' || lpad(i::text, 3, '0'), 'TH', 'ENTITY_HOLDING', 'S' || i, 'OPEN', now(), now(), 'S' || i, 'x@y' FROM generate_series(1, 32) i;
INSERT INTO account (id, number, registry_code, type, holder, state, opened_at, state_changed_at, holder_identifier, contact_email)
  SELECT gen_random_uuid(), 'TH-R-' || lpad(i::text, 3, '0'), 'TH', 'ENTITY_HOLDING', 'R' || i, 'OPEN', now(), now(), 'R' || i, 'x@y' FROM generate_series(1, 100) i;
INSERT INTO verified_period VALUES ('V1', NULL, 'P1', 'TH001', 'TH', 'M1', '2020-01-01', '2020-12-31', 100000000, 'T1', 'TPE', '2021-01-01', now());
INSERT INTO issuance (id, project_id, project_reference, host_country, period_start, period_end, verification_id, state, requested_by, requested_at, decision_reference, decided_on, decision_recorded_by, issued_at)
  VALUES ('00000000-0000-0000-0000-000000000001', 'P1', 'TH001', 'TH', '2020-01-01', '2020-12-31', 'V1', 'ISSUED', 'x', now(), 'JC', '2021-02-01', 'x', now());
-- one ISSUANCE transaction and one block of 10^6 per sender
INSERT INTO ledger_transaction (id, registry_code, type, state, actor, at, to_account, quantity, issuance_id)
  SELECT gen_random_uuid(), 'TH', 'ISSUANCE', 'COMPLETED', 'seed', now(), a.id, 1000000, '00000000-0000-0000-0000-000000000001'
  FROM account a WHERE number LIKE 'TH-S-%';
INSERT INTO unit_block (registry_code, serials, project_id, project_reference, period_start, period_end, vintage, issuance_id, account_id, final, origin, opened_by, opened_at)
  SELECT 'TH', int8range(1 + (row_number() OVER (ORDER BY t.seq) - 1) * 1000000, 1 + row_number() OVER (ORDER BY t.seq) * 1000000), 'P1', 'TH001', '2020-01-01', '2020-12-31', 2020,
         '00000000-0000-0000-0000-000000000001', t.to_account, false, 'ISSUED', t.id, t.at
  FROM ledger_transaction t;
UPDATE registry SET last_serial = 32000000;

ANALYZE;
