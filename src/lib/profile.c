/*
 * profile.c: bank profiles, small GLib key files that fix what the sniffer
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
 * Profiles live in the directories the caller passes (the CLI passes the
 * user's $XDG_CONFIG_HOME/gigledger/profiles and the shipped ones); the
 * library never looks at the environment itself.
 */
#include <stdlib.h>
#include <string.h>

#include "import_internal.h"

struct gig__profile {
	char *name;
	char *encoding;
	GKeyFile *kf;
};

void
gig__profile_free(gig__profile *p)
{
	if (p == NULL)
		return;
	g_free(p->name);
	g_free(p->encoding);
	if (p->kf)
		g_key_file_unref(p->kf);
	g_free(p);
}

static bool
load_path(gig__profile **out, const char *path, GError **error)
{
	g_autoptr(GKeyFile) kf = g_key_file_new();
	g_autoptr(GError) local = NULL;
	if (!g_key_file_load_from_file(kf, path, G_KEY_FILE_NONE, &local)) {
		bool missing = g_error_matches(local, G_FILE_ERROR, G_FILE_ERROR_NOENT);
		g_set_error(error, GIG_ERROR,
		            missing ? GIG_ERROR_NOT_FOUND : GIG_ERROR_INVALID_INPUT,
		            "profile %s: %s", path, local->message);
		return false;
	}
	gig__profile *p = g_new0(gig__profile, 1);
	p->name = g_key_file_get_string(kf, "profile", "name", NULL);
	if (p->name == NULL) {
		g_autofree char *base = g_path_get_basename(path);
		char *dot = strrchr(base, '.');
		if (dot)
			*dot = '\0';
		p->name = g_strdup(base);
	}
	p->encoding = g_key_file_get_string(kf, "profile", "encoding", NULL);
	p->kf = g_steal_pointer(&kf);
	*out = p;
	return true;
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

static bool
header_matches(GKeyFile *kf, char **header, size_t n)
{
	g_autofree char *want = g_key_file_get_string(kf, "profile", "match_header", NULL);
	if (want == NULL || header == NULL)
		return false;
	g_auto(GStrv) parts = g_strsplit(want, ",", -1);
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
		g_ptr_array_sort(files, (GCompareFunc)g_strcmp0);
		for (size_t i = 0; i < files->len; i++) {
			g_autofree char *path = g_build_filename(dirs[d], files->pdata[i], NULL);
			g_autoptr(gig__profile) p = NULL;
			if (!load_path(&p, path, error))
				return false;
			bool hit = header_matches(p->kf, header, n);
			g_autofree char *re =
			    g_key_file_get_string(p->kf, "profile", "match_regex", NULL);
			if (!hit && re != NULL && first_line != NULL) {
				g_autoptr(GError) local = NULL;
				g_autoptr(GRegex) rx = g_regex_new(re, 0, 0, &local);
				if (rx == NULL) {
					g_set_error(error, GIG_ERROR, GIG_ERROR_INVALID_INPUT,
					            "profile %s: match_regex: %s", path,
					            local->message);
					return false;
				}
				hit = g_regex_match(rx, first_line, 0, NULL);
			}
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
	return p->encoding && *p->encoding ? p->encoding : NULL;
}

char
gig__profile_delimiter(const gig__profile *p)
{
	g_autofree char *d = g_key_file_get_string(p->kf, "profile", "delimiter", NULL);
	if (d == NULL || *d == '\0')
		return 0;
	if (g_ascii_strcasecmp(d, "tab") == 0 || strcmp(d, "\\t") == 0)
		return '\t';
	if (g_ascii_strcasecmp(d, "semicolon") == 0)
		return ';';
	if (g_ascii_strcasecmp(d, "comma") == 0)
		return ',';
	return d[0];
}

/* Column from "3" (1-based) or a header name; -1 with an error otherwise. */
static int
column_of(const gig__profile *p, const gig__layout *l, const char *v, GError **error)
{
	g_autofree char *t = g_strstrip(g_strdup(v));
	char *end = NULL;
	long n = strtol(t, &end, 10);
	if (*t && end && *end == '\0' && n >= 1 && n <= 1000)
		return (int)n - 1;
	g_autofree char *want = gig__header_norm(t);
	for (size_t i = 0; i < l->n_names; i++) {
		g_autofree char *have = gig__header_norm(gig__layout_name(l, (int)i));
		if (strcmp(want, have) == 0)
			return (int)i;
	}
	g_set_error(error, GIG_ERROR, GIG_ERROR_INVALID_INPUT,
	            "profile %s: no column '%s' (use a header name or a 1-based number)", p->name,
	            t);
	return -1;
}

bool
gig__profile_apply(const gig__profile *p, gig__layout *l, GError **error)
{
	GKeyFile *kf = p->kf;
	g_autofree char *header = g_key_file_get_string(kf, "profile", "header", NULL);
	if (header != NULL && (strcmp(header, "none") == 0 || strcmp(header, "false") == 0)) {
		g_strfreev(l->names);
		l->names = NULL;
		l->header_index = -1;
		l->ncols = 0;
	}
	g_auto(GStrv) keys = g_key_file_get_keys(kf, "columns", NULL, NULL);
	if (keys != NULL) {
		/* the profile's columns replace the sniffed mapping entirely */
		for (int i = 0; i < GIG__COL_ROLES; i++)
			l->col[i] = -1;
		l->n_memo = 0;
	}
	for (size_t k = 0; keys && keys[k]; k++) {
		g_autofree char *v = g_key_file_get_string(kf, "columns", keys[k], NULL);
		if (strcmp(keys[k], "memo") == 0) {
			g_auto(GStrv) parts = g_strsplit(v, ",", -1);
			for (size_t i = 0; parts[i] && l->n_memo < GIG__MAX_MEMO; i++) {
				int c = column_of(p, l, parts[i], error);
				if (c < 0)
					return false;
				l->memo[l->n_memo++] = c;
			}
			continue;
		}
		int role = -1;
		for (int r = 0; r < GIG__COL_ROLES; r++)
			if (strcmp(keys[k], gig__col_role_names[r]) == 0)
				role = r;
		if (role < 0) {
			g_set_error(error, GIG_ERROR, GIG_ERROR_INVALID_INPUT,
			            "profile %s: unknown column role '%s'", p->name, keys[k]);
			return false;
		}
		int c = column_of(p, l, v, error);
		if (c < 0)
			return false;
		l->col[role] = c;
	}
	g_autofree char *df = g_key_file_get_string(kf, "profile", "date_format", NULL);
	if (df != NULL && *df) {
		g_free(l->date_format);
		l->date_format = g_steal_pointer(&df);
	}
	g_autofree char *dm = g_key_file_get_string(kf, "profile", "decimal_mark", NULL);
	if (dm != NULL && (dm[0] == '.' || dm[0] == ','))
		l->decimal_mark = dm[0];
	g_autofree char *cur = g_key_file_get_string(kf, "profile", "currency", NULL);
	if (cur != NULL && *cur) {
		g_free(l->currency);
		l->currency = g_steal_pointer(&cur);
	}
	l->invert = g_key_file_get_boolean(kf, "profile", "invert_sign", NULL);
	g_free(l->profile);
	l->profile = g_strdup(p->name);
	return true;
}
