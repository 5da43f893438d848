/*
 * fuzz_profile.c: the bank-profile loader (import_profile.c) on any bytes, and a
 * profile that loads applied to two small exports (with and without a
 * header) through gig_csv_parse_file().  Properties: no crash, leak or
 * undefined behaviour; a refusal names the profile and is valid UTF-8 (the
 * bytes of the profile are escaped); rows read have real dates and amounts
 * within GIG_AMOUNT_MAX.
 */
#include <string.h>

#include <gigledger/import.h>
#include <gigledger/money.h>

#include "fuzz.h"
#include "import_internal.h"

static const char headered[] = "Date;Payee;Amount;Balance\n"
                               "05.01.2026;Foo;12,50;112,50\n"
                               "06.01.2026;Bar;-3,00;109,50\n";
static const char headerless[] = "2026-01-05,Foo,12.50,CR\n"
                                 "2026-01-06,\"Bar, Baz\",-3.00,DR\n";

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *csv[2];
	if (csv[0] == NULL) {
		csv[0] = fuzz_file(1, (const uint8_t *)headered, sizeof headered - 1);
		csv[1] = fuzz_file(2, (const uint8_t *)headerless, sizeof headerless - 1);
	}
	gig__profile *p = NULL;
	GError *e = NULL;
	if (!gig__profile_parse(&p, "P.ini", (const char *)data, size, &e)) {
		fuzz_check(g_str_has_prefix(e->message, "P.ini: "));
		fuzz_check(g_utf8_validate(e->message, -1, NULL));
		g_clear_error(&e);
		return 0;
	}
	fuzz_check(g_utf8_validate(gig__profile_name(p), -1, NULL));
	gig__profile_free(p);

	const char *path = fuzz_file(0, data, size);
	for (int k = 0; k < 2; k++) {
		gig_import_options o = GIG_IMPORT_OPTIONS_INIT;
		o.profile = path;
		gig_import_result *r = NULL;
		if (!gig_csv_parse_file(csv[k], &o, &r, &e)) {
			fuzz_check(g_utf8_validate(e->message, -1, NULL));
			g_clear_error(&e);
			continue;
		}
		for (size_t i = 0; i < r->rows->len; i++) {
			const gig_csv_row *w = r->rows->pdata[i];
			int y = 0;
			gig_date_to_ymd(w->posted_on, &y, NULL, NULL);
			fuzz_check(y >= 1 && y <= 9999 && gig_amount_ok(w->amount_minor));
		}
		gig_import_result_free(r);
	}
	return 0;
}
