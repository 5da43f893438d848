/*
 * import_scan.h (private): one scan of a CSV file.  import_scan.c runs
 * passes 1 and 2 (layout, column statistics), decides, and drives pass 3;
 * import_rows.c turns each record into a transaction.  What the scan decided
 * is one value, gig__decisions, that import_rows.c only reads: it writes
 * nothing of the scan's.  Speculation (counting during pass 3 and checking
 * the decisions afterwards) lives entirely in import_scan.c.
 */
#ifndef GIG_IMPORT_SCAN_H
#define GIG_IMPORT_SCAN_H

#include "import_internal.h"

/* What pass 2 counted about one column. */
struct gig__colstat {
	int64_t nonempty;
	int64_t money;
	int64_t minus; /* values with a minus sign or parentheses */
	int64_t dot, comma;
	int64_t dated;
	int64_t date_hits[GIG__DATE_FORMATS];
	gig_date date_max[GIG__DATE_FORMATS];
	/* the order of the dates as each format reads them, row after row: the
	 * previous date, steps up and down, and the days all steps cover */
	gig_date date_prev[GIG__DATE_FORMATS];
	int64_t date_up[GIG__DATE_FORMATS], date_down[GIG__DATE_FORMATS];
	int64_t date_gap[GIG__DATE_FORMATS];
	char mark;      /* decided decimal mark */
	int fmt;        /* decided date format index, -1 = forced or none */
	bool cr_only;   /* direction column holding only "CR" */
	uint64_t alive; /* date formats that have read every date of the column so far */
	bool full;      /* the column mixes formats: every candidate is counted */
	char last[32];  /* the last date counted while !full: its repeats read the same */
	/* Dr/Cr markers of a money column */
	gig__marks marks;
};

/* What the scan decided about one column. */
struct gig__coldec {
	int fmt;        /* date format index (gig__date_formats), -1 = forced or none */
	char mark;      /* decimal mark */
	bool has_minus; /* some amount carries a sign: the column is signed */
	bool cr_only;   /* a direction column holding only "CR" */
	int marks_rule; /* gig__marks_rule() of the column's Dr/Cr markers */
};

/* Everything passes 1 and 2 decided, read (never written) by pass 3. */
typedef struct {
	const char *path; /* for messages */
	gig__layout l;
	struct gig__coldec *col; /* ncol entries */
	size_t ncol;
	char file_mark;
	char def_currency[4];
	gig_date max_date; /* the booking column's latest date (pending rows), or INT32_MIN */
	gig_date today;
	/* the year of dates written without one: the latest date the preamble
	 * states (a statement month is its last day), else today */
	gig_date year_ref;
	/* balances stated above the header ("Saldo;150,00") */
	bool pre_closing, pre_opening;
	int64_t pre_closing_minor, pre_closing_line, pre_opening_minor;
	/* rows with a balance also get their pre-sql/0015 fingerprint (gig__scan_set_old_identity) */
	bool old_identity;
} gig__decisions;

/* Rows whose buffers can be reused (import_rows.c), and whether the consumer
 * hands rows back with gig__scan_recycle() instead of freeing them; the lock
 * guards spare, which the reading thread takes rows from while the storing
 * thread gives them back (import_pipe.c). */
typedef struct {
	GPtrArray *spare;
	GMutex lock;
	bool recycle;
} gig__row_pool;

struct gig__scan {
	gig__csv_reader *r;
	gig__decisions d;
	gig_import_options opts;
	gig_import_result *res; /* borrowed */
	struct gig__colstat *st;
	size_t nst;
	char file_mark;         /* decide()'s, published in d */
	gig_date max_date;      /* counted (forced format) or decided; published in d */
	gig_date preamble_date; /* the latest date the preamble states, or GIG_DATE_NONE */
	/* per column, what pass 1 made of it (gig_column_guess*) */
	GPtrArray *notes;
	/* first data row's raw text, for profile matching */
	char *first_line;
	gig__row_pool pool;
	/* speculation (see import_scan.c): pass 3's records are counted into
	 * spec_st as pass 2 would have */
	bool spec;
	struct gig__colstat *spec_st;
	gig_date spec_max_date;
	/* a statement file (OFX, CAMT.053, QIF, MT940; import_stmt.c): its rows,
	 * read whole by gig__scan_prepare(); NULL for CSV */
	GPtrArray *stmt_rows;
};

/* The shapes of one record's money cells (columns below 64), as counting found
 * them, so that pass 3 need not work them out a second time. */
struct gig__shape_cache {
	uint64_t known; /* bit c: column c was looked at */
	uint64_t ok;    /* bit c: ... and is an amount, shape[c] */
	gig__money_shape shape[64];
};

/* ---- pass 3, one record at a time (import_rows.c) ---- */

typedef struct gig__rows gig__rows;
/* Converts records under `d` (borrowed, read only) into rows handed to `cb`;
 * rows come from and go back to `pool`; counts and balances go to `res`. */
gig__rows *gig__rows_new(const gig__decisions *d, gig__row_pool *pool, gig_import_result *res,
                         gig__row_cb cb, void *payload);
/* One data record; `shapes` is what counting saw of its money cells (may say nothing). */
bool gig__rows_record(gig__rows *u, const gig__csv_record *rec,
                      const struct gig__shape_cache *shapes, GError **error);
/* One row of a statement file (OFX, CAMT.053, QIF, MT940; import_stmt.c), read
 * whole already: it takes the way a record's row takes from conversion on. */
bool gig__rows_stmt(gig__rows *u, const gig_csv_row *in, GError **error);
/* After the last record: hands over the held row, checks the balances. */
bool gig__rows_finish(gig__rows *u, GError **error);
/* Whether a row took d->max_date (a "Pending" date cell): speculation must
 * then have decided the same latest date. */
bool gig__rows_took_max_date(const gig__rows *u);
void gig__rows_free(gig__rows *u);
void gig__pool_put(gig__row_pool *pool, gig_csv_row *row);
void gig__pool_clear(gig__row_pool *pool);

/* The first records of the file, as pass 1 reads them. */
typedef struct {
	GPtrArray *recs; /* GStrv */
	GArray *lines;   /* int64_t */
	/* the user's --date-format, or NULL: which values read as dates */
	const char *date_format;
} gig__sample;

/* ---- inference from values (import_infer.c) ---- */

/*
 * The first data record of the sample at or after `from` (a date and an
 * amount, as wide as such records usually are), or -1.  *header gets the record
 * above it when that one reads as a header, *upper the one above that when the
 * header is split over two lines; -1 otherwise.
 */
int64_t gig__infer_data_start(const gig__sample *sm, size_t from, int64_t *header, int64_t *upper);
/*
 * Assigns roles to the columns of `l` from the values of the sample's records
 * from `first` on, the header names (l->names) only raising scores.  With
 * `full`, every role the layout lacks; without, only what names cannot say
 * (a status column, a payee when no column names one).  Of an amount in the
 * operation's currency and one in `account_currency` (may be NULL), the latter.
 */
void gig__infer_roles(gig__layout *l, const gig__sample *sm, size_t first, bool full,
                      const char *account_currency);
/* Per column: the role in `l`, its score, why, the runner-up.  (transfer full) */
GPtrArray *gig__infer_explain(const gig__layout *l, const gig__sample *sm, size_t first);

#define GIG__STATUS_PENDING 1
#define GIG__STATUS_BOOKED 2
#define GIG__STATUS_CANCELLED 3
/* A status value (booked / pending / cancelled in many languages), or 0. */
int gig__status_word(const char *text);
#define GIG__SUMMARY_OPENING 1
#define GIG__SUMMARY_CLOSING 2
#define GIG__SUMMARY_TOTAL 3
/* A cell that starts a summary row: an opening or closing balance, a total; or 0. */
int gig__summary_cell(const char *text);

/* Cell `c` of a record, or "" beyond its end. */
static inline const char *
gig__cell(const gig__csv_record *rec, int c)
{
	return c >= 0 && (size_t)c < rec->n ? rec->f[c] : "";
}

/* True for an empty or blank cell. */
bool gig__blank(const char *s);
/* A direction word: +1 credit (C, Bij, H, CR...), -1 debit, 2 memo (no money), 0 unknown. */
int gig__direction_word(const char *text);
/* Name of column c for messages: 'Betrag' or #3. (transfer full) */
char *gig__col_label(const gig__layout *l, int c);

#endif
