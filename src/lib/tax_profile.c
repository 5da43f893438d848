/*
 * tax_profile.c: reading and checking tax/NAME.ini (GLib key files), and choosing the
 * profile the ledger's settings name.  Every number is parsed exactly from its decimal
 * text (never through a double); every refusal names the file, group and key.
 */
#include <string.h>

#include <glib.h>

#include "gigledger/money.h"
#include "gigledger/tax.h"

typedef struct {
	const char *path;
	GKeyFile *kf;
	const char *group;
} reader;

static bool G_GNUC_PRINTF(4, 5)
    bad(const reader *r, const char *key, GError **error, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	g_autofree char *msg = g_strdup_vprintf(fmt, ap);
	va_end(ap);
	g_set_error(error, GIG_ERROR, GIG_ERROR_INVALID_INPUT, "%s: [%s] %s: %s", r->path, r->group,
	            key, msg);
	return false;
}

/*
 * "12,400.50" / "-11135.63" / "914.51" to an integer scaled by 10^decimals, exactly;
 * more decimals than that is an error, as is anything but digits, one '.', grouping
 * commas and a leading '-'.
 */
static bool
parse_scaled(const char *text, int decimals, bool allow_negative, int64_t *out)
{
	const char *s = text;
	while (*s == ' ')
		s++;
	bool neg = false;
	if (*s == '-') {
		if (!allow_negative)
			return false;
		neg = true;
		s++;
	}
	int64_t v = 0;
	int digits = 0, frac = -1;
	int group = 0;        /* digits since the last comma */
	bool grouped = false; /* a comma was seen: every later group has three digits */
	for (; *s && *s != ' '; s++) {
		if (*s == ',' && frac < 0 && digits > 0) {
			if (grouped ? group != 3 : group > 3)
				return false;
			grouped = true;
			group = 0;
			continue;
		}
		if (*s == '.' && frac < 0) {
			if (grouped && group != 3)
				return false;
			frac = 0;
			continue;
		}
		if (frac < 0)
			group++;
		if (!g_ascii_isdigit(*s))
			return false;
		if (frac >= 0 && ++frac > decimals)
			return false;
		if (v > (INT64_MAX - 9) / 10)
			return false;
		v = v * 10 + (*s - '0');
		digits++;
	}
	while (*s == ' ')
		s++;
	if (*s || digits == 0 || (grouped && frac < 0 && group != 3))
		return false;
	for (int i = frac < 0 ? 0 : frac; i < decimals; i++) {
		if (v > INT64_MAX / 10)
			return false;
		v *= 10;
	}
	*out = neg ? -v : v;
	return true;
}

static bool
has(const reader *r, const char *key)
{
	return g_key_file_has_key(r->kf, r->group, key, NULL);
}

static char *
raw(const reader *r, const char *key)
{
	char *v = g_key_file_get_string(r->kf, r->group, key, NULL);
	if (v)
		g_strstrip(v);
	return v;
}

/* a percentage ("12.4") between 0 and max to ppm */
static bool
get_pct_max(const reader *r, const char *key, int64_t max, int64_t *out, GError **error)
{
	if (!has(r, key))
		return true;
	g_autofree char *v = raw(r, key);
	int64_t x;
	if (v == NULL || !parse_scaled(v, 4, false, &x) || x > max * 10000)
		return bad(r, key, error, "'%s' is not a percentage between 0 and %lld", v ? v : "",
		           (long long)max);
	*out = x;
	return true;
}

static bool
get_pct(const reader *r, const char *key, int64_t *out, GError **error)
{
	return get_pct_max(r, key, 100, out, error);
}

/* an amount in major units ("12,570" / "184500.00") to minor units (exponent 2) */
static bool
get_amount(const reader *r, const char *key, int64_t *out, GError **error)
{
	if (!has(r, key))
		return true;
	g_autofree char *v = raw(r, key);
	int64_t x;
	if (v == NULL || !parse_scaled(v, 2, false, &x) || x > GIG_AMOUNT_MAX)
		return bad(r, key, error, "'%s' is not an amount of 0 or more", v ? v : "");
	*out = x;
	return true;
}

static bool
parse_md(const char *s, int *month, int *day, int *offset)
{
	*offset = 0;
	while (*s == '+' && *offset < 3) {
		(*offset)++;
		s++;
	}
	if (strlen(s) != 5 || s[2] != '-' || !g_ascii_isdigit(s[0]) || !g_ascii_isdigit(s[1]) ||
	    !g_ascii_isdigit(s[3]) || !g_ascii_isdigit(s[4]))
		return false;
	int m = (s[0] - '0') * 10 + (s[1] - '0');
	int d = (s[3] - '0') * 10 + (s[4] - '0');
	/* 2024 is a leap year: 02-29 is a valid day of the year */
	if (m < 1 || m > 12 || d < 1 || d > gig_date_days_in_month(2024, m))
		return false;
	*month = m;
	*day = d;
	return true;
}

static bool
get_md(const reader *r, const char *key, int *month, int *day, GError **error)
{
	if (!has(r, key))
		return true;
	g_autofree char *v = raw(r, key);
	int off;
	if (v == NULL || !parse_md(v, month, day, &off) || off)
		return bad(r, key, error, "'%s' is not a day of the year MM-DD", v ? v : "");
	return true;
}

/* "FROM:PERCENT;FROM:PERCENT;..." with FROM strictly increasing, the first 0 */
static bool
get_brackets(const reader *r, const char *key, gig_tax_bracket *out, size_t *n, GError **error)
{
	if (!has(r, key))
		return true;
	gsize len = 0;
	g_auto(GStrv) items = g_key_file_get_string_list(r->kf, r->group, key, &len, NULL);
	if (items == NULL || len == 0)
		return bad(r, key, error, "no brackets");
	if (len > GIG_TAX_MAX_BRACKETS)
		return bad(r, key, error, "%zu brackets, at most %d", (size_t)len,
		           GIG_TAX_MAX_BRACKETS);
	for (gsize i = 0; i < len; i++) {
		g_auto(GStrv) kv = g_strsplit(items[i], ":", 3);
		int64_t from, rate;
		if (g_strv_length(kv) != 2 || !parse_scaled(kv[0], 2, false, &from) ||
		    !parse_scaled(kv[1], 4, false, &rate) || rate > 100 * 10000)
			return bad(r, key, error,
			           "bracket %zu '%s' is not FROM:PERCENT (a percentage 0 to 100)",
			           (size_t)i + 1, items[i]);
		if (i == 0 && from != 0)
			return bad(r, key, error, "the first bracket must start at 0");
		if (i > 0 && from <= out[i - 1].from_minor)
			return bad(r, key, error, "bracket %zu starts at or below the one before",
			           (size_t)i + 1);
		out[i].from_minor = from;
		out[i].rate_ppm = rate;
	}
	*n = len;
	return true;
}

/* "FROM:OFFSET:SCALE:A:B:C;..." (amounts in major units, coefficients to 6 decimals) */
static bool
get_zones(const reader *r, const char *key, gig_tax_profile *p, GError **error)
{
	gsize len = 0;
	g_auto(GStrv) items = g_key_file_get_string_list(r->kf, r->group, key, &len, NULL);
	if (items == NULL || len == 0)
		return bad(r, key, error, "schedule=zones needs zones");
	if (len > GIG_TAX_MAX_ZONES)
		return bad(r, key, error, "%zu zones, at most %d", (size_t)len, GIG_TAX_MAX_ZONES);
	for (gsize i = 0; i < len; i++) {
		g_auto(GStrv) f = g_strsplit(items[i], ":", 7);
		gig_tax_zone *z = &p->zones[i];
		if (g_strv_length(f) != 6 || !parse_scaled(f[0], 2, false, &z->from_minor) ||
		    !parse_scaled(f[1], 2, false, &z->offset_minor) ||
		    !parse_scaled(f[2], 2, false, &z->scale_minor) || z->scale_minor <= 0 ||
		    !parse_scaled(f[3], 6, true, &z->a_micro) ||
		    !parse_scaled(f[4], 6, true, &z->b_micro) ||
		    !parse_scaled(f[5], 6, true, &z->c_micro))
			return bad(r, key, error,
			           "zone %zu '%s' is not FROM:OFFSET:SCALE:A:B:C (SCALE > 0)",
			           (size_t)i + 1, items[i]);
		if (i > 0 && z->from_minor <= p->zones[i - 1].from_minor)
			return bad(r, key, error, "zone %zu starts at or below the one before",
			           (size_t)i + 1);
	}
	p->n_zones = len;
	return true;
}

static bool
get_text(const reader *r, const char *key, char *out, size_t size, GError **error)
{
	if (!has(r, key))
		return true;
	g_autofree char *v = raw(r, key);
	if (v == NULL || !g_utf8_validate(v, -1, NULL) || strlen(v) >= size)
		return bad(r, key, error, "not UTF-8 text of at most %zu bytes", size - 1);
	g_strlcpy(out, v, size);
	return true;
}

static bool
check_keys(const reader *r, const char *const *allowed, GError **error)
{
	g_auto(GStrv) keys = g_key_file_get_keys(r->kf, r->group, NULL, NULL);
	for (size_t i = 0; keys && keys[i]; i++)
		if (!g_strv_contains(allowed, keys[i]))
			return bad(r, keys[i], error, "unknown key");
	return true;
}

static const char *const groups[] = {"profile",   "income_tax", "social",
                                     "surcharge", "payments",   NULL};
static const char *const k_profile[] = {
    "name", "title", "currency", "year_start", "prior_year_payments_until", "source", "note", NULL};
static const char *const k_income[] = {"schedule",
                                       "rate",
                                       "standard_deduction",
                                       "allowance",
                                       "allowance_taper_from",
                                       "allowance_taper",
                                       "brackets",
                                       "zones",
                                       "whole_units",
                                       "source",
                                       "note",
                                       NULL};
static const char *const k_social[] = {"name",       "base",   "minimum", "brackets",
                                       "deductible", "source", "note",    NULL};
static const char *const k_surcharge[] = {"name", "rate", "exempt_up_to", "taper", "source",
                                          "note", NULL};
static const char *const k_payments[] = {"method",
                                         "due",
                                         "safe_harbour_last_year",
                                         "safe_harbour_high_income",
                                         "safe_harbour_high_agi",
                                         "safe_harbour_this_year",
                                         "payment_on_account",
                                         "threshold",
                                         "source",
                                         "note",
                                         NULL};

static bool
load_profile_group(reader *r, gig_tax_profile *p, GError **error)
{
	r->group = "profile";
	if (!g_key_file_has_group(r->kf, "profile"))
		return bad(r, "name", error, "the group [profile] is missing");
	if (!check_keys(r, k_profile, error) ||
	    !get_text(r, "name", p->name, sizeof p->name, error) ||
	    !get_text(r, "title", p->title, sizeof p->title, error))
		return false;
	if (has(r, "currency")) {
		g_autofree char *v = raw(r, "currency");
		if (v == NULL || !gig_currency_normalize(p->currency, v, NULL))
			return bad(r, "currency", error, "'%s' is not a currency code", v ? v : "");
		if (gig_currency_exponent(p->currency) != 2)
			return bad(r, "currency", error,
			           "only currencies with cents are supported");
	}
	if (!get_md(r, "year_start", &p->year_start_month, &p->year_start_day, error) ||
	    !get_md(r, "prior_year_payments_until", &p->prior_until_month, &p->prior_until_day,
	            error))
		return false;
	return true;
}

static bool
load_income_group(reader *r, gig_tax_profile *p, GError **error)
{
	r->group = "income_tax";
	if (!g_key_file_has_group(r->kf, r->group))
		return bad(r, "schedule", error, "the group [income_tax] is missing");
	if (!check_keys(r, k_income, error))
		return false;
	g_autofree char *sched = raw(r, "schedule");
	if (sched == NULL)
		return bad(r, "schedule", error, "missing (flat, brackets or zones)");
	if (strcmp(sched, "flat") == 0)
		p->schedule = GIG_TAX_SCHEDULE_FLAT;
	else if (strcmp(sched, "brackets") == 0)
		p->schedule = GIG_TAX_SCHEDULE_BRACKETS;
	else if (strcmp(sched, "zones") == 0)
		p->schedule = GIG_TAX_SCHEDULE_ZONES;
	else
		return bad(r, "schedule", error, "'%s' is not flat, brackets or zones", sched);
	if (!get_pct(r, "rate", &p->flat_ppm, error) ||
	    !get_amount(r, "standard_deduction", &p->deduction_minor, error) ||
	    !get_amount(r, "allowance", &p->allowance_minor, error) ||
	    !get_amount(r, "allowance_taper_from", &p->taper_from_minor, error) ||
	    !get_pct(r, "allowance_taper", &p->taper_ppm, error) ||
	    !get_brackets(r, "brackets", p->brackets, &p->n_brackets, error))
		return false;
	if (p->schedule == GIG_TAX_SCHEDULE_FLAT && !has(r, "rate"))
		return bad(r, "rate", error, "schedule=flat needs a rate");
	if (p->schedule == GIG_TAX_SCHEDULE_BRACKETS && p->n_brackets == 0)
		return bad(r, "brackets", error, "schedule=brackets needs brackets");
	if (p->schedule == GIG_TAX_SCHEDULE_ZONES && !get_zones(r, "zones", p, error))
		return false;
	if (has(r, "whole_units")) {
		g_autoptr(GError) local = NULL;
		p->whole_units = g_key_file_get_boolean(r->kf, r->group, "whole_units", &local);
		if (local)
			return bad(r, "whole_units", error, "not true or false");
	}
	return true;
}

static bool
load_social_groups(reader *r, gig_tax_profile *p, GError **error)
{
	r->group = "social";
	if (g_key_file_has_group(r->kf, r->group)) {
		p->social_base_ppm = GIG_TAX_PPM;
		if (!check_keys(r, k_social, error) ||
		    !get_text(r, "name", p->social_name, sizeof p->social_name, error) ||
		    !get_pct(r, "base", &p->social_base_ppm, error) ||
		    !get_amount(r, "minimum", &p->social_min_minor, error) ||
		    !get_brackets(r, "brackets", p->social, &p->n_social, error) ||
		    !get_pct(r, "deductible", &p->social_deductible_ppm, error))
			return false;
		if (p->n_social == 0)
			return bad(r, "brackets", error, "[social] needs brackets");
	}
	r->group = "surcharge";
	if (g_key_file_has_group(r->kf, r->group)) {
		if (!check_keys(r, k_surcharge, error) ||
		    !get_text(r, "name", p->surcharge_name, sizeof p->surcharge_name, error) ||
		    !get_pct(r, "rate", &p->surcharge_ppm, error) ||
		    !get_amount(r, "exempt_up_to", &p->surcharge_exempt_minor, error) ||
		    !get_pct(r, "taper", &p->surcharge_taper_ppm, error))
			return false;
		if (!has(r, "rate"))
			return bad(r, "rate", error, "[surcharge] needs a rate");
	}
	return true;
}

static bool
load_payments_group(reader *r, gig_tax_profile *p, GError **error)
{
	r->group = "payments";
	if (!g_key_file_has_group(r->kf, r->group))
		return true;
	if (!check_keys(r, k_payments, error))
		return false;
	g_autofree char *method = raw(r, "method");
	if (method == NULL || strcmp(method, "none") == 0)
		p->pay_rule = GIG_TAX_PAY_NONE;
	else if (strcmp(method, "us") == 0)
		p->pay_rule = GIG_TAX_PAY_US;
	else if (strcmp(method, "uk") == 0)
		p->pay_rule = GIG_TAX_PAY_UK;
	else if (strcmp(method, "quarterly") == 0)
		p->pay_rule = GIG_TAX_PAY_QUARTERLY;
	else
		return bad(r, "method", error, "'%s' is not none, us, uk or quarterly", method);
	if (has(r, "due")) {
		gsize len = 0;
		g_auto(GStrv) items =
		    g_key_file_get_string_list(r->kf, r->group, "due", &len, NULL);
		if (len > GIG_TAX_MAX_DUE)
			return bad(r, "due", error, "%zu dates, at most %d", (size_t)len,
			           GIG_TAX_MAX_DUE);
		for (gsize i = 0; i < len; i++) {
			g_strstrip(items[i]);
			gig_tax_due *d = &p->due[i];
			if (!parse_md(items[i], &d->month, &d->day, &d->year_offset))
				return bad(
				    r, "due", error,
				    "date %zu '%s' is not MM-DD, +MM-DD (next year) or ++MM-DD",
				    (size_t)i + 1, items[i]);
		}
		p->n_due = len;
	}
	size_t need = p->pay_rule == GIG_TAX_PAY_US ? 4 : p->pay_rule == GIG_TAX_PAY_UK ? 3 : 0;
	if (p->n_due < need)
		return bad(r, "due", error, "method=%s needs %zu due dates", method, need);
	return get_pct(r, "safe_harbour_last_year", &p->safe_last_ppm, error) &&
	       get_pct_max(r, "safe_harbour_high_income", 1000, &p->safe_high_ppm, error) &&
	       get_amount(r, "safe_harbour_high_agi", &p->safe_high_agi_minor, error) &&
	       get_pct(r, "safe_harbour_this_year", &p->safe_current_ppm, error) &&
	       get_pct(r, "payment_on_account", &p->poa_ppm, error) &&
	       get_amount(r, "threshold", &p->poa_threshold_minor, error);
}

bool
gig_tax_profile_load_file(gig_tax_profile *out, const char *path, GError **error)
{
	g_return_val_if_fail(out != NULL && path != NULL, false);
	g_autoptr(GKeyFile) kf = g_key_file_new();
	g_autoptr(GError) local = NULL;
	if (!g_key_file_load_from_file(kf, path, G_KEY_FILE_NONE, &local)) {
		int code = local->domain == G_FILE_ERROR ? GIG_ERROR_IO : GIG_ERROR_INVALID_INPUT;
		if (g_error_matches(local, G_FILE_ERROR, G_FILE_ERROR_NOENT))
			code = GIG_ERROR_NOT_FOUND;
		g_set_error(error, GIG_ERROR, code, "%s: %s", path, local->message);
		return false;
	}
	gig_tax_profile p;
	memset(&p, 0, sizeof p);
	p.year_start_month = 1;
	p.year_start_day = 1;
	reader r = {path, kf, "profile"};
	g_auto(GStrv) gs = g_key_file_get_groups(kf, NULL);
	for (size_t i = 0; gs && gs[i]; i++)
		if (!g_strv_contains(groups, gs[i])) {
			g_set_error(error, GIG_ERROR, GIG_ERROR_INVALID_INPUT,
			            "%s: [%s]: unknown group", path, gs[i]);
			return false;
		}
	if (!load_profile_group(&r, &p, error) || !load_income_group(&r, &p, error) ||
	    !load_social_groups(&r, &p, error) || !load_payments_group(&r, &p, error))
		return false;
	if (p.name[0] == '\0') {
		g_autofree char *base = g_path_get_basename(path);
		char *dot = strrchr(base, '.');
		if (dot)
			*dot = '\0';
		g_strlcpy(p.name, base, sizeof p.name);
	}
	*out = p;
	return true;
}

static bool
valid_name(const char *name)
{
	if (name == NULL || *name == '\0' || strlen(name) > 60)
		return false;
	for (const char *s = name; *s; s++)
		if (!(g_ascii_islower(*s) || g_ascii_isdigit(*s) || *s == '-'))
			return false;
	return true;
}

bool
gig_tax_profile_load(gig_tax_profile *out, const char *name, const char *const *dirs,
                     GError **error)
{
	g_return_val_if_fail(out != NULL, false);
	if (!valid_name(name)) {
		g_set_error(error, GIG_ERROR, GIG_ERROR_INVALID_INPUT,
		            "tax profile '%s': a name is lowercase letters, digits and '-'",
		            name ? name : "");
		return false;
	}
	g_autofree char *file = g_strconcat(name, ".ini", NULL);
	for (size_t i = 0; dirs && dirs[i]; i++) {
		g_autofree char *path = g_build_filename(dirs[i], file, NULL);
		if (g_file_test(path, G_FILE_TEST_IS_REGULAR))
			return gig_tax_profile_load_file(out, path, error);
	}
	if (strcmp(name, "flat") == 0) {
		gig_tax_profile_flat(out, 250000);
		return true;
	}
	g_set_error(error, GIG_ERROR, GIG_ERROR_NOT_FOUND,
	            "no tax profile '%s' (looked for %s in the tax profile directories)", name,
	            file);
	return false;
}

static bool
setting(gig_ledger *ledger, const char *key, char **out, GError **error)
{
	g_autoptr(GError) local = NULL;
	if (gig_ledger_setting_get(ledger, key, out, &local))
		return true;
	if (g_error_matches(local, GIG_ERROR, GIG_ERROR_NOT_FOUND)) {
		*out = NULL;
		return true;
	}
	g_propagate_error(error, g_steal_pointer(&local));
	return false;
}

bool
gig_tax_profile_from_settings(gig_tax_profile *out, gig_ledger *ledger, const char *const *dirs,
                              GError **error)
{
	g_autofree char *name = NULL, *rate = NULL, *bp = NULL;
	if (!setting(ledger, "tax.profile", &name, error) ||
	    !setting(ledger, "tax.rate", &rate, error) ||
	    !setting(ledger, "tax_rate_bp", &bp, error))
		return false;
	gig_tax_profile p;
	const char *want = name ? g_strstrip(name) : "flat";
	if (!gig_tax_profile_load(&p, want, dirs, error)) {
		g_prefix_error(error, "setting tax.profile: ");
		return false;
	}
	/* the rate settings belong to the profile "flat"; other files keep their own */
	if (strcmp(want, "flat") == 0 && p.schedule == GIG_TAX_SCHEDULE_FLAT) {
		int64_t ppm;
		if (rate != NULL) {
			if (!parse_scaled(g_strstrip(rate), 4, false, &ppm) || ppm > 100 * 10000) {
				g_set_error(
				    error, GIG_ERROR, GIG_ERROR_INVALID_INPUT,
				    "setting tax.rate is '%s', not a percentage between 0 and 100",
				    rate);
				return false;
			}
			p.flat_ppm = ppm;
		} else if (bp != NULL) {
			if (!parse_scaled(bp, 0, false, &ppm) || ppm > 10000) {
				g_set_error(error, GIG_ERROR, GIG_ERROR_INVALID_INPUT,
				            "setting tax_rate_bp is '%s', not basis points between "
				            "0 and 10000",
				            bp);
				return false;
			}
			p.flat_ppm = ppm * 100;
		}
	}
	*out = p;
	return true;
}
