/*
 * money.h: exact money values.
 *
 * An amount is an int64_t count of the currency's minor units together with
 * an ISO 4217 code; the code's exponent (EUR 2, JPY 0, JOD 3) says where the
 * decimal point goes.  Nothing here uses floating point.  Parsing is exact:
 * more decimals than the currency has is an error, never a rounding, and a
 * value whose magnitude is above GIG_AMOUNT_MAX is GIG_ERROR_OVERFLOW.
 *
 * Errors raised: GIG_ERROR_INVALID_INPUT, GIG_ERROR_OVERFLOW.
 */
#ifndef GIGLEDGER_MONEY_H
#define GIGLEDGER_MONEY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "gigledger/error.h"

GIG_BEGIN_DECLS

/* Large enough for any int64 with sign, grouping and a 3-digit exponent. */
#define GIG_MONEY_BUFSZ 40

/*
 * The largest magnitude of one amount, in minor units: 10^15 - 1
 * (9,999,999,999,999.99 EUR, 999,999,999,999,999 JPY).  Every way in (typed
 * amounts, gig files, imported cells, the ledger.h functions) refuses a
 * larger one with GIG_ERROR_OVERFLOW.  The bound keeps sums exact: int64
 * holds 9.2 * 10^18, so 9,000 amounts at the bound, or any realistic number
 * of realistic ones, add up without overflow, and one absurd value can no
 * longer fill a month's running total so that nothing else fits.
 */
#define GIG_AMOUNT_MAX INT64_C(999999999999999)
#define GIG_AMOUNT_MAX_TEXT "999999999999999"

/* True when |minor| <= GIG_AMOUNT_MAX. */
static inline bool
gig_amount_ok(int64_t minor)
{
	return minor >= -GIG_AMOUNT_MAX && minor <= GIG_AMOUNT_MAX;
}

typedef struct {
	int64_t minor;
	char currency[4]; /* upper-case ISO 4217, NUL-terminated */
} gig_money;

/*
 * Number of decimals of a currency code (case-insensitive), or -1 when
 * `code` is not three ASCII letters.  Codes outside the built-in table of
 * zero- and three-decimal currencies have 2.  Cannot fail otherwise.
 */
GIG_API int gig_currency_exponent(const char *code);

/*
 * Validates `code` and writes its upper-case form to `out`.
 * Returns false with GIG_ERROR_INVALID_INPUT for anything but 3 letters.
 */
GIG_API bool gig_currency_normalize(char out[4], const char *code, GError **error);

/*
 * Parses a user-typed amount: optional sign, digits with optional ','
 * grouping (groups of three after the first 1-3 digits, or the Indian
 * 12,34,567), optional '.' and at most `exponent` decimals.  Accepts "1200",
 * "1200.5", "1,200.50", "-49.99", "+3", ".5"; refuses "1,23", "1,,2", ",5".
 * Leading and trailing blanks are ignored.  A magnitude above GIG_AMOUNT_MAX
 * is GIG_ERROR_OVERFLOW.  On failure *out is untouched.  The same grammar
 * reads bank cells (with the column's decimal mark and separators).
 */
GIG_API bool gig_money_parse(int64_t *out, const char *text, int exponent, GError **error);

/*
 * Formats `minor` with `exponent` decimals into `buf` (GIG_MONEY_BUFSZ
 * bytes): "-1234.50", or "-1,234.50" when `group` is true.  Cannot fail.
 * Returns buf.
 */
GIG_API char *gig_money_format(char *buf, int64_t minor, int exponent, bool group);

/* Checked arithmetic: false (and *out untouched) on int64 overflow. */
GIG_API bool gig_money_add(int64_t *out, int64_t a, int64_t b);
GIG_API bool gig_money_sub(int64_t *out, int64_t a, int64_t b);

/*
 * Scales a minor-unit amount by a rate in basis points (2500 = 25 %),
 * rounding half away from zero.  False on overflow.
 */
GIG_API bool gig_money_scale_bp(int64_t *out, int64_t minor, int64_t basis_points);

GIG_END_DECLS

#endif
