-- Expenses (SPEC §2 Expense, issue 5 item 1): what collaborators spend on a project,
-- with receipts kept in the database, going through the same submit → approve
-- (→ client validation) → invoiced workflow as time entries.

CREATE TABLE expenses (
    id               uuid        PRIMARY KEY,
    user_id          uuid        NOT NULL REFERENCES users (id),
    project_id       uuid        NOT NULL REFERENCES projects (id),
    expense_date     date        NOT NULL,
    category         text        NOT NULL
                                 CHECK (category IN ('travel', 'software_licence', 'subcontracting', 'equipment', 'other')),
    -- Excluding VAT, in the project's currency (checked by the service, which knows it).
    amount_minor     bigint      NOT NULL CHECK (amount_minor > 0),
    currency         char(3)     NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    vat_rate_bp      integer     NOT NULL CHECK (vat_rate_bp BETWEEN 0 AND 10000),
    rechargeable     boolean     NOT NULL,
    -- 1000 = 10 %: what the client is billed on top of the amount when rechargeable.
    markup_bp        integer     NOT NULL DEFAULT 0 CHECK (markup_bp BETWEEN 0 AND 100000),
    note             text        NOT NULL DEFAULT '' CHECK (length(note) <= 2000),
    status           text        NOT NULL DEFAULT 'open'
                                 CHECK (status IN ('open', 'submitted', 'approved', 'client_validated', 'invoiced')),
    submitted_at     timestamptz,
    approved_by      uuid        REFERENCES users (id),
    approved_at      timestamptz,
    rejection_reason text,
    dispute_comment  text,
    validation_id    uuid        REFERENCES validations (id),
    invoice_line_id  uuid,
    version          integer     NOT NULL DEFAULT 1,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT expenses_invoiced_has_line CHECK ((status = 'invoiced') = (invoice_line_id IS NOT NULL))
);
CREATE INDEX expenses_user_date ON expenses (user_id, expense_date);
CREATE INDEX expenses_project_date ON expenses (project_id, expense_date);
CREATE INDEX expenses_date_id ON expenses (expense_date, id);
CREATE INDEX expenses_status ON expenses (status) WHERE status IN ('submitted', 'approved');

-- Approved expenses are read-only for everyone but the workflow (SPEC §4.1), invoiced
-- ones entirely until a credit note releases them: enforced here as well as in
-- services, so no code path can forget it. Once approved, only the workflow columns
-- (status, approval, dispute, validation, invoice line, version) may move; the
-- amounts, date, category, project and author never do. The invoicing release clears
-- invoice_line_id in the same statement that moves the status back.
CREATE FUNCTION expenses_read_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        IF OLD.status IN ('approved', 'client_validated', 'invoiced') THEN
            RAISE EXCEPTION 'expense % is % and cannot be deleted', OLD.id, OLD.status USING ERRCODE = 'check_violation',
                CONSTRAINT = 'expenses_read_only';
        END IF;
        RETURN OLD;
    END IF;
    IF OLD.status IN ('approved', 'client_validated', 'invoiced') AND NOT (
            NEW.user_id = OLD.user_id AND NEW.project_id = OLD.project_id AND NEW.expense_date = OLD.expense_date
            AND NEW.category = OLD.category AND NEW.amount_minor = OLD.amount_minor AND NEW.currency = OLD.currency
            AND NEW.vat_rate_bp = OLD.vat_rate_bp AND NEW.rechargeable = OLD.rechargeable AND NEW.markup_bp = OLD.markup_bp
            AND NEW.note = OLD.note) THEN
        RAISE EXCEPTION 'expense % is % and its content cannot be changed', OLD.id, OLD.status USING ERRCODE = 'check_violation',
            CONSTRAINT = 'expenses_read_only';
    END IF;
    IF OLD.status = 'invoiced' AND NOT (NEW.status <> 'invoiced' AND NEW.invoice_line_id IS NULL) THEN
        RAISE EXCEPTION 'expense % is invoiced and cannot be changed', OLD.id USING ERRCODE = 'check_violation',
            CONSTRAINT = 'expenses_read_only';
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER expenses_read_only BEFORE UPDATE OR DELETE ON expenses
    FOR EACH ROW EXECUTE FUNCTION expenses_read_only();

-- Receipt files (PDF, PNG, JPEG, HEIC; the type is decided from the bytes, never the name).
CREATE TABLE expense_receipts (
    id           uuid        PRIMARY KEY,
    expense_id   uuid        NOT NULL REFERENCES expenses (id) ON DELETE CASCADE,
    file_name    text        NOT NULL CHECK (length(file_name) BETWEEN 1 AND 255),
    content_type text        NOT NULL CHECK (content_type IN ('application/pdf', 'image/png', 'image/jpeg', 'image/heic')),
    byte_size    integer     NOT NULL CHECK (byte_size > 0),
    sha256       text        NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    data         bytea       NOT NULL,
    uploaded_by  uuid        NOT NULL REFERENCES users (id),
    uploaded_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT expense_receipts_size CHECK (byte_size = octet_length(data))
);
CREATE INDEX expense_receipts_expense ON expense_receipts (expense_id, uploaded_at);

-- The receipts of an approved (or later) expense are part of what was approved.
-- (When the expense itself is deleted, the cascade finds no parent and passes.)
CREATE FUNCTION expense_receipts_read_only() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    parent_status text;
BEGIN
    SELECT status INTO parent_status FROM expenses
    WHERE id = CASE WHEN TG_OP = 'INSERT' THEN NEW.expense_id ELSE OLD.expense_id END;
    IF parent_status IN ('approved', 'client_validated', 'invoiced') THEN
        RAISE EXCEPTION 'the receipts of an expense in status % cannot be changed', parent_status USING ERRCODE = 'check_violation',
            CONSTRAINT = 'expense_receipts_read_only';
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER expense_receipts_read_only BEFORE INSERT OR UPDATE OR DELETE ON expense_receipts
    FOR EACH ROW EXECUTE FUNCTION expense_receipts_read_only();

-- Expenses included in a client validation request (like validation_entries).
CREATE TABLE validation_expenses (
    validation_id uuid NOT NULL REFERENCES validations (id),
    expense_id    uuid NOT NULL REFERENCES expenses (id),
    PRIMARY KEY (validation_id, expense_id)
);
CREATE INDEX validation_expenses_expense ON validation_expenses (expense_id);
