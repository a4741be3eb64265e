/*
 * headline.h -- what the built-in stages call a headline, shared by the summarizer (which
 * leaves the headline out of the summary) and the Markdown exporter (which shows it as the
 * title): the two must agree, so the rule lives here, header-only, since stages share no
 * code but the public ABI.
 */
#ifndef LEDE_PLUGINS_HEADLINE_H
#define LEDE_PLUGINS_HEADLINE_H

#include <ctype.h>
#include <stddef.h>
#include <string.h>

/* A headline is one line of at most this many bytes and words. */
#define HEADLINE_MAX_BYTES 200
#define HEADLINE_MAX_WORDS 25

/* Whether s[0..n) is short Title Case: one line of at most HEADLINE_MAX_BYTES bytes and
 * HEADLINE_MAX_WORDS words (runs of non-spaces), of which at least two have four letters
 * or more and three quarters of those open with a capital ("Black Lawmakers Rip Donald
 * Trump As A 'Disgusting Fraud.'"). A word's letters are the ASCII letters that open it
 * after any quotes, brackets or dashes. Such a line is a headline even when it ends with a
 * full stop, which a sentence-case one is not: "Green Party candidate Jill Stein removed
 * from N.Y. debate site by police." may as well be a one-sentence lede. */
static inline int headline_title_case(const char *s, size_t n)
{
    size_t words = 0, longer = 0, capital = 0;
    if (n > HEADLINE_MAX_BYTES || memchr(s, '\n', n) != NULL)
        return 0;
    for (size_t i = 0; i < n;) {
        if (s[i] == ' ' || s[i] == '\t' || s[i] == '\r') {
            i++;
            continue;
        }
        words++;
        /* Opening punctuation: ASCII, or U+2000..U+206F (curly quotes, dashes). */
        while (i < n &&
               (ispunct((unsigned char)s[i]) ||
                (i + 2 < n && (unsigned char)s[i] == 0xE2 && (unsigned char)s[i + 1] == 0x80)))
            i += (unsigned char)s[i] == 0xE2 ? 3 : 1;
        size_t letters = 0;
        int upper = i < n && isupper((unsigned char)s[i]);
        while (i < n && isalpha((unsigned char)s[i]))
            i++, letters++;
        if (letters >= 4) {
            longer++;
            capital += (size_t)upper;
        }
        while (i < n && s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
            i++;
    }
    return words <= HEADLINE_MAX_WORDS && longer >= 2 && 4 * capital >= 3 * longer;
}

#endif
