/* shard.h — a run's part of the inputs, and a shard's resumable report
 * (shard.c). */
#ifndef PDP_SHARD_H
#define PDP_SHARD_H

/* "K/N", or "env/N" (K from JOB_COMPLETION_INDEX, SLURM_ARRAY_TASK_ID or
 * PARALLEL_SEQ): 0 with 1 <= *k <= *n, or -1 with *err (heap). */
int shard_parse(const char *arg, unsigned *k, unsigned *n, char **err);
/* out with "{K}" replaced by k (heap). */
char *shard_output(const char *out, unsigned k);
/* Did a run already finish the report out (its marker out.done and the
 * report both there)?  1 with the exit code it had in *rc, else 0. */
int shard_done(const char *out, int *rc);
/* Mark the report out finished with exit code rc: 0, or -1. */
int shard_mark_done(const char *out, int rc);

#endif
