# lib.sh — timing helpers shared by the bench scripts (sourced; they set
# OUT and REPEAT).
#
# timing CMD...: median seconds of REPEAT runs (hyperfine), then the peak RSS
# of one more run in KB — prints "seconds kb"
timing() {
  # The command goes into a script so that patterns keep their quoting; every
  # contender pays the same few milliseconds for it.
  : > "$OUT/cmd.sh"
  for a in "$@"; do printf "'%s' " "$(printf '%s' "$a" | sed "s/'/'\\\\''/g")" >> "$OUT/cmd.sh"; done
  echo '> /dev/null' >> "$OUT/cmd.sh"
  hyperfine -N -i -w 1 -r "$REPEAT" --export-json "$OUT/h.json" "sh $OUT/cmd.sh" > /dev/null 2>&1
  t=$(sed -n 's/.*"median": *\([0-9.e-]*\).*/\1/p' "$OUT/h.json" | head -1)
  /usr/bin/time -f "%M" -o "$OUT/time.txt" "$@" > /dev/null 2>&1 || true
  printf '%.3f %s\n' "$t" "$(tail -1 "$OUT/time.txt")"
}
# paired A-CMD... -- B-CMD...: A and B run by turns, PAIRS times each after
# one warm-up of each, so that both meet the same spells of this shared VM
# (a spell can slow one contender more than the other: timing them one
# after the other skews their ratio).  Prints the median seconds of A, of B
# and the median of the pairs' ratios time(B) / time(A).
median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
paired() {
  : > "$OUT/a.sh"
  : > "$OUT/b.sh"
  side=a
  for a in "$@"; do
    if [ "$a" = "--" ]; then side=b; continue; fi
    printf "'%s' " "$(printf '%s' "$a" | sed "s/'/'\\\\''/g")" >> "$OUT/$side.sh"
  done
  echo '> /dev/null 2>&1' >> "$OUT/a.sh"
  echo '> /dev/null 2>&1' >> "$OUT/b.sh"
  sh "$OUT/a.sh" || true
  sh "$OUT/b.sh" || true
  : > "$OUT/pairs.txt"
  k=0
  while [ "$k" -lt "${PAIRS:-9}" ]; do
    t0=$(date +%s%N); sh "$OUT/a.sh" || true
    t1=$(date +%s%N); sh "$OUT/b.sh" || true
    t2=$(date +%s%N)
    echo "$((t1 - t0)) $((t2 - t1))" >> "$OUT/pairs.txt"
    k=$((k + 1))
  done
  printf '%.3f %.3f %.3f\n' "$(cut -d' ' -f1 "$OUT/pairs.txt" | median | awk '{ print $1 / 1e9 }')" \
    "$(cut -d' ' -f2 "$OUT/pairs.txt" | median | awk '{ print $1 / 1e9 }')" \
    "$(awk '{ print $2 / $1 }' "$OUT/pairs.txt" | median)"
}
