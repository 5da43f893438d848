/*
 * test_import_currencies.c: files whose rows carry a currency column (Wise,
 * PayPal, Revolut) go into the account of each row's currency (issue 14):
 * gig_import_options.account_for, or the ledger's one account in that currency;
 * a row whose currency has no account fails the whole import; a conversion's two
 * rows become a transfer between the two accounts.  Every total below is worked
 * out by hand from the file in the comment above it.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "helpers.h"
#include "import_helpers.h"

/*
 * A Wise-like multi-currency statement (hand-made, in Wise's column layout):
 *   USD: +1500.00 (1500.00), -12.99 (1487.01), -1000.00 converted (487.01)
 *   GBP: +785.20 converted (785.20), -20.00 (765.20)
 *   EUR: +250.00 (250.00)
 * Wise-USD ends at 1500.00 - 12.99 - 1000.00 = 487.01, Wise-GBP at 785.20 - 20.00 =
 * 765.20, Wise (EUR) at 250.00.  The conversion's two rows share BALANCE-3001.
 */
static const char wise[] =
    "\"TransferWise ID\",Date,Amount,Currency,Description,\"Payment Reference\","
    "\"Running Balance\",\"Exchange From\",\"Exchange To\",\"Exchange Rate\",\"Payer Name\","
    "\"Payee Name\",Merchant,\"Total fees\"\n"
    "TRANSFER-1001,13-03-2026,1500.00,USD,\"Received money from ACME MUSIC LLC\",INV-7,"
    "1500.00,,,,\"ACME MUSIC LLC\",,,0.00\n"
    "CARD-2001,14-03-2026,-12.99,USD,\"Card transaction of 12.99 USD issued by Splice\",,"
    "1487.01,,,,,,Splice,0.00\n"
    "BALANCE-3001,16-03-2026,-1000.00,USD,\"Converted 1000.00 USD to 785.20 GBP\",,487.01,"
    "USD,GBP,0.7852,,,,0.00\n"
    "BALANCE-3001,16-03-2026,785.20,GBP,\"Converted 1000.00 USD to 785.20 GBP\",,785.20,"
    "USD,GBP,0.7852,,,,0.00\n"
    "CARD-2002,17-03-2026,-20.00,GBP,\"Card transaction of 20.00 GBP issued by PRS\",,"
    "765.20,,,,,,PRS,0.00\n"
    "TRANSFER-1002,18-03-2026,250.00,EUR,\"Received money from Studio Berlin\",,250.00,,,,"
    "\"Studio Berlin\",,,0.00\n";

static int64_t
account(gig_test_ledger *t, const char *name, const char *currency)
{
	GError *error = NULL;
	gig_account_spec spec = {.name = name,
	                         .kind = GIG_ACCOUNT_CHECKING,
	                         .currency = currency,
	                         .opening_date = GIG_DATE_NONE};
	int64_t id = 0;
	bool ok = gig_ledger_account_add(t->ledger, &spec, &id, &error);
	gig_assert_ok(ok, error);
	return id;
}

static int64_t
balance_of(gig_test_ledger *t, const char *name)
{
	g_autofree char *sql = g_strdup_printf(
	    "SELECT ifnull(sum(amount_minor), 0) FROM transactions t JOIN accounts a"
	    " ON a.id = t.account_id WHERE a.name = '%s'",
	    name);
	return imp_sql_int(t, sql);
}

static const gig_import_result *
of(const gig_import_result *r, const char *name)
{
	assert_non_null(r->accounts);
	for (guint i = 0; i < r->accounts->len; i++) {
		const gig_import_result *a = r->accounts->pdata[i];
		if (strcmp(a->account, name) == 0)
			return a;
	}
	fail_msg("no result for account %s", name);
	return NULL;
}

static gig_test_ledger *
wise_ledger(void)
{
	gig_test_ledger *t = gig_test_ledger_new("EUR");
	account(t, "Wise", "EUR");
	account(t, "Wise-USD", "USD");
	account(t, "Wise-GBP", "GBP");
	return t;
}

static void
test_import_currencies__wise_account_for(void **state)
{
	(void)state;
	gig_test_ledger *t = wise_ledger();
	g_autofree char *p = imp_write(t, "wise.csv", wise, -1);
	static const char *const map[] = {"USD=Wise-USD", "gbp=Wise-GBP", NULL};
	gig_import_options o = imp_opts("Wise");
	o.account_for = map;
	g_autoptr(gig_import_result) r = imp_run(t, p, &o);
	assert_int_equal(r->inserted, 6);
	assert_int_equal(r->accounts->len, 3);
	/* the import's own account first, then in the order the file names them */
	assert_string_equal(((gig_import_result *)r->accounts->pdata[0])->account, "Wise");
	assert_string_equal(((gig_import_result *)r->accounts->pdata[1])->account, "Wise-USD");
	const gig_import_result *usd = of(r, "Wise-USD"), *gbp = of(r, "Wise-GBP"),
	                        *eur = of(r, "Wise");
	assert_int_equal(usd->inserted, 3);
	assert_int_equal(usd->sum_minor, 48701);
	assert_string_equal(usd->currency, "USD");
	assert_int_equal(gbp->inserted, 2);
	assert_int_equal(gbp->sum_minor, 76520);
	assert_int_equal(eur->inserted, 1);
	assert_int_equal(eur->sum_minor, 25000);
	assert_int_equal(balance_of(t, "Wise-USD"), 48701);
	assert_int_equal(balance_of(t, "Wise-GBP"), 76520);
	assert_int_equal(balance_of(t, "Wise"), 25000);
	/* each account's running balance against the ledger's */
	assert_true(usd->reconciliation.checked);
	assert_int_equal(usd->reconciliation.stated_minor, 48701);
	assert_int_equal(usd->reconciliation.difference_minor, 0);
	assert_true(gbp->reconciliation.checked);
	assert_int_equal(gbp->reconciliation.stated_minor, 76520);
	assert_int_equal(gbp->reconciliation.difference_minor, 0);
	assert_false(r->reconciliation.checked);
	/* one batch per account, with the file's records */
	assert_true(usd->batch_id > 0 && gbp->batch_id > 0 && eur->batch_id > 0);
	assert_int_equal(imp_sql_int(t, "SELECT count(*) FROM import_batches"), 3);
	assert_int_equal(imp_sql_int(t, "SELECT count(DISTINCT batch_id) FROM import_raw"), 3);
	/* the conversion is a transfer: both rows, nothing else */
	assert_int_equal(usd->transfers, 1);
	assert_int_equal(gbp->transfers, 1);
	assert_int_equal(imp_sql_int(t, "SELECT count(*) FROM transactions t JOIN categories c"
	                                " ON c.id = t.category_id WHERE c.kind = 'transfer'"),
	                 2);
	assert_int_equal(imp_sql_int(t, "SELECT sum(amount_minor) FROM transactions t JOIN"
	                                " categories c ON c.id = t.category_id"
	                                " WHERE c.kind = 'transfer'"),
	                 -100000 + 78520);
	/* re-import adds nothing */
	g_autoptr(gig_import_result) again = imp_run(t, p, &o);
	assert_int_equal(again->inserted, 0);
	assert_int_equal(again->duplicates, 6);
	assert_int_equal(of(again, "Wise-GBP")->duplicates, 2);
	assert_int_equal(imp_sql_int(t, "SELECT count(*) FROM transactions"), 6);
	assert_int_equal(imp_sql_int(t, "SELECT count(*) FROM import_batches"), 3);
	assert_int_equal(gig_test_rollup_differences(t->ledger), 0);
	/* undoing the USD account's batch takes the GBP half's transfer mark off; the
	 * next import adds the USD rows again and pairs them with the GBP row again */
	g_autoptr(GError) e = NULL;
	bool ok = gig_import_undo(t->ledger, usd->batch_id, NULL, &e);
	gig_assert_ok(ok, e);
	assert_int_equal(imp_sql_int(t, "SELECT count(*) FROM transactions WHERE category_id"
	                                " IS NOT NULL"),
	                 0);
	g_autoptr(gig_import_result) third = imp_run(t, p, &o);
	assert_int_equal(third->inserted, 3);
	assert_int_equal(of(third, "Wise-USD")->inserted, 3);
	assert_int_equal(of(third, "Wise-GBP")->duplicates, 2);
	assert_int_equal(imp_sql_int(t, "SELECT count(*) FROM transactions t JOIN categories c"
	                                " ON c.id = t.category_id WHERE c.kind = 'transfer'"),
	                 2);
	assert_int_equal(balance_of(t, "Wise-USD"), 48701);
	gig_test_ledger_free(t);
}

/* Without account_for: each currency's one account of the ledger. */
static void
test_import_currencies__wise_by_currency(void **state)
{
	(void)state;
	gig_test_ledger *t = wise_ledger();
	g_autofree char *p = imp_write(t, "wise.csv", wise, -1);
	gig_import_options o = imp_opts("Wise-USD");
	g_autoptr(gig_import_result) r = imp_run(t, p, &o);
	assert_int_equal(r->inserted, 6);
	assert_int_equal(r->accounts->len, 3);
	assert_string_equal(((gig_import_result *)r->accounts->pdata[0])->account, "Wise-USD");
	assert_int_equal(balance_of(t, "Wise-USD"), 48701);
	assert_int_equal(balance_of(t, "Wise-GBP"), 76520);
	assert_int_equal(balance_of(t, "Wise"), 25000);
	/* the result's own sum is its account's currency's (USD) */
	assert_string_equal(r->currency, "USD");
	assert_int_equal(r->sum_minor, 48701);
	gig_test_ledger_free(t);
}

/*
 * A PayPal-like activity export: a USD payment received (gross 500.00, fee -17.80,
 * net 482.20), converted to EUR the same day (-482.20 USD, +441.05 EUR: the two
 * "General Currency Conversion" rows), then a EUR purchase of -12.99.
 * PayPal-USD: 482.20 - 482.20 = 0.00; PayPal (EUR): 441.05 - 12.99 = 428.06.
 * The conversion rows have no name: their Type cell says what they are.
 */
static const char paypal[] =
    "\"Date\",\"Time\",\"TimeZone\",\"Name\",\"Type\",\"Status\",\"Currency\",\"Gross\","
    "\"Fee\",\"Net\",\"From Email Address\",\"To Email Address\",\"Transaction ID\","
    "\"Item Title\",\"Reference Txn ID\",\"Balance\"\n"
    "\"03/02/2026\",\"10:15:00\",\"PST\",\"Echo Park Records\",\"Payment Received\","
    "\"Completed\",\"USD\",\"500.00\",\"-17.80\",\"482.20\",\"ap@echopark.example\","
    "\"me@example.com\",\"1AB23456CD7890123\",\"Sync license\",\"\",\"482.20\"\n"
    "\"03/02/2026\",\"10:20:00\",\"PST\",\"\",\"General Currency Conversion\",\"Completed\","
    "\"USD\",\"-482.20\",\"0.00\",\"-482.20\",\"me@example.com\",\"\",\"2BC34567DE8901234\","
    "\"\",\"1AB23456CD7890123\",\"0.00\"\n"
    "\"03/02/2026\",\"10:20:00\",\"PST\",\"\",\"General Currency Conversion\",\"Completed\","
    "\"EUR\",\"441.05\",\"0.00\",\"441.05\",\"\",\"me@example.com\",\"3CD45678EF9012345\","
    "\"\",\"1AB23456CD7890123\",\"441.05\"\n"
    "\"03/14/2026\",\"09:00:00\",\"PST\",\"Splice\",\"Preapproved Payment\",\"Completed\","
    "\"EUR\",\"-12.99\",\"0.00\",\"-12.99\",\"me@example.com\",\"billing@splice.example\","
    "\"4DE56789FG0123456\",\"Splice Sounds\",\"\",\"428.06\"\n";

static void
test_import_currencies__paypal(void **state)
{
	(void)state;
	gig_test_ledger *t = gig_test_ledger_new("EUR");
	account(t, "PayPal", "EUR");
	account(t, "PayPal-USD", "USD");
	g_autofree char *p = imp_write(t, "paypal.csv", paypal, -1);
	gig_import_options o = imp_opts("PayPal");
	g_autoptr(gig_import_result) r = imp_run(t, p, &o);
	assert_int_equal(r->inserted, 4);
	const gig_import_result *usd = of(r, "PayPal-USD"), *eur = of(r, "PayPal");
	assert_int_equal(usd->inserted, 2);
	assert_int_equal(usd->sum_minor, 0);
	assert_int_equal(eur->inserted, 2);
	assert_int_equal(eur->sum_minor, 42806);
	assert_int_equal(balance_of(t, "PayPal"), 42806);
	assert_int_equal(balance_of(t, "PayPal-USD"), 0);
	assert_true(eur->reconciliation.checked);
	assert_int_equal(eur->reconciliation.difference_minor, 0);
	assert_true(usd->reconciliation.checked);
	assert_int_equal(usd->reconciliation.stated_minor, 0);
	assert_int_equal(usd->reconciliation.difference_minor, 0);
	/* the two conversion rows are the transfer: -482.20 USD and +441.05 EUR */
	assert_int_equal(imp_sql_int(t, "SELECT count(*) FROM transactions t JOIN categories c"
	                                " ON c.id = t.category_id WHERE c.kind = 'transfer'"),
	                 2);
	assert_int_equal(imp_sql_int(t, "SELECT sum(t.amount_minor) FROM transactions t JOIN"
	                                " categories c ON c.id = t.category_id"
	                                " WHERE c.kind = 'transfer'"),
	                 -48220 + 44105);
	assert_int_equal(usd->transfers + eur->transfers, 2);
	/* the income stays income: the payment received is no transfer */
	assert_int_equal(imp_sql_int(t, "SELECT count(*) FROM transactions WHERE"
	                                " payee = 'Echo Park Records' AND category_id IS NULL"),
	                 1);
	g_autoptr(gig_import_result) again = imp_run(t, p, &o);
	assert_int_equal(again->inserted, 0);
	assert_int_equal(again->duplicates, 4);
	gig_test_ledger_free(t);
}

/* A row whose currency has no account: the import fails, naming the file, the line,
 * the currency and what to pass, and writes nothing (one transaction). */
static void
test_import_currencies__no_account(void **state)
{
	(void)state;
	gig_test_ledger *t = gig_test_ledger_new("EUR");
	account(t, "Wise", "EUR");
	account(t, "Wise-USD", "USD");
	g_autofree char *p = imp_write(t, "wise.csv", wise, -1);
	gig_import_options o = imp_opts("Wise");
	gig_import_result *r = NULL;
	g_autoptr(GError) e = NULL;
	assert_false(gig_import_file(t->ledger, p, &o, &r, &e));
	assert_null(r);
	assert_int_equal(e->code, GIG_ERROR_INVALID_INPUT);
	/* line 5 is the first GBP row */
	assert_non_null(strstr(e->message, "wise.csv:5: the row is in GBP"));
	assert_non_null(strstr(e->message, "no account of the ledger is in GBP"));
	assert_non_null(strstr(e->message, "--account-for GBP=ACCOUNT"));
	assert_int_equal(imp_sql_int(t, "SELECT count(*) FROM transactions"), 0);
	assert_int_equal(imp_sql_int(t, "SELECT count(*) FROM import_batches"), 0);
	assert_int_equal(imp_sql_int(t, "SELECT count(*) FROM import_raw"), 0);
	/* two accounts in GBP: which one is for the user to say */
	account(t, "GBP-1", "GBP");
	account(t, "GBP-2", "GBP");
	g_clear_error(&e);
	assert_false(gig_import_file(t->ledger, p, &o, &r, &e));
	assert_non_null(strstr(e->message, "2 accounts are in GBP ('GBP-1', 'GBP-2')"));
	/* an account_for entry whose account is in another currency */
	static const char *const wrong[] = {"GBP=Wise-USD", NULL};
	o.account_for = wrong;
	g_clear_error(&e);
	assert_false(gig_import_file(t->ledger, p, &o, &r, &e));
	assert_non_null(strstr(e->message, "the account 'Wise-USD' is in USD, not GBP"));
	static const char *const bad[] = {"GBP", NULL};
	o.account_for = bad;
	g_clear_error(&e);
	assert_false(gig_import_file(t->ledger, p, &o, &r, &e));
	assert_non_null(strstr(e->message, "expected CUR=ACCOUNT"));
	static const char *const good[] = {"GBP=GBP-2", NULL};
	o.account_for = good;
	g_autoptr(gig_import_result) ok = imp_run(t, p, &o);
	assert_int_equal(balance_of(t, "GBP-2"), 76520);
	assert_int_equal(balance_of(t, "GBP-1"), 0);
	assert_int_equal(imp_sql_int(t, "SELECT count(*) FROM transactions"), 6);
	gig_test_ledger_free(t);
}

/* A file in one currency keeps its single result (no accounts list). */
static void
test_import_currencies__one_currency(void **state)
{
	(void)state;
	gig_test_ledger *t = gig_test_ledger_new("EUR");
	account(t, "Checking", "EUR");
	g_autofree char *p = imp_write(t, "one.csv",
	                               "Date,Description,Amount,Currency\n"
	                               "2026-03-02,Coffee,-3.50,EUR\n"
	                               "2026-03-03,Client,100.00,EUR\n",
	                               -1);
	gig_import_options o = imp_opts("Checking");
	g_autoptr(gig_import_result) r = imp_run(t, p, &o);
	assert_null(r->accounts);
	assert_string_equal(r->account, "Checking");
	assert_int_equal(r->inserted, 2);
	assert_int_equal(r->sum_minor, 9650);
	gig_test_ledger_free(t);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_import_currencies__wise_account_for),
	    cmocka_unit_test(test_import_currencies__wise_by_currency),
	    cmocka_unit_test(test_import_currencies__paypal),
	    cmocka_unit_test(test_import_currencies__no_account),
	    cmocka_unit_test(test_import_currencies__one_currency),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
