/*
 * report_period.c: income and expenses per month, quarter or year (gig report), and
 * budgets against them.  Figures come from the monthly rollup, which the library keeps
 * equal to a GROUP BY over the transactions; only --by payee reads transactions.
 */
#include <string.h>

#include "db.h"
#include "gigledger/rates.h"
#include "gigledger/report_period.h"
#include "internal.h"

#define PERIODS_MAX 1200

bool
gig_report_by_parse(gig_report_by *out, const char *text, GError **error)
{
	static const char *const names[] = {"category", "stream", "payee", "account", NULL};
	int v = 0;
	if (!gig__enum_parse(&v, text, names, 4, "--by", error))
		return false;
	*out = (gig_report_by)v;
	return true;
}

static void
series_clear(gig_period_series *s)
{
	g_free(s->minor);
}

static void
line_clear(gig_period_line *l)
{
	g_free(l->name);
	series_clear(&l->amounts);
}

void
gig_period_report_free(gig_period_report *r)
{
	if (r == NULL)
		return;
	for (size_t i = 0; i < r->n_periods; i++)
		g_free(r->labels[i]);
	g_free(r->labels);
	g_free(r->starts);
	g_free(r->ends);
	for (size_t i = 0; i < r->n_income; i++)
		line_clear(&r->income[i]);
	for (size_t i = 0; i < r->n_expenses; i++)
		line_clear(&r->expenses[i]);
	g_free(r->income);
	g_free(r->expenses);
	series_clear(&r->income_total);
	series_clear(&r->expense_total);
	series_clear(&r->net);
	series_clear(&r->essential);
	series_clear(&r->deductible);
	g_strfreev(r->left_out_names);
	g_free(r->left_out_currencies);
	for (size_t i = 0; i < r->n_budgets; i++) {
		g_free(r->budgets[i].category);
		series_clear(&r->budgets[i].budget);
		series_clear(&r->budgets[i].actual);
	}
	g_free(r->budgets);
	g_free(r);
}

static bool
too_big(GError **error)
{
	g_set_error(error, GIG_ERROR, GIG_ERROR_OVERFLOW, "a report total does not fit in 64 bits");
	return false;
}

/* Total and average of a series of n values. */
static bool
series_finish(gig_period_series *s, size_t n, GError **error)
{
	int64_t total = 0;
	for (size_t i = 0; i < n; i++)
		if (!gig_money_add(&total, total, s->minor[i]))
			return too_big(error);
	s->total_minor = total;
	if (n == 0) {
		s->average_minor = 0;
		return true;
	}
	int64_t q = total / (int64_t)n, rem = total % (int64_t)n;
	/* round half away from zero: |rem| * 2 >= n */
	if ((rem < 0 ? -rem : rem) * 2 >= (int64_t)n)
		q += total < 0 ? -1 : 1;
	s->average_minor = q;
	return true;
}

/* ---- accumulating ---------------------------------------------------------------------- */

struct acc {
	char *name;
	int64_t *v;
	bool essential, deductible;
};

static void
acc_free(void *p)
{
	struct acc *a = p;
	g_free(a->name);
	g_free(a->v);
	g_free(a);
}

struct build {
	size_t n;            /* periods */
	int first;           /* month index of the first period's start */
	int step;            /* months per period */
	GHashTable *income;  /* label -> struct acc */
	GHashTable *expense; /* label -> struct acc */
	GHashTable *by_cat;  /* category id -> int64_t[n], natural sign */
	int64_t *income_total, *expense_total, *essential, *deductible;
};

static bool
add_to(int64_t *v, size_t p, int64_t amount, GError **error)
{
	if (!gig_money_add(&v[p], v[p], amount))
		return too_big(error);
	return true;
}

static struct acc *
acc_get(struct build *b, GHashTable *t, const char *name)
{
	struct acc *a = g_hash_table_lookup(t, name);
	if (a == NULL) {
		a = g_new0(struct acc, 1);
		a->name = g_strdup(name);
		a->v = g_new0(int64_t, b->n);
		g_hash_table_insert(t, a->name, a);
	}
	return a;
}

/* hledger's name parts of a category, its section prefix dropped, cut at `depth`. */
static char *
category_label(const char *name, bool income, int depth)
{
	const char *prefix = income ? "income" : "expenses";
	if (depth == 1)
		return g_strdup(prefix);
	g_auto(GStrv) parts = g_strsplit(name, ":", -1);
	GString *s = g_string_new(NULL);
	int kept = 0;
	for (int i = 0; parts[i]; i++) {
		g_autofree char *part = g_strstrip(g_strdup(parts[i]));
		if (*part == '\0')
			continue;
		if (i == 0 && parts[1] && g_ascii_strcasecmp(part, prefix) == 0)
			continue;
		if (depth >= 2 && kept >= depth - 1)
			break;
		g_string_append_printf(s, "%s%s", kept ? ": " : "", part);
		kept++;
	}
	if (s->len == 0)
		g_string_append(s, name);
	return g_string_free(s, false);
}

/* One record: a month's (or a row's) inflow and outflow of one account and category. */
struct rec {
	int month;
	const char *account;
	int64_t category_id;
	const char *category;
	gig_category_kind kind;
	bool essential, deductible;
	const char *stream;
	int64_t inflow, outflow;
	const char *payee;
};

static char *
label_for(const gig_period_options *opt, const struct rec *r, bool income)
{
	switch (opt->by) {
	case GIG_REPORT_BY_ACCOUNT:
		return g_strdup(r->account);
	case GIG_REPORT_BY_PAYEE:
		return g_strdup(r->payee && *r->payee ? r->payee : "(no payee)");
	case GIG_REPORT_BY_STREAM:
		if (income)
			return g_strdup(r->category == NULL ? "uncategorised"
			                : r->stream         ? r->stream
			                                    : "no stream");
		break;
	case GIG_REPORT_BY_CATEGORY:
		break;
	}
	if (r->category == NULL)
		return g_strdup(opt->depth == 1 ? (income ? "income" : "expenses")
		                                : "uncategorised");
	return category_label(r->category, income, opt->depth);
}

static bool
take(struct build *b, const gig_period_options *opt, const struct rec *r, GError **error)
{
	if (r->category && r->kind == GIG_CATEGORY_TRANSFER)
		return true;
	size_t p = (size_t)((r->month - b->first) / b->step);
	if (r->month < b->first || p >= b->n)
		return true;
	int64_t in = 0, out = 0; /* income earned, money spent */
	bool essential = r->essential, deductible = r->deductible;
	if (r->category == NULL) {
		in = r->inflow;
		out = -r->outflow;
		essential = true; /* uncategorised spending counts as essential */
		deductible = false;
	} else if (!gig_money_add(&in, r->inflow, r->outflow)) {
		return too_big(error);
	} else if (r->kind == GIG_CATEGORY_EXPENSE) {
		out = -in;
		in = 0;
	}
	if (r->category == NULL ? in != 0 : r->kind == GIG_CATEGORY_INCOME) {
		g_autofree char *label = label_for(opt, r, true);
		struct acc *a = acc_get(b, b->income, label);
		if (!add_to(a->v, p, in, error) || !add_to(b->income_total, p, in, error))
			return false;
	}
	if (r->category == NULL ? out != 0 : r->kind == GIG_CATEGORY_EXPENSE) {
		g_autofree char *label = label_for(opt, r, false);
		struct acc *a = acc_get(b, b->expense, label);
		if (opt->by == GIG_REPORT_BY_CATEGORY || opt->by == GIG_REPORT_BY_STREAM) {
			a->essential = a->essential || essential;
			a->deductible = a->deductible || deductible;
		}
		if (!add_to(a->v, p, out, error) || !add_to(b->expense_total, p, out, error) ||
		    (essential && !add_to(b->essential, p, out, error)) ||
		    (deductible && !add_to(b->deductible, p, out, error)))
			return false;
	}
	if (r->category_id) {
		int64_t *v = g_hash_table_lookup(b->by_cat, &r->category_id);
		if (v == NULL) {
			int64_t *key = g_new(int64_t, 1);
			*key = r->category_id;
			v = g_new0(int64_t, b->n);
			g_hash_table_insert(b->by_cat, key, v);
		}
		if (!add_to(v, p, r->kind == GIG_CATEGORY_INCOME ? in : out, error))
			return false;
	}
	return true;
}

static int
month_of(const char *text)
{
	int y = 0, m = 0;
	if (text == NULL || sscanf(text, "%d-%d", &y, &m) != 2)
		return -1;
	return y * 12 + m - 1;
}

#define PERIOD_ROWS(cond)                                                                          \
	"SELECT t.id FROM transactions t WHERE t.account_id IN"                                    \
	" (SELECT id FROM accounts WHERE currency = ?1) AND " cond                                 \
	" AND t.posted_on >= ?2 || '-01' AND t.posted_on <= ?3 || '-31'"

static bool
read_records(sqlite3 *db, struct build *b, const gig_period_options *opt, const char *currency,
             GError **error)
{
	char from[GIG_DATE_BUFSZ], to[GIG_DATE_BUFSZ];
	gig_date_format_month(from, b->first);
	gig_date_format_month(to, b->first + (int)b->n * b->step - 1);
	const char *sql =
	    opt->by == GIG_REPORT_BY_PAYEE
	        /* the rows of the period along the two (account, date) indexes (register.c) */
	        ? "SELECT substr(t.posted_on, 1, 7), a.name, ifnull(t.category_id, 0), c.name,"
	          " c.kind, c.essential, c.deductible, c.stream, max(t.amount_minor, 0),"
	          " min(t.amount_minor, 0), t.payee FROM transactions t"
	          " JOIN accounts a ON a.id = t.account_id"
	          " LEFT JOIN categories c ON c.id = t.category_id"
	          " WHERE t.pending = 0 AND t.id IN (" PERIOD_ROWS(
	              "t.fingerprint IS NOT NULL") " UNION ALL " PERIOD_ROWS("t.fingerprint IS "
	                                                                     "NULL") ")"
	        : "SELECT mt.month, a.name, mt.category_id, c.name, c.kind, c.essential,"
	          " c.deductible, c.stream, sum(mt.inflow_minor), sum(mt.outflow_minor), NULL"
	          " FROM monthly_totals mt JOIN accounts a ON a.id = mt.account_id"
	          " LEFT JOIN categories c ON c.id = mt.category_id"
	          " WHERE mt.pending = 0 AND a.currency = ?1 AND mt.month BETWEEN ?2 AND ?3"
	          " GROUP BY mt.month, mt.account_id, mt.category_id";
	g_autoptr(sqlite3_stmt) st = NULL;
	if (!gig__db_prepare(db, sql, &st, error))
		return false;
	sqlite3_bind_text(st, 1, currency, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, from, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, to, -1, SQLITE_STATIC);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct rec r = {0};
		r.month = month_of((const char *)sqlite3_column_text(st, 0));
		r.account = (const char *)sqlite3_column_text(st, 1);
		r.category_id = sqlite3_column_int64(st, 2);
		r.category = (const char *)sqlite3_column_text(st, 3);
		if (r.category_id == 0)
			r.category = NULL;
		gig_category_kind kind = GIG_CATEGORY_EXPENSE;
		if (r.category)
			gig_category_kind_parse(&kind, (const char *)sqlite3_column_text(st, 4),
			                        NULL);
		r.kind = kind;
		r.essential = sqlite3_column_int(st, 5) != 0;
		r.deductible = sqlite3_column_int(st, 6) != 0;
		r.stream = (const char *)sqlite3_column_text(st, 7);
		r.inflow = sqlite3_column_int64(st, 8);
		r.outflow = sqlite3_column_int64(st, 9);
		r.payee = (const char *)sqlite3_column_text(st, 10);
		if (!take(b, opt, &r, error))
			return false;
	}
	if (rc != SQLITE_DONE)
		return gig__db_fail(db, rc, "reading the monthly totals", error);
	return true;
}

static int
acc_cmp(const void *a, const void *b)
{
	const struct acc *x = *(struct acc *const *)a, *y = *(struct acc *const *)b;
	int c = g_ascii_strcasecmp(x->name, y->name);
	return c ? c : strcmp(x->name, y->name);
}

static bool
lines_from(GHashTable *t, size_t n, gig_period_line **out, size_t *n_out, GError **error)
{
	g_autoptr(GPtrArray) list = g_ptr_array_new();
	GHashTableIter it;
	void *value = NULL;
	g_hash_table_iter_init(&it, t);
	while (g_hash_table_iter_next(&it, NULL, &value))
		g_ptr_array_add(list, value);
	g_ptr_array_sort(list, acc_cmp);
	gig_period_line *lines = g_new0(gig_period_line, list->len);
	*out = lines;
	*n_out = list->len;
	for (guint i = 0; i < list->len; i++) {
		struct acc *a = list->pdata[i];
		lines[i].name = g_strdup(a->name);
		lines[i].amounts.minor = g_memdup2(a->v, n * sizeof(int64_t));
		lines[i].essential = a->essential;
		lines[i].deductible = a->deductible;
		if (!series_finish(&lines[i].amounts, n, error))
			return false;
	}
	return true;
}

static gig_period_series
series_of(int64_t *v)
{
	return (gig_period_series){v, 0, 0};
}

static bool
read_budgets(sqlite3 *db, struct build *b, gig_period_report *r, GError **error)
{
	g_autoptr(sqlite3_stmt) st = NULL;
	if (!gig__db_prepare(db,
	                     "SELECT b.category_id, c.name, c.kind, ifnull(b.amount_minor, 0),"
	                     " ifnull(b.percent_bp, 0) FROM budgets b"
	                     " JOIN categories c ON c.id = b.category_id"
	                     " ORDER BY c.name COLLATE NOCASE",
	                     &st, error))
		return false;
	g_autoptr(GArray) list = g_array_new(false, true, sizeof(gig_period_budget));
	int rc;
	bool ok = true;
	while (ok && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		gig_period_budget one = {0};
		int64_t id = sqlite3_column_int64(st, 0);
		one.category = g_strdup((const char *)sqlite3_column_text(st, 1));
		gig_category_kind kind = GIG_CATEGORY_EXPENSE;
		gig_category_kind_parse(&kind, (const char *)sqlite3_column_text(st, 2), NULL);
		one.kind = kind;
		one.monthly_minor = sqlite3_column_int64(st, 3);
		one.percent_bp = sqlite3_column_int64(st, 4);
		one.percent = one.percent_bp > 0;
		one.budget.minor = g_new0(int64_t, b->n);
		one.actual.minor = g_new0(int64_t, b->n);
		const int64_t *actual = g_hash_table_lookup(b->by_cat, &id);
		for (size_t p = 0; p < b->n && ok; p++) {
			if (actual)
				one.actual.minor[p] = actual[p];
			if (one.percent) {
				int64_t base =
				    r->income_total.minor[p] > 0 ? r->income_total.minor[p] : 0;
				ok = gig_money_scale_bp(&one.budget.minor[p], base,
				                        one.percent_bp) ||
				     too_big(error);
			} else if (__builtin_mul_overflow(one.monthly_minor, (int64_t)b->step,
			                                  &one.budget.minor[p])) {
				ok = too_big(error);
			}
		}
		g_array_append_val(list, one);
		ok = ok &&
		     series_finish(&g_array_index(list, gig_period_budget, list->len - 1).budget,
		                   b->n, error) &&
		     series_finish(&g_array_index(list, gig_period_budget, list->len - 1).actual,
		                   b->n, error);
	}
	r->n_budgets = list->len;
	r->budgets = (gig_period_budget *)(void *)g_array_free(g_steal_pointer(&list), false);
	if (ok && rc != SQLITE_DONE)
		return gig__db_fail(db, rc, "reading budgets", error);
	return ok;
}

static bool
build_report(sqlite3 *db, const gig_period_options *opt, gig_period_report *r, GError **error)
{
	int step = opt->period == GIG_PERIOD_YEAR ? 12 : opt->period == GIG_PERIOD_QUARTER ? 3 : 1;
	int first = -1, last = -1;
	{
		g_autoptr(sqlite3_stmt) st = NULL;
		if (!gig__db_prepare(db,
		                     "SELECT count(*), ifnull(sum(currency = ?1), 0) FROM accounts",
		                     &st, error))
			return false;
		sqlite3_bind_text(st, 1, r->currency, -1, SQLITE_STATIC);
		int rc = sqlite3_step(st);
		if (rc != SQLITE_ROW)
			return gig__db_fail(db, rc, "reading accounts", error);
		if (sqlite3_column_int64(st, 0) > 0 && sqlite3_column_int64(st, 1) == 0) {
			g_set_error(error, GIG_ERROR, GIG_ERROR_NOT_FOUND, "no account is in %s",
			            r->currency);
			return false;
		}
	}
	if (opt->from == GIG_DATE_NONE || opt->to == GIG_DATE_NONE) {
		g_autoptr(sqlite3_stmt) st = NULL;
		if (!gig__db_prepare(db,
		                     "SELECT min(mt.month), max(mt.month) FROM monthly_totals mt"
		                     " JOIN accounts a ON a.id = mt.account_id"
		                     " WHERE mt.pending = 0 AND a.currency = ?1",
		                     &st, error))
			return false;
		sqlite3_bind_text(st, 1, r->currency, -1, SQLITE_STATIC);
		int rc = sqlite3_step(st);
		if (rc != SQLITE_ROW)
			return gig__db_fail(db, rc, "reading the monthly totals", error);
		first = month_of((const char *)sqlite3_column_text(st, 0));
		last = month_of((const char *)sqlite3_column_text(st, 1));
	}
	if (opt->from != GIG_DATE_NONE)
		first = gig_date_month_index(opt->from);
	if (opt->to != GIG_DATE_NONE)
		last = gig_date_month_index(opt->to);
	if (first < 0 || last < 0)
		return true; /* nothing recorded: a report without periods */
	if (first > last)
		return true; /* e.g. --from after the last transaction */
	first -= first % step;
	last -= last % step;
	size_t n = (size_t)((last - first) / step + 1);
	if (n > PERIODS_MAX) {
		g_set_error(error, GIG_ERROR, GIG_ERROR_INVALID_INPUT,
		            "%zu periods are more than a report shows (%d); narrow --from/--to", n,
		            PERIODS_MAX);
		return false;
	}
	r->n_periods = n;
	r->starts = g_new0(gig_date, n);
	r->ends = g_new0(gig_date, n);
	r->labels = g_new0(char *, n);
	for (size_t i = 0; i < n; i++) {
		int m = first + (int)i * step;
		r->starts[i] = gig_date_month_start(m);
		r->ends[i] = gig_date_month_start(m + step) - 1;
		int y = m / 12, mo = m % 12 + 1;
		r->labels[i] = opt->period == GIG_PERIOD_YEAR ? g_strdup_printf("%04d", y)
		               : opt->period == GIG_PERIOD_QUARTER
		                   ? g_strdup_printf("%04d-Q%d", y, (mo - 1) / 3 + 1)
		                   : g_strdup_printf("%04d-%02d", y, mo);
	}
	struct build b = {n,
	                  first,
	                  step,
	                  g_hash_table_new_full(g_str_hash, g_str_equal, NULL, acc_free),
	                  g_hash_table_new_full(g_str_hash, g_str_equal, NULL, acc_free),
	                  g_hash_table_new_full(g_int64_hash, g_int64_equal, g_free, g_free),
	                  g_new0(int64_t, n),
	                  g_new0(int64_t, n),
	                  g_new0(int64_t, n),
	                  g_new0(int64_t, n)};
	r->income_total = series_of(b.income_total);
	r->expense_total = series_of(b.expense_total);
	r->essential = series_of(b.essential);
	r->deductible = series_of(b.deductible);
	r->net = series_of(g_new0(int64_t, n));
	bool ok = read_records(db, &b, opt, r->currency, error) &&
	          lines_from(b.income, n, &r->income, &r->n_income, error) &&
	          lines_from(b.expense, n, &r->expenses, &r->n_expenses, error);
	for (size_t p = 0; ok && p < n; p++)
		if (!gig_money_sub(&r->net.minor[p], b.income_total[p], b.expense_total[p]))
			ok = too_big(error);
	ok = ok && series_finish(&r->income_total, n, error) &&
	     series_finish(&r->expense_total, n, error) && series_finish(&r->net, n, error) &&
	     series_finish(&r->essential, n, error) && series_finish(&r->deductible, n, error) &&
	     read_budgets(db, &b, r, error);
	g_hash_table_unref(b.income);
	g_hash_table_unref(b.expense);
	g_hash_table_unref(b.by_cat);
	return ok;
}

bool
gig_period_report_build(gig_ledger *ledger, const gig_period_options *opt, gig_period_report **out,
                        GError **error)
{
	g_return_val_if_fail(ledger != NULL && opt != NULL && out != NULL, false);
	if (opt->depth < 0) {
		g_set_error(error, GIG_ERROR, GIG_ERROR_INVALID_INPUT, "--depth must be 1 or more");
		return false;
	}
	if (opt->from != GIG_DATE_NONE && opt->to != GIG_DATE_NONE && opt->from > opt->to) {
		char a[GIG_DATE_BUFSZ], b[GIG_DATE_BUFSZ];
		g_set_error(error, GIG_ERROR, GIG_ERROR_INVALID_INPUT,
		            "the period starts (%s) after it ends (%s)",
		            gig_date_format(a, opt->from), gig_date_format(b, opt->to));
		return false;
	}
	g_autoptr(gig_period_report) r = g_new0(gig_period_report, 1);
	r->period = opt->period;
	r->by = opt->by;
	const char *cur = opt->currency ? opt->currency : gig_ledger_base_currency(ledger);
	if (!gig_currency_normalize(r->currency, cur, error)) {
		g_prefix_error(error, "currency: ");
		return false;
	}
	sqlite3 *db = gig__ledger_db(ledger);
	if (!gig__db_exec(db, "BEGIN", error))
		return false;
	bool ok = build_report(db, opt, r, error);
	/* what it leaves out: other currencies' accounts with rows in its periods */
	g_autoptr(GPtrArray) outside = NULL;
	ok = ok && gig_ledger_accounts_outside(
	               ledger, r->currency, r->n_periods ? r->starts[0] : opt->from,
	               r->n_periods ? r->ends[r->n_periods - 1] : opt->to, &outside, error);
	g_autoptr(GError) end_error = NULL;
	gig__db_exec(db, ok ? "COMMIT" : "ROLLBACK", &end_error);
	if (!ok)
		return false;
	r->n_left_out = outside->len;
	r->left_out_names = g_new0(char *, outside->len + 1);
	r->left_out_currencies = g_malloc0(4 * ((size_t)outside->len + 1));
	for (guint i = 0; i < outside->len; i++) {
		const gig_account *a = outside->pdata[i];
		r->left_out_names[i] = g_strdup(a->name);
		memcpy(r->left_out_currencies[i], a->currency, 4);
	}
	*out = g_steal_pointer(&r);
	return true;
}

/* ---- budgets ----------------------------------------------------------------------- */

void
gig_budget_free(gig_budget *b)
{
	if (b == NULL)
		return;
	g_free(b->category);
	g_free(b);
}

bool
gig_budget_set(gig_ledger *ledger, const char *category, int64_t monthly_minor, int64_t percent_bp,
               GError **error)
{
	g_return_val_if_fail(ledger != NULL && category != NULL, false);
	if ((monthly_minor > 0) == (percent_bp > 0) || monthly_minor < 0 || percent_bp < 0) {
		g_set_error(error, GIG_ERROR, GIG_ERROR_INVALID_INPUT,
		            "a budget is an amount above 0 a month or a share of income, not both");
		return false;
	}
	if (percent_bp > 10000) {
		g_set_error(error, GIG_ERROR, GIG_ERROR_INVALID_INPUT,
		            "a budget's share of income is at most 100%%");
		return false;
	}
	if (!gig__amount_check(monthly_minor, "a budget", error))
		return false;
	sqlite3 *db = gig__ledger_db(ledger);
	if (!gig__tx_begin(db, error))
		return false;
	g_autoptr(gig_category) cat = NULL;
	bool ok = gig_ledger_category_find(ledger, category, &cat, error);
	if (ok && cat->kind == GIG_CATEGORY_TRANSFER) {
		g_set_error(error, GIG_ERROR, GIG_ERROR_INVALID_INPUT,
		            "'%s' is a transfer category, neither income nor expense: it takes no "
		            "budget",
		            cat->name);
		ok = false;
	}
	g_autoptr(sqlite3_stmt) st = NULL;
	ok = ok && gig__db_prepare(db,
	                           "INSERT OR REPLACE INTO budgets(category_id, amount_minor,"
	                           " percent_bp) VALUES (?1, ?2, ?3)",
	                           &st, error);
	if (ok) {
		sqlite3_bind_int64(st, 1, cat->id);
		if (monthly_minor > 0)
			sqlite3_bind_int64(st, 2, monthly_minor);
		else
			sqlite3_bind_null(st, 2);
		if (percent_bp > 0)
			sqlite3_bind_int64(st, 3, percent_bp);
		else
			sqlite3_bind_null(st, 3);
		int rc = sqlite3_step(st);
		if (rc != SQLITE_DONE)
			ok = gig__db_fail(db, rc, "saving the budget", error);
	}
	return gig__tx_end(db, ok, error);
}

bool
gig_budget_remove(gig_ledger *ledger, const char *category, GError **error)
{
	g_return_val_if_fail(ledger != NULL && category != NULL, false);
	sqlite3 *db = gig__ledger_db(ledger);
	if (!gig__tx_begin(db, error))
		return false;
	g_autoptr(gig_category) cat = NULL;
	bool ok = gig_ledger_category_find(ledger, category, &cat, error);
	g_autoptr(sqlite3_stmt) st = NULL;
	ok = ok && gig__db_prepare(db, "DELETE FROM budgets WHERE category_id = ?1", &st, error);
	if (ok) {
		sqlite3_bind_int64(st, 1, cat->id);
		int rc = sqlite3_step(st);
		if (rc != SQLITE_DONE) {
			ok = gig__db_fail(db, rc, "removing the budget", error);
		} else if (sqlite3_changes(db) == 0) {
			g_set_error(error, GIG_ERROR, GIG_ERROR_NOT_FOUND,
			            "'%s' has no budget; 'gig budget list' shows them", cat->name);
			ok = false;
		}
	}
	return gig__tx_end(db, ok, error);
}

bool
gig_budgets(gig_ledger *ledger, GPtrArray **out, GError **error)
{
	g_return_val_if_fail(ledger != NULL && out != NULL, false);
	sqlite3 *db = gig__ledger_db(ledger);
	g_autoptr(sqlite3_stmt) st = NULL;
	if (!gig__db_prepare(
	        db,
	        "SELECT c.name, c.kind, ifnull(b.amount_minor, 0), ifnull(b.percent_bp, 0)"
	        " FROM budgets b JOIN categories c ON c.id = b.category_id"
	        " ORDER BY c.name COLLATE NOCASE",
	        &st, error))
		return false;
	g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func((GDestroyNotify)gig_budget_free);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		gig_budget *b = g_new0(gig_budget, 1);
		b->category = g_strdup((const char *)sqlite3_column_text(st, 0));
		gig_category_kind kind = GIG_CATEGORY_EXPENSE;
		gig_category_kind_parse(&kind, (const char *)sqlite3_column_text(st, 1), NULL);
		b->kind = kind;
		b->monthly_minor = sqlite3_column_int64(st, 2);
		b->percent_bp = sqlite3_column_int64(st, 3);
		b->percent = b->percent_bp > 0;
		g_ptr_array_add(list, b);
	}
	if (rc != SQLITE_DONE)
		return gig__db_fail(db, rc, "reading budgets", error);
	*out = g_steal_pointer(&list);
	return true;
}
