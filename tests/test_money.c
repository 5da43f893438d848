/* test_money.c: exact amount parsing/formatting, exponents, overflow. */
#include "helpers.h"
#include "internal.h"

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

/* Issue 10: the message quotes the value, then says what an amount looks like. */
static void
test_money__parse_messages(void **state)
{
	(void)state;
	static const struct {
		const char *text, *message;
	} cases[] = {
	    {"12,34.5",
	     "'12,34.5' is not an amount (expected e.g. 1200, 1200.50, 1,200.50 or -49.99)"},
	    {"12.345", "'12.345' is not an amount of this currency: it has more than 2 decimals"},
	    {"10000000000000.00",
	     "'10000000000000.00' is not an amount the ledger can hold: amounts "
	     "are limited to " GIG_AMOUNT_MAX_TEXT " minor units"},
	};
	for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
		g_autoptr(GError) e = NULL;
		int64_t v = 0;
		assert_false(gig_money_parse(&v, cases[i].text, 2, &e));
		if (!g_str_has_prefix(e->message, cases[i].message))
			fail_msg("'%s': %s", cases[i].text, e->message);
	}
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
	/* GIG_AMOUNT_MAX = 10^15 - 1 minor units: 9,999,999,999,999.99 with two decimals */
	assert_true(parse_ok("9999999999999.99", 2) == GIG_AMOUNT_MAX);
	assert_true(parse_ok("-9,999,999,999,999.99", 2) == -GIG_AMOUNT_MAX);
	assert_true(parse_ok("999999999999999", 0) == GIG_AMOUNT_MAX);
	parse_fails("10000000000000.00", 2, GIG_ERROR_OVERFLOW);
	parse_fails("-10000000000000", 2, GIG_ERROR_OVERFLOW);
	parse_fails("1000000000000000", 0, GIG_ERROR_OVERFLOW);
	/* issue 9 item 5: INT64_MAX cents used to be accepted and then filled the
	 * month's running total so that no other write fitted */
	parse_fails("92233720368547758.07", 2, GIG_ERROR_OVERFLOW);
	parse_fails("-92233720368547758.08", 2, GIG_ERROR_OVERFLOW);
	parse_fails("99999999999999999999999", 0, GIG_ERROR_OVERFLOW);
	parse_fails("9223372036854775808", 0, GIG_ERROR_OVERFLOW);
	/* the message says the bound */
	g_autoptr(GError) error = NULL;
	int64_t v = 0;
	assert_false(gig_money_parse(&v, "92233720368547758.07", 2, &error));
	assert_non_null(strstr(error->message, "999999999999999"));
	int64_t out = 0;
	assert_false(gig_money_add(&out, INT64_MAX, 1));
	assert_false(gig_money_sub(&out, INT64_MIN, 1));
	assert_true(gig_money_add(&out, -5, 3));
	assert_int_equal(out, -2);
	assert_true(gig_amount_ok(GIG_AMOUNT_MAX) && gig_amount_ok(-GIG_AMOUNT_MAX));
	assert_false(gig_amount_ok(GIG_AMOUNT_MAX + 1) || gig_amount_ok(INT64_MIN));
}

/* gig__amount_scan() of a whole string, -1 on failure with *st set. */
static int64_t
scan(const char *text, char mark, unsigned seps, int exponent, gig__amount_status *st)
{
	int64_t v = -1;
	*st = gig__amount_scan(text, strlen(text), mark, seps, exponent, true, &v);
	return *st == GIG__AMOUNT_OK ? v : -1;
}

/* the importer's columns: any separator kind but the mark */
static int64_t
dot_col(const char *text, gig__amount_status *st)
{
	return scan(text, '.', GIG__SEP_ALL, 2, st);
}

static int64_t
comma_col(const char *text, gig__amount_status *st)
{
	return scan(text, ',', GIG__SEP_ALL, 2, st);
}

/* Issue 9 item 1: each of these was read 10-100x off by the importer (the
 * separators before the mark were skipped); gig_money_parse already refused them. */
static void
test_money__grammar_rejects_bad_grouping(void **state)
{
	(void)state;
	gig__amount_status st;
	static const struct {
		const char *text;
		gig__amount_status want;
	} dot[] = {
	    {"1,23", GIG__AMOUNT_GROUPING},  /* was 123.00 */
	    {"12,5", GIG__AMOUNT_GROUPING},  /* was 125.00 */
	    {",5", GIG__AMOUNT_GROUPING},    /* was 5.00 */
	    {"1,,2", GIG__AMOUNT_GROUPING},  /* was 12.00 */
	    {"1 2 3", GIG__AMOUNT_GROUPING}, /* was 123.00 */
	    {"1234,567", GIG__AMOUNT_GROUPING},
	    {"1,234,56", GIG__AMOUNT_GROUPING},
	    {"123,45,678", GIG__AMOUNT_GROUPING},
	    {"0,123", GIG__AMOUNT_GROUPING},
	    {"1,234 567.00", GIG__AMOUNT_MIXED},
	    {"1'234,567.00", GIG__AMOUNT_MIXED},
	    {"1,234.", GIG__AMOUNT_OK},
	    {"1.23.4", GIG__AMOUNT_AFTER_MARK},
	    {"1.23,4", GIG__AMOUNT_AFTER_MARK},
	    {"1.999", GIG__AMOUNT_DECIMALS},
	    {"1,234.5x", GIG__AMOUNT_JUNK},
	    {"", GIG__AMOUNT_EMPTY},
	    {".", GIG__AMOUNT_EMPTY},
	    {",", GIG__AMOUNT_GROUPING},
	    {"10000000000000.00", GIG__AMOUNT_TOO_LARGE},
	};
	for (size_t i = 0; i < G_N_ELEMENTS(dot); i++) {
		int64_t v = dot_col(dot[i].text, &st);
		if (st != dot[i].want)
			fail_msg("dot column '%s': status %d, want %d (value %" G_GINT64_FORMAT ")",
			         dot[i].text, st, dot[i].want, v);
	}
	/* the same mistakes the other way round in a comma-decimal column */
	static const struct {
		const char *text;
		gig__amount_status want;
	} comma[] = {
	    {"1.23", GIG__AMOUNT_GROUPING}, /* was 123.00 */
	    {"12.5", GIG__AMOUNT_GROUPING}, /* was 125.00 */
	    {".5", GIG__AMOUNT_GROUPING},   /* was 5.00 */
	    {"1..2", GIG__AMOUNT_GROUPING}, /* was 12.00 */
	    {"1 2 3", GIG__AMOUNT_GROUPING},    {"1.234 567,00", GIG__AMOUNT_MIXED},
	    {"1,23,4", GIG__AMOUNT_AFTER_MARK}, {"1,999", GIG__AMOUNT_DECIMALS},
	};
	for (size_t i = 0; i < G_N_ELEMENTS(comma); i++) {
		int64_t v = comma_col(comma[i].text, &st);
		if (st != comma[i].want)
			fail_msg("comma column '%s': status %d, want %d (value %" G_GINT64_FORMAT
			         ")",
			         comma[i].text, st, comma[i].want, v);
	}
	/* a failure leaves *out alone */
	int64_t v = 77;
	assert_int_equal(gig__amount_scan("1,23", 4, '.', GIG__SEP_ALL, 2, true, &v),
	                 GIG__AMOUNT_GROUPING);
	assert_int_equal(v, 77);
	/* the length is a bound: nothing past it is read */
	assert_int_equal(gig__amount_scan("12,345", 2, '.', GIG__SEP_ALL, 2, true, &v),
	                 GIG__AMOUNT_OK);
	assert_int_equal(v, 1200);
	/* a separator the caller does not allow is not a number */
	assert_int_equal(scan("1'234.00", '.', GIG__SEP_COMMA, 2, &st), -1);
	assert_int_equal(st, GIG__AMOUNT_JUNK);
}

static void
test_money__grammar_accepts_real_shapes(void **state)
{
	(void)state;
	gig__amount_status st;
	assert_int_equal(dot_col("1,234.56", &st), 123456);
	assert_int_equal(comma_col("1.234,56", &st), 123456);
	assert_int_equal(dot_col("1'234.56", &st), 123456);
	assert_int_equal(dot_col("11\xe2\x80\x99"
	                         "373.94",
	                         &st),
	                 1137394); /* U+2019 */
	assert_int_equal(comma_col("1\xe2\x80\x89"
	                           "234,56",
	                           &st),
	                 123456); /* thin space */
	assert_int_equal(comma_col("1\xe2\x80\xaf"
	                           "234\xe2\x80\xaf"
	                           "567,89",
	                           &st),
	                 123456789); /* narrow NBSP */
	assert_int_equal(comma_col("1\xc2\xa0"
	                           "234,56",
	                           &st),
	                 123456); /* NBSP */
	assert_int_equal(comma_col("1 234,56", &st), 123456);
	assert_int_equal(dot_col("12,34,567.00", &st), 123456700); /* lakh */
	assert_int_equal(dot_col("1,00,00,000", &st), 1000000000);
	assert_int_equal(dot_col("1,234,567", &st), 123456700);
	assert_int_equal(comma_col(&"-1.001,00"[1], &st), 100100);
	assert_int_equal(comma_col("5.000,00", &st), 500000);
	assert_int_equal(comma_col("1060,22", &st), 106022);
	assert_int_equal(comma_col("2500", &st), 250000);
	assert_int_equal(comma_col("0,01", &st), 1);
	assert_int_equal(comma_col("155,5", &st), 15550);
	assert_int_equal(dot_col(".23", &st), 23);
	assert_int_equal(dot_col("29.5", &st), 2950);
	assert_int_equal(dot_col("512.0", &st), 51200);
	assert_int_equal(dot_col("1133.94", &st), 113394);
	assert_int_equal(dot_col("10.000", &st), 1000); /* extra zero decimals in a cell */
	assert_int_equal(scan("4.750", '.', GIG__SEP_ALL, 3, &st), 4750);
	assert_int_equal(scan("9.223", '.', GIG__SEP_ALL, 0, &st), -1);
	assert_int_equal(st, GIG__AMOUNT_DECIMALS);
	assert_int_equal(dot_col("9,999,999,999,999.99", &st), GIG_AMOUNT_MAX);
	/* the typed parser is the same grammar with ',' groups only */
	assert_int_equal(parse_ok("12,34,567.00", 2), 123456700);
	parse_fails("1'234.56", 2, GIG_ERROR_INVALID_INPUT);
	parse_fails("1 234.56", 2, GIG_ERROR_INVALID_INPUT);
	parse_fails("1,,2", 2, GIG_ERROR_INVALID_INPUT);
	parse_fails("12,5", 2, GIG_ERROR_INVALID_INPUT);
	parse_fails("1,23", 2, GIG_ERROR_INVALID_INPUT);
	parse_fails("1.500", 2, GIG_ERROR_INVALID_INPUT); /* typed: no extra decimals at all */
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
	const int64_t values[] = {
	    0, 1, -1, 99, 100, 123456789, -98765, GIG_AMOUNT_MAX, -GIG_AMOUNT_MAX};
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
	    cmocka_unit_test(test_money__parse_messages),
	    cmocka_unit_test(test_money__rejects_garbage),
	    cmocka_unit_test(test_money__overflow),
	    cmocka_unit_test(test_money__grammar_rejects_bad_grouping),
	    cmocka_unit_test(test_money__grammar_accepts_real_shapes),
	    cmocka_unit_test(test_money__format),
	    cmocka_unit_test(test_money__round_trip),
	    cmocka_unit_test(test_money__scale_bp),
	    cmocka_unit_test(test_money__currency_normalize),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
