/*
 * ledger.h: the ledger file and what lives in it: accounts, categories,
 * clients, gigs (receivables) and transactions.
 *
 * A gig_ledger wraps one SQLite database.  gig_ledger_create() makes a new
 * file (mode 0600, refusing to overwrite) and applies the schema;
 * gig_ledger_open() opens an existing one and migrates it forward.  Every
 * function that writes runs as one SQLite transaction (BEGIN IMMEDIATE ...
 * COMMIT) and rolls back completely on any error: a failed call leaves the
 * ledger as it was.
 *
 * Ownership: objects returned through `**out` belong to the caller and are
 * freed with their gig_*_free() (NULL is a no-op).  Lists are GPtrArray with
 * the element free function set, so g_ptr_array_unref() frees everything.
 * Use a gig_ledger from one thread at a time.
 *
 * Errors raised (GIG_ERROR domain): NOT_FOUND (unknown account, category,
 * gig), DUPLICATE (name taken), INVALID_INPUT (bad value), OVERFLOW (a sum
 * that does not fit, or an amount above the bound), EXISTS (create over an
 * existing file), DB_BUSY, DB_READONLY, DB_SCHEMA, DB_CORRUPT, IO.
 *
 * Every amount passed in (a transaction, gig, payment, opening balance or
 * recurring amount) must satisfy gig_amount_ok() (|amount| <= GIG_AMOUNT_MAX,
 * 10^15 - 1 minor units, money.h); a larger one is OVERFLOW and nothing is
 * written.
 */
#ifndef GIGLEDGER_LEDGER_H
#define GIGLEDGER_LEDGER_H

#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "gigledger/date.h"
#include "gigledger/error.h"
#include "gigledger/money.h"

GIG_BEGIN_DECLS

/* "no date" in optional date fields */
#define GIG_DATE_NONE INT32_MIN

typedef struct gig_ledger gig_ledger;

/* ---- opening --------------------------------------------------------- */

/* Creates a new ledger at `path` with `base_currency` (NULL = EUR). */
GIG_API bool gig_ledger_create(gig_ledger **out, const char *path, const char *base_currency,
                               GError **error);
/* Opens an existing ledger; NOT_FOUND if the file does not exist. */
GIG_API bool gig_ledger_open(gig_ledger **out, const char *path, GError **error);
GIG_API void gig_ledger_free(gig_ledger *ledger);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(gig_ledger, gig_ledger_free)

/*
 * Cancellation for the whole process (signals are process-wide): once *flag becomes
 * non-zero, every ledger's work stops at its next check and the running call fails
 * with GIG_ERROR_CANCELLED, its transaction rolled back (a COMMIT is never issued
 * after the flag is seen).  Checked by SQLite's progress handler inside long
 * statements, before each commit and in the import and `log --from` loops.  Meant for
 * a flag a SIGINT/SIGTERM handler sets.  Set it before opening ledgers; NULL removes it.
 */
GIG_API void gig_set_cancel_flag(const volatile sig_atomic_t *flag);

/*
 * Outside text made safe to print or write into a text export: C0 controls and DEL
 * become "\x1b"-style escapes, C1 controls (U+0080..U+009F) "\u009b"-style ones, and
 * invalid UTF-8 becomes U+FFFD; all other text, including valid non-ASCII, is kept.
 * A backslash is kept as it is, so the result is for reading, not for parsing back.
 * NULL gives "".  Free with g_free().
 */
GIG_API char *gig_text_visible(const char *text);

/* Schema version of the open file, and the newest this library knows. */
GIG_API int gig_ledger_schema_version(gig_ledger *ledger);
GIG_API int gig_ledger_schema_latest(void);
/* Version of the SQLite library in use ("3.40.1"). */
GIG_API const char *gig_sqlite_version(void);
/* Borrowed; valid until the ledger is freed. */
GIG_API const char *gig_ledger_path(gig_ledger *ledger);
GIG_API const char *gig_ledger_base_currency(gig_ledger *ledger);

/* Settings are small key/value strings (tax_rate_bp, base_currency, ...). */
GIG_API bool gig_ledger_setting_get(gig_ledger *ledger, const char *key, char **out,
                                    GError **error);
GIG_API bool gig_ledger_setting_set(gig_ledger *ledger, const char *key, const char *value,
                                    GError **error);

/* ---- accounts -------------------------------------------------------- */

typedef enum {
	GIG_ACCOUNT_CHECKING,
	GIG_ACCOUNT_SAVINGS,
	GIG_ACCOUNT_CARD,
	GIG_ACCOUNT_CASH,
	GIG_ACCOUNT_TAX_RESERVE,
} gig_account_kind;

GIG_API bool gig_account_kind_parse(gig_account_kind *out, const char *text, GError **error);
GIG_API const char *gig_account_kind_name(gig_account_kind kind);

typedef struct {
	const char *name;
	gig_account_kind kind;
	const char *currency;  /* NULL = the ledger's base currency */
	int64_t opening_minor; /* opening balance */
	gig_date opening_date; /* GIG_DATE_NONE when unknown */
} gig_account_spec;
/* Zero is not "none" for a date (GIG_DATE_NONE is INT32_MIN, 0 is 1970-01-01): start
 * every spec from its _INIT and set the members wanted. */
#define GIG_ACCOUNT_SPEC_INIT                                                                      \
	((gig_account_spec){NULL, GIG_ACCOUNT_CHECKING, NULL, 0, GIG_DATE_NONE})

typedef struct {
	int64_t id;
	char *name;
	gig_account_kind kind;
	char currency[4];
	int64_t opening_minor;
	gig_date opening_date;
	int64_t balance_minor; /* opening + posted transactions; pending excluded */
	int64_t pending_minor; /* sum of pending transactions */
	int64_t transactions;  /* number of posted transactions */
	int64_t pending;       /* number of pending transactions */
	/* gig_ledger_accounts_on() (reconcile.h): posted transactions dated after the
	 * day asked for, left out of balance_minor and transactions; 0 otherwise */
	int64_t scheduled_minor;
	int64_t scheduled;
} gig_account;

GIG_API void gig_account_free(gig_account *account);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(gig_account, gig_account_free)

GIG_API bool gig_ledger_account_add(gig_ledger *ledger, const gig_account_spec *spec,
                                    int64_t *out_id, GError **error);
/* All accounts with balances, ordered by name.  (transfer full) */
GIG_API bool gig_ledger_accounts(gig_ledger *ledger, GPtrArray **out, GError **error);
/* Case-insensitive lookup; the NOT_FOUND message lists the known names. */
GIG_API bool gig_ledger_account_find(gig_ledger *ledger, const char *name, gig_account **out,
                                     GError **error);
/* The account used when a command names none: the default_account setting's
 * (config.h), else the only account, else the first checking account by id.
 * NOT_FOUND when there is none. */
GIG_API bool gig_ledger_account_default(gig_ledger *ledger, gig_account **out, GError **error);

/* ---- categories ------------------------------------------------------ */

typedef enum {
	GIG_CATEGORY_INCOME,
	GIG_CATEGORY_EXPENSE,
	GIG_CATEGORY_TRANSFER,
} gig_category_kind;

typedef struct {
	int64_t id;
	char *name;
	gig_category_kind kind;
	bool essential;
	bool deductible;
	char *stream; /* income stream for gig income categories, else NULL */
} gig_category;

GIG_API void gig_category_free(gig_category *category);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(gig_category, gig_category_free)

GIG_API bool gig_category_kind_parse(gig_category_kind *out, const char *text, GError **error);
GIG_API const char *gig_category_kind_name(gig_category_kind kind);
GIG_API bool gig_ledger_categories(gig_ledger *ledger, GPtrArray **out, GError **error);
GIG_API bool gig_ledger_category_find(gig_ledger *ledger, const char *name, gig_category **out,
                                      GError **error);
GIG_API bool gig_ledger_category_add(gig_ledger *ledger, const char *name, gig_category_kind kind,
                                     bool essential, bool deductible, int64_t *out_id,
                                     GError **error);
GIG_API bool gig_ledger_category_rename(gig_ledger *ledger, const char *old_name,
                                        const char *new_name, GError **error);
/* Sets a category's flags: 1 = on, 0 = off, negative = leave as it is. */
GIG_API bool gig_ledger_category_set_flags(gig_ledger *ledger, const char *name, int essential,
                                           int deductible, GError **error);

/* ---- gigs (receivables) ---------------------------------------------- */

typedef enum {
	GIG_STREAM_SESSION,
	GIG_STREAM_PRODUCTION,
	GIG_STREAM_MIXING,
	GIG_STREAM_MASTERING,
	GIG_STREAM_ROYALTY,
	GIG_STREAM_SYNC,
	GIG_STREAM_BEATS,
	GIG_STREAM_TEACHING,
	GIG_STREAM_LIVE,
	GIG_STREAM_OTHER,
} gig_stream;
#define GIG_STREAM_COUNT 10

GIG_API bool gig_stream_parse(gig_stream *out, const char *text, GError **error);
GIG_API const char *gig_stream_name(gig_stream stream);

typedef enum {
	GIG_STATUS_PLANNED,
	GIG_STATUS_INVOICED,
	GIG_STATUS_PAID,
	GIG_STATUS_PARTLY_PAID,
	GIG_STATUS_CANCELLED,
} gig_status;

GIG_API const char *gig_status_name(gig_status status);

typedef struct {
	const char *client; /* created on first use */
	gig_stream stream;
	const char *description;  /* may be NULL */
	int64_t amount_minor;     /* > 0 */
	const char *currency;     /* NULL = base currency */
	gig_date performed_on;    /* GIG_DATE_NONE allowed */
	gig_date invoiced_on;     /* GIG_DATE_NONE = planned (not invoiced yet) */
	gig_date due_on;          /* GIG_DATE_NONE = invoiced_on + terms */
	int terms_days;           /* < 0 = the client's default terms (30 for a new client) */
	gig_date paid_on;         /* != GIG_DATE_NONE: also record full payment on that day */
	const char *paid_account; /* account for paid_on (NULL = default account) */
} gig_gig_spec;
/* The other stream, every date unknown (planned), the client's terms. */
#define GIG_GIG_SPEC_INIT                                                                          \
	((gig_gig_spec){NULL, GIG_STREAM_OTHER, NULL, 0, NULL, GIG_DATE_NONE, GIG_DATE_NONE,       \
	                GIG_DATE_NONE, -1, GIG_DATE_NONE, NULL})

typedef struct {
	int64_t id;
	char *client;
	gig_stream stream;
	char *description;
	int64_t amount_minor;
	char currency[4];
	gig_date performed_on;
	gig_date invoiced_on;
	gig_date due_on;
	gig_status status;
	int64_t paid_minor; /* sum of linked transactions */
} gig_gig;

GIG_API void gig_gig_free(gig_gig *gig);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(gig_gig, gig_gig_free)

GIG_API bool gig_ledger_gig_add(gig_ledger *ledger, const gig_gig_spec *spec, int64_t *out_id,
                                GError **error);
GIG_API bool gig_ledger_gig_get(gig_ledger *ledger, int64_t id, gig_gig **out, GError **error);
/* Gigs ordered by due date; open_only = invoiced or partly paid. */
GIG_API bool gig_ledger_gigs(gig_ledger *ledger, bool open_only, GPtrArray **out, GError **error);
/*
 * Records a payment of a gig: a transaction of `amount_minor` (0 = the open
 * remainder) into `account` (NULL = default account) on `on`, in the income
 * category of the gig's stream, linked to the gig; the gig becomes paid or
 * partly_paid.  INVALID_INPUT when the gig is cancelled, already paid, the
 * currency differs or the payment exceeds what is open.
 */
GIG_API bool gig_ledger_gig_pay(gig_ledger *ledger, int64_t gig_id, int64_t amount_minor,
                                const char *account, gig_date on, int64_t *out_txn, GError **error);
GIG_API bool gig_ledger_gig_cancel(gig_ledger *ledger, int64_t gig_id, GError **error);

/*
 * Logs every gig of a CSV file in one transaction (all or nothing).  The
 * header names the columns, in any order: client, stream, amount (required),
 * currency, performed_on, invoiced_on, due_on, description, paid_on (dates
 * YYYY-MM-DD; empty = none).  *out_count receives the number of gigs.
 * INVALID_INPUT / NOT_FOUND errors name the file and line.
 */
GIG_API bool gig_ledger_gigs_load_csv(gig_ledger *ledger, const char *path, int64_t *out_count,
                                      GError **error);

/* ---- transactions ---------------------------------------------------- */

typedef struct {
	const char *account; /* NULL = default account */
	gig_date posted_on;
	int64_t amount_minor; /* + money in, - money out */
	const char *payee;
	const char *memo;
	const char *category; /* NULL = uncategorised */
	bool pending;
} gig_txn_spec;
/* posted_on GIG_DATE_NONE: it must be set (an add without a date is INVALID_INPUT). */
#define GIG_TXN_SPEC_INIT ((gig_txn_spec){NULL, GIG_DATE_NONE, 0, NULL, NULL, NULL, false})

typedef struct {
	int64_t id;
	int64_t account_id;
	const char *account; /* borrowed, valid during the callback only */
	const char *currency;
	gig_date posted_on;
	int64_t amount_minor;
	const char *payee;
	const char *memo;
	int64_t category_id;  /* 0 = uncategorised */
	const char *category; /* NULL when uncategorised */
	gig_category_kind category_kind;
	int64_t gig_id; /* 0 = none */
	bool pending;
	int64_t batch_id; /* 0 = entered by hand */
} gig_txn;

GIG_API bool gig_ledger_txn_add(gig_ledger *ledger, const gig_txn_spec *spec, int64_t *out_id,
                                GError **error);
GIG_API bool gig_ledger_txn_set_category(gig_ledger *ledger, int64_t txn_id, const char *category,
                                         GError **error);

/* Return false from the callback to stop early (the call then returns true). */
typedef bool (*gig_txn_cb)(const gig_txn *txn, void *payload);
/* Every transaction in date order (then id), pending included. */
GIG_API bool gig_ledger_txn_foreach(gig_ledger *ledger, gig_txn_cb cb, void *payload,
                                    GError **error);

/* ---- recurring bills and income ------------------------------------- */

typedef enum {
	GIG_CADENCE_WEEKLY,
	GIG_CADENCE_MONTHLY,
	GIG_CADENCE_QUARTERLY,
	GIG_CADENCE_YEARLY,
} gig_cadence;

GIG_API bool gig_cadence_parse(gig_cadence *out, const char *text, GError **error);
GIG_API const char *gig_cadence_name(gig_cadence cadence);
/* The occurrence after `date` (months clamp to the month's last day). */
GIG_API gig_date gig_cadence_next(gig_cadence cadence, gig_date date);

typedef struct {
	const char *name;     /* unique, e.g. "Rent" */
	const char *account;  /* NULL = default account */
	const char *category; /* NULL = uncategorised (counts as essential) */
	int64_t amount_minor; /* negative = a bill, positive = income */
	gig_cadence cadence;
	gig_date next_on;  /* next due date */
	gig_date until_on; /* GIG_DATE_NONE = open-ended */
} gig_recurring_spec;
/* Monthly and open-ended; next_on GIG_DATE_NONE must be set. */
#define GIG_RECURRING_SPEC_INIT                                                                    \
	((gig_recurring_spec){NULL, NULL, NULL, 0, GIG_CADENCE_MONTHLY, GIG_DATE_NONE,             \
	                      GIG_DATE_NONE})

typedef struct {
	int64_t id;
	char *name;
	char *account;
	char currency[4];
	char *category; /* NULL when uncategorised */
	int64_t amount_minor;
	gig_cadence cadence;
	gig_date next_on;
	gig_date until_on;
} gig_recurring;

GIG_API void gig_recurring_free(gig_recurring *item);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(gig_recurring, gig_recurring_free)

GIG_API bool gig_ledger_recurring_add(gig_ledger *ledger, const gig_recurring_spec *spec,
                                      int64_t *out_id, GError **error);
/* Ordered by next date.  (transfer full) */
GIG_API bool gig_ledger_recurring_list(gig_ledger *ledger, GPtrArray **out, GError **error);
GIG_API bool gig_ledger_recurring_remove(gig_ledger *ledger, const char *name, GError **error);

/* ---- export ---------------------------------------------------------- */

typedef enum {
	GIG_EXPORT_HLEDGER, /* a journal hledger and ledger both read (strict modes too) */
	GIG_EXPORT_CSV,
	GIG_EXPORT_JSON,
	GIG_EXPORT_BEANCOUNT,
} gig_export_format;

typedef struct {
	unsigned int version; /* GIG_EXPORT_OPTIONS_VERSION */
	gig_export_format format;
	gig_date from; /* first day kept; GIG_DATE_NONE = from the start.  The journals
	                  carry what comes before as a balance brought forward. */
	gig_date to;   /* last day kept; GIG_DATE_NONE = to the end */
} gig_export_options;

#define GIG_EXPORT_OPTIONS_VERSION 1
#define GIG_EXPORT_OPTIONS_INIT                                                                    \
	{                                                                                          \
		GIG_EXPORT_OPTIONS_VERSION, GIG_EXPORT_HLEDGER, GIG_DATE_NONE, GIG_DATE_NONE       \
	}

/*
 * Writes the ledger to `out` (the journals: every account, commodity, payee and
 * tag declared; open invoices as pending entries tagged `receivable`; pending
 * transactions as comments).  INVALID_INPUT for an unknown version or format or
 * from > to; IO when writing fails (the output is then incomplete).
 */
GIG_API bool gig_ledger_export_with(gig_ledger *ledger, const gig_export_options *options,
                                    FILE *out, GError **error);
/* gig_ledger_export_with() of the whole ledger in `format`. */
GIG_API bool gig_ledger_export(gig_ledger *ledger, gig_export_format format, FILE *out,
                               GError **error);

GIG_END_DECLS

#endif
