/*
 * register.h: the register (every transaction, filtered, with each account's running
 * balance) and one transaction in full, with where it came from and what it is linked to.
 *
 * Order: by date, then by id (the order rows were entered), oldest first.
 *
 * Running balance: the account's balance right after the row, exactly as
 * gig_ledger_accounts() would give it if the ledger ended there: the opening balance plus
 * every posted row of the account up to and including this one, whether or not the
 * filter shows those rows.  A pending row does not move it (it shows the balance before
 * it).  It is computed from the monthly rollup plus the rows of the row's own month, so
 * a register of the newest rows of a 1M-row ledger reads a few thousand rows, not all.
 *
 * Payee patterns: without '*' or '?', a case-insensitive substring of the payee
 * ("splice" matches "SPLICE.COM SUBSCRIPTION"); with them, a glob over the whole payee
 * ('*' any text, '?' one character: "amzn*" matches payees starting with AMZN).
 * Letters compare case-insensitively, non-ASCII ones too (Unicode case folding).
 *
 * Errors raised: NOT_FOUND (unknown account, category, transaction), INVALID_INPUT (from
 * after to, a bad stream, min above max, an empty pattern), OVERFLOW (a balance that does
 * not fit), DB_*.
 */
#ifndef GIGLEDGER_REGISTER_H
#define GIGLEDGER_REGISTER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "gigledger/date.h"
#include "gigledger/error.h"
#include "gigledger/ledger.h"

GIG_BEGIN_DECLS

typedef struct {
	gig_date from;        /* first day shown, GIG_DATE_NONE = from the first row */
	gig_date to;          /* last day shown (inclusive), GIG_DATE_NONE = to the last */
	const char *account;  /* NULL = every account */
	const char *payee;    /* pattern (see above), NULL = any payee */
	const char *category; /* NULL = any; case-insensitive name */
	const char *stream;   /* income stream of the row's category or of its gig; NULL = any */
	bool uncategorised;   /* only rows without a category */
	bool pending_only;    /* only pending rows */
	bool has_min, has_max;
	int64_t min_minor; /* with has_min: |amount| >= min_minor */
	int64_t max_minor; /* with has_max: |amount| <= max_minor */
	size_t limit;      /* 0 = every matching row; N = the newest N (still oldest first) */
} gig_register_filter;

#define GIG_REGISTER_FILTER_INIT                                                                   \
	((gig_register_filter){GIG_DATE_NONE, GIG_DATE_NONE, NULL, NULL, NULL, NULL, false, false, \
	                       false, false, 0, 0, 0})

typedef struct {
	gig_txn txn;           /* its strings are borrowed, valid during the callback only */
	int64_t balance_minor; /* the account's running balance after the row (see above) */
} gig_register_row;

/* Return false to stop early (the call then returns true). */
typedef bool (*gig_register_cb)(const gig_register_row *row, void *payload);

/* Calls `cb` for every row the filter keeps, in register order, from one snapshot. */
GIG_API bool gig_ledger_register(gig_ledger *ledger, const gig_register_filter *filter,
                                 gig_register_cb cb, void *payload, GError **error);

/* Another batch whose file also held the row (sql/0010), with its line there. */
typedef struct {
	int64_t batch_id;
	int64_t line_no; /* 0 when unknown */
} gig_txn_member;

typedef struct {
	int64_t id;
	int64_t account_id;
	char *account;
	char currency[4];
	gig_date posted_on;
	int64_t amount_minor;
	char *payee;
	char *memo;
	int64_t category_id; /* 0 = uncategorised */
	char *category;      /* NULL when uncategorised */
	gig_category_kind category_kind;
	bool pending;
	int64_t balance_minor; /* running balance after it, as in the register */
	/* provenance: 0 / NULL for a row entered by hand */
	int64_t batch_id;
	char *file_name;   /* the batch's file */
	char *imported_on; /* when the batch was imported */
	int64_t line_no;   /* the row's line in that file, 0 = unknown */
	char *record;      /* the record as read (import_raw or the older raw column) */
	char *external_id; /* the provider's id, if the file had one */
	size_t n_members;
	gig_txn_member *members; /* later batches that also held it */
	/* links */
	int64_t gig_id; /* 0 = none */
	char *gig_client;
	char *gig_description;
	gig_status gig_status;
	int64_t gig_amount_minor;
	int64_t transfer_txn_id; /* the other half of a transfer found by an import, 0 = none */
	char *transfer_account;
} gig_txn_detail;

GIG_API void gig_txn_detail_free(gig_txn_detail *detail);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(gig_txn_detail, gig_txn_detail_free)

/* One transaction in full; NOT_FOUND for an unknown id. */
GIG_API bool gig_ledger_txn_get(gig_ledger *ledger, int64_t id, gig_txn_detail **out,
                                GError **error);

GIG_END_DECLS

#endif
