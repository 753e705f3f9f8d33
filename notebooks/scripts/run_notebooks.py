"""Executes every notebook top to bottom against a DuckDB file, with papermill, in the environment's kernel.

Usage: target/venv/bin/python scripts/run_notebooks.py NOTEBOOK_DIR DB OUT_DIR [-p NAME VALUE ...]
Each notebook's parameters cell gets DB (and any -p given); the executed copies, with their outputs and charts, are
written to OUT_DIR (never committed). A cell error, an assertion of a notebook's own included, fails the run.
Ends with the line 'N passed, N failed'.
"""
import pathlib
import sys
import time

import papermill


def main(args):
    folder, db, out = pathlib.Path(args[0]), str(pathlib.Path(args[1]).resolve()), pathlib.Path(args[2])
    extra = {}
    rest = args[3:]
    while rest:
        if rest[0] != "-p" or len(rest) < 3:
            print(f"error: expected -p NAME VALUE, not {' '.join(rest)}", file=sys.stderr)
            return 2
        extra[rest[1]] = rest[2]
        rest = rest[3:]
    out.mkdir(parents=True, exist_ok=True)
    passed, failed = 0, []
    for nb in sorted(folder.glob("*.ipynb")):
        started = time.monotonic()
        try:
            papermill.execute_notebook(
                str(nb), str(out / nb.name), parameters={"DB": db, **extra}, kernel_name="dti-notebooks",
                cwd=str(folder), progress_bar=False, log_output=False)
            passed += 1
            print(f"passed: {nb.name} ({time.monotonic() - started:.1f} s)", flush=True)
        except papermill.PapermillExecutionError as e:
            failed.append(nb.name)
            print(f"FAILED: {nb.name}: cell {e.exec_count}: {e.ename}: {e.evalue}", flush=True)
    print(f"{passed} passed, {len(failed)} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
