/*
 * ledger_backup.c: copies of a ledger (integrity.h): backups, the automatic
 * snapshots before imports and undos, and restoring a copy.  Every copy is
 * made by SQLite's online backup API, which reads one consistent state of
 * the file while other connections go on writing (WAL).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "db.h"
#include "gigledger/integrity.h"
#include "internal.h"

/* Copies all of `src` into `dest` in one step (-1: one consistent state of
 * it), waiting while another connection holds a lock; an SQLite result code. */
static int
backup_all(sqlite3 *dest, sqlite3 *src)
{
	sqlite3_backup *b = sqlite3_backup_init(dest, "main", src, "main");
	if (b == NULL)
		return sqlite3_errcode(dest);
	int rc;
	do {
		rc = sqlite3_backup_step(b, -1);
		if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
			sqlite3_sleep(20);
	} while (rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
	int frc = sqlite3_backup_finish(b);
	return rc == SQLITE_DONE ? frc : rc;
}

/* Copies database `src` (schema main) into the file at `dest_path` (which
 * must not exist yet: a fresh temporary file). */
static bool
copy_into_file(sqlite3 *src, const char *dest_path, GError **error)
{
	sqlite3 *dest = NULL;
	int rc =
	    sqlite3_open_v2(dest_path, &dest, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
	if (rc == SQLITE_OK) {
		sqlite3_busy_timeout(dest, BUSY_TIMEOUT_MS);
		rc = backup_all(dest, src);
	}
	if (rc != SQLITE_OK) {
		gig__db_fail(dest, rc, "copying the ledger", error);
		sqlite3_close_v2(dest);
		return false;
	}
	/* a copy is a plain rollback-journal file: one file, nothing beside it */
	rc = sqlite3_exec(dest, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);
	if (rc != SQLITE_OK) {
		gig__db_fail(dest, rc, "copying the ledger", error);
		sqlite3_close_v2(dest);
		return false;
	}
	sqlite3_close_v2(dest);
	return true;
}

static bool
fsync_path(const char *path)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return false;
	bool ok = fsync(fd) == 0;
	close(fd);
	return ok;
}

/* Writes `src` to `dest` through DEST.tmp-XXXXXX, 0600, then renames. */
static bool
backup_to(sqlite3 *src, const char *dest, bool overwrite, GError **error)
{
	struct stat st;
	if (!overwrite && lstat(dest, &st) == 0) {
		g_set_error(error, GIG_ERROR, GIG_ERROR_EXISTS,
		            "%s already exists; choose another name (or --force to replace it)",
		            dest);
		return false;
	}
	g_autofree char *tmp = g_strconcat(dest, ".tmp-XXXXXX", NULL);
	int fd = g_mkstemp_full(tmp, O_RDWR | O_CLOEXEC, 0600);
	if (fd < 0) {
		int e = errno;
		g_set_error(error, GIG_ERROR,
		            e == EACCES || e == EROFS ? GIG_ERROR_DB_READONLY : GIG_ERROR_IO,
		            "cannot write %s: %s", dest, g_strerror(e));
		return false;
	}
	close(fd);
	/* SQLite writes a zero-length file as a new database */
	bool ok = copy_into_file(src, tmp, error);
	if (ok && !fsync_path(tmp)) {
		g_set_error(error, GIG_ERROR, GIG_ERROR_IO, "writing %s: %s", dest,
		            g_strerror(errno));
		ok = false;
	}
	if (ok && rename(tmp, dest) != 0) {
		g_set_error(error, GIG_ERROR, GIG_ERROR_IO, "cannot rename %s to %s: %s", tmp, dest,
		            g_strerror(errno));
		ok = false;
	}
	if (!ok) {
		unlink(tmp);
		g_autofree char *j = g_strconcat(tmp, "-journal", NULL);
		unlink(j);
		g_prefix_error(error, "backup to %s: ", dest);
	}
	return ok;
}

bool
gig_ledger_backup(gig_ledger *ledger, const char *dest, bool overwrite, GError **error)
{
	g_return_val_if_fail(ledger != NULL && dest != NULL, false);
	return backup_to(gig__ledger_db(ledger), dest, overwrite, error);
}

char *
gig_ledger_snapshot_dir(const char *path)
{
	return g_strconcat(path, ".snapshots", NULL);
}

static int
snapshots_keep(void)
{
	const char *env = g_getenv("GIG_SNAPSHOTS_KEEP");
	if (env && *env) {
		char *end = NULL;
		long v = strtol(env, &end, 10);
		if (end && *end == '\0' && v >= 0 && v <= 1000)
			return (int)v;
	}
	return GIG_SNAPSHOTS_KEEP;
}

static gint
newest_first(gconstpointer a, gconstpointer b)
{
	return -g_strcmp0(*(char *const *)a, *(char *const *)b);
}

bool
gig_ledger_snapshots(const char *path, GPtrArray **out, GError **error)
{
	g_autofree char *dir = gig_ledger_snapshot_dir(path);
	g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func(g_free);
	GError *local = NULL;
	GDir *d = g_dir_open(dir, 0, &local);
	if (d == NULL) {
		if (g_error_matches(local, G_FILE_ERROR, G_FILE_ERROR_NOENT)) {
			g_error_free(local);
			*out = g_steal_pointer(&list);
			return true;
		}
		g_set_error(error, GIG_ERROR, GIG_ERROR_IO, "%s", local->message);
		g_error_free(local);
		return false;
	}
	const char *name;
	while ((name = g_dir_read_name(d)) != NULL)
		if (g_str_has_suffix(name, ".db") && !strstr(name, ".tmp-"))
			g_ptr_array_add(list, g_build_filename(dir, name, NULL));
	g_dir_close(d);
	/* names start with a UTC time stamp and a sequence number: sortable */
	g_ptr_array_sort(list, newest_first);
	*out = g_steal_pointer(&list);
	return true;
}

static bool
snapshot_of(sqlite3 *src, const char *path, const char *label, char **out_path, GError **error)
{
	if (out_path)
		*out_path = NULL;
	int keep = snapshots_keep();
	if (keep == 0)
		return true;
	g_autofree char *dir = gig_ledger_snapshot_dir(path);
	if (g_mkdir_with_parents(dir, 0700) != 0) {
		g_set_error(error, GIG_ERROR, GIG_ERROR_IO, "cannot create %s: %s", dir,
		            g_strerror(errno));
		return false;
	}
	g_autoptr(GDateTime) now = g_date_time_new_now_utc();
	g_autofree char *stamp = g_date_time_format(now, "%Y%m%dT%H%M%SZ");
	g_autofree char *file = NULL;
	/* two snapshots within one second get increasing numbers, whatever their
	 * labels: the number, not the label, must order them */
	int seq = 1;
	g_autoptr(GPtrArray) existing = NULL;
	if (gig_ledger_snapshots(path, &existing, NULL))
		for (guint i = 0; i < existing->len; i++) {
			g_autofree char *base = g_path_get_basename(existing->pdata[i]);
			size_t sl = strlen(stamp);
			int n = 0;
			if (strncmp(base, stamp, sl) == 0 && base[sl] == '-' &&
			    sscanf(base + sl + 1, "%3d", &n) == 1 && n >= seq)
				seq = n + 1;
		}
	g_autofree char *name = g_strdup_printf("%s-%03d-%s.db", stamp, seq, label);
	file = g_build_filename(dir, name, NULL);
	if (!backup_to(src, file, false, error)) {
		g_prefix_error(error, "taking a snapshot: ");
		return false;
	}
	g_autoptr(GPtrArray) all = NULL;
	if (gig_ledger_snapshots(path, &all, NULL))
		for (guint i = (guint)keep; i < all->len; i++)
			unlink(all->pdata[i]);
	if (out_path)
		*out_path = g_steal_pointer(&file);
	return true;
}

bool
gig_ledger_snapshot(gig_ledger *ledger, const char *label, char **out_path, GError **error)
{
	g_return_val_if_fail(ledger != NULL && label != NULL, false);
	return snapshot_of(gig__ledger_db(ledger), gig_ledger_path(ledger), label, out_path, error);
}

/* The copy to restore must be a sound ledger this library can read. */
static bool
check_source(sqlite3 *src, const char *source, GError **error)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(src, "PRAGMA integrity_check(1)", -1, &st, NULL);
	const char *res = NULL;
	if (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW)
		res = (const char *)sqlite3_column_text(st, 0);
	bool sound = res && strcmp(res, "ok") == 0;
	g_autofree char *what = g_strdup(res ? res : sqlite3_errmsg(src));
	sqlite3_finalize(st);
	if (!sound) {
		g_set_error(error, GIG_ERROR, GIG_ERROR_DB_CORRUPT,
		            "%s is not a sound SQLite file (%s); nothing was restored", source,
		            what);
		return false;
	}
	int version = -1;
	int has = 0;
	rc = sqlite3_prepare_v2(src,
	                        "SELECT (SELECT user_version FROM pragma_user_version),"
	                        " (SELECT count(*) FROM sqlite_schema WHERE name = 'transactions')",
	                        -1, &st, NULL);
	if (rc == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW) {
		version = sqlite3_column_int(st, 0);
		has = sqlite3_column_int(st, 1);
	}
	sqlite3_finalize(st);
	if (!has || version < 1) {
		g_set_error(error, GIG_ERROR, GIG_ERROR_DB_SCHEMA,
		            "%s is not a gigledger ledger; nothing was restored", source);
		return false;
	}
	if (version > gig_ledger_schema_latest()) {
		g_set_error(
		    error, GIG_ERROR, GIG_ERROR_DB_SCHEMA,
		    "%s has schema version %d but this gig knows only up to %d; nothing was "
		    "restored",
		    source, version, gig_ledger_schema_latest());
		return false;
	}
	return true;
}

bool
gig_ledger_restore(const char *path, const char *source, GError **error)
{
	g_return_val_if_fail(path != NULL && source != NULL, false);
	sqlite3 *src = NULL;
	int rc = sqlite3_open_v2(source, &src, SQLITE_OPEN_READONLY, NULL);
	if (rc != SQLITE_OK) {
		gig__db_fail(src, rc, "opening the copy", error);
		g_prefix_error(error, "%s: ", source);
		sqlite3_close_v2(src);
		return false;
	}
	/* errors of this call go to `local` first: whether the damaged-file fallback runs
	 * must not depend on the caller passing an error location, and the caller's
	 * GError is only ever set, never cleared */
	g_autoptr(GError) local = NULL;
	bool ok = check_source(src, source, &local);

	sqlite3 *dest = NULL;
	if (ok) {
		rc = sqlite3_open_v2(path, &dest, SQLITE_OPEN_READWRITE, NULL);
		if (rc == SQLITE_OK)
			sqlite3_busy_timeout(dest, BUSY_TIMEOUT_MS);
		else
			ok = gig__db_fail(dest, rc, "opening the ledger", &local);
	}
	/* keep what is there now, when it can still be read */
	if (ok) {
		g_autoptr(GError) snap = NULL;
		sqlite3_stmt *st = NULL;
		bool readable = sqlite3_prepare_v2(dest, "SELECT count(*) FROM sqlite_schema", -1,
		                                   &st, NULL) == SQLITE_OK &&
		                sqlite3_step(st) == SQLITE_ROW;
		sqlite3_finalize(st);
		if (readable && !snapshot_of(dest, path, "before-restore", NULL, &snap))
			g_debug("no snapshot before restoring: %s", snap->message);
	}
	/* the backup API writes into the live file under its locks, so other
	 * connections see either the old ledger or the restored one; it cannot
	 * change a WAL file's page size, so the file leaves WAL mode meanwhile */
	if (ok) {
		sqlite3_exec(dest, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);
		rc = backup_all(dest, src);
		if (rc != SQLITE_OK)
			ok = gig__db_fail(dest, rc, "restoring", &local);
		sqlite3_exec(dest, "PRAGMA journal_mode = WAL", NULL, NULL, NULL);
	}
	sqlite3_close_v2(dest);
	/* a file too damaged to be written page by page is replaced whole */
	if (!ok && g_error_matches(local, GIG_ERROR, GIG_ERROR_DB_CORRUPT) &&
	    check_source(src, source, NULL)) {
		g_clear_error(&local);
		ok = backup_to(src, path, true, &local);
		if (ok) {
			g_autofree char *wal = g_strconcat(path, "-wal", NULL);
			g_autofree char *shm = g_strconcat(path, "-shm", NULL);
			unlink(wal);
			unlink(shm);
		}
	}
	sqlite3_close_v2(src);
	if (ok) {
		g_autofree char *marker = gig__damage_marker_path(path);
		unlink(marker);
	} else {
		g_propagate_prefixed_error(error, g_steal_pointer(&local),
		                           "restoring %s from %s: ", path, source);
	}
	return ok;
}
