/*
 * ledger_gigfile.c: logging many gigs at once from a CSV file (an invoice
 * list kept in a spreadsheet).  libcsv splits the records; every record is
 * validated and inserted inside one transaction, so a bad line leaves the
 * ledger untouched.
 */
#include <csv.h>
#include <string.h>

#include "db.h"
#include "internal.h"

enum {
	COL_CLIENT,
	COL_STREAM,
	COL_AMOUNT,
	COL_CURRENCY,
	COL_PERFORMED,
	COL_INVOICED,
	COL_DUE,
	COL_DESCRIPTION,
	COL_PAID,
	COL_COUNT
};
static const char *const column_names[COL_COUNT] = {"client",   "stream",       "amount",
                                                    "currency", "performed_on", "invoiced_on",
                                                    "due_on",   "description",  "paid_on"};

struct loader {
	gig_ledger *ledger;
	const char *path;
	GPtrArray *fields;  /* the record being read */
	int map[COL_COUNT]; /* column index of each known name, -1 if absent */
	int64_t records;    /* records seen, header included */
	int64_t line;       /* physical line where the current record starts */
	int64_t next_line;  /* line after the record just completed */
	int64_t count;
	GError *error;
};

static void
on_field(void *data, size_t len, void *payload)
{
	struct loader *l = payload;
	g_ptr_array_add(l->fields, g_strstrip(g_strndup(data, len)));
}

static const char *
field(struct loader *l, int col)
{
	int i = l->map[col];
	if (i < 0 || (unsigned)i >= l->fields->len)
		return "";
	return l->fields->pdata[i];
}

static bool
read_header(struct loader *l)
{
	for (int c = 0; c < COL_COUNT; c++)
		l->map[c] = -1;
	for (unsigned i = 0; i < l->fields->len; i++) {
		g_autofree char *name = g_ascii_strdown(l->fields->pdata[i], -1);
		for (int c = 0; c < COL_COUNT; c++)
			if (strcmp(name, column_names[c]) == 0)
				l->map[c] = (int)i;
	}
	for (int c = COL_CLIENT; c <= COL_AMOUNT; c++)
		if (l->map[c] < 0) {
			g_set_error(&l->error, GIG_ERROR, GIG_ERROR_INVALID_INPUT,
			            "%s:1: the header has no '%s' column (needed: client, stream, "
			            "amount)",
			            l->path, column_names[c]);
			return false;
		}
	return true;
}

static bool
optional_date(struct loader *l, int col, gig_date *out)
{
	const char *text = field(l, col);
	*out = GIG_DATE_NONE;
	if (*text == '\0')
		return true;
	if (gig_date_parse_iso(out, text, &l->error))
		return true;
	g_prefix_error(&l->error, "%s:%" G_GINT64_FORMAT ": %s: ", l->path, l->line,
	               column_names[col]);
	return false;
}

static bool
read_record(struct loader *l)
{
	const char *currency = field(l, COL_CURRENCY);
	gig_gig_spec spec = {.client = field(l, COL_CLIENT),
	                     .description = field(l, COL_DESCRIPTION),
	                     .currency = *currency ? currency : NULL,
	                     .terms_days = -1};
	char cur[4];
	const char *code = spec.currency ? spec.currency : gig_ledger_base_currency(l->ledger);
	bool ok = gig_stream_parse(&spec.stream, field(l, COL_STREAM), &l->error) &&
	          gig_currency_normalize(cur, code, &l->error) &&
	          gig_money_parse(&spec.amount_minor, field(l, COL_AMOUNT),
	                          gig_currency_exponent(cur), &l->error);
	if (!ok) {
		g_prefix_error(&l->error, "%s:%" G_GINT64_FORMAT ": ", l->path, l->line);
		return false;
	}
	if (!optional_date(l, COL_PERFORMED, &spec.performed_on) ||
	    !optional_date(l, COL_INVOICED, &spec.invoiced_on) ||
	    !optional_date(l, COL_DUE, &spec.due_on) || !optional_date(l, COL_PAID, &spec.paid_on))
		return false;
	if (!gig__gig_add_in_tx(l->ledger, &spec, NULL, &l->error)) {
		g_prefix_error(&l->error, "%s:%" G_GINT64_FORMAT ": ", l->path, l->line);
		return false;
	}
	l->count++;
	return true;
}

static void
on_record(int terminator, void *payload)
{
	struct loader *l = payload;
	(void)terminator;
	bool blank = l->fields->len == 1 && *(char *)l->fields->pdata[0] == '\0';
	if (l->error == NULL && !blank) {
		if (l->records++ == 0)
			read_header(l);
		else
			read_record(l);
	}
	g_ptr_array_set_size(l->fields, 0);
	l->line = l->next_line;
}

bool
gig_ledger_gigs_load_csv(gig_ledger *ledger, const char *path, int64_t *out_count, GError **error)
{
	g_autofree char *text = NULL;
	size_t len = 0;
	GError *io = NULL;
	if (!g_file_get_contents(path, &text, &len, &io)) {
		g_set_error(error, GIG_ERROR, GIG_ERROR_IO, "%s", io->message);
		g_error_free(io);
		return false;
	}
	if (!g_utf8_validate(text, (gssize)len, NULL)) {
		g_set_error(error, GIG_ERROR, GIG_ERROR_ENCODING, "%s is not UTF-8 text", path);
		return false;
	}
	struct csv_parser parser;
	if (csv_init(&parser, CSV_APPEND_NULL | CSV_STRICT | CSV_STRICT_FINI) != 0) {
		g_set_error(error, GIG_ERROR, GIG_ERROR_FAILED, "cannot start the CSV parser");
		return false;
	}
	g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func(g_free);
	struct loader l = {
	    .ledger = ledger, .path = path, .fields = fields, .line = 1, .next_line = 1};
	sqlite3 *db = gig__ledger_db(ledger);
	if (!gig__tx_begin(db, error)) {
		csv_free(&parser);
		return false;
	}
	/* Feed line by line so that errors can name the physical line.  A UTF-8
	 * byte-order mark (spreadsheets write one) is not part of the header. */
	const char *p = text, *end = text + len;
	if (len >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
		p += 3;
	bool ok = true;
	while (ok && p < end && l.error == NULL && !gig__cancelled(&l.error)) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) + 1 : (size_t)(end - p);
		l.next_line++;
		if (csv_parse(&parser, p, n, on_field, on_record, &l) != n)
			ok = false;
		p += n;
	}
	if (ok && l.error == NULL && csv_fini(&parser, on_field, on_record, &l) != 0)
		ok = false;
	if (!ok && l.error == NULL)
		g_set_error(&l.error, GIG_ERROR, GIG_ERROR_INVALID_INPUT,
		            "%s:%" G_GINT64_FORMAT ": malformed CSV (%s)", path, l.line,
		            csv_strerror(csv_error(&parser)));
	csv_free(&parser);
	if (l.error == NULL && l.records == 0)
		g_set_error(&l.error, GIG_ERROR, GIG_ERROR_INVALID_INPUT, "%s is empty", path);
	if (l.error) {
		gig__tx_end(db, false, NULL);
		g_propagate_error(error, l.error);
		return false;
	}
	if (!gig__tx_end(db, true, error))
		return false;
	if (out_count)
		*out_count = l.count;
	return true;
}
