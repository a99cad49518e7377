-- Monitoring reports and verifications are append-only (append_only_guard): a correction is a new record. The service
-- role may read and insert them, nothing more; not being their owner, it cannot switch the guard off either.
REVOKE UPDATE, DELETE, TRUNCATE ON monitoring_report, monitoring_report_vintage, verification, verification_vintage FROM ${service_role};
-- A correction and a verification of one report serialise on a lock of the report's row (SELECT ... FOR NO KEY UPDATE),
-- which PostgreSQL grants only to a role holding UPDATE on some column of the table: the service role holds it on the
-- primary key alone, which no statement of the service updates and append_only_guard refuses to anyone.
GRANT UPDATE (id) ON monitoring_report TO ${service_role};
