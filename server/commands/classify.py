"""`triage classify`: JSON lines in on stdin, one JSON line out per input, labels and facts added.

Never stops on a bad line: it answers that line with {"error", "line"} and goes on, order kept.
"""

from __future__ import annotations

import argparse
import json
import queue
import sys
import threading
from collections.abc import Iterator
from typing import TextIO

from classifiers.messages import Classifier

BATCH_SIZE = 32


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "classify", help='classify JSON lines from stdin ({"text": ...}) to JSON lines on stdout'
    )
    parser.add_argument(
        "--batch-size",
        type=int,
        default=BATCH_SIZE,
        help="lines classified together (output order always follows input)",
    )
    parser.set_defaults(func=run)


def parse_line(raw: str, number: int) -> tuple[dict[str, object] | None, str | None]:
    """(the input object, None) or (None, a message saying what is wrong with the line)."""
    try:
        record = json.loads(raw)
    except ValueError as error:
        return None, (
            f"line {number} is not valid JSON ({error}); send one JSON object per "
            'line, e.g. {"text": "..."}'
        )
    if not isinstance(record, dict):
        return None, f'line {number} is JSON but not an object; send {{"text": "..."}}'
    if "text" not in record:
        return None, f'line {number} has no "text" field; send {{"text": "..."}}'
    if not isinstance(record["text"], str):
        return None, f'line {number}: "text" must be a string'
    if not record["text"].strip():
        return None, f'line {number}: "text" is empty; send what the caller said'
    return record, None


def _batches(stream: TextIO, size: int) -> Iterator[list[tuple[int, str]]]:
    """Numbered input lines, grouped: whatever has arrived (up to `size`) goes in one batch.

    A reader thread feeds a bounded queue, so a client that sends one line and waits for its
    answer gets it at once, while piped files are still classified in full batches.
    """
    lines: queue.Queue[tuple[int, str] | None] = queue.Queue(maxsize=4 * size)

    def read() -> None:
        try:
            for number, raw in enumerate(stream, start=1):
                if raw.strip():  # blank lines (e.g. a trailing newline) are not inputs
                    lines.put((number, raw))
        finally:
            lines.put(None)

    threading.Thread(target=read, name="classify-stdin", daemon=True).start()
    finished = False
    while not finished:
        first = lines.get()
        if first is None:
            return
        batch = [first]
        while len(batch) < size:
            try:
                item = lines.get_nowait()
            except queue.Empty:
                break
            if item is None:
                finished = True
                break
            batch.append(item)
        yield batch


def classify_stream(classifier: Classifier, stream: TextIO, out: TextIO, batch_size: int) -> int:
    """Returns the number of error lines written."""
    errors = 0
    for batch in _batches(stream, batch_size):
        parsed = [(number, *parse_line(raw, number)) for number, raw in batch]
        texts = [record["text"] for _, record, _ in parsed if record is not None]
        results = iter(classifier.classify_batch(texts))
        for number, record, error in parsed:
            if record is None:
                errors += 1
                output: dict[str, object] = {"error": error, "line": number}
            else:
                output = {**record, **next(results).to_json()}
            out.write(json.dumps(output, ensure_ascii=False) + "\n")
        out.flush()
    return errors


def run(args: argparse.Namespace) -> int:
    from classifiers.triage_classifier import load_classifier
    from server.settings import Settings

    settings = Settings.from_env()
    classifier = load_classifier(
        settings.classifier_model_dir, threads=settings.cpu_threads_per_model
    )
    classify_stream(classifier, sys.stdin, sys.stdout, max(1, args.batch_size))
    return 0
