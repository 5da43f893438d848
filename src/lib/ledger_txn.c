/*
 * ledger_txn.c: categories and hand-entered transactions, and the ordered
 * walk over every transaction that exports and reports build on.
 */
#include <string.h>

#include "db.h"
#include "internal.h"

void
gig_category_free(gig_category *category)
{
	if (category == NULL)
		return;
	g_free(category->name);
	g_free(category->stream);
	g_free(category);
}

static gig_category *
category_from_row(sqlite3_stmt *st)
{
	gig_category *c = g_new0(gig_category, 1);
	c->id = sqlite3_column_int64(st, 0);
	c->name = g_strdup((const char *)sqlite3_column_text(st, 1));
	gig_category_kind kind = GIG_CATEGORY_EXPENSE;
	gig_category_kind_parse(&kind, (const char *)sqlite3_column_text(st, 2), NULL);
	c->kind = kind;
	c->essential = sqlite3_column_int(st, 3) != 0;
	c->deductible = sqlite3_column_int(st, 4) != 0;
	c->stream = g_strdup((const char *)sqlite3_column_text(st, 5));
	return c;
}

#define CATEGORY_COLUMNS "SELECT id, name, kind, essential, deductible, stream FROM categories"

bool
gig_ledger_categories(gig_ledger *ledger, GPtrArray **out, GError **error)
{
	sqlite3 *db = gig__ledger_db(ledger);
	g_autoptr(sqlite3_stmt) st = NULL;
	if (!gig__db_prepare(db, CATEGORY_COLUMNS " ORDER BY kind, name COLLATE NOCASE", &st,
	                     error))
		return false;
	g_autoptr(GPtrArray) list =
	    g_ptr_array_new_with_free_func((GDestroyNotify)gig_category_free);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		g_ptr_array_add(list, category_from_row(st));
	if (rc != SQLITE_DONE)
		return gig__db_fail(db, rc, "reading categories", error);
	*out = g_steal_pointer(&list);
	return true;
}

/* NOT_FOUND for an unknown category, suggesting names that contain the text. */
static bool
category_not_found(sqlite3 *db, const char *name, GError **error)
{
	g_autoptr(sqlite3_stmt) st = NULL;
	GString *near = g_string_new(NULL);
	if (sqlite3_prepare_v2(db,
	                       "SELECT name FROM categories WHERE instr(lower(name), lower(?)) > 0"
	                       " ORDER BY name LIMIT 5",
	                       -1, &st, NULL) == SQLITE_OK) {
		sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
		while (sqlite3_step(st) == SQLITE_ROW) {
			g_string_append(near, near->len ? ", " : "");
			g_string_append(near, (const char *)sqlite3_column_text(st, 0));
		}
	}
	if (near->len)
		g_set_error(error, GIG_ERROR, GIG_ERROR_NOT_FOUND,
		            "unknown category '%s'; did you mean: %s", name, near->str);
	else
		g_set_error(error, GIG_ERROR, GIG_ERROR_NOT_FOUND,
		            "unknown category '%s'; 'gig categories' lists them", name);
	g_string_free(near, true);
	return false;
}

bool
gig__category_lookup(sqlite3 *db, const char *name, int64_t *out_id, GError **error)
{
	g_autoptr(sqlite3_stmt) st = NULL;
	if (!gig__db_prepare(db, "SELECT id FROM categories WHERE name = ? COLLATE NOCASE", &st,
	                     error))
		return false;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*out_id = sqlite3_column_int64(st, 0);
		return true;
	}
	if (rc != SQLITE_DONE)
		return gig__db_fail(db, rc, "looking up a category", error);
	return category_not_found(db, name, error);
}

bool
gig_ledger_category_find(gig_ledger *ledger, const char *name, gig_category **out, GError **error)
{
	sqlite3 *db = gig__ledger_db(ledger);
	g_autoptr(sqlite3_stmt) st = NULL;
	if (!gig__db_prepare(db, CATEGORY_COLUMNS " WHERE name = ? COLLATE NOCASE", &st, error))
		return false;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*out = category_from_row(st);
		return true;
	}
	if (rc != SQLITE_DONE)
		return gig__db_fail(db, rc, "looking up a category", error);
	return category_not_found(db, name, error);
}

/* Runs one write statement with text/int arguments inside its own transaction. */
static bool
write_one(sqlite3 *db, const char *sql, const char *what, const char *dup_name, bool expect_change,
          GError **error, int nargs, const char *const *args)
{
	if (!gig__tx_begin(db, error))
		return false;
	g_autoptr(sqlite3_stmt) st = NULL;
	bool ok = gig__db_prepare(db, sql, &st, error);
	for (int i = 0; ok && i < nargs; i++)
		sqlite3_bind_text(st, i + 1, args[i], -1, SQLITE_STATIC);
	if (ok) {
		int rc = sqlite3_step(st);
		if (rc == SQLITE_CONSTRAINT_UNIQUE) {
			g_set_error(error, GIG_ERROR, GIG_ERROR_DUPLICATE, "'%s' already exists",
			            dup_name);
			ok = false;
		} else if (rc != SQLITE_DONE) {
			ok = gig__db_fail(db, rc, what, error);
		} else if (expect_change && sqlite3_changes(db) == 0) {
			ok = category_not_found(db, args[nargs - 1], error);
		}
	}
	return gig__tx_end(db, ok, error);
}

bool
gig_ledger_category_add(gig_ledger *ledger, const char *name, gig_category_kind kind,
                        bool essential, bool deductible, int64_t *out_id, GError **error)
{
	g_autofree char *clean = g_strstrip(g_strdup(name ? name : ""));
	if (*clean == '\0') {
		g_set_error(error, GIG_ERROR, GIG_ERROR_INVALID_INPUT, "a category needs a name");
		return false;
	}
	const char *args[] = {clean, gig_category_kind_name(kind), essential ? "1" : "0",
	                      deductible ? "1" : "0"};
	sqlite3 *db = gig__ledger_db(ledger);
	if (!write_one(db,
	               "INSERT INTO categories(name, kind, essential, deductible)"
	               " VALUES (?, ?, CAST(? AS INTEGER), CAST(? AS INTEGER))",
	               "adding the category", clean, false, error, 4, args))
		return false;
	if (out_id)
		*out_id = sqlite3_last_insert_rowid(db);
	return true;
}

bool
gig_ledger_category_rename(gig_ledger *ledger, const char *old_name, const char *new_name,
                           GError **error)
{
	g_autofree char *clean = g_strstrip(g_strdup(new_name ? new_name : ""));
	if (*clean == '\0') {
		g_set_error(error, GIG_ERROR, GIG_ERROR_INVALID_INPUT, "a category needs a name");
		return false;
	}
	const char *args[] = {clean, old_name};
	return write_one(gig__ledger_db(ledger),
	                 "UPDATE categories SET name = ? WHERE name = ? COLLATE NOCASE",
	                 "renaming the category", clean, true, error, 2, args);
}

bool
gig_ledger_category_set_flags(gig_ledger *ledger, const char *name, int essential, int deductible,
                              GError **error)
{
	const char *args[] = {essential < 0 ? "-1"
	                      : essential   ? "1"
	                                    : "0",
	                      deductible < 0 ? "-1"
	                      : deductible   ? "1"
	                                     : "0",
	                      name};
	return write_one(
	    gig__ledger_db(ledger),
	    "UPDATE categories"
	    " SET essential = iif(CAST(?1 AS INTEGER) < 0, essential, CAST(?1 AS INTEGER)),"
	    " deductible = iif(CAST(?2 AS INTEGER) < 0, deductible, CAST(?2 AS INTEGER))"
	    " WHERE name = ?3 COLLATE NOCASE",
	    "updating the category", name, true, error, 3, args);
}

bool
gig__txn_inserted(sqlite3 *db, int64_t txn_id, GError **error)
{
	static const char *const sql[] = {
	    "INSERT INTO monthly_totals(account_id, month, category_id, pending, inflow_minor,"
	    " outflow_minor, n)"
	    " SELECT account_id, substr(posted_on, 1, 7), ifnull(category_id, 0), pending,"
	    " max(amount_minor, 0), min(amount_minor, 0), 1 FROM transactions WHERE id = ?1"
	    " ON CONFLICT DO UPDATE SET inflow_minor = inflow_minor + excluded.inflow_minor,"
	    " outflow_minor = outflow_minor + excluded.outflow_minor, n = n + 1",
	    "UPDATE gigs SET status = (SELECT status FROM gig_status_due WHERE gig_id = gigs.id)"
	    " WHERE id = (SELECT gig_id FROM transactions WHERE id = ?1)",
	};
	for (size_t i = 0; i < G_N_ELEMENTS(sql); i++) {
		g_autoptr(sqlite3_stmt) st = NULL;
		if (!gig__db_prepare(db, sql[i], &st, error))
			return false;
		sqlite3_bind_int64(st, 1, txn_id);
		int rc = sqlite3_step(st);
		if (rc != SQLITE_DONE)
			return gig__db_fail(db, rc, "updating the monthly totals", error);
	}
	return true;
}

bool
gig__rollup_add(sqlite3 *db, int64_t account_id, const char *month, int64_t category_id,
                bool pending, int64_t inflow_minor, int64_t outflow_minor, int64_t n,
                GError **error)
{
	g_autoptr(sqlite3_stmt) st = NULL;
	if (!gig__db_prepare(db,
	                     "INSERT INTO monthly_totals(account_id, month, category_id, pending,"
	                     " inflow_minor, outflow_minor, n) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"
	                     " ON CONFLICT DO UPDATE SET"
	                     " inflow_minor = inflow_minor + excluded.inflow_minor,"
	                     " outflow_minor = outflow_minor + excluded.outflow_minor,"
	                     " n = n + excluded.n",
	                     &st, error))
		return false;
	sqlite3_bind_int64(st, 1, account_id);
	sqlite3_bind_text(st, 2, month, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, category_id);
	sqlite3_bind_int(st, 4, pending);
	sqlite3_bind_int64(st, 5, inflow_minor);
	sqlite3_bind_int64(st, 6, outflow_minor);
	sqlite3_bind_int64(st, 7, n);
	int rc = sqlite3_step(st);
	if (rc != SQLITE_DONE)
		return gig__db_fail(db, rc, "updating the monthly totals", error);
	return true;
}

bool
gig_ledger_txn_add(gig_ledger *ledger, const gig_txn_spec *spec, int64_t *out_id, GError **error)
{
	g_return_val_if_fail(spec != NULL, false);
	sqlite3 *db = gig__ledger_db(ledger);
	if (spec->posted_on == GIG_DATE_NONE) {
		g_set_error(error, GIG_ERROR, GIG_ERROR_INVALID_INPUT,
		            "a transaction needs a date");
		return false;
	}
	if (!gig__amount_check(spec->amount_minor, "a transaction", error))
		return false;
	if (!gig__tx_begin(db, error))
		return false;
	int64_t account_id = 0, category_id = 0;
	bool ok = gig__account_lookup(db, spec->account, &account_id, NULL, error);
	if (ok && spec->category)
		ok = gig__category_lookup(db, spec->category, &category_id, error);
	g_autoptr(sqlite3_stmt) st = NULL;
	if (ok)
		ok = gig__db_prepare(db,
		                     "INSERT INTO transactions(account_id, posted_on, amount_minor,"
		                     " payee, memo, category_id, pending) VALUES (?,?,?,?,?,?,?)",
		                     &st, error);
	if (ok) {
		sqlite3_bind_int64(st, 1, account_id);
		gig__bind_date(st, 2, spec->posted_on);
		sqlite3_bind_int64(st, 3, spec->amount_minor);
		sqlite3_bind_text(st, 4, spec->payee ? spec->payee : "", -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 5, spec->memo ? spec->memo : "", -1, SQLITE_STATIC);
		if (category_id)
			sqlite3_bind_int64(st, 6, category_id);
		else
			sqlite3_bind_null(st, 6);
		sqlite3_bind_int(st, 7, spec->pending);
		int rc = sqlite3_step(st);
		if (rc != SQLITE_DONE)
			ok = gig__db_fail(db, rc, "adding the transaction", error);
	}
	int64_t id = sqlite3_last_insert_rowid(db);
	ok = ok && gig__txn_inserted(db, id, error);
	if (!gig__tx_end(db, ok, error))
		return false;
	if (out_id)
		*out_id = id;
	return true;
}

bool
gig_ledger_txn_set_category(gig_ledger *ledger, int64_t txn_id, const char *category,
                            GError **error)
{
	sqlite3 *db = gig__ledger_db(ledger);
	if (!gig__tx_begin(db, error))
		return false;
	int64_t category_id = 0;
	bool ok = category == NULL || gig__category_lookup(db, category, &category_id, error);
	g_autoptr(sqlite3_stmt) st = NULL;
	if (ok)
		ok = gig__db_prepare(db, "UPDATE transactions SET category_id = ? WHERE id = ?",
		                     &st, error);
	if (ok) {
		if (category_id)
			sqlite3_bind_int64(st, 1, category_id);
		else
			sqlite3_bind_null(st, 1);
		sqlite3_bind_int64(st, 2, txn_id);
		int rc = sqlite3_step(st);
		if (rc != SQLITE_DONE) {
			ok = gig__db_fail(db, rc, "categorising", error);
		} else if (sqlite3_changes(db) == 0) {
			g_set_error(error, GIG_ERROR, GIG_ERROR_NOT_FOUND,
			            "no transaction with id %" G_GINT64_FORMAT, txn_id);
			ok = false;
		}
	}
	return gig__tx_end(db, ok, error);
}

bool
gig_ledger_txn_foreach(gig_ledger *ledger, gig_txn_cb cb, void *payload, GError **error)
{
	sqlite3 *db = gig__ledger_db(ledger);
	g_autoptr(sqlite3_stmt) st = NULL;
	if (!gig__db_prepare(db,
	                     "SELECT t.id, t.account_id, a.name, a.currency, t.posted_on,"
	                     " t.amount_minor, t.payee, t.memo, ifnull(t.category_id, 0), c.name,"
	                     " c.kind, ifnull(t.gig_id, 0), t.pending, ifnull(t.batch_id, 0)"
	                     " FROM transactions t JOIN accounts a ON a.id = t.account_id"
	                     " LEFT JOIN categories c ON c.id = t.category_id"
	                     " ORDER BY t.posted_on, t.id",
	                     &st, error))
		return false;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		gig_txn t = {0};
		t.id = sqlite3_column_int64(st, 0);
		t.account_id = sqlite3_column_int64(st, 1);
		t.account = (const char *)sqlite3_column_text(st, 2);
		t.currency = (const char *)sqlite3_column_text(st, 3);
		t.posted_on = gig__column_date(st, 4);
		t.amount_minor = sqlite3_column_int64(st, 5);
		t.payee = (const char *)sqlite3_column_text(st, 6);
		t.memo = (const char *)sqlite3_column_text(st, 7);
		t.category_id = sqlite3_column_int64(st, 8);
		t.category = (const char *)sqlite3_column_text(st, 9);
		gig_category_kind kind = GIG_CATEGORY_EXPENSE;
		if (sqlite3_column_type(st, 10) != SQLITE_NULL)
			gig_category_kind_parse(&kind, (const char *)sqlite3_column_text(st, 10),
			                        NULL);
		t.category_kind = kind;
		t.gig_id = sqlite3_column_int64(st, 11);
		t.pending = sqlite3_column_int(st, 12) != 0;
		t.batch_id = sqlite3_column_int64(st, 13);
		if (!cb(&t, payload))
			return true;
	}
	if (rc != SQLITE_DONE)
		return gig__db_fail(db, rc, "reading transactions", error);
	return true;
}
