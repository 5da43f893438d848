/* test_date.c: calendar arithmetic and date parsing. */
#include <string.h>

#include "helpers.h"
#include "import_internal.h"

static gig_date
ymd(int y, int m, int d)
{
	gig_date out = 0;
	assert_true(gig_date_from_ymd(&out, y, m, d));
	return out;
}

static void
test_date__epoch_and_known_days(void **state)
{
	(void)state;
	assert_int_equal(ymd(1970, 1, 1), 0);
	assert_int_equal(ymd(1970, 1, 2), 1);
	assert_int_equal(ymd(1969, 12, 31), -1);
	/* 2000-03-01: 30 years of days incl. 7 leap days (72..96 and 2000-02-29) = 11017 */
	assert_int_equal(ymd(2000, 3, 1), 11017);
	/* 2026-11-24 is 20781 days after the epoch (date -d 2026-11-24 +%s / 86400) */
	assert_int_equal(ymd(2026, 11, 24), 20781);
}

static void
test_date__round_trip_every_day(void **state)
{
	(void)state;
	/* every day from 1900 to 2100 survives to_ymd/from_ymd and steps by one */
	gig_date prev = ymd(1899, 12, 31);
	for (int y = 1900; y <= 2100; y++)
		for (int m = 1; m <= 12; m++)
			for (int d = 1; d <= gig_date_days_in_month(y, m); d++) {
				gig_date x = ymd(y, m, d);
				assert_int_equal(x, prev + 1);
				int yy, mm, dd;
				gig_date_to_ymd(x, &yy, &mm, &dd);
				assert_int_equal(yy, y);
				assert_int_equal(mm, m);
				assert_int_equal(dd, d);
				prev = x;
			}
}

static void
test_date__leap_years(void **state)
{
	(void)state;
	gig_date d;
	assert_true(gig_date_from_ymd(&d, 2024, 2, 29));
	assert_true(gig_date_from_ymd(&d, 2000, 2, 29));
	assert_false(gig_date_from_ymd(&d, 1900, 2, 29));
	assert_false(gig_date_from_ymd(&d, 2026, 2, 29));
	assert_false(gig_date_from_ymd(&d, 2026, 13, 1));
	assert_false(gig_date_from_ymd(&d, 2026, 4, 31));
	assert_false(gig_date_from_ymd(&d, 0, 1, 1));
}

static void
test_date__parse(void **state)
{
	(void)state;
	gig_date today = ymd(2026, 11, 24), d = 0;
	assert_true(gig_date_parse(&d, "2026-11-20", today, NULL));
	assert_int_equal(d, ymd(2026, 11, 20));
	assert_true(gig_date_parse(&d, "today", today, NULL));
	assert_int_equal(d, today);
	assert_true(gig_date_parse(&d, "Yesterday", today, NULL));
	assert_int_equal(d, today - 1);
	const char *bad[] = {"2026-02-30", "2026-13-01", "26-11-20",    "2026/11/20",
	                     "",           "2026-11-2",  "2026-11-200", "soon"};
	for (size_t i = 0; i < G_N_ELEMENTS(bad); i++) {
		g_autoptr(GError) error = NULL;
		d = 42;
		bool ok = gig_date_parse(&d, bad[i], today, &error);
		gig_assert_error(ok, error, GIG_ERROR_INVALID_INPUT);
		assert_int_equal(d, 42);
		assert_non_null(strstr(error->message, bad[i]));
	}
}

static void
test_date__months(void **state)
{
	(void)state;
	char buf[GIG_DATE_BUFSZ];
	assert_int_equal(gig_date_add_months(ymd(2026, 1, 31), 1), ymd(2026, 2, 28));
	assert_int_equal(gig_date_add_months(ymd(2024, 1, 31), 1), ymd(2024, 2, 29));
	assert_int_equal(gig_date_add_months(ymd(2026, 11, 15), 3), ymd(2027, 2, 15));
	assert_int_equal(gig_date_add_months(ymd(2026, 3, 31), -1), ymd(2026, 2, 28));
	int mi = gig_date_month_index(ymd(2026, 11, 24));
	assert_int_equal(mi, 2026 * 12 + 10);
	assert_int_equal(gig_date_month_start(mi), ymd(2026, 11, 1));
	assert_string_equal(gig_date_format_month(buf, mi), "2026-11");
	assert_string_equal(gig_date_format(buf, ymd(987, 6, 5)), "0987-06-05");
}

/* ---- bank date shapes (import_sniff_date.c, import_sniff_date_names.c) ---------------- */

/* `text` read with `fmt` is y-m-d. */
static void
assert_reads(const char *fmt, const char *text, int y, int m, int d)
{
	gig_date got = 0;
	if (!gig__date_parse_fmt(fmt, text, &got))
		fail_msg("'%s' not read with %s", text, fmt);
	if (got != ymd(y, m, d)) {
		char buf[GIG_DATE_BUFSZ];
		fail_msg("'%s' with %s read as %s", text, fmt, gig_date_format(buf, got));
	}
	/* the inference finds it too (a format of the list reads it) */
	if (gig__date_candidates(text) == 0)
		fail_msg("'%s' has no candidate format", text);
}

static void
test_date__bank_shapes(void **state)
{
	(void)state;
	assert_reads("%Y:%m:%d", "2023:01:05", 2023, 1, 5);
	/* times with am/pm, seconds, offsets: the date as written, never moved */
	assert_reads("%m/%d/%y", "11/25/22 5:45pm", 2022, 11, 25);
	assert_reads("%m/%d/%Y", "7/31/2023 12:00:00 AM", 2023, 7, 31);
	assert_reads("%Y-%m-%d", "2023-01-05T23:30:00+02:00", 2023, 1, 5);
	assert_reads("%Y-%m-%d", "2023-01-05T23:30:00Z", 2023, 1, 5);
	assert_reads("%Y-%m-%d", "2023-01-05 23:30:00 +0100", 2023, 1, 5);
	assert_reads("%Y-%m-%d", "2023-01-05T00:30:00-08:00", 2023, 1, 5);
	/* CJK */
	assert_reads("%Y年%m月%d日", "2023年1月5日", 2023, 1, 5);
	assert_reads("%Y年%m月%d日", "2023年01月05日", 2023, 1, 5);
	assert_reads("%Y/%m/%d", "2023/1/5", 2023, 1, 5);
	assert_reads("%Y. %m. %d.", "2023. 1. 5.", 2023, 1, 5);
	assert_reads("%Y년 %m월 %d일", "2023년 1월 5일", 2023, 1, 5);
	/* weekday names before the date are skipped */
	assert_reads("%d %b %Y", "Mon, 25 Nov 2022", 2022, 11, 25);
	assert_reads("%d %b %Y", "Tuesday 3 January 2023", 2023, 1, 3);
	assert_reads("%d.%m.%Y", "Di, 03.01.2023", 2023, 1, 3);
	assert_reads("%d/%m/%Y", "segunda-feira, 02/01/2023", 2023, 1, 2);
	assert_reads("%b %d, %Y", "Thursday, January 5, 2023", 2023, 1, 5);
	/* or named by the format */
	assert_reads("%a %d.%m.%Y", "Mi. 04.01.2023", 2023, 1, 4);
	/* month names in several languages */
	assert_reads("%d de %b de %Y", "25 de noviembre de 2022", 2022, 11, 25);
	assert_reads("%d de %b de %Y", "5 de março de 2023", 2023, 3, 5);
	assert_reads("%d. %b %Y", "25. Nov. 2022", 2022, 11, 25);
	assert_reads("%d. %b %Y", "3. März 2023", 2023, 3, 3);
	assert_reads("%d %b %Y", "25 janv. 2023", 2023, 1, 25);
	assert_reads("%d %b %Y", "15 août 2023", 2023, 8, 15);
	assert_reads("%d %b %Y", "1 DÉC. 2023", 2023, 12, 1);
	assert_reads("%d %b %Y", "25 ноября 2022", 2022, 11, 25);
	assert_reads("%d %b %Y", "25 ноября 2022 г.", 2022, 11, 25);
	assert_reads("%d %b %Y", "1 сент. 2023", 2023, 9, 1);
	assert_reads("%d %b %Y", "7 października 2023", 2023, 10, 7);
	assert_reads("%d %b %Y", "7 maja 2023 r.", 2023, 5, 7);
	assert_reads("%d %b %Y", "12 augusti 2023", 2023, 8, 12);
	assert_reads("%d %b %Y", "12 maart 2023", 2023, 3, 12);
	assert_reads("%d %b %Y", "12 dicembre 2023", 2023, 12, 12);
	assert_reads("%d-%b-%y", "3-Jan-23", 2023, 1, 3);
	assert_reads("%d-%b-%Y", "3-Jän-2023", 2023, 1, 3);
	assert_reads("%b %d %Y", "Mar 3 2023", 2023, 3, 3); /* "mar" the month, not mardi */
}

static void
test_date__bank_shapes_refused(void **state)
{
	(void)state;
	gig_date d = 42;
	static const struct {
		const char *fmt, *text, *message;
	} bad[] = {
	    {"%Y:%m:%d", "2023:02:30",
	     "'2023:02:30' is not a date in the format %Y:%m:%d (2023-02 has 28 days)"},
	    {"%Y:%m:%d", "2023:13:01",
	     "'2023:13:01' is not a date in the format %Y:%m:%d (there is no month 13)"},
	    {"%m/%d/%Y", "Reporting Date", "'Reporting Date' is not a date in the format %m/%d/%Y"},
	    {"%d %b %Y", "25 Nomber 2022", "'25 Nomber 2022' is not a date in the format %d %b %Y"},
	    {"%d %b %Y", "Funday 25 Nov 2022",
	     "'Funday 25 Nov 2022' is not a date in the format %d %b %Y"},
	    {"%Y-%m-%d", "2023-01-05X", "'2023-01-05X' is not a date in the format %Y-%m-%d"},
	    {"%Y-%m-%d", "2023-01-05 after",
	     "'2023-01-05 after' is not a date in the format %Y-%m-%d"},
	    {"%d.%m.%Y", "Mon25.01.2023", "'Mon25.01.2023' is not a date in the format %d.%m.%Y"},
	};
	for (size_t i = 0; i < G_N_ELEMENTS(bad); i++) {
		g_autoptr(GError) e = NULL;
		bool ok = gig__date_parse_fmt_error(bad[i].fmt, bad[i].text, &d, &e);
		gig_assert_error(ok, e, GIG_ERROR_INVALID_INPUT);
		assert_string_equal(e->message, bad[i].message);
		assert_false(gig__date_parse_fmt(bad[i].fmt, bad[i].text, &d));
		assert_int_equal(d, 42);
	}
	assert_int_equal(gig__date_candidates("2023:02:30"), 0);
	assert_int_equal(gig__date_candidates("Reporting Date"), 0);
	/* a user's format is checked before any file is read */
	g_autoptr(GError) e1 = NULL, e2 = NULL;
	gig_assert_error(gig__date_format_check("%Y:%m:%q", &e1), e1, GIG_ERROR_INVALID_INPUT);
	assert_non_null(strstr(e1->message, "%q is not a conversion"));
	gig_assert_error(gig__date_format_check("%Y-%m", &e2), e2, GIG_ERROR_INVALID_INPUT);
	assert_non_null(strstr(e2->message, "needs a day"));
	assert_true(gig__date_format_check("%Y:%m:%d", NULL));
	assert_true(gig__date_format_check("%a, %e %B %Y %H:%M", NULL));
}

/* Every spelling in the name table names its own month, in every language
 * (a spelling two languages use for two months would be read wrongly). */
static void
test_date__name_table(void **state)
{
	(void)state;
	assert_true(gig__date_n_langs >= 10);
	for (size_t i = 0; i < gig__date_n_langs; i++)
		for (int m = 0; m < 12; m++) {
			g_auto(GStrv) w = g_strsplit(gig__date_langs[i].months[m], " ", -1);
			for (char **p = w; *p; p++) {
				int got = gig__month_of_name(*p, strlen(*p));
				if (got != m + 1)
					fail_msg("%s '%s' reads as month %d, not %d",
					         gig__date_langs[i].lang, *p, got, m + 1);
			}
		}
	assert_int_equal(gig__month_of_name("AOUT", 4), 8);
	assert_int_equal(gig__month_of_name("Mrz", 3), 3);
	assert_int_equal(gig__month_of_name("monday", 6), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_date__epoch_and_known_days),
	    cmocka_unit_test(test_date__round_trip_every_day),
	    cmocka_unit_test(test_date__leap_years),
	    cmocka_unit_test(test_date__parse),
	    cmocka_unit_test(test_date__months),
	    cmocka_unit_test(test_date__bank_shapes),
	    cmocka_unit_test(test_date__bank_shapes_refused),
	    cmocka_unit_test(test_date__name_table),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
