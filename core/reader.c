/*
 * reader.c -- turns the command line's inputs into a stream of documents.
 *
 * Inputs are paths, directories (walked recursively in sorted order, taking files by
 * extension, each directory visited once so symlink loops end) and "-" for standard
 * input. In text mode a file is a document whose id is the path as given; in NDJSON
 * mode each line is a document (ndjson.c parses it).
 *
 * A reader never stops the run for one bad input: an unreadable file, a malformed
 * line or a document over the size limit becomes a failed document (an error record
 * downstream) and reading goes on. Memory is bounded by the largest document allowed,
 * never by the size of the input: files and streams are read in blocks.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <sched.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lede_config.h"

#define READ_BLOCK ((size_t)1 << 20)
/* NDJSON is read this much at a time, so that lines are parsed while the bytes just read
 * are still in the cache, not after a read of megabytes has pushed them out. */
#define FILL_BLOCK ((size_t)128 << 10)
/* The NDJSON buffer's first size, and the size it goes back to after a longer line. */
#define LINE_BUF ((size_t)4 * READ_BLOCK)
/* With workers, a read ahead starts when fewer bytes than this are left to take; it reads
 * after them while they are within the block's first AHEAD_SPAN bytes (which stay in the
 * cache), else moves them to its start first. */
#define AHEAD_LOW ((size_t)64 << 10)
#define AHEAD_SPAN ((size_t)1 << 20)
/* The most newlines a read ahead notes (~60 in 128 KiB of news); past that, takes search. */
#define AHEAD_NL 4096

typedef struct dir_id {
    dev_t dev;
    ino_t ino;
} dir_id;

/* A block of NDJSON input. Lines taken from it are parsed outside the reader's lock
 * (lede__reader_decode), so it is not moved, grown or reused while one of them waits: the
 * reader then goes on in another block. */
struct lede__reader_block {
    atomic_size_t refs; /* the reader's while it reads into it, + one per line not decoded */
    size_t cap;
    char *path; /* the file its lines come from (a copy): ids of records without one */
    char data[];
};
typedef struct lede__reader_block rd_block;

/* What one decode uses: its own buffers, so that decodes run side by side. */
typedef struct rd_decoder {
    lede_buf scratch;
    lede_buf id; /* the current record's id, NUL-terminated */
    lede__ndjson_rec rec;
    atomic_ullong ticket; /* the line it decodes (NO_TICKET: none), see first_without_id */
} rd_decoder;

#define NO_TICKET ULLONG_MAX
/* The longest line read whole: a document's limit and room for its id and metadata (a longer
 * one is skipped, its record an error). */
#define MAX_LINE(set) ((set)->max_doc_bytes + ((size_t)1 << 20))

struct lede__reader {
    lede__settings set;
    int ndjson;
    char **stack; /* pending paths, last = next */
    size_t n_stack, cap_stack;
    dir_id *dirs;
    size_t n_dirs, cap_dirs;
    int multi;               /* more than one input file: NDJSON ids without id name the file */
    lede__pipeline *outputs; /* files it writes are not read (lede__reader_skip_outputs) */

    /* The open NDJSON stream. */
    int fd;
    char *path;
    unsigned long long line_no;
    rd_block *blk;             /* the block read into; buf and buf_cap are its data and cap */
    _Atomic(rd_block *) spare; /* a block of LINE_BUF no line holds, for the next switch */
    char *buf;
    size_t buf_start, buf_end, buf_cap;
    size_t scanned; /* buf[buf_start..scanned) holds no newline: a long line that takes
                       many reads is searched once, not from its start after each */
    int eof;
    int ahead; /* a read ahead runs (lede__reader_ahead_begin): buf[buf_end..) is its */
    /* The newlines the reads ahead found, as offsets in the stream (buf[0] is at buf_pos):
     * every one in [nl_from, nl_to), the ones before the next take's start popped. */
    unsigned long long buf_pos, nl_from, nl_to;
    unsigned long long *nl;
    size_t nl_head, nl_n, nl_cap;
    unsigned *ahead_nl; /* the read ahead's own list (lede__reader_ahead.nl) */
    int skip_id;        /* the line being skipped (too long): 1 its id is in `id`, -1 its id holds
                           a NUL, 0 no id found before the cut */
    int stream;         /* fd is a pipe, terminal or socket: a read may wait (await_input) */

    /* Before a read that would wait: the runner's hook, and whether it ended reading. */
    lede__reader_wait_fn wait;
    void *wait_ctx;
    int stopped;

    lede_buf scratch; /* the id of a line too long to read (skipped_id) */
    lede_buf id;
    rd_decoder *dec;
    int n_dec;
    unsigned long long tickets; /* lines taken */
    atomic_ullong no_id_first;  /* the first line without an id found (its ticket) */
    char *file;                 /* text mode file contents */
    size_t file_cap;
    unsigned long long bytes;
    unsigned long long input_errors; /* named inputs that could not be opened or read */
};

void lede__settings_init(lede__settings *set)
{
    memset(set, 0, sizeof *set);
    snprintf(set->input, sizeof set->input, "text");
    set->workers = 1;
    set->max_doc_bytes = LEDE_DEFAULT_MAX_DOC_BYTES;
    set->doc_timeout = 30.0;
}

static int push(lede__reader *r, const char *path)
{
    if (r->n_stack == r->cap_stack) {
        size_t cap = r->cap_stack ? r->cap_stack * 2 : 16;
        char **s = realloc(r->stack, cap * sizeof *s);
        if (!s)
            return LEDE_ENOMEM;
        r->stack = s;
        r->cap_stack = cap;
    }
    if (!(r->stack[r->n_stack] = strdup(path)))
        return LEDE_ENOMEM;
    r->n_stack++;
    return 0;
}

int lede__reader_new(lede__reader **out, char *const *inputs, size_t n_inputs,
                     const lede__settings *set, lede_error *err)
{
    lede__reader *r = calloc(1, sizeof *r);
    if (!r)
        return lede_error_set(err, LEDE_ENOMEM, "out of memory");
    r->set = *set;
    r->ndjson = strcmp(set->input, "ndjson") == 0;
    if (!r->set.extensions[0])
        snprintf(r->set.extensions, sizeof r->set.extensions, "%s",
                 r->ndjson ? ".ndjson,.jsonl" : ".txt");
    r->fd = -1;
    r->multi = n_inputs > 1;
    lede_buf_init(&r->scratch, MAX_LINE(set));
    lede_buf_init(&r->id, 0);
    atomic_init(&r->spare, NULL);
    atomic_init(&r->no_id_first, NO_TICKET);
    for (size_t i = n_inputs; i-- > 0;)
        if (push(r, inputs[i])) {
            lede__reader_free(r);
            return lede_error_set(err, LEDE_ENOMEM, "out of memory");
        }
    if (lede__reader_decoders(r, 1)) {
        lede__reader_free(r);
        return lede_error_set(err, LEDE_ENOMEM, "out of memory");
    }
    *out = r;
    return 0;
}

/* Frees a block no line is taken from (and its path). */
static void block_free(rd_block *b)
{
    if (b)
        free(b->path);
    free(b);
}

void lede__reader_free(lede__reader *r)
{
    if (!r)
        return;
    if (r->fd > 0)
        close(r->fd);
    for (size_t i = 0; i < r->n_stack; i++)
        free(r->stack[i]);
    free(r->stack);
    free(r->dirs);
    free(r->path);
    block_free(r->blk);
    block_free(atomic_load(&r->spare));
    free(r->file);
    free(r->nl);
    free(r->ahead_nl);
    lede_buf_free(&r->scratch);
    lede_buf_free(&r->id);
    for (int i = 0; i < r->n_dec; i++) {
        lede_buf_free(&r->dec[i].scratch);
        lede_buf_free(&r->dec[i].id);
        lede__ndjson_rec_free(&r->dec[i].rec);
    }
    free(r->dec);
    free(r);
}

int lede__reader_decoders(lede__reader *r, int n)
{
    if (n <= r->n_dec)
        return 0;
    rd_decoder *d = realloc(r->dec, (size_t)n * sizeof *d);
    if (!d)
        return LEDE_ENOMEM;
    r->dec = d;
    for (; r->n_dec < n; r->n_dec++) {
        rd_decoder *k = &d[r->n_dec];
        memset(k, 0, sizeof *k);
        lede_buf_init(&k->scratch, MAX_LINE(&r->set));
        lede_buf_init(&k->id, 0);
        atomic_init(&k->ticket, NO_TICKET);
    }
    return 0;
}

void lede__reader_skip_outputs(lede__reader *r, lede__pipeline *p)
{
    r->outputs = p;
}

void lede__reader_on_wait(lede__reader *r, lede__reader_wait_fn wait, void *ctx)
{
    r->wait = wait;
    r->wait_ctx = ctx;
}

/* Before a read of a stream: when no byte is ready, the runner's hook writes out what is
 * finished and waits for fd. 0 to read, 1 when reading must stop (r->stopped set). A
 * regular file never comes here: its reads stay one system call each. */
static int await_input(lede__reader *r, int fd)
{
    struct pollfd pfd = {.fd = fd, .events = POLLIN};
    if (!r->wait || poll(&pfd, 1, 0) == 1)
        return 0;
    r->stopped = r->wait(r->wait_ctx, fd) != 0;
    return r->stopped;
}

unsigned long long lede__reader_input_errors(const lede__reader *r)
{
    return r->input_errors;
}

unsigned long long lede__reader_bytes(const lede__reader *r)
{
    return r->bytes;
}

static int has_extension(const lede__reader *r, const char *name)
{
    size_t n = strlen(name);
    const char *e = r->set.extensions;
    while (*e) {
        size_t len = strcspn(e, ",");
        if (len && n > len && strncmp(name + n - len, e, len) == 0)
            return 1;
        e += len;
        if (*e == ',')
            e++;
    }
    return 0;
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* "lede: warning: PATH WHAT" on stderr, the path as a JSON string: a file name found in a
 * directory may hold a newline or escape sequences, which must not break the log line. */
static void warn_path(const char *path, const char *what)
{
    lede_buf b;
    lede_buf_init(&b, 0);
    if (lede_buf_puts(&b, "lede: warning: ") || lede_buf_json_text(&b, path, strlen(path)) ||
        lede_buf_puts(&b, what) || lede_buf_puts(&b, "\n"))
        fprintf(stderr, "lede: warning: (a path, not shown: out of memory)%s\n", what);
    else
        fwrite(b.data, 1, b.len, stderr);
    lede_buf_free(&b);
}

/* Marks doc as failed by the reader with a formatted message. */
static void reader_fail(lede_doc *doc, const char *id, const char *fmt, ...) LEDE_PRINTF(3, 4);
static void reader_fail(lede_doc *doc, const char *id, const char *fmt, ...)
{
    char msg[1200];
    lede_error e;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    lede_doc_load(doc, id, "", 0, &e);
    lede__doc_fail(doc, "reader", msg);
}

/* Pushes a directory's matching files and subdirectories, sorted. 1 when the directory
 * was already visited (a loop or a repeat), 0 when expanded, <0 on failure to read it. */
static int expand_dir(lede__reader *r, const char *path, const struct stat *st, int *err_no)
{
    DIR *d;
    struct dirent *e;
    char **names = NULL;
    size_t n = 0, cap = 0;

    for (size_t i = 0; i < r->n_dirs; i++)
        if (r->dirs[i].dev == st->st_dev && r->dirs[i].ino == st->st_ino)
            return 1;
    if (r->n_dirs == r->cap_dirs) {
        size_t c = r->cap_dirs ? r->cap_dirs * 2 : 16;
        dir_id *dd = realloc(r->dirs, c * sizeof *dd);
        if (!dd)
            return LEDE_ENOMEM;
        r->dirs = dd;
        r->cap_dirs = c;
    }
    r->dirs[r->n_dirs].dev = st->st_dev;
    r->dirs[r->n_dirs].ino = st->st_ino;
    r->n_dirs++;
    if (!(d = opendir(path))) {
        *err_no = errno;
        return LEDE_EIO;
    }
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue; /* ".", "..", and hidden files */
        if (n == cap) {
            cap = cap ? cap * 2 : 64;
            char **nn = realloc(names, cap * sizeof *nn);
            if (!nn)
                break;
            names = nn;
        }
        size_t len = strlen(path) + strlen(e->d_name) + 2;
        if (!(names[n] = malloc(len)))
            break;
        snprintf(names[n], len, "%s%s%s", path, path[strlen(path) - 1] == '/' ? "" : "/",
                 e->d_name);
        n++;
    }
    closedir(d);
    qsort(names, n, sizeof *names, cmp_names);
    int rc = 0;
    for (size_t i = n; i-- > 0;) {
        struct stat est;
        /* Subdirectories always; files only with a wanted extension. A wanted name that
         * cannot be examined (dangling link, no permission) is pushed anyway, so that it
         * becomes an error record instead of vanishing silently. */
        int is_dir = stat(names[i], &est) == 0 && S_ISDIR(est.st_mode);
        if (!rc && (is_dir || has_extension(r, names[i])))
            rc = push(r, names[i]);
        free(names[i]);
    }
    free(names);
    return rc;
}

/* What a byte order mark says about the text after it. */
typedef enum bom_enc { BOM_NONE = 0, BOM_UTF16LE, BOM_UTF16BE, BOM_UTF32LE, BOM_UTF32BE } bom_enc;

static const char *const bom_name[] = {"UTF-8", "UTF-16LE", "UTF-16BE", "UTF-32LE", "UTF-32BE"};

/* The encoding a UTF-16 or UTF-32 byte order mark at s names, or BOM_NONE. FF FE 00 00 is
 * read as UTF-32LE's mark, as the Unicode standard's table has it, not as UTF-16LE's
 * followed by U+0000. */
static bom_enc bom_of(const char *s, size_t len)
{
    const unsigned char *u = (const unsigned char *)s;
    if (len >= 4 && u[0] == 0xFF && u[1] == 0xFE && u[2] == 0 && u[3] == 0)
        return BOM_UTF32LE;
    if (len >= 4 && u[0] == 0 && u[1] == 0 && u[2] == 0xFE && u[3] == 0xFF)
        return BOM_UTF32BE;
    if (len >= 2 && u[0] == 0xFF && u[1] == 0xFE)
        return BOM_UTF16LE;
    if (len >= 2 && u[0] == 0xFE && u[1] == 0xFF)
        return BOM_UTF16BE;
    return BOM_NONE;
}

/* UTF-16 text src[0..len), little-endian when le, as UTF-8 in a new buffer of *cap bytes
 * (*out_len of them used, NUL-terminated), without the byte order mark it starts with. A
 * lone surrogate or an odd last byte becomes U+FFFD, as invalid UTF-8 does, counted in
 * *bad. NULL when out of memory. */
static char *utf16_to_utf8(const unsigned char *src, size_t len, int le, size_t *out_len,
                           size_t *cap, size_t *bad)
{
    *bad = 0;
    /* A unit of 2 bytes gives at most 3, a pair of 4 bytes 4, an odd byte 3. */
    *cap = len / 2 * 3 + 8;
    char *out = malloc(*cap), *o = out;
    if (!out)
        return NULL;
    size_t i = 2;
    while (i + 1 < len) {
        unsigned u = le ? src[i] | (unsigned)src[i + 1] << 8 : (unsigned)src[i] << 8 | src[i + 1];
        i += 2;
        if (u >= 0xD800 && u <= 0xDBFF && i + 1 < len) {
            unsigned v =
                le ? src[i] | (unsigned)src[i + 1] << 8 : (unsigned)src[i] << 8 | src[i + 1];
            if (v >= 0xDC00 && v <= 0xDFFF) {
                u = 0x10000 + ((u - 0xD800) << 10) + (v - 0xDC00);
                i += 2;
            }
        }
        if (u >= 0xD800 && u <= 0xDFFF) {
            u = 0xFFFD;
            ++*bad;
        }
        o += lede__put_utf8(o, u);
    }
    if (i < len) {
        o += lede__put_utf8(o, 0xFFFD);
        ++*bad;
    }
    *o = '\0';
    *out_len = (size_t)(o - out);
    return out;
}

/* Loads doc from buf->data[off..off+len): in place when the text is valid UTF-8 (the
 * document takes buf's storage and gives back its own, see lede__doc_adopt_text; valid:
 * the caller knows it is, no need to check), else copied by lede_doc_load, which replaces
 * invalid sequences or refuses an oversized text. Returns 0 or the error of either. */
static int load_text(lede_doc *doc, const char *id, lede_buf *buf, size_t off, size_t len,
                     int valid, lede_error *err)
{
    const char *text = buf->data + off; /* still buf's storage when adoption declines */
    int rc = valid ? lede__doc_adopt_valid_text(doc, id, buf, off, len, err)
                   : lede__doc_adopt_text(doc, id, buf, off, len, err);
    return rc == 1 ? lede_doc_load(doc, id, text, len, err) : rc;
}

/* Reads a whole text file (or stdin) into doc, with the size cap. */
static int read_text(lede__reader *r, const char *path, lede_doc *doc, lede_error *err)
{
    int fd = strcmp(path, "-") == 0 ? 0 : open(path, O_RDONLY);
    size_t len = 0, max = r->set.max_doc_bytes;
    struct stat st;

    if (fd < 0) {
        reader_fail(doc, path, "cannot open %s: %s", path, strerror(errno));
        r->input_errors++;
        return 1;
    }
    int have_st = fstat(fd, &st) == 0;
    if (have_st && S_ISREG(st.st_mode) && (unsigned long long)st.st_size > max) {
        char sz[64];
        snprintf(sz, sizeof sz, "%lld", (long long)st.st_size);
        if (fd)
            close(fd);
        r->bytes += (unsigned long long)st.st_size;
        reader_fail(doc, path, "%s is %s bytes, over the per-document limit (max_doc_bytes)", path,
                    sz);
        return 1;
    }
    int stream = have_st && !S_ISREG(st.st_mode);
    for (;;) {
        if (len + READ_BLOCK + 1 > r->file_cap) {
            size_t cap = r->file_cap ? r->file_cap * 2 : READ_BLOCK * 2;
            while (cap < len + READ_BLOCK + 1)
                cap *= 2;
            char *f = realloc(r->file, cap);
            if (!f) {
                if (fd)
                    close(fd);
                return lede_error_set(err, LEDE_ENOMEM, "out of memory reading %s", path);
            }
            r->file = f;
            r->file_cap = cap;
        }
        if (stream && await_input(r, fd)) {
            if (fd)
                close(fd);
            return 0; /* stopped: the document is not whole, no record for it */
        }
        ssize_t n = read(fd, r->file + len, READ_BLOCK);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            int e = errno;
            if (fd)
                close(fd);
            reader_fail(doc, path, "cannot read %s: %s", path, strerror(e));
            r->input_errors++;
            return 1;
        }
        if (n == 0)
            break;
        len += (size_t)n;
        r->bytes += (unsigned long long)n;
        if (len > max) {
            /* A stream past the cap: drain it so the next input starts clean. */
            char sink[65536];
            ssize_t k;
            while ((k = read(fd, sink, sizeof sink)) > 0)
                r->bytes += (unsigned long long)k;
            if (fd)
                close(fd);
            reader_fail(doc, path, "%s is larger than the per-document limit (%s)", path,
                        "max_doc_bytes");
            return 1;
        }
    }
    if (fd)
        close(fd);
    /* A text with a UTF-16 byte order mark is read as the UTF-16 it says it is; UTF-32
     * (which starts like UTF-16LE) is refused. */
    bom_enc enc = bom_of(r->file, len);
    size_t bad = 0;
    if (enc == BOM_UTF32LE || enc == BOM_UTF32BE) {
        reader_fail(doc, path,
                    "%s is %s (it opens with that byte order mark): lede reads "
                    "UTF-8 and UTF-16; convert it first, e.g. iconv -f UTF-32 -t UTF-8",
                    path, bom_name[enc]);
        r->input_errors++; /* refused whole, as NDJSON in UTF-16 or UTF-32 is */
        return 1;
    }
    if (enc != BOM_NONE) {
        size_t cap = 0;
        char *conv = utf16_to_utf8((const unsigned char *)r->file, len, enc == BOM_UTF16LE, &len,
                                   &cap, &bad);
        if (!conv)
            return lede_error_set(err, LEDE_ENOMEM, "out of memory reading %s", path);
        free(r->file);
        r->file = conv;
        r->file_cap = cap;
    }
    /* The document takes the file buffer and gives back its own (load_text). */
    lede_buf file = {r->file, len, r->file_cap, 0};
    int rc = load_text(doc, path, &file, 0, len, 0, err);
    r->file = file.data;
    r->file_cap = file.cap;
    if (rc) {
        lede__doc_fail(doc, "reader", err->message);
        lede_error_clear(err);
    } else if (enc != BOM_NONE) {
        lede__doc_set_stage(doc, "reader");
        lede_doc_warn(doc, LEDE_NONE,
                      "%s was read as %s (its byte order mark); offsets count "
                      "bytes of its UTF-8 form",
                      path, bom_name[enc]);
        if (bad)
            lede_doc_warn(doc, LEDE_NONE,
                          "%s: %zu invalid UTF-16 code unit%s (lone surrogates, an odd last "
                          "byte) replaced by U+FFFD",
                          path, bad, bad == 1 ? "" : "s");
        lede__doc_set_stage(doc, NULL);
    }
    return 1;
}

static void set_block(lede__reader *r, rd_block *b)
{
    r->blk = b;
    r->buf = b->data;
    r->buf_cap = b->cap;
}

/* Whether no line taken from the current block waits to be decoded: then it is the reader's
 * to move, grow or refill from its start. (A decode's last read of the block comes before
 * its release of the block, which this load acquires.) */
static int block_alone(const lede__reader *r)
{
    return !r->blk || atomic_load_explicit(&r->blk->refs, memory_order_acquire) == 1;
}

/* Drops a hold on b: the last one frees it, or keeps it as the spare when it has the usual
 * size. Called by the reader and by decodes, which hold no lock. */
static void block_release(lede__reader *r, rd_block *b)
{
    if (atomic_fetch_sub_explicit(&b->refs, 1, memory_order_acq_rel) != 1)
        return;
    free(b->path);
    b->path = NULL;
    if (b->cap == LINE_BUF)
        b = atomic_exchange(&r->spare, b);
    free(b);
}

/* The bytes not yet taken, buf[buf_start..buf_end), now start the buffer: the positions
 * follow them. */
static void rebase(lede__reader *r)
{
    r->scanned = r->scanned > r->buf_start ? r->scanned - r->buf_start : 0;
    r->buf_pos += r->buf_start;
    r->buf_end -= r->buf_start;
    r->buf_start = 0;
}

/* Moves the bytes not yet taken, buf[buf_start..buf_end), to the start of another block of
 * at least cap bytes (the spare when it will do), which the reader then reads into; the
 * current block is left to the lines taken from it. 0 or LEDE_ENOMEM. */
static int switch_block(lede__reader *r, size_t cap)
{
    size_t rest = r->buf_end - r->buf_start;
    rd_block *b = cap == LINE_BUF ? atomic_exchange(&r->spare, NULL) : NULL;
    if (!b && !(b = malloc(sizeof *b + cap)))
        return LEDE_ENOMEM;
    b->cap = cap;
    b->path = NULL;
    atomic_init(&b->refs, 1);
    if (r->path && !(b->path = strdup(r->path))) {
        free(b);
        return LEDE_ENOMEM;
    }
    if (rest)
        memcpy(b->data, r->buf + r->buf_start, rest);
    if (r->blk)
        block_release(r, r->blk);
    set_block(r, b);
    rebase(r);
    return 0;
}

/* Moves the bytes not yet taken to the start of the block (the reader's alone). */
static void to_front(lede__reader *r)
{
    memmove(r->buf, r->buf + r->buf_start, r->buf_end - r->buf_start);
    rebase(r);
}

/* Fills the NDJSON buffer; 0 at end of stream (or when stopped), <0 on a read error. */
static int fill(lede__reader *r)
{
    int alone = block_alone(r);
    if (r->buf_start > 0 && alone)
        to_front(r);
    /* Another block when lines taken from this one still wait and it has no room for a
     * whole read (twice the size when a line fills it); twice the size in place when it is
     * full and the reader's alone. */
    size_t rest = r->buf_end - r->buf_start, cap = LINE_BUF;
    while (cap <= rest)
        cap *= 2;
    if (!r->blk || (!alone && r->buf_cap - r->buf_end < FILL_BLOCK)) {
        if (switch_block(r, cap))
            return LEDE_ENOMEM;
    } else if (r->buf_end == r->buf_cap) {
        rd_block *b = realloc(r->blk, sizeof *b + cap);
        if (!b)
            return LEDE_ENOMEM;
        b->cap = cap;
        set_block(r, b);
    }
    for (;;) {
        size_t room = r->buf_cap - r->buf_end;
        if (r->stream && await_input(r, r->fd))
            return 0;
        ssize_t n = read(r->fd, r->buf + r->buf_end, room < FILL_BLOCK ? room : FILL_BLOCK);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return LEDE_EIO;
        r->buf_end += (size_t)n;
        r->bytes += (unsigned long long)n;
        return n > 0;
    }
}

static void close_stream(lede__reader *r)
{
    if (r->fd > 0)
        close(r->fd);
    r->fd = -1;
    free(r->path);
    r->path = NULL;
}

/* The id of a record without one: its line number (with the file when several). */
static void line_id(const char *path, unsigned long long line_no, char *out, size_t size)
{
    if (path)
        snprintf(out, size, "%s:%llu", path, line_no);
    else
        snprintf(out, size, "%llu", line_no);
}

/* The file for line_id: the open stream's when several are read, else NULL. */
static const char *id_path(const lede__reader *r)
{
    return r->multi ? r->path : NULL;
}

/* The id of a record, scratch->data[off .. off + len), as a C string in *to; NULL when it
 * holds a NUL (\u0000), which a C string cannot, or memory runs out. */
static const char *copy_id(lede_buf *to, const lede_buf *scratch, size_t off, size_t len)
{
    if (memchr(scratch->data + off, 0, len))
        return NULL;
    lede_buf_reset(to);
    if (lede_buf_append(to, scratch->data + off, len) || lede_buf_reserve(to, 1))
        return NULL;
    to->data[len] = '\0';
    return to->data;
}

/* The id of a line too long to read, from its first len bytes, into r->id (see skip_id). */
static void skipped_id(lede__reader *r, const char *line, size_t len)
{
    size_t off = 0, n = 0;
    r->skip_id = 0;
    if (lede__ndjson_prefix_id(line, len, &r->scratch, &off, &n))
        r->skip_id = copy_id(&r->id, &r->scratch, off, n) ? 1 : -1;
}

/* Whether the line taken as ticket t, which has no id, is the first such line of the run
 * (said once, on that record, whichever worker decodes it). It answers once every line taken
 * before it is decoded: a decode of an earlier line still running (its ticket below t) is
 * waited for, a matter of microseconds, and only until the first line without an id is
 * known, after which every later one answers at once. */
static int first_without_id(lede__reader *r, const rd_decoder *me, unsigned long long t)
{
    unsigned long long first = atomic_load(&r->no_id_first);
    while (first > t && !atomic_compare_exchange_weak(&r->no_id_first, &first, t))
        ;
    if (first < t)
        return 0;
    for (int i = 0; i < r->n_dec; i++)
        while (&r->dec[i] != me && atomic_load(&r->dec[i].ticket) < t)
            sched_yield();
    return atomic_load(&r->no_id_first) == t;
}

/* Turns one NDJSON line into doc, with decoder d's buffers. */
static void load_record(lede__reader *r, rd_decoder *d, const lede__reader_line *ln, lede_doc *doc)
{
    char msg[256], lid[4200];
    lede_error e;
    lede__ndjson_rec *rec = &d->rec;
    const char *id = NULL, *line = ln->line;
    size_t len = ln->len;

    if (lede__ndjson_parse(line, len, rec, &d->scratch, msg, sizeof msg)) {
        line_id(ln->path, ln->line_no, lid, sizeof lid);
        char where[64];
        snprintf(where, sizeof where, "%llu", ln->line_no);
        reader_fail(doc, lid, "line %s: not a valid JSON object: %s", where, msg);
        return;
    }
    if (rec->has_id == 1)
        id = copy_id(&d->id, &d->scratch, rec->id_off, rec->id_len);
    if (!id) {
        line_id(ln->path, ln->line_no, lid, sizeof lid);
        id = lid;
    }
    if (rec->has_text != 1) {
        char where[64];
        snprintf(where, sizeof where, "%llu", ln->line_no);
        reader_fail(doc, id,
                    rec->has_text ? "line %s: field 'text' is not a string%s"
                                  : "line %s: no 'text' field%s",
                    where, "");
        return;
    }
    /* Adoption swaps the storage, so the metadata keys are read where they were decoded
     * (now in the document's storage, untouched until its next load). The id was copied
     * above. */
    const char *decoded = d->scratch.data;
    if (load_text(doc, id, &d->scratch, rec->text_off, rec->text_len, rec->text_ascii, &e)) {
        lede__doc_fail(doc, "reader", e.message);
        return;
    }
    if (rec->has_id == 1 && id != lid &&
        (rec->id_lone || lede__utf8_valid(id, rec->id_len) != rec->id_len)) {
        lede__doc_set_stage(doc, "reader");
        lede_doc_warn(doc, LEDE_NONE,
                      "line %llu: field 'id' holds %s: it is written with U+FFFD and may equal "
                      "another record's id",
                      ln->line_no, rec->id_lone ? "a lone surrogate escape" : "invalid UTF-8");
        lede__doc_set_stage(doc, NULL);
    } else if (rec->has_id == 0 && first_without_id(r, d, ln->ticket)) {
        /* Once: a feed without ids would repeat it on every record. */
        lede__doc_set_stage(doc, "reader");
        lede_doc_warn(doc, LEDE_NONE,
                      "line %llu: no field 'id': records without one are named by their line "
                      "number, which another record's id may also be (reported once)",
                      ln->line_no);
        lede__doc_set_stage(doc, NULL);
    }
    if (rec->text_lone || rec->key_lone) {
        /* Decoded as U+FFFD like invalid UTF-8, and said like it: two member names may
         * have become one (the last value kept). */
        lede__doc_set_stage(doc, "reader");
        if (rec->text_lone)
            lede_doc_warn(doc, LEDE_NONE,
                          "line %llu: field 'text': %zu lone surrogate escape%s read as U+FFFD",
                          ln->line_no, rec->text_lone, rec->text_lone == 1 ? "" : "s");
        if (rec->key_lone)
            lede_doc_warn(doc, LEDE_NONE,
                          "line %llu: %zu lone surrogate escape%s in member names read as "
                          "U+FFFD (two names may now be one; the last value is kept)",
                          ln->line_no, rec->key_lone, rec->key_lone == 1 ? "" : "s");
        lede__doc_set_stage(doc, NULL);
    }
    if (rec->has_id == -1 || (rec->has_id == 1 && id == lid)) {
        /* Said, not silent: the line number may also be another record's id. */
        lede__doc_set_stage(doc, "reader");
        lede_doc_warn(doc, LEDE_NONE,
                      "line %llu: field 'id' %s; the document is named by its line number",
                      ln->line_no,
                      rec->has_id == -1 ? "is not a string or a number"
                                        : "holds a NUL character (\\u0000) or is too large");
        lede__doc_set_stage(doc, NULL);
    }
    for (size_t i = 0; i < rec->n_fields; i++) {
        const lede__ndjson_field *f = &rec->fields[i];
        if (lede__doc_meta_put(doc, decoded + f->key_off, f->key_len, line + f->val_off,
                               f->val_len)) {
            lede__doc_fail(doc, "reader", "out of memory storing metadata");
            return;
        }
    }
}

/* After a line that grew the NDJSON buffer past LINE_BUF: moves the bytes read beyond the
 * line into a block of LINE_BUF (doubled while they do not fit), and the large one is freed
 * once the line is decoded, so that a huge record's line is not resident while the stages
 * run on its document (its text, id and metadata are the document's own by then). Out of
 * memory keeps the large one. */
static void shrink_buf(lede__reader *r)
{
    size_t rest = r->buf_end - r->buf_start, cap = LINE_BUF;
    if (r->buf_cap <= LINE_BUF)
        return;
    while (cap < rest)
        cap *= 2;
    if (cap < r->buf_cap)
        switch_block(r, cap); /* freed when the line's decode lets it go */
}

/* A UTF-16 or UTF-32 byte order mark opening the NDJSON stream at line[0..len): one error
 * record for the whole file, and the stream is closed (a record per line would be NUL-strewn
 * garbage). Returns 1 when it refused the stream. */
static int refuse_wide(lede__reader *r, lede_doc *doc, const char *line, size_t len)
{
    bom_enc enc = bom_of(line, len);
    if (enc == BOM_NONE)
        return 0;
    r->input_errors++;
    reader_fail(doc, r->path,
                "%s is %s (it opens with that byte order mark): NDJSON input must be "
                "UTF-8; convert it first, e.g. iconv -f %.6s -t UTF-8",
                r->path, bom_name[enc], bom_name[enc]);
    r->buf_start = r->buf_end;
    r->eof = 1;
    return 1;
}

/* The first newline in buf[from..buf_end), or NULL: from the reads ahead's list when it
 * covers from, else by a search. */
static char *find_newline(lede__reader *r, size_t from)
{
    unsigned long long at = r->buf_pos + from;
    if (at >= r->nl_from && at < r->nl_to) {
        while (r->nl_n && r->nl[r->nl_head] < at) {
            r->nl_head++;
            r->nl_n--;
        }
        if (r->nl_n)
            return r->buf + (r->nl[r->nl_head] - r->buf_pos);
        from = (size_t)(r->nl_to - r->buf_pos); /* none up to there */
    }
    return r->buf_end > from ? memchr(r->buf + from, '\n', r->buf_end - from) : NULL;
}

/* Next line of the open stream: 1 with the line in *ln (to decode) or doc produced (ln->line
 * NULL), 0 end of stream, <0 error. */
static int next_line(lede__reader *r, rd_decoder *d, lede__reader_line *ln, lede_doc *doc,
                     lede_error *err)
{
    size_t max_line = MAX_LINE(&r->set);
    int skipping = 0;

    for (;;) {
        size_t from = r->scanned > r->buf_start ? r->scanned : r->buf_start;
        char *nl = find_newline(r, from);
        if (!nl)
            r->scanned = r->buf_end;
        if (!nl && !r->eof) {
            /* (The first time round: skipping is still 0, and no read ahead starts while
             * the caller's lock is held.) */
            if (r->ahead)
                return LEDE__READER_BUSY;
            if (r->buf_end - r->buf_start > max_line) {
                /* Too long: forget what we have, keep reading to the newline; but first
                 * find the record's id in what we have, for its error record. */
                if (!skipping) {
                    const char *at = r->buf + r->buf_start;
                    size_t have = r->buf_end - r->buf_start;
                    if (r->line_no == 0 && refuse_wide(r, doc, at, have)) {
                        r->line_no++;
                        return 1;
                    }
                    if (have >= 3 && memcmp(at, "\xEF\xBB\xBF", 3) == 0) {
                        at += 3;
                        have -= 3;
                    }
                    skipped_id(r, at, have);
                }
                skipping = 1;
                r->buf_start = r->buf_end;
            }
            int rc = fill(r);
            if (rc < 0)
                return lede_error_set(err, LEDE_EIO, "cannot read %s: %s", r->path,
                                      strerror(errno));
            if (rc == 0 && r->stopped)
                return 0; /* a line read in part is no record */
            if (rc == 0)
                r->eof = 1;
            continue;
        }
        size_t end = nl ? (size_t)(nl - r->buf) : r->buf_end;
        const char *line = r->buf + r->buf_start;
        size_t len = end - r->buf_start;
        r->buf_start = nl ? end + 1 : r->buf_end;
        if (!nl && len == 0 && !skipping)
            return 0;
        r->line_no++;
        if (len && line[len - 1] == '\r')
            len--;
        /* A byte order mark opens many files exported on Windows; it is no part of JSON.
         * Skipped on any line: files joined with cat carry theirs into the middle. */
        if (len >= 3 && line[0] == '\xEF' && memcmp(line, "\xEF\xBB\xBF", 3) == 0) {
            line += 3;
            len -= 3;
        }
        /* UTF-16 and UTF-32 are not JSON text here: say so once, not once per line. */
        if (r->line_no == 1 && refuse_wide(r, doc, line, len))
            return 1;
        if (!skipping && len > max_line)
            skipped_id(r, line, len);
        if (skipping || len > max_line) {
            char lid[4200];
            const char *id = lid;
            if (r->skip_id == 1)
                id = r->id.data;
            else
                line_id(id_path(r), r->line_no, lid, sizeof lid);
            reader_fail(doc, id,
                        "line %llu is longer than the per-document limit (max_doc_bytes = %zu "
                        "bytes, + 1 MiB for the JSON around the text, \\u escapes counted as "
                        "written): raise --max-doc-bytes to read it%s",
                        r->line_no, r->set.max_doc_bytes,
                        r->skip_id == -1 ? "; its id holds a NUL character (\\u0000), so it is "
                                           "named by its line number"
                                         : "");
            r->skip_id = 0;
            shrink_buf(r);
            return 1;
        }
        /* Blank lines separate nothing and are not records. */
        size_t k = 0;
        while (k < len && (line[k] == ' ' || line[k] == '\t'))
            k++;
        if (k == len) {
            if (!nl)
                return 0;
            continue;
        }
        /* Parsed by lede__reader_decode, maybe outside the caller's lock: the block stays
         * where it is until then. */
        ln->line = line;
        ln->len = len;
        ln->line_no = r->line_no;
        ln->ticket = r->tickets++;
        ln->path = r->multi ? r->blk->path : NULL;
        ln->block = r->blk;
        atomic_fetch_add_explicit(&r->blk->refs, 1, memory_order_relaxed);
        atomic_store(&d->ticket, ln->ticket);
        shrink_buf(r);
        return 1;
    }
}

size_t lede__reader_line_buffer(const lede__reader *r)
{
    return r->buf_cap;
}

void lede__reader_decode(lede__reader *r, int dec, lede__reader_line *ln, lede_doc *doc)
{
    rd_decoder *d = &r->dec[dec];
    load_record(r, d, ln, doc);
    /* After a huge record the decoder is left with its storage (or the storage the document
     * gave back for it): one per worker, so give it back rather than keep N of them. */
    if (d->scratch.cap > LEDE_KEEP_MAX)
        lede_buf_free(&d->scratch);
    block_release(r, ln->block);
    ln->block = NULL;
    atomic_store(&d->ticket, NO_TICKET);
}

int lede__reader_next(lede__reader *r, lede_doc *doc, lede_error *err)
{
    lede__reader_line ln;
    int rc = lede__reader_take(r, 0, &ln, doc, err);
    if (rc > 0 && ln.line)
        lede__reader_decode(r, 0, &ln, doc);
    return rc;
}

int lede__reader_ahead_begin(lede__reader *r, lede__reader_ahead *ra)
{
    /* Regular files only (a stream's read may wait, see await_input), in a block of the
     * usual size (a larger one is left by the next take, shrink_buf). */
    if (!r->path || r->stream || r->eof || r->ahead || !r->blk || r->buf_cap != LINE_BUF ||
        r->buf_end - r->buf_start >= AHEAD_LOW)
        return 0;
    if (r->buf_end + FILL_BLOCK > AHEAD_SPAN) {
        /* The bytes left go to the block's start (when no line taken from it waits), or,
         * when the block has no room after them, to another block. */
        if (block_alone(r))
            to_front(r);
        else if (r->buf_cap - r->buf_end < FILL_BLOCK && switch_block(r, LINE_BUF))
            return 0;
    }
    if (!r->ahead_nl)
        r->ahead_nl = malloc(AHEAD_NL * sizeof *r->ahead_nl); /* NULL: none noted */
    r->ahead = 1;
    ra->fd = r->fd;
    ra->at = r->buf + r->buf_end;
    ra->max = FILL_BLOCK;
    ra->n = 0;
    ra->nl = r->ahead_nl;
    ra->nl_cap = r->ahead_nl ? AHEAD_NL : 0;
    ra->n_nl = 0;
    return 1;
}

void lede__reader_ahead_read(lede__reader_ahead *ra)
{
    do
        ra->n = read(ra->fd, ra->at, ra->max);
    while (ra->n < 0 && errno == EINTR);
    const char *p = ra->at, *end = ra->at + (ra->n > 0 ? ra->n : 0);
    while (p < end && (p = memchr(p, '\n', (size_t)(end - p)))) {
        if (ra->n_nl < ra->nl_cap)
            ra->nl[ra->n_nl] = (unsigned)(p - ra->at);
        ra->n_nl++;
        p++;
    }
}

/* Adds the newlines a read ahead noted, at stream offset at, to the reader's list; when they
 * do not follow the list's last or were too many, the list starts again after them. */
static void note_newlines(lede__reader *r, const lede__reader_ahead *ra, unsigned long long at)
{
    if (ra->n_nl > ra->nl_cap || r->nl_to != at) {
        r->nl_head = r->nl_n = 0;
        r->nl_from = r->nl_to = at;
        if (ra->n_nl > ra->nl_cap) {
            r->nl_from = r->nl_to = at + (size_t)ra->n;
            return;
        }
    }
    if (r->nl_head + r->nl_n + ra->n_nl > r->nl_cap) {
        if (r->nl_head)
            memmove(r->nl, r->nl + r->nl_head, r->nl_n * sizeof *r->nl);
        r->nl_head = 0;
        if (r->nl_n + ra->n_nl > r->nl_cap) {
            size_t cap = r->nl_cap ? r->nl_cap : 256;
            while (cap < r->nl_n + ra->n_nl)
                cap *= 2;
            unsigned long long *nl = realloc(r->nl, cap * sizeof *nl);
            if (!nl) {
                r->nl_n = 0;
                r->nl_from = r->nl_to = at + (size_t)ra->n;
                return;
            }
            r->nl = nl;
            r->nl_cap = cap;
        }
    }
    for (size_t i = 0; i < ra->n_nl; i++)
        r->nl[r->nl_head + r->nl_n++] = at + ra->nl[i];
    r->nl_to = at + (size_t)ra->n;
}

void lede__reader_ahead_end(lede__reader *r, const lede__reader_ahead *ra)
{
    /* A failed read is left to the next fill, which reads again and reports it. */
    r->ahead = 0;
    if (ra->n > 0) {
        note_newlines(r, ra, r->buf_pos + r->buf_end);
        r->buf_end += (size_t)ra->n;
        r->bytes += (unsigned long long)ra->n;
    } else if (ra->n == 0) {
        r->eof = 1;
    }
}

/* A new stream is read from the start of a block whose path is its own. 0 or LEDE_ENOMEM. */
static int open_block(lede__reader *r)
{
    r->buf_start = r->buf_end;
    if (r->blk && block_alone(r)) {
        free(r->blk->path);
        if (!(r->blk->path = strdup(r->path)))
            return LEDE_ENOMEM;
    } else if (r->blk && switch_block(r, LINE_BUF)) {
        return LEDE_ENOMEM;
    }
    r->buf_start = r->buf_end = r->scanned = 0;
    r->buf_pos = r->nl_from = r->nl_to = 0;
    r->nl_head = r->nl_n = 0;
    return 0;
}

int lede__reader_take(lede__reader *r, int dec, lede__reader_line *ln, lede_doc *doc,
                      lede_error *err)
{
    ln->line = NULL;
    for (;;) {
        if (r->stopped)
            return 0;
        if (r->path) {
            int rc = next_line(r, &r->dec[dec], ln, doc, err);
            if (rc != 0)
                return rc;
            close_stream(r);
            continue;
        }
        if (r->n_stack == 0)
            return 0;
        char *path = r->stack[--r->n_stack];
        struct stat st;
        int is_stdin = strcmp(path, "-") == 0;

        if (!is_stdin && stat(path, &st) != 0) {
            int e = errno;
            reader_fail(doc, path, "cannot open %s: %s", path, strerror(e));
            r->input_errors++;
            free(path);
            return 1;
        }
        if (!is_stdin && r->outputs && S_ISREG(st.st_mode) &&
            lede__pipeline_writes_to(r->outputs, (unsigned long long)st.st_dev,
                                     (unsigned long long)st.st_ino)) {
            warn_path(path, " is an output of this run: not read");
            free(path);
            continue;
        }
        if (!is_stdin && S_ISDIR(st.st_mode)) {
            int e = 0, rc = expand_dir(r, path, &st, &e);
            if (rc == 1) {
                warn_path(path, ": directory already visited (symlink loop?), skipped");
            } else if (rc == LEDE_EIO) {
                reader_fail(doc, path, "cannot read directory %s: %s", path, strerror(e));
                r->input_errors++;
                free(path);
                return 1;
            } else if (rc) {
                free(path);
                return lede_error_set(err, LEDE_ENOMEM, "out of memory");
            }
            r->multi = 1;
            free(path);
            continue;
        }
        if (!r->ndjson) {
            int rc = read_text(r, path, doc, err);
            free(path);
            return rc;
        }
        r->fd = is_stdin ? 0 : open(path, O_RDONLY);
        if (r->fd < 0) {
            int e = errno;
            reader_fail(doc, path, "cannot open %s: %s", path, strerror(e));
            r->input_errors++;
            free(path);
            return 1;
        }
        r->stream = fstat(r->fd, &st) == 0 && !S_ISREG(st.st_mode);
        r->path = path;
        r->line_no = 0;
        r->eof = 0;
        if (open_block(r))
            return lede_error_set(err, LEDE_ENOMEM, "out of memory");
    }
}
