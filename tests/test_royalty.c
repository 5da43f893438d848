/*
 * test_royalty.c: royalty statements (royalty.h): exact decimal amounts, the four
 * layouts imported to totals worked out by hand (see tests/data/statements/), re-import
 * adding nothing, malformed lines refused with FILE:LINE and nothing written, payer
 * calendars (a PRS-like minimum that rolls over), balances and payout matching.
 */
#include <stdio.h>
#include <string.h>

#include <glib/gstdio.h>

#include <gigledger/royalty.h>

#include "db.h"
#include "helpers.h"

static int
month(int y, int m)
{
	return y * 12 + (m - 1);
}

static gig_date
day(int y, int m, int d)
{
	gig_date out;
	assert_true(gig_date_from_ymd(&out, y, m, d));
	return out;
}

static int64_t
count(gig_test_ledger *t, const char *sql)
{
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(gig__ledger_db(t->ledger), sql, -1, &st, NULL),
	                 SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	int64_t n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

static void
test_royalty__pico(void **state)
{
	(void)state;
	const struct {
		const char *text;
		int64_t pico;
	} good[] = {
	    {"0.00345678", 3456780000},
	    {"-0.5", -500000000000},
	    {"1.2E-05", 12000000},
	    {"1,234.5", 1234500000000000},
	    {"0.123456789012", 123456789012},
	    {"0.0074836644250", 7483664425}, /* DistroKid writes twelve decimals */
	    {" 7 ", 7000000000000},
	    {"$2.25", 2250000000000},
	    {"0", 0},
	    {"3e2", 300000000000000},
	    {"0.000000000001", 1},
	    {"-0.00000001", -10000},
	    {"9223372.036854775807", INT64_MAX},
	};
	for (size_t i = 0; i < G_N_ELEMENTS(good); i++) {
		g_autoptr(GError) error = NULL;
		int64_t v = -1;
		bool ok = gig_pico_parse(&v, good[i].text, &error);
		gig_assert_ok(ok, error);
		if (v != good[i].pico)
			fail_msg("'%s': got %" G_GINT64_FORMAT, good[i].text, v);
	}
	const struct {
		const char *text;
		int code;
	} bad[] = {
	    {"0.1234567890123", GIG_ERROR_INVALID_INPUT},
	    {"", GIG_ERROR_INVALID_INPUT},
	    {"abc", GIG_ERROR_INVALID_INPUT},
	    {"1.2.3", GIG_ERROR_INVALID_INPUT},
	    {"1e", GIG_ERROR_INVALID_INPUT},
	    {"0.9l4", GIG_ERROR_INVALID_INPUT},
	    {"9223372.036854775808", GIG_ERROR_OVERFLOW},
	    {"1e30", GIG_ERROR_OVERFLOW},
	};
	for (size_t i = 0; i < G_N_ELEMENTS(bad); i++) {
		g_autoptr(GError) error = NULL;
		int64_t v = 42;
		bool ok = gig_pico_parse(&v, bad[i].text, &error);
		gig_assert_error(ok, error, bad[i].code);
		assert_int_equal(v, 42);
	}
	/* half away from zero, once */
	assert_int_equal(gig_pico_round(3635000000000, 2), 364);
	assert_int_equal(gig_pico_round(-3635000000000, 2), -364);
	assert_int_equal(gig_pico_round(3634999999999, 2), 363);
	assert_int_equal(gig_pico_round(-3634999999999, 2), -363);
	assert_int_equal(gig_pico_round(2500000000000, 0), 3);
	assert_int_equal(gig_pico_round(1234500000000, 3), 1235);
	assert_int_equal(gig_pico_round(4999999999, 2), 0);
	assert_int_equal(gig_pico_round(5000000000, 2), 1);
	assert_int_equal(gig_pico_round(-5000000000, 2), -1);
}

typedef struct {
	const char *file, *format, *payer, *currency;
	int64_t lines, total_pico, total_minor;
	int first, last;
	double as_float; /* the same lines summed as doubles, left to right */
} layout_case;

static void
test_royalty__layouts(void **state)
{
	(void)state;
	/* Totals summed by hand from the files' amount columns (tests/data/statements):
	 * DistroKid 0.02265684 + 0.07375025 + 0.91449339 + 0.1976334 + 0.93251427 +
	 * 0.4929717 + 1.00098015 = 3.63500000 -> 3.64; TuneCore 0.27698087 + 0.47669837
	 * + 0.42059917 + 0.29983061 + 2.00089098 = 3.47500000 -> 3.48; CD Baby 0.97525732
	 * + 0.68634913 + 0.56434164 + 0.31056086 + 3.00849105 = 5.54500000 -> 5.55;
	 * Bandcamp 0.56354713 + 0.65715869 + 0.10597737 + 3.00831681 = 4.33500000 -> 4.34.
	 * Each ends in exactly half a cent: a double sum rounds it down. */
	const layout_case cases[] = {
	    {"distrokid.tsv", "distrokid", "DistroKid", "USD", 7, 3635000000000, 364,
	     month(2024, 1), month(2024, 2),
	     0.02265684 + 0.07375025 + 0.91449339 + 0.1976334 + 0.93251427 + 0.4929717 +
	         1.00098015},
	    {"tunecore.csv", "tunecore", "TuneCore", "USD", 5, 3475000000000, 348, month(2024, 1),
	     month(2024, 2), 0.27698087 + 0.47669837 + 0.42059917 + 0.29983061 + 2.00089098},
	    {"cdbaby.tsv", "cdbaby", "CD Baby", "USD", 5, 5545000000000, 555, month(2024, 2),
	     month(2024, 3), 0.97525732 + 0.68634913 + 0.56434164 + 0.31056086 + 3.00849105},
	    {"bandcamp.csv", "bandcamp", "Bandcamp", "EUR", 4, 4335000000000, 434, month(2024, 1),
	     month(2024, 2), 0.56354713 + 0.65715869 + 0.10597737 + 3.00831681},
	};
	gig_test_ledger *t = gig_test_ledger_new("USD");
	for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
		const layout_case *c = &cases[i];
		g_autofree char *rel = g_build_filename("statements", c->file, NULL);
		g_autofree char *path = gig_test_data_path(rel);
		g_autoptr(GError) error = NULL;
		const char *format = NULL;
		bool ok = gig_statement_detect(path, &format, &error);
		gig_assert_ok(ok, error);
		assert_string_equal(format, c->format);
		gig_statement_result r = {0};
		ok =
		    gig_ledger_statement_import(t->ledger, path, NULL, day(2024, 6, 1), &r, &error);
		gig_assert_ok(ok, error);
		assert_string_equal(r.format, c->format);
		assert_string_equal(r.payer, c->payer);
		assert_string_equal(r.currency, c->currency);
		assert_int_equal(r.lines, c->lines);
		assert_int_equal(r.lines_new, c->lines);
		assert_int_equal(r.total_pico, c->total_pico);
		assert_int_equal(r.total_minor, c->total_minor);
		assert_int_equal(r.first_month, c->first);
		assert_int_equal(r.last_month, c->last);
		assert_true(r.statement_id > 0);
		/* what a float would have said: one cent less */
		char buf[32];
		snprintf(buf, sizeof buf, "%.2f", c->as_float);
		int64_t float_cents = 0;
		assert_true(gig_money_parse(&float_cents, buf, 2, NULL));
		assert_int_equal(float_cents, c->total_minor - 1);
		gig_statement_result_clear(&r);

		/* importing the same file again adds nothing */
		ok =
		    gig_ledger_statement_import(t->ledger, path, NULL, day(2024, 6, 2), &r, &error);
		gig_assert_ok(ok, error);
		assert_int_equal(r.lines, c->lines);
		assert_int_equal(r.lines_new, 0);
		assert_int_equal(r.total_minor, 0);
		assert_int_equal(r.statement_id, 0);
		gig_statement_result_clear(&r);
	}
	assert_int_equal(count(t, "SELECT count(*) FROM royalty_statements"), 4);
	g_autoptr(GPtrArray) stmts = NULL;
	g_autoptr(GError) lerr = NULL;
	bool lok = gig_ledger_statements(t->ledger, &stmts, &lerr);
	gig_assert_ok(lok, lerr);
	assert_int_equal(stmts->len, 4);
	for (guint i = 0; i < stmts->len; i++) {
		const gig_statement_info *x = stmts->pdata[i];
		assert_string_equal(x->file_name, cases[i].file);
		assert_string_equal(x->payer, cases[i].payer);
		assert_int_equal(x->lines, cases[i].lines);
		assert_int_equal(x->total_pico, cases[i].total_pico);
		assert_int_equal(x->total_minor, cases[i].total_minor);
		assert_int_equal(x->first_month, cases[i].first);
		assert_int_equal(x->last_month, cases[i].last);
		assert_int_equal(x->imported_on, day(2024, 6, 1));
		assert_int_equal(strlen(x->sha256), 64);
	}
	assert_int_equal(count(t, "SELECT count(*) FROM royalty_lines"), 21);
	/* the Latin-1 title reached the ledger as UTF-8 */
	assert_int_equal(count(t,
	                       "SELECT count(*) FROM royalty_lines WHERE work = 'Caf\xc3\xa9 Noir'"
	                       " AND payer = 'DistroKid'"),
	                 3);

	/* a later cumulative export repeats the seven lines and adds one */
	g_autofree char *later = gig_test_data_path("statements/distrokid-later.tsv");
	g_autoptr(GError) error = NULL;
	gig_statement_result r = {0};
	bool ok = gig_ledger_statement_import(t->ledger, later, NULL, day(2024, 6, 3), &r, &error);
	gig_assert_ok(ok, error);
	assert_int_equal(r.lines, 8);
	assert_int_equal(r.lines_new, 1);
	assert_int_equal(r.total_pico, 250000000000);
	assert_int_equal(r.total_minor, 25);
	assert_int_equal(r.first_month, month(2024, 3));
	gig_statement_result_clear(&r);

	/* the same file under another payer is that payer's earnings */
	g_autofree char *dk = gig_test_data_path("statements/distrokid.tsv");
	ok = gig_ledger_statement_import(t->ledger, dk, "Label Co", day(2024, 6, 3), &r, &error);
	gig_assert_ok(ok, error);
	assert_int_equal(r.lines_new, 7);
	assert_string_equal(r.payer, "Label Co");
	gig_statement_result_clear(&r);

	/* by month: 2024-01 holds DK 0.02265684 + 0.07375025 + 0.91449339 (twice: Label Co)
	 * + TC 0.27698087 + 0.47669837 + BC (EUR, apart) */
	g_autoptr(GPtrArray) groups = NULL;
	ok = gig_ledger_royalties_by(t->ledger, GIG_ROYALTY_BY_MONTH, &groups, &error);
	gig_assert_ok(ok, error);
	const gig_royalty_group *g0 = groups->pdata[0];
	assert_string_equal(g0->key, "2024-01");
	assert_string_equal(g0->currency, "EUR");
	assert_int_equal(g0->earned_pico, INT64_C(563547130000) + 657158690000);
	const gig_royalty_group *g1 = groups->pdata[1];
	assert_string_equal(g1->currency, "USD");
	assert_int_equal(g1->earned_pico, 1000 * (2 * (INT64_C(22656840) + 73750250 + 914493390) +
	                                          276980870 + 476698370));
	assert_int_equal(g1->lines, 8);
	gig_test_ledger_free(t);
}

static char *
write_file(const char *dir, const char *name, const char *text)
{
	char *path = g_build_filename(dir, name, NULL);
	assert_true(g_file_set_contents(path, text, -1, NULL));
	return path;
}

static void
test_royalty__refused(void **state)
{
	(void)state;
	gig_test_ledger *t = gig_test_ledger_new("USD");
	g_autofree char *bad = gig_test_data_path("statements/distrokid-bad.tsv");
	g_autoptr(GError) error = NULL;
	gig_statement_result r = {0};
	bool ok = gig_ledger_statement_import(t->ledger, bad, NULL, day(2024, 6, 1), &r, &error);
	gig_assert_error(ok, error, GIG_ERROR_INVALID_INPUT);
	assert_non_null(strstr(error->message, "distrokid-bad.tsv:4: "));
	assert_non_null(strstr(error->message, "0.9l449339"));
	g_clear_error(&error);

	const char *mixed = "date,paid to,item type,item name,currency,amount you received,"
	                    "net amount\n"
	                    "2024-01-02,paypal,track,A,EUR,1.00,0.90\n"
	                    "2024-01-03,paypal,track,B,USD,1.00,0.90\n";
	const char *period = "date,paid to,item type,item name,currency,amount you received,"
	                     "net amount\n"
	                     "2024-01-02,paypal,track,A,EUR,1.00,0.90\n"
	                     "soon,paypal,track,B,EUR,1.00,0.90\n";
	const char *qty = "Report Date\tSales Date\tQuantity\tPrice\tSubtotal\n"
	                  "2024-05-01\t2024-02-14\t2\t1.00\t2.00\n"
	                  "2024-05-01\t2024-02-14\t1.5\t1.00\t1.50\n";
	const char *cur = "Sales Period,Posted Date,Store Name,Total Earned,Currency\n"
	                  "2024-01,2024-03-01,Spotify,1.00,US\n";
	const char *none = "Date,Amount,Payee\n2024-01-02,1.00,Someone\n";
	const struct {
		const char *text, *where;
		int code;
	} cases[] = {
	    {mixed, "mixed.csv:3: ", GIG_ERROR_INVALID_INPUT},
	    {period, "period.csv:3: ", GIG_ERROR_INVALID_INPUT},
	    {qty, "qty.csv:3: ", GIG_ERROR_INVALID_INPUT},
	    {cur, "cur.csv:2: ", GIG_ERROR_INVALID_INPUT},
	    {none, "none.csv:1: ", GIG_ERROR_NOT_FOUND},
	};
	const char *names[] = {"mixed.csv", "period.csv", "qty.csv", "cur.csv", "none.csv"};
	for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
		g_autofree char *path = write_file(t->dir, names[i], cases[i].text);
		/* detection reads the header only: all but the last are statements */
		const char *format = "unset";
		ok = gig_statement_detect(path, &format, &error);
		gig_assert_ok(ok, error);
		if (cases[i].code == GIG_ERROR_NOT_FOUND)
			assert_null(format);
		else
			assert_non_null(format);
		ok =
		    gig_ledger_statement_import(t->ledger, path, NULL, day(2024, 6, 1), &r, &error);
		gig_assert_error(ok, error, cases[i].code);
		if (strstr(error->message, cases[i].where) == NULL)
			fail_msg("%s: %s", names[i], error->message);
		g_clear_error(&error);
	}
	ok = gig_ledger_statement_import(t->ledger, "/nonexistent/x.tsv", NULL, day(2024, 6, 1), &r,
	                                 &error);
	gig_assert_error(ok, error, GIG_ERROR_NOT_FOUND); /* as csvread.c reports it */
	g_clear_error(&error);
	const char *format = "unset";
	ok = gig_statement_detect("/nonexistent/x.tsv", &format, &error);
	gig_assert_error(ok, error, GIG_ERROR_IO);
	g_clear_error(&error);
	/* a UTF-16 (BOM) DistroKid header is recognised too */
	static const char utf16[] = "\xff\xfeR\0e\0p\0o\0r\0t\0i\0n\0g\0 \0D\0a\0t\0e\0\t\0"
	                            "S\0a\0l\0e\0 \0M\0o\0n\0t\0h\0\t\0S\0t\0o\0r\0e\0\t\0"
	                            "I\0S\0R\0C\0\t\0E\0a\0r\0n\0i\0n\0g\0s\0 \0(\0U\0S\0D\0)\0"
	                            "\r\0\n\0";
	g_autofree char *u16 = g_build_filename(t->dir, "u16.tsv", NULL);
	assert_true(g_file_set_contents(u16, utf16, sizeof utf16 - 1, NULL));
	ok = gig_statement_detect(u16, &format, &error);
	gig_assert_ok(ok, error);
	assert_non_null(format);
	assert_string_equal(format, "distrokid");
	ok = gig_ledger_statement_import(t->ledger, bad, "  ", day(2024, 6, 1), &r, &error);
	assert_false(ok);
	g_clear_error(&error);
	/* nothing was written by any of them */
	assert_int_equal(count(t, "SELECT count(*) FROM royalty_statements"), 0);
	assert_int_equal(count(t, "SELECT count(*) FROM royalty_lines"), 0);
	gig_test_ledger_free(t);
}

static const char prs_ini[] = "[payer]\nname=PRS\nmatch=PERFORMING RIGHT\ncurrency=GBP\n"
                              "cadence=quarterly\nmonths=4;7;10;12\nday=15\nlag-days=30\n"
                              "minimum=30.00\n";

static void
test_royalty__calendar(void **state)
{
	(void)state;
	g_autofree char *dir = g_dir_make_tmp("gig-payers-XXXXXX", NULL);
	g_autofree char *path = write_file(dir, "prs.ini", prs_ini);
	g_autoptr(GError) error = NULL;
	g_autoptr(gig_payer_calendar) c = NULL;
	bool ok = gig_payer_calendar_load(path, &c, &error);
	gig_assert_ok(ok, error);
	assert_string_equal(c->id, "prs");
	assert_string_equal(c->currency, "GBP");
	assert_int_equal(c->minimum_minor, 3000);
	assert_true(c->months[3] && c->months[6] && c->months[9] && c->months[11]);
	assert_false(c->months[0] || c->months[4] || c->months[10]);

	/* GBP 12.00 earned in January: payable from March 2 (Jan 31 + 30 days), but under the
	 * GBP 30 minimum on April 15, so it rolls over; GBP 20.00 more earned in May is
	 * payable from June 30, and July 15 pays 12 + 20 = 32.00. */
	gig_royalty_due dues[] = {{month(2024, 1), 1200}, {month(2024, 5), 2000}};
	gig_date when = 0;
	int64_t amount = 0;
	assert_true(gig_royalty_next_payout(c, dues, 2, day(2024, 2, 1), &when, &amount));
	assert_int_equal(when, day(2024, 7, 15));
	assert_int_equal(amount, 3200);
	/* without the May earnings nothing is ever paid */
	assert_false(gig_royalty_next_payout(c, dues, 1, day(2024, 2, 1), &when, &amount));
	/* GBP 40 earned in March: March 31 + 30 days = April 30, after April 15: July */
	gig_royalty_due march[] = {{month(2024, 3), 4000}};
	assert_true(gig_royalty_next_payout(c, march, 1, day(2024, 4, 1), &when, &amount));
	assert_int_equal(when, day(2024, 7, 15));
	assert_int_equal(amount, 4000);
	/* earned in February (payable from March 31): the April payout, and on its day too */
	gig_royalty_due feb[] = {{month(2024, 2), 3000}};
	assert_true(gig_royalty_next_payout(c, feb, 1, day(2024, 4, 15), &when, &amount));
	assert_int_equal(when, day(2024, 4, 15));
	assert_int_equal(amount, 3000);
	/* the day after, the next one */
	assert_true(gig_royalty_next_payout(c, feb, 1, day(2024, 4, 16), &when, &amount));
	assert_int_equal(when, day(2024, 7, 15));

	/* the schedule (gig_royalty_schedule): dues of February (30.00, payable from
	 * March 31), March (10.00, from April 30) and May (25.00, from June 30), shares
	 * owed out 3.00, 1.00 and 5.00.  April 15 pays February's 30.00 (its share 3.00);
	 * July 15 pays March's 10.00 + May's 25.00 = 35.00 (shares 6.00).  Until June 30
	 * only the April payout falls inside. */
	gig_royalty_due three[] = {
	    {month(2024, 2), 3000}, {month(2024, 3), 1000}, {month(2024, 5), 2500}};
	const int64_t shares[] = {300, 100, 500};
	gig_royalty_payout pay[4];
	size_t np =
	    gig_royalty_schedule(c, three, shares, 3, day(2024, 4, 1), day(2024, 12, 31), pay, 4);
	assert_int_equal(np, 2);
	assert_int_equal(pay[0].on, day(2024, 4, 15));
	assert_int_equal(pay[0].amount_minor, 3000);
	assert_int_equal(pay[0].payable_minor, 300);
	assert_int_equal(pay[1].on, day(2024, 7, 15));
	assert_int_equal(pay[1].amount_minor, 3500);
	assert_int_equal(pay[1].payable_minor, 600);
	np = gig_royalty_schedule(c, three, NULL, 3, day(2024, 4, 1), day(2024, 6, 30), pay, 4);
	assert_int_equal(np, 1);
	assert_int_equal(pay[0].payable_minor, 0);
	/* March's 10.00 alone (under the 30.00 minimum) is never paid */
	np =
	    gig_royalty_schedule(c, three + 1, NULL, 1, day(2024, 4, 1), day(2026, 12, 31), pay, 4);
	assert_int_equal(np, 0);

	/* a user's file of the same stem, in an earlier directory, wins */
	g_autofree char *user = g_dir_make_tmp("gig-payers-user-XXXXXX", NULL);
	g_autofree char *upath = write_file(user, "prs.ini",
	                                    "[payer]\nname=PRS\ncurrency=GBP\ncadence=monthly\n"
	                                    "day=31\n");
	const char *dirs[] = {user, "/nonexistent/dir", dir, NULL};
	g_autoptr(GPtrArray) list = NULL;
	ok = gig_payer_calendars_load(dirs, &list, &error);
	gig_assert_ok(ok, error);
	assert_int_equal(list->len, 1);
	const gig_payer_calendar *found = gig_payer_calendar_find(list, "prs");
	assert_non_null(found);
	assert_true(found->months[0] && found->months[1]);
	assert_int_equal(found->minimum_minor, 0);
	/* day 31 is clamped to the month's length: March 31, February 29 in 2024 */
	assert_true(gig_royalty_next_payout(found, feb, 1, day(2024, 3, 1), &when, &amount));
	assert_int_equal(when, day(2024, 3, 31));
	gig_royalty_due jan[] = {{month(2024, 1), 1}};
	assert_true(gig_royalty_next_payout(found, jan, 1, day(2024, 2, 1), &when, &amount));
	assert_int_equal(when, day(2024, 2, 29));
	assert_null(gig_payer_calendar_find(list, "BMI"));

	/* broken files are refused, naming the file */
	const char *broken[] = {
	    "[payer]\nname=X\ncurrency=GBP\ncadence=weekly\n",
	    "[payer]\nname=X\ncurrency=GBP\ncadence=quarterly\n",
	    "[payer]\nname=X\ncurrency=GBP\ncadence=quarterly\nmonths=0;13\n",
	    "[payer]\nname=X\ncurrency=US\ncadence=monthly\n",
	    "[payer]\ncurrency=GBP\ncadence=monthly\n",
	    "[payer]\nname=X\ncurrency=GBP\ncadence=monthly\nminimum=-5\n",
	    "[payer]\nname=X\ncurrency=GBP\ncadence=monthly\nday=32\n",
	    "[payer]\nname=X\ncurrency=GBP\ncadence=monthly\nlag-days=abc\n",
	    "not a key file\n",
	};
	for (size_t i = 0; i < G_N_ELEMENTS(broken); i++) {
		g_autofree char *bp = write_file(dir, "broken.ini", broken[i]);
		g_autoptr(gig_payer_calendar) bc = NULL;
		ok = gig_payer_calendar_load(bp, &bc, &error);
		gig_assert_error(ok, error, GIG_ERROR_INVALID_INPUT);
		if (strstr(error->message, "broken.ini") == NULL)
			fail_msg("case %zu: %s", i, error->message);
		g_clear_error(&error);
		assert_null(bc);
	}
	/* and a broken file fails the whole directory load */
	g_autoptr(GPtrArray) none = NULL;
	ok = gig_payer_calendars_load(dirs, &none, &error);
	gig_assert_error(ok, error, GIG_ERROR_INVALID_INPUT);
	assert_null(none);
	g_clear_error(&error);
	g_autofree char *bp = g_build_filename(dir, "broken.ini", NULL);
	g_remove(bp);
	g_remove(path);
	g_remove(upath);
	g_rmdir(dir);
	g_rmdir(user);
}

static int64_t
deposit(gig_test_ledger *t, const char *account, int y, int m, int d, int64_t minor,
        const char *payee)
{
	gig_txn_spec s = {.account = account,
	                  .posted_on = day(y, m, d),
	                  .amount_minor = minor,
	                  .payee = payee,
	                  .memo = ""};
	g_autoptr(GError) error = NULL;
	int64_t id = 0;
	bool ok = gig_ledger_txn_add(t->ledger, &s, &id, &error);
	gig_assert_ok(ok, error);
	return id;
}

static void
test_royalty__balance_and_match(void **state)
{
	(void)state;
	gig_test_ledger *t = gig_test_ledger_new("USD");
	gig_test_account(t, "Checking", GIG_ACCOUNT_CHECKING, 0);
	g_autofree char *dir = g_dir_make_tmp("gig-payers-XXXXXX", NULL);
	g_autofree char *ini = write_file(dir, "distrokid.ini",
	                                  "[payer]\nname=DistroKid\nmatch=DK PAYOUT\n"
	                                  "currency=USD\ncadence=monthly\nday=15\n"
	                                  "lag-days=75\nminimum=0\n");
	const char *dirs[] = {dir, NULL};
	g_autoptr(GPtrArray) cals = NULL;
	g_autoptr(GError) error = NULL;
	bool ok = gig_payer_calendars_load(dirs, &cals, &error);
	gig_assert_ok(ok, error);

	g_autofree char *dk = gig_test_data_path("statements/distrokid.tsv");
	g_autofree char *later = gig_test_data_path("statements/distrokid-later.tsv");
	gig_statement_result r = {0};
	ok = gig_ledger_statement_import(t->ledger, dk, NULL, day(2024, 4, 6), &r, &error);
	gig_assert_ok(ok, error);
	gig_statement_result_clear(&r);

	/* deposits: a wrong amount, a wrong payee, then the payout itself */
	deposit(t, "Checking", 2024, 5, 1, 100, "DistroKid");
	deposit(t, "Checking", 2024, 5, 2, 364, "Spotify AB");
	int64_t payout = deposit(t, "Checking", 2024, 5, 20, 364, "ACH CREDIT DK PAYOUT 8812");
	deposit(t, "Checking", 2023, 12, 20, 364, "DistroKid"); /* before any earnings */
	int64_t matched = -1;
	ok = gig_ledger_royalties_match(t->ledger, cals, &matched, &error);
	gig_assert_ok(ok, error);
	assert_int_equal(matched, 1);
	assert_int_equal(count(t, "SELECT txn_id FROM royalty_payouts"), payout);
	/* nothing more to match */
	ok = gig_ledger_royalties_match(t->ledger, cals, &matched, &error);
	gig_assert_ok(ok, error);
	assert_int_equal(matched, 0);

	/* the cumulative export adds 0.25 earned in March */
	ok = gig_ledger_statement_import(t->ledger, later, NULL, day(2024, 5, 6), &r, &error);
	gig_assert_ok(ok, error);
	gig_statement_result_clear(&r);
	g_autoptr(GPtrArray) list = NULL;
	ok = gig_ledger_royalties(t->ledger, cals, day(2024, 6, 1), &list, &error);
	gig_assert_ok(ok, error);
	assert_int_equal(list->len, 1);
	const gig_royalty_balance *b = list->pdata[0];
	assert_string_equal(b->payer, "DistroKid");
	assert_int_equal(b->earned_minor, 364 + 25);
	assert_int_equal(b->paid_minor, 364);
	assert_int_equal(b->owed_minor, 25);
	assert_int_equal(b->statements, 2);
	assert_int_equal(b->last_month, month(2024, 3));
	assert_int_equal(b->last_imported, day(2024, 5, 6));
	assert_true(b->has_calendar);
	/* March earnings: March 31 + 75 days = June 14, paid on June 15 by the calendar;
	 * the payer's history moves it: the May 20 payout settled February (Feb 29 + 75
	 * = May 14, calendar May 15), 5 days late, so June 15 + 5 = June 20 */
	assert_int_equal(b->payouts_observed, 1);
	assert_int_equal(b->observed_delay_days, 81); /* Feb 29 -> May 20: 31+30+20 */
	assert_int_equal(b->lateness_days, 5);
	assert_int_equal(b->next_date, day(2024, 6, 20));
	assert_int_equal(b->next_minor, 25);
	/* on June 21 the next date is July 15 + 5 = July 20 */
	g_clear_pointer(&list, g_ptr_array_unref);
	ok = gig_ledger_royalties(t->ledger, cals, day(2024, 6, 21), &list, &error);
	gig_assert_ok(ok, error);
	b = list->pdata[0];
	assert_int_equal(b->next_date, day(2024, 7, 20));
	/* without calendars there is no expected date */
	g_clear_pointer(&list, g_ptr_array_unref);
	ok = gig_ledger_royalties(t->ledger, NULL, day(2024, 6, 1), &list, &error);
	gig_assert_ok(ok, error);
	b = list->pdata[0];
	assert_false(b->has_calendar);
	assert_int_equal(b->next_date, GIG_DATE_NONE);

	/* a deposit equal to the balance (0.25) matches by the payer's name */
	int64_t second = deposit(t, "Checking", 2024, 6, 15, 25, "DISTROKID");
	ok = gig_ledger_royalties_match(t->ledger, NULL, &matched, &error);
	gig_assert_ok(ok, error);
	assert_int_equal(matched, 1);
	assert_int_equal(count(t, "SELECT max(txn_id) FROM royalty_payouts"), second);
	g_clear_pointer(&list, g_ptr_array_unref);
	ok = gig_ledger_royalties(t->ledger, cals, day(2024, 6, 16), &list, &error);
	gig_assert_ok(ok, error);
	b = list->pdata[0];
	assert_int_equal(b->owed_minor, 0);
	assert_int_equal(b->next_date, GIG_DATE_NONE);
	g_remove(ini);
	g_rmdir(dir);
	gig_test_ledger_free(t);
}

/* The shipped payers/NAME.ini files all load, with the values their comments give. */
static void
test_royalty__shipped_calendars(void **state)
{
	(void)state;
	g_autofree char *data = gig_test_data_path(".");
	g_autofree char *dir = g_build_filename(data, "..", "..", "payers", NULL);
	const char *dirs[] = {dir, NULL};
	g_autoptr(GPtrArray) list = NULL;
	g_autoptr(GError) error = NULL;
	bool ok = gig_payer_calendars_load(dirs, &list, &error);
	gig_assert_ok(ok, error);
	assert_int_equal(list->len, 8);
	const char *ids[] = {"distrokid", "tunecore", "cdbaby", "bandcamp",
	                     "prs",       "the-mlc",  "bmi",    "soundexchange"};
	for (size_t i = 0; i < G_N_ELEMENTS(ids); i++) {
		const gig_payer_calendar *c = gig_payer_calendar_find(list, ids[i]);
		if (c == NULL)
			fail_msg("%s.ini is missing", ids[i]);
		assert_non_null(c->source);
	}
	const gig_payer_calendar *prs = gig_payer_calendar_find(list, "PRS");
	assert_string_equal(prs->currency, "GBP");
	assert_int_equal(prs->minimum_minor, 3000);
	for (int m = 0; m < 12; m++)
		assert_int_equal(prs->months[m], m == 3 || m == 6 || m == 9 || m == 11);
	/* statements' default payer names find their calendars */
	assert_non_null(gig_payer_calendar_find(list, "CD Baby"));
	assert_non_null(gig_payer_calendar_find(list, "The MLC"));
	assert_int_equal(gig_payer_calendar_find(list, "SoundExchange")->minimum_minor, 10000);
}

/* A write failing half-way (a trigger refuses the fifth line, or a payout link)
 * rolls the whole operation back. */
static void
test_royalty__rollback(void **state)
{
	(void)state;
	gig_test_ledger *t = gig_test_ledger_new("USD");
	gig_test_account(t, "Checking", GIG_ACCOUNT_CHECKING, 0);
	sqlite3 *db = gig__ledger_db(t->ledger);
	assert_int_equal(sqlite3_exec(db,
	                              "CREATE TEMP TRIGGER no_fifth BEFORE INSERT ON royalty_lines"
	                              " WHEN NEW.line_no = 5 BEGIN SELECT RAISE(ABORT, 'refused');"
	                              " END",
	                              NULL, NULL, NULL),
	                 SQLITE_OK);
	g_autofree char *dk = gig_test_data_path("statements/distrokid.tsv");
	g_autoptr(GError) error = NULL;
	gig_statement_result r = {0};
	bool ok = gig_ledger_statement_import(t->ledger, dk, NULL, day(2024, 6, 1), &r, &error);
	assert_false(ok);
	assert_non_null(error);
	g_clear_error(&error);
	assert_int_equal(count(t, "SELECT count(*) FROM royalty_statements"), 0);
	assert_int_equal(count(t, "SELECT count(*) FROM royalty_lines"), 0);
	assert_int_equal(sqlite3_exec(db, "DROP TRIGGER no_fifth", NULL, NULL, NULL), SQLITE_OK);
	ok = gig_ledger_statement_import(t->ledger, dk, NULL, day(2024, 6, 1), &r, &error);
	gig_assert_ok(ok, error);
	assert_int_equal(r.lines_new, 7);
	gig_statement_result_clear(&r);

	/* the deposit matches (3.64, the balance) but its link is refused: nothing linked */
	deposit(t, "Checking", 2024, 5, 20, 364, "DistroKid");
	assert_int_equal(sqlite3_exec(db,
	                              "CREATE TEMP TRIGGER no_link BEFORE INSERT ON royalty_payouts"
	                              " BEGIN SELECT RAISE(ABORT, 'refused'); END",
	                              NULL, NULL, NULL),
	                 SQLITE_OK);
	int64_t matched = -1;
	ok = gig_ledger_royalties_match(t->ledger, NULL, &matched, &error);
	assert_false(ok);
	assert_int_equal(matched, -1);
	g_clear_error(&error);
	assert_int_equal(count(t, "SELECT count(*) FROM royalty_payouts"), 0);
	gig_test_ledger_free(t);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_royalty__pico),
	    cmocka_unit_test(test_royalty__layouts),
	    cmocka_unit_test(test_royalty__refused),
	    cmocka_unit_test(test_royalty__calendar),
	    cmocka_unit_test(test_royalty__shipped_calendars),
	    cmocka_unit_test(test_royalty__balance_and_match),
	    cmocka_unit_test(test_royalty__rollback),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
