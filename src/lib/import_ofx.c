/*
 * import_ofx.c: OFX and QFX statements, version 1 (SGML: a header of
 * KEY:VALUE lines, elements whose end tags may be left out) and version 2
 * (XML, "<?OFX OFXHEADER="200" ...?>", every element closed; some banks
 * still leave the leaf elements open after an XML header, which is read the
 * same way).
 *
 * The body is read as a sequence of tags: an element followed by text is a
 * leaf holding that text (its end tag optional), an element followed by
 * another tag is an aggregate, and an end tag closes the innermost open
 * aggregate of that name (and any left open inside it).  CDATA sections,
 * comments, processing instructions and the five XML entities plus numeric
 * references are understood.
 *
 * Read: every STMTTRN of the bank (STMTRS) and credit-card (CCSTMTRS)
 * statements: DTPOSTED (YYYYMMDD, any time and zone after it are ignored),
 * TRNAMT (signed; '.' or ',' as the decimal mark), FITID (the provider's id),
 * NAME or PAYEE/NAME (payee; MEMO when neither), MEMO; CURDEF; LEDGERBAL
 * (BALAMT, DTASOF) as the stated balance.  FITID becomes the row's external
 * id, part of its fingerprint with the date, amount and text (import_rows.c),
 * so two rows that share a FITID but differ in anything else stay two rows.
 * A file whose transactions belong to more than one account is refused (the
 * rows go to one ledger account); a statement without transactions (a card's
 * balance beside the bank account's rows) is passed over.
 */
#include <string.h>

#include "import_stmt.h"

struct open_elem {
	char *name;
	int64_t line;
};

struct trn {
	bool open;
	int64_t line;
	const char *start;
	char *dtposted, *trnamt, *fitid, *name, *payee_name, *memo;
};

struct ofx {
	gig__stmt *st;
	const char *text, *p, *end;
	int64_t line;
	GArray *stack; /* struct open_elem */
	bool seen_root;
	bool bank, invest; /* a bank or card statement was seen; an investment one */
	/* the statement being read */
	char cur[4];
	char *acct;
	char *balamt, *dtasof;
	struct trn t;
	guint stmt_rows0;    /* rows read before the statement began */
	GPtrArray *accounts; /* distinct ACCTIDs of the statements that have rows */
	bool empty_balance;  /* a balance from a statement without rows */
};

static void
trn_clear(struct trn *t)
{
	g_free(t->dtposted);
	g_free(t->trnamt);
	g_free(t->fitid);
	g_free(t->name);
	g_free(t->payee_name);
	g_free(t->memo);
	memset(t, 0, sizeof(*t));
}

/* Moves p forward to q, counting line ends. */
static void
advance(struct ofx *o, const char *q)
{
	for (; o->p < q; o->p++)
		if (*o->p == '\n')
			o->line++;
}

static const char *
find(const char *p, const char *end, const char *what)
{
	size_t n = strlen(what);
	for (; p + n <= end; p++)
		if (memcmp(p, what, n) == 0)
			return p;
	return NULL;
}

/* Appends text[p, q) with entities decoded. */
static void
append_decoded(GString *out, const char *p, const char *q)
{
	static const struct {
		const char *name;
		char c;
	} ents[] = {{"amp;", '&'}, {"lt;", '<'}, {"gt;", '>'}, {"quot;", '"'}, {"apos;", '\''}};
	while (p < q) {
		if (*p != '&') {
			g_string_append_c(out, *p++);
			continue;
		}
		bool done = false;
		for (size_t i = 0; i < G_N_ELEMENTS(ents) && !done; i++) {
			size_t n = strlen(ents[i].name);
			if ((size_t)(q - p - 1) >= n && memcmp(p + 1, ents[i].name, n) == 0) {
				g_string_append_c(out, ents[i].c);
				p += n + 1;
				done = true;
			}
		}
		if (!done && p + 2 < q && p[1] == '#') {
			const char *r = p + 2;
			int base = 10;
			if (*r == 'x' || *r == 'X') {
				base = 16;
				r++;
			}
			gunichar c = 0;
			const char *digits = r;
			for (; r < q && g_ascii_isxdigit(*r) &&
			       (base == 16 || g_ascii_isdigit(*r)) && c < 0x110000;
			     r++)
				c = c * (gunichar)base + (gunichar)g_ascii_xdigit_value(*r);
			if (r > digits && r < q && *r == ';' && c != 0 && g_unichar_validate(c)) {
				g_string_append_unichar(out, c);
				p = r + 1;
				done = true;
			}
		}
		if (!done)
			g_string_append_c(out, *p++);
	}
}

/* The text after a start tag, up to the next tag that is no CDATA section. */
static char *
read_value(struct ofx *o)
{
	GString *v = g_string_new(NULL);
	for (;;) {
		const char *lt = memchr(o->p, '<', (size_t)(o->end - o->p));
		const char *stop = lt ? lt : o->end;
		append_decoded(v, o->p, stop);
		advance(o, stop);
		if (lt == NULL || (size_t)(o->end - lt) < 9 || memcmp(lt, "<![CDATA[", 9) != 0)
			break;
		const char *close = find(lt + 9, o->end, "]]>");
		const char *cend = close ? close : o->end;
		g_string_append_len(v, lt + 9, cend - (lt + 9));
		advance(o, close ? close + 3 : o->end);
	}
	return g_strstrip(g_string_free(v, FALSE));
}

/* The aggregates whose leaves are read: the innermost one open gives a leaf its
 * meaning.  Anything else that is open is skipped here, so an empty leaf (which
 * looks like an aggregate in SGML, "<MEMO>" with nothing after it) changes nothing. */
static const char *const aggregates[] = {"STMTTRN",      "PAYEE",      "STMTRS",     "CCSTMTRS",
                                         "BANKACCTFROM", "CCACCTFROM", "LEDGERBAL",  "AVAILBAL",
                                         "BANKACCTTO",   "CCACCTTO",   "CURRENCY",   "ORIGCURRENCY",
                                         "BANKTRANLIST", "INVSTMTRS",  "INVACCTFROM"};

static const char *
top(const struct ofx *o)
{
	for (guint i = o->stack->len; i-- > 0;) {
		const char *n = g_array_index(o->stack, struct open_elem, i).name;
		for (size_t k = 0; k < G_N_ELEMENTS(aggregates); k++)
			if (strcmp(n, aggregates[k]) == 0)
				return n;
	}
	return "";
}

static void
set(char **field, char *value)
{
	g_free(*field);
	*field = value;
}

static void
on_leaf(struct ofx *o, const char *name, char *value)
{
	const char *t = top(o);
	struct trn *x = &o->t;
	if (x->open && strcmp(t, "STMTTRN") == 0) {
		if (strcmp(name, "DTPOSTED") == 0)
			set(&x->dtposted, value);
		else if (strcmp(name, "TRNAMT") == 0)
			set(&x->trnamt, value);
		else if (strcmp(name, "FITID") == 0)
			set(&x->fitid, value);
		else if (strcmp(name, "NAME") == 0)
			set(&x->name, value);
		else if (strcmp(name, "MEMO") == 0)
			set(&x->memo, value);
		else
			g_free(value);
	} else if (x->open && strcmp(t, "PAYEE") == 0 && strcmp(name, "NAME") == 0) {
		set(&x->payee_name, value);
	} else if (strcmp(name, "CURDEF") == 0 &&
	           (strcmp(t, "STMTRS") == 0 || strcmp(t, "CCSTMTRS") == 0)) {
		if (!gig__stmt_currency(value, o->cur))
			o->cur[0] = '\0';
		g_free(value);
	} else if (strcmp(name, "ACCTID") == 0 &&
	           (strcmp(t, "BANKACCTFROM") == 0 || strcmp(t, "CCACCTFROM") == 0)) {
		set(&o->acct, value);
	} else if (strcmp(t, "LEDGERBAL") == 0 && strcmp(name, "BALAMT") == 0) {
		set(&o->balamt, value);
	} else if (strcmp(t, "LEDGERBAL") == 0 && strcmp(name, "DTASOF") == 0) {
		set(&o->dtasof, value);
	} else {
		g_free(value);
	}
}

static bool
ofx_date(struct ofx *o, int64_t line, const char *what, const char *text, gig_date *out,
         GError **error)
{
	if (text != NULL && gig__stmt_iso_date(text, false, out))
		return true;
	g_autofree char *shown = gig_text_visible(text ? text : "");
	return gig__stmt_fail(o->st, line, error,
	                      "%s '%s' is not a date (expected YYYYMMDD, a time may follow)", what,
	                      shown);
}

static bool
trn_done(struct ofx *o, const char *raw_end, GError **error)
{
	struct trn *x = &o->t;
	if (x->dtposted == NULL || x->trnamt == NULL) {
		bool ok = gig__stmt_fail(o->st, x->line, error, "<STMTTRN> has no <%s>",
		                         x->dtposted == NULL ? "DTPOSTED" : "TRNAMT");
		trn_clear(x);
		return ok;
	}
	gig_date on = GIG_DATE_NONE;
	int64_t amount = 0;
	bool ok = ofx_date(o, x->line, "DTPOSTED", x->dtposted, &on, error) &&
	          gig__stmt_amount(o->st, x->line, "TRNAMT", x->trnamt, 0, o->cur, &amount, error);
	if (ok) {
		/* the first of NAME, PAYEE/NAME and MEMO that says something */
		const char *payee = x->name && *x->name               ? x->name
		                    : x->payee_name && *x->payee_name ? x->payee_name
		                                                      : x->memo;
		const char *memo = payee == x->memo ? NULL : x->memo;
		gig__stmt_add(o->st, x->line, on, amount, o->cur, payee, memo, x->fitid, x->start,
		              (size_t)(raw_end - x->start), false);
	}
	trn_clear(x);
	return ok;
}

static bool
stmt_done(struct ofx *o, GError **error)
{
	gig__stmt *st = o->st;
	/* a statement without transactions (a card's balance beside the bank's rows)
	 * names no account the rows go to, and its balance is not theirs */
	bool has_rows = st->rows->len > o->stmt_rows0;
	if (!has_rows && (st->rows->len > 0 || (st->has_closing && !o->empty_balance))) {
		g_clear_pointer(&o->balamt, g_free);
		g_clear_pointer(&o->dtasof, g_free);
		return true;
	}
	if (has_rows && o->empty_balance) {
		st->has_closing = false; /* the balance of a statement without rows */
		o->empty_balance = false;
	}
	if (o->acct != NULL && *o->acct) {
		bool known = false;
		for (guint i = 0; i < o->accounts->len; i++)
			known |= strcmp(o->accounts->pdata[i], o->acct) == 0;
		if (!known)
			g_ptr_array_add(o->accounts, g_strdup(o->acct));
	}
	if (o->balamt != NULL && *o->balamt) {
		int64_t bal = 0;
		gig_date on = GIG_DATE_NONE;
		if (!gig__stmt_amount(st, o->line, "LEDGERBAL BALAMT", o->balamt, 0, o->cur, &bal,
		                      error))
			return false;
		if (o->dtasof != NULL &&
		    !ofx_date(o, o->line, "LEDGERBAL DTASOF", o->dtasof, &on, error))
			return false;
		/* several statements of the account: the latest balance is the closing one */
		if (!st->has_closing || on == GIG_DATE_NONE || st->closing_on == GIG_DATE_NONE ||
		    on >= st->closing_on) {
			st->has_closing = true;
			st->closing_minor = bal;
			st->closing_on = on;
			o->empty_balance = !has_rows;
		}
	}
	g_clear_pointer(&o->balamt, g_free);
	g_clear_pointer(&o->dtasof, g_free);
	return true;
}

/* Closes the innermost open `name` and whatever is open inside it. */
static bool
close_elem(struct ofx *o, const char *name, const char *raw_end, GError **error)
{
	gint at = -1;
	for (gint i = (gint)o->stack->len - 1; i >= 0 && at < 0; i--)
		if (strcmp(g_array_index(o->stack, struct open_elem, i).name, name) == 0)
			at = i;
	if (at < 0)
		return true; /* the end tag of a leaf, or a stray one */
	while ((gint)o->stack->len > at) {
		struct open_elem e = g_array_index(o->stack, struct open_elem, o->stack->len - 1);
		g_array_set_size(o->stack, o->stack->len - 1);
		bool ok = true;
		if (strcmp(e.name, "STMTTRN") == 0 && o->t.open)
			ok = trn_done(o, raw_end, error);
		else if (strcmp(e.name, "STMTRS") == 0 || strcmp(e.name, "CCSTMTRS") == 0)
			ok = stmt_done(o, error);
		g_free(e.name);
		if (!ok)
			return false;
	}
	return true;
}

static bool
inside(const struct ofx *o, const char *name)
{
	for (guint i = 0; i < o->stack->len; i++)
		if (strcmp(g_array_index(o->stack, struct open_elem, i).name, name) == 0)
			return true;
	return false;
}

static void
open_elem(struct ofx *o, const char *name, int64_t line, const char *start)
{
	/* the cash lines of an investment statement (INVBANKTRAN) are no bank rows */
	bool invest_trn = strcmp(name, "STMTTRN") == 0 && inside(o, "INVSTMTRS");
	struct open_elem e = {g_strdup(name), line};
	g_array_append_val(o->stack, e);
	if (strcmp(name, "OFX") == 0)
		o->seen_root = true;
	o->invest |= strcmp(name, "INVSTMTRS") == 0;
	o->bank |= strcmp(name, "STMTRS") == 0 || strcmp(name, "CCSTMTRS") == 0;
	if (invest_trn) {
		trn_clear(&o->t);
	} else if (strcmp(name, "STMTTRN") == 0) {
		trn_clear(&o->t);
		o->t.open = true;
		o->t.line = line;
		o->t.start = start;
	} else if (strcmp(name, "STMTRS") == 0 || strcmp(name, "CCSTMTRS") == 0) {
		o->stmt_rows0 = o->st->rows->len;
		o->cur[0] = '\0';
		g_clear_pointer(&o->acct, g_free);
		g_clear_pointer(&o->balamt, g_free);
		g_clear_pointer(&o->dtasof, g_free);
	}
}

/* The element name at p (after '<' or '</'); its length, 0 when there is none. */
static size_t
name_len(const char *p, const char *end)
{
	size_t n = 0;
	while (p + n < end &&
	       (g_ascii_isalnum(p[n]) || p[n] == '.' || p[n] == '_' || p[n] == '-' || p[n] == ':'))
		n++;
	return n;
}

static bool
body(struct ofx *o, GError **error)
{
	while (o->p < o->end) {
		const char *lt = memchr(o->p, '<', (size_t)(o->end - o->p));
		if (lt == NULL) {
			advance(o, o->end);
			break;
		}
		advance(o, lt);
		const char *p = lt + 1;
		if (o->end - p >= 3 && memcmp(p, "!--", 3) == 0) {
			const char *c = find(p + 3, o->end, "-->");
			advance(o, c ? c + 3 : o->end);
			continue;
		}
		if (p < o->end && (*p == '?' || *p == '!')) {
			const char *c = memchr(p, '>', (size_t)(o->end - p));
			advance(o, c ? c + 1 : o->end);
			continue;
		}
		bool closing = p < o->end && *p == '/';
		p += closing;
		size_t n = name_len(p, o->end);
		const char *gt = memchr(p, '>', (size_t)(o->end - p));
		if (n == 0 || gt == NULL) {
			if (gt == NULL)
				return gig__stmt_fail(
				    o->st, o->line, error,
				    "a tag that is never closed with '>' (truncated file?)");
			advance(o, gt + 1);
			continue;
		}
		g_autofree char *name = g_ascii_strup(p, (gssize)n);
		int64_t line = o->line;
		advance(o, gt + 1);
		if (closing) {
			if (!close_elem(o, name, o->p, error))
				return false;
			continue;
		}
		if (gt > p && gt[-1] == '/') /* <NAME/>: an empty leaf */
			continue;
		char *value = read_value(o);
		/* a leaf when text follows or its own end tag comes next */
		const char *q = o->p;
		bool own_end = (size_t)(o->end - q) > n + 2 && q[0] == '<' && q[1] == '/' &&
		               g_ascii_strncasecmp(q + 2, name, n) == 0 && q[2 + n] == '>';
		if (*value != '\0' || own_end) {
			if (own_end)
				advance(o, q + n + 3);
			on_leaf(o, name, value);
		} else {
			g_free(value);
			open_elem(o, name, line, lt);
		}
	}
	if (o->stack->len > 0) {
		struct open_elem *e = &g_array_index(o->stack, struct open_elem, o->stack->len - 1);
		return gig__stmt_fail(o->st, e->line, error,
		                      "<%s> is never closed (the file ends first: truncated?)",
		                      e->name);
	}
	if (!o->seen_root)
		return gig__stmt_fail(o->st, 0, error, "no <OFX> element");
	if (o->invest && !o->bank)
		return gig__stmt_fail(o->st, 0, error,
		                      "an investment statement (<INVSTMTRS>): only bank and "
		                      "credit-card statements can be imported");
	return true;
}

/* "1.02" from "102", "2.11" from "211". */
static char *
version_text(const char *v, size_t n)
{
	if (n == 3 && g_ascii_isdigit(v[0]) && g_ascii_isdigit(v[1]) && g_ascii_isdigit(v[2]))
		return g_strdup_printf("%c.%c%c", v[0], v[1], v[2]);
	return g_strndup(v, MIN(n, 8));
}

static void
read_header(struct ofx *o)
{
	const char *p = o->text;
	const char *pi = find(p, o->end, "<?OFX");
	if (pi == NULL)
		pi = find(p, o->end, "<?ofx");
	const char *first_lt = memchr(p, '<', (size_t)(o->end - p));
	g_autofree char *ver = NULL;
	bool xml = pi != NULL;
	if (xml) {
		const char *v = find(pi, o->end, "VERSION=\"");
		if (v != NULL) {
			v += 9;
			const char *q = memchr(v, '"', (size_t)(o->end - v));
			if (q != NULL)
				ver = version_text(v, (size_t)(q - v));
		}
	} else {
		const char *stop = first_lt ? first_lt : o->end;
		for (const char *l = p; l < stop;) {
			const char *nl = memchr(l, '\n', (size_t)(stop - l));
			const char *le = nl ? nl : stop;
			if (le - l > 8 && memcmp(l, "VERSION:", 8) == 0) {
				const char *v = l + 8;
				size_t k = 0;
				while (v + k < le && g_ascii_isalnum(v[k]))
					k++;
				g_free(ver); /* the last VERSION line counts */
				ver = version_text(v, k);
			}
			l = nl ? nl + 1 : stop;
		}
	}
	o->st->format = g_strdup_printf("OFX %s (%s)", ver ? ver : "?", xml ? "XML" : "SGML");
}

bool
gig__ofx_read(gig__stmt *st, const char *text, size_t len, GError **error)
{
	struct ofx o = {.st = st, .text = text, .p = text, .end = text + len, .line = 1};
	o.stack = g_array_new(FALSE, FALSE, sizeof(struct open_elem));
	o.accounts = g_ptr_array_new_with_free_func(g_free);
	read_header(&o);
	st->date_rule = g_strdup("YYYYMMDD (DTPOSTED)");
	st->sign_rule = g_strdup("signed TRNAMT");
	bool ok = body(&o, error);
	if (ok && o.accounts->len > 1) {
		GString *names = g_string_new(NULL);
		for (guint i = 0; i < o.accounts->len; i++) {
			g_autofree char *shown = gig_text_visible(o.accounts->pdata[i]);
			g_string_append_printf(names, "%s%s", i ? ", " : "", shown);
		}
		ok =
		    gig__stmt_fail(st, 0, error,
		                   "the file holds statements of %u accounts (%s); gig imports one "
		                   "account at a time: export each account on its own",
		                   o.accounts->len, names->str);
		g_string_free(names, TRUE);
	}
	if (ok && o.accounts->len == 1)
		st->account = g_strdup(o.accounts->pdata[0]);
	for (guint i = 0; i < o.stack->len; i++)
		g_free(g_array_index(o.stack, struct open_elem, i).name);
	g_array_unref(o.stack);
	g_ptr_array_unref(o.accounts);
	trn_clear(&o.t);
	g_free(o.acct);
	g_free(o.balamt);
	g_free(o.dtasof);
	return ok;
}
