"""The analysts' file answers the same on its own: what every table of the published dti.duckdb
holds (rows, and an order-insensitive checksum of its rows) and the answers to the queries
analysts start with are recorded from the file the warehouse published, then checked again on a
copy after the warehouse is deleted. A table or view that still pointed back at the warehouse
(a view over its Parquet files, say) fails here with the table's name.

    python same_answers.py record DB ANSWERS.json
    python same_answers.py check  DB ANSWERS.json
"""

import json
import sys

import duckdb

# What an analyst asks first (README, "For analysts"): the data dictionary, a ranking, the
# quarantine by reason, a silver drill-down.
QUERIES = {
    "dictionary": "select table_name, column_name, description_vi from meta.columns"
    " where table_name = 'dossier' order by column_index",
    "ranking": "select period, rank, unit_code, score from gold.ranking"
    " where methodology_id = 'qd766' and node_code = 'TDGQ' and boundaries = 'as_reported'"
    " order by period, rank, unit_code",
    "quarantine": "select source, reason_code, sum(records) as records from ops.quarantine_count"
    " group by all order by all",
    "dossiers_by_month": "select submitted_month, count(*) as dossiers from silver.dossier"
    " group by all order by all",
}


def answers(db):
    con = duckdb.connect(db, read_only=True)
    out = {"tables": {}, "queries": {}}
    tables = con.execute(
        "select table_schema, table_name from information_schema.tables"
        " where table_catalog = current_database() order by all"
    ).fetchall()
    for schema, table in tables:
        name = f'"{schema}"."{table}"'
        try:
            rows, checksum = con.execute(
                f"select count(*), coalesce(sum(hash(t)), 0)::varchar from {name} as t"
            ).fetchone()
        except duckdb.Error as e:
            raise SystemExit(f"{db}: {schema}.{table} cannot be read on its own: {e}")
        out["tables"][f"{schema}.{table}"] = [rows, checksum]
    for key, sql in QUERIES.items():
        out["queries"][key] = [list(map(str, r)) for r in con.execute(sql).fetchall()]
    con.close()
    return out


def main():
    mode, db, path = sys.argv[1:4]
    if mode == "record":
        a = answers(db)
        with open(path, "w", encoding="utf-8") as f:
            json.dump(a, f, ensure_ascii=False)
        print(f"{db}: {len(a['tables'])} tables and {len(a['queries'])} queries recorded")
        return
    with open(path, encoding="utf-8") as f:
        expected = json.load(f)
    got = answers(db)
    problems = []
    for table, value in expected["tables"].items():
        if got["tables"].get(table) != value:
            problems.append(f"{table}: {value} in the published file, {got['tables'].get(table)} in the copy")
    for table in got["tables"].keys() - expected["tables"].keys():
        problems.append(f"{table}: only in the copy")
    for key, rows in expected["queries"].items():
        if got["queries"][key] != rows:
            problems.append(f"query {key}: {len(rows)} rows published, {len(got['queries'][key])} in the copy, or different values")
    empty = [k for k, rows in expected["queries"].items() if not rows]
    if empty:
        problems.append(f"queries with no answer at all (nothing to compare): {', '.join(empty)}")
    if problems:
        raise SystemExit(f"{db} does not answer as the published file did:\n  " + "\n  ".join(problems))
    print(
        f"{db}: the copy, without the warehouse, gives the same {len(got['tables'])} tables"
        f" and the same answers to {len(got['queries'])} queries"
    )


if __name__ == "__main__":
    main()
