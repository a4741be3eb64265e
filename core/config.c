/*
 * config.c -- reads a libconfig pipeline file (or an inline pipeline) into a pipeline.
 *
 *   plugin_path = [ "stages" ];          # relative to this file; added to the search path
 *   input = "text";                      # or "ndjson"
 *   pipeline = (
 *     { stage = "tokenizer"; },
 *     { stage = "exporter"; name = "json-out"; format = "json"; output = "-"; }
 *   );
 *
 * Every message names FILE:LINE and, for options, the stage and the option, with a
 * "did you mean" for near misses. Nothing here reads input documents: this runs, and
 * can fail, before the first byte of input is touched.
 */
#include <errno.h>
#include <libconfig.h>
#include <stdlib.h>
#include <string.h>

#include "lede_internal.h"
#include "lede_config.h"

static const char *const top_level_keys[] = {"plugin_path", "input",         "pipeline",
                                             "workers",     "max_doc_bytes", "extensions",
                                             "isolate",     "doc_timeout",   NULL};

void lede__dir_of(const char *path, char *out, size_t size)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        snprintf(out, size, ".");
    else if (slash == path)
        snprintf(out, size, "/");
    else
        snprintf(out, size, "%.*s", (int)(slash - path), path);
}

/* A config value as the text options.c parses, after checking its libconfig type. */
static int setting_text(config_setting_t *s, const lede_option_desc *d, const char *where,
                        const char *stage, char *out, size_t size, lede_error *err)
{
    int type = config_setting_type(s);
    const char *want = NULL;

    switch (d->type) {
    case LEDE_OPT_BOOL:
        if (type == CONFIG_TYPE_BOOL) {
            snprintf(out, size, "%s", config_setting_get_bool(s) ? "true" : "false");
            return 0;
        }
        want = "true or false";
        break;
    case LEDE_OPT_INT:
        if (type == CONFIG_TYPE_INT || type == CONFIG_TYPE_INT64) {
            snprintf(out, size, "%lld", config_setting_get_int64(s));
            return 0;
        }
        /* A size with a suffix is a string: max_sentence_bytes = "4K". */
        if (type == CONFIG_TYPE_STRING && lede__option_takes_size(d->name)) {
            snprintf(out, size, "%.*s", (int)size - 1, config_setting_get_string(s));
            return 0;
        }
        want = lede__option_takes_size(d->name) ? "an integer, or a size such as \"4K\""
                                                : "an integer";
        break;
    case LEDE_OPT_FLOAT:
        if (type == CONFIG_TYPE_INT || type == CONFIG_TYPE_INT64) {
            snprintf(out, size, "%lld", config_setting_get_int64(s));
            return 0;
        }
        if (type == CONFIG_TYPE_FLOAT) {
            snprintf(out, size, "%.17g", config_setting_get_float(s));
            return 0;
        }
        want = "a number";
        break;
    case LEDE_OPT_STRING:
    case LEDE_OPT_ENUM:
        if (type == CONFIG_TYPE_STRING) {
            const char *v = config_setting_get_string(s);
            if (strlen(v) >= size)
                return lede_error_set(err, LEDE_ECONFIG, "%s: stage '%s': option '%s' is too long",
                                      where, stage, d->name);
            snprintf(out, size, "%s", v);
            return 0;
        }
        want = "a string in double quotes";
        break;
    }
    char got[96];
    switch (type) {
    case CONFIG_TYPE_STRING:
        snprintf(got, sizeof got, "the string \"%.60s%s\"", config_setting_get_string(s),
                 strlen(config_setting_get_string(s)) > 60 ? "..." : "");
        break;
    case CONFIG_TYPE_INT:
    case CONFIG_TYPE_INT64:
        snprintf(got, sizeof got, "%lld", config_setting_get_int64(s));
        break;
    case CONFIG_TYPE_FLOAT:
        snprintf(got, sizeof got, "%g", config_setting_get_float(s));
        break;
    case CONFIG_TYPE_BOOL:
        snprintf(got, sizeof got, "%s", config_setting_get_bool(s) ? "true" : "false");
        break;
    default:
        snprintf(got, sizeof got, "%s",
                 type == CONFIG_TYPE_GROUP   ? "a group { ... }"
                 : type == CONFIG_TYPE_ARRAY ? "an array [ ... ]"
                                             : "a list ( ... )");
        break;
    }
    return lede_error_set(err, LEDE_ECONFIG, "%s: stage '%s': option '%s' must be %s, not %s",
                          where, stage, d->name, want, got);
}

static int add_plugin_paths(config_setting_t *s, const char *file, const char *cdir,
                            lede__loader *ld, lede_error *err)
{
    int n = config_setting_is_array(s) || config_setting_is_list(s) ? config_setting_length(s) : 1;
    for (int i = 0; i < n; i++) {
        config_setting_t *e = config_setting_is_scalar(s) ? s : config_setting_get_elem(s, i);
        const char *dir = e ? config_setting_get_string(e) : NULL;
        char full[4200];
        if (!dir)
            return lede_error_set(err, LEDE_ECONFIG,
                                  "%s:%d: plugin_path must be a string or a list of strings", file,
                                  config_setting_source_line(s));
        if (dir[0] == '/')
            snprintf(full, sizeof full, "%s", dir);
        else
            snprintf(full, sizeof full, "%s/%s", cdir, dir);
        if (lede__loader_add_dir(ld, full, err))
            return LEDE_ENOMEM;
    }
    return 0;
}

static int add_stage(config_setting_t *g, const char *file, lede__loader *ld, lede__pipeline *p,
                     lede_error *err)
{
    int line = config_setting_source_line(g);
    char where[4200];
    const char *stage = NULL, *name = NULL;
    const lede__module *mod;
    lede_options *opts;
    int rc;

    snprintf(where, sizeof where, "%s:%d", file, line);
    if (!config_setting_is_group(g))
        return lede_error_set(err, LEDE_ECONFIG,
                              "%s: each pipeline entry must be a group: { stage = \"name\"; ... }",
                              where);
    if (!config_setting_lookup_string(g, "stage", &stage))
        return lede_error_set(err, LEDE_ECONFIG,
                              "%s: pipeline entry has no `stage = \"...\";` naming its stage",
                              where);
    config_setting_t *ns = config_setting_get_member(g, "name");
    if (ns && !(name = config_setting_get_string(ns)))
        return lede_error_set(err, LEDE_ECONFIG, "%s: `name` must be a string", where);
    if ((rc = lede__loader_load(ld, stage, &mod, err))) {
        lede_error_prefix(err, "%s", where);
        return rc;
    }
    if ((rc = lede__pipeline_add(p, mod->desc, name, where, &opts, err)))
        return rc;
    for (int i = 0; i < config_setting_length(g); i++) {
        config_setting_t *s = config_setting_get_elem(g, (unsigned)i);
        const char *key = config_setting_name(s);
        char value[4096], swhere[4200];
        const lede_option_desc *d;

        if (!strcmp(key, "stage") || !strcmp(key, "name"))
            continue;
        snprintf(swhere, sizeof swhere, "%s:%d", file, config_setting_source_line(s));
        if (!(d = lede__options_decl(opts, key)))
            return lede__options_set_text(opts, mod->desc->name, swhere, key, "", err);
        if ((rc = setting_text(s, d, swhere, mod->desc->name, value, sizeof value, err)) ||
            (rc = lede__options_set_text(opts, mod->desc->name, swhere, key, value, err)))
            return rc;
    }
    return 0;
}

/* Whether c may be part of a number literal (digits, letters of hex and suffixes, a
 * decimal point; an exponent's sign is handled by the caller). */
static int literal_char(int c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '.';
}

/* libconfig 1.5 reads an integer without an L suffix into 32 bits and keeps no sign of a
 * wrap (sentences = 4294967298 reads as 2). So the file's text is scanned first: an
 * integer literal outside 32 bits without the suffix is an error naming it and its line.
 * Strings, comments and names (stage2) are skipped; floats (1e10, 3.5) are not integers;
 * files named by @include are scanned too (depth limits a loop of them). Returns 0, or
 * LEDE_ECONFIG with err filled; a file that cannot be read is left to libconfig's own
 * message. */
static int check_wide_integers(const char *file, int depth, lede_error *err)
{
    FILE *f = depth < 10 ? fopen(file, "rb") : NULL;
    if (!f)
        return 0;
    int rc = 0, line = 1, c = getc(f), prev = '\n', in_name = 0;
    while (c != EOF && rc == 0) {
        /* A name starts with a letter or '*' and goes on with those, digits, '_' and '-'. */
        int letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '*';
        in_name = letter || (in_name && ((c >= '0' && c <= '9') || c == '_' || c == '-'));
        if (c == '"') {
            char path[4096];
            size_t n = 0;
            while ((c = getc(f)) != EOF && c != '"') {
                line += c == '\n';
                if (c == '\\' && (c = getc(f)) == '\n')
                    line++;
                if (n + 1 < sizeof path)
                    path[n++] = (char)c;
            }
            path[n] = '\0';
            if (prev == '@') /* @include "path": as libconfig finds it, from here */
                rc = check_wide_integers(path, depth + 1, err);
        } else if (c == '@') {
            char word[16];
            size_t n = 0;
            while ((c = getc(f)) != EOF && c >= 'a' && c <= 'z' && n + 1 < sizeof word)
                word[n++] = (char)c;
            word[n] = '\0';
            while (c == ' ' || c == '\t')
                c = getc(f);
            prev = strcmp(word, "include") == 0 ? '@' : ' ';
            continue;
        } else if (c == '#' || (c == '/' && prev == '/')) {
            while ((c = getc(f)) != EOF && c != '\n')
                ;
            continue;
        } else if (c == '*' && prev == '/') {
            int last = 0;
            while ((c = getc(f)) != EOF && !(last == '*' && c == '/')) {
                line += c == '\n';
                last = c;
            }
            c = ' '; /* the closing '/' opens nothing: "*" "/" "/" is no line comment */
        } else if (c >= '0' && c <= '9' && !in_name && prev != '.') {
            char lit[64];
            size_t n = 0, all = 0;
            int sign = prev == '-', floating = 0;
            while (c != EOF && (literal_char(c) ||
                                ((c == '+' || c == '-') && n > 0 && (lit[n - 1] | 32) == 'e'))) {
                if (n + 1 < sizeof lit)
                    lit[n++] = (char)c;
                floating |= c == '.';
                all++;
                c = getc(f);
            }
            lit[n] = '\0';
            int hex = n > 2 && lit[0] == '0' && (lit[1] | 32) == 'x';
            floating |= !hex && strpbrk(lit, "eE") != NULL;
            prev = '0';
            if (floating || (lit[n - 1] | 32) == 'l')
                continue; /* a float, or 64 bits asked for */
            char *end;
            unsigned long long v = strtoull(hex ? lit + 2 : lit, &end, hex ? 16 : 10);
            /* Digits past the buffer, or past 64 bits: wider than 32 bits all the same. */
            int wide = *end == '\0' && (all > n || v > (sign ? 2147483648ULL : 2147483647ULL));
            if (wide && all > n)
                rc = lede_error_set(err, LEDE_ECONFIG, "%s:%d: %s%s... has %zu digits: too large",
                                    file, line, sign ? "-" : "", lit, all);
            else if (wide)
                rc = lede_error_set(err, LEDE_ECONFIG,
                                    "%s:%d: %s%s does not fit in 32 bits, where libconfig reads "
                                    "integers without a suffix: write %s%sL",
                                    file, line, sign ? "-" : "", lit, sign ? "-" : "", lit);
            continue;
        }
        line += c == '\n';
        prev = c;
        c = getc(f);
    }
    fclose(f);
    return rc;
}

/* config_read_file, past a UTF-8 byte order mark (Windows editors write one), which
 * libconfig reads as a syntax error on line 1. Returns CONFIG_TRUE or CONFIG_FALSE. */
static int read_config(config_t *cfg, const char *file)
{
    FILE *f = fopen(file, "rb");
    unsigned char bom[3];
    int ok;

    if (!f || fread(bom, 1, 3, f) != 3 || memcmp(bom, "\xef\xbb\xbf", 3) != 0) {
        if (f)
            fclose(f);
        return config_read_file(cfg, file);
    }
    ok = config_read(cfg, f);
    fclose(f);
    return ok;
}

/* Line n (from 1) of a file, white space around it trimmed, cut to fit size. Returns
 * whether there was such a non-empty line; out is "" otherwise. */
static int source_line(const char *file, int n, char *out, size_t size)
{
    FILE *f = n > 0 ? fopen(file, "r") : NULL;
    int c, line = 1;
    size_t len = 0;

    out[0] = '\0';
    if (!f)
        return 0;
    while (line < n && (c = getc(f)) != EOF)
        line += c == '\n';
    while ((c = getc(f)) != EOF && c != '\n')
        if (len + 4 < size && (len > 0 || (c != ' ' && c != '\t')))
            out[len++] = (char)c;
        else if (len + 4 == size) {
            memcpy(out + len, "...", 3);
            len += 3;
        }
    fclose(f);
    while (len > 0 && (out[len - 1] == ' ' || out[len - 1] == '\t' || out[len - 1] == '\r'))
        len--;
    out[len] = '\0';
    return len > 0;
}

int lede__config_load(const char *file, lede__loader *ld, lede__settings *set, lede__pipeline **out,
                      lede_error *err)
{
    config_t cfg;
    config_setting_t *root, *pipe, *s;
    char cdir[4096];
    int rc = 0;

    lede__dir_of(file, cdir, sizeof cdir);
    if ((rc = check_wide_integers(file, 0, err)))
        return rc;
    config_init(&cfg);
    if (!read_config(&cfg, file)) {
        if (config_error_type(&cfg) == CONFIG_ERR_FILE_IO) {
            FILE *f = fopen(file, "r"); /* for the reason: libconfig keeps none */
            int e = f ? EIO : errno;
            if (f) {
                /* A directory opens, and fails on the first read (EISDIR). */
                if (getc(f) == EOF && ferror(f))
                    e = errno;
                fclose(f);
            }
            rc = lede_error_set(err, LEDE_ECONFIG, "%s: cannot read config file: %s", file,
                                strerror(e));
        } else {
            /* libconfig says only "syntax error": show the line, and what it usually is. */
            const char *efile = config_error_file(&cfg) ? config_error_file(&cfg) : file;
            char text[128];
            int syntax = strcmp(config_error_text(&cfg), "syntax error") == 0;
            rc = lede_error_set(
                err, LEDE_ECONFIG, "%s:%d: %s%s%s%s", efile, config_error_line(&cfg),
                config_error_text(&cfg),
                source_line(efile, config_error_line(&cfg), text, sizeof text) ? " in: " : "", text,
                syntax ? " (a string without double quotes? a ';' or ',' missing, or a "
                         "',' after the last entry?)"
                       : "");
        }
        config_destroy(&cfg);
        return rc;
    }
    root = config_root_setting(&cfg);
    for (int i = 0; i < config_setting_length(root); i++) {
        s = config_setting_get_elem(root, (unsigned)i);
        const char *key = config_setting_name(s);
        const char *const *k = top_level_keys;
        while (*k && strcmp(*k, key) != 0)
            k++;
        if (!*k) {
            lede__suggest sg;
            lede__suggest_init(&sg, key);
            for (k = top_level_keys; *k; k++)
                lede__suggest_consider(&sg, *k, strlen(*k));
            const char *sug = lede__suggest_result(&sg);
            rc = lede_error_set(err, LEDE_ECONFIG, "%s:%d: unknown setting '%s'%s%s%s", file,
                                config_setting_source_line(s), key, sug ? " (did you mean '" : "",
                                sug ? sug : "", sug ? "'?)" : "");
            goto done;
        }
    }
    if ((s = config_lookup(&cfg, "plugin_path")) && (rc = add_plugin_paths(s, file, cdir, ld, err)))
        goto done;
    if ((s = config_lookup(&cfg, "input"))) {
        const char *v = config_setting_get_string(s);
        if (!v || (strcmp(v, "text") && strcmp(v, "ndjson"))) {
            rc = lede_error_set(err, LEDE_ECONFIG, "%s:%d: input must be \"text\" or \"ndjson\"",
                                file, config_setting_source_line(s));
            goto done;
        }
        snprintf(set->input, sizeof set->input, "%s", v);
    }
    if ((s = config_lookup(&cfg, "workers"))) {
        if (config_setting_type(s) != CONFIG_TYPE_INT || config_setting_get_int(s) < 1 ||
            config_setting_get_int(s) > 256) {
            rc = lede_error_set(err, LEDE_ECONFIG, "%s:%d: workers must be an integer in [1, 256]",
                                file, config_setting_source_line(s));
            goto done;
        }
        set->workers = config_setting_get_int(s);
    }
    if ((s = config_lookup(&cfg, "max_doc_bytes"))) {
        int t = config_setting_type(s);
        long long v = config_setting_get_int64(s);
        size_t n = (size_t)v;
        /* An integer, or a size as a string: "64M". */
        if (t == CONFIG_TYPE_STRING ? lede__parse_doc_bytes(config_setting_get_string(s), &n) != 0
                                    : (t != CONFIG_TYPE_INT && t != CONFIG_TYPE_INT64) || v < 1 ||
                                          (unsigned long long)v > LEDE_DOC_BYTES_MAX) {
            rc = lede_error_set(err, LEDE_ECONFIG,
                                "%s:%d: max_doc_bytes must be an integer in [1, 4294967294], or a "
                                "size such as \"64M\" " LEDE_SIZE_UNITS,
                                file, config_setting_source_line(s));
            goto done;
        }
        set->max_doc_bytes = n;
    }
    if ((s = config_lookup(&cfg, "extensions"))) {
        const char *v = config_setting_get_string(s);
        if (!v) {
            rc = lede_error_set(err, LEDE_ECONFIG,
                                "%s:%d: extensions must be a string such as \".txt,.text\"", file,
                                config_setting_source_line(s));
            goto done;
        }
        snprintf(set->extensions, sizeof set->extensions, "%s", v);
    }
    if ((s = config_lookup(&cfg, "isolate"))) {
        if (config_setting_type(s) != CONFIG_TYPE_BOOL) {
            rc = lede_error_set(err, LEDE_ECONFIG, "%s:%d: isolate must be true or false", file,
                                config_setting_source_line(s));
            goto done;
        }
        set->isolate = config_setting_get_bool(s);
    }
    if ((s = config_lookup(&cfg, "doc_timeout"))) {
        int t = config_setting_type(s);
        double v = t == CONFIG_TYPE_FLOAT ? config_setting_get_float(s)
                                          : (double)config_setting_get_int64(s);
        if ((t != CONFIG_TYPE_FLOAT && t != CONFIG_TYPE_INT && t != CONFIG_TYPE_INT64) || v < 0 ||
            v > 86400) {
            rc = lede_error_set(err, LEDE_ECONFIG,
                                "%s:%d: doc_timeout must be a number of seconds in [0, 86400]",
                                file, config_setting_source_line(s));
            goto done;
        }
        set->doc_timeout = v;
        set->doc_timeout_given = 1;
    }
    pipe = config_lookup(&cfg, "pipeline");
    if (!pipe) {
        rc = lede_error_set(
            err, LEDE_ECONFIG,
            "%s: no pipeline: add `pipeline = ( { stage = \"tokenizer\"; }, ... );`", file);
        goto done;
    }
    if (!config_setting_is_list(pipe) || config_setting_length(pipe) == 0) {
        rc = lede_error_set(err, LEDE_ECONFIG,
                            "%s:%d: %s: write `pipeline = ( { stage = \"tokenizer\"; }, ... );`, a "
                            "list in parentheses of groups in braces",
                            file, config_setting_source_line(pipe),
                            config_setting_is_list(pipe) ? "the pipeline is empty"
                                                         : "pipeline is not a list");
        goto done;
    }
    if ((rc = lede__pipeline_new(out, cdir, err)))
        goto done;
    for (int i = 0; i < config_setting_length(pipe); i++)
        if ((rc = add_stage(config_setting_get_elem(pipe, (unsigned)i), file, ld, *out, err)))
            goto done;
done:
    config_destroy(&cfg);
    return rc;
}

int lede__pipeline_parse_inline(const char *spec, lede__loader *ld, lede__pipeline **out,
                                lede_error *err)
{
    char *copy = strdup(spec), *part, *bang;
    int rc = 0, idx = 0;

    if (!copy)
        return lede_error_set(err, LEDE_ENOMEM, "out of memory");
    if ((rc = lede__pipeline_new(out, ".", err))) {
        free(copy);
        return rc;
    }
    /* Split on every '!' (not strtok: an empty stage between two '!' is an error). */
    for (part = copy; part; part = bang ? bang + 1 : NULL) {
        char where[64], stage[256], name[256];
        const lede__module *mod;
        lede_options *opts;
        size_t n;

        if ((bang = strchr(part, '!')))
            *bang = '\0';
        idx++;
        snprintf(where, sizeof where, "-p stage %d", idx);
        while (*part == ' ' || *part == '\t')
            part++;
        n = strcspn(part, " \t");
        if (n == 0 || n >= sizeof stage) {
            rc = lede_error_set(err, LEDE_ECONFIG,
                                "%s: expected a stage name (as in 'tokenizer ! quotes ! exporter "
                                "format=csv')",
                                where);
            break;
        }
        memcpy(stage, part, n);
        stage[n] = '\0';
        if (lede__options_take_name(part + n, name, sizeof name)) {
            rc = lede_error_set(err, LEDE_ECONFIG, "%s: name= needs a value", where);
            break;
        }
        if ((rc = lede__loader_load(ld, stage, &mod, err))) {
            lede_error_prefix(err, "%s", where);
            break;
        }
        if ((rc = lede__pipeline_add(*out, mod->desc, name[0] ? name : NULL, where, &opts, err)) ||
            (rc = lede__options_parse_list(opts, mod->desc->name, where, part + n, err)))
            break;
    }
    free(copy);
    return rc;
}
