/*
 * import_qif.c: Quicken Interchange Format, the bank, credit-card, cash and
 * other asset/liability sections (!Type:Bank, CCard, Cash, Oth A, Oth L).
 *
 * A record is a run of lines, each one field code and its value, ended by a
 * line "^": D date, T amount (U, the longer form of newer Quicken, when T is
 * missing), P payee, M memo, N check number or reference (the row's id), L
 * category, C cleared status, A address; S/E/$ split lines are read as part
 * of the record, whose amount stays the whole T.  Lists that hold no
 * transactions (!Type:Cat, Class, Memorized, Security, Prices, !Account) are
 * skipped; an investment section (!Type:Invst) is refused.
 *
 * Dates: month/day/year or day/month/year with '/', '.', '-' between, the
 * year in four digits, in two after '/' (1970-2069), or in two after an
 * apostrophe (Quicken's 2000s: "1/ 5'23" is 5 January 2023); or ISO
 * YYYY-MM-DD.  The order of day and month is decided for the whole file: the
 * one that reads every date; when both do, dots mean day first, an apostrophe
 * month first (Quicken US), and otherwise --date-format must say.
 */
#include <string.h>

#include "import_stmt.h"

struct rec {
	int64_t line;
	const char *start, *end; /* its lines, up to and with the '^' */
	char *d, *t, *u, *p, *m, *n;
	char *account; /* the !Account it is under, or NULL */
};

static void
rec_free(struct rec *r)
{
	g_free(r->d);
	g_free(r->t);
	g_free(r->u);
	g_free(r->p);
	g_free(r->m);
	g_free(r->n);
	g_free(r->account);
	g_free(r);
}

enum section { SEC_NONE, SEC_TXN, SEC_SKIP, SEC_ACCOUNT, SEC_INVEST };

/* The numbers of a date: y (year as written), a and b (the other two in order),
 * and how it was written. */
struct dparts {
	int a, b, y;
	int ydigits;
	bool iso, apostrophe, dots;
};

static bool
split_date(const char *s, struct dparts *o)
{
	memset(o, 0, sizeof(*o));
	int v[3] = {0, 0, 0}, nd[3] = {0, 0, 0}, k = 0;
	char sep[2] = {0, 0};
	const char *p = s;
	while (*p == ' ')
		p++;
	for (; *p && k < 3; p++) {
		if (g_ascii_isdigit(*p)) {
			if (nd[k] >= 4)
				return false;
			v[k] = v[k] * 10 + (*p - '0');
			nd[k]++;
		} else if (*p == ' ' && nd[k] == 0) {
			continue; /* "1/ 5'23": blanks pad a number */
		} else if (strchr("/.-'", *p) && nd[k] > 0 && k < 2) {
			sep[k] = *p;
			k++;
			while (p[1] == ' ')
				p++;
		} else {
			break;
		}
	}
	while (*p == ' ')
		p++;
	if (*p != '\0' || k != 2 || nd[2] == 0 || nd[0] == 0 || nd[1] == 0)
		return false;
	if (nd[0] == 4) {
		o->iso = true;
		o->y = v[0];
		o->a = v[1];
		o->b = v[2];
		o->ydigits = 4;
		return nd[1] <= 2 && nd[2] <= 2;
	}
	if (nd[0] > 2 || nd[1] > 2 || (nd[2] != 2 && nd[2] != 4 && !(sep[1] == '\'' && nd[2] == 1)))
		return false;
	o->a = v[0];
	o->b = v[1];
	o->apostrophe = sep[1] == '\'';
	o->dots = sep[0] == '.';
	o->ydigits = nd[2];
	if (nd[2] == 4)
		o->y = v[2];
	else if (o->apostrophe)
		o->y = 2000 + v[2];
	else
		o->y = v[2] < 70 ? 2000 + v[2] : 1900 + v[2];
	return true;
}

/* day_first: -1 = month first, 1 = day first. */
static bool
date_of(const struct dparts *d, int day_first, gig_date *out)
{
	if (d->iso)
		return gig_date_from_ymd(out, d->y, d->a, d->b);
	return day_first > 0 ? gig_date_from_ymd(out, d->y, d->b, d->a)
	                     : gig_date_from_ymd(out, d->y, d->a, d->b);
}

static bool
records(gig__stmt *st, const char *text, size_t len, GPtrArray *out, char **type, GError **error)
{
	const char *p = text, *end = text + len;
	int64_t line = 0;
	enum section sec = SEC_NONE;
	struct rec *r = NULL;
	char *account = NULL; /* the !Account being read or last read */
	bool ok = true;
	while (ok && p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *le = nl ? nl : end;
		const char *next = nl ? nl + 1 : end;
		line++;
		g_autofree char *l = g_strndup(p, (size_t)(le - p));
		g_strchomp(l);
		const char *lp = l;
		while (*lp == ' ' || *lp == '\t')
			lp++;
		if (*lp == '\0') {
			p = next;
			continue;
		}
		if (*lp == '!') {
			if (r != NULL)
				ok = gig__stmt_fail(st, r->line, error,
				                    "the record does not end with '^' before line "
				                    "%" G_GINT64_FORMAT,
				                    line);
			if (g_ascii_strncasecmp(lp, "!Type:", 6) == 0) {
				const char *t = lp + 6;
				if (g_ascii_strcasecmp(t, "Bank") == 0 ||
				    g_ascii_strcasecmp(t, "CCard") == 0 ||
				    g_ascii_strcasecmp(t, "Cash") == 0 ||
				    g_ascii_strcasecmp(t, "Oth A") == 0 ||
				    g_ascii_strcasecmp(t, "Oth L") == 0) {
					sec = SEC_TXN;
					if (*type == NULL)
						*type = g_strdup(t);
				} else if (g_ascii_strncasecmp(t, "Invst", 5) == 0) {
					sec = SEC_INVEST;
				} else {
					sec = SEC_SKIP;
				}
			} else if (g_ascii_strncasecmp(lp, "!Account", 8) == 0) {
				sec = SEC_ACCOUNT;
				g_clear_pointer(&account, g_free);
			} else if (g_ascii_strncasecmp(lp, "!Option:", 8) != 0 &&
			           g_ascii_strncasecmp(lp, "!Clear:", 7) != 0) {
				sec = SEC_SKIP;
			}
			p = next;
			continue;
		}
		if (sec == SEC_NONE) {
			ok = gig__stmt_fail(st, line, error, "a field before any !Type: line");
			break;
		}
		if (sec == SEC_INVEST) {
			ok = gig__stmt_fail(
			    st, line, error,
			    "an investment account (!Type:Invst): only bank, card and "
			    "cash accounts can be imported");
			break;
		}
		if (sec == SEC_ACCOUNT) {
			if (*lp == 'N') {
				g_free(account);
				account = g_strdup(lp + 1);
			}
			p = next;
			continue;
		}
		if (sec == SEC_SKIP) {
			p = next;
			continue;
		}
		if (r == NULL && *lp == '^') {
			p = next; /* an empty record */
			continue;
		}
		if (r == NULL) {
			r = g_new0(struct rec, 1);
			r->line = line;
			r->start = p;
			r->account = g_strdup(account);
		}
		const char *v = lp + 1;
		switch (*lp) {
		case '^':
			r->end = next;
			g_ptr_array_add(out, r);
			r = NULL;
			break;
		case 'D':
			g_free(r->d);
			r->d = g_strdup(v);
			break;
		case 'T':
			g_free(r->t);
			r->t = g_strdup(v);
			break;
		case 'U':
			g_free(r->u);
			r->u = g_strdup(v);
			break;
		case 'P':
			g_free(r->p);
			r->p = g_strdup(v);
			break;
		case 'M':
			g_free(r->m);
			r->m = g_strdup(v);
			break;
		case 'N':
			g_free(r->n);
			r->n = g_strdup(v);
			break;
		default:
			break; /* L C A S E $ % and the rest: not needed */
		}
		p = next;
	}
	if (ok && r != NULL)
		ok = gig__stmt_fail(st, r->line, error,
		                    "the record does not end with '^' (the file ends first: "
		                    "truncated?)");
	if (r != NULL)
		rec_free(r);
	g_free(account);
	return ok;
}

bool
gig__qif_read(gig__stmt *st, const char *text, size_t len, GError **error)
{
	g_autoptr(GPtrArray) recs = g_ptr_array_new_with_free_func((GDestroyNotify)rec_free);
	g_autofree char *type = NULL;
	if (!records(st, text, len, recs, &type, error))
		return false;
	/* the order of day and month, for the whole file */
	bool mdy = true, dmy = true, dots = false, apostrophe = false, differ = false;
	g_autofree struct dparts *parts = g_new0(struct dparts, recs->len + 1);
	g_autoptr(GPtrArray) accounts = g_ptr_array_new();
	for (guint i = 0; i < recs->len; i++) {
		struct rec *r = recs->pdata[i];
		if (r->d == NULL)
			return gig__stmt_fail(st, r->line, error,
			                      "the record has no D (date) line");
		if (r->t == NULL && r->u == NULL)
			return gig__stmt_fail(st, r->line, error,
			                      "the record has no T (amount) line");
		gig_date tmp;
		if (!split_date(r->d, &parts[i]) ||
		    (parts[i].iso && !date_of(&parts[i], 0, &tmp))) {
			g_autofree char *shown = gig_text_visible(r->d);
			return gig__stmt_fail(st, r->line, error,
			                      "D '%s' is not a date (expected month/day/year, "
			                      "day.month.year, 1/ 5'23 or YYYY-MM-DD)",
			                      shown);
		}
		if (!parts[i].iso) {
			mdy &= date_of(&parts[i], -1, &tmp);
			dmy &= date_of(&parts[i], 1, &tmp);
			dots |= parts[i].dots;
			differ |=
			    parts[i].a != parts[i].b; /* "1/1/2008" reads the same both ways */
			apostrophe |= parts[i].apostrophe;
		}
		if (r->account != NULL) {
			bool known = false;
			for (guint k = 0; k < accounts->len; k++)
				known |= strcmp(accounts->pdata[k], r->account) == 0;
			if (!known)
				g_ptr_array_add(accounts, r->account);
		}
	}
	if (accounts->len > 1)
		return gig__stmt_fail(st, 0, error,
		                      "the file holds transactions of %u accounts; gig imports one "
		                      "account at a time: export each account on its own",
		                      accounts->len);
	int order = -1;
	const char *f = st->date_format;
	const char *fd = f ? strstr(f, "%d") : NULL, *fm = f ? strstr(f, "%m") : NULL;
	if (fd && fm)
		order = fd < fm ? 1 : -1;
	else if (mdy && dmy)
		order = dots ? 1 : apostrophe || !differ ? -1 : 0;
	else
		order = dmy ? 1 : -1;
	if (order == 0) {
		g_set_error(error, GIG_ERROR, GIG_ERROR_AMBIGUOUS,
		            "%s: the QIF dates read both as day/month and as month/day; say which "
		            "with --date-format %%d/%%m/%%Y or --date-format %%m/%%d/%%Y",
		            st->path);
		return false;
	}
	for (guint i = 0; i < recs->len; i++) {
		struct rec *r = recs->pdata[i];
		gig_date on = GIG_DATE_NONE;
		if (!date_of(&parts[i], order, &on)) {
			g_autofree char *shown = gig_text_visible(r->d);
			return gig__stmt_fail(st, r->line, error,
			                      "D '%s' is not a date in the order %s", shown,
			                      order > 0 ? "day/month/year" : "month/day/year");
		}
		int64_t amount = 0;
		if (!gig__stmt_amount(st, r->line, r->t ? "T" : "U", r->t ? r->t : r->u, 0, NULL,
		                      &amount, error))
			return false;
		const char *payee = r->p && *r->p ? r->p : r->m;
		gig__stmt_add(st, r->line, on, amount, NULL, payee, payee == r->m ? NULL : r->m,
		              r->n, r->start, (size_t)(r->end - r->start), false);
	}
	st->format = g_strdup_printf("QIF (%s)", type ? type : "Bank");
	st->date_rule = g_strdup(order > 0 ? "day/month/year (D)" : "month/day/year (D)");
	st->sign_rule = g_strdup("signed T");
	if (accounts->len == 1)
		st->account = g_strdup(accounts->pdata[0]);
	return true;
}
