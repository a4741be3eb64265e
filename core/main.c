/*
 * main.c -- the `lede` command line: run, check, stages, inspect.
 *
 * Exit status: 0 when every document succeeded, 1 when some failed (or output could
 * not be written), 2 for a usage or configuration error, detected before any input is
 * read. Everything the user asked for goes to stdout (or the exporter's file);
 * diagnostics go to stderr.
 */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lede_config.h"

#define EXIT_FAILED_DOCS 1
#define EXIT_USAGE 2

static const char usage_text[] =
    "usage: lede run (-c CONFIG | -p PIPELINE) [options] [INPUT...]\n"
    "       lede check (-c CONFIG | -p PIPELINE) [-o STAGE.OPTION=VALUE]...\n"
    "       lede stages\n"
    "       lede inspect STAGE\n"
    "       lede --help | --version\n"
    "\n"
    "Runs news articles through a pipeline of stages named in a libconfig file.\n"
    "\n"
    "INPUT is a file, a directory (walked recursively, *.txt, or *.ndjson/*.jsonl with\n"
    "--input ndjson) or - for standard input (the default when no INPUT is given).\n"
    "\n"
    "options:\n"
    "  -c, --config FILE       the pipeline config (see configs/default.cfg)\n"
    "  -p, --pipeline SPEC     an inline pipeline: 'tokenizer ! quotes ! exporter format=csv'\n"
    "  -o, --set S.OPT=VALUE   override an option of stage (or stage name) S; repeatable\n"
    "  -i, --input FORMAT      text (a file is a document) or ndjson (a line is a document:\n"
    "                          {\"id\": ..., \"text\": ..., other fields kept as metadata})\n"
    "      --ext LIST          file suffixes taken from directories, e.g. .txt,.text\n"
    "      --max-doc-bytes N   per-document size limit (default 64 MiB); larger ones fail\n"
    "  -j, --workers N         worker threads, each with its own stage instances (default 1)\n"
    "      --isolate           run the stages in worker processes: a document whose stage\n"
    "                          crashes or hangs becomes an error record, the run goes on\n"
    "      --timeout SECONDS   with --isolate, the per-document time limit (default 30)\n"
    "      --stats             per-stage time, documents/s and MB/s on stderr at the end\n"
    "  -h, --help              this text\n"
    "  -V, --version           version and stage ABI\n"
    "\n"
    "Stages are found in the config's plugin_path, then $LEDE_PLUGIN_PATH (colon-\n"
    "separated), then the stage directory beside this executable. `lede stages` lists them.\n"
    "Exit status: 0 all documents succeeded, 1 some failed, 2 usage or configuration error.\n";

static int usage_error(const char *fmt, const char *arg)
{
    fprintf(stderr, "lede: ");
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "\nTry 'lede --help'.\n");
    return EXIT_USAGE;
}

typedef struct cli {
    const char *config, *pipeline;
    const char **overrides;
    size_t n_overrides;
    int stats;
    int workers;
    int isolate, timeout_given;
    double timeout;
    lede__settings set;
    char *const *inputs;
    size_t n_inputs;
    int input_given, ext_given, max_given;
    char input[16], ext[256];
    size_t max_doc;
} cli;

static int parse_args(int argc, char **argv, cli *c)
{
    static const struct option longs[] = {
        {"config", required_argument, NULL, 'c'},  {"pipeline", required_argument, NULL, 'p'},
        {"set", required_argument, NULL, 'o'},     {"input", required_argument, NULL, 'i'},
        {"ext", required_argument, NULL, 'e'},     {"max-doc-bytes", required_argument, NULL, 'm'},
        {"workers", required_argument, NULL, 'j'}, {"stats", no_argument, NULL, 's'},
        {"isolate", no_argument, NULL, 'I'},       {"timeout", required_argument, NULL, 'T'},
        {"help", no_argument, NULL, 'h'},          {NULL, 0, NULL, 0}};
    int ch;
    char *end;

    optind = 1;
    while ((ch = getopt_long(argc, argv, "c:p:o:i:j:h", longs, NULL)) != -1) {
        switch (ch) {
        case 'c':
            c->config = optarg;
            break;
        case 'p':
            c->pipeline = optarg;
            break;
        case 'o': {
            const char **o = realloc(c->overrides, (c->n_overrides + 1) * sizeof *o);
            if (!o) return usage_error("%s", "out of memory");
            c->overrides = o;
            o[c->n_overrides++] = optarg;
            break;
        }
        case 'i':
            if (strcmp(optarg, "text") && strcmp(optarg, "ndjson"))
                return usage_error("--input must be text or ndjson, not '%s'", optarg);
            snprintf(c->input, sizeof c->input, "%s", optarg);
            c->input_given = 1;
            break;
        case 'e':
            snprintf(c->ext, sizeof c->ext, "%s", optarg);
            c->ext_given = 1;
            break;
        case 'm':
            errno = 0;
            c->max_doc = strtoull(optarg, &end, 10);
            if (errno || *end || c->max_doc == 0 || c->max_doc > 0xFFFFFFFEULL)
                return usage_error(
                    "--max-doc-bytes must be an integer in [1, 4294967294], not '%s'", optarg);
            c->max_given = 1;
            break;
        case 'j':
            c->workers = (int)strtol(optarg, &end, 10);
            if (*end || c->workers < 1 || c->workers > 256)
                return usage_error("--workers must be an integer in [1, 256], not '%s'", optarg);
            break;
        case 's':
            c->stats = 1;
            break;
        case 'I':
            c->isolate = 1;
            break;
        case 'T':
            errno = 0;
            c->timeout = strtod(optarg, &end);
            if (errno || *end || end == optarg || c->timeout < 0 || c->timeout > 86400)
                return usage_error("--timeout must be a number of seconds in [0, 86400], not '%s'",
                                   optarg);
            c->timeout_given = 1;
            break;
        case 'h':
            fputs(usage_text, stdout);
            exit(0);
        default:
            return EXIT_USAGE;
        }
    }
    if (!c->config && !c->pipeline)
        return usage_error("%s", "no pipeline: give -c CONFIG or -p 'tokenizer ! exporter'");
    if (c->config && c->pipeline)
        return usage_error("%s", "give either -c CONFIG or -p PIPELINE, not both");
    c->inputs = argv + optind;
    c->n_inputs = (size_t)(argc - optind);
    return 0;
}

/* Builds, validates and creates the pipeline. Returns 0 or an exit status. */
static int build(cli *c, lede__loader **ld, lede__pipeline **p)
{
    lede_error err;
    int rc;

    lede_error_clear(&err);
    lede__settings_init(&c->set);
    if ((rc = lede__loader_new(ld, &err))) goto fail;
    if (c->config)
        rc = lede__config_load(c->config, *ld, &c->set, p, &err);
    else
        rc = lede__pipeline_parse_inline(c->pipeline, *ld, p, &err);
    if (rc) goto fail;
    for (size_t i = 0; i < c->n_overrides; i++)
        if ((rc = lede__pipeline_override(*p, c->overrides[i], &err))) goto fail;
    if (c->input_given) snprintf(c->set.input, sizeof c->set.input, "%s", c->input);
    if (c->ext_given) snprintf(c->set.extensions, sizeof c->set.extensions, "%s", c->ext);
    if (c->max_given) c->set.max_doc_bytes = c->max_doc;
    if (c->workers) c->set.workers = c->workers;
    if (c->isolate) c->set.isolate = 1;
    if (c->timeout_given) c->set.doc_timeout = c->timeout;
    if ((rc = lede__pipeline_check(*p, &err)) ||
        /* Isolated, each worker process runs a forked copy of one chain. */
        (rc = lede__pipeline_set_workers(*p, c->set.isolate ? 1 : c->set.workers, &err)) ||
        (rc = lede__pipeline_start(*p, &err)))
        goto fail;
    return 0;
fail:
    fprintf(stderr, "lede: %s\n", err.message[0] ? err.message : lede_strerror(rc));
    return EXIT_USAGE;
}

static void print_stats(const lede__pipeline *p, const lede__run_stats *s)
{
    double total = 0.0, secs = s->seconds > 0 ? s->seconds : 1e-9;
    for (size_t i = 0; i < lede__pipeline_count(p); i++)
        total += lede__pipeline_stage_seconds(p, i, NULL);
    fprintf(stderr,
            "lede: %llu documents (%llu failed), %.1f MB in %.3f s: %.0f documents/s, "
            "%.1f MB/s\n",
            s->docs, s->failed, (double)s->bytes / 1e6, s->seconds, (double)s->docs / secs,
            (double)s->bytes / 1e6 / secs);
    for (size_t i = 0; i < lede__pipeline_count(p); i++) {
        const char *name;
        double t = lede__pipeline_stage_seconds(p, i, &name);
        fprintf(stderr, "lede:   %-16s %8.3f s  %5.1f%% of stage time\n", name, t,
                total > 0 ? 100.0 * t / total : 0.0);
    }
}

static int cmd_run(int argc, char **argv, int check_only)
{
    cli c;
    lede__loader *ld = NULL;
    lede__pipeline *p = NULL;
    lede__reader *r = NULL;
    lede__run_stats stats;
    lede_error err;
    int status;
    static char *const stdin_only[] = {"-", NULL};

    memset(&c, 0, sizeof c);
    if ((status = parse_args(argc, argv, &c))) goto out;
    if ((status = build(&c, &ld, &p))) goto out;
    if (check_only) {
        printf("%s: OK (%zu stage%s)\n", c.config ? c.config : "pipeline", lede__pipeline_count(p),
               lede__pipeline_count(p) == 1 ? "" : "s");
        goto out;
    }
    if (c.n_inputs == 0) {
        if (isatty(0)) {
            status = usage_error("%s", "no INPUT given and standard input is a terminal");
            goto out;
        }
        c.inputs = stdin_only;
        c.n_inputs = 1;
    }
    lede_error_clear(&err);
    if (lede__reader_new(&r, c.inputs, c.n_inputs, &c.set, &err)) {
        fprintf(stderr, "lede: %s\n", err.message);
        status = EXIT_FAILED_DOCS;
        goto out;
    }
    int rc = c.set.isolate ? lede__run_isolated(p, r, &c.set, &stats, &err)
                           : lede__run(p, r, &c.set, &stats, &err);
    int epipe = stats.broken_pipe || (rc && errno == EPIPE);
    if (!rc && !epipe) {
        rc = lede__pipeline_finish(p, &err);
        epipe = rc && errno == EPIPE;
    }
    if (rc && !epipe) fprintf(stderr, "lede: %s\n", err.message);
    if (c.stats) print_stats(p, &stats);
    status = (rc && !epipe) || stats.failed ? EXIT_FAILED_DOCS : 0;
out:
    lede__reader_free(r);
    lede__pipeline_free(p);
    lede__loader_free(ld);
    free(c.overrides);
    return status;
}

static void list_layers(const char *label, const char *const *layers)
{
    printf("%s", label);
    if (!layers || !*layers) printf("(nothing)");
    for (const char *const *l = layers; l && *l; l++)
        printf("%s%s", l == layers ? "" : ", ", *l);
    printf("\n");
}

static void visit_stage(void *arg, const char *path, const lede__module *m, int shadowed,
                        const lede_error *err)
{
    int *count = arg;
    if (!m) {
        printf("  %-12s  (broken) %s\n", "?", err->message);
        return;
    }
    (*count)++;
    printf("  %-12s %-8s %s%s\n      %s\n", m->desc->name, m->desc->version ? m->desc->version : "",
           m->desc->description ? m->desc->description : "",
           shadowed ? " [shadowed by an earlier directory]" : "", path);
}

static int cmd_stages(void)
{
    lede__loader *ld;
    lede_error err;
    int count = 0;

    if (lede__loader_new(&ld, &err)) {
        fprintf(stderr, "lede: %s\n", err.message);
        return EXIT_USAGE;
    }
    printf("search path:\n");
    for (const char *const *d = lede__loader_dirs(ld); *d; d++)
        printf("  %s\n", *d);
    printf("stages:\n");
    lede__loader_list(ld, visit_stage, &count);
    if (count == 0) printf("  (none found)\n");
    lede__loader_free(ld);
    return 0;
}

static const char *opt_type(lede_option_type t)
{
    static const char *const names[] = {"bool", "int", "float", "string", "enum"};
    return (unsigned)t < 5 ? names[t] : "?";
}

static int cmd_inspect(int argc, char **argv)
{
    lede__loader *ld;
    const lede__module *m;
    lede_error err;

    if (argc != 2) return usage_error("%s", "usage: lede inspect STAGE");
    if (lede__loader_new(&ld, &err) || lede__loader_load(ld, argv[1], &m, &err)) {
        fprintf(stderr, "lede: %s\n", err.message);
        return EXIT_USAGE;
    }
    const lede_stage_desc *d = m->desc;
    printf("Stage:       %s %s (stage ABI %u)\n", d->name, d->version ? d->version : "",
           (unsigned)d->abi_version);
    printf("Description: %s\n", d->description ? d->description : "");
    printf("File:        %s\n", m->path);
    list_layers("Requires:    ", d->requires);
    list_layers("Provides:    ", d->provides);
    printf("Flags:       %s%s%s\n", d->flags & LEDE_STAGE_RENDERS_ERRORS ? "renders-errors " : "",
           d->flags & LEDE_STAGE_SHAREABLE ? "shareable " : "", d->flags ? "" : "(none)");
    printf("Options:\n");
    if (!d->options || !d->options[0].name) printf("  (none)\n");
    for (const lede_option_desc *o = d->options; o && o->name; o++) {
        printf("  %-18s %-6s default: %s", o->name, opt_type(o->type),
               o->default_value ? o->default_value : "(none)");
        if ((o->type == LEDE_OPT_INT || o->type == LEDE_OPT_FLOAT) && o->min <= o->max)
            printf("   range: [%g, %g]", o->min, o->max);
        if (o->type == LEDE_OPT_ENUM && o->choices) {
            printf("   choices:");
            for (const char *const *c = o->choices; *c; c++)
                printf(" %s", *c);
        }
        printf("\n      %s\n", o->help ? o->help : "");
    }
    /* A ready config entry with every default written out. */
    printf("Config entry with the defaults:\n  { stage = \"%s\";", d->name);
    for (const lede_option_desc *o = d->options; o && o->name; o++) {
        if (!o->default_value) continue;
        int quoted = o->type == LEDE_OPT_STRING || o->type == LEDE_OPT_ENUM;
        printf(" %s = %s%s%s;", o->name, quoted ? "\"" : "", o->default_value, quoted ? "\"" : "");
    }
    printf(" }\n");
    lede__loader_free(ld);
    return 0;
}

int main(int argc, char **argv)
{
    /* A closed pipe must end the run quietly, not kill it mid-record. */
    signal(SIGPIPE, SIG_IGN);
    static char stdout_buf[1 << 16];
    setvbuf(stdout, stdout_buf, _IOFBF, sizeof stdout_buf);

    if (argc < 2) return usage_error("%s", "missing command (run, check, stages, inspect)");
    const char *cmd = argv[1];
    if (!strcmp(cmd, "--help") || !strcmp(cmd, "-h") || !strcmp(cmd, "help")) {
        fputs(usage_text, stdout);
        return 0;
    }
    if (!strcmp(cmd, "--version") || !strcmp(cmd, "-V")) {
        printf("lede %s (stage ABI %d)\n", LEDE_VERSION_STRING, LEDE_ABI_VERSION);
        return 0;
    }
    if (!strcmp(cmd, "run")) return cmd_run(argc - 1, argv + 1, 0);
    if (!strcmp(cmd, "check")) return cmd_run(argc - 1, argv + 1, 1);
    if (!strcmp(cmd, "stages")) return cmd_stages();
    if (!strcmp(cmd, "inspect")) return cmd_inspect(argc - 1, argv + 1);
    if (cmd[0] == '-') return cmd_run(argc, argv, 0); /* `lede -c CONFIG FILE` means run */
    return usage_error("unknown command '%s' (run, check, stages, inspect)", cmd);
}
