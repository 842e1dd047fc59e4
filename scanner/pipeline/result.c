/* result.c — pdp_result life cycle, and the legal clauses a result touches. */
#include <stdlib.h>
#include <string.h>

#include "docscan.h"
#include "../policy/allow.h"
#include "../util/buf.h"

void result_init(pdp_result *res, const char *name)
{
    memset(res, 0, sizeof *res);
    res->file = xstrdup(name ? name : "-");
    res->format = "unknown";
    res->status = PDP_STATUS_OK;
}

void pdp_result_error(pdp_result *res, const char *name, const char *why)
{
    result_init(res, name);
    result_set_status(res, PDP_STATUS_ERROR, why ? why : "not scanned");
}

/* Keep the worst status; the first reason given for it is the one shown. */
void result_set_status(pdp_result *res, pdp_status st, const char *error)
{
    if (st < res->status) return;
    if (st > res->status || !res->error) {
        free(res->error);
        res->error = error ? xstrdup(error) : NULL;
    }
    res->status = st;
}

void finding_free(pdp_finding *f)
{
    free(f->match);
    free(f->normalized);
    free(f->suggestion);
    free(f->before);
    free(f->after);
    free(f->row_label);
    free(f->column);
    free(f->lines);
    location_free(&f->loc);
}

void pdp_result_free(pdp_result *res)
{
    if (!res) return;
    for (size_t i = 0; i < res->nfindings; i++) finding_free(&res->findings[i]);
    free(res->findings);
    for (size_t i = 0; i < res->nchildren; i++) pdp_result_free(&res->children[i]);
    free(res->children);
    free(res->file);
    free(res->shown_file);
    free(res->encoding);
    free(res->error);
    free(res->reviewed);
    memset(res, 0, sizeof *res);
}

/* The findings array is allocated to hold findings_room(nfindings) entries
 * at least (16, then powers of two), so its capacity need not be kept in
 * the public struct: it grows when nfindings reaches that room.  Dropping
 * findings (nfindings made smaller) keeps the rule true. */
size_t findings_room(size_t n)
{
    size_t room = 16;
    while (room < n) room *= 2;
    return room;
}

pdp_finding *result_add_finding(pdp_result *res)
{
    size_t n = res->nfindings;
    if (n == 0 || n == findings_room(n))
        res->findings = xrealloc(res->findings, findings_room(n + 1) * sizeof *res->findings);
    pdp_finding *f = &res->findings[res->nfindings++];
    memset(f, 0, sizeof *f);
    return f;
}

pdp_result *result_add_child(pdp_result *parent, const char *member)
{
    parent->children = xrealloc(parent->children, (parent->nchildren + 1) * sizeof *parent->children);
    pdp_result *c = &parent->children[parent->nchildren++];
    char *name = xasprintf("%s!/%s", parent->file, member);
    result_init(c, name);
    free(name);
    return c;
}

static int legal_category(const char *c)
{
    return !strcmp(c, "oia_s14") || !strcmp(c, "oia_s15") || !strcmp(c, "sensitive_data") ||
           !strcmp(c, "classification_mark");
}

size_t pdp_result_clauses(const pdp_result *res, pdp_clause *out, size_t max)
{
    size_t n = 0;
    for (size_t i = 0; i < res->nfindings; i++) {
        const pdp_finding *f = &res->findings[i];
        if (f->severity <= PDP_SEV_INFO || !legal_category(f->category)) continue;
        const char *cl = f->normalized ? f->normalized : "";
        size_t k = 0;
        while (k < n && (strcmp(out[k].category, f->category) || strcmp(out[k].clause, cl))) k++;
        if (k == n) {
            if (n == max) continue;
            out[n++] = (pdp_clause){ f->category, cl, 0 };
        }
        out[k].passages++;
    }
    return n;
}

int pdp_allow_review(const pdp_allow *a, pdp_result *res, const char *path)
{
    if (res->status != PDP_STATUS_PARTIAL && res->status != PDP_STATUS_ERROR) return 0;
    const char *why = allow_reviewed(a, res->file, path);
    if (!why) return 0;
    free(res->reviewed);
    res->reviewed = xstrdup(why);
    size_t kept = 0; /* what could not be read was read by a person: its notes go */
    for (size_t k = 0; k < res->nfindings; k++) {
        if (!strcmp(res->findings[k].category, "unreadable")) {
            finding_free(&res->findings[k]);
            res->suppressed++;
        } else {
            res->findings[kept++] = res->findings[k];
        }
    }
    res->nfindings = kept;
    return 1;
}

