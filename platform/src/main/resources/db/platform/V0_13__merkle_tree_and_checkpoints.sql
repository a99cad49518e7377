-- The event log as an RFC 9162 Merkle tree (audit-proofs/README.md): every complete subtree's hash, stored once when the
-- relay chains the entry that completes it (level 0: the entries' leaf hashes; level k: subtrees of 2^k entries), so a root,
-- an inclusion proof or a consistency proof reads O(log n) rows. Written once, never changed.
CREATE TABLE event_log_merkle_node (
    level   smallint NOT NULL,
    idx     bigint   NOT NULL,
    hash    bytea    NOT NULL,
    CONSTRAINT event_log_merkle_node_pk PRIMARY KEY (level, idx),
    CONSTRAINT event_log_merkle_node_level_ck CHECK (level BETWEEN 0 AND 62),
    CONSTRAINT event_log_merkle_node_idx_ck CHECK (idx >= 0),
    CONSTRAINT event_log_merkle_node_hash_ck CHECK (octet_length(hash) = 32)
);

-- Signed tree heads: the tree's size and root at a moment, signed with the service's own key (never stored here). Each is
-- published on the service's checkpoint topic and every partner's outbound topic, where others keep it: a later rewrite
-- of the log contradicts the checkpoints they hold.
CREATE TABLE event_log_checkpoint (
    tree_size     bigint      NOT NULL,
    root_hash     text        NOT NULL,
    signed_time   text        NOT NULL,
    key_id        text        NOT NULL,
    signature     text        NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    published_at  timestamptz,
    CONSTRAINT event_log_checkpoint_pk PRIMARY KEY (tree_size),
    CONSTRAINT event_log_checkpoint_size_ck CHECK (tree_size >= 0),
    CONSTRAINT event_log_checkpoint_root_ck CHECK (root_hash ~ '^[0-9a-f]{64}$')
);
CREATE INDEX event_log_checkpoint_unpublished_ix ON event_log_checkpoint (tree_size) WHERE published_at IS NULL;

CREATE FUNCTION event_log_audit_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'UPDATE' OR TG_TABLE_NAME <> 'event_log_checkpoint' THEN
        RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF OLD.published_at IS NOT NULL
       OR (NEW.tree_size, NEW.root_hash, NEW.signed_time, NEW.key_id, NEW.signature, NEW.created_at)
          IS DISTINCT FROM (OLD.tree_size, OLD.root_hash, OLD.signed_time, OLD.key_id, OLD.signature, OLD.created_at) THEN
        RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER event_log_merkle_node_guard BEFORE UPDATE OR DELETE ON event_log_merkle_node FOR EACH ROW EXECUTE FUNCTION event_log_audit_guard();
CREATE TRIGGER event_log_merkle_node_guard_truncate BEFORE TRUNCATE ON event_log_merkle_node FOR EACH STATEMENT EXECUTE FUNCTION event_log_audit_guard();
CREATE TRIGGER event_log_checkpoint_guard BEFORE UPDATE OR DELETE ON event_log_checkpoint FOR EACH ROW EXECUTE FUNCTION event_log_audit_guard();
CREATE TRIGGER event_log_checkpoint_guard_truncate BEFORE TRUNCATE ON event_log_checkpoint FOR EACH STATEMENT EXECUTE FUNCTION event_log_audit_guard();

-- The service role inserts and reads; of a checkpoint it may set only the publication stamp, once.
REVOKE ALL ON event_log_merkle_node, event_log_checkpoint FROM ${service_role};
GRANT SELECT, INSERT ON event_log_merkle_node, event_log_checkpoint TO ${service_role};
GRANT UPDATE (published_at) ON event_log_checkpoint TO ${service_role};
