/*
 * config.h: the ledger's settings (gig config), each with a type, a range and a
 * default, stored in the ledger's settings table.  The library reads them from there
 * only, never from the environment.
 *
 *   tax_rate_bp        share of income set aside for tax, in basis points (2500 = 25%):
 *                      an integer 0..10000; default 2500.  Read by the runway report.
 *   reserve_multiple   months of essential spending the reserve target holds: "auto"
 *                      (M = clamp(3 x (1 + CV of income), 3, 12), report.h) or a number
 *                      1..24 with up to two decimals; default auto.  Read by the report.
 *   windfall_factor    a payment over this many times the median payment is a windfall
 *                      (report.h): a number 1..100, up to two decimals; default 5.
 *   simulation_seed    seed of the runway bootstrap when --seed is not given: an integer
 *                      0..18446744073709551615; default 20240601.
 *   default_account    the account a command uses when it names none (gig spend, gig
 *                      paid, ...): the name of an account (stored by id, so a rename
 *                      keeps it); default: the first checking account.
 *   base_currency      the currency reports and typed amounts use by default: an ISO
 *                      4217 code that an account uses (any code while there is no
 *                      account); default the one given to gig init (EUR).
 *
 * Errors raised: NOT_FOUND (an unknown key, listing the keys; an unknown account),
 * INVALID_INPUT (a value of the wrong type or out of range, naming the key and what is
 * allowed), DB_*.
 */
#ifndef GIGLEDGER_CONFIG_H
#define GIGLEDGER_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

#include "gigledger/error.h"
#include "gigledger/ledger.h"

GIG_BEGIN_DECLS

typedef struct {
	const char *key;
	const char *allowed;       /* what a value may be, for messages and help */
	const char *default_value; /* as `gig config get` shows it */
	const char *help;          /* one line */
} gig_config_key;

/* The known keys, in the order above.  *n gets their number.  Static data. */
GIG_API const gig_config_key *gig_config_keys(size_t *n);

/* The value of `key` as text (an account by its name); *out_is_set (may be NULL) says
 * whether it was set or is the default.  g_free *out. */
GIG_API bool gig_config_get(gig_ledger *ledger, const char *key, char **out, bool *out_is_set,
                            GError **error);
/* Checks and stores a value (normalised: "eur" -> "EUR", "5.0" -> "5"). */
GIG_API bool gig_config_set(gig_ledger *ledger, const char *key, const char *value, GError **error);
/* Back to the default. */
GIG_API bool gig_config_unset(gig_ledger *ledger, const char *key, GError **error);

GIG_END_DECLS

#endif
