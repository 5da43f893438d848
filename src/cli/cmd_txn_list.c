/*
 * cmd_txn_list.c: `gig txn list` (alias `gig register`), the register with running
 * balances, and `gig txn show ID`, one transaction with its provenance and links.
 */
#include <csv.h>
#include <string.h>

#include "cmd.h"

/* Text in a column of `width` characters: escaped, cut with an ellipsis when longer. */
static void
put_cell(const char *raw, int width, bool left)
{
	const char *text = gig_cli_text(raw ? raw : "");
	glong len = g_utf8_strlen(text, -1);
	g_autofree char *cut = NULL;
	if (len > width) {
		g_autofree char *head = g_utf8_substring(text, 0, width - 1);
		cut = g_strconcat(head, "\u2026", NULL);
		text = cut;
		len = width;
	}
	if (left)
		printf("%s%*s", text, (int)(width - len), "");
	else
		printf("%*s%s", (int)(width - len), "", text);
}

/* A --from/--to/--period value: its first (or last) day. */
static bool
period_bound(gig_cli *cli, const char *opt, const char *text, bool end, gig_date *out,
             GError **error)
{
	gig_date a, b;
	if (!gig_period_parse(&a, &b, text, cli->today, error)) {
		g_prefix_error(error, "%s: ", opt);
		return false;
	}
	*out = end ? b : a;
	return true;
}

enum out_format { OUT_TABLE, OUT_CSV, OUT_JSON };

struct list_out {
	enum out_format fmt;
	bool show_account;
	bool show_currency; /* accounts in more than one currency */
	size_t rows;
	JsonBuilder *json;
	int payee_w;
};

static void
csv_field(const char *s, bool last)
{
	g_autofree char *v = gig_text_visible(s ? s : "");
	csv_fwrite(stdout, v, strlen(v));
	putchar(last ? '\n' : ',');
}

static bool
list_row(const gig_register_row *row, void *payload)
{
	struct list_out *o = payload;
	const gig_txn *t = &row->txn;
	char date[GIG_DATE_BUFSZ], amt[GIG_MONEY_BUFSZ], bal[GIG_MONEY_BUFSZ];
	int e = gig_currency_exponent(t->currency);
	gig_date_format(date, t->posted_on);
	o->rows++;
	if (o->fmt == OUT_JSON) {
		JsonBuilder *b = o->json;
		json_builder_begin_object(b);
		gig_json_txn(b, t);
		json_builder_set_member_name(b, "balance_minor");
		json_builder_add_int_value(b, row->balance_minor);
		json_builder_set_member_name(b, "balance");
		json_builder_add_string_value(b,
		                              gig_money_format(bal, row->balance_minor, e, false));
		json_builder_end_object(b);
		return true;
	}
	if (o->fmt == OUT_CSV) {
		char id[32], gig[32], batch[32];
		g_snprintf(id, sizeof id, "%" G_GINT64_FORMAT, t->id);
		g_snprintf(gig, sizeof gig, "%" G_GINT64_FORMAT, t->gig_id);
		g_snprintf(batch, sizeof batch, "%" G_GINT64_FORMAT, t->batch_id);
		csv_field(id, false);
		csv_field(date, false);
		csv_field(t->account, false);
		csv_field(t->currency, false);
		csv_field(gig_money_format(amt, t->amount_minor, e, false), false);
		csv_field(t->payee, false);
		csv_field(t->memo, false);
		csv_field(t->category ? t->category : "", false);
		csv_field(t->pending ? "1" : "0", false);
		csv_field(t->gig_id ? gig : "", false);
		csv_field(t->batch_id ? batch : "", false);
		csv_field(gig_money_format(bal, row->balance_minor, e, false), true);
		return true;
	}
	printf("%7" G_GINT64_FORMAT " %s %c ", t->id, date, t->pending ? '!' : ' ');
	if (o->show_account) {
		put_cell(t->account, 8, true);
		putchar(' ');
	}
	put_cell(*t->payee ? t->payee : t->memo, o->payee_w, true);
	putchar(' ');
	put_cell(t->category ? t->category : "-", 12, true);
	printf(" %10s", gig_money_format(amt, t->amount_minor, e, true));
	if (o->show_currency) /* the ledger has several: every amount names its own */
		printf(" %-3s", t->currency);
	printf(" %12s\n", gig_money_format(bal, row->balance_minor, e, true));
	return true;
}

static int
txn_list(gig_cli *cli, const char *cmd, int argc, char **argv)
{
	g_autofree char *from = NULL, *to = NULL, *period = NULL, *account = NULL, *payee = NULL;
	g_autofree char *category = NULL, *stream = NULL, *min = NULL, *max = NULL;
	g_autofree char *format = NULL;
	gboolean uncategorised = false, pending = false, json = false;
	int limit = 0;
	GOptionEntry entries[] = {
	    {"from", 0, 0, G_OPTION_ARG_STRING, &from, "from this day or period on", "PERIOD"},
	    {"to", 0, 0, G_OPTION_ARG_STRING, &to, "up to the end of this day or period", "PERIOD"},
	    {"period", 'P', 0, G_OPTION_ARG_STRING, &period, "only this period (--from and --to)",
	     "PERIOD"},
	    {"account", 'a', 0, G_OPTION_ARG_STRING, &account, "only this account", "NAME"},
	    {"payee", 'p', 0, G_OPTION_ARG_STRING, &payee,
	     "payee contains TEXT, or a glob with * and ? (any case)", "PATTERN"},
	    {"category", 'c', 0, G_OPTION_ARG_STRING, &category, "only this category", "NAME"},
	    {"stream", 's', 0, G_OPTION_ARG_STRING, &stream,
	     "income of this stream (mixing, live, ...)", "STREAM"},
	    {"uncategorised", 'u', 0, G_OPTION_ARG_NONE, &uncategorised, "only uncategorised rows",
	     NULL},
	    {"uncategorized", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_NONE, &uncategorised, NULL,
	     NULL},
	    {"pending", 0, 0, G_OPTION_ARG_NONE, &pending, "only pending rows", NULL},
	    {"min", 0, 0, G_OPTION_ARG_STRING, &min, "amounts of at least this size (no sign)",
	     "AMOUNT"},
	    {"max", 0, 0, G_OPTION_ARG_STRING, &max, "amounts of at most this size (no sign)",
	     "AMOUNT"},
	    {"limit", 'n', 0, G_OPTION_ARG_INT, &limit, "only the newest N rows", "N"},
	    {"format", 0, 0, G_OPTION_ARG_STRING, &format, "table (default), csv or json",
	     "FORMAT"},
	    {"json", 0, 0, G_OPTION_ARG_NONE, &json, "same as --format json", NULL},
	    {NULL, 0, 0, 0, NULL, NULL, NULL}};
	g_autoptr(GOptionContext) ctx = gig_cli_context(
	    "",
	    "The register: transactions oldest first, each with its account's running\n"
	    "balance after it (the true balance, also when the filter hides rows).  A '!'\n"
	    "marks a pending row; it is not in the balance.",
	    "PERIOD is a year (2026), a quarter (2026-Q3), a month (2026-11) or a day.\n"
	    "Examples:\n"
	    "  gig txn list --limit 50\n"
	    "  gig register --period 2026-Q3 --category Gear\n"
	    "  gig txn list --payee splice --from 2026 --json\n"
	    "  gig txn list --payee 'AMZN*' --min 100 --format csv\n"
	    "  gig txn list --account Checking --uncategorised\n"
	    "\nThe JSON keys are listed in docs/json.md.",
	    entries);
	int rc = gig_cli_parse(ctx, cmd, &argc, &argv);
	if (rc != GIG_EXIT_OK)
		return rc;
	if (argc > 1)
		return gig_cli_usage(cmd, "unexpected argument '%s'", argv[1]);
	if (period && (from || to))
		return gig_cli_usage(cmd,
		                     "--period replaces --from and --to; give one or the other");
	if (limit < 0)
		return gig_cli_usage(cmd, "--limit must be 1 or more");
	if (uncategorised && category)
		return gig_cli_usage(cmd, "--uncategorised conflicts with --category");
	enum out_format fmt = json ? OUT_JSON : OUT_TABLE;
	if (format) {
		if (g_ascii_strcasecmp(format, "table") == 0)
			fmt = OUT_TABLE;
		else if (g_ascii_strcasecmp(format, "csv") == 0)
			fmt = OUT_CSV;
		else if (g_ascii_strcasecmp(format, "json") == 0)
			fmt = OUT_JSON;
		else
			return gig_cli_usage(cmd, "--format: '%s' is not table, csv or json",
			                     format);
		if (json && fmt != OUT_JSON)
			return gig_cli_usage(cmd, "--json conflicts with --format %s", format);
	}

	g_autoptr(GError) error = NULL;
	gig_register_filter f = GIG_REGISTER_FILTER_INIT;
	if ((period && (!period_bound(cli, "--period", period, false, &f.from, &error) ||
	                !period_bound(cli, "--period", period, true, &f.to, &error))) ||
	    (from && !period_bound(cli, "--from", from, false, &f.from, &error)) ||
	    (to && !period_bound(cli, "--to", to, true, &f.to, &error)))
		return gig_cli_fail(error);
	g_autoptr(gig_ledger) ledger = NULL;
	g_autoptr(gig_account) acct = NULL;
	g_autoptr(GPtrArray) accounts = NULL;
	if (!gig_cli_open(cli, &ledger, &error) || !gig_ledger_accounts(ledger, &accounts, &error))
		return gig_cli_fail(error);
	if (account && !gig_ledger_account_find(ledger, account, &acct, &error))
		return gig_cli_fail(error);
	const char *cur = acct ? acct->currency : NULL;
	f.account = account;
	f.payee = payee;
	f.category = category;
	f.stream = stream;
	f.uncategorised = uncategorised;
	f.pending_only = pending;
	f.limit = (size_t)limit;
	if (min) {
		f.has_min = true;
		if (!gig_cli_amount(ledger, cur, min, &f.min_minor, &error)) {
			g_prefix_error(&error, "--min: ");
			return gig_cli_fail(error);
		}
	}
	if (max) {
		f.has_max = true;
		if (!gig_cli_amount(ledger, cur, max, &f.max_minor, &error)) {
			g_prefix_error(&error, "--max: ");
			return gig_cli_fail(error);
		}
	}

	struct list_out o = {.fmt = fmt, .show_account = acct == NULL && accounts->len > 1};
	for (guint i = 1; i < accounts->len && acct == NULL; i++)
		o.show_currency |= strcmp(((gig_account *)accounts->pdata[i])->currency,
		                          ((gig_account *)accounts->pdata[0])->currency) != 0;
	o.payee_w = (o.show_account ? 13 : 22) - (o.show_currency ? 4 : 0);
	g_autoptr(JsonBuilder) builder = NULL;
	if (fmt == OUT_JSON) {
		builder = json_builder_new();
		o.json = builder;
		json_builder_begin_object(builder);
		json_builder_set_member_name(builder, "transactions");
		json_builder_begin_array(builder);
	} else if (fmt == OUT_CSV) {
		printf(
		    "id,date,account,currency,amount,payee,memo,category,pending,gig_id,batch_id,"
		    "balance\n");
	} else {
		printf("%7s %-10s   ", "ID", "DATE");
		if (o.show_account)
			printf("%-8s ", "ACCOUNT");
		printf("%-*s %-12s %10s%s %12s\n", o.payee_w, "PAYEE", "CATEGORY", "AMOUNT",
		       o.show_currency ? " CUR" : "", "BALANCE");
	}
	if (!gig_ledger_register(ledger, &f, list_row, &o, &error))
		return gig_cli_fail(error);
	if (fmt == OUT_JSON) {
		json_builder_end_array(builder);
		json_builder_end_object(builder);
		gig_cli_print_json(builder);
	} else if (fmt == OUT_TABLE && o.rows == 0 && !cli->quiet) {
		fprintf(stderr, "No transactions match.\n");
	}
	return GIG_EXIT_OK;
}

static void
json_text(JsonBuilder *b, const char *key, const char *value)
{
	json_builder_set_member_name(b, key);
	if (value)
		json_builder_add_string_value(b, value);
	else
		json_builder_add_null_value(b);
}

static void
json_id(JsonBuilder *b, const char *key, int64_t value)
{
	json_builder_set_member_name(b, key);
	if (value)
		json_builder_add_int_value(b, value);
	else
		json_builder_add_null_value(b);
}

static void
show_json(const gig_txn_detail *d)
{
	g_autoptr(JsonBuilder) b = json_builder_new();
	json_builder_begin_object(b);
	gig_txn t = {.id = d->id,
	             .account_id = d->account_id,
	             .account = d->account,
	             .currency = d->currency,
	             .posted_on = d->posted_on,
	             .amount_minor = d->amount_minor,
	             .payee = d->payee,
	             .memo = d->memo,
	             .category_id = d->category_id,
	             .category = d->category,
	             .category_kind = d->category_kind,
	             .gig_id = d->gig_id,
	             .pending = d->pending,
	             .batch_id = d->batch_id};
	gig_json_txn(b, &t);
	json_builder_set_member_name(b, "balance_minor");
	json_builder_add_int_value(b, d->balance_minor);
	json_builder_set_member_name(b, "provenance");
	if (d->batch_id) {
		json_builder_begin_object(b);
		json_id(b, "batch_id", d->batch_id);
		json_text(b, "file", d->file_name);
		json_text(b, "imported_on", d->imported_on);
		json_id(b, "line", d->line_no);
		json_text(b, "record", d->record);
		json_text(b, "external_id", d->external_id);
		json_builder_set_member_name(b, "also_in");
		json_builder_begin_array(b);
		for (size_t i = 0; i < d->n_members; i++) {
			json_builder_begin_object(b);
			json_id(b, "batch_id", d->members[i].batch_id);
			json_id(b, "line", d->members[i].line_no);
			json_builder_end_object(b);
		}
		json_builder_end_array(b);
		json_builder_end_object(b);
	} else {
		json_builder_add_null_value(b);
	}
	json_builder_set_member_name(b, "gig");
	if (d->gig_id) {
		json_builder_begin_object(b);
		json_id(b, "id", d->gig_id);
		json_text(b, "client", d->gig_client);
		json_text(b, "description", d->gig_description);
		json_text(b, "status", gig_status_name(d->gig_status));
		json_builder_set_member_name(b, "amount_minor");
		json_builder_add_int_value(b, d->gig_amount_minor);
		json_builder_end_object(b);
	} else {
		json_builder_add_null_value(b);
	}
	json_builder_set_member_name(b, "transfer");
	if (d->transfer_txn_id) {
		json_builder_begin_object(b);
		json_id(b, "txn_id", d->transfer_txn_id);
		json_text(b, "account", d->transfer_account);
		json_builder_end_object(b);
	} else {
		json_builder_add_null_value(b);
	}
	json_builder_end_object(b);
	gig_cli_print_json(b);
}

static void
show_text(const gig_txn_detail *d)
{
	char date[GIG_DATE_BUFSZ], amt[GIG_MONEY_BUFSZ], bal[GIG_MONEY_BUFSZ];
	int e = gig_currency_exponent(d->currency);
	printf("Transaction #%" G_GINT64_FORMAT "\n", d->id);
	printf("  date       %s\n", gig_date_format(date, d->posted_on));
	printf("  account    %s\n", gig_cli_text(d->account));
	printf("  amount     %s %s\n", gig_money_format(amt, d->amount_minor, e, true),
	       d->currency);
	printf("  payee      %s\n", gig_cli_text(d->payee));
	if (d->memo && *d->memo)
		printf("  memo       %s\n", gig_cli_text(d->memo));
	printf("  category   %s\n", d->category ? gig_cli_text(d->category) : "(uncategorised)");
	printf("  status     %s\n", d->pending ? "pending (not in the balance)" : "posted");
	printf("  balance    %s after it\n", gig_money_format(bal, d->balance_minor, e, true));
	if (d->batch_id) {
		printf("  source     import batch #%" G_GINT64_FORMAT ": %s", d->batch_id,
		       gig_cli_text(d->file_name ? d->file_name : "?"));
		if (d->line_no)
			printf(", line %" G_GINT64_FORMAT, d->line_no);
		if (d->imported_on)
			printf(" (imported %s)", gig_cli_text(d->imported_on));
		putchar('\n');
		if (d->record)
			printf("  record     %s\n", gig_cli_text(d->record));
		if (d->external_id && *d->external_id)
			printf("  bank id    %s\n", gig_cli_text(d->external_id));
		for (size_t i = 0; i < d->n_members; i++) {
			printf("  also in    batch #%" G_GINT64_FORMAT, d->members[i].batch_id);
			if (d->members[i].line_no)
				printf(", line %" G_GINT64_FORMAT, d->members[i].line_no);
			putchar('\n');
		}
	} else {
		printf("  source     entered by hand\n");
	}
	if (d->gig_id) {
		char g[GIG_MONEY_BUFSZ];
		printf("  gig        #%" G_GINT64_FORMAT " %s", d->gig_id,
		       gig_cli_text(d->gig_client));
		if (d->gig_description && *d->gig_description)
			printf(" \"%s\"", gig_cli_text(d->gig_description));
		printf(" (%s, %s)\n", gig_cli_status(d->gig_status),
		       gig_money_format(g, d->gig_amount_minor, e, true));
	}
	if (d->transfer_txn_id)
		printf("  transfer   #%" G_GINT64_FORMAT " in %s\n", d->transfer_txn_id,
		       gig_cli_text(d->transfer_account));
}

static int
txn_show(gig_cli *cli, int argc, char **argv)
{
	gboolean json = false;
	GOptionEntry entries[] = {{"json", 0, 0, G_OPTION_ARG_NONE, &json, "print JSON", NULL},
	                          {NULL, 0, 0, 0, NULL, NULL, NULL}};
	g_autoptr(GOptionContext) ctx = gig_cli_context(
	    "ID",
	    "One transaction in full: where it came from (import batch, file, line and the\n"
	    "record as read) and what it is linked to (a gig it pays, a transfer's other\n"
	    "half).",
	    "Examples:\n  gig txn show 1042\n  gig txn show 1042 --json\n"
	    "\nThe JSON keys are listed in docs/json.md.",
	    entries);
	int rc = gig_cli_parse(ctx, "txn show", &argc, &argv);
	if (rc != GIG_EXIT_OK)
		return rc;
	if (argc != 2)
		return gig_cli_usage("txn", "txn show needs one transaction ID");
	const char *text = argv[1][0] == '#' ? argv[1] + 1 : argv[1];
	guint64 id = 0;
	if (!g_ascii_string_to_unsigned(text, 10, 1, G_MAXINT64, &id, NULL))
		return gig_cli_usage("txn", "'%s' is not a transaction ID (a number)", argv[1]);
	g_autoptr(GError) error = NULL;
	g_autoptr(gig_ledger) ledger = NULL;
	g_autoptr(gig_txn_detail) d = NULL;
	if (!gig_cli_open(cli, &ledger, &error) ||
	    !gig_ledger_txn_get(ledger, (int64_t)id, &d, &error))
		return gig_cli_fail(error);
	if (json)
		show_json(d);
	else
		show_text(d);
	return GIG_EXIT_OK;
}

int
gig_cmd_txn_list(gig_cli *cli, int argc, char **argv)
{
	return txn_list(cli, "txn list", argc, argv);
}

int
gig_cmd_register(gig_cli *cli, int argc, char **argv)
{
	return txn_list(cli, "register", argc, argv);
}

int
gig_cmd_txn_show(gig_cli *cli, int argc, char **argv)
{
	return txn_show(cli, argc, argv);
}
