-- Retainers (SPEC §2 Retainer, §4.3; issue 5 item 4): at most one per project, of
-- any billing model, so a fixed-price build can be followed by a monthly retainer.
-- The period rules (start day clamped to the month's end, start and end aligned on
-- period boundaries) are Domain's (RetainerTerms); the table keeps the shape sound.

CREATE TABLE retainers (
    project_id              uuid        PRIMARY KEY REFERENCES projects (id),
    monthly_fee_minor       bigint      NOT NULL CHECK (monthly_fee_minor >= 0),
    -- Always the project's currency (checked by the trigger below).
    currency                char(3)     NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    included_minutes        integer     NOT NULL CHECK (included_minutes >= 0),
    -- The rate given last, major units x 10 000; the history is retainer_overage_rates.
    overage_rate_scaled     bigint      NOT NULL CHECK (overage_rate_scaled >= 0),
    period_start_day        integer     NOT NULL CHECK (period_start_day BETWEEN 1 AND 31),
    start_date              date        NOT NULL,
    end_date                date        CHECK (end_date >= start_date),
    unused_rule             text        NOT NULL CHECK (unused_rule IN ('forfeit', 'rollover')),
    rollover_cap_minutes    integer     CHECK (rollover_cap_minutes >= 0),
    rollover_expiry_periods integer     CHECK (rollover_expiry_periods >= 1),
    alert_threshold_percent integer     NOT NULL CHECK (alert_threshold_percent BETWEEN 1 AND 100),
    renewal_notes           text        NOT NULL DEFAULT '' CHECK (length(renewal_notes) <= 4000),
    version                 integer     NOT NULL DEFAULT 1,
    created_at              timestamptz NOT NULL DEFAULT now(),
    updated_at              timestamptz NOT NULL DEFAULT now(),
    -- Cap and expiry are required for rollover and meaningless otherwise.
    CONSTRAINT retainers_rollover_terms CHECK (CASE unused_rule
        WHEN 'rollover' THEN rollover_cap_minutes IS NOT NULL AND rollover_expiry_periods IS NOT NULL
        ELSE rollover_cap_minutes IS NULL AND rollover_expiry_periods IS NULL END)
);

-- The overage rate's effective-dated history: a period is priced with the rate in
-- force on its last day, so a change never rewrites a period that has ended.
CREATE TABLE retainer_overage_rates (
    project_id     uuid        NOT NULL REFERENCES retainers (project_id),
    effective_from date        NOT NULL,
    rate_scaled    bigint      NOT NULL CHECK (rate_scaled >= 0),
    created_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (project_id, effective_from)
);

-- A retainer bills in its project's currency: no code path may store another.
CREATE FUNCTION retainers_project_currency() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.currency IS DISTINCT FROM (SELECT currency FROM projects WHERE id = NEW.project_id) THEN
        RAISE EXCEPTION 'retainer of project % must be in the project''s currency', NEW.project_id
            USING ERRCODE = 'check_violation', CONSTRAINT = 'retainers_project_currency';
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER retainers_project_currency BEFORE INSERT OR UPDATE ON retainers
    FOR EACH ROW EXECUTE FUNCTION retainers_project_currency();
