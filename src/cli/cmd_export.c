/* cmd_export.c: `gig export --format hledger|csv|json [-o FILE]`. */
#include <string.h>

#include "cmd.h"

struct export_job {
	gig_ledger *ledger;
	gig_export_format fmt;
};

static bool
write_export(FILE *f, void *data, GError **error)
{
	struct export_job *job = data;
	return gig_ledger_export(job->ledger, job->fmt, f, error);
}

int
gig_cmd_export(gig_cli *cli, int argc, char **argv)
{
	g_autofree char *format = NULL, *output = NULL;
	GOptionEntry entries[] = {{"format", 'f', 0, G_OPTION_ARG_STRING, &format,
	                           "hledger (default), csv or json", "FORMAT"},
	                          {"output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
	                           "write to FILE (format from its extension: .journal/.csv/.json)",
	                           "FILE"},
	                          {NULL, 0, 0, 0, NULL, NULL, NULL}};
	g_autoptr(GOptionContext) ctx = gig_cli_context(
	    "", "Write the whole ledger as an hledger journal, CSV or JSON.",
	    "Examples:\n  gig export | hledger -f - balance\n  gig export --format csv -o "
	    "ledger.csv\n  gig export -o books.json",
	    entries);
	int rc = gig_cli_parse(ctx, "export", &argc, &argv);
	if (rc != GIG_EXIT_OK)
		return rc;
	if (argc > 1)
		return gig_cli_usage("export", "unexpected argument '%s'", argv[1]);
	if (format == NULL && output) {
		if (g_str_has_suffix(output, ".csv"))
			format = g_strdup("csv");
		else if (g_str_has_suffix(output, ".json"))
			format = g_strdup("json");
	}
	gig_export_format fmt;
	if (format == NULL || strcmp(format, "hledger") == 0 || strcmp(format, "journal") == 0)
		fmt = GIG_EXPORT_HLEDGER;
	else if (strcmp(format, "csv") == 0)
		fmt = GIG_EXPORT_CSV;
	else if (strcmp(format, "json") == 0)
		fmt = GIG_EXPORT_JSON;
	else
		return gig_cli_usage("export", "unknown format '%s'; use hledger, csv or json",
		                     format);

	g_autoptr(GError) error = NULL;
	g_autoptr(gig_ledger) ledger = NULL;
	if (!gig_cli_open(cli, &ledger, &error))
		return gig_cli_fail(error);
	if (output == NULL)
		return gig_ledger_export(ledger, fmt, stdout, &error) ? GIG_EXIT_OK
		                                                      : gig_cli_fail(error);

	struct export_job job = {ledger, fmt};
	return gig_cli_write_file(output, write_export, &job, &error) ? GIG_EXIT_OK
	                                                              : gig_cli_fail(error);
}
