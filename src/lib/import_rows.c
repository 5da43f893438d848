/*
 * import_rows.c: pass 3 of reading a bank export: records -> transactions.
 *
 * Each record after the header is one of: blank (ignored), a continuation
 * of the previous transaction's text (no date, no money, text only: merged),
 * a stated opening/closing balance, a footer/summary/section row (skipped
 * and counted), or a transaction.  A transaction is held back for one
 * record so that continuation rows can still be merged into it, then
 * fingerprinted and handed to the caller.  Running balances are checked
 * both ways (oldest first, newest first); the reading with fewer breaks is
 * reported, each break with the line of the row it is attributed to.
 */
#include <stdlib.h>
#include <string.h>

#include "import_scan.h"
#include "internal.h"

#define MAX_BREAKS 1000
/* occurrence counts kept before the table forgets other days (bounded memory) */
#define OCC_MAX_SLOTS (1u << 18) /* 4 MiB; pruned at 3/4 full (196,608 entries) */

struct chain {
	bool have;
	int64_t last_bal, last_line, acc;
	int64_t count;
	GPtrArray *breaks;
};

/* Open-addressing table: 64-bit hash of a row's identity -> occurrences so far. */
struct occ {
	uint64_t key; /* 0 = empty slot */
	gig_date date;
	uint32_t count;
};

struct occ_table {
	struct occ *slot;
	size_t cap, used; /* cap is a power of two */
	/* the days a prune forgot: a row dated inside [forgot_lo, forgot_hi] later on
	 * could no longer be told apart from its twins, so it stops the import */
	bool forgot;
	gig_date forgot_lo, forgot_hi;
};

/*
 * A row as pass 3 builds it: all its text (payee, memo, id, raw) in one buffer
 * kept from row to row, the fingerprint inline.  Rows go back to the pool when
 * the consumer is done, so once the pool is warm a row costs no allocation.
 */
struct prow {
	gig_csv_row row; /* first: a row handed out is its prow */
	GString *text;
	size_t payee, memo, ext, raw; /* offsets into text; ext NONE = no id */
	char fp[GIG__FINGERPRINT_LEN + 1];
	char fp_old[GIG__FINGERPRINT_LEN + 1]; /* the identity without the balance, or "" */
};
#define NONE ((size_t)-1)

/* A balance row between the data, and the running balance of the row above it. */
struct mid_check {
	int64_t line, stated, above;
};

struct gig__rows {
	const gig__decisions *d; /* read only */
	gig__row_pool *pool;
	gig_import_result *res;
	bool took_max_date; /* a pending row was dated d->max_date */
	gig__row_cb cb;
	void *payload;
	gig_csv_row *held;
	struct occ_table occ;
	GChecksum *sha;
	GString *base; /* the fingerprint's text, reused from row to row */
	GString *tmp;  /* a continuation row's memo while it is merged */
	struct chain fwd, rev;
	bool any_bal;
	int64_t first_bal, last_bal;
	bool opening, closing;
	bool closing_last; /* ... and no transaction came after the closing balance row */
	int64_t opening_minor, closing_minor, closing_line;
	/* the running balance of the last row converted, for balance rows between rows */
	bool row_bal;
	int64_t row_bal_minor;
	GArray *mid; /* struct mid_check: balance rows between the data */
	gig_date first_bal_on, last_bal_on;
	int64_t posted_sum;
	char chain_cur[4]; /* the currency whose running balance the chain follows */
	char exp_cur[4];   /* the last currency looked up, and its exponent */
	int exp;
	/* the money cells of the record being converted, when counting saw them */
	const struct gig__shape_cache *shapes;
	/* the last date cell read, its column and its date: exports list many rows a
	 * day (the column matters: a fallback date column may have its own format) */
	char date_text[32];
	int date_col;
	gig_date date_value;
};

/* The format of date column c: the one given, or the one decided; NULL for none. */
static const char *
date_format_of(const gig__decisions *d, int c)
{
	if (d->l.date_format != NULL)
		return d->l.date_format;
	if (c >= 0 && (size_t)c < d->ncol && d->col[c].fmt >= 0)
		return gig__date_formats[d->col[c].fmt];
	return NULL;
}

/* The date of cell `text` of column c, remembered for the last text read. */
static bool
row_date(gig__rows *u, int c, const char *text, gig_date *out)
{
	if (u->date_text[0] != '\0' && c == u->date_col && strcmp(text, u->date_text) == 0) {
		*out = u->date_value;
		return true;
	}
	const char *fmt = date_format_of(u->d, c);
	if (fmt == NULL || !gig__date_parse_fmt(fmt, text, out))
		return false;
	if (gig__date_format_yearless(fmt))
		*out = gig__date_in_year_of(*out, u->d->year_ref);
	size_t n = strlen(text);
	if (n > 0 && n < sizeof u->date_text) {
		memcpy(u->date_text, text, n + 1);
		u->date_col = c;
		u->date_value = *out;
	}
	return true;
}

/* gig_currency_exponent(), remembered for the last currency (rows rarely change it). */
static int
exponent_of(gig__rows *u, const char cur[4])
{
	if (memcmp(cur, u->exp_cur, 4) != 0) {
		memcpy(u->exp_cur, cur, 4);
		u->exp = gig_currency_exponent(cur);
	}
	return u->exp;
}

static void
break_free(gig_balance_break *b)
{
	if (b == NULL)
		return;
	g_free(b->what);
	g_free(b);
}

static void
add_break(GPtrArray *list, int64_t line, int64_t expected, int64_t stated, const char *what)
{
	if (list->len >= MAX_BREAKS)
		return;
	gig_balance_break *b = g_new0(gig_balance_break, 1);
	b->line = line;
	b->expected_minor = expected;
	b->stated_minor = stated;
	b->what = g_strdup(what);
	g_ptr_array_add(list, b);
}

/*
 * Appends v trimmed, blanks collapsed, Excel guards ="..." and a leading '
 * removed; returns the number of bytes appended (no NUL).
 */
static size_t
clean_append(GString *out, const char *v)
{
	const char *p = v ? v : "";
	while (g_ascii_isspace(*p))
		p++;
	size_t n = strlen(p);
	while (n > 0 && g_ascii_isspace(p[n - 1]))
		n--;
	if (n >= 3 && p[0] == '=' && p[1] == '"' && p[n - 1] == '"') {
		p += 2;
		n -= 3;
	} else if (n >= 2 && p[0] == '\'' && (g_ascii_isdigit(p[1]) || p[1] == '-')) {
		p++;
		n--;
	}
	/* the result is never longer than the input: grow once, then write in place */
	size_t start = out->len;
	g_string_set_size(out, start + n);
	char *o = out->str + start;
	size_t len = 0;
	bool blank = false;
	for (size_t i = 0; i < n; i++) {
		if (g_ascii_isspace(p[i])) {
			blank = len > 0;
			continue;
		}
		if (blank)
			o[len++] = ' ';
		blank = false;
		o[len++] = p[i];
	}
	g_string_truncate(out, start + len);
	return len;
}

/* Appends " " (when out holds text after `start`) and v cleaned; nothing when v cleans to "". */
static void
join_append(GString *out, size_t start, const char *v)
{
	size_t mark = out->len;
	if (mark > start)
		g_string_append_c(out, ' ');
	if (clean_append(out, v) == 0)
		g_string_truncate(out, mark);
}

/* The record re-serialised with `delim` (quoted where needed), appended to out. */
static void
raw_append(GString *out, const gig__csv_record *rec, char delim)
{
	const char special[] = {delim, '"', '\n', '\r', '\0'};
	for (size_t i = 0; i < rec->n; i++) {
		const char *f = rec->f[i];
		if (i > 0)
			g_string_append_c(out, delim);
		size_t plain = strcspn(f, special);
		if (f[plain] != '\0') {
			g_string_append_c(out, '"');
			for (const char *p = f; *p; p++) {
				if (*p == '"')
					g_string_append_c(out, '"');
				g_string_append_c(out, *p);
			}
			g_string_append_c(out, '"');
		} else {
			gig__str_add(out, f, plain);
		}
	}
}

/* Points the row's strings into its buffer (after the buffer grew or moved). */
static void
prow_fix(struct prow *p)
{
	char *t = p->text->str;
	p->row.payee = t + p->payee;
	p->row.memo = t + p->memo;
	p->row.external_id = p->ext == NONE ? NULL : t + p->ext;
	p->row.raw = t + p->raw;
	p->row.fingerprint = p->fp;
}

static struct prow *
prow_get(gig__row_pool *pool)
{
	struct prow *p = NULL;
	g_mutex_lock(&pool->lock);
	if (pool->spare != NULL && pool->spare->len > 0)
		p = g_ptr_array_steal_index_fast(pool->spare, pool->spare->len - 1);
	g_mutex_unlock(&pool->lock);
	if (p != NULL) {
		g_string_truncate(p->text, 0);
	} else {
		p = g_new(struct prow, 1);
		p->text = g_string_sized_new(256);
	}
	memset(&p->row, 0, sizeof(p->row));
	p->fp[0] = '\0';
	p->fp_old[0] = '\0';
	return p;
}

void
gig__pool_put(gig__row_pool *pool, gig_csv_row *row)
{
	if (row == NULL)
		return;
	g_mutex_lock(&pool->lock);
	if (pool->spare == NULL)
		pool->spare = g_ptr_array_new();
	g_ptr_array_add(pool->spare, (struct prow *)row);
	g_mutex_unlock(&pool->lock);
}

void
gig__pool_clear(gig__row_pool *pool)
{
	if (pool->spare == NULL)
		return;
	for (size_t i = 0; i < pool->spare->len; i++) {
		struct prow *p = pool->spare->pdata[i];
		g_string_free(p->text, TRUE);
		g_free(p);
	}
	g_ptr_array_free(pool->spare, TRUE);
	pool->spare = NULL;
}

/* A standalone copy of a built row, for consumers that keep rows. */
static gig_csv_row *
prow_detach(const struct prow *p)
{
	gig_csv_row *row = g_new(gig_csv_row, 1);
	*row = p->row;
	row->payee = g_strdup(p->row.payee);
	row->memo = g_strdup(p->row.memo);
	row->external_id = g_strdup(p->row.external_id);
	row->raw = g_strdup(p->row.raw);
	row->fingerprint = g_strdup(p->row.fingerprint);
	row->old_fingerprint = g_strdup(p->row.old_fingerprint);
	row->category = NULL;
	return row;
}

/* A continuation record's text joins the held row's memo. */
static void
prow_append_memo(gig__rows *u, struct prow *p, const gig__csv_record *rec)
{
	GString *m = u->tmp;
	g_string_assign(m, p->text->str + p->memo);
	for (size_t i = 0; i < rec->n; i++)
		join_append(m, 0, rec->f[i]);
	p->memo = p->text->len;
	g_string_append_len(p->text, m->str, (gssize)m->len + 1);
	prow_fix(p);
}

/* "FILE:LINE:COL: column 'Betrag': 'VALUE' what": the value first, then what was expected. */
static bool
cell_error(gig__rows *u, const gig__csv_record *rec, int c, int code, const char *what,
           GError **error)
{
	g_autofree char *lab = gig__col_label(&u->d->l, c);
	g_set_error(error, GIG_ERROR, code, "%s:%" G_GINT64_FORMAT ":%d: column %s: '%s' %s",
	            u->d->path, rec->line, c + 1, lab, gig__cell(rec, c), what);
	return false;
}

/* gig__money_shape_of() of cell c, from what counting found when it looked. */
static bool
cell_shape(gig__rows *u, const gig__csv_record *rec, int c, gig__money_shape *sh)
{
	if (c >= 0 && c < 64 && (u->shapes->known >> c & 1)) {
		if (!(u->shapes->ok >> c & 1))
			return false;
		*sh = u->shapes->shape[c];
		return true;
	}
	return gig__money_shape_of(gig__cell(rec, c), sh);
}

/* Exact value of cell c in minor units; *sh gets its shape. */
static bool
money_cell(gig__rows *u, const gig__csv_record *rec, int c, int exponent, int64_t *out,
           gig__money_shape *sh, GError **error)
{
	if (!cell_shape(u, rec, c, sh))
		return cell_error(
		    u, rec, c, GIG_ERROR_INVALID_INPUT,
		    "is not an amount (expected a number such as 1,234.56, 1.234,56 or "
		    "-12.00, with an optional currency and Dr/Cr marker)",
		    error);
	char mark = u->d->col[c].mark;
	int rc = gig__money_value(sh, mark, exponent, out);
	if (rc == GIG__AMOUNT_OK)
		return true;
	/* never a different number: say what the column's amounts look like */
	g_autofree char *what = g_strdup_printf(
	    "is not an amount in the column's format %s (decimal mark '%c'): it %s",
	    mark == ',' ? "1.234,56" : "1,234.56", mark, gig__amount_status_text(rc));
	return cell_error(
	    u, rec, c, rc == GIG__AMOUNT_TOO_LARGE ? GIG_ERROR_OVERFLOW : GIG_ERROR_INVALID_INPUT,
	    what, error);
}

static bool
is_text_col(const gig__layout *l, size_t c)
{
	if ((int)c == l->col[GIG__COL_PAYEE] || (int)c == l->col[GIG__COL_FROM] ||
	    (int)c == l->col[GIG__COL_TO])
		return true;
	for (size_t i = 0; i < l->n_memo; i++)
		if ((size_t)l->memo[i] == c)
			return true;
	return false;
}

static const char *const balance_words[] = {
    "saldo anterior",          "anfangssaldo", "startsaldo", "opening balance", "saldo inicial",
    "balance brought forward", "endsaldo",     "eindsaldo",  "closing balance", "saldo final",
    "balance carried forward",
};

/* 1 opening, 2 closing, 0 neither */
static int
balance_row(const gig__csv_record *rec)
{
	for (size_t i = 0; i < rec->n; i++) {
		/* cheap test first: the words are ASCII and start with a letter */
		const char *f = rec->f[i];
		while (*f == ' ')
			f++;
		if (!g_ascii_isalpha(*f) || strlen(f) > 40)
			continue;
		char buf[64];
		g_autofree char *heap = NULL;
		const char *n = buf;
		if (gig__ascii_norm(f, buf, sizeof(buf)) == (size_t)-1)
			n = heap = gig__header_norm(f);
		for (size_t j = 0; j < G_N_ELEMENTS(balance_words); j++)
			if (strcmp(n, balance_words[j]) == 0)
				return j < 6 ? 1 : 2;
	}
	return 0;
}

/*
 * The row's currency: its currency cell's code, else the amount's own mark, the
 * header's or the account's.  A currency cell that holds something else than a
 * code is an error: its row would otherwise be taken in another currency than the
 * one it states (a "US$" row of a USD/EUR file booked as EUR); not `strict` (a
 * summary row's stated balance) it falls back as a blank cell does.
 */
static bool
row_currency(gig__rows *u, const gig__csv_record *rec, const gig__money_shape *sh, char cur[4],
             bool strict, GError **error)
{
	const gig__layout *l = &u->d->l;
	const char *c = gig__cell(rec, l->col[GIG__COL_CURRENCY]);
	while (g_ascii_isspace(*c))
		c++;
	size_t n = strlen(c);
	while (n > 0 && g_ascii_isspace(c[n - 1]))
		n--;
	if (n == 3) {
		char code[4] = {c[0], c[1], c[2], '\0'};
		if (gig_currency_normalize(cur, code, NULL)) {
			/* RUR, the rouble's code before 1998, is what Russian banks still write */
			if (strcmp(cur, "RUR") == 0)
				memcpy(cur, "RUB", 4);
			return true;
		}
	}
	if (n > 0 && strict)
		return cell_error(u, rec, l->col[GIG__COL_CURRENCY], GIG_ERROR_INVALID_INPUT,
		                  "is not a currency code (ISO 4217, such as EUR)", error);
	if (sh != NULL && sh->currency[0] != '\0')
		memcpy(cur, sh->currency, 4);
	else if (l->header_currency[0] != '\0')
		memcpy(cur, l->header_currency, 4);
	else
		memcpy(cur, u->d->def_currency, 4);
	return true;
}

/*
 * The money of a transaction record.  *skip is set for rows that move no
 * money (a PayPal "Memo" row) or carry no amount at all.
 */
static bool
amount_of(gig__rows *u, const gig__csv_record *rec, char cur[4], int64_t *out, bool *skip,
          GError **error)
{
	const gig__layout *l = &u->d->l;
	static const int order[] = {GIG__COL_NET, GIG__COL_AMOUNT, GIG__COL_CREDIT, GIG__COL_DEBIT};
	int first = -1;
	gig__money_shape sh;
	for (size_t i = 0; i < G_N_ELEMENTS(order) && first < 0; i++)
		if (l->col[order[i]] >= 0 && !gig__blank(gig__cell(rec, l->col[order[i]])))
			first = l->col[order[i]];
	*skip = first < 0;
	if (first < 0)
		return true;
	bool shaped = cell_shape(u, rec, first, &sh);
	if (!row_currency(u, rec, shaped ? &sh : NULL, cur, true, error))
		return false;
	int exp = exponent_of(u, cur);
	int dir = l->col[GIG__COL_DIRECTION] >= 0
	              ? gig__direction_word(gig__cell(rec, l->col[GIG__COL_DIRECTION]))
	              : 0;
	if (dir == 2) {
		*skip = true;
		return true;
	}
	int64_t amt = 0, v;
	int src = -1;
	if (first == l->col[GIG__COL_NET] || first == l->col[GIG__COL_AMOUNT]) {
		src = first;
		if (!money_cell(u, rec, src, exp, &amt, &sh, error))
			return false;
		int fee = l->col[GIG__COL_FEE];
		if (src == l->col[GIG__COL_AMOUNT] && fee >= 0 &&
		    !gig__blank(gig__cell(rec, fee))) {
			gig__money_shape fs;
			if (!money_cell(u, rec, fee, exp, &v, &fs, error))
				return false;
			if (!gig_money_sub(&amt, amt, v))
				return cell_error(u, rec, fee, GIG_ERROR_OVERFLOW,
				                  "is a fee that takes the amount out of range",
				                  error);
		}
		int rule = u->d->col[src].marks_rule;
		/* the cell's own Dr/Cr marker first; then the direction word, which
		 * decides over the cell's sign (a column of direction words is one
		 * on every row, check_roles(); "-1,533.50" beside "C" is money in) */
		if (sh.cr != 0 || rule != 0)
			amt = gig__money_signed(&sh, amt, rule);
		else if (dir != 0)
			amt = dir > 0 ? llabs(amt) : -llabs(amt);
		else if (!u->d->col[src].has_minus && l->col[GIG__COL_DIRECTION] >= 0) {
			int dc = l->col[GIG__COL_DIRECTION];
			if (gig__blank(gig__cell(rec, dc)) && u->d->col[dc].cr_only && !sh.plus)
				amt = -llabs(amt);
		}
	} else {
		static const int sides[] = {GIG__COL_CREDIT, GIG__COL_DEBIT};
		for (size_t i = 0; i < 2; i++) {
			int c = l->col[sides[i]];
			if (c < 0 || gig__blank(gig__cell(rec, c)))
				continue;
			if (!money_cell(u, rec, c, exp, &v, &sh, error))
				return false;
			/* the column says the direction, whatever sign the cell carries
			 * (debits written "-33.50" or "33.50" are both money out) */
			v = i == 0 ? llabs(v) : -llabs(v);
			if (!gig_money_add(&amt, amt, v))
				return cell_error(
				    u, rec, c, GIG_ERROR_OVERFLOW,
				    "takes the amount (credit plus debit) out of range", error);
		}
	}
	/* each cell is bounded; so is what they make together (amount - fee, credit + debit) */
	if (!gig_amount_ok(amt))
		return cell_error(u, rec, src >= 0 ? src : first, GIG_ERROR_OVERFLOW,
		                  "makes an amount too large (the bound is " GIG_AMOUNT_MAX_TEXT
		                  " minor units)",
		                  error);
	*out = l->invert ? -amt : amt;
	return true;
}

static bool
is_pending_status(const char *v)
{
	char buf[128];
	g_autofree char *heap = NULL;
	const char *n = buf;
	if (gig__ascii_norm(v, buf, sizeof(buf)) == (size_t)-1)
		n = heap = gig__header_norm(v);
	return strstr(n, "pending") != NULL || strstr(n, "vorgemerkt") != NULL ||
	       strcmp(n, "in progress") == 0 || strcmp(n, "ausstehend") == 0;
}

/* The date cell c does not read: "FILE:LINE:COL: column 'Date': '13/25/2024' is not a
 * date in the format %m/%d/%Y (...)": the value first, then what was expected. */
static bool
date_error(gig__rows *u, const gig__csv_record *rec, int c, GError **error)
{
	const char *fmt = date_format_of(u->d, c);
	gig_date d;
	if (fmt == NULL || gig__date_parse_fmt_error(fmt, gig__cell(rec, c), &d, error))
		return cell_error(u, rec, c, GIG_ERROR_INVALID_INPUT, "is not a date", error);
	g_autofree char *lab = gig__col_label(&u->d->l, c);
	g_prefix_error(error, "%s:%" G_GINT64_FORMAT ":%d: column %s: ", u->d->path, rec->line,
	               c + 1, lab);
	return false;
}

/* The balance a summary row states: its balance cell, else its amount. */
static bool
stated_value(gig__rows *u, const gig__csv_record *rec, int64_t *out)
{
	const gig__layout *l = &u->d->l;
	int bc = l->col[GIG__COL_BALANCE];
	gig__money_shape sh;
	char cur[4];
	bool skip = false;
	GError *e = NULL;
	bool ok;
	if (bc >= 0 && !gig__blank(gig__cell(rec, bc)) && cell_shape(u, rec, bc, &sh)) {
		ok = row_currency(u, rec, &sh, cur, false, &e) &&
		     money_cell(u, rec, bc, exponent_of(u, cur), out, &sh, &e);
	} else {
		ok = amount_of(u, rec, cur, out, &skip, &e) && !skip;
	}
	g_clear_error(&e);
	return ok;
}

/*
 * A record whose date cell is no date but that sums up the data: a total
 * ("Total", "Summe", "Итого", "合计" ...) or a balance statement ("Saldo al
 * 15/05", "Closing balance").  Skipped; a balance it states is kept to check.
 */
static bool
summary_record(gig__rows *u, const gig__csv_record *rec)
{
	int kind = 0;
	for (size_t i = 0; i < rec->n && kind == 0; i++)
		kind = gig__summary_cell(rec->f[i]);
	if (kind == 0)
		return false;
	int64_t v;
	if (kind != GIG__SUMMARY_TOTAL && stated_value(u, rec, &v)) {
		if (kind == GIG__SUMMARY_OPENING && !u->opening && u->held == NULL) {
			u->opening = true;
			u->opening_minor = v;
		} else if (kind != GIG__SUMMARY_OPENING) {
			u->closing = true;
			u->closing_last = true;
			u->closing_minor = v;
			u->closing_line = rec->line;
			if (u->row_bal) {
				struct mid_check m = {rec->line, v, u->row_bal_minor};
				g_array_append_val(u->mid, m);
			}
		}
	}
	u->res->skipped_rows++;
	return true;
}

/* The record's date cell (the fallback column's when the date column is empty); *col its column. */
static const char *
date_cell(const gig__layout *l, const gig__csv_record *rec, int *col)
{
	*col = l->col[GIG__COL_DATE];
	const char *cell = gig__cell(rec, *col);
	if (gig__blank(cell) && l->col[GIG__COL_DATE_FALLBACK] >= 0) {
		*col = l->col[GIG__COL_DATE_FALLBACK];
		cell = gig__cell(rec, *col);
	}
	return cell;
}

/* Whether any amount cell of the record holds something. */
static bool
has_money(const gig__layout *l, const gig__csv_record *rec)
{
	static const int roles[] = {GIG__COL_NET, GIG__COL_AMOUNT, GIG__COL_CREDIT, GIG__COL_DEBIT};
	for (size_t i = 0; i < G_N_ELEMENTS(roles); i++)
		if (l->col[roles[i]] >= 0 && !gig__blank(gig__cell(rec, l->col[roles[i]])))
			return true;
	return false;
}

/* A record without a date: text only continues the held row, anything else is skipped. */
static void
undated_record(gig__rows *u, const gig__csv_record *rec, bool money)
{
	const gig__layout *l = &u->d->l;
	bool text_only = !money && u->held != NULL;
	for (size_t i = 0; i < rec->n && text_only; i++)
		text_only = gig__blank(rec->f[i]) || is_text_col(l, i);
	if (text_only)
		prow_append_memo(u, (struct prow *)u->held, rec);
	else
		u->res->skipped_rows++;
}

/* A dated opening/closing balance row ("Anfangssaldo", "Endsaldo"): kept to check. */
static void
balance_record(gig__rows *u, const gig__csv_record *rec, int which)
{
	char cur[4];
	int64_t amt = 0;
	bool skip = false;
	GError *e = NULL;
	if (amount_of(u, rec, cur, &amt, &skip, &e) && !skip) {
		if (which == 1) {
			u->opening = true;
			u->opening_minor = amt;
		} else {
			u->closing = true;
			u->closing_last = true;
			u->closing_minor = amt;
			u->closing_line = rec->line;
		}
	}
	g_clear_error(&e);
	u->res->skipped_rows++;
}

enum { DATE_OK, DATE_SKIPPED, DATE_FAILED };

/* The record's date: DATE_OK with *date (and *pending for a "Pending" date cell),
 * DATE_SKIPPED for a record that is no transaction, DATE_FAILED with *error. */
static int
record_date(gig__rows *u, const gig__csv_record *rec, int dc, const char *dcell, bool money,
            gig_date *date, bool *pending, GError **error)
{
	const gig__layout *l = &u->d->l;
	const char *dtrim = dcell;
	while (*dtrim == ' ')
		dtrim++;
	if (g_ascii_strncasecmp(dtrim, "pending", 7) == 0 && gig__blank(dtrim + 7)) {
		*pending = true;
		*date = u->d->max_date != INT32_MIN ? u->d->max_date : u->d->today;
		if (u->d->max_date != INT32_MIN &&
		    gig__date_format_yearless(date_format_of(u->d, dc)))
			*date = gig__date_in_year_of(*date, u->d->year_ref);
		u->took_max_date = true; /* speculation must have had it right */
		if (*date != GIG_DATE_NONE)
			return DATE_OK;
		cell_error(u, rec, dc, GIG_ERROR_INVALID_INPUT,
		           "has no date, and no other row of the file has one", error);
		return DATE_FAILED;
	}
	if (row_date(u, dc, dcell, date))
		return DATE_OK;
	if (summary_record(u, rec))
		return DATE_SKIPPED;
	if (money && (l->ncols == 0 || rec->n >= l->ncols)) {
		date_error(u, rec, dc, error);
		return DATE_FAILED;
	}
	u->res->skipped_rows++;
	return DATE_SKIPPED;
}

/* The row's running balance, when its balance cell holds an amount. */
static bool
row_balance(gig__rows *u, const gig__csv_record *rec, gig_csv_row *row, GError **error)
{
	int bc = u->d->l.col[GIG__COL_BALANCE];
	gig__money_shape sh;
	if (bc < 0 || gig__blank(gig__cell(rec, bc)))
		return true;
	/* a balance that is no amount at all ("n/a") is left out; one that looks like an
	 * amount but breaks the column's grammar is an error, as in the amount column */
	if (!cell_shape(u, rec, bc, &sh))
		return true;
	if (!money_cell(u, rec, bc, exponent_of(u, row->currency), &row->balance_minor, &sh, error))
		return false;
	row->balance_minor = gig__money_signed(&sh, row->balance_minor, u->d->col[bc].marks_rule);
	row->has_balance = true;
	return true;
}

/* Payee, memo, id and raw text one after the other in the row's buffer. */
static void
row_text(gig__rows *u, struct prow *p, const gig__csv_record *rec)
{
	const gig__layout *l = &u->d->l;
	GString *t = p->text;
	p->payee = 0;
	if (clean_append(t, gig__cell(rec, l->col[GIG__COL_PAYEE])) == 0 &&
	    (l->col[GIG__COL_FROM] >= 0 || l->col[GIG__COL_TO] >= 0))
		clean_append(
		    t,
		    gig__cell(rec, l->col[p->row.amount_minor < 0 ? GIG__COL_TO : GIG__COL_FROM]));
	bool no_payee = t->len == 0;
	g_string_append_c(t, '\0');
	p->memo = t->len;
	for (size_t i = 0; i < l->n_memo; i++)
		join_append(t, p->memo, gig__cell(rec, l->memo[i]));
	/* ragged rows: free text that spilled past the last header column */
	for (size_t i = l->ncols; l->ncols > 0 && i < rec->n; i++)
		join_append(t, p->memo, rec->f[i]);
	g_string_append_c(t, '\0');
	if (no_payee) {
		/* the memo becomes the payee, and the memo the payee's empty text */
		p->payee = p->memo;
		p->memo = 0;
	}
	p->ext = t->len;
	if (clean_append(t, gig__cell(rec, l->col[GIG__COL_ID])) == 0)
		p->ext = NONE;
	else
		g_string_append_c(t, '\0');
	p->raw = t->len;
	raw_append(t, rec, l->delim);
	g_string_append_c(t, '\0');
	prow_fix(p);
}

/* A record into *out, or *out NULL when it is no transaction (blank, continuation,
 * summary, cancelled, no amount). */
static bool
convert(gig__rows *u, const gig__csv_record *rec, gig_csv_row **out, GError **error)
{
	const gig__layout *l = &u->d->l;
	*out = NULL;
	bool blank = true;
	for (size_t i = 0; i < rec->n && blank; i++)
		blank = gig__blank(rec->f[i]);
	if (blank)
		return true;
	int dc;
	const char *dcell = date_cell(l, rec, &dc);
	bool money = has_money(l, rec);
	if (gig__blank(dcell)) {
		undated_record(u, rec, money);
		return true;
	}
	int which = balance_row(rec);
	if (which != 0) {
		balance_record(u, rec, which);
		return true;
	}
	gig_date date;
	bool pending = false;
	int got = record_date(u, rec, dc, dcell, money, &date, &pending, error);
	if (got != DATE_OK)
		return got == DATE_SKIPPED;
	/* pending by a status word, but a row the running balance already contains is posted;
	 * cancelled or declined payments moved no money */
	int sc = l->col[GIG__COL_STATUS];
	int status = sc >= 0 ? gig__status_word(gig__cell(rec, sc)) : 0;
	if (status == GIG__STATUS_CANCELLED) {
		u->res->skipped_rows++;
		return true;
	}
	char cur[4];
	int64_t amt = 0;
	bool skip = false;
	if (!amount_of(u, rec, cur, &amt, &skip, error))
		return false;
	if (skip) {
		u->res->skipped_rows++;
		g_array_append_val(u->res->skipped_no_amount, rec->line);
		return true;
	}
	struct prow *p = prow_get(u->pool);
	gig_csv_row *row = &p->row;
	row->line_no = rec->line;
	row->posted_on = date;
	row->amount_minor = amt;
	memcpy(row->currency, cur, 4);
	if (!row_balance(u, rec, row, error)) {
		gig__pool_put(u->pool, row);
		return false;
	}
	bool bal_cell = row->has_balance || (l->col[GIG__COL_BALANCE] >= 0 &&
	                                     !gig__blank(gig__cell(rec, l->col[GIG__COL_BALANCE])));
	if (sc >= 0 && !bal_cell &&
	    (status == GIG__STATUS_PENDING || is_pending_status(gig__cell(rec, sc))))
		pending = true;
	u->row_bal = row->has_balance;
	u->row_bal_minor = row->balance_minor;
	u->closing_last = false;
	row->pending = pending;
	row_text(u, p, rec);
	row->fate = pending ? GIG_ROW_PENDING : GIG_ROW_NEW;
	*out = row;
	return true;
}

static uint64_t
fnv1a(const char *s, size_t n)
{
	uint64_t h = 1469598103934665603ull;
	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211ull;
	}
	return h;
}

/* "YYYY-MM-DD" without printf (gig_date_format for years outside 0..9999). */
size_t
gig__date_text(char buf[GIG_DATE_BUFSZ], gig_date date)
{
	int y, m, d;
	gig_date_to_ymd(date, &y, &m, &d);
	if (y < 0 || y > 9999) {
		gig_date_format(buf, date);
		return strlen(buf);
	}
	buf[0] = (char)('0' + y / 1000);
	buf[1] = (char)('0' + y / 100 % 10);
	buf[2] = (char)('0' + y / 10 % 10);
	buf[3] = (char)('0' + y % 10);
	buf[4] = '-';
	buf[5] = (char)('0' + m / 10);
	buf[6] = (char)('0' + m % 10);
	buf[7] = '-';
	buf[8] = (char)('0' + d / 10);
	buf[9] = (char)('0' + d % 10);
	buf[10] = '\0';
	return 10;
}

/* Decimal text of v, as printf's %lld writes it. */
static void
append_int(GString *out, int64_t v)
{
	char buf[24];
	size_t i = sizeof(buf);
	uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
	do {
		buf[--i] = (char)('0' + u % 10);
		u /= 10;
	} while (u != 0);
	if (v < 0)
		buf[--i] = '-';
	gig__str_add(out, buf + i, sizeof(buf) - i);
}

static void
occ_rehash(struct occ_table *t, size_t cap, gig_date keep_only)
{
	struct occ *old = t->slot;
	size_t old_cap = t->cap;
	t->slot = g_new0(struct occ, cap);
	t->cap = cap;
	t->used = 0;
	for (size_t i = 0; i < old_cap; i++) {
		if (old[i].key == 0)
			continue;
		if (keep_only != GIG_DATE_NONE && old[i].date != keep_only) {
			gig_date d = old[i].date;
			if (!t->forgot || d < t->forgot_lo)
				t->forgot_lo = d;
			if (!t->forgot || d > t->forgot_hi)
				t->forgot_hi = d;
			t->forgot = true;
			continue;
		}
		size_t j = (size_t)old[i].key & (cap - 1);
		while (t->slot[j].key != 0)
			j = (j + 1) & (cap - 1);
		t->slot[j] = old[i];
		t->used++;
	}
	g_free(old);
}

/* The entry for `key` (inserted with count 0 when new); NULL when the row's day
 * was forgotten by an earlier prune (the file went back in time). */
static struct occ *
occ_get(struct occ_table *t, uint64_t key, gig_date date)
{
	if (key == 0)
		key = 1;
	if (t->forgot && date >= t->forgot_lo && date <= t->forgot_hi)
		return NULL;
	size_t limit = t->cap < OCC_MAX_SLOTS ? t->cap / 2 : t->cap / 4 * 3;
	if (t->used + 1 > limit) {
		if (t->cap < OCC_MAX_SLOTS) {
			occ_rehash(t, t->cap * 2, GIG_DATE_NONE);
		} else {
			/* files come roughly in date order: forget other days */
			occ_rehash(t, t->cap, date);
			if (2 * (t->used + 1) > t->cap) /* one day fills it: grow after all */
				occ_rehash(t, t->cap * 2, GIG_DATE_NONE);
		}
	}
	size_t j = (size_t)key & (t->cap - 1);
	while (t->slot[j].key != 0 && t->slot[j].key != key)
		j = (j + 1) & (t->cap - 1);
	if (t->slot[j].key == 0) {
		t->slot[j].key = key;
		t->slot[j].date = date;
		t->slot[j].count = 0;
		t->used++;
	}
	return &t->slot[j];
}

/* The first GIG__FINGERPRINT_LEN hex digits of the SHA-256 of `b` into fp. */
static void digest_hex(GChecksum *sha, const GString *b, char *fp);
static void
fp_hex(gig__rows *u, const GString *b, char *fp)
{
	digest_hex(u->sha, b, fp);
}

/* Appends "#OCC", the occurrence index of the text in b among equals of that day. */
static bool
occurrence_append(gig__rows *u, GString *b, gig_date day)
{
	struct occ *o = occ_get(&u->occ, fnv1a(b->str, b->len), day);
	if (o == NULL)
		return false;
	g_string_append_c(b, '#');
	append_int(b, o->count++);
	return true;
}

/*
 * SHA-256 of the normalised identity plus the occurrence index among equals:
 * "DATE|AMOUNT|CUR|payee|memo|ID#OCC", kept as its first 64 bits in hex
 * (GIG__FINGERPRINT_LEN characters; sql/0005 cut older, full-length ones
 * to the same prefix, so both compare equal).
 *
 * The running balance is left out: with it, two identical coffees split across
 * two exports were told apart, but every row after a back-dated one that a later
 * export gained changed identity and was imported twice.  The look-up of rows
 * imported before sql/0015 (gig__scan_set_old_identity) is kept; with the
 * balance left out their old fingerprint is the row's own.
 */
/* "DATE|AMOUNT|CUR|payee|memo|ID" of a row into b (the identity before "#OCC"). */
static void
identity_text(GString *b, const gig_csv_row *row)
{
	char date[GIG_DATE_BUFSZ];
	size_t dn = gig__date_text(date, row->posted_on);
	g_string_truncate(b, 0);
	gig__str_add(b, date, dn);
	g_string_append_c(b, '|');
	append_int(b, row->amount_minor);
	g_string_append_c(b, '|');
	gig__str_add(b, row->currency, strlen(row->currency));
	g_string_append_c(b, '|');
	gig__text_norm_append(b, row->payee);
	g_string_append_c(b, '|');
	gig__text_norm_append(b, row->memo);
	g_string_append_c(b, '|');
	if (row->external_id)
		gig__str_add(b, row->external_id, strlen(row->external_id));
}

static void
digest_hex(GChecksum *sha, const GString *b, char *fp)
{
	guint8 digest[32];
	gsize dlen = sizeof(digest);
	g_checksum_reset(sha);
	g_checksum_update(sha, (const guchar *)b->str, (gssize)b->len);
	g_checksum_get_digest(sha, digest, &dlen);
	static const char hex[] = "0123456789abcdef";
	for (size_t i = 0; i < GIG__FINGERPRINT_LEN / 2; i++) {
		fp[2 * i] = hex[digest[i] >> 4];
		fp[2 * i + 1] = hex[digest[i] & 15];
	}
	fp[GIG__FINGERPRINT_LEN] = '\0';
}

void
gig__row_fingerprint_at(const gig_csv_row *row, uint32_t occ, char out[GIG__FINGERPRINT_LEN + 1])
{
	GString *b = g_string_sized_new(128);
	identity_text(b, row);
	g_string_append_c(b, '#');
	append_int(b, occ);
	GChecksum *sha = g_checksum_new(G_CHECKSUM_SHA256);
	digest_hex(sha, b, out);
	g_checksum_free(sha);
	g_string_free(b, TRUE);
}

static bool
fingerprint(gig__rows *u, gig_csv_row *row)
{
	GString *b = u->base;
	identity_text(b, row);
	struct prow *p = (struct prow *)row;
	/* The running balance is not part of the identity: a later export that gains a
	 * back-dated row shifts the balance of every row after it, and those rows must
	 * stay duplicates (tests/cli/test_import_backdated.sh); import_db.c (13) uses it
	 * only to tell a row from its identical twin.  One occurrence count per
	 * row: the old identity is the same text, so it is the same fingerprint. */
	if (!occurrence_append(u, b, row->posted_on))
		return false;
	fp_hex(u, b, p->fp);
	row->fingerprint = p->fp;
	if (row->has_balance && u->d->old_identity)
		row->old_fingerprint = p->fp;
	return true;
}

/*
 * Sums that overflow int64 cannot be compared: the chain is then left unchecked
 * (emit() turns the overflowing total into GIG_ERROR_OVERFLOW right after).
 */
static bool
chain_add(int64_t *acc, int64_t v)
{
	return gig_money_add(acc, *acc, v);
}

static void
chain_row(gig__rows *u, const gig_csv_row *row)
{
	/* a file with rows in several currencies (Wise, PayPal) has one running balance
	 * per currency: the chain follows the first currency's; the import checks each
	 * account's balance against the ledger (import_db.c (12), (14)) */
	if (u->chain_cur[0] == '\0')
		memcpy(u->chain_cur, row->currency, 4);
	else if (strcmp(u->chain_cur, row->currency) != 0)
		return;
	bool fwd_ok = chain_add(&u->fwd.acc, row->amount_minor);
	if (row->has_balance) {
		int64_t want = 0;
		if (u->fwd.have && fwd_ok && gig_money_add(&want, u->fwd.last_bal, u->fwd.acc) &&
		    want != row->balance_minor) {
			u->fwd.count++;
			add_break(u->fwd.breaks, row->line_no, want, row->balance_minor,
			          "running balance");
		}
		u->fwd.have = true;
		u->fwd.last_bal = row->balance_minor;
		u->fwd.acc = 0;
		/* newest first: this (older) balance = the newer one minus what came since */
		if (u->rev.have && gig_money_sub(&want, u->rev.last_bal, u->rev.acc) &&
		    want != row->balance_minor) {
			u->rev.count++;
			add_break(u->rev.breaks, u->rev.last_line, want, row->balance_minor,
			          "running balance");
		}
		u->rev.have = true;
		u->rev.last_bal = row->balance_minor;
		u->rev.last_line = row->line_no;
		u->rev.acc = row->amount_minor;
		if (!u->any_bal) {
			u->first_bal = row->balance_minor;
			u->first_bal_on = row->posted_on;
		}
		u->any_bal = true;
		u->last_bal = row->balance_minor;
		u->last_bal_on = row->posted_on;
	} else if (!chain_add(&u->rev.acc, row->amount_minor)) {
		u->rev.have = false; /* cannot be checked any more */
	}
	if (!fwd_ok)
		u->fwd.have = false;
}

static bool
emit(gig__rows *u, GError **error)
{
	gig_csv_row *row = g_steal_pointer(&u->held);
	if (row == NULL)
		return true;
	if (!fingerprint(u, row)) {
		/* Never guess an occurrence index: a wrong one would drop a real row. */
		g_set_error(error, GIG_ERROR, GIG_ERROR_INVALID_INPUT,
		            "%s:%" G_GINT64_FORMAT ": the dates go back to an earlier day after "
		            "more than %u rows, too far to tell repeated rows apart; sort the "
		            "file by date (or split it) and import it again",
		            u->d->path, row->line_no, OCC_MAX_SLOTS / 4 * 3);
		gig__pool_put(u->pool, row);
		return false;
	}
	if (!row->pending) {
		chain_row(u, row);
		/* |amount| <= GIG_AMOUNT_MAX < 10^15 and INT64_MAX > 9.2 * 10^18, so 9,223
		 * amounts at the bound always fit; a longer file of them can still overflow */
		if (!gig_money_add(&u->posted_sum, u->posted_sum, row->amount_minor)) {
			g_set_error(error, GIG_ERROR, GIG_ERROR_OVERFLOW,
			            "%s:%" G_GINT64_FORMAT ": the total does not fit in 64 bits",
			            u->d->path, row->line_no);
			gig__pool_put(u->pool, row);
			return false;
		}
	}
	if (!u->pool->recycle) {
		/* the consumer keeps or frees rows itself */
		gig_csv_row *own = prow_detach((struct prow *)row);
		gig__pool_put(u->pool, row);
		row = own;
	}
	return u->cb(row, u->payload, error);
}

/* The balance the file states at its end, for the import to compare with the ledger. */
static void
stated_balance(gig__rows *u, bool rev)
{
	gig_import_result *res = u->res;
	if (u->closing && (u->closing_last || !u->any_bal)) {
		res->has_stated_balance = true;
		res->stated_balance_minor = u->closing_minor;
	} else if (u->d->pre_closing) {
		res->has_stated_balance = true;
		res->stated_balance_minor = u->d->pre_closing_minor;
	} else if (u->any_bal) {
		res->has_stated_balance = true;
		res->stated_balance_minor = rev ? u->first_bal : u->last_bal;
		res->stated_balance_on = rev ? u->first_bal_on : u->last_bal_on;
	}
}

static void
finish_balances(gig__rows *u)
{
	bool rev = u->rev.count < u->fwd.count;
	GPtrArray *chosen = rev ? u->rev.breaks : u->fwd.breaks;
	GPtrArray *dst = u->res->balance_breaks;
	guint moved = dst->len + chosen->len;
	for (size_t i = 0; i < chosen->len; i++)
		g_ptr_array_add(dst, g_steal_pointer(&chosen->pdata[i]));
	if (u->d->pre_closing && u->any_bal) {
		int64_t newest = rev ? u->first_bal : u->last_bal;
		if (newest != u->d->pre_closing_minor)
			add_break(dst, u->d->pre_closing_line, newest, u->d->pre_closing_minor,
			          "closing balance stated above the header");
	}
	if (u->d->pre_opening && u->d->pre_closing && !u->any_bal &&
	    u->d->pre_opening_minor + u->posted_sum != u->d->pre_closing_minor)
		add_break(dst, u->d->pre_closing_line, u->d->pre_opening_minor + u->posted_sum,
		          u->d->pre_closing_minor,
		          "closing balance stated above the header does not follow from the "
		          "opening balance");
	if (u->opening && u->closing && u->opening_minor + u->posted_sum != u->closing_minor)
		add_break(dst, u->closing_line, u->opening_minor + u->posted_sum, u->closing_minor,
		          "closing balance row does not follow from the opening balance row");
	/* a balance row between the data states the balance after the row above it
	 * (oldest first; newest first it would be the one below, not checked) */
	for (guint i = 0; !rev && u->any_bal && i < u->mid->len; i++) {
		const struct mid_check *m = &g_array_index(u->mid, struct mid_check, i);
		if (m->stated != m->above)
			add_break(dst, m->line, m->above, m->stated, "balance row");
	}
	/* the chain's breaks were counted past the 1,000 kept; the checks above add theirs */
	u->res->balance_breaks_total = (rev ? u->rev.count : u->fwd.count) + (dst->len - moved);
	stated_balance(u, rev);
}

gig__rows *
gig__rows_new(const gig__decisions *d, gig__row_pool *pool, gig_import_result *res, gig__row_cb cb,
              void *payload)
{
	gig__rows *u = g_new0(gig__rows, 1);
	u->d = d;
	u->pool = pool;
	u->res = res;
	u->cb = cb;
	u->payload = payload;
	u->exp = gig_currency_exponent(u->exp_cur); /* of "", so the cache starts consistent */
	u->occ.cap = 1024;
	u->occ.slot = g_new0(struct occ, u->occ.cap);
	u->sha = g_checksum_new(G_CHECKSUM_SHA256);
	u->base = g_string_sized_new(256);
	u->tmp = g_string_sized_new(64);
	u->fwd.breaks = g_ptr_array_new_with_free_func((GDestroyNotify)break_free);
	u->rev.breaks = g_ptr_array_new_with_free_func((GDestroyNotify)break_free);
	u->mid = g_array_new(FALSE, FALSE, sizeof(struct mid_check));
	return u;
}

/* A statement file's row (import_stmt.c), built into a pooled row as convert() builds
 * a CSV record's, so that it takes the same way from here on. */
static gig_csv_row *
stmt_row(gig__rows *u, const gig_csv_row *in)
{
	struct prow *p = prow_get(u->pool);
	gig_csv_row *row = &p->row;
	GString *t = p->text;
	row->line_no = in->line_no;
	row->posted_on = in->posted_on;
	row->amount_minor = in->amount_minor;
	memcpy(row->currency, in->currency, 4);
	row->pending = in->pending;
	row->fate = in->fate;
	p->payee = t->len;
	g_string_append_len(t, in->payee, (gssize)strlen(in->payee) + 1);
	p->memo = t->len;
	g_string_append_len(t, in->memo, (gssize)strlen(in->memo) + 1);
	p->ext = NONE;
	if (in->external_id != NULL) {
		p->ext = t->len;
		g_string_append_len(t, in->external_id, (gssize)strlen(in->external_id) + 1);
	}
	p->raw = t->len;
	g_string_append_len(t, in->raw, (gssize)strlen(in->raw) + 1);
	prow_fix(p);
	return row;
}

bool
gig__rows_record(gig__rows *u, const gig__csv_record *rec, const struct gig__shape_cache *shapes,
                 GError **error)
{
	u->shapes = shapes;
	gig_csv_row *row = NULL;
	if (!convert(u, rec, &row, error))
		return false;
	if (row == NULL)
		return true;
	bool ok = emit(u, error);
	u->held = row;
	return ok;
}

bool
gig__rows_stmt(gig__rows *u, const gig_csv_row *in, GError **error)
{
	gig_csv_row *row = stmt_row(u, in);
	bool ok = emit(u, error);
	u->held = row;
	return ok;
}

bool
gig__rows_finish(gig__rows *u, GError **error)
{
	if (!emit(u, error))
		return false;
	finish_balances(u);
	return true;
}

bool
gig__rows_took_max_date(const gig__rows *u)
{
	return u->took_max_date;
}

void
gig__rows_free(gig__rows *u)
{
	if (u == NULL)
		return;
	gig__pool_put(u->pool, u->held);
	g_free(u->occ.slot);
	g_string_free(u->base, TRUE);
	g_string_free(u->tmp, TRUE);
	g_checksum_free(u->sha);
	g_ptr_array_unref(u->fwd.breaks);
	g_ptr_array_unref(u->rev.breaks);
	g_array_unref(u->mid);
	g_free(u);
}
