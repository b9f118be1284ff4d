-- The time annex of an invoice (issue 13 item 1): the admin chooses, per invoice, whether
-- its document lists the time entries each time line bills (date, person, hours, note)
-- on a page of its own. Set on a draft, frozen with it at issue, so the PDF of record
-- rendered at issue carries it or not for good.
ALTER TABLE invoices ADD COLUMN time_annex boolean NOT NULL DEFAULT false;
