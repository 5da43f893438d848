/* cli.c: helpers shared by the gig commands (errors, options, opening). */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"

int
gig_cli_fail(const GError *error)
{
	/* Whatever error the interruption surfaced as, the operation was rolled back. */
	if (gig_cli_interrupted) {
		fprintf(stderr, "gig: interrupted; nothing was changed\n");
		return GIG_EXIT_INTERRUPTED;
	}
	g_autofree char *msg = gig_text_visible(error ? error->message : "unknown error");
	fprintf(stderr, "gig: %s\n", msg);
	if (error == NULL || error->domain != GIG_ERROR)
		return GIG_EXIT_FAILURE;
	switch ((gig_error_code)error->code) {
	case GIG_ERROR_INVALID_INPUT:
	case GIG_ERROR_ENCODING:
	case GIG_ERROR_OVERFLOW:
	case GIG_ERROR_AMBIGUOUS:
	case GIG_ERROR_NOT_FOUND:
	case GIG_ERROR_DUPLICATE:
		return GIG_EXIT_INPUT;
	case GIG_ERROR_DB_BUSY:
		return GIG_EXIT_BUSY;
	case GIG_ERROR_DB_READONLY:
	case GIG_ERROR_DB_SCHEMA:
	case GIG_ERROR_DB_CORRUPT:
		return GIG_EXIT_UNUSABLE;
	case GIG_ERROR_CANCELLED:
		return GIG_EXIT_INTERRUPTED;
	case GIG_ERROR_FAILED:
	case GIG_ERROR_EXISTS:
	case GIG_ERROR_IO:
		break;
	}
	return GIG_EXIT_FAILURE;
}

int
gig_cli_usage(const char *cmd, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	g_autofree char *msg = g_strdup_vprintf(fmt, ap);
	va_end(ap);
	g_autofree char *shown = gig_text_visible(msg); /* it may quote what was typed */
	fprintf(stderr, "gig %s: %s\nTry 'gig %s --help'.\n", cmd, shown, cmd);
	return GIG_EXIT_USAGE;
}

GOptionContext *
gig_cli_context(const char *params, const char *summary, const char *examples,
                const GOptionEntry *entries)
{
	GOptionContext *ctx = g_option_context_new(params);
	g_option_context_set_summary(ctx, summary);
	g_autofree char *desc = g_strdup_printf(
	    "%s%s"
	    "Global options (before or after the command): --db PATH,\n"
	    "  --color=auto|always|never, -q.\n"
	    "Exit status: 0 ok, 1 failure, 2 usage, 3 input rejected, 4 ledger busy,\n"
	    "  5 ledger unusable, 130 interrupted.",
	    examples ? examples : "", examples ? "\n\n" : "");
	g_option_context_set_description(ctx, desc);
	if (entries)
		g_option_context_add_main_entries(ctx, entries, NULL);
	return ctx;
}

/* Appends `line` to `out` wrapped at 80 columns: a continuation starts under the text
 * of an option's description ("  -a, --account=NAME   text"), or 4 columns in. */
static void
wrap_line(GString *out, const char *line)
{
	size_t len = strlen(line);
	if (g_utf8_strlen(line, -1) <= 80) {
		g_string_append_len(out, line, (gssize)len);
		g_string_append_c(out, '\n');
		return;
	}
	size_t lead = strspn(line, " ");
	size_t indent = lead + 4;
	const char *gap = strstr(line + lead, "  ");
	if (gap && gap - line < 40)
		indent = (size_t)(gap - line) + strspn(gap, " ");
	size_t col = 0, start = 0;
	bool first = true;
	while (start < len) {
		size_t room = 80 - (first ? 0 : indent);
		const char *rest = line + start;
		size_t n = strlen(rest), cut = n;
		if (g_utf8_strlen(rest, -1) > (glong)room) {
			/* the last space at or before the room's end */
			const char *end = g_utf8_offset_to_pointer(rest, (glong)room);
			cut = 0;
			for (const char *q = end; q > rest + (first ? lead : 0); q--)
				if (*q == ' ') {
					cut = (size_t)(q - rest);
					break;
				}
			if (cut == 0) /* one long word: leave it whole */
				cut = strcspn(rest + room, " ") + room;
		}
		if (!first)
			g_string_append_printf(out, "%*s", (int)indent, "");
		g_string_append_len(out, rest, (gssize)cut);
		g_string_append_c(out, '\n');
		start += cut;
		start += strspn(line + start, " ");
		first = false;
		col = 0;
	}
	(void)col;
}

int
gig_cli_parse(GOptionContext *ctx, const char *cmd, int *argc, char ***argv)
{
	/* --help: GLib's text, wrapped within 80 columns (GLib does not wrap option
	 * descriptions), on stdout, exit 0 as GLib would. */
	for (int i = 1; i < *argc; i++) {
		if (strcmp((*argv)[i], "--") == 0)
			break;
		if (strcmp((*argv)[i], "--help") == 0 || strcmp((*argv)[i], "-h") == 0) {
			char prg[64];
			g_snprintf(prg, sizeof prg, "gig %s", cmd);
			g_set_prgname(prg);
			g_autofree char *help = g_option_context_get_help(ctx, TRUE, NULL);
			g_auto(GStrv) lines = g_strsplit(help, "\n", -1);
			g_autoptr(GString) out = g_string_new(NULL);
			for (char **l = lines; *l; l++)
				if (l[1] != NULL || **l)
					wrap_line(out, *l);
			fputs(out->str, stdout);
			fflush(stdout);
			exit(GIG_EXIT_OK);
		}
	}
	/* GLib names the program after argv[0] in "Usage:" lines: make it
	 * "gig account add", not "add". */
	static char name[64];
	g_snprintf(name, sizeof name, "gig %s", cmd);
	(*argv)[0] = name;
	g_autoptr(GError) error = NULL;
	if (!g_option_context_parse(ctx, argc, argv, &error))
		return gig_cli_usage(cmd, "%s", error->message);
	/* GLib keeps a "--" that protected a later "-x" argument; it is not data. */
	for (int i = 1; i < *argc; i++)
		if (strcmp((*argv)[i], "--") == 0) {
			memmove(&(*argv)[i], &(*argv)[i + 1], (size_t)(*argc - i) * sizeof(char *));
			(*argc)--;
			break;
		}
	return GIG_EXIT_OK;
}

/* The escaped copies gig_cli_text() handed out, freed at exit. */
static GPtrArray *texts;

static void
texts_free(void)
{
	g_clear_pointer(&texts, g_ptr_array_unref);
}

const char *
gig_cli_text(const char *text)
{
	if (texts == NULL) {
		texts = g_ptr_array_new_with_free_func(g_free);
		atexit(texts_free);
	}
	char *s = gig_text_visible(text);
	g_ptr_array_add(texts, s);
	return s;
}

volatile sig_atomic_t gig_cli_interrupted;

/*
 * The handler only stores to a volatile sig_atomic_t, the one thing C and POSIX promise
 * is safe in a signal handler.  It does not call sqlite3_interrupt(): that needs the
 * connection, which a command may be closing at that moment (a use after free), and
 * SQLite clears the interrupt when no statement is running, so a loop of short
 * statements would not see it.  Instead the library polls the flag
 * (gig_set_cancel_flag): SQLite's progress handler inside long statements, and before
 * every COMMIT and in the import and `log --from` loops; the transaction rolls back.
 */
static void
on_signal(int sig)
{
	(void)sig;
	gig_cli_interrupted = 1;
}

void
gig_cli_signals_install(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	/* SA_RESTART: a read() in progress resumes and the flag is seen at the next check. */
	sa.sa_flags = SA_RESTART;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	gig_set_cancel_flag(&gig_cli_interrupted);
}

bool
gig_cli_open(gig_cli *cli, gig_ledger **out, GError **error)
{
	if (!gig_ledger_open(out, cli->db_path, error))
		return false;
	/* every write of the command is recorded under its command line (history.h) */
	gig_ledger_set_command(*out, cli->command_line);
	const char *note = gig_ledger_readonly_note(*out);
	if (note && !cli->quiet)
		fprintf(stderr, "gig: warning: %s.\n", note);
	const char *damage = gig_ledger_damage(*out);
	if (damage) {
		cli->damaged = true;
		g_autofree char *shown = gig_text_visible(damage);
		fprintf(stderr,
		        "gig: warning: %s is damaged (%s).\n"
		        "  It is open read-only: what it shows may be wrong, nothing can be "
		        "written, and gig exits 5.\n"
		        "  Run 'gig check' for the details; 'gig restore --list' shows the "
		        "snapshots to go back to.\n",
		        cli->db_path, shown);
	}
	return true;
}

bool
gig_cli_snapshot(gig_cli *cli, gig_ledger *ledger, const char *label)
{
	if (gig_ledger_damage(ledger))
		return true;
	g_autoptr(GError) error = NULL;
	g_autofree char *path = NULL;
	if (!gig_ledger_snapshot(ledger, label, &path, &error))
		fprintf(stderr, "gig: warning: %s (going on without it)\n", error->message);
	else if (path && !cli->quiet && g_getenv("GIG_SNAPSHOT_VERBOSE"))
		fprintf(stderr, "Snapshot: %s\n", path);
	return true;
}

bool
gig_cli_amount(gig_ledger *ledger, const char *currency, const char *text, int64_t *out,
               GError **error)
{
	const char *cur = currency ? currency : gig_ledger_base_currency(ledger);
	int e = gig_currency_exponent(cur);
	if (e < 0)
		return gig_currency_normalize((char[4]){0}, cur, error);
	return gig_money_parse(out, text, e, error);
}

bool
gig_cli_date(gig_cli *cli, const char *text, gig_date *out, GError **error)
{
	if (text == NULL) {
		*out = cli->today;
		return true;
	}
	return gig_date_parse(out, text, cli->today, error);
}

bool
gig_cli_seed(gig_ledger *ledger, uint64_t *out, GError **error)
{
	g_autofree char *value = NULL;
	guint64 seed = 0;
	if (!gig_config_get(ledger, "simulation_seed", &value, NULL, error))
		return false;
	if (!g_ascii_string_to_unsigned(value, 10, 0, G_MAXUINT64, &seed, NULL)) {
		g_set_error(
		    error, GIG_ERROR, GIG_ERROR_INVALID_INPUT,
		    "setting simulation_seed is '%s', not a number 0..2^64-1; 'gig config set "
		    "simulation_seed N' fixes it",
		    value);
		return false;
	}
	*out = seed;
	return true;
}

void
gig_cli_json_date(JsonBuilder *builder, const char *key, gig_date date)
{
	gig_json_date(builder, key, date);
}

void
gig_cli_print_json(JsonBuilder *builder)
{
	g_autoptr(JsonGenerator) gen = json_generator_new();
	g_autoptr(JsonNode) root = json_builder_get_root(builder);
	/* Every document starts with schema_version (docs/json.md); a command's builder
	 * need not add it. */
	g_return_if_fail(JSON_NODE_HOLDS_OBJECT(root));
	JsonObject *obj = json_node_get_object(root);
	if (!json_object_has_member(obj, "schema_version")) {
		g_autoptr(JsonObject) top = json_object_new();
		json_object_set_int_member(top, "schema_version", GIG_JSON_SCHEMA_VERSION);
		JsonObjectIter it;
		const char *name;
		JsonNode *node;
		json_object_iter_init_ordered(&it, obj);
		while (json_object_iter_next_ordered(&it, &name, &node))
			json_object_set_member(top, name, json_node_copy(node));
		json_node_set_object(root, top);
	}
	json_generator_set_root(gen, root);
	json_generator_set_pretty(gen, true);
	g_autofree char *text = json_generator_to_data(gen, NULL);
	puts(text);
}

const char *
gig_cli_status(gig_status status)
{
	g_autofree char *s = g_strdup(gig_status_name(status));
	g_strdelimit(s, "_", ' ');
	return g_intern_string(s);
}

const char *
gig_cli_money(char *buf, int64_t minor, const char *currency)
{
	return gig_money_format(buf, minor, gig_currency_exponent(currency), true);
}

bool
gig_cli_write_file(const char *path, gig_cli_writer write, void *data, GError **error)
{
	/* Write beside the target and rename: a failed write never leaves half a file, the
	 * file is 0600 whatever the umask, and a symlink at the target is replaced rather
	 * than followed. */
	g_autofree char *tmp = g_strconcat(path, ".tmp-XXXXXX", NULL);
	int fd = g_mkstemp_full(tmp, O_WRONLY, 0600);
	if (fd < 0) {
		g_set_error(error, GIG_ERROR, GIG_ERROR_IO, "cannot write %s: %s", path,
		            g_strerror(errno));
		return false;
	}
	FILE *f = fdopen(fd, "w");
	if (f == NULL) {
		g_set_error(error, GIG_ERROR, GIG_ERROR_IO, "cannot write %s: %s", path,
		            g_strerror(errno));
		close(fd);
		unlink(tmp);
		return false;
	}
	bool ok = write(f, data, error);
	if (fclose(f) != 0 && ok) {
		ok = false;
		g_set_error(error, GIG_ERROR, GIG_ERROR_IO, "writing %s: %s", path,
		            g_strerror(errno));
	}
	if (ok && rename(tmp, path) != 0) {
		ok = false;
		g_set_error(error, GIG_ERROR, GIG_ERROR_IO, "writing %s: %s", path,
		            g_strerror(errno));
	}
	if (!ok)
		unlink(tmp);
	return ok;
}
