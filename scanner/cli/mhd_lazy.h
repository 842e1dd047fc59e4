/* mhd_lazy.h — the libmicrohttpd functions of `pdpascan serve`, from the
 * library opened on first use.
 *
 * Only `serve` needs an HTTP server, and libmicrohttpd brings GnuTLS and
 * its own dependencies: every other run (a git hook above all) would pay
 * for loading them; see util/lazylib.h. */
#ifndef PDP_MHD_LAZY_H
#define PDP_MHD_LAZY_H

#include <microhttpd.h>

typedef struct mhd_fns {
    struct MHD_Daemon *(*start_daemon)(unsigned int flags, uint16_t port, MHD_AcceptPolicyCallback apc, void *apc_cls,
                                       MHD_AccessHandlerCallback dh, void *dh_cls, ...);
    void (*stop_daemon)(struct MHD_Daemon *d);
    const union MHD_DaemonInfo *(*get_daemon_info)(struct MHD_Daemon *d, enum MHD_DaemonInfoType t, ...);
    struct MHD_Response *(*create_response_from_buffer)(size_t size, void *buffer, enum MHD_ResponseMemoryMode mode);
    struct MHD_Response *(*create_response_from_callback)(uint64_t size, size_t block_size, MHD_ContentReaderCallback crc,
                                                          void *crc_cls, MHD_ContentReaderFreeCallback crfc);
    enum MHD_Result (*add_response_header)(struct MHD_Response *r, const char *header, const char *content);
    enum MHD_Result (*queue_response)(struct MHD_Connection *c, unsigned int status, struct MHD_Response *r);
    void (*destroy_response)(struct MHD_Response *r);
    struct MHD_PostProcessor *(*create_post_processor)(struct MHD_Connection *c, size_t buffer_size,
                                                       MHD_PostDataIterator iter, void *iter_cls);
    enum MHD_Result (*post_process)(struct MHD_PostProcessor *pp, const char *post_data, size_t post_data_len);
    enum MHD_Result (*destroy_post_processor)(struct MHD_PostProcessor *pp);
    const char *(*lookup_connection_value)(struct MHD_Connection *c, enum MHD_ValueKind kind, const char *key);
    const union MHD_ConnectionInfo *(*get_connection_info)(struct MHD_Connection *c, enum MHD_ConnectionInfoType t, ...);
} mhd_fns;

/* The table (loaded once, thread-safe), or NULL with *why when
 * libmicrohttpd cannot be loaded. */
const mhd_fns *mhd_load(const char **why);

#endif
