/*
 * fuzz_amount.c: the amount grammar (gig__amount_scan, money.c) and what is
 * built on it: gig_money_parse() for typed amounts, the bank-cell shape and
 * value (import_sniff_amount.c).  Byte 0 picks the decimal mark (bit 0) and the
 * separator kinds (bits 1-6), byte 1 the exponent (0-4) and extra_zeros
 * (bit 3); the rest is the text, in a buffer of exactly its length so that
 * ASan sees any read past it.  Properties: a scanned amount is within
 * GIG_AMOUNT_MAX, and parse -> format -> parse gives it back, plain, grouped
 * with ',' and with the marks swapped.
 */
#include <string.h>

#include <gigledger/money.h>

#include "fuzz.h"
#include "import_internal.h"
#include "internal.h"

/* The formatted amount read back with the grammar, with '.' or ',' as the mark. */
static void
round_trip(int64_t v, int exponent)
{
	char plain[GIG_MONEY_BUFSZ], grouped[GIG_MONEY_BUFSZ];
	gig_money_format(plain, v, exponent, false);
	gig_money_format(grouped, v, exponent, true);
	int64_t back = -1;
	fuzz_check(gig__amount_scan(plain, strlen(plain), '.', 0, exponent, false, &back) ==
	               GIG__AMOUNT_OK &&
	           back == v);
	back = -1;
	fuzz_check(gig__amount_scan(grouped, strlen(grouped), '.', GIG__SEP_COMMA, exponent, false,
	                            &back) == GIG__AMOUNT_OK &&
	           back == v);
	back = -1;
	fuzz_check(gig_money_parse(&back, grouped, exponent, NULL) && back == v);
	/* the European spelling: 1.234,50 */
	for (char *c = grouped; *c; c++)
		*c = *c == ',' ? '.' : *c == '.' ? ',' : *c;
	back = -1;
	fuzz_check(gig__amount_scan(grouped, strlen(grouped), ',', GIG__SEP_DOT, exponent, false,
	                            &back) == GIG__AMOUNT_OK &&
	           back == v);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 2)
		return 0;
	char mark = data[0] & 1 ? ',' : '.';
	unsigned seps = (data[0] >> 1) & GIG__SEP_ALL;
	int exponent = data[1] % 5;
	bool extra_zeros = data[1] & 8;
	size_t len = size - 2;
	char *text = malloc(len ? len : 1);
	memcpy(text, data + 2, len);

	int64_t v = -1;
	gig__amount_status st = gig__amount_scan(text, len, mark, seps, exponent, extra_zeros, &v);
	fuzz_check(gig__amount_status_text(st) != NULL);
	if (st == GIG__AMOUNT_OK) {
		fuzz_check(v >= 0 && v <= GIG_AMOUNT_MAX);
		round_trip(v, exponent);
	} else {
		fuzz_check(v == -1); /* untouched on failure */
	}

	char *z = g_strndup(text, len); /* up to the first NUL */
	int64_t typed = 0;
	GError *e = NULL;
	if (gig_money_parse(&typed, z, exponent, &e)) {
		fuzz_check(gig_amount_ok(typed));
		round_trip(typed < 0 ? -typed : typed, exponent);
		char buf[GIG_MONEY_BUFSZ];
		int64_t back = 0;
		fuzz_check(gig_money_parse(&back, gig_money_format(buf, typed, exponent, true),
		                           exponent, NULL) &&
		           back == typed);
	} else {
		fuzz_check(e != NULL);
		g_clear_error(&e);
	}

	gig__money_shape sh;
	if (gig__money_shape_of(z, &sh)) {
		int64_t dot = 0, comma = 0;
		gig__money_vote(&sh, &dot, &comma);
		for (int m = 0; m < 2; m++) {
			int64_t cell = 0;
			if (gig__money_value(&sh, m ? ',' : '.', exponent, &cell) == 0)
				fuzz_check(gig_amount_ok(cell));
		}
		gig__currency_symbol(z);
	}
	g_free(z);
	free(text);
	return 0;
}
