-- The running timer (issue 19 item 2): at most one per person, kept here so it survives
-- a reload and follows the person to another device. Stopping it turns it into a time
-- entry through the same rules as logging one (TimeEntryService.create) and deletes it.
CREATE TABLE running_timers (
    user_id    uuid        PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    project_id uuid        NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    task_id    uuid        NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
    note       text        NOT NULL DEFAULT '' CHECK (length(note) <= 2000),
    started_at timestamptz NOT NULL
);
CREATE INDEX running_timers_task ON running_timers (task_id);
CREATE INDEX running_timers_project ON running_timers (project_id);
