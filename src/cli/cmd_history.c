/* cmd_history.c: `gig history`, `gig undo`, `gig redo` (history.h). */
#include <string.h>

#include "cmd.h"

static void
json_value(JsonBuilder *b, const char *key, bool is_int, int64_t i, const char *text)
{
	json_builder_set_member_name(b, key);
	if (is_int)
		json_builder_add_int_value(b, i);
	else if (text)
		json_builder_add_string_value(b, text);
	else
		json_builder_add_null_value(b);
}

static void
json_entry(JsonBuilder *b, const gig_change *c)
{
	json_builder_begin_object(b);
	json_builder_set_member_name(b, "id");
	json_builder_add_int_value(b, c->id);
	json_builder_set_member_name(b, "at");
	json_builder_add_string_value(b, c->at);
	json_builder_set_member_name(b, "kind");
	json_builder_add_string_value(b, gig_change_kind_name(c->kind));
	json_builder_set_member_name(b, "command");
	json_builder_add_string_value(b, c->command);
	json_builder_set_member_name(b, "summary");
	json_builder_add_string_value(b, c->summary);
	json_value(b, "batch_id", c->batch_id != 0, c->batch_id, NULL);
	json_value(b, "target_id", c->target_id != 0, c->target_id, NULL);
	json_value(b, "undone_by", c->undone_by != 0, c->undone_by, NULL);
	json_builder_set_member_name(b, "rows");
	json_builder_begin_array(b);
	for (guint i = 0; c->rows && i < c->rows->len; i++) {
		const gig_change_row *r = c->rows->pdata[i];
		json_builder_begin_object(b);
		json_builder_set_member_name(b, "table");
		json_builder_add_string_value(b, r->table);
		json_builder_set_member_name(b, "op");
		json_builder_add_string_value(b, r->op == GIG_ROW_INSERT   ? "insert"
		                                 : r->op == GIG_ROW_DELETE ? "delete"
		                                                           : "update");
		json_builder_set_member_name(b, "key");
		json_builder_begin_object(b);
		for (guint k = 0; k < r->values->len; k++) {
			const gig_change_value *v = r->values->pdata[k];
			if (!v->is_key)
				continue;
			bool old = v->has_old;
			json_value(b, v->column, old ? v->old_is_int : v->new_is_int,
			           old ? v->old_int : v->new_int,
			           old ? v->old_value : v->new_value);
		}
		json_builder_end_object(b);
		const char *side[] = {"old", "new"};
		for (int s = 0; s < 2; s++) {
			json_builder_set_member_name(b, side[s]);
			json_builder_begin_object(b);
			for (guint k = 0; k < r->values->len; k++) {
				const gig_change_value *v = r->values->pdata[k];
				if (v->is_key && r->op == GIG_ROW_UPDATE)
					continue;
				if (s == 0 && v->has_old)
					json_value(b, v->column, v->old_is_int, v->old_int,
					           v->old_value);
				else if (s == 1 && v->has_new)
					json_value(b, v->column, v->new_is_int, v->new_int,
					           v->new_value);
			}
			json_builder_end_object(b);
		}
		json_builder_end_object(b);
	}
	json_builder_end_array(b);
	json_builder_end_object(b);
}

int
gig_cmd_history(gig_cli *cli, int argc, char **argv)
{
	gboolean json = false, details = false;
	gint limit = 20;
	GOptionEntry entries[] = {
	    {"json", 0, 0, G_OPTION_ARG_NONE, &json, "JSON, with the old and new values", NULL},
	    {"limit", 'n', 0, G_OPTION_ARG_INT, &limit, "newest N entries (default 20, 0 = all)",
	     "N"},
	    {"details", 0, 0, G_OPTION_ARG_NONE, &details, "show the old and new values", NULL},
	    {NULL, 0, 0, 0, NULL, NULL, NULL}};
	g_autoptr(GOptionContext) ctx = gig_cli_context(
	    "",
	    "Every change made to the ledger, newest first: when (UTC), the command, what\n"
	    "it changed, and whether it was undone.  Imports are one entry each.",
	    "Examples:\n  gig history\n  gig history --limit 5 --details\n"
	    "  gig history --json | jq '.[0].rows'",
	    entries);
	int rc = gig_cli_parse(ctx, "history", &argc, &argv);
	if (rc != GIG_EXIT_OK)
		return rc;
	if (argc != 1)
		return gig_cli_usage("history", "takes no arguments");
	if (limit < 0)
		return gig_cli_usage("history", "--limit must be 0 or more");
	g_autoptr(GError) error = NULL;
	g_autoptr(gig_ledger) ledger = NULL;
	g_autoptr(GPtrArray) list = NULL;
	if (!gig_cli_open(cli, &ledger, &error) ||
	    !gig_ledger_history(ledger, limit, json || details, &list, &error))
		return gig_cli_fail(error);
	if (json) {
		g_autoptr(JsonBuilder) b = json_builder_new();
		json_builder_begin_object(b);
		json_builder_set_member_name(b, "changes");
		json_builder_begin_array(b);
		for (guint i = 0; i < list->len; i++)
			json_entry(b, list->pdata[i]);
		json_builder_end_array(b);
		json_builder_end_object(b);
		gig_cli_print_json(b);
		return GIG_EXIT_OK;
	}
	if (list->len == 0) {
		printf("No changes recorded yet.\n");
		return GIG_EXIT_OK;
	}
	for (guint i = 0; i < list->len; i++) {
		const gig_change *c = list->pdata[i];
		char when[17] = "";
		g_strlcpy(when, c->at ? c->at : "", sizeof when);
		if (strlen(when) > 10)
			when[10] = ' ';
		char state[32] = "";
		if (c->undone_by)
			g_snprintf(state, sizeof state, "  [undone by #%" G_GINT64_FORMAT "]",
			           c->undone_by);
		printf("#%-5" G_GINT64_FORMAT " %s  %s%s\n", c->id, when, gig_cli_text(c->summary),
		       state);
		if (c->command && *c->command)
			printf("       %s\n", gig_cli_text(c->command));
		for (guint r = 0; details && c->rows && r < c->rows->len; r++) {
			const gig_change_row *row = c->rows->pdata[r];
			for (guint k = 0; k < row->values->len; k++) {
				const gig_change_value *v = row->values->pdata[k];
				if (v->is_key && row->op == GIG_ROW_UPDATE)
					continue;
				printf(
				    "         %s.%s: %s -> %s\n", row->table, v->column,
				    v->has_old ? gig_cli_text(v->old_value ? v->old_value : "NULL")
				               : "-",
				    v->has_new ? gig_cli_text(v->new_value ? v->new_value : "NULL")
				               : "-");
			}
		}
	}
	return GIG_EXIT_OK;
}

/* The entry `gig undo [N]` would revert, to ask before an import goes. */
static const gig_change *
undo_target(GPtrArray *list, int64_t id)
{
	for (guint i = 0; i < list->len; i++) {
		const gig_change *c = list->pdata[i];
		if (id ? c->id == id
		       : (c->kind == GIG_CHANGE_EDIT || c->kind == GIG_CHANGE_IMPORT) &&
		             c->undone_by == 0)
			return c;
	}
	return NULL;
}

int
gig_cmd_undo(gig_cli *cli, int argc, char **argv)
{
	gboolean yes = false;
	GOptionEntry entries[] = {{"yes", 'y', 0, G_OPTION_ARG_NONE, &yes,
	                           "do not ask before an import goes (needed without a terminal)",
	                           NULL},
	                          {NULL, 0, 0, 0, NULL, NULL, NULL}};
	g_autoptr(GOptionContext) ctx = gig_cli_context(
	    "[N]",
	    "Take back the last change not yet undone (again for the one before), or change\n"
	    "N of gig history.  An edit, a removal, an entry or an import: an import is\n"
	    "undone as 'gig import undo' does it.  A later change in the way is named, and\n"
	    "nothing changes.  The undo is recorded; 'gig redo' applies the change again.",
	    "Examples:\n  gig undo\n  gig undo 14\n  gig undo --yes      # when the last "
	    "change is an import",
	    entries);
	int rc = gig_cli_parse(ctx, "undo", &argc, &argv);
	if (rc != GIG_EXIT_OK)
		return rc;
	int64_t id = 0;
	if (argc > 2 || (argc == 2 && !gig_cli_id(argv[1], &id)))
		return gig_cli_usage("undo", "expected at most one change number (gig history)");
	g_autoptr(GError) error = NULL;
	g_autoptr(gig_ledger) ledger = NULL;
	g_autoptr(GPtrArray) list = NULL;
	if (!gig_cli_open(cli, &ledger, &error) ||
	    !gig_ledger_history(ledger, 0, false, &list, &error))
		return gig_cli_fail(error);
	const gig_change *target = undo_target(list, id);
	if (target && target->kind == GIG_CHANGE_IMPORT && target->undone_by == 0) {
		g_autofree char *q = g_strdup_printf("Undo change #%" G_GINT64_FORMAT
		                                     ": remove import batch %" G_GINT64_FORMAT
		                                     " and its transactions?",
		                                     target->id, target->batch_id);
		if (!gig_cli_may("undo", yes, q, &rc))
			return rc;
		gig_cli_snapshot(cli, ledger, "undo");
	}
	int64_t undone = 0;
	if (!gig_ledger_undo(ledger, id, &undone, &error))
		return gig_cli_fail(error);
	if (!cli->quiet)
		fprintf(stderr,
		        "Undid change #%" G_GINT64_FORMAT " (recorded as #%" G_GINT64_FORMAT ").\n",
		        undone, gig_ledger_last_change(ledger));
	return GIG_EXIT_OK;
}

int
gig_cmd_redo(gig_cli *cli, int argc, char **argv)
{
	GOptionEntry entries[] = {{NULL, 0, 0, 0, NULL, NULL, NULL}};
	g_autoptr(GOptionContext) ctx = gig_cli_context(
	    "",
	    "Apply again the change most recently undone (not an import: import the file\n"
	    "again).  Refused, naming it, when a later change is in the way.",
	    "Examples:\n  gig undo\n  gig redo", entries);
	int rc = gig_cli_parse(ctx, "redo", &argc, &argv);
	if (rc != GIG_EXIT_OK)
		return rc;
	if (argc != 1)
		return gig_cli_usage("redo", "takes no arguments");
	g_autoptr(GError) error = NULL;
	g_autoptr(gig_ledger) ledger = NULL;
	int64_t redone = 0;
	if (!gig_cli_open(cli, &ledger, &error) || !gig_ledger_redo(ledger, &redone, &error))
		return gig_cli_fail(error);
	if (!cli->quiet)
		fprintf(stderr,
		        "Applied change #%" G_GINT64_FORMAT " again (recorded as #%" G_GINT64_FORMAT
		        ").\n",
		        redone, gig_ledger_last_change(ledger));
	return GIG_EXIT_OK;
}
