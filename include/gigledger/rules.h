/*
 * rules.h: categorising transactions.
 *
 * A rule is a GRegex pattern matched case-insensitively against
 * "payee memo"; when several match, the highest priority wins (then the
 * oldest rule).  Rules run at import time on every new row.  For rows no
 * rule covers, gig_rules_suggest() proposes the category most often given
 * to earlier transactions of the same payee, with a confidence and a reason
 * ("7 earlier 'SPLICE' rows were Software & Plugins").  Suggestions are
 * only suggestions: nothing is categorised until the caller says so.
 *
 * Errors raised: INVALID_INPUT (bad pattern), NOT_FOUND (category, rule,
 * transaction), DB_*.
 */
#ifndef GIGLEDGER_RULES_H
#define GIGLEDGER_RULES_H

#include "gigledger/ledger.h"

GIG_BEGIN_DECLS

typedef struct {
	int64_t id;
	char *pattern;
	char *category;
	int priority;
} gig_rule;

GIG_API void gig_rule_free(gig_rule *rule);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(gig_rule, gig_rule_free)

/* Rules in the order they are tried.  (transfer full) GPtrArray of gig_rule*. */
GIG_API bool gig_rules_list(gig_ledger *ledger, GPtrArray **out, GError **error);
GIG_API bool gig_rules_add(gig_ledger *ledger, const char *pattern, const char *category,
                           int priority, int64_t *out_id, GError **error);
GIG_API bool gig_rules_remove(gig_ledger *ledger, int64_t rule_id, GError **error);
/* Applies the rules to every uncategorised transaction; *out_changed may be NULL. */
GIG_API bool gig_rules_apply(gig_ledger *ledger, int64_t *out_changed, GError **error);

typedef struct {
	int64_t txn_id;
	char *category;    /* NULL when there is nothing to suggest */
	double confidence; /* share of the earlier rows that had this category, 0..1 */
	int64_t support;   /* how many earlier rows agree */
	char *reason;
} gig_suggestion;

GIG_API void gig_suggestion_free(gig_suggestion *s);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(gig_suggestion, gig_suggestion_free)

/* A suggestion for one transaction (category NULL when nothing fits). */
GIG_API bool gig_rules_suggest(gig_ledger *ledger, int64_t txn_id, gig_suggestion **out,
                               GError **error);

GIG_END_DECLS

#endif
