/* report_explain.c: the working behind the reserve, tax and salary (placeholder). */
#include "report_internal.h"

bool
gig_report_explain_reserve(const gig_report *report, FILE *out, GError **error)
{
	(void)report;
	(void)out;
	(void)error;
	return true;
}
