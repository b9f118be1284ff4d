-- Reports flat at a million time entries (issue 15 item 7): the approved time of every
-- (project, task, person, month, currency, status, billable) summed once, kept current
-- by PostgreSQL in the very transaction that writes time_entries (statement triggers
-- below), so no write path can forget it and no nightly batch can lag.
--
-- A report over whole months reads these rows (a few per person and month) instead of
-- every entry; the days of a period that do not make a whole month are read from
-- time_entries through its date indexes. Each entry's money is rounded on its own,
-- exactly as the reports round it (ReportSQL.amount, UnbilledStore.timeAmount), and
-- summed here: the sum of rounded amounts, never the rounding of a sum.

-- ISO 4217 currencies whose minor unit is not 2 digits, for rounding in SQL where no
-- query can pass them (a trigger). The same list as Currency.minorUnitDigitsByCode:
-- TimeEntryTotalsTests checks they are equal.
CREATE TABLE currency_minor_digits (
    code   char(3) PRIMARY KEY CHECK (code ~ '^[A-Z]{3}$'),
    digits integer NOT NULL CHECK (digits BETWEEN 0 AND 4)
);
INSERT INTO currency_minor_digits (code, digits) VALUES
    ('BIF', 0), ('CLP', 0), ('DJF', 0), ('GNF', 0), ('ISK', 0), ('JPY', 0), ('KMF', 0), ('KRW', 0),
    ('PYG', 0), ('RWF', 0), ('UGX', 0), ('UYI', 0), ('VND', 0), ('VUV', 0), ('XAF', 0), ('XOF', 0),
    ('XPF', 0),
    ('BHD', 3), ('IQD', 3), ('JOD', 3), ('KWD', 3), ('LYD', 3), ('OMR', 3), ('TND', 3),
    ('CLF', 4), ('UYW', 4);

-- Only approved time is summed (approved, client_validated, invoiced): what the
-- reports count. Rows whose entries all left (entries = 0) stay, all zero, for the
-- next upsert; readers skip them.
CREATE TABLE time_entry_totals (
    project_id            uuid    NOT NULL,
    task_id               uuid    NOT NULL,
    user_id               uuid    NOT NULL,
    -- The first day of the month the entries were worked in.
    month                 date    NOT NULL CHECK (extract(day FROM month) = 1),
    currency              char(3),
    status                text    NOT NULL CHECK (status IN ('approved', 'client_validated', 'invoiced')),
    billable              boolean NOT NULL,
    entries               bigint  NOT NULL,
    minutes               bigint  NOT NULL,
    -- Σ round(minutes × cost rate) per entry, over the entries whose cost rate is known.
    cost_minor            bigint  NOT NULL,
    unknown_cost_entries  bigint  NOT NULL,
    unknown_cost_minutes  bigint  NOT NULL,
    -- The entries with a billable rate above zero, and Σ of their value as an invoice
    -- line prices it: round(round(hours to the hundredth) × rate) per entry.
    priced_entries        bigint  NOT NULL,
    line_amount_minor     bigint  NOT NULL,
    CONSTRAINT time_entry_totals_key UNIQUE NULLS NOT DISTINCT (project_id, task_id, user_id, month, currency, status, billable)
);
CREATE INDEX time_entry_totals_month ON time_entry_totals (month);

-- The upsert that adds the approved rows of `source` (time_entries rows with a `sign`
-- column: 1 adds a row, -1 takes it away) to their keys. Keys whose sums are all zero
-- are skipped: an edit that moves nothing (a note, a validation link) writes nothing.
-- Upserts in key order, so two transactions touching the same keys lock them in the
-- same order (no deadlock between two statements), and ON CONFLICT DO UPDATE adds to
-- the committed row (no lost update under READ COMMITTED). The money is rounded per
-- entry with the very expressions of ReportSQL.amount and UnbilledStore.timeAmount.
CREATE FUNCTION time_entry_totals_upsert(source text) RETURNS text
LANGUAGE sql IMMUTABLE AS $fn$
SELECT format($q$
    INSERT INTO time_entry_totals AS t (project_id, task_id, user_id, month, currency, status, billable, entries, minutes,
        cost_minor, unknown_cost_entries, unknown_cost_minutes, priced_entries, line_amount_minor)
    SELECT * FROM (
        SELECT c.project_id, c.task_id, c.user_id, date_trunc('month', c.work_date)::date AS month, c.rate_currency, c.status, c.billable,
               sum(c.sign)::bigint AS entries, sum(c.sign * c.minutes)::bigint AS minutes,
               COALESCE(sum(c.sign * round(c.minutes::numeric * c.cost_rate_scaled * (10::numeric ^ COALESCE(cur.digits, 2)) / 600000)), 0)::bigint AS cost,
               COALESCE(sum(c.sign) FILTER (WHERE c.cost_rate_scaled IS NULL), 0)::bigint AS unknown_entries,
               COALESCE(sum(c.sign * c.minutes) FILTER (WHERE c.cost_rate_scaled IS NULL), 0)::bigint AS unknown_minutes,
               COALESCE(sum(c.sign) FILTER (WHERE c.billable_rate_scaled > 0), 0)::bigint AS priced,
               COALESCE(sum(c.sign * round(round(c.minutes::numeric * 100 / 60) * c.billable_rate_scaled
                                           * (10::numeric ^ COALESCE(cur.digits, 2)) / 1000000)) FILTER (WHERE c.billable_rate_scaled > 0), 0)::bigint AS amount
        FROM (%s) c LEFT JOIN currency_minor_digits cur ON cur.code = c.rate_currency
        WHERE c.status IN ('approved', 'client_validated', 'invoiced')
        GROUP BY 1, 2, 3, 4, 5, 6, 7
    ) d
    WHERE (d.entries, d.minutes, d.cost, d.unknown_entries, d.unknown_minutes, d.priced, d.amount) <> (0, 0, 0, 0, 0, 0, 0)
    ORDER BY 1, 2, 3, 4, 5, 6, 7
    ON CONFLICT ON CONSTRAINT time_entry_totals_key DO UPDATE SET
        entries = t.entries + EXCLUDED.entries, minutes = t.minutes + EXCLUDED.minutes, cost_minor = t.cost_minor + EXCLUDED.cost_minor,
        unknown_cost_entries = t.unknown_cost_entries + EXCLUDED.unknown_cost_entries,
        unknown_cost_minutes = t.unknown_cost_minutes + EXCLUDED.unknown_cost_minutes,
        priced_entries = t.priced_entries + EXCLUDED.priced_entries, line_amount_minor = t.line_amount_minor + EXCLUDED.line_amount_minor
    $q$, source)
$fn$;

-- Statement triggers with transition tables: one upsert per statement however many
-- rows it wrote (an invoice over 100 000 entries, a COPY of the demo), and every path
-- that writes time_entries (API, imports, invoicing, credit notes, change requests,
-- a cascade) goes through it. Invoicing moves entries from approved to invoiced: both
-- keys are updated in the same transaction.
CREATE FUNCTION time_entry_totals_apply() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    approved_time boolean := false;
BEGIN
    -- Most writes touch open or submitted time only (logging, editing, submitting):
    -- they return here, before the upsert is even planned. (One statement per
    -- transition table: an INSERT has no old rows, a DELETE no new ones.)
    IF TG_OP <> 'DELETE' THEN
        approved_time := EXISTS (SELECT 1 FROM time_entry_totals_new WHERE status IN ('approved', 'client_validated', 'invoiced'));
    END IF;
    IF NOT approved_time AND TG_OP <> 'INSERT' THEN
        approved_time := EXISTS (SELECT 1 FROM time_entry_totals_old WHERE status IN ('approved', 'client_validated', 'invoiced'));
    END IF;
    IF approved_time THEN
        EXECUTE time_entry_totals_upsert(CASE TG_OP
            WHEN 'INSERT' THEN 'SELECT n.*, 1 AS sign FROM time_entry_totals_new n'
            WHEN 'DELETE' THEN 'SELECT o.*, -1 AS sign FROM time_entry_totals_old o'
            ELSE 'SELECT n.*, 1 AS sign FROM time_entry_totals_new n UNION ALL SELECT o.*, -1 AS sign FROM time_entry_totals_old o' END);
    END IF;
    RETURN NULL;
END;
$$;
CREATE TRIGGER time_entry_totals_insert AFTER INSERT ON time_entries
    REFERENCING NEW TABLE AS time_entry_totals_new FOR EACH STATEMENT EXECUTE FUNCTION time_entry_totals_apply();
CREATE TRIGGER time_entry_totals_update AFTER UPDATE ON time_entries
    REFERENCING OLD TABLE AS time_entry_totals_old NEW TABLE AS time_entry_totals_new
    FOR EACH STATEMENT EXECUTE FUNCTION time_entry_totals_apply();
CREATE TRIGGER time_entry_totals_delete AFTER DELETE ON time_entries
    REFERENCING OLD TABLE AS time_entry_totals_old FOR EACH STATEMENT EXECUTE FUNCTION time_entry_totals_apply();

-- The rows already there. CREATE TRIGGER locked time_entries against writes until this
-- migration commits, so none is counted twice or missed.
DO $$ BEGIN EXECUTE time_entry_totals_upsert('SELECT e.*, 1 AS sign FROM time_entries e'); END $$;
ANALYZE time_entry_totals;
