/*
 * cmd_runway.c: `gig runway`, the monthly runway report (issue 5).
 *
 * Parses the options, builds the report with gig_report_build() and renders it to
 * stdout or to -o FILE.  The format comes from --format, else --json, else the
 * extension of -o FILE, else a table.  Colour only on a terminal (cli->color) and never
 * in a file.
 */
#include <string.h>

#include <gigledger/report.h>
#include <gigledger/scenario.h>

#include "cmd.h"

/* The format -o FILE implies, from its extension; false when it implies none. */
static bool
format_from_path(const char *path, gig_report_format *out)
{
	const char *dot = path ? strrchr(path, '.') : NULL;
	if (dot == NULL)
		return false;
	if (g_ascii_strcasecmp(dot, ".json") == 0)
		*out = GIG_REPORT_JSON;
	else if (g_ascii_strcasecmp(dot, ".csv") == 0)
		*out = GIG_REPORT_CSV;
	else if (g_ascii_strcasecmp(dot, ".html") == 0 || g_ascii_strcasecmp(dot, ".htm") == 0)
		*out = GIG_REPORT_HTML;
	else if (g_ascii_strcasecmp(dot, ".txt") == 0)
		*out = GIG_REPORT_TABLE;
	else
		return false;
	return true;
}

struct runway_job {
	const gig_report *report;
	gig_report_format fmt;
};

static bool
write_runway(FILE *f, void *data, GError **error)
{
	const struct runway_job *job = data;
	return gig_report_render(job->report, job->fmt, false, f, error);
}

int
gig_cmd_runway(gig_cli *cli, int argc, char **argv)
{
	g_autofree char *as_of = NULL, *format = NULL, *output = NULL, *currency = NULL;
	g_autofree char *seed = NULL, *scenario = NULL;
	g_auto(GStrv) what_if = NULL;
	int months = 12, ahead = 6;
	gboolean json = false;
	GOptionEntry entries[] = {
	    {"as-of", 0, 0, G_OPTION_ARG_STRING, &as_of,
	     "report as of this day (default: today), for a reproducible report", "DATE"},
	    {"months", 0, 0, G_OPTION_ARG_INT, &months, "history months shown (default 12)", "N"},
	    {"ahead", 0, 0, G_OPTION_ARG_INT, &ahead, "forecast months shown (default 6)", "N"},
	    {"format", 0, 0, G_OPTION_ARG_STRING, &format, "table (default), csv, json or html",
	     "FORMAT"},
	    {"json", 0, 0, G_OPTION_ARG_NONE, &json, "same as --format json", NULL},
	    {"output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
	     "write to FILE; its extension (.json, .csv, .html) picks the format", "FILE"},
	    {"currency", 0, 0, G_OPTION_ARG_STRING, &currency,
	     "report this currency (default: the ledger's base currency)", "CODE"},
	    {"seed", 0, 0, G_OPTION_ARG_STRING, &seed,
	     "simulation seed (default: the simulation_seed setting)", "N"},
	    {"what-if", 'w', 0, G_OPTION_ARG_STRING_ARRAY, &what_if,
	     "a change ahead, shown beside the base (repeatable)", "SPEC"},
	    {"scenario", 0, 0, G_OPTION_ARG_STRING, &scenario,
	     "a saved scenario (gig scenario add)", "NAME"},
	    {NULL, 0, 0, 0, NULL, NULL, NULL}};
	g_autoptr(GOptionContext) ctx = gig_cli_context(
	    "",
	    "How long the money lasts: cash, tax to set aside, reserve target, safe to spend,\n"
	    "a sustainable salary, the runway, history, forecast and open invoices.",
	    "Examples:\n  gig runway\n  gig runway --as-of 2026-11-24 --json\n"
	    "  gig runway -o runway.html\n  gig runway --currency USD --ahead 12\n"
	    "  gig runway --seed 7\n"
	    "  gig runway --what-if income-30% --what-if 'expense+200/month'\n"
	    "  gig runway --scenario tour --json\n\n"
	    "What-if SPECs (M is YYYY-MM; 'from M' defaults to next month; effects add up):\n"
	    "  income-30%  income+10% [from M]      all income scaled\n"
	    "  income+500/month [from M]            income changed each month\n"
	    "  expense+10% [from M]                 all expenses scaled\n"
	    "  expense+200/month  rent+150 from M   expenses changed each month (any\n"
	    "                                       name but income is an expense)\n"
	    "  gig 2400 2027-03                     a one-off fee in that month\n"
	    "  spend 2400 2027-02 [LABEL]           a one-off expense in that month\n"
	    "  lose-stream teaching [from M]        that stream's income gone\n"
	    "  pause 2027-07..2027-08               no income in those months\n"
	    "The scenario runs on the same simulated paths as the base, so the difference\n"
	    "is the scenario's alone.\n\n"
	    "The JSON keys are listed in docs/json.md; amounts are integers\n"
	    "in minor units (cents), runways are months, null when the money does not run out\n"
	    "(runway.never_runs_out says so).",
	    entries);
	int rc = gig_cli_parse(ctx, "runway", &argc, &argv);
	if (rc != GIG_EXIT_OK)
		return rc;
	if (argc > 1)
		return gig_cli_usage("runway", "unexpected argument '%s'", argv[1]);

	gig_report_format fmt = GIG_REPORT_TABLE;
	g_autoptr(GError) error = NULL;
	if (format) {
		if (!gig_report_format_parse(&fmt, format, &error))
			return gig_cli_usage("runway", "--format: %s", error->message);
		if (json && fmt != GIG_REPORT_JSON)
			return gig_cli_usage("runway", "--json conflicts with --format %s", format);
	} else if (json) {
		fmt = GIG_REPORT_JSON;
	} else if (output && !format_from_path(output, &fmt)) {
		fmt = GIG_REPORT_TABLE;
	}

	gig_report_options opt = GIG_REPORT_OPTIONS_INIT;
	opt.months = months;
	opt.ahead = ahead;
	opt.currency = currency;
	if (seed != NULL && !g_ascii_string_to_unsigned(seed, 10, 0, G_MAXUINT64, &opt.seed, NULL))
		return gig_cli_usage("runway", "--seed: '%s' is not a number 0..2^64-1", seed);
	if (!gig_cli_date(cli, as_of, &opt.as_of, &error)) {
		g_prefix_error(&error, "--as-of: ");
		return gig_cli_fail(error);
	}
	if (months < 1 || months > GIG_REPORT_MONTHS_MAX)
		return gig_cli_usage("runway", "--months must be between 1 and %d",
		                     GIG_REPORT_MONTHS_MAX);
	if (ahead < 1 || ahead > GIG_REPORT_AHEAD_MAX)
		return gig_cli_usage("runway", "--ahead must be between 1 and %d",
		                     GIG_REPORT_AHEAD_MAX);

	g_autoptr(gig_ledger) ledger = NULL;
	g_autoptr(gig_report) report = NULL;
	g_autoptr(gig_saved_scenario) saved = NULL;
	g_autoptr(GPtrArray) specs = g_ptr_array_new();
	if (!gig_cli_open(cli, &ledger, &error) ||
	    (scenario && !gig_ledger_scenario_get(ledger, scenario, &saved, &error)))
		return gig_cli_fail(error);
	if (seed == NULL && !gig_cli_seed(ledger, &opt.seed, &error))
		return gig_cli_fail(error);
	for (size_t i = 0; saved && i < saved->n_specs; i++)
		g_ptr_array_add(specs, saved->specs[i]);
	for (size_t i = 0; what_if && what_if[i]; i++)
		g_ptr_array_add(specs, what_if[i]);
	opt.what_if = (const char *const *)specs->pdata;
	opt.n_what_if = specs->len;
	opt.scenario_name = saved ? saved->name : NULL;
	gig_tax_profile tax;
	opt.tax_profile = &tax;
	g_autoptr(GPtrArray) payers = NULL;
	gig_cli_payer_calendars_soft(cli, &payers);
	opt.payers = payers;
	if (!gig_cli_tax_profile(cli, ledger, &tax, &error) ||
	    !gig_report_build(ledger, &opt, &report, &error))
		return gig_cli_fail(error);

	if (output == NULL || strcmp(output, "-") == 0) {
		if (!gig_report_render(report, fmt, fmt == GIG_REPORT_TABLE && cli->color, stdout,
		                       &error))
			return gig_cli_fail(error);
		return GIG_EXIT_OK;
	}
	struct runway_job job = {report, fmt};
	if (!gig_cli_write_file(output, write_runway, &job, &error))
		return gig_cli_fail(error);
	if (!cli->quiet)
		fprintf(stderr, "Wrote the runway report to %s.\n", output);
	return GIG_EXIT_OK;
}
