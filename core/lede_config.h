/*
 * lede_config.h -- run settings, config loading, readers and the runner (CLI-facing).
 */
#ifndef LEDE_CONFIG_INTERNAL_H
#define LEDE_CONFIG_INTERNAL_H

#include <poll.h>

#include "lede_internal.h"

#define LEDE_DEFAULT_MAX_DOC_BYTES ((size_t)64 * 1024 * 1024)

/* Seconds a run may take to end cleanly after a stop signal (SIGINT, SIGTERM, SIGHUP)
 * before it is ended with the signal's own status (README, `lede --help`). */
#define LEDE_STOP_GRACE_S 3
/* With input from a pipe, terminal or socket (or after a stop signal), a finished record
 * waits at most about this long in lede's output buffer before a flush. */
#define LEDE_FLUSH_DELAY_MS 50

/* Settings a config file or the command line can give, outside any stage. */
typedef struct lede__settings {
    char input[16];       /* "text" or "ndjson" */
    char extensions[256]; /* comma-separated suffixes taken from directories; "" = by input */
    int workers;
    size_t max_doc_bytes;
    int isolate;           /* run the stages in worker processes */
    double doc_timeout;    /* isolate: seconds a document may take; 0 = no limit */
    int doc_timeout_given; /* the config set doc_timeout (it needs isolate) */
    int quiet;             /* no stderr line per failed document or reader warning */
    int input_may_wait;    /* set by the CLI: an input is a pipe, terminal, socket or FIFO, whose
                              reads may wait; output is then flushed by time, also while
                              a read waits (runner.c) */
} lede__settings;

LEDE_API void lede__settings_init(lede__settings *set);

/* Reads a config file: search dirs into ld, settings into set, stages into *out. */
LEDE_API int lede__config_load(const char *file, lede__loader *ld, lede__settings *set,
                               lede__pipeline **out, lede_error *err);
/* Builds a pipeline from "tokenizer ! quotes ! exporter format=csv". */
LEDE_API int lede__pipeline_parse_inline(const char *spec, lede__loader *ld, lede__pipeline **out,
                                         lede_error *err);

/* ---------- readers (reader.c, ndjson.c) ---------- */
typedef struct lede__reader lede__reader;

/* Opens inputs (paths, directories, "-" for stdin) for the given settings. */
LEDE_API int lede__reader_new(lede__reader **out, char *const *inputs, size_t n_inputs,
                              const lede__settings *set, lede_error *err);
/* Loads the next document into doc (reset first). Returns 1 when a document was produced
 * (it may be marked failed by the reader: unreadable file, bad NDJSON line, too large),
 * 0 at end of input, or a negative status for a fatal error. */
LEDE_API int lede__reader_next(lede__reader *r, lede_doc *doc, lede_error *err);
/* lede__reader_next in two steps, for workers that share the reader under a lock of their
 * own: lede__reader_take (under the lock) finds the next NDJSON line and pins the block of
 * input it lies in, lede__reader_decode (outside it) parses the line into the document and
 * unpins the block. Several decodes run at once, each with its own decoder (0 to n - 1 of
 * lede__reader_decoders; lede__reader_next uses decoder 0). */
typedef struct lede__reader_line {
    const char *line; /* NULL: take produced the document whole (a text file, an error) */
    size_t len;
    unsigned long long line_no, ticket; /* ticket: the order lines were taken in */
    const char *path;                   /* the file, for ids of records without one; or NULL */
    struct lede__reader_block *block;
} lede__reader_line;
/* Makes decoders 0 to n - 1 (before any take with them). 0, or LEDE_ENOMEM. */
LEDE_API int lede__reader_decoders(lede__reader *r, int n);
/* Like lede__reader_next (1, 0 or a failure), but a line to parse is left in *ln for
 * lede__reader_decode by decoder dec, which then must be called before dec takes again. */
LEDE_API int lede__reader_take(lede__reader *r, int dec, lede__reader_line *ln, lede_doc *doc,
                               lede_error *err);
/* Parses ln (taken by dec, ln->line not NULL) into doc; never fails (a bad line makes a
 * failed document). Safe to run beside takes and other decoders' decodes. */
LEDE_API void lede__reader_decode(lede__reader *r, int dec, lede__reader_line *ln, lede_doc *doc);
/* lede__reader_take's answer when it must read more input while a read ahead runs: wait
 * (under the lock) for lede__reader_ahead_end, then take again. */
#define LEDE__READER_BUSY 2
/* A read of a regular NDJSON file ahead of need, outside the lock: lede__reader_ahead_begin
 * (under the lock) gives 1 when one is due (few bytes left to take) and marks it running;
 * lede__reader_ahead_read then reads, without the lock, beside the other workers' takes
 * (which take the lines already read), and lede__reader_ahead_end (under the lock) adds what
 * it read. So the reads are not done while the other workers wait for the lock. */
typedef struct lede__reader_ahead {
    int fd;
    char *at;
    size_t max;
    ssize_t n;
    /* The newlines of what it read (offsets from at), noted outside the lock too, so that
     * takes need not search for them; n_nl > nl_cap: too many to note. */
    unsigned *nl;
    size_t n_nl, nl_cap;
} lede__reader_ahead;
LEDE_API int lede__reader_ahead_begin(lede__reader *r, lede__reader_ahead *ra);
LEDE_API void lede__reader_ahead_read(lede__reader_ahead *ra);
LEDE_API void lede__reader_ahead_end(lede__reader *r, const lede__reader_ahead *ra);
/* Makes the reader pass over files that p writes (its output files, or standard output
 * redirected to a file), with a warning: an output inside an input directory would
 * otherwise be read back as it grows. */
LEDE_API void lede__reader_skip_outputs(lede__reader *r, lede__pipeline *p);
/* Called by the reader when a read of fd (a pipe, terminal or socket, never a regular file)
 * would wait: writes out every finished record and waits until fd is readable. Returns 0
 * to read, or 1 to stop reading (the run was interrupted, or its output failed): the
 * reader then gives end of input, without a record for a line read in part. */
typedef int (*lede__reader_wait_fn)(void *ctx, int fd);
LEDE_API void lede__reader_on_wait(lede__reader *r, lede__reader_wait_fn wait, void *ctx);
/* Bytes of input consumed so far. */
/* How many named inputs (files, directories, standard input) could not be opened or read, or
 * were refused whole (NDJSON in UTF-16): each gave one error record. */
LEDE_API unsigned long long lede__reader_input_errors(const lede__reader *r);
LEDE_API unsigned long long lede__reader_bytes(const lede__reader *r);
/* Bytes the NDJSON line buffer holds now (it shrinks back after a long line). */
LEDE_API size_t lede__reader_line_buffer(const lede__reader *r);
LEDE_API void lede__reader_free(lede__reader *r);

/* One NDJSON line parsed: byte ranges into the scratch buffer (id, text, keys) and into
 * the line (raw metadata values). */
typedef struct lede__ndjson_field {
    size_t key_off, key_len; /* in scratch */
    size_t val_off, val_len; /* in the line: the raw JSON value */
} lede__ndjson_field;

typedef struct lede__ndjson_rec {
    int has_id, has_text;
    size_t id_off, id_len;     /* in scratch (a number id is kept as its digits) */
    size_t text_off, text_len; /* in scratch */
    int text_ascii;            /* 1: every raw byte of the text is ASCII (valid UTF-8 then) */
    size_t id_lone, text_lone, key_lone; /* lone surrogate escapes decoded as U+FFFD in the
                                            id, the text and the member names */
    lede__ndjson_field *fields;
    size_t n_fields, cap_fields;
} lede__ndjson_rec;

/* Parses one line holding a JSON object. Returns 0, or LEDE_EPARSE with msg filled
 * ("byte 12: expected ':'"). Strings are unescaped into scratch (reset first). */
LEDE_API int lede__ndjson_parse(const char *line, size_t len, lede__ndjson_rec *rec,
                                lede_buf *scratch, char *msg, size_t msg_size);
LEDE_API void lede__ndjson_rec_free(lede__ndjson_rec *rec);
/* The id of a record from the first len bytes of its line, which may stop anywhere (a line
 * too long to read whole): 1 with scratch->data[*off .. *off + *n) holding it (decoded; a
 * number as its digits) when the members before the cut include a complete string or
 * number `id` (the last of them, as lede__ndjson_parse takes), else 0. */
LEDE_API int lede__ndjson_prefix_id(const char *line, size_t len, lede_buf *scratch, size_t *off,
                                    size_t *n);
/* Writes code point cp as UTF-8 at o; returns the number of bytes (1 to 4). */
LEDE_API size_t lede__put_utf8(char *o, unsigned cp);

/* ---------- runner (runner.c) ---------- */
typedef struct lede__run_stats {
    unsigned long long docs, failed, bytes;
    double seconds;
    int broken_pipe; /* output closed by the reader: stop quietly */
    /* The progress line (stderr a terminal, run longer than a second). */
    int tty;
    double start, last_progress;
    unsigned long long text_bytes;
    int progress_shown;
    int quiet; /* lede__settings.quiet */
} lede__run_stats;

/* Starts the clock and decides whether to show progress. */
void lede__run_stats_begin(lede__run_stats *stats);
/* Ends the progress line, if one was shown. */
void lede__run_stats_end(lede__run_stats *stats);

/* Streams every document of r through p, writing outputs in input order. Returns 0 when
 * the run completed (documents may have failed: see stats), or a negative status when
 * output could not be written. Per-document failures are reported on stderr. */
LEDE_API int lede__run(lede__pipeline *p, lede__reader *r, const lede__settings *set,
                       lede__run_stats *stats, lede_error *err);
/* The same, with the stage chain in set->workers child processes (isolate.c): a document
 * whose stages crash, abort or exceed set->doc_timeout becomes an error record naming the
 * stage and the signal or the timeout, and the child is replaced. */
LEDE_API int lede__run_isolated(lede__pipeline *p, lede__reader *r, const lede__settings *set,
                                lede__run_stats *stats, lede_error *err);

/* Makes SIGINT, SIGTERM and SIGHUP (unless ignored when lede started) end a run cleanly:
 * the first stops the reading of new input (a wait for input ends at once), the documents
 * read are finished and written whole; a second one has its default effect. 0, or
 * LEDE_EIO when the wake-up pipe cannot be made. */
LEDE_API int lede__run_catch_signals(void);
/* The stop signal caught, or 0. */
LEDE_API int lede__run_stop_signal(void);
/* Waits until in_fd is readable, an event on pfd[0..n) or timeout_ms (-1: none), whichever
 * comes first; a stop signal ends the wait. pfd needs room for n + 2 entries (in_fd and the
 * signals' wake-up pipe go after the caller's). Returns 1 when in_fd is readable (or at its
 * end, or in error: the read says which), 0 when woken otherwise (see pfd[i].revents), -1
 * when the run is to stop. With in_fd < 0 it waits for pfd alone: 0 when woken (by an
 * event, the timeout or the first stop signal), -1 when poll() failed (errno says why). */
int lede__run_wait(int in_fd, struct pollfd *pfd, int n, int timeout_ms);

/* Shared by runner.c and isolate.c. */
/* When records written since the last flush (dirty) must be flushed: milliseconds from now
 * (0: now), or -1 when no flush is due. With input that may wait (stream:
 * settings.input_may_wait), LEDE_FLUSH_DELAY_MS after the last flush; after a stop signal at
 * once; with only regular files, never (stdio flushes its full buffers). */
int lede__runner_flush_in(int dirty, int stream, double last_flush);
int lede__runner_new_doc(const lede__settings *set, lede_doc **doc, lede_error *err);
void lede__runner_report_reader_warnings(lede_doc *doc, const lede__run_stats *stats);
int lede__runner_finish_doc(lede__pipeline *p, lede_doc *doc, int has_renderer,
                            lede__run_stats *stats, lede_error *err);

#endif
