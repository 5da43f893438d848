/* test_date.c: calendar arithmetic and date parsing. */
#include <string.h>

#include "helpers.h"

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

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_date__epoch_and_known_days),
	    cmocka_unit_test(test_date__round_trip_every_day),
	    cmocka_unit_test(test_date__leap_years),
	    cmocka_unit_test(test_date__parse),
	    cmocka_unit_test(test_date__months),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
