/*
 * ledger.c: the gig_ledger handle (create, open, close), settings, and the
 * small enums shared by the other ledger_*.c files.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "db.h"
#include "gigledger/history.h"
#include "gigledger/integrity.h"
#include "internal.h"

struct gig_ledger {
	sqlite3 *db;
	char *path;
	char base_currency[4];
	char *damage;        /* why the connection is read-only (integrity.h), or NULL */
	char *readonly_note; /* read-only for another reason (a full disk), or NULL */
};

sqlite3 *
gig__ledger_db(gig_ledger *ledger)
{
	return ledger->db;
}

const char *
gig_ledger_path(gig_ledger *ledger)
{
	return ledger->path;
}

const char *
gig_ledger_damage(gig_ledger *ledger)
{
	return ledger->damage;
}

const char *
gig_ledger_readonly_note(gig_ledger *ledger)
{
	return ledger->readonly_note;
}

const char *
gig_ledger_base_currency(gig_ledger *ledger)
{
	return ledger->base_currency;
}

int
gig_ledger_schema_version(gig_ledger *ledger)
{
	sqlite3_stmt *st = NULL;
	int v = -1;
	if (sqlite3_prepare_v2(ledger->db, "PRAGMA user_version", -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return v;
}

void
gig_ledger_free(gig_ledger *ledger)
{
	if (ledger == NULL)
		return;
	gig__journal_detach(ledger->db);
	sqlite3_close_v2(ledger->db);
	g_free(ledger->path);
	g_free(ledger->damage);
	g_free(ledger->readonly_note);
	g_free(ledger);
}

/* Connection-level settings that are not stored in the file. */
static bool
configure(sqlite3 *db, GError **error)
{
	sqlite3_busy_timeout(db, BUSY_TIMEOUT_MS);
	sqlite3_extended_result_codes(db, 1);
	return gig__db_exec(db,
	                    "PRAGMA foreign_keys = ON;"
	                    "PRAGMA synchronous = FULL;"
	                    "PRAGMA cache_size = -16384;",
	                    error);
}

/* Refuses files that are SQLite databases but not ledgers. */
static bool
check_is_ledger(sqlite3 *db, GError **error)
{
	g_autoptr(sqlite3_stmt) st = NULL;
	int rc =
	    sqlite3_prepare_v2(db,
	                       "SELECT (SELECT count(*) FROM sqlite_master),"
	                       " (SELECT count(*) FROM sqlite_master WHERE name = 'transactions')",
	                       -1, &st, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	if (rc != SQLITE_ROW)
		return gig__db_fail(db, rc, "reading the ledger", error);
	int64_t objects = sqlite3_column_int64(st, 0);
	int64_t ours = sqlite3_column_int64(st, 1);
	if (objects > 0 && ours == 0) {
		g_set_error(error, GIG_ERROR, GIG_ERROR_DB_SCHEMA,
		            "the file is an SQLite database but not a gigledger ledger");
		return false;
	}
	return true;
}

static bool
load_base_currency(gig_ledger *ledger, GError **error)
{
	g_autofree char *cur = NULL;
	if (!gig_ledger_setting_get(ledger, "base_currency", &cur, error))
		return false;
	return gig_currency_normalize(ledger->base_currency, cur, error);
}

bool
gig__ledger_reload_base_currency(gig_ledger *ledger, GError **error)
{
	return load_base_currency(ledger, error);
}

static bool
open_connection(gig_ledger **out, const char *path, bool created, GError **error)
{
	sqlite3 *db = NULL;
	/* a gig_ledger is used from one thread at a time (ledger.h), so the connection
	 * needs no mutex of its own: every sqlite3_bind/step/column call took and gave
	 * back one: 5% of the instructions of the importer's storing thread */
	int rc = sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
	g_autoptr(gig_ledger) ledger = g_new0(gig_ledger, 1);
	ledger->db = db;
	ledger->path = g_strdup(path);
	if (db)
		gig__db_watch_cancel(db);
	if (rc != SQLITE_OK) {
		gig__db_fail(db, rc, "opening the ledger", error);
		g_prefix_error(error, "%s: ", path);
		return false;
	}
	GError *first = NULL;
	if (!configure(db, &first) || !check_is_ledger(db, &first)) {
		/* A full disk: SQLite cannot create the -shm file that even a reader of
		 * a WAL ledger needs.  When no -wal file exists (no other connection,
		 * nothing left to apply), the file alone is the whole ledger and can be
		 * read as immutable; every write then fails cleanly in gig__tx_begin. */
		g_autofree char *wal = g_strconcat(path, "-wal", NULL);
		struct stat wst;
		bool no_wal = stat(wal, &wst) != 0 || wst.st_size == 0;
		if (!created && no_wal && first->domain == GIG_ERROR &&
		    first->code == GIG_ERROR_IO) {
			sqlite3_close_v2(db);
			ledger->db = db = NULL;
			char *uri = sqlite3_mprintf("file:%s?immutable=1", path);
			/* a path with URI specials ('?', '#', '%') is left as it failed */
			if (strpbrk(path, "?#%") == NULL)
				rc = sqlite3_open_v2(uri, &db,
				                     SQLITE_OPEN_READONLY | SQLITE_OPEN_URI |
				                         SQLITE_OPEN_NOMUTEX,
				                     NULL);
			else
				rc = SQLITE_CANTOPEN;
			sqlite3_free(uri);
			ledger->db = db;
			if (rc == SQLITE_OK && configure(db, NULL) && check_is_ledger(db, NULL) &&
			    gig_ledger_schema_version(ledger) == gig_ledger_schema_latest() &&
			    load_base_currency(ledger, NULL)) {
				g_clear_error(&first);
				ledger->readonly_note = g_strdup(
				    "the disk is full, so the ledger was opened read-only");
				*out = g_steal_pointer(&ledger);
				return true;
			}
		}
		g_propagate_prefixed_error(error, first, "%s: ", path);
		return false;
	}
	/* the cheap check (integrity.h); a damaged ledger is reopened read-only */
	char *damage = gig__damage_marker_read(path);
	if (damage == NULL && !created && !gig__open_check(db, &damage, error)) {
		g_prefix_error(error, "%s: ", path);
		return false;
	}
	if (damage != NULL) {
		ledger->damage = damage;
		sqlite3_close_v2(db);
		ledger->db = db = NULL;
		rc = sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL);
		ledger->db = db;
		if (rc != SQLITE_OK || !configure(db, error)) {
			if (rc != SQLITE_OK)
				gig__db_fail(db, rc, "opening the ledger", error);
			g_prefix_error(error, "%s: ", path);
			return false;
		}
		if (gig_ledger_schema_version(ledger) != gig_ledger_schema_latest()) {
			g_set_error(error, GIG_ERROR, GIG_ERROR_DB_CORRUPT,
			            "%s is damaged (%s) and needs a schema migration, which is not "
			            "done on a damaged file; restore a copy: gig restore --list",
			            path, damage);
			return false;
		}
		if (!load_base_currency(ledger, error)) {
			g_prefix_error(error, "%s: ", path);
			return false;
		}
		*out = g_steal_pointer(&ledger);
		return true;
	}
	/* A file without our schema yet (created just now, or an empty file the
	 * user pointed us at) becomes a ledger: private and in WAL mode. */
	if (gig_ledger_schema_version(ledger) == 0) {
		if (!created && chmod(path, 0600) != 0) {
			g_set_error(error, GIG_ERROR, GIG_ERROR_DB_READONLY, "%s: %s", path,
			            g_strerror(errno));
			return false;
		}
		/* 16 KiB pages, set before the first table exists: an import writes each
		 * page twice (WAL, then checkpoint), and at 4 KiB a 1M-row import made
		 * 154,000 write calls; medians of 6 runs of bench/import.sh's 1M fresh
		 * import: 4.28 s at 4 KiB, 3.94 s at 8 KiB, 4.04 s at 16 KiB, with the
		 * least system time at 16 KiB.  Existing ledgers keep their page size. */
		if (!gig__db_exec(db, "PRAGMA page_size = 16384; PRAGMA journal_mode = WAL", error))
			return false;
	}
	if (!gig__db_migrate(db, error) || !load_base_currency(ledger, error)) {
		g_prefix_error(error, "%s: ", path);
		return false;
	}
	/* the import of a big file runs with a rollback journal (import_db.c); a
	 * ledger left so by a killed import, or by another process still holding it
	 * then, goes back to WAL here (when nobody else is using it) */
	sqlite3_stmt *jm = NULL;
	bool wal = true;
	if (sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &jm, NULL) == SQLITE_OK &&
	    sqlite3_step(jm) == SQLITE_ROW)
		wal = g_ascii_strcasecmp((const char *)sqlite3_column_text(jm, 0), "wal") == 0;
	sqlite3_finalize(jm);
	if (!wal)
		gig__db_journal_mode(db, "WAL");
	gig__journal_attach(db); /* from here on every write is recorded (sql/0011) */
	*out = g_steal_pointer(&ledger);
	return true;
}

bool
gig_ledger_open(gig_ledger **out, const char *path, GError **error)
{
	g_return_val_if_fail(out != NULL && path != NULL, false);
	struct stat st;
	if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode) && stat(path, &st) != 0) {
		g_autofree char *target = g_file_read_link(path, NULL);
		g_set_error(error, GIG_ERROR, GIG_ERROR_NOT_FOUND,
		            "%s is a symbolic link to %s, which does not exist", path,
		            target ? target : "?");
		return false;
	}
	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
		g_set_error(error, GIG_ERROR, GIG_ERROR_DB_SCHEMA,
		            "%s is a directory, not a ledger file (pass --db FILE)", path);
		return false;
	}
	if (stat(path, &st) == 0 && S_ISREG(st.st_mode) && st.st_size == 0) {
		g_set_error(error, GIG_ERROR, GIG_ERROR_DB_SCHEMA,
		            "%s is an empty file, not a ledger; to make a new ledger there, remove "
		            "it and run 'gig init'",
		            path);
		return false;
	}
	if (!g_file_test(path, G_FILE_TEST_EXISTS)) {
		g_set_error(error, GIG_ERROR, GIG_ERROR_NOT_FOUND,
		            "no ledger at %s; create one with 'gig init' (or pass --db PATH)",
		            path);
		return false;
	}
	return open_connection(out, path, false, error);
}

bool
gig_ledger_create(gig_ledger **out, const char *path, const char *base_currency, GError **error)
{
	g_return_val_if_fail(out != NULL && path != NULL, false);
	char cur[4] = "EUR";
	if (base_currency && !gig_currency_normalize(cur, base_currency, error))
		return false;

	struct stat lst;
	if (lstat(path, &lst) == 0 && S_ISLNK(lst.st_mode)) {
		g_autofree char *target = g_file_read_link(path, NULL);
		g_set_error(error, GIG_ERROR, GIG_ERROR_EXISTS,
		            "%s is a symbolic link (to %s); refusing to create a ledger through it",
		            path, target ? target : "?");
		return false;
	}
	/* O_EXCL: never overwrite somebody's books; 0600: they are private. */
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0) {
		int saved = errno;
		g_set_error(error, GIG_ERROR,
		            saved == EEXIST                     ? GIG_ERROR_EXISTS
		            : saved == EACCES || saved == EROFS ? GIG_ERROR_DB_READONLY
		                                                : GIG_ERROR_IO,
		            saved == EEXIST ? "%s already exists; refusing to overwrite it"
		                            : "cannot create %s: %s",
		            path, g_strerror(saved));
		return false;
	}
	close(fd);

	g_autoptr(gig_ledger) ledger = NULL;
	/* the base currency is part of the new ledger, not a change to undo */
	bool opened = open_connection(&ledger, path, true, error);
	if (opened)
		gig__journal_bulk(ledger->db);
	if (!opened || !gig_ledger_setting_set(ledger, "base_currency", cur, error) ||
	    !load_base_currency(ledger, error)) {
		/* nothing half-made survives a failed init */
		gig_ledger_free(g_steal_pointer(&ledger));
		g_autofree char *wal = g_strconcat(path, "-wal", NULL);
		g_autofree char *shm = g_strconcat(path, "-shm", NULL);
		unlink(path);
		unlink(wal);
		unlink(shm);
		return false;
	}
	*out = g_steal_pointer(&ledger);
	return true;
}

bool
gig_ledger_setting_get(gig_ledger *ledger, const char *key, char **out, GError **error)
{
	g_autoptr(sqlite3_stmt) st = NULL;
	if (!gig__db_prepare(ledger->db, "SELECT value FROM settings WHERE key = ?", &st, error))
		return false;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*out = g_strdup((const char *)sqlite3_column_text(st, 0));
		return true;
	}
	if (rc == SQLITE_DONE) {
		g_set_error(error, GIG_ERROR, GIG_ERROR_NOT_FOUND, "no setting '%s'", key);
		return false;
	}
	return gig__db_fail(ledger->db, rc, "reading settings", error);
}

bool
gig_ledger_setting_set(gig_ledger *ledger, const char *key, const char *value, GError **error)
{
	sqlite3 *db = ledger->db;
	if (!gig__tx_begin(db, error))
		return false;
	g_autoptr(sqlite3_stmt) st = NULL;
	bool ok = gig__db_prepare(db,
	                          "INSERT INTO settings(key, value) VALUES (?, ?)"
	                          " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
	                          &st, error);
	if (ok) {
		sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, value, -1, SQLITE_STATIC);
		int rc = sqlite3_step(st);
		if (rc != SQLITE_DONE)
			ok = gig__db_fail(db, rc, "saving a setting", error);
	}
	return gig__tx_end(db, ok, error);
}

/* ---- enum names ---------------------------------------------------------- */

static const char *const account_kinds[] = {"checking", "savings", "card", "cash", "tax-reserve"};
static const char *const streams[GIG_STREAM_COUNT] = {
    "session", "production", "mixing",   "mastering", "royalty",
    "sync",    "beats",      "teaching", "live",      "other"};
static const char *const statuses[] = {"planned", "invoiced", "paid", "partly_paid", "cancelled"};
static const char *const category_kinds[] = {"income", "expense", "transfer"};

bool
gig__enum_parse(int *out, const char *text, const char *const *names, size_t n, const char *what,
                GError **error)
{
	for (size_t i = 0; i < n; i++) {
		if (text && g_ascii_strcasecmp(text, names[i]) == 0) {
			*out = (int)i;
			return true;
		}
	}
	g_autofree char *known = g_strjoinv(", ", (char **)names);
	g_set_error(error, GIG_ERROR, GIG_ERROR_INVALID_INPUT, "unknown %s '%s'; known: %s", what,
	            text ? text : "", known);
	return false;
}

/* The name tables above are NULL-free arrays; g_strjoinv needs a NULL end. */
#define ENUM_PARSE(out, text, table, what, error)                                                  \
	do {                                                                                       \
		const char *tmp[G_N_ELEMENTS(table) + 1];                                          \
		memcpy(tmp, table, sizeof table);                                                  \
		tmp[G_N_ELEMENTS(table)] = NULL;                                                   \
		int v;                                                                             \
		if (!gig__enum_parse(&v, text, tmp, G_N_ELEMENTS(table), what, error))             \
			return false;                                                              \
		*(out) = v;                                                                        \
		return true;                                                                       \
	} while (0)

bool
gig_account_kind_parse(gig_account_kind *out, const char *text, GError **error)
{
	ENUM_PARSE(out, text, account_kinds, "account kind", error);
}

const char *
gig_account_kind_name(gig_account_kind kind)
{
	return (size_t)kind < G_N_ELEMENTS(account_kinds) ? account_kinds[kind] : "?";
}

bool
gig_stream_parse(gig_stream *out, const char *text, GError **error)
{
	ENUM_PARSE(out, text, streams, "income stream", error);
}

const char *
gig_stream_name(gig_stream stream)
{
	return (size_t)stream < G_N_ELEMENTS(streams) ? streams[stream] : "?";
}

const char *
gig_status_name(gig_status status)
{
	return (size_t)status < G_N_ELEMENTS(statuses) ? statuses[status] : "?";
}

bool
gig__status_parse(gig_status *out, const char *text)
{
	for (size_t i = 0; i < G_N_ELEMENTS(statuses); i++)
		if (text && strcmp(text, statuses[i]) == 0) {
			*out = (gig_status)i;
			return true;
		}
	return false;
}

bool
gig_category_kind_parse(gig_category_kind *out, const char *text, GError **error)
{
	ENUM_PARSE(out, text, category_kinds, "category kind", error);
}

const char *
gig_category_kind_name(gig_category_kind kind)
{
	return (size_t)kind < G_N_ELEMENTS(category_kinds) ? category_kinds[kind] : "?";
}

void
gig_ledger_set_command(gig_ledger *ledger, const char *command)
{
	g_return_if_fail(ledger != NULL);
	gig__journal_command(ledger->db, command);
}

int64_t
gig_ledger_last_change(gig_ledger *ledger)
{
	g_return_val_if_fail(ledger != NULL, 0);
	return gig__journal_last(ledger->db);
}
