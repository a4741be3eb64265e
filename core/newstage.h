/*
 * newstage.h -- `lede new-stage NAME [DIR]`: writes a ready-to-build stage project.
 *
 * Part of liblede (internal, lede__ prefix, exported like the rest of lede_internal.h) so
 * that both lede and lede-static get the command and unit tests reach it.
 */
#ifndef LEDE_NEWSTAGE_H
#define LEDE_NEWSTAGE_H

#include <stddef.h>

#include "lede/error.h"

/* The command: argv[0] = "new-stage", then NAME [DIR]. Returns the process exit status:
 * 0 written, 1 a file could not be written, 2 usage error, bad NAME or a file exists. */
LEDE_API int lede__cmd_new_stage(int argc, char **argv);

/* 0 when name can name a stage (a C identifier of at most 48 bytes that is not a C
 * keyword, a built-in stage or a built-in layer or output member); otherwise LEDE_EINVAL
 * with err saying why. */
LEDE_API int lede__new_stage_check_name(const char *name, lede_error *err);

/* Writes the project of stage name into dir (created if missing). Refuses, writing
 * nothing, when any of the files already exists (LEDE_EINVAL naming it); LEDE_EIO when a
 * directory or file cannot be created, LEDE_ENOMEM. */
LEDE_API int lede__new_stage_write(const char *name, const char *dir, lede_error *err);

/* The i-th template (NULL past the last): the file it comes from under core/templates/
 * and its text, for the test that keeps the embedded copies in sync. */
LEDE_API const char *lede__new_stage_template(size_t i, const char **template_name);

#endif
