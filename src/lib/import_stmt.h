/*
 * import_stmt.h (private): bank statement formats that are not CSV (OFX/QFX,
 * CAMT.053, QIF, MT940).
 *
 * A reader turns the whole file (decoded to UTF-8) into a gig__stmt: the
 * transactions as gig_csv_row values in file order (line = where the record
 * starts, raw = the record's own text), the currency and the balances the
 * file states.  The importer then hands those rows to the same pipeline as
 * CSV rows (import_rows.c: fingerprints with the occurrence index, pending,
 * running checks; import_db.c: dedup, transfers, invoices, undo), so a
 * statement file behaves exactly like a CSV export of the same rows.
 *
 * Errors: INVALID_INPUT, "FILE:LINE: what is wrong" (a bad amount or date
 * quoting the value and the expected shape, a required element missing, a
 * truncated file), OVERFLOW for an amount beyond GIG_AMOUNT_MAX.
 */
#ifndef GIG_IMPORT_STMT_H
#define GIG_IMPORT_STMT_H

#include <stdbool.h>
#include <stdint.h>

#include "import_internal.h"

typedef enum {
	GIG__FMT_CSV = 0,
	GIG__FMT_OFX,
	GIG__FMT_CAMT,
	GIG__FMT_QIF,
	GIG__FMT_MT940
} gig__format;

/* The format of a file from its first bytes (up to a few KiB): by content only. */
gig__format gig__format_sniff(const char *head, size_t n);

typedef struct {
	const char *path;        /* for messages (borrowed) */
	char def_currency[4];    /* for files that name none (QIF) */
	const char *date_format; /* --date-format, or NULL */
	char *format;            /* "OFX 1.02 (SGML)", "CAMT.053.001.02", "QIF (Bank)", "MT940" */
	char *date_rule;         /* how dates were read, for the guesses */
	char *sign_rule;         /* how the sign was read */
	char *account;           /* the statement's account id, or NULL */
	char decimal_mark;
	GPtrArray *rows; /* gig_csv_row*, file order */
	/* the closing balance the file states (the latest one) */
	bool has_closing;
	int64_t closing_minor;
	gig_date closing_on;
	/* statements whose opening balance plus their rows is not their closing one */
	GPtrArray *breaks; /* gig_balance_break* */
} gig__stmt;

gig__stmt *gig__stmt_new(const char *path, const char *def_currency);
void gig__stmt_free(gig__stmt *st);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(gig__stmt, gig__stmt_free)

/*
 * Reads `len` bytes of UTF-8 text (NUL-terminated at text[len]) as the format
 * `f` into `st`.  Each reader is a fuzzing entry point: any bytes are safe.
 */
bool gig__ofx_read(gig__stmt *st, const char *text, size_t len, GError **error);
bool gig__camt_read(gig__stmt *st, const char *text, size_t len, GError **error);
bool gig__qif_read(gig__stmt *st, const char *text, size_t len, GError **error);
bool gig__mt940_read(gig__stmt *st, const char *text, size_t len, GError **error);

/*
 * The whole file at `path` as format `f`: read, decoded (UTF-8, else
 * `encoding` or Windows-1252), parsed.  *encoding_out gets what was used.
 */
bool gig__stmt_load(gig__stmt *st, gig__format f, const char *encoding, char **encoding_out,
                    GError **error);
/* The same from bytes in memory (the fuzz targets). */
bool gig__stmt_parse(gig__stmt *st, gig__format f, const char *bytes, size_t len,
                     const char *encoding, char **encoding_out, GError **error);

/* ---- helpers shared by the readers (import_stmt.c) --------------------- */

/* Adds a posted (or pending) row; text is cleaned (blanks collapsed, trimmed). */
void gig__stmt_add(gig__stmt *st, int64_t line, gig_date on, int64_t amount, const char *cur,
                   const char *payee, const char *memo, const char *id, const char *raw,
                   size_t raw_len, bool pending);
/*
 * A decimal amount with an optional sign ("-12.50", "+3", "1234,5") in minor
 * units of currency `cur`; `mark` is the decimal mark ('.' or ','; 0 = either,
 * when only one of them appears).  INVALID_INPUT "FILE:LINE: WHAT 'text' is not
 * an amount (...)" or OVERFLOW.
 */
bool gig__stmt_amount(const gig__stmt *st, int64_t line, const char *what, const char *text,
                      char mark, const char *cur, int64_t *out, GError **error);
/* YYYY-MM-DD or YYYYMMDD at the start of text (what may follow is not looked at). */
bool gig__stmt_iso_date(const char *text, bool dashes, gig_date *out);
/* INVALID_INPUT "FILE:LINE: message". */
bool gig__stmt_fail(const gig__stmt *st, int64_t line, GError **error, const char *fmt, ...)
    G_GNUC_PRINTF(4, 5);
/* Checks opening + the statement's booked rows = closing; records a break otherwise. */
void gig__stmt_check(gig__stmt *st, int64_t opening, int64_t sum, int64_t closing, int64_t line,
                     const char *what);
/* A currency code the file gives (3 letters), normalised; false when it is none. */
bool gig__stmt_currency(const char *text, char out[4]);

/* ---- the scan's side ---------------------------------------------------- */

/* The format of the file at `path` from its first bytes (CSV when unreadable). */
gig__format gig__format_of_file(const char *path);
/*
 * gig__scan_prepare() for a statement file: reads it whole, fills the guesses
 * (format included), the stated balance and the breaks between a statement's
 * opening and closing balances, and keeps its rows for gig__scan_run().
 */
bool gig__scan_prepare_stmt(gig__scan *s, gig__format f, GError **error);

#endif
