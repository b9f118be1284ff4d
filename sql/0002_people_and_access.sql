-- People and access (SPEC §2-§3, §7): users, teams, effective-dated rates, sessions,
-- login throttling, agency settings and the append-only audit trail.

CREATE TABLE users (
    id            uuid        PRIMARY KEY,
    email         text        NOT NULL CHECK (length(email) BETWEEN 3 AND 254),
    name          text        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    role          text        NOT NULL CHECK (role IN ('admin', 'manager', 'member', 'client')),
    active        boolean     NOT NULL DEFAULT true,
    password_hash text        NOT NULL,
    -- The client a `client` user belongs to (the clients table arrives with projects).
    client_id     uuid,
    time_zone     text        NOT NULL DEFAULT 'UTC',
    version       integer     NOT NULL DEFAULT 1,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT users_client_only_for_clients CHECK ((role = 'client') = (client_id IS NOT NULL))
);
-- Emails are unique case-insensitively.
CREATE UNIQUE INDEX users_email_key ON users (lower(email));

CREATE TABLE teams (
    id         uuid        PRIMARY KEY,
    name       text        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    version    integer     NOT NULL DEFAULT 1,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX teams_name_key ON teams (lower(name));

CREATE TABLE team_members (
    team_id  uuid    NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    user_id  uuid    NOT NULL REFERENCES users (id),
    is_lead  boolean NOT NULL DEFAULT false,
    added_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (team_id, user_id)
);
CREATE INDEX team_members_user ON team_members (user_id);

-- Effective-dated rates: a rate applies from effective_from until the next one, so a
-- change never rewrites past work. rate_scaled is major units x 10 000 (4 decimals).
CREATE TABLE user_rates (
    id             uuid        PRIMARY KEY,
    user_id        uuid        NOT NULL REFERENCES users (id),
    kind           text        NOT NULL CHECK (kind IN ('cost', 'billable')),
    effective_from date        NOT NULL,
    rate_scaled    bigint      NOT NULL CHECK (rate_scaled >= 0),
    currency       char(3)     NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    created_at     timestamptz NOT NULL DEFAULT now(),
    created_by     uuid        REFERENCES users (id),
    CONSTRAINT user_rates_one_per_day UNIQUE (user_id, kind, effective_from)
);

-- Only the SHA-256 digest of a session token is stored.
CREATE TABLE sessions (
    id             uuid        PRIMARY KEY,
    user_id        uuid        NOT NULL REFERENCES users (id),
    token_hash     bytea       NOT NULL UNIQUE,
    created_at     timestamptz NOT NULL,
    last_seen_at   timestamptz NOT NULL,
    absolute_expiry timestamptz NOT NULL,
    revoked_at     timestamptz,
    client_address text        NOT NULL,
    user_agent     text
);
CREATE INDEX sessions_user ON sessions (user_id) WHERE revoked_at IS NULL;

-- Failed logins, kept in the database so throttling holds across server instances.
CREATE TABLE login_failures (
    id             bigserial   PRIMARY KEY,
    email          text        NOT NULL,
    client_address text        NOT NULL,
    failed_at      timestamptz NOT NULL
);
CREATE INDEX login_failures_email ON login_failures (email, failed_at);
CREATE INDEX login_failures_address ON login_failures (client_address, failed_at);

-- The agency (one per database): a single row.
CREATE TABLE agency_settings (
    id                    integer     PRIMARY KEY DEFAULT 1 CHECK (id = 1),
    legal_name            text        NOT NULL DEFAULT '',
    address               text        NOT NULL DEFAULT '',
    vat_id                text        NOT NULL DEFAULT '',
    default_currency      char(3)     NOT NULL DEFAULT 'EUR' CHECK (default_currency ~ '^[A-Z]{3}$'),
    payment_terms_days    integer     NOT NULL DEFAULT 30 CHECK (payment_terms_days BETWEEN 0 AND 365),
    invoice_number_format text        NOT NULL DEFAULT '{YYYY}-{NNNN}',
    -- VAT rates in basis points: 2000 = 20.00 %.
    default_vat_rate_bp   integer     NOT NULL DEFAULT 2000 CHECK (default_vat_rate_bp BETWEEN 0 AND 10000),
    -- Days relative to the due date at which reminders fire (negative = before).
    reminder_offsets_days integer[]   NOT NULL DEFAULT '{-3,0,7,30}',
    version               integer     NOT NULL DEFAULT 1,
    updated_at            timestamptz NOT NULL DEFAULT now()
);
INSERT INTO agency_settings (id) VALUES (1);

-- Append-only: written in the same transaction as the change it records. The
-- application role gets INSERT and SELECT only (see sheaf_grant_app_role), and a
-- trigger refuses changes even from roles that hold the privilege.
CREATE TABLE audit_events (
    id             bigserial   PRIMARY KEY,
    occurred_at    timestamptz NOT NULL DEFAULT now(),
    actor_id       uuid,
    action         text        NOT NULL,
    subject_type   text        NOT NULL,
    subject_id     text        NOT NULL,
    before         jsonb,
    after          jsonb,
    request_id     text,
    client_address text
);
CREATE INDEX audit_events_subject ON audit_events (subject_type, subject_id, id);
CREATE INDEX audit_events_actor ON audit_events (actor_id, id);

CREATE FUNCTION audit_events_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_events is append-only' USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER audit_events_no_update BEFORE UPDATE OR DELETE ON audit_events
    FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
    FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only();

CREATE OR REPLACE FUNCTION sheaf_grant_app_role(app_role text) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE format('GRANT USAGE ON SCHEMA %I TO %I', current_schema(), app_role);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA %I TO %I', current_schema(), app_role);
    EXECUTE format('GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA %I TO %I', current_schema(), app_role);
    EXECUTE format('REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON schema_migrations FROM %I', app_role);
    EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE ON audit_events FROM %I', app_role);
    EXECUTE format('REVOKE INSERT, DELETE, TRUNCATE ON agency_settings FROM %I', app_role);
END;
$$;
