# Shared by the ETL benchmarks; sourced, not run.

# serve_dms JAR SOURCE_DIR WORK: serves the source's document-management export from an embedded
# PostgreSQL for the rest of the script (dti serve-dms), as a running server is in production, and
# exports DTI_DMS_URL, DTI_DMS_USER and DTI_DMS_PASSWORD for the runs (the server JVM gets the
# caller's $opts, the flags Spark needs). The server stops when the
# script exits.
serve_dms() {
  local jar="$1" src="$2" work="$3"
  local dms_env="$work/dms.env"
  rm -f "$dms_env"
  # shellcheck disable=SC2086
  java -Xmx1g $opts -jar "$jar" serve-dms --source-dir "$src" --env-file "$dms_env" > "$work/serve-dms.out" 2>&1 &
  dms_pid=$!
  trap 'kill "$dms_pid" 2>/dev/null; wait "$dms_pid" 2>/dev/null' EXIT
  until [ -f "$dms_env" ]; do
    kill -0 "$dms_pid" 2>/dev/null || { echo "serve-dms failed:"; cat "$work/serve-dms.out"; exit 1; }
    sleep 1
  done
  set -a; . "$dms_env"; set +a
}
