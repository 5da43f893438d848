/*
 * report_render.c: gig_report_render() and the machine-readable formats.
 *
 * JSON: json-glib's generator writes every double as its 17-digit binary expansion
 * ("8.1199999999999992"), so the layout (braces, commas, indentation) and the
 * fractional figures (months, probabilities, printed with their stated decimals) are
 * written here, while every string is quoted and escaped by json-glib.  Amounts are
 * integers in minor units.  Tests read the output back with json-glib's parser.  CSV
 * is one row per month.
 */
#include <errno.h>
#include "gigledger/json.h"
#include <math.h>
#include <string.h>

#include "report_internal.h"

char *
gig__report_money(char buf[GIG_MONEY_BUFSZ], const gig_report *r, int64_t minor, bool group)
{
	return gig_money_format(buf, minor, r->exponent, group);
}

char *
gig__report_method_note(char *buf, size_t len, const gig_report *r)
{
	const char *rule = r->method_rule;
	size_t n = r->complete_months;
	if (!isnan(r->method_error))
		snprintf(buf, len, "chosen by %s, error %.3f", rule, r->method_error);
	else if (strcmp(rule, "sbc") == 0)
		snprintf(buf, len, "no backtest: SBC rule, %zu months", n);
	else if (strcmp(rule, "fallback") == 0)
		snprintf(buf, len, "no backtest: SES fallback, %zu months", n);
	else if (strcmp(rule, "single_value") == 0)
		snprintf(buf, len, "no backtest: a single month");
	else if (strcmp(rule, "zero_income") == 0)
		snprintf(buf, len,
		         n == 0 ? "no backtest: no complete month"
		                : "no backtest: no income to forecast");
	else
		snprintf(buf, len, "no backtest: %s rule, %zu months", rule, n);
	return buf;
}

bool
gig_report_format_parse(gig_report_format *out, const char *text, GError **error)
{
	static const char *const names[] = {"table", "csv", "json", "html"};
	for (size_t i = 0; i < G_N_ELEMENTS(names); i++) {
		if (text && g_ascii_strcasecmp(text, names[i]) == 0) {
			*out = (gig_report_format)i;
			return true;
		}
	}
	g_set_error(error, GIG_ERROR, GIG_ERROR_INVALID_INPUT,
	            "unknown format '%s'; use table, csv, json or html", text ? text : "");
	return false;
}

/* ---- a minimal pretty JSON writer ----------------------------------------------------- */

typedef struct {
	FILE *out;
	int depth;
	bool first[16]; /* no member written yet at this depth */
	bool after_key;
} jw;

static void
jw_indent(jw *w)
{
	fputc('\n', w->out);
	for (int i = 0; i < w->depth; i++)
		fputs("  ", w->out);
}

/* Separates values inside arrays and objects (a value right after its key needs none). */
static void
jw_pre(jw *w)
{
	if (w->after_key) {
		w->after_key = false;
		return;
	}
	if (w->depth > 0) {
		if (!w->first[w->depth])
			fputc(',', w->out);
		jw_indent(w);
	}
	w->first[w->depth] = false;
}

static void
jw_open(jw *w, char c)
{
	jw_pre(w);
	fputc(c, w->out);
	w->depth++;
	w->first[w->depth] = true;
}

static void
jw_close(jw *w, char c)
{
	bool empty = w->first[w->depth];
	w->depth--;
	if (!empty)
		jw_indent(w);
	fputc(c, w->out);
}

/* Strings go through json-glib, so quoting and escaping are never our own. */
static void
jw_string_raw(FILE *out, const char *s)
{
	g_autoptr(JsonNode) node = json_node_alloc();
	json_node_init_string(node, s ? s : "");
	g_autoptr(JsonGenerator) gen = json_generator_new();
	json_generator_set_root(gen, node);
	gsize len = 0;
	g_autofree char *text = json_generator_to_data(gen, &len);
	fwrite(text, 1, len, out);
}

static void
jw_key(jw *w, const char *key)
{
	jw_pre(w);
	jw_string_raw(w->out, key);
	fputs(": ", w->out);
	w->after_key = true;
}

static void
jw_str(jw *w, const char *key, const char *v)
{
	if (key)
		jw_key(w, key);
	jw_pre(w);
	if (v)
		jw_string_raw(w->out, v);
	else
		fputs("null", w->out);
}

static void
jw_int(jw *w, const char *key, int64_t v)
{
	if (key)
		jw_key(w, key);
	jw_pre(w);
	fprintf(w->out, "%" G_GINT64_FORMAT, v);
}

static void
jw_bool(jw *w, const char *key, bool v)
{
	if (key)
		jw_key(w, key);
	jw_pre(w);
	fputs(v ? "true" : "false", w->out);
}

/* A fraction with `decimals` places; NaN and infinities are null. */
static void
jw_num(jw *w, const char *key, double v, int decimals)
{
	if (key)
		jw_key(w, key);
	jw_pre(w);
	if (!isfinite(v)) {
		fputs("null", w->out);
		return;
	}
	/* JSON numbers never follow the caller's LC_NUMERIC ("0,25" is not JSON) */
	char fmt[8], buf[G_ASCII_DTOSTR_BUF_SIZE];
	g_snprintf(fmt, sizeof fmt, "%%.%df", decimals < 0 ? 0 : decimals > 9 ? 9 : decimals);
	fputs(g_ascii_formatd(buf, sizeof buf, fmt, v == 0.0 ? 0.0 : v), w->out);
}

static void
jw_date(jw *w, const char *key, gig_date d)
{
	char buf[GIG_DATE_BUFSZ];
	jw_str(w, key, d == GIG_DATE_NONE ? NULL : gig_date_format(buf, d));
}

static void
jw_month(jw *w, const char *key, int month)
{
	char buf[GIG_DATE_BUFSZ];
	jw_str(w, key, month < 0 ? NULL : gig_date_format_month(buf, month));
}

static void
json_runway(jw *w, const char *key, const gig_report_runway *rw)
{
	const struct {
		const char *key;
		double v;
	} months[] = {
	    {"zero_income_months", rw->zero_income_months},
	    {"current_spend_months", rw->current_spend_months},
	    {"forecast_months", rw->forecast_months},
	    {"p10", rw->p10},
	    {"p50", rw->p50},
	    {"p90", rw->p90},
	};
	jw_key(w, key);
	jw_open(w, '{');
	for (size_t i = 0; i < G_N_ELEMENTS(months); i++)
		jw_num(w, months[i].key, months[i].v, 2);
	jw_num(w, "prob_ruin_3", rw->prob_ruin_3, 4);
	jw_num(w, "prob_ruin_6", rw->prob_ruin_6, 4);
	jw_num(w, "prob_ruin_12", rw->prob_ruin_12, 4);
	jw_key(w, "never_runs_out");
	jw_open(w, '{');
	for (size_t i = 0; i < G_N_ELEMENTS(months); i++)
		jw_bool(w, months[i].key, isinf(months[i].v));
	jw_close(w, '}');
	jw_bool(w, "bootstrap", rw->bootstrap);
	jw_int(w, "paths", rw->paths);
	jw_int(w, "block", rw->block);
	jw_int(w, "horizon_months", rw->horizon);
	jw_close(w, '}');
}

static void
json_month(jw *w, const gig_report_month *m)
{
	jw_open(w, '{');
	jw_month(w, "month", m->month);
	jw_int(w, "income_minor", m->income_minor);
	jw_int(w, "expense_minor", m->expense_minor);
	jw_int(w, "essential_minor", m->essential_minor);
	jw_int(w, "other_minor", m->other_minor);
	jw_int(w, "net_minor", m->net_minor);
	jw_int(w, "balance_minor", m->balance_minor);
	if (m->has_smoothed)
		jw_int(w, "smoothed_income_minor", m->smoothed_income_minor);
	else
		jw_str(w, "smoothed_income_minor", NULL);
	jw_bool(w, "forecast", m->forecast);
	jw_bool(w, "partial", m->partial);
	jw_bool(w, "windfall", m->windfall);
	jw_int(w, "windfall_minor", m->windfall_minor);
	jw_key(w, "income_by_stream");
	jw_open(w, '[');
	for (size_t i = 0; i < m->n_streams; i++) {
		jw_open(w, '{');
		jw_str(w, "stream", m->streams[i].name);
		jw_int(w, "amount_minor", m->streams[i].minor);
		jw_close(w, '}');
	}
	jw_close(w, ']');
	if (m->forecast) {
		jw_int(w, "receivables_minor", m->receivables_minor);
		jw_int(w, "bills_minor", m->bills_minor);
		jw_int(w, "royalties_minor", m->royalties_minor);
		jw_int(w, "payables_minor", m->payables_minor);
		jw_int(w, "band_low_minor", m->band_low_minor);
		jw_int(w, "band_median_minor", m->band_median_minor);
		jw_int(w, "band_high_minor", m->band_high_minor);
	}
	jw_close(w, '}');
}

static void
json_assumptions(jw *w, const gig_report *r)
{
	jw_key(w, "assumptions");
	jw_open(w, '{');
	jw_str(w, "method", r->method_name);
	jw_str(w, "method_rule", r->method_rule);
	jw_num(w, "rmsse", r->method_error, 4);
	jw_int(w, "history_months", (int64_t)r->complete_months);
	jw_int(w, "window_months", (int64_t)r->window_months);
	jw_int(w, "tax_rate_bp", r->tax_rate_bp);
	jw_month(w, "last_tax_payment_month", r->last_tax_month);
	jw_int(w, "income_since_tax_minor", r->income_since_tax_minor);
	jw_num(w, "reserve_multiple", r->reserve_multiple, 4);
	jw_str(
	    w, "reserve_rule",
	    r->reserve_multiple_set
	        ? "max(M x mean monthly essential expenses, 90% cash-flow-at-risk over 12 months),"
	          " M = the reserve_multiple setting"
	        : "max(M x mean monthly essential expenses, 90% cash-flow-at-risk over 12 months),"
	          " M = clamp(3 x (1 + CV of income), 3, 12)");
	jw_int(w, "windfalls", (int64_t)r->windfalls);
	jw_int(w, "windfalls_excluded_minor", r->windfall_total_minor);
	jw_int(w, "windfall_months", (int64_t)r->windfall_months);
	jw_int(w, "income_payments", (int64_t)r->income_payments);
	jw_str(w, "median_basis", r->median_over_invoices ? "gig_payments" : "income_payments");
	jw_int(w, "median_payment_minor", r->median_payment_minor);
	jw_num(w, "windfall_factor", r->windfall_factor, 2);
	jw_int(w, "doubtful_invoices", (int64_t)r->doubtful_invoices);
	jw_int(w, "doubtful_excluded_minor", r->doubtful_minor);
	jw_int(w, "doubtful_after_days", GIG_REPORT_DOUBTFUL_DAYS);
	jw_int(w, "seed", (int64_t)r->seed);
	jw_key(w, "exchange_rates"); /* the rates other currencies' cash was converted at */
	jw_open(w, '[');
	for (size_t i = 0; i < r->n_foreign; i++) {
		if (r->foreign[i].rate == NULL && r->foreign[i].missing == NULL)
			continue;
		jw_open(w, '{');
		jw_str(w, "currency", r->foreign[i].currency);
		jw_str(w, "rate", r->foreign[i].rate);
		jw_date(w, "rate_on", r->foreign[i].rate_on);
		jw_str(w, "missing", r->foreign[i].missing);
		/* its income and expenses: month by month, rates from this date on */
		jw_date(w, "history_rate_on", r->foreign[i].history_rate_on);
		jw_close(w, '}');
	}
	jw_close(w, ']');
	jw_int(w, "mean_income_minor", r->mean_income_minor);
	jw_int(w, "mean_essential_minor", r->mean_essential_minor);
	jw_int(w, "mean_expense_minor", r->mean_expense_minor);
	jw_num(w, "income_cv", r->income_cv, 4);
	jw_int(w, "cfar90_minor", r->cfar90_minor);
	jw_int(w, "forecast_income_12_minor", r->forecast_income_12_minor);
	jw_int(w, "forecast_expense_12_minor", r->forecast_expense_12_minor);
	jw_close(w, '}');
}

/* The tax year behind tax_owed_minor (runway and reserve documents). */
static void
json_tax(jw *w, const gig_report *r)
{
	jw_key(w, "tax");
	jw_open(w, '{');
	jw_str(w, "profile", r->tax_profile);
	jw_int(w, "year", r->tax_year);
	jw_date(w, "year_start_on", r->tax_year_start);
	jw_int(w, "income_minor", r->income_since_tax_minor);
	jw_int(w, "deductible_minor", r->tax_deductible_minor);
	jw_int(w, "profit_minor", r->tax_profit_minor);
	jw_int(w, "estimate_minor", r->tax_estimate_minor);
	jw_int(w, "income_tax_minor", r->tax_income_tax_minor);
	jw_int(w, "social_minor", r->tax_social_minor);
	jw_int(w, "surcharge_minor", r->tax_surcharge_minor);
	jw_int(w, "paid_minor", r->tax_paid_minor);
	jw_int(w, "marginal_ppm", r->tax_marginal_ppm);
	jw_close(w, '}');
}

bool
gig_report_reserve_json(const gig_report *r, FILE *out, GError **error)
{
	g_return_val_if_fail(r != NULL && out != NULL, false);
	jw w = {.out = out};
	jw_open(&w, '{');
	jw_int(&w, "schema_version", GIG_JSON_SCHEMA_VERSION);
	jw_date(&w, "as_of_on", r->as_of);
	jw_str(&w, "currency", r->currency);
	jw_int(&w, "window_months", (int64_t)r->window_months);
	jw_int(&w, "mean_essential_minor", r->mean_essential_minor);
	jw_int(&w, "mean_expense_minor", r->mean_expense_minor);
	jw_int(&w, "mean_income_minor", r->mean_income_minor);
	jw_num(&w, "income_cv", r->income_cv, 4);
	jw_num(&w, "reserve_multiple", r->reserve_multiple, 4);
	jw_bool(&w, "reserve_multiple_set", r->reserve_multiple_set);
	jw_int(&w, "reserve_essential_minor", r->reserve_essential_minor);
	jw_int(&w, "cfar90_minor", r->cfar90_minor);
	jw_int(&w, "paths", (int64_t)r->runway.paths);
	jw_int(&w, "reserve_target_minor", r->reserve_target_minor);
	jw_int(&w, "cash_minor", r->cash_minor);
	jw_int(&w, "tax_reserve_minor", r->tax_reserve_minor);
	jw_int(&w, "tax_owed_minor", r->tax_owed_minor);
	jw_int(&w, "tax_rate_bp", r->tax_rate_bp);
	json_tax(&w, r);
	jw_int(&w, "buffer_minor", r->buffer_minor);
	jw_int(&w, "reserve_gap_minor", r->reserve_gap_minor);
	jw_int(&w, "bills_before_income_minor", r->bills_before_income_minor);
	jw_int(&w, "safe_to_spend_minor", r->safe_to_spend_minor);
	jw_int(&w, "forecast_income_12_minor", r->forecast_income_12_minor);
	jw_int(&w, "forecast_expense_12_minor", r->forecast_expense_12_minor);
	jw_int(&w, "salary_minor", r->salary_minor);
	jw_int(&w, "salary_risk_minor", r->salary_risk_minor);
	jw_close(&w, '}');
	fputc('\n', out);
	if (fflush(out) != 0 || ferror(out)) {
		g_set_error(error, GIG_ERROR, GIG_ERROR_IO, "writing the reserve failed: %s",
		            g_strerror(errno));
		return false;
	}
	return true;
}

bool
gig__report_json(const gig_report *r, FILE *out)
{
	jw w = {.out = out};
	jw_open(&w, '{');
	jw_int(&w, "schema_version", GIG_JSON_SCHEMA_VERSION);
	jw_date(&w, "as_of_on", r->as_of);
	jw_str(&w, "currency", r->currency);
	jw_int(&w, "exponent", r->exponent);
	jw_bool(&w, "empty", r->empty);
	jw_int(&w, "cash_minor", r->cash_minor);
	jw_int(&w, "tax_reserve_minor", r->tax_reserve_minor);
	jw_int(&w, "tax_owed_minor", r->tax_owed_minor);
	json_tax(&w, r);
	jw_int(&w, "reserve_target_minor", r->reserve_target_minor);
	jw_int(&w, "buffer_minor", r->buffer_minor);
	jw_int(&w, "reserve_gap_minor", r->reserve_gap_minor);
	jw_int(&w, "safe_to_spend_minor", r->safe_to_spend_minor);
	jw_int(&w, "salary_minor", r->salary_minor);
	jw_int(&w, "salary_risk_minor", r->salary_risk_minor);
	jw_int(&w, "bills_before_income_minor", r->bills_before_income_minor);
	jw_date(&w, "next_income_on", r->next_income_on);
	jw_int(&w, "failed_assertions", (int64_t)r->failed_assertions);
	jw_str(&w, "assertion_warning", r->assertion_warning);
	json_runway(&w, "runway", &r->runway);
	json_runway(&w, "runway_cash", &r->runway_cash);
	if (r->has_scenario) {
		jw_key(&w, "scenario");
		jw_open(&w, '{');
		jw_str(&w, "name", r->scenario_name);
		jw_key(&w, "specs");
		jw_open(&w, '[');
		for (size_t i = 0; i < r->n_scenario_specs; i++)
			jw_str(&w, NULL, r->scenario_specs[i]);
		jw_close(&w, ']');
		json_runway(&w, "runway", &r->scenario_runway);
		jw_close(&w, '}');
	}
	jw_key(&w, "method");
	jw_open(&w, '{');
	jw_str(&w, "name", r->method_name);
	jw_str(&w, "rule", r->method_rule);
	jw_num(&w, "rmsse", r->method_error, 4);
	char note[96];
	jw_str(&w, "note", gig__report_method_note(note, sizeof note, r));
	jw_close(&w, '}');
	jw_month(&w, "danger_month", r->danger_month);
	jw_key(&w, "danger");
	if (r->danger_month < 0) {
		jw_str(&w, NULL, NULL);
	} else {
		const gig_report_month *dm = &r->months[r->n_history];
		for (size_t i = r->n_history; i < r->n_months; i++)
			if (r->months[i].month == r->danger_month)
				dm = &r->months[i];
		jw_open(&w, '{');
		jw_month(&w, "month", r->danger_month);
		jw_int(&w, "balance_minor", dm->balance_minor);
		jw_int(&w, "reserve_target_minor", r->reserve_target_minor);
		jw_key(&w, "items");
		jw_open(&w, '[');
		for (size_t i = 0; i < r->n_danger_items; i++) {
			jw_open(&w, '{');
			jw_str(&w, "what", r->danger_items[i].name);
			jw_int(&w, "amount_minor", r->danger_items[i].minor);
			jw_close(&w, '}');
		}
		jw_close(&w, ']');
		jw_close(&w, '}');
	}
	jw_key(&w, "months");
	jw_open(&w, '[');
	for (size_t i = 0; i < r->n_months; i++)
		json_month(&w, &r->months[i]);
	jw_close(&w, ']');
	jw_key(&w, "receivables");
	jw_open(&w, '[');
	for (size_t i = 0; i < r->n_receivables; i++) {
		const gig_report_receivable *rc = &r->receivables[i];
		jw_open(&w, '{');
		jw_int(&w, "id", rc->gig_id);
		jw_str(&w, "client", rc->client);
		jw_str(&w, "description", rc->description);
		jw_int(&w, "open_minor", rc->open_minor);
		jw_date(&w, "invoiced_on", rc->invoiced_on);
		jw_date(&w, "due_on", rc->due_on);
		jw_date(&w, "expected_on", rc->expected_on);
		jw_int(&w, "age_days", rc->days_outstanding);
		jw_int(&w, "overdue_days", rc->days_overdue);
		jw_bool(&w, "overdue", rc->overdue);
		jw_num(&w, "client_lateness_days",
		       rc->has_lateness ? rc->client_lateness_days : NAN, 1);
		jw_int(&w, "past_expected_days", rc->days_past_expected);
		jw_bool(&w, "doubtful", rc->doubtful);
		jw_int(&w, "payable_minor", rc->payable_minor);
		/* the invoice's own currency and amount (open_minor is in the report's) */
		jw_str(&w, "currency", rc->currency);
		jw_int(&w, "own_open_minor", rc->own_open_minor);
		jw_date(&w, "rate_on", rc->rate_on);
		jw_close(&w, '}');
	}
	jw_close(&w, ']');
	jw_key(&w, "royalties");
	jw_open(&w, '{');
	jw_int(&w, "owed_minor", r->royalties_owed_minor);
	jw_int(&w, "expected_minor", r->royalties_expected_minor);
	jw_int(&w, "left_out_of_fit_minor", r->royalties_fitted_out_minor);
	jw_key(&w, "payouts");
	jw_open(&w, '[');
	for (size_t i = 0; i < r->n_royalties; i++) {
		const gig_report_royalty *ry = &r->royalties[i];
		jw_open(&w, '{');
		jw_str(&w, "payer", ry->payer);
		jw_date(&w, "expected_on", ry->expected_on);
		jw_int(&w, "amount_minor", ry->amount_minor);
		jw_int(&w, "payable_minor", ry->payable_minor);
		jw_close(&w, '}');
	}
	jw_close(&w, ']');
	jw_key(&w, "advances");
	jw_open(&w, '[');
	for (size_t i = 0; i < r->n_advances; i++) {
		const gig_report_advance *a = &r->advances[i];
		jw_open(&w, '{');
		jw_str(&w, "payer", a->payer);
		jw_int(&w, "advance_minor", a->advance_minor);
		jw_int(&w, "unrecouped_minor", a->unrecouped_minor);
		jw_int(&w, "monthly_earnings_minor", a->rate_minor);
		jw_month(&w, "recoup_month", a->recoup_month);
		jw_close(&w, '}');
	}
	jw_close(&w, ']');
	jw_close(&w, '}');
	jw_key(&w, "bills");
	jw_open(&w, '[');
	for (size_t i = 0; i < r->n_bills; i++) {
		jw_open(&w, '{');
		jw_str(&w, "name", r->bills[i].name);
		jw_date(&w, "due_on", r->bills[i].on);
		jw_int(&w, "amount_minor", r->bills[i].amount_minor);
		jw_str(&w, "currency", r->bills[i].currency);
		jw_int(&w, "own_amount_minor", r->bills[i].own_amount_minor);
		jw_close(&w, '}');
	}
	jw_close(&w, ']');
	jw_key(&w, "fx_left_out"); /* other currencies' items without a rate: not counted */
	jw_open(&w, '[');
	for (size_t i = 0; i < r->n_fx_left_out; i++)
		jw_str(&w, NULL, r->fx_left_out[i]);
	jw_close(&w, ']');
	jw_key(&w, "income_by_stream");
	jw_open(&w, '[');
	for (size_t i = 0; i < r->n_streams; i++) {
		jw_open(&w, '{');
		jw_str(&w, "stream", r->streams[i].name);
		jw_int(&w, "amount_minor", r->streams[i].minor);
		jw_close(&w, '}');
	}
	jw_close(&w, ']');
	jw_key(&w, "other_currencies");
	jw_open(&w, '[');
	for (size_t i = 0; i < r->n_other_currencies; i++)
		jw_str(&w, NULL, r->other_currencies[i]);
	jw_close(&w, ']');
	jw_int(&w, "foreign_cash_minor", r->foreign_cash_minor);
	jw_key(&w, "foreign_cash");
	jw_open(&w, '[');
	for (size_t i = 0; i < r->n_foreign; i++) {
		const gig_report_foreign *f = &r->foreign[i];
		jw_open(&w, '{');
		jw_str(&w, "currency", f->currency);
		jw_int(&w, "exponent", f->exponent);
		jw_int(&w, "cash_minor", f->cash_minor);
		jw_bool(&w, "converted", f->converted);
		if (f->converted)
			jw_int(&w, "converted_minor", f->converted_minor);
		else
			jw_str(&w, "converted_minor", NULL);
		jw_date(&w, "rate_on", f->rate_on);
		jw_str(&w, "rate", f->rate);
		jw_str(&w, "warning", f->missing);
		/* its income and expenses, converted month by month into the history */
		jw_bool(&w, "history_converted", f->history_converted);
		jw_date(&w, "history_rate_on", f->history_rate_on);
		jw_str(&w, "history_warning", f->history_missing);
		jw_close(&w, '}');
	}
	jw_close(&w, ']');
	json_assumptions(&w, r);
	jw_close(&w, '}');
	fputc('\n', out);
	return true;
}

/* ---- CSV -------------------------------------------------------------------------------- */

bool
gig__report_csv(const gig_report *r, FILE *out)
{
	/* royalties and payables (issue 15) come last, so that the columns before keep
	 * their places; like receivables and bills they are filled in forecast months */
	fputs("month,kind,currency,income,essential,other,expense,net,balance,smoothed_income,"
	      "receivables,bills,windfall,royalties,payables\r\n",
	      out);
	for (size_t i = 0; i < r->n_months; i++) {
		const gig_report_month *m = &r->months[i];
		char a[10][GIG_MONEY_BUFSZ], mo[GIG_DATE_BUFSZ], sm[GIG_MONEY_BUFSZ] = "";
		if (m->has_smoothed)
			gig__report_money(sm, r, m->smoothed_income_minor, false);
		fprintf(out, "%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s\r\n",
		        gig_date_format_month(mo, m->month),
		        m->forecast  ? "forecast"
		        : m->partial ? "partial"
		                     : "history",
		        r->currency, gig__report_money(a[0], r, m->income_minor, false),
		        gig__report_money(a[1], r, m->essential_minor, false),
		        gig__report_money(a[2], r, m->other_minor, false),
		        gig__report_money(a[3], r, m->expense_minor, false),
		        gig__report_money(a[4], r, m->net_minor, false),
		        gig__report_money(a[5], r, m->balance_minor, false), sm,
		        m->forecast ? gig__report_money(a[6], r, m->receivables_minor, false) : "",
		        m->forecast ? gig__report_money(a[7], r, m->bills_minor, false) : "",
		        m->windfall ? "1" : "0",
		        m->forecast ? gig__report_money(a[8], r, m->royalties_minor, false) : "",
		        m->forecast ? gig__report_money(a[9], r, m->payables_minor, false) : "");
	}
	return true;
}

bool
gig_report_render(const gig_report *report, gig_report_format format, bool color, FILE *out,
                  GError **error)
{
	g_return_val_if_fail(report != NULL && out != NULL, false);
	bool ok = false;
	switch (format) {
	case GIG_REPORT_TABLE:
		ok = gig__report_table(report, color, out);
		break;
	case GIG_REPORT_CSV:
		ok = gig__report_csv(report, out);
		break;
	case GIG_REPORT_JSON:
		ok = gig__report_json(report, out);
		break;
	case GIG_REPORT_HTML:
		ok = gig__report_html(report, out);
		break;
	}
	if (!ok || ferror(out) || fflush(out) != 0) {
		g_set_error(error, GIG_ERROR, GIG_ERROR_IO, "writing the report failed: %s",
		            g_strerror(errno));
		return false;
	}
	return true;
}
