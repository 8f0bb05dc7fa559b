"""Find the pieces of an address in a transcript: keywords, numbers and gazetteer names, with spans.

Tolerant of missing or wrong marks, case, glued or split words and one-letter errors; it only
proposes pieces (each with its candidates from the tables), it never decides the address.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from typing import Literal

from classifiers.address_numbers import number_at, written_number
from classifiers.address_words import (
    PLAIN_SAFE_KEYWORDS,
    Role,
    Word,
    keyword_at,
    number_word,
    sound_key,
    spelling,
    within_one_edit,
    words_of,
)
from classifiers.gazetteer_tables import GazetteerTables, Item, Level, NameEntry, Place, Unit

_ROLE_LEVELS: dict[Role, tuple[Level, ...]] = {
    "province": ("province", "district"),  # "thành phố Thủ Đức" was a district-level city
    "district": ("district",),
    "ward": ("ward",),
    "street": ("street",),
    "alley": ("street",),  # "ngõ Văn Chương": a named alley is kept with the streets
    "house_number": ("street",),  # "số 5 Hàng Bè": the street follows the number
    "hamlet": (),
    "landmark": ("landmark",),
}
# Words after which a bare name is likely a place ("ở Phú Nhuận", "gần Hàng Xanh").
_PLACE_PREPOSITIONS = {"o", "tai", "gan", "qua", "den", "canh", "thuoc", "khu", "vuc"}
# Words that end an unverified name as heard ("phố tồm tấm cai" stops at "có")
_NAME_BREAKERS = frozenset(
    """
    dang bi co chay roi oi thi la va nha o con toi em tui anh chi nhanh cuu voi a khong da vang
    xe nguoi do day kia nay trong ngoai gi nhe ne ma hay cac mot duoc len xuong vao ra di den
    giup luc tu sang chieu dem hom qua chua van cung cho neu nen de bao so goi alo ong ba
    chau be minh ho chung nhung moi ai the nao sao lam that nua dau gan doan canh truoc sau
    tang phong toa tai thuoc khu
    """.split()
)
_UNVERIFIED_MAX_WORDS = 4


@dataclass(slots=True)
class Candidate:
    item: Item
    quality: float  # how closely the said words match its name, in (0, 1]


@dataclass(slots=True)
class Piece:
    """One piece of a possible address: words [first, last) of the transcript."""

    role: Role
    first: int  # index of its first word (its keyword, if any)
    last: int  # one past its last word
    value: str  # normalised text of the piece ("12", "Hẻm 102", a name)
    evidence: float  # how surely these words are a place at all, before matching
    candidates: list[Candidate] = field(default_factory=list)
    keyword: str | None = None  # the keyword as said, folded ("hem", "quan")

    @property
    def verified(self) -> bool:
        return bool(self.candidates)


def _syllable_quality(word: Word, marked: str, folded: str) -> float:
    if word.lower == marked:
        return 1.0
    if word.folded == folded:
        # no marks in the whole call: as good as right; else wrong marks (or another word)
        return 0.95 if not word.call_marked else 0.8
    if word.folded.replace("y", "i") == folded.replace("y", "i"):
        return 0.9  # "Sĩ" and "Sỹ", "Lí" and "Lý": one name, two spellings
    if sound_key(word.folded) == sound_key(folded):
        return 0.75
    if len(folded) >= 3 and within_one_edit(word.folded, folded):
        return 0.65
    return 0.0


def _entry_quality(words: list[Word], entry: NameEntry) -> float:
    """Similarity of the said words to one way of saying a name (same word count)."""
    if not entry.marked:
        return 0.9 if "".join(w.folded for w in words) == "".join(entry.folded) else 0.0
    scores = [
        _syllable_quality(w, m, f)
        for w, m, f in zip(words, entry.marked, entry.folded, strict=True)
    ]
    if min(scores) == 0.0:
        return 0.0
    near = sum(score < 0.8 for score in scores)
    if near > (1 if len(scores) <= 3 else 2) or (near and len(scores) == 1):
        return 0.0
    if max(scores) < 0.95 and near:
        return 0.0  # "ở một" is not "Ô Môn": a near name needs one syllable said right
    return sum(scores) / len(scores)


def match_name(
    tables: GazetteerTables,
    words: list[Word],
    start: int,
    levels: tuple[Level, ...] | None,
    *,
    near: Literal["any", "tail", "none"],
) -> tuple[int, list[Candidate]] | None:
    """The longest name at words[start] (of the given levels): its word count and candidates.

    Exact on folded letters whatever the word split ("levan sy"). With `near="any"` (after a
    keyword), also names with one syllable misheard (two in names of four or more) and the same
    word count; with "tail", only names of three words or more whose first two words are right.
    """
    limit = min(tables.max_syllables + 1, len(words) - start)
    keys: list[str] = []
    key = ""
    for word in words[start : start + limit]:
        key += word.folded
        keys.append(key)
        if word.pause_after:
            break  # a name does not run across a comma
    best: tuple[int, list[Candidate]] | None = None
    for length in range(len(keys), 0, -1):
        span = words[start : start + length]
        found: dict[str, Candidate] = {}
        for entry in tables.by_key.get(keys[length - 1], ()):
            if levels is not None and entry.item.level not in levels:
                continue
            if len(entry.folded) == length or not entry.marked:
                quality = _entry_quality(span, entry)
            else:
                quality = 0.85  # same letters, other word breaks: ASR glued or split words
            _keep(found, entry.item, quality)
        near_entries: list[NameEntry] = []
        if near == "any" and length >= 2:
            for position in (0, 1):
                near_entries += tables.by_syllable.get(
                    (length, position, span[position].folded), ()
                )
        elif near == "tail" and length >= 3:
            near_entries = tables.by_opening.get((length, span[0].folded, span[1].folded), [])
        if near_entries:
            said = tuple(w.folded for w in span)
            allowed = 1 if length <= 3 else 2
            for entry in near_entries:
                if levels is not None and entry.item.level not in levels:
                    continue
                if sum(a != b for a, b in zip(said, entry.folded, strict=True)) > allowed:
                    continue  # cheap test first: too many syllables differ in their letters
                _keep(found, entry.item, _entry_quality(span, entry))
        candidates = [c for c in found.values() if c.quality > 0]
        if candidates:
            score = length * max(c.quality for c in candidates)
            if best is None or score > best[0] * max(c.quality for c in best[1]) + 0.3:
                best = (length, candidates)
    return best


def _keep(found: dict[str, Candidate], item: Item, quality: float) -> None:
    if quality <= 0:
        return
    held = found.get(item.id)
    if held is None or held.quality < quality:
        found[item.id] = Candidate(item, quality)


def _unverified_words(words: list[Word], start: int, *, capital_only: bool = False) -> int:
    """How many words after a keyword read as a name nobody has verified (0 when none)."""
    count = 0
    while start + count < len(words) and count < _UNVERIFIED_MAX_WORDS:
        word = words[start + count]
        if capital_only and not word.capital:
            break
        if (word.folded in _NAME_BREAKERS and not word.capital) or keyword_at(
            words, start + count
        ) is not None:
            break
        count += 1
        if word.pause_after:
            break
    return count


def scan(tables: GazetteerTables, text: str) -> tuple[list[Word], list[Piece]]:
    """Every piece of address the transcript (NFC) holds, in order, not overlapping."""
    words = words_of(unicodedata.normalize("NFC", text))
    lowercase_call = not any(w.capital for w in words)
    pieces: list[Piece] = []
    i = 0
    while i < len(words):
        keyed = _keyword_piece(tables, words, i)
        bare = _bare_piece(tables, words, i, lowercase_call)
        if bare is not None and (
            keyed is None or not keyed[-1].verified or bare.last > keyed[-1].last
        ):
            pieces.append(bare)
            i = bare.last
        elif keyed is not None:
            pieces.extend(keyed)
            i = keyed[-1].last
        else:
            i += 1
    return words, pieces


# Keyword -> the unit type it names, to prefer "Xã Tân Phú" over "Phường Tân Phú" after "xã".
_KEYWORD_TYPES = {
    "phuong": "Phường",
    "p": "Phường",
    "f": "Phường",
    "xa": "Xã",
    "thi tran": "Thị trấn",
    "dac khu": "Đặc khu",
    "quan": "Quận",
    "q": "Quận",
    "huyen": "Huyện",
    "thi xa": "Thị xã",
    "tx": "Thị xã",
    "tinh": "Tỉnh",
    "thanh pho": "Thành phố",
    "tp": "Thành phố",
}
_OTHER_TYPE = 0.8  # "phường X" where the tables only have "xã X": kept, but less sure


def _typed(candidates: list[Candidate], keyword: str) -> list[Candidate]:
    wanted = _KEYWORD_TYPES.get(keyword)
    if wanted is None:
        return candidates
    if any(isinstance(c.item, Unit) and c.item.type == wanted for c in candidates):
        return [c for c in candidates if isinstance(c.item, Unit) and c.item.type == wanted]
    # "thành phố bên thành" is no "Huyện Yên Thành": another type only with the name said right
    return [Candidate(c.item, c.quality * _OTHER_TYPE) for c in candidates if c.quality >= 0.9]


def _keyword_piece(tables: GazetteerTables, words: list[Word], i: int) -> list[Piece] | None:
    found = keyword_at(words, i)
    if found is None:
        found = _house_number_first(words, i)
    if found is None:
        return None
    role, length, strength = found
    keyword = " ".join(w.folded for w in words[i : i + length])
    j = i + length
    plain = length > 0 and not any(w.marked for w in words[i:j])
    # a misheard name only after a keyword that is surely one
    near: Literal["any", "tail", "none"] = (
        "any" if strength >= 0.9 and (not plain or keyword in PLAIN_SAFE_KEYWORDS) else "none"
    )
    if words[j - 1].pause_after or j >= len(words):
        return None  # "tỉnh, ở ...": nothing is attached to this keyword
    folded = [number_word(w) for w in words]
    pieces: list[Piece] = []
    first = i
    if role in ("house_number", "alley", "ward", "district", "hamlet"):
        number = number_at(folded, j)
        if number is not None and plain and keyword not in PLAIN_SAFE_KEYWORDS:
            if written_number(words[j].folded) is None:
                number = None  # "quan bay gio": without marks, "quận bảy" only when written "7"
        if number is not None and role in ("ward", "district"):
            named = match_name(tables, words, j, _ROLE_LEVELS[role], near="none")
            if named is not None and named[0] > number[1]:
                number = None  # "quận Ba Đình", "quận Hai Bà Trưng": a name, not "quận 3"
        if number is not None and not any(w.pause_after for w in words[j : j + number[1] - 1]):
            value, count = number
            if role in ("ward", "district") and strength < 0.9:
                return None  # "quán bảy", "quần tám": a number after a doubtful keyword
            if role in ("ward", "district"):
                candidates = _typed(
                    [
                        Candidate(e.item, 1.0)
                        for e in tables.by_key.get(value, ())
                        if e.item.level == role
                    ],
                    keyword,
                )
                if not candidates:
                    return None
                label = _KEYWORD_TYPES.get(keyword, "Phường" if role == "ward" else "Quận")
                return [
                    Piece(role, i, j + count, f"{label} {value}", strength, candidates, keyword)
                ]
            label = "Số" if role == "house_number" else spelling(keyword).capitalize()
            pieces.append(Piece(role, i, j + count, f"{label} {value}", strength, [], keyword))
            j += count
            if role == "hamlet" or words[j - 1].pause_after or j >= len(words):
                return pieces
            if keyword_at(words, j) is not None:
                return pieces
            # "ngõ 8 Tôn Thất Tùng", "số 5 Hàng Bè": the street follows the number directly
            first, strength, role = j, 0.85 * strength, "street"
    levels = _ROLE_LEVELS[role]
    named = match_name(tables, words, j, levels, near=near) if levels else None
    if named is not None and not _typed(named[1], keyword):
        named = None
    if named is not None:
        count, candidates = named
        candidates = _typed(candidates, keyword)
        if count == 1 and not words[j].folded.isdigit() and role in ("ward", "district"):
            # "Phuong Trang" (a bus company): one-word names are the easiest to hit by chance
            candidates = [Candidate(c.item, c.quality * 0.85) for c in candidates]
        piece_role: Role = "street" if role in ("alley", "house_number") else role
        best = max(candidates, key=lambda c: c.quality).item
        if role == "province" and best.level == "district":
            piece_role = "district"
        value = _level_value(best)
        if isinstance(best, Place) and best.level == "street" and _short_name(best.name):
            value = f"{spelling(keyword).capitalize() if first == i else 'Đường'} {best.name}"
        pieces.append(Piece(piece_role, first, j + count, value, strength, candidates, keyword))
        return pieces
    if role == "street" and words[j].folded == "so" and j + 1 < len(words):
        numbered = number_at(folded, j + 1)  # "đường số 7": a numbered street, as heard
        if numbered is not None:
            end = j + 1 + numbered[1]
            said = " ".join(w.lower for w in words[first:end])
            return [Piece("street", first, end, said, strength, [], keyword)]
    if role in ("street", "hamlet", "alley"):
        count = _unverified_words(words, j, capital_only=length == 0)
        if count:
            said = " ".join(w.lower for w in words[first : j + count])
            pieces.append(
                Piece(
                    "street" if role == "alley" else role,
                    first,
                    j + count,
                    said,
                    strength,
                    [],
                    keyword,
                )
            )
    return pieces or None


def _house_number_first(words: list[Word], i: int) -> tuple[Role, int, float] | None:
    """ "27 hẻm 102", "45/12 Lê Văn Sỹ": a written house number with no "số" before it."""
    if written_number(words[i].folded) is None or words[i].pause_after or i + 1 >= len(words):
        return None
    if i > 0 and keyword_at(words, i - 1) is not None:
        return None
    after = keyword_at(words, i + 1)
    if after is not None and after[0] in ("alley", "street"):
        return "house_number", 0, 0.8
    if "/" in words[i].folded and words[i + 1].capital:
        return "house_number", 0, 0.8
    if words[i + 1].capital and words[i + 1].call_marked and not _all_capital(words):
        return "house_number", 0, 0.6  # "88 Lê Lợi, Thanh Hóa" in a cased transcript
    return None


def _all_capital(words: list[Word]) -> bool:
    return all(w.capital or not w.folded.isalpha() for w in words)


def _short_name(name: str) -> bool:
    """One word or a number ("Láng", "Huế", "3 Tháng 2"): shown with its "đường"/"phố"."""
    return len(name.split()) == 1 or name[:1].isdigit()


# Words before a name that say it is a place: prepositions and kinds of places.
_PLACE_PREFIXES: tuple[tuple[str, ...], ...] = tuple(
    sorted(
        (
            tuple(phrase.split())
            for phrase in (
                "o",
                "tai",
                "gan",
                "qua",
                "den",
                "canh",
                "thuoc",
                "khu vuc",
                "doi dien",
                "truoc",
                "chung cu",
                "khu tap the",
                "khu do thi",
                "toa nha",
                "truong",
                "truong tieu hoc",
                "truong trung hoc",
                "truong dai hoc",
                "dai hoc",
                "benh vien",
                "cong vien",
                "nga tu",
                "nga ba",
                "nga nam",
                "nga sau",
                "vong xoay",
                "bung binh",
                "cau",
                "cho",
                "ben xe",
                "san bay",
                "ga",
                "khu cong nghiep",
                "kcn",
                "sieu thi",
                "nha tho",
                "chua",
                "ky tuc xa",
                "cong truong",
            )
        ),
        key=lambda phrase: -len(phrase),
    )
)
# A place kind said before the name belongs to what was heard ("chung cư Mỹ Đình 2").
_KIND_PREFIXES = frozenset(
    p
    for p in _PLACE_PREFIXES
    if p[0] not in {"o", "tai", "gan", "qua", "den", "canh", "thuoc", "khu", "doi", "truoc"}
)
# Said bare, a name is first the province or district of that name, not a commune elsewhere.
SALIENCE: dict[Level, int] = {
    "province": 5,
    "district": 4,
    "landmark": 3,
    "street": 2,
    "ward": 1,
}


def _bare_piece(
    tables: GazetteerTables, words: list[Word], i: int, lowercase_call: bool
) -> Piece | None:
    """A name said without a keyword: names of two words or more, exact letters only."""
    named = match_name(tables, words, i, None, near="tail")
    if named is None or named[0] < 2:
        return None
    count, candidates = named
    span = words[i : i + count]
    landmark = any(c.item.level == "landmark" for c in candidates)
    if landmark:
        # its kind word is said ("chợ Bến Thành"): as good as a keyword
        candidates = [c for c in candidates if c.item.level == "landmark"]
        evidence = 0.8 if lowercase_call or any(w.capital for w in span) else 0.45
    elif all(w.capital or w.folded.isdigit() for w in span):
        evidence = 0.6
    elif lowercase_call:
        evidence = 0.35
    else:
        return None  # lowercase words in a cased transcript: ordinary words ("thành công")
    if all(c.item.level == "ward" for c in candidates):
        evidence -= 0.15  # a commune is named with its "phường"/"xã"; bare, it is often a phrase
    first = i
    for prefix in _PLACE_PREFIXES:
        n = len(prefix)
        if i >= n and tuple(w.folded for w in words[i - n : i]) == prefix:
            evidence = min(0.9, evidence + 0.2)
            if prefix in _KIND_PREFIXES and not landmark:
                first = i - n
                evidence = max(evidence, 0.8)  # "chung cư Mỹ Đình 2": a kind of place, named
            break
    best = max(candidates, key=lambda c: (c.quality, SALIENCE[c.item.level]))
    role: Role = best.item.level
    return Piece(role, first, i + count, _level_value(best.item), evidence, candidates, None)


def _level_value(item: Item) -> str:
    if isinstance(item, Place) and item.level == "landmark":
        return item.full_name[:1].upper() + item.full_name[1:]
    return item.full_name if isinstance(item, Unit) else item.name
