/*
 * test_import_speed.c: what the import's shortcuts must not change.  The
 * import turns foreign-key enforcement off for its transaction
 * (import_db.c, invariant (6)) and recycles its row buffers; these tests
 * check that every reference it writes is still valid (PRAGMA
 * foreign_key_check finds nothing), that enforcement is back on afterwards,
 * also after a failed import, and that batched rows keep their own text.
 */
#include <string.h>

#include "db.h"
#include "import_helpers.h"

static gig_test_ledger *
fresh(void)
{
	gig_test_ledger *t = gig_test_ledger_new("EUR");
	gig_test_account(t, "Checking", GIG_ACCOUNT_CHECKING, 0);
	return t;
}

/* Violations PRAGMA foreign_key_check reports on the ledger's own connection. */
static int64_t
fk_violations(gig_test_ledger *t)
{
	sqlite3 *db = gig__ledger_db(t->ledger);
	sqlite3_stmt *st = NULL;
	assert_int_equal(sqlite3_prepare_v2(db, "PRAGMA foreign_key_check", -1, &st, NULL),
	                 SQLITE_OK);
	int64_t n = 0;
	while (sqlite3_step(st) == SQLITE_ROW)
		n++;
	sqlite3_finalize(st);
	return n;
}

static int
fk_enabled(gig_test_ledger *t)
{
	sqlite3 *db = gig__ledger_db(t->ledger);
	sqlite3_stmt *st = NULL;
	assert_int_equal(sqlite3_prepare_v2(db, "PRAGMA foreign_keys", -1, &st, NULL), SQLITE_OK);
	int on = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : -1;
	sqlite3_finalize(st);
	return on;
}

/* n rows over a few days, every third one for the rule, one pending row at the end. */
static char *
many_rows(gig_test_ledger *t, const char *name, int n, bool pending)
{
	GString *s = g_string_new("Date,Payee,Memo,Amount,Status\n");
	for (int i = 0; i < n; i++)
		g_string_append_printf(s, "2024-03-%02d,%s %d,  note   %d ,-%d.%02d,posted\n",
		                       1 + i / 100, i % 3 ? "Coffee  shop" : "Splice.com", i % 7,
		                       i % 5, i % 50, i % 100);
	if (pending)
		g_string_append(s, "2024-03-28,Late Cafe,,-4.20,pending\n");
	char *p = imp_write(t, name, s->str, (gssize)s->len);
	g_string_free(s, TRUE);
	return p;
}

/* Batched inserts (more than one batch), rules, pending rows: every reference valid. */
static void
test_import_speed__foreign_keys_hold(void **state)
{
	(void)state;
	gig_test_ledger *t = fresh();
	g_autoptr(GError) e = NULL;
	bool ok = gig_rules_add(t->ledger, "^splice", "Samples", 100, NULL, &e);
	gig_assert_ok(ok, e);
	g_autofree char *a = many_rows(t, "a.csv", 1000, false);
	g_autofree char *b = many_rows(t, "b.csv", 1300, true);
	gig_import_options o = imp_opts("Checking");
	g_autoptr(gig_import_result) r1 = imp_run(t, a, &o);
	assert_int_equal(r1->inserted, 1000);
	assert_int_equal(fk_enabled(t), 1);
	assert_int_equal(fk_violations(t), 0);
	/* b repeats a's 1000 rows and adds 300 more plus a pending one */
	g_autoptr(gig_import_result) r2 = imp_run(t, b, &o);
	assert_int_equal(r2->inserted, 300);
	assert_int_equal(r2->duplicates, 1000);
	assert_int_equal(r2->pending, 1);
	/* now the account has a pending row: the row-at-a-time path */
	g_autoptr(gig_import_result) r3 = imp_run(t, b, &o);
	assert_int_equal(r3->inserted, 0);
	assert_int_equal(r3->duplicates, 1301);
	assert_int_equal(fk_enabled(t), 1);
	assert_int_equal(fk_violations(t), 0);
	assert_int_equal(imp_sql_int(t, "SELECT count(*) FROM transactions"), 1301);
	assert_int_equal(imp_sql_int(t, "SELECT count(*) FROM transactions t JOIN categories c"
	                                " ON c.id = t.category_id WHERE c.name = 'Samples'"),
	                 434);
	assert_int_equal(imp_sql_int(t, "SELECT count(*) FROM transactions WHERE batch_id NOT IN"
	                                " (SELECT id FROM import_batches)"),
	                 0);
	gig_test_ledger_free(t);
}

/* Each stored row keeps its own text, whatever buffers the import reuses. */
static void
test_import_speed__rows_keep_their_text(void **state)
{
	(void)state;
	gig_test_ledger *t = fresh();
	g_autofree char *a = many_rows(t, "a.csv", 700, false);
	gig_import_options o = imp_opts("Checking");
	o.keep_rows = true;
	g_autoptr(gig_import_result) r = imp_run(t, a, &o);
	assert_int_equal(r->rows->len, 700);
	for (int i = 0; i < 700; i++) {
		const gig_csv_row *row = r->rows->pdata[i];
		char payee[64], memo[64];
		g_snprintf(payee, sizeof(payee), "%s %d", i % 3 ? "Coffee shop" : "Splice.com",
		           i % 7);
		g_snprintf(memo, sizeof(memo), "note %d", i % 5);
		assert_string_equal(row->payee, payee);
		assert_string_equal(row->memo, memo);
		assert_int_equal(row->line_no, i + 2);
		assert_int_equal(strlen(row->fingerprint), 16);
	}
	assert_int_equal(imp_sql_int(t, "SELECT count(DISTINCT payee) FROM transactions"), 14);
	gig_test_ledger_free(t);
}

/* The record each row was read from, as many_rows() wrote it (cells trimmed). */
static char *
record_of(int i)
{
	return g_strdup_printf("2024-03-%02d,%s %d,note   %d,-%d.%02d,posted", 1 + i / 100,
	                       i % 3 ? "Coffee  shop" : "Splice.com", i % 7, i % 5, i % 50,
	                       i % 100);
}

/*
 * Every imported row gives back its record (sql/0008: kept compressed per batch, in
 * chunks of 256 KiB of text, here three); a hand-entered row has none; an import
 * that adds nothing keeps no records; undo takes the batch's records with it.
 */
static void
test_import_speed__records_come_back(void **state)
{
	(void)state;
	gig_test_ledger *t = fresh();
	const int n = 2400; /* 24 days of 100 rows */
	g_autofree char *a = many_rows(t, "a.csv", n, false);
	gig_import_options o = imp_opts("Checking");
	g_autoptr(gig_import_result) r = imp_run(t, a, &o);
	assert_int_equal(r->inserted, n);
	g_autoptr(GError) e = NULL;
	for (int i = 0; i < n; i++) {
		g_autofree char *want = record_of(i);
		g_autofree char *have = NULL;
		bool ok = gig_import_raw_row(t->ledger, i + 1, &have, &e);
		gig_assert_ok(ok, e);
		assert_string_equal(have, want);
	}
	assert_int_equal(imp_sql_int(t, "SELECT count(*) FROM import_raw"), 1);
	assert_int_equal(imp_sql_int(t, "SELECT first_line FROM import_raw"), 2);
	assert_int_equal(imp_sql_int(t, "SELECT last_line FROM import_raw"), n + 1);
	assert_int_equal(imp_sql_int(t, "SELECT count(*) FROM transactions WHERE raw IS NOT NULL"),
	                 0);

	gig_txn_spec hand = {.account = "Checking", .amount_minor = -100, .payee = "Cash"};
	gig_date_from_ymd(&hand.posted_on, 2024, 3, 30);
	int64_t id = 0;
	bool ok = gig_ledger_txn_add(t->ledger, &hand, &id, &e);
	gig_assert_ok(ok, e);
	char *none = NULL;
	ok = gig_import_raw_row(t->ledger, id, &none, &e);
	gig_assert_error(ok, e, GIG_ERROR_NOT_FOUND);
	g_clear_error(&e);

	/* nothing new: no batch and no records stay behind */
	g_autoptr(gig_import_result) again = imp_run(t, a, &o);
	assert_int_equal(again->batch_id, 0);
	assert_int_equal(imp_sql_int(t, "SELECT count(*) FROM import_raw"), 1);
	int64_t removed = 0;
	ok = gig_import_undo(t->ledger, r->batch_id, &removed, &e);
	gig_assert_ok(ok, e);
	assert_int_equal(imp_sql_int(t, "SELECT count(*) FROM import_raw"), 0);
	ok = gig_import_raw_row(t->ledger, 1, &none, &e);
	gig_assert_error(ok, e, GIG_ERROR_NOT_FOUND);
	gig_test_ledger_free(t);
}

/* A big file's records span several chunks; each row finds its own. */
static void
test_import_speed__records_span_chunks(void **state)
{
	(void)state;
	gig_test_ledger *t = fresh();
	GString *s = g_string_new("Date,Payee,Amount\n");
	const int n = 20000;
	for (int i = 0; i < n; i++)
		g_string_append_printf(
		    s, "2024-%02d-%02d,payee number %d with a longer name,-%d.%02d\n", 1 + i / 2000,
		    1 + i / 100 % 20, i, i % 900, i % 100);
	g_autofree char *p = imp_write(t, "big.csv", s->str, (gssize)s->len);
	gig_import_options o = imp_opts("Checking");
	g_autoptr(gig_import_result) r = imp_run(t, p, &o);
	assert_int_equal(r->inserted, n);
	/* about 1 MiB of record text: four or five chunks, no gaps, no overlaps */
	int64_t chunks = imp_sql_int(t, "SELECT count(*) FROM import_raw");
	assert_true(chunks >= 3);
	assert_int_equal(imp_sql_int(t, "SELECT count(*) FROM import_raw a JOIN import_raw b"
	                                " ON b.first_line = a.last_line + 1"),
	                 chunks - 1);
	assert_int_equal(imp_sql_int(t, "SELECT min(first_line) FROM import_raw"), 2);
	assert_int_equal(imp_sql_int(t, "SELECT max(last_line) FROM import_raw"), n + 1);
	g_autoptr(GError) e = NULL;
	for (int i = 0; i < n; i += 997) {
		g_autofree char *want =
		    g_strdup_printf("2024-%02d-%02d,payee number %d with a longer name,-%d.%02d",
		                    1 + i / 2000, 1 + i / 100 % 20, i, i % 900, i % 100);
		g_autofree char *have = NULL;
		bool ok = gig_import_raw_row(t->ledger, i + 1, &have, &e);
		gig_assert_ok(ok, e);
		assert_string_equal(have, want);
	}
	g_string_free(s, TRUE);
	gig_test_ledger_free(t);
}

/* A failed import rolls back and leaves foreign keys enforced. */
static void
test_import_speed__failure_restores_foreign_keys(void **state)
{
	(void)state;
	gig_test_ledger *t = fresh();
	g_autofree char *p = imp_write(t, "bad.csv",
	                               "Date,Payee,Amount\n2024-03-01,Coffee,-3.50\n"
	                               "2024-03-02,Coffee,-99999999999999999999.00\n",
	                               -1);
	gig_import_options o = imp_opts("Checking");
	gig_import_result *r = NULL;
	g_autoptr(GError) e = NULL;
	bool ok = gig_import_file(t->ledger, p, &o, &r, &e);
	assert_false(ok);
	assert_null(r);
	assert_int_equal(fk_enabled(t), 1);
	assert_int_equal(imp_sql_int(t, "SELECT count(*) FROM transactions"), 0);
	gig_test_ledger_free(t);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_import_speed__foreign_keys_hold),
	    cmocka_unit_test(test_import_speed__rows_keep_their_text),
	    cmocka_unit_test(test_import_speed__records_come_back),
	    cmocka_unit_test(test_import_speed__records_span_chunks),
	    cmocka_unit_test(test_import_speed__failure_restores_foreign_keys),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
