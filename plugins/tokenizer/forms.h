/*
 * forms.h -- the tokens' normalised forms (options lower and nfc): the generic layer "forms".
 *
 * The layer is parallel to the token layer: span i has token i's start and end. Its string
 * attributes are the forms that differ from the token's text:
 *   nfc    the token's text in Unicode Normalization Form C (option nfc);
 *   lower  the token's text lower-cased, of its NFC form when nfc is on too (option lower).
 * An attribute is absent when the form is the token's text byte for byte (most tokens of
 * English news), so a reader takes the attribute when present and the text otherwise.
 */
#ifndef TOK_FORMS_H
#define TOK_FORMS_H

#include "lede/doc.h"
#include "lede/error.h"

#define TOK_FORMS_LAYER "forms"
#define TOK_FORMS_NFC "nfc"
#define TOK_FORMS_LOWER "lower"

typedef struct tok_forms_cfg {
    int lower; /* option lower: attribute "lower" */
    int nfc;   /* option nfc: attribute "nfc" */
} tok_forms_cfg;

/* Adds the layer "forms" over the document's token layer when cfg asks for a form (does
 * nothing otherwise). All memory comes from the document's arena. Returns 0, LEDE_ENOMEM,
 * LEDE_ESTAGE (the document has a layer "forms" already) or LEDE_EINVAL (utf8proc refused a
 * token), with a message in err. */
int tok_forms_add(const tok_forms_cfg *cfg, lede_doc *doc, lede_error *err);

#endif
