/*
 * ledger_export.c: the whole ledger as an hledger journal, CSV or JSON.
 *
 * hledger mapping: every gig account becomes assets:NAME (liabilities:NAME
 * for cards) with an "opening balances" entry against equity:opening; every
 * posted transaction is one entry with two postings, the account and its
 * category (income:..., expenses:..., equity:transfers, or
 * income/expenses:uncategorised).  Pending transactions are written as
 * comments, because gig balances exclude them and hledger would count them.
 */
#include <csv.h>
#include <json-glib/json-glib.h>
#include <errno.h>
#include <string.h>

#include "db.h"
#include "internal.h"

/*
 * hledger account names end at two spaces and nest at ':'.  Each ':'-separated
 * part of `name` becomes a sub-account with its blanks squeezed to one space;
 * a leading part equal to the prefix ("Income: Mixing" under "income") is
 * dropped so the journal reads income:Mixing, not income:Income:Mixing.
 */
static char *
hledger_name(const char *prefix, const char *raw)
{
	GString *s = g_string_new(prefix);
	g_autofree char *name = gig_text_visible(raw);
	g_auto(GStrv) parts = g_strsplit(name, ":", -1);
	for (int i = 0; parts[i]; i++) {
		g_autofree char *part = g_strstrip(g_strdup(parts[i]));
		if (*part == '\0')
			continue;
		if (i == 0 && parts[1] && g_ascii_strcasecmp(part, prefix) == 0)
			continue;
		g_string_append_c(s, ':');
		bool space = false;
		for (const char *p = part; *p; p++) {
			if (g_ascii_isspace(*p) || *p == ';') { /* ';' starts a comment */
				space = true;
				continue;
			}
			if (space)
				g_string_append_c(s, ' ');
			space = false;
			g_string_append_c(s, *p);
		}
	}
	return g_string_free(s, false);
}

static const char *
account_prefix(gig_account_kind kind)
{
	return kind == GIG_ACCOUNT_CARD ? "liabilities" : "assets";
}

/* One-line text for a journal description or comment: blanks for line breaks and
 * tabs, every other control character escaped (gig_text_visible). */
static char *
one_line(const char *s)
{
	g_autofree char *r = g_strdup(s ? s : "");
	for (char *p = r; *p; p++)
		if (*p == '\n' || *p == '\r' || *p == '\t')
			*p = ' ';
	return g_strstrip(gig_text_visible(r));
}

struct hledger_ctx {
	FILE *out;
	GHashTable *names; /* account id -> hledger account name */
};

static bool
hledger_txn(const gig_txn *t, void *payload)
{
	struct hledger_ctx *ctx = payload;
	char date[GIG_DATE_BUFSZ], amt[GIG_MONEY_BUFSZ], neg[GIG_MONEY_BUFSZ];
	int e = gig_currency_exponent(t->currency);
	const char *acct = g_hash_table_lookup(ctx->names, &t->account_id);
	g_autofree char *payee = one_line(t->payee);
	g_autofree char *memo = one_line(t->memo);
	g_autofree char *other = NULL;
	if (t->category == NULL)
		other = g_strdup(t->amount_minor >= 0 ? "income:uncategorised"
		                                      : "expenses:uncategorised");
	else if (t->category_kind == GIG_CATEGORY_TRANSFER)
		other = hledger_name("equity:transfers", t->category);
	else
		other = hledger_name(
		    t->category_kind == GIG_CATEGORY_INCOME ? "income" : "expenses", t->category);
	const char *lead = t->pending ? "; " : "";
	/* An explicit status mark, so a payee starting with '!' or '*' stays text:
	 * posted rows are cleared by the bank, pending ones are '!'. */
	fprintf(ctx->out, "%s%s %c %s%s%s\n", lead, gig_date_format(date, t->posted_on),
	        t->pending ? '!' : '*', *payee ? payee : "no payee", *memo ? "  ; " : "", memo);
	if (t->pending)
		fprintf(ctx->out, ";   pending: not counted in balances\n");
	fprintf(ctx->out, "%s    %s  %s %s\n", lead, acct,
	        gig_money_format(amt, t->amount_minor, e, false), t->currency);
	/* -INT64_MIN does not exist; format the negation from the magnitude. */
	if (t->amount_minor == INT64_MIN)
		fprintf(ctx->out, "%s    %s\n\n", lead, other);
	else
		fprintf(ctx->out, "%s    %s  %s %s\n\n", lead, other,
		        gig_money_format(neg, -t->amount_minor, e, false), t->currency);
	return true;
}

static bool
export_hledger(gig_ledger *ledger, FILE *out, GError **error)
{
	g_autoptr(GPtrArray) accounts = NULL;
	if (!gig_ledger_accounts(ledger, &accounts, error))
		return false;
	g_autoptr(GHashTable) names =
	    g_hash_table_new_full(g_int64_hash, g_int64_equal, NULL, g_free);
	g_autoptr(GHashTable) used = g_hash_table_new(g_str_hash, g_str_equal); /* borrowed */
	fprintf(out, "; gigledger export of %s\n; %u accounts\n\ndecimal-mark .\n\n",
	        gig_ledger_path(ledger), accounts->len);
	for (unsigned i = 0; i < accounts->len; i++) {
		gig_account *a = accounts->pdata[i];
		char *name = hledger_name(account_prefix(a->kind), a->name);
		/* Squeezing blanks and ':' can make two gig accounts one hledger
		 * account ("Main  Bank", "Main Bank"); keep them apart by id. */
		if (g_hash_table_contains(used, name) || g_str_has_suffix(name, ":") ||
		    strcmp(name, account_prefix(a->kind)) == 0) {
			char *unique = g_strdup_printf("%s #%" G_GINT64_FORMAT, name, a->id);
			g_free(name);
			name = unique;
		}
		g_hash_table_add(used, name);
		g_hash_table_insert(names, &a->id, name);
		fprintf(out, "account %s\n", name);
	}
	fputc('\n', out);
	for (unsigned i = 0; i < accounts->len; i++) {
		gig_account *a = accounts->pdata[i];
		if (a->opening_minor == 0)
			continue;
		char date[GIG_DATE_BUFSZ] = "1970-01-01", amt[GIG_MONEY_BUFSZ];
		if (a->opening_date != GIG_DATE_NONE)
			gig_date_format(date, a->opening_date);
		fprintf(out, "%s opening balances\n    %s  %s %s\n    equity:opening\n\n", date,
		        (char *)g_hash_table_lookup(names, &a->id),
		        gig_money_format(amt, a->opening_minor, gig_currency_exponent(a->currency),
		                         false),
		        a->currency);
	}
	struct hledger_ctx ctx = {out, names};
	return gig_ledger_txn_foreach(ledger, hledger_txn, &ctx, error);
}

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

static bool
csv_txn(const gig_txn *t, void *payload)
{
	FILE *out = payload;
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
export_csv(gig_ledger *ledger, FILE *out, GError **error)
{
	fputs("id,date,account,currency,amount,amount_minor,payee,memo,category,pending,gig_id,"
	      "batch_id\n",
	      out);
	return gig_ledger_txn_foreach(ledger, csv_txn, out, error);
}

/* ---- JSON ----------------------------------------------------------------- */

static void
json_money(JsonBuilder *b, const char *key, int64_t minor, const char *currency)
{
	char amt[GIG_MONEY_BUFSZ];
	g_autofree char *minor_key = g_strconcat(key, "_minor", NULL);
	json_builder_set_member_name(b, minor_key);
	json_builder_add_int_value(b, minor);
	json_builder_set_member_name(b, key);
	json_builder_add_string_value(
	    b, gig_money_format(amt, minor, gig_currency_exponent(currency), false));
}

static void
json_date(JsonBuilder *b, const char *key, gig_date d)
{
	char buf[GIG_DATE_BUFSZ];
	json_builder_set_member_name(b, key);
	if (d == GIG_DATE_NONE)
		json_builder_add_null_value(b);
	else
		json_builder_add_string_value(b, gig_date_format(buf, d));
}

static bool
json_txn(const gig_txn *t, void *payload)
{
	JsonBuilder *b = payload;
	json_builder_begin_object(b);
	json_builder_set_member_name(b, "id");
	json_builder_add_int_value(b, t->id);
	json_date(b, "date", t->posted_on);
	json_builder_set_member_name(b, "account");
	json_builder_add_string_value(b, t->account);
	json_builder_set_member_name(b, "currency");
	json_builder_add_string_value(b, t->currency);
	json_money(b, "amount", t->amount_minor, t->currency);
	json_builder_set_member_name(b, "payee");
	json_builder_add_string_value(b, t->payee);
	json_builder_set_member_name(b, "memo");
	json_builder_add_string_value(b, t->memo);
	json_builder_set_member_name(b, "category");
	if (t->category)
		json_builder_add_string_value(b, t->category);
	else
		json_builder_add_null_value(b);
	json_builder_set_member_name(b, "pending");
	json_builder_add_boolean_value(b, t->pending);
	json_builder_set_member_name(b, "gig_id");
	if (t->gig_id)
		json_builder_add_int_value(b, t->gig_id);
	else
		json_builder_add_null_value(b);
	json_builder_set_member_name(b, "batch_id");
	if (t->batch_id)
		json_builder_add_int_value(b, t->batch_id);
	else
		json_builder_add_null_value(b);
	json_builder_end_object(b);
	return true;
}

static bool
export_json(gig_ledger *ledger, FILE *out, GError **error)
{
	g_autoptr(GPtrArray) accounts = NULL, categories = NULL, gigs = NULL;
	if (!gig_ledger_accounts(ledger, &accounts, error) ||
	    !gig_ledger_categories(ledger, &categories, error) ||
	    !gig_ledger_gigs(ledger, false, &gigs, error))
		return false;
	g_autoptr(JsonBuilder) b = json_builder_new();
	json_builder_begin_object(b);
	json_builder_set_member_name(b, "base_currency");
	json_builder_add_string_value(b, gig_ledger_base_currency(ledger));
	json_builder_set_member_name(b, "accounts");
	json_builder_begin_array(b);
	for (unsigned i = 0; i < accounts->len; i++) {
		gig_account *a = accounts->pdata[i];
		json_builder_begin_object(b);
		json_builder_set_member_name(b, "id");
		json_builder_add_int_value(b, a->id);
		json_builder_set_member_name(b, "name");
		json_builder_add_string_value(b, a->name);
		json_builder_set_member_name(b, "kind");
		json_builder_add_string_value(b, gig_account_kind_name(a->kind));
		json_builder_set_member_name(b, "currency");
		json_builder_add_string_value(b, a->currency);
		json_money(b, "opening", a->opening_minor, a->currency);
		json_date(b, "opening_date", a->opening_date);
		json_money(b, "balance", a->balance_minor, a->currency);
		json_builder_end_object(b);
	}
	json_builder_end_array(b);
	json_builder_set_member_name(b, "categories");
	json_builder_begin_array(b);
	for (unsigned i = 0; i < categories->len; i++) {
		gig_category *c = categories->pdata[i];
		json_builder_begin_object(b);
		json_builder_set_member_name(b, "name");
		json_builder_add_string_value(b, c->name);
		json_builder_set_member_name(b, "kind");
		json_builder_add_string_value(b, gig_category_kind_name(c->kind));
		json_builder_set_member_name(b, "essential");
		json_builder_add_boolean_value(b, c->essential);
		json_builder_set_member_name(b, "deductible");
		json_builder_add_boolean_value(b, c->deductible);
		json_builder_end_object(b);
	}
	json_builder_end_array(b);
	json_builder_set_member_name(b, "gigs");
	json_builder_begin_array(b);
	for (unsigned i = 0; i < gigs->len; i++) {
		gig_gig *g = gigs->pdata[i];
		json_builder_begin_object(b);
		json_builder_set_member_name(b, "id");
		json_builder_add_int_value(b, g->id);
		json_builder_set_member_name(b, "client");
		json_builder_add_string_value(b, g->client);
		json_builder_set_member_name(b, "stream");
		json_builder_add_string_value(b, gig_stream_name(g->stream));
		json_builder_set_member_name(b, "description");
		json_builder_add_string_value(b, g->description);
		json_builder_set_member_name(b, "currency");
		json_builder_add_string_value(b, g->currency);
		json_money(b, "amount", g->amount_minor, g->currency);
		json_money(b, "paid", g->paid_minor, g->currency);
		json_date(b, "performed_on", g->performed_on);
		json_date(b, "invoiced_on", g->invoiced_on);
		json_date(b, "due_on", g->due_on);
		json_builder_set_member_name(b, "status");
		json_builder_add_string_value(b, gig_status_name(g->status));
		json_builder_end_object(b);
	}
	json_builder_end_array(b);
	json_builder_set_member_name(b, "transactions");
	json_builder_begin_array(b);
	if (!gig_ledger_txn_foreach(ledger, json_txn, b, error))
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
gig_ledger_export(gig_ledger *ledger, gig_export_format format, FILE *out, GError **error)
{
	bool ok;
	switch (format) {
	case GIG_EXPORT_HLEDGER:
		ok = export_hledger(ledger, out, error);
		break;
	case GIG_EXPORT_CSV:
		ok = export_csv(ledger, out, error);
		break;
	case GIG_EXPORT_JSON:
		ok = export_json(ledger, out, error);
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
