/* period.c: periods as typed ("2026", "2026-Q3", "2026-11", a day). */
#include <string.h>

#include "gigledger/report_period.h"

static bool
digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!g_ascii_isdigit(s[i]))
			return false;
	return true;
}

static bool
bad_period(const char *text, GError **error)
{
	g_set_error(error, GIG_ERROR, GIG_ERROR_INVALID_INPUT,
	            "'%s' is not a period: give a year (2026), a quarter (2026-Q3), a month "
	            "(2026-11) or a day (2026-11-24)",
	            text);
	return false;
}

bool
gig_period_parse(gig_date *start, gig_date *end, const char *text, gig_date today, GError **error)
{
	g_return_val_if_fail(start != NULL && end != NULL, false);
	if (text == NULL)
		return bad_period("", error);
	size_t n = strlen(text);
	int year = 0;
	if (n >= 4 && digits(text, 4))
		year = (text[0] - '0') * 1000 + (text[1] - '0') * 100 + (text[2] - '0') * 10 +
		       (text[3] - '0');
	int first_month = 0, months = 0;
	if (n == 4 && year > 0) {
		first_month = 1;
		months = 12;
	} else if (n == 7 && year > 0 && text[4] == '-' && (text[5] == 'Q' || text[5] == 'q') &&
	           text[6] >= '1' && text[6] <= '4') {
		first_month = (text[6] - '1') * 3 + 1;
		months = 3;
	} else if (n == 7 && year > 0 && text[4] == '-' && digits(text + 5, 2)) {
		first_month = (text[5] - '0') * 10 + (text[6] - '0');
		months = 1;
		if (first_month < 1 || first_month > 12)
			return bad_period(text, error);
	} else {
		gig_date day;
		g_autoptr(GError) local = NULL;
		if (!gig_date_parse(&day, text, today, &local))
			return bad_period(text, error);
		*start = *end = day;
		return true;
	}
	gig_date a, b;
	int last_month = first_month + months - 1;
	if (!gig_date_from_ymd(&a, year, first_month, 1) ||
	    !gig_date_from_ymd(&b, year, last_month, gig_date_days_in_month(year, last_month)))
		return bad_period(text, error);
	*start = a;
	*end = b;
	return true;
}
