/*
 * test_hostile.c -- the hostile-input suite: the real `lede` binary on broken input.
 *
 * A batch over a million scraped articles meets every kind of broken input. Each test
 * here builds such inputs at run time in a private temporary directory (the big ones are
 * generated, never committed), runs the real binary with configs/default.cfg (or
 * configs/batch-ndjson.cfg for NDJSON) and checks the promises of issue 7:
 *   - the exit status is 0 or 1 (never a crash, never a usage error),
 *   - exactly one output record per input document, in input order (ids in = ids out),
 *   - no sanitizer report on stderr (when the build is sanitized),
 *   - bounded CPU time: nothing quadratic.
 * Time limits are for an optimised build and are multiplied by LEDE_HOSTILE_TIME_SCALE
 * (compile-time default: 1, or 5 in a sanitizer build; the environment variable of the
 * same name overrides it, e.g. 50 under valgrind). LEDE_HOSTILE_BIN names another lede
 * binary to test (a clang sanitizer build, say).
 *
 * The inputs that crashed a fuzzer (tests/fuzz/regressions/) are replayed here through
 * the binary too, as documents and as NDJSON lines.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <dirent.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "test_groups.h"

#ifndef LEDE_HOSTILE_TIME_SCALE
#define LEDE_HOSTILE_TIME_SCALE 1
#endif

#define DEFAULT_CFG LEDE_SOURCE_DIR "/configs/default.cfg"
#define BATCH_CFG LEDE_SOURCE_DIR "/configs/batch-ndjson.cfg"
#define REGRESSIONS LEDE_SOURCE_DIR "/tests/fuzz/regressions"
#define MB ((size_t)1 << 20)

static char tmp[64]; /* the private directory; commands run inside it */

typedef struct result {
    char *out, *err;
    size_t out_len;
    int status;     /* exit status, or 128 + signal */
    double seconds; /* CPU time (user + system) of the whole command and its children */
} result;

static double time_scale(void)
{
    const char *env = getenv("LEDE_HOSTILE_TIME_SCALE");
    double s = env ? atof(env) : 0;
    return s > 0 ? s : LEDE_HOSTILE_TIME_SCALE;
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf;
    long n;
    assert_non_null(f);
    assert_int_equal(fseek(f, 0, SEEK_END), 0);
    n = ftell(f);
    assert_true(n >= 0);
    assert_int_equal(fseek(f, 0, SEEK_SET), 0);
    buf = malloc((size_t)n + 1);
    assert_non_null(buf);
    assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
    buf[n] = '\0';
    fclose(f);
    if (len)
        *len = (size_t)n;
    return buf;
}

/* CPU time, not wall time: the bounds catch quadratic work, and must not fail because the
 * machine is busy with other jobs (ctest -j, fuzzers). */
static double cpu_seconds(const struct rusage *u)
{
    return (double)(u->ru_utime.tv_sec + u->ru_stime.tv_sec) +
           (double)(u->ru_utime.tv_usec + u->ru_stime.tv_usec) / 1e6;
}

/* Runs shell text (written to a script, so it may hold any quoting) inside tmp with $LEDE
 * set; a hard 120 s cap keeps ctest from hanging on a loop. */
static result run(const char *fmt, ...)
{
    char path[512], cmd[1024];
    va_list ap;
    result r;
    struct rusage u0, u1;
    FILE *f;

    snprintf(path, sizeof path, "%s/run.sh", tmp);
    assert_non_null(f = fopen(path, "w"));
    /* LEDE_HOSTILE_BIN runs the suite against another build (e.g. clang + sanitizers). */
    fprintf(f, "LEDE='%s'\n", getenv("LEDE_HOSTILE_BIN") ? getenv("LEDE_HOSTILE_BIN") : LEDE_BIN);
    /* libconfig's own leak on a syntax error is not lede's (tests/fuzz/lsan.supp). */
    fprintf(f, "export LSAN_OPTIONS=\"${LSAN_OPTIONS:-suppressions=%s/tests/fuzz/lsan.supp}\"\n",
            LEDE_SOURCE_DIR);
    va_start(ap, fmt);
    vfprintf(f, fmt, ap);
    va_end(ap);
    fputc('\n', f);
    assert_int_equal(fclose(f), 0);
    snprintf(cmd, sizeof cmd, "cd '%s' && timeout -s KILL 120 sh run.sh >stdout.txt 2>stderr.txt",
             tmp);
    getrusage(RUSAGE_CHILDREN, &u0);
    int st = system(cmd);
    getrusage(RUSAGE_CHILDREN, &u1);
    assert_true(st != -1);
    r.status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
    r.seconds = cpu_seconds(&u1) - cpu_seconds(&u0);
    snprintf(path, sizeof path, "%s/stdout.txt", tmp);
    r.out = slurp(path, &r.out_len);
    snprintf(path, sizeof path, "%s/stderr.txt", tmp);
    r.err = slurp(path, NULL);
    return r;
}

static void done(result *r)
{
    free(r->out);
    free(r->err);
}

/* ---------- input generation ---------- */

static FILE *create(const char *name)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", tmp, name);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    return f;
}

static void write_file(const char *name, const void *data, size_t len)
{
    FILE *f = create(name);
    assert_int_equal(fwrite(data, 1, len, f), len);
    assert_int_equal(fclose(f), 0);
}

/* unit repeated until total bytes (the last copy cut), between head and tail. */
static void write_repeat(const char *name, const char *head, const char *unit, size_t total,
                         const char *tail)
{
    FILE *f = create(name);
    size_t ulen = strlen(unit), n = 0;
    fputs(head, f);
    while (n + ulen <= total) {
        assert_int_equal(fwrite(unit, 1, ulen, f), ulen);
        n += ulen;
    }
    assert_int_equal(fwrite(unit, 1, total - n, f), total - n);
    fputs(tail, f);
    assert_int_equal(fclose(f), 0);
}

/* ---------- output checks ---------- */

/* Splits the output into its JSON records (pretty JSON or NDJSON, concatenated), checks
 * each is an object with a string id and either an error or the annotation layers, and
 * compares the ids, in order, with want (n_want of them). */
static void expect_records(const result *r, const char *const *want, size_t n_want)
{
    size_t pos = 0, n = 0;

    while (pos < r->out_len) {
        json_error_t e;
        json_t *j;
        while (pos < r->out_len && strchr(" \t\r\n", r->out[pos]))
            pos++;
        if (pos == r->out_len)
            break;
        j = json_loadb(r->out + pos, r->out_len - pos, JSON_DISABLE_EOF_CHECK | JSON_ALLOW_NUL, &e);
        if (!j)
            fail_msg("record %zu is not valid JSON (%s) at byte %zu: %.200s", n, e.text, pos,
                     r->out + pos);
        pos += (size_t)e.position;
        const char *id = json_string_value(json_object_get(j, "id"));
        if (!id)
            fail_msg("record %zu has no string id", n);
        if (n >= n_want)
            fail_msg("record %zu (id '%s') is one too many", n, id);
        if (strcmp(id, want[n]) != 0)
            fail_msg("record %zu has id '%s', expected '%s'", n, id, want[n]);
        if (!json_is_object(json_object_get(j, "error")) &&
            !json_is_array(json_object_get(j, "sentences")))
            fail_msg("record '%s' has neither an error nor sentences", id);
        json_decref(j);
        n++;
    }
    if (n != n_want)
        fail_msg("%zu records for %zu documents", n, n_want);
}

/* Exit status 0 or 1, no sanitizer report, within limit seconds (times the scale). */
static void expect_sane(const result *r, double limit, const char *what)
{
    if (r->status != 0 && r->status != 1)
        fail_msg("%s: exit status %d; stderr: %.500s", what, r->status, r->err);
    if (strstr(r->err, "Sanitizer") || strstr(r->err, "runtime error:"))
        fail_msg("%s: sanitizer report: %.2000s", what, r->err);
    printf("    %s: %.2f s CPU, exit %d\n", what, r->seconds, r->status);
    if (r->seconds > limit * time_scale())
        fail_msg("%s took %.2f s of CPU, over the %.2f s bound", what, r->seconds,
                 limit * time_scale());
}

/* The error message of the record with this id (NULL when it succeeded). */
static const char *error_of(const result *r, const char *id, char *buf, size_t size)
{
    char key[300];
    const char *p;
    snprintf(key, sizeof key, "\"id\":\"%s\",\"error\"", id);
    if (!(p = strstr(r->out, key)))
        return NULL;
    snprintf(buf, size, "%s", p + strlen(key));
    return buf;
}

/* ---------- fixtures ---------- */

static int setup(void **state)
{
    (void)state;
    snprintf(tmp, sizeof tmp, "/tmp/lede-hostile-XXXXXX");
    return mkdtemp(tmp) ? 0 : -1;
}

static int teardown(void **state)
{
    char cmd[128];
    (void)state;
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmp);
    return system(cmd) == 0 ? 0 : -1;
}

/* ---------- text documents ---------- */

static void test_invalid_utf8_of_every_kind_is_replaced_one_record_each(void **state)
{
    static const char overlong[] = "An overlong slash \xc0\xaf and NUL \xe0\x80\x80 here.";
    static const char surrogate[] = "A surrogate \xed\xa0\x80\xed\xbf\xbf pair, encoded.";
    static const char range[] = "Past U+10FFFF \xf4\x90\x80\x80 and \xf8\x88\x80\x80\x80 and \xff.";
    static const char cut[] = "A cut sequence at the end \xe2\x80";
    static const char *const ids[] = {"overlong.txt", "surrogate.txt", "range.txt", "cut.txt"};
    (void)state;
    write_file(ids[0], overlong, sizeof overlong - 1);
    write_file(ids[1], surrogate, sizeof surrogate - 1);
    write_file(ids[2], range, sizeof range - 1);
    write_file(ids[3], cut, sizeof cut - 1);
    result r = run("$LEDE run -c " DEFAULT_CFG " overlong.txt surrogate.txt range.txt cut.txt");
    expect_sane(&r, 2, "invalid UTF-8");
    assert_int_equal(r.status, 0);
    expect_records(&r, ids, 4);
    for (int i = 0; i < 4; i++) {
        char want[128];
        snprintf(want, sizeof want, "document \"%s\": invalid UTF-8", ids[i]);
        if (!strstr(r.err, want))
            fail_msg("no warning for %s: %.400s", ids[i], r.err);
    }
    done(&r);
}

static void test_nul_bytes_are_text_not_the_end_of_the_document(void **state)
{
    static const char text[] = "Before\0after. \"Quoted\0text,\" he said. The end.";
    static const char *const ids[] = {"nul.txt"};
    (void)state;
    write_file("nul.txt", text, sizeof text - 1);
    result r = run("$LEDE run -c " DEFAULT_CFG " nul.txt");
    expect_sane(&r, 2, "NUL bytes");
    assert_int_equal(r.status, 0);
    expect_records(&r, ids, 1);
    assert_non_null(strstr(r.out, "The end.")); /* the text after the NULs was read */
    assert_non_null(strstr(r.out, "Before\\u0000after."));
    done(&r);
}

static void test_a_single_20_MB_line_is_one_document_in_linear_time(void **state)
{
    static const char *const ids[] = {"line.txt"};
    (void)state;
    write_repeat("line.txt", "", "The president said that the talks were productive and ", 20 * MB,
                 "");
    result r = run("$LEDE run -c " DEFAULT_CFG " line.txt");
    expect_sane(&r, 5, "a 20 MB line");
    assert_int_equal(r.status, 0);
    expect_records(&r, ids, 1);
    done(&r);
}

static void test_8_MB_without_a_space_is_one_document(void **state)
{
    static const char *const ids[] = {"word.txt", "dots.txt"};
    (void)state;
    write_repeat("word.txt", "", "a", 8 * MB, "");
    write_repeat("dots.txt", "", "U.S.", 8 * MB, "");
    result r = run("$LEDE run -c " DEFAULT_CFG " word.txt dots.txt");
    expect_sane(&r, 5, "8 MB without a space");
    assert_int_equal(r.status, 0);
    expect_records(&r, ids, 2);
    done(&r);
}

static void test_100000_quotation_marks_take_bounded_time(void **state)
{
    static const char *const ids[] = {"straight.txt", "mixed.txt", "open.txt"};
    (void)state;
    write_repeat("straight.txt", "", "\"", 100000, "");
    /* 100,000 marks of every kind, each pair around a word, some unbalanced. */
    /* Marks of every kind around words, some never closed: 8 marks per 30-byte unit. */
    write_repeat("mixed.txt", "He said ",
                 "\"a\" \xe2\x80\x9c"
                 "b\xe2\x80\x9d \xe2\x80\x98"
                 "c\xe2\x80\x99 \xc2\xab"
                 "d "
                 "\xe2\x80\x9c"
                 "e, ",
                 100000 / 8 * 30, " today.");
    /* 100,000 opening marks and not one closing mark. */
    write_repeat("open.txt", "", "\xe2\x80\x9cWe will, ", 100000 * 12, "");
    result r = run("$LEDE run -c " DEFAULT_CFG " straight.txt mixed.txt open.txt");
    expect_sane(&r, 3, "100,000 quotation marks");
    assert_int_equal(r.status, 0);
    expect_records(&r, ids, 3);
    done(&r);
}

static void test_20000_nested_quotations_take_well_under_a_second(void **state)
{
    static const char *const ids[] = {"nested.txt"};
    FILE *f;
    (void)state;
    f = create("nested.txt");
    fputs("He said ", f);
    for (int i = 0; i < 10000; i++)
        fputs("\xe2\x80\x9c\xe2\x80\x98", f); /* “‘ */
    fputs("deep", f);
    for (int i = 0; i < 10000; i++)
        fputs("\xe2\x80\x99\xe2\x80\x9d", f); /* ’” */
    fputs(" today.", f);
    assert_int_equal(fclose(f), 0);
    result r = run("$LEDE run -c " DEFAULT_CFG " nested.txt");
    expect_sane(&r, 0.5, "20,000 nested quotations");
    assert_int_equal(r.status, 0);
    expect_records(&r, ids, 1);
    done(&r);
}

static void test_random_binary_is_one_document(void **state)
{
    static const char *const ids[] = {"random.bin"};
    uint64_t x = 0x9E3779B97F4A7C15ull;
    unsigned char *buf = malloc(MB);
    (void)state;
    assert_non_null(buf);
    for (size_t i = 0; i < MB; i++) {
        x ^= x << 13; /* xorshift64: the same bytes on every run */
        x ^= x >> 7;
        x ^= x << 17;
        buf[i] = (unsigned char)(x >> 56);
    }
    write_file("random.bin", buf, MB);
    free(buf);
    result r = run("$LEDE run -c " DEFAULT_CFG " random.bin");
    expect_sane(&r, 3, "random binary");
    expect_records(&r, ids, 1);
    done(&r);
}

static void test_empty_and_whitespace_only_files_give_empty_records(void **state)
{
    static const char *const ids[] = {"empty.txt", "blank.txt", "newlines.txt"};
    (void)state;
    write_file("empty.txt", "", 0);
    write_file("blank.txt", " \t \r\n \f\v\xc2\xa0\xe2\x80\x83 ", 14);
    write_repeat("newlines.txt", "", "\r\n\n", 30000, "");
    result r = run("$LEDE run -c " DEFAULT_CFG " empty.txt blank.txt newlines.txt");
    expect_sane(&r, 2, "empty and blank files");
    assert_int_equal(r.status, 0);
    expect_records(&r, ids, 3);
    assert_null(strstr(r.out, "\"text\"")); /* no sentence, quote or summary text */
    done(&r);
}

static void test_crlf_with_a_bom_reads_like_lf(void **state)
{
    static const char text[] = "\xef\xbb\xbfPutin arrived in Tehran.\r\n\r\n"
                               "\xe2\x80\x9cWe agree,\xe2\x80\x9d he said.\r\n";
    static const char *const ids[] = {"bom.txt"};
    (void)state;
    write_file("bom.txt", text, sizeof text - 1);
    result r = run("$LEDE run -c " DEFAULT_CFG " bom.txt");
    expect_sane(&r, 2, "CRLF with a BOM");
    assert_int_equal(r.status, 0);
    expect_records(&r, ids, 1);
    assert_non_null(strstr(r.out, "\"text\": \"Putin arrived in Tehran.\"")); /* BOM not in it */
    assert_non_null(strstr(r.out, "\"text\": \"We agree,\""));
    assert_null(strstr(r.out, "\\r"));
    done(&r);
}

/* ---------- NDJSON ---------- */

static void test_malformed_ndjson_lines_each_give_one_error_record(void **state)
{
    static const char lines[] = "not json at all\n"
                                "{\"id\":\"num\",\"text\":5}\n"
                                "{\"id\":\"arr\",\"text\":[\"a\"]}\n"
                                "{\"id\":\"none\"}\n"
                                "{\"text\":\"No id here.\"}\n"
                                "[\"an\",\"array\"]\n"
                                "\"a string\"\n"
                                "{\"id\":\"cut\",\"text\":\"unterminated\n"
                                "{\"id\":\"tail\",\"text\":\"ok\"} trailing\n"
                                "{\"id\":\"esc\",\"text\":\"bad \\x escape\"}\n"
                                "{\"id\":\"ctl\",\"text\":\"raw\ttab\"}\n"
                                "{}\n"
                                "\n"
                                "   \n"
                                "{\"id\":\"good\",\"text\":\"Fine, he said.\"}\n"
                                "{\"id\":\"last\",\"text\":\"No newline at the end.\"}";
    /* Lines without an id, or that do not parse, are named by their line number; blank
     * lines are not records. */
    static const char *const ids[] = {"1", "num", "arr", "none", "5",  "6",    "7",
                                      "8", "9",   "10",  "11",   "12", "good", "last"};
    (void)state;
    write_file("bad.ndjson", lines, sizeof lines - 1);
    result r = run("$LEDE run -c " BATCH_CFG " bad.ndjson");
    expect_sane(&r, 2, "malformed NDJSON");
    assert_int_equal(r.status, 1);
    expect_records(&r, ids, sizeof ids / sizeof ids[0]);
    char msg[256];
    assert_non_null(error_of(&r, "num", msg, sizeof msg));
    assert_non_null(strstr(msg, "'text' is not a string"));
    assert_non_null(error_of(&r, "none", msg, sizeof msg));
    assert_non_null(strstr(msg, "no 'text' field"));
    assert_null(error_of(&r, "good", msg, sizeof msg));
    assert_null(error_of(&r, "last", msg, sizeof msg));
    done(&r);
}

static void test_a_20_MB_ndjson_line_and_one_over_the_limit(void **state)
{
    static const char *const ids[] = {"big", "small", "huge", "after"};
    FILE *f;
    (void)state;
    f = create("big.ndjson");
    fputs("{\"id\":\"big\",\"text\":\"", f);
    for (size_t i = 0; i < 20 * MB / 40; i++)
        fputs("Putin said \\u201cno\\u201d to talks.\\n ", f); /* 40 bytes */
    fputs("\"}\n{\"id\":\"small\",\"text\":\"A short one.\"}\n", f);
    /* Over --max-doc-bytes: an error record, and reading goes on after it. */
    fputs("{\"id\":\"huge\",\"text\":\"", f);
    for (size_t i = 0; i < 3 * MB / 8; i++)
        fputs("xxxxxxx ", f);
    fputs("\"}\n{\"id\":\"after\",\"text\":\"Still here.\"}\n", f);
    assert_int_equal(fclose(f), 0);
    result r = run("$LEDE run -c " BATCH_CFG " big.ndjson; st=$?; "
                   "$LEDE run -c " BATCH_CFG " --max-doc-bytes 2000000 big.ndjson >limit.out; "
                   "exit $st");
    expect_sane(&r, 8, "a 20 MB NDJSON line");
    assert_int_equal(r.status, 0);
    expect_records(&r, ids, 4);
    done(&r);
    r = run("cat limit.out");
    /* A line over the limit is not parsed whole, but its id, before the text, is found. */
    expect_records(&r, ids, 4);
    char msg[256];
    assert_non_null(error_of(&r, "big", msg, sizeof msg));
    assert_non_null(strstr(msg, "longer than the per-document limit"));
    assert_non_null(strstr(msg, "max_doc_bytes = 2000000"));
    assert_non_null(error_of(&r, "huge", msg, sizeof msg));
    assert_null(error_of(&r, "after", msg, sizeof msg));
    done(&r);
}

/* What a tester met: Python's json.dumps escapes every non-ASCII character (\u00e9, six
 * bytes for two), so a line over the limit can hold a text under it. The error record keeps
 * the id when the id comes first; after the text, only the line number is left. */
static void test_a_line_over_the_limit_keeps_its_id_when_the_id_comes_first(void **state)
{
    static const char *const ids[] = {"keep", "2", "7", "4", "next"};
    FILE *f;
    (void)state;
    f = create("escaped.ndjson");
    fputs("{\"id\":\"keep\",\"meta\":{\"a\":[1,2]},\"text\":\"", f);
    for (size_t i = 0; i < 400000; i++)
        fputs("\\u00e9", f); /* 2.4 MB of line, 0.8 MB of text */
    fputs("\"}\n{\"text\":\"", f);
    for (size_t i = 0; i < 400000; i++)
        fputs("\\u00e9", f);
    fputs("\",\"id\":\"late\"}\n{\"id\":7,\"text\":\"", f);
    for (size_t i = 0; i < 400000; i++)
        fputs("\\u00e9", f);
    fputs("\"}\n{\"id\":\"a\\u0000b\",\"text\":\"", f);
    for (size_t i = 0; i < 400000; i++)
        fputs("\\u00e9", f);
    fputs("\"}\n{\"id\":\"next\",\"text\":\"Fine.\"}\n", f);
    assert_int_equal(fclose(f), 0);
    result r = run("$LEDE run -c " BATCH_CFG " --max-doc-bytes 1000000 escaped.ndjson");
    expect_sane(&r, 4, "escaped lines over the limit");
    assert_int_equal(r.status, 1);
    expect_records(&r, ids, 5);
    char msg[512];
    assert_non_null(error_of(&r, "keep", msg, sizeof msg));
    assert_non_null(strstr(msg, "raise --max-doc-bytes"));
    assert_non_null(error_of(&r, "2", msg, sizeof msg));
    assert_non_null(error_of(&r, "7", msg, sizeof msg));
    /* An id with a NUL cannot name the record: said in its error, as a warning would be. */
    assert_non_null(error_of(&r, "4", msg, sizeof msg));
    assert_non_null(strstr(msg, "holds a NUL character"));
    assert_null(error_of(&r, "next", msg, sizeof msg));
    done(&r);
    /* The same file with room for it: the ids and texts are read whole. */
    r = run("$LEDE run -c " BATCH_CFG " --max-doc-bytes 3000000 escaped.ndjson");
    static const char *const whole[] = {"keep", "late", "7", "4", "next"};
    expect_records(&r, whole, 5);
    assert_int_equal(r.status, 0);
    done(&r);
}

/* Ids of any length stay the record's; one with a NUL (which a C string cannot hold) is
 * named by its line number, with a warning instead of silently. */
static void test_long_ids_are_kept_and_a_nul_in_an_id_is_said(void **state)
{
    FILE *f;
    (void)state;
    f = create("ids.ndjson");
    fputc('{', f);
    fputs("\"id\":\"", f);
    for (int i = 0; i < 5000; i++)
        fputc('k', f);
    fputs("\",\"text\":\"One.\"}\n{\"id\":\"a\\u0000b\",\"text\":\"Two.\"}\n", f);
    assert_int_equal(fclose(f), 0);
    result r = run("$LEDE run -c " BATCH_CFG " ids.ndjson 2>&1 >ids.out | grep -c 'holds a NUL'; "
                   "cut -c1-5008 ids.out | grep -c '^{\"id\":\"k\\{5000\\}\"'; "
                   "grep -c '^{\"id\":\"2\"' ids.out");
    assert_int_equal(r.status, 0);
    assert_string_equal(r.out, "1\n1\n1\n");
    done(&r);
}

/* A text file with a UTF-16 byte order mark (Windows' "Unicode" text) is read as UTF-16;
 * UTF-16 NDJSON and UTF-32 are refused with one error record each, not a record per line
 * of NUL-strewn garbage. */
static void test_utf16_text_is_read_and_utf16_ndjson_refused(void **state)
{
    (void)state;
    /* "He said \u201cHi.\u201d \U0001F600" as UTF-16LE with its mark. */
    static const unsigned char le[] = {
        0xFF, 0xFE, 'H', 0, 'e', 0, ' ', 0, 's',  0,    'a', 0, 'i',  0,    'd',  0,   ' ', 0,
        0x1C, 0x20, 'H', 0, 'i', 0, '.', 0, 0x1D, 0x20, ' ', 0, 0x3D, 0xD8, 0x00, 0xDE};
    static const unsigned char be[] = {0xFE, 0xFF, 0, 'O', 0, 'k', 0, '.', 0xD8, 0x00};
    static const unsigned char u32[] = {0xFF, 0xFE, 0, 0, 'O', 0, 0, 0};
    static const unsigned char nd[] = {0xFF, 0xFE, '{', 0,   '}', 0,    '\n',
                                       0,    '{',  0,   '}', 0,   '\n', 0};
    /* Odd-length UTF-16 with lone surrogates: replaced, and said. */
    static const unsigned char lone[] = {0xFF, 0xFE, 'O', 0, 0x00, 0xDC, 'k', 0, 0x3D, 0xD8, '.'};
    write_file("le.txt", le, sizeof le);
    write_file("be.txt", be, sizeof be);
    write_file("u32.txt", u32, sizeof u32);
    write_file("lone.txt", lone, sizeof lone);
    write_file("u16.ndjson", nd, sizeof nd);
    /* UTF-16 NDJSON whose first line is over the limit: refused as UTF-16 all the same. */
    FILE *f = create("long16.ndjson");
    fwrite(nd, 1, 2, f);
    for (int i = 0; i < 300000; i++) /* 1.2 MB: over 10 bytes + 1 MiB */
        fwrite("{\0}\0", 1, 4, f);
    fwrite("\n\0{\0}\0\n\0", 1, 8, f);
    assert_int_equal(fclose(f), 0);
    result r = run("$LEDE run -p 'tokenizer ! exporter format=ndjson' le.txt be.txt u32.txt "
                   "lone.txt 2>/dev/null; $LEDE run -i ndjson -p 'tokenizer ! exporter "
                   "format=ndjson' u16.ndjson 2>/dev/null; $LEDE run -i ndjson --max-doc-bytes 10 "
                   "-p 'tokenizer ! exporter format=ndjson' long16.ndjson 2>/dev/null");
    static const char *const ids[] = {"le.txt",   "be.txt",     "u32.txt",
                                      "lone.txt", "u16.ndjson", "long16.ndjson"};
    expect_records(&r, ids, 6);
    assert_non_null(strstr(r.out, "\"text\":\"He said \u201cHi.\u201d\""));
    assert_non_null(strstr(r.out, "\"start\":18,\"end\":22,\"text\":\"\U0001F600\""));
    assert_non_null(strstr(r.out, "read as UTF-16LE"));
    /* A lone surrogate at the end becomes U+FFFD, as invalid UTF-8 does. */
    assert_non_null(strstr(r.out, "\"text\":\"Ok.\uFFFD\""));
    assert_non_null(strstr(r.out, "\"text\":\"O\uFFFDk\uFFFD\uFFFD\""));
    assert_non_null(strstr(r.out, "3 invalid UTF-16 code units"));
    char msg[256];
    assert_non_null(error_of(&r, "u32.txt", msg, sizeof msg));
    assert_non_null(strstr(msg, "UTF-32LE"));
    assert_non_null(error_of(&r, "u16.ndjson", msg, sizeof msg));
    assert_non_null(strstr(msg, "must be UTF-8"));
    assert_non_null(error_of(&r, "long16.ndjson", msg, sizeof msg));
    assert_non_null(strstr(msg, "UTF-16LE"));
    done(&r);
}

/* ---------- files and directories ---------- */

static void test_unreadable_inputs_give_error_records(void **state)
{
    static const char *const ids[] = {"dangling.txt", "loop1.txt", "ok.txt"};
    (void)state;
    write_file("ok.txt", "Readable.", 9);
    result r = run("ln -sf /nonexistent/file dangling.txt && ln -sf loop2.txt loop1.txt && "
                   "ln -sf loop1.txt loop2.txt && "
                   "$LEDE run -c " DEFAULT_CFG " dangling.txt loop1.txt ok.txt");
    expect_sane(&r, 2, "unreadable files");
    assert_int_equal(r.status, 1);
    expect_records(&r, ids, 3);
    done(&r);
    /* In a directory walk: the dangling link and the link loop are documents that failed,
     * and a directory named x.txt is walked, not read as a file. */
    static const char *const walked[] = {"tree/a.txt", "tree/dangling.txt", "tree/dir.txt/in.txt",
                                         "tree/loop1.txt", "tree/loop2.txt"};
    r = run("mkdir -p tree/dir.txt && echo One. > tree/a.txt && echo Two. > tree/dir.txt/in.txt && "
            "ln -sf /nonexistent tree/dangling.txt && ln -sf loop2.txt tree/loop1.txt && "
            "ln -sf loop1.txt tree/loop2.txt && $LEDE run -c " DEFAULT_CFG " tree");
    expect_sane(&r, 2, "unreadable files in a walk");
    assert_int_equal(r.status, 1);
    expect_records(&r, walked, 5);
    done(&r);
}

static void test_a_directory_symlink_loop_ends_and_reads_each_file_once(void **state)
{
    static const char *const ids[] = {"loop/a/b/deep.txt", "loop/a/top.txt"};
    (void)state;
    result r = run("mkdir -p loop/a/b && echo Deep. > loop/a/b/deep.txt && "
                   "echo Top. > loop/a/top.txt && ln -sf .. loop/a/b/up && ln -sf ../.. "
                   "loop/a/b/root && ln -sf a loop/a/self && "
                   "$LEDE run -c " DEFAULT_CFG " loop");
    expect_sane(&r, 2, "a directory symlink loop");
    assert_int_equal(r.status, 0);
    expect_records(&r, ids, 2);
    done(&r);
}

/* ---------- output failures ---------- */

static void test_a_full_disk_is_reported_with_a_failure_status(void **state)
{
    (void)state;
    write_repeat("long.txt", "", "Putin said \xe2\x80\x9cno\xe2\x80\x9d to talks. ", 2 * MB, "");
    result r = run("$LEDE run -c " DEFAULT_CFG " long.txt long.txt > /dev/full");
    assert_int_equal(r.status, 1);
    assert_non_null(strstr(r.err, "No space left on device"));
    assert_null(strstr(r.err, "Sanitizer"));
    done(&r);
}

static void test_a_closed_pipe_ends_quietly(void **state)
{
    (void)state;
    write_repeat("long.txt", "", "Putin said \xe2\x80\x9cno\xe2\x80\x9d to talks. ", 2 * MB, "");
    /* sh has no PIPESTATUS: each lede writes its own status to a file. */
    result r = run("{ $LEDE run -c " DEFAULT_CFG " long.txt long.txt long.txt; echo $? >st1; } "
                   "| head -1 >/dev/null; "
                   "{ $LEDE run -c " BATCH_CFG " -i text long.txt long.txt; echo $? >st2; } "
                   "| head -c 10 >/dev/null; cat st1 st2");
    assert_int_equal(r.status, 0);
    assert_string_equal(r.err, ""); /* quiet: no "Broken pipe", no crash report */
    /* Either status is fine (the run stopped early on purpose), but not a signal. */
    assert_true(atoi(r.out) < 128 && atoi(strchr(r.out, '\n') + 1) < 128);
    done(&r);
}

/* ---------- everything at once, with workers and in isolation ---------- */

static void test_every_hostile_input_in_one_run_with_workers_and_isolation(void **state)
{
    static const char *const ids[] = {"overlong.txt", "nul.txt",    "word.txt",
                                      "straight.txt", "nested.txt", "random.bin",
                                      "empty.txt",    "bom.txt",    "dangling.txt"};
    char list[1024] = "";
    (void)state;
    /* The files the earlier tests left behind (cmocka runs tests in order). */
    for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++) {
        strcat(list, " ");
        strcat(list, ids[i]);
    }
    result r = run("$LEDE run -c " DEFAULT_CFG " -j 2 %s", list);
    expect_sane(&r, 5, "all inputs, 2 workers");
    assert_int_equal(r.status, 1);
    expect_records(&r, ids, sizeof ids / sizeof ids[0]);
    done(&r);
    r = run("$LEDE run -c " DEFAULT_CFG " --isolate -j 2 %s", list);
    expect_sane(&r, 8, "all inputs, isolated");
    assert_int_equal(r.status, 1);
    expect_records(&r, ids, sizeof ids / sizeof ids[0]);
    done(&r);
}

/* ---------- fuzz regressions through the binary ---------- */

/* Calls fn for every regular file of REGRESSIONS/sub. */
static void each_regression(const char *sub, void (*fn)(const char *path, const char *name))
{
    char dir[512], path[1024];
    DIR *d;
    struct dirent *e;
    snprintf(dir, sizeof dir, "%s/%s", REGRESSIONS, sub);
    if (!(d = opendir(dir)))
        return;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.' || strncmp(e->d_name, "README", 6) == 0)
            continue;
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        fn(path, e->d_name);
    }
    closedir(d);
}

static void replay_text(const char *path, const char *name)
{
    const char *ids[] = {path};
    result r = run("$LEDE run -c " DEFAULT_CFG " '%s'", path);
    expect_sane(&r, 2, name);
    expect_records(&r, ids, 1);
    done(&r);
}

/* An NDJSON crasher is replayed as the first line of a stream (a fresh reader), then
 * after a good line; either way one record per line. */
static void replay_ndjson(const char *path, const char *name)
{
    result r =
        run("{ tr -d '\\n' < '%s'; echo; echo '{\"id\":\"next\",\"text\":\"ok\"}'; } "
            "> first.ndjson && { echo '{\"id\":\"prev\",\"text\":\"ok\"}'; cat first.ndjson; } "
            "> second.ndjson && $LEDE run -c " BATCH_CFG " first.ndjson second.ndjson",
            path);
    expect_sane(&r, 2, name);
    /* Count: 2 + 3 records (the crasher's id is whatever it holds, so count lines only). */
    size_t lines = 0;
    for (size_t i = 0; i < r.out_len; i++)
        lines += r.out[i] == '\n';
    if (lines != 5)
        fail_msg("%s: %zu records for 5 lines", name, lines);
    done(&r);
}

static void replay_config(const char *path, const char *name)
{
    result r = run("$LEDE check -c '%s'", path);
    if (r.status != 0 && r.status != 2)
        fail_msg("%s: lede check exit status %d: %.400s", name, r.status, r.err);
    if (strstr(r.err, "Sanitizer") || strstr(r.err, "runtime error:"))
        fail_msg("%s: sanitizer report: %.2000s", name, r.err);
    done(&r);
}

static void test_fuzz_regressions_replay_through_the_binary(void **state)
{
    (void)state;
    each_regression("tokenizer", replay_text);
    each_regression("quotes", replay_text);
    each_regression("summarizer", replay_text);
    each_regression("ndjson", replay_ndjson);
    each_regression("config", replay_config);
}

/* Two groups of about the same CPU time, run side by side by ctest (test_groups.h). The
 * inputs' group keeps its order: test_every_hostile_input_in_one_run_with_workers_and_isolation
 * reads the files the tests before it left in the group's scratch directory. */
int main(int argc, char **argv)
{
    static const struct CMUnitTest inputs[] = {
        cmocka_unit_test(test_invalid_utf8_of_every_kind_is_replaced_one_record_each),
        cmocka_unit_test(test_nul_bytes_are_text_not_the_end_of_the_document),
        cmocka_unit_test(test_a_single_20_MB_line_is_one_document_in_linear_time),
        cmocka_unit_test(test_8_MB_without_a_space_is_one_document),
        cmocka_unit_test(test_100000_quotation_marks_take_bounded_time),
        cmocka_unit_test(test_20000_nested_quotations_take_well_under_a_second),
        cmocka_unit_test(test_random_binary_is_one_document),
        cmocka_unit_test(test_empty_and_whitespace_only_files_give_empty_records),
        cmocka_unit_test(test_crlf_with_a_bom_reads_like_lf),
        cmocka_unit_test(test_malformed_ndjson_lines_each_give_one_error_record),
        cmocka_unit_test(test_a_line_over_the_limit_keeps_its_id_when_the_id_comes_first),
        cmocka_unit_test(test_long_ids_are_kept_and_a_nul_in_an_id_is_said),
        cmocka_unit_test(test_utf16_text_is_read_and_utf16_ndjson_refused),
        cmocka_unit_test(test_unreadable_inputs_give_error_records),
        cmocka_unit_test(test_a_directory_symlink_loop_ends_and_reads_each_file_once),
        cmocka_unit_test(test_a_full_disk_is_reported_with_a_failure_status),
        cmocka_unit_test(test_a_closed_pipe_ends_quietly),
        cmocka_unit_test(test_every_hostile_input_in_one_run_with_workers_and_isolation),
        cmocka_unit_test(test_fuzz_regressions_replay_through_the_binary),
    };
    static const struct CMUnitTest big_line[] = {
        cmocka_unit_test(test_a_20_MB_ndjson_line_and_one_over_the_limit),
    };
    static const test_group groups[] = {
        TEST_GROUP("inputs", inputs),
        TEST_GROUP("big_line", big_line),
    };
    return run_test_groups(argc, argv, groups, sizeof groups / sizeof *groups, setup, teardown);
}
