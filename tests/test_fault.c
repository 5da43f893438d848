/*
 * test_fault.c: fault injection for SQLite (issue 9, "machinery").  SQLite's
 * allocator is replaced by one that fails the Nth allocation after it is
 * armed; an import, an edit and a report are run for N = 1, 2, ... until the
 * operation succeeds.  After every failure the error must be a clean GError
 * and the ledger exactly as before (the same rows, rollup, batches, gig
 * statuses; integrity_check ok), and the next attempt must work on it.  The
 * model is SQLite's own malloc-failure tests (test/malloc*.test).
 *
 * Under valgrind (GIG_VALGRIND=1, scripts/test.sh) every 53rd N is tried;
 * GIG_FAULT_TRACE=1 prints the stack of every failed allocation.
 */
#include <execinfo.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "helpers.h"

/* ---- the failing allocator ---- */

static sqlite3_mem_methods real_mem;
static int countdown; /* > 0: armed; the allocation that takes it to 0 fails */
static int failures;  /* how many allocations were failed */

static int
take(void)
{
	if (__atomic_load_n(&countdown, __ATOMIC_SEQ_CST) <= 0)
		return 0;
	if (__atomic_sub_fetch(&countdown, 1, __ATOMIC_SEQ_CST) == 0) {
		__atomic_add_fetch(&failures, 1, __ATOMIC_SEQ_CST);
		if (g_getenv("GIG_FAULT_TRACE")) {
			void *frames[40];
			backtrace_symbols_fd(frames, backtrace(frames, 40), 2);
		}
		return 1;
	}
	return 0;
}

static void *
fault_malloc(int n)
{
	return take() ? NULL : real_mem.xMalloc(n);
}

static void *
fault_realloc(void *p, int n)
{
	return take() ? NULL : real_mem.xRealloc(p, n);
}

static int
install(void **state)
{
	(void)state;
	sqlite3_shutdown();
	assert_int_equal(sqlite3_config(SQLITE_CONFIG_GETMALLOC, &real_mem), SQLITE_OK);
	sqlite3_mem_methods m = real_mem;
	m.xMalloc = fault_malloc;
	m.xRealloc = fault_realloc;
	assert_int_equal(sqlite3_config(SQLITE_CONFIG_MALLOC, &m), SQLITE_OK);
	assert_int_equal(sqlite3_initialize(), SQLITE_OK);
	return 0;
}

/* ---- the ledger's state, to compare before and after ---- */

static char *
digest(const char *path)
{
	sqlite3 *db = NULL;
	assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(
	    db,
	    "SELECT (SELECT group_concat(x, ';') FROM (SELECT id || ',' || account_id || ',' ||"
	    "        posted_on || ',' || amount_minor || ',' || payee || ',' ||"
	    "        ifnull(category_id, '-') || ',' || pending || ',' || ifnull(batch_id, '-')"
	    "        AS x FROM transactions ORDER BY id))"
	    " || '|' || (SELECT group_concat(y, ';') FROM (SELECT account_id || month ||"
	    "        category_id || pending || ':' || inflow_minor || ',' || outflow_minor"
	    "        || ',' || n AS y FROM monthly_totals ORDER BY 1))"
	    " || '|' || (SELECT count(*) || ',' || ifnull(max(id), 0) FROM import_batches)"
	    " || '|' || (SELECT count(*) FROM import_members)"
	    " || '|' || (SELECT count(*) FROM import_effects)"
	    " || '|' || (SELECT ifnull(group_concat(id || status), '') FROM gigs)"
	    " || '|' || (SELECT count(*) || ',' || ifnull(max(id), 0) FROM change_log)"
	    " || '|' || (SELECT integrity_check FROM pragma_integrity_check)",
	    -1, &st, NULL);
	assert_int_equal(rc, SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	const char *text = (const char *)sqlite3_column_text(st, 0);
	char *out = g_strdup(text ? text : "(null)");
	sqlite3_finalize(st);
	sqlite3_close(db);
	assert_true(g_str_has_suffix(out, "|ok"));
	return out;
}

/* ---- the operations ---- */

typedef bool (*op_fn)(gig_ledger *ledger, const char *dir, GError **error);

static bool
op_import(gig_ledger *ledger, const char *dir, GError **error)
{
	g_autofree char *csv = g_build_filename(dir, "bank.csv", NULL);
	gig_import_options o = GIG_IMPORT_OPTIONS_INIT;
	o.account = "Checking";
	g_autoptr(gig_import_result) res = NULL;
	return gig_import_file(ledger, csv, &o, &res, error);
}

static bool
op_edit(gig_ledger *ledger, const char *dir, GError **error)
{
	(void)dir;
	gig_date d;
	gig_date_from_ymd(&d, 2026, 10, 3);
	gig_txn_spec spec = {"Checking", d, -4599, "Gear shop", "cable", "Gear", false};
	int64_t id = 0;
	return gig_ledger_txn_add(ledger, &spec, &id, error);
}

static bool
op_report(gig_ledger *ledger, const char *dir, GError **error)
{
	(void)dir;
	gig_report_options o = GIG_REPORT_OPTIONS_INIT;
	gig_date_from_ymd(&o.as_of, 2026, 11, 24);
	g_autoptr(gig_report) r = NULL;
	return gig_report_build(ledger, &o, &r, error);
}

/* issue 11: a correction, and an undo (of the fixture's last change, the Savings
 * entry), each one transaction with its change-log entry */
static bool
op_correct(gig_ledger *ledger, const char *dir, GError **error)
{
	(void)dir;
	gig_txn_edit e = {.set_amount = true,
	                  .amount_minor = -1399,
	                  .posted_on = GIG_DATE_NONE,
	                  .payee = "Splice Ltd"};
	return gig_ledger_txn_edit(ledger, 1, &e, error);
}

static bool
op_undo(gig_ledger *ledger, const char *dir, GError **error)
{
	(void)dir;
	return gig_ledger_undo(ledger, 0, NULL, error);
}

static gig_test_ledger *
fixture(void)
{
	gig_test_ledger *t = gig_test_ledger_new("EUR");
	gig_test_account(t, "Checking", GIG_ACCOUNT_CHECKING, 250000);
	gig_test_account(t, "Savings", GIG_ACCOUNT_SAVINGS, 100000);
	GError *error = NULL;
	for (int m = 1; m <= 9; m++) {
		gig_date d;
		gig_date_from_ymd(&d, 2026, m, 10);
		gig_txn_spec spend = {"Checking", d, -1299, "Splice", NULL, NULL, false};
		gig_txn_spec earn = {"Checking", d,    120000 + m * 100, "Blue Room Studios", NULL,
		                     NULL,       false};
		int64_t id;
		bool ok = gig_ledger_txn_add(t->ledger, &spend, &id, &error) &&
		          gig_ledger_txn_add(t->ledger, &earn, &id, &error);
		gig_assert_ok(ok, error);
	}
	/* a file with income, spending, a pending row and a transfer to Savings */
	g_autofree char *csv = g_build_filename(t->dir, "bank.csv", NULL);
	const char *text = "Date,Description,Amount,Status\n"
	                   "2026-10-01,Blue Room Studios mix,2400.00,booked\n"
	                   "2026-10-02,Rent,-950.00,booked\n"
	                   "2026-10-05,Transfer to savings,-300.00,booked\n"
	                   "2026-10-07,Splice,-12.99,booked\n"
	                   "2026-10-09,Coffee,-3.40,pending\n";
	assert_true(g_file_set_contents(csv, text, -1, NULL));
	/* and the savings side of the transfer, so the import pairs them */
	gig_date d;
	gig_date_from_ymd(&d, 2026, 10, 5);
	gig_txn_spec in = {"Savings", d, 30000, "Transfer from checking", NULL, NULL, false};
	int64_t id;
	bool ok = gig_ledger_txn_add(t->ledger, &in, &id, &error);
	gig_assert_ok(ok, error);
	return t;
}

static void
sweep(const char *what, op_fn op, int step)
{
	gig_test_ledger *t = fixture();
	gig_ledger_free(t->ledger);
	t->ledger = NULL;
	g_autofree char *before = digest(t->path);
	int stride = g_getenv("GIG_VALGRIND") ? 53 : step;
	int n;
	bool done = false;
	for (n = 1; n < 200000 && !done; n += stride) {
		gig_ledger *l = NULL;
		GError *error = NULL;
		bool ok = gig_ledger_open(&l, t->path, &error);
		gig_assert_ok(ok, error);
		__atomic_store_n(&failures, 0, __ATOMIC_SEQ_CST);
		__atomic_store_n(&countdown, n, __ATOMIC_SEQ_CST);
		ok = op(l, t->dir, &error);
		__atomic_store_n(&countdown, 0, __ATOMIC_SEQ_CST);
		int failed = __atomic_load_n(&failures, __ATOMIC_SEQ_CST);
		gig_ledger_free(l);
		if (ok && failed == 0) {
			done = true; /* N is past the operation's last allocation */
			break;
		}
		if (!ok) {
			if (error == NULL || error->message == NULL || error->message[0] == '\0')
				fail_msg("%s, allocation %d failed: no error message", what, n);
			g_autofree char *message = g_strdup(error->message);
			g_clear_error(&error);
			g_autofree char *after = digest(t->path);
			if (strcmp(before, after) != 0) {
				size_t at = 0;
				while (before[at] && before[at] == after[at])
					at++;
				at = at > 40 ? at - 40 : 0;
				fail_msg(
				    "%s, allocation %d failed (%s): the ledger changed\n before "
				    "...%.300s\n after  ...%.300s",
				    what, n, message, before + at, after + at);
			}
		} else {
			/* SQLite recovered from the failed allocation by itself (a cache
			 * that is optional); the operation's writes happened, so go back */
			g_clear_error(&error);
			gig_test_ledger_free(t);
			t = fixture();
			gig_ledger_free(t->ledger);
			t->ledger = NULL;
			g_free(before);
			before = digest(t->path);
		}
	}
	assert_true(done);
	print_message("%s: %d allocation points swept (stride %d), ledger unchanged after each "
	              "failure\n",
	              what, n - 1, stride);
	gig_test_ledger_free(t);
}

/* ---- reads: a failed allocation gives an error or the same answer ---- */

/* A read operation's whole answer as text, for comparison. */
typedef bool (*read_fn)(gig_ledger *ledger, char **out, GError **error);

static bool
read_report(gig_ledger *ledger, char **out, GError **error)
{
	gig_report_options o = GIG_REPORT_OPTIONS_INIT;
	gig_date_from_ymd(&o.as_of, 2026, 11, 24);
	g_autoptr(gig_report) r = NULL;
	if (!gig_report_build(ledger, &o, &r, error))
		return false;
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	assert_non_null(f);
	bool ok = gig_report_render(r, GIG_REPORT_JSON, false, f, error);
	fclose(f);
	if (!ok) {
		free(text);
		return false;
	}
	*out = g_strdup(text);
	free(text);
	return true;
}

/* The category suggestion for every transaction (the categorize review). */
static bool
read_suggestions(gig_ledger *ledger, char **out, GError **error)
{
	GString *all = g_string_new(NULL);
	for (int64_t id = 1; id <= 19; id++) {
		g_autoptr(gig_suggestion) s = NULL;
		if (!gig_rules_suggest(ledger, id, &s, error)) {
			g_string_free(all, true);
			return false;
		}
		g_string_append_printf(all, "%" G_GINT64_FORMAT "=%s/%" G_GINT64_FORMAT ";", id,
		                       s->category ? s->category : "-", s->support);
	}
	*out = g_string_free(all, false);
	return true;
}

/* The fixture's directory while sweep_read() runs (for read_import_dry_run). */
static const char *sweep_dir;

/* A dry run of the fixture's bank file: every row's fate and what the import found
 * (duplicates, transfers, invoice matches, near matches) is read, then rolled back.
 * A failed step once read as "no identical row" or "no open invoice" gave another
 * answer here instead of an error. */
static bool
read_import_dry_run(gig_ledger *ledger, char **out, GError **error)
{
	g_autofree char *csv = g_build_filename(sweep_dir, "bank.csv", NULL);
	gig_import_options o = GIG_IMPORT_OPTIONS_INIT;
	o.account = "Checking";
	o.dry_run = true;
	g_autoptr(gig_import_result) r = NULL;
	if (!gig_import_file(ledger, csv, &o, &r, error))
		return false;
	GString *all = g_string_new(NULL);
	g_string_append_printf(all,
	                       "new %" G_GINT64_FORMAT " dup %" G_GINT64_FORMAT
	                       " pending %" G_GINT64_FORMAT " transfers %" G_GINT64_FORMAT
	                       " categorized %" G_GINT64_FORMAT " near %u invoices %u;",
	                       r->inserted, r->duplicates, r->pending, r->transfers, r->categorized,
	                       r->near_matches->len, r->invoice_matches->len);
	for (guint i = 0; r->rows && i < r->rows->len; i++) {
		const gig_csv_row *w = r->rows->pdata[i];
		g_string_append_printf(all, "%s/%s;", gig_row_fate_name(w->fate),
		                       w->category ? w->category : "-");
	}
	*out = g_string_free(all, false);
	return true;
}

/*
 * Fails SQLite's Nth allocation for N = 1, 2, ... while `op` reads the ledger.
 * Each run must either fail with a message or return exactly the answer of a
 * run without failures: a failed sqlite3_step must never be read as "no more
 * rows" and yield a shorter, wrong answer.
 */
static void
sweep_read(const char *what, read_fn op, int step)
{
	gig_test_ledger *t = fixture();
	sweep_dir = t->dir;
	/* a few categorised rows, so there is something to suggest */
	GError *error = NULL;
	bool ok = gig_ledger_txn_set_category(t->ledger, 1, "Samples", &error);
	gig_assert_ok(ok, error);
	ok = gig_ledger_txn_set_category(t->ledger, 3, "Samples", &error);
	gig_assert_ok(ok, error);
	g_autofree char *want = NULL;
	ok = op(t->ledger, &want, &error);
	gig_assert_ok(ok, error);
	gig_ledger_free(t->ledger);
	t->ledger = NULL;
	int stride = g_getenv("GIG_VALGRIND") ? 53 : step;
	int n = 1;
	/* GIG_FAULT_FROM=N starts the sweep at allocation N (with GIG_FAULT_TRACE=1,
	 * to see where a reported allocation is) */
	if (g_getenv("GIG_FAULT_FROM"))
		n = atoi(g_getenv("GIG_FAULT_FROM"));
	bool done = false;
	for (; n < 200000 && !done; n += stride) {
		gig_ledger *l = NULL;
		ok = gig_ledger_open(&l, t->path, &error);
		gig_assert_ok(ok, error);
		g_autofree char *got = NULL;
		__atomic_store_n(&failures, 0, __ATOMIC_SEQ_CST);
		__atomic_store_n(&countdown, n, __ATOMIC_SEQ_CST);
		ok = op(l, &got, &error);
		__atomic_store_n(&countdown, 0, __ATOMIC_SEQ_CST);
		int failed = __atomic_load_n(&failures, __ATOMIC_SEQ_CST);
		gig_ledger_free(l);
		if (!ok) {
			if (error == NULL || error->message == NULL || error->message[0] == '\0')
				fail_msg("%s, allocation %d failed: no error message", what, n);
			g_clear_error(&error);
			continue;
		}
		if (strcmp(got, want) != 0) {
			size_t at = 0;
			while (want[at] && want[at] == got[at])
				at++;
			at = at > 40 ? at - 40 : 0;
			fail_msg("%s, allocation %d failed but the call succeeded with another "
			         "answer\n want ...%.200s\n got  ...%.200s",
			         what, n, want + at, got + at);
		}
		if (failed == 0)
			done = true;
	}
	assert_true(done);
	print_message("%s: %d allocation points swept (stride %d), every success gave the "
	              "same answer\n",
	              what, n - 1, stride);
	gig_test_ledger_free(t);
}

static void
test_fault__read_report(void **state)
{
	(void)state;
	sweep_read("report (read)", read_report, 1);
}

static void
test_fault__read_suggestions(void **state)
{
	(void)state;
	sweep_read("suggestions", read_suggestions, 1);
}

static void
test_fault__read_import_dry_run(void **state)
{
	(void)state;
	/* every 5th of its 10,382 allocation points: in full it took a quarter of the
	 * file's time and pushed an ASan run past its timeout; the failed steps it is
	 * about span many points each */
	sweep_read("import (dry run)", read_import_dry_run, 5);
}

static void
test_fault__import(void **state)
{
	(void)state;
	sweep("import", op_import, 1);
}

static void
test_fault__edit(void **state)
{
	(void)state;
	sweep("edit", op_edit, 1);
}

static void
test_fault__report(void **state)
{
	(void)state;
	sweep("report", op_report, 1);
}

/* every 29th allocation point: both together have 4,200 of them, each tried on a
 * freshly opened ledger, and most are shared with the edit above, swept in full */
static void
test_fault__correct(void **state)
{
	(void)state;
	sweep("correct", op_correct, 29);
}

static void
test_fault__undo(void **state)
{
	(void)state;
	sweep("undo", op_undo, 29);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_fault__read_import_dry_run),
	    cmocka_unit_test(test_fault__edit),
	    cmocka_unit_test(test_fault__report),
	    cmocka_unit_test(test_fault__import),
	    cmocka_unit_test(test_fault__correct),
	    cmocka_unit_test(test_fault__undo),
	    cmocka_unit_test(test_fault__read_report),
	    cmocka_unit_test(test_fault__read_suggestions),
	};
	return cmocka_run_group_tests(tests, install, NULL);
}
