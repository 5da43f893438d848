/*
 * import_pipe.c: reading and storing an export at the same time.
 *
 * gig__scan_run_piped() has the contract of gig__scan_run(): `cb` sees the
 * same rows, in file order, on the calling thread, and the call fails with the
 * same error.  The difference is that the reading (CSV parsing, conversion,
 * fingerprints: about half of an import's work) runs on a worker thread while
 * the caller's thread stores the rows it has been handed, so on two cores the
 * two halves overlap instead of adding up.
 *
 * Rows travel through a bounded ring (PIPE_CAP rows), handed over CHUNK rows at
 * a time to keep the locking rare; the reader waits when the ring is full, so
 * memory does not grow with the file.  Ownership of a row passes with it; the
 * scan's spare-row list is shared and guarded by its own lock (import_rows.c).
 *
 * With a chunk callback, the reading thread also collects each row's record
 * into chunks (import_raw.c) as it hands the row over; finished chunks wait in
 * a list under the same lock and are given to the callback on the calling
 * thread between rows.
 *
 * The caller's progress callback runs on the calling thread too (it may read the
 * ledger, or update a user interface): the reader only notes how far it got, and
 * the calling thread reports that between rows; when the callback asks to stop,
 * the import fails as cancelled, as it did when everything ran on one thread.
 *
 * Which error wins is the sequential one: the reader stops at its first error
 * after handing over every row before it; the caller's thread stores those
 * rows first, and only when all of them were stored does the reader's error
 * become the result.  When storing fails, the reader is told to stop; its own
 * "stopped" error is dropped in favour of the storing error.
 */
#include <string.h>

#include "import_internal.h"
#include "import_scan.h"

#define CHUNK 64
#define PIPE_CAP (16 * CHUNK)

struct pipe {
	GMutex lock;
	GCond more; /* rows arrived, or the reader finished */
	GCond room; /* rows were taken, or the consumer stopped */
	gig_csv_row *ring[PIPE_CAP];
	size_t head, n;
	bool done;     /* the reader returned */
	bool ok;       /* ... and succeeded */
	bool stop;     /* the consumer gave up: the reader should stop */
	GError *error; /* the reader's error */
	gig__scan *scan;
	GQueue chunks; /* gig__raw_chunk*, finished by the reader, not yet stored */
	/* progress noted by the reader, reported by the calling thread */
	gig_import_progress_cb progress;
	void *progress_payload;
	int64_t prog_rows, prog_done, prog_total;
	bool prog_new;
	/* reader side: rows not yet handed over, records not yet in a chunk */
	gig_csv_row *out[CHUNK];
	size_t n_out;
	gig__raw_chunker *raw; /* NULL without a chunk callback */
};

static void
chunk_free(gpointer data)
{
	gig__raw_chunk *c = data;
	g_bytes_unref(c->text);
	g_free(c);
}

/* Reader: queues what the chunker holds for the caller. */
static void
queue_chunk(struct pipe *p)
{
	gig__raw_chunk *c = g_new0(gig__raw_chunk, 1);
	if (!gig__raw_chunker_take(p->raw, c)) {
		g_free(c);
		return;
	}
	g_mutex_lock(&p->lock);
	g_queue_push_tail(&p->chunks, c);
	g_mutex_unlock(&p->lock);
}

/* A row nobody will store: back to the scan, or freed when rows are not reused. */
static void
drop(struct pipe *p, gig_csv_row *row)
{
	if (p->scan->pool.recycle)
		gig__scan_recycle(p->scan, row);
	else
		gig__csv_row_free(row);
}

/* Reader: hands the waiting rows over; false once the consumer has stopped. */
static bool
hand_over(struct pipe *p)
{
	size_t i = 0;
	g_mutex_lock(&p->lock);
	while (i < p->n_out) {
		while (p->n == PIPE_CAP && !p->stop)
			g_cond_wait(&p->room, &p->lock);
		if (p->stop)
			break;
		for (; i < p->n_out && p->n < PIPE_CAP; i++)
			p->ring[(p->head + p->n++) % PIPE_CAP] = p->out[i];
		g_cond_signal(&p->more);
	}
	bool stopped = p->stop;
	g_mutex_unlock(&p->lock);
	for (; i < p->n_out; i++)
		drop(p, p->out[i]);
	p->n_out = 0;
	return !stopped;
}

static bool
push_row(gig_csv_row *row, void *payload, GError **error)
{
	struct pipe *p = payload;
	if (p->raw != NULL && gig__raw_chunker_add(p->raw, row->line_no, row->raw))
		queue_chunk(p);
	p->out[p->n_out++] = row;
	if (p->n_out < CHUNK || hand_over(p))
		return true;
	g_set_error(error, GIG_ERROR, GIG_ERROR_CANCELLED, "reading stopped");
	return false;
}

/* Reader: stands in for the caller's progress callback (see above). */
static bool
note_progress(int64_t rows, int64_t done, int64_t total, void *payload)
{
	struct pipe *p = payload;
	g_mutex_lock(&p->lock);
	p->prog_rows = rows;
	p->prog_done = done;
	p->prog_total = total;
	p->prog_new = true;
	bool go_on = !p->stop;
	g_mutex_unlock(&p->lock);
	return go_on;
}

static gpointer
reader(gpointer data)
{
	struct pipe *p = data;
	GError *error = NULL;
	bool ok = gig__scan_run(p->scan, push_row, p, &error);
	if (ok && p->raw != NULL)
		queue_chunk(p); /* the last records */
	if (ok)
		ok = hand_over(p); /* the last, partial chunk */
	else
		hand_over(p); /* the rows before the error are still the consumer's */
	g_mutex_lock(&p->lock);
	p->done = true;
	p->ok = ok;
	p->error = error;
	g_cond_signal(&p->more);
	g_mutex_unlock(&p->lock);
	return NULL;
}

bool
gig__scan_run_piped(gig__scan *s, gig__row_cb cb, gig__chunk_cb chunk_cb, void *payload,
                    GError **error)
{
	struct pipe *p = g_new0(struct pipe, 1);
	g_mutex_init(&p->lock);
	g_cond_init(&p->more);
	g_cond_init(&p->room);
	g_queue_init(&p->chunks);
	p->scan = s;
	if (chunk_cb != NULL)
		p->raw = gig__raw_chunker_new();
	p->progress = s->opts.progress;
	p->progress_payload = s->opts.payload;
	if (p->progress != NULL) {
		s->opts.progress = note_progress;
		s->opts.payload = p;
	}
	GThread *thread = g_thread_new("gig-import-read", reader, p);
	gig_csv_row *in[CHUNK];
	bool ok = true;
	for (;;) {
		g_mutex_lock(&p->lock);
		while (p->n == 0 && !p->done)
			g_cond_wait(&p->more, &p->lock);
		size_t k = 0;
		for (; k < CHUNK && p->n > 0; k++, p->n--) {
			in[k] = p->ring[p->head];
			p->head = (p->head + 1) % PIPE_CAP;
		}
		bool finished = k == 0 && p->done;
		gig__raw_chunk *chunk = g_queue_pop_head(&p->chunks);
		bool report = p->prog_new;
		int64_t rows = p->prog_rows, done = p->prog_done, total = p->prog_total;
		p->prog_new = false;
		g_cond_signal(&p->room);
		g_mutex_unlock(&p->lock);
		if (report && ok && !p->progress(rows, done, total, p->progress_payload)) {
			g_set_error(error, GIG_ERROR, GIG_ERROR_CANCELLED, "import cancelled");
			ok = false;
		}
		size_t i = 0;
		for (; i < k && ok; i++)
			ok = cb(in[i], payload, error);
		for (; i < k; i++)
			drop(p, in[i]);
		if (chunk != NULL) {
			ok = ok && chunk_cb(chunk, payload, error);
			chunk_free(chunk);
		}
		if (!ok)
			break;
		if (finished) {
			/* the reader is done: store the chunks it left */
			while (ok && (chunk = g_queue_pop_head(&p->chunks)) != NULL) {
				ok = chunk_cb(chunk, payload, error);
				chunk_free(chunk);
			}
			break;
		}
	}
	if (!ok) {
		/* stop the reader and take back whatever it still handed over */
		g_mutex_lock(&p->lock);
		p->stop = true;
		g_cond_signal(&p->room);
		g_mutex_unlock(&p->lock);
	}
	g_thread_join(thread);
	s->opts.progress = p->progress;
	s->opts.payload = p->progress_payload;
	/* rows left in the ring (only after a failure) go back to the scan */
	for (; p->n > 0; p->n--) {
		drop(p, p->ring[p->head]);
		p->head = (p->head + 1) % PIPE_CAP;
	}
	if (ok && !p->ok) {
		g_propagate_error(error, p->error);
		p->error = NULL;
		ok = false;
	}
	g_clear_error(&p->error);
	g_queue_clear_full(&p->chunks, chunk_free);
	gig__raw_chunker_free(p->raw);
	g_mutex_clear(&p->lock);
	g_cond_clear(&p->more);
	g_cond_clear(&p->room);
	g_free(p);
	return ok;
}
