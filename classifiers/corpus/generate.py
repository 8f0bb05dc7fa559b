"""Build the labelled corpus: scenarios from situations, paraphrases, prefixes, no-diacritic copies.

Deterministic (fixed seed); splits by scenario; keeps speech-recognised rows already in data/.
Run: `python -m classifiers.corpus.generate`. Never calls a model (asr_variants.py does that).
"""

from __future__ import annotations

import argparse
import fcntl
import hashlib
import json
import random
import re
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from classifiers.corpus import vocabulary as vocab
from classifiers.corpus.authored import authored_rows
from classifiers.corpus.situations import FIGURATIVE, SHOP_FIRES, SITUATIONS, Situation
from classifiers.labels import IncidentType
from classifiers.text_norm import normalize, strip_diacritics

DATA_DIR = Path(__file__).parent / "data"
SPLITS = ("train", "dev", "test")
SEED = 113
PARAPHRASES_PER_SCENARIO = 4
NODIAC_SHARE = 0.45

# scenarios per (type, urgency): sized so each type has >= 150 clean rows and P1..P4 >= 400 each
SCENARIO_COUNTS: dict[tuple[str, str], int] = {
    ("fire", "P1"): 30,
    ("fire", "P2"): 30,
    ("fire", "P3"): 12,
    ("rescue", "P1"): 35,
    ("rescue", "P2"): 25,
    ("rescue", "P3"): 14,
    ("hazard", "P1"): 14,
    ("hazard", "P2"): 38,
    ("hazard", "P3"): 24,
    ("traffic_accident", "P1"): 28,
    ("traffic_accident", "P2"): 28,
    ("traffic_accident", "P3"): 22,
    ("violent_crime", "P1"): 36,
    ("violent_crime", "P2"): 28,
    ("violent_crime", "P3"): 14,
    ("property_crime", "P2"): 26,
    ("property_crime", "P3"): 50,
    ("domestic_violence", "P1"): 22,
    ("domestic_violence", "P2"): 34,
    ("domestic_violence", "P3"): 20,
    ("public_order", "P2"): 36,
    ("public_order", "P3"): 40,
    ("medical", "P1"): 40,
    ("medical", "P2"): 40,
    ("medical", "P3"): 18,
    ("self_harm", "P1"): 44,
    ("self_harm", "P2"): 22,
    ("self_harm", "P3"): 8,
    ("missing_person", "P1"): 10,
    ("missing_person", "P2"): 40,
    ("missing_person", "P3"): 26,
    ("non_emergency", "P4"): 130,
}

# The supplement: figurative "cháy"/"chết" calls and literal shop fires to contrast them with.
SUPPLEMENT: tuple[Situation, ...] = FIGURATIVE + SHOP_FIRES
SUPPLEMENT_COUNTS: dict[tuple[str, str], int] = {
    ("non_emergency", "P4"): 3 * len(FIGURATIVE),
    ("fire", "P2"): 16,
    ("fire", "P1"): 10,
}

PANIC_OPENERS = (
    "alo alo",
    "alo, cứu với",
    "cứu với, cứu với",
    "alo anh ơi",
    "alo 114 hả",
    "alo công an phải không",
    "alo, cấp cứu phải không",
    "trời ơi, alo",
    "alo chị ơi",
    "alo alo có ai nghe không",
    "alo, cứu",
    "alo, alo, anh ơi",
)
CALM_OPENERS = (
    "alo",
    "dạ alo",
    "alo, chào anh",
    "dạ {toi} chào anh",
    "xin chào",
    "alo, {toi} muốn báo",
    "dạ cho {toi} báo",
    "{yes} alo",
    "alo, tổng đài phải không",
    "dạ",
    "alo, {toi} gọi để báo là",
)
FILLERS = ("ờ", "ờ ờ", "à", "ừm", "dạ", "thì là", "ơ", "à à", "cái")
PANIC_CLOSERS = (
    "nhanh lên",
    "đến nhanh giùm",
    "làm ơn nhanh lên",
    "cứu với",
    "{quick} {a}",
    "các anh đến ngay đi",
    "nhanh lên anh ơi",
    "nhanh nhanh lên",
)
CALM_CLOSERS = (
    "{a}",
    "cảm ơn anh",
    "nhờ các anh đến xem giúp",
    "{yes}",
    "các anh cử người đến",
    "{toi} chờ ở đây {a}",
)
EARLY_LOCATION = ("{loc}", "ở {loc}", "địa chỉ {loc}", "{toi} đang ở {loc}")
LATE_LOCATION = (
    "địa chỉ là {loc}",
    "ở {loc} {a}",
    "chỗ {toi} là {loc}",
    "dạ {loc}",
    "ở {filler} {loc}",
    "đây là {loc}",
    "địa chỉ ờ {loc}",
)
CALLBACK = (
    "số của {toi} là {phone}",
    "số máy {toi} là {phone}",
    "gọi lại cho {toi} số {phone}",
    "số điện thoại {phone}",
    "{toi} là chủ nhà, số {phone}",
)
NON_CALLBACK_NUMBER = (
    "{toi} gọi 114 mãi không được",
    "gọi 115 không ai nghe",
    "{toi} gọi 113 từ nãy",
)
KID_NOUNS_NORTH = ("con", "cháu", "thằng bé nhà", "con bé nhà", "bé nhà", "thằng cu nhà")
KID_NOUNS_SOUTH = ("con", "cháu", "thằng nhỏ nhà", "con nhỏ nhà", "bé nhà", "bé Na nhà")


@dataclass(frozen=True, slots=True)
class Scenario:
    scenario_id: str
    situation: Situation
    dialect: vocab.Dialect
    slots: dict[str, str]
    location: str | None
    people: int | None
    people_phrase: str
    phone: str


@dataclass(frozen=True, slots=True)
class Example:
    scenario_id: str
    example_id: str
    text: str
    location: str | None
    people_at_risk: int | None
    weapon: bool | None
    callback_number: str | None


def _choose_dialect(rng: random.Random) -> vocab.Dialect:
    roll = rng.random()
    return vocab.NORTH if roll < 0.5 else vocab.SOUTH if roll < 0.88 else vocab.CENTRAL


def make_scenario(rng: random.Random, scenario_id: str, situation: Situation) -> Scenario:
    dialect = _choose_dialect(rng)
    toi = rng.choice(("tôi", "tui", "em") if dialect.name == "south" else ("tôi", "em", "tôi"))
    kids = KID_NOUNS_SOUTH if dialect.name == "south" else KID_NOUNS_NORTH
    elders = (
        f"{dialect.grandma} {toi}",
        f"{dialect.grandpa} {toi}",
        f"{dialect.father} {toi}",
        f"{dialect.mother} {toi}",
        "bà cụ nhà bên",
        "ông hàng xóm",
    )
    adults = (
        f"chồng {toi}",
        f"vợ {toi}",
        f"anh trai {toi}",
        f"chị {toi}",
        f"em trai {toi}",
        f"bạn {toi}",
        "anh hàng xóm",
        "một anh thanh niên",
        "cô hàng xóm",
        "anh bảo vệ",
    )
    child = f"{rng.choice(kids)} {toi}"
    slots = {
        "toi": toi,
        "bo": dialect.father,
        "me": dialect.mother,
        "a": dialect.polite,
        "quick": dialect.quick,
        "yes": dialect.yes,
        "child": child,
        "elder": rng.choice(elders),
        "adult": rng.choice(adults),
        "victim": rng.choice(elders + adults + (child,)),
        "veh": rng.choice(vocab.VEHICLES),
        "weapon": rng.choice(situation.weapons or vocab.WEAPONS),
    }
    location = None
    if situation.place != "none":
        location = vocab.any_place(rng, dialect, kind=situation.place)
    people, people_phrase = None, ""
    if situation.people_lines:
        people = rng.randint(*situation.people_range)
        people_phrase = vocab.count_phrase(rng, people, rng.choice(situation.people_nouns))
    return Scenario(
        scenario_id,
        situation,
        dialect,
        slots,
        location,
        people,
        people_phrase,
        vocab.phone_number(rng),
    )


def _fill(template: str, slots: dict[str, str]) -> str:
    return re.sub(r"\{(\w+)\}", lambda m: slots.get(m.group(1), m.group(0)), template)


def _panic_repeat(rng: random.Random, core: str) -> str:
    """Stressed callers repeat their first words: 'cháy rồi, cháy rồi, ...'."""
    first = core.split(",")[0]
    if len(first.split()) <= 4:
        return f"{first}, {core}"
    words = first.split()
    return " ".join(words[:2]) + ", " + core


def render(
    rng: random.Random, scenario: Scenario, core_index: int, *, prefix_only: bool = False
) -> Example:
    """One way a caller could say the scenario; fields follow only what the text contains."""
    situation = scenario.situation
    core = situation.cores[core_index % len(situation.cores)]
    slots = dict(scenario.slots, np=scenario.people_phrase, filler=rng.choice(FILLERS), phone="")
    style = rng.choices(("panic", "calm", "plain"), weights=(0.4, 0.35, 0.25))[0]
    if situation.incident_type == IncidentType.NON_EMERGENCY and rng.random() < 0.5:
        style = "plain"
    loc_mode = "none"
    if scenario.location is not None:
        modes = ["early", "late", "none"]
        weights = [0.22, 0.38, 0.12]
        if "{at}" in core:
            modes.append("inline")
            weights.append(0.45)
        loc_mode = rng.choices(modes, weights=weights)[0]
        if prefix_only and loc_mode == "late":
            loc_mode = "inline" if "{at}" in core else "early"
    slots["at"] = f" ở {scenario.location}" if loc_mode == "inline" else ""
    slots["loc"] = scenario.location or ""
    people_said = "{np}" in core

    parts: list[str] = []
    if style == "panic":
        parts.append(rng.choice(PANIC_OPENERS))
    elif style == "calm" or rng.random() < 0.3:
        parts.append(rng.choice(CALM_OPENERS))
    if loc_mode == "early":
        parts.append(rng.choice(EARLY_LOCATION))
    core_text = _fill(core, slots)
    if style == "panic" and rng.random() < 0.4:
        core_text = _panic_repeat(rng, core_text)
    if rng.random() < 0.25:
        core_text = f"{rng.choice(FILLERS)} {core_text}"
    parts.append(core_text)

    callback = None
    if not prefix_only:
        extras = list(situation.extras)
        rng.shuffle(extras)
        parts.extend(extras[: rng.choice((0, 0, 1, 1, 2))])
        if situation.people_lines and rng.random() < 0.6:
            parts.append(rng.choice(situation.people_lines))
            people_said = True
        if loc_mode == "late":
            parts.append(rng.choice(LATE_LOCATION))
        if rng.random() < 0.08 and situation.incident_type != IncidentType.NON_EMERGENCY:
            parts.append(rng.choice(NON_CALLBACK_NUMBER))
        if rng.random() < 0.25:
            slots["phone"] = vocab.spoken_phone(rng, scenario.phone, scenario.dialect)
            parts.append(rng.choice(CALLBACK))
            callback = scenario.phone
        closers = PANIC_CLOSERS if style == "panic" else CALM_CLOSERS
        if rng.random() < 0.6:
            parts.append(rng.choice(closers))

    sentences = [_fill(part, slots).strip() for part in parts]
    sentences = [s for s in sentences if s]
    text = ""
    for sentence in sentences:
        if not text:
            text = sentence
        else:
            text += rng.choices((", ", ". ", " ", "... "), weights=(0.55, 0.25, 0.12, 0.08))[0]
            text += sentence
    if rng.random() < 0.45:  # Whisper writes sentence case; many transcripts do not
        text = re.sub(r"(^|[.!?]\s+)(\w)", lambda m: m.group(1) + m.group(2).upper(), text)
    location = scenario.location if loc_mode != "none" else None
    if location is not None and location not in text:  # casing touched the first letter
        location = next((c for c in (location[:1].upper() + location[1:],) if c in text), None)
    return Example(
        scenario_id=scenario.scenario_id,
        example_id="",
        text=text,
        location=location,
        people_at_risk=scenario.people if people_said else None,
        weapon=True if situation.weapon else None,
        callback_number=callback,
    )


def _row(example: Example, scenario: Scenario, variant: str, source: str) -> dict[str, object]:
    return {
        "id": example.example_id,
        "scenario_id": scenario.scenario_id,
        "text": example.text,
        "incident_type": scenario.situation.incident_type.value,
        "urgency": scenario.situation.urgency.value,
        "location": example.location,
        "people_at_risk": example.people_at_risk,
        "weapon": example.weapon,
        "callback_number": example.callback_number,
        "variant": variant,
        "source": source,
    }


def build_scenarios(
    rng: random.Random,
    situations: tuple[Situation, ...] = SITUATIONS,
    counts: dict[tuple[str, str], int] = SCENARIO_COUNTS,
    tag: str = "",
) -> list[Scenario]:
    by_stratum: dict[tuple[str, str], list[Situation]] = {}
    for situation in situations:
        key = (situation.incident_type.value, situation.urgency.value)
        by_stratum.setdefault(key, []).append(situation)
    scenarios = []
    for (incident_type, urgency), count in counts.items():
        stratum = by_stratum[(incident_type, urgency)]
        for k in range(count):
            scenario_id = f"{incident_type}-{urgency}-{tag}{k:03d}"
            scenarios.append(make_scenario(rng, scenario_id, stratum[k % len(stratum)]))
    return scenarios


def assign_splits(rng: random.Random, scenarios: list[Scenario]) -> dict[str, str]:
    """Split by situation frame, so that no template sentence sits on both sides.

    Within every (type, urgency) stratum of three or more situations, 15% of the situations
    (at least one) go to dev, as many to test, the rest to train; every scenario of a situation
    follows it. Smaller strata stay in train (the authored test set covers them).
    """
    frames: dict[tuple[str, str], list[Situation]] = {}
    strata: dict[tuple[str, str], list[str]] = {}
    for scenario in scenarios:
        key = (scenario.situation.incident_type.value, scenario.situation.urgency.value)
        strata.setdefault(key, []).append(scenario.scenario_id)
        if scenario.situation not in frames.setdefault(key, []):
            frames[key].append(scenario.situation)
    for ids in strata.values():
        rng.shuffle(ids)  # consumed as before the frame split: the rendered texts stay the same
    frame_rng = random.Random(f"{SEED}-frames")
    split_of_frame: dict[int, str] = {}
    for situations in frames.values():
        order = list(range(len(situations)))
        frame_rng.shuffle(order)
        n_eval = max(1, round(len(order) * 0.15)) if len(order) >= 3 else 0
        for rank, index in enumerate(order):
            split = "dev" if rank < n_eval else "test" if rank < 2 * n_eval else "train"
            split_of_frame[id(situations[index])] = split
    return {s.scenario_id: split_of_frame[id(s.situation)] for s in scenarios}


def text_digest(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:10]


def scenario_rows(
    rng: random.Random, scenario: Scenario, seen: set[str]
) -> list[dict[str, object]]:
    """Paraphrases, a cut-short prefix and some no-diacritic copies of one scenario."""
    made: list[tuple[Example, str]] = []
    for j in range(PARAPHRASES_PER_SCENARIO):
        for _attempt in range(6):
            example = render(rng, scenario, j)
            if normalize(example.text) not in seen:
                seen.add(normalize(example.text))
                made.append((example, f"{scenario.scenario_id}-c{j}"))
                break
    prefix = render(rng, scenario, rng.randrange(len(scenario.situation.cores)), prefix_only=True)
    if normalize(prefix.text) not in seen:
        seen.add(normalize(prefix.text))
        made.append((prefix, f"{scenario.scenario_id}-p"))
    rows = []
    for example, example_id in made:
        example = Example(**{**_asdict(example), "example_id": example_id})
        rows.append(_row(example, scenario, "clean", "template"))
        if rng.random() < NODIAC_SHARE:
            plain = Example(
                **{
                    **_asdict(example),
                    "example_id": f"{example_id}-nd",
                    "text": strip_diacritics(example.text),
                    "location": strip_diacritics(example.location) if example.location else None,
                }
            )
            rows.append(_row(plain, scenario, "nodiac", "template"))
    return rows


def generate_rows(seed: int = SEED) -> dict[str, list[dict[str, object]]]:
    """The main scenarios, then the supplement from its own random stream (see situations.py)."""
    seen: set[str] = set()
    rows: dict[str, list[dict[str, object]]] = {split: [] for split in SPLITS}
    batches = (
        (random.Random(seed), SITUATIONS, SCENARIO_COUNTS, ""),
        (random.Random(f"{seed}-supplement"), SUPPLEMENT, SUPPLEMENT_COUNTS, "s"),
    )
    for rng, situations, counts, tag in batches:
        scenarios = build_scenarios(rng, situations, counts, tag)
        split_of = assign_splits(rng, scenarios)
        for scenario in scenarios:
            rows[split_of[scenario.scenario_id]].extend(scenario_rows(rng, scenario, seen))
    for split, authored in authored_rows().items():
        rows[split].extend(authored)
    return rows


def _asdict(example: Example) -> dict[str, Any]:
    return {name: getattr(example, name) for name in Example.__slots__}


@contextmanager
def data_lock(data_dir: Path) -> Iterator[None]:
    """This script and asr_variants.py both rewrite the split files; one at a time."""
    with (data_dir / ".lock").open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def read_split(path: Path) -> list[dict[str, object]]:
    if not path.exists():
        return []
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def write_split(path: Path, rows: list[dict[str, object]]) -> None:
    tmp = path.with_suffix(".jsonl.tmp")
    with tmp.open("w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    tmp.replace(path)


def merge_asr_rows(
    fresh: list[dict[str, object]], previous: list[dict[str, object]]
) -> list[dict[str, object]]:
    """Keep speech-recognised rows whose source example is in `fresh` with the same text.

    `previous` is every earlier split: a source that moved split takes its recognised copy along.
    """
    digests = {f"{row['id']}-asr-{text_digest(str(row['text']))}" for row in fresh}
    kept = [row for row in previous if row.get("variant") == "asr" and row["id"] in digests]
    return fresh + kept


def summary(rows: dict[str, list[dict[str, object]]]) -> str:
    lines = []
    for split in SPLITS:
        variants = Counter(str(r["variant"]) for r in rows[split])
        lines.append(f"{split}: {len(rows[split])} rows {dict(variants)}")
    clean = [r for split in SPLITS for r in rows[split] if r["variant"] == "clean"]
    lines.append(f"clean by type: {dict(Counter(str(r['incident_type']) for r in clean))}")
    urgencies = sorted(Counter(str(r["urgency"]) for r in clean).items())
    lines.append(f"clean by urgency: {dict(urgencies)}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DATA_DIR)
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    rows = generate_rows(args.seed)
    with data_lock(args.out):
        previous = [row for split in SPLITS for row in read_split(args.out / f"{split}.jsonl")]
        for split in SPLITS:
            rows[split] = merge_asr_rows(rows[split], previous)
            write_split(args.out / f"{split}.jsonl", rows[split])
    print(summary(rows))


if __name__ == "__main__":
    main()
