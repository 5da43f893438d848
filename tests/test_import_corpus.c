/*
 * test_import_corpus.c: every file of the bank-export corpus
 * (tests/data/bank-csv, see its MANIFEST.md) read at the parse level and
 * imported into a fresh ledger, checked against the manifest's oracle
 * table: the count and total of posted rows (the bold "posted" figures
 * where the manifest gives them), the number of pending rows, and that a
 * second import of the same file adds nothing.  The expected values are
 * copied from the manifest, not from our output.
 */
#include <string.h>

#include "import_helpers.h"

/* The lines of SHA256SUMS: sha256sum's output, computed outside the project. */
static GStrv
published_sums(void)
{
	g_autofree char *sums = imp_corpus("SHA256SUMS");
	g_autofree char *text = NULL;
	g_autoptr(GError) e = NULL;
	bool ok = g_file_get_contents(sums, &text, NULL, &e);
	gig_assert_ok(ok, e);
	return g_strsplit(text, "\n", -1);
}

/* The file's hash in SHA256SUMS. */
static char *
published_sha256(const char *file)
{
	g_auto(GStrv) lines = published_sums();
	for (size_t i = 0; lines[i]; i++)
		if (strlen(lines[i]) > 66 && strcmp(lines[i] + 66, file) == 0)
			return g_strndup(lines[i], 64);
	fail_msg("%s is not in SHA256SUMS", file);
	return NULL;
}

/* Amounts in the currency's minor units: HUF has 2 decimals in the ISO
 * table, so 940 forints are 94000 (see the manifest's judgement call). */
static void
check_corpus(const char *file, const char *currency, int64_t posted, int64_t sum_minor,
             int64_t pending)
{
	g_autofree char *path = imp_corpus(file);
	gig_import_options o = imp_opts(NULL);
	o.currency = currency;

	g_autoptr(gig_import_result) p = NULL;
	g_autoptr(GError) e = NULL;
	bool ok = gig_csv_parse_file(path, &o, &p, &e);
	gig_assert_ok(ok, e);
	assert_int_equal(p->inserted, posted);
	assert_int_equal(p->sum_minor, sum_minor);
	assert_int_equal(p->pending, pending);
	assert_string_equal(p->currency, currency);

	gig_test_ledger *t = gig_test_ledger_new(currency);
	gig_test_account(t, "Bank", GIG_ACCOUNT_CHECKING, 0);
	o = imp_opts("Bank");
	g_autoptr(gig_import_result) r = imp_run(t, path, &o);
	assert_int_equal(r->inserted, posted);
	assert_int_equal(r->sum_minor, sum_minor);
	assert_int_equal(r->pending, pending);
	assert_int_equal(r->duplicates, 0);
	assert_true(r->batch_id > 0);
	/* the batch records the hash of the file's bytes as published (BOMs included) */
	g_autofree char *sha = published_sha256(file);
	assert_string_equal(r->file_sha256, sha);
	assert_int_equal(imp_sql_int(t, "SELECT count(*) FROM transactions WHERE pending = 0"),
	                 posted);
	assert_int_equal(imp_sql_int(t, "SELECT ifnull(sum(amount_minor), 0) FROM transactions"
	                                " WHERE pending = 0"),
	                 sum_minor);
	/* re-import: nothing new */
	g_autoptr(gig_import_result) again = imp_run(t, path, &o);
	assert_int_equal(again->inserted, 0);
	assert_int_equal(again->pending, 0);
	assert_int_equal(again->duplicates, posted + pending);
	assert_int_equal(imp_sql_int(t, "SELECT count(*) FROM transactions"), posted + pending);

	/* speculation (import_scan.c) decides from the first 1 or 3 records and checks
	 * against all of them at the end: the ledger must come out byte for byte the same
	 * as with the decisions from the whole file, whether they agreed or not */
	g_autofree char *want = NULL;
	{
		gig_test_ledger *x = gig_test_ledger_new(currency);
		gig_test_account(x, "Bank", GIG_ACCOUNT_CHECKING, 0);
		g_autoptr(gig_import_result) rx = imp_run(x, path, &o);
		assert_non_null(rx); /* clang: a cleanup variable counts as unused */
		want = imp_sql_text(x, IMP_LEDGER_DIGEST);
		gig_test_ledger_free(x);
	}
	size_t saved = gig__scan_spec_records;
	for (size_t k = 1; k <= 3; k += 2) {
		gig__scan_spec_records = k;
		gig_test_ledger *s = gig_test_ledger_new(currency);
		gig_test_account(s, "Bank", GIG_ACCOUNT_CHECKING, 0);
		g_autoptr(gig_import_result) rs = imp_run(s, path, &o);
		assert_int_equal(rs->inserted, posted);
		assert_int_equal(rs->pending, pending);
		assert_int_equal(rs->sum_minor, sum_minor);
		assert_int_equal(rs->skipped_rows, r->skipped_rows);
		assert_int_equal(rs->balance_breaks->len, r->balance_breaks->len);
		assert_string_equal(rs->guesses.date_format, r->guesses.date_format);
		assert_int_equal(rs->guesses.decimal_mark, r->guesses.decimal_mark);
		assert_string_equal(rs->guesses.sign_rule, r->guesses.sign_rule);
		g_autofree char *have = imp_sql_text(s, IMP_LEDGER_DIGEST);
		assert_string_equal(have, want);
		gig_test_ledger_free(s);
	}
	gig__scan_spec_records = saved;
	gig_test_ledger_free(t);
}

#define CORPUS(fn, file, cur, n, sum, pend)                                                        \
	static void test_import_corpus__##fn(void **state)                                         \
	{                                                                                          \
		(void)state;                                                                       \
		check_corpus(file, cur, n, sum, pend);                                             \
	}

CORPUS(banco_do_brasil, "banco-do-brasil-latin1-saldo-row.csv", "BRL", 22, 80500, 0)
CORPUS(bank_of_ireland, "bank-of-ireland-debit-credit.csv", "EUR", 27, -41961, 0)
CORPUS(chase, "chase-checking-us.csv", "USD", 6, -149016, 0)
CORPUS(dcu, "dcu-checking-dollar-signed.csv", "USD", 10, 50000, 0)
CORPUS(easybank, "easybank-at-noheader-plus-sign.csv", "EUR", 10, -156286, 0)
CORPUS(erste_huf, "erste-hu-dotted-date.csv", "HUF", 2, 94000, 0)
CORPUS(fidelity, "fidelity-cma-blank-preamble-disclaimer-footer.csv", "USD", 11, -767175, 0)
CORPUS(fr_bank, "fr-bank-preamble-excel-formula.csv", "EUR", 2, 4190, 0)
CORPUS(hledger_cp1252, "hledger-sample-fr-cp1252.csv", "EUR", 3, 2000, 0)
CORPUS(hledger_utf8, "hledger-sample-fr-utf8.csv", "EUR", 3, 2000, 0)
CORPUS(ing_de, "ing-de-latin1-preamble-saldo.csv", "EUR", 9, -17860, 0)
CORPUS(ing_nl, "ing-nl-af-bij.csv", "EUR", 6, 1938, 0)
CORPUS(john_lewis, "john-lewis-card-uk-bom-pending.csv", "GBP", 10, -28580, 3)
CORPUS(kbc, "kbc-be-semicolon-padded.csv", "EUR", 1, -340, 0)
CORPUS(knab, "knab-nl-preamble-cd.csv", "EUR", 28, 701, 0)
CORPUS(livebank, "livebank-at-ragged-rows.csv", "EUR", 6, 505000, 0)
CORPUS(lloyds, "lloyds-uk-debit-credit.csv", "GBP", 12, -388199, 0)
CORPUS(mint, "mint-cr-line-endings.csv", "USD", 4, -300000, 0)
CORPUS(monzo, "monzo-2018-export.csv", "GBP", 1, -1000, 0)
CORPUS(n26, "n26-en-2020.csv", "EUR", 2, 0, 0)
CORPUS(nationwide_midata, "nationwide-uk-midata-latin1-crlf.csv", "GBP", 8, -12815, 0)
CORPUS(nationwide_statement, "nationwide-uk-statement-latin1-crlf.csv", "GBP", 6, -13000, 0)
CORPUS(nz_credit_card, "nz-credit-card-inverted-sign.csv", "NZD", 16, 18701, 0)
CORPUS(ocbc, "ocbc-sg-continuation-rows.csv", "SGD", 8, -17328, 0)
CORPUS(payoneer, "payoneer-credit-debit.csv", "USD", 2, 2000, 0)
CORPUS(paypal_de, "paypal-de-bom-decimal-comma.csv", "EUR", 6, -933, 0)
CORPUS(paypal_us, "paypal-us-activity-gross-fee-net.csv", "USD", 7, 941, 0)
CORPUS(reckon_tab, "reckon-tab-delimited-decimal-comma.csv", "EUR", 2, -1500, 0)
CORPUS(revolut, "revolut-pending-fee.csv", "EUR", 7, 8656, 2)
CORPUS(schwab, "schwab-checking-preamble-pending.csv", "USD", 12, 2248117, 0)
CORPUS(sparkasse, "sparkasse-de-camt-latin1-yy.csv", "EUR", 17, 12976, 1)
CORPUS(stripe, "stripe-balance-transactions.csv", "USD", 2, 1123, 0)
CORPUS(ubs, "ubs-ch-apostrophe-thousands.csv", "CHF", 3, 3000, 0)
CORPUS(us_bank_parens, "us-bank-parenthesized-negatives-noheader.csv", "USD", 9, 695457, 0)
CORPUS(us_bank_two_money, "us-bank-two-money-columns-signed-dollar.csv", "USD", 5, -54851, 0)
CORPUS(venmo_multiline, "venmo-multiline-quoted-field.csv", "USD", 1, -2159, 0)
CORPUS(venmo_spaced, "venmo-spaced-sign-dollar.csv", "USD", 11, -92708, 0)
CORPUS(volksbank, "volksbank-fiducia-multiline-soll-haben.csv", "EUR", 3, 108000, 0)
CORPUS(wise, "wise-transferwise-statement.csv", "USD", 5, -22373, 0)
CORPUS(ynab4_jod, "ynab4-rtl-currency-3dp.csv", "JOD", 2, -97960, 0)

/* The fixtures are byte-for-byte the published ones (line endings included). */
static void
test_import_corpus__checksums(void **state)
{
	(void)state;
	g_autoptr(GError) e = NULL;
	bool ok = true;
	g_auto(GStrv) lines = published_sums();
	int n = 0;
	for (size_t i = 0; lines[i]; i++) {
		if (strlen(lines[i]) < 67)
			continue;
		g_autofree char *want = g_strndup(lines[i], 64);
		g_autofree char *path = imp_corpus(lines[i] + 66);
		g_autofree char *data = NULL;
		gsize len = 0;
		ok = g_file_get_contents(path, &data, &len, &e);
		gig_assert_ok(ok, e);
		g_autofree char *have =
		    g_compute_checksum_for_data(G_CHECKSUM_SHA256, (const guchar *)data, len);
		if (strcmp(want, have) != 0)
			fail_msg("%s changed (sha256 %s)", lines[i] + 66, have);
		n++;
	}
	assert_int_equal(n, 40);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_import_corpus__checksums),
	    cmocka_unit_test(test_import_corpus__banco_do_brasil),
	    cmocka_unit_test(test_import_corpus__bank_of_ireland),
	    cmocka_unit_test(test_import_corpus__chase),
	    cmocka_unit_test(test_import_corpus__dcu),
	    cmocka_unit_test(test_import_corpus__easybank),
	    cmocka_unit_test(test_import_corpus__erste_huf),
	    cmocka_unit_test(test_import_corpus__fidelity),
	    cmocka_unit_test(test_import_corpus__fr_bank),
	    cmocka_unit_test(test_import_corpus__hledger_cp1252),
	    cmocka_unit_test(test_import_corpus__hledger_utf8),
	    cmocka_unit_test(test_import_corpus__ing_de),
	    cmocka_unit_test(test_import_corpus__ing_nl),
	    cmocka_unit_test(test_import_corpus__john_lewis),
	    cmocka_unit_test(test_import_corpus__kbc),
	    cmocka_unit_test(test_import_corpus__knab),
	    cmocka_unit_test(test_import_corpus__livebank),
	    cmocka_unit_test(test_import_corpus__lloyds),
	    cmocka_unit_test(test_import_corpus__mint),
	    cmocka_unit_test(test_import_corpus__monzo),
	    cmocka_unit_test(test_import_corpus__n26),
	    cmocka_unit_test(test_import_corpus__nationwide_midata),
	    cmocka_unit_test(test_import_corpus__nationwide_statement),
	    cmocka_unit_test(test_import_corpus__nz_credit_card),
	    cmocka_unit_test(test_import_corpus__ocbc),
	    cmocka_unit_test(test_import_corpus__payoneer),
	    cmocka_unit_test(test_import_corpus__paypal_de),
	    cmocka_unit_test(test_import_corpus__paypal_us),
	    cmocka_unit_test(test_import_corpus__reckon_tab),
	    cmocka_unit_test(test_import_corpus__revolut),
	    cmocka_unit_test(test_import_corpus__schwab),
	    cmocka_unit_test(test_import_corpus__sparkasse),
	    cmocka_unit_test(test_import_corpus__stripe),
	    cmocka_unit_test(test_import_corpus__ubs),
	    cmocka_unit_test(test_import_corpus__us_bank_parens),
	    cmocka_unit_test(test_import_corpus__us_bank_two_money),
	    cmocka_unit_test(test_import_corpus__venmo_multiline),
	    cmocka_unit_test(test_import_corpus__venmo_spaced),
	    cmocka_unit_test(test_import_corpus__volksbank),
	    cmocka_unit_test(test_import_corpus__wise),
	    cmocka_unit_test(test_import_corpus__ynab4_jod),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
