"""Builds the `triage evaluate` report: each candidate on data it was not built from, in-corpus too.

Reads trained classifier directories, the corpus and the evaluation sets; never trains, and
never picks anything on the corpus test split or on the held-aside part of devcalls.
"""

from __future__ import annotations

import csv
import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from classifiers.artifact import load_scorer, read_manifest
from classifiers.cues import CueWords
from classifiers.decision import UrgencyPolicy, final_labels
from classifiers.labels import INCIDENT_TYPES, URGENCIES, IncidentType
from classifiers.messages import RedFlag
from classifiers.red_flags import find_red_flags
from classifiers.scorer import LabelScorer
from classifiers.training.dataset import LabelledText
from classifiers.training.evaluation import Latency, Scores, measure_latency, score
from classifiers.training.trainer import TYPE_INDEX, URGENCY_INDEX, label_arrays
from classifiers.triage_classifier import TriageClassifier


@dataclass(frozen=True)
class RealText:
    """A real news sentence with the project's hand label (training/realtext_labels.tsv)."""

    text: str
    incident_type: IncidentType | None  # None: the sentence reports no incident
    usable: bool


@dataclass
class CandidateReport:
    name: str
    version: str
    policy: UrgencyPolicy
    rows: dict[str, Scores]  # evaluation set name -> scores
    latency: Latency
    realtext_accuracy: float | None = None
    realtext_n: int = 0
    realtext_predicted: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class ModelOutputs:
    """The model's probabilities and the red flags for a set of texts: computed once."""

    type_probs: np.ndarray
    urgency_probs: np.ndarray
    flags: tuple[tuple[RedFlag, ...], ...]

    @classmethod
    def of(cls, scorer: LabelScorer, texts: Sequence[str]) -> ModelOutputs:
        type_probs, urgency_probs = scorer.predict_proba(list(texts))
        return cls(type_probs, urgency_probs, tuple(find_red_flags(t) for t in texts))


@dataclass(frozen=True)
class Predictions:
    """What the console would show for a set of texts, with the model's probabilities."""

    type_probs: np.ndarray
    urgency_probs: np.ndarray
    types: np.ndarray  # final type index per text
    urgencies: np.ndarray  # final urgency index per text


def decide(outputs: ModelOutputs, policy: UrgencyPolicy) -> Predictions:
    labels = [
        final_labels(t, u, flags, policy)
        for t, u, flags in zip(
            outputs.type_probs, outputs.urgency_probs, outputs.flags, strict=True
        )
    ]
    return Predictions(
        outputs.type_probs,
        outputs.urgency_probs,
        np.array([TYPE_INDEX[incident_type] for incident_type, _, _ in labels]),
        np.array([URGENCY_INDEX[urgency] for _, urgency, _ in labels]),
    )


def predict(scorer: LabelScorer, texts: Sequence[str], policy: UrgencyPolicy) -> Predictions:
    return decide(ModelOutputs.of(scorer, texts), policy)


def score_set(
    scorer: LabelScorer, examples: Sequence[LabelledText], policy: UrgencyPolicy
) -> Scores:
    made = predict(scorer, [e.text for e in examples], policy)
    type_true, urgency_true = label_arrays(examples)
    return score(
        made.type_probs, type_true, made.urgency_probs, urgency_true, made.urgencies, made.types
    )


def evaluate_dir(
    directory: Path,
    sets: Mapping[str, Sequence[LabelledText]],
    realtext: Sequence[RealText] = (),
    latency_texts: int = 200,
) -> CandidateReport:
    manifest = read_manifest(directory)
    scorer = load_scorer(directory)
    policy = UrgencyPolicy.from_json(manifest.get("urgency_policy"))  # type: ignore[arg-type]
    classifier = TriageClassifier(
        scorer, CueWords.load(directory), str(manifest["version"]), policy
    )
    rows = {
        name: score_set(scorer, examples, policy) for name, examples in sets.items() if examples
    }
    pool = [e for examples in sets.values() for e in examples]
    sample = random.Random(7).sample(pool, min(latency_texts, len(pool)))
    latency = measure_latency(classifier.classify, [e.text for e in sample])
    report = CandidateReport(
        str(manifest.get("candidate", directory.name)),
        str(manifest["version"]),
        policy,
        rows,
        latency,
    )
    if realtext:
        made = predict(scorer, [r.text for r in realtext], policy)
        predicted = [INCIDENT_TYPES[i] for i in made.types]
        usable = [(r, p) for r, p in zip(realtext, predicted, strict=True) if r.usable]
        report.realtext_n = len(usable)
        report.realtext_accuracy = (
            float(np.mean([r.incident_type is p for r, p in usable])) if usable else None
        )
        counts: dict[str, int] = {}
        for p in predicted:
            counts[p.value] = counts.get(p.value, 0) + 1
        report.realtext_predicted = dict(sorted(counts.items(), key=lambda kv: -kv[1]))
    return report


def read_realtext(path: Path, labels: Path) -> list[RealText]:
    """The news sentences with the project's labels; empty when either file is missing."""
    if not path.is_file() or not labels.is_file():
        return []
    with path.open(encoding="utf-8", newline="") as handle:
        # QUOTE_NONE: a sentence may hold a lone quote mark; the file has no quoting.
        texts = [r["text"] for r in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)]
    with labels.open(encoding="utf-8", newline="") as handle:
        marks = list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    if len(marks) != len(texts):
        raise ValueError(f"{labels} has {len(marks)} rows for {len(texts)} sentences in {path}")
    return [
        RealText(text, IncidentType(mark["incident_type"]), mark["usable"] == "yes")
        for text, mark in zip(texts, marks, strict=True)
    ]


def _pct(value: float) -> str:
    return "  n/a" if np.isnan(value) else f"{100 * value:5.1f}"


def format_report(reports: Sequence[CandidateReport], detail_set: str | None = None) -> str:
    lines = [
        "## Scores (type and urgency as the console shows them: urgency policy, then red flags;",
        "## over-triage % = predicted more urgent than true, over true P2-P4 rows; latency = one",
        "## classify() call, 1 CPU thread)",
        "",
        "| candidate | set | n | type macro-F1 | urgency acc | P1 recall | under-triage % "
        "| over-triage % (of P2-P4 / of all) | ECE type | ECE urgency | median ms | p95 ms |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for report in reports:
        for name, s in report.rows.items():
            lines.append(
                f"| {report.name} | {name} | {s.n} | {s.type_macro_f1:.3f} | "
                f"{s.urgency_accuracy:.3f} | {s.p1_recall:.3f} | {_pct(s.under_triage)} | "
                f"{_pct(s.over_triage)} / {_pct(s.over_triage_all)} | {s.type_ece:.3f} | "
                f"{s.urgency_ece:.3f} | "
                f"{report.latency.median_ms:.1f} | {report.latency.p95_ms:.1f} |"
            )
    lines += ["", "| candidate | real news type accuracy | usable sentences | urgency policy |"]
    lines.append("|---|---|---|---|")
    for report in reports:
        accuracy = "n/a" if report.realtext_accuracy is None else f"{report.realtext_accuracy:.3f}"
        lines.append(
            f"| {report.name} | {accuracy} | {report.realtext_n} | "
            f"P1 if P(P1) >= {report.policy.p1:.2f}, P2 if P(P1)+P(P2) >= {report.policy.p2:.2f} |"
        )
    for report in reports:
        name = detail_set if detail_set in report.rows else next(iter(report.rows))
        s = report.rows[name]
        lines += ["", f"## {report.name} ({report.version}) on {name}: per-class F1", ""]
        for type_name, f1 in s.type_f1.items():
            lines.append(f"  {type_name:<18} {f1:.2f}")
        lines += ["", "type confusion (rows = truth, columns = predicted):"]
        lines += _matrix(s.type_confusion, [t.value[:6] for t in INCIDENT_TYPES])
        lines += ["", "urgency confusion:"]
        lines += _matrix(s.urgency_confusion, [u.value for u in URGENCIES])
        if report.realtext_predicted:
            lines += [
                "",
                "real news, predicted types: "
                + ", ".join(f"{k} {v}" for k, v in report.realtext_predicted.items()),
            ]
    return "\n".join(lines)


def _matrix(matrix: np.ndarray, names: list[str]) -> list[str]:
    width = max(6, *(len(n) for n in names))
    out = [" " * (width + 1) + " ".join(f"{n:>{width}}" for n in names)]
    for name, row in zip(names, matrix, strict=True):
        out.append(f"{name:>{width}} " + " ".join(f"{v:>{width}}" for v in row))
    return out
