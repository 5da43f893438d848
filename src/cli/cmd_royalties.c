/*
 * cmd_royalties.c: `gig statements import FILE`, `gig royalties [--by KEY]` and
 * `gig royalties match` (include/gigledger/royalty.h).
 *
 * Payer calendars are read from $XDG_CONFIG_HOME/gigledger/payers, $GIG_PAYER_PATH,
 * gigledger/payers under the system data directories, the install directory, and the
 * source tree's payers/ (an uninstalled build), the first file of a name winning.
 */
#include <string.h>

#include <gigledger/royalty.h>

#include "cmd.h"
#include "cmd_import.h"

static GPtrArray *
payer_dirs(const gig_cli *cli)
{
	GPtrArray *dirs = g_ptr_array_new_with_free_func(g_free);
	g_ptr_array_add(dirs, g_build_filename(cli->config_dir, "payers", NULL));
	const char *extra = g_getenv("GIG_PAYER_PATH");
	if (extra != NULL && *extra) {
		g_auto(GStrv) parts = g_strsplit(extra, ":", -1);
		for (size_t i = 0; parts[i]; i++)
			if (*parts[i])
				g_ptr_array_add(dirs, g_strdup(parts[i]));
	}
	const char *const *sys = g_get_system_data_dirs();
	for (size_t i = 0; sys[i]; i++)
		g_ptr_array_add(dirs, g_build_filename(sys[i], "gigledger", "payers", NULL));
	g_autofree char *exe = g_file_read_link("/proc/self/exe", NULL);
	if (exe != NULL) {
		g_autofree char *bindir = g_path_get_dirname(exe);
		g_ptr_array_add(
		    dirs, g_build_filename(bindir, "..", "share", "gigledger", "payers", NULL));
	}
	g_ptr_array_add(dirs, g_strdup(GIG_PAYERS_INSTALL_DIR));
	g_ptr_array_add(dirs, g_strdup(GIG_PAYERS_SOURCE_DIR));
	g_ptr_array_add(dirs, NULL);
	return dirs;
}

bool
gig_cli_payer_calendars(const gig_cli *cli, GPtrArray **out, GError **error)
{
	g_autoptr(GPtrArray) dirs = payer_dirs(cli);
	return gig_payer_calendars_load((const char *const *)dirs->pdata, out, error);
}

void
gig_cli_payer_calendars_soft(const gig_cli *cli, GPtrArray **out)
{
	g_autoptr(GError) error = NULL;
	*out = NULL;
	if (!gig_cli_payer_calendars(cli, out, &error)) {
		fprintf(stderr, "warning: payer calendars not read, royalties are not dated: %s\n",
		        gig_cli_text(error->message));
		*out = NULL;
	}
}

/* `text` made visible and padded (or cut) to `width` characters, not bytes. */
static const char *
column_text(const char *text, int width)
{
	const char *v = gig_cli_text(text);
	glong n = g_utf8_strlen(v, -1);
	g_autoptr(GString) s = g_string_new(NULL);
	if (n > width)
		g_string_append_len(s, v, g_utf8_offset_to_pointer(v, width) - v);
	else
		g_string_append(s, v);
	for (glong i = n; i < width; i++)
		g_string_append_c(s, ' ');
	return gig_cli_text(s->str);
}

/* The exact pico-unit sum as a decimal, e.g. "12.345678910". */
static char *
pico_text(int64_t pico)
{
	uint64_t a = pico < 0 ? (uint64_t)0 - (uint64_t)pico : (uint64_t)pico;
	return g_strdup_printf("%s%" G_GUINT64_FORMAT ".%012" G_GUINT64_FORMAT, pico < 0 ? "-" : "",
	                       a / (uint64_t)GIG_PICO, a % (uint64_t)GIG_PICO);
}

/* An amount as docs/json.md's money rule has it: KEY_minor (integer minor units of the
 * object's currency) and KEY, the same as a decimal string. */
static void
json_money(JsonBuilder *b, const char *key, int64_t minor, const char *currency)
{
	char buf[64];
	g_autofree char *minor_key = g_strconcat(key, "_minor", NULL);
	json_builder_set_member_name(b, minor_key);
	json_builder_add_int_value(b, minor);
	json_builder_set_member_name(b, key);
	json_builder_add_string_value(
	    b, gig_money_format(buf, minor, gig_currency_exponent(currency), false));
}

static void
json_month(JsonBuilder *b, const char *key, int month, bool valid)
{
	char buf[16];
	json_builder_set_member_name(b, key);
	if (valid)
		json_builder_add_string_value(b, gig_date_format_month(buf, month));
	else
		json_builder_add_null_value(b);
}

/* The name shown for the file: "-" (standard input) instead of the spool's path. */
static const char *shown_path;

int
gig_cli_statement_import(gig_cli *cli, const char *path, const char *payer, bool json)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(gig_ledger) ledger = NULL;
	gig_statement_result res = {0};
	if (!gig_cli_open(cli, &ledger, &error) ||
	    !gig_ledger_statement_import(ledger, path, payer, cli->today, &res, &error))
		return gig_cli_fail(error);
	g_autofree char *exact = pico_text(res.total_pico);
	if (json) {
		g_autoptr(JsonBuilder) b = json_builder_new();
		json_builder_begin_object(b);
		json_builder_set_member_name(b, "file");
		json_builder_add_string_value(b, shown_path ? shown_path : path);
		json_builder_set_member_name(b, "format");
		json_builder_add_string_value(b, res.format);
		json_builder_set_member_name(b, "payer");
		json_builder_add_string_value(b, res.payer);
		json_builder_set_member_name(b, "currency");
		json_builder_add_string_value(b, res.currency);
		json_builder_set_member_name(b, "lines");
		json_builder_add_int_value(b, res.lines);
		json_builder_set_member_name(b, "new_lines");
		json_builder_add_int_value(b, res.lines_new);
		json_builder_set_member_name(b, "exact_total");
		json_builder_add_string_value(b, exact);
		json_money(b, "total", res.total_minor, res.currency);
		json_month(b, "first_month", res.first_month, res.lines_new > 0);
		json_month(b, "last_month", res.last_month, res.lines_new > 0);
		json_builder_end_object(b);
		gig_cli_print_json(b);
	} else if (res.lines_new == 0) {
		printf("%s: %" G_GINT64_FORMAT " lines, all imported before; nothing added.\n",
		       gig_cli_text(shown_path ? shown_path : path), res.lines);
	} else {
		char money[64], m1[16], m2[16];
		printf("%s: %s statement, %" G_GINT64_FORMAT " lines (%" G_GINT64_FORMAT
		       " new), %s %s earned (exact %s), %s..%s, owed by %s.\n",
		       gig_cli_text(shown_path ? shown_path : path), res.format, res.lines,
		       res.lines_new, res.currency,
		       gig_cli_money(money, res.total_minor, res.currency), exact,
		       gig_date_format_month(m1, res.first_month),
		       gig_date_format_month(m2, res.last_month), gig_cli_text(res.payer));
	}
	gig_statement_result_clear(&res);
	return GIG_EXIT_OK;
}

static int
statements_import(gig_cli *cli, int argc, char **argv)
{
	gboolean json = false;
	char *payer = NULL;
	GOptionEntry entries[] = {{"payer", 'p', 0, G_OPTION_ARG_STRING, &payer,
	                           "who owes the money (default: the layout's distributor)",
	                           "NAME"},
	                          {"json", 0, 0, G_OPTION_ARG_NONE, &json, "print JSON", NULL},
	                          {NULL, 0, 0, 0, NULL, NULL, NULL}};
	g_autoptr(GOptionContext) ctx = gig_cli_context(
	    "FILE",
	    "Import a royalty statement: each line is royalty earned, owed by the\n"
	    "payer until a payout deposit is matched ('gig royalties match').\n"
	    "Layouts, recognised by their header: DistroKid (TSV), TuneCore,\n"
	    "CD Baby (TSV), Bandcamp sales report, a collecting society's statement\n"
	    "(PRS-style: Work Title, Tune Code/ISWC, Territory, Use Period, Royalty\n"
	    "Amount; GBP unless a Currency column says).  Amounts are summed exactly and\n"
	    "the statement's total is rounded once, half away from zero.\n"
	    "Importing a file again adds only lines not seen before.",
	    "Examples:\n  gig statements import DistroKid_1700000000.tsv\n"
	    "  gig statements import tunecore-2024-q1.csv --payer TuneCore\n"
	    "  gig statements import bandcamp.csv --json\n"
	    "  gig import DistroKid_1700000000.tsv   (recognised: the same)",
	    entries);
	int rc = gig_cli_parse(ctx, "statements import", &argc, &argv);
	g_autofree char *payer_owned = payer;
	if (rc != GIG_EXIT_OK)
		return rc;
	if (argc != 2)
		return gig_cli_usage("statements", "import needs exactly one FILE");
	if (strcmp(argv[1], "-") == 0) { /* standard input (cmd_import.h) */
		g_autoptr(GError) error = NULL;
		gig_cli_stdin in = {0};
		if (!gig_cli_stdin_spool(&in, &error))
			return gig_cli_fail(error);
		shown_path = "-";
		int status = gig_cli_statement_import(cli, in.path, payer, json);
		shown_path = NULL;
		gig_cli_stdin_clear(&in);
		return status;
	}
	return gig_cli_statement_import(cli, argv[1], payer, json);
}

static int
statements_list(gig_cli *cli, int argc, char **argv)
{
	gboolean json = false;
	GOptionEntry entries[] = {{"json", 0, 0, G_OPTION_ARG_NONE, &json, "print JSON", NULL},
	                          {NULL, 0, 0, 0, NULL, NULL, NULL}};
	g_autoptr(GOptionContext) ctx = gig_cli_context(
	    "", "List the imported royalty statements: payer, period, lines added, total.",
	    "Examples:\n  gig statements list\n  gig statements list --json", entries);
	int rc = gig_cli_parse(ctx, "statements list", &argc, &argv);
	if (rc != GIG_EXIT_OK)
		return rc;
	if (argc > 1)
		return gig_cli_usage("statements", "unexpected argument '%s'", argv[1]);
	g_autoptr(GError) error = NULL;
	g_autoptr(gig_ledger) ledger = NULL;
	g_autoptr(GPtrArray) list = NULL;
	if (!gig_cli_open(cli, &ledger, &error) || !gig_ledger_statements(ledger, &list, &error))
		return gig_cli_fail(error);
	g_autoptr(JsonBuilder) b = json_builder_new();
	json_builder_begin_object(b);
	json_builder_set_member_name(b, "statements");
	json_builder_begin_array(b);
	if (!json && list->len == 0)
		printf("No statements. Import one: gig statements import FILE\n");
	else if (!json)
		printf("%4s %-10s %s %-4s %-15s %6s %11s  %s\n", "ID", "IMPORTED",
		       column_text("PAYER", 14), "CUR", "PERIOD", "LINES", "TOTAL", "FILE");
	for (guint i = 0; i < list->len; i++) {
		const gig_statement_info *x = list->pdata[i];
		char d[GIG_DATE_BUFSZ], m1[16], m2[16], money[64];
		gig_date_format_month(m1, x->first_month);
		gig_date_format_month(m2, x->last_month);
		if (!json) {
			g_autofree char *period = g_strdup_printf("%s..%s", m1, m2);
			printf("%4" G_GINT64_FORMAT " %-10s %s %-4s %-15s %6" G_GINT64_FORMAT
			       " %11s  %s\n",
			       x->id, gig_date_format(d, x->imported_on), column_text(x->payer, 14),
			       x->currency, period, x->lines,
			       gig_cli_money(money, x->total_minor, x->currency),
			       gig_cli_text(x->file_name));
			continue;
		}
		g_autofree char *exact = pico_text(x->total_pico);
		json_builder_begin_object(b);
		json_builder_set_member_name(b, "id");
		json_builder_add_int_value(b, x->id);
		json_builder_set_member_name(b, "payer");
		json_builder_add_string_value(b, x->payer);
		json_builder_set_member_name(b, "format");
		json_builder_add_string_value(b, x->format);
		json_builder_set_member_name(b, "file");
		json_builder_add_string_value(b, x->file_name);
		json_builder_set_member_name(b, "sha256");
		json_builder_add_string_value(b, x->sha256);
		gig_cli_json_date(b, "imported_on", x->imported_on);
		json_builder_set_member_name(b, "currency");
		json_builder_add_string_value(b, x->currency);
		json_month(b, "first_month", x->first_month, x->first_month >= 0);
		json_month(b, "last_month", x->last_month, x->last_month >= 0);
		json_builder_set_member_name(b, "lines");
		json_builder_add_int_value(b, x->lines);
		json_money(b, "total", x->total_minor, x->currency);
		json_builder_set_member_name(b, "exact_total");
		json_builder_add_string_value(b, exact);
		json_builder_end_object(b);
	}
	json_builder_end_array(b);
	json_builder_end_object(b);
	if (json)
		gig_cli_print_json(b);
	return GIG_EXIT_OK;
}

int
gig_cmd_statements(gig_cli *cli, int argc, char **argv)
{
	if (argc >= 2 && strcmp(argv[1], "import") == 0)
		return statements_import(cli, argc - 1, argv + 1);
	if (argc >= 2 && strcmp(argv[1], "list") == 0)
		return statements_list(cli, argc - 1, argv + 1);
	if (argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
		printf("Usage: gig statements import FILE [--payer NAME] [--json]\n"
		       "       gig statements list [--json]\n\n"
		       "Royalty statements from distributors; 'gig statements import --help'\n"
		       "lists the layouts, 'gig royalties' shows what each payer owes.\n\n"
		       "Example:\n  gig statements import DistroKid_1700000000.tsv\n");
		return GIG_EXIT_OK;
	}
	if (argc == 1)
		return statements_list(cli, argc, argv);
	return gig_cli_usage("statements", "expected import or list");
}

static int
royalties_match(gig_cli *cli, int argc, char **argv)
{
	gboolean json = false;
	GOptionEntry entries[] = {{"json", 0, 0, G_OPTION_ARG_NONE, &json, "print JSON", NULL},
	                          {NULL, 0, 0, 0, NULL, NULL, NULL}};
	g_autoptr(GOptionContext) ctx = gig_cli_context(
	    "",
	    "Link payout deposits to payers: a deposit not yet linked, whose payee\n"
	    "contains the payer's name (or a match= string of its calendar) and\n"
	    "whose amount equals the balance owed or one statement's total.",
	    "Examples:\n  gig import bank.csv --account Checking && gig royalties match\n"
	    "  gig royalties match --json",
	    entries);
	int rc = gig_cli_parse(ctx, "royalties match", &argc, &argv);
	if (rc != GIG_EXIT_OK)
		return rc;
	if (argc > 1)
		return gig_cli_usage("royalties", "unexpected argument '%s'", argv[1]);
	g_autoptr(GError) error = NULL;
	g_autoptr(gig_ledger) ledger = NULL;
	g_autoptr(GPtrArray) cals = NULL;
	int64_t n = 0;
	if (!gig_cli_payer_calendars(cli, &cals, &error) || !gig_cli_open(cli, &ledger, &error) ||
	    !gig_ledger_royalties_match(ledger, cals, &n, &error))
		return gig_cli_fail(error);
	if (json) {
		g_autoptr(JsonBuilder) b = json_builder_new();
		json_builder_begin_object(b);
		json_builder_set_member_name(b, "matched");
		json_builder_add_int_value(b, n);
		json_builder_end_object(b);
		gig_cli_print_json(b);
	} else {
		printf("Matched %" G_GINT64_FORMAT " payout%s.\n", n, n == 1 ? "" : "s");
	}
	return GIG_EXIT_OK;
}

static int
royalties_by(gig_ledger *ledger, gig_royalty_by by, const char *name, bool json)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(GPtrArray) list = NULL;
	if (!gig_ledger_royalties_by(ledger, by, &list, &error))
		return gig_cli_fail(error);
	g_autoptr(JsonBuilder) b = json_builder_new();
	json_builder_begin_object(b);
	json_builder_set_member_name(b, "by");
	json_builder_add_string_value(b, name);
	json_builder_set_member_name(b, "groups");
	json_builder_begin_array(b);
	if (!json)
		printf("%-36s %-4s %14s %7s\n", name, "CUR", "EARNED", "LINES");
	for (guint i = 0; i < list->len; i++) {
		const gig_royalty_group *g = list->pdata[i];
		g_autofree char *exact = pico_text(g->earned_pico);
		if (!json) {
			char money[64];
			printf("%s %-4s %14s %7" G_GINT64_FORMAT "\n",
			       column_text(*g->key ? g->key : "(none)", 36), g->currency,
			       gig_cli_money(money, g->earned_minor, g->currency), g->lines);
			continue;
		}
		json_builder_begin_object(b);
		json_builder_set_member_name(b, "key");
		json_builder_add_string_value(b, g->key);
		json_builder_set_member_name(b, "currency");
		json_builder_add_string_value(b, g->currency);
		json_money(b, "earned", g->earned_minor, g->currency);
		json_builder_set_member_name(b, "exact_earned");
		json_builder_add_string_value(b, exact);
		json_builder_set_member_name(b, "lines");
		json_builder_add_int_value(b, g->lines);
		json_builder_end_object(b);
	}
	json_builder_end_array(b);
	json_builder_end_object(b);
	if (json)
		gig_cli_print_json(b);
	return GIG_EXIT_OK;
}

static int
royalties_show(gig_cli *cli, int argc, char **argv)
{
	gboolean json = false;
	char *by = NULL;
	GOptionEntry entries[] = {{"by", 0, 0, G_OPTION_ARG_STRING, &by,
	                           "earned by work, store, country or month", "KEY"},
	                          {"json", 0, 0, G_OPTION_ARG_NONE, &json, "print JSON", NULL},
	                          {NULL, 0, 0, 0, NULL, NULL, NULL}};
	g_autoptr(GOptionContext) ctx = gig_cli_context(
	    "[match]",
	    "Royalties per payer: earned (statements), paid (matched deposits), owed,\n"
	    "the last statement's period, and the next payout expected from the\n"
	    "payer's calendar (payers/*.ini; a balance under the payer's minimum\n"
	    "rolls over to the next payout date; once payouts are matched, the\n"
	    "payer's mean lateness against its calendar moves the date).\n"
	    "Owed = earned - recouped - paid:\n"
	    "an advance (gig advance add) takes the earnings until it is recouped;\n"
	    "collaborators' shares (gig split add) are payables, not your income.",
	    "Examples:\n  gig royalties\n  gig royalties --json\n  gig royalties --by work\n"
	    "  gig royalties match        (see 'gig royalties match --help')",
	    entries);
	int rc = gig_cli_parse(ctx, "royalties", &argc, &argv);
	g_autofree char *by_owned = by;
	if (rc != GIG_EXIT_OK)
		return rc;
	if (argc > 1)
		return gig_cli_usage("royalties", "unexpected argument '%s'", argv[1]);
	static const char *const by_names[] = {"work", "store", "country", "month"};
	int by_i = -1;
	for (int i = 0; by && i < 4; i++)
		if (strcmp(by, by_names[i]) == 0)
			by_i = i;
	if (by && by_i < 0)
		return gig_cli_usage("royalties", "--by is work, store, country or month, not '%s'",
		                     by);
	g_autoptr(GError) error = NULL;
	g_autoptr(gig_ledger) ledger = NULL;
	if (!gig_cli_open(cli, &ledger, &error))
		return gig_cli_fail(error);
	if (by)
		return royalties_by(ledger, (gig_royalty_by)by_i, by_names[by_i], json);
	g_autoptr(GPtrArray) cals = NULL;
	g_autoptr(GPtrArray) list = NULL;
	if (!gig_cli_payer_calendars(cli, &cals, &error) ||
	    !gig_ledger_royalties(ledger, cals, cli->today, &list, &error))
		return gig_cli_fail(error);
	g_autoptr(JsonBuilder) b = json_builder_new();
	json_builder_begin_object(b);
	json_builder_set_member_name(b, "payers");
	json_builder_begin_array(b);
	if (!json && list->len == 0)
		printf("No statements. Import one: gig statements import FILE\n");
	else if (!json)
		printf("%-16s %-4s %11s %11s %11s %-7s %-10s %11s\n", "PAYER", "CUR", "EARNED",
		       "PAID", "OWED", "LAST", "NEXT", "AMOUNT");
	for (guint i = 0; i < list->len; i++) {
		const gig_royalty_balance *r = list->pdata[i];
		char m[16];
		if (!json) {
			char e[64], p[64], o[64], d[GIG_DATE_BUFSZ], a[64];
			bool next = r->next_date != GIG_DATE_NONE;
			printf("%s %-4s %11s %11s %11s %-7s %-10s %11s\n",
			       column_text(r->payer, 16), r->currency,
			       gig_cli_money(e, r->earned_minor, r->currency),
			       gig_cli_money(p, r->paid_minor, r->currency),
			       gig_cli_money(o, r->owed_minor, r->currency),
			       r->last_month >= 0 ? gig_date_format_month(m, r->last_month) : "-",
			       next ? gig_date_format(d, r->next_date)
			            : (!r->has_calendar    ? "no cal."
			               : r->owed_minor > 0 ? "under min"
			                                   : "-"),
			       next ? gig_cli_money(a, r->next_minor, r->currency) : "-");
			if (r->advances > 0 && r->unrecouped_minor > 0) {
				printf("  advance %s: %s recouped, %s to go; nothing is paid until "
				       "then\n",
				       gig_cli_money(e, r->advance_minor, r->currency),
				       gig_cli_money(p, r->recouped_minor, r->currency),
				       gig_cli_money(o, r->unrecouped_minor, r->currency));
				if (r->recoup_forecast_month >= 0)
					printf(
					    "  at %s a month (earned since the advance) it recoups "
					    "about %s\n",
					    gig_cli_money(a, r->recoup_rate_minor, r->currency),
					    gig_date_format_month(m, r->recoup_forecast_month));
			} else if (r->advances > 0) {
				printf("  advance %s recouped by the statement for %s; royalties "
				       "flow since\n",
				       gig_cli_money(e, r->advance_minor, r->currency),
				       gig_date_format_month(m, r->recouped_month));
			}
			if (r->payouts_observed > 0)
				printf("  history: %" G_GINT64_FORMAT
				       " payout%s, %d days after the period on average, %+d days "
				       "against the calendar\n",
				       r->payouts_observed, r->payouts_observed == 1 ? "" : "s",
				       r->observed_delay_days, r->lateness_days);
			if (r->shares_minor > 0)
				printf("  collaborators' shares (gig split): %s of the earnings, "
				       "%s of what is owed\n",
				       gig_cli_money(e, r->shares_minor, r->currency),
				       gig_cli_money(o, r->payable_minor, r->currency));
			continue;
		}
		json_builder_begin_object(b);
		json_builder_set_member_name(b, "payer");
		json_builder_add_string_value(b, r->payer);
		json_builder_set_member_name(b, "currency");
		json_builder_add_string_value(b, r->currency);
		json_money(b, "earned", r->earned_minor, r->currency);
		json_money(b, "paid", r->paid_minor, r->currency);
		json_money(b, "owed", r->owed_minor, r->currency);
		json_money(b, "advance", r->advance_minor, r->currency);
		json_money(b, "recouped", r->recouped_minor, r->currency);
		json_money(b, "unrecouped", r->unrecouped_minor, r->currency);
		json_month(b, "recouped_month", r->recouped_month,
		           r->advances > 0 && r->unrecouped_minor == 0 && r->recouped_month >= 0);
		json_month(b, "recoup_forecast_month", r->recoup_forecast_month,
		           r->unrecouped_minor > 0 && r->recoup_forecast_month >= 0);
		json_money(b, "monthly_earnings", r->recoup_rate_minor, r->currency);
		json_money(b, "collaborators_share", r->shares_minor, r->currency);
		json_money(b, "payable", r->payable_minor, r->currency);
		json_builder_set_member_name(b, "statements");
		json_builder_add_int_value(b, r->statements);
		json_month(b, "last_period", r->last_month, r->last_month >= 0);
		gig_cli_json_date(b, "last_imported_on", r->last_imported);
		json_builder_set_member_name(b, "calendar");
		json_builder_add_boolean_value(b, r->has_calendar);
		json_builder_set_member_name(b, "payouts_observed");
		json_builder_add_int_value(b, r->payouts_observed);
		json_builder_set_member_name(b, "observed_delay_days");
		if (r->payouts_observed > 0)
			json_builder_add_int_value(b, r->observed_delay_days);
		else
			json_builder_add_null_value(b);
		json_builder_set_member_name(b, "lateness_days");
		if (r->payouts_observed > 0)
			json_builder_add_int_value(b, r->lateness_days);
		else
			json_builder_add_null_value(b);
		gig_cli_json_date(b, "next_payout_on", r->next_date);
		if (r->next_date != GIG_DATE_NONE) {
			json_money(b, "next_payout", r->next_minor, r->currency);
		} else {
			json_builder_set_member_name(b, "next_payout");
			json_builder_add_null_value(b);
		}
		json_builder_end_object(b);
	}
	json_builder_end_array(b);
	rc = gig_cli_collaborators(ledger, b, json);
	if (rc != GIG_EXIT_OK)
		return rc;
	json_builder_end_object(b);
	if (json)
		gig_cli_print_json(b);
	return GIG_EXIT_OK;
}

int
gig_cmd_royalties(gig_cli *cli, int argc, char **argv)
{
	if (argc >= 2 && strcmp(argv[1], "match") == 0)
		return royalties_match(cli, argc - 1, argv + 1);
	return royalties_show(cli, argc, argv);
}
