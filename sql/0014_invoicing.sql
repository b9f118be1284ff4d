-- The invoicing ledger (issue 12; SPEC §4.5–4.7, §5): drafts that reserve what they
-- bill, gapless issue per series, immutable issued documents, credit notes,
-- payments, and closed periods.

-- Numbering (SPEC §5): one row per series, locked by the issuing transaction. The
-- counter and the last issue date live here so a rolled-back issue leaves no gap and
-- no document can be dated before the series' last one.
ALTER TABLE agency_settings
    ADD COLUMN credit_note_number_format text    NOT NULL DEFAULT '{YYYY}-CN-{NNNN}',
    -- Day of the month retainer invoices are made (issue 12 item 11): never later
    -- than the 15th, the Belgian deadline for invoicing the previous month.
    ADD COLUMN retainer_invoice_day      integer NOT NULL DEFAULT 1 CHECK (retainer_invoice_day BETWEEN 1 AND 15);

CREATE TABLE invoice_series (
    series          text    PRIMARY KEY CHECK (series IN ('invoice', 'credit_note')),
    -- The year of the last number; a template with a year restarts at 1 when it changes.
    year            integer,
    last_counter    integer NOT NULL DEFAULT 0 CHECK (last_counter >= 0),
    last_issue_date date
);
INSERT INTO invoice_series (series) VALUES ('invoice'), ('credit_note');

CREATE TABLE invoices (
    id                       uuid        PRIMARY KEY,
    kind                     text        NOT NULL CHECK (kind IN ('invoice', 'deposit', 'credit_note')),
    client_id                uuid        NOT NULL REFERENCES clients (id),
    currency                 char(3)     NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    status                   text        NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'issued')),
    -- What the admin edits on a draft.
    notes                    text        NOT NULL DEFAULT '' CHECK (length(notes) <= 4000),
    buyer_reference          text        CHECK (length(buyer_reference) BETWEEN 1 AND 200),
    order_reference          text        CHECK (length(order_reference) BETWEEN 1 AND 200),
    period_from              date,
    period_to                date,
    due_date                 date,
    time_grouping            text        NOT NULL DEFAULT 'task' CHECK (time_grouping IN ('task', 'person', 'entry', 'project')),
    -- A deposit invoice advances on one project.
    deposit_project_id       uuid        REFERENCES projects (id),
    -- A credit note credits one invoice, for a reason.
    credited_invoice_id      uuid        REFERENCES invoices (id),
    credit_reason            text        CHECK (length(credit_reason) BETWEEN 1 AND 1000),
    -- Set once, at issue.
    series                   text        REFERENCES invoice_series (series),
    year                     integer,
    counter                  integer,
    number                   text,
    issue_date               date,
    structured_communication text        CHECK (structured_communication ~ '^[0-9]{12}$'),
    seller                   jsonb,
    buyer                    jsonb,
    line_extension_minor     bigint,
    tax_exclusive_minor      bigint,
    tax_total_minor          bigint,
    tax_inclusive_minor      bigint,
    payable_minor            bigint,
    vat_breakdown            jsonb,
    issued_at                timestamptz,
    issued_by                uuid        REFERENCES users (id),
    version                  integer     NOT NULL DEFAULT 1,
    created_at               timestamptz NOT NULL DEFAULT now(),
    created_by               uuid        REFERENCES users (id),
    CONSTRAINT invoices_number_key UNIQUE (series, number),
    CONSTRAINT invoices_period CHECK (period_to >= period_from),
    CONSTRAINT invoices_deposit_project CHECK ((kind = 'deposit') = (deposit_project_id IS NOT NULL)),
    CONSTRAINT invoices_credit_note_target CHECK ((kind = 'credit_note') = (credited_invoice_id IS NOT NULL AND credit_reason IS NOT NULL)),
    CONSTRAINT invoices_issued_complete CHECK (status = 'draft' OR (
        series IS NOT NULL AND number IS NOT NULL AND counter IS NOT NULL AND issue_date IS NOT NULL AND seller IS NOT NULL
        AND buyer IS NOT NULL AND payable_minor IS NOT NULL AND vat_breakdown IS NOT NULL AND issued_at IS NOT NULL))
);
CREATE INDEX invoices_client ON invoices (client_id, status);
CREATE INDEX invoices_issue_date ON invoices (issue_date) WHERE status = 'issued';
CREATE INDEX invoices_credited ON invoices (credited_invoice_id) WHERE credited_invoice_id IS NOT NULL;
CREATE UNIQUE INDEX invoices_structured_communication ON invoices (structured_communication) WHERE structured_communication IS NOT NULL;

CREATE TABLE invoice_lines (
    id                   uuid    PRIMARY KEY,
    invoice_id           uuid    NOT NULL REFERENCES invoices (id) ON DELETE CASCADE,
    position             integer NOT NULL CHECK (position > 0),
    kind                 text    NOT NULL CHECK (kind IN ('time', 'expense', 'milestone', 'change_request', 'retainer_fee',
                                                          'retainer_overage', 'deposit', 'deposit_deduction', 'manual')),
    project_id           uuid    REFERENCES projects (id),
    description          text    NOT NULL CHECK (length(description) BETWEEN 1 AND 1000),
    -- Quantity x 10 000 (12.75 h = 127500); negative for a deduction, never 0.
    quantity_scaled      bigint  NOT NULL CHECK (quantity_scaled <> 0),
    unit_code            text    NOT NULL CHECK (unit_code ~ '^[A-Z0-9]{2,3}$'),
    -- Major units x 10 000, never negative (EN 16931 BR-27).
    unit_price_scaled    bigint  NOT NULL CHECK (unit_price_scaled >= 0),
    net_minor            bigint  NOT NULL,
    vat_category         text    NOT NULL CHECK (vat_category IN ('S', 'Z', 'E', 'AE', 'K', 'G', 'O')),
    vat_rate_bp          integer CHECK (vat_rate_bp BETWEEN 0 AND 10000),
    vat_exemption_code   text,
    vat_exemption_reason text,
    period_from          date,
    period_to            date,
    -- A deduction line takes this deposit invoice off.
    deducted_deposit_id  uuid    REFERENCES invoices (id),
    -- A credit note line credits this line of the credited invoice.
    credited_line_id     uuid    REFERENCES invoice_lines (id),
    CONSTRAINT invoice_lines_position_key UNIQUE (invoice_id, position) DEFERRABLE INITIALLY DEFERRED,
    CONSTRAINT invoice_lines_rate_unless_outside_scope CHECK ((vat_category = 'O') = (vat_rate_bp IS NULL)),
    CONSTRAINT invoice_lines_deduction CHECK ((kind = 'deposit_deduction') = (deducted_deposit_id IS NOT NULL))
);
CREATE INDEX invoice_lines_invoice ON invoice_lines (invoice_id, position);
CREATE INDEX invoice_lines_deposit ON invoice_lines (deducted_deposit_id) WHERE deducted_deposit_id IS NOT NULL;
-- A line is credited at most once: "never more than what remains uncredited".
CREATE UNIQUE INDEX invoice_lines_credited_once ON invoice_lines (credited_line_id) WHERE credited_line_id IS NOT NULL;

-- What each line bills. One piece of work is on at most one live line (a draft or
-- an issued invoice): the partial unique indexes below, not a check in code, are
-- what makes two concurrent drafts unable to share an item. A credit note that
-- releases the work sets released_at, and the work is billable again.
CREATE TABLE invoice_line_items (
    id                   bigserial   PRIMARY KEY,
    line_id              uuid        NOT NULL REFERENCES invoice_lines (id) ON DELETE CASCADE,
    invoice_id           uuid        NOT NULL REFERENCES invoices (id) ON DELETE CASCADE,
    time_entry_id        uuid        REFERENCES time_entries (id),
    expense_id           uuid        REFERENCES expenses (id),
    milestone_id         uuid        REFERENCES milestones (id),
    change_request_id    uuid        REFERENCES change_requests (id),
    retainer_project_id  uuid        REFERENCES retainers (project_id),
    retainer_period_from date,
    retainer_kind        text        CHECK (retainer_kind IN ('fee', 'overage')),
    -- The work's status before it was invoiced, restored when a credit note releases it.
    status_before        text,
    released_at          timestamptz,
    CONSTRAINT invoice_line_items_one_item CHECK (
        num_nonnulls(time_entry_id, expense_id, milestone_id, change_request_id, retainer_project_id) = 1),
    CONSTRAINT invoice_line_items_retainer CHECK (
        (retainer_project_id IS NULL) = (retainer_period_from IS NULL) AND (retainer_project_id IS NULL) = (retainer_kind IS NULL))
);
CREATE INDEX invoice_line_items_line ON invoice_line_items (line_id);
CREATE UNIQUE INDEX invoice_line_items_time_entry ON invoice_line_items (time_entry_id)
    WHERE time_entry_id IS NOT NULL AND released_at IS NULL;
CREATE UNIQUE INDEX invoice_line_items_expense ON invoice_line_items (expense_id)
    WHERE expense_id IS NOT NULL AND released_at IS NULL;
CREATE UNIQUE INDEX invoice_line_items_milestone ON invoice_line_items (milestone_id)
    WHERE milestone_id IS NOT NULL AND released_at IS NULL;
CREATE UNIQUE INDEX invoice_line_items_change_request ON invoice_line_items (change_request_id)
    WHERE change_request_id IS NOT NULL AND released_at IS NULL;
CREATE UNIQUE INDEX invoice_line_items_retainer ON invoice_line_items (retainer_project_id, retainer_period_from, retainer_kind)
    WHERE retainer_project_id IS NOT NULL AND released_at IS NULL;

ALTER TABLE time_entries ADD CONSTRAINT time_entries_invoice_line_fk FOREIGN KEY (invoice_line_id) REFERENCES invoice_lines (id);
ALTER TABLE expenses ADD CONSTRAINT expenses_invoice_line_fk FOREIGN KEY (invoice_line_id) REFERENCES invoice_lines (id);
ALTER TABLE milestones ADD CONSTRAINT milestones_invoice_line_fk FOREIGN KEY (invoice_line_id) REFERENCES invoice_lines (id);
ALTER TABLE change_requests ADD CONSTRAINT change_requests_invoice_line_fk FOREIGN KEY (invoice_line_id) REFERENCES invoice_lines (id);

-- An issued document never changes, whatever the code path or the role (SPEC §5):
-- corrections are credit notes. Drafts are free; issuing is the one allowed update
-- of a draft into an issued row.
CREATE FUNCTION invoices_issued_read_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.status = 'issued' THEN
        RAISE EXCEPTION 'invoice % is issued and cannot be changed', OLD.id USING ERRCODE = 'check_violation',
            CONSTRAINT = 'invoices_issued_read_only';
    END IF;
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END;
$$;
CREATE TRIGGER invoices_issued_read_only BEFORE UPDATE OR DELETE ON invoices
    FOR EACH ROW EXECUTE FUNCTION invoices_issued_read_only();

CREATE FUNCTION invoice_lines_issued_read_only() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    parent_status text;
BEGIN
    SELECT status INTO parent_status FROM invoices
     WHERE id = CASE WHEN TG_OP = 'INSERT' THEN NEW.invoice_id ELSE OLD.invoice_id END;
    IF parent_status = 'issued' OR (TG_OP = 'UPDATE' AND NEW.invoice_id <> OLD.invoice_id) THEN
        RAISE EXCEPTION 'the lines of an issued invoice cannot be changed' USING ERRCODE = 'check_violation',
            CONSTRAINT = 'invoices_issued_read_only';
    END IF;
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END;
$$;
CREATE TRIGGER invoice_lines_issued_read_only BEFORE INSERT OR UPDATE OR DELETE ON invoice_lines
    FOR EACH ROW EXECUTE FUNCTION invoice_lines_issued_read_only();

-- What an issued line billed stays written: the only change is a release by a credit note.
CREATE FUNCTION invoice_line_items_read_only() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    parent_status text;
BEGIN
    SELECT status INTO parent_status FROM invoices WHERE id = OLD.invoice_id;
    IF TG_OP = 'UPDATE' AND (OLD.released_at IS NOT NULL OR NEW.released_at IS NULL
        OR (to_jsonb(NEW) - 'released_at') <> (to_jsonb(OLD) - 'released_at')) THEN
        RAISE EXCEPTION 'what an invoice line bills cannot be changed' USING ERRCODE = 'check_violation',
            CONSTRAINT = 'invoices_issued_read_only';
    END IF;
    IF TG_OP = 'DELETE' AND parent_status = 'issued' THEN
        RAISE EXCEPTION 'the lines of an issued invoice cannot be changed' USING ERRCODE = 'check_violation',
            CONSTRAINT = 'invoices_issued_read_only';
    END IF;
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END;
$$;
CREATE TRIGGER invoice_line_items_read_only BEFORE UPDATE OR DELETE ON invoice_line_items
    FOR EACH ROW EXECUTE FUNCTION invoice_line_items_read_only();

-- An invoiced milestone is read-only like an invoiced time entry; a credit note's
-- release (back to accepted, the line cleared in the same statement) is the one way out.
CREATE FUNCTION milestones_invoiced_read_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' AND OLD.status = 'invoiced' THEN
        RAISE EXCEPTION 'milestone % is invoiced and cannot be deleted', OLD.id USING ERRCODE = 'check_violation',
            CONSTRAINT = 'milestones_invoiced_read_only';
    END IF;
    IF TG_OP = 'UPDATE' AND OLD.status = 'invoiced'
        AND NOT (NEW.status = 'accepted' AND NEW.invoice_line_id IS NULL
                 AND (to_jsonb(NEW) - 'status' - 'invoice_line_id' - 'version') = (to_jsonb(OLD) - 'status' - 'invoice_line_id' - 'version')) THEN
        RAISE EXCEPTION 'milestone % is invoiced and cannot be changed', OLD.id USING ERRCODE = 'check_violation',
            CONSTRAINT = 'milestones_invoiced_read_only';
    END IF;
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END;
$$;
CREATE TRIGGER milestones_invoiced_read_only BEFORE UPDATE OR DELETE ON milestones
    FOR EACH ROW EXECUTE FUNCTION milestones_invoiced_read_only();

-- Payments are a ledger: a mistake is reversed by a new, negative row, never edited
-- or deleted (issue 12 item 9).
CREATE TABLE payments (
    id                  uuid        PRIMARY KEY,
    invoice_id          uuid        NOT NULL REFERENCES invoices (id),
    paid_on             date        NOT NULL,
    amount_minor        bigint      NOT NULL CHECK (amount_minor <> 0),
    currency            char(3)     NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    method              text        NOT NULL CHECK (method IN ('transfer', 'card', 'cash', 'other')),
    reference           text        NOT NULL DEFAULT '' CHECK (length(reference) <= 200),
    reverses_payment_id uuid        UNIQUE REFERENCES payments (id),
    reason              text        CHECK (length(reason) <= 1000),
    recorded_by         uuid        REFERENCES users (id),
    recorded_at         timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT payments_reversal_is_negative CHECK ((reverses_payment_id IS NULL) = (amount_minor > 0)),
    CONSTRAINT payments_reversal_has_reason CHECK (reverses_payment_id IS NULL OR reason IS NOT NULL)
);
CREATE INDEX payments_invoice ON payments (invoice_id, paid_on);

CREATE FUNCTION payments_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'payments are never changed or deleted; record a reversal' USING ERRCODE = 'check_violation',
        CONSTRAINT = 'payments_append_only';
END;
$$;
CREATE TRIGGER payments_append_only BEFORE UPDATE OR DELETE ON payments
    FOR EACH ROW EXECUTE FUNCTION payments_append_only();

-- Period close (issue 12 item 10): a closed month of a client takes no new, edited
-- or deleted time or expenses dated in it. Workflow moves (approval, validation,
-- invoicing) still happen: they are how the pending work of the month gets billed.
CREATE TABLE period_locks (
    client_id uuid        NOT NULL REFERENCES clients (id),
    month     date        NOT NULL CHECK (extract(day FROM month) = 1),
    closed_at timestamptz NOT NULL DEFAULT now(),
    closed_by uuid        REFERENCES users (id),
    PRIMARY KEY (client_id, month)
);

CREATE FUNCTION sheaf_period_closed(project uuid, day date) RETURNS boolean
LANGUAGE sql STABLE AS $$
    SELECT EXISTS (SELECT 1 FROM period_locks l JOIN projects p ON p.client_id = l.client_id
                    WHERE p.id = project AND l.month = date_trunc('month', day)::date)
$$;

CREATE FUNCTION time_entries_period_open() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') AND sheaf_period_closed(OLD.project_id, OLD.work_date)
        AND (TG_OP = 'DELETE' OR (OLD.work_date, OLD.minutes, OLD.note, OLD.billable, OLD.task_id, OLD.project_id, OLD.user_id)
                                 IS DISTINCT FROM (NEW.work_date, NEW.minutes, NEW.note, NEW.billable, NEW.task_id, NEW.project_id, NEW.user_id)) THEN
        RAISE EXCEPTION 'the period of % is closed', OLD.work_date USING ERRCODE = 'check_violation', CONSTRAINT = 'period_closed',
            DETAIL = to_char(OLD.work_date, 'YYYY-MM');
    END IF;
    IF TG_OP = 'INSERT' AND sheaf_period_closed(NEW.project_id, NEW.work_date)
        OR TG_OP = 'UPDATE' AND (OLD.work_date, OLD.project_id) IS DISTINCT FROM (NEW.work_date, NEW.project_id)
           AND sheaf_period_closed(NEW.project_id, NEW.work_date) THEN
        RAISE EXCEPTION 'the period of % is closed', NEW.work_date USING ERRCODE = 'check_violation', CONSTRAINT = 'period_closed',
            DETAIL = to_char(NEW.work_date, 'YYYY-MM');
    END IF;
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END;
$$;
CREATE TRIGGER time_entries_period_open BEFORE INSERT OR UPDATE OR DELETE ON time_entries
    FOR EACH ROW EXECUTE FUNCTION time_entries_period_open();

CREATE FUNCTION expenses_period_open() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') AND sheaf_period_closed(OLD.project_id, OLD.expense_date)
        AND (TG_OP = 'DELETE' OR (OLD.expense_date, OLD.amount_minor, OLD.category, OLD.note, OLD.rechargeable, OLD.markup_bp,
                                  OLD.vat_rate_bp, OLD.project_id, OLD.user_id)
                                 IS DISTINCT FROM (NEW.expense_date, NEW.amount_minor, NEW.category, NEW.note, NEW.rechargeable,
                                                   NEW.markup_bp, NEW.vat_rate_bp, NEW.project_id, NEW.user_id)) THEN
        RAISE EXCEPTION 'the period of % is closed', OLD.expense_date USING ERRCODE = 'check_violation', CONSTRAINT = 'period_closed',
            DETAIL = to_char(OLD.expense_date, 'YYYY-MM');
    END IF;
    IF TG_OP = 'INSERT' AND sheaf_period_closed(NEW.project_id, NEW.expense_date)
        OR TG_OP = 'UPDATE' AND (OLD.expense_date, OLD.project_id) IS DISTINCT FROM (NEW.expense_date, NEW.project_id)
           AND sheaf_period_closed(NEW.project_id, NEW.expense_date) THEN
        RAISE EXCEPTION 'the period of % is closed', NEW.expense_date USING ERRCODE = 'check_violation', CONSTRAINT = 'period_closed',
            DETAIL = to_char(NEW.expense_date, 'YYYY-MM');
    END IF;
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END;
$$;
CREATE TRIGGER expenses_period_open BEFORE INSERT OR UPDATE OR DELETE ON expenses
    FOR EACH ROW EXECUTE FUNCTION expenses_period_open();

-- Recurring retainer invoices (issue 12 item 11): one run per retainer and period,
-- whichever instance gets there first (the primary key), with what it billed.
ALTER TABLE retainers ADD COLUMN auto_issue boolean NOT NULL DEFAULT false;
CREATE TABLE retainer_invoice_runs (
    project_id  uuid        NOT NULL REFERENCES retainers (project_id),
    period_from date        NOT NULL,
    invoice_id  uuid        REFERENCES invoices (id) ON DELETE SET NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (project_id, period_from)
);
