/*
 * main.c: gig's entry point.  Pulls the global options out of argv (they may
 * stand before or after the command), resolves the ledger path and "today",
 * and dispatches to the command table.  Commands live in cmd_*.c.
 */
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cmd.h"
#include "cmd_import.h"

static int cmd_help(gig_cli *cli, int argc, char **argv);

/* The command table: one line per command, in the order `gig --help` shows. */
static const struct gig_cmd commands[] = {
    {"init", gig_cmd_init, "create a new ledger", NULL},
    {"account", gig_cmd_account, "add, list, rename or close accounts", "add list rename close"},
    {"accounts", gig_cmd_accounts, "list accounts with balances", NULL},
    {"log", gig_cmd_log, "log a gig: gig log 1200 \"Blue Room Studios\" --stream mixing", NULL},
    {"invoices", gig_cmd_invoices, "list open and overdue invoices with their age", NULL},
    {"paid", gig_cmd_paid, "mark a gig paid, fully or partly", NULL},
    {"cancel", gig_cmd_cancel, "cancel a gig that will not be paid", NULL},
    {"spend", gig_cmd_spend, "record an expense: gig spend 12.99 Splice -c 'Samples'", NULL},
    {"earn", gig_cmd_earn, "record other income that is not a logged gig", NULL},
    {"balance", gig_cmd_balance, "balances per account (--json); --assert the bank's", NULL},
    {"categories", gig_cmd_categories, "list, add or rename categories", "add rename"},
    {"export", gig_cmd_export, "write the whole ledger as hledger journal, CSV or JSON", NULL},
    {"recurring", gig_cmd_recurring, "known bills and regular income (recurring add|list|rm)",
     "add list rm"},
    {"txn", gig_cmd_txn, "transactions: list, show, edit, rm, split, link, merge",
     "list show edit rm split link unlink merge"},
    {"import", gig_cmd_import, "import bank files: gig import FILE -a NAME (list, undo, record)",
     "list undo record"},
    {"categorize", gig_cmd_categorize, "review uncategorised transactions with suggestions", NULL},
    {"rules", gig_cmd_rules, "categorisation rules (rules list|add|rm|apply)", "list add rm apply"},
    {"forecast", gig_cmd_forecast, "forecast a monthly series: gig forecast income.txt --json",
     NULL},
    {"check", gig_cmd_check, "look for damage in the ledger (exit 5 when damaged)", NULL},
    {"backup", gig_cmd_backup, "write a consistent copy of the ledger: gig backup [FILE]", NULL},
    {"restore", gig_cmd_restore, "go back to a snapshot or backup (restore --list)", NULL},
    {"db", gig_cmd_db, "ledger file: db path, db version", "path version"},
    {"help", cmd_help, "show help for a command", NULL},
    {"runway", gig_cmd_runway, "how long the money lasts: the monthly runway report", NULL},
    {"reserve", gig_cmd_reserve, "explain the reserve target, tax set-aside and salary", NULL},
    {"scenario", gig_cmd_scenario, "what-if scenarios for the runway (scenario add|list|rm)",
     "add list rm"},
    {"register", gig_cmd_register, "the register with running balances (= txn list)", NULL},
    {"report", gig_cmd_report, "income and expenses per month/quarter/year (-M -Q -Y)", NULL},
    {"budget", gig_cmd_budget, "budgets per category (budget set|list|rm)", "set list rm"},
    {"config", gig_cmd_config, "settings: tax rate, reserve, seed (config get|set|list)",
     "get set unset list"},
    {"gig", gig_cmd_gig, "correct gigs (gig edit|rm)", "edit rm"},
    {"history", gig_cmd_history, "every change made to the ledger, newest first", NULL},
    {"undo", gig_cmd_undo, "take back the last change (or change N): gig undo [N]", NULL},
    {"redo", gig_cmd_redo, "apply again the change last undone", NULL},
    {"tax", gig_cmd_tax, "the tax year so far, what is owed and when (tax set-aside|set)",
     "set-aside set profiles"},
    {"rates", gig_cmd_rates, "exchange rates (rates import|set|list|convert)",
     "import set list convert"},
    {"statements", gig_cmd_statements, "royalty statements: statements import FILE [--payer NAME]",
     "import list"},
    {"royalties", gig_cmd_royalties, "royalties earned, paid and owed per payer (royalties match)",
     "match"},
    {"split", gig_cmd_split, "split sheets: split add WORK|GIG --with NAME=PCT (list|pay|rm)",
     "add list pay rm"},
    {"advance", gig_cmd_advance, "royalty advances recouped before royalties flow (add|list)",
     "add list"},
    /* more commands register here */
};

static void
print_usage(FILE *out)
{
	fprintf(out, "Usage: gig [--db PATH] COMMAND [OPTIONS] [ARGS]\n\n"
	             "Keeps the books of a freelance music producer and tells how long the\n"
	             "money lasts.\n\nCommands:\n");
	for (size_t i = 0; i < G_N_ELEMENTS(commands); i++)
		fprintf(out, "  %-12s %s\n", commands[i].name, commands[i].summary);
	fprintf(
	    out,
	    "\nGlobal options:\n"
	    "  --db PATH          ledger file (default: $GIG_DB, else\n"
	    "                     $XDG_DATA_HOME/gigledger/ledger.db)\n"
	    "  --color WHEN       auto (default), always or never; NO_COLOR is honoured\n"
	    "  -q, --quiet        fewer messages on stderr\n"
	    "  --version          print versions and exit\n"
	    "  -h, --help         this help; 'gig COMMAND --help' for a command\n"
	    "\nEnvironment: GIG_DB (ledger path), GIG_TODAY (YYYY-MM-DD, fixes \"today\"),\n"
	    "  GIG_PROFILE_PATH, GIG_TAX_PATH, GIG_PAYER_PATH (more profile, tax and payer\n"
	    "  directories), GIG_SNAPSHOTS_KEEP, GIG_SNAPSHOT_VERBOSE, NO_COLOR, TERM,\n"
	    "  XDG_DATA_HOME, XDG_CONFIG_HOME (README.md, Environment).\n"
	    "\nExit status: 0 ok, 1 failure, 2 usage error, 3 input rejected (bad amount, date,\n"
	    "  CSV or unknown name), 4 ledger busy (locked by another gig; retry),\n"
	    "  5 ledger unusable (read-only, newer schema, damaged), 130 interrupted.\n"
	    "\nExamples:\n  gig init --currency EUR\n  gig import bank.csv --account Checking\n"
	    "  gig runway\n  gig help log\n");
}

const struct gig_cmd *
gig_cli_commands(size_t *n)
{
	*n = G_N_ELEMENTS(commands);
	return commands;
}

static const struct gig_cmd *
find_command(const char *name)
{
	for (size_t i = 0; i < G_N_ELEMENTS(commands); i++)
		if (strcmp(commands[i].name, name) == 0)
			return &commands[i];
	return NULL;
}

/* Levenshtein distance, for "did you mean". */
static size_t
edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	if (la > 32 || lb > 32)
		return 99;
	size_t d[33][33];
	for (size_t i = 0; i <= la; i++)
		d[i][0] = i;
	for (size_t j = 0; j <= lb; j++)
		d[0][j] = j;
	for (size_t i = 1; i <= la; i++)
		for (size_t j = 1; j <= lb; j++) {
			size_t sub = d[i - 1][j - 1] + (a[i - 1] != b[j - 1]);
			size_t del = d[i - 1][j] + 1, ins = d[i][j - 1] + 1;
			d[i][j] = sub < del ? (sub < ins ? sub : ins) : (del < ins ? del : ins);
		}
	return d[la][lb];
}

static int
unknown_command(const char *name)
{
	const char *best = NULL;
	size_t best_d = 3;
	for (size_t i = 0; i < G_N_ELEMENTS(commands); i++) {
		size_t d = edit_distance(name, commands[i].name);
		if (d < best_d || (strncmp(name, commands[i].name, strlen(name)) == 0 && !best)) {
			best_d = d;
			best = commands[i].name;
		}
	}
	if (best)
		fprintf(stderr, "gig: unknown command '%s'; did you mean '%s'?\n", name, best);
	else
		fprintf(stderr, "gig: unknown command '%s'; 'gig --help' lists the commands\n",
		        name);
	return GIG_EXIT_USAGE;
}

static int
cmd_help(gig_cli *cli, int argc, char **argv)
{
	if (argc >= 2 && (strcmp(argv[1], "--man") == 0 || strcmp(argv[1], "--completion") == 0 ||
	                  strcmp(argv[1], "--names") == 0))
		return gig_cli_manual(cli, argc, argv);
	if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		print_usage(stdout);
		return GIG_EXIT_OK;
	}
	const struct gig_cmd *c = find_command(argv[1]);
	if (c == NULL)
		return unknown_command(argv[1]);
	char *args[] = {(char *)c->name, (char *)"--help", NULL};
	return c->fn(cli, 2, args);
}

static void
print_version(void)
{
	printf("gig %s (gigledger schema %d, SQLite %s, GLib %u.%u.%u)\n", GIG_VERSION_STRING,
	       gig_ledger_schema_latest(), gig_sqlite_version(), glib_major_version,
	       glib_minor_version, glib_micro_version);
}

/* Today in local time, unless GIG_TODAY pins it (tests, reproducible reports). */
static bool
resolve_today(gig_date *out)
{
	const char *pinned = g_getenv("GIG_TODAY");
	if (pinned && *pinned) {
		g_autoptr(GError) error = NULL;
		if (!gig_date_parse_iso(out, pinned, &error)) {
			fprintf(stderr, "gig: GIG_TODAY: %s\n", error->message);
			return false;
		}
		return true;
	}
	time_t now = time(NULL);
	struct tm tm;
	localtime_r(&now, &tm);
	return gig_date_from_ymd(out, tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

static char *
default_db_path(void)
{
	const char *env = g_getenv("GIG_DB");
	if (env && *env)
		return g_strdup(env);
	return g_build_filename(g_get_user_data_dir(), "gigledger", "ledger.db", NULL);
}

/* Takes an option's value from "--opt=value" or "--opt value"; advances *i. */
static const char *
option_value(int argc, char **argv, int *i, const char *opt)
{
	size_t n = strlen(opt);
	if (strncmp(argv[*i], opt, n) == 0 && argv[*i][n] == '=')
		return argv[*i] + n + 1;
	if (strcmp(argv[*i], opt) == 0 && *i + 1 < argc)
		return argv[++*i];
	return NULL;
}

int
main(int argc, char **argv)
{
	setlocale(LC_ALL, "");
	/* Numbers in CSV and JSON must never come out as "2400,00". */
	setlocale(LC_NUMERIC, "C");

	gig_cli cli = {0};
	g_autofree char *db = NULL;
	const char *color = "auto";
	bool want_version = false, want_help = false;

	/* Pull global options out, wherever they stand before a "--". */
	g_autoptr(GPtrArray) rest = g_ptr_array_new();
	int i;
	for (i = 1; i < argc; i++) {
		const char *v;
		if (strcmp(argv[i], "--") == 0)
			break;
		if ((v = option_value(argc, argv, &i, "--db"))) {
			g_free(db);
			db = g_strdup(v);
		} else if (strcmp(argv[i], "--db") == 0) {
			fprintf(stderr, "gig: --db needs a PATH\n");
			return GIG_EXIT_USAGE;
		} else if ((v = option_value(argc, argv, &i, "--color"))) {
			color = v;
		} else if (strcmp(argv[i], "-q") == 0 || strcmp(argv[i], "--quiet") == 0) {
			cli.quiet = true;
		} else if (strcmp(argv[i], "--version") == 0 && rest->len == 0) {
			want_version = true;
		} else if ((strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) &&
		           rest->len == 0) {
			want_help = true;
		} else {
			g_ptr_array_add(rest, argv[i]);
		}
	}
	/* After "--" everything is positional; keep the "--" itself only when it
	 * follows a command, where the command's option parser needs it. */
	if (i < argc && rest->len == 0)
		i++;
	for (; i < argc; i++)
		g_ptr_array_add(rest, argv[i]);

	if (want_version) {
		print_version();
		return GIG_EXIT_OK;
	}
	if (want_help) {
		print_usage(stdout);
		return GIG_EXIT_OK;
	}
	if (rest->len == 0) {
		print_usage(stderr);
		return GIG_EXIT_USAGE;
	}

	if (strcmp(color, "always") == 0) {
		cli.color = 1;
	} else if (strcmp(color, "never") == 0) {
		cli.color = 0;
	} else if (strcmp(color, "auto") == 0) {
		const char *no_color = g_getenv("NO_COLOR");
		const char *term = g_getenv("TERM");
		cli.color = isatty(STDOUT_FILENO) && !(no_color && *no_color) &&
		            !(term && strcmp(term, "dumb") == 0);
	} else {
		fprintf(stderr, "gig: --color must be auto, always or never, not '%s'\n", color);
		return GIG_EXIT_USAGE;
	}
	if (!resolve_today(&cli.today))
		return GIG_EXIT_USAGE;
	cli.db_path = db ? g_strdup(db) : default_db_path();
	cli.config_dir = g_build_filename(g_get_user_config_dir(), "gigledger", NULL);

	gig_cli_signals_install();
	const char *name = rest->pdata[0];
	const struct gig_cmd *c = find_command(name);
	int status;
	if (c == NULL) {
		status = unknown_command(name);
	} else {
		GString *line = g_string_new("gig");
		for (guint k = 0; k < rest->len; k++) {
			const char *a = rest->pdata[k];
			bool plain = *a != '\0';
			for (const char *p = a; *p && plain; p++)
				plain = g_ascii_isalnum(*p) || strchr("-_.,:/=@+#%", *p) != NULL;
			g_autofree char *q = plain ? NULL : g_shell_quote(a);
			g_string_append_printf(line, " %s", plain ? a : q);
		}
		cli.command_line = g_string_free(line, false);
		g_ptr_array_add(rest, NULL);
		status = c->fn(&cli, (int)rest->len - 1, (char **)rest->pdata);
		g_free(cli.command_line);
	}
	if (status == GIG_EXIT_OK && cli.damaged)
		status = GIG_EXIT_UNUSABLE;
	g_free(cli.db_path);
	g_free(cli.config_dir);
	if (fflush(stdout) != 0 && status == GIG_EXIT_OK) {
		fprintf(stderr, "gig: writing output failed\n");
		status = GIG_EXIT_FAILURE;
	}
	return status;
}
