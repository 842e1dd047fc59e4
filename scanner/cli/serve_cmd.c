/* serve_cmd.c — `pdpascan serve [--listen ADDR:PORT] [--max-upload SIZE]
 * [--jobs N] [--token-file F] [--timeout S]`: the page a person drops files
 * on, and the same work as an HTTP API (serve_http.c).
 *
 * It listens on 127.0.0.1 unless told otherwise; any other address must be
 * given with --listen and draws a warning (documents are sensitive: give it
 * a --token-file).  libmicrohttpd runs a thread per connection; documents
 * are read in processes of their own.  SIGINT or SIGTERM stops it: the
 * connections open are finished first. */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../include/pdpascan.h"
#include "../util/buf.h"
#include "options.h"
#include "serve_cmd.h"
#include "serve_http.h"
#include "serve_page.h"

#define DEFAULT_LISTEN "127.0.0.1:8377"

typedef struct serve_args {
    const char *listen, *token_file, *rules;
    uint64_t max_upload;
    unsigned jobs, queue;
    double timeout;
} serve_args;

/* "100M", "2G", "500k" or bytes; 0 when not a size. */
static uint64_t size_of(const char *s)
{
    char *end;
    double v = strtod(s, &end);
    uint64_t unit = *end == 'k' || *end == 'K' ? 1 << 10 : *end == 'm' || *end == 'M' ? 1 << 20
                  : *end == 'g' || *end == 'G' ? 1 << 30 : 1;
    if (unit > 1) end++;
    if (*end == 'B' || *end == 'b') end++;
    return end == s || *end || v <= 0 ? 0 : (uint64_t)(v * (double)unit);
}

static int parse(int argc, char **argv, serve_args *a)
{
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    *a = (serve_args){ .max_upload = 100 << 20, .jobs = cores > 0 ? (unsigned)cores : 1, .queue = 64, .timeout = 120 };
    for (int i = 1; i < argc; i++) {
        const char *v = argv[i], *next = i + 1 < argc ? argv[i + 1] : NULL;
        if (!next) return usage_error("serve: %s needs a value", v);
        if (!strcmp(v, "--listen")) a->listen = next;
        else if (!strcmp(v, "--token-file")) a->token_file = next;
        else if (!strcmp(v, "--rules")) a->rules = next;
        else if (!strcmp(v, "--max-upload")) {
            if (!(a->max_upload = size_of(next))) return usage_error("serve: --max-upload takes a size (100M, 1G), not '%s'", next);
        } else if (!strcmp(v, "--jobs") || !strcmp(v, "-j")) {
            int n = atoi(next);
            if (n < 1 || n > 256) return usage_error("serve: --jobs takes 1 to 256, not '%s'", next);
            a->jobs = (unsigned)n;
        } else if (!strcmp(v, "--queue")) {
            int n = atoi(next);
            if (n < 0 || n > 4096) return usage_error("serve: --queue takes 0 to 4096, not '%s'", next);
            a->queue = (unsigned)n;
        } else if (!strcmp(v, "--timeout")) {
            if ((a->timeout = atof(next)) <= 0) return usage_error("serve: --timeout takes seconds, not '%s'", next);
        } else {
            return usage_error("serve: unknown argument '%s'", v);
        }
        i++;
    }
    return 0;
}

/* ADDR:PORT ("127.0.0.1:8377", "[::1]:8080", "0.0.0.0:80") into sa;
 * *loopback when only this machine can reach it.  -1 when not an address. */
static int address(const char *spec, struct sockaddr_storage *sa, int *v6, int *loopback)
{
    memset(sa, 0, sizeof *sa);
    const char *colon = strrchr(spec, ':');
    if (!colon) return -1;
    char host[64];
    size_t hl = (size_t)(colon - spec);
    if (hl >= sizeof host) return -1;
    memcpy(host, spec, hl);
    host[hl] = 0;
    char *end;
    long port = strtol(colon + 1, &end, 10);
    if (*end || end == colon + 1 || port < 0 || port > 65535) return -1;
    *v6 = host[0] == '[';
    if (*v6) {
        struct sockaddr_in6 *a = (struct sockaddr_in6 *)sa;
        if (hl < 2 || host[hl - 1] != ']') return -1;
        host[hl - 1] = 0;
        if (inet_pton(AF_INET6, host + 1, &a->sin6_addr) != 1) return -1;
        a->sin6_family = AF_INET6;
        a->sin6_port = htons((uint16_t)port);
        *loopback = IN6_IS_ADDR_LOOPBACK(&a->sin6_addr);
        return 0;
    }
    struct sockaddr_in *a = (struct sockaddr_in *)sa;
    if (inet_pton(AF_INET, host, &a->sin_addr) != 1) return -1;
    a->sin_family = AF_INET;
    a->sin_port = htons((uint16_t)port);
    *loopback = (ntohl(a->sin_addr.s_addr) >> 24) == 127;
    return 0;
}

/* The token in file path (its first line, spaces trimmed), or NULL with a
 * message. */
static char *read_token(const char *path)
{
    size_t len;
    char *t = buf_read_file(path, &len);
    if (!t) {
        say_about(path, strerror(errno ? errno : EIO));
        return NULL;
    }
    char *s = t, *e;
    while (*s == ' ' || *s == '\t') s++;
    for (e = s; *e && *e != '\n' && *e != '\r'; e++) {
    }
    while (e > s && (e[-1] == ' ' || e[-1] == '\t')) e--;
    *e = 0;
    if (strlen(s) < 16) {
        say_about(path, "the token must be at least 16 characters (for example: head -c 24 /dev/urandom | base64)");
        free(t);
        return NULL;
    }
    char *tok = xstrdup(s);
    free(t);
    return tok;
}

static struct MHD_Daemon *start(server *s, const serve_args *a, int *port)
{
    struct sockaddr_storage sa;
    int v6 = 0, loopback = 1;
    const char *spec = a->listen ? a->listen : DEFAULT_LISTEN;
    if (address(spec, &sa, &v6, &loopback) != 0) {
        fprintf(stderr, "pdpascan: serve: --listen takes ADDR:PORT (127.0.0.1:8377, [::1]:8080), not '%s'\n", spec);
        return NULL;
    }
    if (!loopback)
        fprintf(stderr, "pdpascan: serve: warning: listening on %s, reachable from other machines: documents are "
                        "sensitive%s\n",
                spec, s->token ? "" : " and no --token-file protects them");
    unsigned flags = MHD_USE_THREAD_PER_CONNECTION | MHD_USE_INTERNAL_POLLING_THREAD | (v6 ? MHD_USE_IPv6 : 0);
    struct MHD_Daemon *d = s->m->start_daemon(
        flags, 0, NULL, NULL, serve_request, s, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa,
        MHD_OPTION_NOTIFY_COMPLETED, serve_request_done, s, MHD_OPTION_CONNECTION_TIMEOUT, (unsigned int)60,
        MHD_OPTION_CONNECTION_LIMIT, (unsigned int)(a->jobs + a->queue + 16), MHD_OPTION_CONNECTION_MEMORY_LIMIT,
        (size_t)(64 * 1024), MHD_OPTION_END);
    if (!d) {
        fprintf(stderr, "pdpascan: serve: cannot listen on %s: %s\n", spec, strerror(errno ? errno : EADDRINUSE));
        return NULL;
    }
    const union MHD_DaemonInfo *info = s->m->get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
    *port = info ? info->port : -1;
    return d;
}

int cmd_serve(int argc, char **argv)
{
    serve_args a;
    if (parse(argc, argv, &a) != 0) return 2;
    const char *why = NULL;
    const mhd_fns *m = mhd_load(&why);
    if (!m) return say_about("serve", why), 2;
    server s = { .m = m, .max_upload = a.max_upload, .jobs = a.jobs, .queue = a.queue, .timeout = a.timeout,
                 .wait = 60 };
    char *token = a.token_file ? read_token(a.token_file) : NULL;
    if (a.token_file && !token) return 2;
    s.token = token;
    pdp_rules *rules;
    char *err = NULL;
    if (pdp_rules_load_ex(a.rules, PDP_RULES_CACHE, &rules, &err) != 0) {
        say_about("rules", err);
        free(err);
        free(token);
        return 2;
    }
    s.rules = rules;
    s.rules_dir = a.rules;
    s.result_csp = page_result_csp(rules);
    s.page_csp = page_own_csp(rules);
    pthread_mutex_init(&s.lock, NULL);
    pthread_cond_init(&s.turn, NULL);
    /* SIGINT and SIGTERM are waited for here, not taken by a connection's thread */
    sigset_t stop;
    sigemptyset(&stop);
    sigaddset(&stop, SIGINT);
    sigaddset(&stop, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop, NULL);
    signal(SIGPIPE, SIG_IGN);
    int port = 0, rc = 2;
    struct MHD_Daemon *d = start(&s, &a, &port);
    if (d) {
        const char *host = a.listen ? a.listen : DEFAULT_LISTEN;
        fprintf(stderr, "pdpascan serve: listening on %.*s:%d (%u jobs at once, uploads up to %llu MB%s)\n",
                (int)(strrchr(host, ':') - host), host, port, a.jobs, (unsigned long long)(a.max_upload >> 20),
                token ? ", token required" : "");
        int sig = 0;
        sigwait(&stop, &sig);
        fprintf(stderr, "pdpascan serve: stopping (signal %d)\n", sig);
        m->stop_daemon(d);
        rc = 0;
    }
    pthread_cond_destroy(&s.turn);
    pthread_mutex_destroy(&s.lock);
    free(s.result_csp);
    free(s.page_csp);
    pdp_rules_free(rules);
    free(token);
    return rc;
}
