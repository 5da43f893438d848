/*
 * json.h: the one JSON shape of each entity.  Every JSON document gig and the library
 * write (command output, `export --format json`, the runway and period reports) builds
 * its accounts, categories, gigs and transactions with these functions, so an entity
 * has the same keys wherever it appears.  docs/json.md lists every key.
 *
 * Conventions (docs/json.md): `schema_version` is the first member of every document;
 * an entity's own id is `id`, a reference to another is `<entity>_id`; a calendar date
 * is "YYYY-MM-DD" in a key named `date` or ending in `_on` (null when unknown); a
 * count of days ends in `_days`; an amount is integer minor units in a key ending in
 * `_minor`, next to the `currency` it is in.
 *
 * These use json-glib (json-glib-1.0); this header is not in gigledger.h.
 */
#ifndef GIGLEDGER_JSON_H
#define GIGLEDGER_JSON_H

#include <json-glib/json-glib.h>

#include "gigledger/common.h"
#include "gigledger/ledger.h"

GIG_BEGIN_DECLS

/* The value of `schema_version`; raised when a key is renamed or removed. */
#define GIG_JSON_SCHEMA_VERSION 1

/* Begins a document: opens the root object and adds `schema_version`. */
GIG_API void gig_json_begin_document(JsonBuilder *b);
/* Adds member `key`: the date as "YYYY-MM-DD", or null for GIG_DATE_NONE. */
GIG_API void gig_json_date(JsonBuilder *b, const char *key, gig_date date);
/* Adds `<key>_minor` (integer) and `<key>` (the amount as a decimal string, "-12.50"). */
GIG_API void gig_json_money(JsonBuilder *b, const char *key, int64_t minor, const char *currency);

/*
 * Each adds the entity's members to the object being built (the caller opens and
 * closes it, and may add members of its own after these).
 */
GIG_API void gig_json_account(JsonBuilder *b, const gig_account *a);
GIG_API void gig_json_category(JsonBuilder *b, const gig_category *c);
GIG_API void gig_json_gig(JsonBuilder *b, const gig_gig *g);
GIG_API void gig_json_txn(JsonBuilder *b, const gig_txn *t);

GIG_END_DECLS

#endif
