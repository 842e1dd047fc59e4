/* scan.c — the library's scanning entry points: open the input, sniff its
 * format, run the matching extractor through a docscan, fill the result. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../include/pdpascan.h"
#include "../extract/extract.h"
#include "docscan.h"
#include "../util/buf.h"

static void scan_source(const pdp_rules *r, source *src, const pdp_options *opt, pdp_result *res)
{
    size_t n = source_peek(src);
    if (src->err && n == 0) {
        char *e = xasprintf("cannot read: %s", strerror(src->err));
        result_set_status(res, PDP_STATUS_ERROR, e);
        free(e);
        return;
    }
    sniff_result sn;
    sniff(src->head, n, &sn);
    res->format = sn.format;
    if (sn.kind == KIND_OTHER) {
        result_set_status(res, PDP_STATUS_SKIPPED, sn.what);
    } else if (sn.kind == KIND_DOCUMENT) {
        char *e = xasprintf("%s: this format cannot be read yet, so it was not checked", sn.what);
        result_set_status(res, PDP_STATUS_ERROR, e);
        free(e);
    } else {
        docscan *ds = docscan_new(r, opt, res);
        extract_text(src, ds, res);
        docscan_finish(ds);
        docscan_free(ds);
    }
    res->bytes = src->total;
}

int pdp_scan_fd(const pdp_rules *r, int fd, const char *name, const pdp_options *opt, pdp_result *res)
{
    if (!r || !res) return -1;
    result_init(res, name);
    source *src = xmalloc(sizeof *src);
    source_init_fd(src, fd);
    scan_source(r, src, opt, res);
    free(src);
    return 0;
}

int pdp_scan_buffer(const pdp_rules *r, const void *data, size_t len, const char *name,
                    const pdp_options *opt, pdp_result *res)
{
    if (!r || !res || (!data && len)) return -1;
    result_init(res, name);
    source *src = xmalloc(sizeof *src);
    source_init_mem(src, data, len);
    scan_source(r, src, opt, res);
    free(src);
    return 0;
}

int pdp_scan_file(const pdp_rules *r, const char *path, const char *name, const pdp_options *opt,
                  pdp_result *res)
{
    if (!r || !path || !res) return -1;
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
    struct stat st;
    const char *why = NULL;
    if (fd < 0) why = strerror(errno);
    else if (fstat(fd, &st) != 0) why = strerror(errno);
    else if (S_ISDIR(st.st_mode)) why = "is a directory";
    else if (!S_ISREG(st.st_mode) && !S_ISFIFO(st.st_mode)) why = "not a regular file";
    if (why) {
        result_init(res, name ? name : path);
        char *e = xasprintf("cannot open: %s", why);
        result_set_status(res, PDP_STATUS_ERROR, e);
        free(e);
        if (fd >= 0) close(fd);
        return 0;
    }
    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
    posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
    pdp_scan_fd(r, fd, name ? name : path, opt, res);
    close(fd);
    return 0;
}
