-- Clients, projects and time (SPEC §2, §4.1): clients and contacts, projects with
-- tasks, members and effective-dated rates, time entries with their weekly approval
-- and client validation (written proof).

CREATE TABLE clients (
    id                 uuid        PRIMARY KEY,
    name               text        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    billing_address    text        NOT NULL DEFAULT '',
    vat_id             text        NOT NULL DEFAULT '',
    currency           char(3)     NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    payment_terms_days integer     NOT NULL DEFAULT 30 CHECK (payment_terms_days BETWEEN 0 AND 365),
    archived           boolean     NOT NULL DEFAULT false,
    version            integer     NOT NULL DEFAULT 1,
    created_at         timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX clients_name_key ON clients (lower(name));

-- A client user belongs to exactly one client.
ALTER TABLE users ADD CONSTRAINT users_client_fk FOREIGN KEY (client_id) REFERENCES clients (id);

CREATE TABLE client_contacts (
    id         uuid        PRIMARY KEY,
    client_id  uuid        NOT NULL REFERENCES clients (id),
    name       text        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    email      text        NOT NULL CHECK (length(email) BETWEEN 3 AND 254),
    phone      text        NOT NULL DEFAULT '',
    job_title  text        NOT NULL DEFAULT '',
    -- The contact's own login (role client), when given one.
    user_id    uuid        UNIQUE REFERENCES users (id),
    version    integer     NOT NULL DEFAULT 1,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX client_contacts_email_key ON client_contacts (client_id, lower(email));

CREATE TABLE projects (
    id                         uuid        PRIMARY KEY,
    client_id                  uuid        NOT NULL REFERENCES clients (id),
    team_id                    uuid        NOT NULL REFERENCES teams (id),
    name                       text        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    code                       text        NOT NULL CHECK (code ~ '^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$'),
    status                     text        NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'on_hold', 'closed')),
    billing_model              text        NOT NULL CHECK (billing_model IN ('time_and_materials', 'fixed_price', 'retainer')),
    currency                   char(3)     NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    budget_minutes             integer     CHECK (budget_minutes > 0),
    budget_amount_minor        bigint      CHECK (budget_amount_minor > 0),
    estimated_minutes          integer     CHECK (estimated_minutes > 0),
    contract_amount_minor      bigint      CHECK (contract_amount_minor > 0),
    requires_client_validation boolean     NOT NULL DEFAULT false,
    version                    integer     NOT NULL DEFAULT 1,
    created_at                 timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX projects_code_key ON projects (lower(code));
CREATE INDEX projects_client ON projects (client_id);
CREATE INDEX projects_team ON projects (team_id);

CREATE TABLE project_members (
    project_id uuid        NOT NULL REFERENCES projects (id),
    user_id    uuid        NOT NULL REFERENCES users (id),
    added_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (project_id, user_id)
);
CREATE INDEX project_members_user ON project_members (user_id);

CREATE TABLE tasks (
    id                uuid        PRIMARY KEY,
    project_id        uuid        NOT NULL REFERENCES projects (id),
    name              text        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    billable          boolean     NOT NULL DEFAULT true,
    estimated_minutes integer     CHECK (estimated_minutes > 0),
    archived          boolean     NOT NULL DEFAULT false,
    version           integer     NOT NULL DEFAULT 1,
    created_at        timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX tasks_name_key ON tasks (project_id, lower(name));

-- Effective-dated billable rates at three levels; the collaborator default lives in
-- user_rates. rate_scaled is major units x 10 000 (4 decimals).
CREATE TABLE project_rates (
    id             uuid        PRIMARY KEY,
    project_id     uuid        NOT NULL REFERENCES projects (id),
    -- NULL: the project's rate; a user: that member's rate on this project.
    user_id        uuid        REFERENCES users (id),
    effective_from date        NOT NULL,
    rate_scaled    bigint      NOT NULL CHECK (rate_scaled >= 0),
    created_at     timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX project_rates_one_per_day ON project_rates (project_id, COALESCE(user_id, '00000000-0000-0000-0000-000000000000'), effective_from);

CREATE TABLE task_rates (
    id             uuid        PRIMARY KEY,
    task_id        uuid        NOT NULL REFERENCES tasks (id),
    effective_from date        NOT NULL,
    rate_scaled    bigint      NOT NULL CHECK (rate_scaled >= 0),
    created_at     timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT task_rates_one_per_day UNIQUE (task_id, effective_from)
);

CREATE TABLE time_entries (
    id                  uuid        PRIMARY KEY,
    user_id             uuid        NOT NULL REFERENCES users (id),
    project_id          uuid        NOT NULL REFERENCES projects (id),
    task_id             uuid        NOT NULL REFERENCES tasks (id),
    work_date           date        NOT NULL,
    minutes             integer     NOT NULL CHECK (minutes BETWEEN 1 AND 1440),
    note                text        NOT NULL DEFAULT '' CHECK (length(note) <= 2000),
    billable            boolean     NOT NULL,
    status              text        NOT NULL DEFAULT 'open'
                                    CHECK (status IN ('open', 'submitted', 'approved', 'client_validated', 'invoiced')),
    rejection_reason    text,
    dispute_comment     text,
    -- Captured when approved (SPEC §2): never re-derived from rates that changed later.
    billable_rate_scaled bigint,
    cost_rate_scaled     bigint,
    rate_currency        char(3),
    approved_by         uuid        REFERENCES users (id),
    approved_at         timestamptz,
    validation_id       uuid,
    invoice_line_id     uuid,
    external_id         text,
    version             integer     NOT NULL DEFAULT 1,
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT time_entries_rates_when_approved CHECK (
        status IN ('open', 'submitted') OR (billable_rate_scaled IS NOT NULL AND cost_rate_scaled IS NOT NULL)),
    CONSTRAINT time_entries_invoiced_has_line CHECK ((status = 'invoiced') = (invoice_line_id IS NOT NULL))
);
CREATE INDEX time_entries_user_date ON time_entries (user_id, work_date);
CREATE INDEX time_entries_project_date ON time_entries (project_id, work_date);
CREATE INDEX time_entries_status ON time_entries (status) WHERE status IN ('submitted', 'approved');
CREATE UNIQUE INDEX time_entries_external ON time_entries (user_id, external_id) WHERE external_id IS NOT NULL;

-- Nobody edits an invoiced entry (SPEC §4.1): enforced here as well as in services,
-- so no code path can forget it. Only the invoicing release (credit note) may move an
-- invoiced entry, and it does so by clearing invoice_line_id in the same statement.
CREATE FUNCTION time_entries_invoiced_read_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        IF OLD.status = 'invoiced' THEN
            RAISE EXCEPTION 'time entry % is invoiced and cannot be deleted', OLD.id USING ERRCODE = 'check_violation',
                CONSTRAINT = 'time_entries_invoiced_read_only';
        END IF;
        RETURN OLD;
    END IF;
    IF OLD.status = 'invoiced' AND NOT (NEW.status <> 'invoiced' AND NEW.invoice_line_id IS NULL
            AND NEW.minutes = OLD.minutes AND NEW.work_date = OLD.work_date AND NEW.project_id = OLD.project_id
            AND NEW.task_id = OLD.task_id AND NEW.user_id = OLD.user_id AND NEW.billable = OLD.billable
            AND NEW.billable_rate_scaled IS NOT DISTINCT FROM OLD.billable_rate_scaled) THEN
        RAISE EXCEPTION 'time entry % is invoiced and cannot be changed', OLD.id USING ERRCODE = 'check_violation',
            CONSTRAINT = 'time_entries_invoiced_read_only';
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER time_entries_invoiced_read_only BEFORE UPDATE OR DELETE ON time_entries
    FOR EACH ROW EXECUTE FUNCTION time_entries_invoiced_read_only();

-- A request to the client to validate a period, and the client's decision: the
-- validation record of SPEC §2, with the exact content shown and its SHA-256 digest.
CREATE TABLE validations (
    id              uuid        PRIMARY KEY,
    kind            text        NOT NULL DEFAULT 'timesheet' CHECK (kind IN ('timesheet', 'milestone', 'change_request')),
    project_id      uuid        NOT NULL REFERENCES projects (id),
    period_from     date,
    period_to       date,
    subject_id      uuid,
    content         text        NOT NULL,
    content_digest  text        NOT NULL CHECK (content_digest ~ '^[0-9a-f]{64}$'),
    status          text        NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'accepted', 'disputed', 'superseded')),
    requested_by    uuid        NOT NULL REFERENCES users (id),
    requested_at    timestamptz NOT NULL,
    -- Single-use link: only the digest of its random nonce is stored.
    link_nonce_hash bytea       UNIQUE,
    link_expires_at timestamptz,
    link_used_at    timestamptz,
    decided_by      uuid        REFERENCES users (id),
    decided_by_name text,
    decided_via     text        CHECK (decided_via IN ('account', 'link', 'on_behalf')),
    decided_at      timestamptz,
    decision        text        CHECK (decision IN ('accept', 'dispute')),
    comment         text,
    client_address  text,
    CONSTRAINT validations_period CHECK (kind <> 'timesheet' OR (period_from IS NOT NULL AND period_to >= period_from))
);
CREATE INDEX validations_project ON validations (project_id, requested_at);

CREATE TABLE validation_entries (
    validation_id uuid NOT NULL REFERENCES validations (id),
    time_entry_id uuid NOT NULL REFERENCES time_entries (id),
    PRIMARY KEY (validation_id, time_entry_id)
);
CREATE INDEX validation_entries_entry ON validation_entries (time_entry_id);

ALTER TABLE time_entries ADD CONSTRAINT time_entries_validation_fk FOREIGN KEY (validation_id) REFERENCES validations (id);

CREATE OR REPLACE FUNCTION sheaf_grant_app_role(app_role text) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE format('GRANT USAGE ON SCHEMA %I TO %I', current_schema(), app_role);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA %I TO %I', current_schema(), app_role);
    EXECUTE format('GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA %I TO %I', current_schema(), app_role);
    EXECUTE format('REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON schema_migrations FROM %I', app_role);
    EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE ON audit_events FROM %I', app_role);
    EXECUTE format('REVOKE INSERT, DELETE, TRUNCATE ON agency_settings FROM %I', app_role);
    -- Validation records are written proof: decided ones are never deleted.
    EXECUTE format('REVOKE DELETE, TRUNCATE ON validations FROM %I', app_role);
END;
$$;
