/*
 * forecast_internal.h: helpers shared by the forecast_*.c files and not exported.
 *
 * The recursions here write their one-step fitted values only from index @from on, into
 * fitted[t - from].  That lets the backtest evaluate the last 12 months of a 240-month
 * series with a 12-value buffer instead of allocating n values per method.
 */
#ifndef GIGLEDGER_FORECAST_INTERNAL_H
#define GIGLEDGER_FORECAST_INTERNAL_H

#include "gigledger/forecast.h"

/* true if every value is finite (and n = 0). */
bool gig__forecast_all_finite(const double *y, size_t n);

/* true if some value is < 0. */
bool gig__forecast_any_negative(const double *y, size_t n);

/* Checks spec's parameters for its method. */
bool gig__forecast_spec_valid(const gig_forecast_spec *spec);

/*
 * Runs @spec on y[0..n-1] (n >= min length, parameters already validated), writing
 * fitted[t - from] for t >= from (fitted nullable) and h forecasts (nullable).
 */
void gig__forecast_run_from(const gig_forecast_spec *spec, const double *y, size_t n,
                            double *fitted, size_t from, double *forecast, size_t h);

/* The k-th smallest (0-based) of x, k < n; x is partially reordered. */
double gig__forecast_order_stat(double *x, size_t n, size_t k);

/*
 * Type-7 quantiles of x at the ascending levels q[0..m-1], without a full sort: x is
 * reordered (partially).  Gives exactly the values gig_forecast_quantile_sorted() gives
 * on the sorted array.  n >= 1.
 */
void gig__forecast_quantiles(double *x, size_t n, const double *q, size_t m, double *out);

/* ---- recursion cores (forecast_smooth.c, forecast_intermittent.c) ---- */

/* Holt-Winters state: level, trend and a ring of 12 seasonals; s[t mod 12] is the
 * seasonal observation t (0-based) uses. */
typedef struct {
	double l;
	double b;
	double s[GIG_FORECAST_SEASON];
} gig__hw_state;

/* SES from level l0; returns l_n. */
double gig__ses_core(const double *y, size_t n, double alpha, double l0, double *fitted,
                     size_t from);

void gig__holt_core(const double *y, size_t n, double alpha, double beta, double phi, double l0,
                    double b0, double *fitted, size_t from, double *l_end, double *b_end);

/* forecast[k-1] = l + (phi + ... + phi^k) b. */
void gig__holt_forecast(double l, double b, double phi, double *forecast, size_t h);

void gig__hw_core(const double *y, size_t n, double alpha, double beta, double gamma,
                  const gig__hw_state *init, double *fitted, size_t from, gig__hw_state *end);

/* Forecasts after n observations from the final state. */
void gig__hw_forecast(const gig__hw_state *st, size_t n, double *forecast, size_t h);

/* The simple initialisation from y[0..23]. */
void gig__hw_simple_init(const double *y, gig__hw_state *st);

/* Croston/SBA and TSB on a series already checked to be finite and >= 0. */
void gig__croston_core(const double *y, size_t n, double alpha, bool sba, double *fitted,
                       size_t from, gig_intermittent *out);
void gig__tsb_core(const double *y, size_t n, double alpha_d, double alpha_p, double *fitted,
                   size_t from, gig_intermittent *out);

/* ---- numerical tools (forecast_numeric.c) ---- */

/* At most l0, b0 and 11 free seasonals (the 12th is minus their sum). */
#define GIG__LSQ_MAX 13

/* A least-squares problem being folded in row by row: R and Q^T b of its QR. */
typedef struct {
	size_t p;
	double r[GIG__LSQ_MAX][GIG__LSQ_MAX]; /* upper triangular R */
	double qtb[GIG__LSQ_MAX];             /* Q^T b */
} gig__lsq;

void gig__lsq_init(gig__lsq *ls, size_t p);
/* Adds the row (a[0..p-1], b); a is clobbered. */
void gig__lsq_add(gig__lsq *ls, double *a, double b);
/* The least-squares solution; unidentified components (negligible pivots) are 0. */
void gig__lsq_solve(const gig__lsq *ls, double *x);

#define GIG__NM_MAX_DIM 3

typedef double (*gig__objective_fn)(const double *x, void *ctx);

/*
 * Minimises f over the box [lo, hi] (d <= 3 dimensions) from x, whose value is fx:
 * Nelder-Mead with trial points clamped into the box, restarted with a smaller simplex
 * while it keeps improving.  x is updated to the best point; returns its value.
 */
double gig__minimise(gig__objective_fn f, void *ctx, size_t d, double *x, double fx,
                     const double *lo, const double *hi, const double *step0);

#endif
