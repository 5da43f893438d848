/* cmd_account.c: `gig account add|list`, `gig accounts`, and `gig balance`. */
#include <string.h>

#include "cmd.h"

static int
account_add(gig_cli *cli, int argc, char **argv)
{
	g_autofree char *kind = NULL, *currency = NULL, *opening = NULL, *on = NULL;
	GOptionEntry entries[] = {
	    {"kind", 'k', 0, G_OPTION_ARG_STRING, &kind,
	     "checking (default), savings, card, cash or tax-reserve", "KIND"},
	    {"currency", 0, 0, G_OPTION_ARG_STRING, &currency,
	     "ISO 4217 code (default: the ledger's)", "CODE"},
	    {"opening", 0, 0, G_OPTION_ARG_STRING, &opening, "opening balance", "AMOUNT"},
	    {"on", 0, 0, G_OPTION_ARG_STRING, &on, "date of the opening balance", "DATE"},
	    {NULL, 0, 0, 0, NULL, NULL, NULL}};
	g_autoptr(GOptionContext) ctx = gig_cli_context(
	    "NAME", "Add an account.",
	    "Examples:\n  gig account add Checking --opening 2,500.00 --on 2026-01-01\n"
	    "  gig account add \"Tax pot\" --kind tax-reserve\n"
	    "  gig account add Amex --kind card --currency USD",
	    entries);
	int rc = gig_cli_parse(ctx, "account add", &argc, &argv);
	if (rc != GIG_EXIT_OK)
		return rc;
	if (argc != 2)
		return gig_cli_usage("account", "account add needs exactly one NAME");
	if (on && !opening)
		return gig_cli_usage("account", "--on needs --opening");

	g_autoptr(GError) error = NULL;
	g_autoptr(gig_ledger) ledger = NULL;
	if (!gig_cli_open(cli, &ledger, &error))
		return gig_cli_fail(error);
	gig_account_spec spec = {.name = argv[1],
	                         .kind = GIG_ACCOUNT_CHECKING,
	                         .currency = currency,
	                         .opening_date = GIG_DATE_NONE};
	if (kind && !gig_account_kind_parse(&spec.kind, kind, &error))
		return gig_cli_fail(error);
	if (opening && !gig_cli_amount(ledger, currency, opening, &spec.opening_minor, &error)) {
		g_prefix_error(&error, "--opening: ");
		return gig_cli_fail(error);
	}
	if (opening && !gig_cli_date(cli, on, &spec.opening_date, &error)) {
		g_prefix_error(&error, "--on: ");
		return gig_cli_fail(error);
	}
	int64_t id = 0;
	if (!gig_ledger_account_add(ledger, &spec, &id, &error))
		return gig_cli_fail(error);
	if (!cli->quiet)
		fprintf(stderr, "Added account '%s' (%s).\n", gig_cli_text(argv[1]),
		        gig_account_kind_name(spec.kind));
	return GIG_EXIT_OK;
}

/* Shared by `accounts`, `account list` and `balance`. */
static int
list_accounts(gig_cli *cli, const char *cmd, int argc, char **argv)
{
	gboolean json = false;
	GOptionEntry entries[] = {{"json", 0, 0, G_OPTION_ARG_NONE, &json, "print JSON", NULL},
	                          {NULL, 0, 0, 0, NULL, NULL, NULL}};
	g_autoptr(GOptionContext) ctx = gig_cli_context(
	    "", "Balances per account.  Pending transactions are counted but not in a balance.",
	    "The total is in the base currency; other currencies are converted at the\n"
	    "latest rate on or before today (gig rates), and with no rate there is no total.\n"
	    "Examples:\n  gig balance\n  gig balance --json\n"
	    "JSON: {\"accounts\": [{\"name\", \"kind\", \"currency\", \"balance_minor\",\n"
	    "  \"balance\", \"transactions\", \"pending\", \"pending_minor\"}],\n"
	    "  \"total\": {\"currency\", \"total_minor\", \"total\", \"missing\",\n"
	    "  \"converted_on_or_before\", \"conversions\": [{\"account\", \"rate\", ...}]}}",
	    entries);
	int rc = gig_cli_parse(ctx, cmd, &argc, &argv);
	if (rc != GIG_EXIT_OK)
		return rc;
	if (argc > 1)
		return gig_cli_usage(cmd, "unexpected argument '%s'", argv[1]);

	g_autoptr(GError) error = NULL;
	g_autoptr(gig_ledger) ledger = NULL;
	g_autoptr(GPtrArray) accounts = NULL;
	if (!gig_cli_open(cli, &ledger, &error) || !gig_ledger_accounts(ledger, &accounts, &error))
		return gig_cli_fail(error);

	if (json) {
		g_autoptr(JsonBuilder) b = json_builder_new();
		json_builder_begin_object(b);
		json_builder_set_member_name(b, "accounts");
		json_builder_begin_array(b);
		for (unsigned i = 0; i < accounts->len; i++) {
			gig_account *a = accounts->pdata[i];
			char amt[GIG_MONEY_BUFSZ];
			json_builder_begin_object(b);
			json_builder_set_member_name(b, "name");
			json_builder_add_string_value(b, a->name);
			json_builder_set_member_name(b, "kind");
			json_builder_add_string_value(b, gig_account_kind_name(a->kind));
			json_builder_set_member_name(b, "currency");
			json_builder_add_string_value(b, a->currency);
			json_builder_set_member_name(b, "balance_minor");
			json_builder_add_int_value(b, a->balance_minor);
			json_builder_set_member_name(b, "balance");
			json_builder_add_string_value(
			    b, gig_money_format(amt, a->balance_minor,
			                        gig_currency_exponent(a->currency), false));
			json_builder_set_member_name(b, "transactions");
			json_builder_add_int_value(b, a->transactions);
			json_builder_set_member_name(b, "pending");
			json_builder_add_int_value(b, a->pending);
			json_builder_set_member_name(b, "pending_minor");
			json_builder_add_int_value(b, a->pending_minor);
			json_builder_end_object(b);
		}
		json_builder_end_array(b);
		if (!gig_cli_balance_total(cli, ledger, accounts, b, &error))
			return gig_cli_fail(error);
		json_builder_end_object(b);
		gig_cli_print_json(b);
		return GIG_EXIT_OK;
	}

	if (accounts->len == 0) {
		printf("No accounts yet. Add one: gig account add Checking --opening 2500\n");
		return GIG_EXIT_OK;
	}
	printf("%-24s %-12s %18s %4s %8s %8s\n", "ACCOUNT", "KIND", "BALANCE", "", "TXNS",
	       "PENDING");
	for (unsigned i = 0; i < accounts->len; i++) {
		gig_account *a = accounts->pdata[i];
		char amt[GIG_MONEY_BUFSZ];
		printf("%-24s %-12s %18s %4s %8" G_GINT64_FORMAT " %8" G_GINT64_FORMAT "\n",
		       gig_cli_text(a->name), gig_account_kind_name(a->kind),
		       gig_cli_money(amt, a->balance_minor, a->currency), a->currency,
		       a->transactions, a->pending);
	}
	if (!gig_cli_balance_total(cli, ledger, accounts, NULL, &error))
		return gig_cli_fail(error);
	return GIG_EXIT_OK;
}

int
gig_cmd_accounts(gig_cli *cli, int argc, char **argv)
{
	return list_accounts(cli, "accounts", argc, argv);
}

int
gig_cmd_balance(gig_cli *cli, int argc, char **argv)
{
	return list_accounts(cli, "balance", argc, argv);
}

int
gig_cmd_account(gig_cli *cli, int argc, char **argv)
{
	if (argc >= 2 && strcmp(argv[1], "add") == 0)
		return account_add(cli, argc - 1, argv + 1);
	if (argc >= 2 && strcmp(argv[1], "list") == 0)
		return list_accounts(cli, "account list", argc - 1, argv + 1);
	if (argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
		printf("Usage: gig account add NAME [--kind KIND] [--currency CODE] "
		       "[--opening AMOUNT --on DATE]\n       gig account list [--json]\n\n"
		       "Kinds: checking, savings, card, cash, tax-reserve.\n"
		       "'gig account add --help' shows every option.\n");
		return GIG_EXIT_OK;
	}
	return gig_cli_usage("account", "expected 'add' or 'list'");
}
