/*
 * sniff_date.c: reading bank dates with strftime-style formats, and the
 * list of formats the importer tries when it has to infer one.
 *
 * The inference itself (sniff.c / import_scan.c) counts, per column, how
 * many values each candidate reads and keeps the best; when the best two
 * differ only by day/month order and read the same values, the column is
 * ambiguous and the import is refused.  Our own parser is used rather
 * than strptime(), which depends on the locale; the names of months and
 * weekdays in every language it reads are in sniff_date_names.c.
 */
#include <string.h>

#include "import_internal.h"

const char *const gig__date_formats[GIG__DATE_FORMATS] = {
    "%Y-%m-%d",
    "%Y/%m/%d",
    "%Y.%m.%d.",
    "%Y.%m.%d",
    "%Y%m%d",
    "%d.%m.%Y",
    "%m.%d.%Y",
    "%d/%m/%Y",
    "%m/%d/%Y",
    "%d-%m-%Y",
    "%m-%d-%Y",
    "%d.%m.%y",
    "%m.%d.%y",
    "%d/%m/%y",
    "%m/%d/%y",
    "%d-%m-%y",
    "%m-%d-%y",
    "%d-%b-%Y",
    "%d %b %Y",
    "%d-%b-%y",
    "%d %b %y",
    "%b %d %Y",
    "%b %d, %Y",
    "%d. %b %Y",
    "%d.%b.%Y",
    "%b-%d-%Y",
    /* EXIF-style colons; Chinese and Japanese; Korean (two ways); Spanish and Portuguese */
    "%Y:%m:%d",
    "%Y年%m月%d日",
    "%Y년 %m월 %d일",
    "%Y. %m. %d.",
    "%d de %b de %Y",
    /* no year (card statements: the year is the statement's) */
    "%m/%d",
    "%d/%m",
    "%m月%d日",
    "%d %b",
    "%b %d",
};

/* ---- names of months and weekdays (the table is sniff_date_names.c) ---- */

/*
 * Folds a name to what the tables are looked up by: lower case, accents
 * (combining marks after NFD) dropped, so "Août" is "aout" and "März"
 * "marz".  Into buf (cap bytes); 0 when it does not fit.
 */
static size_t
fold_name(const char *p, size_t len, char *buf, size_t cap)
{
	bool ascii = true;
	for (size_t i = 0; i < len; i++)
		ascii &= (unsigned char)p[i] < 0x80;
	if (ascii) {
		if (len >= cap)
			return 0;
		for (size_t i = 0; i < len; i++)
			buf[i] = g_ascii_tolower(p[i]);
		buf[len] = '\0';
		return len;
	}
	g_autofree char *low = g_utf8_casefold(p, (gssize)len);
	g_autofree char *nfd = g_utf8_normalize(low, -1, G_NORMALIZE_NFD);
	if (nfd == NULL)
		return 0;
	size_t n = 0;
	for (const char *q = nfd; *q; q = g_utf8_next_char(q)) {
		if (g_unichar_ismark(g_utf8_get_char(q)))
			continue;
		size_t l = (size_t)(g_utf8_next_char(q) - q);
		if (n + l >= cap)
			return 0;
		memcpy(buf + n, q, l);
		n += l;
	}
	buf[n] = '\0';
	return n;
}

static GHashTable *month_table, *weekday_table; /* folded name -> month, or 1 */

/* Adds every blank-separated spelling in `list` to `t` with `value` (the first
 * spelling of a name wins: the tests check that none is claimed twice). */
static void
add_names(GHashTable *t, const char *list, int value)
{
	g_auto(GStrv) words = g_strsplit(list, " ", -1);
	for (char **w = words; *w; w++) {
		char buf[64];
		size_t n = fold_name(*w, strlen(*w), buf, sizeof(buf));
		if (n > 0 && !g_hash_table_contains(t, buf))
			g_hash_table_insert(t, g_strdup(buf), GINT_TO_POINTER(value));
	}
}

static void
load_names(void)
{
	static gsize once = 0;
	if (!g_once_init_enter(&once))
		return;
	month_table = g_hash_table_new(g_str_hash, g_str_equal);
	weekday_table = g_hash_table_new(g_str_hash, g_str_equal);
	for (size_t i = 0; i < gig__date_n_langs; i++) {
		for (int m = 0; m < 12; m++)
			add_names(month_table, gig__date_langs[i].months[m], m + 1);
		add_names(weekday_table, gig__date_langs[i].weekdays, 1);
	}
	g_once_init_leave(&once, 1);
}

/* The month (1..12) or weekday (1) of a name, 0 if it is none. */
static int
lookup(bool weekday, const char *p, size_t len)
{
	char buf[64];
	if (fold_name(p, len, buf, sizeof(buf)) == 0)
		return 0;
	load_names();
	return GPOINTER_TO_INT(g_hash_table_lookup(weekday ? weekday_table : month_table, buf));
}

int
gig__month_of_name(const char *name, size_t len)
{
	return lookup(false, name, len);
}

/* Length of the run of letters at p (any script). */
static size_t
letters(const char *p)
{
	const char *s = p;
	while (*s && g_unichar_isalpha(g_utf8_get_char(s)))
		s = g_utf8_next_char(s);
	return (size_t)(s - p);
}

/* Reads a month name at *p, and the dot that may end it; advances *p. */
static int
month_name(const char **p)
{
	size_t n = letters(*p);
	if (n < 3)
		return 0;
	int m = lookup(false, *p, n);
	if (m == 0)
		return 0;
	*p += n;
	if (**p == '.')
		(*p)++;
	return m;
}

/* Reads a weekday name at *p ("Tue", "Tuesday", "Di.", "segunda-feira"); advances *p. */
static bool
weekday_name(const char **p)
{
	size_t n = letters(*p);
	if (n < 2 || lookup(true, *p, n) == 0)
		return false;
	const char *s = *p + n;
	if (*s == '-' && letters(s + 1) > 0)
		s += 1 + letters(s + 1); /* Portuguese "-feira" */
	if (*s == '.')
		s++;
	*p = s;
	return true;
}

/* Past "Mon, " / "Tuesday " / "Di. " before a date, or `s` itself. */
static const char *
skip_weekday(const char *s)
{
	const char *p = s;
	if (!weekday_name(&p))
		return s;
	if (*p == ',')
		p++;
	if (*p != ' ' && p[-1] != ',' && p[-1] != '.')
		return s; /* "Mon25" is no weekday */
	while (*p == ' ')
		p++;
	return *p ? p : s;
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

/*
 * What may follow a date: blanks, a time after a blank or 'T' (its seconds,
 * am/pm, zone and offset are not looked at: the booking date is the date as
 * written, which is the bank's own day), a year word ("2022 г.", "2022 r.").
 */
static bool
tail_ok(const char *s)
{
	for (;;) {
		size_t blanks = strspn(s, " ");
		s += blanks;
		if (*s == '\0')
			return true;
		if ((blanks > 0 || *s == 'T') && g_ascii_isdigit(*s == 'T' ? s[1] : *s))
			return true;
		if (g_str_has_prefix(s, "г") || *s == 'r') {
			const char *w = *s == 'r' ? s + 1 : s + strlen("г");
			if (*w == '.')
				w++;
			if (*w == '\0' || *w == ' ') {
				s = w;
				continue;
			}
		}
		return false;
	}
}

typedef enum { DATE_OK, DATE_NO_MATCH, DATE_NO_DAY } date_status;

static date_status
parse_at(const char *fmt, const char *text, int *py, int *pm, int *pd)
{
	int y = gig__date_format_yearless(fmt) ? GIG__YEARLESS : -1, m = -1, d = -1;
	const char *s = text;
	while (*s == ' ')
		s++;
	for (const char *f = fmt; *f; f++) {
		if (*f == ' ') {
			if (*s != ' ')
				return DATE_NO_MATCH;
			while (*s == ' ')
				s++;
			continue;
		}
		if (*f != '%') {
			if (*s != *f)
				return DATE_NO_MATCH;
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
				return DATE_NO_MATCH;
			break;
		case 'a':
		case 'A':
			if (!weekday_name(&s))
				return DATE_NO_MATCH;
			continue;
		case 'H':
		case 'M':
		case 'S':
			if (digits(&s, 1, 2) < 0)
				return DATE_NO_MATCH;
			continue;
		case '%':
			if (*s++ != '%')
				return DATE_NO_MATCH;
			continue;
		default:
			return DATE_NO_MATCH;
		}
		if ((*f == 'd' || *f == 'e') && d < 0)
			return DATE_NO_MATCH;
		if (*f == 'm' && m < 0)
			return DATE_NO_MATCH;
		if ((*f == 'Y' || *f == 'y') && y < 0)
			return DATE_NO_MATCH;
	}
	if (!tail_ok(s) || y < 0 || m < 0 || d < 0)
		return DATE_NO_MATCH;
	*py = y;
	*pm = m;
	*pd = d;
	gig_date tmp;
	return gig_date_from_ymd(&tmp, y, m, d) ? DATE_OK : DATE_NO_DAY;
}

/* parse_at(), and again past a weekday name the format does not mention. */
static date_status
parse_any(const char *fmt, const char *text, int *y, int *m, int *d)
{
	date_status st = parse_at(fmt, text, y, m, d);
	if (st == DATE_NO_MATCH) {
		const char *s = text;
		while (*s == ' ')
			s++;
		const char *past = skip_weekday(s);
		if (past != s)
			st = parse_at(fmt, past, y, m, d);
	}
	return st;
}

bool
gig__date_parse_fmt(const char *fmt, const char *text, gig_date *out)
{
	int y, m, d;
	return parse_any(fmt, text, &y, &m, &d) == DATE_OK && gig_date_from_ymd(out, y, m, d);
}

bool
gig__date_parse_fmt_error(const char *fmt, const char *text, gig_date *out, GError **error)
{
	int y = 0, m = 0, d = 0;
	date_status st = parse_any(fmt, text, &y, &m, &d);
	if (st == DATE_OK && gig_date_from_ymd(out, y, m, d))
		return true;
	g_autofree char *why = NULL;
	if (st == DATE_NO_DAY && (m < 1 || m > 12))
		why = g_strdup_printf(" (there is no month %d)", m);
	else if (st == DATE_NO_DAY && y >= 1 && y <= 9999)
		why =
		    g_strdup_printf(" (%04d-%02d has %d days)", y, m, gig_date_days_in_month(y, m));
	g_set_error(error, GIG_ERROR, GIG_ERROR_INVALID_INPUT,
	            "'%s' is not a date in the format %s%s", text, fmt, why ? why : "");
	return false;
}

bool
gig__date_reads(const char *fmt, const char *text)
{
	gig_date tmp;
	return fmt != NULL ? gig__date_parse_fmt(fmt, text, &tmp) : gig__date_candidates(text) != 0;
}

bool
gig__date_format_check(const char *fmt, GError **error)
{
	bool day = false, month = false, year = false;
	for (const char *f = fmt; *f; f++) {
		if (*f != '%')
			continue;
		f++;
		if (*f && strchr("dembBhyYaAHMS%", *f) == NULL) {
			g_set_error(
			    error, GIG_ERROR, GIG_ERROR_INVALID_INPUT,
			    "date format '%s': %%%c is not a conversion the importer knows "
			    "(%%d %%e %%m %%b %%B %%Y %%y %%a %%A %%H %%M %%S, e.g. %%d.%%m.%%Y)",
			    fmt, *f);
			return false;
		}
		day |= *f == 'd' || *f == 'e';
		month |= *f == 'm' || *f == 'b' || *f == 'B' || *f == 'h';
		year |= *f == 'y' || *f == 'Y';
		if (*f == '\0')
			break;
	}
	(void)year; /* without one, the statement's year (gig__date_in_year_of) */
	if (!day || !month) {
		g_set_error(error, GIG_ERROR, GIG_ERROR_INVALID_INPUT,
		            "date format '%s' needs a day (%%d) and a month (%%m or %%b), and "
		            "usually a year (%%Y or %%y), e.g. %%d.%%m.%%Y",
		            fmt);
		return false;
	}
	return true;
}

uint64_t
gig__date_candidates(const char *text)
{
	uint64_t mask = 0;
	gig_date tmp;
	const char *s = text;
	while (*s == ' ')
		s++;
	/* a letter first: a month name, or a weekday before any shape */
	bool letter_first = g_unichar_isalpha(g_utf8_get_char(s));
	if (!letter_first && !g_ascii_isdigit(*s))
		return 0;
	for (int i = 0; i < GIG__DATE_FORMATS; i++) {
		if (!letter_first && gig__date_formats[i][1] == 'b')
			continue;
		if (gig__date_parse_fmt(gig__date_formats[i], s, &tmp))
			mask |= UINT64_C(1) << i;
	}
	return mask;
}

bool
gig__date_format_yearless(const char *fmt)
{
	return fmt != NULL && strstr(fmt, "%Y") == NULL && strstr(fmt, "%y") == NULL;
}

gig_date
gig__date_in_year_of(gig_date d, gig_date ref)
{
	int y, m, dd, ry, rm, rd;
	gig_date_to_ymd(d, &y, &m, &dd);
	gig_date_to_ymd(ref, &ry, &rm, &rd);
	int year = (m > rm || (m == rm && dd > rd)) ? ry - 1 : ry;
	/* 29 February of a year that has none: the 28th */
	if (m == 2 && dd == 29 && gig_date_days_in_month(year, 2) < 29)
		dd = 28;
	gig_date out = d;
	return gig_date_from_ymd(&out, year, m, dd) ? out : d;
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
