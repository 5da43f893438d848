/*
 * forecast_eval.c: the forecast evaluation harness.  Simulated producers
 * (forecast_sim.c) are forecast from their history and scored against the future
 * they then lived: RMSSE of the automatic choice and of every fixed method at h = 6
 * and 12, P10/P50/P90 exceedance and P10-P90 coverage of the realised runway (overall,
 * per class, and with censoring at the horizon accounted for; see below_censored() in
 * forecast_sim.c), Brier scores and a reliability table of P(ruin within 3/6/12
 * months).
 *
 * Models ("both" runs old, mean12 and new; "all" every one):
 *   old        the one-step backtest choice and the plain block bootstrap
 *   mean3      the per-path mean drawn in blocks of 3, windfalls left out of the net
 *   mean12     the previous default: the mean in blocks of 12, every payment in the net
 *   corrected  mean12 with the small-sample correction n / (n - Lm), no trend
 *   new        gig_forecast_choose() and gig_runway_bootstrap() with the default
 *              options (corrected, plus the damped per-path trend)
 *   custom     the default options overridden by EV_CORRECTION, EV_DAMPING,
 *              EV_MEAN_BLOCK, EV_BLOCK from the environment
 *
 * Usage: forecast_eval [--seed N | --seeds A-B] [--producers N] [--paths N]
 *                      [--model NAME|both|all]
 * --seeds A-B pools the producers of seeds A..B (A <= B) into one table.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "forecast_sim.h"
#include "gigledger/forecast.h"

static int
old_choose(const double *y, size_t n, double *fc)
{
	gig_forecast_choice ch;

	if (!gig_forecast_choose_one_step(y, n, &ch))
		return 0;
	memcpy(fc, ch.forecast, 12 * sizeof(double));
	return 1;
}

/* The options of the model being evaluated (set before each model's run). */
static void (*current_setup)(gig_runway_options *opt);

static int
runway_with(const double *net, size_t n, double cash0, uint32_t paths, uint64_t seed,
            sim_runway_out *out)
{
	gig_runway_options opt = GIG_RUNWAY_OPTIONS_INIT;
	gig_runway_result res;

	if (current_setup != NULL)
		current_setup(&opt);
	opt.paths = paths;
	opt.seed = seed;
	if (opt.horizon != SIM_FUTURE)
		return 0;
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

static void
old_setup(gig_runway_options *opt)
{
	opt->draw_mean = false;
}

static void
mean3_setup(gig_runway_options *opt)
{
	opt->draw_mean = true;
	opt->mean_block = 3;
	opt->mean_correction = false;
	opt->trend_damping = 0;
}

/* The model of the previous merge: the per-path mean in blocks of 12, no small-sample
 * correction, no trend. */
static void
mean12_setup(gig_runway_options *opt)
{
	opt->mean_correction = false;
	opt->trend_damping = 0;
}

/* The new model without its trend. */
static void
corrected_setup(gig_runway_options *opt)
{
	opt->trend_damping = 0;
}

/* Environment overrides of the default options, to try others without a rebuild:
 * EV_CORRECTION=0|1, EV_DAMPING=phi, EV_MEAN_BLOCK=Lm, EV_BLOCK=L. */
static void
custom_setup(gig_runway_options *opt)
{
	const char *v;

	if ((v = getenv("EV_CORRECTION")) != NULL)
		opt->mean_correction = atoi(v) != 0;
	if ((v = getenv("EV_DAMPING")) != NULL)
		opt->trend_damping = atof(v);
	if ((v = getenv("EV_MEAN_BLOCK")) != NULL)
		opt->mean_block = (uint32_t)atoi(v);
	if ((v = getenv("EV_BLOCK")) != NULL)
		opt->block = (uint32_t)atoi(v);
}

static int
new_choose(const double *y, size_t n, double *fc)
{
	gig_forecast_choice ch;

	if (!gig_forecast_choose(y, n, &ch))
		return 0;
	memcpy(fc, ch.forecast, 12 * sizeof(double));
	return 1;
}

typedef struct {
	sim_model m;
	void (*setup)(gig_runway_options *opt); /* NULL: GIG_RUNWAY_OPTIONS_INIT */
	bool in_both;                           /* run by --model both */
} eval_model;

static const eval_model models[] = {
    {{"old", old_choose, runway_with, 0}, old_setup, true},
    /* the per-path mean in blocks of 3, windfalls left out of the simulation */
    {{"mean3", new_choose, runway_with, 0}, mean3_setup, false},
    /* the previous default: the mean in blocks of 12, every payment in the net */
    {{"mean12", new_choose, runway_with, 1}, mean12_setup, true},
    /* mean12 with the small-sample correction n / (n - Lm), no trend */
    {{"corrected", new_choose, runway_with, 1}, corrected_setup, false},
    /* the default options */
    {{"new", new_choose, runway_with, 1}, NULL, true},
    {{"custom", new_choose, runway_with, 1}, custom_setup, false},
};

static void
print_summary(const sim_model *m, const sim_summary *s, uint64_t seed, uint64_t seed_last,
              uint32_t count, uint32_t paths)
{
	static const char *const h[3] = {"3", "6", "12"};

	if (seed_last > seed)
		printf("== model %s, seeds %llu-%llu, %u producers each, %u paths ==\n", m->name,
		       (unsigned long long)seed, (unsigned long long)seed_last, count, paths);
	else
		printf("== model %s, seed %llu, %u producers, %u paths ==\n", m->name,
		       (unsigned long long)seed, count, paths);
	printf("runway        n    below P10  P10-P90  above P90  below P50\n");
	for (size_t k = 0; k <= SIM_CLASSES; k++)
		printf("%-12s %4zu   %6.1f%%  %6.1f%%   %6.1f%%   %6.1f%%\n",
		       k == SIM_CLASSES ? "overall" : sim_class_name((sim_class)k), s->count[k],
		       100 * s->below[k], 100 * s->inside[k], 100 * s->above[k],
		       100 * s->below_p50[k]);
	printf("with censoring (a comparison beyond the %d-month horizon counts at the model's\n"
	       "conditional probability; see below_censored() in forecast_sim.c):\n",
	       SIM_FUTURE);
	printf("runway        n    below P10  P10-P90  above P90  below P50  censored\n");
	for (size_t k = 0; k <= SIM_CLASSES; k++)
		printf("%-12s %4zu   %6.1f%%  %6.1f%%   %6.1f%%   %6.1f%%   %6.1f%%\n",
		       k == SIM_CLASSES ? "overall" : sim_class_name((sim_class)k), s->count[k],
		       100 * s->c_below[k], 100 * s->c_inside[k], 100 * s->c_above[k],
		       100 * s->c_below_p50[k], 100 * s->censored[k]);
	printf("by history length (with censoring): below P10 / above P90\n"
	       "               18-35 months   36-71 months   72-120 months\n");
	for (size_t k = 0; k <= SIM_CLASSES; k++) {
		printf("%-12s", k == SIM_CLASSES ? "overall" : sim_class_name((sim_class)k));
		for (size_t l = 0; l < SIM_LENGTHS; l++)
			printf("  %5.1f / %5.1f", 100 * s->len_below[l][k],
			       100 * s->len_above[l][k]);
		printf("\n");
	}
	printf("Brier P(ruin within 3/6/12): %.4f %.4f %.4f\n", s->brier[0], s->brier[1],
	       s->brier[2]);
	printf(
	    "reliability     bin          n3  pred   obs |   n6  pred   obs |  n12  pred   obs\n");
	for (size_t b = 0; b < SIM_BINS; b++) {
		printf("  [%4.2f, %4.2f)    ", sim_bin_edges[b],
		       b + 1 == SIM_BINS ? 1.0 : sim_bin_edges[b + 1]);
		for (size_t i = 0; i < 3; i++) {
			if (s->bin_n[i][b] == 0)
				printf(" %4d     -     - |", 0);
			else
				printf(" %4zu %5.3f %5.3f%s|", s->bin_n[i][b], s->bin_pred[i][b],
				       s->bin_obs[i][b],
				       s->bin_n[i][b] >= 30 &&
				               fabs(s->bin_pred[i][b] - s->bin_obs[i][b]) > 0.03
				           ? "*"
				           : " ");
		}
		printf("\n");
	}
	printf("  (* off by more than 3 points with >= 30 producers; horizons %s/%s/%s)\n", h[0],
	       h[1], h[2]);
	printf("worst gap in bins with >= 30: %.3f (3: %.3f, 6: %.3f, 12: %.3f)\n",
	       s->worst_bin_gap, s->worst_gap_at[0], s->worst_gap_at[1], s->worst_gap_at[2]);
	/* how much of each worst gap sampling alone explains: the binomial standard error
	   of the observed share, sqrt(pred (1 - pred) / n) */
	printf("  worst bin per horizon: ");
	for (size_t i = 0; i < 3; i++) {
		size_t wb = SIM_BINS;

		for (size_t b = 0; b < SIM_BINS; b++)
			if (s->bin_n[i][b] >= 30 &&
			    fabs(s->bin_pred[i][b] - s->bin_obs[i][b]) == s->worst_gap_at[i])
				wb = b;
		if (wb == SIM_BINS) {
			printf("%s: -  ", h[i]);
			continue;
		}
		double pr = s->bin_pred[i][wb];
		double se = sqrt(pr * (1 - pr) / (double)s->bin_n[i][wb]);

		printf("%s: n %zu, 1 se %.3f  ", h[i], s->bin_n[i][wb], se);
	}
	printf("\n");
	printf(
	    "RMSSE              n   mean6  med6  mean12 med12 | auto on same set: mean6 mean12\n");
	for (size_t i = 0; i <= SIM_METHODS; i++)
		printf("%-16s %4zu  %6.3f %5.3f  %6.3f %5.3f |                  %6.3f %6.3f%s\n",
		       i == 0 ? "auto" : sim_method_names[i - 1], s->scored[i], s->mean6[i],
		       s->median6[i], s->mean12[i], s->median12[i], s->auto6[i], s->auto12[i],
		       i > 0 && (s->auto6[i] >= s->mean6[i] || s->auto12[i] >= s->mean12[i])
		           ? "  <- auto not better"
		           : "");
	printf("\n");
}

int
main(int argc, char **argv)
{
	uint64_t seed = 1, seed_last = 0;
	uint32_t count = 900, paths = 2000;
	const char *which = "both";

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--seed") == 0 && i + 1 < argc)
			seed = strtoull(argv[++i], NULL, 10);
		else if (strcmp(argv[i], "--seeds") == 0 && i + 1 < argc) {
			char *end;

			seed = strtoull(argv[++i], &end, 10);
			seed_last = *end == '-' ? strtoull(end + 1, &end, 10) : 0;
			if (*end != '\0' || seed_last < seed) {
				fprintf(stderr, "forecast_eval: --seeds wants A-B with A <= B\n");
				return 2;
			}
		} else if (strcmp(argv[i], "--producers") == 0 && i + 1 < argc)
			count = (uint32_t)strtoul(argv[++i], NULL, 10);
		else if (strcmp(argv[i], "--paths") == 0 && i + 1 < argc)
			paths = (uint32_t)strtoul(argv[++i], NULL, 10);
		else if (strcmp(argv[i], "--model") == 0 && i + 1 < argc)
			which = argv[++i];
		else {
			fprintf(stderr,
			        "usage: forecast_eval [--seed N | --seeds A-B] "
			        "[--producers N] [--paths N] "
			        "[--model old|mean3|mean12|corrected|new|custom|both|all]\n");
			return 2;
		}
	}
	if (count == 0 || paths == 0) {
		fprintf(stderr, "forecast_eval: --producers and --paths must be positive\n");
		return 2;
	}
	if (seed_last < seed)
		seed_last = seed;
	size_t sets = (size_t)(seed_last - seed + 1), total = sets * count;
	sim_record *rec = malloc(total * sizeof(*rec));
	sim_summary s;

	if (rec == NULL)
		return 1;
	for (size_t m = 0; m < sizeof(models) / sizeof(models[0]); m++) {
		bool both = strcmp(which, "both") == 0 && models[m].in_both;

		if (!both && strcmp(which, "all") != 0 && strcmp(which, models[m].m.name) != 0)
			continue;
		current_setup = models[m].setup;
		for (size_t k = 0; k < sets; k++)
			sim_evaluate(&models[m].m, seed + k, count, paths, rec + k * count);
		sim_summarise(rec, total, &s);
		print_summary(&models[m].m, &s, seed, seed_last, count, paths);
	}
	free(rec);
	return 0;
}
