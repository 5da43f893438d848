/*
 * tax_year.c: a ledger's tax year (tax.h): income, deductible expenses, tax paid for
 * the year, the tax reserve, and the receipts with their set-asides.  One pass over
 * the year's posted transactions (plus the months after it in which payments for it
 * fall); the arithmetic is tax.c's.
 */
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include <glib.h>
#include <sqlite3.h>

#include "db.h"
#include "gigledger/money.h"
#include "gigledger/tax.h"

/* What one transaction is to the tax year. */
typedef struct {
	int64_t id;
	gig_date on;
	int64_t amount;
	bool income;     /* counts as income (net, may be a refund) */
	bool deductible; /* a deductible expense category */
	bool taxes;      /* the Taxes category: a tax payment (outflow) or refund */
	bool to_reserve; /* money moved into a tax-reserve account */
	const char *payee;
	int named_year; /* a tax year the payee or memo names, 0 = none */
} row;

typedef bool (*row_fn)(const row *r, void *data);

/*
 * Every posted transaction of the currency from `from` up to and including `to`, in
 * date order.  Income: income categories and uncategorised inflows outside the tax
 * reserve (report.h's convention 2; money moved into the tax pot is not earnings).
 */
static const char sql_rows[] =
    "SELECT t.id, t.posted_on, t.amount_minor, a.kind = 'tax-reserve', c.kind,"
    " ifnull(c.deductible, 0), ifnull(c.name = 'Taxes' COLLATE NOCASE, 0), t.payee, t.memo"
    " FROM transactions t JOIN accounts a ON a.id = t.account_id"
    " LEFT JOIN categories c ON c.id = t.category_id"
    " WHERE a.currency = ?1 AND t.pending = 0 AND t.posted_on >= ?2 AND t.posted_on <= ?3"
    " ORDER BY t.posted_on, t.id";

/*
 * The year a tax payment's text names ("EST 2024 NACHZAHLUNG", "Q1 2026"): a
 * four-digit token from three years before the payment up to its year, else 0.
 */
static int
named_year(const char *text, gig_date on)
{
	int y, m, d;
	gig_date_to_ymd(on, &y, &m, &d);
	for (const char *s = text; s && *s; s++) {
		if (!g_ascii_isdigit(*s) || (s > text && g_ascii_isdigit(s[-1])))
			continue;
		if (!g_ascii_isdigit(s[1]) || !g_ascii_isdigit(s[2]) || !g_ascii_isdigit(s[3]) ||
		    g_ascii_isdigit(s[4]))
			continue;
		int v = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
		if (v >= y - 3 && v <= y)
			return v;
	}
	return 0;
}

static bool
each_row(gig_ledger *ledger, const char *currency, gig_date from, gig_date to, row_fn fn,
         void *data, GError **error)
{
	sqlite3 *db = gig__ledger_db(ledger);
	g_autoptr(sqlite3_stmt) st = NULL;
	if (!gig__db_prepare(db, sql_rows, &st, error))
		return false;
	sqlite3_bind_text(st, 1, currency, -1, SQLITE_STATIC);
	gig__bind_date(st, 2, from);
	gig__bind_date(st, 3, to);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		row r = {0};
		r.id = sqlite3_column_int64(st, 0);
		r.on = gig__column_date(st, 1);
		r.amount = sqlite3_column_int64(st, 2);
		bool reserve = sqlite3_column_int(st, 3) != 0;
		const char *kind = (const char *)sqlite3_column_text(st, 4);
		r.taxes = sqlite3_column_int(st, 6) != 0;
		r.payee = (const char *)sqlite3_column_text(st, 7);
		if (r.taxes) {
			r.named_year = named_year(r.payee, r.on);
			if (r.named_year == 0)
				r.named_year =
				    named_year((const char *)sqlite3_column_text(st, 8), r.on);
		}
		if (kind == NULL)
			r.income = r.amount > 0 && !reserve;
		else if (strcmp(kind, "income") == 0)
			r.income = true;
		else if (strcmp(kind, "expense") == 0 && !r.taxes)
			r.deductible = sqlite3_column_int(st, 5) != 0;
		r.to_reserve = reserve && r.amount > 0 && !r.income && !r.taxes;
		if (!fn(&r, data))
			break;
	}
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return gig__db_fail(db, rc, "reading the tax year", error);
	return true;
}

static const char *
resolve_currency(gig_ledger *ledger, const char *currency)
{
	return currency ? currency : gig_ledger_base_currency(ledger);
}

static gig_date
min_date(gig_date a, gig_date b)
{
	return a < b ? a : b;
}

/* the year a payment is for: the one its text names, else the profile's rule */
static int
payment_year(const gig_tax_profile *p, const row *r)
{
	return r->named_year ? r->named_year : gig_tax_payment_year(p, r->on);
}

typedef struct {
	const gig_tax_profile *p;
	gig_tax_year *y;
	gig_date period_end[4];
} year_acc;

static bool
year_row(const row *r, void *data)
{
	year_acc *a = data;
	gig_tax_year *y = a->y;
	if (r->taxes && payment_year(a->p, r) == y->year)
		y->paid_minor -= r->amount;
	if (r->on >= y->end)
		return true;
	int64_t d = r->income ? r->amount : r->deductible ? r->amount : 0;
	if (r->income)
		y->income_minor += r->amount;
	else if (r->deductible)
		y->deductible_minor -= r->amount;
	for (int k = 0; k < 4; k++)
		if (r->on <= a->period_end[k])
			y->cum_profit_minor[k] += d;
	return true;
}

static const char sql_reserve[] =
    "SELECT ifnull((SELECT sum(opening_minor) FROM accounts"
    "   WHERE kind = 'tax-reserve' AND currency = ?1), 0)"
    " + ifnull((SELECT sum(t.amount_minor) FROM transactions t"
    "   JOIN accounts a ON a.id = t.account_id"
    "   WHERE a.kind = 'tax-reserve' AND a.currency = ?1 AND t.pending = 0"
    "   AND t.posted_on <= ?2), 0)";

static bool
reserve_at(gig_ledger *ledger, const char *currency, gig_date as_of, int64_t *out, GError **error)
{
	sqlite3 *db = gig__ledger_db(ledger);
	g_autoptr(sqlite3_stmt) st = NULL;
	if (!gig__db_prepare(db, sql_reserve, &st, error))
		return false;
	sqlite3_bind_text(st, 1, currency, -1, SQLITE_STATIC);
	gig__bind_date(st, 2, as_of);
	int rc = sqlite3_step(st);
	if (rc != SQLITE_ROW)
		return gig__db_fail(db, rc, "reading the tax reserve", error);
	*out = sqlite3_column_int64(st, 0);
	return true;
}

bool
gig_tax_year_build(gig_ledger *ledger, const gig_tax_profile *p, const char *currency, int year,
                   gig_date as_of, gig_tax_year *out, GError **error)
{
	g_return_val_if_fail(ledger != NULL && p != NULL && out != NULL, false);
	if (year < 1900 || year > 9998 || as_of == GIG_DATE_NONE) {
		g_set_error(error, GIG_ERROR, GIG_ERROR_INVALID_INPUT,
		            "tax year %d is not between 1900 and 9998", year);
		return false;
	}
	const char *cur = resolve_currency(ledger, currency);
	gig_tax_year y;
	memset(&y, 0, sizeof y);
	y.year = year;
	y.start = gig_tax_year_start(p, year);
	y.end = gig_tax_year_start(p, year + 1);
	y.as_of = as_of;
	g_strlcpy(y.currency, cur, sizeof y.currency);
	year_acc a = {p, &y, {0}};
	static const int ends[4][2] = {{3, 31}, {5, 31}, {8, 31}, {12, 31}};
	for (int k = 0; k < 4; k++)
		gig_date_from_ymd(&a.period_end[k], year, ends[k][0], ends[k][1]);
	/* payments for the year fall up to three years after it (prior_until, a named year) */
	gig_date to = min_date(as_of, gig_date_add_months(y.end, 36) - 1);
	if (as_of >= y.start && !each_row(ledger, cur, y.start, to, year_row, &a, error))
		return false;
	if (!reserve_at(ledger, cur, as_of, &y.reserve_minor, error))
		return false;
	y.profit_minor = y.income_minor - y.deductible_minor;
	gig_tax_estimate_compute(p, y.profit_minor, &y.estimate);
	int64_t owed = y.estimate.total_minor - y.paid_minor - y.reserve_minor;
	y.owed_minor = owed > 0 ? owed : 0;
	*out = y;
	return true;
}

/* ---- receipts ----------------------------------------------------------------------- */

typedef struct {
	const gig_tax_profile *p;
	gig_date end;
	int year;
	int64_t profit;
	int64_t covered; /* transfers into the reserve + tax paid for the year */
	GArray *receipts;
} receipts_acc;

static bool
receipt_row(const row *r, void *data)
{
	receipts_acc *a = data;
	if (r->taxes && payment_year(a->p, r) == a->year)
		a->covered -= r->amount;
	if (r->on >= a->end)
		return true;
	if (r->to_reserve)
		a->covered += r->amount;
	if (r->deductible) {
		a->profit += r->amount;
		return true;
	}
	if (!r->income)
		return true;
	int64_t before = gig_tax_total(a->p, a->profit);
	gig_tax_estimate e;
	gig_tax_estimate_compute(a->p, a->profit, &e);
	a->profit += r->amount;
	if (a->receipts == NULL || r->amount <= 0)
		return true;
	gig_tax_receipt rc = {r->id,
	                      r->on,
	                      r->amount,
	                      gig_tax_total(a->p, a->profit) - before,
	                      e.marginal_ppm,
	                      0,
	                      g_strdup(r->payee ? r->payee : "")};
	g_array_append_val(a->receipts, rc);
	return true;
}

bool
gig_tax_receipts(gig_ledger *ledger, const gig_tax_profile *p, const char *currency, int year,
                 gig_date as_of, gig_tax_receipt **out, size_t *n, GError **error)
{
	g_return_val_if_fail(ledger && p && out && n, false);
	const char *cur = resolve_currency(ledger, currency);
	gig_date start = gig_tax_year_start(p, year), end = gig_tax_year_start(p, year + 1);
	receipts_acc a = {p, end, year, 0, 0, g_array_new(false, true, sizeof(gig_tax_receipt))};
	gig_date to = min_date(as_of, gig_date_add_months(end, 36) - 1);
	if (as_of >= start && !each_row(ledger, cur, start, to, receipt_row, &a, error)) {
		gig_tax_receipts_free((gig_tax_receipt *)(void *)a.receipts->data, a.receipts->len);
		g_array_free(a.receipts, false);
		return false;
	}
	/* the cover goes to the first receipts first */
	int64_t left = a.covered > 0 ? a.covered : 0;
	for (guint i = 0; i < a.receipts->len; i++) {
		gig_tax_receipt *rc = &g_array_index(a.receipts, gig_tax_receipt, i);
		int64_t need = rc->set_aside_minor > 0 ? rc->set_aside_minor : 0;
		int64_t use = left < need ? left : need;
		left -= use;
		rc->uncovered_minor = need - use;
	}
	*n = a.receipts->len;
	*out = (gig_tax_receipt *)(void *)g_array_free(a.receipts, false);
	return true;
}

void
gig_tax_receipts_free(gig_tax_receipt *r, size_t n)
{
	for (size_t i = 0; r && i < n; i++)
		g_free(r[i].payee);
	g_free(r);
}

static const char sql_txn[] = "SELECT t.posted_on, a.currency FROM transactions t"
                              " JOIN accounts a ON a.id = t.account_id WHERE t.id = ?1";

bool
gig_tax_set_aside_txn(gig_ledger *ledger, const gig_tax_profile *p, int64_t txn_id, int64_t *out,
                      int64_t *marginal_ppm, int *tax_year, bool *is_income, GError **error)
{
	g_return_val_if_fail(ledger && p && out, false);
	sqlite3 *db = gig__ledger_db(ledger);
	g_autoptr(sqlite3_stmt) st = NULL;
	if (!gig__db_prepare(db, sql_txn, &st, error))
		return false;
	sqlite3_bind_int64(st, 1, txn_id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_DONE) {
		g_set_error(error, GIG_ERROR, GIG_ERROR_NOT_FOUND,
		            "no transaction #%" G_GINT64_FORMAT, txn_id);
		return false;
	}
	if (rc != SQLITE_ROW)
		return gig__db_fail(db, rc, "reading a transaction", error);
	gig_date on = gig__column_date(st, 0);
	char cur[4];
	g_strlcpy(cur, (const char *)sqlite3_column_text(st, 1), sizeof cur);
	int year = gig_tax_year_of(p, on);
	gig_tax_receipt *r = NULL;
	size_t n = 0;
	if (!gig_tax_receipts(ledger, p, cur, year, on, &r, &n, error))
		return false;
	int64_t v = 0, m = 0;
	bool found = false;
	for (size_t i = 0; i < n; i++)
		if (r[i].txn_id == txn_id) {
			v = r[i].set_aside_minor;
			m = r[i].marginal_ppm;
			found = true;
		}
	gig_tax_receipts_free(r, n);
	*out = v;
	if (marginal_ppm)
		*marginal_ppm = m;
	if (tax_year)
		*tax_year = year;
	if (is_income)
		*is_income = found;
	return true;
}

bool
gig_tax_last_year(gig_ledger *ledger, const gig_tax_profile *p, const char *currency, int year,
                  const gig_tax_year *prev, int64_t *out, bool *has, GError **error)
{
	g_autofree char *v = NULL;
	g_autoptr(GError) local = NULL;
	*has = false;
	if (gig_ledger_setting_get(ledger, "tax.last_year_tax", &v, &local)) {
		int64_t x;
		int exp = gig_currency_exponent(gig_ledger_base_currency(ledger));
		if (!gig_money_parse(&x, g_strstrip(v), exp < 0 ? 2 : exp, error) || x < 0) {
			if (error && !*error)
				g_set_error(error, GIG_ERROR, GIG_ERROR_INVALID_INPUT, "below 0");
			g_prefix_error(error, "setting tax.last_year_tax '%s': ", v);
			return false;
		}
		*out = x;
		*has = true;
		return true;
	}
	if (!g_error_matches(local, GIG_ERROR, GIG_ERROR_NOT_FOUND)) {
		g_propagate_error(error, g_steal_pointer(&local));
		return false;
	}
	gig_tax_year y;
	if (prev != NULL)
		y = *prev;
	else if (!gig_tax_year_build(ledger, p, currency, year - 1, gig_tax_year_start(p, year) - 1,
	                             &y, error))
		return false;
	if (y.income_minor > 0) {
		*out = y.estimate.total_minor;
		*has = true;
	}
	return true;
}

static const char sql_batch[] =
    "SELECT t.id, t.posted_on, a.currency FROM transactions t JOIN accounts a"
    " ON a.id = t.account_id WHERE t.batch_id = ?1 AND t.pending = 0 AND t.amount_minor > 0";

bool
gig_tax_batch_set_aside(gig_ledger *ledger, const gig_tax_profile *p, int64_t batch_id,
                        int64_t *out_total, size_t *out_receipts, GError **error)
{
	g_return_val_if_fail(ledger && p && out_total && out_receipts, false);
	sqlite3 *db = gig__ledger_db(ledger);
	g_autoptr(sqlite3_stmt) st = NULL;
	if (!gig__db_prepare(db, sql_batch, &st, error))
		return false;
	sqlite3_bind_int64(st, 1, batch_id);
	/* the batch's inflows by (currency, tax year), each year read once */
	g_autoptr(GHashTable) ids = g_hash_table_new(g_int64_hash, g_int64_equal);
	g_autoptr(GArray) ids_mem = g_array_new(false, false, sizeof(int64_t));
	g_autoptr(GHashTable) years = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(st, 0);
		g_array_append_val(ids_mem, id);
		int y = gig_tax_year_of(p, gig__column_date(st, 1));
		g_hash_table_add(years, g_strdup_printf("%s %d", sqlite3_column_text(st, 2), y));
	}
	if (rc != SQLITE_DONE)
		return gig__db_fail(db, rc, "reading the batch", error);
	for (guint i = 0; i < ids_mem->len; i++)
		g_hash_table_add(ids, &g_array_index(ids_mem, int64_t, i));
	/* Only the batch's latest tax year asks for money to be set aside now: the
	 * years before it are over (an import of years of history would otherwise
	 * re-read and re-estimate every one of them, most of the import's time). */
	int latest = INT_MIN;
	GHashTableIter it;
	gpointer key;
	g_hash_table_iter_init(&it, years);
	while (g_hash_table_iter_next(&it, &key, NULL)) {
		char c[4] = {0};
		int y = 0;
		if (sscanf(key, "%3s %d", c, &y) == 2 && y > latest)
			latest = y;
	}
	int64_t total = 0;
	size_t count = 0;
	g_hash_table_iter_init(&it, years);
	while (g_hash_table_iter_next(&it, &key, NULL)) {
		char cur[4] = {0};
		int y = 0;
		if (sscanf(key, "%3s %d", cur, &y) != 2 || y != latest)
			continue;
		gig_tax_receipt *r = NULL;
		size_t n = 0;
		if (!gig_tax_receipts(ledger, p, cur, y, gig_tax_year_start(p, y + 1) - 1, &r, &n,
		                      error))
			return false;
		for (size_t i = 0; i < n; i++)
			if (g_hash_table_contains(ids, &r[i].txn_id)) {
				total += r[i].set_aside_minor;
				count++;
			}
		gig_tax_receipts_free(r, n);
	}
	*out_total = total;
	*out_receipts = count;
	return true;
}
