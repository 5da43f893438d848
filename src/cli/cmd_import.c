/*
 * cmd_import.c: `gig import FILE`, `gig import list` and `gig import undo`.
 *
 * The command finds the profile directories (the user's
 * $XDG_CONFIG_HOME/gigledger/profiles, $GIG_PROFILE_PATH, gigledger/profiles
 * under the system data directories, the install directory, and the source
 * tree's profiles/ for an uninstalled build), shows progress on
 * a terminal, and prints either a one-line summary, the dry-run table, or
 * the JSON summary.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include <gigledger/import.h>
#include <gigledger/tax.h>
#include <gigledger/royalty.h>

#include "cmd_import.h"

/* Warnings of one kind printed before the rest is summarised as a count. */
#define WARNINGS_SHOWN 5

static GPtrArray *
profile_dirs(const gig_cli *cli)
{
	GPtrArray *dirs = g_ptr_array_new_with_free_func(g_free);
	g_ptr_array_add(dirs, g_build_filename(cli->config_dir, "profiles", NULL));
	const char *extra = g_getenv("GIG_PROFILE_PATH");
	if (extra != NULL && *extra) {
		g_auto(GStrv) parts = g_strsplit(extra, ":", -1);
		for (size_t i = 0; parts[i]; i++)
			if (*parts[i])
				g_ptr_array_add(dirs, g_strdup(parts[i]));
	}
	const char *const *sys = g_get_system_data_dirs();
	for (size_t i = 0; sys[i]; i++)
		g_ptr_array_add(dirs, g_build_filename(sys[i], "gigledger", "profiles", NULL));
	/* An installed gig moved to another prefix (or installed with
	 * `cmake --install --prefix`) finds the profiles next to itself. */
	g_autofree char *exe = g_file_read_link("/proc/self/exe", NULL);
	if (exe != NULL) {
		g_autofree char *bindir = g_path_get_dirname(exe);
		g_ptr_array_add(
		    dirs, g_build_filename(bindir, "..", "share", "gigledger", "profiles", NULL));
	}
	g_ptr_array_add(dirs, g_strdup(GIG_PROFILES_INSTALL_DIR));
	g_ptr_array_add(dirs, g_strdup(GIG_PROFILES_SOURCE_DIR));
	g_ptr_array_add(dirs, NULL);
	return dirs;
}

struct progress {
	int64_t last_us;
	bool shown;
};

static bool
on_progress(int64_t rows, int64_t done, int64_t total, void *payload)
{
	struct progress *p = payload;
	int64_t now = g_get_monotonic_time();
	if (now - p->last_us < 100000)
		return true;
	p->last_us = now;
	p->shown = true;
	int pct = total > 0 ? (int)(done * 100 / total) : 0;
	fprintf(stderr, "\rgig import: %" G_GINT64_FORMAT " rows (%d%%)", rows, pct);
	return true;
}

bool
gig_cli_confirm(const char *question)
{
	fprintf(stderr, "%s [y/N] ", question);
	fflush(stderr);
	char line[64];
	if (fgets(line, sizeof(line), stdin) == NULL)
		return false;
	return line[0] == 'y' || line[0] == 'Y';
}

static void
json_int(JsonBuilder *b, const char *k, int64_t v)
{
	json_builder_set_member_name(b, k);
	json_builder_add_int_value(b, v);
}

static void
json_str(JsonBuilder *b, const char *k, const char *v)
{
	json_builder_set_member_name(b, k);
	if (v)
		json_builder_add_string_value(b, v);
	else
		json_builder_add_null_value(b);
}

static void
json_guesses(JsonBuilder *b, const gig_import_guesses *g)
{
	char delim[4] = {g->delimiter, 0};
	char mark[2] = {g->decimal_mark, 0};
	json_builder_set_member_name(b, "guesses");
	json_builder_begin_object(b);
	json_str(b, "format", g->format);
	json_str(b, "encoding", g->encoding);
	json_str(b, "delimiter", g->delimiter == '\t' ? "TAB" : delim);
	json_int(b, "header_line", g->header_line);
	json_str(b, "date_format", g->date_format);
	json_str(b, "decimal_mark", mark);
	json_str(b, "sign_rule", g->sign_rule);
	json_str(b, "columns", g->columns);
	json_str(b, "profile", g->profile);
	json_str(b, "account_number", g->account_number);
	json_builder_set_member_name(b, "column_roles");
	json_builder_begin_array(b);
	for (size_t i = 0; g->column_guesses && i < g->column_guesses->len; i++) {
		const gig_column_guess *c = g->column_guesses->pdata[i];
		json_builder_begin_object(b);
		json_int(b, "column", c->column);
		json_str(b, "name", c->name);
		json_str(b, "role", c->role);
		json_int(b, "score", c->score);
		json_str(b, "why", c->why);
		json_str(b, "runner_up", c->runner_up);
		json_int(b, "runner_up_score", c->runner_score);
		json_builder_end_object(b);
	}
	json_builder_end_array(b);
	json_builder_end_object(b);
}

/* "  column 5 'Сумма': amount 100 (values signed, 2 dp); runner-up balance 40" */
static void
print_columns(const gig_import_guesses *g)
{
	for (size_t i = 0; g->column_guesses && i < g->column_guesses->len; i++) {
		const gig_column_guess *c = g->column_guesses->pdata[i];
		printf("  column %d", c->column);
		if (c->name != NULL && *c->name)
			printf(" '%s'", gig_cli_text(c->name));
		printf(": %s", c->role);
		if (strcmp(c->role, "ignored") != 0)
			printf(" %d", c->score);
		printf(" (%s)", gig_cli_text(c->why));
		if (c->runner_up != NULL)
			printf("; runner-up %s %d", c->runner_up, c->runner_score);
		printf("\n");
	}
}

static void
json_rows(JsonBuilder *b, const gig_import_result *r)
{
	json_builder_set_member_name(b, "rows");
	json_builder_begin_array(b);
	for (size_t i = 0; r->rows && i < r->rows->len; i++) {
		const gig_csv_row *w = r->rows->pdata[i];
		char d[GIG_DATE_BUFSZ], m[GIG_MONEY_BUFSZ];
		json_builder_begin_object(b);
		json_int(b, "line", w->line_no);
		json_str(b, "date", gig_date_format(d, w->posted_on));
		json_int(b, "amount_minor", w->amount_minor);
		json_str(b, "amount",
		         gig_money_format(m, w->amount_minor, gig_currency_exponent(w->currency),
		                          false));
		json_str(b, "currency", w->currency);
		json_str(b, "payee", w->payee);
		json_str(b, "memo", w->memo);
		json_str(b, "external_id", w->external_id);
		json_str(b, "fate", gig_row_fate_name(w->fate));
		json_str(b, "category", w->category);
		json_builder_end_object(b);
	}
	json_builder_end_array(b);
}

static void
json_reconciliation(JsonBuilder *b, const gig_import_reconciliation *k)
{
	json_builder_set_member_name(b, "reconciliation");
	if (k->checked) {
		json_builder_begin_object(b);
		json_int(b, "stated_minor", k->stated_minor);
		json_int(b, "ledger_minor", k->ledger_minor);
		json_int(b, "difference_minor", k->difference_minor);
		gig_cli_json_date(b, "on", k->on);
		json_builder_end_object(b);
	} else {
		json_builder_add_null_value(b);
	}
}

static void
print_json(const gig_import_result *r, bool dry_run, int64_t set_aside)
{
	g_autoptr(JsonBuilder) b = json_builder_new();
	char m[GIG_MONEY_BUFSZ];
	json_builder_begin_object(b);
	json_int(b, "batch_id", r->batch_id);
	json_int(b, "inserted", r->inserted);
	json_int(b, "duplicates", r->duplicates);
	json_int(b, "pending", r->pending);
	json_int(b, "replaced_pending", r->replaced_pending);
	json_int(b, "skipped_rows", r->skipped_rows);
	json_builder_set_member_name(b, "skipped_no_amount_lines");
	json_builder_begin_array(b);
	for (guint i = 0; i < r->skipped_no_amount->len && i < 100; i++)
		json_builder_add_int_value(b, g_array_index(r->skipped_no_amount, int64_t, i));
	json_builder_end_array(b);
	json_int(b, "sum_minor", r->sum_minor);
	json_str(b, "sum",
	         gig_money_format(m, r->sum_minor, gig_currency_exponent(r->currency), false));
	json_str(b, "currency", r->currency);
	json_int(b, "categorized", r->categorized);
	json_int(b, "transfers", r->transfers);
	json_str(b, "file_sha256", r->file_sha256);
	json_builder_set_member_name(b, "dry_run");
	json_builder_add_boolean_value(b, dry_run);
	json_int(b, "balance_break_count",
	         MAX(r->balance_breaks_total, (int64_t)r->balance_breaks->len));
	json_builder_set_member_name(b, "balance_breaks");
	json_builder_begin_array(b);
	for (size_t i = 0; i < r->balance_breaks->len; i++) {
		const gig_balance_break *k = r->balance_breaks->pdata[i];
		json_builder_begin_object(b);
		json_int(b, "line", k->line);
		json_int(b, "expected_minor", k->expected_minor);
		json_int(b, "stated_minor", k->stated_minor);
		json_str(b, "what", k->what);
		json_builder_end_object(b);
	}
	json_builder_end_array(b);
	json_guesses(b, &r->guesses);
	json_builder_set_member_name(b, "near_matches");
	json_builder_begin_array(b);
	for (size_t i = 0; i < r->near_matches->len; i++) {
		const gig_near_match *n = r->near_matches->pdata[i];
		json_builder_begin_object(b);
		json_int(b, "line", n->line_no);
		json_int(b, "txn_id", n->txn_id);
		json_int(b, "new_txn_id", n->new_txn_id);
		json_str(b, "reason", n->reason);
		json_builder_end_object(b);
	}
	json_builder_end_array(b);
	json_int(b, "confirmed", r->confirmed);
	json_builder_set_member_name(b, "confirmations");
	json_builder_begin_array(b);
	for (size_t i = 0; i < r->confirmations->len; i++) {
		const gig_confirmation *c = r->confirmations->pdata[i];
		json_builder_begin_object(b);
		json_int(b, "line", c->line_no);
		json_int(b, "txn_id", c->txn_id);
		gig_cli_json_date(b, "was_on", c->was_on);
		json_str(b, "was_payee", c->payee);
		json_builder_end_object(b);
	}
	json_builder_end_array(b);
	/* issue 10: the file's balance against the ledger's (a contract: these keys) */
	json_reconciliation(b, &r->reconciliation);
	/* issue 14: what each account got (one entry unless the rows went to several) */
	json_builder_set_member_name(b, "accounts");
	json_builder_begin_array(b);
	for (guint i = 0; i < (r->accounts ? r->accounts->len : 1); i++) {
		const gig_import_result *a = r->accounts ? r->accounts->pdata[i] : r;
		json_builder_begin_object(b);
		json_str(b, "account", a->account);
		json_str(b, "currency", a->currency);
		json_int(b, "batch_id", a->batch_id);
		json_int(b, "inserted", a->inserted);
		json_int(b, "duplicates", a->duplicates);
		json_int(b, "pending", a->pending);
		json_int(b, "replaced_pending", a->replaced_pending);
		json_int(b, "sum_minor", a->sum_minor);
		json_str(
		    b, "sum",
		    gig_money_format(m, a->sum_minor, gig_currency_exponent(a->currency), false));
		json_int(b, "transfers", a->transfers);
		json_reconciliation(b, &a->reconciliation);
		json_builder_end_object(b);
	}
	json_builder_end_array(b);
	json_builder_set_member_name(b, "invoice_matches");
	json_builder_begin_array(b);
	for (size_t i = 0; i < r->invoice_matches->len; i++) {
		const gig_invoice_match *v = r->invoice_matches->pdata[i];
		json_builder_begin_object(b);
		json_int(b, "line", v->line_no);
		json_int(b, "gig_id", v->gig_id);
		json_int(b, "txn_id", v->txn_id);
		json_str(b, "client", v->client);
		json_int(b, "amount_minor", v->amount_minor);
		json_builder_set_member_name(b, "partial");
		json_builder_add_boolean_value(b, v->partial);
		json_builder_set_member_name(b, "ambiguous");
		json_builder_add_boolean_value(b, v->ambiguous);
		if (v->fx) { /* a gig in another currency: amount_minor is in the gig's */
			json_int(b, "received_minor", v->received_minor);
			json_int(b, "fx_gain_minor", v->fx_minor);
		}
		json_builder_end_object(b);
	}
	json_builder_end_array(b);
	json_builder_set_member_name(b, "royalty_payouts");
	json_builder_begin_array(b);
	for (size_t i = 0; i < r->royalty_matches->len; i++) {
		const gig_royalty_match *v = r->royalty_matches->pdata[i];
		json_builder_begin_object(b);
		json_int(b, "line", v->line_no);
		json_int(b, "txn_id", v->txn_id);
		json_str(b, "payer", v->payer);
		json_int(b, "amount_minor", v->amount_minor);
		json_str(b, "currency", v->currency);
		json_builder_set_member_name(b, "ambiguous");
		json_builder_add_boolean_value(b, v->ambiguous);
		json_builder_end_object(b);
	}
	json_builder_end_array(b);
	if (r->rows != NULL)
		json_rows(b, r);
	if (set_aside >= 0)
		json_int(b, "tax_set_aside_minor", set_aside);
	json_builder_end_object(b);
	gig_cli_print_json(b);
}

/* The file's balance against the ledger's, for the account named (NULL: the one). */
static void
print_reconciliation(const gig_import_reconciliation *k, const char *cur, const char *account)
{
	char m[GIG_MONEY_BUFSZ], d[GIG_DATE_BUFSZ];
	g_autofree char *who =
	    account ? g_strdup_printf(" for %s", gig_cli_text(account)) : g_strdup("");
	if (k->checked && k->difference_minor != 0) {
		char s1[GIG_MONEY_BUFSZ], s2[GIG_MONEY_BUFSZ];
		printf(
		    "\nBALANCE MISMATCH%s: the file says %s %s at the end of %s; the ledger has\n"
		    "  %s %s (difference %s).  A transaction is missing, doubled or wrong, or\n"
		    "  the opening balance is; 'gig check' lists what changed since the last\n"
		    "  balance that held.\n",
		    who, gig_cli_money(s1, k->stated_minor, cur), cur, gig_date_format(d, k->on),
		    gig_cli_money(s2, k->ledger_minor, cur), cur,
		    gig_cli_money(m, k->difference_minor, cur));
	} else if (k->checked) {
		printf("balance%s: %s %s at the end of %s, as the file says\n", who,
		       gig_cli_money(m, k->ledger_minor, cur), cur, gig_date_format(d, k->on));
	}
}

static void
print_text(const gig_import_result *r, bool dry_run)
{
	char m[GIG_MONEY_BUFSZ];
	const gig_import_guesses *g = &r->guesses;
	bool csv = g->format == NULL || strcmp(g->format, "CSV") == 0;
	if (dry_run && !csv) {
		/* a statement format has no delimiter, header or columns to guess */
		printf("Guesses: format %s, encoding %s, dates %s, decimal mark '%c'\n"
		       "  sign: %s%s%s\n",
		       g->format, g->encoding, g->date_format, g->decimal_mark, g->sign_rule,
		       g->columns && *g->columns ? "\n  " : "",
		       g->columns ? gig_cli_text(g->columns) : "");
	} else if (dry_run) {
		printf("Guesses: encoding %s, delimiter '%s', header on line %" G_GINT64_FORMAT
		       ", dates %s, decimal mark '%c'\n  sign: %s\n  columns: %s%s%s\n",
		       g->encoding, g->delimiter == '\t' ? "TAB" : (char[]){g->delimiter, 0},
		       g->header_line, g->date_format, g->decimal_mark, g->sign_rule, g->columns,
		       g->profile ? "\n  profile: " : "", g->profile ? g->profile : "");
		if (g->account_number != NULL)
			printf("  account number in the file: %s\n",
			       gig_cli_text(g->account_number));
		print_columns(g);
	}
	if (dry_run) {
		for (size_t i = 0; r->rows && i < r->rows->len; i++) {
			const gig_csv_row *w = r->rows->pdata[i];
			char d[GIG_DATE_BUFSZ];
			printf("%6" G_GINT64_FORMAT "  %s  %12s %s  %-16s %s%s%s\n", w->line_no,
			       gig_date_format(d, w->posted_on),
			       gig_cli_money(m, w->amount_minor, w->currency), w->currency,
			       gig_row_fate_name(w->fate), gig_cli_text(w->payee),
			       w->category ? "  -> " : "",
			       w->category ? gig_cli_text(w->category) : "");
		}
	}
	/* two short lines rather than one that runs past 80 columns */
	printf("%s%" G_GINT64_FORMAT " new, %" G_GINT64_FORMAT " duplicates, %" G_GINT64_FORMAT
	       " pending, %" G_GINT64_FORMAT " settled pending, %" G_GINT64_FORMAT
	       " skipped rows;\n  ",
	       dry_run ? "Would add: " : "", r->inserted, r->duplicates, r->pending,
	       r->replaced_pending, r->skipped_rows);
	if (r->accounts != NULL)
		printf("into %u accounts", r->accounts->len);
	else
		printf("sum %s %s", gig_cli_money(m, r->sum_minor, r->currency), r->currency);
	if (r->confirmed > 0)
		printf("; %" G_GINT64_FORMAT " confirmed hand entr%s", r->confirmed,
		       r->confirmed == 1 ? "y" : "ies");
	if (r->batch_id > 0 && r->accounts == NULL)
		printf(" (batch %" G_GINT64_FORMAT ")", r->batch_id);
	printf("\n");
	/* issue 14: each account's share, in its own currency */
	for (guint i = 0; r->accounts && i < r->accounts->len; i++) {
		const gig_import_result *a = r->accounts->pdata[i];
		printf("  %s: %" G_GINT64_FORMAT " new, %" G_GINT64_FORMAT " duplicates, sum %s %s",
		       gig_cli_text(a->account), a->inserted + a->pending, a->duplicates,
		       gig_cli_money(m, a->sum_minor, a->currency), a->currency);
		if (a->transfers > 0)
			printf(", %" G_GINT64_FORMAT " transfer%s", a->transfers,
			       a->transfers == 1 ? "" : "s");
		if (a->batch_id > 0)
			printf(" (batch %" G_GINT64_FORMAT ")", a->batch_id);
		printf("\n");
	}
	if (r->skipped_no_amount->len > 0) {
		g_autofree char *lines = gig_import_lines_text(r->skipped_no_amount, 5);
		printf("  skipped for having no amount: %s\n", lines);
	}
	/* warnings go to stderr, the first few of each kind, then a count */
	for (size_t i = 0; i < r->balance_breaks->len && i < WARNINGS_SHOWN; i++) {
		const gig_balance_break *k = r->balance_breaks->pdata[i];
		char e[GIG_MONEY_BUFSZ];
		fprintf(stderr,
		        "warning: line %" G_GINT64_FORMAT ": %s: expected %s, file says %s\n",
		        k->line, k->what, gig_cli_money(e, k->expected_minor, r->currency),
		        gig_cli_money(m, k->stated_minor, r->currency));
	}
	int64_t breaks = MAX(r->balance_breaks_total, (int64_t)r->balance_breaks->len);
	if (breaks > WARNINGS_SHOWN)
		fprintf(stderr,
		        "warning: and %" G_GINT64_FORMAT " more balance break%s (%" G_GINT64_FORMAT
		        " in all; --json lists the first %u)\n",
		        breaks - WARNINGS_SHOWN, breaks - WARNINGS_SHOWN == 1 ? "" : "s", breaks,
		        r->balance_breaks->len);
	for (size_t i = 0; i < r->confirmations->len; i++) {
		const gig_confirmation *c = r->confirmations->pdata[i];
		char d[GIG_DATE_BUFSZ];
		printf("confirmed: line %" G_GINT64_FORMAT ": #%" G_GINT64_FORMAT
		       " ('%s' on %s, entered by hand) is this row; not added twice\n",
		       c->line_no, c->txn_id, gig_cli_text(c->payee),
		       gig_date_format(d, c->was_on));
	}
	for (size_t i = 0; i < r->near_matches->len && i < WARNINGS_SHOWN; i++) {
		const gig_near_match *n = r->near_matches->pdata[i];
		fprintf(stderr, "check: line %" G_GINT64_FORMAT ": %s\n", n->line_no,
		        gig_cli_text(n->reason));
	}
	if (r->near_matches->len > WARNINGS_SHOWN)
		fprintf(stderr, "check: and %u more possible duplicates (--json lists them all)\n",
		        r->near_matches->len - WARNINGS_SHOWN);
	for (size_t i = 0; i < r->invoice_matches->len; i++) {
		const gig_invoice_match *v = r->invoice_matches->pdata[i];
		printf("%s: line %" G_GINT64_FORMAT ": gig #%" G_GINT64_FORMAT " (%s)%s",
		       v->ambiguous ? "ambiguous" : "paid", v->line_no, v->gig_id,
		       gig_cli_text(v->client),
		       v->ambiguous ? " could match"
		       : v->partial ? " partly paid"
		                    : "");
		if (v->fx) {
			char fx[GIG_MONEY_BUFSZ];
			printf(", settled in %s: realised FX %s %s %s", r->currency,
			       v->fx_minor < 0 ? "loss" : "gain",
			       gig_cli_money(fx, v->fx_minor < 0 ? -v->fx_minor : v->fx_minor,
			                     r->currency),
			       r->currency);
		}
		/* the payment is in the ledger already: link it, never record it again */
		if (v->ambiguous && !dry_run)
			printf("; if it does: gig paid %" G_GINT64_FORMAT
			       " --txn %" G_GINT64_FORMAT,
			       v->gig_id, v->txn_id);
		printf("\n");
	}
	for (size_t i = 0; i < r->royalty_matches->len; i++) {
		const gig_royalty_match *v = r->royalty_matches->pdata[i];
		char am[GIG_MONEY_BUFSZ];
		gig_cli_money(am, v->amount_minor, v->currency);
		if (v->ambiguous)
			printf("ambiguous: line %" G_GINT64_FORMAT ": %s %s could be a royalty "
			       "payout from %s; not linked (gig royalties match)\n",
			       v->line_no, v->currency, am, gig_cli_text(v->payer));
		else
			printf("royalty: line %" G_GINT64_FORMAT ": %s %s paid by %s\n", v->line_no,
			       v->currency, am, gig_cli_text(v->payer));
	}
	if (r->accounts == NULL)
		print_reconciliation(&r->reconciliation, r->currency, NULL);
	for (guint i = 0; r->accounts && i < r->accounts->len; i++) {
		const gig_import_result *a = r->accounts->pdata[i];
		print_reconciliation(&a->reconciliation, a->currency, a->account);
	}
}

static bool
write_text(FILE *f, void *data, GError **error)
{
	const char *text = data;
	if (fputs(text, f) < 0) {
		g_set_error(error, GIG_ERROR, GIG_ERROR_IO, "cannot write the profile");
		return false;
	}
	return true;
}

/* A profile name is a file name in the profile directory: letters, digits, . _ - */
static bool
profile_name_ok(const char *name)
{
	if (name == NULL || *name == '\0' || *name == '.' || strlen(name) > 64)
		return false;
	for (const char *p = name; *p; p++)
		if (!g_ascii_isalnum(*p) && *p != '-' && *p != '_' && *p != '.')
			return false;
	return true;
}

/* Writes the profile that reproduces the guesses to the user's profile directory. */
static bool
save_profile(const gig_cli *cli, const char *name, const gig_import_result *r, char **out_path,
             GError **error)
{
	g_autoptr(GKeyFile) kf = g_key_file_new();
	const char *ini = r->guesses.profile_ini;
	if (ini == NULL) {
		g_set_error(error, GIG_ERROR, GIG_ERROR_INVALID_INPUT,
		            "this file's guesses cannot be saved as a profile");
		return false;
	}
	if (!g_key_file_load_from_data(kf, ini, (gsize)-1, G_KEY_FILE_KEEP_COMMENTS, error))
		return false;
	g_key_file_set_string(kf, "profile", "name", name);
	g_autofree char *text = g_key_file_to_data(kf, NULL, NULL);
	g_autofree char *dir = g_build_filename(cli->config_dir, "profiles", NULL);
	if (g_mkdir_with_parents(dir, 0700) != 0) {
		g_set_error(error, GIG_ERROR, GIG_ERROR_IO, "%s: cannot create the directory", dir);
		return false;
	}
	g_autofree char *file = g_strconcat(name, ".ini", NULL);
	*out_path = g_build_filename(dir, file, NULL);
	return gig_cli_write_file(*out_path, write_text, text, error);
}

bool
gig_cli_stdin_spool(gig_cli_stdin *out, GError **error)
{
	memset(out, 0, sizeof(*out));
	if (isatty(STDIN_FILENO)) {
		g_set_error(error, GIG_ERROR, GIG_ERROR_INVALID_INPUT,
		            "'-' reads the file from standard input, which is a terminal here; "
		            "pipe the file in (gig import - < statement.ofx)");
		return false;
	}
	GError *e = NULL;
	out->dir = g_dir_make_tmp("gig-stdin-XXXXXX", &e);
	if (out->dir == NULL) {
		g_set_error(error, GIG_ERROR, GIG_ERROR_IO, "%s", e->message);
		g_error_free(e);
		return false;
	}
	out->path = g_build_filename(out->dir, "stdin", NULL);
	int fd = g_open(out->path, O_WRONLY | O_CREAT | O_EXCL, 0600);
	bool ok = fd >= 0;
	char buf[65536];
	while (ok) {
		ssize_t n = read(STDIN_FILENO, buf, sizeof(buf));
		if (n == 0)
			break;
		if (n < 0 && errno == EINTR)
			continue;
		ok = n > 0;
		for (ssize_t done = 0; ok && done < n;) {
			ssize_t w = write(fd, buf + done, (size_t)(n - done));
			if (w < 0 && errno == EINTR)
				continue;
			ok = w > 0;
			done += w > 0 ? w : 0;
		}
	}
	int err = errno;
	if (fd >= 0 && close(fd) != 0 && ok) {
		ok = false;
		err = errno;
	}
	if (!ok) {
		g_set_error(error, GIG_ERROR, GIG_ERROR_IO, "copying standard input: %s",
		            g_strerror(err));
		gig_cli_stdin_clear(out);
	}
	return ok;
}

void
gig_cli_stdin_clear(gig_cli_stdin *s)
{
	if (s->path != NULL)
		g_unlink(s->path);
	if (s->dir != NULL)
		g_rmdir(s->dir);
	g_clear_pointer(&s->path, g_free);
	g_clear_pointer(&s->dir, g_free);
}

void
gig_cli_stdin_rename(const gig_cli_stdin *s, GError *error)
{
	if (error == NULL || s->path == NULL)
		return;
	size_t n = strlen(s->path);
	char *at = strstr(error->message, s->path);
	if (at == NULL)
		return;
	char *msg =
	    g_strdup_printf("%.*sstdin%s", (int)(at - error->message), error->message, at + n);
	g_free(error->message);
	error->message = msg;
}

static int
import_file(gig_cli *cli, int argc, char **argv)
{
	g_autofree char *account = NULL, *encoding = NULL, *date_format = NULL, *profile = NULL;
	g_autofree char *save = NULL;
	g_auto(GStrv) account_for = NULL;
	gboolean dry_run = false, json = false, rows = false;
	GOptionEntry entries[] = {
	    {"account", 'a', 0, G_OPTION_ARG_STRING, &account, "account to import into", "NAME"},
	    {"account-for", 0, 0, G_OPTION_ARG_STRING_ARRAY, &account_for,
	     "rows in CUR go to account NAME (repeatable)", "CUR=NAME"},
	    {"dry-run", 'n', 0, G_OPTION_ARG_NONE, &dry_run,
	     "show what would happen, change nothing", NULL},
	    {"json", 0, 0, G_OPTION_ARG_NONE, &json, "print a JSON summary", NULL},
	    {"rows", 0, 0, G_OPTION_ARG_NONE, &rows, "with --json: list every row", NULL},
	    {"encoding", 0, 0, G_OPTION_ARG_STRING, &encoding,
	     "file encoding (UTF-8, UTF-16LE, WINDOWS-1252, ...)", "ENC"},
	    {"date-format", 0, 0, G_OPTION_ARG_STRING, &date_format,
	     "date format of the file, e.g. %d/%m/%Y", "FMT"},
	    {"profile", 'p', 0, G_OPTION_ARG_STRING, &profile, "bank profile name or .ini path",
	     "NAME"},
	    {"save-profile", 0, 0, G_OPTION_ARG_STRING, &save,
	     "save the guesses as profile NAME (then --profile)", "NAME"},
	    {NULL, 0, 0, 0, NULL, NULL, NULL}};
	g_autoptr(GOptionContext) ctx = gig_cli_context(
	    "FILE", "Import a bank statement: CSV, OFX/QFX, CAMT.053, QIF or MT940.",
	    "The format is told by the content; FILE '-' reads standard input.\n"
	    "Re-importing a file or an overlapping export adds nothing.\n"
	    "Examples:\n  gig import ~/Downloads/statement.csv --account Checking --dry-run\n"
	    "  gig import statement.ofx --account Card\n"
	    "  curl -s URL | gig import - --account Checking\n"
	    "  gig import paypal.csv --account PayPal --json\n"
	    "  gig import wise.csv --account Wise --account-for USD=Wise-USD \\\n"
	    "      --account-for GBP=Wise-GBP\n"
	    "  gig import list\n  gig import undo 3 --yes\n"
	    "  gig import record 1042   (the line of the export transaction 1042 came from)\n"
	    "  gig import odd.csv --dry-run --save-profile mybank\n"
	    "  gig import next-month.csv --profile mybank\n"
	    "--dry-run lists each column's role, its score (0-100), why, and the runner-up.\n"
	    "--save-profile writes $XDG_CONFIG_HOME/gigledger/profiles/NAME.ini (0600).\n"
	    "Rows with a currency column go to the account of their currency: --account's,\n"
	    "--account-for's, else the ledger's one account in that currency (none or\n"
	    "several: an error naming the line); a conversion's two rows become a transfer.\n"
	    "Warnings go to stderr: the first five of a kind, then how many more.\n"
	    "The JSON keys are listed in docs/json.md.\n"
	    "A row that is the bank's side of one entered by hand (same account and amount,\n"
	    "within 5 days, a like payee or a gig's payment) confirms it instead of adding\n"
	    "a second; unsure pairs are listed with the 'gig txn merge' that joins them.",
	    entries);
	int rc = gig_cli_parse(ctx, "import", &argc, &argv);
	if (rc != GIG_EXIT_OK)
		return rc;
	if (argc != 2)
		return gig_cli_usage("import", "import needs exactly one FILE");
	/* a distributor's royalty statement is not a bank export: record it as earned */
	const char *statement = NULL;
	if (profile == NULL && gig_statement_detect(argv[1], &statement, NULL) && statement) {
		if (!cli->quiet)
			fprintf(stderr,
			        "gig: %s is a %s royalty statement, not a bank export: %s it as "
			        "royalties earned, as 'gig statements import' does.\n",
			        gig_cli_text(argv[1]), statement,
			        dry_run ? "would record" : "recording");
		return dry_run ? GIG_EXIT_OK : gig_cli_statement_import(cli, argv[1], NULL, json);
	}
	if (save != NULL && !profile_name_ok(save))
		return gig_cli_usage("import",
		                     "--save-profile needs a NAME of letters, digits, '.', '_' "
		                     "or '-'");
	g_autoptr(GPtrArray) dirs = profile_dirs(cli);
	struct progress prog = {0};
	gig_import_options o = GIG_IMPORT_OPTIONS_INIT;
	o.account = account;
	o.encoding = encoding;
	o.date_format = date_format;
	o.profile = profile;
	o.profile_dirs = (const char *const *)dirs->pdata;
	o.dry_run = dry_run;
	o.keep_rows = rows;
	o.today = cli->today;
	o.account_for = (const char *const *)account_for;
	g_autoptr(GPtrArray) payers = NULL;
	gig_cli_payer_calendars_soft(cli, &payers);
	o.payers = payers;
	if (isatty(STDERR_FILENO) && !cli->quiet && !json) {
		o.progress = on_progress;
		o.payload = &prog;
		prog.last_us = g_get_monotonic_time();
	}
	g_autoptr(GError) error = NULL;
	g_autoptr(gig_ledger) ledger = NULL;
	g_autoptr(gig_import_result) res = NULL;
	/* standard input is read first, so that a failed read leaves no snapshot */
	gig_cli_stdin in = {0};
	bool piped = strcmp(argv[1], "-") == 0;
	bool ok = (!piped || gig_cli_stdin_spool(&in, &error)) &&
	          gig_cli_open(cli, &ledger, &error) &&
	          (dry_run || gig_cli_snapshot(cli, ledger, "import")) &&
	          gig_import_file(ledger, piped ? in.path : argv[1], &o, &res, &error);
	gig_cli_stdin_rename(&in, error);
	gig_cli_stdin_clear(&in);
	if (prog.shown)
		fprintf(stderr, "\r\033[K");
	if (!ok)
		return gig_cli_fail(error);
	g_autofree char *saved = NULL;
	if (save != NULL && !save_profile(cli, save, res, &saved, &error))
		return gig_cli_fail(error);
	if (saved != NULL && !cli->quiet)
		fprintf(stderr, "Saved profile %s (%s)\n", save, gig_cli_text(saved));
	/* what to move to the tax reserve for the income this import brought (issue 13);
	 * a tax profile that cannot be read is only a warning: the import is done */
	int64_t set_aside = -1;
	size_t receipts = 0;
	if (!dry_run && res->batch_id > 0) {
		gig_tax_profile tax;
		g_autoptr(GError) tax_error = NULL;
		if (!gig_cli_tax_profile(cli, ledger, &tax, &tax_error) ||
		    !gig_tax_batch_set_aside(ledger, &tax, res->batch_id, &set_aside, &receipts,
		                             &tax_error)) {
			fprintf(stderr, "gig import: warning: no tax set-aside: %s\n",
			        gig_cli_text(tax_error->message));
			set_aside = -1;
		}
	}
	if (json)
		print_json(res, dry_run, set_aside);
	else
		print_text(res, dry_run);
	if (!json && !cli->quiet && set_aside > 0) {
		char m[GIG_MONEY_BUFSZ];
		fprintf(stderr,
		        "Move %s to the tax reserve for the %zu receipt(s) it brought (gig tax "
		        "set-aside).\n",
		        gig_cli_money(m, set_aside, res->currency), receipts);
	}
	return GIG_EXIT_OK;
}

static int
import_list(gig_cli *cli, int argc, char **argv)
{
	gboolean json = false;
	GOptionEntry entries[] = {{"json", 0, 0, G_OPTION_ARG_NONE, &json, "print JSON", NULL},
	                          {NULL, 0, 0, 0, NULL, NULL, NULL}};
	g_autoptr(GOptionContext) ctx =
	    gig_cli_context("", "List import batches, newest first.",
	                    "Examples:\n  gig import list\n  gig import list --json\n\n"
	                    "The JSON keys are listed in docs/json.md.",
	                    entries);
	int rc = gig_cli_parse(ctx, "import list", &argc, &argv);
	if (rc != GIG_EXIT_OK)
		return rc;
	if (argc > 1)
		return gig_cli_usage("import", "unexpected argument '%s'", argv[1]);
	g_autoptr(GError) error = NULL;
	g_autoptr(gig_ledger) ledger = NULL;
	g_autoptr(GPtrArray) list = NULL;
	if (!gig_cli_open(cli, &ledger, &error) || !gig_import_batches(ledger, &list, &error))
		return gig_cli_fail(error);
	if (json) {
		g_autoptr(JsonBuilder) b = json_builder_new();
		json_builder_begin_object(b);
		json_builder_set_member_name(b, "batches");
		json_builder_begin_array(b);
		for (size_t i = 0; i < list->len; i++) {
			const gig_import_batch *x = list->pdata[i];
			json_builder_begin_object(b);
			json_int(b, "id", x->id);
			json_str(b, "account", x->account);
			json_str(b, "file", x->file_name);
			json_str(b, "sha256", x->file_sha256);
			json_str(b, "imported_on", x->imported_on);
			json_str(b, "profile", x->profile);
			json_int(b, "inserted", x->inserted);
			json_int(b, "duplicates", x->duplicates);
			json_int(b, "pending", x->pending);
			json_int(b, "skipped_rows", x->skipped_rows);
			json_int(b, "sum_minor", x->sum_minor);
			json_int(b, "remaining", x->remaining);
			json_builder_end_object(b);
		}
		json_builder_end_array(b);
		json_builder_end_object(b);
		gig_cli_print_json(b);
		return GIG_EXIT_OK;
	}
	if (list->len == 0)
		printf("No imports yet.\n");
	for (size_t i = 0; i < list->len; i++) {
		const gig_import_batch *x = list->pdata[i];
		printf("%4" G_GINT64_FORMAT "  %-10s  %-12s  %-30s  %" G_GINT64_FORMAT
		       " new, %" G_GINT64_FORMAT " duplicates, %" G_GINT64_FORMAT " pending\n",
		       x->id, x->imported_on, gig_cli_text(x->account), gig_cli_text(x->file_name),
		       x->inserted, x->duplicates, x->pending);
	}
	return GIG_EXIT_OK;
}

static int
import_undo(gig_cli *cli, int argc, char **argv)
{
	gboolean yes = false;
	GOptionEntry entries[] = {{"yes", 'y', 0, G_OPTION_ARG_NONE, &yes,
	                           "do not ask (required without a terminal)", NULL},
	                          {NULL, 0, 0, 0, NULL, NULL, NULL}};
	g_autoptr(GOptionContext) ctx =
	    gig_cli_context("BATCH",
	                    "Remove an import batch and every transaction it added, except those\n"
	                    "another batch's file also contained (they stay, in that batch).",
	                    "Example:\n  gig import undo 3 --yes", entries);
	int rc = gig_cli_parse(ctx, "import undo", &argc, &argv);
	if (rc != GIG_EXIT_OK)
		return rc;
	char *end = NULL;
	int64_t id = argc == 2 ? g_ascii_strtoll(argv[1], &end, 10) : 0;
	if (argc != 2 || end == NULL || *end != '\0' || id <= 0)
		return gig_cli_usage("import",
		                     "import undo needs one BATCH number (gig import list)");
	if (!yes && !isatty(STDIN_FILENO))
		return gig_cli_usage("import", "import undo needs --yes when not on a terminal");
	g_autoptr(GError) error = NULL;
	g_autoptr(gig_ledger) ledger = NULL;
	if (!gig_cli_open(cli, &ledger, &error))
		return gig_cli_fail(error);
	if (!yes) {
		g_autofree char *q = g_strdup_printf(
		    "Remove import batch %" G_GINT64_FORMAT " and its transactions?", id);
		if (!gig_cli_confirm(q)) {
			fprintf(stderr, "Nothing removed.\n");
			return GIG_EXIT_FAILURE;
		}
	}
	int64_t removed = 0;
	gig_cli_snapshot(cli, ledger, "undo");
	if (!gig_import_undo(ledger, id, &removed, &error))
		return gig_cli_fail(error);
	if (!cli->quiet)
		fprintf(stderr,
		        "Removed batch %" G_GINT64_FORMAT " (%" G_GINT64_FORMAT " transactions).\n",
		        id, removed);
	return GIG_EXIT_OK;
}

static int
import_record(gig_cli *cli, int argc, char **argv)
{
	GOptionEntry entries[] = {{NULL, 0, 0, 0, NULL, NULL, NULL}};
	g_autoptr(GOptionContext) ctx = gig_cli_context(
	    "TXN", "Print the record of a bank export that transaction TXN was imported from.",
	    "Example:\n  gig import record 1042\n(transaction ids: gig export --format json)",
	    entries);
	int rc = gig_cli_parse(ctx, "import record", &argc, &argv);
	if (rc != GIG_EXIT_OK)
		return rc;
	char *end = NULL;
	int64_t id = argc == 2 ? g_ascii_strtoll(argv[1], &end, 10) : 0;
	if (argc != 2 || end == NULL || *end != '\0' || id <= 0)
		return gig_cli_usage("import", "import record needs one transaction number");
	g_autoptr(GError) error = NULL;
	g_autoptr(gig_ledger) ledger = NULL;
	g_autofree char *text = NULL;
	if (!gig_cli_open(cli, &ledger, &error) || !gig_import_raw_row(ledger, id, &text, &error))
		return gig_cli_fail(error);
	/* a statement's record (OFX, CAMT.053, QIF, MT940) has several lines: each is
	 * printed as a line, escaped on its own */
	g_auto(GStrv) lines = g_strsplit(text, "\n", -1);
	for (size_t i = 0; lines[i]; i++)
		printf("%s\n", gig_cli_text(lines[i]));
	return GIG_EXIT_OK;
}

int
gig_cmd_import(gig_cli *cli, int argc, char **argv)
{
	if (argc >= 2 && strcmp(argv[1], "record") == 0)
		return import_record(cli, argc - 1, argv + 1);
	if (argc >= 2 && strcmp(argv[1], "list") == 0)
		return import_list(cli, argc - 1, argv + 1);
	if (argc >= 2 && strcmp(argv[1], "undo") == 0)
		return import_undo(cli, argc - 1, argv + 1);
	return import_file(cli, argc, argv);
}
