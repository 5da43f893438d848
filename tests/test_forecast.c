/*
 * test_forecast.c: the forecasting module against the independent oracle
 * (tests/data/forecast-oracle, see its README.md) and against the properties issue 4
 * lists (SES alpha = 1, Croston = TSB = SES without zeros, constant series, zero-variance
 * runway, monotone runway in cash, scale invariance), plus the helpers the report uses.
 *
 * Every oracle key is either compared or explicitly listed as not comparable; an unknown
 * key fails the test, so a new oracle file cannot be half-checked silently.  Mismatches
 * are all printed (file, key, index, ours, theirs) before the test fails.
 */
#define _POSIX_C_SOURCE 200809L /* strtok_r */

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gigledger/forecast.h"

#define REL_TOL 1e-9
#define SSE_SLACK 1e-6
#define MAX_SERIES 1024
#define MAX_RECORDS 256
#define MAX_TOKENS 64
#define TOKEN_LEN 48

/* ---- loading the oracle ------------------------------------------------------------------- */

typedef struct {
	char key[96];
	size_t count;
	char tok[MAX_TOKENS][TOKEN_LEN];
} record;

typedef struct {
	const char *name;
	double y[MAX_SERIES];
	size_t n;
	record rec[MAX_RECORDS];
	size_t n_rec;
	size_t compared; /* values compared */
	size_t failures;
} oracle;

static void
data_path(char *buf, size_t len, const char *fmt, const char *name)
{
	const char *root = getenv("GIG_TEST_DATA");
	char rel[256];

	if (root == NULL)
		root = "data";
	snprintf(rel, sizeof(rel), fmt, name);
	snprintf(buf, len, "%s/forecast-oracle/%s", root, rel);
}

/* One number per line; blank lines and '#' comments skipped. */
static size_t
load_series(const char *name, double *y, size_t cap)
{
	char path[512], line[256];
	size_t n = 0;
	FILE *f;

	data_path(path, sizeof(path), "series/%s.txt", name);
	f = fopen(path, "r");
	if (f == NULL)
		fail_msg("cannot open %s (is GIG_TEST_DATA set?)", path);
	while (fgets(line, sizeof(line), f) != NULL) {
		char *p = line, *end;

		while (*p == ' ' || *p == '\t')
			p++;
		if (*p == '\n' || *p == '\0' || *p == '#')
			continue;
		assert_true(n < cap);
		y[n++] = strtod(p, &end);
		assert_true(end != p);
	}
	fclose(f);
	return n;
}

static void
load_expected(oracle *o)
{
	char path[512], line[4096];
	FILE *f;

	data_path(path, sizeof(path), "expected/%s.txt", o->name);
	f = fopen(path, "r");
	if (f == NULL)
		fail_msg("cannot open %s", path);
	while (fgets(line, sizeof(line), f) != NULL) {
		char *save = NULL, *tok = strtok_r(line, " \t\r\n", &save);

		if (tok == NULL || tok[0] == '#')
			continue;
		assert_true(o->n_rec < MAX_RECORDS);
		record *r = &o->rec[o->n_rec++];

		snprintf(r->key, sizeof(r->key), "%s", tok);
		r->count = 0;
		while ((tok = strtok_r(NULL, " \t\r\n", &save)) != NULL) {
			assert_true(r->count < MAX_TOKENS);
			snprintf(r->tok[r->count++], TOKEN_LEN, "%s", tok);
		}
	}
	fclose(f);
}

static const record *
find(const oracle *o, const char *key)
{
	for (size_t i = 0; i < o->n_rec; i++) {
		if (strcmp(o->rec[i].key, key) == 0)
			return &o->rec[i];
	}
	return NULL;
}

static double
num(const record *r, size_t i)
{
	return strtod(r->tok[i], NULL);
}

/* ---- comparisons -------------------------------------------------------------------------- */

static bool
close_enough(double ours, double theirs)
{
	if (isnan(theirs) || isnan(ours))
		return isnan(theirs) && isnan(ours);
	if (isinf(theirs) || isinf(ours))
		return ours == theirs;
	return fabs(ours - theirs) <= REL_TOL * fmax(1, fabs(theirs));
}

static void
mismatch(oracle *o, const char *key, size_t i, const char *fmt, ...)
{
	va_list ap;
	char msg[256];

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	print_error("MISMATCH %s: %s[%zu]: %s\n", o->name, key, i, msg);
	o->failures++;
}

static void
cmp_values(oracle *o, const record *r, const double *ours, size_t n)
{
	if (r->count != n) {
		mismatch(o, r->key, 0, "oracle has %zu values, we have %zu", r->count, n);
		return;
	}
	for (size_t i = 0; i < n; i++) {
		double theirs = num(r, i);

		o->compared++;
		if (!close_enough(ours[i], theirs))
			mismatch(o, r->key, i, "ours %.17g oracle %.17g (diff %.3g)", ours[i],
			         theirs, ours[i] - theirs);
	}
}

static void
cmp_one(oracle *o, const record *r, double ours)
{
	cmp_values(o, r, &ours, 1);
}

static void
cmp_string(oracle *o, const record *r, const char *ours)
{
	o->compared++;
	if (r->count != 1 || strcmp(r->tok[0], ours) != 0)
		mismatch(o, r->key, 0, "ours '%s' oracle '%s'", ours,
		         r->count > 0 ? r->tok[0] : "");
}

/* Optimised fits: parameters are not unique, the SSE reached is what counts. */
static void
cmp_sse_not_worse(oracle *o, const record *r, double ours)
{
	double theirs = num(r, 0);

	o->compared++;
	if (!(ours <= theirs * (1 + SSE_SLACK)))
		mismatch(o, r->key, 0, "our SSE %.17g is worse than oracle %.17g (ratio %.9g)",
		         ours, theirs, ours / theirs);
}

static bool
has_prefix(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

static bool
not_applicable(const record *r)
{
	return r->count == 1 && strcmp(r->tok[0], "not_applicable") == 0;
}

/* Keys that describe the oracle run or that are not comparable by design. */
static bool
ignored_key(const char *key)
{
	static const char *const exact[] = {
	    "series", "h", "runway.params", "runway.cash0", "runway.expense",
	};
	static const char *const prefixes[] = {
	    "lib.",   /* library versions */
	    "check.", /* the oracle's own cross-checks against statsmodels / R */
	};
	/* Optimised fits: parameters, states, fitted values and forecasts depend on which
	 * (equally good or better) optimum is found; their .sse is checked instead. */
	static const char *const opt[] = {"ses_opt.", "holt_opt.", "holt_damped_opt.", "hw_opt."};

	for (size_t i = 0; i < sizeof(exact) / sizeof(exact[0]); i++) {
		if (strcmp(key, exact[i]) == 0)
			return true;
	}
	for (size_t i = 0; i < sizeof(prefixes) / sizeof(prefixes[0]); i++) {
		if (has_prefix(key, prefixes[i]))
			return true;
	}
	for (size_t i = 0; i < sizeof(opt) / sizeof(opt[0]); i++) {
		if (has_prefix(key, opt[i]) && strcmp(strrchr(key, '.'), ".sse") != 0)
			return true;
	}
	return false;
}

/* ---- checking one oracle file ------------------------------------------------------------- */

typedef struct {
	double fitted[MAX_SERIES];
	double forecast[GIG_FORECAST_HORIZON];
	double level; /* one-value forecast */
	double sse;
	double init[2 + GIG_FORECAST_SEASON];
	gig_intermittent im;
	bool ok;
} method_fit;

/* Runs a fixed-parameter method the way the oracle key names it. */
static bool
run_method(const oracle *o, const char *method, method_fit *f)
{
	const double *y = o->y;
	size_t n = o->n;

	memset(f, 0, sizeof(*f));
	if (strcmp(method, "ses_a0.1") == 0 || strcmp(method, "ses_a0.3") == 0) {
		double alpha = strcmp(method, "ses_a0.1") == 0 ? 0.1 : 0.3;

		f->ok = gig_forecast_ses(y, n, alpha, f->fitted, &f->level);
	} else if (strcmp(method, "holt_fixed") == 0) {
		f->ok = gig_forecast_holt(y, n, 0.3, 0.1, 1, f->fitted, f->forecast, 12);
	} else if (strcmp(method, "holt_damped_fixed") == 0) {
		f->ok = gig_forecast_holt(y, n, 0.3, 0.1, 0.9, f->fitted, f->forecast, 12);
	} else if (strcmp(method, "hw_fixed") == 0) {
		f->ok = gig_forecast_hw(y, n, 0.3, 0.1, 0.1, f->init, f->fitted, f->forecast, 12);
	} else if (strcmp(method, "croston_a0.1") == 0) {
		f->ok = gig_forecast_croston(y, n, 0.1, false, f->fitted, &f->im);
		f->level = f->im.forecast;
	} else if (strcmp(method, "sba_a0.1") == 0) {
		f->ok = gig_forecast_croston(y, n, 0.1, true, f->fitted, &f->im);
		f->level = f->im.forecast;
	} else if (strcmp(method, "tsb_a0.1_0.1") == 0) {
		f->ok = gig_forecast_tsb(y, n, 0.1, 0.1, f->fitted, &f->im);
		f->level = f->im.forecast;
	} else {
		return false;
	}
	f->sse = f->ok ? gig_forecast_sse(y, f->fitted, n) : 0;
	return true;
}

static void
check_method_key(oracle *o, const record *r, const char *method, const char *field)
{
	method_fit *f = calloc(1, sizeof(*f));
	bool level = has_prefix(method, "ses_") || has_prefix(method, "croston_") ||
	             has_prefix(method, "sba_") || has_prefix(method, "tsb_");

	assert_non_null(f);
	assert_true(run_method(o, method, f));
	if (not_applicable(r)) {
		o->compared++;
		if (f->ok)
			mismatch(o, r->key, 0, "oracle says not_applicable, we fitted");
		free(f);
		return;
	}
	if (!f->ok) {
		mismatch(o, r->key, 0, "our fit was refused");
		free(f);
		return;
	}
	if (strcmp(field, "forecast") == 0) {
		if (level)
			cmp_one(o, r, f->level);
		else
			cmp_values(o, r, f->forecast, 12);
	} else if (strcmp(field, "fitted") == 0) {
		cmp_values(o, r, f->fitted, o->n);
	} else if (strcmp(field, "sse") == 0) {
		cmp_one(o, r, f->sse);
	} else if (strcmp(field, "init") == 0) {
		cmp_values(o, r, f->init, 14);
	} else if (strcmp(field, "demand_level") == 0) {
		cmp_one(o, r, f->im.demand_level);
	} else if (strcmp(field, "interval_level") == 0 || strcmp(field, "probability") == 0) {
		cmp_one(o, r, f->im.interval_level);
	} else if (strcmp(field, "demands") == 0) {
		cmp_one(o, r, (double)f->im.demands);
	} else {
		mismatch(o, r->key, 0, "unknown field '%s'", field);
	}
	free(f);
}

static void
check_optimised(oracle *o, const record *r)
{
	gig_forecast_fit fit;
	bool ok;

	if (has_prefix(r->key, "ses_opt."))
		ok = gig_forecast_ses_opt(o->y, o->n, &fit, NULL, NULL);
	else if (has_prefix(r->key, "holt_opt."))
		ok = gig_forecast_holt_opt(o->y, o->n, false, &fit, NULL, NULL, 0);
	else if (has_prefix(r->key, "holt_damped_opt."))
		ok = gig_forecast_holt_opt(o->y, o->n, true, &fit, NULL, NULL, 0);
	else
		ok = gig_forecast_hw_opt(o->y, o->n, &fit, NULL, NULL, 0);
	if (!ok) {
		mismatch(o, r->key, 0, "our optimised fit was refused");
		return;
	}
	cmp_sse_not_worse(o, r, fit.sse);
}

static void
check_backtest_key(oracle *o, const record *r)
{
	gig_backtest bt;
	bool ok = gig_forecast_backtest(o->y, o->n, &bt);
	const char *field = r->key + strlen("backtest.");

	if (strcmp(r->key, "backtest") == 0) {
		/* "backtest skipped n<4" */
		o->compared++;
		if (ok)
			mismatch(o, r->key, 0, "oracle skipped the backtest, we ran it");
		return;
	}
	if (!ok) {
		mismatch(o, r->key, 0, "our backtest was refused");
		return;
	}
	if (strcmp(field, "first_origin_index") == 0) {
		cmp_one(o, r, (double)bt.first_origin);
	} else if (strcmp(field, "scale_mae_naive") == 0) {
		cmp_one(o, r, bt.scale_mae);
	} else if (strcmp(field, "scale_mse_naive") == 0) {
		cmp_one(o, r, bt.scale_mse);
	} else if (strcmp(field, "choice_rmsse") == 0) {
		cmp_string(o, r, bt.rows[bt.choice_rmsse].name);
	} else if (strcmp(field, "choice_mae") == 0) {
		cmp_string(o, r, bt.rows[bt.choice_mae].name);
	} else {
		for (size_t i = 0; i < bt.n_rows; i++) {
			if (strcmp(bt.rows[i].name, field) == 0) {
				double v[4] = {bt.rows[i].mae, bt.rows[i].rmse, bt.rows[i].mase,
				               bt.rows[i].rmsse};

				cmp_values(o, r, v, 4);
				return;
			}
		}
		mismatch(o, r->key, 0, "we have no backtest row '%s'", field);
	}
}

/* Backtest rows we produce must all be in the oracle file too. */
static void
check_backtest_rows_complete(oracle *o)
{
	gig_backtest bt;
	char key[96];

	if (!gig_forecast_backtest(o->y, o->n, &bt))
		return;
	for (size_t i = 0; i < bt.n_rows; i++) {
		snprintf(key, sizeof(key), "backtest.%s", bt.rows[i].name);
		if (find(o, key) == NULL)
			mismatch(o, key, 0, "our row is missing from the oracle");
	}
}

typedef struct {
	bool done;
	double net[MAX_SERIES];
	double cash0;
	gig_runway_result res;
	double deterministic;
} runway_run;

static void
check_runway_key(oracle *o, const record *r, runway_run *rw)
{
	const char *field = r->key + strlen("runway.");

	if (!rw->done) {
		const record *c = find(o, "runway.cash0"), *e = find(o, "runway.expense");
		gig_runway_options opt = GIG_RUNWAY_OPTIONS_INIT;

		/* The oracle is the plain block bootstrap, without parameter uncertainty. */
		opt.draw_mean = false;
		assert_non_null(c);
		assert_non_null(e);
		rw->cash0 = num(c, 0);
		for (size_t t = 0; t < o->n; t++)
			rw->net[t] = o->y[t] - num(e, 0);
		assert_true(gig_runway_bootstrap(rw->net, o->n, rw->cash0, &opt, &rw->res));
		rw->deterministic = gig_runway_deterministic(rw->net, o->n, rw->cash0);
		rw->done = true;
	}
	if (strcmp(field, "net_mean") == 0) {
		double s = 0;

		for (size_t t = 0; t < o->n; t++)
			s += rw->net[t];
		cmp_one(o, r, s / (double)o->n);
	} else if (strcmp(field, "deterministic_months") == 0) {
		cmp_one(o, r, rw->deterministic);
	} else if (strcmp(field, "bootstrap_p10") == 0) {
		cmp_one(o, r, rw->res.p10);
	} else if (strcmp(field, "bootstrap_p50") == 0) {
		cmp_one(o, r, rw->res.p50);
	} else if (strcmp(field, "bootstrap_p90") == 0) {
		cmp_one(o, r, rw->res.p90);
	} else if (strcmp(field, "bootstrap_mean") == 0) {
		cmp_one(o, r, rw->res.mean);
	} else if (strcmp(field, "censored_fraction") == 0) {
		cmp_one(o, r, rw->res.censored_fraction);
	} else if (strcmp(field, "cfar90_12m_max_cumulative_shortfall") == 0) {
		cmp_one(o, r, rw->res.cfar90);
	} else if (has_prefix(field, "prob_ruin_within_")) {
		double months = strtod(field + strlen("prob_ruin_within_"), NULL);

		for (size_t i = 0; i < GIG_RUNWAY_PROB_COUNT; i++) {
			if (gig_runway_prob_months[i] == months) {
				cmp_one(o, r, rw->res.prob_ruin_within[i]);
				return;
			}
		}
		mismatch(o, r->key, 0, "no probability at %g months", months);
	} else if (strcmp(field, "prng_first3_u64") == 0) {
		gig_splitmix64 rng;

		gig_splitmix64_seed(&rng, GIG_RUNWAY_OPTIONS_INIT.seed);
		for (size_t i = 0; i < r->count; i++) {
			uint64_t ours = gig_splitmix64_next(&rng);
			uint64_t theirs = strtoull(r->tok[i], NULL, 10);

			o->compared++;
			if (ours != theirs)
				mismatch(o, r->key, i, "ours %" PRIu64 " oracle %" PRIu64, ours,
				         theirs);
		}
	} else {
		mismatch(o, r->key, 0, "unknown runway key");
	}
}

static void
check_oracle(const char *name)
{
	oracle *o = calloc(1, sizeof(*o));
	runway_run *rw = calloc(1, sizeof(*rw));
	static const char *const methods[] = {
	    "ses_a0.1", "ses_a0.3",     "holt_fixed", "holt_damped_fixed",
	    "hw_fixed", "croston_a0.1", "sba_a0.1",   "tsb_a0.1_0.1",
	};

	assert_non_null(o);
	assert_non_null(rw);
	o->name = name;
	o->n = load_series(name, o->y, MAX_SERIES);
	load_expected(o);
	assert_true(o->n_rec > 10);

	for (size_t i = 0; i < o->n_rec; i++) {
		const record *r = &o->rec[i];
		bool handled = false;

		if (ignored_key(r->key))
			continue;
		for (size_t m = 0; m < sizeof(methods) / sizeof(methods[0]); m++) {
			size_t len = strlen(methods[m]);

			if (strncmp(r->key, methods[m], len) == 0 && r->key[len] == '.') {
				check_method_key(o, r, methods[m], r->key + len + 1);
				handled = true;
				break;
			}
		}
		if (handled)
			continue;
		if (strcmp(r->key, "n") == 0) {
			cmp_one(o, r, (double)o->n);
		} else if (strcmp(r->key, "nonzero") == 0 || strcmp(r->key, "negative") == 0) {
			size_t c = 0;

			for (size_t t = 0; t < o->n; t++)
				c += r->key[1] == 'o' ? o->y[t] != 0 : o->y[t] < 0;
			cmp_one(o, r, (double)c);
		} else if (has_prefix(r->key, "ses_opt.") || has_prefix(r->key, "holt_opt.") ||
		           has_prefix(r->key, "holt_damped_opt.") ||
		           has_prefix(r->key, "hw_opt.")) {
			check_optimised(o, r);
		} else if (has_prefix(r->key, "sbc.")) {
			gig_sbc sbc;

			if (!gig_forecast_sbc(o->y, o->n, &sbc)) {
				mismatch(o, r->key, 0, "our SBC was refused");
			} else if (strcmp(r->key, "sbc.adi") == 0) {
				cmp_one(o, r, sbc.adi);
			} else if (strcmp(r->key, "sbc.cv2") == 0) {
				cmp_one(o, r, sbc.cv2);
			} else if (strcmp(r->key, "sbc.class") == 0) {
				cmp_string(o, r, gig_sbc_class_name(sbc.cls));
			} else {
				mismatch(o, r->key, 0, "unknown SBC key");
			}
		} else if (strcmp(r->key, "backtest") == 0 || has_prefix(r->key, "backtest.")) {
			check_backtest_key(o, r);
		} else if (strcmp(r->key, "choice") == 0) {
			gig_forecast_choice ch;

			/* the oracle defines issue 4's one-step rule */
			assert_true(gig_forecast_choose_one_step(o->y, o->n, &ch));
			cmp_string(o, r, ch.name);
		} else if (has_prefix(r->key, "runway.")) {
			check_runway_key(o, r, rw);
		} else {
			mismatch(o, r->key, 0, "key not understood by the test");
		}
	}
	check_backtest_rows_complete(o);
	print_message("%s: %zu values compared, %zu mismatches\n", name, o->compared, o->failures);
	size_t failures = o->failures, compared = o->compared;

	free(rw);
	free(o);
	if (failures > 0)
		fail_msg("%s: %zu of %zu oracle values differ (see MISMATCH lines)", name, failures,
		         compared);
}

#define ORACLE_TEST(name)                                                                          \
	static void test_forecast__oracle_##name(void **state)                                     \
	{                                                                                          \
		(void)state;                                                                       \
		check_oracle(#name);                                                               \
	}

ORACLE_TEST(steady)
ORACLE_TEST(trending)
ORACLE_TEST(intermittent)
ORACLE_TEST(all_zeros)
ORACLE_TEST(constant)
ORACLE_TEST(linear)
ORACLE_TEST(short1)
ORACLE_TEST(single_nonzero)

/* ---- properties --------------------------------------------------------------------------- */

static const char *const series_names[] = {
    "steady",   "trending", "intermittent", "all_zeros",
    "constant", "linear",   "short1",       "single_nonzero",
};
#define N_SERIES (sizeof(series_names) / sizeof(series_names[0]))

static void
assert_close(double ours, double expected, const char *what)
{
	if (!close_enough(ours, expected))
		fail_msg("%s: got %.17g, expected %.17g", what, ours, expected);
}

static void
test_forecast__splitmix64_reference_value(void **state)
{
	gig_splitmix64 rng;

	(void)state;
	/* The README's anchor: seed 1234567 gives 6457827717110365317 first. */
	gig_splitmix64_seed(&rng, 1234567);
	assert_true(gig_splitmix64_next(&rng) == UINT64_C(6457827717110365317));
	/* The index is the top 32 bits scaled, so it is always inside [0, n). */
	gig_splitmix64_seed(&rng, 42);
	for (int i = 0; i < 10000; i++)
		assert_true(gig_splitmix64_index(&rng, 7) < 7);
}

static void
test_forecast__ses_alpha_one_forecasts_last_value(void **state)
{
	double y[MAX_SERIES], fitted[MAX_SERIES], f;

	(void)state;
	for (size_t s = 0; s < N_SERIES; s++) {
		size_t n = load_series(series_names[s], y, MAX_SERIES);

		assert_true(gig_forecast_ses(y, n, 1.0, fitted, &f));
		assert_true(f == y[n - 1]);
		for (size_t t = 1; t < n; t++)
			assert_true(fitted[t] == y[t - 1]);
	}
}

static void
test_forecast__no_zeros_croston_tsb_equal_ses_sba_scaled(void **state)
{
	static const char *const names[] = {"steady", "trending", "constant", "linear", "short1"};
	double y[MAX_SERIES], ses_fit[MAX_SERIES], cro_fit[MAX_SERIES], sba_fit[MAX_SERIES],
	    tsb_fit[MAX_SERIES];

	(void)state;
	for (size_t s = 0; s < sizeof(names) / sizeof(names[0]); s++) {
		size_t n = load_series(names[s], y, MAX_SERIES);
		double ses;
		gig_intermittent cro, sba, tsb;

		for (size_t t = 0; t < n; t++)
			assert_true(y[t] > 0);
		for (double alpha = 0.05; alpha < 1; alpha += 0.3) {
			assert_true(gig_forecast_ses(y, n, alpha, ses_fit, &ses));
			assert_true(gig_forecast_croston(y, n, alpha, false, cro_fit, &cro));
			assert_true(gig_forecast_croston(y, n, alpha, true, sba_fit, &sba));
			assert_true(gig_forecast_tsb(y, n, alpha, alpha, tsb_fit, &tsb));
			assert_close(cro.forecast, ses, "croston = ses");
			assert_close(tsb.forecast, ses, "tsb = ses");
			assert_close(sba.forecast, (1 - alpha / 2) * ses, "sba = (1 - a/2) ses");
			assert_true(isnan(cro_fit[0]) && isnan(tsb_fit[0]) && isnan(sba_fit[0]));
			for (size_t t = 1; t < n; t++) {
				assert_close(cro_fit[t], ses_fit[t], "croston fitted");
				assert_close(tsb_fit[t], ses_fit[t], "tsb fitted");
				assert_close(sba_fit[t], (1 - alpha / 2) * ses_fit[t],
				             "sba fitted");
			}
		}
	}
}

static void
test_forecast__constant_series_forecasts_constant(void **state)
{
	double y[48], f[12], level;
	gig_forecast_fit fit;
	gig_forecast_choice ch;
	gig_intermittent im;

	(void)state;
	for (size_t t = 0; t < 48; t++)
		y[t] = 1234.5;
	for (int m = GIG_FORECAST_NAIVE; m < GIG_FORECAST_METHOD_COUNT; m++) {
		gig_forecast_spec spec = gig_forecast_spec_default((gig_forecast_method)m);

		assert_true(gig_forecast_run(&spec, y, 48, NULL, f, 12));
		/* SBA's (1 - alpha/2) debiasing factor is by design not 1; the combination
		 * averages it with three unbiased members (and a zero calendar profile). */
		double expect = m == GIG_FORECAST_SBA     ? 0.95 * 1234.5
		                : m == GIG_FORECAST_COMBO ? (3 + 0.95) / 4 * 1234.5
		                                          : 1234.5;

		for (size_t k = 0; k < 12; k++)
			assert_close(f[k], expect,
			             gig_forecast_method_name((gig_forecast_method)m));
	}
	assert_true(gig_forecast_ses_opt(y, 48, &fit, NULL, &level));
	assert_close(level, 1234.5, "ses_opt");
	assert_true(gig_forecast_holt_opt(y, 48, true, &fit, NULL, f, 12));
	assert_close(f[11], 1234.5, "damped_opt");
	assert_true(gig_forecast_hw_opt(y, 48, &fit, NULL, f, 12));
	for (size_t k = 0; k < 12; k++)
		assert_true(fabs(f[k] - 1234.5) < 1e-6);
	assert_true(gig_forecast_croston(y, 48, 0.1, false, NULL, &im));
	assert_close(im.forecast, 1234.5, "croston");
	assert_true(gig_forecast_choose_one_step(y, 48, &ch));
	for (size_t k = 0; k < 12; k++)
		assert_close(ch.forecast[k], 1234.5, "one-step choice");
	assert_true(gig_forecast_choose(y, 48, &ch));
	assert_string_equal(ch.name, "combo_a0.1_0.1");
	for (size_t k = 0; k < 12; k++)
		assert_close(ch.forecast[k], (3 + 0.95) / 4 * 1234.5, "choice");
}

/* The combination is the mean of its four members, plus half the calendar profile of
 * the full years: a December 50 above every other month moves the December forecast
 * 0.5 x 50 = 25 above the others (the profile's common part shifts all alike). */
static void
test_forecast__combination_members_and_profile(void **state)
{
	const double y[6] = {0, 100, 0, 300, 50, 0};
	const gig_forecast_spec combo = {GIG_FORECAST_COMBO, 0.1, 0.1, 0, 1};
	const gig_forecast_spec members[4] = {
	    {GIG_FORECAST_MEAN, 0, 0, 0, 1},
	    {GIG_FORECAST_SES, 0.1, 0, 0, 1},
	    {GIG_FORECAST_SBA, 0.1, 0, 0, 1},
	    {GIG_FORECAST_TSB, 0.1, 0.1, 0, 1},
	};
	double f[12], fitted[6], want = 0, s[24];

	(void)state;
	for (size_t m = 0; m < 4; m++) {
		double one;

		assert_true(gig_forecast_run(&members[m], y, 6, NULL, &one, 1));
		want += one / 4;
	}
	/* SES 0.1 from l0 = 0: 0, 10, 9, 38.1, 39.29, 35.361 (by hand) */
	assert_true(gig_forecast_run(&members[1], y, 6, NULL, f, 1));
	assert_close(f[0], 35.361, "ses");
	assert_true(gig_forecast_run(&combo, y, 6, fitted, f, 12));
	for (size_t k = 0; k < 12; k++)
		assert_close(f[k], want, "combination (under two years: flat)");
	assert_true(isnan(fitted[0]));
	/* fitted[t] is the combination's forecast from y[0..t-1] */
	double prefix;
	assert_true(gig_forecast_run(&combo, y, 4, NULL, &prefix, 1));
	assert_close(fitted[4], prefix, "fitted[4]");

	for (size_t t = 0; t < 24; t++) /* t = 11 and 23 are Decembers */
		s[t] = t % 12 == 11 ? 150 : 100;
	assert_true(gig_forecast_run(&combo, s, 24, NULL, f, 12));
	for (size_t k = 0; k < 11; k++) {
		assert_close(f[11] - f[k], 25, "December above the rest");
		assert_close(f[k], f[0], "the other months alike");
	}
	const double neg[8] = {10, -5, 10, 10, 10, 10, 10, 10};
	assert_false(gig_forecast_run(&combo, neg, 8, NULL, f, 12));
}

/* Expected values from tests/tools/runway_draw_mean.py, a separate Python
 * re-implementation of the bootstrap with per-path mean draws written from forecast.h
 * (the default model: the drawn deviation times n / (n - Lm) = 12 / 9 here; no trend
 * on 12 months). */
static void
test_forecast__draw_mean_matches_reimplementation(void **state)
{
	double net[] = {-500, 300, -1200, 800, -100, -900, 400, -300, -700, 200, -50, -600};
	gig_runway_options opt = GIG_RUNWAY_OPTIONS_INIT;
	gig_runway_result res, plain;

	(void)state;
	opt.paths = 500;
	opt.mean_block = 3;
	assert_true(opt.draw_mean);
	assert_true(gig_runway_bootstrap(net, 12, 4000, &opt, &res));
	assert_close(res.p10, 11.045438573659553, "p10");
	assert_close(res.p50, 17.073719008264462, "p50");
	assert_close(res.p90, 34.433393160320151, "p90");
	assert_close(res.prob_ruin_within[0], 0, "ruin3");
	assert_close(res.prob_ruin_within[1], 0, "ruin6");
	assert_close(res.prob_ruin_within[2], 0.132, "ruin12");
	assert_close(res.prob_ruin_within[3], 0.770, "ruin24");
	assert_close(res.cfar90, 4178.8888888888887, "cfar90");
	/* Without the correction the deviations are 3/4 as large: other figures. */
	opt.mean_correction = false;
	assert_true(gig_runway_bootstrap(net, 12, 4000, &opt, &plain));
	assert_true(plain.p10 > res.p10 && plain.p90 < res.p90);
	opt.mean_correction = true;
	/* The flag matters: the plain bootstrap gives other figures. */
	opt.draw_mean = false;
	assert_true(gig_runway_bootstrap(net, 12, 4000, &opt, &plain));
	assert_true(plain.p90 != res.p90);
}

/* The default mean block (12) on 30 months, against the same re-implementation: 30
 * months are enough for the damped trend (Theil-Sen slope over pairs a year apart,
 * shrunk; forecast.h), and the correction is 30 / 18. */
static void
test_forecast__draw_mean_block12_matches_reimplementation(void **state)
{
	double net[30] = {-500, 300,  -1200, 800,  -100, -900,  400,  -300, -700, 200,
	                  -50,  -600, -800,  -900, -700, -1000, 600,  900,  1200, 700,
	                  -200, -300, 100,   -400, -600, 250,   -150, -350, 50,   -450};
	gig_runway_options opt = GIG_RUNWAY_OPTIONS_INIT;
	gig_runway_result res, other;

	(void)state;
	assert_int_equal(opt.mean_block, 12);
	opt.paths = 500;
	assert_true(gig_runway_bootstrap(net, 30, 6000, &opt, &res));
	assert_close(res.p10, 11.896471142148972, "p10");
	assert_close(res.p50, 120, "p50");
	assert_close(res.p90, 120, "p90");
	assert_close(res.prob_ruin_within[1], 0.004, "ruin6");
	assert_close(res.prob_ruin_within[2], 0.104, "ruin12");
	assert_close(res.prob_ruin_within[3], 0.268, "ruin24");
	assert_close(res.cfar90, 6061.9493071005081, "cfar90");
	/* The trend matters: without it, other figures. */
	opt.trend_damping = 0;
	assert_true(gig_runway_bootstrap(net, 30, 6000, &opt, &other));
	assert_true(other.p10 != res.p10);
	opt.trend_damping = GIG_RUNWAY_OPTIONS_INIT.trend_damping;
	/* The block length of the mean draw matters ... */
	opt.mean_block = 3;
	assert_true(gig_runway_bootstrap(net, 30, 6000, &opt, &other));
	assert_true(other.p50 != res.p50);
	/* ... 0 means the flow block ... */
	opt.mean_block = 0;
	assert_true(gig_runway_bootstrap(net, 30, 6000, &opt, &res));
	assert_true(res.p50 == other.p50 && res.p10 == other.p10);
	/* ... and it is capped at half the history: 12 and 15 give the same on 30 months. */
	opt.mean_block = 15;
	assert_true(gig_runway_bootstrap(net, 30, 6000, &opt, &other));
	opt.mean_block = 40;
	assert_true(gig_runway_bootstrap(net, 30, 6000, &opt, &res));
	assert_true(res.p50 == other.p50 && res.p10 == other.p10 && res.p90 == other.p90);
}

/*
 * The damped trend by hand: net_t = -100 - 10 t over 24 months (t = 0..23) is a line, so
 * the Theil-Sen slope is b = -10 exactly, the detrended history is the constant
 * d_t = net_t + 10 (t - 11.5) = -215, its long-run variance 0 and the shrinkage weight 1.
 * Every resample of a constant is that constant: each path's drawn mean deviation and
 * slope deviation are 0, so every path is the same: month k has the flow
 * -215 + b x 11.5 + b x (0.98 + ... + 0.98^k) = -330 - 10 S_k, S_k = sum_{j<=k} 0.98^j.
 * From 1,000: S_1 = 0.98, flow -339.8, cash 660.2; S_2 = 1.9404, flow -349.404, cash
 * 310.796; S_3 = 2.881592, flow -358.81592, cash -48.01992: out in month 3, at
 * 2 + 310.796 / 358.81592 months.  Without the trend the paths scatter around the
 * mean -215 (about 4.7 months).  A damping outside [0, 1] is refused.
 */
static void
test_forecast__trend_by_hand(void **state)
{
	double net[24];
	gig_runway_options opt = GIG_RUNWAY_OPTIONS_INIT;
	gig_runway_result res;
	const double want = 2 + 310.796 / 358.81592;

	(void)state;
	for (size_t t = 0; t < 24; t++)
		net[t] = -100 - 10 * (double)t;
	opt.paths = 200;
	assert_true(gig_runway_bootstrap(net, 24, 1000, &opt, &res));
	assert_close(res.p10, want, "p10");
	assert_close(res.p50, want, "p50");
	assert_close(res.p90, want, "p90");
	assert_close(res.prob_ruin_within[0], 1, "ruin3");
	opt.trend_damping = 0;
	assert_true(gig_runway_bootstrap(net, 24, 1000, &opt, &res));
	assert_true(res.p50 > 4 && res.p10 < res.p90);
	opt.trend_damping = 1.5;
	assert_false(gig_runway_bootstrap(net, 24, 1000, &opt, &res));
	opt.trend_damping = NAN;
	assert_false(gig_runway_bootstrap(net, 24, 1000, &opt, &res));
	opt.trend_damping = -0.1;
	assert_false(gig_runway_bootstrap(net, 24, 1000, &opt, &res));
	/* 300 months of a line: the slope is measured on the last 240, still the line's,
	 * and every path is again the same */
	double longer[300];
	for (size_t t = 0; t < 300; t++)
		longer[t] = -100 - 10 * (double)t;
	opt.trend_damping = 0.98;
	assert_true(gig_runway_bootstrap(longer, 300, 1000, &opt, &res));
	assert_true(res.p10 == res.p90 && res.p10 < 1);
	/* 23 months are too few for a trend: the same as trend_damping = 0 */
	gig_runway_result short_t, short_f;
	opt.trend_damping = 0.98;
	assert_true(gig_runway_bootstrap(net, 23, 1000, &opt, &short_t));
	opt.trend_damping = 0;
	assert_true(gig_runway_bootstrap(net, 23, 1000, &opt, &short_f));
	assert_true(short_t.p10 == short_f.p10 && short_t.p50 == short_f.p50 &&
	            short_t.p90 == short_f.p90);
}

/* Scenarios: common random numbers make a do-nothing scenario the base, exactly. */
static void
test_forecast__scenario_nothing_changes_nothing(void **state)
{
	static const char *const names[] = {"steady", "trending", "intermittent"};
	double y[MAX_SERIES], income[MAX_SERIES], zero[120] = {0};
	gig_runway_options opt = GIG_RUNWAY_OPTIONS_INIT;

	(void)state;
	opt.paths = 1000;
	for (size_t s = 0; s < sizeof(names) / sizeof(names[0]); s++) {
		size_t n = load_series(names[s], y, MAX_SERIES);

		for (size_t t = 0; t < n; t++) {
			income[t] = y[t];
			y[t] -= 2600;
		}
		gig_scenario_term term = {income, zero};
		gig_scenario sc = {1, &term, zero};
		for (uint64_t seed = 1; seed <= 3; seed++) {
			gig_runway_result base, what;

			opt.seed = seed;
			assert_true(gig_runway_bootstrap(y, n, 9000, &opt, &base));
			assert_true(gig_runway_bootstrap_scenario(y, n, 9000, &opt, &sc, &what));
			assert_memory_equal(&base, &what, sizeof base);
			assert_true(gig_runway_bootstrap_scenario(y, n, 9000, &opt, NULL, &what));
			assert_memory_equal(&base, &what, sizeof base);
		}
	}
}

/* More expense never lengthens a runway: path by path (one path per seed), and so for
 * every quantile and chance of running out. */
static void
test_forecast__scenario_more_expense_never_longer(void **state)
{
	double y[MAX_SERIES], expense[MAX_SERIES], coef[120], add[120];
	gig_runway_options opt = GIG_RUNWAY_OPTIONS_INIT;
	gig_splitmix64 rng;
	size_t n = load_series("intermittent", y, MAX_SERIES);

	(void)state;
	gig_splitmix64_seed(&rng, 99);
	for (size_t t = 0; t < n; t++) {
		expense[t] = 1500 + (double)gig_splitmix64_index(&rng, 900);
		y[t] -= expense[t];
	}
	for (int trial = 0; trial < 40; trial++) {
		/* a random mix: a monthly rise from a random month, one-offs, a % rise */
		uint32_t from = gig_splitmix64_index(&rng, 24);
		double pct = (double)gig_splitmix64_index(&rng, 50) / 100;
		for (size_t k = 0; k < 120; k++) {
			add[k] = k >= from ? -(double)gig_splitmix64_index(&rng, 400) : 0;
			coef[k] = k >= from ? -pct : 0;
		}
		add[gig_splitmix64_index(&rng, 120)] -= 2400;
		gig_scenario_term term = {expense, coef};
		gig_scenario sc = {1, &term, add};
		double cash = 1000 + (double)gig_splitmix64_index(&rng, 20000);

		opt.paths = 1;
		for (uint64_t seed = 1; seed <= 50; seed++) {
			gig_runway_result base, what;

			opt.seed = seed * 7919 + (uint64_t)trial;
			assert_true(gig_runway_bootstrap(y, n, cash, &opt, &base));
			assert_true(gig_runway_bootstrap_scenario(y, n, cash, &opt, &sc, &what));
			if (what.p50 > base.p50)
				fail_msg("trial %d seed %llu: %.6f > %.6f", trial,
				         (unsigned long long)opt.seed, what.p50, base.p50);
		}
		opt.paths = 500;
		gig_runway_result base, what;
		assert_true(gig_runway_bootstrap(y, n, cash, &opt, &base));
		assert_true(gig_runway_bootstrap_scenario(y, n, cash, &opt, &sc, &what));
		assert_true(what.p10 <= base.p10 && what.p50 <= base.p50 && what.p90 <= base.p90);
		for (size_t i = 0; i < GIG_RUNWAY_PROB_COUNT; i++)
			assert_true(what.prob_ruin_within[i] >= base.prob_ruin_within[i]);
	}
}

/* The flow formula on a flat history, worked by hand; bad scenarios refused. */
static void
test_forecast__scenario_flows(void **state)
{
	double net[24], income[24], coef[120], add[120];
	gig_runway_options opt = GIG_RUNWAY_OPTIONS_INIT;
	gig_runway_result res;

	(void)state;
	opt.paths = 200;
	for (size_t t = 0; t < 24; t++) {
		net[t] = -100;
		income[t] = 500;
	}
	/* income -20 % from month 3 (k = 2): flows -100, -100, then -200 a month; 1000
	 * lasts 2 months + 800 / 200 = 6 months */
	for (size_t k = 0; k < 120; k++) {
		coef[k] = k >= 2 ? -0.2 : 0;
		add[k] = 0;
	}
	gig_scenario_term term = {income, coef};
	gig_scenario sc = {1, &term, add};
	assert_true(gig_runway_bootstrap_scenario(net, 24, 1000, &opt, &sc, &res));
	assert_close(res.p10, 6, "p10");
	assert_close(res.p90, 6, "p90");
	/* plus a 700 gig in month 2: 1000 - 100 + 600 = 1500 after 2, then 1500 / 200 */
	add[1] = 700;
	assert_true(gig_runway_bootstrap_scenario(net, 24, 1000, &opt, &sc, &res));
	assert_close(res.p50, 2 + 1500.0 / 200, "p50 with the gig");
	/* refused: a NULL array, a non-finite value */
	gig_scenario_term bad = {NULL, coef};
	gig_scenario sbad = {1, &bad, add};
	assert_false(gig_runway_bootstrap_scenario(net, 24, 1000, &opt, &sbad, &res));
	gig_scenario none = {1, NULL, add};
	assert_false(gig_runway_bootstrap_scenario(net, 24, 1000, &opt, &none, &res));
	add[5] = NAN;
	assert_false(gig_runway_bootstrap_scenario(net, 24, 1000, &opt, &sc, &res));
	add[5] = 0;
	coef[7] = INFINITY;
	assert_false(gig_runway_bootstrap_scenario(net, 24, 1000, &opt, &sc, &res));
}

/* The balance band against tests/tools/runway_draw_mean.py (its "band month" lines). */
static void
test_forecast__balance_band(void **state)
{
	double net[30] = {-500, 300,  -1200, 800,  -100, -900,  400,  -300, -700, 200,
	                  -50,  -600, -800,  -900, -700, -1000, 600,  900,  1200, 700,
	                  -200, -300, 100,   -400, -600, 250,   -150, -350, 50,   -450};
	gig_runway_options opt = GIG_RUNWAY_OPTIONS_INIT;
	double lo[12], mid[12], hi[12];

	(void)state;
	opt.paths = 500;
	assert_true(gig_runway_balance_band(net, 30, 6000, &opt, 12, lo, mid, hi));
	assert_close(lo[0], 5122.7196127425786, "p10 month 1");
	assert_close(mid[0], 5755.77997954083, "p50 month 1");
	assert_close(hi[0], 6827.1505998371085, "p90 month 1");
	assert_close(lo[2], 4009.5229203210029, "p10 month 3");
	assert_close(mid[2], 5687.7704753046273, "p50 month 3");
	assert_close(hi[2], 7404.1561648449351, "p90 month 3");
	assert_close(lo[11], 76.279376382720557, "p10 month 12");
	assert_close(mid[11], 5549.5078201812485, "p50 month 12");
	assert_close(hi[11], 11463.965974218874, "p90 month 12");
	for (size_t k = 0; k < 12; k++)
		assert_true(lo[k] <= mid[k] && mid[k] <= hi[k]);
	/* the plain bootstrap is another model, and so another band */
	double plo[12], pmid[12], phi[12];
	opt.draw_mean = false;
	assert_true(gig_runway_balance_band(net, 30, 6000, &opt, 12, plo, pmid, phi));
	assert_true(plo[11] != lo[11]);
	/* a flat flow: every path is the same line, so is every quantile */
	double flat[24];
	for (size_t t = 0; t < 24; t++)
		flat[t] = -250;
	opt.draw_mean = true;
	assert_true(gig_runway_balance_band(flat, 24, 1000, &opt, 6, lo, mid, hi));
	for (size_t k = 0; k < 6; k++) {
		double want = 1000 - 250 * (double)(k + 1); /* carries on below 0 */
		assert_close(lo[k], want, "flat p10");
		assert_close(mid[k], want, "flat p50");
		assert_close(hi[k], want, "flat p90");
	}
	/* bad arguments */
	assert_false(gig_runway_balance_band(net, 30, 6000, &opt, 0, lo, mid, hi));
	opt.horizon = 5;
	assert_false(gig_runway_balance_band(net, 30, 6000, &opt, 6, lo, mid, hi));
	opt.horizon = 120;
	assert_false(gig_runway_balance_band(net, 30, 6000, &opt, 6, NULL, mid, hi));
	assert_false(gig_runway_balance_band(net, 30, 6000, &opt, 6, lo, NULL, hi));
	assert_false(gig_runway_balance_band(net, 30, 6000, &opt, 6, lo, mid, NULL));
	assert_false(gig_runway_balance_band(net, 0, 6000, &opt, 6, lo, mid, hi));
	assert_false(gig_runway_balance_band(net, 30, NAN, &opt, 6, lo, mid, hi));
	opt.paths = 0;
	assert_false(gig_runway_balance_band(net, 30, 6000, &opt, 6, lo, mid, hi));
}

static void
test_forecast__zero_variance_net_quantiles_equal_deterministic(void **state)
{
	gig_runway_options opt = GIG_RUNWAY_OPTIONS_INIT;
	gig_runway_result res;
	double net[24];

	(void)state;
	for (double flow = -900; flow <= -100; flow += 400) {
		for (size_t t = 0; t < 24; t++)
			net[t] = flow;
		assert_true(gig_runway_bootstrap(net, 24, 5000, &opt, &res));
		double det = gig_runway_deterministic(net, 24, 5000);

		assert_close(res.p10, det, "p10");
		assert_close(res.p50, det, "p50");
		assert_close(res.p90, det, "p90");
		assert_true(res.censored_fraction == 0);
	}
	/* A flat positive flow never runs out: every path is censored at the horizon. */
	for (size_t t = 0; t < 24; t++)
		net[t] = 50;
	assert_true(gig_runway_bootstrap(net, 24, 5000, &opt, &res));
	assert_true(isinf(gig_runway_deterministic(net, 24, 5000)));
	assert_true(res.p10 == 120 && res.p90 == 120 && res.censored_fraction == 1);
}

static void
test_forecast__runway_quantiles_monotone_in_cash(void **state)
{
	static const char *const names[] = {"steady", "trending", "intermittent", "linear",
	                                    "single_nonzero"};
	double y[MAX_SERIES];
	gig_runway_options opt = GIG_RUNWAY_OPTIONS_INIT;

	(void)state;
	opt.paths = 2000;
	for (size_t s = 0; s < sizeof(names) / sizeof(names[0]); s++) {
		size_t n = load_series(names[s], y, MAX_SERIES);
		gig_runway_result prev = {0}, cur;

		for (size_t t = 0; t < n; t++)
			y[t] -= 2600;
		for (double cash = -100; cash <= 60000; cash += 1500) {
			assert_true(gig_runway_bootstrap(y, n, cash, &opt, &cur));
			if (cash > -100) {
				assert_true(cur.p10 >= prev.p10);
				assert_true(cur.p50 >= prev.p50);
				assert_true(cur.p90 >= prev.p90);
				assert_true(cur.mean >= prev.mean);
				for (size_t i = 0; i < GIG_RUNWAY_PROB_COUNT; i++)
					assert_true(cur.prob_ruin_within[i] <=
					            prev.prob_ruin_within[i]);
			}
			prev = cur;
		}
	}
}

static void
test_forecast__scaling_scales_forecast_keeps_choice(void **state)
{
	static const double ks[] = {0.01, 3, 1000};
	double y[MAX_SERIES], ky[MAX_SERIES];

	(void)state;
	for (size_t s = 0; s < N_SERIES; s++) {
		size_t n = load_series(series_names[s], y, MAX_SERIES);
		gig_forecast_choice base, scaled;

		assert_true(gig_forecast_choose(y, n, &base));
		for (size_t i = 0; i < sizeof(ks) / sizeof(ks[0]); i++) {
			for (size_t t = 0; t < n; t++)
				ky[t] = ks[i] * y[t];
			assert_true(gig_forecast_choose(ky, n, &scaled));
			if (strcmp(base.name, scaled.name) != 0)
				fail_msg("%s x %g: choice %s became %s", series_names[s], ks[i],
				         base.name, scaled.name);
			for (size_t k = 0; k < 12; k++)
				assert_close(scaled.forecast[k] / ks[i], base.forecast[k],
				             "scaled forecast");
			/* RMSSE is scale-free. */
			if (base.rule == GIG_CHOICE_RMSSE)
				assert_close(scaled.error, base.error, "scaled RMSSE");
		}
	}
}

static void
test_forecast__risk_salary_is_largest_safe_draw(void **state)
{
	static const char *const names[] = {"steady", "trending", "intermittent", "linear"};
	double y[MAX_SERIES], net[MAX_SERIES];
	gig_runway_options opt = GIG_RUNWAY_OPTIONS_INIT;

	(void)state;
	opt.paths = 4000;
	for (size_t s = 0; s < sizeof(names) / sizeof(names[0]); s++) {
		size_t n = load_series(names[s], y, MAX_SERIES);
		double salary;
		gig_runway_result at, above;

		for (size_t t = 0; t < n; t++)
			y[t] -= 1500;
		assert_true(gig_runway_risk_salary(y, n, 20000, &opt, 0.10, &salary));
		assert_true(salary > 0);
		/* Check independently by simulating the draw as an extra monthly expense:
		 * at the salary at most 10 % of paths go below zero within 12 months, a
		 * hair above it more than 10 % do. */
		for (size_t t = 0; t < n; t++)
			net[t] = y[t] - salary;
		assert_true(gig_runway_bootstrap(net, n, 20000, &opt, &at));
		for (size_t t = 0; t < n; t++)
			net[t] = y[t] - (salary + 1e-6 * fmax(1, salary));
		assert_true(gig_runway_bootstrap(net, n, 20000, &opt, &above));
		if (!(at.prob_ruin_within[2] <= 0.10 && above.prob_ruin_within[2] > 0.10))
			fail_msg("%s: salary %.6f gives P(ruin<12) %.4f, a hair more %.4f",
			         names[s], salary, at.prob_ruin_within[2],
			         above.prob_ruin_within[2]);
	}
	/* Starting below zero there is nothing safe to draw. */
	double salary = 1;

	assert_true(gig_runway_risk_salary(y, 4, -10, &opt, 0.10, &salary));
	assert_true(salary == 0);
}

static void
test_forecast__windfall_flagged_and_excluded(void **state)
{
	double y[] = {3000, 0, 2500, 25000, 3500, 0, 2800, 3100};
	double cleaned[8], total;
	bool flags[8];

	(void)state;
	/* Median payment 3050 (six payments); 25000 > 5 x 3050 = 15250. */
	assert_int_equal(gig_forecast_windfalls(y, 8, 0, flags, cleaned, &total), 1);
	assert_true(flags[3] && !flags[0] && !flags[4]);
	assert_true(cleaned[3] == 0 && cleaned[4] == 3500);
	assert_true(total == 25000);
	/* Exactly 5 x the median is not a windfall: the rule is "over". */
	double edge[] = {1000, 1000, 5000};

	assert_int_equal(gig_forecast_windfalls(edge, 3, 5, NULL, NULL, NULL), 0);
	/* No payments, no windfalls. */
	assert_int_equal(gig_forecast_windfalls(edge, 0, 5, NULL, NULL, &total), 0);
	assert_true(total == 0);
}

static void
test_forecast__dry_spells(void **state)
{
	double y[MAX_SERIES];
	gig_dry_spells d;
	size_t n = load_series("intermittent", y, MAX_SERIES);

	(void)state;
	gig_forecast_dry_spells(y, n, &d);
	assert_int_equal(d.months, 36);
	assert_int_equal(d.payments, 11);
	assert_close(d.zero_share, 25.0 / 36, "zero share");
	assert_int_equal(d.longest_dry, 12); /* months 20..31 (1-based) */
	/* Payment months (1-based) 3 6 11 12 13 14 15 18 19 32 36: gaps 3 5 1 1 1 1 3 1 13 4,
	 * sorted 1 1 1 1 1 3 3 4 5 13, median (1 + 3) / 2. */
	assert_true(d.have_gap);
	assert_close(d.median_gap, 2, "median gap");

	gig_forecast_dry_spells(y, 0, &d);
	assert_true(d.zero_share == 0 && !d.have_gap && d.longest_dry == 0);
	double one[] = {0, 0, 500, 0};

	gig_forecast_dry_spells(one, 4, &d);
	assert_true(!d.have_gap && d.median_gap == 0 && d.longest_dry == 2);
}

static void
test_forecast__reserve_salary_tax_profit_first(void **state)
{
	double steady[12], lumpy[12] = {0, 0, 9000, 0, 0, 0, 0, 0, 0, 0, 0, 3000};
	double one_fee[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 12000};
	gig_reserve res;
	gig_profit_first pf;
	const gig_profit_first split = GIG_PROFIT_FIRST_INIT;

	(void)state;
	for (size_t t = 0; t < 12; t++)
		steady[t] = 3000;
	/* No volatility: M = 3; the essential expenses decide over a small CFaR. */
	assert_close(gig_forecast_reserve_multiple(steady, 12), 3, "M steady");
	gig_forecast_reserve(steady, 12, 2000, 1000, 4000, &res);
	assert_close(res.target, 6000, "target");
	assert_close(res.gap, 2000, "gap");
	/* Lumpy income: mean 1000, sample sd sqrt(78e6 / 11), M = 3 (1 + CV). */
	assert_close(gig_forecast_reserve_multiple(lumpy, 12), 3 * (1 + sqrt(78e6 / 11) / 1000),
	             "M lumpy");
	/* One fee a year: CV = sqrt(12), 3 (1 + CV) > 12, so M hits the cap. */
	assert_close(gig_forecast_reserve_multiple(one_fee, 12), 12, "M capped");
	/* A large CFaR wins over M x expenses. */
	gig_forecast_reserve(steady, 12, 2000, 9000, 0, &res);
	assert_close(res.target, 9000, "cfar target");
	/* Too little history: unknown volatility, worst case. */
	assert_close(gig_forecast_reserve_multiple(steady, 1), 12, "M one month");

	double fc[12];

	for (size_t k = 0; k < 12; k++)
		fc[k] = 500;
	assert_close(gig_forecast_salary(20000, 8000, fc, 12), (20000 - 8000 + 6000) / 12.0,
	             "salary");
	assert_close(gig_forecast_salary(1000, 8000, fc, 12), 0, "salary floor");
	assert_close(gig_forecast_salary(12000, 0, fc, 1), 1500, "short forecast extended");

	assert_close(gig_forecast_tax_set_aside(10000, -1, 1000), 1500, "tax default");
	assert_close(gig_forecast_tax_set_aside(10000, 0.3, 5000), 0, "tax covered");

	assert_true(gig_forecast_profit_first(10001, &split, &pf));
	assert_close(pf.profit + pf.owner_pay + pf.tax + pf.opex, 10001, "split sums");
	assert_close(pf.owner_pay, 5000.5, "owner pay");
	gig_profit_first bad = {50, 50, 50, 0};

	assert_false(gig_forecast_profit_first(100, &bad, &pf));
}

static void
test_forecast__deterministic_runway_figures(void **state)
{
	gig_runway_figures f;
	double net[] = {-100, -300};

	(void)state;
	gig_runway_figures_compute(12000, 2000, 3000, 3500, 2500, &f);
	assert_close(f.essential_only, 6, "essential");
	assert_close(f.all_expenses, 4, "all");
	assert_close(f.forecast_net, 12, "forecast net");
	gig_runway_figures_compute(12000, 2000, 3000, 2000, 2500, &f);
	assert_true(isinf(f.forecast_net));
	gig_runway_figures_compute(-5, 2000, 3000, 3500, 2500, &f);
	assert_true(f.essential_only == 0 && f.forecast_net == 0);
	assert_close(gig_runway_deterministic(net, 2, 1000), 5, "deterministic");
	assert_true(gig_runway_deterministic(net, 2, -1) == 0);
	assert_true(isinf(gig_runway_deterministic(net, 0, 1)));
}

static void
test_forecast__invalid_arguments_rejected(void **state)
{
	double y[] = {100, 200, -50, 300}, f[12], fitted[4];
	double bad[] = {1, NAN, 3};
	gig_forecast_spec spec = gig_forecast_spec_default(GIG_FORECAST_SES);
	gig_runway_options opt = GIG_RUNWAY_OPTIONS_INIT;
	gig_runway_result res;
	gig_forecast_fit fit;
	gig_backtest bt;
	gig_sbc sbc;

	(void)state;
	assert_false(gig_forecast_ses(y, 0, 0.1, fitted, f));
	assert_false(gig_forecast_ses(y, 4, 0, fitted, f));
	assert_false(gig_forecast_ses(y, 4, 1.5, fitted, f));
	assert_false(gig_forecast_ses(bad, 3, 0.1, NULL, f));
	assert_false(gig_forecast_holt(y, 1, 0.3, 0.1, 1, NULL, f, 12));
	assert_false(gig_forecast_hw(y, 4, 0.3, 0.1, 0.1, NULL, NULL, f, 12));
	/* Intermittent methods are for income only. */
	assert_false(gig_forecast_croston(y, 4, 0.1, false, NULL, NULL));
	assert_false(gig_forecast_tsb(y, 4, 0.1, 0.1, NULL, NULL));
	assert_false(gig_forecast_sbc(y, 4, &sbc));
	spec.method = GIG_FORECAST_TSB;
	assert_false(gig_forecast_run(&spec, y, 4, NULL, f, 12));
	spec.method = GIG_FORECAST_METHOD_COUNT;
	assert_false(gig_forecast_run(&spec, y, 4, NULL, f, 12));
	assert_false(gig_forecast_ses_opt(y, 0, &fit, NULL, NULL));
	assert_false(gig_forecast_hw_opt(y, 4, &fit, NULL, NULL, 0));
	assert_false(gig_forecast_backtest(y, 3, &bt));
	assert_false(gig_runway_bootstrap(y, 0, 100, &opt, &res));
	opt.paths = 0;
	assert_false(gig_runway_bootstrap(y, 4, 100, &opt, &res));
	opt = GIG_RUNWAY_OPTIONS_INIT;
	assert_false(gig_runway_bootstrap(bad, 3, 100, &opt, &res));
	assert_false(gig_runway_bootstrap(y, 4, NAN, &opt, &res));

	gig_forecast_method m;

	assert_true(gig_forecast_method_from_name("damped", &m) && m == GIG_FORECAST_DAMPED);
	assert_false(gig_forecast_method_from_name("arima", &m));
}

/* The report consumes forecasts, runway figures, reserves and salaries: none may be NaN,
 * whatever the history looks like. */
static void
test_forecast__edge_series_never_produce_nan(void **state)
{
	static const double neg[] = {-500, -200, -800, -100, -50, -900, -300, -400, -10};
	static const double mixed[] = {1000, -300, 0, 2500, -100};
	static const double one_zero[] = {0};
	struct {
		const double *y;
		size_t n;
	} cases[] = {{neg, 9}, {mixed, 5}, {one_zero, 1}, {neg, 0}, {mixed, 2}, {neg, 3}};
	gig_runway_options opt = GIG_RUNWAY_OPTIONS_INIT;

	(void)state;
	opt.paths = 500;
	for (size_t c = 0; c < sizeof(cases) / sizeof(cases[0]); c++) {
		gig_forecast_choice ch;
		gig_runway_result res;
		gig_reserve rv;
		double salary;

		assert_true(gig_forecast_choose(cases[c].y, cases[c].n, &ch));
		for (size_t k = 0; k < 12; k++)
			assert_false(isnan(ch.forecast[k]));
		assert_false(isnan(ch.error));
		assert_false(isnan(gig_runway_deterministic(cases[c].y, cases[c].n, 100)));
		gig_forecast_reserve(cases[c].y, cases[c].n, 100, 0, 0, &rv);
		assert_false(isnan(rv.target) || isnan(rv.multiple));
		if (cases[c].n == 0)
			continue;
		assert_true(gig_runway_bootstrap(cases[c].y, cases[c].n, 1000, &opt, &res));
		assert_false(isnan(res.p10) || isnan(res.p50) || isnan(res.p90) ||
		             isnan(res.mean) || isnan(res.cfar90));
		assert_true(
		    gig_runway_risk_salary(cases[c].y, cases[c].n, 1000, &opt, 0.1, &salary));
		assert_false(isnan(salary));
	}
	/* Negative series: the rule falls back to SES (n <= 7) or RMSSE over the
	 * non-intermittent rows (n >= 8). */
	gig_forecast_choice ch;

	assert_true(gig_forecast_choose(mixed, 5, &ch));
	assert_int_equal(ch.rule, GIG_CHOICE_FALLBACK);
	assert_string_equal(ch.name, "ses_a0.1");
	assert_true(gig_forecast_choose(neg, 9, &ch));
	assert_int_equal(ch.backtest.n_rows, 7);
	assert_true(gig_forecast_choose(neg, 0, &ch));
	assert_string_equal(ch.name, "zero_income");
}

static void
test_forecast__short_series_choice_uses_sbc(void **state)
{
	double lumpy[] = {0, 0, 4000, 0, 0};
	double regular[] = {2000, 2100, 1900, 2050};
	gig_forecast_choice ch;

	(void)state;
	assert_true(gig_forecast_choose(lumpy, 5, &ch));
	assert_int_equal(ch.rule, GIG_CHOICE_SBC);
	assert_string_equal(ch.name, "sba_a0.1");
	assert_close(ch.forecast[0], 0.95 * 4000 / 3, "sba forecast");
	assert_true(gig_forecast_choose(regular, 4, &ch));
	assert_string_equal(ch.name, "ses_a0.1");
	assert_true(ch.have_backtest);
	assert_true(gig_forecast_choose(regular, 1, &ch));
	assert_string_equal(ch.name, "single_value");
	assert_true(ch.forecast[11] == 2000);
}

/* A fitted optimum must never be worse than the fixed-parameter fit with the same
 * structure, because the fixed parameters are inside the search space and the
 * least-squares states are at least as good as the textbook ones. */
static void
test_forecast__optimised_not_worse_than_fixed(void **state)
{
	double y[MAX_SERIES], fitted[MAX_SERIES], f[12];

	(void)state;
	for (size_t s = 0; s < N_SERIES; s++) {
		size_t n = load_series(series_names[s], y, MAX_SERIES);
		gig_forecast_fit fit;
		double lvl;

		assert_true(gig_forecast_ses_opt(y, n, &fit, fitted, &lvl));
		assert_close(gig_forecast_sse(y, fitted, n), fit.sse, "ses_opt sse consistent");
		assert_true(gig_forecast_ses(y, n, 0.3, fitted, &lvl));
		assert_true(fit.sse <= gig_forecast_sse(y, fitted, n) * (1 + 1e-12) + 1e-9);
		if (n < 2)
			continue;
		assert_true(gig_forecast_holt_opt(y, n, true, &fit, fitted, f, 12));
		assert_close(gig_forecast_sse(y, fitted, n), fit.sse, "damped sse consistent");
		assert_true(fit.phi >= 0.8 && fit.phi <= 0.98);
		assert_true(gig_forecast_holt(y, n, 0.3, 0.1, 0.9, fitted, f, 12));
		assert_true(fit.sse <= gig_forecast_sse(y, fitted, n) * (1 + 1e-12) + 1e-9);
		if (n < 24)
			continue;
		assert_true(gig_forecast_hw_opt(y, n, &fit, fitted, f, 12));
		double ssum = 0;

		for (size_t k = 0; k < 12; k++)
			ssum += fit.season[k];
		assert_true(fabs(ssum) < 1e-6 * fmax(1, fabs(fit.l0)));
		assert_true(fit.gamma <= 1 - fit.alpha + 1e-12);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_forecast__oracle_steady),
	    cmocka_unit_test(test_forecast__oracle_trending),
	    cmocka_unit_test(test_forecast__oracle_intermittent),
	    cmocka_unit_test(test_forecast__oracle_all_zeros),
	    cmocka_unit_test(test_forecast__oracle_constant),
	    cmocka_unit_test(test_forecast__oracle_linear),
	    cmocka_unit_test(test_forecast__oracle_short1),
	    cmocka_unit_test(test_forecast__oracle_single_nonzero),
	    cmocka_unit_test(test_forecast__splitmix64_reference_value),
	    cmocka_unit_test(test_forecast__ses_alpha_one_forecasts_last_value),
	    cmocka_unit_test(test_forecast__no_zeros_croston_tsb_equal_ses_sba_scaled),
	    cmocka_unit_test(test_forecast__constant_series_forecasts_constant),
	    cmocka_unit_test(test_forecast__combination_members_and_profile),
	    cmocka_unit_test(test_forecast__draw_mean_matches_reimplementation),
	    cmocka_unit_test(test_forecast__draw_mean_block12_matches_reimplementation),
	    cmocka_unit_test(test_forecast__trend_by_hand),
	    cmocka_unit_test(test_forecast__balance_band),
	    cmocka_unit_test(test_forecast__scenario_nothing_changes_nothing),
	    cmocka_unit_test(test_forecast__scenario_more_expense_never_longer),
	    cmocka_unit_test(test_forecast__scenario_flows),
	    cmocka_unit_test(test_forecast__zero_variance_net_quantiles_equal_deterministic),
	    cmocka_unit_test(test_forecast__runway_quantiles_monotone_in_cash),
	    cmocka_unit_test(test_forecast__scaling_scales_forecast_keeps_choice),
	    cmocka_unit_test(test_forecast__risk_salary_is_largest_safe_draw),
	    cmocka_unit_test(test_forecast__windfall_flagged_and_excluded),
	    cmocka_unit_test(test_forecast__dry_spells),
	    cmocka_unit_test(test_forecast__reserve_salary_tax_profit_first),
	    cmocka_unit_test(test_forecast__deterministic_runway_figures),
	    cmocka_unit_test(test_forecast__invalid_arguments_rejected),
	    cmocka_unit_test(test_forecast__edge_series_never_produce_nan),
	    cmocka_unit_test(test_forecast__short_series_choice_uses_sbc),
	    cmocka_unit_test(test_forecast__optimised_not_worse_than_fixed),
	};

	return cmocka_run_group_tests_name("forecast", tests, NULL, NULL);
}
