/*
 * reconcile.h: keeping the ledger in step with the bank.
 *
 *  - Hand entries and bank rows: an import joins a bank row with the row entered
 *    by hand for the same money (import.h, gig_confirmation); where it is unsure it
 *    lists the pair (gig_near_match), and gig_ledger_txn_merge() joins it.
 *    gig_ledger_gig_pay_txn() records a gig's payment by linking the bank's row that
 *    is already in the ledger, instead of adding a second one.
 *  - Balance assertions: what the bank says an account held at the end of a day,
 *    entered by hand or stated by an imported file, compared with the ledger.
 *  - Balances on a day: transactions dated after the day (scheduled) are left out.
 *
 * Errors raised: NOT_FOUND (unknown account, transaction, gig), INVALID_INPUT (a
 * merge or link that cannot be, with the reason), OVERFLOW, DB_*.
 */
#ifndef GIGLEDGER_RECONCILE_H
#define GIGLEDGER_RECONCILE_H

#include <stdbool.h>
#include <stdint.h>

#include "gigledger/ledger.h"

GIG_BEGIN_DECLS

/*
 * Joins transactions `a` and `b`, one entered by hand and one imported, as one:
 * the hand row stays (its id, category and gig link; a category or gig link only
 * the imported row had passes to it) and takes the imported row's date, text, batch
 * and identity, so that a re-import finds it and undoing that import puts the hand
 * row back as it was; the imported row goes.  *out_kept (may be NULL) gets the id
 * that stays.  One transaction; the monthly rollup and gig statuses stay exact.
 * INVALID_INPUT when a == b, when the two are in different accounts (or
 * currencies), differ in amount or sign, are both imported (two rows of one file
 * are never the same money; rows of two files are joined by undoing one import),
 * both entered by hand, when one is pending, or when both pay a gig.  NOT_FOUND
 * for an unknown id.
 */
GIG_API bool gig_ledger_txn_merge(gig_ledger *ledger, int64_t a, int64_t b, int64_t *out_kept,
                                  GError **error);

/*
 * Records gig `gig_id`'s payment as the existing transaction `txn_id` (an
 * incoming posted row not linked to a gig, in the gig's currency, of at most what
 * is still open): it is linked and put in the stream's income category; the gig
 * becomes paid or partly paid.  No transaction is added.  A row in another
 * currency than the gig's pays all that is open, at the invoice-date rate, with
 * the realised gain or loss split off (gig_ledger_gig_pay_txn_received, rates.h).
 */
GIG_API bool gig_ledger_gig_pay_txn(gig_ledger *ledger, int64_t gig_id, int64_t txn_id,
                                    GError **error);

/*
 * The imported row that is gig `gig_id`'s payment of `amount_minor` (0 = what is
 * open) into `account` (NULL = default) on `on`, when exactly one fits: posted,
 * incoming, that amount, within GIG_CONFIRM_DAYS (5) days of `on`, not linked to a
 * gig, uncategorised or in an income category.  *out_txn = 0 when none or several.
 */
GIG_API bool gig_ledger_gig_payment_find(gig_ledger *ledger, int64_t gig_id, int64_t amount_minor,
                                         const char *account, gig_date on, int64_t *out_txn,
                                         GError **error);

/* ---- balances on a day ------------------------------------------------ */

/*
 * The account's balance at the end of day `on`: its opening balance and every
 * posted transaction dated on or before `on` (pending ones never count).
 */
GIG_API bool gig_ledger_balance_on(gig_ledger *ledger, const char *account, gig_date on,
                                   int64_t *out_minor, GError **error);

/*
 * gig_ledger_accounts() as of day `as_of`: posted transactions dated after it are
 * "scheduled" (a payment entered ahead of time): left out of balance_minor and
 * transactions, counted in scheduled_minor and scheduled instead.  GIG_DATE_NONE
 * = no day (everything counts, as gig_ledger_accounts()).  (transfer full)
 */
GIG_API bool gig_ledger_accounts_on(gig_ledger *ledger, gig_date as_of, GPtrArray **out,
                                    GError **error);

/* ---- balance assertions ---------------------------------------------- */

typedef enum {
	GIG_ASSERTION_MANUAL, /* gig balance --assert */
	GIG_ASSERTION_IMPORT, /* stated by an imported file */
} gig_assertion_source;

/* At most this many transaction ids are listed in gig_assertion.since. */
#define GIG_ASSERTION_SINCE_MAX 50

typedef struct {
	int64_t id;
	char *account;
	char currency[4];
	gig_date on;
	int64_t stated_minor;     /* what the bank says */
	int64_t ledger_minor;     /* the ledger's balance at the end of `on` */
	int64_t difference_minor; /* stated - ledger */
	bool holds;               /* difference_minor == 0 */
	gig_assertion_source source;
	int64_t batch_id; /* the import that stated it, 0 for others */
	/* For an assertion that does not hold: the latest earlier assertion of the
	 * account that holds (GIG_DATE_NONE when none does), and the account's posted
	 * transactions after it up to `on` (all of them up to `on` when none holds):
	 * their number and the ids of the first GIG_ASSERTION_SINCE_MAX, oldest first.
	 * One of them is missing, doubled or wrong.  since is NULL for one that holds. */
	gig_date held_on;
	int64_t since_count;
	GArray *since; /* int64_t */
} gig_assertion;

GIG_API void gig_assertion_free(gig_assertion *assertion);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(gig_assertion, gig_assertion_free)

/*
 * Records that the bank says `account` held `amount_minor` at the end of `on`.
 * The same account, day and amount twice is recorded once (*out_id is the
 * existing one).  NOT_FOUND for an unknown account; OVERFLOW beyond the bound.
 */
GIG_API bool gig_ledger_balance_assert(gig_ledger *ledger, const char *account,
                                       int64_t amount_minor, gig_date on, int64_t *out_id,
                                       GError **error);

/*
 * Every assertion compared with the ledger, by account then day (only those that
 * do not hold with `failing_only`).  (transfer full) GPtrArray of gig_assertion*.
 */
GIG_API bool gig_ledger_assertions(gig_ledger *ledger, bool failing_only, GPtrArray **out,
                                   GError **error);

GIG_END_DECLS

#endif
