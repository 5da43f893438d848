/*
 * import.h: bank and payment-provider CSV exports into the ledger.
 *
 * gig_import_file() reads any common export with no configuration: it
 * detects the encoding, delimiter, header row (after any preamble), the
 * meaning of each column (by header name in several languages, or from a
 * profile for files without a header), the amount grammar and date format
 * of each column (decided from all values), and which rows are not
 * transactions (balances, footers, continuation and summary rows).  It then
 * inserts the transactions into one account (or, for a file whose rows carry
 * several currencies, into the account of each row's currency:
 * gig_import_options.account_for) in ONE SQLite transaction: a malformed
 * file, a kill or a full disk leaves the ledger as it was.
 *
 * Identity: every row gets a fingerprint (SHA-256 of the normalised date,
 * amount, text and provider id, plus its occurrence index among identical rows
 * of the same file), so re-importing a file or an overlapping export adds
 * nothing, while N identical rows of one export stay N; two identical rows that
 * two exports split between them stay two when the running balance after each
 * tells them apart (the balance is kept beside the row, not in its identity).  A pending row
 * is replaced when its posted twin arrives.  Near matches (same amount,
 * nearby date, similar payee) are proposed, never merged.
 *
 * Statement formats: a file whose content is OFX/QFX, CAMT.053, QIF or MT940
 * (told by its first bytes, never by its name) is read by its own reader
 * (src/lib/import_stmt.h) and its transactions go through the same steps as
 * CSV rows; guesses.format names the format ("CSV" otherwise), and the
 * stated closing balance fills has_stated_balance.
 *
 * gig_csv_parse_file() runs the same reading and interpretation without a
 * ledger and returns the rows.
 *
 * Ownership: *out results belong to the caller: gig_import_result_free()
 * (NULL is a no-op), or g_autoptr(gig_import_result).
 *
 * Errors raised: INVALID_INPUT (malformed CSV, bad date or amount; the
 * message starts with FILE:LINE:COL), AMBIGUOUS (a date column that reads
 * both day-first and month-first; the message names the column and shows
 * --date-format), ENCODING, OVERFLOW (an amount or total beyond int64 minor
 * units), NOT_FOUND (file, account, profile, batch), IO, CANCELLED, and the
 * DB_* codes.
 */
#ifndef GIGLEDGER_IMPORT_H
#define GIGLEDGER_IMPORT_H

#include <stdbool.h>
#include <stdint.h>

#include "gigledger/ledger.h"

GIG_BEGIN_DECLS

/*
 * Progress: called every few thousand rows with the raw bytes read so far
 * and the file size, on the thread that called gig_import_file() (the file is
 * read on a worker thread, but the callback may use the ledger).  Return false
 * to cancel (the call then fails with GIG_ERROR_CANCELLED and nothing is written).
 */
typedef bool (*gig_import_progress_cb)(int64_t rows, int64_t bytes_done, int64_t bytes_total,
                                       void *payload);

typedef struct {
	unsigned int version;
	const char *account;             /* account name; NULL = the ledger's default account */
	const char *encoding;            /* iconv name to force; NULL = detect */
	const char *date_format;         /* strftime-style (%d %m %Y %y %b); NULL = infer */
	const char *profile;             /* profile name or path to a .ini file; NULL = auto */
	const char *const *profile_dirs; /* NULL-terminated directories searched for
					    profiles (the CLI passes the user's config dir) */
	const char *currency; /* parse only: currency when the file names none (NULL = EUR) */
	bool dry_run;         /* do everything, then roll back; rows are reported */
	bool keep_rows;       /* fill result->rows (always done for dry runs and parses) */
	gig_date today;       /* GIG_DATE_NONE = unknown */
	gig_import_progress_cb progress;
	void *payload;
	/*
	 * Version 2: where the rows of a file with a currency column go, one
	 * "CUR=ACCOUNT" per entry ("USD=Wise-USD"), NULL-terminated; NULL = none.
	 * A row in the currency of `account` goes there; a row in another currency
	 * goes to the account named here for it, else to the one account of the
	 * ledger in that currency; with none (or several), the import fails naming
	 * the file, line and currency.  See gig_import_result.accounts.
	 */
	const char *const *account_for;
	/*
	 * Version 3: the payer calendars (gig_payer_calendar*, royalty.h) whose
	 * payouts the import links as `gig royalties match` would, or NULL for
	 * none: a deposit of the batch not linked to a gig, whose payee contains a
	 * payer's name or match string, in the statements' currency, and whose
	 * amount is the payer's balance owed or one statement's total within one
	 * minor unit.  A deposit that fits two payers is listed, not linked
	 * (gig_import_result.royalty_matches).  Payers with statements but no
	 * calendar are matched by name.
	 */
	const GPtrArray *payers;
} gig_import_options;

#define GIG_IMPORT_OPTIONS_VERSION 3
#define GIG_IMPORT_OPTIONS_INIT                                                                    \
	{                                                                                          \
		GIG_IMPORT_OPTIONS_VERSION, NULL, NULL, NULL, NULL, NULL, NULL, false, false,      \
		    GIG_DATE_NONE, NULL, NULL, NULL, NULL                                          \
	}

/* What happened to one row. */
typedef enum {
	GIG_ROW_NEW,              /* inserted (or, for a parse, would be) */
	GIG_ROW_PENDING,          /* inserted flagged pending */
	GIG_ROW_DUPLICATE,        /* already in the ledger: skipped */
	GIG_ROW_REPLACED_PENDING, /* the posted twin of a pending row: replaced it */
	GIG_ROW_CONFIRMED         /* the bank's side of a row entered by hand: confirmed it */
} gig_row_fate;

GIG_API const char *gig_row_fate_name(gig_row_fate fate);

typedef struct {
	int64_t line_no; /* physical line the record starts on */
	gig_date posted_on;
	int64_t amount_minor; /* + money in, - money out */
	char currency[4];
	char *payee;
	char *memo;
	char *external_id; /* provider's id, or NULL */
	char *raw;         /* the record as read (fields re-joined) */
	bool pending;
	bool has_balance;
	int64_t balance_minor; /* running balance stated by the file */
	gig_row_fate fate;
	char *category; /* category given at import (rule or transfer), or NULL */
	char *fingerprint;
	/* The identity this row had before running balances were part of it
	 * (sql/0015), when the account holds rows imported then; else NULL. */
	char *old_fingerprint;
} gig_csv_row;

typedef struct {
	int64_t line; /* the row whose amount does not lead to its stated balance */
	int64_t expected_minor;
	int64_t stated_minor;
	char *what; /* "running balance", "closing balance (line 9)", ... */
} gig_balance_break;

/* What the reader made of one column, for --dry-run. */
typedef struct {
	int column;       /* 1-based */
	char *name;       /* header name, or NULL */
	char *role;       /* "date", "amount", "balance", "payee", ..., "ignored" */
	int score;        /* 0..100: how well the values fit that role */
	char *why;        /* "values signed, 2 dp; balance chain fails" */
	char *runner_up;  /* the next best kind of role, or NULL */
	int runner_score; /* its score */
} gig_column_guess;

/* Everything the reader guessed, for --dry-run and the batch record. */
typedef struct {
	char *encoding;
	char delimiter;
	int64_t header_line;       /* 0 = no header */
	char *date_format;         /* strftime-style */
	char decimal_mark;         /* '.' or ',' of the main amount column */
	char *sign_rule;           /* "signed 'Betrag'", "credit - debit", ... */
	char *columns;             /* "date=Buchung amount=Betrag payee=..." */
	char *profile;             /* profile used, or NULL */
	GPtrArray *column_guesses; /* gig_column_guess*, one per column, or NULL */
	char *profile_ini;         /* a profile (key file) that reproduces these guesses */
	char *format;              /* "CSV", "OFX 1.02 (SGML)", "OFX 2.11 (XML)",
	                              "CAMT.053.001.02", "QIF (Bank)", "MT940" */
	char *account_number;      /* the account a CSV preamble names ("Kontonummer;
	                              NO93 8601 1117 947", an IBAN), blanks dropped; or NULL */
} gig_import_guesses;

/* A proposed (never applied) match against an existing transaction: the row of
 * line_no, added as transaction new_txn_id, may be the same money as txn_id, which
 * was entered by hand ("gig txn merge TXN_ID NEW_TXN_ID" joins them). */
typedef struct {
	int64_t line_no;
	int64_t txn_id;
	char *reason;
	int64_t new_txn_id;
} gig_near_match;

/*
 * A row entered by hand (gig spend, gig earn, gig paid, ...) that a row of the file
 * confirmed: the same account, amount and sign, dated within GIG_CONFIRM_DAYS of
 * each other, with a similar payee (gig_payee_similarity() strong) or, for a gig's
 * payment, whatever the text.  The hand row stays (its category and gig link too)
 * and takes the bank row's date, text and identity: a re-import finds it, and
 * gig_import_undo() puts it back as it was.  No second transaction is added.  Only a
 * pair that is each other's only candidate is joined; the others are near matches.
 */
typedef struct {
	int64_t line_no;
	int64_t txn_id;  /* the hand row, now the bank row's */
	gig_date was_on; /* its date before */
	char *payee;     /* its payee before */
} gig_confirmation;

/* Days a bank row may lie before or after the hand entry it confirms. */
#define GIG_CONFIRM_DAYS 5

/*
 * How alike two payee texts are: 2 (strong) when every word that carries meaning
 * of the shorter one stands in the other ("Splice" and "SPLICE.COM SUBSCRIPTION"),
 * 1 (weak) when they share some, 0 when none.  Words are the casefolded runs of
 * letters and digits, of 3 characters or more, not only digits, and not one of the
 * generic words banks add ("card", "payment", "sepa", "com", "subscription", legal
 * forms, ...); two words match when equal, or when one of at least 4 characters
 * starts the other ("splice" / "splicecom").
 */
GIG_API int gig_payee_similarity(const char *a, const char *b);

/* The file's stated balance compared with the ledger (gig_import_result). */
typedef struct {
	bool checked; /* the file stated a balance, and it was compared */
	gig_date on;  /* the day it is the balance at the end of */
	int64_t stated_minor;
	int64_t ledger_minor;     /* the account's balance at the end of `on`, after the import */
	int64_t difference_minor; /* stated - ledger; 0 when they agree */
} gig_import_reconciliation;

/* An incoming payment linked to an open gig, or an ambiguous candidate. */
typedef struct {
	int64_t line_no;
	int64_t txn_id;
	int64_t gig_id;
	char *client;
	int64_t amount_minor;
	bool partial;
	bool ambiguous; /* listed only: several gigs fit */
	/* a gig in another currency, settled by this row (gig_ledger_gig_pay_txn_received):
	 * amount_minor is then the gig's open amount in the gig's currency, received_minor
	 * the row's amount, fx_minor the realised gain (+) or loss (-), both in the
	 * account's currency */
	bool fx;
	int64_t received_minor;
	int64_t fx_minor;
} gig_invoice_match;

/* A deposit of the batch linked to a royalty payer (gig_import_options.payers). */
typedef struct {
	int64_t line_no;
	int64_t txn_id;
	char *payer;          /* the payer; for an ambiguous one, the payers that fit */
	int64_t amount_minor; /* the deposit */
	char currency[4];
	bool ambiguous; /* several payers fit: not linked (gig royalties match) */
} gig_royalty_match;

typedef struct {
	int64_t batch_id; /* 0 for dry runs, parses and imports that added nothing */
	int64_t inserted; /* posted rows added */
	int64_t duplicates;
	int64_t pending; /* pending rows added */
	int64_t replaced_pending;
	int64_t skipped_rows; /* records after the header that are not transactions */
	int64_t sum_minor;    /* sum of the posted rows added */
	char currency[4];
	int64_t categorized; /* rows given a category by a rule or as a transfer */
	int64_t transfers;
	char *file_sha256;
	gig_import_guesses guesses;
	GPtrArray *balance_breaks;  /* gig_balance_break*, never NULL */
	GPtrArray *rows;            /* gig_csv_row*, or NULL when not kept */
	GPtrArray *near_matches;    /* gig_near_match*, never NULL */
	GPtrArray *invoice_matches; /* gig_invoice_match*, never NULL */
	GPtrArray *royalty_matches; /* gig_royalty_match*, never NULL */
	/* int64_t: the lines of the rows skipped for carrying no amount (an empty
	 * amount cell, a PayPal "Memo" row), in file order; never NULL.  They are
	 * counted in skipped_rows too. */
	GArray *skipped_no_amount;
	/* The account's balance as the file states it at its end: a closing
	 * balance in a preamble or footer, the last running balance, OFX
	 * LEDGERBAL, CAMT.053 CLBD, MT940 :62F:.  Set by the reader that found it
	 * (false when the file states none); the import compares it with the
	 * ledger's balance of the account. */
	bool has_stated_balance;
	int64_t stated_balance_minor;
	gig_date stated_balance_on; /* GIG_DATE_NONE when the file gives no date */
	/* Rows that confirmed a hand entry instead of being added (not in inserted
	 * or sum_minor), and which; gig_confirmation*, never NULL. */
	int64_t confirmed;
	GPtrArray *confirmations;
	/*
	 * The file's balance (has_stated_balance, else the running balance of its
	 * latest row) against the ledger's balance of the account at the end of that
	 * day (the file's latest date when it states none), all imports included.  A
	 * difference is reported, never an error; the import also records the stated
	 * balance as a balance assertion (reconcile.h) unless it is a dry run.
	 */
	gig_import_reconciliation reconciliation;
	/*
	 * A file whose rows went to more than one account (rows in several
	 * currencies, gig_import_options.account_for): one result per account, in
	 * the order the accounts were first met, each with its account's name,
	 * currency, batch, counts and reconciliation (rows, guesses and the
	 * reader's fields stay in this result).  This result then sums the counts
	 * (sum_minor only when every account has this result's currency, else 0),
	 * batch_id is the first account's batch, and reconciliation is unchecked.
	 * NULL when every row went to one account.
	 */
	GPtrArray *accounts; /* gig_import_result*, or NULL */
	char *account;       /* in an entry of accounts: the account's name */
	/* Every balance break found; balance_breaks keeps the first 1,000 of them. */
	int64_t balance_breaks_total;
} gig_import_result;

GIG_API void gig_import_result_free(gig_import_result *result);

/*
 * "line 7" or "lines 4, 9, 12 and 3 more" for an array of int64_t line
 * numbers, naming at most `shown` of them (shown >= 1); "" for none.
 * (transfer full)
 */
GIG_API char *gig_import_lines_text(const GArray *lines, unsigned shown);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(gig_import_result, gig_import_result_free)

/*
 * Imports `path` into the account named in `opts` (NULL opts = defaults).
 * On success *out describes what happened.  With opts->dry_run nothing is
 * kept.  On failure the ledger is unchanged and *out untouched.
 */
GIG_API bool gig_import_file(gig_ledger *ledger, const char *path, const gig_import_options *opts,
                             gig_import_result **out, GError **error);

/*
 * Reads and interprets `path` without a ledger: result->rows holds every
 * transaction (fate NEW or PENDING), inserted/pending/sum_minor count them
 * as an import into an empty account would.  With no account there is no
 * account currency to check: a file whose rows carry several currencies
 * parses (sum_minor then mixes them; each row keeps its own), while
 * gig_import_file() refuses the first row that is not in the account's
 * currency, naming its file and line.
 */
GIG_API bool gig_csv_parse_file(const char *path, const gig_import_options *opts,
                                gig_import_result **out, GError **error);

/* ---- batches ----------------------------------------------------------- */

typedef struct {
	int64_t id;
	char *account;
	char *file_name;
	char *file_sha256;
	char *imported_on;
	char *profile;
	char *guesses; /* JSON text */
	int64_t inserted, duplicates, pending, skipped_rows, sum_minor;
	int64_t remaining; /* transactions of the batch still in the ledger: the ones
	                    * it added and the ones already there that its file
	                    * also contained */
} gig_import_batch;

GIG_API void gig_import_batch_free(gig_import_batch *batch);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(gig_import_batch, gig_import_batch_free)

/*
 * The record transaction `txn_id` was imported from, as it was read (its fields
 * joined by the file's delimiter); g_free *out.  NOT_FOUND for a transaction that
 * was entered by hand.
 */
GIG_API bool gig_import_raw_row(gig_ledger *ledger, int64_t txn_id, char **out, GError **error);

/* All batches, newest first.  (transfer full) GPtrArray of gig_import_batch*. */
GIG_API bool gig_import_batches(gig_ledger *ledger, GPtrArray **out, GError **error);

/*
 * Removes batch `batch_id` and every transaction it added that no remaining
 * batch's file also contained, in one transaction; gigs that were paid by
 * them go back to open.  A transaction another batch also contained stays and
 * belongs to the oldest such batch from then on (its record is that file's).
 * NOT_FOUND for an unknown batch.  *out_removed (may be NULL) gets the number
 * of transactions removed.
 */
GIG_API bool gig_import_undo(gig_ledger *ledger, int64_t batch_id, int64_t *out_removed,
                             GError **error);

GIG_END_DECLS

#endif
