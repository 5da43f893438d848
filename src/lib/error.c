/* error.c: the GIG_ERROR domain (see include/gigledger/error.h). */
#include "gigledger/error.h"

G_DEFINE_QUARK(gig - error - quark, gig_error)

const char *
gig_error_code_name(int code)
{
	switch ((gig_error_code)code) {
	case GIG_ERROR_FAILED:
		return "failed";
	case GIG_ERROR_INVALID_INPUT:
		return "invalid-input";
	case GIG_ERROR_ENCODING:
		return "encoding";
	case GIG_ERROR_OVERFLOW:
		return "overflow";
	case GIG_ERROR_AMBIGUOUS:
		return "ambiguous";
	case GIG_ERROR_NOT_FOUND:
		return "not-found";
	case GIG_ERROR_DUPLICATE:
		return "duplicate";
	case GIG_ERROR_EXISTS:
		return "exists";
	case GIG_ERROR_DB_BUSY:
		return "db-busy";
	case GIG_ERROR_DB_READONLY:
		return "db-readonly";
	case GIG_ERROR_DB_SCHEMA:
		return "db-schema";
	case GIG_ERROR_DB_CORRUPT:
		return "db-corrupt";
	case GIG_ERROR_IO:
		return "io";
	case GIG_ERROR_CANCELLED:
		return "cancelled";
	}
	return "unknown";
}
