-- Trello import (issue 16 item 1): a task carries what a card holds (description, due
-- date, labels as tags, the list it sat in as its status, the people on it), and a
-- project or task imported from another tool remembers its id there, so importing the
-- same board again finds what the first import made instead of making it twice.

ALTER TABLE tasks
    ADD COLUMN description     text CHECK (length(description) <= 20000),
    ADD COLUMN due_on          date,
    ADD COLUMN tags            text[] NOT NULL DEFAULT '{}' CHECK (cardinality(tags) <= 50),
    ADD COLUMN status          text CHECK (length(status) BETWEEN 1 AND 200),
    ADD COLUMN external_source text CHECK (external_source IN ('trello')),
    ADD COLUMN external_id     text CHECK (length(external_id) BETWEEN 1 AND 100),
    ADD CONSTRAINT tasks_external_pair CHECK ((external_source IS NULL) = (external_id IS NULL));
CREATE UNIQUE INDEX tasks_external_key ON tasks (project_id, external_source, external_id) WHERE external_id IS NOT NULL;

ALTER TABLE projects
    ADD COLUMN external_source text CHECK (external_source IN ('trello')),
    ADD COLUMN external_id     text CHECK (length(external_id) BETWEEN 1 AND 100),
    ADD CONSTRAINT projects_external_pair CHECK ((external_source IS NULL) = (external_id IS NULL));
CREATE UNIQUE INDEX projects_external_key ON projects (external_source, external_id) WHERE external_id IS NOT NULL;

-- The collaborators on a task (a Trello card's members).
CREATE TABLE task_assignees (
    task_id uuid NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
    user_id uuid NOT NULL REFERENCES users (id),
    PRIMARY KEY (task_id, user_id)
);
CREATE INDEX task_assignees_user ON task_assignees (user_id);
