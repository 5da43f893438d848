/*
 * fuzz.h: what the fuzz harnesses (tests/fuzz/fuzz_*.c) share.  Each harness
 * defines LLVMFuzzerTestOneInput(); built with clang -fsanitize=fuzzer it is
 * a libFuzzer target, built with replay_main.c it is a plain program that runs
 * every file it is given (ctest replays the seed corpus and the saved crash
 * reproducers that way, with gcc too).  A harness aborts (through
 * fuzz_check) when a property fails, so libFuzzer saves the input.
 */
#ifndef GIG_FUZZ_H
#define GIG_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/*
 * Writes the bytes to a file of this process's own temporary directory and
 * returns its path (the same path for the same `slot`, overwritten each time;
 * removed at exit).
 */
const char *fuzz_file(int slot, const uint8_t *data, size_t size);

#define fuzz_check(cond)                                                                           \
	do {                                                                                       \
		if (!(cond)) {                                                                     \
			fprintf(stderr, "%s:%d: property failed: %s\n", __FILE__, __LINE__,        \
			        #cond);                                                            \
			abort();                                                                   \
		}                                                                                  \
	} while (0)

#endif
