/*
 * report_html.c: the runway report as one self-contained HTML page.
 *
 * No scripts, fonts or images from the network: the styles are inline and the chart is
 * an inline SVG (monthly income and expense bars, the balance line, the P10-P90 band of
 * the projected balance and the reserve-target line).  Every figure that also appears
 * in the JSON carries data-key (the JSON path, e.g. "months.3.net_minor") and data-minor
 * (the integer) or data-value (months, probabilities), so a test can check the page
 * against the JSON; the text shown is the same amount formatted for reading.
 */
#include <math.h>
#include <string.h>

#include "report_internal.h"

#define W 760.0
#define H 300.0
#define PAD_L 70.0
#define PAD_R 10.0
#define PAD_T 12.0
#define PAD_B 28.0

static void
esc(FILE *out, const char *s)
{
	g_autofree char *e = g_markup_escape_text(s ? s : "", -1);
	fputs(e, out);
}

/* A table cell holding an amount, tagged with its JSON key. */
static void
money_cell(FILE *out, const gig_report *r, const char *key, int64_t minor)
{
	char buf[GIG_MONEY_BUFSZ];
	fprintf(out,
	        "<td class=\"num%s\" data-key=\"%s\" data-minor=\"%" G_GINT64_FORMAT "\">%s</td>",
	        minor < 0 ? " neg" : "", key, minor, gig__report_money(buf, r, minor, true));
}

static void
months_cell(FILE *out, const char *key, double v)
{
	if (isnan(v))
		fprintf(out, "<td class=\"num\" data-key=\"%s\" data-value=\"null\">n/a</td>", key);
	else if (isinf(v))
		fprintf(out, "<td class=\"num\" data-key=\"%s\" data-value=\"null\">never</td>",
		        key);
	else
		fprintf(out, "<td class=\"num\" data-key=\"%s\" data-value=\"%.2f\">%.1f</td>", key,
		        v, v);
}

static void
prob_cell(FILE *out, const char *key, double v)
{
	if (isnan(v))
		fprintf(out, "<td class=\"num\" data-key=\"%s\" data-value=\"null\">n/a</td>", key);
	else
		fprintf(out, "<td class=\"num\" data-key=\"%s\" data-value=\"%.4f\">%.1f%%</td>",
		        key, v, 100.0 * v);
}

static const char style[] =
    "body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#1d2330;background:#fff}"
    "h1{font-size:20px;margin:0 0 4px}h2{font-size:16px;margin:22px 0 6px}"
    "table{border-collapse:collapse}td,th{padding:2px 10px;text-align:left;white-space:nowrap}"
    "th{border-bottom:1px solid #999;font-weight:600}"
    ".num{text-align:right;font-variant-numeric:tabular-nums}.neg{color:#b3261e}"
    ".fc{color:#555;font-style:italic}.danger{background:#fde2e0}"
    ".note{color:#555;max-width:760px}svg{border:1px solid #ddd;background:#fcfcfd}";

typedef struct {
	double lo, hi; /* value range */
	size_t n;      /* months */
} scale;

static double
sx(const scale *s, size_t i)
{
	return PAD_L + (W - PAD_L - PAD_R) * ((double)i + 0.5) / (double)s->n;
}

static double
sy(const scale *s, double v)
{
	return PAD_T + (H - PAD_T - PAD_B) * (s->hi - v) / (s->hi - s->lo);
}

static void
chart(const gig_report *r, FILE *out)
{
	if (r->n_months == 0)
		return;
	scale s = {0.0, 0.0, r->n_months};
	for (size_t i = 0; i < r->n_months; i++) {
		const gig_report_month *m = &r->months[i];
		double v[] = {(double)m->income_minor, (double)m->expense_minor,
		              (double)m->balance_minor, (double)m->band_low_minor,
		              (double)m->band_high_minor};
		for (size_t j = 0; j < G_N_ELEMENTS(v); j++) {
			if (j >= 3 && !m->forecast)
				break;
			s.lo = v[j] < s.lo ? v[j] : s.lo;
			s.hi = v[j] > s.hi ? v[j] : s.hi;
		}
	}
	double target = (double)r->reserve_target_minor;
	s.hi = target > s.hi ? target : s.hi;
	if (s.hi - s.lo < 1.0)
		s.hi = s.lo + 100.0;
	s.hi += (s.hi - s.lo) * 0.05;

	fprintf(out,
	        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" "
	        "viewBox=\"0 0 %.0f %.0f\" role=\"img\" aria-label=\"Monthly income, "
	        "expenses and balance\">\n",
	        W, H, W, H);
	double slot = (W - PAD_L - PAD_R) / (double)s.n;
	double bw = slot * 0.35;
	/* the forecast half gets a light background */
	if (r->n_history < r->n_months)
		fprintf(out,
		        "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
		        "fill=\"#f1f3f8\"/>\n",
		        PAD_L + slot * (double)r->n_history, PAD_T,
		        slot * (double)(s.n - r->n_history), H - PAD_T - PAD_B);
	/* P10-P90 band of the projected balance */
	if (r->n_history < r->n_months) {
		fputs("<polygon fill=\"#9ec5fe\" fill-opacity=\"0.55\" points=\"", out);
		for (size_t i = r->n_history; i < r->n_months; i++)
			fprintf(out, "%.1f,%.1f ", sx(&s, i),
			        sy(&s, (double)r->months[i].band_high_minor));
		for (size_t i = r->n_months; i-- > r->n_history;)
			fprintf(out, "%.1f,%.1f ", sx(&s, i),
			        sy(&s, (double)r->months[i].band_low_minor));
		fputs("\"/>\n", out);
	}
	for (size_t i = 0; i < r->n_months; i++) {
		const gig_report_month *m = &r->months[i];
		double x = sx(&s, i), zero = sy(&s, 0.0);
		double yi = sy(&s, (double)m->income_minor);
		double ye = sy(&s, (double)m->expense_minor);
		fprintf(out,
		        "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
		        "fill=\"#2e9d5b\"%s/>",
		        x - bw, yi < zero ? yi : zero, bw, fabs(zero - yi),
		        m->forecast ? " fill-opacity=\"0.5\"" : "");
		fprintf(out,
		        "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
		        "fill=\"#d9534f\"%s/>\n",
		        x, ye < zero ? ye : zero, bw, fabs(zero - ye),
		        m->forecast ? " fill-opacity=\"0.5\"" : "");
	}
	fputs("<polyline fill=\"none\" stroke=\"#1f4fd1\" stroke-width=\"2.5\" points=\"", out);
	for (size_t i = 0; i < r->n_months; i++)
		fprintf(out, "%.1f,%.1f ", sx(&s, i), sy(&s, (double)r->months[i].balance_minor));
	fputs("\"/>\n", out);
	fprintf(out,
	        "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#e08a00\" "
	        "stroke-width=\"2\" stroke-dasharray=\"6 4\"/>\n",
	        PAD_L, W - PAD_R, sy(&s, target), sy(&s, target));
	fprintf(out, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#666\"/>\n",
	        PAD_L, W - PAD_R, sy(&s, 0.0), sy(&s, 0.0));
	/* y axis: the top, zero and the bottom */
	double ticks[] = {s.lo, 0.0, s.hi};
	for (size_t i = 0; i < G_N_ELEMENTS(ticks); i++) {
		char buf[GIG_MONEY_BUFSZ];
		int64_t v = gig__report_round(ticks[i]);
		fprintf(out,
		        "<text x=\"%.1f\" y=\"%.1f\" font-size=\"11\" text-anchor=\"end\" "
		        "fill=\"#444\">%s</text>\n",
		        PAD_L - 6, sy(&s, ticks[i]) + 4,
		        gig__report_money(buf, r, v - v % 100, true));
	}
	for (size_t i = 0; i < r->n_months; i += (r->n_months > 24 ? 6 : 2)) {
		char mo[GIG_DATE_BUFSZ];
		fprintf(out,
		        "<text x=\"%.1f\" y=\"%.1f\" font-size=\"11\" text-anchor=\"middle\" "
		        "fill=\"#444\">%s</text>\n",
		        sx(&s, i), H - 8, gig_date_format_month(mo, r->months[i].month));
	}
	fputs("</svg>\n<p class=\"note\">Green: income; red: expenses; blue line: balance "
	      "(projected on the shaded side; the shading is P10&#8211;P90 of the simulated "
	      "balance, the runway simulation's own paths); dashed orange: "
	      "reserve target.</p>\n",
	      out);
}

/* One row of the runway table; `key` is the JSON object its cells come from. */
static void
runway_row(FILE *out, const char *label, const char *key, const gig_report_runway *rw)
{
	const struct {
		const char *name;
		double v;
		bool prob;
	} cells[] = {
	    {"zero_income_months", rw->zero_income_months, false},
	    {"current_spend_months", rw->current_spend_months, false},
	    {"forecast_months", rw->forecast_months, false},
	    {"p10", rw->p10, false},
	    {"p50", rw->p50, false},
	    {"p90", rw->p90, false},
	    {"prob_ruin_3", rw->prob_ruin_3, true},
	    {"prob_ruin_6", rw->prob_ruin_6, true},
	    {"prob_ruin_12", rw->prob_ruin_12, true},
	};
	fprintf(out, "<tr><th scope=\"row\">%s</th>", label);
	for (size_t i = 0; i < G_N_ELEMENTS(cells); i++) {
		char name[64];
		snprintf(name, sizeof name, "%s.%s", key, cells[i].name);
		if (cells[i].prob)
			prob_cell(out, name, cells[i].v);
		else
			months_cell(out, name, cells[i].v);
	}
	fputs("</tr>\n", out);
}

static void
headline(const gig_report *r, FILE *out)
{
	const struct {
		const char *label, *key;
		int64_t v;
	} rows[] = {
	    {"Cash (checking, savings, cash)", "cash_minor", r->cash_minor},
	    {"Tax set-aside owed", "tax_owed_minor", r->tax_owed_minor},
	    {"Already in the tax reserve", "tax_reserve_minor", r->tax_reserve_minor},
	    {"Reserve target", "reserve_target_minor", r->reserve_target_minor},
	    {"Buffer (cash &#8722; tax owed)", "buffer_minor", r->buffer_minor},
	    {"Safe to spend", "safe_to_spend_minor", r->safe_to_spend_minor},
	    {"Sustainable salary / month", "salary_minor", r->salary_minor},
	    {"Risk-aware salary / month", "salary_risk_minor", r->salary_risk_minor},
	};
	fputs("<table>\n", out);
	for (size_t i = 0; i < G_N_ELEMENTS(rows); i++) {
		fprintf(out, "<tr><th scope=\"row\">%s</th>", rows[i].label);
		money_cell(out, r, rows[i].key, rows[i].v);
		fputs("</tr>\n", out);
	}
	fputs("</table>\n<h2>Runway in months</h2>\n<table><tr><th>Starting from</th>"
	      "<th>If every gig stopped</th><th>At current spending</th><th>On the forecast</th>"
	      "<th>P10</th><th>P50</th><th>P90</th><th>Out within 3 mo</th><th>6 mo</th>"
	      "<th>12 mo</th></tr>\n",
	      out);
	runway_row(out, "Buffer (cash &#8722; tax owed)", "runway", &r->runway);
	runway_row(out, "On cash alone", "runway_cash", &r->runway_cash);
	if (r->has_scenario) {
		g_autofree char *name =
		    g_markup_escape_text(r->scenario_name ? r->scenario_name : "", -1);
		g_autofree char *label =
		    g_strdup_printf("What if%s%s (buffer)", r->scenario_name ? ": " : "", name);
		runway_row(out, label, "scenario.runway", &r->scenario_runway);
	}
	fputs("</table>\n", out);
	if (r->has_scenario) {
		fputs("<p class=\"note\">What if: ", out);
		for (size_t i = 0; i < r->n_scenario_specs; i++) {
			fputs(i ? "; " : "", out);
			esc(out, r->scenario_specs[i]);
		}
		fputs(" &#8212; the same simulated paths as the base, so the difference is the "
		      "scenario&#8217;s alone.</p>\n",
		      out);
	}
}

static void
months_table(const gig_report *r, FILE *out)
{
	fputs("<h2>Months</h2>\n<table><tr><th>Month</th><th>Income</th><th>Essential</th>"
	      "<th>Other</th><th>Expenses</th><th>Net</th><th>Balance</th><th>Smoothed income</th>"
	      "<th></th></tr>\n",
	      out);
	for (size_t i = 0; i < r->n_months; i++) {
		const gig_report_month *m = &r->months[i];
		char mo[GIG_DATE_BUFSZ], key[64];
		bool danger = m->month == r->danger_month;
		fprintf(out, "<tr class=\"%s%s\"><td data-key=\"months.%zu.month\">%s</td>",
		        m->forecast ? "fc" : "", danger ? " danger" : "", i,
		        gig_date_format_month(mo, m->month));
		const struct {
			const char *name;
			int64_t v;
		} cells[] = {
		    {"income_minor", m->income_minor}, {"essential_minor", m->essential_minor},
		    {"other_minor", m->other_minor},   {"expense_minor", m->expense_minor},
		    {"net_minor", m->net_minor},       {"balance_minor", m->balance_minor}};
		for (size_t c = 0; c < G_N_ELEMENTS(cells); c++) {
			snprintf(key, sizeof key, "months.%zu.%s", i, cells[c].name);
			money_cell(out, r, key, cells[c].v);
		}
		snprintf(key, sizeof key, "months.%zu.smoothed_income_minor", i);
		if (m->has_smoothed)
			money_cell(out, r, key, m->smoothed_income_minor);
		else
			fputs("<td></td>", out);
		fprintf(out, "<td>%s</td></tr>\n",
		        danger        ? "danger month"
		        : m->windfall ? "windfall"
		        : m->partial  ? "so far"
		        : m->forecast ? "forecast"
		                      : "");
	}
	fputs("</table>\n", out);
	if (r->danger_month >= 0) {
		char mo[GIG_DATE_BUFSZ];
		fprintf(
		    out,
		    "<p><strong>Danger month <span data-key=\"danger_month\">%s</span></strong>: "
		    "the projected balance falls below the reserve target.</p>\n<table>",
		    gig_date_format_month(mo, r->danger_month));
		for (size_t i = 0; i < r->n_danger_items; i++) {
			char key[64];
			fputs("<tr><td>", out);
			esc(out, r->danger_items[i].name);
			fputs("</td>", out);
			snprintf(key, sizeof key, "danger.items.%zu.amount_minor", i);
			money_cell(out, r, key, r->danger_items[i].minor);
			fputs("</tr>\n", out);
		}
		fputs("</table>\n", out);
	}
}

static void
receivables_table(const gig_report *r, FILE *out)
{
	fputs("<h2>Open invoices</h2>\n", out);
	if (r->n_receivables == 0) {
		fputs("<p>None.</p>\n", out);
		return;
	}
	fputs("<table><tr><th>Client</th><th>Invoice</th><th>Open</th><th>Due</th>"
	      "<th>Days overdue</th><th>Expected</th><th></th></tr>\n",
	      out);
	for (size_t i = 0; i < r->n_receivables; i++) {
		const gig_report_receivable *rc = &r->receivables[i];
		char key[64], due[GIG_DATE_BUFSZ] = "", exp[GIG_DATE_BUFSZ];
		if (rc->due_on != GIG_DATE_NONE)
			gig_date_format(due, rc->due_on);
		fputs("<tr><td>", out);
		esc(out, rc->client);
		fputs("</td><td>", out);
		esc(out, rc->description);
		fputs("</td>", out);
		snprintf(key, sizeof key, "receivables.%zu.open_minor", i);
		money_cell(out, r, key, rc->open_minor);
		fprintf(out, "<td>%s</td><td class=\"num%s\">%d</td><td>%s</td><td>%s</td></tr>\n",
		        due, rc->overdue ? " neg" : "", rc->days_overdue,
		        gig_date_format(exp, rc->expected_on),
		        rc->doubtful ? "doubtful: not projected" : "");
	}
	fputs("</table>\n", out);
}

bool
gig__report_html(const gig_report *r, FILE *out)
{
	char d[GIG_DATE_BUFSZ];
	gig_date_format(d, r->as_of);
	fprintf(out,
	        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
	        "<title>Runway report %s %s</title>\n<style>%s</style></head>\n<body>\n"
	        "<h1>Runway report</h1>\n<p><span data-key=\"currency\">%s</span>, as of "
	        "<span data-key=\"as_of\">%s</span></p>\n",
	        r->currency, d, style, r->currency, d);
	if (r->empty)
		fputs("<p>No transactions yet in this currency: import a bank statement or log a "
		      "gig, then run the report again.</p>\n",
		      out);
	if (r->assertion_warning) {
		g_autofree char *w = g_markup_escape_text(r->assertion_warning, -1);
		fprintf(out, "<p class=\"warning\"><strong>Warning:</strong> %s</p>\n", w);
	}
	headline(r, out);
	fputs("<h2>Chart</h2>\n", out);
	chart(r, out);
	months_table(r, out);
	receivables_table(r, out);
	fputs("<h2>Assumptions</h2>\n<p class=\"note\">Income forecast: ", out);
	esc(out, r->method_name);
	char note[96];
	fprintf(out,
	        " (%s) over %zu complete months; means over the last "
	        "%zu. Tax %.2f%% of income since the last tax payment. Reserve = max(%.2f "
	        "&#215; mean essential expenses, 90%% cash-flow-at-risk). %zu payment(s) "
	        "were over %g &#215; the median %s payment (windfalls, in %zu month(s)) and are "
	        "left out of the income forecast. %zu open invoice(s) over %d days past the "
	        "expected date are doubtful and not projected. Simulation: %u paths, block %u, "
	        "seed %" G_GUINT64_FORMAT ".</p>\n</body></html>\n",
	        gig__report_method_note(note, sizeof note, r), r->complete_months, r->window_months,
	        (double)r->tax_rate_bp / 100.0, r->reserve_multiple, r->windfalls,
	        r->windfall_factor, r->median_over_invoices ? "gig" : "income", r->windfall_months,
	        r->doubtful_invoices, GIG_REPORT_DOUBTFUL_DAYS, r->runway.paths, r->runway.block,
	        r->seed);
	return true;
}
