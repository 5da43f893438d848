/*
 * report_period.h: periods ("2026", "2026-Q3", "2026-11", a day), and the report of
 * income and expenses per period (gig report), with budgets.
 *
 * Errors raised: INVALID_INPUT (a period that is not one of the forms, a start after
 * the end, a bad option), NOT_FOUND (unknown category, a currency no account uses),
 * OVERFLOW, DB_*.
 */
#ifndef GIGLEDGER_REPORT_PERIOD_H
#define GIGLEDGER_REPORT_PERIOD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "gigledger/date.h"
#include "gigledger/error.h"
#include "gigledger/ledger.h"

GIG_BEGIN_DECLS

/*
 * Reads a period: "YYYY" (a year), "YYYY-QN" (a quarter, N 1..4, q or Q), "YYYY-MM"
 * (a month) or a day ("YYYY-MM-DD", "today", "yesterday", "tomorrow", with `today`
 * anchoring the words).  *start and *end get its first and last day (inclusive).
 */
GIG_API bool gig_period_parse(gig_date *start, gig_date *end, const char *text, gig_date today,
                              GError **error);

GIG_END_DECLS

#endif
