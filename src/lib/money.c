/*
 * money.c: exact parsing and formatting of minor-unit amounts, the ISO 4217
 * exponent table, and overflow-checked arithmetic.
 */
#include <string.h>

#include "gigledger/money.h"

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

/* Appends one decimal digit to an unsigned magnitude; false on overflow. */
static bool
push_digit(uint64_t *acc, int digit)
{
	if (*acc > (UINT64_MAX - (uint64_t)digit) / 10)
		return false;
	*acc = *acc * 10 + (uint64_t)digit;
	return true;
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

	uint64_t mag = 0;
	int int_digits = 0, group_len = -1, frac_digits = 0;
	bool grouped = false, overflow = false;
	for (; *p; p++) {
		if (g_ascii_isdigit(*p)) {
			overflow |= !push_digit(&mag, *p - '0');
			int_digits++;
			if (group_len >= 0)
				group_len++;
		} else if (*p == ',') {
			/* a thousands separator must follow 1-3 digits, then groups of exactly 3 */
			if (int_digits == 0 || (grouped && group_len != 3) ||
			    (!grouped && int_digits > 3))
				goto bad;
			grouped = true;
			group_len = 0;
		} else {
			break;
		}
	}
	if (grouped && group_len != 3)
		goto bad;
	if (*p == '.') {
		p++;
		for (; g_ascii_isdigit(*p); p++) {
			if (frac_digits == exponent) {
				g_set_error(error, GIG_ERROR, GIG_ERROR_INVALID_INPUT,
				            "amount '%s' has more than %d decimal%s", text,
				            exponent, exponent == 1 ? "" : "s");
				return false;
			}
			overflow |= !push_digit(&mag, *p - '0');
			frac_digits++;
		}
	}
	while (g_ascii_isspace(*p))
		p++;
	if (*p != '\0' || int_digits + frac_digits == 0)
		goto bad;
	for (; frac_digits < exponent; frac_digits++)
		overflow |= !push_digit(&mag, 0);
	if (overflow || mag > (uint64_t)INT64_MAX + (negative ? 1u : 0u)) {
		g_set_error(error, GIG_ERROR, GIG_ERROR_OVERFLOW,
		            "amount '%s' is too large to store", text);
		return false;
	}
	if (negative)
		*out = mag == (uint64_t)INT64_MAX + 1u ? INT64_MIN : -(int64_t)mag;
	else
		*out = (int64_t)mag;
	return true;
bad:
	g_set_error(error, GIG_ERROR, GIG_ERROR_INVALID_INPUT,
	            "amount '%s' is not a number (expected e.g. 1200, 1200.50, 1,200.50 or -49.99)",
	            text ? text : "");
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
