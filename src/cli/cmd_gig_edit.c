/* cmd_gig_edit.c: corrections of gigs: `gig gig edit|rm` (edit.h). */
#include <string.h>

#include "cmd.h"

static bool
opt_date(gig_cli *cli, const char *text, const char *what, gig_date *out, GError **error)
{
	if (text == NULL)
		return true;
	if (gig_cli_date(cli, text, out, error))
		return true;
	g_prefix_error(error, "%s: ", what);
	return false;
}

static int
gig_edit(gig_cli *cli, int argc, char **argv)
{
	g_autofree char *client = NULL, *stream = NULL, *description = NULL, *amount = NULL,
	                *performed = NULL, *invoiced = NULL, *due = NULL;
	GOptionEntry entries[] = {
	    {"client", 0, 0, G_OPTION_ARG_STRING, &client, "another client", "NAME"},
	    {"stream", 's', 0, G_OPTION_ARG_STRING, &stream, "another income stream", "STREAM"},
	    {"description", 0, 0, G_OPTION_ARG_STRING, &description, "new description", "TEXT"},
	    {"amount", 0, 0, G_OPTION_ARG_STRING, &amount, "new invoiced amount", "AMOUNT"},
	    {"performed", 0, 0, G_OPTION_ARG_STRING, &performed, "date performed", "DATE"},
	    {"invoiced", 0, 0, G_OPTION_ARG_STRING, &invoiced, "date invoiced", "DATE"},
	    {"due", 0, 0, G_OPTION_ARG_STRING, &due, "date due", "DATE"},
	    {NULL, 0, 0, 0, NULL, NULL, NULL}};
	g_autoptr(GOptionContext) ctx = gig_cli_context(
	    "ID", "Correct a gig; its status follows its payments and the new amount.",
	    "Examples:\n  gig gig edit 3 --amount 1,450.00\n"
	    "  gig gig edit 3 --client \"Blue Room\" --due 2026-12-31",
	    entries);
	int rc = gig_cli_parse(ctx, "gig edit", &argc, &argv);
	if (rc != GIG_EXIT_OK)
		return rc;
	int64_t id = 0;
	if (argc != 2 || !gig_cli_id(argv[1], &id))
		return gig_cli_usage("gig edit", "expected one gig ID");
	if (!client && !stream && !description && !amount && !performed && !invoiced && !due)
		return gig_cli_usage("gig edit", "nothing to change; see gig gig edit --help");
	g_autoptr(GError) error = NULL;
	g_autoptr(gig_ledger) ledger = NULL;
	g_autoptr(gig_gig) g = NULL;
	if (!gig_cli_open(cli, &ledger, &error) || !gig_ledger_gig_get(ledger, id, &g, &error))
		return gig_cli_fail(error);
	gig_gig_edit e = {.client = client,
	                  .description = description,
	                  .performed_on = GIG_DATE_NONE,
	                  .invoiced_on = GIG_DATE_NONE,
	                  .due_on = GIG_DATE_NONE};
	if (stream) {
		if (!gig_stream_parse(&e.stream, stream, &error))
			return gig_cli_fail(error);
		e.set_stream = true;
	}
	if (amount) {
		if (!gig_cli_amount(ledger, g->currency, amount, &e.amount_minor, &error)) {
			g_prefix_error(&error, "--amount: ");
			return gig_cli_fail(error);
		}
		if (e.amount_minor <= 0)
			return gig_cli_usage("gig edit", "--amount must be more than 0");
	}
	if (!opt_date(cli, performed, "--performed", &e.performed_on, &error) ||
	    !opt_date(cli, invoiced, "--invoiced", &e.invoiced_on, &error) ||
	    !opt_date(cli, due, "--due", &e.due_on, &error) ||
	    !gig_ledger_gig_edit(ledger, id, &e, &error))
		return gig_cli_fail(error);
	if (!cli->quiet)
		fprintf(stderr,
		        "Edited gig #%" G_GINT64_FORMAT " (change #%" G_GINT64_FORMAT ").\n", id,
		        gig_ledger_last_change(ledger));
	return GIG_EXIT_OK;
}

static int
gig_rm(gig_cli *cli, int argc, char **argv)
{
	gboolean yes = false;
	g_autofree char *payments = NULL;
	GOptionEntry entries[] = {{"payments", 0, 0, G_OPTION_ARG_STRING, &payments,
	                           "unlink (keep as income) or remove", "WHAT"},
	                          {"yes", 'y', 0, G_OPTION_ARG_NONE, &yes,
	                           "do not ask (required without a terminal)", NULL},
	                          {NULL, 0, 0, 0, NULL, NULL, NULL}};
	g_autoptr(GOptionContext) ctx = gig_cli_context(
	    "ID", "Remove a gig.  Its payments are unlinked or removed, as you say.",
	    "Examples:\n  gig gig rm 7 --yes\n"
	    "  gig gig rm 3 --payments unlink --yes\n"
	    "  gig gig rm 3 --payments remove --yes",
	    entries);
	int rc = gig_cli_parse(ctx, "gig rm", &argc, &argv);
	if (rc != GIG_EXIT_OK)
		return rc;
	int64_t id = 0;
	if (argc != 2 || !gig_cli_id(argv[1], &id))
		return gig_cli_usage("gig rm", "expected one gig ID");
	gig_payments what = GIG_PAYMENTS_UNLINK;
	if (payments && strcmp(payments, "remove") == 0)
		what = GIG_PAYMENTS_REMOVE;
	else if (payments && strcmp(payments, "unlink") != 0)
		return gig_cli_usage("gig rm", "--payments is unlink or remove, not '%s'",
		                     gig_cli_text(payments));
	g_autoptr(GError) error = NULL;
	g_autoptr(gig_ledger) ledger = NULL;
	g_autoptr(gig_gig) g = NULL;
	if (!gig_cli_open(cli, &ledger, &error) || !gig_ledger_gig_get(ledger, id, &g, &error))
		return gig_cli_fail(error);
	if (g->paid_minor != 0 && payments == NULL)
		return gig_cli_usage("gig rm",
		                     "gig #%" G_GINT64_FORMAT
		                     " has payments: say --payments unlink "
		                     "(keep them as other income) or --payments remove",
		                     id);
	g_autofree char *q =
	    g_strdup_printf("Remove gig #%" G_GINT64_FORMAT " (%s)%s?", id, gig_cli_text(g->client),
	                    g->paid_minor == 0            ? ""
	                    : what == GIG_PAYMENTS_REMOVE ? " and its payments"
	                                                  : ", keeping its payments");
	if (!gig_cli_may("gig rm", yes, q, &rc))
		return rc;
	int64_t n = 0;
	if (!gig_ledger_gig_remove(ledger, id, what, &n, &error))
		return gig_cli_fail(error);
	if (!cli->quiet)
		fprintf(stderr,
		        "Removed gig #%" G_GINT64_FORMAT " (%" G_GINT64_FORMAT " payment%s %s; "
		        "change #%" G_GINT64_FORMAT ").\n",
		        id, n, n == 1 ? "" : "s",
		        what == GIG_PAYMENTS_REMOVE ? "removed" : "unlinked",
		        gig_ledger_last_change(ledger));
	return GIG_EXIT_OK;
}

int
gig_cmd_gig(gig_cli *cli, int argc, char **argv)
{
	if (argc >= 2 && strcmp(argv[1], "edit") == 0)
		return gig_edit(cli, argc - 1, argv + 1);
	if (argc >= 2 && strcmp(argv[1], "rm") == 0)
		return gig_rm(cli, argc - 1, argv + 1);
	if (argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
		printf("Usage: gig gig edit ID [--client --stream --description --amount\n"
		       "                        --performed --invoiced --due]\n"
		       "       gig gig rm ID [--payments unlink|remove] [--yes]\n\n"
		       "'gig gig edit --help' and 'gig gig rm --help' show every option.\n\n"
		       "Examples:\n  gig gig edit 12 --amount 1400 --due 2026-12-20\n"
		       "  gig gig rm 12 --payments unlink --yes\n");
		return GIG_EXIT_OK;
	}
	return gig_cli_usage("gig", "expected 'edit' or 'rm'");
}
