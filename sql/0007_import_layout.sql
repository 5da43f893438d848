-- 0007_import_layout.sql: nothing runs per row when rows are inserted.
--
-- Measured on the 1M-row import benchmark (callgrind, sqlite3 CLI): an AFTER INSERT
-- trigger costs about 2,000 instructions per inserted row even when its WHEN clause
-- is false (SQLite enters the trigger program to test it), about as much as the
-- insert itself; each secondary index about 4,000.  The transactions table had two
-- insert triggers (the rollup and the gig status) and an index on batch_id that
-- every imported row entered.  They go:
--
-- * The monthly_totals rollup of an INSERT is written by the code that inserts, in
--   the same transaction: gig__txn_rolled_up() for one row (the two hand-entry
--   paths), and the importer's per-month totals for a whole file (one upsert per
--   month, category and pending flag instead of one per row).  The library is the
--   only writer of a ledger; updates and deletes keep their triggers (0001), which
--   are not on the import's path.
-- * A gig's status after an INSERT that links a payment is set by the same code,
--   through the view gig_status_due below, which the update and delete triggers now
--   use too: the rule is written once.
-- * Which rows an import added is known from their ids: the rows one import inserts
--   take consecutive ids above every earlier row (SQLite gives a new row max(id) + 1,
--   and the import holds the write lock throughout), so each batch records its id
--   range.  A row of the batch is one inside the range still carrying its batch_id,
--   or a pending row the import settled (import_effects, kind 'settled').
DROP TRIGGER transactions_rollup_insert;
DROP TRIGGER gig_status_after_insert;
DROP TRIGGER gig_status_after_delete;
DROP TRIGGER gig_status_after_update;

CREATE VIEW gig_status_due AS
	SELECT g.id AS gig_id, CASE
		WHEN g.status = 'cancelled' THEN 'cancelled'
		WHEN p.paid_minor >= g.amount_minor THEN 'paid'
		WHEN p.paid_minor > 0 THEN 'partly_paid'
		WHEN g.invoiced_on IS NULL THEN 'planned'
		ELSE 'invoiced' END AS status
	  FROM gigs g JOIN gig_paid p ON p.gig_id = g.id;

CREATE TRIGGER gig_status_after_delete AFTER DELETE ON transactions
WHEN old.gig_id IS NOT NULL BEGIN
	UPDATE gigs SET status = (SELECT status FROM gig_status_due WHERE gig_id = gigs.id)
	 WHERE id = old.gig_id;
END;

CREATE TRIGGER gig_status_after_update
AFTER UPDATE OF gig_id, amount_minor, pending ON transactions
WHEN old.gig_id IS NOT NULL OR new.gig_id IS NOT NULL BEGIN
	UPDATE gigs SET status = (SELECT status FROM gig_status_due WHERE gig_id = gigs.id)
	 WHERE id IN (old.gig_id, new.gig_id);
END;

ALTER TABLE import_batches ADD COLUMN first_txn_id INTEGER;
ALTER TABLE import_batches ADD COLUMN last_txn_id INTEGER;
-- the rows a batch inserted: those still carrying its id that it did not settle, and
-- its pending rows that a later batch settled (they carry that batch's id now)
CREATE TEMP TABLE batch_rows AS
	SELECT t.batch_id AS batch_id, t.id AS id FROM transactions t
	 WHERE t.batch_id IS NOT NULL
	   AND NOT EXISTS (SELECT 1 FROM import_effects e WHERE e.batch_id = t.batch_id
	                      AND e.txn_id = t.id AND e.kind = 'settled')
	UNION ALL
	SELECT e.old_batch_id, e.txn_id FROM import_effects e
	 WHERE e.kind = 'settled' AND e.old_batch_id IS NOT NULL;
UPDATE import_batches SET
	first_txn_id = (SELECT min(r.id) FROM temp.batch_rows r WHERE r.batch_id = import_batches.id),
	last_txn_id = (SELECT max(r.id) FROM temp.batch_rows r WHERE r.batch_id = import_batches.id);
DROP TABLE temp.batch_rows;
DROP INDEX transactions_batch;
