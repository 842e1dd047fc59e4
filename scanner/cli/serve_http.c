/* serve_http.c — the requests of `pdpascan serve` (see serve_http.h).
 *
 *   GET  /              the page to drop files on (serve_page.h)
 *   POST /check         multipart files -> the result page (HTML, streamed:
 *                       verdicts first, copies to download last)
 *   POST /api/scan      multipart files, or one raw body (?name=) -> the
 *                       `--format json` document
 *   POST /api/redact    one document -> its redacted copy (422 when refused)
 *   POST /api/annotate  one PDF or DOCX -> its review copy
 *   GET  /healthz       "ok"
 *
 * Every request needs the token when there is one (Authorization: Bearer,
 * or ?token=).  A body streams into memory files (serve_upload.h) up to
 * --max-upload; its documents are read in a process of the request's own
 * (serve_job.h), at most --jobs at once, the next ones waiting their turn
 * in a bounded queue, the rest told "busy".  Every answer says no-store;
 * every page carries a policy that lets nothing but its own inline code
 * run.  The log gets one line per request and per document: never a name,
 * a path's query (it may hold the token) or a value. */
#define _GNU_SOURCE /* strcasestr */
#include "serve_http.h"

#include <errno.h>
#include <glib.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "../util/buf.h"
#include "../util/clock.h"
#include "serve_job.h"
#include "serve_page.h"
#include "serve_upload.h"
#include "serve_work.h"

typedef enum route { R_NONE, R_PAGE, R_HEALTH, R_CHECK, R_SCAN, R_REDACT, R_ANNOTATE } route;

static const struct {
    const char *method, *path;
    route r;
} routes[] = {
    { "GET", "/", R_PAGE },           { "GET", "/healthz", R_HEALTH },     { "POST", "/check", R_CHECK },
    { "POST", "/api/scan", R_SCAN },  { "POST", "/api/redact", R_REDACT }, { "POST", "/api/annotate", R_ANNOTATE },
};

typedef struct request {
    route route;
    pdp_lang lang;
    upload up;
    struct MHD_PostProcessor *pp;
    int raw;          /* the body is the document itself */
    int bad;          /* the body is not well-formed multipart */
    double started;
} request;

/* A streamed result page: the job behind it, what to say if it fails. */
typedef struct stream {
    server *s;
    serve_job job;
    int running;
    char *tail;       /* markup after the job's output (its failure) */
    size_t tail_off;
    pdp_lang lang;
    size_t docs;
    uint64_t bytes;
    double started;
    int client;       /* the connection's socket: a hang-up stops the work */
} stream;

static void log_request(const char *what, unsigned status, size_t docs, uint64_t bytes, double started)
{
    char when[32];
    utc_stamp(when, sizeof when);
    fprintf(stderr, "%s %s %u, %zu document%s, %llu bytes, %.2f s\n", when, what, status, docs, docs == 1 ? "" : "s",
            (unsigned long long)bytes, monotonic_seconds() - started);
}

static const char *route_name(route r)
{
    static const char *names[] = { "-", "GET /", "GET /healthz", "POST /check", "POST /api/scan", "POST /api/redact",
                                   "POST /api/annotate" };
    return names[r];
}

/* The headers every answer carries: its type, and nothing kept or sniffed. */
static void headers(server *s, struct MHD_Response *r, const char *type, const char *csp)
{
    s->m->add_response_header(r, "Content-Type", type);
    s->m->add_response_header(r, "Cache-Control", "no-store");
    s->m->add_response_header(r, "X-Content-Type-Options", "nosniff");
    s->m->add_response_header(r, "Referrer-Policy", "no-referrer");
    if (csp) s->m->add_response_header(r, "Content-Security-Policy", csp);
}

static enum MHD_Result answer_as(server *s, struct MHD_Connection *c, unsigned status, const char *type,
                                 const void *data, size_t len, const char *csp, const char *disposition)
{
    struct MHD_Response *r = s->m->create_response_from_buffer(len, (void *)data, MHD_RESPMEM_MUST_COPY);
    if (!r) return MHD_NO;
    headers(s, r, type, csp);
    if (status == MHD_HTTP_SERVICE_UNAVAILABLE) s->m->add_response_header(r, "Retry-After", "10");
    if (status == MHD_HTTP_UNAUTHORIZED) s->m->add_response_header(r, "WWW-Authenticate", "Bearer");
    if (disposition) s->m->add_response_header(r, "Content-Disposition", disposition);
    enum MHD_Result rc = s->m->queue_response(c, status, r);
    s->m->destroy_response(r);
    return rc;
}

static enum MHD_Result answer(server *s, struct MHD_Connection *c, unsigned status, const char *type, const void *data,
                              size_t len, const char *csp)
{
    return answer_as(s, c, status, type, data, len, csp, NULL);
}

/* "attachment; filename*=UTF-8''name-suffix.ext" for a copy of name (heap). */
static char *attachment(const char *name, const char *suffix)
{
    char *n = upload_copy_name(name, suffix);
    gchar *e = g_uri_escape_string(n, NULL, FALSE);
    char *d = xasprintf("attachment; filename*=UTF-8''%s", e);
    g_free(e);
    free(n);
    return d;
}

static enum MHD_Result answer_html(server *s, struct MHD_Connection *c, unsigned status, char *html)
{
    enum MHD_Result rc = answer(s, c, status, "text/html; charset=utf-8", html, strlen(html), s->page_csp);
    free(html);
    return rc;
}

static const char *token_given(server *s, struct MHD_Connection *c)
{
    const char *q = s->m->lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "token");
    return s->token && q ? s->token : NULL;
}

/* An error in words: a page for a person (the browser routes), JSON for a
 * program. */
static enum MHD_Result fail(server *s, struct MHD_Connection *c, route r, pdp_lang lang, unsigned status,
                            const char *text)
{
    log_request(route_name(r), status, 0, 0, monotonic_seconds());
    if (r == R_PAGE || r == R_CHECK) return answer_html(s, c, status, page_message(s->rules, lang, text, token_given(s, c)));
    gchar *e = g_strescape(text, NULL);
    char *body = xasprintf("{\"error\":\"%s\"}\n", e);
    g_free(e);
    enum MHD_Result rc = answer(s, c, status, "application/json", body, strlen(body), NULL);
    free(body);
    return rc;
}

static const char *words(server *s, pdp_lang lang, const char *key) { return pdp_message(s->rules, key, lang); }

/* The same bytes, compared in time that does not depend on where they differ. */
static int same_secret(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    unsigned char d = la != lb;
    for (size_t i = 0; i < la; i++) d |= (unsigned char)(a[i] ^ b[i % (lb ? lb : 1)]);
    return !d;
}

static int authorized(server *s, struct MHD_Connection *c)
{
    if (!s->token) return 1;
    const char *h = s->m->lookup_connection_value(c, MHD_HEADER_KIND, "Authorization");
    if (h && !strncasecmp(h, "Bearer ", 7) && same_secret(h + 7, s->token)) return 1;
    const char *q = s->m->lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "token");
    return q && same_secret(q, s->token);
}

/* A turn among --jobs, waiting in a queue of at most --queue for at most
 * s->wait seconds; 0: busy. */
static int take_turn(server *s)
{
    pthread_mutex_lock(&s->lock);
    int ok = s->running < s->jobs || s->waiting < s->queue;
    if (ok && s->running >= s->jobs) {
        s->waiting++;
        struct timespec until;
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_sec += (time_t)s->wait;
        while (ok && s->running >= s->jobs)
            if (pthread_cond_timedwait(&s->turn, &s->lock, &until) == ETIMEDOUT) ok = s->running < s->jobs;
        s->waiting--;
    }
    if (ok) s->running++;
    pthread_mutex_unlock(&s->lock);
    return ok;
}

static void give_turn(server *s)
{
    pthread_mutex_lock(&s->lock);
    s->running--;
    pthread_cond_signal(&s->turn);
    pthread_mutex_unlock(&s->lock);
}

/* The result page's failure block, when its job crashed or ran out of time. */
static char *failure_block(server *s, pdp_lang lang, const char *why)
{
    const char *k[] = { "why" }, *v[] = { why };
    char *t = pdp_message_fill(s->rules, "serve.failed", lang, k, v, 1);
    gchar *e = g_markup_escape_text(t, -1);
    char *html = xasprintf("</table></section><section><p class=\"fv fv-unchecked\"><b>%s</b> %s</p></section>"
                           "</body></html>\n",
                           words(s, lang, "file.verdict.unchecked"), e);
    g_free(e);
    free(t);
    return html;
}

static void stream_end(stream *st)
{
    const char *why = NULL;
    int rc = serve_job_end(&st->job, &why);
    st->running = 0;
    give_turn(st->s);
    if (rc != 0 && !st->job.gone) st->tail = failure_block(st->s, st->lang, why ? why : "the check failed");
    log_request(st->job.gone ? "POST /check (client gone)" : route_name(R_CHECK), rc == 0 ? 200 : st->job.gone ? 499 : 500,
                st->docs, st->bytes, st->started);
}

static ssize_t stream_read(void *cls, uint64_t pos, char *out, size_t max)
{
    (void)pos;
    stream *st = cls;
    if (st->running) {
        ssize_t k = serve_job_read(&st->job, out, max, st->client);
        if (k > 0) return k;
        stream_end(st);
    }
    size_t left = st->tail ? strlen(st->tail) - st->tail_off : 0;
    if (!left) return MHD_CONTENT_READER_END_OF_STREAM;
    size_t n = left < max ? left : max;
    memcpy(out, st->tail + st->tail_off, n);
    st->tail_off += n;
    return (ssize_t)n;
}

static void stream_free(void *cls)
{
    stream *st = cls;
    if (st->running) { /* the client went away: stop its work */
        st->job.gone = 1;
        kill(st->job.pid, SIGKILL);
        stream_end(st);
    }
    free(st->tail);
    free(st);
}

static work work_for(server *s, request *q, struct MHD_Connection *c, char **top)
{
    static const work_kind kinds[] = { [R_CHECK] = WORK_PAGE, [R_SCAN] = WORK_JSON, [R_REDACT] = WORK_REDACT,
                                       [R_ANNOTATE] = WORK_ANNOTATE };
    *top = q->route == R_CHECK ? page_top(s->rules, q->lang, token_given(s, c)) : NULL;
    return (work){ .kind = kinds[q->route], .rules = s->rules, .up = &q->up, .lang = q->lang,
                   .show_values = q->up.show, .copies = q->up.copies,
                   .top = *top, .log_fd = 2 };
}

/* Start the worker for w (serve_job.h). */
static int start_job(server *s, serve_job *j, const work *w)
{
    int keep[UPLOAD_MAX_FILES];
    size_t nkeep = 0;
    int params = work_save(w, keep, &nkeep);
    if (params < 0) return -1;
    int rc = serve_job_start(j, params, keep, nkeep, s->rules_dir, s->timeout);
    close(params);
    return rc;
}

static enum MHD_Result check_page(server *s, struct MHD_Connection *c, request *q, work *w)
{
    stream *st = xcalloc(1, sizeof *st);
    const union MHD_ConnectionInfo *ci = s->m->get_connection_info(c, MHD_CONNECTION_INFO_CONNECTION_FD);
    *st = (stream){ .s = s, .running = 1, .lang = q->lang, .docs = q->up.n, .bytes = q->up.bytes, .started = q->started,
                    .client = ci ? ci->connect_fd : -1 };
    if (start_job(s, &st->job, w) != 0) {
        free(st);
        give_turn(s);
        return fail(s, c, q->route, q->lang, MHD_HTTP_INTERNAL_SERVER_ERROR, "no process could be started");
    }
    struct MHD_Response *r = s->m->create_response_from_callback(MHD_SIZE_UNKNOWN, 64 * 1024, stream_read, st, stream_free);
    if (!r) {
        stream_free(st);
        return MHD_NO;
    }
    headers(s, r, "text/html; charset=utf-8", s->result_csp);
    enum MHD_Result rc = s->m->queue_response(c, MHD_HTTP_OK, r);
    s->m->destroy_response(r);
    return rc;
}

/* A JSON document of error results, one per upload: the job that was to
 * read them crashed or ran out of time; they are not clean. */
static char *failed_json(server *s, request *q, const char *why)
{
    char *out = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&out, &len);
    if (!m) return NULL;
    char *reason = xasprintf("%s: not checked", why);
    pdp_result res[UPLOAD_MAX_FILES];
    for (size_t i = 0; i < q->up.n; i++) pdp_result_error(&res[i], q->up.docs[i].name, reason);
    pdp_report_opts o = { .rules = s->rules, .lang = q->lang, .fail_on = PDP_SEV_MEDIUM };
    work_report(m, &o, "json", res, q->up.n);
    for (size_t i = 0; i < q->up.n; i++) pdp_result_free(&res[i]);
    free(reason);
    fclose(m);
    return out;
}

/* The API's answers: the job's whole output, then a status from its end. */
static enum MHD_Result api(server *s, struct MHD_Connection *c, request *q, work *w)
{
    serve_job job;
    if (start_job(s, &job, w) != 0) {
        give_turn(s);
        return fail(s, c, q->route, q->lang, MHD_HTTP_INTERNAL_SERVER_ERROR, "no process could be started");
    }
    buf body;
    buf_init(&body);
    char chunk[65536];
    ssize_t k;
    const union MHD_ConnectionInfo *ci = s->m->get_connection_info(c, MHD_CONNECTION_INFO_CONNECTION_FD);
    while ((k = serve_job_read(&job, chunk, sizeof chunk, ci ? ci->connect_fd : -1)) > 0) buf_append(&body, chunk, (size_t)k);
    const char *why = NULL;
    int rc = serve_job_end(&job, &why);
    give_turn(s);
    if (job.gone) { /* nobody to answer */
        log_request(route_name(q->route), 499, q->up.n, q->up.bytes, q->started);
        return MHD_NO;
    }
    unsigned status = rc == 0 ? MHD_HTTP_OK : rc == WORK_REFUSED ? MHD_HTTP_UNPROCESSABLE_CONTENT
                                            : rc == WORK_NO_INPUT ? MHD_HTTP_BAD_REQUEST : MHD_HTTP_INTERNAL_SERVER_ERROR;
    const char *type = rc != 0 || q->route == R_SCAN ? "application/json" : "application/octet-stream";
    if (rc < 0 && q->route == R_SCAN) { /* a crash or a time-out: each document an error, as `scan` reports it */
        buf_free(&body);
        char *j = failed_json(s, q, why);
        buf_init(&body);
        if (j) buf_puts(&body, j);
        free(j);
        status = MHD_HTTP_OK;
    } else if (rc < 0) {
        buf_free(&body);
        buf_init(&body);
        buf_printf(&body, "{\"error\":\"%s: not checked\"}\n", why);
    }
    log_request(route_name(q->route), status, q->up.n, q->up.bytes, q->started);
    char *disp = rc == 0 && q->route != R_SCAN ? attachment(q->up.docs[0].name, q->route == R_REDACT ? "redacted" : "review") : NULL;
    enum MHD_Result r = answer_as(s, c, status, type, body.data ? body.data : "", body.len, NULL, disp);
    free(disp);
    buf_free(&body);
    return r;
}

static enum MHD_Result run(server *s, struct MHD_Connection *c, request *q)
{
    if (!take_turn(s)) return fail(s, c, q->route, q->lang, MHD_HTTP_SERVICE_UNAVAILABLE, words(s, q->lang, "serve.busy_error"));
    char *top = NULL;
    work w = work_for(s, q, c, &top);
    enum MHD_Result rc = q->route == R_CHECK ? check_page(s, c, q, &w) : api(s, c, q, &w);
    free(top); /* the child has its copy */
    return rc;
}

static enum MHD_Result on_part(void *cls, enum MHD_ValueKind kind, const char *key, const char *filename,
                               const char *content_type, const char *transfer_encoding, const char *data, uint64_t off,
                               size_t size)
{
    (void)kind, (void)content_type, (void)transfer_encoding;
    request *q = cls;
    if (!filename) {
        upload_field(&q->up, key);
        return MHD_YES;
    }
    if (!*filename && !size) return MHD_YES; /* a file input left empty */
    return upload_add(&q->up, filename, off == 0, data, size) == UPLOAD_OK ? MHD_YES : MHD_NO;
}

static route route_of(const char *method, const char *url)
{
    for (size_t i = 0; i < sizeof routes / sizeof *routes; i++)
        if (!strcmp(method, routes[i].method) && !strcmp(url, routes[i].path)) return routes[i].r;
    return R_NONE;
}

static pdp_lang lang_of(server *s, struct MHD_Connection *c)
{
    const char *l = s->m->lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "lang");
    return l && !strcmp(l, "en") ? PDP_LANG_EN : PDP_LANG_TH;
}

/* The first call for a request: route, token, size, and how its body is read. */
static enum MHD_Result begin(server *s, struct MHD_Connection *c, const char *url, const char *method, void **req)
{
    route r = route_of(method, url);
    pdp_lang lang = lang_of(s, c);
    if (r == R_NONE) return fail(s, c, r, lang, MHD_HTTP_NOT_FOUND, "no such page");
    if (!authorized(s, c)) return fail(s, c, r, lang, MHD_HTTP_UNAUTHORIZED, words(s, lang, "serve.token"));
    if (r == R_HEALTH) return answer(s, c, MHD_HTTP_OK, "text/plain", "ok\n", 3, NULL);
    if (r == R_PAGE) return answer_html(s, c, MHD_HTTP_OK, page_start(s->rules, lang, token_given(s, c)));
    const char *cl = s->m->lookup_connection_value(c, MHD_HEADER_KIND, "Content-Length");
    if (cl && strtoull(cl, NULL, 10) > s->max_upload) {
        char max[32];
        snprintf(max, sizeof max, "%llu MB", (unsigned long long)(s->max_upload >> 20));
        const char *k[] = { "max" }, *v[] = { max };
        char *t = pdp_message_fill(s->rules, "serve.too_big", lang, k, v, 1);
        enum MHD_Result rc = fail(s, c, r, lang, MHD_HTTP_CONTENT_TOO_LARGE, t);
        free(t);
        return rc;
    }
    request *q = xcalloc(1, sizeof *q);
    q->route = r;
    q->lang = lang;
    q->started = monotonic_seconds();
    upload_init(&q->up, s->max_upload);
    const char *type = s->m->lookup_connection_value(c, MHD_HEADER_KIND, "Content-Type");
    if (type && !strncasecmp(type, "multipart/form-data", 19)) {
        q->pp = s->m->create_post_processor(c, 64 * 1024, on_part, q);
        if (!q->pp) q->bad = 1;
    } else if (r == R_CHECK) {
        free(q);
        return fail(s, c, r, lang, MHD_HTTP_UNSUPPORTED_MEDIA_TYPE, "files are sent as multipart/form-data");
    } else {
        q->raw = 1;
    }
    *req = q;
    return MHD_YES;
}

/* A piece of the body. */
static enum MHD_Result take_body(server *s, struct MHD_Connection *c, request *q, const char *data, size_t n)
{
    if (q->pp && !q->bad && !q->up.fault && s->m->post_process(q->pp, data, n) != MHD_YES && !q->up.fault) q->bad = 1;
    if (q->raw) {
        const char *name = s->m->lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "name");
        upload_add(&q->up, name, q->up.n == 0, data, n);
    }
    return q->up.fault == UPLOAD_TOO_BIG ? MHD_NO : MHD_YES; /* a body past the limit (chunked): dropped */
}

/* The body is whole: answer. */
static enum MHD_Result finish(server *s, struct MHD_Connection *c, request *q)
{
    if (q->pp && s->m->destroy_post_processor(q->pp) != MHD_YES && !q->up.fault) q->bad = 1;
    q->pp = NULL;
    if (q->up.fault == UPLOAD_TOO_MANY) {
        char max[16];
        snprintf(max, sizeof max, "%d", UPLOAD_MAX_FILES);
        const char *k[] = { "max" }, *v[] = { max };
        char *t = pdp_message_fill(s->rules, "serve.too_many", q->lang, k, v, 1);
        enum MHD_Result rc = fail(s, c, q->route, q->lang, MHD_HTTP_CONTENT_TOO_LARGE, t);
        free(t);
        return rc;
    }
    if (q->up.fault) return fail(s, c, q->route, q->lang, MHD_HTTP_INTERNAL_SERVER_ERROR, "no memory for the upload");
    if (q->bad) return fail(s, c, q->route, q->lang, MHD_HTTP_BAD_REQUEST, "the body is not well-formed multipart/form-data");
    if (!q->up.n) return fail(s, c, q->route, q->lang, MHD_HTTP_BAD_REQUEST, "no file in the request");
    return run(s, c, q);
}

enum MHD_Result serve_request(void *cls, struct MHD_Connection *c, const char *url, const char *method,
                              const char *version, const char *upload_data, size_t *upload_data_size, void **req)
{
    (void)version;
    server *s = cls;
    if (!*req) return begin(s, c, url, method, req);
    request *q = *req;
    if (*upload_data_size) {
        size_t n = *upload_data_size;
        *upload_data_size = 0;
        return take_body(s, c, q, upload_data, n);
    }
    return finish(s, c, q);
}

void serve_request_done(void *cls, struct MHD_Connection *c, void **req, enum MHD_RequestTerminationCode why)
{
    (void)c, (void)why;
    server *s = cls;
    request *q = *req;
    if (!q) return;
    if (q->pp) s->m->destroy_post_processor(q->pp);
    upload_free(&q->up);
    free(q);
    *req = NULL;
}
