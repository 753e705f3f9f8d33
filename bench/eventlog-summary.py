#!/usr/bin/env python3
"""Where a run's Spark time went, from Spark's event log (docs/BENCHMARKS.md).

Run the job with --conf spark.eventLog.enabled=true --conf spark.eventLog.dir=DIR, then:
    bench/eventlog-summary.py DIR/<application file> [TOP=25]
Prints the top-level SQL executions grouped by their first vn.dti call site (count, seconds summed:
concurrent steps overlap, so the sum can exceed the wall time), and the Spark jobs outside any SQL
execution.
"""
import collections
import json
import os
import re
import subprocess
import sys


def call_site(details):
    """The first vn.dti frame outside the table store, with the store method it went through."""
    via = ""
    for line in (details or "").splitlines():
        m = re.match(r"\s*(vn\.dti\.[\w.$]+)\.([\w$]+)\(", line)
        if not m:
            continue
        cls = m.group(1).rsplit(".", 1)[-1]
        method = re.sub(r"^lambda\$(\w+?)\$\d+$", r"\1", m.group(2))
        if m.group(1).startswith("vn.dti.warehouse.table."):
            via = via or f" via {cls}.{method}"
            continue
        return f"{cls}.{method}{via}"
    return "(no vn.dti frame)" + via


def lines(path):
    """The events of a plain event log, or of a rolling one (a folder of events_N_* files)."""
    files = [path]
    if os.path.isdir(path):
        numbered = [f for f in os.listdir(path) if f.startswith("events_")]
        files = [os.path.join(path, f) for f in sorted(numbered, key=lambda f: int(f.split("_")[1]))]
    for name in files:
        if name.endswith(".zstd"):  # Spark's default codec for event logs; needs the zstd command
            text = subprocess.run(["zstd", "-dc", name], check=True, capture_output=True).stdout
            yield from text.decode("utf-8").splitlines()
        else:
            with open(name, encoding="utf-8") as f:
                yield from f


def main():
    path = sys.argv[1]
    top = int(sys.argv[2]) if len(sys.argv) > 2 else 25
    starts, ends, roots = {}, {}, {}
    jobs_start, jobs_end, job_exec = {}, {}, {}
    app_start = app_end = None
    for line in lines(path):
        e = json.loads(line)
        kind = e.get("Event", "")
        if kind.endswith("SparkListenerSQLExecutionStart"):
            starts[e["executionId"]] = (e["time"], call_site(e.get("details")))
            roots[e["executionId"]] = e.get("rootExecutionId", e["executionId"])
        elif kind.endswith("SparkListenerSQLExecutionEnd"):
            ends[e["executionId"]] = e["time"]
        elif kind == "SparkListenerJobStart":
            jobs_start[e["Job ID"]] = e["Submission Time"]
            props = e.get("Properties", {})
            job_exec[e["Job ID"]] = props.get("spark.sql.execution.id")
        elif kind == "SparkListenerJobEnd":
            jobs_end[e["Job ID"]] = e["Completion Time"]
        elif kind == "SparkListenerApplicationStart":
            app_start = e["Timestamp"]
        elif kind == "SparkListenerApplicationEnd":
            app_end = e["Timestamp"]
    by_site = collections.defaultdict(lambda: [0, 0.0])
    total = 0.0
    for ex, (t0, site) in starts.items():
        if roots.get(ex, ex) != ex or ex not in ends:
            continue
        seconds = (ends[ex] - t0) / 1000.0
        by_site[site][0] += 1
        by_site[site][1] += seconds
        total += seconds
    if app_start and app_end:
        print(f"application: {(app_end - app_start) / 1000.0:.1f} s")
    print(f"top-level SQL executions: {sum(c for c, _ in by_site.values())}, {total:.1f} s summed")
    print(f"{'call site':60} {'count':>6} {'seconds':>9}")
    for site, (count, seconds) in sorted(by_site.items(), key=lambda kv: -kv[1][1])[:top]:
        print(f"{site:60} {count:6d} {seconds:9.1f}")
    loose = [j for j, ex in job_exec.items() if ex is None and j in jobs_end]
    loose_s = sum((jobs_end[j] - jobs_start[j]) / 1000.0 for j in loose)
    print(f"jobs outside SQL executions: {len(loose)}, {loose_s:.1f} s summed")


if __name__ == "__main__":
    main()
