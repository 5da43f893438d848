/*
 * helpers.h: shared test fixtures: a fresh ledger in a temporary directory,
 * test-data paths, and assertion helpers that print what differed.
 */
#ifndef GIG_TEST_HELPERS_H
#define GIG_TEST_HELPERS_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <gigledger/gigledger.h>

typedef struct {
	char *dir;  /* temporary directory, removed by gig_test_ledger_free */
	char *path; /* ledger file inside it */
	gig_ledger *ledger;
} gig_test_ledger;

/* Creates dir + ledger (base currency `currency`, NULL = EUR); fails the test on error. */
gig_test_ledger *gig_test_ledger_new(const char *currency);
void gig_test_ledger_free(gig_test_ledger *t);

/* An absolute path under tests/data (GIG_TEST_DATA); g_free the result. */
char *gig_test_data_path(const char *relative);

/* Adds an account and returns its id; fails the test on error. */
int64_t gig_test_account(gig_test_ledger *t, const char *name, gig_account_kind kind,
                         int64_t opening_minor);

/* The (account, month, category, pending) groups where the monthly_totals rollup
 * and a full GROUP BY over the transactions disagree, counted both ways; 0 when the
 * rollup is right. */
int64_t gig_test_rollup_differences(gig_ledger *ledger);

/* Fails the test with the GError's message if `ok` is false. */
#define gig_assert_ok(ok, error)                                                                   \
	do {                                                                                       \
		if (!(ok))                                                                         \
			fail_msg("%s:%d: unexpected error: %s", __FILE__, __LINE__,                \
			         (error) ? (error)->message : "(no message)");                     \
	} while (0)

/* Asserts a GIG_ERROR with `code` was set; prints the message either way. */
#define gig_assert_error(ok, err, want)                                                            \
	do {                                                                                       \
		if ((ok))                                                                          \
			fail_msg("%s:%d: expected an error, got success", __FILE__, __LINE__);     \
		if ((err) == NULL || (err)->domain != GIG_ERROR || (err)->code != (int)(want))     \
			fail_msg("%s:%d: expected error code %d, got %d (%s)", __FILE__, __LINE__, \
			         (int)(want), (err) ? (err)->code : -1,                            \
			         (err) ? (err)->message : "none");                                 \
	} while (0)

#endif
