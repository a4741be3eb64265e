/*
 * test_e2e.c -- end-to-end: the real `lede` binary, the real stages, real files.
 *
 * Each test runs a command line through /bin/sh from the repository root, captures
 * stdout, stderr and the exit status, and checks them; JSON output is parsed back with
 * jansson so that a malformed record fails the test.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "test_groups.h"

#define SAMPLE "examples/putin-iran.txt"

typedef struct result {
    char *out, *err;
    int status; /* exit status, or 128 + signal */
} result;

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    char *buf;
    long n;
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    n = ftell(f);
    fseek(f, 0, SEEK_SET);
    buf = malloc((size_t)n + 1);
    assert_non_null(buf);
    assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
    buf[n] = '\0';
    fclose(f);
    return buf;
}

/* Runs "lede ARGS" (ARGS is shell text; LEDE is the binary) and captures everything. */
static result run(const char *fmt, ...)
{
    char args[4096], cmd[8192];
    va_list ap;
    result r;
    char out[64], err[64];

    snprintf(out, sizeof out, "/tmp/lede-e2e-%d.out", (int)getpid());
    snprintf(err, sizeof err, "/tmp/lede-e2e-%d.err", (int)getpid());

    va_start(ap, fmt);
    vsnprintf(args, sizeof args, fmt, ap);
    va_end(ap);
    /* LEDE_E2E_WRAPPER runs every lede command under a tool, e.g. valgrind in CI. */
    const char *wrap = getenv("LEDE_E2E_WRAPPER");
    /* $E: a prefix for the scratch files of this test process, so that two runs of the
     * suite (CI beside a developer's) never share one. */
    snprintf(cmd, sizeof cmd,
             "export LEDE='%s%s%s' LEDE_TEST_STAGES='%s' E=/tmp/lede-e2e-%d; { %s ; } >%s 2>%s",
             wrap ? wrap : "", wrap ? " " : "", LEDE_BIN, LEDE_TEST_STAGE_DIR, (int)getpid(), args,
             out, err);

    int st = system(cmd);
    assert_true(st != -1);
    r.status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
    r.out = slurp(out);
    r.err = slurp(err);
    unlink(out);
    unlink(err);
    return r;
}

/* Removes this process's scratch files ($E-* in run()). */
static int remove_scratch(void **state)
{
    char cmd[96];
    (void)state;
    snprintf(cmd, sizeof cmd, "rm -rf /tmp/lede-e2e-%d-*", (int)getpid());
    return system(cmd) == 0 ? 0 : -1;
}

static void done(result *r)
{
    free(r->out);
    free(r->err);
}

/* Runs cmd (a shell command, as run() takes it) and checks its exit status and that its
 * standard error holds msg. */
static void expect_run(const char *cmd, int status, const char *msg)
{
    result r = run("%s", cmd);
    assert_int_equal(r.status, status);
    assert_non_null(strstr(r.err, msg));
    done(&r);
}

static json_t *parse_json(const char *text)
{
    json_error_t e;
    json_t *j = json_loads(text, 0, &e);
    if (!j)
        fail_msg("invalid JSON (%s at line %d): %.300s", e.text, e.line, text);
    return j;
}

static void test_default_pipeline_on_the_sample_article(void **state)
{
    (void)state;
    result r = run("$LEDE run -c configs/default.cfg " SAMPLE);
    assert_int_equal(r.status, 0);
    json_t *doc = parse_json(r.out);
    assert_string_equal(json_string_value(json_object_get(doc, "id")), SAMPLE);

    /* The 43 gold sentences, in order (fixture copied from shared/seed). */
    json_t *sents = json_object_get(doc, "sentences");
    char *gold = slurp("tests/fixtures/e2e/sentences.txt");
    size_t i = 0;
    for (char *line = strtok(gold, "\n"); line; line = strtok(NULL, "\n"), i++) {
        json_t *s = json_array_get(sents, i);
        assert_non_null(s);
        assert_string_equal(json_string_value(json_object_get(s, "text")), line);
    }
    assert_int_equal(i, 43);
    assert_int_equal(json_array_size(sents), 43);
    free(gold);

    /* Quotations: curly quotes found, apostrophes never taken for quotation marks. */
    json_t *quotes = json_object_get(doc, "quotes"), *q;
    int found_hundreds = 0, found_kremlin = 0;
    json_array_foreach(quotes, i, q)
    {
        const char *text = json_string_value(json_object_get(q, "text"));
        assert_non_null(text);
        if (strcmp(text, "hundreds") == 0)
            found_hundreds = 1;
        if (strstr(text, "The Kremlin doesn\xe2\x80\x99t want"))
            found_kremlin = 1;
        assert_null(strstr(text, "s discussions")); /* presidents’ is an apostrophe */
    }
    assert_true(found_hundreds);
    assert_true(found_kremlin);

    /* A summary of three sentences that are not the duplicated title. */
    json_t *summary = json_object_get(doc, "summary");
    assert_int_equal(json_array_size(summary), 3);
    json_array_foreach(summary, i, q)
    {
        assert_true(json_integer_value(json_object_get(q, "sentence")) >= 2);
    }
    json_decref(doc);
    done(&r);
}

static void test_ndjson_batch_gives_one_record_per_line_in_order(void **state)
{
    (void)state;
    result r =
        run("printf '%%s\\n' '{\"id\":\"a\",\"text\":\"He said: \\u201cWe will win.\\u201d\","
            "\"source\":\"x\"}' 'not json' '{\"id\":\"c\",\"text\":\"Short one.\"}' | "
            "$LEDE run -c configs/batch-ndjson.cfg");
    assert_int_equal(r.status, 1); /* one record failed */
    char *save = NULL, *line;
    const char *ids[] = {"a", "2", "c"};
    int n = 0;
    for (line = strtok_r(r.out, "\n", &save); line; line = strtok_r(NULL, "\n", &save), n++) {
        json_t *j = parse_json(line);
        assert_true(n < 3);
        assert_string_equal(json_string_value(json_object_get(j, "id")), ids[n]);
        if (n == 1) {
            json_t *e = json_object_get(j, "error");
            assert_non_null(e);
            assert_string_equal(json_string_value(json_object_get(e, "stage")), "reader");
        } else {
            assert_null(json_object_get(j, "error"));
            assert_non_null(json_object_get(j, "sentences"));
        }
        if (n == 0)
            assert_string_equal(
                json_string_value(json_object_get(json_object_get(j, "meta"), "source")), "x");
        json_decref(j);
    }
    assert_int_equal(n, 3);
    assert_non_null(strstr(r.err, "document \"2\""));
    done(&r);
}

static void test_quotes_csv_has_a_header_and_a_row_per_quotation(void **state)
{
    (void)state;
    result r = run("$LEDE run -c configs/quotes-csv.cfg " SAMPLE);
    assert_int_equal(r.status, 0);
    assert_true(strncmp(r.out, "id,", 3) == 0);
    assert_non_null(strstr(r.out, "hundreds"));
    int rows = 0;
    for (const char *p = r.out; (p = strstr(p, "\n" SAMPLE ",")); p++)
        rows++;
    assert_true(rows >= 8);
    done(&r);
}

static void test_summary_markdown_is_a_readable_report(void **state)
{
    (void)state;
    result r = run("$LEDE run -c configs/summary-md.cfg " SAMPLE);
    assert_int_equal(r.status, 0);
    assert_true(strncmp(r.out, "# ", 2) == 0);
    assert_non_null(strstr(r.out, "## Summary"));
    assert_non_null(strstr(r.out, "Jake Sullivan"));
    done(&r);
    /* An empty document: the summarizer ran, so its section says there was nothing to
     * summarise (it was left out, while the JSON said "summary": []). */
    r = run("printf '' | $LEDE run -c configs/summary-md.cfg -");
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "## Summary\n\nNothing to summarise: the document has no "
                                  "sentences.\n\n"));
    done(&r);
    /* Quoted terms nobody is said to have said go on one line of their own, not as bullets
     * under "Unknown speaker" (a tester: 1,389 of BBC's 2,216 unattributed quotations are
     * scare quotes of three words or fewer, burying the full ones). (In a sentence of their
     * own: after "Officials called the response "unprecedented"" in the same sentence, they
     * would be the officials' words too.) */
    r = run("printf 'Storm batters coast\\n\\nOfficials called the response \"unprecedented\". "
            "It was \"rushed\" and \"late\". \"It was terrible,\" said Ann Lee. \"Nobody came for "
            "hours and hours.\"\\n' | $LEDE run -c configs/summary-md.cfg -");
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "### Quoted terms\n\n“rushed” · “late”\n\n---"));
    assert_null(strstr(r.out, "> “rushed”"));
    done(&r);
}

/* A summary sentence that opens with > # - or "2020." stays a plain bullet: unescaped, its
 * first mark would open a quotation, a heading or a list inside the bullet. */
static void test_markdown_bullets_do_not_open_blocks(void **state)
{
    (void)state;
    result r = run("printf 'Headline here\\n\\n> This quoted sentence is long enough to be picked "
                   "for the summary of this story. 2020. was a year that many people will "
                   "remember for a long time to come. # Hash starts this sentence which talks "
                   "about the news. ~~~ Tildes open this sentence about the news too.\\n' > "
                   "/tmp/lede-e2e-md-$$.txt && "
                   "$LEDE run -c configs/summary-md.cfg -o summarizer.sentences=4 "
                   "/tmp/lede-e2e-md-$$.txt; rm -f /tmp/lede-e2e-md-$$.txt");
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "\n- \\> This quoted sentence"));
    assert_non_null(strstr(r.out, "\n- 2020\\. was a year"));
    assert_non_null(strstr(r.out, "\n- \\# Hash starts"));
    assert_non_null(strstr(r.out, "\n- \\~~~ Tildes"));
    done(&r);
}

/* Writes text to path, failing the test when it cannot. */
static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(text, 1, strlen(text), f), strlen(text));
    assert_int_equal(fclose(f), 0);
}

/* The Markdown title and the summary agree on what a headline is (markdown.c,
 * looks_like_headline; summarizer/model.c, mark_eligible): PolNeAR's Title Case headline
 * with a final stop is the title and not a bullet; a sentence-case one is neither a title
 * nor left out of the summary. */
static void test_markdown_title_and_summary_agree_on_the_headline(void **state)
{
    (void)state;
    char path[64];
    snprintf(path, sizeof path, "/tmp/lede-e2e-head-%d.txt", (int)getpid());
    write_file(path,
               "Pat Caddell: Democrat Voters Worried About Hillary Clinton\u2019s Health Issues; "
               "It\u2019s \u2018in Their Heads.\u2019\n\n"
               "In offering analysis of the ongoing presidential election, longtime Democratic "
               "pollster Pat Caddell told Breitbart News Daily host Alex Marlow on Thursday how "
               "surprised he is that health has been at the forefront.\n\n"
               "\u201cOne of the things I am surprised about is apparently how much the health "
               "issue has affected this race, or seems to be affecting it,\u201d said Caddell.\n");
    result r = run("$LEDE run -c configs/summary-md.cfg %s", path);
    assert_int_equal(r.status, 0);
    assert_int_equal(strncmp(r.out, "# Pat Caddell: Democrat Voters", 30), 0);
    assert_null(strstr(r.out, "\n- Pat Caddell:"));
    assert_non_null(strstr(r.out, "\n- In offering analysis"));
    done(&r);
    write_file(path, "Green Party candidate Jill Stein removed from N.Y. debate site by police.\n\n"
                     "Stein, who\u2019s ineligible to participate in the event because she did not "
                     "meet the Commission on Presidential Debates\u2019 15 percent polling "
                     "threshold, boarded a shuttle bus meant for news media.\n");
    r = run("$LEDE run -c configs/summary-md.cfg %s", path);
    unlink(path);
    assert_int_equal(r.status, 0);
    assert_int_equal(strncmp(r.out, "# /tmp/lede-e2e-head-", 21), 0);
    assert_non_null(strstr(r.out, "\n- Green Party candidate Jill Stein"));
    done(&r);
}

static void test_config_typo_is_caught_before_reading_input(void **state)
{
    (void)state;
    result r = run("sed 's/format = \"json\"/fromat = \"json\"/' configs/default.cfg > "
                   "$E-typo.cfg && $LEDE check -c $E-typo.cfg");
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err, "-typo.cfg:"));
    assert_non_null(
        strstr(r.err, ": stage 'exporter': unknown option 'fromat' (did you mean 'format'?)"));
    done(&r);
    r = run("$LEDE check -c configs/default.cfg");
    assert_int_equal(r.status, 0);
    done(&r);
    expect_run("$LEDE run -p 'summarizer ! exporter' " SAMPLE, 2,
               "stage 'summarizer' needs 'token', which no earlier stage "
               "provides: put 'tokenizer' before it");
}

/* `lede check` validates and writes nothing: an output file named in the config keeps its
 * contents, and so does it when a run's setup fails at a later stage; a run that starts
 * writes it, the CSV header first, even without documents. */
static void test_check_and_failed_setups_leave_output_files_alone(void **state)
{
    (void)state;
    char keep[64], ok[64], bad[64];
    snprintf(keep, sizeof keep, "/tmp/lede-e2e-keep-%d.csv", (int)getpid());
    snprintf(ok, sizeof ok, "/tmp/lede-e2e-ok-%d.cfg", (int)getpid());
    snprintf(bad, sizeof bad, "/tmp/lede-e2e-bad-%d.cfg", (int)getpid());
    FILE *f = fopen(ok, "w");
    assert_non_null(f);
    fprintf(f,
            "pipeline = ( { stage = \"tokenizer\"; }, { stage = \"quotes\"; },\n"
            "  { stage = \"exporter\"; format = \"csv\"; output = \"%s\"; } );\n",
            keep);
    fclose(f);
    f = fopen(bad, "w");
    assert_non_null(f);
    fprintf(f,
            "pipeline = ( { stage = \"tokenizer\"; },\n"
            "  { stage = \"exporter\"; format = \"csv\"; output = \"%s\"; },\n"
            "  { stage = \"summarizer\"; language = \"klingon\"; } );\n",
            keep);
    fclose(f);
    result r = run("echo KEEP > %s && $LEDE check -c %s && cat %s && "
                   "{ $LEDE run -c %s " SAMPLE "; echo status $?; cat %s; } && "
                   "$LEDE run -c %s -i ndjson < /dev/null && cat %s",
                   keep, ok, keep, bad, keep, ok, keep);
    assert_int_equal(r.status, 0);
    /* check prints its verdict and no CSV header; the failed run leaves KEEP; the run
     * without documents writes the header alone. */
    assert_non_null(strstr(r.out, ".cfg: OK (3 stages)\nKEEP\nstatus 2\nKEEP\nid,quote_index,"));
    assert_non_null(strstr(r.err, "libstemmer has no language 'klingon'"));
    done(&r);
    unlink(keep);
    unlink(ok);
    unlink(bad);
    expect_run("$LEDE check -p 'tokenizer ! exporter output=/nonexistent-dir/x.json'", 2,
               "cannot open '/nonexistent-dir/x.json' for writing");
}

/* What real exports look like: a byte order mark before the first record (Windows tools),
 * ids of the wrong type (said, not silently replaced), and a directory of .ndjson files
 * read in text mode (nothing found: a warning, not a silent empty run). */
static void test_ndjson_odd_inputs_are_read_or_named(void **state)
{
    (void)state;
    result r = run("printf '\\357\\273\\277{\"id\":\"a\",\"text\":\"One.\"}\\n"
                   "{\"id\":{\"x\":1},\"text\":\"Two.\"}\\n' | "
                   "$LEDE run -i ndjson -p 'tokenizer ! exporter format=ndjson'");
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "{\"id\":\"a\",\"sentences\":[{\"start\":0,\"end\":4,"));
    assert_non_null(strstr(r.out, "{\"id\":\"2\","));
    assert_non_null(
        strstr(r.err, "document \"2\": line 2: field 'id' is not a string or a number"));
    done(&r);
    r = run("d=/tmp/lede-e2e-nd-$$ && mkdir -p $d && echo '{\"text\":\"One.\"}' > $d/a.ndjson && "
            "$LEDE run -p 'tokenizer ! exporter' $d; echo status $?; "
            "$LEDE run -i ndjson -p 'tokenizer ! exporter format=ndjson' $d; rm -rf $d");
    assert_non_null(strstr(r.err, "warning: no documents found in the inputs named (in text mode"));
    assert_non_null(strstr(r.out, "status 0\n{\"id\":"));
    done(&r);
    /* An NDJSON file named with a text config is one document of JSON text: a warning says
     * so and how to read it (-q leaves it out); the record is still written. */
    r = run("echo '{\"id\":\"a\",\"text\":\"One.\"}' > $E-b.ndjson && "
            "$LEDE run -c configs/default.cfg $E-b.ndjson && "
            "$LEDE run -q -c configs/default.cfg $E-b.ndjson 2>&1 >/dev/null | wc -c");
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.err, "-b.ndjson is read as one text document (input is \"text\"); "
                                  "--input ndjson reads a record per line\n"));
    assert_non_null(strstr(r.out, "-b.ndjson\",\n"));
    assert_non_null(strstr(r.out, "}\n0\n"));
    done(&r);
    /* An empty file named in NDJSON mode: the warning is about the file, not directories. */
    r = run(": > $E-e.ndjson && $LEDE run -c configs/batch-ndjson.cfg $E-e.ndjson");
    assert_int_equal(r.status, 0);
    assert_string_equal(r.err, "lede: warning: no documents found in the inputs named (no record: "
                               "empty, or blank lines only)\n");
    done(&r);
    /* Blank lines only (some with CR) are no record either; a named file from a Windows
     * tool, a byte order mark and CRLF line ends, is read as it is meant. */
    r = run("printf '\\n  \\r\\n\\n' > $E-bl.ndjson && $LEDE run -c configs/batch-ndjson.cfg "
            "$E-bl.ndjson");
    assert_int_equal(r.status, 0);
    assert_string_equal(r.out, "");
    assert_string_equal(r.err, "lede: warning: no documents found in the inputs named (no record: "
                               "empty, or blank lines only)\n");
    done(&r);
    r = run("printf '\\357\\273\\277{\"id\":\"a\",\"text\":\"One.\"}\\r\\n\\r\\n"
            "{\"id\":\"b\",\"text\":\"Two.\"}\\r\\n' > $E-crlf.ndjson && "
            "$LEDE run -i ndjson -p 'tokenizer ! exporter format=ndjson' $E-crlf.ndjson");
    assert_int_equal(r.status, 0);
    assert_string_equal(r.err, "");
    assert_string_equal(r.out,
                        "{\"id\":\"a\",\"sentences\":[{\"start\":0,\"end\":4,\"text\":"
                        "\"One.\",\"paragraph\":0}],\"paragraphs\":[{\"start\":0,\"end\":4}]}\n"
                        "{\"id\":\"b\",\"sentences\":[{\"start\":0,\"end\":4,\"text\":"
                        "\"Two.\",\"paragraph\":0}],\"paragraphs\":[{\"start\":0,\"end\":4}]}\n");
    done(&r);
    /* A file that is one JSON array: one line of stderr (its opening one) says how to make
     * NDJSON of it, not every line. */
    r = run("printf '[\\n  {\"id\": \"a\", \"text\": \"One.\"},\\n  {\"id\": \"b\", "
            "\"text\": \"Two.\"}\\n]\\n' > $E-arr.json && "
            "$LEDE run -i ndjson -p 'tokenizer ! exporter format=ndjson' $E-arr.json");
    assert_int_equal(r.status, 1);
    assert_non_null(strstr(r.err, "document \"1\": reader: line 1: not a valid JSON object: byte "
                                  "1: a record must be a JSON object ("));
    assert_non_null(strstr(r.err, "...}), not an array: a file that is one JSON array becomes "
                                  "NDJSON with jq -c '.[]' FILE.json > FILE.ndjson\n"));
    const char *jq = strstr(r.err, "jq -c");
    assert_null(strstr(jq + 1, "jq -c"));
    assert_non_null(strstr(r.err, "line 2: not a valid JSON object: byte 30: unexpected data "
                                  "after the object\n"));
    done(&r);
    r = run("$LEDE run -c configs/batch-ndjson.cfg " SAMPLE " 2>&1 >/dev/null | head -1");
    assert_string_equal(r.out, "lede: warning: " SAMPLE " is read as NDJSON, a JSON record per "
                               "line (input is \"ndjson\"); --input text reads it as one "
                               "document\n");
    done(&r);
}

/* An output file inside the input directory is not read back (it would grow as it is
 * read), whether an exporter names it or standard output is redirected to it. */
static void test_outputs_inside_the_input_directory_are_not_read(void **state)
{
    (void)state;
    result r =
        run("d=/tmp/lede-e2e-loop-$$ && rm -rf $d && mkdir $d && "
            "printf '{\"id\":\"a\",\"text\":\"One.\"}\\n{\"id\":\"b\",\"text\":\"Two.\"}\\n' "
            "> $d/a.ndjson && "
            "$LEDE run -i ndjson -p \"tokenizer ! exporter format=ndjson output=%s\" $d && "
            "$LEDE run -i ndjson -p \"tokenizer ! exporter format=ndjson output=%s\" $d && "
            "wc -l < $d/out.ndjson && rm $d/out.ndjson && "
            "$LEDE run -i ndjson -p 'tokenizer ! exporter format=ndjson' $d > $d/std.ndjson && "
            "wc -l < $d/std.ndjson; rm -rf $d",
            "$d/out.ndjson", "$d/out.ndjson");
    assert_int_equal(r.status, 0);
    assert_string_equal(r.out, "2\n2\n");
    assert_non_null(strstr(r.err, "/out.ndjson\" is an output of this run: not read"));
    assert_non_null(strstr(r.err, "/std.ndjson\" is an output of this run: not read"));
    done(&r);
    /* Named on the command line, it is refused before the output could truncate it. */
    r = run("d=/tmp/lede-e2e-same-$$ && rm -rf $d && mkdir $d && echo '{\"text\":\"One.\"}' > "
            "$d/in.ndjson && $LEDE run -i ndjson -p \"tokenizer ! exporter format=ndjson "
            "output=$d/in.ndjson\" $d/in.ndjson; echo status $?; wc -c < $d/in.ndjson; "
            /* One file named two ways is one sink, which two stages may not share: CSV rows
             * between NDJSON lines would be neither. Refused before anything is written. */
            "cd $d && $LEDE run -i ndjson -p 'tokenizer ! exporter format=ndjson output=o.ndjson "
            "! exporter format=csv output=./o.ndjson' in.ndjson; echo status $?; "
            "test -e o.ndjson || echo none; cd / && rm -rf $d");
    assert_non_null(strstr(r.err, "input '/tmp/lede-e2e-same-"));
    assert_non_null(strstr(r.err, "in.ndjson' is also an output of this run"));
    assert_non_null(strstr(r.err, "output './o.ndjson' is written already by stage 'exporter'"));
    assert_non_null(strstr(r.out, "status 2\n16\nstatus 2\nnone\n"));
    done(&r);
}

static void test_broken_stages_report_the_real_reason(void **state)
{
    (void)state;
    /* A stage after the exporter fails a document: its success record is withdrawn and
     * the error record written in its place, one record per input as ever. */
    result f =
        run("printf '{\"id\":\"a\",\"text\":\"FAIL_HERE\"}\\n{\"id\":\"b\",\"text\":\"ok\"}\\n' | "
            "LEDE_PLUGIN_PATH=$LEDE_TEST_STAGES $LEDE run -i ndjson -p "
            "'tokenizer ! exporter format=ndjson ! teststage_ok'");
    assert_int_equal(f.status, 1);
    assert_true(strncmp(f.out, "{\"id\":\"a\",\"error\":{\"stage\":\"teststage_ok\"", 40) == 0);
    assert_null(strstr(f.out, "FAIL_HERE\",\"paragraph"));
    assert_non_null(strstr(f.out, "\n{\"id\":\"b\",\"sentences\""));
    done(&f);
    /* A stage that takes memory without end on a small document stops at that document's
     * cap (256 MiB + 64 x its text, not the largest document's), and its own message
     * survives the exhausted arena. */
    result h = run("echo HOG_HERE | LEDE_PLUGIN_PATH=$LEDE_TEST_STAGES $LEDE run -p "
                   "'teststage_fault ! exporter format=ndjson'");
    assert_int_equal(h.status, 1);
    assert_non_null(strstr(h.out, "\"stage\":\"teststage_fault\",\"message\":\"the arena "
                                  "refused more after 25"));
    done(&h);
    /* A write outside the document's output from process() is refused (with workers it
     * would land out of order or, isolated, nowhere): the document fails, the run goes on. */
    result w =
        run("printf '{\"id\":\"a\",\"text\":\"WRITE_HERE\"}\\n{\"id\":\"b\",\"text\":\"ok\"}\\n' | "
            "LEDE_PLUGIN_PATH=$LEDE_TEST_STAGES $LEDE run -i ndjson -p "
            "'teststage_ok ! exporter format=ndjson'");
    assert_int_equal(w.status, 1);
    assert_null(strstr(w.out, "WRITE_HERE"));
    assert_non_null(strstr(w.out, "lede_ctx_write is for create() and finish()"));
    assert_non_null(strstr(w.out, "{\"id\":\"b\""));
    done(&w);
    /* A stage that provides a layer a later stage requires, and returns without it, fails
     * that document: the later stage would read the layer as empty. With no stage requiring
     * it, the layer may depend on an option (entities mentions=true) and nothing fails. */
    result g =
        run("printf '{\"id\":\"a\",\"text\":\"FORGET_HERE\"}\\n{\"id\":\"b\",\"text\":"
            "\"ok\"}\\n' > $E.in && LEDE_PLUGIN_PATH=$LEDE_TEST_STAGES $LEDE run -i ndjson -p "
            "'teststage_ok ! teststage_usesmark ! exporter format=ndjson' $E.in; echo "
            "status $?; LEDE_PLUGIN_PATH=$LEDE_TEST_STAGES $LEDE run -i ndjson -p "
            "'teststage_ok ! exporter format=ndjson' $E.in; echo status $?; rm -f $E.in");
    assert_non_null(strstr(g.out, "{\"id\":\"a\",\"error\":{\"stage\":\"teststage_ok\",\"message\":"
                                  "\"the stage provides 'mark' (its descriptor says so), which a "
                                  "later stage requires, but did not set it on this document "
                                  "(is an option that adds it off? see lede inspect)\"}}"));
    assert_non_null(strstr(g.out, "\n{\"id\":\"b\",\"mark\":[]}\nstatus 1\n{\"id\":\"a\"}\n"
                                  "{\"id\":\"b\",\"mark\":[]}\nstatus 0\n"));
    done(&g);
    expect_run("LEDE_PLUGIN_PATH=$LEDE_TEST_STAGES $LEDE run -p teststage_abi " SAMPLE, 2,
               "teststage_abi.so: stage built for lede stage ABI");
    expect_run("LEDE_PLUGIN_PATH=$LEDE_TEST_STAGES $LEDE run -p teststage_nodesc " SAMPLE, 2,
               "is not a lede stage");
    expect_run("LEDE_PLUGIN_PATH=$LEDE_TEST_STAGES $LEDE run -p teststage_missingdep " SAMPLE, 2,
               "libledetestdep.so: cannot open shared object file");
}

static void test_stages_and_inspect_describe_the_build_tree(void **state)
{
    (void)state;
    result r = run("$LEDE stages");
    assert_int_equal(r.status, 0);
    const char *names[] = {"tokenizer", "quotes", "summarizer", "exporter"};
    for (int i = 0; i < 4; i++) {
        char want[128];
        snprintf(want, sizeof want, "lib/lede/stages/%s.so", names[i]);
        assert_non_null(strstr(r.out, want));
    }
    done(&r);
    r = run("$LEDE inspect exporter");
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "format"));
    assert_non_null(strstr(r.out, "choices: json ndjson markdown csv"));
    assert_non_null(strstr(r.out, "{ stage = \"exporter\";"));
    assert_non_null(strstr(r.out, "\nFlags:       renders-errors shareable\n"));
    done(&r);
    r = run("$LEDE inspect quotes && $LEDE inspect tokenizer");
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "\nFlags:       shareable\n"));
    assert_non_null(strstr(r.out, "  abbreviations      string default: \"\"\n"));
    done(&r);
}

static void test_overrides_change_options_from_the_command_line(void **state)
{
    (void)state;
    result r = run("$LEDE run -c configs/default.cfg -o summarizer.sentences=1 "
                   "-o exporter.pretty=false " SAMPLE);
    assert_int_equal(r.status, 0);
    assert_non_null(strchr(r.out, '\n'));
    assert_true(strchr(r.out, '\n')[1] == '\0'); /* one line: not pretty */
    json_t *doc = parse_json(r.out);
    assert_int_equal(json_array_size(json_object_get(doc, "summary")), 1);
    json_decref(doc);
    done(&r);
}

static void test_invalid_utf8_is_replaced_with_a_warning(void **state)
{
    (void)state;
    result r = run("printf 'Bad \\377 byte. \"Quote,\" he said.' > $E-bad.txt && "
                   "$LEDE run -c configs/default.cfg $E-bad.txt");
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.err, "-bad.txt\": invalid UTF-8 at byte offset 4"));
    json_t *doc = parse_json(r.out);
    assert_non_null(json_object_get(doc, "warnings"));
    json_decref(doc);
    done(&r);
}

static void test_scraped_markup_stays_out_of_sentence_text(void **state)
{
    (void)state;
    /* issue #3: the text of a sentence leaves out the furniture the tokenizer skipped; its
     * span is still the raw one, and the tokenizer's note of what it skipped is not output */
    result r = run("printf 'It is</em>! Prices rose\\\\r\\\\nSharply.\\n' | "
                   "$LEDE run -p 'tokenizer ! exporter format=ndjson' -");
    assert_int_equal(r.status, 0);
    json_t *doc = parse_json(r.out), *sents = json_object_get(doc, "sentences");
    json_t *first = json_array_get(sents, 0);
    assert_int_equal(json_array_size(sents), 2);
    assert_string_equal(json_string_value(json_object_get(first, "text")), "It is!");
    assert_int_equal(json_integer_value(json_object_get(first, "end")), 11);
    assert_string_equal(json_string_value(json_object_get(json_array_get(sents, 1), "text")),
                        "Prices rose Sharply.");
    assert_int_equal(json_object_size(doc), 3); /* id, sentences, paragraphs */
    json_decref(doc);
    done(&r);
}

static void test_token_forms_are_a_layer_in_ndjson(void **state)
{
    (void)state;
    /* issue #3: lower-cased and NFC forms (tokenizer lower, nfc) come out as the generic
     * layer "forms", one span a token, an attribute only where it differs from the text */
    result r = run("printf 'Iran\\342\\200\\231s CAFE\\314\\201 said.\\n' | "
                   "$LEDE run -p 'tokenizer clitics=true lower=true nfc=true ! "
                   "exporter format=ndjson tokens=true' -");
    assert_int_equal(r.status, 0);
    json_t *doc = parse_json(r.out), *forms = json_object_get(doc, "forms");
    json_t *tokens = json_object_get(doc, "tokens");
    assert_int_equal(json_array_size(forms), 5); /* Iran ’s CAFÉ said . */
    assert_int_equal(json_array_size(tokens), 5);
    for (size_t i = 0; i < 5; i++) {
        json_t *f = json_array_get(forms, i), *t = json_array_get(tokens, i);
        assert_true(json_equal(json_object_get(f, "start"), json_object_get(t, "start")));
        assert_true(json_equal(json_object_get(f, "end"), json_object_get(t, "end")));
        assert_true(json_equal(json_object_get(f, "text"), json_object_get(t, "text")));
    }
    json_t *iran = json_array_get(forms, 0), *cafe = json_array_get(forms, 2);
    assert_string_equal(json_string_value(json_object_get(iran, "lower")), "iran");
    assert_null(json_object_get(iran, "nfc"));
    assert_int_equal(json_object_size(json_array_get(forms, 1)), 3); /* ’s: start, end, text */
    assert_string_equal(json_string_value(json_object_get(cafe, "nfc")), "CAF\xC3\x89");
    assert_string_equal(json_string_value(json_object_get(cafe, "lower")), "caf\xC3\xA9");
    json_decref(doc);
    done(&r);
}

static void test_output_failures_are_reported_or_quiet(void **state)
{
    (void)state;
    expect_run("$LEDE run -c configs/default.cfg " SAMPLE " " SAMPLE " > /dev/full", 1,
               "No space left on device");
    result r = run("bash -c '$LEDE run -c configs/default.cfg " SAMPLE " " SAMPLE
                   " | head -1 >/dev/null; exit ${PIPESTATUS[0]}'");
    assert_true(r.status < 128); /* no crash, no signal */
    assert_null(strstr(r.err, "Broken pipe"));
    done(&r);
}

static void test_configs_work_from_an_install(void **state)
{
    (void)state;
    result r =
        run("rm -rf $E-prefix && '%s' --install '%s' --prefix $E-prefix "
            ">/dev/null && cd /tmp && for c in default batch-ndjson quotes-csv summary-md; do "
            "$E-prefix/bin/lede check -c $E-prefix/share/lede/configs/$c.cfg "
            "|| exit 9; done && $E-prefix/bin/lede run -c "
            "$E-prefix/share/lede/configs/quotes-csv.cfg '%s/" SAMPLE "' && "
            "$E-prefix/bin/lede stages",
            CMAKE_COMMAND, LEDE_BINARY_DIR, LEDE_SOURCE_DIR);
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "hundreds"));
    assert_non_null(strstr(r.out, "-prefix/lib/lede/stages"));
    assert_null(strstr(r.out, LEDE_BINARY_DIR "/lib/lede/stages")); /* its own stages only */
    done(&r);
    r = run("rm -rf $E-prefix");
    done(&r);
}

static void test_isolate_contains_crashes_aborts_and_hangs(void **state)
{
    (void)state;
    result r =
        run("printf '%%s\\n' '{\"id\":\"a\",\"text\":\"Fine.\"}' "
            "'{\"id\":\"b\",\"text\":\"SEGV_HERE\"}' '{\"id\":\"c\",\"text\":\"ok\"}' "
            "'{\"id\":\"d\",\"text\":\"ABORT_HERE\"}' '{\"id\":\"e\",\"text\":\"HANG_HERE\"}' "
            "'{\"id\":\"f\",\"text\":\"last\"}' | LEDE_PLUGIN_PATH=$LEDE_TEST_STAGES "
            "$LEDE run --isolate --timeout 1 -j 2 -i ndjson "
            "-p 'tokenizer ! teststage_fault ! exporter format=ndjson'");
    assert_int_equal(r.status, 1);
    const char *ids = "abcdef";
    char *save = NULL, *line;
    int n = 0;
    for (line = strtok_r(r.out, "\n", &save); line; line = strtok_r(NULL, "\n", &save), n++) {
        json_t *j = parse_json(line);
        char id[2] = {ids[n], 0};
        assert_string_equal(json_string_value(json_object_get(j, "id")), id);
        json_t *e = json_object_get(j, "error");
        if (strchr("bde", ids[n])) {
            assert_non_null(e);
            assert_string_equal(json_string_value(json_object_get(e, "stage")), "teststage_fault");
            const char *msg = json_string_value(json_object_get(e, "message"));
            /* A crash reads "crashed with signal N" (or, under a sanitizer that catches the
             * signal, "the worker process exited"): both name the worker process. */
            assert_non_null(
                strstr(msg, ids[n] == 'e' ? "per-document time limit of 1 s" : "worker process"));
        } else {
            assert_null(e);
        }
        json_decref(j);
    }
    assert_int_equal(n, 6);
    done(&r);
}

/* A run of many documents where one hangs: every record finished before it (enough to sit
 * in stdio's buffer), one error record for it and every record after, in input order, with
 * one worker process or two, set on the command line or in the config; the hang in the
 * middle written to a file, the hang last to a pipe. */
static void test_isolate_keeps_the_records_finished_before_a_hang(void **state)
{
    (void)state;
    result r = run(
        "printf 'input = \"ndjson\";\\nisolate = true;\\ndoc_timeout = 1.0;\\nworkers = 1;\\n"
        "pipeline = ({ stage = \"tokenizer\"; }, { stage = \"teststage_fault\"; }, "
        "{ stage = \"exporter\"; format = \"ndjson\"; });\\n' > $E-hang.cfg && "
        "for h in 300 320; do "
        "awk -v h=$h 'BEGIN { for (i = 1; i <= 320; i++) if (i == h) "
        "print \"{\\\"id\\\":\\\"\" i \"\\\",\\\"text\\\":\\\"HANG_HERE\\\"}\"; "
        "else print \"{\\\"id\\\":\\\"\" i \"\\\",\\\"text\\\":\\\"Good number \" i \".\\\"}\" }' "
        "> $E-hang.ndjson && seq 320 > $E-hang.ids && "
        "for o in '-j 1' '-j 2' '-c $E-hang.cfg' '-c $E-hang.cfg -j 2'; do "
        "case $o in -c*) p=;; *) p=\"--isolate --timeout 1 -i ndjson -p 'tokenizer ! "
        "teststage_fault ! exporter format=ndjson'\";; esac; "
        "to=file; [ $h = 320 ] && to=pipe; "
        "if [ $to = file ]; then eval LEDE_PLUGIN_PATH=$LEDE_TEST_STAGES $LEDE run -q $o $p "
        "$E-hang.ndjson > $E-hang.out; else eval LEDE_PLUGIN_PATH=$LEDE_TEST_STAGES $LEDE run "
        "-q $o $p $E-hang.ndjson | cat > $E-hang.out; fi; "
        "sed 's/^{\"id\":\"\\([0-9]*\\)\",.*/\\1/' $E-hang.out | cmp -s - $E-hang.ids && "
        "[ \"$(grep -c '\"error\"' $E-hang.out)\" = 1 ] && "
        "grep -q \"^{\\\"id\\\":\\\"$h\\\",\\\"error\\\".*per-document time limit\" "
        "$E-hang.out && echo \"ok $h $o $to\" || echo \"LOST $h $o $to\"; "
        "done; done");
    if (strstr(r.out, "LOST"))
        fail_msg("%s", r.out);
    int n = 0;
    for (const char *p = r.out; (p = strstr(p, "ok ")); p++)
        n++;
    assert_int_equal(n, 8);
    done(&r);
}

static void test_two_workers_give_the_single_worker_output(void **state)
{
    (void)state;
    result r = run("for i in 1 2 3 4 5 6 7 8; do cat " SAMPLE "; done > $E-many.txt; "
                   "for j in 1 2 3; do $LEDE run -c configs/batch-ndjson.cfg -i text -j $j " SAMPLE
                   " $E-many.txt " SAMPLE " > $E-j$j.out || exit 1; done; "
                   "cmp $E-j1.out $E-j2.out && "
                   "cmp $E-j1.out $E-j3.out && wc -l < $E-j1.out");
    assert_int_equal(r.status, 0);
    assert_int_equal(atoi(r.out), 3);
    done(&r);
}

/* With workers, what the reader says about records (a bad line, no id, a lone surrogate in
 * an id) goes to stderr in input order, between the documents' own failures, as with one
 * worker: the warnings are said when the record is written, not when it is read. */
static void test_workers_say_reader_warnings_in_input_order(void **state)
{
    (void)state;
    result r =
        run("for i in $(seq 1 80); do t=\"Record $i says that the minister said so. $(seq -s ' ' 1 "
            "$((i * 7 % 300)))\"; case $((i % 5)) in 0) echo "
            "\"{\\\"id\\\":\\\"b$i\\\",\\\"text\\\":\";; "
            "2) echo \"{\\\"text\\\":\\\"$t\\\"}\";; 3) echo \"{\\\"id\\\":\\\"x\\\\ud800$i\\\","
            "\\\"text\\\":\\\"$t\\\"}\";; *) echo "
            "\"{\\\"id\\\":\\\"d$i\\\",\\\"text\\\":\\\"$t\\\"}\";; "
            "esac; done > $E-warn.ndjson; "
            "for j in 1 2 3; do $LEDE run -c configs/batch-ndjson.cfg -j $j $E-warn.ndjson "
            "$E-warn.ndjson "
            "> $E-w$j.out 2> $E-w$j.err; done; "
            "cmp $E-w1.out $E-w2.out && cmp $E-w1.out $E-w3.out && cmp $E-w1.err $E-w2.err && "
            "cmp $E-w1.err $E-w3.err && grep -c 'lone surrogate' $E-w1.err");
    assert_int_equal(r.status, 0);
    assert_int_equal(atoi(r.out), 32);
    done(&r);
}

static void test_a_huge_record_in_pieces_is_the_whole_record(void **state)
{
    /* A text over 1 MiB goes out in pieces while it is the next document due (issue #6);
     * --isolate keeps every record whole: all must give the same bytes, with small
     * documents before and after it, pretty JSON or NDJSON, one worker or several. */
    (void)state;
    result r =
        run("i=0; while [ $i -lt 200 ]; do cat " SAMPLE "; i=$((i+1)); done > $E-huge.txt; "
            "for c in batch-ndjson default; do "
            "for o in '--isolate' '-j 1' '-j 2' '-j 3'; do $LEDE run -c configs/$c.cfg -i text "
            "$o " SAMPLE " $E-huge.txt " SAMPLE " > \"$E-huge$o.out\" || exit 1; done; "
            "cmp $E-huge--isolate.out \"$E-huge-j 1.out\" && "
            "cmp $E-huge--isolate.out \"$E-huge-j 2.out\" && "
            "cmp $E-huge--isolate.out \"$E-huge-j 3.out\" || exit 1; done; "
            "wc -c < $E-huge--isolate.out");
    assert_int_equal(r.status, 0);
    assert_true(atol(r.out) > 2000000);
    done(&r);
    for (int j = 1; j <= 2; j++) {
        r = run("$LEDE run -c configs/batch-ndjson.cfg -i text -j %d " SAMPLE
                " $E-huge.txt > /dev/full",
                j);
        assert_int_equal(r.status, 1);
        assert_non_null(strstr(r.err, "No space left on device"));
        done(&r);
        r = run("bash -c '$LEDE run -c configs/batch-ndjson.cfg -i text -j %d "
                "$E-huge.txt " SAMPLE " | head -c 1000 >/dev/null; exit ${PIPESTATUS[0]}'",
                j);
        assert_true(r.status < 128);
        assert_null(strstr(r.err, "Broken pipe"));
        done(&r);
    }
    r = run("rm -f $E-huge*");
    done(&r);
}

static void test_gnu_parallel_pipe_gives_the_same_records(void **state)
{
    (void)state;
    result r =
        run("command -v parallel >/dev/null || { echo 'GNU parallel missing' >&2; exit 77; }; "
            "i=0; while [ $i -lt 120 ]; do printf '{\"id\":\"doc%%d\",\"text\":\"%%s said: "
            "\\u201cItem %%d is ready.\\u201d Then it shipped.\"}\\n' $i Ann $i; i=$((i+1)); "
            "done > $E-par.ndjson && "
            "$LEDE run -c configs/batch-ndjson.cfg < $E-par.ndjson | sort > "
            "$E-par1.out && parallel --pipe -N 25 -j 2 --will-cite $LEDE run -c "
            "configs/batch-ndjson.cfg < $E-par.ndjson | sort > $E-par2.out "
            "&& cmp $E-par1.out $E-par2.out && wc -l < $E-par2.out");
    if (r.status == 77) {
        done(&r);
        skip();
    }
    assert_int_equal(r.status, 0);
    assert_int_equal(atoi(r.out), 120);
    done(&r);
}

/* A stage that writes standard output without opening it (teststage_render: lede_doc_output(doc,
 * 0)) next to an exporter that opened it would interleave its lines with the records: each
 * document fails, naming the stage, and standard output holds the records alone, in-process or
 * isolated, also when the stage flushes its line at once (b: FLUSH_HERE). Alone on standard output,
 * or beside an exporter writing a file, it writes. */
static void test_a_stage_writing_standard_output_unopened_beside_its_owner_fails(void **state)
{
    (void)state;
    for (int iso = 0; iso < 2; iso++) {
        result r = run("printf '%%s\\n' '{\"id\":\"a\",\"text\":\"One.\"}' "
                       "'{\"id\":\"b\",\"text\":\"Two. FLUSH_HERE\"}' | "
                       "LEDE_PLUGIN_PATH=$LEDE_TEST_STAGES "
                       "$LEDE run %s -i ndjson -p 'tokenizer ! teststage_render ! exporter "
                       "format=ndjson'",
                       iso ? "--isolate -j 2" : "");
        assert_int_equal(r.status, 1);
        char *save = NULL, *line;
        int n = 0;
        for (line = strtok_r(r.out, "\n", &save); line; line = strtok_r(NULL, "\n", &save), n++) {
            json_t *j = parse_json(line);
            assert_string_equal(json_string_value(json_object_get(j, "id")), n ? "b" : "a");
            json_t *e = json_object_get(j, "error");
            assert_string_equal(json_string_value(json_object_get(e, "stage")), "teststage_render");
            assert_non_null(strstr(json_string_value(json_object_get(e, "message")),
                                   "wrote to standard output without opening it, where stage "
                                   "'exporter' writes"));
            json_decref(j);
        }
        assert_int_equal(n, 2);
        done(&r);
    }
    result r = run("echo 'One.' | LEDE_PLUGIN_PATH=$LEDE_TEST_STAGES $LEDE run -p 'tokenizer ! "
                   "teststage_render'; echo 'One.' | LEDE_PLUGIN_PATH=$LEDE_TEST_STAGES $LEDE run "
                   "-p \"tokenizer ! teststage_render ! exporter format=ndjson output=$E-own.out\" "
                   "&& grep -c '\"sentences\"' $E-own.out");
    assert_int_equal(r.status, 0);
    assert_string_equal(r.out, "-\tok\t0\n-\tok\t0\n1\n");
    done(&r);
}

/* A document's id is the user's data (a file name, an NDJSON field): a newline, a terminal
 * escape or invalid UTF-8 in it must not break or forge the log line that names it. Each
 * per-document line on stderr shows the id as a JSON string, as the record does, and the
 * message (which may repeat the id) with the same escapes but for quotation marks and
 * backslashes, which it shows as they are (a message quoting JSON stays readable). */
static void test_document_ids_on_stderr_are_escaped(void **state)
{
    (void)state;
    result r = run("printf '%%s\\n' '{\"id\":\"a\\nlede: forged\",\"text\":\"BAD one.\"}' "
                   "'{\"id\":\"x\\u001b[31my\",\"text\":\"BAD two.\"}' '42' | "
                   "LEDE_PLUGIN_PATH=$LEDE_TEST_STAGES $LEDE run -i ndjson "
                   "-p 'tokenizer ! teststage_crash ! exporter format=ndjson'; "
                   "mkdir -p $E-ids && printf 'BAD \\377 text.' > \"$(printf '%%s/n\\nm\\377.txt' "
                   "$E-ids)\" && LEDE_PLUGIN_PATH=$LEDE_TEST_STAGES $LEDE run "
                   "-p 'tokenizer ! teststage_crash ! exporter format=ndjson' $E-ids");
    assert_int_equal(r.status, 1);
    assert_non_null(
        strstr(r.err, "lede: document \"a\\nlede: forged\": teststage_crash: document contains "
                      "BAD\n"));
    assert_non_null(strstr(r.err, "lede: document \"x\\u001b[31my\": teststage_crash: "));
    assert_non_null(strstr(r.err, "lede: document \"3\": reader: line 3: not a valid JSON object: "
                                  "byte 1: a record must be a JSON object ({\"id\": ..., "
                                  "\"text\": ...})\n"));
    assert_non_null(strstr(r.err, "-ids/n\\nm\xef\xbf\xbd.txt\": invalid UTF-8 at byte offset 4"));
    assert_non_null(strstr(r.err, "-ids/n\\nm\xef\xbf\xbd.txt\": teststage_crash: "));
    /* Five documents' lines, each a line of its own, and each run's count of failures. */
    int lines = 0;
    for (const char *p = r.err; *p; p = strchr(p, '\n') + 1, lines++)
        if (strncmp(p, "lede: ", 6) != 0 || !strchr(p, '\n'))
            fail_msg("a line on stderr does not start with 'lede: ': %.200s", p);
    assert_int_equal(lines, 7);
    assert_null(strchr(r.err, '\x1b'));
    assert_null(strstr(r.err, "\xff"));
    done(&r);
}

static void test_usage_errors_exit_2(void **state)
{
    (void)state;
    /* A failed document exits 1, unless --doc-errors-ok (Hadoop, Spark): then 0, the
     * error record still written. */
    result d = run("printf '{\"id\":\"x\",\"text\":\"a\"}\\ngarbage\\n' | "
                   "$LEDE run -c configs/batch-ndjson.cfg; echo status $?; "
                   "printf '{\"id\":\"x\",\"text\":\"a\"}\\ngarbage\\n' | "
                   "$LEDE run -c configs/batch-ndjson.cfg --doc-errors-ok; echo status $?");
    assert_non_null(strstr(d.out, "status 1\n"));
    assert_non_null(strstr(d.out, "\"error\":{\"stage\":\"reader\""));
    assert_non_null(strstr(d.out, "status 0\n"));
    done(&d);
    result r = run("$LEDE frobnicate");
    assert_int_equal(r.status, 2);
    done(&r);
    r = run("$LEDE run " SAMPLE);
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err, "no pipeline"));
    assert_null(strstr(r.err, "put -c before it"));
    done(&r);
    /* A config named without -c, or without the command, is named in the message. */
    r = run("$LEDE run configs/default.cfg " SAMPLE);
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err, "(for the config 'configs/default.cfg', put -c before it)"));
    assert_string_equal(r.out, "");
    done(&r);
    expect_run("$LEDE configs/default.cfg " SAMPLE, 2,
               "unknown command 'configs/default.cfg': to run a config, lede "
               "run -c CONFIG [INPUT...]");
    r = run("$LEDE --version");
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "stage ABI"));
    done(&r);
    /* getopt's messages name the command, and point to --help like lede's own. */
    expect_run("$LEDE run -c configs/default.cfg --bogus " SAMPLE, 2,
               "lede run: unrecognized option '--bogus'\nTry 'lede --help'.");
    expect_run("$LEDE check -c configs/default.cfg -j", 2,
               "lede check: option requires an argument -- 'j'");
    /* check validates and reads nothing: an input given to it is a mistake, not ignored. */
    r = run("$LEDE check -c configs/default.cfg " SAMPLE);
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err, "check reads no input (given '" SAMPLE "')"));
    assert_string_equal(r.out, "");
    done(&r);
    /* --help of every command is its usage, on stdout, status 0. */
    r = run("$LEDE inspect --help && $LEDE stages -h && $LEDE run --help | head -1 && "
            "$LEDE new-stage --help | head -1");
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "usage: lede inspect STAGE\n"));
    assert_non_null(strstr(r.out, "usage: lede stages\n"));
    assert_non_null(strstr(r.out, "usage: lede run "));
    assert_non_null(strstr(r.out, "usage: lede new-stage "));
    assert_string_equal(r.err, "");
    done(&r);
    /* The host names the stage; the stage's own "tokenizer: " is not repeated after it. */
    expect_run("$LEDE run -p 'tokenizer abbreviations=/nonexistent-abbr ! exporter' " SAMPLE, 2,
               "-p stage 1: stage 'tokenizer': cannot read abbreviations "
               "file '/nonexistent-abbr'");
    r = run("LEDE_PLUGIN_PATH=/nonexistent-stages $LEDE stages");
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "search path:\n  /nonexistent-stages (no such directory)\n"));
    done(&r);
    expect_run("$LEDE stages exporter", 2, "stages takes no arguments (given 'exporter')");
}

/* What a data team meets when it joins files and forgets a stage: records stay whole and
 * named, and a pipeline that writes nothing (or drops a stage's work) says so. */
static void test_joined_files_and_pipelines_that_write_nothing(void **state)
{
    (void)state;
    /* cat a.ndjson b.ndjson, where b was saved with a byte order mark. */
    result r = run("printf '{\"id\":\"a\",\"text\":\"One.\"}\\n\\357\\273\\277"
                   "{\"id\":\"b\",\"text\":\"Two.\",\"tag\":1,\"tag\":2}\\n' | "
                   "$LEDE run -i ndjson -p 'tokenizer ! exporter format=ndjson'");
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "{\"id\":\"a\""));
    /* The second record keeps its id; its key given twice is written once, the last value. */
    assert_non_null(strstr(r.out, "{\"id\":\"b\",\"meta\":{\"tag\":2}"));
    assert_null(strstr(r.out, "\"error\""));
    done(&r);
    r = run("echo 'Putin spoke.' | $LEDE run -p tokenizer");
    assert_int_equal(r.status, 0);
    assert_string_equal(r.out, "");
    assert_non_null(strstr(r.err, "warning: no stage of the pipeline writes output"));
    done(&r);
    r = run("echo 'Putin spoke.' | $LEDE run -p 'exporter format=ndjson ! tokenizer'");
    assert_non_null(strstr(r.err,
                           "warning: -p stage 2: stage 'tokenizer' comes after the last stage that "
                           "writes output ('exporter')"));
    done(&r);
    /* Two stages on standard output: CSV rows among NDJSON lines would be neither. */
    r = run("echo 'Putin spoke.' | $LEDE run -p 'tokenizer ! quotes ! exporter format=csv ! "
            "exporter format=ndjson'");
    assert_int_equal(r.status, 2);
    assert_string_equal(r.out, "");
    assert_non_null(strstr(r.err, "output '-' is written already by stage 'exporter'"));
    done(&r);
    /* A stage file renamed by hand cannot be named in a pipeline: listed as broken. */
    r = run("LEDE_PLUGIN_PATH=$LEDE_TEST_STAGES $LEDE stages");
    assert_non_null(strstr(r.out, "teststage_misname.so: the file is named 'teststage_misname' "
                                  "but the stage inside calls itself 'other'; rename one of them"));
    assert_null(strstr(r.out, "  other "));
    done(&r);
    /* --quiet: a million documents with a few bad lines need no line each on stderr; the
     * error records, the exit status and the count at the end still say it. */
    r = run("printf '{\"id\":\"a\",\"text\":\"One.\"}\\n{\"id\":\"b\"}\\n' | $LEDE run -q -i "
            "ndjson -p 'tokenizer ! exporter format=ndjson'");
    assert_int_equal(r.status, 1);
    assert_string_equal(r.err, "lede: 1 of 2 documents failed\n");
    assert_non_null(strstr(r.out, "{\"id\":\"b\",\"error\":{\"stage\":\"reader\""));
    done(&r);
    /* Usage errors say why, in the numbers the user typed. */
    r = run("$LEDE run -p 'tokenizer ! summarizer words=2000000000 ! exporter' x; "
            "$LEDE run -c /nonexistent/lede.cfg x");
    assert_non_null(strstr(r.err, "option 'words' = 2000000000 is out of range [0, 1000000000]"));
    assert_non_null(strstr(r.err, "/nonexistent/lede.cfg: cannot read config file: No such file"));
    done(&r);
    /* Sizes take K, M, G (binary, as README's "64 MiB"): 2K cuts a 3,000-byte document, 2KiB
     * is the same size in other words, 4G is past the limit's range. */
    r = run("head -c 3000 " SAMPLE " > $E-3k.txt && for m in 2K 2kib 3K; do echo $m $($LEDE run "
            "--max-doc-bytes $m -p 'tokenizer ! exporter format=ndjson' $E-3k.txt 2>/dev/null | "
            "grep -c '\"error\":{\"stage\":\"reader\"'); done; $LEDE run --max-doc-bytes 4G -p "
            "'tokenizer ! exporter' $E-3k.txt; echo status $?");
    assert_string_equal(r.out, "2K 1\n2kib 1\n3K 0\nstatus 2\n");
    assert_string_equal(r.err, "lede: --max-doc-bytes must be an integer in [1, 4294967294] or a "
                               "size such as 64M (K, M, G: KiB, MiB, GiB), not '4G'\nTry 'lede "
                               "--help'.\n");
    done(&r);
    /* Standard output by another name, into a pipe; /dev/null takes any writer. */
    r = run("echo 'Putin spoke.' | $LEDE run -p 'tokenizer ! exporter format=ndjson ! exporter "
            "format=csv output=/dev/stdout' | cat; echo 'Putin spoke.' | $LEDE run -p 'tokenizer "
            "! exporter format=ndjson ! exporter format=csv output=/dev/null' > /dev/null; "
            "echo status $?");
    assert_non_null(strstr(r.err, "output '/dev/stdout' is written already by stage"));
    assert_string_equal(r.out, "status 0\n");
    done(&r);
    r = run("printf 'doc_timeout = 5;\\npipeline = ({ stage = \"tokenizer\"; });\\n' > $E.cfg "
            "&& echo x | $LEDE run -c $E.cfg; echo status $?; rm -f $E.cfg");
    assert_non_null(strstr(r.err, "doc_timeout in /tmp/lede-e2e-"));
    assert_non_null(strstr(r.err, ".cfg needs --isolate"));
    assert_non_null(strstr(r.out, "status 2"));
    done(&r);
    /* An exporter option the format ignores is named, and the run goes on. */
    expect_run("echo 'Putin spoke.' | $LEDE run -p 'tokenizer ! exporter format=markdown "
               "offsets=chars'",
               0, "option 'offsets' has no effect with format = markdown");
    /* CSV is a row per quotation: without a quotes stage before it, a header alone and a
     * warning that says what to add (once, whatever the workers); with one, no warning. */
    r = run("for o in '' '-j 3' '--isolate -j 2'; do echo 'Putin said: \"We won.\"' | "
            "$LEDE run $o -p 'tokenizer ! exporter format=csv'; done; echo 'Putin said: \"We "
            "won.\"' | $LEDE run -p 'tokenizer ! quotes ! exporter format=csv ! exporter "
            "format=ndjson output=/dev/null'");
    assert_int_equal(r.status, 0);
    const char *csvw = "lede: warning: stage 'exporter': format = csv writes a row per "
                       "quotation, and no earlier stage provides 'quote': put 'quotes' before "
                       "it\n";
    assert_int_equal(strlen(r.err), 3 * strlen(csvw));
    for (size_t i = 0; i < 3; i++)
        assert_memory_equal(r.err + i * strlen(csvw), csvw, strlen(csvw));
    /* Four headers, then the quotes run's one row. */
    size_t head = (size_t)(strchr(r.out, '\n') + 1 - r.out);
    for (size_t i = 1; i < 4; i++)
        assert_memory_equal(r.out + i * head, r.out, head);
    assert_int_equal(strncmp(r.out + 4 * head, "-,0,", 4), 0);
    done(&r);
    /* Once per run, however many workers (threads or processes) run the exporter. */
    r = run("for o in '-j 3' '--isolate -j 2'; do echo 'Putin spoke.' | $LEDE run $o -p "
            "'tokenizer ! quotes ! exporter format=csv pretty=false' > /dev/null; done");
    assert_int_equal(r.status, 0);
    const char *w = "lede: warning: stage 'exporter': option 'pretty' has no effect with "
                    "format = csv\n";
    assert_int_equal(strlen(r.err), 2 * strlen(w));
    assert_memory_equal(r.err, w, strlen(w));
    assert_memory_equal(r.err + strlen(w), w, strlen(w));
    done(&r);
    /* A timeout cannot stop a stage running in the process: refused, not ignored. */
    expect_run("echo x | $LEDE run --timeout 2 -p 'tokenizer ! exporter'", 2,
               "--timeout needs --isolate");
}

/* What a user running a sharded archive meets (fresh-clone tester, eighth session). */
static void test_sharded_runs_see_bad_ids_metadata_and_missing_inputs(void **state)
{
    (void)state;
    result r;
    /* A lone surrogate in a metadata field: JSON allows it, jq rejects the line (and would
     * lose the records after it): written as \ufffd, with a warning. Its escaped pair stays. */
    r = run(
        "printf '{\"id\":\"a\",\"text\":\"One.\"}\\n{\"id\":\"b\",\"src\":[\"\\\\ud800x\","
        "\"\\\\\\\\ud800\",\"\\\\ud83d\\\\ude00\"],\"text\":\"Two.\"}\\n' | $LEDE run -i ndjson "
        "-p 'tokenizer ! exporter format=ndjson'");
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "\"src\":[\"\\ufffdx\",\"\\\\ud800\",\"\\ud83d\\ude00\"]"));
    assert_null(strstr(r.out, "\\ud800x"));
    assert_non_null(strstr(r.err, "document \"b\": metadata field 'src': 1 lone surrogate escape "
                                  "replaced by U+FFFD"));
    done(&r);
    /* Invalid UTF-8 in an id is written with U+FFFD, so two ids may become one: said. */
    r = run("printf '{\"id\":\"caf\\351\",\"text\":\"x.\"}\\n' | $LEDE run -i ndjson "
            "-p 'tokenizer ! exporter format=ndjson'");
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "\"id\":\"caf\xEF\xBF\xBD\""));
    assert_non_null(strstr(r.err, "line 1: field 'id' holds invalid UTF-8"));
    done(&r);
    /* Lone surrogates decoded in an id, a text, member names: U+FFFD, each said (review). */
    r = run("printf '{\"id\":\"\\ud800x\",\"text\":\"a \\udc00 b.\",\"\\ud800\":1,"
            "\"\\udfff\":2}\\n' | $LEDE run -i ndjson -p 'tokenizer ! exporter format=ndjson'");
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.err, "line 1: field 'id' holds a lone surrogate escape: it is "
                                  "written with U+FFFD"));
    assert_non_null(strstr(r.err, "line 1: field 'text': 1 lone surrogate escape read as U+FFFD"));
    assert_non_null(strstr(r.err, "line 1: 2 lone surrogate escapes in member names read as "
                                  "U+FFFD (two names may now be one"));
    done(&r);
    /* Records without an id are named by their line number, which may be another record's
     * id: said once per run, not once per record. */
    r = run("printf '{\"id\":\"2\",\"text\":\"A.\"}\\n{\"text\":\"B.\"}\\n{\"text\":\"C.\"}\\n' | "
            "$LEDE run -i ndjson -p 'tokenizer ! exporter format=ndjson'");
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.err, "line 2: no field 'id': records without one are named by "
                                  "their line number"));
    assert_null(strstr(r.err, "line 3: no field 'id'"));
    done(&r);
    /* A shard that is missing is not a failed document: exit 1 even with --doc-errors-ok,
     * while a bad record alone still exits 0 with it. */
    r = run("$LEDE run --doc-errors-ok -i ndjson -p 'tokenizer ! exporter format=ndjson' "
            "/nonexistent/shard-0001.ndjson");
    assert_int_equal(r.status, 1);
    assert_non_null(strstr(r.out, "\"error\":{\"stage\":\"reader\""));
    assert_non_null(strstr(r.err, "1 input could not be read (see the error records): exit "
                                  "status 1 even with --doc-errors-ok"));
    done(&r);
    /* A text file refused whole (UTF-32) is an input that cannot be read, as in NDJSON. */
    expect_run("printf '\\377\\376\\0\\0H\\0\\0\\0' > $E-u32.txt && $LEDE run --doc-errors-ok "
               "-p 'tokenizer ! exporter format=ndjson' $E-u32.txt",
               1, "1 input could not be read");
    expect_run("printf '{\"id\":\"b\"}\\n' | $LEDE run --doc-errors-ok -i ndjson "
               "-p 'tokenizer ! exporter format=ndjson'",
               0, "lede: 1 of 1 documents failed\n");
}

/* Four groups of about the same length under valgrind (test.sh --valgrind: some 50 s of CPU
 * each), run side by side by ctest (test_groups.h). */
int main(int argc, char **argv)
{
    static const struct CMUnitTest outputs[] = {
        cmocka_unit_test(test_default_pipeline_on_the_sample_article),
        cmocka_unit_test(test_ndjson_batch_gives_one_record_per_line_in_order),
        cmocka_unit_test(test_quotes_csv_has_a_header_and_a_row_per_quotation),
        cmocka_unit_test(test_summary_markdown_is_a_readable_report),
        cmocka_unit_test(test_markdown_bullets_do_not_open_blocks),
        cmocka_unit_test(test_markdown_title_and_summary_agree_on_the_headline),
        cmocka_unit_test(test_config_typo_is_caught_before_reading_input),
        cmocka_unit_test(test_check_and_failed_setups_leave_output_files_alone),
        cmocka_unit_test(test_ndjson_odd_inputs_are_read_or_named),
        cmocka_unit_test(test_outputs_inside_the_input_directory_are_not_read),
        cmocka_unit_test(test_stages_and_inspect_describe_the_build_tree),
        cmocka_unit_test(test_overrides_change_options_from_the_command_line),
        cmocka_unit_test(test_invalid_utf8_is_replaced_with_a_warning),
        cmocka_unit_test(test_scraped_markup_stays_out_of_sentence_text),
        cmocka_unit_test(test_token_forms_are_a_layer_in_ndjson),
        cmocka_unit_test(test_configs_work_from_an_install),
    };
    static const struct CMUnitTest failures[] = {
        cmocka_unit_test(test_broken_stages_report_the_real_reason),
        cmocka_unit_test(test_output_failures_are_reported_or_quiet),
        cmocka_unit_test(test_a_stage_writing_standard_output_unopened_beside_its_owner_fails),
        cmocka_unit_test(test_document_ids_on_stderr_are_escaped),
        cmocka_unit_test(test_usage_errors_exit_2),
        cmocka_unit_test(test_joined_files_and_pipelines_that_write_nothing),
    };
    static const struct CMUnitTest workers[] = {
        cmocka_unit_test(test_isolate_contains_crashes_aborts_and_hangs),
        cmocka_unit_test(test_isolate_keeps_the_records_finished_before_a_hang),
        cmocka_unit_test(test_two_workers_give_the_single_worker_output),
        cmocka_unit_test(test_workers_say_reader_warnings_in_input_order),
        cmocka_unit_test(test_gnu_parallel_pipe_gives_the_same_records),
        cmocka_unit_test(test_sharded_runs_see_bad_ids_metadata_and_missing_inputs),
    };
    static const struct CMUnitTest huge_record[] = {
        cmocka_unit_test(test_a_huge_record_in_pieces_is_the_whole_record),
    };
    static const test_group groups[] = {
        TEST_GROUP("outputs", outputs),
        TEST_GROUP("failures", failures),
        TEST_GROUP("workers", workers),
        TEST_GROUP("huge_record", huge_record),
    };
    return run_test_groups(argc, argv, groups, sizeof groups / sizeof *groups, NULL,
                           remove_scratch);
}
