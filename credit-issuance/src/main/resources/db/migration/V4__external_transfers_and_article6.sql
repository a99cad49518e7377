-- External transfers between registries and Article 6 tracking.
--
-- A block's registry_code is its ISSUING registry (the space its serials are numbered in), whoever holds it: a block
-- received from another registry keeps its serials, issuing registry and vintage, and the exclusion constraint (per
-- issuing registry) makes one holder per serial across every registry kept here.

-- The Party's alpha-3 code, for ITMO identifiers ({approach}-{Article 6 registry id}-{alpha-3}-{serial}-{vintage}).
ALTER TABLE registry ADD COLUMN alpha3 varchar(3);
UPDATE registry r SET alpha3 = coalesce((SELECT k.snapshot ->> 'alpha3' FROM read_model k WHERE k.model = 'country' AND k.id = r.country_code),
                                        CASE WHEN r.country_code = 'JP' THEN 'JPN' END, upper(r.country_code) || 'X');
ALTER TABLE registry ALTER COLUMN alpha3 SET NOT NULL, ADD CONSTRAINT registry_alpha3_ck CHECK (alpha3 ~ '^[A-Z]{3}$');

-- One external transfer between two registries: the sending side reserves its blocks (PROPOSED), the receiving side
-- accepts (COMPLETED) or rejects (REJECTED); a timeout (EXPIRED) or an operator (CANCELLED) releases them. Direction OUT:
-- this system holds the sending registry; IN: an external registry proposed it to a registry kept here.
CREATE TABLE external_transfer (
    id               uuid        PRIMARY KEY,
    seq              bigint      GENERATED ALWAYS AS IDENTITY UNIQUE,
    direction        text        NOT NULL,
    state            text        NOT NULL,
    from_registry    text        NOT NULL REFERENCES registry (code),
    to_registry      text        NOT NULL REFERENCES registry (code),
    from_account     text,
    to_account       text        NOT NULL,
    quantity         bigint      NOT NULL CHECK (quantity > 0),
    decision         text,
    proposed_by      text        NOT NULL,
    proposed_at      timestamptz NOT NULL,
    expires_at       timestamptz,
    settled_by       text,
    settled_at       timestamptz,
    rule_code        text,
    reason           text,
    CONSTRAINT external_transfer_direction_ck CHECK (direction IN ('OUT', 'IN')),
    CONSTRAINT external_transfer_state_ck CHECK (state IN ('PROPOSED', 'COMPLETED', 'REJECTED', 'EXPIRED', 'CANCELLED')),
    CONSTRAINT external_transfer_registries_ck CHECK (from_registry <> to_registry),
    CONSTRAINT external_transfer_settled_ck CHECK ((state = 'PROPOSED') = (settled_at IS NULL)),
    CONSTRAINT external_transfer_outgoing_ck CHECK (direction = 'IN' OR (from_account IS NOT NULL AND expires_at IS NOT NULL))
);
CREATE INDEX external_transfer_pending_ix ON external_transfer (expires_at) WHERE state = 'PROPOSED';

-- A settled transfer is never settled again, and nothing but its settlement ever changes.
CREATE FUNCTION external_transfer_settles_once() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' OR OLD.state <> 'PROPOSED'
            OR (NEW.id, NEW.direction, NEW.from_registry, NEW.to_registry, NEW.from_account, NEW.to_account, NEW.quantity, NEW.proposed_at)
               IS DISTINCT FROM
               (OLD.id, OLD.direction, OLD.from_registry, OLD.to_registry, OLD.from_account, OLD.to_account, OLD.quantity, OLD.proposed_at) THEN
        RAISE EXCEPTION 'an external transfer is settled once and never changed again'
            USING ERRCODE = 'check_violation', CONSTRAINT = 'external_transfer_settles_once';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER external_transfer_settles_once BEFORE UPDATE OR DELETE ON external_transfer FOR EACH ROW EXECUTE FUNCTION external_transfer_settles_once();

-- Transactions: the steps of an external transfer (PROPOSED reserves, COMPLETED debits and credits, REJECTED releases),
-- and the authorization of units (which splits blocks so that authorized units are whole blocks).
ALTER TABLE ledger_transaction
    ALTER COLUMN to_account DROP NOT NULL,
    ADD COLUMN transfer_id uuid REFERENCES external_transfer (id),
    ADD COLUMN counterpart_registry text REFERENCES registry (code),
    DROP CONSTRAINT ledger_transaction_type_ck,
    ADD CONSTRAINT ledger_transaction_type_ck CHECK (type IN ('ISSUANCE', 'INTERNAL_TRANSFER', 'EXTERNAL_TRANSFER', 'CANCELLATION', 'RETIREMENT',
        'AUTHORIZATION')),
    ADD CONSTRAINT ledger_transaction_external_ck CHECK ((type = 'EXTERNAL_TRANSFER') = (transfer_id IS NOT NULL AND counterpart_registry IS NOT NULL)),
    ADD CONSTRAINT ledger_transaction_receiver_ck CHECK (to_account IS NOT NULL OR type IN ('EXTERNAL_TRANSFER', 'AUTHORIZATION')),
    ADD CONSTRAINT ledger_transaction_settled_ck CHECK (state = 'COMPLETED' OR type = 'EXTERNAL_TRANSFER');
CREATE INDEX ledger_transaction_transfer_ix ON ledger_transaction (transfer_id) WHERE transfer_id IS NOT NULL;
-- A registry's log shows the transfers it receives too: keyset pages over both sides, each by its own index.
CREATE INDEX ledger_transaction_counterpart_ix ON ledger_transaction (counterpart_registry, seq) WHERE counterpart_registry IS NOT NULL;

-- Blocks: received blocks have no parent here (and no issuance of this system); a reserved block names its transfer.
ALTER TABLE unit_block
    ADD COLUMN reserved_for uuid REFERENCES external_transfer (id),
    ALTER COLUMN issuance_id DROP NOT NULL,
    DROP CONSTRAINT unit_block_origin_ck,
    ADD CONSTRAINT unit_block_origin_ck CHECK (origin IN ('ISSUED', 'MOVED', 'KEPT', 'RECEIVED', 'RESERVED', 'RELEASED')),
    DROP CONSTRAINT unit_block_lineage_ck,
    ADD CONSTRAINT unit_block_lineage_ck CHECK ((origin IN ('ISSUED', 'RECEIVED')) = (parent_id IS NULL)),
    ADD CONSTRAINT unit_block_issued_ck CHECK (origin <> 'ISSUED' OR issuance_id IS NOT NULL),
    ADD CONSTRAINT unit_block_reserved_ck CHECK ((origin = 'RESERVED') = (reserved_for IS NOT NULL));
CREATE INDEX unit_block_reserved_ix ON unit_block (reserved_for) WHERE reserved_for IS NOT NULL AND closed_by IS NULL;

-- A block is written once and closed once; a reserved block is closed only by a step of the transfer that reserved it.
CREATE OR REPLACE FUNCTION unit_block_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'unit_block rows are never deleted' USING ERRCODE = 'check_violation', CONSTRAINT = 'unit_block_append_only';
    END IF;
    IF OLD.closed_by IS NOT NULL
            OR (NEW.id, NEW.registry_code, NEW.serials, NEW.project_id, NEW.project_reference, NEW.period_start, NEW.period_end,
                NEW.vintage, NEW.issuance_id, NEW.account_id, NEW.final, NEW.origin, NEW.parent_id, NEW.opened_by, NEW.opened_at,
                NEW.reserved_for)
               IS DISTINCT FROM
               (OLD.id, OLD.registry_code, OLD.serials, OLD.project_id, OLD.project_reference, OLD.period_start, OLD.period_end,
                OLD.vintage, OLD.issuance_id, OLD.account_id, OLD.final, OLD.origin, OLD.parent_id, OLD.opened_by, OLD.opened_at,
                OLD.reserved_for) THEN
        RAISE EXCEPTION 'a unit block is only ever closed, once' USING ERRCODE = 'check_violation', CONSTRAINT = 'unit_block_append_only';
    END IF;
    IF OLD.reserved_for IS NOT NULL AND NOT EXISTS (
            SELECT 1 FROM ledger_transaction t WHERE t.id = NEW.closed_by AND t.transfer_id = OLD.reserved_for) THEN
        RAISE EXCEPTION 'block % is reserved for transfer %: nothing else moves it', OLD.id, OLD.reserved_for
            USING ERRCODE = 'check_violation', CONSTRAINT = 'unit_block_reserved_moves_once';
    END IF;
    RETURN NEW;
END $$;

-- Article 6 authorizations by the host Party: which units (named blocks, or a project's vintages up to a quantity),
-- for which uses, and which act counts as their first transfer. Source TRANSFER: the authorization of an external
-- Party, as its proposal of a transfer to a registry kept here reported it.
CREATE TABLE article6_authorization (
    id             uuid        PRIMARY KEY,
    seq            bigint      GENERATED ALWAYS AS IDENTITY UNIQUE,
    registry_code  text        NOT NULL REFERENCES registry (code),
    reference      text        NOT NULL,
    authorized_on  date        NOT NULL,
    ndc            boolean     NOT NULL,
    oimp           boolean     NOT NULL,
    first_transfer text        NOT NULL,
    quantity       bigint      NOT NULL CHECK (quantity > 0),
    source         text        NOT NULL,
    actor          text        NOT NULL,
    recorded_at    timestamptz NOT NULL,
    transaction_id uuid        REFERENCES ledger_transaction (id),
    CONSTRAINT article6_authorization_use_ck CHECK (ndc OR oimp),
    CONSTRAINT article6_authorization_first_transfer_ck CHECK (first_transfer IN ('INTERNATIONAL_TRANSFER', 'AUTHORIZATION', 'ISSUANCE',
        'USE_OR_CANCELLATION')),
    CONSTRAINT article6_authorization_source_ck CHECK (source IN ('OPERATOR', 'PARTNER', 'TRANSFER')),
    CONSTRAINT article6_authorization_reference_uk UNIQUE (registry_code, reference)
);

-- The serials an authorization covers: whole blocks at the time; a serial is authorized once.
CREATE TABLE authorized_range (
    authorization_id uuid        NOT NULL REFERENCES article6_authorization (id),
    registry_code    text        NOT NULL REFERENCES registry (code),
    serials          int8range   NOT NULL,
    vintage          int         NOT NULL,
    recorded_at      timestamptz NOT NULL,
    CONSTRAINT authorized_range_serials_ck CHECK (NOT isempty(serials) AND lower_inc(serials) AND NOT upper_inc(serials)),
    CONSTRAINT authorized_range_once_ex EXCLUDE USING gist (registry_code WITH =, serials WITH &&)
);

-- The first transfer of authorized units, recorded exactly once per serial (the database refuses a second), and never
-- before their authorization.
CREATE TABLE first_transfer (
    registry_code    text        NOT NULL REFERENCES registry (code),
    serials          int8range   NOT NULL,
    authorization_id uuid        NOT NULL REFERENCES article6_authorization (id),
    act              text        NOT NULL,
    transaction_id   uuid        NOT NULL REFERENCES ledger_transaction (id),
    at               timestamptz NOT NULL,
    CONSTRAINT first_transfer_serials_ck CHECK (NOT isempty(serials) AND lower_inc(serials) AND NOT upper_inc(serials)),
    CONSTRAINT first_transfer_act_ck CHECK (act IN ('AUTHORIZATION', 'ISSUANCE', 'INTERNATIONAL_TRANSFER', 'USE', 'CANCELLATION')),
    CONSTRAINT first_transfer_once_ex EXCLUDE USING gist (registry_code WITH =, serials WITH &&)
);

CREATE FUNCTION first_transfer_authorized() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM authorized_range a WHERE a.registry_code = NEW.registry_code AND a.serials @> NEW.serials
                   AND a.authorization_id = NEW.authorization_id AND a.recorded_at <= NEW.at) THEN
        RAISE EXCEPTION 'serials % of % were not authorized before their first transfer', NEW.serials, NEW.registry_code
            USING ERRCODE = 'check_violation', CONSTRAINT = 'first_transfer_authorized';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER first_transfer_authorized BEFORE INSERT ON first_transfer FOR EACH ROW EXECUTE FUNCTION first_transfer_authorized();

-- The corresponding adjustment for first-transferred units, applied once per serial (a partner event or an operator record).
CREATE TABLE corresponding_adjustment (
    registry_code text        NOT NULL REFERENCES registry (code),
    serials       int8range   NOT NULL,
    reference     text        NOT NULL,
    year          int         NOT NULL CHECK (year BETWEEN 2021 AND 2199),
    source        text        NOT NULL CHECK (source IN ('OPERATOR', 'PARTNER')),
    actor         text        NOT NULL,
    recorded_at   timestamptz NOT NULL,
    CONSTRAINT corresponding_adjustment_serials_ck CHECK (NOT isempty(serials) AND lower_inc(serials) AND NOT upper_inc(serials)),
    CONSTRAINT corresponding_adjustment_once_ex EXCLUDE USING gist (registry_code WITH =, serials WITH &&)
);

CREATE TRIGGER article6_authorization_append_only BEFORE UPDATE OR DELETE ON article6_authorization FOR EACH ROW EXECUTE FUNCTION ledger_history_append_only();
CREATE TRIGGER authorized_range_append_only BEFORE UPDATE OR DELETE ON authorized_range FOR EACH ROW EXECUTE FUNCTION ledger_history_append_only();
CREATE TRIGGER first_transfer_append_only BEFORE UPDATE OR DELETE ON first_transfer FOR EACH ROW EXECUTE FUNCTION ledger_history_append_only();
CREATE TRIGGER corresponding_adjustment_append_only BEFORE UPDATE OR DELETE ON corresponding_adjustment FOR EACH ROW EXECUTE FUNCTION ledger_history_append_only();
