-- Flat at scale (issue 18 item 5): indexes that match the lists, reports and budget
-- sums, so that their cost follows the page or the project, not the history.

-- GET /time-entries, newest first (ORDER BY work_date DESC, id DESC), for everyone who
-- sees more than their own time: a backward scan stops after the page instead of
-- sorting every row. The approval queue (submitted, oldest first) has its own, small one.
CREATE INDEX time_entries_date_id ON time_entries (work_date, id);
CREATE INDEX time_entries_submitted_date_id ON time_entries (work_date, id) WHERE status = 'submitted';

-- A person's own list and a project's list, in the same order: these replace the
-- (user_id, work_date) and (project_id, work_date) indexes, which they include.
CREATE INDEX time_entries_user_date_id ON time_entries (user_id, work_date, id);
DROP INDEX time_entries_user_date;
CREATE INDEX time_entries_project_date_id ON time_entries (project_id, work_date, id);
DROP INDEX time_entries_project_date;

-- A project's budget sums its approved time in SQL: index-only.
CREATE INDEX time_entries_project_status ON time_entries (project_id, status)
    INCLUDE (minutes, billable, billable_rate_scaled, rate_currency);
