/*
 * integrity.h: finding damage in a ledger, and the copies that undo it.
 *
 * Three layers, cheapest first:
 *
 *  - On every gig_ledger_open(), a check that costs a few milliseconds:
 *    SQLite's quick_check over the whole file when it is at most
 *    GIG_OPEN_CHECK_BYTES (about 5 ms; a producer's ledger of ten years is
 *    well under it), and over every table but the two large ones
 *    (transactions, import_raw) above that.  A ledger that fails it, or that
 *    a full check found damaged earlier (the marker file PATH.damaged), is
 *    opened read-only: reads work, so that what is left can be looked at and
 *    exported, and every write fails with GIG_ERROR_DB_CORRUPT, naming what
 *    was found and what to do.  gig_ledger_damage() says why.
 *
 *  - gig_ledger_check(): SQLite's integrity_check (or quick_check) plus the
 *    ledger's own invariants: foreign keys, the monthly_totals rollup equal
 *    to a GROUP BY over the transactions, every gig's stored status equal to
 *    the one its payments give, the rows of each import batch inside the
 *    batch's id range, and every row's date and amount well-formed and within
 *    GIG_AMOUNT_MAX.  Problems found write PATH.damaged; a clean full check
 *    removes it.
 *
 *  - Copies: gig_ledger_backup() writes a consistent copy through SQLite's
 *    online backup API (other gig commands may run meanwhile); a snapshot is
 *    such a copy in the folder PATH.snapshots/, taken before each import and
 *    undo, of which the newest GIG_SNAPSHOTS_KEEP are kept;
 *    gig_ledger_restore() puts a copy back.
 */
#ifndef GIGLEDGER_INTEGRITY_H
#define GIGLEDGER_INTEGRITY_H

#include <stdbool.h>
#include <stdint.h>

#include <glib.h>

#include "gigledger/common.h"
#include "gigledger/ledger.h"

GIG_BEGIN_DECLS

/* Ledgers up to this size get SQLite's quick_check in full on every open. */
#define GIG_OPEN_CHECK_BYTES (4 * 1024 * 1024)
/* Snapshots kept per ledger (the environment's GIG_SNAPSHOTS_KEEP overrides;
 * 0 turns automatic snapshots off). */
#define GIG_SNAPSHOTS_KEEP 5

/* Why the ledger was opened read-only (damage found on open or by an earlier
 * full check), or NULL when it is writable as usual. */
GIG_API const char *gig_ledger_damage(gig_ledger *ledger);
/* Why a sound ledger was opened read-only (a full disk: SQLite could not
 * create the -shm file, and the ledger is read as an immutable file), or
 * NULL.  Reads are exact; writes fail with GIG_ERROR_DB_READONLY. */
GIG_API const char *gig_ledger_readonly_note(gig_ledger *ledger);

/* One finding of gig_ledger_check(). */
typedef struct {
	char *check;   /* "sqlite", "foreign_keys", "rollup", "gig_status", "batches", "rows" */
	char *message; /* what is wrong, in words */
} gig_check_problem;

GIG_API void gig_check_problem_free(gig_check_problem *problem);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(gig_check_problem, gig_check_problem_free)

/* The names of the checks, in the order they run, NULL-terminated. */
GIG_API const char *const *gig_check_names(void);

/*
 * Runs every check and sets *out_problems to a new array of gig_check_problem
 * (empty when the ledger is sound).  `quick` uses SQLite's quick_check (no
 * index-content comparison) instead of integrity_check.  At most 100
 * problems per check are listed.  Returns false only when the check itself
 * could not run (a lock, an I/O error); damage is reported as problems.
 * Writes or removes the PATH.damaged marker (removes it only after a full,
 * not quick, clean check).
 */
GIG_API bool gig_ledger_check(gig_ledger *ledger, bool quick, GPtrArray **out_problems,
                              GError **error);

/*
 * Writes a consistent copy of the ledger to `dest` (mode 0600, through a
 * temporary file renamed into place, so `dest` is never half-written);
 * refuses to overwrite an existing `dest` unless `overwrite`.
 */
GIG_API bool gig_ledger_backup(gig_ledger *ledger, const char *dest, bool overwrite,
                               GError **error);

/* Where the snapshots of the ledger at `path` live: "PATH.snapshots". */
GIG_API char *gig_ledger_snapshot_dir(const char *path);

/*
 * Takes a snapshot labelled `label` ([a-z-]) into the snapshot folder and
 * prunes the oldest beyond the keep count.  *out_path (optional) receives
 * the file written, or NULL when snapshots are turned off.
 */
GIG_API bool gig_ledger_snapshot(gig_ledger *ledger, const char *label, char **out_path,
                                 GError **error);

/* The snapshot files of the ledger at `path`, newest first (absolute paths). */
GIG_API bool gig_ledger_snapshots(const char *path, GPtrArray **out, GError **error);

/*
 * Replaces the ledger at `path` by the copy `source` (a snapshot or backup):
 * the copy must pass integrity_check and be a ledger this library can read.
 * The current file is first snapshotted (label "before-restore") when it can
 * still be read.  Works on a damaged ledger; other gig processes that have
 * it open see the restored content at their next transaction.
 */
GIG_API bool gig_ledger_restore(const char *path, const char *source, GError **error);

GIG_END_DECLS

#endif
