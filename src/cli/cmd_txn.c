/* cmd_txn.c: one-line bookkeeping: `gig spend` (an expense) and `gig earn` (other income),
 * and the `gig txn` command group's dispatcher. */
#include <string.h>

#include "cmd.h"

static int
record(gig_cli *cli, const char *cmd, int sign, int argc, char **argv)
{
	g_autofree char *category = NULL, *date = NULL, *account = NULL, *memo = NULL;
	gboolean pending = false, json = false;
	GOptionEntry entries[] = {
	    {"category", 'c', 0, G_OPTION_ARG_STRING, &category, "category (see 'gig categories')",
	     "NAME"},
	    {"date", 'd', 0, G_OPTION_ARG_STRING, &date, "date (default today)", "DATE"},
	    {"account", 'a', 0, G_OPTION_ARG_STRING, &account,
	     "account (default: the main checking account)", "NAME"},
	    {"message", 'm', 0, G_OPTION_ARG_STRING, &memo, "memo", "TEXT"},
	    {"pending", 0, 0, G_OPTION_ARG_NONE, &pending,
	     "not cleared yet (not counted in the balance)", NULL},
	    {"json", 0, 0, G_OPTION_ARG_NONE, &json, "print JSON", NULL},
	    {NULL, 0, 0, 0, NULL, NULL, NULL}};
	const char *examples =
	    sign < 0 ? "Examples:\n  gig spend 12.99 Splice -c Samples\n"
	               "  gig spend 1,249.00 Thomann -c Gear -d 2026-11-02 -m \"monitors\"\n"
	               "  gig spend 950 Landlord -c Rent --account Checking"
	             : "Examples:\n  gig earn 412.37 \"PRS for Music\" -c \"Income: Royalties\"\n"
	               "  gig earn 20 \"Bank interest\" -c Interest -a Savings --json";
	g_autoptr(GOptionContext) ctx = gig_cli_context(
	    "AMOUNT PAYEE",
	    sign < 0 ? "Record money going out (AMOUNT is positive; it is stored as an outflow)."
	             : "Record money coming in that is not a logged gig, and say what to move\n"
	               "to the tax reserve for it (see gig tax).",
	    examples, entries);
	int rc = gig_cli_parse(ctx, cmd, &argc, &argv);
	if (rc != GIG_EXIT_OK)
		return rc;
	if (argc != 3)
		return gig_cli_usage(cmd, "expected AMOUNT and PAYEE");

	g_autoptr(GError) error = NULL;
	g_autoptr(gig_ledger) ledger = NULL;
	g_autoptr(gig_account) acct = NULL;
	if (!gig_cli_open(cli, &ledger, &error))
		return gig_cli_fail(error);
	if (account ? !gig_ledger_account_find(ledger, account, &acct, &error)
	            : !gig_ledger_account_default(ledger, &acct, &error))
		return gig_cli_fail(error);
	int64_t amount = 0;
	if (!gig_cli_amount(ledger, acct->currency, argv[1], &amount, &error))
		return gig_cli_fail(error);
	if (amount < 0)
		return gig_cli_usage(cmd, "give the AMOUNT without a sign ('%s' records %s)", cmd,
		                     sign < 0 ? "an outflow" : "an inflow");
	gig_txn_spec spec = {.account = acct->name,
	                     .amount_minor = sign * amount,
	                     .payee = argv[2],
	                     .memo = memo,
	                     .category = category,
	                     .pending = pending};
	if (!gig_cli_date(cli, date, &spec.posted_on, &error)) {
		g_prefix_error(&error, "--date: ");
		return gig_cli_fail(error);
	}
	int64_t id = 0;
	if (!gig_ledger_txn_add(ledger, &spec, &id, &error))
		return gig_cli_fail(error);
	char amt[GIG_MONEY_BUFSZ];
	if (!cli->quiet && !json)
		fprintf(stderr, "Recorded #%" G_GINT64_FORMAT ": %s %s %s in %s%s.\n", id,
		        gig_cli_money(amt, spec.amount_minor, acct->currency), acct->currency,
		        gig_cli_text(argv[2]), gig_cli_text(acct->name),
		        category ? "" : " (uncategorised)");
	g_autoptr(JsonBuilder) b = json ? json_builder_new() : NULL;
	if (b) {
		json_builder_begin_object(b);
		json_builder_set_member_name(b, "txn_id");
		json_builder_add_int_value(b, id);
		json_builder_set_member_name(b, "amount_minor");
		json_builder_add_int_value(b, spec.amount_minor);
	}
	if (sign > 0 || b) {
		/* the income is recorded: a tax profile that cannot be read is only a warning */
		g_autoptr(GError) tax_error = NULL;
		if (!gig_cli_tax_set_aside(cli, ledger, id, acct->currency, b, &tax_error))
			fprintf(stderr, "gig %s: warning: no tax set-aside: %s\n", cmd,
			        gig_cli_text(tax_error->message));
	}
	if (b) {
		json_builder_end_object(b);
		gig_cli_print_json(b);
	}
	return GIG_EXIT_OK;
}

int
gig_cmd_spend(gig_cli *cli, int argc, char **argv)
{
	return record(cli, "spend", -1, argc, argv);
}

int
gig_cmd_earn(gig_cli *cli, int argc, char **argv)
{
	return record(cli, "earn", +1, argc, argv);
}

/* `gig txn SUBCOMMAND`: one line per subcommand (they live in cmd_txn_*.c). */
static const struct gig_cmd txn_commands[] = {
    {"list", gig_cmd_txn_list, "the register with running balances (alias: gig register)", NULL},
    {"show", gig_cmd_txn_show, "one transaction with its provenance and links", NULL},
    {"edit", gig_cmd_txn_edit, "change a transaction's amount, date, payee, ...", NULL},
    {"rm", gig_cmd_txn_rm, "remove a transaction", NULL},
    {"split", gig_cmd_txn_split, "split a transaction into categories", NULL},
    {"link", gig_cmd_txn_link, "link a payment to a gig", NULL},
    {"unlink", gig_cmd_txn_unlink, "take a payment's gig link away", NULL},
    {"merge", gig_cmd_txn_merge, "join a hand entry and the bank's row of it", NULL},
};

int
gig_cmd_txn(gig_cli *cli, int argc, char **argv)
{
	for (size_t i = 0; argc >= 2 && i < G_N_ELEMENTS(txn_commands); i++)
		if (strcmp(argv[1], txn_commands[i].name) == 0)
			return txn_commands[i].fn(cli, argc - 1, argv + 1);
	bool help = argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0);
	if (argc >= 2 && !help)
		fprintf(stderr, "gig txn: unknown subcommand '%s'\n", gig_cli_text(argv[1]));
	FILE *out = help ? stdout : stderr;
	fprintf(out, "Usage: gig txn SUBCOMMAND [OPTIONS] [ARGS]\n\n");
	for (size_t i = 0; i < G_N_ELEMENTS(txn_commands); i++)
		fprintf(out, "  %-8s %s\n", txn_commands[i].name, txn_commands[i].summary);
	fprintf(out, "\nExamples:\n"
	             "  gig txn list --period 2026-11 --account Checking\n"
	             "  gig txn show 57\n"
	             "  gig txn edit 57 --amount 12.99\n"
	             "  gig txn merge 12 57\n"
	             "\n'gig txn SUBCOMMAND --help' shows its options and examples.\n");
	return help ? GIG_EXIT_OK : GIG_EXIT_USAGE;
}
