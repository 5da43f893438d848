/*
 * test_import_behaviour.c: the manifest's "importer must get right" column,
 * one test each, at the parse level.  Expected values come from the
 * manifest and from reading the fixture by hand.
 */
#include <string.h>

#include "import_helpers.h"

static gig_import_result *
parse(const char *file, const char *currency)
{
	g_autofree char *path = imp_corpus(file);
	gig_import_options o = imp_opts(NULL);
	o.currency = currency;
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

/* Lloyds: exactly one balance break, attributed to the INS2 row (line 6). */
static void
test_import_behaviour__lloyds_one_break(void **state)
{
	(void)state;
	g_autoptr(gig_import_result) r = parse("lloyds-uk-debit-credit.csv", "GBP");
	assert_int_equal(r->balance_breaks->len, 1);
	const gig_balance_break *b = r->balance_breaks->pdata[0];
	assert_int_equal(b->line, 6);
	assert_int_equal(b->stated_minor - b->expected_minor, 412);
	/* the sort code's leading apostrophe is a text guard, not data */
	assert_string_equal(row(r, 0)->payee, "ACME STORE CD 1417 14JAN24");
}

/* Chains the manifest calls unbroken stay unbroken (incl. preamble closing balances). */
static void
test_import_behaviour__unbroken_chains(void **state)
{
	(void)state;
	const char *files[] = {"chase-checking-us.csv",
	                       "ing-de-latin1-preamble-saldo.csv",
	                       "dcu-checking-dollar-signed.csv",
	                       "nationwide-uk-statement-latin1-crlf.csv",
	                       "nationwide-uk-midata-latin1-crlf.csv",
	                       "paypal-us-activity-gross-fee-net.csv"};
	for (size_t i = 0; i < G_N_ELEMENTS(files); i++) {
		g_autoptr(gig_import_result) r = parse(files[i], "EUR");
		if (r->balance_breaks->len != 0)
			fail_msg("%s: %u balance breaks", files[i], r->balance_breaks->len);
	}
}

/* Schwab: the edited fixture breaks in 6 places; reported, not fatal. */
static void
test_import_behaviour__schwab_six_breaks_and_markers(void **state)
{
	(void)state;
	g_autoptr(gig_import_result) r = parse("schwab-checking-preamble-pending.csv", "USD");
	assert_int_equal(r->balance_breaks->len, 6);
	assert_int_equal(r->skipped_rows, 2); /* the two 1-field section markers */
	assert_int_equal(r->guesses.header_line, 2);
}

/* Volksbank: Anfangssaldo/Endsaldo are not transactions and do not reconcile. */
static void
test_import_behaviour__volksbank_footer_balances(void **state)
{
	(void)state;
	g_autoptr(gig_import_result) r = parse("volksbank-fiducia-multiline-soll-haben.csv", "EUR");
	assert_int_equal(r->rows->len, 3);
	assert_int_equal(r->balance_breaks->len, 1);
	const gig_balance_break *b = r->balance_breaks->pdata[0];
	assert_int_equal(b->stated_minor, 339750);
	assert_int_equal(b->expected_minor, 777561 + 108000);
	/* multi-line quoted text is one field of the first record (line 14) */
	assert_int_equal(row(r, 0)->line_no, 14);
	assert_non_null(strstr(row(r, 0)->memo, "TAN:572754"));
	assert_int_equal(row(r, 1)->line_no, 20);
}

/* Windows-1252 is not Latin-1; both files decode to the same text. */
static void
test_import_behaviour__cp1252_equals_utf8(void **state)
{
	(void)state;
	g_autoptr(gig_import_result) a = parse("hledger-sample-fr-cp1252.csv", "EUR");
	g_autoptr(gig_import_result) b = parse("hledger-sample-fr-utf8.csv", "EUR");
	assert_string_equal(a->guesses.encoding, "WINDOWS-1252");
	const char *want[] = {"DÉPÔT", "VIREMENT VERS ÉPARGNE", "CAFÉ — €20 REÇU"};
	for (size_t i = 0; i < 3; i++) {
		assert_string_equal(row(a, i)->payee, want[i]);
		assert_string_equal(row(b, i)->payee, want[i]);
	}
	assert_int_equal(row(a, 2)->line_no, 4); /* the unterminated last record */
}

/* Latin-1 + CRLF Nationwide: '£' decoded, month names, preamble closing balance. */
static void
test_import_behaviour__nationwide_month_names(void **state)
{
	(void)state;
	g_autoptr(gig_import_result) r = parse("nationwide-uk-statement-latin1-crlf.csv", "GBP");
	assert_string_equal(r->guesses.encoding, "ISO-8859-1");
	assert_date(row(r, 0)->posted_on, "2025-06-13");
	assert_int_equal(row(r, 0)->amount_minor, -3000);
	assert_string_equal(row(r, 0)->currency, "GBP");
	assert_int_equal(row(r, 5)->balance_minor, 10000);
	g_autoptr(gig_import_result) m = parse("nationwide-uk-midata-latin1-crlf.csv", "GBP");
	assert_int_equal(m->skipped_rows, 1); /* Arranged Overdraft Limit footer */
	assert_int_equal(row(m, 0)->balance_minor, -200);
}

/* ING NL: quoting decides fields; two byte-identical rows stay two. */
static void
test_import_behaviour__ing_nl_identical_rows(void **state)
{
	(void)state;
	g_autoptr(gig_import_result) r = parse("ing-nl-af-bij.csv", "EUR");
	assert_int_equal(r->rows->len, 6);
	assert_int_equal(row(r, 4)->amount_minor, -31);
	assert_int_equal(row(r, 5)->amount_minor, -31);
	assert_string_not_equal(row(r, 4)->fingerprint, row(r, 5)->fingerprint);
	assert_int_equal(row(r, 2)->amount_minor, 0);
	assert_date(row(r, 0)->posted_on, "2020-02-13");
}

/* John Lewis: BOM stripped, sign from CR, pending rows flagged. */
static void
test_import_behaviour__john_lewis_bom_cr_pending(void **state)
{
	(void)state;
	g_autoptr(gig_import_result) r = parse("john-lewis-card-uk-bom-pending.csv", "GBP");
	assert_string_equal(r->guesses.encoding, "UTF-8 (BOM)");
	assert_non_null(strstr(r->guesses.columns, "date='Date Processed'"));
	assert_true(row(r, 0)->pending && row(r, 1)->pending && row(r, 2)->pending);
	assert_false(row(r, 3)->pending);
	assert_int_equal(row(r, 3)->amount_minor, -118323);
	assert_int_equal(row(r, 12)->amount_minor, 110000);
	assert_date(row(r, 3)->posted_on, "2019-12-12");
}

/* Mint: a bare CR ends a record; two-digit years. */
static void
test_import_behaviour__mint_cr_only(void **state)
{
	(void)state;
	g_autoptr(gig_import_result) r = parse("mint-cr-line-endings.csv", "USD");
	assert_int_equal(r->rows->len, 4);
	for (size_t i = 0; i < 4; i++)
		assert_int_equal(row(r, i)->line_no, (int64_t)i + 2);
	assert_date(row(r, 0)->posted_on, "2015-06-12");
	assert_int_equal(row(r, 2)->amount_minor, 200000);
}

/* Venmo: RFC 4180 multi-line field; the summary record is not a transaction. */
static void
test_import_behaviour__venmo_multiline(void **state)
{
	(void)state;
	g_autoptr(gig_import_result) r = parse("venmo-multiline-quoted-field.csv", "USD");
	assert_int_equal(r->rows->len, 1);
	assert_int_equal(r->skipped_rows, 1);
	assert_string_equal(row(r, 0)->payee, "Lyft, Inc");
	assert_string_equal(row(r, 0)->external_id, "311053760");
}

/* YNAB4: 4.750 is four point seven five JOD; the RLM and symbol are stripped. */
static void
test_import_behaviour__jod_three_decimals(void **state)
{
	(void)state;
	g_autoptr(gig_import_result) r = parse("ynab4-rtl-currency-3dp.csv", "EUR");
	assert_string_equal(row(r, 0)->currency, "JOD");
	assert_int_equal(row(r, 0)->amount_minor, -4750);
	assert_int_equal(row(r, 1)->amount_minor, -93210);
}

/* KBC: one amount source, not also the debet column. */
static void
test_import_behaviour__kbc_single_source(void **state)
{
	(void)state;
	g_autoptr(gig_import_result) r = parse("kbc-be-semicolon-padded.csv", "EUR");
	assert_int_equal(r->rows->len, 1);
	assert_int_equal(row(r, 0)->amount_minor, -340);
	assert_non_null(strstr(r->guesses.columns, "amount='Bedrag'"));
}

/* OCBC: continuation rows merge into the memo and are not counted. */
static void
test_import_behaviour__ocbc_continuations(void **state)
{
	(void)state;
	g_autoptr(gig_import_result) r = parse("ocbc-sg-continuation-rows.csv", "SGD");
	assert_int_equal(r->rows->len, 8);
	assert_string_equal(row(r, 0)->memo, "15/04/18 66-6666 UBER EATS AN2GO HELP.UBERh");
	for (size_t i = 0; i < 8; i++)
		assert_true(row(r, i)->amount_minor != 0);
}

/* Dates: trailing dot, 2-digit year pivot, offsets, available_on, Pending. */
static void
test_import_behaviour__date_shapes(void **state)
{
	(void)state;
	g_autoptr(gig_import_result) hu = parse("erste-hu-dotted-date.csv", "HUF");
	assert_date(row(hu, 0)->posted_on, "2019-04-19");
	g_autoptr(gig_import_result) sp = parse("sparkasse-de-camt-latin1-yy.csv", "EUR");
	assert_date(row(sp, 0)->posted_on, "2018-04-03");
	g_autoptr(gig_import_result) mo = parse("monzo-2018-export.csv", "GBP");
	assert_date(row(mo, 0)->posted_on, "2018-02-25");
	g_autoptr(gig_import_result) st = parse("stripe-balance-transactions.csv", "USD");
	assert_date(row(st, 0)->posted_on, "2020-01-27"); /* available_on, not created */
	assert_string_equal(row(st, 0)->currency, "USD"); /* lower-case 'usd' */
	g_autoptr(gig_import_result) pp = parse("paypal-de-bom-decimal-comma.csv", "EUR");
	assert_date(row(pp, 2)->posted_on, "2019-11-19"); /* time 29:18:53 tolerated */
	assert_int_equal(pp->skipped_rows, 1);            /* the Memo row */
}

/* Ids: DCU's opaque ID, NZ's ref; Wise ids shared by fee rows still give 5 rows. */
static void
test_import_behaviour__provider_ids(void **state)
{
	(void)state;
	g_autoptr(gig_import_result) d = parse("dcu-checking-dollar-signed.csv", "USD");
	assert_true(strlen(row(d, 0)->external_id) > 200);
	g_autoptr(gig_import_result) nz = parse("nz-credit-card-inverted-sign.csv", "NZD");
	assert_string_equal(row(nz, 0)->external_id, "2013011702");
	assert_int_equal(row(nz, 0)->amount_minor, -3000); /* purchase, holder's view */
	assert_int_equal(row(nz, 3)->amount_minor, 50000);
	g_autoptr(gig_import_result) w = parse("wise-transferwise-statement.csv", "USD");
	assert_int_equal(w->rows->len, 5);
	assert_string_equal(row(w, 0)->external_id, row(w, 1)->external_id);
	assert_int_equal(row(w, 1)->amount_minor, -1135);
}

/* Reversal pair with the same check number is not a duplicate; signs kept. */
static void
test_import_behaviour__reversal_pair(void **state)
{
	(void)state;
	g_autoptr(gig_import_result) r =
	    parse("us-bank-two-money-columns-signed-dollar.csv", "USD");
	assert_int_equal(row(r, 3)->amount_minor, -8855);
	assert_int_equal(row(r, 4)->amount_minor, 8855);
	assert_string_not_equal(row(r, 3)->fingerprint, row(r, 4)->fingerprint);
	assert_string_equal(r->guesses.profile, "us-bank-two-money-columns");
}

/* Revolut: amount minus fee; PENDING rows flagged, dated by their start. */
static void
test_import_behaviour__revolut_pending(void **state)
{
	(void)state;
	g_autoptr(gig_import_result) r = parse("revolut-pending-fee.csv", "EUR");
	assert_true(row(r, 5)->pending);
	assert_date(row(r, 5)->posted_on, "2022-01-13");
	assert_date(row(r, 2)->posted_on, "2022-01-07"); /* completed date */
	assert_int_equal(row(r, 1)->amount_minor, 0);
}

/* Swiss grouping and French preamble with an Excel text guard. */
static void
test_import_behaviour__grouping_and_preamble(void **state)
{
	(void)state;
	g_autoptr(gig_import_result) u = parse("ubs-ch-apostrophe-thousands.csv", "CHF");
	assert_int_equal(row(u, 0)->balance_minor, 1137394);
	assert_int_equal(row(u, 1)->balance_minor, 1161394);
	g_autoptr(gig_import_result) f = parse("fr-bank-preamble-excel-formula.csv", "EUR");
	assert_int_equal(f->guesses.header_line, 4);
	assert_int_equal(f->guesses.decimal_mark, ',');
	g_autoptr(gig_import_result) e = parse("easybank-at-noheader-plus-sign.csv", "EUR");
	assert_int_equal(row(e, 4)->amount_minor, -100100);
	assert_int_equal(row(e, 1)->amount_minor, 123);
}

/* Fidelity: header after blank rows, footer and disclaimer skipped. */
static void
test_import_behaviour__fidelity_footer(void **state)
{
	(void)state;
	g_autoptr(gig_import_result) r =
	    parse("fidelity-cma-blank-preamble-disclaimer-footer.csv", "USD");
	assert_int_equal(r->guesses.header_line, 6);
	assert_int_equal(row(r, 0)->amount_minor, -1000000);
	assert_string_equal(row(r, 0)->payee, "DIRECT DEBIT TREASURY DIRECTREAS DRCT (Cash)");
}

/* Livebank: ragged rows' overflow text joins the description. */
static void
test_import_behaviour__livebank_ragged(void **state)
{
	(void)state;
	g_autoptr(gig_import_result) r = parse("livebank-at-ragged-rows.csv", "EUR");
	/* no payee column: the description (with the spilled text) becomes the payee */
	assert_string_equal(row(r, 0)->payee, "A name A text REF: XXXXXXXXXXXXXXXXXXXXXXXXXXXX");
	assert_int_equal(row(r, 3)->amount_minor, 500000);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_import_behaviour__lloyds_one_break),
	    cmocka_unit_test(test_import_behaviour__unbroken_chains),
	    cmocka_unit_test(test_import_behaviour__schwab_six_breaks_and_markers),
	    cmocka_unit_test(test_import_behaviour__volksbank_footer_balances),
	    cmocka_unit_test(test_import_behaviour__cp1252_equals_utf8),
	    cmocka_unit_test(test_import_behaviour__nationwide_month_names),
	    cmocka_unit_test(test_import_behaviour__ing_nl_identical_rows),
	    cmocka_unit_test(test_import_behaviour__john_lewis_bom_cr_pending),
	    cmocka_unit_test(test_import_behaviour__mint_cr_only),
	    cmocka_unit_test(test_import_behaviour__venmo_multiline),
	    cmocka_unit_test(test_import_behaviour__jod_three_decimals),
	    cmocka_unit_test(test_import_behaviour__kbc_single_source),
	    cmocka_unit_test(test_import_behaviour__ocbc_continuations),
	    cmocka_unit_test(test_import_behaviour__date_shapes),
	    cmocka_unit_test(test_import_behaviour__provider_ids),
	    cmocka_unit_test(test_import_behaviour__reversal_pair),
	    cmocka_unit_test(test_import_behaviour__revolut_pending),
	    cmocka_unit_test(test_import_behaviour__grouping_and_preamble),
	    cmocka_unit_test(test_import_behaviour__fidelity_footer),
	    cmocka_unit_test(test_import_behaviour__livebank_ragged),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
