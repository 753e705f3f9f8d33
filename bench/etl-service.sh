#!/usr/bin/env bash
# The benchmark's night in `dti service` (docs/BENCHMARKS.md): the service starts on a copy of the full build
# `KEEP_FULL_BUILD=1 bench/etl-scale.sh SF WORK HEAP` keeps, over the source folder with the last day held back.
# Its first night (--now) starts the JVM and Spark and loads what is new then (the document-management changes,
# read up to the latest); the last day's portal, payment and feedback files are then delivered, and the
# service's second night, at the time it was given, loads them in the warm JVM. Needs the free disk of one copy.
#   bench/etl-service.sh [SF=1] [WORK=/tmp/dti-bench] [HEAP=4g]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=bench/common.sh
. "$here/bench/common.sh"
from_kept_full_build "$@"
data="$work/data-service"; view="$work/source-service"
rm -rf "$data" "$view"
cp -r "$base" "$data"
# The source folder as it was before the last day was delivered: links to every file but the last day's.
mkdir -p "$view"
for entry in "$src"/*; do
  name=$(basename "$entry")
  if [ "$name" = portal ] || [ "$name" = payments ]; then
    mkdir -p "$view/$name"
    for f in "$entry"/*; do
      case "$(basename "$f")" in *"$last"*) ;; *) ln -s "$f" "$view/$name/" ;; esac
    done
  else
    ln -s "$entry" "$view/$name"
  fi
done
cleanup() { rm -rf "$data" "$view"; }
# The second night at a time of day five minutes from now, to the minute (the service's zone is the configured
# one); compared as instants, so that a benchmark around midnight is not refused.
second=$(( $(date -d '+5 min' +%s) / 60 * 60 ))
at=$(TZ=Asia/Ho_Chi_Minh date -d "@$second" +%H:%M)
cds=()
[ -f "$work/dti-pipeline.jsa" ] && cds=(-XX:SharedArchiveFile="$work/dti-pipeline.jsa" "-Xlog:cds*=off")
out="$work/service.out"
# shellcheck disable=SC2086
/usr/bin/time -v -o "$work/service.time" \
  java -Xmx"$heap" -XX:+UseParallelGC -XX:+ExitOnOutOfMemoryError -Xlog:gc:file="$work/service.gc.log" "${cds[@]}" $opts \
  -jar "$jar" --conf data.dir="$data" service --source-dir "$view" --now --at "$at" --nights 2 > "$out" 2>&1 &
service_pid=$!
until grep -q "Night 1 " "$out"; do
  kill -0 "$service_pid" 2>/dev/null || { tail -20 "$out"; cleanup; exit 1; }
  sleep 2
done
grep "Night 1 " "$out"
[ "$(date +%s)" -lt "$second" ] || { echo "the first night ended after $at, the second night's time: too late"; kill "$service_pid"; cleanup; exit 1; }
# The last day is delivered.
for name in portal payments; do
  for f in "$src/$name"/*"$last"*; do ln -s "$f" "$view/$name/"; done
done
status=0
wait "$service_pid" || status=$?
grep -E "Night [0-9]+ |^  [a-z]" "$out" | sed -n '/Night 1 /,$p'
echo "Service log: $out"
cleanup
exit "$status"
