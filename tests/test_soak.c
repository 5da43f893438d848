/*
 * test_soak.c: the long randomised tests behind GIG_TEST_LONG=1.
 *
 *   import   every file of tests/data/bank-csv, mutated thousands of times
 *            (bit flips, inserted and deleted bytes, repeated, dropped and
 *            swapped lines, other delimiters, cuts, stray quotes, NULs and
 *            CRs, broken UTF-8, very long fields), parsed and imported into a
 *            fresh ledger each time;
 *   ledger   one ledger driven through a long random sequence of hand-entered
 *            and pending transactions, category changes, gigs added, paid and
 *            cancelled, imports and undos, its derived data checked after
 *            every single step;
 *   forecast random monthly series (empty to 300 months, intermittent,
 *            negative, constant, up to 1e12) through the method choice, the
 *            bootstrap runway and the risk-aware salary.
 *
 * Everything is driven by SplitMix64 from one seed, and each import
 * iteration and each forecast series has its own derived seed, so a failure
 * printed here can be replayed alone.  Environment:
 *
 *   GIG_TEST_LONG=1      run at all (otherwise every case is skipped)
 *   GIG_SOAK_CASE=GLOB   run only the matching cases (e.g. "*import*")
 *   GIG_SOAK_SEED=N      base seed (default below)
 *   GIG_SOAK_SECONDS=N   wall-clock cap per case (default 150); a case stops
 *                        early at the cap and says how far it got
 *   GIG_SOAK_ONLY=F:I    import case: only corpus file F, iteration I
 *   GIG_SOAK_INPUT=PATH  import case: only check the saved input PATH, in
 *                        this process (the way to replay a reproducer)
 *   GIG_SOAK_INPUT_SECONDS=N  import case: limit per input (default 60)
 *   GIG_SOAK_FORK=0      import case: no child process per input
 *   GIG_SOAK_KEEP=DIR    where failing import inputs are copied (default
 *                        $TMPDIR/gig-soak-failures)
 *   GIG_SOAK_SPEC=N      imports decide formats from their first N records and
 *                        check at the end (import_scan.c; default: the library's
 *                        10,000, which the mutated corpus files never reach)
 *   GIG_SOAK_BULK=1      imports use the rollback journal of big files whatever
 *                        the size (import_db.c (9))
 *
 * Invariant failures are collected rather than fatal at once, so that one
 * run lists several.  Each import input is read in a child process: a
 * crash, a sanitizer report or a hang becomes one more finding (with the
 * input kept) and the run goes on.  The ledger and forecast cases run in
 * process; a crash there ends the run.
 *
 * Why skip() plus exit status 77 rather than registering this test only
 * when GIG_TEST_LONG is set at configure time: the program is then built
 * (and held to -Werror) in every configuration, so it cannot rot unseen,
 * and the switch is read when the test runs, so `GIG_TEST_LONG=1 ctest`
 * works in an existing build directory without reconfiguring.  ctest shows
 * the default run as "Skipped" through SKIP_RETURN_CODE in
 * tests/CMakeLists.txt; cmocka alone would report a skipped group as passed.
 */
#include <errno.h>
#include <glib/gstdio.h>
#include <inttypes.h>
#include <signal.h>
#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gigledger/forecast.h>

#include "db.h"
#include "import_helpers.h"

#define SOAK_SKIP_STATUS 77
#define SOAK_DEFAULT_SEED UINT64_C(0x676967736f616b31)
#define SOAK_MAX_FILE (2 * 1024 * 1024)
#define SOAK_MAX_REPORTED 40

/* ---- shared plumbing ---------------------------------------------------- */

static bool
soak_enabled(void)
{
	return g_strcmp0(g_getenv("GIG_TEST_LONG"), "1") == 0;
}

#define SOAK_SKIP_UNLESS_ENABLED()                                                                 \
	do {                                                                                       \
		if (!soak_enabled()) {                                                             \
			print_message("set GIG_TEST_LONG=1 to run\n");                             \
			skip();                                                                    \
		}                                                                                  \
	} while (0)

static uint64_t
soak_seed(void)
{
	const char *s = g_getenv("GIG_SOAK_SEED");
	return s != NULL && *s != '\0' ? g_ascii_strtoull(s, NULL, 0) : SOAK_DEFAULT_SEED;
}

static double
soak_seconds(void)
{
	const char *s = g_getenv("GIG_SOAK_SECONDS");
	double v = s != NULL ? g_ascii_strtod(s, NULL) : 0;
	return v > 0 ? v : 150;
}

/* Seed of one unit of work (file f, iteration i, or series i with f = 0). */
static uint64_t
derive_seed(uint64_t base, uint64_t f, uint64_t i)
{
	gig_splitmix64 r;
	gig_splitmix64_seed(&r, base ^ (f * UINT64_C(0x9e3779b97f4a7c15)) ^ (i << 20) ^ i);
	return gig_splitmix64_next(&r);
}

static uint32_t
rnd_below(gig_splitmix64 *r, uint32_t n)
{
	return n == 0 ? 0 : gig_splitmix64_index(r, n);
}

static bool
rnd_chance(gig_splitmix64 *r, uint32_t percent)
{
	return rnd_below(r, 100) < percent;
}

static double
rnd_unit(gig_splitmix64 *r)
{
	return (double)(gig_splitmix64_next(r) >> 11) * 0x1.0p-53;
}

/* Uniform in [lo, hi] (hi - lo < 2^32). */
static int64_t
rnd_range(gig_splitmix64 *r, int64_t lo, int64_t hi)
{
	return lo + (int64_t)rnd_below(r, (uint32_t)(hi - lo + 1));
}

/* Collected invariant failures of one case. */
typedef struct {
	int count;
	GString *log;
} soak_failures;

static void G_GNUC_PRINTF(2, 3) record_failure(soak_failures *f, const char *fmt, ...)
{
	f->count++;
	if (f->count > SOAK_MAX_REPORTED)
		return;
	va_list ap;
	va_start(ap, fmt);
	g_string_append(f->log, "  - ");
	g_string_append_vprintf(f->log, fmt, ap);
	g_string_append_c(f->log, '\n');
	va_end(ap);
}

static void
finish_failures(soak_failures *f, const char *what)
{
	if (f->count > 0) {
		/* straight to stderr: cmocka's print_error() cuts long messages */
		fprintf(stderr, "%s: %d invariant failure(s)%s:\n%s", what, f->count,
		        f->count > SOAK_MAX_REPORTED ? " (first ones listed)" : "", f->log->str);
		fflush(stderr);
		g_string_free(f->log, TRUE);
		fail_msg("%s: %d invariant failure(s)", what, f->count);
	}
	g_string_free(f->log, TRUE);
}

static const char *
error_text(const GError *e)
{
	return e != NULL && e->message != NULL ? e->message : "(no error)";
}

/*
 * The error contract of a failed call: a GError in GIG_ERROR with a known
 * code and a non-empty message, and *out left alone.  Returns a description
 * of what is wrong, or NULL.
 */
static char *
error_contract(bool ok, const void *out, const GError *e)
{
	if (ok)
		return e != NULL ? g_strdup_printf("succeeded but set an error (%s)", e->message)
		                 : NULL;
	if (out != NULL)
		return g_strdup("failed but filled *out");
	if (e == NULL)
		return g_strdup("failed without a GError");
	if (e->domain != GIG_ERROR)
		return g_strdup_printf("error in domain %s, not GIG_ERROR: %s",
		                       g_quark_to_string(e->domain), error_text(e));
	if (e->code < GIG_ERROR_FAILED || e->code > GIG_ERROR_CANCELLED)
		return g_strdup_printf("unknown error code %d: %s", e->code, error_text(e));
	if (e->message == NULL || e->message[0] == '\0')
		return g_strdup_printf("error code %d with an empty message", e->code);
	return NULL;
}

static int64_t
sql_int(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		fail_msg("%s: %s", sql, sqlite3_errmsg(db));
	int64_t v = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : INT64_MIN;
	sqlite3_finalize(st);
	return v;
}

/* sql_int() without cmocka's fail(): INT64_MIN when the query cannot run. */
static int64_t
sql_int_quiet(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		return INT64_MIN;
	int64_t v = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : INT64_MIN;
	sqlite3_finalize(st);
	return v;
}

static gig_account *
account_named(gig_ledger *ledger, const char *name)
{
	g_autoptr(GPtrArray) list = NULL;
	GError *e = NULL;
	if (!gig_ledger_accounts(ledger, &list, &e)) {
		g_clear_error(&e);
		return NULL;
	}
	for (guint i = 0; i < list->len; i++) {
		gig_account *a = list->pdata[i];
		if (strcmp(a->name, name) == 0) {
			list->pdata[i] = NULL;
			return a;
		}
	}
	return NULL;
}

/* ---- import fuzzing ----------------------------------------------------- */

typedef struct {
	char *name;
	GBytes *bytes;
} corpus_file;

static void
corpus_file_free(gpointer p)
{
	corpus_file *c = p;
	g_free(c->name);
	g_bytes_unref(c->bytes);
	g_free(c);
}

static int
corpus_cmp(gconstpointer a, gconstpointer b)
{
	const corpus_file *x = *(corpus_file *const *)a;
	const corpus_file *y = *(corpus_file *const *)b;
	return strcmp(x->name, y->name);
}

/* Every .csv file of tests/data/bank-csv, sorted by name. */
static GPtrArray *
load_corpus(void)
{
	g_autofree char *dir = gig_test_data_path("bank-csv");
	GError *e = NULL;
	GDir *d = g_dir_open(dir, 0, &e);
	gig_assert_ok(d != NULL, e);
	GPtrArray *out = g_ptr_array_new_with_free_func(corpus_file_free);
	const char *name;
	while ((name = g_dir_read_name(d)) != NULL) {
		if (!g_str_has_suffix(name, ".csv"))
			continue;
		g_autofree char *path = g_build_filename(dir, name, NULL);
		char *data = NULL;
		gsize len = 0;
		bool ok = g_file_get_contents(path, &data, &len, &e);
		gig_assert_ok(ok, e);
		corpus_file *c = g_new0(corpus_file, 1);
		c->name = g_strdup(name);
		c->bytes = g_bytes_new_take(data, len);
		g_ptr_array_add(out, c);
	}
	g_dir_close(d);
	g_ptr_array_sort(out, corpus_cmp);
	assert_true(out->len > 0);
	return out;
}

static void
buf_insert(GByteArray *b, size_t pos, const void *data, size_t n)
{
	size_t old = b->len;
	if (n == 0)
		return; /* data may be NULL then (an empty line copied) */
	if (pos > old)
		pos = old;
	g_byte_array_set_size(b, (guint)(old + n));
	memmove(b->data + pos + n, b->data + pos, old - pos);
	memcpy(b->data + pos, data, n);
}

static void
buf_remove(GByteArray *b, size_t pos, size_t n)
{
	if (pos >= b->len)
		return;
	if (n > b->len - pos)
		n = b->len - pos;
	g_byte_array_remove_range(b, (guint)pos, (guint)n);
}

/* The line around `pos`: [*start, *end), end past its '\n' if there is one. */
static void
line_around(const GByteArray *b, size_t pos, size_t *start, size_t *end)
{
	size_t s = pos < b->len ? pos : b->len;
	while (s > 0 && b->data[s - 1] != '\n')
		s--;
	size_t e = pos < b->len ? pos : b->len;
	while (e < b->len && b->data[e] != '\n')
		e++;
	if (e < b->len)
		e++;
	*start = s;
	*end = e;
}

static size_t
rnd_pos(gig_splitmix64 *r, const GByteArray *b)
{
	return rnd_below(r, b->len + 1);
}

/* Tokens that tend to sit on the edges of the sniffers' rules. */
static const char *const interesting[] = {
    "\"",
    "\"\"",
    ",",
    ";",
    "\t",
    "-",
    "+",
    "(",
    ")",
    "$",
    "\xe2\x82\xac",
    "'",
    "0",
    "-0.00",
    "1e308",
    "NaN",
    "99999999999999999999",
    "92233720368547758.07",
    "-92233720368547758.08",
    "1.234.567,89",
    "1,234,567.89",
    "31/02/2024",
    "2024-02-30",
    "00/00/0000",
    "9999-12-31",
    "29.02.2023",
    "=SUM(A1:A2)",
    "\xef\xbb\xbf",
    "\xff\xfe",
    "\xfe\xff",
    "Pending",
    "Booked",
    "Date,Payee,Amount\n",
    "\r\n",
    "\n\n\n",
    "\xc3",
    "\xed\xa0\x80",
    "\xc0\xaf",
    "\xf4\x90\x80\x80",
    "\xe2\x80\x8f",
};

static void
mutate_once(GByteArray *b, gig_splitmix64 *r, const GPtrArray *corpus)
{
	size_t pos = rnd_pos(r, b);
	switch (rnd_below(r, 20)) {
	case 0: /* flip one bit */
		if (b->len > 0)
			b->data[pos % b->len] ^= (guint8)(1u << rnd_below(r, 8));
		break;
	case 1: /* overwrite a byte */
		if (b->len > 0)
			b->data[pos % b->len] = (guint8)rnd_below(r, 256);
		break;
	case 2: { /* insert random bytes */
		guint8 bytes[16];
		size_t n = 1 + rnd_below(r, sizeof bytes);
		for (size_t i = 0; i < n; i++)
			bytes[i] = (guint8)rnd_below(r, 256);
		buf_insert(b, pos, bytes, n);
		break;
	}
	case 3: /* delete a range */
		buf_remove(b, pos, 1 + rnd_below(r, rnd_chance(r, 80) ? 8 : 256));
		break;
	case 4: { /* repeat a line, once or many times */
		size_t s, e;
		line_around(b, pos, &s, &e);
		if (e > s) {
			g_autofree guint8 *line = g_memdup2(b->data + s, e - s);
			size_t times = rnd_chance(r, 90) ? 1 : 1 + rnd_below(r, 200);
			for (size_t i = 0; i < times && b->len < SOAK_MAX_FILE; i++)
				buf_insert(b, e, line, e - s);
		}
		break;
	}
	case 5: { /* drop a line */
		size_t s, e;
		line_around(b, pos, &s, &e);
		buf_remove(b, s, e - s);
		break;
	}
	case 6: { /* swap two lines */
		size_t s1, e1, s2, e2;
		line_around(b, pos, &s1, &e1);
		line_around(b, rnd_pos(r, b), &s2, &e2);
		if (s2 < s1) {
			size_t t = s1;
			s1 = s2;
			s2 = t;
			t = e1;
			e1 = e2;
			e2 = t;
		}
		if (e1 <= s2 && e1 > s1 && e2 > s2) {
			g_autofree guint8 *a = g_memdup2(b->data + s1, e1 - s1);
			g_autofree guint8 *c = g_memdup2(b->data + s2, e2 - s2);
			buf_remove(b, s2, e2 - s2);
			buf_insert(b, s2, a, e1 - s1);
			buf_remove(b, s1, e1 - s1);
			buf_insert(b, s1, c, e2 - s2);
		}
		break;
	}
	case 7: { /* another delimiter, everywhere or here and there */
		static const char delims[] = ",;\t|";
		char from = delims[rnd_below(r, 4)];
		char to = delims[rnd_below(r, 4)];
		bool all = rnd_chance(r, 50);
		for (size_t i = 0; i < b->len; i++)
			if (b->data[i] == (guint8)from && (all || rnd_chance(r, 30)))
				b->data[i] = (guint8)to;
		break;
	}
	case 8: /* truncate */
		g_byte_array_set_size(b, (guint)pos);
		break;
	case 9: /* a stray quote */
		buf_insert(b, pos, "\"", 1);
		break;
	case 10: /* a NUL */
		buf_insert(b, pos, "", 1);
		break;
	case 11: { /* CRs: one, or every line ending turned into CR or CRLF */
		uint32_t how = rnd_below(r, 3);
		if (how == 0) {
			buf_insert(b, pos, "\r", 1);
			break;
		}
		GByteArray *n = g_byte_array_sized_new(b->len + b->len / 16);
		for (size_t i = 0; i < b->len; i++) {
			if (b->data[i] == '\n') {
				g_byte_array_append(n, (const guint8 *)(how == 1 ? "\r" : "\r\n"),
				                    how == 1 ? 1 : 2);
			} else {
				g_byte_array_append(n, b->data + i, 1);
			}
		}
		g_byte_array_set_size(b, 0);
		g_byte_array_append(b, n->data, n->len);
		g_byte_array_unref(n);
		break;
	}
	case 12: { /* invalid UTF-8 */
		static const char *const bad[] = {
		    "\xff", "\xc3", "\xed\xa0\x80", "\xc0\xaf", "\xf8\x88\x80\x80\x80", "\xe2\x82"};
		const char *s = bad[rnd_below(r, G_N_ELEMENTS(bad))];
		buf_insert(b, pos, s, strlen(s));
		break;
	}
	case 13: { /* a very long field, bare or quoted */
		static const size_t sizes[] = {300, 4096, 70000, 600000};
		static const char fill[] = "A9 ,\"";
		size_t n = sizes[rnd_below(r, G_N_ELEMENTS(sizes))];
		if (b->len + n + 2 > SOAK_MAX_FILE)
			break;
		g_autofree char *big = g_malloc(n + 2);
		char ch = fill[rnd_below(r, 3)];
		memset(big + 1, ch, n);
		bool quoted = rnd_chance(r, 50);
		big[0] = big[n + 1] = '"';
		buf_insert(b, pos, quoted ? big : big + 1, quoted ? n + 2 : n);
		break;
	}
	case 14: { /* an edge-case token */
		const char *s = interesting[rnd_below(r, G_N_ELEMENTS(interesting))];
		buf_insert(b, pos, s, strlen(s));
		break;
	}
	case 15: { /* replace a digit by another (keeps the shape of dates and amounts) */
		for (size_t tries = 0; tries < 64 && b->len > 0; tries++) {
			size_t i = rnd_below(r, b->len);
			if (b->data[i] >= '0' && b->data[i] <= '9') {
				b->data[i] = (guint8)('0' + rnd_below(r, 10));
				break;
			}
		}
		break;
	}
	case 16: { /* a line from another export */
		const corpus_file *o = corpus->pdata[rnd_below(r, corpus->len)];
		gsize olen = 0;
		const guint8 *od = g_bytes_get_data(o->bytes, &olen);
		GByteArray tmp = {(guint8 *)od, (guint)olen};
		size_t s, e;
		line_around(&tmp, rnd_below(r, (uint32_t)olen + 1), &s, &e);
		g_autofree guint8 *line = g_memdup2(od + s, e - s);
		size_t ls, le;
		line_around(b, pos, &ls, &le);
		buf_insert(b, ls, line, e - s);
		break;
	}
	case 17: { /* a prefix: BOM, UTF-16 BOM, blank lines, a preamble */
		static const char *const pre[] = {"\xef\xbb\xbf", "\xff\xfe", "\n\n",
		                                  "Account: 123\n", "sep=;\n"};
		const char *s = pre[rnd_below(r, G_N_ELEMENTS(pre))];
		buf_insert(b, 0, s, strlen(s));
		break;
	}
	case 18: { /* change the sign or the decimal mark of one number */
		for (size_t tries = 0; tries < 64 && b->len > 1; tries++) {
			size_t i = rnd_below(r, b->len - 1);
			if (b->data[i] == '.' || b->data[i] == ',') {
				b->data[i] = b->data[i] == '.' ? ',' : '.';
				break;
			}
			if (b->data[i] == '-') {
				b->data[i] = rnd_chance(r, 50) ? '+' : ' ';
				break;
			}
		}
		break;
	}
	default: { /* duplicate a random chunk */
		size_t n = 1 + rnd_below(r, 512);
		if (pos + n > b->len)
			n = b->len - pos;
		if (n > 0 && b->len + n < SOAK_MAX_FILE) {
			g_autofree guint8 *chunk = g_memdup2(b->data + pos, n);
			buf_insert(b, rnd_pos(r, b), chunk, n);
		}
		break;
	}
	}
	if (b->len > SOAK_MAX_FILE)
		g_byte_array_set_size(b, SOAK_MAX_FILE);
}

/* The mutated input of one iteration (caller unrefs). */
static GByteArray *
mutated_input(const GPtrArray *corpus, guint file, uint64_t seed)
{
	gig_splitmix64 r;
	gig_splitmix64_seed(&r, seed);
	const corpus_file *c = corpus->pdata[file];
	gsize len = 0;
	const guint8 *data = g_bytes_get_data(c->bytes, &len);
	GByteArray *b = g_byte_array_sized_new((guint)len + 64);
	g_byte_array_append(b, data, (guint)len);
	uint32_t n = rnd_chance(&r, 10) ? 8 + rnd_below(&r, 24) : 1 + rnd_below(&r, 4);
	for (uint32_t i = 0; i < n; i++)
		mutate_once(b, &r, corpus);
	return b;
}

typedef struct {
	uint64_t iterations;
	uint64_t parsed_ok;
	uint64_t imported_ok;
	uint64_t rows_inserted;
	uint64_t codes[GIG_ERROR_CANCELLED + 1];
	uint64_t bytes;
} import_stats;

static void
remove_ledger_files(const char *path)
{
	static const char *const suffix[] = {"", "-journal", "-wal", "-shm"};
	for (size_t i = 0; i < G_N_ELEMENTS(suffix); i++) {
		g_autofree char *p = g_strconcat(path, suffix[i], NULL);
		g_remove(p);
	}
}

/* Sum of the posted amounts an import result says it added (new or settling a pending row). */
static bool
posted_sum_of_rows(const gig_import_result *r, int64_t *total, int64_t *new_posted)
{
	int64_t all = 0, fresh = 0;
	for (guint i = 0; r->rows != NULL && i < r->rows->len; i++) {
		const gig_csv_row *row = r->rows->pdata[i];
		bool posted_new = row->fate == GIG_ROW_NEW && !row->pending;
		if (posted_new && !gig_money_add(&fresh, fresh, row->amount_minor))
			return false;
		if ((posted_new || row->fate == GIG_ROW_REPLACED_PENDING) &&
		    !gig_money_add(&all, all, row->amount_minor))
			return false;
	}
	*total = all;
	*new_posted = fresh;
	return true;
}

/* True if the error code is one a bad input file may legitimately produce. */
static bool
input_error_code(int code)
{
	return code == GIG_ERROR_INVALID_INPUT || code == GIG_ERROR_ENCODING ||
	       code == GIG_ERROR_OVERFLOW || code == GIG_ERROR_AMBIGUOUS;
}

/*
 * One iteration: parse, import into a fresh ledger, re-import.  Problems go
 * to `f` prefixed with `tag`; returns false if anything was recorded.
 */
static bool
import_one(const char *dir, const char *input, const char *tag, import_stats *stats,
           soak_failures *f)
{
	int before = f->count;
	gig_import_options o = imp_opts(NULL);
	o.keep_rows = true;
	gig_import_result *p = NULL;
	GError *pe = NULL;
	bool pok = gig_csv_parse_file(input, &o, &p, &pe);
	g_autofree char *perr = error_contract(pok, p, pe);
	if (perr != NULL)
		record_failure(f, "%s: parse %s", tag, perr);
	if (!pok && pe != NULL && !input_error_code(pe->code))
		record_failure(f, "%s: parse failed with unexpected code %s: %s", tag,
		               gig_error_code_name(pe->code), pe->message);
	if (pok) {
		stats->parsed_ok++;
		if (p->rows == NULL)
			record_failure(f, "%s: parse kept no rows", tag);
	} else if (pe != NULL && pe->code >= 0 && pe->code <= GIG_ERROR_CANCELLED) {
		stats->codes[pe->code]++;
	}

	/* a ledger in the file's currency, so that a readable file can be imported */
	g_autofree char *ledger_path = g_build_filename(dir, "ledger.db", NULL);
	remove_ledger_files(ledger_path);
	gig_ledger *ledger = NULL;
	GError *e = NULL;
	const char *currency = pok ? p->currency : "EUR";
	if (!gig_ledger_create(&ledger, ledger_path, currency, &e)) {
		record_failure(f, "%s: the parse reported currency '%s' that a ledger refuses: %s",
		               tag, currency, error_text(e));
		g_clear_error(&e);
		currency = "EUR";
		if (!gig_ledger_create(&ledger, ledger_path, currency, &e)) {
			record_failure(f, "%s: cannot create a ledger: %s", tag, error_text(e));
			g_clear_error(&e);
			g_clear_error(&pe);
			gig_import_result_free(p);
			return false;
		}
	}
	gig_account_spec spec = {.name = "Bank",
	                         .kind = GIG_ACCOUNT_CHECKING,
	                         .opening_minor = 0,
	                         .opening_date = GIG_DATE_NONE};
	if (!gig_ledger_account_add(ledger, &spec, NULL, &e))
		record_failure(f, "%s: cannot add the account: %s", tag, error_text(e));
	g_clear_error(&e);
	sqlite3 *db = gig__ledger_db(ledger);

	o = imp_opts("Bank");
	o.keep_rows = true;
	gig_import_result *r = NULL;
	bool iok = gig_import_file(ledger, input, &o, &r, &e);
	g_autofree char *ierr = error_contract(iok, r, e);
	if (ierr != NULL)
		record_failure(f, "%s: import %s", tag, ierr);
	if (!iok && e != NULL && !input_error_code(e->code))
		record_failure(f, "%s: import failed with unexpected code %s: %s", tag,
		               gig_error_code_name(e->code), e->message);
	/* import.h: a parse has no account currency to check, an import refuses rows
	 * in another currency than its account's, so that difference is expected */
	bool other_currency = false;
	for (unsigned k = 0; pok && p->rows != NULL && k < p->rows->len; k++)
		other_currency |=
		    strcmp(((gig_csv_row *)p->rows->pdata[k])->currency, currency) != 0;
	if (pok && !iok && other_currency && e != NULL && e->code == GIG_ERROR_INVALID_INPUT &&
	    strstr(e->message, "but the account is in") != NULL)
		; /* expected: see above */
	else if (pok != iok)
		record_failure(f, "%s: parse %s but import %s (%s)", tag,
		               pok ? "succeeded" : "failed", iok ? "succeeded" : "failed",
		               error_text(pok ? e : pe));
	else if (!pok && pe != NULL && e != NULL && pe->code != e->code)
		record_failure(f, "%s: parse failed with %s, import with %s", tag,
		               gig_error_code_name(pe->code), gig_error_code_name(e->code));

	if (!iok) {
		/* nothing half-written */
		int64_t n = sql_int_quiet(db, "SELECT (SELECT count(*) FROM transactions) +"
		                              " (SELECT count(*) FROM import_batches)");
		if (n != 0)
			record_failure(f, "%s: a failed import left %" PRId64 " rows behind", tag,
			               n);
	} else {
		stats->imported_ok++;
		stats->rows_inserted += (uint64_t)(r->inserted + r->pending);
		int64_t expected = 0, fresh = 0;
		if (!posted_sum_of_rows(r, &expected, &fresh))
			record_failure(f,
			               "%s: the imported rows' amounts overflow int64 but the "
			               "import succeeded",
			               tag);
		if (fresh != r->sum_minor)
			record_failure(f,
			               "%s: sum_minor %" PRId64
			               " but the new posted rows add up to "
			               "%" PRId64,
			               tag, r->sum_minor, fresh);
		g_autoptr(gig_account) a = account_named(ledger, "Bank");
		if (a == NULL) {
			record_failure(f, "%s: the account list fails after the import", tag);
			goto out;
		}
		if (a->balance_minor != expected)
			record_failure(f,
			               "%s: balance %" PRId64
			               " but the inserted posted rows add up "
			               "to %" PRId64,
			               tag, a->balance_minor, expected);
		int64_t stored =
		    sql_int_quiet(db, "SELECT ifnull(sum(amount_minor), 0) FROM transactions"
		                      " WHERE pending = 0");
		if (stored != a->balance_minor)
			record_failure(f, "%s: balance %" PRId64 " but the table sums to %" PRId64,
			               tag, a->balance_minor, stored);
		if (pok && (p->inserted != r->inserted || p->pending != r->pending ||
		            p->sum_minor != r->sum_minor))
			record_failure(f,
			               "%s: parse says %" PRId64 " posted / %" PRId64
			               " pending / sum %" PRId64 ", the import into an empty "
			               "account %" PRId64 " / %" PRId64 " / %" PRId64,
			               tag, p->inserted, p->pending, p->sum_minor, r->inserted,
			               r->pending, r->sum_minor);

		/* the same bytes again add nothing */
		gig_import_result *again = NULL;
		GError *ae = NULL;
		bool aok = gig_import_file(ledger, input, &o, &again, &ae);
		if (!aok) {
			record_failure(f, "%s: re-import failed: %s", tag, error_text(ae));
		} else {
			if (again->inserted != 0 || again->pending != 0 ||
			    again->replaced_pending != 0)
				record_failure(f,
				               "%s: re-import added %" PRId64 " posted, %" PRId64
				               " pending, replaced %" PRId64,
				               tag, again->inserted, again->pending,
				               again->replaced_pending);
			g_autoptr(gig_account) b = account_named(ledger, "Bank");
			if (b == NULL || b->balance_minor != a->balance_minor ||
			    b->transactions + b->pending != a->transactions + a->pending)
				record_failure(f, "%s: re-import changed the account", tag);
		}
		gig_import_result_free(again);
		g_clear_error(&ae);
	}
out:
	gig_import_result_free(r);
	gig_import_result_free(p);
	g_clear_error(&e);
	g_clear_error(&pe);
	gig_ledger_free(ledger);
	remove_ledger_files(ledger_path);
	return f->count == before;
}

static void
keep_failing_input(const char *input, const char *name, guint64 iter, soak_failures *f)
{
	const char *keep = g_getenv("GIG_SOAK_KEEP");
	g_autofree char *dir = keep != NULL && *keep != '\0'
	                           ? g_strdup(keep)
	                           : g_build_filename(g_get_tmp_dir(), "gig-soak-failures", NULL);
	g_mkdir_with_parents(dir, 0700);
	g_autofree char *base = g_strdup_printf("%s.%" G_GUINT64_FORMAT ".csv", name, iter);
	g_autofree char *dest = g_build_filename(dir, base, NULL);
	char *data = NULL;
	gsize len = 0;
	if (g_file_get_contents(input, &data, &len, NULL) &&
	    g_file_set_contents(dest, data, (gssize)len, NULL))
		record_failure(f,
		               "input kept as %s (replay: GIG_SOAK_ONLY=%s:%" G_GUINT64_FORMAT ")",
		               dest, name, iter);
	g_free(data);
}

static bool
write_all(int fd, const void *data, size_t len)
{
	const char *p = data;
	while (len > 0) {
		ssize_t n = write(fd, p, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return false;
		p += n;
		len -= (size_t)n;
	}
	return true;
}

static void
merge_stats(import_stats *into, const import_stats *from)
{
	into->parsed_ok += from->parsed_ok;
	into->imported_ok += from->imported_ok;
	into->rows_inserted += from->rows_inserted;
	for (size_t i = 0; i < G_N_ELEMENTS(into->codes); i++)
		into->codes[i] += from->codes[i];
}

/*
 * import_one() in a child process: a crash, a sanitizer report or a hang
 * on one input is recorded as a finding and the soak goes on with the next
 * input.  The child sends its counters and findings back through a pipe.
 * It ends with exit(), not _exit(), so that LeakSanitizer checks it too.
 */
static bool
import_isolated(const char *dir, const char *input, const char *tag, unsigned timeout,
                import_stats *stats, soak_failures *f)
{
	int fds[2];
	if (pipe(fds) != 0)
		fail_msg("pipe: %s", g_strerror(errno));
	fflush(stdout);
	fflush(stderr);
	pid_t pid = fork();
	if (pid < 0)
		fail_msg("fork: %s", g_strerror(errno));
	if (pid == 0) {
		/* cmocka's handlers would longjmp into the parent's test runner */
		static const int sigs[] = {SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT};
		for (size_t i = 0; i < G_N_ELEMENTS(sigs); i++)
			signal(sigs[i], SIG_DFL);
		close(fds[0]);
		alarm(timeout);
		import_stats cs = {0};
		soak_failures cf = {0, g_string_new(NULL)};
		import_one(dir, input, tag, &cs, &cf);
		bool sent = write_all(fds[1], &cs, sizeof cs) &&
		            write_all(fds[1], &cf.count, sizeof cf.count) &&
		            write_all(fds[1], cf.log->str, cf.log->len);
		close(fds[1]);
		g_string_free(cf.log, TRUE);
		exit(sent ? 0 : 3);
	}
	close(fds[1]);
	GByteArray *msg = g_byte_array_new();
	guint8 chunk[4096];
	for (;;) {
		ssize_t n = read(fds[0], chunk, sizeof chunk);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		g_byte_array_append(msg, chunk, (guint)n);
	}
	close(fds[0]);
	int status = 0;
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	int before = f->count;
	const size_t head = sizeof(import_stats) + sizeof(int);
	if (msg->len >= head) {
		import_stats cs;
		int count;
		memcpy(&cs, msg->data, sizeof cs);
		memcpy(&count, msg->data + sizeof cs, sizeof count);
		merge_stats(stats, &cs);
		if (f->count < SOAK_MAX_REPORTED)
			g_string_append_len(f->log, (const char *)msg->data + head,
			                    (gssize)(msg->len - head));
		f->count += count;
	}
	g_byte_array_unref(msg);
	if (WIFSIGNALED(status))
		record_failure(
		    f, "%s: CRASH: the library died of signal %d (%s)%s", tag, WTERMSIG(status),
		    g_strsignal(WTERMSIG(status)),
		    WTERMSIG(status) == SIGALRM ? ": took longer than the per-input limit" : "");
	else if (WIFEXITED(status) && WEXITSTATUS(status) != 0)
		record_failure(f,
		               "%s: CRASH: exited with status %d (the sanitizer report is above "
		               "in the output)",
		               tag, WEXITSTATUS(status));
	return f->count == before;
}

/* The slowest inputs of a run, slowest first. */
typedef struct {
	double seconds[3];
	size_t bytes[3];
	char *tag[3];
} slow_list;

static void
note_time(slow_list *s, double seconds, size_t bytes, const char *tag)
{
	for (size_t i = 0; i < 3; i++) {
		if (s->tag[i] != NULL && seconds <= s->seconds[i])
			continue;
		g_free(s->tag[2]);
		for (size_t j = 2; j > i; j--) {
			s->seconds[j] = s->seconds[j - 1];
			s->bytes[j] = s->bytes[j - 1];
			s->tag[j] = s->tag[j - 1];
		}
		s->seconds[i] = seconds;
		s->bytes[i] = bytes;
		s->tag[i] = g_strdup(tag);
		return;
	}
}

/* The body of test_soak__import_mutations(), apart so that its locals are freed before a failure
 * is reported (cmocka's fail() longjmps past automatic cleanups). */
static void
run_import_mutations(soak_failures *f)
{
	import_stats stats = {0};
	GError *e = NULL;
	g_autofree char *dir = g_dir_make_tmp("gigsoak-XXXXXX", &e);
	gig_assert_ok(dir != NULL, e);

	/* replay one saved input in this process (a debugger or ASan sees it directly) */
	const char *replay = g_getenv("GIG_SOAK_INPUT");
	if (replay != NULL && *replay != '\0') {
		print_message("import soak: replaying %s\n", replay);
		import_one(dir, replay, replay, &stats, f);
		g_rmdir(dir);
		return;
	}

	g_autoptr(GPtrArray) corpus = load_corpus();
	const uint64_t base = soak_seed();
	const double cap = soak_seconds();
	const guint64 rounds = 120; /* iterations per corpus file */
	const char *limit = g_getenv("GIG_SOAK_INPUT_SECONDS");
	const unsigned timeout = limit != NULL && atoi(limit) > 0 ? (unsigned)atoi(limit) : 60;
	const bool isolate = g_strcmp0(g_getenv("GIG_SOAK_FORK"), "0") != 0;
	const char *only = g_getenv("GIG_SOAK_ONLY");
	g_autofree char *only_file = NULL;
	guint64 only_iter = 0;
	if (only != NULL && *only != '\0') {
		const char *colon = strrchr(only, ':');
		assert_non_null(colon);
		only_file = g_strndup(only, (gsize)(colon - only));
		only_iter = g_ascii_strtoull(colon + 1, NULL, 10);
	}
	g_autofree char *input = g_build_filename(dir, "input.csv", NULL);
	print_message("import soak: seed %#" PRIx64 ", %u files x %" G_GUINT64_FORMAT
	              " mutations, %u s per input at most%s\n",
	              base, corpus->len, rounds, timeout,
	              isolate ? "" : ", in process (GIG_SOAK_FORK=0)");

	slow_list slow = {{0}, {0}, {NULL}};
	g_autoptr(GTimer) timer = g_timer_new();
	g_autoptr(GTimer) one = g_timer_new();
	bool capped = false;
	for (guint64 it = 0; it < rounds && !capped; it++) {
		for (guint fi = 0; fi < corpus->len; fi++) {
			const corpus_file *c = corpus->pdata[fi];
			if (only_file != NULL &&
			    (strcmp(only_file, c->name) != 0 || it != only_iter))
				continue;
			if (g_timer_elapsed(timer, NULL) > cap) {
				capped = true;
				break;
			}
			GByteArray *b = mutated_input(corpus, fi, derive_seed(base, fi + 1, it));
			size_t size = b->len;
			stats.bytes += size;
			bool ok = g_file_set_contents(input, (const char *)b->data, b->len, &e);
			gig_assert_ok(ok, e);
			g_byte_array_unref(b);
			g_autofree char *tag =
			    g_strdup_printf("%s #%" G_GUINT64_FORMAT, c->name, it);
			g_timer_start(one);
			bool clean = isolate ? import_isolated(dir, input, tag, timeout, &stats, f)
			                     : import_one(dir, input, tag, &stats, f);
			note_time(&slow, g_timer_elapsed(one, NULL), size, tag);
			if (!clean)
				keep_failing_input(input, c->name, it, f);
			stats.iterations++;
		}
	}
	g_remove(input);
	{
		g_autofree char *ledger = g_build_filename(dir, "ledger.db", NULL);
		remove_ledger_files(ledger);
	}
	g_rmdir(dir);
	print_message(
	    "import soak: %" G_GUINT64_FORMAT " inputs (%.1f MiB) in %.1f s%s: %" G_GUINT64_FORMAT
	    " parsed, %" G_GUINT64_FORMAT " imported (%" G_GUINT64_FORMAT
	    " rows); rejected: %" G_GUINT64_FORMAT " invalid-input, %" G_GUINT64_FORMAT
	    " encoding, %" G_GUINT64_FORMAT " overflow, %" G_GUINT64_FORMAT " ambiguous\n",
	    stats.iterations, (double)stats.bytes / 1048576.0, g_timer_elapsed(timer, NULL),
	    capped ? " (stopped at the time cap)" : "", stats.parsed_ok, stats.imported_ok,
	    stats.rows_inserted, stats.codes[GIG_ERROR_INVALID_INPUT],
	    stats.codes[GIG_ERROR_ENCODING], stats.codes[GIG_ERROR_OVERFLOW],
	    stats.codes[GIG_ERROR_AMBIGUOUS]);
	for (size_t i = 0; i < 3 && slow.tag[i] != NULL; i++) {
		print_message("import soak: slowest %zu: %s, %zu bytes, %.2f s\n", i + 1,
		              slow.tag[i], slow.bytes[i], slow.seconds[i]);
		g_free(slow.tag[i]);
	}
}

static void
test_soak__import_mutations(void **state)
{
	(void)state;
	SOAK_SKIP_UNLESS_ENABLED();
	soak_failures f = {0, g_string_new(NULL)};
	run_import_mutations(&f);
	finish_failures(&f, "import soak");
}

/* ---- ledger soak --------------------------------------------------------- */

static const char *const soak_accounts[] = {"Checking", "Savings", "Card"};
static const char *const soak_clients[] = {"Blue Room Studios", "Echo Park Records",
                                           "Night Owl Sync", "Kestrel Live"};
static const char *const soak_payees[] = {"Rent",    "SPLICE.COM", "Guitar Center",
                                          "Spotify", "Landlord",   "Coffee"};

/* A row written to an import file earlier, kept to repeat it or post its pending twin. */
typedef struct {
	gig_date on;
	int64_t amount;
	char payee[48];
	bool pending;
} old_row;

typedef struct {
	gig_test_ledger *t;
	sqlite3 *db;
	gig_splitmix64 rng;
	GPtrArray *categories; /* char* names */
	GHashTable *cancelled; /* gig ids we cancelled */
	GArray *gigs;          /* int64_t ids */
	GArray *batches;       /* int64_t ids still in the ledger */
	GArray *old_rows;      /* old_row */
	soak_failures *f;
	uint64_t step;
	uint64_t done[17];    /* successful operations by kind */
	uint64_t refused[17]; /* expected refusals by kind */
	int file_no;
} ledger_soak;

static const char *const op_names[] = {
    "txn-add",   "set-category", "gig-add",        "gig-pay",         "gig-cancel", "import",
    "undo",      "category-add", "category-flags", "txn-add-pending", "txn-edit",   "txn-rm",
    "txn-split", "change-undo",  "redo",           "gig-rm",          "txn-merge"};

static gig_date
rnd_date(gig_splitmix64 *r)
{
	gig_date d = 0;
	int y = (int)rnd_range(r, 2024, 2026), m = (int)rnd_range(r, 1, 12);
	int day = (int)rnd_range(r, 1, gig_date_days_in_month(y, m));
	assert_true(gig_date_from_ymd(&d, y, m, day));
	return d;
}

static int64_t
rnd_amount(gig_splitmix64 *r)
{
	int64_t a = rnd_range(r, 1, rnd_chance(r, 90) ? 200000 : 2000000000);
	return rnd_chance(r, 60) ? -a : a;
}

/* A digest of everything a failed call must leave alone. */
static char *
ledger_digest(sqlite3 *db)
{
	const char *sql =
	    "SELECT (SELECT count(*) || ':' || ifnull(sum(amount_minor), 0) || ':' ||"
	    " ifnull(sum(id * (1 + pending) + ifnull(category_id, 0) * 7 + ifnull(gig_id, 0) * 13),"
	    " 0) FROM transactions) || '/' ||"
	    " (SELECT count(*) || ':' || ifnull(group_concat(id || status, ','), '') FROM gigs)"
	    " || '/' || (SELECT count(*) FROM import_batches) || '/' ||"
	    " (SELECT count(*) || ':' || ifnull(sum(essential * 3 + deductible), 0) FROM "
	    "categories)";
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		fail_msg("digest: %s", sqlite3_errmsg(db));
	char *out = NULL;
	if (sqlite3_step(st) == SQLITE_ROW)
		out = g_strdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return out;
}

static void
check_ledger(ledger_soak *s, const char *after)
{
	int64_t diff = gig_test_rollup_differences(s->t->ledger);
	if (diff != 0)
		record_failure(s->f,
		               "step %" G_GUINT64_FORMAT " (%s): monthly_totals differs from the "
		               "transactions in %" PRId64 " group(s)",
		               s->step, after, diff);

	/* every gig's status from its posted linked payments */
	g_autoptr(GPtrArray) gigs = NULL;
	GError *e = NULL;
	bool ok = gig_ledger_gigs(s->t->ledger, false, &gigs, &e);
	gig_assert_ok(ok, e);
	if (gigs->len != s->gigs->len)
		record_failure(s->f, "step %" G_GUINT64_FORMAT " (%s): %u gigs listed, %u added",
		               s->step, after, gigs->len, s->gigs->len);
	for (guint i = 0; i < gigs->len; i++) {
		const gig_gig *g = gigs->pdata[i];
		g_autofree char *sql =
		    g_strdup_printf("SELECT ifnull(sum(amount_minor), 0) FROM transactions"
		                    " WHERE gig_id = %" PRId64 " AND pending = 0",
		                    g->id);
		int64_t paid = sql_int(s->db, sql);
		gig_status want;
		if (g_hash_table_contains(s->cancelled, &g->id))
			want = GIG_STATUS_CANCELLED;
		else if (paid >= g->amount_minor)
			want = GIG_STATUS_PAID;
		else if (paid > 0)
			want = GIG_STATUS_PARTLY_PAID;
		else if (g->invoiced_on == GIG_DATE_NONE)
			want = GIG_STATUS_PLANNED;
		else
			want = GIG_STATUS_INVOICED;
		if (g->status != want || g->paid_minor != paid)
			record_failure(
			    s->f,
			    "step %" G_GUINT64_FORMAT " (%s): gig #%" PRId64 " amount %" PRId64
			    " is %s with paid_minor %" PRId64
			    "; its posted payments sum to %" PRId64 ", so it should be %s",
			    s->step, after, g->id, g->amount_minor, gig_status_name(g->status),
			    g->paid_minor, paid, gig_status_name(want));
	}

	/* account balances against the table */
	g_autoptr(GPtrArray) accounts = NULL;
	ok = gig_ledger_accounts(s->t->ledger, &accounts, &e);
	gig_assert_ok(ok, e);
	for (guint i = 0; i < accounts->len; i++) {
		const gig_account *a = accounts->pdata[i];
		g_autofree char *sql = g_strdup_printf(
		    "SELECT ifnull(sum(amount_minor) FILTER (WHERE pending = 0), 0) * 1000003 +"
		    " ifnull(sum(amount_minor) FILTER (WHERE pending = 1), 0) * 7 + count(*)"
		    " FROM transactions WHERE account_id = %" PRId64,
		    a->id);
		int64_t want = sql_int(s->db, sql);
		int64_t got = (a->balance_minor - a->opening_minor) * 1000003 +
		              a->pending_minor * 7 + a->transactions + a->pending;
		if (want != got)
			record_failure(s->f,
			               "step %" G_GUINT64_FORMAT
			               " (%s): account %s balance %" PRId64 " pending %" PRId64
			               " (%" PRId64 "+%" PRId64
			               " rows) disagrees with its transactions",
			               s->step, after, a->name, a->balance_minor, a->pending_minor,
			               a->transactions, a->pending);
	}
}

/* An expected failure must leave the ledger exactly as it was. */
static void
check_refusal(ledger_soak *s, int op, const char *before, bool ok, GError *e, const int *allowed,
              size_t n_allowed)
{
	if (ok) {
		s->done[op]++;
		return;
	}
	g_autofree char *contract = error_contract(false, NULL, e);
	if (contract != NULL)
		record_failure(s->f, "step %" G_GUINT64_FORMAT " (%s): %s", s->step, op_names[op],
		               contract);
	bool fine = false;
	for (size_t i = 0; e != NULL && i < n_allowed; i++)
		fine = fine || e->code == allowed[i];
	if (!fine)
		record_failure(s->f, "step %" G_GUINT64_FORMAT " (%s): unexpected error %s: %s",
		               s->step, op_names[op], e ? gig_error_code_name(e->code) : "none",
		               error_text(e));
	else
		s->refused[op]++;
	g_autofree char *after = ledger_digest(s->db);
	if (g_strcmp0(before, after) != 0)
		record_failure(s->f,
		               "step %" G_GUINT64_FORMAT
		               " (%s): the failed call changed the ledger "
		               "(%s -> %s)",
		               s->step, op_names[op], before, after);
}

static int64_t
rnd_gig(ledger_soak *s)
{
	if (s->gigs->len == 0 || rnd_chance(&s->rng, 3))
		return (int64_t)rnd_range(&s->rng, 1, 1000000);
	return g_array_index(s->gigs, int64_t, rnd_below(&s->rng, s->gigs->len));
}

static void
op_txn_add(ledger_soak *s, int op, bool pending)
{
	GError *e = NULL;
	const char *cat = rnd_chance(&s->rng, 30)
	                      ? NULL
	                      : s->categories->pdata[rnd_below(&s->rng, s->categories->len)];
	g_autofree char *payee = g_strdup_printf("hand %" G_GUINT64_FORMAT, s->step);
	gig_txn_spec spec = {.account = soak_accounts[rnd_below(&s->rng, 3)],
	                     .posted_on = rnd_date(&s->rng),
	                     .amount_minor = rnd_amount(&s->rng),
	                     .payee = payee,
	                     .memo = rnd_chance(&s->rng, 20) ? "memo" : NULL,
	                     .category = cat,
	                     .pending = pending};
	g_autofree char *before = ledger_digest(s->db);
	bool ok = gig_ledger_txn_add(s->t->ledger, &spec, NULL, &e);
	check_refusal(s, op, before, ok, e, NULL, 0);
	g_clear_error(&e);
}

static void
op_set_category(ledger_soak *s, int op)
{
	GError *e = NULL;
	int64_t max = sql_int(s->db, "SELECT ifnull(max(id), 0) FROM transactions");
	int64_t id = rnd_range(&s->rng, 1, max + 2);
	const char *cat = rnd_chance(&s->rng, 20)
	                      ? NULL
	                      : s->categories->pdata[rnd_below(&s->rng, s->categories->len)];
	if (rnd_chance(&s->rng, 3))
		cat = "No Such Category";
	g_autofree char *before = ledger_digest(s->db);
	bool ok = gig_ledger_txn_set_category(s->t->ledger, id, cat, &e);
	static const int allowed[] = {GIG_ERROR_NOT_FOUND};
	check_refusal(s, op, before, ok, e, allowed, G_N_ELEMENTS(allowed));
	g_clear_error(&e);
}

static void
op_gig_add(ledger_soak *s, int op)
{
	GError *e = NULL;
	gig_gig_spec g = {
	    .client = soak_clients[rnd_below(&s->rng, G_N_ELEMENTS(soak_clients))],
	    .stream = (gig_stream)rnd_below(&s->rng, GIG_STREAM_COUNT),
	    .description = rnd_chance(&s->rng, 50) ? "session" : NULL,
	    .amount_minor = rnd_range(&s->rng, 1, 500000),
	    .performed_on = GIG_DATE_NONE,
	    .invoiced_on = rnd_chance(&s->rng, 25) ? GIG_DATE_NONE : rnd_date(&s->rng),
	    .due_on = GIG_DATE_NONE,
	    .terms_days = rnd_chance(&s->rng, 50) ? -1 : (int)rnd_range(&s->rng, 0, 90),
	    .paid_on = GIG_DATE_NONE};
	if (g.invoiced_on != GIG_DATE_NONE && rnd_chance(&s->rng, 10))
		g.paid_on = rnd_date(&s->rng);
	int64_t id = 0;
	g_autofree char *before = ledger_digest(s->db);
	bool ok = gig_ledger_gig_add(s->t->ledger, &g, &id, &e);
	if (ok)
		g_array_append_val(s->gigs, id);
	check_refusal(s, op, before, ok, e, NULL, 0);
	g_clear_error(&e);
}

static void
op_gig_pay(ledger_soak *s, int op)
{
	GError *e = NULL;
	int64_t id = rnd_gig(s);
	g_autoptr(gig_gig) g = NULL;
	bool known = gig_ledger_gig_get(s->t->ledger, id, &g, NULL);
	int64_t open = known ? g->amount_minor - g->paid_minor : 0;
	int64_t amount = 0;
	if (rnd_chance(&s->rng, 50))
		amount = rnd_range(&s->rng, 1, open > 1 ? open + open / 10 + 1 : 1000);
	g_autofree char *before = ledger_digest(s->db);
	bool ok = gig_ledger_gig_pay(s->t->ledger, id, amount, soak_accounts[rnd_below(&s->rng, 3)],
	                             rnd_date(&s->rng), NULL, &e);
	/* which answer the header promises */
	bool must_refuse = !known || g->status == GIG_STATUS_CANCELLED ||
	                   g->status == GIG_STATUS_PAID || amount > open;
	if (ok && must_refuse)
		record_failure(s->f,
		               "step %" G_GUINT64_FORMAT ": paying gig #%" PRId64 " (%s, %" PRId64
		               " open) with %" PRId64 " succeeded",
		               s->step, id, known ? gig_status_name(g->status) : "unknown", open,
		               amount);
	if (!ok && !must_refuse && g->status != GIG_STATUS_PLANNED)
		record_failure(s->f,
		               "step %" G_GUINT64_FORMAT ": paying gig #%" PRId64 " (%s, %" PRId64
		               " open) with %" PRId64 " was refused: %s",
		               s->step, id, gig_status_name(g->status), open, amount,
		               error_text(e));
	static const int allowed[] = {GIG_ERROR_INVALID_INPUT, GIG_ERROR_NOT_FOUND};
	check_refusal(s, op, before, ok, e, allowed, G_N_ELEMENTS(allowed));
	g_clear_error(&e);
}

static void
op_gig_cancel(ledger_soak *s, int op)
{
	GError *e = NULL;
	int64_t id = rnd_gig(s);
	g_autoptr(gig_gig) g = NULL;
	bool known = gig_ledger_gig_get(s->t->ledger, id, &g, NULL);
	g_autofree char *before = ledger_digest(s->db);
	bool ok = gig_ledger_gig_cancel(s->t->ledger, id, &e);
	bool must_refuse = !known || g->status == GIG_STATUS_PAID || g->paid_minor > 0;
	if (ok && must_refuse)
		record_failure(s->f,
		               "step %" G_GUINT64_FORMAT ": cancelling gig #%" PRId64
		               " (%s, paid %" PRId64 ") succeeded",
		               s->step, id, known ? gig_status_name(g->status) : "unknown",
		               known ? g->paid_minor : 0);
	if (ok) {
		int64_t *key = g_new(int64_t, 1);
		*key = id;
		g_hash_table_add(s->cancelled, key);
	}
	static const int allowed[] = {GIG_ERROR_INVALID_INPUT, GIG_ERROR_NOT_FOUND};
	check_refusal(s, op, before, ok, e, allowed, G_N_ELEMENTS(allowed));
	g_clear_error(&e);
}

static void
append_row(GString *csv, const old_row *row)
{
	char date[GIG_DATE_BUFSZ];
	gig_date_format(date, row->on);
	int64_t abs = row->amount < 0 ? -row->amount : row->amount;
	g_string_append_printf(csv, "%s,%s,%s%" PRId64 ".%02d,%s\n", date, row->payee,
	                       row->amount < 0 ? "-" : "", abs / 100, (int)(abs % 100),
	                       row->pending ? "Pending" : "Booked");
}

static void
op_import(ledger_soak *s, int op)
{
	GString *csv = g_string_new("Date,Payee,Amount,Status\n");
	int rows = (int)rnd_range(&s->rng, 1, 10);
	for (int i = 0; i < rows; i++) {
		old_row row = {0};
		uint32_t kind = rnd_below(&s->rng, 10);
		if (kind < 2 && s->old_rows->len > 0) {
			/* an earlier row again: a duplicate, or a pending row now posted */
			row = g_array_index(s->old_rows, old_row,
			                    rnd_below(&s->rng, s->old_rows->len));
			if (row.pending && rnd_chance(&s->rng, 70)) {
				row.pending = false;
				row.on = row.on + (gig_date)rnd_below(&s->rng, 4);
				g_strlcat(row.payee, " 8841", sizeof row.payee);
			}
		} else if (kind < 4 && s->gigs->len > 0) {
			/* a client paying an invoice, in full or in part */
			int64_t id =
			    g_array_index(s->gigs, int64_t, rnd_below(&s->rng, s->gigs->len));
			g_autoptr(gig_gig) g = NULL;
			if (!gig_ledger_gig_get(s->t->ledger, id, &g, NULL))
				continue;
			row.on = rnd_date(&s->rng);
			row.amount =
			    rnd_chance(&s->rng, 70) ? g->amount_minor : g->amount_minor / 2 + 1;
			g_snprintf(row.payee, sizeof row.payee, "%s LTD", g->client);
			for (char *p = row.payee; *p; p++)
				*p = g_ascii_toupper(*p);
			row.pending = rnd_chance(&s->rng, 10);
		} else {
			row.on = rnd_date(&s->rng);
			row.amount = rnd_amount(&s->rng);
			g_snprintf(row.payee, sizeof row.payee, "%s %u",
			           soak_payees[rnd_below(&s->rng, G_N_ELEMENTS(soak_payees))],
			           rnd_below(&s->rng, 50));
			row.pending = rnd_chance(&s->rng, 25);
		}
		append_row(csv, &row);
		if (s->old_rows->len < 400)
			g_array_append_val(s->old_rows, row);
		else
			g_array_index(s->old_rows, old_row, rnd_below(&s->rng, 400)) = row;
	}
	g_autofree char *name = g_strdup_printf("import-%d.csv", s->file_no++);
	g_autofree char *path = imp_write(s->t, name, csv->str, (gssize)csv->len);
	g_string_free(csv, TRUE);

	gig_import_options o = imp_opts(soak_accounts[rnd_below(&s->rng, 3)]);
	gig_import_result *r = NULL;
	GError *e = NULL;
	g_autofree char *before = ledger_digest(s->db);
	bool ok = gig_import_file(s->t->ledger, path, &o, &r, &e);
	if (!ok) {
		/* every generated file is well formed: keep it for the report */
		record_failure(s->f, "step %" G_GUINT64_FORMAT ": importing %s failed: %s", s->step,
		               path, error_text(e));
	} else if (r->batch_id > 0) {
		g_array_append_val(s->batches, r->batch_id);
		g_remove(path);
	} else {
		g_remove(path);
	}
	check_refusal(s, op, before, ok, e, NULL, 0);
	gig_import_result_free(r);
	g_clear_error(&e);
}

static void
op_undo(ledger_soak *s, int op)
{
	GError *e = NULL;
	int64_t id;
	guint index = 0;
	bool known = s->batches->len > 0 && !rnd_chance(&s->rng, 10);
	if (known) {
		index = rnd_below(&s->rng, s->batches->len);
		id = g_array_index(s->batches, int64_t, index);
	} else {
		id = rnd_range(&s->rng, 1000000, 2000000);
	}
	g_autofree char *sql =
	    g_strdup_printf("SELECT count(*) FROM transactions WHERE batch_id = %" PRId64, id);
	/* and the split parts of its rows (sql/0011), which go with them */
	g_autofree char *with_parts =
	    g_strdup_printf("SELECT count(*) FROM transactions WHERE batch_id = %" PRId64
	                    " OR id IN (SELECT s.part_id FROM txn_splits s JOIN transactions p"
	                    " ON p.id = s.parent_id WHERE p.batch_id = %" PRId64 ")",
	                    id, id);
	int64_t rows = sql_int(s->db, with_parts);
	/* undo may hand rows the import settled back to their earlier state, so
	   `removed` is checked against the change in the table, not against the
	   rows that carry the batch id now */
	const char *count = "SELECT count(*) FROM transactions";
	int64_t total = sql_int(s->db, count);
	int64_t removed = -1;
	g_autofree char *before = ledger_digest(s->db);
	bool ok = gig_import_undo(s->t->ledger, id, &removed, &e);
	if (ok) {
		int64_t now = sql_int(s->db, count);
		if (removed != total - now || removed > rows)
			record_failure(s->f,
			               "step %" G_GUINT64_FORMAT ": undoing batch %" PRId64
			               " (%" PRId64 " rows) reports %" PRId64
			               " removed, the table lost %" PRId64,
			               s->step, id, rows, removed, total - now);
		if (sql_int(s->db, sql) != 0)
			record_failure(s->f,
			               "step %" G_GUINT64_FORMAT ": batch %" PRId64
			               " still has transactions after undo",
			               s->step, id);
		if (known)
			g_array_remove_index_fast(s->batches, index);
	} else if (known) {
		record_failure(s->f,
		               "step %" G_GUINT64_FORMAT ": undoing batch %" PRId64 " failed: %s",
		               s->step, id, error_text(e));
	}
	static const int allowed[] = {GIG_ERROR_NOT_FOUND};
	check_refusal(s, op, before, ok, e, allowed, G_N_ELEMENTS(allowed));
	g_clear_error(&e);
}

/* gig txn merge (reconcile.h): mostly a hand row and an imported row of the same money
 * (merged unless a rule refuses them), else two random ids (refused). */
static void
op_txn_merge(ledger_soak *s, int op)
{
	GError *e = NULL;
	int64_t max = sql_int(s->db, "SELECT ifnull(max(id), 0) FROM transactions");
	int64_t a = rnd_range(&s->rng, 1, max + 2), b = rnd_range(&s->rng, 1, max + 2);
	if (rnd_chance(&s->rng, 70)) {
		g_autofree char *sql = g_strdup_printf(
		    "SELECT h.id * 4294967296 + b.id FROM transactions h JOIN transactions b"
		    " ON b.account_id = h.account_id AND b.amount_minor = h.amount_minor"
		    " AND b.batch_id IS NOT NULL WHERE h.batch_id IS NULL AND h.id >= %" PRId64
		    " ORDER BY h.id, b.id LIMIT 1",
		    rnd_range(&s->rng, 0, max));
		int64_t v = sql_int(s->db, sql);
		if (v != INT64_MIN) {
			a = v >> 32;
			b = v & 0xffffffff;
			if (rnd_chance(&s->rng, 50)) {
				int64_t x = a;
				a = b;
				b = x;
			}
		}
	}
	const char *count = "SELECT count(*) FROM transactions";
	int64_t total = sql_int(s->db, count);
	g_autofree char *before = ledger_digest(s->db);
	int64_t kept = 0;
	bool ok = gig_ledger_txn_merge(s->t->ledger, a, b, &kept, &e);
	if (ok && (sql_int(s->db, count) != total - 1 || (kept != a && kept != b)))
		record_failure(s->f,
		               "step %" G_GUINT64_FORMAT ": merging %" PRId64 " and %" PRId64
		               " kept %" PRId64 " and left %" PRId64 " of %" PRId64 " rows",
		               s->step, a, b, kept, sql_int(s->db, count), total);
	static const int allowed[] = {GIG_ERROR_INVALID_INPUT, GIG_ERROR_NOT_FOUND};
	check_refusal(s, op, before, ok, e, allowed, G_N_ELEMENTS(allowed));
	g_clear_error(&e);
}

static void
op_category_add(ledger_soak *s, int op)
{
	GError *e = NULL;
	g_autofree char *name = g_strdup_printf("Soak %u", rnd_below(&s->rng, 12));
	gig_category_kind kind = (gig_category_kind)rnd_below(&s->rng, 3);
	g_autofree char *before = ledger_digest(s->db);
	bool ok = gig_ledger_category_add(s->t->ledger, name, kind, rnd_chance(&s->rng, 50),
	                                  rnd_chance(&s->rng, 50), NULL, &e);
	if (ok)
		g_ptr_array_add(s->categories, g_steal_pointer(&name));
	static const int allowed[] = {GIG_ERROR_DUPLICATE};
	check_refusal(s, op, before, ok, e, allowed, G_N_ELEMENTS(allowed));
	g_clear_error(&e);
}

static void
op_category_flags(ledger_soak *s, int op)
{
	GError *e = NULL;
	const char *name = s->categories->pdata[rnd_below(&s->rng, s->categories->len)];
	g_autofree char *before = ledger_digest(s->db);
	bool ok = gig_ledger_category_set_flags(s->t->ledger, name, (int)rnd_below(&s->rng, 3) - 1,
	                                        (int)rnd_below(&s->rng, 3) - 1, &e);
	check_refusal(s, op, before, ok, e, NULL, 0);
	g_clear_error(&e);
}

/* issue 11: the corrections and the change log.  An undo or redo may take back a gig,
 * a cancellation or an import, so the lists the other operations pick from are read
 * again from the ledger after each. */
static void
resync(ledger_soak *s)
{
	g_array_set_size(s->gigs, 0);
	g_array_set_size(s->batches, 0);
	g_hash_table_remove_all(s->cancelled);
	sqlite3_stmt *st = NULL;
	assert_int_equal(sqlite3_prepare_v2(s->db,
	                                    "SELECT id, status = 'cancelled' FROM gigs"
	                                    " ORDER BY id",
	                                    -1, &st, NULL),
	                 SQLITE_OK);
	while (sqlite3_step(st) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(st, 0);
		g_array_append_val(s->gigs, id);
		if (sqlite3_column_int(st, 1)) {
			int64_t *key = g_new(int64_t, 1);
			*key = id;
			g_hash_table_add(s->cancelled, key);
		}
	}
	sqlite3_finalize(st);
	assert_int_equal(
	    sqlite3_prepare_v2(s->db, "SELECT id FROM import_batches ORDER BY id", -1, &st, NULL),
	    SQLITE_OK);
	while (sqlite3_step(st) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(st, 0);
		g_array_append_val(s->batches, id);
	}
	sqlite3_finalize(st);
}

static int64_t
rnd_txn(ledger_soak *s)
{
	int64_t max = sql_int(s->db, "SELECT ifnull(max(id), 0) FROM transactions");
	return rnd_range(&s->rng, 1, max + 2);
}

static void
op_txn_edit(ledger_soak *s, int op)
{
	GError *e = NULL;
	gig_txn_edit edit = {.posted_on = GIG_DATE_NONE};
	if (rnd_chance(&s->rng, 40)) {
		edit.set_amount = true;
		edit.amount_minor = rnd_amount(&s->rng);
	}
	if (rnd_chance(&s->rng, 30))
		edit.posted_on = rnd_date(&s->rng);
	if (rnd_chance(&s->rng, 20))
		edit.account = soak_accounts[rnd_below(&s->rng, 3)];
	if (rnd_chance(&s->rng, 30))
		edit.category = rnd_chance(&s->rng, 10) ? "No Such Category"
		                : rnd_chance(&s->rng, 20)
		                    ? ""
		                    : s->categories->pdata[rnd_below(&s->rng, s->categories->len)];
	if (rnd_chance(&s->rng, 20))
		edit.payee = "edited";
	g_autofree char *before = ledger_digest(s->db);
	bool ok = gig_ledger_txn_edit(s->t->ledger, rnd_txn(s), &edit, &e);
	static const int allowed[] = {GIG_ERROR_NOT_FOUND, GIG_ERROR_INVALID_INPUT};
	check_refusal(s, op, before, ok, e, allowed, G_N_ELEMENTS(allowed));
	g_clear_error(&e);
}

static void
op_txn_rm(ledger_soak *s, int op)
{
	GError *e = NULL;
	g_autofree char *before = ledger_digest(s->db);
	bool ok = gig_ledger_txn_remove(s->t->ledger, rnd_txn(s), &e);
	static const int allowed[] = {GIG_ERROR_NOT_FOUND, GIG_ERROR_INVALID_INPUT};
	check_refusal(s, op, before, ok, e, allowed, G_N_ELEMENTS(allowed));
	g_clear_error(&e);
}

static void
op_txn_split(ledger_soak *s, int op)
{
	GError *e = NULL;
	int64_t id = rnd_txn(s);
	int64_t whole = 0;
	bool known = gig_ledger_txn_amount(s->t->ledger, id, &whole, NULL, NULL);
	int64_t mag = whole < 0 ? -whole : whole;
	size_t n = 1 + rnd_below(&s->rng, 3);
	if (mag > 0 && (int64_t)n > mag)
		n = (size_t)mag;
	gig_split_part parts[3];
	int64_t left = mag;
	for (size_t i = 0; i < n; i++) {
		int64_t a = i + 1 == n ? left : rnd_range(&s->rng, 1, left - (int64_t)(n - i - 1));
		left -= a;
		parts[i].amount_minor = whole < 0 ? -a : a;
		parts[i].category =
		    rnd_chance(&s->rng, 20)
		        ? NULL
		        : s->categories->pdata[rnd_below(&s->rng, s->categories->len)];
	}
	bool wrong = rnd_chance(&s->rng, 15);
	if (wrong)
		parts[0].amount_minor += whole < 0 ? -1 : 1;
	g_autofree char *before = ledger_digest(s->db);
	bool ok = gig_ledger_txn_split(s->t->ledger, id, parts, n, &e);
	if (ok && (wrong || !known || whole == 0))
		record_failure(s->f,
		               "step %" G_GUINT64_FORMAT ": splitting #%" PRId64 " (%" PRId64
		               ") with wrong parts succeeded",
		               s->step, id, whole);
	static const int allowed[] = {GIG_ERROR_NOT_FOUND, GIG_ERROR_INVALID_INPUT};
	check_refusal(s, op, before, ok, e, allowed, G_N_ELEMENTS(allowed));
	g_clear_error(&e);
}

static void
op_change_undo(ledger_soak *s, int op, bool redo)
{
	GError *e = NULL;
	int64_t max = sql_int(s->db, "SELECT ifnull(max(id), 0) FROM change_log");
	int64_t id = rnd_chance(&s->rng, 60) ? 0 : rnd_range(&s->rng, 1, max + 2);
	/* the accounts of the set-up (entries 1-3) stay: the other operations use them */
	int64_t next = sql_int(s->db, "SELECT ifnull(max(id), 0) FROM change_log WHERE kind IN"
	                              " ('change', 'import') AND undone_by IS NULL");
	if (!redo && ((id == 0 && next <= 3) || (id > 0 && id <= 3)))
		return;
	g_autofree char *before = ledger_digest(s->db);
	bool ok = redo ? gig_ledger_redo(s->t->ledger, NULL, &e)
	               : gig_ledger_undo(s->t->ledger, id, NULL, &e);
	static const int allowed[] = {GIG_ERROR_NOT_FOUND, GIG_ERROR_INVALID_INPUT,
	                              GIG_ERROR_AMBIGUOUS};
	check_refusal(s, op, before, ok, e, allowed, G_N_ELEMENTS(allowed));
	g_clear_error(&e);
	resync(s);
}

static void
op_gig_rm(ledger_soak *s, int op)
{
	GError *e = NULL;
	g_autofree char *before = ledger_digest(s->db);
	bool ok = gig_ledger_gig_remove(
	    s->t->ledger, rnd_gig(s),
	    rnd_chance(&s->rng, 50) ? GIG_PAYMENTS_REMOVE : GIG_PAYMENTS_UNLINK, NULL, &e);
	static const int allowed[] = {GIG_ERROR_NOT_FOUND};
	check_refusal(s, op, before, ok, e, allowed, G_N_ELEMENTS(allowed));
	g_clear_error(&e);
	resync(s);
}

/* The body of test_soak__ledger_operations(), apart so that its locals are freed before a failure
 * is reported (cmocka's fail() longjmps past automatic cleanups). */
static void
run_ledger_operations(soak_failures *f)
{
	const uint64_t base = soak_seed();
	const double cap = soak_seconds();
	const uint64_t steps = 4000;
	ledger_soak s = {0};
	s.f = f;
	gig_splitmix64_seed(&s.rng, derive_seed(base, 0xd1ce, 0));
	s.t = gig_test_ledger_new("EUR");
	s.db = gig__ledger_db(s.t->ledger);
	gig_test_account(s.t, "Checking", GIG_ACCOUNT_CHECKING, 150000);
	gig_test_account(s.t, "Savings", GIG_ACCOUNT_SAVINGS, 0);
	gig_test_account(s.t, "Card", GIG_ACCOUNT_CARD, -2500);
	s.categories = g_ptr_array_new_with_free_func(g_free);
	{
		g_autoptr(GPtrArray) cats = NULL;
		GError *e = NULL;
		bool ok = gig_ledger_categories(s.t->ledger, &cats, &e);
		gig_assert_ok(ok, e);
		for (guint i = 0; i < cats->len; i++)
			g_ptr_array_add(s.categories,
			                g_strdup(((gig_category *)cats->pdata[i])->name));
		assert_true(s.categories->len > 0);
	}
	s.cancelled = g_hash_table_new_full(g_int64_hash, g_int64_equal, g_free, NULL);
	s.gigs = g_array_new(FALSE, FALSE, sizeof(int64_t));
	s.batches = g_array_new(FALSE, FALSE, sizeof(int64_t));
	s.old_rows = g_array_new(FALSE, FALSE, sizeof(old_row));

	/* weights of op 0..16, in op_names order */
	static const uint32_t weight[] = {22, 10, 10, 12, 5, 16, 7, 2, 3, 8, 8, 4, 5, 9, 3, 2, 6};
	uint32_t total = 0;
	for (size_t i = 0; i < G_N_ELEMENTS(weight); i++)
		total += weight[i];
	g_autoptr(GTimer) timer = g_timer_new();
	bool capped = false;
	for (s.step = 0; s.step < steps; s.step++) {
		if (g_timer_elapsed(timer, NULL) > cap) {
			capped = true;
			break;
		}
		uint32_t pick = rnd_below(&s.rng, total);
		int op = 0;
		while (pick >= weight[op])
			pick -= weight[op++];
		switch (op) {
		case 0:
			op_txn_add(&s, op, false);
			break;
		case 1:
			op_set_category(&s, op);
			break;
		case 2:
			op_gig_add(&s, op);
			break;
		case 3:
			op_gig_pay(&s, op);
			break;
		case 4:
			op_gig_cancel(&s, op);
			break;
		case 5:
			op_import(&s, op);
			break;
		case 6:
			op_undo(&s, op);
			break;
		case 7:
			op_category_add(&s, op);
			break;
		case 8:
			op_category_flags(&s, op);
			break;
		case 9:
			op_txn_add(&s, op, true);
			break;
		case 10:
			op_txn_edit(&s, op);
			break;
		case 11:
			op_txn_rm(&s, op);
			break;
		case 12:
			op_txn_split(&s, op);
			break;
		case 13:
			op_change_undo(&s, op, false);
			break;
		case 14:
			op_change_undo(&s, op, true);
			break;
		case 15:
			op_gig_rm(&s, op);
			break;
		default:
			op_txn_merge(&s, op);
			break;
		}
		check_ledger(&s, op_names[op]);
		if (f->count > SOAK_MAX_REPORTED)
			break;
	}
	GString *summary = g_string_new(NULL);
	for (size_t i = 0; i < G_N_ELEMENTS(op_names); i++)
		g_string_append_printf(summary, " %s %" G_GUINT64_FORMAT "/%" G_GUINT64_FORMAT,
		                       op_names[i], s.done[i], s.refused[i]);
	print_message(
	    "ledger soak: seed %#" PRIx64 ", %" G_GUINT64_FORMAT " steps in %.1f s%s, %" PRId64
	    " transactions, %u gigs at the end;"
	    " done/refused:%s\n",
	    base, s.step, g_timer_elapsed(timer, NULL), capped ? " (stopped at the time cap)" : "",
	    sql_int(s.db, "SELECT count(*) FROM transactions"), s.gigs->len, summary->str);
	g_string_free(summary, TRUE);
	g_ptr_array_unref(s.categories);
	g_hash_table_unref(s.cancelled);
	g_array_unref(s.gigs);
	g_array_unref(s.batches);
	g_array_unref(s.old_rows);
	gig_test_ledger_free(s.t);
}

static void
test_soak__ledger_operations(void **state)
{
	(void)state;
	SOAK_SKIP_UNLESS_ENABLED();
	soak_failures f = {0, g_string_new(NULL)};
	run_ledger_operations(&f);
	finish_failures(&f, "ledger soak");
}

/* ---- forecast soak -------------------------------------------------------- */

/* A random monthly series of one of several shapes; returns its length. */
static size_t
random_series(gig_splitmix64 *r, double *y, size_t max, const char **shape)
{
	static const size_t lengths[] = {0, 1, 2, 3, 4, 7, 8, 12, 23, 24, 25, 36};
	size_t n = rnd_chance(r, 40) ? lengths[rnd_below(r, G_N_ELEMENTS(lengths))]
	                             : rnd_below(r, (uint32_t)max + 1);
	double scale = pow(10.0, rnd_unit(r) * 12.0); /* 1 .. 1e12 */
	uint32_t kind = rnd_below(r, 9);
	static const char *const names[] = {"constant",  "intermittent", "noisy",
	                                    "net flow",  "trend",        "seasonal",
	                                    "one spike", "all zero",     "extremes"};
	*shape = names[kind];
	double c = floor(rnd_unit(r) * scale);
	for (size_t t = 0; t < n; t++) {
		double v = 0;
		switch (kind) {
		case 0:
			v = c;
			break;
		case 1:
			v = rnd_chance(r, 25) ? floor(rnd_unit(r) * scale) : 0;
			break;
		case 2:
			v = floor(scale * (0.5 + rnd_unit(r)));
			break;
		case 3:
			v = floor(scale * (rnd_unit(r) - 0.6));
			break;
		case 4:
			v = floor(c + scale * 0.01 * (double)t * (rnd_unit(r) - 0.3));
			break;
		case 5:
			v = floor(scale * (1.0 + sin((double)t * G_PI / 6.0)) * rnd_unit(r));
			break;
		case 6:
			v = t == n / 2 ? 1e12 : floor(rnd_unit(r) * 10);
			break;
		case 7:
			v = 0;
			break;
		default: {
			static const double ext[] = {1e12, -1e12, 0, 1, -1, 1e-3, 999999999999.99};
			v = ext[rnd_below(r, G_N_ELEMENTS(ext))];
			break;
		}
		}
		y[t] = v;
	}
	return n;
}

static void
series_text(GString *out, const double *y, size_t n)
{
	for (size_t t = 0; t < n; t++)
		g_string_append_printf(out, "%s%.17g", t ? "," : "", y[t]);
}

/* The body of test_soak__forecast_series(), apart so that its locals are freed before a failure
 * is reported (cmocka's fail() longjmps past automatic cleanups). */
static void
run_forecast_series(soak_failures *f)
{
	const uint64_t base = soak_seed();
	const double cap = soak_seconds();
	const uint64_t series = 6000;
	enum { MAXN = 300 };
	double y[MAXN], y2[MAXN];
	uint64_t bootstraps = 0, done = 0;
	g_autoptr(GTimer) timer = g_timer_new();
	bool capped = false;
	for (uint64_t i = 0; i < series; i++, done++) {
		if (g_timer_elapsed(timer, NULL) > cap) {
			capped = true;
			break;
		}
		int before = f->count;
		gig_splitmix64 r;
		gig_splitmix64_seed(&r, derive_seed(base, 0, i));
		const char *shape = NULL;
		size_t n = random_series(&r, y, MAXN, &shape);

		gig_forecast_choice c;
		memset(&c, 0, sizeof c);
		if (!gig_forecast_choose(y, n, &c)) {
			record_failure(f,
			               "series %" G_GUINT64_FORMAT " (%s, n=%zu): choose refused",
			               i, shape, n);
		} else {
			for (size_t k = 0; k < GIG_FORECAST_HORIZON; k++)
				if (!isfinite(c.forecast[k]))
					record_failure(f,
					               "series %" G_GUINT64_FORMAT
					               " (%s, n=%zu): forecast[%zu] = %g (%s)",
					               i, shape, n, k, c.forecast[k], c.name);
			if (isnan(c.error))
				record_failure(
				    f, "series %" G_GUINT64_FORMAT " (%s, n=%zu): error NaN", i,
				    shape, n);
			if (c.name[0] == '\0' || memchr(c.name, '\0', sizeof c.name) == NULL)
				record_failure(f, "series %" G_GUINT64_FORMAT ": bad method name",
				               i);
			if (c.have_backtest &&
			    (c.backtest.choice_rmsse >= c.backtest.n_rows ||
			     c.backtest.n_rows > GIG_BACKTEST_MAX_ROWS ||
			     c.backtest.rows[c.backtest.choice_rmsse].spec.method ==
			         GIG_FORECAST_ZERO))
				record_failure(f,
				               "series %" G_GUINT64_FORMAT
				               " (%s, n=%zu): backtest choice %zu of %zu rows",
				               i, shape, n, c.backtest.choice_rmsse,
				               c.backtest.n_rows);
			/* doubling the series doubles the forecast and keeps the choice */
			for (size_t t = 0; t < n; t++)
				y2[t] = 2.0 * y[t];
			gig_forecast_choice c2;
			memset(&c2, 0, sizeof c2);
			if (gig_forecast_choose(y2, n, &c2)) {
				double top = 0;
				for (size_t t = 0; t < n; t++)
					top = fmax(top, fabs(y[t]));
				bool same = strcmp(c.name, c2.name) == 0;
				for (size_t k = 0; same && k < GIG_FORECAST_HORIZON; k++)
					same = fabs(c2.forecast[k] - 2.0 * c.forecast[k]) <=
					       1e-6 * fmax(top, 1.0);
				if (!same)
					record_failure(f,
					               "series %" G_GUINT64_FORMAT
					               " (%s, n=%zu): x2 changes the "
					               "choice or forecast: %s %.17g -> %s %.17g",
					               i, shape, n, c.name, c.forecast[0], c2.name,
					               c2.forecast[0]);
			} else {
				record_failure(f, "series %" G_GUINT64_FORMAT ": x2 refused", i);
			}
		}

		/* the bootstrap runway on the series read as a net flow */
		gig_runway_options o = GIG_RUNWAY_OPTIONS_INIT;
		o.paths = (uint32_t)rnd_range(&r, 1, rnd_chance(&r, 80) ? 400 : 4000);
		o.block = (uint32_t)rnd_range(&r, 1, 24);
		o.horizon = (uint32_t)rnd_range(&r, 1, 240);
		o.seed = gig_splitmix64_next(&r);
		double *work = NULL;
		if (rnd_chance(&r, 50))
			o.work = work = g_new(double, 2 * (size_t)o.paths);
		static const double cash_choices[] = {0, -1, 1, 1e12, -1e12};
		double cash0 = rnd_chance(&r, 50) ? cash_choices[rnd_below(&r, 5)]
		                                  : floor((rnd_unit(&r) - 0.2) * 1e9);
		gig_runway_result res;
		memset(&res, 0, sizeof res);
		bool ok = gig_runway_bootstrap(y, n, cash0, &o, &res);
		if (n == 0 && ok)
			record_failure(f, "series %" G_GUINT64_FORMAT ": bootstrap accepted n = 0",
			               i);
		if (n > 0 && !ok)
			record_failure(
			    f, "series %" G_GUINT64_FORMAT " (%s, n=%zu): bootstrap refused", i,
			    shape, n);
		if (n > 0 && ok) {
			bootstraps++;
			double hz = (double)o.horizon;
			double q[] = {res.p10, res.p50, res.p90, res.mean};
			for (size_t k = 0; k < G_N_ELEMENTS(q); k++)
				if (isnan(q[k]) || q[k] < 0 || q[k] > hz)
					record_failure(
					    f,
					    "series %" G_GUINT64_FORMAT
					    " (%s, n=%zu, cash %g): runway figure %zu = %g "
					    "outside [0, %g]",
					    i, shape, n, cash0, k, q[k], hz);
			if (!(res.p10 <= res.p50 && res.p50 <= res.p90))
				record_failure(f,
				               "series %" G_GUINT64_FORMAT
				               " (%s, n=%zu): quantiles %g %g %g not ordered",
				               i, shape, n, res.p10, res.p50, res.p90);
			if (!(res.censored_fraction >= 0 && res.censored_fraction <= 1))
				record_failure(f, "series %" G_GUINT64_FORMAT ": censored %g", i,
				               res.censored_fraction);
			for (size_t k = 0; k < GIG_RUNWAY_PROB_COUNT; k++) {
				double p = res.prob_ruin_within[k];
				if (!(p >= 0 && p <= 1) ||
				    (k > 0 && !(p >= res.prob_ruin_within[k - 1])))
					record_failure(f,
					               "series %" G_GUINT64_FORMAT
					               " (%s, n=%zu): P(ruin within %g) = %g",
					               i, shape, n, gig_runway_prob_months[k], p);
			}
			if (!(res.cfar90 >= 0) || !isfinite(res.cfar90))
				record_failure(
				    f, "series %" G_GUINT64_FORMAT " (%s, n=%zu): cfar90 %g", i,
				    shape, n, res.cfar90);

			double salary = -1;
			if (!gig_runway_risk_salary(y, n, cash0, &o, 0.10, &salary))
				record_failure(
				    f, "series %" G_GUINT64_FORMAT ": risk salary refused", i);
			else if (!(salary >= 0) || !isfinite(salary))
				record_failure(
				    f, "series %" G_GUINT64_FORMAT " (%s, n=%zu): risk salary %g",
				    i, shape, n, salary);
		}
		g_free(work);

		double det = gig_runway_deterministic(y, n, cash0);
		if (isnan(det) || det < 0)
			record_failure(f,
			               "series %" G_GUINT64_FORMAT " (%s, n=%zu): deterministic %g",
			               i, shape, n, det);

		if (f->count != before && f->count <= SOAK_MAX_REPORTED) {
			/* the series itself, to replay the failure without the generator */
			g_string_append_printf(f->log, "    series %" G_GUINT64_FORMAT " = [", i);
			series_text(f->log, y, n);
			g_string_append(f->log, "]\n");
		}
		if (f->count > SOAK_MAX_REPORTED)
			break;
	}
	print_message("forecast soak: seed %#" PRIx64 ", %" G_GUINT64_FORMAT
	              " series (%" G_GUINT64_FORMAT " bootstrapped) in %.1f s%s\n",
	              base, done, bootstraps, g_timer_elapsed(timer, NULL),
	              capped ? " (stopped at the time cap)" : "");
}

static void
test_soak__forecast_series(void **state)
{
	(void)state;
	SOAK_SKIP_UNLESS_ENABLED();
	soak_failures f = {0, g_string_new(NULL)};
	run_forecast_series(&f);
	finish_failures(&f, "forecast soak");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_soak__import_mutations),
	    cmocka_unit_test(test_soak__ledger_operations),
	    cmocka_unit_test(test_soak__forecast_series),
	};
	const char *only = g_getenv("GIG_SOAK_CASE");
	if (only != NULL && *only != '\0')
		cmocka_set_test_filter(only);
	const char *spec = g_getenv("GIG_SOAK_SPEC");
	if (spec != NULL && *spec != '\0')
		gig__scan_spec_records = (size_t)g_ascii_strtoull(spec, NULL, 10);
	if (g_strcmp0(g_getenv("GIG_SOAK_BULK"), "1") == 0)
		gig__import_bulk_bytes = 0;
	int failed = cmocka_run_group_tests(tests, NULL, NULL);
	/* all three skipped: tell ctest so (SKIP_RETURN_CODE) */
	if (failed == 0 && !soak_enabled())
		return SOAK_SKIP_STATUS;
	return failed;
}
