-- Responses kept for Idempotency-Key replay can carry capabilities (a validation
-- request's single-use link token). From now on their bodies are sealed with
-- AES-GCM under a key derived from SHEAF_LINK_SECRET, so a database dump or backup
-- alone does not reveal them. Rows stored before this migration stay readable.
ALTER TABLE idempotency_keys ADD COLUMN body_sealed boolean NOT NULL DEFAULT false;
