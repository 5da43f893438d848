/*
 * date.h: calendar dates without time zones.
 *
 * A gig_date is the number of days since 1970-01-01 in the proleptic
 * Gregorian calendar; negative values are earlier.  Months are counted as
 * year * 12 + (month - 1) ("month index"), which makes month arithmetic
 * plain integer arithmetic.  The library never reads the clock: "today" is
 * always a parameter.
 *
 * Errors raised: GIG_ERROR_INVALID_INPUT.
 */
#ifndef GIGLEDGER_DATE_H
#define GIGLEDGER_DATE_H

#include <stdbool.h>
#include <stdint.h>
#include "gigledger/error.h"

GIG_BEGIN_DECLS

typedef int32_t gig_date;

#define GIG_DATE_BUFSZ 32 /* "YYYY-MM-DD" with room to spare for any int */

/* 28..31, or 0 for a month outside 1..12. */
GIG_API int gig_date_days_in_month(int year, int month);

/* Builds a date; false when the day does not exist or the year is outside 1..9999. */
GIG_API bool gig_date_from_ymd(gig_date *out, int year, int month, int day);

/* Splits a date; any pointer may be NULL.  Cannot fail. */
GIG_API void gig_date_to_ymd(gig_date date, int *year, int *month, int *day);

/* Writes "YYYY-MM-DD" into buf (GIG_DATE_BUFSZ bytes) and returns buf. */
GIG_API char *gig_date_format(char *buf, gig_date date);

/*
 * Parses what a user types: "YYYY-MM-DD", "today", "yesterday",
 * "tomorrow".  `today` anchors the relative words.
 */
GIG_API bool gig_date_parse(gig_date *out, const char *text, gig_date today, GError **error);

/* Strict "YYYY-MM-DD" (what the database stores). */
GIG_API bool gig_date_parse_iso(gig_date *out, const char *text, GError **error);

/* Adds months, clamping the day to the target month's length (Jan 31 + 1 = Feb 28/29). */
GIG_API gig_date gig_date_add_months(gig_date date, int months);

/* Month index (year * 12 + month - 1) of a date, and the first day of a month index. */
GIG_API int gig_date_month_index(gig_date date);
GIG_API gig_date gig_date_month_start(int month_index);

/* Writes "YYYY-MM" for a month index into buf (GIG_DATE_BUFSZ bytes). */
GIG_API char *gig_date_format_month(char *buf, int month_index);

GIG_END_DECLS

#endif
