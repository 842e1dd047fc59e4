/* cache.c — `--cache FILE`: an SQLite database of scan results, so that a
 * nightly rescan of an unchanged archive reads only what changed.
 *
 * A file whose path, size and modification time match an entry of the same
 * rule-set version is not read at all.  Otherwise its content's SHA-1 is
 * looked up (a file moved or copied is not scanned again), and a file
 * scanned anew is stored under path, size, time and hash at once, so an
 * interrupted scan resumes where it stopped.  One connection, used by the
 * worker threads in turn (a mutex); writes are committed in batches. */
#include "cache.h"

#include <fcntl.h>
#include <glib.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../util/buf.h"
#include "../util/clock.h"
#include "sqlite_lazy.h"

#define BATCH 200 /* writes per transaction */
#define BATCH_SECONDS 1.0 /* ...or this long: another scan waiting to write is not kept waiting */
#define BUSY_MS 60000 /* how long to wait for another scan's transaction before giving up */

struct cache {
    const sqlite_fns *sq;
    char *path;
    sqlite3 *db;
    sqlite3_stmt *by_path, *by_hash, *put;
    pthread_mutex_t mu;
    char *version;      /* the rule set's, and the result encoding's */
    size_t pending;
    double batch_started;  /* 0: no write transaction open */
    int reading;           /* a read transaction is open (lookups take no lock each) */
    int write_failed;      /* said once on stderr */
    size_t hits, misses;
};

static const char *schema =
    "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
    "CREATE TABLE IF NOT EXISTS results (path TEXT PRIMARY KEY, size INTEGER, mtime INTEGER, hash TEXT,"
    " ruleset TEXT, result BLOB);"
    "CREATE INDEX IF NOT EXISTS results_hash ON results (hash, ruleset);";

static void begin_reading(cache *c);

cache *cache_open(const char *path, const char *version, char **err)
{
    cache *c = xcalloc(1, sizeof *c);
    c->version = xasprintf("%s/codec%u", version, pdp_result_encoding());
    pthread_mutex_init(&c->mu, NULL);
    const char *why = NULL;
    if (!(c->sq = sqlite_load(&why))) {
        *err = xasprintf("--cache %s: %s", path, why);
        cache_close(c);
        return NULL;
    }
    if (c->sq->open(path, &c->db) != SQLITE_OK || c->sq->busy_timeout(c->db, BUSY_MS) != SQLITE_OK ||
        c->sq->exec(c->db, schema, NULL, NULL, NULL) != SQLITE_OK ||
        c->sq->prepare_v2(c->db, "SELECT result FROM results WHERE path=?1 AND size=?2 AND mtime=?3 AND ruleset=?4",
                           -1, &c->by_path, NULL) != SQLITE_OK ||
        c->sq->prepare_v2(c->db, "SELECT result FROM results WHERE hash=?1 AND ruleset=?2 LIMIT 1", -1, &c->by_hash,
                           NULL) != SQLITE_OK ||
        c->sq->prepare_v2(c->db, "INSERT OR REPLACE INTO results VALUES (?1, ?2, ?3, ?4, ?5, ?6)", -1, &c->put,
                           NULL) != SQLITE_OK) {
        *err = xasprintf("--cache %s: %s", path, c->db ? c->sq->errmsg(c->db) : "cannot open");
        cache_close(c);
        return NULL;
    }
    c->path = xstrdup(path);
    begin_reading(c);
    return c;
}

/* Lookups run in one read transaction: each would otherwise take and drop
 * the database's shared lock (two fcntl calls a file; a rescan of 10,000
 * files is mostly that).  A batch of writes ends it first (a read
 * transaction that another scan wrote under could not become a write one)
 * and opens a new one when committed. */
static void begin_reading(cache *c)
{
    c->reading = c->sq->exec(c->db, "BEGIN", NULL, NULL, NULL) == SQLITE_OK;
}

static void end_reading(cache *c)
{
    if (c->reading) c->sq->exec(c->db, "COMMIT", NULL, NULL, NULL);
    c->reading = 0;
}

/* A write that failed (another scan held the database past BUSY_MS, a full
 * disk): said once; the scan goes on, its results just not kept. */
static void write_failed(cache *c)
{
    if (!c->write_failed)
        fprintf(stderr, "pdpascan: --cache %s: results could not be stored (%s); this scan is not cached\n", c->path,
                c->sq->errmsg(c->db));
    c->write_failed = 1;
}

static void commit(cache *c)
{
    if (!c->batch_started) return;
    if (c->sq->exec(c->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
        write_failed(c);
        c->sq->exec(c->db, "ROLLBACK", NULL, NULL, NULL);
    }
    c->batch_started = 0;
    c->pending = 0;
    begin_reading(c);
}

void cache_close(cache *c)
{
    if (!c) return;
    if (c->sq) { /* else SQLite was never loaded: nothing was opened */
        if (c->db) {
            commit(c);
            end_reading(c);
        }
        c->sq->finalize(c->by_path);
        c->sq->finalize(c->by_hash);
        c->sq->finalize(c->put);
        c->sq->close(c->db);
    }
    pthread_mutex_destroy(&c->mu);
    free(c->path);
    free(c->version);
    free(c);
}

/* Run a lookup statement; on a row, decode its result under `name`. */
static int fetch(cache *c, sqlite3_stmt *st, const pdp_rules *r, const char *name, pdp_result *res)
{
    int hit = 0;
    if (c->sq->step(st) == SQLITE_ROW) /* (anything else, a busy database included, is a miss: the file is read) */
        hit = pdp_result_decode(r, c->sq->column_blob(st, 0), (size_t)c->sq->column_bytes(st, 0), name, res) == 0;
    c->sq->reset(st);
    return hit;
}

/* SHA-1 of the file's content (hex), or 0 when it cannot be read whole.
 * Read, not mapped: a file that shrinks meanwhile (a live web root) would
 * kill the whole run with SIGBUS under a mapping. */
static int hash_file(const char *path, uint64_t size, char out[41])
{
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) return 0;
    GChecksum *h = g_checksum_new(G_CHECKSUM_SHA1);
    char chunk[1 << 16];
    uint64_t got = 0;
    ssize_t k;
    while ((k = read(fd, chunk, sizeof chunk)) > 0 || (k < 0 && errno == EINTR))
        if (k > 0) {
            g_checksum_update(h, (const guchar *)chunk, (gssize)k);
            got += (uint64_t)k;
        }
    close(fd);
    int ok = k == 0 && got == size; /* (changed under us: no key, the file is scanned as it is) */
    if (ok) snprintf(out, 41, "%s", g_checksum_get_string(h));
    g_checksum_free(h);
    return ok;
}

int cache_get(cache *c, const pdp_rules *r, const char *path, int64_t size, int64_t mtime, pdp_result *res, cache_key *k)
{
    memset(k, 0, sizeof *k);
    if (size < 0) {
        struct stat st;
        if (stat(path, &st) != 0 || !S_ISREG(st.st_mode)) return 0;
        size = (int64_t)st.st_size;
        mtime = (int64_t)st.st_mtim.tv_sec * 1000000000 + st.st_mtim.tv_nsec;
    }
    k->usable = 1;
    k->size = size;
    k->mtime = mtime;
    pthread_mutex_lock(&c->mu);
    c->sq->bind_text(c->by_path, 1, path, -1, SQLITE_STATIC);
    c->sq->bind_int64(c->by_path, 2, k->size);
    c->sq->bind_int64(c->by_path, 3, k->mtime);
    c->sq->bind_text(c->by_path, 4, c->version, -1, SQLITE_STATIC);
    int hit = fetch(c, c->by_path, r, path, res);
    pthread_mutex_unlock(&c->mu);
    if (hit) {
        k->usable = 0; /* nothing changed: nothing to store */
        __atomic_add_fetch(&c->hits, 1, __ATOMIC_RELAXED);
        return 1;
    }
    if (!hash_file(path, (uint64_t)size, k->hash)) {
        k->usable = 0;
        return 0;
    }
    pthread_mutex_lock(&c->mu);
    c->sq->bind_text(c->by_hash, 1, k->hash, -1, SQLITE_STATIC);
    c->sq->bind_text(c->by_hash, 2, c->version, -1, SQLITE_STATIC);
    hit = fetch(c, c->by_hash, r, path, res);
    pthread_mutex_unlock(&c->mu);
    __atomic_add_fetch(hit ? &c->hits : &c->misses, 1, __ATOMIC_RELAXED);
    return hit; /* a hit by content is stored under this path too (cache_put) */
}

void cache_put(cache *c, const char *path, const cache_key *k, const pdp_result *res)
{
    if (!k->usable) return;
    size_t len;
    void *blob = pdp_result_encode(res, &len);
    pthread_mutex_lock(&c->mu);
    c->sq->bind_text(c->put, 1, path, -1, SQLITE_STATIC);
    c->sq->bind_int64(c->put, 2, k->size);
    c->sq->bind_int64(c->put, 3, k->mtime);
    c->sq->bind_text(c->put, 4, k->hash, -1, SQLITE_STATIC);
    c->sq->bind_text(c->put, 5, c->version, -1, SQLITE_STATIC);
    c->sq->bind_blob(c->put, 6, blob, (int)len, SQLITE_STATIC);
    if (!c->batch_started) { /* writes are batched, in a write transaction of their own */
        end_reading(c);
        if (c->sq->exec(c->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) == SQLITE_OK) c->batch_started = monotonic_seconds();
        else write_failed(c);
    }
    if (c->sq->step(c->put) != SQLITE_DONE) write_failed(c);
    c->sq->reset(c->put);
    /* commit now and then: an interrupted scan keeps what it did */
    if (++c->pending >= BATCH || monotonic_seconds() - c->batch_started > BATCH_SECONDS) commit(c);
    pthread_mutex_unlock(&c->mu);
    free(blob);
}

void cache_stats(const cache *c, size_t *hits, size_t *misses)
{
    *hits = c->hits;
    *misses = c->misses;
}

int cache_batch_lookup(void *ctx, size_t i, pdp_result *res)
{
    cache_batch *b = ctx;
    const input *x = &b->in->v[i];
    if (!cache_get(b->c, b->rules, x->path, x->size, x->mtime, res, &b->keys[i])) return 0;
    cache_put(b->c, x->path, &b->keys[i], res); /* known content under a new path */
    return 1;
}

void cache_batch_store(void *ctx, size_t i, const pdp_result *res)
{
    cache_batch *b = ctx;
    cache_put(b->c, b->in->v[i].path, &b->keys[i], res);
}
