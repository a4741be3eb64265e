/* test_runner.c -- the streaming loop: one record per input document, in input order,
 * whatever fails: unreadable files, malformed NDJSON lines, failing stages. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lede_config.h"
#include "test_groups.h"

static char dir[64];

static void write_file(const char *name, const char *body)
{
    char path[256];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(body, f);
    fclose(f);
}

/* Runs the inline pipeline spec over inputs; returns the rendered output. */
static char *run_chain(const char *spec, const char *input, char *const *inputs, size_t n,
                       int workers, lede__run_stats *stats)
{
    lede__loader *ld;
    lede__pipeline *p;
    lede__reader *r;
    lede__settings set;
    lede_error err;
    lede_buf out;

    lede_buf_init(&out, 0);
    lede__settings_init(&set);
    snprintf(set.input, sizeof set.input, "%s", input);
    setenv("LEDE_PLUGIN_PATH", LEDE_TEST_STAGE_DIR, 1);
    assert_int_equal(lede__loader_new(&ld, &err), 0);
    assert_int_equal(lede__pipeline_parse_inline(spec, ld, &p, &err), 0);
    lede__pipeline_capture_stdout(p, &out);
    assert_int_equal(lede__pipeline_check(p, &err), 0);
    assert_int_equal(lede__pipeline_set_workers(p, workers, &err), 0);
    assert_int_equal(lede__pipeline_start(p, &err), 0);
    assert_int_equal(lede__reader_new(&r, inputs, n, &set, &err), 0);
    assert_int_equal(lede__run(p, r, &set, stats, &err), 0);
    assert_int_equal(lede__pipeline_finish(p, &err), 0);
    lede__reader_free(r);
    lede__pipeline_free(p);
    lede__loader_free(ld);
    return out.data ? out.data : strdup("");
}

/* A reader of the NDJSON file path with default settings, in *set, but max_doc_bytes when it
 * is not 0. */
static lede__reader *ndjson_reader(char *path, size_t max_doc_bytes, lede__settings *set)
{
    lede__reader *r;
    lede_error err;
    char *const inputs[] = {path};
    lede__settings_init(set);
    snprintf(set->input, sizeof set->input, "ndjson");
    if (max_doc_bytes)
        set->max_doc_bytes = max_doc_bytes;
    assert_int_equal(lede__reader_new(&r, inputs, 1, set, &err), 0);
    return r;
}

/* Runs "teststage_crash ! teststage_render" over inputs; returns the rendered output. */
static char *run_workers(const char *input, char *const *inputs, size_t n, int workers,
                         lede__run_stats *stats)
{
    return run_chain("teststage_crash ! teststage_render", input, inputs, n, workers, stats);
}

static char *run(const char *input, char *const *inputs, size_t n, lede__run_stats *stats)
{
    return run_workers(input, inputs, n, 1, stats);
}

static int setup(void **state)
{
    (void)state;
    snprintf(dir, sizeof dir, "/tmp/lede-runner-XXXXXX");
    return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
    char cmd[128];
    (void)state;
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : -1;
}

static void test_directory_walk_is_sorted_recursive_and_survives_bad_entries(void **state)
{
    char sub[128], loop[160], dangling[160], expect[2048];
    lede__run_stats st;
    (void)state;
    write_file("b.txt", "This one is BAD.");
    write_file("a.txt", "Fine text.");
    write_file("skip.md", "not a .txt file");
    snprintf(sub, sizeof sub, "%s/sub", dir);
    assert_int_equal(mkdir(sub, 0755), 0);
    write_file("sub/c.txt", "Also fine.");
    snprintf(loop, sizeof loop, "%s/sub/loop", dir);
    assert_int_equal(symlink("..", loop), 0); /* a directory symlink loop */
    snprintf(dangling, sizeof dangling, "%s/e.txt", dir);
    assert_int_equal(symlink("/nonexistent/target", dangling), 0);

    char *const inputs[] = {dir};
    char *out = run("text", inputs, 1, &st);
    snprintf(expect, sizeof expect,
             "%s/a.txt\tok\t0\n"
             "%s/b.txt\terror\tteststage_crash\tdocument contains BAD\n"
             "%s/e.txt\terror\treader\tcannot open %s/e.txt: No such file or directory\n"
             "%s/sub/c.txt\tok\t0\n",
             dir, dir, dir, dir, dir);
    assert_string_equal(out, expect);
    assert_int_equal(st.docs, 4);
    assert_int_equal(st.failed, 2);
    free(out);
}

static void test_ndjson_gives_one_record_per_line_in_order(void **state)
{
    char path[128], expect[2048];
    lede__run_stats st;
    (void)state;
    write_file("in.ndjson", "{\"id\":\"x1\",\"text\":\"ok\",\"url\":\"u\",\"n\":[1]}\n"
                            "{\"text\":\"no id here\"}\n"
                            "\n"
                            "this is not json\n"
                            "{\"id\":\"x5\",\"text\":17}\n"
                            "{\"id\":\"x6\"}\n"
                            "{\"id\":\"x7\",\"text\":\"BAD news\"}\r\n"
                            "{\"id\":8,\"text\":\"last, no newline\"}");
    snprintf(path, sizeof path, "%s/in.ndjson", dir);
    char *const inputs[] = {path};
    char *out = run("ndjson", inputs, 1, &st);
    snprintf(expect, sizeof expect,
             "x1\tok\t2\n"
             "2\tok\t0\n"
             "4\terror\treader\tline 4: not a valid JSON object: byte 1: a record must be a JSON "
             "object ({\"id\": ..., \"text\": ...})\n"
             "x5\terror\treader\tline 5: field 'text' is not a string\n"
             "x6\terror\treader\tline 6: no 'text' field\n"
             "x7\terror\tteststage_crash\tdocument contains BAD\n"
             "8\tok\t0\n");
    assert_string_equal(out, expect);
    assert_int_equal(st.docs, 7);
    assert_int_equal(st.failed, 4);
    free(out);
}

static void test_oversized_documents_become_error_records(void **state)
{
    char path[128];
    lede__run_stats st;
    lede__loader *ld;
    lede__pipeline *p;
    lede__reader *r;
    lede__settings set;
    lede_error err;
    lede_buf out;
    (void)state;
    write_file("big.txt", "0123456789012345678901234567890123456789");
    write_file("small.txt", "tiny");
    snprintf(path, sizeof path, "%s", dir);
    lede_buf_init(&out, 0);
    lede__settings_init(&set);
    set.max_doc_bytes = 10;
    setenv("LEDE_PLUGIN_PATH", LEDE_TEST_STAGE_DIR, 1);
    assert_int_equal(lede__loader_new(&ld, &err), 0);
    assert_int_equal(lede__pipeline_parse_inline("teststage_render", ld, &p, &err), 0);
    lede__pipeline_capture_stdout(p, &out);
    assert_int_equal(lede__pipeline_start(p, &err), 0);
    char *const inputs[] = {path};
    assert_int_equal(lede__reader_new(&r, inputs, 1, &set, &err), 0);
    assert_int_equal(lede__run(p, r, &set, &st, &err), 0);
    assert_int_equal(st.docs, 2);
    assert_int_equal(st.failed, 1);
    assert_non_null(strstr(out.data, "big.txt\terror\treader\t"));
    assert_non_null(strstr(out.data, "over the per-document limit"));
    assert_non_null(strstr(out.data, "small.txt\tok"));
    lede__reader_free(r);
    lede__pipeline_free(p);
    lede__loader_free(ld);
    lede_buf_free(&out);
}

static void test_workers_keep_input_order_and_every_record(void **state)
{
    char path[128], line[128];
    lede__run_stats st1, st3;
    (void)state;
    snprintf(path, sizeof path, "%s/many.ndjson", dir);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    for (int i = 0; i < 2000; i++) {
        snprintf(line, sizeof line, "{\"id\":\"d%d\",\"text\":\"%s %d\"}\n", i,
                 i % 7 == 0 ? "BAD" : "fine", i);
        fputs(i % 13 == 0 ? "garbage\n" : line, f);
    }
    fclose(f);
    char *const inputs[] = {path};
    char *serial = run_workers("ndjson", inputs, 1, 1, &st1);
    char *parallel = run_workers("ndjson", inputs, 1, 3, &st3);
    assert_string_equal(serial, parallel);
    assert_int_equal(st1.docs, 2000);
    assert_int_equal(st3.docs, 2000);
    assert_int_equal(st1.failed, st3.failed);
    free(serial);
    free(parallel);
}

/* A slow document (half a second) holds up the output while the other workers go on: the
 * documents after it fill the window of documents in flight (16 per worker), wait in it,
 * and come out after it, in input order, every one of them, with 2 and 3 workers. */
static void test_documents_behind_a_slow_one_wait_in_order(void **state)
{
    char path[128], expect[8192];
    size_t n = 0;
    lede__run_stats st;
    (void)state;
    snprintf(path, sizeof path, "%s/slow.ndjson", dir);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    for (int i = 0; i < 150; i++) {
        fprintf(f, "{\"id\":\"d%d\",\"text\":\"%s\"}\n", i,
                i == 3 || i == 90 ? "SLEEP_HERE x." : "Quick.");
        n += (size_t)snprintf(expect + n, sizeof expect - n, "d%d\tok\t0\n", i);
    }
    fclose(f);
    char *const inputs[] = {path};
    for (int workers = 2; workers <= 3; workers++) {
        char *out =
            run_chain("teststage_fault ! teststage_render", "ndjson", inputs, 1, workers, &st);
        assert_string_equal(out, expect);
        assert_int_equal(st.docs, 150);
        assert_int_equal(st.failed, 0);
        free(out);
    }
}

/* Documents in flight hold at most 32 MiB of text and one more document: n documents of big
 * bytes, each half a second in a stage, with so many workers; each line says the most
 * documents in the stage at once so far, never more than most. byte is the text's byte
 * ('\0': letters). */
static void crowd_check(int big, int n, int byte, int most, int workers)
{
    char path[128];
    lede__run_stats st;
    snprintf(path, sizeof path, "%s/crowd.ndjson", dir);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    for (int i = 0; i < n; i++) {
        fprintf(f, "{\"id\":\"d%d\",\"text\":\"CROWD_HERE ", i);
        for (int k = 0; k < big; k++)
            fputc(byte ? byte : 'a' + k % 26, f);
        fputs("\"}\n", f);
    }
    fclose(f);
    char *const inputs[] = {path};
    char *out = run_chain("teststage_fault ! teststage_render", "ndjson", inputs, 1, workers, &st);
    assert_int_equal(st.docs, n);
    const char *line = out;
    for (int i = 0; i < n; i++, line = strchr(line, '\n') + 1) {
        int at;
        char id[16];
        assert_non_null(strchr(line, '\n'));
        assert_int_equal(sscanf(line, "%15[^\t]\terror\tteststage_fault\t%d at once", id, &at), 2);
        assert_int_equal(atoi(id + 1), i);
        if (at > most)
            fail_msg("%d documents of %d bytes (byte %d) in flight at once (at most %d allowed)",
                     at, big, byte, most);
    }
    free(out);
}

/* Documents of 17 MiB are processed two at a time, whatever the number of workers (a review
 * found every worker taking a document while the count was low: ten 20 MB records reached
 * 160 MB in flight at -j 8). */
static void test_documents_in_flight_stay_within_the_byte_bound(void **state)
{
    (void)state;
    crowd_check(17 << 20, 5, 0, 2, 4);
}

/* The same with 8 workers: the bound was checked only before a worker waited for the reader
 * (a read ahead, or a take that found the bytes still being read), so every worker queued
 * behind the read of a huge line took one once it came (ten 20 MB records at -j 8: 7 in the
 * stages at once). */
static void test_workers_waiting_for_the_reader_stay_within_the_byte_bound(void **state)
{
    (void)state;
    /* Lines of 19 MB end where a read ahead follows them (17 MiB ones did not): on the
     * code before, 3 or 5 documents at once in two runs of three. */
    for (int i = 0; i < 2; i++)
        crowd_check(19000000, 5, 0, 2, 8);
}

/* A line of 11 MiB of invalid UTF-8 is 33 MiB of text (U+FFFD for each byte): one at a time.
 * Counted as its bytes until parsed (outside the reader's lock), three of them got in at
 * once (a review of the parse outside the lock found it). */
static void test_the_byte_bound_counts_invalid_utf8_as_replaced(void **state)
{
    (void)state;
    crowd_check(11 << 20, 3, 0xFF, 1, 4);
}

/* The stop signals reach only the main thread: the workers run with them blocked, so two
 * signals that come together (timeout(1) sends its one twice) are never handled on two
 * threads at once, where the second handler could read the first one's sender half written
 * and kill the run instead of letting it end cleanly (a TSan audit found it by reading). */
static void test_workers_run_with_the_stop_signals_blocked(void **state)
{
    char path[128];
    lede__run_stats st;
    (void)state;
    snprintf(path, sizeof path, "%s/mask.ndjson", dir);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    for (int i = 0; i < 4; i++)
        fprintf(f, "{\"id\":\"m%d\",\"text\":\"MASK_HERE\"}\n", i);
    fclose(f);
    char *const inputs[] = {path};
    static const char *const want[] = {"open", "blocked", "blocked"};
    for (int workers = 1; workers <= 3; workers++) {
        char *out =
            run_chain("teststage_fault ! teststage_render", "ndjson", inputs, 1, workers, &st);
        char expect[256];
        size_t n = 0;
        for (int i = 0; i < 4; i++)
            n += (size_t)snprintf(expect + n, sizeof expect - n,
                                  "m%d\terror\tteststage_fault\tstop signals %s\n", i,
                                  want[workers - 1]);
        assert_string_equal(out, expect);
        free(out);
    }
    /* The main thread's mask is as it was. */
    sigset_t cur;
    pthread_sigmask(SIG_BLOCK, NULL, &cur);
    assert_int_equal(sigismember(&cur, SIGTERM), 0);
}

static void test_ndjson_lines_longer_than_a_read_come_out_whole(void **state)
{
    /* The reader takes 128 KiB per read: lines of 1 MiB and around 128 KiB span several
     * reads, short ones share a read; each must be one record, in order. */
    static const size_t lens[] = {10, 1 << 20, 5, (128 << 10) - 20, (128 << 10) + 7, 3, 300000};
    char path[128], expect[512];
    size_t n = 0;
    lede__run_stats st;
    (void)state;
    snprintf(path, sizeof path, "%s/long.ndjson", dir);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    for (size_t i = 0; i < sizeof lens / sizeof *lens; i++) {
        fprintf(f, "{\"id\":\"L%zu\",\"text\":\"", i);
        for (size_t k = 0; k < lens[i]; k++)
            fputc(k % 6 == 5 ? ' ' : 'a' + (int)(k % 26), f);
        fputs("\"}\n", f);
        n += (size_t)snprintf(expect + n, sizeof expect - n, "L%zu\tok\t0\n", i);
    }
    fclose(f);
    char *const inputs[] = {path};
    char *out = run("ndjson", inputs, 1, &st);
    assert_string_equal(out, expect);
    assert_int_equal(st.docs, sizeof lens / sizeof *lens);
    assert_int_equal(st.failed, 0);
    free(out);
}

/* Loads and starts "teststage_crash ! teststage_render" with stage timing on or off, its
 * output captured in out. */
static void start_timed(lede__loader **ld, lede__pipeline **p, lede_buf *out, int timing)
{
    lede_error err;

    setenv("LEDE_PLUGIN_PATH", LEDE_TEST_STAGE_DIR, 1);
    assert_int_equal(lede__loader_new(ld, &err), 0);
    assert_int_equal(
        lede__pipeline_parse_inline("teststage_crash ! teststage_render", *ld, p, &err), 0);
    lede__pipeline_capture_stdout(*p, out);
    lede__pipeline_set_timing(*p, timing);
    assert_int_equal(lede__pipeline_check(*p, &err), 0);
    assert_int_equal(lede__pipeline_start(*p, &err), 0);
}

/* Runs n_docs documents through "teststage_crash ! teststage_render" with stage timing on or
 * off; returns the seconds the pipeline kept for its two stages. */
static double stage_seconds_after(int timing, int n_docs)
{
    lede__loader *ld;
    lede__pipeline *p;
    lede_doc *doc;
    lede_error err;
    lede_buf out;
    double total = 0.0;

    lede_buf_init(&out, 0);
    start_timed(&ld, &p, &out, timing);
    assert_int_equal(lede_doc_new(&doc, &err), 0);
    for (int i = 0; i < n_docs; i++) {
        lede_doc_reset(doc);
        assert_int_equal(lede_doc_load(doc, "d", "some words to pass along", 24, &err), 0);
        assert_int_equal(lede__pipeline_process(p, 0, doc, &err), 0);
    }
    for (size_t i = 0; i < lede__pipeline_count(p); i++) {
        double t = lede__pipeline_stage_seconds(p, i, NULL);
        assert_true(t >= 0.0);
        total += t;
    }
    assert_int_equal(lede__pipeline_finish(p, &err), 0);
    lede_doc_free(doc);
    lede__pipeline_free(p);
    lede__loader_free(ld);
    lede_buf_free(&out);
    return total;
}

static void test_stages_are_timed_only_when_timing_is_on(void **state)
{
    /* --stats turns timing on; without it no clock is read per document and stage times
     * stay zero. */
    (void)state;
    assert_true(stage_seconds_after(0, 200) == 0.0);
    assert_true(stage_seconds_after(1, 200) > 0.0);
}

static void test_isolated_workers_report_their_stage_times(void **state)
{
    /* With --isolate the stages run in child processes, whose clocks the parent never sees:
     * each result carries the document's time per stage, and --stats added up zeros before
     * it did. Timing off, nothing is counted; timing on, every stage's time arrives. */
    char path[128];
    (void)state;
    snprintf(path, sizeof path, "%s/timed.ndjson", dir);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    for (int i = 0; i < 300; i++)
        fprintf(f, "{\"id\":\"d%d\",\"text\":\"some words to pass along, %d\"}\n", i, i);
    fclose(f);
    for (int timing = 0; timing <= 1; timing++) {
        lede__loader *ld;
        lede__pipeline *p;
        lede__reader *r;
        lede__settings set;
        lede__run_stats st;
        lede_error err;
        lede_buf out;
        char *const inputs[] = {path};
        lede_buf_init(&out, 0);
        lede__settings_init(&set);
        snprintf(set.input, sizeof set.input, "ndjson");
        set.workers = 2;
        start_timed(&ld, &p, &out, timing);
        assert_int_equal(lede__reader_new(&r, inputs, 1, &set, &err), 0);
        assert_int_equal(lede__run_isolated(p, r, &set, &st, &err), 0);
        assert_int_equal(st.docs, 300);
        assert_int_equal(st.failed, 0);
        for (size_t i = 0; i < lede__pipeline_count(p); i++) {
            double t = lede__pipeline_stage_seconds(p, i, NULL);
            if (timing)
                assert_true(t > 0.0);
            else
                assert_true(t == 0.0);
        }
        assert_int_equal(lede__pipeline_finish(p, &err), 0);
        lede__reader_free(r);
        lede__pipeline_free(p);
        lede__loader_free(ld);
        lede_buf_free(&out);
    }
}

/* Checks that doc holds record i of the stream written by the test below. */
static void assert_record(lede_doc *doc, int i)
{
    char id[32], text[64];
    const char *key, *json;
    size_t len;
    snprintf(id, sizeof id, "d%d", i);
    assert_string_equal(lede_doc_id(doc), id);
    if (i % 5 == 3) {
        assert_true(lede_doc_failed(doc, NULL, NULL));
        return;
    }
    assert_false(lede_doc_failed(doc, NULL, NULL));
    snprintf(text, sizeof text, "text of %d, %s", i,
             i % 5 == 1 ? "bad \xef\xbf\xbd" : "caf\xc3\xa9");
    assert_string_equal(lede_doc_text(doc, &len), text);
    assert_int_equal(len, strlen(text));
    assert_int_equal(lede_doc_warning_count(doc), i % 5 == 1);
    assert_int_equal(lede_doc_meta_count(doc), 2);
    lede_doc_meta_at(doc, 0, &key, &json, &len);
    assert_string_equal(key, "src");
    assert_int_equal(len, 3);
    assert_memory_equal(json, "\"s\"", 3);
    lede_doc_meta_at(doc, 1, &key, &json, &len);
    assert_string_equal(key, "k\xc3\xa9y");
    assert_string_equal(json, "[1]");
}

static void test_ndjson_documents_in_flight_keep_their_own_text_and_metadata(void **state)
{
    /* With -j 2 the runner reads into a window of documents while earlier ones are still
     * processed: the decoded text each one adopts from the reader must be its own. Metadata
     * keys before and after the text, invalid UTF-8 (copied and replaced) and a text over
     * max_doc_bytes (refused) are mixed in. */
    enum { N_DOCS = 4, N_RECS = 40 };
    char path[128];
    lede__reader *r;
    lede__settings set;
    lede_error err;
    lede_doc *docs[N_DOCS];
    (void)state;
    snprintf(path, sizeof path, "%s/window.ndjson", dir);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    for (int i = 0; i < N_RECS; i++) {
        if (i % 5 == 3)
            fprintf(f, "{\"id\":\"d%d\",\"text\":\"%080d\"}\n", i, i);
        else
            fprintf(
                f, "{\"src\":\"s\",\"id\":\"d%d\",\"text\":\"text of %d, %s\",\"k\\u00e9y\":[1]}\n",
                i, i, i % 5 == 1 ? "bad \xff" : "caf\\u00e9");
    }
    fclose(f);
    r = ndjson_reader(path, 64, &set);
    for (int k = 0; k < N_DOCS; k++) {
        assert_int_equal(lede_doc_new(&docs[k], &err), 0);
        lede__doc_set_limits(docs[k], set.max_doc_bytes, 0);
    }
    for (int i = 0; i < N_RECS; i++) {
        lede_doc *doc = docs[i % N_DOCS];
        lede_doc_reset(doc);
        assert_int_equal(lede__reader_next(r, doc, &err), 1);
        /* Every document in the window still holds its own record, in its own memory. */
        for (int j = i - N_DOCS + 1 > 0 ? i - N_DOCS + 1 : 0; j <= i; j++)
            assert_record(docs[j % N_DOCS], j);
        for (int a = 0; a < N_DOCS; a++)
            for (int b = a + 1; b < N_DOCS; b++) {
                size_t la, lb;
                const char *ta = lede_doc_text(docs[a], &la), *tb = lede_doc_text(docs[b], &lb);
                if (la && lb) /* an empty text may be the same static "" */
                    assert_true(ta + la < tb || tb + lb < ta);
            }
    }
    lede_doc *last = docs[0];
    lede_doc_reset(last);
    assert_int_equal(lede__reader_next(r, last, &err), 0);
    for (int k = 0; k < N_DOCS; k++)
        lede_doc_free(docs[k]);
    lede__reader_free(r);
}

static void test_line_buffer_shrinks_after_a_huge_record(void **state)
{
    /* A 10 MB line grows the NDJSON buffer to 16 MiB; once its document has taken its
     * text and metadata, the buffer goes back to its first size (issue #6: the line is
     * not resident while the stages run). The bytes read past it are kept: the records
     * after it, and those after a line refused as too long, read intact. */
    enum { BIG = 10 << 20, LONG = 6 << 20 };
    char path[128];
    lede__reader *r;
    lede__settings set;
    lede_error err;
    lede_doc *doc;
    size_t len;
    (void)state;
    snprintf(path, sizeof path, "%s/huge.ndjson", dir);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs("{\"id\":\"a\",\"text\":\"first\"}\n{\"id\":\"big\",\"text\":\"", f);
    for (int i = 0; i < BIG; i++)
        fputc('a' + i % 26, f);
    fputs("\",\"src\":\"wire\"}\n{\"id\":\"b\",\"text\":\"after\"}\n", f);
    fputs("{\"id\":\"long\",\"text\":\"", f);
    for (int i = 0; i < LONG; i++)
        fputc('x', f);
    fputs("\"}\n{\"id\":\"c\",\"text\":\"last\"}\n", f);
    fclose(f);
    r = ndjson_reader(path, BIG + 16, &set);
    assert_int_equal(lede_doc_new(&doc, &err), 0);
    lede__doc_set_limits(doc, set.max_doc_bytes, 0);

    assert_int_equal(lede__reader_next(r, doc, &err), 1);
    size_t first = lede__reader_line_buffer(r);
    assert_true(first > 0 && first < BIG);

    lede_doc_reset(doc);
    assert_int_equal(lede__reader_next(r, doc, &err), 1);
    assert_false(lede_doc_failed(doc, NULL, NULL));
    assert_string_equal(lede_doc_id(doc), "big");
    const char *text = lede_doc_text(doc, &len);
    assert_int_equal(len, BIG);
    for (size_t i = 0; i < len; i += 4099)
        assert_int_equal(text[i], 'a' + i % 26);
    assert_int_equal(text[len - 1], 'a' + (BIG - 1) % 26);
    assert_int_equal(lede_doc_meta_count(doc), 1);
    const char *key, *json;
    lede_doc_meta_at(doc, 0, &key, &json, &len);
    assert_string_equal(key, "src");
    assert_string_equal(json, "\"wire\"");
    assert_int_equal(lede__reader_line_buffer(r), first);

    lede_doc_reset(doc);
    assert_int_equal(lede__reader_next(r, doc, &err), 1);
    assert_string_equal(lede_doc_id(doc), "b");
    assert_string_equal(lede_doc_text(doc, &len), "after");

    /* Too long for a smaller limit: an error record, and the buffer shrinks all the same. */
    lede_doc_free(doc);
    lede__reader_free(r);
    r = ndjson_reader(path, (size_t)4 << 20, &set);
    assert_int_equal(lede_doc_new(&doc, &err), 0);
    lede__doc_set_limits(doc, set.max_doc_bytes, 0);
    /* The error records keep the ids, which come before the texts. */
    const char *want[] = {"a", "big", "b", "long", "c"};
    for (int i = 0; i < 5; i++) {
        lede_doc_reset(doc);
        assert_int_equal(lede__reader_next(r, doc, &err), 1);
        assert_string_equal(lede_doc_id(doc), want[i]);
        assert_int_equal(lede_doc_failed(doc, NULL, NULL), i == 1 || i == 3);
        assert_int_equal(lede__reader_line_buffer(r), first);
    }
    assert_string_equal(lede_doc_text(doc, &len), "last");
    lede_doc_reset(doc);
    assert_int_equal(lede__reader_next(r, doc, &err), 0);
    lede_doc_free(doc);
    lede__reader_free(r);
}

static void test_a_line_taken_stays_whole_while_the_reader_reads_on(void **state)
{
    /* With workers, a line is parsed outside the reader's lock (lede__reader_decode) while
     * the other workers take the lines after it: its block must not be moved, refilled or
     * freed meanwhile. The first record is held while 5 MB of records after it are taken
     * and parsed, through many reads and a change of block; then a 6 MB record, which grows
     * the block to 8 MiB, is held while the record after it is taken (the reader goes on in
     * a block of the usual size) and parsed. */
    enum { BIG = 6 << 20, N_AFTER = 2500 };
    char path[128];
    lede__reader *r;
    lede__settings set;
    lede_error err;
    lede_doc *first, *big, *doc;
    lede__reader_line held, held_big, ln;
    size_t len;
    (void)state;
    snprintf(path, sizeof path, "%s/pinned.ndjson", dir);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs("{\"id\":\"first\",\"text\":\"the first record\",\"k\":1}\n", f);
    for (int i = 0; i < N_AFTER; i++) {
        fprintf(f, "{\"id\":\"r%d\",\"text\":\"", i);
        for (int k = 0; k < 2000; k++)
            fputc('0' + (i + k) % 10, f);
        fputs("\"}\n", f);
    }
    fputs("{\"id\":\"big\",\"text\":\"", f);
    for (int i = 0; i < BIG; i++)
        fputc('a' + i % 26, f);
    fputs("\",\"src\":\"wire\"}\n{\"id\":\"tail\",\"text\":\"last\"}\n", f);
    fclose(f);
    r = ndjson_reader(path, BIG + 16, &set);
    assert_int_equal(lede__reader_decoders(r, 3), 0);
    assert_int_equal(lede_doc_new(&first, &err), 0);
    assert_int_equal(lede_doc_new(&big, &err), 0);
    assert_int_equal(lede_doc_new(&doc, &err), 0);
    lede__doc_set_limits(big, set.max_doc_bytes, 0);
    lede__doc_set_limits(doc, set.max_doc_bytes, 0);

    assert_int_equal(lede__reader_take(r, 0, &held, first, &err), 1);
    assert_non_null(held.line);
    assert_int_equal(held.line_no, 1);
    size_t usual = lede__reader_line_buffer(r);
    assert_true(usual < BIG);
    for (int i = 0; i < N_AFTER; i++) {
        lede_doc_reset(doc);
        assert_int_equal(lede__reader_take(r, 1, &ln, doc, &err), 1);
        assert_int_equal(ln.line_no, (unsigned long long)i + 2);
        lede__reader_decode(r, 1, &ln, doc);
        char id[16];
        snprintf(id, sizeof id, "r%d", i);
        assert_string_equal(lede_doc_id(doc), id);
        const char *text = lede_doc_text(doc, &len);
        assert_int_equal(len, 2000);
        assert_int_equal(text[0], '0' + i % 10);
        assert_int_equal(text[1999], '0' + (i + 1999) % 10);
    }
    assert_int_equal(lede__reader_take(r, 1, &held_big, big, &err), 1);
    lede_doc_reset(doc);
    assert_int_equal(lede__reader_take(r, 2, &ln, doc, &err), 1);
    assert_int_equal(lede__reader_line_buffer(r), usual);
    lede__reader_decode(r, 2, &ln, doc);
    assert_string_equal(lede_doc_id(doc), "tail");
    assert_string_equal(lede_doc_text(doc, &len), "last");

    lede__reader_decode(r, 1, &held_big, big);
    assert_false(lede_doc_failed(big, NULL, NULL));
    assert_string_equal(lede_doc_id(big), "big");
    const char *text = lede_doc_text(big, &len);
    assert_int_equal(len, BIG);
    for (size_t i = 0; i < len; i += 4093)
        assert_int_equal(text[i], 'a' + i % 26);
    const char *key, *json;
    assert_int_equal(lede_doc_meta_count(big), 1);
    lede_doc_meta_at(big, 0, &key, &json, &len);
    assert_string_equal(key, "src");
    assert_string_equal(json, "\"wire\"");

    lede__reader_decode(r, 0, &held, first);
    assert_string_equal(lede_doc_id(first), "first");
    assert_string_equal(lede_doc_text(first, &len), "the first record");
    lede_doc_meta_at(first, 0, &key, &json, &len);
    assert_string_equal(key, "k");
    assert_string_equal(json, "1");
    lede_doc_reset(doc);
    assert_int_equal(lede__reader_take(r, 1, &ln, doc, &err), 0);
    lede_doc_free(first);
    lede_doc_free(big);
    lede_doc_free(doc);
    lede__reader_free(r);
}

/* The size of the file at path. */
static long ftell_size(const char *path)
{
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    return (long)st.st_size;
}

typedef struct decode_job {
    lede__reader *r;
    lede__reader_line *ln;
    lede_doc *doc;
} decode_job;

static void *decode_on_decoder_1(void *arg)
{
    decode_job *j = arg;
    lede__reader_decode(j->r, 1, j->ln, j->doc);
    return NULL;
}

/* 1 when doc holds the reader's warning about a record without an id. */
static int warned_no_id(const lede_doc *doc)
{
    for (size_t i = 0; i < lede_doc_warning_count(doc); i++) {
        const char *msg;
        lede_doc_warning_at(doc, i, NULL, NULL, &msg);
        if (strstr(msg, "no field 'id'"))
            return 1;
    }
    return 0;
}

static void test_the_first_record_without_an_id_is_told_whatever_decodes_first(void **state)
{
    /* "no field 'id'" is said once, on the first such record in input order, as one
     * worker says it, even when a later one is parsed first by another worker. */
    char path[128];
    lede__reader *r;
    lede__settings set;
    lede_error err;
    lede_doc *docs[3];
    lede__reader_line ln[3];
    pthread_t t;
    (void)state;
    write_file("noid.ndjson", "{\"id\":\"a\",\"text\":\"x\"}\n{\"text\":\"first without\"}\n"
                              "{\"text\":\"second without\"}\n");
    snprintf(path, sizeof path, "%s/noid.ndjson", dir);
    r = ndjson_reader(path, 0, &set);
    assert_int_equal(lede__reader_decoders(r, 2), 0);
    for (int i = 0; i < 3; i++)
        assert_int_equal(lede_doc_new(&docs[i], &err), 0);
    assert_int_equal(lede__reader_take(r, 0, &ln[0], docs[0], &err), 1);
    lede__reader_decode(r, 0, &ln[0], docs[0]);
    assert_int_equal(lede__reader_take(r, 0, &ln[1], docs[1], &err), 1);
    assert_int_equal(lede__reader_take(r, 1, &ln[2], docs[2], &err), 1);
    /* The third line is parsed first, on another thread; it must wait for the second. */
    decode_job job = {r, &ln[2], docs[2]};
    assert_int_equal(pthread_create(&t, NULL, decode_on_decoder_1, &job), 0);
    usleep(50000);
    lede__reader_decode(r, 0, &ln[1], docs[1]);
    assert_int_equal(pthread_join(t, NULL), 0);
    assert_false(warned_no_id(docs[0]));
    assert_true(warned_no_id(docs[1]));
    assert_false(warned_no_id(docs[2]));
    assert_string_equal(lede_doc_id(docs[1]), "2");
    assert_string_equal(lede_doc_id(docs[2]), "3");
    for (int i = 0; i < 3; i++)
        lede_doc_free(docs[i]);
    lede__reader_free(r);
}

static void test_lines_are_taken_while_a_read_ahead_runs(void **state)
{
    /* With workers, the next block of a file is read outside the lock once few bytes are
     * left to take (lede__reader_ahead_*): the lines already read are taken meanwhile, a take
     * that finds none left is told to wait (LEDE__READER_BUSY) and changes nothing, and the
     * records come out whole and in order across the blocks read ahead (which note their
     * newlines, so that takes need not search) and plain reads, the last one without its
     * newline: 7.5 MB,
     * more than a block holds, then 12,000 short records and blank lines, more newlines
     * than a read ahead notes. */
    enum { N = 6000, T = 12000 };
    char path[128];
    lede__reader *r;
    lede__settings set;
    lede_error err;
    lede_doc *doc;
    lede__reader_line ln;
    lede__reader_ahead ra;
    size_t len;
    int next = 0, aheads = 0, busy = 0;
    (void)state;
    snprintf(path, sizeof path, "%s/ahead.ndjson", dir);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    for (int i = 0; i < N; i++) {
        fprintf(f, "{\"id\":\"r%d\",\"text\":\"", i);
        for (int k = 0; k < 500 + i % 1500; k++)
            fputc('a' + (i + k) % 26, f);
        fputs("\"}\n", f);
    }
    for (int i = 0; i < T; i++)
        fprintf(f, "%s{\"id\":\"t%d\",\"text\":\"x\"}%s", i % 7 == 3 ? "\n" : "", i,
                i == T - 1 ? "" : "\n");
    fclose(f);
    r = ndjson_reader(path, 0, &set);
    assert_int_equal(lede_doc_new(&doc, &err), 0);
    for (;;) {
        /* Reads ahead for 500 records, then plain reads under the lock for 500. */
        int running = (next / 500) % 2 == 0 && lede__reader_ahead_begin(r, &ra);
        if (running)
            assert_int_equal(lede__reader_ahead_begin(r, &ra), 0); /* one at a time */
        int rc;
        /* Take everything read before the read ahead, while it "runs". */
        while ((rc = lede__reader_take(r, 0, &ln, doc, &err)) == 1) {
            char id[16];
            snprintf(id, sizeof id, next < N ? "r%d" : "t%d", next < N ? next : next - N);
            lede__reader_decode(r, 0, &ln, doc);
            assert_string_equal(lede_doc_id(doc), id);
            const char *text = lede_doc_text(doc, &len);
            if (next < N) {
                assert_int_equal(len, (size_t)(500 + next % 1500));
                assert_int_equal(text[0], 'a' + next % 26);
                assert_int_equal(text[len - 1], 'a' + (next + (int)len - 1) % 26);
            } else {
                assert_string_equal(text, "x");
            }
            next++;
            lede_doc_reset(doc);
            if (!running)
                break;
        }
        if (running) {
            assert_int_equal(rc, LEDE__READER_BUSY);
            busy++;
            aheads++;
            lede__reader_ahead_read(&ra);
            lede__reader_ahead_end(r, &ra);
        } else if (rc == 0) {
            break;
        }
    }
    assert_int_equal(next, N + T);
    assert_true(aheads > 20 && busy == aheads);
    assert_int_equal(lede__reader_bytes(r), (unsigned long long)ftell_size(path));
    lede_doc_free(doc);
    lede__reader_free(r);
}

/* Two groups, run side by side by ctest (test_groups.h): the byte bound's runs of slow
 * documents (some 20 s, most of it waiting), and the rest. */
int main(int argc, char **argv)
{
    static const struct CMUnitTest records[] = {
        cmocka_unit_test_setup_teardown(
            test_directory_walk_is_sorted_recursive_and_survives_bad_entries, setup, teardown),
        cmocka_unit_test_setup_teardown(test_workers_run_with_the_stop_signals_blocked, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_ndjson_lines_longer_than_a_read_come_out_whole, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_ndjson_gives_one_record_per_line_in_order, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_oversized_documents_become_error_records, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_the_byte_bound_counts_invalid_utf8_as_replaced, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_documents_behind_a_slow_one_wait_in_order, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_workers_keep_input_order_and_every_record, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(
            test_ndjson_documents_in_flight_keep_their_own_text_and_metadata, setup, teardown),
        cmocka_unit_test_setup_teardown(test_a_line_taken_stays_whole_while_the_reader_reads_on,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(
            test_the_first_record_without_an_id_is_told_whatever_decodes_first, setup, teardown),
        cmocka_unit_test_setup_teardown(test_lines_are_taken_while_a_read_ahead_runs, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_line_buffer_shrinks_after_a_huge_record, setup,
                                        teardown),
        cmocka_unit_test(test_stages_are_timed_only_when_timing_is_on),
        cmocka_unit_test_setup_teardown(test_isolated_workers_report_their_stage_times, setup,
                                        teardown),
    };
    static const struct CMUnitTest byte_bound[] = {
        cmocka_unit_test_setup_teardown(test_documents_in_flight_stay_within_the_byte_bound, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(
            test_workers_waiting_for_the_reader_stay_within_the_byte_bound, setup, teardown),
    };
    static const test_group groups[] = {
        TEST_GROUP("records", records),
        TEST_GROUP("byte_bound", byte_bound),
    };
    return run_test_groups(argc, argv, groups, sizeof groups / sizeof *groups, NULL, NULL);
}
