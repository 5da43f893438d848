/* cmd_config.c: `gig config get|set|unset|list`, the ledger's settings (config.h). */
#include <string.h>

#include "cmd.h"

static char *
keys_help(void)
{
	size_t n = 0;
	const gig_config_key *k = gig_config_keys(&n);
	GString *s = g_string_new("Keys (stored in the ledger):\n");
	for (size_t i = 0; i < n; i++)
		g_string_append_printf(s, "  %s: %s\n      %s; default %s\n", k[i].key, k[i].help,
		                       k[i].allowed, k[i].default_value);
	return g_string_free(s, false);
}

static void
json_entry(JsonBuilder *b, const gig_config_key *k, const char *value, bool is_set)
{
	json_builder_begin_object(b);
	json_builder_set_member_name(b, "key");
	json_builder_add_string_value(b, k->key);
	json_builder_set_member_name(b, "value");
	json_builder_add_string_value(b, value);
	json_builder_set_member_name(b, "set");
	json_builder_add_boolean_value(b, is_set);
	json_builder_set_member_name(b, "default");
	json_builder_add_string_value(b, k->default_value);
	json_builder_set_member_name(b, "allowed");
	json_builder_add_string_value(b, k->allowed);
	json_builder_end_object(b);
}

static int
config_main(gig_cli *cli, int argc, char **argv)
{
	gboolean json = false;
	GOptionEntry entries[] = {{"json", 0, 0, G_OPTION_ARG_NONE, &json, "print JSON", NULL},
	                          {NULL, 0, 0, 0, NULL, NULL, NULL}};
	g_autofree char *keys = keys_help();
	g_autofree char *examples =
	    g_strdup_printf("%s"
	                    "Examples:\n"
	                    "  gig config list\n"
	                    "  gig config get tax_rate_bp\n"
	                    "  gig config set tax_rate_bp 3000        (30%% for tax)\n"
	                    "  gig config set reserve_multiple 6\n"
	                    "  gig config set default_account Savings\n"
	                    "  gig config unset windfall_factor       (back to the default)\n"
	                    "  gig config list --json\n"
	                    "\nThe JSON keys are listed in docs/json.md.",
	                    keys);
	g_autoptr(GOptionContext) ctx = gig_cli_context(
	    "get KEY | set KEY VALUE | unset KEY | list",
	    "Read and change the ledger's settings.  Values are checked: a wrong one is\n"
	    "refused (exit 3) with the key and what it allows.",
	    examples, entries);
	int rc = gig_cli_parse(ctx, "config", &argc, &argv);
	if (rc != GIG_EXIT_OK)
		return rc;
	if (argc < 2)
		return gig_cli_usage("config", "expected get, set, unset or list");
	const char *sub = argv[1];
	int want = strcmp(sub, "set") == 0                                ? 4
	           : strcmp(sub, "get") == 0 || strcmp(sub, "unset") == 0 ? 3
	           : strcmp(sub, "list") == 0                             ? 2
	                                                                  : -1;
	if (want < 0)
		return gig_cli_usage("config", "unknown subcommand '%s' (get, set, unset or list)",
		                     sub);
	if (argc != want)
		return gig_cli_usage("config", "config %s takes %s", sub,
		                     want == 4   ? "KEY VALUE"
		                     : want == 3 ? "one KEY"
		                                 : "no arguments");
	g_autoptr(GError) error = NULL;
	g_autoptr(gig_ledger) ledger = NULL;
	if (!gig_cli_open(cli, &ledger, &error))
		return gig_cli_fail(error);
	size_t n = 0;
	const gig_config_key *k = gig_config_keys(&n);
	if (strcmp(sub, "set") == 0 || strcmp(sub, "unset") == 0) {
		bool ok = strcmp(sub, "set") == 0 ? gig_config_set(ledger, argv[2], argv[3], &error)
		                                  : gig_config_unset(ledger, argv[2], &error);
		if (!ok)
			return gig_cli_fail(error);
		g_autofree char *now = NULL;
		if (!gig_config_get(ledger, argv[2], &now, NULL, &error))
			return gig_cli_fail(error);
		if (!cli->quiet)
			fprintf(stderr, "%s = %s\n", argv[2], gig_cli_text(now));
		return GIG_EXIT_OK;
	}
	g_autoptr(JsonBuilder) b = json ? json_builder_new() : NULL;
	if (want == 3) {
		g_autofree char *value = NULL;
		bool is_set = false;
		if (!gig_config_get(ledger, argv[2], &value, &is_set, &error))
			return gig_cli_fail(error);
		for (size_t i = 0; b && i < n; i++)
			if (strcmp(argv[2], k[i].key) == 0)
				json_entry(b, &k[i], value, is_set);
		if (b)
			gig_cli_print_json(b);
		else
			printf("%s\n", gig_cli_text(value));
		return GIG_EXIT_OK;
	}
	if (b) {
		json_builder_begin_object(b);
		json_builder_set_member_name(b, "settings");
		json_builder_begin_array(b);
	}
	for (size_t i = 0; i < n; i++) {
		g_autofree char *value = NULL;
		bool is_set = false;
		if (!gig_config_get(ledger, k[i].key, &value, &is_set, &error))
			return gig_cli_fail(error);
		if (b)
			json_entry(b, &k[i], value, is_set);
		else
			printf("%-17s %-30s%s\n", k[i].key, gig_cli_text(value),
			       is_set && strcmp(value, k[i].default_value) != 0 ? ""
			                                                        : " (default)");
	}
	if (b) {
		json_builder_end_array(b);
		json_builder_end_object(b);
		gig_cli_print_json(b);
	}
	return GIG_EXIT_OK;
}

int
gig_cmd_config(gig_cli *cli, int argc, char **argv)
{
	return config_main(cli, argc, argv);
}
