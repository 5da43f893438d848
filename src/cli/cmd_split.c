/*
 * cmd_split.c: `gig split add|list|pay|rm` (split sheets, paying collaborators) and `gig advance add`
 * (royalty advances), include/gigledger/royalty.h.
 */
#include <string.h>

#include <gigledger/royalty.h>

#include "cmd.h"

/* "#12", "gig:12" or "12" name logged gig 12; "work:TITLE" or anything else a work. */
static bool
target_parse(const char *text, char **work, int64_t *gig_id)
{
	const char *digits = text;
	if (text[0] == '#')
		digits = text + 1;
	else if (g_ascii_strncasecmp(text, "gig:", 4) == 0)
		digits = text + 4;
	guint64 v = 0;
	if (*digits && g_ascii_string_to_unsigned(digits, 10, 1, G_MAXINT64, &v, NULL)) {
		*gig_id = (int64_t)v;
		*work = NULL;
		return true;
	}
	const char *w = g_ascii_strncasecmp(text, "work:", 5) == 0 ? text + 5 : text;
	*work = g_strstrip(g_strdup(w));
	*gig_id = 0;
	return **work != '\0';
}

static const char *
pct_text(char *buf, int64_t bp)
{
	return gig_money_format(buf, bp, 2, false);
}

static int
split_add(gig_cli *cli, int argc, char **argv)
{
	gboolean json = false;
	char **with = NULL;
	GOptionEntry entries[] = {{"with", 'w', 0, G_OPTION_ARG_STRING_ARRAY, &with,
	                           "a share, NAME=PCT (repeat; yours is me=PCT)", "NAME=PCT"},
	                          {"json", 0, 0, G_OPTION_ARG_NONE, &json, "print JSON", NULL},
	                          {NULL, 0, 0, 0, NULL, NULL, NULL}};
	g_autoptr(GOptionContext) ctx = gig_cli_context(
	    "WORK|GIG",
	    "Record who shares a work's royalties or a gig's fee.  WORK is a title or\n"
	    "an ISRC as the statements carry them (work:TITLE for a title of digits);\n"
	    "GIG is a logged gig's number (12, #12 or gig:12).  The shares must add\n"
	    "up to 100, your own (me=PCT) included.  The collaborators' shares are\n"
	    "payables: money you receive and owe on, not your income (gig royalties,\n"
	    "gig runway).",
	    "Examples:\n"
	    "  gig split add \"Night Drive\" --with me=50 --with Alex=30 --with Sam=20\n"
	    "  gig split add GBABC2400001 -w me=60 -w \"Kai Lee=40\"\n"
	    "  gig split add 12 --with me=75 --with Alex=25 --json",
	    entries);
	int rc = gig_cli_parse(ctx, "split add", &argc, &argv);
	g_auto(GStrv) with_owned = with;
	if (rc != GIG_EXIT_OK)
		return rc;
	if (argc != 2)
		return gig_cli_usage("split", "split add takes one WORK or GIG");
	if (with == NULL)
		return gig_cli_usage("split",
		                     "give the shares: --with NAME=PCT ... (yours as me=PCT)");
	g_autofree char *work = NULL;
	int64_t gig_id = 0;
	if (!target_parse(argv[1], &work, &gig_id))
		return gig_cli_usage("split", "'%s' names no work or gig", gig_cli_text(argv[1]));
	g_autoptr(GError) error = NULL;
	g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func(g_free);
	g_autoptr(GArray) shares = g_array_new(false, false, sizeof(int64_t));
	for (size_t i = 0; with && with[i]; i++) {
		char *name;
		int64_t bp;
		if (!gig_split_share_parse(&name, &bp, with[i], &error))
			return gig_cli_fail(error);
		g_ptr_array_add(names, name);
		g_array_append_val(shares, bp);
	}
	g_autoptr(gig_ledger) ledger = NULL;
	int64_t id = 0;
	if (!gig_cli_open(cli, &ledger, &error) ||
	    !gig_ledger_split_add(ledger, work, gig_id, (const char *const *)names->pdata,
	                          (const int64_t *)(void *)shares->data, names->len, cli->today,
	                          &id, &error))
		return gig_cli_fail(error);
	if (json) {
		g_autoptr(JsonBuilder) b = json_builder_new();
		json_builder_begin_object(b);
		json_builder_set_member_name(b, "id");
		json_builder_add_int_value(b, id);
		json_builder_end_object(b);
		gig_cli_print_json(b);
	} else if (work) {
		printf("Split %" G_GINT64_FORMAT " added: %s, %u shares.\n", id, gig_cli_text(work),
		       names->len);
	} else {
		printf("Split %" G_GINT64_FORMAT " added: gig %" G_GINT64_FORMAT ", %u shares.\n",
		       id, gig_id, names->len);
	}
	return GIG_EXIT_OK;
}

static int
split_list(gig_cli *cli, int argc, char **argv)
{
	gboolean json = false;
	GOptionEntry entries[] = {{"json", 0, 0, G_OPTION_ARG_NONE, &json, "print JSON", NULL},
	                          {NULL, 0, 0, 0, NULL, NULL, NULL}};
	g_autoptr(GOptionContext) ctx =
	    gig_cli_context("",
	                    "Every split with its shares and what each share comes to: of the\n"
	                    "royalties earned on the work so far (its statement lines, by ISRC or\n"
	                    "title) or of the gig's fee, rounded half away from zero.",
	                    "Examples:\n  gig split list\n  gig split list --json", entries);
	int rc = gig_cli_parse(ctx, "split list", &argc, &argv);
	if (rc != GIG_EXIT_OK)
		return rc;
	if (argc > 1)
		return gig_cli_usage("split", "unexpected argument '%s'", gig_cli_text(argv[1]));
	g_autoptr(GError) error = NULL;
	g_autoptr(gig_ledger) ledger = NULL;
	g_autoptr(GPtrArray) list = NULL;
	if (!gig_cli_open(cli, &ledger, &error) || !gig_ledger_splits(ledger, &list, &error))
		return gig_cli_fail(error);
	g_autoptr(JsonBuilder) b = json_builder_new();
	json_builder_begin_object(b);
	json_builder_set_member_name(b, "splits");
	json_builder_begin_array(b);
	if (!json && list->len == 0)
		printf("No splits. Add one: gig split add WORK --with me=50 --with NAME=50\n");
	for (guint i = 0; i < list->len; i++) {
		const gig_split *s = list->pdata[i];
		const char *cur = *s->currency ? s->currency : NULL;
		char m[64], p[32];
		if (!json) {
			if (s->work)
				printf("%4" G_GINT64_FORMAT "  work %s", s->id,
				       gig_cli_text(s->work));
			else
				printf("%4" G_GINT64_FORMAT "  gig %" G_GINT64_FORMAT, s->id,
				       s->gig_id);
			if (cur)
				printf("  (%s %s %s)\n", s->work ? "earned" : "fee", cur,
				       gig_cli_money(m, s->base_minor, cur));
			else
				printf("  (nothing earned yet)\n");
			for (size_t k = 0; k < s->n_shares; k++) {
				const gig_split_share *x = &s->shares[k];
				printf("      %-24s %7s %%", gig_cli_text(x->name),
				       pct_text(p, x->share_bp));
				if (cur)
					printf(" %14s%s", gig_cli_money(m, x->amount_minor, cur),
					       x->self ? "  yours" : "  payable");
				printf("\n");
			}
			continue;
		}
		json_builder_begin_object(b);
		json_builder_set_member_name(b, "id");
		json_builder_add_int_value(b, s->id);
		json_builder_set_member_name(b, "work");
		if (s->work)
			json_builder_add_string_value(b, s->work);
		else
			json_builder_add_null_value(b);
		json_builder_set_member_name(b, "gig_id");
		if (s->gig_id > 0)
			json_builder_add_int_value(b, s->gig_id);
		else
			json_builder_add_null_value(b);
		gig_cli_json_date(b, "created_on", s->created_on);
		json_builder_set_member_name(b, "currency");
		if (cur)
			json_builder_add_string_value(b, cur);
		else
			json_builder_add_null_value(b);
		json_builder_set_member_name(b, "base_minor");
		json_builder_add_int_value(b, s->base_minor);
		json_builder_set_member_name(b, "shares");
		json_builder_begin_array(b);
		for (size_t k = 0; k < s->n_shares; k++) {
			const gig_split_share *x = &s->shares[k];
			json_builder_begin_object(b);
			json_builder_set_member_name(b, "name");
			json_builder_add_string_value(b, x->name);
			json_builder_set_member_name(b, "percent");
			json_builder_add_string_value(b, pct_text(p, x->share_bp));
			json_builder_set_member_name(b, "self");
			json_builder_add_boolean_value(b, x->self);
			json_builder_set_member_name(b, "amount_minor");
			json_builder_add_int_value(b, x->amount_minor);
			json_builder_end_object(b);
		}
		json_builder_end_array(b);
		json_builder_end_object(b);
	}
	json_builder_end_array(b);
	rc = gig_cli_collaborators(ledger, b, json);
	if (rc != GIG_EXIT_OK)
		return rc;
	json_builder_end_object(b);
	if (json)
		gig_cli_print_json(b);
	return GIG_EXIT_OK;
}

/* The collaborators' share, paid and owed (gig_ledger_collaborators), as a table
 * or into the JSON object's "collaborators" member. */
int
gig_cli_collaborators(gig_ledger *ledger, JsonBuilder *b, bool json)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(GPtrArray) list = NULL;
	if (!gig_ledger_collaborators(ledger, &list, &error))
		return gig_cli_fail(error);
	json_builder_set_member_name(b, "collaborators");
	json_builder_begin_array(b);
	if (!json && list->len > 0)
		printf("\n%-24s %-4s %11s %11s %11s\n", "COLLABORATOR", "CUR", "SHARE", "PAID",
		       "OWED");
	for (guint i = 0; i < list->len; i++) {
		const gig_collaborator *c = list->pdata[i];
		if (!json) {
			char s[64], p[64], o[64];
			g_autofree char *name = g_strdup(gig_cli_text(c->name));
			glong n = g_utf8_strlen(name, -1);
			printf("%s%*s %-4s %11s %11s %11s\n", name, n < 24 ? (int)(24 - n) : 0, "",
			       c->currency, gig_cli_money(s, c->share_minor, c->currency),
			       gig_cli_money(p, c->paid_minor, c->currency),
			       gig_cli_money(o, c->owed_minor, c->currency));
			continue;
		}
		json_builder_begin_object(b);
		json_builder_set_member_name(b, "name");
		json_builder_add_string_value(b, c->name);
		json_builder_set_member_name(b, "currency");
		json_builder_add_string_value(b, c->currency);
		json_builder_set_member_name(b, "share_minor");
		json_builder_add_int_value(b, c->share_minor);
		json_builder_set_member_name(b, "paid_minor");
		json_builder_add_int_value(b, c->paid_minor);
		json_builder_set_member_name(b, "owed_minor");
		json_builder_add_int_value(b, c->owed_minor);
		json_builder_set_member_name(b, "payments");
		json_builder_add_int_value(b, c->payments);
		json_builder_end_object(b);
	}
	json_builder_end_array(b);
	return GIG_EXIT_OK;
}

static int
split_pay(gig_cli *cli, int argc, char **argv)
{
	gboolean json = false;
	char *on = NULL, *account = NULL, *currency = NULL;
	GOptionEntry entries[] = {
	    {"on", 0, 0, G_OPTION_ARG_STRING, &on, "when it was paid (default today)", "DATE"},
	    {"account", 'a', 0, G_OPTION_ARG_STRING, &account,
	     "also book it as an expense in this account", "A"},
	    {"currency", 0, 0, G_OPTION_ARG_STRING, &currency,
	     "currency (default: the account's, else the share's)", "CODE"},
	    {"json", 0, 0, G_OPTION_ARG_NONE, &json, "print JSON", NULL},
	    {NULL, 0, 0, 0, NULL, NULL, NULL}};
	g_autoptr(GOptionContext) ctx = gig_cli_context(
	    "NAME AMOUNT",
	    "Record paying collaborator NAME out of their split shares, so what you\n"
	    "owe them goes down (gig split list, gig royalties: share, paid, owed).\n"
	    "With --account the payment is also booked there as an expense; without,\n"
	    "it is only noted (paid from outside the ledger, or booked already).",
	    "Examples:\n"
	    "  gig split pay Alex 120.00 --on 2026-04-02 --account Checking\n"
	    "  gig split pay \"Kai Lee\" 45 --currency GBP\n"
	    "  gig split pay Sam 20 --json",
	    entries);
	int rc = gig_cli_parse(ctx, "split pay", &argc, &argv);
	g_autofree char *on_owned = on, *account_owned = account, *currency_owned = currency;
	if (rc != GIG_EXIT_OK)
		return rc;
	if (argc != 3)
		return gig_cli_usage("split", "split pay takes NAME and AMOUNT");
	g_autoptr(GError) error = NULL;
	g_autoptr(gig_ledger) ledger = NULL;
	gig_date date;
	if (!gig_cli_date(cli, on, &date, &error)) {
		g_prefix_error(&error, "--on: ");
		return gig_cli_fail(error);
	}
	if (!gig_cli_open(cli, &ledger, &error))
		return gig_cli_fail(error);
	char cur[4] = "";
	if (currency)
		g_strlcpy(cur, currency, sizeof cur);
	else if (account) {
		g_autoptr(gig_account) a = NULL;
		if (!gig_ledger_account_find(ledger, account, &a, &error))
			return gig_cli_fail(error);
		memcpy(cur, a->currency, sizeof cur);
	} else {
		g_autoptr(GPtrArray) list = NULL;
		if (!gig_ledger_collaborators(ledger, &list, &error))
			return gig_cli_fail(error);
		for (guint i = 0; i < list->len && !*cur; i++) {
			const gig_collaborator *c = list->pdata[i];
			if (g_ascii_strcasecmp(c->name, argv[1]) == 0)
				memcpy(cur, c->currency, sizeof cur);
		}
		if (!*cur)
			g_strlcpy(cur, gig_ledger_base_currency(ledger), sizeof cur);
	}
	int64_t amount = 0, id = 0, txn = 0;
	if (!gig_cli_amount(ledger, cur, argv[2], &amount, &error) ||
	    !gig_ledger_split_pay(ledger, argv[1], cur, amount, date, account, &id, &txn, &error))
		return gig_cli_fail(error);
	g_autoptr(GPtrArray) list = NULL;
	if (!gig_ledger_collaborators(ledger, &list, &error))
		return gig_cli_fail(error);
	const gig_collaborator *who = NULL;
	for (guint i = 0; i < list->len; i++) {
		const gig_collaborator *c = list->pdata[i];
		if (g_ascii_strcasecmp(c->name, argv[1]) == 0 &&
		    g_ascii_strcasecmp(c->currency, cur) == 0)
			who = c;
	}
	char m[64], o[64], d[GIG_DATE_BUFSZ];
	if (json) {
		g_autoptr(JsonBuilder) b = json_builder_new();
		json_builder_begin_object(b);
		json_builder_set_member_name(b, "id");
		json_builder_add_int_value(b, id);
		json_builder_set_member_name(b, "name");
		json_builder_add_string_value(b, who ? who->name : argv[1]);
		json_builder_set_member_name(b, "currency");
		json_builder_add_string_value(b, who ? who->currency : cur);
		json_builder_set_member_name(b, "amount_minor");
		json_builder_add_int_value(b, amount);
		gig_cli_json_date(b, "on", date);
		json_builder_set_member_name(b, "txn_id");
		if (txn)
			json_builder_add_int_value(b, txn);
		else
			json_builder_add_null_value(b);
		json_builder_set_member_name(b, "owed_minor");
		json_builder_add_int_value(b, who ? who->owed_minor : 0);
		json_builder_end_object(b);
		gig_cli_print_json(b);
	} else {
		const char *c = who ? who->currency : cur;
		printf("Paid %s %s to %s on %s", c, gig_cli_money(m, amount, c),
		       gig_cli_text(argv[1]), gig_date_format(d, date));
		if (txn)
			printf(" (transaction %" G_GINT64_FORMAT ")", txn);
		printf("; still owed to them: %s %s.\n", c,
		       gig_cli_money(o, who ? who->owed_minor : 0, c));
	}
	return GIG_EXIT_OK;
}

static int
split_rm(gig_cli *cli, int argc, char **argv)
{
	gboolean json = false;
	GOptionEntry entries[] = {{"json", 0, 0, G_OPTION_ARG_NONE, &json, "print JSON", NULL},
	                          {NULL, 0, 0, 0, NULL, NULL, NULL}};
	g_autoptr(GOptionContext) ctx =
	    gig_cli_context("ID", "Remove split ID (see gig split list).",
	                    "Examples:\n  gig split rm 3\n  gig split rm 3 --json", entries);
	int rc = gig_cli_parse(ctx, "split rm", &argc, &argv);
	if (rc != GIG_EXIT_OK)
		return rc;
	guint64 id = 0;
	if (argc != 2 || !g_ascii_string_to_unsigned(argv[1], 10, 1, G_MAXINT64, &id, NULL))
		return gig_cli_usage("split", "split rm takes the number of a split");
	g_autoptr(GError) error = NULL;
	g_autoptr(gig_ledger) ledger = NULL;
	if (!gig_cli_open(cli, &ledger, &error) ||
	    !gig_ledger_split_rm(ledger, (int64_t)id, &error))
		return gig_cli_fail(error);
	if (json) {
		g_autoptr(JsonBuilder) b = json_builder_new();
		json_builder_begin_object(b);
		json_builder_set_member_name(b, "removed");
		json_builder_add_int_value(b, (gint64)id);
		json_builder_end_object(b);
		gig_cli_print_json(b);
	} else {
		printf("Split %" G_GUINT64_FORMAT " removed.\n", id);
	}
	return GIG_EXIT_OK;
}

int
gig_cmd_split(gig_cli *cli, int argc, char **argv)
{
	if (argc >= 2 && strcmp(argv[1], "add") == 0)
		return split_add(cli, argc - 1, argv + 1);
	if (argc >= 2 && strcmp(argv[1], "list") == 0)
		return split_list(cli, argc - 1, argv + 1);
	if (argc >= 2 && strcmp(argv[1], "rm") == 0)
		return split_rm(cli, argc - 1, argv + 1);
	if (argc >= 2 && strcmp(argv[1], "pay") == 0)
		return split_pay(cli, argc - 1, argv + 1);
	if (argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
		printf("Usage: gig split add WORK|GIG --with NAME=PCT ... [--json]\n"
		       "       gig split list [--json]\n"
		       "       gig split pay NAME AMOUNT [--on DATE] [--account A] [--json]\n"
		       "       gig split rm ID [--json]\n\n"
		       "Split sheets: who shares a work's royalties or a gig's fee.  The\n"
		       "collaborators' shares are payables, not your income.\n\n"
		       "Examples:\n"
		       "  gig split add \"Night Drive\" --with me=50 --with Alex=50\n"
		       "  gig split list\n"
		       "  gig split pay Alex 120.00 --account Checking\n");
		return GIG_EXIT_OK;
	}
	if (argc == 1)
		return split_list(cli, argc, argv);
	return gig_cli_usage("split", "expected add, list, pay or rm");
}

static int
advance_add(gig_cli *cli, int argc, char **argv)
{
	gboolean json = false;
	char *on = NULL, *currency = NULL;
	GOptionEntry entries[] = {
	    {"on", 0, 0, G_OPTION_ARG_STRING, &on, "when it was paid (default today)", "DATE"},
	    {"currency", 0, 0, G_OPTION_ARG_STRING, &currency,
	     "currency (default: the payer calendar's)", "CODE"},
	    {"json", 0, 0, G_OPTION_ARG_NONE, &json, "print JSON", NULL},
	    {NULL, 0, 0, 0, NULL, NULL, NULL}};
	g_autoptr(GOptionContext) ctx = gig_cli_context(
	    "PAYER AMOUNT",
	    "Record an advance PAYER paid you (a sync deal, a label): the royalties\n"
	    "its statements report for periods from that month on pay nothing until\n"
	    "they add up to AMOUNT (the advance is recouped), then they flow as usual.\n"
	    "gig royalties and gig runway show how much is left and when it recoups.\n"
	    "The advance's own deposit is income as any other (gig earn, gig import).",
	    "Examples:\n"
	    "  gig advance add \"Sync Co\" 2000 --on 2026-03-01\n"
	    "  gig advance add PRS 500.00 --currency GBP --json",
	    entries);
	int rc = gig_cli_parse(ctx, "advance add", &argc, &argv);
	g_autofree char *on_owned = on, *currency_owned = currency;
	if (rc != GIG_EXIT_OK)
		return rc;
	if (argc != 3)
		return gig_cli_usage("advance", "advance add takes PAYER and AMOUNT");
	g_autoptr(GError) error = NULL;
	g_autoptr(gig_ledger) ledger = NULL;
	g_autoptr(GPtrArray) cals = NULL;
	gig_date date;
	if (!gig_cli_date(cli, on, &date, &error)) {
		g_prefix_error(&error, "--on: ");
		return gig_cli_fail(error);
	}
	if (!gig_cli_open(cli, &ledger, &error))
		return gig_cli_fail(error);
	const char *cur = currency;
	if (cur == NULL) {
		gig_cli_payer_calendars_soft(cli, &cals);
		const gig_payer_calendar *cal = gig_payer_calendar_find(cals, argv[1]);
		cur = cal ? cal->currency : gig_ledger_base_currency(ledger);
	}
	int64_t amount = 0, id = 0;
	if (!gig_cli_amount(ledger, cur, argv[2], &amount, &error) ||
	    !gig_ledger_advance_add(ledger, argv[1], cur, amount, date, &id, &error))
		return gig_cli_fail(error);
	char m[64], d[GIG_DATE_BUFSZ];
	if (json) {
		g_autoptr(JsonBuilder) b = json_builder_new();
		json_builder_begin_object(b);
		json_builder_set_member_name(b, "id");
		json_builder_add_int_value(b, id);
		json_builder_set_member_name(b, "payer");
		json_builder_add_string_value(b, argv[1]);
		json_builder_set_member_name(b, "currency");
		json_builder_add_string_value(b, cur);
		json_builder_set_member_name(b, "amount_minor");
		json_builder_add_int_value(b, amount);
		gig_cli_json_date(b, "on", date);
		json_builder_end_object(b);
		gig_cli_print_json(b);
	} else {
		printf("Advance %" G_GINT64_FORMAT ": %s %s from %s on %s; its royalties pay "
		       "nothing until it is recouped.\n",
		       id, cur, gig_cli_money(m, amount, cur), gig_cli_text(argv[1]),
		       gig_date_format(d, date));
	}
	return GIG_EXIT_OK;
}

static int
advance_list(gig_cli *cli, int argc, char **argv)
{
	gboolean json = false;
	GOptionEntry entries[] = {{"json", 0, 0, G_OPTION_ARG_NONE, &json, "print JSON", NULL},
	                          {NULL, 0, 0, 0, NULL, NULL, NULL}};
	g_autoptr(GOptionContext) ctx = gig_cli_context(
	    "",
	    "Every advance with how much of it the payer's statements have recouped\n"
	    "(the earnings of periods from its month on, oldest first, after the\n"
	    "advances before it), what is left, and the period that recouped it.",
	    "Examples:\n  gig advance list\n  gig advance list --json", entries);
	int rc = gig_cli_parse(ctx, "advance list", &argc, &argv);
	if (rc != GIG_EXIT_OK)
		return rc;
	if (argc > 1)
		return gig_cli_usage("advance", "unexpected argument '%s'", gig_cli_text(argv[1]));
	g_autoptr(GError) error = NULL;
	g_autoptr(gig_ledger) ledger = NULL;
	g_autoptr(GPtrArray) list = NULL;
	if (!gig_cli_open(cli, &ledger, &error) || !gig_ledger_advances(ledger, &list, &error))
		return gig_cli_fail(error);
	g_autoptr(JsonBuilder) b = json_builder_new();
	json_builder_begin_object(b);
	json_builder_set_member_name(b, "advances");
	json_builder_begin_array(b);
	if (!json && list->len == 0)
		printf("No advances. Record one: gig advance add PAYER AMOUNT [--on DATE]\n");
	else if (!json)
		printf("%4s  %-16s %-10s %-4s %11s %11s %11s %-8s\n", "ID", "PAYER", "RECEIVED",
		       "CUR", "ADVANCE", "RECOUPED", "LEFT", "RECOUPED");
	for (guint i = 0; i < list->len; i++) {
		const gig_advance *a = list->pdata[i];
		char d[GIG_DATE_BUFSZ], mo[GIG_DATE_BUFSZ];
		if (!json) {
			char x[64], y[64], z[64];
			g_autofree char *name = g_strdup(gig_cli_text(a->payer));
			glong n = g_utf8_strlen(name, -1);
			printf("%4" G_GINT64_FORMAT "  %s%*s %-10s %-4s %11s %11s %11s %-8s\n",
			       a->id, name, n < 16 ? (int)(16 - n) : 0, "",
			       gig_date_format(d, a->received_on), a->currency,
			       gig_cli_money(x, a->amount_minor, a->currency),
			       gig_cli_money(y, a->recouped_minor, a->currency),
			       gig_cli_money(z, a->unrecouped_minor, a->currency),
			       a->recouped_month >= 0 ? gig_date_format_month(mo, a->recouped_month)
			                              : "not yet");
			continue;
		}
		json_builder_begin_object(b);
		json_builder_set_member_name(b, "id");
		json_builder_add_int_value(b, a->id);
		json_builder_set_member_name(b, "payer");
		json_builder_add_string_value(b, a->payer);
		json_builder_set_member_name(b, "currency");
		json_builder_add_string_value(b, a->currency);
		json_builder_set_member_name(b, "amount_minor");
		json_builder_add_int_value(b, a->amount_minor);
		gig_cli_json_date(b, "received_on", a->received_on);
		json_builder_set_member_name(b, "recouped_minor");
		json_builder_add_int_value(b, a->recouped_minor);
		json_builder_set_member_name(b, "unrecouped_minor");
		json_builder_add_int_value(b, a->unrecouped_minor);
		json_builder_set_member_name(b, "recouped_month");
		if (a->recouped_month >= 0)
			json_builder_add_string_value(b,
			                              gig_date_format_month(mo, a->recouped_month));
		else
			json_builder_add_null_value(b);
		json_builder_end_object(b);
	}
	json_builder_end_array(b);
	json_builder_end_object(b);
	if (json)
		gig_cli_print_json(b);
	return GIG_EXIT_OK;
}

int
gig_cmd_advance(gig_cli *cli, int argc, char **argv)
{
	if (argc >= 2 && strcmp(argv[1], "add") == 0)
		return advance_add(cli, argc - 1, argv + 1);
	if (argc >= 2 && strcmp(argv[1], "list") == 0)
		return advance_list(cli, argc - 1, argv + 1);
	if (argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
		printf("Usage: gig advance add PAYER AMOUNT [--on DATE] [--currency CODE]"
		       " [--json]\n"
		       "       gig advance list [--json]\n\n"
		       "Royalty advances: a payer's royalties pay nothing until the advance\n"
		       "is recouped (gig royalties shows how much is left).\n\n"
		       "Examples:\n  gig advance add \"Sync Co\" 2000 --on 2026-03-01\n"
		       "  gig advance list\n");
		return GIG_EXIT_OK;
	}
	if (argc == 1)
		return advance_list(cli, argc, argv);
	return gig_cli_usage("advance", "expected add or list");
}
