/*
 * test_rates.c: exact rates (gig_rate_parse), the conversion arithmetic
 * (gig_rate_apply), the rates files, and gig_convert's choice of rate.  Every
 * expected figure is worked out by hand in the comment beside it (and checked
 * with Python's fractions.Fraction).
 */
#include <string.h>

#include <gigledger/rates.h>

#include "helpers.h"

static gig_date
ymd(int y, int m, int d)
{
	gig_date out;
	assert_true(gig_date_from_ymd(&out, y, m, d));
	return out;
}

static void
test_rates__parse(void **state)
{
	(void)state;
	struct {
		const char *text, *canon;
		int64_t num;
		int scale;
	} good[] = {
	    {"0.92", "0.92", 92, 2},
	    {"0.9200", "0.92", 92, 2},
	    {"007.50", "7.5", 75, 1},
	    {"155.53", "155.53", 15553, 2},
	    {" 1 ", "1", 1, 0},
	    {".5", "0.5", 5, 1},
	    {"16719.01", "16719.01", 1671901, 2},
	    {"0.000000000001", "0.000000000001", 1, 12},
	};
	for (size_t i = 0; i < G_N_ELEMENTS(good); i++) {
		int64_t num = 0;
		int scale = -1;
		char canon[GIG_RATE_TEXT_MAX];
		GError *error = NULL;
		bool ok = gig_rate_parse(&num, &scale, canon, good[i].text, &error);
		gig_assert_ok(ok, error);
		assert_string_equal(canon, good[i].canon);
		assert_int_equal(num, good[i].num);
		assert_int_equal(scale, good[i].scale);
	}
	const char *bad[] = {"",
	                     "0",
	                     "0.000",
	                     "-1",
	                     "+1",
	                     "1e3",
	                     "1,5",
	                     "1.2.3",
	                     "abc",
	                     "N/A",
	                     "0.0000000000001",
	                     "1234567890123456789"};
	for (size_t i = 0; i < G_N_ELEMENTS(bad); i++) {
		int64_t num = 42;
		int scale = 42;
		GError *error = NULL;
		bool ok = gig_rate_parse(&num, &scale, NULL, bad[i], &error);
		gig_assert_error(ok, error, GIG_ERROR_INVALID_INPUT);
		assert_int_equal(num, 42);
		g_clear_error(&error);
	}
}

static int64_t
apply(int64_t amount, int fe, int te, int64_t num, int scale, bool invert)
{
	gig_rate_leg leg = {num, scale, invert};
	int64_t out = 0;
	GError *error = NULL;
	bool ok = gig_rate_apply(&out, amount, fe, te, &leg, 1, &error);
	gig_assert_ok(ok, error);
	return out;
}

static void
test_rates__apply_rounding(void **state)
{
	(void)state;
	/* 0.05 * 0.5 = 0.025 -> 0.03; half away from zero both ways */
	assert_int_equal(apply(5, 2, 2, 5, 1, false), 3);
	assert_int_equal(apply(-5, 2, 2, 5, 1, false), -3);
	/* 0.25 * 0.5 = 0.125 -> 0.13 and -0.13 */
	assert_int_equal(apply(25, 2, 2, 5, 1, false), 13);
	assert_int_equal(apply(-25, 2, 2, 5, 1, false), -13);
	/* 0.07 * 0.5 = 0.035 -> 0.04; 0.03 * 0.5 = 0.015 -> 0.02; 0.01 * 0.4 = 0.004 -> 0 */
	assert_int_equal(apply(7, 2, 2, 5, 1, false), 4);
	assert_int_equal(apply(3, 2, 2, 5, 1, false), 2);
	assert_int_equal(apply(1, 2, 2, 4, 1, false), 0);
	/* JPY (0 decimals): 12.35 EUR * 155.53 = 1920.7955 -> 1921 JPY */
	assert_int_equal(apply(1235, 2, 0, 15553, 2, false), 1921);
	/* 1000 JPY / 155.53 = 6.42963... -> 6.43 EUR (inverse of EUR->JPY) */
	assert_int_equal(apply(1000, 0, 2, 15553, 2, true), 643);
	/* JOD (3 decimals): 0.01 EUR * 0.7712 = 0.007712 -> 0.008 JOD */
	assert_int_equal(apply(1, 2, 3, 7712, 4, false), 8);
	/* 10.000 JOD / 0.7712 = 12.96680... -> 12.97 EUR */
	assert_int_equal(apply(10000, 3, 2, 7712, 4, true), 1297);
	/* 100.00 USD / 1.0777 = 92.79020... -> 92.79 EUR */
	assert_int_equal(apply(10000, 2, 2, 10777, 4, true), 9279);

	/* cross: 100.00 USD / 1.0777 * 0.8569 = 79.51192... -> 79.51 GBP */
	gig_rate_leg cross[2] = {{10777, 4, true}, {8569, 4, false}};
	int64_t out = 0;
	GError *error = NULL;
	bool ok = gig_rate_apply(&out, 10000, 2, 2, cross, 2, &error);
	gig_assert_ok(ok, error);
	assert_int_equal(out, 7951);

	/* the largest EUR amount in IDR does not fit: OVERFLOW, *out untouched */
	out = 77;
	gig_rate_leg idr = {1671901, 2, false};
	ok = gig_rate_apply(&out, GIG_AMOUNT_MAX, 2, 2, &idr, 1, &error);
	gig_assert_error(ok, error, GIG_ERROR_OVERFLOW);
	assert_int_equal(out, 77);
	g_clear_error(&error);
}

static void
import_ok(gig_test_ledger *t, const char *name, gig_rates_import_result *res)
{
	g_autofree char *path = gig_test_data_path(name);
	GError *error = NULL;
	bool ok = gig_ledger_rates_import(t->ledger, path, res, &error);
	gig_assert_ok(ok, error);
}

static guint
rate_count(gig_test_ledger *t)
{
	g_autoptr(GPtrArray) list = NULL;
	GError *error = NULL;
	bool ok = gig_ledger_rates(t->ledger, &list, &error);
	gig_assert_ok(ok, error);
	return list->len;
}

static void
test_rates__import_ecb(void **state)
{
	(void)state;
	gig_test_ledger *t = gig_test_ledger_new("EUR");
	gig_rates_import_result res;
	import_ok(t, "rates/ecb_small.csv", &res);
	/* 3 rows x 4 currencies = 12 cells, of which JPY on 12-07 and JOD x 3 are N/A */
	assert_true(res.ecb);
	assert_int_equal(res.rows, 3);
	assert_int_equal(res.added, 8);
	assert_int_equal(res.gaps, 4);
	assert_int_equal(rate_count(t), 8);
	/* again: nothing new */
	import_ok(t, "rates/ecb_small.csv", &res);
	assert_int_equal(res.added, 0);
	assert_int_equal(res.unchanged, 8);
	assert_int_equal(res.replaced, 0);
	assert_int_equal(rate_count(t), 8);

	g_autoptr(GPtrArray) list = NULL;
	GError *error = NULL;
	assert_true(gig_ledger_rates(t->ledger, &list, &error));
	const gig_rate *first = g_ptr_array_index(list, 0); /* EUR/GBP, oldest first */
	assert_string_equal(first->base, "EUR");
	assert_string_equal(first->quote, "GBP");
	assert_string_equal(first->rate, "0.8571");
	assert_string_equal(first->source, "ecb");
	assert_int_equal(first->on, ymd(2023, 12, 7));
	gig_test_ledger_free(t);
}

static void
import_fails(gig_test_ledger *t, const char *name, const char *where)
{
	g_autofree char *path = gig_test_data_path(name);
	gig_rates_import_result res = {.rows = -7};
	GError *error = NULL;
	bool ok = gig_ledger_rates_import(t->ledger, path, &res, &error);
	gig_assert_error(ok, error, GIG_ERROR_INVALID_INPUT);
	if (strstr(error->message, where) == NULL)
		fail_msg("'%s' does not name '%s'", error->message, where);
	assert_int_equal(res.rows, -7);
	g_clear_error(&error);
}

static void
test_rates__import_errors_write_nothing(void **state)
{
	(void)state;
	gig_test_ledger *t = gig_test_ledger_new("EUR");
	/* line 2 is good, line 3 has a negative rate: nothing of the file stays */
	import_fails(t, "rates/bad_pairs.csv", "bad_pairs.csv:3: rate '-1'");
	import_fails(t, "rates/bad_ecb.csv", "bad_ecb.csv:3: column GBP: rate 'zero'");
	import_fails(t, "rates/header_only.csv", "header_only.csv: no rates in the file");
	import_fails(t, "rates/bad_header.csv", "bad_header.csv:1: ");
	import_fails(t, "rates/short_row.csv", "short_row.csv:2: 3 fields, expected 4");
	assert_int_equal(rate_count(t), 0);
	/* a pair file imports, with its header */
	gig_rates_import_result res;
	import_ok(t, "rates/pairs.csv", &res);
	assert_false(res.ecb);
	assert_int_equal(res.added, 2);
	gig_test_ledger_free(t);
}

static void
test_rates__set(void **state)
{
	(void)state;
	gig_test_ledger *t = gig_test_ledger_new("EUR");
	GError *error = NULL;
	bool changed = false;
	gig_date on = ymd(2024, 1, 5);
	bool ok = gig_ledger_rate_set(t->ledger, "usd", "EUR", "0.920", on, NULL, &changed, &error);
	gig_assert_ok(ok, error);
	assert_true(changed);
	ok = gig_ledger_rate_set(t->ledger, "USD", "EUR", "0.92", on, NULL, &changed, &error);
	gig_assert_ok(ok, error);
	assert_false(changed);
	ok = gig_ledger_rate_set(t->ledger, "USD", "EUR", "0.93", on, NULL, &changed, &error);
	gig_assert_ok(ok, error);
	assert_true(changed);
	assert_int_equal(rate_count(t), 1);
	const char *bad[][3] = {{"USD", "USD", "1"}, {"US", "EUR", "1"},   {"USD", "EU1", "1"},
	                        {"USD", "EUR", "0"}, {"USD", "EUR", "-2"}, {"USD", "EUR", "x"}};
	for (size_t i = 0; i < G_N_ELEMENTS(bad); i++) {
		ok = gig_ledger_rate_set(t->ledger, bad[i][0], bad[i][1], bad[i][2], on, NULL, NULL,
		                         &error);
		gig_assert_error(ok, error, GIG_ERROR_INVALID_INPUT);
		g_clear_error(&error);
	}
	assert_int_equal(rate_count(t), 1);
	gig_test_ledger_free(t);
}

static gig_conversion
convert(gig_test_ledger *t, int64_t amount, const char *from, const char *to, gig_date on)
{
	gig_conversion c;
	GError *error = NULL;
	bool ok = gig_convert(t->ledger, amount, from, to, on, &c, &error);
	gig_assert_ok(ok, error);
	return c;
}

static void
test_rates__convert(void **state)
{
	(void)state;
	gig_test_ledger *t = gig_test_ledger_new("EUR");
	gig_rates_import_result res;
	import_ok(t, "rates/ecb_small.csv", &res);
	import_ok(t, "rates/pairs.csv", &res);

	/* direct, a Sunday: the Friday 2023-12-08 rate; 10.00 EUR * 155.53 = 1555.3 -> 1555 JPY */
	gig_conversion c = convert(t, 1000, "EUR", "JPY", ymd(2023, 12, 10));
	assert_int_equal(c.minor, 1555);
	assert_string_equal(c.currency, "JPY");
	assert_int_equal(c.rate_on, ymd(2023, 12, 8));
	assert_int_equal(c.n_legs, 1);
	assert_false(c.inverted[0]);
	/* 2023-12-07 has no JPY (N/A): no earlier rate either */
	GError *error = NULL;
	bool ok = gig_convert(t->ledger, 1000, "EUR", "JPY", ymd(2023, 12, 7), &c, &error);
	gig_assert_error(ok, error, GIG_ERROR_NOT_FOUND);
	g_clear_error(&error);

	/* inverse: 100.00 USD / 1.0777 = 92.79 EUR on 2023-12-08 */
	c = convert(t, 10000, "USD", "EUR", ymd(2023, 12, 8));
	assert_int_equal(c.minor, 9279);
	assert_true(c.inverted[0]);
	g_autofree char *text = gig_conversion_describe(&c);
	assert_string_equal(text, "1 EUR = 1.0777 USD on 2023-12-08 (inverted)");
	/* from 2024-01-05 the direct USD->EUR 0.92 is newer: 100.00 USD = 92.00 EUR */
	c = convert(t, 10000, "USD", "EUR", ymd(2024, 2, 1));
	assert_int_equal(c.minor, 9200);
	assert_int_equal(c.rate_on, ymd(2024, 1, 5));
	assert_false(c.inverted[0]);

	/* cross: 100.00 USD / 1.0777 * 0.8569 = 79.51 GBP; -100.00 USD = -79.51 GBP */
	c = convert(t, 10000, "USD", "GBP", ymd(2023, 12, 8));
	assert_int_equal(c.minor, 7951);
	assert_int_equal(c.n_legs, 2);
	assert_int_equal(c.rate_on, ymd(2023, 12, 8));
	c = convert(t, -10000, "USD", "GBP", ymd(2023, 12, 8));
	assert_int_equal(c.minor, -7951);
	/* cross with a JOD leg from pairs.csv (2024-01-05) and USD->EUR 0.92 the same day:
	 * 100.00 USD * 0.92 * 0.7712 = 70.9504 -> 70.950 JOD */
	c = convert(t, 10000, "USD", "JOD", ymd(2024, 1, 5));
	assert_int_equal(c.minor, 70950);
	assert_int_equal(c.n_legs, 2);
	/* JOD -> JPY: 1.000 JOD / 0.7712 * 157.9 (2023-12-11) = 204.746... -> 205 JPY;
	 * the cross is as old as its older leg */
	c = convert(t, 1000, "JOD", "JPY", ymd(2024, 1, 5));
	assert_int_equal(c.minor, 205);
	assert_int_equal(c.rate_on, ymd(2023, 12, 11));

	/* the same currency needs no rate */
	c = convert(t, 123, "gbp", "GBP", ymd(1999, 1, 1));
	assert_int_equal(c.minor, 123);
	assert_int_equal(c.n_legs, 0);

	/* before the first rate: refused, naming the first date and what to do */
	ok = gig_convert(t->ledger, 10000, "USD", "EUR", ymd(2023, 12, 6), &c, &error);
	gig_assert_error(ok, error, GIG_ERROR_NOT_FOUND);
	assert_non_null(
	    strstr(error->message, "no USD->EUR exchange rate on or before 2023-12-06"));
	assert_non_null(strstr(error->message, "first USD/EUR rate is on 2023-12-07"));
	assert_non_null(strstr(error->message, "gig rates import"));
	g_clear_error(&error);
	/* a currency no rate mentions, and one that is no code */
	ok = gig_convert(t->ledger, 100, "CHF", "EUR", ymd(2024, 1, 5), &c, &error);
	gig_assert_error(ok, error, GIG_ERROR_NOT_FOUND);
	assert_non_null(strstr(error->message, "gig rates set CHF EUR RATE"));
	g_clear_error(&error);
	ok = gig_convert(t->ledger, 100, "C$", "EUR", ymd(2024, 1, 5), &c, &error);
	gig_assert_error(ok, error, GIG_ERROR_INVALID_INPUT);
	g_clear_error(&error);
	gig_test_ledger_free(t);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_rates__parse),
	    cmocka_unit_test(test_rates__apply_rounding),
	    cmocka_unit_test(test_rates__import_ecb),
	    cmocka_unit_test(test_rates__import_errors_write_nothing),
	    cmocka_unit_test(test_rates__set),
	    cmocka_unit_test(test_rates__convert),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
