/*
 * newstage.c -- `lede new-stage NAME [DIR]`: the shortest road from nothing to a stage.
 *
 * It writes a small project that builds out of tree against the installed SDK
 * (find_package(lede)): NAME.c, a working stage with one option that adds a generic layer;
 * test_NAME.c, cmocka tests through the harness; CMakeLists.txt; NAME.cfg, a pipeline
 * tokenizer ! NAME ! exporter; and a README with the commands. The texts are the files of
 * core/templates/, embedded by core/templates/embed.py into newstage_templates.h, with
 * @NAME@ replaced.
 *
 * NAME becomes a file name, a C identifier (NAME_LTX_lede_stage, libltdl's convention)
 * and a layer name, so it must be a C identifier, and not one that would clash: a C
 * keyword, a built-in stage (the loader would find one of the two), a built-in layer or a
 * member of the JSON record. It never overwrites: if any file it would write exists, it
 * writes nothing and says which. Files are opened with "wx" (C11 exclusive create), so a
 * file appearing meanwhile is not clobbered either.
 */
#include <errno.h>
#include <glob.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "newstage.h"
#include "newstage_templates.h"

#define NAME_MAX_LEN 48
#define EXIT_IO 1
#define EXIT_USAGE 2

static const char *const c_keywords[] = {
    "auto",       "break",     "case",           "char",
    "const",      "continue",  "default",        "do",
    "double",     "else",      "enum",           "extern",
    "float",      "for",       "goto",           "if",
    "inline",     "int",       "long",           "register",
    "restrict",   "return",    "short",          "signed",
    "sizeof",     "static",    "struct",         "switch",
    "typedef",    "union",     "unsigned",       "void",
    "volatile",   "while",     "_Alignas",       "_Alignof",
    "_Atomic",    "_Bool",     "_Complex",       "_Generic",
    "_Imaginary", "_Noreturn", "_Static_assert", "_Thread_local",
    "main",       NULL};

/* Names a new stage must not take, and why. */
static const struct {
    const char *name, *why;
} taken[] = {
    {"tokenizer", "a built-in stage"},
    {"quotes", "a built-in stage"},
    {"summarizer", "a built-in stage"},
    {"exporter", "a built-in stage"},
    {"token", "a built-in layer"},
    {"sentence", "a built-in layer"},
    {"paragraph", "a built-in layer"},
    {"quote", "a built-in layer"},
    {"summary", "a built-in layer"},
    {"id", "a member of every JSON record"},
    {"meta", "a member of every JSON record"},
    {"text", "a member of every JSON record"},
    {"sentences", "a member of every JSON record"},
    {"paragraphs", "a member of every JSON record"},
    {"tokens", "a member of every JSON record"},
    {"warnings", "a member of every JSON record"},
    {"error", "a member of every JSON record"},
    {"lede", "the host's own name"},
    /* The project's CMake target is the stage's name, and CMake reserves these. */
    {"all", "a target name CMake reserves"},
    {"clean", "a target name CMake reserves"},
    {"help", "a target name CMake reserves"},
    {"install", "a target name CMake reserves"},
    {"test", "a target name CMake reserves"},
    {"package", "a target name CMake reserves"},
    {"package_source", "a target name CMake reserves"},
    {"edit_cache", "a target name CMake reserves"},
    {"rebuild_cache", "a target name CMake reserves"},
    {"list_install_components", "a target name CMake reserves"},
    {"depend", "a target name CMake reserves"},
};

int lede__new_stage_check_name(const char *name, lede_error *err)
{
    size_t len = name ? strlen(name) : 0;

    if (len == 0)
        return lede_error_set(err, LEDE_EINVAL, "the stage needs a name");
    if (len > NAME_MAX_LEN)
        return lede_error_set(err, LEDE_EINVAL, "stage name '%s' is longer than %d bytes", name,
                              NAME_MAX_LEN);
    for (size_t i = 0; i < len; i++) {
        char c = name[i];
        int ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
                 (i > 0 && c >= '0' && c <= '9');
        if (!ok)
            return lede_error_set(err, LEDE_EINVAL,
                                  "stage name '%s' is not a C identifier (letters, digits and _, "
                                  "not starting with a digit): it names the descriptor "
                                  "%s_LTX_lede_stage",
                                  name, name);
    }
    for (size_t i = 0; c_keywords[i]; i++)
        if (strcmp(name, c_keywords[i]) == 0)
            return lede_error_set(err, LEDE_EINVAL, "stage name '%s' is a C keyword", name);
    for (size_t i = 0; i < sizeof taken / sizeof taken[0]; i++)
        if (strcmp(name, taken[i].name) == 0)
            return lede_error_set(err, LEDE_EINVAL, "stage name '%s' is taken: it is %s", name,
                                  taken[i].why);
    return 0;
}

const char *lede__new_stage_template(size_t i, const char **template_name)
{
    if (i >= sizeof newstage_files / sizeof newstage_files[0])
        return NULL;
    if (template_name)
        *template_name = newstage_files[i].template_name;
    return newstage_files[i].text;
}

/* text with every @NAME@ replaced by name; malloc'ed, NULL when out of memory. */
static char *substitute(const char *text, const char *name)
{
    static const char marker[] = "@NAME@";
    size_t n = 0, name_len = strlen(name), mlen = sizeof marker - 1;
    const char *p;
    char *out, *o;

    for (p = text; (p = strstr(p, marker)); p += mlen)
        n++;
    if (!(out = malloc(strlen(text) + n * name_len + 1)))
        return NULL;
    for (o = out, p = text;;) {
        const char *hit = strstr(p, marker);
        size_t k = hit ? (size_t)(hit - p) : strlen(p);
        memcpy(o, p, k);
        o += k;
        if (!hit)
            break;
        memcpy(o, name, name_len);
        o += name_len;
        p = hit + mlen;
    }
    *o = '\0';
    return out;
}

/* mkdir -p: creates dir and its missing parents. */
static int make_dirs(const char *dir, lede_error *err)
{
    char path[PATH_MAX];
    size_t len = strlen(dir);

    if (len >= sizeof path)
        return lede_error_set(err, LEDE_EINVAL, "path too long: %s", dir);
    memcpy(path, dir, len + 1);
    for (size_t i = 1; i <= len; i++) {
        if (path[i] != '/' && path[i] != '\0')
            continue;
        char saved = path[i];
        path[i] = '\0';
        if (mkdir(path, 0777) != 0 && errno != EEXIST)
            return lede_error_set(err, LEDE_EIO, "cannot create directory %s: %s", path,
                                  strerror(errno));
        path[i] = saved;
    }
    return 0;
}

static int file_path(char *out, size_t size, const char *dir, const char *file_template,
                     const char *name, lede_error *err)
{
    char *file = substitute(file_template, name);
    int n;

    if (!file)
        return lede_error_set(err, LEDE_ENOMEM, "out of memory");
    n = snprintf(out, size, "%s/%s", dir, file);
    free(file);
    if (n < 0 || (size_t)n >= size)
        return lede_error_set(err, LEDE_EINVAL, "path too long: %s", dir);
    return 0;
}

int lede__new_stage_write(const char *name, const char *dir, lede_error *err)
{
    const size_t n_files = sizeof newstage_files / sizeof newstage_files[0];
    char path[PATH_MAX];
    struct stat st;
    int rc;

    if ((rc = lede__new_stage_check_name(name, err)))
        return rc;
    /* Validate everything, then act: nothing is written if any file is in the way. */
    for (size_t i = 0; i < n_files; i++) {
        if ((rc = file_path(path, sizeof path, dir, newstage_files[i].name, name, err)))
            return rc;
        if (stat(path, &st) == 0)
            return lede_error_set(err, LEDE_EINVAL,
                                  "%s already exists: new-stage never overwrites (pick another "
                                  "DIR, or remove it)",
                                  path);
    }
    if ((rc = make_dirs(dir, err)))
        return rc;
    for (size_t i = 0; i < n_files; i++) {
        char *text = substitute(newstage_files[i].text, name);
        FILE *f;
        if (!text)
            return lede_error_set(err, LEDE_ENOMEM, "out of memory");
        if ((rc = file_path(path, sizeof path, dir, newstage_files[i].name, name, err))) {
            free(text);
            return rc;
        }
        if (!(f = fopen(path, "wx"))) {
            rc = lede_error_set(err, errno == EEXIST ? LEDE_EINVAL : LEDE_EIO,
                                "cannot create %s: %s", path, strerror(errno));
            free(text);
            return rc;
        }
        size_t len = strlen(text);
        int bad = fwrite(text, 1, len, f) != len;
        bad |= fclose(f) != 0;
        free(text);
        if (bad)
            return lede_error_set(err, LEDE_EIO, "cannot write %s", path);
    }
    return 0;
}

/* The install prefix of the running lede, when it is installed there with its CMake
 * package (so that the printed CMAKE_PREFIX_PATH is right); else "" . */
static void find_prefix(char *out, size_t size)
{
    char exe[PATH_MAX], pattern[PATH_MAX + 64];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    glob_t g;

    out[0] = '\0';
    if (n <= 0)
        return;
    exe[n] = '\0';
    for (int up = 0; up < 2; up++) { /* <prefix>/bin/lede -> <prefix> */
        char *slash = strrchr(exe, '/');
        if (!slash)
            return;
        *slash = '\0';
    }
    snprintf(pattern, sizeof pattern, "%s/lib*/{,*/}cmake/lede/ledeConfig.cmake", exe);
    if (glob(pattern, GLOB_BRACE | GLOB_NOSORT, NULL, &g) == 0) {
        snprintf(out, size, "%s", exe);
        globfree(&g);
    }
}

static const char usage[] =
    "usage: lede new-stage NAME [DIR]\n"
    "\n"
    "Writes a ready-to-build stage project into DIR (default: ./NAME): NAME.c (a stage with\n"
    "one option that adds a generic layer called NAME), test_NAME.c (cmocka tests through\n"
    "the harness), CMakeLists.txt (find_package(lede)), NAME.cfg (tokenizer ! NAME ! exporter)\n"
    "and README.md. NAME must be a C identifier. Existing files are never overwritten.\n";

int lede__cmd_new_stage(int argc, char **argv)
{
    const char *name, *dir;
    char prefix[PATH_MAX];
    lede_error err;

    if (argc >= 2 && (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help"))) {
        fputs(usage, stdout);
        return 0;
    }
    if (argc < 2 || argc > 3 || argv[1][0] == '-') {
        fprintf(stderr, "lede: %s\n%s", argc < 2 ? "new-stage needs a NAME" : "bad arguments",
                usage);
        return EXIT_USAGE;
    }
    name = argv[1];
    dir = argc == 3 ? argv[2] : name;
    if (lede__new_stage_write(name, dir, &err)) {
        fprintf(stderr, "lede: new-stage: %s\n", err.message);
        return err.code == LEDE_EINVAL ? EXIT_USAGE : EXIT_IO;
    }
    find_prefix(prefix, sizeof prefix);
    printf("wrote %s/: %s.c test_%s.c CMakeLists.txt %s.cfg README.md\n"
           "next:\n"
           "  cd %s\n"
           "  cmake -S . -B build -DCMAKE_PREFIX_PATH=%s\n"
           "  cmake --build build && (cd build && ctest --output-on-failure)\n"
           "  lede run -c %s.cfg ARTICLE.txt\n",
           dir, name, name, name, dir, prefix[0] ? prefix : "<the prefix lede is installed in>",
           name);
    return 0;
}
