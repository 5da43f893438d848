/*
 * ledger_gig.c: clients and gigs (receivables) and their payment state.
 *
 * Invariant (kept in the same transaction that links, unlinks or changes a
 * payment: by the update and delete triggers of sql/0007, and for a payment
 * inserted by gig__txn_inserted(), through the view gig_status_due): a gig's status is
 *   cancelled            if the user cancelled it, else
 *   paid                 if its linked transactions sum to >= its amount,
 *   partly_paid          if they sum to more than 0,
 *   invoiced / planned   otherwise (planned = no invoice date yet).
 * The paid total itself is never stored: it is the sum of the links.
 */
#include <string.h>

#include "db.h"
#include "internal.h"

void
gig_gig_free(gig_gig *gig)
{
	if (gig == NULL)
		return;
	g_free(gig->client);
	g_free(gig->description);
	g_free(gig);
}

bool
gig__client_ensure(sqlite3 *db, const char *name, int64_t *out_id, int *terms, GError **error)
{
	g_autofree char *clean = g_strstrip(g_strdup(name ? name : ""));
	if (*clean == '\0') {
		g_set_error(error, GIG_ERROR, GIG_ERROR_INVALID_INPUT, "a gig needs a client name");
		return false;
	}
	g_autoptr(sqlite3_stmt) ins = NULL;
	g_autoptr(sqlite3_stmt) sel = NULL;
	if (!gig__db_prepare(db, "INSERT OR IGNORE INTO clients(name) VALUES (?)", &ins, error) ||
	    !gig__db_prepare(db, "SELECT id, terms_days FROM clients WHERE name = ? COLLATE NOCASE",
	                     &sel, error))
		return false;
	sqlite3_bind_text(ins, 1, clean, -1, SQLITE_STATIC);
	int rc = sqlite3_step(ins);
	if (rc != SQLITE_DONE)
		return gig__db_fail(db, rc, "adding the client", error);
	sqlite3_bind_text(sel, 1, clean, -1, SQLITE_STATIC);
	rc = sqlite3_step(sel);
	if (rc != SQLITE_ROW)
		return gig__db_fail(db, rc, "looking up the client", error);
	*out_id = sqlite3_column_int64(sel, 0);
	*terms = sqlite3_column_int(sel, 1);
	return true;
}

static bool pay_in_tx(sqlite3 *db, const gig_gig *g, int64_t amount_minor, const char *account,
                      gig_date on, int64_t *out_txn, GError **error);

bool
gig__gig_add_in_tx(gig_ledger *ledger, const gig_gig_spec *spec, int64_t *out_id, GError **error)
{
	g_return_val_if_fail(spec != NULL, false);
	sqlite3 *db = gig__ledger_db(ledger);
	char cur[4];
	if (!gig_currency_normalize(
	        cur, spec->currency ? spec->currency : gig_ledger_base_currency(ledger), error))
		return false;
	if (spec->amount_minor <= 0) {
		g_set_error(error, GIG_ERROR, GIG_ERROR_INVALID_INPUT,
		            "a gig's amount must be more than 0");
		return false;
	}
	if (!gig__amount_check(spec->amount_minor, "a gig", error))
		return false;
	if ((unsigned)spec->stream >= GIG_STREAM_COUNT) {
		g_set_error(error, GIG_ERROR, GIG_ERROR_INVALID_INPUT, "unknown income stream");
		return false;
	}
	if (spec->due_on != GIG_DATE_NONE && spec->invoiced_on != GIG_DATE_NONE &&
	    spec->due_on < spec->invoiced_on) {
		g_set_error(error, GIG_ERROR, GIG_ERROR_INVALID_INPUT,
		            "the due date is before the invoice date");
		return false;
	}
	int64_t client_id = 0;
	int terms = 30;
	bool ok = gig__client_ensure(db, spec->client, &client_id, &terms, error);
	if (spec->terms_days >= 0)
		terms = spec->terms_days;
	gig_date due = spec->due_on;
	if (due == GIG_DATE_NONE && spec->invoiced_on != GIG_DATE_NONE)
		due = spec->invoiced_on + terms;
	gig_date last = 0;
	gig_date_from_ymd(&last, 9999, 12, 31);
	if (ok && due != GIG_DATE_NONE && due > last) {
		char inv[GIG_DATE_BUFSZ];
		gig_date_format(inv, spec->invoiced_on);
		if (spec->due_on != GIG_DATE_NONE)
			g_set_error(error, GIG_ERROR, GIG_ERROR_INVALID_INPUT,
			            "the due date is after 9999-12-31");
		else
			g_set_error(error, GIG_ERROR, GIG_ERROR_INVALID_INPUT,
			            "the due date (invoiced %s + %d days of terms) would be after "
			            "9999-12-31",
			            inv, terms);
		ok = false;
	}
	g_autoptr(sqlite3_stmt) st = NULL;
	if (ok)
		ok =
		    gig__db_prepare(db,
		                    "INSERT INTO gigs(client_id, stream, description, amount_minor,"
		                    " currency, performed_on, invoiced_on, due_on, status)"
		                    " VALUES (?,?,?,?,?,?,?,?,?)",
		                    &st, error);
	if (ok) {
		sqlite3_bind_int64(st, 1, client_id);
		sqlite3_bind_text(st, 2, gig_stream_name(spec->stream), -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, spec->description ? spec->description : "", -1,
		                  SQLITE_STATIC);
		sqlite3_bind_int64(st, 4, spec->amount_minor);
		sqlite3_bind_text(st, 5, cur, -1, SQLITE_STATIC);
		gig__bind_date(st, 6, spec->performed_on);
		gig__bind_date(st, 7, spec->invoiced_on);
		gig__bind_date(st, 8, due);
		sqlite3_bind_text(st, 9,
		                  spec->invoiced_on == GIG_DATE_NONE ? "planned" : "invoiced", -1,
		                  SQLITE_STATIC);
		int rc = sqlite3_step(st);
		if (rc != SQLITE_DONE)
			ok = gig__db_fail(db, rc, "adding the gig", error);
	}
	int64_t id = ok ? sqlite3_last_insert_rowid(db) : 0;
	if (ok && spec->paid_on != GIG_DATE_NONE) {
		/* logging an already-paid gig is one action: same transaction */
		g_autoptr(gig_gig) g = NULL;
		ok = gig_ledger_gig_get(ledger, id, &g, error) &&
		     pay_in_tx(db, g, 0, spec->paid_account, spec->paid_on, NULL, error);
	}
	if (ok && out_id)
		*out_id = id;
	return ok;
}

bool
gig_ledger_gig_add(gig_ledger *ledger, const gig_gig_spec *spec, int64_t *out_id, GError **error)
{
	sqlite3 *db = gig__ledger_db(ledger);
	if (!gig__tx_begin(db, error))
		return false;
	int64_t id = 0;
	bool ok = gig__gig_add_in_tx(ledger, spec, &id, error);
	if (!gig__tx_end(db, ok, error))
		return false;
	if (out_id)
		*out_id = id;
	return true;
}

#define GIG_SELECT                                                                                 \
	"SELECT g.id, c.name, g.stream, g.description, g.amount_minor, g.currency,"                \
	" g.performed_on, g.invoiced_on, g.due_on, g.status,"                                      \
	" " GIG__SQL_PAID("g", "") /* in the gig's currency */                                     \
	    " FROM gigs g JOIN clients c ON c.id = g.client_id"

static gig_gig *
gig_from_row(sqlite3_stmt *st)
{
	gig_gig *g = g_new0(gig_gig, 1);
	g->id = sqlite3_column_int64(st, 0);
	g->client = g_strdup((const char *)sqlite3_column_text(st, 1));
	gig_stream stream = GIG_STREAM_OTHER;
	gig_stream_parse(&stream, (const char *)sqlite3_column_text(st, 2), NULL);
	g->stream = stream;
	g->description = g_strdup((const char *)sqlite3_column_text(st, 3));
	g->amount_minor = sqlite3_column_int64(st, 4);
	g_strlcpy(g->currency, (const char *)sqlite3_column_text(st, 5), sizeof g->currency);
	g->performed_on = gig__column_date(st, 6);
	g->invoiced_on = gig__column_date(st, 7);
	g->due_on = gig__column_date(st, 8);
	gig_status status = GIG_STATUS_INVOICED;
	gig__status_parse(&status, (const char *)sqlite3_column_text(st, 9));
	g->status = status;
	g->paid_minor = sqlite3_column_int64(st, 10);
	return g;
}

bool
gig_ledger_gig_get(gig_ledger *ledger, int64_t id, gig_gig **out, GError **error)
{
	sqlite3 *db = gig__ledger_db(ledger);
	g_autoptr(sqlite3_stmt) st = NULL;
	if (!gig__db_prepare(db, GIG_SELECT " WHERE g.id = ?", &st, error))
		return false;
	sqlite3_bind_int64(st, 1, id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*out = gig_from_row(st);
		return true;
	}
	if (rc != SQLITE_DONE)
		return gig__db_fail(db, rc, "reading the gig", error);
	g_set_error(error, GIG_ERROR, GIG_ERROR_NOT_FOUND,
	            "no gig #%" G_GINT64_FORMAT "; 'gig invoices --all' lists them", id);
	return false;
}

bool
gig_ledger_gigs(gig_ledger *ledger, bool open_only, GPtrArray **out, GError **error)
{
	sqlite3 *db = gig__ledger_db(ledger);
	g_autoptr(sqlite3_stmt) st = NULL;
	const char *sql = open_only ? GIG_SELECT " WHERE g.status IN ('invoiced', 'partly_paid')"
	                                         " ORDER BY g.due_on, g.id"
	                            : GIG_SELECT
	                      " ORDER BY ifnull(g.invoiced_on, g.performed_on), g.id";
	if (!gig__db_prepare(db, sql, &st, error))
		return false;
	g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func((GDestroyNotify)gig_gig_free);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		g_ptr_array_add(list, gig_from_row(st));
	if (rc != SQLITE_DONE)
		return gig__db_fail(db, rc, "reading gigs", error);
	*out = g_steal_pointer(&list);
	return true;
}

/* The income category of a stream (seeded by the schema). */
static bool
stream_category(sqlite3 *db, gig_stream stream, int64_t *out, GError **error)
{
	g_autoptr(sqlite3_stmt) st = NULL;
	if (!gig__db_prepare(db, "SELECT id FROM categories WHERE stream = ?", &st, error))
		return false;
	sqlite3_bind_text(st, 1, gig_stream_name(stream), -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	*out = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return gig__db_fail(db, rc, "looking up the stream's category", error);
	return true;
}

static bool
pay_in_tx(sqlite3 *db, const gig_gig *g, int64_t amount_minor, const char *account, gig_date on,
          int64_t *out_txn, GError **error)
{
	if (g->status == GIG_STATUS_CANCELLED || g->status == GIG_STATUS_PAID) {
		g_set_error(error, GIG_ERROR, GIG_ERROR_INVALID_INPUT,
		            "gig #%" G_GINT64_FORMAT " is already %s", g->id,
		            gig_status_name(g->status));
		return false;
	}
	if (!gig__amount_check(amount_minor, "a payment", error))
		return false;
	int64_t open = g->amount_minor - g->paid_minor;
	if (amount_minor == 0)
		amount_minor = open;
	if (amount_minor < 0 || amount_minor > open) {
		char a[GIG_MONEY_BUFSZ], b[GIG_MONEY_BUFSZ];
		int e = gig_currency_exponent(g->currency);
		g_set_error(
		    error, GIG_ERROR, GIG_ERROR_INVALID_INPUT,
		    "payment of %s %s is more than the %s %s still open on gig #%" G_GINT64_FORMAT,
		    gig_money_format(a, amount_minor, e, true), g->currency,
		    gig_money_format(b, open, e, true), g->currency, g->id);
		return false;
	}
	int64_t account_id = 0, category_id = 0;
	char cur[4];
	if (!gig__account_lookup(db, account, &account_id, cur, error) ||
	    !stream_category(db, g->stream, &category_id, error))
		return false;
	if (strcmp(cur, g->currency) != 0) {
		g_set_error(error, GIG_ERROR, GIG_ERROR_INVALID_INPUT,
		            "gig #%" G_GINT64_FORMAT " is in %s but the account is in %s; pick an "
		            "account in %s with --account",
		            g->id, g->currency, cur, g->currency);
		return false;
	}
	g_autoptr(sqlite3_stmt) st = NULL;
	if (!gig__db_prepare(db,
	                     "INSERT INTO transactions(account_id, posted_on, amount_minor, payee,"
	                     " memo, category_id, gig_id) VALUES (?,?,?,?,?,?,?)",
	                     &st, error))
		return false;
	g_autofree char *memo = g_strdup_printf("gig #%" G_GINT64_FORMAT " %s", g->id,
	                                        g->description ? g->description : "");
	sqlite3_bind_int64(st, 1, account_id);
	gig__bind_date(st, 2, on);
	sqlite3_bind_int64(st, 3, amount_minor);
	sqlite3_bind_text(st, 4, g->client, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, g_strstrip(memo), -1, SQLITE_STATIC);
	if (category_id)
		sqlite3_bind_int64(st, 6, category_id);
	else
		sqlite3_bind_null(st, 6);
	sqlite3_bind_int64(st, 7, g->id);
	int rc = sqlite3_step(st);
	if (rc != SQLITE_DONE)
		return gig__db_fail(db, rc, "recording the payment", error);
	int64_t txn = sqlite3_last_insert_rowid(db);
	if (!gig__txn_inserted(db, txn, error)) /* rollup and the gig's status (sql/0007) */
		return false;
	if (out_txn)
		*out_txn = txn;
	return true;
}

bool
gig_ledger_gig_pay(gig_ledger *ledger, int64_t gig_id, int64_t amount_minor, const char *account,
                   gig_date on, int64_t *out_txn, GError **error)
{
	sqlite3 *db = gig__ledger_db(ledger);
	if (!gig__tx_begin(db, error))
		return false;
	g_autoptr(gig_gig) g = NULL;
	int64_t txn = 0;
	bool ok = gig_ledger_gig_get(ledger, gig_id, &g, error) &&
	          pay_in_tx(db, g, amount_minor, account, on, &txn, error);
	if (!gig__tx_end(db, ok, error))
		return false;
	if (out_txn)
		*out_txn = txn;
	return true;
}

bool
gig_ledger_gig_cancel(gig_ledger *ledger, int64_t gig_id, GError **error)
{
	sqlite3 *db = gig__ledger_db(ledger);
	if (!gig__tx_begin(db, error))
		return false;
	g_autoptr(gig_gig) g = NULL;
	bool ok = gig_ledger_gig_get(ledger, gig_id, &g, error);
	if (ok && (g->status == GIG_STATUS_PAID || g->paid_minor > 0)) {
		g_set_error(error, GIG_ERROR, GIG_ERROR_INVALID_INPUT,
		            "gig #%" G_GINT64_FORMAT
		            " has payments recorded; it cannot be cancelled",
		            gig_id);
		ok = false;
	}
	g_autoptr(sqlite3_stmt) st = NULL;
	if (ok)
		ok = gig__db_prepare(db, "UPDATE gigs SET status = 'cancelled' WHERE id = ?", &st,
		                     error);
	if (ok) {
		sqlite3_bind_int64(st, 1, gig_id);
		int rc = sqlite3_step(st);
		if (rc != SQLITE_DONE)
			ok = gig__db_fail(db, rc, "cancelling the gig", error);
	}
	return gig__tx_end(db, ok, error);
}
