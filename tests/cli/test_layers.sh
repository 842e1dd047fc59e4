#!/bin/sh
# test_layers.sh — the library's folders depend on the folders below them
# only (docs/DESIGN.md "Layers"): no folder includes a header of a folder
# above it, and no object file calls a function defined in a folder above
# its own.  The program (cli/) uses the public header and util/ only.
# The order, lowest first:
#   util normalize detect policy pipeline extract formats scan report redact
# include/ (the public header) may be included by any folder.
# Prints "ok N - what" / "not ok N - what" and "N passed, N failed".
# usage: sh tests/cli/test_layers.sh BUILD_DIR   (from the repository root)
B=${1:-build}
pass=0; fail=0; n=0
ok() { n=$((n+1)); if [ "$1" = 0 ]; then pass=$((pass+1)); echo "ok $n - $2"; else fail=$((fail+1)); echo "not ok $n - $2"; fi; }
T=$(mktemp -d /tmp/pdpascan-layers.XXXXXX)
trap 'rm -rf "$T"' EXIT
ORDER="util normalize detect policy pipeline extract formats scan report redact"
rank() { i=0; for l in $ORDER; do [ "$l" = "$1" ] && { echo $i; return; }; i=$((i+1)); done; echo 99; }

# Every folder of the library is in the order (a new one must be placed).
unplaced=$(for d in scanner/*/; do d=$(basename "$d"); case " $ORDER include cli " in *" $d "*) ;; *) echo "$d";; esac; done)
ok "$([ -z "$unplaced" ]; echo $?)" "every folder of scanner/ has its place in the layers${unplaced:+ (not placed: $unplaced)}"

# Includes: "folder/x.h" seen from scanner/<from>/ as "../folder/x.h", "x.h" (same folder).
for f in scanner/*/*.c scanner/*/*.h; do
  from=$(basename "$(dirname "$f")")
  sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*"\.\.\/\([a-z_]*\)\/.*/\1/p' "$f" | sort -u | while read -r to; do
    echo "$from $to $f"
  done
done > "$T/includes"
: > "$T/bad_includes"
while read -r from to f; do
  [ "$to" = include ] && continue
  if [ "$from" = cli ]; then
    [ "$to" = util ] || echo "$f includes $to/" >> "$T/bad_includes"
  elif [ "$(rank "$to")" -gt "$(rank "$from")" ]; then
    echo "$f includes $to/" >> "$T/bad_includes"
  fi
done < "$T/includes"
ok "$([ -s "$T/includes" ] && [ ! -s "$T/bad_includes" ]; echo $?)" \
  "no folder includes a header of a folder above it ($(wc -l < "$T/includes") includes between folders)$(head -3 "$T/bad_includes" | tr '\n' ';' | sed 's/^./: &/')"

# Calls: which folder defines each global function or object, then who uses
# it (objects of sources that exist: a build directory may hold old ones).
objects() { for o in "$B"/scanner/*/*.o; do s=${o#"$B"/}; [ -f "${s%.o}.c" ] && echo "$o"; done; }
objects > "$T/objects"
for o in $(cat "$T/objects"); do
  d=$(basename "$(dirname "$o")")
  nm -g --defined-only "$o" 2>/dev/null | awk -v d="$d" 'NF == 3 { print $3, d }'
done | sort -u > "$T/defined"
for o in $(cat "$T/objects"); do
  d=$(basename "$(dirname "$o")")
  nm -u "$o" 2>/dev/null | awk -v d="$d" -v o="$o" '{ print $NF, d, o }'
done | sort > "$T/used"
join "$T/used" "$T/defined" > "$T/calls"
: > "$T/bad_calls"
while read -r sym from o to; do
  [ "$from" = "$to" ] && continue
  if [ "$from" = cli ]; then
    case "$to" in util) ;; *) case "$sym" in pdp_*) ;; *) echo "$o uses $sym of $to/" >> "$T/bad_calls";; esac;; esac
  elif [ "$(rank "$to")" -gt "$(rank "$from")" ]; then
    echo "$o uses $sym of $to/" >> "$T/bad_calls"
  fi
done < "$T/calls"
ok "$([ -s "$T/calls" ] && [ ! -s "$T/bad_calls" ]; echo $?)" \
  "no object calls into a folder above its own ($(wc -l < "$T/calls") uses between objects)$(head -3 "$T/bad_calls" | tr '\n' ';' | sed 's/^./: &/')"

# The program calls the library through pdpascan.h alone: every library
# symbol cli/ uses is declared there (or is util/'s).
grep -o '\bpdp_[a-z_0-9]*\b' scanner/include/pdpascan.h | sort -u > "$T/public"
awk '$2 == "cli" && $4 != "cli" && $4 != "util" { print $1 }' "$T/calls" | sort -u > "$T/cli_uses"
undeclared=$(comm -23 "$T/cli_uses" "$T/public" | tr '\n' ' ')
ok "$([ -s "$T/cli_uses" ] && [ -z "$undeclared" ]; echo $?)" \
  "the program uses only functions of pdpascan.h and util/ ($(wc -l < "$T/cli_uses") of the library's)${undeclared:+: $undeclared}"

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
