-- Read model of partner countries, built from country-onboarding's events. Only the newest version of each
-- country is kept; its full snapshot is the JSON the event carried.
CREATE TABLE known_country (
    code        varchar(2)     PRIMARY KEY,
    name        text        NOT NULL,
    state       text        NOT NULL,
    version     bigint      NOT NULL,
    snapshot    jsonb       NOT NULL,
    updated_at  timestamptz NOT NULL,
    CONSTRAINT known_country_code_ck CHECK (code ~ '^[A-Z]{2}$')
);
CREATE INDEX known_country_state_ix ON known_country (state);
