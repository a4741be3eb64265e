/*
 * test_groups.h -- a test program's cmocka tests in named groups, each of which ctest runs
 * as a test of its own ("test_stream.hangs"), so that `ctest -j` runs the groups of a long
 * program side by side (most of them wait on timers; under valgrind or a sanitizer, on one
 * core each). The program run by hand, without an argument, runs every group in order.
 *
 * Registered with `lede_add_unit_test(NAME ... GROUPED)` (CMakeLists.txt), which finds the
 * groups' names in the program's source: each is written TEST_GROUP("name", tests) there.
 * Tests that rely on what an earlier one left (files in a shared scratch directory) must be
 * in its group: each group runs in a process of its own, with the setup and teardown.
 */
#ifndef TEST_GROUPS_H
#define TEST_GROUPS_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

typedef struct test_group {
    const char *name; /* [a-z0-9_]+: the ctest name is PROGRAM.name */
    const struct CMUnitTest *tests;
    size_t count;
} test_group;

#define TEST_GROUP(name, tests)                                                                    \
    {                                                                                              \
        name, tests, sizeof tests / sizeof *tests                                                  \
    }

/* Runs the group named by argv[1], or every group in order when there is no argument, each
 * with the group setup and teardown (NULL: none). Returns the number of tests that failed,
 * or 2 with a message when argv[1] names no group (so that a ctest entry whose group was
 * renamed fails instead of passing with no test run). */
int run_test_groups(int argc, char **argv, const test_group *groups, size_t n,
                    CMFixtureFunction setup, CMFixtureFunction teardown);

#endif
