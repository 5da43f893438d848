/*
 * db.h (private): the SQLite connection, pragmas, migrations, the one
 * transaction helper, and the translation of SQLite result codes into
 * GIG_ERROR codes.  Only library code includes this.
 */
#ifndef GIG_DB_H
#define GIG_DB_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stddef.h>

#include "gigledger/ledger.h"

/* How long a writer waits for another process's lock before DB_BUSY. */
#define BUSY_TIMEOUT_MS 3000

struct gig__migration {
	int version;      /* the NNNN of sql/NNNN_name.sql */
	const char *name; /* file name, for error messages */
	const char *sql;
};
/* Generated at build time from sql/ (cmake/EmbedSqlScript.cmake). */
extern const struct gig__migration gig__migrations[];
extern const size_t gig__migration_count;

/* The connection behind a ledger (borrowed). */
sqlite3 *gig__ledger_db(gig_ledger *ledger);

/*
 * Sets *error from SQLite's state for result code `rc` and returns false,
 * so callers can write `return gig__db_fail(db, rc, "inserting", error);`.
 * BUSY/LOCKED -> DB_BUSY, READONLY/CANTOPEN/PERM -> DB_READONLY,
 * CORRUPT/NOTADB -> DB_CORRUPT, FULL/IOERR -> IO, CONSTRAINT -> INVALID_INPUT
 * (callers that expect a particular constraint translate it themselves).
 */
bool gig__db_fail(sqlite3 *db, int rc, const char *what, GError **error);

bool gig__db_exec(sqlite3 *db, const char *sql, GError **error);
bool gig__db_prepare(sqlite3 *db, const char *sql, sqlite3_stmt **out, GError **error);

/*
 * Write transactions.  gig__tx_begin() starts BEGIN IMMEDIATE (so a second
 * writer fails at once with DB_BUSY after the busy timeout, not halfway);
 * gig__tx_end() commits when `ok` is true and rolls back otherwise, and
 * returns the final success.  Typical use:
 *
 *	if (!gig__tx_begin(db, error)) return false;
 *	bool ok = do_writes(db, error);
 *	return gig__tx_end(db, ok, error);
 */
bool gig__tx_begin(sqlite3 *db, GError **error);
bool gig__tx_end(sqlite3 *db, bool ok, GError **error);

/* True once the flag given to gig_set_cancel_flag() is set; then sets CANCELLED. */
bool gig__cancelled(GError **error);
/* Installs the progress handler that stops a long statement once cancelled. */
void gig__db_watch_cancel(sqlite3 *db);

/*
 * Switches the journal mode ("WAL" or "DELETE") without waiting for other
 * connections (the switch needs the file to itself); true when the file is in
 * `mode` afterwards.  Outside a transaction only.
 */
bool gig__db_journal_mode(sqlite3 *db, const char *mode);

/* Applies every embedded migration newer than the file's user_version. */
bool gig__db_migrate(sqlite3 *db, GError **error);

/* Binds a gig_date as 'YYYY-MM-DD' text, or NULL for GIG_DATE_NONE. */
/* Binds a copy of `text` that SQLite frees: no SQLite allocation, so the bind
 * cannot fail for want of memory (unlike SQLITE_TRANSIENT). */
int gig__bind_text_copy(sqlite3_stmt *st, int idx, const char *text);
int gig__bind_date(sqlite3_stmt *st, int idx, gig_date date);
/* Reads a 'YYYY-MM-DD' column; GIG_DATE_NONE for NULL or garbage. */
gig_date gig__column_date(sqlite3_stmt *st, int idx);

/*
 * The change log (sql/0011).  Every write transaction that gig__tx_begin() starts is
 * recorded by an SQLite session (every table but monthly_totals, change_log and
 * import_raw); gig__tx_end() writes its changeset as one change_log row before the
 * COMMIT, with the command named by gig_ledger_set_command() and a summary.  Nothing
 * changed = no row.  The state is kept per connection:
 *
 * gig__journal_attach/detach: from opening the ledger (after the migrations, so
 *   they are never recorded) to closing it.
 * gig__journal_bulk: call BEFORE gig__tx_begin(): the next transaction records no
 *   changeset (an import, an import undo: a changeset would cost per row); it
 *   writes an entry only if gig__journal_entry() names one.
 * gig__journal_entry: inside the transaction: the entry's kind ("change", "import",
 *   "import_undo", "undo", "redo"), batch (0 = none) and target entry (0 = none).
 *   At the commit an "undo"/"import_undo" entry marks its target undone, a "redo"
 *   entry marks it in effect again.
 * gig__journal_summary: inside the transaction: the entry's summary (default: the
 *   rows changed, from the changeset).
 * gig__journal_session: the running session (NULL for a bulk transaction).
 * gig__journal_last: the change_log id the last committed transaction wrote, 0 if
 *   it wrote none.
 */
void gig__journal_attach(sqlite3 *db);
void gig__journal_detach(sqlite3 *db);
void gig__journal_command(sqlite3 *db, const char *command);
void gig__journal_bulk(sqlite3 *db);
void gig__journal_entry(sqlite3 *db, const char *kind, int64_t batch_id, int64_t target_id);
void gig__journal_summary(sqlite3 *db, const char *fmt, ...) G_GNUC_PRINTF(2, 3);
struct sqlite3_session *gig__journal_session(sqlite3 *db);
int64_t gig__journal_last(sqlite3 *db);
/* "transactions #12 updated, gigs #3 updated" for a changeset (at most a few rows
 * named, then "and N more"). */
char *gig__changeset_summary(const void *data, int n);

/* Account lookup that does not open a transaction (for use inside one). */
bool gig__account_lookup(sqlite3 *db, const char *name, int64_t *out_id, char out_currency[4],
                         GError **error);
/* Category lookup by name inside a transaction; NOT_FOUND lists near names. */
bool gig__category_lookup(sqlite3 *db, const char *name, int64_t *out_id, GError **error);

/*
 * What an INSERT into transactions owes the rest of the ledger (sql/0007: there are
 * no insert triggers).  The caller's transaction must hold both writes.
 * gig__txn_inserted: the monthly_totals rollup and, when the row pays a gig, that
 * gig's status, for the one row `txn_id` just inserted.
 * gig__rollup_add: adds pre-summed rows (an import's totals for one account, month
 * "YYYY-MM", category (0 = none) and pending flag) to the rollup.
 */
bool gig__txn_inserted(sqlite3 *db, int64_t txn_id, GError **error);
bool gig__rollup_add(sqlite3 *db, int64_t account_id, const char *month, int64_t category_id,
                     bool pending, int64_t inflow_minor, int64_t outflow_minor, int64_t n,
                     GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(sqlite3_stmt, sqlite3_finalize)

#endif
