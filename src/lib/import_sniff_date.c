/*
 * sniff_date.c: reading bank dates with strftime-style formats, and the
 * list of formats the importer tries when it has to infer one.
 *
 * The inference itself (sniff.c / import_scan.c) counts, per column, how
 * many values each candidate reads and keeps the best; when the best two
 * differ only by day/month order and read the same values, the column is
 * ambiguous and the import is refused.  Our own parser is used rather
 * than strptime(), which depends on the locale.
 */
#include <string.h>

#include "import_internal.h"

const char *const gig__date_formats[GIG__DATE_FORMATS] = {
    "%Y-%m-%d", "%Y/%m/%d",  "%Y.%m.%d.", "%Y.%m.%d", "%Y%m%d",   "%d.%m.%Y", "%m.%d.%Y",
    "%d/%m/%Y", "%m/%d/%Y",  "%d-%m-%Y",  "%m-%d-%Y", "%d.%m.%y", "%m.%d.%y", "%d/%m/%y",
    "%m/%d/%y", "%d-%m-%y",  "%m-%d-%y",  "%d-%b-%Y", "%d %b %Y", "%d-%b-%y", "%d %b %y",
    "%b %d %Y", "%b %d, %Y", "%d. %b %Y", "%d.%b.%Y", "%b-%d-%Y",
};

/* Month names and abbreviations in English, German, French, Dutch, Spanish,
 * Italian and Portuguese, without accents. */
static const struct {
	const char *name;
	int month;
} months[] = {
    {"jan", 1},      {"january", 1},   {"januar", 1},    {"janv", 1},      {"janvier", 1},
    {"januari", 1},  {"ene", 1},       {"enero", 1},     {"gen", 1},       {"feb", 2},
    {"february", 2}, {"februar", 2},   {"fevr", 2},      {"fev", 2},       {"fevrier", 2},
    {"februari", 2}, {"febrero", 2},   {"mar", 3},       {"march", 3},     {"marz", 3},
    {"mrz", 3},      {"mars", 3},      {"maart", 3},     {"mrt", 3},       {"marzo", 3},
    {"apr", 4},      {"april", 4},     {"avr", 4},       {"avril", 4},     {"abr", 4},
    {"abril", 4},    {"may", 5},       {"mai", 5},       {"mei", 5},       {"mayo", 5},
    {"mag", 5},      {"jun", 6},       {"june", 6},      {"juni", 6},      {"juin", 6},
    {"junio", 6},    {"giu", 6},       {"jul", 7},       {"july", 7},      {"juli", 7},
    {"juil", 7},     {"juillet", 7},   {"julio", 7},     {"lug", 7},       {"aug", 8},
    {"august", 8},   {"aout", 8},      {"augustus", 8},  {"ago", 8},       {"agosto", 8},
    {"sep", 9},      {"sept", 9},      {"september", 9}, {"septembre", 9}, {"set", 9},
    {"oct", 10},     {"october", 10},  {"okt", 10},      {"oktober", 10},  {"octobre", 10},
    {"ott", 10},     {"out", 10},      {"nov", 11},      {"november", 11}, {"novembre", 11},
    {"dec", 12},     {"december", 12}, {"dez", 12},      {"dezember", 12}, {"decembre", 12},
    {"dic", 12},     {"dez", 12},
};

/* Reads a month name at *p (letters, accents dropped); advances *p. */
static int
month_name(const char **p)
{
	char buf[16];
	size_t n = 0;
	const char *s = *p;
	while (*s) {
		gunichar c = g_utf8_get_char(s);
		if (!g_unichar_isalpha(c))
			break;
		/* fold the accented letters that occur in month names */
		char a = 0;
		if (c < 0x80)
			a = g_ascii_tolower((char)c);
		else if (c == 0xE9 || c == 0xE8 || c == 0xEA || c == 0xC9)
			a = 'e';
		else if (c == 0xFB || c == 0xFC || c == 0xDC)
			a = 'u';
		else if (c == 0xE4 || c == 0xC4 || c == 0xE2)
			a = 'a';
		else
			return 0;
		if (n + 1 >= sizeof(buf))
			return 0;
		buf[n++] = a;
		s = g_utf8_next_char(s);
	}
	buf[n] = '\0';
	if (n < 3)
		return 0;
	for (size_t i = 0; i < G_N_ELEMENTS(months); i++) {
		if (strcmp(months[i].name, buf) == 0) {
			if (*s == '.')
				s++;
			*p = s;
			return months[i].month;
		}
	}
	return 0;
}

/* Reads between min and max digits; -1 when there are fewer than min. */
static int
digits(const char **p, int min, int max)
{
	int v = 0, n = 0;
	const char *s = *p;
	while (n < max && g_ascii_isdigit(*s)) {
		v = v * 10 + (*s - '0');
		s++;
		n++;
	}
	if (n < min)
		return -1;
	*p = s;
	return v;
}

bool
gig__date_parse_fmt(const char *fmt, const char *text, gig_date *out)
{
	int y = -1, m = -1, d = -1;
	const char *s = text;
	while (*s == ' ')
		s++;
	for (const char *f = fmt; *f; f++) {
		if (*f == ' ') {
			if (*s != ' ')
				return false;
			while (*s == ' ')
				s++;
			continue;
		}
		if (*f != '%') {
			if (*s != *f)
				return false;
			s++;
			continue;
		}
		f++;
		switch (*f) {
		case 'd':
		case 'e':
			while (*f == 'e' && *s == ' ')
				s++;
			d = digits(&s, 1, 2);
			break;
		case 'm':
			m = digits(&s, 1, 2);
			break;
		case 'Y':
			y = digits(&s, 4, 4);
			break;
		case 'y':
			y = digits(&s, 2, 2);
			if (y >= 0)
				y += y < 70 ? 2000 : 1900;
			break;
		case 'b':
		case 'B':
		case 'h':
			m = month_name(&s);
			if (m == 0)
				return false;
			break;
		case 'H':
		case 'M':
		case 'S':
			if (digits(&s, 1, 2) < 0)
				return false;
			continue;
		case '%':
			if (*s++ != '%')
				return false;
			continue;
		default:
			return false;
		}
		if ((*f == 'd' || *f == 'e') && d < 0)
			return false;
		if (*f == 'm' && m < 0)
			return false;
		if ((*f == 'Y' || *f == 'y') && y < 0)
			return false;
	}
	/* a time (or anything after a blank or 'T') may follow */
	if (*s != '\0') {
		bool time = (*s == ' ' || *s == 'T') && g_ascii_isdigit(s[1]);
		if (!time && strspn(s, " ") != strlen(s))
			return false;
	}
	if (y < 0 || m < 0 || d < 0)
		return false;
	return gig_date_from_ymd(out, y, m, d);
}

uint32_t
gig__date_candidates(const char *text)
{
	uint32_t mask = 0;
	gig_date tmp;
	const char *s = text;
	while (*s == ' ')
		s++;
	bool letter_first = g_ascii_isalpha(*s);
	if (!letter_first && !g_ascii_isdigit(*s))
		return 0;
	for (int i = 0; i < GIG__DATE_FORMATS; i++) {
		if ((gig__date_formats[i][1] == 'b') != letter_first)
			continue;
		if (gig__date_parse_fmt(gig__date_formats[i], s, &tmp))
			mask |= 1u << i;
	}
	return mask;
}

bool
gig__date_formats_swapped(int a, int b)
{
	const char *x = gig__date_formats[a], *y = gig__date_formats[b];
	if (strlen(x) != strlen(y))
		return false;
	for (size_t i = 0; x[i]; i++) {
		char cx = x[i], cy = y[i];
		if (i > 0 && x[i - 1] == '%' &&
		    ((cx == 'd' && cy == 'm') || (cx == 'm' && cy == 'd')))
			continue;
		if (cx != cy)
			return false;
	}
	return a != b;
}
