#!/usr/bin/env bash
# Builds the committed sample's warehouse and its dti.duckdb under DATA (default target/sample) with the shaded jar,
# then copies the file to COPY (default target/analyst/dti.duckdb) and deletes the warehouse: the notebooks run
# against the copy, as on an analyst's laptop, so anything that still pointed back at the warehouse would fail.
# scripts/same_answers.py records what every table of the published file holds and the first queries' answers,
# then checks the copy gives the same once the warehouse is gone. Skipped when COPY is newer than the jar.
#   scripts/sample.sh [DATA] [COPY] [PYTHON (the notebooks' environment)]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
data="${1:-$here/notebooks/target/sample}"
copy="${2:-$here/notebooks/target/analyst/dti.duckdb}"
python="${3:-python3}"
jar="$here/cli/target/dti.jar"
if [ ! -f "$jar" ]; then
  echo "error: $jar is missing: build the cli module first (mvn -B -ntp verify builds it before the notebooks)" >&2
  exit 1
fi
if [ -f "$copy" ] && [ "$copy" -nt "$jar" ]; then
  echo "$copy: up to date"
  exit 0
fi
rm -rf "$data"
mkdir -p "$data"
echo "Loading the committed sample into $data (about three minutes) ..."
# shellcheck disable=SC2046
java -Xmx3g -XX:+UseParallelGC $(cat "$here/cli/target/jvm.options") -jar "$jar" --conf data.dir="$data" nightly \
  > "$data/nightly.log" 2>&1 || { tail -20 "$data/nightly.log" >&2; exit 1; }
grep -E 'INFO  (publish|report)' "$data/nightly.log" || true
mkdir -p "$(dirname "$copy")"
"$python" "$here/notebooks/scripts/same_answers.py" record "$data/dti.duckdb" "$data/answers.json"
cp "$data/dti.duckdb" "$copy.part"
mv "$copy.part" "$copy"
rm -rf "$data/warehouse"
echo "$copy: a copy of the published file; the warehouse it came from is deleted"
"$python" "$here/notebooks/scripts/same_answers.py" check "$copy" "$data/answers.json"
