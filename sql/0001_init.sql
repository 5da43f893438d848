-- 0001_init.sql: the first gigledger schema.
--
-- Conventions: money is INTEGER minor units next to a 3-letter currency;
-- dates are TEXT 'YYYY-MM-DD' (checked with date()); every table is STRICT.
-- The migration runner wraps this file in one transaction and sets
-- PRAGMA user_version to the file's number afterwards.

CREATE TABLE settings (
	key   TEXT PRIMARY KEY,
	value TEXT NOT NULL
) STRICT;

CREATE TABLE accounts (
	id            INTEGER PRIMARY KEY,
	name          TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(trim(name)) > 0),
	kind          TEXT NOT NULL
	              CHECK (kind IN ('checking', 'savings', 'card', 'cash', 'tax-reserve')),
	currency      TEXT NOT NULL CHECK (length(currency) = 3 AND currency = upper(currency)),
	opening_minor INTEGER NOT NULL DEFAULT 0,
	opening_date  TEXT CHECK (opening_date IS NULL OR date(opening_date) IS opening_date),
	closed        INTEGER NOT NULL DEFAULT 0 CHECK (closed IN (0, 1))
) STRICT;

CREATE TABLE categories (
	id         INTEGER PRIMARY KEY,
	name       TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(trim(name)) > 0),
	kind       TEXT NOT NULL CHECK (kind IN ('income', 'expense', 'transfer')),
	essential  INTEGER NOT NULL DEFAULT 0 CHECK (essential IN (0, 1)),
	deductible INTEGER NOT NULL DEFAULT 0 CHECK (deductible IN (0, 1)),
	-- income categories that stand for a gig stream; a paid gig's transaction
	-- lands in the category of its stream
	stream     TEXT UNIQUE CHECK (stream IS NULL OR stream IN ('session', 'production',
	           'mixing', 'mastering', 'royalty', 'sync', 'beats', 'teaching', 'live', 'other'))
) STRICT;

CREATE TABLE clients (
	id         INTEGER PRIMARY KEY,
	name       TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(trim(name)) > 0),
	terms_days INTEGER NOT NULL DEFAULT 30 CHECK (terms_days BETWEEN 0 AND 3650)
) STRICT;

CREATE TABLE gigs (
	id           INTEGER PRIMARY KEY,
	client_id    INTEGER NOT NULL REFERENCES clients(id),
	stream       TEXT NOT NULL CHECK (stream IN ('session', 'production', 'mixing', 'mastering',
	             'royalty', 'sync', 'beats', 'teaching', 'live', 'other')),
	description  TEXT NOT NULL DEFAULT '',
	amount_minor INTEGER NOT NULL CHECK (amount_minor > 0),
	currency     TEXT NOT NULL CHECK (length(currency) = 3 AND currency = upper(currency)),
	performed_on TEXT CHECK (performed_on IS NULL OR date(performed_on) IS performed_on),
	invoiced_on  TEXT CHECK (invoiced_on IS NULL OR date(invoiced_on) IS invoiced_on),
	due_on       TEXT CHECK (due_on IS NULL OR date(due_on) IS due_on),
	-- paid / partly_paid are kept in step with the linked transactions by the
	-- library, in the same transaction that links them
	status       TEXT NOT NULL DEFAULT 'invoiced'
	             CHECK (status IN ('planned', 'invoiced', 'paid', 'partly_paid', 'cancelled'))
) STRICT;
CREATE INDEX gigs_open ON gigs(status, due_on);

CREATE TABLE import_batches (
	id           INTEGER PRIMARY KEY,
	account_id   INTEGER NOT NULL REFERENCES accounts(id),
	file_name    TEXT NOT NULL,
	file_sha256  TEXT NOT NULL,
	imported_on  TEXT NOT NULL,
	profile      TEXT,
	guesses      TEXT NOT NULL DEFAULT '{}', -- JSON: encoding, delimiter, date format, ...
	inserted     INTEGER NOT NULL DEFAULT 0,
	duplicates   INTEGER NOT NULL DEFAULT 0,
	pending      INTEGER NOT NULL DEFAULT 0,
	skipped_rows INTEGER NOT NULL DEFAULT 0,
	sum_minor    INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE TABLE transactions (
	id           INTEGER PRIMARY KEY,
	account_id   INTEGER NOT NULL REFERENCES accounts(id),
	posted_on    TEXT NOT NULL CHECK (date(posted_on) IS posted_on),
	amount_minor INTEGER NOT NULL,
	payee        TEXT NOT NULL DEFAULT '',
	memo         TEXT NOT NULL DEFAULT '',
	category_id  INTEGER REFERENCES categories(id),
	gig_id       INTEGER REFERENCES gigs(id) ON DELETE SET NULL,
	pending      INTEGER NOT NULL DEFAULT 0 CHECK (pending IN (0, 1)),
	batch_id     INTEGER REFERENCES import_batches(id) ON DELETE CASCADE,
	-- identity for de-duplication: hex SHA-256 of the normalised fields plus
	-- the occurrence index among identical rows, or of the provider's id
	fingerprint  TEXT,
	external_id  TEXT,
	line_no      INTEGER,
	raw          TEXT
) STRICT;
-- Rows arrive roughly in date order, so an index that starts with the date is
-- appended to rather than written at random places (B-tree pages fill
-- at the end instead of splitting in the middle).
CREATE UNIQUE INDEX transactions_identity ON transactions(account_id, posted_on, fingerprint)
	WHERE fingerprint IS NOT NULL;
CREATE INDEX transactions_gig ON transactions(gig_id) WHERE gig_id IS NOT NULL;
CREATE INDEX transactions_batch ON transactions(batch_id) WHERE batch_id IS NOT NULL;

CREATE TABLE recurring (
	id           INTEGER PRIMARY KEY,
	name         TEXT NOT NULL UNIQUE COLLATE NOCASE,
	account_id   INTEGER NOT NULL REFERENCES accounts(id),
	category_id  INTEGER REFERENCES categories(id),
	amount_minor INTEGER NOT NULL,  -- negative for bills, positive for income
	cadence      TEXT NOT NULL CHECK (cadence IN ('weekly', 'monthly', 'quarterly', 'yearly')),
	next_on      TEXT NOT NULL CHECK (date(next_on) IS next_on),
	until_on     TEXT CHECK (until_on IS NULL OR date(until_on) IS until_on)
) STRICT;

CREATE TABLE rules (
	id          INTEGER PRIMARY KEY,
	pattern     TEXT NOT NULL,       -- GRegex, matched case-insensitively on payee + memo
	category_id INTEGER NOT NULL REFERENCES categories(id) ON DELETE CASCADE,
	priority    INTEGER NOT NULL DEFAULT 100
) STRICT;

-- Monthly rollup kept in step with transactions by triggers, so that
-- balances and the runway report never rescan every row.
CREATE TABLE monthly_totals (
	account_id    INTEGER NOT NULL,
	month         TEXT NOT NULL,     -- 'YYYY-MM'
	category_id   INTEGER NOT NULL,  -- 0 = uncategorised
	pending       INTEGER NOT NULL,
	inflow_minor  INTEGER NOT NULL DEFAULT 0,
	outflow_minor INTEGER NOT NULL DEFAULT 0,  -- <= 0
	n             INTEGER NOT NULL DEFAULT 0,
	PRIMARY KEY (account_id, month, category_id, pending)
) STRICT, WITHOUT ROWID;

CREATE TRIGGER transactions_rollup_insert AFTER INSERT ON transactions BEGIN
	INSERT INTO monthly_totals(account_id, month, category_id, pending,
	                           inflow_minor, outflow_minor, n)
	VALUES (new.account_id, substr(new.posted_on, 1, 7), ifnull(new.category_id, 0), new.pending,
	        max(new.amount_minor, 0), min(new.amount_minor, 0), 1)
	ON CONFLICT DO UPDATE SET inflow_minor = inflow_minor + excluded.inflow_minor,
	                          outflow_minor = outflow_minor + excluded.outflow_minor,
	                          n = n + 1;
END;

CREATE TRIGGER transactions_rollup_delete AFTER DELETE ON transactions BEGIN
	UPDATE monthly_totals
	   SET inflow_minor = inflow_minor - max(old.amount_minor, 0),
	       outflow_minor = outflow_minor - min(old.amount_minor, 0),
	       n = n - 1
	 WHERE account_id = old.account_id AND month = substr(old.posted_on, 1, 7)
	   AND category_id = ifnull(old.category_id, 0) AND pending = old.pending;
	DELETE FROM monthly_totals
	 WHERE account_id = old.account_id AND month = substr(old.posted_on, 1, 7)
	   AND category_id = ifnull(old.category_id, 0) AND pending = old.pending AND n = 0;
END;

CREATE TRIGGER transactions_rollup_update
AFTER UPDATE OF account_id, posted_on, amount_minor, category_id, pending ON transactions BEGIN
	UPDATE monthly_totals
	   SET inflow_minor = inflow_minor - max(old.amount_minor, 0),
	       outflow_minor = outflow_minor - min(old.amount_minor, 0),
	       n = n - 1
	 WHERE account_id = old.account_id AND month = substr(old.posted_on, 1, 7)
	   AND category_id = ifnull(old.category_id, 0) AND pending = old.pending;
	DELETE FROM monthly_totals
	 WHERE account_id = old.account_id AND month = substr(old.posted_on, 1, 7)
	   AND category_id = ifnull(old.category_id, 0) AND pending = old.pending AND n = 0;
	INSERT INTO monthly_totals(account_id, month, category_id, pending,
	                           inflow_minor, outflow_minor, n)
	VALUES (new.account_id, substr(new.posted_on, 1, 7), ifnull(new.category_id, 0), new.pending,
	        max(new.amount_minor, 0), min(new.amount_minor, 0), 1)
	ON CONFLICT DO UPDATE SET inflow_minor = inflow_minor + excluded.inflow_minor,
	                          outflow_minor = outflow_minor + excluded.outflow_minor,
	                          n = n + 1;
END;

-- A sensible starting set for a music producer.  essential = the bills that
-- keep going when the gigs stop; deductible = usually a business expense.
INSERT INTO categories(name, kind, essential, deductible, stream) VALUES
	('Income: Session',      'income', 0, 0, 'session'),
	('Income: Production',   'income', 0, 0, 'production'),
	('Income: Mixing',       'income', 0, 0, 'mixing'),
	('Income: Mastering',    'income', 0, 0, 'mastering'),
	('Income: Royalties',    'income', 0, 0, 'royalty'),
	('Income: Sync',         'income', 0, 0, 'sync'),
	('Income: Beats',        'income', 0, 0, 'beats'),
	('Income: Teaching',     'income', 0, 0, 'teaching'),
	('Income: Live',         'income', 0, 0, 'live'),
	('Income: Other',        'income', 0, 0, 'other'),
	('Interest',             'income', 0, 0, NULL),
	('Refunds',              'income', 0, 0, NULL);
INSERT INTO categories(name, kind, essential, deductible) VALUES
	('Rent',                 'expense', 1, 0),
	('Studio Rent',          'expense', 1, 1),
	('Utilities',            'expense', 1, 0),
	('Phone & Internet',     'expense', 1, 1),
	('Groceries',            'expense', 1, 0),
	('Health Insurance',     'expense', 1, 0),
	('Insurance',            'expense', 1, 1),
	('Transport',            'expense', 1, 0),
	('Loan Payments',        'expense', 1, 0),
	('Taxes',                'expense', 1, 0),
	('Software & Plugins',   'expense', 0, 1),
	('Subscriptions',        'expense', 0, 1),
	('Samples',              'expense', 0, 1),
	('Gear',                 'expense', 0, 1),
	('Instruments & Repairs','expense', 0, 1),
	('PRO & Union Fees',     'expense', 0, 1),
	('Distribution',         'expense', 0, 1),
	('Marketing',            'expense', 0, 1),
	('Travel',               'expense', 0, 1),
	('Education',            'expense', 0, 1),
	('Bank & Payment Fees',  'expense', 0, 1),
	('Accounting & Legal',   'expense', 0, 1),
	('Dining Out',           'expense', 0, 0),
	('Entertainment',        'expense', 0, 0),
	('Shopping',             'expense', 0, 0),
	('Other Expense',        'expense', 0, 0),
	('Transfer',             'transfer', 0, 0);

INSERT INTO settings(key, value) VALUES
	('base_currency', 'EUR'),
	('tax_rate_bp', '2500'),
	('emergency_months_min', '3'),
	('emergency_months_max', '12');
