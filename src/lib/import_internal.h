/*
 * import_internal.h (private): the pieces of the CSV importer shared
 * between its files: the amount grammar (import_sniff_amount.c), date formats
 * (import_sniff_date.c), header/column sniffing (import_sniff.c), profiles (import_profile.c),
 * the row scanner (import_scan.c) and the database side (import.c,
 * import_db.c, rules.c).
 */
#ifndef GIG_IMPORT_INTERNAL_H
#define GIG_IMPORT_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include <sqlite3.h>

#include "import_csv.h"
#include "gigledger/import.h"

/* ---- amounts (import_sniff_amount.c) ------------------------------------------ */

/* The parts of a cell that looks like money, before the decimal mark is known. */
typedef struct {
	const char *core; /* digits and separators, inside the cell text */
	size_t core_len;
	bool minus;       /* '-', U+2212, trailing '-' or parentheses */
	bool plus;        /* an explicit '+' */
	int cr;           /* +1 "CR"/"C", -1 "DR"/"D", 0 neither (see gig__money_signed) */
	char currency[4]; /* ISO code or well-known symbol found in the cell, or "" */
} gig__money_shape;

/* False when the cell is not an amount (empty, words, dates, ...). */
/* INVALID_INPUT unless `opts` is NULL or of GIG_IMPORT_OPTIONS_VERSION (import.c). */
bool gig__import_options_check(const gig_import_options *opts, GError **error);
bool gig__money_shape_of(const char *text, gig__money_shape *out);
/* Adds what the cell says about the decimal mark: +1 '.' votes, +1 ',' votes. */
void gig__money_vote(const gig__money_shape *s, int64_t *dot, int64_t *comma);
/*
 * Exact value in minor units with `decimal_mark` and `exponent`, read by
 * gig__amount_scan() (internal.h): GIG__AMOUNT_OK (0), or what is wrong.
 */
int gig__money_value(const gig__money_shape *s, char decimal_mark, int exponent, int64_t *out);
/*
 * Dr/Cr markers of one money column: values are counted one by one, the rule
 * for the values without a marker is decided from the whole column.
 */
typedef struct {
	int64_t dr, cr; /* values marked debit / credit */
} gig__marks;
void gig__marks_count(gig__marks *m, const gig__money_shape *s);
/*
 * How a value without a marker is read in a column with `m`: -1 as a debit
 * (the column marks only its credits, as card statements do), 0 by its own
 * sign (no markers, both kinds, or only debits marked).
 */
int gig__marks_rule(const gig__marks *m);
/* The signed amount of a cell of magnitude-and-sign `value` under `rule`:
 * a marker wins over a sign (12.00 DR is out, 12.00 CR is in). */
int64_t gig__money_signed(const gig__money_shape *s, int64_t value, int rule);
/* ISO code for a currency symbol at the start of `text` ("£" GBP), or NULL. */
const char *gig__currency_symbol(const char *text);

/* ---- dates (import_sniff_date.c) ---------------------------------------------- */

#define GIG__DATE_FORMATS 36
extern const char *const gig__date_formats[GIG__DATE_FORMATS];
/*
 * Parses `text` with a strftime-style format (%d %e %m %Y %y %b %B %a %A
 * and literals; a blank matches any run of blanks).  A time after a blank or
 * 'T' may follow the date, with seconds, am/pm and an offset: the date is
 * the one written, never moved by the offset.  A weekday name before the
 * date is skipped ("Mon, 25 Nov 2022").  False when it does not match or
 * the day does not exist.
 */
bool gig__date_parse_fmt(const char *fmt, const char *text, gig_date *out);
/*
 * The same with a message: "'2023:02:30' is not a date in the format
 * %Y:%m:%d (February 2023 has 28 days)".  INVALID_INPUT.
 */
bool gig__date_parse_fmt_error(const char *fmt, const char *text, gig_date *out, GError **error);
/* True when `fmt` (or, when NULL, one of gig__date_formats) reads `text`. */
bool gig__date_reads(const char *fmt, const char *text);
/* INVALID_INPUT unless `fmt` is a date format the parser knows (a user's --date-format). */
bool gig__date_format_check(const char *fmt, GError **error);

/* Month and weekday names of one language (import_sniff_date_names.c): blank-separated
 * spellings of each month, and of the weekdays. */
struct gig__date_lang {
	const char *lang;
	const char *months[12];
	const char *weekdays;
};
extern const struct gig__date_lang gig__date_langs[];
extern const size_t gig__date_n_langs;
/* Month 1..12 of a name (any case, accents optional, no final dot), or 0. */
int gig__month_of_name(const char *name, size_t len);
/* Bit i set when gig__date_formats[i] reads `text`. */
uint64_t gig__date_candidates(const char *text);
/* True for a format without a year ("%m/%d", "%m月%d日"): it reads dates in
 * year GIG__YEARLESS, which gig__date_in_year_of() moves to their real year. */
bool gig__date_format_yearless(const char *fmt);
#define GIG__YEARLESS 2000
/* Date d of a yearless format (read in GIG__YEARLESS) in the latest year that
 * puts it on or before `ref`. */
gig_date gig__date_in_year_of(gig_date d, gig_date ref);
/* True when the two formats differ only by the order of day and month. */
bool gig__date_formats_swapped(int a, int b);

/* ---- layout (import_import_sniff.c, import_profile.c) --------------------------------------- */

typedef enum {
	GIG__COL_DATE,
	GIG__COL_DATE_FALLBACK, /* used when the date cell is empty (Revolut started date) */
	GIG__COL_VALUE_DATE,
	GIG__COL_PAYEE,
	GIG__COL_FROM,
	GIG__COL_TO,
	GIG__COL_AMOUNT,
	GIG__COL_NET,
	GIG__COL_DEBIT,
	GIG__COL_CREDIT,
	GIG__COL_FEE,
	GIG__COL_DIRECTION,
	GIG__COL_CURRENCY,
	GIG__COL_BALANCE,
	GIG__COL_ID,
	GIG__COL_STATUS,
	GIG__COL_ROLES
} gig__col_role;

extern const char *const gig__col_role_names[GIG__COL_ROLES];
/* data/column-names.ini, compiled in (column_names_data.c, generated). */
extern const unsigned char gig__column_names_ini[];

#define GIG__MAX_MEMO 8

typedef struct {
	char delim;
	int64_t header_index; /* record index of the header, -1 = none */
	int64_t data_index;   /* record index of the first data record (after any preamble) */
	int64_t header_line;
	size_t ncols;
	char **names;            /* header names (trimmed), NULL when headerless */
	size_t n_names;          /* entries in names; ncols may grow past it (ragged rows) */
	int col[GIG__COL_ROLES]; /* column index per role, -1 = none */
	int memo[GIG__MAX_MEMO];
	size_t n_memo;
	char header_currency[4];
	bool invert;
	char *date_format; /* from the options or a profile, else inferred */
	char decimal_mark; /* forced, 0 = infer per column */
	char *currency;    /* profile currency, or NULL */
	char *profile;     /* profile name, or NULL */
} gig__layout;

void gig__layout_clear(gig__layout *l);
/* Normalised header text: casefolded, accents removed, punctuation as blanks. */
char *gig__header_norm(const char *name);
/*
 * gig__header_norm() of an ASCII `name` into buf (cap bytes, NUL included):
 * returns the length, or (size_t)-1 when the name is not ASCII or does not
 * fit (then use gig__header_norm()).  No allocation.
 */
size_t gig__ascii_norm(const char *name, char *buf, size_t cap);
/* Maps header names to roles; false if too few are recognised to call it a header. */
bool gig__layout_from_header(gig__layout *l, char **names, size_t n);
/* The header name of column c, or NULL (headerless, or a column the header lacks). */
const char *gig__layout_name(const gig__layout *l, int c);
/* Role a header name suggests (GIG__COL_ROLES for memo, -1 none); *rank: lower is
 * surer, 5 = only a word of the name matched. */
int gig__header_role(const char *name, int *rank);
/* The currency a header name ends with ("Earnings (USD)"): true with its code. */
bool gig__header_currency(const char *name, char cur[4]);
/* Score of a record as a header (number of recognised names). */
int gig__header_score(char **fields, size_t n);
/* Human-readable "date=Buchung amount=Betrag ...". (transfer full) */
char *gig__layout_describe(const gig__layout *l);

/* ---- profiles (import_profile.c) ---------------------------------------------- */

typedef struct gig__profile gig__profile;
void gig__profile_free(gig__profile *p);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(gig__profile, gig__profile_free)
/*
 * Loads the profile named (or path) `name` from `dirs`; NOT_FOUND lists the dirs.
 * Every group, key and value is checked (see import_profile.c); INVALID_INPUT reads
 * "FILE: [group] key (line N): what is wrong".
 */
bool gig__profile_load(gig__profile **out, const char *name, const char *const *dirs,
                       GError **error);
/* The same from the text of a profile file; `path` is only named in messages. */
bool gig__profile_parse(gig__profile **out, const char *path, const char *text, size_t len,
                        GError **error);
/*
 * Looks for a profile whose header fingerprint matches `header` (n names),
 * or whose match_regex matches `first_line` for headerless files.  *out is
 * NULL when none does.
 */
bool gig__profile_find_auto(gig__profile **out, const char *const *dirs, char **header, size_t n,
                            const char *first_line, GError **error);
const char *gig__profile_name(const gig__profile *p);
const char *gig__profile_encoding(const gig__profile *p);
/* Delimiter the profile fixes, or 0. */
char gig__profile_delimiter(const gig__profile *p);
/*
 * Overrides the layout with what the profile fixes.  `width` is the number of
 * columns of the file's widest row seen so far: a column number past it, or a
 * header name the file's header lacks, is INVALID_INPUT naming the key and line.
 */
bool gig__profile_apply(const gig__profile *p, gig__layout *l, size_t width, GError **error);

/* The text of a profile that fixes what `l` and `g` say (header=auto, columns by
 * number), named "saved".  (transfer full) */
char *gig__profile_text(const gig__layout *l, const gig_import_guesses *g);

/* ---- the row scanner (import_scan.c) ----------------------------------- */

typedef struct gig__scan gig__scan;
void gig__scan_free(gig__scan *s);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(gig__scan, gig__scan_free)

/*
 * Opens the file and runs the first two passes: sniff the layout from a
 * prefix, then gather date and amount statistics over every row.  Fills
 * res->guesses; res->file_sha256 is filled by gig__scan_file_sha256() (the
 * hash is computed on its own thread meanwhile, see import_csv.c).  With `speculate`, a file of more than
 * gig__scan_spec_records data records is decided from those first (see
 * import_scan.c); gig__scan_run then fails with GIG__SCAN_RESCAN when the
 * whole file decides otherwise, and the caller must start again without.
 */
bool gig__scan_prepare(gig__scan **out, const char *path, const gig_import_options *opts,
                       bool speculate, gig_import_result *res, GError **error);
/* Records decided from when speculating (a variable so that tests can make it small). */
extern size_t gig__scan_spec_records;
GQuark gig__scan_rescan_quark(void);
#define GIG__SCAN_RESCAN gig__scan_rescan_quark()
/* An import that met more duplicates before its first new row than it keeps in
 * memory: gig_import_file() runs it again, writing their records at once
 * (import_db.c (15)). */
GQuark gig__import_eager_quark(void);
#define GIG__IMPORT_EAGER gig__import_eager_quark()
/* Duplicates' records an import keeps before its first new row (a variable so that
 * tests can make it small), and how many imports had to run again for it. */
extern size_t gig__import_defer_max;
extern gint gig__import_eager_retries;
/* Sets res->file_sha256, waiting for the file's hash if need be. */
void gig__scan_file_sha256(gig__scan *s);
/* Whether pass 3 will run on speculative decisions. */
bool gig__scan_speculating(const gig__scan *s);
/* How many imports had to start again without speculation (for tests). */
extern gint gig__import_rescans;
/* Files this big or bigger are stored with a rollback journal (import_db.c (9);
 * a variable so that tests can make it small). */
extern int64_t gig__import_bulk_bytes;
/* The size of the file being read, in bytes. */
int64_t gig__scan_file_size(const gig__scan *s);
/* Whether rows may carry different currencies: a currency column, or a statement
 * file (import_db.c (14) then looks at each row's text for currency conversions). */
bool gig__scan_has_currency_column(const gig__scan *s);

/*
 * Length of a row's fingerprint: the first 64 bits of its SHA-256 in hex.
 * 64 bits within one account and date, plus the occurrence index, make a
 * collision between distinct rows practically impossible.
 */
#define GIG__FINGERPRINT_LEN 16

/* Receives each transaction; the callee may take ownership by stealing fields. */
typedef bool (*gig__row_cb)(gig_csv_row *row, void *payload, GError **error);

/*
 * Third pass: converts every transaction row and calls `cb`.  Fills
 * res->skipped_rows and res->balance_breaks.  Progress and cancellation
 * go through opts->progress.
 */
bool gig__scan_run(gig__scan *s, gig__row_cb cb, void *payload, GError **error);
/* "YYYY-MM-DD" of `date` into buf without printf (once per row when reading and when
 * storing); returns its length.  gig_date_format() for years outside 0..9999. */
size_t gig__date_text(char buf[GIG_DATE_BUFSZ], gig_date date);

/* g_string_append_len() without the call when the bytes fit (several times a row). */
static inline void
gig__str_add(GString *s, const char *p, size_t n)
{
	if (s->len + n < s->allocated_len) {
		memcpy(s->str + s->len, p, n);
		s->len += n;
		s->str[s->len] = '\0';
	} else {
		g_string_append_len(s, p, (gssize)n);
	}
}

/* ---- the records an import read, compressed (import_raw.c) ------------- */

typedef struct gig__raw_chunker gig__raw_chunker;
typedef struct {
	int64_t first_line, last_line;
	GBytes *text; /* "LINE\0TEXT\0" entries */
} gig__raw_chunk;
gig__raw_chunker *gig__raw_chunker_new(void);
void gig__raw_chunker_free(gig__raw_chunker *k);
/* Adds a record; true when the chunk is full and should be taken. */
bool gig__raw_chunker_add(gig__raw_chunker *k, int64_t line, const char *text);
/* Hands what was added over in *out (the caller unrefs out->text); false if nothing was. */
bool gig__raw_chunker_take(gig__raw_chunker *k, gig__raw_chunk *out);
/* Compresses a chunk of batch `batch_id` and writes it (inside the caller's transaction). */
bool gig__raw_chunk_store(sqlite3 *db, int64_t batch_id, const gig__raw_chunk *chunk,
                          GError **error);

typedef bool (*gig__chunk_cb)(const gig__raw_chunk *chunk, void *payload, GError **error);

/*
 * gig__scan_run with the reading on a worker thread (import_pipe.c): `cb` still
 * runs on the calling thread, sees the same rows in the same order, and the call
 * ends with the same result and error.  With `chunk_cb`, the reading thread also
 * collects every row's record into chunks (compressed when stored), handed to chunk_cb on the
 * calling thread.
 */
bool gig__scan_run_piped(gig__scan *s, gig__row_cb cb, gig__chunk_cb chunk_cb, void *payload,
                         GError **error);

/*
 * With `on`, gig__scan_run hands out rows whose text lives in buffers the
 * scan reuses: the callee must give each row back with gig__scan_recycle()
 * (never gig__csv_row_free()) once it is done with it, and must not keep
 * pointers into it.  row->category is then never set.  Off (the default),
 * every row is the callee's to keep or free.
 */
void gig__scan_set_recycle(gig__scan *s, bool on);
/* With `on`, rows with a running balance also carry old_fingerprint (their identity
 * before sql/0015), for an account that holds rows imported before it. */
void gig__scan_set_old_identity(gig__scan *s, bool on);
void gig__scan_recycle(gig__scan *s, gig_csv_row *row);

void gig__csv_row_free(gig_csv_row *row);
gig_import_result *gig__import_result_new(void);

/*
 * The fingerprint `row` has as the occurrence `occ` of its identity on its day
 * (import_rows.c builds every row's from the same text): for the look-up of a
 * row's identical twins (import_db.c (13)).
 */
void gig__row_fingerprint_at(const gig_csv_row *row, uint32_t occ,
                             char out[GIG__FINGERPRINT_LEN + 1]);

/* Normalised text for fingerprints and similarity: casefolded, blanks collapsed. */
char *gig__text_norm(const char *text);
/* The same, appended to `out` (no allocation for ASCII text beyond out's growth). */
void gig__text_norm_append(GString *out, const char *text);

/*
 * Remembers that the import `batch_id` changed row `txn_id` outside its own rows
 * (kind "settled", "flipped" or "transfer"; for "settled" the row's current values
 * are saved first), so that gig_import_undo() can restore it.
 */
/*
 * SQL: the row T (a table alias) belongs to import batch P (a parameter such as "?1"),
 * without an index on batch_id (sql/0007): it lies in the batch's id range and still
 * carries its id, or it is a pending row the batch settled.
 */
#define GIG__IN_BATCH(T, P)                                                                        \
	"(" T ".id BETWEEN (SELECT first_txn_id FROM import_batches WHERE id = " P ")"             \
	" AND (SELECT last_txn_id FROM import_batches WHERE id = " P ")"                           \
	" OR " T ".id IN (SELECT txn_id FROM import_effects WHERE batch_id = " P                   \
	" AND kind = 'settled')) AND " T ".batch_id = " P

/* gig_import_undo() inside the caller's transaction; *removed = rows deleted. */
bool gig__import_undo_in_tx(sqlite3 *db, int64_t batch_id, int64_t *removed, GError **error);
/* The change_log entry (kind 'import', in effect) of a batch, 0 if none. */
bool gig__import_entry(sqlite3 *db, int64_t batch_id, int64_t *out, GError **error);
bool gig__import_effect(sqlite3 *db, int64_t batch_id, int64_t txn_id, const char *kind,
                        GError **error);

#endif
