"""Counts and speech-recognition error figures of the corpus, as Markdown for DATA_CARD.md.

Read-only: never changes data/. Run: `python -m classifiers.corpus.card`.
"""

from __future__ import annotations

import json
import statistics
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from classifiers.corpus.asr_variants import STATS_FILE
from classifiers.corpus.generate import DATA_DIR, SPLITS, read_split
from classifiers.labels import INCIDENT_TYPES, URGENCIES


def _table(header: list[str], rows: Sequence[Sequence[object]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def counts_markdown(data_dir: Path = DATA_DIR) -> str:
    rows = {split: read_split(data_dir / f"{split}.jsonl") for split in SPLITS}
    variants = ("clean", "nodiac", "asr")
    out = ["### Rows per split and variant", ""]
    table: list[list[str | int]] = []
    for split in SPLITS:
        counter = Counter(str(r["variant"]) for r in rows[split])
        prefixes = sum(1 for r in rows[split] if str(r["id"]).endswith("-p"))
        table.append([split, *(counter[v] for v in variants), prefixes, len(rows[split])])
    total = [sum(int(row[i]) for row in table) for i in range(1, len(table[0]))]
    table.append(["all", *total])
    out.append(_table(["split", *variants, "of which clean prefixes", "rows"], table))
    for key, labels in (("incident_type", INCIDENT_TYPES), ("urgency", URGENCIES)):
        out += ["", f"### Clean rows per {key} and split", ""]
        table = []
        for label in labels:
            per = [
                sum(1 for r in rows[s] if r["variant"] == "clean" and r[key] == label.value)
                for s in SPLITS
            ]
            asr = sum(
                1
                for s in SPLITS
                for r in rows[s]
                if r["variant"] == "asr" and r[key] == label.value
            )
            table.append([label.value, *per, sum(per), asr])
        out.append(_table([key, *SPLITS, "clean total", "asr rows"], table))
    scenarios = {s: len({r["scenario_id"] for r in rows[s]}) for s in SPLITS}
    out += ["", "Scenarios per split: " + ", ".join(f"{s} {n}" for s, n in scenarios.items())]
    out += ["", asr_markdown(data_dir, rows)]
    return "\n".join(out)


def asr_markdown(data_dir: Path, rows: dict[str, list[dict[str, object]]]) -> str:
    present = {str(r["id"]) for s in SPLITS for r in rows[s] if r["variant"] == "asr"}
    stats_path = data_dir / STATS_FILE
    if not stats_path.exists():
        return "No speech-recognised rows yet."
    records = [json.loads(line) for line in stats_path.read_text(encoding="utf-8").splitlines()]
    records = [r for r in records if r["id"] in present or r["empty"]]
    if not records:
        return "No speech-recognised rows yet."
    groups: dict[str, list[dict[str, object]]] = {"all": records}
    for record in records:
        groups.setdefault(f"split {record['split']}", []).append(record)
        groups.setdefault(f"voice {record['voice']}", []).append(record)
        line = "8 kHz mu-law phone" if record["phone"] else "16 kHz"
        groups.setdefault(line, []).append(record)
    table = []
    for name, group in groups.items():
        cers = [float(str(r["cer"])) for r in group if not r["empty"]]
        empty = sum(1 for r in group if r["empty"])
        if cers:
            table.append(
                [
                    name,
                    len(cers),
                    f"{statistics.mean(cers):.3f}",
                    f"{statistics.median(cers):.3f}",
                    empty,
                ]
            )
    return "### Speech-recognised rows: character error rate against the script\n\n" + _table(
        ["group", "rows", "mean CER", "median CER", "empty transcripts (dropped)"], table
    )


if __name__ == "__main__":
    print(counts_markdown())
