-- One registry per side: Japan's and each ACTIVE partner's, distinct in accounts and serial numbering.
CREATE TABLE registry (
    code                  text        PRIMARY KEY,
    country_code          varchar(2)     NOT NULL UNIQUE,
    name                  text        NOT NULL,
    article6_registry_id  text        NOT NULL UNIQUE,
    hosting               text        NOT NULL,
    state                 text        NOT NULL,
    -- The registry-wide serial counter: the last serial issued. It only ever grows.
    last_serial           bigint      NOT NULL DEFAULT 0,
    opened_at             timestamptz NOT NULL,
    CONSTRAINT registry_code_ck CHECK (code ~ '^[A-Z0-9]{2,8}$'),
    CONSTRAINT registry_hosting_ck CHECK (hosting IN ('HOSTED', 'EXTERNAL')),
    CONSTRAINT registry_state_ck CHECK (state IN ('ACTIVE', 'SUSPENDED', 'CLOSED')),
    CONSTRAINT registry_last_serial_ck CHECK (last_serial >= 0)
);

CREATE TABLE account (
    id            uuid        PRIMARY KEY,
    number        text        NOT NULL UNIQUE,
    registry_code text        NOT NULL REFERENCES registry (code),
    type          text        NOT NULL,
    holder        text        NOT NULL,
    state         text        NOT NULL,
    opened_at     timestamptz NOT NULL,
    CONSTRAINT account_type_ck CHECK (type IN ('GOVERNMENT_HOLDING', 'ENTITY_HOLDING', 'CANCELLATION', 'RETIREMENT')),
    CONSTRAINT account_state_ck CHECK (state IN ('OPEN', 'BLOCKED', 'CLOSED'))
);

-- One government holding, one cancellation and one retirement account per registry.
CREATE UNIQUE INDEX account_singleton_per_registry_uk ON account (registry_code, type) WHERE type <> 'ENTITY_HOLDING';
CREATE INDEX account_registry_ix ON account (registry_code);
