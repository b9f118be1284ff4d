-- Automation (issue 14 items 1–3): the job runner's schedule, the transactional outbox
-- and its deliveries, and webhook endpoints.

-- One row per scheduled job that a runner registered (JobRunner, Services/Automation).
-- A runner claims a due job by locking its row (FOR UPDATE SKIP LOCKED) in a
-- transaction that stays open while the job runs and that moves next_run_at on: with
-- any number of instances, each due run happens once; a crash rolls the claim back and
-- leaves the job due for another instance.
CREATE TABLE jobs (
    name             text        PRIMARY KEY CHECK (name ~ '^[a-z][a-z0-9_.-]{0,99}$'),
    next_run_at      timestamptz NOT NULL,
    last_started_at  timestamptz,
    last_finished_at timestamptz,
    last_outcome     text        CHECK (last_outcome IN ('succeeded', 'failed')),
    last_error       text        CHECK (length(last_error) <= 2000),
    last_duration_ms bigint      CHECK (last_duration_ms >= 0),
    -- The instance (host and process) that ran it last.
    last_runner      text        CHECK (length(last_runner) <= 200),
    runs             bigint      NOT NULL DEFAULT 0 CHECK (runs >= 0),
    CHECK ((last_outcome = 'failed') = (last_error IS NOT NULL))
);

-- Webhook receivers (admin). The secret (whsec_<base64>) signs every delivery, so it is
-- kept as is; the API shows it only at creation and at rotation.
CREATE TABLE webhook_endpoints (
    id          uuid        PRIMARY KEY,
    url         text        NOT NULL CHECK (length(url) BETWEEN 1 AND 2000),
    description text        NOT NULL DEFAULT '' CHECK (length(description) <= 500),
    -- Empty: every event type.
    event_types text[]      NOT NULL DEFAULT '{}',
    active      boolean     NOT NULL DEFAULT true,
    secret      text        NOT NULL CHECK (secret ~ '^whsec_[A-Za-z0-9+/]+={0,2}$'),
    version     integer     NOT NULL DEFAULT 1,
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL
);

-- The outbox: written in the same transaction as the change that causes the event, so
-- an event exists exactly when its change committed. Append-only.
CREATE TABLE outbox_events (
    id           uuid        PRIMARY KEY,
    seq          bigserial   NOT NULL UNIQUE,
    type         text        NOT NULL CHECK (type ~ '^[a-z_]+\.[a-z_]+$'),
    occurred_at  timestamptz NOT NULL,
    subject_type text        NOT NULL CHECK (length(subject_type) BETWEEN 1 AND 100),
    subject_id   text        NOT NULL CHECK (length(subject_id) BETWEEN 1 AND 200),
    -- The resource's path in the API, e.g. /invoices/{id}.
    link         text        NOT NULL CHECK (link LIKE '/%'),
    payload      jsonb       NOT NULL CHECK (jsonb_typeof(payload) = 'object')
);
CREATE INDEX outbox_events_type ON outbox_events (type, seq);
CREATE INDEX outbox_events_subject ON outbox_events (subject_type, subject_id, seq);
-- An invoice falls overdue once: the overdue job's event is its own claim.
CREATE UNIQUE INDEX outbox_events_overdue_once ON outbox_events (subject_id) WHERE type = 'invoice.overdue';

CREATE FUNCTION outbox_events_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'outbox_events is append-only' USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER outbox_events_no_update BEFORE UPDATE OR DELETE ON outbox_events
    FOR EACH ROW EXECUTE FUNCTION outbox_events_append_only();

-- One delivery of an event over one channel to one target, with the same retry and
-- record whatever the channel: a webhook endpoint, or an e-mail recipient.
CREATE TABLE outbox_deliveries (
    id               uuid        PRIMARY KEY,
    event_id         uuid        NOT NULL REFERENCES outbox_events (id),
    channel          text        NOT NULL CHECK (channel IN ('webhook', 'email')),
    -- Who receives it: the endpoint id for a webhook, the address for an e-mail.
    target           text        NOT NULL CHECK (length(target) BETWEEN 1 AND 500),
    endpoint_id      uuid        REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
    -- Channel-specific content fixed when the delivery was made (e.g. an e-mail's
    -- subject, bodies and attachments references); NULL when the event says it all.
    message          jsonb,
    status           text        NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'succeeded', 'failed')),
    attempts         integer     NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    -- When a dispatcher may next try it; a claim moves it forward by a lease, so an
    -- instance that dies mid-attempt leaves it to be tried again.
    next_attempt_at  timestamptz,
    last_attempt_at  timestamptz,
    last_error       text        CHECK (length(last_error) <= 2000),
    last_duration_ms integer     CHECK (last_duration_ms >= 0),
    created_at       timestamptz NOT NULL,
    completed_at     timestamptz,
    UNIQUE (event_id, channel, target),
    CHECK ((channel = 'webhook') = (endpoint_id IS NOT NULL)),
    CHECK ((status = 'pending') = (next_attempt_at IS NOT NULL)),
    CHECK ((status = 'pending') = (completed_at IS NULL))
);
CREATE INDEX outbox_deliveries_due ON outbox_deliveries (next_attempt_at) WHERE status = 'pending';
CREATE INDEX outbox_deliveries_endpoint ON outbox_deliveries (endpoint_id, created_at);
CREATE INDEX outbox_deliveries_event ON outbox_deliveries (event_id);

-- Every attempt of a delivery, kept for the record (GET /webhooks/deliveries).
CREATE TABLE outbox_delivery_attempts (
    delivery_id uuid        NOT NULL REFERENCES outbox_deliveries (id) ON DELETE CASCADE,
    attempt     integer     NOT NULL CHECK (attempt >= 1),
    started_at  timestamptz NOT NULL,
    duration_ms integer     NOT NULL CHECK (duration_ms >= 0),
    succeeded   boolean     NOT NULL,
    -- The receiver's HTTP status (webhooks); NULL when no answer came.
    http_status integer     CHECK (http_status BETWEEN 100 AND 599),
    error       text        CHECK (length(error) <= 2000),
    PRIMARY KEY (delivery_id, attempt)
);

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
    EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE ON outbox_events FROM %I', app_role);
END;
$$;
