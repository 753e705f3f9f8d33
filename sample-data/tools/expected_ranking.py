#!/usr/bin/env python3
"""Works out the 766 on-time (TDGQ) ranking of the committed sample independently of the Java pipeline.

Rules (DOMAIN.md 2.2, docs/INDICATORS.md): latest version of each MaHoSo by NgayCapNhat; received = status not 1/3;
period = month of NgayTiepNhan; on time = finished on or before the due date (by date), or still open with the due
date on or after the evaluation date min(period end, last business day of the data); points = 20 * on_time /
received, published with 2 decimals (half up); competition ranking with ties.
Run: python3 sample-data/tools/expected_ranking.py sample-data/src/main/resources/sample
"""
import csv, json, sys, glob, os, datetime as dt
from decimal import Decimal, ROUND_HALF_UP

root = sys.argv[1]
agencies = {r["unit_code"]: r["province_code"] for r in csv.DictReader(open(os.path.join(root, "reference/agencies.csv"), encoding="utf-8"))}

def parse(s):
    if s is None:
        return None
    for f in ("%Y-%m-%dT%H:%M:%S", "%d/%m/%Y %H:%M:%S"):
        try:
            return dt.datetime.strptime(s, f)
        except ValueError:
            pass
    raise ValueError(s)

latest = {}
files = sorted(glob.glob(os.path.join(root, "portal/*.jsonl")))
as_of = max(dt.date.fromisoformat(os.path.basename(f)[9:19]) for f in files)
for f in files:
    for line in open(f, encoding="utf-8"):
        try:
            r = json.loads(line)
        except json.JSONDecodeError:
            continue
        if not r.get("MaHoSo"):
            continue
        try:
            dates = {k: parse(r.get(k)) for k in ("NgayNopHoSo", "NgayTiepNhan", "NgayHenTra", "NgayKetThucXuLy", "NgayCapNhat")}
        except ValueError:
            continue
        if r["DonViXuLy"] not in agencies:
            continue
        prev = latest.get(r["MaHoSo"])
        if prev is None or dates["NgayCapNhat"] > prev[1]["NgayCapNhat"]:
            latest[r["MaHoSo"]] = (r, dates)

agg = {}
for r, d in latest.values():
    if r["TrangThaiHoSo"] in (1, 3):
        continue
    month = d["NgayTiepNhan"].strftime("%Y-%m")
    y, m = map(int, month.split("-"))
    month_end = (dt.date(y + m // 12, m % 12 + 1, 1) - dt.timedelta(days=1))
    evaluation = min(month_end, as_of)
    due = d["NgayHenTra"].date()
    if d["NgayKetThucXuLy"] is not None:
        on_time = d["NgayKetThucXuLy"].date() <= due
    else:
        on_time = due >= evaluation
    key = (month, agencies[r["DonViXuLy"]])
    rec, ot = agg.get(key, (0, 0))
    agg[key] = (rec + 1, ot + (1 if on_time else 0))

for month in sorted({k[0] for k in agg}):
    rows = []
    for (mo, prov), (rec, ot) in agg.items():
        if mo == month:
            score = (Decimal(20) * ot / rec).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
            rows.append((score, prov, rec, ot))
    rows.sort(key=lambda x: (-x[0], x[1]))
    for score, prov, rec, ot in rows:
        rank = 1 + sum(1 for s, *_ in rows if s > score)
        print(f"{month}\t{prov}\treceived={rec}\ton_time={ot}\tscore={score}\trank={rank}")
