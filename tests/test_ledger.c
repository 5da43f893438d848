/*
 * test_ledger.c: the ledger file (create, open, migrate, refuse), accounts,
 * categories, gigs and transactions, and every error path they have.
 */
#include <fcntl.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "db.h"
#include "helpers.h"

static gig_date
ymd(int y, int m, int d)
{
	gig_date out = 0;
	assert_true(gig_date_from_ymd(&out, y, m, d));
	return out;
}

static gig_account *
find_account(gig_test_ledger *t, const char *name)
{
	GError *error = NULL;
	gig_account *a = NULL;
	bool ok = gig_ledger_account_find(t->ledger, name, &a, &error);
	gig_assert_ok(ok, error);
	return a;
}

static int64_t
add_txn(gig_test_ledger *t, const char *account, int64_t amount, const char *category, bool pending)
{
	GError *error = NULL;
	gig_txn_spec spec = {.account = account,
	                     .posted_on = ymd(2026, 3, 5),
	                     .amount_minor = amount,
	                     .payee = "someone",
	                     .category = category,
	                     .pending = pending};
	int64_t id = 0;
	bool ok = gig_ledger_txn_add(t->ledger, &spec, &id, &error);
	gig_assert_ok(ok, error);
	return id;
}

static void
test_ledger__create_is_private_and_refuses_overwrite(void **state)
{
	(void)state;
	gig_test_ledger *t = gig_test_ledger_new("gbp");
	struct stat st;
	assert_int_equal(stat(t->path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	assert_string_equal(gig_ledger_base_currency(t->ledger), "GBP");
	assert_int_equal(gig_ledger_schema_version(t->ledger), gig_ledger_schema_latest());

	g_autoptr(GError) error = NULL;
	gig_ledger *again = NULL;
	bool ok = gig_ledger_create(&again, t->path, NULL, &error);
	gig_assert_error(ok, error, GIG_ERROR_EXISTS);
	assert_null(again);
	gig_test_ledger_free(t);
}

static void
test_ledger__open_missing_file(void **state)
{
	(void)state;
	g_autoptr(GError) error = NULL;
	gig_ledger *l = NULL;
	bool ok = gig_ledger_open(&l, "/nonexistent/dir/ledger.db", &error);
	gig_assert_error(ok, error, GIG_ERROR_NOT_FOUND);
	assert_non_null(strstr(error->message, "gig init"));
}

static void
test_ledger__refuses_empty_file(void **state)
{
	(void)state;
	/* issue 9.10: an empty file given as the ledger was silently made into one;
	 * it is refused now and left as it was */
	g_autofree char *dir = g_dir_make_tmp("gigtest-XXXXXX", NULL);
	g_autofree char *path = g_build_filename(dir, "empty.db", NULL);
	assert_true(g_file_set_contents(path, "", 0, NULL));
	g_chmod(path, 0644);
	GError *error = NULL;
	gig_ledger *l = NULL;
	bool ok = gig_ledger_open(&l, path, &error);
	gig_assert_error(ok, error, GIG_ERROR_DB_SCHEMA);
	assert_non_null(strstr(error->message, "is an empty file, not a ledger"));
	g_clear_error(&error);
	assert_null(l);
	struct stat st;
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_size, 0);
	assert_int_equal(st.st_mode & 0777, 0644);
	g_autofree char *wal = g_strconcat(path, "-wal", NULL);
	assert_false(g_file_test(wal, G_FILE_TEST_EXISTS));
	g_remove(path);
	g_rmdir(dir);
}

static void
test_ledger__refuses_newer_schema_and_foreign_files(void **state)
{
	(void)state;
	gig_test_ledger *t = gig_test_ledger_new(NULL);
	gig_ledger_free(t->ledger);
	t->ledger = NULL;

	sqlite3 *db = NULL;
	assert_int_equal(sqlite3_open(t->path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "PRAGMA user_version = 999", NULL, NULL, NULL),
	                 SQLITE_OK);
	sqlite3_close(db);
	g_autoptr(GError) error = NULL;
	gig_ledger *l = NULL;
	bool ok = gig_ledger_open(&l, t->path, &error);
	gig_assert_error(ok, error, GIG_ERROR_DB_SCHEMA);
	assert_non_null(strstr(error->message, "999"));

	/* an SQLite file that is somebody else's database */
	g_autofree char *other = g_build_filename(t->dir, "other.db", NULL);
	assert_int_equal(sqlite3_open(other, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "CREATE TABLE photos(x)", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	g_clear_error(&error);
	ok = gig_ledger_open(&l, other, &error);
	gig_assert_error(ok, error, GIG_ERROR_DB_SCHEMA);

	/* not a database at all */
	g_autofree char *junk = g_build_filename(t->dir, "junk.db", NULL);
	const char text[] = "this is a shopping list, not a ledger; it is long enough to matter"
	                    " for SQLite's header check, which wants more than a hundred bytes.";
	assert_true(g_file_set_contents(junk, text, -1, NULL));
	g_clear_error(&error);
	ok = gig_ledger_open(&l, junk, &error);
	gig_assert_error(ok, error, GIG_ERROR_DB_CORRUPT);
	gig_test_ledger_free(t);
}

static void
test_ledger__accounts_crud_and_errors(void **state)
{
	(void)state;
	gig_test_ledger *t = gig_test_ledger_new(NULL);
	gig_test_account(t, "Checking", GIG_ACCOUNT_CHECKING, 250000);
	gig_test_account(t, "Savings", GIG_ACCOUNT_SAVINGS, 0);

	g_autoptr(GError) error = NULL;
	gig_account_spec dup = {
	    .name = "checking", .kind = GIG_ACCOUNT_CASH, .opening_date = GIG_DATE_NONE};
	bool ok = gig_ledger_account_add(t->ledger, &dup, NULL, &error);
	gig_assert_error(ok, error, GIG_ERROR_DUPLICATE);

	g_clear_error(&error);
	gig_account *a = NULL;
	ok = gig_ledger_account_find(t->ledger, "chequing", &a, &error);
	gig_assert_error(ok, error, GIG_ERROR_NOT_FOUND);
	assert_non_null(strstr(error->message, "known: Checking, Savings"));

	g_clear_error(&error);
	gig_account_spec bad_cur = {
	    .name = "Wise", .currency = "dollar", .opening_date = GIG_DATE_NONE};
	ok = gig_ledger_account_add(t->ledger, &bad_cur, NULL, &error);
	gig_assert_error(ok, error, GIG_ERROR_INVALID_INPUT);

	g_clear_error(&error);
	gig_account_spec blank = {.name = "   ", .opening_date = GIG_DATE_NONE};
	ok = gig_ledger_account_add(t->ledger, &blank, NULL, &error);
	gig_assert_error(ok, error, GIG_ERROR_INVALID_INPUT);

	g_autoptr(gig_account) c = find_account(t, "CHECKING");
	assert_string_equal(c->name, "Checking");
	assert_string_equal(c->currency, "EUR");
	assert_int_equal(c->balance_minor, 250000);
	g_autoptr(gig_account) def = NULL;
	ok = gig_ledger_account_default(t->ledger, &def, NULL);
	assert_true(ok);
	assert_string_equal(def->name, "Checking");

	gig_account_kind k;
	assert_true(gig_account_kind_parse(&k, "tax-reserve", NULL));
	assert_int_equal(k, GIG_ACCOUNT_TAX_RESERVE);
	gig_test_ledger_free(t);
}

static void
test_ledger__balance_excludes_pending(void **state)
{
	(void)state;
	gig_test_ledger *t = gig_test_ledger_new(NULL);
	gig_test_account(t, "Checking", GIG_ACCOUNT_CHECKING, 100000);
	add_txn(t, "Checking", -1299, "Samples", false);
	add_txn(t, "Checking", 240000, NULL, false);
	add_txn(t, "Checking", -5000, NULL, true);
	g_autoptr(gig_account) a = find_account(t, "Checking");
	/* 1000.00 - 12.99 + 2400.00 = 3387.01; the pending -50.00 is not in it */
	assert_int_equal(a->balance_minor, 338701);
	assert_int_equal(a->transactions, 2);
	assert_int_equal(a->pending, 1);
	assert_int_equal(a->pending_minor, -5000);

	/* recategorising moves rollup rows but never changes the balance */
	g_autoptr(GError) error = NULL;
	bool ok = gig_ledger_txn_set_category(t->ledger, 2, "Income: Mixing", &error);
	gig_assert_ok(ok, error);
	g_autoptr(gig_account) b = find_account(t, "Checking");
	assert_int_equal(b->balance_minor, 338701);
	ok = gig_ledger_txn_set_category(t->ledger, 999, "Gear", &error);
	gig_assert_error(ok, error, GIG_ERROR_NOT_FOUND);
	gig_test_ledger_free(t);
}

static void
test_ledger__txn_errors_write_nothing(void **state)
{
	(void)state;
	gig_test_ledger *t = gig_test_ledger_new(NULL);
	gig_test_account(t, "Checking", GIG_ACCOUNT_CHECKING, 0);
	g_autoptr(GError) error = NULL;
	gig_txn_spec spec = {.account = "Checking",
	                     .posted_on = ymd(2026, 1, 2),
	                     .amount_minor = -500,
	                     .category = "Sampls"};
	bool ok = gig_ledger_txn_add(t->ledger, &spec, NULL, &error);
	gig_assert_error(ok, error, GIG_ERROR_NOT_FOUND);
	g_clear_error(&error);
	spec.category = NULL;
	spec.account = "Chequing";
	ok = gig_ledger_txn_add(t->ledger, &spec, NULL, &error);
	gig_assert_error(ok, error, GIG_ERROR_NOT_FOUND);
	g_autoptr(gig_account) a = find_account(t, "Checking");
	assert_int_equal(a->transactions, 0);
	gig_test_ledger_free(t);
}

/* Issue 9 item 5: every ledger.h function that takes an amount refuses one above
 * GIG_AMOUNT_MAX with OVERFLOW naming the bound, and writes nothing.  Before, each
 * of these stored INT64_MAX and the month's next write failed. */
static void
test_ledger__amount_bound_on_every_api(void **state)
{
	(void)state;
	gig_test_ledger *t = gig_test_ledger_new(NULL);
	gig_test_account(t, "Checking", GIG_ACCOUNT_CHECKING, 0);
	const int64_t too_big[] = {GIG_AMOUNT_MAX + 1, -GIG_AMOUNT_MAX - 1, INT64_MAX, INT64_MIN};
	for (size_t i = 0; i < G_N_ELEMENTS(too_big); i++) {
		int64_t v = too_big[i];
		g_autoptr(GError) e1 = NULL, e2 = NULL, e3 = NULL, e4 = NULL;
		gig_txn_spec txn = {
		    .account = "Checking", .posted_on = ymd(2026, 3, 9), .amount_minor = v};
		gig_assert_error(gig_ledger_txn_add(t->ledger, &txn, NULL, &e1), e1,
		                 GIG_ERROR_OVERFLOW);
		assert_non_null(strstr(e1->message, "999999999999999"));
		gig_account_spec acc = {
		    .name = "Big", .kind = GIG_ACCOUNT_SAVINGS, .opening_minor = v};
		gig_assert_error(gig_ledger_account_add(t->ledger, &acc, NULL, &e2), e2,
		                 GIG_ERROR_OVERFLOW);
		gig_recurring_spec rec = {.name = "Rent",
		                          .account = "Checking",
		                          .amount_minor = v,
		                          .cadence = GIG_CADENCE_MONTHLY,
		                          .next_on = ymd(2026, 4, 1),
		                          .until_on = GIG_DATE_NONE};
		gig_assert_error(gig_ledger_recurring_add(t->ledger, &rec, NULL, &e3), e3,
		                 GIG_ERROR_OVERFLOW);
		if (v > 0) {
			gig_gig_spec gig = {.client = "Huge",
			                    .amount_minor = v,
			                    .terms_days = -1,
			                    .performed_on = GIG_DATE_NONE,
			                    .invoiced_on = GIG_DATE_NONE,
			                    .due_on = GIG_DATE_NONE,
			                    .paid_on = GIG_DATE_NONE};
			gig_assert_error(gig_ledger_gig_add(t->ledger, &gig, NULL, &e4), e4,
			                 GIG_ERROR_OVERFLOW);
		}
	}
	/* the bound itself is accepted everywhere */
	int64_t gig_id = 0;
	g_autoptr(GError) error = NULL;
	gig_gig_spec gig = {.client = "Max",
	                    .amount_minor = GIG_AMOUNT_MAX,
	                    .terms_days = -1,
	                    .performed_on = GIG_DATE_NONE,
	                    .invoiced_on = ymd(2026, 3, 1),
	                    .due_on = GIG_DATE_NONE,
	                    .paid_on = GIG_DATE_NONE};
	gig_assert_ok(gig_ledger_gig_add(t->ledger, &gig, &gig_id, &error), error);
	bool ok = gig_ledger_gig_pay(t->ledger, gig_id, GIG_AMOUNT_MAX + 1, NULL, ymd(2026, 3, 2),
	                             NULL, &error);
	gig_assert_error(ok, error, GIG_ERROR_OVERFLOW);
	g_clear_error(&error);
	gig_assert_ok(gig_ledger_gig_pay(t->ledger, gig_id, 0, NULL, ymd(2026, 3, 2), NULL, &error),
	              error);
	add_txn(t, "Checking", -GIG_AMOUNT_MAX, NULL, false);
	g_autoptr(gig_account) a = find_account(t, "Checking");
	assert_int_equal(a->transactions, 2);
	assert_int_equal(a->balance_minor, 0);
	g_autoptr(GPtrArray) accounts = NULL;
	gig_assert_ok(gig_ledger_accounts(t->ledger, &accounts, &error), error);
	assert_int_equal(accounts->len, 1); /* no "Big" */
	gig_test_ledger_free(t);
}

/* An old ledger may hold amounts from before the bound: the 64-bit defences stay. */
static void
test_ledger__overflowing_sum_is_refused(void **state)
{
	(void)state;
	gig_test_ledger *t = gig_test_ledger_new(NULL);
	int64_t acct = gig_test_account(t, "Checking", GIG_ACCOUNT_CHECKING, 0);
	sqlite3 *db = gig__ledger_db(t->ledger);
	g_autofree char *sql = g_strdup_printf(
	    "INSERT INTO transactions(account_id, posted_on, amount_minor) VALUES"
	    " (%" G_GINT64_FORMAT ", '2026-03-05', %" G_GINT64_FORMAT ");"
	    "INSERT INTO monthly_totals(account_id, month, category_id, pending, inflow_minor,"
	    " outflow_minor, n) VALUES (%" G_GINT64_FORMAT ", '2026-03', 0, 0, %" G_GINT64_FORMAT
	    ", 0, 1);",
	    acct, INT64_MAX - 10, acct, INT64_MAX - 10);
	assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(gig_test_rollup_differences(t->ledger), 0);
	g_autoptr(GError) error = NULL;
	gig_txn_spec spec = {
	    .account = "Checking", .posted_on = ymd(2026, 3, 9), .amount_minor = 100};
	/* the monthly rollup would overflow: SQLite refuses, and the row is not kept */
	bool ok = gig_ledger_txn_add(t->ledger, &spec, NULL, &error);
	gig_assert_error(ok, error, GIG_ERROR_OVERFLOW);
	g_autoptr(gig_account) a = find_account(t, "Checking");
	assert_int_equal(a->transactions, 1);
	assert_true(a->balance_minor == INT64_MAX - 10);

	/* an opening balance plus transactions past INT64_MAX is an OVERFLOW error */
	assert_int_equal(sqlite3_exec(db,
	                              "UPDATE accounts SET opening_minor = 100"
	                              " WHERE name = 'Checking'",
	                              NULL, NULL, NULL),
	                 SQLITE_OK);
	g_clear_error(&error);
	gig_account *b = NULL;
	ok = gig_ledger_account_find(t->ledger, "Checking", &b, &error);
	gig_assert_error(ok, error, GIG_ERROR_OVERFLOW);
	gig_test_ledger_free(t);
}

static void
test_ledger__categories(void **state)
{
	(void)state;
	gig_test_ledger *t = gig_test_ledger_new(NULL);
	g_autoptr(GError) error = NULL;
	g_autoptr(gig_category) rent = NULL;
	bool ok = gig_ledger_category_find(t->ledger, "rent", &rent, &error);
	gig_assert_ok(ok, error);
	assert_true(rent->essential);
	assert_false(rent->deductible);
	g_autoptr(gig_category) gear = NULL;
	ok = gig_ledger_category_find(t->ledger, "Gear", &gear, &error);
	gig_assert_ok(ok, error);
	assert_false(gear->essential);
	assert_true(gear->deductible);

	ok = gig_ledger_category_add(t->ledger, "Mastering Engineer", GIG_CATEGORY_EXPENSE, false,
	                             true, NULL, &error);
	gig_assert_ok(ok, error);
	ok = gig_ledger_category_add(t->ledger, "mastering engineer", GIG_CATEGORY_EXPENSE, false,
	                             true, NULL, &error);
	gig_assert_error(ok, error, GIG_ERROR_DUPLICATE);
	g_clear_error(&error);
	ok = gig_ledger_category_rename(t->ledger, "Mastering Engineer", "Outsourced Mastering",
	                                &error);
	gig_assert_ok(ok, error);
	ok = gig_ledger_category_rename(t->ledger, "Nope", "Other", &error);
	gig_assert_error(ok, error, GIG_ERROR_NOT_FOUND);
	g_clear_error(&error);
	ok = gig_ledger_category_rename(t->ledger, "Gear", "Rent", &error);
	gig_assert_error(ok, error, GIG_ERROR_DUPLICATE);
	g_clear_error(&error);
	ok = gig_ledger_category_set_flags(t->ledger, "Outsourced Mastering", true, false, &error);
	gig_assert_ok(ok, error);
	g_autoptr(gig_category) om = NULL;
	ok = gig_ledger_category_find(t->ledger, "outsourced mastering", &om, &error);
	gig_assert_ok(ok, error);
	assert_true(om->essential);
	assert_false(om->deductible);
	gig_test_ledger_free(t);
}

static int64_t
add_gig(gig_test_ledger *t, const char *client, int64_t amount, int terms)
{
	GError *error = NULL;
	gig_gig_spec spec = {.client = client,
	                     .stream = GIG_STREAM_MIXING,
	                     .amount_minor = amount,
	                     .performed_on = ymd(2026, 11, 1),
	                     .invoiced_on = ymd(2026, 11, 2),
	                     .due_on = GIG_DATE_NONE,
	                     .terms_days = terms,
	                     .paid_on = GIG_DATE_NONE};
	int64_t id = 0;
	bool ok = gig_ledger_gig_add(t->ledger, &spec, &id, &error);
	gig_assert_ok(ok, error);
	return id;
}

static void
test_ledger__gig_lifecycle(void **state)
{
	(void)state;
	gig_test_ledger *t = gig_test_ledger_new(NULL);
	gig_test_account(t, "Checking", GIG_ACCOUNT_CHECKING, 0);
	int64_t id = add_gig(t, "Blue Room Studios", 120000, -1);
	g_autoptr(GError) error = NULL;
	gig_gig *g = NULL;
	bool ok = gig_ledger_gig_get(t->ledger, id, &g, &error);
	gig_assert_ok(ok, error);
	assert_int_equal(g->status, GIG_STATUS_INVOICED);
	assert_int_equal(g->due_on, ymd(2026, 12, 2)); /* default terms: 30 days */
	gig_gig_free(g);

	/* partial payment, then an over-payment is refused, then the rest */
	ok = gig_ledger_gig_pay(t->ledger, id, 50000, NULL, ymd(2026, 11, 20), NULL, &error);
	gig_assert_ok(ok, error);
	ok = gig_ledger_gig_get(t->ledger, id, &g, &error);
	gig_assert_ok(ok, error);
	assert_int_equal(g->status, GIG_STATUS_PARTLY_PAID);
	assert_int_equal(g->paid_minor, 50000);
	gig_gig_free(g);
	ok = gig_ledger_gig_pay(t->ledger, id, 70001, NULL, ymd(2026, 11, 21), NULL, &error);
	gig_assert_error(ok, error, GIG_ERROR_INVALID_INPUT);
	g_clear_error(&error);
	ok = gig_ledger_gig_cancel(t->ledger, id, &error);
	gig_assert_error(ok, error, GIG_ERROR_INVALID_INPUT);
	g_clear_error(&error);
	ok = gig_ledger_gig_pay(t->ledger, id, 0, "Checking", ymd(2026, 11, 22), NULL, &error);
	gig_assert_ok(ok, error);
	ok = gig_ledger_gig_get(t->ledger, id, &g, &error);
	gig_assert_ok(ok, error);
	assert_int_equal(g->status, GIG_STATUS_PAID);
	gig_gig_free(g);
	g_autoptr(gig_account) a = find_account(t, "Checking");
	assert_int_equal(a->balance_minor, 120000);
	assert_int_equal(a->transactions, 2);

	ok = gig_ledger_gig_pay(t->ledger, id, 0, NULL, ymd(2026, 11, 23), NULL, &error);
	gig_assert_error(ok, error, GIG_ERROR_INVALID_INPUT);
	g_clear_error(&error);
	ok = gig_ledger_gig_get(t->ledger, 4242, &g, &error);
	gig_assert_error(ok, error, GIG_ERROR_NOT_FOUND);

	/* open_only lists invoiced/partly paid; cancel removes from it */
	int64_t other = add_gig(t, "blue room studios", 30000, 14); /* same client, any case */
	g_autoptr(GPtrArray) open = NULL;
	g_clear_error(&error);
	ok = gig_ledger_gigs(t->ledger, true, &open, &error);
	gig_assert_ok(ok, error);
	assert_int_equal(open->len, 1);
	assert_string_equal(((gig_gig *)open->pdata[0])->client, "Blue Room Studios");
	assert_int_equal(((gig_gig *)open->pdata[0])->due_on, ymd(2026, 11, 16));
	ok = gig_ledger_gig_cancel(t->ledger, other, &error);
	gig_assert_ok(ok, error);
	g_autoptr(GPtrArray) open2 = NULL;
	ok = gig_ledger_gigs(t->ledger, true, &open2, &error);
	gig_assert_ok(ok, error);
	assert_int_equal(open2->len, 0);
	gig_test_ledger_free(t);
}

static void
test_ledger__paid_gig_is_one_transaction(void **state)
{
	(void)state;
	gig_test_ledger *t = gig_test_ledger_new(NULL);
	gig_test_account(t, "Checking", GIG_ACCOUNT_CHECKING, 0);
	gig_account_spec usd = {
	    .name = "Wise USD", .currency = "USD", .opening_date = GIG_DATE_NONE};
	assert_true(gig_ledger_account_add(t->ledger, &usd, NULL, NULL));
	g_autoptr(GError) error = NULL;
	gig_gig_spec spec = {.client = "Label",
	                     .stream = GIG_STREAM_SYNC,
	                     .amount_minor = 650000,
	                     .invoiced_on = ymd(2026, 5, 1),
	                     .due_on = GIG_DATE_NONE,
	                     .terms_days = -1,
	                     .paid_on = ymd(2026, 5, 3),
	                     .paid_account = "Wise USD",
	                     .performed_on = GIG_DATE_NONE};
	/* EUR gig into a USD account: refused, and the gig itself is not kept either */
	bool ok = gig_ledger_gig_add(t->ledger, &spec, NULL, &error);
	gig_assert_error(ok, error, GIG_ERROR_INVALID_INPUT);
	g_autoptr(GPtrArray) all = NULL;
	ok = gig_ledger_gigs(t->ledger, false, &all, NULL);
	assert_true(ok);
	assert_int_equal(all->len, 0);

	spec.paid_account = NULL;
	g_clear_error(&error);
	ok = gig_ledger_gig_add(t->ledger, &spec, NULL, &error);
	gig_assert_ok(ok, error);
	g_autoptr(gig_account) a = find_account(t, "Checking");
	assert_int_equal(a->balance_minor, 650000);
	gig_test_ledger_free(t);
}

static void
test_ledger__locked_ledger_is_busy(void **state)
{
	(void)state;
	gig_test_ledger *t = gig_test_ledger_new(NULL);
	gig_test_account(t, "Checking", GIG_ACCOUNT_CHECKING, 0);
	sqlite3 *other = NULL;
	assert_int_equal(sqlite3_open(t->path, &other), SQLITE_OK);
	assert_int_equal(sqlite3_exec(other, "BEGIN IMMEDIATE", NULL, NULL, NULL), SQLITE_OK);
	g_autoptr(GError) error = NULL;
	gig_txn_spec spec = {
	    .account = "Checking", .posted_on = ymd(2026, 1, 1), .amount_minor = 1};
	bool ok = gig_ledger_txn_add(t->ledger, &spec, NULL, &error);
	gig_assert_error(ok, error, GIG_ERROR_DB_BUSY);
	assert_non_null(strstr(error->message, "try again"));
	sqlite3_exec(other, "ROLLBACK", NULL, NULL, NULL);
	sqlite3_close(other);
	/* once the lock is gone, the same write works */
	g_clear_error(&error);
	ok = gig_ledger_txn_add(t->ledger, &spec, NULL, &error);
	gig_assert_ok(ok, error);
	gig_test_ledger_free(t);
}

static void
test_ledger__read_only_ledger(void **state)
{
	(void)state;
	gig_test_ledger *t = gig_test_ledger_new(NULL);
	gig_test_account(t, "Checking", GIG_ACCOUNT_CHECKING, 0);
	/* A query_only connection refuses writes the way a read-only file does. */
	assert_int_equal(
	    sqlite3_exec(gig__ledger_db(t->ledger), "PRAGMA query_only = 1", NULL, NULL, NULL),
	    SQLITE_OK);
	g_autoptr(GError) error = NULL;
	gig_txn_spec spec = {
	    .account = "Checking", .posted_on = ymd(2026, 1, 1), .amount_minor = 1};
	bool ok = gig_ledger_txn_add(t->ledger, &spec, NULL, &error);
	gig_assert_error(ok, error, GIG_ERROR_DB_READONLY);

	/* And a file the OS will not let us write (only meaningful when not root). */
	gig_ledger_free(t->ledger);
	t->ledger = NULL;
	g_chmod(t->path, 0400);
	g_chmod(t->dir, 0500);
	if (access(t->path, W_OK) == 0) {
		print_message("running as root: file permissions cannot be tested here\n");
	} else {
		gig_ledger *l = NULL;
		g_clear_error(&error);
		ok = gig_ledger_open(&l, t->path, &error);
		if (ok)
			ok = gig_ledger_txn_add(l, &spec, NULL, &error);
		gig_assert_error(ok, error, GIG_ERROR_DB_READONLY);
		gig_ledger_free(l);
	}
	g_chmod(t->dir, 0700);
	g_chmod(t->path, 0600);
	gig_test_ledger_free(t);
}

static void
test_ledger__settings(void **state)
{
	(void)state;
	gig_test_ledger *t = gig_test_ledger_new(NULL);
	g_autoptr(GError) error = NULL;
	g_autofree char *rate = NULL;
	bool ok = gig_ledger_setting_get(t->ledger, "tax_rate_bp", &rate, &error);
	gig_assert_ok(ok, error);
	assert_string_equal(rate, "2500");
	ok = gig_ledger_setting_set(t->ledger, "tax_rate_bp", "3000", &error);
	gig_assert_ok(ok, error);
	g_free(rate);
	rate = NULL;
	ok = gig_ledger_setting_get(t->ledger, "tax_rate_bp", &rate, &error);
	gig_assert_ok(ok, error);
	assert_string_equal(rate, "3000");
	char *missing = NULL;
	ok = gig_ledger_setting_get(t->ledger, "nope", &missing, &error);
	gig_assert_error(ok, error, GIG_ERROR_NOT_FOUND);
	gig_test_ledger_free(t);
}

static void
test_ledger__gigs_from_csv(void **state)
{
	(void)state;
	gig_test_ledger *t = gig_test_ledger_new(NULL);
	g_autofree char *sample = gig_test_data_path("../../sample-data/gigs.csv");
	g_autoptr(GError) error = NULL;
	int64_t n = 0;
	bool ok = gig_ledger_gigs_load_csv(t->ledger, sample, &n, &error);
	gig_assert_ok(ok, error);
	/* sample-data/README.md (computed by check.py): 79 invoices, 72,360.00 in all */
	assert_int_equal(n, 79);
	g_autoptr(GPtrArray) all = NULL;
	ok = gig_ledger_gigs(t->ledger, false, &all, &error);
	gig_assert_ok(ok, error);
	int64_t total = 0;
	for (unsigned i = 0; i < all->len; i++)
		total += ((gig_gig *)all->pdata[i])->amount_minor;
	assert_int_equal(total, 7236000);

	/* one bad line: nothing from the file is kept, and the error names file:line */
	g_autofree char *bad = g_build_filename(t->dir, "bad.csv", NULL);
	const char text[] = "stream,client,amount,due_on\n"
	                    "mixing,A,10,2026-01-01\n"
	                    "\"mixing\",\"B, with comma\",5\n"
	                    "live,C,7,2026-02-30\n";
	assert_true(g_file_set_contents(bad, text, -1, NULL));
	ok = gig_ledger_gigs_load_csv(t->ledger, bad, &n, &error);
	gig_assert_error(ok, error, GIG_ERROR_INVALID_INPUT);
	assert_non_null(strstr(error->message, "bad.csv:4: due_on"));
	g_autoptr(GPtrArray) after = NULL;
	ok = gig_ledger_gigs(t->ledger, false, &after, NULL);
	assert_true(ok);
	assert_int_equal(after->len, 79);

	const char no_amount[] = "client,stream\nA,mixing\n";
	assert_true(g_file_set_contents(bad, no_amount, -1, NULL));
	g_clear_error(&error);
	ok = gig_ledger_gigs_load_csv(t->ledger, bad, &n, &error);
	gig_assert_error(ok, error, GIG_ERROR_INVALID_INPUT);
	assert_non_null(strstr(error->message, "'amount'"));
	gig_test_ledger_free(t);
}

static void
test_ledger__recurring(void **state)
{
	(void)state;
	gig_test_ledger *t = gig_test_ledger_new(NULL);
	gig_test_account(t, "Checking", GIG_ACCOUNT_CHECKING, 0);
	g_autoptr(GError) error = NULL;
	gig_recurring_spec rent = {.name = "Rent",
	                           .category = "Rent",
	                           .amount_minor = -95000,
	                           .cadence = GIG_CADENCE_MONTHLY,
	                           .next_on = ymd(2026, 12, 1),
	                           .until_on = GIG_DATE_NONE};
	bool ok = gig_ledger_recurring_add(t->ledger, &rent, NULL, &error);
	gig_assert_ok(ok, error);
	gig_recurring_spec tax = {.name = "Tax",
	                          .amount_minor = -56000,
	                          .cadence = GIG_CADENCE_QUARTERLY,
	                          .next_on = ymd(2026, 12, 10),
	                          .until_on = GIG_DATE_NONE};
	ok = gig_ledger_recurring_add(t->ledger, &tax, NULL, &error);
	gig_assert_ok(ok, error);
	ok = gig_ledger_recurring_add(t->ledger, &rent, NULL, &error);
	gig_assert_error(ok, error, GIG_ERROR_DUPLICATE);
	g_clear_error(&error);
	gig_recurring_spec bad = rent;
	bad.name = "Gym";
	bad.category = "Gymm";
	ok = gig_ledger_recurring_add(t->ledger, &bad, NULL, &error);
	gig_assert_error(ok, error, GIG_ERROR_NOT_FOUND);
	g_clear_error(&error);
	bad.category = NULL;
	bad.until_on = ymd(2026, 1, 1);
	ok = gig_ledger_recurring_add(t->ledger, &bad, NULL, &error);
	gig_assert_error(ok, error, GIG_ERROR_INVALID_INPUT);
	g_clear_error(&error);

	g_autoptr(GPtrArray) list = NULL;
	ok = gig_ledger_recurring_list(t->ledger, &list, &error);
	gig_assert_ok(ok, error);
	assert_int_equal(list->len, 2);
	gig_recurring *first = list->pdata[0];
	assert_string_equal(first->name, "Rent");
	assert_string_equal(first->category, "Rent");
	assert_string_equal(first->account, "Checking");
	assert_null(((gig_recurring *)list->pdata[1])->category);

	assert_int_equal(gig_cadence_next(GIG_CADENCE_MONTHLY, ymd(2026, 1, 31)), ymd(2026, 2, 28));
	assert_int_equal(gig_cadence_next(GIG_CADENCE_QUARTERLY, ymd(2026, 12, 10)),
	                 ymd(2027, 3, 10));
	assert_int_equal(gig_cadence_next(GIG_CADENCE_WEEKLY, ymd(2026, 12, 30)), ymd(2027, 1, 6));
	assert_int_equal(gig_cadence_next(GIG_CADENCE_YEARLY, ymd(2024, 2, 29)), ymd(2025, 2, 28));

	ok = gig_ledger_recurring_remove(t->ledger, "rent", &error);
	gig_assert_ok(ok, error);
	ok = gig_ledger_recurring_remove(t->ledger, "rent", &error);
	gig_assert_error(ok, error, GIG_ERROR_NOT_FOUND);
	gig_test_ledger_free(t);
}

/* Sums every transaction the slow way and compares with the kept rollup. */
static void
assert_rollup_matches(gig_test_ledger *t)
{
	assert_int_equal(gig_test_rollup_differences(t->ledger), 0);
}

static void
test_ledger__rollup_follows_every_change(void **state)
{
	(void)state;
	gig_test_ledger *t = gig_test_ledger_new(NULL);
	gig_test_account(t, "Checking", GIG_ACCOUNT_CHECKING, 0);
	gig_test_account(t, "Savings", GIG_ACCOUNT_SAVINGS, 0);
	for (int i = 0; i < 20; i++)
		add_txn(t, i % 3 ? "Checking" : "Savings", (i % 2 ? -1 : 1) * (i + 1) * 1000,
		        i % 4 ? NULL : "Gear", i % 5 == 0);
	assert_rollup_matches(t);
	sqlite3 *db = gig__ledger_db(t->ledger);
	const char *changes[] = {
	    "UPDATE transactions SET amount_minor = -amount_minor WHERE id % 2 = 0",
	    "UPDATE transactions SET posted_on = '2026-04-30' WHERE id % 3 = 0",
	    "UPDATE transactions SET category_id = (SELECT id FROM categories WHERE name = 'Rent')"
	    " WHERE id % 4 = 1",
	    "UPDATE transactions SET pending = 1 - pending WHERE id < 8",
	    "UPDATE transactions SET account_id = 2 WHERE id > 15",
	    "DELETE FROM transactions WHERE id IN (3, 9)",
	    "INSERT INTO import_batches(account_id, file_name, file_sha256, imported_on)"
	    " VALUES (1, 'x.csv', 'abc', '2026-01-01');"
	    "UPDATE transactions SET batch_id = 1 WHERE id BETWEEN 10 AND 14;"
	    "DELETE FROM import_batches WHERE id = 1",
	};
	for (size_t i = 0; i < G_N_ELEMENTS(changes); i++) {
		char *msg = NULL;
		if (sqlite3_exec(db, changes[i], NULL, NULL, &msg) != SQLITE_OK)
			fail_msg("%s: %s", changes[i], msg);
		assert_rollup_matches(t);
	}
	/* the cascade really removed the batch's rows */
	g_autoptr(gig_account) a = find_account(t, "Checking");
	g_autoptr(gig_account) b = find_account(t, "Savings");
	assert_int_equal(a->transactions + a->pending + b->transactions + b->pending, 13);
	gig_test_ledger_free(t);
}

static void
test_ledger__gig_status_follows_removed_payment(void **state)
{
	(void)state;
	gig_test_ledger *t = gig_test_ledger_new(NULL);
	gig_test_account(t, "Checking", GIG_ACCOUNT_CHECKING, 0);
	int64_t id = add_gig(t, "Client", 10000, -1);
	g_autoptr(GError) error = NULL;
	int64_t txn = 0;
	bool ok = gig_ledger_gig_pay(t->ledger, id, 0, NULL, ymd(2026, 11, 5), &txn, &error);
	gig_assert_ok(ok, error);
	sqlite3 *db = gig__ledger_db(t->ledger);
	gig_gig *g = NULL;
	/* the payment turns out to be pending: the gig is open again */
	assert_int_equal(sqlite3_exec(db, "UPDATE transactions SET pending = 1", NULL, NULL, NULL),
	                 SQLITE_OK);
	assert_true(gig_ledger_gig_get(t->ledger, id, &g, NULL));
	assert_int_equal(g->status, GIG_STATUS_INVOICED);
	gig_gig_free(g);
	assert_int_equal(sqlite3_exec(db, "UPDATE transactions SET pending = 0", NULL, NULL, NULL),
	                 SQLITE_OK);
	assert_true(gig_ledger_gig_get(t->ledger, id, &g, NULL));
	assert_int_equal(g->status, GIG_STATUS_PAID);
	gig_gig_free(g);
	/* an undone import takes its payment with it */
	assert_int_equal(sqlite3_exec(db, "DELETE FROM transactions", NULL, NULL, NULL), SQLITE_OK);
	assert_true(gig_ledger_gig_get(t->ledger, id, &g, NULL));
	assert_int_equal(g->status, GIG_STATUS_INVOICED);
	assert_int_equal(g->paid_minor, 0);
	gig_gig_free(g);
	gig_test_ledger_free(t);
}

static void
test_ledger__category_flags_change_only_when_named(void **state)
{
	(void)state;
	gig_test_ledger *t = gig_test_ledger_new(NULL);
	g_autoptr(GError) error = NULL;
	bool ok = gig_ledger_category_set_flags(t->ledger, "Rent", -1, 1, &error);
	gig_assert_ok(ok, error);
	g_autoptr(gig_category) rent = NULL;
	ok = gig_ledger_category_find(t->ledger, "Rent", &rent, &error);
	gig_assert_ok(ok, error);
	assert_true(rent->essential); /* untouched */
	assert_true(rent->deductible);
	gig_test_ledger_free(t);
}

static void
test_ledger__gig_csv_quirks(void **state)
{
	(void)state;
	gig_test_ledger *t = gig_test_ledger_new(NULL);
	g_autofree char *f = g_build_filename(t->dir, "gigs.csv", NULL);
	/* BOM, CRLF, a quoted field across two lines: two gigs */
	const char text[] = "\xEF\xBB\xBF"
	                    "client,stream,amount,description\r\n"
	                    "A,mixing,100,\"two\r\nlines\"\r\n"
	                    "B,live,50.5,x\r\n";
	assert_true(g_file_set_contents(f, text, -1, NULL));
	g_autoptr(GError) error = NULL;
	int64_t n = 0;
	bool ok = gig_ledger_gigs_load_csv(t->ledger, f, &n, &error);
	gig_assert_ok(ok, error);
	assert_int_equal(n, 2);
	/* an unterminated quote is malformed CSV, named as such */
	const char bad[] = "client,stream,amount\n\"A,mixing,100\n";
	assert_true(g_file_set_contents(f, bad, -1, NULL));
	ok = gig_ledger_gigs_load_csv(t->ledger, f, &n, &error);
	gig_assert_error(ok, error, GIG_ERROR_INVALID_INPUT);
	assert_non_null(strstr(error->message, "malformed CSV"));
	gig_test_ledger_free(t);
}

/*
 * gig_ledger_restore() over a ledger too damaged to be written page by page replaces
 * the file whole, and does so whether or not the caller passes an error location
 * (the fallback once looked at *error, so with error == NULL it never ran and the
 * restore failed).
 */
static void
test_ledger__restore_damaged_without_error_location(void **state)
{
	(void)state;
	gig_test_ledger *t = gig_test_ledger_new(NULL);
	gig_test_account(t, "Checking", GIG_ACCOUNT_CHECKING, 0);
	g_autofree char *copy = g_build_filename(t->dir, "copy.db", NULL);
	g_autoptr(GError) error = NULL;
	bool ok = gig_ledger_backup(t->ledger, copy, false, &error);
	gig_assert_ok(ok, error);
	g_clear_pointer(&t->ledger, gig_ledger_free);
	/* garbage over the whole file, header included */
	g_autofree char *bytes = NULL;
	gsize len = 0;
	ok = g_file_get_contents(t->path, &bytes, &len, &error);
	gig_assert_ok(ok, error);
	for (gsize i = 0; i < len; i++)
		bytes[i] = (char)(0xA5 ^ (i * 31));
	ok = g_file_set_contents(t->path, bytes, (gssize)len, &error);
	gig_assert_ok(ok, error);
	assert_true(gig_ledger_restore(t->path, copy, NULL));
	ok = gig_ledger_open(&t->ledger, t->path, &error);
	gig_assert_ok(ok, error);
	g_autoptr(GPtrArray) accounts = NULL;
	ok = gig_ledger_accounts(t->ledger, &accounts, &error);
	gig_assert_ok(ok, error);
	assert_int_equal(accounts->len, 1);
	gig_test_ledger_free(t);
}

/*
 * The spec _INIT macros: every date GIG_DATE_NONE (not 0, which is 1970-01-01), the
 * client's terms, the other stream; a spec left without its required date is refused.
 * Options of another version are refused too (import.h).
 */
static void
test_ledger__spec_init_macros(void **state)
{
	(void)state;
	gig_test_ledger *t = gig_test_ledger_new(NULL);
	g_autoptr(GError) error = NULL;
	gig_account_spec a = GIG_ACCOUNT_SPEC_INIT;
	a.name = "Checking";
	int64_t id = 0;
	bool ok = gig_ledger_account_add(t->ledger, &a, &id, &error);
	gig_assert_ok(ok, error);
	g_autoptr(gig_account) acct = NULL;
	ok = gig_ledger_account_find(t->ledger, "Checking", &acct, &error);
	gig_assert_ok(ok, error);
	assert_int_equal(acct->opening_date, GIG_DATE_NONE);
	assert_int_equal(acct->kind, GIG_ACCOUNT_CHECKING);

	/* invoiced 2026-11-01 with the new client's 30 days: due 2026-12-01 */
	gig_gig_spec g = GIG_GIG_SPEC_INIT;
	g.client = "Blue Room Studios";
	g.amount_minor = 120000;
	gig_date_from_ymd(&g.invoiced_on, 2026, 11, 1);
	ok = gig_ledger_gig_add(t->ledger, &g, &id, &error);
	gig_assert_ok(ok, error);
	g_autoptr(gig_gig) got = NULL;
	ok = gig_ledger_gig_get(t->ledger, id, &got, &error);
	gig_assert_ok(ok, error);
	gig_date due;
	gig_date_from_ymd(&due, 2026, 12, 1);
	assert_int_equal(got->due_on, due);
	assert_int_equal(got->performed_on, GIG_DATE_NONE);
	assert_int_equal(got->stream, GIG_STREAM_OTHER);
	assert_int_equal(got->status, GIG_STATUS_INVOICED);

	gig_txn_spec x = GIG_TXN_SPEC_INIT;
	x.amount_minor = -1299;
	x.payee = "Splice";
	assert_false(gig_ledger_txn_add(t->ledger, &x, &id, &error));
	assert_true(g_error_matches(error, GIG_ERROR, GIG_ERROR_INVALID_INPUT));
	g_clear_error(&error);

	gig_recurring_spec r = GIG_RECURRING_SPEC_INIT;
	r.name = "Rent";
	r.amount_minor = -95000;
	assert_false(gig_ledger_recurring_add(t->ledger, &r, NULL, &error));
	assert_non_null(error);
	g_clear_error(&error);

	gig_import_options o = GIG_IMPORT_OPTIONS_INIT;
	o.version = GIG_IMPORT_OPTIONS_VERSION + 1;
	g_autoptr(gig_import_result) res = NULL;
	assert_false(gig_import_file(t->ledger, "unused.csv", &o, &res, &error));
	assert_true(g_error_matches(error, GIG_ERROR, GIG_ERROR_INVALID_INPUT));
	g_autofree char *want =
	    g_strdup_printf("import options version %u;", (unsigned)GIG_IMPORT_OPTIONS_VERSION + 1);
	assert_non_null(strstr(error->message, want));
	g_clear_error(&error);
	assert_false(gig_csv_parse_file("unused.csv", &o, &res, &error));
	assert_true(g_error_matches(error, GIG_ERROR, GIG_ERROR_INVALID_INPUT));
	gig_test_ledger_free(t);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_ledger__create_is_private_and_refuses_overwrite),
	    cmocka_unit_test(test_ledger__open_missing_file),
	    cmocka_unit_test(test_ledger__refuses_empty_file),
	    cmocka_unit_test(test_ledger__refuses_newer_schema_and_foreign_files),
	    cmocka_unit_test(test_ledger__accounts_crud_and_errors),
	    cmocka_unit_test(test_ledger__balance_excludes_pending),
	    cmocka_unit_test(test_ledger__txn_errors_write_nothing),
	    cmocka_unit_test(test_ledger__overflowing_sum_is_refused),
	    cmocka_unit_test(test_ledger__amount_bound_on_every_api),
	    cmocka_unit_test(test_ledger__categories),
	    cmocka_unit_test(test_ledger__gig_lifecycle),
	    cmocka_unit_test(test_ledger__paid_gig_is_one_transaction),
	    cmocka_unit_test(test_ledger__locked_ledger_is_busy),
	    cmocka_unit_test(test_ledger__read_only_ledger),
	    cmocka_unit_test(test_ledger__settings),
	    cmocka_unit_test(test_ledger__gigs_from_csv),
	    cmocka_unit_test(test_ledger__recurring),
	    cmocka_unit_test(test_ledger__rollup_follows_every_change),
	    cmocka_unit_test(test_ledger__gig_status_follows_removed_payment),
	    cmocka_unit_test(test_ledger__category_flags_change_only_when_named),
	    cmocka_unit_test(test_ledger__gig_csv_quirks),
	    cmocka_unit_test(test_ledger__restore_damaged_without_error_location),
	    cmocka_unit_test(test_ledger__spec_init_macros),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
