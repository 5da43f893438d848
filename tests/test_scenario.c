/*
 * test_scenario.c: the what-if SPEC grammar (gig_whatif_parse) and the named scenarios
 * kept in the ledger (gig_ledger_scenario_*).  The report side (base and scenario on
 * the same paths) is in test_report.c.
 */
#include <string.h>

#include <gigledger/scenario.h>

#include "db.h"
#include "helpers.h"

static int
month(int y, int m)
{
	gig_date d;
	assert_true(gig_date_from_ymd(&d, y, m, 1));
	return gig_date_month_index(d);
}

typedef struct {
	const char *text;
	gig_whatif_kind kind;
	double percent;
	int64_t amount;
	int from, to; /* 0 = open (filled below) */
	const char *label;
} good_case;

static void
test_scenario__parse_forms(void **state)
{
	(void)state;
	const int open_from = GIG_WHATIF_OPEN_FROM, open_to = GIG_WHATIF_OPEN_TO;
	const good_case cases[] = {
	    {"income-30%", GIG_WHATIF_INCOME_PERCENT, -30, 0, open_from, open_to, NULL},
	    {"income -20%", GIG_WHATIF_INCOME_PERCENT, -20, 0, open_from, open_to, NULL},
	    {"Income+12.5% from 2027-01", GIG_WHATIF_INCOME_PERCENT, 12.5, 0, month(2027, 1),
	     open_to, NULL},
	    {"income+500/month", GIG_WHATIF_INCOME_MONTHLY, 0, 50000, open_from, open_to, NULL},
	    {"income-250.50/Month FROM 2027-02", GIG_WHATIF_INCOME_MONTHLY, 0, -25050,
	     month(2027, 2), open_to, NULL},
	    {"expense+10%", GIG_WHATIF_EXPENSE_PERCENT, 10, 0, open_from, open_to, NULL},
	    {"expenses -5%", GIG_WHATIF_EXPENSE_PERCENT, -5, 0, open_from, open_to, NULL},
	    {"expense+200/month", GIG_WHATIF_EXPENSE_MONTHLY, 0, 20000, open_from, open_to,
	     "expense"},
	    {"rent+150 from 2027-01", GIG_WHATIF_EXPENSE_MONTHLY, 0, 15000, month(2027, 1), open_to,
	     "rent"},
	    {"studio -1,200.00/month", GIG_WHATIF_EXPENSE_MONTHLY, 0, -120000, open_from, open_to,
	     "studio"},
	    /* a dash inside the name is not the sign (review: refused before) */
	    {"car-insurance+50/month", GIG_WHATIF_EXPENSE_MONTHLY, 0, 5000, open_from, open_to,
	     "car-insurance"},
	    {"car-insurance -12.5", GIG_WHATIF_EXPENSE_MONTHLY, 0, -1250, open_from, open_to,
	     "car-insurance"},
	    {"gig 2400 2027-03", GIG_WHATIF_GIG, 0, 240000, month(2027, 3), month(2027, 3), NULL},
	    {"  spend   900.99 2027-02 New  gear ", GIG_WHATIF_SPEND, 0, 90099, month(2027, 2),
	     month(2027, 2), "New gear"},
	    {"lose-stream teaching", GIG_WHATIF_LOSE_STREAM, 0, 0, open_from, open_to, "teaching"},
	    {"lose-stream mixing from 2027-02", GIG_WHATIF_LOSE_STREAM, 0, 0, month(2027, 2),
	     open_to, "mixing"},
	    {"pause 2027-07..2027-08", GIG_WHATIF_PAUSE, 0, 0, month(2027, 7), month(2027, 8),
	     NULL},
	    {"pause 2027-07", GIG_WHATIF_PAUSE, 0, 0, month(2027, 7), month(2027, 7), NULL},
	};
	for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
		const good_case *c = &cases[i];
		gig_whatif w;
		g_autoptr(GError) error = NULL;
		bool ok = gig_whatif_parse(c->text, 2, &w, &error);
		if (!ok)
			fail_msg("'%s': %s", c->text, error->message);
		if (w.kind != c->kind || w.percent != c->percent || w.amount_minor != c->amount ||
		    w.from != c->from || w.to != c->to || g_strcmp0(w.label, c->label) != 0)
			fail_msg("'%s': kind %d %% %g amount %lld from %d to %d label %s", c->text,
			         (int)w.kind, w.percent, (long long)w.amount_minor, w.from, w.to,
			         w.label ? w.label : "(null)");
		gig_whatif_clear(&w);
		assert_null(w.label);
	}
	/* amounts follow the currency's decimals */
	gig_whatif w;
	g_autoptr(GError) error = NULL;
	assert_true(gig_whatif_parse("gig 2400 2027-03", 0, &w, &error));
	assert_int_equal(w.amount_minor, 2400);
	gig_whatif_clear(&w);
}

static void
test_scenario__parse_errors(void **state)
{
	(void)state;
	static const char *const bad[] = {
	    "",
	    "   ",
	    "income",
	    "income-30",        /* an income change needs /month or % */
	    "income*3",         /* no sign */
	    "+30%",             /* no name */
	    "rent+150%",        /* percentages only for income and expense */
	    "income-120%",      /* more than all of it */
	    "income+0%",        /* nothing */
	    "income+1001%",     /* beyond the limit */
	    "income+abc%",      /* not a number */
	    "income+-5%",       /* two signs */
	    "expense+0/month",  /* not positive */
	    "rent+150/week",    /* the only rate is /month */
	    "rent+12x",         /* not an amount */
	    "expense+10% from", /* from without a month */
	    "expense+10% until 2027-01",
	    "expense+10% from 2027-1",
	    "gig 2400",         /* no month */
	    "gig -5 2027-03",   /* signed amount */
	    "gig 2400 2027-13", /* no such month */
	    "gig 2400 27-03",
	    "gig 2400 2027-03 extra", /* gig takes no label */
	    "spend 2027-03",
	    "lose-stream",
	    "lose-stream from 2027-01",
	    "lose-stream teaching until 2027-01",
	    "pause",
	    "pause 2027-08..2027-07", /* ends before it starts */
	    "pause 2027-07..",
	    "pause 2027-07 2027-08",
	    "holiday 2027-07",
	    "\xff\xfe income-3%", /* not UTF-8 */
	};
	for (size_t i = 0; i < G_N_ELEMENTS(bad); i++) {
		gig_whatif w;
		g_autoptr(GError) error = NULL;
		bool ok = gig_whatif_parse(bad[i], 2, &w, &error);
		if (ok)
			fail_msg("'%s' was accepted", bad[i]);
		gig_assert_error(ok, error, GIG_ERROR_INVALID_INPUT);
		/* the message shows the examples, and never a raw control byte */
		assert_non_null(strstr(error->message, "gig runway --help"));
		assert_null(w.label);
	}
	gig_whatif w;
	g_autoptr(GError) error = NULL;
	assert_false(gig_whatif_parse(NULL, 2, &w, &error));
	g_clear_error(&error);
	assert_false(gig_whatif_parse("gig 1\x1b[2J 2027-03", 2, &w, &error));
	assert_null(strchr(error->message, '\x1b'));
}

static int64_t
count(gig_test_ledger *t, const char *sql)
{
	sqlite3_stmt *st = NULL;
	assert_int_equal(sqlite3_prepare_v2(gig__ledger_db(t->ledger), sql, -1, &st, NULL),
	                 SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	int64_t v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

static void
test_scenario__store(void **state)
{
	(void)state;
	gig_test_ledger *t = gig_test_ledger_new("EUR");
	g_autoptr(GError) error = NULL;
	const char *tour[] = {"pause 2027-07..2027-08", "spend 1800 2027-06 Van"};
	const char *quiet[] = {"income-30%"};
	bool ok = gig_ledger_scenario_add(t->ledger, "tour", tour, 2, &error);
	gig_assert_ok(ok, error);
	ok = gig_ledger_scenario_add(t->ledger, "  Quiet year ", quiet, 1, &error);
	gig_assert_ok(ok, error);

	g_autoptr(GPtrArray) list = NULL;
	ok = gig_ledger_scenario_list(t->ledger, &list, &error);
	gig_assert_ok(ok, error);
	assert_int_equal(list->len, 2);
	const gig_saved_scenario *a = list->pdata[0], *b = list->pdata[1];
	assert_string_equal(a->name, "Quiet year"); /* trimmed, sorted by name */
	assert_int_equal(a->n_specs, 1);
	assert_string_equal(a->specs[0], "income-30%");
	assert_null(a->specs[1]);
	assert_string_equal(b->name, "tour");
	assert_int_equal(b->n_specs, 2);
	assert_string_equal(b->specs[0], "pause 2027-07..2027-08"); /* in the order given */
	assert_string_equal(b->specs[1], "spend 1800 2027-06 Van");

	g_autoptr(gig_saved_scenario) got = NULL;
	ok = gig_ledger_scenario_get(t->ledger, "TOUR", &got, &error);
	gig_assert_ok(ok, error);
	assert_string_equal(got->name, "tour");
	assert_int_equal(got->n_specs, 2);

	/* refused, and nothing written */
	ok = gig_ledger_scenario_add(t->ledger, "Tour", quiet, 1, &error);
	gig_assert_error(ok, error, GIG_ERROR_DUPLICATE);
	g_clear_error(&error);
	const char *mixed[] = {"income-10%", "income-10"};
	ok = gig_ledger_scenario_add(t->ledger, "mixed", mixed, 2, &error);
	gig_assert_error(ok, error, GIG_ERROR_INVALID_INPUT);
	assert_non_null(strstr(error->message, "income-10'"));
	g_clear_error(&error);
	ok = gig_ledger_scenario_add(t->ledger, "none", quiet, 0, &error);
	gig_assert_error(ok, error, GIG_ERROR_INVALID_INPUT);
	g_clear_error(&error);
	static const char *const bad_names[] = {"", "   ", "a\tb", "x\x1b[31m",
	                                        "0123456789012345678901234567890123456789"
	                                        "0123456789012345678901234"};
	for (size_t i = 0; i < G_N_ELEMENTS(bad_names); i++) {
		ok = gig_ledger_scenario_add(t->ledger, bad_names[i], quiet, 1, &error);
		gig_assert_error(ok, error, GIG_ERROR_INVALID_INPUT);
		g_clear_error(&error);
	}
	ok = gig_ledger_scenario_add(t->ledger, NULL, quiet, 1, &error);
	gig_assert_error(ok, error, GIG_ERROR_INVALID_INPUT);
	g_clear_error(&error);
	assert_int_equal(count(t, "SELECT count(*) FROM scenarios"), 2);
	assert_int_equal(count(t, "SELECT count(*) FROM scenario_specs"), 3);

	/* removed with its specs; then gone */
	ok = gig_ledger_scenario_remove(t->ledger, "TOUR", &error);
	gig_assert_ok(ok, error);
	assert_int_equal(count(t, "SELECT count(*) FROM scenarios"), 1);
	assert_int_equal(count(t, "SELECT count(*) FROM scenario_specs"), 1);
	ok = gig_ledger_scenario_remove(t->ledger, "tour", &error);
	gig_assert_error(ok, error, GIG_ERROR_NOT_FOUND);
	g_clear_error(&error);
	gig_saved_scenario *none = NULL;
	ok = gig_ledger_scenario_get(t->ledger, "tour", &none, &error);
	gig_assert_error(ok, error, GIG_ERROR_NOT_FOUND);
	assert_null(none);
	g_clear_error(&error);
	/* a name can be used again once removed */
	ok = gig_ledger_scenario_add(t->ledger, "tour", quiet, 1, &error);
	gig_assert_ok(ok, error);
	gig_test_ledger_free(t);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_scenario__parse_forms),
	    cmocka_unit_test(test_scenario__parse_errors),
	    cmocka_unit_test(test_scenario__store),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
