/*
 * ledger_check.c: finding damage (integrity.h).  The cheap check run on
 * every open, the full gig_ledger_check(), and the PATH.damaged marker that
 * keeps a ledger read-only once a full check found it damaged.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "db.h"
#include "gigledger/integrity.h"
#include "gigledger/money.h"
#include "internal.h"

/* At most this many findings per check are listed (the rest are counted). */
#define MAX_PER_CHECK 100

static const char *const check_names[] = {"sqlite",  "foreign_keys", "rollup", "gig_status",
                                          "batches", "rows",         NULL};

const char *const *
gig_check_names(void)
{
	return check_names;
}

void
gig_check_problem_free(gig_check_problem *problem)
{
	if (problem == NULL)
		return;
	g_free(problem->check);
	g_free(problem->message);
	g_free(problem);
}

static void
add_problem(GPtrArray *problems, const char *check, char *message)
{
	gig_check_problem *p = g_new0(gig_check_problem, 1);
	p->check = g_strdup(check);
	p->message = message;
	g_ptr_array_add(problems, p);
}

/* ---- the marker file ---- */

char *
gig__damage_marker_path(const char *path)
{
	return g_strconcat(path, ".damaged", NULL);
}

char *
gig__damage_marker_read(const char *path)
{
	g_autofree char *marker = gig__damage_marker_path(path);
	g_autofree char *text = NULL;
	if (!g_file_get_contents(marker, &text, NULL, NULL))
		return NULL;
	/* the first line is the summary; a marker we cannot read still counts */
	char *nl = strchr(text, '\n');
	if (nl)
		*nl = '\0';
	if (!g_utf8_validate(text, -1, NULL) || *text == '\0')
		return g_strdup("an earlier 'gig check' found damage");
	return g_strdup(text);
}

/* Writes PATH.damaged (0600): a summary line, then one line per problem. */
static void
damage_marker_write(const char *path, GPtrArray *problems)
{
	g_autofree char *marker = gig__damage_marker_path(path);
	GString *s = g_string_new(NULL);
	gig_check_problem *first = problems->pdata[0];
	g_string_append_printf(s, "'gig check' found %u problem%s (%s: %s)\n", problems->len,
	                       problems->len == 1 ? "" : "s", first->check, first->message);
	for (guint i = 0; i < problems->len; i++) {
		gig_check_problem *p = problems->pdata[i];
		g_string_append_printf(s, "%s: %s\n", p->check, p->message);
	}
	int fd = open(marker, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0600);
	if (fd >= 0) {
		/* best effort: the ledger's own state is the truth, the marker a memo */
		ssize_t w = write(fd, s->str, s->len);
		(void)w;
		close(fd);
	}
	g_string_free(s, TRUE);
}

static void
damage_marker_remove(const char *path)
{
	g_autofree char *marker = gig__damage_marker_path(path);
	unlink(marker);
}

/* ---- SQLite's own checks ---- */

/*
 * Runs `sql` (an integrity_check or quick_check pragma) and appends every
 * line but "ok" as a problem.  SQLITE_CORRUPT/NOTADB from the pragma itself
 * is damage too.  False only for other failures (busy, I/O).
 */
static bool
run_sqlite_check(sqlite3 *db, const char *sql, GPtrArray *problems, GError **error)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL);
	int n = 0;
	while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *line = (const char *)sqlite3_column_text(st, 0);
		if (line == NULL || strcmp(line, "ok") == 0)
			continue;
		static const char head[] = "*** in database main ***\n";
		if (strncmp(line, head, sizeof head - 1) == 0)
			line += sizeof head - 1;
		if (n++ < MAX_PER_CHECK)
			add_problem(problems, "sqlite", g_strdup(line));
	}
	if (rc == SQLITE_ROW || rc == SQLITE_DONE)
		rc = SQLITE_OK;
	sqlite3_finalize(st);
	if (n > MAX_PER_CHECK)
		add_problem(
		    problems, "sqlite",
		    g_strdup_printf("and %d more lines of SQLite's report", n - MAX_PER_CHECK));
	int prim = rc & 0xff;
	if (prim == SQLITE_CORRUPT || prim == SQLITE_NOTADB) {
		add_problem(problems, "sqlite", g_strdup(sqlite3_errmsg(db)));
		return true;
	}
	if (rc != SQLITE_OK)
		return gig__db_fail(db, rc, "checking the ledger", error);
	return true;
}

/*
 * A query whose every row is one problem, the message formatted by SQL in
 * column 0.  Corruption met while running it is itself a problem.
 */
static bool
run_rows_check(sqlite3 *db, const char *check, const char *sql, GPtrArray *problems, GError **error)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL);
	/* the queries that need the amount bound take it as ?1 */
	if (rc == SQLITE_OK && sqlite3_bind_parameter_count(st) > 0)
		sqlite3_bind_int64(st, 1, GIG_AMOUNT_MAX);
	int n = 0;
	while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (n++ < MAX_PER_CHECK)
			add_problem(problems, check,
			            g_strdup((const char *)sqlite3_column_text(st, 0)));
	}
	if (rc == SQLITE_ROW || rc == SQLITE_DONE)
		rc = SQLITE_OK;
	sqlite3_finalize(st);
	if (n > MAX_PER_CHECK)
		add_problem(problems, check, g_strdup_printf("and %d more", n - MAX_PER_CHECK));
	int prim = rc & 0xff;
	if (prim == SQLITE_CORRUPT || prim == SQLITE_NOTADB || prim == SQLITE_ERROR) {
		/* an ERROR here is a missing table or column: the schema is damaged, or
		 * a sum overflowed (values beyond GIG_AMOUNT_MAX got in) */
		add_problem(problems, check,
		            g_strdup_printf("the check could not run: %s", sqlite3_errmsg(db)));
		return true;
	}
	if (rc != SQLITE_OK)
		return gig__db_fail(db, rc, "checking the ledger", error);
	return true;
}

/* ---- the ledger's own invariants ---- */

static const char sql_foreign_keys[] =
    "SELECT printf('%s row %d refers to a row of %s that does not exist', \"table\", rowid,"
    "              parent)"
    "  FROM pragma_foreign_key_check";

/* The rollup must equal a GROUP BY over the rows (sql/0001, ledger_txn.c). */
static const char sql_rollup[] =
    "WITH want AS ("
    "  SELECT account_id, substr(posted_on, 1, 7) AS month, ifnull(category_id, 0) AS cat,"
    "         pending, sum(max(amount_minor, 0)) AS inflow, sum(min(amount_minor, 0)) AS outflow,"
    "         count(*) AS n"
    "    FROM transactions GROUP BY 1, 2, 3, 4)"
    " SELECT printf('monthly total of account %d, %s, category %d%s: stored %s in, %s out,"
    " %s rows; the transactions give %d in, %d out, %d rows',"
    "        w.account_id, w.month, w.cat, iif(w.pending, ' (pending)', ''),"
    "        ifnull(m.inflow_minor, 'no'), ifnull(m.outflow_minor, 'no'), ifnull(m.n, 'no'),"
    "        w.inflow, w.outflow, w.n)"
    "   FROM want w LEFT JOIN monthly_totals m"
    "     ON m.account_id = w.account_id AND m.month = w.month AND m.category_id = w.cat"
    "    AND m.pending = w.pending"
    "  WHERE m.n IS NULL OR m.inflow_minor != w.inflow OR m.outflow_minor != w.outflow"
    "     OR m.n != w.n"
    " UNION ALL"
    " SELECT printf('monthly total of account %d, %s, category %d%s: stored %d in, %d out,"
    " %d rows, but no transaction is there',"
    "        m.account_id, m.month, m.category_id, iif(m.pending, ' (pending)', ''),"
    "        m.inflow_minor, m.outflow_minor, m.n)"
    "   FROM monthly_totals m"
    "  WHERE NOT EXISTS (SELECT 1 FROM want w WHERE w.account_id = m.account_id"
    "                      AND w.month = m.month AND w.cat = m.category_id"
    "                      AND w.pending = m.pending)";

static const char sql_gig_status[] =
    "SELECT printf('gig %d is stored as %s, but its payments make it %s', g.id, g.status,"
    "              d.status)"
    "  FROM gigs g JOIN gig_status_due d ON d.gig_id = g.id WHERE g.status != d.status";

/*
 * A row carrying a batch's id lies in that batch's id range, or is a pending
 * row of an earlier batch that this one settled (import_effects 'settled'),
 * or a row an undone batch handed over to it (import_members, sql/0010).
 * Every membership names a transaction that exists (it is no foreign key).
 */
static const char sql_batches[] =
    "SELECT printf('import batch %d: first row %s, last row %s', id,"
    "              ifnull(first_txn_id, 'none'), ifnull(last_txn_id, 'none'))"
    "  FROM import_batches"
    " WHERE (first_txn_id IS NULL) != (last_txn_id IS NULL) OR first_txn_id > last_txn_id"
    " UNION ALL"
    " SELECT printf('transaction %d says it came from import batch %d, outside that batch''s"
    " rows %s..%s', t.id, t.batch_id, ifnull(b.first_txn_id, '?'), ifnull(b.last_txn_id, '?'))"
    "   FROM transactions t JOIN import_batches b ON b.id = t.batch_id"
    "  WHERE t.batch_id IS NOT NULL"
    "    AND (b.first_txn_id IS NULL OR t.id NOT BETWEEN b.first_txn_id AND b.last_txn_id)"
    "    AND NOT EXISTS (SELECT 1 FROM import_effects e WHERE e.batch_id = t.batch_id"
    "                      AND e.txn_id = t.id AND e.kind = 'settled')"
    "    AND NOT EXISTS (SELECT 1 FROM import_members m WHERE m.batch_id = t.batch_id"
    "                      AND m.txn_id = t.id)"
    " UNION ALL"
    " SELECT printf('import batch %d lists transaction %d as one of its rows, but there is"
    " no such transaction', m.batch_id, m.txn_id)"
    "   FROM import_members m"
    "  WHERE NOT EXISTS (SELECT 1 FROM transactions t WHERE t.id = m.txn_id)";

/* What the dropped CHECK constraints (sql/0009) and the amount bound promise. */
static const char sql_rows[] =
    "SELECT printf('transaction %d: %s', id, CASE"
    "   WHEN typeof(posted_on) != 'text' OR date(posted_on, '+0 days') IS NOT posted_on"
    "     THEN 'its date is not a calendar date: ' || quote(posted_on)"
    "   WHEN pending NOT IN (0, 1) THEN 'pending is ' || quote(pending)"
    "   ELSE 'its amount ' || amount_minor || ' is beyond the bound ' || ?1 END)"
    "  FROM transactions"
    " WHERE typeof(posted_on) != 'text' OR date(posted_on, '+0 days') IS NOT posted_on"
    "    OR pending NOT IN (0, 1) OR abs(amount_minor) > ?1";

bool
gig_ledger_check(gig_ledger *ledger, bool quick, GPtrArray **out_problems, GError **error)
{
	g_return_val_if_fail(ledger != NULL && out_problems != NULL, false);
	sqlite3 *db = gig__ledger_db(ledger);
	g_autoptr(GPtrArray) problems =
	    g_ptr_array_new_with_free_func((GDestroyNotify)gig_check_problem_free);
	/* one read transaction: every check sees the same state of the file */
	if (!gig__db_exec(db, "BEGIN", error))
		return false;
	bool ok = run_sqlite_check(db, quick ? "PRAGMA quick_check" : "PRAGMA integrity_check",
	                           problems, error) &&
	          run_rows_check(db, "foreign_keys", sql_foreign_keys, problems, error) &&
	          run_rows_check(db, "rollup", sql_rollup, problems, error) &&
	          run_rows_check(db, "gig_status", sql_gig_status, problems, error) &&
	          run_rows_check(db, "batches", sql_batches, problems, error) &&
	          run_rows_check(db, "rows", sql_rows, problems, error);
	sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
	if (!ok)
		return false;
	const char *path = gig_ledger_path(ledger);
	if (problems->len > 0)
		damage_marker_write(path, problems);
	else if (!quick)
		damage_marker_remove(path);
	*out_problems = g_steal_pointer(&problems);
	return true;
}

/* ---- the check on open ---- */

static const char *const big_tables[] = {"transactions", "import_raw"};

bool
gig__open_check(sqlite3 *db, char **out_reason, GError **error)
{
	*out_reason = NULL;
	sqlite3_stmt *st = NULL;
	int64_t pages = 0, page_size = 0;
	int rc = sqlite3_prepare_v2(db,
	                            "SELECT (SELECT page_count FROM pragma_page_count),"
	                            " (SELECT page_size FROM pragma_page_size)",
	                            -1, &st, NULL);
	if (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		pages = sqlite3_column_int64(st, 0);
		page_size = sqlite3_column_int64(st, 1);
		rc = SQLITE_OK;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_OK) {
		int prim = rc & 0xff;
		if (prim == SQLITE_CORRUPT || prim == SQLITE_NOTADB) {
			*out_reason = g_strdup(sqlite3_errmsg(db));
			return true;
		}
		return gig__db_fail(db, rc, "checking the ledger", error);
	}
	g_autoptr(GPtrArray) problems =
	    g_ptr_array_new_with_free_func((GDestroyNotify)gig_check_problem_free);
	bool ok = true;
	if (pages * page_size <= GIG_OPEN_CHECK_BYTES) {
		ok = run_sqlite_check(db, "PRAGMA quick_check", problems, error);
	} else {
		/* every table but the big ones, each with its indexes */
		g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func(g_free);
		rc = sqlite3_prepare_v2(db,
		                        "SELECT name FROM sqlite_schema WHERE type = 'table'"
		                        " AND name NOT LIKE 'sqlite_%'",
		                        -1, &st, NULL);
		while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
			const char *name = (const char *)sqlite3_column_text(st, 0);
			bool big = false;
			for (size_t i = 0; i < G_N_ELEMENTS(big_tables); i++)
				big = big || g_strcmp0(name, big_tables[i]) == 0;
			if (!big)
				g_ptr_array_add(tables, g_strdup(name));
		}
		if (rc == SQLITE_ROW || rc == SQLITE_DONE)
			rc = SQLITE_OK;
		sqlite3_finalize(st);
		if (rc != SQLITE_OK) {
			int prim = rc & 0xff;
			if (prim == SQLITE_CORRUPT || prim == SQLITE_NOTADB) {
				*out_reason = g_strdup(sqlite3_errmsg(db));
				return true;
			}
			return gig__db_fail(db, rc, "checking the ledger", error);
		}
		for (guint i = 0; ok && i < tables->len; i++) {
			/* the table names come from the schema; quote them anyway */
			char *sql = sqlite3_mprintf("PRAGMA quick_check(%Q)",
			                            (const char *)tables->pdata[i]);
			ok = run_sqlite_check(db, sql, problems, error);
			sqlite3_free(sql);
		}
	}
	if (!ok)
		return false;
	if (problems->len > 0) {
		gig_check_problem *p = problems->pdata[0];
		*out_reason = problems->len == 1
		                  ? g_strdup_printf("SQLite's quick check: %s", p->message)
		                  : g_strdup_printf("SQLite's quick check: %s (and %u more)",
		                                    p->message, problems->len - 1);
	}
	return true;
}
