-- Rules the tracking half was missing (issue 10).
--
-- A collaborator without a cost rate used to be approved at a cost of 0.00, which
-- made every margin wrong without a sign. An approved entry now keeps its cost rate
-- unknown (NULL) when none was in force; only the billable rate is required.
ALTER TABLE time_entries DROP CONSTRAINT time_entries_rates_when_approved;
ALTER TABLE time_entries ADD CONSTRAINT time_entries_rates_when_approved CHECK (
    status IN ('open', 'submitted') OR billable_rate_scaled IS NOT NULL);

-- Separation of duties: nobody decides on their own time or expenses unless the
-- agency allows it (one-person teams). And time is logged for work done or about to
-- be: at most this many days after the author's today.
ALTER TABLE agency_settings
    ADD COLUMN allow_self_approval boolean NOT NULL DEFAULT false,
    ADD COLUMN max_days_ahead      integer NOT NULL DEFAULT 7 CHECK (max_days_ahead BETWEEN 0 AND 366);
