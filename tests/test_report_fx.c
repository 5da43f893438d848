/*
 * test_report_fx.c: other currencies' cash in the runway report (report.h,
 * convention 4): converted at the nearest rate on or before as_of and added to
 * cash, buffer and runway; left out, with a warning, when there is no rate.
 *
 * The fixture (EUR ledger, accounts opened 2025-12-31):
 *   Checking (EUR) 1,000.00; Jan +1,500.00 -800.00, Feb -800.00, Mar +1,200.00 -800.00
 *     -> 1,300.00 EUR at 2026-04-15
 *   PayPal (USD, checking) 500.00; Feb +100.00; +50.00 pending (ignored);
 *     +30.00 on 2026-04-20, after as_of (ignored) -> 600.00 USD at 2026-04-15
 *   Royalties (GBP, savings) 100.00 GBP, no GBP rate at all
 *   Rates: 1 EUR = 1.08 USD on 2026-04-10, 1 EUR = 1.20 USD on 2026-04-16 (after as_of)
 *
 * As of 2026-04-15 the USD cash is 600.00 / 1.08 = 555.5555... -> 555.56 EUR
 * (inverse of the EUR->USD rate, half away from zero), so cash = 1,300.00 + 555.56
 * = 1,855.56 EUR; the GBP is not counted.
 */
#include <string.h>

#include <gigledger/rates.h>
#include <gigledger/report.h>
#include <json-glib/json-glib.h>

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
txn(gig_test_ledger *t, const char *account, const char *on, int64_t amount, bool pending)
{
	gig_txn_spec spec = {.account = account,
	                     .posted_on = d(on),
	                     .amount_minor = amount,
	                     .payee = "test",
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

static void
rate(gig_test_ledger *t, const char *base, const char *quote, const char *value, const char *on)
{
	g_autoptr(GError) error = NULL;
	bool ok = gig_ledger_rate_set(t->ledger, base, quote, value, d(on), "test", NULL, &error);
	gig_assert_ok(ok, error);
}

/* The EUR books of the fixture; `extra_eur` opens a EUR savings account with it. */
static gig_test_ledger *
eur_books(int64_t extra_eur)
{
	gig_test_ledger *t = gig_test_ledger_new("EUR");
	account(t, "Checking", GIG_ACCOUNT_CHECKING, NULL, 100000);
	txn(t, "Checking", "2026-01-10", 150000, false);
	txn(t, "Checking", "2026-01-20", -80000, false);
	txn(t, "Checking", "2026-02-20", -80000, false);
	txn(t, "Checking", "2026-03-10", 120000, false);
	txn(t, "Checking", "2026-03-20", -80000, false);
	if (extra_eur != 0)
		account(t, "Twin savings", GIG_ACCOUNT_SAVINGS, NULL, extra_eur);
	return t;
}

static gig_test_ledger *
fixture(void)
{
	gig_test_ledger *t = eur_books(0);
	account(t, "PayPal", GIG_ACCOUNT_CHECKING, "USD", 50000);
	txn(t, "PayPal", "2026-02-10", 10000, false);
	txn(t, "PayPal", "2026-03-01", 5000, true);
	txn(t, "PayPal", "2026-04-20", 3000, false);
	account(t, "Royalties", GIG_ACCOUNT_SAVINGS, "GBP", 10000);
	rate(t, "EUR", "USD", "1.08", "2026-04-10");
	rate(t, "EUR", "USD", "1.20", "2026-04-16");
	return t;
}

static gig_report *
build(gig_test_ledger *t, const char *as_of)
{
	gig_report_options opt = GIG_REPORT_OPTIONS_INIT;
	opt.as_of = d(as_of);
	gig_report *r = NULL;
	g_autoptr(GError) error = NULL;
	bool ok = gig_report_build(t->ledger, &opt, &r, &error);
	gig_assert_ok(ok, error);
	return r;
}

static char *
render(const gig_report *r, gig_report_format format)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	assert_non_null(f);
	g_autoptr(GError) error = NULL;
	bool ok = gig_report_render(r, format, false, f, &error);
	gig_assert_ok(ok, error);
	fclose(f);
	return buf;
}

static void
test_report_fx__converted_cash(void **state)
{
	(void)state;
	gig_test_ledger *t = fixture();
	gig_report *r = build(t, "2026-04-15");
	assert_int_equal(r->cash_minor, 130000 + 55556);
	assert_int_equal(r->foreign_cash_minor, 55556);
	assert_int_equal(r->buffer_minor, r->cash_minor - r->tax_owed_minor);
	assert_int_equal(r->n_foreign, 2);
	assert_int_equal(r->foreign_missing, 1);
	const gig_report_foreign *gbp = &r->foreign[0], *usd = &r->foreign[1];
	assert_string_equal(gbp->currency, "GBP");
	assert_false(gbp->converted);
	assert_int_equal(gbp->cash_minor, 10000);
	assert_non_null(strstr(gbp->missing, "no GBP->EUR exchange rate on or before 2026-04-15"));
	assert_string_equal(usd->currency, "USD");
	assert_true(usd->converted);
	assert_int_equal(usd->cash_minor, 60000);
	assert_int_equal(usd->converted_minor, 55556);
	assert_int_equal(usd->rate_on, d("2026-04-10"));
	assert_string_equal(usd->rate, "1 EUR = 1.08 USD on 2026-04-10 (inverted)");

	/* the same EUR money in a EUR account gives the same cash, buffer and runway */
	gig_test_ledger *twin = eur_books(55556);
	gig_report *w = build(twin, "2026-04-15");
	assert_int_equal(w->cash_minor, r->cash_minor);
	assert_int_equal(w->buffer_minor, r->buffer_minor);
	assert_int_equal(w->safe_to_spend_minor, r->safe_to_spend_minor);
	assert_int_equal(w->salary_minor, r->salary_minor);
	assert_true(w->runway.zero_income_months == r->runway.zero_income_months);
	assert_true(w->runway.forecast_months == r->runway.forecast_months);
	assert_true(w->runway.p50 == r->runway.p50);

	/* the table names the rate and warns about the GBP; JSON has the figures */
	g_autofree char *table = render(r, GIG_REPORT_TABLE);
	assert_non_null(strstr(table, "USD cash 600.00 USD is counted as 555.56 EUR"));
	assert_non_null(strstr(table, "WARNING: GBP cash 100.00 GBP is NOT counted"));
	g_autofree char *json = render(r, GIG_REPORT_JSON);
	g_autoptr(JsonParser) p = json_parser_new();
	assert_true(json_parser_load_from_data(p, json, -1, NULL));
	JsonObject *root = json_node_get_object(json_parser_get_root(p));
	assert_int_equal(json_object_get_int_member(root, "cash_minor"), 185556);
	assert_int_equal(json_object_get_int_member(root, "foreign_cash_minor"), 55556);
	JsonArray *fx = json_object_get_array_member(root, "foreign_cash");
	assert_int_equal(json_array_get_length(fx), 2);
	JsonObject *jg = json_array_get_object_element(fx, 0);
	JsonObject *ju = json_array_get_object_element(fx, 1);
	assert_false(json_object_get_boolean_member(jg, "converted"));
	assert_true(json_object_get_null_member(jg, "converted_minor"));
	assert_int_equal(json_object_get_int_member(ju, "converted_minor"), 55556);
	assert_string_equal(json_object_get_string_member(ju, "rate_date"), "2026-04-10");
	JsonObject *as = json_object_get_object_member(root, "assumptions");
	JsonArray *rates = json_object_get_array_member(as, "exchange_rates");
	assert_int_equal(json_array_get_length(rates), 2);
	gig_report_free(w);
	gig_test_ledger_free(twin);
	gig_report_free(r);
	gig_test_ledger_free(t);
}

/* Before the first USD rate nothing foreign is added, and the report says so. */
static void
test_report_fx__missing_rate(void **state)
{
	(void)state;
	gig_test_ledger *t = fixture();
	gig_report *r = build(t, "2026-04-05");
	assert_int_equal(r->cash_minor, 130000);
	assert_int_equal(r->foreign_cash_minor, 0);
	assert_int_equal(r->foreign_missing, 2);
	assert_int_equal(r->foreign[1].cash_minor, 60000);
	g_autofree char *table = render(r, GIG_REPORT_TABLE);
	assert_non_null(strstr(table, "WARNING: USD cash 600.00 USD is NOT counted"));
	assert_non_null(strstr(table, "gig rates import"));
	/* the same as a EUR-only ledger */
	gig_test_ledger *eur = eur_books(0);
	gig_report *e = build(eur, "2026-04-05");
	assert_int_equal(e->cash_minor, r->cash_minor);
	assert_int_equal(e->buffer_minor, r->buffer_minor);
	gig_report_free(e);
	gig_test_ledger_free(eur);
	gig_report_free(r);
	gig_test_ledger_free(t);
}

static void
gig_in(gig_test_ledger *t, const char *client, int64_t amount, const char *currency,
       const char *invoiced)
{
	gig_gig_spec g = {.client = client,
	                  .stream = GIG_STREAM_SYNC,
	                  .amount_minor = amount,
	                  .currency = currency,
	                  .performed_on = d(invoiced),
	                  .invoiced_on = d(invoiced),
	                  .due_on = GIG_DATE_NONE,
	                  .terms_days = -1,
	                  .paid_on = GIG_DATE_NONE};
	g_autoptr(GError) error = NULL;
	bool ok = gig_ledger_gig_add(t->ledger, &g, NULL, &error);
	gig_assert_ok(ok, error);
}

static const gig_report_month *
month_of(const gig_report *r, const char *first_day)
{
	int m = gig_date_month_index(d(first_day));
	for (size_t i = 0; i < r->n_history; i++)
		if (r->months[i].month == m)
			return &r->months[i];
	fail_msg("no history row for %s", first_day);
	return NULL;
}

/*
 * Other currencies' history, receivables and the ones left out.  The fixture plus
 * 1 EUR = 1.25 USD on 2026-01-31, a USD invoice of 200.00 (2026-04-02) and a GBP
 * invoice of 800.00 (2026-04-01; there is no GBP rate).  As of 2026-04-15:
 *   February: the PayPal +100.00 USD at the rate on or before 02-28 (1.25 of 01-31):
 *     100.00 / 1.25 = 80.00 EUR of income (the EUR accounts had none that month).
 *   April: +30.00 USD posted 04-20 is in the rollup and taken back out, both at
 *     as_of's rate 1.08 (27.78 - 27.78 = 0).  The oldest rate used: 2026-01-31.
 *   Cash stays 1,300.00 + 555.56 = 1,855.56 (the USD cash is converted as a whole),
 *     and the balance history ends at it.
 *   The USD invoice: 200.00 / 1.08 = 185.185... -> 185.19 EUR (rate of 04-10), shown
 *     with its 200.00 USD.  The GBP one is left out, named in fx_left_out.
 */
static void
test_report_fx__history_and_receivables(void **state)
{
	(void)state;
	gig_test_ledger *t = fixture();
	rate(t, "EUR", "USD", "1.25", "2026-01-31");
	gig_in(t, "Sync House", 20000, "USD", "2026-04-02");
	gig_in(t, "PRS", 80000, "GBP", "2026-04-01");
	gig_report *r = build(t, "2026-04-15");
	assert_int_equal(month_of(r, "2026-02-01")->income_minor, 8000);
	assert_int_equal(month_of(r, "2026-01-01")->income_minor, 150000);
	assert_int_equal(month_of(r, "2026-04-01")->income_minor, 0);
	assert_int_equal(r->cash_minor, 185556);
	assert_int_equal(r->months[r->n_history - 1].balance_minor, 185556);
	const gig_report_foreign *usd = &r->foreign[1];
	assert_string_equal(usd->currency, "USD");
	assert_true(usd->history_converted);
	assert_int_equal(usd->history_rate_on, d("2026-01-31"));
	assert_false(r->foreign[0].history); /* GBP: no flows at all */
	assert_int_equal(r->n_receivables, 1);
	assert_string_equal(r->receivables[0].currency, "USD");
	assert_int_equal(r->receivables[0].own_open_minor, 20000);
	assert_int_equal(r->receivables[0].open_minor, 18519);
	assert_int_equal(r->receivables[0].rate_on, d("2026-04-10"));
	assert_int_equal(r->n_fx_left_out, 1);
	assert_non_null(strstr(r->fx_left_out[0], "800.00 GBP"));
	assert_non_null(strstr(r->fx_left_out[0], "gig rates"));

	g_autofree char *table = render(r, GIG_REPORT_TABLE);
	assert_non_null(strstr(table, "200.00 USD, counted as 185.19 EUR"));
	assert_non_null(strstr(table, "WARNING: NOT counted: invoice #2"));
	assert_non_null(strstr(table, "USD income and expenses are in the history"));
	g_autofree char *json = render(r, GIG_REPORT_JSON);
	g_autoptr(JsonParser) p = json_parser_new();
	assert_true(json_parser_load_from_data(p, json, -1, NULL));
	JsonObject *root = json_node_get_object(json_parser_get_root(p));
	JsonObject *ju =
	    json_array_get_object_element(json_object_get_array_member(root, "foreign_cash"), 1);
	assert_true(json_object_get_boolean_member(ju, "history_converted"));
	assert_string_equal(json_object_get_string_member(ju, "history_rate_date"), "2026-01-31");
	JsonObject *rc =
	    json_array_get_object_element(json_object_get_array_member(root, "receivables"), 0);
	assert_int_equal(json_object_get_int_member(rc, "open_minor"), 18519);
	assert_int_equal(json_object_get_int_member(rc, "own_open_minor"), 20000);
	assert_string_equal(json_object_get_string_member(rc, "currency"), "USD");
	assert_int_equal(json_array_get_length(json_object_get_array_member(root, "fx_left_out")),
	                 1);
	gig_report_free(r);
	gig_test_ledger_free(t);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_report_fx__converted_cash),
	    cmocka_unit_test(test_report_fx__missing_rate),
	    cmocka_unit_test(test_report_fx__history_and_receivables),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
