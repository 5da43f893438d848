/*
 * report_table.c: the runway report as text for an 80-column terminal.
 *
 * Layout, top to bottom: the headline (cash, tax, reserve, buffer, safe to spend,
 * salary), the runway figures, sparklines of monthly net and balance, the history
 * table, the forecast table with the danger month, open invoices, income by stream and
 * the assumptions.  Every line stays within 80 columns (UTF-8 characters): the tables
 * size their columns to the widest value and, when a row would still pass column 80,
 * show whole units (then thousands, ...) instead of minor units and say so below.
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
	int scale; /* amounts in the tables: SCALE_MINOR, SCALE_WHOLE, ... */
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

/*
 * How a table shows its amounts: with the minor units when that fits 80 columns, else
 * in whole units, thousands, ... (each rounded half away from zero), said so in the
 * table's footnote.
 */
enum { SCALE_MINOR, SCALE_WHOLE, SCALE_THOUSANDS, SCALE_MILLIONS, SCALE_BILLIONS };

/* Display columns of s: UTF-8 characters, not counting ANSI colour sequences. */
static size_t
display_len(const char *s)
{
	size_t n = 0;
	while (*s) {
		if (*s == '\033') {
			while (*s && *s != 'm')
				s++;
			if (*s)
				s++;
			continue;
		}
		n++;
		s = g_utf8_next_char(s);
	}
	return n;
}

static char *
money(char buf[GIG_MONEY_BUFSZ], const tw *t, int64_t minor)
{
	if (t->scale == SCALE_MINOR)
		return gig__report_money(buf, t->r, minor, true);
	int64_t div = 1;
	for (int i = 0; i < t->r->exponent; i++)
		div *= 10;
	for (int i = SCALE_WHOLE; i < t->scale; i++)
		div *= 1000;
	int64_t q = minor / div, rem = minor % div;
	if (rem != 0 && (rem < 0 ? -rem : rem) >= div - (rem < 0 ? -rem : rem))
		q += rem < 0 ? -1 : 1;
	return gig_money_format(buf, q, 0, true);
}

/* The footnote a scaled table ends with; nothing when the minor units are shown. */
static void
scale_note(const tw *t)
{
	static const char *const unit[] = {"", "whole", "thousands of", "millions of",
	                                   "billions of"};
	if (t->scale == SCALE_MINOR)
		return;
	fprintf(t->out, "Amounts in %s %s (rounded) to fit 80 columns.\n", unit[t->scale],
	        t->r->currency);
}

/* ---- column tables ------------------------------------------------------------------ */

#define GRID_MAX 8

typedef struct {
	char *cell[GRID_MAX];
	const char *color[GRID_MAX]; /* ANSI code around the cell, or NULL */
	const char *mark;            /* after the last column: " W", " !", ... */
} grid_row;

/*
 * A table whose column widths come from its widest value (or heading).  The first
 * column is left-aligned, the others right-aligned, one space apart.
 */
typedef struct {
	size_t n;
	const char *head[GRID_MAX];
	bool shrink_first; /* the first column may be cut to fit (client names) */
	GArray *rows;      /* grid_row */
} grid;

static void
grid_init(grid *g, size_t n, const char *const *head, bool shrink_first)
{
	g->n = n;
	for (size_t c = 0; c < n; c++)
		g->head[c] = head[c];
	g->shrink_first = shrink_first;
	g->rows = g_array_new(false, true, sizeof(grid_row));
}

static grid_row *
grid_add(grid *g, const char *mark)
{
	grid_row row = {.mark = mark ? mark : ""};
	g_array_append_val(g->rows, row);
	return &g_array_index(g->rows, grid_row, g->rows->len - 1);
}

static void
grid_set(grid_row *row, size_t c, const char *text, const char *color)
{
	row->cell[c] = g_strdup(text);
	row->color[c] = color && *color ? color : NULL;
}

static void
grid_clear(grid *g)
{
	for (unsigned i = 0; i < g->rows->len; i++) {
		grid_row *row = &g_array_index(g->rows, grid_row, i);
		for (size_t c = 0; c < g->n; c++)
			g_free(row->cell[c]);
	}
	g_array_free(g->rows, true);
}

/* Fills widths[] and returns the widest line's display columns. */
static size_t
grid_widths(const grid *g, size_t *widths)
{
	size_t mark = 0;
	for (size_t c = 0; c < g->n; c++)
		widths[c] = display_len(g->head[c]);
	for (unsigned i = 0; i < g->rows->len; i++) {
		const grid_row *row = &g_array_index(g->rows, grid_row, i);
		for (size_t c = 0; c < g->n; c++) {
			size_t len = row->cell[c] ? display_len(row->cell[c]) : 0;
			widths[c] = len > widths[c] ? len : widths[c];
		}
		size_t len = display_len(row->mark);
		mark = len > mark ? len : mark;
	}
	size_t total = g->n - 1 + mark;
	for (size_t c = 0; c < g->n; c++)
		total += widths[c];
	return total;
}

static void
pad(FILE *out, size_t n)
{
	for (size_t i = 0; i < n; i++)
		fputc(' ', out);
}

/* Writes text, escaped, in a column of `width`; longer text is cut to the width. */
static void
put_cell(const tw *t, const char *raw, const char *color, size_t width, bool left)
{
	/* cells hold outside text (clients, streams, bills): never print it raw */
	g_autofree char *visible = gig_text_visible(raw);
	const char *text = visible;
	g_autofree char *cut = NULL;
	size_t len = display_len(text);
	if (len > width) {
		/* cut, with an ellipsis saying so */
		g_autofree char *head = g_utf8_substring(text, 0, width > 0 ? (glong)width - 1 : 0);
		cut = g_strconcat(head, width > 0 ? "\u2026" : "", NULL);
		text = cut;
		len = width;
	}
	if (!left)
		pad(t->out, width - len);
	fprintf(t->out, "%s%s%s", color ? on(t, color) : "", text, color ? off(t) : "");
	if (left)
		pad(t->out, width - len);
}

static void
grid_print(const tw *t, const grid *g)
{
	size_t widths[GRID_MAX];
	size_t total = grid_widths(g, widths);
	if (total > WIDTH && g->shrink_first) {
		size_t excess = total - WIDTH;
		size_t min = display_len(g->head[0]);
		widths[0] = widths[0] - excess > min ? widths[0] - excess : min;
	}
	for (size_t c = 0; c < g->n; c++) {
		if (c > 0)
			fputc(' ', t->out);
		put_cell(t, g->head[c], NULL, widths[c], c == 0);
	}
	fputc('\n', t->out);
	for (unsigned i = 0; i < g->rows->len; i++) {
		const grid_row *row = &g_array_index(g->rows, grid_row, i);
		/* no trailing blanks: a row ends at its last non-empty cell (or its mark) */
		size_t last = g->n;
		while (last > 1 && !*row->mark && (!row->cell[last - 1] || !*row->cell[last - 1]))
			last--;
		for (size_t c = 0; c < last; c++) {
			if (c > 0)
				fputc(' ', t->out);
			put_cell(t, row->cell[c], row->color[c], widths[c], c == 0 && last > 1);
		}
		fprintf(t->out, "%s\n", row->mark);
	}
}

typedef void (*grid_fill)(const tw *t, grid *g);

/*
 * Builds the table with the minor units and, while it is wider than 80 columns, again
 * with ever coarser units; prints the first that fits.  Leaves t->scale at the scale
 * used (for the footnote); the caller resets it.
 */
static void
grid_fit(tw *t, size_t n, const char *const *head, bool shrink_first, grid_fill fill)
{
	for (t->scale = SCALE_MINOR;; t->scale++) {
		grid g;
		grid_init(&g, n, head, shrink_first);
		fill(t, &g);
		size_t widths[GRID_MAX];
		bool fits = grid_widths(&g, widths) <= WIDTH;
		if (fits || t->scale == SCALE_BILLIONS) {
			grid_print(t, &g);
			grid_clear(&g);
			return;
		}
		grid_clear(&g);
	}
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
		size_t len = display_len(words[i]);
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

/*
 * One headline row: label, value, then a note to the right.  A note that would pass
 * column 80 goes on the next line, under the notes when it fits there.
 */
static void
headline_row(const tw *t, int vw, const char *bold, const char *label, const char *value,
             const char *sep, const char *note)
{
	size_t col = 2 + 28 + 1 + (size_t)vw;
	size_t len = display_len(sep) + display_len(note);
	if (!*label && !*value && col + len > WIDTH) {
		/* a note on its own: just the note, where it fits */
		pad(t->out, col + 3 + display_len(note) <= WIDTH ? col + 3 : 4);
		fprintf(t->out, "%s\n", note);
		return;
	}
	fprintf(t->out, "  %s%-28s %*s%s", bold ? on(t, bold) : "", label, vw, value,
	        bold ? off(t) : "");
	if (col + len <= WIDTH) {
		fprintf(t->out, "%s%s\n", sep, note);
		return;
	}
	size_t at = col + 3 + display_len(note) <= WIDTH ? col + 3 : 4;
	fputc('\n', t->out);
	pad(t->out, at);
	fprintf(t->out, "%s\n", note);
}

static void
headline(const tw *t)
{
	const gig_report *r = t->r;
	char v[7][GIG_MONEY_BUFSZ], a[GIG_MONEY_BUFSZ], b[GIG_MONEY_BUFSZ];
	bool short_of = r->reserve_gap_minor > 0;

	/* the headline keeps the minor units: its value column grows instead (14 at least) */
	money(v[0], t, r->cash_minor);
	money(v[1], t, r->tax_owed_minor);
	money(v[2], t, r->reserve_target_minor);
	money(v[3], t, r->buffer_minor);
	money(v[4], t, r->safe_to_spend_minor);
	money(v[5], t, r->salary_minor);
	int vw = 14;
	for (size_t i = 0; i < 6; i++)
		vw = (int)display_len(v[i]) > vw ? (int)display_len(v[i]) : vw;

	headline_row(t, vw, NULL, "Cash (checking, savings, cash)", v[0], " ", r->currency);
	g_autofree char *tax =
	    g_strdup_printf("tax %s on %d profit %s", money(a, t, r->tax_estimate_minor),
	                    r->tax_year, money(b, t, r->tax_profit_minor));
	headline_row(t, vw, NULL, "Tax set-aside owed", v[1], "   ", tax);
	g_autofree char *minus =
	    g_strdup_printf("minus paid %s, reserve %s", money(a, t, r->tax_paid_minor),
	                    money(b, t, r->tax_reserve_minor));
	headline_row(t, vw, NULL, "", "", "   ", minus);
	g_autofree char *times = g_strdup_printf("%.1f x essential %s/mo", r->reserve_multiple,
	                                         money(a, t, r->mean_essential_minor));
	headline_row(t, vw, NULL, "Reserve target", v[2], "   ", times);
	g_autofree char *gap =
	    g_strdup_printf("%s%s %s target%s", on(t, short_of ? RED : GREEN),
	                    money(a, t, short_of ? r->reserve_gap_minor : -r->reserve_gap_minor),
	                    short_of ? "short of" : "above", off(t));
	headline_row(t, vw, NULL, "Buffer (cash - tax owed)", v[3], "   ", gap);
	g_autofree char *bills = g_strdup_printf("bills before next income %s",
	                                         money(a, t, r->bills_before_income_minor));
	headline_row(t, vw, BOLD, "Safe to spend", v[4], "   ", bills);
	g_autofree char *risk =
	    g_strdup_printf("risk-aware: %s", money(b, t, r->salary_risk_minor));
	headline_row(t, vw, NULL, "Sustainable salary / month", v[5], "   ", risk);
}

/* `line` when it fits 80 columns, else each of the n parts on a line of its own. */
static void
fit_or_split(const tw *t, const char *line, const char *const *parts, size_t n)
{
	if (display_len(line) <= WIDTH) {
		fprintf(t->out, "%s\n", line);
		return;
	}
	for (size_t i = 0; i < n; i++)
		fprintf(t->out, "  %s\n", parts[i]);
}

/* The secondary figure: the same runway counting the tax owed as spendable. */
static void
cash_alone_line(const tw *t)
{
	const gig_report_runway *rc = &t->r->runway_cash;
	char a[32], b[32], c[32];
	const char *x = months_text(a, sizeof a, rc->zero_income_months);
	const char *y = months_text(b, sizeof b, rc->current_spend_months);
	const char *z = months_text(c, sizeof c, rc->p50);
	g_autofree char *line = g_strdup_printf(
	    "  on cash alone: if every gig stopped %s, at current spending %s, P50 %s", x, y, z);
	g_autofree char *p0 = g_strdup_printf("on cash alone: if every gig stopped %s", x);
	g_autofree char *p1 = g_strdup_printf("on cash alone: at current spending %s", y);
	g_autofree char *p2 = g_strdup_printf("on cash alone: simulated P50 %s", z);
	const char *parts[] = {p0, p1, p2};
	fit_or_split(t, line, parts, 3);
}

static void
runway_lines(const tw *t)
{
	const gig_report_runway *rw = &t->r->runway;
	char a[32], b[32], c[32];
	heading(t, "Runway in months (from the buffer: cash - tax owed)");
	const char *x = months_text(a, sizeof a, rw->zero_income_months);
	const char *y = months_text(b, sizeof b, rw->current_spend_months);
	const char *z = months_text(c, sizeof c, rw->forecast_months);
	g_autofree char *line = g_strdup_printf(
	    "  if every gig stopped %-7s  at current spending %-7s  on forecast %s", x, y, z);
	g_autofree char *p0 = g_strdup_printf("if every gig stopped %s", x);
	g_autofree char *p1 = g_strdup_printf("at current spending %s", y);
	g_autofree char *p2 = g_strdup_printf("on forecast %s", z);
	const char *parts[] = {p0, p1, p2};
	fit_or_split(t, line, parts, 3);
	if (!rw->bootstrap) {
		fputs("  (no complete month yet: the simulated runway needs history)\n", t->out);
		return;
	}
	x = months_text(a, sizeof a, rw->p10);
	y = months_text(b, sizeof b, rw->p50);
	z = months_text(c, sizeof c, rw->p90);
	g_autofree char *sim = g_strdup_printf("  simulated P10 %-7s  P50 %-7s  P90 %s", x, y, z);
	g_autofree char *s0 = g_strdup_printf("simulated P10 %s", x);
	g_autofree char *s1 = g_strdup_printf("simulated P50 %s", y);
	g_autofree char *s2 = g_strdup_printf("simulated P90 %s", z);
	const char *sparts[] = {s0, s1, s2};
	fit_or_split(t, sim, sparts, 3);
	g_autofree char *ruin = g_strdup_printf(
	    "  chance of running out within 3 months %.1f%%, 6 months %.1f%%, 12 months %.1f%%",
	    100.0 * rw->prob_ruin_3, 100.0 * rw->prob_ruin_6, 100.0 * rw->prob_ruin_12);
	g_autofree char *r0 = g_strdup_printf("chance of running out within 3 months %.1f%%",
	                                      100.0 * rw->prob_ruin_3);
	g_autofree char *r1 = g_strdup_printf("chance of running out within 6 months %.1f%%",
	                                      100.0 * rw->prob_ruin_6);
	g_autofree char *r2 = g_strdup_printf("chance of running out within 12 months %.1f%%",
	                                      100.0 * rw->prob_ruin_12);
	const char *rparts[] = {r0, r1, r2};
	fit_or_split(t, ruin, rparts, 3);
	cash_alone_line(t);
}

/* The what-if scenario beside the base: the simulated figures, same paths. */
static void
scenario_lines(tw *t)
{
	const gig_report *r = t->r;
	if (!r->has_scenario)
		return;
	g_autofree char *name = r->scenario_name ? gig_text_visible(r->scenario_name) : NULL;
	g_autofree char *title = name ? g_strdup_printf("What if: %s", name) : g_strdup("What if");
	heading(t, title);
	for (size_t i = 0; i < r->n_scenario_specs; i++) {
		g_autofree char *spec = gig_text_visible(r->scenario_specs[i]);
		g_autofree char *line = g_strdup_printf("- %s", spec);
		wrap(t, line);
	}
	if (!r->scenario_runway.bootstrap) {
		fputs("  (no complete month yet: nothing to simulate)\n", t->out);
		return;
	}
	const gig_report_runway *b = &r->runway, *w = &r->scenario_runway;
	fprintf(t->out, "  %-28s %10s %10s\n", "from the buffer", "base", "what-if");
	const struct {
		const char *label;
		double base, what;
	} m[] = {{"simulated P10 (months)", b->p10, w->p10},
	         {"simulated P50", b->p50, w->p50},
	         {"simulated P90", b->p90, w->p90}};
	for (size_t i = 0; i < G_N_ELEMENTS(m); i++) {
		char x[32], y[32];
		fprintf(t->out, "  %-28s %10s %10s\n", m[i].label,
		        months_text(x, sizeof x, m[i].base), months_text(y, sizeof y, m[i].what));
	}
	const struct {
		const char *label;
		double base, what;
	} p[] = {{"out within 3 months", b->prob_ruin_3, w->prob_ruin_3},
	         {"out within 6 months", b->prob_ruin_6, w->prob_ruin_6},
	         {"out within 12 months", b->prob_ruin_12, w->prob_ruin_12}};
	for (size_t i = 0; i < G_N_ELEMENTS(p); i++)
		fprintf(t->out, "  %-28s %9.1f%% %9.1f%%\n", p[i].label, 100.0 * p[i].base,
		        100.0 * p[i].what);
	fprintf(t->out, "  (the same %u simulated paths: the difference is the scenario's)\n",
	        w->paths);
}

static void
history_fill(const tw *t, grid *g)
{
	const gig_report *r = t->r;
	for (size_t i = 0; i < r->n_history; i++) {
		const gig_report_month *m = &r->months[i];
		char mo[GIG_DATE_BUFSZ], a[GIG_MONEY_BUFSZ];
		grid_row *row = grid_add(g, m->windfall ? " W" : m->partial ? " ~" : "");
		grid_set(row, 0, gig_date_format_month(mo, m->month), NULL);
		grid_set(row, 1, money(a, t, m->income_minor), NULL);
		grid_set(row, 2, money(a, t, m->essential_minor), NULL);
		grid_set(row, 3, money(a, t, m->other_minor), NULL);
		grid_set(row, 4, money(a, t, m->net_minor), m->net_minor < 0 ? RED : NULL);
		grid_set(row, 5, money(a, t, m->balance_minor), NULL);
		grid_set(row, 6, m->has_smoothed ? money(a, t, m->smoothed_income_minor) : "",
		         NULL);
	}
}

static void
history_table(tw *t)
{
	static const char *const head[] = {"MONTH", "INCOME",  "ESSENTIAL", "OTHER",
	                                   "NET",   "BALANCE", "SMOOTHED"};
	if (t->r->n_history == 0)
		return;
	heading(t, "History");
	grid_fit(t, G_N_ELEMENTS(head), head, false, history_fill);
	fputs("W = holds a windfall payment (left out of the income forecast); ~ = so far\n",
	      t->out);
	scale_note(t);
	t->scale = SCALE_MINOR;
}

static void
forecast_fill(const tw *t, grid *g)
{
	const gig_report *r = t->r;
	for (size_t i = r->n_history; i < r->n_months; i++) {
		const gig_report_month *m = &r->months[i];
		char mo[GIG_DATE_BUFSZ], a[GIG_MONEY_BUFSZ];
		bool danger = m->month == r->danger_month;
		bool low = m->balance_minor < r->reserve_target_minor;
		grid_row *row = grid_add(g, danger ? " !!" : low ? " !" : "");
		grid_set(row, 0, gig_date_format_month(mo, m->month), NULL);
		grid_set(row, 1, money(a, t, m->receivables_minor), NULL);
		grid_set(row, 2, money(a, t, m->smoothed_income_minor), NULL);
		grid_set(row, 3, money(a, t, m->income_minor), NULL);
		grid_set(row, 4, money(a, t, m->bills_minor), NULL);
		grid_set(row, 5, money(a, t, m->expense_minor), NULL);
		grid_set(row, 6, money(a, t, m->balance_minor), low ? RED : NULL);
	}
}

/* The forecast with its royalties: a ROYALTIES column after FORECAST (payouts the
 * payers' calendars expect, added to income), and what goes on to collaborators in
 * EXPENSES. */
static void
forecast_fill_royalties(const tw *t, grid *g)
{
	const gig_report *r = t->r;
	for (size_t i = r->n_history; i < r->n_months; i++) {
		const gig_report_month *m = &r->months[i];
		char mo[GIG_DATE_BUFSZ], a[GIG_MONEY_BUFSZ];
		bool danger = m->month == r->danger_month;
		bool low = m->balance_minor < r->reserve_target_minor;
		grid_row *row = grid_add(g, danger ? " !!" : low ? " !" : "");
		grid_set(row, 0, gig_date_format_month(mo, m->month), NULL);
		grid_set(row, 1, money(a, t, m->receivables_minor), NULL);
		grid_set(row, 2, money(a, t, m->smoothed_income_minor), NULL);
		grid_set(row, 3, money(a, t, m->royalties_minor), NULL);
		grid_set(row, 4, money(a, t, m->income_minor), NULL);
		grid_set(row, 5, money(a, t, m->bills_minor), NULL);
		grid_set(row, 6, money(a, t, m->expense_minor), NULL);
		grid_set(row, 7, money(a, t, m->balance_minor), low ? RED : NULL);
	}
}

static bool
has_royalties(const gig_report *r)
{
	for (size_t i = r->n_history; i < r->n_months; i++)
		if (r->months[i].payables_minor != 0)
			return true;
	return r->n_royalties > 0 || r->n_advances > 0;
}

static void
forecast_table(tw *t)
{
	static const char *const head[] = {"MONTH", "INVOICES", "FORECAST", "INCOME",
	                                   "BILLS", "EXPENSES", "BALANCE"};
	static const char *const head_roy[] = {"MONTH",  "INVOICES", "FORECAST", "ROYALTY",
	                                       "INCOME", "BILLS",    "EXPENSES", "BALANCE"};
	const gig_report *r = t->r;
	char a[GIG_MONEY_BUFSZ], mo[GIG_DATE_BUFSZ];
	heading(t, "Forecast");
	if (has_royalties(r)) {
		grid_fit(t, G_N_ELEMENTS(head_roy), head_roy, false, forecast_fill_royalties);
		fputs("INCOME = the larger of FORECAST and INVOICES expected, plus the ROYALTY\n"
		      "payouts expected (FORECAST is fitted without them); EXPENSES = the larger\n"
		      "of the 12-month mean and the BILLS due, plus collaborators' shares owed\n"
		      "out; ! = below the reserve target.\n",
		      t->out);
	} else {
		grid_fit(t, G_N_ELEMENTS(head), head, false, forecast_fill);
		fputs("INCOME = the larger of FORECAST and INVOICES expected; EXPENSES = the "
		      "larger\n"
		      "of the 12-month mean and the BILLS due; ! = below the reserve target.\n",
		      t->out);
	}
	scale_note(t);
	t->scale = SCALE_MINOR;
	if (r->danger_month < 0) {
		fprintf(t->out, "No danger month: the balance stays above the reserve target.\n");
		return;
	}
	g_autofree char *danger =
	    g_strdup_printf("%sDanger month %s%s: balance falls below the reserve target of %s.",
	                    on(t, RED), gig_date_format_month(mo, r->danger_month), off(t),
	                    money(a, t, r->reserve_target_minor));
	wrap(t, danger);
	int vw = 14;
	for (size_t i = 0; i < r->n_danger_items; i++) {
		int len = (int)display_len(money(a, t, r->danger_items[i].minor));
		vw = len > vw ? len : vw;
	}
	/* the names take what the amounts leave: 52 columns unless an amount is wider */
	size_t room = WIDTH - 2 - 1 - (size_t)vw;
	for (size_t i = 0; i < r->n_danger_items; i++) {
		fputs("  ", t->out);
		put_cell(t, r->danger_items[i].name, NULL, room, true);
		fprintf(t->out, " %*s\n", vw, money(a, t, r->danger_items[i].minor));
	}
}

static void
band_fill(const tw *t, grid *g)
{
	const gig_report *r = t->r;
	for (size_t i = r->n_history; i < r->n_months; i++) {
		const gig_report_month *m = &r->months[i];
		char mo[GIG_DATE_BUFSZ], a[GIG_MONEY_BUFSZ];
		grid_row *row = grid_add(g, "");
		grid_set(row, 0, gig_date_format_month(mo, m->month), NULL);
		grid_set(row, 1, money(a, t, m->band_low_minor),
		         m->band_low_minor < 0 ? RED : NULL);
		grid_set(row, 2, money(a, t, m->band_median_minor), NULL);
		grid_set(row, 3, money(a, t, m->band_high_minor), NULL);
	}
}

/* The balance band: quantiles of the simulated balance, the runway's own paths. */
static void
band_table(tw *t)
{
	static const char *const head[] = {"MONTH", "P10", "P50", "P90"};
	if (t->r->n_months <= t->r->n_history || !t->r->runway_cash.bootstrap)
		return;
	heading(t, "Simulated balance at month end (from cash)");
	grid_fit(t, G_N_ELEMENTS(head), head, false, band_fill);
	fprintf(t->out,
	        "Quantiles over the %u paths that give the runway P10/P50/P90 (not the\n"
	        "FORECAST line above, which is the income method's single projection).\n",
	        t->r->runway_cash.paths);
	scale_note(t);
	t->scale = SCALE_MINOR;
}

static void
receivables_fill(const tw *t, grid *g)
{
	const gig_report *r = t->r;
	for (size_t i = 0; i < r->n_receivables; i++) {
		const gig_report_receivable *rc = &r->receivables[i];
		char a[GIG_MONEY_BUFSZ], due[GIG_DATE_BUFSZ] = "-", exp[GIG_DATE_BUFSZ];
		char late[32] = "-", over[16] = "", age[16];
		glong chars = g_utf8_strlen(rc->client, -1);
		g_autofree char *client = g_utf8_substring(rc->client, 0, chars < 20 ? chars : 20);
		if (rc->due_on != GIG_DATE_NONE)
			gig_date_format(due, rc->due_on);
		if (rc->has_lateness)
			snprintf(late, sizeof late, "%+.1f d", rc->client_lateness_days);
		if (rc->overdue)
			snprintf(over, sizeof over, "%d d", rc->days_overdue);
		snprintf(age, sizeof age, "%d", rc->days_outstanding);
		grid_row *row = grid_add(g, rc->doubtful ? " ?" : "");
		grid_set(row, 0, client, NULL);
		grid_set(row, 1, money(a, t, rc->open_minor), NULL);
		grid_set(row, 2, due, NULL);
		grid_set(row, 3, age, NULL);
		grid_set(row, 4, over, rc->overdue ? RED : NULL);
		grid_set(row, 5, gig_date_format(exp, rc->expected_on), NULL);
		grid_set(row, 6, late, NULL);
	}
}

static void
receivables_table(tw *t)
{
	static const char *const head[] = {"CLIENT",  "OPEN",     "DUE",     "AGE",
	                                   "OVERDUE", "EXPECTED", "LATENESS"};
	const gig_report *r = t->r;
	heading(t, "Open invoices");
	if (r->n_receivables == 0) {
		fputs("  none\n", t->out);
		return;
	}
	grid_fit(t, G_N_ELEMENTS(head), head, true, receivables_fill);
	scale_note(t);
	t->scale = SCALE_MINOR;
	char total[GIG_MONEY_BUFSZ];
	if (r->doubtful_invoices > 0) {
		g_autofree char *text = g_strdup_printf(
		    "? = doubtful: over %d days past the expected date, not projected (%s)",
		    GIG_REPORT_DOUBTFUL_DAYS, money(total, t, r->doubtful_minor));
		wrap(t, text);
	}
	/* invoices in another currency: both amounts, and the rate's date */
	for (size_t i = 0; i < r->n_receivables; i++) {
		const gig_report_receivable *rc = &r->receivables[i];
		if (strcmp(rc->currency, r->currency) == 0)
			continue;
		char own[GIG_MONEY_BUFSZ], conv[GIG_MONEY_BUFSZ], day[GIG_DATE_BUFSZ];
		gig_money_format(own, rc->own_open_minor, gig_currency_exponent(rc->currency),
		                 true);
		g_autofree char *text = g_strdup_printf(
		    "invoice #%" G_GINT64_FORMAT ": %s %s, counted as %s %s (rate of %s)",
		    rc->gig_id, own, rc->currency, money(conv, t, rc->open_minor), r->currency,
		    gig_date_format(day, rc->rate_on));
		wrap(t, text);
	}
}

static void
royalties_fill(const tw *t, grid *g)
{
	const gig_report *r = t->r;
	for (size_t i = 0; i < r->n_royalties; i++) {
		const gig_report_royalty *ry = &r->royalties[i];
		char a[GIG_MONEY_BUFSZ], b[GIG_MONEY_BUFSZ], on[GIG_DATE_BUFSZ] = "later";
		if (ry->expected_on != GIG_DATE_NONE)
			gig_date_format(on, ry->expected_on);
		grid_row *row = grid_add(g, "");
		grid_set(row, 0, ry->payer, NULL);
		grid_set(row, 1, on, NULL);
		grid_set(row, 2, money(a, t, ry->amount_minor), NULL);
		grid_set(row, 3, money(b, t, ry->payable_minor), NULL);
	}
}

/* Royalties owed by payers and when they pay (royalty.h), and unrecouped advances. */
static void
royalties_table(tw *t)
{
	static const char *const head[] = {"PAYER", "EXPECTED", "PAYOUT", "OWED OUT"};
	const gig_report *r = t->r;
	if (r->n_royalties == 0 && r->n_advances == 0)
		return;
	char a[GIG_MONEY_BUFSZ], b[GIG_MONEY_BUFSZ], mo[GIG_DATE_BUFSZ];
	heading(t, "Royalties expected");
	if (r->n_royalties > 0) {
		grid_fit(t, G_N_ELEMENTS(head), head, true, royalties_fill);
		scale_note(t);
		t->scale = SCALE_MINOR;
		g_autofree char *text = g_strdup_printf(
		    "Owed by payers %s, of which %s is expected in the forecast window (on each "
		    "payer's calendar; later = held by a minimum, a lag or no calendar). OWED "
		    "OUT = collaborators' shares (gig split), paid on when the money arrives.",
		    money(a, t, r->royalties_owed_minor), money(b, t, r->royalties_expected_minor));
		wrap(t, text);
	}
	for (size_t i = 0; i < r->n_advances; i++) {
		const gig_report_advance *ad = &r->advances[i];
		g_autofree char *payer = gig_text_visible(ad->payer);
		g_autofree char *when =
		    ad->recoup_month >= 0
		        ? g_strdup_printf("at %s a month earned, recouped about %s",
		                          money(b, t, ad->rate_minor),
		                          gig_date_format_month(mo, ad->recoup_month))
		        : g_strdup("no earnings yet to say when it recoups");
		g_autofree char *text = g_strdup_printf(
		    "Advance from %s: %s not recouped yet; nothing of %s is paid until it is (%s).",
		    payer, money(a, t, ad->unrecouped_minor), payer, when);
		wrap(t, text);
	}
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
	char a[GIG_MONEY_BUFSZ];
	int vw = 14;
	for (size_t i = 0; i < r->n_streams; i++) {
		total += r->streams[i].minor;
		int len = (int)display_len(money(a, t, r->streams[i].minor));
		vw = len > vw ? len : vw;
	}
	/* "  NAME VALUE SHARE%": the name gets 22 columns, fewer if an amount is wider */
	size_t room = WIDTH - 2 - 1 - (size_t)vw - 1 - 6;
	room = room < 22 ? room : 22;
	for (size_t i = 0; i < r->n_streams; i++) {
		double share = total > 0 ? 100.0 * (double)r->streams[i].minor / (double)total : 0;
		fputs("  ", t->out);
		put_cell(t, r->streams[i].name, NULL, room, true);
		fprintf(t->out, " %*s %5.1f%%\n", vw, money(a, t, r->streams[i].minor), share);
	}
}

static void
assumptions(const tw *t)
{
	const gig_report *r = t->r;
	char a[GIG_MONEY_BUFSZ], b[GIG_MONEY_BUFSZ], c[GIG_MONEY_BUFSZ], e[GIG_MONEY_BUFSZ];
	char note[96];
	heading(t, "Assumptions");
	g_autofree char *text = g_strdup_printf(
	    "Income forecast: %s (%s) over %zu complete months; means "
	    "over the last %zu. Tax: the %s profile's estimate for tax year %d so far (flat "
	    "rate %.2f%%), less what was paid for that year and the tax reserve. Reserve = "
	    "max(%.2f x mean essential expenses, 90%% cash-flow-at-risk %s). Windfalls: "
	    "%zu payment(s) were over %g x the median %s payment of %s; they come to %s "
	    "(in %zu month(s), marked W) and are left out of the income forecast. Doubtful: "
	    "%zu open invoice(s) over %d days past the expected date (%s), not projected as "
	    "income. Simulation: %u paths, block %u, seed %" G_GUINT64_FORMAT ". "
	    "Uncategorised spending counts as essential; transfers and pending items are "
	    "left out.",
	    r->method_name, gig__report_method_note(note, sizeof note, r), r->complete_months,
	    r->window_months, gig__report_tax_profile_name(r), r->tax_year,
	    (double)r->tax_rate_bp / 100.0, r->reserve_multiple, money(a, t, r->cfar90_minor),
	    r->windfalls, r->windfall_factor, r->median_over_invoices ? "gig" : "income",
	    money(c, t, r->median_payment_minor), money(b, t, r->windfall_total_minor),
	    r->windfall_months, r->doubtful_invoices, GIG_REPORT_DOUBTFUL_DAYS,
	    money(e, t, r->doubtful_minor), r->runway.paths, r->runway.block, r->seed);
	fputs("  ", t->out);
	wrap(t, text);
}

/*
 * Other currencies' cash: what was converted into the report currency, at which rate,
 * and a warning for each currency left out for want of a rate.
 */
static void
foreign_lines(const tw *t)
{
	const gig_report *r = t->r;
	for (size_t i = 0; i < r->n_foreign; i++) {
		const gig_report_foreign *f = &r->foreign[i];
		char own[GIG_MONEY_BUFSZ], conv[GIG_MONEY_BUFSZ];
		gig_money_format(own, f->cash_minor, f->exponent, true);
		g_autofree char *text = NULL;
		if (f->converted && f->rate != NULL)
			text = g_strdup_printf(
			    "%s cash %s %s is counted as %s %s (%s).", f->currency, own,
			    f->currency, money(conv, t, f->converted_minor), r->currency, f->rate);
		else if (f->converted)
			text = g_strdup_printf("%s cash is 0.", f->currency);
		else
			text =
			    g_strdup_printf("WARNING: %s cash %s %s is NOT counted in cash, buffer "
			                    "or runway: %s",
			                    f->currency, own, f->currency, f->missing);
		fputs("  ", t->out);
		wrap(t, text);
		g_autofree char *hist = NULL;
		char day[GIG_DATE_BUFSZ];
		if (f->history_converted)
			hist =
			    g_strdup_printf("%s income and expenses are in the history and the "
			                    "forecast, each month at its month-end rate "
			                    "(rates from %s on).",
			                    f->currency, gig_date_format(day, f->history_rate_on));
		else if (f->history)
			hist = g_strdup_printf("WARNING: %s income and expenses are NOT in the "
			                       "history or the forecast: %s",
			                       f->currency, f->history_missing);
		if (hist) {
			fputs("  ", t->out);
			wrap(t, hist);
		}
	}
}

/* The other currencies: their names, then what their cash counts for here. */
static void
currency_lines(const tw *t)
{
	const gig_report *r = t->r;
	if (r->n_other_currencies == 0 && r->n_fx_left_out == 0)
		return;
	GString *line = g_string_new("Other currencies (--currency CODE for their own report):");
	for (size_t i = 0; i < r->n_other_currencies; i++)
		g_string_append_printf(line, " %s", r->other_currencies[i]);
	fputc('\n', t->out);
	wrap(t, line->str);
	g_string_free(line, true);
	foreign_lines(t);
	for (size_t i = 0; i < r->n_fx_left_out; i++) {
		g_autofree char *text =
		    g_strdup_printf("WARNING: NOT counted: %s", r->fx_left_out[i]);
		fputs("  ", t->out);
		wrap(t, text);
	}
}

bool
gig__report_table(const gig_report *r, bool color, FILE *out)
{
	tw t = {out, color, r, SCALE_MINOR};
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
	if (r->assertion_warning) {
		g_autofree char *line = g_strconcat("WARNING: ", r->assertion_warning, NULL);
		wrap(&t, line);
		rule(&t);
	}
	headline(&t);
	if (r->empty) {
		/* nothing to tabulate or chart yet: just the headline and the assumptions */
		assumptions(&t);
		currency_lines(&t);
		return true;
	}
	runway_lines(&t);
	scenario_lines(&t);
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
	band_table(&t);
	receivables_table(&t);
	royalties_table(&t);
	streams_table(&t);
	assumptions(&t);
	currency_lines(&t);
	return true;
}
