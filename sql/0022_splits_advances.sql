-- 0022_splits_advances.sql: split sheets and royalty advances (issue 15;
-- include/gigledger/royalty.h).
--
-- A split names a work (a title or an ISRC, as statement lines carry them) or a
-- logged gig, and its shares: each share is in hundredths of a percent (10000 =
-- 100 %), the shares of one split add up to exactly 10000, and the producer's
-- own share is the row with is_self = 1.  The other shares are payables: money
-- the producer receives and owes on to a collaborator.
CREATE TABLE IF NOT EXISTS splits (
	id          INTEGER PRIMARY KEY,
	work        TEXT COLLATE NOCASE CHECK (work IS NULL OR length(trim(work)) > 0),
	gig_id      INTEGER REFERENCES gigs(id) ON DELETE CASCADE,
	created_on  TEXT NOT NULL CHECK (date(created_on) IS created_on),
	CHECK ((work IS NULL) <> (gig_id IS NULL))
) STRICT;
CREATE UNIQUE INDEX IF NOT EXISTS splits_work ON splits(work) WHERE work IS NOT NULL;
CREATE UNIQUE INDEX IF NOT EXISTS splits_gig ON splits(gig_id) WHERE gig_id IS NOT NULL;

CREATE TABLE IF NOT EXISTS split_shares (
	split_id    INTEGER NOT NULL REFERENCES splits(id) ON DELETE CASCADE,
	name        TEXT NOT NULL COLLATE NOCASE CHECK (length(trim(name)) > 0),
	share_bp    INTEGER NOT NULL CHECK (share_bp > 0 AND share_bp <= 10000),
	is_self     INTEGER NOT NULL DEFAULT 0 CHECK (is_self IN (0, 1)),
	PRIMARY KEY (split_id, name)
) STRICT;

-- An advance a payer paid ahead of royalties: the royalties the payer's statements
-- report for periods from the advance's month on pay nothing until their sum
-- reaches the advance (recoupment); what is earned beyond flows as usual.
CREATE TABLE IF NOT EXISTS royalty_advances (
	id           INTEGER PRIMARY KEY,
	payer        TEXT NOT NULL COLLATE NOCASE CHECK (length(trim(payer)) > 0),
	currency     TEXT NOT NULL CHECK (length(currency) = 3 AND currency = upper(currency)),
	amount_minor INTEGER NOT NULL CHECK (amount_minor > 0),
	received_on  TEXT NOT NULL CHECK (date(received_on) IS received_on)
) STRICT;
