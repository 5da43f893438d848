/*
 * ledger_recurring.c: known future money: rent, subscriptions, a retainer.
 * The runway forecast lays these out month by month; nothing here posts
 * transactions by itself.
 */
#include <string.h>

#include "db.h"
#include "internal.h"

static const char *const cadences[] = {"weekly", "monthly", "quarterly", "yearly"};

bool
gig_cadence_parse(gig_cadence *out, const char *text, GError **error)
{
	const char *names[G_N_ELEMENTS(cadences) + 1];
	memcpy(names, cadences, sizeof cadences);
	names[G_N_ELEMENTS(cadences)] = NULL;
	int v;
	if (!gig__enum_parse(&v, text, names, G_N_ELEMENTS(cadences), "cadence", error))
		return false;
	*out = (gig_cadence)v;
	return true;
}

const char *
gig_cadence_name(gig_cadence cadence)
{
	return (size_t)cadence < G_N_ELEMENTS(cadences) ? cadences[cadence] : "?";
}

gig_date
gig_cadence_next(gig_cadence cadence, gig_date date)
{
	switch (cadence) {
	case GIG_CADENCE_WEEKLY:
		return date + 7;
	case GIG_CADENCE_MONTHLY:
		return gig_date_add_months(date, 1);
	case GIG_CADENCE_QUARTERLY:
		return gig_date_add_months(date, 3);
	case GIG_CADENCE_YEARLY:
		return gig_date_add_months(date, 12);
	}
	return date + 1;
}

void
gig_recurring_free(gig_recurring *item)
{
	if (item == NULL)
		return;
	g_free(item->name);
	g_free(item->account);
	g_free(item->category);
	g_free(item);
}

bool
gig_ledger_recurring_add(gig_ledger *ledger, const gig_recurring_spec *spec, int64_t *out_id,
                         GError **error)
{
	g_return_val_if_fail(spec != NULL, false);
	sqlite3 *db = gig__ledger_db(ledger);
	g_autofree char *name = g_strstrip(g_strdup(spec->name ? spec->name : ""));
	if (*name == '\0' || spec->amount_minor == 0 || spec->next_on == GIG_DATE_NONE ||
	    (unsigned)spec->cadence > GIG_CADENCE_YEARLY) {
		g_set_error(error, GIG_ERROR, GIG_ERROR_INVALID_INPUT,
		            "a recurring item needs a name, a non-zero amount, a cadence and a "
		            "next date");
		return false;
	}
	if (!gig__amount_check(spec->amount_minor, "a recurring amount", error))
		return false;
	if (spec->until_on != GIG_DATE_NONE && spec->until_on < spec->next_on) {
		g_set_error(error, GIG_ERROR, GIG_ERROR_INVALID_INPUT,
		            "the end date is before the next date");
		return false;
	}
	if (!gig__tx_begin(db, error))
		return false;
	int64_t account_id = 0, category_id = 0;
	bool ok = gig__account_lookup(db, spec->account, &account_id, NULL, error) &&
	          (spec->category == NULL ||
	           gig__category_lookup(db, spec->category, &category_id, error));
	g_autoptr(sqlite3_stmt) st = NULL;
	if (ok)
		ok = gig__db_prepare(
		    db,
		    "INSERT INTO recurring(name, account_id, category_id, amount_minor,"
		    " cadence, next_on, until_on) VALUES (?,?,?,?,?,?,?)",
		    &st, error);
	if (ok) {
		sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 2, account_id);
		if (category_id)
			sqlite3_bind_int64(st, 3, category_id);
		else
			sqlite3_bind_null(st, 3);
		sqlite3_bind_int64(st, 4, spec->amount_minor);
		sqlite3_bind_text(st, 5, gig_cadence_name(spec->cadence), -1, SQLITE_STATIC);
		gig__bind_date(st, 6, spec->next_on);
		gig__bind_date(st, 7, spec->until_on);
		int rc = sqlite3_step(st);
		if (rc == SQLITE_CONSTRAINT_UNIQUE) {
			g_set_error(error, GIG_ERROR, GIG_ERROR_DUPLICATE,
			            "a recurring item named '%s' already exists", name);
			ok = false;
		} else if (rc != SQLITE_DONE) {
			ok = gig__db_fail(db, rc, "adding the recurring item", error);
		}
	}
	int64_t id = sqlite3_last_insert_rowid(db);
	if (!gig__tx_end(db, ok, error))
		return false;
	if (out_id)
		*out_id = id;
	return true;
}

bool
gig_ledger_recurring_list(gig_ledger *ledger, GPtrArray **out, GError **error)
{
	sqlite3 *db = gig__ledger_db(ledger);
	g_autoptr(sqlite3_stmt) st = NULL;
	if (!gig__db_prepare(db,
	                     "SELECT r.id, r.name, a.name, a.currency, c.name, r.amount_minor,"
	                     " r.cadence, r.next_on, r.until_on FROM recurring r"
	                     " JOIN accounts a ON a.id = r.account_id"
	                     " LEFT JOIN categories c ON c.id = r.category_id"
	                     " ORDER BY r.next_on, r.name",
	                     &st, error))
		return false;
	g_autoptr(GPtrArray) list =
	    g_ptr_array_new_with_free_func((GDestroyNotify)gig_recurring_free);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		gig_recurring *r = g_new0(gig_recurring, 1);
		r->id = sqlite3_column_int64(st, 0);
		r->name = g_strdup((const char *)sqlite3_column_text(st, 1));
		r->account = g_strdup((const char *)sqlite3_column_text(st, 2));
		g_strlcpy(r->currency, (const char *)sqlite3_column_text(st, 3),
		          sizeof r->currency);
		r->category = g_strdup((const char *)sqlite3_column_text(st, 4));
		r->amount_minor = sqlite3_column_int64(st, 5);
		gig_cadence cad = GIG_CADENCE_MONTHLY;
		gig_cadence_parse(&cad, (const char *)sqlite3_column_text(st, 6), NULL);
		r->cadence = cad;
		r->next_on = gig__column_date(st, 7);
		r->until_on = gig__column_date(st, 8);
		g_ptr_array_add(list, r);
	}
	if (rc != SQLITE_DONE)
		return gig__db_fail(db, rc, "reading recurring items", error);
	*out = g_steal_pointer(&list);
	return true;
}

bool
gig_ledger_recurring_remove(gig_ledger *ledger, const char *name, GError **error)
{
	sqlite3 *db = gig__ledger_db(ledger);
	if (!gig__tx_begin(db, error))
		return false;
	g_autoptr(sqlite3_stmt) st = NULL;
	bool ok =
	    gig__db_prepare(db, "DELETE FROM recurring WHERE name = ? COLLATE NOCASE", &st, error);
	if (ok) {
		sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
		int rc = sqlite3_step(st);
		if (rc != SQLITE_DONE) {
			ok = gig__db_fail(db, rc, "removing the recurring item", error);
		} else if (sqlite3_changes(db) == 0) {
			g_set_error(error, GIG_ERROR, GIG_ERROR_NOT_FOUND,
			            "no recurring item named '%s'; 'gig recurring list' shows them",
			            name);
			ok = false;
		}
	}
	return gig__tx_end(db, ok, error);
}
