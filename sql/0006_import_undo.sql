-- 0006_import_undo.sql: what an import changed outside its own rows, so that
-- `gig import undo` can put it back.
--
-- An import can touch rows of earlier imports (or hand-entered ones):
--   settled  - a pending row rewritten in place into the posted row that
--              settled it (its old values are kept here);
--   flipped  - an identical pending row marked posted;
--   transfer - another account's mirror row categorised as a transfer.
-- Undoing the import restores these before it deletes the import's own rows.
CREATE TABLE import_effects (
	batch_id        INTEGER NOT NULL REFERENCES import_batches(id) ON DELETE CASCADE,
	txn_id          INTEGER NOT NULL,
	kind            TEXT NOT NULL CHECK (kind IN ('settled', 'flipped', 'transfer')),
	old_batch_id    INTEGER,
	old_posted_on   TEXT,
	old_payee       TEXT,
	old_memo        TEXT,
	old_fingerprint TEXT,
	old_external_id TEXT,
	old_line_no     INTEGER,
	old_raw         TEXT
) STRICT;
CREATE INDEX import_effects_batch ON import_effects(batch_id);
