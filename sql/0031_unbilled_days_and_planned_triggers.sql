-- Reports at a million entries, the rest of issue 15 item 7.
--
-- 1. The triggers of 0029 built their upsert as text and ran it with EXECUTE: PostgreSQL
--    plans such a statement on every call (about 5 ms per single-row write of approved
--    time on a loaded machine). Here each operation has its own trigger function whose
--    statements are written out (static SQL): PL/pgSQL plans them once per connection
--    and reuses the plan. The arithmetic is the very arithmetic of 0029.
-- 2. time_entry_unbilled_days: the approved, not yet invoiced, billable and priced time
--    per project, task, day, currency and status (the rows `GET /billable` lists before
--    drafts are taken out), kept by the same triggers in the same transaction. The
--    unbilled ageing report reads it: the buckets' edges (as of − 31, 61, 91 days) fall
--    on any day of a month, and no day is read from time_entries again.
--    It holds unbilled days only (a day leaves when its last entry is invoiced, reopened
--    or deleted), so it stays as small as the work not yet invoiced, whatever the history.
--    Why a table of its own and not days in time_entry_totals: the monthly totals keep
--    the person (profitability by person, utilization) and every status; by the day, a
--    person's entries are nearly one row each, and invoiced time is most of the history.

CREATE TABLE time_entry_unbilled_days (
    project_id   uuid    NOT NULL,
    task_id      uuid    NOT NULL,
    work_date    date    NOT NULL,
    currency     char(3),
    status       text    NOT NULL CHECK (status IN ('approved', 'client_validated')),
    -- The billable entries priced above zero, and Σ of their value as an invoice line
    -- prices it: round(round(hours to the hundredth) × rate) per entry.
    items        bigint  NOT NULL,
    amount_minor bigint  NOT NULL,
    CONSTRAINT time_entry_unbilled_days_key UNIQUE NULLS NOT DISTINCT (project_id, task_id, work_date, currency, status)
);
-- The ageing report reads the days up to its as_of.
CREATE INDEX time_entry_unbilled_days_date ON time_entry_unbilled_days (work_date);

-- 3. A retainer's consumption reads the whole months of each period of one project from
--    the monthly totals (RetainerStore.consumedMinutesQuery).
CREATE INDEX time_entry_totals_project_month ON time_entry_totals (project_id, month);

DROP TRIGGER time_entry_totals_insert ON time_entries;
DROP TRIGGER time_entry_totals_update ON time_entries;
DROP TRIGGER time_entry_totals_delete ON time_entries;
DROP FUNCTION time_entry_totals_apply();
-- Only the triggers of 0029 built their statement from it.
DROP FUNCTION time_entry_totals_upsert(text);

CREATE FUNCTION time_entry_totals_on_insert() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    -- Writes of open or submitted time only (logging, editing, submitting) stop here.
    IF NOT (EXISTS (SELECT 1 FROM time_entry_totals_new n WHERE n.status IN ('approved', 'client_validated', 'invoiced'))) THEN
        RETURN NULL;
    END IF;
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
        FROM (SELECT n.project_id, n.task_id, n.user_id, n.work_date, n.minutes, n.cost_rate_scaled, n.billable_rate_scaled, n.rate_currency, n.status, n.billable, 1 AS sign FROM time_entry_totals_new n WHERE n.status IN ('approved', 'client_validated', 'invoiced')) c
             LEFT JOIN currency_minor_digits cur ON cur.code = c.rate_currency
        GROUP BY 1, 2, 3, 4, 5, 6, 7
    ) d
    WHERE (d.entries, d.minutes, d.cost, d.unknown_entries, d.unknown_minutes, d.priced, d.amount) <> (0, 0, 0, 0, 0, 0, 0)
    ORDER BY 1, 2, 3, 4, 5, 6, 7
    ON CONFLICT ON CONSTRAINT time_entry_totals_key DO UPDATE SET
        entries = t.entries + EXCLUDED.entries, minutes = t.minutes + EXCLUDED.minutes, cost_minor = t.cost_minor + EXCLUDED.cost_minor,
        unknown_cost_entries = t.unknown_cost_entries + EXCLUDED.unknown_cost_entries,
        unknown_cost_minutes = t.unknown_cost_minutes + EXCLUDED.unknown_cost_minutes,
        priced_entries = t.priced_entries + EXCLUDED.priced_entries, line_amount_minor = t.line_amount_minor + EXCLUDED.line_amount_minor;

    INSERT INTO time_entry_unbilled_days AS t (project_id, task_id, work_date, currency, status, items, amount_minor)
    SELECT * FROM (
        SELECT c.project_id, c.task_id, c.work_date, c.rate_currency, c.status, sum(c.sign)::bigint AS items,
               sum(c.sign * round(round(c.minutes::numeric * 100 / 60) * c.billable_rate_scaled
                                  * (10::numeric ^ COALESCE(cur.digits, 2)) / 1000000))::bigint AS amount
        FROM (SELECT n.project_id, n.task_id, n.user_id, n.work_date, n.minutes, n.cost_rate_scaled, n.billable_rate_scaled, n.rate_currency, n.status, n.billable, 1 AS sign FROM time_entry_totals_new n WHERE n.status IN ('approved', 'client_validated') AND n.billable AND n.billable_rate_scaled > 0) c
             LEFT JOIN currency_minor_digits cur ON cur.code = c.rate_currency
        GROUP BY 1, 2, 3, 4, 5
    ) d
    WHERE (d.items, d.amount) <> (0, 0)
    ORDER BY 1, 2, 3, 4, 5
    ON CONFLICT ON CONSTRAINT time_entry_unbilled_days_key DO UPDATE SET
        items = t.items + EXCLUDED.items, amount_minor = t.amount_minor + EXCLUDED.amount_minor;
    -- A day whose unbilled time all left (invoiced, reopened, deleted) leaves the table,
    -- which so only ever holds unbilled days. The rows are those this statement locked.
    DELETE FROM time_entry_unbilled_days t
    WHERE t.items = 0 AND (t.project_id, t.task_id, t.work_date) IN (SELECT n.project_id, n.task_id, n.work_date FROM time_entry_totals_new n WHERE n.status IN ('approved', 'client_validated') AND n.billable AND n.billable_rate_scaled > 0);
    RETURN NULL;
END;
$$;

CREATE FUNCTION time_entry_totals_on_update() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    -- Writes of open or submitted time only (logging, editing, submitting) stop here.
    IF NOT (EXISTS (SELECT 1 FROM time_entry_totals_new n WHERE n.status IN ('approved', 'client_validated', 'invoiced')) OR EXISTS (SELECT 1 FROM time_entry_totals_old o WHERE o.status IN ('approved', 'client_validated', 'invoiced'))) THEN
        RETURN NULL;
    END IF;
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
        FROM (SELECT n.project_id, n.task_id, n.user_id, n.work_date, n.minutes, n.cost_rate_scaled, n.billable_rate_scaled, n.rate_currency, n.status, n.billable, 1 AS sign FROM time_entry_totals_new n WHERE n.status IN ('approved', 'client_validated', 'invoiced')
                 UNION ALL SELECT o.project_id, o.task_id, o.user_id, o.work_date, o.minutes, o.cost_rate_scaled, o.billable_rate_scaled, o.rate_currency, o.status, o.billable, -1 AS sign FROM time_entry_totals_old o WHERE o.status IN ('approved', 'client_validated', 'invoiced')) c
             LEFT JOIN currency_minor_digits cur ON cur.code = c.rate_currency
        GROUP BY 1, 2, 3, 4, 5, 6, 7
    ) d
    WHERE (d.entries, d.minutes, d.cost, d.unknown_entries, d.unknown_minutes, d.priced, d.amount) <> (0, 0, 0, 0, 0, 0, 0)
    ORDER BY 1, 2, 3, 4, 5, 6, 7
    ON CONFLICT ON CONSTRAINT time_entry_totals_key DO UPDATE SET
        entries = t.entries + EXCLUDED.entries, minutes = t.minutes + EXCLUDED.minutes, cost_minor = t.cost_minor + EXCLUDED.cost_minor,
        unknown_cost_entries = t.unknown_cost_entries + EXCLUDED.unknown_cost_entries,
        unknown_cost_minutes = t.unknown_cost_minutes + EXCLUDED.unknown_cost_minutes,
        priced_entries = t.priced_entries + EXCLUDED.priced_entries, line_amount_minor = t.line_amount_minor + EXCLUDED.line_amount_minor;

    INSERT INTO time_entry_unbilled_days AS t (project_id, task_id, work_date, currency, status, items, amount_minor)
    SELECT * FROM (
        SELECT c.project_id, c.task_id, c.work_date, c.rate_currency, c.status, sum(c.sign)::bigint AS items,
               sum(c.sign * round(round(c.minutes::numeric * 100 / 60) * c.billable_rate_scaled
                                  * (10::numeric ^ COALESCE(cur.digits, 2)) / 1000000))::bigint AS amount
        FROM (SELECT n.project_id, n.task_id, n.user_id, n.work_date, n.minutes, n.cost_rate_scaled, n.billable_rate_scaled, n.rate_currency, n.status, n.billable, 1 AS sign FROM time_entry_totals_new n WHERE n.status IN ('approved', 'client_validated') AND n.billable AND n.billable_rate_scaled > 0
                 UNION ALL SELECT o.project_id, o.task_id, o.user_id, o.work_date, o.minutes, o.cost_rate_scaled, o.billable_rate_scaled, o.rate_currency, o.status, o.billable, -1 AS sign FROM time_entry_totals_old o WHERE o.status IN ('approved', 'client_validated') AND o.billable AND o.billable_rate_scaled > 0) c
             LEFT JOIN currency_minor_digits cur ON cur.code = c.rate_currency
        GROUP BY 1, 2, 3, 4, 5
    ) d
    WHERE (d.items, d.amount) <> (0, 0)
    ORDER BY 1, 2, 3, 4, 5
    ON CONFLICT ON CONSTRAINT time_entry_unbilled_days_key DO UPDATE SET
        items = t.items + EXCLUDED.items, amount_minor = t.amount_minor + EXCLUDED.amount_minor;
    -- A day whose unbilled time all left (invoiced, reopened, deleted) leaves the table,
    -- which so only ever holds unbilled days. The rows are those this statement locked.
    DELETE FROM time_entry_unbilled_days t
    WHERE t.items = 0 AND (t.project_id, t.task_id, t.work_date) IN (SELECT n.project_id, n.task_id, n.work_date FROM time_entry_totals_new n WHERE n.status IN ('approved', 'client_validated') AND n.billable AND n.billable_rate_scaled > 0 UNION ALL SELECT o.project_id, o.task_id, o.work_date FROM time_entry_totals_old o WHERE o.status IN ('approved', 'client_validated') AND o.billable AND o.billable_rate_scaled > 0);
    RETURN NULL;
END;
$$;

CREATE FUNCTION time_entry_totals_on_delete() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    -- Writes of open or submitted time only (logging, editing, submitting) stop here.
    IF NOT (EXISTS (SELECT 1 FROM time_entry_totals_old o WHERE o.status IN ('approved', 'client_validated', 'invoiced'))) THEN
        RETURN NULL;
    END IF;
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
        FROM (SELECT o.project_id, o.task_id, o.user_id, o.work_date, o.minutes, o.cost_rate_scaled, o.billable_rate_scaled, o.rate_currency, o.status, o.billable, -1 AS sign FROM time_entry_totals_old o WHERE o.status IN ('approved', 'client_validated', 'invoiced')) c
             LEFT JOIN currency_minor_digits cur ON cur.code = c.rate_currency
        GROUP BY 1, 2, 3, 4, 5, 6, 7
    ) d
    WHERE (d.entries, d.minutes, d.cost, d.unknown_entries, d.unknown_minutes, d.priced, d.amount) <> (0, 0, 0, 0, 0, 0, 0)
    ORDER BY 1, 2, 3, 4, 5, 6, 7
    ON CONFLICT ON CONSTRAINT time_entry_totals_key DO UPDATE SET
        entries = t.entries + EXCLUDED.entries, minutes = t.minutes + EXCLUDED.minutes, cost_minor = t.cost_minor + EXCLUDED.cost_minor,
        unknown_cost_entries = t.unknown_cost_entries + EXCLUDED.unknown_cost_entries,
        unknown_cost_minutes = t.unknown_cost_minutes + EXCLUDED.unknown_cost_minutes,
        priced_entries = t.priced_entries + EXCLUDED.priced_entries, line_amount_minor = t.line_amount_minor + EXCLUDED.line_amount_minor;

    INSERT INTO time_entry_unbilled_days AS t (project_id, task_id, work_date, currency, status, items, amount_minor)
    SELECT * FROM (
        SELECT c.project_id, c.task_id, c.work_date, c.rate_currency, c.status, sum(c.sign)::bigint AS items,
               sum(c.sign * round(round(c.minutes::numeric * 100 / 60) * c.billable_rate_scaled
                                  * (10::numeric ^ COALESCE(cur.digits, 2)) / 1000000))::bigint AS amount
        FROM (SELECT o.project_id, o.task_id, o.user_id, o.work_date, o.minutes, o.cost_rate_scaled, o.billable_rate_scaled, o.rate_currency, o.status, o.billable, -1 AS sign FROM time_entry_totals_old o WHERE o.status IN ('approved', 'client_validated') AND o.billable AND o.billable_rate_scaled > 0) c
             LEFT JOIN currency_minor_digits cur ON cur.code = c.rate_currency
        GROUP BY 1, 2, 3, 4, 5
    ) d
    WHERE (d.items, d.amount) <> (0, 0)
    ORDER BY 1, 2, 3, 4, 5
    ON CONFLICT ON CONSTRAINT time_entry_unbilled_days_key DO UPDATE SET
        items = t.items + EXCLUDED.items, amount_minor = t.amount_minor + EXCLUDED.amount_minor;
    -- A day whose unbilled time all left (invoiced, reopened, deleted) leaves the table,
    -- which so only ever holds unbilled days. The rows are those this statement locked.
    DELETE FROM time_entry_unbilled_days t
    WHERE t.items = 0 AND (t.project_id, t.task_id, t.work_date) IN (SELECT o.project_id, o.task_id, o.work_date FROM time_entry_totals_old o WHERE o.status IN ('approved', 'client_validated') AND o.billable AND o.billable_rate_scaled > 0);
    RETURN NULL;
END;
$$;

-- Same statement-level triggers and transition tables as 0029. Writers lock the keys of
-- each table in key order (ORDER BY before ON CONFLICT), monthly totals first.
CREATE TRIGGER time_entry_totals_insert AFTER INSERT ON time_entries
    REFERENCING NEW TABLE AS time_entry_totals_new FOR EACH STATEMENT EXECUTE FUNCTION time_entry_totals_on_insert();
CREATE TRIGGER time_entry_totals_update AFTER UPDATE ON time_entries
    REFERENCING OLD TABLE AS time_entry_totals_old NEW TABLE AS time_entry_totals_new
    FOR EACH STATEMENT EXECUTE FUNCTION time_entry_totals_on_update();
CREATE TRIGGER time_entry_totals_delete AFTER DELETE ON time_entries
    REFERENCING OLD TABLE AS time_entry_totals_old FOR EACH STATEMENT EXECUTE FUNCTION time_entry_totals_on_delete();

-- The unbilled days already there (time_entries is locked against writes by the
-- triggers' creation until this migration commits).
INSERT INTO time_entry_unbilled_days (project_id, task_id, work_date, currency, status, items, amount_minor)
SELECT e.project_id, e.task_id, e.work_date, e.rate_currency, e.status, count(*),
       sum(round(round(e.minutes::numeric * 100 / 60) * e.billable_rate_scaled * (10::numeric ^ COALESCE(cur.digits, 2)) / 1000000))::bigint
FROM time_entries e LEFT JOIN currency_minor_digits cur ON cur.code = e.rate_currency
WHERE e.status IN ('approved', 'client_validated') AND e.billable AND e.billable_rate_scaled > 0
GROUP BY 1, 2, 3, 4, 5;
ANALYZE time_entry_unbilled_days;
