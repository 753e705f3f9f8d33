"""Fails when a notebook is stored with outputs or execution counts: outputs are generated, never committed.

Usage: python3 scripts/check_clean.py NOTEBOOK_DIR
"""
import json
import pathlib
import sys


def problems(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    for i, cell in enumerate(nb.get("cells", []), start=1):
        if cell.get("cell_type") != "code":
            continue
        if cell.get("outputs"):
            yield f"{path.name}: cell {i} has outputs"
        if cell.get("execution_count") is not None:
            yield f"{path.name}: cell {i} has an execution count"


def main(folder):
    notebooks = sorted(pathlib.Path(folder).glob("*.ipynb"))
    if not notebooks:
        print(f"error: no notebook in {folder}", file=sys.stderr)
        return 1
    found = [p for nb in notebooks for p in problems(nb)]
    for p in found:
        print(f"error: {p}; clear it (Jupyter: Edit > Clear All Outputs, or "
              f"jupyter nbconvert --clear-output --inplace) before committing", file=sys.stderr)
    if not found:
        print(f"{len(notebooks)} notebooks stored without outputs")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "."))
