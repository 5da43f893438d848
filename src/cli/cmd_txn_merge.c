/* cmd_txn_merge.c: `gig txn merge A B`: a hand entry and the bank's row of it as one. */
#include <stdlib.h>

#include "cmd.h"

static bool
txn_id(const char *text, int64_t *out)
{
	if (*text == '#')
		text++;
	char *end = NULL;
	long long v = strtoll(text, &end, 10);
	if (end == text || *end != '\0' || v <= 0)
		return false;
	*out = v;
	return true;
}

int
gig_cmd_txn_merge(gig_cli *cli, int argc, char **argv)
{
	gboolean json = FALSE;
	GOptionEntry entries[] = {{"json", 0, 0, G_OPTION_ARG_NONE, &json, "print JSON", NULL},
	                          {NULL, 0, 0, 0, NULL, NULL, NULL}};
	g_autoptr(GOptionContext) ctx = gig_cli_context(
	    "A B",
	    "Join two transactions that are the same money: one entered by hand (gig spend,\n"
	    "gig earn, gig paid) and the bank's imported row of it, as 'gig import' proposes\n"
	    "(\"possible duplicate of #12: gig txn merge 12 57\").  The hand entry stays,\n"
	    "with its category and gig link, and takes the bank's date, text and identity:\n"
	    "a re-import adds nothing, and 'gig import undo' of that file puts the hand\n"
	    "entry back.  Refused for two rows of one file, two imported or two hand-entered\n"
	    "rows, different accounts, currencies or amounts, and pending rows.",
	    "Examples:\n  gig txn merge 12 57\n  gig txn merge 57 12 --json\n"
	    "\nThe JSON keys are listed in docs/json.md.",
	    entries);
	int rc = gig_cli_parse(ctx, "txn merge", &argc, &argv);
	if (rc != GIG_EXIT_OK)
		return rc;
	int64_t a = 0, b = 0;
	if (argc != 3 || !txn_id(argv[1], &a) || !txn_id(argv[2], &b))
		return gig_cli_usage("txn merge", "expected two transaction ids A and B");
	g_autoptr(GError) error = NULL;
	g_autoptr(gig_ledger) ledger = NULL;
	int64_t kept = 0;
	if (!gig_cli_open(cli, &ledger, &error) ||
	    !gig_ledger_txn_merge(ledger, a, b, &kept, &error))
		return gig_cli_fail(error);
	int64_t removed = kept == a ? b : a;
	if (json) {
		g_autoptr(JsonBuilder) j = json_builder_new();
		json_builder_begin_object(j);
		json_builder_set_member_name(j, "kept");
		json_builder_add_int_value(j, kept);
		json_builder_set_member_name(j, "removed");
		json_builder_add_int_value(j, removed);
		json_builder_end_object(j);
		gig_cli_print_json(j);
	} else if (!cli->quiet) {
		printf("Merged: #%" G_GINT64_FORMAT " is now the bank's row; #%" G_GINT64_FORMAT
		       " is gone.\n",
		       kept, removed);
	}
	return GIG_EXIT_OK;
}
