"""Find the pieces of an address in a transcript: keywords, numbers and gazetteer names, with spans.

Tolerant of missing or wrong marks, case, glued or split words and one-letter errors; it only
proposes pieces (each with its candidates from the tables), it never decides the address.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal

from classifiers.address_numbers import number_at, written_number
from classifiers.gazetteer_tables import GazetteerTables, Item, Level, NameEntry, Place, Unit
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


def _spelling(folded_keyword: str) -> str:
    for folded, _, marked in _KEYWORDS:
        if " ".join(folded) == folded_keyword and marked is not None:
            return marked
    return folded_keyword


_KEYWORDS_BY_FIRST: dict[str, list[tuple[tuple[str, ...], Role, str | None]]] = defaultdict(list)
for _keyword in _KEYWORDS:
    _KEYWORDS_BY_FIRST[_keyword[0][0]].append(_keyword)
# Keywords whose plain letters are rarely another word: after them a misheard name is looked for
# even in a transcript without marks ("tinh" is also "tính", "quan" also "quán", "so" also "sợ").
_PLAIN_SAFE = {
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
        "any" if strength >= 0.9 and (not plain or keyword in _PLAIN_SAFE) else "none"
    )
    if words[j - 1].pause_after or j >= len(words):
        return None  # "tỉnh, ở ...": nothing is attached to this keyword
    folded = [_number_word(w) for w in words]
    pieces: list[Piece] = []
    first = i
    if role in ("house_number", "alley", "ward", "district", "hamlet"):
        number = number_at(folded, j)
        if number is not None and plain and keyword not in _PLAIN_SAFE:
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
            label = "Số" if role == "house_number" else _spelling(keyword).capitalize()
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
            value = f"{_spelling(keyword).capitalize() if first == i else 'Đường'} {best.name}"
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


# Number words as written with marks: in a marked transcript "bà" is not "ba", "tử" not "tư".
_MARKED_NUMBER_WORDS = frozenset(
    "không hông một mốt hai ba bốn tư năm lăm nhăm sáu bảy bẩy tám chín mười mươi chục trăm "
    "nghìn ngàn lẻ linh hăm xẹt xuyệt trên".split()
)


def _number_word(word: Word) -> str:
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
    role: Role = best.item.level  # type: ignore[assignment]
    return Piece(role, first, i + count, _level_value(best.item), evidence, candidates, None)


def _level_value(item: Item) -> str:
    if isinstance(item, Place) and item.level == "landmark":
        return item.full_name[:1].upper() + item.full_name[1:]
    return item.full_name if isinstance(item, Unit) else item.name
