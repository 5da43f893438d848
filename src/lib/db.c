/*
 * db.c: opening the SQLite file, pragmas, forward-only migrations, the
 * write-transaction helper, and SQLite -> GIG_ERROR translation.
 *
 * Invariants kept here:
 *  (1) every connection has foreign_keys=ON, WAL journaling and a busy
 *      timeout, so a second writer waits a little and then fails cleanly;
 *  (2) a file's user_version is the number of the last migration applied,
 *      and each migration commits together with its version bump;
 *  (3) a file newer than this library is refused, never "migrated down".
 */
#include <errno.h>
#include <stdarg.h>
#include <string.h>

#include "db.h"

bool
gig__db_fail(sqlite3 *db, int rc, const char *what, GError **error)
{
	int code;
	switch (rc & 0xff) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		code = GIG_ERROR_DB_BUSY;
		break;
	case SQLITE_READONLY:
	case SQLITE_CANTOPEN:
	case SQLITE_PERM:
	case SQLITE_AUTH:
		code = GIG_ERROR_DB_READONLY;
		break;
	case SQLITE_CORRUPT:
	case SQLITE_NOTADB:
		code = GIG_ERROR_DB_CORRUPT;
		break;
	case SQLITE_FULL:
	case SQLITE_IOERR:
		code = GIG_ERROR_IO;
		break;
	case SQLITE_INTERRUPT:
		code = GIG_ERROR_CANCELLED;
		break;
	case SQLITE_CONSTRAINT:
	case SQLITE_MISMATCH:
	case SQLITE_TOOBIG:
		code = GIG_ERROR_INVALID_INPUT;
		break;
	default:
		code = GIG_ERROR_FAILED;
	}
	const char *msg = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
	/* SQLite turns an overflowing integer sum into a REAL, which a STRICT
	 * INTEGER column then refuses: that is an amount too large, not bad input. */
	if (rc == SQLITE_CONSTRAINT_DATATYPE && strstr(msg, "_minor")) {
		g_set_error(error, GIG_ERROR, GIG_ERROR_OVERFLOW,
		            "%s: a running total would no longer fit in 64 bits (%s)", what, msg);
		return false;
	}
	if (code == GIG_ERROR_DB_BUSY)
		g_set_error(error, GIG_ERROR, code,
		            "%s: the ledger is locked by another gig process (%s); try again", what,
		            msg);
	else if (code == GIG_ERROR_DB_READONLY)
		g_set_error(error, GIG_ERROR, code,
		            "%s: the ledger cannot be written (%s); check the file's permissions",
		            what, msg);
	else
		g_set_error(error, GIG_ERROR, code, "%s: %s", what, msg);
	return false;
}

bool
gig__db_exec(sqlite3 *db, const char *sql, GError **error)
{
	int rc = sqlite3_exec(db, sql, NULL, NULL, NULL);
	if (rc != SQLITE_OK)
		return gig__db_fail(db, rc, "database", error);
	return true;
}

bool
gig__db_prepare(sqlite3 *db, const char *sql, sqlite3_stmt **out, GError **error)
{
	int rc = sqlite3_prepare_v2(db, sql, -1, out, NULL);
	if (rc != SQLITE_OK)
		return gig__db_fail(db, rc, "preparing a query", error);
	return true;
}

/* ---- the change log (sql/0011, db.h) ---- */

struct journal {
	char *command;
	sqlite3_session *session; /* during a recorded transaction */
	bool bulk;                /* the next (or running) transaction records no changeset */
	bool in_tx;               /* a transaction of gig__tx_begin() is running */
	const char *kind;         /* the entry to write, NULL = "change" if anything changed */
	int64_t batch_id, target_id;
	char *summary;
	int64_t last_id;
};

/* Connections -> their journal.  A ledger is used from one thread at a time, but
 * two ledgers may be used from two threads, hence the lock around the table. */
G_LOCK_DEFINE_STATIC(journals);
static GHashTable *journals;

static struct journal *
journal_of(sqlite3 *db)
{
	G_LOCK(journals);
	struct journal *j = journals ? g_hash_table_lookup(journals, db) : NULL;
	G_UNLOCK(journals);
	return j;
}

static void
journal_reset(struct journal *j)
{
	if (j->session)
		sqlite3session_delete(j->session);
	j->session = NULL;
	j->bulk = false;
	j->in_tx = false;
	j->kind = NULL;
	j->batch_id = j->target_id = 0;
	g_clear_pointer(&j->summary, g_free);
}

static void
journal_free(gpointer p)
{
	struct journal *j = p;
	journal_reset(j);
	g_free(j->command);
	g_free(j);
}

void
gig__journal_attach(sqlite3 *db)
{
	G_LOCK(journals);
	if (journals == NULL)
		journals = g_hash_table_new_full(NULL, NULL, NULL, journal_free);
	g_hash_table_replace(journals, db, g_new0(struct journal, 1));
	G_UNLOCK(journals);
}

void
gig__journal_detach(sqlite3 *db)
{
	G_LOCK(journals);
	if (journals)
		g_hash_table_remove(journals, db);
	G_UNLOCK(journals);
}

void
gig__journal_command(sqlite3 *db, const char *command)
{
	struct journal *j = journal_of(db);
	if (j == NULL)
		return;
	g_free(j->command);
	j->command = g_strdup(command);
}

void
gig__journal_bulk(sqlite3 *db)
{
	struct journal *j = journal_of(db);
	if (j)
		j->bulk = true;
}

void
gig__journal_entry(sqlite3 *db, const char *kind, int64_t batch_id, int64_t target_id)
{
	struct journal *j = journal_of(db);
	if (j == NULL)
		return;
	j->kind = kind;
	j->batch_id = batch_id;
	j->target_id = target_id;
}

void
gig__journal_summary(sqlite3 *db, const char *fmt, ...)
{
	struct journal *j = journal_of(db);
	if (j == NULL)
		return;
	va_list ap;
	va_start(ap, fmt);
	g_free(j->summary);
	j->summary = g_strdup_vprintf(fmt, ap);
	va_end(ap);
}

sqlite3_session *
gig__journal_session(sqlite3 *db)
{
	struct journal *j = journal_of(db);
	return j ? j->session : NULL;
}

int64_t
gig__journal_last(sqlite3 *db)
{
	struct journal *j = journal_of(db);
	return j ? j->last_id : 0;
}

/* Tables whose changes are recorded: not the rollup (derived, and recomputed for
 * the rows an undo touches), not the log itself, not an import's raw records. */
static int
journal_table_filter(void *ctx, const char *table)
{
	(void)ctx;
	return strcmp(table, "monthly_totals") != 0 && strcmp(table, "change_log") != 0 &&
	       strcmp(table, "import_raw") != 0 && strncmp(table, "sqlite_", 7) != 0;
}

char *
gig__changeset_summary(const void *data, int n)
{
	GString *out = g_string_new(NULL);
	sqlite3_changeset_iter *it = NULL;
	int shown = 0, more = 0;
	if (sqlite3changeset_start(&it, n, (void *)data) != SQLITE_OK)
		return g_string_free(out, false);
	while (sqlite3changeset_next(it) == SQLITE_ROW) {
		const char *table = NULL;
		int ncol = 0, op = 0;
		sqlite3changeset_op(it, &table, &ncol, &op, NULL);
		if (shown >= 4) {
			more++;
			continue;
		}
		unsigned char *pk = NULL;
		sqlite3changeset_pk(it, &pk, NULL);
		sqlite3_value *v = NULL;
		int pkcol = 0;
		while (pkcol < ncol && !pk[pkcol])
			pkcol++;
		if (pkcol < ncol)
			(op == SQLITE_INSERT ? sqlite3changeset_new
			                     : sqlite3changeset_old)(it, pkcol, &v);
		g_string_append(out, out->len ? ", " : "");
		g_string_append(out, table);
		if (v && sqlite3_value_type(v) == SQLITE_INTEGER)
			g_string_append_printf(out, " #%lld", (long long)sqlite3_value_int64(v));
		g_string_append(out, op == SQLITE_INSERT   ? " added"
		                     : op == SQLITE_DELETE ? " removed"
		                                           : " changed");
		shown++;
	}
	sqlite3changeset_finalize(it);
	if (more)
		g_string_append_printf(out, " and %d more", more);
	return g_string_free(out, false);
}

/* Writes the entry of the transaction about to commit (nothing when it changed
 * nothing and names no entry). */
static bool
journal_write(sqlite3 *db, struct journal *j, GError **error)
{
	/* SQLite may have rolled the transaction back by itself (out of memory, a full
	 * disk): the entry must not go in on its own, outside any transaction */
	if (sqlite3_get_autocommit(db) != 0) {
		g_set_error(error, GIG_ERROR, GIG_ERROR_FAILED,
		            "the transaction was rolled back before it could be committed");
		return false;
	}
	int n = 0;
	void *data = NULL;
	if (j->session) {
		int rc = sqlite3session_changeset(j->session, &n, &data);
		if (rc != SQLITE_OK)
			return gig__db_fail(db, rc, "recording the change", error);
	}
	bool ok = true;
	if (n > 0 || j->kind != NULL) {
		g_autofree char *auto_summary =
		    j->summary || n == 0 ? NULL : gig__changeset_summary(data, n);
		sqlite3_stmt *st = NULL;
		ok = gig__db_prepare(db,
		                     "INSERT INTO change_log(at, command, summary, kind, batch_id,"
		                     " target_id, changeset) VALUES (strftime('%Y-%m-%dT%H:%M:%SZ',"
		                     " 'now'), ?1, ?2, ?3, ?4, ?5, ?6)",
		                     &st, error);
		if (ok) {
			sqlite3_bind_text(st, 1, j->command ? j->command : "", -1, SQLITE_STATIC);
			sqlite3_bind_text(st, 2, j->summary ? j->summary : auto_summary, -1,
			                  SQLITE_STATIC);
			sqlite3_bind_text(st, 3, j->kind ? j->kind : "change", -1, SQLITE_STATIC);
			if (j->batch_id)
				sqlite3_bind_int64(st, 4, j->batch_id);
			if (j->target_id)
				sqlite3_bind_int64(st, 5, j->target_id);
			if (n > 0)
				sqlite3_bind_blob(st, 6, data, n, SQLITE_STATIC);
			int rc = sqlite3_step(st);
			if (rc != SQLITE_DONE)
				ok = gig__db_fail(db, rc, "recording the change", error);
		}
		sqlite3_finalize(st);
		int64_t id = sqlite3_last_insert_rowid(db);
		if (ok && j->target_id) {
			bool redo = j->kind && strcmp(j->kind, "redo") == 0;
			ok = gig__db_prepare(
			    db,
			    redo ? "UPDATE change_log SET undone_by = NULL WHERE id = ?2"
			         : "UPDATE change_log SET undone_by = ?1 WHERE id = ?2",
			    &st, error);
			if (ok) {
				if (!redo)
					sqlite3_bind_int64(st, 1, id);
				sqlite3_bind_int64(st, 2, j->target_id);
				int rc = sqlite3_step(st);
				if (rc != SQLITE_DONE)
					ok = gig__db_fail(db, rc, "recording the undo", error);
			}
			sqlite3_finalize(st);
		}
		if (ok)
			j->last_id = id;
	}
	sqlite3_free(data);
	return ok;
}

bool
gig__tx_begin(sqlite3 *db, GError **error)
{
	/* the library opens a ledger read-only only when it found it damaged
	 * (ledger.c, integrity.h): no write goes into such a file */
	if (sqlite3_db_readonly(db, "main") == 1) {
		struct journal *ro = journal_of(db);
		if (ro)
			journal_reset(ro); /* a bulk mark must not outlive the refused call */
		/* or when the disk was full at open: then the file is "immutable" */
		const char *imm =
		    sqlite3_uri_parameter(sqlite3_db_filename(db, "main"), "immutable");
		if (imm && strcmp(imm, "1") == 0)
			g_set_error(
			    error, GIG_ERROR, GIG_ERROR_DB_READONLY,
			    "the disk is full, so the ledger was opened read-only and nothing "
			    "was written; free some space and try again");
		else
			g_set_error(
			    error, GIG_ERROR, GIG_ERROR_DB_CORRUPT,
			    "the ledger is damaged, so nothing is written to it; 'gig check' "
			    "lists the damage, 'gig restore --list' the snapshots to go back to");
		return false;
	}
	struct journal *j = journal_of(db);
	if (j && j->in_tx) {
		/* a leftover of a transaction that never reached gig__tx_end */
		bool bulk = j->bulk;
		journal_reset(j);
		j->bulk = bulk;
	}
	int rc = sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
	if (rc != SQLITE_OK) {
		if (j)
			journal_reset(j);
		return gig__db_fail(db, rc, "starting a transaction", error);
	}
	if (j == NULL)
		return true;
	j->in_tx = true;
	j->last_id = 0;
	if (j->bulk)
		return true;
	rc = sqlite3session_create(db, "main", &j->session);
	if (rc == SQLITE_OK) {
		sqlite3session_table_filter(j->session, journal_table_filter, NULL);
		rc = sqlite3session_attach(j->session, NULL);
	}
	if (rc != SQLITE_OK) {
		journal_reset(j);
		sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
		return gig__db_fail(db, rc, "starting the change log", error);
	}
	return true;
}

static const volatile sig_atomic_t *cancel_flag;

void
gig_set_cancel_flag(const volatile sig_atomic_t *flag)
{
	cancel_flag = flag;
}

bool
gig__cancelled(GError **error)
{
	if (cancel_flag == NULL || *cancel_flag == 0)
		return false;
	g_set_error(error, GIG_ERROR, GIG_ERROR_CANCELLED, "interrupted");
	return true;
}

static int
cancel_check(void *payload)
{
	(void)payload;
	return cancel_flag != NULL && *cancel_flag != 0;
}

void
gig__db_watch_cancel(sqlite3 *db)
{
	/* SQLite calls cancel_check every 1000 VM instructions of a statement; non-zero makes
	 * it fail with SQLITE_INTERRUPT, which gig__db_fail turns into CANCELLED. */
	sqlite3_progress_handler(db, 1000, cancel_check, NULL);
}

bool
gig__tx_end(sqlite3 *db, bool ok, GError **error)
{
	if (ok && gig__cancelled(error))
		ok = false;
	struct journal *j = journal_of(db);
	if (ok && j && j->in_tx)
		ok = journal_write(db, j, error);
	if (j) {
		int64_t last = ok ? j->last_id : 0;
		journal_reset(j);
		j->last_id = last;
	}
	if (ok) {
		int rc = sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
		if (rc == SQLITE_OK)
			return true;
		if (j)
			j->last_id = 0;
		gig__db_fail(db, rc, "committing", error);
	}
	/* ROLLBACK may fail if SQLite already rolled back (e.g. on SQLITE_FULL). */
	if (sqlite3_get_autocommit(db) == 0)
		sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
	return false;
}

/* The file's user_version; false (with SQLite's error) when it cannot be read. */
static bool
user_version(sqlite3 *db, int *out)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, NULL);
	if (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		*out = sqlite3_column_int(st, 0);
		rc = SQLITE_OK;
	}
	sqlite3_finalize(st);
	return rc == SQLITE_OK;
}

bool
gig__db_journal_mode(sqlite3 *db, const char *mode)
{
	char sql[48];
	g_snprintf(sql, sizeof sql, "PRAGMA journal_mode = %s", mode);
	sqlite3_busy_timeout(db, 0);
	sqlite3_stmt *st = NULL;
	bool done = sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK &&
	            sqlite3_step(st) == SQLITE_ROW &&
	            g_ascii_strcasecmp((const char *)sqlite3_column_text(st, 0), mode) == 0;
	sqlite3_finalize(st);
	sqlite3_busy_timeout(db, BUSY_TIMEOUT_MS);
	return done;
}

bool
gig__db_migrate(sqlite3 *db, GError **error)
{
	int have = 0;
	int latest = gig_ledger_schema_latest();
	if (!user_version(db, &have))
		return gig__db_fail(db, sqlite3_errcode(db), "reading the schema version", error);
	if (have < 0) {
		g_set_error(
		    error, GIG_ERROR, GIG_ERROR_DB_SCHEMA,
		    "the ledger's schema version is %d, which no gigledger writes: the file "
		    "is damaged or not a ledger",
		    have);
		return false;
	}
	if (have > latest) {
		g_set_error(error, GIG_ERROR, GIG_ERROR_DB_SCHEMA,
		            "the ledger has schema version %d but this gig knows only up to %d; "
		            "upgrade gigledger",
		            have, latest);
		return false;
	}
	if (have == latest)
		return true;
	/* A migration may rebuild a table (sqlite.org/lang_altertable.html, section 7):
	 * foreign keys are off while the migrations run (the pragma only takes effect
	 * outside a transaction) and are checked, all of them, before the commit. */
	bool fk_on = true;
	sqlite3_stmt *fk = NULL;
	if (sqlite3_prepare_v2(db, "PRAGMA foreign_keys", -1, &fk, NULL) == SQLITE_OK &&
	    sqlite3_step(fk) == SQLITE_ROW)
		fk_on = sqlite3_column_int(fk, 0) != 0;
	sqlite3_finalize(fk);
	if (!gig__db_exec(db, "PRAGMA foreign_keys = OFF", error))
		return false;
	bool ok = gig__tx_begin(db, error);
	if (!ok) {
		if (fk_on)
			gig__db_exec(db, "PRAGMA foreign_keys = ON", NULL);
		return false;
	}
	for (size_t i = 0; ok && i < gig__migration_count; i++) {
		const struct gig__migration *m = &gig__migrations[i];
		if (m->version <= have)
			continue;
		int rc = sqlite3_exec(db, m->sql, NULL, NULL, NULL);
		if (rc != SQLITE_OK) {
			ok = gig__db_fail(db, rc, m->name, error);
			break;
		}
		/* PRAGMA cannot take a bound parameter; the value is our own integer. */
		char pragma[64];
		snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d", m->version);
		ok = gig__db_exec(db, pragma, error);
	}
	if (ok) {
		sqlite3_stmt *check = NULL;
		int rc = sqlite3_prepare_v2(db, "PRAGMA foreign_key_check", -1, &check, NULL);
		if (rc == SQLITE_OK)
			rc = sqlite3_step(check);
		if (rc == SQLITE_ROW) {
			g_set_error(error, GIG_ERROR, GIG_ERROR_DB_CORRUPT,
			            "table %s holds a reference that does not exist",
			            (const char *)sqlite3_column_text(check, 0));
			ok = false;
		} else if (rc != SQLITE_DONE) {
			ok = gig__db_fail(db, rc, "checking foreign keys", error);
		}
		sqlite3_finalize(check);
	}
	if (ok)
		ok = gig__tx_end(db, true, error);
	else
		gig__tx_end(db, false, NULL);
	if (fk_on)
		gig__db_exec(db, "PRAGMA foreign_keys = ON", NULL);
	if (!ok)
		g_prefix_error(error, "migrating the ledger schema: ");
	return ok;
}

int
gig_ledger_schema_latest(void)
{
	int v = 0;
	for (size_t i = 0; i < gig__migration_count; i++)
		if (gig__migrations[i].version > v)
			v = gig__migrations[i].version;
	return v;
}

const char *
gig_sqlite_version(void)
{
	return sqlite3_libversion();
}

int
gig__bind_text_copy(sqlite3_stmt *st, int idx, const char *text)
{
	/* SQLITE_TRANSIENT would make SQLite copy the text with its own
	 * allocator, and a failure there leaves the parameter NULL with only
	 * the return code to say so (which call sites do not check): the query
	 * then quietly matches nothing.  Handing SQLite a copy it frees itself
	 * needs no allocation on its side. */
	return sqlite3_bind_text(st, idx, g_strdup(text), -1, g_free);
}

int
gig__bind_date(sqlite3_stmt *st, int idx, gig_date date)
{
	if (date == GIG_DATE_NONE)
		return sqlite3_bind_null(st, idx);
	char buf[GIG_DATE_BUFSZ];
	gig_date_format(buf, date);
	return gig__bind_text_copy(st, idx, buf);
}

gig_date
gig__column_date(sqlite3_stmt *st, int idx)
{
	const char *s = (const char *)sqlite3_column_text(st, idx);
	gig_date d;
	if (s == NULL || !gig_date_parse_iso(&d, s, NULL))
		return GIG_DATE_NONE;
	return d;
}
