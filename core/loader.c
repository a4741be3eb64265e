/*
 * loader.c -- finds stage shared objects, opens them through libltdl and checks them.
 *
 * Search order: directories added by the caller (the config's plugin_path), then
 * $LEDE_PLUGIN_PATH (colon-separated), then the stage directory beside the running
 * executable (<bindir>/LEDE_REL_STAGEDIR), which is the same relative place in the
 * build tree and in an install prefix, then the one beside liblede itself
 * (<libdir>/lede/stages: what a test program linked to an installed liblede needs). So
 * `lede` and the harness find their own stages with no flags.
 *
 * Two libltdl pitfalls are handled here. lt_dlerror() reports "file not found" when
 * the real cause is a missing dependency or an undefined symbol, and lazy binding turns
 * a missing symbol into a crash at first call. So each stage is first opened with
 * dlopen(RTLD_NOW | RTLD_LOCAL): that resolves every symbol at load time and, on
 * failure, dlerror() names the real reason. The module is then opened through libltdl
 * (which finds the handle already loaded) to look up the <module>_LTX_ symbol.
 */
#define _GNU_SOURCE /* dladdr */
#include <dirent.h>
#include <dlfcn.h>
#include <errno.h>
#include <ltdl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lede_internal.h"

#ifndef LEDE_REL_STAGEDIR
#define LEDE_REL_STAGEDIR "../lib/lede/stages"
#endif

struct lede__loader {
    char **dirs; /* NULL-terminated */
    size_t n_dirs;
    lede__module *mods;
    size_t n_mods, cap_mods;
    int fixed;                     /* the environment and exe dirs have been appended */
    const lt_dlsymlist *preloaded; /* built-in stages of a static build, or NULL */
};

static int add_dir(lede__loader *ld, const char *dir, size_t len)
{
    char **d;
    char *copy;

    if (len == 0)
        return 0;
    for (size_t i = 0; i < ld->n_dirs; i++)
        if (strlen(ld->dirs[i]) == len && strncmp(ld->dirs[i], dir, len) == 0)
            return 0;
    d = realloc(ld->dirs, (ld->n_dirs + 2) * sizeof *d);
    if (!d)
        return LEDE_ENOMEM;
    ld->dirs = d;
    if (!(copy = strndup(dir, len)))
        return LEDE_ENOMEM;
    d[ld->n_dirs++] = copy;
    d[ld->n_dirs] = NULL;
    return 0;
}

int lede__loader_add_dir(lede__loader *ld, const char *dir, lede_error *err)
{
    if (add_dir(ld, dir, strlen(dir)))
        return lede_error_set(err, LEDE_ENOMEM, "out of memory");
    return 0;
}

/* The stage directory beside the running executable, or NULL when unknown. */
static int add_exe_dir(lede__loader *ld)
{
    char exe[4096], path[4200];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    char *slash;

    if (n <= 0)
        return 0;
    exe[n] = '\0';
    if (!(slash = strrchr(exe, '/')))
        return 0;
    *slash = '\0';
    snprintf(path, sizeof path, "%s/%s", exe, LEDE_REL_STAGEDIR);
    /* Present the canonical path in `lede stages` when it exists. */
    char *real = realpath(path, NULL);
    int rc = add_dir(ld, real ? real : path, strlen(real ? real : path));
    free(real);
    return rc;
}

/* The stage directory beside the liblede this code was loaded from, when that is a
 * shared library (in lede-static, liblede is part of the executable: nothing to add). */
static int add_lib_dir(lede__loader *ld)
{
    Dl_info info;
    char path[4200], exe[4096];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);

    if (!dladdr((void *)lede__loader_new, &info) || !info.dli_fname)
        return 0;
    if (n > 0) {
        exe[n] = '\0';
        char *real = realpath(info.dli_fname, NULL);
        int same = real && strcmp(real, exe) == 0;
        free(real);
        if (same)
            return 0;
    }
    snprintf(path, sizeof path, "%s", info.dli_fname);
    char *slash = strrchr(path, '/');
    if (!slash)
        return 0;
    snprintf(slash, sizeof path - (size_t)(slash - path), "/lede/stages");
    char *real = realpath(path, NULL);
    int rc = real ? add_dir(ld, real, strlen(real)) : 0; /* only when it exists */
    free(real);
    return rc;
}

/* Appends $LEDE_PLUGIN_PATH and the exe- and liblede-relative directories. */
static int fix_dirs(lede__loader *ld)
{
    const char *env = getenv("LEDE_PLUGIN_PATH");
    if (ld->fixed)
        return 0;
    ld->fixed = 1;
    while (env && *env) {
        const char *colon = strchr(env, ':');
        size_t len = colon ? (size_t)(colon - env) : strlen(env);
        if (add_dir(ld, env, len))
            return LEDE_ENOMEM;
        env = colon ? colon + 1 : NULL;
    }
    if (add_exe_dir(ld))
        return LEDE_ENOMEM;
    return add_lib_dir(ld);
}

int lede__loader_new(lede__loader **out, lede_error *err)
{
    lede__loader *ld = calloc(1, sizeof *ld);
    if (!ld)
        return lede_error_set(err, LEDE_ENOMEM, "out of memory");
    if (lt_dlinit() != 0) {
        free(ld);
        return lede_error_set(err, LEDE_ELOAD, "cannot initialise libltdl: %s", lt_dlerror());
    }
    *out = ld;
    return 0;
}

const char *lede__loader_dir_note(const char *dir)
{
    struct stat st;
    return stat(dir, &st) == 0 && S_ISDIR(st.st_mode) ? "" : " (no such directory)";
}

const char *const *lede__loader_dirs(const lede__loader *ld)
{
    static const char *const none[] = {NULL};
    if (!ld->fixed)
        fix_dirs((lede__loader *)ld);
    return ld->dirs ? (const char *const *)ld->dirs : none;
}

void lede__loader_free(lede__loader *ld)
{
    if (!ld)
        return;
    for (size_t i = 0; i < ld->n_mods; i++) {
        if (ld->mods[i].handle)
            lt_dlclose((lt_dlhandle)ld->mods[i].handle);
        free(ld->mods[i].path);
    }
    free(ld->mods);
    for (size_t i = 0; i < ld->n_dirs; i++)
        free(ld->dirs[i]);
    free(ld->dirs);
    lt_dlexit();
    free(ld);
}

int lede__loader_preload(lede__loader *ld, const void *symlist, lede_error *err)
{
    if (lt_dlpreload((const lt_dlsymlist *)symlist) != 0)
        return lede_error_set(err, LEDE_ELOAD, "cannot register the built-in stages: %s",
                              lt_dlerror());
    ld->preloaded = symlist;
    return 0;
}

/* Checks desc and records the open module h under path; closes h on failure. */
static int add_module(lede__loader *ld, lt_dlhandle h, const lede_stage_desc *desc,
                      const char *what, const char *path, const lede__module **out, lede_error *err)
{
    int rc;
    lede__module *m;

    if ((rc = lede__desc_check(desc, what, err))) {
        lt_dlclose(h);
        return rc;
    }
    if (ld->n_mods == ld->cap_mods) {
        size_t cap = ld->cap_mods ? ld->cap_mods * 2 : 8;
        m = realloc(ld->mods, cap * sizeof *m);
        if (!m) {
            lt_dlclose(h);
            return lede_error_set(err, LEDE_ENOMEM, "out of memory");
        }
        ld->mods = m;
        ld->cap_mods = cap;
    }
    m = &ld->mods[ld->n_mods];
    if (!(m->path = strdup(path))) {
        lt_dlclose(h);
        return lede_error_set(err, LEDE_ENOMEM, "out of memory");
    }
    m->desc = desc;
    m->handle = h;
    ld->n_mods++;
    *out = m;
    return 0;
}

/* 1 when name is a module of the preloaded table (entries with no address name modules). */
static int is_preloaded(const lede__loader *ld, const char *name)
{
    for (const lt_dlsymlist *s = ld->preloaded; s && s->name; s++)
        if (!s->address && strcmp(s->name, name) == 0 && strcmp(name, "@PROGRAM@") != 0)
            return 1;
    return 0;
}

/* Opens a built-in stage through libltdl's preopen loader. */
static int open_preloaded(lede__loader *ld, const char *name, const lede__module **out,
                          lede_error *err)
{
    lt_dlhandle h;
    const lede_stage_desc *desc;

    for (size_t i = 0; i < ld->n_mods; i++)
        if (ld->mods[i].handle && strcmp(ld->mods[i].desc->name, name) == 0 &&
            strcmp(ld->mods[i].path, "(built-in)") == 0) {
            *out = &ld->mods[i];
            return 0;
        }
    if (!(h = lt_dlopen(name)))
        return lede_error_set(err, LEDE_ELOAD, "cannot open built-in stage '%s': %s", name,
                              lt_dlerror());
    if (!(desc = lt_dlsym(h, LEDE_STAGE_SYMBOL))) {
        lt_dlclose(h);
        return lede_error_set(err, LEDE_ELOAD, "built-in stage '%s' has no descriptor", name);
    }
    return add_module(ld, h, desc, name, "(built-in)", out, err);
}

int lede__desc_check(const lede_stage_desc *desc, const char *path, lede_error *err)
{
    if (desc->abi_version > LEDE_ABI_VERSION)
        return lede_error_set(
            err, LEDE_EABI,
            "%s: stage built for lede stage ABI %u, newer than this host's ABI %d: "
            "upgrade lede or rebuild the stage against this version",
            path, (unsigned)desc->abi_version, LEDE_ABI_VERSION);
    if (desc->abi_version < LEDE_ABI_VERSION_MIN)
        return lede_error_set(err, LEDE_EABI,
                              "%s: stage built for lede stage ABI %u, older than the oldest this "
                              "host supports (%d): rebuild the stage",
                              path, (unsigned)desc->abi_version, LEDE_ABI_VERSION_MIN);
    if (desc->struct_size < sizeof(lede_stage_desc))
        return lede_error_set(err, LEDE_EABI,
                              "%s: stage descriptor is %u bytes, expected %zu for ABI %u: rebuild "
                              "the stage",
                              path, (unsigned)desc->struct_size, sizeof(lede_stage_desc),
                              (unsigned)desc->abi_version);
    if (!desc->name || !*desc->name || !desc->process || !desc->create)
        return lede_error_set(err, LEDE_EABI,
                              "%s: stage descriptor lacks a name, create() or process()", path);
    int rc = lede__options_check_decl(desc->options, desc->name, err);
    if (rc)
        lede_error_prefix(err, "%s", path);
    return rc;
}

/* "tokenizer" from ".../libtokenizer.so" or ".../tokenizer.so". */
static void module_stem(const char *path, char *out, size_t size)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    if (strncmp(base, "lib", 3) == 0 && base[3])
        base += 3;
    snprintf(out, size, "%s", base);
    char *dot = strchr(out, '.');
    if (dot)
        *dot = '\0';
    for (char *c = out; *c; c++)
        if (!((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') || (*c >= '0' && *c <= '9')))
            *c = '_';
}

int lede__loader_open_path(lede__loader *ld, const char *path, const lede__module **out,
                           lede_error *err)
{
    void *probe;
    lt_dlhandle h;
    lt_dladvise advise;
    const lede_stage_desc *desc;
    char stem[256];

    for (size_t i = 0; i < ld->n_mods; i++)
        if (strcmp(ld->mods[i].path, path) == 0) {
            *out = &ld->mods[i];
            return 0;
        }
    if (access(path, R_OK) != 0)
        return lede_error_set(err, LEDE_ELOAD, "%s: cannot read stage file: %s", path,
                              strerror(errno));

    /* Resolve every symbol now, and learn the real reason when that fails. */
    probe = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    if (!probe)
        return lede_error_set(err, LEDE_ELOAD, "cannot load stage %s: %s", path, dlerror());

    if (lt_dladvise_init(&advise) || lt_dladvise_local(&advise)) {
        dlclose(probe);
        return lede_error_set(err, LEDE_ELOAD, "libltdl: %s", lt_dlerror());
    }
    h = lt_dlopenadvise(path, advise);
    lt_dladvise_destroy(&advise);
    if (!h) {
        const char *why = lt_dlerror();
        dlclose(probe);
        return lede_error_set(err, LEDE_ELOAD, "cannot load stage %s: %s", path,
                              why ? why : "unknown libltdl error");
    }

    /* lt_dlsym tries <module>_LTX_lede_stage first, then lede_stage. The module name is
     * derived from the file name; try the "lib"-less stem too for libfoo.so files. */
    desc = lt_dlsym(h, LEDE_STAGE_SYMBOL);
    if (!desc) {
        char sym[320];
        module_stem(path, stem, sizeof stem);
        snprintf(sym, sizeof sym, "%s_LTX_%s", stem, LEDE_STAGE_SYMBOL);
        desc = dlsym(probe, sym);
    }
    dlclose(probe); /* libltdl holds its own reference */
    if (!desc) {
        lt_dlclose(h);
        module_stem(path, stem, sizeof stem);
        return lede_error_set(err, LEDE_ELOAD,
                              "%s is not a lede stage: it exports no descriptor (%s_LTX_%s or %s); "
                              "define one with LEDE_STAGE_DEFINE(%s)",
                              path, stem, LEDE_STAGE_SYMBOL, LEDE_STAGE_SYMBOL, stem);
    }
    return add_module(ld, h, desc, path, path, out, err);
}

/* The known stage name closest to name (files in the search directories and built-ins),
 * or NULL when nothing is close enough to be a typo. */
static const char *suggest_stage(const lede__loader *ld, lede__suggest *sg)
{
    for (const lt_dlsymlist *s = ld->preloaded; s && s->name; s++)
        if (!s->address && strcmp(s->name, "@PROGRAM@") != 0)
            lede__suggest_consider(sg, s->name, strlen(s->name));
    for (size_t i = 0; i < ld->n_dirs; i++) {
        DIR *dir = opendir(ld->dirs[i]);
        struct dirent *e;
        if (!dir)
            continue;
        while ((e = readdir(dir))) {
            size_t n = strlen(e->d_name);
            if (n > 3 && strcmp(e->d_name + n - 3, LEDE_STAGE_EXT) == 0)
                lede__suggest_consider(sg, e->d_name, n - 3);
        }
        closedir(dir);
    }
    return lede__suggest_result(sg);
}

int lede__loader_load(lede__loader *ld, const char *name, const lede__module **out, lede_error *err)
{
    char path[4200];
    struct stat st;
    int rc;

    if (fix_dirs(ld))
        return lede_error_set(err, LEDE_ENOMEM, "out of memory");
    if (strchr(name, '/'))
        return lede__loader_open_path(ld, name, out, err);
    if (is_preloaded(ld, name))
        return open_preloaded(ld, name, out, err);
    for (size_t i = 0; i < ld->n_dirs; i++) {
        snprintf(path, sizeof path, "%s/%s%s", ld->dirs[i], name, LEDE_STAGE_EXT);
        if (stat(path, &st) != 0)
            continue;
        if ((rc = lede__loader_open_path(ld, path, out, err)))
            return rc;
        if (strcmp((*out)->desc->name, name) != 0)
            return lede_error_set(err, LEDE_ELOAD,
                                  "%s: the file is named '%s' but the stage inside calls itself "
                                  "'%s'",
                                  path, name, (*out)->desc->name);
        return 0;
    }
    {
        char searched[2048];
        size_t used = 0;
        searched[0] = '\0';
        for (size_t i = 0; i < ld->n_dirs && used + 1 < sizeof searched; i++) {
            int n = snprintf(searched + used, sizeof searched - used, "%s%s%s", i ? ":" : "",
                             ld->dirs[i], lede__loader_dir_note(ld->dirs[i]));
            if (n < 0)
                break;
            used += (size_t)n;
        }
        char hint[300] = "";
        lede__suggest sg;
        lede__suggest_init(&sg, name);
        const char *near = suggest_stage(ld, &sg);
        if (near)
            snprintf(hint, sizeof hint, " (did you mean '%s'?)", near);
        return lede_error_set(err, LEDE_ENOTFOUND,
                              "no stage named '%s'%s (looked for %s%s in %s); `lede stages` lists "
                              "the stages found, LEDE_PLUGIN_PATH or plugin_path add directories",
                              name, hint, name, LEDE_STAGE_EXT, used ? searched : "no directory");
    }
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

void lede__loader_list(lede__loader *ld, lede__stage_visit fn, void *arg)
{
    char **seen = NULL;
    size_t n_seen = 0;

    fix_dirs(ld);
    for (const lt_dlsymlist *s = ld->preloaded; s && s->name; s++) {
        const lede__module *m = NULL;
        lede_error err;
        char *name;
        if (s->address || !strcmp(s->name, "@PROGRAM@"))
            continue;
        lede_error_clear(&err);
        if (open_preloaded(ld, s->name, &m, &err))
            m = NULL;
        fn(arg, "(built-in)", m, 0, &err);
        char **ns = realloc(seen, (n_seen + 1) * sizeof *ns);
        if (ns && (name = malloc(strlen(s->name) + 4))) {
            sprintf(name, "%s.so", s->name); /* built-ins shadow files of the same name */
            seen = ns;
            seen[n_seen++] = name;
        } else if (ns) {
            seen = ns;
        }
    }
    for (size_t i = 0; i < ld->n_dirs; i++) {
        DIR *d = opendir(ld->dirs[i]);
        struct dirent *e;
        char **names = NULL;
        size_t n = 0;

        if (!d)
            continue;
        while ((e = readdir(d))) {
            size_t len = strlen(e->d_name);
            if (len <= 3 || strcmp(e->d_name + len - 3, LEDE_STAGE_EXT) != 0)
                continue;
            char **nn = realloc(names, (n + 1) * sizeof *nn);
            if (!nn)
                break;
            names = nn;
            if (!(names[n] = strdup(e->d_name)))
                break;
            n++;
        }
        closedir(d);
        qsort(names, n, sizeof *names, cmp_str);
        for (size_t j = 0; j < n; j++) {
            char path[4200];
            const lede__module *m = NULL;
            lede_error err;
            int shadowed = 0;

            for (size_t k = 0; k < n_seen; k++)
                if (strcmp(seen[k], names[j]) == 0)
                    shadowed = 1;
            snprintf(path, sizeof path, "%s/%s", ld->dirs[i], names[j]);
            lede_error_clear(&err);
            if (lede__loader_open_path(ld, path, &m, &err) != 0)
                m = NULL;
            fn(arg, path, m, shadowed, &err);
            if (!shadowed) {
                char **ns = realloc(seen, (n_seen + 1) * sizeof *ns);
                if (ns) {
                    seen = ns;
                    seen[n_seen++] = names[j];
                    names[j] = NULL;
                }
            }
            free(names[j]);
        }
        free(names);
    }
    for (size_t k = 0; k < n_seen; k++)
        free(seen[k]);
    free(seen);
}
