/* serve_http.h — the requests of `pdpascan serve` (serve_http.c): routes,
 * bodies, limits, answers. */
#ifndef PDP_SERVE_HTTP_H
#define PDP_SERVE_HTTP_H

#include <pthread.h>
#include <stdint.h>

#include "../include/pdpascan.h"
#include "mhd_lazy.h"

typedef struct server {
    const mhd_fns *m;
    const pdp_rules *rules;
    const char *rules_dir;   /* --rules, for the workers; NULL: the default */
    uint64_t max_upload;     /* bytes in one request */
    unsigned jobs;           /* requests worked on at once */
    unsigned queue;          /* requests waiting for one of them, at most */
    double timeout;          /* seconds one request's work may take */
    double wait;             /* seconds a request may wait for its turn */
    const char *token;       /* every request needs it; NULL: none */
    char *result_csp;        /* the result pages' policy (page_result_csp) */
    char *page_csp;          /* the server's own pages' (page_own_csp) */
    pthread_mutex_t lock;
    pthread_cond_t turn;
    unsigned running, waiting;
} server;

/* MHD_AccessHandlerCallback, with the server as its cls. */
enum MHD_Result serve_request(void *cls, struct MHD_Connection *c, const char *url, const char *method,
                              const char *version, const char *upload_data, size_t *upload_data_size, void **req);
/* MHD_RequestCompletedCallback: frees what serve_request kept. */
void serve_request_done(void *cls, struct MHD_Connection *c, void **req, enum MHD_RequestTerminationCode why);

#endif
