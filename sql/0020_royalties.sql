-- 0020_royalties.sql: royalty statements, their lines, and the payouts that settle
-- them (include/gigledger/royalty.h).
--
-- A statement's total_minor is the exact sum of its lines (earned_pico, pico-units
-- of the currency) rounded once to the currency's minor unit, half away from zero.
-- A line's fingerprint (SHA-256 of its fields and its occurrence in the file) is
-- unique per payer, so re-importing a statement, or a cumulative export that repeats
-- old lines, adds only what is new.  A payout links a deposit to a payer; deleting
-- the transaction deletes the link.
CREATE TABLE IF NOT EXISTS royalty_statements (
	id           INTEGER PRIMARY KEY,
	payer        TEXT NOT NULL COLLATE NOCASE CHECK (length(trim(payer)) > 0),
	format       TEXT NOT NULL,
	file_name    TEXT NOT NULL,
	file_sha256  TEXT NOT NULL,
	imported_on  TEXT NOT NULL CHECK (date(imported_on) IS imported_on),
	currency     TEXT NOT NULL CHECK (length(currency) = 3 AND currency = upper(currency)),
	first_month  TEXT NOT NULL,
	last_month   TEXT NOT NULL,
	lines        INTEGER NOT NULL,
	total_pico   INTEGER NOT NULL,
	total_minor  INTEGER NOT NULL
) STRICT;

CREATE TABLE IF NOT EXISTS royalty_lines (
	id           INTEGER PRIMARY KEY,
	statement_id INTEGER NOT NULL REFERENCES royalty_statements(id) ON DELETE CASCADE,
	payer        TEXT NOT NULL COLLATE NOCASE,
	line_no      INTEGER NOT NULL,
	month        TEXT NOT NULL,
	work         TEXT NOT NULL DEFAULT '',
	isrc         TEXT NOT NULL DEFAULT '',
	store        TEXT NOT NULL DEFAULT '',
	country      TEXT NOT NULL DEFAULT '',
	quantity     INTEGER NOT NULL DEFAULT 0,
	earned_pico  INTEGER NOT NULL,
	fingerprint  TEXT NOT NULL
) STRICT;
CREATE UNIQUE INDEX IF NOT EXISTS royalty_lines_identity ON royalty_lines(payer, fingerprint);
CREATE INDEX IF NOT EXISTS royalty_lines_statement ON royalty_lines(statement_id);

CREATE TABLE IF NOT EXISTS royalty_payouts (
	txn_id       INTEGER PRIMARY KEY REFERENCES transactions(id) ON DELETE CASCADE,
	payer        TEXT NOT NULL COLLATE NOCASE,
	amount_minor INTEGER NOT NULL CHECK (amount_minor > 0),
	currency     TEXT NOT NULL
) STRICT;
