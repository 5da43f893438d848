/*
 * test_import_members.c: a row belongs to every batch whose file contained it
 * (issue 9, defect 3; sql/0010).  Undoing a batch removes only the rows that no
 * remaining batch contains, through the multi-row and the one-row insert paths,
 * and the rollup stays equal to the rows after every undo.
 */
#include <string.h>

#include "db.h"
#include "import_helpers.h"
#include "import_internal.h"

/* Rows k = lo .. hi: "2024-01-01 + k days,Shop k,-k.00" (each its own identity). */
static char *
rows_csv(gig_test_ledger *t, const char *file, int lo, int hi)
{
	GString *s = g_string_new("Date,Payee,Amount\n");
	gig_date d0 = 0;
	gig_date_from_ymd(&d0, 2024, 1, 1);
	for (int k = lo; k <= hi; k++) {
		char day[GIG_DATE_BUFSZ];
		gig_date_format(day, d0 + k);
		g_string_append_printf(s, "%s,Shop %d,-%d.00\n", day, k, k);
	}
	char *path = imp_write(t, file, s->str, (gssize)s->len);
	g_string_free(s, TRUE);
	return path;
}

static int64_t
undo(gig_test_ledger *t, int64_t batch)
{
	int64_t removed = -1;
	g_autoptr(GError) e = NULL;
	bool ok = gig_import_undo(t->ledger, batch, &removed, &e);
	gig_assert_ok(ok, e);
	assert_int_equal(gig_test_rollup_differences(t->ledger), 0);
	return removed;
}

/* Sum of -k for k = lo .. hi, in minor units. */
static int64_t
sum_of(int lo, int hi)
{
	return -100 * ((int64_t)(hi - lo + 1) * (lo + hi) / 2);
}

/*
 * 300 rows, then 300 overlapping by 100: the second import's multi-row INSERTs are
 * part duplicate.  Undoing the first keeps the 100 the second contains, which then
 * show the second file's record; undoing the second leaves nothing.
 */
static void
test_import_members__multi_row_overlap(void **state)
{
	(void)state;
	gig_test_ledger *t = gig_test_ledger_new("EUR");
	gig_test_account(t, "Checking", GIG_ACCOUNT_CHECKING, 0);
	g_autofree char *a = rows_csv(t, "a.csv", 1, 300);
	g_autofree char *b = rows_csv(t, "b.csv", 201, 500);
	gig_import_options o = imp_opts("Checking");
	g_autoptr(gig_import_result) ra = imp_run(t, a, &o);
	g_autoptr(gig_import_result) rb = imp_run(t, b, &o);
	assert_int_equal(ra->inserted, 300);
	assert_int_equal(rb->inserted, 200);
	assert_int_equal(rb->duplicates, 100);
	assert_int_equal(imp_sql_int(t, "SELECT count(*) FROM import_members"), 100);
	assert_int_equal(undo(t, ra->batch_id), 200);
	assert_int_equal(imp_sql_int(t, "SELECT count(*) FROM transactions"), 300);
	assert_int_equal(imp_sql_int(t, "SELECT sum(amount_minor) FROM transactions"),
	                 sum_of(201, 500));
	assert_int_equal(imp_sql_int(t, "SELECT min(amount_minor) FROM transactions"), -50000);
	/* row 250 was on A's line 251 and is on B's line 51 */
	int64_t id = imp_sql_int(t, "SELECT id FROM transactions WHERE payee = 'Shop 250'");
	char *rec = NULL;
	g_autoptr(GError) e = NULL;
	bool ok = gig_import_raw_row(t->ledger, id, &rec, &e);
	gig_assert_ok(ok, e);
	assert_string_equal(rec, "2024-09-07,Shop 250,-250.00");
	g_free(rec);
	assert_int_equal(
	    imp_sql_int(t, "SELECT line_no FROM transactions WHERE payee = 'Shop 250'"), 51);
	assert_int_equal(undo(t, rb->batch_id), 300);
	assert_int_equal(imp_sql_int(t, "SELECT count(*) FROM transactions"), 0);
	assert_int_equal(imp_sql_int(t, "SELECT count(*) FROM import_members"), 0);
	assert_int_equal(imp_sql_int(t, "SELECT count(*) FROM monthly_totals"), 0);
	gig_test_ledger_free(t);
}

/* A re-import that adds nothing keeps no batch and no membership. */
static void
test_import_members__reimport_keeps_nothing(void **state)
{
	(void)state;
	gig_test_ledger *t = gig_test_ledger_new("EUR");
	gig_test_account(t, "Checking", GIG_ACCOUNT_CHECKING, 0);
	g_autofree char *a = rows_csv(t, "a.csv", 1, 300);
	gig_import_options o = imp_opts("Checking");
	g_autoptr(gig_import_result) r1 = imp_run(t, a, &o);
	g_autoptr(gig_import_result) r2 = imp_run(t, a, &o);
	assert_int_equal(r2->duplicates, 300);
	assert_int_equal(r2->batch_id, 0);
	assert_int_equal(imp_sql_int(t, "SELECT count(*) FROM import_members"), 0);
	assert_int_equal(undo(t, r1->batch_id), 300);
	gig_test_ledger_free(t);
}

/*
 * The one-row path (the account has a pending row): a later file that contains a
 * row posted which an earlier file had pending marks it posted and contains it.
 * Undoing the earlier file keeps the row, posted; undoing the later one then
 * removes it.  The other way round, undoing the later file makes it pending again.
 */
static void
test_import_members__pending_row_marked_posted(void **state)
{
	(void)state;
	for (int order = 0; order < 2; order++) {
		gig_test_ledger *t = gig_test_ledger_new("EUR");
		gig_test_account(t, "Checking", GIG_ACCOUNT_CHECKING, 0);
		g_autofree char *a = imp_write(t, "a.csv",
		                               "Date,Payee,Amount,Status\n"
		                               "2024-12-01,NETFLIX,-9.99,Pending\n"
		                               "2024-12-01,SPOTIFY,-10.99,Completed\n",
		                               -1);
		g_autofree char *b = imp_write(t, "b.csv",
		                               "Date,Payee,Amount,Status\n"
		                               "2024-12-01,NETFLIX,-9.99,Completed\n"
		                               "2024-12-01,SPOTIFY,-10.99,Completed\n"
		                               "2024-12-03,BANDCAMP,25.00,Completed\n",
		                               -1);
		gig_import_options o = imp_opts("Checking");
		g_autoptr(gig_import_result) ra = imp_run(t, a, &o);
		g_autoptr(gig_import_result) rb = imp_run(t, b, &o);
		assert_int_equal(ra->pending, 1);
		assert_int_equal(rb->replaced_pending, 1);
		assert_int_equal(rb->duplicates, 1);
		assert_int_equal(rb->inserted, 1);
		assert_int_equal(imp_sql_int(t, "SELECT count(*) FROM import_members"), 2);
		if (order == 0) {
			assert_int_equal(undo(t, ra->batch_id), 0);
			assert_int_equal(imp_sql_int(t, "SELECT count(*) FROM transactions"), 3);
			assert_int_equal(imp_sql_int(t, "SELECT sum(pending) FROM transactions"),
			                 0);
			assert_int_equal(undo(t, rb->batch_id), 3);
		} else {
			assert_int_equal(undo(t, rb->batch_id), 1);
			assert_int_equal(imp_sql_int(t, "SELECT count(*) FROM transactions"), 2);
			assert_int_equal(imp_sql_int(t, "SELECT pending FROM transactions"
			                                " WHERE payee = 'NETFLIX'"),
			                 1);
			assert_int_equal(undo(t, ra->batch_id), 2);
		}
		assert_int_equal(imp_sql_int(t, "SELECT count(*) FROM transactions"), 0);
		assert_int_equal(imp_sql_int(t, "SELECT count(*) FROM import_members"), 0);
		gig_test_ledger_free(t);
	}
}

/*
 * What a batch changed in a row another batch also contains becomes that batch's
 * change: X has a row pending, A marks it posted, B contains it posted too.
 * Undoing A leaves it posted (as B has it); undoing B then makes it pending again,
 * as X has it.
 */
static void
test_import_members__change_handed_over(void **state)
{
	(void)state;
	gig_test_ledger *t = gig_test_ledger_new("EUR");
	gig_test_account(t, "Checking", GIG_ACCOUNT_CHECKING, 0);
	g_autofree char *x = imp_write(t, "x.csv",
	                               "Date,Payee,Amount,Status\n"
	                               "2024-12-01,NETFLIX,-9.99,Pending\n"
	                               "2024-12-01,SPOTIFY,-10.99,Completed\n",
	                               -1);
	g_autofree char *a = imp_write(t, "a.csv",
	                               "Date,Payee,Amount,Status\n"
	                               "2024-12-01,NETFLIX,-9.99,Completed\n",
	                               -1);
	g_autofree char *b = imp_write(t, "b.csv",
	                               "Date,Payee,Amount,Status\n"
	                               "2024-12-01,NETFLIX,-9.99,Completed\n"
	                               "2024-12-03,BANDCAMP,25.00,Completed\n",
	                               -1);
	gig_import_options o = imp_opts("Checking");
	g_autoptr(gig_import_result) rx = imp_run(t, x, &o);
	g_autoptr(gig_import_result) ra = imp_run(t, a, &o);
	g_autoptr(gig_import_result) rb = imp_run(t, b, &o);
	assert_int_equal(ra->replaced_pending, 1);
	assert_int_equal(rb->duplicates, 1);
	assert_int_equal(undo(t, ra->batch_id), 0);
	assert_int_equal(imp_sql_int(t, "SELECT pending FROM transactions WHERE payee = 'NETFLIX'"),
	                 0);
	assert_int_equal(undo(t, rb->batch_id), 1);
	assert_int_equal(imp_sql_int(t, "SELECT pending FROM transactions WHERE payee = 'NETFLIX'"),
	                 1);
	assert_int_equal(undo(t, rx->batch_id), 2);
	assert_int_equal(imp_sql_int(t, "SELECT count(*) FROM transactions"), 0);
	gig_test_ledger_free(t);
}

/* gig_import_batches()' remaining for one batch. */
static int64_t
remaining(gig_test_ledger *t, int64_t batch)
{
	g_autoptr(GPtrArray) list = NULL;
	g_autoptr(GError) e = NULL;
	bool ok = gig_import_batches(t->ledger, &list, &e);
	gig_assert_ok(ok, e);
	for (guint i = 0; i < list->len; i++)
		if (((gig_import_batch *)list->pdata[i])->id == batch)
			return ((gig_import_batch *)list->pdata[i])->remaining;
	return -1;
}

/*
 * The same with a pending row that A settles (rewrites into its posted row, a day
 * later and under another payee text): B contains the posted row.  Undoing A keeps
 * it as B has it, undoing B brings back the pending row X had.
 */
static void
test_import_members__settled_row_handed_over(void **state)
{
	(void)state;
	gig_test_ledger *t = gig_test_ledger_new("EUR");
	gig_test_account(t, "Checking", GIG_ACCOUNT_CHECKING, 0);
	g_autofree char *x = imp_write(t, "x.csv",
	                               "Date,Payee,Amount,Status\n"
	                               "2024-12-01,NETFLIX,-9.99,Pending\n"
	                               "2024-12-01,SPOTIFY,-10.99,Completed\n",
	                               -1);
	g_autofree char *a = imp_write(t, "a.csv",
	                               "Date,Payee,Amount,Status\n"
	                               "2024-12-02,NETFLIX.COM,-9.99,Completed\n",
	                               -1);
	g_autofree char *b = imp_write(t, "b.csv",
	                               "Date,Payee,Amount,Status\n"
	                               "2024-12-02,NETFLIX.COM,-9.99,Completed\n"
	                               "2024-12-03,BANDCAMP,25.00,Completed\n",
	                               -1);
	gig_import_options o = imp_opts("Checking");
	g_autoptr(gig_import_result) rx = imp_run(t, x, &o);
	g_autoptr(gig_import_result) ra = imp_run(t, a, &o);
	g_autoptr(gig_import_result) rb = imp_run(t, b, &o);
	assert_int_equal(ra->replaced_pending, 1);
	assert_int_equal(rb->duplicates, 1);
	assert_int_equal(remaining(t, rb->batch_id), 2);
	assert_int_equal(undo(t, ra->batch_id), 0);
	assert_int_equal(remaining(t, rb->batch_id), 2);
	g_autofree char *kept = imp_sql_text(t, "SELECT posted_on || ' ' || payee || ' ' || pending"
	                                        " FROM transactions WHERE amount_minor = -999");
	assert_string_equal(kept, "2024-12-02 NETFLIX.COM 0");
	assert_int_equal(undo(t, rb->batch_id), 1);
	g_autofree char *back = imp_sql_text(t, "SELECT posted_on || ' ' || payee || ' ' || pending"
	                                        " FROM transactions WHERE amount_minor = -999");
	assert_string_equal(back, "2024-12-01 NETFLIX 1");
	assert_int_equal(remaining(t, rx->batch_id), 2);
	assert_int_equal(undo(t, rx->batch_id), 2);
	assert_int_equal(imp_sql_int(t, "SELECT count(*) FROM transactions"), 0);
	gig_test_ledger_free(t);
}

#define TRANSFER_ROWS                                                                              \
	"SELECT count(*) FROM transactions t JOIN categories c ON c.id = t.category_id"            \
	" WHERE c.kind = 'transfer'"

/*
 * A transfer row of A that B also contains stays a transfer when A is undone, and so
 * does the other account's row A paired it with; undoing B then reverts both.
 */
static void
test_import_members__transfer_mark_handed_over(void **state)
{
	(void)state;
	gig_test_ledger *t = gig_test_ledger_new("EUR");
	gig_test_account(t, "Checking", GIG_ACCOUNT_CHECKING, 0);
	gig_test_account(t, "Rainy Day", GIG_ACCOUNT_SAVINGS, 0);
	g_autofree char *s =
	    imp_write(t, "s.csv", "Date,Payee,Amount\n2024-03-02,Incoming,300.00\n", -1);
	g_autofree char *a = imp_write(t, "a.csv",
	                               "Date,Payee,Amount\n"
	                               "2024-03-01,Own account transfer,-300.00\n"
	                               "2024-03-05,Shop,-5.00\n",
	                               -1);
	g_autofree char *b = imp_write(t, "b.csv",
	                               "Date,Payee,Amount\n"
	                               "2024-03-01,Own account transfer,-300.00\n"
	                               "2024-03-07,Cafe,-3.00\n",
	                               -1);
	gig_import_options o = imp_opts("Rainy Day");
	g_autoptr(gig_import_result) rs = imp_run(t, s, &o);
	o = imp_opts("Checking");
	g_autoptr(gig_import_result) ra = imp_run(t, a, &o);
	assert_int_equal(ra->transfers, 1);
	assert_int_equal(imp_sql_int(t, TRANSFER_ROWS), 2);
	g_autoptr(gig_import_result) rb = imp_run(t, b, &o);
	assert_int_equal(rb->duplicates, 1);
	assert_int_equal(undo(t, ra->batch_id), 1);
	assert_int_equal(imp_sql_int(t, TRANSFER_ROWS), 2);
	assert_int_equal(undo(t, rb->batch_id), 2);
	assert_int_equal(imp_sql_int(t, TRANSFER_ROWS), 0);
	assert_int_equal(imp_sql_int(t, "SELECT count(*) FROM transactions"), 1);
	assert_int_equal(undo(t, rs->batch_id), 1);
	gig_test_ledger_free(t);
}

/*
 * A ledger from before sql/0010 migrates: its rows belong to the batches that
 * inserted them, and an overlapping import afterwards records what it contained.
 */
static void
test_import_members__older_ledger_migrates(void **state)
{
	(void)state;
	gig_test_ledger *t = gig_test_ledger_new("EUR");
	gig_test_account(t, "Checking", GIG_ACCOUNT_CHECKING, 0);
	g_autofree char *a = rows_csv(t, "a.csv", 1, 100);
	g_autofree char *b = rows_csv(t, "b.csv", 50, 150);
	gig_import_options o = imp_opts("Checking");
	g_autoptr(gig_import_result) ra = imp_run(t, a, &o);
	/* back to schema 9: no membership table, no transfer pairs */
	gig_ledger_free(t->ledger);
	t->ledger = NULL;
	sqlite3 *db = NULL;
	assert_int_equal(sqlite3_open(t->path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db,
	                              "DROP TABLE import_members;"
	                              " ALTER TABLE import_effects DROP COLUMN pair_txn_id;"
	                              /* and what later migrations added (sql/0012) */
	                              " DROP TABLE balance_assertions;"
	                              " ALTER TABLE import_effects DROP COLUMN old_pending;"
	                              " ALTER TABLE import_effects DROP COLUMN old_category_id;"
	                              " ALTER TABLE import_effects DROP COLUMN old_gig_id;"
	                              /* and what came after 0010 */
	                              " DROP TABLE change_log; DROP TABLE import_removed;"
	                              " DROP TABLE txn_splits;"
	                              " PRAGMA user_version = 9;",
	                              NULL, NULL, NULL),
	                 SQLITE_OK);
	sqlite3_close(db);
	g_autoptr(GError) e = NULL;
	bool ok = gig_ledger_open(&t->ledger, t->path, &e);
	gig_assert_ok(ok, e);
	assert_int_equal(imp_sql_int(t, "PRAGMA user_version"), gig_ledger_schema_latest());
	g_autoptr(gig_import_result) rb = imp_run(t, b, &o);
	assert_int_equal(rb->inserted, 50);
	assert_int_equal(rb->duplicates, 51);
	assert_int_equal(undo(t, ra->batch_id), 49);
	assert_int_equal(imp_sql_int(t, "SELECT count(*) FROM transactions"), 101);
	assert_int_equal(imp_sql_int(t, "SELECT sum(amount_minor) FROM transactions"),
	                 sum_of(50, 150));
	assert_int_equal(undo(t, rb->batch_id), 101);
	assert_int_equal(imp_sql_int(t, "SELECT count(*) FROM transactions"), 0);
	gig_test_ledger_free(t);
}

/*
 * (import_db.c (15)) A re-import writes no records of its duplicates (its batch is
 * dropped at the end), and an overlapping export still records every one: 300 rows,
 * then 1..500, whose first 300 are duplicates met before any new row.  With room for
 * 1000 kept duplicates they are written when row 301 comes; with room for 50 the
 * import runs again, writing them at once; both end with 300 records.
 */
static void
test_import_members__deferred_records(void **state)
{
	(void)state;
	size_t keep = gig__import_defer_max;
	for (int round = 0; round < 2; round++) {
		gig__import_defer_max = round == 0 ? 1000 : 50;
		gig_test_ledger *t = gig_test_ledger_new("EUR");
		gig_test_account(t, "Checking", GIG_ACCOUNT_CHECKING, 0);
		g_autofree char *a = rows_csv(t, "a.csv", 1, 300);
		g_autofree char *b = rows_csv(t, "b.csv", 1, 500);
		gig_import_options o = imp_opts("Checking");
		g_autoptr(gig_import_result) ra = imp_run(t, a, &o);
		g_autoptr(gig_import_result) again = imp_run(t, a, &o);
		assert_int_equal(again->inserted, 0);
		assert_int_equal(again->duplicates, 300);
		assert_int_equal(imp_sql_int(t, "SELECT count(*) FROM import_members"), 0);
		gint retries = g_atomic_int_get(&gig__import_eager_retries);
		g_autoptr(gig_import_result) rb = imp_run(t, b, &o);
		assert_int_equal(rb->inserted, 200);
		assert_int_equal(rb->duplicates, 300);
		assert_int_equal(g_atomic_int_get(&gig__import_eager_retries) - retries, round);
		g_autofree char *sql = g_strdup_printf(
		    "SELECT count(*) FROM import_members WHERE batch_id = %" G_GINT64_FORMAT,
		    rb->batch_id);
		assert_int_equal(imp_sql_int(t, sql), 300);
		/* undoing the first keeps the 300 rows the second file contained */
		assert_int_equal(undo(t, ra->batch_id), 0);
		assert_int_equal(imp_sql_int(t, "SELECT count(*) FROM transactions"), 500);
		gig_test_ledger_free(t);
	}
	gig__import_defer_max = keep;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_import_members__multi_row_overlap),
	    cmocka_unit_test(test_import_members__deferred_records),
	    cmocka_unit_test(test_import_members__reimport_keeps_nothing),
	    cmocka_unit_test(test_import_members__pending_row_marked_posted),
	    cmocka_unit_test(test_import_members__change_handed_over),
	    cmocka_unit_test(test_import_members__settled_row_handed_over),
	    cmocka_unit_test(test_import_members__transfer_mark_handed_over),
	    cmocka_unit_test(test_import_members__older_ledger_migrates),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
