/*
 * forecast_smooth.c: the fixed-parameter level and trend methods (naive, mean, SES,
 * Holt, damped Holt, additive Holt-Winters), the dispatcher gig_forecast_run(), and the
 * small shared helpers (validation, SSE, order statistics).
 *
 * Every recursion is written once as a "core" that starts from explicit initial states;
 * the public fixed-parameter functions supply the textbook initialisation, and the
 * optimisers in forecast_optim.c supply least-squares states.
 */
#include "forecast_internal.h"

#include <math.h>
#include <string.h>

static const char *const method_names[GIG_FORECAST_METHOD_COUNT] = {
    "zero", "naive", "mean", "ses", "holt", "damped", "hw", "croston", "sba", "tsb", "combo",
};

const char *
gig_forecast_method_name(gig_forecast_method method)
{
	if ((unsigned)method >= GIG_FORECAST_METHOD_COUNT)
		return "unknown";
	return method_names[method];
}

bool
gig_forecast_method_from_name(const char *name, gig_forecast_method *out)
{
	if (name == NULL || out == NULL)
		return false;
	for (size_t i = 0; i < GIG_FORECAST_METHOD_COUNT; i++) {
		if (strcmp(name, method_names[i]) == 0) {
			*out = (gig_forecast_method)i;
			return true;
		}
	}
	return false;
}

gig_forecast_spec
gig_forecast_spec_default(gig_forecast_method method)
{
	gig_forecast_spec spec = {method, 0.1, 0.1, 0.1, 1};

	switch (method) {
	case GIG_FORECAST_HOLT:
	case GIG_FORECAST_HW:
		spec.alpha = 0.3;
		break;
	case GIG_FORECAST_DAMPED:
		spec.alpha = 0.3;
		spec.phi = 0.9;
		break;
	default:
		break;
	}
	return spec;
}

size_t
gig_forecast_min_length(gig_forecast_method method)
{
	switch (method) {
	case GIG_FORECAST_HOLT:
	case GIG_FORECAST_DAMPED:
		return 2;
	case GIG_FORECAST_HW:
		return 2 * GIG_FORECAST_SEASON;
	default:
		return 1;
	}
}

bool
gig__forecast_all_finite(const double *y, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (!isfinite(y[i]))
			return false;
	}
	return true;
}

bool
gig__forecast_any_negative(const double *y, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (y[i] < 0)
			return true;
	}
	return false;
}

/* Parameters outside these ranges make the recursions diverge or meaningless. */
static bool
unit_open_closed(double x)
{
	return x > 0 && x <= 1;
}

static bool
unit_closed(double x)
{
	return x >= 0 && x <= 1;
}

bool
gig__forecast_spec_valid(const gig_forecast_spec *spec)
{
	switch (spec->method) {
	case GIG_FORECAST_ZERO:
	case GIG_FORECAST_NAIVE:
	case GIG_FORECAST_MEAN:
		return true;
	case GIG_FORECAST_SES:
	case GIG_FORECAST_CROSTON:
	case GIG_FORECAST_SBA:
		return unit_open_closed(spec->alpha);
	case GIG_FORECAST_HOLT:
		return unit_open_closed(spec->alpha) && unit_closed(spec->beta);
	case GIG_FORECAST_DAMPED:
		return unit_open_closed(spec->alpha) && unit_closed(spec->beta) &&
		       unit_open_closed(spec->phi);
	case GIG_FORECAST_HW:
		return unit_open_closed(spec->alpha) && unit_closed(spec->beta) &&
		       unit_closed(spec->gamma);
	case GIG_FORECAST_TSB:
	case GIG_FORECAST_COMBO:
		return unit_open_closed(spec->alpha) && unit_open_closed(spec->beta);
	default:
		return false;
	}
}

double
gig_forecast_sse(const double *y, const double *fitted, size_t n)
{
	double sse = 0;

	if (y == NULL || fitted == NULL)
		return 0;
	for (size_t t = 0; t < n; t++) {
		if (isnan(fitted[t]))
			continue;
		double e = y[t] - fitted[t];
		sse += e * e;
	}
	return sse;
}

static void
fill(double *out, size_t h, double v)
{
	for (size_t k = 0; out != NULL && k < h; k++)
		out[k] = v;
}

/* ---- cores ----------------------------------------------------------------------------- */

double
gig__ses_core(const double *y, size_t n, double alpha, double l0, double *fitted, size_t from)
{
	double l = l0;

	for (size_t t = 0; t < n; t++) {
		if (fitted != NULL && t >= from)
			fitted[t - from] = l;
		l += alpha * (y[t] - l);
	}
	return l;
}

void
gig__holt_core(const double *y, size_t n, double alpha, double beta, double phi, double l0,
               double b0, double *fitted, size_t from, double *l_end, double *b_end)
{
	double l = l0, b = b0;

	for (size_t t = 0; t < n; t++) {
		double f = l + phi * b;
		double l_new = f + alpha * (y[t] - f);

		if (fitted != NULL && t >= from)
			fitted[t - from] = f;
		b = beta * (l_new - l) + (1 - beta) * phi * b;
		l = l_new;
	}
	*l_end = l;
	*b_end = b;
}

void
gig__holt_forecast(double l, double b, double phi, double *forecast, size_t h)
{
	double damp = 0, pk = 1;

	/* phi + phi^2 + ... + phi^k, summed as it goes so phi = 1 gives exactly k. */
	for (size_t k = 0; forecast != NULL && k < h; k++) {
		pk *= phi;
		damp += pk;
		forecast[k] = l + damp * b;
	}
}

void
gig__hw_core(const double *y, size_t n, double alpha, double beta, double gamma,
             const gig__hw_state *init, double *fitted, size_t from, gig__hw_state *end)
{
	gig__hw_state st = *init;

	for (size_t t = 0; t < n; t++) {
		/* Observation t (0-based) uses the seasonal in ring slot t mod 12, and its
		 * error-corrected value is what observation t + 12 will use. */
		size_t slot = t % GIG_FORECAST_SEASON;
		double f = st.l + st.b + st.s[slot];
		double e = y[t] - f;
		double l_new = st.l + st.b + alpha * e;

		if (fitted != NULL && t >= from)
			fitted[t - from] = f;
		st.b = beta * (l_new - st.l) + (1 - beta) * st.b;
		st.l = l_new;
		st.s[slot] += gamma * e;
	}
	*end = st;
}

void
gig__hw_forecast(const gig__hw_state *st, size_t n, double *forecast, size_t h)
{
	for (size_t k = 0; forecast != NULL && k < h; k++) {
		size_t slot = (n + k % GIG_FORECAST_SEASON) % GIG_FORECAST_SEASON;

		forecast[k] = st->l + (double)(k + 1) * st->b + st->s[slot];
	}
}

void
gig__hw_simple_init(const double *y, gig__hw_state *st)
{
	double first = 0, second = 0;

	for (size_t j = 0; j < GIG_FORECAST_SEASON; j++) {
		first += y[j];
		second += y[j + GIG_FORECAST_SEASON];
	}
	first /= GIG_FORECAST_SEASON;
	second /= GIG_FORECAST_SEASON;
	st->l = first;
	st->b = (second - first) / GIG_FORECAST_SEASON;
	for (size_t j = 0; j < GIG_FORECAST_SEASON; j++)
		st->s[j] = y[j] - first;
}

/* ---- public fixed-parameter methods ------------------------------------------------------ */

bool
gig_forecast_ses(const double *y, size_t n, double alpha, double *fitted, double *forecast)
{
	if (y == NULL || n == 0 || !unit_open_closed(alpha) || !gig__forecast_all_finite(y, n))
		return false;
	double l = gig__ses_core(y, n, alpha, y[0], fitted, 0);
	if (forecast != NULL)
		*forecast = l;
	return true;
}

bool
gig_forecast_holt(const double *y, size_t n, double alpha, double beta, double phi, double *fitted,
                  double *forecast, size_t h)
{
	double l, b;

	if (y == NULL || n < 2 || !unit_open_closed(alpha) || !unit_closed(beta) ||
	    !unit_open_closed(phi) || !gig__forecast_all_finite(y, n))
		return false;
	gig__holt_core(y, n, alpha, beta, phi, y[0], y[1] - y[0], fitted, 0, &l, &b);
	gig__holt_forecast(l, b, phi, forecast, h);
	return true;
}

bool
gig_forecast_hw(const double *y, size_t n, double alpha, double beta, double gamma, double *init,
                double *fitted, double *forecast, size_t h)
{
	gig__hw_state st, end;

	if (y == NULL || n < 2 * GIG_FORECAST_SEASON || !unit_open_closed(alpha) ||
	    !unit_closed(beta) || !unit_closed(gamma) || !gig__forecast_all_finite(y, n))
		return false;
	gig__hw_simple_init(y, &st);
	if (init != NULL) {
		init[0] = st.l;
		init[1] = st.b;
		memcpy(init + 2, st.s, sizeof(st.s));
	}
	gig__hw_core(y, n, alpha, beta, gamma, &st, fitted, 0, &end);
	gig__hw_forecast(&end, n, forecast, h);
	return true;
}

/* ---- dispatcher ------------------------------------------------------------------------ */

/*
 * The combination: the plain mean of four level forecasts (the mean, SES alpha, SBA
 * alpha, TSB alpha / beta), plus, with at least two full years, half of the
 * calendar-month profile of the last full years (each month's mean minus the mean of
 * those years).  Fitted value t is the same forecast made from y[0..t-1] (NaN at t = 0,
 * where SBA and TSB have none).
 */
#define COMBO_SHRINK 0.5

static double
combo_level(const gig_forecast_spec *spec, const double *y, size_t n)
{
	const gig_forecast_spec members[4] = {
	    {GIG_FORECAST_MEAN, 0, 0, 0, 1},
	    {GIG_FORECAST_SES, spec->alpha, 0, 0, 1},
	    {GIG_FORECAST_SBA, spec->alpha, 0, 0, 1},
	    {GIG_FORECAST_TSB, spec->alpha, spec->beta, 0, 1},
	};
	double level = 0;

	for (size_t m = 0; m < 4; m++) {
		double f;

		gig__forecast_run_from(&members[m], y, n, NULL, 0, &f, 1);
		level += f / 4;
	}
	return level;
}

/* profile[j] for the month y index n + j (j < 12); zeros below 24 months */
static void
combo_profile(const double *y, size_t n, double *profile)
{
	size_t years = n / GIG_FORECAST_SEASON, start = n - years * GIG_FORECAST_SEASON;
	double all = 0, month[GIG_FORECAST_SEASON] = {0};

	for (size_t j = 0; j < GIG_FORECAST_SEASON; j++)
		profile[j] = 0;
	if (years < 2)
		return;
	for (size_t t = start; t < n; t++) {
		month[(t - start) % GIG_FORECAST_SEASON] += y[t] / (double)years;
		all += y[t] / (double)(n - start);
	}
	/* y[n + j] is in the same calendar month as y[start + j] */
	for (size_t j = 0; j < GIG_FORECAST_SEASON; j++)
		profile[j] = COMBO_SHRINK * (month[j] - all);
}

static void
combo_run(const gig_forecast_spec *spec, const double *y, size_t n, double *fitted, size_t from,
          double *forecast, size_t h)
{
	double profile[GIG_FORECAST_SEASON], level = combo_level(spec, y, n);

	combo_profile(y, n, profile);
	for (size_t k = 0; forecast != NULL && k < h; k++)
		forecast[k] = level + profile[k % GIG_FORECAST_SEASON];
	for (size_t t = from; fitted != NULL && t < n; t++) {
		if (t == 0) {
			fitted[0] = NAN;
			continue;
		}
		combo_profile(y, t, profile);
		fitted[t - from] = combo_level(spec, y, t) + profile[0];
	}
}

void
gig__forecast_run_from(const gig_forecast_spec *spec, const double *y, size_t n, double *fitted,
                       size_t from, double *forecast, size_t h)
{
	double l, b, sum = 0;
	gig__hw_state st, end;
	gig_intermittent im;

	switch (spec->method) {
	case GIG_FORECAST_ZERO:
		for (size_t t = from; fitted != NULL && t < n; t++)
			fitted[t - from] = 0;
		fill(forecast, h, 0);
		break;
	case GIG_FORECAST_NAIVE:
		/* fitted[0] has no earlier value; y[0] mirrors SES's l0 = y_1. */
		for (size_t t = from; fitted != NULL && t < n; t++)
			fitted[t - from] = y[t == 0 ? 0 : t - 1];
		fill(forecast, h, y[n - 1]);
		break;
	case GIG_FORECAST_MEAN:
		for (size_t t = 0; t < n; t++) {
			if (fitted != NULL && t >= from)
				fitted[t - from] = t == 0 ? y[0] : sum / (double)t;
			sum += y[t];
		}
		fill(forecast, h, sum / (double)n);
		break;
	case GIG_FORECAST_SES:
		fill(forecast, h, gig__ses_core(y, n, spec->alpha, y[0], fitted, from));
		break;
	case GIG_FORECAST_HOLT:
	case GIG_FORECAST_DAMPED: {
		double phi = spec->method == GIG_FORECAST_HOLT ? 1.0 : spec->phi;

		gig__holt_core(y, n, spec->alpha, spec->beta, phi, y[0], y[1] - y[0], fitted, from,
		               &l, &b);
		gig__holt_forecast(l, b, phi, forecast, h);
		break;
	}
	case GIG_FORECAST_HW:
		gig__hw_simple_init(y, &st);
		gig__hw_core(y, n, spec->alpha, spec->beta, spec->gamma, &st, fitted, from, &end);
		gig__hw_forecast(&end, n, forecast, h);
		break;
	case GIG_FORECAST_CROSTON:
	case GIG_FORECAST_SBA:
		gig__croston_core(y, n, spec->alpha, spec->method == GIG_FORECAST_SBA, fitted, from,
		                  &im);
		fill(forecast, h, im.forecast);
		break;
	case GIG_FORECAST_TSB:
		gig__tsb_core(y, n, spec->alpha, spec->beta, fitted, from, &im);
		fill(forecast, h, im.forecast);
		break;
	case GIG_FORECAST_COMBO:
		combo_run(spec, y, n, fitted, from, forecast, h);
		break;
	default:
		break;
	}
}

bool
gig_forecast_run(const gig_forecast_spec *spec, const double *y, size_t n, double *fitted,
                 double *forecast, size_t h)
{
	if (spec == NULL || y == NULL || !gig__forecast_spec_valid(spec) ||
	    n < gig_forecast_min_length(spec->method) || !gig__forecast_all_finite(y, n))
		return false;
	if ((spec->method == GIG_FORECAST_CROSTON || spec->method == GIG_FORECAST_SBA ||
	     spec->method == GIG_FORECAST_TSB || spec->method == GIG_FORECAST_COMBO) &&
	    gig__forecast_any_negative(y, n))
		return false;
	gig__forecast_run_from(spec, y, n, fitted, 0, forecast, h);
	return true;
}

/* ---- order statistics and quantiles --------------------------------------------------------------- */

/* Places the k-th smallest of x[0..n-1] at x[k], smaller-or-equal values before it and
 * larger-or-equal after it (quickselect, Hoare partition around a median of three, which
 * copes well with the many ties of censored runways).  Expected O(n). */
static void
select_kth(double *x, size_t n, size_t k)
{
	ptrdiff_t lo = 0, hi = (ptrdiff_t)n - 1, kk = (ptrdiff_t)k;

	while (hi - lo > 16) {
		ptrdiff_t mid = lo + (hi - lo) / 2, i = lo, j = hi;
		double tmp;

		if (x[mid] < x[lo]) {
			tmp = x[mid], x[mid] = x[lo], x[lo] = tmp;
		}
		if (x[hi] < x[lo]) {
			tmp = x[hi], x[hi] = x[lo], x[lo] = tmp;
		}
		if (x[hi] < x[mid]) {
			tmp = x[hi], x[hi] = x[mid], x[mid] = tmp;
		}
		double pivot = x[mid];

		while (i <= j) {
			while (x[i] < pivot)
				i++;
			while (x[j] > pivot)
				j--;
			if (i <= j) {
				tmp = x[i], x[i] = x[j], x[j] = tmp;
				i++;
				j--;
			}
		}
		/* Now x[lo..j] <= pivot <= x[i..hi] and anything in between equals it. */
		if (kk <= j)
			hi = j;
		else if (kk >= i)
			lo = i;
		else
			return;
	}
	/* Insertion sort finishes a short range. */
	for (ptrdiff_t a = lo + 1; a <= hi; a++) {
		double v = x[a];
		ptrdiff_t b = a;

		for (; b > lo && x[b - 1] > v; b--)
			x[b] = x[b - 1];
		x[b] = v;
	}
}

double
gig__forecast_order_stat(double *x, size_t n, size_t k)
{
	select_kth(x, n, k);
	return x[k];
}

void
gig__forecast_quantiles(double *x, size_t n, const double *q, size_t m, double *out)
{
	size_t base = 0;

	for (size_t i = 0; i < m; i++) {
		double pos = (double)(n - 1) * fmin(1, fmax(0, q[i]));
		size_t lo = (size_t)floor(pos);
		double frac = pos - (double)lo;

		if (lo >= n)
			lo = n - 1;
		/* Everything left of base is already among the smallest, so the lo-th
		 * smallest overall is found within x[base..]. */
		if (lo >= base) {
			select_kth(x + base, n - base, lo - base);
			base = lo;
		}
		double v = x[lo];

		if (frac > 0 && lo + 1 < n) {
			double next = x[lo + 1];

			for (size_t j = lo + 2; j < n; j++)
				next = fmin(next, x[j]);
			v += frac * (next - v);
		}
		out[i] = v;
	}
}

double
gig_forecast_quantile_sorted(const double *x, size_t n, double q)
{
	if (x == NULL || n == 0)
		return 0;
	if (q <= 0)
		return x[0];
	if (q >= 1)
		return x[n - 1];
	double pos = (double)(n - 1) * q;
	size_t lo = (size_t)floor(pos);
	double frac = pos - (double)lo;

	if (lo + 1 >= n)
		return x[n - 1];
	return x[lo] + frac * (x[lo + 1] - x[lo]);
}
