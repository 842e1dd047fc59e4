/* mhd_lazy.c — libmicrohttpd opened on first use (see mhd_lazy.h). */
#include "mhd_lazy.h"

#include "../util/lazylib.h"

#define MHD_LIB "libmicrohttpd.so.12"

static mhd_fns fns;

static const lazy_fn want[] = {
    LAZY_FN(fns.start_daemon, MHD_start_daemon),
    LAZY_FN(fns.stop_daemon, MHD_stop_daemon),
    LAZY_FN(fns.get_daemon_info, MHD_get_daemon_info),
    LAZY_FN(fns.create_response_from_buffer, MHD_create_response_from_buffer),
    LAZY_FN(fns.create_response_from_callback, MHD_create_response_from_callback),
    LAZY_FN(fns.add_response_header, MHD_add_response_header),
    LAZY_FN(fns.queue_response, MHD_queue_response),
    LAZY_FN(fns.destroy_response, MHD_destroy_response),
    LAZY_FN(fns.create_post_processor, MHD_create_post_processor),
    LAZY_FN(fns.post_process, MHD_post_process),
    LAZY_FN(fns.destroy_post_processor, MHD_destroy_post_processor),
    LAZY_FN(fns.lookup_connection_value, MHD_lookup_connection_value),
    LAZY_FN(fns.get_connection_info, MHD_get_connection_info),
};
static lazy_lib lib = { MHD_LIB, want, sizeof want / sizeof *want, 0, 0 };

const mhd_fns *mhd_load(const char **why)
{
    if (lazylib_open(&lib)) return &fns;
    *why = "libmicrohttpd (" MHD_LIB ", Debian package libmicrohttpd12) could not be loaded";
    return NULL;
}
