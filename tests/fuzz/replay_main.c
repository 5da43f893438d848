/*
 * replay_main.c: main() for a harness built without libFuzzer.  Runs
 * LLVMFuzzerTestOneInput() once on every file named, and on every file of
 * every directory named (not recursively, dot files left out); a directory that does not exist
 * counts as empty (a target may have no saved crash yet).  Fails when no
 * input was found at all, so a wrong path does not pass quietly.
 */
#include <string.h>

#include <glib.h>

#include "fuzz.h"

static int
by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int
run_file(const char *path)
{
	g_autofree char *data = NULL;
	size_t len = 0;
	g_autoptr(GError) e = NULL;
	if (!g_file_get_contents(path, &data, &len, &e)) {
		fprintf(stderr, "%s\n", e->message);
		exit(2);
	}
	LLVMFuzzerTestOneInput((const uint8_t *)data, len);
	return 1;
}

int
main(int argc, char **argv)
{
	int n = 0;
	for (int i = 1; i < argc; i++) {
		if (!g_file_test(argv[i], G_FILE_TEST_IS_DIR)) {
			if (g_file_test(argv[i], G_FILE_TEST_EXISTS))
				n += run_file(argv[i]);
			continue;
		}
		g_autoptr(GDir) d = g_dir_open(argv[i], 0, NULL);
		g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func(g_free);
		const char *e;
		while (d && (e = g_dir_read_name(d)) != NULL)
			if (e[0] != '.') /* .keep holds an empty crashes/ folder in git */
				g_ptr_array_add(names, g_build_filename(argv[i], e, NULL));
		g_ptr_array_sort(names, by_name);
		for (size_t k = 0; k < names->len; k++)
			if (g_file_test(names->pdata[k], G_FILE_TEST_IS_REGULAR))
				n += run_file(names->pdata[k]);
	}
	printf("replayed %d input%s\n", n, n == 1 ? "" : "s");
	return n > 0 ? 0 : 1;
}
