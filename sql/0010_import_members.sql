-- 0010_import_members.sql: a row belongs to every batch whose file contained it.
--
-- An import that meets a row already in the ledger (same account, date and
-- fingerprint) adds nothing, but its file contained that row too.  Undoing the
-- batch that inserted the row must then leave it, since a remaining batch still
-- contains it.  A row's first batch stays transactions.batch_id (its owner, found by
-- the batch's id range without an index, sql/0007); every later batch that
-- contained it (a duplicate, or a pending row it marked posted) is listed here with
-- the line of its own file the row was on.  Undoing the owner hands the row to the
-- oldest remaining batch listed, which then owns it through this table (its id lies
-- outside that batch's range), with that batch's line and record.
--
-- txn_id is not declared a foreign key: its ON DELETE CASCADE would run a delete on
-- this table for every transaction deleted (undoing a 1M-row batch: 5.0 s instead of
-- 3.75 s).  Undo, the only code that deletes transactions, keeps the table right by
-- hand: it hands over every row another batch lists before deleting the rest, and
-- deletes its own batch's entries.
--
-- Existing ledgers: every row belongs to the batch that inserted it, which is what
-- batch_id already says; which later imports also contained a row was never
-- recorded, so the table starts empty.
--
-- One b-tree, by batch: an import appends its entries (one batch, ids rising) and
-- undo reads one batch's; the few look-ups by transaction are done in one pass.
CREATE TABLE import_members (
	batch_id INTEGER NOT NULL REFERENCES import_batches(id) ON DELETE CASCADE,
	txn_id   INTEGER NOT NULL,
	line_no  INTEGER,
	PRIMARY KEY (batch_id, txn_id)
) STRICT, WITHOUT ROWID;

-- A transfer's other half: when an import marks another account's row as a
-- transfer (import_effects kind 'transfer'), the row of its own batch that the
-- mark pairs with.  If that row stays after the import is undone (another batch
-- contains it), the mark stays too and moves to that batch.  NULL for marks made
-- before this migration, which undo reverts as before.
ALTER TABLE import_effects ADD COLUMN pair_txn_id INTEGER;
