/*
 * import_camt.c: ISO 20022 CAMT.053 bank-to-customer statements (any version:
 * .001.02 to .001.13 share what is read here), parsed by GLib's GMarkup.
 *
 * One row per Ntry: Amt (with its Ccy) signed by CdtDbtInd (CRDT +, DBIT -;
 * the indicator already says what the entry did to the account, a reversal
 * included), the booking date (BookgDt, else ValDt; Dt or DtTm), Sts (BOOK,
 * PDNG, INFO as text or, from version .08, in Sts/Cd): PDNG is a pending row,
 * INFO is no entry and is left out.  The id is the Ntry's AcctSvcrRef, else
 * its NtryRef, else the first transaction's AcctSvcrRef or EndToEndId (not
 * "NOTPROVIDED").  The payee is the other party's name (the creditor of a
 * debit, the debtor of a credit; Nm or Pty/Nm), else the unstructured
 * remittance information, else AddtlNtryInf; the memo is the remittance
 * information.  Bal with Tp CLBD is the stated closing balance (the latest
 * one); each Stmt's OPBD (or PRCD) plus its booked entries is checked
 * against its CLBD.
 *
 * GMarkup gives no byte offsets, so the start and end tags are also listed in
 * document order by a small lexer (tags_index): the n-th start callback is
 * the n-th start tag, which gives each Ntry its line and its raw text.
 */
#include <string.h>

#include "import_stmt.h"

struct tag_pos {
	size_t start; /* offset of '<' */
	int64_t line;
};

struct ntry {
	int64_t line;
	size_t start;
	char *amt, *ccy, *cdi, *sts, *bookg, *val;
	char *acct_ref, *ntry_ref, *tx_ref, *e2e, *dbtr, *cdtr, *addtl_ntry, *addtl_tx;
	GString *ustrd;
};

struct bal {
	int64_t line;
	char *cd, *amt, *ccy, *cdi, *date;
};

struct camt {
	gig__stmt *st;
	const char *text;
	size_t len;
	GArray *starts; /* struct tag_pos of every start tag */
	GArray *ends;   /* size_t: the offset just after every end tag (or "/>") */
	guint n_start, n_end;
	GPtrArray *stack; /* local names */
	GString *buf;
	char *version;
	guint ntry_depth; /* stack length with the Ntry on it, 0 = outside */
	guint bal_depth;
	struct ntry n;
	struct bal b;
	/* the statement being read */
	int64_t stmt_line;
	char *acct;
	bool has_open, has_close;
	int64_t open_minor, close_minor, close_line, sum;
	GPtrArray *accounts;
};

static void
ntry_clear(struct ntry *n)
{
	g_free(n->amt);
	g_free(n->ccy);
	g_free(n->cdi);
	g_free(n->sts);
	g_free(n->bookg);
	g_free(n->val);
	g_free(n->acct_ref);
	g_free(n->ntry_ref);
	g_free(n->tx_ref);
	g_free(n->e2e);
	g_free(n->dbtr);
	g_free(n->cdtr);
	g_free(n->addtl_ntry);
	g_free(n->addtl_tx);
	if (n->ustrd)
		g_string_free(n->ustrd, TRUE);
	memset(n, 0, sizeof(*n));
}

static void
bal_clear(struct bal *b)
{
	g_free(b->cd);
	g_free(b->amt);
	g_free(b->ccy);
	g_free(b->cdi);
	g_free(b->date);
	memset(b, 0, sizeof(*b));
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

/* The start and end tags of the document in order (see the top). */
static void
tags_index(struct camt *c)
{
	const char *t = c->text, *end = t + c->len, *p = t;
	int64_t line = 1;
	const char *counted = t; /* lines are counted up to here */
	while ((p = memchr(p, '<', (size_t)(end - p))) != NULL) {
		for (; counted < p; counted++)
			line += *counted == '\n';
		const char *skip = NULL;
		if (end - p >= 4 && memcmp(p, "<!--", 4) == 0)
			skip = find(p + 4, end, "-->");
		else if (end - p >= 9 && memcmp(p, "<![CDATA[", 9) == 0)
			skip = find(p + 9, end, "]]>");
		else if (end - p >= 2 && p[1] == '?')
			skip = find(p + 2, end, "?>");
		if (skip != NULL || (end - p >= 2 && (p[1] == '!' || p[1] == '?'))) {
			const char *gt = skip ? skip : memchr(p, '>', (size_t)(end - p));
			if (gt == NULL)
				return;
			p = gt + 1;
			continue;
		}
		/* the tag's '>', outside quoted attribute values */
		const char *q = p + 1;
		char quote = 0;
		for (; q < end && (quote || *q != '>'); q++)
			if (quote ? *q == quote : (*q == '"' || *q == '\''))
				quote = quote ? 0 : *q;
		if (q >= end)
			return;
		if (p[1] == '/') {
			size_t off = (size_t)(q + 1 - t);
			g_array_append_val(c->ends, off);
		} else {
			struct tag_pos tp = {(size_t)(p - t), line};
			g_array_append_val(c->starts, tp);
			if (q[-1] == '/') {
				size_t off = (size_t)(q + 1 - t);
				g_array_append_val(c->ends, off);
			}
		}
		p = q + 1;
	}
}

static const char *
local(const char *name)
{
	const char *colon = strrchr(name, ':');
	return colon ? colon + 1 : name;
}

/* True when the open elements end with the '/'-separated names of `path`. */
static bool
at(const struct camt *c, const char *path)
{
	g_auto(GStrv) parts = g_strsplit(path, "/", -1);
	guint n = g_strv_length(parts);
	if (n > c->stack->len)
		return false;
	for (guint i = 0; i < n; i++)
		if (strcmp(c->stack->pdata[c->stack->len - n + i], parts[i]) != 0)
			return false;
	return true;
}

static void
keep(char **field, const char *value)
{
	if (*field == NULL && value != NULL && *value)
		*field = g_strdup(value);
}

static void
on_start(GMarkupParseContext *ctx, const char *name, const char **an, const char **av,
         gpointer data, GError **error)
{
	(void)ctx;
	(void)error;
	struct camt *c = data;
	struct tag_pos pos = {0, 0};
	if (c->n_start < c->starts->len)
		pos = g_array_index(c->starts, struct tag_pos, c->n_start);
	c->n_start++;
	const char *ln = local(name);
	g_ptr_array_add(c->stack, g_strdup(ln));
	g_string_truncate(c->buf, 0);
	const char *ccy = NULL;
	for (size_t i = 0; an[i]; i++) {
		if (strcmp(an[i], "Ccy") == 0)
			ccy = av[i];
		if (c->version == NULL && strcmp(ln, "Document") == 0 &&
		    (strcmp(an[i], "xmlns") == 0 || g_str_has_prefix(an[i], "xmlns:"))) {
			const char *v = strstr(av[i], "camt.");
			size_t n = 0; /* "camt.053.001.02": letters, digits and dots */
			while (v != NULL && n < 16 && (g_ascii_isalnum(v[n]) || v[n] == '.'))
				n++;
			if (v != NULL)
				c->version = g_ascii_strup(v, (gssize)n);
		}
	}
	if (strcmp(ln, "Ntry") == 0 && c->ntry_depth == 0) {
		ntry_clear(&c->n);
		c->ntry_depth = c->stack->len;
		c->n.line = pos.line;
		c->n.start = pos.start;
	} else if (strcmp(ln, "Bal") == 0 && c->bal_depth == 0) {
		bal_clear(&c->b);
		c->bal_depth = c->stack->len;
		c->b.line = pos.line;
	} else if (strcmp(ln, "Stmt") == 0) {
		c->stmt_line = pos.line;
		g_clear_pointer(&c->acct, g_free);
		c->has_open = c->has_close = false;
		c->sum = 0;
	} else if (strcmp(ln, "Amt") == 0 && c->ntry_depth == c->stack->len - 1) {
		keep(&c->n.ccy, ccy);
	} else if (strcmp(ln, "Amt") == 0 && c->bal_depth == c->stack->len - 1) {
		keep(&c->b.ccy, ccy);
	}
}

static void
on_text(GMarkupParseContext *ctx, const char *text, gsize len, gpointer data, GError **error)
{
	(void)ctx;
	(void)error;
	struct camt *c = data;
	g_string_append_len(c->buf, text, (gssize)len);
}

static bool
camt_date(struct camt *c, int64_t line, const char *what, const char *text, gig_date *out,
          GError **error)
{
	if (gig__stmt_iso_date(text, true, out))
		return true;
	g_autofree char *shown = gig_text_visible(text ? text : "");
	return gig__stmt_fail(c->st, line, error,
	                      "<%s> '%s' is not a date (expected YYYY-MM-DD, or a date and time)",
	                      what, shown);
}

static bool
signed_amount(struct camt *c, int64_t line, const char *what, const char *amt, const char *ccy,
              const char *cdi, int64_t *out, GError **error)
{
	if (amt == NULL)
		return gig__stmt_fail(c->st, line, error, "<%s> has no <Amt>", what);
	if (cdi == NULL)
		return gig__stmt_fail(c->st, line, error, "<%s> has no <CdtDbtInd>", what);
	if (strcmp(cdi, "CRDT") != 0 && strcmp(cdi, "DBIT") != 0) {
		g_autofree char *shown = gig_text_visible(cdi);
		return gig__stmt_fail(c->st, line, error,
		                      "<%s>: <CdtDbtInd> '%s' is neither CRDT nor DBIT", what,
		                      shown);
	}
	if (*amt == '-' || *amt == '+') {
		g_autofree char *shown = gig_text_visible(amt);
		return gig__stmt_fail(c->st, line, error,
		                      "<%s>: <Amt> '%s' has a sign (CdtDbtInd gives it)", what,
		                      shown);
	}
	int64_t v = 0;
	if (!gig__stmt_amount(c->st, line, "<Amt>", amt, '.', ccy, &v, error))
		return false;
	*out = strcmp(cdi, "DBIT") == 0 ? -v : v;
	return true;
}

static bool
ntry_done(struct camt *c, size_t raw_end, GError **error)
{
	struct ntry *n = &c->n;
	char cur[4] = "";
	if (n->ccy != NULL && !gig__stmt_currency(n->ccy, cur)) {
		g_autofree char *shown = gig_text_visible(n->ccy);
		return gig__stmt_fail(c->st, n->line, error, "<Amt Ccy='%s'> is no currency code",
		                      shown);
	}
	int64_t amount = 0;
	if (!signed_amount(c, n->line, "Ntry", n->amt, cur, n->cdi, &amount, error))
		return false;
	const char *date = n->bookg ? n->bookg : n->val;
	if (date == NULL)
		return gig__stmt_fail(c->st, n->line, error,
		                      "<Ntry> has neither <BookgDt> nor <ValDt>");
	gig_date on = GIG_DATE_NONE;
	if (!camt_date(c, n->line, n->bookg ? "BookgDt" : "ValDt", date, &on, error))
		return false;
	const char *sts = n->sts ? n->sts : "BOOK";
	if (strcmp(sts, "INFO") == 0)
		return true; /* information only: no entry on the account */
	bool pending = strcmp(sts, "PDNG") == 0;
	if (!pending && strcmp(sts, "BOOK") != 0) {
		g_autofree char *shown = gig_text_visible(sts);
		return gig__stmt_fail(c->st, n->line, error,
		                      "<Ntry>: <Sts> '%s' is none of BOOK, PDNG, INFO", shown);
	}
	const char *party = amount < 0 ? n->cdtr : n->dbtr;
	if (party == NULL)
		party = amount < 0 ? n->dbtr : n->cdtr;
	const char *ustrd = n->ustrd ? n->ustrd->str : NULL;
	const char *payee = party           ? party
	                    : ustrd         ? ustrd
	                    : n->addtl_ntry ? n->addtl_ntry
	                                    : n->addtl_tx;
	const char *memo = payee != ustrd ? ustrd : NULL;
	if (memo == NULL && payee != n->addtl_ntry)
		memo = n->addtl_ntry;
	const char *id = n->acct_ref ? n->acct_ref : n->ntry_ref ? n->ntry_ref : n->tx_ref;
	if (id == NULL && n->e2e != NULL && strcmp(n->e2e, "NOTPROVIDED") != 0)
		id = n->e2e;
	size_t end = raw_end > n->start && raw_end <= c->len ? raw_end : n->start;
	gig__stmt_add(c->st, n->line, on, amount, cur, payee, memo, id, c->text + n->start,
	              end - n->start, pending);
	if (!pending && !gig_money_add(&c->sum, c->sum, amount))
		c->sum = 0; /* cannot be checked; the total overflows later anyway */
	return true;
}

static bool
bal_done(struct camt *c, GError **error)
{
	struct bal *b = &c->b;
	if (b->cd == NULL)
		return true;
	bool closing = strcmp(b->cd, "CLBD") == 0;
	bool opening = strcmp(b->cd, "OPBD") == 0 || strcmp(b->cd, "PRCD") == 0;
	if (!closing && !opening)
		return true; /* interim, available, forward balances */
	char cur[4] = "";
	if (b->ccy != NULL)
		gig__stmt_currency(b->ccy, cur);
	int64_t v = 0;
	if (!signed_amount(c, b->line, "Bal", b->amt, cur, b->cdi, &v, error))
		return false;
	gig_date on = GIG_DATE_NONE;
	if (b->date != NULL && !camt_date(c, b->line, "Dt", b->date, &on, error))
		return false;
	if (opening && !c->has_open) {
		c->has_open = true;
		c->open_minor = v;
	}
	if (closing) {
		c->has_close = true;
		c->close_minor = v;
		c->close_line = b->line;
		gig__stmt *st = c->st;
		if (!st->has_closing || on == GIG_DATE_NONE || st->closing_on == GIG_DATE_NONE ||
		    on >= st->closing_on) {
			st->has_closing = true;
			st->closing_minor = v;
			st->closing_on = on;
		}
	}
	return true;
}

static void
stmt_done(struct camt *c)
{
	if (c->has_open && c->has_close)
		gig__stmt_check(c->st, c->open_minor, c->sum, c->close_minor, c->close_line,
		                "closing balance (CLBD) does not follow from the opening balance");
	if (c->acct != NULL) {
		bool known = false;
		for (guint i = 0; i < c->accounts->len; i++)
			known |= strcmp(c->accounts->pdata[i], c->acct) == 0;
		if (!known)
			g_ptr_array_add(c->accounts, g_strdup(c->acct));
	}
}

static void
on_end(GMarkupParseContext *ctx, const char *name, gpointer data, GError **error)
{
	(void)ctx;
	(void)name;
	struct camt *c = data;
	size_t raw_end = 0;
	if (c->n_end < c->ends->len)
		raw_end = g_array_index(c->ends, size_t, c->n_end);
	c->n_end++;
	g_autofree char *v = g_strstrip(g_strdup(c->buf->str));
	g_string_truncate(c->buf, 0);
	struct ntry *n = &c->n;
	const char *ln = c->stack->pdata[c->stack->len - 1];
	bool ok = true;
	if (c->ntry_depth != 0 && c->stack->len == c->ntry_depth) {
		ok = ntry_done(c, raw_end, error);
		ntry_clear(n);
		c->ntry_depth = 0;
	} else if (c->ntry_depth != 0) {
		guint rel = c->stack->len - c->ntry_depth; /* 1 = a child of the Ntry */
		if (rel == 1 && strcmp(ln, "Amt") == 0)
			keep(&n->amt, v);
		else if (rel == 1 && strcmp(ln, "CdtDbtInd") == 0)
			keep(&n->cdi, v);
		else if ((rel == 1 && strcmp(ln, "Sts") == 0) || (rel == 2 && at(c, "Sts/Cd")))
			keep(&n->sts, v);
		else if (rel == 2 && (at(c, "BookgDt/Dt") || at(c, "BookgDt/DtTm")))
			keep(&n->bookg, v);
		else if (rel == 2 && (at(c, "ValDt/Dt") || at(c, "ValDt/DtTm")))
			keep(&n->val, v);
		else if (rel == 1 && strcmp(ln, "AcctSvcrRef") == 0)
			keep(&n->acct_ref, v);
		else if (rel == 1 && strcmp(ln, "NtryRef") == 0)
			keep(&n->ntry_ref, v);
		else if (rel == 1 && strcmp(ln, "AddtlNtryInf") == 0)
			keep(&n->addtl_ntry, v);
		else if (at(c, "TxDtls/Refs/AcctSvcrRef"))
			keep(&n->tx_ref, v);
		else if (at(c, "TxDtls/Refs/EndToEndId"))
			keep(&n->e2e, v);
		else if (at(c, "RltdPties/Dbtr/Nm") || at(c, "RltdPties/Dbtr/Pty/Nm"))
			keep(&n->dbtr, v);
		else if (at(c, "RltdPties/Cdtr/Nm") || at(c, "RltdPties/Cdtr/Pty/Nm"))
			keep(&n->cdtr, v);
		else if (at(c, "TxDtls/AddtlTxInf"))
			keep(&n->addtl_tx, v);
		else if (at(c, "RmtInf/Ustrd") && *v) {
			if (n->ustrd == NULL)
				n->ustrd = g_string_new(NULL);
			else
				g_string_append_c(n->ustrd, ' ');
			g_string_append(n->ustrd, v);
		}
	} else if (c->bal_depth != 0 && c->stack->len == c->bal_depth) {
		ok = bal_done(c, error);
		bal_clear(&c->b);
		c->bal_depth = 0;
	} else if (c->bal_depth != 0) {
		guint rel = c->stack->len - c->bal_depth;
		if (at(c, "Tp/CdOrPrtry/Cd"))
			keep(&c->b.cd, v);
		else if (rel == 1 && strcmp(ln, "Amt") == 0)
			keep(&c->b.amt, v);
		else if (rel == 1 && strcmp(ln, "CdtDbtInd") == 0)
			keep(&c->b.cdi, v);
		else if (rel == 2 && (at(c, "Dt/Dt") || at(c, "Dt/DtTm")))
			keep(&c->b.date, v);
	} else if (at(c, "Stmt/Acct/Id/IBAN") || at(c, "Stmt/Acct/Id/Othr/Id")) {
		keep(&c->acct, v);
	} else if (strcmp(ln, "Stmt") == 0) {
		stmt_done(c);
	}
	g_free(g_ptr_array_steal_index(c->stack, c->stack->len - 1));
	(void)ok; /* a failure has set *error, which stops the parse */
}

bool
gig__camt_read(gig__stmt *st, const char *text, size_t len, GError **error)
{
	struct camt c = {.st = st, .text = text, .len = len};
	c.starts = g_array_new(FALSE, FALSE, sizeof(struct tag_pos));
	c.ends = g_array_new(FALSE, FALSE, sizeof(size_t));
	c.stack = g_ptr_array_new_with_free_func(g_free);
	c.buf = g_string_new(NULL);
	c.accounts = g_ptr_array_new_with_free_func(g_free);
	tags_index(&c);
	static const GMarkupParser parser = {on_start, on_end, on_text, NULL, NULL};
	GMarkupParseContext *ctx =
	    g_markup_parse_context_new(&parser, G_MARKUP_TREAT_CDATA_AS_TEXT, &c, NULL);
	GError *e = NULL;
	bool ok = g_markup_parse_context_parse(ctx, text, (gssize)len, &e) &&
	          g_markup_parse_context_end_parse(ctx, &e);
	g_markup_parse_context_free(ctx);
	if (!ok) {
		if (e->domain == GIG_ERROR) {
			g_propagate_error(error, e);
		} else {
			/* GMarkup's message names the line and character; it may quote
			 * a cut character, so it is made safe to print */
			g_autofree char *msg = gig_text_visible(e->message);
			gig__stmt_fail(st, 0, error, "not well-formed XML: %s", msg);
			g_error_free(e);
		}
	}
	if (ok && c.version == NULL)
		ok = gig__stmt_fail(st, 0, error, "no camt.053 <Document> (its xmlns names none)");
	if (ok && !g_str_has_prefix(c.version, "CAMT.053"))
		ok = gig__stmt_fail(st, 0, error, "a %s document, not a camt.053 statement",
		                    c.version);
	if (ok && c.accounts->len > 1)
		ok = gig__stmt_fail(st, 0, error,
		                    "the file holds statements of %u accounts; gig imports one "
		                    "account at a time: export each account on its own",
		                    c.accounts->len);
	if (ok) {
		st->format = g_strdup(c.version);
		st->date_rule = g_strdup("YYYY-MM-DD (BookgDt)");
		st->sign_rule = g_strdup("CdtDbtInd (CRDT +, DBIT -)");
		if (c.accounts->len == 1)
			st->account = g_strdup(c.accounts->pdata[0]);
	}
	ntry_clear(&c.n);
	bal_clear(&c.b);
	g_free(c.acct);
	g_free(c.version);
	g_array_unref(c.starts);
	g_array_unref(c.ends);
	g_ptr_array_unref(c.stack);
	g_string_free(c.buf, TRUE);
	g_ptr_array_unref(c.accounts);
	return ok;
}
