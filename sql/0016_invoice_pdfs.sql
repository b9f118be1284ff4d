-- Stored PDFs of issued documents (issue 13 item 3): rendered once, at issue or at the
-- first download, so that every later download is the same bytes. The SHA-256 lets an
-- archive check a copy without the file. A stored PDF never changes or disappears,
-- like the document it renders.
CREATE TABLE invoice_pdfs (
    invoice_id  uuid        PRIMARY KEY REFERENCES invoices (id),
    pdf         bytea       NOT NULL CHECK (length(pdf) > 0),
    sha256      text        NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    -- What rendered it, e.g. "WeasyPrint version 57.2".
    renderer    text        NOT NULL CHECK (length(renderer) <= 200),
    rendered_at timestamptz NOT NULL DEFAULT now()
);

CREATE FUNCTION invoice_pdfs_read_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'a stored invoice PDF never changes' USING ERRCODE = 'check_violation',
        CONSTRAINT = 'invoice_pdfs_read_only';
END;
$$;
CREATE TRIGGER invoice_pdfs_read_only BEFORE UPDATE OR DELETE ON invoice_pdfs
    FOR EACH ROW EXECUTE FUNCTION invoice_pdfs_read_only();

-- Only issued documents have a PDF of record.
CREATE FUNCTION invoice_pdfs_issued_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM invoices WHERE id = NEW.invoice_id AND status = 'issued') THEN
        RAISE EXCEPTION 'only an issued invoice has a stored PDF' USING ERRCODE = 'check_violation',
            CONSTRAINT = 'invoice_pdfs_issued_only';
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER invoice_pdfs_issued_only BEFORE INSERT ON invoice_pdfs
    FOR EACH ROW EXECUTE FUNCTION invoice_pdfs_issued_only();
