-- 0002_import.sql: bookkeeping for the bank CSV importer.
--
-- When the posted twin of a pending row arrives, the pending row is updated
-- in place and takes the posted row's fingerprint.  The pending row's own
-- fingerprint is remembered here so that re-importing the older export
-- (which still lists the row as pending) does not bring it back.

CREATE TABLE import_superseded (
	account_id  INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
	posted_on   TEXT NOT NULL,
	fingerprint TEXT NOT NULL,
	txn_id      INTEGER REFERENCES transactions(id) ON DELETE CASCADE,
	PRIMARY KEY (account_id, posted_on, fingerprint)
) STRICT, WITHOUT ROWID;
