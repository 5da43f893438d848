-- 0015_import_identity.sql: the running balance joins a row's identity (issue 10).
--
-- A row's fingerprint (import_rows.c) now includes the running balance after it when
-- the file has one, so that two identical rows split across two exports (the first
-- coffee at the end of one, the second at the start of the next, both occurrence 0
-- in their file) stay two.  The rows already in a ledger were fingerprinted without
-- it, and nothing here can recompute a fingerprint (it is a hash of the row as the
-- importer read it), so they keep theirs.  What this migration keeps is where they
-- end: the largest transaction id at this point.  An import into an account that
-- holds rows up to it gives each row with a balance its old fingerprint too and
-- looks it up among those rows (import_db.c (11)), so re-importing an old export
-- still adds nothing.  A ledger with no imported rows gets no key, and every import
-- into it skips that look-up.
INSERT INTO settings(key, value)
	SELECT 'import_identity_old_max_txn', CAST(m AS TEXT)
	  FROM (SELECT max(id) AS m FROM transactions WHERE fingerprint IS NOT NULL)
	 WHERE m IS NOT NULL;
