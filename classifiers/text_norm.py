"""Vietnamese text normalisation and diacritic-insensitive phrase matching for the rule layers.

Pure string functions: never loads a model, never changes the meaning of a transcript it hands back.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

_PUNCTUATION_NOISE = re.compile(r"[^\w\s]|_", re.UNICODE)
_SPACES = re.compile(r"\s+")


def normalize(text: str) -> str:
    """NFC, lowercase, punctuation replaced by spaces, whitespace collapsed."""
    text = unicodedata.normalize("NFC", text).lower()
    return _SPACES.sub(" ", _PUNCTUATION_NOISE.sub(" ", text)).strip()


def _fold_char(char: str) -> str:
    """One lowercase base letter for one lowercase character (keeps string lengths equal)."""
    if char == "đ":
        return "d"
    base = unicodedata.normalize("NFD", char)[0]
    return base if base.isascii() and base != char else char


# Latin letters with marks live below U+2000; everything else folds to itself.
_FOLD_TABLE = {
    code: folded for code in range(0x80, 0x2000) if (folded := _fold_char(chr(code))) != chr(code)
}


def strip_diacritics(text: str) -> str:
    """Remove every Vietnamese tone and vowel mark (đ -> d), keeping case and length otherwise."""
    text = unicodedata.normalize("NFC", text)
    out = []
    for char in text:
        if char in "đĐ":
            out.append("d" if char == "đ" else "D")
            continue
        decomposed = unicodedata.normalize("NFD", char)
        stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
        out.append(stripped or char)
    return "".join(out)


@lru_cache(maxsize=64)
def lower_same_length(text: str) -> str:
    """Lowercase NFC text character by character so offsets still point into the original."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


@lru_cache(maxsize=64)
def fold(text: str) -> str:
    """Lowercase and strip diacritics with one output character per input character (NFC input)."""
    return lower_same_length(text).translate(_FOLD_TABLE)


def has_diacritics(text: str) -> bool:
    """True if any letter carries a Vietnamese mark (or is đ)."""
    return fold(text) != lower_same_length(text)


@dataclass(frozen=True, slots=True)
class PhraseMatch:
    start: int
    end: int
    text: str  # the words as written in the transcript


# Between the words of a phrase callers and ASR put commas, dots or several spaces.
_GAP = r"[^\w]+"


def _phrase_regex(phrase: str) -> str:
    """A plain phrase ("không thở") or a regex fragment; spaces match any run of non-word chars."""
    return phrase.strip().replace(" ", _GAP)


@dataclass(frozen=True, slots=True)
class PhrasePattern:
    """Matches phrases written with full diacritics, or with none at all, on word boundaries.

    A transcript with marks only matches the marked form, so "đám" never matches "đâm"; a
    transcript without marks matches the stripped form ("dam"). `folded=False` entries are
    matched only with their marks, for phrases whose stripped form is another common word
    ("tự vẫn" -> "tu van" = "tư vấn").
    """

    marked: re.Pattern[str]
    stripped: re.Pattern[str] | None

    def finditer(self, text: str) -> Iterator[PhraseMatch]:
        text = unicodedata.normalize("NFC", text)
        lowered = lower_same_length(text)
        seen: set[tuple[int, int]] = set()
        for match in self.marked.finditer(lowered):
            seen.add(match.span())
            yield PhraseMatch(match.start(), match.end(), text[match.start() : match.end()])
        if self.stripped is None:
            return
        folded = fold(text)
        for match in self.stripped.finditer(folded):
            start, end = match.span()
            # only where the caller's words themselves carry no marks
            if (start, end) in seen or lowered[start:end] != folded[start:end]:
                continue
            yield PhraseMatch(start, end, text[start:end])

    def search(self, text: str) -> PhraseMatch | None:
        return next(self.finditer(text), None)


def compile_phrases(phrases: Iterable[str], *, fold_too: bool = True) -> PhrasePattern:
    """One pattern for several phrases (each a plain phrase or a regex fragment in marked form)."""
    marked_parts = [_phrase_regex(unicodedata.normalize("NFC", p).lower()) for p in phrases]
    if not marked_parts:
        raise ValueError("compile_phrases needs at least one phrase")
    body = "|".join(f"(?:{part})" for part in marked_parts)
    marked = re.compile(rf"(?<!\w)(?:{body})(?!\w)")
    stripped = None
    if fold_too:
        stripped_body = "|".join(f"(?:{strip_diacritics(part)})" for part in marked_parts)
        stripped = re.compile(rf"(?<!\w)(?:{stripped_body})(?!\w)")
    return PhrasePattern(marked, stripped)


def contains_phrase(text: str, phrase: str) -> bool:
    """True if `phrase` occurs in `text` on word boundaries, with or without diacritics."""
    return compile_phrases([phrase]).search(text) is not None
