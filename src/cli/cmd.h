/*
 * cmd.h: what every gig command shares: the command table, the context the
 * global options produce, option parsing, exit codes, and helpers that turn
 * GErrors into messages and exit statuses.  Only the CLI prints.
 */
#ifndef GIG_CLI_CMD_H
#define GIG_CLI_CMD_H

#include <signal.h>
#include <stdbool.h>
#include <stdio.h>

#include <gigledger/gigledger.h>
#include <gigledger/json.h>
#include <json-glib/json-glib.h>

/* Exit statuses (documented in `gig --help` and the README). */
enum {
	GIG_EXIT_OK = 0,
	GIG_EXIT_FAILURE = 1,
	GIG_EXIT_USAGE = 2,
	GIG_EXIT_INPUT = 3,    /* input rejected: bad amount, date, CSV, unknown name */
	GIG_EXIT_BUSY = 4,     /* ledger locked by another process: retry */
	GIG_EXIT_UNUSABLE = 5, /* ledger read-only, newer schema, or damaged */
	GIG_EXIT_INTERRUPTED = 130,
};

typedef struct {
	char *db_path;  /* resolved ledger path */
	gig_date today; /* the local date, or $GIG_TODAY for reproducible runs */
	int color;      /* 1 = use colour on stdout */
	bool quiet;
	char *config_dir;   /* $XDG_CONFIG_HOME/gigledger */
	bool damaged;       /* the ledger opened was damaged: exit 5 even on success */
	char *command_line; /* "gig CMD ARGS" as typed, for the change log (history.h) */
} gig_cli;

typedef int (*gig_cmd_fn)(gig_cli *cli, int argc, char **argv);

struct gig_cmd {
	const char *name;
	gig_cmd_fn fn;
	const char *summary;
	const char *subcommands; /* "add list rm" for a command group, or NULL */
};

/* The command table (main.c), for the manual page and shell completions. */
const struct gig_cmd *gig_cli_commands(size_t *n);
/* `gig help --man`, `gig help --completion SHELL`, `gig help --names WHAT`
 * (cmd_manual.c); argv[0] is "help". */
int gig_cli_manual(gig_cli *cli, int argc, char **argv);

/* Command handlers: argv[0] is the command name. */
int gig_cmd_init(gig_cli *cli, int argc, char **argv);
int gig_cmd_account(gig_cli *cli, int argc, char **argv);
int gig_cmd_accounts(gig_cli *cli, int argc, char **argv);
int gig_cmd_log(gig_cli *cli, int argc, char **argv);
int gig_cmd_invoices(gig_cli *cli, int argc, char **argv);
int gig_cmd_paid(gig_cli *cli, int argc, char **argv);
int gig_cmd_cancel(gig_cli *cli, int argc, char **argv);
int gig_cmd_spend(gig_cli *cli, int argc, char **argv);
int gig_cmd_earn(gig_cli *cli, int argc, char **argv);
int gig_cmd_balance(gig_cli *cli, int argc, char **argv);
int gig_cmd_export(gig_cli *cli, int argc, char **argv);
int gig_cmd_categories(gig_cli *cli, int argc, char **argv);
int gig_cmd_db(gig_cli *cli, int argc, char **argv);
int gig_cmd_runway(gig_cli *cli, int argc, char **argv);
int gig_cmd_reserve(gig_cli *cli, int argc, char **argv);
int gig_cmd_recurring(gig_cli *cli, int argc, char **argv);
int gig_cmd_scenario(gig_cli *cli, int argc, char **argv);
int gig_cmd_forecast(gig_cli *cli, int argc, char **argv);
int gig_cmd_check(gig_cli *cli, int argc, char **argv);
int gig_cmd_backup(gig_cli *cli, int argc, char **argv);
int gig_cmd_restore(gig_cli *cli, int argc, char **argv);
int gig_cmd_txn_merge(gig_cli *cli, int argc, char **argv);
int gig_cmd_txn_list(gig_cli *cli, int argc, char **argv);
int gig_cmd_txn_show(gig_cli *cli, int argc, char **argv);
int gig_cmd_register(gig_cli *cli, int argc, char **argv);
int gig_cmd_report(gig_cli *cli, int argc, char **argv);
int gig_cmd_budget(gig_cli *cli, int argc, char **argv);
int gig_cmd_config(gig_cli *cli, int argc, char **argv);
int gig_cmd_history(gig_cli *cli, int argc, char **argv);
int gig_cmd_undo(gig_cli *cli, int argc, char **argv);
int gig_cmd_redo(gig_cli *cli, int argc, char **argv);
int gig_cmd_gig(gig_cli *cli, int argc, char **argv);
/* `gig txn SUBCOMMAND` (cmd_txn.c) and its subcommands, argv[0] = the subcommand */
int gig_cmd_txn(gig_cli *cli, int argc, char **argv);
int gig_cmd_txn_edit(gig_cli *cli, int argc, char **argv);
int gig_cmd_txn_rm(gig_cli *cli, int argc, char **argv);
int gig_cmd_txn_split(gig_cli *cli, int argc, char **argv);
int gig_cmd_txn_link(gig_cli *cli, int argc, char **argv);
int gig_cmd_txn_unlink(gig_cli *cli, int argc, char **argv);

/* A positive id ("12" or "#12"); false for anything else. */
bool gig_cli_id(const char *text, int64_t *out);
/* For a destructive command: true when it may go ahead: --yes given, or the
 * answer on a terminal was yes (prints "Nothing changed." otherwise).  Without a
 * terminal and without --yes it prints the usage error and *status = 2. */
bool gig_cli_may(const char *cmd, bool yes, const char *question, int *status);
int gig_cmd_tax(gig_cli *cli, int argc, char **argv);

/* The tax profile the ledger's settings name, found in the tax profile directories
 * ($XDG_CONFIG_HOME/gigledger/tax first, $GIG_TAX_PATH, then the shipped ones). */
/* The payer calendars (royalty.h) from the user's config dir, $GIG_PAYER_PATH, the
 * system data dirs and the shipped payers/ (cmd_royalties.c); the first of a name wins. */
bool gig_cli_payer_calendars(const gig_cli *cli, GPtrArray **out, GError **error);
/* The same for the runway: a broken calendar file is a warning, and the report goes
 * on without calendars (NULL in *out). */
void gig_cli_payer_calendars_soft(const gig_cli *cli, GPtrArray **out);
struct gig_tax_profile;
bool gig_cli_tax_profile(gig_cli *cli, gig_ledger *ledger, struct gig_tax_profile *out,
                         GError **error);
/* After an income transaction: what to move to the tax reserve for it, on stderr, or
 * as the member "tax_set_aside" of `json` when it is not NULL. */
bool gig_cli_tax_set_aside(gig_cli *cli, gig_ledger *ledger, int64_t txn_id, const char *currency,
                           JsonBuilder *json, GError **error);
int gig_cmd_rates(gig_cli *cli, int argc, char **argv);
int gig_cmd_statements(gig_cli *cli, int argc, char **argv);
int gig_cmd_royalties(gig_cli *cli, int argc, char **argv);
int gig_cmd_split(gig_cli *cli, int argc, char **argv);
/* `collaborators` of gig split list and gig royalties (cmd_split.c): a table, or
 * the member of the JSON object `b` is building; an exit status. */
int gig_cli_collaborators(gig_ledger *ledger, JsonBuilder *b, bool json);
int gig_cmd_advance(gig_cli *cli, int argc, char **argv);
/* Imports a royalty statement and prints the summary (cmd_royalties.c); `gig import`
 * hands it the files whose header is a statement's. */
int gig_cli_statement_import(gig_cli *cli, const char *path, const char *payer, bool json);

/*
 * Set by the SIGINT/SIGTERM handler gig_cli_signals_install() installs; every ledger
 * from gig_cli_open() stops its SQLite work (rolling back) once it is set.
 */
extern volatile sig_atomic_t gig_cli_interrupted;
void gig_cli_signals_install(void);

/* Prints "gig: MESSAGE" to stderr (or "interrupted; nothing was changed", exit 130,
 * once gig_cli_interrupted is set) and returns the exit status for the error. */
int gig_cli_fail(const GError *error);
/* Prints "gig CMD: MESSAGE" and a pointer to --help; returns GIG_EXIT_USAGE. */
int gig_cli_usage(const char *cmd, const char *fmt, ...) G_GNUC_PRINTF(2, 3);

/*
 * Parses options with a GOptionContext whose summary/description the caller
 * set.  --help prints to stdout and exits 0 (GLib does this).  Returns
 * GIG_EXIT_OK, or GIG_EXIT_USAGE after printing the problem.
 */
int gig_cli_parse(GOptionContext *ctx, const char *cmd, int *argc, char ***argv);
/* Builds a context with "gig CMD PARAMS" usage, a summary and examples. */
GOptionContext *gig_cli_context(const char *params, const char *summary, const char *examples,
                                const GOptionEntry *entries);

/* Opens the ledger at cli->db_path. */
bool gig_cli_open(gig_cli *cli, gig_ledger **out, GError **error);

/* Takes an automatic snapshot (integrity.h) before a large change; a failure
 * is a warning on stderr, never a reason to stop.  Always returns true. */
bool gig_cli_snapshot(gig_cli *cli, gig_ledger *ledger, const char *label);

/* Parses an amount for a currency; a NULL currency means the base currency. */
bool gig_cli_amount(gig_ledger *ledger, const char *currency, const char *text, int64_t *out,
                    GError **error);
/* Parses a user date ("today", "yesterday", YYYY-MM-DD); NULL text = today. */
bool gig_cli_date(gig_cli *cli, const char *text, gig_date *out, GError **error);

/* The simulation_seed setting (gig config), for a report when --seed is not given. */
bool gig_cli_seed(gig_ledger *ledger, uint64_t *out, GError **error);

/* Adds member `key`: the date as "YYYY-MM-DD", or null for GIG_DATE_NONE. */
void gig_cli_json_date(JsonBuilder *builder, const char *key, gig_date date);

/* Writes a json-glib builder's root to stdout, pretty, with a newline. */
void gig_cli_print_json(JsonBuilder *builder);

/* Writes one output file (-o): WRITE fills a temporary file beside PATH, created 0600,
 * which is then renamed over PATH (a symlink there is replaced, never followed). */
typedef bool (*gig_cli_writer)(FILE *f, void *data, GError **error);
bool gig_cli_write_file(const char *path, gig_cli_writer write, void *data, GError **error);

/*
 * Outside text (names, bank rows, file names) ready for a text table or message: control
 * characters escaped, invalid UTF-8 replaced (gig_text_visible).  The copy lives until
 * the process exits, so it can go straight into a printf argument list.
 */
const char *gig_cli_text(const char *text);

/* The base-currency total of `accounts` (cmd_balance_total.c): other currencies at the
 * latest rates on or before today; member "total" of `json`, or lines on stdout when
 * `json` is NULL.  A missing rate gives no total (said so), not an error. */
bool gig_cli_balance_total(gig_cli *cli, gig_ledger *ledger, GPtrArray *accounts, JsonBuilder *json,
                           GError **error);

/* *out = true when the ledger's accounts, or `gigs` (gig_gig, may be NULL), use more
 * than one currency: then tables show each amount's currency. */
bool gig_cli_multi_currency(gig_ledger *ledger, GPtrArray *gigs, bool *out, GError **error);

/* A gig's status for people: "partly paid", never the JSON value "partly_paid". */
const char *gig_cli_status(gig_status status);

/* "1,234.50" for tables. */
const char *gig_cli_money(char *buf, int64_t minor, const char *currency);

#endif
