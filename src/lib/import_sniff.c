/*
 * import_sniff.c: what each column of a bank export means, from its header name.
 *
 * Header names are normalised (casefolded, accents dropped, punctuation to
 * blanks) and looked up in the tables of data/column-names.ini (names used
 * by banks in many languages, and loose words; compiled into the library,
 * installed beside the bank profiles, GIG_COLUMN_NAMES=FILE to try another
 * file).  A trailing
 * currency code ("Amount (EUR)", "Withdrawals (SGD)") is remembered and
 * dropped before the lookup.  When several columns claim one role the one
 * with the better rank wins (a booking date beats a transaction date), then
 * the leftmost.  The scanner later checks every claim against the values.
 */
#include <string.h>

#include "import_internal.h"

const char *const gig__col_role_names[GIG__COL_ROLES] = {
    "date",  "date_fallback", "value_date", "payee",     "from",     "to",      "amount", "net",
    "debit", "credit",        "fee",        "direction", "currency", "balance", "id",     "status",
};

#define ROLE_MEMO GIG__COL_ROLES
#define ROLE_IGNORE (GIG__COL_ROLES + 1)

/*
 * The name tables (data/column-names.ini, compiled in; GIG_COLUMN_NAMES=FILE
 * reads FILE instead): exact names, the banks' own spellings (normalised
 * here, by an index), and loose words, each entry a role and a rank.
 */
struct name_entry {
	char *name; /* as written in the file */
	int role;   /* GIG__COL_*, ROLE_MEMO or ROLE_IGNORE */
	int rank;
};

struct name_tables {
	GArray *exact, *more, *words; /* struct name_entry, in the file's order */
	GHashTable *more_index;       /* normalised name -> index + 1 into more */
};

static int
role_by_name(const char *s)
{
	if (strcmp(s, "memo") == 0)
		return ROLE_MEMO;
	if (strcmp(s, "ignore") == 0)
		return ROLE_IGNORE;
	for (int r = 0; r < GIG__COL_ROLES; r++)
		if (strcmp(s, gig__col_role_names[r]) == 0)
			return r;
	return -1;
}

/* Reads the groups "[exact ROLE]", "[more ROLE]", "[word ROLE]" of `kf`. */
static void
tables_fill(struct name_tables *t, GKeyFile *kf)
{
	g_auto(GStrv) groups = g_key_file_get_groups(kf, NULL);
	for (size_t g = 0; groups[g] != NULL; g++) {
		const char *sp = strchr(groups[g], ' ');
		int role = sp != NULL ? role_by_name(sp + 1) : -1;
		GArray *into = NULL;
		if (sp != NULL && strncmp(groups[g], "exact", (size_t)(sp - groups[g])) == 0)
			into = t->exact;
		else if (sp != NULL && strncmp(groups[g], "more", (size_t)(sp - groups[g])) == 0)
			into = t->more;
		else if (sp != NULL && strncmp(groups[g], "word", (size_t)(sp - groups[g])) == 0)
			into = t->words;
		if (into == NULL || role < 0) {
			g_warning("column names: group [%s] is not [exact|more|word ROLE]",
			          groups[g]);
			continue;
		}
		g_auto(GStrv) keys = g_key_file_get_keys(kf, groups[g], NULL, NULL);
		for (size_t k = 0; keys != NULL && keys[k] != NULL; k++) {
			struct name_entry e = {
			    g_strdup(keys[k]), role,
			    g_key_file_get_integer(kf, groups[g], keys[k], NULL)};
			g_array_append_val(into, e);
		}
	}
	for (guint i = 0; i < t->more->len; i++) {
		char *n = gig__header_norm(g_array_index(t->more, struct name_entry, i).name);
		if (g_hash_table_contains(t->more_index, n))
			g_free(n); /* listed twice: the first stays */
		else
			g_hash_table_insert(t->more_index, n, GSIZE_TO_POINTER(i + 1));
	}
}

static const struct name_tables *
tables(void)
{
	static gsize once = 0;
	static struct name_tables t;
	if (g_once_init_enter(&once)) {
		t.exact = g_array_new(FALSE, FALSE, sizeof(struct name_entry));
		t.more = g_array_new(FALSE, FALSE, sizeof(struct name_entry));
		t.words = g_array_new(FALSE, FALSE, sizeof(struct name_entry));
		t.more_index = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
		g_autoptr(GKeyFile) kf = g_key_file_new();
		g_autoptr(GError) e = NULL;
		const char *file = g_getenv("GIG_COLUMN_NAMES");
		bool ok = file != NULL && *file != '\0'
		              ? g_key_file_load_from_file(kf, file, G_KEY_FILE_NONE, &e)
		              : g_key_file_load_from_data(kf, (const char *)gig__column_names_ini,
		                                          (gsize)-1, G_KEY_FILE_NONE, &e);
		if (ok)
			tables_fill(&t, kf);
		else
			g_warning("column names %s: %s", file ? file : "(built in)", e->message);
		g_once_init_leave(&once, 1);
	}
	return &t;
}

#define ENTRY(arr, i) (&g_array_index((arr), struct name_entry, (i)))

static const char *const currency_words[] = {"eur", "usd", "gbp", "sgd", "chf", "jpy",
                                             "huf", "jod", "brl", "nzd", "aud", "cad",
                                             "sek", "nok", "dkk", "pln", "czk"};

size_t
gig__ascii_norm(const char *name, char *buf, size_t cap)
{
	size_t n = 0;
	bool blank = true;
	for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
		unsigned char c = *p;
		if (c >= 0x80)
			return (size_t)-1;
		if (g_ascii_isalnum(c)) {
			if (n + 1 >= cap)
				return (size_t)-1;
			buf[n++] = (char)g_ascii_tolower(c);
			blank = false;
		} else if (!blank) {
			if (n + 1 >= cap)
				return (size_t)-1;
			buf[n++] = ' ';
			blank = true;
		}
	}
	if (n > 0 && buf[n - 1] == ' ')
		n--;
	buf[n] = '\0';
	return n;
}

char *
gig__header_norm(const char *name)
{
	/* ASCII (nearly every cell) needs neither case folding nor NFD */
	char small[128];
	if (gig__ascii_norm(name, small, sizeof(small)) != (size_t)-1)
		return g_strdup(small);
	g_autofree char *fold = g_utf8_casefold(name, -1);
	g_autofree char *nfd = g_utf8_normalize(fold, -1, G_NORMALIZE_NFD);
	if (nfd == NULL)
		return g_strdup("");
	GString *out = g_string_new(NULL);
	bool blank = true;
	for (const char *p = nfd; *p; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);
		if (g_unichar_type(c) == G_UNICODE_NON_SPACING_MARK)
			continue;
		if (g_unichar_isalnum(c)) {
			g_string_append_unichar(out, c);
			blank = false;
		} else if (!blank) {
			g_string_append_c(out, ' ');
			blank = true;
		}
	}
	if (out->len > 0 && out->str[out->len - 1] == ' ')
		g_string_truncate(out, out->len - 1);
	return g_string_free(out, FALSE);
}

/* Role and rank of one header name; -1 when unknown.  *cur gets a currency word. */
static int
lookup(const char *raw, int *rank, char cur[4])
{
	const struct name_tables *t = tables();
	g_autofree char *n = gig__header_norm(raw);
	for (int pass = 0; pass < 2; pass++) {
		for (guint i = 0; i < t->exact->len; i++) {
			if (strcmp(ENTRY(t->exact, i)->name, n) == 0) {
				*rank = ENTRY(t->exact, i)->rank;
				return ENTRY(t->exact, i)->role;
			}
		}
		/* "amount eur" -> "amount" with currency EUR */
		char *sp = strrchr(n, ' ');
		if (pass > 0 || sp == NULL)
			break;
		bool is_cur = false;
		for (size_t i = 0; i < G_N_ELEMENTS(currency_words); i++)
			is_cur |= strcmp(sp + 1, currency_words[i]) == 0;
		if (!is_cur)
			break;
		if (cur != NULL) {
			for (int i = 0; i < 3; i++)
				cur[i] = g_ascii_toupper(sp[1 + i]);
			cur[3] = '\0';
		}
		*sp = '\0';
	}
	void *hit = g_hash_table_lookup(t->more_index, n);
	if (hit != NULL) {
		const struct name_entry *m = ENTRY(t->more, GPOINTER_TO_SIZE(hit) - 1);
		*rank = m->rank;
		return m->role;
	}
	/* a looser look at the words, for names we have not seen */
	g_auto(GStrv) words = g_strsplit(n, " ", -1);
	for (size_t i = 0; words[i]; i++) {
		const char *w = words[i];
		*rank = 5;
		if (strcmp(w, "date") == 0 || strcmp(w, "datum") == 0)
			return GIG__COL_DATE;
		if (strcmp(w, "amount") == 0 || strcmp(w, "betrag") == 0)
			return GIG__COL_AMOUNT;
		if (strcmp(w, "balance") == 0 || strcmp(w, "saldo") == 0)
			return GIG__COL_BALANCE;
	}
	/* the same with the words of other languages, and whole names of the second
	 * table inside a longer one ("Importo Uscite" says debit) */
	for (size_t i = 0; words[i]; i++) {
		hit = g_hash_table_lookup(t->more_index, words[i]);
		if (hit != NULL && ENTRY(t->more, GPOINTER_TO_SIZE(hit) - 1)->role != ROLE_MEMO) {
			*rank = 5;
			return ENTRY(t->more, GPOINTER_TO_SIZE(hit) - 1)->role;
		}
	}
	/* CJK names have no blanks between words: a known CJK name inside one
	 * ("入金金額(円)" holds 入金, money in) */
	int cjk = -1;
	size_t cjk_len = 0;
	for (guint i = 0; i < t->more->len; i++) {
		const char *m = ENTRY(t->more, i)->name;
		size_t len = strlen(m);
		int role = ENTRY(t->more, i)->role;
		if ((unsigned char)m[0] < 0xE3 || role == ROLE_MEMO || strstr(n, m) == NULL)
			continue;
		/* the longest; at equal length a side (出金, 入金) beats 金額 */
		bool side = role == GIG__COL_DEBIT || role == GIG__COL_CREDIT;
		if (cjk < 0 || len > cjk_len ||
		    (len == cjk_len && side && ENTRY(t->more, cjk)->role == GIG__COL_AMOUNT)) {
			cjk = (int)i;
			cjk_len = len;
		}
	}
	if (cjk >= 0) {
		*rank = 5;
		return ENTRY(t->more, cjk)->role;
	}
	for (guint j = 0; j < t->words->len; j++) {
		for (size_t i = 0; words[i]; i++) {
			if (strcmp(words[i], ENTRY(t->words, j)->name) == 0) {
				*rank = 5;
				return ENTRY(t->words, j)->role;
			}
		}
	}
	return -1;
}

bool
gig__header_currency(const char *name, char cur[4])
{
	g_autofree char *n = gig__header_norm(name);
	const char *sp = strrchr(n, ' ');
	const char *w = sp ? sp + 1 : n;
	for (size_t i = 0; sp != NULL && i < G_N_ELEMENTS(currency_words); i++) {
		if (strcmp(w, currency_words[i]) == 0) {
			for (int k = 0; k < 3; k++)
				cur[k] = g_ascii_toupper(w[k]);
			cur[3] = '\0';
			return true;
		}
	}
	return false;
}

int
gig__header_role(const char *name, int *rank)
{
	int role = lookup(name, rank, NULL);
	return role == ROLE_IGNORE ? -1 : role;
}

int
gig__header_score(char **fields, size_t n)
{
	int score = 0;
	for (size_t i = 0; i < n; i++) {
		int rank;
		int role = lookup(fields[i], &rank, NULL);
		if (role >= 0 && role != ROLE_IGNORE && rank < 5)
			score++;
	}
	return score;
}

void
gig__layout_clear(gig__layout *l)
{
	g_strfreev(l->names);
	g_free(l->date_format);
	g_free(l->currency);
	g_free(l->profile);
	memset(l, 0, sizeof(*l));
	for (int i = 0; i < GIG__COL_ROLES; i++)
		l->col[i] = -1;
	l->header_index = -1;
}

const char *
gig__layout_name(const gig__layout *l, int c)
{
	/* bounded by the header, not by ncols: rows can be wider than their header */
	if (l->names == NULL || c < 0 || (size_t)c >= l->n_names)
		return NULL;
	return l->names[c];
}

bool
gig__layout_from_header(gig__layout *l, char **fields, size_t n)
{
	int best[GIG__COL_ROLES];
	for (int i = 0; i < GIG__COL_ROLES; i++) {
		best[i] = 100;
		l->col[i] = -1;
	}
	l->n_memo = 0;
	l->ncols = n;
	g_strfreev(l->names);
	l->names = g_new0(char *, n + 1);
	l->n_names = n;
	int found = 0;
	for (size_t i = 0; i < n; i++) {
		l->names[i] = g_strstrip(g_strdup(fields[i]));
		int rank;
		char cur[4] = "";
		int role = lookup(fields[i], &rank, cur);
		if (role < 0 || role == ROLE_IGNORE)
			continue;
		found++;
		if (cur[0] != '\0' && (role == GIG__COL_AMOUNT || role == GIG__COL_DEBIT ||
		                       role == GIG__COL_CREDIT || role == GIG__COL_NET))
			memcpy(l->header_currency, cur, 4);
		if (role == ROLE_MEMO) {
			if (l->n_memo < GIG__MAX_MEMO)
				l->memo[l->n_memo++] = (int)i;
		} else if (rank < best[role]) {
			best[role] = rank;
			l->col[role] = (int)i;
		}
	}
	bool money = l->col[GIG__COL_AMOUNT] >= 0 || l->col[GIG__COL_NET] >= 0 ||
	             l->col[GIG__COL_DEBIT] >= 0 || l->col[GIG__COL_CREDIT] >= 0;
	bool date = l->col[GIG__COL_DATE] >= 0 || l->col[GIG__COL_VALUE_DATE] >= 0;
	return found >= 2 && money && date;
}

char *
gig__layout_describe(const gig__layout *l)
{
	GString *s = g_string_new(NULL);
	for (int i = 0; i < GIG__COL_ROLES; i++) {
		int c = l->col[i];
		if (c < 0)
			continue;
		const char *nm = gig__layout_name(l, c);
		if (nm != NULL && *nm)
			g_string_append_printf(s, "%s%s='%s'", s->len ? " " : "",
			                       gig__col_role_names[i], nm);
		else
			g_string_append_printf(s, "%s%s=#%d", s->len ? " " : "",
			                       gig__col_role_names[i], c + 1);
	}
	for (size_t i = 0; i < l->n_memo; i++) {
		int c = l->memo[i];
		const char *nm = gig__layout_name(l, c);
		if (nm != NULL && *nm)
			g_string_append_printf(s, " memo='%s'", nm);
		else
			g_string_append_printf(s, " memo=#%d", c + 1);
	}
	return g_string_free(s, FALSE);
}

void
gig__text_norm_append(GString *out, const char *text)
{
	const char *t = text ? text : "";
	const unsigned char *p = (const unsigned char *)t;
	size_t start = out->len;
	bool blank = true;
	/* ASCII (nearly every cell) needs no Unicode case folding: lower-case it in place */
	for (; *p && *p < 0x80; p++) {
		if (g_ascii_isspace(*p)) {
			if (!blank)
				g_string_append_c(out, ' ');
			blank = true;
		} else {
			g_string_append_c(out, (char)g_ascii_tolower(*p));
			blank = false;
		}
	}
	if (*p != '\0') {
		g_string_truncate(out, start);
		g_autofree char *fold = g_utf8_casefold(t, -1);
		blank = true;
		for (const char *q = fold; *q; q++) {
			if (g_ascii_isspace(*q)) {
				if (!blank)
					g_string_append_c(out, ' ');
				blank = true;
			} else {
				g_string_append_c(out, *q);
				blank = false;
			}
		}
	}
	if (out->len > start && out->str[out->len - 1] == ' ')
		g_string_truncate(out, out->len - 1);
}

char *
gig__text_norm(const char *text)
{
	GString *out = g_string_sized_new(text ? strlen(text) : 0);
	gig__text_norm_append(out, text);
	return g_string_free(out, FALSE);
}
