/*
 * emit.c -- the small writers every exporter format shares: integers, floats, JSON
 * strings, span checks and the names of enumerated values.
 *
 * Offsets are byte offsets unless the config asks for offsets = chars: a byte-to-code-point
 * map built once per document (one pass, 4 bytes per text byte in the document's arena) then
 * turns each offset into a code point index in O(1), the index a Python str would use.
 *
 * Numbers are formatted by hand rather than with printf: an export writes several numbers
 * per token, printf's format parsing and locale lookups would dominate the record path,
 * and a locale with a decimal comma would break JSON. Floats are rounded to four decimals
 * so that the output is the same on every platform and a float stored as 0.85f prints as
 * 0.85, not 0.8500000238.
 */
#include <math.h>
#include <stdio.h>

#include "exporter.h"

/* "00" .. "99": two digits per division. */
const char exp_digit_pairs[201] = "00010203040506070809101112131415161718192021222324"
                                  "25262728293031323334353637383940414243444546474849"
                                  "50515253545556575859606162636465666768697071727374"
                                  "75767778798081828384858687888990919293949596979899";

/* Writes the decimal digits of v ending at end, two per step: in 32-bit arithmetic once v
 * fits (every offset and index does), where a division by 100 is a cheaper multiply. */
static void put_digits(char *end, uint64_t v)
{
    while (v > UINT32_MAX) {
        end -= 2;
        memcpy(end, exp_digit_pairs + 2 * (v % 100), 2);
        v /= 100;
    }
    uint32_t w = (uint32_t)v;
    while (w >= 100) {
        end -= 2;
        memcpy(end, exp_digit_pairs + 2 * (w % 100), 2);
        w /= 100;
    }
    if (w >= 10) {
        end -= 2;
        memcpy(end, exp_digit_pairs + 2 * w, 2);
    } else {
        *--end = (char)('0' + w);
    }
}

/* Number of decimal digits of v: four at a time, then three comparisons. */
static unsigned count_digits(uint64_t v)
{
    unsigned n = 1;
    while (v >= 10000) {
        v /= 10000;
        n += 4;
    }
    return n + (v >= 10) + (v >= 100) + (v >= 1000);
}

char *exp_write_u64_long(char *p, uint64_t v)
{
    unsigned n = count_digits(v);
    put_digits(p + n, v);
    return p + n;
}

void exp_put_u64(exp_out *o, uint64_t v)
{
    char *p = exp_room(o, 20);

    /* Straight into the buffer when it has room; else via a copy. */
    if (p) {
        exp_commit(o, exp_write_u64(p, v));
        return;
    }
    char tmp[24];
    exp_put(o, tmp, (size_t)(exp_write_u64(tmp, v) - tmp));
}

void exp_put_i64(exp_out *o, int64_t v)
{
    if (v < 0) {
        exp_putc(o, '-');
        /* Negate in unsigned arithmetic so INT64_MIN does not overflow. */
        exp_put_u64(o, (uint64_t)0 - (uint64_t)v);
        return;
    }
    exp_put_u64(o, (uint64_t)v);
}

char *exp_write_num(char *p, double v)
{
    if (!isfinite(v)) {
        memcpy(p, "null", 4);
        return p + 4;
    }
    if (fabs(v) >= 1e14) {
        /* Out of the range where v * 10000 is exact in an int64: rare, so printf it (at
         * most 24 characters and the NUL). */
        int n = snprintf(p, EXP_NUM_MAX, "%.17g", v);
        return p + n;
    }
    /* Rounded half away from zero, as round() does, without its call: x - trunc(x) is
     * exact for every double, and |x| < 1e18 fits an int64. */
    double x = v * 10000.0;
    int64_t scaled = (int64_t)x;
    double frac = x - (double)scaled;
    scaled += (frac >= 0.5) - (frac <= -0.5);
    uint64_t u = scaled < 0 ? (uint64_t)0 - (uint64_t)scaled : (uint64_t)scaled;
    uint64_t ip = u / 10000, fp = u % 10000;
    if (scaled < 0)
        *p++ = '-'; /* -0.00001 rounds to 0 and prints as "0", not "-0" */
    p = exp_write_u64(p, ip);
    if (fp) {
        /* the four decimals as two pairs, then the trailing zeros dropped (fp > 0) */
        uint32_t hi = (uint32_t)fp / 100, lo = (uint32_t)fp % 100;
        p[0] = '.';
        memcpy(p + 1, exp_digit_pairs + 2 * hi, 2);
        memcpy(p + 3, exp_digit_pairs + 2 * lo, 2);
        p += lo ? 5 - (lo % 10 == 0) : 3 - (hi % 10 == 0);
    }
    return p;
}

void exp_put_num(exp_out *o, double v)
{
    char *p = exp_room(o, EXP_NUM_MAX);

    if (p) {
        exp_commit(o, exp_write_num(p, v));
        return;
    }
    char tmp[EXP_NUM_MAX];
    exp_put(o, tmp, (size_t)(exp_write_num(tmp, v) - tmp));
}

void exp_put_jtext(exp_out *o, const char *s, size_t n)
{
    if (o->rc)
        return;
    o->rc = lede_buf_json_text(o->b, s, n);
}

int exp_span_fail(exp_out *o, lede_error *err, const lede_doc *doc, const char *layer, size_t i,
                  uint32_t start, uint32_t end, size_t len)
{
    if (o->rc == 0) {
        o->rc = LEDE_EINVAL;
        lede_error_set(err, LEDE_EINVAL,
                       "document '%s': %s %zu has span [%u, %u) %s the text of %zu bytes "
                       "(a bug in the stage that set it)",
                       lede_doc_id(doc), layer, i, (unsigned)start, (unsigned)end,
                       start <= end && end <= len ? "cutting a UTF-8 character of" : "outside",
                       len);
    }
    return 0;
}

uint32_t *exp_char_map(lede_doc *doc, const char *text, size_t len, exp_out *o, lede_error *err)
{
    uint32_t *map, n = 0;

    if (o->rc)
        return NULL;
    map = lede_doc_alloc(doc, (len + 1) * sizeof *map);
    if (!map) {
        o->rc = lede_error_set(err, LEDE_ENOMEM,
                               "document '%s': out of memory mapping %zu bytes to characters "
                               "(offsets = chars)",
                               lede_doc_id(doc), len);
        return NULL;
    }
    /* Every byte but a UTF-8 continuation byte (10xxxxxx) starts a code point. */
    for (size_t b = 0; b < len; b++) {
        map[b] = n;
        n += ((unsigned char)text[b] & 0xC0) != 0x80;
    }
    map[len] = n;
    return map;
}

/* The length of the white space character at s[0, n) (n >= 1), or 0 when it is none. White
 * space is what the tokenizer counts as such (its class TOK_CC_SPACE: plugins/tokenizer/
 * classify.c), so that a removal sees the same gaps between words: ASCII space, \t \n \v
 * \f \r and the separators 0x1C-0x1F; NEL (U+0085); and Unicode's Zs, Zl and Zp: U+00A0,
 * U+1680, U+2000-U+200A, U+2028, U+2029, U+202F, U+205F, U+3000. */
static size_t white_len(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;

    if (u[0] < 0x80)
        return u[0] == ' ' || (u[0] >= '\t' && u[0] <= '\r') || (u[0] >= 0x1C && u[0] <= 0x1F);
    if (u[0] == 0xC2)
        return n >= 2 && (u[1] == 0x85 || u[1] == 0xA0) ? 2 : 0;
    if (n < 3 || u[0] < 0xE1 || u[0] > 0xE3)
        return 0;
    if (u[0] == 0xE1)
        return u[1] == 0x9A && u[2] == 0x80 ? 3 : 0;
    if (u[0] == 0xE3)
        return u[1] == 0x80 && u[2] == 0x80 ? 3 : 0;
    if (u[1] == 0x80)
        return (u[2] >= 0x80 && u[2] <= 0x8A) || u[2] == 0xA8 || u[2] == 0xA9 || u[2] == 0xAF ? 3
                                                                                              : 0;
    return u[1] == 0x81 && u[2] == 0x9F ? 3 : 0;
}

/* The length of the white space character that ends buf[0, w - buf), or 0. */
static size_t white_len_before(const char *buf, const char *w)
{
    size_t have = (size_t)(w - buf);

    if (have == 0)
        return 0;
    if (((unsigned char)w[-1] & 0x80) == 0)
        return white_len(w - 1, 1);
    if (have >= 2 && (unsigned char)w[-2] == 0xC2)
        return white_len(w - 2, 2);
    return have >= 3 && white_len(w - 3, 3) == 3 ? 3 : 0;
}

/* The packed runs of group i (skipped.h); an empty encoding when the attribute is absent. */
static const unsigned char *group_runs(const lede_layer *layer, size_t i, size_t *n)
{
    for (const lede_attr *a = lede_layer_attrs(layer, i); a; a = a->next) {
        if (a->type == LEDE_ATTR_STRING && strcmp(a->key, SKIPPED_ATTR_RUNS) == 0) {
            *n = a->s_len;
            return (const unsigned char *)a->s;
        }
    }
    *n = 0;
    return NULL;
}

/* The shown text of a span being built: its bytes up to pos, less what was left out, are in
 * buf[0, w - buf); buf is NULL until the first run inside the span, which ends at end. */
typedef struct shown {
    const char *text;
    uint32_t end, pos;
    char *buf, *w;
} shown;

/* Leaves the run text[a, b) out of the shown text (a >= sh->pos, b <= sh->end). Returns 1
 * when the span is done (the run reaches its end). */
static int leave_out(shown *sh, uint32_t a, uint32_t b, int separates)
{
    int white_before, white_after;

    memcpy(sh->w, sh->text + sh->pos, a - sh->pos);
    sh->w += a - sh->pos;
    sh->pos = b;
    if (b == sh->end) {
        size_t k;
        while ((k = white_len_before(sh->buf, sh->w)) > 0)
            sh->w -= k;
        return 1;
    }
    white_before = sh->w == sh->buf || white_len_before(sh->buf, sh->w) > 0;
    white_after = white_len(sh->text + b, sh->end - b) > 0;
    if (white_before && white_after) {
        size_t k;
        while (sh->pos < sh->end && (k = white_len(sh->text + sh->pos, sh->end - sh->pos)) > 0)
            sh->pos += (uint32_t)k;
    } else if (!white_before && !white_after && separates) {
        *sh->w++ = ' ';
    }
    return 0;
}

/* Puts the cursor before the first run of group g (g < k->n), whose span is [a, b). */
static void cursor_load(exp_skips *k, size_t g, uint32_t a, uint32_t b)
{
    k->g = g;
    k->at = 0;
    k->runs = group_runs(k->layer, g, &k->len);
    k->run_pos = a;
    k->group_end = b;
}

/* Moves the cursor to the next group; past the last, leaves none. Returns 1 when that group
 * starts before end (a span ending at end may hold its runs), else 0. */
static int cursor_next_group(exp_skips *k, uint32_t end)
{
    uint32_t a, b;

    if (k->g + 1 >= k->n) {
        k->g = k->n;
        k->run_pos = k->group_end;
        return 0;
    }
    lede_layer_span(k->layer, k->g + 1, &a, &b);
    cursor_load(k, k->g + 1, a, b);
    return a < end;
}

/* Moves the cursor so that no run before it ends after start: forward from where it is when
 * it has not passed start (the next group when the current one ends by start, the common
 * case), else to the first group that ends after start by bisection over the groups, which
 * are in text order. */
static void cursor_seek(exp_skips *k, uint32_t start)
{
    size_t lo = 0, hi = k->n;
    uint32_t a, b;

    if (k->run_pos <= start) {
        if (k->g >= k->n || k->group_end > start)
            return;
        lo = k->g + 1;
        if (lo < hi) {
            lede_layer_span(k->layer, lo, &a, &b);
            if (b > start) {
                cursor_load(k, lo, a, b);
                return;
            }
            lo++;
        }
    }
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        lede_layer_span(k->layer, mid, &a, &b);
        if (b <= start)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < k->n) {
        lede_layer_span(k->layer, lo, &a, &b);
        cursor_load(k, lo, a, b);
        return;
    }
    /* Every group ends by start. */
    lede_layer_span(k->layer, k->n - 1, &a, &b);
    k->g = k->n;
    k->run_pos = k->group_end = b;
}

void exp_shown_text_skipping(exp_skips *k, const char *text, uint32_t start, uint32_t end,
                             const char **s, size_t *n, exp_out *o, lede_error *err)
{
    shown sh = {text, end, start, NULL, NULL};

    *s = text + start;
    *n = end - start;
    cursor_seek(k, start);
    while (k->g < k->n) {
        size_t at = k->at;
        uint32_t pos = k->run_pos, a, b;
        int separates, last = 0;

        if (skipped_next(k->runs, k->len, &at, k->group_end, &pos, &a, &b, &separates)) {
            if (!cursor_next_group(k, end))
                break;
            continue;
        }
        if (a >= end)
            break;
        /* The cursor passes a run that ends inside the span; one that goes on past its end
         * may reach into the next span, so the cursor stays before it. */
        if (b <= end) {
            k->at = at;
            k->run_pos = pos;
        } else {
            b = end;
            last = 1;
        }
        a = a < sh.pos ? sh.pos : a;
        if (b <= a) {
            if (last)
                break;
            continue;
        }
        if (!sh.buf) {
            /* Removal never lengthens the text: a space stands for at least one byte. */
            sh.buf = sh.w = lede_doc_alloc(k->doc, (size_t)(end - start) + 1);
            if (!sh.buf) {
                if (o->rc == 0)
                    o->rc = lede_error_set(err, LEDE_ENOMEM,
                                           "document '%s': out of memory showing the text "
                                           "of [%u, %u) without its skipped furniture",
                                           lede_doc_id(k->doc), (unsigned)start, (unsigned)end);
                return;
            }
        }
        if (leave_out(&sh, a, b, separates) || last)
            break;
    }
    if (!sh.buf)
        return;
    memcpy(sh.w, text + sh.pos, end - sh.pos);
    sh.w += end - sh.pos;
    *s = sh.buf;
    *n = (size_t)(sh.w - sh.buf);
}

const char *exp_token_kind_name(unsigned kind)
{
    static const char *const names[LEDE_TOK_KIND_COUNT] = {
        [LEDE_TOK_WORD] = "word",     [LEDE_TOK_NUMBER] = "number", [LEDE_TOK_PUNCT] = "punct",
        [LEDE_TOK_SYMBOL] = "symbol", [LEDE_TOK_EMOJI] = "emoji",   [LEDE_TOK_SPACE] = "space",
        [LEDE_TOK_OTHER] = "other"};
    return kind < LEDE_TOK_KIND_COUNT ? names[kind] : "other";
}

const char *exp_quote_kind_name(unsigned kind)
{
    return kind == LEDE_QUOTE_PARTIAL ? "partial" : "full";
}
