/*
 * internal.h (private): helpers shared by several library files but not
 * exported.  Names start with gig__.
 */
#ifndef GIG_INTERNAL_H
#define GIG_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "gigledger/ledger.h"

/* Case-insensitive lookup of `text` in `names` (NULL-terminated, n entries);
 * INVALID_INPUT listing the known names otherwise. */
bool gig__enum_parse(int *out, const char *text, const char *const *names, size_t n,
                     const char *what, GError **error);
/* Exact (database spelling) parse of a gig status; false if unknown. */
bool gig__status_parse(gig_status *out, const char *text);

/* gig_ledger_gig_add without its own transaction (the caller holds one). */
bool gig__gig_add_in_tx(gig_ledger *ledger, const gig_gig_spec *spec, int64_t *out_id,
                        GError **error);

#endif
