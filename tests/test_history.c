/*
 * test_history.c: the change log, undo and redo (history.h) and the corrections
 * (edit.h).  The central check: after any correction and its undo, every table of
 * the ledger (but the log itself) holds exactly what it held before, row for row.
 */
#include <string.h>

#include "import_helpers.h"

#include <gigledger/rates.h>

#include "db.h"

/* Every table's full contents (not the change log), as text. */
static char *
dump(gig_test_ledger *t)
{
	sqlite3 *db = gig__ledger_db(t->ledger);
	GString *out = g_string_new(NULL);
	sqlite3_stmt *tables = NULL;
	assert_int_equal(sqlite3_prepare_v2(db,
	                                    "SELECT name FROM sqlite_master WHERE type = 'table'"
	                                    " AND name NOT LIKE 'sqlite_%' AND name <> 'change_log'"
	                                    " ORDER BY name",
	                                    -1, &tables, NULL),
	                 SQLITE_OK);
	while (sqlite3_step(tables) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(tables, 0);
		g_string_append_printf(out, "== %s\n", name);
		g_autofree char *sql = g_strdup_printf("SELECT * FROM \"%s\"", name);
		sqlite3_stmt *probe = NULL;
		assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &probe, NULL), SQLITE_OK);
		int ncol = sqlite3_column_count(probe);
		sqlite3_finalize(probe);
		/* every column quoted, rows in the order of all columns */
		GString *q = g_string_new("SELECT ");
		for (int i = 0; i < ncol; i++)
			g_string_append_printf(q, "%squote(c%d)", i ? " || '|' || " : "", i);
		GString *cols = g_string_new(NULL);
		for (int i = 0; i < ncol; i++)
			g_string_append_printf(cols, "%sc%d", i ? ", " : "", i);
		g_autofree char *full =
		    g_strdup_printf("WITH t(%s) AS (SELECT * FROM \"%s\") %s FROM t ORDER BY %s",
		                    cols->str, name, q->str, cols->str);
		g_string_free(q, true);
		g_string_free(cols, true);
		sqlite3_stmt *st = NULL;
		assert_int_equal(sqlite3_prepare_v2(db, full, -1, &st, NULL), SQLITE_OK);
		while (sqlite3_step(st) == SQLITE_ROW)
			g_string_append_printf(out, "%s\n",
			                       (const char *)sqlite3_column_text(st, 0));
		sqlite3_finalize(st);
	}
	sqlite3_finalize(tables);
	return g_string_free(out, false);
}

static gig_date
ymd(int y, int m, int d)
{
	gig_date out = GIG_DATE_NONE;
	assert_true(gig_date_from_ymd(&out, y, m, d));
	return out;
}

static int64_t
count(gig_test_ledger *t, const char *sql)
{
	sqlite3_stmt *st = NULL;
	assert_int_equal(sqlite3_prepare_v2(gig__ledger_db(t->ledger), sql, -1, &st, NULL),
	                 SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	int64_t v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

static const char csv[] = "Date,Description,Amount\n"
                          "2026-10-01,SPLICE.COM,-12.99\n"
                          "2026-10-03,Blue Room Studios,1450.00\n"
                          "2026-10-05,Rent,-950.00\n"
                          "2026-11-02,Thomann,-249.00\n"
                          "2026-11-04,Grocer,-60.00\n";

static int64_t
import_csv(gig_test_ledger *t, const char *text, int64_t *inserted)
{
	g_autofree char *path = imp_write(t, "bank.csv", text, -1);
	gig_import_options o = imp_opts("Checking");
	g_autoptr(GError) error = NULL;
	gig_import_result *res = NULL;
	gig_assert_ok(gig_import_file(t->ledger, path, &o, &res, &error), error);
	int64_t batch = res->batch_id;
	if (inserted)
		*inserted = res->inserted;
	gig_import_result_free(res);
	return batch;
}

/* A ledger with two accounts, hand entries, a gig with a payment and an import. */
static gig_test_ledger *
books(void)
{
	gig_test_ledger *t = gig_test_ledger_new("EUR");
	gig_test_account(t, "Checking", GIG_ACCOUNT_CHECKING, 100000);
	gig_test_account(t, "Savings", GIG_ACCOUNT_SAVINGS, 0);
	g_autoptr(GError) error = NULL;
	gig_txn_spec spend = {.account = "Checking",
	                      .posted_on = ymd(2026, 11, 20),
	                      .amount_minor = -12990,
	                      .payee = "Splice",
	                      .category = "Samples"};
	gig_assert_ok(gig_ledger_txn_add(t->ledger, &spend, NULL, &error), error);
	gig_gig_spec g = {.client = "Blue Room",
	                  .stream = GIG_STREAM_MIXING,
	                  .amount_minor = 120000,
	                  .invoiced_on = ymd(2026, 11, 1),
	                  .due_on = GIG_DATE_NONE,
	                  .performed_on = GIG_DATE_NONE,
	                  .paid_on = GIG_DATE_NONE,
	                  .terms_days = -1};
	int64_t gig = 0;
	gig_assert_ok(gig_ledger_gig_add(t->ledger, &g, &gig, &error), error);
	gig_assert_ok(
	    gig_ledger_gig_pay(t->ledger, gig, 60000, "Checking", ymd(2026, 11, 21), NULL, &error),
	    error);
	import_csv(t, csv, NULL);
	return t;
}

/* The id of the imported row with this payee. */
static int64_t
txn_of(gig_test_ledger *t, const char *payee)
{
	g_autofree char *sql = g_strdup_printf(
	    "SELECT ifnull(max(id), 0) FROM transactions WHERE payee = '%s'", payee);
	return count(t, sql);
}

static void
assert_exact(gig_test_ledger *t)
{
	assert_int_equal(gig_test_rollup_differences(t->ledger), 0);
	assert_int_equal(count(t, "SELECT count(*) FROM gigs g JOIN gig_status_due d"
	                          " ON d.gig_id = g.id WHERE d.status <> g.status"),
	                 0);
}

/* Runs `op`, checks that it changed the ledger and recorded one entry, undoes it and
 * checks that every table is as before. */
typedef bool (*op_fn)(gig_test_ledger *t, GError **error);

static void
check_undo(gig_test_ledger *t, const char *what, op_fn op)
{
	g_autofree char *before = dump(t);
	int64_t entries = count(t, "SELECT count(*) FROM change_log");
	g_autoptr(GError) error = NULL;
	if (!op(t, &error))
		fail_msg("%s: %s", what, error ? error->message : "?");
	assert_exact(t);
	g_autofree char *after = dump(t);
	if (strcmp(before, after) == 0)
		fail_msg("%s changed nothing", what);
	assert_int_equal(count(t, "SELECT count(*) FROM change_log"), entries + 1);
	int64_t undone = 0;
	gig_assert_ok(gig_ledger_undo(t->ledger, 0, &undone, &error), error);
	assert_int_equal(undone, entries + 1);
	assert_exact(t);
	g_autofree char *restored = dump(t);
	if (strcmp(before, restored) != 0)
		fail_msg(
		    "%s: the undo left the ledger different:\n--- before\n%s\n--- after undo\n%s",
		    what, before, restored);
	/* and redo gives the state after the change again */
	gig_assert_ok(gig_ledger_redo(t->ledger, NULL, &error), error);
	assert_exact(t);
	g_autofree char *redone = dump(t);
	if (strcmp(after, redone) != 0)
		fail_msg("%s: redo differs:\n--- after\n%s\n--- redone\n%s", what, after, redone);
	gig_assert_ok(gig_ledger_undo(t->ledger, 0, NULL, &error), error);
	g_autofree char *again = dump(t);
	assert_string_equal(before, again);
}

static bool
op_edit_amount(gig_test_ledger *t, GError **error)
{
	gig_txn_edit e = {.set_amount = true, .amount_minor = -1299, .posted_on = GIG_DATE_NONE};
	return gig_ledger_txn_edit(t->ledger, txn_of(t, "Splice"), &e, error);
}

static bool
op_edit_imported(gig_test_ledger *t, GError **error)
{
	gig_txn_edit e = {.posted_on = ymd(2026, 9, 30),
	                  .payee = "Splice samples",
	                  .category = "Samples",
	                  .account = "Savings",
	                  .memo = "annual"};
	return gig_ledger_txn_edit(t->ledger, txn_of(t, "SPLICE.COM"), &e, error);
}

static bool
op_rm_imported(gig_test_ledger *t, GError **error)
{
	return gig_ledger_txn_remove(t->ledger, txn_of(t, "Rent"), error);
}

static bool
op_rm_payment(gig_test_ledger *t, GError **error)
{
	return gig_ledger_txn_remove(
	    t->ledger, count(t, "SELECT max(id) FROM transactions WHERE gig_id IS NOT NULL"),
	    error);
}

static bool
op_split(gig_test_ledger *t, GError **error)
{
	gig_split_part parts[] = {{"Groceries", -4210}, {"Dining Out", -1790}};
	return gig_ledger_txn_split(t->ledger, txn_of(t, "Grocer"), parts, 2, error);
}

static bool
op_link(gig_test_ledger *t, GError **error)
{
	return gig_ledger_txn_link(t->ledger, txn_of(t, "Blue Room Studios"), 1, error);
}

static bool
op_gig_edit(gig_test_ledger *t, GError **error)
{
	gig_gig_edit e = {.amount_minor = 60000,
	                  .client = "Blue Room Ltd",
	                  .performed_on = GIG_DATE_NONE,
	                  .invoiced_on = GIG_DATE_NONE,
	                  .due_on = GIG_DATE_NONE};
	return gig_ledger_gig_edit(t->ledger, 1, &e, error);
}

static bool
op_gig_rm_unlink(gig_test_ledger *t, GError **error)
{
	return gig_ledger_gig_remove(t->ledger, 1, GIG_PAYMENTS_UNLINK, NULL, error);
}

static bool
op_gig_rm_remove(gig_test_ledger *t, GError **error)
{
	return gig_ledger_gig_remove(t->ledger, 1, GIG_PAYMENTS_REMOVE, NULL, error);
}

static bool
op_account_rename(gig_test_ledger *t, GError **error)
{
	return gig_ledger_account_rename(t->ledger, "Checking", "Main", error);
}

static bool
op_account_close(gig_test_ledger *t, GError **error)
{
	return gig_ledger_account_close(t->ledger, "Checking", true, error);
}

static bool
op_txn_add(gig_test_ledger *t, GError **error)
{
	gig_txn_spec s = {.account = "Savings",
	                  .posted_on = ymd(2026, 11, 22),
	                  .amount_minor = 5000,
	                  .payee = "Interest",
	                  .category = "Interest"};
	return gig_ledger_txn_add(t->ledger, &s, NULL, error);
}

static bool
op_gig_pay(gig_test_ledger *t, GError **error)
{
	return gig_ledger_gig_pay(t->ledger, 1, 0, "Checking", ymd(2026, 11, 23), NULL, error);
}

static bool
op_set_category(gig_test_ledger *t, GError **error)
{
	return gig_ledger_txn_set_category(t->ledger, txn_of(t, "Thomann"), "Gear", error);
}

static void
test_undo_restores_every_table(void **state)
{
	(void)state;
	static const struct {
		const char *name;
		op_fn fn;
	} ops[] = {
	    {"edit amount", op_edit_amount},
	    {"edit imported row", op_edit_imported},
	    {"rm imported", op_rm_imported},
	    {"rm payment", op_rm_payment},
	    {"split", op_split},
	    {"link", op_link},
	    {"gig edit", op_gig_edit},
	    {"gig rm unlink", op_gig_rm_unlink},
	    {"gig rm remove", op_gig_rm_remove},
	    {"account rename", op_account_rename},
	    {"account close", op_account_close},
	    {"txn add", op_txn_add},
	    {"gig pay", op_gig_pay},
	    {"set category", op_set_category},
	};
	gig_test_ledger *t = books();
	for (size_t i = 0; i < G_N_ELEMENTS(ops); i++)
		check_undo(t, ops[i].name, ops[i].fn);
	gig_test_ledger_free(t);
}

/* A USD gig (#2, USD 1,500.00 invoiced 2026-11-02; 1 USD = 0.92 EUR on 2026-11-01)
 * paid into the EUR account: a new receipt of 1,380.50 EUR (1,380.00 + 0.50 gain),
 * or the imported Blue Room Studios row of 1,450.00 (1,380.00 + 70.00 gain). */
static bool
op_fx_received(gig_test_ledger *t, GError **error)
{
	return gig_ledger_gig_pay_received(t->ledger, 2, 0, 138050, "Checking", ymd(2026, 11, 23),
	                                   NULL, error);
}

static bool
op_fx_received_row(gig_test_ledger *t, GError **error)
{
	gig_fx_payment p;
	bool ok = gig_ledger_gig_pay_txn_received(t->ledger, 2, txn_of(t, "Blue Room Studios"), 0,
	                                          &p, error);
	if (ok && (p.expected_minor != 138000 || p.fx_minor != 7000))
		fail_msg("expected 1,380.00 + 70.00, got %" G_GINT64_FORMAT " + %" G_GINT64_FORMAT,
		         p.expected_minor, p.fx_minor);
	return ok;
}

static void
test_undo_fx_payment(void **state)
{
	(void)state;
	gig_test_ledger *t = books();
	g_autoptr(GError) error = NULL;
	gig_assert_ok(gig_ledger_rate_set(t->ledger, "USD", "EUR", "0.92", ymd(2026, 11, 1), "test",
	                                  NULL, &error),
	              error);
	gig_gig_spec g = {.client = "Sync House",
	                  .stream = GIG_STREAM_SYNC,
	                  .amount_minor = 150000,
	                  .currency = "USD",
	                  .invoiced_on = ymd(2026, 11, 2),
	                  .due_on = GIG_DATE_NONE,
	                  .performed_on = GIG_DATE_NONE,
	                  .paid_on = GIG_DATE_NONE,
	                  .terms_days = -1};
	int64_t gig = 0;
	gig_assert_ok(gig_ledger_gig_add(t->ledger, &g, &gig, &error), error);
	assert_int_equal(gig, 2);
	check_undo(t, "gig paid --received", op_fx_received);
	check_undo(t, "gig paid --received (imported row)", op_fx_received_row);
	gig_test_ledger_free(t);
}

static void
test_undo_import(void **state)
{
	(void)state;
	gig_test_ledger *t = gig_test_ledger_new("EUR");
	gig_test_account(t, "Checking", GIG_ACCOUNT_CHECKING, 0);
	g_autofree char *before = dump(t);
	int64_t batch = import_csv(t, csv, NULL);
	assert_true(batch > 0);
	assert_int_equal(count(t, "SELECT count(*) FROM transactions"), 5);
	/* one entry naming the batch, no changeset */
	assert_int_equal(count(t, "SELECT count(*) FROM change_log WHERE kind = 'import'"
	                          " AND changeset IS NULL"),
	                 1);
	g_autoptr(GError) error = NULL;
	gig_assert_ok(gig_ledger_undo(t->ledger, 0, NULL, &error), error);
	g_autofree char *after = dump(t);
	assert_string_equal(before, after);
	assert_int_equal(count(t, "SELECT count(*) FROM change_log c JOIN change_log u"
	                          " ON u.id = c.undone_by WHERE c.kind = 'import'"
	                          " AND u.kind = 'import_undo'"),
	                 1);
	/* an undone import is not redone, and is not undone twice */
	gig_assert_error(gig_ledger_redo(t->ledger, NULL, &error), error, GIG_ERROR_INVALID_INPUT);
	g_clear_error(&error);
	gig_assert_error(
	    gig_ledger_undo(t->ledger, count(t, "SELECT id FROM change_log WHERE kind = 'import'"),
	                    NULL, &error),
	    error, GIG_ERROR_INVALID_INPUT);
	g_clear_error(&error);
	/* gig import undo marks the import's entry undone too */
	batch = import_csv(t, csv, NULL);
	gig_assert_ok(gig_import_undo(t->ledger, batch, NULL, &error), error);
	assert_int_equal(count(t, "SELECT count(*) FROM change_log WHERE kind = 'import'"
	                          " AND undone_by IS NULL"),
	                 0);
	gig_test_ledger_free(t);
}

static void
test_undo_import_blocked_by_edit(void **state)
{
	(void)state;
	gig_test_ledger *t = gig_test_ledger_new("EUR");
	gig_test_account(t, "Checking", GIG_ACCOUNT_CHECKING, 0);
	import_csv(t, csv, NULL);
	int64_t import_entry = count(t, "SELECT max(id) FROM change_log");
	g_autoptr(GError) error = NULL;
	gig_txn_edit e = {.payee = "Splice", .posted_on = GIG_DATE_NONE};
	gig_assert_ok(gig_ledger_txn_edit(t->ledger, txn_of(t, "SPLICE.COM"), &e, &error), error);
	int64_t edit_entry = gig_ledger_last_change(t->ledger);
	assert_true(edit_entry > import_entry);
	gig_assert_error(gig_ledger_undo(t->ledger, import_entry, NULL, &error), error,
	                 GIG_ERROR_AMBIGUOUS);
	g_autofree char *want = g_strdup_printf("change #%" G_GINT64_FORMAT, edit_entry);
	if (strstr(error->message, want) == NULL)
		fail_msg("the refusal does not name %s: %s", want, error->message);
	g_clear_error(&error);
	assert_int_equal(count(t, "SELECT count(*) FROM transactions"), 5);
	gig_test_ledger_free(t);
}

static void
test_undo_n_conflict(void **state)
{
	(void)state;
	gig_test_ledger *t = books();
	int64_t id = txn_of(t, "Splice");
	g_autoptr(GError) error = NULL;
	gig_txn_edit a = {.set_amount = true, .amount_minor = -1299, .posted_on = GIG_DATE_NONE};
	gig_assert_ok(gig_ledger_txn_edit(t->ledger, id, &a, &error), error);
	int64_t first = gig_ledger_last_change(t->ledger);
	/* an unrelated change between them is no obstacle */
	gig_assert_ok(op_txn_add(t, &error), error);
	gig_txn_edit b = {.set_amount = true, .amount_minor = -1399, .posted_on = GIG_DATE_NONE};
	gig_assert_ok(gig_ledger_txn_edit(t->ledger, id, &b, &error), error);
	int64_t second = gig_ledger_last_change(t->ledger);
	g_autofree char *before = dump(t);
	gig_assert_error(gig_ledger_undo(t->ledger, first, NULL, &error), error,
	                 GIG_ERROR_AMBIGUOUS);
	g_autofree char *want = g_strdup_printf("change #%" G_GINT64_FORMAT, second);
	if (strstr(error->message, want) == NULL)
		fail_msg("the refusal does not name %s: %s", want, error->message);
	g_clear_error(&error);
	g_autofree char *after = dump(t);
	assert_string_equal(before, after);
	/* a different column of the same row is no conflict: undo the payee only */
	gig_txn_edit c = {.payee = "Splice Ltd", .posted_on = GIG_DATE_NONE};
	gig_assert_ok(gig_ledger_txn_edit(t->ledger, id, &c, &error), error);
	gig_assert_ok(gig_ledger_undo(t->ledger, second, NULL, &error), error);
	gig_assert_ok(gig_ledger_undo(t->ledger, first, NULL, &error), error);
	assert_int_equal(
	    count(t, "SELECT amount_minor FROM transactions WHERE payee = 'Splice Ltd'"), -12990);
	assert_exact(t);
	/* an undo of an undo is refused; undoing twice is refused */
	int64_t undo_entry = gig_ledger_last_change(t->ledger);
	gig_assert_error(gig_ledger_undo(t->ledger, undo_entry, NULL, &error), error,
	                 GIG_ERROR_INVALID_INPUT);
	g_clear_error(&error);
	gig_assert_error(gig_ledger_undo(t->ledger, first, NULL, &error), error,
	                 GIG_ERROR_INVALID_INPUT);
	g_clear_error(&error);
	gig_assert_error(gig_ledger_undo(t->ledger, 9999, NULL, &error), error,
	                 GIG_ERROR_NOT_FOUND);
	g_clear_error(&error);
	gig_test_ledger_free(t);
}

/* Undoing a gig's creation while a later payment is linked to it: the foreign key
 * action would unlink the later payment behind its back; refused instead. */
static void
test_undo_refuses_cascade(void **state)
{
	(void)state;
	gig_test_ledger *t = gig_test_ledger_new("EUR");
	gig_test_account(t, "Checking", GIG_ACCOUNT_CHECKING, 0);
	g_autoptr(GError) error = NULL;
	gig_gig_spec g = {.client = "Echo Park",
	                  .stream = GIG_STREAM_LIVE,
	                  .amount_minor = 8000,
	                  .invoiced_on = ymd(2026, 11, 1),
	                  .due_on = GIG_DATE_NONE,
	                  .performed_on = GIG_DATE_NONE,
	                  .paid_on = GIG_DATE_NONE,
	                  .terms_days = -1};
	int64_t gig = 0;
	gig_assert_ok(gig_ledger_gig_add(t->ledger, &g, &gig, &error), error);
	int64_t added = gig_ledger_last_change(t->ledger);
	gig_assert_ok(
	    gig_ledger_gig_pay(t->ledger, gig, 0, "Checking", ymd(2026, 11, 3), NULL, &error),
	    error);
	int64_t paid = gig_ledger_last_change(t->ledger);
	g_autofree char *before = dump(t);
	gig_assert_error(gig_ledger_undo(t->ledger, added, NULL, &error), error,
	                 GIG_ERROR_AMBIGUOUS);
	g_autofree char *want = g_strdup_printf("change #%" G_GINT64_FORMAT, paid);
	if (strstr(error->message, want) == NULL)
		fail_msg("the refusal does not name %s: %s", want, error->message);
	g_clear_error(&error);
	g_autofree char *after = dump(t);
	assert_string_equal(before, after);
	gig_test_ledger_free(t);
}

/* An edited or removed imported row is not brought back by importing its file
 * again; undoing the removal brings it back, and still no re-import duplicates. */
static void
test_reimport_after_corrections(void **state)
{
	(void)state;
	gig_test_ledger *t = gig_test_ledger_new("EUR");
	gig_test_account(t, "Checking", GIG_ACCOUNT_CHECKING, 0);
	gig_test_account(t, "Savings", GIG_ACCOUNT_SAVINGS, 0);
	import_csv(t, csv, NULL);
	g_autoptr(GError) error = NULL;
	gig_txn_edit amount = {
	    .set_amount = true, .amount_minor = -1399, .posted_on = GIG_DATE_NONE};
	gig_assert_ok(gig_ledger_txn_edit(t->ledger, txn_of(t, "SPLICE.COM"), &amount, &error),
	              error);
	gig_txn_edit moved = {.posted_on = ymd(2026, 11, 1), .account = "Savings"};
	gig_assert_ok(gig_ledger_txn_edit(t->ledger, txn_of(t, "Thomann"), &moved, &error), error);
	gig_split_part parts[] = {{"Groceries", -4000}, {"Dining Out", -2000}};
	gig_assert_ok(gig_ledger_txn_split(t->ledger, txn_of(t, "Grocer"), parts, 2, &error),
	              error);
	gig_assert_ok(gig_ledger_txn_remove(t->ledger, txn_of(t, "Rent"), &error), error);
	int64_t rm_entry = gig_ledger_last_change(t->ledger);
	g_autofree char *before = dump(t);
	int64_t inserted = -1;
	int64_t batch = import_csv(t, csv, &inserted);
	assert_int_equal(inserted, 0);
	assert_int_equal(batch, 0);
	g_autofree char *after = dump(t);
	assert_string_equal(before, after);
	assert_int_equal(count(t, "SELECT count(*) FROM transactions WHERE payee = 'Rent'"), 0);
	/* the undo of the removal brings the row back, once */
	gig_assert_ok(gig_ledger_undo(t->ledger, rm_entry, NULL, &error), error);
	assert_int_equal(count(t, "SELECT count(*) FROM transactions WHERE payee = 'Rent'"), 1);
	import_csv(t, csv, &inserted);
	assert_int_equal(inserted, 0);
	assert_int_equal(count(t, "SELECT count(*) FROM transactions"), 6);
	assert_int_equal(count(t, "SELECT sum(amount_minor) FROM transactions"),
	                 -1399 + 145000 - 95000 - 24900 - 6000);
	assert_exact(t);
	gig_test_ledger_free(t);
}

static void
test_split_rules(void **state)
{
	(void)state;
	gig_test_ledger *t = books();
	int64_t id = txn_of(t, "Grocer");
	g_autoptr(GError) error = NULL;
	gig_split_part wrong[] = {{"Groceries", -4000}, {"Dining Out", -1000}};
	gig_assert_error(gig_ledger_txn_split(t->ledger, id, wrong, 2, &error), error,
	                 GIG_ERROR_INVALID_INPUT);
	assert_non_null(strstr(error->message, "50.00"));
	g_clear_error(&error);
	gig_split_part sign[] = {{"Groceries", -7000}, {"Dining Out", 1000}};
	gig_assert_error(gig_ledger_txn_split(t->ledger, id, sign, 2, &error), error,
	                 GIG_ERROR_INVALID_INPUT);
	g_clear_error(&error);
	gig_split_part unknown[] = {{"Groceries", -4000}, {"Nope", -2000}};
	gig_assert_error(gig_ledger_txn_split(t->ledger, id, unknown, 2, &error), error,
	                 GIG_ERROR_NOT_FOUND);
	g_clear_error(&error);
	gig_split_part three[] = {{"Groceries", -3000}, {"Dining Out", -2000}, {NULL, -1000}};
	gig_assert_ok(gig_ledger_txn_split(t->ledger, id, three, 3, &error), error);
	GArray *ids = NULL;
	gig_assert_ok(gig_ledger_txn_parts(t->ledger, id, &ids, &error), error);
	assert_int_equal(ids->len, 3);
	assert_int_equal(g_array_index(ids, int64_t, 0), id);
	int64_t part = g_array_index(ids, int64_t, 2);
	g_array_unref(ids);
	/* the rollup counts each part in its category */
	assert_int_equal(count(t, "SELECT outflow_minor FROM monthly_totals m JOIN categories c"
	                          " ON c.id = m.category_id WHERE c.name = 'Dining Out'"),
	                 -2000);
	assert_exact(t);
	/* a part is changed through its row */
	gig_txn_edit e = {.set_amount = true, .amount_minor = -500, .posted_on = GIG_DATE_NONE};
	gig_assert_error(gig_ledger_txn_edit(t->ledger, part, &e, &error), error,
	                 GIG_ERROR_INVALID_INPUT);
	g_clear_error(&error);
	gig_assert_error(gig_ledger_txn_remove(t->ledger, part, &error), error,
	                 GIG_ERROR_INVALID_INPUT);
	g_clear_error(&error);
	gig_assert_error(gig_ledger_txn_edit(t->ledger, id, &e, &error), error,
	                 GIG_ERROR_INVALID_INPUT);
	g_clear_error(&error);
	/* splitting again replaces the parts; the whole is the row plus its parts */
	gig_split_part two[] = {{"Groceries", -5500}, {"Dining Out", -500}};
	gig_assert_ok(gig_ledger_txn_split(t->ledger, id, two, 2, &error), error);
	assert_int_equal(count(t, "SELECT count(*) FROM txn_splits"), 1);
	/* moving the row moves its parts */
	gig_txn_edit mv = {.posted_on = ymd(2026, 12, 1)};
	gig_assert_ok(gig_ledger_txn_edit(t->ledger, id, &mv, &error), error);
	assert_int_equal(
	    count(t, "SELECT count(*) FROM transactions WHERE posted_on = '2026-12-01'"), 2);
	assert_exact(t);
	/* removing the row removes the parts; an import undo too */
	gig_assert_ok(gig_ledger_txn_remove(t->ledger, id, &error), error);
	assert_int_equal(count(t, "SELECT count(*) FROM txn_splits"), 0);
	assert_int_equal(
	    count(t, "SELECT count(*) FROM transactions WHERE posted_on = '2026-12-01'"), 0);
	gig_assert_ok(gig_ledger_undo(t->ledger, 0, NULL, &error), error);
	assert_int_equal(count(t, "SELECT count(*) FROM txn_splits"), 1);
	gig_assert_ok(gig_import_undo(t->ledger, 1, NULL, &error), error);
	assert_int_equal(count(t, "SELECT count(*) FROM txn_splits"), 0);
	assert_int_equal(
	    count(t, "SELECT count(*) FROM transactions WHERE posted_on = '2026-12-01'"), 0);
	assert_exact(t);
	gig_assert_error(gig_ledger_txn_split(t->ledger, 999, two, 2, &error), error,
	                 GIG_ERROR_NOT_FOUND);
	g_clear_error(&error);
	gig_test_ledger_free(t);
}

static void
test_closed_account(void **state)
{
	(void)state;
	gig_test_ledger *t = books();
	g_autoptr(GError) error = NULL;
	gig_assert_error(gig_ledger_account_close(t->ledger, "Checking", false, &error), error,
	                 GIG_ERROR_INVALID_INPUT);
	assert_non_null(strstr(error->message, "--force"));
	g_clear_error(&error);
	gig_assert_ok(gig_ledger_account_close(t->ledger, "Savings", false, &error), error);
	gig_assert_error(gig_ledger_account_close(t->ledger, "Savings", false, &error), error,
	                 GIG_ERROR_INVALID_INPUT);
	g_clear_error(&error);
	gig_assert_error(gig_ledger_account_close(t->ledger, "Nope", false, &error), error,
	                 GIG_ERROR_NOT_FOUND);
	g_clear_error(&error);
	gig_assert_error(op_txn_add(t, &error), error, GIG_ERROR_INVALID_INPUT);
	g_clear_error(&error);
	gig_txn_edit mv = {.account = "Savings", .posted_on = GIG_DATE_NONE};
	gig_assert_error(gig_ledger_txn_edit(t->ledger, txn_of(t, "Splice"), &mv, &error), error,
	                 GIG_ERROR_INVALID_INPUT);
	g_clear_error(&error);
	g_autofree char *path = imp_write(t, "s.csv", csv, -1);
	gig_import_options o = imp_opts("Savings");
	gig_import_result *res = NULL;
	gig_assert_error(gig_import_file(t->ledger, path, &o, &res, &error), error,
	                 GIG_ERROR_INVALID_INPUT);
	g_clear_error(&error);
	/* renaming: a taken name and an empty one are refused */
	gig_assert_error(gig_ledger_account_rename(t->ledger, "Savings", "checking", &error), error,
	                 GIG_ERROR_DUPLICATE);
	g_clear_error(&error);
	gig_assert_error(gig_ledger_account_rename(t->ledger, "Savings", "  ", &error), error,
	                 GIG_ERROR_INVALID_INPUT);
	g_clear_error(&error);
	gig_test_ledger_free(t);
}

static void
test_history_values(void **state)
{
	(void)state;
	gig_test_ledger *t = books();
	gig_ledger_set_command(t->ledger, "gig txn edit 1 --amount 12.99");
	g_autoptr(GError) error = NULL;
	gig_assert_ok(op_edit_amount(t, &error), error);
	/* a call that changes nothing records nothing */
	int64_t entries = count(t, "SELECT count(*) FROM change_log");
	gig_assert_error(gig_ledger_txn_remove(t->ledger, 999, &error), error, GIG_ERROR_NOT_FOUND);
	g_clear_error(&error);
	assert_int_equal(gig_ledger_last_change(t->ledger), 0);
	assert_int_equal(count(t, "SELECT count(*) FROM change_log"), entries);
	GPtrArray *list = NULL;
	gig_assert_ok(gig_ledger_history(t->ledger, 1, true, &list, &error), error);
	assert_int_equal(list->len, 1);
	const gig_change *c = list->pdata[0];
	assert_string_equal(c->command, "gig txn edit 1 --amount 12.99");
	assert_int_equal(c->kind, GIG_CHANGE_EDIT);
	assert_int_equal(c->rows->len, 1);
	const gig_change_row *r = c->rows->pdata[0];
	assert_string_equal(r->table, "transactions");
	assert_int_equal(r->op, GIG_ROW_UPDATE);
	bool seen = false;
	for (guint i = 0; i < r->values->len; i++) {
		const gig_change_value *v = r->values->pdata[i];
		if (strcmp(v->column, "amount_minor") == 0) {
			assert_true(v->old_is_int && v->new_is_int);
			assert_int_equal(v->old_int, -12990);
			assert_int_equal(v->new_int, -1299);
			seen = true;
		}
	}
	assert_true(seen);
	g_ptr_array_unref(list);
	gig_assert_ok(gig_ledger_history(t->ledger, 0, false, &list, &error), error);
	/* accounts x2, spend, gig, payment, import, edit: newest first */
	assert_int_equal(list->len, 7);
	assert_int_equal(((gig_change *)list->pdata[0])->id, 7);
	assert_int_equal(((gig_change *)list->pdata[1])->kind, GIG_CHANGE_IMPORT);
	assert_null(((gig_change *)list->pdata[0])->rows);
	g_ptr_array_unref(list);
	gig_test_ledger_free(t);
}

static void
test_bad_ids(void **state)
{
	(void)state;
	gig_test_ledger *t = books();
	g_autoptr(GError) error = NULL;
	gig_txn_edit e = {.payee = "x", .posted_on = GIG_DATE_NONE};
	gig_assert_error(gig_ledger_txn_edit(t->ledger, 999, &e, &error), error,
	                 GIG_ERROR_NOT_FOUND);
	g_clear_error(&error);
	gig_assert_error(gig_ledger_txn_link(t->ledger, 999, 1, &error), error,
	                 GIG_ERROR_NOT_FOUND);
	g_clear_error(&error);
	gig_assert_error(gig_ledger_txn_link(t->ledger, txn_of(t, "Blue Room Studios"), 99, &error),
	                 error, GIG_ERROR_NOT_FOUND);
	g_clear_error(&error);
	gig_assert_error(gig_ledger_txn_link(t->ledger, txn_of(t, "Rent"), 1, &error), error,
	                 GIG_ERROR_INVALID_INPUT);
	g_clear_error(&error);
	gig_assert_error(gig_ledger_txn_unlink(t->ledger, txn_of(t, "Rent"), &error), error,
	                 GIG_ERROR_INVALID_INPUT);
	g_clear_error(&error);
	gig_gig_edit ge = {.description = "x",
	                   .performed_on = GIG_DATE_NONE,
	                   .invoiced_on = GIG_DATE_NONE,
	                   .due_on = GIG_DATE_NONE};
	gig_assert_error(gig_ledger_gig_edit(t->ledger, 99, &ge, &error), error,
	                 GIG_ERROR_NOT_FOUND);
	g_clear_error(&error);
	gig_assert_error(gig_ledger_gig_remove(t->ledger, 99, GIG_PAYMENTS_UNLINK, NULL, &error),
	                 error, GIG_ERROR_NOT_FOUND);
	g_clear_error(&error);
	gig_assert_error(
	    gig_ledger_txn_edit(t->ledger, txn_of(t, "Splice"),
	                        &(gig_txn_edit){.category = "Nope", .posted_on = GIG_DATE_NONE},
	                        &error),
	    error, GIG_ERROR_NOT_FOUND);
	g_clear_error(&error);
	gig_test_ledger_free(t);
}

/* A pending row of batch A that batch B settled: undoing A first (gig undo N), then
 * B, leaves nothing behind, and every table as before both imports. */
static void
test_undo_older_import_settled(void **state)
{
	(void)state;
	gig_test_ledger *t = gig_test_ledger_new("EUR");
	gig_test_account(t, "Checking", GIG_ACCOUNT_CHECKING, 0);
	g_autofree char *before = dump(t);
	g_autofree char *a = imp_write(t, "a.csv",
	                               "Date,Payee,Amount,Status\n"
	                               "2026-10-01,Coffee 12,-3.40,Pending\n"
	                               "2026-10-02,Rent 3,-950.00,Booked\n",
	                               -1);
	g_autofree char *b = imp_write(t, "b.csv",
	                               "Date,Payee,Amount,Status\n"
	                               "2026-10-03,Coffee 12 8841,-3.40,Booked\n"
	                               "2026-10-04,Shop 9,-20.00,Booked\n",
	                               -1);
	gig_import_options o = imp_opts("Checking");
	g_autoptr(GError) error = NULL;
	gig_import_result *ra = NULL, *rb = NULL;
	gig_assert_ok(gig_import_file(t->ledger, a, &o, &ra, &error), error);
	int64_t entry_a = gig_ledger_last_change(t->ledger);
	gig_assert_ok(gig_import_file(t->ledger, b, &o, &rb, &error), error);
	assert_int_equal(rb->replaced_pending, 1);
	gig_import_result_free(ra);
	gig_import_result_free(rb);
	gig_assert_ok(gig_ledger_undo(t->ledger, entry_a, NULL, &error), error);
	/* B's own rows stay: the settled coffee and the shop */
	assert_int_equal(count(t, "SELECT count(*) FROM transactions"), 2);
	assert_exact(t);
	gig_assert_ok(gig_ledger_undo(t->ledger, 0, NULL, &error), error);
	g_autofree char *after = dump(t);
	assert_string_equal(before, after);
	gig_test_ledger_free(t);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_undo_restores_every_table),
	    cmocka_unit_test(test_undo_fx_payment),
	    cmocka_unit_test(test_undo_import),
	    cmocka_unit_test(test_undo_import_blocked_by_edit),
	    cmocka_unit_test(test_undo_n_conflict),
	    cmocka_unit_test(test_undo_refuses_cascade),
	    cmocka_unit_test(test_reimport_after_corrections),
	    cmocka_unit_test(test_split_rules),
	    cmocka_unit_test(test_closed_account),
	    cmocka_unit_test(test_history_values),
	    cmocka_unit_test(test_bad_ids),
	    cmocka_unit_test(test_undo_older_import_settled),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
