/*
 * reconcile.c: reconcile.h: merging a hand entry with its bank row, linking a gig's
 * payment to the bank's row, balances on a day and balance assertions.
 *
 * A balance on a day is read from the monthly_totals rollup for the months before
 * the day's month, plus the rows of that month up to the day, through the two
 * indexes that start with the account and the date (imported rows sit in
 * transactions_identity, rows entered by hand in transactions_by_hand), so it costs
 * one month of one account whatever the size of the ledger.
 */
#include <string.h>

#include "db.h"
#include "gigledger/import.h"
#include "gigledger/reconcile.h"
#include "internal.h"
#include "reconcile_internal.h"

/* The posted rows of account ?1 dated from ?2 to ?3, through both indexes. */
#define ROWS_BETWEEN(COLS)                                                                         \
	"SELECT " COLS " FROM transactions WHERE account_id = ?1 AND fingerprint IS NOT NULL"      \
	" AND posted_on BETWEEN ?2 AND ?3 AND +pending = 0"                                        \
	" UNION ALL SELECT " COLS " FROM transactions WHERE account_id = ?1 AND batch_id IS NULL"  \
	" AND fingerprint IS NULL AND posted_on BETWEEN ?2 AND ?3 AND +pending = 0"

static void
month_text(char out[8], gig_date on)
{
	char d[GIG_DATE_BUFSZ];
	gig_date_format(d, on);
	memcpy(out, d, 7);
	out[7] = '\0';
}

static bool
overflow_or_fail(sqlite3 *db, int rc, const char *what, GError **error)
{
	if ((rc & 0xff) == SQLITE_ERROR && strstr(sqlite3_errmsg(db), "overflow")) {
		g_set_error(error, GIG_ERROR, GIG_ERROR_OVERFLOW, "%s does not fit in 64 bits",
		            what);
		return false;
	}
	return gig__db_fail(db, rc, what, error);
}

bool
gig__balance_on(sqlite3 *db, int64_t account_id, gig_date on, int64_t *out, GError **error)
{
	g_autoptr(sqlite3_stmt) st = NULL, rows = NULL;
	if (!gig__db_prepare(
	        db,
	        "SELECT opening_minor + ifnull((SELECT sum(inflow_minor + outflow_minor)"
	        " FROM monthly_totals WHERE account_id = ?1 AND pending = 0"
	        " AND month < ?2), 0) FROM accounts WHERE id = ?1",
	        &st, error) ||
	    !gig__db_prepare(
	        db, "SELECT ifnull(sum(a), 0) FROM (" ROWS_BETWEEN("amount_minor AS a") ")", &rows,
	        error))
		return false;
	char month[8];
	month_text(month, on);
	sqlite3_bind_int64(st, 1, account_id);
	sqlite3_bind_text(st, 2, month, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	if (rc != SQLITE_ROW)
		return overflow_or_fail(db, rc == SQLITE_DONE ? SQLITE_CORRUPT : rc,
		                        "the account's balance", error);
	int64_t before = sqlite3_column_int64(st, 0);
	int y, m, d;
	gig_date_to_ymd(on, &y, &m, &d);
	sqlite3_bind_int64(rows, 1, account_id);
	gig__bind_date(rows, 2, on - (d - 1));
	gig__bind_date(rows, 3, on);
	rc = sqlite3_step(rows);
	if (rc != SQLITE_ROW)
		return overflow_or_fail(db, rc, "the account's balance", error);
	if (!gig_money_add(out, before, sqlite3_column_int64(rows, 0))) {
		g_set_error(error, GIG_ERROR, GIG_ERROR_OVERFLOW,
		            "the account's balance does not fit in 64 bits");
		return false;
	}
	return true;
}

bool
gig_ledger_balance_on(gig_ledger *ledger, const char *account, gig_date on, int64_t *out_minor,
                      GError **error)
{
	g_return_val_if_fail(ledger != NULL && out_minor != NULL, false);
	if (on == GIG_DATE_NONE) {
		g_set_error(error, GIG_ERROR, GIG_ERROR_INVALID_INPUT, "a balance needs a day");
		return false;
	}
	sqlite3 *db = gig__ledger_db(ledger);
	int64_t id = 0, v = 0;
	if (!gig__db_exec(db, "BEGIN", error))
		return false;
	bool ok = gig__account_lookup(db, account, &id, NULL, error) &&
	          gig__balance_on(db, id, on, &v, error);
	sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
	if (ok)
		*out_minor = v;
	return ok;
}

bool
gig_ledger_accounts_on(gig_ledger *ledger, gig_date as_of, GPtrArray **out, GError **error)
{
	g_return_val_if_fail(ledger != NULL && out != NULL, false);
	sqlite3 *db = gig__ledger_db(ledger);
	g_autoptr(GPtrArray) list = NULL;
	if (!gig__db_exec(db, "BEGIN", error))
		return false;
	bool ok = gig_ledger_accounts(ledger, &list, error);
	g_autoptr(sqlite3_stmt) st = NULL;
	if (ok && as_of != GIG_DATE_NONE)
		ok = gig__db_prepare(db,
		                     "SELECT count(*), ifnull(sum(a), 0) FROM (" ROWS_BETWEEN(
		                         "amount_minor AS a") ")",
		                     &st, error);
	for (guint i = 0; ok && st && i < list->len; i++) {
		gig_account *a = list->pdata[i];
		sqlite3_bind_int64(st, 1, a->id);
		gig__bind_date(st, 2, as_of + 1);
		sqlite3_bind_text(st, 3, "9999-12-31", -1, SQLITE_STATIC);
		int rc = sqlite3_step(st);
		if (rc != SQLITE_ROW) {
			ok = overflow_or_fail(db, rc, "the scheduled transactions", error);
			break;
		}
		a->scheduled = sqlite3_column_int64(st, 0);
		a->scheduled_minor = sqlite3_column_int64(st, 1);
		a->transactions -= a->scheduled;
		/* both sums fit, and the balance includes the scheduled part */
		a->balance_minor -= a->scheduled_minor;
		sqlite3_reset(st);
	}
	sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
	if (!ok)
		return false;
	*out = g_steal_pointer(&list);
	return true;
}

/* ---- balance assertions ---------------------------------------------- */

bool
gig__assertion_add(sqlite3 *db, int64_t account_id, gig_date on, int64_t amount_minor,
                   const char *source, int64_t batch_id, int64_t *out_id, GError **error)
{
	g_autoptr(sqlite3_stmt) st = NULL, id = NULL, old = NULL;
	/* A balance typed by hand replaces the one typed for the same account and day
	 * (a correction); those that imports recorded stay with their batches. */
	if (strcmp(source, "manual") == 0) {
		if (!gig__db_prepare(db,
		                     "DELETE FROM balance_assertions WHERE account_id = ?1"
		                     " AND on_date = ?2 AND source = 'manual' AND batch_id IS NULL"
		                     " AND balance_minor <> ?3",
		                     &old, error))
			return false;
		sqlite3_bind_int64(old, 1, account_id);
		gig__bind_date(old, 2, on);
		sqlite3_bind_int64(old, 3, amount_minor);
		int drc = sqlite3_step(old);
		if (drc != SQLITE_DONE)
			return gig__db_fail(db, drc, "replacing a balance assertion", error);
	}
	if (!gig__db_prepare(db,
	                     "INSERT INTO balance_assertions(account_id, on_date, balance_minor,"
	                     " source, batch_id) VALUES (?1, ?2, ?3, ?4, nullif(?5, 0))"
	                     " ON CONFLICT DO NOTHING",
	                     &st, error) ||
	    !gig__db_prepare(db,
	                     "SELECT id FROM balance_assertions WHERE account_id = ?1"
	                     " AND on_date = ?2 AND balance_minor = ?3",
	                     &id, error))
		return false;
	sqlite3_bind_int64(st, 1, account_id);
	gig__bind_date(st, 2, on);
	sqlite3_bind_int64(st, 3, amount_minor);
	sqlite3_bind_text(st, 4, source, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 5, batch_id);
	int rc = sqlite3_step(st);
	if (rc != SQLITE_DONE)
		return gig__db_fail(db, rc, "recording a balance assertion", error);
	sqlite3_bind_int64(id, 1, account_id);
	gig__bind_date(id, 2, on);
	sqlite3_bind_int64(id, 3, amount_minor);
	rc = sqlite3_step(id);
	if (rc != SQLITE_ROW)
		return gig__db_fail(db, rc == SQLITE_DONE ? SQLITE_CORRUPT : rc,
		                    "reading a balance assertion", error);
	if (out_id)
		*out_id = sqlite3_column_int64(id, 0);
	return true;
}

bool
gig_ledger_balance_assert(gig_ledger *ledger, const char *account, int64_t amount_minor,
                          gig_date on, int64_t *out_id, GError **error)
{
	g_return_val_if_fail(ledger != NULL, false);
	if (on == GIG_DATE_NONE) {
		g_set_error(error, GIG_ERROR, GIG_ERROR_INVALID_INPUT,
		            "a balance assertion needs the day it holds at the end of");
		return false;
	}
	if (!gig__amount_check(amount_minor, "a balance", error))
		return false;
	sqlite3 *db = gig__ledger_db(ledger);
	if (!gig__tx_begin(db, error))
		return false;
	int64_t account_id = 0, id = 0;
	bool ok = gig__account_lookup(db, account, &account_id, NULL, error) &&
	          gig__assertion_add(db, account_id, on, amount_minor, "manual", 0, &id, error);
	if (!gig__tx_end(db, ok, error))
		return false;
	if (out_id)
		*out_id = id;
	return true;
}

void
gig_assertion_free(gig_assertion *a)
{
	if (a == NULL)
		return;
	g_free(a->account);
	if (a->since)
		g_array_unref(a->since);
	g_free(a);
}

/* The posted rows of the account after `after` (GIG_DATE_NONE: all) up to `a->on`. */
static bool
rows_since(sqlite3 *db, int64_t account_id, gig_date after, gig_assertion *a, GError **error)
{
	g_autoptr(sqlite3_stmt) st = NULL;
	if (!gig__db_prepare(db, ROWS_BETWEEN("id, posted_on") " ORDER BY 2, 1", &st, error))
		return false;
	sqlite3_bind_int64(st, 1, account_id);
	if (after == GIG_DATE_NONE)
		sqlite3_bind_text(st, 2, "0000-01-01", -1, SQLITE_STATIC);
	else
		gig__bind_date(st, 2, after + 1);
	gig__bind_date(st, 3, a->on);
	a->since = g_array_new(FALSE, FALSE, sizeof(int64_t));
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(st, 0);
		if (a->since->len < GIG_ASSERTION_SINCE_MAX)
			g_array_append_val(a->since, id);
		a->since_count++;
	}
	if (rc != SQLITE_DONE)
		return gig__db_fail(db, rc, "reading the transactions since", error);
	return true;
}

static bool
assertions_in_tx(sqlite3 *db, bool failing_only, GPtrArray *out, GError **error)
{
	g_autoptr(sqlite3_stmt) st = NULL;
	if (!gig__db_prepare(db,
	                     "SELECT b.id, a.name, a.currency, b.account_id, b.on_date,"
	                     " b.balance_minor, b.source, ifnull(b.batch_id, 0)"
	                     " FROM balance_assertions b JOIN accounts a ON a.id = b.account_id"
	                     " ORDER BY a.name COLLATE NOCASE, b.account_id, b.on_date, b.id",
	                     &st, error))
		return false;
	int64_t account = 0;
	gig_date held = GIG_DATE_NONE;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		g_autoptr(gig_assertion) a = g_new0(gig_assertion, 1);
		a->id = sqlite3_column_int64(st, 0);
		a->account = g_strdup((const char *)sqlite3_column_text(st, 1));
		g_strlcpy(a->currency, (const char *)sqlite3_column_text(st, 2),
		          sizeof a->currency);
		int64_t account_id = sqlite3_column_int64(st, 3);
		a->on = gig__column_date(st, 4);
		a->stated_minor = sqlite3_column_int64(st, 5);
		a->source = strcmp((const char *)sqlite3_column_text(st, 6), "import") == 0
		                ? GIG_ASSERTION_IMPORT
		                : GIG_ASSERTION_MANUAL;
		a->batch_id = sqlite3_column_int64(st, 7);
		if (account_id != account) {
			account = account_id;
			held = GIG_DATE_NONE;
		}
		if (!gig__balance_on(db, account_id, a->on, &a->ledger_minor, error))
			return false;
		if (!gig_money_sub(&a->difference_minor, a->stated_minor, a->ledger_minor)) {
			g_set_error(
			    error, GIG_ERROR, GIG_ERROR_OVERFLOW,
			    "the difference of a balance assertion does not fit in 64 bits");
			return false;
		}
		a->holds = a->difference_minor == 0;
		a->held_on = held;
		if (a->holds) {
			/* two assertions of one day: the later-listed does not count as "before" */
			if (held == GIG_DATE_NONE || a->on > held)
				held = a->on;
			a->held_on = GIG_DATE_NONE;
			if (failing_only)
				continue;
		} else {
			if (a->held_on != GIG_DATE_NONE && a->held_on >= a->on)
				a->held_on = GIG_DATE_NONE;
			if (!rows_since(db, account_id, a->held_on, a, error))
				return false;
		}
		g_ptr_array_add(out, g_steal_pointer(&a));
	}
	if (rc != SQLITE_DONE)
		return gig__db_fail(db, rc, "reading balance assertions", error);
	return true;
}

bool
gig_ledger_assertions(gig_ledger *ledger, bool failing_only, GPtrArray **out, GError **error)
{
	g_return_val_if_fail(ledger != NULL && out != NULL, false);
	sqlite3 *db = gig__ledger_db(ledger);
	g_autoptr(GPtrArray) list =
	    g_ptr_array_new_with_free_func((GDestroyNotify)gig_assertion_free);
	/* one read transaction: every assertion sees the same ledger */
	if (!gig__db_exec(db, "BEGIN", error))
		return false;
	bool ok = assertions_in_tx(db, failing_only, list, error);
	sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
	if (!ok)
		return false;
	*out = g_steal_pointer(&list);
	return true;
}

/* ---- merging a hand entry with its bank row -------------------------- */

struct txn_row {
	int64_t id, account_id, amount, batch_id, gig_id, category_id;
	bool pending, in_range, settled;
	char account[128];
	char currency[4];
};

static bool
txn_read(sqlite3 *db, int64_t id, struct txn_row *t, GError **error)
{
	g_autoptr(sqlite3_stmt) st = NULL;
	if (!gig__db_prepare(
	        db,
	        "SELECT t.account_id, a.name, a.currency, t.amount_minor, t.pending,"
	        " ifnull(t.batch_id, 0), ifnull(t.gig_id, 0), ifnull(t.category_id, 0),"
	        " t.id BETWEEN ifnull(b.first_txn_id, 0) AND ifnull(b.last_txn_id, -1),"
	        " EXISTS (SELECT 1 FROM import_effects e WHERE e.txn_id = t.id"
	        "         AND e.kind = 'settled')"
	        " FROM transactions t JOIN accounts a ON a.id = t.account_id"
	        " LEFT JOIN import_batches b ON b.id = t.batch_id WHERE t.id = ?1",
	        &st, error))
		return false;
	sqlite3_bind_int64(st, 1, id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_DONE) {
		g_set_error(error, GIG_ERROR, GIG_ERROR_NOT_FOUND,
		            "no transaction #%" G_GINT64_FORMAT, id);
		return false;
	}
	if (rc != SQLITE_ROW)
		return gig__db_fail(db, rc, "reading a transaction", error);
	t->id = id;
	t->account_id = sqlite3_column_int64(st, 0);
	g_strlcpy(t->account, (const char *)sqlite3_column_text(st, 1), sizeof t->account);
	g_strlcpy(t->currency, (const char *)sqlite3_column_text(st, 2), sizeof t->currency);
	t->amount = sqlite3_column_int64(st, 3);
	t->pending = sqlite3_column_int(st, 4) != 0;
	t->batch_id = sqlite3_column_int64(st, 5);
	t->gig_id = sqlite3_column_int64(st, 6);
	t->category_id = sqlite3_column_int64(st, 7);
	t->in_range = sqlite3_column_int(st, 8) != 0;
	t->settled = sqlite3_column_int(st, 9) != 0;
	return true;
}

static bool refuse(GError **error, const char *fmt, ...) G_GNUC_PRINTF(2, 3);

static bool
refuse(GError **error, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	g_autofree char *msg = g_strdup_vprintf(fmt, ap);
	va_end(ap);
	g_set_error_literal(error, GIG_ERROR, GIG_ERROR_INVALID_INPUT, msg);
	return false;
}

/* Why the two cannot be one (false and the error), or true. */
static bool
merge_check(const struct txn_row *x, const struct txn_row *y, GError **error)
{
	if (x->account_id != y->account_id) {
		if (strcmp(x->currency, y->currency) != 0)
			return refuse(error,
			              "#%" G_GINT64_FORMAT " is in %s, #%" G_GINT64_FORMAT
			              " in %s: money in two currencies is not the same money",
			              x->id, x->currency, y->id, y->currency);
		return refuse(error,
		              "#%" G_GINT64_FORMAT " is in account '%s', #%" G_GINT64_FORMAT
		              " in '%s': only rows of one account can be merged",
		              x->id, x->account, y->id, y->account);
	}
	if (x->amount != y->amount)
		return refuse(error,
		              "#%" G_GINT64_FORMAT " and #%" G_GINT64_FORMAT
		              " are different amounts; only the same money can be merged",
		              x->id, y->id);
	if (x->batch_id != 0 && x->batch_id == y->batch_id)
		return refuse(error,
		              "#%" G_GINT64_FORMAT " and #%" G_GINT64_FORMAT
		              " are two rows of one bank file (import batch %" G_GINT64_FORMAT
		              "): the bank lists each payment once, so they are not the same money",
		              x->id, y->id, x->batch_id);
	if (x->batch_id != 0 && y->batch_id != 0)
		return refuse(error,
		              "#%" G_GINT64_FORMAT " and #%" G_GINT64_FORMAT
		              " were both imported (batches %" G_GINT64_FORMAT
		              " and %" G_GINT64_FORMAT
		              "); to drop one file's rows, undo that import (gig import undo)",
		              x->id, y->id, x->batch_id, y->batch_id);
	if (x->batch_id == 0 && y->batch_id == 0)
		return refuse(error,
		              "#%" G_GINT64_FORMAT " and #%" G_GINT64_FORMAT
		              " were both entered by hand; merge joins a hand entry with the"
		              " bank's row (remove a doubled hand entry instead)",
		              x->id, y->id);
	if (x->pending || y->pending)
		return refuse(
		    error, "#%" G_GINT64_FORMAT " is pending; merge it once the bank has posted it",
		    x->pending ? x->id : y->id);
	if (x->gig_id != 0 && y->gig_id != 0 && x->gig_id != y->gig_id)
		return refuse(error,
		              "#%" G_GINT64_FORMAT " pays gig #%" G_GINT64_FORMAT
		              " and #%" G_GINT64_FORMAT " gig #%" G_GINT64_FORMAT,
		              x->id, x->gig_id, y->id, y->gig_id);
	const struct txn_row *bank = x->batch_id ? x : y;
	if (bank->settled || !bank->in_range)
		return refuse(error,
		              "#%" G_GINT64_FORMAT " took the place of an earlier row when it was"
		              " imported; undo import batch %" G_GINT64_FORMAT " to change it",
		              bank->id, bank->batch_id);
	return true;
}

static bool
merge_in_tx(sqlite3 *db, int64_t a, int64_t b, int64_t *kept, GError **error)
{
	struct txn_row x = {0}, y = {0};
	if (!txn_read(db, a, &x, error) || !txn_read(db, b, &y, error) ||
	    !merge_check(&x, &y, error))
		return false;
	const struct txn_row *hand = x.batch_id ? &y : &x, *bank = x.batch_id ? &x : &y;
	/* A bank row that a later import settled (a pending row it posted) carries that
	 * import's undo; the hand row could not take that over faithfully. */
	g_autoptr(sqlite3_stmt) fl = NULL;
	if (!gig__db_prepare(db,
	                     "SELECT batch_id FROM import_effects WHERE txn_id = ?1"
	                     " AND kind = 'flipped' LIMIT 1",
	                     &fl, error))
		return false;
	sqlite3_bind_int64(fl, 1, bank->id);
	int frc = sqlite3_step(fl);
	if (frc == SQLITE_ROW)
		return refuse(error,
		              "#%" G_GINT64_FORMAT " was pending and import batch %" G_GINT64_FORMAT
		              " settled it; undo that import first, or keep both rows",
		              bank->id, (int64_t)sqlite3_column_int64(fl, 0));
	if (frc != SQLITE_DONE)
		return gig__db_fail(db, frc, "reading the bank row's imports", error);
	/* the hand row takes the bank row's place everywhere an import names it */
	static const char *const moves[] = {
	    "UPDATE import_members SET txn_id = ?2 WHERE txn_id = ?1",
	    "UPDATE import_effects SET txn_id = ?2 WHERE txn_id = ?1 AND kind = 'transfer'",
	    "UPDATE import_effects SET pair_txn_id = ?2 WHERE pair_txn_id = ?1",
	};
	if (!gig__confirm(db, bank->batch_id, hand->id, bank->id, true, error))
		return false;
	for (size_t i = 0; i < G_N_ELEMENTS(moves); i++) {
		g_autoptr(sqlite3_stmt) st = NULL;
		if (!gig__db_prepare(db, moves[i], &st, error))
			return false;
		sqlite3_bind_int64(st, 1, bank->id);
		sqlite3_bind_int64(st, 2, hand->id);
		int rc = sqlite3_step(st);
		if (rc != SQLITE_DONE)
			return gig__db_fail(db, rc, "moving the bank row's links", error);
	}
	*kept = hand->id;
	return true;
}

bool
gig_ledger_txn_merge(gig_ledger *ledger, int64_t a, int64_t b, int64_t *out_kept, GError **error)
{
	g_return_val_if_fail(ledger != NULL, false);
	if (a == b) {
		g_set_error(error, GIG_ERROR, GIG_ERROR_INVALID_INPUT,
		            "#%" G_GINT64_FORMAT " cannot be merged with itself; give two ids", a);
		return false;
	}
	sqlite3 *db = gig__ledger_db(ledger);
	if (!gig__tx_begin(db, error))
		return false;
	int64_t kept = 0;
	bool ok = merge_in_tx(db, a, b, &kept, error);
	if (!gig__tx_end(db, ok, error))
		return false;
	if (out_kept)
		*out_kept = kept;
	return true;
}

/* ---- a gig's payment that is already in the ledger -------------------- */

bool
gig_ledger_gig_payment_find(gig_ledger *ledger, int64_t gig_id, int64_t amount_minor,
                            const char *account, gig_date on, int64_t *out_txn, GError **error)
{
	g_return_val_if_fail(ledger != NULL && out_txn != NULL, false);
	sqlite3 *db = gig__ledger_db(ledger);
	g_autoptr(gig_gig) g = NULL;
	if (!gig_ledger_gig_get(ledger, gig_id, &g, error))
		return false;
	int64_t amount = amount_minor ? amount_minor : g->amount_minor - g->paid_minor;
	int64_t account_id = 0;
	g_autoptr(sqlite3_stmt) st = NULL;
	if (!gig__account_lookup(db, account, &account_id, NULL, error) ||
	    !gig__db_prepare(db,
	                     "SELECT id FROM transactions WHERE account_id = ?1"
	                     " AND fingerprint IS NOT NULL"
	                     " AND posted_on BETWEEN date(?2, '-5 days') AND date(?2, '+5 days')"
	                     " AND amount_minor = ?3 AND pending = 0 AND gig_id IS NULL"
	                     " AND (category_id IS NULL OR category_id IN"
	                     "      (SELECT id FROM categories WHERE kind = 'income'))"
	                     " ORDER BY id LIMIT 2",
	                     &st, error))
		return false;
	sqlite3_bind_int64(st, 1, account_id);
	gig__bind_date(st, 2, on);
	sqlite3_bind_int64(st, 3, amount);
	int64_t found = 0;
	int n = 0, rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		found = sqlite3_column_int64(st, 0);
		n++;
	}
	if (rc != SQLITE_DONE)
		return gig__db_fail(db, rc, "looking for the bank's row of the payment", error);
	*out_txn = n == 1 && amount > 0 ? found : 0;
	return true;
}

static bool
pay_txn_in_tx(gig_ledger *ledger, sqlite3 *db, int64_t gig_id, int64_t txn_id, GError **error)
{
	g_autoptr(gig_gig) g = NULL;
	struct txn_row t = {0};
	if (!gig_ledger_gig_get(ledger, gig_id, &g, error) || !txn_read(db, txn_id, &t, error))
		return false;
	if (g->status == GIG_STATUS_CANCELLED || g->status == GIG_STATUS_PAID)
		return refuse(error, "gig #%" G_GINT64_FORMAT " is already %s", gig_id,
		              gig_status_name(g->status));
	if (t.gig_id != 0)
		return refuse(error, "#%" G_GINT64_FORMAT " already pays gig #%" G_GINT64_FORMAT,
		              txn_id, t.gig_id);
	if (t.pending || t.amount <= 0)
		return refuse(
		    error, "#%" G_GINT64_FORMAT " is %s; a gig is paid by posted money coming in",
		    txn_id, t.pending ? "pending" : "money going out");
	if (strcmp(t.currency, g->currency) != 0) /* settled across currencies (rates.h) */
		return gig__fx_settle_in_tx(ledger, g, txn_id, 0, NULL, error);
	int64_t open = g->amount_minor - g->paid_minor;
	if (t.amount > open) {
		char m[GIG_MONEY_BUFSZ];
		return refuse(error,
		              "#%" G_GINT64_FORMAT " is more than the %s %s still open on gig"
		              " #%" G_GINT64_FORMAT,
		              txn_id,
		              gig_money_format(m, open, gig_currency_exponent(g->currency), true),
		              g->currency, gig_id);
	}
	g_autoptr(sqlite3_stmt) st = NULL;
	if (!gig__db_prepare(db,
	                     "UPDATE transactions SET gig_id = ?1, category_id = coalesce("
	                     " (SELECT id FROM categories WHERE stream = ?3), category_id)"
	                     " WHERE id = ?2",
	                     &st, error))
		return false;
	sqlite3_bind_int64(st, 1, gig_id);
	sqlite3_bind_int64(st, 2, txn_id);
	sqlite3_bind_text(st, 3, gig_stream_name(g->stream), -1, SQLITE_STATIC);
	int rc = sqlite3_step(st); /* the gig's status follows by trigger (sql/0009) */
	if (rc != SQLITE_DONE)
		return gig__db_fail(db, rc, "linking the payment", error);
	return true;
}

bool
gig_ledger_gig_pay_txn(gig_ledger *ledger, int64_t gig_id, int64_t txn_id, GError **error)
{
	g_return_val_if_fail(ledger != NULL, false);
	sqlite3 *db = gig__ledger_db(ledger);
	if (!gig__tx_begin(db, error))
		return false;
	bool ok = pay_txn_in_tx(ledger, db, gig_id, txn_id, error);
	return gig__tx_end(db, ok, error);
}
