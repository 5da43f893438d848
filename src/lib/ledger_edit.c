/*
 * ledger_edit.c: corrections (edit.h).  Each function is one transaction; the
 * update and delete triggers of transactions (sql/0009) keep the rollup and the gig
 * statuses of the rows they change, inserts (split parts) go through
 * gig__txn_inserted, and gig edits recompute the gig's status.  The change log
 * (db.c) records each call without anything done here but naming the summary.
 */
#include <string.h>

#include "db.h"
#include "gigledger/edit.h"
#include "internal.h"

/* What the edits need to know of a transaction. */
struct txn_row {
	int64_t id;
	int64_t account_id;
	char posted_on[GIG_DATE_BUFSZ];
	int64_t amount_minor;
	bool has_fp;
	char *fingerprint;
	int64_t gig_id;
	int64_t parent_id; /* the split row it is a part of, 0 = none */
	int64_t parts;     /* its own parts */
	int64_t parts_sum; /* their amounts */
	char currency[4];
	bool account_closed;
};

static void
txn_row_clear(struct txn_row *t)
{
	g_free(t->fingerprint);
	t->fingerprint = NULL;
}

static bool
txn_read(sqlite3 *db, int64_t id, struct txn_row *t, GError **error)
{
	g_autoptr(sqlite3_stmt) st = NULL;
	if (!gig__db_prepare(
	        db,
	        "SELECT t.account_id, t.posted_on, t.amount_minor, t.fingerprint,"
	        " ifnull(t.gig_id, 0),"
	        " ifnull((SELECT parent_id FROM txn_splits WHERE part_id = t.id), 0),"
	        " (SELECT count(*) FROM txn_splits WHERE parent_id = t.id),"
	        " (SELECT ifnull(sum(p.amount_minor), 0) FROM txn_splits s"
	        "  JOIN transactions p ON p.id = s.part_id WHERE s.parent_id = t.id),"
	        " a.currency, a.closed"
	        " FROM transactions t JOIN accounts a ON a.id = t.account_id WHERE t.id = ?1",
	        &st, error))
		return false;
	sqlite3_bind_int64(st, 1, id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_DONE) {
		g_set_error(error, GIG_ERROR, GIG_ERROR_NOT_FOUND,
		            "no transaction #%" G_GINT64_FORMAT " (gig txn list shows them)", id);
		return false;
	}
	if (rc != SQLITE_ROW)
		return gig__db_fail(db, rc, "reading the transaction", error);
	t->id = id;
	t->account_id = sqlite3_column_int64(st, 0);
	g_strlcpy(t->posted_on, (const char *)sqlite3_column_text(st, 1), sizeof t->posted_on);
	t->amount_minor = sqlite3_column_int64(st, 2);
	t->has_fp = sqlite3_column_type(st, 3) != SQLITE_NULL;
	t->fingerprint = g_strdup((const char *)sqlite3_column_text(st, 3));
	t->gig_id = sqlite3_column_int64(st, 4);
	t->parent_id = sqlite3_column_int64(st, 5);
	t->parts = sqlite3_column_int64(st, 6);
	t->parts_sum = sqlite3_column_int64(st, 7);
	g_strlcpy(t->currency, (const char *)sqlite3_column_text(st, 8), sizeof t->currency);
	t->account_closed = sqlite3_column_int(st, 9) != 0;
	return true;
}

/* Runs `sql` with integer arguments (count of them in n, up to 4); the number of
 * rows changed in *changes (may be NULL). */
static bool
exec_ids(sqlite3 *db, const char *sql, const char *what, int64_t *changes, int n, int64_t a,
         int64_t b, int64_t c, GError **error)
{
	g_autoptr(sqlite3_stmt) st = NULL;
	if (!gig__db_prepare(db, sql, &st, error))
		return false;
	int64_t args[3] = {a, b, c};
	for (int i = 0; i < n && i < 3; i++)
		sqlite3_bind_int64(st, i + 1, args[i]);
	int rc = sqlite3_step(st);
	if (rc != SQLITE_DONE)
		return gig__db_fail(db, rc, what, error);
	if (changes)
		*changes = sqlite3_changes(db);
	return true;
}

/* The old bank identity of an imported row is remembered (sql/0011); one the row
 * takes again is forgotten. */
static bool
identity_moved(sqlite3 *db, const struct txn_row *t, int64_t new_account, const char *new_date,
               bool removed, GError **error)
{
	if (!t->has_fp)
		return true;
	g_autoptr(sqlite3_stmt) st = NULL;
	if (!gig__db_prepare(db,
	                     "INSERT OR REPLACE INTO import_removed(account_id, posted_on,"
	                     " fingerprint, txn_id) VALUES (?1, ?2, ?3, ?4)",
	                     &st, error))
		return false;
	sqlite3_bind_int64(st, 1, t->account_id);
	sqlite3_bind_text(st, 2, t->posted_on, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, t->fingerprint, -1, SQLITE_STATIC);
	if (!removed)
		sqlite3_bind_int64(st, 4, t->id);
	int rc = sqlite3_step(st);
	if (rc != SQLITE_DONE)
		return gig__db_fail(db, rc, "remembering the bank's row", error);
	if (removed)
		return true;
	g_autoptr(sqlite3_stmt) back = NULL;
	if (!gig__db_prepare(db,
	                     "DELETE FROM import_removed WHERE account_id = ?1 AND posted_on = ?2"
	                     " AND fingerprint = ?3",
	                     &back, error))
		return false;
	sqlite3_bind_int64(back, 1, new_account);
	sqlite3_bind_text(back, 2, new_date, -1, SQLITE_STATIC);
	sqlite3_bind_text(back, 3, t->fingerprint, -1, SQLITE_STATIC);
	rc = sqlite3_step(back);
	if (rc != SQLITE_DONE)
		return gig__db_fail(db, rc, "remembering the bank's row", error);
	return true;
}

static bool
edit_in_tx(sqlite3 *db, int64_t id, const gig_txn_edit *edit, GError **error)
{
	struct txn_row t = {0};
	if (!txn_read(db, id, &t, error))
		return false;
	bool ok = true;
	bool moves = edit->posted_on != GIG_DATE_NONE || edit->account != NULL;
	if (t.parent_id && (edit->set_amount || moves)) {
		g_set_error(error, GIG_ERROR, GIG_ERROR_INVALID_INPUT,
		            "transaction #%" G_GINT64_FORMAT
		            " is a part of split #%" G_GINT64_FORMAT
		            "; change the amounts with gig txn split %" G_GINT64_FORMAT
		            ", the date or account on #%" G_GINT64_FORMAT,
		            id, t.parent_id, t.parent_id, t.parent_id);
		ok = false;
	} else if (t.parts && edit->set_amount) {
		g_set_error(error, GIG_ERROR, GIG_ERROR_INVALID_INPUT,
		            "transaction #%" G_GINT64_FORMAT " is split; change its amounts with "
		            "gig txn split %" G_GINT64_FORMAT,
		            id, id);
		ok = false;
	} else if (t.account_closed && (edit->set_amount || moves)) {
		g_set_error(error, GIG_ERROR, GIG_ERROR_INVALID_INPUT,
		            "transaction #%" G_GINT64_FORMAT " is in a closed account; its amount,"
		            " date and account stay",
		            id);
		ok = false;
	}
	if (ok && edit->set_amount)
		ok = gig__amount_check(edit->amount_minor, "a transaction", error);
	int64_t account_id = t.account_id, category_id = 0;
	char cur[4] = "";
	if (ok && edit->account) {
		ok = gig__account_lookup(db, edit->account, &account_id, cur, error);
		if (ok && strcmp(cur, t.currency) != 0) {
			g_set_error(error, GIG_ERROR, GIG_ERROR_INVALID_INPUT,
			            "the account '%s' is in %s but the transaction in %s",
			            edit->account, cur, t.currency);
			ok = false;
		}
	}
	if (ok && edit->category && *edit->category)
		ok = gig__category_lookup(db, edit->category, &category_id, error);
	char date[GIG_DATE_BUFSZ];
	g_strlcpy(date, t.posted_on, sizeof date);
	if (edit->posted_on != GIG_DATE_NONE)
		gig_date_format(date, edit->posted_on);
	if (ok && (account_id != t.account_id || strcmp(date, t.posted_on) != 0))
		ok = identity_moved(db, &t, account_id, date, false, error);
	g_autoptr(sqlite3_stmt) st = NULL;
	ok = ok && gig__db_prepare(db,
	                           "UPDATE transactions SET"
	                           " amount_minor = iif(?2, ?3, amount_minor),"
	                           " posted_on = ?4, account_id = ?5,"
	                           " payee = ifnull(?6, payee), memo = ifnull(?7, memo),"
	                           " category_id = iif(?8, nullif(?9, 0), category_id)"
	                           " WHERE id = ?1",
	                           &st, error);
	if (ok) {
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_int(st, 2, edit->set_amount);
		sqlite3_bind_int64(st, 3, edit->amount_minor);
		sqlite3_bind_text(st, 4, date, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 5, account_id);
		if (edit->payee)
			sqlite3_bind_text(st, 6, edit->payee, -1, SQLITE_STATIC);
		if (edit->memo)
			sqlite3_bind_text(st, 7, edit->memo, -1, SQLITE_STATIC);
		sqlite3_bind_int(st, 8, edit->category != NULL);
		sqlite3_bind_int64(st, 9, category_id);
		int rc = sqlite3_step(st);
		if (rc == SQLITE_CONSTRAINT_UNIQUE) {
			g_set_error(error, GIG_ERROR, GIG_ERROR_INVALID_INPUT,
			            "another transaction of that account and date is the same bank "
			            "row as #%" G_GINT64_FORMAT,
			            id);
			ok = false;
		} else if (rc != SQLITE_DONE) {
			ok = gig__db_fail(db, rc, "editing the transaction", error);
		}
	}
	/* the parts of a split row follow it to its date and account */
	if (ok && t.parts && moves) {
		g_autoptr(sqlite3_stmt) parts = NULL;
		ok = gig__db_prepare(
		    db,
		    "UPDATE transactions SET posted_on = ?2, account_id = ?3"
		    " WHERE id IN (SELECT part_id FROM txn_splits WHERE parent_id = ?1)",
		    &parts, error);
		if (ok) {
			sqlite3_bind_int64(parts, 1, id);
			sqlite3_bind_text(parts, 2, date, -1, SQLITE_STATIC);
			sqlite3_bind_int64(parts, 3, account_id);
			int rc = sqlite3_step(parts);
			if (rc != SQLITE_DONE)
				ok = gig__db_fail(db, rc, "moving the split's parts", error);
		}
	}
	txn_row_clear(&t);
	return ok;
}

bool
gig_ledger_txn_edit(gig_ledger *ledger, int64_t txn_id, const gig_txn_edit *edit, GError **error)
{
	g_return_val_if_fail(ledger != NULL && edit != NULL, false);
	sqlite3 *db = gig__ledger_db(ledger);
	if (!gig__tx_begin(db, error))
		return false;
	bool ok = edit_in_tx(db, txn_id, edit, error);
	if (ok)
		gig__journal_summary(db, "transaction #%" G_GINT64_FORMAT " edited", txn_id);
	return gig__tx_end(db, ok, error);
}

bool
gig_ledger_txn_amount(gig_ledger *ledger, int64_t txn_id, int64_t *out_amount, char out_currency[4],
                      GError **error)
{
	g_return_val_if_fail(ledger != NULL, false);
	struct txn_row t = {0};
	if (!txn_read(gig__ledger_db(ledger), txn_id, &t, error))
		return false;
	if (out_amount)
		*out_amount = t.amount_minor + t.parts_sum;
	if (out_currency)
		memcpy(out_currency, t.currency, 4);
	txn_row_clear(&t);
	return true;
}

/* Removes one transaction with its parts and memberships; its bank identity is
 * remembered so that a re-import does not bring it back. */
static bool
remove_in_tx(sqlite3 *db, int64_t id, GError **error)
{
	struct txn_row t = {0};
	if (!txn_read(db, id, &t, error))
		return false;
	bool ok = true;
	if (t.parent_id) {
		g_set_error(error, GIG_ERROR, GIG_ERROR_INVALID_INPUT,
		            "transaction #%" G_GINT64_FORMAT
		            " is a part of split #%" G_GINT64_FORMAT "; split #%" G_GINT64_FORMAT
		            " again without it",
		            id, t.parent_id, t.parent_id);
		ok = false;
	}
	ok = ok && identity_moved(db, &t, 0, NULL, true, error);
	static const char *const sql[] = {
	    "DELETE FROM import_members WHERE txn_id = ?1 OR txn_id IN"
	    " (SELECT part_id FROM txn_splits WHERE parent_id = ?1)",
	    "DELETE FROM transactions WHERE id IN"
	    " (SELECT part_id FROM txn_splits WHERE parent_id = ?1)",
	    "DELETE FROM txn_splits WHERE parent_id = ?1",
	    "DELETE FROM transactions WHERE id = ?1",
	};
	for (size_t i = 0; ok && i < G_N_ELEMENTS(sql); i++)
		ok = exec_ids(db, sql[i], "removing the transaction", NULL, 1, id, 0, 0, error);
	txn_row_clear(&t);
	return ok;
}

bool
gig_ledger_txn_remove(gig_ledger *ledger, int64_t txn_id, GError **error)
{
	g_return_val_if_fail(ledger != NULL, false);
	sqlite3 *db = gig__ledger_db(ledger);
	if (!gig__tx_begin(db, error))
		return false;
	bool ok = remove_in_tx(db, txn_id, error);
	if (ok)
		gig__journal_summary(db, "transaction #%" G_GINT64_FORMAT " removed", txn_id);
	return gig__tx_end(db, ok, error);
}

static bool
split_in_tx(sqlite3 *db, int64_t id, const gig_split_part *parts, size_t n, GError **error)
{
	struct txn_row t = {0};
	if (!txn_read(db, id, &t, error))
		return false;
	bool ok = true;
	int64_t whole = 0;
	if (t.parent_id) {
		g_set_error(error, GIG_ERROR, GIG_ERROR_INVALID_INPUT,
		            "transaction #%" G_GINT64_FORMAT
		            " is a part of split #%" G_GINT64_FORMAT "; split #%" G_GINT64_FORMAT
		            " instead",
		            id, t.parent_id, t.parent_id);
		ok = false;
	} else if (!gig_money_add(&whole, t.amount_minor, t.parts_sum)) {
		g_set_error(error, GIG_ERROR, GIG_ERROR_OVERFLOW,
		            "the split does not fit in 64 bits");
		ok = false;
	}
	g_autofree int64_t *cats = g_new0(int64_t, n);
	int64_t sum = 0;
	for (size_t i = 0; ok && i < n; i++) {
		int64_t a = parts[i].amount_minor;
		if (a == 0 || (whole > 0 && a < 0) || (whole < 0 && a > 0)) {
			g_set_error(error, GIG_ERROR, GIG_ERROR_INVALID_INPUT,
			            "part %zu: each part needs an amount of the same sign as the "
			            "whole transaction (%s)",
			            i + 1, whole < 0 ? "money out" : "money in");
			ok = false;
		} else if (!gig_money_add(&sum, sum, a)) {
			g_set_error(error, GIG_ERROR, GIG_ERROR_OVERFLOW,
			            "the parts do not fit in 64 bits");
			ok = false;
		} else if (parts[i].category && *parts[i].category) {
			ok = gig__category_lookup(db, parts[i].category, &cats[i], error);
		}
	}
	if (ok && sum != whole) {
		char want[GIG_MONEY_BUFSZ], got[GIG_MONEY_BUFSZ];
		int exp = gig_currency_exponent(t.currency);
		g_set_error(error, GIG_ERROR, GIG_ERROR_INVALID_INPUT,
		            "the parts sum to %s but transaction #%" G_GINT64_FORMAT " is %s %s",
		            gig_money_format(got, sum, exp, true), id,
		            gig_money_format(want, whole, exp, true), t.currency);
		ok = false;
	}
	static const char *const clear[] = {
	    "DELETE FROM transactions WHERE id IN"
	    " (SELECT part_id FROM txn_splits WHERE parent_id = ?1)",
	    "DELETE FROM txn_splits WHERE parent_id = ?1",
	};
	for (size_t i = 0; ok && i < G_N_ELEMENTS(clear); i++)
		ok = exec_ids(db, clear[i], "replacing the parts", NULL, 1, id, 0, 0, error);
	ok = ok && exec_ids(db,
	                    "UPDATE transactions SET amount_minor = ?2, category_id = nullif(?3, 0)"
	                    " WHERE id = ?1",
	                    "splitting the transaction", NULL, 3, id, parts[0].amount_minor,
	                    cats[0], error);
	for (size_t i = 1; ok && i < n; i++) {
		ok = exec_ids(
		    db,
		    "INSERT INTO transactions(account_id, posted_on, amount_minor, payee,"
		    " memo, category_id, gig_id, pending)"
		    " SELECT account_id, posted_on, ?2, payee, memo, nullif(?3, 0), gig_id,"
		    " pending FROM transactions WHERE id = ?1",
		    "adding a part", NULL, 3, id, parts[i].amount_minor, cats[i], error);
		int64_t part = sqlite3_last_insert_rowid(db);
		ok = ok && gig__txn_inserted(db, part, error) &&
		     exec_ids(db, "INSERT INTO txn_splits(part_id, parent_id) VALUES (?1, ?2)",
		              "adding a part", NULL, 2, part, id, 0, error);
	}
	txn_row_clear(&t);
	return ok;
}

bool
gig_ledger_txn_split(gig_ledger *ledger, int64_t txn_id, const gig_split_part *parts, size_t n,
                     GError **error)
{
	g_return_val_if_fail(ledger != NULL && (parts != NULL || n == 0), false);
	if (n == 0) {
		g_set_error(error, GIG_ERROR, GIG_ERROR_INVALID_INPUT, "a split needs its parts");
		return false;
	}
	sqlite3 *db = gig__ledger_db(ledger);
	if (!gig__tx_begin(db, error))
		return false;
	bool ok = split_in_tx(db, txn_id, parts, n, error);
	if (ok)
		gig__journal_summary(db, "transaction #%" G_GINT64_FORMAT " split in %zu", txn_id,
		                     n);
	return gig__tx_end(db, ok, error);
}

bool
gig_ledger_txn_parts(gig_ledger *ledger, int64_t txn_id, GArray **out, GError **error)
{
	g_return_val_if_fail(ledger != NULL && out != NULL, false);
	sqlite3 *db = gig__ledger_db(ledger);
	struct txn_row t = {0};
	if (!txn_read(db, txn_id, &t, error))
		return false;
	int64_t parent = t.parent_id ? t.parent_id : txn_id;
	txn_row_clear(&t);
	g_autoptr(sqlite3_stmt) st = NULL;
	if (!gig__db_prepare(
	        db,
	        "SELECT ?1 UNION ALL SELECT part_id FROM"
	        " (SELECT part_id FROM txn_splits WHERE parent_id = ?1 ORDER BY part_id)",
	        &st, error))
		return false;
	sqlite3_bind_int64(st, 1, parent);
	g_autoptr(GArray) ids = g_array_new(false, false, sizeof(int64_t));
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t v = sqlite3_column_int64(st, 0);
		g_array_append_val(ids, v);
	}
	if (rc != SQLITE_DONE)
		return gig__db_fail(db, rc, "reading the parts", error);
	*out = g_steal_pointer(&ids);
	return true;
}

static bool
link_in_tx(sqlite3 *db, int64_t txn_id, int64_t gig_id, GError **error)
{
	struct txn_row t = {0};
	if (!txn_read(db, txn_id, &t, error))
		return false;
	bool ok = true;
	if (gig_id == 0) {
		if (t.gig_id == 0) {
			g_set_error(error, GIG_ERROR, GIG_ERROR_INVALID_INPUT,
			            "transaction #%" G_GINT64_FORMAT " is not linked to a gig",
			            txn_id);
			ok = false;
		}
	} else {
		g_autoptr(sqlite3_stmt) st = NULL;
		ok = gig__db_prepare(db, "SELECT currency, status FROM gigs WHERE id = ?1", &st,
		                     error);
		if (ok) {
			sqlite3_bind_int64(st, 1, gig_id);
			int rc = sqlite3_step(st);
			if (rc == SQLITE_DONE) {
				g_set_error(error, GIG_ERROR, GIG_ERROR_NOT_FOUND,
				            "no gig #%" G_GINT64_FORMAT
				            " (gig invoices lists them)",
				            gig_id);
				ok = false;
			} else if (rc != SQLITE_ROW) {
				ok = gig__db_fail(db, rc, "looking up the gig", error);
			} else if (strcmp((const char *)sqlite3_column_text(st, 0), t.currency) !=
			           0) {
				g_set_error(
				    error, GIG_ERROR, GIG_ERROR_INVALID_INPUT,
				    "gig #%" G_GINT64_FORMAT " is in %s but the transaction in %s",
				    gig_id, (const char *)sqlite3_column_text(st, 0), t.currency);
				ok = false;
			} else if (strcmp((const char *)sqlite3_column_text(st, 1), "cancelled") ==
			           0) {
				g_set_error(error, GIG_ERROR, GIG_ERROR_INVALID_INPUT,
				            "gig #%" G_GINT64_FORMAT " is cancelled", gig_id);
				ok = false;
			} else if (t.amount_minor <= 0) {
				g_set_error(error, GIG_ERROR, GIG_ERROR_INVALID_INPUT,
				            "transaction #%" G_GINT64_FORMAT
				            " is money out; only money in pays a gig",
				            txn_id);
				ok = false;
			}
		}
	}
	ok = ok && exec_ids(db, "UPDATE transactions SET gig_id = nullif(?2, 0) WHERE id = ?1",
	                    "linking the transaction", NULL, 2, txn_id, gig_id, 0, error);
	txn_row_clear(&t);
	return ok;
}

bool
gig_ledger_txn_link(gig_ledger *ledger, int64_t txn_id, int64_t gig_id, GError **error)
{
	g_return_val_if_fail(ledger != NULL && gig_id > 0, false);
	sqlite3 *db = gig__ledger_db(ledger);
	if (!gig__tx_begin(db, error))
		return false;
	bool ok = link_in_tx(db, txn_id, gig_id, error);
	if (ok)
		gig__journal_summary(
		    db, "transaction #%" G_GINT64_FORMAT " linked to gig #%" G_GINT64_FORMAT,
		    txn_id, gig_id);
	return gig__tx_end(db, ok, error);
}

bool
gig_ledger_txn_unlink(gig_ledger *ledger, int64_t txn_id, GError **error)
{
	g_return_val_if_fail(ledger != NULL, false);
	sqlite3 *db = gig__ledger_db(ledger);
	if (!gig__tx_begin(db, error))
		return false;
	bool ok = link_in_tx(db, txn_id, 0, error);
	if (ok)
		gig__journal_summary(db, "transaction #%" G_GINT64_FORMAT " unlinked", txn_id);
	return gig__tx_end(db, ok, error);
}

static bool
gig_exists(sqlite3 *db, int64_t gig_id, GError **error)
{
	g_autoptr(sqlite3_stmt) st = NULL;
	if (!gig__db_prepare(db, "SELECT 1 FROM gigs WHERE id = ?1", &st, error))
		return false;
	sqlite3_bind_int64(st, 1, gig_id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		return true;
	if (rc != SQLITE_DONE)
		return gig__db_fail(db, rc, "looking up the gig", error);
	g_set_error(error, GIG_ERROR, GIG_ERROR_NOT_FOUND,
	            "no gig #%" G_GINT64_FORMAT " (gig invoices lists them)", gig_id);
	return false;
}

static bool
gig_edit_in_tx(sqlite3 *db, int64_t gig_id, const gig_gig_edit *e, GError **error)
{
	if (!gig_exists(db, gig_id, error))
		return false;
	int64_t client_id = 0;
	int terms = 0;
	if (e->client && !gig__client_ensure(db, e->client, &client_id, &terms, error))
		return false;
	if (e->amount_minor < 0 || !gig__amount_check(e->amount_minor, "a gig", error)) {
		if (e->amount_minor < 0)
			g_set_error(error, GIG_ERROR, GIG_ERROR_INVALID_INPUT,
			            "a gig's amount must be positive");
		return false;
	}
	g_autoptr(sqlite3_stmt) st = NULL;
	if (!gig__db_prepare(db,
	                     "UPDATE gigs SET client_id = iif(?2, ?2, client_id),"
	                     " stream = ifnull(?3, stream), description = ifnull(?4, description),"
	                     " amount_minor = iif(?5, ?5, amount_minor),"
	                     " performed_on = ifnull(?6, performed_on),"
	                     " invoiced_on = ifnull(?7, invoiced_on), due_on = ifnull(?8, due_on)"
	                     " WHERE id = ?1",
	                     &st, error))
		return false;
	sqlite3_bind_int64(st, 1, gig_id);
	sqlite3_bind_int64(st, 2, client_id);
	if (e->set_stream)
		sqlite3_bind_text(st, 3, gig_stream_name(e->stream), -1, SQLITE_STATIC);
	if (e->description)
		sqlite3_bind_text(st, 4, e->description, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 5, e->amount_minor);
	gig__bind_date(st, 6, e->performed_on);
	gig__bind_date(st, 7, e->invoiced_on);
	gig__bind_date(st, 8, e->due_on);
	int rc = sqlite3_step(st);
	if (rc != SQLITE_DONE)
		return gig__db_fail(db, rc, "editing the gig", error);
	/* the amount and the invoice date decide the status (sql/0007) */
	return exec_ids(db,
	                "UPDATE gigs SET status = (SELECT status FROM gig_status_due"
	                " WHERE gig_id = gigs.id) WHERE id = ?1",
	                "editing the gig", NULL, 1, gig_id, 0, 0, error);
}

bool
gig_ledger_gig_edit(gig_ledger *ledger, int64_t gig_id, const gig_gig_edit *edit, GError **error)
{
	g_return_val_if_fail(ledger != NULL && edit != NULL, false);
	sqlite3 *db = gig__ledger_db(ledger);
	if (!gig__tx_begin(db, error))
		return false;
	bool ok = gig_edit_in_tx(db, gig_id, edit, error);
	if (ok)
		gig__journal_summary(db, "gig #%" G_GINT64_FORMAT " edited", gig_id);
	return gig__tx_end(db, ok, error);
}

bool
gig_ledger_gig_remove(gig_ledger *ledger, int64_t gig_id, gig_payments payments,
                      int64_t *out_payments, GError **error)
{
	g_return_val_if_fail(ledger != NULL, false);
	sqlite3 *db = gig__ledger_db(ledger);
	if (!gig__tx_begin(db, error))
		return false;
	bool ok = gig_exists(db, gig_id, error);
	g_autoptr(GArray) linked = g_array_new(false, false, sizeof(int64_t));
	if (ok) {
		/* the split row of a part, or the row itself, once */
		g_autoptr(sqlite3_stmt) st = NULL;
		ok = gig__db_prepare(db,
		                     "SELECT DISTINCT ifnull((SELECT parent_id FROM txn_splits"
		                     " WHERE part_id = t.id), t.id) FROM transactions t"
		                     " WHERE t.gig_id = ?1 ORDER BY 1",
		                     &st, error);
		if (ok) {
			sqlite3_bind_int64(st, 1, gig_id);
			int rc;
			while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
				int64_t v = sqlite3_column_int64(st, 0);
				g_array_append_val(linked, v);
			}
			if (rc != SQLITE_DONE)
				ok = gig__db_fail(db, rc, "reading the gig's payments", error);
		}
	}
	int64_t count = (int64_t)linked->len;
	if (ok && payments == GIG_PAYMENTS_REMOVE) {
		for (guint i = 0; ok && i < linked->len; i++)
			ok = remove_in_tx(db, g_array_index(linked, int64_t, i), error);
	} else if (ok) {
		ok = exec_ids(db, "UPDATE transactions SET gig_id = NULL WHERE gig_id = ?1",
		              "unlinking the gig's payments", NULL, 1, gig_id, 0, 0, error);
	}
	ok = ok && exec_ids(db, "DELETE FROM gigs WHERE id = ?1", "removing the gig", NULL, 1,
	                    gig_id, 0, 0, error);
	if (ok)
		gig__journal_summary(
		    db, "gig #%" G_GINT64_FORMAT " removed, %" G_GINT64_FORMAT " payments %s",
		    gig_id, count, payments == GIG_PAYMENTS_REMOVE ? "removed" : "unlinked");
	if (!gig__tx_end(db, ok, error))
		return false;
	if (out_payments)
		*out_payments = count;
	return true;
}

/* An account by name, closed or not. */
static bool
account_row(sqlite3 *db, const char *name, int64_t *id, bool *closed, int64_t *balance,
            char currency[4], GError **error)
{
	g_autoptr(sqlite3_stmt) st = NULL;
	if (!gig__db_prepare(db,
	                     "SELECT id, closed, opening_minor + (SELECT ifnull(sum(amount_minor),"
	                     " 0) FROM transactions WHERE account_id = accounts.id), currency"
	                     " FROM accounts WHERE name = ?1 COLLATE NOCASE",
	                     &st, error))
		return false;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_DONE) {
		g_set_error(error, GIG_ERROR, GIG_ERROR_NOT_FOUND,
		            "unknown account '%s' (gig accounts lists them)", name);
		return false;
	}
	if (rc != SQLITE_ROW)
		return gig__db_fail(db, rc, "looking up the account", error);
	*id = sqlite3_column_int64(st, 0);
	*closed = sqlite3_column_int(st, 1) != 0;
	*balance = sqlite3_column_int64(st, 2);
	g_strlcpy(currency, (const char *)sqlite3_column_text(st, 3), 4);
	return true;
}

bool
gig_ledger_account_rename(gig_ledger *ledger, const char *old_name, const char *new_name,
                          GError **error)
{
	g_return_val_if_fail(ledger != NULL && old_name != NULL, false);
	g_autofree char *name = g_strstrip(g_strdup(new_name ? new_name : ""));
	bool has_alnum = false;
	for (const char *p = name; *p; p++)
		has_alnum |= g_ascii_isalnum(*p) || (unsigned char)*p >= 0x80;
	if (!has_alnum) {
		g_set_error(error, GIG_ERROR, GIG_ERROR_INVALID_INPUT,
		            "an account name needs letters or digits, not '%s'", name);
		return false;
	}
	sqlite3 *db = gig__ledger_db(ledger);
	if (!gig__tx_begin(db, error))
		return false;
	int64_t id = 0, balance = 0;
	bool closed = false;
	char cur[4];
	bool ok = account_row(db, old_name, &id, &closed, &balance, cur, error);
	g_autoptr(sqlite3_stmt) st = NULL;
	ok = ok && gig__db_prepare(db, "UPDATE accounts SET name = ?2 WHERE id = ?1", &st, error);
	if (ok) {
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_text(st, 2, name, -1, SQLITE_STATIC);
		int rc = sqlite3_step(st);
		if (rc == SQLITE_CONSTRAINT_UNIQUE) {
			g_set_error(error, GIG_ERROR, GIG_ERROR_DUPLICATE,
			            "an account named '%s' already exists", name);
			ok = false;
		} else if (rc != SQLITE_DONE) {
			ok = gig__db_fail(db, rc, "renaming the account", error);
		}
	}
	if (ok)
		gig__journal_summary(db, "account '%s' renamed to '%s'", old_name, name);
	return gig__tx_end(db, ok, error);
}

bool
gig_ledger_account_close(gig_ledger *ledger, const char *name, bool force, GError **error)
{
	g_return_val_if_fail(ledger != NULL && name != NULL, false);
	sqlite3 *db = gig__ledger_db(ledger);
	if (!gig__tx_begin(db, error))
		return false;
	int64_t id = 0, balance = 0;
	bool closed = false;
	char cur[4];
	bool ok = account_row(db, name, &id, &closed, &balance, cur, error);
	if (ok && closed) {
		g_set_error(error, GIG_ERROR, GIG_ERROR_INVALID_INPUT,
		            "the account '%s' is already closed", name);
		ok = false;
	} else if (ok && balance != 0 && !force) {
		char buf[GIG_MONEY_BUFSZ];
		g_set_error(error, GIG_ERROR, GIG_ERROR_INVALID_INPUT,
		            "the account '%s' still holds %s %s; move it out first, or close it "
		            "anyway with --force",
		            name, gig_money_format(buf, balance, gig_currency_exponent(cur), true),
		            cur);
		ok = false;
	}
	ok = ok && exec_ids(db, "UPDATE accounts SET closed = 1 WHERE id = ?1",
	                    "closing the account", NULL, 1, id, 0, 0, error);
	if (ok)
		gig__journal_summary(db, "account '%s' closed", name);
	return gig__tx_end(db, ok, error);
}
