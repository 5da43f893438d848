-- gen_ledger.sql: fills a fresh gigledger ledger (made by `gig init`) with @n
-- deterministic transactions spread evenly over the 20 years 2006-11-25 .. 2026-11-24,
-- as an import would store them (with fingerprints).  Used by bench/runway.sh:
--   sqlite3 LEDGER -cmd '.parameter set @n 1000000' < bench/gen_ledger.sql
-- Rows: 3 % gig income (200.00 .. 3,199.99, the ten income categories), 3 % transfers
-- between checking and savings, the rest expenses (1.00 .. 90.99) over the 26 expense
-- categories; a multiplicative hash of the row number picks each value.
PRAGMA journal_mode = WAL;
PRAGMA synchronous = OFF;
BEGIN;
INSERT INTO accounts(name, kind, currency, opening_minor, opening_date) VALUES
	('Checking', 'checking', 'EUR', 500000, '2006-11-24'),
	('Savings', 'savings', 'EUR', 1000000, '2006-11-24'),
	('Tax Reserve', 'tax-reserve', 'EUR', 0, '2006-11-24');
WITH RECURSIVE seq(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM seq WHERE i < @n - 1),
rows AS (
	SELECT i, (i * 7305) / @n AS day, (i * 2654435761) % 4294967296 AS h FROM seq
)
INSERT INTO transactions(account_id, posted_on, amount_minor, payee, category_id, pending,
			 fingerprint)
SELECT
	CASE WHEN h % 100 BETWEEN 3 AND 5 THEN 1 + (i % 2) ELSE 1 END,
	date('2006-11-25', '+' || day || ' days'),
	CASE
		WHEN h % 100 < 3 THEN 20000 + (h / 1000) % 300000
		WHEN h % 100 < 6 THEN (CASE WHEN i % 2 = 0 THEN -1 ELSE 1 END) * (10000 + (h / 1000) % 40000)
		ELSE -(100 + (h / 1000) % 9000)
	END,
	'bench row ' || i,
	CASE
		WHEN h % 100 < 3 THEN 1 + (h / 100) % 10
		WHEN h % 100 < 6 THEN 39
		ELSE 13 + (h / 100) % 26
	END,
	0,
	printf('%016x', i)
FROM rows;
-- the library writes the monthly rollup of the rows it inserts (sql/0007); rows
-- inserted here by hand are summed into it the same way
INSERT INTO monthly_totals(account_id, month, category_id, pending, inflow_minor, outflow_minor, n)
SELECT account_id, substr(posted_on, 1, 7), ifnull(category_id, 0), pending,
       sum(max(amount_minor, 0)), sum(min(amount_minor, 0)), count(*)
  FROM transactions GROUP BY 1, 2, 3, 4;
COMMIT;
