/* sqlite_lazy.c — libsqlite3 opened on first use (see sqlite_lazy.h). */
#include "sqlite_lazy.h"

#include <pthread.h>

#include "../util/lazylib.h"

#define SQLITE_LIB "libsqlite3.so.0"

static pthread_once_t once = PTHREAD_ONCE_INIT;
static sqlite_fns fns;
static const sqlite_fns *table;

/* The compiler checks that every slot has its function's type. */
LAZY_SAME_TYPE(fns.open, sqlite3_open);
LAZY_SAME_TYPE(fns.close, sqlite3_close);
LAZY_SAME_TYPE(fns.exec, sqlite3_exec);
LAZY_SAME_TYPE(fns.errmsg, sqlite3_errmsg);
LAZY_SAME_TYPE(fns.prepare_v2, sqlite3_prepare_v2);
LAZY_SAME_TYPE(fns.finalize, sqlite3_finalize);
LAZY_SAME_TYPE(fns.reset, sqlite3_reset);
LAZY_SAME_TYPE(fns.step, sqlite3_step);
LAZY_SAME_TYPE(fns.bind_text, sqlite3_bind_text);
LAZY_SAME_TYPE(fns.bind_int64, sqlite3_bind_int64);
LAZY_SAME_TYPE(fns.bind_blob, sqlite3_bind_blob);
LAZY_SAME_TYPE(fns.column_blob, sqlite3_column_blob);
LAZY_SAME_TYPE(fns.column_bytes, sqlite3_column_bytes);

static void load(void)
{
    const lazy_fn want[] = {
        { "sqlite3_open", &fns.open },
        { "sqlite3_close", &fns.close },
        { "sqlite3_exec", &fns.exec },
        { "sqlite3_errmsg", &fns.errmsg },
        { "sqlite3_prepare_v2", &fns.prepare_v2 },
        { "sqlite3_finalize", &fns.finalize },
        { "sqlite3_reset", &fns.reset },
        { "sqlite3_step", &fns.step },
        { "sqlite3_bind_text", &fns.bind_text },
        { "sqlite3_bind_int64", &fns.bind_int64 },
        { "sqlite3_bind_blob", &fns.bind_blob },
        { "sqlite3_column_blob", &fns.column_blob },
        { "sqlite3_column_bytes", &fns.column_bytes },
    };
    if (lazylib_bind(SQLITE_LIB, want, sizeof want / sizeof *want) == 0) table = &fns;
}

const sqlite_fns *sqlite_load(const char **why)
{
    pthread_once(&once, load);
    if (!table) *why = "SQLite (" SQLITE_LIB ") could not be loaded";
    return table;
}
