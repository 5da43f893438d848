/* test_money.c: exact amount parsing/formatting, exponents, overflow. */
#include "helpers.h"

static int64_t
parse_ok(const char *text, int exponent)
{
	GError *error = NULL;
	int64_t v = 0;
	bool ok = gig_money_parse(&v, text, exponent, &error);
	gig_assert_ok(ok, error);
	return v;
}

static void
parse_fails(const char *text, int exponent, int code)
{
	g_autoptr(GError) error = NULL;
	int64_t v = 12345;
	bool ok = gig_money_parse(&v, text, exponent, &error);
	gig_assert_error(ok, error, code);
	assert_int_equal(v, 12345); /* untouched on failure */
}

static void
test_money__parse_user_forms(void **state)
{
	(void)state;
	assert_int_equal(parse_ok("1200", 2), 120000);
	assert_int_equal(parse_ok("1200.5", 2), 120050);
	assert_int_equal(parse_ok("1,200.50", 2), 120050);
	assert_int_equal(parse_ok("-49.99", 2), -4999);
	assert_int_equal(parse_ok("+3", 2), 300);
	assert_int_equal(parse_ok("  7.10 ", 2), 710);
	assert_int_equal(parse_ok(".5", 2), 50);
	assert_int_equal(parse_ok("1,234,567.89", 2), 123456789);
	assert_int_equal(parse_ok("0", 2), 0);
}

static void
test_money__exponent_zero_and_three(void **state)
{
	(void)state;
	assert_int_equal(gig_currency_exponent("JPY"), 0);
	assert_int_equal(gig_currency_exponent("jod"), 3);
	assert_int_equal(gig_currency_exponent("EUR"), 2);
	assert_int_equal(gig_currency_exponent("XYZ"), 2);
	assert_int_equal(gig_currency_exponent("EU"), -1);
	assert_int_equal(gig_currency_exponent("E1R"), -1);
	assert_int_equal(parse_ok("1,500", 0), 1500);
	assert_int_equal(parse_ok("4.750", 3), 4750);
	assert_int_equal(parse_ok("4.75", 3), 4750);
	parse_fails("12.5", 0, GIG_ERROR_INVALID_INPUT);
	parse_fails("1.2345", 3, GIG_ERROR_INVALID_INPUT);
}

static void
test_money__rejects_garbage(void **state)
{
	(void)state;
	parse_fails("", 2, GIG_ERROR_INVALID_INPUT);
	parse_fails("-", 2, GIG_ERROR_INVALID_INPUT);
	parse_fails("12a", 2, GIG_ERROR_INVALID_INPUT);
	parse_fails("1.2.3", 2, GIG_ERROR_INVALID_INPUT);
	parse_fails("1,20.00", 2, GIG_ERROR_INVALID_INPUT);  /* bad grouping */
	parse_fails("1234,567", 2, GIG_ERROR_INVALID_INPUT); /* group after 4 digits */
	parse_fails(",100", 2, GIG_ERROR_INVALID_INPUT);
	parse_fails("1.999", 2, GIG_ERROR_INVALID_INPUT); /* never rounds */
	parse_fails("--5", 2, GIG_ERROR_INVALID_INPUT);
}

static void
test_money__overflow(void **state)
{
	(void)state;
	/* INT64_MAX = 9223372036854775807: as cents that is 92233720368547758.07 */
	assert_int_equal(parse_ok("92233720368547758.07", 2), INT64_MAX);
	assert_true(parse_ok("-92233720368547758.08", 2) == INT64_MIN);
	parse_fails("92233720368547758.08", 2, GIG_ERROR_OVERFLOW);
	parse_fails("99999999999999999999999", 0, GIG_ERROR_OVERFLOW);
	parse_fails("9223372036854775808", 0, GIG_ERROR_OVERFLOW);
	int64_t out = 0;
	assert_false(gig_money_add(&out, INT64_MAX, 1));
	assert_false(gig_money_sub(&out, INT64_MIN, 1));
	assert_true(gig_money_add(&out, -5, 3));
	assert_int_equal(out, -2);
}

static void
test_money__format(void **state)
{
	(void)state;
	char buf[GIG_MONEY_BUFSZ];
	assert_string_equal(gig_money_format(buf, 120050, 2, false), "1200.50");
	assert_string_equal(gig_money_format(buf, 120050, 2, true), "1,200.50");
	assert_string_equal(gig_money_format(buf, -5, 2, false), "-0.05");
	assert_string_equal(gig_money_format(buf, 0, 2, false), "0.00");
	assert_string_equal(gig_money_format(buf, 1500, 0, true), "1,500");
	assert_string_equal(gig_money_format(buf, -97960, 3, false), "-97.960");
	assert_string_equal(gig_money_format(buf, 999, 0, true), "999");
	assert_string_equal(gig_money_format(buf, 100000000, 2, true), "1,000,000.00");
	assert_string_equal(gig_money_format(buf, INT64_MIN, 2, true),
	                    "-92,233,720,368,547,758.08");
	assert_string_equal(gig_money_format(buf, INT64_MAX, 0, false), "9223372036854775807");
}

static void
test_money__round_trip(void **state)
{
	(void)state;
	/* format then parse gives the same minor units, for several exponents */
	const int64_t values[] = {0, 1, -1, 99, 100, 123456789, -98765, INT64_MAX, INT64_MIN + 1};
	for (int e = 0; e <= 3; e++)
		for (size_t i = 0; i < G_N_ELEMENTS(values); i++) {
			char buf[GIG_MONEY_BUFSZ];
			gig_money_format(buf, values[i], e, true);
			assert_true(parse_ok(buf, e) == values[i]);
		}
}

static void
test_money__scale_bp(void **state)
{
	(void)state;
	int64_t out = 0;
	assert_true(gig_money_scale_bp(&out, 100000, 2500)); /* 25 % of 1000.00 */
	assert_int_equal(out, 25000);
	assert_true(gig_money_scale_bp(&out, 3, 5000)); /* 1.5 -> 2 (half away from zero) */
	assert_int_equal(out, 2);
	assert_true(gig_money_scale_bp(&out, -3, 5000));
	assert_int_equal(out, -2);
	assert_false(gig_money_scale_bp(&out, INT64_MAX, 2));
}

static void
test_money__currency_normalize(void **state)
{
	(void)state;
	char cur[4];
	g_autoptr(GError) error = NULL;
	assert_true(gig_currency_normalize(cur, "usd", NULL));
	assert_string_equal(cur, "USD");
	bool ok = gig_currency_normalize(cur, "dollars", &error);
	gig_assert_error(ok, error, GIG_ERROR_INVALID_INPUT);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_money__parse_user_forms),
	    cmocka_unit_test(test_money__exponent_zero_and_three),
	    cmocka_unit_test(test_money__rejects_garbage),
	    cmocka_unit_test(test_money__overflow),
	    cmocka_unit_test(test_money__format),
	    cmocka_unit_test(test_money__round_trip),
	    cmocka_unit_test(test_money__scale_bp),
	    cmocka_unit_test(test_money__currency_normalize),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
