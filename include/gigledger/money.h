/*
 * money.h: exact money values.
 *
 * An amount is an int64_t count of the currency's minor units together with
 * an ISO 4217 code; the code's exponent (EUR 2, JPY 0, JOD 3) says where the
 * decimal point goes.  Nothing here uses floating point.  Parsing is exact:
 * more decimals than the currency has is an error, never a rounding, and a
 * value that does not fit in int64 is GIG_ERROR_OVERFLOW.
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
 * thousands grouping (groups of three), optional '.' and at most `exponent`
 * decimals.  Accepts "1200", "1200.5", "1,200.50", "-49.99", "+3".
 * Leading and trailing blanks are ignored.  On failure *out is untouched.
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
