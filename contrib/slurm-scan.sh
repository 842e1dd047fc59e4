#!/bin/sh
# slurm-scan.sh — a nightly archive scan as a Slurm job array: each task
# scans its part of the site (pdpascan scan --shard env/N takes its index
# from SLURM_ARRAY_TASK_ID) into its own JSON Lines report with a done
# marker; resubmitting the array redoes only the tasks that did not finish.
# A job that waits for the array merges the parts:
#
#   jid=$(sbatch --parsable --array=1-8 contrib/slurm-scan.sh /srv/www /shared/pdpascan)
#   sbatch --dependency=afterany:$jid --wrap \
#     'sh scripts/merge-jsonl.sh /shared/pdpascan/part-*.jsonl > /shared/pdpascan/all.jsonl'
#
# usage (as a task): slurm-scan.sh SITE RESULTS_DIR
#SBATCH --job-name=pdpascan
#SBATCH --cpus-per-task=2
#SBATCH --time=06:00:00
set -e
site=${1:?usage: slurm-scan.sh SITE RESULTS_DIR}
results=${2:?usage: slurm-scan.sh SITE RESULTS_DIR}
shards=${SLURM_ARRAY_TASK_COUNT:?run as a Slurm job array (sbatch --array=1-N)}
mkdir -p "$results"
# 1: findings, 2: a file not read completely: results, not failures of the task
pdpascan scan --format jsonl --jobs "${SLURM_CPUS_PER_TASK:-2}" --shard "env/$shards" \
  --cache "$results/cache-{K}.sqlite" -o "$results/part-{K}.jsonl" "$site" || [ $? -le 2 ]
