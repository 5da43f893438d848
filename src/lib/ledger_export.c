/*
 * ledger_export.c: the ledger as CSV or JSON, and the entry point of every
 * export (the journals for hledger/ledger and beancount are written by
 * ledger_journal.c).  A date range keeps the transactions in it.
 */
#include <csv.h>
#include <errno.h>
#include <string.h>

#include "gigledger/json.h"

#include "db.h"
#include "internal.h"

/* ---- CSV ------------------------------------------------------------------ */

static void
csv_field(FILE *out, const char *raw, bool last)
{
	/* No control character reaches the file raw, not even quoted: a line break inside
	 * a cell is written as \x0a. */
	g_autofree char *s = gig_text_visible(raw);
	csv_fwrite(out, s, strlen(s));
	fputc(last ? '\n' : ',', out);
}

struct export_range {
	void *out; /* FILE* for CSV, JsonBuilder* for JSON */
	gig_date from, to;
};

static bool
in_range(const struct export_range *r, gig_date d)
{
	return (r->from == GIG_DATE_NONE || d >= r->from) && (r->to == GIG_DATE_NONE || d <= r->to);
}

static bool
csv_txn(const gig_txn *t, void *payload)
{
	const struct export_range *r = payload;
	if (!in_range(r, t->posted_on))
		return true;
	FILE *out = r->out;
	char date[GIG_DATE_BUFSZ], amt[GIG_MONEY_BUFSZ], minor[32], id[32], gig[32], batch[32];
	snprintf(id, sizeof id, "%" G_GINT64_FORMAT, t->id);
	snprintf(minor, sizeof minor, "%" G_GINT64_FORMAT, t->amount_minor);
	snprintf(gig, sizeof gig, "%" G_GINT64_FORMAT, t->gig_id);
	snprintf(batch, sizeof batch, "%" G_GINT64_FORMAT, t->batch_id);
	csv_field(out, id, false);
	csv_field(out, gig_date_format(date, t->posted_on), false);
	csv_field(out, t->account, false);
	csv_field(out, t->currency, false);
	csv_field(out,
	          gig_money_format(amt, t->amount_minor, gig_currency_exponent(t->currency), false),
	          false);
	csv_field(out, minor, false);
	csv_field(out, t->payee, false);
	csv_field(out, t->memo, false);
	csv_field(out, t->category, false);
	csv_field(out, t->pending ? "1" : "0", false);
	csv_field(out, t->gig_id ? gig : "", false);
	csv_field(out, t->batch_id ? batch : "", true);
	return true;
}

static bool
export_csv(gig_ledger *ledger, const gig_export_options *o, FILE *out, GError **error)
{
	fputs("id,date,account,currency,amount,amount_minor,payee,memo,category,pending,gig_id,"
	      "batch_id\n",
	      out);
	struct export_range r = {out, o->from, o->to};
	return gig_ledger_txn_foreach(ledger, csv_txn, &r, error);
}

/* ---- JSON ----------------------------------------------------------------- */

static bool
json_txn(const gig_txn *t, void *payload)
{
	const struct export_range *r = payload;
	if (!in_range(r, t->posted_on))
		return true;
	JsonBuilder *b = r->out;
	json_builder_begin_object(b);
	gig_json_txn(b, t);
	json_builder_end_object(b);
	return true;
}

static bool
export_json(gig_ledger *ledger, const gig_export_options *o, FILE *out, GError **error)
{
	g_autoptr(GPtrArray) accounts = NULL, categories = NULL, gigs = NULL;
	if (!gig_ledger_accounts(ledger, &accounts, error) ||
	    !gig_ledger_categories(ledger, &categories, error) ||
	    !gig_ledger_gigs(ledger, false, &gigs, error))
		return false;
	g_autoptr(JsonBuilder) b = json_builder_new();
	gig_json_begin_document(b);
	json_builder_set_member_name(b, "base_currency");
	json_builder_add_string_value(b, gig_ledger_base_currency(ledger));
	json_builder_set_member_name(b, "accounts");
	json_builder_begin_array(b);
	for (unsigned i = 0; i < accounts->len; i++) {
		json_builder_begin_object(b);
		gig_json_account(b, accounts->pdata[i]);
		json_builder_end_object(b);
	}
	json_builder_end_array(b);
	json_builder_set_member_name(b, "categories");
	json_builder_begin_array(b);
	for (unsigned i = 0; i < categories->len; i++) {
		json_builder_begin_object(b);
		gig_json_category(b, categories->pdata[i]);
		json_builder_end_object(b);
	}
	json_builder_end_array(b);
	json_builder_set_member_name(b, "gigs");
	json_builder_begin_array(b);
	for (unsigned i = 0; i < gigs->len; i++) {
		json_builder_begin_object(b);
		gig_json_gig(b, gigs->pdata[i]);
		json_builder_end_object(b);
	}
	json_builder_end_array(b);
	json_builder_set_member_name(b, "transactions");
	json_builder_begin_array(b);
	struct export_range r = {b, o->from, o->to};
	if (!gig_ledger_txn_foreach(ledger, json_txn, &r, error))
		return false;
	json_builder_end_array(b);
	json_builder_end_object(b);
	g_autoptr(JsonGenerator) gen = json_generator_new();
	g_autoptr(JsonNode) root = json_builder_get_root(b);
	json_generator_set_root(gen, root);
	json_generator_set_pretty(gen, true);
	gsize len = 0;
	g_autofree char *text = json_generator_to_data(gen, &len);
	fwrite(text, 1, len, out);
	fputc('\n', out);
	return true;
}

bool
gig_ledger_export_with(gig_ledger *ledger, const gig_export_options *options, FILE *out,
                       GError **error)
{
	g_return_val_if_fail(ledger != NULL && options != NULL && out != NULL, false);
	if (options->version != GIG_EXPORT_OPTIONS_VERSION) {
		g_set_error(error, GIG_ERROR, GIG_ERROR_INVALID_INPUT,
		            "export options version %u; this library knows version %u",
		            options->version, GIG_EXPORT_OPTIONS_VERSION);
		return false;
	}
	if (options->from != GIG_DATE_NONE && options->to != GIG_DATE_NONE &&
	    options->from > options->to) {
		char f[GIG_DATE_BUFSZ], t[GIG_DATE_BUFSZ];
		g_set_error(error, GIG_ERROR, GIG_ERROR_INVALID_INPUT,
		            "the export starts on %s, after its end %s",
		            gig_date_format(f, options->from), gig_date_format(t, options->to));
		return false;
	}
	bool ok;
	switch (options->format) {
	case GIG_EXPORT_HLEDGER:
	case GIG_EXPORT_BEANCOUNT:
		ok = gig__export_journal(ledger, options->format == GIG_EXPORT_BEANCOUNT,
		                         options->from, options->to, out, error);
		break;
	case GIG_EXPORT_CSV:
		ok = export_csv(ledger, options, out, error);
		break;
	case GIG_EXPORT_JSON:
		ok = export_json(ledger, options, out, error);
		break;
	default:
		g_set_error(error, GIG_ERROR, GIG_ERROR_INVALID_INPUT, "unknown export format");
		return false;
	}
	if (ok && (fflush(out) != 0 || ferror(out))) {
		g_set_error(error, GIG_ERROR, GIG_ERROR_IO, "writing the export failed: %s",
		            g_strerror(errno));
		return false;
	}
	return ok;
}

bool
gig_ledger_export(gig_ledger *ledger, gig_export_format format, FILE *out, GError **error)
{
	gig_export_options o = GIG_EXPORT_OPTIONS_INIT;
	o.format = format;
	return gig_ledger_export_with(ledger, &o, out, error);
}
