"""Reads the labelled corpus splits (classifiers/corpus/data/*.jsonl) into typed examples.

Only reads: the corpus and its generator belong to classifiers/corpus/; nothing here writes data.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from classifiers.labels import IncidentType, Urgency

DEFAULT_CORPUS_DIR = Path(__file__).resolve().parents[1] / "corpus" / "data"
SPLITS: tuple[str, ...] = ("train", "dev", "test")
VARIANTS: tuple[str, ...] = ("clean", "nodiac", "asr")
# Per recognised row: voice, phone line, CER (written by classifiers/corpus/asr_variants.py).
ASR_STATS_FILE = "asr_stats.jsonl"


@dataclass(frozen=True, slots=True)
class LabelledText:
    """One corpus line: a caller transcript with its gold labels."""

    text: str
    incident_type: IncidentType
    urgency: Urgency
    variant: str
    scenario_id: str
    example_id: str = ""


def split_path(corpus_dir: Path, split: str) -> Path:
    return corpus_dir / f"{split}.jsonl"


def load_split(corpus_dir: Path, split: str) -> list[LabelledText]:
    """All examples of one split, in file order; a clear error names a bad line."""
    path = split_path(corpus_dir, split)
    if not path.is_file():
        raise FileNotFoundError(
            f"corpus split {path} is missing: generate the corpus (classifiers/corpus) "
            "or point --corpus at a directory holding train/dev/test.jsonl"
        )
    examples: list[LabelledText] = []
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                examples.append(
                    LabelledText(
                        text=str(row["text"]),
                        incident_type=IncidentType(row["incident_type"]),
                        urgency=Urgency(row["urgency"]),
                        variant=str(row.get("variant", "clean")),
                        scenario_id=str(row.get("scenario_id", "")),
                        example_id=str(row.get("id", "")),
                    )
                )
            except (ValueError, KeyError) as error:
                raise ValueError(f"{path}:{number}: not a valid corpus line ({error})") from error
    return examples


def load_asr_cer(corpus_dir: Path) -> dict[str, float]:
    """Character error rate of each speech-recognised row against its script, by row id.

    From asr_stats.jsonl (written by classifiers/corpus/asr_variants.py); empty when missing.
    """
    path = corpus_dir / ASR_STATS_FILE
    if not path.is_file():
        return {}
    rates = {}
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                row = json.loads(line)
                rates[str(row["id"])] = float(row["cer"])
    return rates


def corpus_files(corpus_dir: Path) -> list[Path]:
    """The files whose content defines a trained model (hashed into the artefact version)."""
    return [split_path(corpus_dir, split) for split in ("train", "dev")]
