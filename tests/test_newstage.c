/*
 * test_newstage.c -- `lede new-stage`: name checks, the files it writes, and that it never
 * overwrites. (That the written project builds, passes its tests and runs is proved by
 * scripts/sdk-test.sh, which needs an installed lede and a compiler.)
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "newstage.h"

/* A fresh empty directory under /tmp, removed by teardown. */
static int setup(void **state)
{
    static char dir[64];
    snprintf(dir, sizeof dir, "/tmp/lede-newstage-XXXXXX");
    if (!mkdtemp(dir))
        return -1;
    *state = dir;
    return 0;
}

static int teardown(void **state)
{
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", (const char *)*state);
    return system(cmd) == 0 ? 0 : -1;
}

/* The whole file at path (malloc'ed), or NULL when it does not exist. */
static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    char *buf;
    long n;

    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    n = ftell(f);
    rewind(f);
    buf = malloc((size_t)n + 1);
    assert_non_null(buf);
    assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
    buf[n] = '\0';
    fclose(f);
    return buf;
}

static int exists(const char *dir, const char *file)
{
    char path[512];
    struct stat st;
    snprintf(path, sizeof path, "%s/%s", dir, file);
    return stat(path, &st) == 0;
}

static void test_name_must_be_a_c_identifier(void **state)
{
    static const char *const bad[] = {"", "9lives", "my-stage", "two words", "caf\xc3\xa9", NULL};
    lede_error err;

    (void)state;
    for (size_t i = 0; bad[i]; i++)
        assert_int_equal(lede__new_stage_check_name(bad[i], &err), LEDE_EINVAL);
    assert_non_null(strstr(err.message, "C identifier"));
    assert_int_equal(lede__new_stage_check_name("sentiment", &err), 0);
    assert_int_equal(lede__new_stage_check_name("_entities2", &err), 0);
}

static void test_keywords_builtin_stages_and_layers_are_refused_with_the_reason(void **state)
{
    lede_error err;

    (void)state;
    assert_int_equal(lede__new_stage_check_name("static", &err), LEDE_EINVAL);
    assert_non_null(strstr(err.message, "C keyword"));
    assert_int_equal(lede__new_stage_check_name("exporter", &err), LEDE_EINVAL);
    assert_non_null(strstr(err.message, "built-in stage"));
    assert_int_equal(lede__new_stage_check_name("sentence", &err), LEDE_EINVAL);
    assert_non_null(strstr(err.message, "built-in layer"));
    assert_int_equal(lede__new_stage_check_name("tokens", &err), LEDE_EINVAL);
    /* The generated project's target is the name: `cmake -S . -B build` refused "test". */
    assert_int_equal(lede__new_stage_check_name("test", &err), LEDE_EINVAL);
    assert_non_null(strstr(err.message, "a target name CMake reserves"));
    assert_int_equal(lede__new_stage_check_name("install", &err), LEDE_EINVAL);
}

static void test_writes_the_project_with_the_name_filled_in(void **state)
{
    const char *dir = *state;
    static const char *const files[] = {"headline.c",   "test_headline.c", "CMakeLists.txt",
                                        "headline.cfg", "README.md",       NULL};
    char path[512];
    lede_error err;

    assert_int_equal(lede__new_stage_write("headline", dir, &err), 0);
    for (size_t i = 0; files[i]; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, files[i]);
        char *text = slurp(path);
        if (!text)
            fail_msg("%s was not written", path);
        assert_null(strstr(text, "@NAME@"));
        assert_non_null(strstr(text, "headline"));
        free(text);
    }
    snprintf(path, sizeof path, "%s/headline.c", dir);
    char *c = slurp(path);
    assert_non_null(strstr(c, "LEDE_STAGE_DEFINE(headline)"));
    assert_non_null(strstr(c, "lede_doc_layer(doc, \"headline\", 1)"));
    free(c);
    snprintf(path, sizeof path, "%s/CMakeLists.txt", dir);
    c = slurp(path);
    assert_non_null(strstr(c, "find_package(lede"));
    assert_non_null(strstr(c, "lede_add_stage(headline SOURCES headline.c)"));
    free(c);
}

static void test_an_existing_file_stops_it_before_anything_is_written(void **state)
{
    const char *dir = *state;
    char path[512];
    lede_error err;
    FILE *f;

    snprintf(path, sizeof path, "%s/README.md", dir);
    assert_non_null(f = fopen(path, "w"));
    fputs("my notes\n", f);
    fclose(f);
    assert_int_equal(lede__new_stage_write("headline", dir, &err), LEDE_EINVAL);
    assert_non_null(strstr(err.message, "README.md already exists"));
    assert_false(exists(dir, "headline.c"));
    char *kept = slurp(path);
    assert_string_equal(kept, "my notes\n");
    free(kept);
}

static void test_missing_parent_directories_are_created(void **state)
{
    char dir[512];
    lede_error err;

    snprintf(dir, sizeof dir, "%s/stages/headline", (const char *)*state);
    assert_int_equal(lede__new_stage_write("headline", dir, &err), 0);
    assert_true(exists(dir, "headline.cfg"));
}

static void test_command_exit_status_says_usage_error_or_success(void **state)
{
    char dir[512];
    char *no_name[] = {"new-stage", NULL};
    char *bad_name[] = {"new-stage", "my-stage", NULL};
    char *ok[] = {"new-stage", "headline", dir, NULL};

    snprintf(dir, sizeof dir, "%s/p", (const char *)*state);
    assert_int_equal(lede__cmd_new_stage(1, no_name), 2);
    assert_int_equal(lede__cmd_new_stage(2, bad_name), 2);
    assert_int_equal(lede__cmd_new_stage(3, ok), 0);
    assert_int_equal(lede__cmd_new_stage(3, ok), 2); /* second time: the files exist */
}

static void test_embedded_templates_match_core_templates(void **state)
{
    const char *name, *text;
    char path[512];

    (void)state;
    for (size_t i = 0; (text = lede__new_stage_template(i, &name)); i++) {
        snprintf(path, sizeof path, "%s/core/templates/%s", LEDE_SOURCE_DIR, name);
        char *file = slurp(path);
        if (!file)
            fail_msg("cannot read %s", path);
        if (strcmp(file, text) != 0)
            fail_msg("%s differs from newstage_templates.h: run python3 core/templates/embed.py",
                     path);
        free(file);
    }
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_name_must_be_a_c_identifier),
        cmocka_unit_test(test_keywords_builtin_stages_and_layers_are_refused_with_the_reason),
        T(test_writes_the_project_with_the_name_filled_in),
        T(test_an_existing_file_stops_it_before_anything_is_written),
        T(test_missing_parent_directories_are_created),
        T(test_command_exit_status_says_usage_error_or_success),
        cmocka_unit_test(test_embedded_templates_match_core_templates),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
