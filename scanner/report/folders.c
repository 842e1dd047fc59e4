/* folders.c — findings per folder, for the end of a report: which parts of
 * a site hold the most exposure.  A document inside another counts for the
 * folder of the outer file. */
#include <stdlib.h>
#include <string.h>

#include "report_impl.h"
#include "../util/buf.h"

static void count(const pdp_result *res, size_t *findings, size_t *high)
{
    for (size_t i = 0; i < res->nchildren; i++) count(&res->children[i], findings, high);
    for (size_t i = 0; i < res->nfindings; i++) {
        *findings += res->findings[i].severity > PDP_SEV_INFO;
        *high += res->findings[i].severity == PDP_SEV_HIGH;
    }
}

void folders_add(pdp_report *r, const pdp_result *res)
{
    const char *file = report_file_name(r, res, 1), *slash = strrchr(file, '/');
    char *name = slash ? xstrndup(file, (size_t)(slash - file)) : xstrdup(".");
    size_t k = 0;
    while (k < r->nfolders && strcmp(r->folders[k].name, name)) k++;
    if (k == r->nfolders) {
        r->folders = xrealloc(r->folders, (r->nfolders + 1) * sizeof *r->folders);
        r->folders[r->nfolders++] = (folder_row){ name, 0, 0, 0 };
    } else {
        free(name);
    }
    folder_row *f = &r->folders[k];
    f->files++;
    count(res, &f->findings, &f->high);
}

static int by_exposure(const void *a, const void *b)
{
    const folder_row *x = a, *y = b;
    if (x->high != y->high) return x->high < y->high ? 1 : -1;
    if (x->findings != y->findings) return x->findings < y->findings ? 1 : -1;
    return strcmp(x->name, y->name);
}

size_t folders_top(pdp_report *r, size_t max)
{
    qsort(r->folders, r->nfolders, sizeof *r->folders, by_exposure);
    size_t n = 0;
    while (n < r->nfolders && n < max && r->folders[n].findings) n++;
    return n;
}

void folders_free(pdp_report *r)
{
    for (size_t i = 0; i < r->nfolders; i++) free(r->folders[i].name);
    free(r->folders);
    r->folders = NULL;
    r->nfolders = 0;
}
