/*
 * error.h: the one error style of libgigledger.
 *
 * Rules (every public function follows them):
 *
 *  1. A function that can fail at run time returns bool (true = success) and
 *     takes `GError **error` as its LAST parameter.  The parameters before it
 *     come in this order:
 *       - a function on a handle (gig_ledger *, gig_report *, ...) takes the
 *         handle first, then its inputs, then its out-parameters:
 *           gig_ledger_gig_get(ledger, id, &gig, &error)
 *           gig_ledger_txn_add(ledger, &spec, &new_id, &error)
 *       - a function without a handle that makes or parses one value takes
 *         the out-parameter first, then its inputs:
 *           gig_ledger_open(&ledger, path, &error)
 *           gig_money_parse(&minor, text, exponent, &error)
 *           gig_date_parse_iso(&date, "2026-11-24", &error)
 *         (the *_parse functions, gig_ledger_create/open, the money and
 *         date helpers, the tax profile loaders), except six that read a file
 *         or text given first and put what they read last:
 *           gig_csv_parse_file(path, &opts, &result, &error)
 *           gig_ledger_snapshots, gig_statement_detect, gig_payer_calendar_load,
 *           gig_payer_calendars_load, gig_whatif_parse(text, exponent, &out, &err);
 *       - the others have no out-parameter (writes, checks).
 *     tests/cli/test_api_doc.sh checks this order on every declaration.
 *     An out-parameter for a count or id may be NULL when not wanted, where its
 *     header says so.  On failure *error is set (if error is non-NULL), nothing
 *     is half-written to the ledger, and the out-parameters must not be used.
 *     *error must be NULL on entry (GLib's rule); no function clears or
 *     replaces an error the caller holds, and no behaviour depends on whether
 *     `error` is NULL.
 *     A few pure helpers return bool without a GError: gig_money_add/sub/
 *     scale_bp and gig_date_from_ymd (false = overflow or no such date) and
 *     the forecasting functions (forecast.h; false = input they cannot use).
 *  2. Every error is in the GIG_ERROR domain with a gig_error_code.  Errors
 *     coming from SQLite, errno, GLib (g_convert, GKeyFile, ...) are
 *     translated once, where they enter the library, and keep their text.
 *     Context ("bank.csv:42: column 'Amount': ...") is added with
 *     g_prefix_error() on the way up.
 *  3. Programming errors (NULL handle, broken precondition) are not GErrors:
 *     they trip g_return_val_if_fail() / assert().
 *  4. Pure code (forecast.h, money/date value helpers that cannot fail) takes
 *     no GError.
 *
 * The CLI maps codes to exit statuses (see gig --help): INVALID_INPUT,
 * ENCODING, OVERFLOW, AMBIGUOUS, NOT_FOUND, DUPLICATE -> 3 (input
 * rejected); DB_BUSY -> 4; DB_READONLY, DB_SCHEMA, DB_CORRUPT -> 5;
 * CANCELLED -> 130; FAILED, EXISTS, IO -> 1.
 */
#ifndef GIGLEDGER_ERROR_H
#define GIGLEDGER_ERROR_H

#include <glib.h>
#include "gigledger/common.h"

GIG_BEGIN_DECLS

#define GIG_ERROR (gig_error_quark())

typedef enum {
	GIG_ERROR_FAILED = 1,    /* anything not listed below */
	GIG_ERROR_INVALID_INPUT, /* malformed amount, date, CSV row, flag value */
	GIG_ERROR_ENCODING,      /* bytes that are not valid in the declared/detected encoding */
	GIG_ERROR_OVERFLOW,      /* an amount or sum that does not fit in int64 minor units */
	GIG_ERROR_AMBIGUOUS,     /* input that could be read two ways (e.g. dd/mm vs mm/dd) */
	GIG_ERROR_NOT_FOUND,     /* unknown account, category, gig, batch, profile */
	GIG_ERROR_DUPLICATE,     /* a name that already exists */
	GIG_ERROR_EXISTS,        /* refusing to overwrite an existing ledger file */
	GIG_ERROR_DB_BUSY,       /* another process holds the write lock */
	GIG_ERROR_DB_READONLY,   /* the ledger file or its directory is not writable */
	GIG_ERROR_DB_SCHEMA,     /* ledger written by a newer gigledger, or not a ledger */
	GIG_ERROR_DB_CORRUPT,    /* SQLite reports a damaged file */
	GIG_ERROR_IO,            /* reading or writing a file failed */
	GIG_ERROR_CANCELLED,     /* the caller asked to stop (progress callback) */
} gig_error_code;

GIG_API GQuark gig_error_quark(void);

/* Short stable name of a code ("invalid-input", "db-busy"), for JSON output. */
GIG_API const char *gig_error_code_name(int code);

GIG_END_DECLS

#endif
