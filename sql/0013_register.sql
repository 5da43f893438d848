-- 0013_register.sql: what the register, the period report and budgets need.
--
-- The register (gig txn list) walks one account's rows in date order and sums the
-- rows between two of them for the running balance.  Imported rows are already in
-- (account, date) order in transactions_identity, since every imported row has a
-- fingerprint.  The rows without one (entered by hand, gig payments) get this index,
-- over the same leading columns, so that the two together cover every row once.
-- Imports never write into it: it costs them nothing, where an index over every row
-- would cost each imported row a second b-tree insert (sql/0007).  IF NOT EXISTS:
-- tests rewind user_version to replay migrations.
CREATE INDEX IF NOT EXISTS transactions_unfingerprinted ON transactions(account_id, posted_on)
	WHERE fingerprint IS NULL;

-- A budget per category: a fixed amount a month, or a share of the month's income
-- (basis points, 3000 = 30%), for irregular income.  Exactly one of the two is set.
CREATE TABLE IF NOT EXISTS budgets (
	category_id  INTEGER PRIMARY KEY REFERENCES categories(id) ON DELETE CASCADE,
	amount_minor INTEGER CHECK (amount_minor IS NULL OR amount_minor > 0),
	percent_bp   INTEGER CHECK (percent_bp IS NULL OR percent_bp BETWEEN 1 AND 10000),
	CHECK ((amount_minor IS NULL) <> (percent_bp IS NULL))
) STRICT;
