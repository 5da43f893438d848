/*
 * test_report_html.c: the HTML runway report, rendered from a report filled in by hand.
 *
 * The numbers of the page (SVG coordinates, data-value attributes, percentages) must not
 * follow the caller's LC_NUMERIC: a program linking the library may run under a locale
 * whose decimal separator is a comma, and "12,5" in a points list or a data-value is a
 * different number (or none).  The test renders under de_DE.UTF-8; when that locale is
 * not installed it compiles one with localedef into a temporary directory (LOCPATH),
 * and skips when even that is impossible.
 */
#include <glib/gstdio.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gigledger/report.h>
#include <json-glib/json-glib.h>

#include "helpers.h"
#include "report_internal.h"

#define N_MONTHS 7

static gig_date
ymd(int y, int m, int d)
{
	gig_date out = 0;
	assert_true(gig_date_from_ymd(&out, y, m, d));
	return out;
}
#define N_HISTORY 4

typedef struct {
	gig_report r;
	gig_report_month months[N_MONTHS];
	gig_report_item streams[2];
	gig_report_item danger[3];
	gig_report_receivable recv[1];
} fixture;

/* A small report whose chart coordinates cannot all be whole numbers (7 month slots). */
static void
fill(fixture *f)
{
	memset(f, 0, sizeof *f);
	gig_report *r = &f->r;
	strcpy(r->currency, "EUR");
	r->exponent = 2;
	r->as_of = ymd(2026, 11, 24);
	r->cash_minor = 1411735;
	r->tax_owed_minor = 12345;
	r->reserve_target_minor = 1203981;
	r->buffer_minor = r->cash_minor - r->tax_owed_minor;
	r->safe_to_spend_minor = 207754;
	r->salary_minor = 57056;
	r->salary_risk_minor = 21441;
	gig_report_runway rw = {6.25, 5.3,    INFINITY, true,  16.4, INFINITY, INFINITY,
	                        0.0,  0.0125, 0.0625,   10000, 3,    60,       0.0};
	r->runway = rw;
	r->runway_cash = rw;
	strcpy(r->method_name, "combo_a0.1_0.1");
	strcpy(r->method_rule, "combination");
	r->method_error = 1.133;
	r->complete_months = 24;
	r->window_months = 12;
	r->reserve_multiple = 4.99;
	r->windfall_factor = 5.0;
	r->tax_rate_bp = 2550;
	r->last_tax_month = gig_date_month_index(ymd(2026, 9, 1));
	r->income_since_tax_minor = 588125;
	r->seed = 20240601;
	r->n_months = N_MONTHS;
	r->n_history = N_HISTORY;
	r->months = f->months;
	int first = gig_date_month_index(ymd(2026, 8, 1));
	for (size_t i = 0; i < N_MONTHS; i++) {
		gig_report_month *m = &f->months[i];
		m->month = first + (int)i;
		m->forecast = i >= N_HISTORY;
		m->partial = i == N_HISTORY - 1;
		m->income_minor = 233492 + 10007 * (int64_t)i;
		m->essential_minor = 208015 + 333 * (int64_t)i;
		m->other_minor = 17556;
		m->expense_minor = m->essential_minor + m->other_minor;
		m->net_minor = m->income_minor - m->expense_minor;
		m->balance_minor = 1331227 + 3333 * (int64_t)i;
		m->has_smoothed = true;
		m->smoothed_income_minor = 287435;
		m->band_low_minor = m->balance_minor - 111111;
		m->band_median_minor = m->balance_minor;
		m->band_high_minor = m->balance_minor + 122222;
		m->receivables_minor = i == N_HISTORY ? 464000 : 0;
	}
	f->streams[0] = (gig_report_item){(char *)"production", 1230000};
	f->streams[1] = (gig_report_item){(char *)"mixing", 1155000};
	r->n_streams = 2;
	r->streams = f->streams;
	f->months[0].n_streams = 2;
	f->months[0].streams = f->streams;
	r->danger_month = -1;
	f->recv[0] = (gig_report_receivable){.client = (char *)"Blue Room Studios",
	                                     .description = (char *)"Mix, 4 songs",
	                                     .open_minor = 145000,
	                                     .invoiced_on = ymd(2026, 10, 8),
	                                     .due_on = ymd(2026, 11, 7),
	                                     .expected_on = ymd(2026, 10, 31),
	                                     .days_outstanding = 47,
	                                     .days_overdue = 17,
	                                     .overdue = true,
	                                     .has_lateness = true,
	                                     .client_lateness_days = -6.5};
	r->n_receivables = 1;
	r->receivables = f->recv;
}

static char *
render_as(const gig_report *r, gig_report_format format)
{
	char *text = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&text, &len);
	assert_non_null(out);
	g_autoptr(GError) error = NULL;
	bool ok = gig_report_render(r, format, false, out, &error);
	assert_int_equal(fclose(out), 0);
	gig_assert_ok(ok, error);
	return text;
}

static char *
render(const gig_report *r)
{
	return render_as(r, GIG_REPORT_HTML);
}

static char *locale_dir;

/* de_DE.UTF-8 for LC_NUMERIC, compiled into a temporary LOCPATH when not installed. */
static bool
german_numbers(void)
{
	if (setlocale(LC_NUMERIC, "de_DE.UTF-8"))
		return true;
	locale_dir = g_dir_make_tmp("gig-locale-XXXXXX", NULL);
	if (!locale_dir)
		return false;
	g_autofree char *target = g_build_filename(locale_dir, "de_DE.UTF-8", NULL);
	const char *argv[] = {"localedef", "-i", "de_DE", "-f", "UTF-8", target, NULL};
	int status = -1;
	if (!g_spawn_sync(NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL,
	                  &status, NULL) ||
	    !g_spawn_check_wait_status(status, NULL))
		return false;
	g_setenv("LOCPATH", locale_dir, true);
	return setlocale(LC_NUMERIC, "de_DE.UTF-8") != NULL;
}

/* Every value of `attr` in the page, matched against `shape` (a full-match regex). */
static int
check_attr(const char *html, const char *attr, const char *shape)
{
	g_autofree char *pattern = g_strdup_printf("\\s%s=\"([^\"]*)\"", attr);
	g_autoptr(GRegex) re = g_regex_new(pattern, 0, 0, NULL);
	g_autofree char *anchored = g_strdup_printf("^(?:%s)$", shape);
	g_autoptr(GRegex) ok = g_regex_new(anchored, 0, 0, NULL);
	g_autoptr(GMatchInfo) mi = NULL;
	int seen = 0;
	g_regex_match(re, html, 0, &mi);
	while (g_match_info_matches(mi)) {
		g_autofree char *v = g_match_info_fetch(mi, 1);
		if (!g_regex_match(ok, v, 0, NULL))
			fail_msg("%s=\"%s\" is not of the form %s", attr, v, shape);
		seen++;
		g_match_info_next(mi, NULL);
	}
	return seen;
}

#define NUM "-?[0-9]+(?:\\.[0-9]+)?"

static void
test_report_html__numbers_ignore_the_locale(void **state)
{
	(void)state;
	fixture f;
	fill(&f);
	if (!german_numbers()) {
		print_message("skip: no de_DE.UTF-8 locale and localedef could not make one\n");
		skip();
	}
	/* the locale really is in force: the C library now writes a decimal comma */
	char probe[16];
	snprintf(probe, sizeof probe, "%.1f", 1.5);
	assert_string_equal(probe, "1,5");

	g_autofree char *html = render(&f.r);
	g_autofree char *json = render_as(&f.r, GIG_REPORT_JSON);
	setlocale(LC_NUMERIC, "C");
	/* the JSON document too: its fractions (ruin chances, months) keep a '.',
	 * so it still parses (before: "prob_ruin_3": 0,0120) */
	g_autoptr(JsonParser) parser = json_parser_new();
	g_autoptr(GError) perr = NULL;
	bool parsed = json_parser_load_from_data(parser, json, -1, &perr);
	gig_assert_ok(parsed, perr);

	int coords = 0;
	static const char *const plain[] = {"x", "y", "x1", "x2", "y1", "y2", "width", "height"};
	for (size_t i = 0; i < G_N_ELEMENTS(plain); i++)
		coords += check_attr(html, plain[i], NUM "%?");
	assert_true(coords > 4 * N_MONTHS);
	/* polygon and polyline: "x,y x,y ..." (a decimal comma would make 4 numbers a pair) */
	assert_true(check_attr(html, "points", "(?:\\s*" NUM "," NUM ")+\\s*") >= 2);
	assert_true(check_attr(html, "viewBox", NUM " " NUM " " NUM " " NUM) == 1);
	/* 9 figures per runway row, 2 rows */
	assert_true(check_attr(html, "data-value", "null|" NUM) >= 18);
	/* the shown percentages: 1.2% and 6.2%, not 1,2% */
	assert_non_null(strstr(html, ">1.2%<"));
	assert_non_null(strstr(html, ">6.2%<")); /* 6.25: the exact half, to even */
	assert_non_null(strstr(html, ">6.2<"));  /* 6.25 months, one decimal (round-half-even) */
	/* the assumptions: the tax rate and the reserve multiple */
	assert_non_null(strstr(html, "25.50%"));
	assert_non_null(strstr(html, "4.99"));
	assert_null(strstr(html, "25,50"));
	assert_null(strstr(html, "4,99"));
}

static int
count(const char *html, const char *needle)
{
	int n = 0;
	for (const char *p = strstr(html, needle); p; p = strstr(p + 1, needle))
		n++;
	return n;
}

/* The chart scales (viewBox, no fixed width), has labelled gridlines and tooltips. */
static void
test_report_html__chart(void **state)
{
	(void)state;
	fixture f;
	fill(&f);
	g_autofree char *html = render(&f.r);
	assert_int_equal(count(html, "<svg "), 1);
	assert_non_null(strstr(html, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"100%\" "
	                             "viewBox=\"0 0 760.0 320.0\""));
	/* values 0 .. 14,734.47 (the highest band), about 5 steps: 5,000 apart, 0 to 15,000 */
	assert_int_equal(count(html, "class=\"grid\""), 4);
	assert_non_null(strstr(html, ">0 EUR</text>"));
	assert_non_null(strstr(html, ">5,000 EUR</text>"));
	assert_non_null(strstr(html, ">15,000 EUR</text>"));
	assert_null(strstr(html, ">20,000 EUR</text>"));
	/* one tooltip per bar (income and expenses) and per balance point */
	assert_int_equal(count(html, "<rect class=\"bar\""), 2 * N_MONTHS);
	assert_int_equal(count(html, "<circle class=\"point\""), N_MONTHS);
	assert_non_null(strstr(html, "<title>2026-08 income: 2,334.92 EUR</title>"));
	assert_non_null(strstr(html, "<title>2026-11 expenses: 2,265.70 EUR (so far)</title>"));
	assert_non_null(strstr(html, "<title>2027-02 balance: 13,512.25 EUR (forecast); "
	                             "simulated P10&#8211;P90 12,401.14&#8211;14,734.47</title>"));
}

/* Print: repeated headers, no split rows; tables scroll inside their own box. */
static void
test_report_html__layout(void **state)
{
	(void)state;
	fixture f;
	fill(&f);
	g_autofree char *html = render(&f.r);
	assert_non_null(strstr(html, "@media print{"));
	assert_non_null(strstr(html, "thead{display:table-header-group}"));
	assert_non_null(strstr(html, "tr,svg{break-inside:avoid;page-break-inside:avoid}"));
	assert_non_null(strstr(html, "<meta name=\"viewport\""));
	/* every table has a header row of its own and sits in a scrolling box */
	int tables = count(html, "<table");
	assert_true(tables >= 6);
	assert_int_equal(count(html, "<div class=\"scroll\"><table"), tables);
	assert_int_equal(count(html, "<thead>"), tables - 1); /* all but the headline */
	/* self-contained: nothing fetched, nothing run */
	assert_null(strstr(html, "<script"));
	assert_int_equal(count(html, "http"), 1); /* the SVG namespace */
	assert_null(strstr(html, "https:"));
	assert_null(strstr(html, "src="));
}

/* The sections of the terminal report: forecast columns, streams, the tax working. */
static void
test_report_html__sections(void **state)
{
	(void)state;
	fixture f;
	fill(&f);
	g_autofree char *html = render(&f.r);
	assert_non_null(strstr(html, "<h2>Forecast</h2>"));
	assert_non_null(
	    strstr(html, "data-key=\"months.4.receivables_minor\" data-minor=\"464000\""));
	assert_non_null(strstr(html, "data-key=\"months.6.bills_minor\""));
	assert_non_null(strstr(html, "data-key=\"months.6.band_high_minor\""));
	assert_non_null(strstr(html, "<h2>Income by stream (last 12 months)</h2>"));
	/* 1,230,000 of 2,385,000 = 51.57% */
	assert_non_null(strstr(html,
	                       ">production</th><td class=\"num\" "
	                       "data-key=\"income_by_stream.0.amount_minor\" "
	                       "data-minor=\"1230000\">12,300.00</td><td class=\"num\">51.6%"));
	/* the tax working: rate, income since the last payment, its month */
	assert_non_null(strstr(html, "25.5% of <span class=\"num\" "
	                             "data-key=\"assumptions.income_since_tax_minor\" "
	                             "data-minor=\"588125\">5,881.25</span> income after 2026-09"));
	assert_non_null(strstr(html, "No danger month"));
}

/* Expenses are positive in the danger box as in the tables: "minus" lines. */
static void
test_report_html__danger_box_signs(void **state)
{
	(void)state;
	fixture f;
	fill(&f);
	f.r.danger_month = f.months[N_HISTORY + 1].month;
	f.danger[0] = (gig_report_item){(char *)"balance carried in", 1300000};
	f.danger[1] = (gig_report_item){(char *)"forecast income", 250000};
	f.danger[2] = (gig_report_item){(char *)"usual monthly expenses", -265173};
	f.r.n_danger_items = 3;
	f.r.danger_items = f.danger;
	g_autofree char *html = render(&f.r);
	assert_non_null(
	    strstr(html, "Danger month <span data-key=\"danger_month\">2027-01</span>"));
	assert_non_null(strstr(html, "<th scope=\"row\">plus forecast income</th><td "
	                             "class=\"num\" data-key=\"danger.items.1.amount_minor\" "
	                             "data-minor=\"250000\">2,500.00</td>"));
	/* shown as 2,651.73 like the expenses column, tagged with the JSON's -265173 */
	assert_non_null(strstr(html,
	                       "<th scope=\"row\">minus usual monthly expenses</th><td "
	                       "class=\"num\" data-key=\"danger.items.2.amount_minor\" "
	                       "data-minor=\"-265173\" data-shown=\"negated\">2,651.73</td>"));
	/* 13,000.00 + 2,500.00 - 2,651.73 */
	assert_non_null(strstr(html, "data-key=\"danger.balance_minor\" "
	                             "data-minor=\"1284827\">12,848.27</td>"));
	/* no amount in the page is shown with a minus sign except the net column */
	assert_null(strstr(html, ">-2,651.73<"));
	assert_non_null(strstr(html, "class=\"fc danger\""));
}

static int
teardown(void **state)
{
	(void)state;
	setlocale(LC_NUMERIC, "C");
	if (locale_dir) {
		const char *argv[] = {"rm", "-rf", locale_dir, NULL};
		g_spawn_sync(NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL,
		             NULL, NULL);
		g_free(locale_dir);
		locale_dir = NULL;
	}
	return 0;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_report_html__numbers_ignore_the_locale),
	    cmocka_unit_test(test_report_html__chart),
	    cmocka_unit_test(test_report_html__layout),
	    cmocka_unit_test(test_report_html__sections),
	    cmocka_unit_test(test_report_html__danger_box_signs),
	};
	return cmocka_run_group_tests(tests, NULL, teardown);
}
