/*
 * forecast_choose.c: the rolling-origin backtest and the rule that picks the method the
 * report uses.
 *
 * With fixed parameters, re-fitting at each origin gives exactly the in-sample one-step
 * fitted values from that origin on (each fitted value only depends on earlier data), so
 * one pass per method suffices; only the last <= 12 fitted values are kept.
 */
#include "forecast_internal.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define BACKTEST_WINDOW 12

typedef struct {
	const char *name;
	gig_forecast_spec spec;
} row_def;

/* The candidate rows, in the order that breaks ties (simpler methods first). */
static const row_def rows[] = {
    {"zero", {GIG_FORECAST_ZERO, 0, 0, 0, 1}},
    {"naive", {GIG_FORECAST_NAIVE, 0, 0, 0, 1}},
    {"mean", {GIG_FORECAST_MEAN, 0, 0, 0, 1}},
    {"ses_a0.1", {GIG_FORECAST_SES, 0.1, 0, 0, 1}},
    {"ses_a0.3", {GIG_FORECAST_SES, 0.3, 0, 0, 1}},
    {"holt_a0.3_b0.1", {GIG_FORECAST_HOLT, 0.3, 0.1, 0, 1}},
    {"holt_damped_a0.3_b0.1_p0.9", {GIG_FORECAST_DAMPED, 0.3, 0.1, 0, 0.9}},
    {"hw_a0.3_b0.1_g0.1", {GIG_FORECAST_HW, 0.3, 0.1, 0.1, 1}},
    {"croston_a0.1", {GIG_FORECAST_CROSTON, 0.1, 0, 0, 1}},
    {"sba_a0.1", {GIG_FORECAST_SBA, 0.1, 0, 0, 1}},
    {"tsb_a0.1_0.1", {GIG_FORECAST_TSB, 0.1, 0.1, 0, 1}},
};

/* Holt-Winters needs three seasons before its backtest is meaningful: two to initialise
 * and one to evaluate. */
#define HW_BACKTEST_MIN 36

static const row_def *
find_row(const char *name)
{
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		if (strcmp(rows[i].name, name) == 0)
			return &rows[i];
	}
	return NULL;
}

/* M5 scale of y[0..t0-1]: mean |diff| and mean diff^2 after the first non-zero value. */
static void
backtest_scale(const double *y, size_t t0, double *mae, double *mse)
{
	size_t first = 0;
	double sa = 0, ss = 0;

	while (first < t0 && y[first] == 0)
		first++;
	*mae = NAN;
	*mse = NAN;
	if (t0 - first < 2)
		return;
	for (size_t i = first + 1; i < t0; i++) {
		double d = y[i] - y[i - 1];

		sa += fabs(d);
		ss += d * d;
	}
	size_t count = t0 - first - 1;

	if (sa / (double)count == 0)
		return;
	*mae = sa / (double)count;
	*mse = ss / (double)count;
}

/* Which metric a choice is made on. */
enum metric { BY_RMSSE, BY_RMSE, BY_MAE };

static double
metric_of(const gig_backtest_row *r, enum metric m)
{
	return m == BY_RMSSE ? r->rmsse : m == BY_RMSE ? r->rmse : r->mae;
}

/*
 * Arg-min over rows 1.. (never the zero benchmark), skipping NaN.  A later row wins only
 * when lower by more than 1e-12 relative, so rounding noise cannot promote a more
 * complex method over an equally good simpler one.  Returns n_rows if all are NaN.
 */
static size_t
argmin(const gig_backtest *bt, enum metric m)
{
	size_t best = bt->n_rows;

	for (size_t i = 1; i < bt->n_rows; i++) {
		double v = metric_of(&bt->rows[i], m);

		if (isnan(v))
			continue;
		if (best == bt->n_rows) {
			best = i;
			continue;
		}
		double b = metric_of(&bt->rows[best], m);

		if (v < b - 1e-12 * fmax(1, fabs(b)))
			best = i;
	}
	return best;
}

bool
gig_forecast_backtest(const double *y, size_t n, gig_backtest *out)
{
	double fitted[BACKTEST_WINDOW];
	bool negative;

	if (y == NULL || out == NULL || n < 4 || !gig__forecast_all_finite(y, n))
		return false;
	negative = gig__forecast_any_negative(y, n);
	memset(out, 0, sizeof(*out));
	out->first_origin = n > BACKTEST_WINDOW + 3 ? n - BACKTEST_WINDOW : 3;
	backtest_scale(y, out->first_origin, &out->scale_mae, &out->scale_mse);

	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		const gig_forecast_spec *spec = &rows[i].spec;
		size_t t0 = out->first_origin, count = n - t0;
		double sa = 0, ss = 0;

		if (spec->method == GIG_FORECAST_HW && n < HW_BACKTEST_MIN)
			continue;
		if ((spec->method == GIG_FORECAST_CROSTON || spec->method == GIG_FORECAST_SBA ||
		     spec->method == GIG_FORECAST_TSB) &&
		    negative)
			continue;
		gig__forecast_run_from(spec, y, n, fitted, t0, NULL, 0);
		for (size_t t = t0; t < n; t++) {
			double e = y[t] - fitted[t - t0];

			sa += fabs(e);
			ss += e * e;
		}

		gig_backtest_row *r = &out->rows[out->n_rows++];

		snprintf(r->name, sizeof(r->name), "%s", rows[i].name);
		r->spec = *spec;
		r->mae = sa / (double)count;
		r->rmse = sqrt(ss / (double)count);
		r->mase = r->mae / out->scale_mae;
		r->rmsse = r->rmse / sqrt(out->scale_mse);
	}
	out->choice_rmsse = argmin(out, BY_RMSSE);
	if (out->choice_rmsse == out->n_rows)
		out->choice_rmsse = argmin(out, BY_RMSE);
	out->choice_mae = argmin(out, BY_MAE);
	return true;
}

static void
choose_row(gig_forecast_choice *out, const row_def *row)
{
	out->spec = row->spec;
	snprintf(out->name, sizeof(out->name), "%s", row->name);
}

/* The combination's one-step error over the backtest window: its RMSSE, or its RMSE
 * when the scale is undefined (the same fallback as the backtest rows). */
static double
combo_backtest_error(const gig_forecast_spec *spec, const double *y, size_t n,
                     const gig_backtest *bt)
{
	double fitted[BACKTEST_WINDOW], ss = 0;
	size_t t0 = bt->first_origin;

	gig__forecast_run_from(spec, y, n, fitted, t0, NULL, 0);
	for (size_t t = t0; t < n; t++)
		ss += (y[t] - fitted[t - t0]) * (y[t] - fitted[t - t0]);
	double rmse = sqrt(ss / (double)(n - t0));

	return isnan(bt->scale_mse) ? rmse : rmse / sqrt(bt->scale_mse);
}

static bool
choose(const double *y, size_t n, bool combine, gig_forecast_choice *out)
{
	bool negative, positive = false;

	if (out == NULL || (y == NULL && n > 0) || !gig__forecast_all_finite(y, n))
		return false;
	memset(out, 0, sizeof(*out));
	negative = gig__forecast_any_negative(y, n);
	for (size_t t = 0; t < n; t++)
		positive = positive || y[t] > 0;
	if (!negative)
		out->sbc_valid = gig_forecast_sbc(y, n, &out->sbc);
	if (n >= 4)
		out->have_backtest = gig_forecast_backtest(y, n, &out->backtest);

	if (n == 1) {
		out->rule = GIG_CHOICE_SINGLE_VALUE;
		out->spec = rows[1].spec; /* naive: the one value */
		snprintf(out->name, sizeof(out->name), "single_value");
	} else if (!negative && !positive) {
		out->rule = GIG_CHOICE_ZERO_INCOME;
		out->spec = rows[0].spec;
		snprintf(out->name, sizeof(out->name), "zero_income");
		return true; /* forecast stays 0 */
	} else if (n >= 8 && combine && !negative) {
		out->rule = GIG_CHOICE_COMBINATION;
		out->spec = (gig_forecast_spec){GIG_FORECAST_COMBO, 0.1, 0.1, 0, 1};
		snprintf(out->name, sizeof(out->name), "combo_a0.1_0.1");
		out->error = combo_backtest_error(&out->spec, y, n, &out->backtest);
	} else if (n >= 8) {
		const gig_backtest *bt = &out->backtest;
		const gig_backtest_row *r = &bt->rows[bt->choice_rmsse];

		out->rule = isnan(r->rmsse) ? GIG_CHOICE_RMSE : GIG_CHOICE_RMSSE;
		out->error = isnan(r->rmsse) ? r->rmse : r->rmsse;
		out->spec = r->spec;
		snprintf(out->name, sizeof(out->name), "%s", r->name);
	} else if (!negative) {
		out->rule = GIG_CHOICE_SBC;
		choose_row(out, find_row(out->sbc.cls == GIG_SBC_SBA ? "sba_a0.1" : "ses_a0.1"));
	} else {
		out->rule = GIG_CHOICE_FALLBACK;
		choose_row(out, find_row("ses_a0.1"));
	}
	gig__forecast_run_from(&out->spec, y, n, NULL, 0, out->forecast, GIG_FORECAST_HORIZON);
	return true;
}

bool
gig_forecast_choose(const double *y, size_t n, gig_forecast_choice *out)
{
	return choose(y, n, true, out);
}

bool
gig_forecast_choose_one_step(const double *y, size_t n, gig_forecast_choice *out)
{
	return choose(y, n, false, out);
}

const char *
gig_choice_rule_name(gig_choice_rule rule)
{
	switch (rule) {
	case GIG_CHOICE_SINGLE_VALUE:
		return "single_value";
	case GIG_CHOICE_ZERO_INCOME:
		return "zero_income";
	case GIG_CHOICE_RMSSE:
		return "rmsse";
	case GIG_CHOICE_RMSE:
		return "rmse";
	case GIG_CHOICE_SBC:
		return "sbc";
	case GIG_CHOICE_FALLBACK:
		return "fallback";
	case GIG_CHOICE_COMBINATION:
		return "combination";
	}
	return "unknown";
}
