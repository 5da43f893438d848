/*
 * sniff_amount.c: the amount grammar of bank exports.
 *
 * A cell is split into a numeric core (digits and the separators . , '
 * and blanks, from the first digit to the last) and decorations around it:
 * signs (leading, trailing, spaced, '+', U+2212), parentheses, currency
 * symbols and codes, and a Dr/Cr marker.  Which separator is the decimal mark
 * is not decided here from one value: each value only votes, and the
 * scanner decides per column from all of them.  Values are exact integers
 * of minor units; nothing here uses floating point.
 *
 * Dr/Cr markers (bank statements of a current account, card statements):
 * "CR", "DR" or a single "C" / "D", glued to the number or spaced, before or
 * after it, in any case ("12.00Dr", "12.00 CR", "DR 12.00", "12.00 D",
 * "12.00 (Cr)").  Dr is money out of the account (negative), Cr money in,
 * whatever sign the number carries.  A value without a marker in a column
 * that has them: when the column marks only credits, the unmarked values are
 * its debits (card statements print "CR" on payments only); otherwise (both
 * kinds marked, or only debits) it keeps its own sign, so "12.00-", "-12.00"
 * and "(12.00)" are out and a bare "12.00" is in.  The same holds for a
 * balance column ("20.00 DR" is an overdrawn balance).  Typed amounts (CLI,
 * gig files: gig_money_parse()) take no markers: there a leading '-' is the
 * one way to say out, so no text means two things.
 */
#include <string.h>

#include "import_internal.h"
#include "internal.h"

/* Blanks that banks put around or inside amounts: NBSP, narrow NBSP, marks. */
static size_t
blank_len(const char *p)
{
	const unsigned char *u = (const unsigned char *)p;
	if (*u == ' ' || *u == '\t')
		return 1;
	if (u[0] == 0xC2 && u[1] == 0xA0)
		return 2;
	if (u[0] == 0xE2 && u[1] == 0x80 &&
	    (u[2] == 0xAF || u[2] == 0x89 || u[2] == 0x8E || u[2] == 0x8F))
		return 3;
	if (u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF)
		return 3;
	return 0;
}

/* Length of a grouping separator inside the core ('.', ',', ''', blanks, U+2019), or 0. */
static size_t
sep_len(const char *p)
{
	if (*p == '.' || *p == ',' || *p == '\'')
		return 1;
	const unsigned char *u = (const unsigned char *)p;
	if (u[0] == 0xE2 && u[1] == 0x80 && u[2] == 0x99)
		return 3;
	return blank_len(p);
}

static const struct {
	const char *symbol;
	const char *code;
} symbols[] = {
    {"£", "GBP"}, {"€", "EUR"}, {"د.ا.", "JOD"}, {"¥", "JPY"}, {"₹", "INR"},
    {"₩", "KRW"}, {"₺", "TRY"}, {"₽", "RUB"},  {"₪", "ILS"}, {"₴", "UAH"},
};

const char *
gig__currency_symbol(const char *text)
{
	for (size_t i = 0; i < G_N_ELEMENTS(symbols); i++)
		if (g_str_has_prefix(text, symbols[i].symbol))
			return symbols[i].code;
	return NULL;
}

/* Reads the decorations in [p, end); false when something there is not money.
 * *parens gets 1 per '(' and 2 per ')'. */
static bool
decorations(const char *p, const char *end, gig__money_shape *s, int *parens)
{
	while (p < end) {
		size_t b = blank_len(p);
		if (b > 0) {
			p += b;
			continue;
		}
		unsigned char c = (unsigned char)*p;
		if (c == '-') {
			s->minus = true;
			p++;
		} else if (c == '+') {
			s->plus = true;
			p++;
		} else if (c == '(' || c == ')') {
			*parens += c == '(' ? 1 : 2;
			p++;
		} else if (c == 0xE2 && (unsigned char)p[1] == 0x88 &&
		           (unsigned char)p[2] == 0x92) {
			s->minus = true; /* U+2212 MINUS SIGN */
			p += 3;
		} else if (g_ascii_isalpha(c)) {
			const char *w = p;
			while (p < end && g_ascii_isalpha(*p))
				p++;
			size_t n = (size_t)(p - w);
			if (n <= 2 && p < end && *p == '$') {
				p++; /* C$, A$, R$, NZ$, US$: a dollar, not a marker */
				continue;
			}
			int mark = 0;
			if ((n == 2 && g_ascii_strncasecmp(w, "CR", 2) == 0) ||
			    (n == 1 && g_ascii_toupper(*w) == 'C'))
				mark = 1;
			else if ((n == 2 && g_ascii_strncasecmp(w, "DR", 2) == 0) ||
			         (n == 1 && g_ascii_toupper(*w) == 'D'))
				mark = -1;
			if (mark != 0) {
				if (s->cr != 0)
					return false; /* two markers: "12.00 CR DR" */
				s->cr = mark;
			} else if (n == 3 && s->currency[0] == '\0') {
				for (int i = 0; i < 3; i++)
					s->currency[i] = g_ascii_toupper(w[i]);
				s->currency[3] = '\0';
			} else
				return false;
		} else if (c == '$' || c == '.') {
			p++;
		} else if (c == '\\') {
			/* byte 0x5C of Shift-JIS, shown as the yen sign: "\7,000" */
			if (s->currency[0] == '\0')
				memcpy(s->currency, "JPY", 4);
			p++;
		} else if (c >= 0x80) {
			const char *code = gig__currency_symbol(p);
			if (code != NULL && s->currency[0] == '\0')
				memcpy(s->currency, code, 4);
			p = g_utf8_next_char(p);
		} else {
			return false; /* '/', ':', '%', '#', ... */
		}
	}
	return true;
}

bool
gig__money_shape_of(const char *text, gig__money_shape *s)
{
	memset(s, 0, sizeof(*s));
	if (text == NULL)
		return false;
	const char *first = NULL, *last = NULL;
	for (const char *p = text; *p; p++) {
		if (g_ascii_isdigit(*p)) {
			if (first == NULL)
				first = p;
			last = p;
		} else if (first == NULL && (*p == '.' || *p == ',') && g_ascii_isdigit(p[1])) {
			first = p;
		}
	}
	if (first == NULL)
		return false;
	const char *core_end = last + 1;
	for (const char *p = first; p < core_end;) {
		if (g_ascii_isdigit(*p)) {
			p++;
			continue;
		}
		size_t n = sep_len(p);
		if (n == 0)
			return false;
		p += n;
	}
	int before = 0, after = 0;
	if (!decorations(text, first, s, &before))
		return false;
	int cr_before = s->cr;
	if (!decorations(core_end, core_end + strlen(core_end), s, &after))
		return false;
	if (after == 3 && before == 0 && s->cr != 0 && cr_before == 0)
		; /* "12.00 (Dr)": the parentheses hold the marker, not a negative */
	else if (before + after == 3)
		s->minus = true;
	else if (before + after != 0)
		return false;
	if (s->minus && s->plus)
		return false;
	s->core = first;
	s->core_len = (size_t)(core_end - first);
	return true;
}

void
gig__marks_count(gig__marks *m, const gig__money_shape *s)
{
	m->cr += s->cr > 0;
	m->dr += s->cr < 0;
}

int
gig__marks_rule(const gig__marks *m)
{
	return m->cr > 0 && m->dr == 0 ? -1 : 0;
}

int64_t
gig__money_signed(const gig__money_shape *s, int64_t value, int rule)
{
	/* |value| <= GIG_AMOUNT_MAX (gig__amount_scan), so negating cannot overflow */
	int64_t mag = value < 0 ? -value : value;
	if (s->cr != 0)
		return s->cr > 0 ? mag : -mag;
	if (rule < 0 && !s->minus && !s->plus)
		return -mag;
	return value;
}

void
gig__money_vote(const gig__money_shape *s, int64_t *dot, int64_t *comma)
{
	int dots = 0, commas = 0;
	size_t last = 0;
	for (size_t i = 0; i < s->core_len; i++) {
		if (s->core[i] == '.')
			dots++;
		if (s->core[i] == ',')
			commas++;
		if (s->core[i] == '.' || s->core[i] == ',')
			last = i;
	}
	if (dots + commas == 0)
		return;
	bool dot_is_mark = s->core[last] == '.';
	if (dots > 0 && commas > 0) {
		*(dot_is_mark ? dot : comma) += 1;
		return;
	}
	if (dots + commas >= 2) {
		/* a repeated separator groups thousands; the other one is the mark */
		*(dot_is_mark ? comma : dot) += 1;
		return;
	}
	size_t after = 0, before = 0;
	for (size_t i = last + 1; i < s->core_len; i++)
		after += g_ascii_isdigit(s->core[i]) ? 1 : 0;
	for (size_t i = 0; i < last; i++)
		before += g_ascii_isdigit(s->core[i]) ? 1 : 0;
	bool leading_zero = before == 0 || (before == 1 && s->core[0] == '0');
	if (after != 3 || leading_zero || before > 3)
		*(dot_is_mark ? dot : comma) += 1;
}

int
gig__money_value(const gig__money_shape *s, char mark, int exponent, int64_t *out)
{
	/* The column decides the mark; any other separator kind may group digits,
	 * but only one kind per cell (gig__amount_scan()). */
	int64_t mag = 0;
	gig__amount_status st =
	    gig__amount_scan(s->core, s->core_len, mark, GIG__SEP_ALL, exponent, true, &mag);
	if (st == GIG__AMOUNT_OK)
		*out = s->minus ? -mag : mag;
	return (int)st;
}
