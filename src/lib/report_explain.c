/*
 * report_explain.c: gig_report_explain_reserve(), the working behind the reserve
 * target, the tax set-aside and the salary, written out with the report's own numbers
 * so the user can follow (and check) each step.  Nothing is computed here that the
 * report does not already hold, apart from the arithmetic shown on the page.
 */
#include <errno.h>
#include <math.h>
#include <string.h>

#include "report_internal.h"

/* "   label ......... = value", values lined up in one column. */
/* "   TEXT" wrapped at 80 columns, continued 5 in (NULL: nothing). */
static void
wrapped(FILE *out, const char *text)
{
	if (text == NULL)
		return;
	g_auto(GStrv) words = g_strsplit(text, " ", -1);
	size_t col = 3;
	fputs("   ", out);
	for (size_t i = 0; words[i]; i++) {
		size_t len = (size_t)g_utf8_strlen(words[i], -1);
		if (col > 3 && col + 1 + len > 80) {
			fputs("\n     ", out);
			col = 5;
		} else if (col > 3 && i > 0) {
			fputc(' ', out);
			col++;
		}
		fputs(words[i], out);
		col += len;
	}
	fputc('\n', out);
}

static void
row(FILE *out, const char *label, char op, const char *value)
{
	fprintf(out, "   %-50s %c %14s\n", label, op, value);
}

bool
gig_report_explain_reserve(const gig_report *r, FILE *out, GError **error)
{
	g_return_val_if_fail(r != NULL && out != NULL, false);
	char a[GIG_MONEY_BUFSZ], b[GIG_MONEY_BUFSZ], c[GIG_MONEY_BUFSZ], e[GIG_MONEY_BUFSZ];
	char f[GIG_MONEY_BUFSZ];
	char d[GIG_MONEY_BUFSZ], m1[GIG_MONEY_BUFSZ], m2[GIG_MONEY_BUFSZ];
#define M(buf, v) gig__report_money(buf, r, v, true)

	fprintf(out,
	        "How the reserve, the tax set-aside and the salary are worked out\n"
	        "(%s, as of %s)\n\n",
	        r->currency, gig_date_format(d, r->as_of));
	if (r->window_months == 0) {
		fputs("There is no complete month in the ledger yet, so there is nothing to\n"
		      "average.  Until there is, the reserve multiple is the cautious maximum of\n"
		      "12 months and the target is 0 because no spending is known.\n\n",
		      out);
	} else {
		int last = r->months[r->n_history - 1].month;
		if (r->months[r->n_history - 1].partial)
			last--;
		gig_date_format_month(m1, last - (int)r->window_months + 1);
		gig_date_format_month(m2, last);
		fprintf(
		    out,
		    "1. Your months (the last %zu complete months, %s to %s)\n"
		    "   essential expenses, on average      %14s a month\n"
		    "     (uncategorised spending counts as essential until you categorise it)\n"
		    "   all expenses, on average            %14s a month\n"
		    "   income, on average                  %14s a month\n\n",
		    r->window_months, m1, m2, M(a, r->mean_essential_minor),
		    M(b, r->mean_expense_minor), M(c, r->mean_income_minor));
	}

	fputs("2. How uneven your income is\n", out);
	if (isnan(r->income_cv))
		fputs("   Too few months, or no income, to measure it: the multiple is the\n"
		      "   cautious maximum.\n",
		      out);
	else
		fprintf(out,
		        "   standard deviation / mean of monthly income (CV) = %.2f\n"
		        "   multiple M = 3 x (1 + CV) = %.2f, kept between 3 and 12\n",
		        r->income_cv, 3.0 * (1.0 + r->income_cv));
	if (r->reserve_multiple_set)
		fprintf(out, "   M = %.2f, set by you (gig config set reserve_multiple)\n\n",
		        r->reserve_multiple);
	else
		fprintf(out, "   M = %.2f\n\n", r->reserve_multiple);

	g_autofree char *times = g_strdup_printf("M x essential = %.2f x %s", r->reserve_multiple,
	                                         M(a, r->mean_essential_minor));
	g_autofree char *cfar =
	    g_strdup_printf("(90%% cash-flow-at-risk, %u resampled paths)", r->runway.paths);
	fputs("3. Reserve target: the larger of\n", out);
	row(out, times, '=', M(b, r->reserve_essential_minor));
	fputs("   the worst 12-month shortfall in 9 of 10 simulated years\n", out);
	row(out, cfar, '=', M(c, r->cfar90_minor));
	row(out, "reserve target (rounded up)", '=', M(e, r->reserve_target_minor));
	fputc('\n', out);

	char y0[GIG_DATE_BUFSZ], y1[GIG_DATE_BUFSZ];
	fprintf(out, "4. Tax set-aside (profile %s; tax year %d, %s to %s)\n", r->tax_profile,
	        r->tax_year, gig_date_format(y0, r->tax_year_start), gig_date_format(y1, r->as_of));
	row(out, "income", ' ', M(a, r->income_since_tax_minor));
	row(out, "deductible expenses", '-', M(b, r->tax_deductible_minor));
	row(out, "profit so far", '=', M(c, r->tax_profit_minor));
	g_autofree char *est = NULL;
	if (strcmp(r->tax_profile, "flat") == 0)
		est =
		    g_strdup_printf("estimated tax (%.4g%% of it)", (double)r->tax_rate_bp / 100.0);
	else
		est = g_strdup_printf("estimated tax (%s)", r->tax_profile);
	row(out, est, '=', M(a, r->tax_estimate_minor));
	if (r->tax_social_minor || r->tax_surcharge_minor) {
		row(out, "  of which income tax", ' ', M(b, r->tax_income_tax_minor));
		if (r->tax_social_minor)
			row(out, "  social contributions", ' ', M(b, r->tax_social_minor));
		if (r->tax_surcharge_minor)
			row(out, "  surcharge", ' ', M(b, r->tax_surcharge_minor));
	}
	g_autofree char *paid = g_strdup_printf("minus tax paid for %d", r->tax_year);
	row(out, paid, '-', M(b, r->tax_paid_minor));
	row(out, "minus what is already in the tax reserve", '-', M(b, r->tax_reserve_minor));
	row(out, "still to set aside (never below 0)", '=', M(c, r->tax_owed_minor));
	fputc('\n', out);

	fprintf(out,
	        "5. Buffer and safe to spend\n"
	        "   cash %s - tax owed %s = buffer %s\n"
	        "   buffer - reserve target = %s (%s)\n"
	        "   minus bills due before the next expected income (%s)\n"
	        "   safe to spend = %s\n\n",
	        M(a, r->cash_minor), M(b, r->tax_owed_minor), M(c, r->buffer_minor),
	        M(e, -r->reserve_gap_minor), r->reserve_gap_minor > 0 ? "short" : "to spare",
	        M(d, r->bills_before_income_minor), M(m1, r->safe_to_spend_minor));
	/* other currencies: what the cash holds of them, and what it leaves out */
	for (size_t i = 0; i < r->n_foreign; i++) {
		const gig_report_foreign *fc = &r->foreign[i];
		char own[GIG_MONEY_BUFSZ];
		gig_money_format(own, fc->cash_minor, fc->exponent, true);
		g_autofree char *cash = NULL, *hist = NULL;
		if (fc->converted && fc->rate)
			cash =
			    g_strdup_printf("cash includes %s %s as %s %s (%s)", own, fc->currency,
			                    M(a, fc->converted_minor), r->currency, fc->rate);
		else if (!fc->converted)
			cash = g_strdup_printf("WARNING: %s %s is NOT in the cash: %s", own,
			                       fc->currency, fc->missing);
		if (fc->history && !fc->history_converted)
			hist = g_strdup_printf("WARNING: %s income and expenses are NOT in the "
			                       "months: %s",
			                       fc->currency, fc->history_missing);
		wrapped(out, cash);
		wrapped(out, hist);
	}
	for (size_t i = 0; i < r->n_fx_left_out; i++) {
		g_autofree char *text =
		    g_strdup_printf("WARNING: NOT counted: %s", r->fx_left_out[i]);
		wrapped(out, text);
	}
	if (r->n_foreign > 0 || r->n_fx_left_out > 0)
		fputc('\n', out);

	int64_t net12 = r->forecast_income_12_minor - r->forecast_expense_12_minor;
	fprintf(out,
	        "6. Sustainable salary\n"
	        "   next 12 months, projected: income %s - expenses %s = %s\n"
	        "   (buffer - reserve target + that) / 12\n"
	        "   = (%s - %s + %s) / 12, never below 0, rounded down\n"
	        "   = %s a month\n"
	        "   risk-aware: the largest monthly draw that keeps the chance of the buffer\n"
	        "   going below zero within 12 months at 10%% or less = %s a month\n",
	        M(a, r->forecast_income_12_minor), M(b, r->forecast_expense_12_minor), M(c, net12),
	        M(d, r->buffer_minor), M(e, r->reserve_target_minor), M(m1, net12),
	        M(m2, r->salary_minor), M(f, r->salary_risk_minor));
#undef M
	if (ferror(out) || fflush(out) != 0) {
		g_set_error(error, GIG_ERROR, GIG_ERROR_IO, "writing the explanation failed: %s",
		            g_strerror(errno));
		return false;
	}
	return true;
}
