/*
 * import_confirm.c: a bank row that is the bank's side of a row entered by hand.
 *
 * After an import has stored its rows (and before transfers and invoices look at
 * them), every hand-entered row of the account (transactions_by_hand: a few, however
 * large the ledger) within GIG_CONFIRM_DAYS of the batch's dates is paired with the
 * batch's rows of the same amount and sign within GIG_CONFIRM_DAYS of it: one
 * statement, from the hand rows through that index, each then probing the batch's
 * rows by account and date through transactions_identity.  Nothing is read per
 * imported row.
 *
 * A pair is joined (gig__confirm) when its payees are strongly alike
 * (gig_payee_similarity() == 2) or the hand row pays a gig, and each of the two has
 * no other candidate at all (a weak one counts: it means "unsure").  Every other pair
 * that is at least weakly alike is listed as a near match with the command that joins
 * it.  Joining: the hand row takes the bank row's date, text, batch and identity and
 * is recorded as a row the batch settled (import_effects 'settled', with its old values
 * and pending flag, sql/0012); the bank row is deleted (the rollup and gig-status
 * triggers keep monthly_totals and the gigs exact).  A re-import then finds the row;
 * undoing the import puts the hand row back.
 */
#include <string.h>

#include "db.h"
#include "import_internal.h"
#include "reconcile_internal.h"
#include "rules_internal.h"

/* Words that say nothing about who was paid. */
static bool
generic_word(const char *w)
{
	static const char *const words[] = {
	    "the",     "and",          "com",           "www",          "net",
	    "org",     "sepa",         "card",          "debit",        "credit",
	    "payment", "purchase",     "pos",           "visa",         "mastercard",
	    "maestro", "lastschrift",  "kartenzahlung", "ref",          "gmbh",
	    "ltd",     "inc",          "llc",           "subscription", "monthly",
	    "online",  "transfer",     "eur",           "usd",          "gbp",
	    "paypal",  "ueberweisung", "überweisung",   "dauerauftrag", "gutschrift",
	    "invoice", "rechnung",     "from",          "for",          "via",
	    "bill"};
	for (size_t i = 0; i < G_N_ELEMENTS(words); i++)
		if (strcmp(w, words[i]) == 0)
			return true;
	return false;
}

/* The words of `text` that carry meaning (see gig_payee_similarity in import.h). */
static GPtrArray *
payee_words(const char *text)
{
	g_autofree char *norm = gig__text_norm(text ? text : "");
	GPtrArray *out = g_ptr_array_new_with_free_func(g_free);
	const char *p = norm;
	while (*p) {
		/* letters and digits, any non-ASCII byte counting as a letter */
		while (*p && !(g_ascii_isalnum(*p) || (unsigned char)*p >= 0x80))
			p++;
		const char *start = p;
		bool digits_only = true;
		while (*p && (g_ascii_isalnum(*p) || (unsigned char)*p >= 0x80)) {
			digits_only = digits_only && g_ascii_isdigit(*p);
			p++;
		}
		size_t n = (size_t)(p - start);
		if (n < 3 || digits_only)
			continue;
		char *w = g_strndup(start, n);
		if (generic_word(w))
			g_free(w);
		else
			g_ptr_array_add(out, w);
	}
	return out;
}

static bool
words_match(const char *a, const char *b)
{
	if (strcmp(a, b) == 0)
		return true;
	size_t la = strlen(a), lb = strlen(b);
	size_t shorter = la < lb ? la : lb;
	return shorter >= 4 && strncmp(a, b, shorter) == 0;
}

int
gig_payee_similarity(const char *a, const char *b)
{
	g_autoptr(GPtrArray) x = payee_words(a);
	g_autoptr(GPtrArray) y = payee_words(b);
	if (x->len == 0 || y->len == 0)
		return gig__similar_text(a, b) ? 1 : 0;
	GPtrArray *small = x->len <= y->len ? x : y, *big = small == x ? y : x;
	guint found = 0;
	for (guint i = 0; i < small->len; i++) {
		bool hit = false;
		for (guint k = 0; k < big->len && !hit; k++)
			hit = words_match(small->pdata[i], big->pdata[k]);
		found += hit;
	}
	if (found == small->len)
		return 2;
	return found > 0 ? 1 : 0;
}

bool
gig__confirm(sqlite3 *db, int64_t batch_id, int64_t hand_id, int64_t bank_id, bool take_links,
             GError **error)
{
	g_autoptr(sqlite3_stmt) read = NULL, del = NULL, upd = NULL;
	if (!gig__db_prepare(db,
	                     "SELECT posted_on, payee, memo, fingerprint, external_id, line_no,"
	                     " raw, category_id, gig_id FROM transactions WHERE id = ?1",
	                     &read, error) ||
	    !gig__db_prepare(db, "DELETE FROM transactions WHERE id = ?1", &del, error) ||
	    !gig__db_prepare(db,
	                     "UPDATE transactions SET posted_on = ?2, payee = ?3,"
	                     " memo = iif(?4 = '', memo, ?4), batch_id = ?5, fingerprint = ?6,"
	                     " external_id = ?7, line_no = ?8, raw = ?9, pending = 0,"
	                     " category_id = iif(?12, ifnull(category_id, ?10), category_id),"
	                     " gig_id = iif(?12, ifnull(gig_id, ?11), gig_id) WHERE id = ?1",
	                     &upd, error))
		return false;
	sqlite3_bind_int64(read, 1, bank_id);
	int rc = sqlite3_step(read);
	if (rc != SQLITE_ROW)
		return gig__db_fail(db, rc == SQLITE_DONE ? SQLITE_CORRUPT : rc,
		                    "reading the bank's row", error);
	/* the hand row's values before, for undo (sql/0012) */
	if (!gig__import_effect(db, batch_id, hand_id, "settled", error))
		return false;
	sqlite3_bind_int64(upd, 1, hand_id);
	/* the columns read, in order, to the parameters of the update */
	static const int param[] = {2, 3, 4, 6, 7, 8, 9, 10, 11};
	for (int i = 0; i < (int)G_N_ELEMENTS(param); i++)
		sqlite3_bind_value(upd, param[i], sqlite3_column_value(read, i));
	sqlite3_bind_int64(upd, 5, batch_id);
	sqlite3_bind_int(upd, 12, take_links);
	/* the bank row goes first: the hand row takes over its identity, which
	 * transactions_identity holds once */
	sqlite3_bind_int64(del, 1, bank_id);
	rc = sqlite3_step(del);
	if (rc != SQLITE_DONE)
		return gig__db_fail(db, rc, "removing the bank's copy of a hand entry", error);
	rc = sqlite3_step(upd);
	if (rc != SQLITE_DONE)
		return gig__db_fail(db, rc, "confirming a hand entry", error);
	return true;
}

/* A hand row and a row of the batch that may be the same money. */
struct pair {
	int64_t hand, bank, line, amount;
	int sim; /* gig_payee_similarity, or 2 for a gig's payment */
	gig_date hand_on, bank_on;
	char *hand_payee, *bank_payee;
	bool bank_categorised;
};

static void
pair_clear(gpointer p)
{
	struct pair *x = p;
	g_free(x->hand_payee);
	g_free(x->bank_payee);
}

static const char sql_pairs[] =
    "SELECT o.id, o.payee, o.posted_on, o.gig_id IS NOT NULL,"
    " n.id, n.line_no, n.payee, n.posted_on, n.amount_minor, n.category_id IS NOT NULL"
    " FROM transactions o JOIN import_batches b ON b.id = ?2"
    " JOIN transactions n"
    /* from the few hand-entered rows (transactions_by_hand), each new row by date
     * through transactions_identity */
    " ON n.account_id = o.account_id AND n.fingerprint IS NOT NULL"
    " AND n.posted_on BETWEEN date(o.posted_on, '-5 days') AND date(o.posted_on, '+5 days')"
    /* a split hand row (a receipt with its exchange difference, rates.h) is the
     * bank's amount with its parts */
    " AND n.amount_minor = o.amount_minor + ifnull((SELECT sum(p.amount_minor)"
    "   FROM txn_splits s JOIN transactions p ON p.id = s.part_id"
    "   WHERE s.parent_id = o.id), 0) AND +n.batch_id = ?2"
    " AND n.id BETWEEN b.first_txn_id AND b.last_txn_id AND +n.pending = 0"
    " WHERE o.account_id = ?1 AND o.batch_id IS NULL"
    " AND o.id NOT IN (SELECT part_id FROM txn_splits)"
    " AND o.posted_on BETWEEN date(?3, '-5 days') AND date(?4, '+5 days') AND +o.pending = 0"
    " ORDER BY n.id, o.id";

/* How many candidates each id has (weak ones included). */
static void
count_up(GHashTable *counts, int64_t id)
{
	gpointer key = GSIZE_TO_POINTER((gsize)id);
	g_hash_table_insert(
	    counts, key, GUINT_TO_POINTER(GPOINTER_TO_UINT(g_hash_table_lookup(counts, key)) + 1));
}

static guint
count_of(GHashTable *counts, int64_t id)
{
	return GPOINTER_TO_UINT(g_hash_table_lookup(counts, GSIZE_TO_POINTER((gsize)id)));
}

static void
near_add(gig_import_result *res, const struct pair *p)
{
	char a[GIG_DATE_BUFSZ], b[GIG_DATE_BUFSZ];
	gig_near_match *m = g_new0(gig_near_match, 1);
	m->line_no = p->line;
	m->txn_id = p->hand;
	m->new_txn_id = p->bank;
	m->reason = g_strdup_printf(
	    "possible duplicate of #%" G_GINT64_FORMAT
	    " ('%s' on %s, entered by hand): new row #%" G_GINT64_FORMAT
	    " '%s' on %s; to join them: gig txn merge %" G_GINT64_FORMAT " %" G_GINT64_FORMAT,
	    p->hand, p->hand_payee, gig_date_format(a, p->hand_on), p->bank, p->bank_payee,
	    gig_date_format(b, p->bank_on), p->hand, p->bank);
	g_ptr_array_add(res->near_matches, m);
}

/* The kept row of line `line` (keep_rows) becomes "confirmed". */
static void
row_confirmed(gig_import_result *res, int64_t line)
{
	for (guint i = 0; res->rows && i < res->rows->len; i++) {
		gig_csv_row *r = res->rows->pdata[i];
		if (r->line_no == line && r->fate == GIG_ROW_NEW) {
			r->fate = GIG_ROW_CONFIRMED;
			return;
		}
	}
}

bool
gig__hand_confirm(sqlite3 *db, int64_t account_id, int64_t batch_id, gig_date from, gig_date to,
                  gig_import_result *res, GError **error)
{
	if (from == GIG_DATE_NONE)
		return true;
	g_autoptr(sqlite3_stmt) st = NULL;
	if (!gig__db_prepare(db, sql_pairs, &st, error))
		return false;
	sqlite3_bind_int64(st, 1, account_id);
	sqlite3_bind_int64(st, 2, batch_id);
	gig__bind_date(st, 3, from);
	gig__bind_date(st, 4, to);
	g_autoptr(GArray) pairs = g_array_new(FALSE, TRUE, sizeof(struct pair));
	g_array_set_clear_func(pairs, pair_clear);
	g_autoptr(GHashTable) per_hand = g_hash_table_new(NULL, NULL);
	g_autoptr(GHashTable) per_bank = g_hash_table_new(NULL, NULL);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *hp = (const char *)sqlite3_column_text(st, 1);
		const char *bp = (const char *)sqlite3_column_text(st, 6);
		bool pays_gig = sqlite3_column_int(st, 3) != 0;
		int sim = pays_gig ? 2 : gig_payee_similarity(hp, bp);
		if (sim == 0)
			continue;
		struct pair p = {.hand = sqlite3_column_int64(st, 0),
		                 .hand_payee = g_strdup(hp ? hp : ""),
		                 .hand_on = gig__column_date(st, 2),
		                 .bank = sqlite3_column_int64(st, 4),
		                 .line = sqlite3_column_int64(st, 5),
		                 .bank_payee = g_strdup(bp ? bp : ""),
		                 .bank_on = gig__column_date(st, 7),
		                 .amount = sqlite3_column_int64(st, 8),
		                 .bank_categorised = sqlite3_column_int(st, 9) != 0,
		                 .sim = sim};
		g_array_append_val(pairs, p);
		count_up(per_hand, p.hand);
		count_up(per_bank, p.bank);
	}
	if (rc != SQLITE_DONE)
		return gig__db_fail(db, rc, "looking for rows entered by hand", error);
	for (guint i = 0; i < pairs->len; i++) {
		struct pair *p = &g_array_index(pairs, struct pair, i);
		bool sure = p->sim == 2 && count_of(per_hand, p->hand) == 1 &&
		            count_of(per_bank, p->bank) == 1;
		if (!sure) {
			near_add(res, p);
			continue;
		}
		if (!gig__confirm(db, batch_id, p->hand, p->bank, false, error))
			return false;
		gig_confirmation *c = g_new0(gig_confirmation, 1);
		c->line_no = p->line;
		c->txn_id = p->hand;
		c->was_on = p->hand_on;
		c->payee = g_strdup(p->hand_payee);
		g_ptr_array_add(res->confirmations, c);
		res->confirmed++;
		res->inserted--;
		res->sum_minor -= p->amount; /* it was added to the sum: it cannot overflow back */
		if (p->bank_categorised)
			res->categorized--;
		row_confirmed(res, p->line);
	}
	return true;
}
