/*
 * report_compute.c: from monthly sums to the report's figures.
 *
 * The statistics are forecast.h's (method choice, bootstrap runway, reserve, salary,
 * tax); this file flags the windfall payments, lays out the series forecast.h needs,
 * converts its doubles back to minor units conservatively (income and salary down,
 * expenses, reserve and tax up), projects the balance month by month and finds the
 * danger month.  gig__report_compute() runs one static section_*() function per part of
 * the report, in order, over a shared `compute` state.  Also home of gig_report_build()
 * and gig_report_free().
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "gigledger/reconcile.h"

#include "gigledger/forecast.h"
#include "report_internal.h"

int64_t
gig__report_floor(double v)
{
	/* the small epsilon keeps 1999.9999999 (a sum of cents in binary) from losing a cent */
	return (int64_t)floor(v + 1e-6);
}

int64_t
gig__report_ceil(double v)
{
	return (int64_t)ceil(v - 1e-6);
}

int64_t
gig__report_round(double v)
{
	return (int64_t)llround(v);
}

static int
double_cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static int
item_cmp_desc(const void *a, const void *b)
{
	const gig_report_item *x = a, *y = b;
	if (x->minor != y->minor)
		return x->minor < y->minor ? 1 : -1;
	return strcmp(x->name, y->name);
}

/* Copies a month's streams (GArray of gig_report_item), largest first. */
static gig_report_item *
copy_streams(GArray *streams, size_t *n)
{
	*n = streams->len;
	gig_report_item *out = g_new0(gig_report_item, streams->len + 1);
	for (unsigned i = 0; i < streams->len; i++) {
		out[i] = g_array_index(streams, gig_report_item, i);
		out[i].name = g_strdup(out[i].name);
	}
	qsort(out, *n, sizeof *out, item_cmp_desc);
	return out;
}

static void
item_push(GArray *items, const char *name, int64_t minor)
{
	gig_report_item it = {g_strdup(name), minor};
	g_array_append_val(items, it);
}

/*
 * Median of the n values of x (the mean of the middle two for even n; 0 for n = 0),
 * the same definition as forecast.h's windfall helper.  Sorts a copy: the report may
 * hold tens of thousands of payments, where that helper's counting approach (meant for
 * monthly series) would be quadratic.
 */
static double
median_of(const double *x, size_t n)
{
	if (n == 0)
		return 0.0;
	double *c = g_memdup2(x, n * sizeof *x);
	qsort(c, n, sizeof *c, double_cmp);
	double m = n % 2 ? c[n / 2] : (c[n / 2 - 1] + c[n / 2]) / 2.0;
	g_free(c);
	return m;
}

/* The working arrays, all of length n (complete months). */
typedef struct {
	size_t n;
	double *income, *cleaned, *essential, *expense, *net, *fitted;
	bool *windfall;
	int64_t *windfall_minor; /* windfall payments per month */
	bool fitted_ok;
} series;

static void
series_free(series *s)
{
	g_free(s->income);
	g_free(s->cleaned);
	g_free(s->essential);
	g_free(s->expense);
	g_free(s->net);
	g_free(s->fitted);
	g_free(s->windfall);
	g_free(s->windfall_minor);
}

static double
mean_last(const double *y, size_t n, size_t w)
{
	if (w == 0)
		return 0.0;
	double sum = 0.0;
	for (size_t i = n - w; i < n; i++)
		sum += y[i];
	return sum / (double)w;
}

/* Sample sd / mean of the last w values, NAN when undefined (shown, never used). */
static double
cv_last(const double *y, size_t n, size_t w)
{
	double mean = mean_last(y, n, w);
	if (w < 2 || mean == 0.0)
		return NAN;
	double ss = 0.0;
	for (size_t i = n - w; i < n; i++)
		ss += (y[i] - mean) * (y[i] - mean);
	return sqrt(ss / (double)(w - 1)) / mean;
}

/* The runway figures from a starting amount: a start below 0 is ruin at once (0). */
static void
runway_fill(gig_report_runway *rw, double start, double essential, double expense,
            double forecast_expense, double forecast_income, const gig_runway_result *boot,
            uint32_t horizon)
{
	gig_runway_figures fig;
	gig_runway_figures_compute(start, essential, expense, forecast_expense, forecast_income,
	                           &fig);
	rw->zero_income_months = fig.essential_only;
	rw->current_spend_months = fig.all_expenses;
	rw->forecast_months = fig.forecast_net;
	double lim = (double)horizon - 1e-9;
	rw->p10 = boot->p10 >= lim ? INFINITY : boot->p10;
	rw->p50 = boot->p50 >= lim ? INFINITY : boot->p50;
	rw->p90 = boot->p90 >= lim ? INFINITY : boot->p90;
	rw->prob_ruin_3 = boot->prob_ruin_within[0];
	rw->prob_ruin_6 = boot->prob_ruin_within[1];
	rw->prob_ruin_12 = boot->prob_ruin_within[2];
}

/* Nothing to measure yet: unknown, which is not the same as "never". */
static void
runway_unknown(gig_report_runway *rw)
{
	rw->zero_income_months = rw->current_spend_months = rw->forecast_months = NAN;
	rw->p10 = rw->p50 = rw->p90 = NAN;
	rw->prob_ruin_3 = rw->prob_ruin_6 = rw->prob_ruin_12 = NAN;
}

/*
 * The state one computation carries from section to section.  Each section below is
 * one static function that reads what the sections before it left here and fills its
 * part of the report; gig__report_compute() runs them in order.
 */
typedef struct {
	const gig__report_raw *raw;
	const gig_report_options *opt;
	gig_report *r;
	int last_complete; /* month index of the last complete month */
	bool partial;      /* the as-of month is incomplete and has rows */
	series s;          /* the complete months, as forecast.h takes them */
	int horizon;       /* months projected (at least GIG_FORECAST_HORIZON) */
	int first_fc;      /* month index of the first forecast month */
	double *fc;        /* the income method's forecast, from last_complete + 1 */
	size_t w;          /* months in the means' window */
	double mean_essential, mean_expense;
	gig_runway_options ropt;
	gig_runway_result boot, boot_cash; /* from the buffer, from cash */
	double *band[3];                   /* the balance band: P10, P50, P90 */
	bool band_ok;
	int64_t *recv, *bills;            /* known receivables and bills per forecast month */
	int64_t *roy, *owe;               /* royalty payouts and collaborators' shares */
	int64_t *inc, *exp, *bal, *fcinc; /* the projection per forecast month */
	int64_t usual_expense;
} compute;

static void
compute_free(compute *c)
{
	series_free(&c->s);
	g_free(c->fc);
	for (int i = 0; i < 3; i++)
		g_free(c->band[i]);
	g_free(c->recv);
	g_free(c->bills);
	g_free(c->roy);
	g_free(c->owe);
	g_free(c->inc);
	g_free(c->exp);
	g_free(c->bal);
	g_free(c->fcinc);
}

/* ---- the header figures and the series of complete months ---- */
static void
section_series(compute *c)
{
	const gig__report_raw *raw = c->raw;
	gig_report *r = c->r;
	memcpy(r->currency, raw->currency, 4);
	r->exponent = raw->exponent;
	r->as_of = raw->as_of;
	r->seed = c->opt->seed;
	r->tax_rate_bp = raw->tax_rate_bp;
	r->windfall_factor = raw->windfall_factor;
	r->empty = raw->n == 0;
	r->danger_month = -1;
	r->last_tax_month = -1;
	r->next_income_on = GIG_DATE_NONE;

	int y, mo, d;
	gig_date_to_ymd(raw->as_of, &y, &mo, &d);
	c->last_complete =
	    d == gig_date_days_in_month(y, mo) ? raw->as_of_month : raw->as_of_month - 1;
	c->partial = c->last_complete < raw->as_of_month && raw->n > 0;

	series *s = &c->s;
	if (raw->n > 0 && c->last_complete >= raw->first_month)
		s->n = (size_t)(c->last_complete - raw->first_month + 1);
	size_t n = s->n;
	s->income = g_new0(double, n + 1);
	s->cleaned = g_new0(double, n + 1);
	s->essential = g_new0(double, n + 1);
	s->expense = g_new0(double, n + 1);
	s->net = g_new0(double, n + 1);
	s->fitted = g_new0(double, n + 1);
	s->windfall = g_new0(bool, n + 1);
	s->windfall_minor = g_new0(int64_t, n + 1);
	for (size_t t = 0; t < n; t++) {
		const gig__raw_month *m = &raw->months[t];
		s->income[t] = (double)m->income;
		s->essential[t] = (double)m->essential;
		s->expense[t] = (double)(m->essential + m->other);
	}
	r->complete_months = n;
}

/*
 * ---- windfalls ----
 * Windfalls are single payments, not months: one sync fee is judged against the
 * typical payment, and only that payment leaves the forecast series (it goes to
 * the buffer).  Payments of the partial month are not part of the series.
 */
static void
section_windfalls(compute *c)
{
	const gig__report_raw *raw = c->raw;
	gig_report *r = c->r;
	series *s = &c->s;
	size_t n = s->n;
	const GArray *pays = raw->payments;
	/*
	 * "The median payment" is the typical fee: taken over the payments that settle
	 * logged gigs when there are enough of them (GIG_REPORT_MIN_INVOICE_PAYMENTS),
	 * since royalty trickles, store payouts and interest would otherwise drag it down
	 * until ordinary album-sized jobs look like windfalls; over every income payment
	 * otherwise.  Every income payment is then judged against it.
	 */
	const GArray *basis = raw->invoice_payments;
	size_t n_invoice = 0;
	for (unsigned i = 0; i < basis->len; i++) {
		const gig__raw_payment *p = &g_array_index(basis, gig__raw_payment, i);
		n_invoice += p->month >= raw->first_month && p->month <= c->last_complete;
	}
	r->median_over_invoices = n_invoice >= GIG_REPORT_MIN_INVOICE_PAYMENTS;
	if (!r->median_over_invoices)
		basis = pays;
	double *pay = g_new(double, basis->len + 1);
	size_t np = 0;
	for (unsigned i = 0; i < basis->len; i++) {
		const gig__raw_payment *p = &g_array_index(basis, gig__raw_payment, i);
		if (p->month >= raw->first_month && p->month <= c->last_complete)
			pay[np++] = (double)p->amount;
	}
	double median = median_of(pay, np);
	double limit = raw->windfall_factor * median;
	r->income_payments = np;
	r->median_payment_minor = gig__report_round(median);
	for (unsigned i = 0; np > 0 && i < pays->len; i++) { /* every payment is judged */
		const gig__raw_payment *p = &g_array_index(pays, gig__raw_payment, i);
		if (p->month < raw->first_month || p->month > c->last_complete ||
		    !((double)p->amount > limit))
			continue;
		s->windfall_minor[p->month - raw->first_month] += p->amount;
		r->windfalls++;
		r->windfall_total_minor += p->amount;
	}
	g_free(pay);
	for (size_t t = 0; t < n; t++) {
		s->windfall[t] = s->windfall_minor[t] > 0;
		r->windfall_months += s->windfall[t];
		/* never below zero, nor below a month that refunds pushed negative already */
		double floor_at = s->income[t] < 0 ? s->income[t] : 0.0;
		/* royalty payouts leave the fitted series too: what payers owe is projected
		 * on their calendars instead (section_expected), never counted twice */
		double cl =
		    s->income[t] - (double)s->windfall_minor[t] - (double)c->raw->months[t].royalty;
		r->royalties_fitted_out_minor += c->raw->months[t].royalty;
		s->cleaned[t] = cl < floor_at ? floor_at : cl;
	}
	/*
	 * The simulated months are the months as they were, windfalls included: a sync fee
	 * that came once may come again, and leaving it out made every runway quantile too
	 * low (bench/forecast_eval: realised runway below the P50 for 42 % of producers,
	 * above the P90 for 16 %; see gig_runway_bootstrap in forecast.h).  Only the income
	 * forecast (the method and its line) goes without them.
	 */
	for (size_t t = 0; t < n; t++)
		s->net[t] = s->income[t] - s->expense[t];
}

/* ---- the income method, fitted to the series without its windfalls ---- */
static void
section_income_method(compute *c)
{
	const gig__report_raw *raw = c->raw;
	gig_report *r = c->r;
	series *s = &c->s;
	size_t n = s->n;
	c->horizon = c->opt->ahead > GIG_FORECAST_HORIZON ? c->opt->ahead : GIG_FORECAST_HORIZON;
	c->first_fc = raw->as_of_month + 1;
	size_t steps = (size_t)(raw->as_of_month + c->horizon - c->last_complete);
	c->fc = g_new0(double, steps + 1);
	gig_forecast_choice choice;
	if (!gig_forecast_choose(s->cleaned, n, &choice))
		memset(&choice, 0, sizeof choice);
	g_strlcpy(r->method_name, choice.name[0] ? choice.name : "zero_income",
	          sizeof r->method_name);
	g_strlcpy(r->method_rule, gig_choice_rule_name(choice.rule), sizeof r->method_rule);
	/* only a backtest scores the choice; the other rules leave the error unknown */
	bool scored = choice.rule == GIG_CHOICE_RMSSE || choice.rule == GIG_CHOICE_RMSE ||
	              choice.rule == GIG_CHOICE_COMBINATION;
	r->method_error = scored ? choice.error : NAN;
	if (n > 0 && n >= gig_forecast_min_length(choice.spec.method) &&
	    gig_forecast_run(&choice.spec, s->cleaned, n, s->fitted, c->fc, steps)) {
		s->fitted_ok = true;
	} else if (n > 0) {
		for (size_t k = 0; k < steps; k++)
			c->fc[k] = choice.forecast[0];
	}
}

/* ---- means over the window ---- */
static void
section_means(compute *c)
{
	gig_report *r = c->r;
	const series *s = &c->s;
	size_t n = s->n;
	c->w = n < 12 ? n : 12;
	r->window_months = c->w;
	double mean_income = mean_last(s->income, n, c->w);
	c->mean_essential = mean_last(s->essential, n, c->w);
	c->mean_expense = mean_last(s->expense, n, c->w);
	r->mean_income_minor = gig__report_round(mean_income);
	r->mean_essential_minor = gig__report_round(c->mean_essential);
	r->mean_expense_minor = gig__report_round(c->mean_expense);
	r->income_cv = cv_last(s->income, n, c->w);
}

/* ---- cash, foreign cash and the tax year so far ---- */
static void
section_cash_and_tax(compute *c)
{
	const gig__report_raw *raw = c->raw;
	gig_report *r = c->r;
	r->cash_minor = raw->liquid_opening;
	r->tax_reserve_minor = raw->reserve_opening;
	for (size_t t = 0; t < raw->n; t++) {
		r->cash_minor += raw->months[t].liquid;
		r->tax_reserve_minor += raw->months[t].reserve;
		if (raw->months[t].tax_paid > 0)
			r->last_tax_month = raw->first_month + (int)t;
	}
	/* other currencies' cash, converted at as_of's rate (report.h, convention 4) */
	for (unsigned i = 0; i < raw->foreign->len; i++) {
		const gig_report_foreign *f = &g_array_index(raw->foreign, gig_report_foreign, i);
		if (f->converted)
			r->foreign_cash_minor += f->converted_minor;
		else
			r->foreign_missing++;
	}
	r->cash_minor += r->foreign_cash_minor;
	/* the tax year so far (tax.h): estimate - paid for the year - the reserve */
	const gig_tax_year *ty = &raw->tax;
	g_strlcpy(r->tax_profile, raw->tax_profile.name, sizeof r->tax_profile);
	r->tax_year = ty->year;
	r->tax_year_start = ty->start;
	r->income_since_tax_minor = ty->income_minor;
	r->tax_deductible_minor = ty->deductible_minor;
	r->tax_profit_minor = ty->profit_minor;
	r->tax_estimate_minor = ty->estimate.total_minor;
	r->tax_income_tax_minor = ty->estimate.income_tax_minor;
	r->tax_social_minor = ty->estimate.social_minor;
	r->tax_surcharge_minor = ty->estimate.surcharge_minor;
	r->tax_paid_minor = ty->paid_minor;
	r->tax_marginal_ppm = ty->estimate.marginal_ppm;
	int64_t owed = ty->estimate.total_minor - ty->paid_minor - r->tax_reserve_minor;
	r->tax_owed_minor = owed > 0 ? owed : 0;
	r->buffer_minor = r->cash_minor - r->tax_owed_minor;
}

/*
 * ---- the simulation: runway paths, the balance band and the what-if scenario ----
 * Two simulations over the same paths: the headline starts from the buffer (cash less
 * the tax still owed, money that is not the producer's to live on), the secondary
 * figure from cash alone.  The shortfall behind CFaR90 depends on the flows only, so
 * either run gives the same reserve.
 */
static bool
section_simulate(compute *c, GError **error)
{
	gig_report *r = c->r;
	const series *s = &c->s;
	size_t n = s->n;
	const gig_report_options *opt = c->opt;
	c->ropt = GIG_RUNWAY_OPTIONS_INIT;
	c->ropt.seed = opt->seed;
	gig_report_runway *rw = &r->runway, *rwc = &r->runway_cash;
	rw->paths = rwc->paths = c->ropt.paths;
	rw->block = rwc->block = c->ropt.block;
	rw->horizon = rwc->horizon = c->ropt.horizon;
	if (n > 0) {
		if (!gig_runway_bootstrap(s->net, n, (double)r->buffer_minor, &c->ropt, &c->boot) ||
		    !gig_runway_bootstrap(s->net, n, (double)r->cash_minor, &c->ropt,
		                          &c->boot_cash)) {
			g_set_error(error, GIG_ERROR, GIG_ERROR_FAILED,
			            "the runway simulation failed (out of memory?)");
			return false;
		}
		rw->bootstrap = rwc->bootstrap = true;
	}
	/*
	 * The balance band: the same simulation, from cash (as the balance line).  Month
	 * k of the simulation is forecast row k - 1; with no complete month there is
	 * nothing to simulate and the band is the projected balance itself.
	 */
	for (int i = 0; i < 3; i++)
		c->band[i] = g_new0(double, (size_t)opt->ahead);
	c->band_ok =
	    n > 0 && (uint32_t)opt->ahead <= c->ropt.horizon &&
	    gig_runway_balance_band(s->net, n, (double)r->cash_minor, &c->ropt, (size_t)opt->ahead,
	                            c->band[0], c->band[1], c->band[2]);
	if (n > 0 && !c->band_ok) {
		g_set_error(error, GIG_ERROR, GIG_ERROR_FAILED,
		            "the balance band simulation failed (out of memory?)");
		return false;
	}
	/* the what-if scenario, from the buffer as the headline, on the same paths */
	return gig__report_scenario(c->raw, n, s->income, s->expense, s->net,
	                            (double)r->buffer_minor, &c->ropt, opt, r, error);
}

/* ---- the reserve target ---- */
static void
section_reserve(compute *c)
{
	gig_report *r = c->r;
	r->runway.cfar90 = c->boot.cfar90;
	r->runway_cash.cfar90 = c->boot_cash.cfar90;
	r->cfar90_minor = gig__report_ceil(c->boot.cfar90);
	gig_reserve reserve;
	gig_forecast_reserve(c->s.income, c->s.n, c->mean_essential, c->boot.cfar90,
	                     (double)r->buffer_minor, &reserve);
	if (c->raw->reserve_multiple > 0) { /* the reserve_multiple setting replaces the rule */
		reserve.multiple = c->raw->reserve_multiple;
		reserve.target =
		    fmax(reserve.multiple * fmax(0, c->mean_essential), fmax(0, c->boot.cfar90));
		reserve.gap = reserve.target - reserve.buffer;
		r->reserve_multiple_set = true;
	}
	r->reserve_multiple = reserve.multiple;
	r->reserve_essential_minor = gig__report_ceil(reserve.multiple * c->mean_essential);
	r->reserve_target_minor = gig__report_ceil(reserve.target);
	r->reserve_gap_minor = r->reserve_target_minor - r->buffer_minor;
}

/* ---- what is expected month by month: open invoices and known bills ---- */
static void
section_expected(compute *c)
{
	const gig__report_raw *raw = c->raw;
	gig_report *r = c->r;
	int horizon = c->horizon, first_fc = c->first_fc;
	c->recv = g_new0(int64_t, (size_t)horizon);
	c->bills = g_new0(int64_t, (size_t)horizon);
	for (unsigned i = 0; i < raw->receivables->len; i++) {
		const gig_report_receivable *rc =
		    &g_array_index(raw->receivables, gig_report_receivable, i);
		if (rc->doubtful) {
			/* listed, but not counted on: neither income nor "next income" */
			r->doubtful_invoices++;
			r->doubtful_minor += rc->open_minor;
			continue;
		}
		int k = gig_date_month_index(rc->expected_on) - first_fc;
		if (k < 0)
			k = 0; /* overdue, or expected later this month */
		if (k < horizon)
			c->recv[k] += rc->open_minor;
		/* the collaborators' shares go out the month the fee comes in (section_expected
		 * runs before the royalties fill c->owe below, so it is allocated here) */
		if (k < horizon && rc->payable_minor > 0) {
			if (c->owe == NULL)
				c->owe = g_new0(int64_t, (size_t)horizon);
			c->owe[k] += rc->payable_minor;
		}
		gig_date on = rc->expected_on > raw->as_of ? rc->expected_on : raw->as_of + 1;
		if (r->next_income_on == GIG_DATE_NONE || on < r->next_income_on)
			r->next_income_on = on;
	}
	/* royalty payouts on the payers' calendars: known income on top of the forecast,
	 * which is fitted without them; the collaborators' shares go out the same month */
	c->roy = g_new0(int64_t, (size_t)horizon);
	if (c->owe == NULL)
		c->owe = g_new0(int64_t, (size_t)horizon);
	for (unsigned i = 0; i < raw->royalties->len; i++) {
		const gig_report_royalty *ry =
		    &g_array_index(raw->royalties, gig_report_royalty, i);
		r->royalties_owed_minor += ry->amount_minor;
		if (ry->expected_on == GIG_DATE_NONE)
			continue;
		int k = gig_date_month_index(ry->expected_on) - first_fc;
		if (k < 0)
			k = 0; /* later this month */
		if (k >= horizon)
			continue;
		c->roy[k] += ry->amount_minor;
		c->owe[k] += ry->payable_minor;
		r->royalties_expected_minor += ry->amount_minor;
		if (r->next_income_on == GIG_DATE_NONE || ry->expected_on < r->next_income_on)
			r->next_income_on = ry->expected_on;
	}
	gig_date bills_until = r->next_income_on != GIG_DATE_NONE
	                           ? r->next_income_on
	                           : gig_date_month_start(raw->as_of_month + 2) - 1;
	for (unsigned i = 0; i < raw->bills->len; i++) {
		const gig_report_bill *b = &g_array_index(raw->bills, gig_report_bill, i);
		int k = gig_date_month_index(b->on) - first_fc;
		if (k < 0)
			k = 0;
		if (k < horizon)
			c->bills[k] -= b->amount_minor; /* bills are negative amounts */
		if (b->amount_minor < 0 && b->on <= bills_until)
			r->bills_before_income_minor -= b->amount_minor;
	}
	r->safe_to_spend_minor = r->cash_minor - r->tax_owed_minor - r->reserve_target_minor -
	                         r->bills_before_income_minor;
}

/* ---- the projection, its 12-month totals and the salaries ---- */
static void
section_projection(compute *c)
{
	gig_report *r = c->r;
	int horizon = c->horizon;
	size_t n = c->s.n;
	c->usual_expense = gig__report_ceil(c->mean_expense);
	c->inc = g_new0(int64_t, (size_t)horizon);
	c->exp = g_new0(int64_t, (size_t)horizon);
	c->bal = g_new0(int64_t, (size_t)horizon);
	c->fcinc = g_new0(int64_t, (size_t)horizon);
	/*
	 * The 12-month totals are sums of the exact monthly projections, each rounded once
	 * (income down, expenses up): rounding every month first would add up to 12
	 * rounding errors (a mean of 1,216.666... counted as 1,216.67 twelve times).
	 */
	double income12 = 0.0, expense12 = 0.0;
	int64_t running = r->cash_minor;
	for (int k = 0; k < horizon; k++) {
		size_t step = (size_t)(c->first_fc + k - c->last_complete - 1);
		double f = c->fc[step] > 0 ? c->fc[step] : 0.0;
		int64_t recv = c->recv[k], bills = c->bills[k];
		c->fcinc[k] = gig__report_floor(f);
		c->inc[k] = (c->fcinc[k] > recv ? c->fcinc[k] : recv) + c->roy[k];
		c->exp[k] = (c->usual_expense > bills ? c->usual_expense : bills) + c->owe[k];
		running += c->inc[k] - c->exp[k];
		c->bal[k] = running;
		if (k < GIG_FORECAST_HORIZON) {
			income12 += (f > (double)recv ? f : (double)recv) + (double)c->roy[k];
			expense12 +=
			    (c->mean_expense > (double)bills ? c->mean_expense : (double)bills) +
			    (double)c->owe[k];
		}
	}
	r->forecast_income_12_minor = gig__report_floor(income12);
	r->forecast_expense_12_minor = gig__report_ceil(expense12);
	/*
	 * gig_forecast_salary's formula on the two rounded totals, in integers: exact, never
	 * above the unrounded figure, and what `gig reserve` shows can be checked by hand.
	 */
	int64_t salary12 = r->buffer_minor - r->reserve_target_minor + r->forecast_income_12_minor -
	                   r->forecast_expense_12_minor;
	r->salary_minor = salary12 > 0 ? salary12 / 12 : 0;
	double risk_salary = 0.0;
	if (n > 0 && gig_runway_risk_salary(c->s.net, n, (double)r->buffer_minor, &c->ropt, 0.10,
	                                    &risk_salary))
		r->salary_risk_minor = gig__report_floor(risk_salary);
}

/* ---- runway figures, from the buffer (headline) and from cash ---- */
static void
section_runway(compute *c)
{
	gig_report *r = c->r;
	if (c->s.n == 0) {
		runway_unknown(&r->runway);
		runway_unknown(&r->runway_cash);
		return;
	}
	double burn12 = (double)r->forecast_expense_12_minor / 12.0;
	double earn12 = (double)r->forecast_income_12_minor / 12.0;
	runway_fill(&r->runway, (double)r->buffer_minor, c->mean_essential, c->mean_expense, burn12,
	            earn12, &c->boot, c->ropt.horizon);
	runway_fill(&r->runway_cash, (double)r->cash_minor, c->mean_essential, c->mean_expense,
	            burn12, earn12, &c->boot_cash, c->ropt.horizon);
}

/* ---- rows: history (complete months, then the partial one), then forecast ---- */
static void
section_rows(compute *c)
{
	const gig__report_raw *raw = c->raw;
	const gig_report_options *opt = c->opt;
	gig_report *r = c->r;
	const series *s = &c->s;
	size_t n = s->n;
	size_t shown = n < (size_t)opt->months ? n : (size_t)opt->months;
	r->n_history = shown + (c->partial ? 1 : 0);
	r->n_months = r->n_history + (size_t)opt->ahead;
	r->months = g_new0(gig_report_month, r->n_months);
	/* the balance history ends at today's cash, other currencies' included: back
	 * from it by each month's change (theirs at the month's rate) */
	int64_t balance = r->cash_minor;
	for (size_t t = 0; t < raw->n; t++)
		balance -= raw->months[t].liquid + raw->months[t].foreign_liquid;
	size_t row = 0;
	for (size_t t = 0; t < raw->n; t++) {
		const gig__raw_month *m = &raw->months[t];
		balance += m->liquid + m->foreign_liquid;
		bool is_partial = t >= n;
		if (!is_partial && t + shown < n)
			continue;
		gig_report_month *o = &r->months[row++];
		o->month = raw->first_month + (int)t;
		o->partial = is_partial;
		o->windfall = !is_partial && s->windfall[t];
		o->windfall_minor = is_partial ? 0 : s->windfall_minor[t];
		o->income_minor = m->income;
		o->essential_minor = m->essential;
		o->other_minor = m->other;
		o->expense_minor = m->essential + m->other;
		o->net_minor = o->income_minor - o->expense_minor;
		o->balance_minor = balance;
		o->has_smoothed = !is_partial && s->fitted_ok && !isnan(s->fitted[t]);
		if (o->has_smoothed)
			o->smoothed_income_minor = gig__report_round(s->fitted[t]);
		o->streams = copy_streams(m->streams, &o->n_streams);
	}
	for (int k = 0; k < opt->ahead; k++) {
		gig_report_month *o = &r->months[r->n_history + (size_t)k];
		o->month = c->first_fc + k;
		o->forecast = true;
		o->income_minor = c->inc[k];
		o->expense_minor = c->exp[k];
		o->net_minor = c->inc[k] - c->exp[k];
		o->balance_minor = c->bal[k];
		o->has_smoothed = n > 0;
		o->smoothed_income_minor = c->fcinc[k];
		o->receivables_minor = c->recv[k];
		o->bills_minor = c->bills[k];
		o->royalties_minor = c->roy[k];
		o->payables_minor = c->owe[k];
		/* essential bills first: the usual essential share, topped up by known bills */
		int64_t ess = gig__report_ceil(c->mean_essential);
		o->essential_minor = ess < o->expense_minor ? ess : o->expense_minor;
		o->other_minor = o->expense_minor - o->essential_minor;
		if (c->band_ok) {
			o->band_low_minor = gig__report_floor(c->band[0][k]);
			o->band_median_minor = gig__report_round(c->band[1][k]);
			o->band_high_minor = gig__report_ceil(c->band[2][k]);
		} else {
			o->band_low_minor = o->band_median_minor = o->band_high_minor = c->bal[k];
		}
		o->streams = g_new0(gig_report_item, 1);
	}
}

/* ---- the danger month and what makes it ---- */
static void
section_danger(compute *c)
{
	const gig__report_raw *raw = c->raw;
	gig_report *r = c->r;
	int first_fc = c->first_fc;
	GArray *items = g_array_new(false, false, sizeof(gig_report_item));
	for (int k = 0; k < c->opt->ahead && r->danger_month < 0; k++) {
		if (c->bal[k] >= r->reserve_target_minor)
			continue;
		r->danger_month = first_fc + k;
		char buf[GIG_DATE_BUFSZ];
		int64_t carried = k == 0 ? r->cash_minor : c->bal[k - 1];
		item_push(items, k == 0 ? "cash today" : "balance carried in", carried);
		if (c->recv[k] > 0 && c->recv[k] >= c->fcinc[k]) {
			for (unsigned i = 0; i < raw->receivables->len; i++) {
				const gig_report_receivable *rc =
				    &g_array_index(raw->receivables, gig_report_receivable, i);
				int mk = gig_date_month_index(rc->expected_on) - first_fc;
				if (rc->doubtful || (mk < 0 ? 0 : mk) != k)
					continue;
				g_autofree char *what = g_strdup_printf("invoice: %s", rc->client);
				item_push(items, what, rc->open_minor);
			}
		} else {
			item_push(items, "forecast income", c->fcinc[k]);
		}
		for (unsigned i = 0; c->roy[k] > 0 && i < raw->royalties->len; i++) {
			const gig_report_royalty *ry =
			    &g_array_index(raw->royalties, gig_report_royalty, i);
			int mk = ry->expected_on == GIG_DATE_NONE
			             ? -1
			             : MAX(0, gig_date_month_index(ry->expected_on) - first_fc);
			if (mk != k)
				continue;
			g_autofree char *what = g_strdup_printf("royalties: %s", ry->payer);
			item_push(items, what, ry->amount_minor);
			if (ry->payable_minor > 0) {
				g_autofree char *out =
				    g_strdup_printf("owed to collaborators: %s", ry->payer);
				item_push(items, out, -ry->payable_minor);
			}
		}
		if (c->bills[k] > 0 && c->bills[k] >= c->usual_expense) {
			for (unsigned i = 0; i < raw->bills->len; i++) {
				const gig_report_bill *b =
				    &g_array_index(raw->bills, gig_report_bill, i);
				int mk = gig_date_month_index(b->on) - first_fc;
				if ((mk < 0 ? 0 : mk) != k)
					continue;
				g_autofree char *what = g_strdup_printf(
				    "bill: %s (%s)", b->name, gig_date_format(buf, b->on));
				item_push(items, what, b->amount_minor);
			}
		} else {
			item_push(items, "usual monthly expenses", -c->usual_expense);
		}
	}
	r->n_danger_items = items->len;
	r->danger_items = (gig_report_item *)g_array_free(items, false);
}

/* ---- the lists: receivables, bills in the window, streams, currencies ---- */
static void
section_lists(compute *c)
{
	const gig__report_raw *raw = c->raw;
	gig_report *r = c->r;
	size_t n = c->s.n;
	r->n_receivables = raw->receivables->len;
	r->receivables = g_new0(gig_report_receivable, r->n_receivables + 1);
	for (size_t i = 0; i < r->n_receivables; i++) {
		r->receivables[i] = g_array_index(raw->receivables, gig_report_receivable, i);
		r->receivables[i].client = g_strdup(r->receivables[i].client);
		r->receivables[i].description = g_strdup(r->receivables[i].description);
	}
	gig_date window_end = gig_date_month_start(c->first_fc + c->opt->ahead);
	GArray *bl = g_array_new(false, false, sizeof(gig_report_bill));
	for (unsigned i = 0; i < raw->bills->len; i++) {
		gig_report_bill b = g_array_index(raw->bills, gig_report_bill, i);
		if (b.on >= window_end)
			continue;
		b.name = g_strdup(b.name);
		g_array_append_val(bl, b);
	}
	r->n_bills = bl->len;
	r->bills = (gig_report_bill *)g_array_free(bl, false);

	g_autoptr(GArray) sum = g_array_new(false, false, sizeof(gig_report_item));
	for (size_t t = n - c->w; t < n; t++) {
		GArray *ms = raw->months[t].streams;
		for (unsigned i = 0; i < ms->len; i++) {
			const gig_report_item *it = &g_array_index(ms, gig_report_item, i);
			bool found = false;
			for (unsigned j = 0; j < sum->len && !found; j++) {
				gig_report_item *o = &g_array_index(sum, gig_report_item, j);
				if (strcmp(o->name, it->name) == 0) {
					o->minor += it->minor;
					found = true;
				}
			}
			if (!found)
				g_array_append_val(sum, *it);
		}
	}
	r->streams = copy_streams(sum, &r->n_streams);

	r->n_foreign = raw->foreign->len;
	r->foreign = g_new0(gig_report_foreign, r->n_foreign + 1);
	for (size_t i = 0; i < r->n_foreign; i++) {
		r->foreign[i] = g_array_index(raw->foreign, gig_report_foreign, i);
		r->foreign[i].rate = g_strdup(r->foreign[i].rate);
		r->foreign[i].missing = g_strdup(r->foreign[i].missing);
		r->foreign[i].history_missing = g_strdup(r->foreign[i].history_missing);
	}
	r->n_royalties = raw->royalties->len;
	r->royalties = g_new0(gig_report_royalty, r->n_royalties + 1);
	for (size_t i = 0; i < r->n_royalties; i++) {
		r->royalties[i] = g_array_index(raw->royalties, gig_report_royalty, i);
		r->royalties[i].payer = g_strdup(r->royalties[i].payer);
	}
	r->n_advances = raw->advances->len;
	r->advances = g_new0(gig_report_advance, r->n_advances + 1);
	for (size_t i = 0; i < r->n_advances; i++) {
		r->advances[i] = g_array_index(raw->advances, gig_report_advance, i);
		r->advances[i].payer = g_strdup(r->advances[i].payer);
	}
	r->n_fx_left_out = raw->left_out->len;
	r->fx_left_out = g_new0(char *, r->n_fx_left_out + 1);
	for (size_t i = 0; i < r->n_fx_left_out; i++)
		r->fx_left_out[i] = g_strdup(raw->left_out->pdata[i]);
	r->n_other_currencies = raw->currencies->len;
	r->other_currencies = g_memdup2(raw->currencies->data, 4 * raw->currencies->len + 4);
}

bool
gig__report_compute(const gig__report_raw *raw, const gig_report_options *opt, gig_report *r,
                    GError **error)
{
	compute c = {.raw = raw, .opt = opt, .r = r};
	section_series(&c);
	section_windfalls(&c);
	section_income_method(&c);
	section_means(&c);
	section_cash_and_tax(&c);
	if (!section_simulate(&c, error)) {
		compute_free(&c);
		return false;
	}
	section_reserve(&c);
	section_expected(&c);
	section_projection(&c);
	section_runway(&c);
	section_rows(&c);
	section_danger(&c);
	section_lists(&c);
	compute_free(&c);
	return true;
}

/* The balances the bank stated that the ledger does not meet (reconcile.h). */
static bool
assertions_warning(gig_ledger *ledger, gig_report *r, GError **error)
{
	g_autoptr(GPtrArray) failing = NULL;
	if (!gig_ledger_assertions(ledger, true, &failing, error))
		return false;
	const gig_assertion *last = NULL;
	for (guint i = 0; i < failing->len; i++) {
		const gig_assertion *a = failing->pdata[i];
		if (strcmp(a->currency, r->currency) != 0 || a->on > r->as_of)
			continue;
		r->failed_assertions++;
		if (last == NULL || a->on > last->on)
			last = a;
	}
	if (last == NULL)
		return true;
	char d[GIG_DATE_BUFSZ], m[GIG_MONEY_BUFSZ];
	g_autofree char *name = gig_text_visible(last->account);
	r->assertion_warning = g_strdup_printf(
	    "%zu balance%s the bank stated do%s not match the ledger: %s at the end of %s is off"
	    " by %s %s (gig check)",
	    r->failed_assertions, r->failed_assertions == 1 ? "" : "s",
	    r->failed_assertions == 1 ? "es" : "", name, gig_date_format(d, last->on),
	    gig_money_format(m, last->difference_minor, r->exponent, true), r->currency);
	return true;
}

bool
gig_report_build(gig_ledger *ledger, const gig_report_options *options, gig_report **out,
                 GError **error)
{
	g_return_val_if_fail(ledger != NULL && options != NULL && out != NULL, false);
	g_return_val_if_fail(error == NULL || *error == NULL, false);
	if (options->version != GIG_REPORT_OPTIONS_VERSION) {
		g_set_error(error, GIG_ERROR, GIG_ERROR_INVALID_INPUT,
		            "report options version %u, this library knows %d", options->version,
		            GIG_REPORT_OPTIONS_VERSION);
		return false;
	}
	if (options->as_of == GIG_DATE_NONE) {
		g_set_error(error, GIG_ERROR, GIG_ERROR_INVALID_INPUT,
		            "the report needs an as-of date");
		return false;
	}
	if (options->months < 1 || options->months > GIG_REPORT_MONTHS_MAX) {
		g_set_error(error, GIG_ERROR, GIG_ERROR_INVALID_INPUT,
		            "months must be between 1 and %d, not %d", GIG_REPORT_MONTHS_MAX,
		            options->months);
		return false;
	}
	if (options->ahead < 1 || options->ahead > GIG_REPORT_AHEAD_MAX) {
		g_set_error(error, GIG_ERROR, GIG_ERROR_INVALID_INPUT,
		            "ahead must be between 1 and %d, not %d", GIG_REPORT_AHEAD_MAX,
		            options->ahead);
		return false;
	}
	gig__report_raw raw;
	if (!gig__report_gather(ledger, options, &raw, error)) {
		gig__report_raw_clear(&raw);
		return false;
	}
	g_autoptr(gig_report) r = g_new0(gig_report, 1);
	bool ok = gig__report_compute(&raw, options, r, error);
	gig__report_raw_clear(&raw);
	if (!ok || !assertions_warning(ledger, r, error))
		return false;
	*out = g_steal_pointer(&r);
	return true;
}

static void
free_items(gig_report_item *items, size_t n)
{
	for (size_t i = 0; i < n && items; i++)
		g_free(items[i].name);
	g_free(items);
}

void
gig_report_free(gig_report *report)
{
	if (report == NULL)
		return;
	for (size_t i = 0; i < report->n_months; i++)
		free_items(report->months[i].streams, report->months[i].n_streams);
	g_free(report->months);
	free_items(report->danger_items, report->n_danger_items);
	for (size_t i = 0; i < report->n_receivables; i++) {
		g_free(report->receivables[i].client);
		g_free(report->receivables[i].description);
	}
	g_free(report->receivables);
	for (size_t i = 0; i < report->n_bills; i++)
		g_free(report->bills[i].name);
	g_free(report->bills);
	free_items(report->streams, report->n_streams);
	g_free(report->other_currencies);
	g_strfreev(report->fx_left_out);
	for (size_t i = 0; i < report->n_foreign; i++) {
		g_free(report->foreign[i].rate);
		g_free(report->foreign[i].missing);
		g_free(report->foreign[i].history_missing);
	}
	g_free(report->foreign);
	for (size_t i = 0; i < report->n_royalties; i++)
		g_free(report->royalties[i].payer);
	g_free(report->royalties);
	for (size_t i = 0; i < report->n_advances; i++)
		g_free(report->advances[i].payer);
	g_free(report->advances);
	g_free(report->scenario_name);
	g_strfreev(report->scenario_specs);
	g_free(report->assertion_warning);
	g_free(report);
}
