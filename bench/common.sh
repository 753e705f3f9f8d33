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
