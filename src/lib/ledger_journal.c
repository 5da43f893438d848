/*
 * ledger_journal.c: the ledger as a plain-text accounting journal, for
 * hledger and ledger (one syntax both read) or for beancount.
 *
 * The journal is written so that the tools' strict modes accept it:
 * `hledger check --strict` and `hledger check payees`, `ledger --pedantic`
 * and `bean-check`.  Every account, commodity, payee and tag is declared
 * before the first entry, which needs one pass over the transactions to
 * collect them and a second to write the entries.
 *
 * Mapping: every gig account becomes assets:NAME (liabilities:NAME for cards)
 * with an "opening balances" entry against equity:opening; every posted
 * transaction is one entry with two postings, the account and its category
 * (income:..., expenses:..., equity:transfers:..., or
 * income/expenses:uncategorised).  Pending transactions are written as
 * comments, because gig's balances leave them out.  Invoices open today are
 * entries of their own, flagged pending ('!') and tagged `receivable`:
 * assets:receivables:CLIENT against income:STREAM, so `hledger bal -C` (or
 * `not:tag:receivable`) gives the cash view gig reports, and the full
 * balance the accrual one.
 *
 * With a start date (--from), everything before it is summed into one
 * "balance brought forward" entry per account on that date, so the balances
 * at the end of the journal are still the ledger's; with an end date (--to)
 * later transactions are left out.
 */
#include <string.h>

#include "db.h"
#include "gigledger/rates.h"
#include "internal.h"

typedef enum { JOURNAL_LEDGER, JOURNAL_BEANCOUNT } journal_kind;

struct journal {
	journal_kind kind;
	FILE *out;
	gig_date from, to;
	GPtrArray *accounts;        /* gig_account*, borrowed from the caller */
	GHashTable *names;          /* account id (int64*) -> journal account name */
	GHashTable *used_names;     /* every journal account name: name -> "" (declarations) */
	GHashTable *payees;         /* payee texts to declare */
	GHashTable *currencies;     /* currency codes to declare */
	GHashTable *prior;          /* account id -> int64 sum of posted rows before `from` */
	GPtrArray *receivables;     /* gig_gig*, open invoices to write */
	GPtrArray *stream_accounts; /* char*: the income account of each receivable */
};

/* ---- names -------------------------------------------------------------- */

/* One line of outside text for a description or comment: blanks for line
 * breaks and tabs, every other control character escaped. */
static char *
one_line(const char *s)
{
	g_autofree char *r = g_strdup(s ? s : "");
	for (char *p = r; *p; p++)
		if (*p == '\n' || *p == '\r' || *p == '\t')
			*p = ' ';
	return g_strstrip(gig_text_visible(r));
}

/* Text in a comment: a word directly followed by ':' would be read as a tag
 * by both hledger and ledger (and then fail ledger --pedantic as undeclared),
 * so such a colon gets a space before it. */
static char *
comment_text(const char *s)
{
	g_autofree char *line = one_line(s);
	GString *r = g_string_new(NULL);
	for (const char *p = line; *p; p++) {
		if (*p == ':' && p > line && !g_ascii_isspace(p[-1]))
			g_string_append_c(r, ' ');
		g_string_append_c(r, *p);
	}
	return g_string_free(r, false);
}

/* A description for the ledger syntax: ';' would start a comment, so it
 * becomes ','; "" becomes a word. */
static char *
ledger_description(const char *payee)
{
	char *d = one_line(payee);
	for (char *p = d; *p; p++)
		if (*p == ';')
			*p = ',';
	if (*d == '\0') {
		g_free(d);
		d = g_strdup("no payee");
	}
	return d;
}

/*
 * An hledger/ledger account name under `prefix`: each ':'-separated part of
 * `raw` becomes a sub-account with its blanks squeezed to one space (two
 * spaces end an account name); a leading part equal to the prefix ("Income:
 * Mixing" under "income") is dropped.
 */
static char *
ledger_account(const char *prefix, const char *raw)
{
	GString *s = g_string_new(prefix);
	g_autofree char *name = gig_text_visible(raw);
	g_auto(GStrv) parts = g_strsplit(name, ":", -1);
	for (int i = 0; parts[i]; i++) {
		g_autofree char *part = g_strstrip(g_strdup(parts[i]));
		if (*part == '\0')
			continue;
		if (i == 0 && parts[1] && g_ascii_strcasecmp(part, prefix) == 0)
			continue;
		g_string_append_c(s, ':');
		bool space = false;
		for (const char *p = part; *p; p++) {
			if (g_ascii_isspace(*p) || *p == ';') {
				space = true;
				continue;
			}
			if (space)
				g_string_append_c(s, ' ');
			space = false;
			g_string_append_c(s, *p);
		}
	}
	return g_string_free(s, false);
}

/*
 * A beancount account component: ASCII letters, digits and '-', starting with
 * a capital letter or a digit.  Accented letters are transliterated; what is
 * left of other scripts becomes '-'; an empty result is "X".
 */
static void
bean_component(GString *s, const char *part)
{
	g_autofree char *ascii = g_str_to_ascii(part, "C");
	size_t start = s->len;
	bool dash = false;
	for (const char *p = ascii; *p; p++) {
		if (g_ascii_isalnum(*p)) {
			if (dash && s->len > start)
				g_string_append_c(s, '-');
			dash = false;
			g_string_append_c(s, *p);
		} else {
			dash = true;
		}
	}
	if (s->len == start)
		g_string_append_c(s, 'X');
	s->str[start] = g_ascii_toupper(s->str[start]);
}

/* Beancount's account for `raw` under a root ("Assets", "Income", ...). */
static char *
bean_account(const char *root, const char *raw)
{
	GString *s = g_string_new(root);
	g_auto(GStrv) parts = g_strsplit(raw, ":", -1);
	for (int i = 0; parts[i]; i++) {
		g_autofree char *part = g_strstrip(g_strdup(parts[i]));
		if (*part == '\0')
			continue;
		if (i == 0 && parts[1] && g_ascii_strcasecmp(part, root) == 0)
			continue;
		g_string_append_c(s, ':');
		bean_component(s, part);
	}
	return g_string_free(s, false);
}

/* A root and a name in the journal's syntax: `root` is the lower-case ledger
 * root ("income", "equity:transfers"); beancount capitalises each part. */
static char *
account_name(const struct journal *j, const char *root, const char *raw)
{
	if (j->kind == JOURNAL_LEDGER)
		return ledger_account(root, raw);
	g_autoptr(GString) broot = g_string_new(NULL);
	g_auto(GStrv) parts = g_strsplit(root, ":", -1);
	for (int i = 0; parts[i]; i++) {
		if (i)
			g_string_append_c(broot, ':');
		bean_component(broot, parts[i]);
	}
	return raw ? bean_account(broot->str, raw) : g_strdup(broot->str);
}

/* Remembers a journal account name for the declarations; returns it. */
static const char *
use_account(struct journal *j, char *name)
{
	char *had = g_hash_table_lookup(j->used_names, name);
	if (had) {
		g_free(name);
		return had;
	}
	g_hash_table_add(j->used_names, name);
	return name;
}

/* The other side of a transaction: its category, as an account. */
static const char *
category_account(struct journal *j, const gig_txn *t)
{
	char *name;
	if (t->category == NULL)
		name =
		    account_name(j, t->amount_minor >= 0 ? "income" : "expenses", "uncategorised");
	else if (t->category_kind == GIG_CATEGORY_TRANSFER)
		name = account_name(j, "equity:transfers", t->category);
	else
		name =
		    account_name(j, t->category_kind == GIG_CATEGORY_INCOME ? "income" : "expenses",
		                 t->category);
	return use_account(j, name);
}

static const char *
kind_root(gig_account_kind kind)
{
	return kind == GIG_ACCOUNT_CARD ? "liabilities" : "assets";
}

/* Journal names for the gig accounts, kept apart when two squeeze to one. */
static void
name_accounts(struct journal *j)
{
	for (unsigned i = 0; i < j->accounts->len; i++) {
		gig_account *a = j->accounts->pdata[i];
		char *name = account_name(j, kind_root(a->kind), a->name);
		g_autofree char *root = account_name(j, kind_root(a->kind), NULL);
		if (g_hash_table_contains(j->used_names, name) || strcmp(name, root) == 0) {
			char *unique =
			    g_strdup_printf(j->kind == JOURNAL_LEDGER ? "%s #%" G_GINT64_FORMAT
			                                              : "%s-%" G_GINT64_FORMAT,
			                    name, a->id);
			if (strcmp(name, root) == 0 && j->kind == JOURNAL_BEANCOUNT) {
				g_free(unique);
				unique = g_strdup_printf("%s:A%" G_GINT64_FORMAT, name, a->id);
			}
			g_free(name);
			name = unique;
		}
		g_hash_table_add(j->used_names, name);
		g_hash_table_insert(j->names, &a->id, name);
		g_hash_table_add(j->currencies, g_strdup(a->currency));
	}
}

/* ---- pass 1: what the journal will declare ---------------------------------- */

static bool
in_range(const struct journal *j, gig_date d)
{
	return (j->from == GIG_DATE_NONE || d >= j->from) && (j->to == GIG_DATE_NONE || d <= j->to);
}

/* Declares a payee as the tools see it: ledger takes the whole description,
 * hledger the part before a '|' (the rest is its "note"), so both are declared. */
static void
add_payee(struct journal *j, const char *payee)
{
	if (j->kind != JOURNAL_LEDGER) {
		g_hash_table_add(j->payees, one_line(payee));
		return;
	}
	char *d = ledger_description(payee);
	const char *bar = strchr(d, '|');
	if (bar != NULL && bar > d) {
		char *before = g_strstrip(g_strndup(d, (size_t)(bar - d)));
		if (*before)
			g_hash_table_add(j->payees, before);
		else
			g_free(before);
	}
	g_hash_table_add(j->payees, d);
}

static bool
collect_txn(const gig_txn *t, void *payload)
{
	struct journal *j = payload;
	if (t->pending)
		return true;
	if (j->to != GIG_DATE_NONE && t->posted_on > j->to)
		return true;
	if (j->from != GIG_DATE_NONE && t->posted_on < j->from) {
		int64_t *sum = g_hash_table_lookup(j->prior, &t->account_id);
		if (sum == NULL) {
			int64_t *key = g_new(int64_t, 1);
			*key = t->account_id;
			sum = g_new0(int64_t, 1);
			g_hash_table_insert(j->prior, key, sum);
		}
		/* Money amounts are bounded (GIG_AMOUNT_MAX), so a sum of a ledger's
		 * rows cannot overflow int64 before the ledger's own balance does. */
		*sum += t->amount_minor;
		return true;
	}
	category_account(j, t);
	add_payee(j, t->payee);
	g_hash_table_add(j->currencies, g_strdup(t->currency));
	return true;
}

/* The income account of a gig's stream: the account of the category its payments
 * land in (the schema gives each stream one), so the open invoice and the payments
 * of one gig meet in one account. */
static char *
stream_account(struct journal *j, gig_ledger *ledger, gig_stream stream, GError **error)
{
	sqlite3 *db = gig__ledger_db(ledger);
	g_autoptr(sqlite3_stmt) st = NULL;
	if (!gig__db_prepare(db, "SELECT name FROM categories WHERE stream = ?1", &st, error))
		return NULL;
	sqlite3_bind_text(st, 1, gig_stream_name(stream), -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		return account_name(j, "income", (const char *)sqlite3_column_text(st, 0));
	if (rc != SQLITE_DONE) {
		gig__db_fail(db, rc, "looking up the stream's category", error);
		return NULL;
	}
	return account_name(j, "income", gig_stream_name(stream));
}

/* Invoices open today, invoiced by the end date, with what is left to pay. */
static bool
collect_receivables(struct journal *j, gig_ledger *ledger, GError **error)
{
	g_autoptr(GPtrArray) gigs = NULL;
	if (!gig_ledger_gigs(ledger, true, &gigs, error))
		return false;
	j->stream_accounts = g_ptr_array_new_with_free_func(g_free);
	for (unsigned i = 0; i < gigs->len; i++) {
		gig_gig *g = gigs->pdata[i];
		if (g->invoiced_on == GIG_DATE_NONE || g->amount_minor - g->paid_minor <= 0)
			continue;
		if (j->to != GIG_DATE_NONE && g->invoiced_on > j->to)
			continue;
		char *income = stream_account(j, ledger, g->stream, error);
		if (income == NULL)
			return false;
		g_ptr_array_add(j->receivables, g_steal_pointer(&gigs->pdata[i]));
		g_ptr_array_add(j->stream_accounts, g_strdup(use_account(j, income)));
		use_account(j, account_name(j, "assets:receivables", g->client));
		add_payee(j, g->client);
		g_hash_table_add(j->currencies, g_strdup(g->currency));
	}
	return true;
}

/* ---- writing ------------------------------------------------------------------ */

static int
str_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The keys of a set, sorted, so the output does not depend on hashing. */
static GPtrArray *
sorted_keys(GHashTable *set)
{
	GPtrArray *keys = g_ptr_array_new();
	GHashTableIter it;
	gpointer k;
	g_hash_table_iter_init(&it, set);
	while (g_hash_table_iter_next(&it, &k, NULL))
		g_ptr_array_add(keys, k);
	g_ptr_array_sort(keys, str_cmp);
	return keys;
}

/* A beancount string literal's content: '"' and '\' escaped. */
static char *
bean_string(const char *s)
{
	g_autofree char *line = one_line(s);
	GString *r = g_string_new(NULL);
	for (const char *p = line; *p; p++) {
		if (*p == '"' || *p == '\\')
			g_string_append_c(r, '\\');
		g_string_append_c(r, *p);
	}
	return g_string_free(r, false);
}

static void
write_declarations(struct journal *j, gig_ledger *ledger)
{
	FILE *out = j->out;
	const char *base = gig_ledger_base_currency(ledger);
	if (j->kind == JOURNAL_BEANCOUNT)
		fprintf(out,
		        "; gigledger export (beancount)\noption \"title\" \"gigledger\"\n"
		        "option \"operating_currency\" \"%s\"\n\n",
		        base);
	else
		fprintf(out,
		        "; gigledger export (hledger and ledger journal)\n\ndecimal-mark .\n\n");

	g_autoptr(GPtrArray) currencies = sorted_keys(j->currencies);
	for (unsigned i = 0; i < currencies->len; i++)
		fprintf(out,
		        j->kind == JOURNAL_LEDGER ? "commodity %s\n" : "1970-01-01 commodity %s\n",
		        (char *)currencies->pdata[i]);
	fputc('\n', out);
	g_autoptr(GPtrArray) names = sorted_keys(j->used_names);
	for (unsigned i = 0; i < names->len; i++)
		fprintf(out, j->kind == JOURNAL_LEDGER ? "account %s\n" : "1970-01-01 open %s\n",
		        (char *)names->pdata[i]);
	fputc('\n', out);
	if (j->kind == JOURNAL_LEDGER) {
		fprintf(out, "tag receivable\n\n");
		g_autoptr(GPtrArray) payees = sorted_keys(j->payees);
		for (unsigned i = 0; i < payees->len; i++)
			fprintf(out, "payee %s\n", (char *)payees->pdata[i]);
		fputc('\n', out);
	}
}

/* One two-posting entry.  `flag` is '*' or '!'; `tag` NULL or a tag name. */
static void
write_entry(struct journal *j, gig_date on, char flag, const char *payee, const char *memo,
            const char *tag, const char *account, const char *other, int64_t minor,
            const char *currency)
{
	char date[GIG_DATE_BUFSZ], amt[GIG_MONEY_BUFSZ], neg[GIG_MONEY_BUFSZ];
	int e = gig_currency_exponent(currency);
	gig_date_format(date, on);
	gig_money_format(amt, minor, e, false);
	/* The other posting's amount is left for the tool to infer, which also
	 * covers INT64_MIN, whose negation does not exist. */
	bool explicit_other = minor != INT64_MIN;
	if (explicit_other)
		gig_money_format(neg, -minor, e, false);
	if (j->kind == JOURNAL_LEDGER) {
		g_autofree char *desc = ledger_description(payee);
		g_autofree char *note = memo && *memo ? comment_text(memo) : NULL;
		fprintf(j->out, "%s %c %s", date, flag, desc);
		if (note || tag)
			fprintf(j->out, "  ; %s%s%s", note ? note : "", note && tag ? ", " : "",
			        tag ? tag : "");
		if (tag)
			fputc(':', j->out);
		fputc('\n', j->out);
		fprintf(j->out, "    %s  %s %s\n", account, amt, currency);
		if (explicit_other)
			fprintf(j->out, "    %s  %s %s\n\n", other, neg, currency);
		else
			fprintf(j->out, "    %s\n\n", other);
	} else {
		g_autofree char *p = bean_string(payee);
		g_autofree char *n = bean_string(memo);
		fprintf(j->out, "%s %c \"%s\" \"%s\"%s%s\n", date, flag, p, n, tag ? " #" : "",
		        tag ? tag : "");
		fprintf(j->out, "  %s  %s %s\n", account, amt, currency);
		if (explicit_other)
			fprintf(j->out, "  %s  %s %s\n\n", other, neg, currency);
		else
			fprintf(j->out, "  %s\n\n", other);
	}
}

static void
write_openings(struct journal *j)
{
	const char *equity = use_account(j, account_name(j, "equity:opening", NULL));
	for (unsigned i = 0; i < j->accounts->len; i++) {
		gig_account *a = j->accounts->pdata[i];
		const char *name = g_hash_table_lookup(j->names, &a->id);
		gig_date on = a->opening_date == GIG_DATE_NONE ? 0 : a->opening_date;
		int64_t minor = a->opening_minor;
		bool forward = j->from != GIG_DATE_NONE && on < j->from;
		if (j->to != GIG_DATE_NONE && on > j->to)
			minor = 0;
		if (forward) {
			const int64_t *prior = g_hash_table_lookup(j->prior, &a->id);
			minor += prior ? *prior : 0;
			on = j->from;
		}
		if (minor == 0)
			continue;
		write_entry(j, on, '*', forward ? "balance brought forward" : "opening balances",
		            NULL, NULL, name, equity, minor, a->currency);
	}
}

static bool
write_txn(const gig_txn *t, void *payload)
{
	struct journal *j = payload;
	if (!in_range(j, t->posted_on))
		return true;
	const char *acct = g_hash_table_lookup(j->names, &t->account_id);
	if (t->pending) {
		/* Shown, not counted: the entry as a comment block. */
		char date[GIG_DATE_BUFSZ], amt[GIG_MONEY_BUFSZ];
		g_autofree char *payee = comment_text(t->payee);
		fprintf(j->out, "; pending, not counted in balances: %s %s %s %s (%s)\n\n",
		        gig_date_format(date, t->posted_on), payee,
		        gig_money_format(amt, t->amount_minor, gig_currency_exponent(t->currency),
		                         false),
		        t->currency, acct);
		return true;
	}
	const char *other = category_account(j, t);
	write_entry(j, t->posted_on, '*', t->payee, t->memo, NULL, acct, other, t->amount_minor,
	            t->currency);
	return true;
}

static void
write_receivables(struct journal *j)
{
	for (unsigned i = 0; i < j->receivables->len; i++) {
		gig_gig *g = j->receivables->pdata[i];
		g_autofree char *recv = account_name(j, "assets:receivables", g->client);
		const char *income = j->stream_accounts->pdata[i];
		char due[GIG_DATE_BUFSZ] = "";
		if (g->due_on != GIG_DATE_NONE)
			gig_date_format(due, g->due_on);
		g_autofree char *memo =
		    g_strdup_printf("open invoice, gig #%" G_GINT64_FORMAT "%s%s", g->id,
		                    *due ? ", due " : "", due);
		write_entry(j, g->invoiced_on, '!', g->client, memo, "receivable", recv, income,
		            g->amount_minor - g->paid_minor, g->currency);
	}
}

/*
 * The exchange rates (rates.h) between currencies the journal uses, or EUR (the
 * cross rates go through it), as price directives: "P DATE BASE RATE QUOTE" (hledger,
 * ledger) or "DATE price BASE RATE QUOTE" (beancount), so that `hledger balance -X
 * EUR` converts with gig's rates (hledger also uses a price's reverse and chains).
 */
static bool
write_prices(struct journal *j, gig_ledger *ledger, GError **error)
{
	if (g_hash_table_size(j->currencies) < 2)
		return true;
	g_autoptr(GPtrArray) rates = NULL;
	if (!gig_ledger_rates(ledger, &rates, error))
		return false;
	bool any = false;
	for (unsigned i = 0; i < rates->len; i++) {
		const gig_rate *r = rates->pdata[i];
		bool b =
		    strcmp(r->base, "EUR") == 0 || g_hash_table_contains(j->currencies, r->base);
		bool q =
		    strcmp(r->quote, "EUR") == 0 || g_hash_table_contains(j->currencies, r->quote);
		if (!b || !q)
			continue;
		char d[GIG_DATE_BUFSZ];
		gig_date_format(d, r->on);
		fprintf(j->out,
		        j->kind == JOURNAL_LEDGER ? "P %s %s %s %s\n" : "%s price %s %s %s\n", d,
		        r->base, r->rate, r->quote);
		any = true;
	}
	if (any)
		fputc('\n', j->out);
	return true;
}

bool
gig__export_journal(gig_ledger *ledger, bool beancount, gig_date from, gig_date to, FILE *out,
                    GError **error)
{
	g_autoptr(GPtrArray) accounts = NULL;
	if (!gig_ledger_accounts(ledger, &accounts, error))
		return false;
	struct journal j = {
	    .kind = beancount ? JOURNAL_BEANCOUNT : JOURNAL_LEDGER,
	    .out = out,
	    .from = from,
	    .to = to,
	    .accounts = accounts,
	    .names = g_hash_table_new(g_int64_hash, g_int64_equal),
	    .used_names = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL),
	    .payees = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL),
	    .currencies = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL),
	    .prior = g_hash_table_new_full(g_int64_hash, g_int64_equal, g_free, g_free),
	    .receivables = g_ptr_array_new_with_free_func((GDestroyNotify)gig_gig_free),
	};
	name_accounts(&j);
	use_account(&j, account_name(&j, "equity:opening", NULL));
	add_payee(&j, "opening balances");
	if (from != GIG_DATE_NONE)
		add_payee(&j, "balance brought forward");
	bool ok = gig_ledger_txn_foreach(ledger, collect_txn, &j, error) &&
	          collect_receivables(&j, ledger, error);
	if (ok) {
		write_declarations(&j, ledger);
		ok = write_prices(&j, ledger, error);
	}
	if (ok) {
		write_openings(&j);
		ok = gig_ledger_txn_foreach(ledger, write_txn, &j, error);
	}
	if (ok)
		write_receivables(&j);
	g_hash_table_destroy(j.names); /* values are owned by used_names */
	g_hash_table_destroy(j.used_names);
	g_hash_table_destroy(j.payees);
	g_hash_table_destroy(j.currencies);
	g_hash_table_destroy(j.prior);
	g_ptr_array_free(j.receivables, true);
	if (j.stream_accounts)
		g_ptr_array_free(j.stream_accounts, true);
	return ok;
}
