"""The words of a transcript for address matching: tokens with offsets, folded forms, keywords.

Pure string work (no tables): tolerant of case, marks, "Q.3" and "P12"; changes no offsets.
"""

from __future__ import annotations

import dataclasses
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from classifiers.text_norm import fold

Role = Literal[
    "house_number", "alley", "street", "hamlet", "landmark", "ward", "district", "province"
]

_WORD = re.compile(r"\d+[^\W_]?(?:/\d+[^\W_]?)+|\w+|[^\w\s]")
_SENTENCE_END = {".", "!", "?", ";", "…"}
_INNER_MARKS = {"-", "/", "'", "’"}  # "Bà Rịa - Vũng Tàu": no break inside a name
_GLUED_ABBREVIATION = re.compile(r"(q|p|f)(\d{1,2})")


@dataclass(frozen=True, slots=True)
class Word:
    start: int
    end: int
    lower: str  # NFC lowercase, marks kept
    folded: str  # no marks
    capital: bool
    marked: bool  # carries Vietnamese marks
    ends_sentence: bool  # ".", "!" or "?" follows
    pause_after: bool = False  # a comma or other break follows
    call_marked: bool = True  # the transcript carries marks: an unmarked word is then as said


def words_of(text: str) -> list[Word]:
    """The word tokens of NFC `text` with offsets; punctuation only marks sentence ends."""
    out: list[Word] = []
    for match in _WORD.finditer(text):
        raw = match.group()
        if not (raw[0].isalnum() or raw[0] == "_"):
            inside = raw == "." and text[match.end() : match.end() + 1].isalnum()
            if out and raw not in _INNER_MARKS and not inside:
                last = out[-1]
                out[-1] = Word(
                    last.start,
                    last.end,
                    last.lower,
                    last.folded,
                    last.capital,
                    last.marked,
                    last.ends_sentence or raw in _SENTENCE_END,
                    True,
                )
            continue
        lower = raw.lower()
        folded = _fold_word(lower) if len(lower) == len(raw) else fold(raw).lower()
        glued = _GLUED_ABBREVIATION.fullmatch(folded)
        if glued:  # "Q3", "P12", "F12": the keyword and its number in one token
            for part in glued.groups():
                out.append(Word(match.start(), match.end(), part, part, True, False, False))
            continue
        out.append(
            Word(
                match.start(), match.end(), lower, folded, raw[:1].isupper(), folded != lower, False
            )
        )
    if not any(w.marked for w in out):
        out = [dataclasses.replace(w, call_marked=False) for w in out]
    return out


@lru_cache(maxsize=65536)
def _fold_word(lower: str) -> str:
    return fold(lower)


# Keywords: folded words -> (role, the marked spelling, or None where the folded form is all
# there is). Longest first, so "thành phố" wins over "phố" and "số nhà" over "số".
_KEYWORDS: list[tuple[tuple[str, ...], Role, str | None]] = sorted(
    [
        (("to", "dan", "pho"), "hamlet", "tổ dân phố"),
        (("khu", "pho"), "hamlet", "khu phố"),
        (("thanh", "pho"), "province", "thành phố"),
        (("thi", "xa"), "district", "thị xã"),
        (("thi", "tran"), "ward", "thị trấn"),
        (("dac", "khu"), "ward", "đặc khu"),
        (("so", "nha"), "house_number", "số nhà"),
        (("nha", "so"), "house_number", "nhà số"),
        (("dai", "lo"), "street", "đại lộ"),
        (("quoc", "lo"), "street", "quốc lộ"),
        (("tinh", "lo"), "street", "tỉnh lộ"),
        (("tinh",), "province", "tỉnh"),
        (("tp",), "province", None),
        (("quan",), "district", "quận"),
        (("huyen",), "district", "huyện"),
        (("tx",), "district", None),
        (("q",), "district", None),
        (("phuong",), "ward", "phường"),
        (("xa",), "ward", "xã"),
        (("p",), "ward", None),
        (("f",), "ward", None),
        (("duong",), "street", "đường"),
        (("pho",), "street", "phố"),
        (("ngo",), "alley", "ngõ"),
        (("hem",), "alley", "hẻm"),
        (("kiet",), "alley", "kiệt"),
        (("ngach",), "alley", "ngách"),
        (("so",), "house_number", "số"),
        (("thon",), "hamlet", "thôn"),
        (("ap",), "hamlet", "ấp"),
        (("xom",), "hamlet", "xóm"),
        (("ban",), "hamlet", "bản"),
        (("to",), "hamlet", "tổ"),
        (("khom",), "hamlet", "khóm"),
    ],
    key=lambda keyword: -len(keyword[0]),
)


def spelling(folded_keyword: str) -> str:
    for folded, _, marked in _KEYWORDS:
        if " ".join(folded) == folded_keyword and marked is not None:
            return marked
    return folded_keyword


_KEYWORDS_BY_FIRST: dict[str, list[tuple[tuple[str, ...], Role, str | None]]] = defaultdict(list)
for _keyword in _KEYWORDS:
    _KEYWORDS_BY_FIRST[_keyword[0][0]].append(_keyword)
# Keywords whose plain letters are rarely another word: after them a misheard name is looked for
# even in a transcript without marks ("tinh" is also "tính", "quan" also "quán", "so" also "sợ").
PLAIN_SAFE_KEYWORDS = {
    "phuong",
    "huyen",
    "hem",
    "kiet",
    "ngach",
    "thanh pho",
    "thi xa",
    "thi tran",
    "dac khu",
    "khu pho",
    "to dan pho",
    "so nha",
    "nha so",
    "dai lo",
    "quoc lo",
}


def keyword_at(words: list[Word], i: int) -> tuple[Role, int, float] | None:
    """The address keyword starting at words[i]: its role, word count and how surely it is one."""
    if i >= len(words):
        return None
    for folded, role, marked in _KEYWORDS_BY_FIRST.get(words[i].folded, ()):
        n = len(folded)
        if tuple(w.folded for w in words[i : i + n]) != folded:
            continue
        said = " ".join(w.lower for w in words[i : i + n])
        if marked is None:
            # bare abbreviations only count written as such: "Q.3", "P12", "TP HCM"
            strength = 0.9 if words[i].capital or words[i].folded in {"tp", "tx"} else 0.6
        elif said == marked or not words[i].call_marked:
            strength = 1.0
        else:
            strength = 0.65  # "quán" for "quận", "phó" for "phố": a wrong tone, or another word
        return role, n, strength
    return None


_ONSETS = (
    ("ngh", "ng"),
    ("gh", "g"),
    ("ph", "f"),
    ("tr", "ch"),
    ("gi", "d"),
    ("qu", "w"),
    ("r", "d"),
    ("s", "x"),
    ("k", "c"),
    ("l", "n"),
    ("v", "d"),
)
_CODAS = (("nh", "n"), ("ng", "n"), ("ch", "c"), ("t", "c"), ("y", "i"))


@lru_cache(maxsize=16384)
def sound_key(syllable: str) -> str:
    """A folded syllable with the onsets and codas regional speech and ASR confuse made equal."""
    for written, said in _ONSETS:
        if syllable.startswith(written):
            syllable = said + syllable[len(written) :]
            break
    for written, said in _CODAS:
        if syllable.endswith(written):
            syllable = syllable[: -len(written)] + said
            break
    return syllable


def within_one_edit(a: str, b: str) -> bool:
    """True when one insertion, deletion or substitution turns a into b (or they are equal)."""
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    if len(a) == len(b):
        return a[i + 1 :] == b[i + 1 :]
    return a[i:] == b[i + 1 :]


# Number words as written with marks: in a marked transcript "bà" is not "ba", "tử" not "tư".
_MARKED_NUMBER_WORDS = frozenset(
    "không hông một mốt hai ba bốn tư năm lăm nhăm sáu bảy bẩy tám chín mười mươi chục trăm "
    "nghìn ngàn lẻ linh hăm xẹt xuyệt trên".split()
)


def number_word(word: Word) -> str:
    """The folded word for the number parser, or "" where its marks make it another word."""
    if (
        not word.call_marked
        or word.lower in _MARKED_NUMBER_WORDS
        or not word.marked
        and (word.folded[:1].isdigit())
    ):
        return word.folded
    return "" if word.marked or word.folded in _NUMBER_FOLDED else word.folded


_NUMBER_FOLDED = frozenset(
    "khong hong mot hai ba bon tu nam lam nham sau bay tam chin muoi chuc tram nghin ngan le "
    "linh ham xet xuyet tren".split()
)
