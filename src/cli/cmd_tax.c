/*
 * cmd_tax.c: `gig tax` (the tax year so far and the next payments), `gig tax set-aside`
 * (receipts not yet covered by the tax reserve), `gig tax set KEY VALUE` and
 * `gig tax profiles`; plus the profile lookup every command shares
 * (gig_cli_tax_profile).  The arithmetic is the library's (tax.h).
 */
#include <string.h>
#include <unistd.h>

#include <gigledger/tax.h>

#include "cmd.h"

#include <gigledger/rates.h>

static const char disclaimer[] = "These are planning estimates, not tax advice.";

/* $XDG_CONFIG_HOME/gigledger/tax first (overrides), then the shipped files. */
static GPtrArray *
tax_dirs(const gig_cli *cli)
{
	GPtrArray *dirs = g_ptr_array_new_with_free_func(g_free);
	g_ptr_array_add(dirs, g_build_filename(cli->config_dir, "tax", NULL));
	const char *extra = g_getenv("GIG_TAX_PATH");
	if (extra != NULL && *extra) {
		g_auto(GStrv) parts = g_strsplit(extra, ":", -1);
		for (size_t i = 0; parts[i]; i++)
			if (*parts[i])
				g_ptr_array_add(dirs, g_strdup(parts[i]));
	}
	const char *const *sys = g_get_system_data_dirs();
	for (size_t i = 0; sys[i]; i++)
		g_ptr_array_add(dirs, g_build_filename(sys[i], "gigledger", "tax", NULL));
	g_autofree char *exe = g_file_read_link("/proc/self/exe", NULL);
	if (exe != NULL) {
		g_autofree char *bindir = g_path_get_dirname(exe);
		g_ptr_array_add(dirs,
		                g_build_filename(bindir, "..", "share", "gigledger", "tax", NULL));
	}
	g_ptr_array_add(dirs, g_strdup(GIG_TAX_INSTALL_DIR));
	g_ptr_array_add(dirs, g_strdup(GIG_TAX_SOURCE_DIR));
	g_ptr_array_add(dirs, NULL);
	return dirs;
}

bool
gig_cli_tax_profile(gig_cli *cli, gig_ledger *ledger, gig_tax_profile *out, GError **error)
{
	g_autoptr(GPtrArray) dirs = tax_dirs(cli);
	return gig_tax_profile_from_settings(out, ledger, (const char *const *)dirs->pdata, error);
}

/* The set-aside line `gig paid` and `gig earn` print (stderr) and add to --json. */
bool
gig_cli_tax_set_aside(gig_cli *cli, gig_ledger *ledger, int64_t txn_id, const char *currency,
                      JsonBuilder *json, GError **error)
{
	gig_tax_profile p;
	int64_t amount = 0, marginal = 0;
	int year = 0;
	bool income = false;
	if (!gig_cli_tax_profile(cli, ledger, &p, error) ||
	    !gig_tax_set_aside_txn(ledger, &p, txn_id, &amount, &marginal, &year, &income, error))
		return false;
	if (json) {
		json_builder_set_member_name(json, "tax_set_aside");
		json_builder_begin_object(json);
		json_builder_set_member_name(json, "income");
		json_builder_add_boolean_value(json, income);
		json_builder_set_member_name(json, "amount_minor");
		json_builder_add_int_value(json, amount);
		json_builder_set_member_name(json, "currency");
		json_builder_add_string_value(json, currency);
		json_builder_set_member_name(json, "marginal_ppm");
		json_builder_add_int_value(json, marginal);
		json_builder_set_member_name(json, "tax_year");
		json_builder_add_int_value(json, year);
		json_builder_set_member_name(json, "profile");
		json_builder_add_string_value(json, p.name);
		json_builder_end_object(json);
	} else if (income && !cli->quiet) {
		char buf[GIG_MONEY_BUFSZ];
		fprintf(stderr,
		        "Move %s %s to the tax reserve for it (%s, tax year %d, marginal rate "
		        "%.1f%%).\n",
		        gig_cli_money(buf, amount, currency), currency, p.name, year,
		        (double)marginal / 10000.0);
	}
	return true;
}

static bool
setting_amount(gig_ledger *ledger, const char *key, int64_t *out, bool *has, GError **error)
{
	g_autofree char *v = NULL;
	g_autoptr(GError) local = NULL;
	*has = false;
	if (!gig_ledger_setting_get(ledger, key, &v, &local)) {
		if (g_error_matches(local, GIG_ERROR, GIG_ERROR_NOT_FOUND))
			return true;
		g_propagate_error(error, g_steal_pointer(&local));
		return false;
	}
	if (!gig_cli_amount(ledger, NULL, v, out, error)) {
		g_prefix_error(error, "setting %s: ", key);
		return false;
	}
	*has = true;
	return true;
}

static void
json_int(JsonBuilder *b, const char *key, int64_t v)
{
	json_builder_set_member_name(b, key);
	json_builder_add_int_value(b, v);
}

static void
row(const char *label, int64_t v, const char *cur)
{
	char buf[GIG_MONEY_BUFSZ];
	printf("  %-34s %16s %s\n", label, gig_cli_money(buf, v, cur), cur);
}

static int
tax_year_cmd(gig_cli *cli, int year_opt, const char *as_of_text, const char *last_text, bool json)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(gig_ledger) ledger = NULL;
	gig_tax_profile p;
	gig_date as_of;
	if (!gig_cli_open(cli, &ledger, &error) || !gig_cli_tax_profile(cli, ledger, &p, &error))
		return gig_cli_fail(error);
	if (!gig_cli_date(cli, as_of_text, &as_of, &error)) {
		g_prefix_error(&error, "--as-of: ");
		return gig_cli_fail(error);
	}
	const char *cur = gig_ledger_base_currency(ledger);
	if (p.currency[0] && strcmp(p.currency, cur) != 0)
		fprintf(stderr, "gig tax: warning: the profile %s is in %s, the ledger in %s\n",
		        p.name, p.currency, cur);
	int year = year_opt ? year_opt : gig_tax_year_of(&p, as_of);
	gig_tax_year y;
	gig_date end = gig_tax_year_start(&p, year + 1);
	if (year_opt && as_of >= end)
		as_of = end - 1; /* a past year: the whole of it */
	if (!gig_tax_year_build(ledger, &p, cur, year, as_of, &y, &error))
		return gig_cli_fail(error);
	int64_t last = 0;
	bool has_last = false;
	if (last_text) {
		if (!gig_cli_amount(ledger, NULL, last_text, &last, &error) || last < 0) {
			if (!error)
				g_set_error(&error, GIG_ERROR, GIG_ERROR_INVALID_INPUT, "below 0");
			g_prefix_error(&error, "--last-year-tax: ");
			return gig_cli_fail(error);
		}
		has_last = true;
	} else if (!gig_tax_last_year(ledger, &p, cur, year, NULL, &last, &has_last, &error)) {
		return gig_cli_fail(error);
	}
	/* other currencies' accounts are not converted into the tax year: named */
	g_autoptr(GPtrArray) outside = NULL;
	if (!gig_ledger_accounts_outside(ledger, cur, y.start, as_of, &outside, &error))
		return gig_cli_fail(error);
	int64_t agi = INT64_MAX;
	bool has_agi = false;
	if (!setting_amount(ledger, "tax.last_year_agi", &agi, &has_agi, &error))
		return gig_cli_fail(error);
	if (!has_agi)
		agi = INT64_MAX;

	gig_tax_plan plan_all;
	gig_tax_year_plan(&p, &y, has_last, last, agi, &plan_all);
	int64_t proj = plan_all.projected_profit_minor, proj_tax = plan_all.projected_tax_minor;
	size_t n = plan_all.n;
	const gig_tax_payment *pay = plan_all.payments;
	const int64_t *still = plan_all.still_due_minor;
	bool us = plan_all.us;
	const gig_tax_us_plan plan = plan_all.us_plan;
	/* last year's payments still due after as_of (a UK 31 July payment on account and
	 * the balancing payment; its last entry is this year's first payment on account,
	 * already in this year's plan) */
	gig_tax_year prev;
	gig_tax_plan prev_plan = {0};
	if (p.pay_rule != GIG_TAX_PAY_NONE) {
		if (!gig_tax_year_build(ledger, &p, cur, year - 1, as_of, &prev, &error))
			return gig_cli_fail(error);
		gig_tax_year_plan(&p, &prev, false, 0, agi, &prev_plan);
		if (p.pay_rule == GIG_TAX_PAY_UK && prev_plan.n > 0)
			prev_plan.n--;
	}
	size_t n_prev = 0;
	for (size_t i = 0; i < prev_plan.n; i++)
		if (prev_plan.payments[i].due > as_of && prev_plan.still_due_minor[i] > 0)
			n_prev++;
	char d0[GIG_DATE_BUFSZ], d1[GIG_DATE_BUFSZ];
	if (json) {
		g_autoptr(JsonBuilder) b = json_builder_new();
		json_builder_begin_object(b);
		json_builder_set_member_name(b, "profile");
		json_builder_add_string_value(b, p.name);
		json_builder_set_member_name(b, "title");
		json_builder_add_string_value(b, p.title);
		json_builder_set_member_name(b, "currency");
		json_builder_add_string_value(b, cur);
		json_int(b, "year", year);
		gig_cli_json_date(b, "start_on", y.start);
		gig_cli_json_date(b, "end_on", y.end - 1);
		gig_cli_json_date(b, "as_of_on", as_of);
		json_int(b, "income_minor", y.income_minor);
		json_int(b, "deductible_minor", y.deductible_minor);
		json_int(b, "profit_minor", y.profit_minor);
		json_builder_set_member_name(b, "estimate");
		json_builder_begin_object(b);
		json_int(b, "total_minor", y.estimate.total_minor);
		json_int(b, "income_tax_minor", y.estimate.income_tax_minor);
		json_int(b, "social_minor", y.estimate.social_minor);
		json_int(b, "surcharge_minor", y.estimate.surcharge_minor);
		json_int(b, "taxable_minor", y.estimate.taxable_minor);
		json_int(b, "marginal_ppm", y.estimate.marginal_ppm);
		json_builder_end_object(b);
		json_int(b, "paid_minor", y.paid_minor);
		json_int(b, "reserve_minor", y.reserve_minor);
		json_int(b, "owed_minor", y.owed_minor);
		json_int(b, "projected_profit_minor", proj);
		json_int(b, "projected_tax_minor", proj_tax);
		json_builder_set_member_name(b, "last_year_tax_minor");
		if (has_last)
			json_builder_add_int_value(b, last);
		else
			json_builder_add_null_value(b);
		json_builder_set_member_name(b, "payments");
		json_builder_begin_array(b);
		for (size_t i = 0; i < n; i++) {
			json_builder_begin_object(b);
			gig_cli_json_date(b, "due", pay[i].due);
			json_builder_set_member_name(b, "what");
			json_builder_add_string_value(b, pay[i].what);
			json_int(b, "amount_minor", pay[i].amount_minor);
			json_int(b, "still_due_minor", still[i]);
			json_builder_end_object(b);
		}
		json_builder_end_array(b);
		json_builder_set_member_name(b, "previous_year_due");
		json_builder_begin_array(b);
		for (size_t i = 0; i < prev_plan.n; i++) {
			if (prev_plan.payments[i].due <= as_of || prev_plan.still_due_minor[i] <= 0)
				continue;
			json_builder_begin_object(b);
			json_int(b, "year", year - 1);
			gig_cli_json_date(b, "due", prev_plan.payments[i].due);
			json_builder_set_member_name(b, "what");
			json_builder_add_string_value(b, prev_plan.payments[i].what);
			json_int(b, "still_due_minor", prev_plan.still_due_minor[i]);
			json_builder_end_object(b);
		}
		json_builder_end_array(b);
		json_builder_set_member_name(b, "us_installments");
		if (us) {
			json_builder_begin_object(b);
			json_int(b, "required_minor", plan.required_minor);
			const char *names[] = {"regular_minor", "annualised_minor"};
			const int64_t *vals[] = {plan.regular_minor, plan.annualised_minor};
			for (int m = 0; m < 2; m++) {
				json_builder_set_member_name(b, names[m]);
				json_builder_begin_array(b);
				for (int k = 0; k < 4; k++)
					json_builder_add_int_value(b, vals[m][k]);
				json_builder_end_array(b);
			}
			json_builder_end_object(b);
		} else {
			json_builder_add_null_value(b);
		}
		json_builder_set_member_name(b, "accounts_left_out");
		json_builder_begin_array(b);
		for (guint i = 0; i < outside->len; i++) {
			const gig_account *a = outside->pdata[i];
			json_builder_begin_object(b);
			json_builder_set_member_name(b, "account");
			json_builder_add_string_value(b, a->name);
			json_builder_set_member_name(b, "currency");
			json_builder_add_string_value(b, a->currency);
			json_builder_end_object(b);
		}
		json_builder_end_array(b);
		json_builder_set_member_name(b, "disclaimer");
		json_builder_add_string_value(b, disclaimer);
		json_builder_end_object(b);
		gig_cli_print_json(b);
		return cli->damaged ? GIG_EXIT_UNUSABLE : GIG_EXIT_OK;
	}
	printf("Tax year %d, %s to %s (%s)\n", year, gig_date_format(d0, y.start),
	       gig_date_format(d1, as_of), gig_cli_text(p.name));
	if (p.title[0])
		printf("%s\n", gig_cli_text(p.title));
	putchar('\n');
	row("Income", y.income_minor, cur);
	row("Deductible expenses", -y.deductible_minor, cur);
	row("Profit so far", y.profit_minor, cur);
	row("Estimated tax on it", y.estimate.total_minor, cur);
	if (y.estimate.social_minor || y.estimate.surcharge_minor) {
		row("  income tax", y.estimate.income_tax_minor, cur);
		if (y.estimate.social_minor) {
			g_autofree char *l = g_strdup_printf(
			    "  %s", gig_cli_text(p.social_name[0] ? p.social_name : "social"));
			row(l, y.estimate.social_minor, cur);
		}
		if (y.estimate.surcharge_minor) {
			g_autofree char *l = g_strdup_printf(
			    "  %s",
			    gig_cli_text(p.surcharge_name[0] ? p.surcharge_name : "surcharge"));
			row(l, y.estimate.surcharge_minor, cur);
		}
	}
	g_autofree char *paid = g_strdup_printf("Paid for %d", year);
	row(paid, -y.paid_minor, cur);
	row("In the tax reserve", -y.reserve_minor, cur);
	row("Still to set aside", y.owed_minor, cur);
	printf("  %-34s %15.1f%%\n", "Marginal rate", (double)y.estimate.marginal_ppm / 10000.0);
	if (n_prev > 0) {
		printf("\nStill due for %d\n", year - 1);
		for (size_t i = 0; i < prev_plan.n; i++) {
			if (prev_plan.payments[i].due <= as_of || prev_plan.still_due_minor[i] <= 0)
				continue;
			char m[GIG_MONEY_BUFSZ];
			printf("  %s  %-32s %14s\n", gig_date_format(d0, prev_plan.payments[i].due),
			       prev_plan.payments[i].what,
			       gig_cli_money(m, prev_plan.still_due_minor[i], cur));
		}
	}
	if (n > 0) {
		char a[GIG_MONEY_BUFSZ], c[GIG_MONEY_BUFSZ];
		printf("\nPayments for %d (year projected from the days so far: profit %s,\n"
		       "tax %s)\n",
		       year, gig_cli_money(a, proj, cur), gig_cli_money(c, proj_tax, cur));
		for (size_t i = 0; i < n; i++) {
			char m[GIG_MONEY_BUFSZ], s2[GIG_MONEY_BUFSZ];
			printf("  %s  %-32s %14s", gig_date_format(d0, pay[i].due), pay[i].what,
			       gig_cli_money(m, pay[i].amount_minor, cur));
			if (pay[i].due < as_of || still[i] != pay[i].amount_minor)
				printf("  %s%s", still[i] == 0 ? "paid" : "due ",
				       still[i] == 0 ? "" : gig_cli_money(s2, still[i], cur));
			putchar('\n');
		}
		if (us) {
			printf("\n  %-12s %16s %16s\n", "US method", "regular", "annualised");
			for (int k = 0; k < 4; k++) {
				char r1[GIG_MONEY_BUFSZ], r2[GIG_MONEY_BUFSZ];
				printf("  %-12s %16s %16s\n", gig_date_format(d0, pay[k].due),
				       gig_cli_money(r1, plan.regular_minor[k], cur),
				       gig_cli_money(r2, plan.annualised_minor[k], cur));
			}
			printf("  required %s (the safe harbour); the annualised method is never\n"
			       "  more in a period, and less when income comes late in the year.\n",
			       gig_cli_money(a, plan.required_minor, cur));
		}
		if (p.pay_rule != GIG_TAX_PAY_NONE)
			printf("\n  Last year's tax: %s (%s)\n",
			       has_last ? gig_cli_money(a, last, cur) : "none",
			       last_text   ? "--last-year-tax"
			       : !has_last ? "set it with gig tax set last_year_tax AMOUNT"
			                   : "tax.last_year_tax, else the ledger's estimate");
	} else if (p.pay_rule == GIG_TAX_PAY_NONE) {
		printf("\nNo due dates in the %s profile: choose yours with\n"
		       "gig tax set profile NAME (see gig tax profiles).\n",
		       gig_cli_text(p.name));
	}
	if (outside->len > 0) {
		printf("\nNot included (accounts in other currencies, not converted):\n ");
		for (guint i = 0; i < outside->len; i++) {
			const gig_account *a = outside->pdata[i];
			printf(" %s (%s)%s", gig_cli_text(a->name), a->currency,
			       i + 1 < outside->len ? "," : "\n");
		}
	}
	printf("\n%s\n", disclaimer);
	return cli->damaged ? GIG_EXIT_UNUSABLE : GIG_EXIT_OK;
}

static int
set_aside_cmd(gig_cli *cli, int year_opt, const char *as_of_text, bool json)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(gig_ledger) ledger = NULL;
	gig_tax_profile p;
	gig_date as_of;
	if (!gig_cli_open(cli, &ledger, &error) || !gig_cli_tax_profile(cli, ledger, &p, &error))
		return gig_cli_fail(error);
	if (!gig_cli_date(cli, as_of_text, &as_of, &error)) {
		g_prefix_error(&error, "--as-of: ");
		return gig_cli_fail(error);
	}
	const char *cur = gig_ledger_base_currency(ledger);
	int year = year_opt ? year_opt : gig_tax_year_of(&p, as_of);
	gig_tax_receipt *r = NULL;
	size_t n = 0;
	if (!gig_tax_receipts(ledger, &p, cur, year, as_of, &r, &n, &error))
		return gig_cli_fail(error);
	int64_t total = 0, all = 0;
	for (size_t i = 0; i < n; i++) {
		total += r[i].uncovered_minor;
		all += r[i].set_aside_minor;
	}
	if (json) {
		g_autoptr(JsonBuilder) b = json_builder_new();
		json_builder_begin_object(b);
		json_builder_set_member_name(b, "profile");
		json_builder_add_string_value(b, p.name);
		json_int(b, "year", year);
		json_int(b, "set_aside_minor", all);
		json_int(b, "uncovered_minor", total);
		json_builder_set_member_name(b, "receipts");
		json_builder_begin_array(b);
		for (size_t i = 0; i < n; i++) {
			if (r[i].uncovered_minor == 0)
				continue;
			json_builder_begin_object(b);
			json_int(b, "txn_id", r[i].txn_id);
			gig_cli_json_date(b, "received_on", r[i].on);
			json_builder_set_member_name(b, "payee");
			json_builder_add_string_value(b, r[i].payee);
			json_int(b, "amount_minor", r[i].amount_minor);
			json_int(b, "set_aside_minor", r[i].set_aside_minor);
			json_int(b, "uncovered_minor", r[i].uncovered_minor);
			json_int(b, "marginal_ppm", r[i].marginal_ppm);
			json_builder_end_object(b);
		}
		json_builder_end_array(b);
		json_builder_end_object(b);
		gig_cli_print_json(b);
	} else {
		char a[GIG_MONEY_BUFSZ], s2[GIG_MONEY_BUFSZ], u[GIG_MONEY_BUFSZ];
		printf("Receipts of tax year %d not yet covered by the tax reserve (%s)\n\n", year,
		       gig_cli_text(p.name));
		printf("  %-10s %6s  %-18s %13s %12s %12s\n", "DATE", "TXN", "PAYEE", "AMOUNT",
		       "SET ASIDE", "UNCOVERED");
		for (size_t i = 0; i < n; i++) {
			if (r[i].uncovered_minor == 0)
				continue;
			char d0[GIG_DATE_BUFSZ];
			g_autofree char *payee = g_utf8_substring(gig_cli_text(r[i].payee), 0, 18);
			printf("  %-10s %6" G_GINT64_FORMAT "  %-18s %13s %12s %12s\n",
			       gig_date_format(d0, r[i].on), r[i].txn_id, payee,
			       gig_cli_money(a, r[i].amount_minor, cur),
			       gig_cli_money(s2, r[i].set_aside_minor, cur),
			       gig_cli_money(u, r[i].uncovered_minor, cur));
		}
		printf("\n  Move %s %s to the tax reserve to cover them all.\n",
		       gig_cli_money(a, total, cur), cur);
		printf("\n%s\n", disclaimer);
	}
	gig_tax_receipts_free(r, n);
	return cli->damaged ? GIG_EXIT_UNUSABLE : GIG_EXIT_OK;
}

static int
set_cmd(gig_cli *cli, const char *key, const char *value)
{
	static const char *const keys[] = {"profile", "rate", "last_year_tax", "last_year_agi",
	                                   NULL};
	if (!g_strv_contains(keys, key))
		return gig_cli_usage("tax",
		                     "unknown key '%s' (profile, rate, last_year_tax, "
		                     "last_year_agi)",
		                     key);
	g_autoptr(GError) error = NULL;
	g_autoptr(gig_ledger) ledger = NULL;
	if (!gig_cli_open(cli, &ledger, &error))
		return gig_cli_fail(error);
	g_autofree char *setting = g_strconcat("tax.", key, NULL);
	/* the value is checked before it is stored, so a refused one changes nothing */
	int64_t amount;
	gig_tax_profile p;
	if (strcmp(key, "profile") == 0) {
		g_autoptr(GPtrArray) dirs = tax_dirs(cli);
		if (!gig_tax_profile_load(&p, value, (const char *const *)dirs->pdata, &error)) {
			g_prefix_error(&error, "%s: ", setting);
			return gig_cli_fail(error);
		}
	} else if (strcmp(key, "rate") == 0) {
		if (!gig_money_parse(&amount, value, 4, NULL) || amount < 0 || amount > 1000000) {
			g_set_error(&error, GIG_ERROR, GIG_ERROR_INVALID_INPUT,
			            "%s: '%s' is not a percentage between 0 and 100", setting,
			            value);
			return gig_cli_fail(error);
		}
	} else if (!gig_cli_amount(ledger, NULL, value, &amount, &error) || amount < 0) {
		if (!error)
			g_set_error(&error, GIG_ERROR, GIG_ERROR_INVALID_INPUT, "'%s' is below 0",
			            value);
		g_prefix_error(&error, "%s: ", setting);
		return gig_cli_fail(error);
	}
	/* the settings as a whole must still give a profile (a bad older setting shows) */
	if (!gig_ledger_setting_set(ledger, setting, value, &error) ||
	    !gig_cli_tax_profile(cli, ledger, &p, &error))
		return gig_cli_fail(error);
	if (!cli->quiet)
		fprintf(stderr, "%s = %s (profile %s)\n", setting, gig_cli_text(value), p.name);
	return GIG_EXIT_OK;
}

static gint
by_name(gconstpointer a, gconstpointer b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int
profiles_cmd(gig_cli *cli)
{
	g_autoptr(GPtrArray) dirs = tax_dirs(cli);
	g_autoptr(GHashTable) seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	printf("%-20s %s\n", "NAME", "TITLE (FILE)");
	for (guint i = 0; i + 1 < dirs->len; i++) {
		const char *dir = g_ptr_array_index(dirs, i);
		g_autoptr(GDir) d = g_dir_open(dir, 0, NULL);
		if (!d)
			continue;
		g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func(g_free);
		const char *f;
		while ((f = g_dir_read_name(d)) != NULL)
			if (g_str_has_suffix(f, ".ini"))
				g_ptr_array_add(names, g_strndup(f, strlen(f) - 4));
		g_ptr_array_sort(names, by_name);
		for (guint k = 0; k < names->len; k++) {
			const char *name = g_ptr_array_index(names, k);
			if (g_hash_table_contains(seen, name))
				continue;
			g_hash_table_add(seen, g_strdup(name));
			g_autofree char *path = g_strconcat(dir, "/", name, ".ini", NULL);
			gig_tax_profile p;
			g_autoptr(GError) error = NULL;
			if (gig_tax_profile_load_file(&p, path, &error))
				printf("%-20s %s (%s)\n", gig_cli_text(name), gig_cli_text(p.title),
				       gig_cli_text(path));
			else
				printf("%-20s refused: %s\n", gig_cli_text(name),
				       gig_cli_text(error->message));
		}
	}
	printf("\n%s\n", disclaimer);
	return GIG_EXIT_OK;
}

int
gig_cmd_tax(gig_cli *cli, int argc, char **argv)
{
	gint year = 0;
	gboolean json = false;
	g_autofree char *as_of = NULL, *last = NULL;
	GOptionEntry entries[] = {
	    {"year", 'y', 0, G_OPTION_ARG_INT, &year, "this tax year (default: the current one)",
	     "YEAR"},
	    {"as-of", 0, 0, G_OPTION_ARG_STRING, &as_of, "as of this day (default: today)", "DATE"},
	    {"last-year-tax", 0, 0, G_OPTION_ARG_STRING, &last,
	     "last year's tax (default: tax.last_year_tax)", "AMOUNT"},
	    {"json", 0, 0, G_OPTION_ARG_NONE, &json, "print JSON", NULL},
	    {NULL, 0, 0, 0, NULL, NULL, NULL}};
	g_autoptr(GOptionContext) ctx = gig_cli_context(
	    "[set-aside | set KEY VALUE | profiles]",
	    "The tax year so far: income, deductible expenses, profit, the estimated tax\n"
	    "with its parts, what was paid, what the tax reserve holds and what is still\n"
	    "owed, then the next payments with their amounts.  set-aside lists the\n"
	    "receipts not yet covered by transfers to the tax reserve.\n\n"
	    "These are planning estimates, not tax advice: the profiles model one filing\n"
	    "situation each (see the comments in their files) and leave much out.",
	    "Keys for 'gig tax set': profile (flat, us-federal-2026, uk-2026, de-2026,\n"
	    "de-2026-ksk, or your own in ~/.config/gigledger/tax/NAME.ini), rate (the\n"
	    "flat profile's percentage), last_year_tax (for payments on account and the\n"
	    "safe harbour), last_year_agi (US: over 150,000 the safe harbour is 110 %).\n"
	    "They are the settings tax.profile, tax.rate, tax.last_year_tax and\n"
	    "tax.last_year_agi.\n\n"
	    "Examples:\n"
	    "  gig tax\n"
	    "  gig tax --year 2025 --json\n"
	    "  gig tax set profile uk-2026\n"
	    "  gig tax set rate 30\n"
	    "  gig tax set last_year_tax 8,400\n"
	    "  gig tax set-aside\n"
	    "  gig tax profiles",
	    entries);
	int rc = gig_cli_parse(ctx, "tax", &argc, &argv);
	if (rc != GIG_EXIT_OK)
		return rc;
	if (year != 0 && (year < 1900 || year > 9998))
		return gig_cli_usage("tax", "--year %d is not between 1900 and 9998", year);
	if (argc == 1)
		return tax_year_cmd(cli, year, as_of, last, json);
	if (strcmp(argv[1], "set-aside") == 0 && argc == 2)
		return set_aside_cmd(cli, year, as_of, json);
	if (strcmp(argv[1], "set") == 0) {
		if (argc != 4)
			return gig_cli_usage("tax", "expected 'gig tax set KEY VALUE'");
		return set_cmd(cli, argv[2], argv[3]);
	}
	if (strcmp(argv[1], "profiles") == 0 && argc == 2)
		return profiles_cmd(cli);
	return gig_cli_usage("tax", "unexpected argument '%s'", argv[1]);
}
