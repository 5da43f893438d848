/*
 * royalty_split.c: split sheets (who shares a work's royalties or a gig's fee) and
 * royalty advances (royalty.h, sql/0022_splits_advances.sql).
 */
#include <stdlib.h>
#include <string.h>

#include "gigledger/money.h"
#include "gigledger/royalty.h"

#include "db.h"
#include "internal.h"

void
gig_split_free(gig_split *s)
{
	if (s == NULL)
		return;
	g_free(s->work);
	for (size_t i = 0; i < s->n_shares; i++)
		g_free(s->shares[i].name);
	g_free(s->shares);
	g_free(s);
}

bool
gig_split_share_parse(char **name, int64_t *share_bp, const char *text, GError **error)
{
	g_return_val_if_fail(text != NULL && name != NULL && share_bp != NULL, false);
	const char *eq = strrchr(text, '=');
	g_autofree char *shown = gig_text_visible(text);
	if (eq == NULL || eq == text) {
		g_set_error(error, GIG_ERROR, GIG_ERROR_INVALID_INPUT,
		            "'%s' is not NAME=PCT (e.g. Alex=30)", shown);
		return false;
	}
	g_autofree char *n = g_strstrip(g_strndup(text, (gsize)(eq - text)));
	g_autofree char *pct = g_strstrip(g_strdup(eq + 1));
	size_t len = strlen(pct);
	if (len > 0 && pct[len - 1] == '%')
		pct[--len] = '\0';
	int64_t bp = 0;
	if (!*n || !g_utf8_validate(n, -1, NULL) || !gig_money_parse(&bp, pct, 2, NULL) ||
	    bp <= 0 || bp > 10000) {
		g_set_error(error, GIG_ERROR, GIG_ERROR_INVALID_INPUT,
		            "'%s': a share is a name and a percentage above 0 and at most 100, with"
		            " up to two decimals (e.g. Alex=33.33)",
		            shown);
		return false;
	}
	*name = g_steal_pointer(&n);
	*share_bp = bp;
	return true;
}

static bool
is_self(const char *name)
{
	return g_ascii_strcasecmp(name, "me") == 0;
}

bool
gig_ledger_split_add(gig_ledger *ledger, const char *work, int64_t gig_id, const char *const *names,
                     const int64_t *share_bp, size_t n, gig_date today, int64_t *out_id,
                     GError **error)
{
	g_return_val_if_fail(ledger != NULL && (work == NULL) != (gig_id <= 0), false);
	if (n == 0) {
		g_set_error(error, GIG_ERROR, GIG_ERROR_INVALID_INPUT,
		            "a split needs its shares: --with NAME=PCT (your own as me=PCT)");
		return false;
	}
	int64_t sum = 0;
	for (size_t i = 0; i < n; i++) {
		sum += share_bp[i];
		for (size_t j = 0; j < i; j++)
			if (g_utf8_collate(names[i], names[j]) == 0 ||
			    g_ascii_strcasecmp(names[i], names[j]) == 0) {
				g_autofree char *shown = gig_text_visible(names[i]);
				g_set_error(error, GIG_ERROR, GIG_ERROR_INVALID_INPUT,
				            "'%s' has two shares; give each name once", shown);
				return false;
			}
	}
	if (sum != 10000) {
		char got[GIG_MONEY_BUFSZ];
		g_set_error(error, GIG_ERROR, GIG_ERROR_INVALID_INPUT,
		            "the shares add up to %s %%, not 100 %%: every share counts, your own"
		            " too (me=PCT)",
		            gig_money_format(got, sum, 2, false));
		return false;
	}
	sqlite3 *db = gig__ledger_db(ledger);
	if (!gig__tx_begin(db, error))
		return false;
	bool ok = true;
	if (gig_id > 0) {
		g_autoptr(sqlite3_stmt) st = NULL;
		ok = gig__db_prepare(db, "SELECT 1 FROM gigs WHERE id = ?", &st, error);
		if (ok) {
			sqlite3_bind_int64(st, 1, gig_id);
			if (sqlite3_step(st) != SQLITE_ROW) {
				g_set_error(error, GIG_ERROR, GIG_ERROR_NOT_FOUND,
				            "no gig %" G_GINT64_FORMAT " (see gig invoices)",
				            gig_id);
				ok = false;
			}
		}
	}
	g_autoptr(sqlite3_stmt) dup = NULL, ins = NULL, share = NULL;
	if (ok)
		ok = gig__db_prepare(db, "SELECT id FROM splits WHERE work = ?1 OR gig_id = ?2",
		                     &dup, error) &&
		     gig__db_prepare(
		         db, "INSERT INTO splits(work, gig_id, created_on) VALUES (?, ?, ?)", &ins,
		         error) &&
		     gig__db_prepare(db,
		                     "INSERT INTO split_shares(split_id, name, share_bp, is_self)"
		                     " VALUES (?, ?, ?, ?)",
		                     &share, error);
	if (ok) {
		if (work)
			gig__bind_text_copy(dup, 1, work);
		else
			sqlite3_bind_null(dup, 1);
		sqlite3_bind_int64(dup, 2, gig_id);
		int drc = sqlite3_step(dup);
		if (drc != SQLITE_ROW && drc != SQLITE_DONE)
			ok = gig__db_fail(db, drc, "looking for the work's split", error);
		else if (drc == SQLITE_ROW) {
			g_autofree char *shown =
			    work ? gig_text_visible(work)
			         : g_strdup_printf("gig %" G_GINT64_FORMAT, gig_id);
			g_set_error(error, GIG_ERROR, GIG_ERROR_INVALID_INPUT,
			            "%s already has a split (number %" G_GINT64_FORMAT
			            "); gig split rm it first",
			            shown, (int64_t)sqlite3_column_int64(dup, 0));
			ok = false;
		}
	}
	if (ok) {
		if (work)
			gig__bind_text_copy(ins, 1, work);
		else
			sqlite3_bind_null(ins, 1);
		if (gig_id > 0)
			sqlite3_bind_int64(ins, 2, gig_id);
		else
			sqlite3_bind_null(ins, 2);
		gig__bind_date(ins, 3, today);
		int rc = sqlite3_step(ins);
		if (rc != SQLITE_DONE)
			ok = gig__db_fail(db, rc, "adding a split", error);
	}
	int64_t id = ok ? sqlite3_last_insert_rowid(db) : 0;
	for (size_t i = 0; ok && i < n; i++) {
		sqlite3_reset(share);
		sqlite3_bind_int64(share, 1, id);
		gig__bind_text_copy(share, 2, is_self(names[i]) ? "me" : names[i]);
		sqlite3_bind_int64(share, 3, share_bp[i]);
		sqlite3_bind_int(share, 4, is_self(names[i]));
		int rc = sqlite3_step(share);
		if (rc != SQLITE_DONE)
			ok = gig__db_fail(db, rc, "adding a split's share", error);
	}
	if (!gig__tx_end(db, ok, error))
		return false;
	if (out_id)
		*out_id = id;
	return true;
}

bool
gig_ledger_split_rm(gig_ledger *ledger, int64_t id, GError **error)
{
	g_return_val_if_fail(ledger != NULL, false);
	sqlite3 *db = gig__ledger_db(ledger);
	if (!gig__tx_begin(db, error))
		return false;
	g_autoptr(sqlite3_stmt) del = NULL, st = NULL;
	bool ok = gig__db_prepare(db, "DELETE FROM split_shares WHERE split_id = ?", &del, error) &&
	          gig__db_prepare(db, "DELETE FROM splits WHERE id = ?", &st, error);
	if (ok) {
		sqlite3_bind_int64(del, 1, id);
		sqlite3_bind_int64(st, 1, id);
		int rc = sqlite3_step(del);
		if (rc == SQLITE_DONE)
			rc = sqlite3_step(st);
		if (rc != SQLITE_DONE)
			ok = gig__db_fail(db, rc, "removing a split", error);
		else if (sqlite3_changes(db) == 0) {
			g_set_error(error, GIG_ERROR, GIG_ERROR_NOT_FOUND,
			            "no split %" G_GINT64_FORMAT " (see gig split list)", id);
			ok = false;
		}
	}
	return gig__tx_end(db, ok, error);
}

/*
 * Every split with its shares (yours first, then by name), and what its
 * collaborators are owed out of: a work's royalties earned (every statement line
 * naming it, by ISRC or title, in the lines' currencies' minor units, each split's sum
 * rounded once) or a gig's fee.
 */
bool
gig_ledger_splits(gig_ledger *ledger, GPtrArray **out, GError **error)
{
	g_return_val_if_fail(ledger != NULL && out != NULL, false);
	sqlite3 *db = gig__ledger_db(ledger);
	g_autoptr(sqlite3_stmt) st = NULL, sh = NULL, earned = NULL;
	if (!gig__db_prepare(db,
	                     "SELECT s.id, s.work, s.gig_id, s.created_on, g.amount_minor,"
	                     " g.currency, g.description FROM splits s"
	                     " LEFT JOIN gigs g ON g.id = s.gig_id ORDER BY s.id",
	                     &st, error) ||
	    !gig__db_prepare(db,
	                     "SELECT name, share_bp, is_self FROM split_shares WHERE split_id = ?"
	                     " ORDER BY is_self DESC, name",
	                     &sh, error) ||
	    !gig__db_prepare(db,
	                     "SELECT s.currency, sum(l.earned_pico) FROM royalty_lines l"
	                     " JOIN royalty_statements s ON s.id = l.statement_id"
	                     " WHERE (l.isrc <> '' AND l.isrc = ?1 COLLATE NOCASE)"
	                     " OR l.work = ?1 COLLATE NOCASE GROUP BY s.currency"
	                     " ORDER BY s.currency LIMIT 1",
	                     &earned, error))
		return false;
	g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func((GDestroyNotify)gig_split_free);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		gig_split *s = g_new0(gig_split, 1);
		g_ptr_array_add(list, s);
		s->id = sqlite3_column_int64(st, 0);
		if (sqlite3_column_type(st, 1) != SQLITE_NULL)
			s->work = g_strdup((const char *)sqlite3_column_text(st, 1));
		s->gig_id = sqlite3_column_int64(st, 2);
		s->created_on = gig__column_date(st, 3);
		if (s->gig_id > 0) {
			s->base_minor = sqlite3_column_int64(st, 4);
			g_strlcpy(s->currency, (const char *)sqlite3_column_text(st, 5),
			          sizeof s->currency);
		} else {
			sqlite3_reset(earned);
			gig__bind_text_copy(earned, 1, s->work);
			int erc = sqlite3_step(earned);
			if (erc != SQLITE_ROW && erc != SQLITE_DONE)
				return gig__db_fail(db, erc, "reading a work's earnings", error);
			if (erc == SQLITE_ROW) {
				g_strlcpy(s->currency, (const char *)sqlite3_column_text(earned, 0),
				          sizeof s->currency);
				s->base_pico = sqlite3_column_int64(earned, 1);
				s->base_minor = gig_pico_round(s->base_pico,
				                               gig_currency_exponent(s->currency));
			}
		}
		GArray *shares = g_array_new(false, true, sizeof(gig_split_share));
		sqlite3_reset(sh);
		sqlite3_bind_int64(sh, 1, s->id);
		int src;
		while ((src = sqlite3_step(sh)) == SQLITE_ROW) {
			gig_split_share x = {g_strdup((const char *)sqlite3_column_text(sh, 0)),
			                     sqlite3_column_int64(sh, 1),
			                     sqlite3_column_int(sh, 2) != 0, 0};
			if (!x.self)
				s->others_bp += x.share_bp;
			g_array_append_val(shares, x);
		}
		if (src != SQLITE_DONE) {
			g_array_free(shares, true);
			return gig__db_fail(db, src, "reading split shares", error);
		}
		s->n_shares = shares->len;
		s->shares = (gig_split_share *)(void *)g_array_free(shares, false);
		/* each collaborator's part of the base, rounded half away from zero */
		for (size_t i = 0; i < s->n_shares; i++) {
			gig_split_share *x = &s->shares[i];
			int64_t v = s->base_minor, q = v / 10000, r = v % 10000;
			int64_t part = q * x->share_bp, rest = r * x->share_bp;
			part += rest / 10000 +
			        (llabs(rest % 10000) * 2 >= 10000 ? (rest < 0 ? -1 : 1) : 0);
			x->amount_minor = part;
		}
	}
	if (rc != SQLITE_DONE)
		return gig__db_fail(db, rc, "reading splits", error);
	*out = g_steal_pointer(&list);
	return true;
}

bool
gig_ledger_advance_add(gig_ledger *ledger, const char *payer, const char *currency,
                       int64_t amount_minor, gig_date on, int64_t *out_id, GError **error)
{
	g_return_val_if_fail(ledger != NULL && payer != NULL && currency != NULL, false);
	char cur[4];
	if (!gig_currency_normalize(cur, currency, error))
		return false;
	g_autofree char *name = g_strstrip(g_strdup(payer));
	if (!*name || !g_utf8_validate(name, -1, NULL) || amount_minor <= 0) {
		g_set_error(error, GIG_ERROR, GIG_ERROR_INVALID_INPUT,
		            "an advance needs a payer and an amount above 0");
		return false;
	}
	sqlite3 *db = gig__ledger_db(ledger);
	if (!gig__tx_begin(db, error))
		return false;
	g_autoptr(sqlite3_stmt) st = NULL;
	bool ok = gig__db_prepare(db,
	                          "INSERT INTO royalty_advances(payer, currency, amount_minor,"
	                          " received_on) VALUES (?, ?, ?, ?)",
	                          &st, error);
	if (ok) {
		gig__bind_text_copy(st, 1, name);
		gig__bind_text_copy(st, 2, cur);
		sqlite3_bind_int64(st, 3, amount_minor);
		gig__bind_date(st, 4, on);
		int rc = sqlite3_step(st);
		if (rc != SQLITE_DONE)
			ok = gig__db_fail(db, rc, "adding an advance", error);
	}
	int64_t id = ok ? sqlite3_last_insert_rowid(db) : 0;
	if (!gig__tx_end(db, ok, error))
		return false;
	if (out_id)
		*out_id = id;
	return true;
}

/* ---- paying collaborators (sql/0026_split_payments.sql) ---- */

void
gig_collaborator_free(gig_collaborator *c)
{
	if (c == NULL)
		return;
	g_free(c->name);
	g_free(c);
}

/* true when some split carries `name` as a collaborator's share (not yours) */
static bool
collaborator_known(sqlite3 *db, const char *name, bool *known, GError **error)
{
	g_autoptr(sqlite3_stmt) st = NULL;
	if (!gig__db_prepare(db, "SELECT 1 FROM split_shares WHERE name = ? AND is_self = 0", &st,
	                     error))
		return false;
	gig__bind_text_copy(st, 1, name);
	int rc = sqlite3_step(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return gig__db_fail(db, rc, "reading split shares", error);
	*known = rc == SQLITE_ROW;
	return true;
}

static bool
split_pay_in_tx(sqlite3 *db, const char *name, const char *currency, int64_t amount_minor,
                gig_date on, const char *account, int64_t *id, int64_t *txn, GError **error)
{
	bool known = false;
	if (!collaborator_known(db, name, &known, error))
		return false;
	if (!known) {
		g_set_error(error, GIG_ERROR, GIG_ERROR_NOT_FOUND,
		            "no split has a share for '%s' (see gig split list)", name);
		return false;
	}
	char cur[4] = "";
	if (currency && !gig_currency_normalize(cur, currency, error))
		return false;
	if (account) {
		int64_t account_id = 0;
		char acur[4];
		if (!gig__account_lookup(db, account, &account_id, acur, error))
			return false;
		if (*cur && strcmp(cur, acur) != 0) {
			g_set_error(error, GIG_ERROR, GIG_ERROR_INVALID_INPUT,
			            "account '%s' is in %s, not %s", account, acur, cur);
			return false;
		}
		memcpy(cur, acur, sizeof cur);
		g_autoptr(sqlite3_stmt) ins = NULL;
		if (!gig__db_prepare(db,
		                     "INSERT INTO transactions(account_id, posted_on, amount_minor,"
		                     " payee, memo, pending) VALUES (?, ?, ?, ?, 'split share', 0)",
		                     &ins, error))
			return false;
		sqlite3_bind_int64(ins, 1, account_id);
		gig__bind_date(ins, 2, on);
		sqlite3_bind_int64(ins, 3, -amount_minor);
		gig__bind_text_copy(ins, 4, name);
		int rc = sqlite3_step(ins);
		if (rc != SQLITE_DONE)
			return gig__db_fail(db, rc, "booking the payment", error);
		*txn = sqlite3_last_insert_rowid(db);
		if (!gig__txn_inserted(db, *txn, error))
			return false;
	}
	if (!*cur) {
		g_set_error(error, GIG_ERROR, GIG_ERROR_INVALID_INPUT,
		            "a payment to a collaborator needs a currency or an account");
		return false;
	}
	g_autoptr(sqlite3_stmt) st = NULL;
	if (!gig__db_prepare(db,
	                     "INSERT INTO split_payments(name, currency, amount_minor, paid_on,"
	                     " txn_id) VALUES (?, ?, ?, ?, ?)",
	                     &st, error))
		return false;
	gig__bind_text_copy(st, 1, name);
	gig__bind_text_copy(st, 2, cur);
	sqlite3_bind_int64(st, 3, amount_minor);
	gig__bind_date(st, 4, on);
	if (*txn)
		sqlite3_bind_int64(st, 5, *txn);
	else
		sqlite3_bind_null(st, 5);
	int rc = sqlite3_step(st);
	if (rc != SQLITE_DONE)
		return gig__db_fail(db, rc, "recording the payment", error);
	*id = sqlite3_last_insert_rowid(db);
	char m[GIG_MONEY_BUFSZ];
	gig_money_format(m, amount_minor, gig_currency_exponent(cur), true);
	gig__journal_summary(db, "split pay: %s %s to %s", cur, m, name);
	return true;
}

bool
gig_ledger_split_pay(gig_ledger *ledger, const char *name, const char *currency,
                     int64_t amount_minor, gig_date on, const char *account, int64_t *out_id,
                     int64_t *out_txn, GError **error)
{
	g_return_val_if_fail(ledger != NULL && name != NULL, false);
	g_autofree char *who = g_strstrip(g_strdup(name));
	if (!*who || !g_utf8_validate(who, -1, NULL) || amount_minor <= 0 || on == GIG_DATE_NONE) {
		g_set_error(error, GIG_ERROR, GIG_ERROR_INVALID_INPUT,
		            "a payment to a collaborator needs a name, a date and an amount "
		            "above 0");
		return false;
	}
	if (!gig__amount_check(amount_minor, "a payment", error))
		return false;
	sqlite3 *db = gig__ledger_db(ledger);
	if (!gig__tx_begin(db, error))
		return false;
	int64_t id = 0, txn = 0;
	bool ok = split_pay_in_tx(db, who, currency, amount_minor, on, account, &id, &txn, error);
	if (!gig__tx_end(db, ok, error))
		return false;
	if (out_id)
		*out_id = id;
	if (out_txn)
		*out_txn = txn;
	return true;
}

static gig_collaborator *
collaborator_of(GPtrArray *list, const char *name, const char *currency)
{
	for (guint i = 0; i < list->len; i++) {
		gig_collaborator *c = list->pdata[i];
		if (g_ascii_strcasecmp(c->name, name) == 0 && strcmp(c->currency, currency) == 0)
			return c;
	}
	gig_collaborator *c = g_new0(gig_collaborator, 1);
	c->name = g_strdup(name);
	g_strlcpy(c->currency, currency, sizeof c->currency);
	g_ptr_array_add(list, c);
	return c;
}

static gint
collaborator_cmp(gconstpointer a, gconstpointer b)
{
	const gig_collaborator *x = *(gig_collaborator *const *)a;
	const gig_collaborator *y = *(gig_collaborator *const *)b;
	int c = g_ascii_strcasecmp(x->name, y->name);
	return c ? c : strcmp(x->currency, y->currency);
}

bool
gig_ledger_collaborators(gig_ledger *ledger, GPtrArray **out, GError **error)
{
	g_return_val_if_fail(ledger != NULL && out != NULL, false);
	g_autoptr(GPtrArray) splits = NULL;
	if (!gig_ledger_splits(ledger, &splits, error))
		return false;
	g_autoptr(GPtrArray) list =
	    g_ptr_array_new_with_free_func((GDestroyNotify)gig_collaborator_free);
	for (guint i = 0; i < splits->len; i++) {
		const gig_split *s = splits->pdata[i];
		if (!*s->currency)
			continue; /* nothing earned on the work yet */
		for (size_t k = 0; k < s->n_shares; k++)
			if (!s->shares[k].self)
				collaborator_of(list, s->shares[k].name, s->currency)
				    ->share_minor += s->shares[k].amount_minor;
	}
	sqlite3 *db = gig__ledger_db(ledger);
	g_autoptr(sqlite3_stmt) st = NULL;
	if (!gig__db_prepare(db,
	                     "SELECT name, currency, sum(amount_minor), count(*)"
	                     " FROM split_payments GROUP BY name, currency",
	                     &st, error))
		return false;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		gig_collaborator *c =
		    collaborator_of(list, (const char *)sqlite3_column_text(st, 0),
		                    (const char *)sqlite3_column_text(st, 1));
		c->paid_minor += sqlite3_column_int64(st, 2);
		c->payments += sqlite3_column_int64(st, 3);
	}
	if (rc != SQLITE_DONE)
		return gig__db_fail(db, rc, "reading payments to collaborators", error);
	for (guint i = 0; i < list->len; i++) {
		gig_collaborator *c = list->pdata[i];
		c->owed_minor = c->share_minor - c->paid_minor;
	}
	g_ptr_array_sort(list, collaborator_cmp);
	*out = g_steal_pointer(&list);
	return true;
}
