-- Each entry is written once and then updated twice (chained, then stamped published), so the table churns at twice the
-- rate of events: vacuum and analyze it after 2 % of its rows changed rather than PostgreSQL's default 20 %, so the
-- relay's partial indexes (unchained, unpublished) stay small.
ALTER TABLE event_log SET (autovacuum_vacuum_scale_factor = 0.02, autovacuum_analyze_scale_factor = 0.02);
