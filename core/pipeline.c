/*
 * pipeline.c -- a chain of stage instances, their output sinks, and running a document.
 *
 * The pipeline owns each instance's validated options, the stage context handed to
 * create() and finish(), and the sinks (standard output and files) exporters write to.
 * Documents never write to a sink directly: they render into per-document buffers that
 * lede__pipeline_write copies out, so output order is input order whatever the stages do.
 *
 * Checks happen before any input is read: option values (options.c) and required
 * layers (here), each message naming the config file and line of the stage.
 *
 * An output file is only checked when a stage names it: it is opened (and so truncated)
 * when the first document's output or the end of the run is written, so `lede check`, and
 * a run whose setup fails at a later stage, leave an existing file as it was. What stages
 * write before that (a CSV header from create()) waits in the sink's buffer.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>
#include <string.h>
#include <time.h>

#include "lede_internal.h"

typedef struct pipe_sink {
    char *path;                     /* "-" for standard output */
    FILE *fp;                       /* NULL until the sinks are opened (a file's) */
    lede_buf before;                /* what was written before the sinks were opened */
    const struct pipe_stage *owner; /* the stage that opened it (its workers share it) */
} pipe_sink;

typedef struct pipe_stage pipe_stage;

struct lede_stage_ctx {
    lede__pipeline *p;
    pipe_stage *st;
    int worker;
    int processing; /* between create() and finish(): lede_ctx_write is refused */
};

/* One worker's instance of a stage (all workers share worker 0's when SHAREABLE). */
typedef struct pipe_inst {
    void *inst;
    int created;
    lede_stage_ctx ctx;
    double seconds; /* time spent in process() by this worker */
} pipe_inst;

struct pipe_stage {
    const lede_stage_desc *desc;
    char *name;            /* instance name (config `name`, or the stage name) */
    char *where;           /* "FILE:LINE" of its config entry */
    char *overrides;       /* "-o a.b=c, -o ..." that set its options, or NULL */
    uint32_t must_provide; /* bit b: provides[b] is required by a later stage (check) */
    lede_options opts;
    pipe_inst *w; /* n_workers of them */
};

struct lede__pipeline {
    pipe_stage **stages;
    size_t n, cap;
    pipe_sink *sinks;
    int n_sinks;
    char *config_dir;
    lede_buf *capture; /* harness: sink 0 goes here instead of stdout */
    int n_workers;
    volatile int *progress; /* isolate: 1 + index of the running stage, in shared memory */
    int timing;             /* time each stage's process() (--stats) */
    int sinks_open;         /* output files opened, early writes flushed */
    /* The stage that opened standard output and writes it alone (NULL: no stage opened it,
     * or it is /dev/null, or the harness captures it): no other stage may write sink 0. */
    const pipe_stage *stdout_owner;
    /* A piece of output written while its document was processed (stream_piece) failed:
     * reported by the next lede__pipeline_write, as a failure there would be. */
    int stream_rc, stream_errno;
    lede_error stream_err;
};

int lede__pipeline_new(lede__pipeline **out, const char *config_dir, lede_error *err)
{
    lede__pipeline *p = calloc(1, sizeof *p);
    if (!p || !(p->config_dir = strdup(config_dir ? config_dir : ".")) ||
        !(p->sinks = calloc(1, sizeof *p->sinks)) || !(p->sinks[0].path = strdup("-"))) {
        if (p) {
            if (p->sinks)
                free(p->sinks[0].path);
            free(p->sinks);
            free(p->config_dir);
        }
        free(p);
        return lede_error_set(err, LEDE_ENOMEM, "out of memory");
    }
    p->sinks[0].fp = stdout;
    lede_buf_init(&p->sinks[0].before, 0);
    p->n_sinks = 1;
    p->n_workers = 1;
    *out = p;
    return 0;
}

int lede__pipeline_capture_stdout(lede__pipeline *p, lede_buf *capture)
{
    p->capture = capture;
    return 0;
}

size_t lede__pipeline_count(const lede__pipeline *p)
{
    return p->n;
}

static pipe_stage *stage_by_name(const lede__pipeline *p, const char *name)
{
    for (size_t i = 0; i < p->n; i++)
        if (strcmp(p->stages[i]->name, name) == 0)
            return p->stages[i];
    return NULL;
}

int lede__pipeline_add(lede__pipeline *p, const lede_stage_desc *desc, const char *name,
                       const char *where, lede_options **opts, lede_error *err)
{
    pipe_stage *st;
    int rc;

    if (name && stage_by_name(p, name))
        return lede_error_set(err, LEDE_ECONFIG,
                              "%s: stage name '%s' is used twice: give each instance its own "
                              "`name`",
                              where, name);
    if (p->n == p->cap) {
        size_t cap = p->cap ? p->cap * 2 : 8;
        pipe_stage **s = realloc(p->stages, cap * sizeof *s);
        if (!s)
            return lede_error_set(err, LEDE_ENOMEM, "out of memory");
        p->stages = s;
        p->cap = cap;
    }
    if (!(st = calloc(1, sizeof *st)))
        return lede_error_set(err, LEDE_ENOMEM, "out of memory");
    st->desc = desc;
    if (!name) {
        /* A second unnamed instance of a stage is called "exporter#2" in messages. */
        char auto_name[256];
        int count = 1;
        snprintf(auto_name, sizeof auto_name, "%s", desc->name);
        while (stage_by_name(p, auto_name))
            snprintf(auto_name, sizeof auto_name, "%s#%d", desc->name, ++count);
        st->name = strdup(auto_name);
    } else {
        st->name = strdup(name);
    }
    st->where = strdup(where ? where : "");
    if (!st->name || !st->where) {
        free(st->name);
        free(st->where);
        free(st);
        return lede_error_set(err, LEDE_ENOMEM, "out of memory");
    }
    p->stages[p->n++] = st;
    if ((rc = lede__options_init(&st->opts, desc->options, desc->name, err)))
        return rc;
    if (opts)
        *opts = &st->opts;
    return 0;
}

int lede__pipeline_override(lede__pipeline *p, const char *spec, lede_error *err)
{
    const char *dot = strchr(spec, '.'), *eq = strchr(spec, '=');
    char target[256], option[256];
    int matched = 0, rc;

    if (!dot || !eq || eq < dot || dot == spec || eq == dot + 1)
        return lede_error_set(err, LEDE_ECONFIG,
                              "-o %s: expected STAGE_OR_NAME.OPTION=VALUE "
                              "(for example -o summarizer.sentences=5)",
                              spec);
    snprintf(target, sizeof target, "%.*s", (int)(dot - spec), spec);
    snprintf(option, sizeof option, "%.*s", (int)(eq - dot - 1), dot + 1);
    /* "-o 'summarizer.sentences = 5'" would be the unknown option 'sentences '. */
    if (eq[-1] == ' ' || eq[-1] == '\t')
        return lede_error_set(err, LEDE_ECONFIG,
                              "-o %s: no spaces around '=' (for example -o summarizer.sentences=5)",
                              spec);
    /* An instance name wins; otherwise every instance of that stage. */
    pipe_stage *named = stage_by_name(p, target);
    for (size_t i = 0; i < p->n; i++) {
        pipe_stage *st = p->stages[i];
        if (named ? st != named : strcmp(st->desc->name, target) != 0)
            continue;
        matched = 1;
        /* Messages name the stage and the override as written (which names the instance). */
        char where[300];
        snprintf(where, sizeof where, "-o %s", spec);
        if ((rc = lede__options_set_text(&st->opts, st->desc->name, where, option, eq + 1, err)))
            return rc;
        /* create() may still refuse the value: its message then names the overrides too. */
        size_t n = (st->overrides ? strlen(st->overrides) + 2 : 0) + strlen(where) + 1;
        char *o = malloc(n);
        if (!o)
            return lede_error_set(err, LEDE_ENOMEM, "out of memory");
        snprintf(o, n, "%s%s%s", st->overrides ? st->overrides : "", st->overrides ? ", " : "",
                 where);
        free(st->overrides);
        st->overrides = o;
    }
    if (!matched) {
        lede__suggest sg;
        lede__suggest_init(&sg, target);
        for (size_t i = 0; i < p->n; i++) {
            lede__suggest_consider(&sg, p->stages[i]->desc->name, strlen(p->stages[i]->desc->name));
            lede__suggest_consider(&sg, p->stages[i]->name, strlen(p->stages[i]->name));
        }
        const char *sug = lede__suggest_result(&sg);
        return lede_error_set(
            err, LEDE_ECONFIG, "-o %s: no stage or stage name '%s' in this pipeline%s%s%s", spec,
            target, sug ? " (did you mean '" : "", sug ? sug : "", sug ? "'?)" : "");
    }
    return 0;
}

/* The built-in stage that provides a layer, for the hint in a missing-layer message. */
static const char *usual_provider(const char *layer)
{
    if (!strcmp(layer, LEDE_LAYER_TOKEN) || !strcmp(layer, LEDE_LAYER_SENTENCE) ||
        !strcmp(layer, LEDE_LAYER_PARAGRAPH))
        return "tokenizer";
    if (!strcmp(layer, LEDE_LAYER_QUOTE))
        return "quotes";
    if (!strcmp(layer, LEDE_LAYER_SUMMARY))
        return "summarizer";
    return NULL;
}

static int provides(const lede_stage_desc *d, const char *layer)
{
    for (const char *const *l = d->provides; l && *l; l++)
        if (strcmp(*l, layer) == 0)
            return 1;
    return 0;
}

int lede__pipeline_check(lede__pipeline *p, lede_error *err)
{
    for (size_t i = 0; i < p->n; i++) {
        pipe_stage *st = p->stages[i];
        int rc = lede__options_check_required(&st->opts, st->desc->name, st->where, err);
        if (rc)
            return rc;
        for (const char *const *r = st->desc->requires; r && *r; r++) {
            size_t j;
            for (j = i; j-- > 0 && !provides(p->stages[j]->desc, *r);)
                ;
            if (j < i) {
                /* The last provider before it must keep that promise on every document. */
                const char *const *l = p->stages[j]->desc->provides;
                for (uint32_t b = 0; b < 32 && l[b]; b++)
                    if (strcmp(l[b], *r) == 0)
                        p->stages[j]->must_provide |= (uint32_t)1 << b;
                continue;
            }
            /* Name the stage to add: a later one of this pipeline, or the usual one. */
            const char *hint = NULL;
            for (size_t k = i + 1; k < p->n && !hint; k++)
                if (provides(p->stages[k]->desc, *r))
                    hint = p->stages[k]->name;
            if (!hint)
                hint = usual_provider(*r);
            return lede_error_set(
                err, LEDE_ECONFIG,
                "%s%sstage '%s' needs '%s', which no earlier stage provides%s%s%s", st->where,
                *st->where ? ": " : "", st->name, *r, hint ? ": put '" : "", hint ? hint : "",
                hint ? "' before it" : "");
        }
    }
    return 0;
}

int lede__pipeline_set_workers(lede__pipeline *p, int n_workers, lede_error *err)
{
    for (size_t i = 0; i < p->n; i++)
        if (p->stages[i]->w)
            return lede_error_set(err, LEDE_EINVAL, "workers must be set before the stages start");
    if (n_workers < 1 || n_workers > LEDE_MAX_WORKERS)
        return lede_error_set(err, LEDE_ECONFIG, "workers must be in [1, %d]", LEDE_MAX_WORKERS);
    p->n_workers = n_workers;
    return 0;
}

int lede__pipeline_workers(const lede__pipeline *p)
{
    return p->n_workers;
}

/* Whether st is /dev/null. */
static int is_null(const struct stat *st)
{
    struct stat null;
    return S_ISCHR(st->st_mode) && stat("/dev/null", &null) == 0 && st->st_rdev == null.st_rdev;
}

/* A stage's message that opens with its own name ("tokenizer: cannot read ...") would read
 * "stage 'tokenizer': tokenizer: cannot read ..." once the host names the stage: the
 * repetition goes. */
static void drop_own_name(lede_error *err, const char *name)
{
    size_t n = strlen(name);
    if (err && strncmp(err->message, name, n) == 0 && err->message[n] == ':' &&
        err->message[n + 1] == ' ')
        memmove(err->message, err->message + n + 2, strlen(err->message + n + 2) + 1);
}

int lede__pipeline_start(lede__pipeline *p, lede_error *err)
{
    for (size_t i = 0; i < p->n; i++) {
        pipe_stage *st = p->stages[i];
        if (!st->w && !(st->w = calloc((size_t)p->n_workers, sizeof *st->w)))
            return lede_error_set(err, LEDE_ENOMEM, "out of memory");
        for (int k = 0; k < p->n_workers; k++) {
            pipe_inst *w = &st->w[k];
            int rc;
            if (w->created)
                continue;
            w->ctx.p = p;
            w->ctx.st = st;
            w->ctx.worker = k;
            if (k > 0 && (st->desc->flags & LEDE_STAGE_SHAREABLE)) {
                w->inst = st->w[0].inst; /* shared: created once, destroyed once */
                continue;
            }
            lede_error_clear(err);
            rc = st->desc->create(&w->ctx, &st->opts, &w->inst, err);
            w->created = 1; /* destroy() runs even after a failed create */
            w->ctx.processing = 1;
            if (rc) {
                if (!err || !err->message[0])
                    lede_error_set(err, rc, "%s", lede_strerror(rc));
                drop_own_name(err, st->desc->name);
                lede_error_prefix(err, "%s%s%s%s%sstage '%s'", st->where,
                                  st->overrides ? " (with " : "",
                                  st->overrides ? st->overrides : "", st->overrides ? ")" : "",
                                  *st->where || st->overrides ? ": " : "", st->name);
                if (err)
                    err->code = rc < 0 ? rc : LEDE_ESTAGE;
                return rc < 0 ? rc : LEDE_ESTAGE;
            }
        }
    }
    struct stat so;
    p->stdout_owner =
        p->capture || (fstat(STDOUT_FILENO, &so) == 0 && is_null(&so)) ? NULL : p->sinks[0].owner;
    return 0;
}

void lede__pipeline_set_timing(lede__pipeline *p, int on)
{
    p->timing = on != 0;
}

void lede__pipeline_set_progress(lede__pipeline *p, volatile int *progress)
{
    p->progress = progress;
}

const char *lede__pipeline_stage_name(const lede__pipeline *p, size_t i)
{
    return i < p->n ? p->stages[i]->name : NULL;
}

int lede__pipeline_has_renderer(const lede__pipeline *p)
{
    for (size_t i = 0; i < p->n; i++)
        if (p->stages[i]->desc->flags & LEDE_STAGE_RENDERS_ERRORS)
            return 1;
    return 0;
}

int lede__pipeline_prepare_doc(lede__pipeline *p, lede_doc *doc, lede_error *err)
{
    if (lede__doc_set_sinks(doc, p->n_sinks))
        return lede_error_set(err, LEDE_ENOMEM, "out of memory");
    return 0;
}

double lede__now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

int lede__pipeline_process(lede__pipeline *p, int worker, lede_doc *doc, lede_error *err)
{
    int first_rc = 0;

    if (lede__pipeline_prepare_doc(p, doc, err))
        return LEDE_ENOMEM;
    /* One clock read per stage boundary, and none unless asked: a read costs ~20 ns, and
     * two per stage and document were ~0.6% of a run of the whole chain. */
    double t = p->timing ? lede__now() : 0.0;
    lede_buf *out0 = p->stdout_owner ? lede_doc_output(doc, 0) : NULL;
    for (size_t i = 0; i < p->n; i++) {
        pipe_stage *st = p->stages[i];
        lede_error serr;
        int rc;

        if (lede_doc_failed(doc, NULL, NULL) && !(st->desc->flags & LEDE_STAGE_RENDERS_ERRORS))
            continue;
        lede__doc_set_stage(doc, st->name);
        if (p->progress)
            *p->progress = (int)i + 1;
        lede_error_clear(&serr);
        pipe_inst *w = &st->w[worker];
        size_t len0 = out0 ? out0->len : 0;
        rc = st->desc->process(w->inst, doc, &serr);
        if (p->timing) {
            double t1 = lede__now();
            w->seconds += t1 - t;
            t = t1;
        }
        /* What a later stage requires of this one is there: its requires was checked
         * against this stage's provides, and it would read an absent layer as empty. (A
         * layer no later stage requires may depend on an option: entities mentions=true.) */
        for (uint32_t b = 0, m = st->must_provide; !rc && m; b++, m >>= 1)
            if ((m & 1) && !lede_doc_has_layer(doc, st->desc->provides[b]) &&
                !lede_doc_failed(doc, NULL, NULL))
                rc = lede_error_set(&serr, LEDE_ESTAGE,
                                    "the stage provides '%s' (its descriptor says so), which a "
                                    "later stage requires, but did not set it on this document "
                                    "(is an option that adds it off? see lede inspect)",
                                    st->desc->provides[b]);
        /* Standard output (sink 0) written without opening it escapes the refusal of a second
         * writer (lede_ctx_open_output): its bytes would interleave with the records of the
         * stage that opened it. They go, and the document fails. */
        if (out0 && out0->len != len0 && st != p->stdout_owner) {
            if (out0->len > len0) {
                out0->len = len0;
                out0->data[len0] = '\0';
            }
            if (!rc)
                rc = lede_error_set(&serr, LEDE_ESTAGE,
                                    "the stage wrote to standard output without opening it, "
                                    "where stage '%s' writes: their records would interleave; "
                                    "give one of them another output",
                                    p->stdout_owner->name);
        }
        if (rc) {
            const char *msg = serr.message[0] ? serr.message : lede_strerror(rc);
            /* A renderer failing on an already failed document keeps the first failure. */
            if (!lede_doc_failed(doc, NULL, NULL)) {
                lede__doc_fail(doc, st->name, msg);
                /* Renderers before this stage wrote the document as a success: what they
                 * wrote goes (once, before the first of them), and they render the error
                 * record instead. */
                int withdrawn = 0;
                for (size_t j = 0; j < i; j++) {
                    pipe_stage *r = p->stages[j];
                    lede_error rerr;
                    if (!(r->desc->flags & LEDE_STAGE_RENDERS_ERRORS))
                        continue;
                    for (int k = 0; !withdrawn && k < lede__doc_sink_count(doc); k++)
                        lede_buf_reset(lede_doc_output(doc, k));
                    withdrawn = 1;
                    lede__doc_set_stage(doc, r->name);
                    lede_error_clear(&rerr);
                    r->desc->process(r->w[worker].inst, doc, &rerr);
                }
                lede__doc_set_stage(doc, st->name);
            }
            if (!first_rc) {
                first_rc = rc < 0 ? rc : LEDE_ESTAGE;
                lede_error_set(err, first_rc, "document '%s': stage '%s': %s", lede_doc_id(doc),
                               st->name, msg);
            }
        }
    }
    lede__doc_set_stage(doc, NULL);
    if (p->progress)
        *p->progress = 0;
    return first_rc;
}

double lede__pipeline_stage_seconds(const lede__pipeline *p, size_t i, const char **name)
{
    if (i >= p->n)
        return 0.0;
    double total = 0.0;
    if (name)
        *name = p->stages[i]->name;
    for (int k = 0; p->stages[i]->w && k < p->n_workers; k++)
        total += p->stages[i]->w[k].seconds;
    return total;
}

void lede__pipeline_add_stage_seconds(lede__pipeline *p, size_t i, double seconds)
{
    if (i < p->n && p->stages[i]->w)
        p->stages[i]->w[0].seconds += seconds;
}

/* Whether a new file may be made at path: its directory is writable. 0 or an errno. */
static int dir_writable(const char *path)
{
    char dir[4096];
    if (strlen(path) >= sizeof dir)
        return ENAMETOOLONG;
    lede__dir_of(path, dir, sizeof dir);
    return access(dir, W_OK) == 0 ? 0 : errno;
}

/* The message of an output file that cannot be opened for writing, for reason e. */
static int open_failed(lede_error *err, const char *path, int e)
{
    return lede_error_set(err, LEDE_EIO, "option 'output': cannot open '%s' for writing: %s", path,
                          strerror(e));
}

/* Whether path could be opened for writing, without touching it: an existing file must be
 * a writable non-directory, a new one needs a writable directory (for a link to a file
 * not there yet, the directory of its target). 0 or LEDE_EIO. */
static int writable(const char *path, lede_error *err)
{
    struct stat st;
    int e = 0;
    if (stat(path, &st) == 0) {
        if (S_ISDIR(st.st_mode))
            e = EISDIR;
        else if (access(path, W_OK) != 0)
            e = errno;
    } else if (errno != ENOENT) {
        e = errno;
    } else if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode)) {
        char target[4096];
        ssize_t n = readlink(path, target, sizeof target - 1);
        const char *slash = strrchr(path, '/');
        if (n < 0) {
            e = errno;
        } else {
            char joined[8192];
            target[n] = '\0';
            if (target[0] == '/' || !slash)
                snprintf(joined, sizeof joined, "%s", target);
            else
                snprintf(joined, sizeof joined, "%.*s/%s", (int)(slash - path), path, target);
            e = dir_writable(joined);
        }
    } else {
        e = dir_writable(path);
    }
    return e ? open_failed(err, path, e) : 0;
}

/* Opens (truncating) the file of sink s. 0 or LEDE_EIO. */
static int sink_file_open(pipe_sink *s, lede_error *err)
{
    if (s->fp)
        return 0;
    if (!(s->fp = fopen(s->path, "w")))
        return open_failed(err, s->path, errno);
    return 0;
}

static int sink_write(lede__pipeline *p, int sink, const char *data, size_t len, lede_error *err)
{
    pipe_sink *s = &p->sinks[sink];

    if (len == 0)
        return 0;
    if (sink == 0 && p->capture)
        return lede_buf_append(p->capture, data, len)
                   ? lede_error_set(err, LEDE_ENOMEM, "out of memory capturing output")
                   : 0;
    if (!p->sinks_open)
        return lede_buf_append(&s->before, data, len)
                   ? lede_error_set(err, LEDE_ENOMEM, "out of memory buffering output")
                   : 0;
    /* A sink added after the others were opened (the harness adds stages between runs). */
    int rc = sink_file_open(s, err);
    if (rc)
        return rc;
    if (fwrite(data, 1, len, s->fp) != len) {
        int e = errno;
        return lede_error_set(err, LEDE_EIO, "cannot write to %s: %s",
                              strcmp(s->path, "-") ? s->path : "standard output",
                              strerror(e ? e : EIO));
    }
    return 0;
}

/* Opens the output files and writes out what waited for them. Every file is checked
 * before any is opened, so that one that has become impossible to write does not leave
 * the others truncated. */
static int sinks_open(lede__pipeline *p, lede_error *err)
{
    if (p->sinks_open)
        return 0;
    for (int i = 1; i < p->n_sinks; i++) {
        int rc = p->sinks[i].fp ? 0 : writable(p->sinks[i].path, err);
        if (rc)
            return rc;
    }
    for (int i = 1; i < p->n_sinks; i++) {
        int rc = sink_file_open(&p->sinks[i], err);
        if (rc)
            return rc;
    }
    p->sinks_open = 1;
    for (int i = 0; i < p->n_sinks; i++) {
        lede_buf *b = &p->sinks[i].before;
        int rc = sink_write(p, i, b->data, b->len, err);
        lede_buf_free(b);
        if (rc)
            return rc;
    }
    return 0;
}

void lede__pipeline_write_piece(lede__pipeline *p, lede_doc *doc, int sink)
{
    lede_buf *b = lede_doc_output(doc, sink);

    if (p->stream_rc || !b || sink >= p->n_sinks)
        return;
    /* Standard output flushed by a stage that did not open it, where another stage writes:
     * not written; lede__pipeline_process drops it and fails the document. (Stage names
     * are each stage's own copy: the pointer tells two exporters apart.) */
    const char *cur = lede_doc_stage(doc);
    if (sink == 0 && p->stdout_owner && cur && cur != p->stdout_owner->name)
        return;
    /* The document is the next one due, so setup is over: the files may be opened. */
    if ((p->stream_rc = sinks_open(p, &p->stream_err)) ||
        (p->stream_rc = sink_write(p, sink, b->data, b->len, &p->stream_err))) {
        p->stream_errno = errno;
        return;
    }
    lede_buf_reset(b);
}

/* One worker: the document is always the next one due. */
static int stream_piece(void *ctx, lede_doc *doc, int sink, int write)
{
    if (write)
        lede__pipeline_write_piece(ctx, doc, sink);
    return 1;
}

void lede__pipeline_stream(lede__pipeline *p, lede_doc *doc)
{
    lede__doc_set_flush(doc, stream_piece, p);
}

int lede__pipeline_write(lede__pipeline *p, lede_doc *doc, lede_error *err)
{
    int n = lede__doc_sink_count(doc);
    if (p->stream_rc) {
        int rc = p->stream_rc;
        if (err)
            *err = p->stream_err;
        errno = p->stream_errno;
        p->stream_rc = 0;
        return rc;
    }
    int rc = sinks_open(p, err);
    if (rc)
        return rc;
    for (int i = 0; i < n && i < p->n_sinks; i++) {
        lede_buf *b = lede_doc_output(doc, i);
        rc = sink_write(p, i, b->data, b->len, err);
        if (rc)
            return rc;
    }
    return 0;
}

/* Flushes every open sink's stdio buffer. 0, or LEDE_EIO naming the first sink that failed
 * (errno kept: EPIPE for a closed pipe). */
static int sinks_flush(lede__pipeline *p, lede_error *err)
{
    int first_rc = 0;
    for (int i = 0; i < p->n_sinks; i++) {
        pipe_sink *s = &p->sinks[i];
        if (s->fp && fflush(s->fp) != 0 && !first_rc) {
            int e = errno;
            first_rc =
                lede_error_set(err, LEDE_EIO, "cannot write to %s: %s",
                               strcmp(s->path, "-") ? s->path : "standard output", strerror(e));
            errno = e;
        }
    }
    return first_rc;
}

int lede__pipeline_flush(lede__pipeline *p, lede_error *err)
{
    /* Before the first document is written nothing is due, and the files stay unopened. */
    return p->sinks_open ? sinks_flush(p, err) : 0;
}

int lede__pipeline_finish(lede__pipeline *p, lede_error *err)
{
    /* A run without documents still writes what create() wrote (a CSV header). */
    int first_rc = sinks_open(p, err);
    for (size_t i = 0; i < p->n; i++) {
        pipe_stage *st = p->stages[i];
        for (int k = 0; st->w && k < p->n_workers; k++) {
            lede_error serr;
            int rc;
            if (!st->w[k].created || !st->desc->finish)
                continue;
            lede_error_clear(&serr);
            st->w[k].ctx.processing = 0;
            rc = st->desc->finish(st->w[k].inst, &st->w[k].ctx, &serr);
            if (rc && !first_rc) {
                first_rc = rc < 0 ? rc : LEDE_ESTAGE;
                lede_error_set(err, first_rc, "stage '%s' at end of input: %s", st->name,
                               serr.message[0] ? serr.message : lede_strerror(rc));
            }
        }
    }
    int rc = sinks_flush(p, first_rc ? NULL : err);
    return first_rc ? first_rc : rc;
}

/* Destroys one stage entry: its instances (each distinct one once), options and names. */
static void stage_free(lede__pipeline *p, pipe_stage *st)
{
    for (int k = 0; st->w && k < p->n_workers; k++)
        if (st->w[k].created && st->desc->destroy)
            st->desc->destroy(st->w[k].inst);
    free(st->w);
    lede__options_free(&st->opts);
    free(st->name);
    free(st->where);
    free(st->overrides);
    free(st);
}

void lede__pipeline_pop(lede__pipeline *p)
{
    if (p->n == 0)
        return;
    pipe_stage *st = p->stages[--p->n];
    for (int i = 0; i < p->n_sinks; i++)
        if (p->sinks[i].owner == st)
            p->sinks[i].owner = NULL; /* the harness may add another stage for it */
    if (p->stdout_owner == st)
        p->stdout_owner = NULL;
    stage_free(p, st);
}

void lede__pipeline_free(lede__pipeline *p)
{
    if (!p)
        return;
    /* Destroy in reverse order of creation. */
    for (size_t i = p->n; i-- > 0;)
        stage_free(p, p->stages[i]);
    free(p->stages);
    for (int i = 0; i < p->n_sinks; i++) {
        if (i > 0 && p->sinks[i].fp)
            fclose(p->sinks[i].fp);
        free(p->sinks[i].path);
        lede_buf_free(&p->sinks[i].before);
    }
    free(p->sinks);
    free(p->config_dir);
    free(p);
}

/* ---- services for stages ---- */

const char *lede_ctx_name(const lede_stage_ctx *ctx)
{
    return ctx->st->name;
}

const char *lede_ctx_config_dir(const lede_stage_ctx *ctx)
{
    return ctx->p->config_dir;
}

int lede_ctx_provided(const lede_stage_ctx *ctx, const char *layer)
{
    for (size_t i = 0; i < ctx->p->n && ctx->p->stages[i] != ctx->st; i++)
        if (provides(ctx->p->stages[i]->desc, layer))
            return 1;
    return 0;
}

/* Whether st is a regular file with this device and inode. */
static int is_file(const struct stat *st, unsigned long long dev, unsigned long long ino)
{
    return S_ISREG(st->st_mode) && (unsigned long long)st->st_dev == dev &&
           (unsigned long long)st->st_ino == ino;
}

/* Whether standard output (sink 0, unless the harness captures it) is redirected to that
 * regular file. */
static int stdout_is(const lede__pipeline *p, unsigned long long dev, unsigned long long ino)
{
    struct stat st;
    return !p->capture && fstat(STDOUT_FILENO, &st) == 0 && is_file(&st, dev, ino);
}

int lede__pipeline_writes_to(lede__pipeline *p, unsigned long long dev, unsigned long long ino)
{
    if (stdout_is(p, dev, ino))
        return 1;
    /* By path, never through s->fp, which a worker may be opening meanwhile. */
    for (int i = 1; i < p->n_sinks; i++) {
        struct stat st;
        if (stat(p->sinks[i].path, &st) == 0 && is_file(&st, dev, ino))
            return 1;
    }
    return 0;
}

/* path with its directory resolved (links, "." and ".."), for a file that may not exist
 * yet; path itself when the directory cannot be resolved. */
static void canonical(const char *path, char *out, size_t size)
{
    const char *slash = strrchr(path, '/');
    char dir[4096], real[4096];
    lede__dir_of(path, dir, sizeof dir);
    if (realpath(dir, real))
        snprintf(out, size, "%s/%s", real, slash ? slash + 1 : path);
    else
        snprintf(out, size, "%s", path);
}

/* Whether two output paths name one file: the same file when both exist (a hard link, a
 * link, "./x" and "x"), else the same place. */
static int same_file(const char *a, const char *b)
{
    struct stat sa, sb;
    if (stat(a, &sa) == 0 && stat(b, &sb) == 0)
        return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
    char ca[8192], cb[8192];
    canonical(a, ca, sizeof ca);
    canonical(b, cb, sizeof cb);
    return strcmp(ca, cb) == 0;
}

/* Gives sink i to the stage of ctx, unless another stage writes it already: two stages'
 * records would interleave in one stream (CSV rows between NDJSON lines). */
static int claim_sink(lede_stage_ctx *ctx, int i, const char *path, int *sink, lede_error *err)
{
    pipe_sink *s = &ctx->p->sinks[i];
    struct stat st;
    /* /dev/null takes any number of writers (a benchmark's > /dev/null among them). */
    int to_null = (i == 0 ? fstat(STDOUT_FILENO, &st) : stat(s->path, &st)) == 0 && is_null(&st);
    if (s->owner && s->owner != ctx->st && !to_null && !(i == 0 && ctx->p->capture))
        return lede_error_set(err, LEDE_EINVAL,
                              "output '%s' is written already by stage '%s'%s%s: give each "
                              "stage its own output",
                              path && *path ? path : "-", s->owner->name,
                              *s->owner->where ? " at " : "", s->owner->where);
    s->owner = ctx->st;
    *sink = i;
    return 0;
}

int lede_ctx_open_output(lede_stage_ctx *ctx, const char *path, int *sink, lede_error *err)
{
    lede__pipeline *p = ctx->p;
    pipe_sink *s;

    if (!path || !*path || strcmp(path, "-") == 0)
        return claim_sink(ctx, 0, path, sink, err);
    /* One file named twice (./x and x, a link, standard output redirected to it) is one
     * sink: two would each truncate it and overwrite each other's bytes. */
    struct stat ps, so;
    if (stat(path, &ps) == 0 &&
        (stdout_is(p, ps.st_dev, ps.st_ino) ||
         /* /dev/stdout, /proc/self/fd/1: standard output by another name, a pipe or a tty
          * as much as a file */
         (!p->capture && fstat(STDOUT_FILENO, &so) == 0 && !S_ISREG(so.st_mode) &&
          so.st_dev == ps.st_dev && so.st_ino == ps.st_ino)))
        return claim_sink(ctx, 0, path, sink, err);
    for (int i = 1; i < p->n_sinks; i++)
        if (strcmp(p->sinks[i].path, path) == 0 || same_file(p->sinks[i].path, path))
            return claim_sink(ctx, i, path, sink, err);
    s = realloc(p->sinks, (size_t)(p->n_sinks + 1) * sizeof *s);
    if (!s)
        return lede_error_set(err, LEDE_ENOMEM, "out of memory");
    p->sinks = s;
    s = &p->sinks[p->n_sinks];
    memset(s, 0, sizeof *s);
    lede_buf_init(&s->before, 0);
    if (writable(path, err) != 0)
        return LEDE_EIO;
    if (!(s->path = strdup(path)))
        return lede_error_set(err, LEDE_ENOMEM, "out of memory");
    s->owner = ctx->st;
    *sink = p->n_sinks++;
    return 0;
}

void lede__pipeline_output_warnings(const lede__pipeline *p, FILE *fp)
{
    size_t last = 0, any = 0;
    /* A writer opened an output, or renders records (it may write standard output without
     * opening it: lede_doc_output(doc, 0)). */
    for (size_t i = 0; i < p->n; i++) {
        int writes = (p->stages[i]->desc->flags & LEDE_STAGE_RENDERS_ERRORS) != 0;
        for (int k = 0; !writes && k < p->n_sinks; k++)
            writes = p->sinks[k].owner == p->stages[i];
        if (writes) {
            any = 1;
            last = i;
        }
    }
    if (!any) {
        fprintf(fp, "lede: warning: no stage of the pipeline writes output (none opened one): "
                    "end it with an exporter, e.g. '! exporter format=ndjson'\n");
        return;
    }
    for (size_t i = last + 1; i < p->n; i++)
        fprintf(fp,
                "lede: warning: %s%sstage '%s' comes after the last stage that writes output "
                "('%s'): what it adds is not written\n",
                p->stages[i]->where, *p->stages[i]->where ? ": " : "", p->stages[i]->name,
                p->stages[last]->name);
}

int lede_ctx_write(lede_stage_ctx *ctx, int sink, const char *data, size_t len, lede_error *err)
{
    if (sink < 0 || sink >= ctx->p->n_sinks)
        return lede_error_set(err, LEDE_EINVAL, "stage '%s': no output sink %d", ctx->st->name,
                              sink);
    /* A document's output goes through lede_doc_output, in input order: from process()
     * (whichever worker, or a forked one) a direct write would land out of order or nowhere. */
    if (ctx->processing)
        return lede_error_set(err, LEDE_EINVAL,
                              "lede_ctx_write is for create() and finish(); a document's output "
                              "goes to lede_doc_output");
    /* Headers and trailers are written once per stream, by worker 0's instance. */
    if (ctx->worker > 0)
        return 0;
    return sink_write(ctx->p, sink, data, len, err);
}
