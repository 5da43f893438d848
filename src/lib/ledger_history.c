/*
 * ledger_history.c: the change log read back (gig history), undo and redo
 * (history.h).  The log is written by the transaction helper (db.c, sql/0011).
 *
 * Undo of an ordinary change applies the inverse of its SQLite changeset, redo the
 * changeset itself, in one transaction:
 *  (1) the rows of transactions the changeset touches are taken out of the monthly
 *      rollup as they are now, and put back in as they are after it (the rollup is
 *      not in the changeset, db.c); the gigs they pay, and the gigs the changeset
 *      touches, get their status recomputed.  Triggers are off while the changeset
 *      is applied, so that nothing is counted twice;
 *  (2) a conflict (a row changed since, a row gone, a key taken) aborts the whole
 *      apply; the message names the latest later entry that touched that row.  A
 *      gig whose status alone differs is no conflict: (1) recomputes it;
 *  (3) the undo's own record (the session of its transaction) must touch no row
 *      outside the changeset: a foreign key action (a later payment linked to a gig
 *      the undo removes) would otherwise change a later entry's row silently.
 */
#include <string.h>

#include "db.h"
#include "gigledger/history.h"
#include "import_internal.h"

static const char *const kind_names[] = {"change", "import", "import_undo", "undo", "redo"};

const char *
gig_change_kind_name(gig_change_kind kind)
{
	return (unsigned)kind < G_N_ELEMENTS(kind_names) ? kind_names[kind] : "change";
}

static gig_change_kind
kind_parse(const char *text)
{
	for (size_t i = 0; text && i < G_N_ELEMENTS(kind_names); i++)
		if (strcmp(text, kind_names[i]) == 0)
			return (gig_change_kind)i;
	return GIG_CHANGE_EDIT;
}

static void
value_free(gig_change_value *v)
{
	g_free(v->column);
	g_free(v->old_value);
	g_free(v->new_value);
	g_free(v);
}

static void
row_free(gig_change_row *r)
{
	g_free(r->table);
	if (r->values)
		g_ptr_array_unref(r->values);
	g_free(r);
}

void
gig_change_free(gig_change *change)
{
	if (change == NULL)
		return;
	g_free(change->at);
	g_free(change->command);
	g_free(change->summary);
	if (change->rows)
		g_ptr_array_unref(change->rows);
	g_free(change);
}

/* The column names of a table, in order (cached per table in `cache`). */
static GPtrArray *
table_columns(sqlite3 *db, GHashTable *cache, const char *table)
{
	GPtrArray *cols = g_hash_table_lookup(cache, table);
	if (cols)
		return cols;
	cols = g_ptr_array_new_with_free_func(g_free);
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(db, "SELECT name FROM pragma_table_info(?1) ORDER BY cid", -1, &st,
	                       NULL) == SQLITE_OK) {
		sqlite3_bind_text(st, 1, table, -1, SQLITE_STATIC);
		while (sqlite3_step(st) == SQLITE_ROW)
			g_ptr_array_add(cols, g_strdup((const char *)sqlite3_column_text(st, 0)));
	}
	sqlite3_finalize(st);
	g_hash_table_insert(cache, g_strdup(table), cols);
	return cols;
}

static GHashTable *
columns_cache_new(void)
{
	return g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
	                             (GDestroyNotify)g_ptr_array_unref);
}

/* A value's text form; NULL for SQL NULL. */
static char *
value_text(sqlite3_value *v)
{
	switch (sqlite3_value_type(v)) {
	case SQLITE_NULL:
		return NULL;
	case SQLITE_INTEGER:
		return g_strdup_printf("%lld", (long long)sqlite3_value_int64(v));
	case SQLITE_FLOAT: {
		/* never in the caller's locale ("0,5"): the text goes into JSON */
		char buf[G_ASCII_DTOSTR_BUF_SIZE];
		return g_strdup(g_ascii_dtostr(buf, sizeof buf, sqlite3_value_double(v)));
	}
	case SQLITE_BLOB: {
		int n = sqlite3_value_bytes(v);
		const unsigned char *p = sqlite3_value_blob(v);
		GString *s = g_string_new("x'");
		for (int i = 0; i < n; i++)
			g_string_append_printf(s, "%02x", p[i]);
		g_string_append_c(s, '\'');
		return g_string_free(s, false);
	}
	default:
		return g_strdup((const char *)sqlite3_value_text(v));
	}
}

static bool
decode_rows(sqlite3 *db, GHashTable *cache, const void *data, int n, GPtrArray *rows,
            GError **error)
{
	sqlite3_changeset_iter *it = NULL;
	int rc = sqlite3changeset_start(&it, n, (void *)data);
	if (rc != SQLITE_OK)
		return gig__db_fail(db, rc, "reading a change", error);
	while ((rc = sqlite3changeset_next(it)) == SQLITE_ROW) {
		const char *table = NULL;
		int ncol = 0, op = 0;
		unsigned char *pk = NULL;
		sqlite3changeset_op(it, &table, &ncol, &op, NULL);
		sqlite3changeset_pk(it, &pk, NULL);
		GPtrArray *names = table_columns(db, cache, table);
		gig_change_row *row = g_new0(gig_change_row, 1);
		row->table = g_strdup(table);
		row->op = op == SQLITE_INSERT   ? GIG_ROW_INSERT
		          : op == SQLITE_DELETE ? GIG_ROW_DELETE
		                                : GIG_ROW_UPDATE;
		row->values = g_ptr_array_new_with_free_func((GDestroyNotify)value_free);
		for (int i = 0; i < ncol; i++) {
			sqlite3_value *o = NULL, *nv = NULL;
			if (op != SQLITE_INSERT)
				sqlite3changeset_old(it, i, &o);
			if (op != SQLITE_DELETE)
				sqlite3changeset_new(it, i, &nv);
			if (o == NULL && nv == NULL)
				continue;
			gig_change_value *v = g_new0(gig_change_value, 1);
			v->column = g_strdup((guint)i < names->len ? names->pdata[i] : "?");
			v->is_key = pk[i] != 0;
			if (o) {
				v->has_old = true;
				v->old_is_int = sqlite3_value_type(o) == SQLITE_INTEGER;
				v->old_int = sqlite3_value_int64(o);
				v->old_value = value_text(o);
			}
			if (nv) {
				v->has_new = true;
				v->new_is_int = sqlite3_value_type(nv) == SQLITE_INTEGER;
				v->new_int = sqlite3_value_int64(nv);
				v->new_value = value_text(nv);
			}
			g_ptr_array_add(row->values, v);
		}
		g_ptr_array_add(rows, row);
	}
	rc = sqlite3changeset_finalize(it);
	if (rc != SQLITE_OK)
		return gig__db_fail(db, rc, "reading a change", error);
	return true;
}

bool
gig_ledger_history(gig_ledger *ledger, int64_t limit, bool details, GPtrArray **out, GError **error)
{
	g_return_val_if_fail(ledger != NULL && out != NULL, false);
	sqlite3 *db = gig__ledger_db(ledger);
	g_autoptr(sqlite3_stmt) st = NULL;
	if (!gig__db_prepare(db,
	                     "SELECT id, at, command, summary, kind, ifnull(batch_id, 0),"
	                     " ifnull(target_id, 0), ifnull(undone_by, 0), changeset"
	                     " FROM change_log ORDER BY id DESC LIMIT ?1",
	                     &st, error))
		return false;
	sqlite3_bind_int64(st, 1, limit > 0 ? limit : -1);
	g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func((GDestroyNotify)gig_change_free);
	g_autoptr(GHashTable) cache = columns_cache_new();
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		gig_change *c = g_new0(gig_change, 1);
		g_ptr_array_add(list, c);
		c->id = sqlite3_column_int64(st, 0);
		c->at = g_strdup((const char *)sqlite3_column_text(st, 1));
		c->command = g_strdup((const char *)sqlite3_column_text(st, 2));
		c->summary = g_strdup((const char *)sqlite3_column_text(st, 3));
		c->kind = kind_parse((const char *)sqlite3_column_text(st, 4));
		c->batch_id = sqlite3_column_int64(st, 5);
		c->target_id = sqlite3_column_int64(st, 6);
		c->undone_by = sqlite3_column_int64(st, 7);
		if (details) {
			c->rows = g_ptr_array_new_with_free_func((GDestroyNotify)row_free);
			int n = sqlite3_column_bytes(st, 8);
			if (n > 0 &&
			    !decode_rows(db, cache, sqlite3_column_blob(st, 8), n, c->rows, error))
				return false;
		}
	}
	if (rc != SQLITE_DONE)
		return gig__db_fail(db, rc, "reading the change log", error);
	*out = g_steal_pointer(&list);
	return true;
}

/* ---- applying a changeset (undo and redo) ---- */

/* "table:key1,key2" of the row a changeset item is about. */
static char *
item_key(sqlite3_changeset_iter *it)
{
	const char *table = NULL;
	int ncol = 0, op = 0;
	unsigned char *pk = NULL;
	sqlite3changeset_op(it, &table, &ncol, &op, NULL);
	sqlite3changeset_pk(it, &pk, NULL);
	GString *key = g_string_new(table);
	g_string_append_c(key, ':');
	bool first = true;
	for (int i = 0; i < ncol; i++) {
		if (!pk[i])
			continue;
		sqlite3_value *v = NULL;
		if (op == SQLITE_INSERT)
			sqlite3changeset_new(it, i, &v);
		else
			sqlite3changeset_old(it, i, &v);
		g_autofree char *t = v ? value_text(v) : NULL;
		g_string_append_printf(key, "%s%s", first ? "" : ",", t ? t : "NULL");
		first = false;
	}
	return g_string_free(key, false);
}

/* The keys of every row a changeset touches. */
static GHashTable *
changeset_keys(const void *data, int n)
{
	GHashTable *keys = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	sqlite3_changeset_iter *it = NULL;
	if (n > 0 && sqlite3changeset_start(&it, n, (void *)data) == SQLITE_OK) {
		while (sqlite3changeset_next(it) == SQLITE_ROW)
			g_hash_table_add(keys, item_key(it));
		sqlite3changeset_finalize(it);
	}
	return keys;
}

/* Adds the ids of the `table` rows a changeset touches to `ids` (a JSON array text
 * being built), and, for transactions, the gigs their old and new values name. */
static void
collect_ids(const void *data, int n, GString *txns, GString *gigs)
{
	sqlite3_changeset_iter *it = NULL;
	if (n <= 0 || sqlite3changeset_start(&it, n, (void *)data) != SQLITE_OK)
		return;
	while (sqlite3changeset_next(it) == SQLITE_ROW) {
		const char *table = NULL;
		int ncol = 0, op = 0;
		sqlite3changeset_op(it, &table, &ncol, &op, NULL);
		GString *into = strcmp(table, "transactions") == 0 ? txns
		                : strcmp(table, "gigs") == 0       ? gigs
		                                                   : NULL;
		if (into == NULL)
			continue;
		sqlite3_value *v = NULL;
		if (op == SQLITE_INSERT)
			sqlite3changeset_new(it, 0, &v);
		else
			sqlite3changeset_old(it, 0, &v);
		if (v && sqlite3_value_type(v) == SQLITE_INTEGER)
			g_string_append_printf(into, "%s%lld", into->len > 1 ? "," : "",
			                       (long long)sqlite3_value_int64(v));
	}
	sqlite3changeset_finalize(it);
}

struct apply_ctx {
	sqlite3 *db;
	GHashTable *columns;
	char *conflict_key; /* the first row in the way */
	bool foreign_key;   /* a reference would break */
};

static bool
values_equal(sqlite3_value *a, sqlite3_value *b)
{
	if (sqlite3_value_type(a) != sqlite3_value_type(b))
		return false;
	switch (sqlite3_value_type(a)) {
	case SQLITE_NULL:
		return true;
	case SQLITE_INTEGER:
		return sqlite3_value_int64(a) == sqlite3_value_int64(b);
	case SQLITE_FLOAT:
		return sqlite3_value_double(a) == sqlite3_value_double(b);
	default:
		return sqlite3_value_bytes(a) == sqlite3_value_bytes(b) &&
		       (sqlite3_value_bytes(a) == 0 ||
		        memcmp(sqlite3_value_blob(a), sqlite3_value_blob(b),
		               (size_t)sqlite3_value_bytes(a)) == 0);
	}
}

static int
on_conflict(void *payload, int type, sqlite3_changeset_iter *it)
{
	struct apply_ctx *a = payload;
	if (type == SQLITE_CHANGESET_FOREIGN_KEY) {
		a->foreign_key = true;
		return SQLITE_CHANGESET_ABORT;
	}
	const char *table = NULL;
	int ncol = 0, op = 0;
	sqlite3changeset_op(it, &table, &ncol, &op, NULL);
	/* a child row goes with its parent (ON DELETE CASCADE: a split's shares,
	 * sql/0022; a statement's lines, sql/0020): when the same undo took the parent
	 * out before, the row is already gone as it should be */
	static const struct {
		const char *table;
		int column;
		const char *parent_sql;
	} cascades[] = {{"split_shares", 0, "SELECT 1 FROM splits WHERE id = ?1"},
	                {"royalty_lines", 1, "SELECT 1 FROM royalty_statements WHERE id = ?1"}};
	for (size_t k = 0;
	     type == SQLITE_CHANGESET_NOTFOUND && op == SQLITE_DELETE && k < G_N_ELEMENTS(cascades);
	     k++) {
		if (strcmp(table, cascades[k].table) != 0 || ncol <= cascades[k].column)
			continue;
		sqlite3_value *ref = NULL;
		sqlite3_stmt *st = NULL;
		bool parent = true;
		if (sqlite3changeset_old(it, cascades[k].column, &ref) == SQLITE_OK &&
		    ref != NULL &&
		    sqlite3_prepare_v2(a->db, cascades[k].parent_sql, -1, &st, NULL) == SQLITE_OK) {
			sqlite3_bind_value(st, 1, ref);
			int rc = sqlite3_step(st);
			parent = rc != SQLITE_DONE; /* a row, or a failed step: still in the way */
		}
		sqlite3_finalize(st);
		if (!parent)
			return SQLITE_CHANGESET_OMIT;
	}
	if (type == SQLITE_CHANGESET_DATA && strcmp(table, "gigs") == 0) {
		/* (2): a status that later payments changed is derived, not in the way */
		GPtrArray *names = table_columns(a->db, a->columns, table);
		bool only_status = true;
		for (int i = 0; i < ncol && only_status; i++) {
			sqlite3_value *o = NULL, *c = NULL;
			sqlite3changeset_old(it, i, &o);
			sqlite3changeset_conflict(it, i, &c);
			if (o == NULL || c == NULL || values_equal(o, c))
				continue;
			only_status =
			    (guint)i < names->len && strcmp(names->pdata[i], "status") == 0;
		}
		if (only_status)
			return SQLITE_CHANGESET_REPLACE;
	}
	if (a->conflict_key == NULL)
		a->conflict_key = item_key(it);
	return SQLITE_CHANGESET_ABORT;
}

/* The latest entry after `after` whose record touches `key`, 0 if none. */
static int64_t
entry_touching(sqlite3 *db, int64_t after, const char *key, char **out_command)
{
	sqlite3_stmt *st = NULL;
	int64_t found = 0;
	if (sqlite3_prepare_v2(db,
	                       "SELECT id, command, changeset FROM change_log"
	                       " WHERE id > ?1 AND changeset IS NOT NULL ORDER BY id DESC",
	                       -1, &st, NULL) != SQLITE_OK)
		return 0;
	sqlite3_bind_int64(st, 1, after);
	while (found == 0 && sqlite3_step(st) == SQLITE_ROW) {
		g_autoptr(GHashTable) keys =
		    changeset_keys(sqlite3_column_blob(st, 2), sqlite3_column_bytes(st, 2));
		if (g_hash_table_contains(keys, key)) {
			found = sqlite3_column_int64(st, 0);
			*out_command = g_strdup((const char *)sqlite3_column_text(st, 1));
		}
	}
	sqlite3_finalize(st);
	return found;
}

/* AMBIGUOUS naming the change in the way of entry `target`'s undo or redo. */
static bool
in_the_way(sqlite3 *db, int64_t target, const char *what, const char *key, GError **error)
{
	g_autofree char *command = NULL;
	int64_t by = key ? entry_touching(db, target, key, &command) : 0;
	g_autofree char *row = g_strdup(key ? key : "");
	char *colon = strchr(row, ':');
	if (colon)
		*colon = '\0';
	if (by)
		g_set_error(error, GIG_ERROR, GIG_ERROR_AMBIGUOUS,
		            "cannot %s change #%" G_GINT64_FORMAT ": change #%" G_GINT64_FORMAT
		            " (%s) changed the same row (%s #%s) since; undo it first",
		            what, target, by, command && *command ? command : "unnamed", row,
		            colon ? colon + 1 : "");
	else if (key)
		g_set_error(error, GIG_ERROR, GIG_ERROR_AMBIGUOUS,
		            "cannot %s change #%" G_GINT64_FORMAT ": %s #%s was changed since"
		            " (by an import or a later change); nothing was changed",
		            what, target, row, colon ? colon + 1 : "");
	else
		g_set_error(error, GIG_ERROR, GIG_ERROR_AMBIGUOUS,
		            "cannot %s change #%" G_GINT64_FORMAT ": a later change refers to a"
		            " row it would remove (see gig history); undo that first",
		            what, target);
	return false;
}

/* Runs one statement with ?1 = a JSON array of ids; *out_ids gets the ids of the
 * first column of the rows it returns (a statement without rows adds none). */
static bool
run_with_ids(sqlite3 *db, const char *sql, const char *ids, GString *out_ids, GError **error)
{
	g_autoptr(sqlite3_stmt) st = NULL;
	if (!gig__db_prepare(db, sql, &st, error))
		return false;
	sqlite3_bind_text(st, 1, ids, -1, SQLITE_STATIC);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if (out_ids)
			g_string_append_printf(out_ids, "%s%lld", out_ids->len > 1 ? "," : "",
			                       (long long)sqlite3_column_int64(st, 0));
	if (rc != SQLITE_DONE)
		return gig__db_fail(db, rc, "keeping the totals exact", error);
	return true;
}

static const char sql_rollup_out[] =
    "UPDATE monthly_totals SET inflow_minor = inflow_minor - d.i,"
    " outflow_minor = outflow_minor - d.o, n = monthly_totals.n - d.n"
    " FROM (SELECT account_id AS a, substr(posted_on, 1, 7) AS m, ifnull(category_id, 0) AS c,"
    " pending AS p, sum(max(amount_minor, 0)) AS i, sum(min(amount_minor, 0)) AS o,"
    " count(*) AS n FROM transactions WHERE id IN (SELECT value FROM json_each(?1))"
    " GROUP BY 1, 2, 3, 4) AS d"
    " WHERE account_id = d.a AND month = d.m AND category_id = d.c AND pending = d.p";
static const char sql_rollup_empty[] = "DELETE FROM monthly_totals WHERE n = 0";
static const char sql_rollup_in[] =
    "INSERT INTO monthly_totals(account_id, month, category_id, pending, inflow_minor,"
    " outflow_minor, n)"
    " SELECT account_id, substr(posted_on, 1, 7), ifnull(category_id, 0), pending,"
    " sum(max(amount_minor, 0)), sum(min(amount_minor, 0)), count(*) FROM transactions"
    " WHERE id IN (SELECT value FROM json_each(?1)) GROUP BY 1, 2, 3, 4"
    " ON CONFLICT DO UPDATE SET inflow_minor = inflow_minor + excluded.inflow_minor,"
    " outflow_minor = outflow_minor + excluded.outflow_minor, n = n + excluded.n";
static const char sql_paid_gigs[] =
    "SELECT DISTINCT gig_id FROM transactions"
    " WHERE id IN (SELECT value FROM json_each(?1)) AND gig_id IS NOT NULL";
static const char sql_gig_status[] =
    "UPDATE gigs SET status = (SELECT status FROM gig_status_due WHERE gig_id = gigs.id)"
    " WHERE id IN (SELECT value FROM json_each(?1))";

/* Applies a changeset inside the caller's transaction, keeping the rollup and gig
 * statuses exact ((1)-(3) above).  `target` and `what` are for messages. */
static bool
apply_exactly(sqlite3 *db, const void *data, int n, int64_t target, const char *what,
              GError **error)
{
	g_autoptr(GString) txns = g_string_new("[");
	g_autoptr(GString) gigs = g_string_new("[");
	collect_ids(data, n, txns, gigs);
	g_string_append_c(txns, ']');
	/* (1): out of the rollup as they are now */
	if (!run_with_ids(db, sql_paid_gigs, txns->str, gigs, error) ||
	    !run_with_ids(db, sql_rollup_out, txns->str, NULL, error) ||
	    !run_with_ids(db, sql_rollup_empty, txns->str, NULL, error))
		return false;
	struct apply_ctx a = {.db = db, .columns = columns_cache_new()};
	int was_on = 1;
	sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_TRIGGER, -1, &was_on);
	sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, NULL);
	int rc = sqlite3changeset_apply(db, n, (void *)data, NULL, on_conflict, &a);
	sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_TRIGGER, was_on, NULL);
	g_hash_table_unref(a.columns);
	bool ok = true;
	if (a.conflict_key || a.foreign_key) {
		ok = in_the_way(db, target, what, a.conflict_key, error);
	} else if (rc != SQLITE_OK) {
		ok = gig__db_fail(db, rc, what, error);
	}
	g_free(a.conflict_key);
	if (!ok)
		return false;
	/* (3): the apply touched only the changeset's rows */
	sqlite3_session *s = gig__journal_session(db);
	if (s) {
		int sn = 0;
		void *sdata = NULL;
		rc = sqlite3session_changeset(s, &sn, &sdata);
		if (rc != SQLITE_OK)
			return gig__db_fail(db, rc, what, error);
		g_autoptr(GHashTable) mine = changeset_keys(data, n);
		sqlite3_changeset_iter *it = NULL;
		char *extra = NULL;
		if (sn > 0 && sqlite3changeset_start(&it, sn, sdata) == SQLITE_OK) {
			while (extra == NULL && sqlite3changeset_next(it) == SQLITE_ROW) {
				char *k = item_key(it);
				if (!g_hash_table_contains(mine, k))
					extra = k;
				else
					g_free(k);
			}
			sqlite3changeset_finalize(it);
		}
		sqlite3_free(sdata);
		if (extra) {
			in_the_way(db, target, what, extra, error);
			g_free(extra);
			return false;
		}
	}
	/* (1): back into the rollup as they are now, and the statuses */
	if (!run_with_ids(db, sql_paid_gigs, txns->str, gigs, error))
		return false;
	g_string_append_c(gigs, ']');
	return run_with_ids(db, sql_rollup_in, txns->str, NULL, error) &&
	       run_with_ids(db, sql_gig_status, gigs->str, NULL, error);
}

/* An entry as undo and redo need it. */
struct entry {
	int64_t id;
	gig_change_kind kind;
	int64_t batch_id;
	int64_t undone_by;
	char *summary;
	void *changeset;
	int n;
};

static void
entry_clear(struct entry *e)
{
	g_free(e->summary);
	g_free(e->changeset);
	memset(e, 0, sizeof *e);
}

/* Reads the entry `sql` selects (id, kind, batch, undone_by, summary, changeset);
 * false with NOT_FOUND (`missing`) when there is none. */
static bool
entry_read(sqlite3 *db, const char *sql, int64_t arg, struct entry *e, const char *missing,
           GError **error)
{
	g_autoptr(sqlite3_stmt) st = NULL;
	if (!gig__db_prepare(db, sql, &st, error))
		return false;
	sqlite3_bind_int64(st, 1, arg);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_DONE) {
		g_set_error(error, GIG_ERROR, GIG_ERROR_NOT_FOUND, missing, arg);
		return false;
	}
	if (rc != SQLITE_ROW)
		return gig__db_fail(db, rc, "reading the change log", error);
	e->id = sqlite3_column_int64(st, 0);
	e->kind = kind_parse((const char *)sqlite3_column_text(st, 1));
	e->batch_id = sqlite3_column_int64(st, 2);
	e->undone_by = sqlite3_column_int64(st, 3);
	e->summary = g_strdup((const char *)sqlite3_column_text(st, 4));
	e->n = sqlite3_column_bytes(st, 5);
	e->changeset = e->n > 0 ? g_memdup2(sqlite3_column_blob(st, 5), (gsize)e->n) : NULL;
	return true;
}

#define ENTRY_COLUMNS                                                                              \
	"SELECT id, kind, ifnull(batch_id, 0), ifnull(undone_by, 0), summary, changeset"           \
	" FROM change_log "

/* An import's rows that a later change (still in effect) edited, split or removed
 * would go with the import: AMBIGUOUS naming that change. */
static bool
import_unblocked(sqlite3 *db, const struct entry *e, GError **error)
{
	g_autoptr(sqlite3_stmt) st = NULL;
	g_autoptr(sqlite3_stmt) owner = NULL;
	if (!gig__db_prepare(db,
	                     "SELECT id, command, changeset FROM change_log WHERE id > ?1"
	                     " AND kind = 'change' AND undone_by IS NULL ORDER BY id DESC",
	                     &st, error) ||
	    !gig__db_prepare(
	        db, "SELECT 1 FROM transactions AS t WHERE t.id = ?2 AND " GIG__IN_BATCH("t", "?1"),
	        &owner, error))
		return false;
	sqlite3_bind_int64(st, 1, e->id);
	sqlite3_bind_int64(owner, 1, e->batch_id);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		sqlite3_changeset_iter *it = NULL;
		if (sqlite3changeset_start(&it, sqlite3_column_bytes(st, 2),
		                           (void *)sqlite3_column_blob(st, 2)) != SQLITE_OK)
			continue;
		bool hit = false;
		int64_t txn = 0;
		while (!hit && sqlite3changeset_next(it) == SQLITE_ROW) {
			const char *table = NULL;
			int ncol = 0, op = 0;
			sqlite3changeset_op(it, &table, &ncol, &op, NULL);
			if (strcmp(table, "transactions") != 0)
				continue;
			sqlite3_value *id = NULL, *batch = NULL;
			if (op == SQLITE_INSERT) {
				sqlite3changeset_new(it, 0, &id);
				sqlite3changeset_new(it, 9, &batch);
			} else {
				sqlite3changeset_old(it, 0, &id);
				sqlite3changeset_old(it, 9, &batch);
			}
			txn = id ? sqlite3_value_int64(id) : 0;
			if (batch && sqlite3_value_type(batch) == SQLITE_INTEGER) {
				hit = sqlite3_value_int64(batch) == e->batch_id;
			} else {
				sqlite3_bind_int64(owner, 2, txn);
				int orc = sqlite3_step(owner);
				sqlite3_reset(owner);
				if (orc != SQLITE_ROW && orc != SQLITE_DONE) {
					sqlite3changeset_finalize(it);
					return gig__db_fail(db, orc, "checking later changes",
					                    error);
				}
				hit = orc == SQLITE_ROW;
			}
		}
		sqlite3changeset_finalize(it);
		if (hit) {
			const char *cmd = (const char *)sqlite3_column_text(st, 1);
			g_set_error(error, GIG_ERROR, GIG_ERROR_AMBIGUOUS,
			            "cannot undo change #%" G_GINT64_FORMAT
			            " (import batch %" G_GINT64_FORMAT
			            "): change #%" G_GINT64_FORMAT
			            " (%s) changed its transaction #%" G_GINT64_FORMAT
			            " since; undo it first",
			            e->id, e->batch_id, (int64_t)sqlite3_column_int64(st, 0),
			            cmd && *cmd ? cmd : "unnamed", txn);
			return false;
		}
	}
	/* a failed step is an error, not "no later change" (the undo would go ahead) */
	if (rc != SQLITE_DONE)
		return gig__db_fail(db, rc, "checking later changes", error);
	return true;
}

bool
gig_ledger_undo(gig_ledger *ledger, int64_t change_id, int64_t *out_entry, GError **error)
{
	g_return_val_if_fail(ledger != NULL, false);
	sqlite3 *db = gig__ledger_db(ledger);
	struct entry e = {0};
	/* read first, to know whether the transaction records a changeset */
	bool ok = change_id > 0
	              ? entry_read(db, ENTRY_COLUMNS "WHERE id = ?1", change_id, &e,
	                           "no change #%" G_GINT64_FORMAT " (see gig history)", error)
	              : entry_read(db,
	                           ENTRY_COLUMNS "WHERE kind IN ('change', 'import')"
	                                         " AND undone_by IS NULL AND ?1 = 0"
	                                         " ORDER BY id DESC LIMIT 1",
	                           0, &e, "nothing to undo", error);
	if (!ok)
		return false;
	if (e.kind == GIG_CHANGE_UNDO || e.kind == GIG_CHANGE_REDO ||
	    e.kind == GIG_CHANGE_IMPORT_UNDO) {
		g_set_error(error, GIG_ERROR, GIG_ERROR_INVALID_INPUT,
		            "change #%" G_GINT64_FORMAT " is %s; %s", e.id,
		            e.kind == GIG_CHANGE_UNDO   ? "an undo"
		            : e.kind == GIG_CHANGE_REDO ? "a redo"
		                                        : "an import undo",
		            e.kind == GIG_CHANGE_UNDO ? "'gig redo' applies the change again"
		            : e.kind == GIG_CHANGE_REDO
		                ? "undo the change it applied again instead"
		                : "import the file again to bring its rows back");
		entry_clear(&e);
		return false;
	}
	if (e.undone_by) {
		g_set_error(error, GIG_ERROR, GIG_ERROR_INVALID_INPUT,
		            "change #%" G_GINT64_FORMAT " is already undone (by #%" G_GINT64_FORMAT
		            ")",
		            e.id, e.undone_by);
		entry_clear(&e);
		return false;
	}
	bool import = e.kind == GIG_CHANGE_IMPORT;
	if (import)
		gig__journal_bulk(db);
	if (!gig__tx_begin(db, error)) {
		entry_clear(&e);
		return false;
	}
	/* the same entry, still in effect, now that the write lock is held */
	struct entry now = {0};
	ok = entry_read(db, ENTRY_COLUMNS "WHERE id = ?1 AND undone_by IS NULL", e.id, &now,
	                "change #%" G_GINT64_FORMAT " was undone meanwhile", error);
	entry_clear(&now);
	if (ok && import) {
		int64_t removed = 0;
		ok = import_unblocked(db, &e, error) &&
		     gig__import_undo_in_tx(db, e.batch_id, &removed, error);
		if (ok) {
			gig__journal_entry(db, "import_undo", e.batch_id, e.id);
			gig__journal_summary(db,
			                     "undo of #%" G_GINT64_FORMAT
			                     ": import batch %" G_GINT64_FORMAT
			                     " removed (%" G_GINT64_FORMAT " rows)",
			                     e.id, e.batch_id, removed);
		}
	} else if (ok) {
		void *inv = NULL;
		int ninv = 0;
		int rc =
		    e.n > 0 ? sqlite3changeset_invert(e.n, e.changeset, &ninv, &inv) : SQLITE_OK;
		if (rc != SQLITE_OK)
			ok = gig__db_fail(db, rc, "inverting the change", error);
		ok = ok && apply_exactly(db, inv, ninv, e.id, "undo", error);
		sqlite3_free(inv);
		if (ok) {
			gig__journal_entry(db, "undo", 0, e.id);
			gig__journal_summary(db, "undo of #%" G_GINT64_FORMAT ": %s", e.id,
			                     e.summary ? e.summary : "");
		}
	}
	int64_t id = e.id;
	entry_clear(&e);
	if (!gig__tx_end(db, ok, error))
		return false;
	if (out_entry)
		*out_entry = id;
	return true;
}

bool
gig_ledger_redo(gig_ledger *ledger, int64_t *out_entry, GError **error)
{
	g_return_val_if_fail(ledger != NULL, false);
	sqlite3 *db = gig__ledger_db(ledger);
	if (!gig__tx_begin(db, error))
		return false;
	struct entry e = {0};
	bool ok = entry_read(db,
	                     "SELECT c.id, c.kind, ifnull(c.batch_id, 0), ifnull(c.undone_by, 0),"
	                     " c.summary, c.changeset FROM change_log c"
	                     " JOIN change_log u ON u.id = c.undone_by WHERE ?1 = 0"
	                     " ORDER BY u.id DESC LIMIT 1",
	                     0, &e, "nothing to redo", error);
	if (ok && e.kind == GIG_CHANGE_IMPORT) {
		g_set_error(error, GIG_ERROR, GIG_ERROR_INVALID_INPUT,
		            "the last change undone is import batch %" G_GINT64_FORMAT
		            " (#%" G_GINT64_FORMAT "); import the file again to bring it back",
		            e.batch_id, e.id);
		ok = false;
	}
	ok = ok && apply_exactly(db, e.changeset, e.n, e.id, "redo", error);
	if (ok) {
		gig__journal_entry(db, "redo", 0, e.id);
		gig__journal_summary(db, "redo of #%" G_GINT64_FORMAT ": %s", e.id,
		                     e.summary ? e.summary : "");
	}
	int64_t id = e.id;
	entry_clear(&e);
	if (!gig__tx_end(db, ok, error))
		return false;
	if (out_entry)
		*out_entry = id;
	return true;
}
