-- A participant the registry knows as a caller carries its identity (the jcm_participant of its tokens): the participants
-- a project names may act on it. An identity appears once per project.
ALTER TABLE project_participant ADD COLUMN participant_id text
    CONSTRAINT project_participant_id_ck CHECK (participant_id ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$');
CREATE UNIQUE INDEX project_participant_id_ux ON project_participant (project_id, participant_id) WHERE participant_id IS NOT NULL;
CREATE INDEX project_participant_by_id_ix ON project_participant (participant_id) WHERE participant_id IS NOT NULL;
