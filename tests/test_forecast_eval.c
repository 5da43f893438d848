/*
 * test_forecast_eval.c: the short version of the forecast evaluation harness
 * (bench/forecast_eval.c), behind GIG_TEST_LONG=1 (otherwise it exits 77, which ctest
 * reports as skipped).  It scores the default runway model on 1,800 simulated producers
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

int
main(void)
{
	if (getenv("GIG_TEST_LONG") == NULL || strcmp(getenv("GIG_TEST_LONG"), "1") != 0) {
		printf("set GIG_TEST_LONG=1 to run\n");
		return 77;
	}
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_forecast_eval__default_model_is_calibrated),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
