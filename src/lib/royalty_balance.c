/*
 * royalty_balance.c: what each payer has earned, paid and still owes, the next payout,
 * earnings grouped by work/store/country/month, and matching payout deposits
 * (royalty.h).
 */
#include <string.h>

#include "gigledger/money.h"
#include "gigledger/rates.h"
#include "gigledger/royalty.h"

#include "db.h"
#include "import_internal.h"
#include "internal.h"
#include "report_internal.h"
#include "rules_internal.h"

void
gig_royalty_balance_free(gig_royalty_balance *b)
{
	if (b == NULL)
		return;
	g_free(b->payer);
	if (b->dues)
		g_array_unref(b->dues);
	if (b->due_shares)
		g_array_unref(b->due_shares);
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

/*
 * The collaborators' share of each statement of a payer: for every line whose work
 * (title) or ISRC names a split (the ISRC's split first), the line's earnings times
 * the shares that are not the producer's own, floored to the pico-unit in int64
 * without overflow (a = q x 10000 + r: a x bp / 10000 = q x bp + r x bp / 10000),
 * summed per statement and rounded once to the minor unit, as the total is.
 */
static const char sql_dues[] =
    "WITH others AS (SELECT sp.work AS work, 10000 - coalesce(sum(CASE WHEN sh.is_self"
    "   THEN sh.share_bp END), 0) AS bp FROM splits sp JOIN split_shares sh"
    "   ON sh.split_id = sp.id WHERE sp.work IS NOT NULL GROUP BY sp.id)"
    " SELECT s.last_month, s.total_minor, coalesce((SELECT sum(e / 10000 * bp"
    "   + (e % 10000) * bp / 10000) FROM (SELECT l.earned_pico AS e, coalesce((SELECT o.bp"
    "     FROM others o WHERE l.isrc <> '' AND o.work = l.isrc), (SELECT o.bp FROM others o"
    "     WHERE o.work = l.work), 0) AS bp"
    "   FROM royalty_lines l WHERE l.statement_id = s.id)), 0)"
    " FROM royalty_statements s WHERE s.payer = ? AND s.currency = ?"
    " ORDER BY s.last_month, s.id";

/*
 * A payer's dues, oldest first, and what they come to: the statements' totals and
 * collaborators' shares, less the advances they recoup (an advance takes the
 * earnings of the statements whose period ends in its month or later, oldest first,
 * until it is recouped), less the payouts (which settle the oldest first).  A share
 * left on a partly recouped or paid due is scaled with it.  Fills b's advance,
 * recouped, shares and payable figures; `dues` and `shares` (may be NULL) receive
 * what is still unpaid.
 */
/* n / d rounded half away from zero (d > 0) */
static int
mean_days(int64_t sum, int64_t d)
{
	return (int)(sum >= 0 ? (2 * sum + d) / (2 * d) : -((-2 * sum + d) / (2 * d)));
}

/*
 * The payer's own history (royalty.h, payouts_observed): the matched payouts, oldest
 * first, settle `left` (what each statement pays after recoupment) oldest first; a
 * payout's delay runs from the end of the latest statement period it settles, and
 * its lateness from the payout date the calendar predicts for that period.
 */
static bool
observe_payouts(sqlite3 *db, gig_royalty_balance *b, const gig_payer_calendar *cal,
                const GArray *all, const GArray *left_in, GError **error)
{
	g_autoptr(sqlite3_stmt) st = NULL;
	if (!gig__db_prepare(db,
	                     "SELECT t.posted_on, p.amount_minor FROM royalty_payouts p"
	                     " JOIN transactions t ON t.id = p.txn_id"
	                     " WHERE p.payer = ? AND p.currency = ? ORDER BY t.posted_on, t.id",
	                     &st, error))
		return false;
	gig__bind_text_copy(st, 1, b->payer);
	gig__bind_text_copy(st, 2, b->currency);
	g_autoptr(GArray) left = g_array_copy((GArray *)left_in);
	gig_payer_calendar nomin = *cal;
	nomin.minimum_minor = 0;
	int64_t delay = 0, late = 0;
	guint i = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		gig_date on = gig__column_date(st, 0);
		int64_t a = sqlite3_column_int64(st, 1);
		int latest = -1;
		while (a > 0 && i < left->len) {
			int64_t *l = &g_array_index(left, int64_t, i);
			int64_t take = MIN(a, *l);
			*l -= take;
			a -= take;
			if (take > 0)
				latest = g_array_index(all, gig_royalty_due, i).month;
			if (*l == 0)
				i++;
		}
		if (latest < 0 || on == GIG_DATE_NONE)
			continue;
		gig_date end = gig_date_month_start(latest + 1) - 1, predicted;
		gig_royalty_due one = {latest, 1};
		int64_t unused;
		if (!gig_royalty_next_payout(&nomin, &one, 1, end, &predicted, &unused))
			continue;
		delay += on - end;
		late += on - predicted;
		b->payouts_observed++;
	}
	if (rc != SQLITE_DONE)
		return gig__db_fail(db, rc, "reading royalty payouts", error);
	if (b->payouts_observed > 0) {
		b->observed_delay_days = mean_days(delay, b->payouts_observed);
		b->lateness_days = mean_days(late, b->payouts_observed);
	}
	return true;
}

static bool
read_dues(sqlite3 *db, gig_royalty_balance *b, const gig_payer_calendar *cal, GArray *dues,
          GArray *shares, GError **error)
{
	g_autoptr(sqlite3_stmt) st = NULL, adv = NULL;
	if (!gig__db_prepare(db, sql_dues, &st, error) ||
	    !gig__db_prepare(db,
	                     "SELECT substr(received_on, 1, 7), amount_minor FROM royalty_advances"
	                     " WHERE payer = ? AND currency = ? ORDER BY received_on, id",
	                     &adv, error))
		return false;
	int exponent = gig_currency_exponent(b->currency);
	g_autoptr(GArray) all = g_array_new(false, false, sizeof(gig_royalty_due));
	g_autoptr(GArray) part = g_array_new(false, false, sizeof(int64_t));
	gig__bind_text_copy(st, 1, b->payer);
	gig__bind_text_copy(st, 2, b->currency);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		gig_royalty_due d = {month_of(sqlite3_column_text(st, 0)),
		                     sqlite3_column_int64(st, 1)};
		int64_t share = gig_pico_round(sqlite3_column_int64(st, 2), exponent);
		g_array_append_val(all, d);
		g_array_append_val(part, share);
		b->shares_minor += share;
	}
	if (rc != SQLITE_DONE)
		return gig__db_fail(db, rc, "reading royalty statements", error);
	/* what each due still pays, before payouts */
	g_autoptr(GArray) left = g_array_new(false, false, sizeof(int64_t));
	for (guint i = 0; i < all->len; i++)
		g_array_append_val(left, g_array_index(all, gig_royalty_due, i).amount_minor);
	gig__bind_text_copy(adv, 1, b->payer);
	gig__bind_text_copy(adv, 2, b->currency);
	while ((rc = sqlite3_step(adv)) == SQLITE_ROW) {
		int from = month_of(sqlite3_column_text(adv, 0));
		int64_t a = sqlite3_column_int64(adv, 1);
		b->advance_minor += a;
		b->advances++;
		for (guint i = 0; i < all->len && a > 0; i++) {
			int64_t *l = &g_array_index(left, int64_t, i);
			if (g_array_index(all, gig_royalty_due, i).month < from || *l <= 0)
				continue;
			int64_t take = MIN(a, *l);
			*l -= take;
			a -= take;
			b->recouped_minor += take;
			if (a == 0 &&
			    b->recouped_month < g_array_index(all, gig_royalty_due, i).month)
				b->recouped_month = g_array_index(all, gig_royalty_due, i).month;
		}
		if (a > 0)
			b->recouped_month = -1; /* this advance (so the pool) is not recouped yet */
		b->unrecouped_minor += a;
	}
	if (rc != SQLITE_DONE)
		return gig__db_fail(db, rc, "reading royalty advances", error);
	if (cal != NULL && !observe_payouts(db, b, cal, all, left, error))
		return false;
	int64_t paid = b->paid_minor;
	for (guint i = 0; i < all->len; i++) {
		gig_royalty_due d = g_array_index(all, gig_royalty_due, i);
		int64_t l = g_array_index(left, int64_t, i);
		int64_t settle = MIN(paid, l);
		if (settle > 0) {
			l -= settle;
			paid -= settle;
		}
		if (l == 0)
			continue;
		/* the share goes with what is left of the due (both are small: no overflow) */
		int64_t share = g_array_index(part, int64_t, i);
		if (l != d.amount_minor)
			share = d.amount_minor ? share * l / d.amount_minor : 0;
		b->payable_minor += share;
		d.amount_minor = l;
		if (dues)
			g_array_append_val(dues, d);
		if (shares)
			g_array_append_val(shares, share);
	}
	return true;
}

/* Mean royalty earned per month from the first unrecouped advance's month up to the
 * payer's last statement period, and the month the advance left is reached at it. */
static bool
forecast_recoupment(sqlite3 *db, gig_royalty_balance *b, GError **error)
{
	g_autoptr(sqlite3_stmt) st = NULL;
	if (!gig__db_prepare(db,
	                     "SELECT min(substr(received_on, 1, 7)) FROM royalty_advances"
	                     " WHERE payer = ? AND currency = ?",
	                     &st, error))
		return false;
	gig__bind_text_copy(st, 1, b->payer);
	gig__bind_text_copy(st, 2, b->currency);
	int rc = sqlite3_step(st);
	if (rc != SQLITE_ROW)
		return gig__db_fail(db, rc, "reading royalty advances", error);
	int from = month_of(sqlite3_column_text(st, 0));
	if (from < 0 || b->last_month < from)
		return true;
	int months = b->last_month - from + 1;
	b->recoup_rate_minor = b->recouped_minor / months;
	if (b->recoup_rate_minor > 0)
		b->recoup_forecast_month =
		    b->last_month +
		    (int)((b->unrecouped_minor + b->recoup_rate_minor - 1) / b->recoup_rate_minor);
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
		b->recouped_month = -1;
		b->recoup_forecast_month = -1;
		sqlite3_reset(paid);
		gig__bind_text_copy(paid, 1, b->payer);
		gig__bind_text_copy(paid, 2, b->currency);
		int prc = sqlite3_step(paid);
		if (prc != SQLITE_ROW)
			return gig__db_fail(db, prc, "reading royalty payouts", error);
		b->paid_minor = sqlite3_column_int64(paid, 0);
		b->dues = g_array_new(false, false, sizeof(gig_royalty_due));
		b->due_shares = g_array_new(false, false, sizeof(int64_t));
		const gig_payer_calendar *cal = gig_payer_calendar_find(calendars, b->payer);
		b->has_calendar = cal != NULL && strcmp(cal->currency, b->currency) == 0;
		if (!read_dues(db, b, b->has_calendar ? cal : NULL, b->dues, b->due_shares, error))
			return false;
		if (b->unrecouped_minor > 0 && !forecast_recoupment(db, b, error))
			return false;
		int64_t net;
		if (!gig_money_sub(&net, b->earned_minor, b->recouped_minor) ||
		    !gig_money_sub(&b->owed_minor, net, b->paid_minor)) {
			g_set_error(error, GIG_ERROR, GIG_ERROR_OVERFLOW,
			            "a royalty balance overflows");
			return false;
		}
		if (!b->has_calendar || b->owed_minor <= 0)
			continue;
		/* the calendar's dates, moved by the payer's lateness (from - L .. + L) */
		if (gig_royalty_next_payout(cal, (const gig_royalty_due *)(void *)b->dues->data,
		                            b->dues->len, today - b->lateness_days, &b->next_date,
		                            &b->next_minor))
			b->next_date += b->lateness_days;
		else
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

/* A payer's balance as the import's matcher follows it. */
struct import_payer {
	const gig_royalty_balance *b;
	const gig_payer_calendar *cal;
	GArray *totals; /* int64_t: its statements' totals */
	gig_date since; /* the first statement month's first day */
	int64_t owed;
};

static void
import_payer_clear(void *p)
{
	struct import_payer *x = p;
	if (x->totals)
		g_array_unref(x->totals);
}

/* true when amount is within one minor unit of the owed balance or a statement's
 * total (and not beyond what is owed, by more than that unit) */
static bool
amount_fits(const struct import_payer *x, int64_t amount)
{
	if (x->owed <= 0 || amount > x->owed + 1)
		return false;
	if (amount >= x->owed - 1)
		return true;
	for (guint i = 0; i < x->totals->len; i++) {
		int64_t t = g_array_index(x->totals, int64_t, i);
		if (amount >= t - 1 && amount <= t + 1)
			return true;
	}
	return false;
}

bool
gig__royalty_payouts_match(sqlite3 *db, const GPtrArray *payers, int64_t batch_id,
                           gig_import_result *res, GError **error)
{
	g_autoptr(GPtrArray) list =
	    g_ptr_array_new_with_free_func((GDestroyNotify)gig_royalty_balance_free);
	if (!read_balances(db, NULL, GIG_DATE_NONE, list, error))
		return false;
	if (list->len == 0)
		return true;
	g_autoptr(sqlite3_stmt) totals = NULL, rows = NULL, link = NULL;
	if (!gig__db_prepare(db,
	                     "SELECT total_minor, first_month FROM royalty_statements"
	                     " WHERE payer = ? AND currency = ? ORDER BY first_month",
	                     &totals, error) ||
	    !gig__db_prepare(
	        db,
	        "SELECT t.id, t.line_no, t.amount_minor, t.posted_on, t.payee,"
	        " a.currency FROM transactions t JOIN accounts a"
	        " ON a.id = t.account_id"
	        " LEFT JOIN royalty_payouts p ON p.txn_id = t.id"
	        " WHERE " GIG__IN_BATCH(
	            "t", "?1") " AND t.amount_minor > 0"
	                       " AND t.pending = 0 AND t.gig_id IS NULL AND p.txn_id IS NULL"
	                       " ORDER BY t.posted_on, t.id",
	        &rows, error) ||
	    !gig__db_prepare(db,
	                     "INSERT INTO royalty_payouts(txn_id, payer, amount_minor, currency)"
	                     " VALUES (?, ?, ?, ?)",
	                     &link, error))
		return false;
	g_autoptr(GArray) ps = g_array_new(false, true, sizeof(struct import_payer));
	g_array_set_clear_func(ps, import_payer_clear);
	int rc;
	for (guint i = 0; i < list->len; i++) {
		const gig_royalty_balance *b = list->pdata[i];
		struct import_payer x = {b, gig_payer_calendar_find(payers, b->payer),
		                         g_array_new(false, false, sizeof(int64_t)), GIG_DATE_NONE,
		                         b->owed_minor};
		sqlite3_reset(totals);
		gig__bind_text_copy(totals, 1, b->payer);
		gig__bind_text_copy(totals, 2, b->currency);
		while ((rc = sqlite3_step(totals)) == SQLITE_ROW) {
			int64_t v = sqlite3_column_int64(totals, 0);
			g_array_append_val(x.totals, v);
			int m = month_of(sqlite3_column_text(totals, 1));
			if (x.since == GIG_DATE_NONE && m >= 0)
				x.since = gig_date_month_start(m);
		}
		g_array_append_val(ps, x);
		if (rc != SQLITE_DONE)
			return gig__db_fail(db, rc, "reading royalty statements", error);
	}
	sqlite3_bind_int64(rows, 1, batch_id);
	while ((rc = sqlite3_step(rows)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(rows, 0), line = sqlite3_column_int64(rows, 1);
		int64_t amount = sqlite3_column_int64(rows, 2);
		gig_date on = gig__column_date(rows, 3);
		const char *payee = (const char *)sqlite3_column_text(rows, 4);
		const char *cur = (const char *)sqlite3_column_text(rows, 5);
		g_autoptr(GArray) fit = g_array_new(false, false, sizeof(guint));
		for (guint i = 0; i < ps->len; i++) {
			struct import_payer *x = &g_array_index(ps, struct import_payer, i);
			if (cur == NULL || strcmp(cur, x->b->currency) != 0 ||
			    (x->since != GIG_DATE_NONE && on < x->since) ||
			    !payee_matches(payee ? payee : "", x->b->payer, x->cal) ||
			    !amount_fits(x, amount))
				continue;
			g_array_append_val(fit, i);
		}
		if (fit->len == 0)
			continue;
		gig_royalty_match *m = g_new0(gig_royalty_match, 1);
		m->line_no = line;
		m->txn_id = id;
		m->amount_minor = amount;
		g_strlcpy(m->currency, cur, sizeof m->currency);
		g_ptr_array_add(res->royalty_matches, m);
		if (fit->len > 1) {
			m->ambiguous = true;
			g_autoptr(GString) names = g_string_new(NULL);
			for (guint k = 0; k < fit->len; k++) {
				const struct import_payer *x = &g_array_index(
				    ps, struct import_payer, g_array_index(fit, guint, k));
				g_string_append_printf(names, "%s%s", k ? ", " : "", x->b->payer);
			}
			m->payer = g_string_free(g_steal_pointer(&names), false);
			continue;
		}
		struct import_payer *x =
		    &g_array_index(ps, struct import_payer, g_array_index(fit, guint, 0));
		m->payer = g_strdup(x->b->payer);
		sqlite3_reset(link);
		sqlite3_bind_int64(link, 1, id);
		gig__bind_text_copy(link, 2, x->b->payer);
		sqlite3_bind_int64(link, 3, amount);
		gig__bind_text_copy(link, 4, x->b->currency);
		int lrc = sqlite3_step(link);
		if (lrc != SQLITE_DONE)
			return gig__db_fail(db, lrc, "linking a royalty payout", error);
		x->owed -= amount;
	}
	if (rc != SQLITE_DONE)
		return gig__db_fail(db, rc, "reading the batch's deposits", error);
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

/*
 * `v` in `from` at the rate on or before `on` (convention 4, as the receivables):
 * *v converted in place, or *missing set (a sentence) when there is no rate.
 */
static bool
to_report(gig_ledger *ledger, const char *from, const char *to, gig_date on, int64_t *v,
          char **missing, GError **error)
{
	if (*missing || *v == 0 || strcmp(from, to) == 0)
		return true;
	gig_conversion c;
	g_autoptr(GError) local = NULL;
	if (gig_convert(ledger, *v, from, to, on, &c, &local)) {
		*v = c.minor;
		return true;
	}
	if (!g_error_matches(local, GIG_ERROR, GIG_ERROR_NOT_FOUND)) {
		g_propagate_error(error, g_steal_pointer(&local));
		return false;
	}
	*missing = g_strdup(local->message);
	return true;
}

bool
gig__royalty_expected(gig_ledger *ledger, const GPtrArray *payers, const char *currency,
                      gig_date from, gig_date until, gig_date rate_on, GArray *royalties,
                      GArray *advances, GPtrArray *left_out, GError **error)
{
	g_autoptr(GPtrArray) list =
	    g_ptr_array_new_with_free_func((GDestroyNotify)gig_royalty_balance_free);
	if (!read_balances(gig__ledger_db(ledger), payers, from, list, error))
		return false;
	g_autoptr(GArray) mine = g_array_new(false, false, sizeof(gig_report_royalty));
	for (guint i = 0; i < list->len; i++) {
		const gig_royalty_balance *b = list->pdata[i];
		/* a payer in another currency: its figures at rate_on's rate, or the payer
		 * named in left_out (never added unconverted) */
		g_autofree char *missing = NULL;
		g_array_set_size(mine, 0);
		gig_report_advance a = {NULL, b->advance_minor, b->unrecouped_minor,
		                        b->recoup_rate_minor, b->recoup_forecast_month};
		if (b->unrecouped_minor > 0 && (!to_report(ledger, b->currency, currency, rate_on,
		                                           &a.advance_minor, &missing, error) ||
		                                !to_report(ledger, b->currency, currency, rate_on,
		                                           &a.unrecouped_minor, &missing, error) ||
		                                !to_report(ledger, b->currency, currency, rate_on,
		                                           &a.rate_minor, &missing, error)))
			return false;
		int64_t expected = 0, expected_share = 0;
		const gig_payer_calendar *cal = gig_payer_calendar_find(payers, b->payer);
		if (b->owed_minor > 0 && b->has_calendar && cal != NULL) {
			size_t max = 64;
			gig_royalty_payout *p = g_new0(gig_royalty_payout, max);
			size_t n = gig_royalty_schedule(
			    cal, (const gig_royalty_due *)(void *)b->dues->data,
			    (const int64_t *)(void *)b->due_shares->data, b->dues->len,
			    from - b->lateness_days, until - b->lateness_days, p, max);
			for (size_t k = 0; k < n; k++) {
				p[k].on += b->lateness_days;
				gig_report_royalty r = {NULL, p[k].on, p[k].amount_minor,
				                        p[k].payable_minor};
				g_array_append_val(mine, r);
				expected += p[k].amount_minor;
				expected_share += p[k].payable_minor;
			}
			g_free(p);
		}
		if (b->owed_minor > 0 && b->owed_minor > expected) {
			gig_report_royalty r = {NULL, GIG_DATE_NONE, b->owed_minor - expected,
			                        MAX(0, b->payable_minor - expected_share)};
			g_array_append_val(mine, r);
		}
		for (guint k = 0; k < mine->len; k++) {
			gig_report_royalty *r = &g_array_index(mine, gig_report_royalty, k);
			if (!to_report(ledger, b->currency, currency, rate_on, &r->amount_minor,
			               &missing, error) ||
			    !to_report(ledger, b->currency, currency, rate_on, &r->payable_minor,
			               &missing, error))
				return false;
		}
		if (missing) {
			if (left_out && (b->owed_minor > 0 || b->unrecouped_minor > 0)) {
				char m[GIG_MONEY_BUFSZ];
				gig_money_format(m, b->owed_minor,
				                 gig_currency_exponent(b->currency), true);
				g_autofree char *vis = gig_text_visible(b->payer);
				g_ptr_array_add(left_out,
				                g_strdup_printf("royalties owed by %s %s %s: %s",
				                                vis, m, b->currency, missing));
			}
			continue;
		}
		if (b->unrecouped_minor > 0) {
			a.payer = g_strdup(b->payer);
			g_array_append_val(advances, a);
		}
		for (guint k = 0; k < mine->len; k++) {
			gig_report_royalty r = g_array_index(mine, gig_report_royalty, k);
			r.payer = g_strdup(b->payer);
			g_array_append_val(royalties, r);
		}
	}
	return true;
}

void
gig_advance_free(gig_advance *a)
{
	if (a == NULL)
		return;
	g_free(a->payer);
	g_free(a);
}

bool
gig_ledger_advances(gig_ledger *ledger, GPtrArray **out, GError **error)
{
	g_return_val_if_fail(ledger != NULL && out != NULL, false);
	sqlite3 *db = gig__ledger_db(ledger);
	g_autoptr(sqlite3_stmt) adv = NULL, st = NULL;
	if (!gig__db_prepare(db,
	                     "SELECT id, payer, currency, amount_minor, received_on"
	                     " FROM royalty_advances ORDER BY payer, currency, received_on, id",
	                     &adv, error) ||
	    !gig__db_prepare(db,
	                     "SELECT last_month, total_minor FROM royalty_statements"
	                     " WHERE payer = ? AND currency = ? ORDER BY last_month, id",
	                     &st, error))
		return false;
	g_autoptr(GPtrArray) list =
	    g_ptr_array_new_with_free_func((GDestroyNotify)gig_advance_free);
	/* the statements of the payer being read: month and what is left of each */
	g_autoptr(GArray) months = g_array_new(false, false, sizeof(int));
	g_autoptr(GArray) left = g_array_new(false, false, sizeof(int64_t));
	int rc;
	while ((rc = sqlite3_step(adv)) == SQLITE_ROW) {
		gig_advance *a = g_new0(gig_advance, 1);
		g_ptr_array_add(list, a);
		a->id = sqlite3_column_int64(adv, 0);
		a->payer = g_strdup((const char *)sqlite3_column_text(adv, 1));
		g_strlcpy(a->currency, (const char *)sqlite3_column_text(adv, 2),
		          sizeof a->currency);
		a->amount_minor = sqlite3_column_int64(adv, 3);
		a->received_on = gig__column_date(adv, 4);
		a->recouped_month = -1;
		const gig_advance *prev = list->len > 1 ? list->pdata[list->len - 2] : NULL;
		if (prev == NULL || g_ascii_strcasecmp(prev->payer, a->payer) != 0 ||
		    strcmp(prev->currency, a->currency) != 0) {
			g_array_set_size(months, 0);
			g_array_set_size(left, 0);
			sqlite3_reset(st);
			gig__bind_text_copy(st, 1, a->payer);
			gig__bind_text_copy(st, 2, a->currency);
			int src;
			while ((src = sqlite3_step(st)) == SQLITE_ROW) {
				int m = month_of(sqlite3_column_text(st, 0));
				int64_t v = sqlite3_column_int64(st, 1);
				g_array_append_val(months, m);
				g_array_append_val(left, v);
			}
			if (src != SQLITE_DONE)
				return gig__db_fail(db, src, "reading royalty statements", error);
		}
		int from = gig_date_month_index(a->received_on);
		int64_t rest = a->amount_minor;
		for (guint i = 0; i < left->len && rest > 0; i++) {
			int64_t *l = &g_array_index(left, int64_t, i);
			if (g_array_index(months, int, i) < from || *l <= 0)
				continue;
			int64_t take = MIN(rest, *l);
			*l -= take;
			rest -= take;
			if (rest == 0)
				a->recouped_month = g_array_index(months, int, i);
		}
		a->recouped_minor = a->amount_minor - rest;
		a->unrecouped_minor = rest;
	}
	if (rc != SQLITE_DONE)
		return gig__db_fail(db, rc, "reading royalty advances", error);
	*out = g_steal_pointer(&list);
	return true;
}
