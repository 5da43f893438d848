-- 0026_split_payments.sql: what the producer has paid collaborators out of their
-- split shares (gig split pay; include/gigledger/royalty.h).
--
-- A collaborator's share of what the splits cover (sql/0022) less these payments
-- is what is still owed to them.  A payment made from an account of the ledger
-- carries the transaction it booked (an expense); removing that transaction keeps
-- the payment, with txn_id NULL.
CREATE TABLE IF NOT EXISTS split_payments (
	id           INTEGER PRIMARY KEY,
	name         TEXT NOT NULL COLLATE NOCASE CHECK (length(trim(name)) > 0),
	currency     TEXT NOT NULL CHECK (length(currency) = 3 AND currency = upper(currency)),
	amount_minor INTEGER NOT NULL CHECK (amount_minor > 0),
	paid_on      TEXT NOT NULL CHECK (date(paid_on) IS paid_on),
	txn_id       INTEGER REFERENCES transactions(id) ON DELETE SET NULL
) STRICT;
CREATE INDEX IF NOT EXISTS split_payments_name ON split_payments(name, currency);
