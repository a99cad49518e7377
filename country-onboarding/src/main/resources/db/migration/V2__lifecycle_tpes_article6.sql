-- The rest of the lifecycle (suspension, reinstatement, termination), who made the last change, the
-- Article 6 settings, and the Joint Committee's designated Third-Party Entities.
ALTER TABLE partner_country
    ADD COLUMN suspended_on            date,
    ADD COLUMN suspension_reason       text,
    ADD COLUMN reinstated_on           date,
    ADD COLUMN terminated_on           date,
    ADD COLUMN termination_reason      text,
    ADD COLUMN last_changed_by         text,
    ADD COLUMN ndc_use_authorized      boolean,
    ADD COLUMN oimp_use_authorized     boolean,
    ADD COLUMN oimp_first_transfer     text;

ALTER TABLE partner_country
    ADD CONSTRAINT partner_country_suspended_ck
        CHECK (state <> 'SUSPENDED' OR (suspended_on IS NOT NULL AND suspension_reason IS NOT NULL)),
    ADD CONSTRAINT partner_country_terminated_ck
        CHECK ((state = 'TERMINATED') = (terminated_on IS NOT NULL) AND (terminated_on IS NULL OR termination_reason IS NOT NULL)),
    ADD CONSTRAINT partner_country_suspended_after_activation_ck
        CHECK (suspended_on IS NULL OR suspended_on >= activated_on),
    ADD CONSTRAINT partner_country_reinstated_after_suspension_ck
        CHECK (reinstated_on IS NULL OR reinstated_on >= suspended_on),
    ADD CONSTRAINT partner_country_terminated_after_activation_ck
        CHECK (terminated_on IS NULL OR terminated_on >= activated_on),
    ADD CONSTRAINT partner_country_japan_fixed_ck
        CHECK (code <> 'JP' OR state = 'ACTIVE'),
    ADD CONSTRAINT partner_country_article6_ck
        CHECK ((ndc_use_authorized IS NULL) = (oimp_use_authorized IS NULL)
               AND (oimp_first_transfer IS NULL OR oimp_first_transfer IN ('AUTHORIZATION', 'ISSUANCE', 'USE_OR_CANCELLATION'))
               AND ((oimp_use_authorized IS TRUE) = (oimp_first_transfer IS NOT NULL)));

CREATE TABLE third_party_entity (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    country_code    varchar(2)  NOT NULL REFERENCES partner_country (code),
    tpe_id          text        NOT NULL,
    name            text        NOT NULL,
    sectoral_scopes integer[]   NOT NULL,
    designated_on   date        NOT NULL,
    withdrawn_on    date,
    CONSTRAINT third_party_entity_country_tpe_uk UNIQUE (country_code, tpe_id),
    CONSTRAINT third_party_entity_tpe_id_ck CHECK (tpe_id ~ '^[A-Za-z0-9._-]{1,64}$'),
    CONSTRAINT third_party_entity_scopes_ck CHECK (cardinality(sectoral_scopes) BETWEEN 1 AND 15
        AND sectoral_scopes <@ ARRAY[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]),
    CONSTRAINT third_party_entity_withdrawn_after_designated_ck CHECK (withdrawn_on IS NULL OR withdrawn_on >= designated_on)
);

CREATE INDEX third_party_entity_country_ix ON third_party_entity (country_code, designated_on);
