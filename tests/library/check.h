/* check.h — what the programs of tests/library share: "ok"/"not ok" lines
 * and the rule set named on their command line.  Public header only. */
#ifndef PDP_TEST_LIBRARY_CHECK_H
#define PDP_TEST_LIBRARY_CHECK_H

#include <pdpascan.h>
#include <stdio.h>
#include <stdlib.h>

static int failed;

static void check(int cond, const char *what)
{
    printf("%s - %s\n", cond ? "ok" : "not ok", what);
    if (!cond) failed = 1;
}

/* The rules in dir, or exit 2 with the reason. */
static pdp_rules *rules_or_exit(const char *dir)
{
    pdp_rules *rules;
    char *err = NULL;
    if (pdp_rules_load(dir, &rules, &err) != 0) {
        fprintf(stderr, "rules: %s\n", err);
        free(err);
        exit(2);
    }
    return rules;
}

#endif
