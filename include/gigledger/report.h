/*
 * report.h: the runway report, the screen a producer reads on the first of the month.
 *
 * gig_report_build() reads one currency's books out of a ledger as of a given day and
 * turns them into every figure the report shows: liquid cash, the tax still to set
 * aside, the reserve target and the buffer above it, what is safe to spend, a
 * sustainable monthly salary, the runway (deterministic and bootstrapped), a history
 * table, a forecast table with the first "danger month", and the open invoices.  The
 * statistics come from forecast.h; this module only gathers the monthly series (from
 * the monthly_totals rollup, never by rescanning every transaction) and converts the
 * results back into minor units.  gig_report_render() writes the result as a table,
 * CSV, JSON or a self-contained HTML page to a FILE * the caller passes in.
 *
 * Conventions (each is tested):
 *
 *  1. Liquid cash = the balances of the checking, savings, cash and card accounts of
 *     the report currency (card balances are negative when money is owed, so they are
 *     subtracted).  Tax-reserve accounts are counted separately, as money already set
 *     aside for tax.  Pending transactions never count.  Nothing posted after as_of
 *     counts.
 *  2. Income and expenses: transactions in categories of kind 'transfer' are neither.
 *     Income categories add their net amount to income, expense categories their net
 *     outflow to expenses (essential or other, by the category's flag).  Uncategorised
 *     inflows are income of the stream "uncategorised"; uncategorised outflows are
 *     essential expenses until the user categorises them (the conservative reading).
 *     All accounts of the currency count, tax-reserve included (a tax payment from the
 *     reserve is a real expense).
 *  3. A month is complete when it ended before as_of (or as_of is its last day).  The
 *     means ("mean monthly essential expenses", ...) are taken over the last
 *     min(12, available) complete months; the forecast series run from the first month
 *     with a transaction to the last complete month.  The month of as_of, when it is
 *     not complete, appears as a "partial" history row and is left out of every mean.
 *  4. Several currencies are never added together without a rate: a report covers one
 *     currency (the ledger's base currency unless options->currency says otherwise) and
 *     names the others in other_currencies.  The liquid cash of the other currencies'
 *     checking, savings, cash and card accounts, as of as_of, is converted into the
 *     report currency at the nearest rate on or before as_of (rates.h) and added to
 *     cash, so buffer, safe-to-spend, salary and runway include it; each currency is
 *     listed in `foreign` with its own amount, the converted one and the rate and date
 *     used.  A currency without such a rate is left out of cash, with its `missing`
 *     message (the report says so; it never adds the amount unconverted).  The history
 *     rows' income and expenses include the other currencies' accounts, each month
 *     converted at the rate on or before its last day (as_of for as_of's month;
 *     foreign.history_*; a currency lacking a month's rate is left out, with a
 *     warning); balance_minor ends at cash, other currencies included.  Open invoices
 *     and recurring entries in other currencies are converted at as_of's rate and keep
 *     their own amount (receivables[].currency, own_open_minor); those without a rate
 *     are listed in fx_left_out.  Foreign tax-reserve accounts are not converted.
 *  5. Money is int64_t minor units everywhere except inside forecast.h calls.  Results
 *     come back conservatively: salaries are rounded down, reserve targets and tax
 *     set-asides up.
 *  6. A runway that does not run out (income covers expenses, or a bootstrap quantile
 *     that reaches the simulation horizon) is INFINITY here and null plus a flag in
 *     JSON, never a large number.
 *
 * Definitions of the headline figures:
 *
 *   tax_owed      = max(0, estimated tax of the tax year so far - tax paid for that year
 *                   - tax-reserve balance) (tax.h: gig_tax_year_build).  The tax year is
 *                   the one holding as_of in the jurisdiction's calendar (1 January, or
 *                   6 April for the UK); its profit is income minus deductible expenses
 *                   from its first day to as_of; tax paid for it is the outflows in the
 *                   category "Taxes" that the profile attributes to it (a US January
 *                   installment is for the year before).  The estimate comes from the
 *                   tax profile (flat: tax.rate or tax_rate_bp, 25 % by default).
 *   buffer        = cash - tax_owed.
 *   reserve       = ceil(max(M x mean essential expenses, CFaR90)), forecast.h's rule.
 *   safe_to_spend = cash - tax_owed - reserve - recurring bills due from as_of up to the
 *                   next expected income (the earliest expected date of an open invoice;
 *                   without one, the end of the month after as_of).  May be negative.
 *   salary        = floor(max(0, buffer - reserve + forecast_income_12 -
 *                   forecast_expense_12) / 12), gig_forecast_salary's rule; the two
 *                   12-month totals are sums of the exact monthly projections, each
 *                   rounded once (income down, expenses up), not sums of rounded months.
 *   runway        = every figure of `runway` (the three deterministic ones, P10/P50/P90
 *                   and the chances of running out) starts from the buffer, not from
 *                   cash: the tax owed is not the producer's to live on.  A buffer
 *                   below 0 is a runway of 0 on every figure (paths start ruined).
 *                   `runway_cash` holds the same figures from cash alone, the
 *                   secondary "on cash alone" line.  zero_income_months = start / mean
 *                   essential, current_spend_months = start / mean expenses,
 *                   forecast_months = start / ((forecast_expense_12 -
 *                   forecast_income_12) / 12), in fractional months.
 *   danger month  = the first forecast month whose projected end balance is below the
 *                   reserve target.
 *
 * Tax due dates: the payments of the tax profile's plan (tax.h gig_tax_year_plan) that
 * fall after as_of inside the forecast window are bills named "tax YEAR: WHAT" (last
 * year's still due, this year's still due after what was paid for it, next year's
 * prepayments on a year like this one), so they show in BILLS and among the danger
 * month's causes.  The flat profile has no due dates.
 *
 * The forecast table: a month's projected income is the larger of the method's income
 * forecast and the open invoices expected that month (invoices are the known part of
 * the income forecast, so the two are not added); its projected expenses are the larger
 * of the mean monthly expenses and the recurring bills due that month.  An invoice is
 * expected on its due date shifted by its client's mean lateness (days from due_on to
 * the last linked payment, over the client's invoices paid by as_of); invoices already
 * overdue at as_of and invoices expected before the first forecast month land in the
 * first forecast month.  An invoice still open more than GIG_REPORT_DOUBTFUL_DAYS after
 * its expected date is doubtful: it is listed with the receivables (flagged) but not
 * projected as income, not taken as the next expected income and not counted in the
 * forecast table's INVOICES column.
 *
 * Royalties (royalty.h): each payer's balance owed (earned less recouped advances less
 * linked payouts) is paid on the payer's calendar (options->payers): the payouts from
 * as_of + 1 to the end of the forecast window (gig_royalty_schedule: a payable part
 * under the minimum rolls over to the next payout date) are added to that month's
 * projected income (royalties_minor), and the collaborators' shares in them (splits)
 * to its expenses (payables_minor).  The income method is fitted to the income WITHOUT
 * the royalty payouts already linked to a payer (and they are never windfalls), so
 * what the pipeline projects is not also in the fitted line: removing every statement
 * leaves the smoothed income as it was.  The bootstrap still resamples the months as
 * they were.  A royalty payout counts as the next expected income.
 *
 * Windfalls: the income payments are the posted positive transactions that the
 * report counts as income (income categories and uncategorised inflows, every account
 * of the currency) in the complete months of the forecast series.  The median payment
 * is the median of the payments that settle logged gigs when there are at least
 * GIG_REPORT_MIN_INVOICE_PAYMENTS of them (a typical fee, not diluted by royalty
 * statements and interest), else of all income payments.  A payment larger
 * than GIG_WINDFALL_FACTOR (5) x that median is a windfall: it is
 * taken out of its month's income before the method is chosen and fitted, and out of
 * the net flow the bootstrap resamples, so it lands in the buffer instead of the
 * forecast.  The month's income in the table still shows it (marked W); the means, the
 * reserve multiple and the tax figure keep it, since the money did arrive.  Removing a
 * windfall never takes a month's forecast income below zero (a refund of the same
 * payment cannot double-count).
 *
 * Errors raised: INVALID_INPUT (as_of missing, months or ahead out of range, a bad
 * currency code), NOT_FOUND (a currency no account uses), DB_* and IO (writing).
 *
 * Ownership: gig_report_build() returns a report the caller frees with
 * gig_report_free() (NULL is a no-op); every string and array in it belongs to it.
 */
#ifndef GIGLEDGER_REPORT_H
#define GIGLEDGER_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "gigledger/date.h"
#include "gigledger/error.h"
#include "gigledger/ledger.h"
#include "gigledger/tax.h"

GIG_BEGIN_DECLS

/* ---- options ----------------------------------------------------------------------- */

#define GIG_REPORT_OPTIONS_VERSION 1
#define GIG_REPORT_MONTHS_MAX 600
#define GIG_REPORT_AHEAD_MAX 60
/* days past the expected payment date after which an open invoice is doubtful */
#define GIG_REPORT_DOUBTFUL_DAYS 90
/* Gig payments needed before the windfall median is taken over them alone. */
#define GIG_REPORT_MIN_INVOICE_PAYMENTS 5

typedef struct {
	unsigned int version; /* GIG_REPORT_OPTIONS_VERSION */
	gig_date as_of;       /* required: the library never reads the clock */
	int months;           /* history rows shown, 1..GIG_REPORT_MONTHS_MAX (12) */
	int ahead;            /* forecast rows, 1..GIG_REPORT_AHEAD_MAX (6) */
	const char *currency; /* NULL = the ledger's base currency */
	uint64_t seed;        /* bootstrap seed (forecast.h's default) */
	/* What-if SPECs (scenario.h) to run beside the base on the same paths, and the
	   scenario's name for the output (NULL: unnamed).  n_what_if = 0: none. */
	const char *const *what_if;
	size_t n_what_if;
	const char *scenario_name;
	/* the tax jurisdiction (tax.h); NULL = the ledger's settings, which then must name
	 * the built-in flat profile (the caller loads file profiles from its directories) */
	const struct gig_tax_profile *tax_profile;
	/* payer calendars (royalty.h: GPtrArray of gig_payer_calendar), for the royalties
	 * expected; NULL: royalties owed are listed without a date, never projected */
	const GPtrArray *payers;
} gig_report_options;

#define GIG_REPORT_OPTIONS_INIT                                                                    \
	((gig_report_options){GIG_REPORT_OPTIONS_VERSION, INT32_MIN, 12, 6, NULL,                  \
	                      UINT64_C(20240601), NULL, 0, NULL, NULL, NULL})

/* ---- the report -------------------------------------------------------------------- */

/* A named amount: an income stream, a cause of the danger month. */
typedef struct {
	char *name;
	int64_t minor;
} gig_report_item;

typedef struct {
	int month;               /* month index (gig_date_month_index) */
	bool forecast;           /* a projected month */
	bool partial;            /* the month of as_of, counted up to as_of */
	bool windfall;           /* holds a payment over 5x the median payment (see above) */
	int64_t income_minor;    /* >= 0 except after refunds of income */
	int64_t essential_minor; /* expenses, as a positive amount */
	int64_t other_minor;
	int64_t expense_minor; /* essential + other */
	int64_t net_minor;     /* income - expense */
	int64_t balance_minor; /* liquid cash at month end (as_of for the partial month);
				    projected for forecast months */
	bool has_smoothed;
	int64_t smoothed_income_minor; /* the chosen method's fitted value, or its forecast */
	/* history months: income by stream, largest first */
	size_t n_streams;
	gig_report_item *streams;
	/* forecast months */
	int64_t receivables_minor; /* open invoices expected this month */
	int64_t bills_minor;       /* recurring bills due this month (positive) */
	int64_t royalties_minor;   /* royalty payouts expected this month (added to income) */
	int64_t payables_minor;    /* collaborators' shares owed out this month (added to
	                              expenses; positive) */
	/* The balance band: P10 (rounded down), P50 and P90 (rounded up) of the simulated
	   balance at the end of the month, from cash, over the paths of the runway
	   simulation (gig_runway_balance_band); the projected balance itself when there is
	   no complete month to simulate. */
	int64_t band_low_minor;
	int64_t band_high_minor;
	/* history months: the windfall payments taken out of the forecast series */
	int64_t windfall_minor;
	int64_t band_median_minor; /* forecast months: the band's P50 */
} gig_report_month;

typedef struct {
	int64_t gig_id;
	char *client;
	char *description;
	int64_t open_minor; /* amount minus payments posted by as_of */
	gig_date invoiced_on;
	gig_date due_on;      /* GIG_DATE_NONE when unknown */
	gig_date expected_on; /* due_on + the client's mean lateness */
	int days_outstanding; /* as_of - invoiced_on */
	int days_overdue;     /* as_of - due_on when overdue, else 0 */
	bool overdue;
	bool has_lateness; /* the client has paid invoices to learn from */
	double client_lateness_days;
	int days_past_expected; /* as_of - expected_on when past, else 0 */
	bool doubtful;          /* days_past_expected > GIG_REPORT_DOUBTFUL_DAYS: not projected */
	int64_t payable_minor;  /* collaborators' shares of open_minor (a split of the gig),
	                           owed out in the month the invoice is expected */
	/* an invoice in another currency: open_minor is converted at the nearest rate on
	 * or before as_of (convention 4); own_open_minor is in `currency` */
	char currency[4];       /* the invoice's */
	int64_t own_open_minor; /* = open_minor in the report currency */
	gig_date rate_on;       /* the rate's date; GIG_DATE_NONE when not converted */
} gig_report_receivable;

/*
 * A royalty payout expected (royalty.h): a payer's balance owed, paid on the payer's
 * calendar (a part under its minimum rolls over), one row per payout inside the
 * forecast window, and one row without a date for what is owed but not paid inside
 * it (no calendar, the lag, the minimum).
 */
typedef struct {
	char *payer;
	gig_date expected_on;  /* GIG_DATE_NONE: not inside the window */
	int64_t amount_minor;  /* what the payer pays */
	int64_t payable_minor; /* of it, the collaborators' shares (splits): owed out */
} gig_report_royalty;

/* An advance not yet recouped (royalty.h): nothing of the payer flows until then. */
typedef struct {
	char *payer;
	int64_t advance_minor, unrecouped_minor;
	int64_t rate_minor; /* mean monthly earnings since the advance; 0: unknown */
	int recoup_month;   /* month index recouped at that rate; -1: unknown */
} gig_report_advance;

/* The liquid cash of one other currency, converted into the report currency (rates.h). */
typedef struct {
	char currency[4];
	int exponent;
	int64_t cash_minor;      /* in its own currency, as of as_of */
	bool converted;          /* false: no rate; left out of cash */
	int64_t converted_minor; /* in the report currency (0 when not converted) */
	gig_date rate_on;        /* date of the rate used; GIG_DATE_NONE without one */
	char *rate;              /* the rate used, in words (gig_conversion_describe), or NULL */
	char *missing;           /* why it was not converted, or NULL */
	/* its accounts' income and expenses: in the history months (and so the
	 * forecast), each month converted at the rate on or before the month's last day
	 * (as_of for as_of's month), unless a month has no rate; then all are left out */
	bool history;             /* it has income or expenses up to as_of */
	bool history_converted;   /* they are in the months */
	gig_date history_rate_on; /* the oldest rate used; GIG_DATE_NONE without */
	char *history_missing;    /* why they were left out, or NULL */
} gig_report_foreign;

/* A recurring bill occurrence inside the forecast window. */
typedef struct {
	char *name;
	gig_date on;
	int64_t amount_minor;     /* negative for bills, positive for recurring income */
	char currency[4];         /* its account's; converted at as_of's rate when not the
	                           * report's (convention 4) */
	int64_t own_amount_minor; /* in `currency` */
} gig_report_bill;

typedef struct {
	/* months; INFINITY = does not run out */
	double zero_income_months;
	double current_spend_months;
	double forecast_months;
	bool bootstrap;       /* false when there is no complete month to resample */
	double p10, p50, p90; /* INFINITY when the quantile reaches the horizon */
	double prob_ruin_3, prob_ruin_6, prob_ruin_12;
	uint32_t paths, block, horizon;
	double cfar90;
} gig_report_runway;

typedef struct {
	char currency[4];
	int exponent;
	gig_date as_of;

	/* headline */
	int64_t cash_minor;
	int64_t tax_reserve_minor; /* balance of the tax-reserve accounts */
	int64_t tax_owed_minor;
	int64_t reserve_target_minor;
	int64_t buffer_minor;
	int64_t reserve_gap_minor; /* reserve target - buffer (> 0: short) */
	int64_t safe_to_spend_minor;
	int64_t salary_minor;
	int64_t salary_risk_minor; /* risk-aware variant (P(ruin in 12 mo) <= 10 %) */
	int64_t bills_before_income_minor;
	gig_date next_income_on;       /* GIG_DATE_NONE: no open invoice */
	gig_report_runway runway;      /* from buffer_minor (cash - tax owed): the headline */
	gig_report_runway runway_cash; /* the same figures from cash_minor alone */

	/* method */
	char method_name[32];
	char method_rule[24]; /* "rmsse", "sbc", "single_value", ... */
	double method_error;  /* RMSSE (or RMSE) of the choice; NAN when no backtest decided
	                         it (rules sbc, fallback, single_value, zero_income) */

	/* the working of the reserve, tax and salary (for `gig reserve`) */
	size_t complete_months;    /* complete months available */
	size_t window_months;      /* months in the means: min(12, complete_months) */
	int64_t mean_income_minor; /* means over the window (rounded to nearest) */
	int64_t mean_essential_minor;
	int64_t mean_expense_minor;
	double income_cv;                /* sample sd / mean of window income; NAN if undefined */
	double reserve_multiple;         /* M */
	bool reserve_multiple_set;       /* M is the reserve_multiple setting, not the rule */
	double windfall_factor;          /* the windfall_factor setting (default 5) */
	int64_t reserve_essential_minor; /* M x mean essential, rounded up */
	int64_t cfar90_minor;
	int64_t tax_rate_bp;               /* flat profile: its rate; otherwise the marginal rate */
	int last_tax_month;                /* month index, -1 if no tax payment was found */
	int64_t income_since_tax_minor;    /* income of the tax year up to as_of */
	int64_t forecast_income_12_minor;  /* sum of the next 12 months' exact projections,
	                                     rounded once, down */
	int64_t forecast_expense_12_minor; /* the same for expenses, rounded once, up */
	size_t windfalls;                  /* windfall payments */
	int64_t windfall_total_minor;      /* their sum, left out of the forecast */
	size_t windfall_months;            /* months holding one or more of them */
	size_t income_payments;            /* payments the median is taken over */
	int64_t median_payment_minor;      /* rounded to nearest; 0 without payments */
	size_t doubtful_invoices;          /* open invoices left out of the projection */
	int64_t doubtful_minor;            /* their open amount */
	bool median_over_invoices;         /* the median is over gig payments (see Windfalls) */
	uint64_t seed;

	/* tables (history rows first, then forecast rows) */
	size_t n_months;
	size_t n_history;
	gig_report_month *months;
	int danger_month; /* month index, -1 if none */
	size_t n_danger_items;
	gig_report_item *danger_items; /* what the danger month's balance is made of */
	size_t n_receivables;
	gig_report_receivable *receivables;
	size_t n_bills;
	gig_report_bill *bills;
	/* income by stream over the window, largest first */
	size_t n_streams;
	gig_report_item *streams;
	/* other currencies that have accounts */
	size_t n_other_currencies;
	char (*other_currencies)[4];
	/* open invoices and recurring entries in other currencies left out for want of a
	 * rate on or before as_of: one sentence each, naming the amount and the rate to
	 * import (never added unconverted) */
	size_t n_fx_left_out;
	char **fx_left_out;
	bool empty; /* no transaction at all in this currency */

	/*
	 * The what-if scenario (options what_if), when there is one: its name, its SPECs
	 * as given, and the simulated runway from the buffer over the same paths as
	 * runway (common random numbers: the difference is the scenario's alone).  Only
	 * p10/p50/p90 and prob_ruin_* are filled (the other figures are NAN), and only
	 * when runway.bootstrap is true.
	 */
	bool has_scenario;
	char *scenario_name; /* NULL when unnamed */
	size_t n_scenario_specs;
	char **scenario_specs;
	gig_report_runway scenario_runway;
	/* balances the bank stated (reconcile.h) in this currency, up to as_of, that the
	 * ledger does not meet, and a warning line naming the latest of them (NULL
	 * when every one holds); shown by every format */
	size_t failed_assertions;
	char *assertion_warning;

	/* the tax year behind tax_owed (tax.h) */
	char tax_profile[64];
	int tax_year;
	gig_date tax_year_start;
	int64_t tax_deductible_minor;
	int64_t tax_profit_minor;
	int64_t tax_estimate_minor; /* income tax + social + surcharge */
	int64_t tax_income_tax_minor;
	int64_t tax_social_minor;
	int64_t tax_surcharge_minor;
	int64_t tax_paid_minor; /* paid for tax_year */
	int64_t tax_marginal_ppm;

	/* other currencies' liquid cash, converted (convention 4); its sum is in cash_minor */
	size_t n_foreign;
	gig_report_foreign *foreign;
	int64_t foreign_cash_minor; /* the converted part of cash_minor */
	size_t foreign_missing;     /* currencies left out for want of a rate */

	/* royalties (royalty.h): the payouts expected, what is owed beyond them, the
	 * royalty payouts taken out of the income the method is fitted to, advances */
	size_t n_royalties;
	gig_report_royalty *royalties;
	int64_t royalties_owed_minor;       /* every payer's balance owed in this currency */
	int64_t royalties_expected_minor;   /* of it, expected inside the forecast window */
	int64_t royalties_fitted_out_minor; /* payouts left out of the fitted series */
	size_t n_advances;
	gig_report_advance *advances;
} gig_report;

/*
 * Builds the report for options->currency as of options->as_of.  Reads only; never
 * writes the ledger.  Returns false with INVALID_INPUT for bad options, NOT_FOUND for a
 * currency no account uses (unless the ledger has no account at all), or a DB_* error.
 */
GIG_API bool gig_report_build(gig_ledger *ledger, const gig_report_options *options,
                              gig_report **out, GError **error);

GIG_API void gig_report_free(gig_report *report);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(gig_report, gig_report_free)

/* ---- rendering --------------------------------------------------------------------- */

typedef enum {
	GIG_REPORT_TABLE, /* fits 80 columns; ANSI colour only when asked */
	GIG_REPORT_CSV,   /* RFC 4180, one row per month, decimal amounts with '.' */
	GIG_REPORT_JSON,  /* the stable document described below */
	GIG_REPORT_HTML,  /* one self-contained page with an inline SVG chart */
} gig_report_format;

/* "table", "csv", "json", "html"; false with INVALID_INPUT otherwise. */
GIG_API bool gig_report_format_parse(gig_report_format *out, const char *text, GError **error);

/*
 * Writes the report.  IO when writing fails.
 *
 * JSON (stable; amounts are integers in minor units, months "YYYY-MM", dates ISO):
 *   as_of, currency, exponent, cash_minor, tax_reserve_minor, tax_owed_minor,
 *   tax {profile, year, year_start, income_minor, deductible_minor, profit_minor,
 *     estimate_minor, income_tax_minor, social_minor, surcharge_minor, paid_minor,
 *     marginal_ppm} (the tax year behind tax_owed_minor),
 *   reserve_target_minor, buffer_minor, reserve_gap_minor, safe_to_spend_minor,
 *   salary_minor, salary_risk_minor, bills_before_income_minor, next_income_on|null,
 *   failed_assertions, assertion_warning|null,
 *   runway {zero_income_months, current_spend_months, forecast_months, p10, p50, p90,
 *     prob_ruin_3, prob_ruin_6, prob_ruin_12 (numbers or null), never_runs_out {same
 *     keys as the month figures: true when the figure is null because the money does not
 *     run out}, bootstrap (bool), paths, block, horizon_months} (from buffer_minor),
 *   runway_cash {the same keys as runway, from cash_minor alone},
 *   scenario {name (null for --what-if alone), specs [SPEC...], runway {the keys of runway, from buffer_minor;
 *     only p10, p50, p90 and prob_ruin_* are figures}} (only with what-if SPECs),
 *   method {name, rule, rmsse (null when no backtest decided the method: the rule then
 *     says which rule did), note (the same in words)}, danger_month ("YYYY-MM"|null),
 *   danger {month, balance_minor, reserve_target_minor, items [{what, amount_minor}]}|null,
 *   months [{month, income_minor, expense_minor, essential_minor, other_minor,
 *     net_minor, balance_minor, smoothed_income_minor|null, forecast, partial, windfall,
 *     windfall_minor, income_by_stream {stream: minor}, and for forecast months
 *     receivables_minor, royalties_minor, payables_minor,
 *     bills_minor, band_low_minor, band_median_minor, band_high_minor}],
 *   receivables [{gig_id, client, description, open_minor, invoiced_on, due_on,
 *     expected_on, days_outstanding, days_overdue, overdue, client_lateness_days|null,
 *     days_past_expected, doubtful, payable_minor, currency, own_open_minor,
 *     rate_date|null}],
 *   royalties {owed_minor, expected_minor, left_out_of_fit_minor, payouts [{payer,
 *     expected_on|null, amount_minor, payable_minor}], advances [{payer, advance_minor,
 *     unrecouped_minor, monthly_earnings_minor, recoup_month|null}]},
 *   bills [{name, on, amount_minor, currency, own_amount_minor}],
 *   fx_left_out [sentence], income_by_stream [{stream, amount_minor}],
 *   other_currencies [...], foreign_cash_minor, foreign_cash [{currency, exponent,
 *     cash_minor, converted, converted_minor|null, rate_date|null, rate|null,
 *     warning|null, history_converted, history_rate_date|null, history_warning|null}], assumptions {method, rmsse (as in method), history_months,
 *     window_months, tax_rate_bp, reserve_multiple, reserve_rule, windfalls (payments),
 *     windfalls_excluded_minor, seed, mean_income_minor, mean_essential_minor,
 *     mean_expense_minor, cfar90_minor, windfall_months, income_payments,
 *     median_payment_minor, windfall_threshold_minor, doubtful_invoices,
 *     doubtful_excluded_minor, doubtful_after_days, exchange_rates [{currency,
 *     rate|null, rate_date|null, missing|null}]}.
 */
GIG_API bool gig_report_render(const gig_report *report, gig_report_format format, bool color,
                               FILE *out, GError **error);

/*
 * Writes the step-by-step working of the reserve target, the tax set-aside and the
 * salary with the report's own numbers (what `gig reserve` prints).  IO on failure.
 */
GIG_API bool gig_report_explain_reserve(const gig_report *report, FILE *out, GError **error);

GIG_END_DECLS

#endif
