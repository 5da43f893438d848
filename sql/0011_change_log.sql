-- 0011_change_log.sql: an audit trail and undo for every change, edits of imported
-- rows that stay edited, and split transactions.
--
-- change_log: one row per committed write transaction (db.c, gig__tx_end).  An
-- ordinary write carries the SQLite session changeset of what it changed (every
-- table but the derived monthly_totals and this one), from which `gig history`
-- shows old and new values and `gig undo` applies the inverse.  An import stores
-- no changeset (it would cost per row): it names its batch, and undoing it is
-- `gig import undo` of that batch.
--   kind       'change'      an ordinary write (changeset)
--              'import'      an import (batch_id)
--              'import_undo' `gig import undo` or the undo of an import (batch_id)
--              'undo'        the inverse of entry target_id applied (changeset: what
--                            the undo changed)
--              'redo'        entry target_id applied again (changeset likewise)
--   undone_by  for 'change' and 'import': the entry that reverted it, NULL while it
--              is in effect
CREATE TABLE change_log (
	id        INTEGER PRIMARY KEY,
	at        TEXT NOT NULL,              -- UTC, 'YYYY-MM-DDTHH:MM:SSZ'
	command   TEXT NOT NULL DEFAULT '',   -- the command line, as the caller named it
	summary   TEXT NOT NULL DEFAULT '',
	kind      TEXT NOT NULL
	          CHECK (kind IN ('change', 'import', 'import_undo', 'undo', 'redo')),
	batch_id  INTEGER,                    -- not a reference: the batch may be gone
	target_id INTEGER REFERENCES change_log(id),
	undone_by INTEGER REFERENCES change_log(id),
	changeset BLOB
) STRICT;
CREATE INDEX change_log_batch ON change_log(batch_id) WHERE batch_id IS NOT NULL;

-- The bank identity of an imported row that an edit moved (another date or
-- account) or that was removed: an import that meets it again adds nothing, so a
-- re-import does not bring the old version back.  txn_id is the edited row, NULL
-- for a removed one (not declared a foreign key, as a delete of any transaction
-- would then look this table up).  Kept apart from import_superseded, which the importer reads
-- row by row; this table is read once per import, after the rows are stored.
CREATE TABLE import_removed (
	account_id  INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
	posted_on   TEXT NOT NULL,
	fingerprint TEXT NOT NULL,
	txn_id      INTEGER,              -- no reference: see import_members (sql/0010)
	PRIMARY KEY (account_id, posted_on, fingerprint)
) STRICT, WITHOUT ROWID;

-- A split bank row: the row itself (with its bank identity) keeps the first part,
-- each further part is an ordinary transaction of the same account and date listed
-- here, so the rollup, reports and exports count every part in its own category
-- and the parts sum to the bank's amount.
CREATE TABLE txn_splits (
	part_id   INTEGER PRIMARY KEY,        -- transactions.id of the part
	parent_id INTEGER NOT NULL            -- transactions.id of the bank row
) STRICT;
CREATE INDEX txn_splits_parent ON txn_splits(parent_id);
