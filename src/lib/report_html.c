/*
 * report_html.c: the runway report as one self-contained HTML page.
 *
 * No scripts, fonts or images from the network: the styles are inline and the chart is
 * an inline SVG (monthly income and expense bars, the balance line, the P10-P90 band of
 * the projected balance and the reserve-target line, gridlines labelled in the
 * currency, a <title> tooltip on every bar and point).  The page holds what the
 * terminal report holds: the headline with its working, the runway, the history and
 * forecast tables, the simulated band, the open invoices, income by stream and the
 * assumptions.
 *
 * Layout: the SVG scales with its viewBox to the page width, each table sits in a
 * container that scrolls sideways on its own, so the page never overflows even at
 * 400 px; for print, table headers repeat on every page and no row is split.
 *
 * Signs: expenses, bills and essential/other spending are positive amounts in columns
 * that name them, everywhere (as in the terminal report); the danger box is a sum
 * whose lines say "plus" or "minus" and show positive amounts.  A cell that shows
 * the negation of its JSON figure says so with data-shown="negated".
 *
 * Every figure that also appears in the JSON carries data-key (the JSON path, e.g.
 * "months.3.net_minor") and data-minor (the integer) or data-value (months,
 * probabilities), so a test can check the page against the JSON.  Numbers are written
 * with g_ascii_formatd, never with the caller's locale.
 */
#include <math.h>
#include <string.h>

#include "report_internal.h"

#define W 760.0
#define H 320.0
#define PAD_L 96.0
#define PAD_R 10.0
#define PAD_T 12.0
#define PAD_B 28.0

/*
 * A number for the page, always with a '.' (g_ascii_formatd): printf follows LC_NUMERIC
 * of whatever program links the library, and "12,5" is no SVG coordinate.  Returned
 * by value, so one fprintf can hold several (C11 keeps the array member alive to the
 * end of the full expression): fprintf(out, "%s", c1(x).s).
 */
typedef struct {
	char s[G_ASCII_DTOSTR_BUF_SIZE];
} numtext;

static numtext
num(const char *format, double v)
{
	numtext t;
	g_ascii_formatd(t.s, sizeof t.s, format, v);
	return t;
}

static numtext
c1(double v)
{
	return num("%.1f", v);
}

static void
esc(FILE *out, const char *s)
{
	g_autofree char *e = g_markup_escape_text(s ? s : "", -1);
	fputs(e, out);
}

/* An amount tagged with its JSON key, in a table cell or a span of running text. */
static void
money_tag(FILE *out, const gig_report *r, const char *tag, const char *key, int64_t minor,
          bool negated)
{
	char buf[GIG_MONEY_BUFSZ];
	int64_t shown = negated ? -minor : minor;
	fprintf(out,
	        "<%s class=\"num%s\" data-key=\"%s\" data-minor=\"%" G_GINT64_FORMAT "\"%s>%s</%s>",
	        tag, shown < 0 ? " neg" : "", key, minor, negated ? " data-shown=\"negated\"" : "",
	        gig__report_money(buf, r, shown, true), tag);
}

static void
money_cell(FILE *out, const gig_report *r, const char *key, int64_t minor)
{
	money_tag(out, r, "td", key, minor, false);
}

static void
money_span(FILE *out, const gig_report *r, const char *key, int64_t minor)
{
	money_tag(out, r, "span", key, minor, false);
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
		fprintf(out, "<td class=\"num\" data-key=\"%s\" data-value=\"%s\">%s</td>", key,
		        num("%.2f", v).s, c1(v).s);
}

static void
prob_cell(FILE *out, const char *key, double v)
{
	if (isnan(v))
		fprintf(out, "<td class=\"num\" data-key=\"%s\" data-value=\"null\">n/a</td>", key);
	else
		fprintf(out, "<td class=\"num\" data-key=\"%s\" data-value=\"%s\">%s%%</td>", key,
		        num("%.4f", v).s, c1(100.0 * v).s);
}

/*
 * Opens a table in its sideways-scrolling box, with a header row that print repeats
 * on every page; the first `text` columns are text, the others figures.
 */
static void
table_open(FILE *out, const char *const *head, size_t n, size_t text)
{
	fputs("<div class=\"scroll\"><table>\n<thead><tr>", out);
	for (size_t i = 0; i < n; i++)
		fprintf(out, "<th scope=\"col\"%s>%s</th>", i >= text ? " class=\"num\"" : "",
		        head[i]);
	fputs("</tr></thead>\n<tbody>\n", out);
}

static void
table_close(FILE *out)
{
	fputs("</tbody></table></div>\n", out);
}

static const char style[] =
    "*{box-sizing:border-box}"
    "body{font:14px/1.4 system-ui,sans-serif;margin:0 auto;padding:16px;max-width:1100px;"
    "color:#1d2330;background:#fff}"
    "h1{font-size:20px;margin:0 0 4px}h2{font-size:16px;margin:22px 0 6px}"
    ".scroll{max-width:100%;overflow-x:auto}"
    "table{border-collapse:collapse}td,th{padding:2px 8px;text-align:left;"
    "vertical-align:top}.num{text-align:right}td.num,.mo{white-space:nowrap}"
    "thead th{border-bottom:1px solid #999;font-weight:600}tbody th{font-weight:normal}"
    ".num{font-variant-numeric:tabular-nums}.neg{color:#b3261e}"
    ".fc{color:#555;font-style:italic}.danger{background:#fde2e0}.low{color:#b3261e}"
    ".total th,.total td{border-top:1px solid #999;font-weight:600}"
    ".note{color:#555;max-width:760px;overflow-wrap:anywhere}td.note{min-width:12em}"
    "svg{display:block;width:100%;height:auto;max-width:900px;border:1px solid #ddd;"
    "background:#fcfcfd}"
    "@media print{"
    "@page{margin:14mm}"
    "body{font-size:10pt;padding:0;max-width:none}"
    ".scroll{overflow:visible}"
    "table{width:100%}td,th{padding:1px 4px}"
    "thead{display:table-header-group}"
    "tr,svg{break-inside:avoid;page-break-inside:avoid}"
    "h2{break-after:avoid;page-break-after:avoid}"
    "svg{max-width:100%;border:none}"
    "}";

typedef struct {
	double lo, hi; /* value range, on gridlines */
	double step;   /* between gridlines */
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

/* A step of 1, 2 or 5 times a power of ten giving about `want` steps over `span`. */
static double
nice_step(double span, int want, double least)
{
	double raw = span / want;
	double p = pow(10.0, floor(log10(raw)));
	double f = raw / p;
	double step = (f <= 1.0 ? 1.0 : f <= 2.0 ? 2.0 : f <= 5.0 ? 5.0 : 10.0) * p;
	return step < least ? least : step;
}

/* "5,000 EUR": an axis amount with the currency, whole units when it has no cents. */
static char *
axis_label(char buf[GIG_MONEY_BUFSZ], const gig_report *r, int64_t minor)
{
	gig__report_money(buf, r, minor, true);
	char *dot = strchr(buf, '.');
	if (dot && strspn(dot + 1, "0") == strlen(dot + 1))
		*dot = '\0';
	return buf;
}

/* The tooltip of a bar or point: "2026-08 income: 737.89 EUR (forecast)". */
static void
tip(FILE *out, const gig_report *r, const gig_report_month *m, const char *what, int64_t minor)
{
	char mo[GIG_DATE_BUFSZ], buf[GIG_MONEY_BUFSZ];
	fprintf(out, "<title>%s %s: %s ", gig_date_format_month(mo, m->month), what,
	        gig__report_money(buf, r, minor, true));
	esc(out, r->currency);
	fputs(m->forecast ? " (forecast)" : m->partial ? " (so far)" : "", out);
	if (m->forecast && strcmp(what, "balance") == 0) {
		char lo[GIG_MONEY_BUFSZ], hi[GIG_MONEY_BUFSZ];
		fprintf(out, "; simulated P10&#8211;P90 %s&#8211;%s",
		        gig__report_money(lo, r, m->band_low_minor, true),
		        gig__report_money(hi, r, m->band_high_minor, true));
	}
	fputs("</title>", out);
}

static void
chart(const gig_report *r, FILE *out)
{
	if (r->n_months == 0)
		return;
	scale s = {0.0, 0.0, 0.0, r->n_months};
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
	s.lo = target < s.lo ? target : s.lo;
	/* gridlines at round amounts, never closer than one major unit */
	double unit = pow(10.0, r->exponent);
	if (s.hi - s.lo < unit)
		s.hi = s.lo + unit;
	s.step = nice_step(s.hi - s.lo, 5, unit);
	s.lo = floor(s.lo / s.step) * s.step;
	s.hi = ceil(s.hi / s.step) * s.step;

	fprintf(out,
	        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"100%%\" viewBox=\"0 0 %s %s\" "
	        "preserveAspectRatio=\"xMidYMid meet\" role=\"img\" aria-label=\"Monthly "
	        "income, expenses and balance\">\n",
	        c1(W).s, c1(H).s);
	double slot = (W - PAD_L - PAD_R) / (double)s.n;
	double bw = slot * 0.35;
	/* the forecast half gets a light background */
	if (r->n_history < r->n_months)
		fprintf(out,
		        "<rect x=\"%s\" y=\"%s\" width=\"%s\" height=\"%s\" fill=\"#f1f3f8\">"
		        "<title>forecast</title></rect>\n",
		        c1(PAD_L + slot * (double)r->n_history).s, c1(PAD_T).s,
		        c1(slot * (double)(s.n - r->n_history)).s, c1(H - PAD_T - PAD_B).s);
	/* horizontal gridlines, each labelled with its amount and the currency */
	for (int k = 0; s.lo + k * s.step <= s.hi + s.step * 0.5; k++) {
		char buf[GIG_MONEY_BUFSZ];
		double v = s.lo + k * s.step;
		double y = sy(&s, v);
		fprintf(out,
		        "<line class=\"grid\" x1=\"%s\" x2=\"%s\" y1=\"%s\" y2=\"%s\" "
		        "stroke=\"%s\" stroke-width=\"1\"/>"
		        "<text class=\"tick\" x=\"%s\" y=\"%s\" font-size=\"12\" "
		        "text-anchor=\"end\" fill=\"#444\">%s ",
		        c1(PAD_L).s, c1(W - PAD_R).s, c1(y).s, c1(y).s,
		        fabs(v) < 0.5 ? "#666" : "#e3e5ea", c1(PAD_L - 6).s, c1(y + 4).s,
		        axis_label(buf, r, gig__report_round(v)));
		esc(out, r->currency);
		fputs("</text>\n", out);
	}
	/* P10-P90 band of the projected balance */
	if (r->n_history < r->n_months) {
		fputs("<polygon fill=\"#9ec5fe\" fill-opacity=\"0.55\" points=\"", out);
		for (size_t i = r->n_history; i < r->n_months; i++)
			fprintf(out, "%s,%s ", c1(sx(&s, i)).s,
			        c1(sy(&s, (double)r->months[i].band_high_minor)).s);
		for (size_t i = r->n_months; i-- > r->n_history;)
			fprintf(out, "%s,%s ", c1(sx(&s, i)).s,
			        c1(sy(&s, (double)r->months[i].band_low_minor)).s);
		fputs("\"><title>P10&#8211;P90 of the simulated balance</title></polygon>\n", out);
	}
	for (size_t i = 0; i < r->n_months; i++) {
		const gig_report_month *m = &r->months[i];
		double x = sx(&s, i), zero = sy(&s, 0.0);
		double yi = sy(&s, (double)m->income_minor);
		double ye = sy(&s, (double)m->expense_minor);
		fprintf(out,
		        "<rect class=\"bar\" x=\"%s\" y=\"%s\" width=\"%s\" height=\"%s\" "
		        "fill=\"#2e9d5b\"%s>",
		        c1(x - bw).s, c1(yi < zero ? yi : zero).s, c1(bw).s, c1(fabs(zero - yi)).s,
		        m->forecast ? " fill-opacity=\"0.5\"" : "");
		tip(out, r, m, "income", m->income_minor);
		fprintf(out,
		        "</rect><rect class=\"bar\" x=\"%s\" y=\"%s\" width=\"%s\" height=\"%s\" "
		        "fill=\"#d9534f\"%s>",
		        c1(x).s, c1(ye < zero ? ye : zero).s, c1(bw).s, c1(fabs(zero - ye)).s,
		        m->forecast ? " fill-opacity=\"0.5\"" : "");
		tip(out, r, m, "expenses", m->expense_minor);
		fputs("</rect>\n", out);
	}
	fputs("<polyline fill=\"none\" stroke=\"#1f4fd1\" stroke-width=\"2.5\" points=\"", out);
	for (size_t i = 0; i < r->n_months; i++)
		fprintf(out, "%s,%s ", c1(sx(&s, i)).s,
		        c1(sy(&s, (double)r->months[i].balance_minor)).s);
	fputs("\"/>\n", out);
	for (size_t i = 0; i < r->n_months; i++) {
		const gig_report_month *m = &r->months[i];
		fprintf(out,
		        "<circle class=\"point\" cx=\"%s\" cy=\"%s\" r=\"4\" fill=\"#1f4fd1\">",
		        c1(sx(&s, i)).s, c1(sy(&s, (double)m->balance_minor)).s);
		tip(out, r, m, "balance", m->balance_minor);
		fputs("</circle>\n", out);
	}
	char buf[GIG_MONEY_BUFSZ];
	fprintf(out,
	        "<line x1=\"%s\" x2=\"%s\" y1=\"%s\" y2=\"%s\" stroke=\"#e08a00\" "
	        "stroke-width=\"2\" stroke-dasharray=\"6 4\"><title>reserve target: %s ",
	        c1(PAD_L).s, c1(W - PAD_R).s, c1(sy(&s, target)).s, c1(sy(&s, target)).s,
	        gig__report_money(buf, r, r->reserve_target_minor, true));
	esc(out, r->currency);
	fputs("</title></line>\n", out);
	for (size_t i = 0; i < r->n_months; i += (r->n_months > 24 ? 6 : 2)) {
		char mo[GIG_DATE_BUFSZ];
		fprintf(out,
		        "<text x=\"%s\" y=\"%s\" font-size=\"12\" text-anchor=\"middle\" "
		        "fill=\"#444\">%s</text>\n",
		        c1(sx(&s, i)).s, c1(H - 8).s,
		        gig_date_format_month(mo, r->months[i].month));
	}
	fputs("</svg>\n<p class=\"note\">Green: income; red: expenses; blue line: balance "
	      "(projected on the shaded side; the shading is P10&#8211;P90 of the simulated "
	      "balance, the runway simulation's own paths); dashed orange: "
	      "reserve target.  Hover a bar or point for its month and amount.</p>\n",
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

/* A headline row: label, amount, and the working of it (notes hold tagged amounts). */
static void
headline_open(FILE *out, const gig_report *r, const char *label, const char *key, int64_t v)
{
	fprintf(out, "<tr><th scope=\"row\">%s</th>", label);
	money_cell(out, r, key, v);
	fputs("<td class=\"note\">", out);
}

static void
headline(const gig_report *r, FILE *out)
{
	char mo[GIG_DATE_BUFSZ] = "1 Jan";
	if (r->last_tax_month >= 0)
		gig_date_format_month(mo, r->last_tax_month);
	fputs("<div class=\"scroll\"><table class=\"headline\">\n<tbody>\n", out);
	headline_open(out, r, "Cash (checking, savings, cash)", "cash_minor", r->cash_minor);
	esc(out, r->currency);
	fputs("</td></tr>\n", out);
	headline_open(out, r, "Tax set-aside owed", "tax_owed_minor", r->tax_owed_minor);
	fprintf(out, "%s%% of ", num("%.4g", (double)r->tax_rate_bp / 100.0).s);
	money_span(out, r, "assumptions.income_since_tax_minor", r->income_since_tax_minor);
	fprintf(out, " income after %s, minus ", mo);
	money_span(out, r, "tax_reserve_minor", r->tax_reserve_minor);
	fputs(" already in the tax reserve</td></tr>\n", out);
	headline_open(out, r, "Already in the tax reserve", "tax_reserve_minor",
	              r->tax_reserve_minor);
	fputs("</td></tr>\n", out);
	headline_open(out, r, "Reserve target", "reserve_target_minor", r->reserve_target_minor);
	fprintf(out, "%s &#215; essential ", num("%.1f", r->reserve_multiple).s);
	money_span(out, r, "assumptions.mean_essential_minor", r->mean_essential_minor);
	fputs("/mo, or the 90% cash-flow-at-risk ", out);
	money_span(out, r, "assumptions.cfar90_minor", r->cfar90_minor);
	fputs(", whichever is larger</td></tr>\n", out);
	headline_open(out, r, "Buffer (cash &#8722; tax owed)", "buffer_minor", r->buffer_minor);
	bool short_of = r->reserve_gap_minor > 0;
	money_tag(out, r, "span", "reserve_gap_minor", r->reserve_gap_minor, !short_of);
	fprintf(out, " %s target</td></tr>\n", short_of ? "short of" : "above");
	headline_open(out, r, "<strong>Safe to spend</strong>", "safe_to_spend_minor",
	              r->safe_to_spend_minor);
	fputs("bills before next income ", out);
	money_span(out, r, "bills_before_income_minor", r->bills_before_income_minor);
	fputs("</td></tr>\n", out);
	headline_open(out, r, "Sustainable salary / month", "salary_minor", r->salary_minor);
	fputs("</td></tr>\n", out);
	headline_open(out, r, "Risk-aware salary / month", "salary_risk_minor",
	              r->salary_risk_minor);
	fputs("chance of running out within 12 months at most 10%</td></tr>\n", out);
	table_close(out);

	static const char *const head[] = {"Starting from",
	                                   "If every gig stopped",
	                                   "At current spending",
	                                   "On the forecast",
	                                   "P10",
	                                   "P50",
	                                   "P90",
	                                   "Out within 3 mo",
	                                   "6 mo",
	                                   "12 mo"};
	fputs("<h2>Runway in months</h2>\n", out);
	table_open(out, head, G_N_ELEMENTS(head), 1);
	runway_row(out, "Buffer (cash &#8722; tax owed)", "runway", &r->runway);
	runway_row(out, "On cash alone", "runway_cash", &r->runway_cash);
	if (r->has_scenario) {
		g_autofree char *name =
		    g_markup_escape_text(r->scenario_name ? r->scenario_name : "", -1);
		g_autofree char *label =
		    g_strdup_printf("What if%s%s (buffer)", r->scenario_name ? ": " : "", name);
		runway_row(out, label, "scenario.runway", &r->scenario_runway);
	}
	table_close(out);
	if (!r->runway.bootstrap)
		fputs("<p class=\"note\">No complete month yet: the simulated runway needs "
		      "history.</p>\n",
		      out);
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

/* One amount cell of months[i], keyed "months.i.name". */
static void
month_cell(FILE *out, const gig_report *r, size_t i, const char *name, int64_t v)
{
	char key[64];
	snprintf(key, sizeof key, "months.%zu.%s", i, name);
	money_cell(out, r, key, v);
}

static void
month_label(FILE *out, const gig_report *r, size_t i)
{
	char mo[GIG_DATE_BUFSZ];
	fprintf(out, "<th scope=\"row\" class=\"mo\" data-key=\"months.%zu.month\">%s</th>", i,
	        gig_date_format_month(mo, r->months[i].month));
}

static void
history_table(const gig_report *r, FILE *out)
{
	static const char *const head[] = {"Month",   "Income",          "Essential",
	                                   "Other",   "Expenses",        "Net",
	                                   "Balance", "Smoothed income", ""};
	if (r->n_history == 0)
		return;
	fputs("<h2>History</h2>\n", out);
	table_open(out, head, G_N_ELEMENTS(head), 1);
	for (size_t i = 0; i < r->n_history; i++) {
		const gig_report_month *m = &r->months[i];
		fputs("<tr>", out);
		month_label(out, r, i);
		month_cell(out, r, i, "income_minor", m->income_minor);
		month_cell(out, r, i, "essential_minor", m->essential_minor);
		month_cell(out, r, i, "other_minor", m->other_minor);
		month_cell(out, r, i, "expense_minor", m->expense_minor);
		month_cell(out, r, i, "net_minor", m->net_minor);
		month_cell(out, r, i, "balance_minor", m->balance_minor);
		if (m->has_smoothed)
			month_cell(out, r, i, "smoothed_income_minor", m->smoothed_income_minor);
		else
			fputs("<td></td>", out);
		fprintf(out, "<td>%s</td></tr>\n",
		        m->windfall  ? "windfall"
		        : m->partial ? "so far"
		                     : "");
	}
	table_close(out);
	fputs("<p class=\"note\">Expenses = essential + other, as positive amounts; net = "
	      "income &#8722; expenses.  Windfall: the month holds a windfall payment (left out "
	      "of the income forecast); so far: the month of the report, up to today.</p>\n",
	      out);
}

/* The danger month as a sum: what is carried in, plus income, minus spending. */
static void
danger_box(const gig_report *r, FILE *out)
{
	char mo[GIG_DATE_BUFSZ], buf[GIG_MONEY_BUFSZ];
	if (r->danger_month < 0) {
		fputs("<p>No danger month: the balance stays above the reserve target.</p>\n", out);
		return;
	}
	fprintf(out,
	        "<div class=\"danger-box\"><p><strong>Danger month <span "
	        "data-key=\"danger_month\">%s</span></strong>: the balance falls below the "
	        "reserve target of %s.</p>\n",
	        gig_date_format_month(mo, r->danger_month),
	        gig__report_money(buf, r, r->reserve_target_minor, true));
	static const char *const head[] = {"", "Amount"};
	table_open(out, head, G_N_ELEMENTS(head), 1);
	int64_t balance = 0;
	for (size_t i = 0; i < r->n_danger_items; i++) {
		const gig_report_item *it = &r->danger_items[i];
		char key[64];
		/* the first line is what is carried in; after it, a negative amount is spending */
		bool minus = i > 0 && it->minor < 0;
		fprintf(out, "<tr><th scope=\"row\">%s", i == 0 ? "" : minus ? "minus " : "plus ");
		esc(out, it->name);
		fputs("</th>", out);
		snprintf(key, sizeof key, "danger.items.%zu.amount_minor", i);
		money_tag(out, r, "td", key, it->minor, minus);
		fputs("</tr>\n", out);
		balance += it->minor;
	}
	fprintf(out, "<tr class=\"total\"><th scope=\"row\">balance at the end of %s</th>", mo);
	money_tag(out, r, "td", "danger.balance_minor", balance, false);
	fputs("</tr>\n", out);
	table_close(out);
	fputs("</div>\n", out);
}

static void
forecast_table(const gig_report *r, FILE *out)
{
	static const char *const head[] = {"Month", "Invoices", "Forecast", "Income",
	                                   "Bills", "Expenses", "Balance",  ""};
	static const char *const head_roy[] = {"Month",     "Invoices", "Forecast",
	                                       "Royalties", "Income",   "Bills",
	                                       "Expenses",  "Balance",  ""};
	if (r->n_history >= r->n_months)
		return;
	bool roy = r->n_royalties > 0 || r->n_advances > 0;
	for (size_t i = r->n_history; i < r->n_months; i++)
		roy = roy || r->months[i].payables_minor != 0;
	fputs("<h2>Forecast</h2>\n", out);
	if (roy)
		table_open(out, head_roy, G_N_ELEMENTS(head_roy), 1);
	else
		table_open(out, head, G_N_ELEMENTS(head), 1);
	for (size_t i = r->n_history; i < r->n_months; i++) {
		const gig_report_month *m = &r->months[i];
		bool danger = m->month == r->danger_month;
		bool low = m->balance_minor < r->reserve_target_minor;
		fprintf(out, "<tr class=\"fc%s%s\">", danger ? " danger" : "", low ? " low" : "");
		month_label(out, r, i);
		month_cell(out, r, i, "receivables_minor", m->receivables_minor);
		month_cell(out, r, i, "smoothed_income_minor", m->smoothed_income_minor);
		if (roy)
			month_cell(out, r, i, "royalties_minor", m->royalties_minor);
		month_cell(out, r, i, "income_minor", m->income_minor);
		month_cell(out, r, i, "bills_minor", m->bills_minor);
		month_cell(out, r, i, "expense_minor", m->expense_minor);
		month_cell(out, r, i, "balance_minor", m->balance_minor);
		fprintf(out, "<td>%s</td></tr>\n",
		        danger ? "danger month"
		        : low  ? "below the reserve target"
		               : "");
	}
	table_close(out);
	fputs("<p class=\"note\">Invoices: open invoices expected that month; income = the "
	      "larger of the forecast and the invoices; expenses = the larger of the 12-month "
	      "mean and the bills due (positive amounts).</p>\n",
	      out);
	if (roy)
		fputs("<p class=\"note\">Royalties: payouts expected on the payers&#8217; "
		      "calendars, added to income (the forecast is fitted without royalty "
		      "payouts, so they are not counted twice); collaborators&#8217; shares "
		      "owed out are in expenses.</p>\n",
		      out);
	danger_box(r, out);
}

static void
band_table(const gig_report *r, FILE *out)
{
	static const char *const head[] = {"Month", "P10", "P50", "P90"};
	if (r->n_months <= r->n_history || !r->runway_cash.bootstrap)
		return;
	fputs("<h2>Simulated balance at month end (from cash)</h2>\n", out);
	table_open(out, head, G_N_ELEMENTS(head), 1);
	for (size_t i = r->n_history; i < r->n_months; i++) {
		const gig_report_month *m = &r->months[i];
		fputs("<tr>", out);
		month_label(out, r, i);
		month_cell(out, r, i, "band_low_minor", m->band_low_minor);
		month_cell(out, r, i, "band_median_minor", m->band_median_minor);
		month_cell(out, r, i, "band_high_minor", m->band_high_minor);
		fputs("</tr>\n", out);
	}
	table_close(out);
	fprintf(out,
	        "<p class=\"note\">Quantiles over the %u paths that give the runway "
	        "P10/P50/P90 (not the forecast column above, which is the income method's "
	        "single projection).</p>\n",
	        r->runway_cash.paths);
}

static void
receivables_table(const gig_report *r, FILE *out)
{
	static const char *const head[] = {"Client",  "Invoice",  "Open",     "Due", "Age",
	                                   "Overdue", "Expected", "Lateness", ""};
	fputs("<h2>Open invoices</h2>\n", out);
	if (r->n_receivables == 0) {
		fputs("<p>None.</p>\n", out);
		return;
	}
	table_open(out, head, G_N_ELEMENTS(head), 2);
	for (size_t i = 0; i < r->n_receivables; i++) {
		const gig_report_receivable *rc = &r->receivables[i];
		char key[64], due[GIG_DATE_BUFSZ] = "", exp[GIG_DATE_BUFSZ], over[24] = "";
		if (rc->due_on != GIG_DATE_NONE)
			gig_date_format(due, rc->due_on);
		if (rc->overdue)
			snprintf(over, sizeof over, "%d d", rc->days_overdue);
		fprintf(out, "<tr><th scope=\"row\" data-key=\"receivables.%zu.client\">", i);
		esc(out, rc->client);
		fputs("</th><td>", out);
		esc(out, rc->description);
		fputs("</td>", out);
		snprintf(key, sizeof key, "receivables.%zu.open_minor", i);
		money_cell(out, r, key, rc->open_minor);
		fprintf(out,
		        "<td class=\"num\">%s</td>"
		        "<td class=\"num\" data-key=\"receivables.%zu.days_outstanding\" "
		        "data-value=\"%d\">%d</td>"
		        "<td class=\"num%s\">%s</td><td class=\"num\">%s</td>"
		        "<td class=\"num\">%s%s</td><td>%s</td></tr>\n",
		        due, i, rc->days_outstanding, rc->days_outstanding,
		        rc->overdue ? " neg" : "", over, gig_date_format(exp, rc->expected_on),
		        rc->has_lateness ? num("%+.1f", rc->client_lateness_days).s : "",
		        rc->has_lateness ? " d" : "",
		        rc->doubtful ? "doubtful: not projected" : "");
	}
	table_close(out);
	fputs("<p class=\"note\">Age: days since the invoice; lateness: the client's mean "
	      "days past due on paid invoices (the expected date is the due date plus it).</p>\n",
	      out);
}

/* Royalties owed by payers and when they pay (royalty.h), and unrecouped advances. */
static void
royalties_table(const gig_report *r, FILE *out)
{
	static const char *const head[] = {"Payer", "Expected", "Payout", "Owed out"};
	if (r->n_royalties == 0 && r->n_advances == 0)
		return;
	fputs("<h2>Royalties expected</h2>\n", out);
	if (r->n_royalties > 0) {
		table_open(out, head, G_N_ELEMENTS(head), 2);
		for (size_t i = 0; i < r->n_royalties; i++) {
			const gig_report_royalty *ry = &r->royalties[i];
			char key[64], on[GIG_DATE_BUFSZ] = "later";
			if (ry->expected_on != GIG_DATE_NONE)
				gig_date_format(on, ry->expected_on);
			fprintf(out,
			        "<tr><th scope=\"row\" data-key=\"royalties.payouts.%zu.payer\">",
			        i);
			esc(out, ry->payer);
			fprintf(out, "</th><td>%s</td>", on);
			snprintf(key, sizeof key, "royalties.payouts.%zu.amount_minor", i);
			money_cell(out, r, key, ry->amount_minor);
			snprintf(key, sizeof key, "royalties.payouts.%zu.payable_minor", i);
			money_cell(out, r, key, ry->payable_minor);
			fputs("</tr>\n", out);
		}
		table_close(out);
		fputs("<p class=\"note\">Owed by payers ", out);
		money_span(out, r, "royalties.owed_minor", r->royalties_owed_minor);
		fputs(", of which ", out);
		money_span(out, r, "royalties.expected_minor", r->royalties_expected_minor);
		fputs(" is expected in the forecast window, on each payer&#8217;s calendar "
		      "(later: held by a minimum, a lag or no calendar) and added to the forecast "
		      "income, which is fitted without royalty payouts. Owed out: "
		      "collaborators&#8217; "
		      "shares, paid on when the money arrives.</p>\n",
		      out);
	}
	for (size_t i = 0; i < r->n_advances; i++) {
		const gig_report_advance *a = &r->advances[i];
		char key[64], mo[GIG_DATE_BUFSZ];
		fputs("<p>Advance from ", out);
		esc(out, a->payer);
		fputs(": ", out);
		snprintf(key, sizeof key, "royalties.advances.%zu.unrecouped_minor", i);
		money_span(out, r, key, a->unrecouped_minor);
		fputs(" not recouped yet; nothing of it is paid until it is", out);
		if (a->recoup_month >= 0)
			fprintf(out, " (recouped about %s at the earnings so far)",
			        gig_date_format_month(mo, a->recoup_month));
		fputs(".</p>\n", out);
	}
}

static void
streams_table(const gig_report *r, FILE *out)
{
	static const char *const head[] = {"Stream", "Amount", "Share"};
	if (r->n_streams == 0)
		return;
	fprintf(out, "<h2>Income by stream (last %zu months)</h2>\n", r->window_months);
	int64_t total = 0;
	for (size_t i = 0; i < r->n_streams; i++)
		total += r->streams[i].minor;
	table_open(out, head, G_N_ELEMENTS(head), 1);
	for (size_t i = 0; i < r->n_streams; i++) {
		char key[64];
		double share = total > 0 ? 100.0 * (double)r->streams[i].minor / (double)total : 0;
		fprintf(out, "<tr><th scope=\"row\" data-key=\"income_by_stream.%zu.stream\">", i);
		esc(out, r->streams[i].name);
		fputs("</th>", out);
		snprintf(key, sizeof key, "income_by_stream.%zu.amount_minor", i);
		money_cell(out, r, key, r->streams[i].minor);
		fprintf(out, "<td class=\"num\">%s%%</td></tr>\n", c1(share).s);
	}
	table_close(out);
}

static void
assumptions(const gig_report *r, FILE *out)
{
	char note[96], a[GIG_MONEY_BUFSZ], b[GIG_MONEY_BUFSZ], c[GIG_MONEY_BUFSZ],
	    e[GIG_MONEY_BUFSZ];
	fputs("<h2>Assumptions</h2>\n<p class=\"note\">Income forecast: ", out);
	esc(out, r->method_name);
	fprintf(out,
	        " (%s) over %zu complete months; means over the last %zu. Tax: the %s "
	        "profile's estimate for tax year %d so far (flat rate %s%%), less what was paid "
	        "for that year and the tax reserve. Reserve = max(%s &#215; mean essential "
	        "expenses, "
	        "90%% cash-flow-at-risk %s). Windfalls: %zu payment(s) were over %s &#215; the "
	        "median %s payment of %s; they come to %s (in %zu month(s)) and are left out "
	        "of the income forecast. Doubtful: %zu open invoice(s) over %d days past the "
	        "expected date (%s), not projected as income. Simulation: %u paths, block %u, "
	        "seed %" G_GUINT64_FORMAT ". Uncategorised spending counts as essential; "
	        "transfers and pending items are left out.</p>\n",
	        gig__report_method_note(note, sizeof note, r), r->complete_months, r->window_months,
	        gig__report_tax_profile_name(r), r->tax_year,
	        num("%.2f", (double)r->tax_rate_bp / 100.0).s, num("%.2f", r->reserve_multiple).s,
	        gig__report_money(a, r, r->cfar90_minor, true), r->windfalls,
	        num("%g", r->windfall_factor).s, r->median_over_invoices ? "gig" : "income",
	        gig__report_money(c, r, r->median_payment_minor, true),
	        gig__report_money(b, r, r->windfall_total_minor, true), r->windfall_months,
	        r->doubtful_invoices, GIG_REPORT_DOUBTFUL_DAYS,
	        gig__report_money(e, r, r->doubtful_minor, true), r->runway.paths, r->runway.block,
	        r->seed);
	if (r->n_other_currencies > 0) {
		fputs("<p class=\"note\">Other currencies (converted at the rates below, or left "
		      "out; never added unconverted):",
		      out);
		for (size_t i = 0; i < r->n_other_currencies; i++) {
			fputc(' ', out);
			esc(out, r->other_currencies[i]);
		}
		fputs(" (<code>--currency CODE</code>)</p>\n", out);
		for (size_t i = 0; i < r->n_foreign; i++) {
			const gig_report_foreign *f = &r->foreign[i];
			fputs("<p class=\"note\">", out);
			esc(out, f->currency);
			fputs(" cash: ", out);
			esc(out, f->converted ? (f->rate ? f->rate : "0") : "NOT counted: ");
			if (!f->converted)
				esc(out, f->missing);
			if (f->history && !f->history_converted) {
				fputs("; income and expenses NOT counted: ", out);
				esc(out, f->history_missing);
			}
			fputs("</p>\n", out);
		}
	}
	for (size_t i = 0; i < r->n_fx_left_out; i++) {
		fputs("<p class=\"note\">NOT counted: ", out);
		esc(out, r->fx_left_out[i]);
		fputs("</p>\n", out);
	}
}

bool
gig__report_html(const gig_report *r, FILE *out)
{
	char d[GIG_DATE_BUFSZ];
	gig_date_format(d, r->as_of);
	fprintf(out,
	        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
	        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
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
	if (r->n_months > 0) {
		fputs("<h2>Chart</h2>\n", out);
		chart(r, out);
	}
	history_table(r, out);
	forecast_table(r, out);
	band_table(r, out);
	receivables_table(r, out);
	royalties_table(r, out);
	streams_table(r, out);
	assumptions(r, out);
	fputs("</body></html>\n", out);
	return true;
}
