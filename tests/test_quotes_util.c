/*
 * test_quotes_util.c -- see test_quotes_util.h.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../plugins/quotes/qt.h"
#include "test_quotes_util.h"

void qtu_run(qtu *t, const char *text, const char *options)
{
    lede_error err;
    memset(t, 0, sizeof *t);
    if (lede_harness_new(&t->h, &err) ||
        lede_harness_add(t->h, &tokenizer_LTX_lede_stage, NULL, &err) ||
        lede_harness_add(t->h, &quotes_LTX_lede_stage, options, &err))
        fail_msg("harness: %s", err.message);
    if (lede_harness_run(t->h, "t", text, strlen(text), &t->doc, &err))
        fail_msg("run failed: %s", err.message);
    size_t len;
    t->text = lede_doc_text(t->doc, &len);
    t->q = lede_doc_quotes(t->doc, &t->n);
    /* Invariants every run must keep: spans inside the text and in order, marks around
     * the quoted text, links backwards only. */
    uint32_t prev_end = 0;
    for (size_t i = 0; i < t->n; i++) {
        const lede_quote *q = &t->q[i];
        assert_true(q->mark_start >= prev_end);
        assert_true(q->mark_start <= q->start && q->start < q->end && q->end <= q->mark_end);
        assert_true(q->mark_end <= len);
        assert_true(q->continues == LEDE_NONE || q->continues < i);
        assert_true(q->speaker_start == LEDE_NONE ||
                    (q->speaker_start < q->speaker_end && q->speaker_end <= len));
        assert_true(q->cue_start == LEDE_NONE || (q->cue_start < q->cue_end && q->cue_end <= len));
        assert_true(q->confidence >= 0.0f && q->confidence <= 1.0f);
        prev_end = q->mark_end;
    }
}

size_t qtu_run_counted(qtu *t, const char *text)
{
    lede_error err;
    qt_lexicon *lex = NULL;
    const qt_settings set = {1, 1, 1}; /* the stage's defaults */
    size_t work = 0;
    memset(t, 0, sizeof *t);
    if (lede_harness_new(&t->h, &err) ||
        lede_harness_add(t->h, &tokenizer_LTX_lede_stage, NULL, &err) ||
        lede_harness_run(t->h, "t", text, strlen(text), &t->doc, &err) ||
        qt_lexicon_new(&lex, &err) || qt_process_doc(&set, lex, t->doc, &work, &err))
        fail_msg("run failed: %s", err.message);
    qt_lexicon_free(lex);
    t->text = lede_doc_text(t->doc, NULL);
    t->q = lede_doc_quotes(t->doc, &t->n);
    return work;
}

void qtu_free(qtu *t)
{
    lede_harness_free(t->h);
    memset(t, 0, sizeof *t);
}

static int span_is(const char *text, uint32_t start, uint32_t end, const char *s)
{
    return start != LEDE_NONE && end - start == strlen(s) &&
           memcmp(text + start, s, end - start) == 0;
}

static void dump(const qtu *t)
{
    for (size_t i = 0; i < t->n; i++)
        print_message("  quote %zu: [%.*s] speaker=%s\n", i, (int)(t->q[i].end - t->q[i].start),
                      t->text + t->q[i].start, t->q[i].speaker ? t->q[i].speaker : "(none)");
}

const lede_quote *qtu_find(const qtu *t, const char *s)
{
    for (size_t i = 0; i < t->n; i++)
        if (span_is(t->text, t->q[i].start, t->q[i].end, s))
            return &t->q[i];
    dump(t);
    fail_msg("no quotation [%s] among %zu", s, t->n);
    return NULL;
}

void qtu_expect(const qtu *t, const char *s, const char *speaker, const char *cue,
                const char *mention)
{
    const lede_quote *q = qtu_find(t, s);
    if (speaker == NULL)
        assert_null(q->speaker);
    else if (q->speaker == NULL)
        fail_msg("[%s]: no speaker, expected %s", s, speaker);
    else
        assert_string_equal(q->speaker, speaker);
    if (cue == NULL) {
        assert_int_equal(q->cue_start, LEDE_NONE);
    } else if (!span_is(t->text, q->cue_start, q->cue_end, cue)) {
        fail_msg("[%s]: cue is [%.*s], expected [%s]", s,
                 q->cue_start == LEDE_NONE ? 0 : (int)(q->cue_end - q->cue_start),
                 q->cue_start == LEDE_NONE ? "" : t->text + q->cue_start, cue);
    }
    if (mention && !span_is(t->text, q->speaker_start, q->speaker_end, mention))
        fail_msg("[%s]: mention is [%.*s], expected [%s]", s,
                 q->speaker_start == LEDE_NONE ? 0 : (int)(q->speaker_end - q->speaker_start),
                 q->speaker_start == LEDE_NONE ? "" : t->text + q->speaker_start, mention);
}

size_t qtu_warnings(const qtu *t, const char *needle)
{
    size_t n = 0;
    for (size_t i = 0; i < lede_doc_warning_count(t->doc); i++) {
        const char *stage, *msg;
        uint32_t off;
        lede_doc_warning_at(t->doc, i, &stage, &off, &msg);
        n += strstr(msg, needle) != NULL;
    }
    return n;
}

char *qtu_read(const char *relpath, size_t *len)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", LEDE_SOURCE_DIR, relpath);
    FILE *f = fopen(path, "rb");
    if (!f)
        fail_msg("cannot open %s", path);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    assert_non_null(buf);
    if (fread(buf, 1, (size_t)n, f) != (size_t)n)
        fail_msg("cannot read %s", path);
    fclose(f);
    buf[n] = '\0';
    if (len)
        *len = (size_t)n;
    return buf;
}
