/*
 * report_data.c: the SQL side of the runway report.
 *
 * Everything here reads; nothing writes.  The monthly figures come from the
 * monthly_totals rollup joined with accounts and categories, so the cost grows with
 * months x categories, not with the number of transactions.  Only the transactions
 * posted after as_of inside as_of's own month are read one by one (to take them back
 * out of that month's rollup row), the payments linked to invoices (through the
 * transactions_gig index), and the single income payments for the windfall rule
 * (through the transactions_inflows partial index, which holds inflows only).
 */
#include <limits.h>
#include <string.h>

#include "db.h"
#include "internal.h"
#include "gigledger/rates.h"
#include "gigledger/forecast.h"
#include "report_internal.h"

/* Which bucket of a month a rollup row feeds. */
enum flow_kind {
	FLOW_TRANSFER,
	FLOW_INCOME,
	FLOW_EXPENSE,
	FLOW_UNCATEGORISED,
};

static enum flow_kind
flow_kind_of(const char *kind)
{
	if (kind == NULL)
		return FLOW_UNCATEGORISED;
	if (strcmp(kind, "income") == 0)
		return FLOW_INCOME;
	if (strcmp(kind, "expense") == 0)
		return FLOW_EXPENSE;
	return FLOW_TRANSFER;
}

static void
stream_add(GArray *streams, const char *name, int64_t minor)
{
	for (unsigned i = 0; i < streams->len; i++) {
		gig_report_item *it = &g_array_index(streams, gig_report_item, i);
		if (strcmp(it->name, name) == 0) {
			it->minor += minor;
			return;
		}
	}
	gig_report_item it = {g_strdup(name), minor};
	g_array_append_val(streams, it);
}

/*
 * Adds one rollup (or, with sign -1, one late transaction) to its month.
 * inflow >= 0, outflow <= 0.
 */
static void
month_add(gig__raw_month *m, bool cash, bool tax_reserve, const char *cat_kind, bool essential,
          const char *stream, const char *cat_name, int64_t inflow, int64_t outflow, int sign)
{
	int64_t net = inflow + outflow;
	if (!cash) {
		/* another currency's: its cash is converted as a whole (read_foreign) */
		if (!tax_reserve)
			m->foreign_liquid += sign * net;
	} else if (tax_reserve)
		m->reserve += sign * net;
	else
		m->liquid += sign * net;
	switch (flow_kind_of(cat_kind)) {
	case FLOW_TRANSFER:
		break;
	case FLOW_INCOME:
		m->income += sign * net;
		stream_add(m->streams, stream ? stream : cat_name, sign * net);
		break;
	case FLOW_EXPENSE:
		if (essential)
			m->essential -= sign * net;
		else
			m->other -= sign * net;
		if (cat_name && g_ascii_strcasecmp(cat_name, "Taxes") == 0)
			m->tax_paid -= sign * net;
		break;
	case FLOW_UNCATEGORISED:
		/* money in counts as income, money out as an essential expense */
		if (inflow != 0) {
			m->income += sign * inflow;
			stream_add(m->streams, "uncategorised", sign * inflow);
		}
		m->essential -= sign * outflow;
		break;
	}
}

static int
parse_month(const char *text)
{
	int y = 0, mo = 0;
	if (text == NULL || sscanf(text, "%4d-%2d", &y, &mo) != 2 || mo < 1 || mo > 12)
		return -1;
	return y * 12 + mo - 1;
}

static const char sql_currencies[] = "SELECT DISTINCT currency FROM accounts ORDER BY currency";

static bool
read_currencies(sqlite3 *db, gig__report_raw *raw, bool *known, GError **error)
{
	g_autoptr(sqlite3_stmt) st = NULL;
	if (!gig__db_prepare(db, sql_currencies, &st, error))
		return false;
	int rc;
	*known = false;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *c = (const char *)sqlite3_column_text(st, 0);
		if (strcmp(c, raw->currency) == 0) {
			*known = true;
			continue;
		}
		char code[4] = {0};
		g_strlcpy(code, c, sizeof code);
		g_array_append_val(raw->currencies, code);
	}
	if (rc != SQLITE_DONE)
		return gig__db_fail(db, rc, "listing currencies", error);
	return true;
}

static void
free_foreign(void *p)
{
	gig_report_foreign *f = p;
	g_free(f->rate);
	g_free(f->missing);
	g_free(f->history_missing);
}

static void
free_history(void *p)
{
	g_free(((gig__raw_history *)p)->missing);
}

/* The liquid cash of one currency's accounts as of ?2: openings plus posted rows. */
static const char sql_foreign_cash[] =
    "SELECT (SELECT ifnull(sum(opening_minor), 0) FROM accounts WHERE currency = ?1"
    "   AND kind <> 'tax-reserve' AND (opening_date IS NULL OR opening_date <= ?2)),"
    " (SELECT ifnull(sum(t.amount_minor), 0) FROM transactions t JOIN accounts a"
    "   ON a.id = t.account_id WHERE a.currency = ?1 AND a.kind <> 'tax-reserve'"
    "   AND t.pending = 0 AND t.posted_on <= ?2)";

/*
 * Each other currency's liquid cash, converted into the report currency at the
 * nearest rate on or before as_of (report.h, convention 4).  A missing rate is not an
 * error of the report: the currency is kept out of cash with its message.
 */
static bool
read_foreign(gig_ledger *ledger, gig__report_raw *raw, GError **error)
{
	sqlite3 *db = gig__ledger_db(ledger);
	for (unsigned i = 0; i < raw->currencies->len; i++) {
		const char *code = &g_array_index(raw->currencies, char, 4 * i);
		g_autoptr(sqlite3_stmt) st = NULL;
		if (!gig__db_prepare(db, sql_foreign_cash, &st, error))
			return false;
		gig__bind_text_copy(st, 1, code);
		gig__bind_date(st, 2, raw->as_of);
		int rc = sqlite3_step(st);
		if (rc != SQLITE_ROW)
			return gig__db_fail(db, rc, "reading other currencies' cash", error);
		gig_report_foreign f = {0};
		g_strlcpy(f.currency, code, sizeof f.currency);
		f.exponent = gig_currency_exponent(code);
		f.rate_on = GIG_DATE_NONE;
		if (!gig_money_add(&f.cash_minor, sqlite3_column_int64(st, 0),
		                   sqlite3_column_int64(st, 1)) ||
		    !gig_amount_ok(f.cash_minor)) {
			g_set_error(error, GIG_ERROR, GIG_ERROR_OVERFLOW,
			            "the %s cash is out of range", code);
			return false;
		}
		if (i < raw->histories->len) { /* read_months, same order */
			const gig__raw_history *h =
			    &g_array_index(raw->histories, gig__raw_history, i);
			f.history = h->months;
			f.history_converted = h->months && h->missing == NULL;
			f.history_rate_on = h->rate_on;
			f.history_missing = g_strdup(h->missing);
		}
		gig_conversion c;
		g_autoptr(GError) why = NULL;
		if (f.cash_minor == 0) {
			f.converted = true; /* nothing to convert, no rate needed */
		} else if (gig_convert(ledger, f.cash_minor, code, raw->currency, raw->as_of, &c,
		                       &why)) {
			f.converted = true;
			f.converted_minor = c.minor;
			f.rate_on = c.rate_on;
			f.rate = gig_conversion_describe(&c);
		} else if (why->domain == GIG_ERROR && why->code == GIG_ERROR_NOT_FOUND) {
			f.missing = g_strdup(why->message);
		} else {
			g_propagate_error(error, g_steal_pointer(&why));
			return false;
		}
		g_array_append_val(raw->foreign, f);
	}
	return true;
}

static const char sql_opening[] =
    "SELECT kind = 'tax-reserve', ifnull(sum(opening_minor), 0) FROM accounts"
    " WHERE currency = ?1 AND (opening_date IS NULL OR opening_date <= ?2) GROUP BY 1";

static bool
read_opening(sqlite3 *db, gig__report_raw *raw, GError **error)
{
	g_autoptr(sqlite3_stmt) st = NULL;
	if (!gig__db_prepare(db, sql_opening, &st, error))
		return false;
	sqlite3_bind_text(st, 1, raw->currency, -1, SQLITE_STATIC);
	gig__bind_date(st, 2, raw->as_of);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (sqlite3_column_int(st, 0))
			raw->reserve_opening = sqlite3_column_int64(st, 1);
		else
			raw->liquid_opening = sqlite3_column_int64(st, 1);
	}
	if (rc != SQLITE_DONE)
		return gig__db_fail(db, rc, "reading opening balances", error);
	return true;
}

/* The rollup, one row per (month, account class, category). */
static const char sql_rollup[] =
    "SELECT m.month, a.kind = 'tax-reserve', c.kind, ifnull(c.essential, 1), c.stream,"
    " c.name, sum(m.inflow_minor), sum(m.outflow_minor)"
    " FROM monthly_totals m JOIN accounts a ON a.id = m.account_id"
    " LEFT JOIN categories c ON c.id = m.category_id"
    " WHERE m.pending = 0 AND a.currency = ?1 AND m.month <= ?2"
    " GROUP BY m.month, 2, m.category_id ORDER BY m.month";

/*
 * Transactions of as_of's month posted after as_of are taken back out of the rollup.
 * Imported rows (with a fingerprint) are found through the transactions_identity index;
 * rows entered by hand have no index on their date, so they are looked for only when
 * the rollup counts more rows in the month than the index finds (one cheap count).
 */
#define LATE_COLUMNS                                                                               \
	"SELECT a.kind = 'tax-reserve', c.kind, ifnull(c.essential, 1), c.stream, c.name,"         \
	" max(t.amount_minor, 0), min(t.amount_minor, 0)"                                          \
	" FROM accounts a CROSS JOIN transactions t ON t.account_id = a.id"                        \
	" LEFT JOIN categories c ON c.id = t.category_id"                                          \
	" WHERE a.currency = ?1 AND t.pending = 0 AND t.posted_on > ?2 AND t.posted_on < ?3"
static const char sql_late_imported[] = LATE_COLUMNS " AND t.fingerprint IS NOT NULL";
static const char sql_late_by_hand[] = LATE_COLUMNS " AND t.fingerprint IS NULL";
static const char sql_by_hand_count[] =
    "SELECT (SELECT ifnull(sum(m.n), 0) FROM accounts a CROSS JOIN monthly_totals m"
    "   ON m.account_id = a.id WHERE a.currency = ?1 AND m.month = ?4)"
    " - (SELECT count(*) FROM accounts a CROSS JOIN transactions t ON t.account_id = a.id"
    "   WHERE a.currency = ?1 AND t.fingerprint IS NOT NULL AND t.posted_on >= ?5"
    "   AND t.posted_on < ?3)";

static void
bind_month(sqlite3_stmt *st, int idx, int month)
{
	char buf[GIG_DATE_BUFSZ];
	gig__bind_text_copy(st, idx, gig_date_format_month(buf, month));
}

/* One rollup row (or, sign -1, a row of as_of's month posted after as_of, taken back
 * out), kept until every currency's rows are read. */
struct flow {
	int month;
	bool reserve;
	char *kind, *stream, *name;
	bool essential;
	int64_t in, out;
	int sign;
	bool cash; /* the report currency's own: counts in the liquid and reserve changes */
};

static void
flow_clear(void *p)
{
	struct flow *f = p;
	g_free(f->kind);
	g_free(f->stream);
	g_free(f->name);
}

static void
flow_push(GArray *rows, sqlite3_stmt *st, int c0, int month, int sign)
{
	struct flow f = {.month = month,
	                 .reserve = sqlite3_column_int(st, c0) != 0,
	                 .kind = g_strdup((const char *)sqlite3_column_text(st, c0 + 1)),
	                 .essential = sqlite3_column_int(st, c0 + 2) != 0,
	                 .stream = g_strdup((const char *)sqlite3_column_text(st, c0 + 3)),
	                 .name = g_strdup((const char *)sqlite3_column_text(st, c0 + 4)),
	                 .in = sqlite3_column_int64(st, c0 + 5),
	                 .out = sqlite3_column_int64(st, c0 + 6),
	                 .sign = sign,
	                 .cash = true};
	g_array_append_val(rows, f);
}

/* The monthly flows of the accounts in `code` up to as_of, appended to `rows`. */
static bool
read_flows(sqlite3 *db, const gig__report_raw *raw, const char *code, GArray *rows, GError **error)
{
	g_autoptr(sqlite3_stmt) st = NULL;
	if (!gig__db_prepare(db, sql_rollup, &st, error))
		return false;
	gig__bind_text_copy(st, 1, code);
	bind_month(st, 2, raw->as_of_month);
	int rc;
	bool any = false;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int month = parse_month((const char *)sqlite3_column_text(st, 0));
		if (month < 0)
			continue;
		any = true;
		flow_push(rows, st, 1, month, 1);
	}
	if (rc != SQLITE_DONE)
		return gig__db_fail(db, rc, "reading monthly totals", error);
	if (!any)
		return true;

	/* as_of's month holds the whole month; take out what was posted after as_of */
	gig_date next_month = gig_date_month_start(raw->as_of_month + 1);
	g_autoptr(sqlite3_stmt) count = NULL;
	if (!gig__db_prepare(db, sql_by_hand_count, &count, error))
		return false;
	gig__bind_text_copy(count, 1, code);
	gig__bind_date(count, 3, next_month);
	bind_month(count, 4, raw->as_of_month);
	gig__bind_date(count, 5, gig_date_month_start(raw->as_of_month));
	rc = sqlite3_step(count);
	if (rc != SQLITE_ROW)
		return gig__db_fail(db, rc, "counting this month's transactions", error);
	bool by_hand = sqlite3_column_int64(count, 0) > 0;
	for (int pass = 0; pass < (by_hand ? 2 : 1); pass++) {
		g_autoptr(sqlite3_stmt) late = NULL;
		if (!gig__db_prepare(db, pass == 0 ? sql_late_imported : sql_late_by_hand, &late,
		                     error))
			return false;
		gig__bind_text_copy(late, 1, code);
		gig__bind_date(late, 2, raw->as_of);
		gig__bind_date(late, 3, next_month);
		while ((rc = sqlite3_step(late)) == SQLITE_ROW)
			flow_push(rows, late, 0, raw->as_of_month, -1);
		if (rc != SQLITE_DONE)
			return gig__db_fail(db, rc, "reading transactions after the report date",
			                    error);
	}
	return true;
}

/*
 * Another currency's flows in the report currency: each month's at the rate on or
 * before the month's last day (as_of for as_of's month), each row's inflow and
 * outflow rounded once (rates.h).  They count as income and expenses, never as
 * changes of the report currency's cash (other currencies' cash is converted as a
 * whole at as_of: read_foreign).  Without a rate for one of the months the
 * currency's history is left out, and *out_missing says why.
 */
static bool
convert_flows(gig_ledger *ledger, const gig__report_raw *raw, const char *code, GArray *rows,
              char **out_missing, gig_date *out_rate_on, GError **error)
{
	int month = INT_MIN;
	gig_rate_leg legs[2];
	int n_legs = 0;
	*out_missing = NULL;
	*out_rate_on = GIG_DATE_NONE;
	int from_exp = gig_currency_exponent(code);
	for (unsigned i = 0; i < rows->len; i++) {
		struct flow *f = &g_array_index(rows, struct flow, i);
		f->cash = false;
		if (f->month != month) {
			month = f->month;
			gig_date on = gig_date_month_start(month + 1) - 1;
			if (on > raw->as_of)
				on = raw->as_of;
			gig_conversion c;
			g_autoptr(GError) local = NULL;
			if (!gig_convert(ledger, 0, code, raw->currency, on, &c, &local)) {
				if (!g_error_matches(local, GIG_ERROR, GIG_ERROR_NOT_FOUND)) {
					g_propagate_error(error, g_steal_pointer(&local));
					return false;
				}
				*out_missing = g_strdup(local->message);
				return true;
			}
			n_legs = c.n_legs;
			for (int k = 0; k < n_legs; k++) {
				legs[k].invert = c.inverted[k];
				if (!gig_rate_parse(&legs[k].num, &legs[k].scale, NULL,
				                    c.legs[k].rate, error))
					return false;
			}
			if (*out_rate_on == GIG_DATE_NONE || c.rate_on < *out_rate_on)
				*out_rate_on = c.rate_on;
		}
		if (!gig_rate_apply(&f->in, f->in, from_exp, raw->exponent, legs, n_legs, error) ||
		    !gig_rate_apply(&f->out, f->out, from_exp, raw->exponent, legs, n_legs, error))
			return false;
	}
	return true;
}

static bool
read_months(gig_ledger *ledger, sqlite3 *db, gig__report_raw *raw, GError **error)
{
	g_autoptr(GArray) rows = g_array_new(false, false, sizeof(struct flow));
	g_array_set_clear_func(rows, flow_clear);
	if (!read_flows(db, raw, raw->currency, rows, error))
		return false;
	/* the other currencies' accounts, converted month by month */
	for (unsigned i = 0; i < raw->currencies->len; i++) {
		const char *code = &g_array_index(raw->currencies, char, 4 * i);
		g_autoptr(GArray) more = g_array_new(false, false, sizeof(struct flow));
		g_array_set_clear_func(more, flow_clear);
		gig__raw_history h = {.rate_on = GIG_DATE_NONE};
		memcpy(h.currency, code, 4);
		if (!read_flows(db, raw, code, more, error) ||
		    !convert_flows(ledger, raw, code, more, &h.missing, &h.rate_on, error))
			return false;
		h.months = more->len > 0;
		if (h.missing == NULL) {
			for (unsigned k = 0; k < more->len; k++) {
				g_array_append_val(rows, g_array_index(more, struct flow, k));
				struct flow *f = &g_array_index(more, struct flow, k);
				f->kind = f->stream = f->name = NULL; /* moved */
			}
		}
		g_array_append_val(raw->histories, h);
	}
	int first = INT_MAX;
	for (unsigned i = 0; i < rows->len; i++)
		first = MIN(first, g_array_index(rows, struct flow, i).month);
	if (rows->len == 0 || first > raw->as_of_month)
		return true;
	raw->first_month = first;
	raw->n = (size_t)(raw->as_of_month - first + 1);
	raw->months = g_new0(gig__raw_month, raw->n);
	for (size_t i = 0; i < raw->n; i++)
		raw->months[i].streams = g_array_new(false, false, sizeof(gig_report_item));
	for (unsigned i = 0; i < rows->len; i++) {
		const struct flow *f = &g_array_index(rows, struct flow, i);
		gig__raw_month *m = &raw->months[f->month - first];
		month_add(m, f->cash, f->reserve, f->kind, f->essential, f->stream, f->name, f->in,
		          f->out, f->sign);
	}
	return true;
}

/*
 * Every posted inflow that counts as income (an income category, or none at all) from
 * the first month up to as_of.  The month index is worked out by SQLite so that C only
 * receives two integers per row.  The WHERE clause repeats the partial index's own
 * condition word for word, which is what lets SQLite choose transactions_inflows and
 * answer from the index alone.
 */
static const char sql_payments[] =
    "SELECT substr(t.posted_on, 1, 4) * 12 + substr(t.posted_on, 6, 2) - 1, t.amount_minor"
    " FROM transactions t"
    " WHERE t.amount_minor > 0 AND t.pending = 0 AND t.posted_on >= ?2 AND t.posted_on <= ?3"
    " AND t.account_id IN (SELECT id FROM accounts WHERE currency = ?1)"
    " AND (t.category_id IS NULL"
    "  OR t.category_id IN (SELECT id FROM categories WHERE kind = 'income'))"
    " AND t.id NOT IN (SELECT txn_id FROM royalty_payouts)";

/*
 * The royalty payouts (deposits linked to a payer, royalty.h) counted as income, per
 * month: the income method is fitted to the rest of the income, since what payers
 * owe is projected on their own calendars (gig__royalty_expected).
 */
static const char sql_royalty_months[] =
    "SELECT substr(t.posted_on, 1, 4) * 12 + substr(t.posted_on, 6, 2) - 1, sum(t.amount_minor)"
    " FROM royalty_payouts p JOIN transactions t ON t.id = p.txn_id"
    " WHERE t.amount_minor > 0 AND t.pending = 0 AND t.posted_on >= ?2 AND t.posted_on <= ?3"
    " AND t.account_id IN (SELECT id FROM accounts WHERE currency = ?1)"
    " AND (t.category_id IS NULL"
    "  OR t.category_id IN (SELECT id FROM categories WHERE kind = 'income'))"
    " GROUP BY 1";

static bool
read_royalties(gig_ledger *ledger, const gig_report_options *opt, gig__report_raw *raw,
               GError **error)
{
	sqlite3 *db = gig__ledger_db(ledger);
	/* the report currency's payouts, then those of each other currency whose
	 * history is in the income (read_months), each month at the rate it used */
	for (int i = -1; raw->first_month >= 0 && i < (int)raw->currencies->len; i++) {
		const char *code = raw->currency;
		if (i >= 0) {
			if ((guint)i >= raw->histories->len)
				continue;
			const gig__raw_history *h =
			    &g_array_index(raw->histories, gig__raw_history, i);
			if (!h->months || h->missing)
				continue;
			code = &g_array_index(raw->currencies, char, 4 * i);
		}
		g_autoptr(sqlite3_stmt) st = NULL;
		if (!gig__db_prepare(db, sql_royalty_months, &st, error))
			return false;
		gig__bind_text_copy(st, 1, code);
		gig__bind_date(st, 2, gig_date_month_start(raw->first_month));
		gig__bind_date(st, 3, raw->as_of);
		int rc;
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			int month = sqlite3_column_int(st, 0), m = month - raw->first_month;
			int64_t v = sqlite3_column_int64(st, 1);
			if (m < 0 || (size_t)m >= raw->n)
				continue;
			if (i >= 0) {
				gig_date on = gig_date_month_start(month + 1) - 1;
				if (on > raw->as_of)
					on = raw->as_of;
				gig_conversion c;
				if (!gig_convert(ledger, v, code, raw->currency, on, &c, error))
					return false;
				v = c.minor;
			}
			raw->months[m].royalty += v;
		}
		if (rc != SQLITE_DONE)
			return gig__db_fail(db, rc, "reading royalty payouts", error);
	}
	int horizon = opt->ahead > GIG_FORECAST_HORIZON ? opt->ahead : GIG_FORECAST_HORIZON;
	gig_date until = gig_date_month_start(raw->as_of_month + 1 + horizon) - 1;
	return gig__royalty_expected(ledger, opt->payers, raw->currency, raw->as_of + 1, until,
	                             raw->as_of, raw->royalties, raw->advances, raw->left_out,
	                             error);
}

/*
 * The payments that settle logged gigs: what a typical fee looks like, undiluted by
 * royalty trickles and interest.  Few rows, reached through the partial index on
 * gig_id.
 */
static const char sql_invoice_payments[] =
    "SELECT substr(t.posted_on, 1, 4) * 12 + substr(t.posted_on, 6, 2) - 1, t.amount_minor"
    " FROM transactions t INDEXED BY transactions_gig"
    " WHERE t.gig_id IS NOT NULL AND t.amount_minor > 0 AND t.pending = 0"
    " AND t.posted_on >= ?2 AND t.posted_on <= ?3"
    " AND t.account_id IN (SELECT id FROM accounts WHERE currency = ?1)"
    /* an exchange gain split off a receipt (sql/0021) is no fee of its own */
    " AND t.id NOT IN (SELECT fx_txn_id FROM gig_fx_payments WHERE fx_txn_id IS NOT NULL)";

/* A month's conversion of one currency into the report's (as convert_flows). */
struct month_rate {
	gig_rate_leg legs[2];
	int n;
};

static bool
month_rate_of(gig_ledger *ledger, const gig__report_raw *raw, const char *code, int month,
              GHashTable *cache, const struct month_rate **out, GError **error)
{
	struct month_rate *m = g_hash_table_lookup(cache, GINT_TO_POINTER(month));
	if (m == NULL) {
		gig_date on = gig_date_month_start(month + 1) - 1;
		if (on > raw->as_of)
			on = raw->as_of;
		gig_conversion c;
		if (!gig_convert(ledger, 0, code, raw->currency, on, &c, error))
			return false;
		m = g_new0(struct month_rate, 1);
		m->n = c.n_legs;
		for (int k = 0; k < m->n; k++) {
			m->legs[k].invert = c.inverted[k];
			if (!gig_rate_parse(&m->legs[k].num, &m->legs[k].scale, NULL,
			                    c.legs[k].rate, error)) {
				g_free(m);
				return false;
			}
		}
		g_hash_table_insert(cache, GINT_TO_POINTER(month), m);
	}
	*out = m;
	return true;
}

/* The payments of `code`'s accounts; another currency's converted at its month's rate
 * (only for a currency whose history was converted, so every month has a rate). */
static bool
read_payment_list(gig_ledger *ledger, sqlite3 *db, gig__report_raw *raw, const char *sql,
                  const char *code, GArray *into, GError **error)
{
	g_autoptr(sqlite3_stmt) st = NULL;
	if (!gig__db_prepare(db, sql, &st, error))
		return false;
	gig__bind_text_copy(st, 1, code);
	gig__bind_date(st, 2, gig_date_month_start(raw->first_month));
	gig__bind_date(st, 3, raw->as_of);
	bool foreign = strcmp(code, raw->currency) != 0;
	int from_exp = gig_currency_exponent(code);
	g_autoptr(GHashTable) cache = g_hash_table_new_full(NULL, NULL, NULL, g_free);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		gig__raw_payment p = {sqlite3_column_int(st, 0), sqlite3_column_int64(st, 1)};
		const struct month_rate *m = NULL;
		if (foreign && (!month_rate_of(ledger, raw, code, p.month, cache, &m, error) ||
		                !gig_rate_apply(&p.amount, p.amount, from_exp, raw->exponent,
		                                m->legs, m->n, error)))
			return false;
		g_array_append_val(into, p);
	}
	if (rc != SQLITE_DONE)
		return gig__db_fail(db, rc, "reading income payments", error);
	return true;
}

static bool
read_payments(gig_ledger *ledger, sqlite3 *db, gig__report_raw *raw, GError **error)
{
	if (raw->first_month < 0)
		return true;
	if (!read_payment_list(ledger, db, raw, sql_payments, raw->currency, raw->payments,
	                       error) ||
	    !read_payment_list(ledger, db, raw, sql_invoice_payments, raw->currency,
	                       raw->invoice_payments, error))
		return false;
	/* other currencies whose months are in the history: their payments too, so that
	 * the windfall rule and the typical fee see the same income as the series */
	for (unsigned i = 0; i < raw->histories->len; i++) {
		const gig__raw_history *h = &g_array_index(raw->histories, gig__raw_history, i);
		if (!h->months || h->missing != NULL)
			continue;
		if (!read_payment_list(ledger, db, raw, sql_payments, h->currency, raw->payments,
		                       error) ||
		    !read_payment_list(ledger, db, raw, sql_invoice_payments, h->currency,
		                       raw->invoice_payments, error))
			return false;
	}
	return true;
}

/*
 * Mean lateness per client: days from due_on to the last payment, over the invoices
 * fully paid by as_of.  Keyed by client id.
 */
static const char sql_lateness[] =
    "SELECT g.client_id, avg(julianday(p.last) - julianday(g.due_on))"
    " FROM gigs g JOIN (SELECT gig_id, max(posted_on) AS last"
    "   FROM transactions WHERE gig_id IS NOT NULL AND pending = 0 AND posted_on <= ?1"
    "   GROUP BY gig_id) p ON p.gig_id = g.id"
    " WHERE g.due_on IS NOT NULL AND g.status <> 'cancelled'"
    " AND " GIG__SQL_PAID("g", " AND gp_t.posted_on <= ?1") " >= g.amount_minor"
                                                            " GROUP BY g.client_id";

static const char sql_open_gigs[] =
    "SELECT g.id, g.client_id, c.name, g.description, g.amount_minor, g.invoiced_on,"
    " g.currency, g.due_on,"
    " " GIG__SQL_PAID(
        "g",
        " AND gp_t.posted_on <= ?2") "," /* in the gig's currency */
                                     " (SELECT 10000 - coalesce(sum(CASE WHEN sh.is_self THEN "
                                     "sh.share_bp END), 0)"
                                     "   FROM splits sp JOIN split_shares sh ON sh.split_id = "
                                     "sp.id WHERE sp.gig_id = g.id"
                                     "   GROUP BY sp.id)"
                                     " FROM gigs g JOIN clients c ON c.id = g.client_id"
                                     " WHERE g.status <> 'cancelled' AND g.invoiced_on IS NOT NULL"
                                     " AND g.invoiced_on <= ?2 ORDER BY g.due_on, g.id";

/*
 * `own` in `code` at as_of's rate (convention 4): *out in the report currency.
 * Without a rate *converted is false and a sentence naming the item goes to
 * raw->left_out (it is never added unconverted).
 */
static bool
convert_as_of(gig_ledger *ledger, gig__report_raw *raw, int64_t own, const char *code, int64_t *out,
              gig_date *rate_on, bool *converted, const char *what, int64_t id, const char *name,
              GError **error)
{
	*converted = true;
	if (strcmp(code, raw->currency) == 0) {
		*out = own;
		return true;
	}
	gig_conversion c;
	g_autoptr(GError) local = NULL;
	if (gig_convert(ledger, own, code, raw->currency, raw->as_of, &c, &local)) {
		*out = c.minor;
		*rate_on = c.rate_on;
		return true;
	}
	if (!g_error_matches(local, GIG_ERROR, GIG_ERROR_NOT_FOUND)) {
		g_propagate_error(error, g_steal_pointer(&local));
		return false;
	}
	*converted = false;
	char m[GIG_MONEY_BUFSZ];
	gig_money_format(m, own, gig_currency_exponent(code), true);
	/* the name is outside text: only its visible form, for a terminal or a page */
	g_autofree char *vis = gig_text_visible(name ? name : "");
	char *text = id ? g_strdup_printf("%s #%" G_GINT64_FORMAT " (%s) %s %s: %s", what, id, vis,
	                                  m, code, local->message)
	                : g_strdup_printf("%s %s %s %s: %s", what, vis, m, code, local->message);
	g_ptr_array_add(raw->left_out, text);
	return true;
}

static bool
read_receivables(gig_ledger *ledger, sqlite3 *db, gig__report_raw *raw, GError **error)
{
	g_autoptr(GHashTable) late =
	    g_hash_table_new_full(g_int64_hash, g_int64_equal, g_free, g_free);
	g_autoptr(sqlite3_stmt) st = NULL;
	if (!gig__db_prepare(db, sql_lateness, &st, error))
		return false;
	gig__bind_date(st, 1, raw->as_of);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t *key = g_new(int64_t, 1);
		double *days = g_new(double, 1);
		*key = sqlite3_column_int64(st, 0);
		*days = sqlite3_column_double(st, 1);
		g_hash_table_insert(late, key, days);
	}
	if (rc != SQLITE_DONE)
		return gig__db_fail(db, rc, "reading client lateness", error);

	g_autoptr(sqlite3_stmt) q = NULL;
	if (!gig__db_prepare(db, sql_open_gigs, &q, error))
		return false;
	gig__bind_date(q, 2, raw->as_of);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		int64_t amount = sqlite3_column_int64(q, 4);
		int64_t paid = sqlite3_column_int64(q, 8);
		if (paid >= amount)
			continue;
		gig_report_receivable r = {0};
		g_strlcpy(r.currency, (const char *)sqlite3_column_text(q, 6), sizeof r.currency);
		r.own_open_minor = amount - paid;
		r.rate_on = GIG_DATE_NONE;
		bool in_rate = true;
		if (!convert_as_of(ledger, raw, r.own_open_minor, r.currency, &r.open_minor,
		                   &r.rate_on, &in_rate, "invoice", sqlite3_column_int64(q, 0),
		                   (const char *)sqlite3_column_text(q, 2), error))
			return false;
		if (!in_rate)
			continue;
		r.gig_id = sqlite3_column_int64(q, 0);
		int64_t client = sqlite3_column_int64(q, 1);
		r.client = g_strdup((const char *)sqlite3_column_text(q, 2));
		r.description = g_strdup((const char *)sqlite3_column_text(q, 3));
		r.invoiced_on = gig__column_date(q, 5);
		r.due_on = gig__column_date(q, 7);
		r.days_outstanding =
		    r.invoiced_on == GIG_DATE_NONE ? 0 : raw->as_of - r.invoiced_on;
		const double *days = g_hash_table_lookup(late, &client);
		r.has_lateness = days != NULL;
		r.client_lateness_days = days ? *days : 0.0;
		gig_date due = r.due_on != GIG_DATE_NONE ? r.due_on : r.invoiced_on;
		r.overdue = r.due_on != GIG_DATE_NONE && r.due_on < raw->as_of;
		r.days_overdue = r.overdue ? raw->as_of - r.due_on : 0;
		/* whole days; a client who pays 2.5 days late on average is expected 3 late */
		double shift = r.has_lateness ? r.client_lateness_days : 0.0;
		r.expected_on = due + (gig_date)(shift >= 0 ? shift + 0.5 : shift - 0.5);
		/* long past even the client's usual lateness: not counted on any more */
		r.days_past_expected = r.expected_on < raw->as_of ? raw->as_of - r.expected_on : 0;
		r.doubtful = r.days_past_expected > GIG_REPORT_DOUBTFUL_DAYS;
		/* the collaborators' shares of the open amount (a split of the gig), rounded
		 * half away from zero: owed out when the fee arrives */
		int64_t bp = sqlite3_column_int64(q, 9);
		if (bp > 0) {
			int64_t part = r.open_minor / 10000 * bp, rest = r.open_minor % 10000 * bp;
			r.payable_minor = part + rest / 10000 + (rest % 10000 * 2 >= 10000 ? 1 : 0);
		}
		g_array_append_val(raw->receivables, r);
	}
	if (rc != SQLITE_DONE)
		return gig__db_fail(db, rc, "reading open invoices", error);
	return true;
}

static const char sql_recurring[] =
    "SELECT r.name, r.amount_minor, r.cadence, r.next_on, r.until_on, a.currency"
    " FROM recurring r JOIN accounts a ON a.id = r.account_id"
    " ORDER BY r.next_on, r.id";

/* The k-th occurrence of a recurring entry from its next_on. */
static gig_date
occurrence(gig_date start, const char *cadence, int k)
{
	if (strcmp(cadence, "weekly") == 0)
		return start + 7 * k;
	int step = strcmp(cadence, "monthly") == 0 ? 1 : strcmp(cadence, "quarterly") == 0 ? 3 : 12;
	return gig_date_add_months(start, step * k);
}

static bool
read_bills(gig_ledger *ledger, sqlite3 *db, gig__report_raw *raw, int ahead, GError **error)
{
	g_autoptr(sqlite3_stmt) st = NULL;
	if (!gig__db_prepare(db, sql_recurring, &st, error))
		return false;
	/* the forecast window ends with month as_of + max(ahead, 12) */
	int horizon = ahead > GIG_FORECAST_HORIZON ? ahead : GIG_FORECAST_HORIZON;
	gig_date end = gig_date_month_start(raw->as_of_month + horizon + 1);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *cadence = (const char *)sqlite3_column_text(st, 2);
		gig_date start = gig__column_date(st, 3);
		gig_date until = gig__column_date(st, 4);
		if (start == GIG_DATE_NONE)
			continue;
		/* an entry of another currency's account: at as_of's rate, or left out */
		char code[4];
		g_strlcpy(code, (const char *)sqlite3_column_text(st, 5), sizeof code);
		int64_t own = sqlite3_column_int64(st, 1), amount = own;
		gig_date rate_on = GIG_DATE_NONE;
		bool in_rate = true;
		if (!convert_as_of(ledger, raw, own, code, &amount, &rate_on, &in_rate,
		                   own < 0 ? "recurring bill" : "recurring income", 0,
		                   (const char *)sqlite3_column_text(st, 0), error))
			return false;
		if (!in_rate)
			continue;
		for (int k = 0; k < 2000; k++) {
			gig_date on = occurrence(start, cadence, k);
			if (on >= end || (until != GIG_DATE_NONE && on > until))
				break;
			/* a stale next_on: those were due before the report; one due on the
			 * report's day is still to pay, before any income that comes later */
			if (on < raw->as_of)
				continue;
			gig_report_bill b = {.name =
			                         g_strdup((const char *)sqlite3_column_text(st, 0)),
			                     .on = on,
			                     .amount_minor = amount,
			                     .own_amount_minor = own};
			memcpy(b.currency, code, 4);
			g_array_append_val(raw->bills, b);
		}
	}
	if (rc != SQLITE_DONE)
		return gig__db_fail(db, rc, "reading recurring bills", error);
	return true;
}

static void
add_tax_bill(gig__report_raw *raw, int year, const gig_tax_payment *pay, int64_t amount,
             gig_date end)
{
	if (pay->due <= raw->as_of || pay->due >= end || amount <= 0)
		return;
	gig_report_bill b = {.name = g_strdup_printf("tax %d: %s", year, pay->what),
	                     .on = pay->due,
	                     .amount_minor = -amount,
	                     .own_amount_minor = -amount};
	memcpy(b.currency, raw->currency, 4);
	g_array_append_val(raw->bills, b);
}

/*
 * The tax payments due after as_of inside the forecast window, as bills: what is still
 * due of last year's plan and this year's (tax.h gig_tax_year_plan), and next year's
 * prepayments on a year like this one.  UK: a plan's last payment is the next year's
 * first payment on account, so last year's is not counted twice and next year's plan
 * is not needed.
 */
static bool
read_tax_bills(gig_ledger *ledger, const gig_report_options *opt, gig__report_raw *raw,
               GError **error)
{
	const gig_tax_profile *p = &raw->tax_profile;
	if (p->pay_rule == GIG_TAX_PAY_NONE)
		return true;
	int horizon = opt->ahead > GIG_FORECAST_HORIZON ? opt->ahead : GIG_FORECAST_HORIZON;
	gig_date end = gig_date_month_start(raw->as_of_month + horizon + 1);
	int year = raw->tax.year;
	bool uk = p->pay_rule == GIG_TAX_PAY_UK;
	int64_t last = 0;
	bool has_last = false;
	gig_tax_year prev;
	/* one read of last year serves its plan and, without the setting, last year's tax;
	 * its own plan goes without the year before (the payments on account and the
	 * balancing payment then add up to the same, only split differently) */
	if (!gig_tax_year_build(ledger, p, raw->currency, year - 1, raw->as_of, &prev, error) ||
	    !gig_tax_last_year(ledger, p, raw->currency, year,
	                       raw->as_of >= prev.end - 1 ? &prev : NULL, &last, &has_last, error))
		return false;
	gig_tax_plan plan;
	gig_tax_year_plan(p, &prev, false, 0, INT64_MAX, &plan);
	for (size_t i = 0; i < plan.n; i++)
		if (!(uk && i + 1 == plan.n))
			add_tax_bill(raw, year - 1, &plan.payments[i], plan.still_due_minor[i],
			             end);
	gig_tax_year_plan(p, &raw->tax, has_last, last, INT64_MAX, &plan);
	for (size_t i = 0; i < plan.n; i++)
		add_tax_bill(raw, year, &plan.payments[i], plan.still_due_minor[i], end);
	if (!uk) {
		gig_tax_payment next[GIG_TAX_MAX_DUE + 1];
		size_t n = gig_tax_payments_for_year(p, year + 1, plan.projected_tax_minor, true,
		                                     plan.projected_tax_minor,
		                                     plan.cum_profit_minor, next);
		for (size_t i = 0; i < n; i++)
			add_tax_bill(raw, year + 1, &next[i], next[i].amount_minor, end);
	}
	return true;
}

/* The tax year holding as_of under the options' profile (or the settings' flat one). */
static bool
read_tax(gig_ledger *ledger, const gig_report_options *opt, gig__report_raw *raw, GError **error)
{
	if (opt->tax_profile != NULL)
		raw->tax_profile = *opt->tax_profile;
	else if (!gig_tax_profile_from_settings(&raw->tax_profile, ledger, NULL, error))
		return false;
	const gig_tax_profile *p = &raw->tax_profile;
	if (!gig_tax_year_build(ledger, p, raw->currency, gig_tax_year_of(p, raw->as_of),
	                        raw->as_of, &raw->tax, error))
		return false;
	raw->tax_rate_bp = p->schedule == GIG_TAX_SCHEDULE_FLAT
	                       ? p->flat_ppm / 100
	                       : raw->tax.estimate.marginal_ppm / 100;
	return read_tax_bills(ledger, opt, raw, error) &&
	       gig__config_number(ledger, "windfall_factor", &raw->windfall_factor, error) &&
	       gig__config_number(ledger, "reserve_multiple", &raw->reserve_multiple, error);
}

static void
free_bill(void *p)
{
	g_free(((gig_report_bill *)p)->name);
}

static void
free_receivable(void *p)
{
	gig_report_receivable *r = p;
	g_free(r->client);
	g_free(r->description);
}

static void
free_royalty(void *p)
{
	g_free(((gig_report_royalty *)p)->payer);
}

static void
free_advance(void *p)
{
	g_free(((gig_report_advance *)p)->payer);
}

void
gig__report_raw_clear(gig__report_raw *raw)
{
	for (size_t i = 0; i < raw->n; i++) {
		GArray *s = raw->months[i].streams;
		for (unsigned j = 0; j < s->len; j++)
			g_free(g_array_index(s, gig_report_item, j).name);
		g_array_unref(s);
	}
	g_free(raw->months);
	if (raw->receivables)
		g_array_unref(raw->receivables);
	if (raw->bills)
		g_array_unref(raw->bills);
	if (raw->currencies)
		g_array_unref(raw->currencies);
	if (raw->payments)
		g_array_unref(raw->payments);
	if (raw->invoice_payments)
		g_array_unref(raw->invoice_payments);
	if (raw->foreign)
		g_array_unref(raw->foreign);
	if (raw->royalties)
		g_array_unref(raw->royalties);
	if (raw->advances)
		g_array_unref(raw->advances);
	if (raw->histories)
		g_array_unref(raw->histories);
	if (raw->left_out)
		g_ptr_array_unref(raw->left_out);
	memset(raw, 0, sizeof *raw);
}

bool
gig__report_gather(gig_ledger *ledger, const gig_report_options *opt, gig__report_raw *out,
                   GError **error)
{
	sqlite3 *db = gig__ledger_db(ledger);
	gig__report_raw *raw = out;
	memset(raw, 0, sizeof *raw);
	raw->first_month = -1;
	raw->as_of = opt->as_of;
	raw->as_of_month = gig_date_month_index(opt->as_of);
	raw->receivables = g_array_new(false, false, sizeof(gig_report_receivable));
	g_array_set_clear_func(raw->receivables, free_receivable);
	raw->bills = g_array_new(false, false, sizeof(gig_report_bill));
	g_array_set_clear_func(raw->bills, free_bill);
	raw->currencies = g_array_new(false, false, 4);
	raw->payments = g_array_new(false, false, sizeof(gig__raw_payment));
	raw->invoice_payments = g_array_new(false, false, sizeof(gig__raw_payment));
	raw->foreign = g_array_new(false, false, sizeof(gig_report_foreign));
	g_array_set_clear_func(raw->foreign, free_foreign);
	raw->royalties = g_array_new(false, false, sizeof(gig_report_royalty));
	g_array_set_clear_func(raw->royalties, free_royalty);
	raw->advances = g_array_new(false, false, sizeof(gig_report_advance));
	g_array_set_clear_func(raw->advances, free_advance);
	raw->left_out = g_ptr_array_new_with_free_func(g_free);
	raw->histories = g_array_new(false, false, sizeof(gig__raw_history));
	g_array_set_clear_func(raw->histories, free_history);

	const char *cur = opt->currency ? opt->currency : gig_ledger_base_currency(ledger);
	if (!gig_currency_normalize(raw->currency, cur, error)) {
		g_prefix_error(error, "currency: ");
		return false;
	}
	raw->exponent = gig_currency_exponent(raw->currency);

	/* one snapshot for every query below */
	if (!gig__db_exec(db, "BEGIN", error))
		return false;
	bool known = false;
	bool ok = read_currencies(db, raw, &known, error);
	if (ok && !known && raw->currencies->len > 0) {
		GString *names = g_string_new(NULL);
		for (unsigned i = 0; i < raw->currencies->len; i++)
			g_string_append_printf(names, "%s%s", i ? ", " : "",
			                       &g_array_index(raw->currencies, char, 4 * i));
		g_set_error(error, GIG_ERROR, GIG_ERROR_NOT_FOUND,
		            "no account is in %s; the ledger's currencies are %s", raw->currency,
		            names->str);
		g_string_free(names, true);
		ok = false;
	}
	ok = ok && read_opening(db, raw, error) && read_months(ledger, db, raw, error) &&
	     read_payments(ledger, db, raw, error) && read_receivables(ledger, db, raw, error) &&
	     read_bills(ledger, db, raw, opt->ahead, error) && read_tax(ledger, opt, raw, error) &&
	     read_foreign(ledger, raw, error) && read_royalties(ledger, opt, raw, error);
	g_autoptr(GError) end_error = NULL;
	gig__db_exec(db, ok ? "COMMIT" : "ROLLBACK", &end_error);
	return ok;
}
