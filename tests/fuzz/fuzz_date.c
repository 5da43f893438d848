/*
 * fuzz_date.c: the date parsers: gig_date_parse() and gig_date_parse_iso()
 * for typed dates, gig__date_parse_fmt() with every format the importer
 * tries, gig__date_candidates(), and a format taken from the input (the text
 * before the first newline, applied to the rest).  Properties: a parsed date
 * is a real day of years 1-9999 and survives format -> parse_iso; a candidate
 * bit means that format reads the text; month arithmetic stays in range.
 */
#include <string.h>

#include <gigledger/date.h>

#include "fuzz.h"
#include "import_internal.h"

static void
check_date(gig_date d)
{
	int y = 0, m = 0, day = 0;
	gig_date_to_ymd(d, &y, &m, &day);
	fuzz_check(y >= 1 && y <= 9999 && m >= 1 && m <= 12 && day >= 1 &&
	           day <= gig_date_days_in_month(y, m));
	char buf[GIG_DATE_BUFSZ];
	gig_date back = 0;
	fuzz_check(gig_date_parse_iso(&back, gig_date_format(buf, d), NULL) && back == d);
	fuzz_check(gig_date_month_start(gig_date_month_index(d)) <= d);
	gig_date next = gig_date_add_months(d, 1);
	if (y < 9999 || m < 12)
		fuzz_check(next > d && gig_date_month_index(next) == gig_date_month_index(d) + 1);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = g_strndup((const char *)data, size);
	gig_date d = 0, today = 0;
	fuzz_check(gig_date_from_ymd(&today, 2026, 12, 3));
	GError *e = NULL;
	if (gig_date_parse_iso(&d, text, &e))
		check_date(d);
	else
		g_clear_error(&e);
	if (gig_date_parse(&d, text, today, &e))
		check_date(d);
	else
		g_clear_error(&e);

	if (g_utf8_validate(text, -1, NULL)) {
		uint64_t mask = gig__date_candidates(text);
		const char *s = text;
		while (*s == ' ')
			s++;
		for (int i = 0; i < GIG__DATE_FORMATS; i++) {
			bool ok = gig__date_parse_fmt(gig__date_formats[i], text, &d);
			if (ok)
				check_date(d);
			if (mask & (UINT64_C(1) << i))
				fuzz_check(gig__date_parse_fmt(gig__date_formats[i], s, &d));
		}
		char *nl = strchr(text, '\n');
		if (nl != NULL) {
			*nl = '\0';
			if (gig__date_parse_fmt(text, nl + 1, &d))
				check_date(d);
		}
	}
	g_free(text);
	return 0;
}
