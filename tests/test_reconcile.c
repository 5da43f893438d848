/*
 * test_reconcile.c: hand entries against bank rows (issue 11's three cases of money
 * counted twice), gig txn merge and its refusals, a gig's payment linked to the bank
 * row already imported, balance assertions, the reconciliation of every import
 * (issue 10) and balances that leave scheduled rows out.
 */
#include <string.h>

#include "import_helpers.h"

static gig_test_ledger *
fresh(void)
{
	gig_test_ledger *t = gig_test_ledger_new("EUR");
	gig_test_account(t, "Checking", GIG_ACCOUNT_CHECKING, 0);
	return t;
}

static gig_date
ymd(int y, int m, int d)
{
	gig_date out = 0;
	assert_true(gig_date_from_ymd(&out, y, m, d));
	return out;
}

static int64_t
hand(gig_test_ledger *t, const char *account, gig_date on, int64_t amount, const char *payee,
     const char *category)
{
	gig_txn_spec s = {.account = account,
	                  .posted_on = on,
	                  .amount_minor = amount,
	                  .payee = payee,
	                  .memo = "",
	                  .category = category};
	int64_t id = 0;
	g_autoptr(GError) e = NULL;
	bool ok = gig_ledger_txn_add(t->ledger, &s, &id, &e);
	gig_assert_ok(ok, e);
	return id;
}

static int64_t
balance(gig_test_ledger *t, const char *account)
{
	g_autoptr(gig_account) a = NULL;
	g_autoptr(GError) e = NULL;
	bool ok = gig_ledger_account_find(t->ledger, account, &a, &e);
	gig_assert_ok(ok, e);
	return a->balance_minor;
}

/* Every table an import or a merge touches, as one string. */
static char *
digest(gig_test_ledger *t)
{
	g_autofree char *rows = imp_sql_text(t, IMP_LEDGER_DIGEST);
	g_autofree char *links = imp_sql_text(
	    t, "SELECT ifnull(group_concat(id || ':' || ifnull(gig_id, '-') || ':' ||"
	       " ifnull(batch_id, '-'), ','), '') FROM (SELECT * FROM transactions ORDER BY id)");
	g_autofree char *totals = imp_sql_text(
	    t, "SELECT ifnull(group_concat(account_id || month || category_id || pending || ':' ||"
	       " inflow_minor || ':' || outflow_minor || ':' || n, ','), '') FROM"
	       " (SELECT * FROM monthly_totals ORDER BY 1, 2, 3, 4)");
	g_autofree char *gigs = imp_sql_text(
	    t, "SELECT ifnull(group_concat(id || status, ','), '') FROM (SELECT * FROM gigs"
	       " ORDER BY id)");
	return g_strdup_printf("%s\n%s\n%s\n%s", rows, links, totals, gigs);
}

static void
assert_sound(gig_test_ledger *t)
{
	assert_int_equal(gig_test_rollup_differences(t->ledger), 0);
	g_autoptr(GPtrArray) problems = NULL;
	g_autoptr(GError) e = NULL;
	bool ok = gig_ledger_check(t->ledger, true, &problems, &e);
	gig_assert_ok(ok, e);
	for (guint i = 0; i < problems->len; i++)
		print_error("%s: %s\n", ((gig_check_problem *)problems->pdata[i])->check,
		            ((gig_check_problem *)problems->pdata[i])->message);
	assert_int_equal(problems->len, 0);
}

static void
undo(gig_test_ledger *t, int64_t batch)
{
	g_autoptr(GError) e = NULL;
	bool ok = gig_import_undo(t->ledger, batch, NULL, &e);
	gig_assert_ok(ok, e);
}

/* ---- similarity ---- */

static void
test_reconcile__payee_similarity(void **state)
{
	(void)state;
	/* strong: every meaningful word of the shorter text is in the other */
	assert_int_equal(gig_payee_similarity("Splice", "SPLICE.COM SUBSCRIPTION"), 2);
	assert_int_equal(gig_payee_similarity("SPLICE.COM SUBSCRIPTION", "Splice"), 2);
	assert_int_equal(gig_payee_similarity("Sweetwater", "SWEETWATER SOUND 4411"), 2);
	/* a word of 4+ letters that starts the other one */
	assert_int_equal(gig_payee_similarity("Spotify", "SPOTIFYAB STOCKHOLM"), 2);
	/* weak: some words shared, not all */
	assert_int_equal(gig_payee_similarity("Sweetwater guitar strings", "SWEETWATER SOUND"), 1);
	/* none: generic words and numbers do not count */
	assert_int_equal(gig_payee_similarity("Netflix subscription", "SPOTIFY SUBSCRIPTION"), 0);
	assert_int_equal(gig_payee_similarity("CARD PAYMENT 1234", "CARD PAYMENT 1234 Thomann"), 1);
	assert_int_equal(gig_payee_similarity("", "Splice"), 0);
	assert_int_equal(gig_payee_similarity("Thomann", "Splice"), 0);
}

/* ---- issue 11, case 1: gig spend, then the export with the same row ---- */

static void
test_reconcile__spend_then_bank_row_is_one(void **state)
{
	(void)state;
	gig_test_ledger *t = fresh();
	int64_t id =
	    hand(t, "Checking", ymd(2026, 11, 25), -1299, "SPLICE.COM SUBSCRIPTION", "Samples");
	g_autofree char *before = digest(t);
	g_autofree char *p = imp_write(t, "bank.csv",
	                               "Date,Description,Amount,Balance\n"
	                               "2026-11-20,CLIENT X,500.00,500.00\n"
	                               "2026-11-27,SPLICE.COM SUBSCRIPTION LA,-12.99,487.01\n",
	                               -1);
	gig_import_options o = imp_opts("Checking");
	o.keep_rows = true;
	g_autoptr(gig_import_result) r = imp_run(t, p, &o);
	assert_int_equal(r->confirmed, 1);
	assert_int_equal(r->inserted, 1);
	assert_int_equal(r->sum_minor, 50000);
	assert_int_equal(r->near_matches->len, 0);
	assert_int_equal(r->confirmations->len, 1);
	gig_confirmation *c = r->confirmations->pdata[0];
	assert_int_equal(c->txn_id, id);
	assert_int_equal(c->line_no, 3);
	assert_int_equal(c->was_on, ymd(2026, 11, 25));
	assert_string_equal(gig_row_fate_name(((gig_csv_row *)r->rows->pdata[1])->fate),
	                    "confirmed");
	/* one transaction for the money: the hand row, with its category, the bank's date */
	assert_int_equal(imp_sql_int(t, "SELECT count(*) FROM transactions"), 2);
	assert_int_equal(balance(t, "Checking"), 48701);
	g_autofree char *row =
	    imp_sql_text(t, "SELECT t.id || ' ' || t.posted_on || ' ' || c.name || ' ' || t.payee"
	                    " FROM transactions t JOIN categories c ON c.id = t.category_id"
	                    " WHERE t.amount_minor = -1299");
	g_autofree char *want = g_strdup_printf(
	    "%" G_GINT64_FORMAT " 2026-11-27 Samples SPLICE.COM SUBSCRIPTION LA", id);
	assert_string_equal(row, want);
	/* the file's balance agrees with the ledger's */
	assert_true(r->reconciliation.checked);
	assert_int_equal(r->reconciliation.difference_minor, 0);
	assert_sound(t);
	/* its record is the bank's line */
	g_autofree char *raw = NULL;
	g_autoptr(GError) e = NULL;
	bool ok = gig_import_raw_row(t->ledger, id, &raw, &e);
	gig_assert_ok(ok, e);
	assert_non_null(strstr(raw, "SPLICE.COM SUBSCRIPTION LA"));
	/* a re-import adds nothing */
	g_autoptr(gig_import_result) again = imp_run(t, p, &o);
	assert_int_equal(again->inserted + again->confirmed, 0);
	assert_int_equal(again->duplicates, 2);
	assert_int_equal(imp_sql_int(t, "SELECT count(*) FROM transactions"), 2);
	/* undo: the hand entry as it was, everything else too */
	undo(t, r->batch_id);
	g_autofree char *after = digest(t);
	assert_string_equal(before, after);
	assert_sound(t);
	gig_test_ledger_free(t);
}

/* ---- case 2: gig paid, then the bank's receipt ---- */

static int64_t
add_gig(gig_test_ledger *t, const char *client, int64_t amount, gig_date invoiced,
        const char *description)
{
	gig_gig_spec s = {.client = client,
	                  .stream = GIG_STREAM_SESSION,
	                  .description = description,
	                  .amount_minor = amount,
	                  .performed_on = invoiced,
	                  .invoiced_on = invoiced,
	                  .due_on = GIG_DATE_NONE,
	                  .terms_days = -1,
	                  .paid_on = GIG_DATE_NONE};
	int64_t id = 0;
	g_autoptr(GError) e = NULL;
	bool ok = gig_ledger_gig_add(t->ledger, &s, &id, &e);
	gig_assert_ok(ok, e);
	return id;
}

static char *
gig_status_of(gig_test_ledger *t, int64_t id)
{
	g_autoptr(gig_gig) g = NULL;
	g_autoptr(GError) e = NULL;
	bool ok = gig_ledger_gig_get(t->ledger, id, &g, &e);
	gig_assert_ok(ok, e);
	return g_strdup(gig_status_name(g->status));
}

static void
test_reconcile__paid_then_bank_receipt_is_one(void **state)
{
	(void)state;
	gig_test_ledger *t = fresh();
	int64_t g = add_gig(t, "Blue Room", 7900, ymd(2026, 11, 1), "session");
	int64_t pay = 0;
	g_autoptr(GError) e = NULL;
	bool ok = gig_ledger_gig_pay(t->ledger, g, 0, "Checking", ymd(2026, 11, 25), &pay, &e);
	gig_assert_ok(ok, e);
	g_autofree char *before = digest(t);
	/* the bank's text does not name the client: the gig link is enough */
	g_autofree char *p = imp_write(t, "bank.csv",
	                               "Date,Description,Amount\n"
	                               "2026-11-27,SEPA CREDIT TRANSFER REF 99812,79.00\n",
	                               -1);
	gig_import_options o = imp_opts("Checking");
	g_autoptr(gig_import_result) r = imp_run(t, p, &o);
	assert_int_equal(r->confirmed, 1);
	assert_int_equal(r->inserted, 0);
	assert_int_equal(r->invoice_matches->len, 0);
	assert_int_equal(imp_sql_int(t, "SELECT count(*) FROM transactions"), 1);
	g_autofree char *link =
	    imp_sql_text(t, "SELECT id || ' ' || gig_id || ' ' || posted_on FROM transactions");
	g_autofree char *want =
	    g_strdup_printf("%" G_GINT64_FORMAT " %" G_GINT64_FORMAT " 2026-11-27", pay, g);
	assert_string_equal(link, want);
	g_autofree char *status = gig_status_of(t, g);
	assert_string_equal(status, "paid");
	assert_int_equal(balance(t, "Checking"), 7900);
	assert_sound(t);
	undo(t, r->batch_id);
	g_autofree char *after = digest(t);
	assert_string_equal(before, after);
	gig_test_ledger_free(t);
}

/* ---- case 3: an ambiguous invoice match, then gig paid ---- */

static void
test_reconcile__ambiguous_invoice_then_paid_links_bank_row(void **state)
{
	(void)state;
	gig_test_ledger *t = fresh();
	int64_t g1 = add_gig(t, "Red Studios", 145000, ymd(2026, 11, 1), "mix A");
	int64_t g2 = add_gig(t, "Red Studios", 145000, ymd(2026, 11, 3), "mix B");
	g_autofree char *p = imp_write(t, "bank.csv",
	                               "Date,Description,Amount\n"
	                               "2026-11-20,RED STUDIOS LTD,1450.00\n",
	                               -1);
	gig_import_options o = imp_opts("Checking");
	g_autoptr(gig_import_result) r = imp_run(t, p, &o);
	assert_int_equal(r->invoice_matches->len, 2);
	assert_true(((gig_invoice_match *)r->invoice_matches->pdata[0])->ambiguous);
	int64_t bank = ((gig_invoice_match *)r->invoice_matches->pdata[0])->txn_id;
	/* gig paid finds the bank's row instead of adding a second 1,450.00 */
	int64_t found = 0;
	g_autoptr(GError) e = NULL;
	bool ok = gig_ledger_gig_payment_find(t->ledger, g2, 0, "Checking", ymd(2026, 11, 24),
	                                      &found, &e);
	gig_assert_ok(ok, e);
	assert_int_equal(found, bank);
	/* more than 5 days away: not it */
	ok = gig_ledger_gig_payment_find(t->ledger, g2, 0, "Checking", ymd(2026, 11, 26), &found,
	                                 &e);
	gig_assert_ok(ok, e);
	assert_int_equal(found, 0);
	ok = gig_ledger_gig_pay_txn(t->ledger, g2, bank, &e);
	gig_assert_ok(ok, e);
	assert_int_equal(imp_sql_int(t, "SELECT count(*) FROM transactions"), 1);
	assert_int_equal(balance(t, "Checking"), 145000);
	g_autofree char *s1 = gig_status_of(t, g1);
	g_autofree char *s2 = gig_status_of(t, g2);
	assert_string_equal(s1, "invoiced");
	assert_string_equal(s2, "paid");
	g_autofree char *cat = imp_sql_text(t, "SELECT c.name FROM transactions t JOIN categories c"
	                                       " ON c.id = t.category_id");
	assert_string_equal(cat, "Income: Session");
	/* linked now: not found again, and not linked twice */
	ok = gig_ledger_gig_payment_find(t->ledger, g1, 0, "Checking", ymd(2026, 11, 20), &found,
	                                 &e);
	gig_assert_ok(ok, e);
	assert_int_equal(found, 0);
	ok = gig_ledger_gig_pay_txn(t->ledger, g1, bank, &e);
	assert_false(ok);
	assert_int_equal(e->code, GIG_ERROR_INVALID_INPUT);
	assert_non_null(strstr(e->message, "already pays gig"));
	g_clear_error(&e);
	assert_sound(t);
	gig_test_ledger_free(t);
}

static void
test_reconcile__pay_txn_refusals(void **state)
{
	(void)state;
	gig_test_ledger *t = fresh();
	{
		g_autoptr(GError) e = NULL;
		gig_account_spec usd = {.name = "USD", .currency = "USD"};
		bool ok = gig_ledger_account_add(t->ledger, &usd, NULL, &e);
		gig_assert_ok(ok, e);
	}
	int64_t g = add_gig(t, "Blue Room", 10000, ymd(2026, 11, 1), "x");
	int64_t out = hand(t, "Checking", ymd(2026, 11, 2), -10000, "Thomann", NULL);
	int64_t big = hand(t, "Checking", ymd(2026, 11, 2), 20000, "Blue Room", NULL);
	int64_t usd = hand(t, "USD", ymd(2026, 11, 2), 10000, "Blue Room", NULL);
	gig_txn_spec ps = {.account = "Checking",
	                   .posted_on = ymd(2026, 11, 2),
	                   .amount_minor = 10000,
	                   .payee = "Blue Room",
	                   .pending = true};
	int64_t pend = 0;
	g_autoptr(GError) e = NULL;
	bool ok = gig_ledger_txn_add(t->ledger, &ps, &pend, &e);
	gig_assert_ok(ok, e);
	struct {
		int64_t gig, txn;
		int code;
		const char *text;
	} cases[] = {
	    {g, out, GIG_ERROR_INVALID_INPUT, "money going out"},
	    {g, pend, GIG_ERROR_INVALID_INPUT, "pending"},
	    {g, big, GIG_ERROR_INVALID_INPUT, "more than the 100.00 EUR still open"},
	    /* a row in another currency settles across currencies (rates.h): with no
	     * rate, NOT_FOUND naming what to import */
	    {g, usd, GIG_ERROR_NOT_FOUND, "gig rates import"},
	    {g, 9999, GIG_ERROR_NOT_FOUND, "no transaction #9999"},
	    {9999, big, GIG_ERROR_NOT_FOUND, ""},
	};
	g_autofree char *before = digest(t);
	for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
		ok = gig_ledger_gig_pay_txn(t->ledger, cases[i].gig, cases[i].txn, &e);
		assert_false(ok);
		assert_int_equal(e->code, cases[i].code);
		if (strstr(e->message, cases[i].text) == NULL)
			fail_msg("case %zu: '%s' lacks '%s'", i, e->message, cases[i].text);
		g_clear_error(&e);
	}
	ok = gig_ledger_gig_cancel(t->ledger, g, &e);
	gig_assert_ok(ok, e);
	ok = gig_ledger_gig_pay_txn(t->ledger, g, big, &e);
	assert_false(ok);
	assert_non_null(strstr(e->message, "already cancelled"));
	g_clear_error(&e);
	g_autofree char *after = digest(t);
	/* only the gig's status moved */
	assert_string_not_equal(before, after);
	assert_int_equal(
	    imp_sql_int(t, "SELECT count(*) FROM transactions WHERE gig_id IS NOT NULL"), 0);
	gig_test_ledger_free(t);
}

/* ---- unsure pairs are listed, and gig txn merge joins them ---- */

static void
test_reconcile__unsure_pairs_listed_then_merged(void **state)
{
	(void)state;
	gig_test_ledger *t = fresh();
	/* two hand entries fit one bank row: unsure */
	int64_t h1 = hand(t, "Checking", ymd(2026, 11, 24), -4000, "Thomann", "Gear");
	int64_t h2 = hand(t, "Checking", ymd(2026, 11, 26), -4000, "Thomann", NULL);
	/* a weak likeness: unsure */
	int64_t h3 = hand(t, "Checking", ymd(2026, 11, 10), -2500, "Cologne music shop", NULL);
	g_autofree char *p = imp_write(t, "bank.csv",
	                               "Date,Description,Amount\n"
	                               "2026-11-11,MUSIC STORE,-25.00\n"
	                               "2026-11-25,THOMANN GMBH,-40.00\n",
	                               -1);
	gig_import_options o = imp_opts("Checking");
	g_autoptr(gig_import_result) r = imp_run(t, p, &o);
	assert_int_equal(r->confirmed, 0);
	assert_int_equal(r->inserted, 2);
	assert_int_equal(r->near_matches->len, 3);
	assert_int_equal(imp_sql_int(t, "SELECT count(*) FROM transactions"), 5);
	gig_near_match *m = NULL;
	for (guint i = 0; i < r->near_matches->len; i++) {
		gig_near_match *n = r->near_matches->pdata[i];
		if (n->txn_id == h3)
			m = n;
	}
	assert_non_null(m);
	assert_int_equal(m->line_no, 2);
	g_autofree char *advice = g_strdup_printf(
	    "gig txn merge %" G_GINT64_FORMAT " %" G_GINT64_FORMAT, h3, m->new_txn_id);
	assert_non_null(strstr(m->reason, advice));
	/* the user joins the pairs: bank id first or hand id first, either way */
	int64_t thomann = 0;
	for (guint i = 0; i < r->near_matches->len; i++) {
		gig_near_match *n = r->near_matches->pdata[i];
		if (n->txn_id == h1)
			thomann = n->new_txn_id;
	}
	int64_t kept = 0;
	g_autoptr(GError) e = NULL;
	bool ok = gig_ledger_txn_merge(t->ledger, m->new_txn_id, h3, &kept, &e);
	gig_assert_ok(ok, e);
	assert_int_equal(kept, h3);
	ok = gig_ledger_txn_merge(t->ledger, h1, thomann, &kept, &e);
	gig_assert_ok(ok, e);
	assert_int_equal(kept, h1);
	assert_int_equal(imp_sql_int(t, "SELECT count(*) FROM transactions"), 3);
	assert_int_equal(balance(t, "Checking"), -4000 - 4000 - 2500);
	g_autofree char *row =
	    imp_sql_text(t, "SELECT posted_on || ' ' || payee || ' ' || ifnull(category_id, '-')"
	                    " FROM transactions WHERE id = (SELECT max(id) FROM transactions WHERE "
	                    "payee LIKE 'MUSIC%')");
	assert_string_equal(row, "2026-11-11 MUSIC STORE -");
	/* h2 is the one hand entry left */
	assert_int_equal(imp_sql_int(t, "SELECT id FROM transactions WHERE batch_id IS NULL"), h2);
	assert_sound(t);
	/* re-import adds nothing; undo puts both hand rows back */
	g_autoptr(gig_import_result) again = imp_run(t, p, &o);
	assert_int_equal(again->inserted, 0);
	assert_int_equal(again->duplicates, 2);
	undo(t, r->batch_id);
	assert_int_equal(imp_sql_int(t, "SELECT count(*) FROM transactions"), 3);
	g_autofree char *hands = imp_sql_text(
	    t, "SELECT group_concat(posted_on || payee || ifnull(category_id, '-'), ',') FROM"
	       " (SELECT * FROM transactions ORDER BY id)");
	g_autofree char *gear = imp_sql_text(t, "SELECT id FROM categories WHERE name = 'Gear'");
	g_autofree char *want = g_strdup_printf(
	    "2026-11-24Thomann%s,2026-11-26Thomann-,2026-11-10Cologne music shop-", gear);
	assert_string_equal(hands, want);
	assert_sound(t);
	gig_test_ledger_free(t);
}

/* Every refusal of gig txn merge, and nothing changes with any of them. */
static void
test_reconcile__merge_refusals(void **state)
{
	(void)state;
	gig_test_ledger *t = fresh();
	gig_test_account(t, "Savings", GIG_ACCOUNT_SAVINGS, 0);
	{
		g_autoptr(GError) e = NULL;
		gig_account_spec usd = {.name = "USD", .currency = "USD"};
		bool ok = gig_ledger_account_add(t->ledger, &usd, NULL, &e);
		gig_assert_ok(ok, e);
	}
	int64_t h = hand(t, "Checking", ymd(2026, 11, 2), -1000, "Coffee", NULL);
	int64_t h2 = hand(t, "Checking", ymd(2026, 11, 2), -1000, "Coffee", NULL);
	int64_t hs = hand(t, "Savings", ymd(2026, 11, 2), -1000, "Coffee", NULL);
	int64_t hu = hand(t, "USD", ymd(2026, 11, 2), -1000, "Coffee", NULL);
	int64_t hx = hand(t, "Checking", ymd(2026, 11, 2), -999, "Coffee", NULL);
	gig_txn_spec ps = {.account = "Checking",
	                   .posted_on = ymd(2026, 11, 2),
	                   .amount_minor = -1000,
	                   .payee = "Coffee",
	                   .pending = true};
	int64_t hp = 0;
	g_autoptr(GError) e = NULL;
	bool ok = gig_ledger_txn_add(t->ledger, &ps, &hp, &e);
	gig_assert_ok(ok, e);
	g_autofree char *a = imp_write(t, "a.csv",
	                               "Date,Description,Amount\n2026-10-01,TEA,-10.00\n"
	                               "2026-10-01,TEA,-10.00\n",
	                               -1);
	g_autofree char *b =
	    imp_write(t, "b.csv", "Date,Description,Amount\n2026-10-02,TEA,-10.00\n", -1);
	gig_import_options o = imp_opts("Checking");
	g_autoptr(gig_import_result) ra = imp_run(t, a, &o);
	g_autoptr(gig_import_result) rb = imp_run(t, b, &o);
	int64_t a1 =
	    imp_sql_int(t, "SELECT min(id) FROM transactions WHERE posted_on = '2026-10-01'");
	int64_t a2 =
	    imp_sql_int(t, "SELECT max(id) FROM transactions WHERE posted_on = '2026-10-01'");
	int64_t b1 = imp_sql_int(t, "SELECT id FROM transactions WHERE posted_on = '2026-10-02'");
	struct {
		int64_t x, y;
		int code;
		const char *text;
	} cases[] = {
	    {h, h, GIG_ERROR_INVALID_INPUT, "cannot be merged with itself"},
	    {a1, a1, GIG_ERROR_INVALID_INPUT, "cannot be merged with itself"},
	    {h, 9999, GIG_ERROR_NOT_FOUND, "no transaction #9999"},
	    {9999, a1, GIG_ERROR_NOT_FOUND, "no transaction #9999"},
	    {a1, a2, GIG_ERROR_INVALID_INPUT, "two rows of one bank file"},
	    {a1, b1, GIG_ERROR_INVALID_INPUT, "were both imported"},
	    {h, h2, GIG_ERROR_INVALID_INPUT, "both entered by hand"},
	    {hs, a1, GIG_ERROR_INVALID_INPUT, "only rows of one account"},
	    {hu, a1, GIG_ERROR_INVALID_INPUT, "two currencies"},
	    {hx, a1, GIG_ERROR_INVALID_INPUT, "different amounts"},
	    {hp, a1, GIG_ERROR_INVALID_INPUT, "is pending"},
	};
	g_autofree char *before = digest(t);
	for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
		int64_t kept = -1;
		ok = gig_ledger_txn_merge(t->ledger, cases[i].x, cases[i].y, &kept, &e);
		assert_false(ok);
		assert_int_equal(kept, -1);
		assert_int_equal(e->code, cases[i].code);
		if (strstr(e->message, cases[i].text) == NULL)
			fail_msg("case %zu: '%s' lacks '%s'", i, e->message, cases[i].text);
		g_clear_error(&e);
	}
	g_autofree char *after = digest(t);
	assert_string_equal(before, after);
	(void)ra;
	(void)rb;
	gig_test_ledger_free(t);
}

/* A merge where only the bank row was linked to a gig: the link passes to the hand row,
 * and the gig stays paid exactly once. */
static void
test_reconcile__merge_keeps_gig_status(void **state)
{
	(void)state;
	gig_test_ledger *t = fresh();
	int64_t g = add_gig(t, "Blue Room", 30000, ymd(2026, 11, 1), "x");
	int64_t h = hand(t, "Checking", ymd(2026, 11, 10), 30000, "Cash from the gig", NULL);
	g_autofree char *p =
	    imp_write(t, "bank.csv", "Date,Description,Amount\n2026-11-20,BLUE ROOM,300.00\n", -1);
	gig_import_options o = imp_opts("Checking");
	g_autoptr(gig_import_result) r = imp_run(t, p, &o);
	assert_int_equal(r->confirmed, 0);
	assert_int_equal(r->invoice_matches->len, 1);
	int64_t bank = ((gig_invoice_match *)r->invoice_matches->pdata[0])->txn_id;
	g_autofree char *s0 = gig_status_of(t, g);
	assert_string_equal(s0, "paid");
	g_autoptr(GError) e = NULL;
	bool ok = gig_ledger_txn_merge(t->ledger, h, bank, NULL, &e);
	gig_assert_ok(ok, e);
	assert_int_equal(imp_sql_int(t, "SELECT count(*) FROM transactions"), 1);
	assert_int_equal(imp_sql_int(t, "SELECT gig_id FROM transactions"), g);
	g_autofree char *s1 = gig_status_of(t, g);
	assert_string_equal(s1, "paid");
	assert_sound(t);
	/* undo: the hand row without the link, and the gig open again */
	undo(t, r->batch_id);
	assert_int_equal(imp_sql_int(t, "SELECT count(*) FROM transactions WHERE gig_id IS NULL"),
	                 1);
	g_autofree char *s2 = gig_status_of(t, g);
	assert_string_equal(s2, "invoiced");
	assert_sound(t);
	gig_test_ledger_free(t);
}

/* ---- balance assertions and the reconciliation of an import ---- */

/* The case: a wrong opening balance (0 instead of 1,032.99) gives a ledger of
 * 3,802.39 where the bank's running balance says 4,835.38. */
static void
test_reconcile__import_reports_wrong_opening(void **state)
{
	(void)state;
	gig_test_ledger *t = fresh();
	g_autofree char *p = imp_write(t, "bank.csv",
	                               "Date,Description,Amount,Balance\n"
	                               "2026-11-01,CLIENT,4000.00,5032.99\n"
	                               "2026-11-03,RENT,-197.61,4835.38\n",
	                               -1);
	gig_import_options o = imp_opts("Checking");
	o.dry_run = true;
	g_autoptr(gig_import_result) dry = imp_run(t, p, &o);
	assert_true(dry->reconciliation.checked);
	assert_int_equal(dry->reconciliation.difference_minor, 103299);
	assert_int_equal(imp_sql_int(t, "SELECT count(*) FROM balance_assertions"), 0);
	o.dry_run = false;
	g_autoptr(gig_import_result) r = imp_run(t, p, &o);
	const gig_import_reconciliation *k = &r->reconciliation;
	assert_true(k->checked);
	assert_int_equal(k->on, ymd(2026, 11, 3));
	assert_int_equal(k->stated_minor, 483538);
	assert_int_equal(k->ledger_minor, 380239);
	assert_int_equal(k->difference_minor, 103299);
	/* kept as an assertion that gig check lists */
	g_autoptr(GPtrArray) list = NULL;
	g_autoptr(GError) e = NULL;
	bool ok = gig_ledger_assertions(t->ledger, true, &list, &e);
	gig_assert_ok(ok, e);
	assert_int_equal(list->len, 1);
	gig_assertion *a = list->pdata[0];
	assert_int_equal(a->source, GIG_ASSERTION_IMPORT);
	assert_int_equal(a->batch_id, r->batch_id);
	assert_int_equal(a->difference_minor, 103299);
	assert_int_equal(a->held_on, GIG_DATE_NONE);
	assert_int_equal(a->since_count, 2);
	/* a newest-first file: the first row of the latest day ends it */
	g_autofree char *q = imp_write(t, "newest.csv",
	                               "Date,Description,Amount,Balance\n"
	                               "2026-11-05,B,-1.00,4832.88\n"
	                               "2026-11-05,A,-1.00,4833.88\n"
	                               "2026-11-04,C,-0.50,4834.88\n",
	                               -1);
	g_autoptr(gig_import_result) r2 = imp_run(t, q, &o);
	assert_int_equal(r2->reconciliation.on, ymd(2026, 11, 5));
	assert_int_equal(r2->reconciliation.stated_minor, 483288);
	assert_int_equal(r2->reconciliation.ledger_minor, 380239 - 250);
	/* undo takes its assertion away */
	undo(t, r2->batch_id);
	assert_int_equal(imp_sql_int(t, "SELECT count(*) FROM balance_assertions"), 1);
	/* a file with no balance: nothing compared */
	g_autofree char *n =
	    imp_write(t, "plain.csv", "Date,Description,Amount\n2026-11-06,X,-1.00\n", -1);
	g_autoptr(gig_import_result) r3 = imp_run(t, n, &o);
	assert_false(r3->reconciliation.checked);
	gig_test_ledger_free(t);
}

/* Assertions entered by hand: which hold, and what happened since the last that held. */
static void
test_reconcile__manual_assertions_and_since(void **state)
{
	(void)state;
	gig_test_ledger *t = fresh();
	hand(t, "Checking", ymd(2026, 10, 1), 100000, "Client", NULL);
	hand(t, "Checking", ymd(2026, 10, 31), -20000, "Rent", NULL);
	int64_t late = hand(t, "Checking", ymd(2026, 11, 15), -5000, "Coffee", NULL);
	int64_t later = hand(t, "Checking", ymd(2026, 11, 20), -1000, "Tea", NULL);
	g_autoptr(GError) e = NULL;
	int64_t id1 = 0, id2 = 0, id3 = 0;
	/* holds: 1,000 - 200 at the end of 31 Oct (the rows after it do not count) */
	bool ok =
	    gig_ledger_balance_assert(t->ledger, "Checking", 80000, ymd(2026, 10, 31), &id1, &e);
	gig_assert_ok(ok, e);
	/* does not hold: the bank says 760 on 20 Nov; the ledger has 740 */
	ok = gig_ledger_balance_assert(t->ledger, "checking", 76000, ymd(2026, 11, 20), &id2, &e);
	gig_assert_ok(ok, e);
	/* the same again is the same assertion */
	ok = gig_ledger_balance_assert(t->ledger, "Checking", 76000, ymd(2026, 11, 20), &id3, &e);
	gig_assert_ok(ok, e);
	assert_int_equal(id2, id3);
	assert_int_not_equal(id1, id2);
	int64_t on = 0;
	ok = gig_ledger_balance_on(t->ledger, "Checking", ymd(2026, 11, 16), &on, &e);
	gig_assert_ok(ok, e);
	assert_int_equal(on, 75000);
	g_autoptr(GPtrArray) all = NULL;
	ok = gig_ledger_assertions(t->ledger, false, &all, &e);
	gig_assert_ok(ok, e);
	assert_int_equal(all->len, 2);
	assert_true(((gig_assertion *)all->pdata[0])->holds);
	g_autoptr(GPtrArray) failing = NULL;
	ok = gig_ledger_assertions(t->ledger, true, &failing, &e);
	gig_assert_ok(ok, e);
	assert_int_equal(failing->len, 1);
	gig_assertion *a = failing->pdata[0];
	assert_int_equal(a->id, id2);
	assert_int_equal(a->source, GIG_ASSERTION_MANUAL);
	assert_int_equal(a->ledger_minor, 74000);
	assert_int_equal(a->difference_minor, 2000);
	assert_int_equal(a->held_on, ymd(2026, 10, 31));
	assert_int_equal(a->since_count, 2);
	assert_int_equal(g_array_index(a->since, int64_t, 0), late);
	assert_int_equal(g_array_index(a->since, int64_t, 1), later);
	/* failure paths: nothing recorded */
	struct {
		const char *account;
		int64_t amount;
		gig_date on;
		int code;
	} bad[] = {
	    {"Nope", 1, ymd(2026, 1, 1), GIG_ERROR_NOT_FOUND},
	    {"Checking", GIG_AMOUNT_MAX + 1, ymd(2026, 1, 1), GIG_ERROR_OVERFLOW},
	    {"Checking", 1, GIG_DATE_NONE, GIG_ERROR_INVALID_INPUT},
	};
	for (size_t i = 0; i < G_N_ELEMENTS(bad); i++) {
		ok = gig_ledger_balance_assert(t->ledger, bad[i].account, bad[i].amount, bad[i].on,
		                               NULL, &e);
		assert_false(ok);
		assert_int_equal(e->code, bad[i].code);
		g_clear_error(&e);
	}
	ok = gig_ledger_balance_on(t->ledger, "Nope", ymd(2026, 1, 1), &on, &e);
	assert_false(ok);
	assert_int_equal(e->code, GIG_ERROR_NOT_FOUND);
	g_clear_error(&e);
	assert_int_equal(imp_sql_int(t, "SELECT count(*) FROM balance_assertions"), 2);
	gig_test_ledger_free(t);
}

/* ---- dates: scheduled rows are not in a balance ---- */

static void
test_reconcile__scheduled_rows_left_out(void **state)
{
	(void)state;
	gig_test_ledger *t = fresh();
	hand(t, "Checking", ymd(2026, 11, 20), 100000, "Client", NULL);
	/* gig paid ... --on 2026-12-01 when today is 2026-11-24 */
	int64_t g = add_gig(t, "Blue Room", 30000, ymd(2026, 11, 1), "x");
	g_autoptr(GError) e = NULL;
	bool ok = gig_ledger_gig_pay(t->ledger, g, 0, "Checking", ymd(2026, 12, 1), NULL, &e);
	gig_assert_ok(ok, e);
	hand(t, "Checking", ymd(2026, 11, 25), -5000, "Rent", NULL);
	g_autoptr(GPtrArray) list = NULL;
	ok = gig_ledger_accounts_on(t->ledger, ymd(2026, 11, 24), &list, &e);
	gig_assert_ok(ok, e);
	gig_account *a = list->pdata[0];
	assert_int_equal(a->balance_minor, 100000);
	assert_int_equal(a->transactions, 1);
	assert_int_equal(a->scheduled, 2);
	assert_int_equal(a->scheduled_minor, 30000 - 5000);
	g_autoptr(GPtrArray) all = NULL;
	ok = gig_ledger_accounts_on(t->ledger, GIG_DATE_NONE, &all, &e);
	gig_assert_ok(ok, e);
	a = all->pdata[0];
	assert_int_equal(a->balance_minor, 125000);
	assert_int_equal(a->scheduled, 0);
	gig_test_ledger_free(t);
}

/*
 * Found by the soak test once it merged (tests/test_soak.c, txn-merge): a pending row
 * of import A that import B settled outlives the undo of A (it is B's row then); undoing
 * B afterwards tried to give it back to A, which no longer exists (a foreign-key
 * failure, the undo refused).  Nothing left contains it, so it goes.
 */
static void
test_reconcile__undo_settler_after_its_pending_batch(void **state)
{
	(void)state;
	gig_test_ledger *t = fresh();
	g_autofree char *a = imp_write(t, "p.csv",
	                               "Date,Payee,Amount,Status\n2024-05-02,Rent,-900.00,Booked\n"
	                               "2024-05-03,SPLICE.COM,-12.99,Pending\n",
	                               -1);
	g_autofree char *b = imp_write(t, "q.csv",
	                               "Date,Payee,Amount,Status\n2024-05-02,Rent,-900.00,Booked\n"
	                               "2024-05-05,SPLICE.COM 8841,-12.99,Booked\n",
	                               -1);
	gig_import_options o = imp_opts("Checking");
	g_autoptr(gig_import_result) r1 = imp_run(t, a, &o);
	g_autoptr(gig_import_result) r2 = imp_run(t, b, &o);
	assert_int_equal(r2->replaced_pending, 1);
	undo(t, r1->batch_id);
	assert_int_equal(imp_sql_int(t, "SELECT count(*) FROM transactions"), 2);
	int64_t removed = -1;
	g_autoptr(GError) e = NULL;
	bool ok = gig_import_undo(t->ledger, r2->batch_id, &removed, &e);
	gig_assert_ok(ok, e);
	assert_int_equal(removed, 2);
	assert_int_equal(imp_sql_int(t, "SELECT count(*) FROM transactions"), 0);
	assert_int_equal(imp_sql_int(t, "SELECT count(*) FROM import_superseded"), 0);
	assert_sound(t);
	gig_test_ledger_free(t);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_reconcile__payee_similarity),
	    cmocka_unit_test(test_reconcile__spend_then_bank_row_is_one),
	    cmocka_unit_test(test_reconcile__paid_then_bank_receipt_is_one),
	    cmocka_unit_test(test_reconcile__ambiguous_invoice_then_paid_links_bank_row),
	    cmocka_unit_test(test_reconcile__pay_txn_refusals),
	    cmocka_unit_test(test_reconcile__unsure_pairs_listed_then_merged),
	    cmocka_unit_test(test_reconcile__merge_refusals),
	    cmocka_unit_test(test_reconcile__merge_keeps_gig_status),
	    cmocka_unit_test(test_reconcile__import_reports_wrong_opening),
	    cmocka_unit_test(test_reconcile__manual_assertions_and_since),
	    cmocka_unit_test(test_reconcile__scheduled_rows_left_out),
	    cmocka_unit_test(test_reconcile__undo_settler_after_its_pending_batch),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
