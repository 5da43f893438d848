/* cmd_rates.c: `gig rates import|set|list|convert`: exchange rates (issue 14). */
#include <string.h>

#include <gigledger/rates.h>

#include "cmd.h"
#include "cmd_import.h"

static int
rates_import(gig_cli *cli, int argc, char **argv)
{
	gboolean json = false;
	GOptionEntry entries[] = {{"json", 0, 0, G_OPTION_ARG_NONE, &json, "print JSON", NULL},
	                          {NULL, 0, 0, 0, NULL, NULL, NULL}};
	g_autoptr(GOptionContext) ctx = gig_cli_context(
	    "FILE",
	    "Import exchange rates: the ECB's reference-rate CSV (eurofxref-hist.csv:\n"
	    "Date,USD,JPY,... rates per 1 EUR, N/A gaps) or rows of date,from,to,rate\n"
	    "(1 FROM = RATE TO).  Rates already there are skipped; a bad row is an\n"
	    "error FILE:LINE and nothing of the file is written.",
	    "Examples:\n  gig rates import eurofxref-hist.csv\n"
	    "  gig rates import my-rates.csv --json\n"
	    "  (my-rates.csv holds: date,from,to,rate / 2024-01-05,USD,EUR,0.92)",
	    entries);
	int rc = gig_cli_parse(ctx, "rates import", &argc, &argv);
	if (rc != GIG_EXIT_OK)
		return rc;
	if (argc != 2)
		return gig_cli_usage("rates", "import needs one FILE");
	g_autoptr(GError) error = NULL;
	g_autoptr(gig_ledger) ledger = NULL;
	gig_rates_import_result res;
	gig_cli_stdin in = {0}; /* '-' reads standard input (cmd_import.h) */
	bool piped = strcmp(argv[1], "-") == 0;
	bool ok = (!piped || gig_cli_stdin_spool(&in, &error)) &&
	          gig_cli_open(cli, &ledger, &error) &&
	          gig_ledger_rates_import(ledger, piped ? in.path : argv[1], &res, &error);
	gig_cli_stdin_rename(&in, error);
	gig_cli_stdin_clear(&in);
	if (!ok)
		return gig_cli_fail(error);
	if (json) {
		g_autoptr(JsonBuilder) b = json_builder_new();
		json_builder_begin_object(b);
		json_builder_set_member_name(b, "layout");
		json_builder_add_string_value(b, res.ecb ? "ecb" : "pairs");
		const char *names[] = {"rows", "added", "unchanged", "replaced", "gaps"};
		int64_t values[] = {res.rows, res.added, res.unchanged, res.replaced, res.gaps};
		for (size_t i = 0; i < G_N_ELEMENTS(names); i++) {
			json_builder_set_member_name(b, names[i]);
			json_builder_add_int_value(b, values[i]);
		}
		json_builder_end_object(b);
		gig_cli_print_json(b);
	} else {
		printf("%" G_GINT64_FORMAT " rates added, %" G_GINT64_FORMAT
		       " already there, %" G_GINT64_FORMAT " replaced (%s layout, %" G_GINT64_FORMAT
		       " rows, %" G_GINT64_FORMAT " gaps)\n",
		       res.added, res.unchanged, res.replaced,
		       res.ecb ? "ECB" : "date,from,to,rate", res.rows, res.gaps);
	}
	return GIG_EXIT_OK;
}

static int
rates_set(gig_cli *cli, int argc, char **argv)
{
	g_autofree char *on_text = NULL;
	GOptionEntry entries[] = {
	    {"on", 0, 0, G_OPTION_ARG_STRING, &on_text, "the rate's date (default: today)", "DATE"},
	    {NULL, 0, 0, 0, NULL, NULL, NULL}};
	g_autoptr(GOptionContext) ctx =
	    gig_cli_context("FROM TO RATE", "Record that 1 FROM was worth RATE TO on a date.",
	                    "Examples:\n  gig rates set USD EUR 0.92 --on 2024-01-05\n"
	                    "  gig rates set EUR GBP 0.8569",
	                    entries);
	int rc = gig_cli_parse(ctx, "rates set", &argc, &argv);
	if (rc != GIG_EXIT_OK)
		return rc;
	if (argc != 4)
		return gig_cli_usage("rates", "set needs FROM TO RATE");
	g_autoptr(GError) error = NULL;
	g_autoptr(gig_ledger) ledger = NULL;
	gig_date on;
	bool changed = false;
	if (!gig_cli_date(cli, on_text, &on, &error) || !gig_cli_open(cli, &ledger, &error) ||
	    !gig_ledger_rate_set(ledger, argv[1], argv[2], argv[3], on, "manual", &changed, &error))
		return gig_cli_fail(error);
	char d[GIG_DATE_BUFSZ];
	if (!cli->quiet && !changed)
		fprintf(stderr, "gig: that rate was already recorded\n");
	else if (!cli->quiet)
		fprintf(stderr, "Recorded 1 %s = %s %s on %s.\n", gig_cli_text(argv[1]),
		        gig_cli_text(argv[3]), gig_cli_text(argv[2]), gig_date_format(d, on));
	return GIG_EXIT_OK;
}

static int
rates_list(gig_cli *cli, int argc, char **argv)
{
	gboolean json = false;
	GOptionEntry entries[] = {{"json", 0, 0, G_OPTION_ARG_NONE, &json, "print JSON", NULL},
	                          {NULL, 0, 0, 0, NULL, NULL, NULL}};
	g_autoptr(GOptionContext) ctx =
	    gig_cli_context("", "List the exchange rates, by pair then date (1 BASE = RATE QUOTE).",
	                    "Examples:\n  gig rates list\n  gig rates list --json", entries);
	int rc = gig_cli_parse(ctx, "rates list", &argc, &argv);
	if (rc != GIG_EXIT_OK)
		return rc;
	if (argc > 1)
		return gig_cli_usage("rates", "unexpected argument '%s'", argv[1]);
	g_autoptr(GError) error = NULL;
	g_autoptr(gig_ledger) ledger = NULL;
	g_autoptr(GPtrArray) list = NULL;
	if (!gig_cli_open(cli, &ledger, &error) || !gig_ledger_rates(ledger, &list, &error))
		return gig_cli_fail(error);
	g_autoptr(JsonBuilder) b = json_builder_new();
	json_builder_begin_object(b);
	json_builder_set_member_name(b, "rates");
	json_builder_begin_array(b);
	if (!json && list->len == 0)
		printf("No rates. Import some: gig rates import eurofxref-hist.csv\n");
	else if (!json)
		printf("%-10s  %-4s %-4s %18s  %s\n", "Date", "Base", "Quot", "Rate", "Source");
	for (unsigned i = 0; i < list->len; i++) {
		const gig_rate *r = list->pdata[i];
		char d[GIG_DATE_BUFSZ];
		gig_date_format(d, r->on);
		if (!json) {
			printf("%-10s  %-4s %-4s %18s  %s\n", d, r->base, r->quote, r->rate,
			       gig_cli_text(r->source));
			continue;
		}
		json_builder_begin_object(b);
		const char *keys[] = {"date", "base", "quote", "rate", "source"};
		const char *vals[] = {d, r->base, r->quote, r->rate, r->source};
		for (size_t k = 0; k < G_N_ELEMENTS(keys); k++) {
			json_builder_set_member_name(b, keys[k]);
			json_builder_add_string_value(b, vals[k]);
		}
		json_builder_end_object(b);
	}
	json_builder_end_array(b);
	json_builder_end_object(b);
	if (json)
		gig_cli_print_json(b);
	return GIG_EXIT_OK;
}

static int
rates_convert(gig_cli *cli, int argc, char **argv)
{
	g_autofree char *on_text = NULL;
	gboolean json = false;
	GOptionEntry entries[] = {{"on", 0, 0, G_OPTION_ARG_STRING, &on_text,
	                           "convert at this date (default: today)", "DATE"},
	                          {"json", 0, 0, G_OPTION_ARG_NONE, &json, "print JSON", NULL},
	                          {NULL, 0, 0, 0, NULL, NULL, NULL}};
	g_autoptr(GOptionContext) ctx = gig_cli_context(
	    "AMOUNT FROM TO",
	    "Convert an amount at the nearest rate on or before the date (direct,\n"
	    "inverse, or crossed through EUR), rounded half away from zero to TO's\n"
	    "minor unit; says which rate and date it used.",
	    "Examples:\n  gig rates convert 1200 USD EUR --on 2024-01-05\n"
	    "  gig rates convert 15000 JPY GBP --json",
	    entries);
	int rc = gig_cli_parse(ctx, "rates convert", &argc, &argv);
	if (rc != GIG_EXIT_OK)
		return rc;
	if (argc != 4)
		return gig_cli_usage("rates", "convert needs AMOUNT FROM TO");
	g_autoptr(GError) error = NULL;
	g_autoptr(gig_ledger) ledger = NULL;
	gig_date on;
	int64_t minor;
	char from[4];
	gig_conversion c;
	if (!gig_cli_date(cli, on_text, &on, &error) ||
	    !gig_currency_normalize(from, argv[2], &error) || !gig_cli_open(cli, &ledger, &error) ||
	    !gig_cli_amount(ledger, from, argv[1], &minor, &error) ||
	    !gig_convert(ledger, minor, from, argv[3], on, &c, &error))
		return gig_cli_fail(error);
	char a[GIG_MONEY_BUFSZ], r[GIG_MONEY_BUFSZ];
	gig_money_format(a, minor, gig_currency_exponent(from), false);
	gig_money_format(r, c.minor, gig_currency_exponent(c.currency), false);
	g_autofree char *how = gig_conversion_describe(&c);
	if (json) {
		g_autoptr(JsonBuilder) b = json_builder_new();
		json_builder_begin_object(b);
		const char *keys[] = {"amount", "currency", "converted", "converted_currency",
		                      "rate"};
		const char *vals[] = {a, from, r, c.currency, how};
		for (size_t k = 0; k < G_N_ELEMENTS(keys); k++) {
			json_builder_set_member_name(b, keys[k]);
			json_builder_add_string_value(b, vals[k]);
		}
		gig_cli_json_date(b, "rate_on", c.rate_on);
		json_builder_end_object(b);
		gig_cli_print_json(b);
	} else {
		printf("%s %s = %s %s (%s)\n", a, from, r, c.currency, gig_cli_text(how));
	}
	return GIG_EXIT_OK;
}

int
gig_cmd_rates(gig_cli *cli, int argc, char **argv)
{
	static const struct {
		const char *name;
		gig_cmd_fn fn;
	} subs[] = {{"import", rates_import},
	            {"set", rates_set},
	            {"list", rates_list},
	            {"convert", rates_convert}};
	for (size_t i = 0; argc >= 2 && i < G_N_ELEMENTS(subs); i++)
		if (strcmp(argv[1], subs[i].name) == 0)
			return subs[i].fn(cli, argc - 1, argv + 1);
	if (argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
		printf("Usage: gig rates import FILE [--json]\n"
		       "       gig rates set FROM TO RATE [--on DATE]\n"
		       "       gig rates list [--json]\n"
		       "       gig rates convert AMOUNT FROM TO [--on DATE] [--json]\n\n"
		       "Exchange rates, kept as exact decimals: 1 FROM (or BASE) = RATE TO.\n"
		       "Conversions use the nearest rate on or before the date.\n\nExamples:\n"
		       "  gig rates import eurofxref-hist.csv\n"
		       "  gig rates set USD EUR 0.92 --on 2024-01-05\n"
		       "  gig rates convert 1200 USD EUR --on 2024-01-05\n");
		return GIG_EXIT_OK;
	}
	if (argc == 1)
		return rates_list(cli, argc, argv);
	return gig_cli_usage("rates", "expected import, set, list or convert");
}
