/*
 * fuzz_qif.c: the QIF reader (src/lib/import_qif.c) on any bytes; see fuzz_stmt.h.
 */
#include "fuzz_stmt.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_stmt(GIG__FMT_QIF, data, size);
}
