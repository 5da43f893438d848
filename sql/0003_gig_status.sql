-- 0003_gig_status.sql: keep a gig's payment status in step with its linked
-- transactions whatever changes them (a payment recorded, an import undone,
-- a pending payment posting, a link moved), not only when the library
-- remembers to recompute it.
--
-- Invariant: for a gig that is not cancelled, status is 'paid' when its
-- posted linked transactions sum to at least its amount, 'partly_paid' when
-- they sum to more than zero, else 'planned' (no invoice date) or 'invoiced'.

CREATE VIEW gig_paid AS
	SELECT g.id AS gig_id,
	       (SELECT ifnull(sum(t.amount_minor), 0) FROM transactions t
	         WHERE t.gig_id = g.id AND t.pending = 0) AS paid_minor
	  FROM gigs g;

CREATE TRIGGER gig_status_after_insert AFTER INSERT ON transactions
WHEN new.gig_id IS NOT NULL BEGIN
	UPDATE gigs SET status = CASE
		WHEN status = 'cancelled' THEN 'cancelled'
		WHEN (SELECT paid_minor FROM gig_paid WHERE gig_id = gigs.id) >= amount_minor THEN 'paid'
		WHEN (SELECT paid_minor FROM gig_paid WHERE gig_id = gigs.id) > 0 THEN 'partly_paid'
		WHEN invoiced_on IS NULL THEN 'planned'
		ELSE 'invoiced' END
	 WHERE id = new.gig_id;
END;

CREATE TRIGGER gig_status_after_delete AFTER DELETE ON transactions
WHEN old.gig_id IS NOT NULL BEGIN
	UPDATE gigs SET status = CASE
		WHEN status = 'cancelled' THEN 'cancelled'
		WHEN (SELECT paid_minor FROM gig_paid WHERE gig_id = gigs.id) >= amount_minor THEN 'paid'
		WHEN (SELECT paid_minor FROM gig_paid WHERE gig_id = gigs.id) > 0 THEN 'partly_paid'
		WHEN invoiced_on IS NULL THEN 'planned'
		ELSE 'invoiced' END
	 WHERE id = old.gig_id;
END;

CREATE TRIGGER gig_status_after_update
AFTER UPDATE OF gig_id, amount_minor, pending ON transactions
WHEN old.gig_id IS NOT NULL OR new.gig_id IS NOT NULL BEGIN
	UPDATE gigs SET status = CASE
		WHEN status = 'cancelled' THEN 'cancelled'
		WHEN (SELECT paid_minor FROM gig_paid WHERE gig_id = gigs.id) >= amount_minor THEN 'paid'
		WHEN (SELECT paid_minor FROM gig_paid WHERE gig_id = gigs.id) > 0 THEN 'partly_paid'
		WHEN invoiced_on IS NULL THEN 'planned'
		ELSE 'invoiced' END
	 WHERE id IN (old.gig_id, new.gig_id);
END;
