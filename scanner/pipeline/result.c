/* result.c — pdp_result life cycle and the names of the public enums. */
#include <stdlib.h>
#include <string.h>

#include "docscan.h"
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
    memset(res, 0, sizeof *res);
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

const char *pdp_severity_name(pdp_severity s)
{
    static const char *n[] = { "info", "low", "medium", "high" };
    return (unsigned)s < 4 ? n[s] : "?";
}

const char *pdp_action_name(pdp_action a)
{
    static const char *n[] = { "none", "review", "redact" };
    return (unsigned)a < 3 ? n[a] : "?";
}

const char *pdp_status_name(pdp_status s)
{
    static const char *n[] = { "ok", "skipped", "partial", "error" };
    return (unsigned)s < 4 ? n[s] : "?";
}

int pdp_severity_parse(const char *s, pdp_severity *out)
{
    for (int i = 0; i < 4; i++)
        if (strcmp(s, pdp_severity_name((pdp_severity)i)) == 0) {
            *out = (pdp_severity)i;
            return 0;
        }
    return -1;
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
