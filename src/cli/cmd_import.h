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

#endif
