/*
 * import_scan.c: passes 1 and 2 of reading a bank export.
 *
 * Pass 1 reads a prefix of the file: delimiter, header row (the record in
 * the first 60 whose names are best recognised; everything above it is
 * preamble), profile (named, or auto-selected by header fingerprint / first
 * line), and checks each column's claimed role against its values.
 * Pass 2 streams the whole file once and counts, per column, how many
 * values each date format reads and how the amounts vote on the decimal
 * mark; the decisions are made from all values, not from the first one.
 *
 * Speculation (gig__scan_prepare(..., speculate = true), for the importer):
 * when the file has more than gig__scan_spec_records data records, pass 2
 * stops there and decides from them; pass 3 (import_rows.c) then counts every
 * value again into spec_st as it converts, and at the end gig__scan_verify()
 * decides from all of them.  When both decisions agree, pass 3 read every row
 * exactly as after a full pass 2, one reading of the file sooner; when they
 * do not (or anything fails), the importer starts again without speculation
 * (GIG__SCAN_RESCAN), so the outcome is always that of the full pass 2.
 */
#include <string.h>

#include "import_scan.h"
#include "import_stmt.h"

#define SAMPLE 200

size_t gig__scan_spec_records = 10000;

bool
gig__blank(const char *s)
{
	for (; s && *s; s++)
		if (!g_ascii_isspace(*s))
			return false;
	return true;
}

char *
gig__col_label(const struct gig__scan *s, int c)
{
	const char *nm = gig__layout_name(&s->l, c);
	if (nm && *nm)
		return g_strdup_printf("'%s'", nm);
	return g_strdup_printf("#%d", c + 1);
}

bool
gig__scan_date(const struct gig__scan *s, int c, const char *text, gig_date *out)
{
	const char *fmt = s->l.date_format;
	if (fmt == NULL && c >= 0 && (size_t)c < s->nst && s->st[c].fmt >= 0)
		fmt = gig__date_formats[s->st[c].fmt];
	if (fmt == NULL)
		return false;
	return gig__date_parse_fmt(fmt, text, out);
}

void
gig__scan_free(gig__scan *s)
{
	if (s == NULL)
		return;
	gig__csv_free(s->r);
	gig__layout_clear(&s->l);
	g_free(s->st);
	g_free(s->spec_st);
	g_free(s->first_line);
	if (s->stmt_rows != NULL)
		g_ptr_array_unref(s->stmt_rows);
	gig__scan_spare_free(s);
	g_mutex_clear(&s->spare_lock);
	g_free(s);
}

static const char *const dir_plus[] = {"c",     "cr",     "credit", "bij",       "h",
                                       "haben", "inflow", "in",     "gutschrift"};
static const char *const dir_minus[] = {"d",    "dr",      "debit", "af",         "s",
                                        "soll", "outflow", "out",   "lastschrift"};

int
gig__direction_word(const char *text)
{
	char buf[64];
	g_autofree char *heap = NULL;
	const char *n = buf;
	if (gig__ascii_norm(text, buf, sizeof(buf)) == (size_t)-1)
		n = heap = gig__header_norm(text);
	for (size_t i = 0; i < G_N_ELEMENTS(dir_plus); i++)
		if (strcmp(n, dir_plus[i]) == 0)
			return 1;
	for (size_t i = 0; i < G_N_ELEMENTS(dir_minus); i++)
		if (strcmp(n, dir_minus[i]) == 0)
			return -1;
	return strcmp(n, "memo") == 0 ? 2 : 0;
}

typedef struct {
	GPtrArray *recs; /* GStrv */
	GArray *lines;   /* int64_t */
} sample;

static bool
read_sample(gig__scan *s, sample *sm, GError **error)
{
	if (!gig__csv_rewind(s->r, s->l.delim, error))
		return false;
	const gig__csv_record *rec;
	while (sm->recs->len < SAMPLE) {
		if (!gig__csv_next(s->r, &rec, error))
			return false;
		if (rec == NULL)
			break;
		char **v = g_new0(char *, rec->n + 1);
		for (size_t i = 0; i < rec->n; i++)
			v[i] = g_strdup(rec->f[i]);
		g_ptr_array_add(sm->recs, v);
		g_array_append_val(sm->lines, rec->line);
	}
	return true;
}

/* Fraction tests over the sample's data rows for column c. */
static void
column_kinds(const gig__scan *s, const sample *sm, int c, double *money, double *dated, double *dir,
             double *code, size_t *nonempty)
{
	size_t n = 0, m = 0, d = 0, w = 0, k = 0;
	for (size_t i = (size_t)(s->l.header_index + 1); i < sm->recs->len; i++) {
		char **v = sm->recs->pdata[i];
		if ((size_t)c >= g_strv_length(v) || gig__blank(v[c]))
			continue;
		n++;
		gig__money_shape sh;
		m += gig__money_shape_of(v[c], &sh);
		d += gig__date_reads(s->opts.date_format ? s->opts.date_format : s->l.date_format,
		                     v[c]);
		w += gig__direction_word(v[c]) != 0;
		g_autofree char *t = g_strstrip(g_strdup(v[c]));
		k += strlen(t) == 3 && g_ascii_isalpha(t[0]) && g_ascii_isalpha(t[1]) &&
		     g_ascii_isalpha(t[2]);
	}
	*nonempty = n;
	*money = n ? (double)m / (double)n : 0;
	*dated = n ? (double)d / (double)n : 0;
	*dir = n ? (double)w / (double)n : 0;
	*code = n ? (double)k / (double)n : 0;
}

/* Drops claims the values contradict; finds unnamed direction columns. */
static void
check_roles(gig__scan *s, const sample *sm)
{
	gig__layout *l = &s->l;
	static const int money_roles[] = {GIG__COL_AMOUNT, GIG__COL_NET, GIG__COL_DEBIT,
	                                  GIG__COL_CREDIT, GIG__COL_FEE, GIG__COL_BALANCE};
	double money, dated, dir, code;
	size_t ne;
	for (size_t i = 0; i < G_N_ELEMENTS(money_roles); i++) {
		int c = l->col[money_roles[i]];
		if (c < 0)
			continue;
		column_kinds(s, sm, c, &money, &dated, &dir, &code, &ne);
		/* a named money column goes only if none of its values is an amount */
		if (ne > 0 && money == 0) {
			l->col[money_roles[i]] = -1;
			if (money_roles[i] == GIG__COL_AMOUNT && dir >= 0.9 &&
			    l->col[GIG__COL_DIRECTION] < 0)
				l->col[GIG__COL_DIRECTION] = c;
		}
	}
	static const int date_roles[] = {GIG__COL_DATE, GIG__COL_DATE_FALLBACK,
	                                 GIG__COL_VALUE_DATE};
	for (size_t i = 0; i < G_N_ELEMENTS(date_roles); i++) {
		int c = l->col[date_roles[i]];
		if (c < 0)
			continue;
		column_kinds(s, sm, c, &money, &dated, &dir, &code, &ne);
		if (dated == 0 && ne > 0) {
			l->col[date_roles[i]] = -1;
			if (date_roles[i] == GIG__COL_VALUE_DATE && code > 0.9 &&
			    l->col[GIG__COL_CURRENCY] < 0)
				l->col[GIG__COL_CURRENCY] = c;
		}
	}
	if (l->col[GIG__COL_DATE] < 0) {
		l->col[GIG__COL_DATE] = l->col[GIG__COL_VALUE_DATE];
		l->col[GIG__COL_VALUE_DATE] = -1;
	}
	int c = l->col[GIG__COL_CURRENCY];
	if (c >= 0) {
		column_kinds(s, sm, c, &money, &dated, &dir, &code, &ne);
		if (ne > 0 && code < 0.9)
			l->col[GIG__COL_CURRENCY] = -1;
	}
	c = l->col[GIG__COL_DIRECTION];
	if (c >= 0) {
		column_kinds(s, sm, c, &money, &dated, &dir, &code, &ne);
		if (ne == 0 || dir < 1.0)
			l->col[GIG__COL_DIRECTION] = -1;
	}
	/* an unnamed or unrecognised column that holds only C/D, S/H, CR ... */
	for (size_t col = 0; l->col[GIG__COL_DIRECTION] < 0 && col < l->ncols; col++) {
		bool used = false;
		for (int r = 0; r < GIG__COL_ROLES; r++)
			used |= l->col[r] == (int)col;
		for (size_t m = 0; m < l->n_memo; m++)
			used |= l->memo[m] == (int)col;
		if (used)
			continue;
		column_kinds(s, sm, (int)col, &money, &dated, &dir, &code, &ne);
		if (ne > 0 && dir == 1.0)
			l->col[GIG__COL_DIRECTION] = (int)col;
	}
}

/* Without a header or profile: the first date column and the last money column. */
static bool
infer_headerless(gig__scan *s, const sample *sm, GError **error)
{
	gig__layout *l = &s->l;
	size_t width = 0;
	for (size_t i = 0; i < sm->recs->len; i++)
		width = MAX(width, g_strv_length(sm->recs->pdata[i]));
	l->ncols = width;
	size_t best_text = 0;
	for (size_t c = 0; c < width; c++) {
		double money, dated, dir, code;
		size_t ne;
		column_kinds(s, sm, (int)c, &money, &dated, &dir, &code, &ne);
		if (ne == 0)
			continue;
		if (dated >= 0.8 && l->col[GIG__COL_DATE] < 0)
			l->col[GIG__COL_DATE] = (int)c;
		else if (money >= 0.8 && dated < 0.5)
			l->col[GIG__COL_AMOUNT] = (int)c;
		else if (money < 0.5 && dated < 0.5) {
			size_t len = 0;
			for (size_t i = 0; i < sm->recs->len; i++) {
				char **v = sm->recs->pdata[i];
				if (c < g_strv_length(v))
					len += strlen(v[c]);
			}
			if (len > best_text) {
				best_text = len;
				l->col[GIG__COL_PAYEE] = (int)c;
			}
		}
	}
	if (l->col[GIG__COL_DATE] < 0 || l->col[GIG__COL_AMOUNT] < 0) {
		g_set_error(error, GIG_ERROR, GIG_ERROR_INVALID_INPUT,
		            "%s: no header row found and the columns could not be told apart; "
		            "pass --profile NAME (a profile says which column is which)",
		            gig__csv_path(s->r));
		return false;
	}
	return true;
}

/* Above the header: "Saldo;150,00;EUR", "Account Balance:","£100.00". */
static void
preamble_balance(gig__scan *s, char **v, int64_t line)
{
	static const char *const keys[] = {"saldo", "account balance", "closing balance",
	                                   "ledger balance", "balance"};
	size_t n = g_strv_length(v);
	for (size_t i = 0; i + 1 < n; i++) {
		g_autofree char *k = gig__header_norm(v[i]);
		bool hit = false;
		for (size_t j = 0; j < G_N_ELEMENTS(keys); j++)
			hit |= strcmp(k, keys[j]) == 0;
		if (!hit)
			continue;
		gig__money_shape sh;
		if (!gig__money_shape_of(v[i + 1], &sh))
			continue;
		int64_t dot = 0, comma = 0;
		gig__money_vote(&sh, &dot, &comma);
		char mark = comma > dot ? ',' : '.';
		if (gig__money_value(&sh, mark, 2, &s->pre_closing_minor) == 0) {
			s->pre_closing = true;
			s->pre_closing_line = line;
		}
		return;
	}
}

static bool
pass1(gig__scan *s, gig__profile *explicit_prof, GError **error)
{
	sample sm = {g_ptr_array_new_with_free_func((GDestroyNotify)g_strfreev),
	             g_array_new(FALSE, FALSE, sizeof(int64_t))};
	bool ok = read_sample(s, &sm, error);
	g_autoptr(gig__profile) auto_prof = NULL;
	gig__profile *prof = explicit_prof;
	if (ok) {
		int best = 1;
		for (size_t i = 0; i < sm.recs->len && i < 60; i++) {
			char **v = sm.recs->pdata[i];
			int sc = gig__header_score(v, g_strv_length(v));
			if (sc > best) {
				best = sc;
				s->l.header_index = (int64_t)i;
			}
		}
		if (s->l.header_index >= 0) {
			char **h = sm.recs->pdata[s->l.header_index];
			if (!gig__layout_from_header(&s->l, h, g_strv_length(h))) {
				/* not a usable header after all: forget its names too */
				s->l.header_index = -1;
				g_strfreev(s->l.names);
				s->l.names = NULL;
				s->l.n_names = 0;
			} else
				s->l.header_line =
				    g_array_index(sm.lines, int64_t, s->l.header_index);
		}
		size_t first = (size_t)(s->l.header_index + 1);
		if (first < sm.recs->len)
			s->first_line = g_strjoinv((char[]){s->l.delim, 0}, sm.recs->pdata[first]);
		if (prof == NULL && s->opts.profile_dirs != NULL) {
			char **h =
			    s->l.header_index >= 0 ? sm.recs->pdata[s->l.header_index] : NULL;
			char **f0 = sm.recs->len > 0 ? sm.recs->pdata[0] : NULL;
			g_autofree char *line0 =
			    f0 ? g_strjoinv((char[]){s->l.delim, 0}, f0) : NULL;
			ok = gig__profile_find_auto(&auto_prof, s->opts.profile_dirs, h,
			                            h ? g_strv_length(h) : 0, line0, error);
			prof = auto_prof;
		}
	}
	if (ok && prof != NULL) {
		size_t width = 0;
		for (size_t i = 0; i < sm.recs->len; i++)
			width = MAX(width, g_strv_length(sm.recs->pdata[i]));
		ok = gig__profile_apply(prof, &s->l, width, error);
		/* the column statistics must cover every column the profile names */
		s->l.ncols = MAX(s->l.ncols, width);
		if (ok && s->l.header_index >= 0 && (size_t)s->l.header_index < sm.recs->len) {
			char **h = sm.recs->pdata[s->l.header_index];
			s->l.header_line = g_array_index(sm.lines, int64_t, s->l.header_index);
			if (s->l.names == NULL) {
				s->l.names = g_strdupv(h);
				s->l.n_names = g_strv_length(h);
			}
			s->l.ncols = MAX(s->l.ncols, g_strv_length(h));
		}
	}
	if (ok && s->l.header_index < 0 && (prof == NULL || s->l.col[GIG__COL_DATE] < 0))
		ok = infer_headerless(s, &sm, error);
	if (ok) {
		for (int64_t i = 0; i < s->l.header_index; i++)
			preamble_balance(s, sm.recs->pdata[i], g_array_index(sm.lines, int64_t, i));
		if (prof == NULL || s->l.header_index >= 0)
			check_roles(s, &sm);
	}
	g_ptr_array_unref(sm.recs);
	g_array_unref(sm.lines);
	return ok;
}

static bool
is_date_role(const gig__layout *l, int c)
{
	return c >= 0 && (c == l->col[GIG__COL_DATE] || c == l->col[GIG__COL_DATE_FALLBACK] ||
	                  c == l->col[GIG__COL_VALUE_DATE]);
}

static bool
is_money_role(const gig__layout *l, int c)
{
	return c >= 0 && (c == l->col[GIG__COL_AMOUNT] || c == l->col[GIG__COL_NET] ||
	                  c == l->col[GIG__COL_DEBIT] || c == l->col[GIG__COL_CREDIT] ||
	                  c == l->col[GIG__COL_FEE] || c == l->col[GIG__COL_BALANCE]);
}

static void
count_cell(gig__scan *s, struct gig__colstat *arr, gig_date *max_date, int c, const char *v,
           struct gig__shape_cache *cache)
{
	struct gig__colstat *st = &arr[c];
	if (gig__blank(v))
		return;
	st->nonempty++;
	if (is_date_role(&s->l, c) && s->l.date_format == NULL && !st->full &&
	    st->last[0] != '\0' && strcmp(v, st->last) == 0) {
		/* the same text as the column's last date: alive is exactly the formats that
		 * read it, so each of them reads it again, to the same (not later) date */
		for (int i = 0; i < GIG__DATE_FORMATS; i++)
			if (st->alive & (1u << i))
				st->date_hits[i]++;
		st->dated++;
	} else if (is_date_role(&s->l, c) && s->l.date_format == NULL && !st->full) {
		/* fast path: only the formats that have read every date so far */
		uint32_t hit = 0;
		for (int i = 0; i < GIG__DATE_FORMATS; i++) {
			gig_date d;
			if (!(st->alive & (1u << i)) ||
			    !gig__date_parse_fmt(gig__date_formats[i], v, &d))
				continue;
			hit |= 1u << i;
			st->date_hits[i]++;
			if (st->date_hits[i] == 1 || d > st->date_max[i])
				st->date_max[i] = d;
		}
		if (hit != 0) {
			st->dated++;
			st->alive = hit;
			size_t n = strlen(v);
			if (n < sizeof st->last)
				memcpy(st->last, v, n + 1);
			else
				st->last[0] = '\0';
		} else if (gig__date_candidates(v) != 0) {
			st->full = true; /* mixed formats: count every candidate from now on */
			count_cell(s, arr, max_date, c, v, cache);
			st->nonempty--;
			return;
		}
	} else if (is_date_role(&s->l, c) && s->l.date_format == NULL) {
		uint32_t mask = gig__date_candidates(v);
		if (mask != 0)
			st->dated++;
		for (int i = 0; mask != 0 && i < GIG__DATE_FORMATS; i++) {
			if (!(mask & (1u << i)))
				continue;
			gig_date d;
			st->date_hits[i]++;
			if (gig__date_parse_fmt(gig__date_formats[i], v, &d) &&
			    (st->date_hits[i] == 1 || d > st->date_max[i]))
				st->date_max[i] = d;
		}
	} else if (is_date_role(&s->l, c)) {
		gig_date d;
		if (gig__date_parse_fmt(s->l.date_format, v, &d) && d > *max_date)
			*max_date = d;
	}
	if (is_money_role(&s->l, c)) {
		gig__money_shape sh;
		bool ok = gig__money_shape_of(v, &sh);
		if (ok) {
			st->money++;
			st->minus += sh.minus;
			gig__marks_count(&st->marks, &sh);
			gig__money_vote(&sh, &st->dot, &st->comma);
		}
		if (cache != NULL && c < 64) {
			cache->known |= UINT64_C(1) << c;
			if (ok) {
				cache->ok |= UINT64_C(1) << c;
				cache->shape[c] = sh;
			}
		}
	}
	if (c == s->l.col[GIG__COL_DIRECTION]) {
		char buf[64];
		g_autofree char *heap = NULL;
		const char *n = buf;
		if (gig__ascii_norm(v, buf, sizeof(buf)) == (size_t)-1)
			n = heap = gig__header_norm(v);
		if (strcmp(n, "cr") != 0)
			st->cr_only = false;
	}
}

static struct gig__colstat *
colstats_new(size_t n)
{
	struct gig__colstat *st = g_new0(struct gig__colstat, n);
	for (size_t i = 0; i < n; i++) {
		st[i].fmt = -1;
		st[i].cr_only = true;
		st[i].alive = (1u << GIG__DATE_FORMATS) - 1;
	}
	return st;
}

/* Counts every cell of a data record into `arr` (pass 2, or pass 3 when speculating). */
void
gig__scan_count(gig__scan *s, struct gig__colstat *arr, gig_date *max_date,
                const gig__csv_record *rec, struct gig__shape_cache *cache)
{
	if (cache != NULL)
		cache->known = cache->ok = 0;
	for (size_t c = 0; c < rec->n && c < s->nst; c++)
		count_cell(s, arr, max_date, (int)c, rec->f[c], cache);
}

/* Counts the first `limit` data records (all when 0); *complete when that was all of them. */
static bool
pass2(gig__scan *s, uint64_t limit, bool *complete, GError **error)
{
	*complete = false;
	if (!gig__csv_rewind(s->r, s->l.delim, error))
		return false;
	s->nst = MAX(s->l.ncols, 1) + 64;
	g_free(s->st);
	s->st = colstats_new(s->nst);
	s->max_date = INT32_MIN;
	const gig__csv_record *rec;
	uint64_t counted = 0;
	for (int64_t idx = 0;; idx++) {
		if (!gig__csv_next(s->r, &rec, error))
			return false;
		if (rec == NULL)
			break;
		if (idx <= s->l.header_index)
			continue;
		if (limit > 0 && counted == limit)
			return true; /* a record beyond the limit: not complete */
		gig__scan_count(s, s->st, &s->max_date, rec, NULL);
		counted++;
	}
	*complete = true;
	return true;
}

static int
best_format(const struct gig__colstat *st, int *tie)
{
	int best = -1;
	*tie = -1;
	for (int i = 0; i < GIG__DATE_FORMATS; i++) {
		if (st->date_hits[i] == 0)
			continue;
		if (best < 0 || st->date_hits[i] > st->date_hits[best]) {
			best = i;
			*tie = -1;
		} else if (st->date_hits[i] == st->date_hits[best] &&
		           gig__date_formats_swapped(best, i)) {
			*tie = i;
		}
	}
	return best;
}

static bool
decide(gig__scan *s, GError **error)
{
	gig__layout *l = &s->l;
	static const int roles[] = {GIG__COL_DATE, GIG__COL_DATE_FALLBACK, GIG__COL_VALUE_DATE};
	int ties[G_N_ELEMENTS(roles)];
	if (l->date_format == NULL) {
		for (size_t i = 0; i < G_N_ELEMENTS(roles); i++) {
			int c = l->col[roles[i]];
			ties[i] = -1;
			if (c < 0)
				continue;
			s->st[c].fmt = best_format(&s->st[c], &ties[i]);
		}
		/* an ambiguous column takes the order of an unambiguous one */
		for (size_t i = 0; i < G_N_ELEMENTS(roles); i++) {
			int c = l->col[roles[i]];
			if (c < 0 || ties[i] < 0)
				continue;
			for (size_t j = 0; j < G_N_ELEMENTS(roles); j++) {
				int o = l->col[roles[j]];
				if (o >= 0 && ties[j] < 0 && s->st[o].fmt >= 0 &&
				    (s->st[o].fmt == ties[i] || s->st[o].fmt == s->st[c].fmt)) {
					s->st[c].fmt = s->st[o].fmt;
					ties[i] = -1;
				}
			}
		}
		for (size_t i = 0; i < 2; i++) {
			int c = l->col[roles[i]];
			if (c < 0 || ties[i] < 0)
				continue;
			g_autofree char *lab = gig__col_label(s, c);
			const char *a = gig__date_formats[s->st[c].fmt];
			const char *b = gig__date_formats[ties[i]];
			const char *dm = strstr(a, "%d") < strstr(a, "%m") ? a : b;
			const char *md = dm == a ? b : a;
			g_set_error(
			    error, GIG_ERROR, GIG_ERROR_AMBIGUOUS,
			    "%s: the dates in column %s read both day-first and month-first "
			    "(no day is above 12); say which with --date-format %s or "
			    "--date-format %s",
			    gig__csv_path(s->r), lab, dm, md);
			return false;
		}
		int c = l->col[GIG__COL_DATE];
		if (c >= 0 && s->st[c].fmt >= 0)
			s->max_date = s->st[c].date_max[s->st[c].fmt];
	}
	if (l->col[GIG__COL_AMOUNT] < 0 && l->col[GIG__COL_NET] < 0 && l->col[GIG__COL_DEBIT] < 0 &&
	    l->col[GIG__COL_CREDIT] < 0) {
		g_set_error(error, GIG_ERROR, GIG_ERROR_INVALID_INPUT,
		            "%s: no column of amounts found; pass --profile", gig__csv_path(s->r));
		return false;
	}
	if (l->col[GIG__COL_DATE] < 0 ||
	    (l->date_format == NULL && s->st[l->col[GIG__COL_DATE]].fmt < 0)) {
		g_set_error(error, GIG_ERROR, GIG_ERROR_INVALID_INPUT,
		            "%s: no column of dates found; pass --profile or --date-format",
		            gig__csv_path(s->r));
		return false;
	}
	int64_t dot = 0, comma = 0;
	for (size_t c = 0; c < s->nst; c++) {
		dot += s->st[c].dot;
		comma += s->st[c].comma;
	}
	s->file_mark = l->decimal_mark   ? l->decimal_mark
	               : dot != comma    ? (dot > comma ? '.' : ',')
	               : l->delim == ';' ? ','
	                                 : '.';
	for (size_t c = 0; c < s->nst; c++) {
		struct gig__colstat *st = &s->st[c];
		st->mark = l->decimal_mark        ? l->decimal_mark
		           : st->dot != st->comma ? (st->dot > st->comma ? '.' : ',')
		                                  : s->file_mark;
	}
	return true;
}

static char *
sign_rule(const gig__scan *s)
{
	const gig__layout *l = &s->l;
	GString *r = g_string_new(NULL);
	g_autofree char *a = NULL;
	if (l->col[GIG__COL_NET] >= 0) {
		a = gig__col_label(s, l->col[GIG__COL_NET]);
		g_string_printf(r, "net amount %s as signed", a);
	} else if (l->col[GIG__COL_AMOUNT] >= 0) {
		int c = l->col[GIG__COL_AMOUNT];
		a = gig__col_label(s, c);
		if (s->st[c].minus == 0 && l->col[GIG__COL_DIRECTION] >= 0) {
			g_autofree char *d = gig__col_label(s, l->col[GIG__COL_DIRECTION]);
			g_string_printf(r, "unsigned amount %s, sign from %s", a, d);
		} else {
			g_string_printf(r, "amount %s as signed", a);
		}
		const gig__marks *m = &s->st[c].marks;
		if (m->dr > 0 || m->cr > 0)
			g_string_append(r, gig__marks_rule(m) < 0
			                       ? ", Dr/Cr markers (unmarked values are debits)"
			                       : ", Dr/Cr markers");
		if (l->col[GIG__COL_FEE] >= 0)
			g_string_append(r, ", minus the fee column");
	} else {
		g_string_assign(r, "credit column minus debit column");
	}
	if (l->invert)
		g_string_append(r, ", inverted (card issuer's view)");
	return g_string_free(r, FALSE);
}

bool
gig__scan_verify(gig__scan *s)
{
	const gig__layout *l = &s->l;
	struct gig__colstat *d0 = s->st;
	gig_date max0 = s->max_date;
	char mark0 = s->file_mark;
	s->st = s->spec_st;
	s->max_date = s->spec_max_date;
	GError *e = NULL;
	bool same = decide(s, &e) && s->file_mark == mark0 &&
	            (!s->spec_max_date_used || s->max_date == max0);
	g_clear_error(&e);
	for (size_t c = 0; same && c < s->nst; c++) {
		const struct gig__colstat *a = &d0[c], *b = &s->st[c];
		bool signed_col =
		    (int)c == l->col[GIG__COL_AMOUNT] || (int)c == l->col[GIG__COL_NET];
		same = a->fmt == b->fmt && a->mark == b->mark && a->cr_only == b->cr_only &&
		       gig__marks_rule(&a->marks) == gig__marks_rule(&b->marks) &&
		       (!signed_col || (a->minus == 0) == (b->minus == 0));
	}
	s->st = d0;
	s->max_date = max0;
	s->file_mark = mark0;
	return same;
}

int64_t
gig__scan_file_size(const gig__scan *s)
{
	return gig__csv_size(s->r);
}

void
gig__scan_file_sha256(gig__scan *s)
{
	if (s->res->file_sha256 == NULL)
		s->res->file_sha256 = g_strdup(gig__csv_sha256(s->r));
}

bool
gig__scan_speculating(const gig__scan *s)
{
	return s->spec;
}

GQuark
gig__scan_rescan_quark(void)
{
	return g_quark_from_static_string("gig-scan-rescan");
}

bool
gig__scan_prepare(gig__scan **out, const char *path, const gig_import_options *opts, bool speculate,
                  gig_import_result *res, GError **error)
{
	static const gig_import_options defaults = GIG_IMPORT_OPTIONS_INIT;
	g_autoptr(gig__scan) s = g_new0(gig__scan, 1);
	g_mutex_init(&s->spare_lock);
	s->opts = opts ? *opts : defaults;
	s->res = res;
	gig__layout_clear(&s->l);
	if (s->opts.date_format != NULL && !gig__date_format_check(s->opts.date_format, error))
		return false;
	g_autoptr(gig__profile) prof = NULL;
	if (s->opts.profile != NULL &&
	    !gig__profile_load(&prof, s->opts.profile, s->opts.profile_dirs, error))
		return false;
	const char *enc = s->opts.encoding;
	if (enc == NULL && prof != NULL)
		enc = gig__profile_encoding(prof);
	if (!gig__csv_open(&s->r, path, enc, error))
		return false;
	/* OFX, CAMT.053, QIF and MT940 are told by their content, not their name */
	gig__format fmt = gig__format_of_file(path);
	if (fmt != GIG__FMT_CSV) {
		if (!gig__scan_prepare_stmt(s, fmt, error))
			return false;
		*out = g_steal_pointer(&s);
		return true;
	}
	char delim = prof ? gig__profile_delimiter(prof) : 0;
	if (delim == 0 && !gig__csv_sniff_delimiter(s->r, &delim, error))
		return false;
	s->l.delim = delim;
	if (!pass1(s, prof, error))
		return false;
	if (s->opts.date_format != NULL) {
		g_free(s->l.date_format);
		s->l.date_format = g_strdup(s->opts.date_format);
	}
	bool complete = false;
	if (speculate && gig__scan_spec_records > 0) {
		if (!pass2(s, gig__scan_spec_records, &complete, error))
			return false;
		GError *prefix_error = NULL;
		if (!complete && decide(s, &prefix_error)) {
			s->spec = true;
			s->spec_st = colstats_new(s->nst);
			s->spec_max_date = INT32_MIN;
		}
		g_clear_error(&prefix_error); /* undecided so far: read everything first */
	}
	if (!s->spec && !complete && !pass2(s, 0, &complete, error))
		return false;
	if (!s->spec && !decide(s, error))
		return false;
	const char *cur = s->l.currency      ? s->l.currency
	                  : s->opts.currency ? s->opts.currency
	                                     : "EUR";
	if (!gig_currency_normalize(s->def_currency, cur, error))
		return false;

	gig_import_guesses *g = &res->guesses;
	g->encoding = g_strdup(gig__csv_encoding(s->r));
	g->delimiter = s->l.delim;
	g->header_line = s->l.header_index >= 0 ? s->l.header_line : 0;
	int dc = s->l.col[GIG__COL_DATE];
	g->date_format =
	    g_strdup(s->l.date_format ? s->l.date_format : gig__date_formats[s->st[dc].fmt]);
	int ac = s->l.col[GIG__COL_NET] >= 0 ? s->l.col[GIG__COL_NET] : s->l.col[GIG__COL_AMOUNT];
	if (ac < 0)
		ac = s->l.col[GIG__COL_CREDIT] >= 0 ? s->l.col[GIG__COL_CREDIT]
		                                    : s->l.col[GIG__COL_DEBIT];
	g->decimal_mark = ac >= 0 ? s->st[ac].mark : s->file_mark;
	g->sign_rule = sign_rule(s);
	g->columns = gig__layout_describe(&s->l);
	g->profile = g_strdup(s->l.profile);
	g->format = g_strdup("CSV");
	*out = g_steal_pointer(&s);
	return true;
}
