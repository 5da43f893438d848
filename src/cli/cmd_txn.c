/* cmd_txn.c: one-line bookkeeping: `gig spend` (an expense) and `gig earn` (other income). */
#include <string.h>

#include "cmd.h"

static int
record(gig_cli *cli, const char *cmd, int sign, int argc, char **argv)
{
	g_autofree char *category = NULL, *date = NULL, *account = NULL, *memo = NULL;
	gboolean pending = false;
	GOptionEntry entries[] = {
	    {"category", 'c', 0, G_OPTION_ARG_STRING, &category, "category (see 'gig categories')",
	     "NAME"},
	    {"date", 'd', 0, G_OPTION_ARG_STRING, &date, "date (default today)", "DATE"},
	    {"account", 'a', 0, G_OPTION_ARG_STRING, &account,
	     "account (default: the main checking account)", "NAME"},
	    {"message", 'm', 0, G_OPTION_ARG_STRING, &memo, "memo", "TEXT"},
	    {"pending", 0, 0, G_OPTION_ARG_NONE, &pending,
	     "not cleared yet (not counted in the balance)", NULL},
	    {NULL, 0, 0, 0, NULL, NULL, NULL}};
	const char *examples =
	    sign < 0 ? "Examples:\n  gig spend 12.99 Splice -c Samples\n"
	               "  gig spend 1,249.00 Thomann -c Gear -d 2026-11-02 -m \"monitors\"\n"
	               "  gig spend 950 Landlord -c Rent --account Checking"
	             : "Examples:\n  gig earn 412.37 \"PRS for Music\" -c \"Income: Royalties\"\n"
	               "  gig earn 20 \"Bank interest\" -c Interest -a Savings";
	g_autoptr(GOptionContext) ctx = gig_cli_context(
	    "AMOUNT PAYEE",
	    sign < 0 ? "Record money going out (AMOUNT is positive; it is stored as an outflow)."
	             : "Record money coming in that is not a logged gig.",
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
	if (!cli->quiet)
		fprintf(stderr, "Recorded #%" G_GINT64_FORMAT ": %s %s %s in %s%s.\n", id,
		        gig_cli_money(amt, spec.amount_minor, acct->currency), acct->currency,
		        gig_cli_text(argv[2]), gig_cli_text(acct->name),
		        category ? "" : " (uncategorised)");
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

/* `gig txn SUBCOMMAND`: the register and single transactions (cmd_txn_list.c),
 * joining a hand entry with its bank row (cmd_txn_merge.c). */
int
gig_cmd_txn(gig_cli *cli, int argc, char **argv)
{
	static const char usage[] =
	    "Usage: gig txn list|show|merge [OPTIONS]\n\n"
	    "  list   the register with running balances (alias: gig register)\n"
	    "  show   one transaction with its provenance and links: gig txn show ID\n"
	    "  merge  join a hand entry and the bank's row of it: gig txn merge 12 57\n\n"
	    "Examples:\n"
	    "  gig txn list --period 2026-11 --account Checking\n"
	    "  gig txn show 57\n"
	    "  gig txn merge 12 57\n\n"
	    "'gig txn SUBCOMMAND --help' says more.\n";
	if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		fputs(usage, argc < 2 ? stderr : stdout);
		return argc < 2 ? GIG_EXIT_USAGE : GIG_EXIT_OK;
	}
	if (strcmp(argv[1], "list") == 0)
		return gig_cmd_txn_list(cli, argc - 1, argv + 1);
	if (strcmp(argv[1], "show") == 0)
		return gig_cmd_txn_show(cli, argc - 1, argv + 1);
	if (strcmp(argv[1], "merge") == 0)
		return gig_cmd_txn_merge(cli, argc - 1, argv + 1);
	return gig_cli_usage("txn", "unknown subcommand '%s' (list, show or merge)",
	                     gig_cli_text(argv[1]));
}
