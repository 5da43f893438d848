/*
 * rules_internal.h (private): rules compiled once per import, and the
 * post-insert passes of an import (transfers, invoice matching, near
 * matches) that run inside the import's transaction.
 */
#ifndef GIG_RULES_INTERNAL_H
#define GIG_RULES_INTERNAL_H

#include <sqlite3.h>

#include "gigledger/import.h"
#include "gigledger/rules.h"

typedef struct gig__rules gig__rules;
/* NULL in *out when there are no rules. */
bool gig__rules_load(sqlite3 *db, gig__rules **out, GError **error);
void gig__rules_free(gig__rules *rules);
/* First matching rule's category (id and borrowed name). */
bool gig__rules_match(const gig__rules *rules, const char *payee, const char *memo,
                      int64_t *out_category, const char **out_name);

/* Similar payee text: one contains the other, or they share a 4+ letter word. */
bool gig__similar_text(const char *a, const char *b);

/*
 * Marks rows of the batch that move money between own accounts as Transfer;
 * `from` .. `to` span the batch's dates (GIG_DATE_NONE when it has no rows).
 */
bool gig__transfers_mark(sqlite3 *db, int64_t account_id, int64_t batch_id, gig_date from,
                         gig_date to, gig_import_result *res, GError **error);
/* The one statement that reads the candidate mirror rows (for the tests' query plan). */
extern const char gig__sql_transfer_mirrors[];
/* Links incoming payments of the batch to open gigs; lists ambiguous ones. */
bool gig__invoices_match(gig_ledger *ledger, int64_t account_id, int64_t batch_id,
                         gig_import_result *res, GError **error);
/* Links deposits of the batch to royalty payers (gig_import_options.payers;
 * royalty_balance.c); lists those that fit several. */
bool gig__royalty_payouts_match(sqlite3 *db, const GPtrArray *payers, int64_t batch_id,
                                gig_import_result *res, GError **error);

#endif
