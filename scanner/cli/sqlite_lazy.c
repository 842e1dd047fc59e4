/* sqlite_lazy.c — libsqlite3 opened on first use (see sqlite_lazy.h). */
#include "sqlite_lazy.h"


#include "../util/lazylib.h"

#define SQLITE_LIB "libsqlite3.so.0"

static sqlite_fns fns;

/* Each slot with its function (LAZY_FN checks their types). */
static const lazy_fn want[] = {
    LAZY_FN(fns.open, sqlite3_open),
    LAZY_FN(fns.close, sqlite3_close),
    LAZY_FN(fns.exec, sqlite3_exec),
    LAZY_FN(fns.errmsg, sqlite3_errmsg),
    LAZY_FN(fns.prepare_v2, sqlite3_prepare_v2),
    LAZY_FN(fns.finalize, sqlite3_finalize),
    LAZY_FN(fns.reset, sqlite3_reset),
    LAZY_FN(fns.step, sqlite3_step),
    LAZY_FN(fns.bind_text, sqlite3_bind_text),
    LAZY_FN(fns.bind_int64, sqlite3_bind_int64),
    LAZY_FN(fns.bind_blob, sqlite3_bind_blob),
    LAZY_FN(fns.column_blob, sqlite3_column_blob),
    LAZY_FN(fns.column_bytes, sqlite3_column_bytes),
    LAZY_FN(fns.busy_timeout, sqlite3_busy_timeout),
};
static lazy_lib lib = { SQLITE_LIB, want, sizeof want / sizeof *want, 0, 0 };

const sqlite_fns *sqlite_load(const char **why)
{
    if (lazylib_open(&lib)) return &fns;
    *why = "SQLite (" SQLITE_LIB ") could not be loaded";
    return NULL;
}
