/*
 * cmd_categorize.c: `gig categorize`: review uncategorised transactions with
 * the suggestion learned from earlier ones.  On a terminal it asks row by
 * row; --accept takes every suggestion at or above --min-confidence; `set
 * ID CATEGORY` sets one row; otherwise it lists (or prints --json).
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <gigledger/rules.h>

#include "cmd_import.h"

static bool
collect(const gig_txn *t, void *payload)
{
	GArray *ids = payload;
	if (t->category_id == 0 && !t->pending)
		g_array_append_val(ids, t->id);
	return true;
}

struct info {
	int64_t want;
	JsonBuilder *json; /* non-NULL: add the transaction's members here */
	char line[256];
};

static bool
describe(const gig_txn *t, void *payload)
{
	struct info *in = payload;
	if (t->id != in->want)
		return true;
	if (in->json) {
		gig_json_txn(in->json, t);
		return false;
	}
	char d[GIG_DATE_BUFSZ], m[GIG_MONEY_BUFSZ];
	g_snprintf(in->line, sizeof(in->line), "%s  %12s %s  %s", gig_date_format(d, t->posted_on),
	           gig_cli_money(m, t->amount_minor, t->currency), t->currency,
	           gig_cli_text(t->payee));
	return false;
}

int
gig_cmd_categorize(gig_cli *cli, int argc, char **argv)
{
	gboolean json = false, accept = false, list = false;
	double min_conf = 0.6;
	int limit = 50;
	GOptionEntry entries[] = {
	    {"json", 0, 0, G_OPTION_ARG_NONE, &json, "print rows and suggestions as JSON", NULL},
	    {"list", 'l', 0, G_OPTION_ARG_NONE, &list, "only list, do not ask", NULL},
	    {"accept", 0, 0, G_OPTION_ARG_NONE, &accept, "take every confident suggestion", NULL},
	    {"min-confidence", 0, 0, G_OPTION_ARG_DOUBLE, &min_conf, "for --accept (default 0.6)",
	     "X"},
	    {"limit", 0, 0, G_OPTION_ARG_INT, &limit, "rows to review (default 50)", "N"},
	    {NULL, 0, 0, 0, NULL, NULL, NULL}};
	g_autoptr(GOptionContext) ctx = gig_cli_context(
	    "[set ID CATEGORY]",
	    "Review uncategorised transactions.  'set ID CATEGORY' sets the category of\n"
	    "one transaction.",
	    "Examples:\n  gig categorize\n  gig categorize --accept --min-confidence 0.8\n"
	    "  gig categorize set 42 'Software & Plugins'\n  gig categorize --json\n\n"
	    "The JSON keys are listed in docs/json.md.",
	    entries);
	int rc = gig_cli_parse(ctx, "categorize", &argc, &argv);
	if (rc != GIG_EXIT_OK)
		return rc;
	g_autoptr(GError) error = NULL;
	g_autoptr(gig_ledger) ledger = NULL;
	if (!gig_cli_open(cli, &ledger, &error))
		return gig_cli_fail(error);
	if (argc >= 2 && strcmp(argv[1], "set") == 0) {
		if (argc != 4)
			return gig_cli_usage("categorize", "categorize set needs ID and CATEGORY");
		int64_t id = 0;
		if (!gig_cli_id(argv[2], &id))
			return gig_cli_usage("categorize", "'%s' is not a transaction id", argv[2]);
		if (!gig_ledger_txn_set_category(ledger, id, argv[3], &error))
			return gig_cli_fail(error);
		if (!cli->quiet)
			fprintf(stderr, "Transaction #%" G_GINT64_FORMAT " is now in %s.\n", id,
			        gig_cli_text(argv[3]));
		return GIG_EXIT_OK;
	}
	if (argc > 1)
		return gig_cli_usage("categorize", "unexpected argument '%s'", argv[1]);
	g_autoptr(GArray) ids = g_array_new(FALSE, FALSE, sizeof(int64_t));
	if (!gig_ledger_txn_foreach(ledger, collect, ids, &error))
		return gig_cli_fail(error);
	bool ask = !json && !accept && !list && isatty(STDIN_FILENO);
	g_autoptr(JsonBuilder) b = json_builder_new();
	json_builder_begin_object(b);
	json_builder_set_member_name(b, "uncategorized");
	json_builder_begin_array(b);
	int64_t changed = 0;
	for (size_t i = 0; i < ids->len && (int)i < limit; i++) {
		int64_t id = g_array_index(ids, int64_t, i);
		g_autoptr(gig_suggestion) s = NULL;
		struct info in = {.want = id, .json = json ? b : NULL};
		if (json)
			json_builder_begin_object(b);
		if (!gig_rules_suggest(ledger, id, &s, &error) ||
		    !gig_ledger_txn_foreach(ledger, describe, &in, &error))
			return gig_cli_fail(error);
		if (json) {
			json_builder_set_member_name(b, "suggestion");
			s->category ? json_builder_add_string_value(b, s->category)
			            : json_builder_add_null_value(b);
			json_builder_set_member_name(b, "confidence");
			json_builder_add_double_value(b, s->confidence);
			json_builder_set_member_name(b, "reason");
			s->reason ? json_builder_add_string_value(b, s->reason)
			          : json_builder_add_null_value(b);
			json_builder_end_object(b);
			continue;
		}
		const char *pick = NULL;
		g_autofree char *typed = NULL;
		printf("%6" G_GINT64_FORMAT "  %s\n", id, in.line);
		if (s->category)
			printf("        suggestion: %s (%.0f%%: %s)\n", gig_cli_text(s->category),
			       s->confidence * 100, gig_cli_text(s->reason));
		if (accept && s->category && s->confidence >= min_conf)
			pick = s->category;
		if (ask) {
			printf("        category [Enter = %s, s = skip, q = quit]: ",
			       s->category ? gig_cli_text(s->category) : "skip");
			fflush(stdout);
			char line[128];
			if (fgets(line, sizeof(line), stdin) == NULL || line[0] == 'q')
				break;
			g_strstrip(line);
			if (line[0] == '\0')
				pick = s->category;
			else if (strcmp(line, "s") != 0)
				pick = typed = g_strdup(line);
		}
		if (pick != NULL) {
			if (!gig_ledger_txn_set_category(ledger, id, pick, &error))
				return gig_cli_fail(error);
			changed++;
		}
	}
	json_builder_end_array(b);
	json_builder_end_object(b);
	if (json)
		gig_cli_print_json(b);
	else
		printf("%u uncategorised, %" G_GINT64_FORMAT " categorised now.\n", ids->len,
		       changed);
	return GIG_EXIT_OK;
}
