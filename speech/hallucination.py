"""The hallucination guard: decides which decoded text may be shown as what the caller said.

Never drops text silently: everything it refuses comes back as SuppressedText and is logged
with the reason.
"""

from __future__ import annotations

import logging
import re
import unicodedata
import zlib
from dataclasses import dataclass, field

from speech.messages import SuppressedText

log = logging.getLogger(__name__)

# Whisper learned these from video subtitles; a caller on 113/114/115 does not say them.
# Written without diacritics, lower case: matching is diacritic-insensitive.
OUTRO_PHRASES: tuple[str, ...] = (
    "subscribe",
    "ghien mi go",
    "dang ky kenh",
    "dang ki kenh",
    "dang ky cho kenh",
    "dang ki cho kenh",
    "cam on cac ban da theo doi",
    "cam on cac ban da xem",
    "cam on da theo doi",
    "bo lo nhung video",
    "nhung video hap dan",
    "video tiep theo",
    "hen gap lai cac ban",
    "lalaschool",
    "la la school",
    "like va share",
    "like share",
    "thanks for watching",
    "thank you for watching",
    "thank you so much for watching",
    "subtitles by",
    "subtitle by",
    "subtitles made by",
    "amara org",
    "phu de boi",
    "phu de duoc",
    "vietsub",
    "please like and",
    "don t forget to",
)

# Reasons that mean "the decoder produced something, but not the speech": worth a second decode.
HALLUCINATION_REASONS = frozenset({"outro_phrase", "repetition_loop", "compression_ratio"})

_SENTENCE_END = re.compile(r"(?<=[.!?…。])\s+|\n+")
_LOOP_MIN_REPEATS = 5  # a caller may shout "cứu" three or four times; five in a row is a loop


@dataclass(frozen=True, slots=True)
class GuardOptions:
    compression_ratio_threshold: float = 2.4
    # Stricter than faster-whisper's 0.6 / -1.0: the VAD already heard speech here, and at
    # 0.6 / -1.0 four of 76 decodes of real and espeak speech (CER 0.46-0.63, still useful)
    # were refused; at 0.9 / -1.2 none were.
    no_speech_prob_threshold: float = 0.9
    logprob_threshold: float = -1.2
    min_latin_share: float = 0.5


@dataclass(frozen=True, slots=True)
class GuardResult:
    text: str
    suppressed: list[SuppressedText] = field(default_factory=list)

    @property
    def is_pure_hallucination(self) -> bool:
        """Nothing accepted and the decoder did produce text that looks like a hallucination."""
        return not self.text and any(s.reason in HALLUCINATION_REASONS for s in self.suppressed)


def normalize(text: str) -> str:
    """Lower case, no diacritics (đ -> d), letters and digits separated by single spaces."""
    decomposed = unicodedata.normalize("NFD", text.lower().replace("đ", "d"))
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return " ".join(re.findall(r"[a-z0-9]+", stripped))


def compression_ratio(text: str) -> float:
    encoded = text.encode("utf-8")
    return len(encoded) / len(zlib.compress(encoded)) if encoded else 0.0


class HallucinationGuard:
    """Stateless checks applied to every decoded segment, offline and streaming alike."""

    def __init__(self, options: GuardOptions | None = None) -> None:
        self.options = options or GuardOptions()
        self._outro = [re.compile(rf"\b{re.escape(phrase)}\b") for phrase in OUTRO_PHRASES]

    def check(
        self,
        text: str,
        *,
        start: float,
        end: float,
        no_speech_prob: float = 0.0,
        avg_logprob: float = 0.0,
    ) -> GuardResult:
        text = " ".join(text.split())
        if not text:
            return GuardResult("")
        suppressed: list[SuppressedText] = []

        def refuse(part: str, reason: str, **details: float) -> None:
            item = SuppressedText(part, reason, start, end, dict(details))
            log.info("suppressed %r at %.2f-%.2f s: %s %s", part, start, end, reason, details)
            suppressed.append(item)

        options = self.options
        if (
            no_speech_prob > options.no_speech_prob_threshold
            and avg_logprob < options.logprob_threshold
        ):
            refuse(text, "no_speech", no_speech_prob=no_speech_prob, avg_logprob=avg_logprob)
            return GuardResult("", suppressed)

        kept = []
        for sentence in _SENTENCE_END.split(text):
            normalized = normalize(sentence)
            if any(pattern.search(normalized) for pattern in self._outro):
                refuse(sentence, "outro_phrase")
            elif sentence.strip():
                kept.append(sentence.strip())
        text = " ".join(kept)

        text, loops = collapse_repetitions(text)
        for loop in loops:
            refuse(loop, "repetition_loop")

        ratio = compression_ratio(text)
        if ratio > options.compression_ratio_threshold:
            refuse(text, "compression_ratio", compression_ratio=ratio)
            return GuardResult("", suppressed)

        letters = [ch for ch in text if ch.isalpha()]
        if text and not letters and not any(ch.isdigit() for ch in text):
            refuse(text, "no_letters")
            return GuardResult("", suppressed)
        if letters:
            latin = sum(1 for ch in letters if unicodedata.name(ch, "").startswith("LATIN"))
            share = latin / len(letters)
            if share < options.min_latin_share:
                refuse(text, "not_vietnamese", latin_share=share)
                return GuardResult("", suppressed)
        return GuardResult(text, suppressed)


def collapse_repetitions(text: str, max_ngram: int = 6) -> tuple[str, list[str]]:
    """Cut runs of one word n-gram repeated >= 5 times in a row down to one occurrence.

    Returns the collapsed text and the removed runs (for the log).
    """
    words = text.split()
    removed: list[str] = []
    index = 0
    out: list[str] = []
    while index < len(words):
        best = None
        for size in range(1, max_ngram + 1):
            unit = [w.lower().strip(",.!?") for w in words[index : index + size]]
            if len(unit) < size:
                break
            repeats = 1
            while [
                w.lower().strip(",.!?")
                for w in words[index + repeats * size : index + (repeats + 1) * size]
            ] == unit:
                repeats += 1
            if repeats >= _LOOP_MIN_REPEATS and (
                best is None or repeats * size > best[0] * best[1]
            ):
                best = (repeats, size)
        if best is None:
            out.append(words[index])
            index += 1
            continue
        repeats, size = best
        out.extend(words[index : index + size])
        removed.append(" ".join(words[index + size : index + repeats * size]))
        index += repeats * size
    return " ".join(out), removed
