/*
 * rates.c: the rates table (sql/0019_rates.sql), the rate files it is filled
 * from, and exact conversion (rates.h).
 *
 * Arithmetic: an amount of `from` (exponent fe) becomes
 *	amount * prod(legs) * 10^(te - fe)
 * minor units of `to`.  Each leg num/10^s is a factor num in the numerator and
 * 10^s in the denominator (swapped for an inverted leg), so the whole value is
 * one fraction P/Q of unsigned 128-bit integers, built with overflow checks and
 * divided once: q = P / Q, rounded up in magnitude when the remainder is at
 * least half of Q (half away from zero), the sign put back last.
 */
#include <inttypes.h>
#include <string.h>

#include "import_csv.h"
#include "db.h"
#include "gigledger/rates.h"
#include "internal.h"

__extension__ typedef unsigned __int128 u128;

void
gig_rate_free(gig_rate *rate)
{
	if (rate == NULL)
		return;
	g_free(rate->source);
	g_free(rate);
}

bool
gig_rate_parse(int64_t *num, int *scale, char *canon, const char *text, GError **error)
{
	g_autofree char *t = g_strstrip(g_strdup(text != NULL ? text : ""));
	const char *p = t;
	GString *ip = g_string_new(NULL), *fp = g_string_new(NULL);
	bool dot = false, ok = *p != '\0';
	for (; ok && *p != '\0'; p++) {
		if (*p == '.' && !dot)
			dot = true;
		else if (g_ascii_isdigit(*p))
			g_string_append_c(dot ? fp : ip, *p);
		else
			ok = false;
	}
	ok = ok && (ip->len > 0 || fp->len > 0);
	/* canonical: no leading zeros, no trailing decimal zeros */
	while (ip->len > 0 && ip->str[0] == '0')
		g_string_erase(ip, 0, 1);
	while (fp->len > 0 && fp->str[fp->len - 1] == '0')
		g_string_truncate(fp, fp->len - 1);
	g_autofree char *digits = g_strconcat(ip->str, fp->str, NULL);
	const char *sig = digits;
	while (*sig == '0')
		sig++;
	const char *why = NULL;
	if (t[0] == '-')
		why = "a rate must be greater than zero";
	else if (!ok)
		why = "not a decimal number (digits and one '.')";
	else if (*sig == '\0')
		why = "a rate must be greater than zero";
	else if (fp->len > GIG_RATE_SCALE_MAX)
		why = "more than " G_STRINGIFY(GIG_RATE_SCALE_MAX) " decimals";
	else if (strlen(sig) > GIG_RATE_DIGITS_MAX)
		why = "more than " G_STRINGIFY(GIG_RATE_DIGITS_MAX) " significant digits";
	if (why != NULL) {
		g_set_error(error, GIG_ERROR, GIG_ERROR_INVALID_INPUT, "rate '%s': %s", t, why);
		g_string_free(ip, TRUE);
		g_string_free(fp, TRUE);
		return false;
	}
	*num = (int64_t)g_ascii_strtoll(sig, NULL, 10);
	*scale = (int)fp->len;
	if (canon != NULL)
		g_snprintf(canon, GIG_RATE_TEXT_MAX, "%s%s%s", ip->len > 0 ? ip->str : "0",
		           fp->len > 0 ? "." : "", fp->str);
	g_string_free(ip, TRUE);
	g_string_free(fp, TRUE);
	return true;
}

static bool
mul_ok(u128 *x, u128 by)
{
	return !__builtin_mul_overflow(*x, by, x);
}

static bool
mul_pow10(u128 *x, int k)
{
	for (int i = 0; i < k; i++)
		if (!mul_ok(x, 10))
			return false;
	return true;
}

bool
gig_rate_apply(int64_t *out, int64_t amount_minor, int from_exp, int to_exp,
               const gig_rate_leg *legs, int n, GError **error)
{
	g_return_val_if_fail(n >= 0 && n <= 2 && gig_amount_ok(amount_minor), false);
	u128 p = (u128)(amount_minor < 0 ? -amount_minor : amount_minor), q = 1;
	int pow10 = to_exp - from_exp;
	bool ok = true;
	for (int i = 0; i < n; i++) {
		g_return_val_if_fail(legs[i].num > 0, false);
		if (legs[i].invert) {
			ok = ok && mul_ok(&q, (u128)legs[i].num);
			pow10 += legs[i].scale;
		} else {
			ok = ok && mul_ok(&p, (u128)legs[i].num);
			pow10 -= legs[i].scale;
		}
	}
	ok = ok && (pow10 >= 0 ? mul_pow10(&p, pow10) : mul_pow10(&q, -pow10));
	u128 res = 0;
	if (ok) {
		res = p / q;
		u128 rem = p % q;
		if (rem >= q - rem)
			res++;
		ok = res <= (u128)GIG_AMOUNT_MAX;
	}
	if (!ok) {
		g_set_error(error, GIG_ERROR, GIG_ERROR_OVERFLOW,
		            "converting %" PRId64 " minor units: the result does not fit",
		            amount_minor);
		return false;
	}
	*out = amount_minor < 0 ? -(int64_t)res : (int64_t)res;
	return true;
}

/* ---- the table ---- */

/* Inserts or replaces one rate inside the caller's transaction; counts it. */
static bool
rate_put(sqlite3 *db, const char *base, const char *quote, const char *canon, gig_date on,
         const char *source, gig_rates_import_result *count, GError **error)
{
	g_autoptr(sqlite3_stmt) st = NULL;
	if (!gig__db_prepare(db,
	                     "SELECT rate FROM rates WHERE base = ? AND quote = ? AND on_date = ?",
	                     &st, error))
		return false;
	gig__bind_text_copy(st, 1, base);
	gig__bind_text_copy(st, 2, quote);
	gig__bind_date(st, 3, on);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW && strcmp((const char *)sqlite3_column_text(st, 0), canon) == 0) {
		count->unchanged++;
		return true;
	}
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return gig__db_fail(db, rc, "reading rates", error);
	bool exists = rc == SQLITE_ROW;
	g_autoptr(sqlite3_stmt) w = NULL;
	if (!gig__db_prepare(db,
	                     exists ? "UPDATE rates SET rate = ?4, source = ?5"
	                              " WHERE base = ?1 AND quote = ?2 AND on_date = ?3"
	                            : "INSERT INTO rates(base, quote, on_date, rate, source)"
	                              " VALUES (?1, ?2, ?3, ?4, ?5)",
	                     &w, error))
		return false;
	gig__bind_text_copy(w, 1, base);
	gig__bind_text_copy(w, 2, quote);
	gig__bind_date(w, 3, on);
	gig__bind_text_copy(w, 4, canon);
	gig__bind_text_copy(w, 5, source);
	rc = sqlite3_step(w);
	if (rc != SQLITE_DONE)
		return gig__db_fail(db, rc, "writing a rate", error);
	if (exists)
		count->replaced++;
	else
		count->added++;
	return true;
}

/* Validates a pair: two different three-letter codes, upper-cased into b and q. */
static bool
pair_normalize(char b[4], char q[4], const char *base, const char *quote, GError **error)
{
	if (!gig_currency_normalize(b, base, error) || !gig_currency_normalize(q, quote, error))
		return false;
	if (strcmp(b, q) == 0) {
		g_set_error(error, GIG_ERROR, GIG_ERROR_INVALID_INPUT,
		            "a rate needs two different currencies, not %s and %s", b, q);
		return false;
	}
	return true;
}

bool
gig_ledger_rate_set(gig_ledger *ledger, const char *base, const char *quote, const char *rate,
                    gig_date on, const char *source, bool *out_changed, GError **error)
{
	char b[4], q[4], canon[GIG_RATE_TEXT_MAX];
	int64_t num;
	int scale;
	if (!pair_normalize(b, q, base, quote, error) ||
	    !gig_rate_parse(&num, &scale, canon, rate, error))
		return false;
	sqlite3 *db = gig__ledger_db(ledger);
	gig_rates_import_result count = {0};
	if (!gig__tx_begin(db, error))
		return false;
	bool ok = rate_put(db, b, q, canon, on, source != NULL ? source : "manual", &count, error);
	if (!gig__tx_end(db, ok, error))
		return false;
	if (out_changed != NULL)
		*out_changed = count.unchanged == 0;
	return true;
}

static bool
is_gap(const char *cell)
{
	g_autofree char *t = g_strstrip(g_strdup(cell));
	return *t == '\0' || g_ascii_strcasecmp(t, "N/A") == 0;
}

static bool
parse_date_cell(gig_date *out, const char *cell, GError **error)
{
	g_autofree char *t = g_strstrip(g_strdup(cell));
	return gig_date_parse_iso(out, t, error);
}

static bool
header_is(const gig__csv_record *rec, size_t i, const char *name)
{
	if (i >= rec->n)
		return false;
	g_autofree char *t = g_strstrip(g_strdup(rec->f[i]));
	return g_ascii_strcasecmp(t, name) == 0;
}

/* One ECB data row: a date, then one rate per 1 EUR for each header currency. */
static bool
ecb_row(sqlite3 *db, const gig__csv_record *rec, const char *codes, size_t ncodes,
        gig_rates_import_result *count, GError **error)
{
	gig_date on;
	if (!parse_date_cell(&on, rec->f[0], error))
		return false;
	for (size_t i = 1; i < rec->n; i++) {
		if (i > ncodes) {
			if (is_gap(rec->f[i]))
				continue; /* the trailing comma */
			g_set_error(error, GIG_ERROR, GIG_ERROR_INVALID_INPUT,
			            "column %zu: a value under no currency", i + 1);
			return false;
		}
		if (is_gap(rec->f[i])) {
			count->gaps++;
			continue;
		}
		char canon[GIG_RATE_TEXT_MAX];
		int64_t num;
		int scale;
		if (!gig_rate_parse(&num, &scale, canon, rec->f[i], error)) {
			g_prefix_error(error, "column %s: ", codes + 4 * (i - 1));
			return false;
		}
		if (!rate_put(db, "EUR", codes + 4 * (i - 1), canon, on, "ecb", count, error))
			return false;
	}
	return true;
}

/* One "date,from,to,rate" row. */
static bool
pair_row(sqlite3 *db, const gig__csv_record *rec, gig_rates_import_result *count, GError **error)
{
	size_t n = rec->n;
	while (n > 4 && is_gap(rec->f[n - 1]))
		n--;
	if (n != 4) {
		g_set_error(error, GIG_ERROR, GIG_ERROR_INVALID_INPUT,
		            "%zu fields, expected 4 (date,from,to,rate)", rec->n);
		return false;
	}
	gig_date on;
	char b[4], q[4], canon[GIG_RATE_TEXT_MAX];
	int64_t num;
	int scale;
	g_autofree char *from = g_strstrip(g_strdup(rec->f[1]));
	g_autofree char *to = g_strstrip(g_strdup(rec->f[2]));
	return parse_date_cell(&on, rec->f[0], error) && pair_normalize(b, q, from, to, error) &&
	       gig_rate_parse(&num, &scale, canon, rec->f[3], error) &&
	       rate_put(db, b, q, canon, on, "csv", count, error);
}

static bool
import_records(sqlite3 *db, gig__csv_reader *r, const char *path, gig_rates_import_result *res,
               GError **error)
{
	g_autofree char *codes = NULL; /* 4 bytes per currency column */
	size_t ncodes = 0;
	bool first = true;
	for (;;) {
		const gig__csv_record *rec = NULL;
		if (!gig__csv_next(r, &rec, error))
			return false;
		if (rec == NULL)
			break;
		if (rec->n == 0 || (rec->n == 1 && is_gap(rec->f[0])))
			continue;
		bool ok = true;
		if (first && header_is(rec, 0, "date") && header_is(rec, 1, "from")) {
			/* the header of the pair layout */
		} else if (first && header_is(rec, 0, "date")) {
			res->ecb = true;
			codes = g_malloc0(4 * rec->n);
			for (size_t i = 1; ok && i < rec->n; i++) {
				g_autofree char *t = g_strstrip(g_strdup(rec->f[i]));
				if (*t == '\0' && i == rec->n - 1)
					break; /* the trailing comma */
				char *code = codes + 4 * ncodes;
				ok = gig_currency_normalize(code, t, error);
				if (ok && strcmp(code, "EUR") == 0) {
					g_set_error(
					    error, GIG_ERROR, GIG_ERROR_INVALID_INPUT,
					    "EUR is the base of the ECB layout, not a column");
					ok = false;
				}
				ncodes++;
			}
			if (ok && ncodes == 0) {
				g_set_error(error, GIG_ERROR, GIG_ERROR_INVALID_INPUT,
				            "a header with no currency after Date");
				ok = false;
			}
		} else {
			res->rows++;
			ok = res->ecb ? ecb_row(db, rec, codes, ncodes, res, error)
			              : pair_row(db, rec, res, error);
		}
		if (!ok) {
			g_prefix_error(error, "%s:%" PRId64 ": ", path, rec->line);
			return false;
		}
		if (gig__cancelled(error))
			return false;
		first = false;
	}
	if (res->rows == 0) {
		g_set_error(error, GIG_ERROR, GIG_ERROR_INVALID_INPUT, "%s: no rates in the file",
		            path);
		return false;
	}
	return true;
}

bool
gig_ledger_rates_import(gig_ledger *ledger, const char *path, gig_rates_import_result *out,
                        GError **error)
{
	g_autoptr(gig__csv_reader) r = NULL;
	if (!gig__csv_open(&r, path, NULL, error) || !gig__csv_rewind(r, ',', error))
		return false;
	sqlite3 *db = gig__ledger_db(ledger);
	gig_rates_import_result res = {0};
	if (!gig__tx_begin(db, error))
		return false;
	bool ok = import_records(db, r, path, &res, error);
	if (!gig__tx_end(db, ok, error))
		return false;
	*out = res;
	return true;
}

static void
rate_from_row(gig_rate *r, sqlite3_stmt *st)
{
	r->on = gig__column_date(st, 0);
	g_strlcpy(r->base, (const char *)sqlite3_column_text(st, 1), sizeof r->base);
	g_strlcpy(r->quote, (const char *)sqlite3_column_text(st, 2), sizeof r->quote);
	g_strlcpy(r->rate, (const char *)sqlite3_column_text(st, 3), sizeof r->rate);
}

bool
gig_ledger_rates(gig_ledger *ledger, GPtrArray **out, GError **error)
{
	sqlite3 *db = gig__ledger_db(ledger);
	g_autoptr(sqlite3_stmt) st = NULL;
	if (!gig__db_prepare(db,
	                     "SELECT on_date, base, quote, rate, source FROM rates"
	                     " ORDER BY base, quote, on_date",
	                     &st, error))
		return false;
	g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func((GDestroyNotify)gig_rate_free);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		gig_rate *r = g_new0(gig_rate, 1);
		rate_from_row(r, st);
		r->source = g_strdup((const char *)sqlite3_column_text(st, 4));
		g_ptr_array_add(list, r);
	}
	if (rc != SQLITE_DONE)
		return gig__db_fail(db, rc, "listing rates", error);
	*out = g_steal_pointer(&list);
	return true;
}

/* ---- conversion ---- */

/* The latest stored rate base->quote on or before `on`: *found says whether one exists. */
static bool
latest(sqlite3 *db, const char *base, const char *quote, gig_date on, gig_rate *out, bool *found,
       GError **error)
{
	g_autoptr(sqlite3_stmt) st = NULL;
	if (!gig__db_prepare(
	        db,
	        "SELECT on_date, base, quote, rate FROM rates WHERE base = ? AND quote = ?"
	        " AND on_date <= ? ORDER BY on_date DESC LIMIT 1",
	        &st, error))
		return false;
	gig__bind_text_copy(st, 1, base);
	gig__bind_text_copy(st, 2, quote);
	gig__bind_date(st, 3, on);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		memset(out, 0, sizeof *out);
		rate_from_row(out, st);
		*found = true;
		return true;
	}
	if (rc != SQLITE_DONE)
		return gig__db_fail(db, rc, "reading rates", error);
	*found = false;
	return true;
}

/* The latest a->b rate, direct or inverse (direct on a tie). */
static bool
best_leg(sqlite3 *db, const char *a, const char *b, gig_date on, gig_rate *out, bool *inverted,
         bool *found, GError **error)
{
	gig_rate d = {0}, i = {0};
	bool fd = false, fi = false;
	if (!latest(db, a, b, on, &d, &fd, error) || !latest(db, b, a, on, &i, &fi, error))
		return false;
	*found = fd || fi;
	if (fd && (!fi || d.on >= i.on)) {
		*out = d;
		*inverted = false;
	} else if (fi) {
		*out = i;
		*inverted = true;
	}
	return true;
}

/* The first date with any rate between a and b (either way), or GIG_DATE_NONE. */
static bool
first_date(sqlite3 *db, const char *a, const char *b, gig_date *out, GError **error)
{
	g_autoptr(sqlite3_stmt) st = NULL;
	if (!gig__db_prepare(db,
	                     "SELECT min(on_date) FROM rates WHERE (base = ?1 AND quote = ?2)"
	                     " OR (base = ?2 AND quote = ?1)",
	                     &st, error))
		return false;
	gig__bind_text_copy(st, 1, a);
	gig__bind_text_copy(st, 2, b);
	int rc = sqlite3_step(st);
	if (rc != SQLITE_ROW)
		return gig__db_fail(db, rc, "reading rates", error);
	*out = gig__column_date(st, 0);
	return true;
}

static bool
leg_of(gig_rate_leg *leg, const gig_rate *r, bool inverted, GError **error)
{
	leg->invert = inverted;
	return gig_rate_parse(&leg->num, &leg->scale, NULL, r->rate, error);
}

bool
gig_convert(gig_ledger *ledger, int64_t amount_minor, const char *from, const char *to, gig_date on,
            gig_conversion *out, GError **error)
{
	char f[4], t[4];
	if (!gig_currency_normalize(f, from, error) || !gig_currency_normalize(t, to, error))
		return false;
	if (!gig_amount_ok(amount_minor)) {
		g_set_error(error, GIG_ERROR, GIG_ERROR_OVERFLOW, "amount out of range");
		return false;
	}
	gig_conversion c = {0};
	g_strlcpy(c.currency, t, sizeof c.currency);
	c.rate_on = GIG_DATE_NONE;
	if (strcmp(f, t) == 0) {
		c.minor = amount_minor;
		*out = c;
		return true;
	}
	sqlite3 *db = gig__ledger_db(ledger);
	gig_rate direct, l1, l2;
	bool dinv = false, inv1 = false, inv2 = false, fd = false, f1 = false, f2 = false;
	if (!best_leg(db, f, t, on, &direct, &dinv, &fd, error))
		return false;
	if (strcmp(f, "EUR") != 0 && strcmp(t, "EUR") != 0 &&
	    (!best_leg(db, f, "EUR", on, &l1, &inv1, &f1, error) ||
	     !best_leg(db, "EUR", t, on, &l2, &inv2, &f2, error)))
		return false;
	bool cross = f1 && f2;
	gig_date cross_on = cross ? MIN(l1.on, l2.on) : GIG_DATE_NONE;
	if (fd && (!cross || direct.on >= cross_on)) {
		c.n_legs = 1;
		c.legs[0] = direct;
		c.inverted[0] = dinv;
		c.rate_on = direct.on;
	} else if (cross) {
		c.n_legs = 2;
		c.legs[0] = l1;
		c.inverted[0] = inv1;
		c.legs[1] = l2;
		c.inverted[1] = inv2;
		c.rate_on = cross_on;
	} else {
		char d[GIG_DATE_BUFSZ], fdate[GIG_DATE_BUFSZ];
		gig_date first = GIG_DATE_NONE;
		if (!first_date(db, f, t, &first, error))
			return false;
		g_autofree char *later = first != GIG_DATE_NONE
		                             ? g_strdup_printf(" (the first %s/%s rate is on %s)",
		                                               f, t, gig_date_format(fdate, first))
		                             : g_strdup("");
		g_set_error(
		    error, GIG_ERROR, GIG_ERROR_NOT_FOUND,
		    "no %s->%s exchange rate on or before %s%s; import rates with `gig rates "
		    "import FILE` (for example the ECB's eurofxref-hist.csv, rates against EUR) "
		    "or set one with `gig rates set %s %s RATE --on DATE`",
		    f, t, gig_date_format(d, on), later, f, t);
		return false;
	}
	gig_rate_leg legs[2];
	for (int i = 0; i < c.n_legs; i++)
		if (!leg_of(&legs[i], &c.legs[i], c.inverted[i], error))
			return false;
	if (!gig_rate_apply(&c.minor, amount_minor, gig_currency_exponent(f),
	                    gig_currency_exponent(t), legs, c.n_legs, error))
		return false;
	*out = c;
	return true;
}

char *
gig_conversion_describe(const gig_conversion *c)
{
	if (c->n_legs == 0)
		return g_strdup("same currency");
	GString *s = g_string_new(NULL);
	for (int i = 0; i < c->n_legs; i++) {
		char d[GIG_DATE_BUFSZ];
		g_string_append_printf(s, "%s1 %s = %s %s on %s", i > 0 ? "; " : "",
		                       c->legs[i].base, c->legs[i].rate, c->legs[i].quote,
		                       gig_date_format(d, c->legs[i].on));
	}
	if (c->n_legs == 2)
		g_string_append(s, " (cross via EUR)");
	else if (c->inverted[0])
		g_string_append(s, " (inverted)");
	return g_string_free(s, FALSE);
}

bool
gig_ledger_accounts_outside(gig_ledger *ledger, const char *currency, gig_date from, gig_date to,
                            GPtrArray **out, GError **error)
{
	sqlite3 *db = gig__ledger_db(ledger);
	g_autoptr(GPtrArray) all = NULL;
	g_autoptr(sqlite3_stmt) st = NULL;
	if (!gig_ledger_accounts(ledger, &all, error) ||
	    !gig__db_prepare(db,
	                     "SELECT 1 FROM transactions WHERE account_id = ?1 AND pending = 0"
	                     " AND (?2 IS NULL OR posted_on >= ?2)"
	                     " AND (?3 IS NULL OR posted_on <= ?3) LIMIT 1",
	                     &st, error))
		return false;
	g_autoptr(GPtrArray) list =
	    g_ptr_array_new_with_free_func((GDestroyNotify)gig_account_free);
	for (guint i = 0; i < all->len; i++) {
		gig_account *a = all->pdata[i];
		if (strcmp(a->currency, currency) == 0)
			continue;
		sqlite3_reset(st);
		sqlite3_bind_int64(st, 1, a->id);
		gig__bind_date(st, 2, from);
		gig__bind_date(st, 3, to);
		int rc = sqlite3_step(st);
		if (rc != SQLITE_ROW && rc != SQLITE_DONE)
			return gig__db_fail(db, rc, "reading accounts", error);
		if (rc == SQLITE_ROW)
			g_ptr_array_add(list, g_steal_pointer(&all->pdata[i]));
	}
	*out = g_steal_pointer(&list);
	return true;
}
