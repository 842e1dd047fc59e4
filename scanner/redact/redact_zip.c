/* redact_zip.c — redacted members: those of a ZIP archive, and documents
 * embedded in an Office document.  Each member with something to redact
 * is redacted as a document of its own (pdp_redact_buffer: its own writer,
 * its own check), a member whose name holds a value is renamed with the
 * name reports show (the values replaced by their suggestions), and the
 * format plugin (formats/zip_redact.c) puts them back; every other member
 * is copied byte for byte.  The whole archive is then checked as any copy
 * is. */
#include <stdlib.h>
#include <string.h>

#include "redact.h"

typedef struct member_ctx {
    const pdp_rules *r;
    pdp_action level;
} member_ctx;

/* zip_member_fn: the member's redacted copy. */
static int member_copy(void *arg, const char *name, const unsigned char *data, size_t len, unsigned char **out,
                       size_t *out_len, char **err)
{
    const member_ctx *m = arg;
    pdp_redacted done;
    void *copy = NULL;
    char *why = NULL;
    if (pdp_redact_buffer(m->r, data, len, name, NULL, m->level, &done, &copy, out_len, &why) != 0) {
        *err = xasprintf("%s: %s", name, why);
        free(why);
        return -1;
    }
    pdp_redacted_free(&done);
    *out = copy;
    return 0;
}

/* Has child something to redact beyond its name? */
static int content_to_redact(const pdp_result *child, pdp_action level)
{
    redact_values v;
    redact_values_of(child, level, &v);
    int any = 0;
    for (size_t i = 0; i < v.n && !any; i++)
        any = !redact_own(child, v.f[i]) || !v.f[i]->loc.part || strcmp(v.f[i]->loc.part, "name");
    free(v.f);
    return any;
}

int redact_has_members(const pdp_result *res, pdp_action level)
{
    for (size_t i = 0; i < res->nchildren; i++) {
        redact_values v;
        redact_values_of(&res->children[i], level, &v);
        free(v.f);
        if (v.n) return 1;
    }
    return 0;
}

int redact_members(const pdp_rules *r, const pdp_result *res, pdp_action level, const unsigned char *data, size_t len,
                   redact_copy *c, char **err)
{
    const char *why = NULL;
    const extract_fns *fns = extract_formats(&why);
    if (!fns) {
        *err = xstrdup(why);
        return -1;
    }
    const char *above = res->shown_file ? res->shown_file : res->file;
    size_t plen = strlen(res->file), slen = strlen(above);
    zip_member_job *jobs = xcalloc(res->nchildren + 1, sizeof *jobs);
    size_t n = 0;
    for (size_t i = 0; i < res->nchildren; i++) {
        const pdp_result *ch = &res->children[i];
        if (strncmp(ch->file, res->file, plen) || strncmp(ch->file + plen, "!/", 2)) continue;
        int rewrite = content_to_redact(ch, level);
        const char *renamed = ch->shown_file && strlen(ch->shown_file) > slen + 2 ? ch->shown_file + slen + 2 : NULL;
        if (renamed && !strcmp(renamed, ch->file + plen + 2)) renamed = NULL;
        if (!rewrite && !renamed) continue;
        jobs[n++] = (zip_member_job){ ch->file + plen + 2, renamed, rewrite };
    }
    member_ctx m = { r, level };
    office_redacted out;
    int rc = fns->redact_members(data, len, jobs, n, member_copy, &m, &out, err);
    if (rc == 0) {
        buf_free(&c->data);
        buf_free(&c->view);
        c->data = (buf){ (char *)out.data, out.len, out.len + 1 };
        c->view = (buf){ (char *)out.view, out.view_len, out.view_len + 1 };
    }
    free(jobs);
    return rc;
}
