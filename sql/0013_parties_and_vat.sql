-- Parties and VAT (issue 12 items 1 and 2; SPEC §5 "Parties", "VAT").
--
-- The seller (agency settings) and the buyers (clients) gain a structured identity as
-- EN 16931 needs it. The old free-text fields stay: `agency_settings.address`,
-- `clients.billing_address` and both `vat_id` keep what was typed before and remain
-- readable on the API until the structured value replaces them (setting a structured
-- address clears the free text, setting a VAT number clears `vat_id`). Invoices read
-- only the structured columns. Validation (check digits, code lists) is in Domain;
-- the checks here only keep the shape a half-written row cannot have.

ALTER TABLE agency_settings
    ADD COLUMN trading_name      text,
    ADD COLUMN legal_form        text,
    ADD COLUMN register_mention  text,
    ADD COLUMN street            text,
    ADD COLUMN additional_line   text,
    ADD COLUMN city              text,
    ADD COLUMN postal_code       text,
    ADD COLUMN country           char(2) CHECK (country ~ '^[A-Z]{2}$'),
    ADD COLUMN vat_number        text,
    ADD COLUMN company_number    text,
    ADD COLUMN email             text,
    ADD COLUMN iban              text CHECK (iban ~ '^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$'),
    ADD COLUMN bic               text CHECK (bic ~ '^[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?$'),
    ADD COLUMN endpoint_scheme   text CHECK (endpoint_scheme ~ '^[0-9]{4}$'),
    ADD COLUMN endpoint_id       text,
    -- The rates a line, a task or an expense category may carry (basis points).
    ADD COLUMN vat_rates_bp          integer[] NOT NULL DEFAULT '{2100,1200,600,0}',
    -- Expense categories with their own rate: {"travel": 600}.
    ADD COLUMN expense_vat_rates_bp  jsonb     NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(expense_vat_rates_bp) = 'object'),
    ADD CONSTRAINT agency_settings_address_whole CHECK (
        (street IS NULL) = (city IS NULL) AND (street IS NULL) = (postal_code IS NULL) AND (street IS NULL) = (country IS NULL)
        AND (additional_line IS NULL OR street IS NOT NULL)),
    ADD CONSTRAINT agency_settings_endpoint_whole CHECK ((endpoint_scheme IS NULL) = (endpoint_id IS NULL));

-- An agency whose standard rate is not one of the Belgian ones keeps it allowed.
UPDATE agency_settings SET vat_rates_bp = vat_rates_bp || default_vat_rate_bp
WHERE NOT (default_vat_rate_bp = ANY (vat_rates_bp));

ALTER TABLE clients
    ADD COLUMN street             text,
    ADD COLUMN additional_line    text,
    ADD COLUMN city               text,
    ADD COLUMN postal_code        text,
    ADD COLUMN country            char(2) CHECK (country ~ '^[A-Z]{2}$'),
    ADD COLUMN vat_number         text,
    ADD COLUMN company_number     text,
    ADD COLUMN endpoint_scheme    text CHECK (endpoint_scheme ~ '^[0-9]{4}$'),
    ADD COLUMN endpoint_id        text,
    ADD COLUMN buyer_reference    text,
    ADD COLUMN language           text NOT NULL DEFAULT 'en' CHECK (language IN ('en', 'fr', 'nl', 'de')),
    ADD COLUMN vat_treatment      text NOT NULL DEFAULT 'domestic'
        CHECK (vat_treatment IN ('domestic', 'reverse_charge', 'exempt', 'export', 'outside_scope')),
    ADD COLUMN vat_exemption_code   text,
    ADD COLUMN vat_exemption_reason text,
    ADD CONSTRAINT clients_address_whole CHECK (
        (street IS NULL) = (city IS NULL) AND (street IS NULL) = (postal_code IS NULL) AND (street IS NULL) = (country IS NULL)
        AND (additional_line IS NULL OR street IS NOT NULL)),
    ADD CONSTRAINT clients_endpoint_whole CHECK ((endpoint_scheme IS NULL) = (endpoint_id IS NULL)),
    -- An exempt client always says why; no other treatment carries a reason.
    ADD CONSTRAINT clients_exemption_reason CHECK (
        (vat_treatment = 'exempt') = (vat_exemption_code IS NOT NULL AND vat_exemption_reason IS NOT NULL)
        AND (vat_exemption_code IS NULL) = (vat_exemption_reason IS NULL));

-- A task's own VAT rate (books at 6 %); NULL = the agency's standard rate. Must be one
-- of the agency's rates when set (checked by the service against the settings).
ALTER TABLE tasks ADD COLUMN vat_rate_bp integer CHECK (vat_rate_bp BETWEEN 0 AND 10000);
