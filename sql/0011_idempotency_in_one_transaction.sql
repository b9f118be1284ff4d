-- Idempotency keys are claimed, the request's writes made and the answer kept in ONE
-- transaction (issue 11 item 1). "In progress" is a transaction-scoped advisory lock on
-- the key, released by PostgreSQL however that transaction ends, so a row now exists
-- only for an answer that committed and the 'pending' state goes. Pending rows left by
-- the old two-transaction scheme are claims whose request died: their retries were
-- refused until the row expired after 24 hours and then ran again. Deleting them now
-- lets those retries run at once, as they would have a day later.
DELETE FROM idempotency_keys WHERE state = 'pending';
ALTER TABLE idempotency_keys DROP COLUMN state;
ALTER TABLE idempotency_keys ALTER COLUMN status SET NOT NULL;
