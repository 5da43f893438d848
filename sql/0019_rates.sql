-- 0019_rates.sql: exchange rates (issue 14).
--
-- One row says: on `on_date`, 1 unit of `base` was worth `rate` units of `quote`
-- (the ECB's reference rates are base EUR: "1 EUR = 1.0777 USD").  The rate is
-- an exact decimal kept as canonical text ("1.0777", "155.53", "0.92": no sign,
-- no exponent, no leading or trailing zeros beyond "0."), never a binary float;
-- rates.c parses it into an integer numerator and a power-of-ten scale.  A pair
-- has at most one rate per day, so re-importing a file adds nothing.  IF NOT EXISTS (as in
-- 0014): tests that wind a ledger's user_version back to an older schema replay this.
CREATE TABLE IF NOT EXISTS rates (
	id      INTEGER PRIMARY KEY,
	on_date TEXT NOT NULL CHECK (date(on_date) IS on_date),
	base    TEXT NOT NULL CHECK (length(base) = 3 AND base = upper(base)),
	quote   TEXT NOT NULL CHECK (length(quote) = 3 AND quote = upper(quote) AND quote <> base),
	rate    TEXT NOT NULL CHECK (length(rate) BETWEEN 1 AND 32 AND rate NOT GLOB '*[^0-9.]*'),
	source  TEXT NOT NULL DEFAULT 'manual',
	UNIQUE (base, quote, on_date)
) STRICT;
