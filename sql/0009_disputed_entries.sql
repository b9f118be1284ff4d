-- A client who disputes a timesheet can name the entries the dispute is about
-- (issue 11 item 13): the days and tasks they question, beside the comment. The
-- approver's queue shows, for each disputed entry, whether the client named it.
-- Only entries the request covers can be named (the foreign key), and, like the
-- decision it belongs to, the list is never changed once written.
CREATE TABLE validation_disputed_entries (
    validation_id uuid NOT NULL,
    time_entry_id uuid NOT NULL,
    PRIMARY KEY (validation_id, time_entry_id),
    FOREIGN KEY (validation_id, time_entry_id) REFERENCES validation_entries (validation_id, time_entry_id)
);
CREATE INDEX validation_disputed_entries_entry ON validation_disputed_entries (time_entry_id);
