-- Foundation: idempotency keys (SPEC §6) and the least-privilege grant helper (SPEC §7).

-- A replayable response per (scope, key): a retried POST returns the first result.
-- scope is the authenticated user's id, or 'anonymous'.
CREATE TABLE idempotency_keys (
    scope         text        NOT NULL,
    key           text        NOT NULL CHECK (length(key) BETWEEN 1 AND 255),
    request_hash  text        NOT NULL,
    state         text        NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'done')),
    status        integer,
    content_type  text,
    location      text,
    etag          text,
    body          bytea,
    created_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (scope, key)
);
CREATE INDEX idempotency_keys_created_at ON idempotency_keys (created_at);

-- Grants the application role what it needs and nothing more. Migrations run as the
-- owner; `sheaf migrate` calls this with SHEAF_DB_APP_ROLE after applying files.
-- Later migrations replace it (CREATE OR REPLACE) when they add append-only tables.
CREATE FUNCTION sheaf_grant_app_role(app_role text) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE format('GRANT USAGE ON SCHEMA %I TO %I', current_schema(), app_role);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA %I TO %I', current_schema(), app_role);
    EXECUTE format('GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA %I TO %I', current_schema(), app_role);
    EXECUTE format('REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON schema_migrations FROM %I', app_role);
END;
$$;
