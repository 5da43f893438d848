/*
 * test_register.c: the register (register.h) against a brute-force model: on a random
 * ledger of hand-entered and imported-looking rows over two accounts, every filter gives
 * the rows a plain scan selects, and every running balance equals the opening balance
 * plus the posted rows of the account up to the row, summed here one by one.  Also
 * periods (report_period.h) and one transaction in full.
 */
#include <string.h>

#include "db.h"
#include "helpers.h"

#include <gigledger/register.h>
#include <gigledger/report_period.h>

/* ---- periods ---- */

static gig_date
d(const char *iso)
{
	gig_date out = 0;
	assert_true(gig_date_parse_iso(&out, iso, NULL));
	return out;
}

static void
test_period_parse(void **state)
{
	(void)state;
	gig_date a = 0, b = 0, today = d("2026-11-24");
	struct {
		const char *text, *start, *end;
	} ok[] = {
	    {"2026", "2026-01-01", "2026-12-31"},       {"2026-Q1", "2026-01-01", "2026-03-31"},
	    {"2026-q3", "2026-07-01", "2026-09-30"},    {"2026-Q4", "2026-10-01", "2026-12-31"},
	    {"2024-02", "2024-02-01", "2024-02-29"},    {"2026-11", "2026-11-01", "2026-11-30"},
	    {"2026-11-05", "2026-11-05", "2026-11-05"}, {"today", "2026-11-24", "2026-11-24"},
	    {"yesterday", "2026-11-23", "2026-11-23"},
	};
	for (size_t i = 0; i < G_N_ELEMENTS(ok); i++) {
		g_autoptr(GError) error = NULL;
		gig_assert_ok(gig_period_parse(&a, &b, ok[i].text, today, &error), error);
		char x[GIG_DATE_BUFSZ], y[GIG_DATE_BUFSZ];
		assert_string_equal(gig_date_format(x, a), ok[i].start);
		assert_string_equal(gig_date_format(y, b), ok[i].end);
	}
	const char *bad[] = {"",        "26",     "2026-Q0",    "2026-Q5", "2026-13",
	                     "2026-00", "2026-1", "2026-11-31", "Q3",      "2026Q3",
	                     "0000",    "2026-Q", "2026-11-"};
	for (size_t i = 0; i < G_N_ELEMENTS(bad); i++) {
		g_autoptr(GError) error = NULL;
		a = b = 7;
		gig_assert_error(gig_period_parse(&a, &b, bad[i], today, &error), error,
		                 GIG_ERROR_INVALID_INPUT);
		assert_int_equal(a, 7); /* untouched on failure */
		assert_non_null(strstr(error->message, "is not a period"));
	}
}

/* ---- the model ---- */

typedef struct {
	int64_t id, account_id, amount, category_id;
	char date[11];
	char payee[32];
	bool pending;
	int64_t balance; /* worked out by the model */
} mrow;

struct fixture {
	gig_test_ledger *t;
	GArray *rows; /* mrow, register order */
	int64_t checking, savings;
};

static const char *const payees[] = {"SPLICE.COM", "Thomann",   "Café Müller",
                                     "REWE 123",   "Blue Room", "CAFÉ NOIR"};

static void
add_row(struct fixture *fx, GRand *rng, int i)
{
	sqlite3 *db = gig__ledger_db(fx->t->ledger);
	int64_t acct = g_rand_int_range(rng, 0, 3) ? fx->checking : fx->savings;
	int day = g_rand_int_range(rng, 0, 900);
	gig_date on = d("2024-06-01") + day;
	int64_t amount = g_rand_int_range(rng, -20000, 15000);
	bool pending = g_rand_int_range(rng, 0, 10) == 0;
	int64_t cat = g_rand_int_range(rng, 0, 4) ? g_rand_int_range(rng, 1, 30) : 0;
	const char *payee = payees[g_rand_int_range(rng, 0, G_N_ELEMENTS(payees))];
	bool imported = g_rand_boolean(rng);
	g_autoptr(sqlite3_stmt) st = NULL;
	assert_true(gig__db_prepare(db,
	                            "INSERT INTO transactions(account_id, posted_on, amount_minor,"
	                            " payee, category_id, pending, fingerprint)"
	                            " VALUES (?, ?, ?, ?, ?, ?, ?)",
	                            &st, NULL));
	sqlite3_bind_int64(st, 1, acct);
	gig__bind_date(st, 2, on);
	sqlite3_bind_int64(st, 3, amount);
	sqlite3_bind_text(st, 4, payee, -1, SQLITE_STATIC);
	if (cat)
		sqlite3_bind_int64(st, 5, cat);
	else
		sqlite3_bind_null(st, 5);
	sqlite3_bind_int(st, 6, pending);
	char fp[32];
	g_snprintf(fp, sizeof fp, "%016x", i);
	if (imported)
		sqlite3_bind_text(st, 7, fp, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(st, 7);
	assert_int_equal(sqlite3_step(st), SQLITE_DONE);
	assert_true(gig__txn_inserted(db, sqlite3_last_insert_rowid(db), NULL));
}

static int
mrow_cmp(const void *a, const void *b)
{
	const mrow *x = a, *y = b;
	int c = strcmp(x->date, y->date);
	return c ? c : (x->id > y->id) - (x->id < y->id);
}

static int
setup(void **state)
{
	struct fixture *fx = g_new0(struct fixture, 1);
	fx->t = gig_test_ledger_new(NULL);
	fx->checking = gig_test_account(fx->t, "Checking", GIG_ACCOUNT_CHECKING, 123456);
	fx->savings = gig_test_account(fx->t, "Savings", GIG_ACCOUNT_SAVINGS, -5000);
	GRand *rng = g_rand_new_with_seed(20261124);
	for (int i = 0; i < 1500; i++)
		add_row(fx, rng, i);
	g_rand_free(rng);
	/* the model: read the table plainly, sort, sum */
	sqlite3 *db = gig__ledger_db(fx->t->ledger);
	fx->rows = g_array_new(false, false, sizeof(mrow));
	g_autoptr(sqlite3_stmt) st = NULL;
	assert_true(gig__db_prepare(db,
	                            "SELECT id, account_id, posted_on, amount_minor,"
	                            " ifnull(category_id, 0), payee, pending FROM transactions",
	                            &st, NULL));
	while (sqlite3_step(st) == SQLITE_ROW) {
		mrow r = {0};
		r.id = sqlite3_column_int64(st, 0);
		r.account_id = sqlite3_column_int64(st, 1);
		g_strlcpy(r.date, (const char *)sqlite3_column_text(st, 2), sizeof r.date);
		r.amount = sqlite3_column_int64(st, 3);
		r.category_id = sqlite3_column_int64(st, 4);
		g_strlcpy(r.payee, (const char *)sqlite3_column_text(st, 5), sizeof r.payee);
		r.pending = sqlite3_column_int(st, 6) != 0;
		g_array_append_val(fx->rows, r);
	}
	g_array_sort(fx->rows, mrow_cmp);
	int64_t bal_c = 123456, bal_s = -5000;
	for (guint i = 0; i < fx->rows->len; i++) {
		mrow *r = &g_array_index(fx->rows, mrow, i);
		int64_t *bal = r->account_id == fx->checking ? &bal_c : &bal_s;
		if (!r->pending)
			*bal += r->amount;
		r->balance = *bal;
	}
	*state = fx;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *fx = *state;
	g_array_unref(fx->rows);
	gig_test_ledger_free(fx->t);
	g_free(fx);
	return 0;
}

typedef bool (*mfilter)(const mrow *r, const void *arg);

struct got {
	GArray *rows; /* gig_register_row copies (strings not kept) */
};

static bool
collect(const gig_register_row *row, void *payload)
{
	g_array_append_vals(((struct got *)payload)->rows, row, 1);
	return true;
}

/* Runs the register and compares ids, order and balances with the model filtered by
 * `keep`; returns the number of rows. */
static guint
compare(struct fixture *fx, const gig_register_filter *f, mfilter keep, const void *arg)
{
	struct got got = {g_array_new(false, false, sizeof(gig_register_row))};
	g_autoptr(GError) error = NULL;
	gig_assert_ok(gig_ledger_register(fx->t->ledger, f, collect, &got, &error), error);
	g_autoptr(GArray) want = g_array_new(false, false, sizeof(mrow));
	for (guint i = 0; i < fx->rows->len; i++) {
		const mrow *r = &g_array_index(fx->rows, mrow, i);
		if (keep(r, arg))
			g_array_append_vals(want, r, 1);
	}
	if (f->limit && want->len > f->limit)
		g_array_remove_range(want, 0, want->len - (guint)f->limit);
	assert_int_equal(got.rows->len, want->len);
	for (guint i = 0; i < want->len; i++) {
		const mrow *w = &g_array_index(want, mrow, i);
		const gig_register_row *g = &g_array_index(got.rows, gig_register_row, i);
		if (g->txn.id != w->id || g->balance_minor != w->balance)
			fail_msg("row %u: got #%" G_GINT64_FORMAT " balance %" G_GINT64_FORMAT
			         ", want #%" G_GINT64_FORMAT " balance %" G_GINT64_FORMAT,
			         i, g->txn.id, g->balance_minor, w->id, w->balance);
	}
	guint n = got.rows->len;
	g_array_unref(got.rows);
	return n;
}

static bool
keep_all(const mrow *r, const void *arg)
{
	(void)r, (void)arg;
	return true;
}

struct margs {
	int64_t account, category, min, max;
	const char *from, *to, *payee_sub;
	bool uncat, pending;
};

static bool
keep_args(const mrow *r, const void *arg)
{
	const struct margs *a = arg;
	int64_t mag = r->amount < 0 ? -r->amount : r->amount;
	if (a->account && r->account_id != a->account)
		return false;
	if (a->category && r->category_id != a->category)
		return false;
	if (a->uncat && r->category_id != 0)
		return false;
	if (a->pending && !r->pending)
		return false;
	if (a->min && mag < a->min)
		return false;
	if (a->max && mag > a->max)
		return false;
	if (a->from && strcmp(r->date, a->from) < 0)
		return false;
	if (a->to && strcmp(r->date, a->to) > 0)
		return false;
	if (a->payee_sub) {
		g_autofree char *p = g_utf8_casefold(r->payee, -1);
		g_autofree char *s = g_utf8_casefold(a->payee_sub, -1);
		if (strstr(p, s) == NULL)
			return false;
	}
	return true;
}

static void
test_register_matches_model(void **state)
{
	struct fixture *fx = *state;
	gig_register_filter f = GIG_REGISTER_FILTER_INIT;
	assert_int_equal(compare(fx, &f, keep_all, NULL), 1500);
	size_t limits[] = {1, 7, 50, 1499, 1500, 5000};
	for (size_t i = 0; i < G_N_ELEMENTS(limits); i++) {
		f.limit = limits[i];
		compare(fx, &f, keep_all, NULL);
	}
	struct {
		struct margs m;
		size_t limit;
	} cases[] = {
	    {{.account = 1}, 0},
	    {{.account = 2}, 30},
	    {{.from = "2025-03-01", .to = "2025-03-31"}, 0},
	    {{.from = "2025-03-01", .to = "2025-05-31", .account = 1}, 10},
	    {{.from = "2026-01-01"}, 20},
	    {{.to = "2024-12-31"}, 20},
	    {{.category = 13}, 0},
	    {{.category = 13}, 3},
	    {{.uncat = true, .account = 2}, 0},
	    {{.pending = true}, 0},
	    {{.pending = true}, 5},
	    {{.min = 10000}, 0},
	    {{.min = 5000, .max = 6000}, 4},
	    {{.payee_sub = "splice"}, 0},
	    {{.payee_sub = "café"}, 0},
	    {{.payee_sub = "Müller", .account = 1}, 9},
	    {{.from = "2025-01-01", .to = "2025-12-31", .category = 13}, 5},
	    {{.to = "2025-06-30", .payee_sub = "splice"}, 0},
	    {{.from = "2025-06-01", .min = 15000, .account = 2}, 0},
	};
	for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
		const struct margs *m = &cases[i].m;
		gig_register_filter g = GIG_REGISTER_FILTER_INIT;
		g.account = m->account == 1 ? "checking" : m->account == 2 ? "Savings" : NULL;
		struct margs mm = *m;
		mm.account = m->account == 1 ? fx->checking : m->account == 2 ? fx->savings : 0;
		g.from = m->from ? d(m->from) : GIG_DATE_NONE;
		g.to = m->to ? d(m->to) : GIG_DATE_NONE;
		g.payee = m->payee_sub;
		g.uncategorised = m->uncat;
		g.pending_only = m->pending;
		g.has_min = m->min != 0;
		g.min_minor = m->min;
		g.has_max = m->max != 0;
		g.max_minor = m->max;
		g.limit = cases[i].limit;
		g_autoptr(GPtrArray) cats = NULL;
		if (m->category) {
			assert_true(gig_ledger_categories(fx->t->ledger, &cats, NULL));
			for (guint k = 0; k < cats->len; k++)
				if (((gig_category *)cats->pdata[k])->id == m->category)
					g.category = ((gig_category *)cats->pdata[k])->name;
			assert_non_null(g.category);
		}
		guint n = compare(fx, &g, keep_args, &mm);
		if (cases[i].limit == 0)
			assert_true(n > 0); /* every case selects something */
	}
}

static bool
stop_after_two(const gig_register_row *row, void *payload)
{
	(void)row;
	return ++*(int *)payload < 2;
}

static void
test_register_errors(void **state)
{
	struct fixture *fx = *state;
	gig_ledger *l = fx->t->ledger;
	int n = 0;
	gig_register_filter f = GIG_REGISTER_FILTER_INIT;
	g_autoptr(GError) e0 = NULL;
	gig_assert_ok(gig_ledger_register(l, &f, stop_after_two, &n, &e0), e0);
	assert_int_equal(n, 2);
	struct {
		gig_register_filter f;
		int code;
	} bad[6];
	for (size_t i = 0; i < G_N_ELEMENTS(bad); i++)
		bad[i].f = GIG_REGISTER_FILTER_INIT;
	bad[0].f.account = "Nope", bad[0].code = GIG_ERROR_NOT_FOUND;
	bad[1].f.category = "Nope", bad[1].code = GIG_ERROR_NOT_FOUND;
	bad[2].f.stream = "polka", bad[2].code = GIG_ERROR_INVALID_INPUT;
	bad[3].f.from = d("2026-02-01"), bad[3].f.to = d("2026-01-31");
	bad[3].code = GIG_ERROR_INVALID_INPUT;
	bad[4].f.has_min = bad[4].f.has_max = true, bad[4].f.min_minor = 5, bad[4].f.max_minor = 4;
	bad[4].code = GIG_ERROR_INVALID_INPUT;
	bad[5].f.payee = "", bad[5].code = GIG_ERROR_INVALID_INPUT;
	for (size_t i = 0; i < G_N_ELEMENTS(bad); i++) {
		g_autoptr(GError) error = NULL;
		n = 0;
		gig_assert_error(gig_ledger_register(l, &bad[i].f, stop_after_two, &n, &error),
		                 error, bad[i].code);
		assert_int_equal(n, 0);
	}
}

static void
test_txn_get(void **state)
{
	struct fixture *fx = *state;
	for (guint i = 0; i < fx->rows->len; i += 97) {
		const mrow *w = &g_array_index(fx->rows, mrow, i);
		g_autoptr(GError) error = NULL;
		g_autoptr(gig_txn_detail) det = NULL;
		gig_assert_ok(gig_ledger_txn_get(fx->t->ledger, w->id, &det, &error), error);
		assert_int_equal(det->balance_minor, w->balance);
		assert_int_equal(det->amount_minor, w->amount);
		assert_string_equal(det->payee, w->payee);
		assert_null(det->record);
		assert_int_equal(det->batch_id, 0);
	}
	g_autoptr(GError) error = NULL;
	gig_txn_detail *det = NULL;
	gig_assert_error(gig_ledger_txn_get(fx->t->ledger, 999999, &det, &error), error,
	                 GIG_ERROR_NOT_FOUND);
	assert_null(det);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_period_parse),
	    cmocka_unit_test_setup_teardown(test_register_matches_model, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_register_errors, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_txn_get, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
