/* batch.c — pdp_scan_batch as a server or tool meets it: inputs of every
 * kind in one batch, one of them a PDF that crashes poppler, in worker
 * processes and on threads, with a cache that answers one input and keeps
 * the rest.  Only pdpascan.h.
 * usage: batch RULES_DIR FILE  (prints "ok"/"not ok" lines; exit 0 if all pass) */
#define _POSIX_C_SOURCE 200809L /* strdup */
#include <pdpascan.h>
#include "check.h"

#include <string.h>

#define CRASHER "tests/regress/pdf-poppler-attachment-segv.pdf"
#define N 5

typedef struct seen {
    size_t n;
    char *file[N];
    pdp_status status[N];
    size_t findings[N];
    char *error[N];
} seen;

static void on_result(void *ctx, pdp_result *res)
{
    seen *s = ctx;
    if (s->n < N) {
        s->file[s->n] = strdup(res->file);
        s->status[s->n] = res->status;
        s->findings[s->n] = res->nfindings;
        s->error[s->n] = res->error ? strdup(res->error) : NULL;
    }
    s->n++;
}

static void seen_free(seen *s)
{
    for (size_t i = 0; i < N && i < s->n; i++) {
        free(s->file[i]);
        free(s->error[i]);
    }
}

typedef struct fake_cache {
    size_t looked_up, stored, bad; /* bad: an error or an input with no file kept */
} fake_cache;

/* Knows input 3 (an error result stands for "known"); keeps the rest. */
static int lookup(void *ctx, size_t i, pdp_result *res)
{
    ((fake_cache *)ctx)->looked_up++;
    if (i != 3) return 0;
    pdp_result_error(res, "from-cache", "answered by the cache");
    return 1;
}

static void store(void *ctx, size_t i, const pdp_result *res)
{
    fake_cache *c = ctx;
    c->stored++;
    if (res->status == PDP_STATUS_ERROR || i == 2 || i == 4) c->bad++;
}

int main(int argc, char **argv)
{
    if (argc != 3) return 2;
    pdp_rules *rules = rules_or_exit(argv[1]);
    static const char text[] = "ผู้ร้อง นางสาวทดสอบ ระบบ โทร 081-234-5678\n";
    pdp_input in[N] = {
        { argv[2], NULL, 0, NULL },
        { CRASHER, NULL, 0, NULL },
        { "memo.txt", text, sizeof text - 1, NULL },
        { argv[2], NULL, 0, NULL },
        { "gone.pdf", NULL, 0, "vanished before it was read" },
    };
    seen s = { 0 };
    fake_cache fc = { 0 };
    pdp_batch b = { 2, 30, 0, lookup, store, &fc };
    size_t stuck = pdp_scan_batch(rules, NULL, in, N, &b, on_result, &s);
    check(stuck == 0 && s.n == N, "processes: one result per input");
    check(s.n == N && !strcmp(s.file[0], argv[2]) && !strcmp(s.file[2], "memo.txt") && !strcmp(s.file[4], "gone.pdf"),
          "in input order");
    check(s.n == N && s.status[0] == PDP_STATUS_OK && s.findings[0] > 0, "the file is scanned, its ID found");
    check(s.n == N && s.status[1] == PDP_STATUS_ERROR && s.error[1] && strstr(s.error[1], "crashed"),
          "the PDF that crashes poppler is an error, the batch goes on");
    check(s.n == N && s.status[2] == PDP_STATUS_OK && s.findings[2] > 0, "bytes in memory are scanned");
    check(s.n == N && s.error[3] && !strcmp(s.error[3], "answered by the cache"), "the cache answers what it knows");
    check(s.n == N && s.status[4] == PDP_STATUS_ERROR && !strcmp(s.error[4], "vanished before it was read"),
          "an input given with an error is that error");
    check(fc.looked_up == 3 && fc.stored == 1 && fc.bad == 0, "only files are looked up; fresh results, not errors, are kept");
    seen_free(&s);

    seen t = { 0 };
    pdp_input safe[2] = { in[2], in[0] };
    pdp_batch th = { 2, 30, 1, NULL, NULL, NULL };
    stuck = pdp_scan_batch(rules, NULL, safe, 2, &th, on_result, &t);
    check(stuck == 0 && t.n == 2 && !strcmp(t.file[0], "memo.txt") && t.findings[1] > 0, "threads: the same, in order");
    seen_free(&t);
    pdp_rules_free(rules);
    return failed;
}
