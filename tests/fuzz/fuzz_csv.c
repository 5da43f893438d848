/*
 * fuzz_csv.c: the CSV reader (import_csv.c) on any bytes.  The last byte picks
 * the encoding (detect, or force UTF-16LE, Latin-1, UTF-8).  Properties:
 * no crash, leak or undefined behaviour; every field is valid UTF-8; records
 * start on non-decreasing lines and end on or after their start; a second
 * pass reads the same records.
 */
#include <string.h>

#include "import_csv.h"
#include "fuzz.h"

static uint64_t
pass(gig__csv_reader *r, char delim, bool *ok)
{
	GError *e = NULL;
	uint64_t digest = 1469598103934665603u; /* FNV-1a over the fields read */
	if (!gig__csv_rewind(r, delim, &e)) {
		g_clear_error(&e);
		*ok = false;
		return 0;
	}
	const gig__csv_record *rec;
	int64_t last = 0;
	while (gig__csv_next(r, &rec, &e) && rec != NULL) {
		fuzz_check(rec->line >= 1 && rec->line >= last && rec->end_line >= rec->line);
		last = rec->line;
		for (size_t i = 0; i < rec->n; i++) {
			fuzz_check(g_utf8_validate(rec->f[i], -1, NULL));
			for (const char *c = rec->f[i]; *c; c++)
				digest = (digest ^ (unsigned char)*c) * 1099511628211u;
			digest = (digest ^ 0xff) * 1099511628211u;
		}
		digest = (digest ^ 0xfe) * 1099511628211u;
	}
	*ok = e == NULL;
	g_clear_error(&e);
	return digest;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const encodings[] = {NULL, "UTF-16LE", "latin1", "UTF-8"};
	const char *enc = size > 0 ? encodings[data[size - 1] % 4] : NULL;
	const char *path = fuzz_file(0, data, size);
	gig__csv_reader *r = NULL;
	GError *e = NULL;
	if (!gig__csv_open(&r, path, enc, &e)) {
		g_clear_error(&e);
		return 0;
	}
	char delim = ',';
	if (!gig__csv_sniff_delimiter(r, &delim, &e))
		g_clear_error(&e);
	bool ok1 = false, ok2 = false;
	uint64_t a = pass(r, delim, &ok1);
	uint64_t b = pass(r, delim, &ok2);
	fuzz_check(ok1 == ok2 && (!ok1 || a == b));
	gig__csv_sha256(r);
	gig__csv_free(r);
	return 0;
}
