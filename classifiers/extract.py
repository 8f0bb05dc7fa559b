"""Pull a dispatcher's facts out of a Vietnamese transcript: place, people at risk, weapon, phone.

Rules only, copying spans from the transcript; never invents a value the caller did not say.
"""

from __future__ import annotations

import re
import unicodedata

from classifiers.gazetteer import Gazetteer
from classifiers.messages import ExtractedFields
from classifiers.red_flags import find_red_flags
from classifiers.text_norm import fold, lower_same_length

_TOKEN = re.compile(r"\w+(?:/\w+)*|[^\w\s]+")

# Words that open an address; checked on the folded text (no marks, lowercase).
_STREET_KEYS = {
    "so",
    "ngo",
    "ngach",
    "hem",
    "kiet",
    "duong",
    "pho",
    "phuong",
    "quan",
    "huyen",
    "xa",
    "thon",
    "ap",
    "xom",
    "km",
    "tinh",
    "toa",
    "lo",
}
# Multi-word openers that are unambiguous without marks or capitals.
_STRONG_OPENERS = tuple(
    sorted(
        (
            "nga tu",
            "nga ba",
            "nga nam",
            "nga sau",
            "vong xoay",
            "chan cau",
            "dau cau",
            "chung cu",
            "quoc lo",
            "tinh lo",
            "cao toc",
            "dai lo",
            "bo song",
            "bai bien",
            "bai tam",
            "ben xe",
            "cong vien",
            "benh vien",
            "sieu thi",
            "nha tho",
            "cay xang",
            "khu cong nghiep",
            "thanh pho",
            "thi tran",
            "khu pho",
            "to dan pho",
        ),
        key=lambda opener: -len(opener.split()),
    )
)
# A preposition of place that turns a common noun into a landmark ("gần chợ ...").
_LANDMARK_PREPOSITIONS = ("gan", "doi dien", "canh", "sat", "truoc cong", "ngay")
# Nouns that are landmarks only when a name follows ("chợ Bến Thành", not "cho tôi").
_GENERIC_PLACES = {
    "cho",
    "cau",
    "ho",
    "song",
    "kenh",
    "deo",
    "cong",
    "truong",
    "khu",
    "ben",
    "bai",
    "ban",
    "cang",
    "toa",
    "nha",
}
_NAME_BREAKERS = frozenset(
    """
    dang bi co chay roi oi thi la va nha o con toi em tui anh chi nhanh cuu voi a khong da
    vang xe nguoi do day kia nay trong ngoai gi nhe ne ma hay cac mot hai duoc len xuong vao
    ra di den giup luc tu sang chieu dem hom qua chua van cung cho neu vi nen de bao so sdt
    goi alo ong ba chau be minh ho chung nhung moi ai the nao sao lam that nua dau duong gap
    ngay lien gio tre dua vo chong bo me thang vu tai nan chet lua khoi nuoc mau dao sung
    xin cam on thua dien kho tho ngap tac tron hong lon nho hep truot sut lo ket
    """.split()
)
_CONNECTORS = frozenset(
    """
    doan qua gan doi dien hoc vien canh so ngo ngach hem kiet duong pho phuong quan huyen xa
    thon ap xom thanh tinh km toa chung cu cau cho ben nga tu ba sau tang lo thi tran khu to
    dan
    """.split()
)
_MAX_NAME_WORDS = 4
_TWO_WORD_KEYS = {("thanh", "pho"), ("thi", "tran"), ("thi", "xa"), ("khu", "pho")}
_MARKED_KEYS = {
    "đường",
    "phố",
    "phường",
    "quận",
    "huyện",
    "thôn",
    "ấp",
    "xóm",
    "ngõ",
    "hẻm",
    "kiệt",
    "ngách",
    "xã",
}

_NUMBER_WORDS = {
    "mot": 1,
    "hai": 2,
    "ba": 3,
    "bon": 4,
    "tu": 4,
    "nam": 5,
    "sau": 6,
    "bay": 7,
    "tam": 8,
    "chin": 9,
    "muoi": 10,
}
_PEOPLE_NOUNS = (
    r"nguoi(?! (?:ta|nha|yeu|lon|la|than)\b)",
    r"dua(?: nho| tre| be)?",
    r"chau(?: be)?",
    r"em be",
    r"cong nhan",
    r"hoc sinh",
    r"nan nhan",
    r"ong cu",
    r"ba cu",
    r"cu gia",
    r"be",
    r"nguoi gia",
    r"tre em",
    r"nguoi lon",
)
_COUNT = re.compile(
    r"(?<!\w)(?:(ca nha|ca gia dinh) )?"
    r"(\d{1,3}|muoi (?:mot|hai|ba|bon|lam|nam|sau|bay|tam|chin)|(?:hai|ba|bon|nam|sau|bay|tam|chin)"
    r" muoi(?: (?:mot|hai|ba|bon|lam|nam|sau|bay|tam|chin))?|mot|hai|ba|bon|nam|sau|bay|tam|chin"
    r"|muoi) (?:" + "|".join(_PEOPLE_NOUNS) + r")(?!\w)"
)
_HOUSEHOLD = re.compile(r"(?<!\w)(hai) vo chong(?!\w)")

_DIGIT_WORDS = {
    "khong": "0",
    "hong": "0",
    "mot": "1",
    "hai": "2",
    "ba": "3",
    "bon": "4",
    "tu": "4",
    "nam": "5",
    "lam": "5",
    "sau": "6",
    "bay": "7",
    "tam": "8",
    "chin": "9",
}
# With marks, the digit words are unambiguous; without, "sau" is also "after" and so on,
# which only matters inside a long run of digit words.
_DIGIT_WORDS_MARKED = {
    "không": "0",
    "hông": "0",  # Southern callers often drop the kh
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
_DIGITS_WRITTEN = re.compile(r"(?<![\d\w])(?:\+84|84|0)(?:[\s.\-]?\d){8,10}(?!\d)")


def _tokens(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]


def _is_capitalized(word: str) -> bool:
    return word[:1].isupper()


def _is_number(word: str) -> bool:
    return bool(re.fullmatch(r"\d+[a-zA-Z]?(?:/\d+[a-zA-Z]?)*|[A-Za-z]{1,3}\d+[A-Za-z]?", word))


def find_location(text: str) -> str | None:
    """The first address or landmark as spoken, copied verbatim from `text` (NFC)."""
    text = unicodedata.normalize("NFC", text)
    tokens = _tokens(text)
    folded = [fold(tok) for _, _, tok in tokens]
    lowercase_call = not any(c.isupper() for c in text)
    for i in range(len(tokens)):
        span = _location_at(tokens, folded, i, lowercase_call)
        if span is not None:
            start, end = span
            return text[start:end]
    return None


def _opener_length(
    tokens: list[tuple[int, int, str]], folded: list[str], i: int, lowercase_call: bool
) -> int:
    """How many tokens at i open an address (0 when none)."""
    word = folded[i]
    nxt = folded[i + 1] if i + 1 < len(folded) else ""
    nxt_raw = tokens[i + 1][2] if i + 1 < len(tokens) else ""
    for prep in _LANDMARK_PREPOSITIONS:
        parts = prep.split()
        if folded[i : i + len(parts)] == parts:
            rest = i + len(parts)
            if rest < len(folded):
                inner = _opener_length(tokens, folded, rest, lowercase_call)
                if inner:
                    return len(parts) + inner
                if (
                    folded[rest] in _GENERIC_PLACES
                    and rest + 1 < len(folded)
                    and folded[rest + 1] not in _NAME_BREAKERS
                ):
                    return len(parts) + 1
    for opener in _STRONG_OPENERS:
        parts = opener.split()
        if folded[i : i + len(parts)] == parts:
            return len(parts)
    if word in _STREET_KEYS and nxt:
        if i > 0 and folded[i - 1] in {"hang", "ca"} and word == "xom":
            return 0  # "hàng xóm" (neighbour), "cả xóm" (the whole hamlet)
        if word == "so" and (
            not _is_number(nxt_raw) or nxt_raw.startswith("0") or len(nxt_raw.split("/")[0]) > 3
        ):
            return 0
        if word in {"km", "lo"} and not _is_number(nxt_raw):
            return 0
        if word == "lo" and (i == 0 or folded[i - 1] not in {"quoc", "tinh"}):
            return 0
        if _is_number(nxt_raw) or _is_capitalized(nxt_raw):
            return 1
        # all-lowercase speech: a name only after a marked key ("đường láng"), since
        # unmarked "quan", "pho", "ap" are also "quán", "phở", "áp"
        if (
            lowercase_call
            and tokens[i][2].lower() in _MARKED_KEYS
            and nxt not in _NAME_BREAKERS
            and nxt not in _STREET_KEYS
        ):
            return 1
        return 0
    if word in _GENERIC_PLACES and _is_capitalized(nxt_raw):
        return 1
    if re.fullmatch(r"\d{1,4}/\d{1,4}[a-zA-Z]?", tokens[i][2]) and _is_capitalized(nxt_raw):
        return 0  # the number itself is consumed by the extension below
    return 0


def _continues_clause(tokens: list[tuple[int, int, str]], j: int) -> bool:
    """A capitalised word follows within two tokens, in the same clause ("Đại học Bách Khoa")."""
    for k in range(j + 1, min(len(tokens), j + 3)):
        raw = tokens[k][2]
        if not re.fullmatch(r"\w+(?:/\w+)*", raw):
            return False
        if _is_capitalized(raw) or _is_number(raw):
            return True
    return False


def _location_at(
    tokens: list[tuple[int, int, str]], folded: list[str], i: int, lowercase_call: bool
) -> tuple[int, int] | None:
    raw = tokens[i][2]
    if (
        re.fullmatch(r"\d{1,4}/\d{1,4}[a-zA-Z]?", raw)
        and i + 1 < len(tokens)
        and _is_capitalized(tokens[i + 1][2])
    ):
        opener = 1
        last = i
    else:
        opener = _opener_length(tokens, folded, i, lowercase_call)
        last = i + opener - 1
    if not opener:
        return None
    j = i + opener
    name_words = 0
    while j < len(tokens):
        raw, word = tokens[j][2], folded[j]
        nxt_raw = tokens[j + 1][2] if j + 1 < len(tokens) else ""
        nxt = folded[j + 1] if j + 1 < len(tokens) else ""
        if raw == ",":
            # ", quận Đống Đa" continues the address; ", con tôi ..." ends it
            after = tokens[j + 2][2] if j + 2 < len(tokens) else ""
            if j + 2 < len(tokens) and (nxt, folded[j + 2]) in _TWO_WORD_KEYS:
                j += 1
                continue
            if nxt in _STREET_KEYS - {"so"} and (
                _is_number(after)
                or _is_capitalized(after)
                or (lowercase_call and after and fold(after) not in _NAME_BREAKERS)
            ):
                j += 1
                continue
            break
        if not re.fullmatch(r"\w+(?:/\w+)*", raw):
            break
        if _is_number(raw):
            last, j, name_words = j, j + 1, 0
            continue
        if _is_capitalized(raw) and not lowercase_call:
            last, j = j, j + 1
            continue
        if word in _CONNECTORS and (
            _is_number(nxt_raw) or _is_capitalized(nxt_raw) or nxt in _CONNECTORS
        ):
            j += 1
            continue
        if word in _NAME_BREAKERS or name_words >= _MAX_NAME_WORDS:
            break
        if lowercase_call or _continues_clause(tokens, j):
            last, j, name_words = j, j + 1, name_words + 1
            continue
        break
    if last < i + opener:  # an opener with no number or name after it is not an address
        return None
    return tokens[i][0], tokens[last][1]


def _number_value(words: str) -> int | None:
    if words.isdigit():
        return int(words)
    parts = words.split()
    if len(parts) == 1:
        return _NUMBER_WORDS.get(parts[0])
    if parts[0] == "muoi":
        unit = 5 if parts[1] == "lam" else _NUMBER_WORDS.get(parts[1], 0)
        return 10 + unit
    tens = _NUMBER_WORDS.get(parts[0], 0) * 10
    unit = 0
    if len(parts) == 3:
        unit = 5 if parts[2] == "lam" else _NUMBER_WORDS.get(parts[2], 0)
        if parts[2] == "mot":
            unit = 1
    return tens + unit


_NUMBER_WORDS_MARKED = {
    "một",
    "hai",
    "ba",
    "bốn",
    "tư",
    "năm",
    "lăm",
    "sáu",
    "bảy",
    "bẩy",
    "tám",
    "chín",
    "mười",
    "mươi",
    "mốt",
}


def _plain_or_number_marks(said: str) -> bool:
    """Every word is a number word as written, either with its own marks or with none."""
    return all(
        w.isdigit() or w.lower() in _NUMBER_WORDS_MARKED or fold(w) == w.lower()
        for w in said.split()
    )


def find_people_at_risk(text: str) -> int | None:
    """The largest stated count of people ("hai người", "ba đứa nhỏ", "cả nhà năm người")."""
    text = unicodedata.normalize("NFC", text)
    folded = fold(text)
    counts = []
    for match in _COUNT.finditer(folded):
        said = text[match.start(2) : match.end(2)]
        sentence_start = re.search(r"(?:^|[.!?]\s*)$", text[: match.start(2)]) is not None
        if (said[:1].isupper() and not sentence_start) or not _plain_or_number_marks(said):
            continue  # "Hải Châu" folds to "hai chau"; "hái quả" to "hai qua"
        value = _number_value(match.group(2))
        if value is not None and 0 < value <= 500:
            counts.append(value)
    if _HOUSEHOLD.search(folded):
        counts.append(2)
    return max(counts) if counts else None


def find_weapon(text: str) -> bool | None:
    """True when a weapon is said to be present; None when not mentioned or denied."""
    armed = {"weapon", "weapon_blunt"}
    return True if any(flag.name in armed for flag in find_red_flags(text)) else None


def _phone_from_digits(digits: str) -> str | None:
    """A Vietnamese number in a run of digits: 10 digits from 0 (mobile), 11 from 02 (landline)."""
    if digits.startswith("84") and len(digits) in (11, 12):
        digits = "0" + digits[2:]
    for i in range(len(digits)):
        if digits[i] != "0" or i + 1 >= len(digits) or digits[i + 1] == "0":
            continue
        if digits[i + 1] == "2" and len(digits) - i >= 11:
            return digits[i : i + 11]
        if len(digits) - i >= 10:
            return digits[i : i + 10]
    return None


def find_callback_number(text: str) -> str | None:
    """Phone digits the caller said, written ("0912 345 678") or spoken ("không chín một ...")."""
    text = unicodedata.normalize("NFC", text)
    for match in _DIGITS_WRITTEN.finditer(text):
        digits = re.sub(r"\D", "", match.group())
        phone = _phone_from_digits(digits)
        if phone is not None:
            return phone
    lowered = lower_same_length(text)
    run: list[str] = []
    for raw in re.findall(r"\w+|[^\w\s]", lowered):
        unmarked = fold(raw) == raw
        digit = _DIGIT_WORDS_MARKED.get(raw) or (_DIGIT_WORDS.get(raw) if unmarked else None)
        if raw.isdigit() and len(raw) <= 4:
            run.append(raw)
            continue
        if digit is not None:
            run.append(digit)
            continue
        if raw in {",", ".", "-"} and run:
            continue  # callers pause between digit groups
        phone = _phone_from_digits("".join(run))
        if phone is not None:
            return phone
        run = []
    return _phone_from_digits("".join(run))


def extract_fields(text: str, gazetteer: Gazetteer | None = None) -> ExtractedFields:
    """All fields; each None when the transcript does not say it. With a gazetteer, the place
    is also matched to real administrative units, streets and landmarks."""
    if not text or not text.strip():
        return ExtractedFields()
    address = gazetteer.match(text) if gazetteer is not None else None
    location = find_location(text) or (address.heard if address is not None else None)
    return ExtractedFields(
        location=location,
        people_at_risk=find_people_at_risk(text),
        weapon=find_weapon(text),
        callback_number=find_callback_number(text),
        address=address,
    )
