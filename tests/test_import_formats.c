/*
 * test_import_formats.c: OFX/QFX, CAMT.053, QIF and MT940 through gig_import_file().
 *
 * Two sets of samples.  tests/data/formats-own/ holds small statements written
 * for this test (one per format and variant); they are in git, so every build
 * reads every format.  The real files from public test suites are not in git
 * (tests/data/formats/ATTRIBUTION.md says where they come from): they are read
 * from $GIG_FORMATS_DIR (its sibling formats-heldout/ for the held-out ones),
 * else tests/data/formats/ when the files are there, else ../shared/formats
 * beside the checkout; the tests of a set that is not found are skipped.
 * The figures below were worked out by hand from the files' bytes (count of
 * transactions, their sum, the stated closing balance), not by running the
 * importer.  Every sample imports with those figures, a second import adds
 * nothing, and a damaged file is refused with its file and line and leaves the
 * ledger empty.
 */
#include <string.h>

#include "import_helpers.h"
#include "import_stmt.h"

struct sample {
	const char *file;
	const char *currency;
	const char *format; /* prefix of guesses.format */
	int64_t count, sum_minor;
	bool has_balance;
	int64_t balance_minor;
	const char *balance_on;
	int64_t pending; /* pending rows, beside the `count` posted ones */
};

static const struct sample samples[] = {
    /* STMTTRN 0.01, -34.51, -25.00; LEDGERBAL 100.99 as of 20130525 */
    {"ofxparse-checking.ofx", "USD", "OFX 1.02 (SGML)", 3, -5950, true, 10099, "2013-05-25", 0},
    /* one STMTTRN -16.85 (CDATA names); LEDGERBAL 1234.12 */
    {"ofxparse-suncorp.ofx", "AUD", "OFX 2.00 (XML)", 1, -1685, true, 123412, "2013-12-15", 0},
    /* a credit-card statement (CCSTMTRS), XML header with open leaf tags */
    {"ofxparse-anzcc.ofx", "AUD", "OFX 2.03 (XML)", 1, -550, true, -12345, "2017-05-10", 0},
    /* one line per STMTTRN, dates with a zone [-5:EST]; LEDGERBAL 382.34 */
    {"ofxparse-bank_medium.ofx", "CAD", "OFX 1.02 (SGML)", 3, -34527, true, 38234, "2009-05-23", 0},
    /* Ntry -754.25, -664.05 (a reversal, DBIT), +1405.31; CLBD 15121.12 */
    {"oca-camt053.xml", "EUR", "CAMT.053.001.02", 3, -1299, true, 1512112, "2014-01-05", 0},
    /* version .08 (Sts/Cd); Ntry +8.85; CLBD 27.00 DBIT */
    {"genkgo-camt053.v8.xml", "EUR", "CAMT.053.001.08", 1, 885, true, -2700, "2014-12-30", 0},
    /* version .04: the same entry and balances as the .08 file */
    {"genkgo-camt053.v4.xml", "EUR", "CAMT.053.001.04", 1, 885, true, -2700, "2014-12-30", 0},
    /* -1,000.00 -75.46 -379.00 -20.28 -421.35, dates m/d/yy */
    {"oca-test.qif", "USD", "QIF (Bank)", 5, -189609, false, 0, NULL, 0},
    /* a BOM, a !Type:Tag list first, 29 records, the last without a line end */
    {"nerdbank-sample.qif", "USD", "QIF (Bank)", 29, 2134900, false, 0, NULL, 0},
    /* one bank record (1/1/2008: the same read either way) among tag, account and
     * price lists (whose apostrophe dates are no transactions) */
    {"nerdbank-reader-input.qif", "USD", "QIF (Bank)", 1, 150000, false, 0, NULL, 0},
    /* :61: -20,00 and -5,00; the latest :62F: C120609EUR1209,56 */
    {"jejik-sns.sta", "EUR", "MT940", 2, -2500, true, 120956, "2012-06-09", 0},
    /* {1:}{2:}{4: blocks, 31 statements; latest :62F: C200131EUR501,23 */
    {"asnb-mt940.txt", "EUR", "MT940", 8, 5694, true, 50123, "2020-01-31", 0},
    /* amounts with leading zeros, Dutch /NAME/ details; :62F: C130115EUR...930,00 */
    {"jejik-rabobank-iban.sta", "EUR", "MT940", 4, -7000, true, 93000, "2013-01-15", 0},
    /* header lines before :20:, a second statement in :60M:/:62M: */
    {"jejik-abnamro.sta", "EUR", "MT940", 10, -34593, true, 87684, "2011-05-23", 0},
};

static gig_test_ledger *
ledger_with(const char *currency)
{
	gig_test_ledger *t = gig_test_ledger_new(currency);
	gig_account_spec spec = {.name = "Bank",
	                         .kind = GIG_ACCOUNT_CHECKING,
	                         .currency = currency,
	                         .opening_date = GIG_DATE_NONE};
	g_autoptr(GError) e = NULL;
	int64_t id = 0;
	gig_assert_ok(gig_ledger_account_add(t->ledger, &spec, &id, &e), e);
	return t;
}

/* The folder of a set of shared samples ("formats" or "formats-heldout") that
 * holds `probe`, or NULL when none does (see the top of this file). */
static char *
shared_dir(const char *set, const char *probe)
{
	g_autoptr(GPtrArray) cand = g_ptr_array_new_with_free_func(g_free);
	const char *env = getenv("GIG_FORMATS_DIR");
	if (env != NULL && *env != '\0') {
		g_autofree char *parent = g_path_get_dirname(env);
		g_ptr_array_add(cand, strcmp(set, "formats") == 0
		                          ? g_strdup(env)
		                          : g_build_filename(parent, set, NULL));
	} else {
		g_ptr_array_add(cand, gig_test_data_path(set));
		/* tests/data/../../../shared: the shared folder beside the checkout */
		g_autofree char *data = gig_test_data_path(".");
		g_ptr_array_add(cand,
		                g_build_filename(data, "..", "..", "..", "shared", set, NULL));
		g_autofree char *cwd = g_get_current_dir(); /* ctest runs us in tests/ */
		g_ptr_array_add(cand, g_build_filename(cwd, "..", "..", "shared", set, NULL));
	}
	for (size_t i = 0; i < cand->len; i++) {
		g_autofree char *f = g_build_filename(cand->pdata[i], probe, NULL);
		if (g_file_test(f, G_FILE_TEST_IS_REGULAR))
			return g_strdup(cand->pdata[i]);
	}
	return NULL;
}

static char *
sample_path(const char *dir, const char *file)
{
	g_autofree char *rel = g_build_filename(dir, file, NULL);
	return gig_test_data_path(rel);
}

/* Imports `dir`/`s->file` twice into a fresh ledger: the figures of `s`, then
 * nothing.  `reconciles`: the opening balance plus the entries must be the closing
 * balance (some public samples do not, and get a balance break). */
static void
check_sample(const char *dir, const struct sample *s, bool reconciles)
{
	gig_test_ledger *t = ledger_with(s->currency);
	g_autofree char *path = g_build_filename(dir, s->file, NULL);
	gig_import_options o = imp_opts("Bank");
	g_autoptr(GError) e = NULL;
	g_autoptr(gig_import_result) r = NULL;
	gig_assert_ok(gig_import_file(t->ledger, path, &o, &r, &e), e);
	if (r->inserted != s->count || r->sum_minor != s->sum_minor || r->pending != s->pending)
		fail_msg("%s: %" G_GINT64_FORMAT " rows summing to %" G_GINT64_FORMAT
		         " and %" G_GINT64_FORMAT " pending, expected %" G_GINT64_FORMAT
		         " and %" G_GINT64_FORMAT " and %" G_GINT64_FORMAT,
		         s->file, r->inserted, r->sum_minor, r->pending, s->count, s->sum_minor,
		         s->pending);
	assert_true(g_str_has_prefix(r->guesses.format, s->format));
	assert_int_equal(r->has_stated_balance, s->has_balance);
	if (s->has_balance) {
		assert_int_equal(r->stated_balance_minor, s->balance_minor);
		char on[GIG_DATE_BUFSZ];
		assert_string_equal(gig_date_format(on, r->stated_balance_on), s->balance_on);
	}
	if (reconciles)
		assert_int_equal(r->balance_breaks->len, 0);
	int64_t all = s->count + s->pending;
	assert_int_equal(imp_sql_int(t, "SELECT count(*) FROM transactions"), all);
	assert_int_equal(imp_sql_int(t, "SELECT count(*) FROM transactions WHERE pending"),
	                 s->pending);
	/* every row keeps the record it came from, and its line */
	assert_int_equal(imp_sql_int(t, "SELECT count(*) FROM transactions WHERE line_no < 1"), 0);
	g_autoptr(gig_import_result) again = NULL;
	gig_assert_ok(gig_import_file(t->ledger, path, &o, &again, &e), e);
	assert_int_equal(again->inserted, 0);
	assert_int_equal(again->pending, 0);
	assert_int_equal(again->duplicates, all);
	assert_int_equal(again->batch_id, 0);
	assert_int_equal(imp_sql_int(t, "SELECT count(*) FROM transactions"), all);
	gig_test_ledger_free(t);
}

/* The statements written for this test (tests/data/formats-own), one per format. */
static void
test_own_samples(void **state)
{
	(void)state;
	static const struct sample own[] = {
	    /* OFX 1 SGML, bank: +1250.00 -42.17 -300.00 -8.99 = 898.84; LEDGERBAL 2398.84 */
	    {"own-bank-sgml.ofx", "USD", "OFX 1.02 (SGML)", 4, 89884, true, 239884, "2025-03-15",
	     0},
	    /* OFX 2 XML, credit card: -64.50 -12.30 +20.00 = -56.80; LEDGERBAL -356.80 */
	    {"own-card-xml.ofx", "GBP", "OFX 2.20 (XML)", 3, -5680, true, -35680, "2025-04-10", 0},
	    /* BOOK +980.00 -35.40 = 944.60, PDNG -19.99 left out of the sum; OPBD 500.00,
	     * CLBD 500.00 + 944.60 = 1444.60 */
	    {"own-camt053-v02.xml", "EUR", "CAMT.053.001.02", 2, 94460, true, 144460, "2025-05-07",
	     1},
	    /* Sts/Cd: BOOK -120.00 +450.00 -7.50 = 322.50, PDNG +60.00; OPBD 100.00 DBIT,
	     * CLBD -100.00 + 322.50 = 222.50 */
	    {"own-camt053-v08.xml", "CHF", "CAMT.053.001.08", 3, 32250, true, 22250, "2025-06-11",
	     1},
	    /* apostrophe years, a split 2,000.00 + 400.00 = 2,400.00:
	     * -1,200.00 +2,400.00 -57.25 -15.00 = 1,127.75; QIF states no balance */
	    {"own-bank.qif", "USD", "QIF (Bank)", 4, 112775, false, 0, NULL, 0},
	    /* :61: D45,90 C600, D12,35 = 541.75; :60F: 1000,00, :62F: 1541,75 */
	    {"own-mt940.sta", "EUR", "MT940", 3, 54175, true, 154175, "2025-07-08", 0},
	};
	g_autofree char *dir = gig_test_data_path("formats-own");
	for (size_t i = 0; i < G_N_ELEMENTS(own); i++)
		check_sample(dir, &own[i], true);
}

/* The details of the own samples: payees, memos, ids, dates and the pending row. */
static void
test_own_details(void **state)
{
	(void)state;
	gig_test_ledger *t = ledger_with("CHF");
	g_autofree char *path = sample_path("formats-own", "own-camt053-v08.xml");
	gig_import_options o = imp_opts("Bank");
	o.keep_rows = true;
	g_autoptr(GError) e = NULL;
	g_autoptr(gig_import_result) r = NULL;
	gig_assert_ok(gig_import_file(t->ledger, path, &o, &r, &e), e);
	assert_int_equal(r->rows->len, 4);
	const gig_csv_row *a = r->rows->pdata[0], *c = r->rows->pdata[2], *p = r->rows->pdata[3];
	char d[GIG_DATE_BUFSZ];
	assert_string_equal(gig_date_format(d, a->posted_on), "2025-06-03"); /* from DtTm */
	assert_string_equal(a->payee, "Proberaum Halle 4");
	assert_string_equal(a->memo, "Miete Juni");
	assert_string_equal(a->external_id, "OWN-P-0603");
	assert_string_equal(c->external_id, "OWN-G-0611"); /* NtryRef when no AcctSvcrRef */
	assert_true(p->pending);
	assert_int_equal(p->amount_minor, 6000);
	gig_test_ledger_free(t);

	g_autoptr(gig__stmt) st = gig__stmt_new("own-mt940.sta", "EUR");
	g_autofree char *mt = sample_path("formats-own", "own-mt940.sta");
	g_autofree char *text = NULL;
	gsize len = 0;
	gig_assert_ok(g_file_get_contents(mt, &text, &len, &e), e);
	gig_assert_ok(gig__stmt_parse(st, GIG__FMT_MT940, text, len, NULL, NULL, &e), e);
	assert_int_equal(st->rows->len, 3);
	const gig_csv_row *m0 = st->rows->pdata[0], *m1 = st->rows->pdata[1];
	assert_string_equal(m0->payee, "SAITENHAUS GMBH"); /* ?32, on a line of its own */
	assert_string_equal(m0->memo, "Saitenhaus OnlineBestellung 7781"); /* ?20 ?21 */
	assert_string_equal(m0->external_id, "R1");
	assert_int_equal(m0->line_no, 5);
	assert_string_equal(m1->payee, "STADTFEST E.V.");
	assert_int_equal(m1->amount_minor, 60000);

	g_autoptr(gig__stmt) q = gig__stmt_new("own-bank.qif", "USD");
	g_autofree char *qp = sample_path("formats-own", "own-bank.qif");
	g_autofree char *qt = NULL;
	gig_assert_ok(g_file_get_contents(qp, &qt, &len, &e), e);
	gig_assert_ok(gig__stmt_parse(q, GIG__FMT_QIF, qt, len, NULL, NULL, &e), e);
	assert_int_equal(q->rows->len, 4); /* the split lines are no rows of their own */
	const gig_csv_row *q0 = q->rows->pdata[0], *q1 = q->rows->pdata[1];
	assert_string_equal(gig_date_format(d, q0->posted_on), "2025-03-01"); /* D3/ 1'25 */
	assert_int_equal(q0->amount_minor, -120000);
	assert_int_equal(q1->amount_minor, 240000);
	assert_string_equal(q1->payee, "Wedding band, Saturday");
}

static void
test_samples(void **state)
{
	(void)state;
	g_autofree char *dir = shared_dir("formats", samples[0].file);
	if (dir == NULL) {
		print_message("shared samples (formats) not found, skipped\n");
		skip();
	}
	for (size_t i = 0; i < G_N_ELEMENTS(samples); i++)
		check_sample(dir, &samples[i], false);
}

/* The samples kept out of development, checked once at the end (see ATTRIBUTION.md). */
static void
test_held_out(void **state)
{
	(void)state;
	static const struct sample held[] = {
	    /* the bank statement's 4 STMTTRN -80 -90 -100 -90; LEDGERBAL 2156.56; the
	     * card statement beside it has no transactions */
	    {"oca-test_ofx_iban.ofx", "USD", "OFX 2.11 (XML)", 4, -36000, true, 215656,
	     "2013-08-31", 0},
	    /* one Ntry +8.85; the only Bal is CLAV, no CLBD */
	    {"genkgo-camt053.v2.with-account-name.xml", "EUR", "CAMT.053.001.02", 1, 885, false, 0,
	     NULL, 0},
	    /* 9 records with splits, m/d/yy */
	    {"gnucash-cbb-export.qif", "USD", "QIF (Bank)", 9, -50759, false, 0, NULL, 0},
	    /* C79,7 C149,5 D79,9 C10,1; :62F: C140407CHF159,6 */
	    {"jejik-postfinance.sta", "CHF", "MT940", 4, 15940, true, 15960, "2014-04-07", 0},
	};
	g_autofree char *dir = shared_dir("formats-heldout", held[0].file);
	if (dir == NULL) {
		print_message("shared samples (formats-heldout) not found, skipped\n");
		skip();
	}
	for (size_t i = 0; i < G_N_ELEMENTS(held); i++)
		check_sample(dir, &held[i], false);
}

/* A file whose reading fails leaves no transaction and no batch behind. */
static void
expect_refused(const char *name, const char *bytes, const char *currency, const char *want)
{
	gig_test_ledger *t = ledger_with(currency);
	g_autofree char *path = imp_write(t, name, bytes, -1);
	gig_import_options o = imp_opts("Bank");
	g_autoptr(GError) e = NULL;
	g_autoptr(gig_import_result) r = NULL;
	bool ok = gig_import_file(t->ledger, path, &o, &r, &e);
	gig_assert_error(ok, e, GIG_ERROR_INVALID_INPUT);
	g_autofree char *prefix = g_strdup_printf("%s:", path);
	if (!g_str_has_prefix(e->message, prefix) || strstr(e->message, want) == NULL)
		fail_msg("%s: message '%s' lacks '%s'", name, e->message, want);
	assert_int_equal(imp_sql_int(t, "SELECT count(*) FROM transactions"), 0);
	assert_int_equal(imp_sql_int(t, "SELECT count(*) FROM import_batches"), 0);
	gig_test_ledger_free(t);
}

#define OFX_HEAD                                                                                   \
	"OFXHEADER:100\nDATA:OFXSGML\nVERSION:102\n\n<OFX>\n<BANKMSGSRSV1><STMTTRNRS><STMTRS>\n"   \
	"<CURDEF>EUR\n<BANKACCTFROM><ACCTID>42</BANKACCTFROM>\n<BANKTRANLIST>\n"
#define OFX_TAIL "</BANKTRANLIST>\n</STMTRS></STMTTRNRS></BANKMSGSRSV1>\n</OFX>\n"

static void
test_ofx_malformed(void **state)
{
	(void)state;
	expect_refused("cut.ofx",
	               OFX_HEAD "<STMTTRN>\n<DTPOSTED>20240105\n<TRNAMT>-3.00\n<FITID>1\n", "EUR",
	               ":10: <STMTTRN> is never closed");
	expect_refused("amount.ofx",
	               OFX_HEAD
	               "<STMTTRN>\n<DTPOSTED>20240105\n<TRNAMT>-3.0.0\n</STMTTRN>\n" OFX_TAIL,
	               "EUR", ":10: TRNAMT '-3.0.0' is not an amount");
	expect_refused("date.ofx",
	               OFX_HEAD
	               "<STMTTRN>\n<DTPOSTED>20241305\n<TRNAMT>-3.00\n</STMTTRN>\n" OFX_TAIL,
	               "EUR", ":10: DTPOSTED '20241305' is not a date");
	expect_refused("missing.ofx",
	               OFX_HEAD "<STMTTRN>\n<DTPOSTED>20240105\n<NAME>x\n</STMTTRN>\n" OFX_TAIL,
	               "EUR", ":10: <STMTTRN> has no <TRNAMT>");
}

/* The rows go to one ledger account: a file with the transactions of two is refused
 * (an empty statement beside them is not counted: see the held-out OFX sample). */
static void
test_several_accounts(void **state)
{
	(void)state;
	expect_refused("two.ofx",
	               OFX_HEAD
	               "<STMTTRN><DTPOSTED>20240105<TRNAMT>-3.00<FITID>1</STMTTRN>\n" OFX_TAIL
	               "<BANKMSGSRSV1><STMTTRNRS><STMTRS><CURDEF>EUR<BANKACCTFROM><ACCTID>43"
	               "</BANKACCTFROM><BANKTRANLIST><STMTTRN><DTPOSTED>20240105<TRNAMT>-4.00"
	               "</STMTTRN></BANKTRANLIST></STMTRS></STMTTRNRS></BANKMSGSRSV1>\n",
	               "EUR", "statements of 2 accounts (42, 43)");
	expect_refused("two.sta",
	               ":20:A\n:25:DE1\n:60F:C240101EUR0,\n:62F:C240101EUR0,\n"
	               ":20:B\n:25:DE2\n:60F:C240101EUR0,\n:62F:C240101EUR0,\n",
	               "EUR", "statements of 2 accounts");
	expect_refused("two.qif",
	               "!Account\nNOne\n^\n!Type:Bank\nD1/25/24\nT1\n^\n"
	               "!Account\nNTwo\n^\n!Type:Bank\nD1/25/24\nT2\n^\n",
	               "EUR", "transactions of 2 accounts");
	expect_refused("invest.ofx",
	               "OFXHEADER:100\n\n<OFX><INVSTMTMSGSRSV1><INVSTMTTRNRS><INVSTMTRS><CURDEF>USD"
	               "<INVTRANLIST><INVBANKTRAN><STMTTRN><DTPOSTED>20240105<TRNAMT>-3.00"
	               "</STMTTRN></INVBANKTRAN></INVTRANLIST></INVSTMTRS></INVSTMTTRNRS>"
	               "</INVSTMTMSGSRSV1></OFX>\n",
	               "USD", "an investment statement (<INVSTMTRS>)");
	expect_refused("invest.qif", "!Type:Invst\nD1/25/24\nNBuy\n^\n", "EUR",
	               ":2: an investment account");
}

/* A statement in Windows-1252 (OFX version 1 says CHARSET:1252) is decoded. */
static void
test_ofx_charset(void **state)
{
	(void)state;
	g_autoptr(gig__stmt) st = gig__stmt_new("a.ofx", "EUR");
	static const char t[] =
	    OFX_HEAD "<STMTTRN><DTPOSTED>20240105<TRNAMT>-3,50<FITID>1"
	             "<NAME>Caf\xe9 M\xfcller &amp; S\xf6hne</STMTTRN>\n" OFX_TAIL;
	g_autoptr(GError) e = NULL;
	g_autofree char *enc = NULL;
	gig_assert_ok(gig__stmt_parse(st, GIG__FMT_OFX, t, sizeof(t) - 1, NULL, &enc, &e), e);
	assert_string_equal(enc, "WINDOWS-1252");
	const gig_csv_row *r = st->rows->pdata[0];
	assert_string_equal(r->payee, "Caf\u00e9 M\u00fcller & S\u00f6hne");
	assert_int_equal(r->amount_minor, -350);
}

/* A FITID the bank reused for another transaction does not merge the two; the same
 * FITID with the same everything twice in one file is two rows as well (like two
 * identical CSV rows), and a second import of the file adds nothing. */
static void
test_ofx_fitid_reused(void **state)
{
	(void)state;
	gig_test_ledger *t = ledger_with("EUR");
	g_autofree char *path = imp_write(
	    t, "reuse.ofx",
	    OFX_HEAD
	    "<STMTTRN><DTPOSTED>20240105<TRNAMT>-3.00<FITID>7<NAME>Cafe</STMTTRN>\n"
	    "<STMTTRN><DTPOSTED>20240106<TRNAMT>-3.00<FITID>7<NAME>Cafe</STMTTRN>\n"
	    "<STMTTRN><DTPOSTED>20240105<TRNAMT>-9.50<FITID>7<NAME>Cafe</STMTTRN>\n"
	    "<STMTTRN><DTPOSTED>20240105<TRNAMT>-3.00<FITID>7<NAME>Shop</STMTTRN>\n"
	    "<STMTTRN><DTPOSTED>20240105<TRNAMT>-3.00<FITID>7<NAME>Cafe</STMTTRN>\n" OFX_TAIL,
	    -1);
	gig_import_options o = imp_opts("Bank");
	g_autoptr(GError) e = NULL;
	g_autoptr(gig_import_result) r = NULL;
	gig_assert_ok(gig_import_file(t->ledger, path, &o, &r, &e), e);
	assert_int_equal(r->inserted, 5);
	assert_int_equal(r->sum_minor, -300 * 4 - 950);
	assert_int_equal(
	    imp_sql_int(t, "SELECT count(*) FROM transactions WHERE external_id = '7'"), 5);
	g_autoptr(gig_import_result) again = NULL;
	gig_assert_ok(gig_import_file(t->ledger, path, &o, &again, &e), e);
	assert_int_equal(again->inserted, 0);
	assert_int_equal(again->duplicates, 5);
	gig_test_ledger_free(t);
}

#define CAMT_HEAD                                                                                  \
	"<?xml version=\"1.0\"?>\n<Document "                                                      \
	"xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.08\">\n<BkToCstmrStmt><Stmt>\n"
#define CAMT_TAIL "</Stmt></BkToCstmrStmt>\n</Document>\n"
#define CAMT_NTRY(amt, cdi, sts, date)                                                             \
	"<Ntry>\n<Amt Ccy=\"EUR\">" amt "</Amt><CdtDbtInd>" cdi "</CdtDbtInd>\n<Sts><Cd>" sts      \
	"</Cd></Sts><BookgDt><DtTm>" date "</DtTm></BookgDt>\n</Ntry>\n"

static void
test_camt_malformed(void **state)
{
	(void)state;
	expect_refused("cut.xml",
	               CAMT_HEAD CAMT_NTRY("5.00", "DBIT", "BOOK", "2024-01-05T10:00:00"), "EUR",
	               "not well-formed XML");
	expect_refused("amount.xml",
	               CAMT_HEAD CAMT_NTRY("5,00", "DBIT", "BOOK", "2024-01-05T10:00:00") CAMT_TAIL,
	               "EUR", ":4: <Amt> '5,00' is not an amount");
	expect_refused("date.xml",
	               CAMT_HEAD CAMT_NTRY("5.00", "DBIT", "BOOK", "05.01.2024") CAMT_TAIL, "EUR",
	               ":4: <BookgDt> '05.01.2024' is not a date");
	expect_refused("missing.xml",
	               CAMT_HEAD "<Ntry>\n<Amt Ccy=\"EUR\">5.00</Amt>\n<BookgDt><Dt>2024-01-05</Dt>"
	                         "</BookgDt></Ntry>\n" CAMT_TAIL,
	               "EUR", ":4: <Ntry> has no <CdtDbtInd>");
}

/* PDNG entries are pending rows, INFO entries are not entries; the payee is the
 * other party, the id the AcctSvcrRef. */
static void
test_camt_status(void **state)
{
	(void)state;
	gig_test_ledger *t = ledger_with("EUR");
	g_autofree char *path =
	    imp_write(t, "sts.xml",
	              CAMT_HEAD CAMT_NTRY("5.00", "DBIT", "BOOK", "2024-01-05T10:00:00")
	                  CAMT_NTRY("7.25", "CRDT", "PDNG", "2024-01-06T10:00:00")
	                      CAMT_NTRY("9.00", "CRDT", "INFO",
	                                "2024-01-06T10:00:00") "<Ntry><Amt "
	                                                       "Ccy=\"EUR\">1.50</"
	                                                       "Amt><CdtDbtInd>CRDT<"
	                                                       "/CdtDbtInd><Sts>BOOK<"
	                                                       "/Sts><BookgDt><Dt>"
	                                                       "2024-01-07</Dt></"
	                                                       "BookgDt><AcctSvcrRef>"
	                                                       "R-9</AcctSvcrRef>"
	                                                       "<NtryDtls><TxDtls>"
	                                                       "<RltdPties><Dbtr><Pty>"
	                                                       "<Nm>Blue Room</Nm></"
	                                                       "Pty></Dbtr></"
	                                                       "RltdPties><RmtInf><"
	                                                       "Ustrd>INV 12</Ustrd></"
	                                                       "RmtInf></TxDtls></"
	                                                       "NtryDtls></"
	                                                       "Ntry>" CAMT_TAIL,
	              -1);
	gig_import_options o = imp_opts("Bank");
	o.keep_rows = true;
	g_autoptr(GError) e = NULL;
	g_autoptr(gig_import_result) r = NULL;
	gig_assert_ok(gig_import_file(t->ledger, path, &o, &r, &e), e);
	assert_int_equal(r->inserted, 2);
	assert_int_equal(r->pending, 1);
	assert_int_equal(r->sum_minor, -500 + 150);
	const gig_csv_row *last = r->rows->pdata[2];
	assert_string_equal(last->payee, "Blue Room");
	assert_string_equal(last->memo, "INV 12");
	assert_string_equal(last->external_id, "R-9");
	assert_true(g_str_has_prefix(last->raw, "<Ntry><Amt"));
	assert_true(g_str_has_suffix(last->raw, "</Ntry>"));
	gig_test_ledger_free(t);
}

static void
test_qif_malformed(void **state)
{
	(void)state;
	expect_refused("cut.qif", "!Type:Bank\nD1/5/24\nT-3.00\n^\nD1/6/24\nT-4.00\nPShop\n", "EUR",
	               ":5: the record does not end with '^'");
	expect_refused("amount.qif", "!Type:Bank\nD1/25/24\nT-3.0x\n^\n", "EUR",
	               ":2: T '-3.0x' is not an amount");
	expect_refused("date.qif", "!Type:Bank\nD13/13/24\nT-3.00\n^\n", "EUR",
	               ":2: D '13/13/24' is not a date");
	expect_refused("missing.qif", "!Type:Bank\nD1/5/24\nPShop\n^\n", "EUR",
	               ":2: the record has no T (amount) line");
}

/* The apostrophe years of Quicken ("1/ 5'23" is 5 January 2023), two-digit years
 * after '/', and day-first dates told by a day above 12. */
static void
test_qif_dates(void **state)
{
	(void)state;
	g_autoptr(gig__stmt) st = gig__stmt_new("a.qif", "EUR");
	static const char us[] = "!Type:CCard\nD1/ 5'23\nT-3.00\n^\nD12/31' 9\nU1,234.50\n^\n"
	                         "D2/3/99\nT7\n^\n";
	g_autoptr(GError) e = NULL;
	gig_assert_ok(gig__stmt_parse(st, GIG__FMT_QIF, us, sizeof(us) - 1, NULL, NULL, &e), e);
	assert_int_equal(st->rows->len, 3);
	char d[GIG_DATE_BUFSZ];
	const gig_csv_row *r0 = st->rows->pdata[0], *r1 = st->rows->pdata[1],
	                  *r2 = st->rows->pdata[2];
	assert_string_equal(gig_date_format(d, r0->posted_on), "2023-01-05");
	assert_string_equal(gig_date_format(d, r1->posted_on), "2009-12-31");
	assert_int_equal(r1->amount_minor, 123450);
	assert_string_equal(gig_date_format(d, r2->posted_on), "1999-02-03");
	assert_string_equal(st->format, "QIF (CCard)");

	g_autoptr(gig__stmt) eu = gig__stmt_new("b.qif", "EUR");
	static const char dm[] = "!Type:Bank\nD05/01/2024\nT-3,50\n^\nD25/01/2024\nT10\n^\n";
	gig_assert_ok(gig__stmt_parse(eu, GIG__FMT_QIF, dm, sizeof(dm) - 1, NULL, NULL, &e), e);
	const gig_csv_row *e0 = eu->rows->pdata[0];
	assert_string_equal(gig_date_format(d, e0->posted_on), "2024-01-05");
	assert_int_equal(e0->amount_minor, -350);

	/* both readings work and differ: the user must say which */
	g_autoptr(gig__stmt) amb = gig__stmt_new("c.qif", "EUR");
	static const char am[] = "!Type:Bank\nD05/01/2024\nT-3\n^\n";
	bool ok = gig__stmt_parse(amb, GIG__FMT_QIF, am, sizeof(am) - 1, NULL, NULL, &e);
	gig_assert_error(ok, e, GIG_ERROR_AMBIGUOUS);
	g_clear_error(&e);
	g_autoptr(gig__stmt) forced = gig__stmt_new("c.qif", "EUR");
	forced->date_format = "%d/%m/%Y";
	gig_assert_ok(gig__stmt_parse(forced, GIG__FMT_QIF, am, sizeof(am) - 1, NULL, NULL, &e), e);
	const gig_csv_row *f0 = forced->rows->pdata[0];
	assert_string_equal(gig_date_format(d, f0->posted_on), "2024-01-05");
}

#define MT_HEAD ":20:X\n:25:DE12345\n:28C:1/1\n:60F:C240101EUR100,00\n"

static void
test_mt940_malformed(void **state)
{
	(void)state;
	expect_refused("cut.sta", MT_HEAD ":61:2401050105D3,00NTRFNONREF\n:86:Shop\n", "EUR",
	               ":1: the statement has no closing balance (:62F:)");
	expect_refused("amount.sta",
	               MT_HEAD ":61:2401050105D3,0,0NTRFNONREF\n:62F:C240105EUR97,00\n", "EUR",
	               ":5: :61: amount '3,0,0' is not an amount");
	expect_refused("date.sta", MT_HEAD ":61:2413050105D3,00NTRFNONREF\n:62F:C240105EUR97,00\n",
	               "EUR",
	               ":5: :61: '2413050105D3,00NTRFNONREF' does not start with a value date");
	expect_refused("short.sta", ":20:X\n:25:D\n:60F:C\n:62F:C2\n", "EUR",
	               ":3: :60F: 'C' is not a balance");
	expect_refused("missing.sta",
	               ":20:X\n:25:DE1\n:61:2401050105D3,00NTRF\n:62F:C240105EUR97,00\n", "EUR",
	               ":3: :61: before the statement's opening balance (:60F:)");
}

/* German :86: subfields: ?32/?33 the other party, ?20.. the purpose; RD is money in;
 * the entry date across the turn of the year; the opening and closing balances. */
static void
test_mt940_details(void **state)
{
	(void)state;
	g_autoptr(gig__stmt) st = gig__stmt_new("a.sta", "EUR");
	static const char t[] =
	    ":20:STARTUMS\r\n:25:10020030/1234567\r\n:28C:5/1\r\n:60F:C231229EUR2187,95\r\n"
	    ":61:2312290102DR800,NSTONONREF//55555\r\n"
	    ":86:008?00DAUERAUFTRAG?100599?20Miete Dezem?21ber?3010020030?31234567?32MUEL\r\n"
	    "LER?34339\r\n"
	    ":61:2401020102RD12,5NRTINONREF\r\n:86:Ruecklastschrift\r\n"
	    ":62F:C240102EUR1400,45\r\n-\r\n";
	g_autoptr(GError) e = NULL;
	gig_assert_ok(gig__stmt_parse(st, GIG__FMT_MT940, t, sizeof(t) - 1, NULL, NULL, &e), e);
	assert_int_equal(st->rows->len, 2);
	const gig_csv_row *a = st->rows->pdata[0], *b = st->rows->pdata[1];
	char d[GIG_DATE_BUFSZ];
	assert_string_equal(gig_date_format(d, a->posted_on), "2024-01-02");
	assert_int_equal(a->amount_minor, -80000);
	assert_string_equal(a->payee, "MUELLER");
	assert_string_equal(a->memo, "Miete Dezember");
	assert_string_equal(a->external_id, "55555");
	assert_int_equal(a->line_no, 5);
	assert_int_equal(b->amount_minor, 1250);
	assert_string_equal(b->payee, "Ruecklastschrift");
	assert_true(st->has_closing);
	assert_int_equal(st->closing_minor, 140045);
	assert_int_equal(st->breaks->len, 0); /* 2187.95 - 800 + 12.50 = 1400.45 */
}

/* The format is told by the content, whatever the file is called. */
static void
test_sniff(void **state)
{
	(void)state;
	static const struct {
		const char *head;
		gig__format want;
	} cases[] = {
	    {"OFXHEADER:100\nDATA:OFXSGML\n", GIG__FMT_OFX},
	    {"\xEF\xBB\xBF<?xml version=\"1.0\"?>\n<?OFX OFXHEADER=\"200\"?><OFX>", GIG__FMT_OFX},
	    {"<?xml version=\"1.0\"?><Document "
	     "xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.04\">",
	     GIG__FMT_CAMT},
	    {"<?xml version=\"1.0\"?><Document "
	     "xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.054.001.04\">",
	     GIG__FMT_CSV},
	    {"!Type:Bank\nD1/1/24\n", GIG__FMT_QIF},
	    {"\r\n!Account\nNChecking\n", GIG__FMT_QIF},
	    {":20:STARTUMS\r\n:25:10020030/1234567\r\n", GIG__FMT_MT940},
	    {"{1:F01ASNBNL21XXXX0000000000}{2:O940}{4:\n:20:0\n:25:NL81\n", GIG__FMT_MT940},
	    {"Date,Amount,Payee\n2024-01-05,-3.00,:20: shop\n", GIG__FMT_CSV},
	    {"Datum;Betrag\n05.01.2024;-3,00\n", GIG__FMT_CSV},
	};
	for (size_t i = 0; i < G_N_ELEMENTS(cases); i++)
		if (gig__format_sniff(cases[i].head, strlen(cases[i].head)) != cases[i].want)
			fail_msg("case %zu: '%s'", i, cases[i].head);
}

/* A statement file's rows can be undone like a CSV batch's. */
static void
test_undo(void **state)
{
	(void)state;
	gig_test_ledger *t = ledger_with("EUR");
	g_autofree char *path = sample_path("formats-own", "own-mt940.sta");
	gig_import_options o = imp_opts("Bank");
	g_autoptr(GError) e = NULL;
	g_autoptr(gig_import_result) r = NULL;
	gig_assert_ok(gig_import_file(t->ledger, path, &o, &r, &e), e);
	assert_true(r->batch_id > 0);
	g_autofree char *raw = NULL;
	int64_t first = imp_sql_int(t, "SELECT min(id) FROM transactions");
	gig_assert_ok(gig_import_raw_row(t->ledger, first, &raw, &e), e);
	assert_true(g_str_has_prefix(raw, ":61:2507010701D45,90NDDTNONREF//R1\n:86:105?00"));
	int64_t removed = 0;
	gig_assert_ok(gig_import_undo(t->ledger, r->batch_id, &removed, &e), e);
	assert_int_equal(removed, 3);
	assert_int_equal(imp_sql_int(t, "SELECT count(*) FROM transactions"), 0);
	assert_int_equal(imp_sql_int(t, "SELECT count(*) FROM import_members"), 0);
	gig_test_ledger_free(t);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_own_samples),
	    cmocka_unit_test(test_own_details),
	    cmocka_unit_test(test_samples),
	    cmocka_unit_test(test_held_out),
	    cmocka_unit_test(test_ofx_malformed),
	    cmocka_unit_test(test_ofx_fitid_reused),
	    cmocka_unit_test(test_camt_malformed),
	    cmocka_unit_test(test_camt_status),
	    cmocka_unit_test(test_qif_malformed),
	    cmocka_unit_test(test_qif_dates),
	    cmocka_unit_test(test_mt940_malformed),
	    cmocka_unit_test(test_mt940_details),
	    cmocka_unit_test(test_sniff),
	    cmocka_unit_test(test_undo),
	    cmocka_unit_test(test_several_accounts),
	    cmocka_unit_test(test_ofx_charset),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
