-- 0012_reconcile.sql: hand entries confirmed by bank rows, and the bank's balances.
--
-- Confirmation: when an import meets a row entered by hand (gig spend, gig paid, ...)
-- that is the same money as one of its bank rows, the hand row takes the bank row's
-- date, text and identity and joins the batch the way a pending row it settles does
-- (import_effects kind 'settled', sql/0006), and the bank row goes.  Undoing the
-- import puts the hand row back as it was.  A settled row used to be pending always,
-- so undo set pending = 1; a confirmed hand row was posted.  old_pending keeps what
-- the row was (NULL for effects written before this migration: they were pending).
ALTER TABLE import_effects ADD COLUMN old_pending INTEGER;

-- Balance assertions: what the bank says an account held at the end of a day.
-- Written by `gig balance --assert` (source 'manual') and by imports whose file
-- states a closing or running balance (source 'import', with the batch; undoing the
-- batch removes it).  `gig check` compares each with the ledger's balance of the
-- account at the end of that day.  One assertion per account, day and amount: the
-- same statement imported twice is recorded once.
CREATE TABLE balance_assertions (
	id            INTEGER PRIMARY KEY,
	account_id    INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
	on_date       TEXT NOT NULL CHECK (date(on_date) IS on_date),
	balance_minor INTEGER NOT NULL,
	source        TEXT NOT NULL CHECK (source IN ('manual', 'import')),
	batch_id      INTEGER REFERENCES import_batches(id) ON DELETE SET NULL,
	UNIQUE (account_id, on_date, balance_minor)
) STRICT;

-- A confirmed hand row keeps its category and gig link through the import, but
-- `gig txn merge` may give it the bank row's when it had none; undo puts back the
-- row's own (only for effects with old_pending = 0, the confirmations: a pending
-- row an import settled keeps whatever was set on it since).
ALTER TABLE import_effects ADD COLUMN old_category_id INTEGER;
ALTER TABLE import_effects ADD COLUMN old_gig_id INTEGER;
