"""Matches concept frames (sequences of word classes with gaps) over a transcript's syllables.

Tolerant of missing diacritics, wrong tones and one-letter recognition errors; it never matches
a tone-marked word that is a different common word ("chạy" is not "cháy"). Pure text code.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from classifiers.text_norm import fold

# Syllables common enough in caller speech that a tone-marked one is taken as said, never as a
# misheard neighbour (classifiers/data/common_syllables.txt, from the training corpus).
COMMON_SYLLABLES_FILE = Path(__file__).parent / "data" / "common_syllables.txt"
_TOKEN = re.compile(r"\w+", re.UNICODE)
_SENTENCE_END = re.compile(r"[.!?;…]")
_VOWEL_GROUPS = re.compile(r"[aeiouy]+")


@lru_cache(maxsize=1)
def common_syllables() -> frozenset[str]:
    if not COMMON_SYLLABLES_FILE.is_file():
        return frozenset()
    return frozenset(COMMON_SYLLABLES_FILE.read_text(encoding="utf-8").split())


@lru_cache(maxsize=1)
def common_folded() -> frozenset[str]:
    """The common syllables without their marks: what a bare syllable most likely is."""
    return frozenset(fold(word) for word in common_syllables())


def is_common(token: Token, unmarked_text: bool) -> bool:
    """The syllable as written is an everyday word (so it is no mishearing of another one)."""
    if token.marked in common_syllables():
        return True
    return unmarked_text and token.folded in common_folded()


@dataclass(frozen=True, slots=True)
class Token:
    start: int  # character offsets into the original text
    end: int
    marked: str  # lowercase NFC, as written
    folded: str  # no diacritics
    sentence: int  # index of the sentence it sits in
    loose: bool = False  # repaired from a misheard form: matches on its folded form alone


@dataclass(frozen=True, slots=True)
class Tokens:
    text: str
    items: tuple[Token, ...]
    unmarked: bool  # typed or recognised without tone marks: match on folded forms

    def span_text(self, first: int, last: int) -> str:
        """The original words from token `first` to token `last` inclusive."""
        return self.text[self.items[first].start : self.items[last].end]


def tokenize(text: str) -> Tokens:
    text = unicodedata.normalize("NFC", text)
    lowered = text.lower() if len(text.lower()) == len(text) else text
    items = []
    sentence = 0
    last_end = 0
    for match in _TOKEN.finditer(lowered):
        if _SENTENCE_END.search(lowered, last_end, match.start()):
            sentence += 1
        word = match.group()
        if word == "_":
            continue
        items.append(Token(match.start(), match.end(), word, fold(word), sentence))
        last_end = match.end()
    letters = [t for t in items if t.folded.isalpha()]
    marked = sum(1 for t in letters if t.marked != t.folded)
    # Vietnamese written with marks has them on most syllables; a few marked words in an
    # otherwise bare text (a name, a pasted word) do not make it marked.
    unmarked = not letters or marked < 0.2 * len(letters)
    return Tokens(text, tuple(items), unmarked)


@dataclass(frozen=True, slots=True)
class Word:
    """One syllable of a phrase: its marked form and folded form."""

    marked: str
    folded: str
    marked_only: bool = False  # its unmarked form is another common word ("ngất" / "ngắt")

    def matches(self, token: Token, unmarked_text: bool) -> bool:
        if token.folded != self.folded:
            return False
        if token.marked == self.marked:
            return True
        if self.marked_only:
            return False
        if unmarked_text or token.loose:
            return True  # typed without marks: "khong tho" is "không thở"
        # Written otherwise: a misheard tone or dropped marks, unless the syllable as written is
        # a common word of its own ("thỡ" is "thở"; "chạy" is never "cháy", "ơi" never "oi").
        return token.marked not in common_syllables()


def _word(syllable: str, marked_only: bool = False) -> Word:
    marked = unicodedata.normalize("NFC", syllable.lower())
    folded = fold(marked)
    return Word(marked, folded, marked_only)


@dataclass(frozen=True, slots=True)
class Phrase:
    words: tuple[Word, ...]

    @classmethod
    def parse(cls, phrase: str) -> Phrase:
        """Syllables separated by spaces; a leading "=" matches the phrase only as marked."""
        marked_only = phrase.startswith("=")
        return cls(tuple(_word(s, marked_only) for s in phrase.lstrip("=").split()))

    @property
    def folded(self) -> tuple[str, ...]:
        return tuple(word.folded for word in self.words)

    def match_at(self, tokens: Tokens, index: int) -> int | None:
        """Index after the phrase if it matches at `index` (within one sentence), else None.

        After an exact first word, one later word may be a letter off when the syllable as
        written is no common word ("ở tron đó" is "ở trong đó"): recognisers drop letters.
        """
        items = tokens.items
        if index + len(self.words) > len(items):
            return None
        sentence = items[index].sentence
        slack = 1 if len(self.words) >= 2 else 0
        for offset, word in enumerate(self.words):
            token = items[index + offset]
            if token.sentence != sentence:
                return None
            if word.matches(token, tokens.unmarked):
                continue
            if offset == 0 or slack == 0 or not _one_letter_off(token, word, tokens.unmarked):
                return None
            slack -= 1
        return index + len(self.words)


def _one_letter_off(token: Token, word: Word, unmarked_text: bool) -> bool:
    a, b = token.folded, word.folded
    if min(len(a), len(b)) < 3 or abs(len(a) - len(b)) > 1 or is_common(token, unmarked_text):
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


class Slot:
    """Alternative phrases for one position of a frame; `gap` tokens may come before it."""

    __slots__ = ("_by_first", "gap", "phrases")

    def __init__(self, phrases: tuple[Phrase, ...], gap: int = 0) -> None:
        self.phrases = phrases
        self.gap = gap
        by_first: dict[str, list[Phrase]] = {}
        for phrase in phrases:
            by_first.setdefault(phrase.words[0].folded, []).append(phrase)
        self._by_first = {key: tuple(group) for key, group in by_first.items()}

    def match_at(self, tokens: Tokens, index: int) -> list[int]:
        ends = []
        for phrase in self._by_first.get(tokens.items[index].folded, ()):
            end = phrase.match_at(tokens, index)
            if end is not None:
                ends.append(end)
        return ends


def slot(phrases: Iterable[str], gap: int = 0) -> Slot:
    return Slot(tuple(Phrase.parse(p) for p in phrases), gap)


@dataclass(frozen=True, slots=True)
class FrameMatch:
    first: int  # token index of the match's first token
    last: int  # token index of its last token (inclusive)
    head: int  # token index where the deciding slot begins (negation is checked before it)


@dataclass(frozen=True, slots=True)
class Frame:
    """Slots in order; slot k may start up to slot(k).gap tokens after slot k-1 ends.

    Gaps never cross a sentence end. `head` is the slot a negator in front of would deny.
    """

    slots: tuple[Slot, ...]
    head: int = 0

    def find(self, tokens: Tokens) -> list[FrameMatch]:
        found = []
        for start in range(len(tokens.items)):
            for end, heads in self._extend(tokens, 0, start, []):
                found.append(FrameMatch(start, end - 1, heads[self.head]))
                break  # the shortest match from this start is enough
        return found

    def _extend(
        self, tokens: Tokens, k: int, index: int, starts: list[int]
    ) -> Iterable[tuple[int, list[int]]]:
        if k == len(self.slots):
            yield index, starts
            return
        items = tokens.items
        current = self.slots[k]
        reach = 0 if k == 0 else current.gap
        sentence = items[index - 1].sentence if k > 0 and index > 0 else None
        for position in range(index, min(len(items), index + reach + 1)):
            if sentence is not None and items[position].sentence != sentence:
                break
            for end in current.match_at(tokens, position):
                yield from self._extend(tokens, k + 1, end, [*starts, position])


def frame(*parts: Slot, head: int = 0) -> Frame:
    return Frame(tuple(parts), head)


def repair(tokens: Tokens, vocabulary: frozenset[str]) -> Tokens:
    """Marks a token one letter away from a lexicon word (folded) as that word, loosely.

    Recognisers drop or swap a letter ("bất tỉn", "đuối nuốc", "giến"); the frames then see the
    word the caller meant. Never for a common word as written ("tin", "mềm"), and a 3-letter
    token only when it carries marks that make it a rare syllable: too many real words sit one
    letter apart.
    """
    index = _deletion_index(vocabulary)
    repaired = []
    for token in _split_merged(tokens.items, vocabulary):
        marked = token.marked != token.folded
        size = len(token.folded)
        if (
            token.folded in vocabulary
            or size < 3
            or is_common(token, tokens.unmarked)
            or (size == 3 and not marked)
        ):
            repaired.append(token)
            continue
        candidates: set[str] = set()
        for key in _deletions(token.folded):
            candidates.update(index.get(key, ()))
        candidates = {c for c in candidates if abs(len(c) - size) <= 1 and len(c) >= 3}
        if len(candidates) == 1:
            (word,) = candidates
            repaired.append(Token(token.start, token.end, token.marked, word, token.sentence, True))
        else:
            repaired.append(token)
    return Tokens(tokens.text, tuple(repaired), tokens.unmarked)


def _split_merged(items: Sequence[Token], vocabulary: frozenset[str]) -> list[Token]:
    """Two lexicon words written as one ("thànhvũng"): a weak recogniser's spacing."""
    out = []
    for token in items:
        word = token.folded
        split = None
        # A Vietnamese syllable has one vowel group; two mean two syllables written together.
        if len(word) >= 5 and word not in vocabulary and len(_VOWEL_GROUPS.findall(word)) >= 2:
            for cut in range(2, len(word) - 1):
                if word[:cut] in vocabulary and word[cut:] in vocabulary:
                    split = cut
                    break
        if split is None:
            out.append(token)
            continue
        middle = token.start + split
        out.append(
            Token(token.start, middle, token.marked[:split], word[:split], token.sentence, True)
        )
        out.append(
            Token(middle, token.end, token.marked[split:], word[split:], token.sentence, True)
        )
    return out


def _deletions(word: str) -> set[str]:
    return {word} | {word[:i] + word[i + 1 :] for i in range(len(word))}


@lru_cache(maxsize=4)
def _deletion_index(vocabulary: frozenset[str]) -> dict[str, tuple[str, ...]]:
    index: dict[str, set[str]] = {}
    for word in vocabulary:
        if len(word) < 3:
            continue
        for key in _deletions(word):
            index.setdefault(key, set()).add(word)
    return {key: tuple(sorted(words)) for key, words in index.items()}
