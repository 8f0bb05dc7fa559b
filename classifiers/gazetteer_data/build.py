"""Regenerate the administrative-unit tables of the gazetteer from the pinned source wheel.

Tooling only (run by hand after a source update, never at run time); writes the TSVs beside it.
Run: `python -m classifiers.gazetteer_data.build [--wheel PATH]` (without --wheel it asks pip for
the pinned wheel). The streets and landmarks tables are hand-kept; this only checks their names.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import sqlite3
import subprocess
import sys
import tempfile
import zipfile
from collections import defaultdict
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent
SOURCE_PACKAGE = "vietnamadminunits"
SOURCE_VERSION = "1.0.4"
SOURCE_SHA256 = "737ee3662e877290386c1c45ed4d71f2e5fae34ab6fb9c64bfb4cb74b216ea35"
_DB_MEMBER = "vietnamadminunits/data/dataset.db"
_CONVERTER_MEMBER = "vietnamadminunits/data/converter_2025.json"

# Alias keys in the source are folded and glued ("phuongnguyentrungtruc", "q9", "f13"); the
# type prefix is dropped so that an alias is a bare name, like the names themselves.
_ALIAS_PREFIXES = (
    "thanhpho",
    "thitran",
    "thixa",
    "district",
    "phuong",
    "quan",
    "huyen",
    "tinh",
    "ward",
    "tp",
    "tx",
    "xa",
    "q",
    "p",
    "f",
)


def fetch_wheel(directory: Path) -> Path:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "download",
            "--no-deps",
            "--only-binary=:all:",
            "-d",
            str(directory),
            f"{SOURCE_PACKAGE}=={SOURCE_VERSION}",
        ],
        check=True,
    )
    return next(directory.glob(f"{SOURCE_PACKAGE}-{SOURCE_VERSION}-*.whl"))


def bare_alias(key: str, own_keys: set[str]) -> str | None:
    """An alias key without its type prefix; None when it is only the unit's own name again."""
    for prefix in _ALIAS_PREFIXES:
        rest = key[len(prefix) :]
        if key.startswith(prefix) and rest and (rest.isdigit() or len(prefix) > 2):
            key = rest
            break
    key = key.lstrip("0") if key.isdigit() else key
    if not key or key in own_keys or (len(key) < 4 and not key.isdigit()):
        return None  # "xa", "an": too short to tell a former name from an ordinary word
    return key


def aliases(raw: str | None, own_keys: set[str]) -> str:
    found: list[str] = []
    for key in json.loads(raw) if raw else []:
        alias = bare_alias(key, own_keys)
        if alias is not None and alias not in found:
            found.append(alias)
    return ",".join(found)


def coordinate(value: float | None) -> str:
    return "" if value is None else f"{value:.4f}"


def write_tsv(path: Path, header: list[str], rows: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE)
        writer.writerow(header)
        writer.writerows(rows)
    print(f"{path.name}: {len(rows)} rows", file=sys.stderr)


def short_name(full: str, unit_type: str) -> str:
    return full[len(unit_type) :].strip() if full.startswith(unit_type + " ") else full


def province_type(full: str) -> str:
    return "Thành phố" if full.startswith("Thành phố") else "Tỉnh"


def build(wheel: Path, out_dir: Path) -> None:
    digest = hashlib.sha256(wheel.read_bytes()).hexdigest()
    if digest != SOURCE_SHA256:
        raise SystemExit(f"{wheel.name}: sha256 {digest}, expected {SOURCE_SHA256}")
    with tempfile.TemporaryDirectory() as tmp, zipfile.ZipFile(wheel) as archive:
        db_path = Path(archive.extract(_DB_MEMBER, tmp))
        converter = json.loads(archive.read(_CONVERTER_MEMBER))
        db = sqlite3.connect(db_path)
        db.row_factory = sqlite3.Row
        legacy = list(db.execute("SELECT * FROM admin_units_legacy ORDER BY wardCode"))
        current = list(db.execute("SELECT * FROM admin_units ORDER BY wardCode"))
        db.close()

    new_province_id = {r["provinceKey"]: f"vn34-p{r['provinceCode']}" for r in current}
    new_ward_id = {(r["provinceKey"], r["wardKey"]): f"vn34-w{r['wardCode']}" for r in current}
    old_province_successor = {
        old: new_province_id[new]
        for new, olds in converter["DICT_PROVINCE"].items()
        for old in olds
    }
    # old "province_district_ward" key -> new ward ids, the source's default first
    successors: dict[str, list[str]] = defaultdict(list)
    for province, new_wards in converter["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
        for ward_key, old_keys in new_wards.items():
            for old_key in old_keys:
                successors[old_key].append(new_ward_id[(province, ward_key)])
    for province, splits in converter["DICT_PROVINCE_WARD_DIVIDED"].items():
        for old_key, parts in splits.items():
            ordered = sorted(parts, key=lambda part: not part["isDefaultNewWard"])
            successors[old_key].extend(new_ward_id[(province, p["newWardKey"])] for p in ordered)

    provinces: dict[str, list[str]] = {}
    for r in current:
        pid = new_province_id[r["provinceKey"]]
        own = {r["provinceKey"], r["provinceShortKey"]}
        provinces[pid] = [
            pid,
            "2025",
            province_type(r["province"]),
            r["provinceShort"],
            aliases(r["provinceAlias"], own),
            "",
        ]
    districts: dict[str, list[str]] = {}
    wards: list[list[str]] = []
    for r in legacy:
        pid = f"vn63-p{r['provinceCode']}"
        if pid not in provinces:
            own = {r["provinceKey"], r["provinceShortKey"]}
            provinces[pid] = [
                pid,
                "legacy",
                province_type(r["province"]),
                r["provinceShort"],
                aliases(r["provinceAlias"], own),
                old_province_successor[r["provinceKey"]],
            ]
        did = f"vn63-d{r['districtCode']}"
        old_key = f"{r['provinceKey']}_{r['districtKey']}_{r['wardKey'] or ''}"
        if did not in districts:
            own = {r["districtKey"], r["districtShortKey"]}
            districts[did] = [
                did,
                pid,
                r["districtType"],
                short_name(r["district"], r["districtType"]),
                aliases(r["districtAlias"], own),
                old_province_successor[r["provinceKey"]],
            ]
        if r["ward"] is None:
            # island districts with no wards: the district itself became one unit
            districts[did][5] = ",".join(successors[old_key]) or districts[did][5]
            continue
        own = {r["wardKey"], r["wardShortKey"]}
        wards.append(
            [
                f"vn63-w{r['wardCode']}",
                "legacy",
                did,
                r["wardType"],
                short_name(r["ward"], r["wardType"]),
                aliases(r["wardAlias"], own),
                ",".join(dict.fromkeys(successors[old_key])),
                coordinate(r["wardLat"]),
                coordinate(r["wardLon"]),
            ]
        )
    for r in current:
        own = {r["wardKey"], r["wardShortKey"]}
        wards.append(
            [
                new_ward_id[(r["provinceKey"], r["wardKey"])],
                "2025",
                new_province_id[r["provinceKey"]],
                r["wardType"],
                short_name(r["ward"], r["wardType"]),
                aliases(r["wardAlias"], own),
                "",
                coordinate(r["wardLat"]),
                coordinate(r["wardLon"]),
            ]
        )
    missing = [w[0] for w in wards if w[1] == "legacy" and not w[6]]
    if missing:
        raise SystemExit(f"{len(missing)} legacy wards have no successor: {missing[:5]}")
    write_tsv(
        out_dir / "provinces.tsv",
        ["id", "era", "type", "name", "aliases", "successor"],
        sorted(provinces.values()),
    )
    write_tsv(
        out_dir / "districts.tsv",
        ["id", "province", "type", "name", "aliases", "successors"],
        sorted(districts.values()),
    )
    write_tsv(
        out_dir / "wards.tsv",
        ["id", "era", "parent", "type", "name", "aliases", "successors", "lat", "lon"],
        wards,
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--wheel", type=Path, help=f"{SOURCE_PACKAGE}-{SOURCE_VERSION} wheel")
    parser.add_argument("--out", type=Path, default=DATA_DIR)
    args = parser.parse_args(argv)
    if args.wheel is not None:
        build(args.wheel, args.out)
        return
    with tempfile.TemporaryDirectory() as tmp:
        build(fetch_wheel(Path(tmp)), args.out)


if __name__ == "__main__":
    main()
