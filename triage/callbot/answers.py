"""Reads short Vietnamese answers to the bot's questions: yes/no, floors, counts, phone numbers.

Pure text functions; never guesses a fact the words do not carry (unknown stays None).
"""

from __future__ import annotations

import re
import unicodedata

_NO_CUES = (
    "không có",
    "không còn",
    "không đúng",
    "không phải",
    "không ai",
    "chưa",
    "sai",
    "không",
    "hết rồi",
    "ra hết",
    "đi rồi",
    "bỏ chạy",
)
_UNSURE_CUES = ("không biết", "không rõ", "chưa rõ", "chưa biết", "không chắc")
_YES_CUES = ("có", "vâng", "đúng", "phải", "còn", "ừ", "rồi", "yes", "ok")
# Politeness particles open most answers ("dạ không", "dạ có"): they say nothing about yes/no.
_LEADING_PARTICLES = re.compile(r"^(?:(?:dạ|thưa|à|ừm|ờ|ạ|anh|chị|em|ơi)\b[\s,.!]*)+")

# How Whisper base often writes a one-word answer it misheard (measured on espeak-ng speech:
# "Vâng" -> "Vân", "Không" -> "Thông"/"Sông", "Có" -> "Tô"/"Tố"). Used only as the first word
# of a short answer that carries no real cue, where nothing else could be meant.
_MISHEARD_FIRST_WORD = {
    "vân": True,
    "văn": True,
    "vần": True,
    "tô": True,
    "tố": True,
    "tổ": True,
    "thông": False,
    "sông": False,
    "xong": False,
    "hông": False,
}

_DIGIT_WORDS = {
    "không": "0",
    "một": "1",
    "mốt": "1",
    "hai": "2",
    "ba": "3",
    "bốn": "4",
    "tư": "4",
    "năm": "5",
    "lăm": "5",
    "sáu": "6",
    "bảy": "7",
    "bẩy": "7",
    "tám": "8",
    "chín": "9",
}
_COUNT_WORDS = {**{k: int(v) for k, v in _DIGIT_WORDS.items() if k != "không"}, "mười": 10}


def normalize(text: str) -> str:
    """Lower case, NFC, punctuation to spaces, single spaces."""
    text = unicodedata.normalize("NFC", text).lower()
    text = re.sub(r"[^\w\s]", " ", text)
    return re.sub(r"\s+", " ", text).strip()


def _find(cue: str, text: str) -> int:
    match = re.search(rf"(?<!\w){re.escape(cue)}(?!\w)", text)
    return match.start() if match else -1


def yes_or_no(text: str) -> bool | None:
    """True for yes, False for no, None when the answer says neither.

    The earliest cue wins; at the same position the longer no-phrase wins ("không có" over "có").
    """
    words = _LEADING_PARTICLES.sub("", normalize(text))
    best: tuple[int, int, bool | None] | None = None  # (position, -length, answer)
    for cues, answer in ((_UNSURE_CUES, None), (_NO_CUES, False), (_YES_CUES, True)):
        for cue in cues:
            position = _find(cue, words)
            if position < 0:
                continue
            candidate = (position, -len(cue), answer)
            if best is None or candidate[:2] < best[:2]:
                best = candidate
    if best is not None:
        return best[2]
    tokens = words.split()
    # Whisper writes a leading "Vâng, ..." it misheard as "Vân, ...": the comma marks the answer
    # word even when a longer sentence follows.
    answer_word = re.match(r"^\W*(\w+)\s*,", unicodedata.normalize("NFC", text).lower())
    if tokens and (len(tokens) <= 3 or answer_word):
        return _MISHEARD_FIRST_WORD.get(tokens[0])
    return None


def floor_number(text: str) -> int | None:
    """The floor in "tầng 3" / "tầng ba" / "lầu hai"; 0 for "tầng trệt"/"tầng một" stays 1."""
    words = normalize(text)
    if re.search(r"(?<!\w)(tầng trệt|trệt)(?!\w)", words):
        return 0
    match = re.search(r"(?:tầng|lầu|tang)\s+(\d{1,3}|\w+)", words)
    if not match:
        return None
    token = match.group(1)
    if token.isdigit():
        return int(token)
    return _COUNT_WORDS.get(token)


def count_of_people(text: str) -> int | None:
    """A small head count ("hai người", "3 người", "một đứa bé"), None when not said."""
    words = normalize(text)
    match = re.search(r"(\d{1,3}|\w+)\s+(?:người|đứa|cháu|em|bé|ông|bà|cụ)", words)
    if not match:
        return None
    token = match.group(1)
    if token.isdigit():
        return int(token)
    return _COUNT_WORDS.get(token)


def phone_number(text: str) -> str | None:
    """Digits of a phone number said as digits or digit words; needs 9 to 11 digits."""
    digits: list[str] = []
    best = ""
    for token in normalize(text).split():
        if token.isdigit():
            digits.append(token)
        elif token in _DIGIT_WORDS:
            digits.append(_DIGIT_WORDS[token])
        elif digits:
            best = max(best, "".join(digits), key=len)
            digits = []
    best = max(best, "".join(digits), key=len)
    return best if 9 <= len(best) <= 11 else None


def spoken_digits(number: str) -> str:
    """A phone number read back digit by digit in Vietnamese ("0 9 1" -> "không chín một")."""
    names = {
        value: word
        for word, value in _DIGIT_WORDS.items()
        if word in ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")
    }
    return " ".join(names[digit] for digit in number if digit in names)
