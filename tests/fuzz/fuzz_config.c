/*
 * fuzz_config.c -- libFuzzer target: the config loader (core/config.c over libconfig).
 *
 * The input is written to a config file in a private scratch directory and loaded as
 * `lede run -c` would: settings, plugin_path, stage lookup by name, every stage option
 * validated and every stage created (lede__pipeline_check). The built-in stages are
 * found beside the fuzzer binary, as the CLI finds them.
 *
 * Inputs containing '/' are skipped: a config names files (plugin_path, a stage by path,
 * an exporter output, @include), and an absolute or ../ path chosen by the fuzzer could
 * dlopen an arbitrary library or overwrite a file outside the scratch directory. Relative
 * names stay inside it. The stages are loaded once at start and kept open, so that each
 * run's loader finds them already mapped (and coverage counters stay registered).
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fuzz.h"
#include "lede_config.h"

static char scratch_dir[64], cfg_path[4096];

/* Removes the scratch directory at exit: it holds only flat files (the config, and any
 * output or include file a fuzzed config named, never with a '/'). Fork mode starts a
 * process per job, so without this each job would leave a directory behind. */
static void remove_scratch(void)
{
    DIR *d = opendir(scratch_dir);
    struct dirent *e;
    char path[4096];

    if (!d)
        return;
    while ((e = readdir(d))) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        snprintf(path, sizeof path, "%s/%s", scratch_dir, e->d_name);
        unlink(path);
    }
    closedir(d);
    if (chdir("/") == 0)
        rmdir(scratch_dir);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    static lede__loader *keep;
    static const char *const stages[] = {"tokenizer", "quotes", "summarizer", "exporter"};
    const lede__module *mod;
    lede_error err;

    (void)argc;
    (void)argv;
    snprintf(scratch_dir, sizeof scratch_dir, "/tmp/lede-fuzz-config-XXXXXX");
    if (!mkdtemp(scratch_dir) || chdir(scratch_dir))
        fz_fail(NULL, "cannot make a scratch directory");
    atexit(remove_scratch);
    snprintf(cfg_path, sizeof cfg_path, "%s/fuzz.cfg", scratch_dir);
    if (lede__loader_new(&keep, &err))
        fz_fail(NULL, "loader: %s", err.message);
    for (size_t i = 0; i < sizeof stages / sizeof stages[0]; i++)
        if (lede__loader_load(keep, stages[i], &mod, &err))
            fz_fail(NULL, "stage %s: %s", stages[i], err.message);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    lede__loader *ld;
    lede__pipeline *p = NULL;
    lede__settings set;
    lede_error err;
    FILE *f;
    int rc;

    if (!cfg_path[0])
        LLVMFuzzerInitialize(NULL, NULL);
    if (memchr(data, '/', size))
        return 0;
    if (!(f = fopen(cfg_path, "wb")))
        fz_fail(NULL, "cannot write %s", cfg_path);
    if (size && fwrite(data, 1, size, f) != size)
        fz_fail(NULL, "cannot write %s", cfg_path);
    fclose(f);

    lede__settings_init(&set);
    if (lede__loader_new(&ld, &err))
        fz_fail(NULL, "loader: %s", err.message);
    lede_error_clear(&err);
    rc = lede__config_load(cfg_path, ld, &set, &p, &err);
    if (!rc)
        rc = lede__pipeline_check(p, &err);
    if (getenv("LEDE_FUZZ_VERBOSE"))
        fprintf(stderr, "config: %d %s\n", rc, rc ? err.message : "loaded");
    if (rc && !err.message[0])
        fz_fail(NULL, "config: failure %d without a message", rc);
    if (!rc && (set.workers < 1 || set.max_doc_bytes < 1 ||
                (strcmp(set.input, "text") && strcmp(set.input, "ndjson"))))
        fz_fail(NULL, "config: accepted settings out of range (workers %d, input '%s')",
                set.workers, set.input);
    lede__pipeline_free(p);
    lede__loader_free(ld);
    return 0;
}
