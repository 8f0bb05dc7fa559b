"""`triage evaluate`'s report on the real default artefact, over a slice of the test split."""

from __future__ import annotations

from classifiers.artifact import read_manifest
from classifiers.training.build import ensure_default_classifier
from classifiers.training.dataset import DEFAULT_CORPUS_DIR, load_asr_cer, load_split
from classifiers.training.report import ASR_REAL_LIKE, FIRST_SENTENCE, evaluate_dir, format_report


def test_report_has_every_row_the_issue_asks_for(classifier, settings):
    directory = ensure_default_classifier(settings.classifier_model_dir, settings.cache_dir)
    test = load_split(DEFAULT_CORPUS_DIR, "test")
    cer = load_asr_cer(DEFAULT_CORPUS_DIR)
    real_like = [e for e in test if e.variant == "asr" and cer.get(e.example_id, 1) <= 0.45]
    sample = test[::12] + real_like[:10]
    report = evaluate_dir(directory, sample, ["Cháy nhà ở phố Huế, một người mắc kẹt"], 20, cer)

    assert set(report.rows) == {"clean", "nodiac", "asr", ASR_REAL_LIKE, FIRST_SENTENCE, "all"}
    assert report.rows["all"].n == len(sample)
    assert report.rows[ASR_REAL_LIKE].n >= 10
    assert all(row.n == row.type_confusion.sum() for row in report.rows.values())
    assert 0 < report.latency.median_ms <= report.latency.p95_ms
    assert report.name == read_manifest(directory)["candidate"]

    text = format_report([report])
    needles = ("type macro-F1", "under-triage", "ECE", "per-class F1", "confusion", "real text")
    assert all(needle in text for needle in needles)
