/*
 * forecast_optim.c: exponential smoothing with optimised parameters (SES, Holt, damped
 * Holt, additive Holt-Winters).
 *
 * Two nested problems.  For fixed smoothing parameters the one-step fitted values are
 * affine in the initial states (level, trend, seasonals): the recursions are linear in
 * their state and in y.  So the best initial states are an ordinary least-squares
 * problem, solved exactly by running the recursion once on y from a zero state and once
 * per state component on y = 0 from a unit state; those runs give the design matrix row
 * by row, which is folded into a small QR factorisation with Givens rotations (no n-sized
 * storage).  The smoothing parameters are then searched over a grid and refined (golden
 * section in 1-D, bounded Nelder-Mead in 2-D and 3-D; both tools are in
 * forecast_numeric.c).  Everything is deterministic.
 */
#include "forecast_internal.h"

#include <math.h>
#include <string.h>

#define ALPHA_LO 1e-4
#define ALPHA_HI 0.9999
#define PHI_LO 0.8
#define PHI_HI 0.98

/* ---- SES ------------------------------------------------------------------------------- */

typedef struct {
	const double *y;
	size_t n;
	double l0; /* the best l0 for the last alpha evaluated */
} ses_ctx;

/* SSE of SES at alpha with its least-squares l0. */
static double
ses_objective(double alpha, ses_ctx *ctx)
{
	gig__lsq ls;
	double c = 0, a = 1, x;

	gig__lsq_init(&ls, 1);
	for (size_t t = 0; t < ctx->n; t++) {
		/* fitted_t = c_t + a_t l0 with a_t = (1 - alpha)^t. */
		double row = a;

		gig__lsq_add(&ls, &row, ctx->y[t] - c);
		c += alpha * (ctx->y[t] - c);
		a *= 1 - alpha;
	}
	gig__lsq_solve(&ls, &x);
	ctx->l0 = x;

	double l = x, sse = 0;

	for (size_t t = 0; t < ctx->n; t++) {
		double e = ctx->y[t] - l;

		sse += e * e;
		l += alpha * e;
	}
	return sse;
}

bool
gig_forecast_ses_opt(const double *y, size_t n, gig_forecast_fit *out, double *fitted,
                     double *forecast)
{
	ses_ctx ctx = {y, n, 0};
	double grid[101];
	double best_a = ALPHA_LO, best = INFINITY;
	size_t best_i = 0, count = 0;

	if (y == NULL || n == 0 || out == NULL || !gig__forecast_all_finite(y, n))
		return false;
	grid[count++] = ALPHA_LO;
	for (int i = 1; i <= 99; i++)
		grid[count++] = i / 100.0;
	grid[count++] = ALPHA_HI;
	for (size_t i = 0; i < count; i++) {
		double sse = ses_objective(grid[i], &ctx);

		if (sse < best) {
			best = sse;
			best_a = grid[i];
			best_i = i;
		}
	}

	/* Golden section between the neighbours of the best grid point. */
	const double inv_phi = (sqrt(5.0) - 1) / 2;
	double lo = grid[best_i == 0 ? 0 : best_i - 1];
	double hi = grid[best_i + 1 < count ? best_i + 1 : count - 1];
	double x1 = hi - inv_phi * (hi - lo), x2 = lo + inv_phi * (hi - lo);
	double f1 = ses_objective(x1, &ctx), f2 = ses_objective(x2, &ctx);

	for (int it = 0; it < 200 && hi - lo > 1e-12; it++) {
		if (f1 <= f2) {
			hi = x2;
			x2 = x1;
			f2 = f1;
			x1 = hi - inv_phi * (hi - lo);
			f1 = ses_objective(x1, &ctx);
		} else {
			lo = x1;
			x1 = x2;
			f1 = f2;
			x2 = lo + inv_phi * (hi - lo);
			f2 = ses_objective(x2, &ctx);
		}
	}
	if (f1 < best) {
		best = f1;
		best_a = x1;
	}
	if (f2 < best) {
		best = f2;
		best_a = x2;
	}

	memset(out, 0, sizeof(*out));
	out->alpha = best_a;
	out->phi = 1;
	out->sse = ses_objective(best_a, &ctx);
	out->l0 = ctx.l0;
	double l = gig__ses_core(y, n, best_a, ctx.l0, fitted, 0);
	if (forecast != NULL)
		*forecast = l;
	return true;
}

/* ---- Holt and damped Holt ---------------------------------------------------------------- */

typedef struct {
	const double *y;
	size_t n;
	bool damped;
	double l0, b0; /* least-squares states of the last evaluation */
} holt_ctx;

static double
holt_sse(const holt_ctx *ctx, double alpha, double beta, double phi, double *l0, double *b0)
{
	/* Three runs in lockstep: y from (0, 0), and y = 0 from (1, 0) and from (0, 1). */
	double l[3] = {0, 1, 0}, b[3] = {0, 0, 1};
	double x[2];
	gig__lsq ls;

	gig__lsq_init(&ls, 2);
	for (size_t t = 0; t < ctx->n; t++) {
		double f[3], row[2];

		for (int r = 0; r < 3; r++) {
			double obs = r == 0 ? ctx->y[t] : 0;
			double l_new;

			f[r] = l[r] + phi * b[r];
			l_new = f[r] + alpha * (obs - f[r]);
			b[r] = beta * (l_new - l[r]) + (1 - beta) * phi * b[r];
			l[r] = l_new;
		}
		row[0] = f[1];
		row[1] = f[2];
		gig__lsq_add(&ls, row, ctx->y[t] - f[0]);
	}
	gig__lsq_solve(&ls, x);
	*l0 = x[0];
	*b0 = x[1];

	double sse = 0, lv = x[0], bv = x[1];

	for (size_t t = 0; t < ctx->n; t++) {
		double fv = lv + phi * bv, e = ctx->y[t] - fv, l_new = fv + alpha * e;

		sse += e * e;
		bv = beta * (l_new - lv) + (1 - beta) * phi * bv;
		lv = l_new;
	}
	return sse;
}

static double
holt_objective(const double *x, void *vctx)
{
	holt_ctx *ctx = vctx;

	return holt_sse(ctx, x[0], x[1], ctx->damped ? x[2] : 1.0, &ctx->l0, &ctx->b0);
}

/* Grid values for alpha and beta: both bounds and every 0.05 in between. */
static size_t
param_grid(double *g, double step)
{
	size_t count = 0;

	g[count++] = ALPHA_LO;
	for (int i = 1; i * step < 1 - 1e-9; i++)
		g[count++] = i * step;
	g[count++] = ALPHA_HI;
	return count;
}

bool
gig_forecast_holt_opt(const double *y, size_t n, bool damped, gig_forecast_fit *out, double *fitted,
                      double *forecast, size_t h)
{
	holt_ctx ctx = {y, n, damped, 0, 0};
	static const double phis[] = {0.8, 0.85, 0.9, 0.95, 0.98};
	double g[32], x[3], best_x[3] = {ALPHA_LO, ALPHA_LO, damped ? PHI_LO : 1};
	double best = INFINITY;
	size_t count, d = damped ? 3 : 2;

	if (y == NULL || n < 2 || out == NULL || !gig__forecast_all_finite(y, n))
		return false;
	count = param_grid(g, 0.05);
	for (size_t i = 0; i < count; i++) {
		for (size_t j = 0; j < count; j++) {
			for (size_t k = 0; k < (damped ? 5u : 1u); k++) {
				x[0] = g[i];
				x[1] = g[j];
				x[2] = damped ? phis[k] : 1;
				double sse = holt_objective(x, &ctx);

				if (sse < best) {
					best = sse;
					memcpy(best_x, x, sizeof(x));
				}
			}
		}
	}
	const double lo[3] = {ALPHA_LO, ALPHA_LO, PHI_LO};
	const double hi[3] = {ALPHA_HI, ALPHA_HI, PHI_HI};
	const double step[3] = {0.05, 0.05, 0.03};

	best = gig__minimise(holt_objective, &ctx, d, best_x, best, lo, hi, step);

	memset(out, 0, sizeof(*out));
	out->alpha = best_x[0];
	out->beta = best_x[1];
	out->phi = damped ? best_x[2] : 1;
	out->sse = holt_sse(&ctx, out->alpha, out->beta, out->phi, &out->l0, &out->b0);

	double l, b;

	gig__holt_core(y, n, out->alpha, out->beta, out->phi, out->l0, out->b0, fitted, 0, &l, &b);
	gig__holt_forecast(l, b, out->phi, forecast, h);
	return true;
}

/* ---- additive Holt-Winters ---------------------------------------------------------------- */

#define HW_RUNS (2 + GIG_FORECAST_SEASON + 1)

typedef struct {
	const double *y;
	size_t n;
	gig__hw_state init; /* least-squares states of the last evaluation */
} hw_ctx;

static double
hw_sse(hw_ctx *ctx, double alpha, double beta, double gamma)
{
	/* Run 0 is y from a zero state; run 1 + k is y = 0 from unit state component k
	 * (l0, b0, s_1..s_12).  Their fitted values give the design matrix. */
	gig__hw_state st[HW_RUNS];
	gig__lsq ls;
	double x[GIG__LSQ_MAX];
	const size_t m = GIG_FORECAST_SEASON;

	memset(st, 0, sizeof(st));
	st[1].l = 1;
	st[2].b = 1;
	for (size_t k = 0; k < m; k++)
		st[3 + k].s[k] = 1;
	gig__lsq_init(&ls, 1 + m);
	for (size_t t = 0; t < ctx->n; t++) {
		size_t slot = t % m;
		double f[HW_RUNS], row[GIG__LSQ_MAX];

		for (size_t r = 0; r < HW_RUNS; r++) {
			double obs = r == 0 ? ctx->y[t] : 0;
			double fr = st[r].l + st[r].b + st[r].s[slot];
			double e = obs - fr, l_new = st[r].l + st[r].b + alpha * e;

			f[r] = fr;
			st[r].b = beta * (l_new - st[r].l) + (1 - beta) * st[r].b;
			st[r].l = l_new;
			st[r].s[slot] += gamma * e;
		}
		/* The seasonals sum to zero: s_12 = -(s_1 + ... + s_11), so column k of the
		 * free seasonals is (response to s_k) - (response to s_12). */
		row[0] = f[1];
		row[1] = f[2];
		for (size_t k = 0; k + 1 < m; k++)
			row[2 + k] = f[3 + k] - f[3 + m - 1];
		gig__lsq_add(&ls, row, ctx->y[t] - f[0]);
	}
	gig__lsq_solve(&ls, x);

	double last = 0;

	ctx->init.l = x[0];
	ctx->init.b = x[1];
	for (size_t k = 0; k + 1 < m; k++) {
		ctx->init.s[k] = x[2 + k];
		last -= x[2 + k];
	}
	ctx->init.s[m - 1] = last;

	gig__hw_state s = ctx->init;
	double sse = 0;

	for (size_t t = 0; t < ctx->n; t++) {
		size_t slot = t % m;
		double fr = s.l + s.b + s.s[slot], e = ctx->y[t] - fr,
		       l_new = s.l + s.b + alpha * e;

		sse += e * e;
		s.b = beta * (l_new - s.l) + (1 - beta) * s.b;
		s.l = l_new;
		s.s[slot] += gamma * e;
	}
	return sse;
}

/* x = (alpha, beta, g) with gamma = g (1 - alpha), which turns gamma <= 1 - alpha into a
 * box constraint. */
static double
hw_objective(const double *x, void *vctx)
{
	return hw_sse(vctx, x[0], x[1], x[2] * (1 - x[0]));
}

bool
gig_forecast_hw_opt(const double *y, size_t n, gig_forecast_fit *out, double *fitted,
                    double *forecast, size_t h)
{
	hw_ctx ctx;
	double g[32], x[3], best_x[3] = {ALPHA_LO, ALPHA_LO, 0};
	double best = INFINITY;
	size_t count;
	static const double gs[] = {0, 0.25, 0.5, 0.75, 1};

	if (y == NULL || n < 2 * GIG_FORECAST_SEASON || out == NULL ||
	    !gig__forecast_all_finite(y, n))
		return false;
	memset(&ctx, 0, sizeof(ctx));
	ctx.y = y;
	ctx.n = n;
	count = param_grid(g, 0.1);
	for (size_t i = 0; i < count; i++) {
		for (size_t j = 0; j < count; j++) {
			for (size_t k = 0; k < sizeof(gs) / sizeof(gs[0]); k++) {
				x[0] = g[i];
				x[1] = g[j];
				x[2] = gs[k];
				double sse = hw_objective(x, &ctx);

				if (sse < best) {
					best = sse;
					memcpy(best_x, x, sizeof(x));
				}
			}
		}
	}
	const double lo[3] = {ALPHA_LO, ALPHA_LO, 0};
	const double hi[3] = {ALPHA_HI, ALPHA_HI, 1};
	const double step[3] = {0.05, 0.05, 0.1};

	best = gig__minimise(hw_objective, &ctx, 3, best_x, best, lo, hi, step);

	memset(out, 0, sizeof(*out));
	out->alpha = best_x[0];
	out->beta = best_x[1];
	out->gamma = best_x[2] * (1 - best_x[0]);
	out->phi = 1;
	out->sse = hw_sse(&ctx, out->alpha, out->beta, out->gamma);
	out->l0 = ctx.init.l;
	out->b0 = ctx.init.b;
	memcpy(out->season, ctx.init.s, sizeof(out->season));

	gig__hw_state end;

	gig__hw_core(y, n, out->alpha, out->beta, out->gamma, &ctx.init, fitted, 0, &end);
	gig__hw_forecast(&end, n, forecast, h);
	return true;
}
