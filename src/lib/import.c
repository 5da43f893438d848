/*
 * import.c: the parse-only entry point gig_csv_parse_file(), and the
 * result and row types shared with the database import (import_db.c).
 */
#include <string.h>

#include "import_internal.h"

const char *
gig_row_fate_name(gig_row_fate fate)
{
	switch (fate) {
	case GIG_ROW_NEW:
		return "new";
	case GIG_ROW_PENDING:
		return "pending";
	case GIG_ROW_DUPLICATE:
		return "duplicate";
	case GIG_ROW_REPLACED_PENDING:
		return "replaced-pending";
	case GIG_ROW_CONFIRMED:
		return "confirmed";
	}
	return "unknown";
}

void
gig__csv_row_free(gig_csv_row *row)
{
	if (row == NULL)
		return;
	g_free(row->payee);
	g_free(row->memo);
	g_free(row->external_id);
	g_free(row->raw);
	g_free(row->category);
	g_free(row->fingerprint);
	g_free(row->old_fingerprint);
	g_free(row);
}

static void
near_free(gig_near_match *m)
{
	if (m == NULL)
		return;
	g_free(m->reason);
	g_free(m);
}

static void
match_free(gig_invoice_match *m)
{
	if (m == NULL)
		return;
	g_free(m->client);
	g_free(m);
}

static void
royalty_match_free(gig_royalty_match *m)
{
	if (m == NULL)
		return;
	g_free(m->payer);
	g_free(m);
}

static void
confirmation_free(gig_confirmation *c)
{
	if (c == NULL)
		return;
	g_free(c->payee);
	g_free(c);
}

static void
break_free(gig_balance_break *b)
{
	if (b == NULL)
		return;
	g_free(b->what);
	g_free(b);
}

gig_import_result *
gig__import_result_new(void)
{
	gig_import_result *r = g_new0(gig_import_result, 1);
	r->balance_breaks = g_ptr_array_new_with_free_func((GDestroyNotify)break_free);
	r->near_matches = g_ptr_array_new_with_free_func((GDestroyNotify)near_free);
	r->invoice_matches = g_ptr_array_new_with_free_func((GDestroyNotify)match_free);
	r->royalty_matches = g_ptr_array_new_with_free_func((GDestroyNotify)royalty_match_free);
	r->skipped_no_amount = g_array_new(FALSE, FALSE, sizeof(int64_t));
	r->stated_balance_on = GIG_DATE_NONE;
	r->confirmations = g_ptr_array_new_with_free_func((GDestroyNotify)confirmation_free);
	r->reconciliation.on = GIG_DATE_NONE;
	return r;
}

char *
gig_import_lines_text(const GArray *lines, unsigned shown)
{
	g_return_val_if_fail(lines != NULL && shown >= 1, NULL);
	GString *o = g_string_new(NULL);
	if (lines->len == 0)
		return g_string_free(o, FALSE);
	g_string_append(o, lines->len == 1 ? "line " : "lines ");
	guint n = MIN(lines->len, shown);
	for (guint i = 0; i < n; i++) {
		const char *sep = i == 0 ? "" : (i + 1 == n && n == lines->len) ? " and " : ", ";
		g_string_append_printf(o, "%s%" G_GINT64_FORMAT, sep,
		                       g_array_index(lines, int64_t, i));
	}
	if (n < lines->len)
		g_string_append_printf(o, " and %u more", lines->len - n);
	return g_string_free(o, FALSE);
}

/* INVALID_INPUT unless `opts` is NULL or of this library's version. */
bool
gig__import_options_check(const gig_import_options *opts, GError **error)
{
	if (opts == NULL || opts->version == GIG_IMPORT_OPTIONS_VERSION)
		return true;
	g_set_error(error, GIG_ERROR, GIG_ERROR_INVALID_INPUT,
	            "import options version %u; this library knows version %u (start from "
	            "GIG_IMPORT_OPTIONS_INIT)",
	            opts->version, (unsigned)GIG_IMPORT_OPTIONS_VERSION);
	return false;
}

void
gig_import_result_free(gig_import_result *r)
{
	if (r == NULL)
		return;
	g_free(r->file_sha256);
	g_free(r->guesses.encoding);
	g_free(r->guesses.date_format);
	g_free(r->guesses.sign_rule);
	g_free(r->guesses.columns);
	g_free(r->guesses.profile);
	g_free(r->guesses.profile_ini);
	g_free(r->guesses.account_number);
	if (r->guesses.column_guesses)
		g_ptr_array_unref(r->guesses.column_guesses);
	g_free(r->guesses.format);
	g_ptr_array_unref(r->balance_breaks);
	if (r->rows)
		g_ptr_array_unref(r->rows);
	g_ptr_array_unref(r->near_matches);
	g_ptr_array_unref(r->invoice_matches);
	g_ptr_array_unref(r->royalty_matches);
	g_ptr_array_unref(r->confirmations);
	g_array_unref(r->skipped_no_amount);
	if (r->accounts)
		g_ptr_array_unref(r->accounts);
	g_free(r->account);
	g_free(r);
}

static bool
collect(gig_csv_row *row, void *payload, GError **error)
{
	gig_import_result *res = payload;
	if (res->currency[0] == '\0')
		memcpy(res->currency, row->currency, 4);
	if (row->pending) {
		res->pending++;
	} else {
		res->inserted++;
		if (!gig_money_add(&res->sum_minor, res->sum_minor, row->amount_minor)) {
			g_set_error(error, GIG_ERROR, GIG_ERROR_OVERFLOW,
			            "line %" G_GINT64_FORMAT ": the total does not fit in 64 bits",
			            row->line_no);
			gig__csv_row_free(row);
			return false;
		}
	}
	g_ptr_array_add(res->rows, row);
	return true;
}

bool
gig_csv_parse_file(const char *path, const gig_import_options *opts, gig_import_result **out,
                   GError **error)
{
	g_return_val_if_fail(path != NULL && out != NULL, false);
	if (!gig__import_options_check(opts, error))
		return false;
	g_autoptr(gig_import_result) res = gig__import_result_new();
	res->rows = g_ptr_array_new_with_free_func((GDestroyNotify)gig__csv_row_free);
	g_autoptr(gig__scan) scan = NULL;
	if (!gig__scan_prepare(&scan, path, opts, false, res, error))
		return false;
	if (!gig__scan_run(scan, collect, res, error))
		return false;
	gig__scan_file_sha256(scan);
	if (res->currency[0] == '\0') {
		const char *c = opts && opts->currency ? opts->currency : "EUR";
		if (!gig_currency_normalize(res->currency, c, error))
			return false;
	}
	*out = g_steal_pointer(&res);
	return true;
}
