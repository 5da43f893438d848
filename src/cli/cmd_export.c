/* cmd_export.c: `gig export [--format hledger|beancount|csv|json] [--from D]
 * [--to D] [-o FILE]`. */
#include <string.h>

#include "cmd.h"

struct export_job {
	gig_ledger *ledger;
	gig_export_options opts;
};

static bool
write_export(FILE *f, void *data, GError **error)
{
	struct export_job *job = data;
	return gig_ledger_export_with(job->ledger, &job->opts, f, error);
}

int
gig_cmd_export(gig_cli *cli, int argc, char **argv)
{
	g_autofree char *format = NULL, *output = NULL, *from = NULL, *to = NULL;
	GOptionEntry entries[] = {
	    {"format", 'f', 0, G_OPTION_ARG_STRING, &format,
	     "hledger (default; ledger reads it too), beancount, csv or json", "FORMAT"},
	    {"from", 0, 0, G_OPTION_ARG_STRING, &from,
	     "first day (journals start with a balance brought forward)", "DATE"},
	    {"to", 0, 0, G_OPTION_ARG_STRING, &to, "last day", "DATE"},
	    {"output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
	     "write to FILE ('-' = stdout; format from .journal .ledger .beancount .csv .json)",
	     "FILE"},
	    {NULL, 0, 0, 0, NULL, NULL, NULL}};
	g_autoptr(GOptionContext) ctx = gig_cli_context(
	    "",
	    "Write the ledger as a journal for hledger and ledger, for beancount, or as CSV or\n"
	    "JSON.  Journals declare every account, commodity and payee (hledger check\n"
	    "--strict, ledger --pedantic and bean-check accept them); open invoices are\n"
	    "pending entries tagged 'receivable' (hledger bal -C leaves them out).",
	    "Examples:\n  gig export | hledger -f - balance\n"
	    "  gig export | ledger -f - --pedantic balance\n"
	    "  gig export --format beancount -o books.beancount && bean-check books.beancount\n"
	    "  gig export --from 2026-01-01 --to 2026-12-31 -o 2026.journal\n"
	    "  gig export --format csv -o ledger.csv",
	    entries);
	int rc = gig_cli_parse(ctx, "export", &argc, &argv);
	if (rc != GIG_EXIT_OK)
		return rc;
	if (argc > 1)
		return gig_cli_usage("export", "unexpected argument '%s'", argv[1]);
	if (output && strcmp(output, "-") == 0)
		g_clear_pointer(&output, g_free);
	if (format == NULL && output) {
		if (g_str_has_suffix(output, ".csv"))
			format = g_strdup("csv");
		else if (g_str_has_suffix(output, ".json"))
			format = g_strdup("json");
		else if (g_str_has_suffix(output, ".beancount") ||
		         g_str_has_suffix(output, ".bean"))
			format = g_strdup("beancount");
	}
	gig_export_options opts = GIG_EXPORT_OPTIONS_INIT;
	if (format == NULL || strcmp(format, "hledger") == 0 || strcmp(format, "journal") == 0 ||
	    strcmp(format, "ledger") == 0)
		opts.format = GIG_EXPORT_HLEDGER;
	else if (strcmp(format, "beancount") == 0)
		opts.format = GIG_EXPORT_BEANCOUNT;
	else if (strcmp(format, "csv") == 0)
		opts.format = GIG_EXPORT_CSV;
	else if (strcmp(format, "json") == 0)
		opts.format = GIG_EXPORT_JSON;
	else
		return gig_cli_usage("export",
		                     "unknown format '%s'; use hledger, beancount, csv or json",
		                     gig_cli_text(format));
	g_autoptr(GError) error = NULL;
	if ((from && !gig_cli_date(cli, from, &opts.from, &error)) ||
	    (to && !gig_cli_date(cli, to, &opts.to, &error)))
		return gig_cli_fail(error);

	g_autoptr(gig_ledger) ledger = NULL;
	if (!gig_cli_open(cli, &ledger, &error))
		return gig_cli_fail(error);
	if (output == NULL)
		return gig_ledger_export_with(ledger, &opts, stdout, &error) ? GIG_EXIT_OK
		                                                             : gig_cli_fail(error);

	struct export_job job = {ledger, opts};
	return gig_cli_write_file(output, write_export, &job, &error) ? GIG_EXIT_OK
	                                                              : gig_cli_fail(error);
}
