-- Per-country sequences of references: methodologies ({CC}_AM{NNN}), idea notes ({CC}_PIN{NNN}) and registered
-- projects ({CC}{NNN}). A number is taken with INSERT .. ON CONFLICT DO UPDATE .. RETURNING, which locks the
-- country's row until the transaction ends: concurrent takers queue, each gets the next number, none is reused.
CREATE TABLE reference_counter (
    country     varchar(2)  NOT NULL,
    kind        text        NOT NULL,
    last_value  integer     NOT NULL,
    CONSTRAINT reference_counter_pk PRIMARY KEY (country, kind),
    CONSTRAINT reference_counter_kind_ck CHECK (kind IN ('METHODOLOGY', 'PIN', 'PROJECT')),
    CONSTRAINT reference_counter_value_ck CHECK (last_value > 0)
);

CREATE TABLE methodology (
    id                          uuid        PRIMARY KEY,
    country                     varchar(2)  NOT NULL,
    reference                   text,
    title                       text        NOT NULL,
    version                     integer     NOT NULL,
    sectoral_scope              integer     NOT NULL,
    state                       text        NOT NULL,
    revision                    bigint      NOT NULL,
    proposed_on                 date        NOT NULL,
    approval_reference          text,
    approved_on                 date,
    last_decision_reference     text,
    last_decided_on             date,
    created_at                  timestamptz NOT NULL,
    updated_at                  timestamptz NOT NULL,
    CONSTRAINT methodology_reference_uk UNIQUE (reference),
    CONSTRAINT methodology_country_ck CHECK (country ~ '^[A-Z]{2}$'),
    CONSTRAINT methodology_reference_ck CHECK (reference IS NULL OR reference ~ ('^' || country || '_AM[0-9]{3,}$')),
    CONSTRAINT methodology_state_ck CHECK (state IN ('PROPOSED', 'APPROVED', 'REJECTED', 'WITHDRAWN')),
    CONSTRAINT methodology_approved_has_reference_ck CHECK (state NOT IN ('APPROVED', 'WITHDRAWN') OR (reference IS NOT NULL AND approved_on IS NOT NULL)),
    CONSTRAINT methodology_scope_ck CHECK (sectoral_scope BETWEEN 1 AND 15),
    CONSTRAINT methodology_version_ck CHECK (version >= 1)
);
CREATE INDEX methodology_country_state_ix ON methodology (country, state);

-- project_key exists for the monitoring periods' exclusion constraint: range types have native GiST support,
-- uuid has none without btree_gist (an extension the service role may not create).
CREATE TABLE project (
    id                              uuid        PRIMARY KEY,
    project_key                     bigint      GENERATED ALWAYS AS IDENTITY,
    pin_reference                   text        NOT NULL,
    reference                       text,
    title                           text        NOT NULL,
    host_country                    varchar(2)  NOT NULL,
    methodology_id                  uuid        NOT NULL REFERENCES methodology (id),
    methodology_reference           text        NOT NULL,
    methodology_version             integer     NOT NULL,
    sectoral_scope                  integer     NOT NULL,
    state                           text        NOT NULL,
    revision                        bigint      NOT NULL,
    crediting_period_start          date        NOT NULL,
    crediting_period_end            date        NOT NULL,
    estimated_annual_reductions     bigint      NOT NULL,
    allocation_government_of_japan  numeric(5, 2) NOT NULL,
    allocation_partner_government   numeric(5, 2) NOT NULL,
    allocation_participants         numeric(5, 2) NOT NULL,
    japanese_city                   text,
    partner_city                    text,
    submitted_on                    date        NOT NULL,
    no_objection_reference          text,
    no_objection_on                 date,
    design_published_on             date,
    validation_tpe_id               text,
    validation_tpe_name             text,
    validated_on                    date,
    registration_requested_on       date,
    registration_reference          text,
    registered_on                   date,
    deregistration_reference        text,
    deregistered_on                 date,
    withdrawn_on                    date,
    created_at                      timestamptz NOT NULL,
    updated_at                      timestamptz NOT NULL,
    CONSTRAINT project_key_uk UNIQUE (project_key),
    CONSTRAINT project_pin_reference_uk UNIQUE (pin_reference),
    CONSTRAINT project_reference_uk UNIQUE (reference),
    CONSTRAINT project_pin_reference_ck CHECK (pin_reference ~ ('^' || host_country || '_PIN[0-9]{3,}$')),
    CONSTRAINT project_reference_ck CHECK (reference IS NULL OR reference ~ ('^' || host_country || '[0-9]{3,}$')),
    CONSTRAINT project_state_ck CHECK (state IN ('IDEA_SUBMITTED', 'NO_OBJECTION', 'DESIGN_PUBLISHED', 'VALIDATED',
        'REGISTRATION_REQUESTED', 'REGISTERED', 'WITHDRAWN', 'DEREGISTERED')),
    CONSTRAINT project_registered_has_reference_ck CHECK (state NOT IN ('REGISTERED', 'DEREGISTERED') OR (reference IS NOT NULL AND registered_on IS NOT NULL)),
    CONSTRAINT project_crediting_period_ck CHECK (crediting_period_end >= crediting_period_start),
    CONSTRAINT project_estimate_ck CHECK (estimated_annual_reductions >= 0),
    CONSTRAINT project_allocation_ck CHECK (
        allocation_government_of_japan BETWEEN 0 AND 100 AND allocation_partner_government BETWEEN 0 AND 100
        AND allocation_participants BETWEEN 0 AND 100
        AND allocation_government_of_japan + allocation_partner_government + allocation_participants = 100),
    CONSTRAINT project_city_collaboration_ck CHECK ((japanese_city IS NULL) = (partner_city IS NULL)),
    CONSTRAINT project_scope_ck CHECK (sectoral_scope BETWEEN 1 AND 15)
);
CREATE INDEX project_country_state_ix ON project (host_country, state);
CREATE INDEX project_methodology_ix ON project (methodology_id);
CREATE INDEX project_city_ix ON project (lower(japanese_city), lower(partner_city)) WHERE japanese_city IS NOT NULL;

CREATE TABLE project_participant (
    project_id  uuid        NOT NULL REFERENCES project (id),
    position    integer     NOT NULL,
    name        text        NOT NULL,
    country     varchar(2)  NOT NULL,
    role        text        NOT NULL,
    focal_point boolean     NOT NULL,
    CONSTRAINT project_participant_pk PRIMARY KEY (project_id, position),
    CONSTRAINT project_participant_country_ck CHECK (country ~ '^[A-Z]{2}$')
);
CREATE UNIQUE INDEX project_participant_one_focal_point_ux ON project_participant (project_id) WHERE focal_point;

CREATE TABLE project_document (
    project_id  uuid        NOT NULL REFERENCES project (id),
    position    integer     NOT NULL,
    kind        text        NOT NULL,
    uri         text        NOT NULL,
    sha256      varchar(64) NOT NULL,
    CONSTRAINT project_document_pk PRIMARY KEY (project_id, position),
    CONSTRAINT project_document_sha256_ck CHECK (sha256 ~ '^[0-9a-f]{64}$')
);

-- Monitoring reports and verifications are never updated: a correction is a new row naming the one it supersedes.
CREATE TABLE monitoring_report (
    id              uuid        PRIMARY KEY,
    project_id      uuid        NOT NULL REFERENCES project (id),
    project_key     bigint      NOT NULL REFERENCES project (project_key),
    supersedes      uuid        REFERENCES monitoring_report (id),
    period_start    date        NOT NULL,
    period_end      date        NOT NULL,
    total_claimed   bigint      NOT NULL,
    submitted_on    date        NOT NULL,
    document_uri    text        NOT NULL,
    document_sha256 varchar(64) NOT NULL,
    submitted_by    text        NOT NULL,
    created_at      timestamptz NOT NULL,
    CONSTRAINT monitoring_report_period_ck CHECK (period_end >= period_start),
    CONSTRAINT monitoring_report_claim_ck CHECK (total_claimed >= 0),
    CONSTRAINT monitoring_report_sha256_ck CHECK (document_sha256 ~ '^[0-9a-f]{64}$'),
    CONSTRAINT monitoring_report_supersedes_uk UNIQUE (supersedes),
    -- The periods of one project never overlap. Corrections restate an original's period and are left out.
    CONSTRAINT monitoring_report_no_overlap_ex EXCLUDE USING gist (
        int8range(project_key, project_key, '[]') WITH &&,
        daterange(period_start, period_end, '[]') WITH &&) WHERE (supersedes IS NULL)
);
CREATE INDEX monitoring_report_project_ix ON monitoring_report (project_id, period_start);

-- The report's project_key follows from its project; the application need not know it.
CREATE FUNCTION monitoring_report_project_key() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    SELECT p.project_key INTO NEW.project_key FROM project p WHERE p.id = NEW.project_id;
    RETURN NEW;
END;
$$;
CREATE TRIGGER monitoring_report_project_key_row BEFORE INSERT ON monitoring_report FOR EACH ROW EXECUTE FUNCTION monitoring_report_project_key();

CREATE TABLE monitoring_report_vintage (
    report_id   uuid    NOT NULL REFERENCES monitoring_report (id),
    vintage     integer NOT NULL,
    claimed     bigint  NOT NULL,
    CONSTRAINT monitoring_report_vintage_pk PRIMARY KEY (report_id, vintage),
    CONSTRAINT monitoring_report_vintage_claimed_ck CHECK (claimed >= 0)
);

CREATE TABLE verification (
    id                      uuid        PRIMARY KEY,
    monitoring_report_id    uuid        NOT NULL REFERENCES monitoring_report (id),
    project_id              uuid        NOT NULL REFERENCES project (id),
    supersedes              uuid        REFERENCES verification (id),
    tpe_id                  text        NOT NULL,
    tpe_name                text        NOT NULL,
    verified_on             date        NOT NULL,
    opinion                 text        NOT NULL,
    total_verified          bigint      NOT NULL,
    report_uri              text        NOT NULL,
    report_sha256           varchar(64) NOT NULL,
    recorded_by             text        NOT NULL,
    created_at              timestamptz NOT NULL,
    CONSTRAINT verification_supersedes_uk UNIQUE (supersedes),
    CONSTRAINT verification_opinion_ck CHECK (opinion IN ('POSITIVE', 'NEGATIVE')),
    CONSTRAINT verification_total_ck CHECK (total_verified >= 0 AND (opinion = 'POSITIVE' OR total_verified = 0)),
    CONSTRAINT verification_sha256_ck CHECK (report_sha256 ~ '^[0-9a-f]{64}$')
);
-- One original verification per report; later ones are corrections of it.
CREATE UNIQUE INDEX verification_one_original_per_report_ux ON verification (monitoring_report_id) WHERE supersedes IS NULL;

CREATE TABLE verification_vintage (
    verification_id uuid    NOT NULL REFERENCES verification (id),
    vintage         integer NOT NULL,
    verified        bigint  NOT NULL,
    CONSTRAINT verification_vintage_pk PRIMARY KEY (verification_id, vintage),
    CONSTRAINT verification_vintage_verified_ck CHECK (verified >= 0)
);

CREATE FUNCTION append_only_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only: corrections are new records; % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER monitoring_report_append_only BEFORE UPDATE OR DELETE ON monitoring_report FOR EACH ROW EXECUTE FUNCTION append_only_guard();
CREATE TRIGGER monitoring_report_vintage_append_only BEFORE UPDATE OR DELETE ON monitoring_report_vintage FOR EACH ROW EXECUTE FUNCTION append_only_guard();
CREATE TRIGGER verification_append_only BEFORE UPDATE OR DELETE ON verification FOR EACH ROW EXECUTE FUNCTION append_only_guard();
CREATE TRIGGER verification_vintage_append_only BEFORE UPDATE OR DELETE ON verification_vintage FOR EACH ROW EXECUTE FUNCTION append_only_guard();
