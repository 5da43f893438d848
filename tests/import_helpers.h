/*
 * import_helpers.h: small fixtures for the importer tests, on top of
 * helpers.h: profile directories, writing a temporary CSV, importing a file
 * into a fresh ledger, counting rows with SQL.
 */
#ifndef GIG_TEST_IMPORT_HELPERS_H
#define GIG_TEST_IMPORT_HELPERS_H

#include <sqlite3.h>

#include <gigledger/import.h>
#include <gigledger/rules.h>

#include "helpers.h"
#include "import_internal.h"

/* NULL-terminated list with the repository's profiles/ directory. */
static inline const char *const *
imp_profile_dirs(void)
{
	static char *dirs[2];
	if (dirs[0] == NULL) {
		const char *data = g_getenv("GIG_TEST_DATA");
		dirs[0] = g_build_filename(data ? data : "data", "..", "..", "profiles", NULL);
	}
	return (const char *const *)dirs;
}

static inline char *
imp_corpus(const char *name)
{
	g_autofree char *rel = g_build_filename("bank-csv", name, NULL);
	return gig_test_data_path(rel);
}

/* Writes `len` bytes (len < 0: strlen) to a new file in the ledger's directory. */
static inline char *
imp_write(gig_test_ledger *t, const char *name, const char *bytes, gssize len)
{
	char *path = g_build_filename(t->dir, name, NULL);
	GError *e = NULL;
	if (!g_file_set_contents(path, bytes, len, &e))
		fail_msg("writing %s: %s", path, e->message);
	return path;
}

static inline gig_import_options
imp_opts(const char *account)
{
	gig_import_options o = GIG_IMPORT_OPTIONS_INIT;
	o.account = account;
	o.profile_dirs = imp_profile_dirs();
	return o;
}

/* Runs `sql` on the ledger file with a second, read-only connection and steps it once;
 * the caller reads the row (SQLITE_ROW in *rc) and calls imp_sql_done(). */
static inline sqlite3_stmt *
imp_sql_step(gig_test_ledger *t, const char *sql, sqlite3 **db, int *rc)
{
	assert_int_equal(sqlite3_open_v2(t->path, db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(*db, sql, -1, &st, NULL) != SQLITE_OK)
		fail_msg("%s: %s", sql, sqlite3_errmsg(*db));
	*rc = sqlite3_step(st);
	return st;
}

static inline void
imp_sql_done(sqlite3 *db, sqlite3_stmt *st)
{
	sqlite3_finalize(st);
	sqlite3_close(db);
}

/* One integer-valued query (imp_sql_step); -1 when it returns no row. */
static inline int64_t
imp_sql_int(gig_test_ledger *t, const char *sql)
{
	sqlite3 *db = NULL;
	int rc = 0;
	sqlite3_stmt *st = imp_sql_step(t, sql, &db, &rc);
	int64_t v = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
	imp_sql_done(db, st);
	return v;
}

/* One text-valued query (imp_sql_step); g_free the result ("" for NULL or no row). */
static inline char *
imp_sql_text(gig_test_ledger *t, const char *sql)
{
	sqlite3 *db = NULL;
	int rc = 0;
	sqlite3_stmt *st = imp_sql_step(t, sql, &db, &rc);
	const char *v = rc == SQLITE_ROW ? (const char *)sqlite3_column_text(st, 0) : NULL;
	char *out = g_strdup(v ? v : "");
	imp_sql_done(db, st);
	return out;
}

/* Every stored transaction of the ledger, in id order, and the records kept, as one string. */
#define IMP_LEDGER_DIGEST                                                                          \
	"SELECT group_concat(account_id || '|' || posted_on || '|' || amount_minor || '|' ||"      \
	" payee || '|' || memo || '|' || pending || '|' || ifnull(fingerprint, '-') || '|' ||"     \
	" ifnull(external_id, '-') || '|' || ifnull(line_no, '-') || '|' || ifnull(raw, '-') ||"   \
	" '|' || ifnull(category_id, '-'), char(10)) || ' records ' ||"                            \
	" ifnull((SELECT group_concat(first_line || '-' || last_line || ':' || hex(zdata), ' ')"   \
	" FROM (SELECT * FROM import_raw ORDER BY batch_id, first_line)), '')"                     \
	" FROM (SELECT * FROM transactions ORDER BY id)"

/* Imports and fails the test on error. */
static inline gig_import_result *
imp_run(gig_test_ledger *t, const char *path, const gig_import_options *o)
{
	gig_import_result *r = NULL;
	g_autoptr(GError) e = NULL;
	bool ok = gig_import_file(t->ledger, path, o, &r, &e);
	gig_assert_ok(ok, e);
	return r;
}

#endif
