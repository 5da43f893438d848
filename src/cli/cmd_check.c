/* cmd_check.c: `gig check`, `gig backup` and `gig restore` (integrity.h). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "cmd.h"
#include "cmd_import.h"

static void
json_assertion(JsonBuilder *b, const gig_assertion *a)
{
	json_builder_begin_object(b);
	json_builder_set_member_name(b, "id");
	json_builder_add_int_value(b, a->id);
	json_builder_set_member_name(b, "account");
	json_builder_add_string_value(b, a->account);
	gig_cli_json_date(b, "stated_on", a->on);
	json_builder_set_member_name(b, "stated_minor");
	json_builder_add_int_value(b, a->stated_minor);
	json_builder_set_member_name(b, "ledger_minor");
	json_builder_add_int_value(b, a->ledger_minor);
	json_builder_set_member_name(b, "difference_minor");
	json_builder_add_int_value(b, a->difference_minor);
	json_builder_set_member_name(b, "source");
	json_builder_add_string_value(b, a->source == GIG_ASSERTION_IMPORT ? "import" : "manual");
	gig_cli_json_date(b, "last_held_on", a->held_on);
	json_builder_set_member_name(b, "since_count");
	json_builder_add_int_value(b, a->since_count);
	json_builder_set_member_name(b, "since");
	json_builder_begin_array(b);
	for (guint i = 0; a->since && i < a->since->len; i++)
		json_builder_add_int_value(b, g_array_index(a->since, int64_t, i));
	json_builder_end_array(b);
	json_builder_end_object(b);
}

static void
print_assertion(const gig_assertion *a)
{
	char d[GIG_DATE_BUFSZ], s1[GIG_MONEY_BUFSZ], s2[GIG_MONEY_BUFSZ], s3[GIG_MONEY_BUFSZ];
	printf("    - %s at the end of %s: the bank says %s, the ledger %s (%s %s)\n",
	       gig_cli_text(a->account), gig_date_format(d, a->on),
	       gig_cli_money(s1, a->stated_minor, a->currency),
	       gig_cli_money(s2, a->ledger_minor, a->currency),
	       gig_cli_money(s3, a->difference_minor, a->currency), a->currency);
	if (a->held_on != GIG_DATE_NONE)
		printf("      since %s, the last balance that held: ",
		       gig_date_format(d, a->held_on));
	else
		printf("      no earlier balance held; up to then: ");
	printf("%" G_GINT64_FORMAT " transaction%s", a->since_count,
	       a->since_count == 1 ? "" : "s");
	GString *ids = g_string_new(NULL);
	for (guint i = 0; a->since && i < a->since->len && i < 12; i++)
		g_string_append_printf(ids, " #%" G_GINT64_FORMAT,
		                       g_array_index(a->since, int64_t, i));
	printf("%s%s%s\n", ids->len ? ":" : "", ids->str, a->since_count > 12 ? " ..." : "");
	g_string_free(ids, TRUE);
}

int
gig_cmd_check(gig_cli *cli, int argc, char **argv)
{
	gboolean quick = FALSE, json = FALSE;
	GOptionEntry entries[] = {
	    {"quick", 0, 0, G_OPTION_ARG_NONE, &quick,
	     "SQLite's quick_check instead of integrity_check (faster, skips index contents)",
	     NULL},
	    {"json", 0, 0, G_OPTION_ARG_NONE, &json, "machine-readable result", NULL},
	    {NULL, 0, 0, 0, NULL, NULL, NULL}};
	g_autoptr(GOptionContext) ctx = gig_cli_context(
	    "",
	    "Check the ledger for damage: SQLite's integrity check, then the ledger's own rules\n"
	    "(monthly totals = the transactions, gig statuses, import batches, dates and\n"
	    "amounts).  Exits 0 when sound, 5 when damaged; a damaged ledger is then opened\n"
	    "read-only until a clean check or 'gig restore'.  Then every balance the bank\n"
	    "stated (gig balance --assert, or an imported file) that the ledger does not\n"
	    "meet, with the transactions since the last one that held: exit 1.",
	    "Examples:\n  gig check\n  gig check --quick --json", entries);
	int rc = gig_cli_parse(ctx, "check", &argc, &argv);
	if (rc != GIG_EXIT_OK)
		return rc;
	if (argc > 1)
		return gig_cli_usage("check", "unexpected argument '%s'", argv[1]);
	g_autoptr(GError) error = NULL;
	g_autoptr(gig_ledger) ledger = NULL;
	g_autoptr(GPtrArray) problems = NULL;
	gint64 t0 = g_get_monotonic_time();
	if (!gig_ledger_open(&ledger, cli->db_path, &error) ||
	    !gig_ledger_check(ledger, quick, &problems, &error))
		return gig_cli_fail(error);
	double ms = (double)(g_get_monotonic_time() - t0) / 1000.0;
	const char *const *names = gig_check_names();
	/* the bank's balances the ledger does not meet: bookkeeping, not damage */
	g_autoptr(GPtrArray) failing = NULL;
	g_autoptr(GError) aerr = NULL;
	if (!gig_ledger_assertions(ledger, true, &failing, &aerr)) {
		if (problems->len == 0)
			return gig_cli_fail(aerr);
		failing = g_ptr_array_new(); /* a damaged ledger: the damage comes first */
	}
	if (json) {
		g_autoptr(JsonBuilder) b = json_builder_new();
		json_builder_begin_object(b);
		json_builder_set_member_name(b, "ok");
		json_builder_add_boolean_value(b, problems->len == 0);
		json_builder_set_member_name(b, "quick");
		json_builder_add_boolean_value(b, quick);
		json_builder_set_member_name(b, "checks");
		json_builder_begin_array(b);
		for (size_t i = 0; names[i]; i++) {
			json_builder_begin_object(b);
			json_builder_set_member_name(b, "name");
			json_builder_add_string_value(b, names[i]);
			json_builder_set_member_name(b, "problems");
			json_builder_begin_array(b);
			for (guint j = 0; j < problems->len; j++) {
				gig_check_problem *p = problems->pdata[j];
				if (strcmp(p->check, names[i]) == 0)
					json_builder_add_string_value(b, p->message);
			}
			json_builder_end_array(b);
			json_builder_end_object(b);
		}
		json_builder_end_array(b);
		json_builder_set_member_name(b, "assertions_ok");
		json_builder_add_boolean_value(b, failing->len == 0);
		json_builder_set_member_name(b, "assertions");
		json_builder_begin_array(b);
		for (guint i = 0; i < failing->len; i++)
			json_assertion(b, failing->pdata[i]);
		json_builder_end_array(b);
		json_builder_end_object(b);
		gig_cli_print_json(b);
	} else {
		static const char *const labels[] = {"SQLite integrity", "foreign keys",
		                                     "monthly totals",   "gig statuses",
		                                     "import batches",   "row dates and amounts"};
		for (size_t i = 0; names[i]; i++) {
			guint n = 0;
			for (guint j = 0; j < problems->len; j++)
				n += strcmp(((gig_check_problem *)problems->pdata[j])->check,
				            names[i]) == 0;
			printf("  %-24s %s\n", i < G_N_ELEMENTS(labels) ? labels[i] : names[i],
			       n == 0 ? "ok" : "DAMAGED");
			for (guint j = 0; j < problems->len; j++) {
				gig_check_problem *p = problems->pdata[j];
				if (strcmp(p->check, names[i]) != 0)
					continue;
				g_autofree char *valid = g_utf8_make_valid(p->message, -1);
				for (char *c = valid; *c; c++)
					if ((unsigned char)*c < 0x20 || *c == 0x7f)
						*c = '?';
				printf("    - %s\n", valid);
			}
		}
		printf("  %-24s %s\n", "balance assertions",
		       failing->len == 0 ? "ok" : "DO NOT HOLD");
		for (guint i = 0; i < failing->len; i++)
			print_assertion(failing->pdata[i]);
		if (problems->len == 0 && failing->len > 0)
			printf(
			    "no damage found (%.1f ms), but %u balance%s the bank stated do%s not\n"
			    "match the ledger: a transaction is missing, doubled or wrong.\n",
			    ms, failing->len, failing->len == 1 ? "" : "s",
			    failing->len == 1 ? "es" : "");
		else if (problems->len == 0)
			printf("ok: no damage found (%.1f ms)\n", ms);
		else
			printf("%u problem%s found; the ledger stays read-only.\n"
			       "To go back to a copy: gig restore --list, then gig restore N.\n",
			       problems->len, problems->len == 1 ? "" : "s");
	}
	return problems->len > 0  ? GIG_EXIT_UNUSABLE
	       : failing->len > 0 ? GIG_EXIT_FAILURE
	                          : GIG_EXIT_OK;
}

/* `gig backup -`: the copy is made in a private temporary directory, then written to
 * standard output (never to a terminal) and removed. */
static int
backup_to_stdout(gig_ledger *ledger)
{
	g_autoptr(GError) error = NULL;
	if (isatty(STDOUT_FILENO))
		return gig_cli_usage("backup", "'-' writes the ledger to standard output; "
		                               "redirect it to a file or a pipe");
	g_autofree char *dir = g_dir_make_tmp("gig-backup-XXXXXX", &error);
	if (dir == NULL)
		return gig_cli_fail(error);
	g_autofree char *tmp = g_build_filename(dir, "ledger.db", NULL);
	g_autofree char *data = NULL;
	gsize len = 0;
	bool ok = gig_ledger_backup(ledger, tmp, false, &error) &&
	          g_file_get_contents(tmp, &data, &len, &error);
	g_unlink(tmp);
	g_rmdir(dir);
	if (!ok)
		return gig_cli_fail(error);
	if (fwrite(data, 1, len, stdout) != len || fflush(stdout) != 0) {
		g_set_error(&error, GIG_ERROR, GIG_ERROR_IO,
		            "writing the backup to standard "
		            "output failed: %s",
		            g_strerror(errno));
		return gig_cli_fail(error);
	}
	return GIG_EXIT_OK;
}

int
gig_cmd_backup(gig_cli *cli, int argc, char **argv)
{
	gboolean force = FALSE;
	GOptionEntry entries[] = {
	    {"force", 0, 0, G_OPTION_ARG_NONE, &force, "replace FILE when it exists", NULL},
	    {NULL, 0, 0, 0, NULL, NULL, NULL}};
	g_autoptr(GOptionContext) ctx = gig_cli_context(
	    "[FILE]",
	    "Write a consistent copy of the ledger (SQLite's online backup; other gig\n"
	    "commands may run meanwhile).  The copy is mode 0600 and never half-written.\n"
	    "Without FILE: LEDGER-backup-YYYYMMDD-HHMMSS.db next to the ledger; FILE '-'\n"
	    "writes the copy to standard output.",
	    "Examples:\n  gig backup\n  gig backup /media/usb/books-2026.db\n"
	    "  gig backup - | ssh nas 'cat > books.db'\n"
	    "  gig restore /media/usb/books-2026.db",
	    entries);
	int rc = gig_cli_parse(ctx, "backup", &argc, &argv);
	if (rc != GIG_EXIT_OK)
		return rc;
	if (argc > 2)
		return gig_cli_usage("backup", "unexpected argument '%s'", argv[2]);
	g_autoptr(GError) error = NULL;
	g_autoptr(gig_ledger) ledger = NULL;
	if (!gig_cli_open(cli, &ledger, &error))
		return gig_cli_fail(error);
	g_autofree char *dest = NULL;
	if (argc == 2 && strcmp(argv[1], "-") == 0)
		return backup_to_stdout(ledger);
	if (argc == 2) {
		dest = g_strdup(argv[1]);
	} else {
		g_autoptr(GDateTime) now = g_date_time_new_now_local();
		g_autofree char *stamp = g_date_time_format(now, "%Y%m%d-%H%M%S");
		g_autofree char *base = g_str_has_suffix(cli->db_path, ".db")
		                            ? g_strndup(cli->db_path, strlen(cli->db_path) - 3)
		                            : g_strdup(cli->db_path);
		dest = g_strdup_printf("%s-backup-%s.db", base, stamp);
	}
	if (!gig_ledger_backup(ledger, dest, force, &error))
		return gig_cli_fail(error);
	if (!cli->quiet)
		fprintf(stderr, "Backed up to %s\n", dest);
	return GIG_EXIT_OK;
}

int
gig_cmd_restore(gig_cli *cli, int argc, char **argv)
{
	gboolean list = FALSE, yes = FALSE, json = FALSE;
	GOptionEntry entries[] = {
	    {"list", 0, 0, G_OPTION_ARG_NONE, &list, "list the snapshots, newest first", NULL},
	    {"json", 0, 0, G_OPTION_ARG_NONE, &json, "with --list: machine-readable", NULL},
	    {"yes", 'y', 0, G_OPTION_ARG_NONE, &yes, "do not ask (needed when not on a terminal)",
	     NULL},
	    {NULL, 0, 0, 0, NULL, NULL, NULL}};
	g_autoptr(GOptionContext) ctx = gig_cli_context(
	    "[N|FILE]",
	    "Put a copy back in place of the ledger: snapshot N of 'gig restore --list'\n"
	    "(1 = newest; gig takes one before each import and undo) or a backup FILE.\n"
	    "The copy is checked first; the current ledger is snapshotted before it is\n"
	    "replaced, so a restore can itself be undone.",
	    "Examples:\n  gig restore --list\n  gig restore 1 --yes\n"
	    "  gig restore ~/books-backup-20261203-101500.db",
	    entries);
	int rc = gig_cli_parse(ctx, "restore", &argc, &argv);
	if (rc != GIG_EXIT_OK)
		return rc;
	g_autoptr(GError) error = NULL;
	g_autoptr(GPtrArray) snaps = NULL;
	if (!gig_ledger_snapshots(cli->db_path, &snaps, &error))
		return gig_cli_fail(error);
	if (list || argc == 1) {
		if (argc > 1)
			return gig_cli_usage("restore", "--list takes no argument");
		if (json) {
			g_autoptr(JsonBuilder) b = json_builder_new();
			json_builder_begin_object(b);
			json_builder_set_member_name(b, "snapshots");
			json_builder_begin_array(b);
			for (guint i = 0; i < snaps->len; i++) {
				json_builder_begin_object(b);
				json_builder_set_member_name(b, "n");
				json_builder_add_int_value(b, i + 1);
				json_builder_set_member_name(b, "path");
				json_builder_add_string_value(b, snaps->pdata[i]);
				json_builder_end_object(b);
			}
			json_builder_end_array(b);
			json_builder_end_object(b);
			gig_cli_print_json(b);
		} else if (snaps->len == 0) {
			printf(
			    "No snapshots of %s yet (one is taken before each import and undo).\n",
			    cli->db_path);
		} else {
			for (guint i = 0; i < snaps->len; i++) {
				g_autofree char *name = g_path_get_basename(snaps->pdata[i]);
				printf("%3u  %s\n", i + 1, name);
			}
		}
		return argc == 1 && !list ? GIG_EXIT_USAGE : GIG_EXIT_OK;
	}
	if (argc != 2)
		return gig_cli_usage("restore", "expected one snapshot number or FILE");
	const char *source = argv[1];
	char *end = NULL;
	long n = strtol(argv[1], &end, 10);
	if (end && *end == '\0' && end != argv[1]) {
		if (n < 1 || (guint)n > snaps->len)
			return gig_cli_usage(
			    "restore", "there is no snapshot %s ('gig restore --list')", argv[1]);
		source = snaps->pdata[n - 1];
	}
	if (!yes) {
		g_autofree char *q = g_strdup_printf("Replace %s by %s?", cli->db_path, source);
		if (!gig_cli_confirm(q)) {
			fprintf(stderr, "Nothing restored.\n");
			return GIG_EXIT_FAILURE;
		}
	}
	if (!gig_ledger_restore(cli->db_path, source, &error))
		return gig_cli_fail(error);
	if (!cli->quiet)
		fprintf(stderr, "Restored %s from %s (the state before is a snapshot now).\n",
		        cli->db_path, source);
	return GIG_EXIT_OK;
}
