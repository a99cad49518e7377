-- Idempotency keys (header Idempotency-Key) of state-changing requests, per caller: claimed in the transaction of the
-- request's effect, with its first response, kept for jcm.idempotency.retention. A row exists only for a request that acted.
CREATE TABLE idempotency_key (
    caller          text        NOT NULL,
    idempotency_key text        NOT NULL,
    fingerprint     bytea       NOT NULL,
    status          integer,
    location        text,
    body            text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    expires_at      timestamptz NOT NULL,
    CONSTRAINT idempotency_key_pk PRIMARY KEY (caller, idempotency_key),
    CONSTRAINT idempotency_key_caller_ck CHECK (length(caller) BETWEEN 1 AND 200),
    CONSTRAINT idempotency_key_key_ck CHECK (idempotency_key ~ '^[!-~]{1,255}$'),
    CONSTRAINT idempotency_key_fingerprint_ck CHECK (length(fingerprint) = 32),
    CONSTRAINT idempotency_key_status_ck CHECK (status IS NULL OR status BETWEEN 200 AND 299)
);
CREATE INDEX idempotency_key_expiry_ix ON idempotency_key (expires_at);
