-- 0014_scenarios.sql: named what-if scenarios for `gig runway --scenario NAME`.
--
-- A scenario is a name and an ordered list of SPEC strings in the grammar of
-- include/gigledger/scenario.h (gig_whatif_parse).  The specs are kept as the user
-- wrote them, checked when added; what they mean (which months, which stream) is
-- worked out at report time against the ledger as it is then.  IF NOT EXISTS: a
-- ledger rolled back to an older user_version by hand (tests do) migrates again.
CREATE TABLE IF NOT EXISTS scenarios (
	id INTEGER PRIMARY KEY,
	name TEXT NOT NULL UNIQUE COLLATE NOCASE
);

CREATE TABLE IF NOT EXISTS scenario_specs (
	scenario_id INTEGER NOT NULL REFERENCES scenarios(id) ON DELETE CASCADE,
	position INTEGER NOT NULL,
	spec TEXT NOT NULL,
	PRIMARY KEY (scenario_id, position)
) WITHOUT ROWID;
