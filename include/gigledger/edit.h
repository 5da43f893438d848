/*
 * edit.h: corrections: editing, removing, splitting and linking transactions,
 * editing and removing gigs, renaming and closing accounts.
 *
 * Each call is one SQLite transaction (all or nothing), keeps the monthly rollup and
 * gig statuses exact, and is recorded in the change log (history.h), so
 * gig_ledger_undo() takes it back.
 *
 * Imported rows keep their bank identity (account, date, fingerprint: import.h):
 * an edit of the amount, payee, memo or category leaves it, so re-importing the file
 * finds the row and adds nothing.  An edit that moves the row to another date or
 * account, and a removal, remember the old identity (sql/0011, import_removed): the
 * file's row is then a duplicate, not a new row.  Undoing the edit or removal
 * forgets it again.
 *
 * Splits: gig_ledger_txn_split() keeps the row (its id and bank identity) as the first
 * part and adds the others as transactions of the same account, date and payee,
 * each in its category; the parts sum to the row's original amount.  Reports,
 * rollup and exports count each part in its category.  Removing the row removes its
 * parts; a part itself cannot be edited in amount or removed (split the row again).
 *
 * Errors: NOT_FOUND (no such transaction, gig, account, category), INVALID_INPUT
 * (a bad value, a closed account, parts that do not sum to the whole, a part
 * edited on its own, a currency mismatch), DUPLICATE (an account name taken), and
 * the database errors of ledger.h.
 */
#ifndef GIGLEDGER_EDIT_H
#define GIGLEDGER_EDIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "gigledger/ledger.h"

GIG_BEGIN_DECLS

/* What to change; NULL / GIG_DATE_NONE / false = leave as it is. */
typedef struct {
	bool set_amount;
	int64_t amount_minor; /* + in, - out; with set_amount */
	gig_date posted_on;
	const char *payee;
	const char *memo;
	const char *category; /* "" = uncategorised */
	const char *account;
} gig_txn_edit;

GIG_API bool gig_ledger_txn_edit(gig_ledger *ledger, int64_t txn_id, const gig_txn_edit *edit,
                                 GError **error);
/* A transaction's amount and its account's currency (what an edit's amount is read
 * against); NOT_FOUND when there is no such transaction. */
GIG_API bool gig_ledger_txn_amount(gig_ledger *ledger, int64_t txn_id, int64_t *out_amount,
                                   char out_currency[4], GError **error);
/* Removes a transaction (and its split parts). */
GIG_API bool gig_ledger_txn_remove(gig_ledger *ledger, int64_t txn_id, GError **error);

typedef struct {
	const char *category; /* NULL or "" = uncategorised */
	int64_t amount_minor; /* same sign as the whole, not 0 */
} gig_split_part;

/*
 * Splits a transaction into n >= 1 parts whose amounts sum to its whole amount (the
 * row's amount plus any earlier parts: splitting again replaces the parts; one part
 * joins them back).  The first part stays the row itself.
 */
GIG_API bool gig_ledger_txn_split(gig_ledger *ledger, int64_t txn_id, const gig_split_part *parts,
                                  size_t n, GError **error);
/* The parts of a split row (the row first), as transaction ids; one element when it
 * is not split.  `txn_id` may be any part.  (transfer full: GArray of int64_t) */
GIG_API bool gig_ledger_txn_parts(gig_ledger *ledger, int64_t txn_id, GArray **out, GError **error);

/* Links a money-in transaction to a gig as its payment (currency must match, the
 * gig not cancelled); the gig's status follows.  Unlink takes the link away. */
GIG_API bool gig_ledger_txn_link(gig_ledger *ledger, int64_t txn_id, int64_t gig_id,
                                 GError **error);
GIG_API bool gig_ledger_txn_unlink(gig_ledger *ledger, int64_t txn_id, GError **error);

/* What to change in a gig; NULL / GIG_DATE_NONE / 0 / false = leave as it is. */
typedef struct {
	const char *client; /* created on first use */
	bool set_stream;
	gig_stream stream;
	const char *description;
	int64_t amount_minor; /* > 0; 0 = unchanged */
	gig_date performed_on;
	gig_date invoiced_on;
	gig_date due_on;
} gig_gig_edit;

GIG_API bool gig_ledger_gig_edit(gig_ledger *ledger, int64_t gig_id, const gig_gig_edit *edit,
                                 GError **error);

typedef enum {
	GIG_PAYMENTS_UNLINK, /* its payments stay, as income without a gig */
	GIG_PAYMENTS_REMOVE, /* its payments go too */
} gig_payments;

/* Removes a gig; *out_payments (may be NULL) = how many payments were unlinked or
 * removed. */
GIG_API bool gig_ledger_gig_remove(gig_ledger *ledger, int64_t gig_id, gig_payments payments,
                                   int64_t *out_payments, GError **error);

GIG_API bool gig_ledger_account_rename(gig_ledger *ledger, const char *old_name,
                                       const char *new_name, GError **error);
/*
 * Closes an account: no import, entry, payment or recurring item goes into it any
 * more (INVALID_INPUT), it stays in the books.  Its balance (posted and pending)
 * must be 0, unless `force`.
 */
GIG_API bool gig_ledger_account_close(gig_ledger *ledger, const char *name, bool force,
                                      GError **error);

GIG_END_DECLS

#endif
