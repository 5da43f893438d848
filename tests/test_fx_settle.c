/*
 * test_fx_settle.c: a gig in one currency paid into an account in another
 * (gig_ledger_gig_pay_received, rates.h, sql/0021), and the paid totals that must
 * never add two currencies (GIG__SQL_PAID, view gig_paid).
 *
 * The fixture: a EUR ledger, Checking (EUR) and PayPal (USD), both opened at 0.
 * Rates: 1 USD = 0.92 EUR on 2026-03-01, 1 USD = 0.95 EUR on 2026-03-20.
 *
 * Gig #1: USD 1,500.00 invoiced 2026-03-02 (so the 0.92 rate): worth
 *   1,500.00 x 0.92 = 1,380.00 EUR.  Paid on 2026-03-25 (when 0.95 was newer, which
 *   must not be used) with 1,380.50 EUR received: gain 0.50 EUR.
 * Gig #2: USD 1,000.00 invoiced 2026-03-05.  USD 400.00 paid with 365.00 EUR:
 *   400.00 x 0.92 = 368.00 expected, loss -3.00; 600.00 USD open.  Then the rest,
 *   600.00 USD, with 553.00 EUR: 552.00 expected, gain +1.00; paid.
 * Gig #3 (ECB direction): a EUR->USD rate of 1.0870 only (2026-06-01); USD 1,500.00
 *   invoiced 2026-06-02 is 1,500.00 / 1.087 = 1,379.944... -> 1,379.94 EUR;
 *   1,380.50 received -> gain 0.56.
 */
#include <string.h>

#include <gigledger/rates.h>
#include <gigledger/report.h>

#include "db.h"
#include "import_helpers.h"
#include "internal.h"

static gig_date
d(const char *text)
{
	gig_date out = 0;
	g_autoptr(GError) error = NULL;
	bool ok = gig_date_parse_iso(&out, text, &error);
	gig_assert_ok(ok, error);
	return out;
}

static int64_t
num(gig_test_ledger *t, const char *sql)
{
	sqlite3_stmt *st = NULL;
	assert_int_equal(sqlite3_prepare_v2(gig__ledger_db(t->ledger), sql, -1, &st, NULL),
	                 SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	int64_t v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

static void
rate(gig_test_ledger *t, const char *base, const char *quote, const char *value, const char *on)
{
	g_autoptr(GError) error = NULL;
	bool ok = gig_ledger_rate_set(t->ledger, base, quote, value, d(on), "test", NULL, &error);
	gig_assert_ok(ok, error);
}

static void
account(gig_test_ledger *t, const char *name, const char *currency)
{
	gig_account_spec spec = {.name = name,
	                         .kind = GIG_ACCOUNT_CHECKING,
	                         .currency = currency,
	                         .opening_date = GIG_DATE_NONE};
	g_autoptr(GError) error = NULL;
	bool ok = gig_ledger_account_add(t->ledger, &spec, NULL, &error);
	gig_assert_ok(ok, error);
}

static int64_t
usd_gig(gig_test_ledger *t, int64_t amount, const char *invoiced)
{
	gig_gig_spec s = {.client = "Sync House",
	                  .stream = GIG_STREAM_SYNC,
	                  .amount_minor = amount,
	                  .currency = "USD",
	                  .performed_on = d(invoiced),
	                  .invoiced_on = d(invoiced),
	                  .due_on = GIG_DATE_NONE,
	                  .terms_days = -1,
	                  .paid_on = GIG_DATE_NONE};
	int64_t id = 0;
	g_autoptr(GError) error = NULL;
	bool ok = gig_ledger_gig_add(t->ledger, &s, &id, &error);
	gig_assert_ok(ok, error);
	return id;
}

static gig_test_ledger *
fixture(void)
{
	gig_test_ledger *t = gig_test_ledger_new("EUR");
	account(t, "Checking", NULL);
	account(t, "PayPal", "USD");
	rate(t, "USD", "EUR", "0.92", "2026-03-01");
	rate(t, "USD", "EUR", "0.95", "2026-03-20");
	return t;
}

static gig_gig *
get(gig_test_ledger *t, int64_t id)
{
	gig_gig *g = NULL;
	g_autoptr(GError) error = NULL;
	bool ok = gig_ledger_gig_get(t->ledger, id, &g, &error);
	gig_assert_ok(ok, error);
	return g;
}

/* the C macro and the view (which the status triggers use) say the same */
static void
assert_paid_agree(gig_test_ledger *t)
{
	assert_int_equal(num(t, "SELECT count(*) FROM gigs g JOIN gig_paid p ON p.gig_id = g.id"
	                        " WHERE p.paid_minor IS NOT " GIG__SQL_PAID("g", "")),
	                 0);
	assert_int_equal(num(t, "SELECT count(*) FROM gigs g JOIN gig_status_due s"
	                        " ON s.gig_id = g.id WHERE s.status <> g.status"),
	                 0);
	assert_int_equal(gig_test_rollup_differences(t->ledger), 0);
}

static void
test_fx_settle__gain(void **state)
{
	(void)state;
	gig_test_ledger *t = fixture();
	int64_t id = usd_gig(t, 150000, "2026-03-02");
	gig_fx_payment p;
	g_autoptr(GError) error = NULL;
	bool ok = gig_ledger_gig_pay_received(t->ledger, id, 0, 138050, "Checking", d("2026-03-25"),
	                                      &p, &error);
	gig_assert_ok(ok, error);
	assert_int_equal(p.gig_minor, 150000);
	assert_string_equal(p.gig_currency, "USD");
	assert_int_equal(p.received_minor, 138050);
	assert_int_equal(p.expected_minor, 138000);
	assert_int_equal(p.fx_minor, 50);
	assert_string_equal(p.currency, "EUR");
	assert_int_equal(p.rate.rate_on, d("2026-03-01")); /* the invoice date's, not 0.95 */
	assert_int_not_equal(p.fx_txn_id, 0);

	g_autoptr(gig_gig) g = get(t, id);
	assert_int_equal(g->status, GIG_STATUS_PAID);
	assert_int_equal(g->paid_minor, 150000); /* USD, the gig's own currency */
	/* both sides: the account got what arrived, split in two categories */
	assert_int_equal(num(t, "SELECT sum(amount_minor) FROM transactions"), 138050);
	assert_int_equal(num(t, "SELECT t.amount_minor FROM transactions t JOIN categories c"
	                        " ON c.id = t.category_id WHERE c.stream = 'sync'"),
	                 138000);
	assert_int_equal(num(t, "SELECT t.amount_minor FROM transactions t JOIN categories c"
	                        " ON c.id = t.category_id WHERE c.name = 'FX gain/loss'"
	                        " AND c.kind = 'income'"),
	                 50);
	assert_int_equal(num(t, "SELECT count(*) FROM txn_splits"), 1);
	assert_int_equal(num(t, "SELECT gig_minor FROM gig_fx_payments"), 150000);
	assert_paid_agree(t);

	/* closed: a second payment is refused */
	g_clear_error(&error);
	assert_false(gig_ledger_gig_pay_received(t->ledger, id, 0, 100, "Checking", d("2026-03-26"),
	                                         NULL, &error));
	assert_int_equal(error->code, GIG_ERROR_INVALID_INPUT);
	gig_test_ledger_free(t);
}

static void
test_fx_settle__partial_loss_then_gain(void **state)
{
	(void)state;
	gig_test_ledger *t = fixture();
	usd_gig(t, 150000, "2026-03-02"); /* a gig that stays open, to be left alone */
	int64_t id = usd_gig(t, 100000, "2026-03-05");
	gig_fx_payment p;
	g_autoptr(GError) error = NULL;
	bool ok = gig_ledger_gig_pay_received(t->ledger, id, 40000, 36500, "Checking",
	                                      d("2026-03-10"), &p, &error);
	gig_assert_ok(ok, error);
	assert_int_equal(p.expected_minor, 36800);
	assert_int_equal(p.fx_minor, -300);
	{
		g_autoptr(gig_gig) g = get(t, id);
		assert_int_equal(g->status, GIG_STATUS_PARTLY_PAID);
		assert_int_equal(g->amount_minor - g->paid_minor, 60000);
	}
	/* more than the 600.00 USD open is refused */
	assert_false(gig_ledger_gig_pay_received(t->ledger, id, 60001, 60000, "Checking",
	                                         d("2026-03-30"), NULL, &error));
	g_clear_error(&error);
	ok = gig_ledger_gig_pay_received(t->ledger, id, 0, 55300, "Checking", d("2026-03-30"), &p,
	                                 &error);
	gig_assert_ok(ok, error);
	assert_int_equal(p.gig_minor, 60000);
	assert_int_equal(p.expected_minor, 55200);
	assert_int_equal(p.fx_minor, 100);
	g_autoptr(gig_gig) g = get(t, id);
	assert_int_equal(g->status, GIG_STATUS_PAID);
	assert_int_equal(g->paid_minor, 100000);
	/* 365.00 + 553.00 arrived; the FX category holds -3.00 + 1.00 = -2.00 */
	assert_int_equal(num(t, "SELECT sum(amount_minor) FROM transactions"), 91800);
	assert_int_equal(num(t, "SELECT sum(t.amount_minor) FROM transactions t JOIN categories c"
	                        " ON c.id = t.category_id WHERE c.name = 'FX gain/loss'"),
	                 -200);
	g_autoptr(gig_gig) other = get(t, 1);
	assert_int_equal(other->paid_minor, 0);
	assert_int_equal(other->status, GIG_STATUS_INVOICED);
	assert_paid_agree(t);
	gig_test_ledger_free(t);
}

static void
test_fx_settle__ecb_inverse(void **state)
{
	(void)state;
	gig_test_ledger *t = gig_test_ledger_new("EUR");
	account(t, "Checking", NULL);
	rate(t, "EUR", "USD", "1.0870", "2026-06-01");
	int64_t id = usd_gig(t, 150000, "2026-06-02");
	gig_fx_payment p;
	g_autoptr(GError) error = NULL;
	bool ok = gig_ledger_gig_pay_received(t->ledger, id, 0, 138050, NULL, d("2026-06-20"), &p,
	                                      &error);
	gig_assert_ok(ok, error);
	assert_int_equal(p.expected_minor, 137994);
	assert_int_equal(p.fx_minor, 56);
	gig_test_ledger_free(t);
}

static void
test_fx_settle__refusals(void **state)
{
	(void)state;
	gig_test_ledger *t = gig_test_ledger_new("EUR");
	account(t, "Checking", NULL);
	account(t, "PayPal", "USD");
	int64_t id = usd_gig(t, 150000, "2026-03-02");
	g_autoptr(GError) error = NULL;
	/* no rate: NOT_FOUND naming what to import, and nothing written */
	assert_false(gig_ledger_gig_pay_received(t->ledger, id, 0, 138050, "Checking",
	                                         d("2026-03-25"), NULL, &error));
	assert_int_equal(error->code, GIG_ERROR_NOT_FOUND);
	assert_non_null(strstr(error->message, "gig rates"));
	assert_non_null(strstr(error->message, "2026-03-02"));
	g_clear_error(&error);
	assert_int_equal(num(t, "SELECT count(*) FROM transactions"), 0);
	assert_int_equal(num(t, "SELECT count(*) FROM gig_fx_payments"), 0);
	/* the account in the gig's own currency: --received is not for it */
	rate(t, "USD", "EUR", "0.92", "2026-03-01");
	assert_false(gig_ledger_gig_pay_received(t->ledger, id, 0, 150000, "PayPal",
	                                         d("2026-03-25"), NULL, &error));
	assert_int_equal(error->code, GIG_ERROR_INVALID_INPUT);
	g_clear_error(&error);
	/* a plain payment into the EUR account stays refused (no silent 1:1) */
	assert_false(
	    gig_ledger_gig_pay(t->ledger, id, 0, "Checking", d("2026-03-25"), NULL, &error));
	assert_int_equal(error->code, GIG_ERROR_INVALID_INPUT);
	g_clear_error(&error);
	assert_int_equal(num(t, "SELECT count(*) FROM transactions"), 0);
	gig_test_ledger_free(t);
}

/* An imported EUR bank row settles the USD gig (what the importer's matcher does). */
static void
test_fx_settle__existing_row(void **state)
{
	(void)state;
	gig_test_ledger *t = fixture();
	int64_t id = usd_gig(t, 150000, "2026-03-02");
	gig_txn_spec s = {.account = "Checking",
	                  .posted_on = d("2026-03-25"),
	                  .amount_minor = 137900,
	                  .payee = "SYNC HOUSE LLC"};
	int64_t txn = 0;
	g_autoptr(GError) error = NULL;
	bool ok = gig_ledger_txn_add(t->ledger, &s, &txn, &error);
	gig_assert_ok(ok, error);
	gig_fx_payment p;
	ok = gig_ledger_gig_pay_txn_received(t->ledger, id, txn, 0, &p, &error);
	gig_assert_ok(ok, error);
	/* 1,379.00 received for 1,380.00 expected: loss 1.00; the row keeps its total */
	assert_int_equal(p.txn_id, txn);
	assert_int_equal(p.fx_minor, -100);
	assert_int_equal(num(t, "SELECT sum(amount_minor) FROM transactions"), 137900);
	g_autoptr(gig_gig) g = get(t, id);
	assert_int_equal(g->status, GIG_STATUS_PAID);
	assert_paid_agree(t);
	gig_test_ledger_free(t);
}

static int64_t
usd_gig_for(gig_test_ledger *t, const char *client, int64_t amount, const char *invoiced)
{
	gig_gig_spec s = {.client = client,
	                  .stream = GIG_STREAM_SYNC,
	                  .amount_minor = amount,
	                  .currency = "USD",
	                  .performed_on = d(invoiced),
	                  .invoiced_on = d(invoiced),
	                  .due_on = GIG_DATE_NONE,
	                  .terms_days = -1,
	                  .paid_on = GIG_DATE_NONE};
	int64_t id = 0;
	g_autoptr(GError) error = NULL;
	bool ok = gig_ledger_gig_add(t->ledger, &s, &id, &error);
	gig_assert_ok(ok, error);
	return id;
}

/*
 * The importer's matcher across currencies (import_match.c): a EUR row fits a USD
 * gig when it is the open amount at the rate on or before the row's day, within
 * max(3%, 5.00 EUR).  Rates as in the fixture (0.92 from 03-01, 0.95 from 03-20).
 *   Sync House, USD 1,500.00 invoiced 03-02; row 03-10 "SYNC HOUSE INC" 1,352.00:
 *     1,500.00 x 0.92 = 1,380.00, tolerance max(41.40, 5.00) = 41.40, so
 *     1,338.60 .. 1,421.40: it fits.  Booked at the invoice-date rate: 1,380.00
 *     expected, loss 1,352.00 - 1,380.00 = -28.00.
 *   Beat Shop, USD 100.00 invoiced 03-02; row 03-11 "BEAT SHOP" 86.99: 92.00,
 *     tolerance max(2.76, 5.00) = 5.00, 87.00 .. 97.00: 86.99 does not fit.  Row
 *     03-25 "BEAT SHOP" 99.50: at 03-25's rate 0.95, 95.00 +- 5.00 = 90.00 .. 100.00:
 *     it fits (at 0.92 it would not); booked against 92.00: gain +7.50.
 */
static void
test_fx_settle__import_matcher(void **state)
{
	(void)state;
	gig_test_ledger *t = fixture();
	int64_t sync = usd_gig_for(t, "Sync House", 150000, "2026-03-02");
	int64_t beat = usd_gig_for(t, "Beat Shop", 10000, "2026-03-02");
	g_autofree char *p = imp_write(t, "eur.csv",
	                               "Date,Payee,Amount\n"
	                               "2026-03-10,SYNC HOUSE INC,1352.00\n"
	                               "2026-03-11,BEAT SHOP,86.99\n"
	                               "2026-03-25,BEAT SHOP,99.50\n",
	                               -1);
	gig_import_options o = imp_opts("Checking");
	g_autoptr(gig_import_result) r = imp_run(t, p, &o);
	assert_int_equal(r->invoice_matches->len, 2);
	const gig_invoice_match *m1 = r->invoice_matches->pdata[0];
	const gig_invoice_match *m2 = r->invoice_matches->pdata[1];
	assert_int_equal(m1->gig_id, sync);
	assert_false(m1->ambiguous);
	assert_true(m1->fx);
	assert_int_equal(m1->amount_minor, 150000);
	assert_int_equal(m1->received_minor, 135200);
	assert_int_equal(m1->fx_minor, -2800);
	assert_int_equal(m2->gig_id, beat);
	assert_int_equal(m2->line_no, 4);
	assert_int_equal(m2->fx_minor, 750);
	{
		g_autoptr(gig_gig) g1 = get(t, sync);
		g_autoptr(gig_gig) g2 = get(t, beat);
		assert_int_equal(g1->status, GIG_STATUS_PAID);
		assert_int_equal(g2->status, GIG_STATUS_PAID);
		assert_int_equal(g2->paid_minor, 10000);
	}
	/* the bank's total is untouched: 1,352.00 + 86.99 + 99.50 */
	assert_int_equal(num(t, "SELECT sum(amount_minor) FROM transactions"), 153849);
	assert_int_equal(num(t, "SELECT count(*) FROM transactions WHERE gig_id IS NULL"), 1);
	assert_paid_agree(t);
	/* undoing the import reopens both gigs */
	g_autoptr(GError) error = NULL;
	bool ok = gig_import_undo(t->ledger, r->batch_id, NULL, &error);
	gig_assert_ok(ok, error);
	g_autoptr(gig_gig) g1 = get(t, sync);
	assert_int_equal(g1->status, GIG_STATUS_INVOICED);
	assert_int_equal(g1->paid_minor, 0);
	assert_int_equal(num(t, "SELECT count(*) FROM transactions"), 0);
	assert_int_equal(num(t, "SELECT count(*) FROM gig_fx_payments"), 0);
	assert_paid_agree(t);
	gig_test_ledger_free(t);
}

/* The bank's row of a receipt recorded with --received (1,380.00 + 0.50 by hand)
 * confirms it on import instead of adding the money twice. */
static void
test_fx_settle__bank_row_confirms(void **state)
{
	(void)state;
	gig_test_ledger *t = fixture();
	int64_t id = usd_gig(t, 150000, "2026-03-02");
	g_autoptr(GError) error = NULL;
	bool ok = gig_ledger_gig_pay_received(t->ledger, id, 0, 138050, "Checking", d("2026-03-25"),
	                                      NULL, &error);
	gig_assert_ok(ok, error);
	g_autofree char *p =
	    imp_write(t, "bank.csv", "Date,Payee,Amount\n2026-03-26,SYNC HOUSE,1380.50\n", -1);
	gig_import_options o = imp_opts("Checking");
	g_autoptr(gig_import_result) r = imp_run(t, p, &o);
	assert_int_equal(r->confirmed, 1);
	assert_int_equal(r->inserted, 0);
	assert_int_equal(num(t, "SELECT count(*) FROM transactions"), 2);
	assert_int_equal(num(t, "SELECT sum(amount_minor) FROM transactions"), 138050);
	assert_paid_agree(t);
	gig_test_ledger_free(t);
}

/*
 * Rates from 2026-03-01 only: a USD gig invoiced 2026-02-20 has no rate for its
 * invoice date, although the row's day (2026-03-10) has one (1,500.00 x 0.92 =
 * 1,380.00, and 1,352.00 is inside 1,338.60..1,421.40).  The import goes through
 * (both rows, 1,352.00 - 40.00 = 1,312.00) and the gig stays open, not linked:
 * the link would book the receipt at the invoice date's rate, which is missing.
 */
static void
test_fx_settle__matcher_without_invoice_rate(void **state)
{
	(void)state;
	gig_test_ledger *t = fixture();
	int64_t sync = usd_gig_for(t, "Sync House", 150000, "2026-02-20");
	g_autofree char *p = imp_write(t, "eur.csv",
	                               "Date,Payee,Amount\n"
	                               "2026-03-09,Coffee,-40.00\n"
	                               "2026-03-10,SYNC HOUSE INC,1352.00\n",
	                               -1);
	gig_import_options o = imp_opts("Checking");
	g_autoptr(gig_import_result) r = imp_run(t, p, &o);
	assert_int_equal(r->inserted, 2);
	assert_int_equal(r->invoice_matches->len, 0);
	assert_int_equal(num(t, "SELECT sum(amount_minor) FROM transactions"), 131200);
	assert_int_equal(num(t, "SELECT count(*) FROM gig_fx_payments"), 0);
	g_autoptr(gig_gig) g = get(t, sync);
	assert_int_equal(g->status, GIG_STATUS_INVOICED);
	assert_int_equal(g->paid_minor, 0);
	assert_paid_agree(t);
	gig_test_ledger_free(t);
}

/*
 * The report's typical fee (the median over gig payments) counts a receipt once, not
 * its exchange-difference part as a fee of its own.  Five USD 1,000.00 gigs invoiced
 * on the 2nd of Jan..May 2026 (1 USD = 0.92 EUR from 2026-01-01), each paid on the 20th
 * with 921.00 EUR: 920.00 + 1.00 gain each.  As of 2026-07-01 the gig payments are
 * 5 x 920.00: median 920.00 (with the parts it would be (1.00 + 920.00) / 2 = 460.50).
 */
static void
test_fx_settle__typical_fee(void **state)
{
	(void)state;
	gig_test_ledger *t = gig_test_ledger_new("EUR");
	account(t, "Checking", NULL);
	rate(t, "USD", "EUR", "0.92", "2026-01-01");
	for (int m = 1; m <= 5; m++) {
		char inv[16], paid[16];
		g_snprintf(inv, sizeof inv, "2026-%02d-02", m);
		g_snprintf(paid, sizeof paid, "2026-%02d-20", m);
		int64_t id = usd_gig(t, 100000, inv);
		g_autoptr(GError) error = NULL;
		bool ok = gig_ledger_gig_pay_received(t->ledger, id, 0, 92100, "Checking", d(paid),
		                                      NULL, &error);
		gig_assert_ok(ok, error);
	}
	gig_report_options opt = GIG_REPORT_OPTIONS_INIT;
	opt.as_of = d("2026-07-01");
	gig_report *r = NULL;
	g_autoptr(GError) error = NULL;
	bool ok = gig_report_build(t->ledger, &opt, &r, &error);
	gig_assert_ok(ok, error);
	assert_true(r->median_over_invoices);
	assert_int_equal(r->median_payment_minor, 92000);
	gig_report_free(r);
	gig_test_ledger_free(t);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_fx_settle__gain),
	    cmocka_unit_test(test_fx_settle__partial_loss_then_gain),
	    cmocka_unit_test(test_fx_settle__ecb_inverse),
	    cmocka_unit_test(test_fx_settle__refusals),
	    cmocka_unit_test(test_fx_settle__existing_row),
	    cmocka_unit_test(test_fx_settle__import_matcher),
	    cmocka_unit_test(test_fx_settle__bank_row_confirms),
	    cmocka_unit_test(test_fx_settle__typical_fee),
	    cmocka_unit_test(test_fx_settle__matcher_without_invoice_rate),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
