-- 0004_report.sql: an index for the runway report's windfall rule.
--
-- The report flags single payments larger than 5x the median payment, so it has to
-- see every posted inflow of the history, not just the monthly rollup.  Inflows are
-- a small share of the rows (most rows are spending), so a partial index over them
-- alone, carrying every column the report reads, lets that pass touch only the
-- index and leaves the cost of inserting an outflow unchanged.
CREATE INDEX transactions_inflows
	ON transactions(posted_on, amount_minor, account_id, category_id)
	WHERE amount_minor > 0 AND pending = 0;
