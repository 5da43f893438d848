/* cmd_init.c: `gig init` (create a ledger) and `gig db` (where it is, versions). */
#include <errno.h>
#include <string.h>

#include "cmd.h"

int
gig_cmd_init(gig_cli *cli, int argc, char **argv)
{
	g_autofree char *currency = NULL;
	GOptionEntry entries[] = {{"currency", 0, 0, G_OPTION_ARG_STRING, &currency,
	                           "base currency, ISO 4217 (default EUR)", "CODE"},
	                          {NULL, 0, 0, 0, NULL, NULL, NULL}};
	g_autoptr(GOptionContext) ctx = gig_cli_context(
	    "", "Create a new, empty ledger (refuses to overwrite an existing file).",
	    "Examples:\n  gig init\n  gig --db ~/books/2026.db init --currency GBP", entries);
	int rc = gig_cli_parse(ctx, "init", &argc, &argv);
	if (rc != GIG_EXIT_OK)
		return rc;
	if (argc > 1)
		return gig_cli_usage("init", "unexpected argument '%s'", argv[1]);

	g_autofree char *dir = g_path_get_dirname(cli->db_path);
	if (g_mkdir_with_parents(dir, 0700) != 0) {
		fprintf(stderr, "gig: cannot create directory %s: %s\n", dir, g_strerror(errno));
		return GIG_EXIT_FAILURE;
	}
	g_autoptr(GError) error = NULL;
	g_autoptr(gig_ledger) ledger = NULL;
	if (!gig_ledger_create(&ledger, cli->db_path, currency, &error))
		return gig_cli_fail(error);
	char today[GIG_DATE_BUFSZ];
	if (!cli->quiet)
		fprintf(stderr,
		        "Created %s (base currency %s).\nNext: gig account add Checking --opening "
		        "AMOUNT --on %s\n",
		        cli->db_path, gig_ledger_base_currency(ledger),
		        gig_date_format(today, cli->today));
	return GIG_EXIT_OK;
}

int
gig_cmd_db(gig_cli *cli, int argc, char **argv)
{
	g_autoptr(GOptionContext) ctx =
	    gig_cli_context("path|version", "Show where the ledger file is, or its schema version.",
	                    "Examples:\n  gig db path\n  GIG_DB=/tmp/x.db gig db version", NULL);
	int rc = gig_cli_parse(ctx, "db", &argc, &argv);
	if (rc != GIG_EXIT_OK)
		return rc;
	if (argc != 2)
		return gig_cli_usage("db", "expected 'path' or 'version'");
	if (strcmp(argv[1], "path") == 0) {
		puts(cli->db_path);
		return GIG_EXIT_OK;
	}
	if (strcmp(argv[1], "version") == 0) {
		g_autoptr(GError) error = NULL;
		g_autoptr(gig_ledger) ledger = NULL;
		if (!gig_cli_open(cli, &ledger, &error))
			return gig_cli_fail(error);
		printf("schema %d (latest %d)\n", gig_ledger_schema_version(ledger),
		       gig_ledger_schema_latest());
		return GIG_EXIT_OK;
	}
	return gig_cli_usage("db", "unknown subcommand '%s'; expected 'path' or 'version'",
	                     argv[1]);
}
