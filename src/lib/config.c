/*
 * config.c: the typed settings of config.h over the settings table.  Every value is
 * checked and normalised when it is set, and checked again where it is read (a value
 * written into the file by other means gets the same error).
 */
#include <string.h>

#include "db.h"
#include "gigledger/config.h"
#include "internal.h"

enum kind {
	K_INT_BP,
	K_MULTIPLE,
	K_FACTOR,
	K_SEED,
	K_ACCOUNT,
	K_CURRENCY,
	K_TAX_PROFILE,
	K_PERCENT,
	K_AMOUNT
};

static const gig_config_key keys[] = {
    {"tax_rate_bp", "an integer 0..10000 (basis points: 2500 = 25%)", "2500",
     "share of income set aside for tax"},
    {"reserve_multiple", "auto, or a number 1..24 with up to two decimals", "auto",
     "months of essential spending in the reserve target"},
    {"windfall_factor", "a number 1..100 with up to two decimals", "5",
     "a payment above this many times the median one is a windfall"},
    {"simulation_seed", "an integer 0..18446744073709551615", "20240601",
     "seed of the runway simulation when --seed is not given"},
    {"default_account", "the name of an account", "(the first checking account)",
     "the account used when a command names none"},
    {"base_currency", "an ISO 4217 code that an account uses", "EUR",
     "the currency of reports and typed amounts by default"},
    {"tax.profile", "a profile name (gig tax profiles): a-z, 0-9, -", "flat",
     "the tax jurisdiction (tax/NAME.ini); see gig tax"},
    {"tax.rate", "a percentage 0..100 with up to four decimals", "(tax_rate_bp)",
     "the flat profile's rate; unset, tax_rate_bp applies"},
    {"tax.last_year_tax", "an amount of 0 or more", "(the ledger's estimate)",
     "last year's tax bill, for prepayments and the safe harbour"},
    {"tax.last_year_agi", "an amount of 0 or more", "(over 150,000)",
     "US: last year's AGI, for the 100 % / 110 % safe harbour"},
};
static const enum kind kinds[] = {K_INT_BP,   K_MULTIPLE,    K_FACTOR,  K_SEED,   K_ACCOUNT,
                                  K_CURRENCY, K_TAX_PROFILE, K_PERCENT, K_AMOUNT, K_AMOUNT};

const gig_config_key *
gig_config_keys(size_t *n)
{
	if (n)
		*n = G_N_ELEMENTS(keys);
	return keys;
}

static bool
find_key(const char *key, size_t *out, GError **error)
{
	for (size_t i = 0; key && i < G_N_ELEMENTS(keys); i++)
		if (strcmp(keys[i].key, key) == 0) {
			*out = i;
			return true;
		}
	GString *names = g_string_new(NULL);
	for (size_t i = 0; i < G_N_ELEMENTS(keys); i++)
		g_string_append_printf(names, "%s%s", i ? ", " : "", keys[i].key);
	g_set_error(error, GIG_ERROR, GIG_ERROR_NOT_FOUND,
	            "unknown setting '%s'; the settings are %s", key ? key : "", names->str);
	g_string_free(names, true);
	return false;
}

static bool
not_allowed(size_t k, const char *value, GError **error)
{
	g_set_error(error, GIG_ERROR, GIG_ERROR_INVALID_INPUT,
	            "%s: '%s' is not allowed; allowed: %s", keys[k].key, value, keys[k].allowed);
	return false;
}

/* A number with up to two decimals in lo..hi (hundredths), e.g. "2.5" -> 250. */
static bool
hundredths(const char *text, int64_t lo, int64_t hi, int64_t *out)
{
	int64_t v = 0;
	if (text == NULL || !gig_money_parse(&v, text, 2, NULL) || v < lo || v > hi)
		return false;
	*out = v;
	return true;
}

static char *
hundredths_text(int64_t v)
{
	if (v % 100 == 0)
		return g_strdup_printf("%" G_GINT64_FORMAT, v / 100);
	if (v % 10 == 0)
		return g_strdup_printf("%" G_GINT64_FORMAT ".%" G_GINT64_FORMAT, v / 100,
		                       v % 100 / 10);
	return g_strdup_printf("%" G_GINT64_FORMAT ".%02" G_GINT64_FORMAT, v / 100, v % 100);
}

/* Checks `value` for key k; *out gets the text to store. */
static bool
check_value(gig_ledger *ledger, size_t k, const char *value, char **out, GError **error)
{
	sqlite3 *db = gig__ledger_db(ledger);
	g_autofree char *v = g_strstrip(g_strdup(value ? value : ""));
	switch (kinds[k]) {
	case K_INT_BP: {
		gint64 bp = 0;
		if (!g_ascii_string_to_signed(v, 10, 0, 10000, &bp, NULL))
			return not_allowed(k, v, error);
		*out = g_strdup_printf("%" G_GINT64_FORMAT, bp);
		return true;
	}
	case K_MULTIPLE: {
		int64_t h = 0;
		if (g_ascii_strcasecmp(v, "auto") == 0) {
			*out = g_strdup("auto");
			return true;
		}
		if (!hundredths(v, 100, 2400, &h))
			return not_allowed(k, v, error);
		*out = hundredths_text(h);
		return true;
	}
	case K_FACTOR: {
		int64_t h = 0;
		if (!hundredths(v, 100, 10000, &h))
			return not_allowed(k, v, error);
		*out = hundredths_text(h);
		return true;
	}
	case K_SEED: {
		guint64 seed = 0;
		if (!g_ascii_string_to_unsigned(v, 10, 0, G_MAXUINT64, &seed, NULL))
			return not_allowed(k, v, error);
		*out = g_strdup_printf("%" G_GUINT64_FORMAT, seed);
		return true;
	}
	case K_ACCOUNT: {
		int64_t id = 0;
		if (*v == '\0' || !gig__account_lookup(db, v, &id, NULL, NULL)) {
			g_autoptr(gig_account) a = NULL;
			g_autoptr(GError) local = NULL;
			gig_ledger_account_find(ledger, v, &a, &local);
			g_set_error(error, GIG_ERROR, GIG_ERROR_NOT_FOUND, "%s: %s", keys[k].key,
			            local ? local->message : "no such account");
			return false;
		}
		*out = g_strdup_printf("%" G_GINT64_FORMAT, id);
		return true;
	}
	case K_CURRENCY: {
		char code[4];
		if (!gig_currency_normalize(code, v, NULL))
			return not_allowed(k, v, error);
		g_autoptr(sqlite3_stmt) st = NULL;
		if (!gig__db_prepare(db,
		                     "SELECT count(*), ifnull(sum(currency = ?1), 0),"
		                     " group_concat(DISTINCT currency) FROM accounts",
		                     &st, error))
			return false;
		sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
		int rc = sqlite3_step(st);
		if (rc != SQLITE_ROW)
			return gig__db_fail(db, rc, "reading accounts", error);
		if (sqlite3_column_int64(st, 0) > 0 && sqlite3_column_int64(st, 1) == 0) {
			g_set_error(
			    error, GIG_ERROR, GIG_ERROR_INVALID_INPUT,
			    "%s: '%s' is not allowed: no account is in %s; allowed: %s (%s)",
			    keys[k].key, v, code, keys[k].allowed,
			    (const char *)sqlite3_column_text(st, 2));
			return false;
		}
		*out = g_strdup(code);
		return true;
	}
	case K_TAX_PROFILE: {
		/* the file itself is found by the CLI (gig tax), which names a missing one */
		bool ok = *v != '\0' && strlen(v) <= 60;
		for (const char *c = v; ok && *c; c++)
			ok = g_ascii_islower(*c) || g_ascii_isdigit(*c) || *c == '-';
		if (!ok)
			return not_allowed(k, v, error);
		*out = g_strdup(v);
		return true;
	}
	case K_PERCENT: {
		int64_t x = 0;
		if (!gig_money_parse(&x, v, 4, NULL) || x < 0 || x > 1000000)
			return not_allowed(k, v, error);
		*out = g_strdup(v);
		return true;
	}
	case K_AMOUNT: {
		int64_t x = 0;
		int exp = gig_currency_exponent(gig_ledger_base_currency(ledger));
		if (!gig_money_parse(&x, v, exp < 0 ? 2 : exp, NULL) || x < 0)
			return not_allowed(k, v, error);
		*out = g_strdup(v);
		return true;
	}
	}
	return not_allowed(k, v, error);
}

/* The stored text of key k, or NULL when it is not set. */
static bool
stored(gig_ledger *ledger, size_t k, char **out, GError **error)
{
	g_autoptr(GError) local = NULL;
	if (gig_ledger_setting_get(ledger, keys[k].key, out, &local))
		return true;
	if (g_error_matches(local, GIG_ERROR, GIG_ERROR_NOT_FOUND)) {
		*out = NULL;
		return true;
	}
	g_propagate_error(error, g_steal_pointer(&local));
	return false;
}

static bool
account_name(sqlite3 *db, const char *id_text, char **out, GError **error)
{
	g_autoptr(sqlite3_stmt) st = NULL;
	if (!gig__db_prepare(db, "SELECT name FROM accounts WHERE id = CAST(?1 AS INTEGER)", &st,
	                     error))
		return false;
	sqlite3_bind_text(st, 1, id_text, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*out = g_strdup((const char *)sqlite3_column_text(st, 0));
	else if (rc == SQLITE_DONE)
		*out = NULL; /* the account is gone: the default again */
	else
		return gig__db_fail(db, rc, "reading accounts", error);
	return true;
}

bool
gig_config_get(gig_ledger *ledger, const char *key, char **out, bool *out_is_set, GError **error)
{
	g_return_val_if_fail(ledger != NULL && out != NULL, false);
	size_t k = 0;
	g_autofree char *value = NULL;
	if (!find_key(key, &k, error) || !stored(ledger, k, &value, error))
		return false;
	if (value && kinds[k] == K_ACCOUNT) {
		g_autofree char *name = NULL;
		if (!account_name(gig__ledger_db(ledger), value, &name, error))
			return false;
		g_free(value);
		value = g_steal_pointer(&name);
	}
	if (out_is_set)
		*out_is_set = value != NULL;
	*out = value ? g_steal_pointer(&value) : g_strdup(keys[k].default_value);
	return true;
}

bool
gig_config_set(gig_ledger *ledger, const char *key, const char *value, GError **error)
{
	g_return_val_if_fail(ledger != NULL, false);
	size_t k = 0;
	g_autofree char *text = NULL;
	if (!find_key(key, &k, error) || !check_value(ledger, k, value, &text, error) ||
	    !gig_ledger_setting_set(ledger, keys[k].key, text, error))
		return false;
	return kinds[k] != K_CURRENCY || gig__ledger_reload_base_currency(ledger, error);
}

bool
gig_config_unset(gig_ledger *ledger, const char *key, GError **error)
{
	g_return_val_if_fail(ledger != NULL, false);
	size_t k = 0;
	if (!find_key(key, &k, error))
		return false;
	if (kinds[k] == K_CURRENCY) {
		g_set_error(error, GIG_ERROR, GIG_ERROR_INVALID_INPUT,
		            "%s always has a value; set another one instead", keys[k].key);
		return false;
	}
	sqlite3 *db = gig__ledger_db(ledger);
	if (!gig__tx_begin(db, error))
		return false;
	g_autoptr(sqlite3_stmt) st = NULL;
	bool ok = gig__db_prepare(db, "DELETE FROM settings WHERE key = ?1", &st, error);
	if (ok) {
		sqlite3_bind_text(st, 1, keys[k].key, -1, SQLITE_STATIC);
		int rc = sqlite3_step(st);
		if (rc != SQLITE_DONE)
			ok = gig__db_fail(db, rc, "removing a setting", error);
	}
	return gig__tx_end(db, ok, error);
}

bool
gig__config_number(gig_ledger *ledger, const char *key, double *out, GError **error)
{
	size_t k = 0;
	g_autofree char *value = NULL;
	if (!find_key(key, &k, error) || !stored(ledger, k, &value, error))
		return false;
	const char *text = value ? value : keys[k].default_value;
	if (kinds[k] == K_MULTIPLE && g_ascii_strcasecmp(text, "auto") == 0) {
		*out = 0;
		return true;
	}
	int64_t h = 0;
	bool ok = kinds[k] == K_MULTIPLE ? hundredths(text, 100, 2400, &h)
	          : kinds[k] == K_FACTOR ? hundredths(text, 100, 10000, &h)
	                                 : false;
	if (!ok) {
		g_set_error(error, GIG_ERROR, GIG_ERROR_INVALID_INPUT,
		            "setting %s is '%s'; allowed: %s ('gig config set %s ...' fixes it)",
		            keys[k].key, text, keys[k].allowed, keys[k].key);
		return false;
	}
	*out = (double)h / 100.0;
	return true;
}
