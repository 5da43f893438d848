/*
 * cmd_import.h: the import-related commands: `gig import`, `gig categorize`
 * and `gig rules` (cmd_import.c, cmd_categorize.c, cmd_rules.c).
 */
#ifndef GIG_CLI_CMD_IMPORT_H
#define GIG_CLI_CMD_IMPORT_H

#include "cmd.h"

int gig_cmd_import(gig_cli *cli, int argc, char **argv);
int gig_cmd_categorize(gig_cli *cli, int argc, char **argv);
int gig_cmd_rules(gig_cli *cli, int argc, char **argv);

/* Asks a yes/no question on the terminal; false unless the answer starts with y. */
bool gig_cli_confirm(const char *question);

/*
 * `gig import -` and `gig log --from -`: standard input is copied whole into a
 * file named "stdin" in a new private directory (0700; the file 0600), since the
 * importer reads a file more than once and hashes it.  The batch is then named
 * "stdin", and its hash is that of the bytes read, so the same bytes imported
 * from a file or from a pipe are the same file to re-import detection.
 */
typedef struct {
	char *dir;
	char *path;
} gig_cli_stdin;
bool gig_cli_stdin_spool(gig_cli_stdin *out, GError **error);
/* Removes the copy; a no-op on a zeroed value. */
void gig_cli_stdin_clear(gig_cli_stdin *s);
/* Names the copy "stdin" in an error message that names its path. */
void gig_cli_stdin_rename(const gig_cli_stdin *s, GError *error);

#endif
