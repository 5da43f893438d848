/* cli.c: helpers shared by the gig commands (errors, options, opening). */
#include <stdarg.h>
#include <string.h>

#include "cmd.h"

int
gig_cli_fail(const GError *error)
{
	fprintf(stderr, "gig: %s\n", error ? error->message : "unknown error");
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
	fprintf(stderr, "gig %s: %s\nTry 'gig %s --help'.\n", cmd, msg, cmd);
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
	    "Global options (before or after the command): --db PATH, --color=auto|always|never,"
	    " -q.\nExit status: 0 ok, 1 failure, 2 usage, 3 input rejected, 4 ledger busy,"
	    " 5 ledger unusable, 130 interrupted.",
	    examples ? examples : "", examples ? "\n\n" : "");
	g_option_context_set_description(ctx, desc);
	if (entries)
		g_option_context_add_main_entries(ctx, entries, NULL);
	return ctx;
}

int
gig_cli_parse(GOptionContext *ctx, const char *cmd, int *argc, char ***argv)
{
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

/* Control characters as \xNN, invalid UTF-8 replaced: safe on a terminal. */
static char *
escape_controls(const char *text)
{
	g_autofree char *valid = g_utf8_make_valid(text, -1);
	GString *s = g_string_new(NULL);
	for (const char *p = valid; *p; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);
		if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0))
			g_string_append_printf(s, "\\x%02x", (unsigned)c);
		else
			g_string_append_unichar(s, c);
	}
	return g_string_free(s, FALSE);
}

bool
gig_cli_open(gig_cli *cli, gig_ledger **out, GError **error)
{
	if (!gig_ledger_open(out, cli->db_path, error))
		return false;
	const char *note = gig_ledger_readonly_note(*out);
	if (note && !cli->quiet)
		fprintf(stderr, "gig: warning: %s.\n", note);
	const char *damage = gig_ledger_damage(*out);
	if (damage) {
		cli->damaged = true;
		g_autofree char *shown = escape_controls(damage);
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

void
gig_cli_json_date(JsonBuilder *builder, const char *key, gig_date date)
{
	char buf[GIG_DATE_BUFSZ];
	json_builder_set_member_name(builder, key);
	if (date == GIG_DATE_NONE)
		json_builder_add_null_value(builder);
	else
		json_builder_add_string_value(builder, gig_date_format(buf, date));
}

void
gig_cli_print_json(JsonBuilder *builder)
{
	g_autoptr(JsonGenerator) gen = json_generator_new();
	g_autoptr(JsonNode) root = json_builder_get_root(builder);
	json_generator_set_root(gen, root);
	json_generator_set_pretty(gen, true);
	g_autofree char *text = json_generator_to_data(gen, NULL);
	puts(text);
}

const char *
gig_cli_money(char *buf, int64_t minor, const char *currency)
{
	return gig_money_format(buf, minor, gig_currency_exponent(currency), true);
}
