-- JCM Registry: one database, one schema and one login role per service.
--
-- docker-compose.yml mounts this file into /docker-entrypoint-initdb.d, so the
-- postgres image runs it once, as the superuser, inside the database named by
-- POSTGRES_DB (jcm), the first time the data volume is empty. It is plain SQL
-- (no psql meta-commands) and safe to run again: roles are created only when
-- missing, schemas with IF NOT EXISTS, and grants/revokes are idempotent.
--
-- Each service's Flyway creates its tables inside its own schema, connected as
-- its own role. The Kubernetes equivalent is in deploy/k8s/postgres-cluster.yaml.
--
-- The passwords below equal the role names: LOCAL DEVELOPMENT ONLY.

-- Nobody but the database owner may use or create objects in schema public:
-- every table lives in a service schema, so a missing search_path shows up as
-- an error instead of silently landing in public.
REVOKE ALL ON SCHEMA public FROM PUBLIC;
REVOKE CREATE ON SCHEMA public FROM PUBLIC;

-- Extensions the services' migrations need but their roles may not create:
-- btree_gist, for credit-issuance's exclusion constraints (registry_code WITH
-- =, serials WITH &&). Created in public by the superuser; the service roles
-- use its operator classes without any right on schema public.
CREATE EXTENSION IF NOT EXISTS btree_gist SCHEMA public;

DO $$
DECLARE
    svc text;
BEGIN
    -- Only the service roles (and superusers) may connect to this database;
    -- PUBLIC otherwise gets CONNECT and TEMPORARY by default.
    EXECUTE format('REVOKE ALL ON DATABASE %I FROM PUBLIC', current_database());

    FOREACH svc IN ARRAY ARRAY['country_onboarding', 'project_registry', 'credit_issuance']
    LOOP
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = svc) THEN
            -- Password = role name: local development only.
            EXECUTE format('CREATE ROLE %I LOGIN PASSWORD %L', svc, svc);
        END IF;
        -- Whatever created the role before, it is a plain login role.
        EXECUTE format('ALTER ROLE %I LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS', svc);
        EXECUTE format('GRANT CONNECT ON DATABASE %I TO %I', current_database(), svc);

        -- The role owns its schema (and so may create in it); no other role
        -- gets USAGE or CREATE on it.
        EXECUTE format('CREATE SCHEMA IF NOT EXISTS %I AUTHORIZATION %I', svc, svc);
        EXECUTE format('ALTER SCHEMA %I OWNER TO %I', svc, svc);
        EXECUTE format('REVOKE ALL ON SCHEMA %I FROM PUBLIC', svc);

        -- Unqualified names resolve in the service's own schema only.
        EXECUTE format('ALTER ROLE %I SET search_path = %I', svc, svc);
    END LOOP;
END
$$;
