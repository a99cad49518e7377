-- Least privilege: the schema belongs to an owner role, which runs these migrations; the service runs as another role
-- (${service_role}, the datasource's user) that may read and write rows but owns nothing. Not being the owner, it cannot
-- alter, disable, drop or replace a table, trigger or function, and it has no TRUNCATE on any table. What it may write
-- is granted here: full DML on the tables whose rows it manages, and on the append-only tables only what their life
-- needs (each service's own migrations narrow its own append-only tables the same way).

DO $$
BEGIN
    IF current_user = '${service_role}' THEN
        RAISE EXCEPTION 'migrations must run as the schema owner role (quarkus.flyway.username), not as the service role %', current_user;
    END IF;
END $$;

GRANT USAGE ON SCHEMA ${flyway:defaultSchema} TO ${service_role};
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${flyway:defaultSchema} TO ${service_role};
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA ${flyway:defaultSchema} TO ${service_role};
-- Tables the owner creates later (the service's own migrations) get the same rights; append-only ones are narrowed there.
ALTER DEFAULT PRIVILEGES IN SCHEMA ${flyway:defaultSchema} GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${service_role};
ALTER DEFAULT PRIVILEGES IN SCHEMA ${flyway:defaultSchema} GRANT USAGE, SELECT ON SEQUENCES TO ${service_role};
-- The migration history is the owner's business alone.
REVOKE ALL ON flyway_schema_history FROM ${service_role};

-- The event log: a business transaction inserts an entry's content; the relay sets its chain position and hash, then
-- its publication stamp, each once (event_log_guard). Nothing else: no content column is updatable, no row deletable.
REVOKE ALL ON event_log FROM ${service_role};
GRANT SELECT ON event_log TO ${service_role};
GRANT INSERT (event_id, topic, aggregate_type, aggregate_id, event_type, occurred_at, message) ON event_log TO ${service_role};
GRANT UPDATE (position, prev_hash, hash, chained_at, published_at) ON event_log TO ${service_role};

-- An entry is born unchained: an INSERT that brings its own chain position, hash or publication stamp is refused, even
-- from the owner (the column grants above already refuse it to the service role).
CREATE FUNCTION event_log_insert_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.position IS NOT NULL OR NEW.prev_hash IS NOT NULL OR NEW.hash IS NOT NULL OR NEW.chained_at IS NOT NULL
       OR NEW.published_at IS NOT NULL THEN
        RAISE EXCEPTION 'event_log entries are inserted unchained: only the relay chains them' USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER event_log_insert_guard BEFORE INSERT ON event_log FOR EACH ROW EXECUTE FUNCTION event_log_insert_guard();
