# Shared by the ETL benchmarks; sourced, not run.

# serve_dms JAR SOURCE_DIR WORK: serves the source's document-management export from an embedded
# PostgreSQL for the rest of the script (dti serve-dms), as a running server is in production, and
# exports DTI_DMS_URL, DTI_DMS_USER and DTI_DMS_PASSWORD for the runs (the server JVM gets the
# caller's $opts, the flags Spark needs). The server stops when the script exits.
serve_dms() {
  local jar="$1" src="$2" work="$3"
  local dms_env="$work/dms.env"
  rm -f "$dms_env"
  # shellcheck disable=SC2086
  java -Xmx1g $opts -jar "$jar" serve-dms --source-dir "$src" --env-file "$dms_env" > "$work/serve-dms.out" 2>&1 &
  dms_pid=$!
  # The script ends with its own exit status, not the killed server's (143, which set -e would take).
  trap 'status=$?; kill "$dms_pid" 2>/dev/null; wait "$dms_pid" 2>/dev/null || true; exit "$status"' EXIT
  until [ -f "$dms_env" ]; do
    kill -0 "$dms_pid" 2>/dev/null || { echo "serve-dms failed:"; cat "$work/serve-dms.out"; exit 1; }
    sleep 1
  done
  set -a; . "$dms_env"; set +a
}

# last_day SOURCE_DIR: the last business day the source has portal files for (the benchmarks' one day).
last_day() {
  ls "$1/portal" | grep -oE '[0-9]{4}-[0-9]{2}-[0-9]{2}' | sort | tail -1
}

# from_kept_full_build [SF=1] [WORK=/tmp/dti-bench] [HEAP=4g]: what the benchmarks that start from the full build
# `KEEP_FULL_BUILD=1 bench/etl-scale.sh` keeps share: sets sf, work, heap, jar, src, base (the kept build), opts and
# last (the benchmark's day), exports the pseudonym key and serves the DMS. Needs $here, the project folder.
from_kept_full_build() {
  sf="${1:-1}"; work="${2:-/tmp/dti-bench}"; heap="${3:-4g}"
  jar="$work/dti.jar"; src="$work/source-sf$sf"; base="$work/data-sf$sf.full-build"
  [ -d "$base" ] || { echo "no full build at $base: run KEEP_FULL_BUILD=1 bench/etl-scale.sh $sf $work $heap first"; exit 1; }
  opts="$(cat "$here/cli/target/jvm.options")"
  export DTI_PSEUDONYM_KEY="benchmark-key-$(printf '%032d' 0)"
  serve_dms "$jar" "$src" "$work"
  last=$(last_day "$src")
}
