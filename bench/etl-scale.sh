#!/usr/bin/env bash
# ETL benchmark (docs/BENCHMARKS.md): generate one year at scale factor SF, load every day but the last
# (the full build), then the last day alone (the incremental), each in its own JVM with a fixed heap.
# The one-day run's JVM starts cold; bench/etl-warm.sh measures the same night in a warm JVM.
# Prints wall time, peak heap (largest heap occupancy before a collection, from the GC log) and peak RSS.
#   bench/etl-scale.sh [SF=1] [WORK=/tmp/dti-bench] [HEAP=4g]
set -euo pipefail
sf="${1:-1}"; work="${2:-/tmp/dti-bench}"; heap="${3:-4g}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="$work/dti.jar"
mkdir -p "$work"
[ -f "$here/cli/target/dti.jar" ] || (cd "$here" && mvn -B -q -DskipTests package)
# A private copy: rebuilding the project while the benchmark runs must not swap the jar under the JVM.
cp "$here/cli/target/dti.jar" "$jar"
opts="$(cat "$here/cli/target/jvm.options")"
src="$work/source-sf$sf"
if [ ! -d "$src" ]; then
  java -Xmx1g $opts -jar "$jar" generate --out "$src" --scale "$sf" --years 2024 --seed 7 --dirty-rate 0.01 --gzip
fi
export DTI_PSEUDONYM_KEY="benchmark-key-$(printf '%032d' 0)"
# shellcheck source=bench/common.sh
. "$here/bench/common.sh"
serve_dms "$jar" "$src" "$work"
# The collector and class-data sharing as the ./dti launcher has them: the first pipeline run (the full build) writes the archive of
# the classes it loaded, the later ones map it.
jsa="$work/dti-pipeline.jsa"
rm -f "$jsa"
run() { # name, dti arguments...
  local name="$1"; shift
  local gc="$work/$name.gc.log" cds="-XX:SharedArchiveFile=$jsa"
  [ -f "$jsa" ] || cds="-XX:ArchiveClassesAtExit=$jsa"
  /usr/bin/time -v -o "$work/$name.time" \
    java -Xmx"$heap" -XX:+UseParallelGC -Xlog:gc:file="$gc" "$cds" "-Xlog:cds*=off" $opts -jar "$jar" --conf data.dir="$work/data-sf$sf" "$@" \
    > "$work/$name.out" 2>&1
  local wall rss peak
  wall=$(grep "Elapsed (wall clock)" "$work/$name.time" | awk '{print $NF}')
  rss=$(grep "Maximum resident set size" "$work/$name.time" | awk '{print $NF}')
  peak=$(grep -oE '[0-9]+M->[0-9]+M' "$gc" | cut -dM -f1 | sort -n | tail -1)
  printf '%-12s wall %s  peak heap %s MB (limit %s)  peak RSS %d MB\n' "$name" "$wall" "${peak:-?}" "$heap" $((rss / 1024))
}
last=$(last_day "$src")
before=$(date -d "$last - 1 day" +%F)
rm -rf "$work/data-sf$sf"
run full-build backfill --source-dir "$src" --from 2024-01-01 --to "$before"
# KEEP_FULL_BUILD=1 keeps a copy of the full build for bench/etl-warm.sh (untimed; 3.5 GB at SF 1).
if [ "${KEEP_FULL_BUILD:-0}" = 1 ]; then
  rm -rf "$work/data-sf$sf.full-build"
  cp -r "$work/data-sf$sf" "$work/data-sf$sf.full-build"
fi
run one-day nightly --source-dir "$src" --date "$last"
run repeat nightly --source-dir "$src" --date "$last"
echo "Step lines: $work/full-build.out, $work/one-day.out, $work/repeat.out"
