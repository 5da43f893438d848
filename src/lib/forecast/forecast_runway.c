/*
 * forecast_runway.c: how long the money lasts, and what can safely be drawn from it:
 * SplitMix64, deterministic runway figures, the circular block bootstrap (runway
 * quantiles, ruin probabilities, cash-flow-at-risk), the risk-aware salary, and the
 * reserve, salary, tax and Profit First helpers built on them.
 *
 * The bootstrap never stores paths: each path is simulated as its blocks are drawn, and
 * only one runway and one shortfall per path are kept for the quantiles.
 */
#include "forecast_internal.h"

#include <math.h>
#include <stdlib.h>

const double gig_runway_prob_months[GIG_RUNWAY_PROB_COUNT] = {3, 6, 12, 24};

/* Months over which the shortfall (cash-flow-at-risk) and the salary risk are judged. */
#define RISK_MONTHS 12u

/* ---- SplitMix64 ----------------------------------------------------------------------- */

void
gig_splitmix64_seed(gig_splitmix64 *rng, uint64_t seed)
{
	rng->state = seed;
}

uint64_t
gig_splitmix64_next(gig_splitmix64 *rng)
{
	uint64_t z;

	rng->state += UINT64_C(0x9E3779B97F4A7C15);
	z = rng->state;
	z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
	return z ^ (z >> 31);
}

uint32_t
gig_splitmix64_index(gig_splitmix64 *rng, uint32_t n)
{
	/* Multiply-shift instead of modulo: no division, and the bias is below 2^-32 per
	 * draw; the exact formula matters because the oracle uses it. */
	return (uint32_t)(((gig_splitmix64_next(rng) >> 32) * (uint64_t)n) >> 32);
}

/* ---- deterministic runway ------------------------------------------------------------- */

double
gig_runway_deterministic(const double *net, size_t n, double cash0)
{
	double sum = 0;

	if (cash0 < 0)
		return 0;
	for (size_t t = 0; net != NULL && t < n; t++)
		sum += net[t];
	if (n == 0 || !(sum < 0))
		return INFINITY;
	return cash0 / -(sum / (double)n);
}

static double
months_of(double cash, double burn)
{
	if (cash < 0)
		return 0;
	if (!(burn > 0))
		return INFINITY;
	return cash / burn;
}

void
gig_runway_figures_compute(double cash, double essential, double all_expenses,
                           double forecast_expenses, double forecast_income,
                           gig_runway_figures *out)
{
	if (out == NULL)
		return;
	out->essential_only = months_of(cash, essential);
	out->all_expenses = months_of(cash, all_expenses);
	out->forecast_net = months_of(cash, forecast_expenses - forecast_income);
}

/* ---- circular block bootstrap ------------------------------------------------------------- */

static bool
options_valid(const double *net, size_t n, double cash0, const gig_runway_options *opt)
{
	return net != NULL && n > 0 && n <= UINT32_MAX && opt != NULL && opt->paths > 0 &&
	       opt->block > 0 && opt->horizon > 0 && isfinite(cash0) && opt->trend_damping >= 0 &&
	       opt->trend_damping <= 1 && gig__forecast_all_finite(net, n);
}

/*
 * Walks one path.  Every path consumes exactly ceil(horizon / L) draws whatever happens
 * to it, so path i always sees the same numbers: this is what makes runs with different
 * starting cash or salary comparable (common random numbers).
 *
 * @runway: months until the cash first goes below 0 (interpolated), horizon if never.
 * @shortfall: max(0, max_{k <= risk} -cumulative flow).
 * @threshold: min_{k <= risk} (cash0 + cumulative flow_k) / k, the largest monthly draw
 *   the path survives for its first @risk months.
 */
typedef struct {
	double runway;
	double shortfall;
	double threshold;
	bool censored;
} path_result;

/* The block length of the per-path mean draw: opt->mean_block (0: the flow block),
 * at most half the history so that the resample has at least two blocks. */
static uint32_t
mean_block_of(const gig_runway_options *opt, uint32_t n)
{
	uint32_t lm = opt->mean_block > 0 ? opt->mean_block : opt->block;
	uint32_t half = n / 2 > 0 ? n / 2 : 1;

	return lm < half ? lm : half;
}

/*
 * What every path of one call shares (gig_runway_bootstrap() documents the model): the
 * series the blocks are drawn from (the net history, or with a trend the history less
 * its fitted slope), its mean, and how each path draws its own mean and slope.
 */
typedef struct {
	const double *flows; /* n months the blocks are drawn from */
	double *owned;       /* flows, when allocated here (the detrended history) */
	uint32_t n;
	uint32_t lm;  /* block length of the mean draw, 0 without parameter uncertainty */
	double mean;  /* mean of flows (= the history's mean) */
	double scale; /* factor on the drawn deviations: n / (n - lm), or 1 */
	bool trend;
	double slope; /* the shrunk Theil-Sen slope w x b */
	double noise; /* sqrt(w), on the drawn slope deviation */
	double sxx;   /* sum over t of (t - tbar)^2 */
	double phi;   /* trend damping */
} path_model;

/* Months between the two months of a Theil-Sen pair, the history the trend needs, and
 * the most recent months the slope is measured on (20 years: the pairs grow as n^2). */
#define TREND_PAIR_GAP 12u
#define TREND_MIN_MONTHS 24u
#define TREND_MAX_MONTHS 240u

/*
 * The trend: b = the median (type 7) of (net[j] - net[i]) / (j - i) over pairs at least
 * TREND_PAIR_GAP months apart (a dry spell or a season moves few of those pairs) among
 * the last TREND_MAX_MONTHS months, the
 * detrended history d_t = net_t - b (t - tbar), and the shrinkage weight
 * w = b^2 / (b^2 + se^2) with se^2 = 4 x (the Bartlett long-run variance of d over lags
 * < lm) / Sxx: a slope within about two standard errors of 0 is mostly noise.
 */
static bool
trend_prepare(const double *net, uint32_t n, path_model *pm)
{
	double tbar = (double)(n - 1) / 2, sxx = 0, mean = 0, half = 0.5, b;
	uint32_t from = n > TREND_MAX_MONTHS ? n - TREND_MAX_MONTHS : 0, span = n - from;
	size_t pairs = 0;
	double *sl = malloc((size_t)span * (span - TREND_PAIR_GAP) * sizeof(double));

	if (sl == NULL)
		return false;
	for (uint32_t i = from; i + TREND_PAIR_GAP < n; i++)
		for (uint32_t j = i + TREND_PAIR_GAP; j < n; j++)
			sl[pairs++] = (net[j] - net[i]) / (double)(j - i);
	gig__forecast_quantiles(sl, pairs, &half, 1, &b);
	free(sl);
	pm->owned = malloc((size_t)n * sizeof(double));
	if (pm->owned == NULL)
		return false;
	for (uint32_t t = 0; t < n; t++) {
		sxx += ((double)t - tbar) * ((double)t - tbar);
		mean += net[t];
		pm->owned[t] = net[t] - b * ((double)t - tbar);
	}
	mean /= (double)n;
	double lrv = 0;

	for (uint32_t k = 0; k < pm->lm; k++) {
		double g = 0;

		for (uint32_t t = k; t < n; t++)
			g += (pm->owned[t] - mean) * (pm->owned[t - k] - mean);
		g /= (double)n;
		lrv += (k == 0 ? 1 : 2 * (1 - (double)k / (double)pm->lm)) * g;
	}
	double se2 = 4 * fmax(0, lrv) / sxx;
	double w = b * b > 0 ? b * b / (b * b + se2) : 0;

	pm->flows = pm->owned;
	pm->trend = true;
	pm->slope = w * b;
	pm->noise = sqrt(w);
	pm->sxx = sxx;
	return true;
}

static bool
model_prepare(const double *net, size_t n, const gig_runway_options *opt, path_model *pm)
{
	uint32_t nn = (uint32_t)n;

	pm->flows = net;
	pm->owned = NULL;
	pm->n = nn;
	pm->lm = opt->draw_mean ? mean_block_of(opt, nn) : 0;
	pm->scale = 1;
	pm->trend = false;
	pm->slope = pm->noise = pm->sxx = 0;
	pm->phi = opt->trend_damping;
	if (pm->lm > 0 && opt->mean_correction)
		pm->scale = (double)nn / (double)(nn - pm->lm);
	if (pm->lm > 0 && opt->trend_damping > 0 && nn >= TREND_MIN_MONTHS &&
	    !trend_prepare(net, nn, pm))
		return false;
	double mean = 0;

	for (uint32_t t = 0; t < nn; t++)
		mean += pm->flows[t];
	pm->mean = mean / (double)nn;
	return true;
}

/*
 * What the scenario changes in simulated month k (0-based) when it resamples history
 * month idx: sum_j coef_j[k] x series_j[idx] + add[k].  A scenario that changes
 * nothing adds exactly 0 (0 x finite is +-0), so its flows are the base's, bit for bit.
 */
static double
scenario_delta(const gig_scenario *sc, uint32_t k, uint32_t idx)
{
	double d = sc->add != NULL ? sc->add[k] : 0;

	for (size_t j = 0; j < sc->n_terms; j++)
		d += sc->terms[j].coef[k] * sc->terms[j].series[idx];
	return d;
}

/*
 * @balance (nullable): the path's cash0 + cumulative flow after months 1..@months
 * (months <= horizon), ruined or not.  @sc (nullable): the what-if scenario.
 */
static void
walk_path(gig_splitmix64 *rng, const path_model *pm, uint32_t block, uint32_t horizon, double cash0,
          bool want_threshold, double *balance, uint32_t months, const gig_scenario *sc,
          path_result *res)
{
	const double *net = pm->flows;
	uint32_t n = pm->n, mean_block = pm->lm;
	uint32_t blocks = (horizon + block - 1) / block;
	uint32_t risk = horizon < RISK_MONTHS ? horizon : RISK_MONTHS;
	uint32_t needed = balance != NULL && months > risk ? months : risk;
	double cash = cash0, cum = 0, worst = 0, thr = INFINITY, total = 0;
	bool ruined = cash0 < 0;
	uint32_t k = 0;

	double shift = 0, slope = 0, level = 0, damp = 1;

	if (mean_block > 0) {
		/* This path's mean (and slope): a circular block bootstrap of the n history
		 * months in blocks of mean_block, laid out at positions 0..n-1, always
		 * ceil(n / mean_block) draws so that the path's count of draws stays
		 * fixed. */
		uint32_t mb = (n + mean_block - 1) / mean_block, m = 0;
		double s = 0, sb = 0, tbar = (double)(n - 1) / 2;

		for (uint32_t b = 0; b < mb; b++) {
			uint32_t st = gig_splitmix64_index(rng, n);

			for (uint32_t j = 0; j < mean_block && m < n; j++, m++) {
				double v = net[(st + j) % n];

				s += v;
				sb += ((double)m - tbar) * v;
			}
		}
		shift = pm->scale * (s / (double)n - pm->mean);
		if (pm->trend) {
			slope = pm->slope + pm->noise * pm->scale * sb / pm->sxx;
			level = slope * tbar; /* the path's line at the last history month */
		}
	}
	res->runway = ruined ? 0 : (double)horizon;
	for (uint32_t b = 0; b < blocks; b++) {
		uint32_t s = gig_splitmix64_index(rng, n);

		/* Past ruin and past the risk window (and the balance months) nothing
		 * depends on the flows any more; only the draws must still be taken. */
		if (ruined && k >= needed)
			continue;
		for (uint32_t j = 0; j < block && k < horizon; j++) {
			uint32_t idx = s + j;
			double flow;

			if (idx >= n)
				idx %= n;
			flow = net[idx] + shift;
			if (pm->trend) {
				damp *= pm->phi;
				level += slope * damp;
				flow += level;
			}
			if (sc != NULL)
				flow += scenario_delta(sc, k, idx);
			k++;
			if (balance != NULL && k <= months) {
				total += flow;
				balance[k - 1] = cash0 + total;
			}
			if (k <= risk) {
				cum += flow;
				worst = fmax(worst, -cum);
				if (want_threshold)
					thr = fmin(thr, (cash0 + cum) / (double)k);
			}
			if (!ruined) {
				double prev = cash;

				cash += flow;
				if (cash < 0) {
					res->runway = (double)(k - 1) + prev / (prev - cash);
					ruined = true;
				}
			}
		}
	}
	res->shortfall = worst;
	res->threshold = thr;
	res->censored = !ruined;
}

static bool
scenario_valid(const gig_scenario *sc, size_t n, uint32_t horizon)
{
	if (sc == NULL)
		return true;
	if (sc->n_terms > 0 && sc->terms == NULL)
		return false;
	if (sc->add != NULL && !gig__forecast_all_finite(sc->add, horizon))
		return false;
	for (size_t j = 0; j < sc->n_terms; j++)
		if (sc->terms[j].series == NULL || sc->terms[j].coef == NULL ||
		    !gig__forecast_all_finite(sc->terms[j].series, n) ||
		    !gig__forecast_all_finite(sc->terms[j].coef, horizon))
			return false;
	return true;
}

bool
gig_runway_bootstrap(const double *net, size_t n, double cash0, const gig_runway_options *opt,
                     gig_runway_result *out)
{
	return gig_runway_bootstrap_scenario(net, n, cash0, opt, NULL, out);
}

bool
gig_runway_bootstrap_scenario(const double *net, size_t n, double cash0,
                              const gig_runway_options *opt, const gig_scenario *sc,
                              gig_runway_result *out)
{
	gig_splitmix64 rng;
	double *runways, *shortfalls, *owned = NULL;
	double sum = 0;
	size_t censored = 0, below[GIG_RUNWAY_PROB_COUNT] = {0};
	uint32_t block;

	if (out == NULL || !options_valid(net, n, cash0, opt) ||
	    !scenario_valid(sc, n, opt->horizon))
		return false;
	runways = opt->work;
	if (runways == NULL) {
		owned = malloc(2 * (size_t)opt->paths * sizeof(double));
		if (owned == NULL)
			return false;
		runways = owned;
	}
	shortfalls = runways + opt->paths;
	block = opt->block < n ? opt->block : (uint32_t)n;
	path_model pm;

	if (!model_prepare(net, n, opt, &pm)) {
		free(owned);
		return false;
	}
	gig_splitmix64_seed(&rng, opt->seed);
	for (uint32_t p = 0; p < opt->paths; p++) {
		path_result res;

		walk_path(&rng, &pm, block, opt->horizon, cash0, false, NULL, 0, sc, &res);
		runways[p] = res.runway;
		shortfalls[p] = res.shortfall;
		sum += res.runway;
		censored += res.censored;
		for (size_t i = 0; i < GIG_RUNWAY_PROB_COUNT; i++)
			below[i] += res.runway < gig_runway_prob_months[i];
	}
	/* Three order statistics do not need a full sort. */
	static const double levels[3] = {0.10, 0.50, 0.90};
	double q[3], paths = (double)opt->paths;

	gig__forecast_quantiles(runways, opt->paths, levels, 3, q);
	out->p10 = q[0];
	out->p50 = q[1];
	out->p90 = q[2];
	gig__forecast_quantiles(shortfalls, opt->paths, levels + 2, 1, &out->cfar90);
	out->mean = sum / paths;
	out->censored_fraction = (double)censored / paths;
	for (size_t i = 0; i < GIG_RUNWAY_PROB_COUNT; i++)
		out->prob_ruin_within[i] = (double)below[i] / paths;
	free(pm.owned);
	free(owned);
	return true;
}

bool
gig_runway_risk_salary(const double *net, size_t n, double cash0, const gig_runway_options *opt,
                       double max_prob, double *salary)
{
	gig_splitmix64 rng;
	double *thr, *owned = NULL;
	uint32_t block;

	if (salary == NULL || !options_valid(net, n, cash0, opt) || !(max_prob >= 0) ||
	    !(max_prob <= 1))
		return false;
	thr = opt->work;
	if (thr == NULL) {
		owned = malloc((size_t)opt->paths * sizeof(double));
		if (owned == NULL)
			return false;
		thr = owned;
	}
	block = opt->block < n ? opt->block : (uint32_t)n;
	path_model pm;

	if (!model_prepare(net, n, opt, &pm)) {
		free(owned);
		return false;
	}
	gig_splitmix64_seed(&rng, opt->seed);
	for (uint32_t p = 0; p < opt->paths; p++) {
		path_result res;

		walk_path(&rng, &pm, block, opt->horizon, cash0, true, NULL, 0, NULL, &res);
		thr[p] = res.threshold;
	}
	free(pm.owned);

	/* With draw S, path p is ruined iff S > thr[p].  Allowing at most r = floor(q N)
	 * ruined paths, the largest S is the r-th smallest threshold (0-based): at that S
	 * only strictly smaller thresholds fail, and any larger S fails one more path.
	 * The small epsilon keeps 0.1 x 10000 from flooring to 999.  Paths whose
	 * threshold equals the answer end a month at exactly 0, safe on paper but one
	 * rounding error from ruin, so the draw is nudged down by 1e-9 relative: salaries
	 * round down. */
	size_t r = (size_t)floor(max_prob * (double)opt->paths + 1e-9);

	if (r >= opt->paths)
		r = opt->paths - 1;
	double t = gig__forecast_order_stat(thr, opt->paths, r);

	*salary = fmax(0, t - 1e-9 * fmax(1, fabs(t)));
	free(owned);
	return true;
}

bool
gig_runway_balance_band(const double *net, size_t n, double cash0, const gig_runway_options *opt,
                        size_t months, double *p10, double *p50, double *p90)
{
	gig_splitmix64 rng;
	double *bal, *col;
	uint32_t block;

	if (p10 == NULL || p50 == NULL || p90 == NULL || months == 0 ||
	    !options_valid(net, n, cash0, opt) || months > opt->horizon)
		return false;
	/* paths x months balances, then one column at a time for the quantiles */
	if ((size_t)opt->paths > SIZE_MAX / sizeof(double) / (months + 1))
		return false;
	bal = malloc((size_t)opt->paths * (months + 1) * sizeof(double));
	if (bal == NULL)
		return false;
	col = bal + (size_t)opt->paths * months;
	block = opt->block < n ? opt->block : (uint32_t)n;
	path_model pm;

	if (!model_prepare(net, n, opt, &pm)) {
		free(bal);
		return false;
	}
	gig_splitmix64_seed(&rng, opt->seed);
	for (uint32_t p = 0; p < opt->paths; p++) {
		path_result res;

		walk_path(&rng, &pm, block, opt->horizon, cash0, false, bal + (size_t)p * months,
		          (uint32_t)months, NULL, &res);
	}
	free(pm.owned);
	static const double levels[3] = {0.10, 0.50, 0.90};
	for (size_t k = 0; k < months; k++) {
		double q[3];

		for (uint32_t p = 0; p < opt->paths; p++)
			col[p] = bal[(size_t)p * months + k];
		gig__forecast_quantiles(col, opt->paths, levels, 3, q);
		p10[k] = q[0];
		p50[k] = q[1];
		p90[k] = q[2];
	}
	free(bal);
	return true;
}

/* ---- reserve, salary, tax, Profit First --------------------------------------------------- */

double
gig_forecast_reserve_multiple(const double *income, size_t n)
{
	size_t m = n < 12 ? n : 12;
	const double *last = income + (n - m);
	double mean = 0, ss = 0;

	/* Without enough history the volatility is unknown; treat it as the worst case,
	 * because an undersized reserve costs more than an oversized one. */
	if (income == NULL || m < 2)
		return 12;
	for (size_t i = 0; i < m; i++)
		mean += last[i];
	mean /= (double)m;
	if (!(mean > 0))
		return 12;
	for (size_t i = 0; i < m; i++)
		ss += (last[i] - mean) * (last[i] - mean);
	double cv = sqrt(ss / (double)(m - 1)) / mean;

	return fmin(12, fmax(3, 3 * (1 + cv)));
}

void
gig_forecast_reserve(const double *income, size_t n, double essential_monthly, double cfar90,
                     double buffer, gig_reserve *out)
{
	if (out == NULL)
		return;
	out->multiple = gig_forecast_reserve_multiple(income, n);
	out->target = fmax(out->multiple * fmax(0, essential_monthly), fmax(0, cfar90));
	out->buffer = buffer;
	out->gap = out->target - buffer;
}

double
gig_forecast_salary(double buffer, double reserve, const double *net_forecast, size_t h)
{
	double sum = 0, last = 0;

	for (size_t k = 0; k < 12; k++) {
		if (net_forecast != NULL && k < h)
			last = net_forecast[k];
		sum += last;
	}
	return fmax(0, (buffer - reserve + sum) / 12);
}

double
gig_forecast_tax_set_aside(double income_since_payment, double rate, double tax_reserve)
{
	if (rate < 0)
		rate = GIG_TAX_RATE_DEFAULT;
	return fmax(0, rate * fmax(0, income_since_payment) - tax_reserve);
}

bool
gig_forecast_profit_first(double receipts, const gig_profit_first *percent, gig_profit_first *out)
{
	if (percent == NULL || out == NULL || !isfinite(receipts))
		return false;
	double p[4] = {percent->profit, percent->owner_pay, percent->tax, percent->opex};
	double total = 0;

	for (int i = 0; i < 4; i++) {
		if (!(p[i] >= 0) || !isfinite(p[i]))
			return false;
		total += p[i];
	}
	if (fabs(total - 100) > 1e-9)
		return false;
	out->profit = receipts * p[0] / 100;
	out->owner_pay = receipts * p[1] / 100;
	out->tax = receipts * p[2] / 100;
	out->opex = receipts - out->profit - out->owner_pay - out->tax;
	return true;
}
