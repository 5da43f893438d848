/*
 * import_match.c: what an import does after inserting its rows, still
 * inside the import's transaction:
 *  - transfers between the user's own accounts get the Transfer category
 *    (the text names another account as whole words, or it says "transfer"
 *    and another account holds the uncategorised mirror amount within 3
 *    days), so they count as neither income nor expense;
 *  - incoming payments are linked to open gigs when exactly one gig fits
 *    (same currency, amount = the open balance or a plausible part of it,
 *    the text names the client best among the candidates, paid within 180
 *    days of invoicing), or when an invoice number or the only exact amount
 *    settles the tie; otherwise they are listed and nothing is linked;
 *  - a gig in another currency (a USD invoice, a EUR account) fits when the row
 *    is its open amount converted at the rate on or before the row's day, within
 *    a tolerance for bank and conversion fees of max(3% of that amount, 5.00 of
 *    the account's currency) either way (GIG_FX_MATCH_*); only the whole open
 *    amount is matched so, and the link books the receipt as
 *    gig_ledger_gig_pay_txn_received does (the invoice-date rate, the realised
 *    gain or loss).  No rate: the gig is not a candidate;
 * (Rows entered by hand that the batch's rows confirm: import_confirm.c.)
 */
#include <string.h>

#include "db.h"
#include "import_internal.h"
#include "gigledger/rates.h"
#include "internal.h"
#include "rules_internal.h"

/* True when `word` (normalised) stands in `text` (normalised) as whole words. */
static bool
has_words(const char *text, const char *word)
{
	size_t n = strlen(word);
	if (n == 0)
		return false;
	for (const char *p = strstr(text, word); p; p = strstr(p + 1, word)) {
		bool left = p == text || !g_ascii_isalnum(p[-1]);
		bool right = !g_ascii_isalnum(p[n]);
		if (left && right)
			return true;
	}
	return false;
}

/* Words a bank uses for money moved between one person's own accounts. */
static bool
says_transfer(const char *norm)
{
	static const char *const words[] = {
	    "transfer",    "trf",      "xfer",        "umbuchung",     "uebertrag", "übertrag",
	    "overboeking", "virement", "own account", "sweep",         "top up",    "top-up",
	    "topup",       "savings",  "tax reserve", "standing order"};
	for (size_t i = 0; i < G_N_ELEMENTS(words); i++)
		if (has_words(norm, words[i]))
			return true;
	return false;
}

/* A row found to be a transfer, and the row of the other account it pairs with (0: none). */
struct transfer_hit {
	int64_t txn, pair;
};

static bool
mark_transfer(sqlite3 *db, const struct transfer_hit *h, int64_t cat, int64_t batch_id,
              GError **error)
{
	int64_t txn = h->txn;
	g_autoptr(sqlite3_stmt) st = NULL;
	g_autoptr(sqlite3_stmt) other = NULL;
	g_autoptr(sqlite3_stmt) pair = NULL;
	/* a mirror row of another import (or entered by hand) is noted for undo, with
	 * the row of this batch it pairs with (sql/0010: should that row outlive the
	 * batch, the mark stays with the batch that then holds it) */
	if (!gig__db_prepare(db,
	                     "SELECT 1 FROM transactions WHERE id = ?1 AND category_id IS NULL"
	                     " AND ifnull(batch_id, -1) <> ?2",
	                     &other, error) ||
	    !gig__db_prepare(db,
	                     "UPDATE import_effects SET pair_txn_id = ?1"
	                     " WHERE rowid = last_insert_rowid()",
	                     &pair, error))
		return false;
	sqlite3_bind_int64(other, 1, txn);
	sqlite3_bind_int64(other, 2, batch_id);
	int orc = sqlite3_step(other);
	if (orc != SQLITE_ROW && orc != SQLITE_DONE)
		return gig__db_fail(db, orc, "looking at a transfer's mirror row", error);
	if (orc == SQLITE_ROW) {
		if (!gig__import_effect(db, batch_id, txn, "transfer", error))
			return false;
		sqlite3_bind_int64(pair, 1, h->pair);
		int prc = sqlite3_step(pair);
		if (prc != SQLITE_DONE)
			return gig__db_fail(db, prc, "remembering a transfer's pair", error);
	}
	if (!gig__db_prepare(db,
	                     "UPDATE transactions SET category_id = ?1"
	                     " WHERE id = ?2 AND category_id IS NULL",
	                     &st, error))
		return false;
	sqlite3_bind_int64(st, 1, cat);
	sqlite3_bind_int64(st, 2, txn);
	int rc = sqlite3_step(st);
	return rc == SQLITE_DONE || gig__db_fail(db, rc, "marking a transfer", error);
}

/* Another account's row that could be the other half of a transfer (see below). */
struct mirror {
	int64_t amount;
	gig_date day;
	int says; /* its own text says it is a transfer: 1, 0, or -1 until read */
	int64_t account_id;
	int64_t id;
	bool used; /* already paired with a row of this batch */
};

static int
mirror_cmp(const void *a, const void *b)
{
	const struct mirror *x = a, *y = b;
	if (x->amount != y->amount)
		return (x->amount > y->amount) - (x->amount < y->amount);
	return (x->day > y->day) - (x->day < y->day);
}

/* The order the row's candidates are tried in: by account, then nearest day, then id. */
struct candidate {
	struct mirror *m;
	int64_t dist;
};

static int
candidate_cmp(const void *a, const void *b)
{
	const struct candidate *x = a, *y = b;
	if (x->m->account_id != y->m->account_id)
		return (x->m->account_id > y->m->account_id) -
		       (x->m->account_id < y->m->account_id);
	if (x->dist != y->dist)
		return (x->dist > y->dist) - (x->dist < y->dist);
	return (x->m->id > y->m->id) - (x->m->id < y->m->id);
}

/* "payee memo", normalised, into `out` (both reused from row to row). */
static void
row_text(GString *raw, GString *out, sqlite3_stmt *st, int payee, int memo)
{
	const char *p = (const char *)sqlite3_column_text(st, payee);
	const char *m = (const char *)sqlite3_column_text(st, memo);
	g_string_assign(raw, p ? p : "");
	g_string_append_c(raw, ' ');
	g_string_append(raw, m ? m : "");
	g_string_truncate(out, 0);
	gig__text_norm_append(out, raw->str);
}

/* The candidate rows of the other accounts, sorted by amount and day, and where each
 * amount's run starts in that order. */
struct mirrors {
	GArray *rows;       /* struct mirror */
	GHashTable *starts; /* amount (int64_t *, into rows) -> index + 1 */
	sqlite3_stmt *text; /* a mirror's payee and memo, read when needed */
	GString *raw, *norm;
};

static void
mirrors_clear(struct mirrors *ms)
{
	g_clear_pointer(&ms->starts, g_hash_table_unref);
	if (ms->rows)
		g_array_free(ms->rows, TRUE);
	sqlite3_finalize(ms->text);
	if (ms->raw)
		g_string_free(ms->raw, TRUE);
	if (ms->norm)
		g_string_free(ms->norm, TRUE);
}

/*
 * The uncategorised posted rows of the other accounts between `from` and `to`: one
 * statement for the batch, through the indexes that start with the account and the
 * date (imported rows all carry a fingerprint and sit in transactions_identity; rows
 * entered by hand have none and sit in transactions_by_hand).  Their text is read
 * only for the few that a row of the batch could pair with (mirror_says).
 */
static bool
mirrors_load(sqlite3 *db, int64_t account_id, gig_date from, gig_date to, struct mirrors *ms,
             GError **error)
{
	char lo[GIG_DATE_BUFSZ], hi[GIG_DATE_BUFSZ];
	gig_date_format(lo, from - 3);
	gig_date_format(hi, to + 3);
	ms->rows = g_array_new(FALSE, FALSE, sizeof(struct mirror));
	ms->raw = g_string_new(NULL);
	ms->norm = g_string_new(NULL);
	g_autoptr(sqlite3_stmt) st = NULL;
	if (!gig__db_prepare(db, gig__sql_transfer_mirrors, &st, error) ||
	    !gig__db_prepare(db, "SELECT payee, memo FROM transactions WHERE id = ?1", &ms->text,
	                     error))
		return false;
	sqlite3_bind_int64(st, 1, account_id);
	gig__bind_text_copy(st, 2, lo);
	gig__bind_text_copy(st, 3, hi);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct mirror m = {.id = sqlite3_column_int64(st, 0),
		                   .account_id = sqlite3_column_int64(st, 1),
		                   .day = gig__column_date(st, 2),
		                   .amount = sqlite3_column_int64(st, 3),
		                   .says = -1};
		g_array_append_val(ms->rows, m);
	}
	if (rc != SQLITE_DONE)
		return gig__db_fail(db, rc, "looking for transfers", error);
	struct mirror *all = (struct mirror *)(void *)ms->rows->data;
	if (ms->rows->len > 1)
		qsort(all, ms->rows->len, sizeof(struct mirror), mirror_cmp);
	ms->starts = g_hash_table_new(g_int64_hash, g_int64_equal);
	for (guint i = 0; i < ms->rows->len; i++) {
		if (i > 0 && all[i].amount == all[i - 1].amount)
			continue; /* only where each amount's run starts */
		g_hash_table_insert(ms->starts, &all[i].amount, GUINT_TO_POINTER(i + 1));
	}
	return true;
}

/* Whether the mirror's own text says it is a transfer (read once). */
static bool
mirror_says(sqlite3 *db, struct mirrors *ms, struct mirror *m, GError **error)
{
	if (m->says >= 0)
		return true;
	sqlite3_bind_int64(ms->text, 1, m->id);
	int rc = sqlite3_step(ms->text);
	if (rc == SQLITE_ROW) {
		row_text(ms->raw, ms->norm, ms->text, 0, 1);
		m->says = says_transfer(ms->norm->str);
	}
	sqlite3_reset(ms->text);
	if (rc != SQLITE_ROW)
		return gig__db_fail(db, rc == SQLITE_DONE ? SQLITE_CORRUPT : rc,
		                    "reading a transfer's other half", error);
	return true;
}

/* The other accounts' rows of `amount` within 3 days of the row's day, in the order
 * tried; the day (column `col` of `st`) is read only when the amount is there. */
static void
candidates_find(struct mirrors *ms, int64_t amount, sqlite3_stmt *st, int col, GArray *out)
{
	g_array_set_size(out, 0);
	gpointer start = g_hash_table_lookup(ms->starts, &amount);
	if (start == NULL)
		return;
	gig_date day = gig__column_date(st, col);
	struct mirror *all = (struct mirror *)(void *)ms->rows->data;
	size_t lo = GPOINTER_TO_UINT(start) - 1, hi = ms->rows->len;
	struct mirror key = {.amount = amount, .day = day - 3};
	while (lo < hi) { /* the first one not before (amount, day - 3) */
		size_t mid = lo + (hi - lo) / 2;
		if (mirror_cmp(&all[mid], &key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (size_t i = lo; i < ms->rows->len && all[i].amount == amount && all[i].day <= day + 3;
	     i++) {
		struct candidate c = {&all[i],
		                      all[i].day > day ? all[i].day - day : day - all[i].day};
		g_array_append_val(out, c);
	}
	if (out->len > 1)
		qsort(out->data, out->len, sizeof(struct candidate), candidate_cmp);
}

const char gig__sql_transfer_mirrors[] =
    "SELECT id, account_id, posted_on, amount_minor FROM transactions"
    " WHERE account_id IN (SELECT id FROM accounts WHERE id <> ?1)"
    " AND posted_on BETWEEN ?2 AND ?3 AND fingerprint IS NOT NULL"
    " AND pending = 0 AND category_id IS NULL"
    " UNION ALL "
    "SELECT id, account_id, posted_on, amount_minor FROM transactions"
    " WHERE account_id IN (SELECT id FROM accounts WHERE id <> ?1)"
    " AND posted_on BETWEEN ?2 AND ?3 AND batch_id IS NULL AND fingerprint IS NULL"
    " AND pending = 0 AND category_id IS NULL";

/*
 * The batch's uncategorised posted rows (GIG__IN_BATCH), in the order of its two
 * parts: the id range, then the pending rows of earlier imports it settled.  Two
 * statements instead of one with OR, whose plan would first collect every id of
 * the batch in memory.
 */
static const char *const sql_batch_rows[] = {
    "SELECT t.id, t.payee, t.memo, t.amount_minor, t.posted_on FROM transactions t"
    " JOIN import_batches b ON b.id = ?1"
    " WHERE t.id BETWEEN b.first_txn_id AND b.last_txn_id AND t.batch_id = ?1"
    " AND t.category_id IS NULL AND t.pending = 0",
    "SELECT t.id, t.payee, t.memo, t.amount_minor, t.posted_on FROM transactions t"
    " JOIN import_batches b ON b.id = ?1"
    " WHERE t.id IN (SELECT txn_id FROM import_effects WHERE batch_id = ?1"
    " AND kind = 'settled') AND t.id NOT BETWEEN b.first_txn_id AND b.last_txn_id"
    " AND t.batch_id = ?1 AND t.category_id IS NULL AND t.pending = 0",
};

/* Pairs each row of `rows` (sql_batch_rows) that is a transfer; appends to `hits`
 * (struct transfer_hit: the other account's row, then the batch's row). */
static bool
pair_rows(sqlite3 *db, sqlite3_stmt *rows, GPtrArray *names, struct mirrors *ms, GArray *hits,
          gig_import_result *res, GError **error)
{
	g_autoptr(GArray) cands = g_array_new(FALSE, FALSE, sizeof(struct candidate));
	g_autoptr(GString) raw = g_string_new(NULL);
	g_autoptr(GString) norm = g_string_new(NULL);
	int rc;
	while ((rc = sqlite3_step(rows)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(rows, 0);
		row_text(raw, norm, rows, 1, 2);
		bool hit = false;
		for (size_t i = 0; i < names->len && !hit; i++)
			hit = has_words(norm->str, names->pdata[i]);
		if (!hit)
			candidates_find(ms, -sqlite3_column_int64(rows, 3), rows, 4, cands);
		bool claims = !hit && cands->len > 0 && says_transfer(norm->str);
		for (size_t k = 0; !hit && k < cands->len; k++) {
			struct mirror *m = g_array_index(cands, struct candidate, k).m;
			if (m->used)
				continue;
			if (!claims && !mirror_says(db, ms, m, error))
				return false;
			if (!claims && !m->says)
				continue;
			m->used = true;
			struct transfer_hit h = {m->id, id};
			g_array_append_val(hits, h);
			hit = true;
		}
		if (hit) {
			struct transfer_hit h = {id, 0};
			g_array_append_val(hits, h);
			res->transfers++;
		}
	}
	if (rc != SQLITE_DONE)
		return gig__db_fail(db, rc, "looking for transfers", error);
	return true;
}

bool
gig__transfers_mark(sqlite3 *db, int64_t account_id, int64_t batch_id, gig_date from, gig_date to,
                    gig_import_result *res, GError **error)
{
	g_autoptr(sqlite3_stmt) acc = NULL, cat = NULL;
	if (!gig__db_prepare(db, "SELECT id, name FROM accounts WHERE id <> ?1", &acc, error) ||
	    !gig__db_prepare(db, "SELECT id FROM categories WHERE kind = 'transfer' ORDER BY id",
	                     &cat, error))
		return false;
	sqlite3_bind_int64(acc, 1, account_id);
	g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func(g_free);
	int arc;
	while ((arc = sqlite3_step(acc)) == SQLITE_ROW)
		g_ptr_array_add(names, gig__text_norm((const char *)sqlite3_column_text(acc, 1)));
	if (arc != SQLITE_DONE)
		return gig__db_fail(db, arc, "reading the other accounts", error);
	if (names->len == 0 || from == GIG_DATE_NONE)
		return true;
	int crc = sqlite3_step(cat);
	if (crc != SQLITE_ROW && crc != SQLITE_DONE)
		return gig__db_fail(db, crc, "reading the transfer category", error);
	if (crc != SQLITE_ROW)
		return true;
	int64_t transfer = sqlite3_column_int64(cat, 0);
	/*
	 * A row is a transfer when its text names one of the user's other accounts as
	 * whole words ("TRANSFER TO SAVINGS" with an account "Savings"), or when it says
	 * it is one (transfer words) and another account holds the uncategorised mirror
	 * amount within 3 days.  An amount alone proves nothing (a 42.00 grocery bill is
	 * not the 42.00 a client paid into PayPal), and each mirror row is used once.
	 *
	 * Set-based: the other accounts' candidate rows over the batch's dates are read
	 * once (mirrors_load), then each row of the batch, in order, looks its mirror up
	 * in memory, trying the other accounts in id order, the nearest day first, then
	 * the lowest id.
	 */
	struct mirrors ms = {0};
	g_autoptr(GArray) hits = g_array_new(FALSE, FALSE, sizeof(struct transfer_hit));
	bool ok = mirrors_load(db, account_id, from, to, &ms, error);
	for (size_t q = 0; ok && q < G_N_ELEMENTS(sql_batch_rows); q++) {
		g_autoptr(sqlite3_stmt) rows = NULL;
		ok = gig__db_prepare(db, sql_batch_rows[q], &rows, error);
		if (ok) {
			sqlite3_bind_int64(rows, 1, batch_id);
			ok = pair_rows(db, rows, names, &ms, hits, res, error);
		}
	}
	mirrors_clear(&ms);
	if (!ok)
		return false;
	for (size_t i = 0; i < hits->len; i++)
		if (!mark_transfer(db, &g_array_index(hits, struct transfer_hit, i), transfer,
		                   batch_id, error))
			return false;
	res->categorized += res->transfers;
	return true;
}

/* The fee tolerance of a match across currencies: max(3%, 5.00 minor units x 100). */
#define GIG_FX_MATCH_PERCENT 3
#define GIG_FX_MATCH_FLOOR_MAJOR 5

struct open_gig {
	int64_t id;
	char *client;
	int64_t open;
	char currency[4];
	bool foreign; /* in another currency than the account */
	gig_date invoiced;
	char *stream;
	char *description;
};

static void
open_gig_clear(gpointer p)
{
	struct open_gig *g = p;
	g_free(g->client);
	g_free(g->stream);
	g_free(g->description);
}

/*
 * How much of a client's name a payment's text carries: the share of the name's
 * words (legal forms and "the" left out) that stand in the text as whole words.
 * "Red Studios" paying as "RED STUDIOS LTD" scores 1; the same text scores 1/3
 * for "Blue Room Studios", so a shared generic word never decides alone.
 */
static double
name_score(const char *client, const char *text_norm)
{
	static const char *const skip[] = {"the", "and", "of",  "ltd",  "llc", "inc", "gmbh", "ug",
	                                   "kg",  "ag",  "gbr", "e.v.", "ev",  "co",  "&"};
	g_autofree char *name = gig__text_norm(client);
	g_auto(GStrv) words = g_strsplit_set(name, " ,.;:/()", -1);
	size_t total = 0, found = 0;
	for (size_t i = 0; words[i]; i++) {
		bool ignored = strlen(words[i]) < 2;
		for (size_t k = 0; k < G_N_ELEMENTS(skip) && !ignored; k++)
			ignored = strcmp(words[i], skip[k]) == 0;
		if (ignored)
			continue;
		total++;
		found += has_words(text_norm, words[i]);
	}
	return total ? (double)found / (double)total : 0.0;
}

/*
 * True when a reference from the gig's description (an invoice number such
 * as "2025-014" or "INV1234": a word with at least three digits and either a
 * letter or a separator, or five digits) appears in the bank text.  Dates
 * and years alone are too common to count as references.
 */
static bool
reference_in(const char *description, const char *text)
{
	if (description == NULL || *description == '\0')
		return false;
	g_autofree char *hay = g_ascii_strup(text, -1);
	g_autofree char *desc = g_ascii_strup(description, -1);
	g_auto(GStrv) words = g_strsplit_set(desc, " \t()[],;:", -1);
	for (size_t i = 0; words[i]; i++) {
		const char *w = words[i];
		size_t digits = 0, others = 0;
		for (const char *p = w; *p; p++) {
			if (g_ascii_isdigit(*p))
				digits++;
			else if (g_ascii_isalpha(*p) || *p == '-' || *p == '/' || *p == '#')
				others++;
		}
		bool looks_like_ref = (digits >= 3 && others > 0) || digits >= 5;
		if (looks_like_ref && strstr(hay, w) != NULL)
			return true;
	}
	return false;
}

/*
 * Narrows several plausible gigs for one payment down to one, without
 * guessing: the only one whose invoice reference the payment names, else
 * the only one the payment settles exactly.  Returns the index into `fit`,
 * or -1 when it stays ambiguous.
 */
static int
disambiguate(GArray *gigs, GArray *fit, const char *text, int64_t amount)
{
	int by_ref = -1, by_amount = -1, refs = 0, exact = 0;
	for (unsigned k = 0; k < fit->len; k++) {
		const struct open_gig *g =
		    &g_array_index(gigs, struct open_gig, g_array_index(fit, size_t, k));
		if (reference_in(g->description, text)) {
			refs++;
			by_ref = (int)k;
		}
		if (g->open == amount) {
			exact++;
			by_amount = (int)k;
		}
	}
	if (refs == 1)
		return by_ref;
	if (refs == 0 && exact == 1)
		return by_amount;
	return -1;
}

/* The gig's open amount in the account's currency at the rate of `on`, and the
 * tolerance around it; false when there is no rate (or it does not fit), on `on`
 * or on the invoice date. */
static bool
foreign_open(gig_ledger *ledger, const struct open_gig *g, const char *currency, gig_date on,
             int64_t *conv, int64_t *tol)
{
	gig_conversion c;
	g_autoptr(GError) local = NULL;
	if (!gig_convert(ledger, g->open, g->currency, currency, on, &c, &local) || c.minor <= 0)
		return false;
	/* the link books the receipt at the invoice date's rate: without one, no match
	 * (never an import refused for it) */
	gig_conversion at_invoice;
	g_autoptr(GError) no_rate = NULL;
	if (!gig_convert(ledger, g->open, g->currency, currency, g->invoiced, &at_invoice,
	                 &no_rate) ||
	    at_invoice.minor <= 0)
		return false;
	int64_t floor = GIG_FX_MATCH_FLOOR_MAJOR;
	for (int e = gig_currency_exponent(currency); e > 0; e--)
		floor *= 10;
	int64_t pct =
	    c.minor / 100 * GIG_FX_MATCH_PERCENT + (c.minor % 100) * GIG_FX_MATCH_PERCENT / 100;
	*conv = c.minor;
	*tol = MAX(pct, floor);
	return true;
}

static void
add_match(gig_import_result *res, int64_t line, int64_t txn, const struct open_gig *g,
          int64_t amount, bool ambiguous)
{
	gig_invoice_match *m = g_new0(gig_invoice_match, 1);
	m->line_no = line;
	m->txn_id = txn;
	m->gig_id = g->id;
	m->client = g_strdup(g->client);
	m->amount_minor = amount;
	m->partial = amount < g->open;
	m->ambiguous = ambiguous;
	g_ptr_array_add(res->invoice_matches, m);
}

static bool
link_gig(sqlite3 *db, int64_t txn, struct open_gig *g, int64_t amount, GError **error)
{
	g_autoptr(sqlite3_stmt) st = NULL;
	if (!gig__db_prepare(db,
	                     "UPDATE transactions SET gig_id = ?1, category_id = coalesce("
	                     " (SELECT id FROM categories WHERE stream = ?3), category_id)"
	                     " WHERE id = ?2",
	                     &st, error))
		return false;
	sqlite3_bind_int64(st, 1, g->id);
	sqlite3_bind_int64(st, 2, txn);
	sqlite3_bind_text(st, 3, g->stream, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	if (rc != SQLITE_DONE)
		return gig__db_fail(db, rc, "linking a payment to a gig", error);
	g->open -= amount; /* the gig's status follows by trigger (sql/0007) */
	return true;
}

bool
gig__invoices_match(gig_ledger *ledger, int64_t account_id, int64_t batch_id,
                    gig_import_result *res, GError **error)
{
	(void)account_id;
	sqlite3 *db = gig__ledger_db(ledger);
	g_autoptr(sqlite3_stmt) st = NULL, rows = NULL;
	if (!gig__db_prepare(
	        db,
	        "SELECT g.id, c.name, g.amount_minor - " GIG__SQL_PAID(
	            "g", "") ","
	                     " g.currency, g.invoiced_on, g.stream, g.description FROM gigs g"
	                     " JOIN clients c ON c.id = g.client_id"
	                     " WHERE g.status IN ('invoiced', 'partly_paid')",
	        &st, error))
		return false;
	g_autoptr(GArray) gigs = g_array_new(FALSE, TRUE, sizeof(struct open_gig));
	g_array_set_clear_func(gigs, open_gig_clear);
	int grc;
	while ((grc = sqlite3_step(st)) == SQLITE_ROW) {
		struct open_gig g = {.id = sqlite3_column_int64(st, 0),
		                     .client = g_strdup((const char *)sqlite3_column_text(st, 1)),
		                     .open = sqlite3_column_int64(st, 2),
		                     .invoiced = gig__column_date(st, 4),
		                     .stream = g_strdup((const char *)sqlite3_column_text(st, 5)),
		                     .description =
		                         g_strdup((const char *)sqlite3_column_text(st, 6))};
		g_strlcpy(g.currency, (const char *)sqlite3_column_text(st, 3), 4);
		g.foreign = strcmp(g.currency, res->currency) != 0;
		g_array_append_val(gigs, g);
	}
	if (grc != SQLITE_DONE)
		return gig__db_fail(db, grc, "reading the open invoices", error);
	if (gigs->len == 0)
		return true;
	if (!gig__db_prepare(
	        db,
	        "SELECT id, line_no, amount_minor, posted_on, payee || ' ' || memo"
	        " FROM transactions t WHERE " GIG__IN_BATCH(
	            "t", "?1") " AND amount_minor > 0"
	                       " AND pending = 0 AND gig_id IS NULL ORDER BY posted_on, id",
	        &rows, error))
		return false;
	sqlite3_bind_int64(rows, 1, batch_id);
	int rrc;
	while ((rrc = sqlite3_step(rows)) == SQLITE_ROW) {
		int64_t txn = sqlite3_column_int64(rows, 0), line = sqlite3_column_int64(rows, 1);
		int64_t amount = sqlite3_column_int64(rows, 2);
		gig_date on = gig__column_date(rows, 3);
		const char *text = (const char *)sqlite3_column_text(rows, 4);
		g_autoptr(GArray) fit = g_array_new(FALSE, FALSE, sizeof(size_t));
		g_autoptr(GArray) amount_only = g_array_new(FALSE, FALSE, sizeof(size_t));
		g_autofree char *norm = gig__text_norm(text);
		double best = 0.5; /* at least half of the client's name must be there */
		for (size_t i = 0; i < gigs->len; i++) {
			struct open_gig *g = &g_array_index(gigs, struct open_gig, i);
			bool when_ok = g->invoiced != GIG_DATE_NONE && on >= g->invoiced - 7 &&
			               on <= g->invoiced + 180;
			if (!when_ok || g->open <= 0)
				continue;
			bool amount_ok = false, exact = amount == g->open;
			if (g->foreign) {
				int64_t conv = 0, tol = 0;
				amount_ok =
				    foreign_open(ledger, g, res->currency, on, &conv, &tol) &&
				    amount >= conv - tol && amount <= conv + tol;
				exact = amount_ok;
			} else {
				amount_ok = amount <= g->open &&
				            (amount == g->open || amount * 10 >= g->open);
			}
			if (!amount_ok)
				continue;
			/* only the clients the text names best stay in the running */
			double score = name_score(g->client, norm);
			if (score > best + 1e-9) {
				best = score;
				g_array_set_size(fit, 0);
			}
			if (score >= best - 1e-9)
				g_array_append_val(fit, i);
			else if (score == 0.0 && exact)
				g_array_append_val(amount_only, i);
		}
		int pick = fit->len == 1  ? 0
		           : fit->len > 1 ? disambiguate(gigs, fit, text, amount)
		                          : -1;
		if (pick >= 0) {
			struct open_gig *g = &g_array_index(
			    gigs, struct open_gig, g_array_index(fit, size_t, (unsigned)pick));
			add_match(res, line, txn, g, g->foreign ? g->open : amount, false);
			if (g->foreign) {
				g_autoptr(gig_gig) whole = NULL;
				gig_fx_payment p;
				if (!gig_ledger_gig_get(ledger, g->id, &whole, error) ||
				    !gig__fx_settle_in_tx(ledger, whole, txn, 0, &p, error))
					return false;
				gig_invoice_match *m =
				    res->invoice_matches->pdata[res->invoice_matches->len - 1];
				m->fx = true;
				m->received_minor = p.received_minor;
				m->fx_minor = p.fx_minor;
				g->open = 0;
			} else if (!link_gig(db, txn, g, amount, error)) {
				return false;
			}
			continue;
		}
		GArray *list = fit->len > 1 ? fit : amount_only;
		for (size_t k = 0; k < list->len; k++)
			add_match(
			    res, line, txn,
			    &g_array_index(gigs, struct open_gig, g_array_index(list, size_t, k)),
			    amount, true);
	}
	if (rrc != SQLITE_DONE)
		return gig__db_fail(db, rrc, "matching the rows to open invoices", error);
	return true;
}
