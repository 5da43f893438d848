/*
 * import_batch.c: the list of import batches and undoing one.
 */
#include <string.h>

#include "db.h"
#include "import_internal.h"

void
gig_import_batch_free(gig_import_batch *b)
{
	if (b == NULL)
		return;
	g_free(b->account);
	g_free(b->file_name);
	g_free(b->file_sha256);
	g_free(b->imported_on);
	g_free(b->profile);
	g_free(b->guesses);
	g_free(b);
}

static char *
col_dup(sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);
	return t ? g_strdup((const char *)t) : NULL;
}

bool
gig_import_batches(gig_ledger *ledger, GPtrArray **out, GError **error)
{
	g_return_val_if_fail(ledger != NULL && out != NULL, false);
	sqlite3 *db = gig__ledger_db(ledger);
	g_autoptr(sqlite3_stmt) st = NULL;
	if (!gig__db_prepare(
	        db,
	        "SELECT b.id, a.name, b.file_name, b.file_sha256, b.imported_on,"
	        " b.profile, b.guesses, b.inserted, b.duplicates, b.pending,"
	        " b.skipped_rows, b.sum_minor,"
	        " (SELECT count(*) FROM transactions t WHERE " GIG__IN_BATCH(
	            "t", "b.id") ")"
	                         /* and the rows it also contained (sql/0010) */
	                         " + (SELECT count(*) FROM import_members m WHERE m.batch_id = b.id"
	                         " AND m.txn_id NOT IN (SELECT txn_id FROM import_effects"
	                         " WHERE batch_id = b.id AND kind = 'settled'))"
	                         " FROM import_batches b JOIN accounts a ON a.id = b.account_id"
	                         " ORDER BY b.id DESC",
	        &st, error))
		return false;
	g_autoptr(GPtrArray) list =
	    g_ptr_array_new_with_free_func((GDestroyNotify)gig_import_batch_free);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		gig_import_batch *b = g_new0(gig_import_batch, 1);
		b->id = sqlite3_column_int64(st, 0);
		b->account = col_dup(st, 1);
		b->file_name = col_dup(st, 2);
		b->file_sha256 = col_dup(st, 3);
		b->imported_on = col_dup(st, 4);
		b->profile = col_dup(st, 5);
		b->guesses = col_dup(st, 6);
		b->inserted = sqlite3_column_int64(st, 7);
		b->duplicates = sqlite3_column_int64(st, 8);
		b->pending = sqlite3_column_int64(st, 9);
		b->skipped_rows = sqlite3_column_int64(st, 10);
		b->sum_minor = sqlite3_column_int64(st, 11);
		b->remaining = sqlite3_column_int64(st, 12);
		g_ptr_array_add(list, b);
	}
	if (rc != SQLITE_DONE)
		return gig__db_fail(db, rc, "listing import batches", error);
	*out = g_steal_pointer(&list);
	return true;
}

bool
gig__import_undo_in_tx(sqlite3 *db, int64_t batch_id, int64_t *removed, GError **error)
{
	*removed = 0;
	g_autoptr(sqlite3_stmt) exists = NULL;
	if (!gig__db_prepare(db, "SELECT 1 FROM import_batches WHERE id = ?1", &exists, error))
		return false;
	sqlite3_bind_int64(exists, 1, batch_id);
	if (sqlite3_step(exists) != SQLITE_ROW) {
		g_set_error(error, GIG_ERROR, GIG_ERROR_NOT_FOUND,
		            "no import batch %" G_GINT64_FORMAT " (see gig import list)", batch_id);
		return false;
	}
	/*
	 * sql/0010: a row belongs to every batch whose file contained it.  What this
	 * batch changed in a row that another remaining batch also contains (a pending
	 * row it settled or marked posted) becomes that batch's change, so the row stays
	 * as the remaining file has it; the oldest such batch takes it.
	 */
	static const char *const hand_over[] = {
	    "UPDATE import_effects SET batch_id = m.batch_id"
	    " FROM (SELECT txn_id, min(batch_id) AS batch_id FROM import_members"
	    "       WHERE batch_id <> ?1 GROUP BY txn_id) m"
	    " WHERE import_effects.batch_id = ?1 AND import_effects.kind IN ('settled', 'flipped')"
	    " AND import_effects.txn_id = m.txn_id",
	    /* another account's row it marked as a transfer stays marked when the row
	     * of this batch it pairs with stays */
	    "UPDATE import_effects SET batch_id = m.batch_id"
	    " FROM (SELECT txn_id, min(batch_id) AS batch_id FROM import_members"
	    "       WHERE batch_id <> ?1 GROUP BY txn_id) m"
	    " WHERE import_effects.batch_id = ?1 AND import_effects.kind = 'transfer'"
	    " AND import_effects.pair_txn_id = m.txn_id",
	    /* a pending row of this batch that a later batch settled is that batch's row
	     * from now on: undoing that batch later puts the pending row back as its own
	     * and then removes it, instead of handing it to this batch, which is gone */
	    "UPDATE import_effects SET old_batch_id = batch_id"
	    " WHERE kind = 'settled' AND old_batch_id = ?1 AND batch_id <> ?1",
	};
	/* then put back what the import changed in rows that are not its own */
	static const char *const restore[] = {
	    /* sql/0012: a hand row the import confirmed (old_pending 0) was posted, and
	     * gets its own category and gig link back */
	    "UPDATE transactions SET pending = ifnull(e.old_pending, 1), batch_id = e.old_batch_id,"
	    " posted_on = e.old_posted_on, payee = e.old_payee, memo = e.old_memo,"
	    " fingerprint = e.old_fingerprint, external_id = e.old_external_id,"
	    " line_no = e.old_line_no, raw = e.old_raw,"
	    " category_id = iif(e.old_pending = 0, e.old_category_id, transactions.category_id),"
	    " gig_id = iif(e.old_pending = 0, e.old_gig_id, transactions.gig_id)"
	    " FROM import_effects e"
	    " WHERE e.batch_id = ?1 AND e.kind = 'settled' AND transactions.id = e.txn_id"
	    /* a pending row whose own batch was undone meanwhile is in no file left: it
	     * keeps this batch's id and goes with its rows below */
	    " AND (e.old_batch_id IS NULL OR e.old_batch_id IN (SELECT id FROM import_batches))",
	    "DELETE FROM import_superseded WHERE txn_id IN"
	    " (SELECT txn_id FROM import_effects WHERE batch_id = ?1 AND kind = 'settled')",
	    "UPDATE transactions SET pending = 1 WHERE id IN"
	    " (SELECT txn_id FROM import_effects WHERE batch_id = ?1 AND kind = 'flipped')",
	    "UPDATE transactions SET category_id = NULL WHERE id IN"
	    " (SELECT txn_id FROM import_effects WHERE batch_id = ?1 AND kind = 'transfer')"
	    " AND category_id IN (SELECT id FROM categories WHERE kind = 'transfer')",
	    /* its own rows that a remaining batch also contains go to the oldest such
	     * batch, with that file's line (and so its record, import_raw) */
	    "UPDATE transactions SET batch_id = m.batch_id, line_no = m.line_no, raw = NULL"
	    " FROM (SELECT txn_id, min(batch_id) AS batch_id, line_no FROM import_members"
	    "       WHERE batch_id <> ?1 GROUP BY txn_id) m"
	    " WHERE transactions.id = m.txn_id AND transactions.batch_id = ?1",
	};
	for (size_t i = 0; i < G_N_ELEMENTS(hand_over) + G_N_ELEMENTS(restore); i++) {
		const char *sql = i < G_N_ELEMENTS(hand_over)
		                      ? hand_over[i]
		                      : restore[i - G_N_ELEMENTS(hand_over)];
		g_autoptr(sqlite3_stmt) st = NULL;
		if (!gig__db_prepare(db, sql, &st, error))
			return false;
		sqlite3_bind_int64(st, 1, batch_id);
		int src = sqlite3_step(st);
		if (src != SQLITE_DONE)
			return gig__db_fail(db, src, "restoring rows the import changed", error);
	}
	/* split parts (sql/0011) of the rows about to go, go with them */
	static const char *const parts_sql[] = {
	    /* CROSS JOIN: from the few parts to their rows, never over the batch */
	    "DELETE FROM transactions WHERE id IN (SELECT s.part_id FROM txn_splits s"
	    " CROSS JOIN transactions t ON t.id = s.parent_id WHERE " GIG__IN_BATCH("t", "?1") ")",
	    "DELETE FROM txn_splits WHERE NOT EXISTS"
	    " (SELECT 1 FROM transactions t WHERE t.id = txn_splits.part_id)",
	    /* and what a receipt of the batch paid of a gig in another currency (sql/0021) */
	    "DELETE FROM gig_fx_payments WHERE txn_id IN (SELECT x.txn_id FROM gig_fx_payments x"
	    " CROSS JOIN transactions t ON t.id = x.txn_id WHERE " GIG__IN_BATCH("t", "?1") ")",
	};
	for (size_t i = 0; i < G_N_ELEMENTS(parts_sql); i++) {
		g_autoptr(sqlite3_stmt) st = NULL;
		if (!gig__db_prepare(db, parts_sql[i], &st, error))
			return false;
		sqlite3_bind_int64(st, 1, batch_id);
		int prc = sqlite3_step(st);
		if (prc != SQLITE_DONE)
			return gig__db_fail(db, prc, "removing split parts", error);
		if (i == 0)
			*removed += sqlite3_changes(db);
	}
	/* what is left of its own rows is in no other batch: those go, the rows it
	 * added, then the rows an earlier undo handed to it (sql/0010; two statements,
	 * as one with OR would gather every id first).  Gigs paid by these
	 * transactions go back to open through the gig-status delete trigger
	 * (sql/0007) as the rows are deleted */
	static const char *const del_sql[] = {
	    "DELETE FROM transactions AS t WHERE " GIG__IN_BATCH("t", "?1"),
	    "DELETE FROM transactions WHERE id IN"
	    " (SELECT txn_id FROM import_members WHERE batch_id = ?1) AND batch_id = ?1",
	};
	int rc;
	for (size_t i = 0; i < G_N_ELEMENTS(del_sql); i++) {
		g_autoptr(sqlite3_stmt) del = NULL;
		if (!gig__db_prepare(db, del_sql[i], &del, error))
			return false;
		sqlite3_bind_int64(del, 1, batch_id);
		rc = sqlite3_step(del);
		if (rc != SQLITE_DONE)
			return gig__db_fail(db, rc, "removing the batch's transactions", error);
		*removed += sqlite3_changes(db);
	}
	/* the balances its file stated (sql/0012) go with it */
	g_autoptr(sqlite3_stmt) dela = NULL;
	if (!gig__db_prepare(db, "DELETE FROM balance_assertions WHERE batch_id = ?1", &dela,
	                     error))
		return false;
	sqlite3_bind_int64(dela, 1, batch_id);
	rc = sqlite3_step(dela);
	if (rc != SQLITE_DONE)
		return gig__db_fail(db, rc, "removing the batch's balance assertions", error);
	g_autoptr(sqlite3_stmt) delm = NULL;
	if (!gig__db_prepare(db, "DELETE FROM import_members WHERE batch_id = ?1", &delm, error))
		return false;
	sqlite3_bind_int64(delm, 1, batch_id);
	rc = sqlite3_step(delm);
	if (rc != SQLITE_DONE)
		return gig__db_fail(db, rc, "removing the batch's duplicates", error);
	g_autoptr(sqlite3_stmt) delb = NULL;
	if (!gig__db_prepare(db, "DELETE FROM import_batches WHERE id = ?1", &delb, error))
		return false;
	sqlite3_bind_int64(delb, 1, batch_id);
	rc = sqlite3_step(delb);
	if (rc != SQLITE_DONE)
		return gig__db_fail(db, rc, "removing the batch", error);
	return true;
}

bool
gig_import_undo(gig_ledger *ledger, int64_t batch_id, int64_t *out_removed, GError **error)
{
	g_return_val_if_fail(ledger != NULL, false);
	sqlite3 *db = gig__ledger_db(ledger);
	int64_t removed = 0;
	/* recorded as naming the batch, and the import's entry is then undone (sql/0011) */
	gig__journal_bulk(db);
	if (!gig__tx_begin(db, error))
		return false;
	int64_t entry = 0;
	bool ok = gig__import_entry(db, batch_id, &entry, error) &&
	          gig__import_undo_in_tx(db, batch_id, &removed, error);
	if (ok) {
		gig__journal_entry(db, "import_undo", batch_id, entry);
		gig__journal_summary(db,
		                     "import batch %" G_GINT64_FORMAT " undone, %" G_GINT64_FORMAT
		                     " rows removed",
		                     batch_id, removed);
	}
	if (!gig__tx_end(db, ok, ok ? error : NULL))
		return false;
	if (out_removed)
		*out_removed = removed;
	return true;
}

bool
gig__import_entry(sqlite3 *db, int64_t batch_id, int64_t *out, GError **error)
{
	g_autoptr(sqlite3_stmt) st = NULL;
	if (!gig__db_prepare(db,
	                     "SELECT ifnull(max(id), 0) FROM change_log WHERE kind = 'import'"
	                     " AND batch_id = ?1 AND undone_by IS NULL",
	                     &st, error))
		return false;
	sqlite3_bind_int64(st, 1, batch_id);
	int rc = sqlite3_step(st);
	if (rc != SQLITE_ROW)
		return gig__db_fail(db, rc, "reading the change log", error);
	*out = sqlite3_column_int64(st, 0);
	return true;
}

bool
gig__import_effect(sqlite3 *db, int64_t batch_id, int64_t txn_id, const char *kind, GError **error)
{
	g_autoptr(sqlite3_stmt) st = NULL;
	if (!gig__db_prepare(
	        db,
	        "INSERT INTO import_effects(batch_id, txn_id, kind, old_batch_id,"
	        " old_posted_on, old_payee, old_memo, old_fingerprint, old_external_id,"
	        " old_line_no, old_raw, old_pending, old_category_id, old_gig_id)"
	        " SELECT ?1, id, ?3, batch_id, posted_on, payee, memo, fingerprint,"
	        " external_id, line_no, raw, pending, category_id, gig_id"
	        " FROM transactions WHERE id = ?2",
	        &st, error))
		return false;
	sqlite3_bind_int64(st, 1, batch_id);
	sqlite3_bind_int64(st, 2, txn_id);
	sqlite3_bind_text(st, 3, kind, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	if (rc != SQLITE_DONE)
		return gig__db_fail(db, rc, "remembering a change for undo", error);
	return true;
}
