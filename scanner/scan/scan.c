/* scan.c — the library's scanning entry points: open the input, sniff its
 * format, run the matching reader through a docscan, fill the result.
 * Documents inside documents (archive members, PDF attachments) come back
 * here through the readers' extract_nested, which calls scan_nested (given
 * to the readers in extract_ctx: the readers never call this layer by
 * name), one level deeper, sharing the limits. */
#define _GNU_SOURCE /* memmem */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../include/pdpascan.h"
#include "../extract/formats.h"
#include "../util/buf.h"
#include "../pipeline/docscan.h"

/* The whole input in memory: mapped, borrowed or read. */
typedef struct blob {
    const unsigned char *data;
    size_t len;
    void *map;          /* munmap when set */
    unsigned char *heap;  /* free when set */
} blob;

static void set_error(pdp_result *res, pdp_status st, const char *fmt, const char *arg)
{
    char *e = xasprintf(fmt, arg);
    result_set_status(res, st, e);
    free(e);
}

static void too_large(pdp_result *res, uint64_t max)
{
    char *e = xasprintf("larger than the limit of %llu bytes for documents read whole; not checked",
                        (unsigned long long)max);
    result_set_status(res, PDP_STATUS_ERROR, e);
    free(e);
}

/* Load the source whole, up to max bytes; 0 on success. */
static int load_blob(source *src, uint64_t max, blob *b, pdp_result *res)
{
    memset(b, 0, sizeof *b);
    struct stat st;
    if (src->fd < 0) {
        b->data = src->mem;
        b->len = src->memlen;
        return 0;
    }
    if (fstat(src->fd, &st) == 0 && S_ISREG(st.st_mode)) {
        if ((uint64_t)st.st_size > max) {
            too_large(res, max);
            return -1;
        }
        if (st.st_size == 0) return 0;
        b->map = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, src->fd, 0);
        if (b->map != MAP_FAILED) {
            b->data = b->map;
            b->len = (size_t)st.st_size;
            src->total = (uint64_t)st.st_size;
            return 0;
        }
        b->map = NULL;
    }
    /* A pipe, or mmap refused: read it all. */
    buf all;
    buf_init(&all);
    buf_append(&all, src->head, src->headlen);
    src->headpos = src->headlen;
    char chunk[65536];
    ssize_t k = 0;
    while (all.len <= max && (k = source_read(src, chunk, sizeof chunk)) > 0) buf_append(&all, chunk, (size_t)k);
    if (all.len > max) { /* the peeked head alone may already be over it */
        buf_free(&all);
        too_large(res, max);
        return -1;
    }
    if (k < 0) {
        buf_free(&all);
        set_error(res, PDP_STATUS_ERROR, "cannot read: %s", strerror(src->err));
        return -1;
    }
    b->heap = (unsigned char *)buf_steal(&all);
    b->data = b->heap;
    b->len = src->total;
    return 0;
}

static void blob_free(blob *b)
{
    if (b->map) munmap(b->map, b->len);
    free(b->heap);
}

/* An OLE container is not read: a password-protected DOCX/XLSX/PPTX is one
 * (its EncryptedPackage stream), and so are the legacy formats. */
static void ole_error(source *src, scan_limits *lim, pdp_result *res, const sniff_result *sn)
{
    static const char enc[] = "E\0n\0c\0r\0y\0p\0t\0e\0d\0P\0a\0c\0k\0a\0g\0e\0";
    blob b;
    if (load_blob(src, lim->max_bytes, &b, res) != 0) return;
    int encrypted = b.len && memmem(b.data, b.len, enc, sizeof enc - 1);
    blob_free(&b);
    if (encrypted)
        result_set_status(res, PDP_STATUS_ERROR,
                          "encrypted Office document (a password is needed to open it); not checked");
    else
        set_error(res, PDP_STATUS_ERROR, "%s: not read; save it as DOCX/XLSX/PPTX or PDF to check it", sn->what);
}

static void scan_nested(extract_ctx *x, pdp_result *child, const unsigned char *data, size_t len);

static void scan_source(const pdp_rules *r, source *src, const pdp_options *opt, pdp_result *res,
                        scan_limits *lim, int depth)
{
    size_t n = source_peek(src);
    if (src->err && n == 0) {
        set_error(res, PDP_STATUS_ERROR, "cannot read: %s", strerror(src->err));
        return;
    }
    sniff_result sn;
    sniff(src->head, n, &sn);
    res->format = sn.format;
    if (sn.kind == KIND_OTHER || (!strcmp(sn.format, "image") && !(opt && opt->ocr))) {
        result_set_status(res, PDP_STATUS_SKIPPED, sn.what); /* images: read by OCR, when it is on */
    } else if (sn.kind == KIND_OLE) {
        ole_error(src, lim, res, &sn);
    } else if (sn.kind == KIND_TEXT) {
        docscan *ds = docscan_new(r, opt, res);
        extract_text(src, ds, res);
        docscan_finish(ds);
        docscan_free(ds);
    } else {
        blob b;
        const char *why = NULL;
        const extract_fns *fns = extract_formats(&why);
        if (!fns) {
            result_set_status(res, PDP_STATUS_ERROR, why);
        } else if (load_blob(src, lim->max_bytes, &b, res) == 0) {
            docscan *ds = docscan_new(r, opt, res);
            extract_ctx x = { r, opt, res, ds, lim, depth, scan_nested };
            fns->read[sn.kind - KIND_READER](&x, b.data, b.len);
            docscan_finish(ds);
            docscan_free(ds);
            blob_free(&b);
        }
    }
    res->bytes = src->total;
}

/* A document inside the one being read (the readers' extract_nested), one
 * level deeper, sharing the input's limits. */
static void scan_nested(extract_ctx *x, pdp_result *child, const unsigned char *data, size_t len)
{
    source *src = xmalloc(sizeof *src);
    source_init_mem(src, data, len);
    scan_source(x->rules, src, x->opt, child, x->lim, x->depth + 1);
    free(src);
}

const char *pdp_sniff_format(const void *head, size_t n)
{
    sniff_result sn;
    sniff(head, n, &sn);
    return sn.format;
}

static void scan_top(const pdp_rules *r, source *src, const pdp_options *opt, pdp_result *res)
{
    scan_limits lim;
    limits_init(&lim, opt);
    scan_source(r, src, opt, res, &lim, 0);
    if (lim.members_out) {
        char *e = xasprintf("more than %u documents inside it (all levels together); the rest were not checked",
                            lim.max_members);
        result_set_status(res, PDP_STATUS_PARTIAL, e);
        free(e);
    }
}

int pdp_scan_fd(const pdp_rules *r, int fd, const char *name, const pdp_options *opt, pdp_result *res)
{
    if (!r || !res) return -1;
    result_init(res, name);
    source *src = xmalloc(sizeof *src);
    source_init_fd(src, fd);
    scan_top(r, src, opt, res);
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
    scan_top(r, src, opt, res);
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
        set_error(res, PDP_STATUS_ERROR, "cannot open: %s", why);
        if (fd >= 0) close(fd);
        return 0;
    }
    if (S_ISFIFO(st.st_mode)) { /* opened without waiting, it would read as empty: wait for its writer */
        close(fd);
        fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
        if (fd < 0) {
            result_init(res, name ? name : path);
            set_error(res, PDP_STATUS_ERROR, "cannot open: %s", strerror(errno));
            return 0;
        }
    }
    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
    posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
    pdp_scan_fd(r, fd, name ? name : path, opt, res);
    close(fd);
    return 0;
}
