-- The ledger's history is append-only (its triggers say so to anyone); the service role is not even granted what the
-- triggers would refuse, and, not owning them, cannot switch them off.
REVOKE UPDATE, DELETE, TRUNCATE ON ledger_transaction, issuance_line, account_state_change, verified_vintage,
    article6_authorization, authorized_range, first_transfer, corresponding_adjustment FROM ${service_role};
-- A unit block is written once and closed once: of its columns, only the closing pair is ever updated.
REVOKE UPDATE, DELETE, TRUNCATE ON unit_block FROM ${service_role};
GRANT UPDATE (closed_by, closed_at) ON unit_block TO ${service_role};
-- An external transfer is settled once (external_transfer_settles_once) and never deleted.
REVOKE DELETE, TRUNCATE ON external_transfer FROM ${service_role};
