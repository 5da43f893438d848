/*
 * royalty_balance.c: what each payer has earned, paid and still owes, the next payout,
 * earnings grouped by work/store/country/month, and matching payout deposits
 * (royalty.h).
 */
#include <string.h>

#include "gigledger/money.h"
#include "gigledger/royalty.h"

#include "db.h"
#include "internal.h"

void
gig_royalty_balance_free(gig_royalty_balance *b)
{
	if (b == NULL)
		return;
	g_free(b->payer);
	g_free(b);
}

void
gig_royalty_group_free(gig_royalty_group *g)
{
	if (g == NULL)
		return;
	g_free(g->key);
	g_free(g);
}

/* "YYYY-MM" into a month index; -1 when it is not one */
static int
month_of(const unsigned char *text)
{
	int y, m;
	if (text == NULL || sscanf((const char *)text, "%4d-%2d", &y, &m) != 2 || m < 1 || m > 12)
		return -1;
	return y * 12 + (m - 1);
}

/* The unpaid part of a payer's statements, oldest first: payouts settle the oldest. */
static bool
read_dues(sqlite3 *db, const char *payer, const char *currency, int64_t paid, GArray *dues,
          GError **error)
{
	g_autoptr(sqlite3_stmt) st = NULL;
	if (!gig__db_prepare(db,
	                     "SELECT last_month, total_minor FROM royalty_statements"
	                     " WHERE payer = ? AND currency = ? ORDER BY last_month, id",
	                     &st, error))
		return false;
	gig__bind_text_copy(st, 1, payer);
	gig__bind_text_copy(st, 2, currency);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		gig_royalty_due d = {month_of(sqlite3_column_text(st, 0)),
		                     sqlite3_column_int64(st, 1)};
		int64_t settle = MIN(paid, d.amount_minor);
		if (settle > 0) {
			d.amount_minor -= settle;
			paid -= settle;
		}
		if (d.amount_minor != 0)
			g_array_append_val(dues, d);
	}
	if (rc != SQLITE_DONE)
		return gig__db_fail(db, rc, "reading royalty statements", error);
	return true;
}

static bool
read_balances(sqlite3 *db, const GPtrArray *calendars, gig_date today, GPtrArray *list,
              GError **error)
{
	g_autoptr(sqlite3_stmt) st = NULL, paid = NULL;
	if (!gig__db_prepare(db,
	                     "SELECT payer, currency, count(*), sum(total_minor), max(last_month),"
	                     " max(imported_on) FROM royalty_statements GROUP BY payer, currency"
	                     " ORDER BY payer, currency",
	                     &st, error) ||
	    !gig__db_prepare(db,
	                     "SELECT coalesce(sum(amount_minor), 0) FROM royalty_payouts"
	                     " WHERE payer = ? AND currency = ?",
	                     &paid, error))
		return false;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		gig_royalty_balance *b = g_new0(gig_royalty_balance, 1);
		g_ptr_array_add(list, b);
		b->payer = g_strdup((const char *)sqlite3_column_text(st, 0));
		g_strlcpy(b->currency, (const char *)sqlite3_column_text(st, 1),
		          sizeof b->currency);
		b->statements = sqlite3_column_int64(st, 2);
		b->earned_minor = sqlite3_column_int64(st, 3);
		b->last_month = month_of(sqlite3_column_text(st, 4));
		b->last_imported = gig__column_date(st, 5);
		b->next_date = GIG_DATE_NONE;
		sqlite3_reset(paid);
		gig__bind_text_copy(paid, 1, b->payer);
		gig__bind_text_copy(paid, 2, b->currency);
		int prc = sqlite3_step(paid);
		if (prc != SQLITE_ROW)
			return gig__db_fail(db, prc, "reading royalty payouts", error);
		b->paid_minor = sqlite3_column_int64(paid, 0);
		if (!gig_money_sub(&b->owed_minor, b->earned_minor, b->paid_minor)) {
			g_set_error(error, GIG_ERROR, GIG_ERROR_OVERFLOW,
			            "a royalty balance overflows");
			return false;
		}
		const gig_payer_calendar *cal = gig_payer_calendar_find(calendars, b->payer);
		b->has_calendar = cal != NULL && strcmp(cal->currency, b->currency) == 0;
		if (!b->has_calendar || b->owed_minor <= 0)
			continue;
		g_autoptr(GArray) dues = g_array_new(false, false, sizeof(gig_royalty_due));
		if (!read_dues(db, b->payer, b->currency, b->paid_minor, dues, error))
			return false;
		if (!gig_royalty_next_payout(cal, (const gig_royalty_due *)(void *)dues->data,
		                             dues->len, today, &b->next_date, &b->next_minor))
			b->next_date = GIG_DATE_NONE;
	}
	if (rc != SQLITE_DONE)
		return gig__db_fail(db, rc, "reading royalty statements", error);
	return true;
}

bool
gig_ledger_royalties(gig_ledger *ledger, const GPtrArray *calendars, gig_date today,
                     GPtrArray **out, GError **error)
{
	g_return_val_if_fail(ledger != NULL && out != NULL, false);
	g_autoptr(GPtrArray) list =
	    g_ptr_array_new_with_free_func((GDestroyNotify)gig_royalty_balance_free);
	if (!read_balances(gig__ledger_db(ledger), calendars, today, list, error))
		return false;
	*out = g_steal_pointer(&list);
	return true;
}

bool
gig_ledger_royalties_by(gig_ledger *ledger, gig_royalty_by by, GPtrArray **out, GError **error)
{
	g_return_val_if_fail(ledger != NULL && out != NULL, false);
	static const char *const keys[] = {
	    [GIG_ROYALTY_BY_WORK] = "CASE WHEN l.isrc = '' THEN l.work"
	                            " ELSE l.work || ' [' || l.isrc || ']' END",
	    [GIG_ROYALTY_BY_STORE] = "l.store",
	    [GIG_ROYALTY_BY_COUNTRY] = "l.country",
	    [GIG_ROYALTY_BY_MONTH] = "l.month",
	};
	g_return_val_if_fail((unsigned)by <= GIG_ROYALTY_BY_MONTH, false);
	g_autofree char *sql = g_strdup_printf(
	    "SELECT %s AS k, s.currency, sum(l.earned_pico), count(*) FROM royalty_lines l"
	    " JOIN royalty_statements s ON s.id = l.statement_id GROUP BY k, s.currency"
	    " ORDER BY %s, s.currency, k",
	    keys[by], by == GIG_ROYALTY_BY_MONTH ? "k" : "sum(l.earned_pico) DESC");
	sqlite3 *db = gig__ledger_db(ledger);
	g_autoptr(sqlite3_stmt) st = NULL;
	if (!gig__db_prepare(db, sql, &st, error))
		return false;
	g_autoptr(GPtrArray) list =
	    g_ptr_array_new_with_free_func((GDestroyNotify)gig_royalty_group_free);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		gig_royalty_group *g = g_new0(gig_royalty_group, 1);
		g_ptr_array_add(list, g);
		g->key = g_strdup((const char *)sqlite3_column_text(st, 0));
		g_strlcpy(g->currency, (const char *)sqlite3_column_text(st, 1),
		          sizeof g->currency);
		g->earned_pico = sqlite3_column_int64(st, 2);
		g->earned_minor =
		    gig_pico_round(g->earned_pico, gig_currency_exponent(g->currency));
		g->lines = sqlite3_column_int64(st, 3);
	}
	if (rc != SQLITE_DONE)
		return gig__db_fail(db, rc, "summing royalty lines", error);
	*out = g_steal_pointer(&list);
	return true;
}

/* true when the payee names the payer (its name or one of its match strings) */
static bool
payee_matches(const char *payee, const char *payer, const gig_payer_calendar *cal)
{
	g_autofree char *p = g_utf8_casefold(payee, -1);
	g_autofree char *n = g_utf8_casefold(payer, -1);
	if (*n && strstr(p, n))
		return true;
	for (size_t i = 0; cal && cal->match[i]; i++) {
		g_autofree char *m = g_utf8_casefold(cal->match[i], -1);
		if (*m && strstr(p, m))
			return true;
	}
	return false;
}

static bool
match_payer(sqlite3 *db, const gig_royalty_balance *b, const gig_payer_calendar *cal,
            int64_t *matched, GError **error)
{
	g_autoptr(sqlite3_stmt) totals = NULL, cand = NULL, link = NULL;
	if (!gig__db_prepare(db,
	                     "SELECT total_minor, first_month FROM royalty_statements"
	                     " WHERE payer = ? AND currency = ? ORDER BY first_month",
	                     &totals, error) ||
	    !gig__db_prepare(db,
	                     "SELECT t.id, t.amount_minor, t.payee FROM transactions t"
	                     " JOIN accounts a ON a.id = t.account_id"
	                     " LEFT JOIN royalty_payouts p ON p.txn_id = t.id"
	                     " WHERE p.txn_id IS NULL AND t.amount_minor > 0 AND a.currency = ?"
	                     " AND t.posted_on >= ? ORDER BY t.posted_on, t.id",
	                     &cand, error) ||
	    !gig__db_prepare(db,
	                     "INSERT INTO royalty_payouts(txn_id, payer, amount_minor, currency)"
	                     " VALUES (?, ?, ?, ?)",
	                     &link, error))
		return false;
	gig__bind_text_copy(totals, 1, b->payer);
	gig__bind_text_copy(totals, 2, b->currency);
	g_autoptr(GArray) amounts = g_array_new(false, false, sizeof(int64_t));
	g_autofree char *since = NULL;
	int rc;
	while ((rc = sqlite3_step(totals)) == SQLITE_ROW) {
		int64_t v = sqlite3_column_int64(totals, 0);
		g_array_append_val(amounts, v);
		if (since == NULL)
			since =
			    g_strdup_printf("%s-01", (const char *)sqlite3_column_text(totals, 1));
	}
	if (rc != SQLITE_DONE)
		return gig__db_fail(db, rc, "reading royalty statements", error);
	if (since == NULL)
		return true;
	int64_t owed = b->owed_minor;
	gig__bind_text_copy(cand, 1, b->currency);
	gig__bind_text_copy(cand, 2, since);
	while (owed > 0 && (rc = sqlite3_step(cand)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(cand, 0), amount = sqlite3_column_int64(cand, 1);
		const char *payee = (const char *)sqlite3_column_text(cand, 2);
		if (!payee_matches(payee ? payee : "", b->payer, cal))
			continue;
		bool fits = amount == owed;
		for (guint i = 0; !fits && i < amounts->len; i++)
			fits = amount == g_array_index(amounts, int64_t, i) && amount <= owed;
		if (!fits)
			continue;
		sqlite3_reset(link);
		sqlite3_bind_int64(link, 1, id);
		gig__bind_text_copy(link, 2, b->payer);
		sqlite3_bind_int64(link, 3, amount);
		gig__bind_text_copy(link, 4, b->currency);
		int lrc = sqlite3_step(link);
		if (lrc != SQLITE_DONE)
			return gig__db_fail(db, lrc, "linking a royalty payout", error);
		owed -= amount;
		(*matched)++;
	}
	if (owed > 0 && rc != SQLITE_DONE)
		return gig__db_fail(db, rc, "reading deposits", error);
	return true;
}

bool
gig_ledger_royalties_match(gig_ledger *ledger, const GPtrArray *calendars, int64_t *matched,
                           GError **error)
{
	g_return_val_if_fail(ledger != NULL && matched != NULL, false);
	sqlite3 *db = gig__ledger_db(ledger);
	if (!gig__tx_begin(db, error))
		return false;
	g_autoptr(GPtrArray) list =
	    g_ptr_array_new_with_free_func((GDestroyNotify)gig_royalty_balance_free);
	int64_t n = 0;
	bool ok = read_balances(db, NULL, GIG_DATE_NONE, list, error);
	for (guint i = 0; ok && i < list->len; i++) {
		const gig_royalty_balance *b = list->pdata[i];
		ok = match_payer(db, b, gig_payer_calendar_find(calendars, b->payer), &n, error);
	}
	if (!gig__tx_end(db, ok, error))
		return false;
	*matched = n;
	return true;
}

void
gig_statement_info_free(gig_statement_info *s)
{
	if (s == NULL)
		return;
	g_free(s->payer);
	g_free(s->format);
	g_free(s->file_name);
	g_free(s->sha256);
	g_free(s);
}

bool
gig_ledger_statements(gig_ledger *ledger, GPtrArray **out, GError **error)
{
	g_return_val_if_fail(ledger != NULL && out != NULL, false);
	sqlite3 *db = gig__ledger_db(ledger);
	g_autoptr(sqlite3_stmt) st = NULL;
	if (!gig__db_prepare(db,
	                     "SELECT id, payer, format, file_name, file_sha256, imported_on,"
	                     " currency, first_month, last_month, lines, total_pico, total_minor"
	                     " FROM royalty_statements ORDER BY id",
	                     &st, error))
		return false;
	g_autoptr(GPtrArray) list =
	    g_ptr_array_new_with_free_func((GDestroyNotify)gig_statement_info_free);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		gig_statement_info *s = g_new0(gig_statement_info, 1);
		g_ptr_array_add(list, s);
		s->id = sqlite3_column_int64(st, 0);
		s->payer = g_strdup((const char *)sqlite3_column_text(st, 1));
		s->format = g_strdup((const char *)sqlite3_column_text(st, 2));
		s->file_name = g_strdup((const char *)sqlite3_column_text(st, 3));
		s->sha256 = g_strdup((const char *)sqlite3_column_text(st, 4));
		s->imported_on = gig__column_date(st, 5);
		g_strlcpy(s->currency, (const char *)sqlite3_column_text(st, 6),
		          sizeof s->currency);
		s->first_month = month_of(sqlite3_column_text(st, 7));
		s->last_month = month_of(sqlite3_column_text(st, 8));
		s->lines = sqlite3_column_int64(st, 9);
		s->total_pico = sqlite3_column_int64(st, 10);
		s->total_minor = sqlite3_column_int64(st, 11);
	}
	if (rc != SQLITE_DONE)
		return gig__db_fail(db, rc, "reading royalty statements", error);
	*out = g_steal_pointer(&list);
	return true;
}
