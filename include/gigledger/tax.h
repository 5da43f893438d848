/*
 * tax.h: estimated income tax and social contributions of a freelancer's year, for
 * planning (these are estimates, not tax advice).
 *
 * Three layers:
 *
 *  1. A jurisdiction profile (gig_tax_profile), read from a GLib key file
 *     tax/NAME.ini by gig_tax_profile_load(): the income tax schedule (a flat rate,
 *     marginal brackets, or § 32a EStG-style polynomial zones), a standard deduction,
 *     a personal allowance with a taper, a social contribution on profit (US
 *     self-employment tax, UK Class 4 NI), a surcharge on the income tax (German
 *     Solidaritätszuschlag) and the payment rules (due dates, safe harbour, payments
 *     on account).  Every figure in a shipped file names its source.
 *  2. The pure engine (no I/O, no SQL, no floating point): gig_tax_estimate() turns a
 *     year's profit into the estimated tax with its parts and marginal rate, and the
 *     schedule functions turn estimates into due dates with amounts.  Money is int64_t
 *     minor units; rates are parts per million (ppm: 25 % = 250000).
 *  3. The tax year of a ledger, gig_tax_year_build(): income, deductible expenses,
 *     tax paid for the year and the tax reserve, read from the ledger.
 *
 * Rounding: bracket sums are exact in millionths of a minor unit and rounded half up
 * once at the end; a flat rate is rounded up (the report's conservative rule); zone
 * schedules with whole_units (§ 32a) round the taxable income and the tax down to
 * whole currency units, the statute's rule, and truncate Horner's intermediate
 * products to three decimals as § 32a Abs. 1 S. 6 prescribes.
 */
#ifndef GIGLEDGER_TAX_H
#define GIGLEDGER_TAX_H

#include <stdbool.h>
#include <stdint.h>

#include "gigledger/date.h"
#include "gigledger/error.h"
#include "gigledger/ledger.h"

GIG_BEGIN_DECLS

#define GIG_TAX_MAX_BRACKETS 16
#define GIG_TAX_MAX_ZONES 8
#define GIG_TAX_MAX_DUE 8
#define GIG_TAX_PPM 1000000

/* A marginal bracket: rate_ppm applies to the part of the base above from_minor. */
typedef struct {
	int64_t from_minor;
	int64_t rate_ppm;
} gig_tax_bracket;

/*
 * A polynomial zone from from_minor up to the next zone: with y = (x - offset) / scale
 * (x the taxable income in whole units when whole_units, else in major units),
 * tax = (a * y + b) * y + c.  Coefficients are in millionths (914.51 = 914510000).
 */
typedef struct {
	int64_t from_minor;
	int64_t offset_minor;
	int64_t scale_minor; /* > 0 */
	int64_t a_micro, b_micro, c_micro;
} gig_tax_zone;

typedef enum {
	GIG_TAX_SCHEDULE_FLAT,
	GIG_TAX_SCHEDULE_BRACKETS,
	GIG_TAX_SCHEDULE_ZONES,
} gig_tax_schedule;

typedef enum {
	GIG_TAX_PAY_NONE,      /* no prepayments: the bill at the first due date after the year */
	GIG_TAX_PAY_QUARTERLY, /* equal quarters of last year's tax (DE Vorauszahlungen) */
	GIG_TAX_PAY_US,        /* estimated tax: regular and annualised installments */
	GIG_TAX_PAY_UK,        /* payments on account + balancing payment */
} gig_tax_pay_rule;

/* A due date: month/day in the calendar year of the tax year's start + year_offset. */
typedef struct {
	int month, day, year_offset;
} gig_tax_due;

typedef struct gig_tax_profile {
	char name[64];
	char title[128];
	char currency[4]; /* "" = any currency (flat) */
	int year_start_month, year_start_day;
	/* tax payments made from the year's start up to this day (month 0 = none) are for
	 * the previous tax year (the US January installment, the UK July payment on
	 * account) */
	int prior_until_month, prior_until_day;

	gig_tax_schedule schedule;
	int64_t flat_ppm;
	int64_t deduction_minor;  /* standard deduction, subtracted from profit */
	int64_t allowance_minor;  /* personal allowance, subtracted after the deduction */
	int64_t taper_from_minor; /* the allowance shrinks above this profit ... */
	int64_t taper_ppm;        /* ... by this share of the excess (UK: 500000) */
	size_t n_brackets;
	gig_tax_bracket brackets[GIG_TAX_MAX_BRACKETS];
	size_t n_zones;
	gig_tax_zone zones[GIG_TAX_MAX_ZONES];
	bool whole_units;

	/* a social contribution on profit x base_ppm, by marginal brackets */
	char social_name[48];
	int64_t social_base_ppm;
	int64_t social_min_minor; /* none when the base is below this (US: 400.00) */
	size_t n_social;
	gig_tax_bracket social[GIG_TAX_MAX_BRACKETS];
	int64_t social_deductible_ppm; /* share deductible from income (US: 500000) */

	/* a surcharge on the income tax, none up to exempt_minor of income tax, at most
	 * taper_ppm x (income tax - exempt) (the Soli's Milderungszone) */
	char surcharge_name[48];
	int64_t surcharge_ppm;
	int64_t surcharge_exempt_minor;
	int64_t surcharge_taper_ppm; /* 0 = no cap */

	gig_tax_pay_rule pay_rule;
	size_t n_due;
	gig_tax_due due[GIG_TAX_MAX_DUE];
	int64_t safe_last_ppm;       /* US: 100 % of last year's tax ... */
	int64_t safe_high_ppm;       /* ... 110 % when last year's AGI was over ... */
	int64_t safe_high_agi_minor; /* ... this */
	int64_t safe_current_ppm;    /* or 90 % of this year's */
	int64_t poa_ppm;             /* UK: each payment on account, of last year's bill */
	int64_t poa_threshold_minor; /* UK: none when last year's bill was under this;
	                                 DE: no Vorauszahlungen under this a year */
} gig_tax_profile;

/* The estimate of one year's profit. */
typedef struct {
	int64_t profit_minor;
	int64_t deduction_minor; /* standard deduction + the deductible share of social */
	int64_t allowance_minor; /* personal allowance after the taper */
	int64_t taxable_minor;
	int64_t income_tax_minor;
	int64_t social_minor;
	int64_t surcharge_minor;
	int64_t total_minor;
	int64_t marginal_ppm; /* extra tax on the next 100.00 of profit, in ppm */
} gig_tax_estimate;

/* The flat profile at rate_ppm: a calendar year, no deductions, no payment rule. */
GIG_API void gig_tax_profile_flat(gig_tax_profile *out, int64_t rate_ppm);

/*
 * Reads and checks one profile file.  INVALID_INPUT names the file, group and key
 * ("tax/uk-2026.ini: [income_tax] brackets: ..."); an unknown group or key, a negative
 * rate, brackets out of order and bad dates are refused.  IO when it cannot be read.
 */
GIG_API bool gig_tax_profile_load_file(gig_tax_profile *out, const char *path, GError **error);

/*
 * Finds NAME.ini in the first directory of `dirs` (NULL-terminated) that has it, so a
 * user's directory listed first overrides the shipped files.  "flat" needs no file.
 * NOT_FOUND when no directory has it, INVALID_INPUT for a name that is not
 * [a-z0-9-]+.
 */
GIG_API bool gig_tax_profile_load(gig_tax_profile *out, const char *name, const char *const *dirs,
                                  GError **error);

/*
 * The profile the ledger's settings choose: tax.profile (default "flat"), looked up
 * in dirs; for the profile "flat", the rate is tax.rate (a percentage, "25" or
 * "27.5"), else the older tax_rate_bp (basis points), else flat.ini's (25 %).  INVALID_INPUT for a bad setting.
 */
GIG_API bool gig_tax_profile_from_settings(gig_tax_profile *out, gig_ledger *ledger,
                                           const char *const *dirs, GError **error);

/* Pure: the estimated tax on a year's profit (a loss is taxed as 0). */
GIG_API void gig_tax_estimate_compute(const gig_tax_profile *p, int64_t profit_minor,
                                      gig_tax_estimate *out);
/* Pure: just the total. */
GIG_API int64_t gig_tax_total(const gig_tax_profile *p, int64_t profit_minor);

/* The first day of the tax year `year` (the calendar year it starts in) and the first
 * day of the next; the tax year holding a date. */
GIG_API gig_date gig_tax_year_start(const gig_tax_profile *p, int year);
GIG_API int gig_tax_year_of(const gig_tax_profile *p, gig_date on);
/* The tax year a tax payment made on `on` is for (prior_until rule). */
GIG_API int gig_tax_payment_year(const gig_tax_profile *p, gig_date on);

/* ---- payment schedules (pure) ---------------------------------------------------- */

typedef struct {
	gig_date due;
	int64_t amount_minor;
	char what[48]; /* "installment 1", "payment on account 1", "balancing payment" */
} gig_tax_payment;

/*
 * US estimated tax for `year` (IRS Publication 505, Form 2210 Schedule AI):
 *   required = min(safe_current x projected tax, safe_last (or safe_high when last
 *              year's AGI was over safe_high_agi) x last year's tax) (the projection
 *              alone when has_last is false);
 *   regular[k] = required / 4 (the rest of a cent in the last);
 *   annualised[k] = min(max(0, tax(cum_profit[k] x factor[k]) x pct[k] - sum of the
 *              earlier chosen installments), required / 4 + what earlier periods
 *              left unused), factors 4, 2.4, 1.5, 1 and pct 22.5, 45, 67.5, 90 %.
 * cum_profit[k] is the profit from the year's start to 31 Mar, 31 May, 31 Aug, 31 Dec.
 */
typedef struct {
	int64_t required_minor;
	int64_t regular_minor[4];
	int64_t annualised_minor[4];
	int64_t annualised_income_minor[4];
	int64_t annualised_tax_minor[4];
} gig_tax_us_plan;

GIG_API void gig_tax_us_installments(const gig_tax_profile *p, const int64_t cum_profit[4],
                                     int64_t projected_tax, bool has_last, int64_t last_tax,
                                     int64_t last_agi, gig_tax_us_plan *out);

/*
 * The payments due for tax year `year` with its estimated bill `this_tax` and last
 * year's bill `last_tax` (has_last false: unknown, taken as 0), in date order:
 *   US: the four installments of the cheaper method, gig_tax_us_installments() over
 *       cum_profit (required: NULL gives no payments) with last year's AGI taken as
 *       over the safe-harbour limit (the higher share, the conservative reading);
 *   UK: payments on account of poa_ppm x last_tax on the first two due dates (none
 *       under poa_threshold), then the balancing payment this_tax - both, plus the
 *       first payment on account for the next year (poa_ppm x this_tax), on the third;
 *   DE (quarterly): last_tax / 4 (this_tax / 4 without it) on each due date, none
 *       under poa_threshold a year;
 *   none: this_tax on the first due date.
 * Returns the number written (at most GIG_TAX_MAX_DUE + 1).
 */
GIG_API size_t gig_tax_payments_for_year(const gig_tax_profile *p, int year, int64_t this_tax,
                                         bool has_last, int64_t last_tax, const int64_t *cum_profit,
                                         gig_tax_payment *out);

/* ---- the tax year of a ledger ---------------------------------------------------- */

typedef struct {
	int year;
	gig_date start, end; /* [start, end) */
	gig_date as_of;
	char currency[4];
	int64_t income_minor;        /* income categories + uncategorised inflows, net */
	int64_t deductible_minor;    /* net outflows of deductible expense categories */
	int64_t profit_minor;        /* income - deductible */
	int64_t paid_minor;          /* Taxes-category outflows attributed to this year */
	int64_t reserve_minor;       /* balance of the tax-reserve accounts at as_of */
	int64_t cum_profit_minor[4]; /* profit to 31 Mar, 31 May, 31 Aug, 31 Dec (US) */
	gig_tax_estimate estimate;   /* of the profit so far */
	int64_t owed_minor;          /* max(0, estimate - paid - reserve) */
} gig_tax_year;

/*
 * Reads tax year `year` of the ledger up to as_of (posted transactions, `currency`:
 * NULL = base currency).  Transfers are neither income nor expense; the Taxes
 * category is never deductible.  A payment in the Taxes category is for the year its
 * payee or memo names (a four-digit year from three years before the payment up to
 * its own: "EST 2024 NACHZAHLUNG", "Q4 2025"), else for the year
 * gig_tax_payment_year() gives.  DB_* errors.
 */
GIG_API bool gig_tax_year_build(gig_ledger *ledger, const gig_tax_profile *p, const char *currency,
                                int year, gig_date as_of, gig_tax_year *out, GError **error);

/*
 * The payment plan of a tax year so far (pure): the year's profit projected from the
 * days so far (profit x days of the year / days elapsed; the profit itself once the
 * year is over), its tax, the payments of gig_tax_payments_for_year() on that
 * projection (US: the periods already ended with their own profit, the others
 * projected), and what of each is still due after the year's payments so far, which
 * cover the earliest first.  last_agi: INT64_MAX when unknown.
 */
typedef struct {
	int64_t projected_profit_minor;
	int64_t projected_tax_minor;
	int64_t cum_profit_minor[4]; /* what the US plan used */
	size_t n;
	gig_tax_payment payments[GIG_TAX_MAX_DUE + 1];
	int64_t still_due_minor[GIG_TAX_MAX_DUE + 1];
	bool us;
	gig_tax_us_plan us_plan;
} gig_tax_plan;

GIG_API void gig_tax_year_plan(const gig_tax_profile *p, const gig_tax_year *y, bool has_last,
                               int64_t last_tax, int64_t last_agi, gig_tax_plan *out);

/*
 * Last year's tax for the plan of tax year `year`: the setting tax.last_year_tax (an
 * amount in the ledger's base currency) when set, else the ledger's own estimate of
 * year - 1 when that year has income, else none (*has false).  `prev`, when not NULL,
 * is that year already read (gig_tax_year_build of year - 1 as of its end or later),
 * which saves reading it again.  INVALID_INPUT for a bad setting, DB_* errors.
 */
GIG_API bool gig_tax_last_year(gig_ledger *ledger, const gig_tax_profile *p, const char *currency,
                               int year, const gig_tax_year *prev, int64_t *out, bool *has,
                               GError **error);

/* One income receipt of the year and what to set aside for it. */
typedef struct {
	int64_t txn_id;
	gig_date on;
	int64_t amount_minor;
	int64_t set_aside_minor; /* tax(profit after) - tax(profit before) */
	int64_t marginal_ppm;    /* the marginal rate before it */
	int64_t uncovered_minor; /* the part not yet covered by transfers to the reserve */
	char *payee;
} gig_tax_receipt;

/*
 * The year's income receipts in date order with their set-asides (the increase of the
 * year's estimate each one makes, deductible expenses counted as they come), and how
 * much of each the year's transfers into the tax reserve and tax payments cover (first
 * receipts first).  The caller frees with gig_tax_receipts_free().
 */
GIG_API bool gig_tax_receipts(gig_ledger *ledger, const gig_tax_profile *p, const char *currency,
                              int year, gig_date as_of, gig_tax_receipt **out, size_t *n,
                              GError **error);
GIG_API void gig_tax_receipts_free(gig_tax_receipt *r, size_t n);

/*
 * What to set aside for one posted transaction: its receipt's set_aside_minor in
 * gig_tax_receipts() of its tax year (the year's transactions before it, in date and
 * id order, make the profit it is added to).  *out is 0, and *is_income false, when
 * the transaction is not income (an expense, a transfer, pending).  NOT_FOUND for an
 * unknown id.
 */
GIG_API bool gig_tax_set_aside_txn(gig_ledger *ledger, const gig_tax_profile *p, int64_t txn_id,
                                   int64_t *out, int64_t *marginal_ppm, int *tax_year,
                                   bool *is_income, GError **error);

/*
 * The set-asides of the income receipts an import batch added in its latest tax
 * year (each as in gig_tax_receipts() of that year), summed, and how many there
 * were.  Receipts of earlier years ask for nothing now: those years are over.
 */
GIG_API bool gig_tax_batch_set_aside(gig_ledger *ledger, const gig_tax_profile *p, int64_t batch_id,
                                     int64_t *out_total, size_t *out_receipts, GError **error);

GIG_END_DECLS

#endif
