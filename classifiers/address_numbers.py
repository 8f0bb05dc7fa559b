"""House, alley and unit numbers as callers say them: "27", "45/12", "mười hai", "một trăm lẻ hai".

Pure functions over folded words (no marks, lowercase); never guesses a digit that was not said.
"""

from __future__ import annotations

import re

_DIGITS = {
    "khong": 0,
    "hong": 0,
    "mot": 1,
    "hai": 2,
    "ba": 3,
    "bon": 4,
    "tu": 4,
    "nam": 5,
    "lam": 5,
    "nham": 5,
    "sau": 6,
    "bay": 7,
    "tam": 8,
    "chin": 9,
}
_TENS = {"muoi", "chuc"}  # "mười" (10) and "mươi" (x10) fold alike
_HUNDRED = "tram"
_THOUSAND = {"nghin", "ngan"}
_ZERO_TENS = {"le", "linh"}
_MULTIPLIERS = _TENS | _THOUSAND | {_HUNDRED}
_SLASH_WORDS = {"xet", "xuyet", "tren"}

_WRITTEN = re.compile(r"\d{1,5}[a-z]?(?:/\d{1,5}[a-z]?)*")


def written_number(word: str) -> str | None:
    """A number as written: "27", "45/12", "1a" (returned uppercase: "1A")."""
    return word.upper() if _WRITTEN.fullmatch(word) else None


def _digit(words: list[str], i: int) -> int | None:
    return _DIGITS.get(words[i]) if i < len(words) else None


def _word(words: list[str], i: int) -> str:
    return words[i] if i < len(words) else ""


def _below_hundred(words: list[str], i: int) -> tuple[int, int, bool] | None:
    """(value, next index, said as one bare digit)."""
    if _word(words, i) == "muoi":
        unit = _digit(words, i + 1)
        return (10 + unit, i + 2, False) if unit is not None else (10, i + 1, False)
    if _word(words, i) == "ham":  # "hăm ba" = 23 in Southern speech
        unit = _digit(words, i + 1)
        return (20 + unit, i + 2, False) if unit is not None else (20, i + 1, False)
    tens = _digit(words, i)
    if tens is None:
        return None
    if _word(words, i + 1) in _TENS:
        unit = _digit(words, i + 2)
        if unit is not None:
            return tens * 10 + unit, i + 3, False
        return tens * 10, i + 2, False
    return tens, i + 1, True


def _below_thousand(words: list[str], i: int) -> tuple[int, int] | None:
    hundreds = _digit(words, i)
    if hundreds is None or _word(words, i + 1) != _HUNDRED:
        below = _below_hundred(words, i)
        return None if below is None else (below[0], below[1])
    i += 2
    unit = _digit(words, i + 1)
    if _word(words, i) in _ZERO_TENS and unit is not None:
        return hundreds * 100 + unit, i + 2  # "một trăm lẻ hai" = 102
    rest = _below_hundred(words, i)
    if rest is None:
        return hundreds * 100, i
    value, after, bare_digit = rest
    # "một trăm hai" is 120, as "hai nghìn rưỡi" style shortening goes
    return hundreds * 100 + (value * 10 if bare_digit else value), after


def spoken_number(words: list[str], start: int) -> tuple[int, int] | None:
    """The value and word count of a number spoken at words[start] (folded words), up to 9999."""
    run = start
    while _digit(words, run) is not None:
        run += 1
    if run - start >= 2 and _word(words, run) not in _MULTIPLIERS:
        # digit by digit ("một không hai" = 102, "hai bảy" = 27)
        return int("".join(str(_DIGITS[w]) for w in words[start:run])), run - start
    first = _below_thousand(words, start)
    if first is None:
        return None
    value, i = first
    if _word(words, i) in _THOUSAND:
        value *= 1000
        i += 1
        rest = _below_thousand(words, i)
        if rest is not None:
            value, i = value + rest[0], rest[1]
    return value, i - start


def number_at(words: list[str], start: int) -> tuple[str, int] | None:
    """A house/alley number at words[start], written or spoken, with "/" for "xẹt"/"trên"."""
    parts: list[str] = []
    i = start
    while i < len(words):
        written = written_number(words[i])
        if written is not None:
            parts.append(written)
            i += 1
        else:
            spoken = spoken_number(words, i)
            if spoken is None:
                break
            parts.append(str(spoken[0]))
            i += spoken[1]
        if (
            i + 1 < len(words)
            and words[i] in _SLASH_WORDS
            and (
                written_number(words[i + 1]) is not None or spoken_number(words, i + 1) is not None
            )
        ):
            i += 1
            continue
        break
    if not parts:
        return None
    return "/".join(parts), i - start
