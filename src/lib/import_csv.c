/*
 * import_csv.c: the streaming CSV reader behind the importer (see import_csv.h).
 *
 * The file's SHA-256 is computed once, on a thread of its own started when
 * the file is opened (pread() at its own offsets on the same descriptor), so
 * that it overlaps the first pass instead of adding to it.
 *
 * Pipeline for one pass: fread() a raw chunk -> decode to UTF-8
 * (validate, or g_iconv with a carry-over for sequences cut by the chunk
 * boundary) -> split into physical lines -> csv_parse() each line -> the
 * libcsv callbacks append fields to a pool -> gig__csv_next() hands out
 * records from the pool.  Only one chunk's worth of records is held.
 */
#include <csv.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "import_csv.h"
#include "gigledger/error.h"

#define CHUNK (64 * 1024)
/* libcsv's state for "between records" (ROW_NOT_BEGUN in libcsv.c) */
#define LIBCSV_ROW_NOT_BEGUN 0
#define LIBCSV_FIELD_BEGUN 2

struct rec {
	size_t first, n;
	int64_t line, end_line;
};

struct gig__csv_reader {
	char *path;
	FILE *fp;
	int64_t size;
	char *encoding_name; /* for display */
	bool passthrough;    /* UTF-8: validate only */
	GIConv cd;
	size_t bom_len;

	struct csv_parser p;
	bool p_live;
	char delim;

	/* state of the current pass */
	unsigned char raw[CHUNK];
	GByteArray *carry; /* undecoded bytes cut by a chunk boundary */
	GString *text;     /* decoded UTF-8 of one chunk */
	int64_t line;      /* physical line being fed (1-based) */
	int64_t raw_done;  /* raw bytes read */
	bool pending_cr;
	bool sniffing; /* trying delimiters: stray quotes are expected */
	bool finished;
	int64_t rec_start;
	size_t rec_first;

	GString *pool;
	GArray *offs; /* size_t offsets of fields into pool */
	GArray *recs; /* struct rec */
	size_t served;
	GPtrArray *fields;
	gig__csv_record cur;

	int64_t long_line; /* start of a record past GIG__CSV_RECORD_MAX, 0 = none */
	bool too_long;     /* the pass ended at such a record */

	GThread *hasher; /* computing sha (hash_file); joined by gig__csv_sha256 */
	char *sha;
};

static void
on_field(void *s, size_t len, void *data)
{
	gig__csv_reader *r = data;
	/* one call to grow the pool (it also writes the NUL), then a plain copy */
	size_t off = r->pool->len;
	g_string_set_size(r->pool, off + len + 1);
	if (len > 0)
		memcpy(r->pool->str + off, s, len);
	r->pool->str[off + len] = '\0';
	g_array_append_val(r->offs, off);
}

static void
on_record(int c, void *data)
{
	(void)c;
	gig__csv_reader *r = data;
	struct rec rc = {
	    .first = r->rec_first,
	    .n = r->offs->len - r->rec_first,
	    .line = r->rec_start > 0 ? r->rec_start : r->line,
	    .end_line = r->line,
	};
	if (rc.n > 0 && r->long_line == 0 &&
	    r->pool->len - g_array_index(r->offs, size_t, rc.first) > GIG__CSV_RECORD_MAX)
		r->long_line = rc.line;
	g_array_append_val(r->recs, rc);
	r->rec_first = r->offs->len;
	r->rec_start = -1;
}

static int
space_not_tab(unsigned char c)
{
	return c == ' ';
}

static int
space_or_tab(unsigned char c)
{
	return c == ' ' || c == '\t';
}

void
gig__csv_free(gig__csv_reader *r)
{
	if (r == NULL)
		return;
	if (r->hasher) /* it reads through r->fp's descriptor */
		g_free(g_thread_join(r->hasher));
	if (r->fp)
		fclose(r->fp);
	if (r->p_live)
		csv_free(&r->p);
	if (!r->passthrough && r->cd != (GIConv)-1)
		g_iconv_close(r->cd);
	g_free(r->path);
	g_free(r->encoding_name);
	g_byte_array_unref(r->carry);
	g_string_free(r->text, TRUE);
	g_string_free(r->pool, TRUE);
	g_array_unref(r->offs);
	g_array_unref(r->recs);
	g_ptr_array_unref(r->fields);
	g_free(r->sha);
	g_free(r);
}

/* Length of a possibly cut UTF-8 sequence at the end of buf, else 0. */
static size_t
cut_utf8_tail(const unsigned char *p, size_t left)
{
	if (left == 0 || left > 3)
		return 0;
	unsigned char c = p[0];
	size_t need = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
	if (need <= left)
		return 0;
	for (size_t i = 1; i < left; i++)
		if ((p[i] & 0xC0) != 0x80)
			return 0;
	return left;
}

static bool
detect_encoding(gig__csv_reader *r, const unsigned char *b, size_t n, bool whole)
{
	if (n >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF) {
		r->passthrough = true;
		r->bom_len = 3;
		r->encoding_name = g_strdup("UTF-8 (BOM)");
		return true;
	}
	if (n >= 2 && ((b[0] == 0xFF && b[1] == 0xFE) || (b[0] == 0xFE && b[1] == 0xFF))) {
		r->bom_len = 2;
		r->encoding_name = g_strdup(b[0] == 0xFF ? "UTF-16LE" : "UTF-16BE");
		return false;
	}
	/* UTF-16 without a BOM: ASCII text leaves every other byte zero */
	size_t zero_even = 0, zero_odd = 0;
	for (size_t i = 0; i < n; i++) {
		if (b[i] == 0 && i % 2)
			zero_odd++;
		else if (b[i] == 0)
			zero_even++;
	}
	if (n >= 4 && (zero_odd > n / 4 || zero_even > n / 4)) {
		r->encoding_name = g_strdup(zero_odd > zero_even ? "UTF-16LE" : "UTF-16BE");
		return false;
	}
	const char *end = NULL;
	if (g_utf8_validate_len((const char *)b, n, &end) ||
	    (!whole && cut_utf8_tail((const unsigned char *)end,
	                             n - (size_t)((const unsigned char *)end - b)) > 0)) {
		r->passthrough = true;
		r->encoding_name = g_strdup("UTF-8");
		return true;
	}
	/* bytes Windows-1252 leaves undefined: Japanese or Chinese text, when it reads so */
	bool undefined = false;
	for (size_t i = 0; i < n && !undefined; i++)
		undefined =
		    b[i] == 0x81 || b[i] == 0x8D || b[i] == 0x8F || b[i] == 0x90 || b[i] == 0x9D;
	static const char *const cjk[] = {"CP932", "GB18030"};
	for (size_t k = 0; undefined && k < G_N_ELEMENTS(cjk); k++) {
		/* a prefix may end inside a character: allow one cut byte */
		size_t len = n;
		for (int cut = 0; cut < 2 && len > 0; cut++, len--) {
			g_autofree char *u = g_convert((const char *)b, (gssize)len, "UTF-8",
			                               cjk[k], NULL, NULL, NULL);
			if (u != NULL) {
				r->encoding_name = g_strdup(cjk[k]);
				return false;
			}
			if (whole)
				break;
		}
	}
	/* Cyrillic in Windows-1251: words made only of bytes 0xC0..0xFF, which
	 * Western text (an é or ü among ASCII letters) does not have */
	size_t high = 0, in_runs = 0, run = 0;
	for (size_t i = 0; i <= n; i++) {
		bool letter = i < n && b[i] >= 0xC0;
		high += i < n && b[i] >= 0x80;
		if (letter) {
			run++;
			continue;
		}
		if (run >= 4)
			in_runs += run;
		run = 0;
	}
	if (in_runs >= 20 && in_runs * 2 >= high) {
		r->encoding_name = g_strdup("WINDOWS-1251");
		return false;
	}
	/* C1 controls never occur in Latin-1 text; in Windows-1252 they are € — ’ ... */
	bool c1 = false;
	for (size_t i = 0; i < n && !c1; i++)
		c1 = b[i] >= 0x80 && b[i] <= 0x9F;
	r->encoding_name = g_strdup(c1 ? "WINDOWS-1252" : "ISO-8859-1");
	return false;
}

static bool
is_utf8_name(const char *e)
{
	return g_ascii_strcasecmp(e, "utf-8") == 0 || g_ascii_strcasecmp(e, "utf8") == 0;
}

/* Thread body: the hex SHA-256 of every byte of the file behind descriptor
 * `data`, or NULL when it cannot be read (the passes then report the error). */
static gpointer
hash_file(gpointer data)
{
	int fd = GPOINTER_TO_INT(data);
	g_autoptr(GChecksum) sum = g_checksum_new(G_CHECKSUM_SHA256);
	guchar *buf = g_malloc(256 * 1024);
	off_t at = 0;
	ssize_t n;
	while ((n = pread(fd, buf, 256 * 1024, at)) > 0 || (n < 0 && errno == EINTR)) {
		if (n < 0)
			continue;
		g_checksum_update(sum, buf, n);
		at += n;
	}
	g_free(buf);
	return n == 0 ? g_strdup(g_checksum_get_string(sum)) : NULL;
}

bool
gig__csv_open(gig__csv_reader **out, const char *path, const char *encoding, GError **error)
{
	g_return_val_if_fail(out != NULL && path != NULL, false);
	if (g_file_test(path, G_FILE_TEST_IS_DIR)) {
		g_set_error(error, GIG_ERROR, GIG_ERROR_INVALID_INPUT,
		            "%s is a directory; give the CSV file inside it", path);
		return false;
	}
	FILE *fp = fopen(path, "rb");
	if (fp == NULL) {
		int e = errno;
		g_set_error(error, GIG_ERROR, e == ENOENT ? GIG_ERROR_NOT_FOUND : GIG_ERROR_IO,
		            "%s: %s", path, g_strerror(e));
		return false;
	}
	gig__csv_reader *r = g_new0(gig__csv_reader, 1);
	r->fp = fp;
	r->path = g_strdup(path);
	r->cd = (GIConv)-1;
	r->carry = g_byte_array_new();
	r->text = g_string_sized_new(CHUNK * 2);
	r->pool = g_string_sized_new(CHUNK * 2);
	r->offs = g_array_new(FALSE, FALSE, sizeof(size_t));
	r->recs = g_array_new(FALSE, FALSE, sizeof(struct rec));
	r->fields = g_ptr_array_new();
	g_autoptr(gig__csv_reader) guard = r;

	if (fseek(fp, 0, SEEK_END) == 0) {
		long sz = ftell(fp);
		r->size = sz > 0 ? sz : 0;
	}
	rewind(fp);
	size_t n = fread(r->raw, 1, CHUNK, fp);
	if (ferror(fp)) {
		g_set_error(error, GIG_ERROR, GIG_ERROR_IO, "%s: read error", path);
		return false;
	}
	const char *from = NULL;
	if (encoding != NULL && *encoding != '\0') {
		r->encoding_name = g_ascii_strup(encoding, -1);
		const unsigned char *b = r->raw;
		if (is_utf8_name(encoding)) {
			r->passthrough = true;
			if (n >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF)
				r->bom_len = 3;
		} else {
			from = encoding;
			bool le = g_ascii_strcasecmp(encoding, "utf-16le") == 0;
			bool be = g_ascii_strcasecmp(encoding, "utf-16be") == 0;
			if (n >= 2 && ((le && b[0] == 0xFF && b[1] == 0xFE) ||
			               (be && b[0] == 0xFE && b[1] == 0xFF)))
				r->bom_len = 2;
		}
	} else if (!detect_encoding(r, r->raw, n, n < CHUNK)) {
		from = r->encoding_name;
	}
	if (from != NULL) {
		r->cd = g_iconv_open("UTF-8", from);
		if (r->cd == (GIConv)-1) {
			g_set_error(error, GIG_ERROR, GIG_ERROR_ENCODING,
			            "%s: unknown encoding '%s' (try UTF-8, UTF-16LE, WINDOWS-1252 "
			            "or ISO-8859-1)",
			            path, from);
			return false;
		}
	}
	r->hasher = g_thread_new("gig-file-hash", hash_file, GINT_TO_POINTER(fileno(fp)));
	*out = g_steal_pointer(&guard);
	return true;
}

const char *
gig__csv_encoding(const gig__csv_reader *r)
{
	return r->encoding_name;
}

const char *
gig__csv_path(const gig__csv_reader *r)
{
	return r->path;
}

int64_t
gig__csv_size(const gig__csv_reader *r)
{
	return r->size;
}

const char *
gig__csv_sha256(gig__csv_reader *r)
{
	if (r->hasher != NULL) {
		r->sha = g_thread_join(r->hasher);
		r->hasher = NULL;
	}
	return r->sha;
}

bool
gig__csv_rewind(gig__csv_reader *r, char delim, GError **error)
{
	if (r->p_live)
		csv_free(&r->p);
	if (csv_init(&r->p, CSV_APPEND_NULL) != 0) {
		r->p_live = false;
		g_set_error(error, GIG_ERROR, GIG_ERROR_FAILED, "out of memory");
		return false;
	}
	r->p_live = true;
	/* libcsv grows a field by one block at a time: large blocks keep a huge
	 * (hostile or broken) field linear instead of quadratic to read */
	csv_set_blk_size(&r->p, 64 * 1024);
	csv_set_delim(&r->p, (unsigned char)delim);
	csv_set_space_func(&r->p, delim == '\t' ? space_not_tab : space_or_tab);
	r->delim = delim;
	if (!r->passthrough)
		g_iconv(r->cd, NULL, NULL, NULL, NULL);
	if (fseek(r->fp, (long)r->bom_len, SEEK_SET) != 0) {
		g_set_error(error, GIG_ERROR, GIG_ERROR_IO, "%s: cannot seek", r->path);
		return false;
	}
	g_byte_array_set_size(r->carry, 0);
	g_string_truncate(r->pool, 0);
	g_array_set_size(r->offs, 0);
	g_array_set_size(r->recs, 0);
	r->served = 0;
	r->line = 1;
	r->raw_done = (int64_t)r->bom_len;
	r->pending_cr = false;
	r->finished = false;
	r->rec_start = -1;
	r->rec_first = 0;
	r->long_line = 0;
	r->too_long = false;
	return true;
}

/* Position (line, column) reached after the first `upto` bytes of decoded text. */
static void
position_in(const gig__csv_reader *r, const char *text, size_t upto, int64_t *line, int64_t *col)
{
	int64_t l = r->line, c = 1;
	for (size_t i = 0; i < upto; i++) {
		if (text[i] == '\n' ||
		    (text[i] == '\r' && (i + 1 >= upto || text[i + 1] != '\n'))) {
			l++;
			c = 1;
		} else if (((unsigned char)text[i] & 0xC0) != 0x80) {
			c++;
		}
	}
	*line = l;
	*col = c;
}

/*
 * Backslash-escaped quotes (`"QUOTES \"COMPANY\""`, as PHP and MySQL write
 * them): inside a quoted field, a `\"` whose quote cannot close the field (the
 * next character is neither the delimiter nor the end of the line) is the
 * escaped quote `""` of RFC 4180, which is what libcsv reads.  A `\"` that can
 * close the field (`"C:\",`) is left alone.  NULL when the piece has nothing
 * to rewrite; else a new string of *out_len bytes.
 */
static char *
unescape_backslash_quotes(const gig__csv_reader *r, const char *s, size_t len, size_t *out_len)
{
	const char *bs = memchr(s, '\\', len);
	while (bs != NULL && (bs + 1 >= s + len || bs[1] != '"'))
		bs = memchr(bs + 1, '\\', len - (size_t)(bs + 1 - s));
	if (bs == NULL)
		return NULL;
	bool in_q = r->p.pstate == LIBCSV_FIELD_BEGUN && r->p.quoted;
	bool field_start = r->p.pstate != LIBCSV_FIELD_BEGUN;
	GString *o = NULL;
	for (size_t k = 0; k < len; k++) {
		char c = s[k];
		if (!in_q) {
			if (c == '"' && field_start)
				in_q = true;
			else if (c != ' ' && c != '\t')
				field_start = c == r->delim || c == '\n' || c == '\r';
		} else if (c == '\\' && k + 2 < len && s[k + 1] == '"' && s[k + 2] != r->delim &&
		           s[k + 2] != '\n' && s[k + 2] != '\r') {
			if (o == NULL)
				o = g_string_new_len(s, (gssize)k);
			g_string_append(o, "\"\"");
			k++;
			continue;
		} else if (c == '"') {
			if (k + 1 < len && s[k + 1] == '"') {
				if (o != NULL)
					g_string_append(o, "\"\"");
				k++;
				continue;
			}
			in_q = false;
			field_start = false;
		}
		if (o != NULL)
			g_string_append_c(o, c);
	}
	if (o == NULL)
		return NULL;
	*out_len = o->len;
	return g_string_free(o, FALSE);
}

static bool
parse_piece(gig__csv_reader *r, const char *s, size_t len, GError **error)
{
	size_t n = 0;
	g_autofree char *fixed = unescape_backslash_quotes(r, s, len, &n);
	if (fixed != NULL) {
		s = fixed;
		len = n;
	}
	if (csv_parse(&r->p, s, len, on_field, on_record, r) != len) {
		g_set_error(error, GIG_ERROR, GIG_ERROR_INVALID_INPUT,
		            "%s:%" G_GINT64_FORMAT ": %s", r->path, r->line,
		            csv_strerror(csv_error(&r->p)));
		return false;
	}
	return true;
}

/*
 * A whole line without any quote character, between records: split it the
 * way libcsv would (fields at each delimiter, blanks around an unquoted field
 * dropped, a blank line is no record) without its per-byte state machine.
 */
static void
split_plain_line(gig__csv_reader *r, const char *s, size_t len, char term)
{
	int (*blank)(unsigned char) = r->delim == '\t' ? space_not_tab : space_or_tab;
	size_t i = 0;
	while (i < len && blank((unsigned char)s[i]))
		i++;
	if (i == len)
		return; /* libcsv submits no empty rows */
	size_t start = 0;
	for (;;) {
		const char *d = memchr(s + start, r->delim, len - start);
		size_t end = d ? (size_t)(d - s) : len;
		size_t a = start, b = end;
		while (a < b && blank((unsigned char)s[a]) && s[a] != r->delim)
			a++;
		while (b > a && blank((unsigned char)s[b - 1]))
			b--;
		on_field((void *)(s + a), b - a, r);
		if (d == NULL)
			break;
		start = end + 1;
	}
	on_record((unsigned char)term, r);
}

/* False (INVALID_INPUT) once a record, ended or still being read, is too long. */
static bool
record_fits(gig__csv_reader *r, GError **error)
{
	int64_t line = r->long_line;
	size_t now = r->p.entry_pos;
	if (r->offs->len > r->rec_first)
		now += r->pool->len - g_array_index(r->offs, size_t, r->rec_first);
	if (line == 0 && now > GIG__CSV_RECORD_MAX)
		line = r->rec_start > 0 ? r->rec_start : r->line;
	if (line == 0)
		return true;
	r->too_long = true;
	g_set_error(error, GIG_ERROR, GIG_ERROR_INVALID_INPUT,
	            "%s:%" G_GINT64_FORMAT ": a record longer than 1 MiB (%d bytes) starts here; "
	            "bank exports have short rows: is this a CSV export, or is a quote never "
	            "closed?",
	            r->path, line, GIG__CSV_RECORD_MAX);
	return false;
}

/* Feeds decoded text to libcsv one physical line at a time. */
static bool
feed(gig__csv_reader *r, const char *s, size_t len, GError **error)
{
	size_t i = 0;
	if (r->pending_cr && len > 0) {
		r->pending_cr = false;
		if (s[0] == '\n') {
			if (!parse_piece(r, s, 1, error))
				return false;
			i = 1;
		}
	}
	while (i < len) {
		size_t j = i;
		while (j < len && s[j] != '\n' && s[j] != '\r')
			j++;
		/* C strings end at NUL: a NUL byte would silently cut a payee short */
		const char *nul = memchr(s + i, '\0', j - i);
		if (nul != NULL) {
			int64_t line, col;
			position_in(r, s + i, (size_t)(nul - (s + i)), &line, &col);
			g_set_error(error, GIG_ERROR, GIG_ERROR_ENCODING,
			            "%s:%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT
			            ": a NUL byte is not text; the file may be UTF-16 without a "
			            "byte-order mark (try --encoding UTF-16LE) or damaged",
			            r->path, line, col);
			return false;
		}
		/* a line with content starts a record unless libcsv is inside one */
		if (j > i && (r->rec_start < 0 || r->p.pstate == LIBCSV_ROW_NOT_BEGUN))
			r->rec_start = r->line;
		size_t end = j;
		bool ended = false;
		if (j < len) {
			ended = true;
			end = j + 1;
			if (s[j] == '\r') {
				if (j + 1 < len && s[j + 1] == '\n')
					end = j + 2;
				else if (j + 1 == len)
					r->pending_cr = true;
			}
		}
		if (ended && r->p.pstate == LIBCSV_ROW_NOT_BEGUN &&
		    memchr(s + i, '"', j - i) == NULL)
			split_plain_line(r, s + i, j - i, s[j]);
		else if (!parse_piece(r, s + i, end - i, error))
			return false;
		if (!record_fits(r, error))
			return false;
		if (ended)
			r->line++;
		i = end;
	}
	return true;
}

static bool
encoding_error(gig__csv_reader *r, size_t good, const char *why, GError **error)
{
	int64_t line, col;
	position_in(r, r->text->str, good, &line, &col);
	g_set_error(error, GIG_ERROR, GIG_ERROR_ENCODING,
	            "%s:%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT ": %s in %s text (pass --encoding "
	            "to read it differently)",
	            r->path, line, col, why, r->encoding_name);
	return false;
}

/* Decodes carry + data into r->text; keeps a cut sequence in carry. */
static bool
decode(gig__csv_reader *r, const unsigned char *data, size_t n, bool eof, GError **error)
{
	g_byte_array_append(r->carry, data, (guint)n);
	const unsigned char *in = r->carry->data;
	size_t left = r->carry->len;
	g_string_truncate(r->text, 0);
	if (r->passthrough) {
		const char *end = NULL;
		if (!g_utf8_validate_len((const char *)in, left, &end)) {
			size_t good = (size_t)((const unsigned char *)end - in);
			size_t cut =
			    eof ? 0 : cut_utf8_tail((const unsigned char *)end, left - good);
			g_string_append_len(r->text, (const char *)in, (gssize)good);
			if (cut == 0)
				return encoding_error(r, good, "invalid UTF-8", error);
			g_byte_array_remove_range(r->carry, 0, (guint)good);
			return true;
		}
		g_string_append_len(r->text, (const char *)in, (gssize)left);
		g_byte_array_set_size(r->carry, 0);
		return true;
	}
	g_string_set_size(r->text, left * 4 + 16);
	char *ip = (char *)in, *op = r->text->str;
	size_t il = left, ol = r->text->len;
	size_t rc = g_iconv(r->cd, &ip, &il, &op, &ol);
	int e = errno;
	g_string_set_size(r->text, (size_t)(op - r->text->str));
	if (rc == (size_t)-1 && (e == EILSEQ || (e == EINVAL && eof)))
		return encoding_error(r, r->text->len,
		                      e == EILSEQ ? "invalid byte" : "truncated character", error);
	g_byte_array_remove_range(r->carry, 0, (guint)(left - il));
	return true;
}

/* Drops served records but keeps the fields of a record still being read. */
static void
compact(gig__csv_reader *r)
{
	size_t keep = r->offs->len - r->rec_first;
	if (keep == 0) {
		g_string_truncate(r->pool, 0);
		g_array_set_size(r->offs, 0);
	} else {
		size_t base = g_array_index(r->offs, size_t, r->rec_first);
		memmove(r->pool->str, r->pool->str + base, r->pool->len - base);
		g_string_truncate(r->pool, r->pool->len - base);
		for (size_t i = 0; i < keep; i++)
			g_array_index(r->offs, size_t, i) =
			    g_array_index(r->offs, size_t, r->rec_first + i) - base;
		g_array_set_size(r->offs, keep);
	}
	r->rec_first = 0;
	g_array_set_size(r->recs, 0);
	r->served = 0;
}

static bool
fill(gig__csv_reader *r, GError **error)
{
	compact(r);
	size_t n = fread(r->raw, 1, CHUNK, r->fp);
	if (ferror(r->fp)) {
		g_set_error(error, GIG_ERROR, GIG_ERROR_IO, "%s: read error", r->path);
		return false;
	}
	r->raw_done += (int64_t)n;
	bool eof = n < CHUNK && feof(r->fp);
	if (!decode(r, r->raw, n, eof, error))
		return false;
	if (!feed(r, r->text->str, r->text->len, error))
		return false;
	if (eof) {
		/* libcsv only reports this in strict mode, which rejects too much else */
		if (!r->sniffing && r->p.pstate == LIBCSV_FIELD_BEGUN && r->p.quoted) {
			g_set_error(error, GIG_ERROR, GIG_ERROR_INVALID_INPUT,
			            "%s:%" G_GINT64_FORMAT ": a quoted field opened in this record "
			            "is never closed",
			            r->path, r->rec_start > 0 ? r->rec_start : r->line);
			return false;
		}
		if (csv_fini(&r->p, on_field, on_record, r) != 0) {
			g_set_error(error, GIG_ERROR, GIG_ERROR_INVALID_INPUT,
			            "%s:%" G_GINT64_FORMAT ": %s", r->path, r->line,
			            csv_strerror(csv_error(&r->p)));
			return false;
		}
		if (!record_fits(r, error))
			return false;
		r->finished = true;
	}
	return true;
}

bool
gig__csv_next(gig__csv_reader *r, const gig__csv_record **out, GError **error)
{
	while (r->served >= r->recs->len) {
		if (r->finished) {
			*out = NULL;
			return true;
		}
		if (!fill(r, error))
			return false;
	}
	const struct rec *rc = &g_array_index(r->recs, struct rec, r->served++);
	g_ptr_array_set_size(r->fields, (guint)rc->n);
	for (size_t i = 0; i < rc->n; i++)
		r->fields->pdata[i] = r->pool->str + g_array_index(r->offs, size_t, rc->first + i);
	r->cur.n = rc->n;
	r->cur.f = (char **)r->fields->pdata;
	r->cur.line = rc->line;
	r->cur.end_line = rc->end_line;
	r->cur.offset = r->raw_done;
	*out = &r->cur;
	return true;
}

bool
gig__csv_sniff_delimiter(gig__csv_reader *r, char *out, GError **error)
{
	static const char cands[] = {',', ';', '\t', '|'};
	long best_score = -1;
	*out = ',';
	r->sniffing = true;
	for (size_t c = 0; c < G_N_ELEMENTS(cands); c++) {
		if (!gig__csv_rewind(r, cands[c], error))
			return false;
		/* histogram of field counts over the first records */
		size_t counts[64] = {0};
		const gig__csv_record *rec;
		for (int i = 0; i < 200; i++) {
			g_autoptr(GError) local = NULL;
			if (!gig__csv_next(r, &rec, &local)) {
				if (r->too_long)
					break; /* a quote this delimiter opens runs on: score what came before */
				r->sniffing = false;
				g_propagate_error(error, g_steal_pointer(&local));
				return false;
			}
			if (rec == NULL)
				break;
			counts[MIN(rec->n, G_N_ELEMENTS(counts) - 1)]++;
		}
		size_t mode = 1;
		for (size_t k = 2; k < G_N_ELEMENTS(counts); k++)
			if (counts[k] * (k - 1) > counts[mode] * (mode - 1))
				mode = k;
		long score = (long)(counts[mode] * (mode - 1));
		if (score > best_score) {
			best_score = score;
			*out = cands[c];
		}
	}
	r->sniffing = false;
	return true;
}
