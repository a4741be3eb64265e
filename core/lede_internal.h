/*
 * lede_internal.h -- what the files of liblede share with each other and the CLI.
 *
 * Nothing here is part of the plugin ABI: stages see only include/lede/. Shared
 * internal functions carry the lede__ prefix (libuv's uv__), and liblede builds with
 * hidden visibility, so none of them is exported from the shared library except the
 * few the CLI needs, marked LEDE_API.
 */
#ifndef LEDE_INTERNAL_H
#define LEDE_INTERNAL_H

#include <stdio.h>

#include "lede/buf.h"
#include "lede/config.h"
#include "lede/doc.h"
#include "lede/error.h"
#include "lede/stage.h"

/* The most storage an arena, a document object or a reader's decoder keeps from one document
 * for the next (a news story takes ~13 KB); storage that a larger document needed is freed
 * after it (bench/RESULTS.md, tenth session: 40 records of 5 MB at -j 8). */
#define LEDE_KEEP_MAX ((size_t)4 << 20)

/* ---------- arena (arena.c) ---------- */
typedef struct lede__chunk lede__chunk;
typedef struct lede__arena {
    lede__chunk *head; /* current chunk; older ones follow */
    lede__chunk *big;  /* exact-size chunks of large requests */
    size_t used_total; /* bytes handed out since the last reset */
    size_t max;        /* cap on used_total; 0 = none */
    size_t first;      /* size of the next first chunk (what the last document needed) */
} lede__arena;

/* The directory part of path into out: "." when it has none, "/" for a file at the root
 * (config.c). */
void lede__dir_of(const char *path, char *out, size_t size);

void lede__arena_init(lede__arena *a, size_t max);
/* n zeroed bytes (what lede_doc_alloc promises stages), or NULL past the cap. */
void *lede__arena_alloc(lede__arena *a, size_t n);
/* The same, not zeroed: for the host's own copies, which overwrite every byte. */
void *lede__arena_alloc_uninit(lede__arena *a, size_t n);
void lede__arena_reset(lede__arena *a);
/* Whether the arena holds memory that reset would give back (a large document's). */
int lede__arena_oversized(const lede__arena *a);
void lede__arena_free(lede__arena *a);

/* ---------- documents (doc.c) ---------- */
/* Number of output sinks each document buffers (grows buffers lazily). */
LEDE_API int lede__doc_set_sinks(lede_doc *doc, int n_sinks);
/* Marks the document failed with the given stage and message (copied). */
LEDE_API void lede__doc_fail(lede_doc *doc, const char *stage, const char *message);
/* Sets the name lede_doc_stage() reports and lede_doc_warn() records. */
LEDE_API void lede__doc_set_stage(lede_doc *doc, const char *stage);
/* Caps: the largest text accepted (bytes), and the most the arena may ever hold; each
 * document's own cap is 256 MiB + 64 x its text, up to that. */
LEDE_API void lede__doc_set_limits(lede_doc *doc, size_t max_text, size_t arena_max);
/* Loads the document from text already in buf->data[off..off+len) (the reader's decoded
 * NDJSON string), without copying it: when the text is valid UTF-8 and within max_text,
 * the document takes buf's storage (its text stays where it is; the byte at off+len
 * becomes its NUL, nothing else in the storage is touched, so other strings decoded into
 * buf stay readable until the next load or reset of doc) and buf gets the document's
 * previous storage, emptied: two buffers circulate, and a stream allocates nothing in
 * steady state. Returns 0 when adopted; 1 when not (invalid UTF-8 to replace, or over
 * max_text): nothing changed, copy with lede_doc_load; LEDE_ENOMEM storing the id. */
LEDE_API int lede__doc_adopt_text(lede_doc *doc, const char *id, lede_buf *buf, size_t off,
                                  size_t len, lede_error *err);
/* Adds metadata key[0, key_len) = json[0, len) (raw JSON text, not checked): invalid UTF-8
 * in either becomes U+FFFD with a warning; a key given again keeps its place and takes the
 * new value. Returns 0 or LEDE_ENOMEM. lede_doc_meta_add is this after checking the JSON. */
LEDE_API int lede__doc_meta_put(lede_doc *doc, const char *key, size_t key_len, const char *json,
                                size_t len);
/* 1 when byte offset pos of text[0, len) falls inside a UTF-8 character (it is a
 * continuation byte), else 0; len itself is a boundary. */
static inline int lede__utf8_inside(const char *text, size_t len, size_t pos)
{
    return pos < len && ((unsigned char)text[pos] & 0xC0) == 0x80;
}
/* 0 when s[0, len) is exactly one JSON value (white space around it allowed), else
 * LEDE_EINVAL. */
LEDE_API int lede__json_check(const char *s, size_t len);
/* The four hex digits at s (which must hold four bytes) as *out: 0, or -1 when one is no
 * hex digit (ndjson.c). */
LEDE_API int lede__json_hex4(const char *s, unsigned *out);
/* The length of the valid UTF-8 prefix of s[0, len) (len when all of it is valid). */
LEDE_API size_t lede__utf8_valid(const char *s, size_t len);
/* Copies s[0, *len) to out (cap bytes; 3 * *len always suffice) with each invalid UTF-8
 * sequence replaced by U+FFFD, stopping before what would pass cap; sets *len to the bytes of
 * s consumed, adds the bytes replaced to *n_bad and returns the length written. */
LEDE_API size_t lede__utf8_repair(char *out, size_t cap, const char *s, size_t *len, size_t *n_bad);
/* The file name ending of a stage module: NAME.so holds the stage called NAME. */
#define LEDE_STAGE_EXT ".so"
/* lede__doc_adopt_text for a text the caller knows to be valid UTF-8 (the NDJSON parser's
 * text whose raw bytes are all ASCII): the same, without the check. */
LEDE_API int lede__doc_adopt_valid_text(lede_doc *doc, const char *id, lede_buf *buf, size_t off,
                                        size_t len, lede_error *err);
/* A document that is done (written): when it holds more than a document object keeps from
 * one document to the next (a large document's arena, text or output), it is reset now, so
 * that an object that waits to be reused does not keep that memory meanwhile. */
LEDE_API void lede__doc_release(lede_doc *doc);
/* The sequence number the runner gave the document. */
LEDE_API void lede__doc_set_seq(lede_doc *doc, size_t seq);
LEDE_API size_t lede__doc_seq(const lede_doc *doc);
/* Number of output sinks the document has buffers for. */
LEDE_API int lede__doc_sink_count(const lede_doc *doc);
/* The host's writer of output pieces: with write 0, whether it would write doc's output
 * for sink now (lede_doc_output_streams); with write 1, writes what the buffer holds and
 * empties it when it would (lede_doc_output_flush). Returns 1 when it would. */
typedef int (*lede__flush_fn)(void *ctx, lede_doc *doc, int sink, int write);
/* Installs the writer of pieces (NULL: the output is kept until the document is done, and
 * lede_doc_output_streams says 0). Kept across resets. */
LEDE_API void lede__doc_set_flush(lede_doc *doc, lede__flush_fn flush, void *ctx);

/* ---------- options (options.c) ---------- */
/* Levenshtein distance of two short names (case-insensitive); 99 when either is long. */
LEDE_API size_t lede__edit_distance(const char *a, const char *b);
typedef struct lede__optval {
    const lede_option_desc *desc;
    int is_set;
    int64_t i; /* BOOL and INT */
    double d;  /* FLOAT */
    char *s;   /* STRING and ENUM (malloc) */
} lede__optval;

struct lede_options {
    lede__optval *vals;
    size_t n;
};

/* Options with every declared default filled. */
LEDE_API int lede__options_init(lede_options *opts, const lede_option_desc *decl, const char *stage,
                                lede_error *err);
LEDE_API void lede__options_free(lede_options *opts);
/* Checks a stage's option declarations: names present and distinct, known types, enum
 * choices, defaults valid for their type and range. 0 or LEDE_EABI with err filled. */
LEDE_API int lede__options_check_decl(const lede_option_desc *decl, const char *stage,
                                      lede_error *err);
/* Whether every option declared without a default was set. 0 or LEDE_ECONFIG. */
LEDE_API int lede__options_check_required(const lede_options *opts, const char *stage,
                                          const char *where, lede_error *err);
/* Sets an option from text (overrides, inline pipelines, harness). where = "FILE:LINE" or
 * "-o" for messages. Returns 0 or LEDE_ECONFIG with a message naming stage and option. */
LEDE_API int lede__options_set_text(lede_options *opts, const char *stage, const char *where,
                                    const char *name, const char *value, lede_error *err);
/* A size in bytes: digits, then optionally K, M or G, binary (KiB, MiB, GiB: any case, "iB"
 * optional). 0 with *out set, or -1 when text is none or it overflows. */
LEDE_API int lede__parse_size(const char *text, unsigned long long *out);
/* The units a size takes, for messages. */
#define LEDE_SIZE_UNITS "(K, M, G: KiB, MiB, GiB)"
/* The largest per-document size limit (--max-doc-bytes, max_doc_bytes): 4294967294. */
#define LEDE_DOC_BYTES_MAX 0xFFFFFFFEULL
/* A per-document size limit (--max-doc-bytes, max_doc_bytes): a size in [1,
 * LEDE_DOC_BYTES_MAX]. 0 with *out set, else -1. */
LEDE_API int lede__parse_doc_bytes(const char *text, size_t *out);
/* Whether an integer option takes a size (lede__parse_size): its name ends in "_bytes". */
LEDE_API int lede__option_takes_size(const char *name);
/* The declaration of option name, or NULL when the stage has no such option. */
LEDE_API const lede_option_desc *lede__options_decl(const lede_options *opts, const char *name);
/* "Did you mean": feed candidates to a lede__suggest, then ask for the one close enough
 * to name to be a typo (NULL when none is). */
typedef struct lede__suggest {
    const char *name;
    char best[256];
    size_t dist;
} lede__suggest;
LEDE_API void lede__suggest_init(lede__suggest *s, const char *name);
LEDE_API void lede__suggest_consider(lede__suggest *s, const char *candidate, size_t len);
LEDE_API const char *lede__suggest_result(const lede__suggest *s);
/* Removes a "name=VALUE" pair from list (in place) into name; name = "" when absent.
 * Returns 0, or LEDE_ECONFIG for an empty or over-long name. */
LEDE_API int lede__options_take_name(char *list, char *name, size_t size);
/* Parses "k=v k2=\"v 2\"" and applies each pair; an option given twice is an error. */
LEDE_API int lede__options_parse_list(lede_options *opts, const char *stage, const char *where,
                                      const char *list, lede_error *err);

/* ---------- loader (loader.c) ---------- */
typedef struct lede__module {
    const lede_stage_desc *desc;
    char *path;   /* where the stage was found; "(built-in)" for preloaded ones */
    void *handle; /* lt_dlhandle */
} lede__module;

typedef struct lede__loader lede__loader;

/* Creates a loader searching extra_dirs (NULL-terminated, may be NULL), then
 * $LEDE_PLUGIN_PATH, then the stage directory beside the running executable. */
LEDE_API int lede__loader_new(lede__loader **out, lede_error *err);
LEDE_API int lede__loader_add_dir(lede__loader *ld, const char *dir, lede_error *err);
/* Registers the built-in stages of a static build (an lt_dlsymlist table, see
 * cmake/preload.c.in); they are found before any directory. */
LEDE_API int lede__loader_preload(lede__loader *ld, const void *symlist, lede_error *err);
/* Finds and opens a stage by name (or by path when it contains '/'), checks its descriptor.
 * The module stays owned by the loader. */
LEDE_API int lede__loader_load(lede__loader *ld, const char *name, const lede__module **out,
                               lede_error *err);
/* Loads a shared object by path and checks it; used by `lede stages` and tests. */
LEDE_API int lede__loader_open_path(lede__loader *ld, const char *path, const lede__module **out,
                                    lede_error *err);
/* Calls fn for every stage file in the search directories (first hit of a name wins;
 * later ones are passed with shadowed = 1). mod is NULL and err filled when it fails to load. */
typedef void (*lede__stage_visit)(void *arg, const char *path, const lede__module *mod,
                                  int shadowed, const lede_error *err);
LEDE_API void lede__loader_list(lede__loader *ld, lede__stage_visit fn, void *arg);
/* The directories searched, in order (NULL-terminated array owned by the loader). */
LEDE_API const char *const *lede__loader_dirs(const lede__loader *ld);
/* "" for a search directory that exists, else " (no such directory)": a typo in plugin_path
 * or LEDE_PLUGIN_PATH, which the listings point out. */
LEDE_API const char *lede__loader_dir_note(const char *dir);
LEDE_API void lede__loader_free(lede__loader *ld);
/* Checks a descriptor's ABI and shape; msg names path. */
LEDE_API int lede__desc_check(const lede_stage_desc *desc, const char *path, lede_error *err);

/* ---------- pipeline (pipeline.c) ---------- */
/* Seconds on the monotonic clock, for stage timing, --stats and time limits. */
double lede__now(void);
typedef struct lede__pipeline lede__pipeline;

/* An empty pipeline. config_dir resolves relative paths for stages. */
LEDE_API int lede__pipeline_new(lede__pipeline **out, const char *config_dir, lede_error *err);
/* Adds a stage instance (not yet created). where = "FILE:LINE" for messages. */
LEDE_API int lede__pipeline_add(lede__pipeline *p, const lede_stage_desc *desc, const char *name,
                                const char *where, lede_options **opts, lede_error *err);
/* Removes and destroys the last stage added (a harness stage that failed its checks). */
LEDE_API void lede__pipeline_pop(lede__pipeline *p);
/* Applies "STAGE_OR_NAME.OPTION=VALUE". */
LEDE_API int lede__pipeline_override(lede__pipeline *p, const char *spec, lede_error *err);
/* Checks required layers; then calls every create(). */
LEDE_API int lede__pipeline_check(lede__pipeline *p, lede_error *err);
LEDE_API int lede__pipeline_start(lede__pipeline *p, lede_error *err);
/* Prepares doc for this pipeline (sinks). */
LEDE_API int lede__pipeline_prepare_doc(lede__pipeline *p, lede_doc *doc, lede_error *err);
/* Runs every stage of worker's chain on doc. Returns 0 or the failing status (doc marked
 * failed). Different workers may call this concurrently on different documents. */
LEDE_API int lede__pipeline_process(lede__pipeline *p, int worker, lede_doc *doc, lede_error *err);
/* Number of stage chains (one per worker thread); set before lede__pipeline_start. */
#define LEDE_MAX_WORKERS 256
LEDE_API int lede__pipeline_set_workers(lede__pipeline *p, int n_workers, lede_error *err);
LEDE_API int lede__pipeline_workers(const lede__pipeline *p);
/* Writes doc's buffered output to the sinks; LEDE_EIO on write failure (EPIPE reported as such),
 * also for a piece written earlier by lede__pipeline_stream's writer. */
LEDE_API int lede__pipeline_write(lede__pipeline *p, lede_doc *doc, lede_error *err);
/* Lets stages hand doc's output over in pieces while it is processed (lede_doc_output_flush):
 * only where doc is always the next document due on every sink (one worker, in-process). */
LEDE_API void lede__pipeline_stream(lede__pipeline *p, lede_doc *doc);
/* Writes what doc's output buffer of sink holds now and empties it, for a document that is
 * the next one due (every earlier one written, none being written). After a failed write
 * nothing more is written: the failure waits for lede__pipeline_write. */
LEDE_API void lede__pipeline_write_piece(lede__pipeline *p, lede_doc *doc, int sink);
/* Flushes the sinks: what lede__pipeline_write wrote reaches its files and standard output
 * now (the runner calls it when input is idle). 0, or LEDE_EIO with errno kept. Not while
 * another thread may write a piece (lede__pipeline_write_piece). */
LEDE_API int lede__pipeline_flush(lede__pipeline *p, lede_error *err);
/* Calls finish() of every stage and flushes sinks. */
LEDE_API int lede__pipeline_finish(lede__pipeline *p, lede_error *err);
LEDE_API void lede__pipeline_free(lede__pipeline *p);
LEDE_API size_t lede__pipeline_count(const lede__pipeline *p);
/* Has any stage that renders documents (LEDE_STAGE_RENDERS_ERRORS)? */
LEDE_API int lede__pipeline_has_renderer(const lede__pipeline *p);
/* Where lede__pipeline_process records 1 + the index of the stage it is running (0 when
 * none): shared memory that survives a crash of the process running the stages. */
LEDE_API void lede__pipeline_set_progress(lede__pipeline *p, volatile int *progress);
/* Instance name of stage i, or NULL. */
LEDE_API const char *lede__pipeline_stage_name(const lede__pipeline *p, size_t i);
/* Whether lede__pipeline_process times each stage (off by default: --stats turns it on). */
LEDE_API void lede__pipeline_set_timing(lede__pipeline *p, int on);
/* Seconds spent in process() by stage i (0 unless timing is on), and its instance name. */
LEDE_API double lede__pipeline_stage_seconds(const lede__pipeline *p, size_t i, const char **name);
/* Adds seconds to stage i's clock: how the parent of isolated workers (isolate.c) counts
 * the time its child processes spent in each stage. */
LEDE_API void lede__pipeline_add_stage_seconds(lede__pipeline *p, size_t i, double seconds);
/* In-memory capture of sink 0 (harness). */
LEDE_API int lede__pipeline_capture_stdout(lede__pipeline *p, lede_buf *capture);
/* Warns on fp when no stage opened an output, or when stages come after the last one that
 * did (what they add is never written). */
LEDE_API void lede__pipeline_output_warnings(const lede__pipeline *p, FILE *fp);
/* Whether p writes to the regular file with this device and inode: one of its output
 * files, or standard output redirected there. */
LEDE_API int lede__pipeline_writes_to(lede__pipeline *p, unsigned long long dev,
                                      unsigned long long ino);

#endif
