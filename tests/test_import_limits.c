/*
 * test_import_limits.c: issue 9.10: a record is at most GIG__CSV_RECORD_MAX
 * (1 MiB) and a longer one is refused with file:line, quickly and without
 * holding it in memory (a 100 MB field used to cost 0.93 GB); rows skipped
 * for having no amount are named by line, in the result and in the batch.
 */
#include <string.h>
#include <sys/resource.h>

#include <glib/gstdio.h>

#include "import_helpers.h"

/* Header, a row, a row with a `field`-byte payee on line 3, a row; written in blocks. */
static char *
long_field_file(gig_test_ledger *t, const char *name, size_t field, bool quoted)
{
	char *path = g_build_filename(t->dir, name, NULL);
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	fputs("Date,Payee,Amount\n2026-01-05,Foo,12.50\n2026-01-06,", f);
	if (quoted)
		fputc('"', f);
	char block[65536];
	memset(block, 'x', sizeof block);
	for (size_t left = field; left > 0;) {
		size_t n = MIN(left, sizeof block);
		assert_int_equal(fwrite(block, 1, n, f), n);
		left -= n;
	}
	fputs(quoted ? "\",3.00\n" : ",3.00\n", f);
	fputs("2026-01-07,Bar,1.00\n", f);
	assert_int_equal(fclose(f), 0);
	return path;
}

static GError *
parse_error(const char *path)
{
	gig_import_options o = imp_opts(NULL);
	gig_import_result *r = NULL;
	GError *e = NULL;
	bool ok = gig_csv_parse_file(path, &o, &r, &e);
	gig_assert_error(ok, e, GIG_ERROR_INVALID_INPUT);
	return e;
}

static void
assert_too_long(const GError *e, const char *path, int line)
{
	g_autofree char *want = g_strdup_printf(
	    "%s:%d: a record longer than 1 MiB (1048576 bytes) starts here; bank exports have "
	    "short rows: is this a CSV export, or is a quote never closed?",
	    path, line);
	assert_string_equal(e->message, want);
}

static long
peak_kib(void)
{
	struct rusage u;
	assert_int_equal(getrusage(RUSAGE_SELF, &u), 0);
	return u.ru_maxrss;
}

/*
 * Memory does not grow with the field: after an 8 MiB field (which pays for
 * what any first import costs), a 64 MiB one must raise the process's peak by
 * less than the field's own size.  Before the cap it was read whole, into
 * libcsv's buffer, the reader's pool and the scanner's copies: several times
 * 64 MiB.  (The peak grows by ~2 MiB in a plain build; ASan's quarantine of
 * freed blocks adds a constant ~55 MiB, whatever the field's size.)
 * And it is refused at once, not after reading the whole file.
 */
static void
test_import_limits__huge_field_small_memory(void **state)
{
	(void)state;
	gig_test_ledger *t = gig_test_ledger_new(NULL);
	g_autofree char *warm = long_field_file(t, "warm.csv", 8u << 20, false);
	g_autoptr(GError) e0 = parse_error(warm);
	assert_too_long(e0, warm, 3);
	g_unlink(warm);
	g_autofree char *path = long_field_file(t, "huge.csv", 64u << 20, false);
	long before = peak_kib();
	gint64 t0 = g_get_monotonic_time();
	g_autoptr(GError) e = parse_error(path);
	double secs = (double)(g_get_monotonic_time() - t0) / 1e6;
	long grown = peak_kib() - before;
	g_unlink(path);
	assert_too_long(e, path, 3);
	if (grown >= 64 * 1024)
		fail_msg("peak memory grew by %ld KiB reading a 64 MiB field", grown);
	if (secs > 5.0 && g_getenv("GIG_VALGRIND") == NULL)
		fail_msg("refusing a 64 MiB field took %.2f s", secs);
	gig_test_ledger_free(t);
}

/* Just past the cap, quoted or not, is refused; just under it is read. */
static void
test_import_limits__record_cap_boundary(void **state)
{
	(void)state;
	gig_test_ledger *t = gig_test_ledger_new(NULL);
	g_autofree char *over = long_field_file(t, "over.csv", 2u << 20, false);
	g_autoptr(GError) e = parse_error(over);
	assert_too_long(e, over, 3);
	g_autofree char *qover = long_field_file(t, "qover.csv", (1u << 20) + 10, true);
	g_autoptr(GError) e2 = parse_error(qover);
	assert_too_long(e2, qover, 3);
	/* "2026-01-06" NUL, the field, NUL, "3.00" NUL: field + 17 bytes, exactly the cap */
	g_autofree char *under = long_field_file(t, "under.csv", (1u << 20) - 17, true);
	gig_import_options o = imp_opts(NULL);
	g_autoptr(gig_import_result) r = NULL;
	g_autoptr(GError) e3 = NULL;
	bool ok = gig_csv_parse_file(under, &o, &r, &e3);
	gig_assert_ok(ok, e3);
	assert_int_equal(r->rows->len, 3);
	assert_int_equal(strlen(((gig_csv_row *)r->rows->pdata[1])->payee), (1u << 20) - 17);
	gig_test_ledger_free(t);
}

/* A quote that is never closed, over many lines: refused where the record starts. */
static void
test_import_limits__unclosed_quote(void **state)
{
	(void)state;
	gig_test_ledger *t = gig_test_ledger_new(NULL);
	GString *s = g_string_new("Date,Payee,Amount\n2026-01-05,Foo,12.50\n2026-01-06,\"Bar\n");
	for (int i = 0; i < 60000; i++)
		g_string_append(s, "2026-01-07,Baz,1.00\n");
	g_autofree char *path = imp_write(t, "q.csv", s->str, (gssize)s->len);
	g_string_free(s, TRUE);
	g_autoptr(GError) e = parse_error(path);
	assert_too_long(e, path, 3);
	gig_test_ledger_free(t);
}

/*
 * Delimiter sniffing: read with ',' the first field '2026-01-05;x' is plain and
 * the second starts with a quote that never closes (so the whole file would
 * be one record); the sniffer must drop that reading, not fail, and take ';'.
 */
static void
test_import_limits__sniffing_survives_a_runaway_quote(void **state)
{
	(void)state;
	gig_test_ledger *t = gig_test_ledger_new(NULL);
	GString *s = g_string_new("Date;Payee;Amount\n");
	for (int i = 0; i < 60000; i++)
		g_string_append(s, "2026-01-05;x,\"y;12,50\n");
	g_autofree char *path = imp_write(t, "semi.csv", s->str, (gssize)s->len);
	g_string_free(s, TRUE);
	gig_import_options o = imp_opts(NULL);
	g_autoptr(gig_import_result) r = NULL;
	g_autoptr(GError) e = NULL;
	bool ok = gig_csv_parse_file(path, &o, &r, &e);
	gig_assert_ok(ok, e);
	assert_int_equal(r->guesses.delimiter, ';');
	assert_int_equal(r->rows->len, 60000);
	assert_int_equal(r->sum_minor, 60000 * 1250);
	gig_test_ledger_free(t);
}

static void
test_import_limits__lines_text(void **state)
{
	(void)state;
	g_autoptr(GArray) a = g_array_new(FALSE, FALSE, sizeof(int64_t));
	g_autofree char *none = gig_import_lines_text(a, 5);
	assert_string_equal(none, "");
	static const int64_t v[] = {4, 9, 12, 15, 20, 31, 40, 41};
	g_array_append_val(a, v[0]);
	g_autofree char *one = gig_import_lines_text(a, 5);
	assert_string_equal(one, "line 4");
	g_array_append_vals(a, v + 1, 4);
	g_autofree char *five = gig_import_lines_text(a, 5);
	assert_string_equal(five, "lines 4, 9, 12, 15 and 20");
	g_array_append_vals(a, v + 5, 3);
	g_autofree char *eight = gig_import_lines_text(a, 5);
	assert_string_equal(eight, "lines 4, 9, 12, 15, 20 and 3 more");
	g_autofree char *first = gig_import_lines_text(a, 1);
	assert_string_equal(first, "lines 4 and 7 more");
}

/* Rows without an amount: counted and named, in the result and in the batch's record. */
static void
test_import_limits__skipped_rows_named(void **state)
{
	(void)state;
	gig_test_ledger *t = gig_test_ledger_new(NULL);
	gig_test_account(t, "Checking", GIG_ACCOUNT_CHECKING, 0);
	g_autofree char *path = imp_write(t, "skip.csv",
	                                  "Date,Payee,Amount\n"
	                                  "2026-01-05,Foo,12.50\n"
	                                  "2026-01-06,No amount,\n"
	                                  "2026-01-07,Bar,-3.00\n"
	                                  "2026-01-08,Also none,  \n"
	                                  "2026-01-09,Baz,1.00\n",
	                                  -1);
	gig_import_options o = imp_opts("Checking");
	g_autoptr(gig_import_result) r = imp_run(t, path, &o);
	assert_int_equal(r->inserted, 3);
	assert_int_equal(r->skipped_rows, 2);
	assert_int_equal(r->skipped_no_amount->len, 2);
	assert_int_equal(g_array_index(r->skipped_no_amount, int64_t, 0), 3);
	assert_int_equal(g_array_index(r->skipped_no_amount, int64_t, 1), 5);
	g_autoptr(GPtrArray) list = NULL;
	g_autoptr(GError) e = NULL;
	bool ok = gig_import_batches(t->ledger, &list, &e);
	gig_assert_ok(ok, e);
	assert_int_equal(list->len, 1);
	const gig_import_batch *b = list->pdata[0];
	assert_int_equal(b->skipped_rows, 2);
	if (strstr(b->guesses, "\"skipped_no_amount\":\"lines 3 and 5\"") == NULL)
		fail_msg("the batch does not name the skipped lines: %s", b->guesses);
	/* none skipped: no key at all */
	g_autofree char *clean =
	    imp_write(t, "clean.csv", "Date,Payee,Amount\n2026-02-05,Foo,1.00\n", -1);
	g_autoptr(gig_import_result) r2 = imp_run(t, clean, &o);
	assert_int_equal(r2->skipped_no_amount->len, 0);
	g_autoptr(GPtrArray) list2 = NULL;
	ok = gig_import_batches(t->ledger, &list2, &e);
	gig_assert_ok(ok, e);
	assert_null(strstr(((gig_import_batch *)list2->pdata[0])->guesses, "skipped"));
	gig_test_ledger_free(t);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_import_limits__huge_field_small_memory),
	    cmocka_unit_test(test_import_limits__record_cap_boundary),
	    cmocka_unit_test(test_import_limits__unclosed_quote),
	    cmocka_unit_test(test_import_limits__sniffing_survives_a_runaway_quote),
	    cmocka_unit_test(test_import_limits__lines_text),
	    cmocka_unit_test(test_import_limits__skipped_rows_named),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
