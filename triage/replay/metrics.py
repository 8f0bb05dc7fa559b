"""Accuracy and speed measures of a replay: CER/WER, macro-F1, urgency accuracy, P1 recall,
under-triage rate and time to correct triage, per call and over a batch.

Pure functions over plain values; never runs a model or reads a file.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Hashable, Sequence
from dataclasses import dataclass

from classifiers.labels import Urgency

_PUNCTUATION = re.compile(r"[^\w\s]", re.UNICODE)


def normalize_transcript(text: str) -> str:
    """NFC, lower case, punctuation dropped, whitespace collapsed; Vietnamese tones are kept
    because a wrong tone is a wrong word."""
    text = unicodedata.normalize("NFC", text).lower()
    text = _PUNCTUATION.sub(" ", text).replace("_", " ")
    return " ".join(text.split())


def edit_distance(reference: Sequence[Hashable], hypothesis: Sequence[Hashable]) -> int:
    """Levenshtein distance (substitutions, insertions, deletions each cost 1)."""
    if len(reference) < len(hypothesis):
        reference, hypothesis = hypothesis, reference
    previous = list(range(len(hypothesis) + 1))
    for i, ref_item in enumerate(reference, start=1):
        current = [i]
        for j, hyp_item in enumerate(hypothesis, start=1):
            current.append(
                min(
                    previous[j] + 1,
                    current[j - 1] + 1,
                    previous[j - 1] + (ref_item != hyp_item),
                )
            )
        previous = current
    return previous[-1]


def _error_rate(reference: Sequence[Hashable], hypothesis: Sequence[Hashable]) -> float:
    if not reference:
        # Nothing should have been said: any output is all error, none is perfect.
        return 0.0 if not hypothesis else 1.0
    return edit_distance(reference, hypothesis) / len(reference)


def character_error_rate(reference: str, hypothesis: str) -> float:
    """Edits per reference character, spaces included, after normalize_transcript."""
    return _error_rate(normalize_transcript(reference), normalize_transcript(hypothesis))


def word_error_rate(reference: str, hypothesis: str) -> float:
    """Edits per reference word (a Vietnamese word here is one syllable) after normalizing."""
    return _error_rate(
        normalize_transcript(reference).split(), normalize_transcript(hypothesis).split()
    )


def macro_f1(truth: Sequence[str], predicted: Sequence[str]) -> float:
    """Unweighted mean F1 over every label that occurs in the truth or the predictions."""
    if len(truth) != len(predicted):
        raise ValueError("truth and predicted must have the same length")
    if not truth:
        return math.nan
    scores = []
    for label in sorted(set(truth) | set(predicted)):
        true_pos = sum(1 for t, p in zip(truth, predicted, strict=True) if t == p == label)
        false_pos = sum(1 for t, p in zip(truth, predicted, strict=True) if p == label != t)
        false_neg = sum(1 for t, p in zip(truth, predicted, strict=True) if t == label != p)
        denominator = 2 * true_pos + false_pos + false_neg
        scores.append(2 * true_pos / denominator if denominator else 0.0)
    return sum(scores) / len(scores)


def accuracy(truth: Sequence[str], predicted: Sequence[str]) -> float:
    if not truth:
        return math.nan
    return sum(1 for t, p in zip(truth, predicted, strict=True) if t == p) / len(truth)


def p1_recall(truth: Sequence[str], predicted: Sequence[str]) -> float:
    """Share of true P1 calls predicted P1 (NaN when there is no true P1)."""
    pairs = [(t, p) for t, p in zip(truth, predicted, strict=True) if t == Urgency.P1]
    if not pairs:
        return math.nan
    return sum(1 for _, p in pairs if p == Urgency.P1) / len(pairs)


def under_triage_rate(truth: Sequence[str], predicted: Sequence[str]) -> float:
    """(true P1 predicted P2-P4) + (true P2 predicted P3-P4), over all true P1 and P2 calls."""
    serious = [
        (Urgency(t), Urgency(p))
        for t, p in zip(truth, predicted, strict=True)
        if t in (Urgency.P1, Urgency.P2)
    ]
    if not serious:
        return math.nan
    return sum(1 for t, p in serious if p.rank > t.rank) / len(serious)


def time_to_correct(
    label_changes: Sequence[tuple[float, str]], truth: str, call_end: float
) -> float | None:
    """Call time at which the label became correct and then stayed correct to the call's end.

    `label_changes` are (call time, label) in time order: each label holds until the next
    change. None when the last label is wrong or there is none.
    """
    del call_end  # the last label holds to the end of the call; kept for the reader's sake
    if not label_changes or label_changes[-1][1] != truth:
        return None
    became = label_changes[-1][0]
    for at, label in reversed(label_changes):
        if label != truth:
            break
        became = at
    return became


def percentile(values: Sequence[float], share: float) -> float:
    """Linear-interpolated percentile (numpy's default); NaN for no values."""
    if not values:
        return math.nan
    ordered = sorted(values)
    position = (len(ordered) - 1) * share
    low = math.floor(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def mean(values: Sequence[float]) -> float:
    return sum(values) / len(values) if values else math.nan


@dataclass(frozen=True, slots=True)
class Aggregate:
    """The batch summary the CLI prints and the report opens with."""

    calls: int
    failed: int
    labelled: int
    type_macro_f1: float
    type_accuracy: float
    urgency_accuracy: float
    p1_recall: float
    under_triage_rate: float
    triage_correct_at_end: int
    median_time_to_triage: float
    p95_time_to_triage: float
    median_delay_after_decisive: float
    p95_delay_after_decisive: float
    mean_cer: float
    mean_wer: float
    audio_seconds: float
    wall_seconds: float

    @property
    def speed(self) -> float:
        """Audio seconds processed per wall-clock second over the whole batch."""
        return self.audio_seconds / self.wall_seconds if self.wall_seconds > 0 else math.nan

    def rows(self) -> list[tuple[str, str]]:
        """(measure, value) rows for the printed and HTML tables."""

        def fmt(value: float, digits: int = 3, unit: str = "") -> str:
            return "n/a" if math.isnan(value) else f"{value:.{digits}f}{unit}"

        return [
            (
                "calls replayed",
                f"{self.calls - self.failed} of {self.calls} ({self.failed} failed)",
            ),
            ("calls with references", str(self.labelled)),
            ("incident type macro-F1", fmt(self.type_macro_f1)),
            ("incident type accuracy", fmt(self.type_accuracy)),
            ("urgency accuracy", fmt(self.urgency_accuracy)),
            ("P1 recall", fmt(self.p1_recall)),
            ("under-triage rate", fmt(self.under_triage_rate)),
            ("type+urgency correct at end", f"{self.triage_correct_at_end} of {self.labelled}"),
            ("time to correct triage, median", fmt(self.median_time_to_triage, 1, " s")),
            ("time to correct triage, p95", fmt(self.p95_time_to_triage, 1, " s")),
            ("delay after decisive words, median", fmt(self.median_delay_after_decisive, 1, " s")),
            ("delay after decisive words, p95", fmt(self.p95_delay_after_decisive, 1, " s")),
            ("mean CER", fmt(self.mean_cer)),
            ("mean WER", fmt(self.mean_wer)),
            ("audio replayed", fmt(self.audio_seconds, 1, " s")),
            ("wall time", fmt(self.wall_seconds, 1, " s")),
            ("speed (audio s per wall s)", fmt(self.speed, 2)),
        ]

    def to_json(self) -> dict[str, object]:
        values = {name: getattr(self, name) for name in self.__slots__}  # type: ignore[attr-defined]
        values["speed"] = self.speed
        return {
            k: (None if isinstance(v, float) and math.isnan(v) else v) for k, v in values.items()
        }


@dataclass(frozen=True, slots=True)
class CallScore:
    """What one replayed call contributes to the aggregate; reference parts None if unlabelled."""

    audio_seconds: float
    true_type: str | None = None
    predicted_type: str | None = None
    true_urgency: str | None = None
    predicted_urgency: str | None = None
    cer: float | None = None
    wer: float | None = None
    time_to_triage: float | None = None  # both type and urgency right from here to the end
    delay_after_decisive: float | None = None

    @property
    def labelled(self) -> bool:
        return self.true_type is not None and self.true_urgency is not None


def aggregate(scores: Sequence[CallScore], failed: int, wall_seconds: float) -> Aggregate:
    """Batch summary over the calls that replayed; `failed` counts the ones that could not."""
    labelled = [s for s in scores if s.labelled]
    # A call that ends with no label at all predicts nothing: count it as wrong, never skip it.
    true_types = [str(s.true_type) for s in labelled]
    predicted_types = [s.predicted_type or "none" for s in labelled]
    true_urgencies = [str(s.true_urgency) for s in labelled]
    # No label yet ranks a call like P4 in the queue: the bottom.
    predicted_urgencies = [s.predicted_urgency or Urgency.P4.value for s in labelled]
    times = [s.time_to_triage for s in labelled if s.time_to_triage is not None]
    delays = [s.delay_after_decisive for s in labelled if s.delay_after_decisive is not None]
    return Aggregate(
        calls=len(scores) + failed,
        failed=failed,
        labelled=len(labelled),
        type_macro_f1=macro_f1(true_types, predicted_types),
        type_accuracy=accuracy(true_types, predicted_types),
        urgency_accuracy=accuracy(true_urgencies, predicted_urgencies),
        p1_recall=p1_recall(true_urgencies, predicted_urgencies),
        under_triage_rate=under_triage_rate(true_urgencies, predicted_urgencies),
        triage_correct_at_end=len(times),
        median_time_to_triage=percentile(times, 0.5),
        p95_time_to_triage=percentile(times, 0.95),
        median_delay_after_decisive=percentile(delays, 0.5),
        p95_delay_after_decisive=percentile(delays, 0.95),
        mean_cer=mean([s.cer for s in scores if s.cer is not None]),
        mean_wer=mean([s.wer for s in scores if s.wer is not None]),
        audio_seconds=sum(s.audio_seconds for s in scores),
        wall_seconds=wall_seconds,
    )
