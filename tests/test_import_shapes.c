/*
 * test_import_shapes.c: value shapes of exports from banks outside the
 * corpus (issue 10): Dr/Cr markers around amounts and balances, dates in
 * many shapes and languages, identical rows split across two exports, and
 * what the error messages quote.  Every file here is written by the test;
 * the expected figures are worked out by hand in the comments.
 */
#include <string.h>

#include "import_helpers.h"

static gig_import_result *
parse_text(gig_test_ledger *t, const char *text, const char *date_format, GError **error)
{
	g_autofree char *path = imp_write(t, "in.csv", text, -1);
	gig_import_options o = imp_opts(NULL);
	o.currency = "GBP";
	o.date_format = date_format;
	gig_import_result *r = NULL;
	if (!gig_csv_parse_file(path, &o, &r, error))
		return NULL;
	return r;
}

static gig_import_result *
parse_ok(gig_test_ledger *t, const char *text, const char *date_format)
{
	g_autoptr(GError) e = NULL;
	gig_import_result *r = parse_text(t, text, date_format, &e);
	gig_assert_ok(r != NULL, e);
	return r;
}

static const gig_csv_row *
row(const gig_import_result *r, size_t i)
{
	assert_true(r->rows != NULL && i < r->rows->len);
	return r->rows->pdata[i];
}

/* ---- (a) Dr/Cr markers ------------------------------------------------- */

/*
 * One statement of a current account written in each marker style.  The
 * account starts at 0.00: coffee 3.50 out, salary 1,250.00 in, rent 800.00
 * out, refund 12.25 in.  Amounts -350 +125000 -80000 +1225, sum 45875;
 * balances -350 (overdrawn), 124650, 44650, 45875.
 */
static const struct {
	const char *name;
	const char *amount[4];
	const char *balance[4];
	bool marked; /* the guesses mention the markers */
} styles[] = {
    {"glued Dr/Cr",
     {"3.50Dr", "1,250.00Cr", "800.00Dr", "12.25Cr"},
     {"3.50Dr", "1,246.50Cr", "446.50Cr", "458.75Cr"},
     true},
    {"spaced DR/CR",
     {"3.50 DR", "1,250.00 CR", "800.00 DR", "12.25 CR"},
     {"3.50 DR", "1,246.50 CR", "446.50 CR", "458.75 CR"},
     true},
    {"marker first",
     {"DR 3.50", "CR 1,250.00", "DR 800.00", "CR 12.25"},
     {"DR 3.50", "CR 1,246.50", "CR 446.50", "CR 458.75"},
     true},
    {"single letters D/C",
     {"3.50 D", "1,250.00 C", "800.00 D", "12.25 C"},
     {"3.50 D", "1,246.50 C", "446.50 C", "458.75 C"},
     true},
    {"markers in parentheses",
     {"3.50 (Dr)", "1,250.00 (Cr)", "800.00 (Dr)", "12.25 (Cr)"},
     {"3.50 (Dr)", "1,246.50 (Cr)", "446.50 (Cr)", "458.75 (Cr)"},
     true},
    {"with a currency symbol",
     {"£3.50 Dr", "£1,250.00 Cr", "£800.00 Dr", "£12.25 Cr"},
     {"£3.50 Dr", "£1,246.50 Cr", "£446.50 Cr", "£458.75 Cr"},
     true},
    {"trailing minus",
     {"3.50-", "1,250.00", "800.00-", "12.25"},
     {"3.50-", "1,246.50", "446.50", "458.75"},
     false},
    {"leading minus",
     {"-3.50", "1,250.00", "-800.00", "12.25"},
     {"-3.50", "1,246.50", "446.50", "458.75"},
     false},
    {"parentheses",
     {"(3.50)", "1,250.00", "(800.00)", "12.25"},
     {"(3.50)", "1,246.50", "446.50", "458.75"},
     false},
    /* only the credits marked (card statement style): the unmarked are debits */
    {"CR only",
     {"3.50", "1,250.00 CR", "800.00", "12.25 CR"},
     {"3.50", "1,246.50 CR", "446.50 CR", "458.75 CR"},
     true},
    /* only the debits marked: the unmarked are credits */
    {"DR only",
     {"3.50 DR", "1,250.00", "800.00 DR", "12.25"},
     {"3.50 DR", "1,246.50", "446.50", "458.75"},
     true},
    /* both kinds, and one value without: it keeps its own sign (+12.25) */
    {"both kinds and an unmarked value",
     {"3.50 DR", "1,250.00 CR", "800.00 DR", "12.25"},
     {"3.50 DR", "1,246.50 CR", "446.50 CR", "458.75"},
     true},
};

static void
test_import_shapes__marker_styles(void **state)
{
	(void)state;
	static const char *const payees[] = {"Coffee", "Salary", "Rent", "Refund"};
	static const int64_t amounts[] = {-350, 125000, -80000, 1225};
	static const int64_t balances[] = {-350, 124650, 44650, 45875};
	for (size_t i = 0; i < G_N_ELEMENTS(styles); i++) {
		gig_test_ledger *t = gig_test_ledger_new("GBP");
		GString *csv = g_string_new("Date,Description,Amount,Balance\n");
		for (int k = 0; k < 4; k++)
			g_string_append_printf(csv, "2024-01-0%d,%s,\"%s\",\"%s\"\n", k + 2,
			                       payees[k], styles[i].amount[k],
			                       styles[i].balance[k]);
		gig_import_result *r = parse_ok(t, csv->str, NULL);
		int64_t sum = 0;
		for (int k = 0; k < 4; k++) {
			if (row(r, (size_t)k)->amount_minor != amounts[k] ||
			    row(r, (size_t)k)->balance_minor != balances[k])
				fail_msg("%s: row %d reads %" G_GINT64_FORMAT
				         " balance %" G_GINT64_FORMAT,
				         styles[i].name, k, row(r, (size_t)k)->amount_minor,
				         row(r, (size_t)k)->balance_minor);
			sum += row(r, (size_t)k)->amount_minor;
		}
		assert_int_equal(sum, 45875);
		/* the balance chain holds, so the balances' markers were read too */
		if (r->balance_breaks->len != 0)
			fail_msg("%s: %u balance breaks", styles[i].name, r->balance_breaks->len);
		bool says = strstr(r->guesses.sign_rule, "Dr/Cr markers") != NULL;
		if (says != styles[i].marked)
			fail_msg("%s: sign rule '%s'", styles[i].name, r->guesses.sign_rule);
		gig_import_result_free(r);
		g_string_free(csv, TRUE);
		gig_test_ledger_free(t);
	}
}

/* The cell grammar: what is a marker and what is not. */
static void
test_import_shapes__marker_cells(void **state)
{
	(void)state;
	gig__money_shape sh;
	assert_true(gig__money_shape_of("12.00Cr", &sh));
	assert_int_equal(sh.cr, 1);
	assert_false(sh.minus);
	assert_true(gig__money_shape_of("12.00 d", &sh));
	assert_int_equal(sh.cr, -1);
	/* parentheses around the marker do not make the value negative */
	assert_true(gig__money_shape_of("12.00 (Cr)", &sh));
	assert_int_equal(sh.cr, 1);
	assert_false(sh.minus);
	/* around the number and the marker they do, and the marker still decides */
	assert_true(gig__money_shape_of("(12.00 Dr)", &sh));
	assert_true(sh.minus);
	assert_int_equal(gig__money_signed(&sh, -1200, 0), -1200);
	/* C$ and US$ are dollars, not a credit marker */
	assert_true(gig__money_shape_of("C$12.00", &sh));
	assert_int_equal(sh.cr, 0);
	assert_true(gig__money_shape_of("US$ 12.00", &sh));
	assert_int_equal(sh.cr, 0);
	/* two markers contradict each other */
	assert_false(gig__money_shape_of("12.00 CR DR", &sh));
	assert_false(gig__money_shape_of("12.00 D C", &sh));
	/* a marker wins over the number's own sign */
	assert_true(gig__money_shape_of("-12.00 CR", &sh));
	assert_int_equal(gig__money_signed(&sh, -1200, 0), 1200);
	/* the rule for unmarked values: only credits marked makes them debits */
	gig__marks m = {0};
	assert_int_equal(gig__marks_rule(&m), 0);
	m.cr = 3;
	assert_int_equal(gig__marks_rule(&m), -1);
	m.dr = 1;
	assert_int_equal(gig__marks_rule(&m), 0);
	m.cr = 0;
	assert_int_equal(gig__marks_rule(&m), 0);
	assert_true(gig__money_shape_of("12.00", &sh));
	assert_int_equal(gig__money_signed(&sh, 1200, -1), -1200);
	assert_true(gig__money_shape_of("+12.00", &sh));
	assert_int_equal(gig__money_signed(&sh, 1200, -1), 1200);
	/* typed amounts take no markers (gig_money_parse) */
	int64_t v = 0;
	g_autoptr(GError) e = NULL;
	assert_false(gig_money_parse(&v, "12.00 DR", 2, &e));
	assert_int_equal(e->code, GIG_ERROR_INVALID_INPUT);
}

/*
 * Speculation decides from the first records: here they mark only credits, so
 * unmarked values look like debits, but record 23 is marked DR, so the whole
 * column marks both kinds and the unmarked keep their sign.  The import must
 * start again and store 100.00 CR + 20 x 1.00 (unmarked, in) - 5.00 DR = 115.00.
 */
static void
test_import_shapes__marker_rule_from_every_row(void **state)
{
	(void)state;
	GString *csv = g_string_new("Date,Description,Amount\n2024-01-01,Client,100.00 CR\n");
	for (int i = 0; i < 20; i++)
		g_string_append_printf(csv, "2024-01-%02d,Cash %d,1.00\n", 2 + i, i);
	g_string_append(csv, "2024-01-25,Shop,5.00 DR\n");
	size_t saved = gig__scan_spec_records;
	gint rescans = g_atomic_int_get(&gig__import_rescans);
	gig__scan_spec_records = 2;
	gig_test_ledger *t = gig_test_ledger_new("GBP");
	gig_test_account(t, "Checking", GIG_ACCOUNT_CHECKING, 0);
	g_autofree char *p = imp_write(t, "marks.csv", csv->str, -1);
	gig_import_options o = imp_opts("Checking");
	g_autoptr(gig_import_result) r = imp_run(t, p, &o);
	gig__scan_spec_records = saved;
	assert_int_equal(g_atomic_int_get(&gig__import_rescans), rescans + 1);
	assert_int_equal(r->inserted, 22);
	assert_int_equal(r->sum_minor, 10000 + 20 * 100 - 500);
	gig_test_ledger_free(t);
	g_string_free(csv, TRUE);
}

/* ---- (b) date shapes ---------------------------------------------------- */

static void
assert_day(gig_date d, const char *iso)
{
	char buf[GIG_DATE_BUFSZ];
	assert_string_equal(gig_date_format(buf, d), iso);
}

/* Each file's date column in one shape: inferred from the values, format and days as written. */
static void
test_import_shapes__date_columns(void **state)
{
	(void)state;
	static const struct {
		const char *d1, *d2, *fmt, *iso1, *iso2;
	} cases[] = {
	    {"2023:01:05", "2023:01:13", "%Y:%m:%d", "2023-01-05", "2023-01-13"},
	    {"11/25/22 5:45pm", "1/3/23 9:05am", "%m/%d/%y", "2022-11-25", "2023-01-03"},
	    {"7/31/2023 12:00:00 AM", "8/1/2023 1:15:00 PM", "%m/%d/%Y", "2023-07-31",
	     "2023-08-01"},
	    /* the day as written, not moved to UTC by the offset */
	    {"2023-01-05T23:30:00+02:00", "2023-01-06 00:30:00 +0100", "%Y-%m-%d", "2023-01-05",
	     "2023-01-06"},
	    {"2023-01-05T23:30:00Z", "2023-01-07T01:00:00.250-05:00", "%Y-%m-%d", "2023-01-05",
	     "2023-01-07"},
	    {"2023年1月5日", "2023年01月15日", "%Y年%m月%d日", "2023-01-05", "2023-01-15"},
	    {"2023/1/5", "2023/1/15", "%Y/%m/%d", "2023-01-05", "2023-01-15"},
	    {"2023. 1. 5.", "2023. 1. 15.", "%Y. %m. %d.", "2023-01-05", "2023-01-15"},
	    {"2023년 1월 5일", "2023년 1월 15일", "%Y년 %m월 %d일", "2023-01-05", "2023-01-15"},
	    {"Fri, 25 Nov 2022", "Tuesday 3 January 2023", "%d %b %Y", "2022-11-25", "2023-01-03"},
	    /* day-first decided by the 13th, as for any d/m column */
	    {"Di, 03.01.2023", "Fr, 13.01.2023", "%d.%m.%Y", "2023-01-03", "2023-01-13"},
	    {"25 de noviembre de 2022", "1 de dezembro de 2022", "%d de %b de %Y", "2022-11-25",
	     "2022-12-01"},
	    {"25. Nov. 2022", "3. März 2023", "%d. %b %Y", "2022-11-25", "2023-03-03"},
	    {"25 janv. 2023", "3 févr. 2023", "%d %b %Y", "2023-01-25", "2023-02-03"},
	    {"25 ноября 2022", "1 декабря 2022", "%d %b %Y", "2022-11-25", "2022-12-01"},
	    {"25 listopada 2022", "1 grudnia 2022", "%d %b %Y", "2022-11-25", "2022-12-01"},
	    {"3-Jan-23", "15-Feb-23", "%d-%b-%y", "2023-01-03", "2023-02-15"},
	};
	for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
		gig_test_ledger *t = gig_test_ledger_new("GBP");
		g_autofree char *csv =
		    g_strdup_printf("Date;Description;Amount\n%s;Shop;-1.00\n%s;Client;2.00\n",
		                    cases[i].d1, cases[i].d2);
		g_autoptr(GError) e = NULL;
		gig_import_result *r = parse_text(t, csv, NULL, &e);
		if (r == NULL)
			fail_msg("'%s': %s", cases[i].d1, e->message);
		if (strcmp(r->guesses.date_format, cases[i].fmt) != 0)
			fail_msg("'%s' guessed as %s", cases[i].d1, r->guesses.date_format);
		assert_int_equal(r->rows->len, 2);
		assert_day(row(r, 0)->posted_on, cases[i].iso1);
		assert_day(row(r, 1)->posted_on, cases[i].iso2);
		gig_import_result_free(r);
		gig_test_ledger_free(t);
	}
}

/*
 * --date-format for a shape no built-in format reads: the header's column was
 * dropped as "no dates" before the option was looked at ("no column of dates
 * found" even with the option).  A bad format is refused before reading.
 */
static void
test_import_shapes__date_format_option(void **state)
{
	(void)state;
	gig_test_ledger *t = gig_test_ledger_new("GBP");
	const char *csv = "Date,Description,Amount\n05_01_2023,Shop,-1.00\n13_01_2023,B,2.00\n";
	g_autoptr(GError) e = NULL;
	assert_null(parse_text(t, csv, NULL, &e));
	assert_non_null(strstr(e->message, "no column of dates found"));
	g_autoptr(gig_import_result) r = parse_ok(t, csv, "%d_%m_%Y");
	assert_day(row(r, 0)->posted_on, "2023-01-05");
	assert_day(row(r, 1)->posted_on, "2023-01-13");
	g_autoptr(gig_import_result) c =
	    parse_ok(t, "Date,Description,Amount\n2023:01:05,Shop,-1.00\n", "%Y:%m:%d");
	assert_day(row(c, 0)->posted_on, "2023-01-05");
	g_autoptr(GError) e2 = NULL;
	assert_null(parse_text(t, csv, "%d_%m_%Q", &e2));
	assert_int_equal(e2->code, GIG_ERROR_INVALID_INPUT);
	assert_non_null(strstr(e2->message, "%Q is not a conversion"));
	gig_test_ledger_free(t);
}

/* ---- (d) messages: the value, then what was expected ---------------------- */

static void
expect_message(gig_test_ledger *t, const char *csv, const char *date_format, const char *want)
{
	g_autoptr(GError) e = NULL;
	gig_import_result *r = parse_text(t, csv, date_format, &e);
	assert_null(r);
	assert_int_equal(e->code, GIG_ERROR_INVALID_INPUT);
	g_autofree char *path = g_build_filename(t->dir, "in.csv", NULL);
	g_autofree char *full = g_strconcat(path, want, NULL);
	assert_string_equal(e->message, full);
}

static void
test_import_shapes__messages(void **state)
{
	(void)state;
	gig_test_ledger *t = gig_test_ledger_new("GBP");
	expect_message(t, "Date,Description,Amount\n01/05/2023,A,1.00\n13/25/2023,B,2.00\n",
	               "%m/%d/%Y",
	               ":3:1: column 'Date': '13/25/2023' is not a date in the format %m/%d/%Y "
	               "(there is no month 13)");
	expect_message(
	    t, "Date,Description,Amount\n01/05/2023,A,1.00\nReporting Date,B,2.00\n", "%m/%d/%Y",
	    ":3:1: column 'Date': 'Reporting Date' is not a date in the format %m/%d/%Y");
	/* the format inferred from the other rows */
	expect_message(t,
	               "Date,Description,Amount\n2023:01:05,A,1.00\n2023:01:13,B,1.00\n"
	               "2023:02:30,C,2.00\n",
	               NULL,
	               ":4:1: column 'Date': '2023:02:30' is not a date in the format %Y:%m:%d "
	               "(2023-02 has 28 days)");
	expect_message(t, "Date,Description,Amount\n2023-01-05,A,1.00\n2023-01-06,B,\"1,23\"\n",
	               NULL,
	               ":3:3: column 'Amount': '1,23' is not an amount in the column's format "
	               "1,234.56 (decimal mark '.'): it has digit groups of the wrong size (groups "
	               "of three after the first 1-3 digits, or 12,34,567)");
	gig_test_ledger_free(t);
}

/* ---- (c) identical rows split across two exports ----------------------------- */

/* Export A ends with the first of two identical coffees, export B starts with the
 * second; the balance after each (996.50, 993.00) tells them apart. */
static const char export_a[] = "Date,Description,Amount,Balance\n"
                               "2024-03-01,Salary,1000.00,1000.00\n"
                               "2024-03-02,Coffee,-3.50,996.50\n";
static const char export_b[] = "Date,Description,Amount,Balance\n"
                               "2024-03-02,Coffee,-3.50,993.00\n"
                               "2024-03-03,Rent,-500.00,493.00\n";

static gig_import_result *
import_text(gig_test_ledger *t, const char *name, const char *text)
{
	g_autofree char *p = imp_write(t, name, text, -1);
	gig_import_options o = imp_opts("Checking");
	return imp_run(t, p, &o);
}

static gig_test_ledger *
checking(void)
{
	gig_test_ledger *t = gig_test_ledger_new("GBP");
	gig_test_account(t, "Checking", GIG_ACCOUNT_CHECKING, 0);
	return t;
}

static void
test_import_shapes__split_coffees_with_balance(void **state)
{
	(void)state;
	gig_test_ledger *t = checking();
	g_autoptr(gig_import_result) a = import_text(t, "a.csv", export_a);
	assert_int_equal(a->inserted, 2);
	/* B's coffee ends at 993.00 = A's 996.50 + its own -3.50: it directly follows
	 * A's coffee (import_db.c (13)), a second one, although both are occurrence 0 */
	g_autoptr(gig_import_result) b = import_text(t, "b.csv", export_b);
	assert_int_equal(b->inserted, 2);
	assert_int_equal(b->duplicates, 0);
	assert_int_equal(imp_sql_int(t, "SELECT count(*) FROM transactions WHERE payee = 'Coffee'"),
	                 2);
	/* 1000.00 - 3.50 - 3.50 - 500.00: the last balance B states */
	assert_int_equal(imp_sql_int(t, "SELECT sum(amount_minor) FROM transactions"), 49300);
	assert_true(b->reconciliation.checked);
	assert_int_equal(b->reconciliation.difference_minor, 0);
	g_autoptr(gig_import_result) a2 = import_text(t, "a.csv", export_a);
	assert_int_equal(a2->inserted, 0);
	assert_int_equal(a2->duplicates, 2);
	g_autoptr(gig_import_result) b2 = import_text(t, "b.csv", export_b);
	assert_int_equal(b2->inserted, 0);
	assert_int_equal(b2->duplicates, 2);
	/* a ledger made since sql/0015 has no rows of the old identity to look up */
	assert_int_equal(imp_sql_int(t, "SELECT count(*) FROM settings"
	                                " WHERE key = 'import_identity_old_max_txn'"),
	                 0);
	gig_test_ledger_free(t);
}

/* Without a balance column the occurrence rule stays: the second coffee of B is the
 * first of A; two coffees within one export are two. */
static void
test_import_shapes__split_coffees_without_balance(void **state)
{
	(void)state;
	gig_test_ledger *t = checking();
	g_autoptr(gig_import_result) a = import_text(t, "a.csv",
	                                             "Date,Description,Amount\n"
	                                             "2024-03-01,Salary,1000.00\n"
	                                             "2024-03-02,Coffee,-3.50\n");
	assert_int_equal(a->inserted, 2);
	g_autoptr(gig_import_result) b = import_text(t, "b.csv",
	                                             "Date,Description,Amount\n"
	                                             "2024-03-02,Coffee,-3.50\n"
	                                             "2024-03-03,Rent,-500.00\n");
	assert_int_equal(b->inserted, 1);
	assert_int_equal(b->duplicates, 1);
	g_autoptr(gig_import_result) c = import_text(t, "c.csv",
	                                             "Date,Description,Amount\n"
	                                             "2024-03-02,Coffee,-3.50\n"
	                                             "2024-03-02,Coffee,-3.50\n");
	assert_int_equal(c->inserted, 1); /* occurrence 0 is there, occurrence 1 is new */
	assert_int_equal(imp_sql_int(t, "SELECT count(*) FROM transactions WHERE payee = 'Coffee'"),
	                 2);
	gig_test_ledger_free(t);
}

/* Imports `text` as `name`; asserts how many rows were new and duplicates. */
static void
expect_import(gig_test_ledger *t, const char *name, const char *text, int64_t inserted,
              int64_t duplicates)
{
	g_autoptr(gig_import_result) r = import_text(t, name, text);
	assert_int_equal(r->inserted, inserted);
	assert_int_equal(r->duplicates, duplicates);
}

/* The second coffee gets the identity it would have had in one export holding both
 * (occurrence 1): an export covering both days finds both coffees. */
static void
test_import_shapes__split_coffees_identity(void **state)
{
	(void)state;
	gig_test_ledger *t = checking();
	expect_import(t, "a.csv", export_a, 2, 0);
	expect_import(t, "b.csv", export_b, 2, 0);
	g_autoptr(gig_import_result) both =
	    parse_ok(t,
	             "Date,Description,Amount,Balance\n2024-03-01,Salary,1000.00,1000.00\n"
	             "2024-03-02,Coffee,-3.50,996.50\n2024-03-02,Coffee,-3.50,993.00\n",
	             NULL);
	g_autofree char *fp1 =
	    imp_sql_text(t, "SELECT fingerprint FROM transactions"
	                    " WHERE payee = 'Coffee' ORDER BY id LIMIT 1 OFFSET 1");
	assert_string_equal(row(both, 2)->fingerprint, fp1);
	/* the helper gives every row its own fingerprint back */
	char again[GIG__FINGERPRINT_LEN + 1];
	gig__row_fingerprint_at(row(both, 1), 0, again);
	assert_string_equal(again, row(both, 1)->fingerprint);
	expect_import(t, "c.csv",
	              "Date,Description,Amount,Balance\n2024-03-01,Salary,1000.00,1000.00\n"
	              "2024-03-02,Coffee,-3.50,996.50\n2024-03-02,Coffee,-3.50,993.00\n"
	              "2024-03-03,Rent,-500.00,493.00\n",
	              0, 4);
	gig_test_ledger_free(t);
}

/* B holds two more coffees after A's: 996.50 -> 993.00 -> 989.50, both new; a
 * re-import of B finds each of them by its balance.  1000.00 - 3 x 3.50 = 989.50. */
static void
test_import_shapes__split_coffees_two_more(void **state)
{
	(void)state;
	gig_test_ledger *t = checking();
	static const char b3[] = "Date,Description,Amount,Balance\n"
	                         "2024-03-02,Coffee,-3.50,993.00\n"
	                         "2024-03-02,Coffee,-3.50,989.50\n";
	expect_import(t, "a.csv", export_a, 2, 0);
	expect_import(t, "b.csv", b3, 2, 0);
	expect_import(t, "b.csv", b3, 0, 2);
	expect_import(t, "a.csv", export_a, 0, 2);
	assert_int_equal(imp_sql_int(t, "SELECT sum(amount_minor) FROM transactions"), 98950);
	gig_test_ledger_free(t);
}

/* Newest first: the same two exports, listed latest row on top. */
static void
test_import_shapes__split_coffees_newest_first(void **state)
{
	(void)state;
	gig_test_ledger *t = checking();
	static const char an[] = "Date,Description,Amount,Balance\n"
	                         "2024-03-02,Coffee,-3.50,996.50\n"
	                         "2024-03-01,Salary,1000.00,1000.00\n";
	static const char bn[] = "Date,Description,Amount,Balance\n"
	                         "2024-03-03,Rent,-500.00,493.00\n"
	                         "2024-03-02,Coffee,-3.50,993.00\n";
	expect_import(t, "a.csv", an, 2, 0);
	expect_import(t, "b.csv", bn, 2, 0);
	expect_import(t, "a.csv", an, 0, 2);
	expect_import(t, "b.csv", bn, 0, 2);
	/* 1000.00 - 3.50 - 3.50 - 500.00 */
	assert_int_equal(imp_sql_int(t, "SELECT sum(amount_minor) FROM transactions"), 49300);
	gig_test_ledger_free(t);
}

/*
 * The chain decides, not the amount alone: B starts with a TIP of -3.50 back-dated
 * before A's coffee, so every balance of B is 3.50 lower than A's.  B's coffee at
 * 993.00 is A's 996.50 + -3.50, but the tip before it (new) already moved the
 * balances by -3.50: 993.00 - 996.50 = -3.50 = the offset, so it is A's coffee.
 * Ledger: 1000.00 - 3.50 (tip) - 3.50 (one coffee) = 993.00.
 */
static void
test_import_shapes__split_coffees_backdated_same_amount(void **state)
{
	(void)state;
	gig_test_ledger *t = checking();
	expect_import(t, "a.csv", export_a, 2, 0);
	expect_import(t, "b.csv",
	              "Date,Description,Amount,Balance\n"
	              "2024-03-02,Tip,-3.50,996.50\n"
	              "2024-03-02,Coffee,-3.50,993.00\n",
	              1, 1);
	assert_int_equal(imp_sql_int(t, "SELECT count(*) FROM transactions WHERE payee = 'Coffee'"),
	                 1);
	assert_int_equal(imp_sql_int(t, "SELECT sum(amount_minor) FROM transactions"), 99300);
	gig_test_ledger_free(t);
}

/* A balance that moved by something else than the row's amount is the same row,
 * moved by a back-dated row the later export gained (the occurrence rule). */
static void
test_import_shapes__split_coffees_shifted(void **state)
{
	(void)state;
	gig_test_ledger *t = checking();
	expect_import(t, "a.csv", export_a, 2, 0);
	expect_import(t, "b.csv",
	              "Date,Description,Amount,Balance\n"
	              "2024-03-02,Coffee,-3.50,995.50\n"
	              "2024-03-03,Rent,-500.00,495.50\n",
	              1, 1);
	gig_test_ledger_free(t);
}

/* The fingerprint rows had before sql/0015 (and rows without a balance still have):
 * the first 16 hex digits of SHA-256("DATE|AMOUNT|CUR|payee|memo|ID#OCC"). */
static char *
old_fp(const char *identity)
{
	g_autofree char *full = g_compute_checksum_for_string(G_CHECKSUM_SHA256, identity, -1);
	return g_strndup(full, GIG__FINGERPRINT_LEN);
}

/*
 * A ledger whose rows were imported before sql/0015: export A's rows carry the
 * fingerprints without the balance.  The ledger is made here by importing A and
 * putting those fingerprints back, at schema 14.  Re-importing A must add nothing;
 * the rows of old imports keep the old rule, so B's coffee is still taken for A's
 * (the balance of the row already stored is not known); B's rent is new.
 */
static void
test_import_shapes__old_identity_ledger(void **state)
{
	(void)state;
	/* the formula above is what a file without a balance gets today */
	gig_test_ledger *t = checking();
	g_autoptr(gig_import_result) nb = parse_ok(t,
	                                           "Date,Description,Amount\n"
	                                           "2024-03-01,Salary,1000.00\n",
	                                           NULL);
	g_autofree char *salary = old_fp("2024-03-01|100000|GBP|salary||#0");
	g_autofree char *coffee = old_fp("2024-03-02|-350|GBP|coffee||#0");
	assert_string_equal(row(nb, 0)->fingerprint, salary);
	g_autoptr(gig_import_result) a = import_text(t, "a.csv", export_a);
	assert_int_equal(a->inserted, 2);
	g_autofree char *now = imp_sql_text(t, "SELECT fingerprint FROM transactions WHERE id = 1");
	assert_string_equal(now, salary); /* the balance is not in today's identity either */
	gig_ledger_free(t->ledger);
	t->ledger = NULL;
	sqlite3 *db = NULL;
	assert_int_equal(sqlite3_open(t->path, &db), SQLITE_OK);
	g_autofree char *sql =
	    g_strdup_printf("UPDATE transactions SET fingerprint = '%s' WHERE payee = 'Salary';"
	                    " UPDATE transactions SET fingerprint = '%s' WHERE payee = 'Coffee';"
	                    " DELETE FROM settings WHERE key = 'import_identity_old_max_txn';"
	                    " PRAGMA user_version = 14;",
	                    salary, coffee);
	assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	g_autoptr(GError) e = NULL;
	bool ok = gig_ledger_open(&t->ledger, t->path, &e);
	gig_assert_ok(ok, e);
	assert_int_equal(imp_sql_int(t, "SELECT CAST(value AS INTEGER) FROM settings"
	                                " WHERE key = 'import_identity_old_max_txn'"),
	                 2);
	g_autoptr(gig_import_result) a2 = import_text(t, "a.csv", export_a);
	assert_int_equal(a2->inserted, 0);
	assert_int_equal(a2->duplicates, 2);
	g_autoptr(gig_import_result) b = import_text(t, "b.csv", export_b);
	assert_int_equal(b->inserted, 1);
	assert_int_equal(b->duplicates, 1);
	/* B's file contained the old coffee row, so undoing A's batch leaves it to B */
	assert_int_equal(imp_sql_int(t, "SELECT count(*) FROM import_members m JOIN transactions t"
	                                " ON t.id = m.txn_id WHERE t.payee = 'Coffee'"),
	                 1);
	/* rows imported now have today's identity: B again adds nothing, A neither */
	g_autoptr(gig_import_result) b2 = import_text(t, "b.csv", export_b);
	assert_int_equal(b2->inserted, 0);
	g_autoptr(gig_import_result) a3 = import_text(t, "a.csv", export_a);
	assert_int_equal(a3->inserted, 0);
	assert_int_equal(imp_sql_int(t, "SELECT count(*) FROM transactions"), 3);
	gig_test_ledger_free(t);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_import_shapes__marker_styles),
	    cmocka_unit_test(test_import_shapes__marker_cells),
	    cmocka_unit_test(test_import_shapes__marker_rule_from_every_row),
	    cmocka_unit_test(test_import_shapes__date_columns),
	    cmocka_unit_test(test_import_shapes__date_format_option),
	    cmocka_unit_test(test_import_shapes__messages),
	    cmocka_unit_test(test_import_shapes__split_coffees_with_balance),
	    cmocka_unit_test(test_import_shapes__split_coffees_identity),
	    cmocka_unit_test(test_import_shapes__split_coffees_two_more),
	    cmocka_unit_test(test_import_shapes__split_coffees_newest_first),
	    cmocka_unit_test(test_import_shapes__split_coffees_backdated_same_amount),
	    cmocka_unit_test(test_import_shapes__split_coffees_shifted),
	    cmocka_unit_test(test_import_shapes__split_coffees_without_balance),
	    cmocka_unit_test(test_import_shapes__old_identity_ledger),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
