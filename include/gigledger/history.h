/*
 * history.h: the audit trail of every change, and undo / redo.
 *
 * Every write call of the library (every function of ledger.h, import.h, edit.h ...
 * that changes the ledger) is one SQLite transaction, and each committed one that
 * changed something leaves one entry in the change log (sql/0011): when (UTC), the
 * command line the caller named with gig_ledger_set_command(), a summary, and what
 * it changed, table by table, with old and new values.  Nothing else is needed for a
 * new write to be recorded: the recording sits in the library's transaction helper.
 *
 * An import is recorded as one entry naming its batch (no per-row record); undoing
 * it is gig_import_undo() of that batch.  Undo and redo are entries too, so the
 * history is complete.  Derived data (the monthly rollup, gig statuses) is not
 * restored from the record but recomputed for the rows an undo touches, so it stays
 * exact.
 *
 * Errors: NOT_FOUND (no such entry, nothing to undo or redo), INVALID_INPUT (an
 * entry that cannot be undone or redone: an undo, an import undo, an entry already
 * undone), AMBIGUOUS (a later change is in the way: the message names it; undo that
 * first), and the database errors of ledger.h.
 */
#ifndef GIGLEDGER_HISTORY_H
#define GIGLEDGER_HISTORY_H

#include <stdbool.h>
#include <stdint.h>

#include "gigledger/ledger.h"

GIG_BEGIN_DECLS

/*
 * Names the command whose writes follow ("gig txn edit 12 --amount 12.99"); every
 * change_log entry written through this ledger until the next call carries it.
 * The text is copied.  NULL or "" = unnamed.
 */
GIG_API void gig_ledger_set_command(gig_ledger *ledger, const char *command);
/* The change_log id the last successful write call of this ledger recorded, 0 when
 * it recorded none (it changed nothing). */
GIG_API int64_t gig_ledger_last_change(gig_ledger *ledger);

typedef enum {
	GIG_CHANGE_EDIT,        /* an ordinary write ("change") */
	GIG_CHANGE_IMPORT,      /* an import: batch_id */
	GIG_CHANGE_IMPORT_UNDO, /* an import undone: batch_id (and target_id when by gig undo) */
	GIG_CHANGE_UNDO,        /* target_id reverted */
	GIG_CHANGE_REDO,        /* target_id applied again */
} gig_change_kind;

/* "change", "import", "import_undo", "undo", "redo" */
GIG_API const char *gig_change_kind_name(gig_change_kind kind);

typedef enum {
	GIG_ROW_INSERT,
	GIG_ROW_UPDATE,
	GIG_ROW_DELETE,
} gig_row_op;

/* One column of a changed row.  A value is its text form ("12", "Splice", x'..' for
 * a blob); NULL with has_* true is SQL NULL; has_* false = not part of the change
 * (an insert has no old values, a delete no new ones, an update only the changed
 * columns and the key). */
typedef struct {
	char *column;
	bool is_key;
	bool has_old, has_new;
	bool old_is_int, new_is_int; /* an INTEGER value: old_int / new_int */
	int64_t old_int, new_int;
	char *old_value, *new_value;
} gig_change_value;

typedef struct {
	char *table;
	gig_row_op op;
	GPtrArray *values; /* gig_change_value, in column order */
} gig_change_row;

typedef struct {
	int64_t id;
	char *at; /* "YYYY-MM-DDTHH:MM:SSZ" (UTC) */
	char *command;
	char *summary;
	gig_change_kind kind;
	int64_t batch_id;  /* import / import_undo, else 0 */
	int64_t target_id; /* undo / redo / import_undo: the entry it concerns, else 0 */
	int64_t undone_by; /* edit / import: the entry that reverted it, 0 while in effect */
	GPtrArray *rows;   /* gig_change_row; only with details, else NULL */
} gig_change;

GIG_API void gig_change_free(gig_change *change);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(gig_change, gig_change_free)

/* The newest `limit` entries (0 = all), newest first; with `details`, each entry's
 * rows and values.  (transfer full) */
GIG_API bool gig_ledger_history(gig_ledger *ledger, int64_t limit, bool details, GPtrArray **out,
                                GError **error);

/*
 * Reverts entry `change_id` (0 = the newest edit or import still in effect) in one
 * transaction, recorded as an undo entry; *out_entry (may be NULL) receives the id
 * undone.  An import is undone as gig_import_undo() does it.  A later change in
 * the way of a change's inverse (it changed the same row since, or depends on a row
 * the undo would remove) makes it AMBIGUOUS, nothing changed, and the message names
 * that change.
 */
GIG_API bool gig_ledger_undo(gig_ledger *ledger, int64_t change_id, int64_t *out_entry,
                             GError **error);
/*
 * Applies again the change most recently undone (imports excepted: import the file
 * again), recorded as a redo entry; *out_entry (may be NULL) receives its id.
 * NOT_FOUND when nothing is undone; AMBIGUOUS as for undo.
 */
GIG_API bool gig_ledger_redo(gig_ledger *ledger, int64_t *out_entry, GError **error);

GIG_END_DECLS

#endif
