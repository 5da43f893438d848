/*
 * fuzz_import.c: the whole reading side of an import (sniffer, profiles off,
 * the amount and date inference, the row scanner) through
 * gig_csv_parse_file() on any bytes.  Properties: no crash, leak or undefined
 * behaviour; every row has a real date, an amount within GIG_AMOUNT_MAX, a
 * line inside the file, UTF-8 text; the counts agree with the rows.
 */
#include <string.h>

#include <gigledger/import.h>
#include <gigledger/money.h>

#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = fuzz_file(0, data, size);
	int64_t lines = 1;
	for (size_t i = 0; i < size; i++)
		lines += data[i] == '\n' || data[i] == '\r';
	gig_import_options o = GIG_IMPORT_OPTIONS_INIT;
	o.currency = "EUR";
	gig_import_result *r = NULL;
	GError *e = NULL;
	if (!gig_csv_parse_file(path, &o, &r, &e)) {
		fuzz_check(e != NULL && e->message != NULL &&
		           g_utf8_validate(e->message, -1, NULL));
		g_clear_error(&e);
		return 0;
	}
	fuzz_check(r->rows != NULL);
	int64_t posted = 0, pending = 0;
	for (size_t i = 0; i < r->rows->len; i++) {
		const gig_csv_row *w = r->rows->pdata[i];
		int y = 0;
		gig_date_to_ymd(w->posted_on, &y, NULL, NULL);
		fuzz_check(y >= 1 && y <= 9999);
		fuzz_check(gig_amount_ok(w->amount_minor));
		fuzz_check(w->line_no >= 1 && w->line_no <= lines);
		fuzz_check(w->payee == NULL || g_utf8_validate(w->payee, -1, NULL));
		fuzz_check(w->memo == NULL || g_utf8_validate(w->memo, -1, NULL));
		fuzz_check(strlen(w->currency) == 3);
		posted += !w->pending;
		pending += w->pending;
	}
	fuzz_check(r->inserted == posted && r->pending == pending);
	gig_import_result_free(r);
	return 0;
}
