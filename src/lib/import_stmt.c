/*
 * import_stmt.c: what the statement readers (import_ofx.c, import_camt.c,
 * import_qif.c, import_mt940.c) share: telling the format from the file's
 * content, reading and decoding the file, the row and amount helpers, and
 * handing a statement to the scan (gig__scan_prepare_stmt) so that its rows
 * take the CSV rows' way through the importer (see import_stmt.h).
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "import_scan.h"
#include "import_stmt.h"
#include "internal.h"

/* A statement file larger than this is no statement (the CSV reader streams;
 * these readers hold the file, so they bound it). */
#define STMT_MAX_BYTES (256 * 1024 * 1024)

static bool
starts_ci(const char *p, const char *end, const char *word)
{
	size_t n = strlen(word);
	return (size_t)(end - p) >= n && g_ascii_strncasecmp(p, word, n) == 0;
}

/* True when a line of head[0, n) starts with `tag`. */
static bool
line_starts(const char *head, size_t n, const char *tag)
{
	size_t k = strlen(tag);
	for (size_t i = 0; i + k <= n; i++)
		if ((i == 0 || head[i - 1] == '\n' || head[i - 1] == '\r') &&
		    memcmp(head + i, tag, k) == 0)
			return true;
	return false;
}

static bool
contains(const char *head, size_t n, const char *word)
{
	size_t k = strlen(word);
	for (size_t i = 0; i + k <= n; i++)
		if (g_ascii_strncasecmp(head + i, word, k) == 0)
			return true;
	return false;
}

gig__format
gig__format_sniff(const char *head, size_t n)
{
	const char *p = head, *end = head + n;
	if (n >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
		p += 3;
	while (p < end && g_ascii_isspace(*p))
		p++;
	size_t left = (size_t)(end - p);
	if (starts_ci(p, end, "OFXHEADER:") || contains(p, left, "<?OFX") ||
	    (*p == '<' && contains(p, left, "<OFX>")))
		return GIG__FMT_OFX;
	if (*p == '<' && (contains(p, left, "camt.053") || contains(p, left, "<BkToCstmrStmt") ||
	                  contains(p, left, ":BkToCstmrStmt")))
		return GIG__FMT_CAMT;
	if (starts_ci(p, end, "!Type:") || starts_ci(p, end, "!Account") ||
	    starts_ci(p, end, "!Option:") || starts_ci(p, end, "!Clear:"))
		return GIG__FMT_QIF;
	if ((line_starts(p, left, ":20:") || starts_ci(p, end, "{1:")) &&
	    (line_starts(p, left, ":25:") || line_starts(p, left, ":60F:") ||
	     line_starts(p, left, ":60M:") || line_starts(p, left, ":28C:")))
		return GIG__FMT_MT940;
	return GIG__FMT_CSV;
}

static void
break_free(gig_balance_break *b)
{
	if (b == NULL)
		return;
	g_free(b->what);
	g_free(b);
}

gig__stmt *
gig__stmt_new(const char *path, const char *def_currency)
{
	gig__stmt *st = g_new0(gig__stmt, 1);
	st->path = path;
	g_strlcpy(st->def_currency, def_currency ? def_currency : "EUR", 4);
	st->rows = g_ptr_array_new_with_free_func((GDestroyNotify)gig__csv_row_free);
	st->breaks = g_ptr_array_new_with_free_func((GDestroyNotify)break_free);
	st->closing_on = GIG_DATE_NONE;
	st->decimal_mark = '.';
	return st;
}

void
gig__stmt_free(gig__stmt *st)
{
	if (st == NULL)
		return;
	g_free(st->format);
	g_free(st->date_rule);
	g_free(st->sign_rule);
	g_free(st->account);
	g_ptr_array_unref(st->rows);
	g_ptr_array_unref(st->breaks);
	g_free(st);
}

bool
gig__stmt_fail(const gig__stmt *st, int64_t line, GError **error, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	g_autofree char *msg = g_strdup_vprintf(fmt, ap);
	va_end(ap);
	if (line > 0)
		g_set_error(error, GIG_ERROR, GIG_ERROR_INVALID_INPUT,
		            "%s:%" G_GINT64_FORMAT ": %s", st->path, line, msg);
	else
		g_set_error(error, GIG_ERROR, GIG_ERROR_INVALID_INPUT, "%s: %s", st->path, msg);
	return false;
}

/* Blanks (any run of white space) collapsed to one space, trimmed; invalid UTF-8
 * cannot occur (the text was validated or converted). */
static char *
clean(const char *s)
{
	if (s == NULL)
		return g_strdup("");
	GString *o = g_string_sized_new(strlen(s));
	bool blank = false;
	for (; *s; s++) {
		if (g_ascii_isspace(*s)) {
			blank = o->len > 0;
			continue;
		}
		if (blank)
			g_string_append_c(o, ' ');
		blank = false;
		g_string_append_c(o, *s);
	}
	if (g_utf8_validate_len(o->str, o->len, NULL))
		return g_string_free(o, FALSE);
	/* a reader cut a field inside a character: never hand on invalid text */
	char *valid = g_utf8_make_valid(o->str, (gssize)o->len);
	g_string_free(o, TRUE);
	return valid;
}

void
gig__stmt_add(gig__stmt *st, int64_t line, gig_date on, int64_t amount, const char *cur,
              const char *payee, const char *memo, const char *id, const char *raw, size_t raw_len,
              bool pending)
{
	gig_csv_row *row = g_new0(gig_csv_row, 1);
	row->line_no = line;
	row->posted_on = on;
	row->amount_minor = amount;
	g_strlcpy(row->currency, cur && *cur ? cur : st->def_currency, 4);
	row->payee = clean(payee);
	row->memo = clean(memo);
	g_autofree char *idc = clean(id);
	row->external_id = *idc ? g_steal_pointer(&idc) : NULL;
	/* the record's own text, without the line ends around it */
	while (raw_len > 0 && (raw[raw_len - 1] == '\n' || raw[raw_len - 1] == '\r'))
		raw_len--;
	/* the record's lines end in '\n' whatever the file used */
	GString *r = g_string_sized_new(raw_len);
	for (size_t i = 0; i < raw_len; i++)
		if (raw[i] != '\r' || i + 1 >= raw_len || raw[i + 1] != '\n')
			g_string_append_c(r, raw[i]);
	row->raw = g_utf8_make_valid(r->str, (gssize)r->len);
	g_string_free(r, TRUE);
	row->pending = pending;
	row->fate = pending ? GIG_ROW_PENDING : GIG_ROW_NEW;
	g_ptr_array_add(st->rows, row);
}

bool
gig__stmt_currency(const char *text, char out[4])
{
	if (text == NULL)
		return false;
	while (g_ascii_isspace(*text))
		text++;
	for (int i = 0; i < 3; i++)
		if (!g_ascii_isalpha(text[i]))
			return false;
	const char *rest = text + 3;
	while (g_ascii_isspace(*rest))
		rest++;
	if (*rest != '\0')
		return false;
	for (int i = 0; i < 3; i++)
		out[i] = g_ascii_toupper(text[i]);
	out[3] = '\0';
	return true;
}

bool
gig__stmt_amount(const gig__stmt *st, int64_t line, const char *what, const char *text, char mark,
                 const char *cur, int64_t *out, GError **error)
{
	g_autofree char *t = g_strstrip(g_strdup(text ? text : ""));
	const char *p = t;
	bool minus = false;
	if (*p == '-' || *p == '+') {
		minus = *p == '-';
		p++;
	}
	size_t len = strlen(p);
	int exponent = gig_currency_exponent(cur && *cur ? cur : st->def_currency);
	if (exponent < 0)
		exponent = 2;
	if (mark == 0) {
		const char *dot = strrchr(p, '.'), *comma = strrchr(p, ',');
		if (dot && comma)
			mark = dot > comma ? '.' : ',';
		else if (comma)
			/* "1,234" is a thousand, "12,50" and "1234,5" are decimals */
			mark = strchr(p, ',') == comma && strlen(comma + 1) == 3 && comma != p &&
			               comma - p <= 3
			           ? '.'
			           : ',';
		else
			mark = '.';
	}
	int64_t mag = 0;
	gig__amount_status rc = len == 0
	                            ? GIG__AMOUNT_EMPTY
	                            : gig__amount_scan(p, len, mark,
	                                               GIG__SEP_COMMA | GIG__SEP_DOT |
	                                                   GIG__SEP_SPACE | GIG__SEP_APOSTROPHE,
	                                               exponent, true, &mag);
	if (rc == GIG__AMOUNT_OK) {
		*out = minus ? -mag : mag;
		return true;
	}
	g_autofree char *shown = gig_text_visible(t);
	if (rc == GIG__AMOUNT_TOO_LARGE) {
		g_set_error(error, GIG_ERROR, GIG_ERROR_OVERFLOW,
		            "%s:%" G_GINT64_FORMAT ": %s '%s' is beyond %s", st->path, line, what,
		            shown, GIG_AMOUNT_MAX_TEXT);
		return false;
	}
	return gig__stmt_fail(
	    st, line, error, "%s '%s' is not an amount (%s; expected a number such as %s)", what,
	    shown, gig__amount_status_text(rc), mark == ',' ? "-1234,56" : "-1234.56");
}

bool
gig__stmt_iso_date(const char *text, bool dashes, gig_date *out)
{
	if (text == NULL)
		return false;
	while (g_ascii_isspace(*text))
		text++;
	int v[8], k = 0;
	for (int i = 0; k < 8; i++) {
		char c = text[i];
		if (dashes && (i == 4 || i == 7)) {
			if (c != '-')
				return false;
			continue;
		}
		if (!g_ascii_isdigit(c))
			return false;
		v[k++] = c - '0';
	}
	int y = v[0] * 1000 + v[1] * 100 + v[2] * 10 + v[3];
	int m = v[4] * 10 + v[5], d = v[6] * 10 + v[7];
	return y >= 1 && gig_date_from_ymd(out, y, m, d);
}

void
gig__stmt_check(gig__stmt *st, int64_t opening, int64_t sum, int64_t closing, int64_t line,
                const char *what)
{
	int64_t want = 0;
	if (gig_money_add(&want, opening, sum) && want == closing)
		return;
	gig_balance_break *b = g_new0(gig_balance_break, 1);
	b->line = line;
	b->expected_minor = want;
	b->stated_minor = closing;
	b->what = g_strdup(what);
	g_ptr_array_add(st->breaks, b);
}

bool
gig__stmt_parse(gig__stmt *st, gig__format f, const char *bytes, size_t len, const char *encoding,
                char **encoding_out, GError **error)
{
	const char *p = bytes;
	size_t n = len;
	bool bom = n >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0;
	if (bom) {
		p += 3;
		n -= 3;
	}
	g_autofree char *text = NULL;
	const char *enc = NULL;
	bool utf8_name = encoding == NULL || g_ascii_strcasecmp(encoding, "UTF-8") == 0 ||
	                 g_ascii_strcasecmp(encoding, "UTF8") == 0;
	if (utf8_name && g_utf8_validate_len(p, n, NULL) && memchr(p, '\0', n) == NULL) {
		text = g_strndup(p, n);
		enc = bom ? "UTF-8 (BOM)" : "UTF-8";
	} else {
		enc = utf8_name ? "WINDOWS-1252" : encoding;
		g_autoptr(GError) e = NULL;
		gsize out_len = 0;
		text = g_convert(p, (gssize)n, "UTF-8", enc, NULL, &out_len, &e);
		if (text == NULL && utf8_name) {
			enc = "ISO-8859-1"; /* bytes Windows-1252 leaves undefined */
			g_clear_error(&e);
			text = g_convert(p, (gssize)n, "UTF-8", enc, NULL, &out_len, &e);
		}
		if (text == NULL) {
			g_set_error(error, GIG_ERROR, GIG_ERROR_ENCODING, "%s: not text in %s: %s",
			            st->path, enc, e->message);
			return false;
		}
		if (strlen(text) != out_len)
			return gig__stmt_fail(st, 0, error, "the file holds NUL bytes");
		n = out_len;
	}
	if (encoding_out != NULL)
		*encoding_out = g_strdup(enc);
	n = strlen(text);
	switch (f) {
	case GIG__FMT_OFX:
		return gig__ofx_read(st, text, n, error);
	case GIG__FMT_CAMT:
		return gig__camt_read(st, text, n, error);
	case GIG__FMT_QIF:
		return gig__qif_read(st, text, n, error);
	case GIG__FMT_MT940:
		return gig__mt940_read(st, text, n, error);
	case GIG__FMT_CSV:
		break;
	}
	return gig__stmt_fail(st, 0, error, "not a statement format");
}

bool
gig__stmt_load(gig__stmt *st, gig__format f, const char *encoding, char **encoding_out,
               GError **error)
{
	g_autoptr(GError) e = NULL;
	g_autoptr(GMappedFile) map = g_mapped_file_new(st->path, FALSE, &e);
	if (map == NULL) {
		g_set_error(error, GIG_ERROR, GIG_ERROR_IO, "%s", e->message);
		return false;
	}
	gsize len = g_mapped_file_get_length(map);
	if (len > STMT_MAX_BYTES)
		return gig__stmt_fail(st, 0, error, "%zu bytes is too large for a statement file",
		                      (size_t)len);
	const char *data = g_mapped_file_get_contents(map);
	return gig__stmt_parse(st, f, data ? data : "", len, encoding, encoding_out, error);
}

/* ---- the scan's side (import_scan.h) ----------------------------------- */

gig__format
gig__format_of_file(const char *path)
{
	FILE *fp = fopen(path, "rb");
	if (fp == NULL)
		return GIG__FMT_CSV; /* the CSV reader says what is wrong */
	char head[4096];
	size_t n = fread(head, 1, sizeof(head), fp);
	fclose(fp);
	return gig__format_sniff(head, n);
}

bool
gig__scan_prepare_stmt(gig__scan *s, gig__format f, GError **error)
{
	const char *cur = s->opts.currency ? s->opts.currency : "EUR";
	if (!gig_currency_normalize(s->d.def_currency, cur, error))
		return false;
	g_autoptr(gig__stmt) st = gig__stmt_new(gig__csv_path(s->r), s->d.def_currency);
	st->date_format = s->opts.date_format;
	g_autofree char *enc = NULL;
	if (!gig__stmt_load(st, f, s->opts.encoding, &enc, error))
		return false;
	gig_import_result *res = s->res;
	gig_import_guesses *g = &res->guesses;
	g->encoding = g_steal_pointer(&enc);
	g->delimiter = 0;
	g->header_line = 0;
	g->date_format = g_strdup(st->date_rule ? st->date_rule : "");
	g->decimal_mark = st->decimal_mark;
	g->sign_rule = g_strdup(st->sign_rule ? st->sign_rule : "signed amount");
	g->columns = st->account ? g_strdup_printf("account=%s", st->account) : g_strdup("");
	g->format = g_strdup(st->format);
	if (st->has_closing) {
		res->has_stated_balance = true;
		res->stated_balance_minor = st->closing_minor;
		res->stated_balance_on = st->closing_on;
	}
	for (guint i = 0; i < st->breaks->len; i++)
		g_ptr_array_add(res->balance_breaks, g_steal_pointer(&st->breaks->pdata[i]));
	res->balance_breaks_total = res->balance_breaks->len;
	s->stmt_rows = g_ptr_array_ref(st->rows);
	return true;
}
