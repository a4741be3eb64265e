/*
 * options.c -- stage option values: defaults, validation, text parsing and getters.
 *
 * Every value a stage reads went through here first: the declared type, range and
 * choices are checked before any input is read, so a typo in a config fails fast with
 * the file, line, stage and a "did you mean" instead of surfacing mid-run.
 */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "lede_internal.h"

static const char *type_name(lede_option_type t)
{
    switch (t) {
    case LEDE_OPT_BOOL:
        return "a boolean (true or false)";
    case LEDE_OPT_INT:
        return "an integer";
    case LEDE_OPT_FLOAT:
        return "a number";
    case LEDE_OPT_STRING:
        return "a string";
    case LEDE_OPT_ENUM:
        return "one of the listed choices";
    }
    return "a value";
}

static lede__optval *find(const lede_options *opts, const char *name)
{
    for (size_t i = 0; opts && i < opts->n; i++)
        if (strcmp(opts->vals[i].desc->name, name) == 0)
            return &opts->vals[i];
    return NULL;
}

static int has_range(const lede_option_desc *d)
{
    return d->min <= d->max;
}

/* Writes the allowed choices of an enum option as "a, b, c". */
static void choices_text(const lede_option_desc *d, char *out, size_t size)
{
    size_t used = 0;
    out[0] = '\0';
    for (const char *const *c = d->choices; c && *c && used + 1 < size; c++) {
        int n = snprintf(out + used, size - used, "%s%s", c == d->choices ? "" : ", ", *c);
        if (n < 0)
            break;
        used += (size_t)n;
    }
}

int lede__parse_size(const char *text, unsigned long long *out)
{
    static const char units[] = "kmg";
    const char *u = NULL;
    char *end;
    int shift = 0;

    if (!isdigit((unsigned char)*text))
        return -1;
    errno = 0;
    unsigned long long x = strtoull(text, &end, 10);
    if (*end) {
        u = strchr(units, tolower((unsigned char)*end));
        if (!u || (end[1] && strcasecmp(end + 1, "ib") != 0))
            return -1;
        shift = 10 * (int)(u - units + 1);
    }
    if (errno || x > ULLONG_MAX >> shift)
        return -1;
    *out = x << shift;
    return 0;
}

int lede__parse_doc_bytes(const char *text, size_t *out)
{
    unsigned long long u;
    if (lede__parse_size(text, &u) || u == 0 || u > LEDE_DOC_BYTES_MAX)
        return -1;
    *out = (size_t)u;
    return 0;
}

int lede__option_takes_size(const char *name)
{
    size_t n = strlen(name);
    return n >= 6 && strcmp(name + n - 6, "_bytes") == 0;
}

/* Parses and checks text for option v; on success stores it. */
static int assign(lede__optval *v, const char *stage, const char *where, const char *text,
                  lede_error *err)
{
    const lede_option_desc *d = v->desc;
    const char *w = where ? where : "";
    const char *sep = where && *where ? ": " : "";
    char *end = NULL;

    switch (d->type) {
    case LEDE_OPT_BOOL:
        /* In any case, as libconfig reads TRUE and False in a config file. */
        if (!strcasecmp(text, "true") || !strcmp(text, "1") || !strcasecmp(text, "yes") ||
            !strcasecmp(text, "on"))
            v->i = 1;
        else if (!strcasecmp(text, "false") || !strcmp(text, "0") || !strcasecmp(text, "no") ||
                 !strcasecmp(text, "off"))
            v->i = 0;
        else
            return lede_error_set(err, LEDE_ECONFIG,
                                  "%s%sstage '%s': option '%s' must be %s, not '%s'", w, sep, stage,
                                  d->name, type_name(d->type), text);
        break;
    case LEDE_OPT_INT: {
        int size = lede__option_takes_size(d->name);
        unsigned long long u;
        long long x;
        if (size && lede__parse_size(text, &u) == 0 && u <= LLONG_MAX) {
            x = (long long)u;
        } else {
            errno = 0;
            x = strtoll(text, &end, 10);
            if (errno || end == text || *end)
                return lede_error_set(err, LEDE_ECONFIG,
                                      "%s%sstage '%s': option '%s' must be %s%s, not '%s'", w, sep,
                                      stage, d->name, type_name(d->type),
                                      size ? " or a size such as 4K " LEDE_SIZE_UNITS : "", text);
        }
        if (has_range(d) && (x < d->min || x > d->max)) {
            /* A size with a suffix is named as typed, and in bytes as the range is. */
            int unit = size && !isdigit((unsigned char)text[strlen(text) - 1]);
            return lede_error_set(err, LEDE_ECONFIG,
                                  "%s%sstage '%s': option '%s' = %s%s%lld%s is out of range "
                                  "[%lld, %lld]",
                                  w, sep, stage, d->name, unit ? text : "", unit ? " (" : "", x,
                                  unit ? ")" : "", (long long)d->min, (long long)d->max);
        }
        v->i = x;
        break;
    }
    case LEDE_OPT_FLOAT: {
        errno = 0;
        double x = strtod(text, &end);
        if (errno || end == text || *end || !isfinite(x))
            return lede_error_set(err, LEDE_ECONFIG,
                                  "%s%sstage '%s': option '%s' must be %s, not '%s'", w, sep, stage,
                                  d->name, type_name(d->type), text);
        if (has_range(d) && (x < d->min || x > d->max))
            return lede_error_set(
                err, LEDE_ECONFIG,
                "%s%sstage '%s': option '%s' = %.15g is out of range [%.15g, %.15g]", w, sep, stage,
                d->name, x, d->min, d->max);
        v->d = x;
        break;
    }
    case LEDE_OPT_ENUM: {
        const char *const *c = d->choices;
        while (c && *c && strcmp(*c, text) != 0)
            c++;
        if (!c || !*c) {
            char list[256];
            choices_text(d, list, sizeof list);
            return lede_error_set(err, LEDE_ECONFIG,
                                  "%s%sstage '%s': option '%s' must be one of %s, not '%s'", w, sep,
                                  stage, d->name, list, text);
        }
    }
        /* fall through */
    case LEDE_OPT_STRING: {
        char *s = strdup(text);
        if (!s)
            return lede_error_set(err, LEDE_ENOMEM, "out of memory");
        free(v->s);
        v->s = s;
        break;
    }
    }
    return 0;
}

int lede__options_init(lede_options *opts, const lede_option_desc *decl, const char *stage,
                       lede_error *err)
{
    size_t n = 0;

    opts->vals = NULL;
    opts->n = 0;
    while (decl && decl[n].name)
        n++;
    if (n == 0)
        return 0;
    opts->vals = calloc(n, sizeof *opts->vals);
    if (!opts->vals)
        return lede_error_set(err, LEDE_ENOMEM, "out of memory");
    opts->n = n;
    for (size_t i = 0; i < n; i++) {
        opts->vals[i].desc = &decl[i];
        if (decl[i].default_value) {
            int rc = assign(&opts->vals[i], stage, "", decl[i].default_value, err);
            if (rc) {
                lede_error_prefix(err, "stage '%s' declares a bad default for '%s'", stage,
                                  decl[i].name);
                return rc;
            }
        } else if (decl[i].type == LEDE_OPT_STRING || decl[i].type == LEDE_OPT_ENUM) {
            if (!(opts->vals[i].s = strdup("")))
                return lede_error_set(err, LEDE_ENOMEM, "out of memory");
        }
    }
    return 0;
}

int lede__options_check_decl(const lede_option_desc *decl, const char *stage, lede_error *err)
{
    for (size_t i = 0; decl && decl[i].name; i++) {
        const lede_option_desc *d = &decl[i];
        if (!*d->name)
            return lede_error_set(err, LEDE_EABI, "stage '%s' declares an option without a name",
                                  stage);
        for (size_t j = 0; j < i; j++)
            if (strcmp(decl[j].name, d->name) == 0)
                return lede_error_set(err, LEDE_EABI, "stage '%s' declares option '%s' twice",
                                      stage, d->name);
        if ((unsigned)d->type > (unsigned)LEDE_OPT_ENUM)
            return lede_error_set(err, LEDE_EABI,
                                  "stage '%s' declares option '%s' of unknown type %d", stage,
                                  d->name, (int)d->type);
        if (d->type == LEDE_OPT_ENUM && (!d->choices || !d->choices[0]))
            return lede_error_set(err, LEDE_EABI,
                                  "stage '%s' declares enum option '%s' without choices", stage,
                                  d->name);
    }
    /* Defaults: parsed and range-checked as a config's values are. */
    lede_options o;
    int rc = lede__options_init(&o, decl, stage, err);
    lede__options_free(&o);
    return rc ? LEDE_EABI : 0;
}

int lede__options_check_required(const lede_options *opts, const char *stage, const char *where,
                                 lede_error *err)
{
    for (size_t i = 0; opts && i < opts->n; i++) {
        const lede__optval *v = &opts->vals[i];
        if (!v->desc->default_value && !v->is_set)
            return lede_error_set(err, LEDE_ECONFIG,
                                  "%s%sstage '%s': option '%s' has no default: set it (see `lede "
                                  "inspect %s`)",
                                  where ? where : "", where && *where ? ": " : "", stage,
                                  v->desc->name, stage);
    }
    return 0;
}

void lede__options_free(lede_options *opts)
{
    for (size_t i = 0; opts && i < opts->n; i++)
        free(opts->vals[i].s);
    if (opts) {
        free(opts->vals);
        opts->vals = NULL;
        opts->n = 0;
    }
}

/* Levenshtein distance, case-insensitive; 99 for names too long to be option names. */
size_t lede__edit_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b), row[64];
    if (la >= 63 || lb >= 63)
        return 99;
    for (size_t j = 0; j <= lb; j++)
        row[j] = j;
    for (size_t i = 1; i <= la; i++) {
        size_t prev = row[0];
        row[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t tmp = row[j];
            size_t best =
                prev + (tolower((unsigned char)a[i - 1]) != tolower((unsigned char)b[j - 1]));
            if (row[j] + 1 < best)
                best = row[j] + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
            prev = tmp;
        }
    }
    return row[lb];
}

const lede_option_desc *lede__options_decl(const lede_options *opts, const char *name)
{
    const lede__optval *v = find(opts, name);
    return v ? v->desc : NULL;
}

void lede__suggest_init(lede__suggest *s, const char *name)
{
    s->name = name;
    s->best[0] = '\0';
    s->dist = 99;
}

void lede__suggest_consider(lede__suggest *s, const char *candidate, size_t len)
{
    char cand[sizeof s->best];
    if (len >= sizeof cand)
        return;
    memcpy(cand, candidate, len);
    cand[len] = '\0';
    size_t d = lede__edit_distance(s->name, cand);
    if (d < s->dist) {
        s->dist = d;
        memcpy(s->best, cand, len + 1);
    }
}

const char *lede__suggest_result(const lede__suggest *s)
{
    /* Close enough to be a typo: at most 3 edits, and at most a third of the name. */
    return s->best[0] && s->dist <= 3 && s->dist * 3 <= strlen(s->name) + 2 ? s->best : NULL;
}

int lede__options_set_text(lede_options *opts, const char *stage, const char *where,
                           const char *name, const char *value, lede_error *err)
{
    lede__optval *v = find(opts, name);
    const char *w = where ? where : "";
    const char *sep = where && *where ? ": " : "";

    if (!v) {
        lede__suggest sg;
        lede__suggest_init(&sg, name);
        for (size_t i = 0; i < opts->n; i++)
            lede__suggest_consider(&sg, opts->vals[i].desc->name, strlen(opts->vals[i].desc->name));
        const char *s = lede__suggest_result(&sg);
        if (s)
            return lede_error_set(err, LEDE_ECONFIG,
                                  "%s%sstage '%s': unknown option '%s' (did you mean '%s'?)", w,
                                  sep, stage, name, s);
        return lede_error_set(err, LEDE_ECONFIG,
                              "%s%sstage '%s': unknown option '%s' (see `lede inspect %s`)", w, sep,
                              stage, name, stage);
    }
    int rc = assign(v, stage, where, value, err);
    if (rc == 0)
        v->is_set = 1;
    return rc;
}

/* Reads one token of a "k=v k2=\"v 2\"" list into out; returns the rest or NULL at end. */
static const char *next_pair(const char *p, char *out, size_t size, int *truncated)
{
    size_t o = 0;
    char quote = 0;

    while (*p && isspace((unsigned char)*p))
        p++;
    if (!*p)
        return NULL;
    *truncated = 0;
    while (*p && (quote || !isspace((unsigned char)*p))) {
        if (!quote && (*p == '"' || *p == '\'')) {
            quote = *p++;
            continue;
        }
        if (quote && *p == quote) {
            quote = 0;
            p++;
            continue;
        }
        if (quote && *p == '\\' && p[1])
            p++;
        if (o + 1 < size)
            out[o++] = *p;
        else
            *truncated = 1;
        p++;
    }
    out[o] = '\0';
    return p;
}

int lede__options_parse_list(lede_options *opts, const char *stage, const char *where,
                             const char *list, lede_error *err)
{
    char pair[4096];
    int truncated = 0;
    const char *p = list ? list : "";

    while ((p = next_pair(p, pair, sizeof pair, &truncated))) {
        char *eq = strchr(pair, '=');
        if (truncated)
            return lede_error_set(err, LEDE_ECONFIG, "%s: stage '%s': option value too long", where,
                                  stage);
        if (!eq || eq == pair) {
            /* "format = csv" splits into three words: say why. */
            const char *next = p + strspn(p, " \t");
            int spaced = eq == pair || *next == '=';
            return lede_error_set(err, LEDE_ECONFIG,
                                  "%s: stage '%s': expected OPTION=VALUE, got '%s'%s", where, stage,
                                  pair, spaced ? " (no spaces around '=')" : "");
        }
        *eq = '\0';
        /* A list is one stage's settings, like a config group: each option once. */
        const lede__optval *v = find(opts, pair);
        if (v && v->is_set)
            return lede_error_set(err, LEDE_ECONFIG, "%s: stage '%s': option '%s' is given twice",
                                  where, stage, pair);
        int rc = lede__options_set_text(opts, stage, where, pair, eq + 1, err);
        if (rc)
            return rc;
    }
    return 0;
}

int lede__options_take_name(char *list, char *name, size_t size)
{
    char pair[4096];
    int truncated = 0;
    const char *p = list;

    name[0] = '\0';
    for (;;) {
        while (*p == ' ' || *p == '\t')
            p++;
        const char *start = p;
        if (!(p = next_pair(p, pair, sizeof pair, &truncated)))
            return 0;
        if (strncmp(pair, "name=", 5) == 0) {
            if (!pair[5] || strlen(pair + 5) >= size)
                return LEDE_ECONFIG;
            snprintf(name, size, "%s", pair + 5);
            /* Blank the pair out of the list so option parsing never sees it. */
            memset((char *)start, ' ', (size_t)(p - start));
            return 0;
        }
    }
}

int lede_opt_bool(const lede_options *opts, const char *name)
{
    const lede__optval *v = find(opts, name);
    return v && v->desc->type == LEDE_OPT_BOOL ? (int)v->i : 0;
}

int64_t lede_opt_int(const lede_options *opts, const char *name)
{
    const lede__optval *v = find(opts, name);
    if (!v)
        return 0;
    if (v->desc->type == LEDE_OPT_FLOAT)
        return (int64_t)v->d;
    return v->desc->type == LEDE_OPT_INT || v->desc->type == LEDE_OPT_BOOL ? v->i : 0;
}

double lede_opt_float(const lede_options *opts, const char *name)
{
    const lede__optval *v = find(opts, name);
    if (!v)
        return 0.0;
    if (v->desc->type == LEDE_OPT_INT)
        return (double)v->i;
    return v->desc->type == LEDE_OPT_FLOAT ? v->d : 0.0;
}

const char *lede_opt_str(const lede_options *opts, const char *name)
{
    const lede__optval *v = find(opts, name);
    return v && v->s ? v->s : "";
}

int lede_opt_is_set(const lede_options *opts, const char *name)
{
    const lede__optval *v = find(opts, name);
    return v ? v->is_set : 0;
}
