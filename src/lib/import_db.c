/*
 * import_db.c: gig_import_file(): scanned rows into the ledger, in one
 * transaction, with de-duplication and pending -> posted replacement.
 *
 * Invariants kept here:
 *  (1) One import is one BEGIN IMMEDIATE ... COMMIT; any error, a
 *      cancellation or a dry run rolls everything back.
 *  (2) A row is new iff its fingerprint (see import_rows.c) is not yet in
 *      the account on that date: the unique index transactions_identity
 *      decides, through INSERT ... ON CONFLICT DO NOTHING, so a re-import
 *      costs one index probe per row.
 *  (3) A posted row never sits next to the pending row it settles: an
 *      identical pending row is flipped to posted; a pending row of the same
 *      amount within a week before it (and similar payee) is rewritten in
 *      place, and its old fingerprint goes to import_superseded.
 *  (4) The batch row exists only if the import added something.
 *  (5) When the account has no pending rows (and nothing superseded to
 *      check), no row needs a look-up before its insert: rows are then
 *      inserted BATCH at a time by one multi-row INSERT ... ON CONFLICT DO
 *      NOTHING.  sqlite3_changes() says how many were new: all (a fresh
 *      import) or none (a re-import) settle every row's fate; only a mixed
 *      batch reads back which lines now carry this batch's id (through the
 *      transactions_batch index).  One statement per BATCH rows instead of
 *      per row shares the statement journal, the trigger frames and the
 *      cursor set-up (bench/import.sh measures the import); no RETURNING spares
 *      its result table.
 *  (6) Foreign keys are switched off for the import (their look-ups were a
 *      tenth of the insert's cost), so the import itself guarantees every
 *      reference it writes, all read or written inside its own transaction:
 *      account_id is checked to exist once the write lock is held; batch_id
 *      is the import_batches row just inserted (and import_raw.batch_id too); category_id comes from the
 *      rules table (whose category_id references categories, enforced when
 *      the rules were written) or, in import_match.c, from categories and
 *      gigs rows selected in the same transaction; txn_id in
 *      import_superseded is a row just updated.  Nothing the import deletes
 *      is referenced (the batch row is deleted only when no row took its
 *      id, after its import_raw chunks), so no ON DELETE action is skipped.  tests/test_import_speed.c
 *      asserts PRAGMA foreign_key_check stays empty after imports.
 *  (7) Nothing fires per inserted row (sql/0007): the monthly_totals rollup of the
 *      rows added is summed here per month, category and pending flag and written
 *      before anything updates those rows: once the file is read (and, for safety,
 *      before the one-row path flips a pending row to posted).  New rows
 *      take ids above max_id, which is how a mixed batch and the batch's id range
 *      (import_batches.first_txn_id .. last_txn_id) are found without an index.
 *  (8) The file is read while it is stored (gig__scan_run_piped), and a big file's
 *      formats are first decided from its first records (import_scan.c).  When the
 *      whole file decides otherwise, or the attempt fails on the file's content,
 *      everything is rolled back and the import runs again with the decisions made
 *      from all values first, so what is stored or reported is always what that
 *      exact reading gives.
 * (10) A row already in the ledger that the file contains too (a duplicate, or a
 *      pending row this import marks posted) gets this batch in import_members
 *      (sql/0010), with the file's line, so that undoing the batch that inserted
 *      it leaves it to this one.  The rows a multi-row INSERT found already there
 *      are recorded by one statement per BATCH rows as well.
 * (11) A row with a running balance has it in its fingerprint (import_rows.c); rows
 *      imported before sql/0015 were fingerprinted without it.  When the account
 *      holds such rows (ids up to the one sql/0015 noted), each incoming row with a
 *      balance also carries its old fingerprint, and a posted row of those that has
 *      it makes the row a duplicate: a re-import of an old export adds nothing.
 *      Other accounts, and every ledger created since, skip the look-up.
 * (12) Once the rows are in, the file's stated balance (a closing balance the reader
 *      found, else the running balance of its latest day) is compared with the
 *      ledger's balance of the account at the end of that day, every import counted
 *      (res->reconciliation), and kept as a balance assertion (sql/0012).  A
 *      difference is reported, never a failure.
 * (13) Identical rows split across two exports (issue 10, class 9): export A ends with
 *      the first of two identical coffees, export B starts with the second; both are
 *      occurrence 0 of their file, so the identity alone takes B's for A's.  The
 *      running balance tells them apart, but it stays out of the identity (a later
 *      export that gains a back-dated row shifts the balance of every row after it,
 *      and those rows are still the same: tests/cli/test_import_backdated.sh).  So
 *      the balance after a row is kept beside it (sql/0023) for the rows a later
 *      export's first day can meet: those of an import's latest day, and those this
 *      rule decided.  A row of the file's earliest day so far that meets a stored row
 *      by its identity is looked at again: with `off` the difference between the
 *      file's balances and the stored ones (0 at the file's start, plus the amount of
 *      every new row of that day, set again by every row found the same), it is the
 *      stored twin whose balance + off is its own, whichever occurrence that twin
 *      has; failing that, when every twin's balance is known and its own balance is
 *      a twin's + off + its amount (balance[i] = balance[i-1] + amount[i]: it
 *      directly follows that twin), it is new, as the next free occurrence of its
 *      identity (the fingerprint it would have had in one export holding both).
 *      Anything else is the occurrence rule's duplicate, as before.  Files whose
 *      consecutive balances fit no order (one balance per day, say), rows without a
 *      balance and rows stored without one keep the occurrence rule; a newest-first
 *      file's offset is not followed (0).  Rows after the earliest day are never
 *      looked at: a file starts at a day's boundary or at the cut of the export before.
 * (15) (10)'s records are deferred while the batch has added nothing: a batch that
 *      adds nothing is deleted with its records at the end (4), so a re-import
 *      writes none of them (re-importing 1M rows: 1.7 s of CPU less, a third).  The
 *      duplicates met before the first row added are kept in memory
 *      (gig__import_defer_max at most) and written when it comes; had more been met, the
 *      import runs again, recording each at once (GIG__IMPORT_EAGER).
 *  (9) A big file (gig__import_bulk_bytes or more) is stored with a rollback
 *      journal instead of the WAL: the pages it adds are then written once,
 *      into the file, rather than into the WAL and again at the checkpoint
 *      (1M rows: 122 MB less to write, a tenth of the time).  The switch needs
 *      the ledger to itself; when another process has it open the import stays
 *      in WAL mode.  Both journals make the import all-or-nothing; the ledger goes
 *      back to WAL afterwards, or at the next open if this process is killed.  The
 *      price: while such an import runs, other processes wait for it instead of
 *      reading the ledger as it was, and its commit waits for readers to finish (a
 *      single read holding the ledger longer than the busy timeout would fail the
 *      import as busy, as any writer in rollback mode would).
 */
#include <json-glib/json-glib.h>
#include <string.h>

#include "db.h"
#include "import_internal.h"
#include "reconcile_internal.h"
#include "rules_internal.h"

#define BATCH 128
#define BATCH_COLS 10 /* bound per row of the batch INSERT */

struct ctx {
	const char *path; /* for messages */
	sqlite3 *db;
	gig_ledger *ledger;
	const GPtrArray *payers; /* royalty payer calendars (options version 3), or NULL */
	gig_import_result *res;  /* this account's counts (the import's own when one account) */
	gig_import_result *top;  /* the import's result: what the reader found (14) */
	char *account_name;
	bool multi; /* (14): the rows went to more than one account */
	int64_t account_id;
	char currency[4];
	int64_t batch_id;
	bool keep_rows;
	bool have_pending;
	bool have_superseded;
	sqlite3_stmt *ins, *same_fp, *flip, *twin, *replace, *supersede, *superseded;
	sqlite3_stmt *posted_twin; /* a pending row whose posted self is already here */
	sqlite3_stmt *ins_batch;   /* BATCH rows, (5) */
	sqlite3_stmt *batch_lines; /* which of them were new */
	sqlite3_stmt *member;      /* (10): one row already here that this file contains */
	sqlite3_stmt *members;     /* (10): BATCH of them */
	/* (11): a row's pre-sql/0015 identity among the rows imported before it */
	sqlite3_stmt *old_fp, *old_member;
	int64_t old_max_id; /* those rows' ids are <= this; 0 = the account has none */
	/* (13): the balances kept beside rows, and what the rows so far say */
	sqlite3_stmt *twin_probe, *bal_put;
	int64_t bal_off;      /* file balance - stored balance at the last row looked at */
	int64_t start_max_id; /* rows above it are this import's */
	bool bal_back;        /* the file goes back in time: the offset is not followed */
	bool bal_chain_bad;   /* two consecutive balances fit neither order */
	bool prev_has;        /* the previous posted row with a balance: */
	int64_t prev_bal, prev_amount;
	gig_date prev_on;
	GArray *latest; /* struct bal_note: the rows of the latest day so far */
	gig_date latest_day;
	gig__rules *rules;
	gig__scan *scan;              /* rows go back to it when not kept (gig__scan_set_recycle) */
	int64_t max_id;               /* the largest transaction id so far (7) */
	gig_date first_day, last_day; /* the dates of the rows stored (transfers) */
	/* (12): the running balance the file states at its latest day: the balance of
	 * the first and of the last posted row of that day in file order (which one is
	 * the day's end depends on the file's order), and the first and last posted
	 * row's day in file order */
	bool bal_any;
	gig_date bal_day, order_first, order_last;
	int64_t bal_first, bal_last;
	GHashTable *rollup; /* struct bucket, the batched inserts' monthly totals (7) */
	/* (15): duplicates' records not written yet (struct defer_key), while nothing
	 * was added; members_eager once something was (or from the start) */
	bool members_eager, defer_full;
	GArray *defer;
	/* rows waiting for the next multi-row insert, in file order */
	size_t n_batch;
	gig_csv_row *batch[BATCH];
	int64_t batch_cat[BATCH];
	char batch_date[BATCH][GIG_DATE_BUFSZ];
};

#define SQL_INSERT_HEAD                                                                            \
	"INSERT INTO transactions(account_id, posted_on, amount_minor, payee, memo, category_id,"  \
	" pending, batch_id, fingerprint, external_id, line_no, raw) VALUES "
#define SQL_INSERT_TAIL                                                                            \
	" ON CONFLICT (account_id, posted_on, fingerprint) WHERE fingerprint IS NOT NULL"          \
	" DO NOTHING"
static const char sql_same_fp[] = "SELECT id, pending FROM transactions"
                                  " WHERE account_id = ?1 AND posted_on = ?2 AND fingerprint = ?3";
static const char sql_flip[] = "UPDATE transactions SET pending = 0 WHERE id = ?1";
static const char sql_twin[] = "SELECT id, payee, posted_on, fingerprint FROM transactions"
                               " WHERE account_id = ?1 AND pending = 1 AND amount_minor = ?2"
                               " AND posted_on BETWEEN date(?3, '-7 days') AND date(?3, '+1 days')"
                               " AND (batch_id IS NULL OR batch_id <> ?4) ORDER BY posted_on, id";
static const char sql_replace[] =
    "UPDATE transactions SET posted_on = ?2, payee = ?3, memo = ?4, pending = 0,"
    " batch_id = ?5, fingerprint = ?6, external_id = ?7, line_no = ?8, raw = ?9"
    " WHERE id = ?1";
static const char sql_supersede[] =
    "INSERT OR IGNORE INTO import_superseded(account_id, posted_on, fingerprint, txn_id)"
    " VALUES (?1, ?2, ?3, ?4)";
/* An older export's pending row arriving after the newer export's posted row. */
static const char sql_posted_twin[] =
    "SELECT payee FROM transactions WHERE account_id = ?1 AND pending = 0"
    " AND amount_minor = ?2 AND posted_on BETWEEN ?3 AND date(?3, '+7 days')";
/* (7): one month, category and pending flag of the rows added so far */
struct bucket {
	char month[8]; /* "YYYY-MM" */
	int64_t category_id;
	bool pending;
	int64_t inflow, outflow, n;
};

static guint
bucket_hash(gconstpointer p)
{
	const struct bucket *b = p;
	return g_str_hash(b->month) * 31u + (guint)b->category_id * 2u + b->pending;
}

static gboolean
bucket_equal(gconstpointer x, gconstpointer y)
{
	const struct bucket *a = x, *b = y;
	return a->category_id == b->category_id && a->pending == b->pending &&
	       strcmp(a->month, b->month) == 0;
}

static bool
bucket_add(struct ctx *c, const gig_csv_row *row, const char *date, int64_t cat, GError **error)
{
	struct bucket key = {.category_id = cat, .pending = row->pending};
	memcpy(key.month, date, 7);
	struct bucket *b = g_hash_table_lookup(c->rollup, &key);
	if (b == NULL) {
		b = g_memdup2(&key, sizeof key);
		g_hash_table_add(c->rollup, b);
	}
	int64_t a = row->amount_minor;
	if (gig_money_add(&b->inflow, b->inflow, a > 0 ? a : 0) &&
	    gig_money_add(&b->outflow, b->outflow, a < 0 ? a : 0)) {
		b->n++;
		return true;
	}
	g_set_error(error, GIG_ERROR, GIG_ERROR_OVERFLOW,
	            "%s:%" G_GINT64_FORMAT ": the month's total does not fit in 64 bits", c->path,
	            row->line_no);
	return false;
}

/* (7): the summed rollup into monthly_totals, once the file is read */
static bool
rollup_write(struct ctx *c, GError **error)
{
	GHashTableIter it;
	gpointer key;
	g_hash_table_iter_init(&it, c->rollup);
	while (g_hash_table_iter_next(&it, &key, NULL)) {
		const struct bucket *b = key;
		if (!gig__rollup_add(c->db, c->account_id, b->month, b->category_id, b->pending,
		                     b->inflow, b->outflow, b->n, error)) {
			g_prefix_error(error, "%s: the totals of %s: ", c->path, b->month);
			return false;
		}
	}
	g_hash_table_remove_all(c->rollup);
	return true;
}

/* (10): the identity is unique (transactions_identity), so this finds one row */
#define SQL_MEMBER_HEAD "INSERT OR IGNORE INTO import_members(batch_id, txn_id, line_no) SELECT "
#define SQL_MEMBER_JOIN                                                                            \
	" FROM transactions t WHERE t.account_id = %" G_GINT64_FORMAT                              \
	" AND t.fingerprint IS NOT NULL"

/* (15) */
struct defer_key {
	char date[GIG_DATE_BUFSZ];
	char fp[GIG__FINGERPRINT_LEN + 1];
	int64_t line;
};
size_t gig__import_defer_max = 65536;
gint gig__import_eager_retries;

GQuark
gig__import_eager_quark(void)
{
	return g_quark_from_static_string("gig-import-eager");
}

static bool
member_write(struct ctx *c, const char *date, const char *fp, int64_t line, GError **error)
{
	sqlite3_stmt *st = c->member;
	sqlite3_bind_text(st, 1, date, 10, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, fp, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, line);
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE || gig__db_fail(c->db, rc, "recording a duplicate's batch", error);
}

/* (15): keeps a duplicate's record for later; false when it must be written now. */
static bool
member_defer(struct ctx *c, const char *date, const char *fp, int64_t line)
{
	if (c->members_eager)
		return false;
	if (c->defer == NULL)
		c->defer = g_array_new(FALSE, FALSE, sizeof(struct defer_key));
	if (c->defer->len >= gig__import_defer_max) {
		c->defer_full = true;
		return true;
	}
	struct defer_key k = {.line = line};
	g_strlcpy(k.date, date, sizeof k.date);
	g_strlcpy(k.fp, fp, sizeof k.fp);
	g_array_append_val(c->defer, k);
	return true;
}

/* (15): the batch added a row: the duplicates met so far get their records. */
static bool
members_eager(struct ctx *c, GError **error)
{
	if (c->members_eager)
		return true;
	c->members_eager = true;
	if (c->defer_full) {
		g_set_error(error, GIG__IMPORT_EAGER, 0,
		            "too many duplicates before the first new row");
		return false;
	}
	for (guint i = 0; c->defer != NULL && i < c->defer->len; i++) {
		const struct defer_key *k = &g_array_index(c->defer, struct defer_key, i);
		if (!member_write(c, k->date, k->fp, k->line, error))
			return false;
	}
	if (c->defer != NULL)
		g_array_set_size(c->defer, 0);
	return true;
}

/* (10): records that this file contains the row already there (row is a duplicate). */
static bool
member_add(struct ctx *c, const gig_csv_row *row, const char *date, GError **error)
{
	if (member_defer(c, date, row->fingerprint, row->line_no))
		return true;
	return member_write(c, date, row->fingerprint, row->line_no, error);
}

static const char sql_superseded[] =
    "SELECT 1 FROM import_superseded"
    " WHERE account_id = ?1 AND posted_on = ?2 AND fingerprint = ?3";

/* A row the import is done with and does not keep. */
static void
row_drop(struct ctx *c, gig_csv_row *row)
{
	if (c->keep_rows)
		gig__csv_row_free(row);
	else
		gig__scan_recycle(c->scan, row);
}

static void
ctx_clear(struct ctx *c)
{
	sqlite3_stmt *all[] = {c->ins,         c->same_fp,     c->flip,       c->twin,
	                       c->replace,     c->supersede,   c->superseded, c->ins_batch,
	                       c->batch_lines, c->posted_twin, c->member,     c->members};
	for (size_t i = 0; i < G_N_ELEMENTS(all); i++)
		sqlite3_finalize(all[i]);
	sqlite3_finalize(c->old_fp);
	sqlite3_finalize(c->old_member);
	sqlite3_finalize(c->twin_probe);
	sqlite3_finalize(c->bal_put);
	if (c->defer != NULL)
		g_array_free(c->defer, TRUE);
	c->defer = NULL;
	if (c->latest != NULL)
		g_array_free(c->latest, TRUE);
	c->latest = NULL;
	gig__rules_free(c->rules);
	g_clear_pointer(&c->rollup, g_hash_table_unref);
	for (size_t i = 0; i < c->n_batch; i++)
		row_drop(c, c->batch[i]);
	c->n_batch = 0;
}

static bool
step_done(struct ctx *c, sqlite3_stmt *st, const char *what, GError **error)
{
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return gig__db_fail(c->db, rc, what, error);
	return true;
}

/* Similar enough to be the same payee: one shares a 4+ letter word with the other. */
bool
gig__similar_text(const char *a, const char *b)
{
	g_autofree char *x = gig__text_norm(a);
	g_autofree char *y = gig__text_norm(b);
	if (*x == '\0' || *y == '\0')
		return false;
	if (strstr(x, y) || strstr(y, x))
		return true;
	g_auto(GStrv) words = g_strsplit_set(x, " ,.;:/*-", -1);
	for (size_t i = 0; words[i]; i++)
		if (strlen(words[i]) >= 4 && strstr(y, words[i]) != NULL)
			return true;
	return false;
}

/* (3): finds and rewrites the pending twin of a posted row; *done when replaced. */
static bool
replace_twin(struct ctx *c, gig_csv_row *row, const char *date, bool *done, GError **error)
{
	*done = false;
	sqlite3_stmt *st = c->twin;
	sqlite3_bind_int64(st, 1, c->account_id);
	sqlite3_bind_int64(st, 2, row->amount_minor);
	sqlite3_bind_text(st, 3, date, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 4, c->batch_id);
	int64_t id = 0;
	g_autofree char *old_date = NULL, *old_fp = NULL;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *payee = (const char *)sqlite3_column_text(st, 1);
		/* only a pending row with a similar payee is this row's earlier self: a
		 * NETFLIX hold is never settled by a SPOTIFY charge of the same amount */
		if (!gig__similar_text(payee, row->payee))
			continue;
		id = sqlite3_column_int64(st, 0);
		old_date = g_strdup((const char *)sqlite3_column_text(st, 2));
		old_fp = g_strdup((const char *)sqlite3_column_text(st, 3));
		break;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return gig__db_fail(c->db, rc, "looking for a pending twin", error);
	if (id == 0)
		return true;
	if (!gig__import_effect(c->db, c->batch_id, id, "settled", error))
		return false;
	st = c->replace;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, date, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, row->payee, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, row->memo, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 5, c->batch_id);
	sqlite3_bind_text(st, 6, row->fingerprint, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 7, row->external_id, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 8, row->line_no);
	sqlite3_bind_null(st, 9); /* the record is in this batch's import_raw */
	if (!step_done(c, st, "replacing a pending row", error))
		return false;
	if (old_fp != NULL) {
		st = c->supersede;
		sqlite3_bind_int64(st, 1, c->account_id);
		sqlite3_bind_text(st, 2, old_date, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, old_fp, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 4, id);
		if (!step_done(c, st, "remembering a settled pending row", error))
			return false;
	}
	*done = true;
	return true;
}

/* After a conflict: flips an identical pending row to posted (3). */
static bool
settle_duplicate(struct ctx *c, gig_csv_row *row, const char *date, GError **error)
{
	if (!c->have_pending || row->pending)
		return true;
	sqlite3_stmt *st = c->same_fp;
	sqlite3_bind_int64(st, 1, c->account_id);
	sqlite3_bind_text(st, 2, date, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, row->fingerprint, -1, SQLITE_STATIC);
	int64_t id = 0;
	bool pend = false;
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		id = sqlite3_column_int64(st, 0);
		pend = sqlite3_column_int(st, 1) != 0;
	}
	sqlite3_reset(st);
	/* a failed step is an error, never "no identical row" (which would add it twice) */
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return gig__db_fail(c->db, rc, "looking for an identical pending row", error);
	if (id != 0)
		row->fate = GIG_ROW_DUPLICATE;
	if (id == 0 || !pend)
		return true;
	if (!gig__import_effect(c->db, c->batch_id, id, "flipped", error))
		return false;
	/* (7): fingerprints are unique within one file, so the flipped row is an earlier
	 * import's, already in monthly_totals; this import's totals go in first anyway,
	 * so that (7) does not rest on that */
	if (!rollup_write(c, error))
		return false;
	sqlite3_bind_int64(c->flip, 1, id);
	if (!step_done(c, c->flip, "settling a pending row", error))
		return false;
	row->fate = GIG_ROW_REPLACED_PENDING;
	return true;
}

/*
 * (3) the other way round: a pending row from an older export, when the posted row
 * it became (same amount, similar payee, on the day or within a week after) is
 * already in the ledger, adds nothing.
 */
static bool
already_posted(struct ctx *c, const gig_csv_row *row, const char *date, bool *hit, GError **error)
{
	sqlite3_stmt *st = c->posted_twin;
	sqlite3_bind_int64(st, 1, c->account_id);
	sqlite3_bind_int64(st, 2, row->amount_minor);
	sqlite3_bind_text(st, 3, date, -1, SQLITE_STATIC);
	*hit = false;
	int rc;
	while (!*hit && (rc = sqlite3_step(st)) == SQLITE_ROW)
		*hit = gig__similar_text((const char *)sqlite3_column_text(st, 0), row->payee);
	sqlite3_reset(st);
	/* a failed look-up is an error, not "no twin" (tests/test_fault.c) */
	if (!*hit && rc != SQLITE_DONE)
		return gig__db_fail(c->db, rc, "looking for a posted twin", error);
	return true;
}

static bool
was_superseded(struct ctx *c, const gig_csv_row *row, const char *date, bool *hit, GError **error)
{
	sqlite3_stmt *st = c->superseded;
	sqlite3_bind_int64(st, 1, c->account_id);
	sqlite3_bind_text(st, 2, date, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, row->fingerprint, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	*hit = rc == SQLITE_ROW;
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return gig__db_fail(c->db, rc, "looking up removed rows", error);
	return true;
}

/* Counts a row the insert added (not replaced); false on an overflowing total. */
static bool
count_added(gig_import_result *res, const gig_csv_row *row, int64_t cat, GError **error)
{
	if (row->pending) {
		res->pending++;
		return true;
	}
	res->inserted++;
	if (cat > 0)
		res->categorized++;
	if (!gig_money_add(&res->sum_minor, res->sum_minor, row->amount_minor)) {
		g_set_error(error, GIG_ERROR, GIG_ERROR_OVERFLOW,
		            "line %" G_GINT64_FORMAT ": the total does not fit in 64 bits",
		            row->line_no);
		return false;
	}
	return true;
}

/* Binds text with its length: SQLite would otherwise count it byte by byte. */
static void
bind_str(sqlite3_stmt *st, int i, const char *text)
{
	if (text == NULL)
		sqlite3_bind_null(st, i);
	else
		sqlite3_bind_text(st, i, text, (int)strlen(text), SQLITE_STATIC);
}

/* The row's own values: posted_on ... raw, from parameter base + 1 on (BATCH_COLS of them). */
static void
bind_values(sqlite3_stmt *st, int base, const gig_csv_row *row, const char *date, int64_t cat)
{
	sqlite3_bind_text(st, base + 1, date, 10, SQLITE_STATIC);
	sqlite3_bind_int64(st, base + 2, row->amount_minor);
	bind_str(st, base + 3, row->payee);
	bind_str(st, base + 4, row->memo);
	if (cat > 0)
		sqlite3_bind_int64(st, base + 5, cat);
	else
		sqlite3_bind_null(st, base + 5);
	sqlite3_bind_int(st, base + 6, row->pending);
	bind_str(st, base + 7, row->fingerprint);
	bind_str(st, base + 8, row->external_id);
	sqlite3_bind_int64(st, base + 9, row->line_no);
	sqlite3_bind_null(st, base + 10); /* the record goes to import_raw (sql/0008) */
}

/* Hands a row whose fate is known to the result (dry run, keep_rows) or frees it. */
static void
row_done(struct ctx *c, gig_csv_row *row)
{
	if (c->keep_rows)
		g_ptr_array_add(c->res->rows, row);
	else
		gig__scan_recycle(c->scan, row);
}

/*
 * (5): one INSERT of BATCH rows.  The account and batch ids are the same for
 * every row of the import, so they are written into the statement as numbers
 * (our own integers, not input) instead of being bound 2 x BATCH times.
 */
static bool
prepare_batch(struct ctx *c, GError **error)
{
	GString *sql = g_string_new(SQL_INSERT_HEAD);
	for (int r = 0; r < BATCH; r++) {
		int k = r * BATCH_COLS;
		g_string_append_printf(sql,
		                       "%s(%" G_GINT64_FORMAT
		                       ",?%d,?%d,?%d,?%d,?%d,?%d,%" G_GINT64_FORMAT
		                       ",?%d,?%d,?%d,?%d)",
		                       r ? "," : "", c->account_id, k + 1, k + 2, k + 3, k + 4,
		                       k + 5, k + 6, c->batch_id, k + 7, k + 8, k + 9, k + 10);
	}
	g_string_append(sql, SQL_INSERT_TAIL);
	bool ok = gig__db_prepare(c->db, sql->str, &c->ins_batch, error) &&
	          gig__db_prepare(
	              c->db, "SELECT line_no FROM transactions WHERE id > ?2 AND batch_id = ?1",
	              &c->batch_lines, error);
	/* (10): the duplicates among them, looked up through transactions_identity */
	g_string_assign(sql, "WITH v(posted_on, fingerprint, line_no) AS (VALUES ");
	for (int r = 0; r < BATCH; r++)
		g_string_append_printf(sql, "%s(?%d,?%d,?%d)", r ? "," : "", r * 3 + 1, r * 3 + 2,
		                       r * 3 + 3);
	g_string_append_printf(sql,
	                       ") " SQL_MEMBER_HEAD "%" G_GINT64_FORMAT ", t.id, v.line_no FROM v"
	                       " JOIN transactions t ON t.account_id = %" G_GINT64_FORMAT
	                       " AND t.posted_on = v.posted_on AND t.fingerprint = v.fingerprint"
	                       " AND t.fingerprint IS NOT NULL WHERE true",
	                       c->batch_id, c->account_id);
	ok = ok && gig__db_prepare(c->db, sql->str, &c->members, error);
	g_string_free(sql, TRUE);
	return ok;
}

static int
cmp_line(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

/* (10): the waiting rows that were duplicates, into import_members in one statement. */
static bool
members_add(struct ctx *c, GError **error)
{
	if (!c->members_eager) {
		/* (15) */
		for (size_t i = 0; i < c->n_batch; i++)
			if (c->batch[i]->fate == GIG_ROW_DUPLICATE)
				member_defer(c, c->batch_date[i], c->batch[i]->fingerprint,
				             c->batch[i]->line_no);
		return true;
	}
	sqlite3_stmt *st = c->members;
	for (size_t i = 0; i < BATCH; i++) {
		const gig_csv_row *row = i < c->n_batch ? c->batch[i] : NULL;
		int k = (int)i * 3;
		if (row != NULL && row->fate == GIG_ROW_DUPLICATE) {
			sqlite3_bind_text(st, k + 1, c->batch_date[i], 10, SQLITE_STATIC);
			sqlite3_bind_text(st, k + 2, row->fingerprint, -1, SQLITE_STATIC);
			sqlite3_bind_int64(st, k + 3, row->line_no);
		} else {
			/* NULL matches no row */
			sqlite3_bind_null(st, k + 1);
			sqlite3_bind_null(st, k + 2);
			sqlite3_bind_null(st, k + 3);
		}
	}
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE || gig__db_fail(c->db, rc, "recording duplicates' batch", error);
}

/* (5): inserts the waiting rows and works out which were duplicates. */
static bool
flush_batch(struct ctx *c, GError **error)
{
	size_t n = c->n_batch;
	if (n == 0)
		return true;
	bool ok = true;
	if (n < BATCH) {
		/* the last few rows of the file: one statement each */
		for (size_t i = 0; i < n && ok; i++) {
			gig_csv_row *row = c->batch[i];
			bind_values(c->ins, 0, row, c->batch_date[i], c->batch_cat[i]);
			int rc = sqlite3_step(c->ins);
			sqlite3_reset(c->ins);
			if (rc != SQLITE_DONE)
				ok = gig__db_fail(c->db, rc, "inserting a transaction", error);
			else if (sqlite3_changes(c->db) == 0) {
				row->fate = GIG_ROW_DUPLICATE;
				ok = member_add(c, row, c->batch_date[i], error);
			} else
				c->max_id = sqlite3_last_insert_rowid(c->db);
		}
	} else {
		sqlite3_stmt *st = c->ins_batch;
		for (size_t i = 0; i < n; i++)
			bind_values(st, (int)i * BATCH_COLS, c->batch[i], c->batch_date[i],
			            c->batch_cat[i]);
		int64_t before = c->max_id;
		int rc = sqlite3_step(st);
		sqlite3_reset(st);
		if (rc != SQLITE_DONE) {
			ok = gig__db_fail(c->db, rc, "inserting transactions", error);
			g_prefix_error(error, "lines %" G_GINT64_FORMAT "-%" G_GINT64_FORMAT ": ",
			               c->batch[0]->line_no, c->batch[n - 1]->line_no);
		}
		int64_t changed = ok ? sqlite3_changes64(c->db) : 0;
		if (changed > 0)
			c->max_id = sqlite3_last_insert_rowid(c->db);
		if (ok && changed == 0) {
			/* all known already (a re-import) */
			for (size_t i = 0; i < n; i++)
				c->batch[i]->fate = GIG_ROW_DUPLICATE;
		} else if (ok && changed < (int64_t)n) {
			/* some were new: those now carrying this batch's id (line numbers are
			 * unique within the file, and the rows are in line order) */
			int64_t added[BATCH];
			size_t n_added = 0;
			st = c->batch_lines;
			sqlite3_bind_int64(st, 1, c->batch_id);
			sqlite3_bind_int64(st, 2, before);
			while ((rc = sqlite3_step(st)) == SQLITE_ROW && n_added < BATCH)
				added[n_added++] = sqlite3_column_int64(st, 0);
			sqlite3_reset(st);
			if (rc != SQLITE_DONE && rc != SQLITE_ROW)
				ok = gig__db_fail(c->db, rc, "reading back inserted lines", error);
			qsort(added, n_added, sizeof(int64_t), cmp_line);
			for (size_t i = 0; i < n && ok; i++)
				if (bsearch(&c->batch[i]->line_no, added, n_added, sizeof(int64_t),
				            cmp_line) == NULL)
					c->batch[i]->fate = GIG_ROW_DUPLICATE;
		}
		if (ok && changed < (int64_t)n)
			ok = members_add(c, error);
	}
	for (size_t i = 0; i < n; i++) {
		gig_csv_row *row = c->batch[i];
		if (ok && row->fate == GIG_ROW_DUPLICATE)
			c->res->duplicates++;
		else if (ok)
			ok = count_added(c->res, row, c->batch_cat[i], error) &&
			     bucket_add(c, row, c->batch_date[i], c->batch_cat[i], error);
		if (ok)
			row_done(c, row);
		else
			row_drop(c, row);
	}
	c->n_batch = 0;
	/* (15): the batch added rows */
	if (ok && !c->members_eager && c->max_id > c->start_max_id)
		ok = members_eager(c, error);
	return ok;
}

/* (11): whether the account holds rows imported before sql/0015; then the scan gives
 * rows their old fingerprint too, and the look-ups are prepared. */
static bool
old_identity_prepare(struct ctx *c, gig__scan *scan, GError **error)
{
	sqlite3_stmt *st = NULL;
	if (!gig__db_prepare(c->db,
	                     "SELECT s.v FROM (SELECT CAST(value AS INTEGER) AS v FROM settings"
	                     " WHERE key = 'import_identity_old_max_txn') s"
	                     " WHERE EXISTS (SELECT 1 FROM transactions WHERE account_id = ?1"
	                     " AND id <= s.v AND fingerprint IS NOT NULL)",
	                     &st, error))
		return false;
	sqlite3_bind_int64(st, 1, c->account_id);
	int rc = sqlite3_step(st);
	c->old_max_id = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return gig__db_fail(c->db, rc, "looking up rows of older imports", error);
	if (scan != NULL)
		gig__scan_set_old_identity(scan, c->old_max_id > 0);
	if (c->old_max_id <= 0)
		return true;
	return gig__db_prepare(
	           c->db,
	           "SELECT id FROM transactions WHERE account_id = ?1 AND posted_on = ?2"
	           " AND fingerprint = ?3 AND id <= ?4 AND pending = 0",
	           &c->old_fp, error) &&
	       gig__db_prepare(c->db,
	                       "INSERT OR IGNORE INTO import_members(batch_id, txn_id, line_no)"
	                       " VALUES (?1, ?2, ?3)",
	                       &c->old_member, error);
}

/* (11): *hit when the row's old identity is a posted row imported before sql/0015;
 * that row then lists this batch as one whose file contained it (10). */
static bool
old_duplicate(struct ctx *c, const gig_csv_row *row, const char *date, bool *hit, GError **error)
{
	sqlite3_stmt *st = c->old_fp;
	sqlite3_bind_int64(st, 1, c->account_id);
	sqlite3_bind_text(st, 2, date, -1, SQLITE_STATIC);
	/* the same text as today's identity (the balance left it again) */
	sqlite3_bind_text(st, 3, row->fingerprint, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 4, c->old_max_id);
	int rc = sqlite3_step(st);
	int64_t id = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return gig__db_fail(c->db, rc, "looking up rows of older imports", error);
	*hit = id != 0;
	if (!*hit)
		return true;
	st = c->old_member;
	sqlite3_bind_int64(st, 1, c->batch_id);
	sqlite3_bind_int64(st, 2, id);
	sqlite3_bind_int64(st, 3, row->line_no);
	return step_done(c, st, "recording a duplicate's batch", error);
}

/* (12): the stated running balance at the file's latest day */
static void
balance_seen(struct ctx *c, const gig_csv_row *row)
{
	if (c->order_first == GIG_DATE_NONE)
		c->order_first = row->posted_on;
	c->order_last = row->posted_on;
	if (!row->has_balance)
		return;
	if (!c->bal_any || row->posted_on > c->bal_day) {
		c->bal_any = true;
		c->bal_day = row->posted_on;
		c->bal_first = row->balance_minor;
	}
	if (row->posted_on == c->bal_day)
		c->bal_last = row->balance_minor;
}

/*
 * (12): the file's balance against the ledger's, after the import: a stated
 * closing balance (res->has_stated_balance, filled by the reader), else the running
 * balance at the end of the file's latest day.  Recorded as a balance assertion
 * (sql/0012), belonging to the batch when the import keeps one.
 */
static bool
reconcile_balance(struct ctx *c, bool added, GError **error)
{
	gig_import_reconciliation *r = &c->res->reconciliation;
	/* (14): what the reader found is one balance for the file; with rows in several
	 * accounts, each account's running balance speaks for it */
	const gig_import_result *top = c->top;
	if (top->has_stated_balance && !c->multi) {
		r->stated_minor = top->stated_balance_minor;
		r->on =
		    top->stated_balance_on != GIG_DATE_NONE ? top->stated_balance_on : c->last_day;
	} else if (c->bal_any) {
		/* newest first: the first row of the latest day ends it */
		bool newest_first = c->order_first > c->order_last;
		r->stated_minor = newest_first ? c->bal_first : c->bal_last;
		r->on = c->bal_day;
	} else {
		return true;
	}
	if (r->on == GIG_DATE_NONE)
		return true;
	if (!gig__balance_on(c->db, c->account_id, r->on, &r->ledger_minor, error))
		return false;
	if (!gig_money_sub(&r->difference_minor, r->stated_minor, r->ledger_minor)) {
		g_set_error(error, GIG_ERROR, GIG_ERROR_OVERFLOW,
		            "%s: the stated balance is too far from the ledger's to compare",
		            c->path);
		return false;
	}
	r->checked = true;
	if (!gig_amount_ok(r->stated_minor))
		return true; /* reported, but not kept as an assertion */
	return gig__assertion_add(c->db, c->account_id, r->on, r->stated_minor, "import",
	                          added ? c->batch_id : 0, NULL, error);
}

/* ---- (13): balances beside rows ---- */

struct bal_note {
	char fp[GIG__FINGERPRINT_LEN + 1];
	int64_t balance;
};

/* Rows of one day an import keeps the balance of; more are dropped, oldest first. */
#define BAL_NOTES_MAX 65536
/* Identical twins of one day looked at, at most. */
#define TWINS_MAX 64

static bool
balances_prepare(struct ctx *c, GError **error)
{
	c->latest = g_array_new(FALSE, FALSE, sizeof(struct bal_note));
	c->latest_day = GIG_DATE_NONE;
	return gig__db_prepare(c->db,
	                       "SELECT t.pending, b.balance_minor, t.id FROM transactions t"
	                       " LEFT JOIN import_balances b ON b.account_id = t.account_id"
	                       " AND b.posted_on = t.posted_on AND b.fingerprint = t.fingerprint"
	                       " WHERE t.account_id = ?1 AND t.posted_on = ?2"
	                       " AND t.fingerprint = ?3",
	                       &c->twin_probe, error) &&
	       gig__db_prepare(c->db,
	                       "INSERT OR REPLACE INTO import_balances(account_id, posted_on,"
	                       " fingerprint, balance_minor) VALUES (?1, ?2, ?3, ?4)",
	                       &c->bal_put, error);
}

static bool
balance_put(struct ctx *c, const char *date, const char *fp, int64_t balance, GError **error)
{
	sqlite3_stmt *st = c->bal_put;
	sqlite3_bind_int64(st, 1, c->account_id);
	sqlite3_bind_text(st, 2, date, 10, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, fp, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 4, balance);
	return step_done(c, st, "keeping a row's running balance", error);
}

/* The rows of the latest day so far (their balance is kept at the end). */
static void
balance_note(struct ctx *c, const gig_csv_row *row)
{
	if (!row->has_balance || row->pending || row->fingerprint == NULL)
		return;
	if (c->latest_day == GIG_DATE_NONE || row->posted_on > c->latest_day) {
		g_array_set_size(c->latest, 0);
		c->latest_day = row->posted_on;
	} else if (row->posted_on < c->latest_day) {
		return;
	}
	if (c->latest->len >= BAL_NOTES_MAX)
		g_array_remove_index(c->latest, 0);
	struct bal_note n = {.balance = row->balance_minor};
	g_strlcpy(n.fp, row->fingerprint, sizeof n.fp);
	g_array_append_val(c->latest, n);
}

static bool
balances_write(struct ctx *c, GError **error)
{
	if (c->latest == NULL || c->latest->len == 0)
		return true;
	char date[GIG_DATE_BUFSZ];
	gig__date_text(date, c->latest_day);
	for (guint i = 0; i < c->latest->len; i++) {
		const struct bal_note *n = &g_array_index(c->latest, struct bal_note, i);
		if (!balance_put(c, date, n->fp, n->balance, error))
			return false;
	}
	return true;
}

/* What consecutive balances say: the file's order, or that they are no chain. */
static void
balance_chain(struct ctx *c, const gig_csv_row *row)
{
	if (row->pending || !row->has_balance)
		return;
	if (c->prev_has) {
		int64_t fwd = 0, rev = 0;
		bool f = gig_money_add(&fwd, c->prev_bal, row->amount_minor) &&
		         fwd == row->balance_minor;
		bool r =
		    gig_money_add(&rev, row->balance_minor, c->prev_amount) && rev == c->prev_bal;
		if (!f && !r)
			c->bal_chain_bad = true;
		else if (r && !f)
			c->bal_back = true;
		if (row->posted_on < c->prev_on)
			c->bal_back = true;
	}
	c->prev_has = true;
	c->prev_bal = row->balance_minor;
	c->prev_amount = row->amount_minor;
	c->prev_on = row->posted_on;
}

/*
 * (13): `row` meets a stored row of its identity (row->fingerprint).  Whether it is
 * that row, another of its identical twins (row->fingerprint becomes that one's), or
 * a new twin after them (*fresh; row->fingerprint becomes the next free occurrence).
 */
static bool
twin_decide(struct ctx *c, gig_csv_row *row, const char *date, bool *fresh, GError **error)
{
	*fresh = false;
	if (c->bal_chain_bad)
		return true;
	int64_t off = c->bal_back ? 0 : c->bal_off;
	int64_t off_next = 0; /* off + the row's amount: the balance after a twin */
	if (!gig_money_add(&off_next, off, row->amount_minor))
		return true;
	char fp[GIG__FINGERPRINT_LEN + 1], same_fp[GIG__FINGERPRINT_LEN + 1] = "";
	bool unknown = false, follows = false, own_known = false;
	int64_t own_bal = 0;
	uint32_t n = 0;
	for (; n < TWINS_MAX; n++) {
		gig__row_fingerprint_at(row, n, fp);
		sqlite3_stmt *st = c->twin_probe;
		sqlite3_bind_int64(st, 1, c->account_id);
		sqlite3_bind_text(st, 2, date, 10, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, fp, -1, SQLITE_STATIC);
		int rc = sqlite3_step(st);
		bool found = rc == SQLITE_ROW;
		bool pend = found && sqlite3_column_int(st, 0) != 0;
		bool known = found && sqlite3_column_type(st, 1) != SQLITE_NULL;
		int64_t bal = known ? sqlite3_column_int64(st, 1) : 0;
		/* a twin this import stored has this file's balance: no offset */
		bool ours = found && sqlite3_column_int64(st, 2) > c->start_max_id;
		sqlite3_reset(st);
		if (rc != SQLITE_ROW && rc != SQLITE_DONE)
			return gig__db_fail(c->db, rc, "looking up a row's identical twins", error);
		if (!found)
			break;
		if (pend || !known) {
			unknown = true;
			continue;
		}
		int64_t d = 0;
		if (!gig_money_sub(&d, row->balance_minor, bal)) {
			unknown = true;
			continue;
		}
		if (strcmp(fp, row->fingerprint) == 0 && !ours) {
			own_known = true;
			own_bal = bal;
		}
		if (d == (ours ? 0 : off) && same_fp[0] == '\0')
			memcpy(same_fp, fp, sizeof fp);
		if (d == (ours ? row->amount_minor : off_next))
			follows = true;
	}
	if (same_fp[0] != '\0') {
		/* the same row, perhaps as another occurrence than in this file */
		memcpy(row->fingerprint, same_fp, sizeof same_fp);
		return true;
	}
	if (!unknown && follows && n < TWINS_MAX) {
		gig__row_fingerprint_at(row, n, row->fingerprint);
		*fresh = true;
		return true;
	}
	/* the occurrence rule: the stored row, its balance moved by rows this file gained
	 * (or lost) before it */
	if (own_known && !c->bal_back)
		gig_money_sub(&c->bal_off, row->balance_minor, own_bal);
	return true;
}

/*
 * The one-row INSERT of `row`; *added false when its identity is already there.
 * With `check` (13), such a row is looked at again by its balance first.
 */
static bool
insert_one(struct ctx *c, gig_csv_row *row, const char *date, int64_t cat, bool check, bool *added,
           GError **error)
{
	*added = false;
	for (int attempt = 0; attempt < 2; attempt++) {
		sqlite3_stmt *st = c->ins;
		bind_values(st, 0, row, date, cat);
		int rc = sqlite3_step(st);
		sqlite3_reset(st);
		if (rc != SQLITE_DONE)
			return gig__db_fail(c->db, rc, "inserting a transaction", error);
		if (sqlite3_changes(c->db) > 0) {
			c->max_id = sqlite3_last_insert_rowid(c->db);
			*added = true;
			if (check && !gig_money_add(&c->bal_off, c->bal_off, row->amount_minor))
				c->bal_chain_bad = true;
			/* a twin the balance told apart: its own balance for the next import */
			return attempt == 0 ||
			       balance_put(c, date, row->fingerprint, row->balance_minor, error);
		}
		bool fresh = false;
		if (!check || attempt > 0)
			return true;
		if (!twin_decide(c, row, date, &fresh, error))
			return false;
		if (!fresh)
			return true;
	}
	return true;
}

static bool
store_row(gig_csv_row *row, void *payload, GError **error)
{
	struct ctx *c = payload;
	gig_import_result *res = c->res;
	char date[GIG_DATE_BUFSZ];
	gig__date_text(date, row->posted_on);
	bool ok = true;
	g_assert(strcmp(row->currency, c->currency) == 0); /* (14): route_row's */
	balance_chain(c, row);
	/* (13): a row of the earliest day so far may meet its twin of the export before */
	bool check = row->has_balance && !row->pending && !c->bal_chain_bad &&
	             (c->first_day == GIG_DATE_NONE || row->posted_on <= c->first_day);
	if (c->first_day == GIG_DATE_NONE || row->posted_on < c->first_day)
		c->first_day = row->posted_on;
	if (c->last_day == GIG_DATE_NONE || row->posted_on > c->last_day)
		c->last_day = row->posted_on;
	if (!row->pending)
		balance_seen(c, row);
	bool replaced = false;
	bool dup = false;
	if (row->pending && c->have_superseded && !was_superseded(c, row, date, &dup, error)) {
		ok = false;
		goto out;
	}
	if (row->pending && !dup && !already_posted(c, row, date, &dup, error)) {
		ok = false;
		goto out;
	}
	if (!dup && row->has_balance && c->old_fp != NULL &&
	    !old_duplicate(c, row, date, &dup, error)) {
		ok = false;
		goto out;
	}
	if (dup) {
		row->fate = GIG_ROW_DUPLICATE;
		res->duplicates++;
		goto out;
	}
	int64_t cat = 0;
	const char *cat_name = NULL;
	if (c->rules != NULL &&
	    gig__rules_match(c->rules, row->payee, row->memo, &cat, &cat_name) && c->keep_rows)
		row->category = g_strdup(cat_name); /* only kept rows show it */
	if (c->ins_batch != NULL && check && !flush_batch(c, error)) {
		ok = false;
		goto out;
	}
	if (c->ins_batch != NULL && !check) {
		/* (5): nothing to look up first */
		balance_note(c, row);
		size_t i = c->n_batch++;
		c->batch[i] = row;
		c->batch_cat[i] = cat;
		memcpy(c->batch_date[i], date, sizeof(date));
		return c->n_batch < BATCH || flush_batch(c, error);
	}
	if (!row->pending && c->have_pending) {
		/* already there (maybe as pending)?  else it may settle an older pending row */
		if (!settle_duplicate(c, row, date, error)) {
			ok = false;
			goto out;
		}
		if (row->fate == GIG_ROW_REPLACED_PENDING) {
			res->replaced_pending++;
			ok = member_add(c, row, date, error);
			goto out;
		}
		if (row->fate != GIG_ROW_DUPLICATE) {
			ok = replace_twin(c, row, date, &replaced, error);
			if (!ok)
				goto out;
		}
	}
	if (!replaced) {
		bool added = false;
		if (!insert_one(c, row, date, cat, check, &added, error)) {
			ok = false;
			goto out;
		}
		if (!added) {
			row->fate = GIG_ROW_DUPLICATE;
			res->duplicates++;
			ok = member_add(c, row, date, error);
			goto out;
		}
	}
	if (replaced) {
		row->fate = GIG_ROW_REPLACED_PENDING;
		res->replaced_pending++;
	} else {
		ok = count_added(res, row, cat, error) && bucket_add(c, row, date, cat, error);
	}
out:
	/* (15): a row added or settled by the one-row path */
	if (ok && !c->members_eager && row->fate != GIG_ROW_DUPLICATE)
		ok = members_eager(c, error);
	if (ok) {
		balance_note(c, row);
		row_done(c, row);
	} else {
		row_drop(c, row);
	}
	return ok;
}

static bool
prepare_all(struct ctx *c, GError **error)
{
	/* the one-row INSERT has the batched one's shape: account and batch are
	 * constants of the import, the row's own values are ?1..?10 (bind_values) */
	g_autofree char *insert = g_strdup_printf(
	    SQL_INSERT_HEAD "(%" G_GINT64_FORMAT ",?1,?2,?3,?4,?5,?6,%" G_GINT64_FORMAT
	                    ",?7,?8,?9,?10)" SQL_INSERT_TAIL,
	    c->account_id, c->batch_id);
	g_autofree char *member =
	    g_strdup_printf(SQL_MEMBER_HEAD "%" G_GINT64_FORMAT ", t.id, ?3" SQL_MEMBER_JOIN
	                                    " AND t.posted_on = ?1 AND t.fingerprint = ?2",
	                    c->batch_id, c->account_id);
	return gig__db_prepare(c->db, insert, &c->ins, error) &&
	       gig__db_prepare(c->db, member, &c->member, error) &&
	       gig__db_prepare(c->db, sql_same_fp, &c->same_fp, error) &&
	       gig__db_prepare(c->db, sql_flip, &c->flip, error) &&
	       gig__db_prepare(c->db, sql_twin, &c->twin, error) &&
	       gig__db_prepare(c->db, sql_replace, &c->replace, error) &&
	       gig__db_prepare(c->db, sql_supersede, &c->supersede, error) &&
	       gig__db_prepare(c->db, sql_superseded, &c->superseded, error) &&
	       gig__db_prepare(c->db, sql_posted_twin, &c->posted_twin, error);
}

static char *
guesses_json(const gig_import_result *r)
{
	g_autoptr(JsonBuilder) b = json_builder_new();
	const gig_import_guesses *g = &r->guesses;
	char delim[2] = {g->delimiter, 0};
	char mark[2] = {g->decimal_mark, 0};
	json_builder_begin_object(b);
	json_builder_set_member_name(b, "format");
	json_builder_add_string_value(b, g->format);
	json_builder_set_member_name(b, "encoding");
	json_builder_add_string_value(b, g->encoding);
	json_builder_set_member_name(b, "delimiter");
	json_builder_add_string_value(b, delim);
	json_builder_set_member_name(b, "header_line");
	json_builder_add_int_value(b, g->header_line);
	json_builder_set_member_name(b, "date_format");
	json_builder_add_string_value(b, g->date_format);
	json_builder_set_member_name(b, "decimal_mark");
	json_builder_add_string_value(b, mark);
	json_builder_set_member_name(b, "sign_rule");
	json_builder_add_string_value(b, g->sign_rule);
	json_builder_set_member_name(b, "columns");
	json_builder_add_string_value(b, g->columns);
	if (r->skipped_no_amount->len > 0) {
		/* the batch keeps which rows were left out, not only how many */
		g_autofree char *lines = gig_import_lines_text(r->skipped_no_amount, 20);
		json_builder_set_member_name(b, "skipped_no_amount");
		json_builder_add_string_value(b, lines);
	}
	json_builder_end_object(b);
	g_autoptr(JsonNode) root = json_builder_get_root(b);
	return json_to_string(root, FALSE);
}

static bool purge_removed(struct ctx *c, GError **error);
struct lanes;
static bool conversions_mark(struct lanes *L, GError **error);

/* Runs `sql` (with the account as ?1, when it has a parameter) and reads one integer. */
static bool
query_int(struct ctx *c, const char *sql, const char *what, int64_t *out, GError **error)
{
	sqlite3_stmt *st = NULL;
	if (!gig__db_prepare(c->db, sql, &st, error))
		return false;
	if (sqlite3_bind_parameter_count(st) > 0)
		sqlite3_bind_int64(st, 1, c->account_id);
	/* a failed step (out of memory may also roll the transaction back) is an
	 * error, never "no": every later write would go outside the transaction */
	int rc = sqlite3_step(st);
	bool ok = rc == SQLITE_ROW;
	if (ok)
		*out = sqlite3_column_int64(st, 0);
	else
		gig__db_fail(c->db, rc, what, error);
	sqlite3_finalize(st);
	return ok;
}

/* (6): the account still exists now that the transaction holds the write lock */
static bool
check_account(struct ctx *c, GError **error)
{
	sqlite3_stmt *st = NULL;
	if (!gig__db_prepare(c->db, "SELECT 1 FROM accounts WHERE id = ?1", &st, error))
		return false;
	sqlite3_bind_int64(st, 1, c->account_id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_DONE)
		g_set_error(error, GIG_ERROR, GIG_ERROR_NOT_FOUND,
		            "the account was deleted while the file was being read");
	else if (rc != SQLITE_ROW)
		gig__db_fail(c->db, rc, "checking the account", error);
	sqlite3_finalize(st);
	return rc == SQLITE_ROW;
}

/* The batch's row, before its rows (file hash and counts come at the end). */
static bool
insert_batch(struct ctx *c, const char *path, const gig_import_options *o, GError **error)
{
	g_autofree char *guesses = guesses_json(c->top);
	char today[GIG_DATE_BUFSZ] = "unknown";
	if (o->today != GIG_DATE_NONE)
		gig_date_format(today, o->today);
	g_autofree char *base = g_path_get_basename(path);
	sqlite3_stmt *st = NULL;
	if (!gig__db_prepare(c->db,
	                     "INSERT INTO import_batches(account_id, file_name, file_sha256,"
	                     " imported_on, profile, guesses, first_txn_id)"
	                     " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
	                     &st, error))
		return false;
	sqlite3_bind_int64(st, 1, c->account_id);
	sqlite3_bind_text(st, 2, base, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, "", -1, SQLITE_STATIC); /* known at the end */
	sqlite3_bind_text(st, 4, today, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, c->top->guesses.profile, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, guesses, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 7, c->max_id + 1);
	bool ok = step_done(c, st, "recording the import batch", error);
	c->batch_id = sqlite3_last_insert_rowid(c->db);
	sqlite3_finalize(st);
	return ok;
}

/* Everything before the rows: the account, the id range, the batch, what to look up. */
static bool
begin_batch(struct ctx *c, const char *path, const gig_import_options *o, GError **error)
{
	int64_t pending = 0, superseded = 0;
	/* (7): the ids this import's rows will take start above every existing one */
	bool ok =
	    check_account(c, error) &&
	    query_int(c, "SELECT ifnull(max(id), 0) FROM transactions",
	              "reading the last transaction id", &c->max_id, error) &&
	    insert_batch(c, path, o, error) &&
	    query_int(c,
	              "SELECT EXISTS (SELECT 1 FROM transactions WHERE account_id = ?1"
	              " AND pending = 1)",
	              "looking up earlier rows", &pending, error) &&
	    query_int(c, "SELECT EXISTS (SELECT 1 FROM import_superseded WHERE account_id = ?1)",
	              "looking up earlier rows", &superseded, error);
	c->have_pending = pending != 0;
	c->have_superseded = superseded != 0;
	c->start_max_id = c->max_id; /* (13) */
	return ok;
}

/* Runs one statement with the batch id as ?1 (and `v` as ?2 when has_v). */
static bool
batch_exec(struct ctx *c, const char *sql, bool has_v, int64_t v, const char *what, GError **error)
{
	sqlite3_stmt *st = NULL;
	if (!gig__db_prepare(c->db, sql, &st, error))
		return false;
	sqlite3_bind_int64(st, 1, c->batch_id);
	if (has_v)
		sqlite3_bind_int64(st, 2, v);
	bool ok = step_done(c, st, what, error);
	sqlite3_finalize(st);
	return ok;
}

/* The batch's counts, hash and guesses; or, when it added nothing, no batch at all. */
static bool
end_batch(struct ctx *c, bool added, GError **error)
{
	gig_import_result *res = c->res;
	if (!added)
		/* (6): foreign keys are off, so the batch's chunks go first, by hand */
		return batch_exec(c, "DELETE FROM import_raw WHERE batch_id = ?1", false, 0,
		                  "removing the records read", error) &&
		       batch_exec(c, "DELETE FROM import_members WHERE batch_id = ?1", false, 0,
		                  "removing the duplicates' batch", error) &&
		       batch_exec(c, "DELETE FROM import_batches WHERE id = ?1", false, 0,
		                  "updating the import batch", error);
	sqlite3_stmt *st = NULL;
	if (!gig__db_prepare(c->db,
	                     "UPDATE import_batches SET inserted = ?2, duplicates = ?3,"
	                     " pending = ?4, skipped_rows = ?5, sum_minor = ?6,"
	                     " file_sha256 = ?7, guesses = ?8 WHERE id = ?1",
	                     &st, error))
		return false;
	sqlite3_bind_int64(st, 1, c->batch_id);
	sqlite3_bind_int64(st, 2, res->inserted);
	sqlite3_bind_int64(st, 3, res->duplicates);
	sqlite3_bind_int64(st, 4, res->pending);
	sqlite3_bind_int64(st, 5, c->top->skipped_rows);
	sqlite3_bind_int64(st, 6, res->sum_minor);
	const char *sha = c->top->file_sha256;
	sqlite3_bind_text(st, 7, sha ? sha : "", -1, SQLITE_STATIC);
	/* again: now with the lines of the rows skipped */
	sqlite3_bind_text(st, 8, guesses_json(c->top), -1, g_free);
	bool ok = step_done(c, st, "updating the import batch", error);
	sqlite3_finalize(st);
	return ok;
}

/* Everything before the rows, for one account: its batch, statements and rules.  The
 * scan is given for the import's own account (sql/0015's look-up switches it), NULL
 * for another (14). */
static bool
lane_begin(struct ctx *c, gig__scan *scan, const char *path, const gig_import_options *o,
           GError **error)
{
	c->rollup = g_hash_table_new_full(bucket_hash, bucket_equal, g_free, NULL);
	bool ok = begin_batch(c, path, o, error) && prepare_all(c, error) &&
	          gig__rules_load(c->db, &c->rules, error) &&
	          old_identity_prepare(c, scan, error) && balances_prepare(c, error);
	if (ok && !c->have_pending && !c->have_superseded)
		ok = prepare_batch(c, error);
	return ok;
}

/* Once the file is read: the account's rows are all in. */
static bool
lane_rows_done(struct ctx *c, GError **error)
{
	return flush_batch(c, error) && rollup_write(c, error) && balances_write(c, error) &&
	       /* (7): the batch's id range is complete before anything looks its rows up */
	       batch_exec(c, "UPDATE import_batches SET last_txn_id = ?2 WHERE id = ?1", true,
	                  c->max_id, "recording the batch's rows", error) &&
	       /* identities the user removed first (edit.h) */
	       purge_removed(c, error);
}

/* Hand entries, transfers, invoices, the balance check and the batch's own record. */
static bool
lane_finish(struct ctx *c, const char *path, GError **error)
{
	gig_import_result *res = c->res;
	/* hand entries first: a bank row that confirms one is no longer a row of its own
	 * for transfers and invoices to look at (the hand row keeps its links) */
	bool ok = gig__hand_confirm(c->db, c->account_id, c->batch_id, c->first_day, c->last_day,
	                            res, error) &&
	          gig__transfers_mark(c->db, c->account_id, c->batch_id, c->first_day, c->last_day,
	                              res, error) &&
	          gig__invoices_match(c->ledger, c->account_id, c->batch_id, res, error) &&
	          (c->payers == NULL ||
	           gig__royalty_payouts_match(c->db, c->payers, c->batch_id, res, error));
	if (!ok)
		return false;
	bool added = res->inserted + res->pending + res->replaced_pending + res->confirmed > 0;
	if (!reconcile_balance(c, added, error) || (added && !members_eager(c, error)))
		return false;
	ok = end_batch(c, added, error);
	res->batch_id = added ? c->batch_id : 0;
	if (ok && added) {
		gig__journal_entry(c->db, "import", c->batch_id, 0);
		g_autofree char *name = g_path_get_basename(path);
		gig__journal_summary(
		    c->db, "import batch %" G_GINT64_FORMAT ": %s, %" G_GINT64_FORMAT " rows added",
		    c->batch_id, name, res->inserted + res->pending);
	}
	return ok;
}

/* ---- (14): a file whose rows go to several accounts ---- */

#define LANES_MAX 16

struct account_for {
	char cur[4];
	char *name;
};

struct lanes {
	struct ctx *c[LANES_MAX]; /* c[0]: the import's own account */
	size_t n;
	const char *path;
	const gig_import_options *o;
	gig__scan *scan;
	gig_import_result *top;
	struct account_for *map;
	size_t n_map;
	/* files with a currency column: per account (lane), the lines whose record says
	 * it is a currency conversion (conversion_text), GHashTable of int64 */
	bool conv_watch;
	GHashTable *conv_lines[LANES_MAX];
	bool eager; /* (15): duplicates' records written at once (the second attempt) */
};

/* (14): "CUR=ACCOUNT" entries, each account there and in that currency. */
static bool
account_for_parse(struct lanes *L, sqlite3 *db, GError **error)
{
	const char *const *v = L->o->account_for; /* the version is checked on entry */
	size_t n = 0;
	while (v != NULL && v[n] != NULL)
		n++;
	L->map = g_new0(struct account_for, MAX(n, 1));
	for (size_t i = 0; i < n; i++) {
		const char *eq = strchr(v[i], '=');
		char code[8] = "";
		if (eq != NULL && eq - v[i] < (ptrdiff_t)sizeof code)
			memcpy(code, v[i], (size_t)(eq - v[i]));
		if (eq == NULL || eq[1] == '\0' ||
		    !gig_currency_normalize(L->map[i].cur, code, NULL)) {
			g_set_error(
			    error, GIG_ERROR, GIG_ERROR_INVALID_INPUT,
			    "--account-for '%s': expected CUR=ACCOUNT, such as USD=Wise-USD", v[i]);
			return false;
		}
		for (size_t j = 0; j < i; j++)
			if (strcmp(L->map[j].cur, L->map[i].cur) == 0) {
				g_set_error(error, GIG_ERROR, GIG_ERROR_INVALID_INPUT,
				            "--account-for names two accounts for %s",
				            L->map[i].cur);
				return false;
			}
		L->map[i].name = g_strdup(eq + 1);
		L->n_map = i + 1;
		int64_t id = 0;
		char cur[4] = "";
		if (!gig__account_lookup(db, L->map[i].name, &id, cur, error)) {
			g_prefix_error(error, "--account-for %s: ", v[i]);
			return false;
		}
		if (strcmp(cur, L->map[i].cur) != 0) {
			g_set_error(error, GIG_ERROR, GIG_ERROR_INVALID_INPUT,
			            "--account-for %s: the account '%s' is in %s, not %s", v[i],
			            L->map[i].name, cur, L->map[i].cur);
			return false;
		}
	}
	return true;
}

static void
lanes_clear(struct lanes *L)
{
	struct ctx *c0 = L->n > 0 ? L->c[0] : NULL;
	if (c0 != NULL && c0->res != NULL && c0->res != L->top) {
		/* detached by lane0_detach and not handed over by lanes_sum */
		c0->res->rows = NULL;
		gig_import_result_free(c0->res);
		c0->res = L->top;
	}
	for (size_t i = 1; i < L->n; i++) {
		ctx_clear(L->c[i]);
		if (L->c[i]->res != NULL)
			L->c[i]->res->rows = NULL; /* borrowed from the import's result */
		gig_import_result_free(L->c[i]->res);
		g_free(L->c[i]->account_name);
		g_free(L->c[i]);
	}
	L->n = MIN(L->n, 1);
	for (size_t i = 0; i < LANES_MAX; i++)
		g_clear_pointer(&L->conv_lines[i], g_hash_table_unref);
	for (size_t i = 0; i < L->n_map; i++)
		g_free(L->map[i].name);
	g_clear_pointer(&L->map, g_free);
	L->n_map = 0;
}

/* The account of the ledger in currency `cur` when there is exactly one (*name NULL
 * otherwise, *count how many there are, *names them). */
static bool
account_by_currency(sqlite3 *db, const char *cur, char **name, int64_t *count, GString *names,
                    GError **error)
{
	g_autoptr(sqlite3_stmt) st = NULL;
	if (!gig__db_prepare(db,
	                     "SELECT name FROM accounts WHERE currency = ?1 AND closed = 0"
	                     " ORDER BY name COLLATE NOCASE",
	                     &st, error))
		return false;
	sqlite3_bind_text(st, 1, cur, -1, SQLITE_STATIC);
	*name = NULL;
	*count = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *n = (const char *)sqlite3_column_text(st, 0);
		g_string_append_printf(names, "%s'%s'", *count ? ", " : "", n);
		if ((*count)++ == 0)
			*name = g_strdup(n);
	}
	if (rc != SQLITE_DONE) {
		g_clear_pointer(name, g_free);
		return gig__db_fail(db, rc, "looking up accounts by currency", error);
	}
	if (*count != 1)
		g_clear_pointer(name, g_free);
	return true;
}

/* (14): the counts of the import's own account move out of the import's result, which
 * sums every account's at the end. */
static void
lane0_detach(struct lanes *L)
{
	struct ctx *c = L->c[0];
	gig_import_result *top = L->top, *r = gig__import_result_new();
	r->inserted = top->inserted;
	r->duplicates = top->duplicates;
	r->pending = top->pending;
	r->replaced_pending = top->replaced_pending;
	r->sum_minor = top->sum_minor;
	r->categorized = top->categorized;
	top->inserted = top->duplicates = top->pending = top->replaced_pending = 0;
	top->sum_minor = top->categorized = 0;
	r->rows = top->rows;
	c->res = r;
}

/* (14): opens the account the rows in `row`'s currency go to. */
static bool
lane_open(struct lanes *L, const gig_csv_row *row, struct ctx **out, GError **error)
{
	struct ctx *c0 = L->c[0];
	sqlite3 *db = c0->db;
	g_autofree char *name = NULL;
	for (size_t i = 0; i < L->n_map && name == NULL; i++)
		if (strcmp(L->map[i].cur, row->currency) == 0)
			name = g_strdup(L->map[i].name);
	if (name == NULL) {
		int64_t count = 0;
		g_autoptr(GString) names = g_string_new(NULL);
		if (!account_by_currency(db, row->currency, &name, &count, names, error))
			return false;
		if (name == NULL) {
			g_autofree char *why =
			    count == 0
			        ? g_strdup_printf("no account of the ledger is in %s; add one "
			                          "(gig account add NAME --currency %s) or pass",
			                          row->currency, row->currency)
			        : g_strdup_printf("%" G_GINT64_FORMAT " accounts are in %s (%s); "
			                          "say which with",
			                          count, row->currency, names->str);
			g_set_error(error, GIG_ERROR, GIG_ERROR_INVALID_INPUT,
			            "%s:%" G_GINT64_FORMAT
			            ": the row is in %s but the account is in "
			            "%s ('%s'), and %s --account-for %s=ACCOUNT",
			            L->path, row->line_no, row->currency, c0->currency,
			            c0->account_name, why, row->currency);
			return false;
		}
	}
	if (L->n == LANES_MAX) {
		g_set_error(error, GIG_ERROR, GIG_ERROR_INVALID_INPUT,
		            "%s:%" G_GINT64_FORMAT ": the rows are in more than %d currencies; "
		            "split the file by currency",
		            L->path, row->line_no, LANES_MAX);
		return false;
	}
	struct ctx *c = g_new0(struct ctx, 1);
	*c = (struct ctx){.db = db,
	                  .ledger = c0->ledger,
	                  .payers = c0->payers,
	                  .top = L->top,
	                  .members_eager = L->eager,
	                  .keep_rows = c0->keep_rows,
	                  .path = L->path,
	                  .scan = L->scan,
	                  .first_day = GIG_DATE_NONE,
	                  .last_day = GIG_DATE_NONE,
	                  .bal_day = GIG_DATE_NONE,
	                  .order_first = GIG_DATE_NONE,
	                  .order_last = GIG_DATE_NONE};
	c->res = gig__import_result_new();
	memcpy(c->res->currency, row->currency, 4);
	if (L->n == 1)
		lane0_detach(L);
	c->res->rows = L->top->rows;
	c->account_name = g_steal_pointer(&name);
	L->c[L->n++] = c;
	if (!gig__account_lookup(db, c->account_name, &c->account_id, c->currency, error) ||
	    !lane_begin(c, NULL, L->path, L->o, error))
		return false;
	/* the records read so far belong to this account's batch too (gig import record) */
	if (!L->o->dry_run &&
	    !batch_exec(c,
	                "INSERT INTO import_raw(batch_id, first_line, last_line, zdata)"
	                " SELECT ?1, first_line, last_line, zdata FROM import_raw"
	                " WHERE batch_id = ?2",
	                true, c0->batch_id, "keeping the records read", error))
		return false;
	*out = c;
	return true;
}

static bool conversion_text(const char *payee, const char *memo);

/* (14): the line of a row whose record says it is a conversion, for its account. */
static void
conv_watch(struct lanes *L, size_t lane, const gig_csv_row *row)
{
	if (!L->conv_watch || row->pending || !conversion_text(row->raw, NULL))
		return;
	if (L->conv_lines[lane] == NULL)
		L->conv_lines[lane] =
		    g_hash_table_new_full(g_int64_hash, g_int64_equal, g_free, NULL);
	g_hash_table_add(L->conv_lines[lane], g_memdup2(&row->line_no, sizeof(int64_t)));
}

/* (14): each row into the account of its currency. */
static bool
route_row(gig_csv_row *row, void *payload, GError **error)
{
	struct lanes *L = payload;
	for (size_t i = 0; i < L->n; i++)
		if (strcmp(L->c[i]->currency, row->currency) == 0) {
			conv_watch(L, i, row);
			return store_row(row, L->c[i], error);
		}
	struct ctx *c = NULL;
	if (!lane_open(L, row, &c, error)) {
		row_drop(L->c[0], row);
		return false;
	}
	conv_watch(L, L->n - 1, row);
	return store_row(row, c, error);
}

/* (8): a chunk of the records read, for every account's batch (import_raw.c) */
static bool
route_chunk(const gig__raw_chunk *chunk, void *payload, GError **error)
{
	struct lanes *L = payload;
	for (size_t i = 0; i < L->n; i++)
		if (!gig__raw_chunk_store(L->c[i]->db, L->c[i]->batch_id, chunk, error))
			return false;
	return true;
}

/* (14): what the accounts did, into the import's result. */
static void
lanes_sum(struct lanes *L)
{
	gig_import_result *top = L->top;
	top->accounts = g_ptr_array_new_with_free_func((GDestroyNotify)gig_import_result_free);
	for (size_t i = 0; i < L->n; i++) {
		struct ctx *c = L->c[i];
		gig_import_result *r = c->res;
		top->inserted += r->inserted;
		top->duplicates += r->duplicates;
		top->pending += r->pending;
		top->replaced_pending += r->replaced_pending;
		top->categorized += r->categorized;
		top->transfers += r->transfers;
		top->confirmed += r->confirmed;
		if (strcmp(c->currency, top->currency) == 0)
			top->sum_minor += r->sum_minor;
		if (top->batch_id == 0)
			top->batch_id = r->batch_id;
		GPtrArray *moves[][2] = {{r->near_matches, top->near_matches},
		                         {r->invoice_matches, top->invoice_matches},
		                         {r->royalty_matches, top->royalty_matches},
		                         {r->confirmations, top->confirmations}};
		for (size_t k = 0; k < G_N_ELEMENTS(moves); k++) {
			for (guint j = 0; j < moves[k][0]->len; j++)
				g_ptr_array_add(moves[k][1], moves[k][0]->pdata[j]);
			g_ptr_array_set_free_func(moves[k][0], NULL);
			g_ptr_array_set_size(moves[k][0], 0);
		}
		r->rows = NULL;
		r->account = g_strdup(c->account_name);
		memcpy(r->currency, c->currency, 4);
		g_ptr_array_add(top->accounts, r);
		c->res = NULL;
	}
}

/* (14): a row of this import that may be one half of a currency conversion. */
struct conv {
	int64_t id;
	size_t lane;
	char day[GIG_DATE_BUFSZ];
	int64_t amount;
	char *ext;
	bool says; /* its text says it is a conversion */
	bool mine; /* added by this import */
	bool used;
};

static void
conv_clear(gpointer p)
{
	g_free(((struct conv *)p)->ext);
}

/* Words of a provider's conversion rows: Wise "Converted 100.00 USD to 78.52 GBP",
 * PayPal "General Currency Conversion" / "Allgemeine Währungsumrechnung", Revolut
 * "Exchanged to GBP". */
static bool
conversion_text(const char *payee, const char *memo)
{
	static const char *const words[] = {"conver", "exchanged", "umrechnung"};
	g_autofree char *t = g_strconcat(payee ? payee : "", " ", memo ? memo : "", NULL);
	g_autofree char *n = gig__text_norm(t);
	for (size_t i = 0; i < G_N_ELEMENTS(words); i++)
		if (strstr(n, words[i]) != NULL)
			return true;
	return false;
}

/* The rows of every account over the file's days that may be a conversion's half:
 * this import's new rows, and rows already there (a re-import after one account's
 * batch was undone pairs them again). */
static bool
conv_load(struct lanes *L, GArray *rows, GError **error)
{
	gig_date lo = GIG_DATE_NONE, hi = GIG_DATE_NONE;
	for (size_t i = 0; i < L->n; i++) {
		const struct ctx *c = L->c[i];
		if (c->first_day == GIG_DATE_NONE)
			continue;
		if (lo == GIG_DATE_NONE || c->first_day < lo)
			lo = c->first_day;
		if (hi == GIG_DATE_NONE || c->last_day > hi)
			hi = c->last_day;
	}
	if (lo == GIG_DATE_NONE)
		return true;
	char from[GIG_DATE_BUFSZ], to[GIG_DATE_BUFSZ];
	gig__date_text(from, lo);
	gig__date_text(to, hi);
	for (size_t i = 0; i < L->n; i++) {
		struct ctx *c = L->c[i];
		g_autoptr(sqlite3_stmt) st = NULL;
		if (!gig__db_prepare(c->db,
		                     "SELECT t.id, t.posted_on, t.amount_minor, t.payee, t.memo,"
		                     " t.external_id, t.line_no, t.batch_id IS ?2 AND t.id > ?5"
		                     " FROM transactions t WHERE t.account_id = ?1"
		                     " AND t.posted_on BETWEEN ?3 AND ?4 AND t.pending = 0"
		                     " AND t.category_id IS NULL ORDER BY t.posted_on, t.id",
		                     &st, error))
			return false;
		sqlite3_bind_int64(st, 1, c->account_id);
		sqlite3_bind_int64(st, 2, c->batch_id);
		sqlite3_bind_text(st, 3, from, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 4, to, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 5, c->start_max_id);
		int rc;
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			const char *ext = (const char *)sqlite3_column_text(st, 5);
			int64_t line = sqlite3_column_int64(st, 6);
			/* the record's other cells too (PayPal's Type column) */
			bool says = (L->conv_lines[i] != NULL &&
			             g_hash_table_contains(L->conv_lines[i], &line)) ||
			            conversion_text((const char *)sqlite3_column_text(st, 3),
			                            (const char *)sqlite3_column_text(st, 4));
			if (!says && ext == NULL)
				continue;
			struct conv v = {.id = sqlite3_column_int64(st, 0),
			                 .lane = i,
			                 .amount = sqlite3_column_int64(st, 2),
			                 .ext = g_strdup(ext),
			                 .says = says,
			                 .mine = sqlite3_column_int(st, 7) != 0};
			g_strlcpy(v.day, (const char *)sqlite3_column_text(st, 1), sizeof v.day);
			g_array_append_val(rows, v);
		}
		if (rc != SQLITE_DONE)
			return gig__db_fail(c->db, rc, "looking for currency conversions", error);
	}
	return true;
}

/* Marks v a transfer.  When its other half is this import's, undoing that half's
 * batch takes the mark off again (import_effects, as gig__transfers_mark does). */
static bool
conv_mark(struct lanes *L, const struct conv *v, const struct conv *pair, int64_t cat,
          GError **error)
{
	struct ctx *c = L->c[v->lane], *other = L->c[pair->lane];
	g_autoptr(sqlite3_stmt) st = NULL, link = NULL;
	if (pair->mine) {
		if (!gig__import_effect(c->db, other->batch_id, v->id, "transfer", error) ||
		    !gig__db_prepare(c->db,
		                     "UPDATE import_effects SET pair_txn_id = ?1"
		                     " WHERE rowid = last_insert_rowid()",
		                     &link, error))
			return false;
		sqlite3_bind_int64(link, 1, pair->id);
		if (!step_done(c, link, "remembering a transfer's pair", error))
			return false;
	}
	if (!gig__db_prepare(c->db,
	                     "UPDATE transactions SET category_id = ?1"
	                     " WHERE id = ?2 AND category_id IS NULL",
	                     &st, error))
		return false;
	sqlite3_bind_int64(st, 1, cat);
	sqlite3_bind_int64(st, 2, v->id);
	if (!step_done(c, st, "marking a currency conversion", error))
		return false;
	c->res->transfers++;
	if (v->mine)
		c->res->categorized++;
	return true;
}

/*
 * (14): a conversion between two of the file's currencies is two rows of one day, the
 * money leaving one account and arriving in another: both say so ("Converted ...") or
 * share the provider's reference.  Each such pair becomes a transfer between the two
 * accounts (the transfer category on both rows, as gig__transfers_mark does), each row
 * used once, in date order, the shared reference first.
 */
static bool
conversions_mark(struct lanes *L, GError **error)
{
	sqlite3 *db = L->c[0]->db;
	g_autoptr(sqlite3_stmt) cs = NULL;
	if (!gig__db_prepare(db, "SELECT id FROM categories WHERE kind = 'transfer' ORDER BY id",
	                     &cs, error))
		return false;
	int rc = sqlite3_step(cs);
	if (rc == SQLITE_DONE)
		return true;
	if (rc != SQLITE_ROW)
		return gig__db_fail(db, rc, "looking up the transfer category", error);
	int64_t cat = sqlite3_column_int64(cs, 0);
	g_autoptr(GArray) rows = g_array_new(FALSE, FALSE, sizeof(struct conv));
	g_array_set_clear_func(rows, conv_clear);
	if (!conv_load(L, rows, error))
		return false;
	struct conv *v = (struct conv *)(void *)rows->data;
	for (int by_ref = 1; by_ref >= 0; by_ref--) {
		for (guint i = 0; i < rows->len; i++) {
			if (v[i].used || v[i].amount >= 0)
				continue;
			for (guint j = 0; j < rows->len; j++) {
				struct conv *a = &v[i], *b = &v[j];
				if (b->used || b->amount <= 0 || b->lane == a->lane ||
				    (!a->mine && !b->mine) || strcmp(a->day, b->day) != 0)
					continue;
				bool ref =
				    a->ext != NULL && b->ext != NULL && strcmp(a->ext, b->ext) == 0;
				if (by_ref ? !ref : !(a->says && b->says))
					continue;
				if (!conv_mark(L, a, b, cat, error) ||
				    !conv_mark(L, b, a, cat, error))
					return false;
				a->used = b->used = true;
				break;
			}
		}
	}
	return true;
}

static bool
run_import(struct lanes *L, GError **error)
{
	struct ctx *c0 = L->c[0];
	const gig_import_options *o = L->o;
	L->conv_watch = gig__scan_has_currency_column(L->scan);
	bool ok =
	    lane_begin(c0, L->scan, L->path, o, error) && account_for_parse(L, c0->db, error) &&
	    /* a dry run keeps nothing, so it need not compress the records either */
	    gig__scan_run_piped(L->scan, route_row, o->dry_run ? NULL : route_chunk, L, error);
	for (size_t i = 0; ok && i < L->n; i++) {
		L->c[i]->multi = L->n > 1;
		ok = lane_rows_done(L->c[i], error);
	}
	if (ok && L->n > 1)
		ok = conversions_mark(L, error);
	gig__scan_file_sha256(L->scan); /* computed beside the reading (import_csv.c) */
	for (size_t i = 0; ok && i < L->n; i++)
		ok = lane_finish(L->c[i], L->path, error);
	if (ok && L->n > 1)
		lanes_sum(L);
	return ok;
}

/*
 * sql/0011: the rows just added whose bank identity the user removed (gig txn rm) or
 * edited away (another date or account) go again: the file still lists them, so they
 * count as duplicates.  The delete trigger takes them out of the rollup just written.
 * One look-up per remembered identity of the account, none when there is none.
 */
static bool
purge_removed(struct ctx *c, GError **error)
{
	/* CROSS JOIN keeps the remembered identities outside: the rows of the batch are
	 * looked up by them through transactions_identity, never scanned */
	static const char from[] =
	    " FROM import_removed r CROSS JOIN transactions t ON t.account_id = r.account_id"
	    " AND t.posted_on = r.posted_on AND t.fingerprint = r.fingerprint"
	    " AND t.fingerprint IS NOT NULL"
	    " WHERE r.account_id = ?1 AND t.batch_id = ?2"
	    " AND t.id BETWEEN (SELECT first_txn_id FROM import_batches WHERE id = ?2) AND ?3";
	g_autofree char *count_sql = g_strconcat(
	    "SELECT count(*), ifnull(sum(t.pending), 0), ifnull(sum(iif(t.pending, 0,"
	    " t.amount_minor)), 0), ifnull(sum(t.pending = 0 AND t.category_id IS NOT NULL), 0)",
	    from, NULL);
	g_autofree char *del_sql =
	    g_strconcat("DELETE FROM transactions WHERE id IN (SELECT t.id", from, ")", NULL);
	g_autoptr(sqlite3_stmt) st = NULL;
	if (!gig__db_prepare(c->db, count_sql, &st, error))
		return false;
	sqlite3_bind_int64(st, 1, c->account_id);
	sqlite3_bind_int64(st, 2, c->batch_id);
	sqlite3_bind_int64(st, 3, c->max_id);
	int rc = sqlite3_step(st);
	if (rc != SQLITE_ROW)
		return gig__db_fail(c->db, rc, "looking up removed rows", error);
	int64_t n = sqlite3_column_int64(st, 0);
	if (n == 0)
		return true;
	int64_t pending = sqlite3_column_int64(st, 1);
	int64_t sum = sqlite3_column_int64(st, 2);
	int64_t categorized = sqlite3_column_int64(st, 3);
	g_autoptr(sqlite3_stmt) del = NULL;
	if (!gig__db_prepare(c->db, del_sql, &del, error))
		return false;
	sqlite3_bind_int64(del, 1, c->account_id);
	sqlite3_bind_int64(del, 2, c->batch_id);
	sqlite3_bind_int64(del, 3, c->max_id);
	if (!step_done(c, del, "leaving out removed rows", error))
		return false;
	gig_import_result *res = c->res;
	res->pending -= pending;
	res->inserted -= n - pending;
	res->categorized -= categorized;
	res->sum_minor -= sum;
	res->duplicates += n;
	return true;
}

static bool
account_name(sqlite3 *db, int64_t id, char **out, GError **error)
{
	g_autoptr(sqlite3_stmt) st = NULL;
	if (!gig__db_prepare(db, "SELECT name FROM accounts WHERE id = ?1", &st, error))
		return false;
	sqlite3_bind_int64(st, 1, id);
	int rc = sqlite3_step(st);
	if (rc != SQLITE_ROW)
		return gig__db_fail(db, rc, "looking up an account", error);
	*out = g_strdup((const char *)sqlite3_column_text(st, 0));
	return true;
}

/* One attempt at the import; *speculated when its pass 3 ran on speculative decisions. */
static bool
import_once(gig_ledger *ledger, const char *path, const gig_import_options *o, bool speculate,
            bool eager, bool *speculated, gig_import_result **out, GError **error)
{
	g_autoptr(gig_import_result) res = gig__import_result_new();
	if (o->keep_rows || o->dry_run)
		res->rows = g_ptr_array_new_with_free_func((GDestroyNotify)gig__csv_row_free);
	struct ctx c = {.db = gig__ledger_db(ledger),
	                .ledger = ledger,
	                .payers = o->payers,
	                .res = res,
	                .top = res,
	                .members_eager = eager,
	                .keep_rows = res->rows != NULL,
	                .path = path,
	                .first_day = GIG_DATE_NONE,
	                .last_day = GIG_DATE_NONE,
	                .bal_day = GIG_DATE_NONE,
	                .order_first = GIG_DATE_NONE,
	                .order_last = GIG_DATE_NONE};
	g_autofree char *own_name = NULL;
	/* the account decides the default currency of files that name none */
	if (!gig__account_lookup(c.db, o->account, &c.account_id, c.currency, error) ||
	    !account_name(c.db, c.account_id, &own_name, error))
		return false;
	c.account_name = own_name; /* borrowed */
	gig_import_options scan_opts = *o;
	if (scan_opts.currency == NULL)
		scan_opts.currency = c.currency;
	g_autoptr(gig__scan) scan = NULL;
	if (!gig__scan_prepare(&scan, path, &scan_opts, speculate, res, error))
		return false; /* own_name is freed on the way out (a refused file leaked it once) */
	*speculated = gig__scan_speculating(scan);
	memcpy(res->currency, c.currency, 4);
	c.scan = scan;
	gig__scan_set_recycle(scan, !c.keep_rows);
	/* a fixed page cache for the import (8 MiB whatever the file's size), put
	 * back afterwards.  Rows and index keys arrive in date order, so pages are
	 * appended to and spilled once (to the WAL, or the file under (9)): at 1M rows
	 * 2, 4, 8 and 32 MiB took the same time within noise, while 32 MiB put peak
	 * RSS at 56 MiB */
	int64_t old_cache = -2000;
	sqlite3_stmt *cs = NULL;
	if (sqlite3_prepare_v2(c.db, "PRAGMA cache_size", -1, &cs, NULL) == SQLITE_OK &&
	    sqlite3_step(cs) == SQLITE_ROW)
		old_cache = sqlite3_column_int64(cs, 0);
	sqlite3_finalize(cs);
	sqlite3_exec(c.db, "PRAGMA cache_size = -8192", NULL, NULL, NULL);
	/* each multi-row INSERT keeps a statement journal of the pages it touches (a few
	 * dozen KiB); on disk, SQLite spills it to a temp file for every statement */
	int64_t old_temp = 0;
	if (sqlite3_prepare_v2(c.db, "PRAGMA temp_store", -1, &cs, NULL) == SQLITE_OK &&
	    sqlite3_step(cs) == SQLITE_ROW)
		old_temp = sqlite3_column_int64(cs, 0);
	sqlite3_finalize(cs);
	sqlite3_exec(c.db, "PRAGMA temp_store = MEMORY", NULL, NULL, NULL);
	/* (6): foreign keys are not enforced during the import (a pragma that only takes
	 * effect outside a transaction, so it is set before BEGIN and put back after the
	 * COMMIT or ROLLBACK, whatever happened in between) */
	bool old_fk = true;
	if (sqlite3_prepare_v2(c.db, "PRAGMA foreign_keys", -1, &cs, NULL) == SQLITE_OK &&
	    sqlite3_step(cs) == SQLITE_ROW)
		old_fk = sqlite3_column_int(cs, 0) != 0;
	sqlite3_finalize(cs);
	sqlite3_exec(c.db, "PRAGMA foreign_keys = OFF", NULL, NULL, NULL);
	/* (9) */
	bool bulk = !o->dry_run && gig__scan_file_size(scan) >= gig__import_bulk_bytes &&
	            gig__db_journal_mode(c.db, "DELETE");
	/* the change log names the batch instead of recording every row (sql/0011) */
	gig__journal_bulk(c.db);
	bool begun = gig__tx_begin(c.db, error);
	struct lanes lanes = {
	    .c = {&c}, .n = 1, .path = path, .o = o, .scan = scan, .top = res, .eager = eager};
	bool ok = begun && run_import(&lanes, error);
	lanes_clear(&lanes);
	ctx_clear(&c);
	if (res->accounts == NULL)
		res->account = g_strdup(own_name);
	char restore[64];
	g_snprintf(restore, sizeof(restore), "PRAGMA cache_size = %" G_GINT64_FORMAT, old_cache);
	if (!begun) {
		/* nothing to end */
	} else if (!ok || o->dry_run) {
		gig__tx_end(c.db, false, NULL); /* rolls back; a dry run keeps nothing */
		res->batch_id = 0;
		for (guint i = 0; res->accounts && i < res->accounts->len; i++)
			((gig_import_result *)res->accounts->pdata[i])->batch_id = 0;
	} else {
		ok = gig__tx_end(c.db, true, error);
	}
	sqlite3_exec(c.db, restore, NULL, NULL, NULL);
	g_snprintf(restore, sizeof(restore), "PRAGMA temp_store = %" G_GINT64_FORMAT, old_temp);
	sqlite3_exec(c.db, restore, NULL, NULL, NULL);
	if (old_fk)
		sqlite3_exec(c.db, "PRAGMA foreign_keys = ON", NULL, NULL, NULL);
	if (bulk)
		gig__db_journal_mode(c.db, "WAL"); /* else the next open does it */
	if (!ok)
		return false;
	*out = g_steal_pointer(&res);
	return true;
}

gint gig__import_rescans;
int64_t gig__import_bulk_bytes = 8 * 1024 * 1024;

/* Errors of the file's content, which a speculative attempt may have met in another
 * order than the full pass 2 would (import_scan.c): the exact attempt has the say. */
static bool
retry_exactly(const GError *e)
{
	if (e->domain == GIG__SCAN_RESCAN)
		return true;
	return e->domain == GIG_ERROR &&
	       (e->code == GIG_ERROR_INVALID_INPUT || e->code == GIG_ERROR_ENCODING ||
	        e->code == GIG_ERROR_OVERFLOW || e->code == GIG_ERROR_AMBIGUOUS);
}

bool
gig_import_file(gig_ledger *ledger, const char *path, const gig_import_options *opts,
                gig_import_result **out, GError **error)
{
	g_return_val_if_fail(ledger != NULL && path != NULL && out != NULL, false);
	if (!gig__import_options_check(opts, error))
		return false;
	static const gig_import_options defaults = GIG_IMPORT_OPTIONS_INIT;
	const gig_import_options *o = opts ? opts : &defaults;
	bool speculate = true, eager = false;
	for (;;) {
		bool speculated = false;
		GError *e = NULL;
		if (import_once(ledger, path, o, speculate, eager, &speculated, out, &e))
			return true;
		if (e->domain == GIG__IMPORT_EAGER && !eager) {
			/* (15): too many duplicates before the first new row to keep */
			eager = true;
			g_atomic_int_inc(&gig__import_eager_retries);
		} else if (speculated && retry_exactly(e)) {
			speculate = false;
			g_atomic_int_inc(&gig__import_rescans);
		} else {
			g_propagate_error(error, e);
			return false;
		}
		g_clear_error(&e);
	}
}
