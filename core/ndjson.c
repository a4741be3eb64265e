/*
 * ndjson.c -- the specialised parser of one NDJSON input record.
 *
 * This is the hot input path: jansson parses at ~88 MB/s here, well below what the
 * tokenizer sustains, so records are read by this small parser that knows the shape it
 * wants: a top-level object whose `id` and `text` are decoded, and whose other members
 * are kept as raw JSON slices of the line (metadata), validated but not built into a
 * tree. Strings are unescaped with a run-copy loop: the end of each run of plain bytes is
 * found 16 bytes at a time (SSE2 where the compiler has it, 32 with AVX2 for a long run, a
 * byte loop elsewhere), the run copied with block stores into room reserved once per
 * string. The same loop notes whether the text's raw bytes are all ASCII: then it is valid
 * UTF-8 (escapes always decode to valid UTF-8), and the reader skips the check.
 *
 * It never recurses (nesting is tracked with a counter), never reads past len, and
 * rejects what JSON rejects: control bytes in strings, bad escapes, trailing garbage.
 * Lone surrogates in \u escapes become U+FFFD, as invalid UTF-8 does on text input.
 */
#include <stdlib.h>
#include <string.h>

#include "lede_config.h"

#if defined(__SSE2__) && defined(__GNUC__)
#include <emmintrin.h>
#define NDJ_SSE2 1
#endif
/* 32 bytes a step on x86 processors with AVX2, for the long runs of a text (GCC and clang's
 * target attribute and CPU test, as in buf.c). */
#if defined(NDJ_SSE2) && (defined(__x86_64__) || defined(__i386__)) &&                             \
    (defined(__clang__) || __GNUC__ >= 5) && !defined(LEDE_NO_AVX2)
#include <immintrin.h>
#define NDJ_AVX2 1
#endif

typedef struct ndj {
    const char *s;
    size_t len, pos;
    lede_buf *scratch;
    char *msg;
    size_t msg_size;
    int high;    /* the last string decoded may hold a raw byte >= 0x80 (parse_string) */
    size_t lone; /* lone surrogate escapes decoded as U+FFFD so far */
} ndj;

static int fail(ndj *p, const char *what)
{
    snprintf(p->msg, p->msg_size, "byte %zu: %s", p->pos + 1, what);
    return LEDE_EPARSE;
}

static void skip_ws(ndj *p)
{
    while (p->pos < p->len) {
        char c = p->s[p->pos];
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
            break;
        p->pos++;
    }
}

int lede__json_hex4(const char *s, unsigned *out)
{
    unsigned v = 0;
    for (int i = 0; i < 4; i++) {
        char c = s[i];
        v <<= 4;
        if (c >= '0' && c <= '9')
            v |= (unsigned)(c - '0');
        else if (c >= 'a' && c <= 'f')
            v |= (unsigned)(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F')
            v |= (unsigned)(c - 'A' + 10);
        else
            return -1;
    }
    *out = v;
    return 0;
}

size_t lede__put_utf8(char *o, unsigned cp)
{
    if (cp < 0x80) {
        o[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        o[0] = (char)(0xC0 | (cp >> 6));
        o[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        o[0] = (char)(0xE0 | (cp >> 12));
        o[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (char)(0xF0 | (cp >> 18));
    o[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    o[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    o[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

#ifdef NDJ_SSE2
/* Bit k set when byte k of x is a quote, a backslash or a control byte. */
static inline unsigned special_mask16(__m128i x)
{
    const __m128i quote = _mm_set1_epi8('"'), bslash = _mm_set1_epi8('\\');
    const __m128i c1f = _mm_set1_epi8(0x1F);
    /* x <= 0x1F as unsigned bytes: min(x, 0x1F) == x. */
    __m128i m = _mm_cmpeq_epi8(_mm_min_epu8(x, c1f), x);
    m = _mm_or_si128(m, _mm_cmpeq_epi8(x, quote));
    m = _mm_or_si128(m, _mm_cmpeq_epi8(x, bslash));
    return (unsigned)_mm_movemask_epi8(m);
}
#endif

static inline int is_special(unsigned char c)
{
    return c == '"' || c == '\\' || c < 0x20;
}

/* The first i' >= i before len where s[i'] is a quote, a backslash or a control byte;
 * len when there is none. Never reads s[len] or beyond. */
static inline size_t plain_run_end(const char *s, size_t i, size_t len)
{
#ifdef NDJ_SSE2
    while (len - i >= 16) {
        unsigned mask = special_mask16(_mm_loadu_si128((const __m128i *)(const void *)(s + i)));
        if (mask)
            return i + (unsigned)__builtin_ctz(mask);
        i += 16;
    }
#endif
    while (i < len && !is_special((unsigned char)s[i]))
        i++;
    return i;
}

/* plain_run_end, copying the run to *o and advancing *o past it. *o needs room for
 * len - i bytes: each 16-byte step stores a whole block, the run's part of it kept. (So
 * len may be less than the line's length: the caller's bound for the room it has.) The
 * bytes it looked at are checked for bytes >= 0x80: *high becomes non-zero when there may
 * be one (a block's bytes past the run count too, which only errs on the side of "may"). */
static inline size_t copy_plain_run(const char *s, size_t i, size_t len, char **o, unsigned *high)
{
    char *out = *o;
    unsigned h = 0;
#ifdef NDJ_SSE2
    __m128i hv = _mm_setzero_si128();
    while (len - i >= 16) {
        __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
        unsigned mask = special_mask16(x);
        _mm_storeu_si128((__m128i *)(void *)out, x);
        hv = _mm_or_si128(hv, x);
        if (mask) {
            unsigned k = (unsigned)__builtin_ctz(mask);
            *o = out + k;
            *high |= (unsigned)_mm_movemask_epi8(hv);
            return i + k;
        }
        i += 16;
        out += 16;
    }
    h = (unsigned)_mm_movemask_epi8(hv);
#endif
    while (i < len && !is_special((unsigned char)s[i])) {
        h |= (unsigned char)s[i] & 0x80;
        *out++ = s[i++];
    }
    *o = out;
    *high |= h;
    return i;
}

#ifdef NDJ_AVX2
/* copy_plain_run's 16-byte loop 32 bytes a step: stops on the first quote, backslash or
 * control byte, or where fewer than 32 bytes remain before len (copy_plain_run goes on). */
__attribute__((target("avx2"))) static size_t
copy_plain_run_avx2(const char *s, size_t i, size_t len, char **o, unsigned *high)
{
    const __m256i quote = _mm256_set1_epi8('"'), bslash = _mm256_set1_epi8('\\');
    const __m256i c1f = _mm256_set1_epi8(0x1F);
    __m256i hv = _mm256_setzero_si256();
    char *out = *o;

    while (len - i >= 32) {
        __m256i x = _mm256_loadu_si256((const __m256i *)(const void *)(s + i));
        __m256i m = _mm256_cmpeq_epi8(_mm256_min_epu8(x, c1f), x);
        m = _mm256_or_si256(m, _mm256_cmpeq_epi8(x, quote));
        m = _mm256_or_si256(m, _mm256_cmpeq_epi8(x, bslash));
        _mm256_storeu_si256((__m256i *)(void *)out, x);
        hv = _mm256_or_si256(hv, x);
        unsigned mask = (unsigned)_mm256_movemask_epi8(m);
        if (mask) {
            unsigned k = (unsigned)__builtin_ctz(mask);
            out += k;
            i += k;
            break;
        }
        i += 32;
        out += 32;
    }
    *o = out;
    *high |= (unsigned)_mm256_movemask_epi8(hv);
    return i;
}
#endif

/* Parses a string at p->pos (on the opening quote). With decode, unescapes it into scratch
 * and sets the offset and length; without, only validates and skips it, and sets *n (when
 * not NULL) to the length it decodes to. */
static int parse_string(ndj *p, int decode, size_t *off, size_t *n)
{
    const char *s = p->s;
    size_t i = p->pos + 1, len = p->len;
    lede_buf *b = p->scratch;
    char *o = NULL;
    size_t lim = len;  /* copy_plain_run may store 16-byte blocks up to s[lim] */
    size_t dec = 0;    /* without decode: the decoded length so far */
    int exact = 0;     /* room for the decoded bytes only: copy runs without block stores */
    unsigned high = 0; /* decoding: non-zero when a raw byte may be >= 0x80 (copy_plain_run) */

    if (decode) {
        /* Unescaping never lengthens a string (an escape is at least as long as the UTF-8
         * it stands for), so the rest of the line is room enough: reserve it once, then
         * write without checks. */
        if (lede_buf_reserve(b, len - i)) {
            /* A scratch buffer capped below the rest of the line (never the reader's, whose
             * cap is the longest line): a validating pass finds the string's end and its
             * decoded length. Its source length if that fits (block stores stay inside
             * it), else exactly the decoded length, copied without block stores. */
            ndj q = *p;
            size_t need;
            int rc = parse_string(&q, 0, NULL, &need);
            if (rc) {
                p->pos = q.pos;
                return rc;
            }
            if (lede_buf_reserve(b, q.pos - i - 1) == 0) {
                lim = q.pos - 1; /* the closing quote: no block store goes past it */
            } else if (lede_buf_reserve(b, need) == 0) {
                exact = 1;
            } else {
                return fail(p, "string too large");
            }
        }
        *off = b->len;
        o = b->data + b->len;
    }
    for (;;) {
        if (decode && !exact) {
#ifdef NDJ_AVX2
            /* A text's runs are long: 32 bytes a step, then the 16-byte loop for the rest
             * of a run that did not end there. */
            if (lim - i >= 64 && __builtin_cpu_supports("avx2")) {
                i = copy_plain_run_avx2(s, i, lim, &o, &high);
                if (i < lim && is_special((unsigned char)s[i]))
                    goto run_done;
            }
#endif
            i = copy_plain_run(s, i, lim, &o, &high);
        } else {
            size_t j = plain_run_end(s, i, len);
            if (decode) {
                memcpy(o, s + i, j - i);
                o += j - i;
                high = 1; /* not looked at: may be */
            }
            dec += j - i;
            i = j;
        }
#ifdef NDJ_AVX2
    run_done:
#endif
        if (i >= len) {
            p->pos = i;
            return fail(p, "unterminated string");
        }
        if (s[i] == '"')
            break;
        if ((unsigned char)s[i] < 0x20) {
            p->pos = i;
            return fail(p, "control character in string (escape it)");
        }
        /* Backslash escape. */
        if (i + 1 >= len) {
            p->pos = i;
            return fail(p, "unterminated escape");
        }
        char e = s[i + 1], c = 0;
        switch (e) {
        case '"':
        case '\\':
        case '/':
            c = e;
            break;
        case 'b':
            c = '\b';
            break;
        case 'f':
            c = '\f';
            break;
        case 'n':
            c = '\n';
            break;
        case 'r':
            c = '\r';
            break;
        case 't':
            c = '\t';
            break;
        case 'u': {
            unsigned cp, lo;
            if (i + 6 > len || lede__json_hex4(s + i + 2, &cp)) {
                p->pos = i;
                return fail(p, "bad \\u escape");
            }
            i += 6;
            if (cp >= 0xD800 && cp < 0xDC00 && i + 6 <= len && s[i] == '\\' && s[i + 1] == 'u' &&
                !lede__json_hex4(s + i + 2, &lo) && lo >= 0xDC00 && lo < 0xE000) {
                cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                i += 6;
            } else if (cp >= 0xD800 && cp < 0xE000) {
                cp = 0xFFFD; /* lone surrogate */
                p->lone++;
            }
            if (decode) {
                o += lede__put_utf8(o, cp);
            } else {
                char tmp[4];
                dec += lede__put_utf8(tmp, cp);
            }
            continue;
        }
        default:
            p->pos = i;
            return fail(p, "bad escape in string");
        }
        if (decode)
            *o++ = c;
        dec++;
        i += 2;
    }
    if (decode) {
        b->len = (size_t)(o - b->data);
        b->data[b->len] = '\0';
        *n = b->len - *off;
        /* Escapes decode to valid UTF-8 (lede__put_utf8, U+FFFD for a lone surrogate): only
         * raw bytes can be invalid, and there are none when every plain byte is ASCII. */
        p->high = high != 0;
    } else if (n) {
        *n = dec;
    }
    p->pos = i + 1;
    return 0;
}

static int parse_literal(ndj *p, const char *lit)
{
    size_t n = strlen(lit);
    if (p->len - p->pos < n || memcmp(p->s + p->pos, lit, n) != 0)
        return fail(p, "invalid value");
    p->pos += n;
    return 0;
}

static int parse_number(ndj *p)
{
    size_t i = p->pos, start;
    const char *s = p->s;
    if (i < p->len && s[i] == '-')
        i++;
    start = i;
    if (i < p->len && s[i] == '0')
        i++;
    else
        while (i < p->len && s[i] >= '0' && s[i] <= '9')
            i++;
    if (i == start)
        return fail(p, "invalid number");
    if (i < p->len && s[i] == '.') {
        size_t f = ++i;
        while (i < p->len && s[i] >= '0' && s[i] <= '9')
            i++;
        if (i == f)
            return fail(p, "invalid number");
    }
    if (i < p->len && (s[i] == 'e' || s[i] == 'E')) {
        i++;
        if (i < p->len && (s[i] == '+' || s[i] == '-'))
            i++;
        size_t f = i;
        while (i < p->len && s[i] >= '0' && s[i] <= '9')
            i++;
        if (i == f)
            return fail(p, "invalid number");
    }
    p->pos = i;
    return 0;
}

/* Validates and skips any JSON value, iteratively (no recursion, any depth). */
static int skip_value(ndj *p)
{
    /* A stack of container kinds as bits would limit depth; a counter plus the rule
     * "after a value comes , or the closer of the innermost container" needs the kind,
     * so keep kinds in a small growing byte array. */
    char small[64], *kinds = small;
    size_t depth = 0, cap = sizeof small;
    int rc = 0;

    for (;;) {
        skip_ws(p);
        if (p->pos >= p->len) {
            rc = fail(p, "unexpected end of line");
            break;
        }
        char c = p->s[p->pos];
        /* A value. */
        if (c == '{' || c == '[') {
            if (depth == cap) {
                char *k = malloc(cap * 2);
                if (!k) {
                    rc = fail(p, "out of memory");
                    break;
                }
                memcpy(k, kinds, depth);
                if (kinds != small)
                    free(kinds);
                kinds = k;
                cap *= 2;
            }
            kinds[depth++] = c;
            p->pos++;
            skip_ws(p);
            if (p->pos < p->len && p->s[p->pos] == (c == '{' ? '}' : ']')) {
                p->pos++;
                depth--;
                goto after_value;
            }
            if (c == '{') {
                if (p->pos >= p->len || p->s[p->pos] != '"') {
                    rc = fail(p, "expected a member name");
                    break;
                }
                if ((rc = parse_string(p, 0, NULL, NULL)))
                    break;
                skip_ws(p);
                if (p->pos >= p->len || p->s[p->pos] != ':') {
                    rc = fail(p, "expected ':'");
                    break;
                }
                p->pos++;
            }
            continue;
        } else if (c == '"') {
            rc = parse_string(p, 0, NULL, NULL);
        } else if (c == 't') {
            rc = parse_literal(p, "true");
        } else if (c == 'f') {
            rc = parse_literal(p, "false");
        } else if (c == 'n') {
            rc = parse_literal(p, "null");
        } else {
            rc = parse_number(p);
        }
        if (rc)
            break;
    after_value:
        /* After a value: done at depth 0, else ',' or the innermost closer. */
        for (;;) {
            if (depth == 0)
                goto out;
            skip_ws(p);
            if (p->pos >= p->len) {
                rc = fail(p, "unexpected end of line");
                goto out;
            }
            char k = kinds[depth - 1], d = p->s[p->pos];
            if (d == (k == '{' ? '}' : ']')) {
                p->pos++;
                depth--;
                continue;
            }
            if (d != ',') {
                rc = fail(p, k == '{' ? "expected ',' or '}'" : "expected ',' or ']'");
                goto out;
            }
            p->pos++;
            if (k == '{') {
                skip_ws(p);
                if (p->pos >= p->len || p->s[p->pos] != '"') {
                    rc = fail(p, "expected a member name");
                    goto out;
                }
                if ((rc = parse_string(p, 0, NULL, NULL)))
                    goto out;
                skip_ws(p);
                if (p->pos >= p->len || p->s[p->pos] != ':') {
                    rc = fail(p, "expected ':'");
                    goto out;
                }
                p->pos++;
            }
            break;
        }
    }
out:
    if (kinds != small)
        free(kinds);
    return rc;
}

int lede__json_check(const char *s, size_t len)
{
    char msg[64];
    ndj p = {.s = s, .len = len, .msg = msg, .msg_size = sizeof msg};

    if (skip_value(&p))
        return LEDE_EINVAL;
    skip_ws(&p);
    return p.pos == len ? 0 : LEDE_EINVAL;
}

static int add_field(lede__ndjson_rec *rec, ndj *p, size_t key_off, size_t key_len, size_t val_off,
                     size_t val_len)
{
    if (rec->n_fields == rec->cap_fields) {
        size_t cap = rec->cap_fields ? rec->cap_fields * 2 : 8;
        lede__ndjson_field *f = realloc(rec->fields, cap * sizeof *f);
        if (!f)
            return fail(p, "out of memory");
        rec->fields = f;
        rec->cap_fields = cap;
    }
    lede__ndjson_field *f = &rec->fields[rec->n_fields++];
    f->key_off = key_off;
    f->key_len = key_len;
    f->val_off = val_off;
    f->val_len = val_len;
    return 0;
}

int lede__ndjson_parse(const char *line, size_t len, lede__ndjson_rec *rec, lede_buf *scratch,
                       char *msg, size_t msg_size)
{
    ndj p = {line, len, 0, scratch, msg, msg_size, 0, 0};
    int rc;

    /* Callers take offsets into scratch->data, empty strings included: it must exist even
     * when nothing is decoded (NULL + 0 is undefined behaviour). */
    if (lede_buf_reserve(scratch, 1)) {
        snprintf(msg, msg_size, "out of memory");
        return LEDE_ENOMEM;
    }
    lede_buf_reset(scratch);
    rec->has_id = rec->has_text = rec->text_ascii = 0;
    rec->n_fields = 0;
    rec->id_lone = rec->text_lone = rec->key_lone = 0;
    msg[0] = '\0';
    skip_ws(&p);
    /* A file that is one JSON array (an export's usual shape) opens its first line with
     * '[': that line, and only it, says how to make NDJSON of it. */
    if (p.pos < len && line[p.pos] == '[')
        return fail(&p, "a record must be a JSON object ({\"id\": ..., \"text\": ...}), not "
                        "an array: a file that is one JSON array becomes NDJSON with "
                        "jq -c '.[]' FILE.json > FILE.ndjson");
    if (p.pos >= len || line[p.pos] != '{')
        return fail(&p, "a record must be a JSON object ({\"id\": ..., \"text\": ...})");
    p.pos++;
    skip_ws(&p);
    if (p.pos < len && line[p.pos] == '}') {
        p.pos++;
        goto trailing;
    }
    for (;;) {
        size_t key_off, key_len;
        skip_ws(&p);
        if (p.pos >= len || line[p.pos] != '"')
            return fail(&p, "expected a member name");
        size_t lone = p.lone;
        if ((rc = parse_string(&p, 1, &key_off, &key_len)))
            return rc;
        rec->key_lone += p.lone - lone;
        lone = p.lone;
        skip_ws(&p);
        if (p.pos >= len || line[p.pos] != ':')
            return fail(&p, "expected ':'");
        p.pos++;
        skip_ws(&p);
        if (p.pos >= len)
            return fail(&p, "unexpected end of line");

        const char *key = scratch->data + key_off;
        int is_text = key_len == 4 && memcmp(key, "text", 4) == 0;
        int is_id = key_len == 2 && memcmp(key, "id", 2) == 0;
        if (is_text && line[p.pos] == '"') {
            scratch->len = key_off; /* drop the key: only the value is needed */
            if ((rc = parse_string(&p, 1, &rec->text_off, &rec->text_len)))
                return rc;
            rec->text_ascii = !p.high;
            rec->text_lone = p.lone - lone;
            /* Keep the text's NUL: what is decoded after it goes past it, so the reader
             * can hand the text to the document in place (lede__doc_adopt_text). */
            scratch->len++;
            rec->has_text = 1;
        } else if (is_id && line[p.pos] == '"') {
            scratch->len = key_off;
            if ((rc = parse_string(&p, 1, &rec->id_off, &rec->id_len)))
                return rc;
            rec->id_lone = p.lone - lone;
            rec->has_id = 1;
        } else if (is_id && (line[p.pos] == '-' || (line[p.pos] >= '0' && line[p.pos] <= '9'))) {
            size_t start = p.pos;
            scratch->len = key_off;
            if ((rc = parse_number(&p)))
                return rc;
            rec->id_off = scratch->len;
            rec->id_len = p.pos - start;
            if (lede_buf_append(scratch, line + start, p.pos - start))
                return fail(&p, "out of memory");
            rec->has_id = 1;
        } else {
            /* Metadata, or an id/text of the wrong type (kept so the caller can say so). */
            size_t start = p.pos;
            if ((rc = skip_value(&p)))
                return rc;
            if (is_text)
                rec->has_text = -1;
            else if (is_id)
                rec->has_id = -1;
            else if ((rc = add_field(rec, &p, key_off, key_len, start, p.pos - start)))
                return rc;
        }
        skip_ws(&p);
        if (p.pos < len && line[p.pos] == ',') {
            p.pos++;
            continue;
        }
        if (p.pos < len && line[p.pos] == '}') {
            p.pos++;
            break;
        }
        return fail(&p, "expected ',' or '}'");
    }
trailing:
    skip_ws(&p);
    if (p.pos != len)
        return fail(&p, "unexpected data after the object");
    return 0;
}

int lede__ndjson_prefix_id(const char *line, size_t len, lede_buf *scratch, size_t *off, size_t *n)
{
    char msg[64];
    ndj p = {line, len, 0, scratch, msg, sizeof msg, 0, 0};
    size_t id_off = 0, id_len = 0;
    int found = 0;

    if (lede_buf_reserve(scratch, 1))
        return 0;
    lede_buf_reset(scratch);
    skip_ws(&p);
    if (p.pos >= len || line[p.pos] != '{')
        return 0;
    p.pos++;
    for (;;) {
        size_t key_off, key_len;
        skip_ws(&p);
        if (p.pos >= len || line[p.pos] != '"' || parse_string(&p, 1, &key_off, &key_len))
            return found;
        skip_ws(&p);
        if (p.pos >= len || line[p.pos] != ':')
            return found;
        p.pos++;
        skip_ws(&p);
        if (p.pos >= len)
            return found;
        int is_id = key_len == 2 && memcmp(scratch->data + key_off, "id", 2) == 0;
        /* Keep what an id before this member decoded (the last one found wins, as in
         * lede__ndjson_parse), drop this member's key. */
        scratch->len = key_off;
        if (is_id && line[p.pos] == '"') {
            if (parse_string(&p, 1, &id_off, &id_len))
                return found;
            found = 1;
        } else if (is_id && (line[p.pos] == '-' || (line[p.pos] >= '0' && line[p.pos] <= '9'))) {
            size_t start = p.pos;
            /* A number cut by the end of the prefix may have lost digits. */
            if (parse_number(&p) || p.pos >= len)
                return found;
            id_off = scratch->len;
            id_len = p.pos - start;
            if (lede_buf_append(scratch, line + start, p.pos - start))
                return found;
            found = 1;
        } else if (skip_value(&p)) {
            return found;
        }
        if (found) {
            *off = id_off;
            *n = id_len;
            /* Later keys and ids decode after it, never over it. */
            scratch->len = id_off + id_len;
        }
        skip_ws(&p);
        if (p.pos >= len || line[p.pos] != ',')
            return found;
        p.pos++;
    }
}

void lede__ndjson_rec_free(lede__ndjson_rec *rec)
{
    free(rec->fields);
    rec->fields = NULL;
    rec->n_fields = rec->cap_fields = 0;
}
