-- Reports (issue 15): what they need to stay fast at a million time entries, and the
-- working-time target utilization is measured against.

-- Each collaborator's working-time target per week (40 h unless set), from which the
-- utilization report derives the target of each week (pro rata of its working days).
ALTER TABLE users
    ADD COLUMN weekly_target_minutes integer NOT NULL DEFAULT 2400 CHECK (weekly_target_minutes BETWEEN 0 AND 10080);

-- Profitability aggregates the approved time of a period in SQL: this index holds
-- every column it reads, so the period's entries are read from the index alone,
-- never by scanning time_entries. Kept current by PostgreSQL in the writing
-- transaction itself (no batch, no summary table to drift).
CREATE INDEX time_entries_costing_by_date ON time_entries (work_date)
    INCLUDE (project_id, user_id, minutes, billable, cost_rate_scaled, rate_currency)
    WHERE status IN ('approved', 'client_validated', 'invoiced');

-- A project's invoiced-to-date (budget report) reads its invoice lines.
CREATE INDEX invoice_lines_project ON invoice_lines (project_id) WHERE project_id IS NOT NULL;

-- Revenue collected per month reads payments by date.
CREATE INDEX payments_paid_on ON payments (paid_on);
