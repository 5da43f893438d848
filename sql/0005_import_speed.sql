-- 0005_import_speed.sql: smaller import identities, and an index for the near-match pass.
--
-- A row's fingerprint was the full hex SHA-256 of its normalised identity (64 characters,
-- stored in the row and again in transactions_identity).  The importer now keeps the first
-- 16 hex characters (64 bits) of the same SHA-256: within one account and date, and with
-- the occurrence index among identical rows already inside the hashed text, 64 bits make a
-- collision between distinct rows practically impossible.  Cutting the stored fingerprints
-- to the same prefix keeps every earlier import recognisable: re-importing an old export
-- into an old ledger finds its rows as before.  Fingerprints that are not 64 characters
-- (not written by the importer) are left alone.
UPDATE transactions SET fingerprint = substr(fingerprint, 1, 16)
 WHERE length(fingerprint) = 64;
UPDATE import_superseded SET fingerprint = substr(fingerprint, 1, 16)
 WHERE length(fingerprint) = 64;

-- Hand-entered rows (no import batch) are few; the near-match pass after an import starts
-- from them instead of scanning every row of the account.  Imported rows never enter this
-- index, so it costs an import nothing.
CREATE INDEX transactions_by_hand ON transactions(account_id, posted_on, amount_minor)
	WHERE batch_id IS NULL;
