/*
 * royalty_calendar.c: payer payout calendars (payers/NAME.ini) and the next expected
 * payout (royalty.h).
 *
 * The key file has one group [payer]:
 *   name=PRS for Music        display name; statements recorded under it match
 *   match=PRS;PERFORMING RIGHT  bank payee substrings (optional)
 *   currency=GBP
 *   cadence=monthly | quarterly
 *   months=4;7;10;12          payout months (quarterly: required; monthly: all)
 *   day=15                    payout day of the month (default 15; clamped)
 *   lag-days=180              a month's earnings are payable this long after it ends
 *   minimum=30.00             a smaller balance rolls over (default 0)
 *   source=...                where the values come from
 */
#include <string.h>

#include "gigledger/money.h"
#include "gigledger/royalty.h"

#include "internal.h"

void
gig_payer_calendar_free(gig_payer_calendar *c)
{
	if (c == NULL)
		return;
	g_free(c->id);
	g_free(c->name);
	g_strfreev(c->match);
	g_free(c->source);
	g_free(c->path);
	g_free(c);
}

static bool
bad(GError **error, const char *path, const char *what)
{
	g_autofree char *file = gig_text_visible(path);
	g_set_error(error, GIG_ERROR, GIG_ERROR_INVALID_INPUT, "%s: %s", file, what);
	return false;
}

bool
gig_payer_calendar_load(const char *path, gig_payer_calendar **out, GError **error)
{
	g_return_val_if_fail(path != NULL && out != NULL, false);
	g_autoptr(GKeyFile) kf = g_key_file_new();
	g_autoptr(GError) e = NULL;
	if (!g_key_file_load_from_file(kf, path, G_KEY_FILE_NONE, &e)) {
		g_autofree char *file = gig_text_visible(path);
		g_set_error(error, GIG_ERROR,
		            e->domain == G_FILE_ERROR ? GIG_ERROR_IO : GIG_ERROR_INVALID_INPUT,
		            "%s: %s", file, e->message);
		return false;
	}
	const char *g = "payer";
	g_autoptr(gig_payer_calendar) c = g_new0(gig_payer_calendar, 1);
	c->path = g_strdup(path);
	g_autofree char *base = g_path_get_basename(path);
	char *dot = strrchr(base, '.');
	if (dot)
		*dot = '\0';
	c->id = g_strdup(base);
	c->name = g_key_file_get_string(kf, g, "name", NULL);
	if (c->name == NULL || !*g_strstrip(c->name) || !g_utf8_validate(c->name, -1, NULL))
		return bad(error, path, "[payer] needs a name");
	gsize n = 0;
	char **match = g_key_file_get_string_list(kf, g, "match", &n, NULL);
	c->match = match ? match : g_new0(char *, 1);
	g_autofree char *cur = g_key_file_get_string(kf, g, "currency", NULL);
	if (cur == NULL || !gig_currency_normalize(c->currency, cur, NULL) ||
	    gig_currency_exponent(c->currency) < 0)
		return bad(error, path, "currency= must be a known ISO 4217 code");
	g_autofree char *cadence = g_key_file_get_string(kf, g, "cadence", NULL);
	if (cadence && g_ascii_strcasecmp(cadence, "monthly") == 0) {
		for (int i = 0; i < 12; i++)
			c->months[i] = true;
	} else if (cadence && g_ascii_strcasecmp(cadence, "quarterly") == 0) {
		gsize nm = 0;
		g_autofree gint *months = g_key_file_get_integer_list(kf, g, "months", &nm, NULL);
		if (months == NULL || nm == 0)
			return bad(error, path,
			           "cadence=quarterly needs months=, e.g. months=4;7;10;12");
		for (gsize i = 0; i < nm; i++) {
			if (months[i] < 1 || months[i] > 12)
				return bad(error, path, "months= are 1 to 12");
			c->months[months[i] - 1] = true;
		}
	} else {
		return bad(error, path, "cadence= must be monthly or quarterly");
	}
	c->day = 15;
	if (g_key_file_has_key(kf, g, "day", NULL)) {
		c->day = g_key_file_get_integer(kf, g, "day", &e);
		if (e || c->day < 1 || c->day > 31)
			return bad(error, path, "day= is a day of the month, 1 to 31");
	}
	if (g_key_file_has_key(kf, g, "lag-days", NULL)) {
		c->lag_days = g_key_file_get_integer(kf, g, "lag-days", &e);
		if (e || c->lag_days < 0 || c->lag_days > 3650)
			return bad(error, path, "lag-days= is 0 to 3650");
	}
	g_autofree char *min = g_key_file_get_string(kf, g, "minimum", NULL);
	if (min &&
	    (!gig_money_parse(&c->minimum_minor, min, gig_currency_exponent(c->currency), NULL) ||
	     c->minimum_minor < 0))
		return bad(error, path, "minimum= must be an amount of 0 or more");
	c->source = g_key_file_get_string(kf, g, "source", NULL);
	*out = g_steal_pointer(&c);
	return true;
}

bool
gig_payer_calendars_load(const char *const *dirs, GPtrArray **out, GError **error)
{
	g_return_val_if_fail(out != NULL, false);
	g_autoptr(GPtrArray) list =
	    g_ptr_array_new_with_free_func((GDestroyNotify)gig_payer_calendar_free);
	g_autoptr(GHashTable) seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	for (size_t i = 0; dirs && dirs[i]; i++) {
		g_autoptr(GDir) d = g_dir_open(dirs[i], 0, NULL);
		if (d == NULL)
			continue;
		g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func(g_free);
		const char *name;
		while ((name = g_dir_read_name(d)) != NULL)
			if (g_str_has_suffix(name, ".ini"))
				g_ptr_array_add(names, g_strdup(name));
		g_ptr_array_sort(names, (GCompareFunc)g_strcmp0);
		for (guint k = 0; k < names->len; k++) {
			const char *fn = names->pdata[k];
			g_autofree char *stem = g_strndup(fn, strlen(fn) - 4);
			if (g_hash_table_contains(seen, stem))
				continue;
			g_autofree char *path = g_build_filename(dirs[i], fn, NULL);
			gig_payer_calendar *c;
			if (!gig_payer_calendar_load(path, &c, error))
				return false;
			g_hash_table_add(seen, g_steal_pointer(&stem));
			g_ptr_array_add(list, c);
		}
	}
	*out = g_steal_pointer(&list);
	return true;
}

const gig_payer_calendar *
gig_payer_calendar_find(const GPtrArray *calendars, const char *payer)
{
	if (calendars == NULL || payer == NULL)
		return NULL;
	for (guint i = 0; i < calendars->len; i++) {
		const gig_payer_calendar *c = calendars->pdata[i];
		if (g_ascii_strcasecmp(c->id, payer) == 0 ||
		    g_ascii_strcasecmp(c->name, payer) == 0)
			return c;
	}
	return NULL;
}

bool
gig_royalty_next_payout(const gig_payer_calendar *cal, const gig_royalty_due *dues, size_t n,
                        gig_date from, gig_date *date, int64_t *amount)
{
	g_return_val_if_fail(cal != NULL && date != NULL && amount != NULL, false);
	int start = gig_date_month_index(from);
	for (int m = start; m < start + 37; m++) {
		if (!cal->months[((m % 12) + 12) % 12])
			continue;
		gig_date first = gig_date_month_start(m);
		int y, mo, d;
		gig_date_to_ymd(first, &y, &mo, &d);
		gig_date pay = first + MIN(cal->day, gig_date_days_in_month(y, mo)) - 1;
		if (pay < from)
			continue;
		int64_t payable = 0;
		for (size_t i = 0; i < n; i++) {
			gig_date month_end = gig_date_month_start(dues[i].month + 1) - 1;
			if (month_end + cal->lag_days <= pay)
				payable += dues[i].amount_minor;
		}
		if (payable > 0 && payable >= cal->minimum_minor) {
			*date = pay;
			*amount = payable;
			return true;
		}
	}
	return false;
}

size_t
gig_royalty_schedule(const gig_payer_calendar *cal, const gig_royalty_due *dues,
                     const int64_t *payable, size_t n, gig_date from, gig_date until,
                     gig_royalty_payout *out, size_t max)
{
	g_return_val_if_fail(cal != NULL && (n == 0 || dues != NULL), 0);
	/* the dues still unpaid, shrinking as each payout takes the ones it pays */
	gig_royalty_due *left = g_new0(gig_royalty_due, n + 1);
	int64_t *share = g_new0(int64_t, n + 1);
	size_t nl = n, made = 0;
	memcpy(left, dues, n * sizeof *dues);
	for (size_t i = 0; i < n; i++)
		share[i] = payable ? payable[i] : 0;
	while (made < max && nl > 0) {
		gig_date on;
		int64_t amount;
		if (!gig_royalty_next_payout(cal, left, nl, from, &on, &amount) || on > until)
			break;
		gig_royalty_payout p = {on, amount, 0};
		size_t keep = 0;
		for (size_t i = 0; i < nl; i++) {
			gig_date month_end = gig_date_month_start(left[i].month + 1) - 1;
			if (month_end + cal->lag_days <= on) {
				p.payable_minor += share[i];
				continue;
			}
			left[keep] = left[i];
			share[keep++] = share[i];
		}
		nl = keep;
		out[made++] = p;
		from = on + 1;
	}
	g_free(left);
	g_free(share);
	return made;
}
