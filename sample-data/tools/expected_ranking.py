#!/usr/bin/env python3
"""Works out the 766 on-time (TDGQ) ranking of a source folder independently of the Java pipeline.

Acceptance rules (docs/QUALITY.md): a line must be a JSON object with MaHoSo, DonViXuLy, TrangThaiHoSo, KenhThucHien,
NgayNopHoSo, NgayCapNhat (and NgayTiepNhan, NgayHenTra once received); dates ISO or dd/MM/yyyy; no event date
(submission, receipt, completion, return, update) after the day after the file's day; codes in range; the agency
(trimmed, upper-cased) known on the receipt date. Identical lines in one file count once; two different lines of one
dossier with the same NgayCapNhat in one file are both rejected.
Ranking rules (DOMAIN.md 2.2, docs/INDICATORS.md): latest accepted version of each MaHoSo by NgayCapNhat; received =
status not 1/3; period = month of NgayTiepNhan; the due date moves by the days waited for supplements (each
DanhSachHoSoBoSung entry with a readable NgayYeuCau: from that date to NgayBoSung, or, while unanswered, to the
completion date or the evaluation date; clipped to that stop date and at 0); more than one supplement request (the
list's length) is overdue; otherwise on time = finished on or before the moved due date (by date), or still open with
the moved due date on or after the evaluation date min(period end, last business day of the data); points =
20 * on_time / received, published with 2 decimals (half up); competition ranking with ties.
Run: python3 sample-data/tools/expected_ranking.py sample-data/src/main/resources/sample
"""
import csv, gzip, json, sys, glob, os, re, datetime as dt
from decimal import Decimal, ROUND_HALF_UP

root = sys.argv[1]
units = {}
for r in csv.DictReader(open(os.path.join(root, "reference/agencies.csv"), encoding="utf-8")):
    units.setdefault(r["unit_code"], []).append(
        (dt.date.fromisoformat(r["valid_from"]), dt.date.fromisoformat(r["valid_to"]) if r["valid_to"] else None,
         r["province_code"]))

def province_on(code, day):
    for start, end, province in units.get(code, []):
        if start <= day and (end is None or day < end):
            return province
    return None

def parse(s):
    if s is None or str(s).strip() == "":
        return None
    for f in ("%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M:%S.%f", "%Y-%m-%d %H:%M:%S", "%d/%m/%Y %H:%M:%S",
              "%Y-%m-%d", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(str(s).strip(), f)
        except ValueError:
            pass
    raise ValueError(s)

def lenient(s):
    try:
        return parse(s)
    except ValueError:
        return None

def supplements(r):
    """(requested, supplied) dates of each supplement request; the list's length counts them all."""
    out = []
    sup = r.get("DanhSachHoSoBoSung")
    if not isinstance(sup, list):
        return out
    for x in sup:
        x = x if isinstance(x, dict) else {}
        out.append((lenient(x.get("NgayYeuCau")), lenient(x.get("NgayBoSung"))))
    return out

def accept(r, day):
    """The record's parsed dates and province, or None when it is quarantined."""
    if not isinstance(r, dict) or not str(r.get("MaHoSo") or "").strip():
        return None
    for f in ("DonViXuLy", "TrangThaiHoSo", "KenhThucHien", "NgayNopHoSo", "NgayCapNhat"):
        if r.get(f) is None or str(r.get(f)).strip() == "":
            return None
    status = int(r["TrangThaiHoSo"]) if re.fullmatch(r"-?\d+", str(r["TrangThaiHoSo"]).strip()) else None
    received = status is not None and status not in (1, 3)
    if received and (not r.get("NgayTiepNhan") or not r.get("NgayHenTra")):
        return None
    try:
        d = {k: parse(r.get(k)) for k in ("NgayNopHoSo", "NgayTiepNhan", "NgayHenTra", "NgayKetThucXuLy", "NgayTra",
                                          "NgayCapNhat")}
    except ValueError:
        return None
    limit = dt.datetime.combine(day + dt.timedelta(days=2), dt.time())
    if any(d[k] is not None and d[k] >= limit for k in ("NgayNopHoSo", "NgayTiepNhan", "NgayKetThucXuLy", "NgayTra",
                                                        "NgayCapNhat")):
        return None
    channel = str(r["KenhThucHien"]).strip()
    if status is None or not 1 <= status <= 10 or not re.fullmatch(r"[123]", channel):
        return None
    province = province_on(str(r["DonViXuLy"]).strip().upper(), (d["NgayTiepNhan"] or d["NgayNopHoSo"]).date())
    if province is None:
        return None
    return d, province, status

latest = {}
files = sorted(glob.glob(os.path.join(root, "portal/dossiers-*.jsonl*")))
as_of = max(dt.date.fromisoformat(re.search(r"(\d{4}-\d{2}-\d{2})", os.path.basename(f)).group(1)) for f in files)
for f in files:
    day = dt.date.fromisoformat(re.search(r"(\d{4}-\d{2}-\d{2})", os.path.basename(f)).group(1))
    opener = gzip.open if f.endswith(".gz") else open
    with opener(f, "rt", encoding="utf-8") as lines:
        distinct = list(dict.fromkeys(line.rstrip("\n") for line in lines))
    accepted = []
    for line in distinct:
        try:
            r = json.loads(line)
        except json.JSONDecodeError:
            continue
        ok = accept(r, day)
        if ok is not None:
            accepted.append((str(r["MaHoSo"]).strip().upper(), r, ok))
    versions = {}
    for key, r, (d, _, _) in accepted:
        versions[(key, d["NgayCapNhat"])] = versions.get((key, d["NgayCapNhat"]), 0) + 1
    for key, r, (d, province, status) in accepted:
        if versions[(key, d["NgayCapNhat"])] > 1:
            continue
        prev = latest.get(key)
        if prev is None or d["NgayCapNhat"] > prev[0]["NgayCapNhat"]:
            latest[key] = (d, province, status, supplements(r))

agg = {}
for d, province, status, sup in latest.values():
    if status in (1, 3):
        continue
    month = d["NgayTiepNhan"].strftime("%Y-%m")
    y, m = map(int, month.split("-"))
    month_end = dt.date(y + m // 12, m % 12 + 1, 1) - dt.timedelta(days=1)
    evaluation = min(month_end, as_of)
    stop = d["NgayKetThucXuLy"].date() if d["NgayKetThucXuLy"] is not None else evaluation
    waited = 0
    for requested, supplied in sup:
        if requested is None:
            continue
        end = min(supplied.date() if supplied is not None else stop, stop)
        waited += max(0, (end - requested.date()).days)
    due = d["NgayHenTra"].date() + dt.timedelta(days=waited)
    if len(sup) > 1:
        on_time = False
    elif d["NgayKetThucXuLy"] is not None:
        on_time = d["NgayKetThucXuLy"].date() <= due
    else:
        on_time = due >= evaluation
    rec, ot = agg.get((month, province), (0, 0))
    agg[(month, province)] = (rec + 1, ot + (1 if on_time else 0))

print("period\tprovince_code\treceived\ton_time\tpoints\trank")
for month in sorted({k[0] for k in agg}):
    rows = []
    for (mo, prov), (rec, ot) in agg.items():
        if mo == month:
            score = (Decimal(20) * ot / rec).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
            rows.append((score, prov, rec, ot))
    rows.sort(key=lambda x: (-x[0], x[1]))
    for score, prov, rec, ot in rows:
        rank = 1 + sum(1 for s, *_ in rows if s > score)
        print(f"{month}\t{prov}\t{rec}\t{ot}\t{score}\t{rank}")
