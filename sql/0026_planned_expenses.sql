-- Planned expenses (issue 15 item 2: planned vs actual expenses in the profitability
-- report): what a project plans to spend on expenses, in the project's currency.
-- Expand only: a nullable column without a default, so the previous release (which
-- names its columns in every INSERT and UPDATE) keeps working beside this one and never
-- touches it. Zero is a plan ("no expenses"), null is no plan.
ALTER TABLE projects
    ADD COLUMN planned_expenses_minor bigint CHECK (planned_expenses_minor >= 0);
