/*
 * import_csv.h (private): a streaming CSV reader over libcsv.
 *
 * It reads raw bytes in fixed-size chunks, recognises a byte-order mark,
 * detects the encoding (UTF-8, UTF-16 LE/BE with BOM, Windows-1252 or
 * Latin-1) unless one is given, converts to UTF-8 on the fly, and hands
 * libcsv one physical line at a time so that every record knows the line it
 * started on.  CR, LF and CRLF all end a line; quoted fields may contain
 * delimiters and line breaks; rows may be ragged; the last record may lack
 * a newline.  Memory use does not depend on the file size.
 *
 * The same reader can be rewound and read again (the importer reads a file
 * in three passes: sniff a prefix, gather column statistics, convert).  The
 * SHA-256 of the raw bytes is available after a pass has reached the end.
 *
 * Errors raised: IO (open/read), ENCODING (bytes invalid in the encoding,
 * unknown encoding name), INVALID_INPUT (libcsv failure, a record longer than
 * GIG__CSV_RECORD_MAX).  Messages start with "FILE:LINE:COL:" or "FILE:LINE:"
 * where a position is known.
 */
#ifndef GIG_IMPORT_CSV_H
#define GIG_IMPORT_CSV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <glib.h>

/*
 * The longest record read, in bytes of UTF-8 text (its fields plus one byte
 * per field): 1 MiB.  A bank row is a few hundred bytes; a longer record is a
 * file that is no export, or a quote that is never closed, and reading it
 * whole would cost many times its size (a 100 MB field took 0.93 GB).  It is
 * refused as "FILE:LINE: a record longer than 1 MiB ...", LINE being where the
 * record starts, after at most about 1 MiB more than it has been read.
 */
#define GIG__CSV_RECORD_MAX (1024 * 1024)

typedef struct {
	size_t n;         /* number of fields */
	char **f;         /* NUL-terminated UTF-8 fields, valid until the next call */
	int64_t line;     /* physical line the record starts on (1-based) */
	int64_t end_line; /* physical line it ends on */
	int64_t offset;   /* raw bytes consumed so far (for progress) */
} gig__csv_record;

typedef struct gig__csv_reader gig__csv_reader;

/*
 * Opens `path`.  `encoding` is an iconv name to force ("UTF-16LE",
 * "latin1", ...) or NULL to detect from the first bytes.  An unknown name
 * is ENCODING.
 */
bool gig__csv_open(gig__csv_reader **out, const char *path, const char *encoding, GError **error);
void gig__csv_free(gig__csv_reader *r);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(gig__csv_reader, gig__csv_free)

/* What was detected or forced, e.g. "UTF-8 (BOM)", "WINDOWS-1252". Borrowed. */
const char *gig__csv_encoding(const gig__csv_reader *r);
const char *gig__csv_path(const gig__csv_reader *r);
/* Size of the file in bytes (for progress). */
int64_t gig__csv_size(const gig__csv_reader *r);
/* Hex SHA-256 of the raw file (waits for the thread computing it since the
 * file was opened), or NULL when the file could not be read through. */
const char *gig__csv_sha256(gig__csv_reader *r);

/*
 * Guesses the delimiter among ',' ';' TAB '|' from the first records: the
 * one that splits most records into the same number (> 1) of fields wins.
 */
bool gig__csv_sniff_delimiter(gig__csv_reader *r, char *out, GError **error);

/* Starts (or restarts) a pass from the first byte with `delim`. */
bool gig__csv_rewind(gig__csv_reader *r, char delim, GError **error);

/*
 * Next record of the current pass: *out is NULL at the end.  The record
 * and its fields are owned by the reader.
 */
bool gig__csv_next(gig__csv_reader *r, const gig__csv_record **out, GError **error);

#endif
