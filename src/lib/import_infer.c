/*
 * import_infer.c: what the columns of an export mean, from their values.
 *
 * Used by pass 1 (import_scan.c) on the sample of the file's first records:
 *
 * - gig__infer_data_start() finds where the data begins by contrast: the
 *   first record that holds a date and an amount and is as wide as the
 *   records that do.  The record just above it is the header when it holds
 *   no data itself, whatever its language; a second such record above that
 *   one is the first half of a header split over two lines.  Everything
 *   higher up is preamble.
 * - gig__infer_roles() scores each column for every role from its values
 *   (dates, signed and unsigned money, running balance checked by its chain
 *   balance[i] = balance[i-1] + amount[i] in either file order, currency
 *   codes, direction and status words, ids, free text) and then assigns the
 *   roles jointly: one booking date, one amount or a debit/credit pair, the
 *   balance that the chain confirms, the longest varied text as the payee.
 *   Header names are hints that raise a role's score, never required.
 *   Without `full`, it only fills what the names left open (a payee, a
 *   status column).
 * - gig__infer_explain() says, per column, the role taken, its score, why,
 *   and the runner-up, for --dry-run.
 *
 * The sample is a few hundred records; the decisions are then checked on all
 * rows by passes 2 and 3 as before (formats, decimal marks, balance breaks).
 */
#include <string.h>

#include "import_scan.h"

#define CHAIN_OK 0.75

/* What the sample's values say about one column. */
struct feat {
	size_t n;        /* non-blank values */
	size_t dated;    /* values some date format reads */
	size_t money;    /* values that are amounts and not dates */
	size_t minus;    /* ... carrying a sign or parentheses */
	size_t decimals; /* ... with two digits after the last separator */
	size_t code;     /* three capital letters */
	size_t dir;      /* direction words (D/C, Debit, Зачисление ...) */
	size_t status;   /* status words (booked, pending, cancelled ...) */
	size_t distinct; /* different values (normalised) */
	size_t textlen;  /* characters of the non-money, non-date values */
	size_t spaced;   /* values with a blank inside */
	int64_t *val;    /* per sample row: minor units, INT64_MIN when not an amount */
	int hint;        /* role the header name suggests, -1 none */
	int hint_rank;
};

struct infer {
	const gig__sample *sm;
	size_t first, rows; /* data rows: sm->recs[first .. first + rows) */
	size_t ncols;
	bool *summary; /* per data row: a total or balance row, left out */
	struct feat *f;
	bool any_decimals;
};

/* ---- words -------------------------------------------------------------- */

/* Status values, normalised (gig__header_norm: casefolded, accents dropped). */
static const char *const pending_words[] = {
    "pending",        "vorgemerkt",       "ausstehend",   "in progress", "authorized",
    "authorised",     "on hold",          "hold",         "en attente",  "en cours",
    "pendiente",      "en proceso",       "in sospeso",   "in attesa",   "in lavorazione",
    "pendente",       "em processamento", "oczekujaca",   "oczekuje",    "w realizacji",
    "reserverad",     "reservert",        "reserveret",   "vantande",    "venter",
    "avventer",       "odottaa",          "kasittelyssa", "varaus",      "laukiama",
    "apdorojama",     "gaidoss",          "ootel",        "в обработке", "ожидает",
    "обрабатывается", "ожидание",         "холд",         "处理中",      "待处理",
    "未入账",         "待入账",           "処理中",       "未確定",      "beklemede",
    "bekliyor",       "in behandeling",   "gereserveerd", "reserved",    "vorgemerkte umsatze",
};
static const char *const booked_words[] = {
    "booked",        "posted",     "completed",    "complete",       "cleared",    "settled",
    "done",          "gebucht",    "verbucht",     "comptabilise",   "execute",    "effectue",
    "contabilizado", "completado", "liquidado",    "contabilizzato", "eseguito",   "registrato",
    "efetuado",      "concluido",  "zaksiegowana", "zrealizowana",   "wykonana",   "bokford",
    "bokført",       "bogført",    "kirjattu",     "valmis",         "ivykdyta",   "izpildits",
    "kinnitatud",    "исполнено",  "проведено",    "выполнено",      "исполнен",   "проведена",
    "已入账",        "已完成",     "完了",         "確定",           "tamamlandı", "gerceklesti",
    "verwerkt",      "uitgevoerd", "geboekt",
};
static const char *const cancelled_words[] = {
    "cancelled",  "canceled",   "declined",  "failed",      "reverted",  "storniert",
    "abgelehnt",  "annule",     "refuse",    "cancelado",   "rechazado", "annullato",
    "rifiutato",  "anulowana",  "odrzucona", "avbruten",    "makulerad", "kansellert",
    "annulleret", "peruttu",    "atsaukta",  "отменено",    "отклонено", "已取消",
    "取消",       "キャンセル", "iptal",     "geannuleerd", "mislukt",
};

static bool
in_list(const char *n, const char *const *list, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (strcmp(n, list[i]) == 0)
			return true;
	return false;
}

int
gig__status_word(const char *text)
{
	char buf[64];
	g_autofree char *heap = NULL;
	const char *n = buf;
	if (gig__ascii_norm(text, buf, sizeof(buf)) == (size_t)-1)
		n = heap = gig__header_norm(text);
	if (in_list(n, pending_words, G_N_ELEMENTS(pending_words)))
		return GIG__STATUS_PENDING;
	if (in_list(n, booked_words, G_N_ELEMENTS(booked_words)))
		return GIG__STATUS_BOOKED;
	if (in_list(n, cancelled_words, G_N_ELEMENTS(cancelled_words)))
		return GIG__STATUS_CANCELLED;
	return 0;
}

/* Rows that sum up the data rather than being part of it; matched at the start
 * of a cell's normalised text. */
static const char *const summary_words[] = {
    "total",  "totals", "subtotal", "summe", "gesamt",     "zwischensumme", "totaal",
    "totale", "razem",  "suma",     "summa", "yhteensa",   "is viso",       "kopa",
    "kokku",  "toplam", "итого",    "всего", "разом",      "合计",          "总计",
    "合計",   "小计",   "sum",      "somme", "sous total", "i alt",         "sammanlagt",
};
/* Balance statements: opening first, then closing. */
static const char *const opening_words[] = {
    "opening balance",   "balance brought forward",
    "anfangssaldo",      "startsaldo",
    "alter kontostand",  "saldo anterior",
    "saldo inicial",     "solde initial",
    "solde precedent",   "ancien solde",
    "saldo iniziale",    "beginsaldo",
    "saldo poczatkowe",  "inngaende saldo",
    "ingaende saldo",    "indgaende saldo",
    "alkusaldo",         "входящий остаток",
    "остаток на начало", "期初余额",
    "acilis bakiyesi",   "previous balance",
    "starting balance",
};
static const char *const closing_words[] = {
    "closing balance",   "balance carried forward",
    "endsaldo",          "schlusssaldo",
    "neuer kontostand",  "saldo final",
    "solde final",       "nouveau solde",
    "saldo finale",      "eindsaldo",
    "saldo koncowe",     "utgaende saldo",
    "udgaende saldo",    "loppusaldo",
    "исходящий остаток", "остаток на конец",
    "期末余额",          "期末残高",
    "kapanis bakiyesi",  "ending balance",
    "new balance",       "saldo al",
    "saldo per",         "saldo",
    "balance",           "solde",
    "остаток",           "余额",
    "account balance",   "ledger balance",
    "available balance",
};

static bool
starts_word(const char *n, const char *w)
{
	size_t k = strlen(w);
	return strncmp(n, w, k) == 0 &&
	       (n[k] == '\0' || n[k] == ' ' || (unsigned char)w[0] >= 0x80);
}

int
gig__summary_cell(const char *text)
{
	while (*text == ' ')
		text++;
	if (*text == '\0' || g_ascii_isdigit(*text) || strlen(text) > 80)
		return 0;
	g_autofree char *n = gig__header_norm(text);
	for (size_t i = 0; i < G_N_ELEMENTS(opening_words); i++)
		if (starts_word(n, opening_words[i]))
			return GIG__SUMMARY_OPENING;
	for (size_t i = 0; i < G_N_ELEMENTS(closing_words); i++)
		if (starts_word(n, closing_words[i]))
			return GIG__SUMMARY_CLOSING;
	for (size_t i = 0; i < G_N_ELEMENTS(summary_words); i++)
		if (starts_word(n, summary_words[i]))
			return GIG__SUMMARY_TOTAL;
	return 0;
}

/* ---- where the data starts ---------------------------------------------- */

/* A date in a built-in format, or in the user's --date-format when there is one. */
static bool
is_date_cell(const gig__sample *sm, const char *v)
{
	return !gig__blank(v) && gig__date_reads(sm->date_format, v);
}

static bool
is_money_cell(const gig__sample *sm, const char *v)
{
	gig__money_shape sh;
	return !gig__blank(v) && gig__money_shape_of(v, &sh) &&
	       !gig__date_reads(sm->date_format, v);
}

/* A record with a date and an amount. */
static bool
looks_like_data(const gig__sample *sm, char **v)
{
	bool date = false, money = false;
	for (size_t i = 0; v[i]; i++) {
		if (!date && is_date_cell(sm, v[i]))
			date = true;
		else if (is_money_cell(sm, v[i]))
			money = true;
	}
	return date && money;
}

static size_t
nonblank(char **v)
{
	size_t k = 0;
	for (size_t i = 0; v[i]; i++)
		k += !gig__blank(v[i]);
	return k;
}

/* A record that can be a header over data `width` wide: no data, several names. */
static bool
header_like(const gig__sample *sm, char **v, size_t width)
{
	size_t n = g_strv_length(v);
	return n >= 3 && n + 1 >= width && nonblank(v) >= 2 && !looks_like_data(sm, v);
}

int64_t
gig__infer_data_start(const gig__sample *sm, size_t from, int64_t *header, int64_t *upper)
{
	*header = *upper = -1;
	/* the usual width of records that look like data */
	size_t widths[64] = {0};
	for (size_t i = from; i < sm->recs->len; i++) {
		char **v = sm->recs->pdata[i];
		size_t n = g_strv_length(v);
		if (n < G_N_ELEMENTS(widths) && looks_like_data(sm, v))
			widths[n]++;
	}
	size_t width = 0;
	for (size_t w = 1; w < G_N_ELEMENTS(widths); w++)
		if (widths[w] > widths[width])
			width = w;
	if (width == 0)
		return -1;
	for (size_t i = from; i < sm->recs->len; i++) {
		char **v = sm->recs->pdata[i];
		if (g_strv_length(v) + 1 < width || !looks_like_data(sm, v))
			continue;
		if (i > from && header_like(sm, sm->recs->pdata[i - 1], width)) {
			*header = (int64_t)i - 1;
			if (i - 1 > from && header_like(sm, sm->recs->pdata[i - 2], width))
				*upper = (int64_t)i - 2;
		}
		return (int64_t)i;
	}
	return -1;
}

/* ---- features ----------------------------------------------------------- */

static const char *
cell_at(char **v, size_t c)
{
	return c < g_strv_length(v) ? v[c] : "";
}

static char
vote_mark(const struct infer *in, size_t c, char delim)
{
	int64_t dot = 0, comma = 0;
	for (size_t r = 0; r < in->rows; r++) {
		gig__money_shape sh;
		const char *v = cell_at(in->sm->recs->pdata[in->first + r], c);
		if (is_money_cell(in->sm, v) && gig__money_shape_of(v, &sh))
			gig__money_vote(&sh, &dot, &comma);
	}
	return dot != comma ? (dot > comma ? '.' : ',') : delim == ';' ? ',' : '.';
}

static bool
two_decimals(const gig__money_shape *sh)
{
	size_t n = sh->core_len;
	return n >= 3 && (sh->core[n - 3] == '.' || sh->core[n - 3] == ',') &&
	       g_ascii_isdigit(sh->core[n - 2]) && g_ascii_isdigit(sh->core[n - 1]);
}

static void
features(struct infer *in, const gig__layout *l)
{
	in->f = g_new0(struct feat, in->ncols);
	for (size_t c = 0; c < in->ncols; c++) {
		struct feat *f = &in->f[c];
		f->val = g_new(int64_t, MAX(in->rows, 1));
		f->hint = -1;
		const char *name = gig__layout_name(l, (int)c);
		if (name != NULL)
			f->hint = gig__header_role(name, &f->hint_rank);
		char mark = vote_mark(in, c, l->delim);
		g_autoptr(GHashTable) seen =
		    g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
		for (size_t r = 0; r < in->rows; r++) {
			const char *v = cell_at(in->sm->recs->pdata[in->first + r], c);
			f->val[r] = INT64_MIN;
			if (gig__blank(v) || in->summary[r])
				continue;
			f->n++;
			gig__money_shape sh;
			if (gig__date_reads(in->sm->date_format, v)) {
				f->dated++;
			} else if (gig__money_shape_of(v, &sh)) {
				f->money++;
				f->minus += sh.minus || sh.plus;
				f->decimals += two_decimals(&sh);
				int64_t x;
				if (gig__money_value(&sh, mark, 2, &x) == 0)
					f->val[r] = x;
			} else {
				f->textlen += g_utf8_strlen(v, -1);
			}
			g_autofree char *t = g_strstrip(g_strdup(v));
			f->code += strlen(t) == 3 && g_ascii_isupper(t[0]) &&
			           g_ascii_isupper(t[1]) && g_ascii_isupper(t[2]);
			f->dir += gig__direction_word(v) == 1 || gig__direction_word(v) == -1;
			f->status += gig__status_word(v) != 0;
			f->spaced += strchr(t, ' ') != NULL;
			if (g_hash_table_size(seen) < 64)
				g_hash_table_add(seen, gig__header_norm(t));
		}
		f->distinct = g_hash_table_size(seen);
		if (f->decimals > 0)
			in->any_decimals = true;
	}
}

static void
infer_clear(struct infer *in)
{
	for (size_t c = 0; in->f && c < in->ncols; c++)
		g_free(in->f[c].val);
	g_free(in->f);
	g_free(in->summary);
}

static double
frac(size_t a, size_t n)
{
	return n ? (double)a / (double)n : 0;
}

/* Column c is an amount candidate: money, not dates, decimals when the file has them. */
static bool
money_col(const struct infer *in, size_t c)
{
	const struct feat *f = &in->f[c];
	return f->n > 0 && frac(f->money, f->n) >= 0.8 && (f->decimals > 0 || !in->any_decimals);
}

static bool
date_col(const struct infer *in, size_t c)
{
	const struct feat *f = &in->f[c];
	return f->n > 0 && frac(f->dated, f->n) >= 0.8;
}

/* Two unsigned money columns never filled on the same row, one of them on nearly every row. */
static bool
pair_cols(const struct infer *in, size_t a, size_t b)
{
	const struct feat *fa = &in->f[a], *fb = &in->f[b];
	if (fa->minus > 0 || fb->minus > 0 || fa->n == 0 || fb->n == 0)
		return false;
	size_t either = 0, rows = 0;
	for (size_t r = 0; r < in->rows; r++) {
		if (in->summary[r])
			continue;
		bool x = fa->val[r] != INT64_MIN, y = fb->val[r] != INT64_MIN;
		if (x && y && fa->val[r] != 0 && fb->val[r] != 0)
			return false;
		either += x || y;
		rows += nonblank(in->sm->recs->pdata[in->first + r]) > 1;
	}
	return frac(either, rows) >= 0.9;
}

/* Amount of row r under an option: a single column (b < 0) or credit b minus debit a. */
static int64_t
amount_at(const struct infer *in, int a, int b, int r)
{
	if (b < 0)
		return in->f[a].val[r];
	int64_t d = in->f[a].val[r], c = in->f[b].val[r];
	if (d == INT64_MIN && c == INT64_MIN)
		return INT64_MIN;
	return (c == INT64_MIN ? 0 : c) - (d == INT64_MIN ? 0 : d);
}

/* Fraction of consecutive rows whose balances follow from the amounts, in the
 * better of the two file orders; *checked gets the number of pairs looked at. */
static double
chain(const struct infer *in, int a, int b, int bal, size_t *checked)
{
	size_t fwd = 0, rev = 0, pairs = 0;
	int prev = -1;
	for (size_t r = 0; r < in->rows; r++) {
		int64_t x = amount_at(in, a, b, (int)r), y = in->f[bal].val[r];
		if (x == INT64_MIN || y == INT64_MIN)
			continue;
		if (prev >= 0) {
			int64_t px = amount_at(in, a, b, prev), py = in->f[bal].val[prev];
			pairs++;
			fwd += y - py == x;
			rev += py - y == px;
		}
		prev = (int)r;
	}
	*checked = pairs;
	return frac(MAX(fwd, rev), pairs);
}

static bool
hinted(const struct feat *f, int role)
{
	return f->hint == role && f->hint_rank < 5;
}

/* ---- joint assignment --------------------------------------------------- */

static bool
used(const gig__layout *l, size_t c)
{
	for (int r = 0; r < GIG__COL_ROLES; r++)
		if (l->col[r] == (int)c)
			return true;
	for (size_t m = 0; m < l->n_memo; m++)
		if (l->memo[m] == (int)c)
			return true;
	return false;
}

static void
assign_dates(struct infer *in, gig__layout *l)
{
	int best = -1;
	for (size_t c = 0; c < in->ncols; c++) {
		if (!date_col(in, c) || used(l, c))
			continue;
		const struct feat *f = &in->f[c];
		bool value_date = f->hint == GIG__COL_VALUE_DATE;
		if (best < 0 && !value_date)
			best = (int)c;
		if (hinted(f, GIG__COL_DATE) && f->hint_rank <= 1 &&
		    !(best >= 0 && hinted(&in->f[best], GIG__COL_DATE) &&
		      in->f[best].hint_rank <= 1))
			best = (int)c;
		if (value_date && l->col[GIG__COL_VALUE_DATE] < 0)
			l->col[GIG__COL_VALUE_DATE] = (int)c;
	}
	if (best < 0)
		best = l->col[GIG__COL_VALUE_DATE], l->col[GIG__COL_VALUE_DATE] = -1;
	l->col[GIG__COL_DATE] = best;
	/* a date column empty on some rows (a card's transaction day, blank for
	 * repayments) takes the next date column's date there */
	size_t summary = 0;
	for (size_t i = 0; i < in->rows; i++)
		summary += in->summary[i];
	if (best >= 0 && in->f[best].n + summary < in->rows && l->col[GIG__COL_DATE_FALLBACK] < 0) {
		for (size_t c = (size_t)best + 1; c < in->ncols; c++)
			if (date_col(in, c) && !used(l, c) && in->f[c].n + summary >= in->rows) {
				l->col[GIG__COL_DATE_FALLBACK] = (int)c;
				break;
			}
	}
}

struct option {
	int a, b; /* single column a (b < 0), or debit a and credit b */
	int bal;
	double chain;
	int score;
};

static int
option_score(const struct infer *in, const struct option *o)
{
	const struct feat *fa = &in->f[o->a];
	int s = 0;
	if (o->chain >= CHAIN_OK)
		s += 200 + (int)(100 * o->chain);
	if (o->b >= 0) {
		/* unnamed and unchained: the later column is the debit, as in the
		 * headerless exports seen (spending in the last column) */
		s += 60 + (o->a > o->b);
		if (hinted(fa, GIG__COL_DEBIT) || hinted(&in->f[o->b], GIG__COL_CREDIT))
			s += 40;
	} else {
		s += fa->minus > 0 ? 80 : 40;
		if (hinted(fa, GIG__COL_AMOUNT) || hinted(fa, GIG__COL_NET))
			s += 40;
		if (hinted(fa, GIG__COL_BALANCE))
			s -= 60;
	}
	return s;
}

static void
consider(struct infer *in, struct option *best, int a, int b)
{
	struct option o = {a, b, -1, 0, 0};
	for (size_t c = 0; c < in->ncols; c++) {
		if ((int)c == a || (int)c == b || !money_col(in, c))
			continue;
		size_t pairs = 0;
		double ch = chain(in, a, b, (int)c, &pairs);
		if (pairs >= 2 && ch > o.chain) {
			o.chain = ch;
			o.bal = (int)c;
		}
	}
	if (o.chain < CHAIN_OK && o.bal >= 0 && !hinted(&in->f[o.bal], GIG__COL_BALANCE))
		o.bal = -1;
	o.score = option_score(in, &o);
	/* later columns win ties: the amount in the account's currency comes after the
	 * operation's, a balance after the amount */
	if (best->a < 0 || o.score >= best->score)
		*best = o;
}

static void
assign_money(struct infer *in, gig__layout *l)
{
	struct option best = {-1, -1, -1, 0, 0};
	for (size_t a = 0; a < in->ncols; a++) {
		if (!money_col(in, a) || used(l, a))
			continue;
		consider(in, &best, (int)a, -1);
		for (size_t b = 0; b < in->ncols; b++)
			if (b != a && money_col(in, b) && !used(l, b) && pair_cols(in, a, b))
				consider(in, &best, (int)a, (int)b);
	}
	if (best.a < 0)
		return;
	if (best.b >= 0) {
		l->col[GIG__COL_DEBIT] = best.a;
		l->col[GIG__COL_CREDIT] = best.b;
	} else {
		l->col[GIG__COL_AMOUNT] = best.a;
	}
	if (best.bal >= 0)
		l->col[GIG__COL_BALANCE] = best.bal;
	const char *name = gig__layout_name(l, best.b >= 0 ? best.b : best.a);
	char cur[4];
	if (name != NULL && l->header_currency[0] == '\0' && gig__header_currency(name, cur))
		memcpy(l->header_currency, cur, 4);
}

static void
assign_words(struct infer *in, gig__layout *l)
{
	for (size_t c = 0; c < in->ncols; c++) {
		const struct feat *f = &in->f[c];
		if (used(l, c) || f->n == 0)
			continue;
		if (l->col[GIG__COL_DIRECTION] < 0 && f->dir == f->n && f->distinct <= 4 &&
		    l->col[GIG__COL_AMOUNT] >= 0 && in->f[l->col[GIG__COL_AMOUNT]].minus == 0)
			l->col[GIG__COL_DIRECTION] = (int)c;
		else if (l->col[GIG__COL_STATUS] < 0 && f->status > 0 && f->distinct <= 4 &&
		         f->money == 0 && f->dated == 0)
			l->col[GIG__COL_STATUS] = (int)c;
	}
	/* the currency column nearest to the right of the amount */
	int ac = l->col[GIG__COL_AMOUNT] >= 0 ? l->col[GIG__COL_AMOUNT] : l->col[GIG__COL_CREDIT];
	int best = -1;
	for (size_t c = 0; c < in->ncols; c++) {
		const struct feat *f = &in->f[c];
		if (used(l, c) || f->n == 0 || f->code != f->n)
			continue;
		bool right = ac >= 0 && (int)c > ac;
		bool best_right = best >= 0 && ac >= 0 && best > ac;
		if (best < 0 || (right && !best_right))
			best = (int)c;
	}
	if (l->col[GIG__COL_CURRENCY] < 0)
		l->col[GIG__COL_CURRENCY] = best;
}

/* Free text: neither dates nor money, varied, the longer the better. */
static double
text_score(const struct infer *in, size_t c)
{
	const struct feat *f = &in->f[c];
	if (f->n == 0 || frac(f->money + f->dated, f->n) >= 0.5 || f->distinct < 2 ||
	    f->code == f->n || f->status > 0)
		return 0;
	return (double)f->textlen / (double)f->n * frac(f->distinct, MIN(f->n, 64));
}

static void
assign_text(struct infer *in, gig__layout *l, bool full)
{
	int best = -1;
	for (size_t c = 0; c < in->ncols; c++) {
		if (used(l, c) || text_score(in, c) <= 0)
			continue;
		if (hinted(&in->f[c], GIG__COL_PAYEE)) {
			best = (int)c;
			break;
		}
		if (best < 0 || text_score(in, c) > text_score(in, (size_t)best))
			best = (int)c;
	}
	if (best < 0)
		return;
	l->col[GIG__COL_PAYEE] = best;
	if (!full)
		return;
	for (size_t c = 0; c < in->ncols && l->n_memo < GIG__MAX_MEMO; c++)
		if (!used(l, c) && text_score(in, c) > 0)
			l->memo[l->n_memo++] = (int)c;
}

static void
infer_init(struct infer *in, const gig__layout *l, const gig__sample *sm, size_t first)
{
	memset(in, 0, sizeof(*in));
	in->sm = sm;
	in->first = MIN(first, sm->recs->len);
	in->rows = sm->recs->len - in->first;
	in->ncols = l->ncols;
	in->summary = g_new0(bool, MAX(in->rows, 1));
	for (size_t r = 0; r < in->rows; r++) {
		char **v = sm->recs->pdata[in->first + r];
		in->ncols = MAX(in->ncols, g_strv_length(v));
		/* only where no date reads the row: "Balance transfer" is still a payee */
		for (size_t i = 0; v[i] && !in->summary[r]; i++)
			in->summary[r] = gig__summary_cell(v[i]) != 0;
		for (size_t i = 0; v[i] && in->summary[r]; i++)
			if (is_date_cell(sm, v[i]))
				in->summary[r] = false;
	}
	features(in, l);
}

/* Whether every value of column c is the currency `cur` (RUR counting as RUB). */
static bool
all_currency(const struct infer *in, size_t c, const char *cur)
{
	if (c >= in->ncols || in->f[c].n == 0 || in->f[c].code != in->f[c].n)
		return false;
	for (size_t r = 0; r < in->rows; r++) {
		const char *v = cell_at(in->sm->recs->pdata[in->first + r], c);
		if (gig__blank(v) || in->summary[r])
			continue;
		g_autofree char *t = g_strstrip(g_strdup(v));
		bool rub = strcmp(cur, "RUB") == 0 && strcmp(t, "RUR") == 0;
		if (g_ascii_strcasecmp(t, cur) != 0 && !rub)
			return false;
	}
	return true;
}

/*
 * An amount in the operation's currency next to one in the account's (each
 * followed by its currency column): the one in the account's currency is the
 * one the account moved by.
 */
static void
prefer_account_currency(const struct infer *in, gig__layout *l, const char *account)
{
	int ac = l->col[GIG__COL_AMOUNT];
	if (account == NULL || ac < 0 || all_currency(in, (size_t)ac + 1, account) ||
	    (size_t)ac + 1 >= in->ncols || in->f[ac + 1].code != in->f[ac + 1].n)
		return;
	for (size_t c = 0; c + 1 < in->ncols; c++) {
		/* the currency column must name the currency of every amount beside it: a
		 * column filled on a few rows only (Wise's "Exchange From") says nothing
		 * of the others */
		if ((int)c == ac || !money_col(in, c) || !all_currency(in, c + 1, account) ||
		    in->f[c + 1].n < in->f[c].money)
			continue;
		l->col[GIG__COL_AMOUNT] = (int)c;
		l->col[GIG__COL_CURRENCY] = (int)c + 1;
		return;
	}
}

void
gig__infer_roles(gig__layout *l, const gig__sample *sm, size_t first, bool full,
                 const char *account_currency)
{
	struct infer in;
	infer_init(&in, l, sm, first);
	if (full) {
		l->ncols = MAX(l->ncols, in.ncols);
		if (l->col[GIG__COL_DATE] < 0)
			assign_dates(&in, l);
		if (l->col[GIG__COL_AMOUNT] < 0 && l->col[GIG__COL_NET] < 0 &&
		    l->col[GIG__COL_DEBIT] < 0 && l->col[GIG__COL_CREDIT] < 0)
			assign_money(&in, l);
		assign_words(&in, l);
	} else if (l->col[GIG__COL_AMOUNT] < 0 && l->col[GIG__COL_NET] < 0 &&
	           l->col[GIG__COL_DEBIT] < 0 && l->col[GIG__COL_CREDIT] < 0) {
		/* no named column holds amounts: the values say which does */
		l->ncols = MAX(l->ncols, in.ncols);
		assign_money(&in, l);
	}
	if (!full && l->col[GIG__COL_STATUS] < 0) {
		/* a status column the names did not give */
		for (size_t c = 0; c < in.ncols; c++) {
			const struct feat *f = &in.f[c];
			if (!used(l, c) && f->n > 0 && f->status == f->n && f->distinct <= 4 &&
			    f->distinct >= 1) {
				l->col[GIG__COL_STATUS] = (int)c;
				break;
			}
		}
	}
	if (l->col[GIG__COL_PAYEE] < 0 && l->col[GIG__COL_FROM] < 0 && l->col[GIG__COL_TO] < 0 &&
	    l->n_memo == 0)
		assign_text(&in, l, full);
	prefer_account_currency(&in, l, account_currency);
	infer_clear(&in);
}

/* ---- explanation -------------------------------------------------------- */

static const char *
role_of(const gig__layout *l, int c)
{
	for (int r = 0; r < GIG__COL_ROLES; r++)
		if (l->col[r] == c)
			return gig__col_role_names[r];
	for (size_t m = 0; m < l->n_memo; m++)
		if (l->memo[m] == c)
			return "memo";
	return "ignored";
}

/* Score 0..100 of column c for each kind of role, and what the values show. */
static void
kind_scores(const struct infer *in, const gig__layout *l, size_t c, int score[8], GString *why)
{
	const struct feat *f = &in->f[c];
	enum { DATE, AMOUNT, BALANCE, CURRENCY, WORD, TEXT, ID, NONE };
	memset(score, 0, 8 * sizeof(int));
	if (f->n == 0) {
		g_string_append(why, "empty");
		return;
	}
	score[DATE] = (int)(100 * frac(f->dated, f->n));
	score[AMOUNT] = (int)(100 * frac(f->money, f->n));
	if (in->any_decimals && f->decimals == 0)
		score[AMOUNT] /= 2;
	score[CURRENCY] = (int)(100 * frac(f->code, f->n));
	score[WORD] = f->distinct <= 4 ? (int)(100 * frac(f->dir + f->status, f->n)) : 0;
	double t = text_score(in, c);
	score[TEXT] = t > 0 ? (int)MIN(100, 40 + t * 4) : 0;
	score[ID] = f->distinct == MIN(f->n, 64) && f->spaced == 0 && f->n > 1 && f->dated == 0 &&
	                    f->money == 0
	                ? 30
	                : 0;
	int ac = l->col[GIG__COL_AMOUNT];
	int dc = l->col[GIG__COL_DEBIT], cc = l->col[GIG__COL_CREDIT];
	/* columns a profile names past what the sample holds are not scored */
	if (ac >= (int)in->ncols)
		ac = -1;
	if (dc >= (int)in->ncols || cc >= (int)in->ncols)
		dc = cc = -1;
	if (money_col(in, c) && (ac >= 0 || (dc >= 0 && cc >= 0))) {
		size_t pairs = 0;
		double ch =
		    ac >= 0 ? chain(in, ac, -1, (int)c, &pairs) : chain(in, dc, cc, (int)c, &pairs);
		if ((int)c != ac && (int)c != dc && (int)c != cc && pairs >= 2)
			score[BALANCE] = (int)(100 * ch);
	}
	if (f->dated == f->n)
		g_string_append(why, "every value a date");
	else if (frac(f->dated, f->n) >= 0.8)
		g_string_append_printf(why, "dates (%d%% of the values)", score[DATE]);
	else if (f->money > 0 && frac(f->money, f->n) >= 0.8)
		g_string_append_printf(why, "values %s%s", f->minus > 0 ? "signed" : "unsigned",
		                       f->decimals == f->money ? ", 2 dp" : "");
	else if (f->code == f->n)
		g_string_append(why, "currency codes");
	else if (score[WORD] > 0)
		g_string_append_printf(why, "%zu distinct words", f->distinct);
	else
		g_string_append_printf(why, "text, %zu distinct", f->distinct);
	int bc = l->col[GIG__COL_BALANCE];
	if (bc >= 0 && (size_t)bc < in->ncols && (ac >= 0 || (dc >= 0 && cc >= 0)) &&
	    ((int)c == ac || (int)c == dc || (int)c == cc)) {
		/* the amount's side of the chain: does the balance follow from it? */
		size_t pairs = 0;
		double ch = ac >= 0 ? chain(in, ac, -1, bc, &pairs) : chain(in, dc, cc, bc, &pairs);
		if (pairs >= 1)
			g_string_append_printf(why, "; balance chain %s",
			                       ch >= CHAIN_OK ? "holds" : "fails");
	}
	if (score[BALANCE] > 0 || (int)c == l->col[GIG__COL_BALANCE])
		g_string_append_printf(why, "; balance chain %s",
		                       score[BALANCE] >= 75 ? "holds" : "fails");
	if (f->hint >= 0 && f->hint < GIG__COL_ROLES && f->hint_rank < 5)
		g_string_append_printf(why, "; name says %s", gig__col_role_names[f->hint]);
}

static const char *const kind_names[8] = {
    "date", "amount", "balance", "currency", "status/direction", "text", "id", "none"};

static int
kind_of_role(const char *role)
{
	if (strstr(role, "date"))
		return 0;
	if (!strcmp(role, "amount") || !strcmp(role, "net") || !strcmp(role, "debit") ||
	    !strcmp(role, "credit") || !strcmp(role, "fee"))
		return 1;
	if (!strcmp(role, "balance"))
		return 2;
	if (!strcmp(role, "currency"))
		return 3;
	if (!strcmp(role, "status") || !strcmp(role, "direction"))
		return 4;
	if (!strcmp(role, "id"))
		return 6;
	if (!strcmp(role, "ignored"))
		return 7;
	return 5;
}

static void
guess_free(gig_column_guess *g)
{
	if (g == NULL)
		return;
	g_free(g->name);
	g_free(g->role);
	g_free(g->why);
	g_free(g->runner_up);
	g_free(g);
}

GPtrArray *
gig__infer_explain(const gig__layout *l, const gig__sample *sm, size_t first)
{
	struct infer in;
	infer_init(&in, l, sm, first);
	GPtrArray *out = g_ptr_array_new_with_free_func((GDestroyNotify)guess_free);
	for (size_t c = 0; c < in.ncols; c++) {
		gig_column_guess *g = g_new0(gig_column_guess, 1);
		g->column = (int)c + 1;
		const char *nm = gig__layout_name(l, (int)c);
		g->name = nm ? g_strdup(nm) : NULL;
		g->role = g_strdup(role_of(l, (int)c));
		int score[8];
		GString *why = g_string_new(NULL);
		kind_scores(&in, l, c, score, why);
		int k = kind_of_role(g->role);
		g->score = k < 7 ? score[k] : 0;
		int ru = -1;
		for (int i = 0; i < 7; i++)
			if (i != k && score[i] > 0 && (ru < 0 || score[i] > score[ru]))
				ru = i;
		if (ru >= 0) {
			g->runner_up = g_strdup(kind_names[ru]);
			g->runner_score = score[ru];
		}
		g->why = g_string_free(why, FALSE);
		g_ptr_array_add(out, g);
	}
	infer_clear(&in);
	return out;
}
