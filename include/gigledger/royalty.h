/*
 * royalty.h: distributor and collecting-society statements, the royalty balance each
 * payer owes, and the payers' payout calendars (issue 15).
 *
 * A statement is a CSV/TSV file recognised by its header row (see
 * gig_statement_detect); each line is royalty *earned*: a period (the month of use or
 * sale), a work (title, ISRC), a store and a country, and an amount.  Amounts are read
 * as exact decimals in pico-units (1e-12 of the currency unit, up to twelve decimal
 * places, as DistroKid writes them; more non-zero decimals are refused), summed
 * exactly in int64 (so a line, a statement and a --by group hold up to about 9.2
 * million currency units; beyond is OVERFLOW, never a wrong sum), and the sum of a
 * statement's new lines is rounded ONCE to the currency's minor unit, half away from
 * zero.  That rounded total is what the statement adds to the payer's balance.
 *
 * Re-importing adds nothing: a line's identity is the SHA-256 of its fields and its
 * occurrence among identical lines of the same file, unique per payer, so the same
 * file, or a later cumulative export that repeats old lines, only adds the lines
 * not seen before.
 *
 * A payout is a bank transaction (amount > 0) linked to a payer; the balance owed is
 * the statements' totals minus the linked payouts.
 *
 * Errors raised: IO, ENCODING, INVALID_INPUT (with "FILE:LINE:"), OVERFLOW,
 * NOT_FOUND (no statement layout recognised, unknown payer), and the DB_* codes.
 */
#ifndef GIGLEDGER_ROYALTY_H
#define GIGLEDGER_ROYALTY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <glib.h>

#include "gigledger/common.h"
#include "gigledger/date.h"
#include "gigledger/ledger.h"

GIG_BEGIN_DECLS

/* Pico-units per currency unit. */
#define GIG_PICO 1000000000000LL

/*
 * Reads an exact decimal ("12.34567891", "-0.5", "1.2E-05", "1,234.5") into
 * pico-units; false (INVALID_INPUT) for anything else, for more than nine
 * significant decimal places, or beyond int64 (OVERFLOW).
 */
GIG_API bool gig_pico_parse(int64_t *out, const char *text, GError **error);
/* Rounds pico-units to a currency exponent (0..3), half away from zero. */
GIG_API int64_t gig_pico_round(int64_t pico, int exponent);

/* The statement layouts gig recognises ("distrokid", "tunecore", "cdbaby",
 * "bandcamp", "prs": a collecting society's statement with Work Title, Tune Code
 * and/or ISWC, Territory, Use Period (a range is dated by its end) and Royalty Amount,
 * GBP unless a Currency column says otherwise), or NULL past the end. */
GIG_API const char *gig_statement_format_name(size_t i);

/*
 * Reads the header of `path` and says which layout it is (*format borrowed from a
 * static table, NULL when none).  True unless the file cannot be read.
 */
GIG_API bool gig_statement_detect(const char *path, const char **format, GError **error);

typedef struct {
	char *format;                /* "distrokid", ... */
	char *payer;                 /* as recorded */
	char currency[4];            /* of every line */
	int64_t lines;               /* data lines read */
	int64_t lines_new;           /* of them, not seen before */
	int64_t total_pico;          /* exact sum of the new lines */
	int64_t total_minor;         /* that sum rounded once (0 when nothing was new) */
	int first_month, last_month; /* month indexes of the lines' periods */
	int64_t statement_id;        /* 0 when nothing was new (nothing written) */
} gig_statement_result;

GIG_API void gig_statement_result_clear(gig_statement_result *r);

/*
 * Imports one statement in a single transaction: every line is checked first, so a
 * malformed line ("FILE:LINE: ...") leaves the ledger untouched.  `payer` (or NULL for
 * the layout's default) names who owes the money.  `today` is the import date.
 */
GIG_API bool gig_ledger_statement_import(gig_ledger *ledger, const char *path, const char *payer,
                                         gig_date today, gig_statement_result *out, GError **error);

/* One imported statement, for `gig statements list`. */
typedef struct {
	int64_t id;
	char *payer, *format, *file_name, *sha256;
	gig_date imported_on;
	char currency[4];
	int first_month, last_month; /* month indexes */
	int64_t lines;               /* lines it added */
	int64_t total_pico, total_minor;
} gig_statement_info;

GIG_API void gig_statement_info_free(gig_statement_info *s);
/* Every statement, oldest import first. */
GIG_API bool gig_ledger_statements(gig_ledger *ledger, GPtrArray **out, GError **error);

/* A payer's payout calendar, from payers/NAME.ini (gig_payer_calendars_load). */
typedef struct {
	char *id;     /* the file's stem: "prs" */
	char *name;   /* display name, also the payer name statements use */
	char **match; /* bank payee substrings (case-insensitive); NULL-terminated */
	char currency[4];
	bool months[12];       /* payout months (all twelve for monthly) */
	int day;               /* payout day of the month, clamped to its length */
	int lag_days;          /* earnings of a month are payable this long after it ends */
	int64_t minimum_minor; /* a balance under this rolls over to the next payout */
	char *source;          /* where the values come from (free text) */
	char *path;            /* the file read */
} gig_payer_calendar;

GIG_API void gig_payer_calendar_free(gig_payer_calendar *c);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(gig_payer_calendar, gig_payer_calendar_free)

/* Parses one key file; errors name the file. */
GIG_API bool gig_payer_calendar_load(const char *path, gig_payer_calendar **out, GError **error);
/*
 * Loads every *.ini of the NULL-terminated `dirs`, earlier directories first: a file
 * whose stem was already seen is skipped (so the user's config dir overrides the
 * shipped files).  Missing directories are fine; a broken file is an error.
 */
GIG_API bool gig_payer_calendars_load(const char *const *dirs, GPtrArray **out, GError **error);
/* The calendar for a payer name (by id, name, case-insensitive), or NULL. */
GIG_API const gig_payer_calendar *gig_payer_calendar_find(const GPtrArray *calendars,
                                                          const char *payer);

/* One unpaid piece of a balance: its latest period month and the amount left. */
typedef struct {
	int month; /* month index */
	int64_t amount_minor;
} gig_royalty_due;

/*
 * The next payout on or after `from` (pure): the first payout date of the calendar
 * whose payable part (the dues whose month ended lag_days or more before that date)
 * reaches the minimum and is above zero; a smaller payable part rolls over.  False
 * when no payout falls in the next 36 months.
 */
GIG_API bool gig_royalty_next_payout(const gig_payer_calendar *cal, const gig_royalty_due *dues,
                                     size_t n, gig_date from, gig_date *date, int64_t *amount);

/* One expected payout of a payer's balance (gig_royalty_schedule). */
typedef struct {
	gig_date on;
	int64_t amount_minor;  /* what the payer pays that day */
	int64_t payable_minor; /* of it, the collaborators' shares (splits) */
} gig_royalty_payout;

/*
 * Every payout from `from` up to `until` (pure): gig_royalty_next_payout, then again
 * over the dues that payout left, from the day after it, and so on.  `payable`
 * (NULL: none) holds each due's collaborators' share, carried into the payout that
 * pays the due.  Writes at most `max` payouts to `out`; returns how many.
 */
GIG_API size_t gig_royalty_schedule(const gig_payer_calendar *cal, const gig_royalty_due *dues,
                                    const int64_t *payable, size_t n, gig_date from, gig_date until,
                                    gig_royalty_payout *out, size_t max);

/*
 * A payer's balance: earned (the statements' totals), paid (the linked payouts),
 * owed = earned - recouped - paid.
 */
typedef struct {
	char *payer;
	char currency[4];
	int64_t earned_minor, paid_minor, owed_minor;
	int64_t statements;
	int last_month;         /* latest period of any statement, -1 when none */
	gig_date last_imported; /* when the last statement was imported */
	bool has_calendar;
	gig_date next_date; /* GIG_DATE_NONE when unknown */
	int64_t next_minor;
	/* advances (gig_ledger_advance_add): their sum, how much of it the statements
	 * have recouped, what is left, and the statement period that recouped them all
	 * (-1 while any is unrecouped); with an advance left, the mean monthly earnings
	 * since the first advance and the month they would recoup it (-1: unknown) */
	int64_t advances;
	int64_t advance_minor, recouped_minor, unrecouped_minor;
	int recouped_month;
	int64_t recoup_rate_minor;
	int recoup_forecast_month;
	/* splits: the collaborators' shares of everything earned, and of what is still
	 * owed (a payable: money that arrives and goes on to them) */
	int64_t shares_minor, payable_minor;
	/* the payer's own history (calendar payers only): each matched payout settles
	 * the oldest statements first, and its delay is counted from the period end of
	 * the latest statement it settles (wholly or in part).  payouts_observed is how
	 * many payouts that gives, observed_delay_days their mean delay, and
	 * lateness_days the mean of (actual payout date - the date the calendar file
	 * predicts for that statement, minimum ignored), rounded half away from zero:
	 * next_date and the runway's payouts are the calendar's dates moved by it
	 * (0 without history) */
	int64_t payouts_observed;
	int observed_delay_days;
	int lateness_days;
	/* what is still owed, oldest first (gig_royalty_due) and each due's
	 * collaborators' share (int64_t), for gig_royalty_schedule */
	GArray *dues, *due_shares;
} gig_royalty_balance;

GIG_API void gig_royalty_balance_free(gig_royalty_balance *b);

/* Per payer (and currency), sorted by payer name; `calendars` may be NULL. */
GIG_API bool gig_ledger_royalties(gig_ledger *ledger, const GPtrArray *calendars, gig_date today,
                                  GPtrArray **out, GError **error);

/* Earned by work, store, country or month: rows of key, currency, earned (rounded). */
typedef enum {
	GIG_ROYALTY_BY_WORK,
	GIG_ROYALTY_BY_STORE,
	GIG_ROYALTY_BY_COUNTRY,
	GIG_ROYALTY_BY_MONTH
} gig_royalty_by;

typedef struct {
	char *key;
	char currency[4];
	int64_t earned_pico;
	int64_t earned_minor;
	int64_t lines;
} gig_royalty_group;

GIG_API void gig_royalty_group_free(gig_royalty_group *g);
GIG_API bool gig_ledger_royalties_by(gig_ledger *ledger, gig_royalty_by by, GPtrArray **out,
                                     GError **error);

/*
 * Links payout deposits to payers: an unlinked transaction with a positive amount, in
 * an account of the payer's currency, whose payee contains the payer's name or one of
 * its calendar's match strings, and whose amount equals the payer's balance owed or
 * the total of one of its statements.  Oldest first, one transaction.  *matched counts
 * the links made.
 */
GIG_API bool gig_ledger_royalties_match(gig_ledger *ledger, const GPtrArray *calendars,
                                        int64_t *matched, GError **error);

/* ---- splits and advances (sql/0022_splits_advances.sql) ---- */

/* One share of a split: a name ("me" for the producer) and hundredths of a percent. */
typedef struct {
	char *name;
	int64_t share_bp;     /* 10000 = 100 % */
	bool self;            /* the producer's own share */
	int64_t amount_minor; /* this share of the split's base (gig_ledger_splits) */
} gig_split_share;

/* A split sheet: a work (title or ISRC, as statement lines carry them) or a gig. */
typedef struct {
	int64_t id;
	char *work;     /* NULL for a gig's split */
	int64_t gig_id; /* 0 for a work's split */
	gig_date created_on;
	size_t n_shares;
	gig_split_share *shares; /* yours first, then by name */
	int64_t others_bp;       /* the collaborators' shares together */
	/* what the shares are of: the gig's fee, or the royalties earned on the work
	 * (every statement line whose ISRC or title names it, in one currency, rounded
	 * once); each share's amount_minor is its part, rounded half away from zero */
	char currency[4];
	int64_t base_pico;
	int64_t base_minor;
} gig_split;

GIG_API void gig_split_free(gig_split *s);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(gig_split, gig_split_free)

/* "Alex=30", "me=33.33", "Sam=12.5%" into a name (newly allocated) and hundredths
 * of a percent (above 0, at most 10000); INVALID_INPUT otherwise. */
GIG_API bool gig_split_share_parse(char **name, int64_t *share_bp, const char *text,
                                   GError **error);

/*
 * Adds the split of a work (`work`, gig_id 0) or of a logged gig (work NULL): the n
 * shares must add up to exactly 10000 (100 %), the producer's own share ("me")
 * included, each name once; INVALID_INPUT otherwise, or when the work or gig has a
 * split already; NOT_FOUND for an unknown gig.  A collaborator's share of the work's
 * royalties or the gig's fee is a payable (royalty.h balances, the runway), not the
 * producer's income.
 */
GIG_API bool gig_ledger_split_add(gig_ledger *ledger, const char *work, int64_t gig_id,
                                  const char *const *names, const int64_t *share_bp, size_t n,
                                  gig_date today, int64_t *out_id, GError **error);
/* NOT_FOUND when there is no split `id`. */
GIG_API bool gig_ledger_split_rm(gig_ledger *ledger, int64_t id, GError **error);
/* Every split (gig_split), oldest first. */
GIG_API bool gig_ledger_splits(gig_ledger *ledger, GPtrArray **out, GError **error);

/*
 * Records an advance `payer` paid on `on`: the royalties its statements report for
 * periods from that month on pay nothing until they add up to the advance (it is
 * recouped); what is earned beyond it is owed as usual (gig_royalty_balance).
 */
GIG_API bool gig_ledger_advance_add(gig_ledger *ledger, const char *payer, const char *currency,
                                    int64_t amount_minor, gig_date on, int64_t *out_id,
                                    GError **error);

/* One advance and how far the payer's statements have recouped it (gig_ledger_advances). */
typedef struct {
	int64_t id;
	char *payer;
	char currency[4];
	int64_t amount_minor;
	gig_date received_on;
	int64_t recouped_minor;   /* of it, taken from the statements so far */
	int64_t unrecouped_minor; /* amount - recouped */
	int recouped_month;       /* the statement period that finished it; -1 while not */
} gig_advance;

GIG_API void gig_advance_free(gig_advance *a);
/*
 * Every advance, by payer, currency, then date: each takes the earnings of the
 * payer's statements for periods from its month on, oldest first, after the
 * advances before it (as gig_royalty_balance recoups them).
 */
GIG_API bool gig_ledger_advances(gig_ledger *ledger, GPtrArray **out, GError **error);

/* ---- paying collaborators (sql/0026_split_payments.sql) ---- */

/*
 * Records paying collaborator `name` (a name some split's shares carry, not "me"):
 * `amount_minor` (> 0) in `currency` on `on`.  With `account` (NULL: none) the
 * payment is also booked there as an expense (payee the name, memo "split share"),
 * in the account's currency (`currency` may then be NULL).  NOT_FOUND for a name no
 * split carries or an unknown account; INVALID_INPUT for a currency that differs
 * from the account's.  *out_txn (may be NULL) gets the booked row, 0 when none.
 */
GIG_API bool gig_ledger_split_pay(gig_ledger *ledger, const char *name, const char *currency,
                                  int64_t amount_minor, gig_date on, const char *account,
                                  int64_t *out_id, int64_t *out_txn, GError **error);

/* One collaborator's standing in one currency (gig_ledger_collaborators). */
typedef struct {
	char *name;
	char currency[4];
	int64_t share_minor; /* their shares of what every split covers (gig_split) */
	int64_t paid_minor;  /* paid to them (gig_ledger_split_pay) */
	int64_t owed_minor;  /* share - paid; below 0 when paid ahead */
	int64_t payments;
} gig_collaborator;

GIG_API void gig_collaborator_free(gig_collaborator *c);
/* Every collaborator of the splits (and anyone paid), by name then currency. */
GIG_API bool gig_ledger_collaborators(gig_ledger *ledger, GPtrArray **out, GError **error);

GIG_END_DECLS

#endif
