/* fuzz_util.c: the temporary files of fuzz.h. */
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "fuzz.h"

#define SLOTS 4

static char *dir;
static char *paths[SLOTS];

static void
cleanup(void)
{
	for (int i = 0; i < SLOTS; i++) {
		if (paths[i] != NULL)
			g_unlink(paths[i]);
		g_free(paths[i]);
	}
	if (dir != NULL)
		g_rmdir(dir);
	g_free(dir);
}

const char *
fuzz_file(int slot, const uint8_t *data, size_t size)
{
	if (dir == NULL) {
		/* tmpfs when there is one: libFuzzer writes thousands of files a second */
		const char *base =
		    g_file_test("/dev/shm", G_FILE_TEST_IS_DIR) ? "/dev/shm" : g_get_tmp_dir();
		g_autofree char *tmpl = g_build_filename(base, "gig-fuzz-XXXXXX", NULL);
		dir = g_mkdtemp(g_steal_pointer(&tmpl));
		if (dir == NULL)
			abort();
		atexit(cleanup);
	}
	if (paths[slot] == NULL) {
		char name[32];
		snprintf(name, sizeof name, "input-%d", slot);
		paths[slot] = g_build_filename(dir, name, NULL);
	}
	FILE *f = fopen(paths[slot], "wb");
	if (f == NULL || (size > 0 && fwrite(data, 1, size, f) != size) || fclose(f) != 0)
		abort();
	return paths[slot];
}
