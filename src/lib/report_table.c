/*
 * report_table.c: the runway report as text for an 80-column terminal.
 *
 * Layout, top to bottom: the headline (cash, tax, reserve, buffer, safe to spend,
 * salary), the runway figures, sparklines of monthly net and balance, the history
 * table, the forecast table with the danger month, open invoices, income by stream and
 * the assumptions.  Every line stays within 80 columns for amounts below ten million.
 * ANSI colour is added only when the caller asks; it never carries meaning on its own
 * (the danger month also gets a "!" and words).
 */
#include <math.h>
#include <string.h>

#include "report_internal.h"

#define WIDTH 80

typedef struct {
	FILE *out;
	bool color;
	const gig_report *r;
} tw;

static const char *
on(const tw *t, const char *code)
{
	return t->color ? code : "";
}

static const char *
off(const tw *t)
{
	return t->color ? "\033[0m" : "";
}

#define BOLD "\033[1m"
#define RED "\033[31m"
#define GREEN "\033[32m"
#define DIM "\033[2m"

static char *
money(char buf[GIG_MONEY_BUFSZ], const tw *t, int64_t minor)
{
	return gig__report_money(buf, t->r, minor, true);
}

/* Months as "8.1", "never" (does not run out) or "n/a" (nothing to measure yet). */
static const char *
months_text(char *buf, size_t len, double v)
{
	if (isnan(v))
		return "n/a";
	if (isinf(v))
		return "never";
	snprintf(buf, len, "%.1f", v);
	return buf;
}

static void
rule(const tw *t)
{
	for (int i = 0; i < WIDTH; i++)
		fputs("\u2500", t->out);
	fputc('\n', t->out);
}

static void
heading(const tw *t, const char *text)
{
	fprintf(t->out, "\n%s%s%s\n", on(t, BOLD), text, off(t));
}

/* Prints `text` wrapped at the terminal width, each line after the first indented. */
static void
wrap(const tw *t, const char *text)
{
	g_auto(GStrv) words = g_strsplit(text, " ", -1);
	size_t col = 0;
	for (size_t i = 0; words[i]; i++) {
		size_t len = g_utf8_strlen(words[i], -1);
		if (col > 0 && col + 1 + len > WIDTH) {
			fputs("\n  ", t->out);
			col = 2;
		} else if (col > 0) {
			fputc(' ', t->out);
			col++;
		}
		fputs(words[i], t->out);
		col += len;
	}
	fputc('\n', t->out);
}

/* One character per value from the eight block heights, scaled between min and max. */
static void
sparkline(const tw *t, const char *label, const int64_t *v, size_t n, size_t n_history)
{
	static const char *const blocks[] = {"\u2581", "\u2582", "\u2583", "\u2584",
	                                     "\u2585", "\u2586", "\u2587", "\u2588"};
	size_t room = WIDTH - 12;
	size_t from = n > room ? n - room : 0;
	int64_t lo = INT64_MAX, hi = INT64_MIN;
	for (size_t i = from; i < n; i++) {
		lo = v[i] < lo ? v[i] : lo;
		hi = v[i] > hi ? v[i] : hi;
	}
	fprintf(t->out, "%-10s  ", label);
	for (size_t i = from; i < n; i++) {
		int level =
		    hi > lo ? (int)((double)(v[i] - lo) * 7.0 / (double)(hi - lo) + 0.5) : 3;
		bool fc = i >= n_history;
		fprintf(t->out, "%s%s%s", fc ? on(t, DIM) : "", blocks[level], fc ? off(t) : "");
	}
	fputc('\n', t->out);
}

static void
headline(const tw *t)
{
	const gig_report *r = t->r;
	char a[GIG_MONEY_BUFSZ], b[GIG_MONEY_BUFSZ];
	char mo[GIG_DATE_BUFSZ] = "1 Jan";

	/* label 28 + value 14 leaves 33 columns for the note on the right */
	fprintf(t->out, "  %-28s %14s %s\n", "Cash (checking, savings, cash)",
	        money(a, t, r->cash_minor), r->currency);
	if (r->last_tax_month >= 0)
		gig_date_format_month(mo, r->last_tax_month);
	fprintf(t->out, "  %-28s %14s   %.4g%% of %s after %s\n", "Tax set-aside owed",
	        money(a, t, r->tax_owed_minor), (double)r->tax_rate_bp / 100.0,
	        money(b, t, r->income_since_tax_minor), mo);
	fprintf(t->out, "  %-28s %14s   minus %s in tax reserve\n", "", "",
	        money(a, t, r->tax_reserve_minor));
	fprintf(t->out, "  %-28s %14s   %.1f x essential %s/mo\n", "Reserve target",
	        money(a, t, r->reserve_target_minor), r->reserve_multiple,
	        money(b, t, r->mean_essential_minor));
	bool short_of = r->reserve_gap_minor > 0;
	fprintf(t->out, "  %-28s %14s   %s%s %s target%s\n", "Buffer (cash - tax owed)",
	        money(a, t, r->buffer_minor), on(t, short_of ? RED : GREEN),
	        money(b, t, short_of ? r->reserve_gap_minor : -r->reserve_gap_minor),
	        short_of ? "short of" : "above", off(t));
	fprintf(t->out, "  %s%-28s %14s%s   bills before next income %s\n", on(t, BOLD),
	        "Safe to spend", money(a, t, r->safe_to_spend_minor), off(t),
	        money(b, t, r->bills_before_income_minor));
	fprintf(t->out, "  %-28s %14s   risk-aware: %s\n", "Sustainable salary / month",
	        money(a, t, r->salary_minor), money(b, t, r->salary_risk_minor));
}

static void
runway_lines(const tw *t)
{
	const gig_report_runway *rw = &t->r->runway;
	char a[32], b[32], c[32];
	heading(t, "Runway in months");
	fprintf(t->out, "  if every gig stopped %-7s  at current spending %-7s  on forecast %s\n",
	        months_text(a, sizeof a, rw->zero_income_months),
	        months_text(b, sizeof b, rw->current_spend_months),
	        months_text(c, sizeof c, rw->forecast_months));
	if (!rw->bootstrap) {
		fputs("  (no complete month yet: the simulated runway needs history)\n", t->out);
		return;
	}
	fprintf(t->out, "  simulated P10 %-7s  P50 %-7s  P90 %-7s\n",
	        months_text(a, sizeof a, rw->p10), months_text(b, sizeof b, rw->p50),
	        months_text(c, sizeof c, rw->p90));
	fprintf(t->out,
	        "  chance of running out within 3 months %.1f%%, 6 months %.1f%%, "
	        "12 months %.1f%%\n",
	        100.0 * rw->prob_ruin_3, 100.0 * rw->prob_ruin_6, 100.0 * rw->prob_ruin_12);
}

static void
history_table(const tw *t)
{
	const gig_report *r = t->r;
	if (r->n_history == 0)
		return;
	heading(t, "History");
	fprintf(t->out, "%-7s %10s %10s %9s %10s %11s %10s\n", "MONTH", "INCOME", "ESSENTIAL",
	        "OTHER", "NET", "BALANCE", "SMOOTHED");
	for (size_t i = 0; i < r->n_history; i++) {
		const gig_report_month *m = &r->months[i];
		char mo[GIG_DATE_BUFSZ], a[6][GIG_MONEY_BUFSZ];
		fprintf(t->out, "%-7s %10s %10s %9s %s%10s%s %11s %10s%s\n",
		        gig_date_format_month(mo, m->month), money(a[0], t, m->income_minor),
		        money(a[1], t, m->essential_minor), money(a[2], t, m->other_minor),
		        on(t, m->net_minor < 0 ? RED : ""), money(a[3], t, m->net_minor), off(t),
		        money(a[4], t, m->balance_minor),
		        m->has_smoothed ? money(a[5], t, m->smoothed_income_minor) : "",
		        m->windfall  ? " W"
		        : m->partial ? " ~"
		                     : "");
	}
	fputs("W = holds a windfall payment (left out of the income forecast); ~ = so far\n",
	      t->out);
}

static void
forecast_table(const tw *t)
{
	const gig_report *r = t->r;
	char a[6][GIG_MONEY_BUFSZ], mo[GIG_DATE_BUFSZ];
	heading(t, "Forecast");
	fprintf(t->out, "%-7s %10s %10s %10s %9s %10s %11s\n", "MONTH", "INVOICES", "FORECAST",
	        "INCOME", "BILLS", "EXPENSES", "BALANCE");
	for (size_t i = r->n_history; i < r->n_months; i++) {
		const gig_report_month *m = &r->months[i];
		bool danger = m->month == r->danger_month;
		bool low = m->balance_minor < r->reserve_target_minor;
		fprintf(t->out, "%-7s %10s %10s %10s %9s %10s %s%11s%s%s\n",
		        gig_date_format_month(mo, m->month), money(a[0], t, m->receivables_minor),
		        money(a[1], t, m->smoothed_income_minor), money(a[5], t, m->income_minor),
		        money(a[2], t, m->bills_minor), money(a[3], t, m->expense_minor),
		        on(t, low ? RED : ""), money(a[4], t, m->balance_minor), off(t),
		        danger ? " !!"
		        : low  ? " !"
		               : "");
	}
	fputs("INCOME = the larger of FORECAST and INVOICES expected; EXPENSES = the larger\n"
	      "of the 12-month mean and the BILLS due; ! = below the reserve target.\n",
	      t->out);
	if (r->danger_month < 0) {
		fprintf(t->out, "No danger month: the balance stays above the reserve target.\n");
		return;
	}
	fprintf(t->out, "%sDanger month %s%s: balance falls below the reserve target of %s.\n",
	        on(t, RED), gig_date_format_month(mo, r->danger_month), off(t),
	        money(a[0], t, r->reserve_target_minor));
	for (size_t i = 0; i < r->n_danger_items; i++)
		fprintf(t->out, "  %-52s %14s\n", r->danger_items[i].name,
		        money(a[1], t, r->danger_items[i].minor));
}

static void
receivables_table(const tw *t)
{
	const gig_report *r = t->r;
	heading(t, "Open invoices");
	if (r->n_receivables == 0) {
		fputs("  none\n", t->out);
		return;
	}
	fprintf(t->out, "%-20s %10s %10s %5s %8s %10s %9s\n", "CLIENT", "OPEN", "DUE", "AGE",
	        "OVERDUE", "EXPECTED", "LATENESS");
	for (size_t i = 0; i < r->n_receivables; i++) {
		const gig_report_receivable *rc = &r->receivables[i];
		char a[GIG_MONEY_BUFSZ], due[GIG_DATE_BUFSZ] = "-", exp[GIG_DATE_BUFSZ];
		char late[32] = "-", over[16] = "";
		long chars = g_utf8_strlen(rc->client, -1);
		g_autofree char *client = g_utf8_substring(rc->client, 0, chars < 20 ? chars : 20);
		if (rc->due_on != GIG_DATE_NONE)
			gig_date_format(due, rc->due_on);
		if (rc->has_lateness)
			snprintf(late, sizeof late, "%+.1f d", rc->client_lateness_days);
		if (rc->overdue)
			snprintf(over, sizeof over, "%d d", rc->days_overdue);
		int pad = 20 - (int)g_utf8_strlen(client, -1);
		fprintf(t->out, "%s%*s %10s %10s %5d %s%8s%s %10s %9s%s\n", client, pad, "",
		        money(a, t, rc->open_minor), due, rc->days_outstanding,
		        on(t, rc->overdue ? RED : ""), over, off(t),
		        gig_date_format(exp, rc->expected_on), late, rc->doubtful ? " ?" : "");
	}
	char total[GIG_MONEY_BUFSZ];
	if (r->doubtful_invoices > 0)
		fprintf(t->out,
		        "? = doubtful: over %d days past the expected date, not projected (%s)\n",
		        GIG_REPORT_DOUBTFUL_DAYS, money(total, t, r->doubtful_minor));
}

static void
streams_table(const tw *t)
{
	const gig_report *r = t->r;
	if (r->n_streams == 0)
		return;
	char head[80];
	snprintf(head, sizeof head, "Income by stream (last %zu months)", r->window_months);
	heading(t, head);
	int64_t total = 0;
	for (size_t i = 0; i < r->n_streams; i++)
		total += r->streams[i].minor;
	for (size_t i = 0; i < r->n_streams; i++) {
		char a[GIG_MONEY_BUFSZ];
		double share = total > 0 ? 100.0 * (double)r->streams[i].minor / (double)total : 0;
		fprintf(t->out, "  %-22s %14s %5.1f%%\n", r->streams[i].name,
		        money(a, t, r->streams[i].minor), share);
	}
}

static void
assumptions(const tw *t)
{
	const gig_report *r = t->r;
	char a[GIG_MONEY_BUFSZ], b[GIG_MONEY_BUFSZ], c[GIG_MONEY_BUFSZ], e[GIG_MONEY_BUFSZ];
	heading(t, "Assumptions");
	g_autofree char *text = g_strdup_printf(
	    "Income forecast: %s (chosen by %s, error %.3f) over %zu complete months; means "
	    "over the last %zu. Tax %.2f%% of income since the last tax payment. Reserve = "
	    "max(%.2f x mean essential expenses, 90%% cash-flow-at-risk %s). Windfalls: "
	    "%zu payment(s) were over %.0f x the median %s payment of %s; they come to %s "
	    "(in %zu month(s), marked W) and are left out of the income forecast. Doubtful: "
	    "%zu open invoice(s) over %d days past the expected date (%s), not projected as "
	    "income. Simulation: %u paths, block %u, seed %" G_GUINT64_FORMAT ". "
	    "Uncategorised spending counts as essential; transfers and pending items are "
	    "left out.",
	    r->method_name, r->method_rule, r->method_error, r->complete_months, r->window_months,
	    (double)r->tax_rate_bp / 100.0, r->reserve_multiple, money(a, t, r->cfar90_minor),
	    r->windfalls, GIG_WINDFALL_FACTOR, r->median_over_invoices ? "gig" : "income",
	    money(c, t, r->median_payment_minor), money(b, t, r->windfall_total_minor),
	    r->windfall_months, r->doubtful_invoices, GIG_REPORT_DOUBTFUL_DAYS,
	    money(e, t, r->doubtful_minor), r->runway.paths, r->runway.block, r->seed);
	fputs("  ", t->out);
	wrap(t, text);
}

bool
gig__report_table(const gig_report *r, bool color, FILE *out)
{
	tw t = {out, color, r};
	char d[GIG_DATE_BUFSZ];
	fprintf(out, "%sRunway report%s  %s, as of %s\n", on(&t, BOLD), off(&t), r->currency,
	        gig_date_format(d, r->as_of));
	rule(&t);
	if (r->empty) {
		fputs("No transactions yet in this currency, so there is nothing to forecast.\n"
		      "Import a bank statement (gig import FILE --account NAME) or log a gig\n"
		      "(gig log AMOUNT CLIENT), then run gig runway again.\n",
		      out);
	}
	headline(&t);
	if (r->empty) {
		/* nothing to tabulate or chart yet: just the headline and the assumptions */
		assumptions(&t);
		return true;
	}
	runway_lines(&t);
	if (r->n_months > 0) {
		int64_t *net = g_new(int64_t, r->n_months);
		int64_t *bal = g_new(int64_t, r->n_months);
		for (size_t i = 0; i < r->n_months; i++) {
			net[i] = r->months[i].net_minor;
			bal[i] = r->months[i].balance_minor;
		}
		fputc('\n', out);
		sparkline(&t, "Net", net, r->n_months, r->n_history);
		sparkline(&t, "Balance", bal, r->n_months, r->n_history);
		fprintf(out, "%-10s  history to the left, %zu forecast months to the right\n", "",
		        r->n_months - r->n_history);
		g_free(net);
		g_free(bal);
	}
	history_table(&t);
	forecast_table(&t);
	receivables_table(&t);
	streams_table(&t);
	assumptions(&t);
	if (r->n_other_currencies > 0) {
		fputs("\nOther currencies (never added to this one):", out);
		for (size_t i = 0; i < r->n_other_currencies; i++)
			fprintf(out, " %s", r->other_currencies[i]);
		fputs(" (--currency CODE)\n", out);
	}
	return true;
}
