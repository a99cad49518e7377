-- The credit ledger: entity accounts, verified reductions (from project-registry), issuances, transactions and the
-- serial blocks they move. Nothing an auditor may need later is updated in place: a block is never changed, only
-- closed once when a transaction moves or splits it, and replaced by the blocks that transaction opens.
-- Needs btree_gist (for the registry-code equality in the blocks' exclusion constraint), which the provisioning
-- creates as superuser: the service role cannot.

-- Accounts: entity holding accounts for legal entities, dated state changes with reasons.
ALTER TABLE registry ADD COLUMN last_account_number bigint NOT NULL DEFAULT 1,
    ADD CONSTRAINT registry_last_account_number_ck CHECK (last_account_number >= 1);

ALTER TABLE account
    ADD COLUMN holder_identifier text,
    ADD COLUMN contact_email text,
    ADD COLUMN contact_phone text,
    ADD COLUMN participant_id text,
    ADD COLUMN state_changed_at timestamptz,
    ADD COLUMN state_reason text,
    ADD CONSTRAINT account_entity_identified_ck CHECK (type <> 'ENTITY_HOLDING' OR (holder_identifier IS NOT NULL AND contact_email IS NOT NULL)),
    ADD CONSTRAINT account_singleton_stays_open_ck CHECK (type = 'ENTITY_HOLDING' OR state = 'OPEN');
UPDATE account SET state_changed_at = opened_at;
ALTER TABLE account ALTER COLUMN state_changed_at SET NOT NULL;
CREATE UNIQUE INDEX account_holder_identifier_uk ON account (registry_code, holder_identifier) WHERE state <> 'CLOSED';
CREATE INDEX account_participant_ix ON account (participant_id) WHERE participant_id IS NOT NULL;

CREATE TABLE account_state_change (
    account_id uuid        NOT NULL REFERENCES account (id),
    seq        int         NOT NULL,
    from_state text        NOT NULL,
    to_state   text        NOT NULL,
    reason     text        NOT NULL,
    actor      text        NOT NULL,
    changed_at timestamptz NOT NULL,
    PRIMARY KEY (account_id, seq)
);

-- Verified reductions per (project, monitoring period, vintage), from ReductionsVerified. A correction names the
-- verification it supersedes; the one nobody supersedes is the one an issuance rests on.
CREATE TABLE verified_period (
    verification_id      text        PRIMARY KEY,
    supersedes           text        UNIQUE,
    project_id           text        NOT NULL,
    project_reference    text        NOT NULL,
    host_country         varchar(2)  NOT NULL,
    monitoring_report_id text        NOT NULL,
    period_start         date        NOT NULL,
    period_end           date        NOT NULL,
    total_verified       bigint      NOT NULL CHECK (total_verified >= 0),
    tpe_id               text        NOT NULL,
    tpe_name             text        NOT NULL,
    verified_on          date        NOT NULL,
    received_at          timestamptz NOT NULL
);
CREATE INDEX verified_period_project_ix ON verified_period (project_id, period_start, period_end);

CREATE TABLE verified_vintage (
    verification_id text   NOT NULL REFERENCES verified_period (verification_id),
    vintage         int    NOT NULL CHECK (vintage BETWEEN 1990 AND 2199),
    tonnes          bigint NOT NULL CHECK (tonnes >= 0),
    PRIMARY KEY (verification_id, vintage)
);

-- One issuance per (project, monitoring period), requested by a participant, decided by the Joint Committee.
CREATE TABLE issuance (
    id                   uuid        PRIMARY KEY,
    seq                  bigint      GENERATED ALWAYS AS IDENTITY UNIQUE,
    project_id           text        NOT NULL,
    project_reference    text        NOT NULL,
    host_country         varchar(2)  NOT NULL,
    period_start         date        NOT NULL,
    period_end           date        NOT NULL,
    verification_id      text        NOT NULL REFERENCES verified_period (verification_id),
    state                text        NOT NULL,
    requested_by         text        NOT NULL,
    requested_at         timestamptz NOT NULL,
    decision_reference   text,
    decided_on           date,
    decision_recorded_by text,
    issued_at            timestamptz,
    CONSTRAINT issuance_state_ck CHECK (state IN ('REQUESTED', 'ISSUED')),
    CONSTRAINT issuance_decided_ck CHECK ((state = 'ISSUED') = (decision_reference IS NOT NULL AND issued_at IS NOT NULL)),
    CONSTRAINT issuance_one_per_period_uk UNIQUE (project_id, period_start, period_end)
);
CREATE INDEX issuance_history_ix ON issuance (host_country, project_reference, period_start);

-- Every ledger transaction, completed in one database transaction with the blocks it moved.
CREATE TABLE ledger_transaction (
    id                 uuid        PRIMARY KEY,
    seq                bigint      GENERATED ALWAYS AS IDENTITY UNIQUE,
    registry_code      text        NOT NULL REFERENCES registry (code),
    type               text        NOT NULL,
    state              text        NOT NULL,
    actor              text        NOT NULL,
    at                 timestamptz NOT NULL,
    decision           text,
    from_account       uuid        REFERENCES account (id),
    to_account         uuid        NOT NULL REFERENCES account (id),
    quantity           bigint      NOT NULL CHECK (quantity > 0),
    issuance_id        uuid        REFERENCES issuance (id),
    reason             text,
    retirement_purpose text,
    beneficiary        text,
    year_of_use        int,
    CONSTRAINT ledger_transaction_type_ck CHECK (type IN ('ISSUANCE', 'INTERNAL_TRANSFER', 'CANCELLATION', 'RETIREMENT')),
    CONSTRAINT ledger_transaction_state_ck CHECK (state IN ('PROPOSED', 'COMPLETED', 'REJECTED')),
    CONSTRAINT ledger_transaction_issuance_ck CHECK ((type = 'ISSUANCE') = (issuance_id IS NOT NULL AND from_account IS NULL)),
    CONSTRAINT ledger_transaction_retirement_ck CHECK ((type = 'RETIREMENT') = (retirement_purpose IS NOT NULL)),
    CONSTRAINT ledger_transaction_purpose_ck CHECK (retirement_purpose IN ('NDC', 'OIMP', 'VOLUNTARY')),
    CONSTRAINT ledger_transaction_cancellation_ck CHECK (type <> 'CANCELLATION' OR reason IS NOT NULL)
);
CREATE INDEX ledger_transaction_registry_ix ON ledger_transaction (registry_code, seq);
CREATE INDEX ledger_transaction_from_ix ON ledger_transaction (from_account, seq);
CREATE INDEX ledger_transaction_to_ix ON ledger_transaction (to_account, seq);

CREATE TABLE issuance_line (
    issuance_id    uuid   NOT NULL REFERENCES issuance (id),
    line_no        int    NOT NULL,
    registry_code  text   NOT NULL REFERENCES registry (code),
    account_id     uuid   NOT NULL REFERENCES account (id),
    vintage        int    NOT NULL CHECK (vintage BETWEEN 1990 AND 2199),
    quantity       bigint NOT NULL CHECK (quantity > 0),
    transaction_id uuid   NOT NULL REFERENCES ledger_transaction (id),
    PRIMARY KEY (issuance_id, line_no)
);

-- Serial blocks. A row is one version of a block: opened by the transaction that issued it or moved it here, closed
-- (once) by the transaction that moved or split it. The current blocks are the open rows; the blocks of an account
-- as of an instant are the rows open at that instant; the lineage of a serial is every row whose range contains it.
CREATE TABLE unit_block (
    id                bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    registry_code     text        NOT NULL REFERENCES registry (code),
    serials           int8range   NOT NULL,
    project_id        text        NOT NULL,
    project_reference text        NOT NULL,
    period_start      date        NOT NULL,
    period_end        date        NOT NULL,
    vintage           int         NOT NULL,
    issuance_id       uuid        NOT NULL REFERENCES issuance (id),
    account_id        uuid        NOT NULL REFERENCES account (id),
    final             boolean     NOT NULL,
    origin            text        NOT NULL,
    parent_id         bigint      REFERENCES unit_block (id),
    opened_by         uuid        NOT NULL REFERENCES ledger_transaction (id),
    opened_at         timestamptz NOT NULL,
    closed_by         uuid        REFERENCES ledger_transaction (id),
    closed_at         timestamptz,
    CONSTRAINT unit_block_serials_ck CHECK (NOT isempty(serials) AND lower_inc(serials) AND NOT upper_inc(serials) AND lower(serials) >= 1),
    CONSTRAINT unit_block_origin_ck CHECK (origin IN ('ISSUED', 'MOVED', 'KEPT')),
    CONSTRAINT unit_block_lineage_ck CHECK ((origin = 'ISSUED') = (parent_id IS NULL)),
    CONSTRAINT unit_block_closed_ck CHECK ((closed_by IS NULL) = (closed_at IS NULL) AND (closed_at IS NULL OR closed_at >= opened_at)),
    CONSTRAINT unit_block_final_never_moves_ck CHECK (NOT (final AND closed_by IS NOT NULL)),
    CONSTRAINT unit_block_no_overlap_ex EXCLUDE USING gist (registry_code WITH =, serials WITH &&) WHERE (closed_by IS NULL)
);
CREATE INDEX unit_block_held_ix ON unit_block (account_id, vintage, lower(serials)) WHERE closed_by IS NULL;
CREATE INDEX unit_block_as_of_ix ON unit_block (account_id, opened_at);
CREATE INDEX unit_block_serial_ix ON unit_block USING gist (registry_code, serials);
CREATE INDEX unit_block_opened_by_ix ON unit_block (opened_by);
CREATE INDEX unit_block_project_ix ON unit_block (project_id) WHERE closed_by IS NULL;

-- A block is written once and closed once; nothing else about it ever changes and nothing is deleted.
CREATE FUNCTION unit_block_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'unit_block rows are never deleted' USING ERRCODE = 'check_violation', CONSTRAINT = 'unit_block_append_only';
    END IF;
    IF OLD.closed_by IS NOT NULL
            OR (NEW.id, NEW.registry_code, NEW.serials, NEW.project_id, NEW.project_reference, NEW.period_start, NEW.period_end,
                NEW.vintage, NEW.issuance_id, NEW.account_id, NEW.final, NEW.origin, NEW.parent_id, NEW.opened_by, NEW.opened_at)
               IS DISTINCT FROM
               (OLD.id, OLD.registry_code, OLD.serials, OLD.project_id, OLD.project_reference, OLD.period_start, OLD.period_end,
                OLD.vintage, OLD.issuance_id, OLD.account_id, OLD.final, OLD.origin, OLD.parent_id, OLD.opened_by, OLD.opened_at) THEN
        RAISE EXCEPTION 'a unit block is only ever closed, once' USING ERRCODE = 'check_violation', CONSTRAINT = 'unit_block_append_only';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER unit_block_append_only BEFORE UPDATE OR DELETE ON unit_block FOR EACH ROW EXECUTE FUNCTION unit_block_append_only();

-- Transactions and the history of account states are never rewritten either.
CREATE FUNCTION ledger_history_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% rows are never updated or deleted', TG_TABLE_NAME USING ERRCODE = 'check_violation', CONSTRAINT = 'ledger_history_append_only';
END $$;
CREATE TRIGGER ledger_transaction_append_only BEFORE UPDATE OR DELETE ON ledger_transaction FOR EACH ROW EXECUTE FUNCTION ledger_history_append_only();
CREATE TRIGGER issuance_line_append_only BEFORE UPDATE OR DELETE ON issuance_line FOR EACH ROW EXECUTE FUNCTION ledger_history_append_only();
CREATE TRIGGER account_state_change_append_only BEFORE UPDATE OR DELETE ON account_state_change FOR EACH ROW EXECUTE FUNCTION ledger_history_append_only();
CREATE TRIGGER verified_vintage_append_only BEFORE UPDATE OR DELETE ON verified_vintage FOR EACH ROW EXECUTE FUNCTION ledger_history_append_only();

-- The serial counter never goes back.
CREATE FUNCTION registry_counter_only_grows() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.last_serial < OLD.last_serial OR NEW.last_account_number < OLD.last_account_number THEN
        RAISE EXCEPTION 'a registry counter never goes back' USING ERRCODE = 'check_violation', CONSTRAINT = 'registry_counter_only_grows';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER registry_counter_only_grows BEFORE UPDATE ON registry FOR EACH ROW EXECUTE FUNCTION registry_counter_only_grows();
