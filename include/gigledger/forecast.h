/*
 * forecast.h: forecasting and runway arithmetic on monthly series.
 *
 * This module turns a producer's monthly history into the figures the runway report
 * stands on: smoothed income forecasts, the automatic method choice, probabilistic
 * runway, reserve target, sustainable salary, tax set-aside and dry-spell statistics.
 *
 * Conventions that hold for every function below:
 *
 *  - Units.  Monthly amounts are minor currency units (cents) held in a double.  The
 *    ledger converts its int64_t minor units to double only when calling this module;
 *    callers convert results back conservatively (salaries rounded down, reserves and
 *    set-asides rounded up).  Runway figures are in months.
 *  - Series.  y[0] is the first ledger month, y[n-1] the latest; one value per calendar
 *    month, zeros for months without income, no leading padding.  Equations in the
 *    comments use 1-based y_1..y_n like the published literature.
 *  - Pure.  No I/O, no locale, no clock, no global state, no GLib.  Randomness comes
 *    from a seed the caller passes, so every result is reproducible.  Functions are
 *    thread-safe as long as callers do not share output buffers.
 *  - Memory.  Nothing allocates except gig_runway_bootstrap(),
 *    gig_runway_bootstrap_scenario() and gig_runway_risk_salary() when the caller does
 *    not supply a workspace (see gig_runway_options.work), and
 *    gig_runway_balance_band() always.  Output arrays are caller-owned.
 *  - Errors.  Functions return false for invalid arguments (NULL series, n too small,
 *    a parameter outside its documented range, NaN or infinite input) and then leave
 *    their outputs untouched unless stated otherwise.  No GError: this code cannot fail
 *    at run time other than by being misused.
 *  - NaN.  Forecasts, runway figures, reserves and salaries are never NaN.  The only
 *    NaN values this module writes are documented: fitted[0] of Croston/SBA/TSB (no
 *    information before the first month), MASE/RMSSE of a backtest row whose scale is
 *    undefined, and the SBC CV^2 with fewer than two payments.  Infinite runway (income
 *    covers expenses) is reported as INFINITY, never as a large number.
 *
 * The definitions follow tests/data/forecast-oracle/README.md, which the tests check
 * to 1e-9 relative.
 */
#ifndef GIGLEDGER_FORECAST_H
#define GIGLEDGER_FORECAST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "gigledger/common.h"

GIG_BEGIN_DECLS

/* Forecast horizon the report uses (months) and the Holt-Winters season length. */
#define GIG_FORECAST_HORIZON 12
#define GIG_FORECAST_SEASON 12

/* Longest backtest row name, including the terminating NUL. */
#define GIG_FORECAST_NAME_MAX 32

/*
 * The forecasting methods.  Level methods (naive, mean, SES, Croston, SBA, TSB) have one
 * flat forecast; trend and seasonal methods (Holt, damped Holt, Holt-Winters) one value
 * per step ahead.
 */
typedef enum {
	GIG_FORECAST_ZERO = 0, /* always 0: a benchmark, never chosen */
	GIG_FORECAST_NAIVE,    /* the last value */
	GIG_FORECAST_MEAN,     /* mean of all earlier values */
	GIG_FORECAST_SES,      /* simple exponential smoothing, l0 = y_1 */
	GIG_FORECAST_HOLT,     /* Holt's linear trend, l0 = y_1, b0 = y_2 - y_1 */
	GIG_FORECAST_DAMPED,   /* Holt with damped trend (phi) */
	GIG_FORECAST_HW,       /* additive Holt-Winters, m = 12, simple init; n >= 24 */
	GIG_FORECAST_CROSTON,  /* Croston (size and interval smoothed with alpha) */
	GIG_FORECAST_SBA,      /* Syntetos-Boylan approximation: Croston x (1 - alpha/2) */
	GIG_FORECAST_TSB,      /* Teunter-Syntetos-Babai: probability x size */
	GIG_FORECAST_COMBO,    /* mean of mean, SES alpha, SBA alpha and TSB alpha/beta */
	GIG_FORECAST_METHOD_COUNT
} gig_forecast_method;

/*
 * A method and its smoothing parameters.  Fields a method does not use are ignored.
 * Ranges: alpha in (0, 1]; beta (classical beta*) in [0, 1]; gamma in [0, 1]; phi in
 * (0, 1] (damped) and forced to 1 for plain Holt.  For TSB, alpha smooths the size and
 * beta the probability.
 */
typedef struct {
	gig_forecast_method method;
	double alpha;
	double beta;
	double gamma;
	double phi;
} gig_forecast_spec;

/*
 * The fixed parameters the report and the backtest use for @method: SES, Croston, SBA
 * alpha 0.1; TSB 0.1 / 0.1; Holt alpha 0.3, beta* 0.1; damped Holt the same with
 * phi 0.9; Holt-Winters 0.3 / 0.1 / 0.1.
 */
GIG_API gig_forecast_spec gig_forecast_spec_default(gig_forecast_method method);

/* "naive", "ses", "holt", ... (the names gig forecast --method accepts). */
GIG_API const char *gig_forecast_method_name(gig_forecast_method method);

/* Reverse of gig_forecast_method_name(); false if @name is unknown. */
GIG_API bool gig_forecast_method_from_name(const char *name, gig_forecast_method *out);

/*
 * The smallest n a method accepts: 1 for level methods, 2 for Holt and damped Holt,
 * 24 for Holt-Winters.
 */
GIG_API size_t gig_forecast_min_length(gig_forecast_method method);

/*
 * Runs one method on y[0..n-1].
 *
 * @fitted (nullable, n values): one-step-ahead in-sample values; fitted[t] is the
 *   forecast of y[t] made from y[0..t-1] (for SES, Holt and HW the first one comes from
 *   the initial state).  Croston/SBA/TSB write NaN to fitted[0].
 * @forecast (nullable, h values): forecasts for months n+1..n+h; level methods repeat
 *   their one value.
 *
 * Returns false if n < gig_forecast_min_length(), a parameter is out of range, y holds a
 * non-finite value, or an intermittent method (Croston, SBA, TSB) meets a negative value
 * (they are defined for income, never for net flow).
 */
GIG_API bool gig_forecast_run(const gig_forecast_spec *spec, const double *y, size_t n,
                              double *fitted, double *forecast, size_t h);

/* Sum of (y[t] - fitted[t])^2 over t where fitted[t] is not NaN; 0 for n = 0. */
GIG_API double gig_forecast_sse(const double *y, const double *fitted, size_t n);

/*
 * Simple exponential smoothing, l0 = y_1: fitted_t = l_{t-1},
 * l_t = l_{t-1} + alpha (y_t - l_{t-1}).  alpha = 1 forecasts the last value.
 * @forecast (nullable) receives the one flat forecast l_n.
 */
GIG_API bool gig_forecast_ses(const double *y, size_t n, double alpha, double *fitted,
                              double *forecast);

/*
 * Holt's linear trend (phi = 1) or damped trend (phi < 1) with l0 = y_1,
 * b0 = y_2 - y_1; needs n >= 2.  fitted_t = l_{t-1} + phi b_{t-1};
 * l_t = fitted_t + alpha e_t; b_t = beta (l_t - l_{t-1}) + (1 - beta) phi b_{t-1}.
 * forecast[k-1] = l_n + (phi + ... + phi^k) b_n for k = 1..h.
 */
GIG_API bool gig_forecast_holt(const double *y, size_t n, double alpha, double beta, double phi,
                               double *fitted, double *forecast, size_t h);

/*
 * Additive Holt-Winters, m = 12, simple initialisation (needs n >= 24):
 * l0 = mean(y_1..y_12), b0 = (mean(y_13..y_24) - l0) / 12, s_j = y_j - l0 for j = 1..12.
 * The seasonal moves by gamma times the one-step error (error-correction form).
 * @init (nullable, 14 values) receives l0, b0, s_1..s_12.
 */
GIG_API bool gig_forecast_hw(const double *y, size_t n, double alpha, double beta, double gamma,
                             double *init, double *fitted, double *forecast, size_t h);

/* State at the end of an intermittent-demand fit. */
typedef struct {
	double forecast;       /* the flat rate per month; 0 before any payment */
	double demand_level;   /* smoothed payment size z (NaN for Croston with no payment,
				  0 for TSB with no payment) */
	double interval_level; /* Croston/SBA: smoothed interval p (NaN with no payment);
				  TSB: smoothed probability of a payment month */
	size_t demands;        /* months with y > 0 */
} gig_intermittent;

/*
 * Croston (sba = false) or SBA (sba = true, rate x (1 - alpha/2)), the same alpha for
 * size and interval.  z starts at the first payment and p at its 1-based position.
 * fitted[0] = NaN; later fitted values are the rate after the previous month (0 before
 * the first payment).  @out is nullable.  Returns false on a negative value.
 */
GIG_API bool gig_forecast_croston(const double *y, size_t n, double alpha, bool sba, double *fitted,
                                  gig_intermittent *out);

/*
 * TSB with alpha_d for the size and alpha_p for the probability; p_1 = 1{y_1 > 0} and
 * p is updated every month, z only in payment months.  Returns false on a negative value.
 */
GIG_API bool gig_forecast_tsb(const double *y, size_t n, double alpha_d, double alpha_p,
                              double *fitted, gig_intermittent *out);

/*
 * Optimised exponential smoothing.  Smoothing parameters minimise the in-sample SSE over
 * t = 1..n; for each trial the initial states are solved exactly by least squares (they
 * enter the fitted values linearly).  Bounds: alpha, beta in [1e-4, 0.9999], phi in
 * [0.8, 0.98] (damped), gamma in [0, 1 - alpha].  Search: a grid, then golden section
 * (SES) or bounded Nelder-Mead (Holt, HW).  Deterministic.
 */
typedef struct {
	double alpha;
	double beta;  /* classical beta*; R ets reports alpha * beta */
	double gamma; /* Holt-Winters only */
	double phi;   /* 1 unless damped */
	double l0;
	double b0;
	double season[GIG_FORECAST_SEASON]; /* s_1..s_12 (sum 0), Holt-Winters only */
	double sse;
} gig_forecast_fit;

/* SES with optimised alpha and l0; n >= 1.  @fitted, @forecast nullable (1 value). */
GIG_API bool gig_forecast_ses_opt(const double *y, size_t n, gig_forecast_fit *out, double *fitted,
                                  double *forecast);

/* Holt (damped = false) or damped Holt with optimised parameters and (l0, b0); n >= 2. */
GIG_API bool gig_forecast_holt_opt(const double *y, size_t n, bool damped, gig_forecast_fit *out,
                                   double *fitted, double *forecast, size_t h);

/* Additive Holt-Winters, m = 12, optimised parameters and states; n >= 24. */
GIG_API bool gig_forecast_hw_opt(const double *y, size_t n, gig_forecast_fit *out, double *fitted,
                                 double *forecast, size_t h);

/* ---- Syntetos-Boylan-Croston classification ---------------------------------------- */

typedef enum {
	GIG_SBC_NO_DEMAND = 0,  /* no month with y > 0 */
	GIG_SBC_CROSTON_OR_SES, /* smooth or erratic-but-frequent: SES is fine */
	GIG_SBC_SBA,            /* ADI > 1.32 or CV^2 > 0.49: intermittent or lumpy */
} gig_sbc_class;

typedef struct {
	double adi; /* mean interval between payments, the first counted from the start; 0
		       with no payment */
	double cv2; /* (sample sd / mean)^2 of the payment sizes; NaN with < 2 payments */
	gig_sbc_class cls;
} gig_sbc;

/* Classifies y (n >= 0).  Returns false on a negative value. */
GIG_API bool gig_forecast_sbc(const double *y, size_t n, gig_sbc *out);

/* "sba", "croston_or_ses" or "no_demand". */
GIG_API const char *gig_sbc_class_name(gig_sbc_class cls);

/* ---- Rolling-origin backtest and method choice ---------------------------------------- */

/* Up to: zero, naive, mean, ses x2, holt, damped, hw, croston, sba, tsb. */
#define GIG_BACKTEST_MAX_ROWS 11

typedef struct {
	char name[GIG_FORECAST_NAME_MAX]; /* oracle row name, e.g. "ses_a0.1" */
	gig_forecast_spec spec;
	double mae;
	double rmse;
	double mase;  /* NaN when the scale is undefined */
	double rmsse; /* NaN when the scale is undefined */
} gig_backtest_row;

/*
 * One-step rolling-origin evaluation over the last min(12, n - 3) months (n >= 4):
 * origins t = max(3, n - 12) .. n - 1 (0-based), each forecasting y_t from y_0..y_{t-1}
 * with fixed parameters.  Scales follow the M5 rule: mean |diff| and mean diff^2 of the
 * training part y_0..y_{first_origin-1} from its first non-zero value on.
 */
typedef struct {
	size_t first_origin;
	double scale_mae; /* NaN if undefined (fewer than 2 values, or mean |diff| = 0) */
	double scale_mse;
	size_t n_rows;
	gig_backtest_row rows[GIG_BACKTEST_MAX_ROWS];
	size_t choice_rmsse; /* index into rows, never the zero row */
	size_t choice_mae;   /* for display only */
} gig_backtest;

/* Returns false if n < 4 or y holds a non-finite value. */
GIG_API bool gig_forecast_backtest(const double *y, size_t n, gig_backtest *out);

/* Why the choice fell where it did. */
typedef enum {
	GIG_CHOICE_SINGLE_VALUE = 0, /* n = 1: that value */
	GIG_CHOICE_ZERO_INCOME,      /* n = 0, or no non-zero value ever: 0 */
	GIG_CHOICE_RMSSE,            /* n >= 8: lowest backtest RMSSE */
	GIG_CHOICE_RMSE,             /* n >= 8 but every RMSSE undefined: lowest RMSE */
	GIG_CHOICE_SBC,              /* 2 <= n <= 7, no negative value: SBC class */
	GIG_CHOICE_FALLBACK,         /* 2 <= n <= 7 with a negative value: SES 0.1 */
	GIG_CHOICE_COMBINATION,      /* n >= 8, no negative value: the combination */
} gig_choice_rule;

/* Stable short name of a rule ("rmsse", "sbc", ...), as reports and JSON print it. */
GIG_API const char *gig_choice_rule_name(gig_choice_rule rule);

typedef struct {
	gig_forecast_spec spec;
	char name[GIG_FORECAST_NAME_MAX]; /* backtest row name, "single_value" or
					     "zero_income" */
	gig_choice_rule rule;
	double error; /* one-step RMSSE (or RMSE) of the chosen row, or of the combination
			 over the backtest window; 0 when no backtest decided */
	double forecast[GIG_FORECAST_HORIZON]; /* the chosen method's next 12 months */
	bool have_backtest;
	gig_backtest backtest; /* valid when have_backtest (n >= 4) */
	gig_sbc sbc;           /* valid when sbc_valid (no negative value) */
	bool sbc_valid;
} gig_forecast_choice;

/*
 * The automatic choice.  n = 1 -> single_value; no non-zero value -> zero_income;
 * n >= 8 without a negative value -> the combination "combo_a0.1_0.1" (the mean of the
 * mean, SES 0.1, SBA 0.1 and TSB 0.1/0.1 forecasts, rule GIG_CHOICE_COMBINATION);
 * n >= 8 with a negative value -> lowest one-step backtest RMSSE (RMSE if every RMSSE
 * is undefined); 2..7 months without negatives -> SBC (sba_a0.1 or ses_a0.1);
 * otherwise ses_a0.1.  n = 0 is accepted and gives zero_income.  Returns false only
 * for NULL arguments or non-finite input.  Scaling y by k > 0 scales the forecast and
 * keeps the choice.  The backtest is still run and filled in (n >= 4) for display.
 *
 * Why a combination and not the backtest's pick: on the evaluation harness
 * (bench/forecast_eval.c, 900 simulated producers, scored on the 6 and 12 months that
 * followed each history) picking the lowest one-step RMSSE over the last 12 months
 * did worse than SES 0.1, SBA, TSB, Croston or the mean alone (seed 1: mean RMSSE
 * 0.792 / 0.817 at h = 6 / 12 against 0.752 / 0.771 for SES 0.1): a one-step
 * backtest on 12 months is too noisy a judge, and it hands the forecast to naive,
 * Holt or Holt-Winters after a lucky stretch.  The combination beats every fixed
 * method at both horizons, on the development seeds and on fresh ones (mean RMSSE,
 * bench/forecast_eval.sh --seeds A-B --model both, 900 producers a seed):
 *
 *                      h = 6                        h = 12
 *   seeds     auto  best fixed       one-step   auto  best fixed            one-step
 *   1-10     0.735  0.747 sba, tsb   0.787      0.761  0.773 tsb, croston    0.820
 *   11-15    0.733  0.747 tsb        0.792      0.761  0.775 tsb, sba, cro.  0.829
 *   101-105  0.742  0.752 croston    0.794      0.768  0.776 croston         0.829
 *
 * (every other fixed method scores worse: naive 0.95-0.97, Holt-Winters 0.96 at
 * h = 6; "one-step" is gig_forecast_choose_one_step()).
 */
GIG_API bool gig_forecast_choose(const double *y, size_t n, gig_forecast_choice *out);

/*
 * The one-step rule of issue 4 (and the forecast oracle's "choice"): like
 * gig_forecast_choose() except that every n >= 8 goes to the lowest backtest RMSSE.
 * Kept for comparison and for the oracle; the report uses gig_forecast_choose().
 */
GIG_API bool gig_forecast_choose_one_step(const double *y, size_t n, gig_forecast_choice *out);

/* ---- Windfalls and dry spells --------------------------------------------------------- */

#define GIG_WINDFALL_FACTOR 5.0

/*
 * Flags payments larger than factor x the median payment (the median over y > 0;
 * factor <= 0 means GIG_WINDFALL_FACTOR).  @flags (nullable, n) marks them; @cleaned
 * (nullable, n, may alias y) receives y with flagged months set to 0, the series to
 * forecast income from; @total (nullable) the flagged amount, which belongs in the
 * buffer.  Returns the number flagged (0 for n = 0 or no payment).
 */
GIG_API size_t gig_forecast_windfalls(const double *y, size_t n, double factor, bool *flags,
                                      double *cleaned, double *total);

typedef struct {
	size_t months;
	size_t payments;    /* months with y > 0 */
	double zero_share;  /* months with y <= 0 / months; 0 for n = 0 */
	size_t longest_dry; /* longest run of months with y <= 0 */
	bool have_gap;      /* at least two payments */
	double median_gap;  /* median months between consecutive payments, else 0 */
} gig_dry_spells;

GIG_API void gig_forecast_dry_spells(const double *y, size_t n, gig_dry_spells *out);

/* ---- Runway ---------------------------------------------------------------------------- */

/* SplitMix64: a 64-bit state stepped by a Weyl constant and mixed. */
typedef struct {
	uint64_t state;
} gig_splitmix64;

GIG_API void gig_splitmix64_seed(gig_splitmix64 *rng, uint64_t seed);
GIG_API uint64_t gig_splitmix64_next(gig_splitmix64 *rng);
/* Uniform index in [0, n) as ((out >> 32) * n) >> 32; n must be below 2^32. */
GIG_API uint32_t gig_splitmix64_index(gig_splitmix64 *rng, uint32_t n);

/*
 * Months the cash lasts at the mean net flow: cash0 / -mean(net) when the mean is
 * negative, INFINITY otherwise, 0 when cash0 < 0 (and 0 for n = 0 with cash0 < 0,
 * INFINITY for n = 0 otherwise).
 */
GIG_API double gig_runway_deterministic(const double *net, size_t n, double cash0);

/*
 * The three report figures: cash / essential expenses ("if every gig stopped today"),
 * cash / all expenses, cash / (forecast expenses - forecast income).  Each is INFINITY
 * when its denominator is <= 0 and 0 when cash < 0.
 */
typedef struct {
	double essential_only;
	double all_expenses;
	double forecast_net;
} gig_runway_figures;

GIG_API void gig_runway_figures_compute(double cash, double essential, double all_expenses,
                                        double forecast_expenses, double forecast_income,
                                        gig_runway_figures *out);

typedef struct {
	uint32_t paths;   /* number of bootstrap paths, >= 1 */
	uint32_t block;   /* block length L (min(block, n) is used), >= 1 */
	uint32_t horizon; /* months simulated, >= 1 */
	uint64_t seed;
	/* Optional workspace of 2 x paths doubles; NULL makes the call malloc and free it
	   (and return false if that fails). */
	double *work;
	/* Parameter uncertainty: when true, each path first draws its own mean, the mean
	   of a circular block bootstrap of the n history months (ceil(n / Lm) start
	   indices from the same stream, Lm below), and shifts every flow of the path by
	   (that mean - the history mean).  false gives the plain block bootstrap of the
	   oracle. */
	bool draw_mean;
	/* Lm, the block length of that mean draw: min(mean_block, max(1, n / 2)), and
	   mean_block = 0 means the flow block.  12 by default: see gig_runway_bootstrap. */
	uint32_t mean_block;
	/* The small-sample correction of that draw: when true, each path's drawn
	   deviation (its mean, and with a trend its slope) is multiplied by
	   n / (n - Lm).  On by default: see gig_runway_bootstrap. */
	bool mean_correction;
	/* The damped trend: 0 for none; phi in (0, 1] to give each path its own slope
	   (drawn with its mean, from histories of >= 24 months), its effect on month k
	   ahead growing by phi^k.  0.98 by default: see gig_runway_bootstrap. */
	double trend_damping;
} gig_runway_options;

#define GIG_RUNWAY_OPTIONS_INIT                                                                    \
	((gig_runway_options){10000, 3, 120, UINT64_C(20240601), NULL, true, 12, true, 0.98})

/* Months at which gig_runway_result.prob_ruin_within[] is evaluated. */
#define GIG_RUNWAY_PROB_COUNT 4
GIG_API extern const double gig_runway_prob_months[GIG_RUNWAY_PROB_COUNT]; /* 3, 6, 12, 24 */

typedef struct {
	double p10, p50, p90; /* type-7 quantiles of the path runways (months) */
	double mean;
	double censored_fraction; /* share of paths never ruined (counted as horizon) */
	double prob_ruin_within[GIG_RUNWAY_PROB_COUNT]; /* share with runway < 3, 6, 12, 24 */
	double cfar90; /* type-7 90 % quantile of the worst cumulative shortfall over the
			  first min(12, horizon) months, max(0, max_k -sum_{j<=k} flow_j) */
} gig_runway_result;

/*
 * Circular block bootstrap of the monthly net flow.  Each path draws ceil(horizon / L)
 * start indices from one SplitMix64 stream (paths in order) and appends
 * net[(s + j) mod n], j < L, cut to horizon.  A path is ruined at the first month k with
 * cash_k < 0, its runway then interpolated as (k - 1) + cash_{k-1} / (cash_{k-1} - cash_k);
 * paths starting below 0 have runway 0; paths never ruined count as horizon.
 * Returns false for n = 0, a zero option, non-finite input, or a failed allocation.
 *
 * Parameter uncertainty (opt->draw_mean, on in GIG_RUNWAY_OPTIONS_INIT).  The plain
 * bootstrap treats the history's mean as known, so every path resamples the same
 * months and the range is too narrow.  With draw_mean each path first draws
 * ceil(n / Lm) start indices, Lm = min(opt->mean_block, max(1, n / 2)), lays the
 * circular block resample of the n history months out at positions 0..n-1 and takes
 * its mean m* (these draws come first, from the same stream, so every path still
 * takes a fixed number of draws and common random numbers hold).  The path's flows
 * are then shifted by c (m* - mean(net)), where c = n / (n - Lm) with
 * opt->mean_correction (c = 1 without).  Blocks of a year (mean_block = 12) keep the
 * dependence a producer's months have within a year (dry spells of several months,
 * quarterly royalties, seasons) in the sampling distribution of the mean; blocks of
 * 3 understate it.  The correction: a circular block resample's mean varies about
 * (n - Lm) / n times as much as the sample mean does (the blocks reuse the sample's
 * own deviations), and what the history has not shown (a dry spell it missed, a
 * regime that lasts longer than a block) adds more; c = n / (n - Lm) on the deviation
 * (2 for n <= 24, 1.5 at 36, 1.2 at 72) is the factor the evidence below supports;
 * its square root, the variance-only correction, left smooth and trending producers
 * too narrow (74.7 % and 76.0 % inside on the development seeds).
 *
 * The damped trend (opt->trend_damping = phi > 0, 0.98 by default; histories of at
 * least 24 months).  b = the median (type 7) of (net[j] - net[i]) / (j - i) over the
 * pairs of months at least 12 apart among the last 240 (Theil-Sen; a dry spell, a sync
 * fee or a season moves few of those pairs), shrunk to w b with w = b^2 / (b^2 + se^2), se^2 =
 * 4 x (the Bartlett long-run variance of the detrended history over lags < Lm) / Sxx,
 * Sxx = sum_t (t - tbar)^2, tbar = (n - 1) / 2: a slope within about two standard
 * errors of 0 is mostly noise and mostly dropped.  The blocks are then drawn from the
 * detrended history d_t = net_t - b (t - tbar) (same mean), and the path's mean
 * resample also gives it a slope: s = w b + sqrt(w) c sum_m (m - tbar) d*_m / Sxx
 * (d*_m the resampled month at position m).  The path starts from its line at the
 * last history month, s x tbar above the mean, and month k ahead adds
 * s (phi + ... + phi^k): flow_k = d[idx] + c (m* - mean) + s (tbar + phi + ... +
 * phi^k).  A constant history gives m* = mean, b = 0: the quantiles stay the
 * deterministic runway; a straight line gives every path that line, damped.
 * Without the trend, producers whose income was falling ran out sooner than their
 * P10 said (trending producers on the development seeds: 14.3 % below P10 with the
 * correction alone, 11.6 % with the trend) and rising ones later.
 *
 * What the caller passes as @net matters as much: the report passes every payment,
 * windfalls included (a sync fee that came once may come again), while the income
 * forecast goes without them.  Leaving the windfalls out made the P50 biased low
 * (42 % of realised runways below it).
 *
 * Evidence (bench/forecast_eval.sh --seeds A-B --model both: 900 simulated producers a
 * seed, 2000 paths, the realised runway over the 120 simulated months that followed
 * each history against P10/P50/P90).  Counted with censoring: a producer still solvent
 * after 120 months, compared with a quantile that also reached 120 months, counts at
 * the model's own conditional probability (alpha - p) / (1 - p), p = its share of
 * paths ruined within the horizon (forecast_sim.c, below_censored); the plain count
 * calls every such tie covered and flatters wide models (it gives this model 84.5 %
 * on the development seeds).  "old" = plain bootstrap; "mean12" = the mean drawn in
 * blocks of 12 without correction or trend (the previous default); "new" = this
 * model.  Seeds 1-10 are the development set; 11-15 were held out and 101-105 run
 * once, after the model was fixed.
 *
 *   P10-P90 coverage (below P10 / above P90), %      worst |pred - obs| P(ruin), points
 *              overall       smooth  intermit. seasonal trending  3 mo.  6 mo.  12 mo.
 *   old    1-10  63.6 (12.9/23.5)  59.0  63.9   67.1   64.2       19.9   16.2   12.7
 *   mean12 1-10  76.3 (12.1/11.6)  73.2  82.7   77.5   71.7        2.3    4.3    2.6
 *   new    1-10  80.1 (10.1/ 9.9)  77.0  85.2   80.1   77.9        2.8    7.2    2.9
 *   old   11-15  63.1 (13.5/23.5)  61.1  64.0   64.8   62.5       28.7   16.2   12.2
 *   mean12 11-15 75.6 (12.7/11.7)  74.4  81.6   76.2   70.1        3.9    4.7    7.9
 *   new   11-15  79.4 (10.7/ 9.9)  76.8  84.4   79.3   77.2       11.1    6.2    5.3
 *   old  101-105 63.5 (13.5/23.0)  59.4  64.0   67.3   63.4       16.0   13.4    9.0
 *   mean12 101-5 75.7 (12.4/11.9)  73.0  81.2   77.9   70.7        2.5    5.7    5.7
 *   new  101-105 79.5 (10.7/ 9.8)  75.0  83.6   81.2   78.3        5.5    5.4    4.8
 *
 * Per class, the tails of the new model (below P10 / above P90) on 1-10: smooth
 * 12.1 / 10.9, intermittent 5.9 / 8.9, seasonal 10.6 / 9.3, trending 11.6 / 10.4; the
 * P50 has 51-52 % of realised runways below it on every set.  The gap is over bins of
 * predicted probability holding >= 30 producers; in a bin of 40 near 0.8 one standard
 * error of the observed share is 6 points, so the held-out 3-month figure (a bin of
 * 44 producers) is mostly noise.  Not reached: intermittent producers' range is a
 * little too wide (83.6-85.2 % inside, 6-7 % below P10, against 80 +- 4 and 10 +- 3);
 * smooth producers' 75.0 % on 101-105 is a point short; and the top bin of P(ruin
 * within 6 months) (predicted 0.85-0.86, > 300 producers) over-predicts by 5-7 points
 * on every set: smooth, seasonal and intermittent producers (the trending ones in
 * that bin are right), likely selected by a bad history (a history's mean below the
 * producer's truth: regression to the mean, which a bootstrap
 * around the sample mean cannot see).  Brier scores (3/6/12 months) on 1-10: old 0.072
 * 0.117 0.150, new 0.070 0.110 0.136.
 * draw_mean = false is the oracle's model (tests/data/forecast-oracle).
 */
GIG_API bool gig_runway_bootstrap(const double *net, size_t n, double cash0,
                                  const gig_runway_options *opt, gig_runway_result *out);

/*
 * A what-if scenario on the simulated months, for gig_runway_bootstrap_scenario().  In
 * simulated month k (0-based) a path that resamples history month idx has the flow
 *   net[idx] + (its mean shift) + sum_j terms[j].coef[k] x terms[j].series[idx] + add[k]
 * so a term scales part of the history (income -30 %: series = income, coef = -0.3;
 * a lost client: series = that client's income, coef = -1) and add[] is money in (> 0)
 * or out (< 0) of a month.  series has n entries (the history), coef and add
 * opt->horizon; add may be NULL.  Effects add up, each measured on the history as it
 * was.
 */
typedef struct {
	const double *series;
	const double *coef;
} gig_scenario_term;

typedef struct {
	size_t n_terms;
	const gig_scenario_term *terms;
	const double *add;
} gig_scenario;

/*
 * gig_runway_bootstrap() with a scenario (NULL: the same as gig_runway_bootstrap()).
 * Common random numbers: the scenario never changes which months a path draws, only
 * their flows, so the difference from the base run (same options) is the scenario's
 * alone.  A scenario whose coefficients and additions are all 0 gives the base figures
 * exactly, and one that only lowers flows (more expense) never lengthens any path's
 * runway.  Returns false as gig_runway_bootstrap() does, and for a scenario with a NULL
 * or non-finite array.
 */
GIG_API bool gig_runway_bootstrap_scenario(const double *net, size_t n, double cash0,
                                           const gig_runway_options *opt, const gig_scenario *sc,
                                           gig_runway_result *out);

/*
 * The balance band: over the same paths as gig_runway_bootstrap() (same options, seed
 * and draws), the type-7 P10, P50 and P90 across paths of the simulated balance
 * cash0 + sum_{j<=k} flow_j after each month k = 1..@months (a path that ran out
 * carries on below 0), into p10/p50/p90[k - 1]: the band and the runway quantiles
 * come from one simulation.  Needs 1 <= months <= opt->horizon; allocates
 * paths x (months + 1) doubles (opt->work is not used).  Returns false on a bad
 * argument or a failed allocation.
 */
GIG_API bool gig_runway_balance_band(const double *net, size_t n, double cash0,
                                     const gig_runway_options *opt, size_t months, double *p10,
                                     double *p50, double *p90);

/*
 * Risk-aware salary: the largest monthly draw S >= 0 such that, over the same bootstrap
 * paths (same options and seed), the share of paths whose buffer
 * cash0 + sum_{j<=k} (flow_j - S) goes below 0 within the first min(12, horizon) months
 * is at most @max_prob (the report uses 0.10).  Computed exactly: a path survives S iff
 * S <= min_k (cash0 + sum_{j<=k} flow_j) / k, so the answer is an order statistic of
 * those thresholds (no bisection error).  *salary is 0 when even S = 0 is too risky.
 * Workspace: opt->work, if set, must hold opt->paths doubles.
 */
GIG_API bool gig_runway_risk_salary(const double *net, size_t n, double cash0,
                                    const gig_runway_options *opt, double max_prob, double *salary);

/* Type-7 quantile of @x (sorted ascending, n >= 1) at q in [0, 1]. */
GIG_API double gig_forecast_quantile_sorted(const double *x, size_t n, double q);

/* ---- Reserve, salary, tax -------------------------------------------------------------- */

/*
 * Reserve multiple M = clamp(3 x (1 + CV), 3, 12), CV = sample sd / mean of the last
 * min(12, n) months of income (sample sd).  With fewer than 2 months, or a mean of 0
 * (no recent income), the volatility is unknown and M = 12: reserves err upwards.
 */
GIG_API double gig_forecast_reserve_multiple(const double *income, size_t n);

typedef struct {
	double multiple; /* M */
	double target;   /* max(M x monthly essential expenses, cfar90) */
	double buffer;   /* current buffer, as given */
	double gap;      /* target - buffer (> 0: short of the target) */
} gig_reserve;

GIG_API void gig_forecast_reserve(const double *income, size_t n, double essential_monthly,
                                  double cfar90, double buffer, gig_reserve *out);

/*
 * Sustainable salary S = max(0, (buffer - reserve + sum of the next 12 months' forecast
 * net income) / 12).  @net_forecast holds h values; only the first 12 are used and a
 * shorter forecast is extended with its last value (0 for h = 0).
 */
GIG_API double gig_forecast_salary(double buffer, double reserve, const double *net_forecast,
                                   size_t h);

#define GIG_TAX_RATE_DEFAULT 0.25

/*
 * Tax still to set aside: max(0, rate x income since the last tax payment - what already
 * sits in the tax-reserve account).  rate < 0 means GIG_TAX_RATE_DEFAULT.
 */
GIG_API double gig_forecast_tax_set_aside(double income_since_payment, double rate,
                                          double tax_reserve);

/* Profit First allocation percentages (of receipts). */
typedef struct {
	double profit;
	double owner_pay;
	double tax;
	double opex;
} gig_profit_first;

/* Mike Michalowicz's split for small businesses: 5 / 50 / 15 / 30 %. */
#define GIG_PROFIT_FIRST_INIT ((gig_profit_first){5.0, 50.0, 15.0, 30.0})

/*
 * Splits this month's receipts by @percent (each >= 0, summing to 100 within 1e-9).
 * opex receives the remainder so the parts add up to receipts exactly.  Returns false
 * if the percentages are invalid.
 */
GIG_API bool gig_forecast_profit_first(double receipts, const gig_profit_first *percent,
                                       gig_profit_first *out);

GIG_END_DECLS

#endif
