/*
 * royalty.c: exact decimal amounts, statement layouts, and `gig statements import`
 * (royalty.h, sql/0020_royalties.sql).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "gigledger/money.h"
#include "gigledger/royalty.h"

#include "import_csv.h"
#include "db.h"
#include "internal.h"

bool
gig_pico_parse(int64_t *out, const char *text, GError **error)
{
	g_return_val_if_fail(out != NULL && text != NULL, false);
	const char *p = text;
	while (*p == ' ' || *p == '\t')
		p++;
	bool neg = false;
	if (*p == '-' || *p == '+')
		neg = *p++ == '-';
	if (*p == '$')
		p++;
	/* the digits, without the point, and how many came after it */
	char digits[64];
	size_t nd = 0;
	int decimals = 0;
	bool point = false, any = false;
	for (; *p; p++) {
		if (g_ascii_isdigit(*p)) {
			any = true;
			if (nd == 0 && *p == '0' && !point)
				continue; /* leading zeros */
			if (nd + 1 >= sizeof digits)
				goto bad;
			digits[nd++] = *p;
			if (point)
				decimals++;
		} else if (*p == '.' && !point) {
			point = true;
		} else if (*p == ',' && !point && any) {
			continue; /* thousands separator */
		} else {
			break;
		}
	}
	long exp10 = 0;
	if (any && (*p == 'e' || *p == 'E')) {
		char *end;
		gint64 e = g_ascii_strtoll(p + 1, &end, 10);
		if (end == p + 1 || e < -40 || e > 40)
			goto bad;
		exp10 = (long)e;
		p = end;
	}
	while (*p == ' ' || *p == '\t')
		p++;
	if (!any || *p != '\0')
		goto bad;
	/* value = digits * 10^(exp10 - decimals); in pico-units: * 10^(12 + exp10 - decimals) */
	long shift = 12 + exp10 - decimals;
	while (shift < 0 && nd > 0 && digits[nd - 1] == '0') {
		nd--;
		shift++;
	}
	if (shift < 0 && nd > 0) {
		g_autofree char *shown = gig_text_visible(text);
		g_set_error(error, GIG_ERROR, GIG_ERROR_INVALID_INPUT,
		            "amount '%s' has more than twelve decimal places", shown);
		return false;
	}
	int64_t v = 0;
	for (size_t i = 0; i < nd; i++)
		if (__builtin_mul_overflow(v, 10, &v) ||
		    __builtin_add_overflow(v, digits[i] - '0', &v))
			goto overflow;
	for (long i = 0; nd > 0 && i < shift; i++)
		if (__builtin_mul_overflow(v, 10, &v))
			goto overflow;
	*out = neg ? -v : v;
	return true;
overflow : {
	g_autofree char *shown = gig_text_visible(text);
	g_set_error(error, GIG_ERROR, GIG_ERROR_OVERFLOW, "amount '%s' is too large", shown);
	return false;
}
bad : {
	g_autofree char *shown = gig_text_visible(text);
	g_set_error(error, GIG_ERROR, GIG_ERROR_INVALID_INPUT, "'%s' is not an amount", shown);
	return false;
}
}

int64_t
gig_pico_round(int64_t pico, int exponent)
{
	int64_t unit = GIG_PICO;
	for (int i = 0; i < exponent && unit > 1; i++)
		unit /= 10;
	int64_t q = pico / unit, r = pico % unit;
	/* half away from zero: |r| >= unit/2 moves one step away from zero */
	if (r >= (unit + 1) / 2 && unit > 1)
		q++;
	else if (-r >= (unit + 1) / 2 && unit > 1)
		q--;
	return q;
}

/* ---- layouts ---- */

#define MAXN 6
struct layout {
	const char *name, *payer;
	const char *require[MAXN];
	const char *period[MAXN], *work[MAXN], *isrc[MAXN], *store[MAXN], *country[MAXN],
	    *quantity[MAXN], *amount[MAXN], *currency[MAXN];
	const char *fixed_currency, *fixed_store;
	const char *default_currency; /* without a currency column or a fixed one: USD */
};

/* Header names are compared trimmed and case-insensitively. */
static const struct layout layouts[] = {
    {"distrokid",
     "DistroKid",
     {"reporting date", "sale month", "store", "isrc", "earnings (usd)"},
     {"sale month"},
     {"title"},
     {"isrc"},
     {"store"},
     {"country of sale"},
     {"quantity"},
     {"earnings (usd)"},
     {NULL},
     "USD",
     NULL,
     NULL},
    {"tunecore",
     "TuneCore",
     {"sales period", "posted date", "store name", "total earned", "currency"},
     {"sales period"},
     {"song title", "release title", "title"},
     {"optional isrc", "isrc"},
     {"store name"},
     {"country of sale", "country"},
     {"# units sold", "units sold", "quantity"},
     {"total earned"},
     {"currency"},
     NULL,
     NULL,
     NULL},
    {"cdbaby",
     "CD Baby",
     {"report date", "sales date", "quantity", "price", "subtotal"},
     {"sales date"},
     {"track", "song", "track name", "title", "album"},
     {"isrc"},
     {"partner", "store"},
     {"country", "territory"},
     {"quantity"},
     {"subtotal"},
     {NULL},
     "USD",
     NULL,
     NULL},
    {"bandcamp",
     "Bandcamp",
     {"date", "paid to", "item type", "amount you received", "net amount"},
     {"date"},
     {"item name"},
     {"isrc"},
     {NULL},
     {"buyer country name", "buyer country", "country"},
     {"quantity"},
     {"net amount"},
     {"currency"},
     NULL,
     "Bandcamp",
     NULL},
    /* a collecting society's statement (PRS for Music and the like): a work, its
     * society code and ISWC, the territory and period of use, the royalty, in GBP
     * unless a currency column says otherwise */
    {"prs",
     "PRS",
     {"work title", "territory", "use period", "royalty amount"},
     {"use period"},
     {"work title"},
     {"iswc", "tune code", "work code"},
     {"source", "use type", "usage type", "use"},
     {"territory"},
     {"performances", "plays", "units"},
     {"royalty amount"},
     {"currency"},
     NULL,
     NULL,
     "GBP"},
};
#define N_LAYOUTS (sizeof layouts / sizeof layouts[0])

const char *
gig_statement_format_name(size_t i)
{
	return i < N_LAYOUTS ? layouts[i].name : NULL;
}

/* index of the first of `names` among the header's columns, or -1 */
static int
column(const gig__csv_record *h, const char *const *names)
{
	for (size_t k = 0; k < MAXN && names[k]; k++)
		for (size_t i = 0; i < h->n; i++) {
			g_autofree char *c = g_strstrip(g_strdup(h->f[i]));
			if (g_ascii_strcasecmp(c, names[k]) == 0)
				return (int)i;
		}
	return -1;
}

static const struct layout *
match_layout(const gig__csv_record *h)
{
	for (size_t l = 0; l < N_LAYOUTS; l++) {
		bool all = true;
		for (size_t k = 0; k < MAXN && layouts[l].require[k] && all; k++) {
			const char *one[MAXN] = {layouts[l].require[k]};
			all = column(h, one) >= 0;
		}
		if (all)
			return &layouts[l];
	}
	return NULL;
}

/* Opens the file and reads its header; *layout NULL when no layout fits. */
static bool
open_statement(const char *path, gig__csv_reader **out, const gig__csv_record **header,
               const struct layout **layout, GError **error)
{
	g_autoptr(gig__csv_reader) r = NULL;
	char delim;
	if (!gig__csv_open(&r, path, NULL, error) || !gig__csv_sniff_delimiter(r, &delim, error) ||
	    !gig__csv_rewind(r, delim, error) || !gig__csv_next(r, header, error))
		return false;
	*layout = *header ? match_layout(*header) : NULL;
	*out = g_steal_pointer(&r);
	return true;
}

/*
 * Detection reads only the file's first 8 KiB (the CSV reader would hash the whole
 * file, and `gig import` asks this of every bank export): the first line, decoded
 * from UTF-16 (with a BOM), UTF-8 or else Latin-1, split on tabs, semicolons or
 * commas with quotes stripped.  Only header names are compared, so that is enough.
 */
bool
gig_statement_detect(const char *path, const char **format, GError **error)
{
	g_return_val_if_fail(path != NULL && format != NULL, false);
	FILE *f = fopen(path, "rb");
	if (f == NULL) {
		g_autofree char *file = gig_text_visible(path);
		g_set_error(error, GIG_ERROR, GIG_ERROR_IO, "%s: %s", file, g_strerror(errno));
		return false;
	}
	char raw[8192];
	size_t n = fread(raw, 1, sizeof raw, f);
	fclose(f);
	g_autofree char *text = NULL;
	const unsigned char *u = (const unsigned char *)raw;
	if (n >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF)))
		text = g_convert(raw + 2, (gssize)((n - 2) & ~(size_t)1), "UTF-8",
		                 u[0] == 0xFF ? "UTF-16LE" : "UTF-16BE", NULL, NULL, NULL);
	else {
		size_t skip = n >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF ? 3 : 0;
		const char *end = NULL;
		if (g_utf8_validate(raw + skip, (gssize)(n - skip), &end) ||
		    (size_t)(end - raw) + 4 >= n) /* valid up to a character cut at 8 KiB */
			text = g_strndup(raw + skip, (gsize)(end - raw - (gssize)skip));
		else
			text = g_convert(raw, (gssize)n, "UTF-8", "ISO-8859-1", NULL, NULL, NULL);
	}
	*format = NULL;
	if (text == NULL)
		return true;
	text[strcspn(text, "\r\n")] = '\0';
	const char *seps[] = {"\t", ";", ","};
	for (size_t k = 0; k < G_N_ELEMENTS(seps) && *format == NULL; k++) {
		g_auto(GStrv) parts = g_strsplit(text, seps[k], -1);
		for (size_t i = 0; parts[i]; i++) {
			g_strstrip(parts[i]);
			size_t len = strlen(parts[i]);
			if (len >= 2 && parts[i][0] == '"' && parts[i][len - 1] == '"') {
				memmove(parts[i], parts[i] + 1, len - 2);
				parts[i][len - 2] = '\0';
			}
		}
		gig__csv_record h = {.n = g_strv_length(parts), .f = parts, .line = 1};
		const struct layout *l = match_layout(&h);
		if (l)
			*format = l->name;
	}
	return true;
}

static const char *const month_names[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                          "jul", "aug", "sep", "oct", "nov", "dec"};

/*
 * The month of a period cell: YYYY-MM, YYYY-MM-DD, YYYY/MM/DD, M/D/YYYY, M/D/YY (US
 * order: these are US services), MM/YYYY, "Mon YYYY", "Month YYYY"; anything after a
 * space following a full date (a time) is ignored.
 */
static bool
parse_period(const char *text, int *month)
{
	g_autofree char *s = g_strstrip(g_strdup(text));
	/* a range of use ("2024-01-01 to 2024-03-31", "Jan 2024 - Mar 2024") is dated by
	 * its end: the money is earned, and the payer's lag runs, from then */
	const char *to = strstr(s, " to ");
	const char *dash = strstr(s, " - ");
	const char *end = to ? to + 4 : dash ? dash + 3 : NULL;
	if (end != NULL && *end) {
		char *tail = g_strstrip(g_strdup(end));
		g_free(s);
		s = tail;
	}
	int y = 0, m = 0, d = 0, n = 0;
	char c;
	bool iso = strlen(s) >= 7 && g_ascii_isdigit(s[0]) && g_ascii_isdigit(s[1]) &&
	           g_ascii_isdigit(s[2]) && g_ascii_isdigit(s[3]) && (s[4] == '-' || s[4] == '/');
	if (iso && sscanf(s, "%4d%*[-/]%2d%*[-/]%2d%n", &y, &m, &d, &n) == 3 &&
	    (s[n] == '\0' || s[n] == ' ' || s[n] == 'T')) {
	} else if (iso && sscanf(s, "%4d%*[-/]%2d%n", &y, &m, &n) == 2 && s[n] == '\0' && n == 7) {
		d = 0;
	} else if (sscanf(s, "%2d/%2d/%4d%n", &m, &d, &y, &n) == 3 &&
	           (s[n] == '\0' || s[n] == ' ' || s[n] == ',')) {
		if (y < 100)
			y += 2000;
	} else if (sscanf(s, "%2d/%4d%c", &m, &y, &c) == 2 && y >= 1000) {
		d = 0;
	} else {
		d = 0;
		m = 0;
		char word[16];
		if (sscanf(s, "%15[A-Za-z] %4d%c", word, &y, &c) != 2)
			return false;
		for (int i = 0; i < 12; i++)
			if (g_ascii_strncasecmp(word, month_names[i], 3) == 0 && strlen(word) >= 3)
				m = i + 1;
	}
	gig_date date;
	if (y < 1900 || y > 9999 || !gig_date_from_ymd(&date, y, m, d ? d : 1))
		return false;
	*month = gig_date_month_index(date);
	return true;
}

struct line {
	int64_t line_no;
	int month;
	char *work, *isrc, *store, *country;
	int64_t quantity;
	int64_t pico;
	char fingerprint[65];
};

static void
line_clear(void *p)
{
	struct line *l = p;
	g_free(l->work);
	g_free(l->isrc);
	g_free(l->store);
	g_free(l->country);
}

static const char *
cell(const gig__csv_record *rec, int col)
{
	return col >= 0 && (size_t)col < rec->n ? rec->f[col] : "";
}

static char *
clean(const char *s)
{
	return g_strstrip(g_strdup(s));
}

static bool
bad_line(GError **error, const char *path, int64_t line, const char *fmt, const char *what)
{
	g_autofree char *shown = gig_text_visible(what);
	g_autofree char *file = gig_text_visible(path);
	g_autofree char *msg = g_strdup_printf(fmt, shown);
	g_set_error(error, GIG_ERROR, GIG_ERROR_INVALID_INPUT, "%s:%" G_GINT64_FORMAT ": %s", file,
	            line, msg);
	return false;
}

/* Reads every data line, checking each; nothing is written. */
static bool
read_lines(gig__csv_reader *r, const char *path, const struct layout *l, const gig__csv_record *h,
           GArray *lines, char currency[4], GError **error)
{
	int c_period = column(h, l->period), c_work = column(h, l->work),
	    c_isrc = column(h, l->isrc), c_store = column(h, l->store),
	    c_country = column(h, l->country), c_qty = column(h, l->quantity),
	    c_amount = column(h, l->amount), c_cur = column(h, l->currency);
	if (l->fixed_currency)
		memcpy(currency, l->fixed_currency, 4);
	else
		currency[0] = '\0';
	int64_t currency_line = 0;
	g_autoptr(GHashTable) seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	const gig__csv_record *rec;
	for (;;) {
		if (!gig__csv_next(r, &rec, error))
			return false;
		if (rec == NULL)
			break;
		bool blank = true;
		for (size_t i = 0; i < rec->n && blank; i++) {
			g_autofree char *c = clean(rec->f[i]);
			blank = c[0] == '\0';
		}
		if (blank)
			continue;
		struct line ln = {.line_no = rec->line};
		if (!parse_period(cell(rec, c_period), &ln.month))
			return bad_line(error, path, rec->line,
			                "the period '%s' is not a date or month",
			                cell(rec, c_period));
		g_autoptr(GError) e = NULL;
		g_autofree char *amount = clean(cell(rec, c_amount));
		if (!gig_pico_parse(&ln.pico, amount, &e))
			return bad_line(error, path, rec->line, "%s", e->message);
		g_autofree char *qty = clean(cell(rec, c_qty));
		gint64 q = 0;
		if (*qty && !g_ascii_string_to_signed(qty, 10, G_MININT64, G_MAXINT64, &q, NULL))
			return bad_line(error, path, rec->line,
			                "the quantity '%s' is not a whole number", qty);
		ln.quantity = q;
		if (c_cur >= 0) {
			char cur[4];
			g_autofree char *ct = clean(cell(rec, c_cur));
			if (!gig_currency_normalize(cur, ct, NULL) ||
			    gig_currency_exponent(cur) < 0)
				return bad_line(error, path, rec->line,
				                "'%s' is not a currency code", ct);
			if (currency[0] == '\0') {
				memcpy(currency, cur, 4);
				currency_line = rec->line;
			} else if (strcmp(currency, cur) != 0) {
				g_autofree char *what =
				    g_strdup_printf("%s, but line %" G_GINT64_FORMAT " was %s", cur,
				                    currency_line, currency);
				return bad_line(error, path, rec->line,
				                "the currency is %s: one statement is one currency",
				                what);
			}
		}
		ln.work = clean(cell(rec, c_work));
		ln.isrc = clean(cell(rec, c_isrc));
		ln.store = l->fixed_store ? g_strdup(l->fixed_store) : clean(cell(rec, c_store));
		ln.country = clean(cell(rec, c_country));
		/* identity: the layout and every field, and which repeat of them this is */
		g_autoptr(GString) key = g_string_new(l->name);
		for (size_t i = 0; i < rec->n; i++) {
			g_string_append_c(key, '\x1f');
			g_string_append(key, rec->f[i]);
		}
		gpointer count = g_hash_table_lookup(seen, key->str);
		int64_t occurrence = GPOINTER_TO_SIZE(count);
		g_string_append_printf(key, "\x1e%" G_GINT64_FORMAT, occurrence);
		g_autofree char *hex =
		    g_compute_checksum_for_string(G_CHECKSUM_SHA256, key->str, -1);
		memcpy(ln.fingerprint, hex, 65);
		g_string_truncate(key, strlen(key->str) - strlen(strrchr(key->str, '\x1e')));
		g_hash_table_replace(seen, g_strdup(key->str), GSIZE_TO_POINTER(occurrence + 1));
		g_array_append_val(lines, ln);
	}
	if (currency[0] == '\0')
		memcpy(currency, l->default_currency ? l->default_currency : "USD", 4);
	return true;
}

void
gig_statement_result_clear(gig_statement_result *r)
{
	if (r == NULL)
		return;
	g_free(r->format);
	g_free(r->payer);
	memset(r, 0, sizeof *r);
}

static bool
write_statement(sqlite3 *db, const char *path, const char *sha, const struct layout *l,
                const char *payer, gig_date today, GArray *lines, gig_statement_result *res,
                GError **error)
{
	g_autoptr(sqlite3_stmt) exists = NULL, ins = NULL, st = NULL, upd = NULL;
	if (!gig__db_prepare(db, "SELECT 1 FROM royalty_lines WHERE payer = ? AND fingerprint = ?",
	                     &exists, error) ||
	    !gig__db_prepare(db,
	                     "INSERT INTO royalty_statements(payer, format, file_name, file_sha256,"
	                     " imported_on, currency, first_month, last_month, lines, total_pico,"
	                     " total_minor) VALUES (?, ?, ?, ?, ?, ?, '', '', 0, 0, 0)",
	                     &st, error) ||
	    !gig__db_prepare(db,
	                     "INSERT INTO royalty_lines(statement_id, payer, line_no, month, work,"
	                     " isrc, store, country, quantity, earned_pico, fingerprint)"
	                     " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
	                     &ins, error) ||
	    !gig__db_prepare(db,
	                     "UPDATE royalty_statements SET first_month = ?, last_month = ?,"
	                     " lines = ?, total_pico = ?, total_minor = ? WHERE id = ?",
	                     &upd, error))
		return false;
	g_autofree char *base = g_path_get_basename(path);
	gig__bind_text_copy(st, 1, payer);
	gig__bind_text_copy(st, 2, l->name);
	gig__bind_text_copy(st, 3, base);
	gig__bind_text_copy(st, 4, sha ? sha : "");
	gig__bind_date(st, 5, today);
	gig__bind_text_copy(st, 6, res->currency);
	int rc = sqlite3_step(st);
	if (rc != SQLITE_DONE)
		return gig__db_fail(db, rc, "recording the statement", error);
	int64_t id = sqlite3_last_insert_rowid(db);
	int64_t sum = 0, n_new = 0;
	int first = G_MAXINT, last = G_MININT;
	for (guint i = 0; i < lines->len; i++) {
		const struct line *ln = &g_array_index(lines, struct line, i);
		if (gig__cancelled(error))
			return false;
		sqlite3_reset(exists);
		gig__bind_text_copy(exists, 1, payer);
		gig__bind_text_copy(exists, 2, ln->fingerprint);
		rc = sqlite3_step(exists);
		if (rc == SQLITE_ROW)
			continue;
		if (rc != SQLITE_DONE)
			return gig__db_fail(db, rc, "reading the statement lines", error);
		char month[16];
		gig_date_format_month(month, ln->month);
		sqlite3_reset(ins);
		sqlite3_bind_int64(ins, 1, id);
		gig__bind_text_copy(ins, 2, payer);
		sqlite3_bind_int64(ins, 3, ln->line_no);
		gig__bind_text_copy(ins, 4, month);
		gig__bind_text_copy(ins, 5, ln->work);
		gig__bind_text_copy(ins, 6, ln->isrc);
		gig__bind_text_copy(ins, 7, ln->store);
		gig__bind_text_copy(ins, 8, ln->country);
		sqlite3_bind_int64(ins, 9, ln->quantity);
		sqlite3_bind_int64(ins, 10, ln->pico);
		gig__bind_text_copy(ins, 11, ln->fingerprint);
		rc = sqlite3_step(ins);
		if (rc != SQLITE_DONE)
			return gig__db_fail(db, rc, "recording a statement line", error);
		if (!gig_money_add(&sum, sum, ln->pico)) {
			g_autofree char *file = gig_text_visible(path);
			g_set_error(error, GIG_ERROR, GIG_ERROR_OVERFLOW,
			            "%s:%" G_GINT64_FORMAT ": the statement's total is too large",
			            file, ln->line_no);
			return false;
		}
		n_new++;
		first = MIN(first, ln->month);
		last = MAX(last, ln->month);
	}
	res->lines_new = n_new;
	res->total_pico = sum;
	if (n_new == 0)
		return true;
	res->total_minor = gig_pico_round(sum, gig_currency_exponent(res->currency));
	res->first_month = first;
	res->last_month = last;
	res->statement_id = id;
	char fm[16], lm[16];
	gig__bind_text_copy(upd, 1, gig_date_format_month(fm, first));
	gig__bind_text_copy(upd, 2, gig_date_format_month(lm, last));
	sqlite3_bind_int64(upd, 3, n_new);
	sqlite3_bind_int64(upd, 4, sum);
	sqlite3_bind_int64(upd, 5, res->total_minor);
	sqlite3_bind_int64(upd, 6, id);
	rc = sqlite3_step(upd);
	if (rc != SQLITE_DONE)
		return gig__db_fail(db, rc, "recording the statement's total", error);
	return true;
}

bool
gig_ledger_statement_import(gig_ledger *ledger, const char *path, const char *payer, gig_date today,
                            gig_statement_result *out, GError **error)
{
	g_return_val_if_fail(ledger != NULL && path != NULL && out != NULL, false);
	g_autoptr(gig__csv_reader) r = NULL;
	const gig__csv_record *h = NULL;
	const struct layout *l = NULL;
	if (!open_statement(path, &r, &h, &l, error))
		return false;
	if (l == NULL) {
		g_autofree char *file = gig_text_visible(path);
		g_set_error(error, GIG_ERROR, GIG_ERROR_NOT_FOUND,
		            "%s:1: not a statement gig knows (the header has none of the DistroKid,"
		            " TuneCore, CD Baby, Bandcamp or PRS-style columns)",
		            file);
		return false;
	}
	g_autofree char *who = payer ? g_strstrip(g_strdup(payer)) : g_strdup(l->payer);
	if (*who == '\0' || !g_utf8_validate(who, -1, NULL)) {
		g_set_error(error, GIG_ERROR, GIG_ERROR_INVALID_INPUT, "the payer name is empty");
		return false;
	}
	g_autoptr(GArray) lines = g_array_new(false, true, sizeof(struct line));
	g_array_set_clear_func(lines, line_clear);
	gig_statement_result res = {0};
	if (!read_lines(r, path, l, h, lines, res.currency, error))
		return false;
	res.lines = lines->len;
	const char *sha = gig__csv_sha256(r);
	sqlite3 *db = gig__ledger_db(ledger);
	if (!gig__tx_begin(db, error))
		return false;
	bool ok = write_statement(db, path, sha, l, who, today, lines, &res, error);
	if (ok && res.lines_new == 0) {
		gig__tx_end(db, false, NULL); /* nothing new: leave no empty statement */
	} else if (!gig__tx_end(db, ok, error)) {
		return false;
	}
	res.format = g_strdup(l->name);
	res.payer = g_steal_pointer(&who);
	*out = res;
	return true;
}
