/*
 * import_scan.h (private): the state of one scan of a CSV file, shared by
 * import_scan.c (passes 1 and 2: layout and column statistics) and
 * import_rows.c (pass 3: rows, balances).
 */
#ifndef GIG_IMPORT_SCAN_H
#define GIG_IMPORT_SCAN_H

#include "import_internal.h"

/* What pass 2 learned about one column. */
struct gig__colstat {
	int64_t nonempty;
	int64_t money;
	int64_t minus; /* values with a minus sign or parentheses */
	int64_t dot, comma;
	int64_t dated;
	int64_t date_hits[GIG__DATE_FORMATS];
	gig_date date_max[GIG__DATE_FORMATS];
	char mark;      /* decided decimal mark */
	int fmt;        /* decided date format index, -1 = forced or none */
	bool cr_only;   /* direction column holding only "CR" */
	uint32_t alive; /* date formats that have read every date of the column so far */
	bool full;      /* the column mixes formats: every candidate is counted */
	char last[32];  /* the last date counted while !full: its repeats read the same */
	/* Dr/Cr markers of a money column */
	gig__marks marks;
};

struct gig__scan {
	gig__csv_reader *r;
	gig__layout l;
	gig_import_options opts;
	gig_import_result *res; /* borrowed */
	struct gig__colstat *st;
	size_t nst;
	char file_mark;
	char def_currency[4];
	gig_date max_date;
	/* a closing balance stated above the header ("Saldo;150,00") */
	bool pre_closing;
	int64_t pre_closing_minor;
	int64_t pre_closing_line;
	/* first data row's raw text, for profile matching */
	char *first_line;
	/* pass 3 (import_rows.c): rows whose buffers can be reused, and whether the
	 * consumer hands rows back with gig__scan_recycle() instead of freeing them;
	 * spare_lock guards spare, which the reading thread takes rows from while the
	 * storing thread gives them back (import_pipe.c) */
	GPtrArray *spare;
	GMutex spare_lock;
	bool recycle;
	/* rows with a balance also get their pre-sql/0015 fingerprint (import_rows.c) */
	bool old_identity;
	/* speculation (see import_scan.c): pass 3 counts into spec_st as pass 2
	 * would have; spec_max_date_used when a row took the file's latest date */
	bool spec;
	struct gig__colstat *spec_st;
	gig_date spec_max_date;
	bool spec_max_date_used;
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

/* Counts a data record's cells into `arr` (pass 2's statistics); with `cache`,
 * remembers the money cells' shapes there. */
void gig__scan_count(struct gig__scan *s, struct gig__colstat *arr, gig_date *max_date,
                     const gig__csv_record *rec, struct gig__shape_cache *cache);
/* After a speculative pass 3 has counted every record: true when deciding from all
 * of them gives the decisions pass 3 used. */
bool gig__scan_verify(struct gig__scan *s);

/* Frees the spare rows (import_rows.c). */
void gig__scan_spare_free(struct gig__scan *s);

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
/* Format index (or -1 when forced) and date for a date cell of column c. */
bool gig__scan_date(const struct gig__scan *s, int c, const char *text, gig_date *out);
/* Name of column c for messages: 'Betrag' or #3. (transfer full) */
char *gig__col_label(const struct gig__scan *s, int c);

#endif
