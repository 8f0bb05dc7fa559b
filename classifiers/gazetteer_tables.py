"""The gazetteer's tables in memory: Vietnam's administrative units of both eras, streets and
landmarks.

Loads the TSVs of classifiers/gazetteer_data once, when asked; never fetches anything at run time.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from classifiers.text_norm import fold

DATA_DIR = Path(__file__).resolve().parent / "gazetteer_data"

Level = Literal["province", "district", "ward", "street", "landmark"]
Era = Literal["2025", "legacy"]

_SYLLABLE = re.compile(r"\w+")


def syllables(name: str) -> tuple[str, ...]:
    """The lowercase words of a name, marks kept ("Bà Rịa - Vũng Tàu" -> bà, rịa, vũng, tàu)."""
    return tuple(_SYLLABLE.findall(unicodedata.normalize("NFC", name).lower()))


@dataclass(frozen=True, slots=True)
class Unit:
    """A province, district or ward/commune; `era` says which side of the 1 July 2025 reform."""

    id: str  # "vn34-w26734", "vn63-d770": era, level letter, GSO code
    level: Level
    era: Era
    type: str  # "Phường", "Quận", "Tỉnh" ...
    name: str  # without its type: "Ba Đình", "12"
    parent: str | None
    successors: tuple[str, ...]  # 2025 units an old one became (wards: default first)
    lat: float | None = None
    lon: float | None = None

    @property
    def full_name(self) -> str:
        return f"{self.type} {self.name}"


@dataclass(frozen=True, slots=True)
class Place:
    """A street or landmark of the hand-kept tables, in a 2025 province."""

    id: str  # "street:vn34-p79:le-van-sy"
    level: Level  # "street" or "landmark"
    kind: str  # "đường" for streets; "chợ", "cầu", "bệnh viện" ... for landmarks
    name: str  # without its kind: "Lê Văn Sỹ", "Bến Thành"
    province: str  # vn34 id
    districts: tuple[str, ...]  # vn63 district ids it lies in (empty when not known)
    source: str

    @property
    def full_name(self) -> str:
        return self.name if self.level == "street" else f"{self.kind} {self.name}"


Item = Unit | Place


@dataclass(frozen=True, slots=True)
class Area:
    """Where an item can be: None in a field means no constraint on that field."""

    provinces: frozenset[str] | None = None  # vn34 province ids
    districts: frozenset[str] | None = None  # vn63 district ids
    wards: frozenset[str] | None = None  # vn34 ward ids

    def meet(self, other: Area) -> Area | None:
        """Both constraints at once; None when they exclude each other."""
        fields = []
        for mine, theirs in (
            (self.provinces, other.provinces),
            (self.districts, other.districts),
            (self.wards, other.wards),
        ):
            both = theirs if mine is None else mine if theirs is None else mine & theirs
            if both is not None and not both:
                return None
            fields.append(both)
        return Area(*fields)

    def meet_or_keep(self, other: Area) -> Area:
        return self.meet(other) or self

    def join(self, other: Area) -> Area:
        """Either place (for an item whose candidates are still several)."""
        fields = []
        for mine, theirs in (
            (self.provinces, other.provinces),
            (self.districts, other.districts),
            (self.wards, other.wards),
        ):
            fields.append(None if mine is None or theirs is None else mine | theirs)
        return Area(*fields)


@dataclass(frozen=True, slots=True)
class NameEntry:
    """One way an item can be said: its name or an alias, as marked and folded syllables."""

    item: Item
    marked: tuple[str, ...]
    folded: tuple[str, ...]
    alias: bool


def _read(path: Path) -> Iterator[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as table:
        yield from csv.DictReader(table, delimiter="\t", quoting=csv.QUOTE_NONE)


def _ids(value: str) -> tuple[str, ...]:
    return tuple(part for part in value.split(",") if part)


def _slug(name: str) -> str:
    return "-".join(fold(word) for word in syllables(name))


def _coordinate(value: str) -> float | None:
    return float(value) if value else None


class GazetteerTables:
    """Every unit and place by id, with a name index for the matcher."""

    def __init__(self, items: Iterable[Item], aliases: dict[str, list[str]]) -> None:
        self.items: dict[str, Item] = {item.id: item for item in items}
        self._areas: dict[str, Area] = {}
        # 2025 ward -> the old districts its old wards were in (for "xã Yên Sở, Hoài Đức")
        self.old_districts: dict[str, set[str]] = defaultdict(set)
        for item in self.items.values():
            if isinstance(item, Unit) and item.level == "ward" and item.era == "legacy":
                for successor in item.successors:
                    self.old_districts[successor].add(item.parent or "")
        # joined folded key ("levansy") -> entries; a key, not a tuple, so that glued
        # aliases of the source ("nguyentrungtruc") and split ASR words both find it
        self.by_key: dict[str, list[NameEntry]] = defaultdict(list)
        # (syllable count, position, folded syllable) -> entries, for near matches
        self.by_syllable: dict[tuple[int, int, str], list[NameEntry]] = defaultdict(list)
        # (syllable count, first two folded syllables) -> entries of three syllables or more
        self.by_opening: dict[tuple[int, str, str], list[NameEntry]] = defaultdict(list)
        self.max_syllables = 1
        for item in self.items.values():
            # a landmark only with its kind word: "chợ Bến Thành", never "Bến Thành" alone
            self._index(item, item.full_name if isinstance(item, Place) else item.name, alias=False)
            for alias in aliases.get(item.id, ()):
                self._index(item, alias, alias=True)

    def _index(self, item: Item, name: str, *, alias: bool) -> None:
        marked = syllables(name)
        if not marked:
            return
        folded = tuple(fold(s) for s in marked)
        if alias and len(folded) == 1 and not folded[0].isdigit() and not item.level == "landmark":
            marked = ()  # a glued alias of the source: only its folded key is known
        entry = NameEntry(item, marked, folded, alias)
        key = "".join(folded)
        if any(held.item is item and held.folded == folded for held in self.by_key.get(key, ())):
            return
        self.by_key[key].append(entry)
        if marked:
            for position, syllable in enumerate(folded[:2]):
                self.by_syllable[(len(folded), position, syllable)].append(entry)
            if len(folded) >= 3:
                self.by_opening[(len(folded), folded[0], folded[1])].append(entry)
            self.max_syllables = max(self.max_syllables, len(folded))

    def area(self, item: Item) -> Area:
        """The provinces, old districts and 2025 wards an item lies in."""
        cached = self._areas.get(item.id)
        if cached is None:
            cached = self._area(item)
            self._areas[item.id] = cached
        return cached

    def _area(self, item: Item) -> Area:
        if isinstance(item, Place):
            # the hand-kept district lists may miss one: a street constrains only its city
            return Area(frozenset({item.province}))
        if item.level == "province":
            province = item.successors[0] if item.era == "legacy" else item.id
            return Area(frozenset({province}))
        if item.level == "district":
            return Area(frozenset({self.new_province(item)}), frozenset({item.id}))
        if item.era == "2025":
            districts = frozenset(self.old_districts.get(item.id, ())) or None
            return Area(frozenset({item.parent or ""}), districts, frozenset({item.id}))
        new_provinces = frozenset(self.new_province(self.items[w]) for w in item.successors)
        return Area(new_provinces, frozenset({item.parent or ""}), frozenset(item.successors))

    def new_province(self, item: Item) -> str:
        """The 2025 province of any item."""
        if isinstance(item, Place):
            return item.province
        if item.level == "province":
            return item.successors[0] if item.era == "legacy" else item.id
        if item.level == "district":
            return self.new_province(self.items[item.parent or ""])
        if item.era == "2025":
            return item.parent or ""
        return self.new_province(self.items[item.parent or ""])

    def old_province(self, item: Unit) -> Unit | None:
        """The pre-2025 province of an old district or ward."""
        unit: Item | None = item
        while isinstance(unit, Unit) and unit.era == "legacy" and unit.level != "province":
            unit = self.items.get(unit.parent or "")
        return unit if isinstance(unit, Unit) and unit.era == "legacy" else None

    def unit(self, unit_id: str) -> Unit:
        item = self.items[unit_id]
        if not isinstance(item, Unit):
            raise KeyError(unit_id)
        return item

    @classmethod
    def load(cls, data_dir: Path = DATA_DIR) -> GazetteerTables:
        items: list[Item] = []
        aliases: dict[str, list[str]] = defaultdict(list)
        for row in _read(data_dir / "provinces.tsv"):
            era: Era = "2025" if row["era"] == "2025" else "legacy"
            items.append(
                Unit(
                    row["id"],
                    "province",
                    era,
                    row["type"],
                    row["name"],
                    None,
                    _ids(row["successor"]),
                )
            )
            aliases[row["id"]].extend(_ids(row["aliases"]))
        for row in _read(data_dir / "districts.tsv"):
            items.append(
                Unit(
                    row["id"],
                    "district",
                    "legacy",
                    row["type"],
                    row["name"],
                    row["province"],
                    _ids(row["successors"]),
                )
            )
            aliases[row["id"]].extend(_ids(row["aliases"]))
        for row in _read(data_dir / "wards.tsv"):
            era = "2025" if row["era"] == "2025" else "legacy"
            items.append(
                Unit(
                    row["id"],
                    "ward",
                    era,
                    row["type"],
                    row["name"],
                    row["parent"],
                    _ids(row["successors"]),
                    _coordinate(row["lat"]),
                    _coordinate(row["lon"]),
                )
            )
            aliases[row["id"]].extend(_ids(row["aliases"]))
        for province_id, names in SPOKEN_PROVINCE_NAMES.items():
            aliases[province_id].extend(names)
        units = {item.id: item for item in items}
        resolve = _DistrictNames(units)
        for kind_column, level, path in (
            (None, "street", data_dir / "streets.tsv"),
            ("kind", "landmark", data_dir / "landmarks.tsv"),
        ):
            for row in _read(path):
                province = resolve.province(row["province"])
                kind = row[kind_column] if kind_column else "đường"
                said = f"{kind} {row['name']}" if kind_column else row["name"]
                place = Place(
                    f"{level}:{province}:{_slug(said)}",
                    level,  # type: ignore[arg-type]
                    kind,
                    row["name"],
                    province,
                    tuple(resolve.district(province, d) for d in row["districts"].split(",") if d),
                    row["source"],
                )
                items.append(place)
                aliases[place.id].extend(a for a in row["aliases"].split(",") if a)
        return cls(items, aliases)


# How callers name the big cities besides the official names (the source has only "hn", "hcm").
SPOKEN_PROVINCE_NAMES = {
    "vn34-p79": ["Sài Gòn", "TPHCM", "TP HCM", "HCM", "Hồ Chí Minh", "SG"],
    "vn63-p79": ["Sài Gòn", "TPHCM", "TP HCM", "HCM", "Hồ Chí Minh", "SG"],
    "vn34-p01": ["HN", "Hà Nội", "Hanoi"],
    "vn63-p01": ["HN", "Hà Nội", "Hanoi"],
    "vn34-p48": ["Đà Nẵng", "Danang"],
    "vn63-p48": ["Đà Nẵng", "Danang"],
    "vn63-p77": ["Vũng Tàu"],
}


class _DistrictNames:
    """Resolves the province and district names of the hand-kept tables to ids (or fails loudly)."""

    def __init__(self, units: dict[str, Item]) -> None:
        self._provinces = {
            fold(u.name): u.id
            for u in units.values()
            if isinstance(u, Unit) and u.level == "province" and u.era == "2025"
        }
        self._districts: dict[tuple[str, str], str] = {}
        for u in units.values():
            if isinstance(u, Unit) and u.level == "district":
                parent = units[u.parent or ""]
                assert isinstance(parent, Unit)
                self._districts[(parent.successors[0], fold(u.name))] = u.id

    def province(self, name: str) -> str:
        try:
            return self._provinces[fold(name)]
        except KeyError:
            raise ValueError(f"gazetteer tables: no 2025 province named {name!r}") from None

    def district(self, province: str, name: str) -> str:
        try:
            return self._districts[(province, fold(name.strip()))]
        except KeyError:
            raise ValueError(f"gazetteer tables: no district {name!r} in {province}") from None
