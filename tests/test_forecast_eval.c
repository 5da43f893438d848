/*
 * test_forecast_eval.c: the censoring-aware count of the forecast evaluation harness
 * worked by hand (always), and the short version of the harness (bench/forecast_eval.c)
 * behind GIG_TEST_LONG=1 (otherwise that test is skipped).  It scores the default runway model on 1,800 simulated producers
 * of two held-out seeds (16 and 17, used by no other figure) against the futures they
 * lived, and checks the calibration the model is documented to have (forecast.h,
 * gig_runway_bootstrap), counted with censoring at the horizon (forecast_sim.c,
 * below_censored): realised runway inside P10-P90 for 80 % +- 4, below the P50 for
 * 50 % +- 4, each tail 10 % +- 4; per class (450 producers each, a sampling sd of about
 * 2 points on the coverage) inside P10-P90 for 80 % +- 7.  The plain bootstrap fails
 * the same check (checked below), so the test can tell the two apart.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "../bench/forecast_sim.h"
#include "gigledger/forecast.h"

static bool plain_model;

static int
eval_runway(const double *net, size_t n, double cash0, uint32_t paths, uint64_t seed,
            sim_runway_out *out)
{
	gig_runway_options opt = GIG_RUNWAY_OPTIONS_INIT;
	gig_runway_result res;

	opt.paths = paths;
	opt.seed = seed;
	opt.draw_mean = !plain_model;
	if (!gig_runway_bootstrap(net, n, cash0, &opt, &res))
		return 0;
	out->q[0] = res.p10;
	out->q[1] = res.p50;
	out->q[2] = res.p90;
	for (size_t i = 0; i < 3; i++)
		out->ruin[i] = res.prob_ruin_within[i];
	out->ruin_h = 1 - res.censored_fraction;
	return 1;
}

static int
eval_choose(const double *y, size_t n, double *fc)
{
	gig_forecast_choice ch;

	if (!gig_forecast_choose(y, n, &ch))
		return 0;
	memcpy(fc, ch.forecast, 12 * sizeof(double));
	return 1;
}

static void
score(bool plain, sim_summary *s)
{
	enum { PRODUCERS = 900, SEEDS = 2 };
	sim_model model = {"test", eval_choose, eval_runway, plain ? 0 : 1};
	sim_record *rec = malloc(SEEDS * PRODUCERS * sizeof(*rec));

	assert_non_null(rec);
	plain_model = plain;
	for (size_t k = 0; k < SEEDS; k++)
		sim_evaluate(&model, 16 + k, PRODUCERS, 1000, rec + k * PRODUCERS);
	sim_summarise(rec, SEEDS * PRODUCERS, s);
	free(rec);
}

static void
test_forecast_eval__default_model_is_calibrated(void **state)
{
	sim_summary s;

	(void)state;
	score(false, &s);
	print_message("default: inside %.3f below %.3f above %.3f below P50 %.3f gap %.3f\n",
	              s.c_inside[SIM_CLASSES], s.c_below[SIM_CLASSES], s.c_above[SIM_CLASSES],
	              s.c_below_p50[SIM_CLASSES], s.worst_bin_gap);
	assert_true(fabs(s.c_inside[SIM_CLASSES] - 0.80) <= 0.04);
	assert_true(fabs(s.c_below_p50[SIM_CLASSES] - 0.50) <= 0.04);
	assert_true(fabs(s.c_below[SIM_CLASSES] - 0.10) <= 0.04);
	assert_true(fabs(s.c_above[SIM_CLASSES] - 0.10) <= 0.04);
	for (size_t k = 0; k < SIM_CLASSES; k++) {
		print_message("  %-12s inside %.3f\n", sim_class_name((sim_class)k), s.c_inside[k]);
		assert_true(fabs(s.c_inside[k] - 0.80) <= 0.07);
	}
	score(true, &s);
	print_message("plain:   inside %.3f below P50 %.3f\n", s.c_inside[SIM_CLASSES],
	              s.c_below_p50[SIM_CLASSES]);
	assert_false(fabs(s.c_inside[SIM_CLASSES] - 0.80) <= 0.04);
}

static sim_record
record(sim_class cls, double q10, double q50, double q90, double ruin_h, double realised)
{
	sim_record r;

	memset(&r, 0, sizeof(r));
	r.cls = cls;
	r.n = 36;
	for (size_t m = 0; m <= SIM_METHODS; m++)
		r.rmsse6[m] = r.rmsse12[m] = NAN;
	r.q[0] = q10;
	r.q[1] = q50;
	r.q[2] = q90;
	r.ruin_h = ruin_h;
	r.realised = realised;
	return r;
}

/*
 * The censoring-aware count (forecast_sim.c, below_censored) by hand, H = 120:
 *  A smooth, quantiles 120/120/120, 5 % of paths out within H, solvent after H: every
 *    comparison is unknown and counts at (alpha - 0.05) / 0.95: below P10 1/19, below
 *    P50 9/19, below P90 17/19, so inside 16/19 and above 2/19;
 *  B smooth, 10/20/120, 50 % out within H, solvent: known above P10 and P50 (0, 0),
 *    P90 unknown: (0.9 - 0.5) / 0.5 = 0.8, so inside 0.8, above 0.2;
 *  C intermittent, 3/6/120, 85 % out, out at 50: above P50, below a P90 at the
 *    horizon (1): inside;
 *  D intermittent, 3/6/9, all out, out at 2: below P10.
 * Smooth: below (1/19 + 0) / 2, inside (16/19 + 0.8) / 2, above (2/19 + 0.2) / 2,
 * below P50 (9/19) / 2, censored 1; intermittent: below 1/2, inside 1/2, above 0,
 * below P50 1/2, censored 0; overall below (1/19 + 1) / 4, above (2/19 + 0.2) / 4.
 * The plain count calls A and B inside (a tie at 120 is not "above"): smooth 100 %.
 */
static void
test_forecast_eval__censoring_by_hand(void **state)
{
	sim_record rec[4];
	sim_summary s;

	(void)state;
	rec[0] = record(SIM_SMOOTH, 120, 120, 120, 0.05, 120);
	rec[1] = record(SIM_SMOOTH, 10, 20, 120, 0.5, 120);
	rec[2] = record(SIM_INTERMITTENT, 3, 6, 120, 0.85, 50);
	rec[3] = record(SIM_INTERMITTENT, 3, 6, 9, 1, 2);
	sim_summarise(rec, 4, &s);
	assert_true(fabs(s.c_below[SIM_SMOOTH] - (1.0 / 19) / 2) < 1e-12);
	assert_true(fabs(s.c_inside[SIM_SMOOTH] - (16.0 / 19 + 0.8) / 2) < 1e-12);
	assert_true(fabs(s.c_above[SIM_SMOOTH] - (2.0 / 19 + 0.2) / 2) < 1e-12);
	assert_true(fabs(s.c_below_p50[SIM_SMOOTH] - (9.0 / 19) / 2) < 1e-12);
	assert_true(s.censored[SIM_SMOOTH] == 1);
	assert_true(fabs(s.c_below[SIM_INTERMITTENT] - 0.5) < 1e-12);
	assert_true(fabs(s.c_inside[SIM_INTERMITTENT] - 0.5) < 1e-12);
	assert_true(fabs(s.c_above[SIM_INTERMITTENT]) < 1e-12);
	assert_true(fabs(s.c_below_p50[SIM_INTERMITTENT] - 0.5) < 1e-12);
	assert_true(s.censored[SIM_INTERMITTENT] == 0);
	assert_true(fabs(s.c_below[SIM_CLASSES] - (1.0 / 19 + 1) / 4) < 1e-12);
	assert_true(fabs(s.c_above[SIM_CLASSES] - (2.0 / 19 + 0.2) / 4) < 1e-12);
	assert_true(s.inside[SIM_SMOOTH] == 1);
	assert_int_equal(s.count[SIM_CLASSES], 4);
}

static bool
long_tests(void)
{
	return getenv("GIG_TEST_LONG") != NULL && strcmp(getenv("GIG_TEST_LONG"), "1") == 0;
}

static void
test_forecast_eval__long(void **state)
{
	if (!long_tests()) {
		print_message("set GIG_TEST_LONG=1 to run the evaluation\n");
		skip();
	}
	test_forecast_eval__default_model_is_calibrated(state);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_forecast_eval__censoring_by_hand),
	    cmocka_unit_test(test_forecast_eval__long),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
