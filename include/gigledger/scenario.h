/*
 * scenario.h: what-if scenarios for the runway (`gig runway --what-if SPEC`,
 * `gig scenario add NAME SPEC...`).
 *
 * A SPEC is one change to the months ahead.  The grammar (keywords and units are
 * case-insensitive; AMOUNT is a money amount as gig_money_parse() reads it, without a
 * sign; P a number; M a month YYYY-MM):
 *
 *   income+P% | income-P%   [from M]   all income scaled by (1 +- P/100)
 *   income+AMOUNT/month | income-AMOUNT/month [from M]    income changed each month
 *   expense+P% | expense-P% [from M]   all expenses scaled by (1 +- P/100)
 *   NAME+AMOUNT[/month] | NAME-AMOUNT[/month] [from M]
 *                                      expenses changed each month (NAME is a label,
 *                                      e.g. expense, rent, studio; not income)
 *   gig AMOUNT M                       a one-off fee paid in month M
 *   spend AMOUNT M [LABEL...]          a one-off expense in month M
 *   lose-stream STREAM [from M]        that stream's income gone
 *   pause M[..M]                       no income in those months
 *
 * A space may stand between NAME and its sign ("income -20%").  "from M" defaults to
 * the first month ahead.  Effects add up, each measured on the history as it was
 * (income-20% and lose-stream teaching take 20 % of all income and all of teaching).
 */
#ifndef GIGLEDGER_SCENARIO_H
#define GIGLEDGER_SCENARIO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <glib.h>

#include "gigledger/common.h"
#include "gigledger/ledger.h"

GIG_BEGIN_DECLS

typedef enum {
	GIG_WHATIF_INCOME_PERCENT,
	GIG_WHATIF_INCOME_MONTHLY,
	GIG_WHATIF_EXPENSE_PERCENT,
	GIG_WHATIF_EXPENSE_MONTHLY,
	GIG_WHATIF_GIG,
	GIG_WHATIF_SPEND,
	GIG_WHATIF_LOSE_STREAM,
	GIG_WHATIF_PAUSE
} gig_whatif_kind;

/* From the start / to the end of the months ahead. */
#define GIG_WHATIF_OPEN_FROM INT32_MIN
#define GIG_WHATIF_OPEN_TO INT32_MAX

typedef struct {
	gig_whatif_kind kind;
	double percent;       /* the PERCENT kinds: signed (-30 for income-30%) */
	int64_t amount_minor; /* MONTHLY: signed change a month; GIG, SPEND: > 0 */
	int from, to;         /* month indexes (gig_date_month_index), inclusive */
	char *label;          /* EXPENSE_MONTHLY: NAME; SPEND: LABEL or NULL; LOSE_STREAM: */
} gig_whatif;                 /* the stream; NULL otherwise.  Owned. */

/*
 * Parses one SPEC; amounts in minor units of a currency with @exponent decimals.
 * INVALID_INPUT with what is wrong and the grammar's form for that keyword.
 */
GIG_API bool gig_whatif_parse(const char *text, int exponent, gig_whatif *out, GError **error);
GIG_API void gig_whatif_clear(gig_whatif *w);

/* ---- named scenarios in the ledger ---- */

typedef struct {
	int64_t id;
	char *name;
	char **specs; /* NULL-terminated, in the order given */
	size_t n_specs;
} gig_saved_scenario;

GIG_API void gig_saved_scenario_free(gig_saved_scenario *s);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(gig_saved_scenario, gig_saved_scenario_free)

/*
 * Adds scenario @name (1-64 characters, no control characters) with @n >= 1 specs,
 * each checked with gig_whatif_parse() in the base currency; one transaction.
 * DUPLICATE if the name exists (case-insensitive), INVALID_INPUT for a bad name or
 * spec (the message names the spec).
 */
GIG_API bool gig_ledger_scenario_add(gig_ledger *ledger, const char *name, const char *const *specs,
                                     size_t n, GError **error);
/* NOT_FOUND when there is none of that name (case-insensitive). */
GIG_API bool gig_ledger_scenario_get(gig_ledger *ledger, const char *name, gig_saved_scenario **out,
                                     GError **error);
/* Every scenario (gig_saved_scenario *), by name. */
GIG_API bool gig_ledger_scenario_list(gig_ledger *ledger, GPtrArray **out, GError **error);
/* Removes it and its specs in one transaction; NOT_FOUND when there is none. */
GIG_API bool gig_ledger_scenario_remove(gig_ledger *ledger, const char *name, GError **error);

GIG_END_DECLS

#endif
