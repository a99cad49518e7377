-- The country read model is one read model among others now: its rows move into read_model.
INSERT INTO read_model (model, id, version, snapshot, updated_at)
SELECT 'country', code, version, snapshot, updated_at FROM known_country;
DROP TABLE known_country;
