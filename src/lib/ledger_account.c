/*
 * ledger_account.c: accounts and their balances.
 *
 * A balance is the opening balance plus every posted (non-pending)
 * transaction.  It is read from the monthly_totals rollup, kept in step with
 * the transactions table (inserts by the code that inserts, updates and deletes
 * by triggers; sql/0007), so it costs one small range scan
 * per account whatever the number of transactions.
 */
#include <string.h>

#include "db.h"
#include "internal.h"

void
gig_account_free(gig_account *account)
{
	if (account == NULL)
		return;
	g_free(account->name);
	g_free(account);
}

static const char account_select[] =
    "SELECT a.id, a.name, a.kind, a.currency, a.opening_minor, a.opening_date,"
    " (SELECT ifnull(sum(t.n), 0) FROM monthly_totals t WHERE t.account_id = a.id AND t.pending = "
    "0),"
    " (SELECT ifnull(sum(t.n), 0) FROM monthly_totals t WHERE t.account_id = a.id AND t.pending = "
    "1),"
    " (SELECT ifnull(sum(t.inflow_minor + t.outflow_minor), 0) FROM monthly_totals t"
    "   WHERE t.account_id = a.id AND t.pending = 0),"
    " (SELECT ifnull(sum(t.inflow_minor + t.outflow_minor), 0) FROM monthly_totals t"
    "   WHERE t.account_id = a.id AND t.pending = 1)"
    " FROM accounts a";

/*
 * Builds a gig_account from a row of account_select.  SQLite's sum() of
 * integers raises "integer overflow" rather than wrapping, which the caller
 * sees as a step error.
 */
static bool
account_from_row(sqlite3_stmt *st, gig_account **out, GError **error)
{
	g_autoptr(gig_account) a = g_new0(gig_account, 1);
	a->id = sqlite3_column_int64(st, 0);
	a->name = g_strdup((const char *)sqlite3_column_text(st, 1));
	int kind = 0;
	for (int k = 0; k <= GIG_ACCOUNT_TAX_RESERVE; k++)
		if (strcmp(gig_account_kind_name((gig_account_kind)k),
		           (const char *)sqlite3_column_text(st, 2)) == 0)
			kind = k;
	a->kind = (gig_account_kind)kind;
	g_strlcpy(a->currency, (const char *)sqlite3_column_text(st, 3), sizeof a->currency);
	a->opening_minor = sqlite3_column_int64(st, 4);
	a->opening_date = gig__column_date(st, 5);
	a->transactions = sqlite3_column_int64(st, 6);
	a->pending = sqlite3_column_int64(st, 7);
	int64_t posted = sqlite3_column_int64(st, 8);
	a->pending_minor = sqlite3_column_int64(st, 9);
	if (!gig_money_add(&a->balance_minor, a->opening_minor, posted)) {
		g_set_error(error, GIG_ERROR, GIG_ERROR_OVERFLOW,
		            "the balance of account '%s' does not fit in 64 bits", a->name);
		return false;
	}
	*out = g_steal_pointer(&a);
	return true;
}

static bool
query_accounts(sqlite3 *db, const char *where, const char *arg, GPtrArray **out, GError **error)
{
	g_autofree char *sql = g_strconcat(account_select, where, NULL);
	g_autoptr(sqlite3_stmt) st = NULL;
	if (!gig__db_prepare(db, sql, &st, error))
		return false;
	if (arg)
		sqlite3_bind_text(st, 1, arg, -1, SQLITE_STATIC);
	g_autoptr(GPtrArray) list =
	    g_ptr_array_new_with_free_func((GDestroyNotify)gig_account_free);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		gig_account *a = NULL;
		if (!account_from_row(st, &a, error))
			return false;
		g_ptr_array_add(list, a);
	}
	if (rc != SQLITE_DONE) {
		if ((rc & 0xff) == SQLITE_ERROR && strstr(sqlite3_errmsg(db), "overflow")) {
			g_set_error(error, GIG_ERROR, GIG_ERROR_OVERFLOW,
			            "an account balance does not fit in 64 bits");
			return false;
		}
		return gig__db_fail(db, rc, "reading accounts", error);
	}
	*out = g_steal_pointer(&list);
	return true;
}

bool
gig_ledger_accounts(gig_ledger *ledger, GPtrArray **out, GError **error)
{
	return query_accounts(gig__ledger_db(ledger), " ORDER BY a.name COLLATE NOCASE", NULL, out,
	                      error);
}

/* "known: a, b, c" for NOT_FOUND messages. */
static char *
known_names(sqlite3 *db, const char *sql)
{
	GString *s = g_string_new(NULL);
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK) {
		while (sqlite3_step(st) == SQLITE_ROW) {
			if (s->len)
				g_string_append(s, ", ");
			g_string_append(s, (const char *)sqlite3_column_text(st, 0));
		}
	}
	sqlite3_finalize(st);
	if (s->len == 0)
		g_string_append(s, "(none yet)");
	return g_string_free(s, false);
}

bool
gig_ledger_account_find(gig_ledger *ledger, const char *name, gig_account **out, GError **error)
{
	sqlite3 *db = gig__ledger_db(ledger);
	g_autoptr(GPtrArray) list = NULL;
	if (!query_accounts(db, " WHERE a.name = ?1 COLLATE NOCASE", name, &list, error))
		return false;
	if (list->len == 0) {
		g_autofree char *known =
		    known_names(db, "SELECT name FROM accounts ORDER BY name COLLATE NOCASE");
		g_set_error(error, GIG_ERROR, GIG_ERROR_NOT_FOUND,
		            "unknown account '%s'; known: %s (add one with 'gig account add')",
		            name, known);
		return false;
	}
	*out = g_ptr_array_steal_index(list, 0);
	return true;
}

/* The default_account setting (config.h) first, when it names an account. */
#define DEFAULT_FIRST(t)                                                                           \
	"(" t ".id IS (SELECT CAST(value AS INTEGER) FROM settings"                                \
	" WHERE key = 'default_account')) DESC"

bool
gig_ledger_account_default(gig_ledger *ledger, gig_account **out, GError **error)
{
	g_autoptr(GPtrArray) list = NULL;
	if (!query_accounts(gig__ledger_db(ledger),
	                    " ORDER BY a.closed, " DEFAULT_FIRST(
	                        "a") ", (a.kind = 'checking') DESC, a.id LIMIT 1",
	                    NULL, &list, error))
		return false;
	if (list->len == 0) {
		g_set_error(error, GIG_ERROR, GIG_ERROR_NOT_FOUND,
		            "the ledger has no account yet; add one with 'gig account add NAME'");
		return false;
	}
	*out = g_ptr_array_steal_index(list, 0);
	return true;
}

bool
gig__account_lookup(sqlite3 *db, const char *name, int64_t *out_id, char out_currency[4],
                    GError **error)
{
	g_autoptr(sqlite3_stmt) st = NULL;
	const char *sql = name ? "SELECT id, currency, closed, name FROM accounts"
	                         " WHERE name = ? COLLATE NOCASE"
	                       : "SELECT id, currency, closed, name FROM accounts"
	                         " ORDER BY closed, " DEFAULT_FIRST(
	                             "accounts") ","
	                                         " (kind = 'checking') DESC, id LIMIT 1";
	if (!gig__db_prepare(db, sql, &st, error))
		return false;
	if (name)
		sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		/* every caller puts something into the account (sql/0011: closed ones
		 * take nothing more) */
		if (sqlite3_column_int(st, 2) != 0) {
			g_set_error(error, GIG_ERROR, GIG_ERROR_INVALID_INPUT,
			            "the account '%s' is closed; nothing more goes into it",
			            (const char *)sqlite3_column_text(st, 3));
			return false;
		}
		*out_id = sqlite3_column_int64(st, 0);
		if (out_currency)
			g_strlcpy(out_currency, (const char *)sqlite3_column_text(st, 1), 4);
		return true;
	}
	if (rc != SQLITE_DONE)
		return gig__db_fail(db, rc, "looking up an account", error);
	g_autofree char *known =
	    known_names(db, "SELECT name FROM accounts ORDER BY name COLLATE NOCASE");
	if (name)
		g_set_error(error, GIG_ERROR, GIG_ERROR_NOT_FOUND,
		            "unknown account '%s'; known: %s (add one with 'gig account add')",
		            name, known);
	else
		g_set_error(error, GIG_ERROR, GIG_ERROR_NOT_FOUND,
		            "the ledger has no account yet; add one with 'gig account add NAME'");
	return false;
}

bool
gig_ledger_account_add(gig_ledger *ledger, const gig_account_spec *spec, int64_t *out_id,
                       GError **error)
{
	g_return_val_if_fail(spec != NULL, false);
	sqlite3 *db = gig__ledger_db(ledger);
	char cur[4];
	if (!gig_currency_normalize(
	        cur, spec->currency ? spec->currency : gig_ledger_base_currency(ledger), error))
		return false;
	g_autofree char *name = g_strstrip(g_strdup(spec->name ? spec->name : ""));
	bool has_alnum = false;
	for (const char *p = name; *p; p++)
		has_alnum |= g_ascii_isalnum(*p) || (unsigned char)*p >= 0x80;
	if (!has_alnum) {
		g_set_error(error, GIG_ERROR, GIG_ERROR_INVALID_INPUT,
		            "an account name needs letters or digits, not '%s'", name);
		return false;
	}
	if (!gig__amount_check(spec->opening_minor, "an opening balance", error))
		return false;
	if (!gig__tx_begin(db, error))
		return false;
	g_autoptr(sqlite3_stmt) st = NULL;
	bool ok = gig__db_prepare(
	    db,
	    "INSERT INTO accounts(name, kind, currency, opening_minor, opening_date)"
	    " VALUES (?, ?, ?, ?, ?)",
	    &st, error);
	if (ok) {
		sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, gig_account_kind_name(spec->kind), -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, cur, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 4, spec->opening_minor);
		gig__bind_date(st, 5, spec->opening_date);
		int rc = sqlite3_step(st);
		if (rc == SQLITE_CONSTRAINT_UNIQUE) {
			g_set_error(error, GIG_ERROR, GIG_ERROR_DUPLICATE,
			            "an account named '%s' already exists", name);
			ok = false;
		} else if (rc != SQLITE_DONE) {
			ok = gig__db_fail(db, rc, "adding the account", error);
		}
	}
	int64_t id = sqlite3_last_insert_rowid(db);
	if (!gig__tx_end(db, ok, error))
		return false;
	if (out_id)
		*out_id = id; /* only once it is committed */
	return true;
}
