/* cmd_scenario.c: `gig scenario add|list|rm`: named what-if scenarios for the runway. */
#include <string.h>

#include <gigledger/scenario.h>

#include "cmd.h"

static int
scenario_add(gig_cli *cli, int argc, char **argv)
{
	g_autoptr(GOptionContext) ctx = gig_cli_context(
	    "NAME SPEC...",
	    "Save a what-if scenario: one or more SPECs (forms: 'gig runway --help').",
	    "Examples:\n  gig scenario add tour 'pause 2027-07..2027-08' 'spend 1800 2027-06 Van'\n"
	    "  gig scenario add quiet-year income-30% 'rent+150 from 2027-01'\n"
	    "  gig scenario add no-teaching 'lose-stream teaching from 2027-02'\n"
	    "Then: gig runway --scenario tour",
	    NULL);
	int rc = gig_cli_parse(ctx, "scenario add", &argc, &argv);
	if (rc != GIG_EXIT_OK)
		return rc;
	if (argc < 3)
		return gig_cli_usage("scenario", "add needs a NAME and at least one SPEC");
	g_autoptr(GError) error = NULL;
	g_autoptr(gig_ledger) ledger = NULL;
	if (!gig_cli_open(cli, &ledger, &error) ||
	    !gig_ledger_scenario_add(ledger, argv[1], (const char *const *)argv + 2,
	                             (size_t)argc - 2, &error))
		return gig_cli_fail(error);
	if (!cli->quiet)
		fprintf(stderr, "Saved the scenario %s (%d change%s); gig runway --scenario %s\n",
		        gig_cli_text(argv[1]), argc - 2, argc - 2 == 1 ? "" : "s",
		        gig_cli_text(argv[1]));
	return GIG_EXIT_OK;
}

static int
scenario_list(gig_cli *cli, int argc, char **argv)
{
	gboolean json = false;
	GOptionEntry entries[] = {{"json", 0, 0, G_OPTION_ARG_NONE, &json, "print JSON", NULL},
	                          {NULL, 0, 0, 0, NULL, NULL, NULL}};
	g_autoptr(GOptionContext) ctx =
	    gig_cli_context("", "List the saved what-if scenarios and their SPECs.",
	                    "Examples:\n  gig scenario list\n  gig scenario list --json", entries);
	int rc = gig_cli_parse(ctx, "scenario list", &argc, &argv);
	if (rc != GIG_EXIT_OK)
		return rc;
	if (argc > 1)
		return gig_cli_usage("scenario", "unexpected argument '%s'", argv[1]);
	g_autoptr(GError) error = NULL;
	g_autoptr(gig_ledger) ledger = NULL;
	g_autoptr(GPtrArray) list = NULL;
	if (!gig_cli_open(cli, &ledger, &error) || !gig_ledger_scenario_list(ledger, &list, &error))
		return gig_cli_fail(error);
	g_autoptr(JsonBuilder) b = json_builder_new();
	json_builder_begin_object(b);
	json_builder_set_member_name(b, "scenarios");
	json_builder_begin_array(b);
	if (!json && list->len == 0)
		printf("No scenarios. Add one: gig scenario add tour 'pause 2027-07..2027-08'\n");
	for (unsigned i = 0; i < list->len; i++) {
		const gig_saved_scenario *s = list->pdata[i];
		if (!json) {
			printf("%s\n", gig_cli_text(s->name));
			for (size_t j = 0; j < s->n_specs; j++)
				printf("  %s\n", gig_cli_text(s->specs[j]));
			continue;
		}
		json_builder_begin_object(b);
		json_builder_set_member_name(b, "name");
		json_builder_add_string_value(b, s->name);
		json_builder_set_member_name(b, "specs");
		json_builder_begin_array(b);
		for (size_t j = 0; j < s->n_specs; j++)
			json_builder_add_string_value(b, s->specs[j]);
		json_builder_end_array(b);
		json_builder_end_object(b);
	}
	json_builder_end_array(b);
	json_builder_end_object(b);
	if (json)
		gig_cli_print_json(b);
	return GIG_EXIT_OK;
}

int
gig_cmd_scenario(gig_cli *cli, int argc, char **argv)
{
	if (argc >= 2 && strcmp(argv[1], "add") == 0)
		return scenario_add(cli, argc - 1, argv + 1);
	if (argc >= 2 && strcmp(argv[1], "list") == 0)
		return scenario_list(cli, argc - 1, argv + 1);
	if (argc >= 2 && strcmp(argv[1], "rm") == 0) {
		if (argc == 3 && strcmp(argv[2], "--help") == 0) {
			printf("Usage: gig scenario rm NAME\n\nRemoves a saved scenario.\n\n"
			       "Example:\n  gig scenario rm tour\n");
			return GIG_EXIT_OK;
		}
		if (argc != 3)
			return gig_cli_usage("scenario", "rm needs the scenario's NAME");
		g_autoptr(GError) error = NULL;
		g_autoptr(gig_ledger) ledger = NULL;
		if (!gig_cli_open(cli, &ledger, &error) ||
		    !gig_ledger_scenario_remove(ledger, argv[2], &error))
			return gig_cli_fail(error);
		if (!cli->quiet)
			fprintf(stderr, "Removed the scenario %s.\n", gig_cli_text(argv[2]));
		return GIG_EXIT_OK;
	}
	if (argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
		printf("Usage: gig scenario add NAME SPEC...\n       gig scenario list [--json]\n"
		       "       gig scenario rm NAME\n\n"
		       "Saved what-if scenarios for 'gig runway --scenario NAME'; the SPEC\n"
		       "forms are in 'gig runway --help'.\n\nExamples:\n"
		       "  gig scenario add tour 'pause 2027-07..2027-08' 'spend 1800 2027-06'\n"
		       "  gig runway --scenario tour\n");
		return GIG_EXIT_OK;
	}
	if (argc == 1)
		return scenario_list(cli, argc, argv);
	return gig_cli_usage("scenario", "expected add, list or rm");
}
