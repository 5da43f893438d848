/*
 * money.c: exact parsing and formatting of minor-unit amounts, the ISO 4217
 * exponent table, and overflow-checked arithmetic.
 */
#include <string.h>

#include "gigledger/money.h"
#include "internal.h"

/*
 * Currencies whose minor unit is not 1/100.  Everything else (including
 * codes we have never heard of) gets two decimals, which is the ISO 4217
 * default and what bank exports show for them.
 */
static const struct {
	char code[4];
	int exponent;
} exceptions[] = {
    {"BIF", 0}, {"CLP", 0}, {"DJF", 0}, {"GNF", 0}, {"ISK", 0}, {"JPY", 0}, {"KMF", 0},
    {"KRW", 0}, {"PYG", 0}, {"RWF", 0}, {"UGX", 0}, {"UYI", 0}, {"VND", 0}, {"VUV", 0},
    {"XAF", 0}, {"XOF", 0}, {"XPF", 0}, {"BHD", 3}, {"IQD", 3}, {"JOD", 3}, {"KWD", 3},
    {"LYD", 3}, {"OMR", 3}, {"TND", 3}, {"CLF", 4}, {"UYW", 4},
};

static bool
is_alpha3(const char *code)
{
	if (code == NULL || strlen(code) != 3)
		return false;
	for (int i = 0; i < 3; i++) {
		char c = code[i];
		if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')))
			return false;
	}
	return true;
}

int
gig_currency_exponent(const char *code)
{
	if (!is_alpha3(code))
		return -1;
	char up[4];
	for (int i = 0; i < 3; i++)
		up[i] = g_ascii_toupper(code[i]);
	up[3] = '\0';
	for (size_t i = 0; i < G_N_ELEMENTS(exceptions); i++)
		if (memcmp(exceptions[i].code, up, 4) == 0)
			return exceptions[i].exponent;
	return 2;
}

bool
gig_currency_normalize(char out[4], const char *code, GError **error)
{
	if (!is_alpha3(code)) {
		g_set_error(
		    error, GIG_ERROR, GIG_ERROR_INVALID_INPUT,
		    "currency '%s' is not a three-letter ISO 4217 code (e.g. EUR, USD, JPY)",
		    code ? code : "");
		return false;
	}
	for (int i = 0; i < 3; i++)
		out[i] = g_ascii_toupper(code[i]);
	out[3] = '\0';
	return true;
}

bool
gig_money_add(int64_t *out, int64_t a, int64_t b)
{
	int64_t r;
	if (__builtin_add_overflow(a, b, &r))
		return false;
	*out = r;
	return true;
}

bool
gig_money_sub(int64_t *out, int64_t a, int64_t b)
{
	int64_t r;
	if (__builtin_sub_overflow(a, b, &r))
		return false;
	*out = r;
	return true;
}

bool
gig_money_scale_bp(int64_t *out, int64_t minor, int64_t basis_points)
{
	int64_t prod;
	if (__builtin_mul_overflow(minor, basis_points, &prod))
		return false;
	int64_t q = prod / 10000, r = prod % 10000;
	/* half away from zero */
	if (r >= 5000)
		q++;
	else if (r <= -5000)
		q--;
	*out = q;
	return true;
}

/* The separator at p as one GIG__SEP_* bit, its length in *len; 0 if none. */
static unsigned
sep_at(const char *p, const char *end, size_t *len)
{
	const unsigned char *u = (const unsigned char *)p;
	size_t left = (size_t)(end - p);
	*len = 1;
	switch (u[0]) {
	case ',':
		return GIG__SEP_COMMA;
	case '.':
		return GIG__SEP_DOT;
	case '\'':
		return GIG__SEP_APOSTROPHE;
	case ' ':
		return GIG__SEP_SPACE;
	default:
		break;
	}
	if (left >= 2 && u[0] == 0xC2 && u[1] == 0xA0) {
		*len = 2;
		return GIG__SEP_NBSP;
	}
	if (left >= 3 && u[0] == 0xE2 && u[1] == 0x80) {
		*len = 3;
		if (u[2] == 0x99) /* U+2019, the apostrophe Swiss exports sometimes use */
			return GIG__SEP_APOSTROPHE;
		if (u[2] == 0xAF || u[2] == 0x89) /* U+202F narrow NBSP, U+2009 thin space */
			return GIG__SEP_THIN;
	}
	return 0;
}

/* Bit of a decimal mark character ('.' or ','). */
static unsigned
mark_bit(char mark)
{
	return mark == '.' ? GIG__SEP_DOT : mark == ',' ? GIG__SEP_COMMA : 0;
}

/*
 * One grammar for every amount that comes in (typed, gig files, bank cells):
 *
 *   number := int [mark frac] | mark frac
 *   int    := digits                                   (no grouping)
 *           | d{1,3} (sep d{3})+                        (Western: 1,234,567)
 *           | d{1,2} (sep d{2})* sep d{3}               (Indian lakh: 12,34,567)
 *
 * where a grouped number does not start with 0 ("0,123" is no thousands),
 * with one separator kind per number (mixing "1,234 567" is refused) and the
 * decimal mark never a separator.  The magnitude is accumulated only up to
 * GIG_AMOUNT_MAX, so nothing here can overflow: 10^15 fits in 50 bits and one
 * more digit (x10 + 9) stays far below 2^64.
 */
gig__amount_status
gig__amount_scan(const char *text, size_t len, char mark, unsigned seps, int exponent,
                 bool extra_zeros, int64_t *out)
{
	if (text == NULL || exponent < 0 || exponent > 4)
		return GIG__AMOUNT_EMPTY;
	seps &= ~mark_bit(mark);
	const char *p = text, *end = text + len;
	uint64_t mag = 0;
	bool big = false;
	unsigned used = 0;                  /* the separator kind of this number */
	int first = 0, cur = 0, groups = 0; /* digits in the first and current group */
	bool all3 = true, lakh = true;      /* what the groups before the current one allow */
	int int_digits = 0, frac_digits = 0;
	for (; p < end; p++) {
		if (g_ascii_isdigit(*p)) {
			mag = mag * 10 + (uint64_t)(*p - '0');
			big |= mag > GIG_AMOUNT_MAX;
			if (big)
				mag = GIG_AMOUNT_MAX + 1; /* keeps the value from growing */
			int_digits++;
			cur++;
			continue;
		}
		size_t n;
		unsigned k = sep_at(p, end, &n);
		if (k == 0 || !(seps & k))
			break;
		if (used != 0 && used != k)
			return GIG__AMOUNT_MIXED;
		used = k;
		if (cur == 0)
			return GIG__AMOUNT_GROUPING; /* ",5", "1,,2", a separator first */
		if (groups == 0) {
			if (*text == '0')
				return GIG__AMOUNT_GROUPING; /* "0,123" groups nothing */
			first = cur;
			all3 = first <= 3;
			lakh = first <= 2;
		} else {
			all3 &= cur == 3;
			lakh &= cur == 2;
		}
		if (!all3 && !lakh)
			return GIG__AMOUNT_GROUPING;
		groups++;
		cur = 0;
		p += n - 1;
	}
	if (groups > 0 && (cur != 3 || !(all3 || lakh)))
		return GIG__AMOUNT_GROUPING; /* "1,23", "12,5", "1 2 3", "1,234,56" */
	int frac = 0;
	bool had_mark = p < end && *p == mark;
	if (had_mark) {
		for (p++; p < end && g_ascii_isdigit(*p); p++) {
			frac_digits++;
			if (frac == exponent) {
				if (*p != '0' || !extra_zeros)
					return GIG__AMOUNT_DECIMALS;
				continue;
			}
			mag = mag * 10 + (uint64_t)(*p - '0');
			big |= mag > GIG_AMOUNT_MAX;
			if (big)
				mag = GIG_AMOUNT_MAX + 1;
			frac++;
		}
	}
	if (p < end) {
		if (*p == mark || (sep_at(p, end, &(size_t){0}) & (seps | mark_bit(mark))))
			return had_mark ? GIG__AMOUNT_AFTER_MARK : GIG__AMOUNT_GROUPING;
		return GIG__AMOUNT_JUNK;
	}
	if (int_digits + frac_digits == 0)
		return GIG__AMOUNT_EMPTY;
	for (; frac < exponent; frac++) {
		mag *= 10;
		big |= mag > GIG_AMOUNT_MAX;
		if (big)
			mag = GIG_AMOUNT_MAX + 1;
	}
	if (big)
		return GIG__AMOUNT_TOO_LARGE;
	*out = (int64_t)mag;
	return GIG__AMOUNT_OK;
}

const char *
gig__amount_status_text(gig__amount_status st)
{
	switch (st) {
	case GIG__AMOUNT_OK:
		return "ok";
	case GIG__AMOUNT_EMPTY:
		return "has no digits";
	case GIG__AMOUNT_JUNK:
		return "has characters that are not part of a number";
	case GIG__AMOUNT_GROUPING:
		return "has digit groups of the wrong size (groups of three after the first 1-3 "
		       "digits, or 12,34,567)";
	case GIG__AMOUNT_MIXED:
		return "mixes two different digit-group separators";
	case GIG__AMOUNT_AFTER_MARK:
		return "has a separator after the decimal mark";
	case GIG__AMOUNT_DECIMALS:
		return "has more decimals than its currency";
	case GIG__AMOUNT_TOO_LARGE:
		return "is too large (the bound is " GIG_AMOUNT_MAX_TEXT " minor units)";
	}
	return "is not a number";
}

bool
gig_money_parse(int64_t *out, const char *text, int exponent, GError **error)
{
	g_return_val_if_fail(out != NULL, false);
	g_return_val_if_fail(exponent >= 0 && exponent <= 4, false);

	const char *p = text ? text : "";
	while (g_ascii_isspace(*p))
		p++;
	bool negative = false;
	if (*p == '-' || *p == '+') {
		negative = (*p == '-');
		p++;
	}
	size_t n = strlen(p);
	while (n > 0 && g_ascii_isspace(p[n - 1]))
		n--;
	int64_t mag = 0;
	gig__amount_status st = gig__amount_scan(p, n, '.', GIG__SEP_COMMA, exponent, false, &mag);
	switch (st) {
	case GIG__AMOUNT_OK:
		*out = negative ? -mag : mag;
		return true;
	case GIG__AMOUNT_DECIMALS:
		g_set_error(error, GIG_ERROR, GIG_ERROR_INVALID_INPUT,
		            "'%s' is not an amount of this currency: it has more than %d decimal%s",
		            text, exponent, exponent == 1 ? "" : "s");
		return false;
	case GIG__AMOUNT_TOO_LARGE:
		g_set_error(error, GIG_ERROR, GIG_ERROR_OVERFLOW,
		            "'%s' is not an amount the ledger can hold: amounts are limited "
		            "to " GIG_AMOUNT_MAX_TEXT
		            " minor units (9,999,999,999,999.99 with two decimals)",
		            text);
		return false;
	default:
		g_set_error(
		    error, GIG_ERROR, GIG_ERROR_INVALID_INPUT,
		    "'%s' is not an amount (expected e.g. 1200, 1200.50, 1,200.50 or -49.99)",
		    text ? text : "");
		return false;
	}
}

bool
gig__amount_check(int64_t minor, const char *what, GError **error)
{
	if (gig_amount_ok(minor))
		return true;
	g_set_error(error, GIG_ERROR, GIG_ERROR_OVERFLOW,
	            "%s of %" G_GINT64_FORMAT " minor units is too large: amounts are limited "
	            "to +/-" GIG_AMOUNT_MAX_TEXT " minor units",
	            what, minor);
	return false;
}

char *
gig_money_format(char *buf, int64_t minor, int exponent, bool group)
{
	/* Work on the unsigned magnitude so INT64_MIN formats correctly. */
	uint64_t mag = minor < 0 ? (uint64_t)0 - (uint64_t)minor : (uint64_t)minor;
	char digits[24];
	int n = 0;
	do {
		digits[n++] = (char)('0' + mag % 10);
		mag /= 10;
	} while (mag > 0);
	while (n <= exponent)
		digits[n++] = '0';

	char *p = buf;
	if (minor < 0)
		*p++ = '-';
	for (int i = n - 1; i >= exponent; i--) {
		*p++ = digits[i];
		int left = i - exponent; /* integer digits still to write */
		if (group && left > 0 && left % 3 == 0)
			*p++ = ',';
	}
	if (exponent > 0) {
		*p++ = '.';
		for (int i = exponent - 1; i >= 0; i--)
			*p++ = digits[i];
	}
	*p = '\0';
	return buf;
}
