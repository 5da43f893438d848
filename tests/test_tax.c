/*
 * test_tax.c: the tax engine (tax.h) against figures worked out by hand from the
 * statutes and worked examples cited at each test, the shipped profiles, the loader's
 * refusals, and the tax year of a ledger.
 *
 * Hand arithmetic was done with exact decimals (Python's decimal module as the
 * calculator, following the statute's rounding), never with this code.
 */
#include <glib/gstdio.h>
#include <string.h>

#include "helpers.h"
#include "import_helpers.h"

static gig_tax_profile
load(const char *name)
{
	const char *dirs[] = {"../tax", NULL};
	gig_tax_profile p;
	g_autoptr(GError) error = NULL;
	bool ok = gig_tax_profile_load(&p, name, dirs, &error);
	gig_assert_ok(ok, error);
	return p;
}

static gig_date
d(const char *iso)
{
	gig_date out = GIG_DATE_NONE;
	g_autoptr(GError) error = NULL;
	bool ok = gig_date_parse_iso(&out, iso, &error);
	gig_assert_ok(ok, error);
	return out;
}

/* ---- Germany: § 32a EStG 2026, Grundtarif -------------------------------------- */

/*
 * By hand from § 32a Abs. 1 EStG (2026), Horner's scheme with the products cut to
 * three decimals, the tax rounded down to the euro:
 *   15,000: y = 0.2652; 914.51 y = 242.528; + 1,400 = 1,642.528; x y = 435.598 -> 435
 *   30,000: z = 1.2201; 173.10 z = 211.199; + 2,397 = 2,608.199; x z = 3,182.263;
 *           + 1,034.87 = 4,217.133 -> 4,217
 *   100,000: 0.42 x 100,000 - 11,135.63 = 30,864.37 -> 30,864
 *   300,000: 0.45 x 300,000 - 19,470.38 = 115,529.62 -> 115,529
 * and the zone limits, where the pieces join: 17,799 -> 1,034; 69,878 -> 18,213;
 * 277,825 -> 105,550.  The profile's 36 Sonderausgaben-Pauschbetrag comes off first.
 */
static void
test_tax__de_grundtarif(void **state)
{
	(void)state;
	gig_tax_profile p = load("de-2026");
	struct {
		int64_t zve, tax;
	} cases[] = {{12348, 0},      {12349, 0},       {15000, 435},
	             {17799, 1034},   {30000, 4217},    {69878, 18213},
	             {100000, 30864}, {277825, 105550}, {300000, 115529}};
	for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
		gig_tax_estimate e;
		gig_tax_estimate_compute(&p, (cases[i].zve + 36) * 100 + 99, &e);
		assert_int_equal(e.taxable_minor, cases[i].zve * 100 + 99);
		if (e.income_tax_minor != cases[i].tax * 100)
			fail_msg("zvE %lld: %lld, want %lld", (long long)cases[i].zve,
			         (long long)e.income_tax_minor, (long long)cases[i].tax * 100);
	}
	/*
	 * Soli: at 100,000 the income tax 30,864 is over the Freigrenze 20,350: 5.5 % =
	 * 1,697.52, capped at 11.9 % x (30,864 - 20,350) = 1,251.16.  At 300,000: 5.5 % x
	 * 115,529 = 6,354.09 (the cap is far above).  At 60,000 no Soli.
	 */
	gig_tax_estimate e;
	gig_tax_estimate_compute(&p, (100000 + 36) * 100, &e);
	assert_int_equal(e.surcharge_minor, 125116);
	assert_int_equal(e.total_minor, 3086400 + 125116);
	gig_tax_estimate_compute(&p, (300000 + 36) * 100, &e);
	assert_int_equal(e.surcharge_minor, 635409);
	gig_tax_estimate_compute(&p, (60000 + 36) * 100, &e);
	assert_int_equal(e.surcharge_minor, 0);
	/* the top zone: 45 % at the margin, plus 5.5 % of it as Soli = 47.475 % */
	gig_tax_estimate_compute(&p, 40000000, &e);
	assert_true(e.marginal_ppm >= 474000 && e.marginal_ppm <= 476000);
}

/* ---- United States -------------------------------------------------------------- */

/*
 * IRS Publication 505, worksheet 2-2 illustrated (Anne Jones, 2009-2011 editions):
 * net profit 40,100; x 92.35 % = 37,032; x 15.3 % = 5,666 in whole dollars, half
 * (2,833) deductible.  In cents: 37,032.35 x 15.3 % = 5,665.95, half 2,832.98.  The
 * 2026 profile then gives taxable 40,100 - 2,832.98 - 16,100 = 21,167.02 and income tax
 * 1,240 + 12 % x 8,767.02 = 2,292.04.
 */
static void
test_tax__us_self_employment(void **state)
{
	(void)state;
	gig_tax_profile p = load("us-federal-2026");
	gig_tax_estimate e;
	gig_tax_estimate_compute(&p, 4010000, &e);
	assert_int_equal(e.social_minor, 566595);
	assert_true(llabs(e.social_minor - 566600) <= 100); /* Pub 505's dollar figure */
	assert_int_equal(e.deduction_minor, 283298 + 1610000);
	assert_int_equal(e.taxable_minor, 2116702);
	assert_int_equal(e.income_tax_minor, 229204);
	assert_int_equal(e.total_minor, 566595 + 229204);
	/*
	 * Over the 2026 wage base: profit 250,000, net earnings 230,875; 15.3 % of 184,500
	 * = 28,228.50 plus 2.9 % of 46,375 = 1,344.875: 29,573.38 (rounded once).
	 */
	gig_tax_estimate_compute(&p, 25000000, &e);
	assert_int_equal(e.social_minor, 2957338);
	/* under 400 of net earnings, no self-employment tax (Schedule SE) */
	gig_tax_estimate_compute(&p, 43000, &e);
	assert_int_equal(e.social_minor, 0);
	gig_tax_estimate_compute(&p, 44000, &e);
	assert_int_equal(e.social_minor, 6217); /* 406.34 x 15.3 % = 62.17 */
}

/*
 * The safe harbour (Publication 505 ch. 4, Form 2210): the required annual payment is
 * the smaller of 90 % of this year's tax and 100 % of last year's (110 % when last
 * year's AGI was over 150,000).
 */
static void
test_tax__us_safe_harbour(void **state)
{
	(void)state;
	gig_tax_profile p = load("us-federal-2026");
	int64_t cum[4] = {0, 0, 0, 0};
	gig_tax_us_plan plan;
	gig_tax_us_installments(&p, cum, 2000000, true, 1500000, 10000000, &plan);
	assert_int_equal(plan.required_minor, 1500000);
	assert_int_equal(plan.regular_minor[0], 375000);
	/* AGI 150,000.01: 110 % */
	gig_tax_us_installments(&p, cum, 2000000, true, 1500000, 15000001, &plan);
	assert_int_equal(plan.required_minor, 1650000);
	/* AGI exactly 150,000: still 100 % */
	gig_tax_us_installments(&p, cum, 2000000, true, 1500000, 15000000, &plan);
	assert_int_equal(plan.required_minor, 1500000);
	/* last year's tax higher: 90 % of this year's 20,000 = 18,000 */
	gig_tax_us_installments(&p, cum, 2000000, true, 2500000, 0, &plan);
	assert_int_equal(plan.required_minor, 1800000);
	/* no last year known: 90 % of this year's */
	gig_tax_us_installments(&p, cum, 2000000, false, 0, 0, &plan);
	assert_int_equal(plan.required_minor, 1800000);
	/* a cent left over goes to the last installment */
	gig_tax_us_installments(&p, cum, 10000000, true, 1001, 0, &plan);
	assert_int_equal(plan.regular_minor[0], 250);
	assert_int_equal(plan.regular_minor[3], 251);
}

/*
 * The annualised income installment method (Publication 505, Worksheet 2-9 /
 * Form 2210 Schedule AI: annualisation factors 4, 2.4, 1.5, 1; applicable percentages
 * 22.5, 45, 67.5, 90 %; each installment the smaller of the annualised one and the
 * regular one plus what earlier periods left).  The IRS example's own figures are for
 * older law, so this is the worksheet worked by hand on 2026 law for a lumpy year:
 * profit to 31 Mar 10,000, to 31 May 10,000, to 31 Aug 40,000, to 31 Dec 60,000;
 * last year's tax 9,000 with AGI over 150,000.
 *   year tax at 60,000: SE 8,477.73 + income tax 4,511.34 = 12,989.07; 90 % =
 *   11,690.16; 110 % of 9,000 = 9,900: required 9,900, regular 2,475 each.
 *   period 1: 40,000 annualised, tax 7,932.71 x 22.5 % = 1,784.86 < 2,475 -> 1,784.86
 *   period 2: 24,000, tax 4,011.54 x 45 % = 1,805.19 - 1,784.86 = 20.33; the regular
 *             2,475 + 690.14 left = 3,165.14 -> 20.33
 *   period 3: 60,000, 12,989.07 x 67.5 % - 1,805.19 = 6,962.43 > 2,475 + 3,144.81 =
 *             5,619.81 -> 5,619.81
 *   period 4: 12,989.07 x 90 % - 7,425.00 = 4,265.16 > 2,475.00 -> 2,475.00
 * The four sum to the required 9,900.
 */
static void
test_tax__us_annualised(void **state)
{
	(void)state;
	gig_tax_profile p = load("us-federal-2026");
	assert_int_equal(gig_tax_total(&p, 6000000), 1298907);
	int64_t cum[4] = {1000000, 1000000, 4000000, 6000000};
	gig_tax_us_plan plan;
	gig_tax_us_installments(&p, cum, 1298907, true, 900000, 20000000, &plan);
	assert_int_equal(plan.required_minor, 990000);
	int64_t want[4] = {178486, 2033, 561981, 247500};
	int64_t income[4] = {4000000, 2400000, 6000000, 6000000};
	int64_t tax[4] = {793271, 401154, 1298907, 1298907};
	for (int k = 0; k < 4; k++) {
		assert_int_equal(plan.annualised_income_minor[k], income[k]);
		assert_int_equal(plan.annualised_tax_minor[k], tax[k]);
		assert_int_equal(plan.annualised_minor[k], want[k]);
		assert_int_equal(plan.regular_minor[k], 247500);
	}
	/* the payments list uses the cheaper method, on the 1040-ES dates */
	gig_tax_payment pay[GIG_TAX_MAX_DUE + 1];
	size_t n = gig_tax_payments_for_year(&p, 2026, 1298907, true, 900000, cum, pay);
	assert_int_equal(n, 4);
	assert_int_equal(pay[0].due, d("2026-04-15"));
	assert_int_equal(pay[3].due, d("2027-01-15"));
	assert_int_equal(pay[1].amount_minor, 2033);
	/* without the year's profile of profit there is no US plan */
	assert_int_equal(gig_tax_payments_for_year(&p, 2026, 1298907, true, 900000, NULL, pay), 0);
}

/* ---- United Kingdom ----------------------------------------------------------------- */

/*
 * 2026/27 by hand: profit 60,000: allowance 12,570, taxable 47,430: 20 % x 37,700 +
 * 40 % x 9,730 = 11,432; Class 4: 6 % x 37,700 + 2 % x 9,730 = 2,456.60.  Profit
 * 110,000: the allowance loses half of 10,000 -> 7,570, taxable 102,430: 7,540 + 40 % x
 * 64,730 = 33,432.  Profit 150,000: no allowance; 7,540 + 40 % x 87,440 + 45 % x
 * 24,860 = 53,703.
 */
static void
test_tax__uk_bands_and_taper(void **state)
{
	(void)state;
	gig_tax_profile p = load("uk-2026");
	gig_tax_estimate e;
	gig_tax_estimate_compute(&p, 6000000, &e);
	assert_int_equal(e.allowance_minor, 1257000);
	assert_int_equal(e.income_tax_minor, 1143200);
	assert_int_equal(e.social_minor, 245660);
	gig_tax_estimate_compute(&p, 11000000, &e);
	assert_int_equal(e.allowance_minor, 757000);
	assert_int_equal(e.income_tax_minor, 3343200);
	/* inside the taper the marginal rate is 40 % x 1.5 + 2 % = 62 % */
	assert_int_equal(e.marginal_ppm, 620000);
	gig_tax_estimate_compute(&p, 15000000, &e);
	assert_int_equal(e.allowance_minor, 0);
	assert_int_equal(e.income_tax_minor, 5370300);
	/* the tax year starts on 6 April */
	assert_int_equal(gig_tax_year_of(&p, d("2026-04-05")), 2025);
	assert_int_equal(gig_tax_year_of(&p, d("2026-04-06")), 2026);
	/* a payment on 31 July is for the year that ended on 5 April; 1 August is not */
	assert_int_equal(gig_tax_payment_year(&p, d("2026-07-31")), 2025);
	assert_int_equal(gig_tax_payment_year(&p, d("2026-08-01")), 2026);
	assert_int_equal(gig_tax_payment_year(&p, d("2027-01-31")), 2026);
}

/*
 * Payments on account (HMRC, "Understand your Self Assessment tax bill"): a bill of
 * 40,000 last year gives two payments on account of 20,000 (31 January in the year, 31
 * July after it).  A first year (no payments on account) with a bill of 40,000 gives
 * on the January after it the whole bill plus the first payment on account of the next
 * year: 60,000, 150 % of the bill.  Under 1,000 last year: none.
 */
static void
test_tax__uk_payments_on_account(void **state)
{
	(void)state;
	gig_tax_profile p = load("uk-2026");
	gig_tax_payment pay[GIG_TAX_MAX_DUE + 1];
	size_t n = gig_tax_payments_for_year(&p, 2026, 4000000, true, 4000000, NULL, pay);
	assert_int_equal(n, 4);
	assert_int_equal(pay[0].due, d("2027-01-31"));
	assert_int_equal(pay[0].amount_minor, 2000000);
	assert_int_equal(pay[1].due, d("2027-07-31"));
	assert_int_equal(pay[1].amount_minor, 2000000);
	assert_int_equal(pay[2].due, d("2028-01-31"));
	assert_int_equal(pay[2].amount_minor, 0); /* the bill was paid on account */
	assert_int_equal(pay[3].amount_minor, 2000000);

	n = gig_tax_payments_for_year(&p, 2026, 4000000, false, 0, NULL, pay);
	assert_int_equal(pay[0].amount_minor + pay[1].amount_minor, 0);
	assert_int_equal(pay[2].due, pay[3].due);
	assert_int_equal(pay[2].amount_minor + pay[3].amount_minor, 6000000);

	n = gig_tax_payments_for_year(&p, 2026, 4000000, true, 99999, NULL, pay);
	assert_int_equal(pay[0].amount_minor, 0);
	assert_int_equal(pay[2].amount_minor, 4000000);
	n = gig_tax_payments_for_year(&p, 2026, 4000000, true, 100000, NULL, pay);
	assert_int_equal(pay[0].amount_minor, 50000);
	(void)n;
}

/* Germany: quarterly Vorauszahlungen of last year's tax (§ 37 EStG), none under 400. */
static void
test_tax__de_prepayments(void **state)
{
	(void)state;
	gig_tax_profile p = load("de-2026");
	gig_tax_payment pay[GIG_TAX_MAX_DUE + 1];
	size_t n = gig_tax_payments_for_year(&p, 2026, 900000, true, 1000001, NULL, pay);
	assert_int_equal(n, 4);
	assert_int_equal(pay[0].due, d("2026-03-10"));
	assert_int_equal(pay[3].due, d("2026-12-10"));
	assert_int_equal(pay[0].amount_minor, 250000);
	assert_int_equal(pay[3].amount_minor, 250001);
	n = gig_tax_payments_for_year(&p, 2026, 900000, true, 39999, NULL, pay);
	assert_int_equal(pay[0].amount_minor, 0);
	/* no assessment yet: this year's estimate */
	n = gig_tax_payments_for_year(&p, 2026, 900000, false, 0, NULL, pay);
	assert_int_equal(pay[1].amount_minor, 225000);
}

/* ---- properties ------------------------------------------------------------------- */

/* Tax never decreases as profit rises, for every shipped profile. */
static void
test_tax__monotone(void **state)
{
	(void)state;
	const char *names[] = {"flat", "us-federal-2026", "uk-2026", "de-2026", "de-2026-ksk"};
	for (size_t i = 0; i < G_N_ELEMENTS(names); i++) {
		gig_tax_profile p = load(names[i]);
		int64_t prev = gig_tax_total(&p, -100000);
		assert_int_equal(prev, 0);
		/* fine steps through the bands, then coarse ones to a million */
		for (int64_t x = 0; x < 100000000; x += x < 30000000 ? 1733 : 99991) {
			int64_t t = gig_tax_total(&p, x);
			if (t < prev)
				fail_msg("%s: tax %lld at %lld below %lld just before", names[i],
				         (long long)t, (long long)x, (long long)prev);
			if (t > x && x > 0)
				fail_msg("%s: tax above the profit at %lld", names[i],
				         (long long)x);
			prev = t;
		}
	}
}

/* The flat profile takes its rate from tax.rate, then tax_rate_bp, then 25 %. */
static void
test_tax__flat_settings(void **state)
{
	(void)state;
	gig_test_ledger *t = gig_test_ledger_new("EUR");
	const char *dirs[] = {"../tax", NULL};
	gig_tax_profile p;
	g_autoptr(GError) error = NULL;
	bool ok = gig_tax_profile_from_settings(&p, t->ledger, dirs, &error);
	gig_assert_ok(ok, error);
	assert_int_equal(p.flat_ppm, 250000);
	/* ceil(25 % x 0.03) = 0.01 */
	assert_int_equal(gig_tax_total(&p, 3), 1);
	ok = gig_ledger_setting_set(t->ledger, "tax_rate_bp", "3000", &error);
	gig_assert_ok(ok, error);
	ok = gig_tax_profile_from_settings(&p, t->ledger, dirs, &error);
	gig_assert_ok(ok, error);
	assert_int_equal(p.flat_ppm, 300000);
	ok = gig_ledger_setting_set(t->ledger, "tax.rate", "27.5", &error);
	gig_assert_ok(ok, error);
	ok = gig_tax_profile_from_settings(&p, t->ledger, dirs, &error);
	gig_assert_ok(ok, error);
	assert_int_equal(p.flat_ppm, 275000);
	const char *bad[] = {"-5", "101", "abc", "1.00001", ""};
	for (size_t i = 0; i < G_N_ELEMENTS(bad); i++) {
		ok = gig_ledger_setting_set(t->ledger, "tax.rate", bad[i], &error);
		gig_assert_ok(ok, error);
		ok = gig_tax_profile_from_settings(&p, t->ledger, dirs, &error);
		gig_assert_error(ok, error, GIG_ERROR_INVALID_INPUT);
		g_clear_error(&error);
	}
	ok = gig_ledger_setting_set(t->ledger, "tax.rate", "25", &error);
	gig_assert_ok(ok, error);
	ok = gig_ledger_setting_set(t->ledger, "tax.profile", "nowhere-2026", &error);
	gig_assert_ok(ok, error);
	ok = gig_tax_profile_from_settings(&p, t->ledger, dirs, &error);
	gig_assert_error(ok, error, GIG_ERROR_NOT_FOUND);
	g_clear_error(&error);
	ok = gig_ledger_setting_set(t->ledger, "tax.profile", "../etc/x", &error);
	gig_assert_ok(ok, error);
	ok = gig_tax_profile_from_settings(&p, t->ledger, dirs, &error);
	gig_assert_error(ok, error, GIG_ERROR_INVALID_INPUT);
	g_clear_error(&error);
	ok = gig_ledger_setting_set(t->ledger, "tax.profile", "uk-2026", &error);
	gig_assert_ok(ok, error);
	ok = gig_tax_profile_from_settings(&p, t->ledger, dirs, &error);
	gig_assert_ok(ok, error);
	assert_string_equal(p.name, "uk-2026");
	gig_test_ledger_free(t);
}

/* ---- the loader's refusals ---------------------------------------------------------- */

static const char good[] = "[profile]\nname=t\n[income_tax]\nschedule=brackets\n"
                           "brackets=0:10;1000:20\n";

static void
expect_refused(const char *dir, const char *text, const char *want)
{
	g_autofree char *path = g_build_filename(dir, "t.ini", NULL);
	g_autoptr(GError) error = NULL;
	bool ok = g_file_set_contents(path, text, -1, &error);
	gig_assert_ok(ok, error);
	gig_tax_profile p;
	ok = gig_tax_profile_load_file(&p, path, &error);
	gig_assert_error(ok, error, GIG_ERROR_INVALID_INPUT);
	if (strstr(error->message, want) == NULL || strstr(error->message, path) == NULL)
		fail_msg("'%s' does not say '%s' and the file", error->message, want);
}

static void
test_tax__loader_refusals(void **state)
{
	(void)state;
	g_autofree char *dir = g_dir_make_tmp("gigtax-XXXXXX", NULL);
	assert_non_null(dir);
	g_autofree char *path = g_build_filename(dir, "t.ini", NULL);
	g_autoptr(GError) error = NULL;
	gig_tax_profile p;
	/* missing file */
	bool ok = gig_tax_profile_load_file(&p, path, &error);
	gig_assert_error(ok, error, GIG_ERROR_NOT_FOUND);
	g_clear_error(&error);
	/* the good one loads */
	ok = g_file_set_contents(path, good, -1, &error);
	gig_assert_ok(ok, error);
	ok = gig_tax_profile_load_file(&p, path, &error);
	gig_assert_ok(ok, error);
	assert_int_equal(gig_tax_total(&p, 200000), 10000 + 20000);
	/* grouped thousands are read exactly */
	ok = g_file_set_contents(path,
	                         "[profile]\n[income_tax]\nschedule=brackets\n"
	                         "brackets=0:10;12,400.50:20;1,000,000:30\n",
	                         -1, &error);
	gig_assert_ok(ok, error);
	ok = gig_tax_profile_load_file(&p, path, &error);
	gig_assert_ok(ok, error);
	assert_int_equal(p.brackets[1].from_minor, 1240050);
	assert_int_equal(p.brackets[2].from_minor, 100000000);

	expect_refused(dir, "[profile]\nname=t\n[income_tax]\nschedule=brackets\nbracket=0:1\n",
	               "[income_tax] bracket: unknown key");
	expect_refused(dir, "[profile]\n[income]\nschedule=flat\n", "[income]: unknown group");
	expect_refused(dir, "[profile]\n[income_tax]\nschedule=flat\nrate=-5\n",
	               "[income_tax] rate: '-5' is not a percentage");
	expect_refused(dir, "[profile]\n[income_tax]\nschedule=flat\nrate=100.5\n",
	               "[income_tax] rate:");
	expect_refused(dir, "[profile]\n[income_tax]\nschedule=brackets\nbrackets=0:10;1,2:20\n",
	               "bracket 2 '1,2:20'");
	expect_refused(dir,
	               "[profile]\n[income_tax]\nschedule=brackets\nbrackets=0:10;12,40,0:20\n",
	               "bracket 2");
	expect_refused(dir, "[profile]\n[income_tax]\nschedule=flat\nrate=1\nallowance=1.234\n",
	               "[income_tax] allowance: '1.234'");
	expect_refused(dir, "[profile]\n[income_tax]\nschedule=brackets\nbrackets=0:10;0:20\n",
	               "bracket 2 starts at or below");
	expect_refused(dir, "[profile]\n[income_tax]\nschedule=brackets\nbrackets=5:10\n",
	               "the first bracket must start at 0");
	expect_refused(dir, "[profile]\n[income_tax]\nschedule=brackets\nbrackets=0:-10\n",
	               "bracket 1 '0:-10'");
	expect_refused(dir, "[profile]\n[income_tax]\nschedule=steps\n", "[income_tax] schedule:");
	expect_refused(dir, "[profile]\nyear_start=02-30\n[income_tax]\nschedule=flat\nrate=1\n",
	               "[profile] year_start: '02-30'");
	expect_refused(dir, "[profile]\nyear_start=13-01\n[income_tax]\nschedule=flat\nrate=1\n",
	               "[profile] year_start:");
	expect_refused(dir,
	               "[profile]\n[income_tax]\nschedule=flat\nrate=1\n[payments]\nmethod=uk\n"
	               "due=01-31;07-32;01-31\n",
	               "[payments] due: date 2 '07-32'");
	expect_refused(dir,
	               "[profile]\n[income_tax]\nschedule=flat\nrate=1\n[payments]\nmethod=us\n"
	               "due=04-15\n",
	               "method=us needs 4 due dates");
	expect_refused(dir, "[profile]\n[income_tax]\nschedule=zones\nzones=0:0:0:1:1:1\n",
	               "zone 1");
	expect_refused(dir, "[profile]\ncurrency=EURO\n[income_tax]\nschedule=flat\nrate=1\n",
	               "[profile] currency:");
	expect_refused(dir, "[profile]\n[income_tax]\nschedule=flat\n", "needs a rate");
	expect_refused(dir, "[profile]\n[income_tax]\nschedule=flat\nrate=1\n[social]\nbase=92\n",
	               "[social] brackets");
	expect_refused(dir, "[income_tax]\nschedule=flat\nrate=1\n", "[profile] is missing");
	expect_refused(dir, "not a key file\n", "t.ini");
	g_unlink(path);
	g_rmdir(dir);
}

/* A user's directory listed first overrides the shipped file of the same name. */
static void
test_tax__user_override(void **state)
{
	(void)state;
	g_autofree char *dir = g_dir_make_tmp("gigtax-XXXXXX", NULL);
	g_autofree char *path = g_build_filename(dir, "uk-2026.ini", NULL);
	g_autoptr(GError) error = NULL;
	bool ok = g_file_set_contents(
	    path, "[profile]\nname=mine\n[income_tax]\nschedule=flat\nrate=10\n", -1, &error);
	gig_assert_ok(ok, error);
	const char *dirs[] = {dir, "../tax", NULL};
	gig_tax_profile p;
	ok = gig_tax_profile_load(&p, "uk-2026", dirs, &error);
	gig_assert_ok(ok, error);
	assert_string_equal(p.name, "mine");
	assert_int_equal(gig_tax_total(&p, 100000), 10000);
	ok = gig_tax_profile_load(&p, "us-federal-2026", dirs, &error);
	gig_assert_ok(ok, error);
	assert_string_equal(p.currency, "USD");
	g_unlink(path);
	g_rmdir(dir);
}

/* ---- the tax year of a ledger ------------------------------------------------------ */

static void
txn(gig_test_ledger *t, const char *account, const char *on, int64_t amount, const char *category,
    const char *payee)
{
	gig_txn_spec spec = {.account = account,
	                     .posted_on = d(on),
	                     .amount_minor = amount,
	                     .payee = payee,
	                     .category = category};
	g_autoptr(GError) error = NULL;
	bool ok = gig_ledger_txn_add(t->ledger, &spec, NULL, &error);
	gig_assert_ok(ok, error);
}

static gig_tax_year
year_of(gig_test_ledger *t, const gig_tax_profile *p, int year, const char *as_of)
{
	gig_tax_year y;
	g_autoptr(GError) error = NULL;
	bool ok = gig_tax_year_build(t->ledger, p, NULL, year, d(as_of), &y, &error);
	gig_assert_ok(ok, error);
	return y;
}

/*
 * Payments are attributed to the year they are for: the US 15 January installment to
 * the year before, a payment naming its year ("EST 2024 NACHZAHLUNG") to that year,
 * anything else to the year it falls in.  Transfers into the reserve are neither
 * income nor payments; the reserve counts its opening balance.
 */
static void
test_tax__year_attribution(void **state)
{
	(void)state;
	gig_test_ledger *t = gig_test_ledger_new("USD");
	gig_test_account(t, "Checking", GIG_ACCOUNT_CHECKING, 0);
	gig_test_account(t, "Pot", GIG_ACCOUNT_TAX_RESERVE, 5000);
	txn(t, "Checking", "2026-02-01", 1000000, "Income: Mixing", "Client");
	txn(t, "Checking", "2026-04-15", -100000, "Taxes", "IRS USATAXPYMT");
	txn(t, "Checking", "2027-01-15", -200000, "Taxes", "IRS USATAXPYMT");
	txn(t, "Checking", "2027-02-01", -30000, "Taxes", "IRS 2025 balance due");
	txn(t, "Checking", "2026-05-01", -70000, "Transfer", "to pot");
	txn(t, "Pot", "2026-05-01", 70000, "Transfer", "from checking");
	txn(t, "Checking", "2026-06-01", -20000, "Gear", "Thomann");
	txn(t, "Checking", "2026-06-02", -20000, "Rent", "Landlord");
	gig_tax_profile p = load("us-federal-2026");
	gig_tax_year y = year_of(t, &p, 2026, "2027-03-01");
	assert_int_equal(y.income_minor, 1000000);
	assert_int_equal(y.deductible_minor, 20000);
	assert_int_equal(y.profit_minor, 980000);
	/* April 2026 + January 2027; the 2027 payment naming 2025 is 2025's */
	assert_int_equal(y.paid_minor, 300000);
	assert_int_equal(y.reserve_minor, 75000);
	assert_int_equal(y.cum_profit_minor[0], 1000000);
	assert_int_equal(y.cum_profit_minor[3], 980000);
	gig_tax_year prev = year_of(t, &p, 2025, "2027-03-01");
	assert_int_equal(prev.paid_minor, 30000);
	/* as of 2026-03-01 the April payment has not happened yet */
	y = year_of(t, &p, 2026, "2026-03-01");
	assert_int_equal(y.paid_minor, 0);
	assert_int_equal(y.owed_minor, y.estimate.total_minor - 5000);
	/* a year out of range */
	gig_tax_year bad;
	g_autoptr(GError) error = NULL;
	bool ok = gig_tax_year_build(t->ledger, &p, NULL, 10000, d("2026-01-01"), &bad, &error);
	gig_assert_error(ok, error, GIG_ERROR_INVALID_INPUT);
	gig_test_ledger_free(t);
}

/*
 * Properties over a year of receipts: the set-asides sum exactly to the year's
 * estimate (each is the rise of the estimate it makes), a deductible expense never
 * raises the estimate, and the cover by transfers to the reserve goes to the first
 * receipts first.
 */
static void
test_tax__set_aside_properties(void **state)
{
	(void)state;
	const char *names[] = {"flat", "us-federal-2026", "uk-2026", "de-2026"};
	for (size_t k = 0; k < G_N_ELEMENTS(names); k++) {
		gig_test_ledger *t = gig_test_ledger_new("EUR");
		gig_test_account(t, "Checking", GIG_ACCOUNT_CHECKING, 0);
		gig_test_account(t, "Pot", GIG_ACCOUNT_TAX_RESERVE, 0);
		gig_tax_profile p = load(names[k]);
		GRand *rng = g_rand_new_with_seed(42);
		for (int m = 0; m < 12; m++) {
			for (int i = 0; i < 3; i++) {
				char on[16];
				g_snprintf(on, sizeof on, "2026-%02d-%02d", m + 1, 3 + 9 * i);
				int64_t amount = g_rand_int_range(rng, 10000, 1200000);
				txn(t, "Checking", on, amount, "Income: Mixing", "Client");
			}
			char on[16];
			g_snprintf(on, sizeof on, "2026-%02d-25", m + 1);
			gig_tax_year before = year_of(t, &p, 2026, "2026-12-31");
			txn(t, "Checking", on, -g_rand_int_range(rng, 1000, 300000), "Gear",
			    "Shop");
			gig_tax_year after = year_of(t, &p, 2026, "2026-12-31");
			if (after.estimate.total_minor > before.estimate.total_minor)
				fail_msg("%s: a deductible expense raised the tax", names[k]);
		}
		g_rand_free(rng);
		/* the UK year 2025/26 (to 5 April 2026) holds January to March of these */
		int year = strcmp(names[k], "uk-2026") == 0 ? 2025 : 2026;
		gig_tax_year y = year_of(t, &p, year, "2026-12-31");
		gig_tax_receipt *r = NULL;
		size_t n = 0;
		g_autoptr(GError) error = NULL;
		bool ok =
		    gig_tax_receipts(t->ledger, &p, NULL, year, d("2026-12-31"), &r, &n, &error);
		gig_assert_ok(ok, error);
		int64_t sum = 0;
		for (size_t i = 0; i < n; i++)
			sum += r[i].set_aside_minor;
		/*
		 * The expenses came between the receipts, so the sum of the rises lies between
		 * the year's estimate and the tax on the income alone, within rounding: one
		 * rounding step (a cent, a euro under § 32a) per expense.
		 */
		gig_tax_estimate e;
		gig_tax_estimate_compute(&p, y.income_minor, &e);
		if (sum < y.estimate.total_minor || sum > e.total_minor + 12 * 100)
			fail_msg("%s: set-asides %lld outside [estimate %lld, tax on income %lld]",
			         names[k], (long long)sum, (long long)y.estimate.total_minor,
			         (long long)e.total_minor);
		gig_tax_receipts_free(r, n);
		gig_test_ledger_free(t);
	}

	/* income alone: the set-asides sum exactly to the estimate; the cover is FIFO */
	gig_test_ledger *t = gig_test_ledger_new("EUR");
	gig_test_account(t, "Checking", GIG_ACCOUNT_CHECKING, 0);
	gig_test_account(t, "Pot", GIG_ACCOUNT_TAX_RESERVE, 0);
	gig_tax_profile p = load("de-2026");
	const int64_t amounts[] = {1500000, 40000, 2300000, 999999, 4100000};
	for (size_t i = 0; i < G_N_ELEMENTS(amounts); i++) {
		char on[16];
		g_snprintf(on, sizeof on, "2026-%02zu-10", 2 * i + 1);
		txn(t, "Checking", on, amounts[i], "Income: Mixing", "Client");
	}
	txn(t, "Pot", "2026-12-01", 100000, "Transfer", "from checking");
	gig_tax_year y = year_of(t, &p, 2026, "2026-12-31");
	gig_tax_receipt *r = NULL;
	size_t n = 0;
	g_autoptr(GError) error = NULL;
	bool ok = gig_tax_receipts(t->ledger, &p, NULL, 2026, d("2026-12-31"), &r, &n, &error);
	gig_assert_ok(ok, error);
	assert_int_equal(n, 5);
	int64_t sum = 0;
	for (size_t i = 0; i < n; i++)
		sum += r[i].set_aside_minor;
	assert_int_equal(sum, y.estimate.total_minor);
	/* the 1,000.00 moved into the reserve covers the first receipts first */
	int64_t cover = 100000,
	        want_first = r[0].set_aside_minor > cover ? r[0].set_aside_minor - cover : 0;
	assert_int_equal(r[0].uncovered_minor, want_first);
	assert_int_equal(r[n - 1].uncovered_minor, r[n - 1].set_aside_minor);
	/* gig_tax_set_aside_txn agrees with the list, and is 0 for a non-income row */
	int64_t one = -1, marginal = 0;
	int ty = 0;
	bool income = false;
	ok = gig_tax_set_aside_txn(t->ledger, &p, r[2].txn_id, &one, &marginal, &ty, &income,
	                           &error);
	gig_assert_ok(ok, error);
	assert_true(income);
	assert_int_equal(ty, 2026);
	assert_int_equal(one, r[2].set_aside_minor);
	assert_int_equal(marginal, r[2].marginal_ppm);
	gig_tax_receipts_free(r, n);
	ok = gig_tax_set_aside_txn(t->ledger, &p, 6, &one, NULL, NULL, &income, &error);
	gig_assert_ok(ok, error);
	assert_false(income);
	assert_int_equal(one, 0);
	ok = gig_tax_set_aside_txn(t->ledger, &p, 999, &one, NULL, NULL, &income, &error);
	gig_assert_error(ok, error, GIG_ERROR_NOT_FOUND);
	gig_test_ledger_free(t);
}

/*
 * The set-aside an import asks for covers the batch's latest tax year only: a file
 * with a 2025 receipt of 1,000.00 and a 2026 one of 400.00 under the flat 25 %
 * asks for 25 % of 400.00 = 100.00, from one receipt (before: 350.00 from two,
 * every year of an imported history re-estimated).
 */
static void
test_tax__batch_set_aside_latest_year(void **state)
{
	(void)state;
	gig_test_ledger *t = gig_test_ledger_new("EUR");
	gig_test_account(t, "Checking", GIG_ACCOUNT_CHECKING, 0);
	g_autofree char *csv = imp_write(t, "two-years.csv",
	                                 "Date,Description,Amount\n"
	                                 "2025-06-01,Client A,1000.00\n"
	                                 "2026-03-01,Client B,400.00\n",
	                                 -1);
	gig_import_options o = imp_opts("Checking");
	g_autoptr(gig_import_result) r = imp_run(t, csv, &o);
	assert_int_equal(r->inserted, 2);
	gig_tax_profile p;
	gig_tax_profile_flat(&p, 250000);
	int64_t total = -1;
	size_t n = 0;
	g_autoptr(GError) e = NULL;
	bool ok = gig_tax_batch_set_aside(t->ledger, &p, r->batch_id, &total, &n, &e);
	gig_assert_ok(ok, e);
	assert_int_equal(n, 1);
	assert_int_equal(total, 10000);
	gig_test_ledger_free(t);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_tax__de_grundtarif),
	    cmocka_unit_test(test_tax__us_self_employment),
	    cmocka_unit_test(test_tax__us_safe_harbour),
	    cmocka_unit_test(test_tax__us_annualised),
	    cmocka_unit_test(test_tax__uk_bands_and_taper),
	    cmocka_unit_test(test_tax__uk_payments_on_account),
	    cmocka_unit_test(test_tax__de_prepayments),
	    cmocka_unit_test(test_tax__monotone),
	    cmocka_unit_test(test_tax__flat_settings),
	    cmocka_unit_test(test_tax__loader_refusals),
	    cmocka_unit_test(test_tax__user_override),
	    cmocka_unit_test(test_tax__year_attribution),
	    cmocka_unit_test(test_tax__set_aside_properties),
	    cmocka_unit_test(test_tax__batch_set_aside_latest_year),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
