-- E-mail, reminders and late-payment charges, client progress summaries and team
-- nudges (issue 14 items 4 to 7).

-- The client's billing contacts: who receives its invoices (POST /invoices/{id}/send)
-- and their reminders.
ALTER TABLE client_contacts ADD COLUMN receives_invoices boolean NOT NULL DEFAULT false;

-- The reminder rules (offsets from the due date, formal-notice flag, a template per
-- language) as a JSON array; NULL: the built-in defaults (-3, 0, +7, +30). The older
-- reminder_offsets_days column keeps the offsets of these rules.
ALTER TABLE agency_settings ADD COLUMN reminder_rules jsonb CHECK (jsonb_typeof(reminder_rules) = 'array');

-- The late-payment interest rate of each half-year (Belgian law of 2 August 2002: ECB
-- reference rate + 8 points, rounded up to the next half point, published per
-- half-year), basis points a year. A table, never one number: interest over a period
-- that spans half-years uses each half-year's rate.
CREATE TABLE late_payment_rates (
    half_year text    PRIMARY KEY CHECK (half_year ~ '^[0-9]{4}-H[12]$'),
    rate_bp   integer NOT NULL CHECK (rate_bp BETWEEN 0 AND 10000)
);
-- 2026-H1 as published (10.50 %); 2025-H2 and 2026-H2 from the formula (ECB main
-- refinancing rate 2.15 % + 8 points → 10.50 %), to be checked in the Moniteur belge.
INSERT INTO late_payment_rates (half_year, rate_bp) VALUES ('2025-H2', 1050), ('2026-H1', 1050), ('2026-H2', 1050);

-- One reminder per invoice and rule, made exactly once by the reminders job (the
-- unique key is the claim). `sent`: queued in the outbox (e-mail to the billing
-- contacts, `reminder.due` webhook); `skipped`: a later rule was already due when the
-- job first saw the invoice (e.g. the "3 days before" of an invoice issued late), so
-- only the latest one was sent.
CREATE TABLE invoice_reminders (
    id            uuid        PRIMARY KEY,
    invoice_id    uuid        NOT NULL REFERENCES invoices (id),
    offset_days   integer     NOT NULL CHECK (offset_days BETWEEN -90 AND 365),
    scheduled_on  date        NOT NULL,
    formal_notice boolean     NOT NULL,
    status        text        NOT NULL CHECK (status IN ('sent', 'skipped')),
    recipients    text[]      NOT NULL DEFAULT '{}',
    -- The outbox event that carried it.
    event_id      uuid        REFERENCES outbox_events (id) DEFERRABLE INITIALLY DEFERRED,
    created_at    timestamptz NOT NULL,
    UNIQUE (invoice_id, offset_days),
    CHECK ((status = 'sent') = (event_id IS NOT NULL))
);

-- Late-payment charges billed for an overdue invoice, each on its own issued invoice
-- (never by changing the overdue one): the interest period it covers and the fixed
-- compensation, which is billed once per invoice.
CREATE TABLE late_charges (
    charge_invoice_id  uuid        PRIMARY KEY REFERENCES invoices (id),
    invoice_id         uuid        NOT NULL REFERENCES invoices (id),
    interest_from      date        NOT NULL,
    interest_to        date        NOT NULL CHECK (interest_to >= interest_from),
    interest_minor     bigint      NOT NULL CHECK (interest_minor >= 0),
    compensation_minor bigint      NOT NULL CHECK (compensation_minor >= 0),
    created_at         timestamptz NOT NULL
);
CREATE INDEX late_charges_invoice ON late_charges (invoice_id, interest_to);
CREATE UNIQUE INDEX late_charges_one_compensation ON late_charges (invoice_id) WHERE compensation_minor > 0;


-- Client progress summaries (item 6): a project sends its client's contacts a summary
-- every week (Mondays, the week before) or month (the 1st, the month before); NULL: none.
ALTER TABLE projects ADD COLUMN summary_frequency text CHECK (summary_frequency IN ('weekly', 'monthly'));

-- One summary per project and period, made exactly once by the summaries job (the
-- unique key is the claim).
CREATE TABLE project_summaries (
    project_id  uuid        NOT NULL REFERENCES projects (id),
    period_kind text        NOT NULL CHECK (period_kind IN ('week', 'month')),
    period_from date        NOT NULL,
    period_to   date        NOT NULL CHECK (period_to >= period_from),
    recipients  text[]      NOT NULL DEFAULT '{}',
    event_id    uuid        NOT NULL REFERENCES outbox_events (id) DEFERRABLE INITIALLY DEFERRED,
    created_at  timestamptz NOT NULL,
    PRIMARY KEY (project_id, period_kind, period_from)
);

-- Monday nudges (item 7): on by default, each user may opt out (PUT /me/notifications).
ALTER TABLE users ADD COLUMN weekly_nudges boolean NOT NULL DEFAULT true;

-- One nudge per user and week, made exactly once by the nudges job.
CREATE TABLE team_nudges (
    user_id    uuid        NOT NULL REFERENCES users (id),
    week_from  date        NOT NULL,
    event_id   uuid        NOT NULL REFERENCES outbox_events (id) DEFERRABLE INITIALLY DEFERRED,
    created_at timestamptz NOT NULL,
    PRIMARY KEY (user_id, week_from)
);
