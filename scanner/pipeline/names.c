/* names.c — the names of archive members and PDF attachments.
 *
 * A name is published with its archive (`scans/1579378657978_081-234-5678.txt`),
 * so it is scanned as a part of its own (location part "name") of the member's
 * result, before the member's content, with its folders and underscores read
 * as spaces.  And the name with each value found in
 * it replaced by its suggestion becomes the member's shown_file, the name
 * reports print when they mask values — as do the names of the members inside
 * it. */
#include <stdlib.h>
#include <string.h>

#include "../util/buf.h"
#include "docscan.h"

/* Move the findings of from onto the end of to (from keeps none). */
static void take_findings(pdp_result *to, pdp_result *from)
{
    for (size_t i = 0; i < from->nfindings; i++) *result_add_finding(to) = from->findings[i];
    to->suppressed += from->suppressed;
    from->nfindings = 0;
}

/* name with the spans of the findings (offsets into name, in order, not
 * overlapping) replaced by their suggestions (heap). */
static char *masked(const char *name, const pdp_result *found)
{
    buf b;
    buf_init(&b);
    size_t at = 0, len = strlen(name);
    for (size_t i = 0; i < found->nfindings; i++) {
        const pdp_finding *f = &found->findings[i];
        if (f->start < at || f->end > len || f->end <= f->start) continue;
        buf_append(&b, name + at, (size_t)f->start - at);
        buf_puts(&b, f->suggestion && *f->suggestion ? f->suggestion : "X");
        at = (size_t)f->end;
    }
    buf_puts(&b, name + at);
    return buf_steal(&b);
}

void names_scan(const pdp_rules *r, const pdp_options *opt, const pdp_result *parent, pdp_result *child,
                const char *member)
{
    pdp_result found;
    result_init(&found, child->file);
    pdp_options o = opt ? *opt : (pdp_options){ 0 };
    o.with_context = 0;
    docscan *ds = docscan_new(r, &o, &found);
    docscan_piece(ds, &(pdp_location){ .part = "name" });
    char *words = xstrdup(member); /* folders and underscores part words, as spaces do (same offsets) */
    for (char *p = words; *p; p++)
        if (*p == '/' || *p == '\\' || *p == '_' || *p == '+') *p = ' ';
    docscan_text(ds, words, strlen(words));
    free(words);
    docscan_finish(ds);
    docscan_free(ds);
    const char *above = parent->shown_file ? parent->shown_file : parent->file;
    if (found.nfindings) {
        char *m = masked(member, &found);
        child->shown_file = xasprintf("%s!/%s", above, m);
        free(m);
    } else if (parent->shown_file) {
        child->shown_file = xasprintf("%s!/%s", above, member);
    }
    take_findings(child, &found);
    pdp_result_free(&found);
}
