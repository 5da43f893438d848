/*
 * report_period.h: periods ("2026", "2026-Q3", "2026-11", a day), and the report of
 * income and expenses per period (gig report), with budgets.
 *
 * Errors raised: INVALID_INPUT (a period that is not one of the forms, a start after
 * the end, a bad option), NOT_FOUND (unknown category, a currency no account uses),
 * OVERFLOW, DB_*.
 */
#ifndef GIGLEDGER_REPORT_PERIOD_H
#define GIGLEDGER_REPORT_PERIOD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "gigledger/date.h"
#include "gigledger/error.h"
#include "gigledger/ledger.h"

GIG_BEGIN_DECLS

/*
 * Reads a period: "YYYY" (a year), "YYYY-QN" (a quarter, N 1..4, q or Q), "YYYY-MM"
 * (a month) or a day ("YYYY-MM-DD", "today", "yesterday", "tomorrow", with `today`
 * anchoring the words).  *start and *end get its first and last day (inclusive).
 */
GIG_API bool gig_period_parse(gig_date *start, gig_date *end, const char *text, gig_date today,
                              GError **error);

/* ---- the report of income and expenses per period (gig report) ------------------- */

typedef enum {
	GIG_PERIOD_MONTH,
	GIG_PERIOD_QUARTER,
	GIG_PERIOD_YEAR,
} gig_period_kind;

typedef enum {
	GIG_REPORT_BY_CATEGORY,
	GIG_REPORT_BY_STREAM,
	GIG_REPORT_BY_PAYEE,
	GIG_REPORT_BY_ACCOUNT,
} gig_report_by;

GIG_API bool gig_report_by_parse(gig_report_by *out, const char *text, GError **error);

typedef struct {
	gig_period_kind period;
	gig_date from; /* GIG_DATE_NONE = the first month with a transaction */
	gig_date to;   /* GIG_DATE_NONE = the last one */
	gig_report_by by;
	int depth;            /* 0 = full names; N >= 1 = hledger's --depth N (below) */
	const char *currency; /* NULL = the ledger's base currency */
} gig_period_options;

#define GIG_PERIOD_OPTIONS_INIT                                                                    \
	((gig_period_options){GIG_PERIOD_MONTH, GIG_DATE_NONE, GIG_DATE_NONE,                      \
	                      GIG_REPORT_BY_CATEGORY, 0, NULL})

/* A figure per period, its total, and its average over the periods (rounded to
 * nearest, halves away from zero). */
typedef struct {
	int64_t *minor; /* n_periods values */
	int64_t total_minor;
	int64_t average_minor;
} gig_period_series;

typedef struct {
	char *name;
	gig_period_series amounts; /* income earned, or money spent: positive normally */
	bool essential;            /* category lines: the category's flags */
	bool deductible;
} gig_period_line;

typedef struct {
	char *category;
	gig_category_kind kind;
	bool percent;             /* a share of the period's income */
	int64_t monthly_minor;    /* !percent: the budget of one month */
	int64_t percent_bp;       /* percent: basis points of income */
	gig_period_series budget; /* per period: monthly x months, or the share of income */
	gig_period_series actual; /* spent (expense) or earned (income) in the category */
} gig_period_budget;

typedef struct {
	char currency[4];
	gig_period_kind period;
	gig_report_by by;
	size_t n_periods;
	gig_date *starts; /* first day of each period */
	gig_date *ends;   /* last day */
	char **labels;    /* "2026-11", "2026-Q4", "2026" */
	size_t n_income;
	gig_period_line *income; /* sorted by name */
	size_t n_expenses;
	gig_period_line *expenses;
	gig_period_series income_total;
	gig_period_series expense_total;
	gig_period_series net;        /* income - expenses */
	gig_period_series essential;  /* spending in essential categories (and uncategorised) */
	gig_period_series deductible; /* spending in deductible categories */
	size_t n_budgets;
	gig_period_budget *budgets; /* every budget, by category name */
	/* accounts in other currencies with transactions in the periods: not in this
	 * report (it never converts), named in the table and in JSON accounts_left_out */
	size_t n_left_out;
	char **left_out_names;          /* account names as stored (outside text) */
	char (*left_out_currencies)[4]; /* their currencies */
} gig_period_report;

GIG_API void gig_period_report_free(gig_period_report *report);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(gig_period_report, gig_period_report_free)

/*
 * Income and expenses per period, from the monthly rollup (one pass over
 * monthly_totals; --by payee reads the transactions of the period).
 *
 * The figures are those of `gig export --format hledger | hledger balance -M`: posted
 * transactions of the currency's accounts, on every date (also after today); pending
 * ones left out; transfer categories are neither income nor expense; an
 * uncategorised row is income when it is money in and an expense otherwise (hledger's
 * income:uncategorised / expenses:uncategorised).  Income is what came in (hledger shows
 * it negated), expenses what went out; a refund in an expense category lowers it.
 * `from` and `to` are widened to whole periods, as hledger does with -M/-Q/-Y.
 *
 * Names: a category "Income: Mixing" is shown as "Mixing" (the section says income),
 * the way the hledger export names it income:Mixing; with `depth` N, names are cut
 * after N - 1 ':'-separated parts (depth 1 leaves one line per section), as hledger's
 * --depth does.  --by stream puts income under its category's stream ("no stream" for
 * the others) and keeps expenses by category; --by account and payee group both
 * sections by the account or payee.  Uncategorised rows are "uncategorised".
 *
 * Essential spending counts uncategorised spending (as the runway report does).
 */
GIG_API bool gig_period_report_build(gig_ledger *ledger, const gig_period_options *opt,
                                     gig_period_report **out, GError **error);

typedef enum {
	GIG_PERIOD_TABLE,
	GIG_PERIOD_CSV,
	GIG_PERIOD_JSON,
	GIG_PERIOD_BUDGET_TABLE, /* budget against actual, one line per period and budget */
} gig_period_format;

/*
 * Writes the report.  The table fits 80 columns: when the periods do not, they are
 * split over pages of as many periods as fit, each page with every line, and Total and
 * Average come as the last columns of the last page.  The JSON keys are listed in
 * docs/json.md (the `gig report` document).  Outside text (names, payees) is escaped
 * in the table and the CSV (gig_text_visible).
 */
GIG_API bool gig_period_report_render(const gig_period_report *report, gig_period_format format,
                                      FILE *out, GError **error);

/* ---- budgets --------------------------------------------------------------------- */

/*
 * A budget for a category (income or expense; not a transfer): either `monthly_minor`
 * (> 0) a month, or `percent_bp` (1..10000) of the month's income, the other 0.
 * Setting a budget again replaces it.  NOT_FOUND for an unknown category,
 * INVALID_INPUT otherwise.
 */
GIG_API bool gig_budget_set(gig_ledger *ledger, const char *category, int64_t monthly_minor,
                            int64_t percent_bp, GError **error);
/* NOT_FOUND when the category has no budget. */
GIG_API bool gig_budget_remove(gig_ledger *ledger, const char *category, GError **error);

typedef struct {
	char *category;
	gig_category_kind kind;
	bool percent;
	int64_t monthly_minor;
	int64_t percent_bp;
} gig_budget;

GIG_API void gig_budget_free(gig_budget *budget);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(gig_budget, gig_budget_free)
/* Every budget, by category name.  (transfer full) GPtrArray of gig_budget*. */
GIG_API bool gig_budgets(gig_ledger *ledger, GPtrArray **out, GError **error);

GIG_END_DECLS

#endif
