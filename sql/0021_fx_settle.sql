-- 0021_fx_settle.sql: a gig paid in another currency (issue 14: `gig paid ID
-- --received AMOUNT`).
--
-- A USD invoice paid into a EUR account is one receipt of what arrived (EUR),
-- stored as a split transaction (sql/0011, txn_splits): the bank row keeps the
-- invoice's worth at the invoice-date rate in the gig's stream category, and its
-- part holds the difference (received - expected) in the category "FX gain/loss"
-- (realised exchange gain, negative for a loss).  Both parts carry the gig's id.
-- The row below says what the receipt paid of the gig in the GIG's currency; it is
-- what the gig's paid total counts for that receipt.
--
-- The gig's paid total (view gig_paid, and GIG__SQL_PAID in src/lib/internal.h,
-- which every query that totals a gig's payments uses) counts a linked posted
-- transaction with its own amount when its account is in the gig's currency, with
-- gig_fx_payments.gig_minor when it has such a row, and not at all otherwise: it
-- never adds two currencies.  A row is keyed by the receipt and names its gig, so
-- a receipt later unlinked or removed no longer counts.
CREATE TABLE IF NOT EXISTS gig_fx_payments (
	txn_id         INTEGER PRIMARY KEY,   -- the receipt (transactions.id); no reference,
	                                      -- as for txn_splits
	gig_id         INTEGER NOT NULL,
	gig_minor      INTEGER NOT NULL CHECK (gig_minor > 0),  -- paid, in the gig's currency
	received_minor INTEGER NOT NULL CHECK (received_minor > 0), -- arrived, account currency
	expected_minor INTEGER NOT NULL,      -- gig_minor at the rate of rate_on
	rate_on        TEXT NOT NULL CHECK (date(rate_on) IS rate_on),
	rate           TEXT NOT NULL,         -- the rate used, as gig_conversion_describe says
	fx_txn_id      INTEGER                -- the gain/loss part, NULL when there is none
) STRICT;

INSERT OR IGNORE INTO categories(name, kind) VALUES ('FX gain/loss', 'income');

DROP VIEW IF EXISTS gig_status_due;
DROP VIEW IF EXISTS gig_paid;

CREATE VIEW gig_paid AS
	SELECT g.id AS gig_id,
	       (SELECT ifnull(sum(CASE WHEN a.currency = g.currency THEN t.amount_minor
	                               ELSE x.gig_minor END), 0)
	          FROM transactions t JOIN accounts a ON a.id = t.account_id
	          LEFT JOIN gig_fx_payments x ON x.txn_id = t.id AND x.gig_id = t.gig_id
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
