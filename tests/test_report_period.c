/*
 * test_report_period.c: gig_period_report_build() and budgets (report_period.h) on a
 * ledger whose figures are worked out by hand in the comments.
 */
#include <string.h>

#include "helpers.h"

#include <gigledger/report_period.h>

static gig_date
d(const char *iso)
{
	gig_date out = 0;
	assert_true(gig_date_parse_iso(&out, iso, NULL));
	return out;
}

static void
add(gig_test_ledger *t, const char *day, int64_t minor, const char *payee, const char *cat,
    bool pending)
{
	gig_txn_spec s = {.account = "Checking",
	                  .posted_on = d(day),
	                  .amount_minor = minor,
	                  .payee = payee,
	                  .category = cat,
	                  .pending = pending};
	g_autoptr(GError) error = NULL;
	gig_assert_ok(gig_ledger_txn_add(t->ledger, &s, NULL, &error), error);
}

static int
setup(void **state)
{
	gig_test_ledger *t = gig_test_ledger_new(NULL);
	gig_test_account(t, "Checking", GIG_ACCOUNT_CHECKING, 100000);
	add(t, "2026-01-05", 200000, "Client A", "Income: Mixing", false);
	add(t, "2026-01-10", -10000, "Thomann", "Gear", false);
	add(t, "2026-01-15", -90000, "Landlord", "Rent", false);
	add(t, "2026-01-20", -5000, "Shop", NULL, false);
	add(t, "2026-02-03", 50001, "Client B", "Income: Live", false);
	add(t, "2026-02-11", 4000, "Thomann refund", "Gear", false);
	add(t, "2026-02-20", -7700, "Pending", "Gear", true);
	add(t, "2026-03-01", -10000, "To savings", "Transfer", false);
	*state = t;
	return 0;
}

static int
teardown(void **state)
{
	gig_test_ledger_free(*state);
	return 0;
}

static const gig_period_line *
find(const gig_period_line *lines, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(lines[i].name, name) == 0)
			return &lines[i];
	fail_msg("no line '%s'", name);
	return NULL;
}

static void
test_monthly(void **state)
{
	gig_test_ledger *t = *state;
	gig_period_options opt = GIG_PERIOD_OPTIONS_INIT;
	g_autoptr(GError) error = NULL;
	g_autoptr(gig_period_report) r = NULL;
	gig_assert_ok(gig_period_report_build(t->ledger, &opt, &r, &error), error);
	/* Jan..Mar (March holds only a transfer) */
	assert_int_equal(r->n_periods, 3);
	assert_string_equal(r->labels[0], "2026-01");
	assert_int_equal(r->starts[1], d("2026-02-01"));
	assert_int_equal(r->ends[1], d("2026-02-28"));
	assert_int_equal(r->n_income, 2);
	const gig_period_line *mix = find(r->income, r->n_income, "Mixing");
	assert_int_equal(mix->amounts.minor[0], 200000);
	/* Live 500.01 over 3 months: 166.67 */
	const gig_period_line *live = find(r->income, r->n_income, "Live");
	assert_int_equal(live->amounts.average_minor, 16667);
	/* Gear: 100 in January, a 40 refund in February (the pending row is out) */
	const gig_period_line *gear = find(r->expenses, r->n_expenses, "Gear");
	assert_int_equal(gear->amounts.minor[0], 10000);
	assert_int_equal(gear->amounts.minor[1], -4000);
	assert_int_equal(gear->amounts.total_minor, 6000);
	assert_true(gear->deductible);
	assert_false(gear->essential);
	const gig_period_line *unc = find(r->expenses, r->n_expenses, "uncategorised");
	assert_int_equal(unc->amounts.total_minor, 5000);
	assert_true(unc->essential);
	assert_int_equal(r->n_expenses, 3); /* Gear, Rent, uncategorised; no transfer */
	/* expenses: Jan 1,050, Feb -40; net Jan 950, Feb 540.01, Mar 0 */
	assert_int_equal(r->expense_total.minor[0], 105000);
	assert_int_equal(r->expense_total.minor[1], -4000);
	assert_int_equal(r->net.minor[1], 54001);
	assert_int_equal(r->net.total_minor, 95000 + 54001);
	/* (95,000 + 54,001) / 3 = 49,667 */
	assert_int_equal(r->net.average_minor, 49667);
	assert_int_equal(r->essential.minor[0], 95000);
	assert_int_equal(r->deductible.minor[1], -4000);
}

static void
test_options(void **state)
{
	gig_test_ledger *t = *state;
	gig_period_options opt = GIG_PERIOD_OPTIONS_INIT;
	opt.period = GIG_PERIOD_YEAR;
	opt.depth = 1;
	g_autoptr(GError) error = NULL;
	g_autoptr(gig_period_report) r = NULL;
	gig_assert_ok(gig_period_report_build(t->ledger, &opt, &r, &error), error);
	assert_int_equal(r->n_periods, 1);
	assert_string_equal(r->labels[0], "2026");
	assert_int_equal(r->n_income, 1);
	assert_string_equal(r->income[0].name, "income");
	assert_int_equal(r->income[0].amounts.total_minor, 250001);
	/* a from/to inside months widens to whole quarters */
	opt = GIG_PERIOD_OPTIONS_INIT;
	opt.period = GIG_PERIOD_QUARTER;
	opt.from = d("2026-02-15");
	opt.to = d("2026-04-02");
	g_autoptr(gig_period_report) q = NULL;
	gig_assert_ok(gig_period_report_build(t->ledger, &opt, &q, &error), error);
	assert_int_equal(q->n_periods, 2);
	assert_string_equal(q->labels[1], "2026-Q2");
	assert_int_equal(q->starts[0], d("2026-01-01"));
	assert_int_equal(q->ends[1], d("2026-06-30"));
	assert_int_equal(q->income_total.minor[0], 250001);
	/* failures */
	opt = GIG_PERIOD_OPTIONS_INIT;
	opt.from = d("2026-03-01");
	opt.to = d("2026-02-01");
	gig_period_report *none = NULL;
	g_autoptr(GError) e1 = NULL;
	gig_assert_error(gig_period_report_build(t->ledger, &opt, &none, &e1), e1,
	                 GIG_ERROR_INVALID_INPUT);
	opt = GIG_PERIOD_OPTIONS_INIT;
	opt.currency = "USD";
	g_autoptr(GError) e2 = NULL;
	gig_assert_error(gig_period_report_build(t->ledger, &opt, &none, &e2), e2,
	                 GIG_ERROR_NOT_FOUND);
	opt.currency = NULL;
	opt.depth = -1;
	g_autoptr(GError) e3 = NULL;
	gig_assert_error(gig_period_report_build(t->ledger, &opt, &none, &e3), e3,
	                 GIG_ERROR_INVALID_INPUT);
	assert_null(none);
	gig_report_by by;
	g_autoptr(GError) e4 = NULL;
	assert_true(gig_report_by_parse(&by, "Payee", NULL));
	assert_int_equal(by, GIG_REPORT_BY_PAYEE);
	gig_assert_error(gig_report_by_parse(&by, "colour", &e4), e4, GIG_ERROR_INVALID_INPUT);
}

static void
test_budgets(void **state)
{
	gig_test_ledger *t = *state;
	g_autoptr(GError) error = NULL;
	gig_assert_ok(gig_budget_set(t->ledger, "gear", 5000, 0, &error), error);
	gig_assert_ok(gig_budget_set(t->ledger, "Dining Out", 0, 1250, &error), error);
	gig_period_options opt = GIG_PERIOD_OPTIONS_INIT;
	g_autoptr(gig_period_report) r = NULL;
	gig_assert_ok(gig_period_report_build(t->ledger, &opt, &r, &error), error);
	assert_int_equal(r->n_budgets, 2);
	const gig_period_budget *dine = &r->budgets[0], *gear = &r->budgets[1];
	assert_string_equal(dine->category, "Dining Out");
	/* 12.5% of 2,000 = 250.00; of 500.01 = 62.50125 -> 62.50; of 0 = 0 */
	assert_int_equal(dine->budget.minor[0], 25000);
	assert_int_equal(dine->budget.minor[1], 6250);
	assert_int_equal(dine->budget.minor[2], 0);
	assert_int_equal(gear->budget.total_minor, 15000);
	assert_int_equal(gear->actual.minor[0], 10000);
	assert_int_equal(gear->actual.minor[1], -4000);
	g_autoptr(GPtrArray) list = NULL;
	gig_assert_ok(gig_budgets(t->ledger, &list, &error), error);
	assert_int_equal(list->len, 2);
	assert_true(((gig_budget *)list->pdata[0])->percent);
	/* failures leave the budgets as they were */
	struct {
		const char *cat;
		int64_t amount, bp;
		int code;
	} bad[] = {{"Nope", 100, 0, GIG_ERROR_NOT_FOUND},
	           {"Transfer", 100, 0, GIG_ERROR_INVALID_INPUT},
	           {"Gear", 0, 0, GIG_ERROR_INVALID_INPUT},
	           {"Gear", 100, 100, GIG_ERROR_INVALID_INPUT},
	           {"Gear", -5, 0, GIG_ERROR_INVALID_INPUT},
	           {"Gear", 0, 10001, GIG_ERROR_INVALID_INPUT},
	           {"Gear", GIG_AMOUNT_MAX + 1, 0, GIG_ERROR_OVERFLOW}};
	for (size_t i = 0; i < G_N_ELEMENTS(bad); i++) {
		g_autoptr(GError) e = NULL;
		gig_assert_error(
		    gig_budget_set(t->ledger, bad[i].cat, bad[i].amount, bad[i].bp, &e), e,
		    bad[i].code);
	}
	g_autoptr(GPtrArray) again = NULL;
	gig_assert_ok(gig_budgets(t->ledger, &again, &error), error);
	assert_int_equal(again->len, 2);
	assert_int_equal(((gig_budget *)again->pdata[1])->monthly_minor, 5000);
	gig_assert_ok(gig_budget_remove(t->ledger, "GEAR", &error), error);
	g_autoptr(GError) e5 = NULL;
	gig_assert_error(gig_budget_remove(t->ledger, "Gear", &e5), e5, GIG_ERROR_NOT_FOUND);
	g_autoptr(GError) e6 = NULL;
	gig_assert_error(gig_budget_remove(t->ledger, "Nope", &e6), e6, GIG_ERROR_NOT_FOUND);
}

static void
test_render(void **state)
{
	gig_test_ledger *t = *state;
	gig_period_options opt = GIG_PERIOD_OPTIONS_INIT;
	g_autoptr(GError) error = NULL;
	g_autoptr(gig_period_report) r = NULL;
	gig_assert_ok(gig_period_report_build(t->ledger, &opt, &r, &error), error);
	for (int f = GIG_PERIOD_TABLE; f <= GIG_PERIOD_BUDGET_TABLE; f++) {
		char *buf = NULL;
		size_t len = 0;
		FILE *out = open_memstream(&buf, &len);
		gig_assert_ok(gig_period_report_render(r, (gig_period_format)f, out, &error),
		              error);
		fclose(out);
		assert_true(len > 0);
		g_auto(GStrv) lines = g_strsplit(buf, "\n", -1);
		for (int i = 0; lines[i]; i++)
			assert_true(g_utf8_strlen(lines[i], -1) <= 80);
		if (f == GIG_PERIOD_CSV)
			assert_non_null(strstr(buf,
			                       "\"income\",\"Live\",\"0.00\",\"500.01\",\"0.00\","
			                       "\"500.01\",\"166.67\""));
		free(buf);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_monthly, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_options, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_budgets, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_render, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
