-- Monitoring reports and verifications are append-only (append_only_guard): a correction is a new record. The service
-- role may read and insert them, nothing more; not being their owner, it cannot switch the guard off either.
REVOKE UPDATE, DELETE, TRUNCATE ON monitoring_report, monitoring_report_vintage, verification, verification_vintage FROM ${service_role};
