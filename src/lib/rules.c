/*
 * rules.c: categorisation rules (GRegex, by priority) and suggestions
 * learned from earlier categorised transactions.
 */
#include <string.h>

#include "db.h"
#include "rules_internal.h"

struct compiled {
	GRegex *rx;
	int64_t category_id;
	char *category;
};

struct gig__rules {
	GArray *list; /* struct compiled */
};

void
gig_rule_free(gig_rule *r)
{
	if (r == NULL)
		return;
	g_free(r->pattern);
	g_free(r->category);
	g_free(r);
}

void
gig_suggestion_free(gig_suggestion *s)
{
	if (s == NULL)
		return;
	g_free(s->category);
	g_free(s->reason);
	g_free(s);
}

void
gig__rules_free(gig__rules *rules)
{
	if (rules == NULL)
		return;
	for (size_t i = 0; i < rules->list->len; i++) {
		struct compiled *c = &g_array_index(rules->list, struct compiled, i);
		g_regex_unref(c->rx);
		g_free(c->category);
	}
	g_array_unref(rules->list);
	g_free(rules);
}

static const char sql_rules[] = "SELECT r.id, r.pattern, c.name, r.priority, r.category_id"
                                " FROM rules r JOIN categories c ON c.id = r.category_id"
                                " ORDER BY r.priority DESC, r.id";

static GRegex *
compile(const char *pattern, GError **error)
{
	g_autoptr(GError) local = NULL;
	GRegex *rx = g_regex_new(pattern, G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, &local);
	if (rx == NULL)
		g_set_error(error, GIG_ERROR, GIG_ERROR_INVALID_INPUT, "rule pattern '%s': %s",
		            pattern, local->message);
	return rx;
}

bool
gig__rules_load(sqlite3 *db, gig__rules **out, GError **error)
{
	*out = NULL;
	g_autoptr(sqlite3_stmt) st = NULL;
	if (!gig__db_prepare(db, sql_rules, &st, error))
		return false;
	gig__rules *r = g_new0(gig__rules, 1);
	r->list = g_array_new(FALSE, FALSE, sizeof(struct compiled));
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct compiled c;
		c.rx = compile((const char *)sqlite3_column_text(st, 1), error);
		if (c.rx == NULL) {
			gig__rules_free(r);
			return false;
		}
		c.category = g_strdup((const char *)sqlite3_column_text(st, 2));
		c.category_id = sqlite3_column_int64(st, 4);
		g_array_append_val(r->list, c);
	}
	if (rc != SQLITE_DONE) {
		gig__rules_free(r);
		return gig__db_fail(db, rc, "reading rules", error);
	}
	if (r->list->len == 0) {
		gig__rules_free(r);
		return true;
	}
	*out = r;
	return true;
}

bool
gig__rules_match(const gig__rules *rules, const char *payee, const char *memo,
                 int64_t *out_category, const char **out_name)
{
	if (rules == NULL)
		return false;
	g_autofree char *text = g_strconcat(payee ? payee : "", " ", memo ? memo : "", NULL);
	for (size_t i = 0; i < rules->list->len; i++) {
		const struct compiled *c = &g_array_index(rules->list, struct compiled, i);
		if (g_regex_match(c->rx, text, 0, NULL)) {
			*out_category = c->category_id;
			*out_name = c->category;
			return true;
		}
	}
	return false;
}

bool
gig_rules_list(gig_ledger *ledger, GPtrArray **out, GError **error)
{
	sqlite3 *db = gig__ledger_db(ledger);
	g_autoptr(sqlite3_stmt) st = NULL;
	if (!gig__db_prepare(db, sql_rules, &st, error))
		return false;
	g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func((GDestroyNotify)gig_rule_free);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		gig_rule *r = g_new0(gig_rule, 1);
		r->id = sqlite3_column_int64(st, 0);
		r->pattern = g_strdup((const char *)sqlite3_column_text(st, 1));
		r->category = g_strdup((const char *)sqlite3_column_text(st, 2));
		r->priority = sqlite3_column_int(st, 3);
		g_ptr_array_add(list, r);
	}
	if (rc != SQLITE_DONE)
		return gig__db_fail(db, rc, "listing rules", error);
	*out = g_steal_pointer(&list);
	return true;
}

static bool
add_in_tx(sqlite3 *db, const char *pattern, const char *category, int priority, int64_t *id,
          GError **error)
{
	int64_t cat;
	if (!gig__category_lookup(db, category, &cat, error))
		return false;
	g_autoptr(sqlite3_stmt) st = NULL;
	if (!gig__db_prepare(db,
	                     "INSERT INTO rules(pattern, category_id, priority) VALUES (?, ?, ?)",
	                     &st, error))
		return false;
	sqlite3_bind_text(st, 1, pattern, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, cat);
	sqlite3_bind_int(st, 3, priority);
	int rc = sqlite3_step(st);
	if (rc != SQLITE_DONE)
		return gig__db_fail(db, rc, "adding a rule", error);
	*id = sqlite3_last_insert_rowid(db);
	return true;
}

bool
gig_rules_add(gig_ledger *ledger, const char *pattern, const char *category, int priority,
              int64_t *out_id, GError **error)
{
	g_return_val_if_fail(ledger != NULL && pattern != NULL && category != NULL, false);
	GRegex *rx = compile(pattern, error);
	if (rx == NULL)
		return false;
	g_regex_unref(rx);
	sqlite3 *db = gig__ledger_db(ledger);
	int64_t id = 0;
	if (!gig__tx_begin(db, error))
		return false;
	bool ok = add_in_tx(db, pattern, category, priority, &id, error);
	if (!gig__tx_end(db, ok, ok ? error : NULL))
		return false;
	if (out_id)
		*out_id = id;
	return true;
}

bool
gig_rules_remove(gig_ledger *ledger, int64_t rule_id, GError **error)
{
	sqlite3 *db = gig__ledger_db(ledger);
	g_autoptr(sqlite3_stmt) st = NULL;
	if (!gig__db_prepare(db, "DELETE FROM rules WHERE id = ?", &st, error))
		return false;
	sqlite3_bind_int64(st, 1, rule_id);
	int rc = sqlite3_step(st);
	if (rc != SQLITE_DONE)
		return gig__db_fail(db, rc, "removing a rule", error);
	if (sqlite3_changes(db) == 0) {
		g_set_error(error, GIG_ERROR, GIG_ERROR_NOT_FOUND,
		            "no rule %" G_GINT64_FORMAT " (see gig rules list)", rule_id);
		return false;
	}
	return true;
}

static bool
apply_in_tx(sqlite3 *db, int64_t *changed, GError **error)
{
	g_autoptr(sqlite3_stmt) sel = NULL, upd = NULL;
	gig__rules *rules = NULL;
	if (!gig__rules_load(db, &rules, error))
		return false;
	bool ok = gig__db_prepare(
	              db, "SELECT id, payee, memo FROM transactions WHERE category_id IS NULL",
	              &sel, error) &&
	          gig__db_prepare(db, "UPDATE transactions SET category_id = ? WHERE id = ?", &upd,
	                          error);
	int rc = SQLITE_DONE;
	while (ok && rules && (rc = sqlite3_step(sel)) == SQLITE_ROW) {
		int64_t cat;
		const char *name;
		if (!gig__rules_match(rules, (const char *)sqlite3_column_text(sel, 1),
		                      (const char *)sqlite3_column_text(sel, 2), &cat, &name))
			continue;
		sqlite3_bind_int64(upd, 1, cat);
		sqlite3_bind_int64(upd, 2, sqlite3_column_int64(sel, 0));
		int u = sqlite3_step(upd);
		sqlite3_reset(upd);
		if (u != SQLITE_DONE)
			ok = gig__db_fail(db, u, "categorising", error);
		(*changed)++;
	}
	if (ok && rc != SQLITE_DONE)
		ok = gig__db_fail(db, rc, "reading transactions", error);
	gig__rules_free(rules);
	return ok;
}

bool
gig_rules_apply(gig_ledger *ledger, int64_t *out_changed, GError **error)
{
	sqlite3 *db = gig__ledger_db(ledger);
	int64_t changed = 0;
	if (!gig__tx_begin(db, error))
		return false;
	bool ok = apply_in_tx(db, &changed, error);
	if (!gig__tx_end(db, ok, ok ? error : NULL))
		return false;
	if (out_changed)
		*out_changed = changed;
	return true;
}

/* The payee's first word of 3+ letters, upper-cased: "SPLICE" from "Splice.com 1234". */
static char *
payee_key(const char *payee)
{
	g_autofree char *up = g_utf8_strup(payee ? payee : "", -1);
	g_auto(GStrv) words = g_strsplit_set(up, " ,.;:/*-#0123456789", -1);
	for (size_t i = 0; words[i]; i++)
		if (g_utf8_strlen(words[i], -1) >= 3)
			return g_strdup(words[i]);
	return NULL;
}

bool
gig_rules_suggest(gig_ledger *ledger, int64_t txn_id, gig_suggestion **out, GError **error)
{
	sqlite3 *db = gig__ledger_db(ledger);
	g_autoptr(sqlite3_stmt) st = NULL;
	if (!gig__db_prepare(db, "SELECT payee FROM transactions WHERE id = ?", &st, error))
		return false;
	sqlite3_bind_int64(st, 1, txn_id);
	int found = sqlite3_step(st);
	if (found == SQLITE_DONE) {
		g_set_error(error, GIG_ERROR, GIG_ERROR_NOT_FOUND,
		            "no transaction %" G_GINT64_FORMAT, txn_id);
		return false;
	}
	if (found != SQLITE_ROW)
		return gig__db_fail(db, found, "reading the transaction", error);
	g_autoptr(gig_suggestion) s = g_new0(gig_suggestion, 1);
	s->txn_id = txn_id;
	g_autofree char *key = payee_key((const char *)sqlite3_column_text(st, 0));
	if (key == NULL) {
		*out = g_steal_pointer(&s);
		return true;
	}
	g_autofree char *like = g_strdup_printf("%%%s%%", key);
	g_autoptr(sqlite3_stmt) q = NULL;
	if (!gig__db_prepare(db,
	                     "SELECT c.name, count(*) FROM transactions t"
	                     " JOIN categories c ON c.id = t.category_id"
	                     " WHERE t.id <> ?1 AND upper(t.payee) LIKE ?2"
	                     " GROUP BY c.id ORDER BY 2 DESC, c.name",
	                     &q, error))
		return false;
	sqlite3_bind_int64(q, 1, txn_id);
	sqlite3_bind_text(q, 2, like, -1, SQLITE_STATIC);
	int64_t total = 0;
	int rc;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		int64_t n = sqlite3_column_int64(q, 1);
		if (s->category == NULL) {
			s->category = g_strdup((const char *)sqlite3_column_text(q, 0));
			s->support = n;
		}
		total += n;
	}
	/* A failed step is an error, not "no earlier rows". */
	if (rc != SQLITE_DONE)
		return gig__db_fail(db, rc, "reading earlier categorisations", error);
	if (s->category != NULL) {
		s->confidence = (double)s->support / (double)total;
		s->reason = g_strdup_printf("%" G_GINT64_FORMAT " earlier '%s' row%s %s %s",
		                            s->support, key, s->support == 1 ? "" : "s",
		                            s->support == 1 ? "was" : "were", s->category);
	}
	*out = g_steal_pointer(&s);
	return true;
}
