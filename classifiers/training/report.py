"""Builds the `triage evaluate` report: each candidate on the test split per variant, and real text.

Reads trained classifier directories and the corpus; never trains, never picks anything on test.
"""

from __future__ import annotations

import csv
import random
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from classifiers.artifact import load_scorer, read_manifest
from classifiers.cues import CueWords
from classifiers.labels import INCIDENT_TYPES, URGENCIES
from classifiers.red_flags import find_red_flags
from classifiers.training.dataset import VARIANTS, LabelledText
from classifiers.training.evaluation import Latency, Scores, measure_latency, score
from classifiers.training.trainer import TYPE_INDEX, URGENCY_INDEX, label_arrays
from classifiers.triage_classifier import TriageClassifier, final_labels


@dataclass
class CandidateReport:
    name: str
    version: str
    rows: dict[str, Scores]  # variant (and "all") -> scores
    latency: Latency
    realtext: list[tuple[str, str, str, str | None]]  # text, type, urgency, location


# Real callers through Whisper base scored CER 0.38-0.44 here (../shared/asr-findings.md): the
# recognised rows up to this CER are the ones that look like real speech, not like espeak.
REAL_SPEECH_LIKE_CER = 0.45
ASR_REAL_LIKE = f"asr, CER<={REAL_SPEECH_LIKE_CER}"
FIRST_SENTENCE = "clean, first sentence"


def evaluate_dir(
    directory: Path,
    test: Sequence[LabelledText],
    realtext: Sequence[str],
    latency_texts: int = 200,
    asr_cer: Mapping[str, float] | None = None,
) -> CandidateReport:
    manifest = read_manifest(directory)
    scorer = load_scorer(directory)
    classifier = TriageClassifier(scorer, CueWords.load(directory), str(manifest["version"]))
    subsets = {variant: [e for e in test if e.variant == variant] for variant in VARIANTS}
    # The first seconds of a call: opener + first sentence only (corpus ids ending in "-p").
    subsets[FIRST_SENTENCE] = [e for e in subsets["clean"] if e.example_id.endswith("-p")]
    if asr_cer:
        subsets[ASR_REAL_LIKE] = [
            e for e in subsets["asr"] if asr_cer.get(e.example_id, 1.0) <= REAL_SPEECH_LIKE_CER
        ]
    subsets["all"] = list(test)
    rows: dict[str, Scores] = {}
    for variant, subset in subsets.items():
        if not subset:
            continue
        texts = [e.text for e in subset]
        type_probs, urgency_probs = scorer.predict_proba(texts)
        # Labels as the console shows them: after the red-flag safety layer.
        labels = [
            final_labels(type_row, URGENCIES[int(urgency_row.argmax())], find_red_flags(text))
            for text, type_row, urgency_row in zip(texts, type_probs, urgency_probs, strict=True)
        ]
        final_types = np.array([TYPE_INDEX[incident_type] for incident_type, _ in labels])
        final = np.array([URGENCY_INDEX[urgency] for _, urgency in labels])
        type_true, urgency_true = label_arrays(subset)
        rows[variant] = score(
            type_probs, type_true, urgency_probs, urgency_true, final, type_pred=final_types
        )
    sample = random.Random(7).sample(list(test), min(latency_texts, len(test)))
    latency = measure_latency(classifier.classify, [e.text for e in sample])
    labelled = classifier.classify_batch(list(realtext)) if realtext else []
    real = [
        (text, c.incident_type.value, c.urgency.value, c.fields.location)
        for text, c in zip(realtext, labelled, strict=True)
    ]
    return CandidateReport(
        str(manifest.get("candidate", directory.name)),
        str(manifest["version"]),
        rows,
        latency,
        real,
    )


def read_realtext(path: Path) -> list[str]:
    if not path.is_file():
        return []
    with path.open(encoding="utf-8", newline="") as handle:
        # QUOTE_NONE: a sentence may hold a lone quote mark; the file has no quoting.
        rows = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        return [row["text"] for row in rows if row.get("text")]


def _pct(value: float) -> str:
    return "  n/a" if np.isnan(value) else f"{100 * value:5.1f}"


def format_report(reports: Sequence[CandidateReport]) -> str:
    lines = [
        "## Test split (type and urgency after the red-flag safety layer; latency = one "
        "classify() call, 1 CPU thread)",
        "",
    ]
    lines.append(
        "| candidate | rows | n | type macro-F1 | urgency acc | P1 recall | under-triage % "
        "| over-triage % | ECE type | ECE urgency | median ms | p95 ms |"
    )
    lines.append("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for report in reports:
        for variant, s in report.rows.items():
            lines.append(
                f"| {report.name} | {variant} | {s.n} | {s.type_macro_f1:.3f} | "
                f"{s.urgency_accuracy:.3f} | {s.p1_recall:.3f} | {_pct(s.under_triage)} | "
                f"{_pct(s.over_triage)} | {s.type_ece:.3f} | {s.urgency_ece:.3f} | "
                f"{report.latency.median_ms:.1f} | {report.latency.p95_ms:.1f} |"
            )
    for report in reports:
        lines += [
            "",
            f"## {report.name} ({report.version}): per-class F1 (clean / nodiac / asr)",
            "",
        ]
        header = [v for v in VARIANTS if v in report.rows]
        for type_name in (t.value for t in INCIDENT_TYPES):
            cells = " / ".join(f"{report.rows[v].type_f1[type_name]:.2f}" for v in header)
            lines.append(f"  {type_name:<18} {cells}")
        for variant in ("asr", "all"):
            if variant in report.rows:
                break
        lines += ["", f"type confusion on {variant} rows (rows = truth, columns = predicted):"]
        lines += _matrix(report.rows[variant].type_confusion, [t.value[:6] for t in INCIDENT_TYPES])
        lines += ["", f"urgency confusion on {variant} rows:"]
        lines += _matrix(report.rows[variant].urgency_confusion, [u.value for u in URGENCIES])
        lines += _realtext_section(report)
    return "\n".join(lines)


def _matrix(matrix: np.ndarray, names: list[str]) -> list[str]:
    width = max(6, *(len(n) for n in names))
    out = [" " * (width + 1) + " ".join(f"{n:>{width}}" for n in names)]
    for name, row in zip(names, matrix, strict=True):
        out.append(f"{name:>{width}} " + " ".join(f"{v:>{width}}" for v in row))
    return out


def _realtext_section(report: CandidateReport) -> list[str]:
    if not report.realtext:
        return []
    counts = Counter(t for _, t, _, _ in report.realtext)
    located = sum(1 for *_, location in report.realtext if location)
    lines = [
        "",
        f"real text (../shared/realtext, {len(report.realtext)} news/report sentences, "
        f"no labels): {located} with a location",
        "  predicted types: " + ", ".join(f"{name} {n}" for name, n in counts.most_common()),
    ]
    for text, type_name, urgency, location in random.Random(3).sample(
        report.realtext, min(6, len(report.realtext))
    ):
        lines.append(f"  - [{type_name} {urgency}] {text[:90]!r} location={location!r}")
    return lines
