/* shard.c — which part of the inputs a run takes (--shard K/N, or env/N:
 * K from the scheduler that started it), and a shard's report written
 * whole with a done marker beside it, so that rerunning a job array redoes
 * only the shards that did not finish.
 *
 * Schedulers number their tasks their own way: a Kubernetes Indexed Job
 * from 0 (JOB_COMPLETION_INDEX), a Slurm job array from its --array start
 * (SLURM_ARRAY_TASK_ID, SLURM_ARRAY_TASK_MIN), GNU parallel from 1
 * (PARALLEL_SEQ).  K is always 1..N here. */
#include "shard.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../util/buf.h"

static int number(const char *s, long *v)
{
    char *end;
    if (!s || !*s) return 0;
    errno = 0;
    *v = strtol(s, &end, 10);
    return !*end && !errno;
}

/* K from the environment: 0, or -1 with *err (heap). */
static int from_env(unsigned n, unsigned *k, char **err)
{
    static const struct {
        const char *var, *min_var;
        long base;
    } envs[] = { { "JOB_COMPLETION_INDEX", NULL, 0 }, { "SLURM_ARRAY_TASK_ID", "SLURM_ARRAY_TASK_MIN", 0 },
                 { "PARALLEL_SEQ", NULL, 1 } };
    for (size_t i = 0; i < sizeof envs / sizeof *envs; i++) {
        const char *v = getenv(envs[i].var);
        if (!v) continue;
        long id, base = envs[i].base;
        if (envs[i].min_var && getenv(envs[i].min_var) && !number(getenv(envs[i].min_var), &base)) base = -1;
        if (!number(v, &id) || base < 0 || id - base + 1 < 1 || id - base + 1 > (long)n) {
            *err = xasprintf("--shard env/%u: %s=%s is not a task from %ld to %ld", n, envs[i].var, v, base,
                             base + (long)n - 1);
            return -1;
        }
        *k = (unsigned)(id - base + 1);
        return 0;
    }
    *err = xasprintf("--shard env/%u: none of JOB_COMPLETION_INDEX (Kubernetes), SLURM_ARRAY_TASK_ID (Slurm) or "
                     "PARALLEL_SEQ (GNU parallel) is set",
                     n);
    return -1;
}

int shard_parse(const char *arg, unsigned *k, unsigned *n, char **err)
{
    unsigned kk, nn;
    char env[4];
    if (sscanf(arg, "%3[env]/%u", env, &nn) == 2 && !strcmp(env, "env") && nn) {
        if (from_env(nn, &kk, err) != 0) return -1;
    } else if (sscanf(arg, "%u/%u", &kk, &nn) != 2 || !nn || !kk || kk > nn) {
        *err = xasprintf("--shard takes K/N with 1 <= K <= N, or env/N, not '%s'", arg);
        return -1;
    }
    *k = kk;
    *n = nn;
    return 0;
}

char *shard_output(const char *out, unsigned k)
{
    const char *at = strstr(out, "{K}");
    if (!at) return xstrdup(out);
    return xasprintf("%.*s%u%s", (int)(at - out), out, k, at + 3);
}

static char *marker_of(const char *out) { return xasprintf("%s.done", out); }

int shard_done(const char *out, int *rc)
{
    char *m = marker_of(out);
    FILE *f = fopen(m, "r");
    free(m);
    if (!f) return 0;
    int v = -1;
    int ok = fscanf(f, "exit %d", &v) == 1 && v >= 0 && v <= 2;
    fclose(f);
    FILE *o = ok ? fopen(out, "r") : NULL; /* a marker without its report is no marker */
    if (o) fclose(o);
    if (!o) return 0;
    *rc = v;
    return 1;
}

int shard_mark_done(const char *out, int rc)
{
    char *m = marker_of(out);
    FILE *f = fopen(m, "w");
    int ok = f && fprintf(f, "exit %d\n", rc) > 0;
    if (f && fclose(f) != 0) ok = 0;
    free(m);
    return ok ? 0 : -1;
}
