/*
 * reconcile_internal.h (private): hand entries confirmed by bank rows
 * (import_confirm.c) and balances on a day (reconcile.c), shared with the importer.
 */
#ifndef GIG_RECONCILE_INTERNAL_H
#define GIG_RECONCILE_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>

#include <sqlite3.h>

#include "gigledger/import.h"

/*
 * Joins the hand row `hand_id` with the imported row `bank_id` of batch `batch_id`
 * (see import_confirm.c): the hand row is recorded as settled by the batch, takes the
 * bank row's date, text and identity, and the bank row is deleted.  With
 * `take_links`, a category or gig link only the bank row had passes to the hand row.
 * Inside the caller's transaction.
 */
bool gig__confirm(sqlite3 *db, int64_t batch_id, int64_t hand_id, int64_t bank_id, bool take_links,
                  GError **error);

/*
 * After an import stored its rows (batch id range complete): joins the batch's rows
 * with the account's hand entries they confirm, lists the unsure pairs as near
 * matches.  `from` .. `to` are the batch's dates (GIG_DATE_NONE: no rows).
 */
bool gig__hand_confirm(sqlite3 *db, int64_t account_id, int64_t batch_id, gig_date from,
                       gig_date to, gig_import_result *res, GError **error);

/* The balance of account `account_id` at the end of `on` (opening + posted rows up to
 * then), inside the caller's transaction.  OVERFLOW when the sum does not fit. */
bool gig__balance_on(sqlite3 *db, int64_t account_id, gig_date on, int64_t *out, GError **error);

/* Records an assertion (INSERT OR IGNORE on account, day and amount); batch_id 0 =
 * none.  *out_id (may be NULL) gets its id, new or existing. */
bool gig__assertion_add(sqlite3 *db, int64_t account_id, gig_date on, int64_t amount_minor,
                        const char *source, int64_t batch_id, int64_t *out_id, GError **error);

#endif
