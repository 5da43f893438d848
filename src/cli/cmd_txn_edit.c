/*
 * cmd_txn_edit.c: corrections of transactions: `gig txn edit|rm|split|link|unlink`
 * (edit.h), and the helpers the correcting commands share.
 */
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "cmd_import.h"

bool
gig_cli_id(const char *text, int64_t *out)
{
	if (text == NULL)
		return false;
	if (*text == '#')
		text++;
	char *end = NULL;
	if (!g_ascii_isdigit(*text))
		return false;
	gint64 v = g_ascii_strtoll(text, &end, 10);
	if (end == NULL || *end != '\0' || v <= 0)
		return false;
	*out = v;
	return true;
}

bool
gig_cli_may(const char *cmd, bool yes, const char *question, int *status)
{
	if (yes)
		return true;
	if (!isatty(STDIN_FILENO)) {
		*status = gig_cli_usage(cmd, "%s needs --yes when not on a terminal", cmd);
		return false;
	}
	if (gig_cli_confirm(question))
		return true;
	fprintf(stderr, "Nothing changed.\n");
	*status = GIG_EXIT_FAILURE;
	return false;
}

/* An amount for a transaction: a sign given is kept, else the row's own sign. */
static bool
signed_amount(gig_ledger *ledger, const char *currency, const char *text, int64_t current,
              int64_t *out, GError **error)
{
	const char *p = text;
	while (g_ascii_isspace(*p))
		p++;
	bool sign = *p == '-' || *p == '+';
	bool neg = *p == '-';
	int64_t v = 0;
	if (!gig_cli_amount(ledger, currency, sign ? p + 1 : p, &v, error))
		return false;
	if (v < 0) {
		g_set_error(error, GIG_ERROR, GIG_ERROR_INVALID_INPUT, "'%s': one sign at most",
		            text);
		return false;
	}
	*out = sign ? (neg ? -v : v) : (current < 0 ? -v : v);
	return true;
}

int
gig_cmd_txn_edit(gig_cli *cli, int argc, char **argv)
{
	g_autofree char *amount = NULL, *date = NULL, *payee = NULL, *category = NULL, *memo = NULL,
	                *account = NULL;
	gboolean uncategorised = false;
	GOptionEntry entries[] = {
	    {"amount", 0, 0, G_OPTION_ARG_STRING, &amount,
	     "new amount; without a sign the row keeps its own", "AMOUNT"},
	    {"date", 'd', 0, G_OPTION_ARG_STRING, &date, "new date", "DATE"},
	    {"payee", 0, 0, G_OPTION_ARG_STRING, &payee, "new payee", "TEXT"},
	    {"category", 'c', 0, G_OPTION_ARG_STRING, &category, "new category", "NAME"},
	    {"uncategorised", 0, 0, G_OPTION_ARG_NONE, &uncategorised, "take the category away",
	     NULL},
	    {"memo", 'm', 0, G_OPTION_ARG_STRING, &memo, "new memo", "TEXT"},
	    {"account", 'a', 0, G_OPTION_ARG_STRING, &account, "move to another account", "NAME"},
	    {NULL, 0, 0, 0, NULL, NULL, NULL}};
	g_autoptr(GOptionContext) ctx = gig_cli_context(
	    "ID",
	    "Correct a transaction.  An imported row keeps its bank identity, so a\n"
	    "re-import of the file does not bring the old version back.",
	    "Examples:\n  gig txn edit 12 --amount 12.99\n"
	    "  gig txn edit 12 --payee Splice -c Samples --date 2026-11-25\n"
	    "  gig txn edit 40 --amount +80 --account Savings\n"
	    "  gig undo                 # takes the edit back",
	    entries);
	int rc = gig_cli_parse(ctx, "txn edit", &argc, &argv);
	if (rc != GIG_EXIT_OK)
		return rc;
	int64_t id = 0;
	if (argc != 2 || !gig_cli_id(argv[1], &id))
		return gig_cli_usage("txn edit", "expected one transaction ID");
	if (category && uncategorised)
		return gig_cli_usage("txn edit",
		                     "--category and --uncategorised exclude each other");
	if (!amount && !date && !payee && !category && !uncategorised && !memo && !account)
		return gig_cli_usage("txn edit", "nothing to change; see gig txn edit --help");
	g_autoptr(GError) error = NULL;
	g_autoptr(gig_ledger) ledger = NULL;
	if (!gig_cli_open(cli, &ledger, &error))
		return gig_cli_fail(error);
	gig_txn_edit edit = {.posted_on = GIG_DATE_NONE,
	                     .payee = payee,
	                     .memo = memo,
	                     .category = uncategorised ? "" : category,
	                     .account = account};
	if (amount) {
		int64_t current = 0;
		char cur[4];
		if (!gig_ledger_txn_amount(ledger, id, &current, cur, &error))
			return gig_cli_fail(error);
		if (!signed_amount(ledger, cur, amount, current, &edit.amount_minor, &error)) {
			g_prefix_error(&error, "--amount: ");
			return gig_cli_fail(error);
		}
		edit.set_amount = true;
	}
	if (date && !gig_cli_date(cli, date, &edit.posted_on, &error)) {
		g_prefix_error(&error, "--date: ");
		return gig_cli_fail(error);
	}
	if (!gig_ledger_txn_edit(ledger, id, &edit, &error))
		return gig_cli_fail(error);
	if (!cli->quiet)
		fprintf(stderr,
		        "Edited #%" G_GINT64_FORMAT " (change #%" G_GINT64_FORMAT
		        "; gig undo takes it back).\n",
		        id, gig_ledger_last_change(ledger));
	return GIG_EXIT_OK;
}

int
gig_cmd_txn_rm(gig_cli *cli, int argc, char **argv)
{
	gboolean yes = false;
	GOptionEntry entries[] = {{"yes", 'y', 0, G_OPTION_ARG_NONE, &yes,
	                           "do not ask (required without a terminal)", NULL},
	                          {NULL, 0, 0, 0, NULL, NULL, NULL}};
	g_autoptr(GOptionContext) ctx = gig_cli_context(
	    "ID",
	    "Remove a transaction (and its split parts).  A removed imported row is\n"
	    "not brought back by importing its file again; gig undo brings it back.",
	    "Examples:\n  gig txn rm 12 --yes\n  gig undo", entries);
	int rc = gig_cli_parse(ctx, "txn rm", &argc, &argv);
	if (rc != GIG_EXIT_OK)
		return rc;
	int64_t id = 0;
	if (argc != 2 || !gig_cli_id(argv[1], &id))
		return gig_cli_usage("txn rm", "expected one transaction ID");
	g_autoptr(GError) error = NULL;
	g_autoptr(gig_ledger) ledger = NULL;
	if (!gig_cli_open(cli, &ledger, &error))
		return gig_cli_fail(error);
	if (!gig_ledger_txn_amount(ledger, id, NULL, NULL, &error))
		return gig_cli_fail(error);
	g_autofree char *q = g_strdup_printf("Remove transaction #%" G_GINT64_FORMAT "?", id);
	if (!gig_cli_may("txn rm", yes, q, &rc))
		return rc;
	if (!gig_ledger_txn_remove(ledger, id, &error))
		return gig_cli_fail(error);
	if (!cli->quiet)
		fprintf(stderr,
		        "Removed #%" G_GINT64_FORMAT " (change #%" G_GINT64_FORMAT
		        "; gig undo brings it back).\n",
		        id, gig_ledger_last_change(ledger));
	return GIG_EXIT_OK;
}

int
gig_cmd_txn_split(gig_cli *cli, int argc, char **argv)
{
	GOptionEntry entries[] = {{NULL, 0, 0, 0, NULL, NULL, NULL}};
	g_autoptr(GOptionContext) ctx = gig_cli_context(
	    "ID CATEGORY=AMOUNT...",
	    "Split one transaction into parts, each in its category; the parts must sum\n"
	    "to the whole.  The first part stays the bank's row, the others are added beside\n"
	    "it.  Splitting again replaces the parts; one part joins them back.  An empty\n"
	    "CATEGORY leaves that part uncategorised.",
	    "Examples:\n  gig txn split 31 Groceries=42.10 \"Dining Out\"=17.90\n"
	    "  gig txn split 31 Groceries=60.00     # join the parts back",
	    entries);
	int rc = gig_cli_parse(ctx, "txn split", &argc, &argv);
	if (rc != GIG_EXIT_OK)
		return rc;
	int64_t id = 0;
	if (argc < 3 || !gig_cli_id(argv[1], &id))
		return gig_cli_usage("txn split",
		                     "expected an ID and at least one CATEGORY=AMOUNT");
	g_autoptr(GError) error = NULL;
	g_autoptr(gig_ledger) ledger = NULL;
	if (!gig_cli_open(cli, &ledger, &error))
		return gig_cli_fail(error);
	int64_t whole = 0;
	char cur[4];
	if (!gig_ledger_txn_amount(ledger, id, &whole, cur, &error))
		return gig_cli_fail(error);
	size_t n = (size_t)argc - 2;
	g_autofree gig_split_part *parts = g_new0(gig_split_part, n);
	g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func(g_free);
	for (size_t i = 0; i < n; i++) {
		const char *arg = argv[i + 2];
		const char *eq = strrchr(arg, '=');
		if (eq == NULL)
			return gig_cli_usage("txn split", "'%s' is not CATEGORY=AMOUNT",
			                     gig_cli_text(arg));
		char *name = g_strndup(arg, (gsize)(eq - arg));
		g_ptr_array_add(names, name);
		parts[i].category = name;
		if (!signed_amount(ledger, cur, eq + 1, whole, &parts[i].amount_minor, &error)) {
			g_prefix_error(&error, "'%s': ", gig_cli_text(arg));
			return gig_cli_fail(error);
		}
	}
	if (!gig_ledger_txn_split(ledger, id, parts, n, &error))
		return gig_cli_fail(error);
	if (!cli->quiet)
		fprintf(stderr,
		        "Split #%" G_GINT64_FORMAT " in %zu part%s (change #%" G_GINT64_FORMAT
		        ").\n",
		        id, n, n == 1 ? "" : "s", gig_ledger_last_change(ledger));
	return GIG_EXIT_OK;
}

static int
link_or_unlink(gig_cli *cli, bool link, int argc, char **argv)
{
	const char *cmd = link ? "txn link" : "txn unlink";
	GOptionEntry entries[] = {{NULL, 0, 0, 0, NULL, NULL, NULL}};
	g_autoptr(GOptionContext) ctx =
	    link ? gig_cli_context("ID GIG",
	                           "Link a money-in transaction to gig GIG as its payment; the "
	                           "gig's status\nfollows (paid, partly paid).",
	                           "Examples:\n  gig txn link 57 3\n  gig txn unlink 57", entries)
	         : gig_cli_context("ID", "Take the gig link of a transaction away.",
	                           "Example:\n  gig txn unlink 57", entries);
	int rc = gig_cli_parse(ctx, cmd, &argc, &argv);
	if (rc != GIG_EXIT_OK)
		return rc;
	int64_t id = 0, gig = 0;
	if (argc != (link ? 3 : 2) || !gig_cli_id(argv[1], &id) ||
	    (link && !gig_cli_id(argv[2], &gig)))
		return gig_cli_usage(cmd, link ? "expected a transaction ID and a GIG number"
		                               : "expected one transaction ID");
	g_autoptr(GError) error = NULL;
	g_autoptr(gig_ledger) ledger = NULL;
	if (!gig_cli_open(cli, &ledger, &error))
		return gig_cli_fail(error);
	if (link ? !gig_ledger_txn_link(ledger, id, gig, &error)
	         : !gig_ledger_txn_unlink(ledger, id, &error))
		return gig_cli_fail(error);
	if (!cli->quiet) {
		if (link)
			fprintf(stderr,
			        "Linked #%" G_GINT64_FORMAT " to gig #%" G_GINT64_FORMAT ".\n", id,
			        gig);
		else
			fprintf(stderr, "Unlinked #%" G_GINT64_FORMAT ".\n", id);
	}
	return GIG_EXIT_OK;
}

int
gig_cmd_txn_link(gig_cli *cli, int argc, char **argv)
{
	return link_or_unlink(cli, true, argc, argv);
}

int
gig_cmd_txn_unlink(gig_cli *cli, int argc, char **argv)
{
	return link_or_unlink(cli, false, argc, argv);
}
