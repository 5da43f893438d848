/*
 * fuzz_mt940.c: the MT940 reader (src/lib/import_mt940.c) on any bytes; see fuzz_stmt.h.
 */
#include "fuzz_stmt.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_stmt(GIG__FMT_MT940, data, size);
}
