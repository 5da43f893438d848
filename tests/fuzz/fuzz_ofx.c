/*
 * fuzz_ofx.c: the OFX/QFX reader (src/lib/import_ofx.c) on any bytes; see fuzz_stmt.h.
 */
#include "fuzz_stmt.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_stmt(GIG__FMT_OFX, data, size);
}
