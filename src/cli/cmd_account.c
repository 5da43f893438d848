/* cmd_account.c: `gig account add|list|rename|close`, `gig accounts`, and `gig balance`. */
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

/* The account table of `accounts`, `account list` and `balance`, as of `as_of`:
 * transactions dated after it are scheduled, not in a balance (reconcile.h). */
static int
print_accounts(gig_cli *cli, gig_date as_of, bool json)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(gig_ledger) ledger = NULL;
	g_autoptr(GPtrArray) accounts = NULL;
	if (!gig_cli_open(cli, &ledger, &error) ||
	    !gig_ledger_accounts_on(ledger, as_of, &accounts, &error))
		return gig_cli_fail(error);

	if (json) {
		g_autoptr(JsonBuilder) b = json_builder_new();
		json_builder_begin_object(b);
		json_builder_set_member_name(b, "accounts");
		json_builder_begin_array(b);
		for (unsigned i = 0; i < accounts->len; i++) {
			json_builder_begin_object(b);
			gig_json_account(b, accounts->pdata[i]);
			json_builder_end_object(b);
		}
		json_builder_end_array(b);
		gig_cli_json_date(b, "as_of_on", as_of);
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
	for (unsigned i = 0; i < accounts->len; i++) {
		gig_account *a = accounts->pdata[i];
		char amt[GIG_MONEY_BUFSZ], d[GIG_DATE_BUFSZ];
		if (a->scheduled > 0)
			printf("scheduled: %s: %" G_GINT64_FORMAT " transaction%s dated after %s,"
			       " %s %s, not in the balance\n",
			       gig_cli_text(a->name), a->scheduled, a->scheduled == 1 ? "" : "s",
			       gig_date_format(d, as_of),
			       gig_cli_money(amt, a->scheduled_minor, a->currency), a->currency);
	}
	if (!gig_cli_balance_total(cli, ledger, accounts, NULL, &error))
		return gig_cli_fail(error);
	return GIG_EXIT_OK;
}

static const char accounts_json_help[] =
    "Examples:\n  gig accounts\n  gig accounts --json | jq '.accounts[].balance_minor'\n\n"
    "The JSON keys are listed in docs/json.md.";

/* Shared by `accounts` and `account list`. */
static int
list_accounts(gig_cli *cli, const char *cmd, int argc, char **argv)
{
	gboolean json = false;
	GOptionEntry entries[] = {{"json", 0, 0, G_OPTION_ARG_NONE, &json, "print JSON", NULL},
	                          {NULL, 0, 0, 0, NULL, NULL, NULL}};
	g_autoptr(GOptionContext) ctx = gig_cli_context(
	    "",
	    "Balances per account.  Pending transactions are counted but not in a balance;\n"
	    "transactions dated after today are scheduled, not in a balance either.",
	    accounts_json_help, entries);
	int rc = gig_cli_parse(ctx, cmd, &argc, &argv);
	if (rc != GIG_EXIT_OK)
		return rc;
	if (argc > 1)
		return gig_cli_usage(cmd, "unexpected argument '%s'", argv[1]);
	return print_accounts(cli, cli->today, json);
}

int
gig_cmd_accounts(gig_cli *cli, int argc, char **argv)
{
	return list_accounts(cli, "accounts", argc, argv);
}

/* `gig balance --assert ACCOUNT AMOUNT --on DATE` */
static int
assert_balance(gig_cli *cli, const char *account, const char *amount, const char *on, bool json)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(gig_ledger) ledger = NULL;
	g_autoptr(gig_account) acct = NULL;
	if (!gig_cli_open(cli, &ledger, &error) ||
	    !gig_ledger_account_find(ledger, account, &acct, &error))
		return gig_cli_fail(error);
	int64_t stated = 0, ledger_minor = 0, id = 0;
	gig_date day;
	if (!gig_cli_amount(ledger, acct->currency, amount, &stated, &error))
		return gig_cli_fail(error);
	if (!gig_cli_date(cli, on, &day, &error)) {
		g_prefix_error(&error, "--on: ");
		return gig_cli_fail(error);
	}
	if (!gig_ledger_balance_assert(ledger, acct->name, stated, day, &id, &error) ||
	    !gig_ledger_balance_on(ledger, acct->name, day, &ledger_minor, &error))
		return gig_cli_fail(error);
	int64_t diff = 0;
	if (!gig_money_sub(&diff, stated, ledger_minor)) {
		g_set_error(&error, GIG_ERROR, GIG_ERROR_OVERFLOW, "the difference does not fit");
		return gig_cli_fail(error);
	}
	char d[GIG_DATE_BUFSZ], s1[GIG_MONEY_BUFSZ], s2[GIG_MONEY_BUFSZ], s3[GIG_MONEY_BUFSZ];
	if (json) {
		g_autoptr(JsonBuilder) b = json_builder_new();
		json_builder_begin_object(b);
		json_builder_set_member_name(b, "id");
		json_builder_add_int_value(b, id);
		json_builder_set_member_name(b, "account");
		json_builder_add_string_value(b, acct->name);
		gig_cli_json_date(b, "stated_on", day);
		json_builder_set_member_name(b, "stated_minor");
		json_builder_add_int_value(b, stated);
		json_builder_set_member_name(b, "ledger_minor");
		json_builder_add_int_value(b, ledger_minor);
		json_builder_set_member_name(b, "difference_minor");
		json_builder_add_int_value(b, diff);
		json_builder_set_member_name(b, "holds");
		json_builder_add_boolean_value(b, diff == 0);
		json_builder_end_object(b);
		gig_cli_print_json(b);
	} else if (diff == 0) {
		printf("ok: %s held %s %s at the end of %s, as the ledger says (assertion "
		       "#%" G_GINT64_FORMAT ").\n",
		       gig_cli_text(acct->name), gig_cli_money(s1, stated, acct->currency),
		       acct->currency, gig_date_format(d, day), id);
	} else {
		printf(
		    "MISMATCH: the bank says %s held %s %s at the end of %s; the ledger says\n"
		    "  %s (difference %s).  Recorded as assertion #%" G_GINT64_FORMAT
		    "; 'gig check' lists\n  the transactions since the last balance that held.\n",
		    gig_cli_text(acct->name), gig_cli_money(s1, stated, acct->currency),
		    acct->currency, gig_date_format(d, day),
		    gig_cli_money(s2, ledger_minor, acct->currency),
		    gig_cli_money(s3, diff, acct->currency), id);
	}
	return GIG_EXIT_OK;
}

int
gig_cmd_balance(gig_cli *cli, int argc, char **argv)
{
	gboolean json = false, assert_mode = false;
	g_autofree char *as_of = NULL, *on = NULL;
	GOptionEntry entries[] = {{"as-of", 0, 0, G_OPTION_ARG_STRING, &as_of,
	                           "balances at the end of DATE (default today)", "DATE"},
	                          {"assert", 0, 0, G_OPTION_ARG_NONE, &assert_mode,
	                           "record the bank's balance of ACCOUNT: AMOUNT", NULL},
	                          {"on", 0, 0, G_OPTION_ARG_STRING, &on,
	                           "with --assert: the day (default today)", "DATE"},
	                          {"json", 0, 0, G_OPTION_ARG_NONE, &json, "print JSON", NULL},
	                          {NULL, 0, 0, 0, NULL, NULL, NULL}};
	g_autoptr(GString) help =
	    g_string_new("Examples:\n  gig balance\n  gig balance --as-of 2026-10-31 --json\n"
	                 "  gig balance --assert Checking 4,835.38 --on 2026-11-30\n"
	                 "  gig balance --assert --on 2026-11-30 Checking -- -5.00   (overdrawn)\n"
	                 "A second --assert for the same account and day replaces the first.\n");
	g_string_append(help, accounts_json_help);
	g_autoptr(GOptionContext) ctx = gig_cli_context(
	    "[--assert ACCOUNT AMOUNT]",
	    "Balances per account at the end of today (or --as-of): pending transactions\n"
	    "and those dated later (scheduled) are not in a balance.  With --assert, record\n"
	    "what the bank says an account held at the end of a day and compare it with the\n"
	    "ledger; 'gig check' lists every assertion the ledger does not meet.",
	    help->str, entries);
	int rc = gig_cli_parse(ctx, "balance", &argc, &argv);
	if (rc != GIG_EXIT_OK)
		return rc;
	/* "--" ends the options so that an overdrawn balance can be given:
	 * gig balance --assert Checking -- -5.00 */
	for (int i = 1; i < argc; i++)
		if (strcmp(argv[i], "--") == 0) {
			memmove(&argv[i], &argv[i + 1], (size_t)(argc - i) * sizeof *argv);
			argc--;
			break;
		}
	if (assert_mode) {
		if (argc != 3)
			return gig_cli_usage("balance", "--assert needs ACCOUNT and AMOUNT");
		if (as_of)
			return gig_cli_usage("balance", "--assert takes --on, not --as-of");
		return assert_balance(cli, argv[1], argv[2], on, json);
	}
	if (argc > 1)
		return gig_cli_usage("balance", "unexpected argument '%s' (did you mean --assert?)",
		                     argv[1]);
	if (on)
		return gig_cli_usage("balance", "--on goes with --assert; use --as-of");
	gig_date day = cli->today;
	g_autoptr(GError) error = NULL;
	if (as_of && !gig_cli_date(cli, as_of, &day, &error)) {
		g_prefix_error(&error, "--as-of: ");
		return gig_cli_fail(error);
	}
	return print_accounts(cli, day, json);
}

static int
account_rename(gig_cli *cli, int argc, char **argv)
{
	GOptionEntry entries[] = {{NULL, 0, 0, 0, NULL, NULL, NULL}};
	g_autoptr(GOptionContext) ctx =
	    gig_cli_context("OLD NEW", "Rename an account.",
	                    "Examples:\n  gig account rename Checking \"Main checking\"", entries);
	int rc = gig_cli_parse(ctx, "account rename", &argc, &argv);
	if (rc != GIG_EXIT_OK)
		return rc;
	if (argc != 3)
		return gig_cli_usage("account rename", "expected the OLD and the NEW name");
	g_autoptr(GError) error = NULL;
	g_autoptr(gig_ledger) ledger = NULL;
	if (!gig_cli_open(cli, &ledger, &error) ||
	    !gig_ledger_account_rename(ledger, argv[1], argv[2], &error))
		return gig_cli_fail(error);
	if (!cli->quiet)
		fprintf(stderr, "Renamed '%s' to '%s'.\n", gig_cli_text(argv[1]),
		        gig_cli_text(argv[2]));
	return GIG_EXIT_OK;
}

static int
account_close(gig_cli *cli, int argc, char **argv)
{
	gboolean yes = false, force = false;
	GOptionEntry entries[] = {
	    {"force", 0, 0, G_OPTION_ARG_NONE, &force, "close it even though it holds money", NULL},
	    {"yes", 'y', 0, G_OPTION_ARG_NONE, &yes, "do not ask (required without a terminal)",
	     NULL},
	    {NULL, 0, 0, 0, NULL, NULL, NULL}};
	g_autoptr(GOptionContext) ctx = gig_cli_context(
	    "NAME",
	    "Close an account: it stays in the books, but no import, entry or payment goes\n"
	    "into it any more.  Its balance must be 0 (or --force).",
	    "Examples:\n  gig account close \"Old savings\" --yes\n"
	    "  gig account close Amex --force --yes",
	    entries);
	int rc = gig_cli_parse(ctx, "account close", &argc, &argv);
	if (rc != GIG_EXIT_OK)
		return rc;
	if (argc != 2)
		return gig_cli_usage("account close", "expected one account NAME");
	g_autoptr(GError) error = NULL;
	g_autoptr(gig_ledger) ledger = NULL;
	if (!gig_cli_open(cli, &ledger, &error))
		return gig_cli_fail(error);
	g_autofree char *q = g_strdup_printf("Close the account '%s'?", gig_cli_text(argv[1]));
	if (!gig_cli_may("account close", yes, q, &rc))
		return rc;
	if (!gig_ledger_account_close(ledger, argv[1], force, &error))
		return gig_cli_fail(error);
	if (!cli->quiet)
		fprintf(stderr, "Closed '%s'.\n", gig_cli_text(argv[1]));
	return GIG_EXIT_OK;
}

int
gig_cmd_account(gig_cli *cli, int argc, char **argv)
{
	if (argc >= 2 && strcmp(argv[1], "add") == 0)
		return account_add(cli, argc - 1, argv + 1);
	if (argc >= 2 && strcmp(argv[1], "rename") == 0)
		return account_rename(cli, argc - 1, argv + 1);
	if (argc >= 2 && strcmp(argv[1], "close") == 0)
		return account_close(cli, argc - 1, argv + 1);
	if (argc >= 2 && strcmp(argv[1], "list") == 0)
		return list_accounts(cli, "account list", argc - 1, argv + 1);
	if (argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
		printf("Usage: gig account add NAME [--kind KIND] [--currency CODE]\n"
		       "                       [--opening AMOUNT --on DATE]\n"
		       "       gig account list [--json]\n"
		       "       gig account rename OLD NEW\n"
		       "       gig account close NAME [--force] [--yes]\n\n"
		       "Kinds: checking, savings, card, cash, tax-reserve.\n"
		       "'gig account SUBCOMMAND --help' shows every option.\n\n"
		       "Examples:\n  gig account add Checking --opening 4200.00 --on 2024-10-31\n"
		       "  gig account add Savings --kind savings\n  gig account list --json\n"
		       "  gig account rename Checking \"Main Checking\"\n"
		       "  gig account close \"Old Card\" --yes\n");
		return GIG_EXIT_OK;
	}
	return gig_cli_usage("account", "expected 'add', 'list', 'rename' or 'close'");
}
