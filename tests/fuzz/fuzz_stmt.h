/*
 * fuzz_stmt.h: the body of the statement harnesses (fuzz_ofx.c, fuzz_camt.c,
 * fuzz_qif.c, fuzz_mt940.c): any bytes through one reader (import_stmt.h),
 * decoded as the importer decodes a file.  Properties: no crash, leak or
 * undefined behaviour; an error has a UTF-8 message; every row has a real
 * date, an amount within GIG_AMOUNT_MAX, a line inside the input, UTF-8
 * text, a three-letter currency and a record text; a stated balance is
 * within the bound too.
 */
#ifndef GIG_FUZZ_STMT_H
#define GIG_FUZZ_STMT_H

#include <string.h>

#include <gigledger/money.h>

#include "fuzz.h"
#include "import_stmt.h"

static inline int
fuzz_stmt(gig__format f, const uint8_t *data, size_t size)
{
	int64_t lines = 1;
	for (size_t i = 0; i < size; i++)
		lines += data[i] == '\n';
	gig__stmt *st = gig__stmt_new("fuzz", "EUR");
	GError *e = NULL;
	char *enc = NULL;
	if (!gig__stmt_parse(st, f, (const char *)data, size, NULL, &enc, &e)) {
		fuzz_check(e != NULL && e->message != NULL &&
		           g_utf8_validate(e->message, -1, NULL));
		g_clear_error(&e);
		g_free(enc);
		gig__stmt_free(st);
		return 0;
	}
	fuzz_check(enc != NULL && st->format != NULL);
	for (guint i = 0; i < st->rows->len; i++) {
		const gig_csv_row *w = st->rows->pdata[i];
		int y = 0;
		gig_date_to_ymd(w->posted_on, &y, NULL, NULL);
		fuzz_check(y >= 1 && y <= 9999);
		fuzz_check(gig_amount_ok(w->amount_minor));
		fuzz_check(w->line_no >= 1 && w->line_no <= lines);
		fuzz_check(w->payee != NULL && g_utf8_validate(w->payee, -1, NULL));
		fuzz_check(w->memo != NULL && g_utf8_validate(w->memo, -1, NULL));
		fuzz_check(w->external_id == NULL || g_utf8_validate(w->external_id, -1, NULL));
		fuzz_check(w->raw != NULL && g_utf8_validate(w->raw, -1, NULL));
		fuzz_check(strlen(w->currency) == 3);
	}
	fuzz_check(!st->has_closing || gig_amount_ok(st->closing_minor));
	g_free(enc);
	gig__stmt_free(st);
	return 0;
}

#endif
