/*
 * report_internal.h (private): what the report files pass between them.
 *
 * report_data.c reads the ledger into a gig__report_raw (plain sums per calendar month,
 * the single income payments, the open invoices, the recurring bills); report_compute.c turns that into a
 * gig_report with forecast.h; report_render.c and report_html.c write it out.
 */
#ifndef GIG_REPORT_INTERNAL_H
#define GIG_REPORT_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>

#include "gigledger/forecast.h"
#include "gigledger/report.h"

/* One calendar month of one currency, from the monthly_totals rollup. */
typedef struct {
	int64_t income;
	int64_t essential;      /* positive */
	int64_t other;          /* positive */
	int64_t liquid;         /* change of liquid cash, transfers included */
	int64_t foreign_liquid; /* the same of other currencies' accounts, converted
	                         * (shown in the balance history, never added to cash) */
	int64_t reserve;        /* change of the tax-reserve accounts */
	int64_t tax_paid;       /* outflow in the "Taxes" category (positive) */
	int64_t royalty;        /* royalty payouts (linked to a payer) counted in income */
	GArray *streams;        /* gig_report_item, name owned */
} gig__raw_month;

/* One income payment (a posted inflow the report counts as income). */
typedef struct {
	int month; /* month index */
	int64_t amount;
} gig__raw_payment;

/* Another currency's income and expense history, converted month by month. */
typedef struct {
	char currency[4];
	bool months;      /* it has flows up to as_of */
	gig_date rate_on; /* the oldest rate used; GIG_DATE_NONE without */
	char *missing;    /* why it was left out (no rate for a month), or NULL */
} gig__raw_history;

typedef struct {
	char currency[4];
	int exponent;
	gig_date as_of;
	int as_of_month;
	int first_month; /* first month with a transaction; -1 when none */
	size_t n;        /* months first_month..as_of_month (0 when none) */
	gig__raw_month *months;
	int64_t liquid_opening; /* opening balances counted at as_of */
	int64_t reserve_opening;
	int64_t tax_rate_bp;
	double windfall_factor;  /* the windfall_factor setting (config.h) */
	double reserve_multiple; /* the reserve_multiple setting; 0 = the rule */
	gig_tax_profile tax_profile;
	gig_tax_year tax;         /* the tax year holding as_of */
	GArray *receivables;      /* gig_report_receivable, strings owned */
	GArray *bills;            /* gig_report_bill up to the end of the forecast window */
	GArray *currencies;       /* char[4] of the other currencies */
	GArray *payments;         /* gig__raw_payment from first_month up to as_of, for windfalls */
	GArray *invoice_payments; /* the subset that settles logged gigs (the typical fee) */
	GArray *foreign;          /* gig_report_foreign of the other currencies, strings owned */
	GArray *royalties;        /* gig_report_royalty, payer owned */
	GArray *advances;         /* gig_report_advance, payer owned */
	GArray *histories;        /* gig__raw_history of the other currencies, strings owned */
	GPtrArray *left_out;      /* char *: items of other currencies without a rate */
} gig__report_raw;

/* Reads everything the report needs; `ahead` bounds the recurring bills expanded. */
bool gig__report_gather(gig_ledger *ledger, const gig_report_options *opt, gig__report_raw *out,
                        GError **error);
void gig__report_raw_clear(gig__report_raw *raw);

/*
 * The what-if scenario of opt->what_if over the n complete months (income, expense and
 * net as the bootstrap sees them), from @start, on the paths of @ropt: fills
 * r->has_scenario, scenario_name, scenario_specs and scenario_runway.  INVALID_INPUT
 * for a bad SPEC, a month in the past or past the horizon, an unknown stream.
 */
bool gig__report_scenario(const gig__report_raw *raw, size_t n, const double *income,
                          const double *expense, const double *net, double start,
                          const gig_runway_options *ropt, const gig_report_options *opt,
                          gig_report *r, GError **error);

/*
 * The royalties in `currency` (royalty_balance.c): appends to `royalties` the payouts
 * the payers are expected to make from `from` to `until` on their calendars in
 * `payers` (may be NULL), and for each payer a row without a date for what is owed
 * beyond them; to `advances` each payer's unrecouped advances.  A payer in another
 * currency is converted at the rate on or before `rate_on`; without one it is left
 * out and a sentence naming it goes to `left_out` (may be NULL).
 */
bool gig__royalty_expected(gig_ledger *ledger, const GPtrArray *payers, const char *currency,
                           gig_date from, gig_date until, gig_date rate_on, GArray *royalties,
                           GArray *advances, GPtrArray *left_out, GError **error);

/* Builds the figures; cannot fail except on an allocation the bootstrap makes. */
bool gig__report_compute(const gig__report_raw *raw, const gig_report_options *opt, gig_report *out,
                         GError **error);

/* Renderers (report_render.c, report_html.c). */
bool gig__report_table(const gig_report *r, bool color, FILE *out);
bool gig__report_csv(const gig_report *r, FILE *out);
bool gig__report_json(const gig_report *r, FILE *out);
bool gig__report_html(const gig_report *r, FILE *out);

/* Shared formatting helpers. */
/* "1,234.50" (grouped) or "1234.50". */
char *gig__report_money(char buf[GIG_MONEY_BUFSZ], const gig_report *r, int64_t minor, bool group);
/*
 * How the income method was chosen, in words: "chosen by rmsse, error 0.412" after a
 * backtest, "no backtest: SBC rule, 5 months" otherwise.  Returns buf.
 */
char *gig__report_method_note(char *buf, size_t len, const gig_report *r);
/* Conservative conversions of a forecast.h double back to minor units. */
int64_t gig__report_floor(double v);
int64_t gig__report_ceil(double v);
int64_t gig__report_round(double v);

/* The tax profile's name for a text or HTML line: its own name when it is a plain
 * file name (letters, digits, '.', '_', '-'), else "custom", so that nothing from a
 * user's profile file reaches a terminal or a page unescaped. */
static inline const char *
gig__report_tax_profile_name(const gig_report *r)
{
	if (r->tax_profile[0] == '\0')
		return "flat";
	for (const char *p = r->tax_profile; *p; p++)
		if (!g_ascii_isalnum(*p) && *p != '.' && *p != '_' && *p != '-')
			return "custom";
	return r->tax_profile;
}

#endif
