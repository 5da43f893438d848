/*
 * test_import_infer.c: exports nobody here has seen (issue 10), read from
 * their values with the header names only as hints.  One test per failure
 * class of the issue, on the small made-up files in tests/data/infer (see
 * its README.md); every expected figure is worked out by hand from the
 * file's lines, written next to the assertion.
 */
#include <string.h>

#include "import_helpers.h"

static char *
infer_path(const char *file)
{
	g_autofree char *rel = g_build_filename("infer", file, NULL);
	return gig_test_data_path(rel);
}

static gig_import_result *
parse(const char *file)
{
	g_autofree char *path = infer_path(file);
	gig_import_options o = imp_opts(NULL);
	gig_import_result *r = NULL;
	g_autoptr(GError) e = NULL;
	bool ok = gig_csv_parse_file(path, &o, &r, &e);
	gig_assert_ok(ok, e);
	return r;
}

static const gig_csv_row *
row(const gig_import_result *r, size_t i)
{
	assert_true(r->rows != NULL && i < r->rows->len);
	return r->rows->pdata[i];
}

static void
assert_date(gig_date d, const char *iso)
{
	char buf[GIG_DATE_BUFSZ];
	assert_string_equal(gig_date_format(buf, d), iso);
}

static void
assert_amounts(const gig_import_result *r, const int64_t *want, size_t n)
{
	assert_int_equal(r->rows->len, n);
	for (size_t i = 0; i < n; i++)
		assert_int_equal(row(r, i)->amount_minor, want[i]);
}

/* Class 1: a header whose names no table knows is a header, because the
 * lines below it parse and it does not.  Before: "date is not valid ...
 * 'Reporting Date'" on line 1. */
static void
test_import_infer__unknown_english_header(void **state)
{
	(void)state;
	g_autoptr(gig_import_result) r = parse("royalty-unknown-header.csv");
	assert_int_equal(r->guesses.header_line, 1);
	/* Earnings (USD): 4.87 2.95 0.41 1.63 0.22, not the Units column */
	const int64_t want[] = {487, 295, 41, 163, 22};
	assert_amounts(r, want, 5);
	assert_int_equal(r->sum_minor, 1008);
	assert_string_equal(row(r, 0)->currency, "USD"); /* from the name "Earnings (USD)" */
	assert_date(row(r, 0)->posted_on, "2024-01-14");
	assert_date(row(r, 4)->posted_on, "2024-02-04");
	assert_non_null(row(r, 0)->payee);
	assert_true(*row(r, 0)->payee != '\0');
}

static void
test_import_infer__cyrillic_header(void **state)
{
	(void)state;
	g_autoptr(gig_import_result) r = parse("ru-bank-cyrillic-header.csv");
	/* -12 500,00  45 000,00  3 210,50  -30 000,00 */
	const int64_t want[] = {-1250000, 4500000, 321050, -3000000};
	assert_amounts(r, want, 4);
	assert_int_equal(r->sum_minor, 571050);
	assert_string_equal(row(r, 0)->currency, "RUB");
	assert_string_equal(row(r, 1)->payee, "ИП Петров");
	assert_int_equal(r->balance_breaks->len, 0); /* 100 000 - 12 500 = 87 500 ... */
	assert_true(r->has_stated_balance);          /* the last running balance */
	assert_int_equal(r->stated_balance_minor, 10571050);
	assert_date(r->stated_balance_on, "2024-02-14");
}

/* No name is known at all: the values alone (date, text, text, signed money, balance). */
static void
test_import_infer__no_known_names(void **state)
{
	(void)state;
	g_autoptr(gig_import_result) r = parse("no-known-names.csv");
	const int64_t want[] = {-1500, 22000, -525};
	assert_amounts(r, want, 3);
	assert_string_equal(row(r, 1)->payee, "Beta Hall");
	assert_int_equal(r->balance_breaks->len, 0);
	assert_int_equal(r->stated_balance_minor, 69975);
}

/* Class 2: preamble with account, currency and balances; booking and value
 * date; separate out and in columns. */
static void
test_import_infer__headerless_preamble_in_out(void **state)
{
	(void)state;
	g_autoptr(gig_import_result) r = parse("headerless-preamble-in-out.csv");
	assert_int_equal(r->guesses.header_line, 0);
	const int64_t want[] = {-24550, 450000, -180000, 45100};
	assert_amounts(r, want, 4);
	assert_string_equal(row(r, 0)->currency, "NOK"); /* "Valuta;NOK" above the data */
	assert_date(row(r, 0)->posted_on, "2024-03-22"); /* the leftmost date, not 21.03 */
	assert_string_equal(row(r, 0)->payee, "Kiwi Grünerløkka");
	assert_true(row(r, 0)->has_balance);
	assert_int_equal(row(r, 0)->balance_minor, 975450);
	/* 10 000,00 - 245,50 + 4 500,00 - 1 800,00 + 451,00 = 12 905,50, as stated */
	assert_int_equal(r->balance_breaks->len, 0);
	assert_true(r->has_stated_balance);
	assert_int_equal(r->stated_balance_minor, 1290550);
}

/* Class 2: the amount in the operation's currency next to the account's; the
 * balance chain (1000.00 + 110.52 = 1110.52 ...) says which is the account's. */
static void
test_import_infer__two_currencies(void **state)
{
	(void)state;
	g_autoptr(gig_import_result) r = parse("headerless-two-currencies.csv");
	const int64_t want[] = {11052, -8900, -2117, 30000, -4513};
	assert_amounts(r, want, 5);
	for (size_t i = 0; i < 5; i++)
		assert_string_equal(row(r, i)->currency, "EUR");
	assert_int_equal(r->balance_breaks->len, 0);
	assert_int_equal(r->stated_balance_minor, 125522);
}

/* Class 2 and 6: a header over two lines, out/in columns, a balance row and a
 * totals row among the data. */
static void
test_import_infer__split_header_and_totals(void **state)
{
	(void)state;
	g_autoptr(gig_import_result) r = parse("split-header-totals.csv");
	assert_int_equal(r->guesses.header_line, 2);
	const int64_t want[] = {-25000, 60000, -4280, 18815};
	assert_amounts(r, want, 4);
	assert_int_equal(r->sum_minor, 49535);
	assert_int_equal(r->skipped_rows, 2); /* "Saldo al 15/05/2024" and "Totale" */
	assert_string_equal(row(r, 2)->payee, "Corde e bacchette");
	/* the balance row says 2.350,00, which is the balance of the row above it */
	assert_int_equal(r->balance_breaks->len, 0);
	/* the end of the file is the last running balance, not the mid-file balance row */
	assert_int_equal(r->stated_balance_minor, 249535);
}

/* Class 3: no header; amount, then running balance.  Before: the balance was
 * read as the amount (rent +500.00). */
static void
test_import_infer__headerless_running_balance(void **state)
{
	(void)state;
	g_autoptr(gig_import_result) r = parse("headerless-running-balance.csv");
	const int64_t want[] = {50000, -325000, 80000, -2340, 15000};
	assert_amounts(r, want, 5);
	assert_int_equal(row(r, 1)->balance_minor, 50000);
	assert_int_equal(r->sum_minor, -182340);
	assert_int_equal(r->balance_breaks->len, 0);
	assert_int_equal(r->stated_balance_minor, 142660);
}

/* Class 6: totals in three languages after the data and a closing-balance row
 * between the data are skipped, never fatal.  Before: "date is not valid ... 'Итого'". */
static void
test_import_infer__totals_any_language(void **state)
{
	(void)state;
	g_autoptr(gig_import_result) r = parse("totals-any-language.csv");
	const int64_t want[] = {120000, -3550, -8000};
	assert_amounts(r, want, 3);
	assert_int_equal(r->skipped_rows, 4);
	assert_int_equal(r->balance_breaks->len, 0);
	assert_int_equal(r->stated_balance_minor, 158450);
}

/* Class 6: a balance row that does not follow from the rows above is reported. */
static void
test_import_infer__balance_row_checked(void **state)
{
	(void)state;
	gig_test_ledger *t = gig_test_ledger_new("EUR");
	g_autofree char *path = imp_write(t, "mid.csv",
	                                  "Date,Description,Amount,Balance\n"
	                                  "2024-09-02,Invoice,100.00,600.00\n"
	                                  "Saldo per 2024-09-03,,,650.00\n"
	                                  "2024-09-04,Cables,-10.00,590.00\n",
	                                  -1);
	gig_import_options o = imp_opts(NULL);
	g_autoptr(gig_import_result) r = NULL;
	g_autoptr(GError) e = NULL;
	bool ok = gig_csv_parse_file(path, &o, &r, &e);
	gig_assert_ok(ok, e);
	assert_int_equal(r->rows->len, 2);
	assert_int_equal(r->balance_breaks->len, 1);
	const gig_balance_break *b = r->balance_breaks->pdata[0];
	assert_int_equal(b->line, 3);
	assert_int_equal(b->expected_minor, 60000);
	assert_int_equal(b->stated_minor, 65000);
	gig_test_ledger_free(t);
}

/* Class 7: a status column in Swedish: Reserverad is pending, Makulerad is not
 * a transaction.  Before: every row posted. */
static void
test_import_infer__status_own_language(void **state)
{
	(void)state;
	g_autoptr(gig_import_result) r = parse("status-own-language.csv");
	assert_int_equal(r->inserted, 3);
	assert_int_equal(r->pending, 2);
	assert_int_equal(r->sum_minor, -11900 + 240000 - 24990);
	assert_int_equal(r->skipped_rows, 1);
	assert_true(row(r, 2)->pending); /* SL Access, Reserverad */
	assert_false(row(r, 1)->pending);
}

/* Class 8: "Concepto" is no known name; the longest varied text is the payee.
 * Before: every payee empty. */
static void
test_import_infer__description_unknown_name(void **state)
{
	(void)state;
	g_autoptr(gig_import_result) r = parse("description-unknown-name.csv");
	assert_int_equal(r->rows->len, 4);
	assert_string_equal(row(r, 0)->payee, "TRANSFERENCIA SALA APOLO CONCIERTO");
	assert_string_equal(row(r, 3)->payee, "ABONO SGAE DERECHOS");
}

/* Error messages quote the value and the expected format apart. */
static void
test_import_infer__date_error_names_format(void **state)
{
	(void)state;
	gig_test_ledger *t = gig_test_ledger_new("EUR");
	g_autofree char *path = imp_write(t, "bad.csv",
	                                  "Datum;Empfaenger;Betrag\n"
	                                  "22.01.2025;a;12,50\n"
	                                  "23.01.2025;b;3,00\n"
	                                  "2025/01/24;c;1,00\n",
	                                  -1);
	gig_import_options o = imp_opts(NULL);
	g_autoptr(gig_import_result) r = NULL;
	g_autoptr(GError) e = NULL;
	assert_false(gig_csv_parse_file(path, &o, &r, &e));
	assert_non_null(e);
	assert_non_null(strstr(e->message, "bad.csv:4:1: column 'Datum': '2025/01/24' is not a "
	                                   "date in the format %d.%m.%Y"));
	gig_test_ledger_free(t);
}

/* A headerless file in a date shape only the user's --date-format reads: its
 * values are dates to the inference too.  Before (the merge of main's shapes
 * into this inference): "no column holds dates" even with the option. */
static void
test_import_infer__date_format_option_headerless(void **state)
{
	(void)state;
	gig_test_ledger *t = gig_test_ledger_new("USD");
	g_autofree char *path = imp_write(t, "odd.csv",
	                                  "05_01_2023,Shop,-1.00\n"
	                                  "13_01_2023,Bakery,2.00\n"
	                                  "20_01_2023,Rent,-3.50\n",
	                                  -1);
	gig_import_options o = imp_opts(NULL);
	g_autoptr(gig_import_result) bad = NULL;
	g_autoptr(GError) e = NULL;
	assert_false(gig_csv_parse_file(path, &o, &bad, &e));
	assert_non_null(strstr(e->message, "no column holds dates"));
	o.date_format = "%d_%m_%Y";
	g_autoptr(gig_import_result) r = NULL;
	g_autoptr(GError) e2 = NULL;
	gig_assert_ok(gig_csv_parse_file(path, &o, &r, &e2), e2);
	/* the three lines as written: day_month_year, amounts as signed */
	assert_date(row(r, 0)->posted_on, "2023-01-05");
	assert_date(row(r, 1)->posted_on, "2023-01-13");
	assert_date(row(r, 2)->posted_on, "2023-01-20");
	const int64_t want[] = {-100, 200, -350};
	assert_amounts(r, want, 3);
	assert_string_equal(row(r, 1)->payee, "Bakery");
	gig_test_ledger_free(t);
}

/* Names in other languages are hints: the value date comes first but "Data
 * księgowania" names the booking date; "Kwota" the amount, not the integers of
 * "Nr" next to it.  Before: the header was not recognised and line 1 refused. */
static gig_import_result *
parse_text(const char *name, const char *text)
{
	gig_test_ledger *t = gig_test_ledger_new("EUR");
	g_autofree char *path = imp_write(t, name, text, -1);
	gig_import_options o = imp_opts(NULL);
	gig_import_result *r = NULL;
	g_autoptr(GError) e = NULL;
	bool ok = gig_csv_parse_file(path, &o, &r, &e);
	gig_test_ledger_free(t);
	gig_assert_ok(ok, e);
	return r;
}

static void
test_import_infer__names_are_hints(void **state)
{
	(void)state;
	g_autoptr(gig_import_result) pl =
	    parse_text("pl.csv", "Data waluty;Data księgowania;Kontrahent;Nr;Kwota\n"
	                         "2024-11-02;2024-11-04;Sklep Muzyczny;17;-120,00\n"
	                         "2024-11-05;2024-11-06;Filharmonia;18;900,00\n");
	assert_int_equal(pl->rows->len, 2);
	assert_date(row(pl, 0)->posted_on, "2024-11-04");
	assert_int_equal(row(pl, 0)->amount_minor, -12000);
	assert_string_equal(row(pl, 1)->payee, "Filharmonia");
	/* Japanese: 出金 (out) and 入金 (in) columns, 残高 the balance */
	g_autoptr(gig_import_result) ja =
	    parse_text("ja.csv", "日付,摘要,出金,入金,残高\n"
	                         "2024/12/02,スタジオ代,5000,,95000\n"
	                         "2024/12/09,ライブ出演料,,30000,125000\n");
	assert_int_equal(ja->rows->len, 2);
	assert_int_equal(ja->sum_minor, (-5000 + 30000) * 100);
	assert_int_equal(ja->balance_breaks->len, 0);
	assert_string_equal(row(ja, 1)->payee, "ライブ出演料");
}

/* Class 2: a direction column in Russian gives the sign of unsigned amounts. */
static void
test_import_infer__direction_words(void **state)
{
	(void)state;
	g_autoptr(gig_import_result) r =
	    parse_text("dir.csv", "05.12.2024;Списание;1 200,00;Аренда зала\n"
	                          "13.12.2024;Зачисление;15 000,00;Гонорар за концерт\n"
	                          "20.12.2024;Списание;350,50;Струны и медиаторы\n");
	const int64_t want[] = {-120000, 1500000, -35050};
	assert_amounts(r, want, 3);
	assert_string_equal(row(r, 1)->payee, "Гонорар за концерт");
}

/* The import fails with `code`; the message holds `want`. */
static void
parse_refused(const char *name, const char *text, int code, const char *want)
{
	gig_test_ledger *t = gig_test_ledger_new("EUR");
	g_autofree char *path = imp_write(t, name, text, -1);
	gig_import_options o = imp_opts(NULL);
	g_autoptr(gig_import_result) r = NULL;
	g_autoptr(GError) e = NULL;
	bool ok = gig_csv_parse_file(path, &o, &r, &e);
	gig_test_ledger_free(t);
	gig_assert_error(ok, e, code);
	if (strstr(e->message, want) == NULL)
		fail_msg("'%s' not in: %s", want, e->message);
}

/* Class 5: day/month order without a day above 12, decided by the file's own
 * evidence across all rows.  Before: each of these was refused as ambiguous. */
static void
test_import_infer__date_order_evidence(void **state)
{
	(void)state;
	/* rows sorted by date: day-first reads Feb 1, Feb 3, Mar 2, Mar 10 (always
	 * rising); month-first Jan 2, Mar 2, Feb 3, Oct 3 (turns back once) */
	g_autoptr(gig_import_result) sorted =
	    parse_text("sorted.csv", "Date,Payee,Amount\n01/02/2024,a,-1.00\n03/02/2024,b,-2.00\n"
	                             "02/03/2024,c,-3.00\n10/03/2024,d,-4.00\n");
	assert_date(row(sorted, 0)->posted_on, "2024-02-01");
	assert_date(row(sorted, 3)->posted_on, "2024-03-10");
	/* the same, newest first: the turn is counted either way */
	g_autoptr(gig_import_result) desc =
	    parse_text("desc.csv", "Date,Payee,Amount\n10/03/2024,d,-4.00\n02/03/2024,c,-3.00\n"
	                           "03/02/2024,b,-2.00\n01/02/2024,a,-1.00\n");
	assert_date(row(desc, 0)->posted_on, "2024-03-10");
	/* six rows on three dates: month-first spans May 1-3 (2 days), day-first
	 * 5 Jan - 5 Mar (59 days), every row on the 5th: month-first */
	g_autoptr(gig_import_result) spread =
	    parse_text("spread.csv", "05/01/2023,A,1.96\n05/01/2023,B,12.10\n05/02/2023,C,10.00\n"
	                             "05/02/2023,D,3.00\n05/03/2023,E,5.30\n05/03/2023,F,1.00\n");
	assert_date(row(spread, 0)->posted_on, "2023-05-01");
	assert_date(row(spread, 5)->posted_on, "2023-05-03");
	/* dotted dates are day-first: 2 March */
	g_autoptr(gig_import_result) dots =
	    parse_text("dots.csv", "Buchungstag;Betrag\n02.03.2018;-17,22\n");
	assert_date(row(dots, 0)->posted_on, "2018-03-02");
	/* one row per date, both readings rising by 32 days: no evidence, refused */
	parse_refused("amb.csv", "Date,Payee,Amount\n05/03/2024,A,-1.00\n06/04/2024,B,-2.00\n",
	              GIG_ERROR_AMBIGUOUS, "day-first and month-first");
	/* three monthly rows on the 1st (one per date): the spread does not decide */
	parse_refused("monthly.csv",
	              "Date,Payee,Amount\n01/02/2024,Rent,-500.00\n01/03/2024,Rent,-500.00\n"
	              "01/04/2024,Rent,-500.00\n",
	              GIG_ERROR_AMBIGUOUS, "day-first and month-first");
}

/* Class 4 (words in their own column): a direction word decides the sign,
 * whatever sign the cell carries; a word in two languages counts when both
 * parts agree; a debit or credit column says the direction of its cells.
 * Before: "借 Dr" was no direction word (all three rows money in), the sign of
 * "-1,533.50" beside "C" was kept, and the signed cells of the pair too. */
static void
test_import_infer__direction_decides_sign(void **state)
{
	(void)state;
	g_autoptr(gig_import_result) zh =
	    parse_text("zh.csv", "交易日期,借贷,交易金额,对方户名\n2024-02-02,借 Dr,3.21,甲\n"
	                         "2024-03-03,贷 Cr,0.02,乙\n2024-04-04,贷 Cr,10.00,丙\n");
	const int64_t want_zh[] = {-321, 2, 1000};
	assert_amounts(zh, want_zh, 3);
	g_autoptr(gig_import_result) dc =
	    parse_text("dc.csv", "\"Date\",\"Label\",\"Amount\",\"D/C\"\n"
	                         "\"2018-12-15\",\"Supplier\",\"33.50\",\"D\"\n"
	                         "\"2018-12-16\",\"Payment\",\"-1,533.50\",\"C\"\n");
	const int64_t want_dc[] = {-3350, 153350}; /* D out, C in */
	assert_amounts(dc, want_dc, 2);
	g_autoptr(gig_import_result) pair = parse_text(
	    "pair.csv", "Date,Label,Debit,Credit\n2018-12-15,Credit 20.00,0.00,20.00\n"
	                "2018-12-15,Credit 13.50,0.00,-13.50\n2018-12-15,Debit 33.50,-33.50,0.00\n"
	                "2018-12-15,Debit 1500,\"1,500.00\",0.00\n");
	const int64_t want_pair[] = {2000, 1350, -3350, -150000};
	assert_amounts(pair, want_pair, 4);
}

/* A card statement in the issuer's view (charges positive) is told by its
 * repayment rows carrying a minus, and turned round.  Before: imported as
 * written, the repayment as money out. */
static void
test_import_infer__card_issuer_view(void **state)
{
	(void)state;
	g_autoptr(gig_import_result) zh = parse_text(
	    "card.csv", "交易日期,交易摘要,交易金额\n2025-01-05,（消费）商户A,15.90\n"
	                "2025-01-04,（退款）商户B,-97.20\n2025-01-03,（分期）分期,387.42\n"
	                "2024-12-25,（还款）银联入账,-1130.68\n");
	const int64_t want_zh[] = {-1590, 9720, -38742, 113068};
	assert_amounts(zh, want_zh, 4);
	assert_non_null(strstr(zh->guesses.sign_rule, "inverted (card issuer's view)"));
	g_autoptr(gig_import_result) en = parse_text(
	    "card-en.csv", "Date,Description,Amount\n2024-03-01,GROCER,42.10\n"
	                   "2024-03-02,\"PAYMENT - THANK YOU\",-500.00\n2024-03-03,FUEL,60.00\n");
	const int64_t want_en[] = {-4210, 50000, -6000};
	assert_amounts(en, want_en, 3);
	/* 利用金額 ("amount used") holds what was charged to the card: out */
	g_autoptr(gig_import_result) ja =
	    parse_text("card-ja.csv", "\"利用日\",\"利用店名・商品名\",\"利用金額\"\n"
	                              "\"2019/09/07\",\"ローソン\",\"1051\"\n");
	const int64_t want_ja[] = {-105100};
	assert_amounts(ja, want_ja, 1);
	/* a current account: the payment received is money in already, nothing turns */
	g_autoptr(gig_import_result) bank = parse_text(
	    "bank.csv", "Date,Description,Amount\n2024-03-01,Payment received ACME,900.00\n"
	                "2024-03-02,Rent,-500.00\n2024-03-03,Refund,20.00\n");
	const int64_t want_bank[] = {90000, -50000, 2000};
	assert_amounts(bank, want_bank, 3);
}

/* Class 2: rows that do not line up with the header (two cells fewer, the
 * amount next to last) leave the named Amount column empty: the column whose
 * values are amounts is the amount.  Before: every row skipped, no amount. */
static void
test_import_infer__rows_off_the_header(void **state)
{
	(void)state;
	g_autoptr(gig_import_result) r = parse_text(
	    "off.csv", "Date,Bank,Name,City,Country,Amount,\n2012:03:01,,Fee,-7.8,\n"
	               "2012:03:01,CITI,ACME LLC,889.81,\n2012:03:07,,John Doe,-881.55,\n");
	const int64_t want[] = {-780, 88981, -88155};
	assert_amounts(r, want, 3);
	assert_date(row(r, 2)->posted_on, "2012-03-07");
}

/* Byte 0x5C of Shift-JIS is the yen sign: "\\7,000" is 7,000 JPY (0 dp).
 * Before: no money column found ("no column of amounts found"). */
static void
test_import_infer__yen_backslash(void **state)
{
	(void)state;
	g_autoptr(gig_import_result) r =
	    parse_text("yen.csv", "\"取扱日付\",\"お支払金額\",\"お預り金額\",\"摘要\"\n"
	                          "\"2024/04/30\",\"\",\"\\7,000\",\"ウウ\"\n"
	                          "\"2024/04/30\",\"\\4,600\",\"\",\"NSS\"\n");
	const int64_t want[] = {7000, -4600};
	assert_amounts(r, want, 2);
	assert_string_equal(row(r, 0)->currency, "JPY");
}

/* Quotes escaped with a backslash inside a quoted field ("QUOTES \\"CO\\"")
 * are quotes; a backslash before the closing quote ("C:\\") stays text.
 * Before: the row's cells moved and the amount came from another column. */
static void
test_import_infer__backslash_quotes(void **state)
{
	(void)state;
	g_autoptr(gig_import_result) r =
	    parse_text("bs.csv", "Date,Partner Name,Type,Amount (EUR),Original Amount\n"
	                         "2024-03-12,\"QUOTES \\\"COMPANY\\\"\",Presentment,-14.99,14.99\n"
	                         "2024-03-13,\"C:\\\",Presentment,-1.00,1.00\n");
	const int64_t want[] = {-1499, -100};
	assert_amounts(r, want, 2);
	assert_string_equal(row(r, 0)->payee, "QUOTES \"COMPANY\"");
	assert_string_equal(row(r, 1)->payee, "C:\\");
}

/* Class 5: dates without a year take the statement's: the month the
 * preamble states (2024年01月: on or before 31 January 2024, so 12/29 is in
 * 2023), else today.  A date column blank on some rows (repayments have no
 * transaction day) takes the next date column there.  Before: "no column
 * holds dates". */
static void
test_import_infer__dates_without_year(void **state)
{
	(void)state;
	g_autoptr(gig_import_result) r =
	    parse_text("cmb.csv", "信用卡对账单（个人消费卡账户 2024年01月）\n"
	                          "交易日,记账日,交易摘要,人民币金额\n"
	                          ",12/29,掌上生活还款,-1.23\n01/02,01/03,影票,56.78\n"
	                          "01/05,01/07,中国移动,\"8,000.00\"\n");
	assert_int_equal(r->rows->len, 3);
	assert_date(row(r, 0)->posted_on, "2023-12-29"); /* 交易日 blank: 记账日 */
	assert_date(row(r, 1)->posted_on, "2024-01-02");
	assert_date(row(r, 2)->posted_on, "2024-01-05");
	/* month names without a year; the statement period's end gives 2023 */
	g_autoptr(gig_import_result) en = parse_text(
	    "en.csv", "Statement period,2023-12-01 to 2023-12-31\nDate,Description,Amount\n"
	              "02 Dec,Coffee,-3.50\n31 Dec,Refund,10.00\n");
	assert_date(row(en, 0)->posted_on, "2023-12-02");
	assert_date(row(en, 1)->posted_on, "2023-12-31");
	/* no preamble: the latest 30 April on or before today */
	g_autoptr(gig_import_result) ja = parse_text(
	    "ja.csv",
	    "\"番号\",\"取扱日付\",\"お支払金額\",\"お預り金額\"\n"
	    "\"001\",\"4月30日\",\"\",\"\\7,000\"\n\"002\",\"4月30日\",\"\\4,600\",\"\"\n");
	g_autoptr(GDateTime) now = g_date_time_new_now_local();
	int m = g_date_time_get_month(now), d = g_date_time_get_day_of_month(now);
	int y = g_date_time_get_year(now) - (m < 4 || (m == 4 && d < 30));
	g_autofree char *want = g_strdup_printf("%04d-04-30", y);
	assert_date(row(ja, 0)->posted_on, want);
	const int64_t amounts[] = {7000, -4600};
	assert_amounts(ja, amounts, 2);
}

/* The account number a preamble states is read (blanks dropped), with the
 * number in the next cell or after a colon in the same one.  Before: not read. */
static void
test_import_infer__preamble_account_number(void **state)
{
	(void)state;
	g_autoptr(gig_import_result) no = parse("headerless-preamble-in-out.csv");
	assert_string_equal(no->guesses.account_number, "NO9386011117947");
	g_autoptr(gig_import_result) de =
	    parse_text("iban.csv", "IBAN: DE89 3704 0044 0532 0130 00\n\nDatum;Betrag\n"
	                           "02.01.2024;-1,00\n03.01.2024;2,00\n");
	assert_string_equal(de->guesses.account_number, "DE89370400440532013000");
	/* a label whose cell is no number ("Account;Main Account") names nothing */
	g_autoptr(gig_import_result) none =
	    parse_text("none.csv", "Account;Main Account\nDatum;Betrag\n02.01.2024;-1,00\n");
	assert_null(none->guesses.account_number);
}

/* Shift-JIS bytes are read as CP932 (they are undefined in Windows-1252), and
 * 出金/入金 inside longer names say which column is money out and which in.
 * Before: "invalid byte in WINDOWS-1252 text". */
static void
test_import_infer__shift_jis_out_in(void **state)
{
	(void)state;
	g_autoptr(gig_import_result) r = parse("sjis-out-in.csv");
	assert_string_equal(r->guesses.encoding, "CP932");
	const int64_t want[] = {-1200000, 4500000, -198000};
	assert_amounts(r, want, 3);
	assert_string_equal(row(r, 1)->payee, "ライブハウス出演料");
	assert_int_equal(r->balance_breaks->len, 0);
}

/* RUR, the rouble's pre-1998 code that Russian banks still write, is RUB. */
static void
test_import_infer__rur_is_rub(void **state)
{
	(void)state;
	g_autoptr(gig_import_result) r =
	    parse_text("rur.csv", "Дата операции;Описание;Сумма;Валюта\n"
	                          "03.02.2024;Аренда;-1 000,00;RUR\n"
	                          "15.02.2024;Гонорар;5 000,00;RUR\n");
	assert_int_equal(r->rows->len, 2);
	assert_string_equal(row(r, 0)->currency, "RUB");
	assert_string_equal(row(r, 1)->currency, "RUB");
}

/* Windows-1251 (Cyrillic words are runs of bytes 0xC0..0xFF, which Latin-1
 * text never has); of the operation's amount (EUR) and the account's (RUR),
 * the account's; "В обработке" is pending.  Before: the text was read as
 * Latin-1 and the EUR amounts taken. */
static void
test_import_infer__cp1251_account_currency(void **state)
{
	(void)state;
	g_autofree char *path = infer_path("ru-cp1251-operation-currency.csv");
	gig_import_options o = imp_opts(NULL);
	o.currency = "RUB";
	g_autoptr(gig_import_result) r = NULL;
	g_autoptr(GError) e = NULL;
	bool ok = gig_csv_parse_file(path, &o, &r, &e);
	gig_assert_ok(ok, e);
	assert_string_equal(r->guesses.encoding, "WINDOWS-1251");
	const int64_t want[] = {119040, -500000, -446085};
	assert_amounts(r, want, 3);
	assert_string_equal(row(r, 1)->payee, "Аренда студии");
	assert_string_equal(row(r, 0)->currency, "RUB");
	assert_true(row(r, 2)->pending);
	assert_int_equal(r->pending, 1);
}

/* The explanation: one entry per column, with the role, a score and why. */
static void
test_import_infer__explain_columns(void **state)
{
	(void)state;
	g_autoptr(gig_import_result) r = parse("headerless-running-balance.csv");
	GPtrArray *g = r->guesses.column_guesses;
	assert_non_null(g);
	assert_int_equal(g->len, 4);
	const gig_column_guess *amount = g->pdata[2], *balance = g->pdata[3];
	assert_string_equal(amount->role, "amount");
	assert_int_equal(amount->column, 3);
	assert_non_null(strstr(amount->why, "values signed, 2 dp"));
	assert_string_equal(balance->role, "balance");
	assert_non_null(strstr(balance->why, "balance chain holds"));
	assert_int_equal(balance->score, 100);
	assert_string_equal(((const gig_column_guess *)g->pdata[0])->role, "date");
	/* a named balance that does not follow from the amounts: said so */
	g_autoptr(gig_import_result) f = parse_text("fails.csv", "Date,Payee,Amount,Balance\n"
	                                                         "2024-01-02,a,-10.00,500.00\n"
	                                                         "2024-01-03,b,-20.00,300.00\n"
	                                                         "2024-01-04,c,5.00,900.00\n");
	const gig_column_guess *fa = f->guesses.column_guesses->pdata[2];
	assert_string_equal(fa->role, "amount");
	assert_string_equal(fa->why, "values signed, 2 dp; balance chain fails; name says amount");
	assert_non_null(r->guesses.profile_ini);
	assert_non_null(strstr(r->guesses.profile_ini, "amount=3\n"));
	assert_non_null(strstr(r->guesses.profile_ini, "balance=4\n"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_import_infer__unknown_english_header),
	    cmocka_unit_test(test_import_infer__cyrillic_header),
	    cmocka_unit_test(test_import_infer__no_known_names),
	    cmocka_unit_test(test_import_infer__headerless_preamble_in_out),
	    cmocka_unit_test(test_import_infer__two_currencies),
	    cmocka_unit_test(test_import_infer__split_header_and_totals),
	    cmocka_unit_test(test_import_infer__headerless_running_balance),
	    cmocka_unit_test(test_import_infer__totals_any_language),
	    cmocka_unit_test(test_import_infer__balance_row_checked),
	    cmocka_unit_test(test_import_infer__status_own_language),
	    cmocka_unit_test(test_import_infer__description_unknown_name),
	    cmocka_unit_test(test_import_infer__date_error_names_format),
	    cmocka_unit_test(test_import_infer__date_format_option_headerless),
	    cmocka_unit_test(test_import_infer__names_are_hints),
	    cmocka_unit_test(test_import_infer__direction_words),
	    cmocka_unit_test(test_import_infer__date_order_evidence),
	    cmocka_unit_test(test_import_infer__direction_decides_sign),
	    cmocka_unit_test(test_import_infer__card_issuer_view),
	    cmocka_unit_test(test_import_infer__rows_off_the_header),
	    cmocka_unit_test(test_import_infer__yen_backslash),
	    cmocka_unit_test(test_import_infer__backslash_quotes),
	    cmocka_unit_test(test_import_infer__dates_without_year),
	    cmocka_unit_test(test_import_infer__preamble_account_number),
	    cmocka_unit_test(test_import_infer__shift_jis_out_in),
	    cmocka_unit_test(test_import_infer__rur_is_rub),
	    cmocka_unit_test(test_import_infer__cp1251_account_currency),
	    cmocka_unit_test(test_import_infer__explain_columns),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
