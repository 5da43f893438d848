/*
 * report_scenario.c: the what-if scenario beside the base runway (report.h,
 * gig_report_options.what_if).  Each SPEC (scenario.h) becomes a term on a history
 * series or money added to months of the simulation (forecast.h, gig_scenario), and
 * gig_runway_bootstrap_scenario() runs it over the base run's paths.
 *
 * Simulated month k (0-based) is the calendar month as_of_month + 1 + k, the first
 * forecast row; what falls in the current month counts in the first simulated month,
 * since the cash it started from is today's.
 */
#include <math.h>
#include <string.h>

#include "gigledger/scenario.h"

#include "report_internal.h"

typedef struct {
	GPtrArray *owned; /* double arrays */
	GArray *terms;    /* gig_scenario_term */
	double *add;
	uint32_t horizon;
} builder;

static double *
new_array(builder *b, size_t len)
{
	double *a = g_new0(double, len + 1);
	g_ptr_array_add(b->owned, a);
	return a;
}

static void
add_term(builder *b, const double *series, int k0, int k1, double coef)
{
	double *c = new_array(b, b->horizon);
	for (int k = k0; k <= k1; k++)
		c[k] = coef;
	gig_scenario_term t = {series, c};
	g_array_append_val(b->terms, t);
}

static bool
fail_spec(GError **error, const char *spec, const char *what)
{
	g_autofree char *shown = gig_text_visible(spec);
	g_set_error(error, GIG_ERROR, GIG_ERROR_INVALID_INPUT, "what-if '%s': %s", shown, what);
	return false;
}

/* The history of stream @name (case-insensitive), or NULL when no month has it. */
static double *
stream_series(builder *b, const gig__report_raw *raw, size_t n, const char *name)
{
	double *s = new_array(b, n);
	bool seen = false;
	for (size_t t = 0; t < n; t++) {
		const GArray *items = raw->months[t].streams;
		for (unsigned i = 0; items != NULL && i < items->len; i++) {
			const gig_report_item *it = &g_array_index(items, gig_report_item, i);
			if (g_ascii_strcasecmp(it->name, name) == 0) {
				s[t] += (double)it->minor;
				seen = true;
			}
		}
	}
	return seen ? s : NULL;
}

/* The streams the history has, for the error message. */
static char *
stream_names(const gig__report_raw *raw, size_t n)
{
	g_autoptr(GPtrArray) names = g_ptr_array_new();
	for (size_t t = 0; t < n; t++) {
		const GArray *items = raw->months[t].streams;
		for (unsigned i = 0; items != NULL && i < items->len; i++) {
			const char *nm = g_array_index(items, gig_report_item, i).name;
			bool dup = false;
			for (unsigned j = 0; j < names->len && !dup; j++)
				dup = g_ascii_strcasecmp(names->pdata[j], nm) == 0;
			if (!dup)
				g_ptr_array_add(names, (gpointer)nm);
		}
	}
	g_ptr_array_add(names, NULL);
	g_autofree char *joined = g_strjoinv(", ", (char **)names->pdata);
	return gig_text_visible(*joined ? joined : "none");
}

static bool
apply(builder *b, const gig__report_raw *raw, size_t n, const double *income, const double *expense,
      const char *spec, const gig_whatif *w, GError **error)
{
	int first = raw->as_of_month + 1, last = first + (int)b->horizon - 1;
	int from = w->from == GIG_WHATIF_OPEN_FROM || w->from < first ? first : w->from;
	int to = w->to == GIG_WHATIF_OPEN_TO || w->to > last ? last : w->to;
	bool dated =
	    w->kind == GIG_WHATIF_GIG || w->kind == GIG_WHATIF_SPEND || w->kind == GIG_WHATIF_PAUSE;
	if (dated && w->to < raw->as_of_month)
		return fail_spec(error, spec, "that month is in the past");
	if (w->from != GIG_WHATIF_OPEN_FROM && w->from > last)
		return fail_spec(error, spec, "that month is past the months simulated");
	int k0 = from - first, k1 = to - first;
	switch (w->kind) {
	case GIG_WHATIF_INCOME_PERCENT:
		add_term(b, income, k0, k1, w->percent / 100.0);
		break;
	case GIG_WHATIF_EXPENSE_PERCENT:
		add_term(b, expense, k0, k1, -w->percent / 100.0);
		break;
	case GIG_WHATIF_PAUSE:
		add_term(b, income, k0, k1, -1.0);
		break;
	case GIG_WHATIF_LOSE_STREAM: {
		double *s = stream_series(b, raw, n, w->label);
		if (s == NULL) {
			g_autofree char *known = stream_names(raw, n);
			g_autofree char *msg =
			    g_strdup_printf("no income in that stream; the history has: %s", known);
			return fail_spec(error, spec, msg);
		}
		add_term(b, s, k0, k1, -1.0);
		break;
	}
	case GIG_WHATIF_INCOME_MONTHLY:
	case GIG_WHATIF_EXPENSE_MONTHLY: {
		double a = (double)w->amount_minor;
		for (int k = k0; k <= k1; k++)
			b->add[k] += w->kind == GIG_WHATIF_INCOME_MONTHLY ? a : -a;
		break;
	}
	case GIG_WHATIF_GIG:
	case GIG_WHATIF_SPEND:
		b->add[k0] +=
		    w->kind == GIG_WHATIF_GIG ? (double)w->amount_minor : -(double)w->amount_minor;
		break;
	}
	return true;
}

bool
gig__report_scenario(const gig__report_raw *raw, size_t n, const double *income,
                     const double *expense, const double *net, double start,
                     const gig_runway_options *ropt, const gig_report_options *opt, gig_report *r,
                     GError **error)
{
	if (opt->n_what_if == 0)
		return true;
	gig_report_runway *rw = &r->scenario_runway;
	r->has_scenario = true;
	r->scenario_name = g_strdup(opt->scenario_name); /* NULL: unnamed */
	r->n_scenario_specs = opt->n_what_if;
	r->scenario_specs = g_new0(char *, opt->n_what_if + 1);
	for (size_t i = 0; i < opt->n_what_if; i++)
		r->scenario_specs[i] = g_strdup(opt->what_if[i] ? opt->what_if[i] : "");
	rw->zero_income_months = rw->current_spend_months = rw->forecast_months = NAN;
	rw->p10 = rw->p50 = rw->p90 = NAN;
	rw->prob_ruin_3 = rw->prob_ruin_6 = rw->prob_ruin_12 = rw->cfar90 = NAN;
	rw->paths = ropt->paths;
	rw->block = ropt->block;
	rw->horizon = ropt->horizon;

	builder b = {g_ptr_array_new_with_free_func(g_free),
	             g_array_new(false, false, sizeof(gig_scenario_term)), NULL, ropt->horizon};
	b.add = new_array(&b, ropt->horizon);
	bool ok = true;
	for (size_t i = 0; ok && i < opt->n_what_if; i++) {
		gig_whatif w;
		ok = gig_whatif_parse(r->scenario_specs[i], raw->exponent, &w, error) &&
		     apply(&b, raw, n, income, expense, r->scenario_specs[i], &w, error);
		gig_whatif_clear(&w); /* gig_whatif_parse() always sets it */
	}
	if (ok && n > 0) {
		gig_scenario sc = {b.terms->len, (const gig_scenario_term *)(void *)b.terms->data,
		                   b.add};
		gig_runway_result res;
		if (!gig_runway_bootstrap_scenario(net, n, start, ropt, &sc, &res)) {
			g_set_error(error, GIG_ERROR, GIG_ERROR_FAILED,
			            "the scenario simulation failed (out of memory?)");
			ok = false;
		} else {
			double lim = (double)ropt->horizon - 1e-9;
			rw->bootstrap = true;
			rw->p10 = res.p10 >= lim ? INFINITY : res.p10;
			rw->p50 = res.p50 >= lim ? INFINITY : res.p50;
			rw->p90 = res.p90 >= lim ? INFINITY : res.p90;
			rw->prob_ruin_3 = res.prob_ruin_within[0];
			rw->prob_ruin_6 = res.prob_ruin_within[1];
			rw->prob_ruin_12 = res.prob_ruin_within[2];
			rw->cfar90 = res.cfar90;
		}
	}
	g_array_free(b.terms, true);
	g_ptr_array_free(b.owned, true);
	return ok;
}
