/*
 * test_config.c: the typed settings of config.h: defaults, validation with messages that
 * name the key and what it allows, normalised storage, and the readers that use them
 * (the default account, the base currency, the runway report).
 */
#include <string.h>

#include "helpers.h"
#include "internal.h"

#include <gigledger/config.h>
#include <gigledger/report.h>

static void
get_is(gig_ledger *l, const char *key, const char *want, bool want_set)
{
	g_autoptr(GError) error = NULL;
	g_autofree char *v = NULL;
	bool is_set = !want_set;
	gig_assert_ok(gig_config_get(l, key, &v, &is_set, &error), error);
	assert_string_equal(v, want);
	assert_int_equal(is_set, want_set);
}

static void
test_keys_and_defaults(void **state)
{
	(void)state;
	gig_test_ledger *t = gig_test_ledger_new(NULL);
	size_t n = 0;
	const gig_config_key *k = gig_config_keys(&n);
	assert_int_equal(n, 10);
	for (size_t i = 0; i < n; i++) {
		assert_non_null(k[i].allowed);
		assert_non_null(k[i].help);
	}
	get_is(t->ledger, "tax_rate_bp", "2500", true); /* written by gig init's schema */
	get_is(t->ledger, "reserve_multiple", "auto", false);
	get_is(t->ledger, "windfall_factor", "5", false);
	get_is(t->ledger, "simulation_seed", "20240601", false);
	get_is(t->ledger, "tax.profile", "flat", false);
	/* the tax keys (tax.h): checked when set */
	g_autoptr(GError) terr = NULL;
	gig_assert_ok(gig_config_set(t->ledger, "tax.profile", "uk-2026", &terr), terr);
	get_is(t->ledger, "tax.profile", "uk-2026", true);
	gig_assert_ok(gig_config_set(t->ledger, "tax.rate", "27.5", &terr), terr);
	gig_assert_ok(gig_config_set(t->ledger, "tax.last_year_tax", "8,400.50", &terr), terr);
	const char *bad[][2] = {{"tax.profile", "../x"},     {"tax.profile", "UK"},
	                        {"tax.rate", "101"},         {"tax.rate", "-1"},
	                        {"tax.last_year_tax", "-5"}, {"tax.last_year_agi", "abc"}};
	for (size_t i = 0; i < G_N_ELEMENTS(bad); i++) {
		bool ok = gig_config_set(t->ledger, bad[i][0], bad[i][1], &terr);
		gig_assert_error(ok, terr, GIG_ERROR_INVALID_INPUT);
		g_clear_error(&terr);
	}
	get_is(t->ledger, "tax.profile", "uk-2026", true);
	double v = -1;
	g_autoptr(GError) error = NULL;
	gig_assert_ok(gig__config_number(t->ledger, "reserve_multiple", &v, &error), error);
	assert_true(v == 0);
	gig_assert_ok(gig__config_number(t->ledger, "windfall_factor", &v, &error), error);
	assert_true(v == 5);
	gig_test_ledger_free(t);
}

static void
test_validation(void **state)
{
	(void)state;
	gig_test_ledger *t = gig_test_ledger_new(NULL);
	struct {
		const char *key, *value;
		int code;
	} bad[] = {
	    {"tax_rate_bp", "10001", GIG_ERROR_INVALID_INPUT},
	    {"tax_rate_bp", "2.5", GIG_ERROR_INVALID_INPUT},
	    {"tax_rate_bp", "", GIG_ERROR_INVALID_INPUT},
	    {"reserve_multiple", "0.99", GIG_ERROR_INVALID_INPUT},
	    {"reserve_multiple", "24.01", GIG_ERROR_INVALID_INPUT},
	    {"windfall_factor", "100.5", GIG_ERROR_INVALID_INPUT},
	    {"windfall_factor", "5,5", GIG_ERROR_INVALID_INPUT},
	    {"simulation_seed", "1e3", GIG_ERROR_INVALID_INPUT},
	    {"base_currency", "EU", GIG_ERROR_INVALID_INPUT},
	    {"default_account", "Nope", GIG_ERROR_NOT_FOUND},
	    {"nope", "1", GIG_ERROR_NOT_FOUND},
	};
	for (size_t i = 0; i < G_N_ELEMENTS(bad); i++) {
		g_autoptr(GError) error = NULL;
		gig_assert_error(gig_config_set(t->ledger, bad[i].key, bad[i].value, &error), error,
		                 bad[i].code);
		if (bad[i].code == GIG_ERROR_INVALID_INPUT) {
			g_autofree char *want = g_strdup_printf(
			    "%s: '%s' is not allowed; allowed: ", bad[i].key, bad[i].value);
			assert_non_null(strstr(error->message, want));
		}
	}
	get_is(t->ledger, "tax_rate_bp", "2500", true);
	get_is(t->ledger, "windfall_factor", "5", false);
	g_autoptr(GError) e2 = NULL;
	gig_assert_error(gig_config_unset(t->ledger, "base_currency", &e2), e2,
	                 GIG_ERROR_INVALID_INPUT);
	/* set, normalised, unset */
	g_autoptr(GError) error = NULL;
	gig_assert_ok(gig_config_set(t->ledger, "windfall_factor", " 2.50 ", &error), error);
	get_is(t->ledger, "windfall_factor", "2.5", true);
	gig_assert_ok(gig_config_set(t->ledger, "reserve_multiple", "24", &error), error);
	get_is(t->ledger, "reserve_multiple", "24", true);
	gig_assert_ok(gig_config_set(t->ledger, "simulation_seed", "18446744073709551615", &error),
	              error);
	get_is(t->ledger, "simulation_seed", "18446744073709551615", true);
	gig_assert_ok(gig_config_unset(t->ledger, "reserve_multiple", &error), error);
	get_is(t->ledger, "reserve_multiple", "auto", false);
	/* a bad value written by other means is refused where it is read */
	gig_assert_ok(gig_ledger_setting_set(t->ledger, "windfall_factor", "0", &error), error);
	double v = 0;
	g_autoptr(GError) e3 = NULL;
	gig_assert_error(gig__config_number(t->ledger, "windfall_factor", &v, &e3), e3,
	                 GIG_ERROR_INVALID_INPUT);
	gig_test_ledger_free(t);
}

static void
test_readers(void **state)
{
	(void)state;
	gig_test_ledger *t = gig_test_ledger_new(NULL);
	g_autoptr(GError) error = NULL;
	/* base currency: any code while there is no account */
	gig_assert_ok(gig_config_set(t->ledger, "base_currency", "gbp", &error), error);
	assert_string_equal(gig_ledger_base_currency(t->ledger), "GBP");
	gig_test_account(t, "Current", GIG_ACCOUNT_CHECKING, 0);
	gig_test_account(t, "Pot", GIG_ACCOUNT_SAVINGS, 0);
	g_autoptr(GError) e1 = NULL;
	gig_assert_error(gig_config_set(t->ledger, "base_currency", "EUR", &e1), e1,
	                 GIG_ERROR_INVALID_INPUT);
	assert_non_null(strstr(e1->message, "(GBP)"));
	assert_string_equal(gig_ledger_base_currency(t->ledger), "GBP");
	/* default account */
	g_autoptr(gig_account) a = NULL;
	gig_assert_ok(gig_ledger_account_default(t->ledger, &a, &error), error);
	assert_string_equal(a->name, "Current");
	gig_assert_ok(gig_config_set(t->ledger, "default_account", "pot", &error), error);
	get_is(t->ledger, "default_account", "Pot", true);
	g_autoptr(gig_account) b = NULL;
	gig_assert_ok(gig_ledger_account_default(t->ledger, &b, &error), error);
	assert_string_equal(b->name, "Pot");
	gig_txn_spec s = {.posted_on = 20000, .amount_minor = -100, .payee = "x"};
	int64_t id = 0;
	gig_assert_ok(gig_ledger_txn_add(t->ledger, &s, &id, &error), error);
	g_autoptr(gig_account) pot = NULL;
	gig_assert_ok(gig_ledger_account_find(t->ledger, "Pot", &pot, &error), error);
	assert_int_equal(pot->balance_minor, -100);
	/* the report reads tax rate, multiple, factor */
	gig_assert_ok(gig_config_set(t->ledger, "tax_rate_bp", "3300", &error), error);
	gig_assert_ok(gig_config_set(t->ledger, "reserve_multiple", "7.25", &error), error);
	gig_assert_ok(gig_config_set(t->ledger, "windfall_factor", "3", &error), error);
	gig_report_options opt = GIG_REPORT_OPTIONS_INIT;
	opt.as_of = 20100;
	g_autoptr(gig_report) r = NULL;
	gig_assert_ok(gig_report_build(t->ledger, &opt, &r, &error), error);
	assert_int_equal(r->tax_rate_bp, 3300);
	assert_true(r->reserve_multiple == 7.25);
	assert_true(r->reserve_multiple_set);
	assert_true(r->windfall_factor == 3);
	gig_test_ledger_free(t);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_keys_and_defaults),
	    cmocka_unit_test(test_validation),
	    cmocka_unit_test(test_readers),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
