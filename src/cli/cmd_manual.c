/*
 * cmd_manual.c: the manual page and the shell completions, generated from
 * the command table and from each command's own --help text, so that they
 * cannot drift from what `gig CMD --help` says.
 *
 *   gig help --man                 gig(1) in roff, every command's help in it
 *   gig help --completion SHELL    bash, zsh or fish completion script
 *   gig help --names WHAT          account or category names, one per line
 *                                  (what the completions call at TAB time)
 *
 * The help texts are taken by running this same binary with "CMD --help"
 * (GLib's option parser prints the help and exits, so it runs in a child).
 */
#include <stdio.h>
#include <string.h>

#include "cmd.h"

/* The --help text of `gig ARGS... --help`, or NULL if it fails. */
static char *
help_of(const char *cmd, const char *sub)
{
	const char *argv[] = {"/proc/self/exe", cmd, sub ? sub : "--help", sub ? "--help" : NULL,
	                      NULL};
	g_auto(GStrv) env = g_get_environ();
	env = g_environ_setenv(env, "NO_COLOR", "1", TRUE);
	/* No ledger is opened for --help; point GIG_DB nowhere real anyway. */
	env = g_environ_setenv(env, "GIG_DB", "/nonexistent/gig-manual.db", TRUE);
	char *out = NULL;
	int status = 0;
	if (!g_spawn_sync(NULL, (char **)argv, env, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out,
	                  NULL, &status, NULL))
		return NULL;
	if (!g_spawn_check_wait_status(status, NULL)) {
		g_free(out);
		return NULL;
	}
	return out;
}

/* ---- roff ---------------------------------------------------------------- */

/* One line of help text as roff: backslashes and minus signs escaped, a leading
 * dot or apostrophe neutralised so it is never read as a request. */
static void
roff_line(GString *page, const char *line)
{
	if (line[0] == '.' || line[0] == '\'')
		g_string_append(page, "\\&");
	for (const char *p = line; *p; p++) {
		if (*p == '\\')
			g_string_append(page, "\\e");
		else if (*p == '-')
			g_string_append(page, "\\-");
		else
			g_string_append_c(page, *p);
	}
	g_string_append_c(page, '\n');
}

static void
roff_block(GString *page, const char *text)
{
	g_auto(GStrv) lines = g_strsplit(text, "\n", -1);
	size_t n = g_strv_length(lines);
	while (n > 0 && *lines[n - 1] == '\0')
		n--;
	g_string_append(page, ".nf\n");
	for (size_t i = 0; i < n; i++) {
		/* The footer every command repeats is said once, in the page's own sections. */
		if (g_str_has_prefix(lines[i], "Global options (before or after") ||
		    g_str_has_prefix(lines[i], "Exit status: 0 ok"))
			continue;
		if (*lines[i] == '\0')
			g_string_append(page, ".sp\n");
		else
			roff_line(page, lines[i]);
	}
	g_string_append(page, ".fi\n");
}

static int
print_man(void)
{
	size_t n;
	const struct gig_cmd *cmds = gig_cli_commands(&n);
	g_autoptr(GString) page = g_string_new(NULL);
	g_autofree char *usage = help_of("--help", NULL);
	if (usage == NULL) {
		fprintf(stderr, "gig help --man: cannot run gig --help\n");
		return GIG_EXIT_FAILURE;
	}
	g_string_append_printf(page,
	                       ".TH GIG 1 \"\" \"gigledger %s\" \"User Commands\"\n"
	                       ".SH NAME\n"
	                       "gig \\- the books of a freelance music producer, and how long "
	                       "the money lasts\n"
	                       ".SH SYNOPSIS\n"
	                       ".B gig\n[\\fB\\-\\-db\\fR \\fIPATH\\fR] \\fICOMMAND\\fR "
	                       "[\\fIOPTIONS\\fR] [\\fIARGS\\fR]\n"
	                       ".SH DESCRIPTION\n",
	                       GIG_VERSION_STRING);
	roff_block(page, usage);
	g_string_append(page, ".SH COMMANDS\n");
	for (size_t i = 0; i < n; i++) {
		if (strcmp(cmds[i].name, "help") == 0)
			continue;
		g_string_append_printf(page, ".SS gig %s\n", cmds[i].name);
		g_autofree char *help = help_of(cmds[i].name, NULL);
		if (help != NULL)
			roff_block(page, help);
		if (cmds[i].subcommands == NULL)
			continue;
		g_auto(GStrv) subs = g_strsplit(cmds[i].subcommands, " ", -1);
		for (size_t j = 0; subs[j]; j++) {
			g_autofree char *sub = help_of(cmds[i].name, subs[j]);
			if (sub == NULL)
				continue;
			g_string_append_printf(page, ".SS gig %s %s\n", cmds[i].name, subs[j]);
			roff_block(page, sub);
		}
	}
	g_string_append(page, ".SH FILES\n"
	                      ".TP\n.I $XDG_DATA_HOME/gigledger/ledger.db\n"
	                      "the ledger (SQLite), unless \\fB\\-\\-db\\fR or \\fBGIG_DB\\fR "
	                      "says otherwise; snapshots in \\fIledger.db.snapshots/\\fR\n"
	                      ".TP\n.I $XDG_CONFIG_HOME/gigledger/profiles/\n"
	                      "your own bank profiles (.ini), searched before the shipped ones\n"
	                      ".SH SEE ALSO\n"
	                      "\\fBhledger\\fR(1), \\fBledger\\fR(1), \\fBsqlite3\\fR(1)\n");
	fputs(page->str, stdout);
	return GIG_EXIT_OK;
}

/* ---- completions ----------------------------------------------------------- */

/* The long and short options a help text lists ("  -c, --category=NAME  ..."). */
static char *
options_of(const char *help)
{
	g_autoptr(GRegex) re = g_regex_new("^\\s+(?:(-[A-Za-z0-9]), )?(--[a-z][a-z0-9-]*)",
	                                   G_REGEX_MULTILINE, 0, NULL);
	g_autoptr(GString) opts = g_string_new(NULL);
	g_autoptr(GMatchInfo) m = NULL;
	g_regex_match(re, help, 0, &m);
	while (g_match_info_matches(m)) {
		for (int g = 1; g <= 2; g++) {
			g_autofree char *o = g_match_info_fetch(m, g);
			if (o && *o && strcmp(o, "--help") != 0 && strcmp(o, "-h") != 0 &&
			    !strstr(opts->str, o)) {
				if (opts->len)
					g_string_append_c(opts, ' ');
				g_string_append(opts, o);
			}
		}
		g_match_info_next(m, NULL);
	}
	return g_string_free(g_steal_pointer(&opts), FALSE);
}

/* Options of the command and all its subcommands. */
static char *
command_options(const struct gig_cmd *c)
{
	g_autoptr(GString) all = g_string_new(NULL);
	g_autofree char *help = help_of(c->name, NULL);
	if (help)
		g_string_append(all, help);
	if (c->subcommands) {
		g_auto(GStrv) subs = g_strsplit(c->subcommands, " ", -1);
		for (size_t j = 0; subs[j]; j++) {
			g_autofree char *sub = help_of(c->name, subs[j]);
			if (sub)
				g_string_append(all, sub);
		}
	}
	return options_of(all->str);
}

/* Options whose value is an account or a category name. */
#define ACCOUNT_OPTS "-a|--account"
#define CATEGORY_OPTS "-c|--category"

static void
print_bash(const struct gig_cmd *cmds, size_t n, bool for_zsh)
{
	if (for_zsh)
		printf(
		    "#compdef gig\n# zsh completion for gig (generated by 'gig help --completion "
		    "zsh'): the bash\n# completion run through zsh's bashcompinit.\n"
		    "autoload -U +X bashcompinit && bashcompinit\n");
	else
		printf("# bash completion for gig (generated by 'gig help --completion bash')\n");
	printf("_gig_names() {\n"
	       "\tlocal db=\"\" i\n"
	       "\tfor ((i = 1; i < ${#COMP_WORDS[@]}; i++)); do\n"
	       "\t\t[[ ${COMP_WORDS[i]} == --db ]] && db=${COMP_WORDS[i + 1]}\n"
	       "\tdone\n"
	       "\tgig ${db:+--db \"$db\"} help --names \"$1\" 2>/dev/null\n"
	       "}\n"
	       "# Names are matched literally and quoted for the command line (a name\n"
	       "# with a space or a $ must arrive as one word, unexpanded).\n"
	       "_gig_match() {\n"
	       "\tlocal w\n"
	       "\tCOMPREPLY=()\n"
	       "\twhile IFS= read -r w; do\n"
	       "\t\t[[ $w == \"$cur\"* ]] && COMPREPLY+=(\"$(printf '%%q' \"$w\")\")\n"
	       "\tdone < <(_gig_names \"$1\")\n"
	       "}\n"
	       "_gig() {\n"
	       "\tlocal cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD - 1]}\n"
	       "\tlocal cmd=\"\" sub=\"\" i opts=\"\" subs=\"\" IFS=$' \\t\\n'\n"
	       "\tfor ((i = 1; i < COMP_CWORD; i++)); do\n"
	       "\t\tcase ${COMP_WORDS[i]} in\n"
	       "\t\t--db) ((i++)) ;;\n"
	       "\t\t-*) ;;\n"
	       "\t\t*) if [[ -z $cmd ]]; then cmd=${COMP_WORDS[i]}; "
	       "elif [[ -z $sub ]]; then sub=${COMP_WORDS[i]}; fi ;;\n"
	       "\t\tesac\n"
	       "\tdone\n"
	       "\tcase $prev in\n"
	       "\t" ACCOUNT_OPTS ") _gig_match accounts; return ;;\n"
	       "\t" CATEGORY_OPTS ") _gig_match categories; return ;;\n"
	       "\t--db|-o|--output) COMPREPLY=($(compgen -f -- \"$cur\")); return ;;\n"
	       "\tesac\n"
	       "\tif [[ -z $cmd ]]; then\n"
	       "\t\tCOMPREPLY=($(compgen -W \"--db --color --quiet --version --help");
	for (size_t i = 0; i < n; i++)
		printf(" %s", cmds[i].name);
	printf("\" -- \"$cur\"))\n\t\treturn\n\tfi\n\tcase $cmd in\n");
	for (size_t i = 0; i < n; i++) {
		g_autofree char *opts = command_options(&cmds[i]);
		printf("\t%s) opts=\"%s\"", cmds[i].name, opts);
		if (cmds[i].subcommands)
			printf(" subs=\"%s\"", cmds[i].subcommands);
		printf(" ;;\n");
	}
	printf("\tesac\n"
	       "\tif [[ $cur == -* ]]; then\n"
	       "\t\tCOMPREPLY=($(compgen -W \"$opts --help\" -- \"$cur\"))\n"
	       "\telif [[ -n $subs && -z $sub ]]; then\n"
	       "\t\tCOMPREPLY=($(compgen -W \"$subs\" -- \"$cur\"))\n"
	       "\telse\n"
	       "\t\tCOMPREPLY=($(compgen -f -- \"$cur\"))\n"
	       "\tfi\n"
	       "}\n"
	       "complete -F _gig gig\n");
}

static void
print_fish(const struct gig_cmd *cmds, size_t n)
{
	printf("# fish completion for gig (generated by 'gig help --completion fish')\n"
	       "complete -c gig -f\n"
	       "complete -c gig -l db -r -d 'ledger file'\n"
	       "complete -c gig -l color -x -a 'auto always never'\n"
	       "complete -c gig -s q -l quiet -d 'fewer messages'\n");
	for (size_t i = 0; i < n; i++) {
		/* fish quotes: a single-quoted string cannot hold a single quote. */
		g_autofree char *d = g_strdup(cmds[i].summary);
		g_strdelimit(d, "'", '"');
		printf("complete -c gig -n __fish_use_subcommand -a %s -d '%s'\n", cmds[i].name, d);
		if (cmds[i].subcommands)
			printf("complete -c gig -n '__fish_seen_subcommand_from %s' -a '%s'\n",
			       cmds[i].name, cmds[i].subcommands);
		g_autofree char *opts = command_options(&cmds[i]);
		g_auto(GStrv) list = g_strsplit(opts, " ", -1);
		for (size_t j = 0; list[j]; j++) {
			if (!*list[j])
				continue;
			const char *o = list[j];
			bool is_long = o[1] == '-';
			const char *what = "";
			if (strcmp(o, "--account") == 0 || strcmp(o, "-a") == 0)
				what = " -x -a '(gig help --names accounts 2>/dev/null)'";
			else if (strcmp(o, "--category") == 0 || strcmp(o, "-c") == 0)
				what = " -x -a '(gig help --names categories 2>/dev/null)'";
			printf("complete -c gig -n '__fish_seen_subcommand_from %s' -%s %s%s\n",
			       cmds[i].name, is_long ? "l" : "s", o + (is_long ? 2 : 1), what);
		}
	}
}

/* Account or category names for the completions, one per line; a name with a
 * control character (a newline, an escape sequence) never reaches the shell. */
static int
print_names(gig_cli *cli, const char *what)
{
	bool accounts = strcmp(what, "accounts") == 0;
	size_t n_cmds = 0;
	const struct gig_cmd *cmds = gig_cli_commands(&n_cmds);
	/* the command table itself: "commands", or "subcommands:CMD" (tests/cli/test_help.sh
	 * walks it) */
	if (strcmp(what, "commands") == 0) {
		for (size_t i = 0; i < n_cmds; i++)
			printf("%s\n", cmds[i].name);
		return GIG_EXIT_OK;
	}
	if (g_str_has_prefix(what, "subcommands:")) {
		for (size_t i = 0; i < n_cmds; i++)
			if (strcmp(cmds[i].name, what + strlen("subcommands:")) == 0 &&
			    cmds[i].subcommands) {
				g_auto(GStrv) subs = g_strsplit(cmds[i].subcommands, " ", -1);
				for (char **s = subs; *s; s++)
					printf("%s\n", *s);
			}
		return GIG_EXIT_OK;
	}
	if (!accounts && strcmp(what, "categories") != 0)
		return gig_cli_usage("help",
		                     "--names takes accounts, categories, commands or "
		                     "subcommands:CMD, not '%s'",
		                     what);
	g_autoptr(gig_ledger) ledger = NULL;
	g_autoptr(GError) error = NULL;
	if (!gig_cli_open(cli, &ledger, &error))
		return gig_cli_fail(error);
	g_autoptr(GPtrArray) list = NULL;
	bool ok = accounts ? gig_ledger_accounts(ledger, &list, &error)
	                   : gig_ledger_categories(ledger, &list, &error);
	if (!ok)
		return gig_cli_fail(error);
	for (guint i = 0; i < list->len; i++) {
		const char *name = accounts ? ((gig_account *)list->pdata[i])->name
		                            : ((gig_category *)list->pdata[i])->name;
		/* A name that needs escaping cannot be typed back as it is shown:
		 * offering the escaped form would complete to a name that does not
		 * exist, so such names are left out. */
		if (strcmp(gig_cli_text(name), name) == 0)
			printf("%s\n", name);
	}
	return GIG_EXIT_OK;
}

int
gig_cli_manual(gig_cli *cli, int argc, char **argv)
{
	size_t n;
	const struct gig_cmd *cmds = gig_cli_commands(&n);
	if (strcmp(argv[1], "--man") == 0 && argc == 2)
		return print_man();
	if (strcmp(argv[1], "--names") == 0 && argc == 3)
		return print_names(cli, argv[2]);
	if (strcmp(argv[1], "--completion") == 0 && argc == 3) {
		if (strcmp(argv[2], "bash") == 0 || strcmp(argv[2], "zsh") == 0)
			print_bash(cmds, n, strcmp(argv[2], "zsh") == 0);
		else if (strcmp(argv[2], "fish") == 0)
			print_fish(cmds, n);
		else
			return gig_cli_usage(
			    "help", "--completion takes bash, zsh or fish, not '%s'", argv[2]);
		return GIG_EXIT_OK;
	}
	return gig_cli_usage("help", "use 'gig help --man', 'gig help --completion "
	                             "bash|zsh|fish' or 'gig help --names accounts|categories'");
}
