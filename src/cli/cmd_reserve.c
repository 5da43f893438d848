/*
 * cmd_reserve.c: `gig reserve`, the working behind the reserve target, the tax
 * set-aside and the salary, step by step with the user's own numbers.  The text comes
 * from gig_report_explain_reserve(); this file only handles the options.
 */
#include <gigledger/report.h>

#include "cmd.h"

int
gig_cmd_reserve(gig_cli *cli, int argc, char **argv)
{
	g_autofree char *as_of = NULL, *currency = NULL;
	GOptionEntry entries[] = {
	    {"as-of", 0, 0, G_OPTION_ARG_STRING, &as_of, "as of this day (default: today)", "DATE"},
	    {"currency", 0, 0, G_OPTION_ARG_STRING, &currency,
	     "this currency (default: the ledger's base currency)", "CODE"},
	    {NULL, 0, 0, 0, NULL, NULL, NULL}};
	g_autoptr(GOptionContext) ctx = gig_cli_context(
	    "",
	    "Explain the reserve target, the tax set-aside and the sustainable salary\n"
	    "step by step, with the numbers from your ledger.",
	    "Examples:\n  gig reserve\n  gig reserve --as-of 2026-11-24", entries);
	int rc = gig_cli_parse(ctx, "reserve", &argc, &argv);
	if (rc != GIG_EXIT_OK)
		return rc;
	if (argc > 1)
		return gig_cli_usage("reserve", "unexpected argument '%s'", argv[1]);

	g_autoptr(GError) error = NULL;
	gig_report_options opt = GIG_REPORT_OPTIONS_INIT;
	opt.currency = currency;
	if (!gig_cli_date(cli, as_of, &opt.as_of, &error)) {
		g_prefix_error(&error, "--as-of: ");
		return gig_cli_fail(error);
	}
	g_autoptr(gig_ledger) ledger = NULL;
	g_autoptr(gig_report) report = NULL;
	gig_tax_profile tax;
	opt.tax_profile = &tax;
	g_autoptr(GPtrArray) payers = NULL;
	gig_cli_payer_calendars_soft(cli, &payers);
	opt.payers = payers;
	if (!gig_cli_open(cli, &ledger, &error) || !gig_cli_seed(ledger, &opt.seed, &error) ||
	    !gig_cli_tax_profile(cli, ledger, &tax, &error) ||
	    !gig_report_build(ledger, &opt, &report, &error) ||
	    !gig_report_explain_reserve(report, stdout, &error))
		return gig_cli_fail(error);
	return GIG_EXIT_OK;
}
