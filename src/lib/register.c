/*
 * register.c: the register (gig txn list) and one transaction in full (gig txn show).
 *
 * Finding the rows.  With a limit and a filter on account and dates only, the newest
 * rows of each account are read backwards along the two indexes that hold every row
 * in (account, date) order between them (see PART_FP below), so `--limit 50`
 * reads about 50 index entries per account.  Any other filter is a scan of the table
 * (SQLite keeps only the newest N while it scans); without a limit, the scan is sorted
 * by date.
 *
 * Running balances (register.h): per account, the balance before a row's month comes
 * from the monthly rollup (one read of the account's months, kept), and the rows of
 * that month up to the row are summed along the same two indexes.  A second row of the
 * account in the same month only adds the rows between the two.
 */
#include <string.h>

#include "db.h"
#include "gigledger/import.h"
#include "gigledger/register.h"
#include "internal.h"

/* ---- payee patterns ------------------------------------------------------------------ */

static bool
has_glob(const char *p)
{
	return strpbrk(p, "*?") != NULL;
}

static bool
is_ascii(const char *p)
{
	for (; *p; p++)
		if ((unsigned char)*p >= 0x80)
			return false;
	return true;
}

/* An ASCII pattern as a LIKE pattern (LIKE ignores ASCII case), escaping with '\'. */
static char *
like_pattern(const char *p)
{
	bool glob = has_glob(p);
	GString *s = g_string_new(glob ? "" : "%");
	for (; *p; p++) {
		if (*p == '*')
			g_string_append_c(s, '%');
		else if (*p == '?')
			g_string_append_c(s, '_');
		else {
			if (*p == '%' || *p == '_' || *p == '\\')
				g_string_append_c(s, '\\');
			g_string_append_c(s, *p);
		}
	}
	if (!glob)
		g_string_append_c(s, '%');
	return g_string_free(s, false);
}

static char *
fold(const char *text)
{
	g_autofree char *valid = g_utf8_make_valid(text, -1);
	g_autofree char *norm = g_utf8_normalize(valid, -1, G_NORMALIZE_DEFAULT);
	return g_utf8_casefold(norm ? norm : valid, -1);
}

static void
pattern_spec_free(void *p)
{
	g_pattern_spec_free(p);
}

/* gig_payee_match(PATTERN, PAYEE): PATTERN is already folded and glob-shaped. */
static void
sql_payee_match(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	GPatternSpec *spec = sqlite3_get_auxdata(ctx, 0);
	if (spec == NULL) {
		const char *pat = (const char *)sqlite3_value_text(argv[0]);
		spec = g_pattern_spec_new(pat ? pat : "");
		sqlite3_set_auxdata(ctx, 0, spec, pattern_spec_free);
		spec = sqlite3_get_auxdata(ctx, 0);
		if (spec == NULL) {
			sqlite3_result_error_nomem(ctx);
			return;
		}
	}
	const char *payee = (const char *)sqlite3_value_text(argv[1]);
	g_autofree char *folded = fold(payee ? payee : "");
	sqlite3_result_int(ctx, g_pattern_spec_match_string(spec, folded));
}

/* ---- the filter as SQL ---------------------------------------------------------------- */

struct query {
	GString *where;   /* " AND ..." clauses over t (transactions) and c (categories) */
	int64_t account;  /* 0 = every account */
	int64_t category; /* 0 = any */
	char *payee;      /* bound as ?4 */
	char from[GIG_DATE_BUFSZ], to[GIG_DATE_BUFSZ];
	bool simple; /* only account and dates: the index walk can serve a limit */
};

static void
query_clear(struct query *q)
{
	if (q->where)
		g_string_free(q->where, true);
	g_free(q->payee);
}

/* Parameters: ?1 from, ?2 to, ?3 account, ?4 payee, ?5 category, ?6 stream, ?7 min, ?8
 * max, ?9 limit. */
static void
bind_query(sqlite3_stmt *st, const struct query *q, const gig_register_filter *f)
{
	int n = sqlite3_bind_parameter_count(st);
	if (n >= 1 && q->from[0])
		sqlite3_bind_text(st, 1, q->from, -1, SQLITE_STATIC);
	if (n >= 2 && q->to[0])
		sqlite3_bind_text(st, 2, q->to, -1, SQLITE_STATIC);
	if (n >= 3 && q->account)
		sqlite3_bind_int64(st, 3, q->account);
	if (n >= 4 && q->payee)
		sqlite3_bind_text(st, 4, q->payee, -1, SQLITE_STATIC);
	if (n >= 5 && q->category)
		sqlite3_bind_int64(st, 5, q->category);
	if (n >= 6 && f->stream)
		sqlite3_bind_text(st, 6, f->stream, -1, SQLITE_STATIC);
	if (n >= 7)
		sqlite3_bind_int64(st, 7, f->min_minor);
	if (n >= 8)
		sqlite3_bind_int64(st, 8, f->max_minor);
	if (n >= 9)
		sqlite3_bind_int64(st, 9, (sqlite3_int64)f->limit);
}

static bool
build_query(sqlite3 *db, const gig_register_filter *f, struct query *q, GError **error)
{
	memset(q, 0, sizeof *q);
	q->where = g_string_new(NULL);
	q->simple = true;
	if (f->from != GIG_DATE_NONE && f->to != GIG_DATE_NONE && f->from > f->to) {
		char a[GIG_DATE_BUFSZ], b[GIG_DATE_BUFSZ];
		g_set_error(error, GIG_ERROR, GIG_ERROR_INVALID_INPUT,
		            "the period starts (%s) after it ends (%s)",
		            gig_date_format(a, f->from), gig_date_format(b, f->to));
		return false;
	}
	if ((f->has_min && f->min_minor < 0) || (f->has_max && f->max_minor < 0)) {
		g_set_error(
		    error, GIG_ERROR, GIG_ERROR_INVALID_INPUT,
		    "--min and --max bound the size of an amount: give them without a sign");
		return false;
	}
	if (f->has_min && f->has_max && f->min_minor > f->max_minor) {
		g_set_error(error, GIG_ERROR, GIG_ERROR_INVALID_INPUT,
		            "the smallest amount asked for is above the largest");
		return false;
	}
	if (f->from != GIG_DATE_NONE) {
		gig_date_format(q->from, f->from);
		g_string_append(q->where, " AND t.posted_on >= ?1");
	}
	if (f->to != GIG_DATE_NONE) {
		gig_date_format(q->to, f->to);
		g_string_append(q->where, " AND t.posted_on <= ?2");
	}
	if (f->account) {
		if (!gig__account_lookup(db, f->account, &q->account, NULL, error))
			return false;
		g_string_append(q->where, " AND t.account_id = ?3");
	}
	if (f->payee) {
		if (*f->payee == '\0') {
			g_set_error(error, GIG_ERROR, GIG_ERROR_INVALID_INPUT,
			            "an empty payee pattern matches nothing useful; leave it out");
			return false;
		}
		q->simple = false;
		if (is_ascii(f->payee)) {
			q->payee = like_pattern(f->payee);
			g_string_append(q->where, " AND t.payee LIKE ?4 ESCAPE '\\'");
		} else {
			g_autofree char *folded = fold(f->payee);
			q->payee = has_glob(folded) ? g_strdup(folded)
			                            : g_strconcat("*", folded, "*", NULL);
			g_string_append(q->where, " AND gig_payee_match(?4, t.payee)");
			int rc = sqlite3_create_function_v2(
			    db, "gig_payee_match", 2, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
			    sql_payee_match, NULL, NULL, NULL);
			if (rc != SQLITE_OK)
				return gig__db_fail(db, rc, "setting up the payee match", error);
		}
	}
	if (f->category) {
		if (!gig__category_lookup(db, f->category, &q->category, error))
			return false;
		q->simple = false;
		g_string_append(q->where, " AND t.category_id = ?5");
	}
	if (f->uncategorised) {
		q->simple = false;
		g_string_append(q->where, " AND t.category_id IS NULL");
	}
	if (f->stream) {
		gig_stream s;
		if (!gig_stream_parse(&s, f->stream, error))
			return false;
		q->simple = false;
		g_string_append(q->where, " AND (c.stream = ?6 OR EXISTS (SELECT 1 FROM gigs g"
		                          " WHERE g.id = t.gig_id AND g.stream = ?6))");
	}
	if (f->pending_only) {
		q->simple = false;
		g_string_append(q->where, " AND t.pending = 1");
	}
	if (f->has_min) {
		q->simple = false;
		g_string_append(q->where, " AND abs(t.amount_minor) >= ?7");
	}
	if (f->has_max) {
		q->simple = false;
		g_string_append(q->where, " AND abs(t.amount_minor) <= ?8");
	}
	return true;
}

/* ---- running balances ----------------------------------------------------------------- */

struct month_sum {
	int month;            /* month index */
	int64_t before_minor; /* opening + every posted row of earlier months */
};

struct account_state {
	int64_t opening_minor;
	GArray *months;      /* struct month_sum, ascending: the account's months in the rollup */
	int64_t after_minor; /* opening + every posted row (the balance after the last month) */
	bool have_last;
	int last_month;
	char last_date[GIG_DATE_BUFSZ];
	int64_t last_id;
	int64_t balance_minor;
};

static void
account_state_free(void *p)
{
	struct account_state *s = p;
	if (s->months)
		g_array_unref(s->months);
	g_free(s);
}

struct balances {
	sqlite3 *db;
	GHashTable *accounts;  /* account id -> struct account_state */
	sqlite3_stmt *between; /* posted rows of an account in (date, id] .. (date, id] */
	bool contiguous;       /* the filter shows every row of an account between two shown
	                        * ones (account and dates only): nothing to sum between them */
};

#define BETWEEN_ONE(cond)                                                                          \
	"SELECT amount_minor FROM transactions WHERE account_id = ?1 AND " cond                    \
	" AND posted_on BETWEEN ?2 AND ?4 AND (posted_on > ?2 OR id > ?3)"                         \
	" AND (posted_on < ?4 OR id <= ?5) AND pending = 0"

/*
 * Every row is in exactly one of two parts, each with an (account, date) index: rows
 * with a fingerprint (every imported row: transactions_identity) and rows without one
 * (entered by hand, gig payments: sql/0013's transactions_unfingerprinted).
 */
#define PART_FP(t) t "fingerprint IS NOT NULL"
#define PART_NO_FP(t) t "fingerprint IS NULL"

static const char sql_between[] = "SELECT ifnull(sum(amount_minor), 0) FROM (" BETWEEN_ONE(
    PART_FP("")) " UNION ALL " BETWEEN_ONE(PART_NO_FP("")) ")";

static bool
overflow(GError **error)
{
	g_set_error(error, GIG_ERROR, GIG_ERROR_OVERFLOW,
	            "a running balance does not fit in 64 bits");
	return false;
}

static bool
load_account(struct balances *b, int64_t account_id, struct account_state **out, GError **error)
{
	struct account_state *s = g_hash_table_lookup(b->accounts, &account_id);
	if (s) {
		*out = s;
		return true;
	}
	g_autoptr(sqlite3_stmt) st = NULL;
	if (!gig__db_prepare(b->db,
	                     "SELECT opening_minor, NULL, 0 FROM accounts WHERE id = ?1"
	                     " UNION ALL SELECT NULL, month, sum(inflow_minor + outflow_minor)"
	                     " FROM monthly_totals WHERE account_id = ?1 AND pending = 0"
	                     " GROUP BY month",
	                     &st, error))
		return false;
	sqlite3_bind_int64(st, 1, account_id);
	s = g_new0(struct account_state, 1);
	s->months = g_array_new(false, false, sizeof(struct month_sum));
	int64_t *key = g_new(int64_t, 1);
	*key = account_id;
	g_hash_table_insert(b->accounts, key, s);
	int rc;
	int64_t running = 0;
	bool first = true;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (first) {
			first = false;
			s->opening_minor = running = sqlite3_column_int64(st, 0);
			continue;
		}
		const char *m = (const char *)sqlite3_column_text(st, 1);
		int y = 0, mo = 0;
		if (m == NULL || sscanf(m, "%d-%d", &y, &mo) != 2)
			continue;
		struct month_sum ms = {y * 12 + mo - 1, running};
		g_array_append_val(s->months, ms);
		if (!gig_money_add(&running, running, sqlite3_column_int64(st, 2)))
			return overflow(error);
	}
	if (rc != SQLITE_DONE)
		return gig__db_fail(b->db, rc, "reading the monthly totals", error);
	s->after_minor = running;
	*out = s;
	return true;
}

/* Opening plus every posted row of months before `month`. */
static int64_t
before_month(const struct account_state *s, int month)
{
	/* months ascend: the first month at or after `month` holds the sum before it */
	guint lo = 0, hi = s->months->len;
	while (lo < hi) {
		guint mid = lo + (hi - lo) / 2;
		if (g_array_index(s->months, struct month_sum, mid).month < month)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < s->months->len ? g_array_index(s->months, struct month_sum, lo).before_minor
	                           : s->after_minor;
}

static bool
sum_between(struct balances *b, int64_t account, const char *from_date, int64_t from_id,
            const char *to_date, int64_t to_id, int64_t *out, GError **error)
{
	if (b->between == NULL && !gig__db_prepare(b->db, sql_between, &b->between, error))
		return false;
	sqlite3_stmt *st = b->between;
	sqlite3_reset(st);
	sqlite3_bind_int64(st, 1, account);
	gig__bind_text_copy(st, 2, from_date);
	sqlite3_bind_int64(st, 3, from_id);
	gig__bind_text_copy(st, 4, to_date);
	sqlite3_bind_int64(st, 5, to_id);
	int rc = sqlite3_step(st);
	if (rc != SQLITE_ROW)
		return gig__db_fail(b->db, rc == SQLITE_DONE ? SQLITE_ERROR : rc,
		                    "summing a running balance", error);
	*out = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return true;
}

/* The balance of `account` right after row (date, id) of `amount` (posted unless
 * `pending`); rows must come in register order. */
static bool
balance_after(struct balances *b, int64_t account, gig_date date, int64_t id, int64_t amount,
              bool pending, int64_t *out, GError **error)
{
	struct account_state *s = NULL;
	if (!load_account(b, account, &s, error))
		return false;
	if (b->contiguous && s->have_last) { /* the row follows the last one directly */
		if (!pending && !gig_money_add(&s->balance_minor, s->balance_minor, amount))
			return overflow(error);
		*out = s->balance_minor;
		return true;
	}
	char d[GIG_DATE_BUFSZ];
	gig_date_format(d, date);
	int month = gig_date_month_index(date);
	int64_t add = 0;
	if (s->have_last && s->last_month == month) {
		if (!sum_between(b, account, s->last_date, s->last_id, d, id, &add, error))
			return false;
		if (!gig_money_add(&s->balance_minor, s->balance_minor, add))
			return overflow(error);
	} else {
		/* "YYYY-MM-00" sorts before every day of the month */
		char start[GIG_DATE_BUFSZ];
		g_strlcpy(start, d, sizeof start);
		memcpy(start + 8, "00", 3);
		if (!sum_between(b, account, start, 0, d, id, &add, error))
			return false;
		if (!gig_money_add(&s->balance_minor, before_month(s, month), add))
			return overflow(error);
	}
	s->have_last = true;
	s->last_month = month;
	g_strlcpy(s->last_date, d, sizeof s->last_date);
	s->last_id = id;
	*out = s->balance_minor;
	return true;
}

/* ---- the register --------------------------------------------------------------------- */

#define ROW_SELECT                                                                                 \
	"SELECT t.id, t.account_id, a.name, a.currency, t.posted_on, t.amount_minor, t.payee,"     \
	" t.memo, ifnull(t.category_id, 0), c.name, c.kind, ifnull(t.gig_id, 0), t.pending,"       \
	" ifnull(t.batch_id, 0)"
#define ROW_FROM                                                                                   \
	" FROM transactions t JOIN accounts a ON a.id = t.account_id"                              \
	" LEFT JOIN categories c ON c.id = t.category_id"
#define ROW_COLUMNS ROW_SELECT ROW_FROM

static void
txn_from_row(sqlite3_stmt *st, gig_txn *t)
{
	memset(t, 0, sizeof *t);
	t->id = sqlite3_column_int64(st, 0);
	t->account_id = sqlite3_column_int64(st, 1);
	t->account = (const char *)sqlite3_column_text(st, 2);
	t->currency = (const char *)sqlite3_column_text(st, 3);
	t->posted_on = gig__column_date(st, 4);
	t->amount_minor = sqlite3_column_int64(st, 5);
	t->payee = (const char *)sqlite3_column_text(st, 6);
	t->memo = (const char *)sqlite3_column_text(st, 7);
	t->category_id = sqlite3_column_int64(st, 8);
	t->category = (const char *)sqlite3_column_text(st, 9);
	gig_category_kind kind = GIG_CATEGORY_EXPENSE;
	if (sqlite3_column_type(st, 10) != SQLITE_NULL)
		gig_category_kind_parse(&kind, (const char *)sqlite3_column_text(st, 10), NULL);
	t->category_kind = kind;
	t->gig_id = sqlite3_column_int64(st, 11);
	t->pending = sqlite3_column_int(st, 12) != 0;
	t->batch_id = sqlite3_column_int64(st, 13);
}

/* Emits the row the statement is on; *stop when the callback asked to. */
static bool
emit(struct balances *b, sqlite3_stmt *st, gig_register_cb cb, void *payload, bool *stop,
     GError **error)
{
	gig_register_row r;
	txn_from_row(st, &r.txn);
	if (!balance_after(b, r.txn.account_id, r.txn.posted_on, r.txn.id, r.txn.amount_minor,
	                   r.txn.pending, &r.balance_minor, error))
		return false;
	*stop = !cb(&r, payload);
	return true;
}

struct pick {
	char date[GIG_DATE_BUFSZ];
	int64_t id;
};

static int
pick_cmp_desc(const void *a, const void *b)
{
	const struct pick *x = a, *y = b;
	int c = strcmp(y->date, x->date);
	if (c)
		return c;
	return (y->id > x->id) - (y->id < x->id);
}

/*
 * The WHERE clause that selects the filter's rows.  With dates, along the two (account,
 * date) indexes, so a month of a 1M-row ledger reads that month's rows only; without,
 * a scan.
 */
static char *
selection(const struct query *q)
{
	if (!q->from[0] && !q->to[0])
		return g_strdup_printf("1%s", q->where->str);
	const char *part =
	    "SELECT t.id FROM transactions t LEFT JOIN categories c"
	    " ON c.id = t.category_id WHERE t.account_id IN (SELECT id FROM accounts)";
	return g_strdup_printf(
	    "t.id IN (%s AND " PART_FP("t.") "%s UNION ALL %s AND " PART_NO_FP("t.") "%s)", part,
	    q->where->str, part, q->where->str);
}

static bool
collect_picks(sqlite3 *db, const char *sql, const struct query *q, const gig_register_filter *f,
              GArray *picks, GError **error)
{
	g_autoptr(sqlite3_stmt) st = NULL;
	if (!gig__db_prepare(db, sql, &st, error))
		return false;
	bind_query(st, q, f);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct pick p = {.id = sqlite3_column_int64(st, 0)};
		const char *d = (const char *)sqlite3_column_text(st, 1);
		g_strlcpy(p.date, d ? d : "", sizeof p.date);
		g_array_append_val(picks, p);
	}
	if (rc != SQLITE_DONE)
		return gig__db_fail(db, rc, "reading the register", error);
	return true;
}

/* The ids of the newest `limit` rows the filter keeps, newest first. */
static bool
newest(sqlite3 *db, const struct query *q, const gig_register_filter *f, GArray *picks,
       GError **error)
{
	if (!q->simple) {
		g_autofree char *where = selection(q);
		g_autofree char *sql =
		    g_strdup_printf("SELECT t.id, t.posted_on FROM transactions t"
		                    " LEFT JOIN categories c ON c.id = t.category_id WHERE %s"
		                    " ORDER BY t.posted_on DESC, t.id DESC LIMIT ?9",
		                    where);
		return collect_picks(db, sql, q, f, picks, error);
	}
	/* account by account, along the two (account, date) indexes */
	g_autoptr(GArray) accounts = g_array_new(false, false, sizeof(int64_t));
	if (q->account) {
		g_array_append_val(accounts, q->account);
	} else {
		g_autoptr(sqlite3_stmt) st = NULL;
		if (!gig__db_prepare(db, "SELECT id FROM accounts ORDER BY id", &st, error))
			return false;
		int rc;
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			int64_t id = sqlite3_column_int64(st, 0);
			g_array_append_val(accounts, id);
		}
		if (rc != SQLITE_DONE)
			return gig__db_fail(db, rc, "reading accounts", error);
	}
	const char *dates = q->from[0] && q->to[0] ? " AND t.posted_on BETWEEN ?1 AND ?2"
	                    : q->from[0]           ? " AND t.posted_on >= ?1"
	                    : q->to[0]             ? " AND t.posted_on <= ?2"
	                                           : "";
	static const char *const kinds[] = {PART_FP("t."), PART_NO_FP("t.")};
	struct query one = *q;
	for (guint i = 0; i < accounts->len; i++) {
		one.account = g_array_index(accounts, int64_t, i);
		for (size_t k = 0; k < G_N_ELEMENTS(kinds); k++) {
			g_autofree char *sql = g_strdup_printf(
			    "SELECT t.id, t.posted_on FROM transactions t WHERE t.account_id = ?3"
			    " AND %s%s ORDER BY t.posted_on DESC, t.id DESC LIMIT ?9",
			    kinds[k], dates);
			if (!collect_picks(db, sql, &one, f, picks, error))
				return false;
		}
	}
	g_array_sort(picks, pick_cmp_desc);
	if (picks->len > f->limit)
		g_array_set_size(picks, (guint)f->limit);
	return true;
}

static bool
run_register(sqlite3 *db, const gig_register_filter *f, gig_register_cb cb, void *payload,
             GError **error)
{
	struct query q;
	bool ok = build_query(db, f, &q, error);
	struct balances b = {
	    db, g_hash_table_new_full(g_int64_hash, g_int64_equal, g_free, account_state_free),
	    NULL, ok && q.simple};
	bool stop = false;
	if (ok && f->limit > 0) {
		g_autoptr(GArray) picks = g_array_new(false, false, sizeof(struct pick));
		g_autoptr(sqlite3_stmt) st = NULL;
		ok = newest(db, &q, f, picks, error) &&
		     gig__db_prepare(db, ROW_COLUMNS " WHERE t.id = ?1", &st, error);
		for (guint i = picks->len; ok && !stop && i-- > 0;) {
			sqlite3_reset(st);
			sqlite3_bind_int64(st, 1, g_array_index(picks, struct pick, i).id);
			int rc = sqlite3_step(st);
			if (rc != SQLITE_ROW)
				ok = gig__db_fail(db, rc == SQLITE_DONE ? SQLITE_ERROR : rc,
				                  "reading the register", error);
			else
				ok = emit(&b, st, cb, payload, &stop, error);
		}
	} else if (ok) {
		g_autofree char *where = selection(&q);
		g_autofree char *sql =
		    g_strdup_printf(ROW_COLUMNS " WHERE %s ORDER BY t.posted_on, t.id", where);
		g_autoptr(sqlite3_stmt) st = NULL;
		ok = gig__db_prepare(db, sql, &st, error);
		if (ok)
			bind_query(st, &q, f);
		int rc = SQLITE_DONE;
		while (ok && !stop && (rc = sqlite3_step(st)) == SQLITE_ROW)
			ok = emit(&b, st, cb, payload, &stop, error);
		if (ok && !stop && rc != SQLITE_DONE)
			ok = gig__db_fail(db, rc, "reading the register", error);
	}
	if (b.between)
		sqlite3_finalize(b.between);
	g_hash_table_unref(b.accounts);
	query_clear(&q);
	return ok;
}

bool
gig_ledger_register(gig_ledger *ledger, const gig_register_filter *filter, gig_register_cb cb,
                    void *payload, GError **error)
{
	g_return_val_if_fail(ledger != NULL && filter != NULL && cb != NULL, false);
	sqlite3 *db = gig__ledger_db(ledger);
	/* one snapshot for the rows and the balances */
	if (!gig__db_exec(db, "BEGIN", error))
		return false;
	bool ok = run_register(db, filter, cb, payload, error);
	g_autoptr(GError) end_error = NULL;
	gig__db_exec(db, ok ? "COMMIT" : "ROLLBACK", &end_error);
	return ok;
}

/* ---- one transaction ------------------------------------------------------------------ */

void
gig_txn_detail_free(gig_txn_detail *d)
{
	if (d == NULL)
		return;
	g_free(d->account);
	g_free(d->payee);
	g_free(d->memo);
	g_free(d->category);
	g_free(d->file_name);
	g_free(d->imported_on);
	g_free(d->record);
	g_free(d->external_id);
	g_free(d->members);
	g_free(d->gig_client);
	g_free(d->gig_description);
	g_free(d->transfer_account);
	g_free(d);
}

static char *
dup_col(sqlite3_stmt *st, int i)
{
	return g_strdup((const char *)sqlite3_column_text(st, i));
}

/* Another account's row on the same day with the opposite amount in a transfer
 * category, along the two (account, date) indexes. */
#define MIRROR_ONE(cond)                                                                           \
	"SELECT x.id, x.account_id FROM transactions x WHERE x.account_id IN"                      \
	" (SELECT id FROM accounts WHERE id <> ?1) AND " cond " AND x.posted_on = ?2"              \
	" AND x.amount_minor = -?3 AND x.category_id IN"                                           \
	" (SELECT id FROM categories WHERE kind = 'transfer')"
static const char sql_mirror[] =
    "SELECT m.id, a.name FROM (" MIRROR_ONE(PART_FP("x.")) " UNION ALL " MIRROR_ONE(PART_NO_FP(
        "x.")) ") m JOIN accounts a ON a.id = m.account_id ORDER BY abs(m.id - ?4) LIMIT 1";

static bool
detail_links(sqlite3 *db, gig_txn_detail *d, GError **error)
{
	g_autoptr(sqlite3_stmt) st = NULL;
	int rc;
	if (d->batch_id) {
		if (!gig__db_prepare(
		        db, "SELECT file_name, imported_on FROM import_batches WHERE id = ?1", &st,
		        error))
			return false;
		sqlite3_bind_int64(st, 1, d->batch_id);
		if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			d->file_name = dup_col(st, 0);
			d->imported_on = dup_col(st, 1);
		} else if (rc != SQLITE_DONE) {
			return gig__db_fail(db, rc, "reading the import batch", error);
		}
		g_clear_pointer(&st, sqlite3_finalize);
		if (!gig__db_prepare(db,
		                     "SELECT batch_id, ifnull(line_no, 0) FROM import_members"
		                     " WHERE txn_id = ?1 AND batch_id <> ?2 ORDER BY batch_id",
		                     &st, error))
			return false;
		sqlite3_bind_int64(st, 1, d->id);
		sqlite3_bind_int64(st, 2, d->batch_id);
		g_autoptr(GArray) m = g_array_new(false, false, sizeof(gig_txn_member));
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			gig_txn_member one = {sqlite3_column_int64(st, 0),
			                      sqlite3_column_int64(st, 1)};
			g_array_append_val(m, one);
		}
		if (rc != SQLITE_DONE)
			return gig__db_fail(db, rc, "reading the batches of the row", error);
		d->n_members = m->len;
		d->members = (gig_txn_member *)(void *)g_array_free(g_steal_pointer(&m), false);
		g_clear_pointer(&st, sqlite3_finalize);
	}
	if (d->gig_id) {
		if (!gig__db_prepare(
		        db,
		        "SELECT c.name, g.description, g.status, g.amount_minor"
		        " FROM gigs g JOIN clients c ON c.id = g.client_id WHERE g.id = ?1",
		        &st, error))
			return false;
		sqlite3_bind_int64(st, 1, d->gig_id);
		if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			d->gig_client = dup_col(st, 0);
			d->gig_description = dup_col(st, 1);
			gig_status status = GIG_STATUS_INVOICED;
			gig__status_parse(&status, (const char *)sqlite3_column_text(st, 2));
			d->gig_status = status;
			d->gig_amount_minor = sqlite3_column_int64(st, 3);
		} else if (rc != SQLITE_DONE) {
			return gig__db_fail(db, rc, "reading the gig", error);
		}
		g_clear_pointer(&st, sqlite3_finalize);
	}
	if (!gig__db_prepare(
	        db,
	        "SELECT x.id, a.name FROM (SELECT pair_txn_id AS other FROM import_effects"
	        " WHERE kind = 'transfer' AND txn_id = ?1 AND pair_txn_id IS NOT NULL"
	        " UNION ALL SELECT txn_id FROM import_effects"
	        " WHERE kind = 'transfer' AND pair_txn_id = ?1) p"
	        " JOIN transactions x ON x.id = p.other"
	        " JOIN accounts a ON a.id = x.account_id LIMIT 1",
	        &st, error))
		return false;
	sqlite3_bind_int64(st, 1, d->id);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		d->transfer_txn_id = sqlite3_column_int64(st, 0);
		d->transfer_account = dup_col(st, 1);
	} else if (rc != SQLITE_DONE) {
		return gig__db_fail(db, rc, "reading the transfer pair", error);
	}
	g_clear_pointer(&st, sqlite3_finalize);
	if (d->transfer_txn_id || d->category_kind != GIG_CATEGORY_TRANSFER || !d->category_id)
		return true;
	/* no pair recorded (each half said "transfer" itself): the mirror row */
	if (!gig__db_prepare(db, sql_mirror, &st, error))
		return false;
	sqlite3_bind_int64(st, 1, d->account_id);
	char date[GIG_DATE_BUFSZ];
	gig__bind_text_copy(st, 2, gig_date_format(date, d->posted_on));
	sqlite3_bind_int64(st, 3, d->amount_minor);
	sqlite3_bind_int64(st, 4, d->id);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		d->transfer_txn_id = sqlite3_column_int64(st, 0);
		d->transfer_account = dup_col(st, 1);
	} else if (rc != SQLITE_DONE) {
		return gig__db_fail(db, rc, "looking for the transfer's other half", error);
	}
	return true;
}

static bool
get_detail(gig_ledger *ledger, int64_t id, gig_txn_detail **out, GError **error)
{
	sqlite3 *db = gig__ledger_db(ledger);
	g_autoptr(sqlite3_stmt) st = NULL;
	if (!gig__db_prepare(
	        db, ROW_SELECT ", ifnull(t.line_no, 0), t.external_id" ROW_FROM " WHERE t.id = ?1",
	        &st, error))
		return false;
	sqlite3_bind_int64(st, 1, id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_DONE) {
		g_set_error(error, GIG_ERROR, GIG_ERROR_NOT_FOUND,
		            "no transaction #%" G_GINT64_FORMAT "; 'gig txn list' shows them", id);
		return false;
	}
	if (rc != SQLITE_ROW)
		return gig__db_fail(db, rc, "reading the transaction", error);
	gig_txn t;
	txn_from_row(st, &t);
	g_autoptr(gig_txn_detail) d = g_new0(gig_txn_detail, 1);
	d->id = t.id;
	d->account_id = t.account_id;
	d->account = g_strdup(t.account);
	g_strlcpy(d->currency, t.currency ? t.currency : "", sizeof d->currency);
	d->posted_on = t.posted_on;
	d->amount_minor = t.amount_minor;
	d->payee = g_strdup(t.payee);
	d->memo = g_strdup(t.memo);
	d->category_id = t.category_id;
	d->category = g_strdup(t.category);
	d->category_kind = t.category_kind;
	d->pending = t.pending;
	d->gig_id = t.gig_id;
	d->batch_id = t.batch_id;
	d->line_no = sqlite3_column_int64(st, 14);
	d->external_id = dup_col(st, 15);
	g_clear_pointer(&st, sqlite3_finalize);

	struct balances b = {
	    db, g_hash_table_new_full(g_int64_hash, g_int64_equal, g_free, account_state_free),
	    NULL, false};
	bool ok = balance_after(&b, d->account_id, d->posted_on, d->id, d->amount_minor, d->pending,
	                        &d->balance_minor, error);
	if (b.between)
		sqlite3_finalize(b.between);
	g_hash_table_unref(b.accounts);
	if (!ok || !detail_links(db, d, error))
		return false;
	if (d->batch_id) {
		g_autoptr(GError) local = NULL;
		if (!gig_import_raw_row(ledger, d->id, &d->record, &local) &&
		    !g_error_matches(local, GIG_ERROR, GIG_ERROR_NOT_FOUND)) {
			g_propagate_error(error, g_steal_pointer(&local));
			return false;
		}
	}
	*out = g_steal_pointer(&d);
	return true;
}

bool
gig_ledger_txn_get(gig_ledger *ledger, int64_t id, gig_txn_detail **out, GError **error)
{
	g_return_val_if_fail(ledger != NULL && out != NULL, false);
	sqlite3 *db = gig__ledger_db(ledger);
	if (!gig__db_exec(db, "BEGIN", error))
		return false;
	bool ok = get_detail(ledger, id, out, error);
	g_autoptr(GError) end_error = NULL;
	gig__db_exec(db, ok ? "COMMIT" : "ROLLBACK", &end_error);
	return ok;
}
