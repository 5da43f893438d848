/* cmd_gig.c: gigs as receivables: `gig log`, `gig invoices`, `gig paid`, `gig cancel`. */
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "cmd_import.h"
#include <gigledger/rates.h>

static bool
parse_id(const char *text, int64_t *out)
{
	if (text == NULL)
		return false;
	if (*text == '#')
		text++;
	char *end = NULL;
	long long v = strtoll(text, &end, 10);
	if (end == text || *end != '\0' || v <= 0)
		return false;
	*out = v;
	return true;
}

int
gig_cmd_log(gig_cli *cli, int argc, char **argv)
{
	g_autofree char *stream = NULL, *date = NULL, *invoiced = NULL, *due = NULL;
	g_autofree char *currency = NULL, *account = NULL, *desc = NULL, *from = NULL;
	int terms = -1;
	gboolean paid = false, planned = false, json = false;
	GOptionEntry entries[] = {
	    {"stream", 's', 0, G_OPTION_ARG_STRING, &stream,
	     "session, production, mixing, mastering, royalty, sync, beats, teaching, live, "
	     "other (default other)",
	     "STREAM"},
	    {"date", 'd', 0, G_OPTION_ARG_STRING, &date, "when the work was done (default today)",
	     "DATE"},
	    {"invoiced", 0, 0, G_OPTION_ARG_STRING, &invoiced, "invoice date (default: --date)",
	     "DATE"},
	    {"due", 0, 0, G_OPTION_ARG_STRING, &due, "due date", "DATE"},
	    {"terms", 0, 0, G_OPTION_ARG_INT, &terms,
	     "due this many days after the invoice (default: the client's, 30)", "DAYS"},
	    {"paid", 0, 0, G_OPTION_ARG_NONE, &paid, "already paid in full on --date", NULL},
	    {"account", 'a', 0, G_OPTION_ARG_STRING, &account,
	     "account the --paid money went to (default: the main checking account)", "NAME"},
	    {"planned", 0, 0, G_OPTION_ARG_NONE, &planned, "booked but not invoiced yet", NULL},
	    {"currency", 0, 0, G_OPTION_ARG_STRING, &currency, "ISO 4217 (default: the ledger's)",
	     "CODE"},
	    {"message", 'm', 0, G_OPTION_ARG_STRING, &desc, "description", "TEXT"},
	    {"json", 0, 0, G_OPTION_ARG_NONE, &json, "print the gig recorded as JSON", NULL},
	    {"from", 0, 0, G_OPTION_ARG_FILENAME, &from,
	     "log every gig in a CSV file ('-' = standard input); header: client, "
	     "stream, amount, and optionally currency, performed_on, invoiced_on, due_on, "
	     "description, paid_on; all or nothing",
	     "FILE"},
	    {NULL, 0, 0, 0, NULL, NULL, NULL}};
	g_autoptr(GOptionContext) ctx = gig_cli_context(
	    "AMOUNT CLIENT | --from FILE", "Log a gig you invoiced (a receivable).",
	    "Examples:\n"
	    "  gig log 1200 \"Blue Room Studios\" --stream mixing --due 2026-12-20\n"
	    "  gig log 350 \"Riverside Music School\" -s teaching --terms 14\n"
	    "  gig log 80 \"Open mic\" -s live --paid\n"
	    "  gig log --from invoices.csv\n"
	    "  gig log --from - < invoices.csv   (standard input)\n"
	    "  gig log 80 \"Open mic\" -s live --json",
	    entries);
	int rc = gig_cli_parse(ctx, "log", &argc, &argv);
	if (rc != GIG_EXIT_OK)
		return rc;
	if (from) {
		if (argc != 1)
			return gig_cli_usage("log", "--from FILE takes no AMOUNT or CLIENT");
		g_autoptr(GError) error = NULL;
		g_autoptr(gig_ledger) ledger = NULL;
		int64_t n = 0;
		gig_cli_stdin in = {0}; /* --from - reads standard input (cmd_import.h) */
		bool piped = strcmp(from, "-") == 0;
		bool ok = (!piped || gig_cli_stdin_spool(&in, &error)) &&
		          gig_cli_open(cli, &ledger, &error) &&
		          gig_ledger_gigs_load_csv(ledger, piped ? in.path : from, &n, &error);
		gig_cli_stdin_rename(&in, error);
		gig_cli_stdin_clear(&in);
		if (!ok)
			return gig_cli_fail(error);
		if (json) {
			g_autoptr(JsonBuilder) b = json_builder_new();
			json_builder_begin_object(b);
			json_builder_set_member_name(b, "logged_count");
			json_builder_add_int_value(b, n);
			json_builder_end_object(b);
			gig_cli_print_json(b);
		} else if (!cli->quiet) {
			fprintf(stderr, "Logged %" G_GINT64_FORMAT " gig%s from %s.\n", n,
			        n == 1 ? "" : "s", gig_cli_text(from));
		}
		return GIG_EXIT_OK;
	}
	if (argc != 3)
		return gig_cli_usage("log", "expected AMOUNT and CLIENT");
	if (due && terms >= 0)
		return gig_cli_usage("log", "give either --due or --terms, not both");
	if (planned && (paid || invoiced))
		return gig_cli_usage("log",
		                     "--planned cannot be combined with --paid or --invoiced");
	if (terms > 3650 || terms < -1)
		return gig_cli_usage("log", "--terms must be 0..3650 days, not %d", terms);

	g_autoptr(GError) error = NULL;
	g_autoptr(gig_ledger) ledger = NULL;
	if (!gig_cli_open(cli, &ledger, &error))
		return gig_cli_fail(error);
	gig_gig_spec spec = {.client = argv[2],
	                     .stream = GIG_STREAM_OTHER,
	                     .description = desc,
	                     .currency = currency,
	                     .terms_days = terms,
	                     .due_on = GIG_DATE_NONE,
	                     .paid_on = GIG_DATE_NONE};
	if (stream && !gig_stream_parse(&spec.stream, stream, &error))
		return gig_cli_fail(error);
	if (!gig_cli_amount(ledger, currency, argv[1], &spec.amount_minor, &error))
		return gig_cli_fail(error);
	if (!gig_cli_date(cli, date, &spec.performed_on, &error)) {
		g_prefix_error(&error, "--date: ");
		return gig_cli_fail(error);
	}
	spec.invoiced_on = planned ? GIG_DATE_NONE : spec.performed_on;
	if (invoiced && !gig_cli_date(cli, invoiced, &spec.invoiced_on, &error)) {
		g_prefix_error(&error, "--invoiced: ");
		return gig_cli_fail(error);
	}
	if (due && !gig_cli_date(cli, due, &spec.due_on, &error)) {
		g_prefix_error(&error, "--due: ");
		return gig_cli_fail(error);
	}
	spec.paid_on = paid ? spec.performed_on : GIG_DATE_NONE;
	spec.paid_account = account;
	if (account && !paid)
		return gig_cli_usage("log", "--account only applies with --paid");
	int64_t id = 0;
	if (!gig_ledger_gig_add(ledger, &spec, &id, &error))
		return gig_cli_fail(error);
	/* what was recorded, not a bare id: on stderr like every confirmation (-q hides
	 * it); --json prints the gig on stdout */
	char amt[GIG_MONEY_BUFSZ];
	g_autoptr(gig_gig) g = NULL;
	if (!gig_ledger_gig_get(ledger, id, &g, &error))
		return gig_cli_fail(error);
	if (json) {
		g_autoptr(JsonBuilder) b = json_builder_new();
		json_builder_begin_object(b);
		json_builder_set_member_name(b, "gig");
		json_builder_begin_object(b);
		gig_json_gig(b, g);
		json_builder_end_object(b);
		json_builder_end_object(b);
		gig_cli_print_json(b);
		return GIG_EXIT_OK;
	}
	char due_s[GIG_DATE_BUFSZ] = "";
	if (g->due_on != GIG_DATE_NONE)
		gig_date_format(due_s, g->due_on);
	if (!cli->quiet)
		fprintf(stderr, "Logged gig #%" G_GINT64_FORMAT ": %s %s from %s (%s), %s%s%s.\n",
		        id, gig_cli_money(amt, g->amount_minor, g->currency), g->currency,
		        gig_cli_text(g->client), gig_stream_name(g->stream),
		        gig_cli_status(g->status),
		        *due_s && g->status != GIG_STATUS_PAID ? ", due " : "",
		        g->status != GIG_STATUS_PAID ? due_s : "");
	return GIG_EXIT_OK;
}

int
gig_cmd_invoices(gig_cli *cli, int argc, char **argv)
{
	gboolean all = false, json = false;
	bool multi = false;
	GOptionEntry entries[] = {
	    {"all", 0, 0, G_OPTION_ARG_NONE, &all, "every gig, not only the open ones", NULL},
	    {"json", 0, 0, G_OPTION_ARG_NONE, &json, "print JSON", NULL},
	    {NULL, 0, 0, 0, NULL, NULL, NULL}};
	g_autoptr(GOptionContext) ctx = gig_cli_context(
	    "", "Open and overdue invoices, oldest due first, with days outstanding.",
	    "Examples:\n  gig invoices\n  gig invoices --all\n  gig invoices --json | jq "
	    "'.invoices[].overdue_days'\n\n"
	    "The JSON keys are listed in docs/json.md.",
	    entries);
	int rc = gig_cli_parse(ctx, "invoices", &argc, &argv);
	if (rc != GIG_EXIT_OK)
		return rc;
	if (argc > 1)
		return gig_cli_usage("invoices", "unexpected argument '%s'", argv[1]);
	g_autoptr(GError) error = NULL;
	g_autoptr(gig_ledger) ledger = NULL;
	g_autoptr(GPtrArray) gigs = NULL;
	if (!gig_cli_open(cli, &ledger, &error) || !gig_ledger_gigs(ledger, !all, &gigs, &error))
		return gig_cli_fail(error);

	g_autoptr(JsonBuilder) b = json_builder_new();
	json_builder_begin_object(b);
	json_builder_set_member_name(b, "invoices");
	json_builder_begin_array(b);
	if (!json) {
		if (gigs->len == 0) {
			printf(all ? "No gigs logged yet.\n" : "No open invoices.\n");
			return GIG_EXIT_OK;
		}
		/* within 80 columns: one money column, what is still open (the whole
		 * amount with --all, where paid gigs have nothing open); with more than one
		 * currency in the ledger the amounts carry theirs and the client is narrower */
		if (!gig_cli_multi_currency(ledger, gigs, &multi, &error))
			return gig_cli_fail(error);
		printf("%4s %-*s %-10s %*s %-10s %5s  %s\n", "ID", multi ? 16 : 20, "CLIENT",
		       "STREAM", multi ? 16 : 12, all ? "AMOUNT" : "OPEN", "DUE", "AGE", "STATUS");
	}
	for (unsigned i = 0; i < gigs->len; i++) {
		gig_gig *g = gigs->pdata[i];
		char amt[GIG_MONEY_BUFSZ], open[GIG_MONEY_BUFSZ], due[GIG_DATE_BUFSZ] = "-";
		int64_t open_minor =
		    g->status == GIG_STATUS_CANCELLED ? 0 : g->amount_minor - g->paid_minor;
		int age = g->invoiced_on != GIG_DATE_NONE ? cli->today - g->invoiced_on : 0;
		int overdue = g->due_on != GIG_DATE_NONE && open_minor > 0 && cli->today > g->due_on
		                  ? cli->today - g->due_on
		                  : 0;
		if (g->due_on != GIG_DATE_NONE)
			gig_date_format(due, g->due_on);
		if (json) {
			json_builder_begin_object(b);
			gig_json_gig(b, g);
			json_builder_set_member_name(b, "open_minor");
			json_builder_add_int_value(b, open_minor);
			json_builder_set_member_name(b, "age_days");
			json_builder_add_int_value(b, age);
			json_builder_set_member_name(b, "overdue_days");
			json_builder_add_int_value(b, overdue);
			json_builder_end_object(b);
			continue;
		}
		g_autofree char *status = overdue ? g_strdup_printf("OVERDUE %dd", overdue)
		                                  : g_strdup(gig_cli_status(g->status));
		const char *money = all ? gig_cli_money(amt, g->amount_minor, g->currency)
		                        : gig_cli_money(open, open_minor, g->currency);
		g_autofree char *shown =
		    multi ? g_strdup_printf("%s %s", money, g->currency) : g_strdup(money);
		printf("%4" G_GINT64_FORMAT " %-*.*s %-10s %*s %-10s %4dd  %s\n", g->id,
		       multi ? 16 : 20, multi ? 16 : 20, gig_cli_text(g->client),
		       gig_stream_name(g->stream), multi ? 16 : 12, shown, due, age, status);
	}
	json_builder_end_array(b);
	json_builder_end_object(b);
	if (json)
		gig_cli_print_json(b);
	return GIG_EXIT_OK;
}

/* `gig paid ID [AMOUNT] --received R`: the gig in one currency, R in another. */
static int
paid_received(gig_cli *cli, gig_ledger *ledger, const gig_gig *g, int64_t amount,
              const char *received_text, const char *account, gig_date date, bool new_txn,
              bool json)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(gig_account) acct = NULL;
	if (!(account ? gig_ledger_account_find(ledger, account, &acct, &error)
	              : gig_ledger_account_default(ledger, &acct, &error)))
		return gig_cli_fail(error);
	int64_t received = 0;
	if (!gig_cli_amount(ledger, acct->currency, received_text, &received, &error)) {
		g_prefix_error(&error, "--received: ");
		return gig_cli_fail(error);
	}
	if (received <= 0)
		return gig_cli_usage("paid", "--received must be more than 0");
	/* the bank's row of the receipt may be imported already */
	int64_t txn = 0;
	if (!new_txn &&
	    !gig_ledger_gig_payment_find(ledger, g->id, received, acct->name, date, &txn, &error))
		return gig_cli_fail(error);
	gig_fx_payment p;
	if (txn ? !gig_ledger_gig_pay_txn_received(ledger, g->id, txn, amount, &p, &error)
	        : !gig_ledger_gig_pay_received(ledger, g->id, amount, received, acct->name, date,
	                                       &p, &error))
		return gig_cli_fail(error);
	g_autoptr(gig_gig) after = NULL;
	if (!gig_ledger_gig_get(ledger, g->id, &after, &error))
		return gig_cli_fail(error);
	g_autofree char *rate = gig_conversion_describe(&p.rate);
	char m1[GIG_MONEY_BUFSZ], m2[GIG_MONEY_BUFSZ], m3[GIG_MONEY_BUFSZ], m4[GIG_MONEY_BUFSZ];
	if (!cli->quiet && !json) {
		if (txn)
			fprintf(stderr,
			        "Linked transaction #%" G_GINT64_FORMAT
			        " (already in the ledger) as the payment.\n",
			        txn);
		fprintf(stderr,
		        "Gig #%" G_GINT64_FORMAT ": %s %s paid with %s %s received; at %s it was "
		        "worth %s %s, so a realised FX %s of %s %s.\n",
		        g->id, gig_cli_money(m1, p.gig_minor, p.gig_currency), p.gig_currency,
		        gig_cli_money(m2, p.received_minor, p.currency), p.currency, rate,
		        gig_cli_money(m3, p.expected_minor, p.currency), p.currency,
		        p.fx_minor < 0 ? "loss" : "gain",
		        gig_cli_money(m4, p.fx_minor < 0 ? -p.fx_minor : p.fx_minor, p.currency),
		        p.currency);
		fprintf(stderr, "Gig #%" G_GINT64_FORMAT " is now %s (%s %s open).\n", g->id,
		        gig_status_name(after->status),
		        gig_cli_money(m1, after->amount_minor - after->paid_minor, after->currency),
		        after->currency);
	}
	g_autoptr(JsonBuilder) b = json ? json_builder_new() : NULL;
	if (b) {
		char day[GIG_DATE_BUFSZ];
		json_builder_begin_object(b);
		json_builder_set_member_name(b, "gig_id");
		json_builder_add_int_value(b, g->id);
		json_builder_set_member_name(b, "txn_id");
		json_builder_add_int_value(b, p.txn_id);
		json_builder_set_member_name(b, "status");
		json_builder_add_string_value(b, gig_status_name(after->status));
		json_builder_set_member_name(b, "open_minor");
		json_builder_add_int_value(b, after->amount_minor - after->paid_minor);
		json_builder_set_member_name(b, "currency");
		json_builder_add_string_value(b, after->currency);
		json_builder_set_member_name(b, "paid_minor");
		json_builder_add_int_value(b, p.gig_minor);
		/* the receipt's side, in its own currency (docs/json.md: money is in the
		 * currency of the object that holds it) */
		json_builder_set_member_name(b, "received");
		json_builder_begin_object(b);
		json_builder_set_member_name(b, "currency");
		json_builder_add_string_value(b, p.currency);
		json_builder_set_member_name(b, "amount_minor");
		json_builder_add_int_value(b, p.received_minor);
		json_builder_set_member_name(b, "expected_minor");
		json_builder_add_int_value(b, p.expected_minor);
		json_builder_set_member_name(b, "fx_gain_minor");
		json_builder_add_int_value(b, p.fx_minor);
		json_builder_set_member_name(b, "fx_txn_id");
		if (p.fx_txn_id > 0)
			json_builder_add_int_value(b, p.fx_txn_id);
		else
			json_builder_add_null_value(b);
		json_builder_set_member_name(b, "rate");
		json_builder_add_string_value(b, rate);
		json_builder_set_member_name(b, "rate_on");
		json_builder_add_string_value(b, gig_date_format(day, p.rate.rate_on));
		json_builder_end_object(b);
	}
	g_autoptr(GError) tax_error = NULL;
	if (!gig_cli_tax_set_aside(cli, ledger, p.txn_id, p.currency, b, &tax_error))
		fprintf(stderr, "gig paid: warning: no tax set-aside: %s\n",
		        gig_cli_text(tax_error->message));
	if (b) {
		json_builder_end_object(b);
		gig_cli_print_json(b);
	}
	return GIG_EXIT_OK;
}

int
gig_cmd_paid(gig_cli *cli, int argc, char **argv)
{
	g_autofree char *on = NULL, *account = NULL, *txn_text = NULL, *received_text = NULL;
	gboolean new_txn = FALSE, json = FALSE;
	GOptionEntry entries[] = {
	    {"on", 0, 0, G_OPTION_ARG_STRING, &on, "payment date (default today)", "DATE"},
	    {"account", 'a', 0, G_OPTION_ARG_STRING, &account,
	     "account the money went to (default: the main checking account)", "NAME"},
	    {"txn", 0, 0, G_OPTION_ARG_STRING, &txn_text,
	     "the payment is this transaction (already imported)", "TXN"},
	    {"received", 0, 0, G_OPTION_ARG_STRING, &received_text,
	     "what arrived, in the account's other currency", "AMOUNT"},
	    {"new", 0, 0, G_OPTION_ARG_NONE, &new_txn,
	     "record a new transaction even when an imported one fits", NULL},
	    {"json", 0, 0, G_OPTION_ARG_NONE, &json, "print JSON (with the tax set-aside)", NULL},
	    {NULL, 0, 0, 0, NULL, NULL, NULL}};
	g_autoptr(GOptionContext) ctx = gig_cli_context(
	    "ID [AMOUNT]",
	    "Record that gig ID was paid: in full, or AMOUNT of it (a partial payment).\n"
	    "When the bank's row of the payment is already imported (the same amount into\n"
	    "the account within 5 days of --on, not linked to a gig), that row is linked\n"
	    "instead of recording the money a second time; --txn names the row.\n"
	    "Then says what to move to the tax reserve for it (see gig tax).\n"
	    "--received: a gig in one currency paid into an account in another (a USD\n"
	    "invoice, EUR arriving).  The gig closes in its own currency; the receipt is\n"
	    "split into the invoice's worth at the invoice-date rate (its stream) and the\n"
	    "difference, the realised exchange gain or loss (category FX gain/loss).",
	    "Examples:\n  gig paid 12\n  gig paid 12 600 --on 2026-12-01 --account Checking\n"
	    "  gig paid 14 --account Checking --received 1,380.50   (USD gig, EUR came)\n"
	    "  gig paid 12 --txn 57   (as 'gig import' advises for an ambiguous match)\n"
	    "  gig paid 12 --json",
	    entries);
	int rc = gig_cli_parse(ctx, "paid", &argc, &argv);
	if (rc != GIG_EXIT_OK)
		return rc;
	int64_t id = 0;
	if (argc < 2 || argc > 3 || !parse_id(argv[1], &id))
		return gig_cli_usage(
		    "paid", "expected a gig ID (see 'gig invoices') and an optional AMOUNT");
	g_autoptr(GError) error = NULL;
	g_autoptr(gig_ledger) ledger = NULL;
	g_autoptr(gig_gig) g = NULL;
	if (!gig_cli_open(cli, &ledger, &error) || !gig_ledger_gig_get(ledger, id, &g, &error))
		return gig_cli_fail(error);
	int64_t amount = 0;
	gig_date date;
	if (argc == 3 && !gig_cli_amount(ledger, g->currency, argv[2], &amount, &error))
		return gig_cli_fail(error);
	if (argc == 3 && amount <= 0)
		return gig_cli_usage("paid", "the AMOUNT must be more than 0");
	if (!gig_cli_date(cli, on, &date, &error)) {
		g_prefix_error(&error, "--on: ");
		return gig_cli_fail(error);
	}
	if (received_text) {
		if (txn_text)
			return gig_cli_usage("paid",
			                     "--received records a new receipt; it takes no "
			                     "--txn");
		return paid_received(cli, ledger, g, amount, received_text, account, date, new_txn,
		                     json);
	}
	int64_t txn = 0;
	if (txn_text && (!parse_id(txn_text, &txn) || new_txn || argc == 3))
		return gig_cli_usage("paid", new_txn || argc == 3
		                                 ? "--txn takes neither --new nor an AMOUNT (the"
		                                   " transaction's amount is the payment)"
		                                 : "--txn needs a transaction id");
	if (!txn_text && !new_txn &&
	    !gig_ledger_gig_payment_find(ledger, id, amount, account, date, &txn, &error))
		return gig_cli_fail(error);
	if (txn != 0) {
		if (!gig_ledger_gig_pay_txn(ledger, id, txn, &error))
			return gig_cli_fail(error);
		if (!cli->quiet)
			fprintf(stderr,
			        "Linked transaction #%" G_GINT64_FORMAT
			        " (already in the ledger) as the payment; nothing added.\n",
			        txn);
	} else if (!gig_ledger_gig_pay(ledger, id, amount, account, date, &txn, &error)) {
		return gig_cli_fail(error);
	}
	g_autoptr(gig_gig) after = NULL;
	if (!gig_ledger_gig_get(ledger, id, &after, &error))
		return gig_cli_fail(error);
	char left[GIG_MONEY_BUFSZ];
	if (!cli->quiet && !json)
		fprintf(
		    stderr, "Gig #%" G_GINT64_FORMAT " is now %s (%s %s open).\n", id,
		    gig_cli_status(after->status),
		    gig_cli_money(left, after->amount_minor - after->paid_minor, after->currency),
		    after->currency);
	g_autoptr(JsonBuilder) b = json ? json_builder_new() : NULL;
	if (b) {
		json_builder_begin_object(b);
		json_builder_set_member_name(b, "gig_id");
		json_builder_add_int_value(b, id);
		json_builder_set_member_name(b, "txn_id");
		json_builder_add_int_value(b, txn);
		json_builder_set_member_name(b, "status");
		json_builder_add_string_value(b, gig_status_name(after->status));
		json_builder_set_member_name(b, "open_minor");
		json_builder_add_int_value(b, after->amount_minor - after->paid_minor);
	}
	/* the payment is recorded: a tax profile that cannot be read is only a warning.
	 * The set-aside is of the receipt, in its account's currency (a foreign row
	 * settles a gig in another currency: rates.h) */
	g_autoptr(GError) tax_error = NULL;
	g_autoptr(gig_txn_detail) receipt = NULL;
	char receipt_currency[4];
	g_strlcpy(receipt_currency, after->currency, sizeof receipt_currency);
	if (gig_ledger_txn_get(ledger, txn, &receipt, NULL))
		g_strlcpy(receipt_currency, receipt->currency, sizeof receipt_currency);
	if (!gig_cli_tax_set_aside(cli, ledger, txn, receipt_currency, b, &tax_error))
		fprintf(stderr, "gig paid: warning: no tax set-aside: %s\n",
		        gig_cli_text(tax_error->message));
	if (b) {
		json_builder_end_object(b);
		gig_cli_print_json(b);
	}
	return GIG_EXIT_OK;
}

int
gig_cmd_cancel(gig_cli *cli, int argc, char **argv)
{
	g_autoptr(GOptionContext) ctx =
	    gig_cli_context("ID", "Cancel a gig that will not be paid (it leaves the receivables).",
	                    "Example:\n  gig cancel 12", NULL);
	int rc = gig_cli_parse(ctx, "cancel", &argc, &argv);
	if (rc != GIG_EXIT_OK)
		return rc;
	int64_t id = 0;
	if (argc != 2 || !parse_id(argv[1], &id))
		return gig_cli_usage("cancel", "expected one gig ID (see 'gig invoices')");
	g_autoptr(GError) error = NULL;
	g_autoptr(gig_ledger) ledger = NULL;
	if (!gig_cli_open(cli, &ledger, &error) || !gig_ledger_gig_cancel(ledger, id, &error))
		return gig_cli_fail(error);
	if (!cli->quiet)
		fprintf(stderr, "Gig #%" G_GINT64_FORMAT " cancelled.\n", id);
	return GIG_EXIT_OK;
}
