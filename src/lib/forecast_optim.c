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
 * section in 1-D, bounded Nelder-Mead in 2-D and 3-D).  Everything is deterministic.
 */
#include "forecast_internal.h"

#include <math.h>
#include <string.h>

#define ALPHA_LO 1e-4
#define ALPHA_HI 0.9999
#define PHI_LO 0.8
#define PHI_HI 0.98

/* ---- streaming least squares ------------------------------------------------------------- */

/* At most l0, b0 and 11 free seasonals (the 12th is minus their sum). */
#define LSQ_MAX 13

typedef struct {
	size_t p;
	double r[LSQ_MAX][LSQ_MAX]; /* upper triangular R of the QR factorisation */
	double qtb[LSQ_MAX];        /* Q^T b */
} lsq;

static void
lsq_init(lsq *ls, size_t p)
{
	memset(ls, 0, sizeof(*ls));
	ls->p = p;
}

/* Folds the row (a, b) into R with Givens rotations; a is clobbered. */
static void
lsq_add(lsq *ls, double *a, double b)
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
static void
lsq_solve(const lsq *ls, double *x)
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
	lsq ls;
	double c = 0, a = 1, x;

	lsq_init(&ls, 1);
	for (size_t t = 0; t < ctx->n; t++) {
		/* fitted_t = c_t + a_t l0 with a_t = (1 - alpha)^t. */
		double row = a;

		lsq_add(&ls, &row, ctx->y[t] - c);
		c += alpha * (ctx->y[t] - c);
		a *= 1 - alpha;
	}
	lsq_solve(&ls, &x);
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

/* ---- bounded Nelder-Mead ------------------------------------------------------------------- */

#define NM_MAX_DIM 3

typedef double (*objective_fn)(const double *x, void *ctx);

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
nelder_mead(objective_fn f, void *ctx, size_t d, double *x, double fx, const double *lo,
            const double *hi, const double *step, int max_eval)
{
	double pts[NM_MAX_DIM + 1][NM_MAX_DIM], val[NM_MAX_DIM + 1];
	double c[NM_MAX_DIM], xr[NM_MAX_DIM], xe[NM_MAX_DIM];
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
static double
minimise(objective_fn f, void *ctx, size_t d, double *x, double fx, const double *lo,
         const double *hi, const double *step0)
{
	double step[NM_MAX_DIM];

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
	lsq ls;

	lsq_init(&ls, 2);
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
		lsq_add(&ls, row, ctx->y[t] - f[0]);
	}
	lsq_solve(&ls, x);
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

	best = minimise(holt_objective, &ctx, d, best_x, best, lo, hi, step);

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
	lsq ls;
	double x[LSQ_MAX];
	const size_t m = GIG_FORECAST_SEASON;

	memset(st, 0, sizeof(st));
	st[1].l = 1;
	st[2].b = 1;
	for (size_t k = 0; k < m; k++)
		st[3 + k].s[k] = 1;
	lsq_init(&ls, 1 + m);
	for (size_t t = 0; t < ctx->n; t++) {
		size_t slot = t % m;
		double f[HW_RUNS], row[LSQ_MAX];

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
		lsq_add(&ls, row, ctx->y[t] - f[0]);
	}
	lsq_solve(&ls, x);

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

	best = minimise(hw_objective, &ctx, 3, best_x, best, lo, hi, step);

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
