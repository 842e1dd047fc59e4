/* sqlite_lazy.h — the SQLite functions of the result cache (`--cache`),
 * from libsqlite3 opened on first use.
 *
 * Only `--cache` runs need SQLite, and loading it costs a git hook about
 * 0.7 ms of start-up; see util/lazylib.h. */
#ifndef PDP_SQLITE_LAZY_H
#define PDP_SQLITE_LAZY_H

#include <sqlite3.h>

typedef struct sqlite_fns {
    int (*open)(const char *path, sqlite3 **db);
    int (*close)(sqlite3 *db);
    int (*exec)(sqlite3 *db, const char *sql, int (*cb)(void *, int, char **, char **), void *arg, char **err);
    const char *(*errmsg)(sqlite3 *db);
    int (*prepare_v2)(sqlite3 *db, const char *sql, int n, sqlite3_stmt **st, const char **tail);
    int (*finalize)(sqlite3_stmt *st);
    int (*reset)(sqlite3_stmt *st);
    int (*step)(sqlite3_stmt *st);
    int (*bind_text)(sqlite3_stmt *st, int i, const char *s, int n, void (*del)(void *));
    int (*bind_int64)(sqlite3_stmt *st, int i, sqlite3_int64 v);
    int (*bind_blob)(sqlite3_stmt *st, int i, const void *p, int n, void (*del)(void *));
    const void *(*column_blob)(sqlite3_stmt *st, int col);
    int (*column_bytes)(sqlite3_stmt *st, int col);
    int (*busy_timeout)(sqlite3 *db, int ms);
} sqlite_fns;

/* The table (loaded once, thread-safe), or NULL with *why when libsqlite3
 * cannot be loaded. */
const sqlite_fns *sqlite_load(const char **why);

#endif
