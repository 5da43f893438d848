/*
 * cmd_report.c: `gig report` (income and expenses per period, budgets against them) and
 * `gig budget set|list|rm`.
 */
#include <string.h>

#include "cmd.h"

static bool
bound(gig_cli *cli, const char *opt, const char *text, bool end, gig_date *out, GError **error)
{
	gig_date a, b;
	if (!gig_period_parse(&a, &b, text, cli->today, error)) {
		g_prefix_error(error, "%s: ", opt);
		return false;
	}
	*out = end ? b : a;
	return true;
}

int
gig_cmd_report(gig_cli *cli, int argc, char **argv)
{
	gboolean monthly = false, quarterly = false, yearly = false, json = false, budget = false;
	g_autofree char *from = NULL, *to = NULL, *period = NULL, *by = NULL, *format = NULL;
	g_autofree char *currency = NULL;
	int depth = 0;
	GOptionEntry entries[] = {
	    {"monthly", 'M', 0, G_OPTION_ARG_NONE, &monthly, "a column per month (default)", NULL},
	    {"quarterly", 'Q', 0, G_OPTION_ARG_NONE, &quarterly, "a column per quarter", NULL},
	    {"yearly", 'Y', 0, G_OPTION_ARG_NONE, &yearly, "a column per year", NULL},
	    {"from", 0, 0, G_OPTION_ARG_STRING, &from, "from this period on", "PERIOD"},
	    {"to", 0, 0, G_OPTION_ARG_STRING, &to, "up to the end of this period", "PERIOD"},
	    {"period", 'P', 0, G_OPTION_ARG_STRING, &period, "only this period", "PERIOD"},
	    {"by", 0, 0, G_OPTION_ARG_STRING, &by, "category (default), stream, payee or account",
	     "WHAT"},
	    {"depth", 0, 0, G_OPTION_ARG_INT, &depth, "names cut after N-1 ':' parts (1: totals)",
	     "N"},
	    {"budget", 0, 0, G_OPTION_ARG_NONE, &budget, "budget against actual per period", NULL},
	    {"currency", 0, 0, G_OPTION_ARG_STRING, &currency,
	     "accounts in this currency (default: the base currency)", "CODE"},
	    {"format", 0, 0, G_OPTION_ARG_STRING, &format, "table (default), csv or json",
	     "FORMAT"},
	    {"json", 0, 0, G_OPTION_ARG_NONE, &json, "same as --format json", NULL},
	    {NULL, 0, 0, 0, NULL, NULL, NULL}};
	g_autoptr(GOptionContext) ctx = gig_cli_context(
	    "",
	    "Income and expenses per month, quarter or year, with totals, averages and the\n"
	    "essential and deductible part of spending; --budget sets budgets against them.",
	    "PERIOD is a year (2026), a quarter (2026-Q3), a month (2026-11) or a day;\n"
	    "--from/--to widen to whole periods.  The figures are hledger's\n"
	    "'balance -M' of 'gig export --format hledger' (posted rows; transfers are\n"
	    "neither; uncategorised money in is income, out an expense).  A table wider\n"
	    "than 80 columns goes on in pages of periods; Total and Average end the last.\n"
	    "Examples:\n"
	    "  gig report -M --from 2026-01 --to 2026-06\n"
	    "  gig report -Q --period 2026 --by stream\n"
	    "  gig report -Y --depth 1 --json\n"
	    "  gig report -M --period 2026-Q4 --budget\n"
	    "  gig report --by payee --period 2026-11 --format csv\n"
	    "The JSON keys are listed in docs/json.md.",
	    entries);
	int rc = gig_cli_parse(ctx, "report", &argc, &argv);
	if (rc != GIG_EXIT_OK)
		return rc;
	if (argc > 1)
		return gig_cli_usage("report", "unexpected argument '%s'", argv[1]);
	if (monthly + quarterly + yearly > 1)
		return gig_cli_usage("report", "give one of -M, -Q and -Y");
	if (period && (from || to))
		return gig_cli_usage("report", "--period replaces --from and --to");
	if (depth < 0)
		return gig_cli_usage("report", "--depth must be 1 or more");
	gig_period_format fmt = json ? GIG_PERIOD_JSON : GIG_PERIOD_TABLE;
	if (format) {
		if (g_ascii_strcasecmp(format, "table") == 0)
			fmt = GIG_PERIOD_TABLE;
		else if (g_ascii_strcasecmp(format, "csv") == 0)
			fmt = GIG_PERIOD_CSV;
		else if (g_ascii_strcasecmp(format, "json") == 0)
			fmt = GIG_PERIOD_JSON;
		else
			return gig_cli_usage("report", "--format: '%s' is not table, csv or json",
			                     format);
		if (json && fmt != GIG_PERIOD_JSON)
			return gig_cli_usage("report", "--json conflicts with --format %s", format);
	}
	if (budget && fmt == GIG_PERIOD_CSV)
		return gig_cli_usage("report", "--budget prints a table or --json");
	if (budget && fmt == GIG_PERIOD_TABLE)
		fmt = GIG_PERIOD_BUDGET_TABLE;

	g_autoptr(GError) error = NULL;
	gig_period_options opt = GIG_PERIOD_OPTIONS_INIT;
	opt.period = yearly ? GIG_PERIOD_YEAR : quarterly ? GIG_PERIOD_QUARTER : GIG_PERIOD_MONTH;
	opt.depth = depth;
	opt.currency = currency;
	if (by && !gig_report_by_parse(&opt.by, by, &error))
		return gig_cli_usage("report", "%s", error->message);
	if ((period && (!bound(cli, "--period", period, false, &opt.from, &error) ||
	                !bound(cli, "--period", period, true, &opt.to, &error))) ||
	    (from && !bound(cli, "--from", from, false, &opt.from, &error)) ||
	    (to && !bound(cli, "--to", to, true, &opt.to, &error)))
		return gig_cli_fail(error);
	g_autoptr(gig_ledger) ledger = NULL;
	g_autoptr(gig_period_report) report = NULL;
	if (!gig_cli_open(cli, &ledger, &error) ||
	    !gig_period_report_build(ledger, &opt, &report, &error) ||
	    !gig_period_report_render(report, fmt, stdout, &error))
		return gig_cli_fail(error);
	return GIG_EXIT_OK;
}

/* ---- gig budget ---- */

static int
budget_set(gig_cli *cli, int argc, char **argv)
{
	gboolean monthly = false;
	g_autofree char *percent = NULL;
	GOptionEntry entries[] = {{"monthly", 0, 0, G_OPTION_ARG_NONE, &monthly,
	                           "AMOUNT is a month's budget (default)", NULL},
	                          {"percent", 0, 0, G_OPTION_ARG_STRING, &percent,
	                           "a share of each month's income (0.01-100)", "PCT"},
	                          {NULL, 0, 0, 0, NULL, NULL, NULL}};
	g_autoptr(GOptionContext) ctx = gig_cli_context(
	    "CATEGORY [AMOUNT]",
	    "Set a category's budget: an amount a month, or (--percent) a share of the\n"
	    "month's income, which follows irregular income.  Setting it again replaces it.",
	    "Examples:\n  gig budget set Gear 200 --monthly\n  gig budget set \"Dining Out\" 150\n"
	    "  gig budget set Samples --percent 30\n  gig report -M --budget",
	    entries);
	int rc = gig_cli_parse(ctx, "budget set", &argc, &argv);
	if (rc != GIG_EXIT_OK)
		return rc;
	if (percent ? argc != 2 : argc != 3)
		return gig_cli_usage("budget",
		                     percent ? "budget set CATEGORY --percent PCT takes no AMOUNT"
		                             : "budget set needs CATEGORY and AMOUNT");
	if (percent && monthly)
		return gig_cli_usage("budget", "--percent conflicts with --monthly");
	g_autoptr(GError) error = NULL;
	g_autoptr(gig_ledger) ledger = NULL;
	if (!gig_cli_open(cli, &ledger, &error))
		return gig_cli_fail(error);
	int64_t amount = 0, bp = 0;
	if (percent) {
		/* percent with up to two decimals, read with the amount grammar: bp */
		if (!gig_money_parse(&bp, percent, 2, &error)) {
			g_prefix_error(&error, "--percent: ");
			return gig_cli_fail(error);
		}
		if (bp <= 0 || bp > 10000) {
			fprintf(stderr,
			        "gig: --percent: '%s' is not a share between 0.01 and 100\n",
			        gig_cli_text(percent));
			return GIG_EXIT_INPUT;
		}
	} else {
		if (!gig_cli_amount(ledger, NULL, argv[2], &amount, &error)) {
			g_prefix_error(&error, "AMOUNT: ");
			return gig_cli_fail(error);
		}
		if (amount <= 0) {
			fprintf(stderr, "gig: AMOUNT: a budget is above 0 ('%s')\n",
			        gig_cli_text(argv[2]));
			return GIG_EXIT_INPUT;
		}
	}
	if (!gig_budget_set(ledger, argv[1], amount, bp, &error))
		return gig_cli_fail(error);
	if (!cli->quiet)
		fprintf(stderr, "Budget set for %s.\n", gig_cli_text(argv[1]));
	return GIG_EXIT_OK;
}

static int
budget_list(gig_cli *cli, int argc, char **argv)
{
	gboolean json = false;
	GOptionEntry entries[] = {{"json", 0, 0, G_OPTION_ARG_NONE, &json, "print JSON", NULL},
	                          {NULL, 0, 0, 0, NULL, NULL, NULL}};
	g_autoptr(GOptionContext) ctx =
	    gig_cli_context("", "List the budgets.",
	                    "Examples:\n  gig budget list\n  gig budget list --json\n"
	                    "\nThe JSON keys are listed in docs/json.md.",
	                    entries);
	int rc = gig_cli_parse(ctx, "budget list", &argc, &argv);
	if (rc != GIG_EXIT_OK)
		return rc;
	if (argc > 1)
		return gig_cli_usage("budget", "unexpected argument '%s'", argv[1]);
	g_autoptr(GError) error = NULL;
	g_autoptr(gig_ledger) ledger = NULL;
	g_autoptr(GPtrArray) list = NULL;
	if (!gig_cli_open(cli, &ledger, &error) || !gig_budgets(ledger, &list, &error))
		return gig_cli_fail(error);
	const char *cur = gig_ledger_base_currency(ledger);
	char buf[GIG_MONEY_BUFSZ];
	if (json) {
		g_autoptr(JsonBuilder) b = json_builder_new();
		json_builder_begin_object(b);
		json_builder_set_member_name(b, "budgets");
		json_builder_begin_array(b);
		for (guint i = 0; i < list->len; i++) {
			const gig_budget *g = list->pdata[i];
			json_builder_begin_object(b);
			json_builder_set_member_name(b, "category");
			json_builder_add_string_value(b, g->category);
			json_builder_set_member_name(b, "kind");
			json_builder_add_string_value(b, g->percent ? "percent" : "monthly");
			json_builder_set_member_name(b,
			                             g->percent ? "percent_bp" : "monthly_minor");
			json_builder_add_int_value(b,
			                           g->percent ? g->percent_bp : g->monthly_minor);
			json_builder_end_object(b);
		}
		json_builder_end_array(b);
		json_builder_end_object(b);
		gig_cli_print_json(b);
		return GIG_EXIT_OK;
	}
	if (list->len == 0 && !cli->quiet)
		fprintf(stderr, "No budgets yet; 'gig budget set CATEGORY AMOUNT' sets one.\n");
	for (guint i = 0; i < list->len; i++) {
		const gig_budget *g = list->pdata[i];
		if (g->percent)
			printf("%-28s %s%% of the income\n", gig_cli_text(g->category),
			       gig_money_format(buf, g->percent_bp, 2, false));
		else
			printf("%-28s %s %s a month\n", gig_cli_text(g->category),
			       gig_cli_money(buf, g->monthly_minor, cur), cur);
	}
	return GIG_EXIT_OK;
}

static int
budget_rm(gig_cli *cli, int argc, char **argv)
{
	g_autoptr(GOptionContext) ctx = gig_cli_context("CATEGORY", "Remove a category's budget.",
	                                                "Example:\n  gig budget rm Gear", NULL);
	int rc = gig_cli_parse(ctx, "budget rm", &argc, &argv);
	if (rc != GIG_EXIT_OK)
		return rc;
	if (argc != 2)
		return gig_cli_usage("budget", "budget rm needs one CATEGORY");
	g_autoptr(GError) error = NULL;
	g_autoptr(gig_ledger) ledger = NULL;
	if (!gig_cli_open(cli, &ledger, &error) || !gig_budget_remove(ledger, argv[1], &error))
		return gig_cli_fail(error);
	if (!cli->quiet)
		fprintf(stderr, "Budget of %s removed.\n", gig_cli_text(argv[1]));
	return GIG_EXIT_OK;
}

int
gig_cmd_budget(gig_cli *cli, int argc, char **argv)
{
	static const char usage[] =
	    "Usage: gig budget set|list|rm [OPTIONS]\n\n"
	    "  set CATEGORY AMOUNT [--monthly]   a budget of AMOUNT a month\n"
	    "  set CATEGORY --percent PCT        a share of each month's income\n"
	    "  list [--json]                     the budgets\n"
	    "  rm CATEGORY                       remove one\n\n"
	    "'gig report --budget' shows budget against actual; 'gig budget set --help'.\n\n"
	    "Examples:\n  gig budget set Gear 200 --monthly\n  gig budget list --json\n"
	    "  gig budget rm Gear\n";
	if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		fputs(usage, argc < 2 ? stderr : stdout);
		return argc < 2 ? GIG_EXIT_USAGE : GIG_EXIT_OK;
	}
	if (strcmp(argv[1], "set") == 0)
		return budget_set(cli, argc - 1, argv + 1);
	if (strcmp(argv[1], "list") == 0)
		return budget_list(cli, argc - 1, argv + 1);
	if (strcmp(argv[1], "rm") == 0)
		return budget_rm(cli, argc - 1, argv + 1);
	return gig_cli_usage("budget", "unknown subcommand '%s' (set, list or rm)", argv[1]);
}
