/* zip_redact.c — the members of a ZIP archive (or of an Office document:
 * its embedded documents) replaced by their redacted copies, which the
 * caller makes (zip_member_fn: the library's own redaction, recursively),
 * and members whose names hold a value renamed.  Every other member is
 * copied byte for byte. */
#include <stdlib.h>
#include <string.h>

#include "../extract/formats.h"
#include "office_xml.h"

static int redact_one(zip_t *z, const zip_member_job *job, zip_member_fn fn, void *arg, char **err)
{
    zip_int64_t i = zip_name_locate(z, job->name, 0);
    if (i < 0) {
        *err = xasprintf("%s: not found again in the archive", job->name);
        return -1;
    }
    if (job->rewrite) {
        size_t len, out_len;
        unsigned char *d = office_member(z, (zip_uint64_t)i, &len), *copy = NULL;
        if (!d) {
            *err = xasprintf("%s: cannot be read again", job->name);
            return -1;
        }
        int rc = fn(arg, job->name, d, len, &copy, &out_len, err);
        free(d);
        if (rc != 0 || office_put(z, i, job->name, copy, out_len, err) != 0) return -1;
    }
    if (job->rename && zip_file_rename(z, (zip_uint64_t)i, job->rename, ZIP_FL_ENC_UTF_8) != 0) {
        *err = xasprintf("a member whose name holds a value cannot be renamed: %s", zip_strerror(z));
        return -1;
    }
    return 0;
}

int zip_redact(const unsigned char *data, size_t len, const zip_member_job *jobs, size_t n, zip_member_fn fn,
               void *arg, office_redacted *out, char **err)
{
    memset(out, 0, sizeof *out);
    office_zip oz;
    if (office_zip_open(&oz, data, len, err) != 0) return -1;
    for (size_t i = 0; i < n; i++)
        if (redact_one(oz.z, &jobs[i], fn, arg, err) != 0) {
            office_zip_discard(&oz);
            return -1;
        }
    if (!(out->data = office_zip_close(&oz, &out->len, err))) return -1;
    if (!(out->view = office_view(out->data, out->len, &out->view_len))) {
        *err = xstrdup("the copy cannot be read back");
        free(out->data);
        out->data = NULL;
        return -1;
    }
    return 0;
}
