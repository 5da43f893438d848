/*
 * forecast_sim.c: the simulated producers (see forecast_sim.h).
 *
 * Per producer the class decides the mix:
 *  - smooth: steady teaching income (one payment a month, ~15 % noise) plus frequent
 *    jobs;
 *  - intermittent: no steady income, a job every 1-5 months on average;
 *  - seasonal: teaching that stops in July and August, jobs 1.8x in December and half
 *    in summer;
 *  - trending: like smooth, but jobs grow or shrink by -30 %..+30 % a year (capped at
 *    0.25x..4x the starting level).
 * Any class may add quarterly royalties (paid in months 2, 5, 8, 11 of the calendar,
 * for the quarter before) and rare sync fees (about one every three years, 8-25x a
 * typical fee).  Dry spells (jobs at a tenth of their rate) start with probability
 * 3 % a month and last 2-6 months.  Expenses are a fixed level (0.8-1.3x the expected
 * income) with 8 % noise and an occasional gear purchase; starting cash is 1-12
 * months of expenses.
 */
#include "forecast_sim.h"

#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "gigledger/forecast.h"

static double
unif(gig_splitmix64 *r)
{
	return ((double)(gig_splitmix64_next(r) >> 11) + 0.5) / 9007199254740992.0;
}

static double
normal(gig_splitmix64 *r)
{
	double u = unif(r), v = unif(r);

	return sqrt(-2 * log(u)) * cos(2 * 3.14159265358979323846 * v);
}

static double
lognormal(gig_splitmix64 *r, double median, double sigma)
{
	return median * exp(sigma * normal(r));
}

static unsigned
poisson(gig_splitmix64 *r, double lambda)
{
	double l = exp(-lambda), p = 1;
	unsigned k = 0;

	do {
		k++;
		p *= unif(r);
	} while (p > l && k < 1000);
	return k - 1;
}

static double
between(gig_splitmix64 *r, double lo, double hi)
{
	return lo + (hi - lo) * unif(r);
}

const char *
sim_class_name(sim_class cls)
{
	static const char *const names[] = {"smooth", "intermittent", "seasonal", "trending"};

	return cls < SIM_CLASSES ? names[cls] : "?";
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

#define MAX_PAYMENTS (SIM_MAX_MONTHS * 40)

void
sim_producer_make(uint64_t seed, uint32_t index, sim_producer *p)
{
	gig_splitmix64 r;
	static double pay_amount[MAX_PAYMENTS];
	static unsigned pay_month[MAX_PAYMENTS];
	size_t np = 0;

	memset(p, 0, sizeof(*p));
	gig_splitmix64_seed(&r, seed * UINT64_C(0x9E3779B97F4A7C15) + index);
	(void)gig_splitmix64_next(&r);
	p->cls = (sim_class)(index % SIM_CLASSES);
	p->n = 18 + gig_splitmix64_index(&r, SIM_MAX_HISTORY - 18 + 1);

	/* in cents */
	double teach = 0, rate, fee = lognormal(&r, 60000, 0.5), fee_sigma = between(&r, 0.4, 0.9);
	double royalty = unif(&r) < 0.5 ? lognormal(&r, 15000, 0.7) : 0;
	double sync = unif(&r) < 0.3 ? 1.0 / 36 : 0, growth = 0;
	unsigned start_month = gig_splitmix64_index(&r, 12); /* calendar month of t = 0 */

	switch (p->cls) {
	case SIM_SMOOTH:
		teach = lognormal(&r, 120000, 0.4);
		rate = between(&r, 1.5, 5);
		break;
	case SIM_INTERMITTENT:
		rate = between(&r, 0.2, 0.9);
		fee *= 2.5;
		break;
	case SIM_SEASONAL:
		teach = lognormal(&r, 100000, 0.4);
		rate = between(&r, 1, 4);
		break;
	default:
		teach = lognormal(&r, 80000, 0.4);
		rate = between(&r, 1.5, 5);
		growth = between(&r, -0.30, 0.30);
		if (fabs(growth) < 0.1)
			growth = growth < 0 ? -0.1 : 0.1;
		growth = log1p(growth) / 12;
		break;
	}
	double jobs_mean = rate * fee * exp(fee_sigma * fee_sigma / 2);
	double expected = teach + jobs_mean + royalty;
	double exp_level = expected * between(&r, 0.8, 1.3);
	unsigned dry = 0, total = (unsigned)(p->n + SIM_FUTURE);
	double accrued = 0;

	for (unsigned t = 0; t < total; t++) {
		unsigned cal = (start_month + t) % 12; /* 0 = January */
		double lam = rate, m = 1, tm = teach;

		if (p->cls == SIM_SEASONAL) {
			if (cal == 11)
				lam *= 1.8;
			if (cal == 6 || cal == 7) {
				lam *= 0.5;
				tm = 0;
			}
		}
		if (growth != 0) {
			m = fmin(4, fmax(0.25, exp(growth * t)));
			lam *= m;
		}
		if (dry > 0) {
			dry--;
			lam *= 0.1;
		} else if (unif(&r) < 0.03) {
			dry = 2 + gig_splitmix64_index(&r, 5);
		}
		if (tm > 0 && unif(&r) > 0.04) { /* a missed month now and then */
			pay_amount[np] = round(tm * fmax(0.3, 1 + 0.15 * normal(&r)));
			pay_month[np++] = t;
		}
		unsigned jobs = poisson(&r, lam);

		for (unsigned j = 0; j < jobs && np < MAX_PAYMENTS - 3; j++) {
			pay_amount[np] = round(lognormal(&r, fee, fee_sigma));
			pay_month[np++] = t;
		}
		accrued += royalty * lognormal(&r, 1, 0.3);
		if (royalty > 0 && cal % 3 == 1) { /* Feb, May, Aug, Nov: last quarter's */
			pay_amount[np] = round(accrued);
			pay_month[np++] = t;
			accrued = 0;
		}
		if (sync > 0 && unif(&r) < sync) {
			pay_amount[np] = round(fee * between(&r, 8, 25));
			pay_month[np++] = t;
		}
		double e = exp_level * fmax(0.5, 1 + 0.08 * normal(&r));

		if (unif(&r) < 0.05)
			e += exp_level * between(&r, 0.5, 2);
		p->expense[t] = round(e);
	}

	/* the report's windfall rule: a payment over 5x the history's median payment */
	size_t nh = 0;
	static double hist[MAX_PAYMENTS];

	for (size_t i = 0; i < np; i++)
		if (pay_month[i] < p->n)
			hist[nh++] = pay_amount[i];
	double median = 0;

	if (nh > 0) {
		qsort(hist, nh, sizeof(double), cmp_double);
		median = nh % 2 ? hist[nh / 2] : (hist[nh / 2 - 1] + hist[nh / 2]) / 2;
	}
	for (size_t i = 0; i < np; i++) {
		p->income[pay_month[i]] += pay_amount[i];
		if (nh == 0 || !(pay_amount[i] > GIG_WINDFALL_FACTOR * median))
			p->cleaned[pay_month[i]] += pay_amount[i];
	}
	p->cash0 = round(exp_level * exp(between(&r, 0, log(12))));
}

double
sim_realised_runway(const sim_producer *p)
{
	double cash = p->cash0;

	if (cash < 0)
		return 0;
	for (size_t k = 1; k <= SIM_FUTURE; k++) {
		double prev = cash;
		size_t t = p->n + k - 1;

		cash += p->income[t] - p->expense[t];
		if (cash < 0)
			return (double)(k - 1) + prev / (prev - cash);
	}
	return SIM_FUTURE;
}

/* ---- evaluation --------------------------------------------------------------------- */

const char *const sim_method_names[SIM_METHODS] = {
    "naive",       "mean",         "ses_a0.1", "ses_a0.3", "holt_a0.3_b0.1",
    "holt_damped", "hw_a0.3_b0.1", "croston",  "sba_a0.1", "tsb_a0.1_0.1",
};

static const gig_forecast_spec sim_specs[SIM_METHODS] = {
    {GIG_FORECAST_NAIVE, 0, 0, 0, 1},    {GIG_FORECAST_MEAN, 0, 0, 0, 1},
    {GIG_FORECAST_SES, 0.1, 0, 0, 1},    {GIG_FORECAST_SES, 0.3, 0, 0, 1},
    {GIG_FORECAST_HOLT, 0.3, 0.1, 0, 1}, {GIG_FORECAST_DAMPED, 0.3, 0.1, 0, 0.9},
    {GIG_FORECAST_HW, 0.3, 0.1, 0.1, 1}, {GIG_FORECAST_CROSTON, 0.1, 0, 0, 1},
    {GIG_FORECAST_SBA, 0.1, 0, 0, 1},    {GIG_FORECAST_TSB, 0.1, 0.1, 0, 1},
};

const double sim_bin_edges[SIM_BINS + 1] = {0, 0.01, 0.05, 0.1, 0.2, 0.35, 0.5, 0.75, 1.0001};

/* M5 scale: mean squared first difference of y from its first non-zero value. */
static double
scale_of(const double *y, size_t n)
{
	size_t first = 0;
	double ss = 0;

	while (first < n && y[first] == 0)
		first++;
	if (n - first < 2)
		return NAN;
	for (size_t i = first + 1; i < n; i++)
		ss += (y[i] - y[i - 1]) * (y[i] - y[i - 1]);
	ss /= (double)(n - first - 1);
	return ss > 0 ? ss : NAN;
}

static void
score(const double *fc, const double *actual, double scale, double *r6, double *r12)
{
	double ss = 0;

	for (size_t k = 0; k < 12; k++) {
		ss += (fc[k] - actual[k]) * (fc[k] - actual[k]);
		if (k == 5)
			*r6 = sqrt(ss / 6 / scale);
	}
	*r12 = sqrt(ss / 12 / scale);
}

void
sim_evaluate(const sim_model *model, uint64_t seed, uint32_t count, uint32_t paths, sim_record *rec)
{
	sim_producer *p = malloc(sizeof(*p));
	double net[SIM_MAX_HISTORY], fc[12];

	if (p == NULL)
		abort();
	for (uint32_t i = 0; i < count; i++) {
		sim_record *r = &rec[i];

		sim_producer_make(seed, i, p);
		r->cls = p->cls;
		r->n = p->n;
		double scale = scale_of(p->cleaned, p->n);
		const double *actual = p->cleaned + p->n;

		for (size_t m = 0; m <= SIM_METHODS; m++)
			r->rmsse6[m] = r->rmsse12[m] = NAN;
		if (!isnan(scale)) {
			if (model->choose(p->cleaned, p->n, fc))
				score(fc, actual, scale, &r->rmsse6[0], &r->rmsse12[0]);
			for (size_t m = 0; m < SIM_METHODS; m++)
				if (p->n >= gig_forecast_min_length(sim_specs[m].method) &&
				    gig_forecast_run(&sim_specs[m], p->cleaned, p->n, NULL, fc, 12))
					score(fc, actual, scale, &r->rmsse6[1 + m],
					      &r->rmsse12[1 + m]);
		}
		for (size_t t = 0; t < p->n; t++)
			net[t] = (model->windfalls_in_net ? p->income[t] : p->cleaned[t]) -
			         p->expense[t];
		sim_runway_out out;

		if (!model->runway(net, p->n, p->cash0, paths, UINT64_C(20240601), &out))
			abort();
		memcpy(r->q, out.q, sizeof(r->q));
		memcpy(r->ruin, out.ruin, sizeof(r->ruin));
		r->ruin_h = out.ruin_h;
		r->realised = sim_realised_runway(p);
	}
	free(p);
}

static double
median_of(double *x, size_t n)
{
	if (n == 0)
		return NAN;
	qsort(x, n, sizeof(double), cmp_double);
	return n % 2 ? x[n / 2] : (x[n / 2 - 1] + x[n / 2]) / 2;
}

/*
 * Is the realised runway R below the model's alpha-quantile q, counted with
 * censoring?  Both are only known below the horizon H = SIM_FUTURE: a path or a
 * producer that has not run out by then is "at least H" (R = H, q = H).
 *  - q < H: the comparison is known (a censored R is >= H > q): 1 if R < q.
 *  - q = H, R < H: R is below, since the quantile is at least H: 1.
 *  - q = H, R censored: unknown either way.  The model says P(R < H) = p_H (its share of
 *    paths ruined within H, p_H <= alpha since the quantile reached H), so given that R
 *    got past H it puts R below its alpha-quantile with probability
 *    (alpha - p_H) / (1 - p_H); that value is counted.  A model that is calibrated where
 *    it can be checked scores alpha on average, and nothing is credited to it for free.
 * Counting such ties as "inside", as the plain table does, calls every P90 at the
 * horizon covering and so flatters a wide model: P(above P90) is undercounted
 * whenever a producer's P90 reaches the horizon.
 */
static double
below_censored(double alpha, double q, double realised, double p_h)
{
	const double h = SIM_FUTURE;

	if (q < h)
		return realised < q;
	if (realised < h)
		return 1;
	if (!(p_h < 1))
		return 0;
	return fmin(1, fmax(0, (alpha - p_h) / (1 - p_h)));
}

void
sim_summarise(const sim_record *rec, size_t count, sim_summary *s)
{
	static const double horizon[3] = {3, 6, 12};
	double *buf6 = malloc((count + 1) * sizeof(double));
	double *buf12 = malloc((count + 1) * sizeof(double));

	if (buf6 == NULL || buf12 == NULL)
		abort();
	memset(s, 0, sizeof(*s));
	for (size_t i = 0; i < count; i++) {
		const sim_record *r = &rec[i];
		/* a runway at the horizon is "at least 120": ties count as inside */
		bool below = r->realised<r->q[0], above = r->realised> r->q[2];

		for (size_t c = 0; c < 2; c++) {
			size_t k = c == 0 ? r->cls : SIM_CLASSES;

			s->count[k]++;
			s->below[k] += below;
			s->above[k] += above;
			s->inside[k] += !below && !above;
			s->below_p50[k] += r->realised < r->q[1];
			double b10 = below_censored(0.1, r->q[0], r->realised, r->ruin_h);
			double b50 = below_censored(0.5, r->q[1], r->realised, r->ruin_h);
			double b90 = below_censored(0.9, r->q[2], r->realised, r->ruin_h);

			s->c_below[k] += b10;
			s->c_inside[k] += b90 - b10;
			s->c_above[k] += 1 - b90;
			s->c_below_p50[k] += b50;
			s->censored[k] += !(r->realised < SIM_FUTURE);
			size_t l = r->n < 36 ? 0 : r->n < 72 ? 1 : 2;

			s->len_count[l][k]++;
			s->len_below[l][k] += b10;
			s->len_above[l][k] += 1 - b90;
		}
		for (size_t h = 0; h < 3; h++) {
			double o = r->realised < horizon[h], pr = r->ruin[h];
			size_t b = 0;

			s->brier[h] += (pr - o) * (pr - o);
			while (b + 1 < SIM_BINS && pr >= sim_bin_edges[b + 1])
				b++;
			s->bin_n[h][b]++;
			s->bin_pred[h][b] += pr;
			s->bin_obs[h][b] += o;
		}
	}
	for (size_t k = 0; k <= SIM_CLASSES; k++) {
		double c = s->count[k] > 0 ? (double)s->count[k] : 1;

		s->below[k] /= c;
		s->above[k] /= c;
		s->inside[k] /= c;
		s->below_p50[k] /= c;
		s->c_below[k] /= c;
		s->c_above[k] /= c;
		s->c_inside[k] /= c;
		s->c_below_p50[k] /= c;
		s->censored[k] /= c;
		for (size_t l = 0; l < SIM_LENGTHS; l++) {
			double cl = s->len_count[l][k] > 0 ? (double)s->len_count[l][k] : 1;

			s->len_below[l][k] /= cl;
			s->len_above[l][k] /= cl;
		}
	}
	for (size_t h = 0; h < 3; h++) {
		s->brier[h] /= (double)count;
		for (size_t b = 0; b < SIM_BINS; b++) {
			if (s->bin_n[h][b] == 0)
				continue;
			s->bin_pred[h][b] /= (double)s->bin_n[h][b];
			s->bin_obs[h][b] /= (double)s->bin_n[h][b];
			if (s->bin_n[h][b] >= 30)
				s->worst_gap_at[h] = fmax(
				    s->worst_gap_at[h], fabs(s->bin_pred[h][b] - s->bin_obs[h][b]));
		}
		s->worst_bin_gap = fmax(s->worst_bin_gap, s->worst_gap_at[h]);
	}
	for (size_t m = 0; m <= SIM_METHODS; m++) {
		size_t k = 0;
		double a6 = 0, a12 = 0, m6 = 0, m12 = 0;

		for (size_t i = 0; i < count; i++) {
			const sim_record *r = &rec[i];

			if (isnan(r->rmsse6[m]) || isnan(r->rmsse6[0]))
				continue;
			m6 += r->rmsse6[m];
			m12 += r->rmsse12[m];
			a6 += r->rmsse6[0];
			a12 += r->rmsse12[0];
			buf6[k] = r->rmsse6[m];
			buf12[k++] = r->rmsse12[m];
		}
		s->scored[m] = k;
		s->mean6[m] = k ? m6 / (double)k : NAN;
		s->mean12[m] = k ? m12 / (double)k : NAN;
		s->auto6[m] = k ? a6 / (double)k : NAN;
		s->auto12[m] = k ? a12 / (double)k : NAN;
		s->median6[m] = median_of(buf6, k);
		s->median12[m] = median_of(buf12, k);
	}
	free(buf6);
	free(buf12);
}
