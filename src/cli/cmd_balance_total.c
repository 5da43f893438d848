/*
 * cmd_balance_total.c: the total under `gig balance`, in the base currency.
 *
 * Accounts in the base currency add as they are; every other account is converted
 * (gig_convert) at the latest rate on or before today.  When one of them has no such
 * rate there is no total: the line says which rate is missing and JSON has a null
 * total_minor, so two currencies are never added without a rate.
 */
#include <string.h>

#include <gigledger/rates.h>

#include "cmd.h"

typedef struct {
	const gig_account *account;
	gig_conversion c;
	char *rate; /* gig_conversion_describe */
} converted;

static void
converted_clear(void *p)
{
	g_free(((converted *)p)->rate);
}

bool
gig_cli_balance_total(gig_cli *cli, gig_ledger *ledger, GPtrArray *accounts, JsonBuilder *json,
                      GError **error)
{
	const char *base = gig_ledger_base_currency(ledger);
	int64_t total = 0;
	g_autofree char *missing = NULL; /* the first reason there is no total */
	g_autoptr(GArray) conv = g_array_new(false, false, sizeof(converted));
	g_array_set_clear_func(conv, converted_clear);
	for (unsigned i = 0; i < accounts->len; i++) {
		const gig_account *a = accounts->pdata[i];
		int64_t add = a->balance_minor;
		if (strcmp(a->currency, base) != 0) {
			converted cv = {a, {0}, NULL};
			g_autoptr(GError) why = NULL;
			if (!gig_convert(ledger, a->balance_minor, a->currency, base, cli->today,
			                 &cv.c, &why)) {
				if (why->domain != GIG_ERROR || (why->code != GIG_ERROR_NOT_FOUND &&
				                                 why->code != GIG_ERROR_OVERFLOW)) {
					g_propagate_error(error, g_steal_pointer(&why));
					return false;
				}
				if (missing == NULL)
					missing = g_strdup_printf("%s: %s", a->name, why->message);
				continue;
			}
			cv.rate = gig_conversion_describe(&cv.c);
			add = cv.c.minor;
			g_array_append_val(conv, cv);
		}
		if (missing == NULL &&
		    (!gig_money_add(&total, total, add) || !gig_amount_ok(total)))
			missing = g_strdup("the total is out of range");
	}
	int exp = gig_currency_exponent(base);
	char amt[GIG_MONEY_BUFSZ], d[GIG_DATE_BUFSZ];
	gig_date_format(d, cli->today);
	if (json != NULL) {
		json_builder_set_member_name(json, "total");
		json_builder_begin_object(json);
		json_builder_set_member_name(json, "currency");
		json_builder_add_string_value(json, base);
		json_builder_set_member_name(json, "total_minor");
		if (missing == NULL)
			json_builder_add_int_value(json, total);
		else
			json_builder_add_null_value(json);
		json_builder_set_member_name(json, "total");
		if (missing == NULL)
			json_builder_add_string_value(json,
			                              gig_money_format(amt, total, exp, false));
		else
			json_builder_add_null_value(json);
		json_builder_set_member_name(json, "converted_on");
		json_builder_add_string_value(json, d);
		json_builder_set_member_name(json, "missing");
		if (missing == NULL)
			json_builder_add_null_value(json);
		else
			json_builder_add_string_value(json, missing);
		json_builder_set_member_name(json, "conversions");
		json_builder_begin_array(json);
		for (unsigned i = 0; i < conv->len; i++) {
			const converted *cv = &g_array_index(conv, converted, i);
			json_builder_begin_object(json);
			json_builder_set_member_name(json, "account");
			json_builder_add_string_value(json, cv->account->name);
			json_builder_set_member_name(json, "currency");
			json_builder_add_string_value(json, cv->account->currency);
			json_builder_set_member_name(json, "balance_minor");
			json_builder_add_int_value(json, cv->account->balance_minor);
			json_builder_set_member_name(json, "converted_minor");
			json_builder_add_int_value(json, cv->c.minor);
			json_builder_set_member_name(json, "rate");
			json_builder_add_string_value(json, cv->rate);
			gig_cli_json_date(json, "rate_on", cv->c.rate_on);
			json_builder_end_object(json);
		}
		json_builder_end_array(json);
		json_builder_end_object(json);
		return true;
	}
	if (missing != NULL) {
		printf("Total in %s: not computed:\n", base);
		/* the reason, word-wrapped to 78 columns */
		g_auto(GStrv) words = g_strsplit(gig_cli_text(missing), " ", -1);
		size_t col = 0;
		for (size_t i = 0; words[i] != NULL; i++) {
			size_t len = g_utf8_strlen(words[i], -1);
			if (col > 0 && col + 1 + len > 78) {
				putchar('\n');
				col = 0;
			}
			col += (size_t)printf("%s%s", col == 0 ? "  " : " ", words[i]);
		}
		putchar('\n');
		return true;
	}
	if (conv->len == 0) {
		printf("%-24s %-12s %18s %4s\n", "Total", "", gig_cli_money(amt, total, base),
		       base);
		return true;
	}
	printf("%-24s %-12s %18s %4s\n", "Total (converted)", "", gig_cli_money(amt, total, base),
	       base);
	printf("Total in the base currency %s at the latest rates on or before %s:\n", base, d);
	for (unsigned i = 0; i < conv->len; i++) {
		const converted *cv = &g_array_index(conv, converted, i);
		char own[GIG_MONEY_BUFSZ], to[GIG_MONEY_BUFSZ];
		printf("  %s %s %s = %s %s at %s\n", gig_cli_text(cv->account->name),
		       gig_cli_money(own, cv->account->balance_minor, cv->account->currency),
		       cv->account->currency, gig_cli_money(to, cv->c.minor, base), base,
		       gig_cli_text(cv->rate));
	}
	return true;
}

bool
gig_cli_multi_currency(gig_ledger *ledger, GPtrArray *gigs, bool *out, GError **error)
{
	g_autoptr(GPtrArray) accounts = NULL;
	if (!gig_ledger_accounts(ledger, &accounts, error))
		return false;
	const char *base = gig_ledger_base_currency(ledger);
	bool multi = false;
	for (unsigned i = 0; !multi && i < accounts->len; i++)
		multi = strcmp(((gig_account *)accounts->pdata[i])->currency, base) != 0;
	for (unsigned i = 0; !multi && gigs != NULL && i < gigs->len; i++)
		multi = strcmp(((gig_gig *)gigs->pdata[i])->currency, base) != 0;
	*out = multi;
	return true;
}
