/*
 * internal.h (private): helpers shared by several library files but not
 * exported.  Names start with gig__.
 */
#ifndef GIG_INTERNAL_H
#define GIG_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include <sqlite3.h>

#include "gigledger/ledger.h"
#include "gigledger/money.h"

/* Case-insensitive lookup of `text` in `names` (NULL-terminated, n entries);
 * INVALID_INPUT listing the known names otherwise. */
bool gig__enum_parse(int *out, const char *text, const char *const *names, size_t n,
                     const char *what, GError **error);
/* Exact (database spelling) parse of a gig status; false if unknown. */
bool gig__status_parse(gig_status *out, const char *text);

/* gig_ledger_gig_add without its own transaction (the caller holds one). */
bool gig__gig_add_in_tx(gig_ledger *ledger, const gig_gig_spec *spec, int64_t *out_id,
                        GError **error);

/*
 * What a gig (alias G in the enclosing query) has been paid, in the gig's own
 * currency: its linked posted transactions, each counted with its own amount when
 * its account is in the gig's currency, with what it paid of the gig
 * (gig_fx_payments.gig_minor, sql/0021) when it was settled in another currency,
 * and not at all otherwise.  COND adds conditions on the transaction (alias gp_t),
 * e.g. " AND gp_t.posted_on <= ?2", or "".  Every query that totals a gig's
 * payments uses this (and the view gig_paid says the same), so none sums amounts
 * of two currencies.
 */
#define GIG__SQL_PAID(G, COND)                                                                     \
	"(SELECT ifnull(sum(CASE WHEN gp_a.currency = " G ".currency THEN gp_t.amount_minor"       \
	" ELSE gp_x.gig_minor END), 0) FROM transactions gp_t"                                     \
	" JOIN accounts gp_a ON gp_a.id = gp_t.account_id"                                         \
	" LEFT JOIN gig_fx_payments gp_x ON gp_x.txn_id = gp_t.id AND gp_x.gig_id = gp_t.gig_id"   \
	" WHERE gp_t.gig_id = " G ".id AND gp_t.pending = 0" COND ")"

/* Settles gig `g` with the posted receipt `txn_id` of an account in another
 * currency, which pays `gig_minor` of it (0 = all that is open): see
 * gig_ledger_gig_pay_received (rates.h).  Inside the caller's transaction. */
struct gig_fx_payment;
bool gig__fx_settle_in_tx(gig_ledger *ledger, const gig_gig *g, int64_t txn_id, int64_t gig_minor,
                          struct gig_fx_payment *out, GError **error);

/* ---- journals (ledger_journal.c) ---- */

/* The hledger/ledger journal, or beancount's, of the transactions from `from`
 * to `to` (either GIG_DATE_NONE = open). */
bool gig__export_journal(gig_ledger *ledger, bool beancount, gig_date from, gig_date to, FILE *out,
                         GError **error);
/* ---- settings (config.c, config.h) ---- */

/* A number setting (reserve_multiple: 0 = auto; windfall_factor), checked as it is
 * read; its default when unset.  INVALID_INPUT for a value that is not allowed. */
bool gig__config_number(gig_ledger *ledger, const char *key, double *out, GError **error);
/* Reads base_currency again after it changed (ledger.c). */
bool gig__ledger_reload_base_currency(gig_ledger *ledger, GError **error);
/* Finds a client by name or creates it; *terms receives its payment terms. */
bool gig__client_ensure(sqlite3 *db, const char *name, int64_t *out_id, int *terms, GError **error);

/* ---- damage (ledger_check.c, integrity.h) ---- */

/* "PATH.damaged" */
char *gig__damage_marker_path(const char *path);
/* The marker's summary line, or NULL when there is no marker. */
char *gig__damage_marker_read(const char *path);
/* The cheap check on open: *out_reason is NULL when nothing was found.
 * False only when the check could not run. */
bool gig__open_check(sqlite3 *db, char **out_reason, GError **error);

/* ---- the amount grammar (money.c) ---- */

/* Digit-group separators, as bits of the `seps` argument of gig__amount_scan(). */
enum {
	GIG__SEP_COMMA = 1u << 0,      /* , */
	GIG__SEP_DOT = 1u << 1,        /* . */
	GIG__SEP_APOSTROPHE = 1u << 2, /* ' and U+2019 (Swiss) */
	GIG__SEP_SPACE = 1u << 3,      /* ASCII space */
	GIG__SEP_NBSP = 1u << 4,       /* U+00A0 */
	GIG__SEP_THIN = 1u << 5,       /* U+202F narrow NBSP, U+2009 thin space (French) */
	GIG__SEP_ALL = (1u << 6) - 1,
};

typedef enum {
	GIG__AMOUNT_OK = 0,
	GIG__AMOUNT_EMPTY,      /* no digit */
	GIG__AMOUNT_JUNK,       /* a character that is no digit, mark or allowed separator */
	GIG__AMOUNT_GROUPING,   /* a group of the wrong size, or an empty one */
	GIG__AMOUNT_MIXED,      /* two separator kinds in one number */
	GIG__AMOUNT_AFTER_MARK, /* a separator or second mark after the decimal mark */
	GIG__AMOUNT_DECIMALS,   /* more decimals than `exponent` */
	GIG__AMOUNT_TOO_LARGE,  /* magnitude above GIG_AMOUNT_MAX */
} gig__amount_status;

/*
 * The one amount grammar: reads the unsigned number in text[0, len) (no
 * sign, no blanks around it) with decimal mark `mark` ('.' or ','),
 * digit groups separated by one of the kinds in `seps` (the mark's own
 * kind is ignored there: a separator equal to the mark is the mark) and at
 * most `exponent` decimals (0-4; with `extra_zeros`, further decimals may
 * be zeros).  Grouping: 1-3 digits then groups of 3, or 1-2 digits, groups
 * of 2, and a last group of 3 (12,34,567), never starting with 0; one
 * separator kind per number.
 * On GIG__AMOUNT_OK *out is the magnitude in minor units, at most
 * GIG_AMOUNT_MAX; otherwise *out is untouched.  Never reads past len; any
 * bytes are safe input (fuzzing entry point).
 */
gig__amount_status gig__amount_scan(const char *text, size_t len, char mark, unsigned seps,
                                    int exponent, bool extra_zeros, int64_t *out);
/* What is wrong, for messages ("has digit groups of the wrong size ..."). */
const char *gig__amount_status_text(gig__amount_status st);
/* OVERFLOW naming `what` and the bound when |minor| > GIG_AMOUNT_MAX. */
bool gig__amount_check(int64_t minor, const char *what, GError **error);

#endif
