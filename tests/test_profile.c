/*
 * test_profile.c: bank profiles as user input (issue 9.4).  The first three
 * tests are the three crashes libFuzzer found (a NULL from a non-UTF-8 value,
 * header=none with a column given by name, a column number past the file's
 * columns); the others check that every key is validated and that each
 * refusal names the profile file, the group, the key and its line, counted
 * by hand in the texts below.
 */
#include <string.h>

#include <glib/gstdio.h>

#include "import_helpers.h"

typedef struct {
	char *dir;
} fixture;

static int
setup(void **state)
{
	fixture *f = g_new0(fixture, 1);
	f->dir = g_dir_make_tmp("gig-profile-XXXXXX", NULL);
	assert_non_null(f->dir);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	fixture *f = *state;
	g_autoptr(GDir) d = g_dir_open(f->dir, 0, NULL);
	const char *e;
	while (d && (e = g_dir_read_name(d)) != NULL) {
		g_autofree char *p = g_build_filename(f->dir, e, NULL);
		g_unlink(p);
	}
	g_rmdir(f->dir);
	g_free(f->dir);
	g_free(f);
	return 0;
}

static char *
put(fixture *f, const char *name, const char *text)
{
	char *path = g_build_filename(f->dir, name, NULL);
	assert_true(g_file_set_contents(path, text, -1, NULL));
	return path;
}

/* Parses csv with the profile; returns the error (the parse must fail). */
static GError *
parse_fails(const char *csv, const char *profile)
{
	gig_import_options o = GIG_IMPORT_OPTIONS_INIT;
	o.profile = profile;
	gig_import_result *r = NULL;
	GError *e = NULL;
	bool ok = gig_csv_parse_file(csv, &o, &r, &e);
	gig_assert_error(ok, e, GIG_ERROR_INVALID_INPUT);
	return e;
}

static void
assert_message(const GError *e, const char *path, const char *rest)
{
	g_autofree char *want = g_strdup_printf("%s: %s", path, rest);
	assert_string_equal(e->message, want);
}

static const char headered[] = "Date,Payee,Amount\n"
                               "2026-01-05,Foo,12.50\n"
                               "2026-01-06,Bar,-3.00\n";
static const char headerless[] = "2026-01-05,Foo,12.50\n"
                                 "2026-01-06,Bar,-3.00\n";

/* Crash 1: g_key_file_get_string() gave NULL for the \xFF value and strsplit read it. */
static void
test_profile__non_utf8_column_value(void **state)
{
	fixture *f = *state;
	g_autofree char *csv = put(f, "a.csv", headerless);
	g_autofree char *prof = put(f, "p.ini",
	                            "[profile]\n"
	                            "header=none\n"
	                            "[columns]\n"
	                            "date=1\n"
	                            "memo=2,\xff\n");
	g_autoptr(GError) e = parse_fails(csv, prof);
	assert_message(e, prof, "[columns] memo (line 5): the value '2,\\xFF' is not UTF-8 text");
	/* the same for a single column */
	g_autofree char *p2 = put(f, "q.ini", "[columns]\ndate=1\n\namount=\xc3\n");
	g_autoptr(GError) e2 = parse_fails(csv, p2);
	assert_message(e2, p2, "[columns] amount (line 4): the value '\\xC3' is not UTF-8 text");
}

/* Crash 2: header=none dropped the names but kept their count; the name lookup read NULL. */
static void
test_profile__header_none_with_column_name(void **state)
{
	fixture *f = *state;
	g_autofree char *csv = put(f, "h.csv", headered);
	g_autofree char *prof = put(f, "p.ini",
	                            "# a header name where a number is needed\n"
	                            "[profile]\n"
	                            "header=none\n"
	                            "\n"
	                            "[columns]\n"
	                            "date=1\n"
	                            "amount = Amount\n");
	g_autoptr(GError) e = parse_fails(csv, prof);
	assert_message(e, prof,
	               "[columns] amount (line 7): 'Amount' is a header name, but header=none "
	               "says the file has none: give the column's number");
}

/* Crash 3: the column statistics were sized by the file, the profile's column was not. */
static void
test_profile__column_past_the_file(void **state)
{
	fixture *f = *state;
	g_autofree char *csv = put(f, "a.csv", headerless);
	g_autofree char *prof =
	    put(f, "p.ini", "[profile]\nheader=none\n[columns]\ndate=1\namount=900\n");
	g_autoptr(GError) e = parse_fails(csv, prof);
	assert_message(e, prof,
	               "[columns] amount (line 5): column 900, but the file's rows have 3 columns");
	g_autofree char *h = put(f, "h.csv", headered);
	g_autofree char *p2 = put(f, "q.ini", "[columns]\ndate=Date\namount=4\n");
	g_autoptr(GError) e2 = parse_fails(h, p2);
	assert_message(e2, p2,
	               "[columns] amount (line 3): column 4, but the file's rows have 3 columns");
}

/*
 * A headerless file wider than 65 columns with a profile: the statistics had
 * room for 65 (no header, so 0 + 1 + 64) and column 70 was read past them.
 * Now it parses, and the amount comes from column 70.
 */
static void
test_profile__wide_headerless_file(void **state)
{
	fixture *f = *state;
	GString *t = g_string_new(NULL);
	for (int r = 0; r < 3; r++) {
		g_string_append_printf(t, "2026-01-0%d", r + 1);
		for (int c = 2; c <= 70; c++)
			g_string_append_printf(t, ",%s",
			                       c == 70 ? (r == 1 ? "-7.25" : "1.00") : "x");
		g_string_append_c(t, '\n');
	}
	g_autofree char *text = g_string_free(t, FALSE);
	g_autofree char *csv = put(f, "w.csv", text);
	g_autofree char *prof =
	    put(f, "p.ini", "[profile]\nheader=none\n[columns]\ndate=1\namount=70\npayee=2\n");
	gig_import_options o = GIG_IMPORT_OPTIONS_INIT;
	o.profile = prof;
	g_autoptr(gig_import_result) r = NULL;
	g_autoptr(GError) e = NULL;
	bool ok = gig_csv_parse_file(csv, &o, &r, &e);
	gig_assert_ok(ok, e);
	assert_int_equal(r->rows->len, 3);
	assert_int_equal(((gig_csv_row *)r->rows->pdata[1])->amount_minor, -725);
	assert_int_equal(r->sum_minor, 100 - 725 + 100);
}

/* A name the header lacks, and a name with a header row the profile keeps. */
static void
test_profile__column_names(void **state)
{
	fixture *f = *state;
	g_autofree char *csv = put(f, "h.csv", headered);
	g_autofree char *prof = put(f, "p.ini", "[columns]\ndate=Date\namount=Betrag\n");
	g_autoptr(GError) e = parse_fails(csv, prof);
	assert_message(e, prof,
	               "[columns] amount (line 3): no column 'Betrag' in the file's header (use a "
	               "header name or a 1-based number)");
	g_autofree char *good =
	    put(f, "g.ini", "[columns]\ndate=date\namount=AMOUNT\npayee=2\nmemo=Payee, 3\n");
	gig_import_options o = GIG_IMPORT_OPTIONS_INIT;
	o.profile = good;
	g_autoptr(gig_import_result) r = NULL;
	g_autoptr(GError) e2 = NULL;
	bool ok = gig_csv_parse_file(csv, &o, &r, &e2);
	gig_assert_ok(ok, e2);
	assert_int_equal(r->rows->len, 2);
	assert_int_equal(((gig_csv_row *)r->rows->pdata[0])->amount_minor, 1250);
	assert_string_equal(((gig_csv_row *)r->rows->pdata[1])->payee, "Bar");
	assert_string_equal(r->guesses.profile, "g");
}

/*
 * A key given twice: GKeyFile lists it twice and keeps the last value.  Found
 * by fuzz_profile: the first value leaked, and memo given twice wrote 16
 * columns into room for 8.  Now each key counts once, with its last value.
 */
static void
test_profile__key_given_twice(void **state)
{
	fixture *f = *state;
	g_autofree char *csv = put(f, "h.csv", headered);
	g_autofree char *prof = put(f, "p.ini",
	                            "[profile]\n"
	                            "match_header=A,B\n"
	                            "match_header=Date,Payee,Amount\n"
	                            "date_format=%d.%m.%Y\n"
	                            "date_format=%Y-%m-%d\n"
	                            "[columns]\n"
	                            "date=1\n"
	                            "amount=3\n"
	                            "memo=1,1,1,1,1,1,1,1\n"
	                            "memo=2,2,2,2,2,2,2,3\n");
	const char *dirs[] = {f->dir, NULL};
	g_autoptr(gig__profile) found = NULL;
	g_autoptr(GError) e = NULL;
	char h0[] = "Date", h1[] = "Payee", h2[] = "Amount";
	char *header[] = {h0, h1, h2, NULL};
	bool ok = gig__profile_find_auto(&found, dirs, header, 3, NULL, &e);
	gig_assert_ok(ok, e);
	assert_non_null(found); /* by the second match_header */
	gig_import_options o = GIG_IMPORT_OPTIONS_INIT;
	o.profile = prof;
	g_autoptr(gig_import_result) r = NULL;
	ok = gig_csv_parse_file(csv, &o, &r, &e);
	gig_assert_ok(ok, e);
	assert_int_equal(r->rows->len, 2);
	assert_string_equal(r->guesses.date_format, "%Y-%m-%d");
	/* no payee column: the memo (the second memo's columns, once) becomes the payee */
	assert_string_equal(((gig_csv_row *)r->rows->pdata[0])->payee,
	                    "Foo Foo Foo Foo Foo Foo Foo 12.50");
}

/* Several profiles match: the first by file name wins, whatever the directory order. */
static void
test_profile__auto_order_by_name(void **state)
{
	fixture *f = *state;
	static const char *const names[] = {"m.ini",  "c.ini", "z.ini", "a2.ini", "b.ini",
	                                    "a1.ini", "y.ini", "d.ini", "x.ini"};
	for (size_t i = 0; i < G_N_ELEMENTS(names); i++) {
		g_autofree char *text =
		    g_strdup_printf("[profile]\nname=%s\nmatch_regex=^2026\n", names[i]);
		g_autofree char *path = put(f, names[i], text);
		(void)path; /* only its cleanup matters (clang -Wunused) */
	}
	const char *dirs[] = {f->dir, NULL};
	g_autoptr(gig__profile) p = NULL;
	g_autoptr(GError) e = NULL;
	bool ok = gig__profile_find_auto(&p, dirs, NULL, 0, "2026-01-05,Foo,1.00", &e);
	gig_assert_ok(ok, e);
	assert_non_null(p);
	assert_string_equal(gig__profile_name(p), "a1.ini");
}

/* Every key validated: text in, the message after "P.ini: " out (lines counted by hand). */
static void
test_profile__every_key_checked(void **state)
{
	(void)state;
	static const struct {
		const char *text, *want;
	} cases[] = {
	    {"[profile]\nnmae=x\n",
	     "[profile] nmae (line 2): unknown key (known: name, header, match_regex, "
	     "match_header, encoding, delimiter, date_format, decimal_mark, currency, "
	     "invert_sign)"},
	    {"[profile]\n[colums]\ndate=1\n",
	     "[colums] (line 2): unknown group (a profile has [profile] and [columns])"},
	    {"[columns]\ndate=1\nbetrag=2\n",
	     "[columns] betrag (line 3): unknown column role (known: date, date_fallback, "
	     "value_date, payee, from, to, amount, net, debit, credit, fee, direction, "
	     "currency, balance, id, status, memo)"},
	    {"[profile]\ninvert_sign=maybe\n",
	     "[profile] invert_sign (line 2): 'maybe' is not true or false"},
	    {"[profile]\nheader=yes\n",
	     "[profile] header (line 2): 'yes' is neither none nor auto"},
	    {"[profile]\ndecimal_mark=;\n",
	     "[profile] decimal_mark (line 2): ';' is neither '.' nor ','"},
	    {"[profile]\ndecimal_mark=.,\n",
	     "[profile] decimal_mark (line 2): '.,' is neither '.' nor ','"},
	    {"[profile]\ndelimiter=ab\n",
	     "[profile] delimiter (line 2): 'ab' is not one punctuation character, tab, comma "
	     "or semicolon"},
	    {"[profile]\ndelimiter=\"\n",
	     "[profile] delimiter (line 2): '\"' is not one punctuation character, tab, comma "
	     "or semicolon"},
	    {"[profile]\ncurrency=EURO\n",
	     "[profile] currency (line 2): 'EURO' is not a three-letter ISO 4217 code (EUR, "
	     "USD, ...)"},
	    {"[profile]\nencoding=NO-SUCH-CODESET\n",
	     "[profile] encoding (line 2): unknown encoding 'NO-SUCH-CODESET'"},
	    /* (a format without a year, %d.%m, is accepted: dates without a year take
	     * the statement's, test_import_infer__dates_without_year) */
	    {"[profile]\ndate_format=%Y-%m\n",
	     "[profile] date_format (line 2): '%Y-%m' needs a day (%d) and a month (%m or %b)"},
	    {"[profile]\ndate_format=%d.%m.%Y %Z\n",
	     "[profile] date_format (line 2): '%d.%m.%Y %Z' has a conversion other than %d %e "
	     "%m %b %B %Y %y %H %M %S %%"},
	    {"[profile]\ndate_format=%Y%m%d%\n",
	     "[profile] date_format (line 2): '%Y%m%d%' ends in a lone '%'"},
	    {"[profile]\nname=\n", "[profile] name (line 2): has no value"},
	    {"[profile]\nname=a\\tb\n", "[profile] name (line 2): 'a\\x09b' holds a control "
	                                "character"},
	    {"[columns]\ndate=0\n",
	     "[columns] date (line 2): column 0 is out of range (columns are numbered 1 to "
	     "1000)"},
	    {"[columns]\ndate=-3\n",
	     "[columns] date (line 2): column -3 is out of range (columns are numbered 1 to "
	     "1000)"},
	    {"[columns]\ndate=1001\n",
	     "[columns] date (line 2): column 1001 is out of range (columns are numbered 1 "
	     "to 1000)"},
	    {"[columns]\ndate=99999999999999999999\n",
	     "[columns] date (line 2): column 99999999999999999999 is out of range (columns "
	     "are numbered 1 to 1000)"},
	    {"[columns]\nmemo=1,,3\n",
	     "[columns] memo (line 2): an empty column (give a header name or a 1-based "
	     "number)"},
	    {"[columns]\nmemo=1,2,3,4,5,6,7,8,9\n",
	     "[columns] memo (line 2): 9 columns, but at most 8 can be joined"},
	    /* a key given twice: GKeyFile keeps the last, and so does the line */
	    {"[columns]\r\ndate=1\r\n# again\r\n  date = 0\r\n",
	     "[columns] date (line 4): column 0 is out of range (columns are numbered 1 to "
	     "1000)"},
	    /* [profile] is read first, wherever it is */
	    {"[columns]\ndate=Datum\n[profile]\nheader=none\n",
	     "[columns] date (line 2): 'Datum' is a header name, but header=none says the "
	     "file has none: give the column's number"},
	    {"[profile]\nmatch_regex=^(\n", NULL /* GLib's own words; checked below */},
	};
	for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
		g_autoptr(gig__profile) p = NULL;
		g_autoptr(GError) e = NULL;
		bool ok = gig__profile_parse(&p, "P.ini", cases[i].text, strlen(cases[i].text), &e);
		gig_assert_error(ok, e, GIG_ERROR_INVALID_INPUT);
		if (cases[i].want != NULL) {
			assert_message(e, "P.ini", cases[i].want);
		} else {
			assert_true(g_str_has_prefix(e->message,
			                             "P.ini: [profile] match_regex (line 2): "));
		}
	}
}

/* Text that is no key file, a NUL byte, a file too large, a missing file. */
static void
test_profile__unreadable_files(void **state)
{
	fixture *f = *state;
	g_autoptr(gig__profile) p = NULL;
	g_autoptr(GError) e = NULL;
	const char *text = "date=1\n";
	bool ok = gig__profile_parse(&p, "P.ini", text, strlen(text), &e);
	gig_assert_error(ok, e, GIG_ERROR_INVALID_INPUT);
	assert_true(g_str_has_prefix(e->message, "P.ini: "));
	g_clear_error(&e);
	ok = gig__profile_parse(&p, "P.ini", "[profile]\n\nname=a\0b\n", 19, &e);
	gig_assert_error(ok, e, GIG_ERROR_INVALID_INPUT);
	assert_string_equal(e->message, "P.ini: line 3: a NUL byte (a profile is a text file)");
	g_clear_error(&e);
	g_autofree char *big_text = g_strnfill(70000, '#');
	g_autofree char *big = put(f, "big.ini", big_text);
	ok = gig__profile_load(&p, big, NULL, &e);
	gig_assert_error(ok, e, GIG_ERROR_INVALID_INPUT);
	g_autofree char *want =
	    g_strdup_printf("%s: 70000 bytes; a profile is at most 65536 bytes", big);
	assert_string_equal(e->message, want);
	g_clear_error(&e);
	g_autofree char *missing = g_build_filename(f->dir, "none.ini", NULL);
	ok = gig__profile_load(&p, missing, NULL, &e);
	gig_assert_error(ok, e, GIG_ERROR_NOT_FOUND);
	g_clear_error(&e);
	g_unlink(big);
	/* a broken profile among the auto-selected ones is named, not skipped */
	g_autofree char *bad = put(f, "zz.ini", "[profile]\nheader=sometimes\n");
	const char *dirs[] = {f->dir, NULL};
	ok = gig__profile_find_auto(&p, dirs, NULL, 0, "x", &e);
	gig_assert_error(ok, e, GIG_ERROR_INVALID_INPUT);
	g_autofree char *want2 = g_strdup_printf(
	    "%s: [profile] header (line 2): 'sometimes' is neither none nor auto", bad);
	assert_string_equal(e->message, want2);
}

/* Every shipped profile passes the checks, and what it says is kept. */
static void
test_profile__shipped_profiles_load(void **state)
{
	(void)state;
	const char *dir = imp_profile_dirs()[0];
	g_autoptr(GDir) d = g_dir_open(dir, 0, NULL);
	assert_non_null(d);
	int n = 0;
	const char *e;
	while ((e = g_dir_read_name(d)) != NULL) {
		if (!g_str_has_suffix(e, ".ini"))
			continue;
		g_autofree char *path = g_build_filename(dir, e, NULL);
		g_autoptr(gig__profile) p = NULL;
		g_autoptr(GError) err = NULL;
		bool ok = gig__profile_load(&p, path, NULL, &err);
		gig_assert_ok(ok, err);
		n++;
	}
	assert_true(n >= 7);
	g_autofree char *path = g_build_filename(dir, "reckon-tab-eu.ini", NULL);
	g_autoptr(gig__profile) p = NULL;
	g_autoptr(GError) err = NULL;
	assert_true(gig__profile_load(&p, path, NULL, &err));
	assert_int_equal(gig__profile_delimiter(p), '\t');
	assert_string_equal(gig__profile_name(p), "reckon-tab-eu");
	assert_null(gig__profile_encoding(p));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_profile__non_utf8_column_value, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_profile__header_none_with_column_name, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(test_profile__column_past_the_file, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_profile__wide_headerless_file, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_profile__column_names, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_profile__key_given_twice, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_profile__auto_order_by_name, setup, teardown),
	    cmocka_unit_test(test_profile__every_key_checked),
	    cmocka_unit_test_setup_teardown(test_profile__unreadable_files, setup, teardown),
	    cmocka_unit_test(test_profile__shipped_profiles_load),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
