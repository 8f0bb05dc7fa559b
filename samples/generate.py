"""Regenerates every sample call (samples/<id>.wav + samples/<id>.json) from samples/calls.py.

Deterministic (fixed seed per call, espeak-ng is deterministic); it only writes under samples/ and
never edits the scripts. Run: `nice .venv/bin/python samples/generate.py [--only ID ...]`.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import zlib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from scipy.signal import butter, sosfiltfilt

from classifiers.labels import SERVICE_FOR_TYPE, IncidentType, Urgency
from speech.messages import SAMPLE_RATE
from speech.phone_audio import (
    PHONE_BAND_HZ,
    PHONE_RATE,
    mulaw_encode,
    mulaw_wav_bytes,
    to_phone_band,
)
from speech.tts import EspeakTTS

SAMPLES_DIR = Path(__file__).resolve().parent
sys.path.insert(0, str(SAMPLES_DIR))
from calls import CALLS, ScriptedCall  # noqa: E402  (samples/ is a folder of data, not a package)

SEED = 113_114_115
SILENT_CALL_SECONDS = 8.0
SILENCE_THRESHOLD = 1e-3  # espeak-ng pads with digital silence; anything above is speech
TABLE_START, TABLE_END = "<!-- calls-table:start -->", "<!-- calls-table:end -->"
_PHONE_NUMBER = re.compile(r"\b0\d{2,3}(?: \d{3,4}){2}\b")


@dataclass(frozen=True)
class RenderedCall:
    wav: bytes
    sidecar: dict


def spoken_form(line: str) -> str:
    """What espeak-ng is asked to say: phone numbers digit by digit, as callers read them out
    (espeak would otherwise say "345" as "ba trăm bốn mươi lăm")."""

    def digits(match: re.Match[str]) -> str:
        return ", ".join(" ".join(group) for group in match.group(0).split())

    return _PHONE_NUMBER.sub(digits, line)


def trim_silence(samples: np.ndarray) -> np.ndarray:
    loud = np.flatnonzero(np.abs(samples) > SILENCE_THRESHOLD)
    if len(loud) == 0:
        return samples[:0]
    return samples[loud[0] : loud[-1] + 1]


def _band(samples: np.ndarray) -> np.ndarray:
    sos = butter(4, PHONE_BAND_HZ, btype="bandpass", fs=SAMPLE_RATE, output="sos")
    return sosfiltfilt(sos, samples)


def _rms(samples: np.ndarray) -> float:
    return float(np.sqrt(np.mean(np.square(samples, dtype=np.float64)))) if len(samples) else 0.0


def background_noise(kind: str, length: int, rng: np.random.Generator) -> np.ndarray:
    """Unit-RMS noise: "hiss" (white line noise), "pink" (room), "street" (brown rumble whose
    level swells as vehicles pass)."""
    white = rng.standard_normal(length)
    if kind == "hiss":
        noise = white
    elif kind in ("pink", "street"):
        spectrum = np.fft.rfft(white)
        freqs = np.fft.rfftfreq(length, 1 / SAMPLE_RATE)
        exponent = 0.5 if kind == "pink" else 0.8
        spectrum[1:] /= freqs[1:] ** exponent
        spectrum[0] = 0
        noise = np.fft.irfft(spectrum, length)
        if kind == "street":
            t = np.arange(length) / SAMPLE_RATE
            swell = sum(
                np.exp(-(((t - rng.uniform(0, t[-1] + 1e-9)) / rng.uniform(0.6, 1.5)) ** 2))
                for _ in range(max(1, int(t[-1] // 4)))
            )
            noise = noise * (0.5 + swell)
    else:
        raise ValueError(f"unknown noise kind {kind!r}: use hiss, pink or street")
    return noise / (_rms(noise) or 1.0)


def render_call(call: ScriptedCall) -> RenderedCall:
    """Speak each line, lay the lines out with pauses, add noise, make it phone audio."""
    rng = np.random.default_rng([SEED, zlib.crc32(call.id.encode())])
    tts = EspeakTTS(voice=call.voice, speed=call.speed, pitch=call.pitch)
    pieces = [trim_silence(tts.synthesize(spoken_form(line))) for line in call.lines]

    gap = (0.15, 0.35) if call.short else (0.3, 0.75)
    cursor = rng.uniform(0.25, 0.45) if call.short else rng.uniform(0.4, 0.9)
    utterances, spans = [], []
    for line, piece in zip(call.lines, pieces, strict=True):
        start = int(round(cursor * SAMPLE_RATE))
        spans.append((start, start + len(piece)))
        end = start + len(piece)
        utterances.append({"text": line, "start": start / SAMPLE_RATE, "end": end / SAMPLE_RATE})
        cursor = end / SAMPLE_RATE + rng.uniform(*gap)
    if utterances:
        total = spans[-1][1] + int(round(rng.uniform(0.3, 0.6) * SAMPLE_RATE))
    else:
        total = int(SILENT_CALL_SECONDS * SAMPLE_RATE)

    level = 10 ** (rng.uniform(-22.0, -17.0) / 20)  # speech RMS while talking, dBFS
    speech = np.zeros(total)
    for piece, (start, end) in zip(pieces, spans, strict=True):
        speech[start:end] = piece
    talking = np.concatenate([speech[s:e] for s, e in spans]) if spans else speech[:0]
    speech *= level / (_rms(_band(talking)) or 1.0) if len(talking) else 0.0

    audio = speech
    if call.noise is not None:
        noise = background_noise(call.noise, total, rng)
        if call.snr_db is not None:
            # SNR is measured inside the telephone band, where both survive.
            target = level / 10 ** (call.snr_db / 20)
        else:
            target = 10 ** (-50 / 20)  # faint line hiss on an otherwise silent line
        audio = audio + noise * target / (_rms(_band(noise)) or 1.0)

    wav = mulaw_wav_bytes(mulaw_encode(to_phone_band(audio)))
    duration = (len(wav) and _mulaw_samples(wav)) / PHONE_RATE
    transcript = " ".join(call.lines)
    return RenderedCall(wav=wav, sidecar=_sidecar(call, transcript, utterances, tts, duration))


def _mulaw_samples(wav: bytes) -> int:
    return int.from_bytes(wav[wav.index(b"data") + 4 : wav.index(b"data") + 8], "little")


def _decisive_time(call: ScriptedCall, utterances: list[dict], tts: EspeakTTS) -> float | None:
    """Call time when the decisive words end: the line's start plus the spoken length of the
    line up to the end of those words (espeak is deterministic, so the prefix times the same)."""
    if call.decisive is None:
        return None
    for line, utterance in zip(call.lines, utterances, strict=True):
        at = line.find(call.decisive)
        if at < 0:
            continue
        prefix = line[: at + len(call.decisive)]
        if prefix == line:
            return utterance["end"]
        spoken = len(trim_silence(tts.synthesize(spoken_form(prefix)))) / SAMPLE_RATE
        return min(utterance["start"] + spoken, utterance["end"])
    raise ValueError(f"{call.id}: decisive phrase {call.decisive!r} is not within one line")


def _sidecar(
    call: ScriptedCall, transcript: str, utterances: list[dict], tts: EspeakTTS, duration: float
) -> dict:
    if call.location is not None and call.location not in transcript:
        raise ValueError(f"{call.id}: location {call.location!r} is not in the transcript")
    incident_type = IncidentType(call.incident_type)
    decisive_time = _decisive_time(call, utterances, tts)
    return {
        "id": call.id,
        "reference_transcript": transcript,
        "incident_type": incident_type.value,
        "urgency": Urgency(call.urgency).value,
        "location": call.location,
        "people_at_risk": call.people_at_risk,
        "weapon": call.weapon,
        "callback_number": call.callback_number,
        "decisive_phrase": call.decisive,
        "decisive_time": None if decisive_time is None else round(decisive_time, 3),
        "utterances": [
            {"text": u["text"], "start": round(u["start"], 3), "end": round(u["end"], 3)}
            for u in utterances
        ],
        "duration": round(duration, 3),
        "short": call.short,
        "voice": call.voice,
        "speed": call.speed,
        "pitch": call.pitch,
        "snr_db": call.snr_db,
        "noise": call.noise,
        "trunk": call.trunk or (SERVICE_FOR_TYPE[incident_type] or "113").split("+")[0],
        "audio_format": {"encoding": "mulaw", "sample_rate": PHONE_RATE, "channels": 1},
        "source": "synthetic: espeak-ng speech from samples/calls.py, not a real caller",
        "notes": call.notes,
    }


def calls_table(sidecars: list[dict]) -> str:
    rows = [
        "| id | type | urgency | s | voice | speed | noise (SNR dB) | note |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for s in sidecars:
        noise = "clean" if s["noise"] is None else f"{s['noise']} ({s['snr_db'] or '-'})"
        rows.append(
            f"| `{s['id']}` | {s['incident_type']} | {s['urgency']} | {s['duration']:.1f} "
            f"| {s['voice']} | {s['speed']} | {noise} | {s['notes']} |"
        )
    counts = Counter((s["incident_type"], s["urgency"]) for s in sidecars)
    types = [t.value for t in IncidentType]
    urgencies = [u.value for u in Urgency]
    rows += ["", "| type | " + " | ".join(urgencies) + " | total |", "| --- |" + " --- |" * 5]
    for t in types:
        row = [counts[(t, u)] for u in urgencies]
        rows.append(f"| {t} | " + " | ".join(map(str, row)) + f" | {sum(row)} |")
    totals = [sum(counts[(t, u)] for t in types) for u in urgencies]
    rows.append("| **all** | " + " | ".join(map(str, totals)) + f" | {sum(totals)} |")
    return "\n".join(rows)


def _write_table(sidecars: list[dict], readme: Path) -> None:
    text = readme.read_text(encoding="utf-8")
    head, rest = text.split(TABLE_START, 1)
    _, tail = rest.split(TABLE_END, 1)
    table = calls_table(sidecars)
    readme.write_text(f"{head}{TABLE_START}\n{table}\n{TABLE_END}{tail}", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="+", metavar="ID", help="regenerate only these calls")
    parser.add_argument("--out", type=Path, default=SAMPLES_DIR, help="output folder")
    args = parser.parse_args(argv)

    ids = [call.id for call in CALLS]
    duplicates = [i for i, n in Counter(ids).items() if n > 1]
    if duplicates:
        parser.error(f"duplicate call ids in calls.py: {duplicates}")
    unknown = set(args.only or ()) - set(ids)
    if unknown:
        parser.error(f"no such call ids: {sorted(unknown)}")
    chosen = [c for c in CALLS if args.only is None or c.id in args.only]

    args.out.mkdir(parents=True, exist_ok=True)
    sidecars = []
    for call in chosen:
        rendered = render_call(call)
        (args.out / f"{call.id}.wav").write_bytes(rendered.wav)
        sidecar_text = json.dumps(rendered.sidecar, ensure_ascii=False, indent=2) + "\n"
        (args.out / f"{call.id}.json").write_text(sidecar_text, encoding="utf-8")
        sidecars.append(rendered.sidecar)
        print(
            f"{call.id:40s} {rendered.sidecar['duration']:5.1f} s  "
            f"{rendered.sidecar['incident_type']}/{rendered.sidecar['urgency']}",
            file=sys.stderr,
        )
    readme = args.out / "README.md"
    if args.only is None and readme.exists() and TABLE_START in readme.read_text(encoding="utf-8"):
        _write_table(sidecars, readme)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
