/*
 * rates.h: exchange rates and exact conversion between currencies (issue 14).
 *
 * A rate says that on a date 1 unit of `base` was worth `rate` units of
 * `quote`; the rate is an exact decimal (text such as "1.0777"), parsed into
 * an integer numerator and a power-of-ten scale, never a binary float.
 *
 * Conversion (gig_convert) uses the nearest rate on or before the date asked
 * for, found in one of three ways: direct (FROM->TO), inverse (TO->FROM), or
 * a cross through EUR when both currencies have a rate against EUR (in either
 * direction).  Of the ways that exist, the one whose rate is the most recent
 * wins (for a cross, its older leg counts); on a tie direct beats inverse
 * beats cross.  The arithmetic is exact (128-bit integers; a product that
 * does not fit is GIG_ERROR_OVERFLOW, never a wrong figure) and rounds once,
 * at the end, half away from zero to the target currency's minor unit.
 *
 * Errors raised: INVALID_INPUT (bad rate, currency, date, file row),
 * NOT_FOUND (no rate: the message names the pair and what to import),
 * OVERFLOW, IO, ENCODING, and the database errors.
 */
#ifndef GIGLEDGER_RATES_H
#define GIGLEDGER_RATES_H

#include <stdbool.h>
#include <stdint.h>

#include "gigledger/date.h"
#include "gigledger/error.h"
#include "gigledger/ledger.h"

GIG_BEGIN_DECLS

/* Room for a canonical rate text ("123456789012.123456789012" at most). */
#define GIG_RATE_TEXT_MAX 32
/* At most this many decimals and significant digits in a rate. */
#define GIG_RATE_SCALE_MAX 12
#define GIG_RATE_DIGITS_MAX 18

typedef struct {
	gig_date on;
	char base[4];
	char quote[4];
	char rate[GIG_RATE_TEXT_MAX]; /* canonical decimal text */
	char *source;                 /* "ecb", "csv", "manual" (owned; NULL in conversions) */
} gig_rate;

GIG_API void gig_rate_free(gig_rate *rate);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(gig_rate, gig_rate_free)

/*
 * Parses a positive decimal rate ("0.92", "155.53", "1,0777" is refused):
 * digits with at most one '.', at most GIG_RATE_SCALE_MAX decimals and
 * GIG_RATE_DIGITS_MAX significant digits, greater than zero.  Writes the
 * numerator and scale (value = num / 10^scale, trailing zeros removed) and,
 * when `canon` is non-NULL, the canonical text (GIG_RATE_TEXT_MAX bytes).
 * INVALID_INPUT otherwise, with the outputs untouched.
 */
GIG_API bool gig_rate_parse(int64_t *num, int *scale, char *canon, const char *text,
                            GError **error);

/*
 * The exact arithmetic behind gig_convert, for callers with the rates in hand:
 * amount_minor (in a currency of `from_exp` decimals) times the product of the
 * legs, each leg num/10^scale, used as is or inverted, rounded half away from
 * zero to `to_exp` decimals.  `n` is 1 or 2.  False with OVERFLOW when an
 * intermediate product or the result (above GIG_AMOUNT_MAX) does not fit.
 */
typedef struct {
	int64_t num;
	int scale;
	bool invert; /* use 10^scale / num */
} gig_rate_leg;

GIG_API bool gig_rate_apply(int64_t *out, int64_t amount_minor, int from_exp, int to_exp,
                            const gig_rate_leg *legs, int n, GError **error);

/* Records one rate (replacing the pair's rate for that day).  *out_changed
 * (may be NULL) is false when the same rate was already there. */
GIG_API bool gig_ledger_rate_set(gig_ledger *ledger, const char *base, const char *quote,
                                 const char *rate, gig_date on, const char *source,
                                 bool *out_changed, GError **error);

typedef struct {
	int64_t rows;      /* data rows read */
	int64_t added;     /* rates new to the ledger */
	int64_t unchanged; /* rates the ledger already had */
	int64_t replaced;  /* a different rate for a pair and day it had */
	int64_t gaps;      /* N/A or empty cells (ECB layout) */
	bool ecb;          /* the file was in the ECB layout */
} gig_rates_import_result;

/*
 * Imports a rates file in one transaction: the ECB reference-rate CSV
 * (header "Date,USD,JPY,...", rates per 1 EUR, N/A gaps, a trailing comma)
 * or "date,from,to,rate" rows (a header row of those names is optional).
 * Any bad row is an error "FILE:LINE: ..." and nothing is written.
 */
GIG_API bool gig_ledger_rates_import(gig_ledger *ledger, const char *path,
                                     gig_rates_import_result *out, GError **error);

/* Every rate, by pair then date: a GPtrArray of gig_rate (owning). */
GIG_API bool gig_ledger_rates(gig_ledger *ledger, GPtrArray **out, GError **error);

typedef struct {
	int64_t minor; /* the converted amount */
	char currency[4];
	gig_date rate_on; /* date of the rate used (the older leg of a cross) */
	int n_legs;       /* 0 (same currency), 1 (direct or inverse) or 2 (cross via EUR) */
	gig_rate legs[2]; /* the stored rates used (source is NULL) */
	bool inverted[2]; /* the leg was used from quote to base */
} gig_conversion;

/*
 * Converts amount_minor of `from` into `to` at the nearest rate on or before
 * `on` (see the top of this file).  The same currency converts to itself
 * without a rate.  NOT_FOUND when no rate exists on or before `on`: the
 * message names the pair, the date, and `gig rates import` / `gig rates set`.
 */
GIG_API bool gig_convert(gig_ledger *ledger, int64_t amount_minor, const char *from, const char *to,
                         gig_date on, gig_conversion *out, GError **error);

/* "1 USD = 0.92 EUR (2024-01-05)" or "USD->EUR via EUR ..." for messages and
 * report assumptions; newly allocated. */
GIG_API char *gig_conversion_describe(const gig_conversion *c);

/* ---- a gig paid in another currency (sql/0021) ---------------------- */

/*
 * What `gig paid ID [AMOUNT] --received R` recorded.  The receipt is one bank
 * row of R in the account's currency, split (as gig txn split does) into
 *   expected_minor  the paid part of the invoice at the rate of the invoice date,
 *                   in the gig's stream category, and
 *   fx_minor        received - expected: realised exchange gain (> 0) or loss (< 0),
 *                   in the category "FX gain/loss" (no part when it is 0);
 * both parts carry the gig's id, and the gig counts gig_minor (in its own
 * currency) as paid.
 */
typedef struct gig_fx_payment {
	int64_t txn_id;    /* the receipt (its income part) */
	int64_t fx_txn_id; /* the gain/loss part, 0 when there is none */
	int64_t gig_minor; /* what it paid of the gig, in gig_currency */
	char gig_currency[4];
	int64_t received_minor; /* what arrived, in currency */
	int64_t expected_minor; /* gig_minor at the invoice-date rate, in currency */
	int64_t fx_minor;       /* received_minor - expected_minor */
	char currency[4];       /* the account's */
	gig_date rate_date;     /* the date the rate was asked for (the invoice date) */
	gig_conversion rate;    /* the rate used (rate.rate_on: its date) */
} gig_fx_payment;

/*
 * Records `received_minor` arriving in `account` (NULL = default; its currency
 * must differ from the gig's) on `on` as the payment of `amount_minor` of gig
 * `gig_id` in the gig's currency (0 = all that is open), in one transaction.
 * The rate is the nearest on or before the invoice date (the performance date,
 * then `on`, for a gig not invoiced).  INVALID_INPUT as gig_ledger_gig_pay, and
 * when the account is in the gig's currency; NOT_FOUND (naming the rate to
 * import) when there is no rate.  `out` may be NULL.
 */
GIG_API bool gig_ledger_gig_pay_received(gig_ledger *ledger, int64_t gig_id, int64_t amount_minor,
                                         int64_t received_minor, const char *account, gig_date on,
                                         gig_fx_payment *out, GError **error);

/* The same for a receipt already in the ledger (an imported bank row, posted,
 * money in, linked to nothing and not split): its amount is what was received. */
GIG_API bool gig_ledger_gig_pay_txn_received(gig_ledger *ledger, int64_t gig_id, int64_t txn_id,
                                             int64_t amount_minor, gig_fx_payment *out,
                                             GError **error);

GIG_END_DECLS

#endif
