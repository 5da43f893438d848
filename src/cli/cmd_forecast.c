/*
 * cmd_forecast.c: `gig forecast`, the forecasting module on any series of numbers.
 *
 * Reads one number per line from a file or stdin (blank lines and '#' comments
 * skipped), runs the method choice (or the method asked for), and prints the fitted
 * values, forecasts, the backtest table and, given --cash and --expense, the runway
 * figures.  It needs no ledger, so users can try the forecasts on their own numbers and
 * tests can drive the module end to end.  JSON keys follow the forecast oracle's names.
 */
#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <string.h>

#include <gigledger/forecast.h>

#include "cmd.h"

/* Declared here as well as in cmd.h so this file stands on its own. */
int gig_cmd_forecast(gig_cli *cli, int argc, char **argv);

#define MAX_HORIZON 120

typedef struct {
	double *y;
	size_t n;
	size_t nonzero;
	size_t negative;
} series;

/* ---- input -------------------------------------------------------------------------------- */

static bool
read_all(const char *path, char **text, GError **error)
{
	if (strcmp(path, "-") != 0)
		return g_file_get_contents(path, text, NULL, error);

	GString *buf = g_string_new(NULL);
	char chunk[4096];
	size_t got;

	while ((got = fread(chunk, 1, sizeof(chunk), stdin)) > 0)
		g_string_append_len(buf, chunk, (gssize)got);
	if (ferror(stdin)) {
		g_set_error(error, G_FILE_ERROR, G_FILE_ERROR_IO, "cannot read stdin: %s",
		            g_strerror(errno));
		g_string_free(buf, true);
		return false;
	}
	*text = g_string_free(buf, false);
	return true;
}

/* Parses the text; on a bad line prints "gig forecast: NAME:LINE: ..." and fails. */
static bool
parse_series(const char *name, const char *text, series *out)
{
	GArray *values = g_array_new(false, false, sizeof(double));
	g_auto(GStrv) lines = g_strsplit(text, "\n", -1);

	for (size_t i = 0; lines[i] != NULL; i++) {
		char *line = g_strstrip(lines[i]);
		char *end;
		double v;

		if (line[0] == '\0' || line[0] == '#')
			continue;
		errno = 0;
		v = g_ascii_strtod(line, &end);
		while (*end == ' ' || *end == '\t')
			end++;
		if (end == line || *end != '\0' || errno == ERANGE || !isfinite(v)) {
			fprintf(stderr, "gig forecast: %s:%zu: '%s' is not a number\n", name, i + 1,
			        line);
			g_array_free(values, true);
			return false;
		}
		g_array_append_val(values, v);
	}
	out->n = values->len;
	out->y = (double *)(void *)g_array_free(values, false);
	out->nonzero = out->negative = 0;
	for (size_t t = 0; t < out->n; t++) {
		out->nonzero += out->y[t] != 0;
		out->negative += out->y[t] < 0;
	}
	return true;
}

/* A flag's value as a finite number; prints an error naming the flag otherwise. */
static bool
flag_number(const char *flag, const char *text, double *out)
{
	char *end;

	errno = 0;
	*out = g_ascii_strtod(text, &end);
	if (end == text || *end != '\0' || errno == ERANGE || !isfinite(*out)) {
		gig_cli_usage("forecast", "%s: '%s' is not a number", flag, text);
		return false;
	}
	return true;
}

/* ---- naming ------------------------------------------------------------------------------- */

/* The oracle's row name for a spec, e.g. "ses_a0.3" or "holt_damped_a0.3_b0.1_p0.9". */
static void
spec_name(const gig_forecast_spec *s, char *buf, size_t len)
{
	switch (s->method) {
	case GIG_FORECAST_SES:
		snprintf(buf, len, "ses_a%g", s->alpha);
		break;
	case GIG_FORECAST_HOLT:
		snprintf(buf, len, "holt_a%g_b%g", s->alpha, s->beta);
		break;
	case GIG_FORECAST_DAMPED:
		snprintf(buf, len, "holt_damped_a%g_b%g_p%g", s->alpha, s->beta, s->phi);
		break;
	case GIG_FORECAST_HW:
		snprintf(buf, len, "hw_a%g_b%g_g%g", s->alpha, s->beta, s->gamma);
		break;
	case GIG_FORECAST_CROSTON:
		snprintf(buf, len, "croston_a%g", s->alpha);
		break;
	case GIG_FORECAST_SBA:
		snprintf(buf, len, "sba_a%g", s->alpha);
		break;
	case GIG_FORECAST_TSB:
		snprintf(buf, len, "tsb_a%g_%g", s->alpha, s->beta);
		break;
	default:
		snprintf(buf, len, "%s", gig_forecast_method_name(s->method));
		break;
	}
}

/* ---- JSON --------------------------------------------------------------------------------- */

/* JSON has no NaN or infinity: both become null (the text output prints nan / inf). */
/* A runway quantile that reaches the simulated horizon is "never within N months",
 * as gig runway writes it (null with a never_runs_out flag in JSON). */
static bool
never(double v)
{
	return !(v < (double)GIG_RUNWAY_OPTIONS_INIT.horizon);
}

static void
quantile_text(char *buf, size_t len, double v)
{
	if (never(v))
		snprintf(buf, len, "never within %u months", GIG_RUNWAY_OPTIONS_INIT.horizon);
	else
		snprintf(buf, len, "%.2f months", v);
}

static void
json_number(JsonBuilder *b, const char *key, double v)
{
	if (key != NULL)
		json_builder_set_member_name(b, key);
	if (isfinite(v))
		json_builder_add_double_value(b, v);
	else
		json_builder_add_null_value(b);
}

static void
json_array(JsonBuilder *b, const char *key, const double *v, size_t n)
{
	json_builder_set_member_name(b, key);
	json_builder_begin_array(b);
	for (size_t i = 0; i < n; i++)
		json_number(b, NULL, v[i]);
	json_builder_end_array(b);
}

static void
json_string(JsonBuilder *b, const char *key, const char *v)
{
	json_builder_set_member_name(b, key);
	json_builder_add_string_value(b, v);
}

/* ---- the report --------------------------------------------------------------------------- */

typedef struct {
	const series *s;
	gig_forecast_spec spec;
	char name[64];
	bool auto_choice;
	gig_forecast_choice choice;
	double *fitted;
	double forecast[MAX_HORIZON];
	size_t h;
	gig_forecast_fit ses_opt;
	double ses_opt_forecast;
	bool have_ses_opt;
	bool runway;
	bool plain; /* --plain-bootstrap: no per-path mean draw (the oracle's model) */
	uint64_t seed;
	double cash, expense;
	double net_mean, deterministic;
	gig_runway_result rw;
	double risk_salary;
} report;

static void
print_values(const char *label, const double *v, size_t n)
{
	printf("%s", label);
	for (size_t i = 0; i < n; i++)
		printf("%s%.2f", i % 12 == 0 && i > 0 ? "\n  " : " ", v[i]);
	printf("\n");
}

static void
print_text(const report *r)
{
	const gig_backtest *bt = &r->choice.backtest;

	printf("series: %zu months, %zu non-zero, %zu negative\n", r->s->n, r->s->nonzero,
	       r->s->negative);
	if (r->auto_choice) {
		printf("method: %s (", r->name);
		switch (r->choice.rule) {
		case GIG_CHOICE_RMSSE:
		case GIG_CHOICE_RMSE:
			printf("lowest one-step %s %.4f over the last %zu months",
			       r->choice.rule == GIG_CHOICE_RMSSE ? "RMSSE" : "RMSE",
			       r->choice.error, r->s->n - bt->first_origin);
			break;
		case GIG_CHOICE_SBC:
			printf("SBC class %s: ADI %.3f, CV^2 %.3f",
			       gig_sbc_class_name(r->choice.sbc.cls), r->choice.sbc.adi,
			       r->choice.sbc.cv2);
			break;
		case GIG_CHOICE_SINGLE_VALUE:
			printf("one month of history");
			break;
		case GIG_CHOICE_ZERO_INCOME:
			printf("no income ever");
			break;
		case GIG_CHOICE_FALLBACK:
			printf("short series with negative values");
			break;
		case GIG_CHOICE_COMBINATION:
			printf("mean of mean, SES, SBA and TSB, plus half the calendar profile");
			break;
		}
		printf(")\n");
	} else {
		printf("method: %s (as asked)\n", r->name);
	}
	print_values("fitted:", r->fitted, r->s->n);
	printf("forecast (%zu months):", r->h);
	print_values("", r->forecast, r->h);
	if (r->have_ses_opt)
		printf("ses_opt (for display): alpha %.4f, l0 %.2f, forecast %.2f, sse %.2f\n",
		       r->ses_opt.alpha, r->ses_opt.l0, r->ses_opt_forecast, r->ses_opt.sse);
	if (r->choice.have_backtest) {
		printf("\nbacktest: one-step, origins %zu..%zu (0-based), scale MAE %.4g, "
		       "MSE %.4g\n",
		       bt->first_origin, r->s->n - 1, bt->scale_mae, bt->scale_mse);
		printf("  %-28s %12s %12s %9s %9s\n", "method", "MAE", "RMSE", "MASE", "RMSSE");
		for (size_t i = 0; i < bt->n_rows; i++) {
			const gig_backtest_row *row = &bt->rows[i];

			printf("%c %-28s %12.2f %12.2f %9.4f %9.4f\n",
			       i == bt->choice_rmsse ? '*' : ' ', row->name, row->mae, row->rmse,
			       row->mase, row->rmsse);
		}
	} else {
		printf("\nbacktest: skipped (needs at least 4 months)\n");
	}
	if (!r->runway)
		return;
	printf("\nrunway: cash %.2f, expense %.2f a month, mean net flow %.2f\n", r->cash,
	       r->expense, r->net_mean);
	if (isinf(r->deterministic))
		printf("  at the mean net flow:  never runs out\n");
	else
		printf("  at the mean net flow:  %.2f months\n", r->deterministic);
	char q[3][48];
	const double qv[3] = {r->rw.p10, r->rw.p50, r->rw.p90};

	for (size_t i = 0; i < 3; i++)
		quantile_text(q[i], sizeof q[i], qv[i]);
	printf("  bootstrap P10/P50/P90: %s / %s / %s\n    (mean %.2f months; %.1f%% of paths "
	       "last the whole %u months; seed %" PRIu64 "%s)\n",
	       q[0], q[1], q[2], r->rw.mean, 100 * r->rw.censored_fraction,
	       GIG_RUNWAY_OPTIONS_INIT.horizon, r->seed, r->plain ? ", plain bootstrap" : "");
	printf("  P(out of cash) within 3/6/12/24 months: %.1f%% / %.1f%% / %.1f%% / %.1f%%\n",
	       100 * r->rw.prob_ruin_within[0], 100 * r->rw.prob_ruin_within[1],
	       100 * r->rw.prob_ruin_within[2], 100 * r->rw.prob_ruin_within[3]);
	printf("  CFaR90 (worst cumulative 12-month shortfall): %.2f\n", r->rw.cfar90);
	printf("  risk-aware monthly draw (P(out of cash within 12 months) <= 10%%): %.2f\n",
	       r->risk_salary);
}

static void
print_json(const report *r)
{
	g_autoptr(JsonBuilder) b = json_builder_new();
	const gig_backtest *bt = &r->choice.backtest;
	char key[64];

	json_builder_begin_object(b);
	json_builder_set_member_name(b, "n");
	json_builder_add_int_value(b, (gint64)r->s->n);
	json_builder_set_member_name(b, "nonzero");
	json_builder_add_int_value(b, (gint64)r->s->nonzero);
	json_builder_set_member_name(b, "negative");
	json_builder_add_int_value(b, (gint64)r->s->negative);
	json_builder_set_member_name(b, "h");
	json_builder_add_int_value(b, (gint64)r->h);
	json_string(b, "method", r->name);
	if (r->auto_choice) {
		json_string(b, "choice", r->choice.name);
		json_string(b, "choice_rule", gig_choice_rule_name(r->choice.rule));
		json_number(b, "choice_error", r->choice.error);
	}
	json_array(b, "fitted", r->fitted, r->s->n);
	json_array(b, "forecast", r->forecast, r->h);
	if (r->have_ses_opt) {
		json_builder_set_member_name(b, "ses_opt");
		json_builder_begin_object(b);
		json_number(b, "alpha", r->ses_opt.alpha);
		json_number(b, "l0", r->ses_opt.l0);
		json_number(b, "sse", r->ses_opt.sse);
		json_number(b, "forecast", r->ses_opt_forecast);
		json_builder_end_object(b);
	}
	if (r->choice.sbc_valid) {
		json_builder_set_member_name(b, "sbc");
		json_builder_begin_object(b);
		json_number(b, "adi", r->choice.sbc.adi);
		json_number(b, "cv2", r->choice.sbc.cv2);
		json_string(b, "class", gig_sbc_class_name(r->choice.sbc.cls));
		json_builder_end_object(b);
	}
	json_builder_set_member_name(b, "backtest");
	if (r->choice.have_backtest) {
		json_builder_begin_object(b);
		json_builder_set_member_name(b, "first_origin_index");
		json_builder_add_int_value(b, (gint64)bt->first_origin);
		json_number(b, "scale_mae_naive", bt->scale_mae);
		json_number(b, "scale_mse_naive", bt->scale_mse);
		for (size_t i = 0; i < bt->n_rows; i++) {
			const gig_backtest_row *row = &bt->rows[i];

			json_builder_set_member_name(b, row->name);
			json_builder_begin_object(b);
			json_number(b, "MAE", row->mae);
			json_number(b, "RMSE", row->rmse);
			json_number(b, "MASE", row->mase);
			json_number(b, "RMSSE", row->rmsse);
			json_builder_end_object(b);
		}
		json_string(b, "choice_rmsse", bt->rows[bt->choice_rmsse].name);
		json_string(b, "choice_mae", bt->rows[bt->choice_mae].name);
		json_builder_end_object(b);
	} else {
		json_builder_add_null_value(b);
	}
	if (r->runway) {
		json_builder_set_member_name(b, "runway");
		json_builder_begin_object(b);
		json_number(b, "cash0", r->cash);
		json_number(b, "expense", r->expense);
		json_number(b, "net_mean", r->net_mean);
		json_number(b, "deterministic_months", r->deterministic);
		json_number(b, "bootstrap_p10", never(r->rw.p10) ? INFINITY : r->rw.p10);
		json_number(b, "bootstrap_p50", never(r->rw.p50) ? INFINITY : r->rw.p50);
		json_number(b, "bootstrap_p90", never(r->rw.p90) ? INFINITY : r->rw.p90);
		json_number(b, "bootstrap_mean", r->rw.mean);
		json_number(b, "censored_fraction", r->rw.censored_fraction);
		for (size_t i = 0; i < GIG_RUNWAY_PROB_COUNT; i++) {
			snprintf(key, sizeof(key), "prob_ruin_within_%g",
			         gig_runway_prob_months[i]);
			json_number(b, key, r->rw.prob_ruin_within[i]);
		}
		json_number(b, "cfar90_12m_max_cumulative_shortfall", r->rw.cfar90);
		json_number(b, "risk_salary_p10_12m", r->risk_salary);
		json_builder_set_member_name(b, "never_runs_out");
		json_builder_begin_object(b);
		json_builder_set_member_name(b, "deterministic_months");
		json_builder_add_boolean_value(b, isinf(r->deterministic));
		json_builder_set_member_name(b, "bootstrap_p10");
		json_builder_add_boolean_value(b, never(r->rw.p10));
		json_builder_set_member_name(b, "bootstrap_p50");
		json_builder_add_boolean_value(b, never(r->rw.p50));
		json_builder_set_member_name(b, "bootstrap_p90");
		json_builder_add_boolean_value(b, never(r->rw.p90));
		json_builder_end_object(b);
		json_builder_set_member_name(b, "seed");
		json_builder_add_int_value(b, (gint64)r->seed);
		json_builder_end_object(b);
	}
	json_builder_end_object(b);
	gig_cli_print_json(b);
}

/* ---- the command -------------------------------------------------------------------------- */

static int
run_report(report *r, const char *alpha_text, bool json)
{
	const series *s = r->s;

	gig_forecast_choose(s->y, s->n, &r->choice);
	if (r->auto_choice) {
		r->spec = r->choice.spec;
		snprintf(r->name, sizeof(r->name), "%s", r->choice.name);
	} else {
		if (alpha_text != NULL && !flag_number("--alpha", alpha_text, &r->spec.alpha))
			return GIG_EXIT_USAGE;
		if (alpha_text != NULL && !(r->spec.alpha > 0 && r->spec.alpha <= 1))
			return gig_cli_usage("forecast", "--alpha: %s is outside (0, 1]",
			                     alpha_text);
		if (s->n < gig_forecast_min_length(r->spec.method)) {
			fprintf(stderr,
			        "gig forecast: --method %s needs at least %zu values, got "
			        "%zu\n",
			        gig_forecast_method_name(r->spec.method),
			        gig_forecast_min_length(r->spec.method), s->n);
			return GIG_EXIT_INPUT;
		}
		spec_name(&r->spec, r->name, sizeof(r->name));
	}
	if (!gig_forecast_run(&r->spec, s->y, s->n, r->fitted, r->forecast, r->h)) {
		fprintf(stderr, "gig forecast: --method %s cannot model this series (%s)\n",
		        gig_forecast_method_name(r->spec.method),
		        s->negative > 0 ? "it has negative values; intermittent methods are for "
		                          "income only"
		                        : "invalid parameters");
		return GIG_EXIT_INPUT;
	}
	/* SES with optimised alpha, shown next to the choice but never chosen itself. */
	r->have_ses_opt = gig_forecast_ses_opt(s->y, s->n, &r->ses_opt, NULL, &r->ses_opt_forecast);

	if (r->runway) {
		gig_runway_options opt = GIG_RUNWAY_OPTIONS_INIT;
		g_autofree double *net = g_new(double, s->n);

		opt.draw_mean = !r->plain;
		opt.seed = r->seed;
		double sum = 0;

		for (size_t t = 0; t < s->n; t++) {
			net[t] = s->y[t] - r->expense;
			sum += net[t];
		}
		r->net_mean = sum / (double)s->n;
		r->deterministic = gig_runway_deterministic(net, s->n, r->cash);
		if (!gig_runway_bootstrap(net, s->n, r->cash, &opt, &r->rw) ||
		    !gig_runway_risk_salary(net, s->n, r->cash, &opt, 0.10, &r->risk_salary)) {
			fprintf(stderr, "gig forecast: out of memory in the runway bootstrap\n");
			return GIG_EXIT_FAILURE;
		}
	}
	if (json)
		print_json(r);
	else
		print_text(r);
	return GIG_EXIT_OK;
}

int
gig_cmd_forecast(gig_cli *cli, int argc, char **argv)
{
	g_autofree char *method = NULL, *alpha = NULL, *cash = NULL, *expense = NULL;
	int horizon = GIG_FORECAST_HORIZON;
	gboolean json = false, plain = false;
	g_autofree char *seed = NULL;
	GOptionEntry entries[] = {
	    {"method", 'm', 0, G_OPTION_ARG_STRING, &method,
	     "auto (default), naive, mean, ses, holt, damped, hw, croston, sba or tsb", "M"},
	    {"alpha", 'a', 0, G_OPTION_ARG_STRING, &alpha,
	     "smoothing parameter in (0, 1] for --method (default: the report's)", "A"},
	    {"horizon", 'H', 0, G_OPTION_ARG_INT, &horizon, "months to forecast, 1..120 (12)", "H"},
	    {"cash", 0, 0, G_OPTION_ARG_STRING, &cash, "starting cash, for the runway", "C"},
	    {"expense", 0, 0, G_OPTION_ARG_STRING, &expense,
	     "monthly expense subtracted from each value, for the runway", "E"},
	    {"json", 0, 0, G_OPTION_ARG_NONE, &json, "print JSON (keys as in the oracle)", NULL},
	    {"seed", 0, 0, G_OPTION_ARG_STRING, &seed,
	     "bootstrap seed, 0..2^64-1 (default 20240601)", "N"},
	    {"plain-bootstrap", 0, 0, G_OPTION_ARG_NONE, &plain,
	     "runway without parameter uncertainty (oracle)", NULL},
	    {NULL, 0, 0, 0, NULL, NULL, NULL}};
	g_autoptr(GOptionContext) ctx = gig_cli_context(
	    "[FILE|-]",
	    "Forecast a monthly series (one number per line; blank and # lines skipped)\n"
	    "and show the method chosen, fitted values, forecasts, the backtest and, with\n"
	    "--cash and --expense, the probabilistic runway.  Reads stdin without FILE.",
	    "Examples:\n  gig forecast income.txt\n  gig forecast - --method ses --alpha 0.3 "
	    "< income.txt\n  gig forecast income.txt --cash 8000 --expense 2600 --json\n"
	    "  gig forecast income.txt --cash 8000 --expense 2600 --seed 7",
	    entries);
	int rc = gig_cli_parse(ctx, "forecast", &argc, &argv);

	(void)cli;
	if (rc != GIG_EXIT_OK)
		return rc;
	if (argc > 2)
		return gig_cli_usage("forecast", "unexpected argument '%s'", argv[2]);
	if (horizon < 1 || horizon > MAX_HORIZON)
		return gig_cli_usage("forecast", "--horizon: %d is outside 1..%d", horizon,
		                     MAX_HORIZON);
	if ((cash == NULL) != (expense == NULL))
		return gig_cli_usage("forecast", "--cash and --expense go together");

	report r;

	memset(&r, 0, sizeof(r));
	r.h = (size_t)horizon;
	r.plain = plain;
	r.seed = GIG_RUNWAY_OPTIONS_INIT.seed;
	if (seed != NULL && !g_ascii_string_to_unsigned(seed, 10, 0, G_MAXUINT64, &r.seed, NULL))
		return gig_cli_usage("forecast", "--seed: '%s' is not a number 0..2^64-1", seed);
	r.auto_choice = method == NULL || strcmp(method, "auto") == 0;
	if (!r.auto_choice) {
		gig_forecast_method m;

		if (!gig_forecast_method_from_name(method, &m) || m == GIG_FORECAST_ZERO)
			return gig_cli_usage("forecast",
			                     "--method: unknown method '%s' (auto, naive, mean, "
			                     "ses, holt, damped, hw, croston, sba, tsb)",
			                     method);
		r.spec = gig_forecast_spec_default(m);
	} else if (alpha != NULL) {
		return gig_cli_usage("forecast", "--alpha needs --method (auto tunes nothing)");
	}
	if (cash != NULL) {
		if (!flag_number("--cash", cash, &r.cash) ||
		    !flag_number("--expense", expense, &r.expense))
			return GIG_EXIT_USAGE;
		if (r.expense < 0)
			return gig_cli_usage("forecast", "--expense: %s is negative", expense);
		r.runway = true;
	}

	const char *path = argc == 2 ? argv[1] : "-";
	const char *label = strcmp(path, "-") == 0 ? "<stdin>" : path;
	g_autofree char *text = NULL;
	g_autoptr(GError) error = NULL;
	series s = {0};

	if (!read_all(path, &text, &error)) {
		fprintf(stderr, "gig forecast: %s\n", error->message);
		return GIG_EXIT_INPUT;
	}
	if (!parse_series(label, text, &s))
		return GIG_EXIT_INPUT;
	if (s.n == 0) {
		g_free(s.y);
		fprintf(stderr, "gig forecast: %s: no values (the series is empty)\n", label);
		return GIG_EXIT_INPUT;
	}
	r.s = &s;
	r.fitted = g_new(double, s.n);
	rc = run_report(&r, alpha, json);
	g_free(r.fitted);
	g_free(s.y);
	return rc;
}
