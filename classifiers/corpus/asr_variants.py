"""Speech-recognised corpus variants: espeak-ng speaks a clean example, our Whisper hears it.

Resumable (results live in data/*.jsonl, rows with variant "asr"); never changes a clean row.
Run: `nice python -m classifiers.corpus.asr_variants [--train 600]`. Test rows first, then dev
and train interleaved; Ctrl-C keeps what is done. A tooling entry point: it loads the models
itself, so it is the only corpus module that imports speech/.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

import numpy as np

from classifiers.corpus.generate import DATA_DIR, data_lock, read_split, text_digest, write_split
from classifiers.text_norm import normalize
from classifiers.training.dataset import ASR_STATS_FILE

VOICES = ("vi", "vi-vn-x-central", "vi-vn-x-south")
PHONE_SHARE = 0.5
FLUSH_EVERY = 20
STATS_FILE = ASR_STATS_FILE


def char_error_rate(reference: str, hypothesis: str) -> float:
    """Levenshtein distance over characters of the normalised texts, divided by the reference."""
    ref, hyp = normalize(reference), normalize(hypothesis)
    if not ref:
        return 0.0 if not hyp else 1.0
    previous = list(range(len(hyp) + 1))
    for i, r in enumerate(ref, 1):
        current = [i] + [0] * len(hyp)
        for j, h in enumerate(hyp, 1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (r != h))
        previous = current
    return previous[-1] / len(ref)


def asr_id(row: dict[str, object]) -> str:
    return f"{row['id']}-asr-{text_digest(str(row['text']))}"


def pick_sources(
    rows_by_split: dict[str, list[dict[str, object]]], train_target: int, seed: int
) -> list[tuple[str, dict[str, object]]]:
    """Every clean test example first; then dev and `train_target` train examples, interleaved.

    Interleaving means a run cut short still leaves speech-recognised rows to train on.
    """
    picked: list[tuple[str, dict[str, object]]] = [
        ("test", r) for r in rows_by_split["test"] if r["variant"] == "clean"
    ]
    dev = [("dev", r) for r in rows_by_split["dev"] if r["variant"] == "clean"]
    train = [r for r in rows_by_split["train"] if r["variant"] == "clean"]
    random.Random(seed).shuffle(train)
    train_picked = [("train", r) for r in train[:train_target]]
    for i in range(max(len(dev), len(train_picked))):
        picked += dev[i : i + 1] + train_picked[i : i + 1]
    return picked


def phone_line(samples: np.ndarray) -> np.ndarray:
    """What a caller sounds like through the network: 8 kHz band, mu-law, back to 16 kHz."""
    from speech.audio import decode_mulaw
    from speech.phone_audio import mulaw_encode, to_phone_band

    return decode_mulaw(mulaw_encode(to_phone_band(samples)))  # decode_mulaw returns 16 kHz


def asr_row(source: dict[str, object], transcript: str) -> dict[str, object]:
    location = source["location"]
    if location is not None and str(location) not in transcript:
        location = None  # the span must be copied from the text the model sees
    return {
        **source,
        "id": asr_id(source),
        "text": transcript,
        "location": location,
        "variant": "asr",
        "source": "espeak+whisper",
    }


def flush(data_dir: Path, pending: dict[str, list[dict[str, object]]]) -> None:
    with data_lock(data_dir):
        for split, new_rows in pending.items():
            if not new_rows:
                continue
            path = data_dir / f"{split}.jsonl"
            rows = read_split(path)
            valid = {asr_id(r) for r in rows if r["variant"] == "clean"}
            have = {str(r["id"]) for r in rows}
            rows += [r for r in new_rows if r["id"] in valid and r["id"] not in have]
            write_split(path, rows)
            new_rows.clear()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA_DIR)
    parser.add_argument("--train", type=int, default=600, help="train examples to speak")
    parser.add_argument("--limit", type=int, default=0, help="stop after this many new rows")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--seed", type=int, default=114)
    parser.add_argument("--whisper-model", type=Path, default=None, help="CTranslate2 Whisper dir")
    parser.add_argument("--cache-dir", type=Path, default=None, help="where the bundled model is")
    args = parser.parse_args(argv)

    # Lazy imports: only this tool needs the speech stack.
    from speech.model_store import default_cache_dir, resolve_whisper_model
    from speech.tts import EspeakTTS
    from speech.whisper import WhisperTranscriber

    model_dir = resolve_whisper_model(args.whisper_model, args.cache_dir or default_cache_dir())
    transcriber = WhisperTranscriber(model_dir, cpu_threads=args.threads, num_workers=1)

    rows_by_split = {s: read_split(args.data / f"{s}.jsonl") for s in ("train", "dev", "test")}
    done = {str(r["id"]) for rows in rows_by_split.values() for r in rows if r["variant"] == "asr"}
    todo = [
        (s, r)
        for s, r in pick_sources(rows_by_split, args.train, args.seed)
        if asr_id(r) not in done
    ]
    print(f"{len(done)} asr rows already present, {len(todo)} to make", file=sys.stderr)

    rng = random.Random(args.seed)
    pending: dict[str, list[dict[str, object]]] = {"train": [], "dev": [], "test": []}
    stats_path = args.data / STATS_FILE
    made = 0
    started = time.monotonic()
    try:
        with stats_path.open("a", encoding="utf-8") as stats:
            for split, source in todo:
                # Whisper base hears the Northern voice best; all three stay in the mix.
                voice = rng.choices(VOICES, weights=(0.5, 0.25, 0.25))[0]
                tts = EspeakTTS(voice=voice, speed=rng.randint(125, 170), pitch=rng.randint(35, 65))
                on_phone = rng.random() < PHONE_SHARE
                samples = tts.synthesize(str(source["text"]))
                if on_phone and len(samples):
                    samples = phone_line(samples)
                heard = " ".join(seg.text for seg in transcriber.transcribe(samples)).strip()
                record = {
                    "id": asr_id(source),
                    "split": split,
                    "voice": voice,
                    "speed": tts.speed,
                    "phone": on_phone,
                    "cer": round(char_error_rate(str(source["text"]), heard), 4),
                    "empty": not heard,
                }
                stats.write(json.dumps(record, ensure_ascii=False) + "\n")
                stats.flush()
                if heard:  # an empty transcript carries no text to learn from
                    pending[split].append(asr_row(source, heard))
                made += 1
                if made % FLUSH_EVERY == 0:
                    flush(args.data, pending)
                    rate = (time.monotonic() - started) / made
                    print(f"{made}/{len(todo)} ({rate:.1f} s each)", file=sys.stderr)
                if args.limit and made >= args.limit:
                    break
    except KeyboardInterrupt:
        print("interrupted: keeping what is done", file=sys.stderr)
    finally:
        flush(args.data, pending)
    print(f"made {made} asr variants", file=sys.stderr)


if __name__ == "__main__":
    main()
