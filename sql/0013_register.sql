-- 0013_register.sql: what the register, the period report and budgets need.
--
-- The register (gig txn list) walks one account's rows in date order and sums the
-- rows between two of them for the running balance.  Two indexes already hold rows in
-- (account, date) order: transactions_identity every imported row (they all have a
-- fingerprint and a batch) and transactions_by_hand every row without a batch.  This
-- one holds the rest, rows with a batch but no fingerprint, so that the three together
-- cover every row once.  No writer makes such rows today, so it stays empty and costs
-- imports nothing, where an index over every row would cost each imported row a
-- second b-tree insert (sql/0007).  IF NOT EXISTS: tests rewind user_version.
CREATE INDEX IF NOT EXISTS transactions_unfingerprinted ON transactions(account_id, posted_on)
	WHERE fingerprint IS NULL AND batch_id IS NOT NULL;

-- A budget per category: a fixed amount a month, or a share of the month's income
-- (basis points, 3000 = 30%), for irregular income.  Exactly one of the two is set.
CREATE TABLE IF NOT EXISTS budgets (
	category_id  INTEGER PRIMARY KEY REFERENCES categories(id) ON DELETE CASCADE,
	amount_minor INTEGER CHECK (amount_minor IS NULL OR amount_minor > 0),
	percent_bp   INTEGER CHECK (percent_bp IS NULL OR percent_bp BETWEEN 1 AND 10000),
	CHECK ((amount_minor IS NULL) <> (percent_bp IS NULL))
) STRICT;
