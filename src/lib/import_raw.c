/*
 * import_raw.c: the records an import read, kept compressed with their batch.
 *
 * A transaction's provenance is its batch, line number and the record as read.
 * The record text used to be stored in every row (transactions.raw): at 1M rows
 * that was 44 MB, 44% of the table, written twice (WAL and checkpoint).  Now the
 * reading thread collects the records into chunks of about CHUNK_TEXT bytes,
 * each entry "LINE\0TEXT\0" (records never hold a NUL byte: the reader refuses
 * them), compresses each chunk with zlib at level 1 (GIO's GZlibCompressor; the
 * 1M-row benchmark export shrinks 7x) and the storing thread writes it to
 * import_raw (sql/0008).  gig_import_raw_row() finds a transaction's record
 * again: its own raw column when an older import filled it, else the chunk of
 * its batch that covers its line.
 *
 * The compression runs on the storing thread, in gig__raw_chunk_store(): on the
 * 1M-row benchmark the reading thread spent 16,200 instructions a row (2,400 of
 * them in zlib) and the storing thread 12,500, so zlib belongs with the latter.
 */
#include <gio/gio.h>
#include <stdio.h>
#include <string.h>

#include "db.h"
#include "import_internal.h"

#define CHUNK_TEXT (256 * 1024)

struct gig__raw_chunker {
	GString *text;
	int64_t first, last;
};

gig__raw_chunker *
gig__raw_chunker_new(void)
{
	gig__raw_chunker *k = g_new0(gig__raw_chunker, 1);
	k->text = g_string_sized_new(CHUNK_TEXT + 4096);
	return k;
}

void
gig__raw_chunker_free(gig__raw_chunker *k)
{
	if (k == NULL)
		return;
	g_string_free(k->text, TRUE);
	g_free(k);
}

/* zlib (RFC 1950) of `len` bytes at `data`, at `level`. */
static GBytes *
deflate_bytes(const void *data, size_t len)
{
	g_autoptr(GZlibCompressor) z = g_zlib_compressor_new(G_ZLIB_COMPRESSOR_FORMAT_ZLIB, 1);
	GByteArray *out = g_byte_array_sized_new((guint)(len / 4 + 64));
	const guint8 *in = data;
	size_t left = len;
	guint8 buf[16384];
	for (;;) {
		gsize read = 0, written = 0;
		GConverterResult r =
		    g_converter_convert(G_CONVERTER(z), in, left, buf, sizeof buf,
		                        G_CONVERTER_INPUT_AT_END, &read, &written, NULL);
		g_byte_array_append(out, buf, (guint)written);
		in += read;
		left -= read;
		if (r == G_CONVERTER_FINISHED || r == G_CONVERTER_ERROR)
			break; /* a compressor only fails when out of memory, which aborts */
	}
	return g_byte_array_free_to_bytes(out);
}

bool
gig__raw_chunker_add(gig__raw_chunker *k, int64_t line, const char *text)
{
	if (k->text->len == 0)
		k->first = line;
	k->last = line;
	/* the line number in decimal and its NUL, without printf (once per row) */
	char num[24];
	size_t i = sizeof num;
	num[--i] = '\0';
	uint64_t u = line < 0 ? 0 : (uint64_t)line;
	do {
		num[--i] = (char)('0' + u % 10);
		u /= 10;
	} while (u != 0);
	gig__str_add(k->text, num + i, sizeof num - i);
	const char *t = text ? text : "";
	gig__str_add(k->text, t, strlen(t) + 1);
	return k->text->len >= CHUNK_TEXT;
}

bool
gig__raw_chunker_take(gig__raw_chunker *k, gig__raw_chunk *out)
{
	if (k->text->len == 0)
		return false;
	out->first_line = k->first;
	out->last_line = k->last;
	out->text = g_bytes_new(k->text->str, k->text->len);
	g_string_truncate(k->text, 0);
	return true;
}

/* The chunk's text again; NULL when the blob is not a zlib stream. */
static GBytes *
inflate_bytes(const void *data, size_t len, GError **error)
{
	g_autoptr(GZlibDecompressor) z = g_zlib_decompressor_new(G_ZLIB_COMPRESSOR_FORMAT_ZLIB);
	GByteArray *out = g_byte_array_sized_new((guint)(len * 8 + 64));
	const guint8 *in = data;
	size_t left = len;
	guint8 buf[65536];
	for (;;) {
		gsize read = 0, written = 0;
		GError *e = NULL;
		GConverterResult r =
		    g_converter_convert(G_CONVERTER(z), in, left, buf, sizeof buf,
		                        G_CONVERTER_INPUT_AT_END, &read, &written, &e);
		if (r == G_CONVERTER_ERROR) {
			g_set_error(error, GIG_ERROR, GIG_ERROR_DB_CORRUPT,
			            "a stored chunk of imported records is damaged: %s",
			            e->message);
			g_error_free(e);
			g_byte_array_unref(out);
			return NULL;
		}
		g_byte_array_append(out, buf, (guint)written);
		in += read;
		left -= read;
		if (r == G_CONVERTER_FINISHED)
			break;
	}
	return g_byte_array_free_to_bytes(out);
}

bool
gig__raw_chunk_store(sqlite3 *db, int64_t batch_id, const gig__raw_chunk *chunk, GError **error)
{
	g_autoptr(sqlite3_stmt) st = NULL;
	if (!gig__db_prepare(db,
	                     "INSERT INTO import_raw(batch_id, first_line, last_line, zdata)"
	                     " VALUES (?1, ?2, ?3, ?4)",
	                     &st, error))
		return false;
	gsize len = 0;
	const void *text = g_bytes_get_data(chunk->text, &len);
	g_autoptr(GBytes) zdata = deflate_bytes(text, len);
	gsize n = 0;
	const void *z = g_bytes_get_data(zdata, &n);
	sqlite3_bind_int64(st, 1, batch_id);
	sqlite3_bind_int64(st, 2, chunk->first_line);
	sqlite3_bind_int64(st, 3, chunk->last_line);
	sqlite3_bind_blob64(st, 4, z, n, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	if (rc != SQLITE_DONE)
		return gig__db_fail(db, rc, "storing the records read", error);
	return true;
}

bool
gig_import_raw_row(gig_ledger *ledger, int64_t txn_id, char **out, GError **error)
{
	g_return_val_if_fail(ledger != NULL && out != NULL, false);
	sqlite3 *db = gig__ledger_db(ledger);
	g_autoptr(sqlite3_stmt) st = NULL;
	if (!gig__db_prepare(db, "SELECT raw, batch_id, line_no FROM transactions WHERE id = ?1",
	                     &st, error))
		return false;
	sqlite3_bind_int64(st, 1, txn_id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_DONE) {
		g_set_error(error, GIG_ERROR, GIG_ERROR_NOT_FOUND,
		            "no transaction %" G_GINT64_FORMAT, txn_id);
		return false;
	}
	if (rc != SQLITE_ROW)
		return gig__db_fail(db, rc, "reading the transaction", error);
	if (sqlite3_column_type(st, 0) != SQLITE_NULL) {
		*out = g_strdup((const char *)sqlite3_column_text(st, 0));
		return true;
	}
	if (sqlite3_column_type(st, 1) == SQLITE_NULL ||
	    sqlite3_column_type(st, 2) == SQLITE_NULL) {
		g_set_error(error, GIG_ERROR, GIG_ERROR_NOT_FOUND,
		            "transaction %" G_GINT64_FORMAT " was not imported from a file",
		            txn_id);
		return false;
	}
	int64_t batch = sqlite3_column_int64(st, 1), line = sqlite3_column_int64(st, 2);
	g_autoptr(sqlite3_stmt) ch = NULL;
	if (!gig__db_prepare(db,
	                     "SELECT zdata FROM import_raw WHERE batch_id = ?1 AND first_line <= ?2"
	                     " AND last_line >= ?2 ORDER BY first_line DESC LIMIT 1",
	                     &ch, error))
		return false;
	sqlite3_bind_int64(ch, 1, batch);
	sqlite3_bind_int64(ch, 2, line);
	rc = sqlite3_step(ch);
	if (rc == SQLITE_ROW) {
		g_autoptr(GBytes) text = inflate_bytes(sqlite3_column_blob(ch, 0),
		                                       (size_t)sqlite3_column_bytes(ch, 0), error);
		if (text == NULL)
			return false;
		gsize n = 0;
		const char *p = g_bytes_get_data(text, &n), *end = p + n;
		char want[24];
		snprintf(want, sizeof want, "%" G_GINT64_FORMAT, line);
		while (p < end) {
			const char *num = p;
			const char *body = memchr(p, '\0', (size_t)(end - p));
			const char *stop =
			    body ? memchr(body + 1, '\0', (size_t)(end - body - 1)) : NULL;
			if (stop == NULL)
				break;
			if (strcmp(num, want) == 0) {
				*out = g_strdup(body + 1);
				return true;
			}
			p = stop + 1;
		}
	} else if (rc != SQLITE_DONE) {
		return gig__db_fail(db, rc, "reading the records of an import", error);
	}
	g_set_error(error, GIG_ERROR, GIG_ERROR_NOT_FOUND,
	            "the record of transaction %" G_GINT64_FORMAT " (import %" G_GINT64_FORMAT
	            ", line %" G_GINT64_FORMAT ") is not stored",
	            txn_id, batch, line);
	return false;
}
