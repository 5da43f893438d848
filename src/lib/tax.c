/*
 * tax.c: the pure tax engine of tax.h: schedules, allowances, social contributions,
 * surcharges, and the payment plans.  No I/O, no SQL, no floating point: money is
 * int64_t minor units, rates parts per million, and every product that could exceed
 * 64 bits is taken in 128.
 */
#include <string.h>

#include <glib.h>

#include "gigledger/tax.h"

__extension__ typedef __int128 i128;

#define PPM GIG_TAX_PPM

/* a * b / d rounded half away from zero (d > 0) */
static int64_t
muldiv_round(int64_t a, int64_t b, int64_t d)
{
	i128 x = (i128)a * b;
	i128 h = d / 2;
	return (int64_t)(x >= 0 ? (x + h) / d : -((-x + h) / d));
}

/* Marginal brackets over base, exact in millionths of a minor unit. */
static i128
brackets_micro(const gig_tax_bracket *b, size_t n, int64_t base)
{
	i128 sum = 0;
	for (size_t i = 0; i < n; i++) {
		if (base <= b[i].from_minor)
			break;
		int64_t top = i + 1 < n && b[i + 1].from_minor < base ? b[i + 1].from_minor : base;
		sum += (i128)(top - b[i].from_minor) * b[i].rate_ppm;
	}
	return sum;
}

static int64_t
round_micro(i128 v)
{
	return (int64_t)(v >= 0 ? (v + PPM / 2) / PPM : -((-v + PPM / 2) / PPM));
}

/*
 * One zone by Horner's scheme, each product truncated to three decimals (§ 32a Abs. 1
 * S. 6 EStG); the result in thousandths of a currency unit.
 */
static i128
zone_milli(const gig_tax_zone *z, int64_t x_minor)
{
	i128 y = (i128)x_minor - z->offset_minor;
	i128 d = (i128)z->scale_minor * 1000;
	i128 m1 = (i128)z->a_micro * y / d;
	i128 s1 = m1 * 1000 + z->b_micro;
	i128 m2 = s1 * y / d;
	return m2 + z->c_micro / 1000;
}

/* minor units in one currency unit, for whole_units (every shipped currency: 100) */
#define UNIT_MINOR 100

static int64_t
zones_tax(const gig_tax_profile *p, int64_t taxable)
{
	int64_t x = p->whole_units ? taxable / UNIT_MINOR * UNIT_MINOR : taxable;
	const gig_tax_zone *z = NULL;
	for (size_t i = 0; i < p->n_zones; i++)
		if (x >= p->zones[i].from_minor)
			z = &p->zones[i];
	if (z == NULL)
		return 0;
	i128 milli = zone_milli(z, x);
	if (milli <= 0)
		return 0;
	if (p->whole_units)
		return (int64_t)(milli / 1000) * UNIT_MINOR;
	/* thousandths of a unit to minor units (hundredths), half up */
	return (int64_t)((milli * UNIT_MINOR + 500) / 1000);
}

static void
estimate_at(const gig_tax_profile *p, int64_t profit, gig_tax_estimate *e)
{
	memset(e, 0, sizeof *e);
	e->profit_minor = profit;
	int64_t P = profit > 0 ? profit : 0;

	if (p->n_social > 0) {
		int64_t base = muldiv_round(P, p->social_base_ppm, PPM);
		if (base >= p->social_min_minor && base > 0)
			e->social_minor = round_micro(brackets_micro(p->social, p->n_social, base));
	}
	int64_t social_ded = muldiv_round(e->social_minor, p->social_deductible_ppm, PPM);
	e->deduction_minor = social_ded + p->deduction_minor;
	int64_t after = P - e->deduction_minor;
	if (after < 0)
		after = 0;
	int64_t allowance = p->allowance_minor;
	if (p->taper_ppm > 0 && P > p->taper_from_minor) {
		int64_t cut = (int64_t)((i128)(P - p->taper_from_minor) * p->taper_ppm / PPM);
		allowance = cut >= allowance ? 0 : allowance - cut;
	}
	e->allowance_minor = allowance;
	e->taxable_minor = after > allowance ? after - allowance : 0;

	switch (p->schedule) {
	case GIG_TAX_SCHEDULE_FLAT: {
		/* rounded up, as the report has always rounded the set-aside */
		i128 v = (i128)e->taxable_minor * p->flat_ppm;
		e->income_tax_minor = (int64_t)((v + PPM - 1) / PPM);
		break;
	}
	case GIG_TAX_SCHEDULE_BRACKETS:
		e->income_tax_minor =
		    round_micro(brackets_micro(p->brackets, p->n_brackets, e->taxable_minor));
		break;
	case GIG_TAX_SCHEDULE_ZONES:
		e->income_tax_minor = zones_tax(p, e->taxable_minor);
		break;
	}

	if (p->surcharge_ppm > 0 && e->income_tax_minor > p->surcharge_exempt_minor) {
		/* fractions of a cent are dropped (§ 4 SolZG) */
		int64_t s = (int64_t)((i128)e->income_tax_minor * p->surcharge_ppm / PPM);
		if (p->surcharge_taper_ppm > 0) {
			int64_t cap =
			    (int64_t)((i128)(e->income_tax_minor - p->surcharge_exempt_minor) *
			              p->surcharge_taper_ppm / PPM);
			if (cap < s)
				s = cap;
		}
		e->surcharge_minor = s;
	}
	e->total_minor = e->income_tax_minor + e->social_minor + e->surcharge_minor;
}

/* the step the marginal rate is measured over: 100.00 */
#define MARGIN_STEP 10000

void
gig_tax_estimate_compute(const gig_tax_profile *p, int64_t profit_minor, gig_tax_estimate *out)
{
	g_return_if_fail(p != NULL && out != NULL);
	estimate_at(p, profit_minor, out);
	gig_tax_estimate next;
	int64_t from = profit_minor > 0 ? profit_minor : 0;
	estimate_at(p, from + MARGIN_STEP, &next);
	gig_tax_estimate here;
	estimate_at(p, from, &here);
	out->marginal_ppm = muldiv_round(next.total_minor - here.total_minor, PPM, MARGIN_STEP);
}

int64_t
gig_tax_total(const gig_tax_profile *p, int64_t profit_minor)
{
	gig_tax_estimate e;
	estimate_at(p, profit_minor, &e);
	return e.total_minor;
}

void
gig_tax_profile_flat(gig_tax_profile *out, int64_t rate_ppm)
{
	memset(out, 0, sizeof *out);
	g_strlcpy(out->name, "flat", sizeof out->name);
	g_strlcpy(out->title, "a flat rate on profit", sizeof out->title);
	out->year_start_month = 1;
	out->year_start_day = 1;
	out->schedule = GIG_TAX_SCHEDULE_FLAT;
	out->flat_ppm = rate_ppm;
	out->pay_rule = GIG_TAX_PAY_NONE;
}

/* ---- years ----------------------------------------------------------------------- */

static gig_date
ymd(int y, int m, int d)
{
	gig_date out = GIG_DATE_NONE;
	if (d > gig_date_days_in_month(y, m))
		d = gig_date_days_in_month(y, m);
	gig_date_from_ymd(&out, y, m, d);
	return out;
}

gig_date
gig_tax_year_start(const gig_tax_profile *p, int year)
{
	return ymd(year, p->year_start_month, p->year_start_day);
}

int
gig_tax_year_of(const gig_tax_profile *p, gig_date on)
{
	int y, m, d;
	gig_date_to_ymd(on, &y, &m, &d);
	return on < gig_tax_year_start(p, y) ? y - 1 : y;
}

int
gig_tax_payment_year(const gig_tax_profile *p, gig_date on)
{
	int y = gig_tax_year_of(p, on);
	if (p->prior_until_month == 0)
		return y;
	int cy = y + (p->prior_until_month < p->year_start_month ? 1 : 0);
	gig_date cut = ymd(cy, p->prior_until_month, p->prior_until_day);
	return on <= cut ? y - 1 : y;
}

static gig_date
due_date(const gig_tax_profile *p, int year, size_t i)
{
	return ymd(year + p->due[i].year_offset, p->due[i].month, p->due[i].day);
}

/* ---- payment plans --------------------------------------------------------------- */

static const int64_t ai_factor_ppm[4] = {4000000, 2400000, 1500000, 1000000};
static const int64_t ai_pct_ppm[4] = {225000, 450000, 675000, 900000};

void
gig_tax_us_installments(const gig_tax_profile *p, const int64_t cum_profit[4],
                        int64_t projected_tax, bool has_last, int64_t last_tax, int64_t last_agi,
                        gig_tax_us_plan *out)
{
	memset(out, 0, sizeof *out);
	int64_t req = muldiv_round(projected_tax, p->safe_current_ppm, PPM);
	if (has_last) {
		int64_t share = p->safe_high_agi_minor > 0 && last_agi > p->safe_high_agi_minor
		                    ? p->safe_high_ppm
		                    : p->safe_last_ppm;
		int64_t by_last = muldiv_round(last_tax, share, PPM);
		if (by_last < req)
			req = by_last;
	}
	if (req < 0)
		req = 0;
	out->required_minor = req;
	int64_t quarter = req / 4;
	for (int k = 0; k < 4; k++)
		out->regular_minor[k] = k < 3 ? quarter : req - 3 * quarter;
	/* Schedule AI: lines 21 (annualised installment), 24 (regular + carry), 25 (smaller) */
	int64_t paid_before = 0, carry = 0;
	for (int k = 0; k < 4; k++) {
		int64_t ann = muldiv_round(cum_profit[k], ai_factor_ppm[k], PPM);
		int64_t tax = gig_tax_total(p, ann);
		out->annualised_income_minor[k] = ann;
		out->annualised_tax_minor[k] = tax;
		int64_t line21 = muldiv_round(tax, ai_pct_ppm[k], PPM) - paid_before;
		if (line21 < 0)
			line21 = 0;
		int64_t line24 = out->regular_minor[k] + carry;
		int64_t chosen = line21 < line24 ? line21 : line24;
		out->annualised_minor[k] = chosen;
		carry = line24 - chosen;
		paid_before += chosen;
	}
}

static size_t
add_payment(gig_tax_payment *out, size_t n, gig_date due, int64_t amount, const char *what)
{
	out[n].due = due;
	out[n].amount_minor = amount;
	g_strlcpy(out[n].what, what, sizeof out[n].what);
	return n + 1;
}

size_t
gig_tax_payments_for_year(const gig_tax_profile *p, int year, int64_t this_tax, bool has_last,
                          int64_t last_tax, const int64_t *cum_profit, gig_tax_payment *out)
{
	size_t n = 0;
	if (!has_last)
		last_tax = 0;
	switch (p->pay_rule) {
	case GIG_TAX_PAY_US: {
		if (p->n_due < 4)
			return 0;
		if (cum_profit == NULL)
			return 0;
		gig_tax_us_plan plan;
		/* last year's AGI unknown here: the higher safe-harbour share (conservative) */
		gig_tax_us_installments(p, cum_profit, this_tax, has_last, last_tax, INT64_MAX,
		                        &plan);
		for (size_t k = 0; k < 4; k++) {
			char what[48];
			g_snprintf(what, sizeof what, "installment %zu", k + 1);
			n = add_payment(out, n, due_date(p, year, k), plan.annualised_minor[k],
			                what);
		}
		break;
	}
	case GIG_TAX_PAY_UK: {
		if (p->n_due < 3)
			return 0;
		int64_t poa = last_tax >= p->poa_threshold_minor
		                  ? muldiv_round(last_tax, p->poa_ppm, PPM)
		                  : 0;
		n = add_payment(out, n, due_date(p, year, 0), poa, "payment on account 1");
		n = add_payment(out, n, due_date(p, year, 1), poa, "payment on account 2");
		int64_t bal = this_tax - 2 * poa;
		n = add_payment(out, n, due_date(p, year, 2), bal > 0 ? bal : 0,
		                "balancing payment");
		int64_t next = this_tax >= p->poa_threshold_minor
		                   ? muldiv_round(this_tax, p->poa_ppm, PPM)
		                   : 0;
		n = add_payment(out, n, due_date(p, year, 2), next,
		                "next year's payment on account 1");
		break;
	}
	case GIG_TAX_PAY_QUARTERLY: {
		int64_t basis = has_last ? last_tax : this_tax;
		if (basis < p->poa_threshold_minor || p->n_due == 0)
			basis = 0;
		int64_t q = basis / (int64_t)p->n_due;
		for (size_t k = 0; k < p->n_due; k++) {
			char what[48];
			g_snprintf(what, sizeof what, "prepayment %zu", k + 1);
			int64_t amount = k + 1 < p->n_due ? q : basis - q * (int64_t)(p->n_due - 1);
			n = add_payment(out, n, due_date(p, year, k), amount, what);
		}
		break;
	}
	case GIG_TAX_PAY_NONE:
		if (p->n_due > 0)
			n = add_payment(out, n, due_date(p, year, 0), this_tax > 0 ? this_tax : 0,
			                "the year's tax");
		break;
	}
	return n;
}

/* The profit extrapolated from the days so far to `to` (the whole of it once past). */
static int64_t
project(int64_t so_far, gig_date start, gig_date as_of, gig_date to)
{
	if (as_of >= to - 1)
		return so_far;
	int64_t done = (int64_t)as_of - start + 1;
	if (done <= 0)
		return 0;
	return (int64_t)((i128)so_far * ((int64_t)to - start) / done);
}

void
gig_tax_year_plan(const gig_tax_profile *p, const gig_tax_year *y, bool has_last, int64_t last_tax,
                  int64_t last_agi, gig_tax_plan *out)
{
	memset(out, 0, sizeof *out);
	out->projected_profit_minor = project(y->profit_minor, y->start, y->as_of, y->end);
	out->projected_tax_minor = gig_tax_total(p, out->projected_profit_minor);
	static const int ends[4][2] = {{3, 31}, {5, 31}, {8, 31}, {12, 31}};
	for (int k = 0; k < 4; k++) {
		gig_date pe = ymd(y->year, ends[k][0], ends[k][1]);
		out->cum_profit_minor[k] =
		    pe <= y->as_of ? y->cum_profit_minor[k]
		                   : project(y->profit_minor, y->start, y->as_of, pe + 1);
	}
	out->n = gig_tax_payments_for_year(p, y->year, out->projected_tax_minor, has_last, last_tax,
	                                   out->cum_profit_minor, out->payments);
	out->us = p->pay_rule == GIG_TAX_PAY_US;
	if (out->us)
		gig_tax_us_installments(p, out->cum_profit_minor, out->projected_tax_minor,
		                        has_last, last_tax, last_agi, &out->us_plan);
	int64_t left = y->paid_minor > 0 ? y->paid_minor : 0;
	for (size_t i = 0; i < out->n; i++) {
		int64_t a = out->payments[i].amount_minor;
		int64_t c = left < a ? left : a;
		left -= c;
		out->still_due_minor[i] = a - c;
	}
}
