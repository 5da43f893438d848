/*
 * report_period_render.c: gig report as a table in 80 columns, CSV, JSON, and the table
 * of budgets against actual spending.
 */
#include <csv.h>
#include <errno.h>
#include <string.h>

#include "gigledger/json.h"

#include "gigledger/report_period.h"

#define WIDTH 80

static const char *
by_name(gig_report_by by)
{
	static const char *const names[] = {"category", "stream", "payee", "account"};
	return names[by];
}

static const char *
period_name(gig_period_kind k)
{
	return k == GIG_PERIOD_YEAR ? "year" : k == GIG_PERIOD_QUARTER ? "quarter" : "month";
}

static char *
money(int64_t minor, int e, bool group)
{
	char buf[GIG_MONEY_BUFSZ];
	return g_strdup(gig_money_format(buf, minor, e, group));
}

/* ---- table ---- */

struct tline {
	char *label; /* visible text, indented */
	const gig_period_series *s;
	bool heading;
};

static void
put_label(FILE *out, const char *label, int width)
{
	glong len = g_utf8_strlen(label, -1);
	if (len > width) {
		g_autofree char *head = g_utf8_substring(label, 0, width - 1);
		fprintf(out, "%s\u2026", head);
		return;
	}
	fprintf(out, "%s%*s", label, (int)(width - len), "");
}

static char *
cell(const gig_period_report *r, const gig_period_series *s, size_t col, int e)
{
	int64_t v = col < r->n_periods    ? s->minor[col]
	            : col == r->n_periods ? s->total_minor
	                                  : s->average_minor;
	return v == 0 ? g_strdup("-") : money(v, e, true);
}

static void
add_line(GArray *lines, const char *indent, const char *name, const gig_period_series *s)
{
	g_autofree char *visible = gig_text_visible(name);
	struct tline l = {g_strconcat(indent, visible, NULL), s, s == NULL};
	g_array_append_val(lines, l);
}

/* Other currencies' accounts: never added in, named (never silently dropped). */
static void
left_out_note(const gig_period_report *r, FILE *out)
{
	if (r->n_left_out == 0)
		return;
	fprintf(out,
	        "\nNot included (other currencies than %s; "
	        "--currency CODE reports them):\n ",
	        r->currency);
	for (size_t i = 0; i < r->n_left_out; i++) {
		g_autofree char *name = gig_text_visible(r->left_out_names[i]);
		fprintf(out, " %s (%s)%s", name, r->left_out_currencies[i],
		        i + 1 < r->n_left_out ? "," : "\n");
	}
}

static bool
render_table(const gig_period_report *r, FILE *out)
{
	int e = gig_currency_exponent(r->currency);
	char a[GIG_DATE_BUFSZ], b[GIG_DATE_BUFSZ];
	if (r->n_periods == 0) {
		fprintf(out, "No income or expenses in %s in the period.\n", r->currency);
		left_out_note(r, out);
		return true;
	}
	fprintf(out, "Income and expenses in %s by %s and %s, %s .. %s\n", r->currency,
	        by_name(r->by), period_name(r->period), gig_date_format(a, r->starts[0]),
	        gig_date_format(b, r->ends[r->n_periods - 1]));
	g_autoptr(GArray) lines = g_array_new(false, false, sizeof(struct tline));
	add_line(lines, "", "Income", NULL);
	for (size_t i = 0; i < r->n_income; i++)
		add_line(lines, "  ", r->income[i].name, &r->income[i].amounts);
	add_line(lines, "  ", "Total income", &r->income_total);
	add_line(lines, "", "Expenses", NULL);
	for (size_t i = 0; i < r->n_expenses; i++)
		add_line(lines, "  ", r->expenses[i].name, &r->expenses[i].amounts);
	add_line(lines, "  ", "Total expenses", &r->expense_total);
	add_line(lines, "    ", "of which essential", &r->essential);
	add_line(lines, "    ", "of which deductible", &r->deductible);
	add_line(lines, "", "Net", &r->net);

	size_t ncols = r->n_periods + 2; /* periods, Total, Average */
	int colw = 9;
	for (guint i = 0; i < lines->len; i++) {
		const struct tline *l = &g_array_index(lines, struct tline, i);
		for (size_t c = 0; l->s && c < ncols; c++) {
			g_autofree char *t = cell(r, l->s, c, e);
			colw = MAX(colw, (int)strlen(t));
		}
	}
	int labelw = 24;
	int per_page = MAX(1, (WIDTH - labelw) / (colw + 1));
	for (size_t start = 0; start < ncols; start += (size_t)per_page) {
		size_t end = MIN(ncols, start + (size_t)per_page);
		fputc('\n', out);
		fprintf(out, "%-*s", labelw, "");
		for (size_t c = start; c < end; c++)
			fprintf(out, " %*s", colw,
			        c < r->n_periods    ? r->labels[c]
			        : c == r->n_periods ? "Total"
			                            : "Average");
		fputc('\n', out);
		for (guint i = 0; i < lines->len; i++) {
			const struct tline *l = &g_array_index(lines, struct tline, i);
			if (l->s == NULL) {
				fprintf(out, "%s\n", l->label);
				continue;
			}
			put_label(out, l->label, labelw);
			for (size_t c = start; l->s && c < end; c++) {
				g_autofree char *t = cell(r, l->s, c, e);
				fprintf(out, " %*s", colw, t);
			}
			fputc('\n', out);
		}
	}
	for (guint i = 0; i < lines->len; i++)
		g_free(g_array_index(lines, struct tline, i).label);
	left_out_note(r, out);
	return true;
}

/* ---- budget table ---- */

static bool
render_budget(const gig_period_report *r, FILE *out)
{
	int e = gig_currency_exponent(r->currency);
	if (r->n_budgets == 0) {
		fprintf(out, "No budgets yet; set one with 'gig budget set CATEGORY AMOUNT'.\n");
		return true;
	}
	if (r->n_periods == 0) {
		fprintf(out, "No income or expenses in %s in the period.\n", r->currency);
		return true;
	}
	fprintf(out, "Budgets in %s:\n", r->currency);
	for (size_t i = 0; i < r->n_budgets; i++) {
		const gig_period_budget *b = &r->budgets[i];
		g_autofree char *name = gig_text_visible(b->category);
		fputs("  ", out);
		put_label(out, name, 24);
		if (b->percent) {
			g_autofree char *pct = money(b->percent_bp, 2, false);
			fprintf(out, " %s%% of the income\n", pct);
		} else {
			g_autofree char *m = money(b->monthly_minor, e, true);
			fprintf(out, " %s a month\n", m);
		}
	}
	fprintf(out, "\n%-8s %-22s %12s %12s %12s %6s\n", "PERIOD", "CATEGORY", "BUDGET", "ACTUAL",
	        "LEFT", "USED");
	for (size_t p = 0; p <= r->n_periods; p++) {
		for (size_t i = 0; i < r->n_budgets; i++) {
			const gig_period_budget *b = &r->budgets[i];
			int64_t bud = p < r->n_periods ? b->budget.minor[p] : b->budget.total_minor;
			int64_t act = p < r->n_periods ? b->actual.minor[p] : b->actual.total_minor;
			int64_t left = 0;
			gig_money_sub(&left, bud, act);
			g_autofree char *name = gig_text_visible(b->category);
			g_autofree char *bs = money(bud, e, true);
			g_autofree char *as = money(act, e, true);
			g_autofree char *ls = money(left, e, true);
			fprintf(out, "%-8s ", p < r->n_periods ? r->labels[p] : "Total");
			put_label(out, name, 22);
			char used[16] = "-";
			if (bud > 0)
				g_snprintf(used, sizeof used, "%.0f%%",
				           100.0 * (double)act / (double)bud);
			fprintf(out, " %12s %12s %12s %6s\n", bs, as, ls, used);
		}
	}
	left_out_note(r, out);
	return true;
}

/* ---- CSV ---- */

static void
csv_cell(FILE *out, const char *s, bool last)
{
	g_autofree char *v = gig_text_visible(s);
	csv_fwrite(out, v, strlen(v));
	fputc(last ? '\n' : ',', out);
}

static void
csv_series(FILE *out, const gig_period_report *r, const char *section, const char *name,
           const gig_period_series *s)
{
	int e = gig_currency_exponent(r->currency);
	csv_cell(out, section, false);
	csv_cell(out, name, false);
	for (size_t p = 0; p < r->n_periods; p++) {
		g_autofree char *m = money(s->minor[p], e, false);
		csv_cell(out, m, false);
	}
	g_autofree char *t = money(s->total_minor, e, false);
	g_autofree char *a = money(s->average_minor, e, false);
	csv_cell(out, t, false);
	csv_cell(out, a, true);
}

static bool
render_csv(const gig_period_report *r, FILE *out)
{
	csv_cell(out, "section", false);
	csv_cell(out, "name", false);
	for (size_t p = 0; p < r->n_periods; p++)
		csv_cell(out, r->labels[p], false);
	csv_cell(out, "total", false);
	csv_cell(out, "average", true);
	for (size_t i = 0; i < r->n_income; i++)
		csv_series(out, r, "income", r->income[i].name, &r->income[i].amounts);
	for (size_t i = 0; i < r->n_expenses; i++)
		csv_series(out, r, "expenses", r->expenses[i].name, &r->expenses[i].amounts);
	csv_series(out, r, "total", "income", &r->income_total);
	csv_series(out, r, "total", "expenses", &r->expense_total);
	csv_series(out, r, "total", "net", &r->net);
	csv_series(out, r, "subtotal", "essential", &r->essential);
	csv_series(out, r, "subtotal", "deductible", &r->deductible);
	return true;
}

/* ---- JSON ---- */

static void
json_series(JsonBuilder *b, const gig_period_series *s, size_t n, const char *prefix)
{
	g_autofree char *k1 = g_strconcat(prefix, "amounts_minor", NULL);
	g_autofree char *k2 = g_strconcat(prefix, "total_minor", NULL);
	g_autofree char *k3 = g_strconcat(prefix, "average_minor", NULL);
	json_builder_set_member_name(b, k1);
	json_builder_begin_array(b);
	for (size_t p = 0; p < n; p++)
		json_builder_add_int_value(b, s->minor[p]);
	json_builder_end_array(b);
	json_builder_set_member_name(b, k2);
	json_builder_add_int_value(b, s->total_minor);
	json_builder_set_member_name(b, k3);
	json_builder_add_int_value(b, s->average_minor);
}

static void
json_lines(JsonBuilder *b, const char *key, const gig_period_line *lines, size_t n_lines, size_t n,
           bool flags)
{
	json_builder_set_member_name(b, key);
	json_builder_begin_array(b);
	for (size_t i = 0; i < n_lines; i++) {
		json_builder_begin_object(b);
		json_builder_set_member_name(b, "name");
		json_builder_add_string_value(b, lines[i].name);
		json_series(b, &lines[i].amounts, n, "");
		if (flags) {
			json_builder_set_member_name(b, "essential");
			json_builder_add_boolean_value(b, lines[i].essential);
			json_builder_set_member_name(b, "deductible");
			json_builder_add_boolean_value(b, lines[i].deductible);
		}
		json_builder_end_object(b);
	}
	json_builder_end_array(b);
}

static bool
render_json(const gig_period_report *r, FILE *out)
{
	g_autoptr(JsonBuilder) b = json_builder_new();
	char d[GIG_DATE_BUFSZ];
	size_t n = r->n_periods;
	gig_json_begin_document(b);
	json_builder_set_member_name(b, "currency");
	json_builder_add_string_value(b, r->currency);
	json_builder_set_member_name(b, "period");
	json_builder_add_string_value(b, period_name(r->period));
	json_builder_set_member_name(b, "by");
	json_builder_add_string_value(b, by_name(r->by));
	json_builder_set_member_name(b, "periods");
	json_builder_begin_array(b);
	for (size_t p = 0; p < n; p++) {
		json_builder_begin_object(b);
		json_builder_set_member_name(b, "label");
		json_builder_add_string_value(b, r->labels[p]);
		json_builder_set_member_name(b, "start_on");
		json_builder_add_string_value(b, gig_date_format(d, r->starts[p]));
		json_builder_set_member_name(b, "end_on");
		json_builder_add_string_value(b, gig_date_format(d, r->ends[p]));
		json_builder_end_object(b);
	}
	json_builder_end_array(b);
	json_lines(b, "income", r->income, r->n_income, n, false);
	json_lines(b, "expenses", r->expenses, r->n_expenses, n, true);
	json_builder_set_member_name(b, "totals");
	json_builder_begin_object(b);
	const char *names[] = {"income", "expenses", "net", "essential", "deductible"};
	const gig_period_series *ss[] = {&r->income_total, &r->expense_total, &r->net,
	                                 &r->essential, &r->deductible};
	for (size_t i = 0; i < G_N_ELEMENTS(names); i++) {
		json_builder_set_member_name(b, names[i]);
		json_builder_begin_object(b);
		json_series(b, ss[i], n, "");
		json_builder_end_object(b);
	}
	json_builder_end_object(b);
	json_builder_set_member_name(b, "budgets");
	json_builder_begin_array(b);
	for (size_t i = 0; i < r->n_budgets; i++) {
		const gig_period_budget *g = &r->budgets[i];
		json_builder_begin_object(b);
		json_builder_set_member_name(b, "category");
		json_builder_add_string_value(b, g->category);
		json_builder_set_member_name(b, "kind");
		json_builder_add_string_value(b, g->percent ? "percent" : "monthly");
		json_builder_set_member_name(b, g->percent ? "percent_bp" : "monthly_minor");
		json_builder_add_int_value(b, g->percent ? g->percent_bp : g->monthly_minor);
		json_series(b, &g->budget, n, "budget_");
		json_series(b, &g->actual, n, "actual_");
		json_builder_end_object(b);
	}
	json_builder_end_array(b);
	json_builder_set_member_name(b, "accounts_left_out"); /* other currencies' */
	json_builder_begin_array(b);
	for (size_t i = 0; i < r->n_left_out; i++) {
		json_builder_begin_object(b);
		json_builder_set_member_name(b, "account");
		json_builder_add_string_value(b, r->left_out_names[i]);
		json_builder_set_member_name(b, "currency");
		json_builder_add_string_value(b, r->left_out_currencies[i]);
		json_builder_end_object(b);
	}
	json_builder_end_array(b);
	json_builder_end_object(b);
	g_autoptr(JsonGenerator) gen = json_generator_new();
	g_autoptr(JsonNode) root = json_builder_get_root(b);
	json_generator_set_root(gen, root);
	json_generator_set_pretty(gen, true);
	g_autofree char *text = json_generator_to_data(gen, NULL);
	fprintf(out, "%s\n", text);
	return true;
}

bool
gig_period_report_render(const gig_period_report *report, gig_period_format format, FILE *out,
                         GError **error)
{
	g_return_val_if_fail(report != NULL && out != NULL, false);
	bool ok = false;
	switch (format) {
	case GIG_PERIOD_TABLE:
		ok = render_table(report, out);
		break;
	case GIG_PERIOD_CSV:
		ok = render_csv(report, out);
		break;
	case GIG_PERIOD_JSON:
		ok = render_json(report, out);
		break;
	case GIG_PERIOD_BUDGET_TABLE:
		ok = render_budget(report, out);
		break;
	}
	if (ok && (fflush(out) != 0 || ferror(out))) {
		g_set_error(error, GIG_ERROR, GIG_ERROR_IO, "writing the report: %s",
		            g_strerror(errno));
		return false;
	}
	return ok;
}
