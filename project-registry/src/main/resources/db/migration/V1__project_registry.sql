-- The project registry's own tables arrive with the project cycle (methodologies, projects, monitoring).
-- Until then the schema holds the platform's event log, inbox, dead letters and the country read model.
COMMENT ON SCHEMA project_registry IS 'JCM project registry: methodologies, projects, monitoring and verification';
