"""Match a spoken Vietnamese address to the offline gazetteer: wards, districts, provinces of both
eras (before and after 1 July 2025), streets and landmarks.

Returns only places the tables hold, with the words as heard; numbers are copied, never made up;
below its confidence threshold it returns None, so a fragment that matches nothing is no address.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache, reduce
from pathlib import Path

from classifiers.address_scan import SALIENCE, Candidate, Piece, scan
from classifiers.address_words import Role, Word
from classifiers.gazetteer_tables import DATA_DIR, Area, GazetteerTables, Item, Level, Place, Unit
from classifiers.text_norm import fold

THRESHOLD = 0.5
_LEVEL_WEIGHT: dict[Level, float] = {
    "ward": 0.85,
    "district": 0.85,
    "province": 0.75,
    "street": 0.8,
    "landmark": 0.85,
}
_MAX_GAP_WORDS = 3  # "Quốc lộ 1A, đoạn qua cầu Bình Điền": pieces a few words apart
_UNRESOLVED_CITY = 0.7  # the pieces exist, but in several provinces and nothing says which
_CONFLICT = 0.85  # a piece that fits no other piece of the address
_NUMBER_BONUS = 0.05
_CONTINUED = 0.6
_LONE_WARD = 0.8  # "xã Mỹ Xuyên" alone: one of several places callers may mean


@dataclass(frozen=True, slots=True)
class AddressPart:
    """One piece of the address: the words as heard and what they were matched to."""

    role: Role
    heard: str  # exact substring of the transcript
    start: int
    end: int
    value: str  # normalised: "Số 27", "Hẻm 102", "Lê Văn Sỹ", "Phường 12"
    unit_ids: tuple[str, ...]  # gazetteer ids it may be, best first; empty when not verified
    verified: bool  # found in the gazetteer (numbers and hamlets never are)


@dataclass(frozen=True, slots=True)
class AddressMatch:
    """The address as heard and its best normalised reading, with unit ids and a confidence."""

    heard: str  # exact substring of the transcript
    start: int
    end: int
    confidence: float  # in [0, 1]; None is returned instead below the threshold
    parts: tuple[AddressPart, ...]
    house_number: str | None
    alleys: tuple[str, ...]  # "Ngõ 12", "Ngách 3", "Hẻm 102", "Kiệt 45", in the order said
    street: Place | None  # None when not in the tables or in several cities
    street_heard: str | None  # a street name that is not in the tables, as heard
    landmark: Place | None
    ward: Unit | None  # as the caller named it (either era)
    district: Unit | None  # pre-2025 district (abolished 1 July 2025)
    province: Unit | None  # the province of what was said (either era)
    current_wards: tuple[Unit, ...]  # the 2025 ward(s) the address is in, when known
    current_province: Unit | None  # the 2025 province

    @property
    def unit_ids(self) -> tuple[str, ...]:
        ids = [
            item.id
            for item in (
                self.street,
                self.landmark,
                self.ward,
                self.district,
                self.province,
                *self.current_wards,
                self.current_province,
            )
            if item is not None
        ]
        return tuple(dict.fromkeys(ids))

    @property
    def normalised(self) -> str:
        """The address in the units the caller used: "Số 27, Hẻm 102, Lê Văn Sỹ, Quận 3, ..."."""
        return ", ".join(self._pieces(current=False))

    @property
    def normalised_2025(self) -> str:
        """The same address in the units in force since 1 July 2025 (no districts)."""
        return ", ".join(self._pieces(current=True))

    def _pieces(self, *, current: bool) -> list[str]:
        out = [self.house_number] if self.house_number else []
        out.extend(self.alleys)
        verified = {p.role: p.value for p in self.parts if p.verified}
        out.extend(p.value for p in self.parts if p.verified and p.role == "street")
        if "landmark" in verified:
            landmark = self.landmark.full_name if self.landmark else verified["landmark"]
            out.append(landmark[:1].upper() + landmark[1:])
        if current:
            if len(self.current_wards) == 1:
                out.append(self.current_wards[0].full_name)
            elif self.current_wards:
                out.append(" / ".join(w.full_name for w in self.current_wards))
            if self.current_province is not None:
                out.append(self.current_province.full_name)
            return out
        pairs: tuple[tuple[Role, Unit | None], ...] = (
            ("ward", self.ward),
            ("district", self.district),
        )
        for role, unit in pairs:
            if unit is not None:
                out.append(unit.full_name)
            elif role in verified:
                out.append(verified[role])
        if self.province is not None:
            out.append(self.province.full_name)
        elif self.current_province is not None:
            out.append(self.current_province.full_name)
        return out

    def to_json(self) -> dict[str, object]:
        """The payload shape for the API and console (names, ids, both eras)."""

        def unit(item: Item | None) -> dict[str, str] | None:
            if item is None:
                return None
            era = item.era if isinstance(item, Unit) else "2025"
            return {"id": item.id, "name": item.full_name, "era": era}

        return {
            "heard": self.heard,
            "start": self.start,
            "end": self.end,
            "confidence": round(self.confidence, 3),
            "normalised": self.normalised,
            "normalised_2025": self.normalised_2025,
            "house_number": self.house_number,
            "alleys": list(self.alleys),
            "street": unit(self.street),
            "street_heard": self.street_heard,
            "landmark": unit(self.landmark),
            "ward": unit(self.ward),
            "district": unit(self.district),
            "province": unit(self.province),
            "current_wards": [unit(w) for w in self.current_wards],
            "current_province": unit(self.current_province),
            "parts": [
                {
                    "role": p.role,
                    "heard": p.heard,
                    "value": p.value,
                    "ids": list(p.unit_ids),
                    "verified": p.verified,
                }
                for p in self.parts
            ],
        }


@dataclass(slots=True)
class _Resolved:
    pieces: list[Piece]  # the chain's pieces, in order; those that fit nothing made unverified
    confidence: float
    area: Area  # where the chosen reading lies
    chosen: dict[int, Item | None]  # id(piece) -> its place, None when the call leaves it open


@dataclass(frozen=True, slots=True)
class _Reading:
    """One way to read a chain: a candidate for each piece (or none), all in one area."""

    score: float
    area: Area
    choice: tuple[tuple[int, Candidate], ...]  # (id(piece), candidate)
    skipped: int


_BEAM = 12
_RANK_WEIGHT = 0.8  # readings are ranked on how surely each piece was said, not on its level
_TIE = 0.02  # readings this close to the best are as good: the call does not decide between them


class Gazetteer:
    """The tables and the matcher; load once per process and pass it to whoever extracts fields."""

    def __init__(self, tables: GazetteerTables) -> None:
        self.tables = tables

    @classmethod
    def load(cls, data_dir: Path = DATA_DIR) -> Gazetteer:
        return cls(GazetteerTables.load(data_dir))

    def province_id(self, name_or_id: str) -> str | None:
        """The 2025 province for a hint such as "Đà Nẵng", "vn34-p48" or an old province id."""
        item = self.tables.items.get(name_or_id)
        if item is not None:
            return self.tables.new_province(item)
        for entry in self.tables.by_key.get(fold(name_or_id).replace(" ", ""), ()):
            if entry.item.level == "province":
                return self.tables.new_province(entry.item)
        return None

    def match(
        self, text: str, *, province_hint: str | None = None, threshold: float = THRESHOLD
    ) -> AddressMatch | None:
        """The best address in `text`, or None when nothing reaches `threshold`.

        `province_hint` (the province the call centre serves) only breaks ties between places of
        the same name in several provinces; it never adds a place that was not said.
        """
        text = unicodedata.normalize("NFC", text)
        words, pieces = scan(self.tables, text)
        hint = self.province_id(province_hint) if province_hint else None
        best: _Resolved | None = None
        for chain in _chains(words, pieces):
            resolved = self._resolve(chain, hint)
            if resolved is not None and (best is None or resolved.confidence > best.confidence):
                best = resolved
        if best is None or best.confidence < threshold:
            return None
        return self._build(text, words, best)

    def _resolve(self, chain: list[Piece], hint: str | None) -> _Resolved | None:
        """The best reading of a chain: one candidate per piece, all fitting one area."""
        verified = [p for p in chain if p.verified]
        if not verified:
            return None
        if any(p.keyword is not None for p in chain):
            # ", Mèo Vạc" after "Bản Pả Vi": a bare name that goes on an address already begun
            for piece in verified:
                if piece.keyword is None:
                    piece.evidence = max(piece.evidence, _CONTINUED)
        # units first: the street and landmark tables are partial, the unit tables are not, so
        # "9 Lê Thánh Tôn, Nha Trang" is Nha Trang with a street as heard, not TP.HCM's street
        order = sorted(
            verified,
            key=lambda p: (
                all(isinstance(c.item, Place) for c in p.candidates),
                -p.evidence * max(c.quality for c in p.candidates),
                len(p.candidates),
            ),
        )
        readings = [_Reading(0.0, Area(), (), 0)]
        for piece in order:
            places_only = all(isinstance(c.item, Place) for c in piece.candidates)
            best_gain = max(_gain(piece, c, hint, self.tables) for c in piece.candidates)
            grown: list[_Reading] = []
            for reading in readings:
                for candidate in piece.candidates:
                    met = reading.area.meet(self.tables.area(candidate.item))
                    if met is None:
                        continue
                    gain = _gain(piece, candidate, hint, self.tables)
                    grown.append(
                        _Reading(
                            reading.score + gain,
                            met,
                            (*reading.choice, (id(piece), candidate)),
                            reading.skipped,
                        )
                    )
                if places_only:
                    # a street of that name in another city: the words stay, as heard
                    grown.append(reading)
                else:
                    # a unit said but left out costs what it would have added
                    grown.append(
                        _Reading(
                            reading.score - best_gain,
                            reading.area,
                            reading.choice,
                            reading.skipped + 1,
                        )
                    )
            grown.sort(key=lambda r: (-r.score, r.skipped))
            readings = grown[:_BEAM]
        best = readings[0]
        ties = [r for r in readings if r.score >= best.score - _TIE and r.skipped == best.skipped]
        chosen_by_piece: dict[int, set[str]] = {}
        for reading in ties:
            for key, candidate in reading.choice:
                chosen_by_piece.setdefault(key, set()).add(candidate.item.id)
        provinces = {province for r in ties for province in (r.area.provinces or {"?"})}
        chosen: dict[int, Item | None] = {}
        miss = 1.0
        kept: list[Piece] = []
        for piece in chain:
            pick = dict(best.choice).get(id(piece))
            if piece.verified and pick is None:
                # it fits nothing else said: keep the words as heard, claim no place
                piece.candidates = []
                kept.append(piece)
                continue
            kept.append(piece)
            if pick is None:
                continue
            alternatives = [
                c
                for c in piece.candidates
                if c.item.id in chosen_by_piece[id(piece)]
                or (
                    c.quality >= pick.quality - 0.05
                    and best.area.meet(self.tables.area(c.item)) is not None
                )
            ]
            alternatives.sort(key=lambda c: (c.item.id != pick.item.id, -c.quality))
            piece.candidates = alternatives
            same = _one_place([self.tables.items[i] for i in chosen_by_piece[id(piece)]])
            chosen[id(piece)] = same if len(provinces) == 1 else None
            miss *= 1.0 - piece.evidence * pick.quality * _LEVEL_WEIGHT[pick.item.level]
        confidence = 1.0 - miss
        if len(provinces) > 1:
            confidence *= _UNRESOLVED_CITY
        placed = [p for p in kept if p.verified]
        if len(placed) == 1 and dict(best.choice)[id(placed[0])].item.level == "ward":
            confidence *= _LONE_WARD
        confidence *= _CONFLICT**best.skipped
        unverified = [p for p in kept if not p.verified]
        confidence = min(0.99, confidence + _NUMBER_BONUS * len(unverified))
        if not placed:
            return None
        area = reduce(Area.join, (r.area for r in ties))
        return _Resolved(kept, max(0.0, confidence), area, chosen)

    def _build(self, text: str, words: list[Word], resolved: _Resolved) -> AddressMatch:
        tables = self.tables
        parts: list[AddressPart] = []
        determined: dict[Level, Item] = {}
        for piece in resolved.pieces:
            start, end = words[piece.first].start, words[piece.last - 1].end
            ranked = piece.candidates
            parts.append(
                AddressPart(
                    piece.role,
                    text[start:end],
                    start,
                    end,
                    piece.value,
                    tuple(c.item.id for c in ranked),
                    piece.verified,
                )
            )
            same = resolved.chosen.get(id(piece))
            if same is not None:
                determined.setdefault(same.level, same)
        ward = _unit(determined.get("ward"))
        district = _unit(determined.get("district"))
        province = _unit(determined.get("province"))
        street = _place(determined.get("street"))
        landmark = _place(determined.get("landmark"))
        if ward is not None and ward.era == "legacy" and district is None:
            district = tables.unit(ward.parent or "")
        for place in (street, landmark):
            if place is not None and district is None and len(place.districts) == 1:
                district = tables.unit(place.districts[0])
        if province is None:
            for unit in (district, ward):
                if unit is not None and unit.era == "legacy":
                    province = tables.old_province(unit)
                    break
        current_wards: tuple[Unit, ...] = ()
        if ward is not None:
            ids = ward.successors if ward.era == "legacy" else (ward.id,)
            current_wards = tuple(tables.unit(i) for i in ids)
        current_province = None
        if resolved.area.provinces is not None and len(resolved.area.provinces) == 1:
            current_province = tables.unit(next(iter(resolved.area.provinces)))
        start, end = parts[0].start, parts[-1].end
        return AddressMatch(
            heard=text[start:end],
            start=start,
            end=end,
            confidence=resolved.confidence,
            parts=tuple(parts),
            house_number=next((p.value for p in parts if p.role == "house_number"), None),
            alleys=tuple(p.value for p in parts if p.role == "alley"),
            street=street,
            street_heard=next(
                (p.heard for p in parts if p.role == "street" and not p.verified), None
            ),
            landmark=landmark,
            ward=ward,
            district=district,
            province=province,
            current_wards=current_wards,
            current_province=current_province,
        )


def _gain(piece: Piece, candidate: Candidate, hint: str | None, tables: GazetteerTables) -> float:
    """What a candidate adds to a reading: how surely it was said, and ties broken by level."""
    item = candidate.item
    gain = piece.evidence * candidate.quality * _RANK_WEIGHT
    if piece.keyword is None:
        gain += 0.03 * SALIENCE[item.level]  # said bare: the district, not a commune elsewhere
    elif item.level == piece.role:
        gain += 0.03
    if isinstance(item, Unit) and item.era == "legacy":
        gain += 0.0005  # an old ward also says its district
    if hint is not None and tables.new_province(item) == hint:
        gain += 0.05  # the call centre's own province, among places of one name
    return gain


def _one_place(items: list[Item]) -> Item | None:
    """The single place these candidates name, if they are one (an old ward and what it became)."""
    if len(items) == 1:
        return items[0]
    legacy = [i for i in items if isinstance(i, Unit) and i.era == "legacy"]
    current = {i.id for i in items if isinstance(i, Unit) and i.era == "2025"}
    if len(legacy) == 1 and len(legacy) + len(current) == len(items):
        if current <= set(legacy[0].successors):
            return legacy[0]
    if len(current) == 1 and len(legacy) + 1 == len(items):
        (only,) = current
        if all(only in unit.successors for unit in legacy):
            return next(i for i in items if i.id == only)
    return None


def _unit(item: Item | None) -> Unit | None:
    return item if isinstance(item, Unit) else None


def _place(item: Item | None) -> Place | None:
    return item if isinstance(item, Place) else None


# Words that may stand between two pieces of one address ("đường Láng, đoạn gần cầu Giấy").
_GLUE = frozenset(
    "o tai gan doan qua canh doi dien thuoc khu vuc phia ben trong ngay sat truoc sau cua va "
    "nha can phong tang toa cong huong ve dia chi la".split()
)


def _chains(words: list[Word], pieces: list[Piece]) -> list[list[Piece]]:
    """Pieces said together: only a few place words apart, within one sentence."""
    chains: list[list[Piece]] = []
    for piece in pieces:
        if chains:
            previous = chains[-1][-1]
            gap = words[previous.last : piece.first]
            joined = (
                len(gap) <= _MAX_GAP_WORDS
                and all(w.folded in _GLUE for w in gap)
                and not any(w.ends_sentence for w in words[previous.last - 1 : piece.first])
            )
            if joined:
                chains[-1].append(piece)
                continue
        chains.append([piece])
    return chains


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The gazetteer of the committed tables, loaded on first use (about 0.3 s), then shared."""
    return Gazetteer.load()


def match_address(
    text: str, gazetteer: Gazetteer | None = None, *, province_hint: str | None = None
) -> AddressMatch | None:
    """The address said in `text`, matched to the gazetteer, or None when there is none."""
    return (gazetteer or load_gazetteer()).match(text, province_hint=province_hint)
