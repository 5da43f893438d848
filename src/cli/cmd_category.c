/* cmd_category.c: `gig categories [list|add|rename|set]`. */
#include <string.h>

#include "cmd.h"

static int
categories_list(gig_cli *cli, int argc, char **argv)
{
	gboolean json = false;
	GOptionEntry entries[] = {{"json", 0, 0, G_OPTION_ARG_NONE, &json, "print JSON", NULL},
	                          {NULL, 0, 0, 0, NULL, NULL, NULL}};
	g_autoptr(GOptionContext) ctx = gig_cli_context(
	    "[add|set|rename]",
	    "List categories.  E = essential (keeps going when gigs stop), D = deductible.\n"
	    "Subcommands: add NAME, set NAME (flags), rename OLD NEW; each has --help.",
	    "Examples:\n  gig categories\n  gig categories --json\n"
	    "  gig categories add \"Mastering Engineer\" --deductible\n"
	    "  gig categories rename Gear Equipment",
	    entries);
	int rc = gig_cli_parse(ctx, "categories", &argc, &argv);
	if (rc != GIG_EXIT_OK)
		return rc;
	if (argc > 1)
		return gig_cli_usage("categories", "unexpected argument '%s'", argv[1]);
	g_autoptr(GError) error = NULL;
	g_autoptr(gig_ledger) ledger = NULL;
	g_autoptr(GPtrArray) list = NULL;
	if (!gig_cli_open(cli, &ledger, &error) || !gig_ledger_categories(ledger, &list, &error))
		return gig_cli_fail(error);
	g_autoptr(JsonBuilder) b = json_builder_new();
	json_builder_begin_object(b);
	json_builder_set_member_name(b, "categories");
	json_builder_begin_array(b);
	for (unsigned i = 0; i < list->len; i++) {
		gig_category *c = list->pdata[i];
		if (!json) {
			printf("%-26s %-9s %s%s\n", gig_cli_text(c->name),
			       gig_category_kind_name(c->kind), c->essential ? "E" : "-",
			       c->deductible ? "D" : "-");
			continue;
		}
		json_builder_begin_object(b);
		gig_json_category(b, c);
		json_builder_end_object(b);
	}
	json_builder_end_array(b);
	json_builder_end_object(b);
	if (json)
		gig_cli_print_json(b);
	return GIG_EXIT_OK;
}

static int
categories_add(gig_cli *cli, int argc, char **argv, bool set_only)
{
	g_autofree char *kind = NULL;
	gboolean essential = false, deductible = false, not_essential = false;
	gboolean not_deductible = false;
	GOptionEntry entries[] = {
	    {"kind", 'k', 0, G_OPTION_ARG_STRING, &kind, "income, expense (default) or transfer",
	     "KIND"},
	    {"essential", 'e', 0, G_OPTION_ARG_NONE, &essential,
	     "a bill that continues when gigs stop", NULL},
	    {"no-essential", 0, 0, G_OPTION_ARG_NONE, &not_essential, "not essential", NULL},
	    {"deductible", 'D', 0, G_OPTION_ARG_NONE, &deductible, "tax-deductible", NULL},
	    {"no-deductible", 0, 0, G_OPTION_ARG_NONE, &not_deductible, "not deductible", NULL},
	    {NULL, 0, 0, 0, NULL, NULL, NULL}};
	g_autoptr(GOptionContext) ctx =
	    gig_cli_context("NAME", set_only ? "Set a category's flags." : "Add a category.",
	                    "Examples:\n  gig categories add \"Mastering Engineer\" --deductible\n"
	                    "  gig categories set Gear --deductible",
	                    entries);
	const char *cmd = set_only ? "categories set" : "categories add";
	int rc = gig_cli_parse(ctx, cmd, &argc, &argv);
	if (rc != GIG_EXIT_OK)
		return rc;
	if (argc != 2)
		return gig_cli_usage("categories", "expected one NAME");
	if ((essential && not_essential) || (deductible && not_deductible))
		return gig_cli_usage("categories",
		                     "a flag and its --no- form contradict each other");
	if (set_only && !essential && !not_essential && !deductible && !not_deductible)
		return gig_cli_usage("categories", "set needs at least one of --essential, "
		                                   "--no-essential, --deductible, --no-deductible");
	g_autoptr(GError) error = NULL;
	g_autoptr(gig_ledger) ledger = NULL;
	if (!gig_cli_open(cli, &ledger, &error))
		return gig_cli_fail(error);
	if (set_only) {
		/* only the flags the user named change */
		int e = essential ? 1 : not_essential ? 0 : -1;
		int d = deductible ? 1 : not_deductible ? 0 : -1;
		if (!gig_ledger_category_set_flags(ledger, argv[1], e, d, &error))
			return gig_cli_fail(error);
		if (!cli->quiet)
			fprintf(stderr, "Updated the category %s.\n", gig_cli_text(argv[1]));
		return GIG_EXIT_OK;
	}
	gig_category_kind k = GIG_CATEGORY_EXPENSE;
	if (kind && !gig_category_kind_parse(&k, kind, &error))
		return gig_cli_fail(error);
	if (!gig_ledger_category_add(ledger, argv[1], k, essential, deductible, NULL, &error))
		return gig_cli_fail(error);
	if (!cli->quiet)
		fprintf(stderr, "Added the %s category %s%s%s.\n", gig_category_kind_name(k),
		        gig_cli_text(argv[1]), essential ? ", essential" : "",
		        deductible ? ", deductible" : "");
	return GIG_EXIT_OK;
}

int
gig_cmd_categories(gig_cli *cli, int argc, char **argv)
{
	if (argc >= 2 && strcmp(argv[1], "add") == 0)
		return categories_add(cli, argc - 1, argv + 1, false);
	if (argc >= 2 && strcmp(argv[1], "set") == 0)
		return categories_add(cli, argc - 1, argv + 1, true);
	if (argc >= 2 && strcmp(argv[1], "rename") == 0) {
		if (argc == 3 && (strcmp(argv[2], "--help") == 0 || strcmp(argv[2], "-h") == 0)) {
			printf("Usage: gig categories rename OLD NEW\n\nRename a category; its "
			       "transactions, rules and budget follow.\n\n"
			       "Examples:\n  gig categories rename Gear Equipment\n");
			return GIG_EXIT_OK;
		}
		if (argc != 4)
			return gig_cli_usage("categories", "rename needs OLD and NEW names");
		g_autoptr(GError) error = NULL;
		g_autoptr(gig_ledger) ledger = NULL;
		if (!gig_cli_open(cli, &ledger, &error) ||
		    !gig_ledger_category_rename(ledger, argv[2], argv[3], &error))
			return gig_cli_fail(error);
		if (!cli->quiet)
			fprintf(stderr, "Renamed the category %s to %s.\n", gig_cli_text(argv[2]),
			        gig_cli_text(argv[3]));
		return GIG_EXIT_OK;
	}
	if (argc >= 2 && strcmp(argv[1], "list") == 0)
		return categories_list(cli, argc - 1, argv + 1);
	if (argc >= 2 && argv[1][0] != '-')
		return gig_cli_usage("categories",
		                     "unknown subcommand '%s'; expected list, add, "
		                     "rename or set",
		                     argv[1]);
	return categories_list(cli, argc, argv);
}
