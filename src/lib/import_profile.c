/*
 * import_profile.c: bank profiles, small GLib key files that fix what the sniffer
 * would otherwise guess.
 *
 *	[profile]
 *	name=nz-credit-card
 *	header=none                 # or auto (default)
 *	match_regex=^\d{4}/...      # auto-selection for files without a header
 *	match_header=Date,Amount    # auto-selection by header fingerprint
 *	encoding=ISO-8859-1
 *	delimiter=;                 # "tab" for TAB
 *	date_format=%d.%m.%Y
 *	decimal_mark=,
 *	currency=NZD
 *	invert_sign=true            # the file shows the issuer's view
 *	[columns]
 *	date=1                      # 1-based column number, or a header name
 *	amount=Betrag
 *	memo=5,8
 *
 * A profile is user input: every group, key and value is checked when the
 * file is loaded (unknown keys, values of the wrong type or out of range,
 * bytes that are not UTF-8), and the columns once more against the file
 * being imported (a name its header lacks, a number past its widest row).
 * Every refusal reads "FILE: [group] key (line N): what is wrong".  GKeyFile
 * keeps no line numbers, so load_data() finds them in the text itself.
 *
 * Profiles live in the directories the caller passes (the CLI passes the
 * user's $XDG_CONFIG_HOME/gigledger/profiles and the shipped ones); the
 * library never looks at the environment itself.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>

#include "gigledger/money.h"
#include "import_internal.h"

/* Larger files are refused before parsing: a profile is a few hundred bytes. */
#define PROFILE_MAX_BYTES (64 * 1024)
/* Column numbers go from 1 to this. */
#define PROFILE_MAX_COLUMN 1000
/* [columns] memo=... as a role index. */
#define ROLE_MEMO GIG__COL_ROLES

typedef struct {
	char *key;
	int line;
	int role;                  /* gig__col_role, or ROLE_MEMO */
	size_t n;                  /* columns named (1 unless memo) */
	int num[GIG__MAX_MEMO];    /* 0-based column number, or -1 when given by name */
	char *name[GIG__MAX_MEMO]; /* header name, or NULL */
} colspec;

struct gig__profile {
	char *path; /* as given, for messages */
	char *name;
	char *encoding;
	bool headerless;
	GRegex *match_regex;
	char *match_header;
	char delimiter; /* 0 = sniff */
	char *date_format;
	char decimal_mark; /* 0 = infer */
	char currency[4];  /* "" = none */
	bool invert;
	bool has_columns;
	GPtrArray *cols;   /* colspec* */
	GHashTable *lines; /* "group\nkey" and "group\n" -> line (GINT_TO_POINTER) */
};

static void
colspec_free(colspec *c)
{
	g_free(c->key);
	for (size_t i = 0; i < c->n; i++)
		g_free(c->name[i]);
	g_free(c);
}

void
gig__profile_free(gig__profile *p)
{
	if (p == NULL)
		return;
	g_free(p->path);
	g_free(p->name);
	g_free(p->encoding);
	if (p->match_regex)
		g_regex_unref(p->match_regex);
	g_free(p->match_header);
	g_free(p->date_format);
	if (p->cols)
		g_ptr_array_unref(p->cols);
	if (p->lines)
		g_hash_table_unref(p->lines);
	g_free(p);
}

/*
 * Text from the profile as it may be shown: control characters and bytes
 * that are not UTF-8 become \xNN, and long text is cut at 60 characters.
 */
static char *
shown(const char *s)
{
	GString *o = g_string_new(NULL);
	const char *p = s, *end = s + strlen(s);
	for (int n = 0; p < end; n++) {
		if (n == 60) {
			g_string_append(o, "...");
			break;
		}
		gunichar c = g_utf8_get_char_validated(p, end - p);
		if (c == (gunichar)-1 || c == (gunichar)-2) {
			g_string_append_printf(o, "\\x%02X", (unsigned char)*p++);
			continue;
		}
		if (g_unichar_iscntrl(c))
			g_string_append_printf(o, c < 0x100 ? "\\x%02X" : "\\u%04X", (unsigned)c);
		else
			g_string_append_unichar(o, c);
		p = g_utf8_next_char(p);
	}
	return g_string_free(o, FALSE);
}

static int
line_of(const gig__profile *p, const char *group, const char *key)
{
	g_autofree char *k = g_strconcat(group, "\n", key ? key : "", NULL);
	return GPOINTER_TO_INT(g_hash_table_lookup(p->lines, k));
}

/* INVALID_INPUT "FILE: [group] key (line N): MESSAGE"; key may be NULL. */
G_GNUC_PRINTF(5, 6)
static bool
fail_at(GError **error, const gig__profile *p, const char *group, const char *key, const char *fmt,
        ...)
{
	va_list ap;
	va_start(ap, fmt);
	g_autofree char *msg = g_strdup_vprintf(fmt, ap);
	va_end(ap);
	g_autofree char *g = shown(group);
	g_autofree char *k = key ? shown(key) : NULL;
	g_autofree char *path = shown(p->path);
	int line = line_of(p, group, key);
	g_autofree char *where = line > 0 ? g_strdup_printf(" (line %d)", line) : g_strdup("");
	g_set_error(error, GIG_ERROR, GIG_ERROR_INVALID_INPUT, "%s: [%s]%s%s%s: %s", path, g,
	            k ? " " : "", k ? k : "", where, msg);
	return false;
}

/*
 * Records the line of every group and key the way GKeyFile reads the text:
 * lines end at LF (a CR before it is dropped), leading blanks are skipped,
 * '#' starts a comment, "[name]" opens a group (up to its last ']') and a
 * key ends at '=' without its trailing blanks.  A key given twice keeps its
 * last line, as GKeyFile keeps its last value.
 */
static void
scan_lines(gig__profile *p, const char *text, size_t len)
{
	g_autofree char *group = NULL;
	const char *s = text, *end = text + len;
	for (int line = 1; s < end; line++) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		const char *e = nl ? nl : end;
		const char *next = nl ? nl + 1 : end;
		if (e > s && e[-1] == '\r')
			e--;
		while (s < e && g_ascii_isspace(*s))
			s++;
		if (s < e && *s == '[') {
			const char *close = e;
			while (close > s && close[-1] != ']')
				close--;
			if (close > s + 1) {
				g_free(group);
				group = g_strndup(s + 1, (size_t)(close - 1 - (s + 1)));
				char *k = g_strconcat(group, "\n", NULL);
				if (!g_hash_table_contains(p->lines, k))
					g_hash_table_insert(p->lines, k, GINT_TO_POINTER(line));
				else
					g_free(k);
			}
		} else if (s < e && *s != '#' && group != NULL) {
			const char *eq = memchr(s, '=', (size_t)(e - s));
			if (eq != NULL) {
				const char *ke = eq;
				while (ke > s && g_ascii_isspace(ke[-1]))
					ke--;
				g_autofree char *key = g_strndup(s, (size_t)(ke - s));
				g_hash_table_insert(p->lines, g_strconcat(group, "\n", key, NULL),
				                    GINT_TO_POINTER(line));
			}
		}
		s = next;
	}
}

/* The value of an existing key as UTF-8 text, or NULL with the error set. */
static char *
get_text(const gig__profile *p, GKeyFile *kf, const char *group, const char *key, GError **error)
{
	g_autofree char *raw = g_key_file_get_value(kf, group, key, NULL);
	if (raw == NULL || !g_utf8_validate(raw, -1, NULL)) {
		g_autofree char *v = shown(raw ? raw : "");
		fail_at(error, p, group, key, "the value '%s' is not UTF-8 text", v);
		return NULL;
	}
	g_autoptr(GError) local = NULL;
	char *v = g_key_file_get_string(kf, group, key, &local);
	if (v == NULL) {
		g_autofree char *m = shown(local ? local->message : "unreadable value");
		fail_at(error, p, group, key, "%s", m);
		return NULL;
	}
	if (*v == '\0') {
		g_free(v);
		fail_at(error, p, group, key, "has no value");
		return NULL;
	}
	return v;
}

static bool
has_control(const char *s)
{
	for (const char *c = s; *c; c = g_utf8_next_char(c))
		if (g_unichar_iscntrl(g_utf8_get_char(c)))
			return true;
	return false;
}

/* NULL when `f` is a date format gig__date_parse_fmt() can use, else what is wrong. */
static const char *
date_format_problem(const char *f)
{
	bool day = false, month = false, year = false;
	for (; *f; f++) {
		if (*f != '%')
			continue;
		switch (*++f) {
		case 'd':
		case 'e':
			day = true;
			break;
		case 'm':
		case 'b':
		case 'B':
		case 'h':
			month = true;
			break;
		case 'Y':
		case 'y':
			year = true;
			break;
		case 'H':
		case 'M':
		case 'S':
		case '%':
			break;
		case '\0':
			return "ends in a lone '%'";
		default:
			return "has a conversion other than %d %e %m %b %B %Y %y %H %M %S %%";
		}
	}
	/* a format without a year reads dates in the statement's year, as the
	 * importer infers for a file like "12/29" (so a saved profile loads) */
	(void)year;
	if (!day || !month)
		return "needs a day (%d) and a month (%m or %b)";
	return NULL;
}

static const char *const profile_keys[] = {
    "name",      "header",      "match_regex",  "match_header", "encoding",
    "delimiter", "date_format", "decimal_mark", "currency",     "invert_sign",
};

/* The n names joined with ", " (the tables here are not NULL-terminated). */
static char *
joined(const char *const *names, size_t n)
{
	GString *o = g_string_new(NULL);
	for (size_t i = 0; i < n; i++)
		g_string_append_printf(o, "%s%s", i ? ", " : "", names[i]);
	return g_string_free(o, FALSE);
}

static bool
check_profile_key(gig__profile *p, GKeyFile *kf, const char *key, GError **error)
{
	const char *G = "profile";
	if (strcmp(key, "invert_sign") == 0) {
		g_autoptr(GError) local = NULL;
		p->invert = g_key_file_get_boolean(kf, G, key, &local);
		if (local != NULL) {
			g_autofree char *raw = g_key_file_get_value(kf, G, key, NULL);
			g_autofree char *v = shown(raw ? raw : "");
			return fail_at(error, p, G, key, "'%s' is not true or false", v);
		}
		return true;
	}
	g_autofree char *v = get_text(p, kf, G, key, error);
	if (v == NULL)
		return false;
	g_autofree char *sv = shown(v);
	if (strcmp(key, "name") == 0) {
		if (has_control(v))
			return fail_at(error, p, G, key, "'%s' holds a control character", sv);
		g_free(p->name);
		p->name = g_steal_pointer(&v);
	} else if (strcmp(key, "header") == 0) {
		if (strcmp(v, "none") == 0 || strcmp(v, "false") == 0)
			p->headerless = true;
		else if (strcmp(v, "auto") == 0 || strcmp(v, "true") == 0)
			p->headerless = false;
		else
			return fail_at(error, p, G, key, "'%s' is neither none nor auto", sv);
	} else if (strcmp(key, "match_regex") == 0) {
		g_autoptr(GError) local = NULL;
		p->match_regex = g_regex_new(v, 0, 0, &local);
		if (p->match_regex == NULL) {
			g_autofree char *m = shown(local->message);
			return fail_at(error, p, G, key, "%s", m);
		}
	} else if (strcmp(key, "match_header") == 0) {
		p->match_header = g_steal_pointer(&v);
	} else if (strcmp(key, "encoding") == 0) {
		GIConv cd = g_iconv_open("UTF-8", v);
		if (cd == (GIConv)-1)
			return fail_at(error, p, G, key, "unknown encoding '%s'", sv);
		g_iconv_close(cd);
		p->encoding = g_steal_pointer(&v);
	} else if (strcmp(key, "delimiter") == 0) {
		if (g_ascii_strcasecmp(v, "tab") == 0 || strcmp(v, "\\t") == 0 ||
		    strcmp(v, "\t") == 0)
			p->delimiter = '\t';
		else if (g_ascii_strcasecmp(v, "semicolon") == 0)
			p->delimiter = ';';
		else if (g_ascii_strcasecmp(v, "comma") == 0)
			p->delimiter = ',';
		else if (v[1] == '\0' && g_ascii_ispunct(v[0]) && v[0] != '"')
			p->delimiter = v[0];
		else
			return fail_at(error, p, G, key,
			               "'%s' is not one punctuation character, tab, comma or "
			               "semicolon",
			               sv);
	} else if (strcmp(key, "date_format") == 0) {
		const char *why = date_format_problem(v);
		if (why != NULL)
			return fail_at(error, p, G, key, "'%s' %s", sv, why);
		p->date_format = g_steal_pointer(&v);
	} else if (strcmp(key, "decimal_mark") == 0) {
		if (strcmp(v, ".") != 0 && strcmp(v, ",") != 0)
			return fail_at(error, p, G, key, "'%s' is neither '.' nor ','", sv);
		p->decimal_mark = v[0];
	} else if (strcmp(key, "currency") == 0) {
		if (!gig_currency_normalize(p->currency, v, NULL))
			return fail_at(error, p, G, key,
			               "'%s' is not a three-letter ISO 4217 code (EUR, USD, ...)",
			               sv);
	} else {
		g_autofree char *known = joined(profile_keys, G_N_ELEMENTS(profile_keys));
		return fail_at(error, p, G, key, "unknown key (known: %s)", known);
	}
	return true;
}

/* One column of a [columns] value: a 1-based number or a header name. */
static bool
parse_column(gig__profile *p, colspec *c, const char *part, GError **error)
{
	g_autofree char *t = g_strstrip(g_strdup(part));
	g_autofree char *st = shown(t);
	const char *digits = t + (t[0] == '-' || t[0] == '+');
	if (*t == '\0')
		return fail_at(error, p, "columns", c->key,
		               "an empty column (give a header name or a 1-based number)");
	if (*digits != '\0' && strspn(digits, "0123456789") == strlen(digits)) {
		long long n = strlen(digits) > 6 ? PROFILE_MAX_COLUMN + 1 : atoll(digits);
		if (t[0] == '-')
			n = -n;
		if (n < 1 || n > PROFILE_MAX_COLUMN)
			return fail_at(error, p, "columns", c->key,
			               "column %s is out of range (columns are numbered 1 to %d)",
			               st, PROFILE_MAX_COLUMN);
		c->num[c->n] = (int)n - 1;
		c->name[c->n] = NULL;
	} else {
		if (p->headerless)
			return fail_at(error, p, "columns", c->key,
			               "'%s' is a header name, but header=none says the file "
			               "has none: give the column's number",
			               st);
		c->num[c->n] = -1;
		c->name[c->n] = g_steal_pointer(&t);
	}
	c->n++;
	return true;
}

static bool
check_column_key(gig__profile *p, GKeyFile *kf, const char *key, GError **error)
{
	int role = -1;
	if (strcmp(key, "memo") == 0)
		role = ROLE_MEMO;
	for (int r = 0; r < GIG__COL_ROLES; r++)
		if (strcmp(key, gig__col_role_names[r]) == 0)
			role = r;
	if (role < 0) {
		g_autofree char *known = joined(gig__col_role_names, GIG__COL_ROLES);
		return fail_at(error, p, "columns", key, "unknown column role (known: %s, memo)",
		               known);
	}
	g_autofree char *v = get_text(p, kf, "columns", key, error);
	if (v == NULL)
		return false;
	colspec *c = g_new0(colspec, 1);
	c->key = g_strdup(key);
	c->line = line_of(p, "columns", key);
	c->role = role;
	g_ptr_array_add(p->cols, c);
	if (role != ROLE_MEMO) /* a header name may hold a comma */
		return parse_column(p, c, v, error);
	g_auto(GStrv) parts = g_strsplit(v, ",", -1);
	if (g_strv_length(parts) > GIG__MAX_MEMO)
		return fail_at(error, p, "columns", key, "%u columns, but at most %d can be joined",
		               g_strv_length(parts), GIG__MAX_MEMO);
	for (size_t i = 0; parts[i]; i++)
		if (!parse_column(p, c, parts[i], error))
			return false;
	return true;
}

static bool
check_all(gig__profile *p, GKeyFile *kf, GError **error)
{
	g_auto(GStrv) groups = g_key_file_get_groups(kf, NULL);
	for (size_t i = 0; groups[i]; i++)
		if (strcmp(groups[i], "profile") != 0 && strcmp(groups[i], "columns") != 0)
			return fail_at(error, p, groups[i], NULL,
			               "unknown group (a profile has [profile] and [columns])");
	/* A key given twice is listed twice by g_key_file_get_keys(), while its
	 * value is the last one: each key is checked (and kept) once. */
	g_autoptr(GHashTable) seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	/* [profile] first: header=none decides what [columns] may say */
	g_auto(GStrv) keys = g_key_file_get_keys(kf, "profile", NULL, NULL);
	for (size_t k = 0; keys && keys[k]; k++)
		if (g_hash_table_add(seen, g_strconcat("profile\n", keys[k], NULL)) &&
		    !check_profile_key(p, kf, keys[k], error))
			return false;
	p->has_columns = g_key_file_has_group(kf, "columns");
	g_auto(GStrv) cols = g_key_file_get_keys(kf, "columns", NULL, NULL);
	for (size_t k = 0; cols && cols[k]; k++)
		if (g_hash_table_add(seen, g_strconcat("columns\n", cols[k], NULL)) &&
		    !check_column_key(p, kf, cols[k], error))
			return false;
	return true;
}

bool
gig__profile_parse(gig__profile **out, const char *path, const char *text, size_t len,
                   GError **error)
{
	g_autoptr(gig__profile) p = g_new0(gig__profile, 1);
	p->path = g_strdup(path);
	p->cols = g_ptr_array_new_with_free_func((GDestroyNotify)colspec_free);
	p->lines = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	const char *nul = memchr(text, '\0', len);
	if (nul != NULL) {
		int line = 1;
		for (const char *c = text; c < nul; c++)
			line += *c == '\n';
		g_autofree char *sp = shown(path);
		g_set_error(error, GIG_ERROR, GIG_ERROR_INVALID_INPUT,
		            "%s: line %d: a NUL byte (a profile is a text file)", sp, line);
		return false;
	}
	g_autoptr(GKeyFile) kf = g_key_file_new();
	g_autoptr(GError) local = NULL;
	if (!g_key_file_load_from_data(kf, text, len, G_KEY_FILE_NONE, &local)) {
		g_autofree char *sp = shown(path);
		g_autofree char *m = shown(local->message);
		g_set_error(error, GIG_ERROR, GIG_ERROR_INVALID_INPUT, "%s: %s", sp, m);
		return false;
	}
	scan_lines(p, text, len);
	if (!check_all(p, kf, error))
		return false;
	if (p->name == NULL) {
		g_autofree char *base = g_path_get_basename(path);
		char *dot = strrchr(base, '.');
		if (dot)
			*dot = '\0';
		p->name = g_utf8_make_valid(base, -1);
	}
	*out = g_steal_pointer(&p);
	return true;
}

static bool
load_path(gig__profile **out, const char *path, GError **error)
{
	g_autofree char *sp = shown(path);
	GStatBuf st;
	if (g_stat(path, &st) == 0 && st.st_size > PROFILE_MAX_BYTES) {
		g_set_error(error, GIG_ERROR, GIG_ERROR_INVALID_INPUT,
		            "%s: %lld bytes; a profile is at most %d bytes", sp,
		            (long long)st.st_size, PROFILE_MAX_BYTES);
		return false;
	}
	g_autofree char *text = NULL;
	size_t len = 0;
	g_autoptr(GError) local = NULL;
	if (!g_file_get_contents(path, &text, &len, &local)) {
		bool missing = g_error_matches(local, G_FILE_ERROR, G_FILE_ERROR_NOENT);
		g_autofree char *m = shown(local->message);
		g_set_error(error, GIG_ERROR, missing ? GIG_ERROR_NOT_FOUND : GIG_ERROR_IO,
		            "profile %s: %s", sp, m);
		return false;
	}
	return gig__profile_parse(out, path, text, len, error);
}

bool
gig__profile_load(gig__profile **out, const char *name, const char *const *dirs, GError **error)
{
	if (strchr(name, '/') != NULL || g_str_has_suffix(name, ".ini"))
		return load_path(out, name, error);
	GString *tried = g_string_new(NULL);
	for (size_t i = 0; dirs && dirs[i]; i++) {
		g_autofree char *file = g_strconcat(name, ".ini", NULL);
		g_autofree char *path = g_build_filename(dirs[i], file, NULL);
		if (g_file_test(path, G_FILE_TEST_IS_REGULAR)) {
			g_string_free(tried, TRUE);
			return load_path(out, path, error);
		}
		g_string_append_printf(tried, "%s%s", tried->len ? ", " : "", dirs[i]);
	}
	g_set_error(error, GIG_ERROR, GIG_ERROR_NOT_FOUND, "no profile '%s' in %s", name,
	            tried->len ? tried->str : "(no profile directories)");
	g_string_free(tried, TRUE);
	return false;
}

static int
by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool
header_matches(const gig__profile *p, char **header, size_t n)
{
	if (p->match_header == NULL || header == NULL)
		return false;
	g_auto(GStrv) parts = g_strsplit(p->match_header, ",", -1);
	size_t m = g_strv_length(parts);
	/* trailing empty header cells (a line ending in a delimiter) do not count */
	while (n > 0 && header[n - 1][0] == '\0')
		n--;
	if (m != n)
		return false;
	for (size_t i = 0; i < n; i++) {
		g_autofree char *a = gig__header_norm(parts[i]);
		g_autofree char *b = gig__header_norm(header[i]);
		if (strcmp(a, b) != 0)
			return false;
	}
	return true;
}

bool
gig__profile_find_auto(gig__profile **out, const char *const *dirs, char **header, size_t n,
                       const char *first_line, GError **error)
{
	*out = NULL;
	for (size_t d = 0; dirs && dirs[d]; d++) {
		g_autoptr(GDir) dir = g_dir_open(dirs[d], 0, NULL);
		if (dir == NULL)
			continue;
		g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func(g_free);
		const char *e;
		while ((e = g_dir_read_name(dir)) != NULL)
			if (g_str_has_suffix(e, ".ini"))
				g_ptr_array_add(files, g_strdup(e));
		g_ptr_array_sort(files, by_name); /* by file name */
		for (size_t i = 0; i < files->len; i++) {
			g_autofree char *path = g_build_filename(dirs[d], files->pdata[i], NULL);
			g_autoptr(gig__profile) p = NULL;
			if (!load_path(&p, path, error))
				return false;
			bool hit = header_matches(p, header, n);
			if (!hit && p->match_regex != NULL && first_line != NULL)
				hit = g_regex_match(p->match_regex, first_line, 0, NULL);
			if (hit) {
				*out = g_steal_pointer(&p);
				return true;
			}
		}
	}
	return true;
}

const char *
gig__profile_name(const gig__profile *p)
{
	return p->name;
}

const char *
gig__profile_encoding(const gig__profile *p)
{
	return p->encoding;
}

char
gig__profile_delimiter(const gig__profile *p)
{
	return p->delimiter;
}

/* The 0-based column of part i of c in the file's layout, or -1 with the error set. */
static int
resolve_column(const gig__profile *p, const colspec *c, size_t i, const gig__layout *l,
               size_t width, GError **error)
{
	if (c->num[i] >= 0) {
		if ((size_t)c->num[i] < width)
			return c->num[i];
		fail_at(error, p, "columns", c->key,
		        "column %d, but the file's rows have %zu column%s", c->num[i] + 1, width,
		        width == 1 ? "" : "s");
		return -1;
	}
	g_autofree char *sn = shown(c->name[i]);
	if (l->names == NULL) {
		fail_at(error, p, "columns", c->key,
		        "'%s' is a header name, but the file has no header row: give the "
		        "column's number",
		        sn);
		return -1;
	}
	g_autofree char *want = gig__header_norm(c->name[i]);
	for (size_t k = 0; k < l->n_names; k++) {
		const char *name = gig__layout_name(l, (int)k);
		if (name == NULL)
			continue;
		g_autofree char *have = gig__header_norm(name);
		if (strcmp(want, have) == 0)
			return (int)k;
	}
	fail_at(error, p, "columns", c->key,
	        "no column '%s' in the file's header (use a header name or a 1-based number)", sn);
	return -1;
}

bool
gig__profile_apply(const gig__profile *p, gig__layout *l, size_t width, GError **error)
{
	if (p->headerless) {
		g_strfreev(l->names);
		l->names = NULL;
		l->n_names = 0;
		l->header_index = -1;
		l->data_index = 0;
		l->ncols = 0;
	}
	if (p->has_columns) {
		/* the profile's columns replace the sniffed mapping entirely */
		int col[GIG__COL_ROLES], memo[GIG__MAX_MEMO];
		size_t n_memo = 0;
		for (int i = 0; i < GIG__COL_ROLES; i++)
			col[i] = -1;
		for (size_t k = 0; k < p->cols->len; k++) {
			const colspec *c = p->cols->pdata[k];
			for (size_t i = 0; i < c->n; i++) {
				int at = resolve_column(p, c, i, l, width, error);
				if (at < 0)
					return false;
				if (c->role == ROLE_MEMO)
					memo[n_memo++] = at;
				else
					col[c->role] = at;
			}
		}
		memcpy(l->col, col, sizeof col);
		memcpy(l->memo, memo, n_memo * sizeof memo[0]);
		l->n_memo = n_memo;
	}
	if (p->date_format != NULL) {
		g_free(l->date_format);
		l->date_format = g_strdup(p->date_format);
	}
	if (p->decimal_mark != 0)
		l->decimal_mark = p->decimal_mark;
	if (p->currency[0] != '\0') {
		g_free(l->currency);
		l->currency = g_strdup(p->currency);
	}
	l->invert = p->invert;
	g_free(l->profile);
	l->profile = g_strdup(p->name);
	return true;
}

char *
gig__profile_text(const gig__layout *l, const gig_import_guesses *g)
{
	GString *o = g_string_new("# written by gig import --save-profile from its guesses\n"
	                          "[profile]\nname=saved\nheader=auto\n");
	if (g->encoding != NULL)
		g_string_append_printf(o, "encoding=%s\n", g->encoding);
	if (l->delim == '\t')
		g_string_append(o, "delimiter=tab\n");
	else
		g_string_append_printf(o, "delimiter=%c\n", l->delim);
	if (g->date_format != NULL)
		g_string_append_printf(o, "date_format=%s\n", g->date_format);
	if (g->decimal_mark == '.' || g->decimal_mark == ',')
		g_string_append_printf(o, "decimal_mark=%c\n", g->decimal_mark);
	if (l->currency != NULL)
		g_string_append_printf(o, "currency=%s\n", l->currency);
	if (l->invert)
		g_string_append(o, "invert_sign=true\n");
	g_string_append(o, "\n[columns]\n");
	for (int r = 0; r < GIG__COL_ROLES; r++)
		if (l->col[r] >= 0)
			g_string_append_printf(o, "%s=%d\n", gig__col_role_names[r], l->col[r] + 1);
	for (size_t m = 0; m < l->n_memo; m++)
		g_string_append_printf(o, "%s%d%s", m == 0 ? "memo=" : ",", l->memo[m] + 1,
		                       m + 1 == l->n_memo ? "\n" : "");
	return g_string_free(o, FALSE);
}
