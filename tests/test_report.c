/*
 * test_report.c: the runway report on small ledgers whose every figure is worked out
 * by hand in the comments, plus the friendly edge cases (empty ledger, one month, no
 * income, negative cash, two currencies) and the renderers' promises (80 columns, no
 * colour unless asked, JSON keys and nulls).
 */
#include <math.h>
#include <string.h>

#include <gigledger/forecast.h>
#include <gigledger/report.h>
#include <json-glib/json-glib.h>

#include "db.h"
#include "helpers.h"

static gig_date
d(const char *text)
{
	gig_date out = 0;
	g_autoptr(GError) error = NULL;
	bool ok = gig_date_parse_iso(&out, text, &error);
	gig_assert_ok(ok, error);
	return out;
}

static void
txn(gig_test_ledger *t, const char *account, const char *on, int64_t amount, const char *category,
    bool pending)
{
	gig_txn_spec spec = {.account = account,
	                     .posted_on = d(on),
	                     .amount_minor = amount,
	                     .payee = "test",
	                     .category = category,
	                     .pending = pending};
	g_autoptr(GError) error = NULL;
	bool ok = gig_ledger_txn_add(t->ledger, &spec, NULL, &error);
	gig_assert_ok(ok, error);
}

static void
account(gig_test_ledger *t, const char *name, gig_account_kind kind, const char *currency,
        int64_t opening)
{
	gig_account_spec spec = {.name = name,
	                         .kind = kind,
	                         .currency = currency,
	                         .opening_minor = opening,
	                         .opening_date = d("2025-12-31")};
	g_autoptr(GError) error = NULL;
	bool ok = gig_ledger_account_add(t->ledger, &spec, NULL, &error);
	gig_assert_ok(ok, error);
}

static gig_report *
build(gig_test_ledger *t, const char *as_of, const char *currency)
{
	gig_report_options opt = GIG_REPORT_OPTIONS_INIT;
	opt.as_of = d(as_of);
	opt.currency = currency;
	gig_report *r = NULL;
	g_autoptr(GError) error = NULL;
	bool ok = gig_report_build(t->ledger, &opt, &r, &error);
	gig_assert_ok(ok, error);
	return r;
}

static void
assert_close(double got, double want, double tol)
{
	if (fabs(got - want) > tol)
		fail_msg("got %.9f, want %.9f", got, want);
}

/*
 * The fixture (EUR, report as of 2026-04-15):
 *
 *   Checking 1,000.00, Savings 500.00, Card 0.00, Tax pot (tax-reserve) 100.00, all
 *   opened 2025-12-31; a USD account with 70.00 that must never be added to EUR.
 *
 *   Jan  gig for Acme (mixing) 2,000.00, due 01-05, paid 01-10 (5 days late)
 *        Rent -800.00, Dining Out -100.00, Transfer -200.00 checking -> +200.00 savings,
 *        card -50.00 uncategorised (counts as essential)
 *   Feb  +300.00 uncategorised (income, stream "uncategorised"), Rent -800.00,
 *        Taxes -400.00 (essential; the last tax payment), +999.00 pending (ignored)
 *   Mar  Income: Production +1,000.00, Rent -800.00, Gear -60.00
 *   Apr  Rent -800.00 (04-01), Income: Mixing +500.00 (04-10),
 *        Groceries -70.00 on 04-20, after as_of (ignored)
 *   Open invoice: Acme 400.00 invoiced 03-01, due 03-31 (15 days overdue on 04-15).
 *   Recurring: Insurance -150.00 monthly from 2026-04-16.
 *
 *   month  income  essential  other  expense     net   liquid balance at end
 *   Jan    2000.00    850.00  100.00   950.00  1050.00   1500 + 1050 = 2550.00
 *   Feb     300.00   1200.00    0.00  1200.00  -900.00   2550 -  900 = 1650.00
 *   Mar    1000.00    800.00   60.00   860.00   140.00   1650 +  140 = 1790.00
 *   Apr~    500.00    800.00    0.00   800.00  -300.00   1790 -  300 = 1490.00 = cash
 */
static gig_test_ledger *
fixture(void)
{
	gig_test_ledger *t = gig_test_ledger_new("EUR");
	account(t, "Checking", GIG_ACCOUNT_CHECKING, NULL, 100000);
	account(t, "Savings", GIG_ACCOUNT_SAVINGS, NULL, 50000);
	account(t, "Card", GIG_ACCOUNT_CARD, NULL, 0);
	account(t, "Tax pot", GIG_ACCOUNT_TAX_RESERVE, NULL, 10000);
	account(t, "US Checking", GIG_ACCOUNT_CHECKING, "USD", 7000);
	g_autoptr(GError) error = NULL;
	gig_gig_spec paid = {.client = "Acme",
	                     .stream = GIG_STREAM_MIXING,
	                     .amount_minor = 200000,
	                     .performed_on = GIG_DATE_NONE,
	                     .invoiced_on = d("2025-12-20"),
	                     .due_on = d("2026-01-05"),
	                     .terms_days = -1,
	                     .paid_on = d("2026-01-10"),
	                     .paid_account = "Checking"};
	bool ok = gig_ledger_gig_add(t->ledger, &paid, NULL, &error);
	gig_assert_ok(ok, error);
	gig_gig_spec open = {.client = "Acme",
	                     .stream = GIG_STREAM_MIXING,
	                     .amount_minor = 40000,
	                     .performed_on = GIG_DATE_NONE,
	                     .invoiced_on = d("2026-03-01"),
	                     .due_on = d("2026-03-31"),
	                     .terms_days = -1,
	                     .paid_on = GIG_DATE_NONE};
	ok = gig_ledger_gig_add(t->ledger, &open, NULL, &error);
	gig_assert_ok(ok, error);

	txn(t, "Checking", "2026-01-02", -80000, "Rent", false);
	txn(t, "Checking", "2026-01-20", -10000, "Dining Out", false);
	txn(t, "Checking", "2026-01-25", -20000, "Transfer", false);
	txn(t, "Savings", "2026-01-25", 20000, "Transfer", false);
	txn(t, "Card", "2026-01-15", -5000, NULL, false);
	txn(t, "Checking", "2026-02-10", 30000, NULL, false);
	txn(t, "Checking", "2026-02-02", -80000, "Rent", false);
	txn(t, "Checking", "2026-02-28", -40000, "Taxes", false);
	txn(t, "Checking", "2026-02-20", 99900, "Income: Session", true);
	txn(t, "Checking", "2026-03-05", 100000, "Income: Production", false);
	txn(t, "Checking", "2026-03-02", -80000, "Rent", false);
	txn(t, "Checking", "2026-03-12", -6000, "Gear", false);
	txn(t, "Checking", "2026-04-01", -80000, "Rent", false);
	txn(t, "Checking", "2026-04-10", 50000, "Income: Mixing", false);
	txn(t, "Checking", "2026-04-20", -7000, "Groceries", false);
	txn(t, "US Checking", "2026-02-01", 12345, NULL, false);

	gig_recurring_spec bill = {.name = "Insurance",
	                           .account = "Checking",
	                           .category = "Insurance",
	                           .amount_minor = -15000,
	                           .cadence = GIG_CADENCE_MONTHLY,
	                           .next_on = d("2026-04-16"),
	                           .until_on = GIG_DATE_NONE};
	ok = gig_ledger_recurring_add(t->ledger, &bill, NULL, &error);
	gig_assert_ok(ok, error);
	return t;
}

static void
test_report__history_rows(void **state)
{
	(void)state;
	gig_test_ledger *t = fixture();
	gig_report *r = build(t, "2026-04-15", NULL);
	/* three complete months and April so far */
	assert_int_equal(r->complete_months, 3);
	assert_int_equal(r->n_history, 4);
	assert_int_equal(r->n_months, 4 + 6);
	const int64_t want[4][6] = {
	    /* income, essential, other, expense, net, balance */
	    {200000, 85000, 10000, 95000, 105000, 255000},
	    {30000, 120000, 0, 120000, -90000, 165000},
	    {100000, 80000, 6000, 86000, 14000, 179000},
	    {50000, 80000, 0, 80000, -30000, 149000},
	};
	const char *months[] = {"2026-01", "2026-02", "2026-03", "2026-04"};
	for (size_t i = 0; i < 4; i++) {
		const gig_report_month *m = &r->months[i];
		char mo[GIG_DATE_BUFSZ];
		assert_string_equal(gig_date_format_month(mo, m->month), months[i]);
		assert_int_equal(m->income_minor, want[i][0]);
		assert_int_equal(m->essential_minor, want[i][1]);
		assert_int_equal(m->other_minor, want[i][2]);
		assert_int_equal(m->expense_minor, want[i][3]);
		assert_int_equal(m->net_minor, want[i][4]);
		assert_int_equal(m->balance_minor, want[i][5]);
		assert_false(m->forecast);
		assert_int_equal(m->partial, i == 3);
		assert_false(m->windfall); /* 5 x median(2000, 300, 1000) = 5000 */
	}
	/* Feb's uncategorised 300.00 is income of the stream "uncategorised" */
	assert_int_equal(r->months[1].n_streams, 1);
	assert_string_equal(r->months[1].streams[0].name, "uncategorised");
	/* over the window: mixing 2000, production 1000, uncategorised 300 */
	assert_int_equal(r->n_streams, 3);
	assert_string_equal(r->streams[0].name, "mixing");
	assert_int_equal(r->streams[0].minor, 200000);
	assert_string_equal(r->streams[1].name, "production");
	assert_string_equal(r->streams[2].name, "uncategorised");
	/*
	 * SBA (alpha 0.1) on 2000, 300, 1000: z = 2000 -> 1830 -> 1747, interval 1, so
	 * fitted Feb = 2000 x 0.95 = 1900.00, Mar = 1830 x 0.95 = 1738.50; Jan has none.
	 */
	assert_false(r->months[0].has_smoothed);
	assert_int_equal(r->months[1].smoothed_income_minor, 190000);
	assert_int_equal(r->months[2].smoothed_income_minor, 173850);
	gig_report_free(r);
	gig_test_ledger_free(t);
}

/* The late row is excluded whether it was imported (fingerprint, indexed) or typed in. */
static void
test_report__late_rows_imported_or_by_hand(void **state)
{
	(void)state;
	gig_test_ledger *t = fixture();
	char *err = NULL;
	int rc = sqlite3_exec(
	    gig__ledger_db(t->ledger),
	    "UPDATE transactions SET fingerprint = 'f1' WHERE posted_on = '2026-04-20'", NULL, NULL,
	    &err);
	if (rc != SQLITE_OK)
		fail_msg("%s", err);
	gig_report *r = build(t, "2026-04-15", NULL);
	assert_int_equal(r->months[3].essential_minor, 80000);
	assert_int_equal(r->cash_minor, 149000);
	gig_report_free(r);
	/* as of 04-20 it counts: April essential 870.00, cash 1420.00 */
	r = build(t, "2026-04-20", NULL);
	assert_int_equal(r->months[3].essential_minor, 87000);
	assert_int_equal(r->cash_minor, 142000);
	gig_report_free(r);
	gig_test_ledger_free(t);
}

static void
test_report__headline(void **state)
{
	(void)state;
	gig_test_ledger *t = fixture();
	gig_report *r = build(t, "2026-04-15", NULL);
	/* liquid: 1490.00 (the card's -50 included, the tax pot and USD not) */
	assert_int_equal(r->cash_minor, 149000);
	assert_int_equal(r->tax_reserve_minor, 10000);
	/*
	 * tax (issue 13's tax year): 2026 income 2000 + 300 + 1000 + 500 = 3,800.00, less the
	 * deductible Gear 60.00 = 3,740.00 profit; 25 % = 935.00, less the 400.00 paid in Feb
	 * and the 100.00 reserve = 435.00.  (Before issue 13 the Feb payment reset the base
	 * to Mar + Apr and the figure was 275.00.)
	 */
	char mo[GIG_DATE_BUFSZ];
	assert_string_equal(gig_date_format_month(mo, r->last_tax_month), "2026-02");
	assert_int_equal(r->income_since_tax_minor, 380000);
	assert_int_equal(r->tax_deductible_minor, 6000);
	assert_int_equal(r->tax_estimate_minor, 93500);
	assert_int_equal(r->tax_paid_minor, 40000);
	assert_int_equal(r->tax_owed_minor, 43500);
	assert_int_equal(r->buffer_minor, 149000 - 43500);
	/* means over Jan..Mar: income 1100, essential 950, expenses 1003.33 */
	assert_int_equal(r->window_months, 3);
	assert_int_equal(r->mean_income_minor, 110000);
	assert_int_equal(r->mean_essential_minor, 95000);
	assert_int_equal(r->mean_expense_minor, 100333);
	/*
	 * Reserve multiple: sd of (2000, 300, 1000) = sqrt((900^2 + 800^2 + 100^2) / 2)
	 * = sqrt(730000); CV = that / 1100; M = 3 (1 + CV) = 5.3302.  M x 950.00 in cents,
	 * rounded up = 5,063.68.  CFaR90 is 10,540.00 (see test_report__runway), larger, so
	 * it is the target.
	 */
	double m = 3.0 * (1.0 + sqrt(730000.0) / 1100.0);
	assert_close(r->reserve_multiple, m, 1e-9);
	assert_int_equal((int64_t)ceil(m * 95000.0), 506368);
	int64_t target = 1054000;
	assert_int_equal(r->reserve_target_minor, target);
	assert_int_equal(r->reserve_gap_minor, target - (149000 - 43500));
	/*
	 * Next income: the open Acme invoice, due 03-31, Acme pays 5 days late -> 04-05,
	 * already past, so "tomorrow" 04-16; the Insurance bill of 04-16 falls before it.
	 */
	assert_int_equal(r->next_income_on, d("2026-04-16"));
	assert_int_equal(r->bills_before_income_minor, 15000);
	assert_int_equal(r->safe_to_spend_minor, 149000 - 43500 - target - 15000);
	/*
	 * Forecast: SBA rate 1747 x 0.95 = 1659.65 a month (above the 400.00 invoice of
	 * the first month): 12 x 1659.65 = 19,915.80.  Expenses: the mean 3010 / 3 =
	 * 1003.333... a month (above the 150.00 Insurance bill), 12 of them exactly
	 * 12,040.00: summed exactly, not 12 x 1003.34 = 12,040.08.  Salary = (buffer -
	 * target + 19,915.80 - 12,040.00) / 12, rounded down.
	 */
	assert_string_equal(r->method_name, "sba_a0.1");
	assert_string_equal(r->method_rule, "sbc");
	assert_int_equal(r->forecast_income_12_minor, 1991580);
	assert_int_equal(r->forecast_expense_12_minor, 1204000);
	int64_t salary = (149000 - 43500 - target + 1991580 - 1204000);
	salary = salary > 0 ? salary / 12 : 0;
	assert_int_equal(r->salary_minor, salary);
	gig_report_free(r);
	gig_test_ledger_free(t);
}

static void
test_report__runway(void **state)
{
	(void)state;
	gig_test_ledger *t = fixture();
	gig_report *r = build(t, "2026-04-15", NULL);
	/* the headline starts from the buffer 1490 - 435 = 1055: 1055 / 950, 1055 / 1003.333 */
	assert_close(r->runway.zero_income_months, 1055.0 / 950.0, 1e-9);
	assert_close(r->runway.current_spend_months, 1055.0 / (3010.0 / 3.0), 1e-9);
	/* on cash alone: 1490 / 950 and 1490 / 1003.333 */
	assert_close(r->runway_cash.zero_income_months, 1490.0 / 950.0, 1e-9);
	assert_close(r->runway_cash.current_spend_months, 1490.0 / (3010.0 / 3.0), 1e-9);
	/* forecast income (1659.65) exceeds forecast expenses (1003.34): never */
	assert_true(isinf(r->runway.forecast_months));
	assert_true(isinf(r->runway_cash.forecast_months));
	/*
	 * Bootstrap of net (1050, -900, 140) in circular blocks of 3, each path shifted by
	 * its own mean: three single months drawn at random (the mean block, at most half
	 * the history), less the mean 96.67, times the small-sample correction
	 * n / (n - Lm) = 3 / 2 (no trend on 3 months).  A path's mean flow is then
	 * 96.67 + 1.5 (m* - 96.67), below 0 for m* < 32.22: the same 10 of the 27 draws as
	 * m* < 0 (two or three -900s, or one -900 and two 140s; the next value up is
	 * 96.67), so 37 % of paths drift down and run out, the rest never do: P50 and P90
	 * are "never".  Every block of 3 is the three months in some order, so a path's
	 * first quarter sums to 290 + 4.5 (m* - 96.67), below -1,055 for all four of those
	 * m* (-206.67 the closest, -1,075): from the buffer every drifting path is out by
	 * month 3, P(out within 3) = P(out within 12) = 10 / 27 up to sampling (0.3667 over
	 * 10,000 paths).  The figures are those of tests/tools/runway_draw_mean.py, which
	 * re-implements the bootstrap from forecast.h: from the buffer (1,055.00) P10
	 * 0.7786, within 3 and 12 both 0.3667; from cash P10 1.4286, 0.2142, 0.3667; and
	 * (both) CFaR90 10,540.00 (6,640.00 before the correction widened the draws).
	 */
	assert_true(r->runway.bootstrap && r->runway_cash.bootstrap);
	assert_close(r->runway.p10, 0.77859778597785978, 1e-9);
	assert_true(isinf(r->runway.p50) && isinf(r->runway.p90));
	assert_close(r->runway.prob_ruin_3, 0.3667, 1e-12);
	assert_close(r->runway.prob_ruin_12, 0.3667, 1e-12);
	assert_close(r->runway_cash.p10, 1.4285714285714286, 1e-9);
	assert_true(isinf(r->runway_cash.p50) && isinf(r->runway_cash.p90));
	assert_close(r->runway_cash.prob_ruin_3, 0.2142, 1e-12);
	assert_close(r->runway_cash.prob_ruin_12, 0.3667, 1e-12);
	assert_int_equal(r->cfar90_minor, 1054000);
	gig_report_free(r);
	gig_test_ledger_free(t);
}

static void
test_report__forecast_and_danger(void **state)
{
	(void)state;
	gig_test_ledger *t = fixture();
	gig_report *r = build(t, "2026-04-15", NULL);
	/* May: 1490.00 + 1659.65 - 1003.34 = 2146.31, far below the reserve: danger */
	const gig_report_month *may = &r->months[r->n_history];
	char mo[GIG_DATE_BUFSZ];
	assert_string_equal(gig_date_format_month(mo, may->month), "2026-05");
	assert_true(may->forecast);
	assert_int_equal(may->income_minor, 165965);
	assert_int_equal(may->expense_minor, 100334);
	assert_int_equal(may->balance_minor, 214631);
	/* the overdue Acme invoice and April's leftover bill land in May */
	assert_int_equal(may->receivables_minor, 40000);
	assert_int_equal(may->bills_minor, 30000);
	assert_int_equal(r->months[r->n_history + 1].balance_minor, 214631 + 65631);
	assert_string_equal(gig_date_format_month(mo, r->danger_month), "2026-05");
	int64_t sum = 0;
	for (size_t i = 0; i < r->n_danger_items; i++)
		sum += r->danger_items[i].minor;
	assert_int_equal(sum, may->balance_minor);
	assert_int_equal(r->n_danger_items, 3);
	/*
	 * The band is the runway simulation's: P10/P50/P90 of the simulated balance from
	 * cash (1490.00) after each month, as tests/tools/runway_draw_mean.py computes them
	 * for this net series ("report fixture from 149000"), P10 rounded down, P90 up.
	 */
	static const int64_t band[6][3] = {{13500, 163000, 306000},   {-31000, 164000, 359000},
	                                   {-114500, 178000, 470500}, {-198000, 192000, 582000},
	                                   {-294500, 193000, 680500}, {-378000, 207000, 792000}};
	assert_int_equal(r->n_months - r->n_history, 6);
	for (size_t k = 0; k < 6; k++) {
		const gig_report_month *o = &r->months[r->n_history + k];
		assert_int_equal(o->band_low_minor, band[k][0]);
		assert_int_equal(o->band_median_minor, band[k][1]);
		assert_int_equal(o->band_high_minor, band[k][2]);
	}
	/* receivables: one, 45 days old, 15 overdue, Acme paid 5 days late before */
	assert_int_equal(r->n_receivables, 1);
	assert_int_equal(r->receivables[0].open_minor, 40000);
	assert_int_equal(r->receivables[0].days_outstanding, 45);
	assert_int_equal(r->receivables[0].days_overdue, 15);
	assert_true(r->receivables[0].has_lateness);
	assert_close(r->receivables[0].client_lateness_days, 5.0, 1e-9);
	assert_int_equal(r->receivables[0].expected_on, d("2026-04-05"));
	gig_report_free(r);
	gig_test_ledger_free(t);
}

/* EUR and USD are never added; the USD report sees only the USD account. */
static void
test_report__currencies(void **state)
{
	(void)state;
	gig_test_ledger *t = fixture();
	gig_report *eur = build(t, "2026-04-15", NULL);
	assert_string_equal(eur->currency, "EUR");
	assert_int_equal(eur->n_other_currencies, 1);
	assert_string_equal(eur->other_currencies[0], "USD");
	gig_report *usd = build(t, "2026-04-15", "usd");
	assert_string_equal(usd->currency, "USD");
	assert_int_equal(usd->cash_minor, 7000 + 12345);
	assert_int_equal(usd->n_receivables, 0);
	gig_report_free(eur);
	gig_report_free(usd);

	gig_report_options opt = GIG_REPORT_OPTIONS_INIT;
	opt.as_of = d("2026-04-15");
	opt.currency = "GBP";
	gig_report *none = NULL;
	g_autoptr(GError) error = NULL;
	bool ok = gig_report_build(t->ledger, &opt, &none, &error);
	gig_assert_error(ok, error, GIG_ERROR_NOT_FOUND);
	assert_null(none);
	gig_test_ledger_free(t);
}

static void
test_report__bad_options(void **state)
{
	(void)state;
	gig_test_ledger *t = gig_test_ledger_new(NULL);
	gig_report_options opt = GIG_REPORT_OPTIONS_INIT;
	gig_report *r = NULL;
	g_autoptr(GError) error = NULL;
	bool ok = gig_report_build(t->ledger, &opt, &r, &error); /* no as_of */
	gig_assert_error(ok, error, GIG_ERROR_INVALID_INPUT);
	g_clear_error(&error);
	opt.as_of = d("2026-01-01");
	opt.months = 0;
	ok = gig_report_build(t->ledger, &opt, &r, &error);
	gig_assert_error(ok, error, GIG_ERROR_INVALID_INPUT);
	assert_null(r);
	gig_test_ledger_free(t);
}

/* An empty ledger: zeros, "unknown" (not "never") runways, no danger. */
static void
test_report__empty_ledger(void **state)
{
	(void)state;
	gig_test_ledger *t = gig_test_ledger_new(NULL);
	gig_report *r = build(t, "2026-04-15", NULL);
	assert_true(r->empty);
	assert_int_equal(r->cash_minor, 0);
	assert_int_equal(r->n_history, 0);
	assert_int_equal(r->n_months, 6);
	assert_true(isnan(r->runway.zero_income_months));
	assert_false(r->runway.bootstrap);
	assert_int_equal(r->danger_month, -1);
	assert_string_equal(r->method_name, "zero_income");
	gig_report_free(r);
	gig_test_ledger_free(t);
}

/*
 * No income ever: 1,000.00 opening, rent 100.00 in each of Jan..Mar; cash 700.00.
 * Runway 700 / 100 = 7 months on every deterministic measure.  One month of history
 * (as of Feb 10: only January complete) uses that month's value.
 */
static void
test_report__no_income_and_one_month(void **state)
{
	(void)state;
	gig_test_ledger *t = gig_test_ledger_new(NULL);
	account(t, "Checking", GIG_ACCOUNT_CHECKING, NULL, 100000);
	txn(t, "Checking", "2026-01-03", -10000, "Rent", false);
	txn(t, "Checking", "2026-02-03", -10000, "Rent", false);
	txn(t, "Checking", "2026-03-03", -10000, "Rent", false);
	gig_report *r = build(t, "2026-03-31", NULL); /* March is complete on its last day */
	assert_int_equal(r->complete_months, 3);
	assert_int_equal(r->n_history, 3);
	assert_int_equal(r->cash_minor, 70000);
	assert_string_equal(r->method_name, "zero_income");
	assert_close(r->runway.zero_income_months, 7.0, 1e-12);
	assert_close(r->runway.current_spend_months, 7.0, 1e-12);
	assert_close(r->runway.forecast_months, 7.0, 1e-12);
	/* every path loses exactly 100 a month: all quantiles 7 months */
	assert_close(r->runway.p50, 7.0, 1e-9);
	assert_true(r->runway.prob_ruin_6 == 0.0 && r->runway.prob_ruin_12 == 1.0);
	assert_int_equal(r->salary_minor, 0);
	gig_report_free(r);

	r = build(t, "2026-02-10", NULL);
	assert_int_equal(r->complete_months, 1);
	/* one month decides by itself (forecast.h's rule order): its value, 0 */
	assert_string_equal(r->method_rule, "single_value");
	assert_int_equal(r->months[r->n_history].smoothed_income_minor, 0);
	assert_int_equal(r->cash_minor, 80000);
	gig_report_free(r);

	txn(t, "Checking", "2026-01-15", 25000, "Income: Live", false);
	r = build(t, "2026-02-10", NULL);
	assert_string_equal(r->method_rule, "single_value");
	/* the one month forecasts its own value: 250.00 */
	assert_int_equal(r->months[r->n_history].smoothed_income_minor, 25000);
	gig_report_free(r);
	gig_test_ledger_free(t);
}

/*
 * Issue 13's base defects, each of which the old rule (25 % of the income in the months
 * after the last month with a Taxes payment, or of this calendar year's without one)
 * got wrong:
 *  - a prepayment inside the year reset the base: income 4,000 in January, a 500.00
 *    prepayment on 10 March, 2,000 more on 20 March (after it, in the same month).  The
 *    year's estimate is 25 % of 6,000 = 1,500, less the 500 paid: 1,000.00 owed.  The
 *    old rule counted the months after March only: 0.00.
 *  - deductible expenses reduced nothing: 1,000 of income and 200.00 of Gear
 *    (deductible): 25 % of 800 = 200.00, the old rule 250.00.
 *  - the year was always the calendar year: with a tax year from 6 April, income on
 *    1 March 2026 belongs to 2025/26, so as of 15 April only the 2,000 of 10 April
 *    counts: 500.00 (the old rule: 25 % of 3,000 = 750.00).
 */
static void
test_report__tax_base_defects(void **state)
{
	(void)state;
	gig_test_ledger *t = gig_test_ledger_new(NULL);
	account(t, "Checking", GIG_ACCOUNT_CHECKING, NULL, 100000);
	txn(t, "Checking", "2026-01-10", 400000, "Income: Live", false);
	txn(t, "Checking", "2026-03-10", -50000, "Taxes", false);
	txn(t, "Checking", "2026-03-20", 200000, "Income: Live", false);
	gig_report *r = build(t, "2026-04-15", NULL);
	assert_int_equal(r->tax_year, 2026);
	assert_int_equal(r->income_since_tax_minor, 600000);
	assert_int_equal(r->tax_paid_minor, 50000);
	assert_int_equal(r->tax_owed_minor, 100000);
	gig_report_free(r);
	gig_test_ledger_free(t);

	t = gig_test_ledger_new(NULL);
	account(t, "Checking", GIG_ACCOUNT_CHECKING, NULL, 100000);
	txn(t, "Checking", "2026-01-10", 100000, "Income: Live", false);
	txn(t, "Checking", "2026-02-10", -20000, "Gear", false);
	r = build(t, "2026-04-15", NULL);
	assert_int_equal(r->tax_deductible_minor, 20000);
	assert_int_equal(r->tax_profit_minor, 80000);
	assert_int_equal(r->tax_owed_minor, 20000);
	gig_report_free(r);
	gig_test_ledger_free(t);

	t = gig_test_ledger_new(NULL);
	account(t, "Checking", GIG_ACCOUNT_CHECKING, NULL, 100000);
	txn(t, "Checking", "2026-03-01", 100000, "Income: Live", false);
	txn(t, "Checking", "2026-04-10", 200000, "Income: Live", false);
	gig_tax_profile april;
	gig_tax_profile_flat(&april, 250000);
	april.year_start_month = 4;
	april.year_start_day = 6;
	gig_report_options opt = GIG_REPORT_OPTIONS_INIT;
	opt.as_of = d("2026-04-15");
	opt.tax_profile = &april;
	g_autoptr(GError) error = NULL;
	bool ok = gig_report_build(t->ledger, &opt, &r, &error);
	gig_assert_ok(ok, error);
	assert_int_equal(r->tax_year, 2026);
	assert_int_equal(r->tax_year_start, d("2026-04-06"));
	assert_int_equal(r->tax_owed_minor, 50000);
	gig_report_free(r);
	/* a profile the settings name but the library cannot load without its files */
	ok = gig_ledger_setting_set(t->ledger, "tax.profile", "uk-2026", &error);
	gig_assert_ok(ok, error);
	opt.tax_profile = NULL;
	r = NULL;
	ok = gig_report_build(t->ledger, &opt, &r, &error);
	gig_assert_error(ok, error, GIG_ERROR_NOT_FOUND);
	assert_null(r);
	gig_test_ledger_free(t);
}

/*
 * Tax due dates in the forecast (issue 13): with de-2026 and last year's tax 160,000.00
 * (tax.last_year_tax), the Vorauszahlung of 10 December is 40,000.00, a bill in
 * December's BILLS that takes the balance under the reserve target, so December is the
 * danger month and the bill is among its causes.  The prepayments of March, June and
 * September are past (what is unpaid of them is in the tax owed, not a bill); next
 * year's first one (10 March 2027) is projected from this year's tax.
 */
static void
test_report__tax_due_dates_in_forecast(void **state)
{
	(void)state;
	gig_test_ledger *t = gig_test_ledger_new(NULL);
	account(t, "Checking", GIG_ACCOUNT_CHECKING, NULL, 300000);
	txn(t, "Checking", "2026-01-15", 5000000, "Income: Live", false);
	for (int m = 1; m <= 10; m++) {
		char on[16];
		g_snprintf(on, sizeof on, "2026-%02d-03", m);
		txn(t, "Checking", on, -100000, "Rent", false);
	}
	g_autoptr(GError) error = NULL;
	bool ok = gig_ledger_setting_set(t->ledger, "tax.last_year_tax", "160,000", &error);
	gig_assert_ok(ok, error);
	const char *dirs[] = {"../tax", NULL};
	gig_tax_profile de;
	ok = gig_tax_profile_load(&de, "de-2026", dirs, &error);
	gig_assert_ok(ok, error);
	gig_report_options opt = GIG_REPORT_OPTIONS_INIT;
	opt.as_of = d("2026-11-24");
	opt.tax_profile = &de;
	gig_report *r = NULL;
	ok = gig_report_build(t->ledger, &opt, &r, &error);
	gig_assert_ok(ok, error);
	bool dec = false, mar = false;
	for (size_t i = 0; i < r->n_bills; i++) {
		if (strcmp(r->bills[i].name, "tax 2026: prepayment 4") == 0) {
			assert_int_equal(r->bills[i].on, d("2026-12-10"));
			assert_int_equal(r->bills[i].amount_minor, -4000000);
			dec = true;
		}
		if (strcmp(r->bills[i].name, "tax 2027: prepayment 1") == 0) {
			assert_int_equal(r->bills[i].on, d("2027-03-10"));
			assert_true(r->bills[i].amount_minor < 0);
			mar = true;
		}
		assert_true(strstr(r->bills[i].name, "prepayment 3") == NULL);
	}
	assert_true(dec && mar);
	const gig_report_month *m = &r->months[r->n_history];
	char mo[GIG_DATE_BUFSZ];
	assert_string_equal(gig_date_format_month(mo, m->month), "2026-12");
	assert_int_equal(m->bills_minor, 4000000);
	assert_int_equal(r->danger_month, m->month);
	bool cause = false;
	for (size_t i = 0; i < r->n_danger_items; i++)
		if (strcmp(r->danger_items[i].name, "bill: tax 2026: prepayment 4 (2026-12-10)") ==
		    0)
			cause = r->danger_items[i].minor == -4000000;
	assert_true(cause);
	gig_report_free(r);
	gig_test_ledger_free(t);
}

/*
 * The headline runway starts from the buffer (cash - tax owed), the secondary one from
 * cash.  Opening 1,000.00, rent 100.00 in each of Jan..Mar and no income in them, then
 * +400.00 of income on 04-10 (the partial month: in the cash and the tax, not in the
 * means).  No tax payment on record, so the tax counts this year's income: 25 % of
 * 400.00 = T = 100.00.  C = 1000 - 300 + 400 = 1,100.00, burn B = 100.00 a month, so
 * the headline is (C - T) / B = 10 months and cash alone C / B = 11.  Every path loses
 * exactly 100 a month: the simulated runways are the same 10 and 11.  At a 100 % tax
 * rate and an opening of 0, T = 400.00 > C = 100.00: a negative buffer, runway 0.
 */
static void
test_report__runway_on_buffer(void **state)
{
	(void)state;
	gig_test_ledger *t = gig_test_ledger_new(NULL);
	account(t, "Checking", GIG_ACCOUNT_CHECKING, NULL, 100000);
	txn(t, "Checking", "2026-01-03", -10000, "Rent", false);
	txn(t, "Checking", "2026-02-03", -10000, "Rent", false);
	txn(t, "Checking", "2026-03-03", -10000, "Rent", false);
	txn(t, "Checking", "2026-04-10", 40000, "Income: Live", false);
	gig_report *r = build(t, "2026-04-15", NULL);
	assert_int_equal(r->complete_months, 3);
	assert_int_equal(r->cash_minor, 110000);
	assert_int_equal(r->tax_owed_minor, 10000);
	assert_int_equal(r->buffer_minor, 100000);
	assert_int_equal(r->mean_expense_minor, 10000);
	assert_close(r->runway.zero_income_months, 10.0, 1e-12);
	assert_close(r->runway.current_spend_months, 10.0, 1e-12);
	assert_close(r->runway.forecast_months, 10.0, 1e-12);
	assert_close(r->runway.p10, 10.0, 1e-9);
	assert_close(r->runway.p50, 10.0, 1e-9);
	assert_close(r->runway.p90, 10.0, 1e-9);
	assert_true(r->runway.prob_ruin_6 == 0.0 && r->runway.prob_ruin_12 == 1.0);
	assert_close(r->runway_cash.zero_income_months, 11.0, 1e-12);
	assert_close(r->runway_cash.current_spend_months, 11.0, 1e-12);
	assert_close(r->runway_cash.forecast_months, 11.0, 1e-12);
	assert_close(r->runway_cash.p50, 11.0, 1e-9);
	assert_true(r->runway_cash.prob_ruin_6 == 0.0 && r->runway_cash.prob_ruin_12 == 1.0);

	/* the table shows the secondary line; the JSON keeps both objects */
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	g_autoptr(GError) error = NULL;
	bool ok = gig_report_render(r, GIG_REPORT_TABLE, false, f, &error);
	gig_assert_ok(ok, error);
	fclose(f);
	if (!strstr(text, "on cash alone: if every gig stopped 11.0, at current spending 11.0, "
	                  "P50 11.0"))
		fail_msg("no cash-alone line in:\n%s", text);
	if (!strstr(text, "if every gig stopped 10.0 "))
		fail_msg("headline not from the buffer in:\n%s", text);
	free(text);
	f = open_memstream(&text, &len);
	ok = gig_report_render(r, GIG_REPORT_HTML, false, f, &error);
	gig_assert_ok(ok, error);
	fclose(f);
	if (!strstr(text, "data-key=\"runway.p50\" data-value=\"10.00\"") ||
	    !strstr(text, "data-key=\"runway_cash.p50\" data-value=\"11.00\""))
		fail_msg("HTML lacks the two runway rows:\n%s", text);
	free(text);
	f = open_memstream(&text, &len);
	ok = gig_report_render(r, GIG_REPORT_JSON, false, f, &error);
	gig_assert_ok(ok, error);
	fclose(f);
	g_autoptr(JsonNode) root = json_from_string(text, &error);
	gig_assert_ok(root != NULL, error);
	free(text);
	JsonObject *o = json_node_get_object(root);
	JsonObject *rw = json_object_get_object_member(o, "runway");
	JsonObject *rwc = json_object_get_object_member(o, "runway_cash");
	assert_close(json_object_get_double_member(rw, "zero_income_months"), 10.0, 1e-9);
	assert_close(json_object_get_double_member(rw, "p50"), 10.0, 1e-9);
	assert_close(json_object_get_double_member(rwc, "zero_income_months"), 11.0, 1e-9);
	assert_close(json_object_get_double_member(rwc, "p50"), 11.0, 1e-9);
	gig_report_free(r);

	ok = gig_ledger_setting_set(t->ledger, "tax_rate_bp", "10000", &error);
	gig_assert_ok(ok, error);
	r = build(t, "2026-04-15", NULL);
	assert_int_equal(r->tax_owed_minor, 40000);
	assert_int_equal(r->buffer_minor, 110000 - 40000);
	gig_report_free(r);
	gig_test_ledger_free(t);

	/* T > C: opening 0 leaves C = 100.00 against T = 400.00, so runway 0 */
	t = gig_test_ledger_new(NULL);
	account(t, "Checking", GIG_ACCOUNT_CHECKING, NULL, 0);
	txn(t, "Checking", "2026-01-03", -10000, "Rent", false);
	txn(t, "Checking", "2026-02-03", -10000, "Rent", false);
	txn(t, "Checking", "2026-03-03", -10000, "Rent", false);
	txn(t, "Checking", "2026-04-10", 40000, "Income: Live", false);
	ok = gig_ledger_setting_set(t->ledger, "tax_rate_bp", "10000", &error);
	gig_assert_ok(ok, error);
	r = build(t, "2026-04-15", NULL);
	assert_int_equal(r->cash_minor, 10000);
	assert_int_equal(r->buffer_minor, -30000);
	assert_true(r->runway.zero_income_months == 0.0);
	assert_true(r->runway.current_spend_months == 0.0);
	assert_true(r->runway.forecast_months == 0.0);
	assert_true(r->runway.p10 == 0.0 && r->runway.p50 == 0.0 && r->runway.p90 == 0.0);
	assert_true(r->runway.prob_ruin_3 == 1.0);
	assert_close(r->runway_cash.zero_income_months, 1.0, 1e-12);
	assert_close(r->runway_cash.p50, 1.0, 1e-9);
	assert_true(r->runway_cash.prob_ruin_3 == 1.0);
	gig_report_free(r);
	gig_test_ledger_free(t);
}

/* Cash below zero: runway 0 everywhere, safe to spend negative. */
static void
test_report__negative_cash(void **state)
{
	(void)state;
	gig_test_ledger *t = gig_test_ledger_new(NULL);
	account(t, "Checking", GIG_ACCOUNT_CHECKING, NULL, -50000);
	txn(t, "Checking", "2026-01-03", -10000, "Rent", false);
	gig_report *r = build(t, "2026-02-15", NULL);
	assert_int_equal(r->cash_minor, -60000);
	assert_true(r->runway.zero_income_months == 0.0);
	assert_true(r->runway.p90 == 0.0);
	assert_true(r->safe_to_spend_minor < 0);
	gig_report_free(r);
	gig_test_ledger_free(t);
}

static char *
render(const gig_report *r, gig_report_format f, bool color)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&buf, &len);
	g_autoptr(GError) error = NULL;
	bool ok = gig_report_render(r, f, color, mem, &error);
	gig_assert_ok(ok, error);
	fclose(mem);
	return buf;
}

static void
test_report__table_fits_80_columns(void **state)
{
	(void)state;
	gig_test_ledger *t = fixture();
	gig_report *r = build(t, "2026-04-15", NULL);
	char *text = render(r, GIG_REPORT_TABLE, false);
	assert_null(strchr(text, '\033'));
	g_auto(GStrv) lines = g_strsplit(text, "\n", -1);
	for (size_t i = 0; lines[i]; i++)
		if (g_utf8_strlen(lines[i], -1) > 80)
			fail_msg("line %zu is %ld columns: %s", i + 1, g_utf8_strlen(lines[i], -1),
			         lines[i]);
	assert_non_null(strstr(text, "Danger month 2026-05"));
	free(text);
	text = render(r, GIG_REPORT_TABLE, true);
	assert_non_null(strchr(text, '\033'));
	free(text);
	gig_report_free(r);
	gig_test_ledger_free(t);
}

static void
test_report__json(void **state)
{
	(void)state;
	gig_test_ledger *t = fixture();
	gig_report *r = build(t, "2026-04-15", NULL);
	char *text = render(r, GIG_REPORT_JSON, false);
	g_autoptr(JsonParser) p = json_parser_new();
	g_autoptr(GError) error = NULL;
	bool ok = json_parser_load_from_data(p, text, -1, &error);
	gig_assert_ok(ok, error);
	JsonObject *o = json_node_get_object(json_parser_get_root(p));
	const char *keys[] = {"schema_version", "as_of_on",
	                      "currency",       "cash_minor",
	                      "tax_owed_minor", "reserve_target_minor",
	                      "buffer_minor",   "safe_to_spend_minor",
	                      "salary_minor",   "runway",
	                      "method",         "danger_month",
	                      "months",         "receivables",
	                      "assumptions",    "income_by_stream"};
	for (size_t i = 0; i < G_N_ELEMENTS(keys); i++)
		if (!json_object_has_member(o, keys[i]))
			fail_msg("JSON lacks '%s'", keys[i]);
	assert_string_equal(json_object_get_string_member(o, "as_of_on"), "2026-04-15");
	assert_int_equal(json_object_get_int_member(o, "cash_minor"), 149000);
	assert_int_equal(json_object_get_int_member(o, "tax_owed_minor"), 43500);
	assert_string_equal(json_object_get_string_member(o, "danger_month"), "2026-05");
	JsonObject *rw = json_object_get_object_member(o, "runway");
	const char *rkeys[] = {
	    "zero_income_months", "current_spend_months", "forecast_months", "p10", "p50", "p90",
	    "prob_ruin_3",        "prob_ruin_6",          "prob_ruin_12"};
	for (size_t i = 0; i < G_N_ELEMENTS(rkeys); i++)
		if (!json_object_has_member(rw, rkeys[i]))
			fail_msg("runway lacks '%s'", rkeys[i]);
	/* a runway that does not run out: null plus the flag */
	assert_true(json_object_get_null_member(rw, "forecast_months"));
	JsonObject *never = json_object_get_object_member(rw, "never_runs_out");
	assert_true(json_object_get_boolean_member(never, "forecast_months"));
	assert_false(json_object_get_boolean_member(never, "zero_income_months"));
	/* the headline from the buffer, 1055 / 950 = 1.1105...; on cash alone 1490 / 950 */
	assert_close(json_object_get_double_member(rw, "zero_income_months"), 1.11, 1e-9);
	JsonObject *rwc = json_object_get_object_member(o, "runway_cash");
	assert_non_null(rwc);
	for (size_t i = 0; i < G_N_ELEMENTS(rkeys); i++)
		if (!json_object_has_member(rwc, rkeys[i]))
			fail_msg("runway_cash lacks '%s'", rkeys[i]);
	assert_close(json_object_get_double_member(rwc, "zero_income_months"), 1.57, 1e-9);
	assert_true(json_object_get_null_member(rwc, "forecast_months"));
	assert_true(json_object_get_boolean_member(
	    json_object_get_object_member(rwc, "never_runs_out"), "forecast_months"));
	JsonObject *method = json_object_get_object_member(o, "method");
	assert_string_equal(json_object_get_string_member(method, "name"), "sba_a0.1");
	assert_true(json_object_has_member(method, "rmsse"));
	JsonArray *months = json_object_get_array_member(o, "months");
	assert_int_equal(json_array_get_length(months), 10);
	const char *mkeys[] = {"month",     "income_minor",  "expense_minor",
	                       "net_minor", "balance_minor", "smoothed_income_minor",
	                       "forecast"};
	for (unsigned i = 0; i < json_array_get_length(months); i++) {
		JsonObject *m = json_array_get_object_element(months, i);
		for (size_t k = 0; k < G_N_ELEMENTS(mkeys); k++)
			if (!json_object_has_member(m, mkeys[k]))
				fail_msg("months[%u] lacks '%s'", i, mkeys[k]);
		assert_int_equal(json_object_get_boolean_member(m, "forecast"), i >= 4);
	}
	/* the band in JSON is the struct's (the simulated quantiles, test_report__forecast...) */
	JsonObject *first = json_array_get_object_element(months, 4);
	assert_int_equal(json_object_get_int_member(first, "band_low_minor"), 13500);
	assert_int_equal(json_object_get_int_member(first, "band_median_minor"), 163000);
	assert_int_equal(json_object_get_int_member(first, "band_high_minor"), 306000);
	free(text);
	/* and in the table, under its own heading */
	text = render(r, GIG_REPORT_TABLE, false);
	const char *band = strstr(text, "Simulated balance at month end (from cash)");
	assert_non_null(band);
	/* the horizon "never" stands for, in words (gig forecast: "never within 120 months"),
	 * looked for with the wrapping undone (runs of spaces and newlines as one space) */
	g_autofree char *flat = g_strdup(text);
	size_t w = 0;
	for (size_t i = 0; flat[i] != '\0'; i++)
		if (!((flat[i] == ' ' || flat[i] == '\n') && w > 0 &&
		      (flat[w - 1] == ' ' || flat[w - 1] == '\n')))
			flat[w++] = flat[i] == '\n' ? ' ' : flat[i];
	flat[w] = '\0';
	assert_non_null(strstr(flat, "10000 paths of 120 months (\"never\": not out of cash "
	                             "within them), block 3, seed 20240601"));
	assert_non_null(strstr(band, "2026-05"));
	assert_non_null(strstr(band, "135.00"));
	assert_non_null(strstr(band, "1,630.00"));
	assert_non_null(strstr(band, "3,060.00"));
	free(text);
	text = render(r, GIG_REPORT_CSV, false);
	g_auto(GStrv) rows = g_strsplit(text, "\r\n", -1);
	assert_int_equal(g_strv_length(rows), 1 + 10 + 1); /* header, months, trailing "" */
	assert_true(g_str_has_prefix(rows[1], "2026-01,history,EUR,2000.00,850.00,100.00,"));
	free(text);
	gig_report_free(r);
	gig_test_ledger_free(t);
}

/*
 * Windfalls are judged payment by payment (EUR, as of 2026-06-15, Checking opened with
 * 0.00 on 2025-12-31, rent -100.00 on the 2nd of each month):
 *
 *   Jan  Income: Mixing      +500.00
 *   Feb  Income: Mastering   +600.00
 *   Mar  uncategorised       +700.00   (counts as income, so as a payment)
 *   Apr  Income: Production  +800.00, Transfer +5,000.00 (not income: not a payment)
 *   May  Income: Sync      +6,500.00, Income: Sync -100.00 (a partial refund: never a
 *        payment, but it still lowers May's income)
 *   Jun  Income: Sync      +9,000.00 on 06-10 (the partial month: outside the series)
 *
 * Payments of the complete months: 500, 600, 700, 800, 6500 -> median 700.00, threshold
 * 5 x 700 = 3,500.00: the 6,500.00 is the one windfall.  (A month-based rule flags May
 * here too, but would drop the whole month; test_report__windfall_inside_busy_month
 * shows only the fee leaving a month that also holds ordinary work.)
 *
 * Forecast series = income minus windfalls: 500, 600, 700, 800, 6400 - 6500 -> -100,
 * which the floor lifts to 0 (removing the fee cannot take the month below zero):
 * 500, 600, 700, 800, 0.  Five months: SBC.  Non-zero sizes 500..800 (mean 650, CV^2 =
 * (50000/3) / 650^2 = 0.039) and ADI 1 -> ses_a0.1, started at the first value:
 * 500 -> 510 -> 529 -> 556.10 -> 500.49, so every forecast month shows 500.49.
 * Left in, the fee would have given 556.10 + 0.1 x (6400 - 556.10) = 1,140.49.
 */
static gig_test_ledger *
windfall_fixture(void)
{
	gig_test_ledger *t = gig_test_ledger_new("EUR");
	account(t, "Checking", GIG_ACCOUNT_CHECKING, NULL, 0);
	account(t, "Savings", GIG_ACCOUNT_SAVINGS, NULL, 0);
	const char *rent[] = {"2026-01-02", "2026-02-02", "2026-03-02",
	                      "2026-04-02", "2026-05-04", "2026-06-02"};
	for (size_t i = 0; i < G_N_ELEMENTS(rent); i++)
		txn(t, "Checking", rent[i], -10000, "Rent", false);
	txn(t, "Checking", "2026-01-15", 50000, "Income: Mixing", false);
	txn(t, "Checking", "2026-02-15", 60000, "Income: Mastering", false);
	txn(t, "Checking", "2026-03-15", 70000, NULL, false);
	txn(t, "Checking", "2026-04-15", 80000, "Income: Production", false);
	txn(t, "Savings", "2026-04-20", -500000, "Transfer", false);
	txn(t, "Checking", "2026-04-20", 500000, "Transfer", false);
	txn(t, "Checking", "2026-05-06", 650000, "Income: Sync", false);
	txn(t, "Checking", "2026-05-20", -10000, "Income: Sync", false);
	txn(t, "Checking", "2026-06-10", 900000, "Income: Sync", false);
	return t;
}

static void
test_report__windfall_payments(void **state)
{
	(void)state;
	gig_test_ledger *t = windfall_fixture();
	gig_report *r = build(t, "2026-06-15", NULL);
	assert_int_equal(r->complete_months, 5);
	assert_int_equal(r->income_payments, 5);
	assert_int_equal(r->median_payment_minor, 70000);
	assert_int_equal(r->windfalls, 1);
	assert_int_equal(r->windfall_total_minor, 650000);
	assert_int_equal(r->windfall_months, 1);
	/* a second route to the rule: forecast.h's helper on the same five payments */
	const double pay[] = {50000, 60000, 70000, 80000, 650000};
	bool flags[5];
	double total = 0;
	assert_int_equal(gig_forecast_windfalls(pay, 5, 0.0, flags, NULL, &total), 1);
	assert_true(flags[4] && !flags[3] && total == 650000.0);
	/* only May is marked; its row still shows the money that came in */
	for (size_t i = 0; i < r->n_history; i++) {
		const gig_report_month *m = &r->months[i];
		bool may = i == 4;
		assert_int_equal(m->windfall, may);
		assert_int_equal(m->windfall_minor, may ? 650000 : 0);
	}
	assert_int_equal(r->months[4].income_minor, 640000);
	/* June (partial) holds 9,000.00 but is not judged: it is not in the series */
	assert_true(r->months[5].partial);
	assert_false(r->months[5].windfall);
	/* the forecast ignores the fee: 500.49 a month (see above), not 1,140.49 */
	assert_string_equal(r->method_name, "ses_a0.1");
	const double cleaned[] = {50000, 60000, 70000, 80000, 0};
	gig_forecast_choice choice;
	assert_true(gig_forecast_choose(cleaned, 5, &choice));
	assert_string_equal(choice.name, "ses_a0.1");
	assert_close(choice.forecast[0], 50049.0, 1e-6);
	for (size_t i = r->n_history; i < r->n_months; i++)
		assert_int_equal(r->months[i].smoothed_income_minor, 50049);
	/* what the fee does count for: cash (6,400 net), and the month's shown income */
	int64_t mean_income = (50000 + 60000 + 70000 + 80000 + 640000) / 5;
	assert_int_equal(r->mean_income_minor, mean_income);

	char *text = render(r, GIG_REPORT_JSON, false);
	g_autoptr(JsonParser) p = json_parser_new();
	g_autoptr(GError) error = NULL;
	bool ok = json_parser_load_from_data(p, text, -1, &error);
	gig_assert_ok(ok, error);
	JsonObject *o = json_node_get_object(json_parser_get_root(p));
	JsonObject *a = json_object_get_object_member(o, "assumptions");
	assert_int_equal(json_object_get_int_member(a, "windfalls"), 1);
	assert_int_equal(json_object_get_int_member(a, "windfalls_excluded_minor"), 650000);
	assert_int_equal(json_object_get_int_member(a, "median_payment_minor"), 70000);
	assert_int_equal(json_object_get_int_member(a, "income_payments"), 5);
	JsonArray *months = json_object_get_array_member(o, "months");
	JsonObject *may = json_array_get_object_element(months, 4);
	assert_string_equal(json_object_get_string_member(may, "month"), "2026-05");
	assert_true(json_object_get_boolean_member(may, "windfall"));
	assert_int_equal(json_object_get_int_member(may, "windfall_minor"), 650000);
	free(text);
	text = render(r, GIG_REPORT_TABLE, false);
	assert_non_null(strstr(text, "1 payment(s) were over 5 x the median income payment of"));
	assert_non_null(strstr(text, " W\n"));
	free(text);
	gig_report_free(r);
	gig_test_ledger_free(t);
}

/*
 * A fee inside a busy month: add 4 x 1,000.00 of mixing to May.  Payments are now 500,
 * 600, 700, 800, 1000 x 4, 6500: nine, median the fifth, 1,000.00, threshold 5,000.00,
 * so the 6,500.00 is still the windfall and only it leaves May: the series is 500, 600,
 * 700, 800, 10400 - 6500 = 3900.
 */
static void
test_report__windfall_inside_busy_month(void **state)
{
	(void)state;
	gig_test_ledger *t = windfall_fixture();
	for (int i = 0; i < 4; i++)
		txn(t, "Checking", "2026-05-12", 100000, "Income: Mixing", false);
	gig_report *r = build(t, "2026-06-15", NULL);
	assert_int_equal(r->income_payments, 9);
	assert_int_equal(r->median_payment_minor, 100000);
	assert_int_equal(r->windfalls, 1);
	assert_int_equal(r->months[4].income_minor, 1040000);
	assert_int_equal(r->months[4].windfall_minor, 650000);
	const double cleaned[] = {50000, 60000, 70000, 80000, 390000};
	gig_forecast_choice choice;
	assert_true(gig_forecast_choose(cleaned, 5, &choice));
	assert_string_equal(r->method_name, choice.name);
	int64_t want = (int64_t)floor(choice.forecast[0] + 1e-6);
	assert_int_equal(r->months[r->n_history].smoothed_income_minor, want);
	gig_report_free(r);
	gig_test_ledger_free(t);
}

static void
gig(gig_test_ledger *t, const char *client, int64_t amount, const char *invoiced, const char *due,
    const char *paid)
{
	gig_gig_spec spec = {.client = client,
	                     .stream = GIG_STREAM_MIXING,
	                     .amount_minor = amount,
	                     .performed_on = GIG_DATE_NONE,
	                     .invoiced_on = d(invoiced),
	                     .due_on = d(due),
	                     .terms_days = -1,
	                     .paid_on = paid ? d(paid) : GIG_DATE_NONE,
	                     .paid_account = paid ? "Checking" : NULL};
	g_autoptr(GError) error = NULL;
	bool ok = gig_ledger_gig_add(t->ledger, &spec, NULL, &error);
	gig_assert_ok(ok, error);
}

/*
 * Doubtful invoices (as of 2026-05-15; Checking 1,000.00 on 2025-12-31; Income: Live
 * 250.00 in Feb, Mar and Apr):
 *
 *   Latepay  300.00 due 2025-12-31, paid 2026-01-30: the client pays 30 days late.
 *   Latepay  400.00 due 2026-01-20, open: expected 01-20 + 30 = 02-19; on 05-15 that
 *            is 9 + 31 + 30 + 15 = 85 days past (115 days overdue): still counted on.
 *   Oldco    900.00 due 2026-01-10, open, no history: expected 01-10; 21 + 28 + 31 +
 *            30 + 15 = 125 days past > 90: doubtful.
 *   Newco    200.00 due 2026-05-01, open: 14 days past, counted on.
 *
 * June (the first forecast month) expects 400 + 200 = 600.00 of invoices, not 1,500.00.
 */
static void
test_report__doubtful_invoices(void **state)
{
	(void)state;
	gig_test_ledger *t = gig_test_ledger_new("EUR");
	account(t, "Checking", GIG_ACCOUNT_CHECKING, NULL, 100000);
	gig(t, "Latepay", 30000, "2025-12-01", "2025-12-31", "2026-01-30");
	gig(t, "Latepay", 40000, "2025-12-21", "2026-01-20", NULL);
	gig(t, "Oldco", 90000, "2025-12-01", "2026-01-10", NULL);
	gig(t, "Newco", 20000, "2026-04-01", "2026-05-01", NULL);
	txn(t, "Checking", "2026-02-10", 25000, "Income: Live", false);
	txn(t, "Checking", "2026-03-10", 25000, "Income: Live", false);
	txn(t, "Checking", "2026-04-10", 25000, "Income: Live", false);
	gig_report *r = build(t, "2026-05-15", NULL);
	assert_int_equal(r->n_receivables, 3);
	for (size_t i = 0; i < r->n_receivables; i++) {
		const gig_report_receivable *rc = &r->receivables[i];
		if (strcmp(rc->client, "Latepay") == 0) {
			assert_int_equal(rc->expected_on, d("2026-02-19"));
			assert_int_equal(rc->days_overdue, 115);
			assert_int_equal(rc->days_past_expected, 85);
			assert_false(rc->doubtful);
		} else if (strcmp(rc->client, "Oldco") == 0) {
			assert_int_equal(rc->days_past_expected, 125);
			assert_true(rc->doubtful);
		} else {
			assert_string_equal(rc->client, "Newco");
			assert_int_equal(rc->days_past_expected, 14);
			assert_false(rc->doubtful);
		}
	}
	assert_int_equal(r->doubtful_invoices, 1);
	assert_int_equal(r->doubtful_minor, 90000);
	const gig_report_month *june = &r->months[r->n_history];
	assert_int_equal(june->receivables_minor, 60000);
	/* the counted-on overdue invoices still make "tomorrow" the next income */
	assert_int_equal(r->next_income_on, d("2026-05-16"));

	char *text = render(r, GIG_REPORT_JSON, false);
	g_autoptr(JsonParser) p = json_parser_new();
	g_autoptr(GError) error = NULL;
	bool ok = json_parser_load_from_data(p, text, -1, &error);
	gig_assert_ok(ok, error);
	JsonObject *o = json_node_get_object(json_parser_get_root(p));
	JsonArray *recv = json_object_get_array_member(o, "receivables");
	size_t doubtful = 0;
	for (unsigned i = 0; i < json_array_get_length(recv); i++) {
		JsonObject *e = json_array_get_object_element(recv, i);
		/* the contract's keys are all still there */
		assert_true(json_object_has_member(e, "open_minor"));
		assert_true(json_object_has_member(e, "overdue_days"));
		assert_true(json_object_has_member(e, "overdue"));
		if (json_object_get_boolean_member(e, "doubtful")) {
			assert_string_equal(json_object_get_string_member(e, "client"), "Oldco");
			doubtful++;
		}
	}
	assert_int_equal(doubtful, 1);
	JsonObject *a = json_object_get_object_member(o, "assumptions");
	assert_int_equal(json_object_get_int_member(a, "doubtful_invoices"), 1);
	assert_int_equal(json_object_get_int_member(a, "doubtful_excluded_minor"), 90000);
	free(text);
	text = render(r, GIG_REPORT_TABLE, false);
	assert_non_null(strstr(text, "? = doubtful"));
	assert_non_null(strstr(text, "Doubtful: 1 open invoice(s) over 90 days"));
	g_auto(GStrv) lines = g_strsplit(text, "\n", -1);
	for (size_t i = 0; lines[i]; i++)
		assert_true(g_utf8_strlen(lines[i], -1) <= 80);
	free(text);
	gig_report_free(r);
	gig_test_ledger_free(t);
}

/*
 * The salary rounds once (issue 5 review): opening 17,500.00; Jan..Jul rent 1,000.00
 * (essential) and dining 200.00 (other); income 3,000.00 in Feb and in Apr; 100.00
 * uncategorised (essential) in Mar; as of 2026-07-15, so Jan..Jun are complete.
 *
 *   cash    = 17,500 + 6,000 - 7 x 1,200 - 100 = 15,000.00; no tax paid this year:
 *             25 % of 6,000 = 1,500.00 owed, buffer 13,500.00
 *   means   = expenses 7,300 / 6 = 1,216.666..., essential 6,100 / 6 = 1,016.666...
 *   reserve = 15,400.00 (the report's own target: its CFaR90, which the per-path
 *             mean draw raised from 7,900.00 to 11,300.00 and its small-sample
 *             correction n / (n - Lm) = 6 / 3 to 15,400.00, as
 *             tests/tools/runway_draw_mean.py computes it for net (-1,200, 1,800,
 *             -1,300, 1,800, -1,200, -1,200), and 11,300.00 without the correction;
 *             the opening rose by the same 3,400.00 + 4,100.00 so that the salary
 *             below is unchanged)
 *   income  = SBC (6 months, no backtest): SBA, a flat 1,425.00 a month
 *   salary  = (13,500 - 15,400 + 12 x (1,425 - 1,216.666...)) / 12
 *           = (13,500 - 15,400 + 17,100 - 14,600) / 12 = 50.00
 * Rounding each month's expenses up first (1,216.67) gave 14,600.04 and 49.99.
 */
static gig_test_ledger *
salary_ledger(void)
{
	gig_test_ledger *t = gig_test_ledger_new("EUR");
	account(t, "Checking", GIG_ACCOUNT_CHECKING, NULL, 1750000);
	for (int m = 1; m <= 7; m++) {
		char on[16];
		snprintf(on, sizeof on, "2026-%02d-02", m);
		txn(t, "Checking", on, -100000, "Rent", false);
		snprintf(on, sizeof on, "2026-%02d-12", m);
		txn(t, "Checking", on, -20000, "Dining Out", false);
	}
	txn(t, "Checking", "2026-02-10", 300000, "Income: Mixing", false);
	txn(t, "Checking", "2026-04-10", 300000, "Income: Mixing", false);
	txn(t, "Checking", "2026-03-03", -10000, NULL, false);
	return t;
}

static void
test_report__salary_rounds_once(void **state)
{
	(void)state;
	gig_test_ledger *t = salary_ledger();
	gig_report *r = build(t, "2026-07-15", NULL);
	assert_int_equal(r->cash_minor, 1500000);
	assert_int_equal(r->buffer_minor, 1350000);
	assert_int_equal(r->reserve_target_minor, r->cfar90_minor);
	assert_int_equal(r->reserve_target_minor, 1540000);
	assert_int_equal(r->months[r->n_history].smoothed_income_minor, 142500);
	assert_int_equal(r->forecast_income_12_minor, 1710000);
	assert_int_equal(r->forecast_expense_12_minor, 1460000);
	assert_int_equal(r->salary_minor, 5000);
	/* the table rows still show each month rounded up, conservatively */
	assert_int_equal(r->months[r->n_history].expense_minor, 121667);
	gig_report_free(r);
	gig_test_ledger_free(t);
}

static char *render(const gig_report *r, gig_report_format f, bool color);

static JsonObject *
parse_json(JsonParser *parser, const char *text)
{
	g_autoptr(GError) error = NULL;
	bool ok = json_parser_load_from_data(parser, text, -1, &error);
	gig_assert_ok(ok, error);
	return json_node_get_object(json_parser_get_root(parser));
}

/* method.rmsse (and assumptions.rmsse) are null, not 0, when no backtest decided. */
static void
assert_unscored(const gig_report *r, const char *words)
{
	assert_true(isnan(r->method_error));
	char *json = render(r, GIG_REPORT_JSON, false);
	g_autoptr(JsonParser) parser = json_parser_new();
	JsonObject *o = parse_json(parser, json);
	JsonObject *method = json_object_get_object_member(o, "method");
	assert_true(json_object_has_member(method, "rmsse"));
	assert_true(json_object_get_null_member(method, "rmsse"));
	assert_string_equal(json_object_get_string_member(method, "rule"), r->method_rule);
	assert_string_equal(json_object_get_string_member(method, "note"), words);
	JsonObject *a = json_object_get_object_member(o, "assumptions");
	assert_true(json_object_has_member(a, "rmsse"));
	assert_true(json_object_get_null_member(a, "rmsse"));
	free(json);
	char *text = render(r, GIG_REPORT_TABLE, false);
	/* the assumptions are wrapped: compare with the line breaks taken out */
	g_autofree char *flat = g_strdup(text);
	g_strdelimit(flat, "\n", ' ');
	g_autofree char *collapsed = NULL;
	{
		GString *g = g_string_new(NULL);
		for (const char *p = flat; *p; p++)
			if (!(*p == ' ' && g->len > 0 && g->str[g->len - 1] == ' '))
				g_string_append_c(g, *p);
		collapsed = g_string_free(g, false);
	}
	if (!strstr(collapsed, words))
		fail_msg("table lacks '%s':\n%s", words, text);
	assert_null(strstr(text, "error 0.000"));
	free(text);
	char *html = render(r, GIG_REPORT_HTML, false);
	assert_non_null(strstr(html, words));
	assert_null(strstr(html, "error 0.000"));
	free(html);
}

static void
test_report__method_error_null_without_backtest(void **state)
{
	(void)state;
	/* SBC rule: six complete months */
	gig_test_ledger *t = salary_ledger();
	gig_report *r = build(t, "2026-07-15", NULL);
	assert_string_equal(r->method_rule, "sbc");
	assert_unscored(r, "no backtest: SBC rule, 6 months");
	gig_report_free(r);
	/* a single complete month */
	r = build(t, "2026-02-10", NULL);
	assert_string_equal(r->method_rule, "single_value");
	assert_unscored(r, "no backtest: a single month");
	gig_report_free(r);
	gig_test_ledger_free(t);
	/* an empty ledger */
	t = gig_test_ledger_new(NULL);
	r = build(t, "2026-04-15", NULL);
	assert_string_equal(r->method_rule, "zero_income");
	assert_unscored(r, "no backtest: no complete month");
	gig_report_free(r);
	gig_test_ledger_free(t);
}

/*
 * Ten complete months with varied income: the backtest decides (n >= 8), and its score
 * is a number in the JSON and in the words.
 */
static void
test_report__method_error_after_backtest(void **state)
{
	(void)state;
	gig_test_ledger *t = gig_test_ledger_new("EUR");
	account(t, "Checking", GIG_ACCOUNT_CHECKING, NULL, 1000000);
	static const int64_t income[] = {120000, 80000,  150000, 60000,  130000,
	                                 90000,  170000, 40000,  110000, 100000};
	for (int m = 1; m <= 10; m++) {
		char on[16];
		snprintf(on, sizeof on, "2026-%02d-05", m);
		txn(t, "Checking", on, income[m - 1], "Income: Mixing", false);
		snprintf(on, sizeof on, "2026-%02d-02", m);
		txn(t, "Checking", on, -90000, "Rent", false);
	}
	gig_report *r = build(t, "2026-11-15", NULL);
	/* no negative month: the combination, scored by its own one-step backtest */
	assert_string_equal(r->method_rule, "combination");
	assert_string_equal(r->method_name, "combo_a0.1_0.1");
	assert_true(isfinite(r->method_error));
	char *json = render(r, GIG_REPORT_JSON, false);
	g_autoptr(JsonParser) parser = json_parser_new();
	JsonObject *method = json_object_get_object_member(parse_json(parser, json), "method");
	assert_false(json_object_get_null_member(method, "rmsse"));
	assert_close(json_object_get_double_member(method, "rmsse"), r->method_error, 1e-4);
	free(json);
	char *text = render(r, GIG_REPORT_TABLE, false);
	assert_non_null(strstr(text, "chosen by"));
	assert_null(strstr(text, "no backtest"));
	free(text);
	gig_report_free(r);
	gig_test_ledger_free(t);
}

static gig_report *
build_what_if(gig_test_ledger *t, const char *const *specs, size_t n, const char *name,
              GError **error)
{
	gig_report_options opt = GIG_REPORT_OPTIONS_INIT;
	opt.as_of = d("2026-04-15");
	opt.what_if = specs;
	opt.n_what_if = n;
	opt.scenario_name = name;
	gig_report *r = NULL;
	if (!gig_report_build(t->ledger, &opt, &r, error))
		return NULL;
	return r;
}

static void
assert_runway_same(const gig_report_runway *a, const gig_report_runway *b)
{
	/* exactly: the same paths, the same flows */
	assert_true(a->p10 == b->p10 && a->p50 == b->p50 && a->p90 == b->p90);
	assert_true(a->prob_ruin_3 == b->prob_ruin_3 && a->prob_ruin_6 == b->prob_ruin_6 &&
	            a->prob_ruin_12 == b->prob_ruin_12);
}

/*
 * What-if scenarios beside the base (the fixture, as of 2026-04-15: the first simulated
 * month is 2026-05).
 */
static void
test_report__what_if(void **state)
{
	(void)state;
	gig_test_ledger *t = fixture();
	g_autoptr(GError) error = NULL;

	/* a fee and a purchase of the same amount in the same month: nothing changes */
	const char *noop[] = {"gig 250 2026-07", "spend 250 2026-07 Amp"};
	gig_report *r = build_what_if(t, noop, 2, "wash", &error);
	gig_assert_ok(r != NULL, error);
	assert_true(r->has_scenario && r->scenario_runway.bootstrap);
	assert_string_equal(r->scenario_name, "wash");
	assert_int_equal(r->n_scenario_specs, 2);
	assert_string_equal(r->scenario_specs[1], "spend 250 2026-07 Amp");
	assert_runway_same(&r->runway, &r->scenario_runway);
	assert_true(isnan(r->scenario_runway.zero_income_months));
	gig_report_free(r);

	/* more expense: never a longer runway, a higher chance of running out */
	const char *more[] = {"expense+50/month", "rent+25 from 2026-09"};
	r = build_what_if(t, more, 2, NULL, &error);
	gig_assert_ok(r != NULL, error);
	assert_null(r->scenario_name);
	const gig_report_runway *b = &r->runway, *w = &r->scenario_runway;
	assert_true(w->p10 < b->p10 && w->p50 <= b->p50 && w->p90 <= b->p90);
	assert_true(w->prob_ruin_3 >= b->prob_ruin_3 && w->prob_ruin_6 >= b->prob_ruin_6 &&
	            w->prob_ruin_12 >= b->prob_ruin_12);
	/* the headline is untouched by the scenario (test_report__runway's P10) */
	assert_close(b->p10, 0.77859778597785978, 1e-9);
	gig_report_free(r);

	/*
	 * A second route to the same figures: spending 500.00 in the first simulated month
	 * is starting with 500.00 less, for whether a path has run out by month 3, 6 or 12
	 * (the paths are the same, and the cash after month 1 on).  Net (1050, -900, 140),
	 * buffer 1055.00 (cash 1,490.00 - tax owed 435.00).
	 */
	const char *spend[] = {"spend 500 2026-05"};
	r = build_what_if(t, spend, 1, NULL, &error);
	gig_assert_ok(r != NULL, error);
	double net[3] = {105000, -90000, 14000};
	gig_runway_options ropt = GIG_RUNWAY_OPTIONS_INIT;
	gig_runway_result less;
	assert_true(gig_runway_bootstrap(net, 3, 105500 - 50000, &ropt, &less));
	assert_true(r->scenario_runway.prob_ruin_3 == less.prob_ruin_within[0]);
	assert_true(r->scenario_runway.prob_ruin_6 == less.prob_ruin_within[1]);
	assert_true(r->scenario_runway.prob_ruin_12 == less.prob_ruin_within[2]);
	assert_true(r->scenario_runway.prob_ruin_12 > r->runway.prob_ruin_12);
	/* JSON: name null, the specs as given, the runway keys */
	char *json = render(r, GIG_REPORT_JSON, false);
	g_autoptr(JsonParser) parser = json_parser_new();
	assert_true(json_parser_load_from_data(parser, json, -1, NULL));
	JsonObject *o = json_node_get_object(json_parser_get_root(parser));
	JsonObject *sc = json_object_get_object_member(o, "scenario");
	assert_non_null(sc);
	assert_true(json_object_get_null_member(sc, "name"));
	JsonArray *specs = json_object_get_array_member(sc, "specs");
	assert_int_equal(json_array_get_length(specs), 1);
	assert_string_equal(json_array_get_string_element(specs, 0), "spend 500 2026-05");
	JsonObject *srw = json_object_get_object_member(sc, "runway");
	assert_close(json_object_get_double_member(srw, "prob_ruin_12"), less.prob_ruin_within[2],
	             1e-4);
	free(json);
	char *html = render(r, GIG_REPORT_HTML, false);
	assert_non_null(strstr(html, "data-key=\"scenario.runway.p10\""));
	assert_non_null(strstr(html, "What if (buffer)"));
	free(html);
	char *text = render(r, GIG_REPORT_TABLE, false);
	assert_non_null(strstr(text, "What if\n- spend 500 2026-05"));
	assert_non_null(strstr(text, "what-if"));
	free(text);
	gig_report_free(r);
	/* without any what-if there is no scenario, in JSON either */
	r = build(t, "2026-04-15", NULL);
	assert_false(r->has_scenario);
	json = render(r, GIG_REPORT_JSON, false);
	assert_null(strstr(json, "\"scenario\""));
	free(json);
	gig_report_free(r);

	/* refused: a past month, past the 120 months, a stream with no income, a bad SPEC */
	static const struct {
		const char *spec, *needle;
	} bad[] = {
	    {"gig 100 2026-03", "in the past"},
	    {"pause 2026-01..2026-03", "in the past"},
	    {"gig 100 2036-05", "past the months simulated"},
	    {"lose-stream teaching", "mixing"},
	    {"income-30", "wants /month"},
	};
	for (size_t i = 0; i < G_N_ELEMENTS(bad); i++) {
		g_clear_error(&error);
		const char *one[] = {bad[i].spec};
		r = build_what_if(t, one, 1, NULL, &error);
		gig_assert_error(r != NULL, error, GIG_ERROR_INVALID_INPUT);
		if (strstr(error->message, bad[i].needle) == NULL)
			fail_msg("'%s': %s", bad[i].spec, error->message);
	}
	/* the current month and the last simulated one are fine; so is a real stream */
	const char *edge[] = {"gig 100 2026-04", "gig 100 2036-04", "lose-stream Mixing"};
	g_clear_error(&error);
	r = build_what_if(t, edge, 3, NULL, &error);
	gig_assert_ok(r != NULL, error);
	gig_report_free(r);
	gig_test_ledger_free(t);
}

/*
 * The table's 80-column promise with large amounts, and its columns aligned: in every
 * table (a line starting "MONTH " or "CLIENT " and the rows under it) each heading ends
 * in the column where its values end (values are right-aligned; an empty cell is
 * blank), and no value runs into the next column.  Columns are UTF-8 characters.
 */
static void
assert_table_layout(const char *text)
{
	g_auto(GStrv) lines = g_strsplit(text, "\n", -1);
	size_t tables = 0;
	for (size_t i = 0; lines[i]; i++) {
		glong n = g_utf8_strlen(lines[i], -1);
		if (n > 80)
			fail_msg("line %zu is %ld columns:\n%s\n\n%s", i + 1, n, lines[i], text);
		bool months = g_str_has_prefix(lines[i], "MONTH ");
		if (!months && !g_str_has_prefix(lines[i], "CLIENT "))
			continue;
		tables++;
		/* the end column of every heading but the first (left-aligned) one */
		glong hn = 0;
		g_autofree gunichar *head = g_utf8_to_ucs4_fast(lines[i], -1, &hn);
		glong ends[8];
		size_t ncol = 0;
		for (glong c = 0; c < hn; c++)
			if (head[c] != ' ' && (c + 1 == hn || head[c + 1] == ' '))
				ends[ncol++] = c;
		assert_true(ncol >= 4);
		size_t rows = 0;
		for (size_t j = i + 1; lines[j]; j++) {
			const char *l = lines[j];
			if (months ? !(g_ascii_isdigit(l[0]) && l[4] == '-')
			           : (!*l || g_str_has_prefix(l, "? =") ||
			              g_str_has_prefix(l, "Amounts in")))
				break;
			rows++;
			glong rn = 0;
			g_autofree gunichar *row = g_utf8_to_ucs4_fast(l, -1, &rn);
			for (size_t c = 1; c < ncol; c++) {
				glong p = ends[c], from = ends[c - 1] + 1;
				bool blank = true;
				for (glong q = from; q <= p && q < rn; q++)
					blank &= row[q] == ' ';
				bool ends_here = p < rn && row[p] != ' ';
				bool next_free = p + 1 >= rn || row[p + 1] == ' ';
				if (!(blank || ends_here) || !next_free)
					fail_msg("column %zu (%s...) not aligned in:\n%s\n%s", c,
					         lines[i], lines[i], l);
			}
		}
		assert_true(rows > 0);
	}
	assert_true(tables >= 4); /* history, forecast, balance band, open invoices */
}

/*
 * Issue 11, dates: rent due on the report's own day is still to pay, before the
 * next income (it used to be left out, raising safe-to-spend by the rent), and a
 * payment dated after the report's day is scheduled: not in cash.
 */
static void
test_report__bill_due_on_report_day(void **state)
{
	(void)state;
	gig_test_ledger *t = gig_test_ledger_new("EUR");
	account(t, "Checking", GIG_ACCOUNT_CHECKING, NULL, 500000);
	txn(t, "Checking", "2026-11-05", 200000, "Income: Mixing", false);
	/* gig paid ... --on 2026-12-03, entered ahead of time */
	txn(t, "Checking", "2026-12-03", 90000, "Income: Mixing", false);
	g_autoptr(GError) error = NULL;
	gig_gig_spec open = {.client = "Acme",
	                     .stream = GIG_STREAM_MIXING,
	                     .amount_minor = 100000,
	                     .performed_on = GIG_DATE_NONE,
	                     .invoiced_on = d("2026-11-20"),
	                     .due_on = d("2026-12-10"),
	                     .terms_days = -1,
	                     .paid_on = GIG_DATE_NONE};
	bool ok = gig_ledger_gig_add(t->ledger, &open, NULL, &error);
	gig_assert_ok(ok, error);
	gig_recurring_spec rent = {.name = "Rent",
	                           .account = "Checking",
	                           .category = "Rent",
	                           .amount_minor = -95000,
	                           .cadence = GIG_CADENCE_MONTHLY,
	                           .next_on = d("2026-12-01"),
	                           .until_on = GIG_DATE_NONE};
	ok = gig_ledger_recurring_add(t->ledger, &rent, NULL, &error);
	gig_assert_ok(ok, error);
	gig_report *r = build(t, "2026-12-01", NULL);
	/* 5,000 + 2,000; the 900 of 12-03 is scheduled */
	assert_int_equal(r->cash_minor, 700000);
	/* the rent of 12-01 is due before the invoice expected on 12-10 (the next rent,
	 * 01-01, is after it) */
	assert_int_equal(r->bills_before_income_minor, 95000);
	assert_int_equal(r->safe_to_spend_minor,
	                 r->cash_minor - r->tax_owed_minor - r->reserve_target_minor - 95000);
	gig_report_free(r);
	/* the day before, the same rent is due before the next income too */
	r = build(t, "2026-11-30", NULL);
	assert_int_equal(r->bills_before_income_minor, 95000);
	gig_report_free(r);
	gig_test_ledger_free(t);
}

static void
big_ledger(gig_test_ledger *t, int64_t opening, int64_t income, int64_t rent, int64_t gear)
{
	account(t, "Checking", GIG_ACCOUNT_CHECKING, NULL, opening);
	account(t, "Tax pot", GIG_ACCOUNT_TAX_RESERVE, NULL, opening / 7);
	for (int m = 1; m <= 10; m++) {
		char on[16];
		snprintf(on, sizeof on, "2026-%02d-05", m);
		txn(t, "Checking", on, income + (m % 3) * 1234567, "Income: Mixing", false);
		snprintf(on, sizeof on, "2026-%02d-02", m);
		txn(t, "Checking", on, -rent, "Rent", false);
		snprintf(on, sizeof on, "2026-%02d-20", m);
		txn(t, "Checking", on, -gear - m * 98765, "Gear", false);
	}
	txn(t, "Checking", "2026-06-20", -income, "Taxes", false);
	g_autoptr(GError) error = NULL;
	gig_gig_spec paid = {.client = "Orchestre de la Suisse Romande",
	                     .stream = GIG_STREAM_MIXING,
	                     .amount_minor = income,
	                     .performed_on = GIG_DATE_NONE,
	                     .invoiced_on = d("2026-03-01"),
	                     .due_on = d("2026-03-31"),
	                     .terms_days = -1,
	                     .paid_on = d("2026-04-09"),
	                     .paid_account = "Checking"};
	bool ok = gig_ledger_gig_add(t->ledger, &paid, NULL, &error);
	gig_assert_ok(ok, error);
	gig_gig_spec open = paid;
	open.amount_minor = income * 2 + 99;
	open.invoiced_on = d("2026-10-01");
	open.due_on = d("2026-10-31");
	open.paid_on = GIG_DATE_NONE;
	ok = gig_ledger_gig_add(t->ledger, &open, NULL, &error);
	gig_assert_ok(ok, error);
	gig_gig_spec other = open;
	other.client = "Bl\u00e5 Studios \u00d6sterreich";
	other.amount_minor = income / 3;
	ok = gig_ledger_gig_add(t->ledger, &other, NULL, &error);
	gig_assert_ok(ok, error);
	gig_recurring_spec bill = {.name = "Studio lease (the long-term one, Halle 7, Tor 3)",
	                           .account = "Checking",
	                           .category = "Rent",
	                           .amount_minor = -(income * 6),
	                           .cadence = GIG_CADENCE_MONTHLY,
	                           .next_on = d("2026-12-01"),
	                           .until_on = GIG_DATE_NONE};
	ok = gig_ledger_recurring_add(t->ledger, &bill, NULL, &error);
	gig_assert_ok(ok, error);
}

static void
test_report__table_large_amounts(void **state)
{
	(void)state;
	/* HUF: 25,000,000.00 opening, 1,800,000.00 a month: fits with the minor units */
	gig_test_ledger *t = gig_test_ledger_new("HUF");
	big_ledger(t, 2500000000, 180000000, 90000000, 1500000);
	gig_report *r = build(t, "2026-11-15", NULL);
	char *text = render(r, GIG_REPORT_TABLE, false);
	assert_table_layout(text);
	if (!strstr(text, "Danger month"))
		fail_msg("no danger month:\n%s", text);
	free(text);
	text = render(r, GIG_REPORT_TABLE, true);
	assert_non_null(strchr(text, '\033'));
	free(text);
	gig_report_free(r);
	gig_test_ledger_free(t);

	/* EUR in the tens of millions: too wide with cents, shown in whole euros */
	t = gig_test_ledger_new("EUR");
	big_ledger(t, 4500000000, 1234567891, 345678912, 98765432);
	r = build(t, "2026-11-15", NULL);
	text = render(r, GIG_REPORT_TABLE, false);
	assert_table_layout(text);
	assert_non_null(strstr(text, "Amounts in whole EUR (rounded)"));
	/* the headline keeps the cents */
	char cash[GIG_MONEY_BUFSZ];
	assert_non_null(strstr(text, gig_money_format(cash, r->cash_minor, 2, true)));
	free(text);
	gig_report_free(r);
	gig_test_ledger_free(t);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_report__history_rows),
	    cmocka_unit_test(test_report__late_rows_imported_or_by_hand),
	    cmocka_unit_test(test_report__headline),
	    cmocka_unit_test(test_report__bill_due_on_report_day),
	    cmocka_unit_test(test_report__runway),
	    cmocka_unit_test(test_report__what_if),
	    cmocka_unit_test(test_report__forecast_and_danger),
	    cmocka_unit_test(test_report__currencies),
	    cmocka_unit_test(test_report__bad_options),
	    cmocka_unit_test(test_report__empty_ledger),
	    cmocka_unit_test(test_report__no_income_and_one_month),
	    cmocka_unit_test(test_report__runway_on_buffer),
	    cmocka_unit_test(test_report__tax_base_defects),
	    cmocka_unit_test(test_report__tax_due_dates_in_forecast),
	    cmocka_unit_test(test_report__negative_cash),
	    cmocka_unit_test(test_report__table_fits_80_columns),
	    cmocka_unit_test(test_report__json),
	    cmocka_unit_test(test_report__windfall_payments),
	    cmocka_unit_test(test_report__windfall_inside_busy_month),
	    cmocka_unit_test(test_report__doubtful_invoices),
	    cmocka_unit_test(test_report__salary_rounds_once),
	    cmocka_unit_test(test_report__method_error_null_without_backtest),
	    cmocka_unit_test(test_report__method_error_after_backtest),
	    cmocka_unit_test(test_report__table_large_amounts),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
