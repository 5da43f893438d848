-- 0008_import_raw.sql: the records an import read, compressed, once per batch.
--
-- A transaction keeps its import batch, line number and the record it was read
-- from.  The record text was stored in every row (transactions.raw, 44 bytes a row
-- on the 1M-row benchmark, 44% of the table, written twice through the WAL).  New
-- imports store it here instead: the records of a batch in chunks of about 256 KiB
-- of text, each a zlib stream of "LINE\0TEXT\0" entries covering lines
-- first_line .. last_line, 7x smaller.  transactions.raw stays for the rows older
-- imports filled; gig_import_raw_row() reads either.
CREATE TABLE import_raw (
	batch_id   INTEGER NOT NULL REFERENCES import_batches(id) ON DELETE CASCADE,
	first_line INTEGER NOT NULL,
	last_line  INTEGER NOT NULL,
	zdata      BLOB NOT NULL,
	PRIMARY KEY (batch_id, first_line)
) STRICT, WITHOUT ROWID;
