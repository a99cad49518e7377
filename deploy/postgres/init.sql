-- JCM Registry: one database, one schema and two login roles per service.
--
-- For each service schema S (country_onboarding, project_registry, credit_issuance):
--   S_owner  owns schema S and everything in it. The service's Flyway migrations
--            run as this role (QUARKUS_FLYWAY_USERNAME / _PASSWORD), so only they
--            can create, alter or drop tables, triggers and functions.
--   S        the service role, which the service runs as (QUARKUS_DATASOURCE_USERNAME
--            / _PASSWORD). It owns nothing: it gets USAGE on schema S here, and its
--            rights on the tables from the migrations (GRANT ... TO S, see
--            platform/src/main/resources/db/platform/V0_12__least_privilege.sql), so
--            it must exist before the service first starts.
-- Both are plain login roles (no superuser, createdb, createrole, replication or
-- bypassrls) with search_path = S and CONNECT on the database; the service role
-- also gets TEMPORARY.
--
-- docker-compose.yml mounts this file into /docker-entrypoint-initdb.d, so the
-- postgres image runs it once, as the superuser, inside the database named by
-- POSTGRES_DB (jcm), the first time the data volume is empty. It is plain SQL
-- (no psql meta-commands) and safe to run again: roles are created only when
-- missing, schemas with IF NOT EXISTS, and grants/revokes are idempotent.
--
-- A database created before the owner roles existed (schema S owned by role S):
-- run this file again, as the superuser, e.g.
--   docker compose exec -T postgres psql -U postgres -d jcm -v ON_ERROR_STOP=1 < deploy/postgres/init.sql
-- It creates S_owner, and, only while S still owns schema S, hands the schema and
-- everything S owns in this database to S_owner (REASSIGN OWNED). The next start of
-- the service migrates as S_owner and grants S its rights again.
--
-- The Kubernetes equivalent is in deploy/k8s/postgres-cluster.yaml.
--
-- The passwords below equal the role names: LOCAL DEVELOPMENT ONLY.

-- Nobody but the database owner may use or create objects in schema public:
-- every table lives in a service schema, so a missing search_path shows up as
-- an error instead of silently landing in public.
REVOKE ALL ON SCHEMA public FROM PUBLIC;
REVOKE CREATE ON SCHEMA public FROM PUBLIC;

-- Extensions the services' migrations need but their roles may not create:
-- btree_gist, for credit-issuance's exclusion constraints (registry_code WITH
-- =, serials WITH &&). Created in public by the superuser; the owner roles
-- use its operator classes without any right on schema public.
CREATE EXTENSION IF NOT EXISTS btree_gist SCHEMA public;

DO $$
DECLARE
    svc text;
    owner_role text;
    legacy boolean;
BEGIN
    -- Only the service and owner roles (and superusers) may connect to this
    -- database; PUBLIC otherwise gets CONNECT and TEMPORARY by default.
    EXECUTE format('REVOKE ALL ON DATABASE %I FROM PUBLIC', current_database());

    FOREACH svc IN ARRAY ARRAY['country_onboarding', 'project_registry', 'credit_issuance']
    LOOP
        owner_role := svc || '_owner';

        -- The two login roles. Password = role name: local development only.
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = owner_role) THEN
            EXECUTE format('CREATE ROLE %I LOGIN PASSWORD %L', owner_role, owner_role);
        END IF;
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = svc) THEN
            EXECUTE format('CREATE ROLE %I LOGIN PASSWORD %L', svc, svc);
        END IF;
        -- Whatever created the roles before, they are plain login roles.
        EXECUTE format('ALTER ROLE %I LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS', owner_role);
        EXECUTE format('ALTER ROLE %I LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS', svc);
        EXECUTE format('GRANT CONNECT ON DATABASE %I TO %I', current_database(), owner_role);
        EXECUTE format('GRANT CONNECT, TEMPORARY ON DATABASE %I TO %I', current_database(), svc);

        -- The owner role owns the schema (and so may create in it).
        EXECUTE format('CREATE SCHEMA IF NOT EXISTS %I AUTHORIZATION %I', svc, owner_role);
        -- A database from before the owner roles: the service role still owns
        -- its schema, and the tables its migrations created. Hand all of it to
        -- the owner role, once (afterwards S owns nothing, so this is skipped).
        SELECT n.nspowner = r.oid INTO legacy
          FROM pg_namespace n, pg_roles r
         WHERE n.nspname = svc AND r.rolname = svc;
        EXECUTE format('ALTER SCHEMA %I OWNER TO %I', svc, owner_role);
        IF legacy THEN
            EXECUTE format('REASSIGN OWNED BY %I TO %I', svc, owner_role);
        END IF;

        -- The service role may look up names in the schema, nothing more: no
        -- CREATE, and its rights on the tables come from the migrations. No
        -- other role gets USAGE or CREATE on it.
        EXECUTE format('REVOKE ALL ON SCHEMA %I FROM PUBLIC', svc);
        EXECUTE format('REVOKE CREATE ON SCHEMA %I FROM %I', svc, svc);
        EXECUTE format('GRANT USAGE ON SCHEMA %I TO %I', svc, svc);

        -- Unqualified names resolve in the service's own schema only.
        EXECUTE format('ALTER ROLE %I SET search_path = %I', owner_role, svc);
        EXECUTE format('ALTER ROLE %I SET search_path = %I', svc, svc);
    END LOOP;
END
$$;
