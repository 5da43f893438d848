/* helpers.c: shared fixtures for the unit tests (see helpers.h). */
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "helpers.h"

static void
remove_tree(const char *dir)
{
	GDir *d = g_dir_open(dir, 0, NULL);
	if (d == NULL)
		return;
	const char *name;
	while ((name = g_dir_read_name(d)) != NULL) {
		g_autofree char *p = g_build_filename(dir, name, NULL);
		if (g_file_test(p, G_FILE_TEST_IS_DIR))
			remove_tree(p);
		else
			g_remove(p);
	}
	g_dir_close(d);
	g_rmdir(dir);
}

gig_test_ledger *
gig_test_ledger_new(const char *currency)
{
	gig_test_ledger *t = g_new0(gig_test_ledger, 1);
	GError *error = NULL;
	t->dir = g_dir_make_tmp("gigtest-XXXXXX", &error);
	gig_assert_ok(t->dir != NULL, error);
	t->path = g_build_filename(t->dir, "ledger.db", NULL);
	bool ok = gig_ledger_create(&t->ledger, t->path, currency, &error);
	gig_assert_ok(ok, error);
	return t;
}

void
gig_test_ledger_free(gig_test_ledger *t)
{
	if (t == NULL)
		return;
	gig_ledger_free(t->ledger);
	/* make the directory writable again in case a test removed permissions */
	g_chmod(t->dir, 0700);
	remove_tree(t->dir);
	g_free(t->dir);
	g_free(t->path);
	g_free(t);
}

char *
gig_test_data_path(const char *relative)
{
	const char *base = getenv("GIG_TEST_DATA");
	if (base == NULL || *base == '\0')
		base = "data";
	return g_build_filename(base, relative, NULL);
}

int64_t
gig_test_account(gig_test_ledger *t, const char *name, gig_account_kind kind, int64_t opening_minor)
{
	GError *error = NULL;
	gig_account_spec spec = {.name = name,
	                         .kind = kind,
	                         .opening_minor = opening_minor,
	                         .opening_date = GIG_DATE_NONE};
	int64_t id = 0;
	bool ok = gig_ledger_account_add(t->ledger, &spec, &id, &error);
	gig_assert_ok(ok, error);
	return id;
}

int64_t
gig_test_rollup_differences(gig_ledger *ledger)
{
	static const char sql[] =
	    "WITH scan AS (SELECT account_id, substr(posted_on, 1, 7) AS month,"
	    "  ifnull(category_id, 0) AS category_id, pending, sum(max(amount_minor, 0)) AS i,"
	    "  sum(min(amount_minor, 0)) AS o, count(*) AS n FROM transactions GROUP BY 1, 2, 3, "
	    "4),"
	    " roll AS (SELECT account_id, month, category_id, pending, inflow_minor, outflow_minor,"
	    "  n FROM monthly_totals)"
	    " SELECT (SELECT count(*) FROM (SELECT * FROM scan EXCEPT SELECT * FROM roll))"
	    "      + (SELECT count(*) FROM (SELECT * FROM roll EXCEPT SELECT * FROM scan))";
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(gig__ledger_db(ledger), sql, -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_step(st) != SQLITE_ROW)
		fail_msg("comparing the rollup: %s", sqlite3_errmsg(gig__ledger_db(ledger)));
	int64_t differences = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return differences;
}
