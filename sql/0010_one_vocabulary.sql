-- One word per meaning (issue 10 item 16; the glossary is at the top of the OpenAPI
-- description). A staff decision on team work is approve/reject (unchanged); a client
-- decision on what the agency put to them is accept/reject. So:
--   validations:     decision 'dispute' → 'reject', status 'disputed' → 'rejected';
--   change requests: status 'approved' → 'accepted', 'declined' → 'rejected';
--   time entries and expenses: `dispute_comment` (what the client said when they
--     rejected the validation that sent the item back) → `client_rejection_comment`.
-- Rows already stored are converted in the same transaction as the constraints, so no
-- row is ever outside them. `validation_disputed_entries` keeps its name: a disputed
-- entry is one line a client objected to inside a rejected validation, a different
-- meaning from the decision. `period_from`/`period_to` keep theirs too: `from` and
-- `to` are reserved words in SQL; the API and the code call them from/to.
--
-- Audit events keep the action names they were written with
-- (`change_request.approved`, `change_request.declined`, `validation.disputed`):
-- audit_events is append-only by trigger (0002), and a trail that rewrites itself is
-- no trail. New events use `change_request.accepted`, `change_request.rejected` and
-- `validation.rejected`.

ALTER TABLE validations DROP CONSTRAINT validations_status_check;
ALTER TABLE validations DROP CONSTRAINT validations_decision_check;
UPDATE validations SET status = 'rejected' WHERE status = 'disputed';
UPDATE validations SET decision = 'reject' WHERE decision = 'dispute';
ALTER TABLE validations ADD CONSTRAINT validations_status_check
    CHECK (status IN ('pending', 'accepted', 'rejected', 'superseded'));
ALTER TABLE validations ADD CONSTRAINT validations_decision_check
    CHECK (decision IN ('accept', 'reject'));

ALTER TABLE change_requests DROP CONSTRAINT change_requests_status_check;
ALTER TABLE change_requests DROP CONSTRAINT change_requests_task_when_approved;
UPDATE change_requests SET status = CASE status WHEN 'approved' THEN 'accepted' ELSE 'rejected' END
WHERE status IN ('approved', 'declined');
ALTER TABLE change_requests ADD CONSTRAINT change_requests_status_check
    CHECK (status IN ('draft', 'quoted', 'accepted', 'rejected'));
ALTER TABLE change_requests ADD CONSTRAINT change_requests_task_when_accepted
    CHECK (status <> 'accepted' OR task_id IS NOT NULL);

ALTER TABLE time_entries RENAME COLUMN dispute_comment TO client_rejection_comment;
ALTER TABLE expenses RENAME COLUMN dispute_comment TO client_rejection_comment;
