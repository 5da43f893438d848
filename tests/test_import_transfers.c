/*
 * test_import_transfers.c: which rows an import marks as transfers between the
 * user's own accounts, and that finding them costs one pass over the ledger, not
 * one per imported row (issue 9, defect 2).
 */
#include <string.h>

#include "db.h"
#include "import_helpers.h"
#include "rules_internal.h"

/* The rows carrying a transfer category, "account|date|amount|payee" in id order. */
#define TRANSFERS                                                                                  \
	"SELECT group_concat(a.name || '|' || t.posted_on || '|' || t.amount_minor || '|' ||"      \
	" t.payee, ';') FROM (SELECT * FROM transactions ORDER BY id) t"                           \
	" JOIN accounts a ON a.id = t.account_id JOIN categories c ON c.id = t.category_id"        \
	" WHERE c.kind = 'transfer'"

static void
hand_row(gig_test_ledger *t, const char *account, int y, int m, int d, int64_t amount,
         const char *payee)
{
	g_autoptr(GError) e = NULL;
	gig_txn_spec s = {.account = account, .amount_minor = amount, .payee = payee, .memo = ""};
	gig_date_from_ymd(&s.posted_on, y, m, d);
	bool ok = gig_ledger_txn_add(t->ledger, &s, NULL, &e);
	gig_assert_ok(ok, e);
}

/*
 * Pins the pairing rules: a row naming another account is a transfer and takes no
 * mirror; a row saying it is a transfer takes the uncategorised mirror amount of
 * another account within 3 days, trying accounts in id order, then the nearest day,
 * then the lowest id; a row that says nothing pairs only with a mirror that says it
 * is a transfer; each mirror is used once; 4 days apart is too far.
 */
static void
test_import_transfers__pairing(void **state)
{
	(void)state;
	gig_test_ledger *t = gig_test_ledger_new("EUR");
	gig_test_account(t, "Checking", GIG_ACCOUNT_CHECKING, 0);
	gig_test_account(t, "Rainy Day", GIG_ACCOUNT_SAVINGS, 0);
	gig_test_account(t, "Tax pot", GIG_ACCOUNT_TAX_RESERVE, 0);
	g_autofree char *rd = imp_write(t, "rainy.csv",
	                                "Date,Payee,Amount\n"
	                                "2025-05-02,Incoming,100.00\n"
	                                "2025-05-04,Incoming,100.00\n"
	                                "2025-05-05,Incoming,5.00\n"
	                                "2025-05-10,Deposit,42.00\n"
	                                "2025-05-20,Standing order in,75.00\n"
	                                "2025-06-10,Sweep,20.00\n"
	                                "2025-07-04,In A,60.00\n"
	                                "2025-07-06,In B,60.00\n",
	                                -1);
	gig_import_options o = imp_opts("Rainy Day");
	g_autoptr(gig_import_result) r0 = imp_run(t, rd, &o);
	assert_int_equal(r0->inserted, 8);
	assert_int_equal(r0->transfers, 0);
	hand_row(t, "Tax pot", 2025, 5, 2, 10000, "Reserve");
	hand_row(t, "Tax pot", 2025, 6, 18, -3000, "Withdrawal");
	g_autofree char *p = imp_write(t, "checking.csv",
	                               "Date,Payee,Amount\n"
	                               "2025-05-01,Own account transfer,-100.00\n"
	                               "2025-05-03,Transfer out,-100.00\n"
	                               "2025-05-03,xfer,-100.00\n"
	                               "2025-05-03,Transfer,-100.00\n"
	                               "2025-05-05,TO RAINY DAY,-5.00\n"
	                               "2025-05-10,Grocery,-42.00\n"
	                               "2025-05-17,Gym,-75.00\n"
	                               "2025-06-14,Cafe,-20.00\n"
	                               "2025-06-20,Transfer back,30.00\n"
	                               "2025-07-05,Transfer,-60.00\n",
	                               -1);
	o = imp_opts("Checking");
	g_autoptr(gig_import_result) r = imp_run(t, p, &o);
	assert_int_equal(r->inserted, 10);
	g_autofree char *got = imp_sql_text(t, TRANSFERS);
	print_message("%s\n", got);
	assert_int_equal(r->transfers, 7);
	assert_string_equal(got, "Rainy Day|2025-05-02|10000|Incoming;"
	                         "Rainy Day|2025-05-04|10000|Incoming;"
	                         "Rainy Day|2025-05-20|7500|Standing order in;"
	                         "Rainy Day|2025-07-04|6000|In A;"
	                         "Tax pot|2025-05-02|10000|Reserve;"
	                         "Tax pot|2025-06-18|-3000|Withdrawal;"
	                         "Checking|2025-05-01|-10000|Own account transfer;"
	                         "Checking|2025-05-03|-10000|Transfer out;"
	                         "Checking|2025-05-03|-10000|xfer;"
	                         "Checking|2025-05-05|-500|TO RAINY DAY;"
	                         "Checking|2025-05-17|-7500|Gym;"
	                         "Checking|2025-06-20|3000|Transfer back;"
	                         "Checking|2025-07-05|-6000|Transfer");
	/* undo puts the other accounts' rows back as they were */
	int64_t removed = 0;
	g_autoptr(GError) e = NULL;
	bool ok = gig_import_undo(t->ledger, r->batch_id, &removed, &e);
	gig_assert_ok(ok, e);
	assert_int_equal(removed, 10);
	g_autofree char *after = imp_sql_text(t, TRANSFERS);
	assert_string_equal(after, "");
	gig_test_ledger_free(t);
}

/* n rows a day apart from 2001-01-01, amounts 1.00 .. n.00 with `sign`, payee "NAME k". */
static char *
rows_csv(gig_test_ledger *t, const char *file, const char *name, int n, int sign)
{
	GString *s = g_string_new("Date,Payee,Amount\n");
	gig_date d0 = 0;
	gig_date_from_ymd(&d0, 2001, 1, 1);
	for (int k = 0; k < n; k++) {
		char day[GIG_DATE_BUFSZ];
		gig_date_format(day, d0 + k / 3);
		g_string_append_printf(s, "%s,%s %d,%s%d.00\n", day, name, k, sign < 0 ? "-" : "",
		                       k + 1);
	}
	char *path = imp_write(t, file, s->str, (gssize)s->len);
	g_string_free(s, TRUE);
	return path;
}

struct scan_count {
	int64_t fullscan_steps;
	int64_t statements;
};

static int
on_profile(unsigned type, void *ctx, void *p, void *x)
{
	(void)x;
	struct scan_count *c = ctx;
	if (type == SQLITE_TRACE_PROFILE) {
		c->fullscan_steps += sqlite3_stmt_status(p, SQLITE_STMTSTATUS_FULLSCAN_STEP, 1);
		c->statements++;
	}
	return 0;
}

/*
 * The README's setup (Checking, Savings, a tax reserve, each holding an earlier
 * batch): importing N more rows into Checking reads the ledger's rows in full at
 * most once.  The per-row look-up this replaced scanned the whole transactions
 * table for each row and other account (2 x N x 3N steps and more).
 */
static void
test_import_transfers__one_pass_not_one_per_row(void **state)
{
	(void)state;
	enum { N = 1200 };
	gig_test_ledger *t = gig_test_ledger_new("EUR");
	gig_test_account(t, "Checking", GIG_ACCOUNT_CHECKING, 0);
	gig_test_account(t, "Savings", GIG_ACCOUNT_SAVINGS, 0);
	gig_test_account(t, "Tax reserve", GIG_ACCOUNT_TAX_RESERVE, 0);
	g_autofree char *a = rows_csv(t, "a.csv", "OLD", N, -1);
	g_autofree char *s = rows_csv(t, "s.csv", "INTEREST", N, 1);
	g_autofree char *x = rows_csv(t, "x.csv", "RESERVE", N, 1);
	g_autofree char *b = rows_csv(t, "b.csv", "CARD", N, -1);
	gig_import_options o = imp_opts("Checking");
	g_autoptr(gig_import_result) r1 = imp_run(t, a, &o);
	o = imp_opts("Savings");
	g_autoptr(gig_import_result) r2 = imp_run(t, s, &o);
	o = imp_opts("Tax reserve");
	g_autoptr(gig_import_result) r3 = imp_run(t, x, &o);
	assert_int_equal(r1->inserted + r2->inserted + r3->inserted, 3 * N);
	struct scan_count c = {0};
	sqlite3 *db = gig__ledger_db(t->ledger);
	assert_int_equal(sqlite3_trace_v2(db, SQLITE_TRACE_PROFILE, on_profile, &c), SQLITE_OK);
	o = imp_opts("Checking");
	g_autoptr(gig_import_result) r4 = imp_run(t, b, &o);
	sqlite3_trace_v2(db, 0, NULL, NULL);
	assert_int_equal(r4->inserted, N);
	/* every Checking row has a +amount mirror on its day in both other accounts,
	 * but none says or names a transfer */
	assert_int_equal(r4->transfers, 0);
	print_message("import of %d rows: %" G_GINT64_FORMAT " statements, %" G_GINT64_FORMAT
	              " full-scan steps\n",
	              N, c.statements, c.fullscan_steps);
	/* one pass over the rows already there (the check for pending rows), and the
	 * small tables */
	assert_true(c.fullscan_steps < 3 * N + N / 4);
	gig_test_ledger_free(t);
}

/* The statement that reads the candidate mirrors goes through the two indexes. */
static void
test_import_transfers__mirror_query_plan(void **state)
{
	(void)state;
	gig_test_ledger *t = gig_test_ledger_new("EUR");
	sqlite3 *db = gig__ledger_db(t->ledger);
	g_autofree char *sql = g_strconcat("EXPLAIN QUERY PLAN ", gig__sql_transfer_mirrors, NULL);
	sqlite3_stmt *st = NULL;
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
	GString *plan = g_string_new(NULL);
	while (sqlite3_step(st) == SQLITE_ROW)
		g_string_append_printf(plan, "%s\n", (const char *)sqlite3_column_text(st, 3));
	sqlite3_finalize(st);
	print_message("%s", plan->str);
	assert_non_null(strstr(plan->str, "SEARCH transactions USING INDEX transactions_identity"
	                                  " (account_id=? AND posted_on>? AND posted_on<?)"));
	/* the hand-entered rows: transactions_by_hand, or sql/0013's index over the rows
	 * without a fingerprint, which holds the same rows */
	assert_true(strstr(plan->str, "SEARCH transactions USING INDEX transactions_by_hand"
	                              " (account_id=? AND posted_on>? AND posted_on<?)") ||
	            strstr(plan->str, "SEARCH transactions USING INDEX transactions_unfingerprinted"
	                              " (account_id=? AND posted_on>? AND posted_on<?)"));
	assert_null(strstr(plan->str, "SCAN transactions"));
	g_string_free(plan, TRUE);
	gig_test_ledger_free(t);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_import_transfers__pairing),
	    cmocka_unit_test(test_import_transfers__one_pass_not_one_per_row),
	    cmocka_unit_test(test_import_transfers__mirror_query_plan),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
