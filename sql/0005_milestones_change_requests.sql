-- Milestones (fixed price) and change requests (scope changes), SPEC §2, §4.2, §4.4:
-- both are accepted by the client through a validation record, like timesheets.

CREATE TABLE milestones (
    id                     uuid        PRIMARY KEY,
    project_id             uuid        NOT NULL REFERENCES projects (id),
    position               integer     NOT NULL CHECK (position >= 0),
    name                   text        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    -- A share of the project's contract amount (3000 = 30.00 %), or a fixed amount.
    basis_points           integer     CHECK (basis_points BETWEEN 1 AND 10000),
    amount_minor           bigint      CHECK (amount_minor > 0),
    currency               char(3)     NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    due_date               date,
    acceptance_criteria    text        NOT NULL DEFAULT '' CHECK (length(acceptance_criteria) <= 10000),
    status                 text        NOT NULL DEFAULT 'planned'
                                       CHECK (status IN ('planned', 'delivered', 'accepted', 'rejected', 'invoiced')),
    -- The amount the client was asked to accept, frozen at delivery (a later change of
    -- the contract amount never changes what was accepted).
    delivered_amount_minor bigint      CHECK (delivered_amount_minor > 0),
    delivered_at           timestamptz,
    delivered_by           uuid        REFERENCES users (id),
    decided_at             timestamptz,
    decision_comment       text,
    validation_id          uuid        REFERENCES validations (id),
    invoice_line_id        uuid,
    version                integer     NOT NULL DEFAULT 1,
    created_at             timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT milestones_share CHECK ((basis_points IS NULL) <> (amount_minor IS NULL)),
    CONSTRAINT milestones_delivered CHECK (status = 'planned' OR (delivered_at IS NOT NULL AND delivered_amount_minor IS NOT NULL)),
    CONSTRAINT milestones_invoiced_has_line CHECK ((status = 'invoiced') = (invoice_line_id IS NOT NULL))
);
CREATE INDEX milestones_project ON milestones (project_id, position, id);
CREATE INDEX milestones_accepted ON milestones (project_id) WHERE status = 'accepted';

CREATE TABLE change_requests (
    id                 uuid        PRIMARY KEY,
    project_id         uuid        NOT NULL REFERENCES projects (id),
    -- CR-1, CR-2… within the project.
    number             integer     NOT NULL CHECK (number > 0),
    title              text        NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    description        text        NOT NULL DEFAULT '' CHECK (length(description) <= 10000),
    estimated_minutes  integer     CHECK (estimated_minutes > 0),
    pricing            text        NOT NULL CHECK (pricing IN ('fixed', 'hourly')),
    -- fixed: the quoted amount; hourly: the rate in major units x 10 000.
    amount_minor       bigint      CHECK (amount_minor > 0),
    hourly_rate_scaled bigint      CHECK (hourly_rate_scaled > 0),
    currency           char(3)     NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    status             text        NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'quoted', 'approved', 'declined')),
    task_id            uuid        REFERENCES tasks (id),
    quoted_at          timestamptz,
    quoted_by          uuid        REFERENCES users (id),
    decided_at         timestamptz,
    decision_comment   text,
    validation_id      uuid        REFERENCES validations (id),
    invoice_line_id    uuid,
    version            integer     NOT NULL DEFAULT 1,
    created_at         timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT change_requests_number_key UNIQUE (project_id, number),
    CONSTRAINT change_requests_price_kind CHECK (
        (pricing = 'fixed' AND hourly_rate_scaled IS NULL) OR (pricing = 'hourly' AND amount_minor IS NULL)),
    CONSTRAINT change_requests_priced_when_quoted CHECK (
        status = 'draft' OR amount_minor IS NOT NULL OR hourly_rate_scaled IS NOT NULL),
    CONSTRAINT change_requests_task_when_approved CHECK (status <> 'approved' OR task_id IS NOT NULL)
);
CREATE INDEX change_requests_project ON change_requests (project_id, number);
CREATE UNIQUE INDEX change_requests_task_key ON change_requests (task_id) WHERE task_id IS NOT NULL;

-- The task a change request's work is logged on (created at approval, or linked in draft).
ALTER TABLE tasks ADD COLUMN change_request_id uuid REFERENCES change_requests (id);
CREATE UNIQUE INDEX tasks_change_request_key ON tasks (change_request_id) WHERE change_request_id IS NOT NULL;
