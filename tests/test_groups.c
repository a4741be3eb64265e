/*
 * test_groups.c -- runs one named group of a test program's cmocka tests, or all of them
 * (test_groups.h).
 */
#include "test_groups.h"

#include <stdio.h>
#include <string.h>

static int run_group(const test_group *g, CMFixtureFunction setup, CMFixtureFunction teardown)
{
    return _cmocka_run_group_tests(g->name, g->tests, g->count, setup, teardown);
}

int run_test_groups(int argc, char **argv, const test_group *groups, size_t n,
                    CMFixtureFunction setup, CMFixtureFunction teardown)
{
    int failed = 0;
    if (argc > 2) {
        fprintf(stderr, "usage: %s [GROUP]\n", argv[0]);
        return 2;
    }
    if (argc == 2) {
        for (size_t i = 0; i < n; i++)
            if (strcmp(argv[1], groups[i].name) == 0)
                return run_group(&groups[i], setup, teardown);
        fprintf(stderr, "%s: no test group '%s'; the groups:", argv[0], argv[1]);
        for (size_t i = 0; i < n; i++)
            fprintf(stderr, " %s", groups[i].name);
        fputc('\n', stderr);
        return 2;
    }
    for (size_t i = 0; i < n; i++)
        failed += run_group(&groups[i], setup, teardown);
    return failed;
}
