/*
 * date.c: proleptic Gregorian calendar arithmetic on day numbers.
 *
 * Conversions use the "days from civil" construction: shift the year so
 * that it starts in March (putting the leap day last), then count 400-year
 * eras of 146097 days.  All integer, valid for the years 1..9999 we accept.
 */
#include <stdio.h>
#include <string.h>

#include "gigledger/date.h"

static bool
is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int
gig_date_days_in_month(int year, int month)
{
	static const int len[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (month < 1 || month > 12)
		return 0;
	return month == 2 && is_leap(year) ? 29 : len[month - 1];
}

static gig_date
days_from_civil(int y, int m, int d)
{
	y -= m <= 2;
	int era = (y >= 0 ? y : y - 399) / 400;
	int yoe = y - era * 400;                                  /* [0, 399] */
	int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1; /* [0, 365] */
	int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;          /* [0, 146096] */
	return era * 146097 + doe - 719468;
}

bool
gig_date_from_ymd(gig_date *out, int year, int month, int day)
{
	if (year < 1 || year > 9999 || day < 1 || day > gig_date_days_in_month(year, month))
		return false;
	*out = days_from_civil(year, month, day);
	return true;
}

void
gig_date_to_ymd(gig_date date, int *year, int *month, int *day)
{
	int z = date + 719468;
	int era = (z >= 0 ? z : z - 146096) / 146097;
	int doe = z - era * 146097;
	int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int y = yoe + era * 400;
	int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int mp = (5 * doy + 2) / 153;
	int d = doy - (153 * mp + 2) / 5 + 1;
	int m = mp < 10 ? mp + 3 : mp - 9;
	if (year)
		*year = y + (m <= 2);
	if (month)
		*month = m;
	if (day)
		*day = d;
}

char *
gig_date_format(char *buf, gig_date date)
{
	int y, m, d;
	gig_date_to_ymd(date, &y, &m, &d);
	snprintf(buf, GIG_DATE_BUFSZ, "%04d-%02d-%02d", y, m, d);
	return buf;
}

char *
gig_date_format_month(char *buf, int month_index)
{
	int y = month_index >= 0 ? month_index / 12 : (month_index - 11) / 12;
	snprintf(buf, GIG_DATE_BUFSZ, "%04d-%02d", y, month_index - y * 12 + 1);
	return buf;
}

/* Reads exactly `n` digits; false if any is missing. */
static bool
read_digits(const char *s, int n, int *out)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (!g_ascii_isdigit(s[i]))
			return false;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return true;
}

bool
gig_date_parse_iso(gig_date *out, const char *text, GError **error)
{
	int y, m, d;
	if (text && strlen(text) == 10 && read_digits(text, 4, &y) && text[4] == '-' &&
	    read_digits(text + 5, 2, &m) && text[7] == '-' && read_digits(text + 8, 2, &d)) {
		if (gig_date_from_ymd(out, y, m, d))
			return true;
		g_set_error(error, GIG_ERROR, GIG_ERROR_INVALID_INPUT,
		            "date '%s' does not exist in the calendar", text);
		return false;
	}
	g_set_error(error, GIG_ERROR, GIG_ERROR_INVALID_INPUT,
	            "date '%s' is not a date (expected YYYY-MM-DD, 'today' or 'yesterday')",
	            text ? text : "");
	return false;
}

bool
gig_date_parse(gig_date *out, const char *text, gig_date today, GError **error)
{
	if (text && g_ascii_strcasecmp(text, "today") == 0) {
		*out = today;
		return true;
	}
	if (text && g_ascii_strcasecmp(text, "yesterday") == 0) {
		*out = today - 1;
		return true;
	}
	if (text && g_ascii_strcasecmp(text, "tomorrow") == 0) {
		*out = today + 1;
		return true;
	}
	return gig_date_parse_iso(out, text, error);
}

gig_date
gig_date_add_months(gig_date date, int months)
{
	int y, m, d;
	gig_date_to_ymd(date, &y, &m, &d);
	int idx = y * 12 + (m - 1) + months;
	y = idx / 12;
	m = idx % 12 + 1;
	int last = gig_date_days_in_month(y, m);
	return days_from_civil(y, m, d > last ? last : d);
}

int
gig_date_month_index(gig_date date)
{
	int y, m;
	gig_date_to_ymd(date, &y, &m, NULL);
	return y * 12 + (m - 1);
}

gig_date
gig_date_month_start(int month_index)
{
	return days_from_civil(month_index / 12, month_index % 12 + 1, 1);
}
