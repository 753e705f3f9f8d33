#!/usr/bin/env bash
# Warm-JVM night (docs/BENCHMARKS.md): the night bench/etl-scale.sh times in a fresh JVM, run twice in one JVM on
# two copies of the same full build. The first night pays the JVM's warm-up (classes loaded, Spark, Delta and our
# code compiled by the JIT); the second costs only the night's own work. Needs the full build that
# `KEEP_FULL_BUILD=1 bench/etl-scale.sh SF WORK HEAP` keeps, and about twice its size in free disk.
#   bench/etl-warm.sh [SF=1] [WORK=/tmp/dti-bench] [HEAP=4g]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=bench/common.sh
. "$here/bench/common.sh"
from_kept_full_build "$@"
for n in 1 2; do
  rm -rf "$work/data-warm-$n"
  cp -r "$base" "$work/data-warm-$n"
done
cds=()
[ -f "$work/dti-pipeline.jsa" ] && cds=(-XX:SharedArchiveFile="$work/dti-pipeline.jsa" "-Xlog:cds*=off")
# shellcheck disable=SC2086
/usr/bin/time -v -o "$work/warm-nights.time" \
  java -Xmx"$heap" -XX:+UseParallelGC -Xlog:gc:file="$work/warm-nights.gc.log" "${cds[@]}" $opts \
  -cp "$jar" "$here/bench/WarmNights.java" "$src" "$last" "$work/data-warm-1" "$work/data-warm-2" \
  > "$work/warm-nights.out" 2>&1 || {
  tail -20 "$work/warm-nights.out"
  rm -rf "$work/data-warm-1" "$work/data-warm-2"
  exit 1
}
grep '^night ' "$work/warm-nights.out"
echo "Step lines: $work/warm-nights.out"
rm -rf "$work/data-warm-1" "$work/data-warm-2"
