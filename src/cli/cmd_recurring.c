/* cmd_recurring.c: `gig recurring add|list|rm`: known bills and regular income. */
#include <string.h>

#include "cmd.h"

static int
recurring_add(gig_cli *cli, int argc, char **argv)
{
	g_autofree char *every = NULL, *next = NULL, *until = NULL, *category = NULL;
	g_autofree char *account = NULL;
	gboolean income = false;
	GOptionEntry entries[] = {
	    {"every", 'e', 0, G_OPTION_ARG_STRING, &every,
	     "weekly, monthly (default), quarterly or yearly", "CADENCE"},
	    {"next", 'n', 0, G_OPTION_ARG_STRING, &next, "next due date (default today)", "DATE"},
	    {"until", 0, 0, G_OPTION_ARG_STRING, &until, "last date (default: open-ended)", "DATE"},
	    {"category", 'c', 0, G_OPTION_ARG_STRING, &category, "category", "NAME"},
	    {"account", 'a', 0, G_OPTION_ARG_STRING, &account,
	     "account it is paid from (default: the main checking account)", "NAME"},
	    {"income", 0, 0, G_OPTION_ARG_NONE, &income, "money coming in (a retainer), not a bill",
	     NULL},
	    {NULL, 0, 0, 0, NULL, NULL, NULL}};
	g_autoptr(GOptionContext) ctx = gig_cli_context(
	    "NAME AMOUNT", "Add a recurring bill (or, with --income, regular income).",
	    "Examples:\n  gig recurring add Rent 950 --next 2026-12-01 -c Rent\n"
	    "  gig recurring add Splice 12.99 -c Samples --next 2026-12-07\n"
	    "  gig recurring add \"Tax prepayment\" 560 --every quarterly \\\n"
	    "      --next 2026-12-10 -c Taxes",
	    entries);
	int rc = gig_cli_parse(ctx, "recurring add", &argc, &argv);
	if (rc != GIG_EXIT_OK)
		return rc;
	if (argc != 3)
		return gig_cli_usage("recurring", "add needs NAME and AMOUNT");
	g_autoptr(GError) error = NULL;
	g_autoptr(gig_ledger) ledger = NULL;
	g_autoptr(gig_account) acct = NULL;
	if (!gig_cli_open(cli, &ledger, &error) ||
	    !(account ? gig_ledger_account_find(ledger, account, &acct, &error)
	              : gig_ledger_account_default(ledger, &acct, &error)))
		return gig_cli_fail(error);
	gig_recurring_spec spec = {.name = argv[1],
	                           .account = acct->name,
	                           .category = category,
	                           .cadence = GIG_CADENCE_MONTHLY,
	                           .until_on = GIG_DATE_NONE};
	int64_t amount = 0;
	if (!gig_cli_amount(ledger, acct->currency, argv[2], &amount, &error))
		return gig_cli_fail(error);
	if (amount <= 0)
		return gig_cli_usage("recurring", "give the AMOUNT as a positive number");
	spec.amount_minor = income ? amount : -amount;
	if (every && !gig_cadence_parse(&spec.cadence, every, &error))
		return gig_cli_fail(error);
	if (!gig_cli_date(cli, next, &spec.next_on, &error) ||
	    (until && !gig_cli_date(cli, until, &spec.until_on, &error)))
		return gig_cli_fail(error);
	if (!gig_ledger_recurring_add(ledger, &spec, NULL, &error))
		return gig_cli_fail(error);
	char amt[GIG_MONEY_BUFSZ], d[GIG_DATE_BUFSZ];
	if (!cli->quiet)
		fprintf(stderr, "Added %s %s: %s %s %s from %s, next on %s.\n",
		        income ? "regular income" : "the bill", gig_cli_text(spec.name),
		        gig_cli_money(amt, amount, acct->currency), acct->currency,
		        gig_cadence_name(spec.cadence), gig_cli_text(acct->name),
		        gig_date_format(d, spec.next_on));
	return GIG_EXIT_OK;
}

static int
recurring_list(gig_cli *cli, int argc, char **argv)
{
	gboolean json = false;
	GOptionEntry entries[] = {{"json", 0, 0, G_OPTION_ARG_NONE, &json, "print JSON", NULL},
	                          {NULL, 0, 0, 0, NULL, NULL, NULL}};
	g_autoptr(GOptionContext) ctx =
	    gig_cli_context("", "List recurring bills and income, next due first.",
	                    "Examples:\n  gig recurring list\n  gig recurring list --json\n\n"
	                    "The JSON keys are listed in docs/json.md.",
	                    entries);
	int rc = gig_cli_parse(ctx, "recurring list", &argc, &argv);
	if (rc != GIG_EXIT_OK)
		return rc;
	if (argc > 1)
		return gig_cli_usage("recurring", "unexpected argument '%s'", argv[1]);
	g_autoptr(GError) error = NULL;
	g_autoptr(gig_ledger) ledger = NULL;
	g_autoptr(GPtrArray) list = NULL;
	if (!gig_cli_open(cli, &ledger, &error) ||
	    !gig_ledger_recurring_list(ledger, &list, &error))
		return gig_cli_fail(error);
	g_autoptr(JsonBuilder) b = json_builder_new();
	json_builder_begin_object(b);
	json_builder_set_member_name(b, "recurring");
	json_builder_begin_array(b);
	if (!json && list->len == 0)
		printf(
		    "No recurring items. Add one: gig recurring add Rent 950 --next 2026-12-01\n");
	for (unsigned i = 0; i < list->len; i++) {
		gig_recurring *r = list->pdata[i];
		char amt[GIG_MONEY_BUFSZ], next[GIG_DATE_BUFSZ];
		gig_date_format(next, r->next_on);
		if (!json) {
			printf("%-24.24s %12s %s  %-9s next %s  %s\n", gig_cli_text(r->name),
			       gig_cli_money(amt, r->amount_minor, r->currency), r->currency,
			       gig_cadence_name(r->cadence), next,
			       r->category ? gig_cli_text(r->category) : "(uncategorised)");
			continue;
		}
		json_builder_begin_object(b);
		json_builder_set_member_name(b, "name");
		json_builder_add_string_value(b, r->name);
		json_builder_set_member_name(b, "account");
		json_builder_add_string_value(b, r->account);
		json_builder_set_member_name(b, "currency");
		json_builder_add_string_value(b, r->currency);
		json_builder_set_member_name(b, "amount_minor");
		json_builder_add_int_value(b, r->amount_minor);
		json_builder_set_member_name(b, "cadence");
		json_builder_add_string_value(b, gig_cadence_name(r->cadence));
		json_builder_set_member_name(b, "next_on");
		json_builder_add_string_value(b, next);
		json_builder_set_member_name(b, "category");
		if (r->category)
			json_builder_add_string_value(b, r->category);
		else
			json_builder_add_null_value(b);
		json_builder_end_object(b);
	}
	json_builder_end_array(b);
	json_builder_end_object(b);
	if (json)
		gig_cli_print_json(b);
	return GIG_EXIT_OK;
}

int
gig_cmd_recurring(gig_cli *cli, int argc, char **argv)
{
	if (argc >= 2 && strcmp(argv[1], "add") == 0)
		return recurring_add(cli, argc - 1, argv + 1);
	if (argc >= 2 && strcmp(argv[1], "list") == 0)
		return recurring_list(cli, argc - 1, argv + 1);
	if (argc >= 2 && strcmp(argv[1], "rm") == 0) {
		if (argc != 3)
			return gig_cli_usage("recurring", "rm needs the item's NAME");
		if (strcmp(argv[2], "--help") == 0) {
			printf(
			    "Usage: gig recurring rm NAME\n\nRemove a recurring bill or income.\n\n"
			    "Examples:\n  gig recurring rm Rent\n");
			return GIG_EXIT_OK;
		}
		g_autoptr(GError) error = NULL;
		g_autoptr(gig_ledger) ledger = NULL;
		if (!gig_cli_open(cli, &ledger, &error) ||
		    !gig_ledger_recurring_remove(ledger, argv[2], &error))
			return gig_cli_fail(error);
		if (!cli->quiet)
			fprintf(stderr, "Removed the recurring item %s.\n", gig_cli_text(argv[2]));
		return GIG_EXIT_OK;
	}
	if (argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
		printf("Usage: gig recurring add NAME AMOUNT [--every CADENCE] [--next DATE]\n"
		       "                             [-c CATEGORY] [--income]\n"
		       "       gig recurring list [--json]\n"
		       "       gig recurring rm NAME\n\nKnown bills feed the runway forecast.\n\n"
		       "Examples:\n  gig recurring add Rent 950 --next 2026-12-01 -c Rent\n"
		       "  gig recurring list --json\n  gig recurring rm Rent\n");
		return GIG_EXIT_OK;
	}
	if (argc == 1)
		return recurring_list(cli, argc, argv);
	return gig_cli_usage("recurring", "expected add, list or rm");
}
