/*
 * import_mt940.c: SWIFT MT940 customer statements, as banks export them
 * (one or more statements, with or without the {1:...}{4: ... -} blocks of a
 * SWIFT message around each, lines ending in CRLF or LF).
 *
 * A field starts at a line ":TAG:" and runs to the next field; the lines in
 * between continue it.  Read: :25: the account; :60F:/:60M: the opening
 * balance (D/C, YYMMDD, currency, amount with a decimal comma), which also
 * gives the currency; :61: a statement line: value date YYMMDD, optional
 * entry date MMDD (the row's date when present), the mark D, C, RD
 * (reversal of a debit: money in) or RC, an optional funds-code letter, the
 * amount, the transaction type (four characters), the customer's reference
 * and, after "//", the bank's (the row's id unless it is NONREF), then
 * supplementary details on the next line; :86: the information to the
 * account owner for the :61: before it: structured with ?NN subfields as
 * German banks write it (?32/?33 the other party's name, ?20-?29 and
 * ?60-?63 the purpose, ?00 the posting text), with /NAME/ and /REMI/ as
 * Dutch banks do, or free text; :62F:/:62M: the closing balance (the latest
 * :62F: is the stated balance; each statement's opening plus its lines is
 * checked against its closing).  A statement must have its opening balance
 * before its lines and end with a closing balance; a file with statements of
 * more than one account is refused.
 */
#include <string.h>

#include "import_stmt.h"

struct field {
	char tag[5];
	int64_t line;
	const char *start, *end; /* its bytes in the file */
	GString *text;           /* its lines, joined by '\n' */
};

static void
field_free(struct field *f)
{
	g_string_free(f->text, TRUE);
	g_free(f);
}

/* A field tag at the start of a line: ":61:", ":60F:"; its length, else 0. */
static size_t
tag_at(const char *l, char tag[5])
{
	if (l[0] != ':' || !g_ascii_isdigit(l[1]) || !g_ascii_isdigit(l[2]))
		return 0;
	size_t n = 3;
	if (g_ascii_isalpha(l[3]))
		n = 4;
	if (l[n] != ':')
		return 0;
	memcpy(tag, l + 1, n - 1);
	tag[n - 1] = '\0';
	return n + 1;
}

static void
split_fields(const char *text, size_t len, GPtrArray *out)
{
	const char *p = text, *end = text + len;
	int64_t line = 0;
	struct field *cur = NULL;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *le = nl ? nl : end, *next = nl ? nl + 1 : end;
		line++;
		g_autofree char *l = g_strndup(p, (size_t)(le - p));
		g_strchomp(l);
		char *body = l;
		/* a SWIFT message's blocks: {1:...}{2:...}{4: then the fields */
		if (body[0] == '{') {
			char *b4 = strstr(body, "{4:");
			body = b4 ? b4 + 3 : body + strlen(body);
			if (cur != NULL)
				cur = NULL; /* a new message: the last field ended */
		}
		if (body[0] == '-' && (body[1] == '\0' || body[1] == '}')) {
			cur = NULL; /* the end of a message */
			p = next;
			continue;
		}
		char tag[5];
		size_t tn = tag_at(body, tag);
		if (tn > 0) {
			cur = g_new0(struct field, 1);
			memcpy(cur->tag, tag, 5);
			cur->line = line;
			cur->start = p;
			cur->end = next;
			cur->text = g_string_new(body + tn);
			g_ptr_array_add(out, cur);
		} else if (cur != NULL) {
			g_string_append_c(cur->text, '\n');
			g_string_append(cur->text, body);
			cur->end = next;
		}
		p = next;
	}
}

struct mt {
	gig__stmt *st;
	char cur[4];
	bool open; /* a statement is being read */
	int64_t open_line;
	bool has_opening;
	int64_t opening, sum;
	GPtrArray *accounts;
};

static int
digits(const char *s, int n)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (!g_ascii_isdigit(s[i]))
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

static int
year_of(int yy)
{
	return yy < 80 ? 2000 + yy : 1900 + yy;
}

/* :60F: :62F: "C120608EUR1234,56" */
static bool
balance(struct mt *m, const struct field *f, int64_t *out, gig_date *on, GError **error)
{
	const char *s = f->text->str;
	size_t n = strlen(s);
	char cur[4];
	/* each part is looked at only when the text is long enough for it */
	int y = n >= 7 ? digits(s + 1, 2) : -1, mo = y >= 0 ? digits(s + 3, 2) : -1,
	    d = mo >= 0 ? digits(s + 5, 2) : -1;
	g_autofree char *code = n >= 11 ? g_strndup(s + 7, 3) : NULL;
	if ((s[0] != 'C' && s[0] != 'D') || d < 0 || !gig_date_from_ymd(on, year_of(y), mo, d) ||
	    code == NULL || !gig__stmt_currency(code, cur)) {
		g_autofree char *shown = gig_text_visible(s);
		return gig__stmt_fail(m->st, f->line, error,
		                      ":%s: '%s' is not a balance (expected C or D, YYMMDD, a "
		                      "currency code and an amount such as C230131EUR1234,56)",
		                      f->tag, shown);
	}
	g_autofree char *amt = g_strndup(s + 10, strcspn(s + 10, "\n"));
	if (!gig__stmt_amount(m->st, f->line, "the balance", amt, ',', cur, out, error))
		return false;
	if (s[0] == 'D')
		*out = -*out;
	memcpy(m->cur, cur, 4);
	return true;
}

static bool
is_ref(const char *s)
{
	return s != NULL && *s && g_ascii_strcasecmp(s, "NONREF") != 0;
}

/* The value of "/KEY/" in a Dutch structured :86:, up to the next "/KEY/". */
static char *
slash_value(const char *t, const char *key)
{
	g_autofree char *k = g_strdup_printf("/%s/", key);
	const char *p = strstr(t, k);
	if (p == NULL)
		return NULL;
	p += strlen(k);
	static const char *const keys[] = {"/NAME/", "/REMI/", "/EREF/", "/IBAN/", "/BIC/",
	                                   "/TRTP/", "/CSID/", "/MARF/", "/ADDR/", "/CNTP/",
	                                   "/ORDP/", "/BENM/", "/PURP/", "/RTRN/", "/ISDT/"};
	const char *stop = p + strlen(p);
	for (size_t i = 0; i < G_N_ELEMENTS(keys); i++) {
		const char *q = strstr(p, keys[i]);
		if (q != NULL && q < stop)
			stop = q;
	}
	while (stop > p && stop[-1] == '/')
		stop--;
	return g_strndup(p, (size_t)(stop - p));
}

/* Payee and memo from an :86: text. */
static void
info(const char *raw, char **payee, char **memo)
{
	*payee = NULL;
	*memo = NULL;
	/* German: three digits (the business code), then subfields "?NN" (the
	 * separator is the character after the code, usually '?') */
	char sep = raw[0] && raw[1] && raw[2] ? raw[3] : 0;
	if (digits(raw, 3) >= 0 && g_ascii_ispunct(sep) && g_ascii_isdigit(raw[4]) &&
	    g_ascii_isdigit(raw[5])) {
		GString *joined = g_string_new(NULL);
		for (const char *p = raw; *p; p++)
			if (*p != '\n')
				g_string_append_c(joined, *p); /* lines wrap inside subfields */
		GString *name = g_string_new(NULL), *purpose = g_string_new(NULL);
		g_autofree char *text = NULL;
		g_auto(GStrv) parts = g_strsplit(joined->str + 3, (char[]){sep, 0}, -1);
		for (size_t i = 0; parts[i]; i++) {
			int code = digits(parts[i], 2);
			if (code < 0)
				continue;
			const char *v = parts[i] + 2;
			if (code == 32 || code == 33)
				g_string_append(name, v);
			else if ((code >= 20 && code <= 29) || (code >= 60 && code <= 63))
				g_string_append(purpose, v);
			else if (code == 0 && text == NULL)
				text = g_strdup(v);
		}
		/* the other party, else what the payment was for, else the kind of posting */
		if (name->len > 0) {
			*payee = g_string_free(name, FALSE);
			*memo = g_string_free(purpose, FALSE);
		} else if (purpose->len > 0) {
			g_string_free(name, TRUE);
			*payee = g_string_free(purpose, FALSE);
			*memo = g_strdup(text ? text : "");
		} else {
			g_string_free(name, TRUE);
			g_string_free(purpose, TRUE);
			*payee = g_strdup(text ? text : "");
		}
		g_string_free(joined, TRUE);
		return;
	}
	/* Dutch structured text wraps at a fixed width, inside words; free text at
	 * word ends */
	GString *fl = g_string_new(NULL);
	for (const char *p = raw; *p; p++)
		if (*p != '\n')
			g_string_append_c(fl, *p);
		else if (raw[0] != '/')
			g_string_append_c(fl, ' ');
	g_autofree char *flat = g_string_free(fl, FALSE);
	char *name = flat[0] == '/' ? slash_value(flat, "NAME") : NULL;
	if (name != NULL) {
		*payee = name;
		*memo = slash_value(flat, "REMI");
		return;
	}
	*payee = g_steal_pointer(&flat);
}

static bool
statement_line(struct mt *m, const struct field *f, const struct field *f86, GError **error)
{
	gig__stmt *st = m->st;
	const char *s = f->text->str;
	const char *nl = strchr(s, '\n');
	g_autofree char *first = g_strndup(s, nl ? (size_t)(nl - s) : strlen(s));
	const char *details = nl ? nl + 1 : "";
	const char *p = first;
	g_autofree char *shown = gig_text_visible(first);
	/* a later part is read only when the one before was digits (so not the end) */
	int y = digits(p, 2), mo = y >= 0 ? digits(p + 2, 2) : -1,
	    d = mo >= 0 ? digits(p + 4, 2) : -1;
	gig_date value = GIG_DATE_NONE, on = GIG_DATE_NONE;
	if (y < 0 || mo < 0 || d < 0 || !gig_date_from_ymd(&value, year_of(y), mo, d))
		return gig__stmt_fail(st, f->line, error,
		                      ":61: '%s' does not start with a value date YYMMDD", shown);
	p += 6;
	on = value;
	int em = digits(p, 2), ed = em >= 0 ? digits(p + 2, 2) : -1;
	if (em >= 0 && ed >= 0) {
		int ey = year_of(y);
		if (em < mo - 6)
			ey++; /* booked in January for a December value date */
		else if (em > mo + 6)
			ey--;
		if (!gig_date_from_ymd(&on, ey, em, ed))
			return gig__stmt_fail(st, f->line, error,
			                      ":61: '%s': the entry date MMDD '%.4s' is no date",
			                      shown, p);
		p += 4;
	}
	int sign = 0;
	if (p[0] == 'R' && (p[1] == 'C' || p[1] == 'D')) {
		sign = p[1] == 'C' ? -1 : 1; /* the reversal of a credit takes money out */
		p += 2;
	} else if (p[0] == 'E' && (p[1] == 'C' || p[1] == 'D')) {
		sign = p[1] == 'C' ? 1 : -1;
		p += 2;
	} else if (p[0] == 'C' || p[0] == 'D') {
		sign = p[0] == 'C' ? 1 : -1;
		p++;
	} else {
		return gig__stmt_fail(st, f->line, error,
		                      ":61: '%s': no debit/credit mark (D, C, RD or RC) after the "
		                      "dates",
		                      shown);
	}
	if (g_ascii_isalpha(*p))
		p++; /* the funds code */
	size_t an = strspn(p, "0123456789,");
	g_autofree char *amt = g_strndup(p, an);
	int64_t amount = 0;
	if (an == 0)
		return gig__stmt_fail(st, f->line, error, ":61: '%s': no amount after the mark",
		                      shown);
	if (!gig__stmt_amount(st, f->line, ":61: amount", amt, ',', m->cur, &amount, error))
		return false;
	p += an;
	/* the transaction type: N, S or F and three characters */
	for (int i = 0; i < 4 && *p; i++)
		p = g_utf8_next_char(p); /* characters, not bytes */
	const char *slashes = strstr(p, "//");
	g_autofree char *cref = g_strndup(p, slashes ? (size_t)(slashes - p) : strlen(p));
	g_autofree char *bref = g_strdup(slashes ? slashes + 2 : "");
	g_strstrip(cref);
	g_strstrip(bref);
	g_autofree char *payee = NULL, *memo = NULL;
	if (f86 != NULL)
		info(f86->text->str, &payee, &memo);
	if (payee == NULL || !*payee) {
		g_free(payee);
		payee = g_strdup(*details ? details : is_ref(cref) ? cref : "");
	}
	const char *id = is_ref(bref) ? bref : is_ref(cref) ? cref : NULL;
	const char *end = f86 ? f86->end : f->end;
	gig__stmt_add(st, f->line, on, sign * amount, m->cur, payee, memo, id, f->start,
	              (size_t)(end - f->start), false);
	if (!gig_money_add(&m->sum, m->sum, sign * amount))
		m->sum = 0;
	return true;
}

bool
gig__mt940_read(gig__stmt *st, const char *text, size_t len, GError **error)
{
	g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func((GDestroyNotify)field_free);
	split_fields(text, len, fields);
	struct mt m = {.st = st};
	m.accounts = g_ptr_array_new_with_free_func(g_free);
	bool ok = true;
	int statements = 0;
	for (guint i = 0; ok && i < fields->len; i++) {
		const struct field *f = fields->pdata[i];
		const char *t = f->tag;
		if (strcmp(t, "20") == 0 && m.open) {
			ok = gig__stmt_fail(
			    st, m.open_line, error,
			    "the statement has no closing balance (:62F:) before the "
			    "next one (line %" G_GINT64_FORMAT ")",
			    f->line);
		} else if (strcmp(t, "20") == 0) {
			m.open = true;
			m.open_line = f->line;
			m.has_opening = false;
			m.sum = 0;
		} else if (strcmp(t, "25") == 0) {
			g_autofree char *acct = g_strstrip(g_strdup(f->text->str));
			bool known = false;
			for (guint k = 0; k < m.accounts->len; k++)
				known |= strcmp(m.accounts->pdata[k], acct) == 0;
			if (!known && *acct)
				g_ptr_array_add(m.accounts, g_steal_pointer(&acct));
		} else if (strcmp(t, "60F") == 0 || strcmp(t, "60M") == 0) {
			gig_date on;
			if (!m.open) {
				m.open = true;
				m.open_line = f->line;
				m.sum = 0;
			}
			ok = balance(&m, f, &m.opening, &on, error);
			m.has_opening = ok;
		} else if (strcmp(t, "61") == 0) {
			if (!m.has_opening) {
				ok = gig__stmt_fail(
				    st, f->line, error,
				    ":61: before the statement's opening balance (:60F:)");
				break;
			}
			const struct field *f86 = NULL;
			if (i + 1 < fields->len &&
			    strcmp(((struct field *)fields->pdata[i + 1])->tag, "86") == 0)
				f86 = fields->pdata[++i];
			ok = statement_line(&m, f, f86, error);
		} else if (strcmp(t, "62F") == 0 || strcmp(t, "62M") == 0) {
			int64_t closing = 0;
			gig_date on = GIG_DATE_NONE;
			ok = balance(&m, f, &closing, &on, error);
			if (!ok)
				break;
			if (!m.has_opening) {
				ok = gig__stmt_fail(
				    st, f->line, error,
				    ":%s: closes a statement that has no opening balance "
				    "(:60F:)",
				    t);
				break;
			}
			gig__stmt_check(st, m.opening, m.sum, closing, f->line,
			                "closing balance (:62F:) does not follow from the opening "
			                "balance (:60F:)");
			if (t[2] == 'F' && (!st->has_closing || on >= st->closing_on)) {
				st->has_closing = true;
				st->closing_minor = closing;
				st->closing_on = on;
			}
			m.open = false;
			m.has_opening = false;
			statements++;
		}
	}
	if (ok && m.open)
		ok = gig__stmt_fail(st, m.open_line, error,
		                    "the statement has no closing balance (:62F:): the file ends "
		                    "first (truncated?)");
	if (ok && statements == 0)
		ok =
		    gig__stmt_fail(st, 0, error, "no MT940 statement (:20: ... :62F:) in the file");
	if (ok && m.accounts->len > 1)
		ok = gig__stmt_fail(st, 0, error,
		                    "the file holds statements of %u accounts; gig imports one "
		                    "account at a time: export each account on its own",
		                    m.accounts->len);
	if (ok) {
		st->format = g_strdup("MT940");
		st->date_rule = g_strdup("YYMMDD (:61: entry date, else value date)");
		st->sign_rule = g_strdup(":61: mark (C, RD +; D, RC -)");
		st->decimal_mark = ',';
		if (m.accounts->len == 1)
			st->account = g_strdup(m.accounts->pdata[0]);
	}
	g_ptr_array_unref(m.accounts);
	return ok;
}
