"""`triage evaluate`'s report on the real bundled default, over slices of every evaluation set."""

from __future__ import annotations

from pathlib import Path

from classifiers.artifact import read_manifest, resolve_classifier_dir
from classifiers.training.devcalls import DEVCALLS_DEFAULT, HELD, SELECT
from classifiers.training.report import evaluate_dir, format_report, read_realtext
from server.commands.evaluate import SHARED, evaluation_sets

REPO = Path(__file__).resolve().parents[2]
LABELS = REPO / "classifiers" / "training" / "realtext_labels.tsv"


def test_report_has_every_row_the_issue_asks_for(classifier):
    directory = resolve_classifier_dir(None)
    sets = evaluation_sets(REPO / "classifiers" / "corpus" / "data", DEVCALLS_DEFAULT, False)
    assert f"devcalls {SELECT}" in sets and not any(HELD in name for name in sets)
    assert {"corpus test, writer t", "corpus test, templates"} <= set(sets)
    sample = {name: examples[::15] for name, examples in sets.items()}
    realtext = read_realtext(SHARED / "realtext" / "incidents.tsv", LABELS)[::10]
    report = evaluate_dir(directory, sample, realtext, latency_texts=20)

    assert report.name == read_manifest(directory)["candidate"]
    assert all(row.n == row.type_confusion.sum() for row in report.rows.values())
    assert 0 < report.latency.median_ms <= report.latency.p95_ms
    assert report.realtext_n > 0 and report.realtext_accuracy is not None
    text = format_report([report], detail_set=f"devcalls {SELECT}")
    needles = ("type macro-F1", "under-triage", "over-triage", "ECE", "per-class F1", "confusion")
    assert all(needle in text for needle in needles)
    assert "real news type accuracy" in text


def test_the_held_aside_part_is_scored_only_when_asked():
    sets = evaluation_sets(REPO / "classifiers" / "corpus" / "data", DEVCALLS_DEFAULT, True)
    assert f"devcalls {HELD}" in sets
    held = {e.example_id for e in sets[f"devcalls {HELD}"]}
    chosen = {e.example_id for e in sets[f"devcalls {SELECT}"]}
    assert held and chosen and not held & chosen
    assert 0.2 < len(held) / (len(held) + len(chosen)) < 0.4
