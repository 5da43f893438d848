/*
 * scenario.c: the what-if SPEC grammar (scenario.h) and the named scenarios kept in the
 * ledger (sql/0014_scenarios.sql).
 */
#include <errno.h>
#include <math.h>
#include <string.h>

#include "gigledger/scenario.h"

#include "db.h"
#include "internal.h"

/* the examples every parse error ends with */
static const char forms[] = "e.g. income-20%, rent+150/month from 2027-01, gig 2400 2027-03; "
                            "'gig runway --help' lists every form";

static bool
bad(GError **error, const char *text, const char *what)
{
	g_autofree char *shown = gig_text_visible(text);
	g_set_error(error, GIG_ERROR, GIG_ERROR_INVALID_INPUT, "what-if '%s': %s (%s)", shown, what,
	            forms);
	return false;
}

/* YYYY-MM into a month index */
static bool
parse_month(const char *s, int *out)
{
	int y, m;
	char tail;
	if (strlen(s) != 7 || s[4] != '-' || sscanf(s, "%4d-%2d%c", &y, &m, &tail) != 2 ||
	    !g_ascii_isdigit(s[0]) || !g_ascii_isdigit(s[5]) || !g_ascii_isdigit(s[6]) ||
	    y < 1900 || y > 9999 || m < 1 || m > 12)
		return false;
	gig_date d;
	if (!gig_date_from_ymd(&d, y, m, 1))
		return false;
	*out = gig_date_month_index(d);
	return true;
}

/* A positive percentage, at most 1000 */
static bool
parse_percent(const char *s, double *out)
{
	char *end;
	errno = 0;
	double v = g_ascii_strtod(s, &end);
	if (end == s || *end != '\0' || errno != 0 || !isfinite(v) || !(v > 0) || v > 1000 ||
	    !g_ascii_isdigit(*s))
		return false;
	*out = v;
	return true;
}

static bool
parse_amount(const char *s, int exponent, int64_t *out)
{
	int64_t v;
	if (*s == '\0' || *s == '-' || *s == '+' || !gig_money_parse(&v, s, exponent, NULL) ||
	    v <= 0)
		return false;
	*out = v;
	return true;
}

/* "from M" in words[i..]: consumes it; false when something else is there */
/* The sign of a NAME+VALUE change: the last '+' or '-' that a digit (or the '.'
 * of a number) follows; NULL when there is none. */
static const char *
change_sign(const char *k)
{
	const char *sign = NULL;
	for (const char *p = k; *p; p++)
		if ((*p == '+' || *p == '-') && (g_ascii_isdigit(p[1]) || p[1] == '.'))
			sign = p;
	return sign;
}

static bool
parse_from(char **words, size_t *i, int *from)
{
	*from = GIG_WHATIF_OPEN_FROM;
	if (words[*i] == NULL)
		return true;
	if (g_ascii_strcasecmp(words[*i], "from") != 0 || words[*i + 1] == NULL ||
	    !parse_month(words[*i + 1], from))
		return false;
	*i += 2;
	return true;
}

bool
gig_whatif_parse(const char *text, int exponent, gig_whatif *out, GError **error)
{
	g_return_val_if_fail(out != NULL, false);
	memset(out, 0, sizeof *out);
	out->from = GIG_WHATIF_OPEN_FROM;
	out->to = GIG_WHATIF_OPEN_TO;
	if (text == NULL || !g_utf8_validate(text, -1, NULL))
		return bad(error, text ? "(not UTF-8)" : "", "not text");
	g_auto(GStrv) raw = g_strsplit_set(text, " \t", -1);
	g_autoptr(GPtrArray) w = g_ptr_array_new();
	for (size_t i = 0; raw[i]; i++)
		if (*raw[i])
			g_ptr_array_add(w, raw[i]);
	if (w->len == 0)
		return bad(error, text, "empty");
	g_ptr_array_add(w, NULL);
	char **words = (char **)w->pdata;
	const char *k = words[0];
	size_t i = 1;

	if (g_ascii_strcasecmp(k, "gig") == 0 || g_ascii_strcasecmp(k, "spend") == 0) {
		bool gig = g_ascii_strcasecmp(k, "gig") == 0;
		out->kind = gig ? GIG_WHATIF_GIG : GIG_WHATIF_SPEND;
		if (words[1] == NULL || !parse_amount(words[1], exponent, &out->amount_minor))
			return bad(error, text, "wants a positive amount after the keyword");
		if (words[2] == NULL || !parse_month(words[2], &out->from))
			return bad(error, text, "wants the month as YYYY-MM after the amount");
		out->to = out->from;
		if (words[3] != NULL) {
			if (gig)
				return bad(error, text, "unexpected words after the month");
			out->label = g_strjoinv(" ", words + 3);
		}
		return true;
	}
	if (g_ascii_strcasecmp(k, "lose-stream") == 0) {
		out->kind = GIG_WHATIF_LOSE_STREAM;
		if (words[1] == NULL || g_ascii_strcasecmp(words[1], "from") == 0)
			return bad(error, text, "wants the stream's name");
		i = 2;
		if (!parse_from(words, &i, &out->from) || words[i] != NULL)
			return bad(error, text, "only 'from YYYY-MM' may follow the stream");
		out->label = g_strdup(words[1]);
		return true;
	}
	if (g_ascii_strcasecmp(k, "pause") == 0) {
		out->kind = GIG_WHATIF_PAUSE;
		const char *range = words[1];
		const char *dots = range ? strstr(range, "..") : NULL;
		g_autofree char *first =
		    range ? g_strndup(range, dots ? (gsize)(dots - range) : strlen(range)) : NULL;
		if (range == NULL || words[2] != NULL || !parse_month(first, &out->from) ||
		    (dots && !parse_month(dots + 2, &out->to)))
			return bad(error, text, "wants YYYY-MM or YYYY-MM..YYYY-MM");
		if (!dots)
			out->to = out->from;
		if (out->to < out->from)
			return bad(error, text, "the range ends before it starts");
		return true;
	}

	/* NAME+VALUE or NAME -VALUE: the sign is the last '+' or '-' followed by a digit,
	 * so a name may hold dashes ("car-insurance+50/month") */
	g_autofree char *joined = NULL;
	const char *sign = change_sign(k);
	if (sign == NULL && words[1] != NULL && (words[1][0] == '+' || words[1][0] == '-')) {
		joined = g_strconcat(k, words[1], NULL);
		k = joined;
		sign = change_sign(k);
		i = 2;
	}
	if (sign == NULL || sign == k)
		return bad(error, text, "unknown form");
	g_autofree char *name = g_strndup(k, (gsize)(sign - k));
	g_autofree char *value = g_strdup(sign + 1);
	bool minus = *sign == '-';
	size_t vlen = strlen(value);
	bool income = g_ascii_strcasecmp(name, "income") == 0;
	bool expense =
	    g_ascii_strcasecmp(name, "expense") == 0 || g_ascii_strcasecmp(name, "expenses") == 0;
	if (!parse_from(words, &i, &out->from) || words[i] != NULL)
		return bad(error, text, "only 'from YYYY-MM' may follow the change");
	if (vlen > 0 && value[vlen - 1] == '%') {
		value[vlen - 1] = '\0';
		if (!income && !expense)
			return bad(error, text, "a percentage applies to income or expense only");
		if (!parse_percent(value, &out->percent))
			return bad(error, text, "wants a percentage above 0 and at most 1000");
		if (minus && out->percent > 100)
			return bad(error, text, "cannot take away more than 100 %");
		out->percent = minus ? -out->percent : out->percent;
		out->kind = income ? GIG_WHATIF_INCOME_PERCENT : GIG_WHATIF_EXPENSE_PERCENT;
		return true;
	}
	char *slash = strchr(value, '/');
	if (slash != NULL) {
		if (g_ascii_strcasecmp(slash, "/month") != 0)
			return bad(error, text, "the only rate is /month");
		*slash = '\0';
	} else if (income) {
		return bad(error, text, "an income change wants /month (a one-off fee is 'gig')");
	}
	if (!parse_amount(value, exponent, &out->amount_minor))
		return bad(error, text, "wants a positive amount after the sign");
	if (minus)
		out->amount_minor = -out->amount_minor;
	out->kind = income ? GIG_WHATIF_INCOME_MONTHLY : GIG_WHATIF_EXPENSE_MONTHLY;
	if (!income)
		out->label = g_strdup(name);
	return true;
}

void
gig_whatif_clear(gig_whatif *w)
{
	if (w == NULL)
		return;
	g_free(w->label);
	w->label = NULL;
}

/* ---- the ledger's named scenarios ---- */

void
gig_saved_scenario_free(gig_saved_scenario *s)
{
	if (s == NULL)
		return;
	g_free(s->name);
	g_strfreev(s->specs);
	g_free(s);
}

static bool
name_ok(const char *name, GError **error)
{
	glong len = name && g_utf8_validate(name, -1, NULL) ? g_utf8_strlen(name, -1) : 0;
	bool ctl = false;
	for (const char *p = name; len > 0 && *p; p++)
		ctl |= (unsigned char)*p < 0x20 || *p == 0x7f;
	if (len < 1 || len > 64 || ctl) {
		g_set_error(error, GIG_ERROR, GIG_ERROR_INVALID_INPUT,
		            "a scenario name is 1 to 64 characters of text, without control "
		            "characters");
		return false;
	}
	return true;
}

bool
gig_ledger_scenario_add(gig_ledger *ledger, const char *name, const char *const *specs, size_t n,
                        GError **error)
{
	g_autofree char *clean = name ? g_strstrip(g_strdup(name)) : NULL;
	if (!name_ok(clean, error))
		return false;
	if (n == 0 || specs == NULL) {
		g_set_error(error, GIG_ERROR, GIG_ERROR_INVALID_INPUT,
		            "a scenario needs at least one what-if SPEC");
		return false;
	}
	int exponent = gig_currency_exponent(gig_ledger_base_currency(ledger));
	for (size_t i = 0; i < n; i++) {
		gig_whatif w;
		if (!gig_whatif_parse(specs[i], exponent < 0 ? 2 : exponent, &w, error))
			return false;
		gig_whatif_clear(&w);
	}
	sqlite3 *db = gig__ledger_db(ledger);
	if (!gig__tx_begin(db, error))
		return false;
	g_autoptr(sqlite3_stmt) st = NULL;
	bool ok = gig__db_prepare(db, "INSERT INTO scenarios(name) VALUES (?)", &st, error);
	if (ok) {
		sqlite3_bind_text(st, 1, clean, -1, SQLITE_STATIC);
		int rc = sqlite3_step(st);
		if (rc == SQLITE_CONSTRAINT_UNIQUE) {
			g_autofree char *shown = gig_text_visible(clean);
			g_set_error(
			    error, GIG_ERROR, GIG_ERROR_DUPLICATE,
			    "a scenario named '%s' already exists ('gig scenario rm' it first)",
			    shown);
			ok = false;
		} else if (rc != SQLITE_DONE) {
			ok = gig__db_fail(db, rc, "adding the scenario", error);
		}
	}
	int64_t id = sqlite3_last_insert_rowid(db);
	g_autoptr(sqlite3_stmt) sp = NULL;
	if (ok)
		ok = gig__db_prepare(db,
		                     "INSERT INTO scenario_specs(scenario_id, position, spec)"
		                     " VALUES (?,?,?)",
		                     &sp, error);
	for (size_t i = 0; ok && i < n; i++) {
		sqlite3_reset(sp);
		sqlite3_bind_int64(sp, 1, id);
		sqlite3_bind_int64(sp, 2, (sqlite3_int64)i);
		sqlite3_bind_text(sp, 3, specs[i], -1, SQLITE_STATIC);
		int rc = sqlite3_step(sp);
		if (rc != SQLITE_DONE)
			ok = gig__db_fail(db, rc, "adding the scenario's specs", error);
	}
	return gig__tx_end(db, ok, error);
}

/* Reads the scenarios named @name (NULL: all) into @list. */
static bool
read_scenarios(sqlite3 *db, const char *name, GPtrArray *list, GError **error)
{
	g_autoptr(sqlite3_stmt) st = NULL;
	if (!gig__db_prepare(db,
	                     "SELECT s.id, s.name, p.spec FROM scenarios s"
	                     " JOIN scenario_specs p ON p.scenario_id = s.id"
	                     " WHERE ?1 IS NULL OR s.name = ?1 COLLATE NOCASE"
	                     " ORDER BY s.name COLLATE NOCASE, s.id, p.position",
	                     &st, error))
		return false;
	if (name)
		sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	gig_saved_scenario *cur = NULL;
	g_autoptr(GPtrArray) specs = NULL;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(st, 0);
		if (cur == NULL || cur->id != id) {
			if (cur != NULL) {
				g_ptr_array_add(specs, NULL);
				cur->specs =
				    (char **)g_ptr_array_free(g_steal_pointer(&specs), false);
			}
			cur = g_new0(gig_saved_scenario, 1);
			cur->id = id;
			cur->name = g_strdup((const char *)sqlite3_column_text(st, 1));
			g_ptr_array_add(list, cur);
			specs = g_ptr_array_new();
		}
		g_ptr_array_add(specs, g_strdup((const char *)sqlite3_column_text(st, 2)));
		cur->n_specs++;
	}
	if (cur != NULL) {
		g_ptr_array_add(specs, NULL);
		cur->specs = (char **)g_ptr_array_free(g_steal_pointer(&specs), false);
	}
	if (rc != SQLITE_DONE)
		return gig__db_fail(db, rc, "reading scenarios", error);
	return true;
}

bool
gig_ledger_scenario_list(gig_ledger *ledger, GPtrArray **out, GError **error)
{
	g_autoptr(GPtrArray) list =
	    g_ptr_array_new_with_free_func((GDestroyNotify)gig_saved_scenario_free);
	if (!read_scenarios(gig__ledger_db(ledger), NULL, list, error))
		return false;
	*out = g_steal_pointer(&list);
	return true;
}

bool
gig_ledger_scenario_get(gig_ledger *ledger, const char *name, gig_saved_scenario **out,
                        GError **error)
{
	g_autoptr(GPtrArray) list =
	    g_ptr_array_new_with_free_func((GDestroyNotify)gig_saved_scenario_free);
	if (!read_scenarios(gig__ledger_db(ledger), name ? name : "", list, error))
		return false;
	if (list->len == 0) {
		g_autofree char *shown = gig_text_visible(name ? name : "");
		g_set_error(error, GIG_ERROR, GIG_ERROR_NOT_FOUND,
		            "no scenario named '%s'; 'gig scenario list' shows them", shown);
		return false;
	}
	*out = g_ptr_array_steal_index(list, 0);
	return true;
}

bool
gig_ledger_scenario_remove(gig_ledger *ledger, const char *name, GError **error)
{
	sqlite3 *db = gig__ledger_db(ledger);
	if (!gig__tx_begin(db, error))
		return false;
	g_autoptr(sqlite3_stmt) sp = NULL, st = NULL;
	bool ok =
	    gig__db_prepare(db,
	                    "DELETE FROM scenario_specs WHERE scenario_id IN"
	                    " (SELECT id FROM scenarios WHERE name = ? COLLATE NOCASE)",
	                    &sp, error) &&
	    gig__db_prepare(db, "DELETE FROM scenarios WHERE name = ? COLLATE NOCASE", &st, error);
	if (ok) {
		sqlite3_bind_text(sp, 1, name ? name : "", -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 1, name ? name : "", -1, SQLITE_STATIC);
		int rc = sqlite3_step(sp);
		if (rc == SQLITE_DONE)
			rc = sqlite3_step(st);
		if (rc != SQLITE_DONE) {
			ok = gig__db_fail(db, rc, "removing the scenario", error);
		} else if (sqlite3_changes(db) == 0) {
			g_autofree char *shown = gig_text_visible(name ? name : "");
			g_set_error(error, GIG_ERROR, GIG_ERROR_NOT_FOUND,
			            "no scenario named '%s'; 'gig scenario list' shows them",
			            shown);
			ok = false;
		}
	}
	return gig__tx_end(db, ok, error);
}
