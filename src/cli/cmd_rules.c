/* cmd_rules.c: `gig rules list|add|rm|apply`: categorisation rules. */
#include <stdio.h>
#include <string.h>

#include <gigledger/rules.h>

#include "cmd_import.h"

static int
rules_list(gig_cli *cli, bool json)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(gig_ledger) ledger = NULL;
	g_autoptr(GPtrArray) rules = NULL;
	if (!gig_cli_open(cli, &ledger, &error) || !gig_rules_list(ledger, &rules, &error))
		return gig_cli_fail(error);
	if (json) {
		g_autoptr(JsonBuilder) b = json_builder_new();
		json_builder_begin_object(b);
		json_builder_set_member_name(b, "rules");
		json_builder_begin_array(b);
		for (size_t i = 0; i < rules->len; i++) {
			const gig_rule *r = rules->pdata[i];
			json_builder_begin_object(b);
			json_builder_set_member_name(b, "id");
			json_builder_add_int_value(b, r->id);
			json_builder_set_member_name(b, "pattern");
			json_builder_add_string_value(b, r->pattern);
			json_builder_set_member_name(b, "category");
			json_builder_add_string_value(b, r->category);
			json_builder_set_member_name(b, "priority");
			json_builder_add_int_value(b, r->priority);
			json_builder_end_object(b);
		}
		json_builder_end_array(b);
		json_builder_end_object(b);
		gig_cli_print_json(b);
		return GIG_EXIT_OK;
	}
	for (size_t i = 0; i < rules->len; i++) {
		const gig_rule *r = rules->pdata[i];
		printf("%4" G_GINT64_FORMAT "  %4d  %-30s  %s\n", r->id, r->priority,
		       gig_cli_text(r->pattern), gig_cli_text(r->category));
	}
	return GIG_EXIT_OK;
}

int
gig_cmd_rules(gig_cli *cli, int argc, char **argv)
{
	gboolean json = false;
	int priority = 100;
	GOptionEntry entries[] = {
	    {"json", 0, 0, G_OPTION_ARG_NONE, &json, "print JSON (list)", NULL},
	    {"priority", 0, 0, G_OPTION_ARG_INT, &priority,
	     "higher is tried first (add; default 100)", "N"},
	    {NULL, 0, 0, 0, NULL, NULL, NULL}};
	g_autoptr(GOptionContext) ctx = gig_cli_context(
	    "list | add PATTERN CATEGORY | rm ID | apply",
	    "Categorisation rules: a regular expression on payee and memo (case-insensitive)\n"
	    "gives a category; imports apply them to new rows.",
	    "Examples:\n  gig rules add 'SPLICE|PLUGIN BOUTIQUE' 'Software & Plugins'\n"
	    "  gig rules list --json\n  gig rules rm 4\n  gig rules apply",
	    entries);
	int rc = gig_cli_parse(ctx, "rules", &argc, &argv);
	if (rc != GIG_EXIT_OK)
		return rc;
	const char *sub = argc >= 2 ? argv[1] : "list";
	g_autoptr(GError) error = NULL;
	g_autoptr(gig_ledger) ledger = NULL;
	if (strcmp(sub, "list") == 0 && argc <= 2)
		return rules_list(cli, json);
	if (strcmp(sub, "add") == 0 && argc == 4) {
		int64_t id = 0;
		if (!gig_cli_open(cli, &ledger, &error) ||
		    !gig_rules_add(ledger, argv[2], argv[3], priority, &id, &error))
			return gig_cli_fail(error);
		if (!cli->quiet)
			fprintf(stderr, "Added rule %" G_GINT64_FORMAT ".\n", id);
		return GIG_EXIT_OK;
	}
	if (strcmp(sub, "rm") == 0 && argc == 3) {
		char *end = NULL;
		int64_t id = g_ascii_strtoll(argv[2], &end, 10);
		if (end == NULL || *end != '\0' || id <= 0)
			return gig_cli_usage("rules", "rules rm needs a rule ID (gig rules list)");
		if (!gig_cli_open(cli, &ledger, &error) || !gig_rules_remove(ledger, id, &error))
			return gig_cli_fail(error);
		if (!cli->quiet)
			fprintf(stderr, "Removed rule %" G_GINT64_FORMAT ".\n", id);
		return GIG_EXIT_OK;
	}
	if (strcmp(sub, "apply") == 0 && argc == 2) {
		int64_t n = 0;
		if (!gig_cli_open(cli, &ledger, &error) || !gig_rules_apply(ledger, &n, &error))
			return gig_cli_fail(error);
		printf("%" G_GINT64_FORMAT " transactions categorised.\n", n);
		return GIG_EXIT_OK;
	}
	return gig_cli_usage("rules", "expected list, add PATTERN CATEGORY, rm ID or apply");
}
