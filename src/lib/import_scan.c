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

#include "db.h"
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
gig__col_label(const gig__layout *l, int c)
{
	const char *nm = gig__layout_name(l, c);
	if (nm && *nm)
		return g_strdup_printf("'%s'", nm);
	return g_strdup_printf("#%d", c + 1);
}

void
gig__scan_free(gig__scan *s)
{
	if (s == NULL)
		return;
	gig__csv_free(s->r);
	gig__layout_clear(&s->d.l);
	g_free(s->d.col);
	g_free(s->st);
	g_free(s->spec_st);
	g_free(s->first_line);
	if (s->notes != NULL)
		g_ptr_array_unref(s->notes);
	if (s->stmt_rows != NULL)
		g_ptr_array_unref(s->stmt_rows);
	gig__pool_clear(&s->pool);
	g_mutex_clear(&s->pool.lock);
	g_free(s);
}

/* Direction words, normalised (gig__header_norm), in many languages. */
static const char *const dir_plus[] = {
    "c",      "cr",          "credit",     "bij",     "h",         "haben",      "inflow",
    "in",     "gutschrift",  "credito",    "entrata", "accredito", "abono",      "kredit",
    "inn",    "ind",         "insattning", "uznanie", "hyvitys",   "зачисление", "приход",
    "кредит", "надходження", "收入",       "入金",    "alacak",
};
static const char *const dir_minus[] = {
    "d",      "dr",          "debit",   "af",     "s",          "soll",     "outflow",
    "out",    "lastschrift", "debito",  "uscita", "addebito",   "cargo",    "debet",
    "uttak",  "ut",          "ud",      "uttag",  "obciazenie", "veloitus", "списание",
    "расход", "дебет",       "видаток", "支出",   "出金",       "borc",
};
/* Chinese bank statements: 借 (debit, money out) and 贷 (credit, money in) */
static const char *const dir_plus_cjk[] = {"贷", "贷方", "收"};
static const char *const dir_minus_cjk[] = {"借", "借方", "付"};

static int
direction_of_word(const char *n)
{
	for (size_t i = 0; i < G_N_ELEMENTS(dir_plus); i++)
		if (strcmp(n, dir_plus[i]) == 0)
			return 1;
	for (size_t i = 0; i < G_N_ELEMENTS(dir_minus); i++)
		if (strcmp(n, dir_minus[i]) == 0)
			return -1;
	for (size_t i = 0; i < G_N_ELEMENTS(dir_plus_cjk); i++)
		if (strcmp(n, dir_plus_cjk[i]) == 0)
			return 1;
	for (size_t i = 0; i < G_N_ELEMENTS(dir_minus_cjk); i++)
		if (strcmp(n, dir_minus_cjk[i]) == 0)
			return -1;
	return 0;
}

int
gig__direction_word(const char *text)
{
	char buf[64];
	g_autofree char *heap = NULL;
	const char *n = buf;
	if (gig__ascii_norm(text, buf, sizeof(buf)) == (size_t)-1)
		n = heap = gig__header_norm(text);
	int d = direction_of_word(n);
	if (d != 0 || strchr(n, ' ') == NULL)
		return d != 0 ? d : strcmp(n, "memo") == 0 ? 2 : 0;
	/* a word in two languages ("借 Dr", "贷 Cr"): every part says the same */
	g_auto(GStrv) parts = g_strsplit(n, " ", -1);
	for (size_t i = 0; parts[i] != NULL; i++) {
		if (parts[i][0] == '\0')
			continue;
		int p = direction_of_word(parts[i]);
		if (p == 0 || (d != 0 && p != d))
			return 0;
		d = p;
	}
	return d;
}

static bool
read_sample(gig__scan *s, gig__sample *sm, GError **error)
{
	if (!gig__csv_rewind(s->r, s->d.l.delim, error))
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
column_kinds(const gig__scan *s, const gig__sample *sm, int c, double *money, double *dated,
             double *dir, double *code, size_t *nonempty)
{
	size_t n = 0, m = 0, d = 0, w = 0, k = 0;
	for (size_t i = (size_t)s->d.l.data_index; i < sm->recs->len; i++) {
		char **v = sm->recs->pdata[i];
		if ((size_t)c >= g_strv_length(v) || gig__blank(v[c]))
			continue;
		n++;
		gig__money_shape sh;
		m += gig__money_shape_of(v[c], &sh);
		d += gig__date_reads(s->opts.date_format ? s->opts.date_format : s->d.l.date_format,
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
check_roles(gig__scan *s, const gig__sample *sm)
{
	gig__layout *l = &s->d.l;
	static const int money_roles[] = {GIG__COL_AMOUNT, GIG__COL_NET, GIG__COL_DEBIT,
	                                  GIG__COL_CREDIT, GIG__COL_FEE, GIG__COL_BALANCE};
	double money, dated, dir, code;
	size_t ne;
	/* rows that do not line up with the header (cells missing on the left)
	 * leave every named column of amounts empty: none of them is one */
	bool all_empty = true;
	for (size_t i = 0; i < 4; i++) {
		int c = l->col[money_roles[i]];
		if (c >= 0) {
			column_kinds(s, sm, c, &money, &dated, &dir, &code, &ne);
			all_empty = all_empty && ne == 0;
		}
	}
	for (size_t i = 0; all_empty && i < 4; i++)
		l->col[money_roles[i]] = -1;
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

/* Words that name the repayment of a card (normalised, gig__header_norm). */
static const char *const repayment_words[] = {
    "还款",
    "還款",
    "payment thank you",
    "payment received",
    "thank you for your payment",
    "autopay payment",
    "zahlung erhalten",
    "paiement recu",
    "pago recibido",
    "betaling ontvangen",
};

static bool
is_repayment(const char *cell)
{
	g_autofree char *n = gig__header_norm(cell);
	for (size_t i = 0; i < G_N_ELEMENTS(repayment_words); i++)
		if (strstr(n, repayment_words[i]) != NULL)
			return true;
	return false;
}

/*
 * A card statement in the issuer's view: the rows that say they repay the card
 * carry a minus (in the card account's own view a repayment is money in), and
 * at least half of the other rows are positive (the charges).  Then every sign
 * is turned round, as `invert_sign` in a profile does; likewise when the
 * column is named for what was charged (利用金額, "amount used", on Japanese
 * card statements).  Only for one signed column of amounts: a direction
 * column or a debit/credit pair says the direction itself.  Decided on the
 * sample, like the roles.
 */
static void
card_issuer_view(gig__scan *s, const gig__sample *sm)
{
	gig__layout *l = &s->d.l;
	int ac = l->col[GIG__COL_AMOUNT] >= 0 ? l->col[GIG__COL_AMOUNT] : l->col[GIG__COL_NET];
	if (ac < 0 || l->col[GIG__COL_DIRECTION] >= 0 || l->invert)
		return;
	/* a column named for what was charged to the card ("amount used") */
	static const char *const charged[] = {"利用金額", "ご利用金額", "利用金额"};
	const char *name = gig__layout_name(l, ac);
	g_autofree char *norm = name != NULL ? gig__header_norm(name) : NULL;
	for (size_t i = 0; norm != NULL && i < G_N_ELEMENTS(charged); i++)
		if (strcmp(norm, charged[i]) == 0) {
			l->invert = true;
			return;
		}
	size_t repay = 0, repay_minus = 0, other = 0, other_plus = 0;
	for (size_t i = (size_t)MAX(l->data_index, 0); i < sm->recs->len; i++) {
		char **v = sm->recs->pdata[i];
		size_t n = g_strv_length(v);
		gig__money_shape sh;
		if ((size_t)ac >= n || !gig__money_shape_of(v[ac], &sh))
			continue;
		bool says_repay = false;
		for (size_t c = 0; c < n && !says_repay; c++)
			says_repay = (int)c != ac && !gig__blank(v[c]) && is_repayment(v[c]);
		if (says_repay) {
			repay++;
			repay_minus += sh.minus > 0;
		} else {
			other++;
			other_plus += sh.minus == 0;
		}
	}
	if (repay > 0 && repay_minus == repay && 2 * other_plus >= other)
		l->invert = true;
}

/* Without a usable header or profile: every role from the values (import_infer.c). */
static bool
infer_from_values(gig__scan *s, const gig__sample *sm, GError **error)
{
	gig__layout *l = &s->d.l;
	gig__infer_roles(l, sm, (size_t)l->data_index, true, s->opts.currency);
	if (l->col[GIG__COL_DATE] < 0 ||
	    (l->col[GIG__COL_AMOUNT] < 0 && l->col[GIG__COL_DEBIT] < 0 &&
	     l->col[GIG__COL_CREDIT] < 0)) {
		g_set_error(error, GIG_ERROR, GIG_ERROR_INVALID_INPUT,
		            "%s: the columns could not be told apart from their values (%s); "
		            "pass --profile NAME (a profile says which column is which)",
		            gig__csv_path(s->r),
		            l->col[GIG__COL_DATE] < 0 ? "no column holds dates"
		                                      : "no column holds amounts");
		return false;
	}
	return true;
}

/* An amount in `v` from cell `from` on; true with its value in minor units. */
static bool
preamble_amount(char **v, size_t from, int64_t *out)
{
	for (size_t i = from; v[i]; i++) {
		if (gig__blank(v[i]))
			continue;
		gig__money_shape sh;
		if (gig__date_candidates(v[i]) != 0 || !gig__money_shape_of(v[i], &sh))
			return false;
		int64_t dot = 0, comma = 0;
		gig__money_vote(&sh, &dot, &comma);
		char mark = comma > dot ? ',' : '.';
		return gig__money_value(&sh, mark, 2, out) == 0;
	}
	return false;
}

static const char *const currency_labels[] = {
    "currency", "valuta", "wahrung",  "waehrung", "devise",           "moneda",
    "moeda",    "waluta", "valuutta", "valiuta",  "valuuta",          "para birimi",
    "валюта",   "币种",   "货币",     "通貨",     "account currency",
};

/* "Valuta;NOK", "Currency:,USD" above the data: the file's currency. */
static void
preamble_currency(gig__scan *s, char **v)
{
	for (size_t i = 0; v[i] && v[i + 1]; i++) {
		g_autofree char *k = gig__header_norm(v[i]);
		bool hit = false;
		for (size_t j = 0; j < G_N_ELEMENTS(currency_labels); j++)
			hit |= strcmp(k, currency_labels[j]) == 0;
		g_autofree char *code = g_strstrip(g_strdup(v[i + 1]));
		char cur[4];
		if (hit && strlen(code) == 3 && g_ascii_isupper(code[0]) &&
		    gig_currency_normalize(cur, code, NULL) && s->d.l.header_currency[0] == '\0')
			memcpy(s->d.l.header_currency, cur, 4);
	}
}

/* Labels of an account number above the data, normalised (gig__header_norm). */
static const char *const account_labels[] = {
    "account",        "account number",
    "account no",     "acct",
    "iban",           "konto",
    "kontonummer",    "kontonr",
    "compte",         "numero de compte",
    "cuenta",         "numero de cuenta",
    "conto",          "numero conto",
    "rekening",       "rekeningnummer",
    "conta",          "numer konta",
    "rachunek",       "kontonummer",
    "tilinumero",     "saskaita",
    "saskaitos nr",   "konts",
    "kontonumber",    "счет",
    "счёт",           "номер счета",
    "рахунок",        "账号",
    "账户",           "卡号",
    "口座番号",       "hesap no",
    "hesap numarasi",
};

/* The digits and capitals of an account number ("NO93 8601 1117 947",
 * "40817810-0990"): blanks and dashes dropped; NULL unless it holds 6 digits
 * or more and nothing else than capitals, digits, blanks and dashes. */
static char *
account_number_of(const char *cell)
{
	GString *o = g_string_new(NULL);
	size_t digits = 0;
	for (const char *p = cell; *p; p++) {
		if (g_ascii_isdigit(*p) || g_ascii_isupper(*p)) {
			digits += g_ascii_isdigit(*p) != 0;
			g_string_append_c(o, *p);
		} else if (*p != ' ' && *p != '-' && *p != '\'') {
			g_string_free(o, TRUE);
			return NULL;
		}
	}
	if (digits < 6 || o->len > 34) {
		g_string_free(o, TRUE);
		return NULL;
	}
	return g_string_free(o, FALSE);
}

/* "Kontonummer;NO93 8601 1117 947", "Account:,12345678" (the label's own cell
 * may end in ':'; the number is the next cell that is not empty). */
static void
preamble_account(gig__scan *s, char **v)
{
	if (s->res == NULL || s->res->guesses.account_number != NULL)
		return;
	for (size_t i = 0; v[i]; i++) {
		/* "IBAN: DE89 3704 0044 0532 0130 00" in one cell */
		const char *colon = strchr(v[i], ':');
		if (colon != NULL && !gig__blank(colon + 1)) {
			g_autofree char *left = g_strndup(v[i], (gsize)(colon - v[i]));
			g_autofree char *kl = gig__header_norm(left);
			for (size_t j = 0; j < G_N_ELEMENTS(account_labels); j++)
				if (strcmp(kl, account_labels[j]) == 0) {
					s->res->guesses.account_number =
					    account_number_of(colon + 1);
					break;
				}
			if (s->res->guesses.account_number != NULL)
				return;
		}
		g_autofree char *k = gig__header_norm(v[i]);
		bool hit = false;
		for (size_t j = 0; j < G_N_ELEMENTS(account_labels) && !hit; j++)
			hit = strcmp(k, account_labels[j]) == 0;
		if (!hit)
			continue;
		for (size_t j = i + 1; v[j]; j++) {
			if (gig__blank(v[j]))
				continue;
			s->res->guesses.account_number = account_number_of(v[j]);
			break;
		}
		if (s->res->guesses.account_number != NULL)
			return;
	}
}

/*
 * The dates a preamble cell states ("招商银行信用卡对账单（2024年01月）",
 * "Period: 2024-01-01 - 2024-01-31"): a year 1970-2099, a separator (年 - / .)
 * and a month, with a day when one follows; a month alone is its last day.
 * The latest goes to s->preamble_date.
 */
static void
preamble_date(gig__scan *s, const char *cell)
{
	for (const char *p = cell; *p; p++) {
		if (!g_ascii_isdigit(p[0]) || (p > cell && g_ascii_isdigit(p[-1])))
			continue;
		int y = 0, k = 0;
		while (k < 4 && g_ascii_isdigit(p[k]))
			y = y * 10 + (p[k++] - '0');
		if (k != 4 || g_ascii_isdigit(p[4]) || y < 1970 || y > 2099)
			continue;
		const char *q = p + 4;
		size_t sep = g_str_has_prefix(q, "年") ? strlen("年")
		             : strchr("-/.", *q) && *q ? 1
		                                       : 0;
		if (sep == 0)
			continue;
		q += sep;
		int m = 0, dd = 0, nm = 0, nd = 0;
		while (nm < 2 && g_ascii_isdigit(q[nm]))
			m = m * 10 + (q[nm++] - '0');
		if (nm == 0 || g_ascii_isdigit(q[nm]) || m < 1 || m > 12)
			continue;
		q += nm;
		size_t sep2 = g_str_has_prefix(q, "月") ? strlen("月")
		              : strchr("-/.", *q) && *q ? 1
		                                        : 0;
		q += sep2;
		while (sep2 > 0 && nd < 2 && g_ascii_isdigit(q[nd]))
			dd = dd * 10 + (q[nd++] - '0');
		if (nd == 0 || g_ascii_isdigit(q[nd]) || dd < 1 ||
		    dd > gig_date_days_in_month(y, m))
			dd = gig_date_days_in_month(y, m);
		gig_date d;
		if (gig_date_from_ymd(&d, y, m, dd) &&
		    (s->preamble_date == GIG_DATE_NONE || d > s->preamble_date))
			s->preamble_date = d;
	}
}

/* Above the header: "Saldo;150,00;EUR", "Account Balance:","£100.00",
 * "Inngående saldo;NOK 10.000,00". */
static void
preamble_balance(gig__scan *s, char **v, int64_t line)
{
	size_t n = g_strv_length(v);
	preamble_currency(s, v);
	preamble_account(s, v);
	for (size_t i = 0; i < n; i++)
		preamble_date(s, v[i]);
	for (size_t i = 0; i + 1 < n; i++) {
		int kind = gig__summary_cell(v[i]);
		if (kind != GIG__SUMMARY_OPENING && kind != GIG__SUMMARY_CLOSING)
			continue;
		int64_t x;
		if (!preamble_amount(v, i + 1, &x))
			continue;
		if (kind == GIG__SUMMARY_CLOSING) {
			s->d.pre_closing = true;
			s->d.pre_closing_minor = x;
			s->d.pre_closing_line = line;
		} else {
			s->d.pre_opening = true;
			s->d.pre_opening_minor = x;
		}
		return;
	}
}

/* The header names, joining the halves of a header split over two lines. */
static char **
header_names(const gig__sample *sm, int64_t header, int64_t upper)
{
	char **h = sm->recs->pdata[header];
	if (upper < 0)
		return g_strdupv(h);
	char **u = sm->recs->pdata[upper];
	size_t n = MAX(g_strv_length(h), g_strv_length(u));
	char **out = g_new0(char *, n + 1);
	for (size_t i = 0; i < n; i++) {
		g_autofree char *a = g_strstrip(g_strdup(i < g_strv_length(u) ? u[i] : ""));
		g_autofree char *b = g_strstrip(g_strdup(i < g_strv_length(h) ? h[i] : ""));
		out[i] = *a && *b ? g_strconcat(a, " ", b, NULL) : g_strconcat(a, b, NULL);
	}
	return out;
}

/* The header by its names (the record in the first 60 whose names are best known);
 * a second header line right below it is joined to it. */
static void
find_named_header(gig__scan *s, const gig__sample *sm)
{
	int best = 1;
	for (size_t i = 0; i < sm->recs->len && i < 60; i++) {
		char **v = sm->recs->pdata[i];
		int sc = gig__header_score(v, g_strv_length(v));
		if (sc > best) {
			best = sc;
			s->d.l.header_index = (int64_t)i;
		}
	}
	if (s->d.l.header_index < 0)
		return;
	int64_t h = s->d.l.header_index, header = -1, upper = -1;
	int64_t start = gig__infer_data_start(sm, (size_t)h, &header, &upper);
	g_auto(GStrv) names = NULL;
	if (start == h + 2 && header == h + 1 && upper == h)
		names = header_names(sm, header, upper);
	else
		names = g_strdupv(sm->recs->pdata[h]);
	if (!gig__layout_from_header(&s->d.l, names, g_strv_length(names))) {
		/* not a usable header after all: forget its names too */
		s->d.l.header_index = -1;
		g_strfreev(s->d.l.names);
		s->d.l.names = NULL;
		s->d.l.n_names = 0;
		return;
	}
	if (names != NULL && start == h + 2 && header == h + 1)
		s->d.l.header_index = h + 1;
	s->d.l.data_index = s->d.l.header_index + 1;
}

/* No header by names: the header (if any) is the record above the data, by contrast. */
static void
find_header_by_contrast(gig__scan *s, const gig__sample *sm)
{
	int64_t header = -1, upper = -1;
	int64_t start = gig__infer_data_start(sm, 0, &header, &upper);
	if (start < 0)
		return;
	s->d.l.data_index = start;
	if (header < 0)
		return;
	s->d.l.header_index = header;
	g_strfreev(s->d.l.names);
	s->d.l.names = header_names(sm, header, upper);
	s->d.l.n_names = g_strv_length(s->d.l.names);
	s->d.l.ncols = s->d.l.n_names;
	for (int r = 0; r < GIG__COL_ROLES; r++)
		s->d.l.col[r] = -1;
	s->d.l.n_memo = 0;
}

static size_t
sample_width(const gig__sample *sm)
{
	size_t width = 0;
	for (size_t i = 0; i < sm->recs->len; i++)
		width = MAX(width, g_strv_length(sm->recs->pdata[i]));
	return width;
}

static bool
apply_profile(gig__scan *s, const gig__sample *sm, gig__profile *prof, GError **error)
{
	size_t width = sample_width(sm);
	if (!gig__profile_apply(prof, &s->d.l, width, error))
		return false;
	/* the column statistics must cover every column the profile names */
	s->d.l.ncols = MAX(s->d.l.ncols, width);
	if (s->d.l.header_index < 0) {
		s->d.l.data_index = MAX(s->d.l.data_index, 0);
		return true;
	}
	if ((size_t)s->d.l.header_index < sm->recs->len) {
		char **h = sm->recs->pdata[s->d.l.header_index];
		s->d.l.header_line = g_array_index(sm->lines, int64_t, s->d.l.header_index);
		if (s->d.l.names == NULL) {
			s->d.l.names = g_strdupv(h);
			s->d.l.n_names = g_strv_length(h);
		}
		s->d.l.ncols = MAX(s->d.l.ncols, g_strv_length(h));
	}
	return true;
}

static bool
pass1(gig__scan *s, gig__profile *explicit_prof, GError **error)
{
	g_autoptr(GPtrArray) recs = g_ptr_array_new_with_free_func((GDestroyNotify)g_strfreev);
	g_autoptr(GArray) lines = g_array_new(FALSE, FALSE, sizeof(int64_t));
	gig__sample sm = {recs, lines, s->opts.date_format};
	if (!read_sample(s, &sm, error))
		return false;
	g_autoptr(gig__profile) auto_prof = NULL;
	gig__profile *prof = explicit_prof;
	s->d.l.data_index = 0;
	find_named_header(s, &sm);
	bool by_names = s->d.l.header_index >= 0;
	if (!by_names)
		find_header_by_contrast(s, &sm);
	if (s->d.l.header_index >= 0)
		s->d.l.header_line = g_array_index(sm.lines, int64_t, s->d.l.header_index);
	size_t first = (size_t)s->d.l.data_index;
	if (first < sm.recs->len)
		s->first_line = g_strjoinv((char[]){s->d.l.delim, 0}, sm.recs->pdata[first]);
	if (prof == NULL && s->opts.profile_dirs != NULL) {
		char **h = s->d.l.header_index >= 0 ? sm.recs->pdata[s->d.l.header_index] : NULL;
		char **f0 = sm.recs->len > 0 ? sm.recs->pdata[0] : NULL;
		g_autofree char *line0 = f0 ? g_strjoinv((char[]){s->d.l.delim, 0}, f0) : NULL;
		if (!gig__profile_find_auto(&auto_prof, s->opts.profile_dirs, h,
		                            h ? g_strv_length(h) : 0, line0, error))
			return false;
		prof = auto_prof;
	}
	if (prof != NULL && !apply_profile(s, &sm, prof, error))
		return false;
	if (prof == NULL && !by_names && !infer_from_values(s, &sm, error))
		return false;
	if (prof != NULL && s->d.l.header_index < 0 && s->d.l.col[GIG__COL_DATE] < 0 &&
	    !infer_from_values(s, &sm, error))
		return false;
	int64_t above = s->d.l.header_index >= 0 ? s->d.l.header_index : s->d.l.data_index;
	for (int64_t i = 0; i < above && (size_t)i < sm.recs->len; i++)
		preamble_balance(s, sm.recs->pdata[i], g_array_index(sm.lines, int64_t, i));
	if (prof == NULL || s->d.l.header_index >= 0)
		check_roles(s, &sm);
	if (prof == NULL && by_names)
		gig__infer_roles(&s->d.l, &sm, (size_t)s->d.l.data_index, false, s->opts.currency);
	if (prof == NULL)
		card_issuer_view(s, &sm);
	s->notes = gig__infer_explain(&s->d.l, &sm, (size_t)s->d.l.data_index);
	return true;
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

/* Format i of column st read date d: counted, and its step from the date before. */
static void
date_seen(struct gig__colstat *st, int i, gig_date d)
{
	if (st->date_hits[i]++ == 0) {
		st->date_max[i] = st->date_prev[i] = d;
		return;
	}
	if (d > st->date_max[i])
		st->date_max[i] = d;
	int64_t step = (int64_t)d - st->date_prev[i];
	st->date_up[i] += step > 0;
	st->date_down[i] += step < 0;
	st->date_gap[i] += step < 0 ? -step : step;
	st->date_prev[i] = d;
}

static void
count_cell(gig__scan *s, struct gig__colstat *arr, gig_date *max_date, int c, const char *v,
           struct gig__shape_cache *cache)
{
	struct gig__colstat *st = &arr[c];
	if (gig__blank(v))
		return;
	st->nonempty++;
	if (is_date_role(&s->d.l, c) && s->d.l.date_format == NULL && !st->full &&
	    st->last[0] != '\0' && strcmp(v, st->last) == 0) {
		/* the same text as the column's last date: alive is exactly the formats that
		 * read it, so each of them reads it again, to the same (not later) date */
		for (int i = 0; i < GIG__DATE_FORMATS; i++)
			if (st->alive & (UINT64_C(1) << i))
				st->date_hits[i]++;
		st->dated++;
	} else if (is_date_role(&s->d.l, c) && s->d.l.date_format == NULL && !st->full) {
		/* fast path: only the formats that have read every date so far */
		uint64_t hit = 0;
		for (int i = 0; i < GIG__DATE_FORMATS; i++) {
			gig_date d;
			if (!(st->alive & (UINT64_C(1) << i)) ||
			    !gig__date_parse_fmt(gig__date_formats[i], v, &d))
				continue;
			hit |= UINT64_C(1) << i;
			date_seen(st, i, d);
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
	} else if (is_date_role(&s->d.l, c) && s->d.l.date_format == NULL) {
		uint64_t mask = gig__date_candidates(v);
		if (mask != 0)
			st->dated++;
		for (int i = 0; mask != 0 && i < GIG__DATE_FORMATS; i++) {
			if (!(mask & (UINT64_C(1) << i)))
				continue;
			gig_date d;
			if (gig__date_parse_fmt(gig__date_formats[i], v, &d))
				date_seen(st, i, d);
			else
				st->date_hits[i]++;
		}
	} else if (is_date_role(&s->d.l, c)) {
		gig_date d;
		if (gig__date_parse_fmt(s->d.l.date_format, v, &d) && d > *max_date)
			*max_date = d;
	}
	if (is_money_role(&s->d.l, c)) {
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
	if (c == s->d.l.col[GIG__COL_DIRECTION]) {
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
		st[i].alive = (UINT64_C(1) << GIG__DATE_FORMATS) - 1;
	}
	return st;
}

/* Counts every cell of a data record into `arr` (pass 2, or pass 3 when speculating);
 * with `cache`, remembers the money cells' shapes there. */
static void
scan_count(gig__scan *s, struct gig__colstat *arr, gig_date *max_date, const gig__csv_record *rec,
           struct gig__shape_cache *cache)
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
	if (!gig__csv_rewind(s->r, s->d.l.delim, error))
		return false;
	s->nst = MAX(s->d.l.ncols, 1) + 64;
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
		if (idx < s->d.l.data_index)
			continue;
		if (limit > 0 && counted == limit)
			return true; /* a record beyond the limit: not complete */
		scan_count(s, s->st, &s->max_date, rec, NULL);
		counted++;
	}
	*complete = true;
	return true;
}

/*
 * Of two formats that differ only by day/month order and read the same values
 * of column st, the one the file's own evidence favours, or -1:
 * - the order of the rows: a file is sorted by date, so the reading with
 *   fewer steps against its main direction (rising or falling) from row to row;
 * - the spread: with several rows per date on average (a day-to-day account,
 *   not a list of monthly payments), the reading whose dates lie within a few
 *   days rather than on one day of the month across months (7 times narrower
 *   and the other over four weeks);
 * - dots: dates written 02.03.2018 are day-first wherever they are used.
 */
static int
order_evidence(const struct gig__colstat *st, int a, int b)
{
	int64_t turns_a = MIN(st->date_up[a], st->date_down[a]);
	int64_t turns_b = MIN(st->date_up[b], st->date_down[b]);
	if (turns_a != turns_b)
		return turns_a < turns_b ? a : b;
	int64_t ga = st->date_gap[a], gb = st->date_gap[b];
	int64_t narrow = MIN(ga, gb), wide = MAX(ga, gb);
	int64_t dates =
	    MIN(st->date_up[a] + st->date_down[a], st->date_up[b] + st->date_down[b]) + 1;
	if (st->date_hits[a] >= 2 * dates && wide >= 28 && wide >= 7 * MAX(narrow, 1))
		return ga < gb ? a : b;
	const char *fa = gig__date_formats[a];
	if (strchr(fa, '.') != NULL && strchr(fa, '/') == NULL && strchr(fa, '-') == NULL)
		return strstr(fa, "%d") < strstr(fa, "%m") ? a : b;
	return -1;
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

/* Each date column still tied (ties[i] >= 0) takes the order of one that is not. */
static void
take_sibling_order(gig__scan *s, const int *roles, int *ties, size_t n)
{
	const gig__layout *l = &s->d.l;
	for (size_t i = 0; i < n; i++) {
		int c = l->col[roles[i]];
		if (c < 0 || ties[i] < 0)
			continue;
		for (size_t j = 0; j < n; j++) {
			int o = l->col[roles[j]];
			if (o >= 0 && ties[j] < 0 && s->st[o].fmt >= 0 &&
			    (s->st[o].fmt == ties[i] || s->st[o].fmt == s->st[c].fmt)) {
				s->st[c].fmt = s->st[o].fmt;
				ties[i] = -1;
			}
		}
	}
}

static bool
decide(gig__scan *s, GError **error)
{
	gig__layout *l = &s->d.l;
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
		/* an ambiguous column takes the order of an unambiguous one; failing
		 * that, the order its own dates favour (then shared again) */
		take_sibling_order(s, roles, ties, G_N_ELEMENTS(roles));
		for (size_t i = 0; i < G_N_ELEMENTS(roles); i++) {
			int c = l->col[roles[i]];
			int pick = c >= 0 && ties[i] >= 0
			               ? order_evidence(&s->st[c], s->st[c].fmt, ties[i])
			               : -1;
			if (pick >= 0) {
				s->st[c].fmt = pick;
				ties[i] = -1;
			}
		}
		take_sibling_order(s, roles, ties, G_N_ELEMENTS(roles));
		for (size_t i = 0; i < 2; i++) {
			int c = l->col[roles[i]];
			if (c < 0 || ties[i] < 0)
				continue;
			g_autofree char *lab = gig__col_label(&s->d.l, c);
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
	const gig__layout *l = &s->d.l;
	GString *r = g_string_new(NULL);
	g_autofree char *a = NULL;
	if (l->col[GIG__COL_NET] >= 0) {
		a = gig__col_label(&s->d.l, l->col[GIG__COL_NET]);
		g_string_printf(r, "net amount %s as signed", a);
	} else if (l->col[GIG__COL_AMOUNT] >= 0) {
		int c = l->col[GIG__COL_AMOUNT];
		a = gig__col_label(&s->d.l, c);
		if (l->col[GIG__COL_DIRECTION] >= 0) {
			g_autofree char *d = gig__col_label(&s->d.l, l->col[GIG__COL_DIRECTION]);
			if (s->st[c].minus == 0)
				g_string_printf(r, "unsigned amount %s, sign from %s", a, d);
			else
				g_string_printf(
				    r, "amount %s as signed, or as %s says where it has a word", a,
				    d);
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

/* Makes what decide() found the decisions pass 3 reads. */
static void
publish(gig__scan *s)
{
	gig__decisions *d = &s->d;
	g_free(d->col);
	d->col = g_new0(struct gig__coldec, s->nst);
	d->ncol = s->nst;
	for (size_t c = 0; c < s->nst; c++) {
		d->col[c].fmt = s->st[c].fmt;
		d->col[c].mark = s->st[c].mark;
		d->col[c].has_minus = s->st[c].minus > 0;
		d->col[c].cr_only = s->st[c].cr_only;
		d->col[c].marks_rule = gig__marks_rule(&s->st[c].marks);
	}
	d->path = gig__csv_path(s->r);
	d->file_mark = s->file_mark;
	d->max_date = s->max_date;
	d->today = s->opts.today;
	d->year_ref = s->preamble_date;
	if (d->year_ref == GIG_DATE_NONE)
		d->year_ref = s->opts.today;
	if (d->year_ref == GIG_DATE_NONE) {
		g_autoptr(GDateTime) now = g_date_time_new_now_local();
		gig_date_from_ymd(&d->year_ref, g_date_time_get_year(now),
		                  g_date_time_get_month(now), g_date_time_get_day_of_month(now));
	}
}

/*
 * After a speculative pass 3 has counted every record into spec_st: true when
 * deciding from all of them gives the decisions pass 3 read (the latest date
 * only matters when a row took it).
 */
static bool
spec_verify(gig__scan *s, bool took_max_date)
{
	const gig__decisions *d = &s->d;
	const gig__layout *l = &d->l;
	struct gig__colstat *d0 = s->st;
	s->st = s->spec_st;
	s->max_date = s->spec_max_date;
	GError *e = NULL;
	bool same = decide(s, &e) && s->file_mark == d->file_mark &&
	            (!took_max_date || s->max_date == d->max_date);
	g_clear_error(&e);
	for (size_t c = 0; same && c < s->nst; c++) {
		const struct gig__coldec *a = &d->col[c];
		const struct gig__colstat *b = &s->st[c];
		bool signed_col =
		    (int)c == l->col[GIG__COL_AMOUNT] || (int)c == l->col[GIG__COL_NET];
		same = a->fmt == b->fmt && a->mark == b->mark && a->cr_only == b->cr_only &&
		       a->marks_rule == gig__marks_rule(&b->marks) &&
		       (!signed_col || a->has_minus == (b->minus > 0));
	}
	s->st = d0;
	s->max_date = d->max_date;
	s->file_mark = d->file_mark;
	return same;
}

/* True when cancelling: every 4096 records, gig__cancelled() and the progress callback. */
static bool
stop_now(gig__scan *s, int64_t records, const gig__csv_record *rec, GError **error)
{
	if ((records & 4095) != 0)
		return false;
	if (gig__cancelled(error))
		return true;
	if (s->opts.progress != NULL &&
	    !s->opts.progress(records, rec->offset, gig__csv_size(s->r), s->opts.payload)) {
		g_set_error(error, GIG_ERROR, GIG_ERROR_CANCELLED, "import cancelled");
		return true;
	}
	return false;
}

bool
gig__scan_run(gig__scan *s, gig__row_cb cb, void *payload, GError **error)
{
	gig__rows *u = gig__rows_new(&s->d, &s->pool, s->res, cb, payload);
	if (s->stmt_rows != NULL) {
		/* a statement file: its rows were read whole by gig__scan_prepare() */
		bool ok = true;
		for (guint i = 0; ok && i < s->stmt_rows->len; i++)
			ok = gig__rows_stmt(u, s->stmt_rows->pdata[i], error);
		ok = ok && gig__rows_finish(u, error);
		gig__rows_free(u);
		return ok;
	}
	struct gig__shape_cache *shapes = g_new(struct gig__shape_cache, 1);
	bool ok = gig__csv_rewind(s->r, s->d.l.delim, error);
	const gig__csv_record *rec = NULL;
	int64_t records = 0;
	for (int64_t idx = 0; ok; idx++) {
		ok = gig__csv_next(s->r, &rec, error);
		if (!ok || rec == NULL)
			break;
		if (idx < s->d.l.data_index)
			continue;
		shapes->known = 0;
		if (s->spec) /* what pass 2 would have counted */
			scan_count(s, s->spec_st, &s->spec_max_date, rec, shapes);
		ok = gig__rows_record(u, rec, shapes, error) && !stop_now(s, ++records, rec, error);
	}
	if (ok && s->spec && !spec_verify(s, gig__rows_took_max_date(u))) {
		g_set_error(
		    error, GIG__SCAN_RESCAN, 0,
		    "%s: the whole file decides its formats differently from its first rows",
		    gig__csv_path(s->r));
		ok = false;
	}
	ok = ok && gig__rows_finish(u, error);
	gig__rows_free(u);
	g_free(shapes);
	return ok;
}

void
gig__scan_recycle(gig__scan *s, gig_csv_row *row)
{
	gig__pool_put(&s->pool, row);
}

void
gig__scan_set_recycle(gig__scan *s, bool on)
{
	s->pool.recycle = on;
}

void
gig__scan_set_old_identity(gig__scan *s, bool on)
{
	s->d.old_identity = on;
}

int64_t
gig__scan_file_size(const gig__scan *s)
{
	return gig__csv_size(s->r);
}

bool
gig__scan_has_currency_column(const gig__scan *s)
{
	return s->d.l.col[GIG__COL_CURRENCY] >= 0 || s->stmt_rows != NULL;
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
	s->preamble_date = GIG_DATE_NONE;
	g_mutex_init(&s->pool.lock);
	s->opts = opts ? *opts : defaults;
	s->res = res;
	gig__layout_clear(&s->d.l);
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
		s->d.path = gig__csv_path(s->r);
		s->d.max_date = INT32_MIN;
		s->d.today = s->opts.today;
		*out = g_steal_pointer(&s);
		return true;
	}
	char delim = prof ? gig__profile_delimiter(prof) : 0;
	if (delim == 0 && !gig__csv_sniff_delimiter(s->r, &delim, error))
		return false;
	s->d.l.delim = delim;
	if (!pass1(s, prof, error))
		return false;
	if (s->opts.date_format != NULL) {
		g_free(s->d.l.date_format);
		s->d.l.date_format = g_strdup(s->opts.date_format);
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
	publish(s);
	const char *cur = s->d.l.currency    ? s->d.l.currency
	                  : s->opts.currency ? s->opts.currency
	                                     : "EUR";
	if (!gig_currency_normalize(s->d.def_currency, cur, error))
		return false;

	gig_import_guesses *g = &res->guesses;
	g->encoding = g_strdup(gig__csv_encoding(s->r));
	g->delimiter = s->d.l.delim;
	g->header_line = s->d.l.header_index >= 0 ? s->d.l.header_line : 0;
	int dc = s->d.l.col[GIG__COL_DATE];
	g->date_format =
	    g_strdup(s->d.l.date_format ? s->d.l.date_format : gig__date_formats[s->st[dc].fmt]);
	int ac =
	    s->d.l.col[GIG__COL_NET] >= 0 ? s->d.l.col[GIG__COL_NET] : s->d.l.col[GIG__COL_AMOUNT];
	if (ac < 0)
		ac = s->d.l.col[GIG__COL_CREDIT] >= 0 ? s->d.l.col[GIG__COL_CREDIT]
		                                      : s->d.l.col[GIG__COL_DEBIT];
	g->decimal_mark = ac >= 0 ? s->st[ac].mark : s->file_mark;
	g->sign_rule = sign_rule(s);
	g->columns = gig__layout_describe(&s->d.l);
	g->profile = g_strdup(s->d.l.profile);
	g->column_guesses = g_steal_pointer(&s->notes);
	g->profile_ini = gig__profile_text(&s->d.l, g);
	g->format = g_strdup("CSV");
	*out = g_steal_pointer(&s);
	return true;
}
