"""How our recogniser mishears real voices: aligns its transcripts of ../shared/speechtrain with
the references and writes the syllable confusions the training noise replays (real_asr.json).

Tooling: loads the speech stack itself. Never reads ../shared/realspeech (evaluation only).
Run: `nice python -m classifiers.corpus.real_asr_errors [--speechtrain DIR]`.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import time
from collections import Counter, defaultdict
from difflib import SequenceMatcher
from pathlib import Path

from classifiers.text_norm import normalize

DATA_DIR = Path(__file__).parent / "data"
OUT_FILE = "real_asr.json"
SPEECHTRAIN_DEFAULT = Path(__file__).resolve().parents[3] / "shared" / "speechtrain"


def align_counts(
    pairs: list[tuple[str, str]],
) -> tuple[dict[str, Counter[str]], Counter[str], Counter[str], int]:
    """Per reference syllable what was written for it; deleted syllables; inserted ones; total."""
    substitutions: dict[str, Counter[str]] = defaultdict(Counter)
    deleted: Counter[str] = Counter()
    inserted: Counter[str] = Counter()
    total = 0
    for reference, heard in pairs:
        said = normalize(reference).split()
        written = normalize(heard).split()
        total += len(said)
        matcher = SequenceMatcher(None, said, written, autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag == "equal":
                for syllable in said[i1:i2]:
                    substitutions[syllable][syllable] += 1
            elif tag == "replace" and i2 - i1 == j2 - j1:
                for original, wrong in zip(said[i1:i2], written[j1:j2], strict=True):
                    substitutions[original][wrong] += 1
            elif tag == "replace":
                # Unequal spans: a merged or split word; keep it as one multi-syllable swap.
                substitutions[" ".join(said[i1:i2])][" ".join(written[j1:j2])] += 1
            elif tag == "delete":
                deleted.update(said[i1:i2])
            elif tag == "insert":
                inserted.update(written[j1:j2])
    return substitutions, deleted, inserted, total


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--speechtrain", type=Path, default=SPEECHTRAIN_DEFAULT)
    parser.add_argument("--out", type=Path, default=DATA_DIR / OUT_FILE)
    parser.add_argument("--whisper-model", type=Path, default=None)
    parser.add_argument("--cache-dir", type=Path, default=None)
    parser.add_argument("--threads", type=int, default=1)
    args = parser.parse_args(argv)

    from speech.audio import decode_mulaw, load_audio_file
    from speech.model_store import default_cache_dir, resolve_whisper_model
    from speech.phone_audio import mulaw_encode, to_phone_band
    from speech.whisper import WhisperTranscriber

    model_dir = resolve_whisper_model(args.whisper_model, args.cache_dir or default_cache_dir())
    transcriber = WhisperTranscriber(model_dir, cpu_threads=args.threads, num_workers=1)
    with (args.speechtrain / "transcripts.tsv").open(encoding="utf-8", newline="") as handle:
        table = [r for r in csv.reader(handle, delimiter="\t") if len(r) == 2]
    # The read sentences: the place-name clips are isolated words, not caller speech.
    rows = [(file, text) for file, text in table if file.startswith("fosd/")]
    pairs: dict[str, list[tuple[str, str]]] = {"wide": [], "phone": []}
    started = time.monotonic()
    for number, (file, reference) in enumerate(rows, start=1):
        audio = load_audio_file(args.speechtrain / file)
        # The phone line: 300-3400 Hz, 8 kHz G.711 mu-law, decoded back as the live path does.
        phone = decode_mulaw(mulaw_encode(to_phone_band(audio)))
        for band, samples in (("wide", audio), ("phone", phone)):
            heard = " ".join(r.text for r in transcriber.transcribe(samples))
            pairs[band].append((reference, heard))
        if number % 20 == 0:
            elapsed = time.monotonic() - started
            print(f"{number}/{len(rows)} files, {elapsed:.0f} s", file=sys.stderr)
    result: dict[str, object] = {"source": str(args.speechtrain), "files": len(rows), "bands": {}}
    for band, band_pairs in pairs.items():
        substitutions, deleted, inserted, total = align_counts(band_pairs)
        result["bands"][band] = {  # type: ignore[index]
            "syllables": total,
            "substitutions": {k: dict(v.most_common()) for k, v in sorted(substitutions.items())},
            "deleted": dict(deleted.most_common()),
            "inserted": dict(inserted.most_common()),
            "pairs": band_pairs,
        }
    args.out.write_text(json.dumps(result, ensure_ascii=False, indent=0), encoding="utf-8")
    print(f"wrote {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
