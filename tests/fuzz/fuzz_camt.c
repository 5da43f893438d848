/*
 * fuzz_camt.c: the CAMT.053 reader (src/lib/import_camt.c) on any bytes; see fuzz_stmt.h.
 */
#include "fuzz_stmt.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_stmt(GIG__FMT_CAMT, data, size);
}
