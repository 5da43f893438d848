/*
 * ledger_fx_pay.c: a gig paid in another currency (rates.h, sql/0021).
 *
 * A USD invoice of 1,500.00 dated D, with 1 USD = 0.92 EUR the nearest rate on or
 * before D, was worth 1,380.00 EUR when it was issued.  When 1,380.50 EUR arrives
 * for it, the receipt is split: 1,380.00 in the gig's stream category (the income
 * the invoice stood for) and 0.50 in "FX gain/loss" (the realised exchange gain;
 * negative for a loss).  The gig counts 1,500.00 USD paid (gig_fx_payments), so it
 * closes in its own currency.  Everything is written in the caller's transaction,
 * so `gig undo` reverts it as one change.
 */
#include <string.h>

#include "db.h"
#include "gigledger/rates.h"
#include "internal.h"

static bool
exec_int(sqlite3 *db, const char *sql, const char *what, int n, const int64_t *v, GError **error)
{
	g_autoptr(sqlite3_stmt) st = NULL;
	if (!gig__db_prepare(db, sql, &st, error))
		return false;
	for (int i = 0; i < n; i++)
		sqlite3_bind_int64(st, i + 1, v[i]);
	int rc = sqlite3_step(st);
	if (rc != SQLITE_DONE)
		return gig__db_fail(db, rc, what, error);
	return true;
}

static bool
category_id(sqlite3 *db, const char *sql, const char *key, int64_t *out, GError **error)
{
	g_autoptr(sqlite3_stmt) st = NULL;
	if (!gig__db_prepare(db, sql, &st, error))
		return false;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	*out = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return gig__db_fail(db, rc, "looking up a category", error);
	return true;
}

bool
gig__fx_settle_in_tx(gig_ledger *ledger, const gig_gig *g, int64_t txn_id, int64_t gig_minor,
                     gig_fx_payment *out, GError **error)
{
	sqlite3 *db = gig__ledger_db(ledger);
	if (g->status == GIG_STATUS_CANCELLED || g->status == GIG_STATUS_PAID) {
		g_set_error(error, GIG_ERROR, GIG_ERROR_INVALID_INPUT,
		            "gig #%" G_GINT64_FORMAT " is already %s", g->id,
		            gig_status_name(g->status));
		return false;
	}
	int64_t open = g->amount_minor - g->paid_minor;
	if (gig_minor == 0)
		gig_minor = open;
	if (gig_minor <= 0 || gig_minor > open) {
		char a[GIG_MONEY_BUFSZ], b[GIG_MONEY_BUFSZ];
		int e = gig_currency_exponent(g->currency);
		g_set_error(
		    error, GIG_ERROR, GIG_ERROR_INVALID_INPUT,
		    "payment of %s %s is more than the %s %s still open on gig #%" G_GINT64_FORMAT,
		    gig_money_format(a, gig_minor, e, true), g->currency,
		    gig_money_format(b, open, e, true), g->currency, g->id);
		return false;
	}
	/* the receipt */
	g_autoptr(sqlite3_stmt) st = NULL;
	if (!gig__db_prepare(db,
	                     "SELECT t.amount_minor, a.currency, t.pending, ifnull(t.gig_id, 0),"
	                     " (SELECT count(*) FROM txn_splits s WHERE s.parent_id = t.id"
	                     "  OR s.part_id = t.id)"
	                     " FROM transactions t JOIN accounts a ON a.id = t.account_id"
	                     " WHERE t.id = ?1",
	                     &st, error))
		return false;
	sqlite3_bind_int64(st, 1, txn_id);
	int rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		if (rc != SQLITE_DONE)
			return gig__db_fail(db, rc, "reading the receipt", error);
		g_set_error(error, GIG_ERROR, GIG_ERROR_NOT_FOUND,
		            "no transaction #%" G_GINT64_FORMAT, txn_id);
		return false;
	}
	int64_t received = sqlite3_column_int64(st, 0);
	char cur[4];
	g_strlcpy(cur, (const char *)sqlite3_column_text(st, 1), sizeof cur);
	bool pending = sqlite3_column_int(st, 2) != 0;
	int64_t linked = sqlite3_column_int64(st, 3);
	bool split = sqlite3_column_int64(st, 4) != 0;
	g_clear_pointer(&st, sqlite3_finalize);
	if (strcmp(cur, g->currency) == 0) {
		g_set_error(error, GIG_ERROR, GIG_ERROR_INVALID_INPUT,
		            "gig #%" G_GINT64_FORMAT
		            " and the account are both in %s; --received is "
		            "for money that arrived in another currency",
		            g->id, cur);
		return false;
	}
	if (pending || received <= 0 || linked != 0 || split) {
		g_set_error(error, GIG_ERROR, GIG_ERROR_INVALID_INPUT,
		            "#%" G_GINT64_FORMAT " is %s; a gig is paid by posted money coming in",
		            txn_id,
		            pending         ? "pending"
		            : received <= 0 ? "money going out"
		            : linked        ? "already linked to a gig"
		                            : "split");
		return false;
	}
	/* the invoice's worth in the account's currency on the invoice date */
	gig_date rate_date = g->invoiced_on;
	if (rate_date == GIG_DATE_NONE)
		rate_date = g->performed_on;
	if (rate_date == GIG_DATE_NONE) {
		g_autoptr(sqlite3_stmt) d = NULL;
		if (!gig__db_prepare(db, "SELECT posted_on FROM transactions WHERE id = ?1", &d,
		                     error))
			return false;
		sqlite3_bind_int64(d, 1, txn_id);
		int drc = sqlite3_step(d);
		if (drc == SQLITE_ROW)
			rate_date = gig__column_date(d, 0);
		else if (drc != SQLITE_DONE)
			return gig__db_fail(db, drc, "reading the receipt's date", error);
	}
	gig_conversion c;
	if (!gig_convert(ledger, gig_minor, g->currency, cur, rate_date, &c, error)) {
		char when[GIG_DATE_BUFSZ];
		gig_date_format(when, rate_date);
		g_prefix_error(error,
		               "the rate of gig #%" G_GINT64_FORMAT "'s invoice date %s: ", g->id,
		               when);
		return false;
	}
	int64_t expected = c.minor;
	int64_t fx = 0;
	if (expected <= 0 || !gig_money_sub(&fx, received, expected)) {
		g_set_error(error, GIG_ERROR, GIG_ERROR_INVALID_INPUT,
		            "gig #%" G_GINT64_FORMAT "'s payment converts to nothing in %s", g->id,
		            cur);
		return false;
	}
	int64_t stream_cat = 0, fx_cat = 0;
	if (!category_id(db, "SELECT id FROM categories WHERE stream = ?1",
	                 gig_stream_name(g->stream), &stream_cat, error) ||
	    !category_id(db, "SELECT id FROM categories WHERE name = ?1 COLLATE NOCASE",
	                 "FX gain/loss", &fx_cat, error))
		return false;
	/* the receipt keeps the invoice's worth; the part takes the difference */
	int64_t v1[] = {txn_id, expected, stream_cat, g->id};
	if (!exec_int(db,
	              "UPDATE transactions SET amount_minor = ?2,"
	              " category_id = coalesce(nullif(?3, 0), category_id), gig_id = ?4"
	              " WHERE id = ?1",
	              "recording the payment", 4, v1, error))
		return false;
	int64_t part = 0;
	if (fx != 0) {
		int64_t v2[] = {txn_id, fx, fx_cat};
		if (!exec_int(db,
		              "INSERT INTO transactions(account_id, posted_on, amount_minor, payee,"
		              " memo, category_id, gig_id, pending)"
		              " SELECT account_id, posted_on, ?2, payee, 'FX gain/loss ' || memo,"
		              " nullif(?3, 0), gig_id, pending FROM transactions WHERE id = ?1",
		              "recording the exchange difference", 3, v2, error))
			return false;
		part = sqlite3_last_insert_rowid(db);
		int64_t v3[] = {part, txn_id};
		if (!gig__txn_inserted(db, part, error) ||
		    !exec_int(db, "INSERT INTO txn_splits(part_id, parent_id) VALUES (?1, ?2)",
		              "recording the exchange difference", 2, v3, error))
			return false;
	}
	g_autofree char *desc = gig_conversion_describe(&c);
	g_autoptr(sqlite3_stmt) ins = NULL;
	if (!gig__db_prepare(db,
	                     "INSERT OR REPLACE INTO gig_fx_payments(txn_id, gig_id, gig_minor,"
	                     " received_minor, expected_minor, rate_on, rate, fx_txn_id)"
	                     " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, nullif(?8, 0))",
	                     &ins, error))
		return false;
	sqlite3_bind_int64(ins, 1, txn_id);
	sqlite3_bind_int64(ins, 2, g->id);
	sqlite3_bind_int64(ins, 3, gig_minor);
	sqlite3_bind_int64(ins, 4, received);
	sqlite3_bind_int64(ins, 5, expected);
	gig__bind_date(ins, 6, c.rate_on);
	sqlite3_bind_text(ins, 7, desc, -1, SQLITE_STATIC);
	sqlite3_bind_int64(ins, 8, part);
	rc = sqlite3_step(ins);
	if (rc != SQLITE_DONE)
		return gig__db_fail(db, rc, "recording the payment", error);
	int64_t v4[] = {g->id};
	if (!exec_int(db,
	              "UPDATE gigs SET status = (SELECT status FROM gig_status_due"
	              " WHERE gig_id = gigs.id) WHERE id = ?1",
	              "updating the gig's status", 1, v4, error))
		return false;
	if (out) {
		memset(out, 0, sizeof *out);
		out->txn_id = txn_id;
		out->fx_txn_id = part;
		out->gig_minor = gig_minor;
		memcpy(out->gig_currency, g->currency, 4);
		out->received_minor = received;
		out->expected_minor = expected;
		out->fx_minor = fx;
		memcpy(out->currency, cur, 4);
		out->rate_date = rate_date;
		out->rate = c;
	}
	return true;
}

/* The change log's line for it (not inside an import, whose entry names its batch). */
static void
summary(sqlite3 *db, const gig_fx_payment *p, int64_t gig_id)
{
	char a[GIG_MONEY_BUFSZ], b[GIG_MONEY_BUFSZ];
	gig__journal_summary(
	    db, "gig #%" G_GINT64_FORMAT " paid %s %s with %s %s received", gig_id,
	    gig_money_format(a, p->gig_minor, gig_currency_exponent(p->gig_currency), true),
	    p->gig_currency,
	    gig_money_format(b, p->received_minor, gig_currency_exponent(p->currency), true),
	    p->currency);
}

bool
gig_ledger_gig_pay_received(gig_ledger *ledger, int64_t gig_id, int64_t amount_minor,
                            int64_t received_minor, const char *account, gig_date on,
                            gig_fx_payment *out, GError **error)
{
	g_return_val_if_fail(ledger != NULL, false);
	if (received_minor <= 0 || amount_minor < 0) {
		g_set_error(error, GIG_ERROR, GIG_ERROR_INVALID_INPUT,
		            "the amounts paid and received must be more than 0");
		return false;
	}
	if (!gig__amount_check(received_minor, "the amount received", error))
		return false;
	sqlite3 *db = gig__ledger_db(ledger);
	if (!gig__tx_begin(db, error))
		return false;
	g_autoptr(gig_gig) g = NULL;
	int64_t account_id = 0;
	char cur[4];
	bool ok = gig_ledger_gig_get(ledger, gig_id, &g, error) &&
	          gig__account_lookup(db, account, &account_id, cur, error);
	g_autoptr(sqlite3_stmt) st = NULL;
	if (ok)
		ok = gig__db_prepare(db,
		                     "INSERT INTO transactions(account_id, posted_on, amount_minor,"
		                     " payee, memo) VALUES (?,?,?,?,?)",
		                     &st, error);
	int64_t txn = 0;
	if (ok) {
		g_autofree char *memo = g_strdup_printf("gig #%" G_GINT64_FORMAT " %s", g->id,
		                                        g->description ? g->description : "");
		sqlite3_bind_int64(st, 1, account_id);
		gig__bind_date(st, 2, on);
		sqlite3_bind_int64(st, 3, received_minor);
		sqlite3_bind_text(st, 4, g->client, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 5, g_strstrip(memo), -1, SQLITE_STATIC);
		int rc = sqlite3_step(st);
		if (rc != SQLITE_DONE)
			ok = gig__db_fail(db, rc, "recording the payment", error);
		txn = ok ? sqlite3_last_insert_rowid(db) : 0;
	}
	gig_fx_payment p;
	ok = ok && gig__txn_inserted(db, txn, error) &&
	     gig__fx_settle_in_tx(ledger, g, txn, amount_minor, &p, error);
	if (ok)
		summary(db, &p, g->id);
	if (!gig__tx_end(db, ok, error))
		return false;
	if (out)
		*out = p;
	return true;
}

bool
gig_ledger_gig_pay_txn_received(gig_ledger *ledger, int64_t gig_id, int64_t txn_id,
                                int64_t amount_minor, gig_fx_payment *out, GError **error)
{
	g_return_val_if_fail(ledger != NULL, false);
	sqlite3 *db = gig__ledger_db(ledger);
	if (!gig__tx_begin(db, error))
		return false;
	g_autoptr(gig_gig) g = NULL;
	gig_fx_payment p;
	bool ok = gig_ledger_gig_get(ledger, gig_id, &g, error) &&
	          gig__fx_settle_in_tx(ledger, g, txn_id, amount_minor, &p, error);
	if (ok)
		summary(db, &p, gig_id);
	if (!gig__tx_end(db, ok, error))
		return false;
	if (out)
		*out = p;
	return true;
}
