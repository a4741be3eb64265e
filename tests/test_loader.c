/* test_loader.c -- finding and opening stages, and naming the real reason when it fails. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "lede_internal.h"

#define STAGE(name) LEDE_TEST_STAGE_DIR "/" name ".so"

static lede__loader *new_loader(void)
{
    lede__loader *ld;
    lede_error err;
    assert_int_equal(lede__loader_new(&ld, &err), 0);
    return ld;
}

static void test_good_stage_loads_by_path_and_by_name(void **state)
{
    lede__loader *ld = new_loader();
    const lede__module *m;
    lede_error err;
    (void)state;
    assert_int_equal(lede__loader_open_path(ld, STAGE("teststage_ok"), &m, &err), 0);
    assert_string_equal(m->desc->name, "teststage_ok");
    assert_int_equal(lede__loader_add_dir(ld, LEDE_TEST_STAGE_DIR, &err), 0);
    assert_int_equal(lede__loader_load(ld, "teststage_ok", &m, &err), 0);
    assert_string_equal(m->path, STAGE("teststage_ok"));
    lede__loader_free(ld);
}

static void test_newer_abi_is_refused_naming_both_versions(void **state)
{
    lede__loader *ld = new_loader();
    const lede__module *m;
    lede_error err;
    (void)state;
    assert_int_equal(lede__loader_open_path(ld, STAGE("teststage_abi"), &m, &err), LEDE_EABI);
    assert_non_null(strstr(err.message, STAGE("teststage_abi")));
    assert_non_null(strstr(err.message, "newer than this host's ABI"));
    lede__loader_free(ld);
}

static void test_object_without_descriptor_is_not_a_stage(void **state)
{
    lede__loader *ld = new_loader();
    const lede__module *m;
    lede_error err;
    (void)state;
    assert_int_equal(lede__loader_open_path(ld, STAGE("teststage_nodesc"), &m, &err), LEDE_ELOAD);
    assert_non_null(strstr(err.message, "is not a lede stage"));
    assert_non_null(strstr(err.message, "teststage_nodesc_LTX_lede_stage"));
    lede__loader_free(ld);
}

static void test_undefined_symbol_is_named_at_load_time(void **state)
{
    lede__loader *ld = new_loader();
    const lede__module *m;
    lede_error err;
    (void)state;
    assert_int_equal(lede__loader_open_path(ld, STAGE("teststage_undef"), &m, &err), LEDE_ELOAD);
    assert_non_null(strstr(err.message, "undefined symbol"));
    assert_non_null(strstr(err.message, "lede_test_function_that_does_not_exist"));
    assert_null(strstr(err.message, "file not found"));
    lede__loader_free(ld);
}

static void test_missing_dependency_is_named(void **state)
{
    lede__loader *ld = new_loader();
    const lede__module *m;
    lede_error err;
    (void)state;
    assert_int_equal(lede__loader_open_path(ld, STAGE("teststage_missingdep"), &m, &err),
                     LEDE_ELOAD);
    assert_non_null(strstr(err.message, "libledetestdep.so"));
    assert_non_null(strstr(err.message, "cannot open shared object file"));
    lede__loader_free(ld);
}

static void test_unknown_stage_lists_the_directories_searched(void **state)
{
    lede__loader *ld = new_loader();
    const lede__module *m;
    lede_error err;
    (void)state;
    assert_int_equal(lede__loader_add_dir(ld, "/nonexistent/dir", &err), 0);
    assert_int_equal(lede__loader_add_dir(ld, "/tmp", &err), 0);
    assert_int_equal(lede__loader_load(ld, "tokenzier", &m, &err), LEDE_ENOTFOUND);
    assert_non_null(strstr(err.message, "no stage named 'tokenzier'"));
    assert_non_null(strstr(err.message, "/nonexistent/dir (no such directory)"));
    /* Only the missing one is marked. */
    assert_non_null(strstr(err.message, "/tmp"));
    assert_null(strstr(err.message, "/tmp (no such directory)"));
    lede__loader_free(ld);
}

static void test_plugin_path_environment_adds_directories(void **state)
{
    const lede__module *m;
    lede_error err;
    (void)state;
    setenv("LEDE_PLUGIN_PATH", "/nonexistent:" LEDE_TEST_STAGE_DIR, 1);
    lede__loader *ld = new_loader();
    assert_int_equal(lede__loader_load(ld, "teststage_crash", &m, &err), 0);
    const char *const *dirs = lede__loader_dirs(ld);
    assert_string_equal(dirs[0], "/nonexistent");
    assert_string_equal(dirs[1], LEDE_TEST_STAGE_DIR);
    assert_non_null(dirs[2]); /* the directory beside the executable comes last */
    unsetenv("LEDE_PLUGIN_PATH");
    lede__loader_free(ld);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_good_stage_loads_by_path_and_by_name),
        cmocka_unit_test(test_newer_abi_is_refused_naming_both_versions),
        cmocka_unit_test(test_object_without_descriptor_is_not_a_stage),
        cmocka_unit_test(test_undefined_symbol_is_named_at_load_time),
        cmocka_unit_test(test_missing_dependency_is_named),
        cmocka_unit_test(test_unknown_stage_lists_the_directories_searched),
        cmocka_unit_test(test_plugin_path_environment_adds_directories),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
