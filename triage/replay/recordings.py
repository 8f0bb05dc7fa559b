"""Finds recorded calls under the paths an analyst gives and reads each one's optional JSON
sidecar (reference transcript and labels, see samples/README.md).

Never decodes audio: a broken file is found here and reported by the runner.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from classifiers.labels import IncidentType, Urgency

AUDIO_SUFFIXES: frozenset[str] = frozenset(
    {".wav", ".mp3", ".ogg", ".opus", ".m4a", ".flac", ".webm", ".aac", ".ulaw", ".alaw"}
)


class SidecarError(ValueError):
    """A sidecar exists but cannot be used; the message says which file and what to fix."""


@dataclass(frozen=True, slots=True)
class Reference:
    """Ground truth for one recorded call, as written in its sidecar."""

    transcript: str | None
    incident_type: IncidentType | None
    urgency: Urgency | None
    location: str | None = None
    people_at_risk: int | None = None
    weapon: bool | None = None
    callback_number: str | None = None
    decisive_phrase: str | None = None
    decisive_time: float | None = None  # call time (s) when the decisive words end


@dataclass(frozen=True, slots=True)
class Recording:
    """One call to replay: its audio file, a stable id and the reference if there is one."""

    call_id: str
    path: Path
    reference: Reference | None
    trunk: str | None = None
    sidecar_problem: str | None = None  # the sidecar was there but unusable: replay without it


def find_recordings(paths: list[Path]) -> list[Recording]:
    """Files given by name are always calls; folders are searched (recursively) for audio files.

    Sorted and de-duplicated so a replay of the same paths always has the same order.
    """
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(
                p
                for p in sorted(path.rglob("*"))
                if p.is_file() and p.suffix.lower() in AUDIO_SUFFIXES
            )
        elif path.exists():
            files.append(path)
        else:
            raise FileNotFoundError(f"{path} does not exist: give audio files or folders of them")
    unique = list(dict.fromkeys(p.resolve() for p in files))
    return [_recording(path) for path in unique]


def _recording(path: Path) -> Recording:
    sidecar = path.with_suffix(".json")
    if not sidecar.is_file():
        return Recording(call_id=path.stem, path=path, reference=None)
    try:
        data = read_sidecar(sidecar)
        reference = _reference(data, sidecar)
    except SidecarError as error:
        return Recording(call_id=path.stem, path=path, reference=None, sidecar_problem=str(error))
    trunk = data.get("trunk")
    return Recording(
        call_id=str(data.get("id") or path.stem),
        path=path,
        reference=reference,
        trunk=trunk if isinstance(trunk, str) else None,
    )


def read_sidecar(sidecar: Path) -> dict[str, object]:
    try:
        data = json.loads(sidecar.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise SidecarError(f"{sidecar}: not readable JSON ({error}); fix or remove it") from None
    if not isinstance(data, dict):
        raise SidecarError(f"{sidecar}: expected a JSON object with the reference fields")
    return data


def _reference(data: dict[str, object], sidecar: Path) -> Reference:
    try:
        incident_type = IncidentType(data["incident_type"]) if data.get("incident_type") else None
        urgency = Urgency(data["urgency"]) if data.get("urgency") else None
    except ValueError as error:
        raise SidecarError(f"{sidecar}: {error}; use the label names of shared/labels.md") from None
    people = data.get("people_at_risk")
    decisive_time = data.get("decisive_time")
    callback = data.get("callback_number")
    return Reference(
        transcript=_optional_str(data.get("reference_transcript")),
        incident_type=incident_type,
        urgency=urgency,
        location=_optional_str(data.get("location")),
        people_at_risk=int(people) if isinstance(people, int | float) else None,
        weapon=data.get("weapon") if isinstance(data.get("weapon"), bool) else None,  # type: ignore[arg-type]
        callback_number=str(callback) if callback not in (None, "") else None,
        decisive_phrase=_optional_str(data.get("decisive_phrase")),
        decisive_time=float(decisive_time) if isinstance(decisive_time, int | float) else None,
    )


def _optional_str(value: object) -> str | None:
    return value if isinstance(value, str) and value.strip() else None
