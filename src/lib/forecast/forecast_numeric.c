/*
 * forecast_numeric.c: the two numerical tools the optimised fits need: a streaming
 * least-squares solver (QR by Givens rotations, one row at a time, so no design matrix
 * is ever stored) and a bounded Nelder-Mead minimiser for 1 to 3 parameters.
 */
#include "forecast_internal.h"

#include <math.h>
#include <string.h>

/* ---- streaming least squares ------------------------------------------------------------- */

void
gig__lsq_init(gig__lsq *ls, size_t p)
{
	memset(ls, 0, sizeof(*ls));
	ls->p = p;
}

/* Folds the row (a, b) into R with Givens rotations; a is clobbered. */
void
gig__lsq_add(gig__lsq *ls, double *a, double b)
{
	for (size_t k = 0; k < ls->p; k++) {
		if (a[k] == 0)
			continue;
		double rkk = ls->r[k][k];

		if (rkk == 0) {
			/* An empty pivot row simply takes the rest of this row. */
			for (size_t j = k; j < ls->p; j++)
				ls->r[k][j] = a[j];
			ls->qtb[k] = b;
			return;
		}
		double h = sqrt(rkk * rkk + a[k] * a[k]);
		double c = rkk / h, s = a[k] / h;

		for (size_t j = k; j < ls->p; j++) {
			double rv = ls->r[k][j], av = a[j];

			ls->r[k][j] = c * rv + s * av;
			a[j] = c * av - s * rv;
		}
		double qb = ls->qtb[k];

		ls->qtb[k] = c * qb + s * b;
		b = c * b - s * qb;
	}
}

/*
 * Back substitution.  A pivot that is negligible next to the largest one means that
 * state is (numerically) not identified by the data, e.g. the initial level when
 * alpha is close to 1; it is then set to 0, which does not change the fit.
 */
void
gig__lsq_solve(const gig__lsq *ls, double *x)
{
	double big = 0;

	for (size_t k = 0; k < ls->p; k++)
		big = fmax(big, fabs(ls->r[k][k]));
	for (size_t k = ls->p; k-- > 0;) {
		if (!(fabs(ls->r[k][k]) > 1e-12 * big)) {
			x[k] = 0;
			continue;
		}
		double s = ls->qtb[k];

		for (size_t j = k + 1; j < ls->p; j++)
			s -= ls->r[k][j] * x[j];
		x[k] = s / ls->r[k][k];
	}
}

/* ---- bounded Nelder-Mead ------------------------------------------------------------------- */

static void
clamp_point(double *x, size_t d, const double *lo, const double *hi)
{
	for (size_t i = 0; i < d; i++)
		x[i] = fmin(hi[i], fmax(lo[i], x[i]));
}

/*
 * Minimises f over the box [lo, hi] from x (updated in place), trial points clamped into
 * the box.  Returns the best value found.  Small dimension, so the simplex is kept
 * unsorted and searched each round.
 */
static double
nelder_mead(gig__objective_fn f, void *ctx, size_t d, double *x, double fx, const double *lo,
            const double *hi, const double *step, int max_eval)
{
	double pts[GIG__NM_MAX_DIM + 1][GIG__NM_MAX_DIM], val[GIG__NM_MAX_DIM + 1];
	double c[GIG__NM_MAX_DIM], xr[GIG__NM_MAX_DIM], xe[GIG__NM_MAX_DIM];
	int evals = 0;

	for (size_t i = 0; i <= d; i++) {
		memcpy(pts[i], x, d * sizeof(double));
		if (i > 0) {
			double s = step[i - 1];

			if (x[i - 1] + s > hi[i - 1])
				s = -s;
			pts[i][i - 1] += s;
			clamp_point(pts[i], d, lo, hi);
			val[i] = f(pts[i], ctx);
			evals++;
		} else {
			val[0] = fx;
		}
	}
	while (evals < max_eval) {
		size_t best = 0, worst = 0, second = 0;

		for (size_t i = 1; i <= d; i++) {
			if (val[i] < val[best])
				best = i;
			if (val[i] > val[worst])
				worst = i;
		}
		second = best;
		for (size_t i = 0; i <= d; i++) {
			if (i != worst && val[i] > val[second])
				second = i;
		}
		double spread = 0;

		for (size_t i = 0; i <= d; i++) {
			for (size_t j = 0; j < d; j++)
				spread = fmax(spread, fabs(pts[i][j] - pts[best][j]));
		}
		if (spread < 1e-10 || val[worst] - val[best] <= 1e-15 * fabs(val[best]) + 1e-300)
			break;
		for (size_t j = 0; j < d; j++) {
			c[j] = 0;
			for (size_t i = 0; i <= d; i++) {
				if (i != worst)
					c[j] += pts[i][j];
			}
			c[j] /= (double)d;
			xr[j] = c[j] + (c[j] - pts[worst][j]);
		}
		clamp_point(xr, d, lo, hi);
		double fr = f(xr, ctx);

		evals++;
		if (fr < val[best]) {
			for (size_t j = 0; j < d; j++)
				xe[j] = c[j] + 2 * (c[j] - pts[worst][j]);
			clamp_point(xe, d, lo, hi);
			double fe = f(xe, ctx);

			evals++;
			if (fe < fr) {
				memcpy(pts[worst], xe, d * sizeof(double));
				val[worst] = fe;
			} else {
				memcpy(pts[worst], xr, d * sizeof(double));
				val[worst] = fr;
			}
			continue;
		}
		if (fr < val[second]) {
			memcpy(pts[worst], xr, d * sizeof(double));
			val[worst] = fr;
			continue;
		}
		/* Contract towards the better of the worst point and its reflection. */
		bool outside = fr < val[worst];

		for (size_t j = 0; j < d; j++) {
			double from = outside ? xr[j] : pts[worst][j];

			xe[j] = c[j] + 0.5 * (from - c[j]);
		}
		double fc = f(xe, ctx);

		evals++;
		if (fc < (outside ? fr : val[worst])) {
			memcpy(pts[worst], xe, d * sizeof(double));
			val[worst] = fc;
			continue;
		}
		/* Shrink everything towards the best point. */
		for (size_t i = 0; i <= d; i++) {
			if (i == best)
				continue;
			for (size_t j = 0; j < d; j++)
				pts[i][j] = pts[best][j] + 0.5 * (pts[i][j] - pts[best][j]);
			val[i] = f(pts[i], ctx);
			evals++;
		}
	}
	size_t best = 0;

	for (size_t i = 1; i <= d; i++) {
		if (val[i] < val[best])
			best = i;
	}
	if (val[best] < fx) {
		memcpy(x, pts[best], d * sizeof(double));
		fx = val[best];
	}
	return fx;
}

/*
 * Nelder-Mead restarted from its own answer with a smaller simplex until it stops
 * improving: a collapsed simplex in a curved valley is the classic way it stalls.
 */
double
gig__minimise(gig__objective_fn f, void *ctx, size_t d, double *x, double fx, const double *lo,
              const double *hi, const double *step0)
{
	double step[GIG__NM_MAX_DIM];

	memcpy(step, step0, d * sizeof(double));
	for (int round = 0; round < 8; round++) {
		double before = fx;

		fx = nelder_mead(f, ctx, d, x, fx, lo, hi, step, 600);
		if (!(fx < before - 1e-13 * fabs(before)) && round > 0)
			break;
		for (size_t j = 0; j < d; j++)
			step[j] *= 0.5;
	}
	return fx;
}
