/* example.c — a program using libpdpascan through its one header: scan
 * each file named on the command line and print its findings.
 *
 *   cc example.c $(pkg-config --cflags --libs pdpascan) -o example
 *   ./example [--rules DIR] FILE...
 *
 * (docs/LIBRARY.md; tests/cli/test_library.sh builds and runs it against a
 * staged `make install`.) */
#include <pdpascan.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv)
{
    const char *dir = NULL; /* NULL: the installed patterns/ */
    int first = 1;
    if (argc > 2 && strcmp(argv[1], "--rules") == 0) {
        dir = argv[2];
        first = 3;
    }
    pdp_rules *rules;
    char *err = NULL;
    if (pdp_rules_load(dir, &rules, &err) != 0) {
        fprintf(stderr, "example: %s\n", err);
        free(err);
        return 2;
    }
    int worst = 0;
    for (int i = first; i < argc; i++) {
        pdp_result res;
        pdp_scan_file(rules, argv[i], NULL, NULL, &res);
        printf("%s: %s, %zu finding(s)\n", res.file, pdp_status_name(res.status), res.nfindings);
        for (size_t k = 0; k < res.nfindings; k++) {
            const pdp_finding *f = &res.findings[k];
            char *shown = pdp_mask_display(f->match); /* never print a value as it is */
            printf("  %-8s %-14s %s\n", pdp_severity_name(f->severity), f->category, shown);
            free(shown);
            if (f->severity >= PDP_SEV_MEDIUM && worst < 1) worst = 1;
        }
        if (res.status == PDP_STATUS_ERROR || res.status == PDP_STATUS_PARTIAL) worst = 2;
        pdp_result_free(&res);
    }
    pdp_rules_free(rules);
    return worst;
}
