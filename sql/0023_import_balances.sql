-- 0023_import_balances.sql: the running balance a file stated after a row (issue 10,
-- class 9: identical rows split across two exports).
--
-- A row's identity stays the occurrence rule (import_rows.c); the running balance is
-- not part of it (with it, every row after a back-dated one that a later export
-- gained was imported twice).  What is kept here is the balance the file stated after
-- the row, for the rows that a later export's first day can meet again: the rows of
-- an import's latest day, and the rows whose fate the balance decided.  When a row of
-- a later export meets one of these by its identity, the balance says whether it is
-- the same row (its balance agrees, allowing for the rows the later export gained
-- before it) or its identical twin that directly follows it
-- (balance = the stored balance + its amount): import_db.c (13).
--
-- Keyed by the identity, not the transaction id: a row deleted later (undo, gig txn rm)
-- leaves an entry that only a re-import of the same identity can meet, and that entry
-- is still the bank's balance after that row.  Rows imported before this migration
-- have no entry: they keep the occurrence rule.
CREATE TABLE IF NOT EXISTS import_balances (
	account_id    INTEGER NOT NULL,
	posted_on     TEXT NOT NULL,
	fingerprint   TEXT NOT NULL,
	balance_minor INTEGER NOT NULL,
	PRIMARY KEY (account_id, posted_on, fingerprint)
) STRICT, WITHOUT ROWID;
