-- Read models of other services' aggregates, kept from their events: the newest snapshot of each aggregate, per model.
CREATE TABLE read_model (
    model       text        NOT NULL,
    id          text        NOT NULL,
    version     bigint      NOT NULL,
    snapshot    jsonb       NOT NULL,
    updated_at  timestamptz NOT NULL,
    CONSTRAINT read_model_pk PRIMARY KEY (model, id),
    CONSTRAINT read_model_version_ck CHECK (version >= 0)
);
