-- 0009_transactions_unchecked.sql: transactions without per-row CHECK constraints.
--
-- Every CHECK is an expression SQLite evaluates for each row written.  On the
-- 1M-row import benchmark the two on transactions (date(posted_on) IS posted_on and
-- pending IN (0, 1)) were 1,600 of the storing thread's 14,100 instructions per row
-- (callgrind, 100k rows).  Every writer of this table is the library, which binds
-- posted_on from a gig_date it formats itself and pending from a bool, so the checks
-- never caught anything; they go.  SQLite cannot drop a constraint in place, so the
-- table is rebuilt (the procedure of sqlite.org/lang_altertable.html: the migration
-- runs with foreign keys off and checks them before it commits, see db.c): the same
-- columns, rows and ids, then its indexes, triggers and the views that read it.
DROP VIEW gig_status_due;
DROP VIEW gig_paid;

CREATE TABLE transactions_new (
	id           INTEGER PRIMARY KEY,
	account_id   INTEGER NOT NULL REFERENCES accounts(id),
	posted_on    TEXT NOT NULL,     -- 'YYYY-MM-DD', written by the library only
	amount_minor INTEGER NOT NULL,
	payee        TEXT NOT NULL DEFAULT '',
	memo         TEXT NOT NULL DEFAULT '',
	category_id  INTEGER REFERENCES categories(id),
	gig_id       INTEGER REFERENCES gigs(id) ON DELETE SET NULL,
	pending      INTEGER NOT NULL DEFAULT 0,   -- 0 or 1
	batch_id     INTEGER REFERENCES import_batches(id) ON DELETE CASCADE,
	fingerprint  TEXT,
	external_id  TEXT,
	line_no      INTEGER,
	raw          TEXT               -- older imports; newer ones keep it in import_raw
) STRICT;
INSERT INTO transactions_new(id, account_id, posted_on, amount_minor, payee, memo, category_id,
                             gig_id, pending, batch_id, fingerprint, external_id, line_no, raw)
	SELECT id, account_id, posted_on, amount_minor, payee, memo, category_id,
	       gig_id, pending, batch_id, fingerprint, external_id, line_no, raw
	  FROM transactions;
DROP TABLE transactions;
ALTER TABLE transactions_new RENAME TO transactions;

CREATE UNIQUE INDEX transactions_identity ON transactions(account_id, posted_on, fingerprint)
	WHERE fingerprint IS NOT NULL;
CREATE INDEX transactions_gig ON transactions(gig_id) WHERE gig_id IS NOT NULL;
CREATE INDEX transactions_inflows
	ON transactions(posted_on, amount_minor, account_id, category_id)
	WHERE amount_minor > 0 AND pending = 0;
CREATE INDEX transactions_by_hand ON transactions(account_id, posted_on, amount_minor)
	WHERE batch_id IS NULL;

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

CREATE VIEW gig_paid AS
	SELECT g.id AS gig_id,
	       (SELECT ifnull(sum(t.amount_minor), 0) FROM transactions t
	         WHERE t.gig_id = g.id AND t.pending = 0) AS paid_minor
	  FROM gigs g;

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
