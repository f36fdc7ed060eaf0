"""The reference table: reference/*.csv -> validated ReferenceTable + indexes.

pandas lives here and nowhere else. Every value is read as text ("NA" and
"None" stay words, not missing values); every row is validated before any
draft is checked, and a bad row stops the run with its file and line.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from .datetext import interval
from .errors import ReferenceError
from .models import Entity, Fact, Property

ENTITY_COLUMNS = ("id", "label", "type", "aliases", "description")
FACT_COLUMNS = (
    "id",
    "subject",
    "property",
    "value",
    "unit",
    "tolerance",
    "valid_from",
    "valid_to",
    "status",
    "source_url",
    "source_title",
    "note",
)
PROPERTY_COLUMNS = ("property", "value_type", "triggers", "description")

ENTITY_TYPES = frozenset(
    {
        "person",
        "country",
        "organization",
        "office",
        "treaty",
        "resolution",
        "event",
        "place",
        "figure",
    }
)
VALUE_TYPES = frozenset({"date", "number", "percent", "count", "entity"})
STATUSES = frozenset({"established", "disputed", "false"})

_PARTIAL_DATE = re.compile(r"\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?")
_TOKEN = re.compile(r"[^\W_]+")


@dataclass(frozen=True, slots=True, kw_only=True)
class Mention:
    """Where the draft names an entity by one of its aliases."""

    start: int
    end: int
    entities: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Title:
    """A title reduced to its wording and its countries: "Ambassador of the
    Russian Federation to the Republic of Azerbaijan" -> (ambassador), russia,
    azerbaijan."""

    core: tuple[str, ...]
    origin: str = ""
    host: str = ""


@dataclass(frozen=True, slots=True)
class OfficeWording:
    """Every way the reference words one office, with the countries it names."""

    cores: frozenset[tuple[str, ...]]
    origins: frozenset[str]
    hosts: frozenset[str]

    def accepts(self, title: Title) -> bool:
        return (
            title.core in self.cores
            and (not title.origin or not self.origins or title.origin in self.origins)
            and (not title.host or not self.hosts or title.host in self.hosts)
        )


@dataclass(frozen=True, slots=True)
class ReferenceTable:
    path: str
    entities: Mapping[str, Entity]
    properties: Mapping[str, Property]
    facts: tuple[Fact, ...]
    aliases: PhraseIndex
    triggers: PhraseIndex
    by_subject: Mapping[tuple[str, str], tuple[Fact, ...]]
    by_value: Mapping[tuple[str, str], tuple[Fact, ...]]
    countries: Mapping[tuple[str, ...], str]
    offices: Mapping[str, OfficeWording]
    topics: frozenset[str]  # what resolutions are about: the values of `concerns`

    def facts_for(self, subject: str, prop: str) -> tuple[Fact, ...]:
        return self.by_subject.get((subject, prop), ())

    def facts_with_value(self, prop: str, value: str) -> tuple[Fact, ...]:
        return self.by_value.get((prop, value), ())

    def has(self, subject: str, prop: str) -> bool:
        return (subject, prop) in self.by_subject

    def lookup(self, alias: str) -> tuple[str, ...]:
        return self.aliases.get(normalise(alias))

    def label(self, entity_id: str) -> str:
        entity = self.entities.get(entity_id)
        return entity.label if entity else entity_id

    def of_type(self, entity_type: str) -> Iterable[Entity]:
        return (e for e in self.entities.values() if e.type == entity_type)

    def parse_title(self, title: str) -> Title:
        return parse_title(title, self.countries)

    def offices_matching(self, title: str) -> list[str]:
        """Offices whose wording matches a title as written: the same core words
        ("deputy foreign minister") and no country that contradicts the office's."""
        parsed = self.parse_title(title)
        if not parsed.core:
            return []
        return [office for office, wording in self.offices.items() if wording.accepts(parsed)]

    def office_origin(self, office: str) -> str:
        wording = self.offices.get(office)
        return min(wording.origins) if wording and wording.origins else ""

    def find_mentions(self, text: str | list[tuple[int, int, str]]) -> list[Mention]:
        """Every longest alias match in `text`, left to right (token n-grams, so the
        cost grows with the text, not with the size of the table)."""
        return self.aliases.match(tokens(text) if isinstance(text, str) else text)

    def find_triggers(
        self, text: str | list[tuple[int, int, str]]
    ) -> list[tuple[int, int, tuple[str, ...]]]:
        words = tokens(text) if isinstance(text, str) else text
        return [(m.start, m.end, m.entities) for m in self.triggers.match(words)]


@dataclass(frozen=True, slots=True)
class PhraseIndex:
    """Phrases (as folded token tuples) -> ids, matched longest first in a text.

    The cost of a match grows with the text, not with the number of phrases:
    each token is looked up once unless a phrase starts with it."""

    phrases: Mapping[tuple[str, ...], tuple[str, ...]]
    # For each first word, the lengths of the phrases that begin with it, longest first.
    lengths: Mapping[str, tuple[int, ...]]

    @classmethod
    def build(cls, phrases: Mapping[tuple[str, ...], Iterable[str]]) -> PhraseIndex:
        table = {k: tuple(v) for k, v in phrases.items() if k}
        lengths: dict[str, set[int]] = defaultdict(set)
        for key in table:
            lengths[key[0]].add(len(key))
        return cls(
            phrases=table,
            lengths={word: tuple(sorted(n, reverse=True)) for word, n in lengths.items()},
        )

    def get(self, key: tuple[str, ...]) -> tuple[str, ...]:
        return self.phrases.get(key, ())

    def match(self, tokens: Sequence[tuple[int, int, str]]) -> list[Mention]:
        mentions: list[Mention] = []
        i = 0
        while i < len(tokens):
            for n in self.lengths.get(tokens[i][2], ()):
                if i + n > len(tokens):
                    continue
                hit = self.phrases.get(tuple(t[2] for t in tokens[i : i + n]))
                if hit:
                    mentions.append(
                        Mention(start=tokens[i][0], end=tokens[i + n - 1][1], entities=hit)
                    )
                    i += n
                    break
            else:
                i += 1
        return mentions


_TITLE_FILLER = frozenset({"the", "of", "to", "in", "s", "and", "extraordinary", "plenipotentiary"})


def parse_title(title: str, countries: Mapping[tuple[str, ...], str]) -> Title:
    tokens = normalise(title)
    longest = max((len(k) for k in countries), default=1)
    core: list[str] = []
    origin = host = ""
    i = 0
    while i < len(tokens):
        for n in range(min(longest, len(tokens) - i), 0, -1):
            country = countries.get(tokens[i : i + n])
            if country:
                preceding = [t for t in tokens[max(0, i - 2) : i] if t != "the"]
                if preceding and preceding[-1] in ("to", "in"):
                    host = country
                else:
                    origin = country
                i += n
                break
        else:
            if tokens[i] not in _TITLE_FILLER:
                core.append(tokens[i])
            i += 1
    return Title(tuple(core), origin, host)


@functools.lru_cache(maxsize=65536)
def fold(word: str) -> str:
    """Case- and accent-insensitive form of one word."""
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def tokens(text: str) -> list[tuple[int, int, str]]:
    """(start, end, folded word) for each word of a text."""
    return [(m.start(), m.end(), fold(m[0])) for m in _TOKEN.finditer(text)]


def normalise(text: str) -> tuple[str, ...]:
    return tuple(fold(m[0]) for m in _TOKEN.finditer(text))


def default_reference_path() -> Path:
    """./reference when it exists, else the reference shipped beside the package."""
    local = Path("reference")
    if (local / "facts.csv").exists():
        return local
    return Path(__file__).resolve().parent.parent / "reference"


def load_reference(path: str | Path | Sequence[str | Path] | None = None) -> ReferenceTable:
    """Load one reference folder, or several: later folders add rows and replace
    rows with the same id (a newsroom's own facts over a shared table). A later
    folder may hold only some of the three files."""
    if path is None:
        folders = [default_reference_path()]
    elif isinstance(path, str | Path):
        folders = [Path(path)]
    else:
        folders = [Path(p) for p in path] or [default_reference_path()]
    for folder in folders:
        if not folder.is_dir():
            raise ReferenceError(
                "reference folder not found — pass --reference DIR "
                "with entities.csv, facts.csv and properties.csv",
                path=str(folder),
            )
    properties: dict[str, Property] = {}
    entities: dict[str, Entity] = {}
    for index, folder in enumerate(folders):
        if index == 0 or (folder / "properties.csv").exists():
            properties.update(_load_properties(folder / "properties.csv"))
        if index == 0 or (folder / "entities.csv").exists():
            entities.update(_load_entities(folder / "entities.csv"))
    facts: dict[str, Fact] = {}
    for index, folder in enumerate(folders):
        if index == 0 or (folder / "facts.csv").exists():
            facts.update((f.id, f) for f in _load_facts(folder / "facts.csv", entities, properties))
    label = " + ".join(str(f) for f in folders)
    return _build(label, entities, properties, tuple(facts.values()))


def read_rows(path: Path, columns: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    import pandas as pd  # imported here: only loading the reference needs it

    if not path.exists():
        raise ReferenceError(
            f"missing — the reference needs {path.name} with columns {', '.join(columns)}",
            path=str(path),
        )
    try:
        frame = pd.read_csv(
            path,
            dtype=str,
            keep_default_na=False,
            na_filter=False,
            encoding="utf-8",
            skip_blank_lines=True,
        )
    except UnicodeDecodeError:
        raise ReferenceError("is not valid UTF-8 — save it as UTF-8", path=str(path)) from None
    except pd.errors.ParserError as error:
        line = re.search(r"line (\d+)", str(error))
        raise ReferenceError(
            "a row has more cells than the header — quote cells that contain commas",
            path=str(path),
            line=int(line[1]) if line else None,
        ) from None
    except pd.errors.EmptyDataError:
        raise ReferenceError(
            f"is empty — it needs the header {','.join(columns)}", path=str(path)
        ) from None
    header = [c.strip() for c in frame.columns]
    missing = [c for c in columns if c not in header]
    extra = [c for c in header if c not in columns]
    if missing or extra:
        what = f"missing column {missing[0]!r}" if missing else f"unknown column {extra[0]!r}"
        raise ReferenceError(
            f"{what} — the header must be {','.join(columns)}", path=str(path), line=1
        )
    frame.columns = header
    # Line numbers count the header as line 1; quoted cells never span lines here.
    return [
        (i + 2, {c: str(row[c]).strip() for c in columns})
        for i, row in enumerate(frame.to_dict("records"))
    ]


@dataclass(frozen=True, slots=True)
class Problem:
    """What is wrong with a reference file or row, and how to fix it."""

    path: str
    line: int | None
    message: str

    def __str__(self) -> str:
        return (
            f"{self.path}:{self.line}: {self.message}"
            if self.line
            else (f"{self.path}: {self.message}")
        )

    def error(self) -> ReferenceError:
        return ReferenceError(self.message, path=self.path, line=self.line)


def _load_properties(path: Path) -> dict[str, Property]:
    properties: dict[str, Property] = {}
    for line, row in read_rows(path, PROPERTY_COLUMNS):
        for message in property_row_problems(row, properties):
            raise ReferenceError(message, path=str(path), line=line)
        properties[row["property"]] = property_from_row(row)
    return properties


def _load_entities(path: Path) -> dict[str, Entity]:
    entities: dict[str, Entity] = {}
    for line, row in read_rows(path, ENTITY_COLUMNS):
        for message in entity_row_problems(row, entities):
            raise ReferenceError(message, path=str(path), line=line)
        entities[row["id"]] = entity_from_row(row)
    return entities


def _load_facts(
    path: Path, entities: Mapping[str, Entity], properties: Mapping[str, Property]
) -> tuple[Fact, ...]:
    facts: list[Fact] = []
    seen: set[str] = set()
    for line, row in read_rows(path, FACT_COLUMNS):
        for message in fact_row_problems(row, seen, entities, properties):
            raise ReferenceError(message, path=str(path), line=line)
        seen.add(row["id"])
        facts.append(Fact(line=line, **row))
    return tuple(facts)


def property_from_row(row: Mapping[str, str]) -> Property:
    return Property(
        property=row["property"],
        value_type=row["value_type"],
        triggers=tuple(t.strip() for t in row["triggers"].split("|") if t.strip()),
        description=row["description"],
    )


def entity_from_row(row: Mapping[str, str]) -> Entity:
    return Entity(
        id=row["id"],
        label=row["label"],
        type=row["type"],
        aliases=tuple(a.strip() for a in row["aliases"].split("|") if a.strip()),
        description=row["description"],
    )


def property_row_problems(row: Mapping[str, str], known: Mapping[str, Property]) -> Iterator[str]:
    name = row["property"]
    if not name:
        yield "empty property — every row needs one"
    elif name in known:
        yield f"property {name!r} is defined twice — keep one row"
    if row["value_type"] not in VALUE_TYPES:
        yield f"value_type {row['value_type']!r} is not one of {', '.join(sorted(VALUE_TYPES))}"


def entity_row_problems(row: Mapping[str, str], known: Mapping[str, Entity]) -> Iterator[str]:
    for column in ("id", "label"):
        if not row[column]:
            yield f"empty {column} — every row needs one"
    if row["id"] and row["id"] in known:
        yield f"entity id {row['id']!r} is used twice — ids must be unique"
    if row["type"] not in ENTITY_TYPES:
        yield f"type {row['type']!r} is not one of {', '.join(sorted(ENTITY_TYPES))}"


def fact_row_problems(
    row: Mapping[str, str],
    seen: set[str],
    entities: Mapping[str, Entity],
    properties: Mapping[str, Property],
) -> Iterator[str]:
    empty = [c for c in ("id", "subject", "property", "value", "status") if not row[c]]
    for column in empty:
        yield f"empty {column} — every row needs one"
    if row["id"] and row["id"] in seen:
        yield f"fact id {row['id']!r} is used twice — ids must be unique"
    if row["subject"] and row["subject"] not in entities:
        yield (
            f"subject {row['subject']!r} is not an entity in entities.csv "
            "— add the entity or fix the id"
        )
    prop = properties.get(row["property"])
    if row["property"] and prop is None:
        yield (
            f"property {row['property']!r} is not in properties.csv — add it there or fix the name"
        )
    if row["status"] and row["status"] not in STATUSES:
        yield f"status {row['status']!r} is not one of {', '.join(sorted(STATUSES))}"
    if prop is not None and row["value"]:
        yield from _value_problems(row["value"], prop, entities)
    bounds_ok = True
    for column in ("valid_from", "valid_to"):
        if row[column] and not _PARTIAL_DATE.fullmatch(row[column]):
            bounds_ok = False
            yield f"{column} {row[column]!r} is not a date — write YYYY, YYYY-MM or YYYY-MM-DD"
    if (
        bounds_ok
        and row["valid_from"]
        and row["valid_to"]
        and interval(row["valid_from"]).first > interval(row["valid_to"]).last
    ):
        yield "valid_from is after valid_to — swap or fix them"
    if row["tolerance"] and not _is_number(row["tolerance"]):
        yield f"tolerance {row['tolerance']!r} is not a number — write e.g. 0.5"
    if row["status"] in ("established", "disputed") and not re.match(
        r"https?://\S+$", row["source_url"]
    ):
        yield (
            "an established or disputed fact needs a source_url starting with http:// or "
            "https:// — add the public page that states it"
        )


def _value_problems(value: str, prop: Property, entities: Mapping[str, Entity]) -> Iterator[str]:
    kind = prop.value_type
    if kind == "date":
        parts = value.split("/")
        if len(parts) > 2 or not all(_PARTIAL_DATE.fullmatch(p) for p in parts):
            yield (
                f"value {value!r} of {prop.property} is not a date — write YYYY, YYYY-MM, "
                "YYYY-MM-DD or a range FROM/TO"
            )
    elif kind == "entity":
        if value not in entities:
            yield f"value {value!r} of {prop.property} is not an entity id in entities.csv"
    elif not _is_number(value):
        yield (
            f"value {value!r} of {prop.property} is not a number — "
            "write digits without separators, e.g. 86600"
        )


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _build(
    path: str,
    entities: dict[str, Entity],
    properties: dict[str, Property],
    facts: tuple[Fact, ...],
) -> ReferenceTable:
    aliases: dict[tuple[str, ...], list[str]] = defaultdict(list)
    for entity in entities.values():
        for alias in (entity.label, *entity.aliases):
            key = normalise(alias)
            if key and entity.id not in aliases[key]:
                aliases[key].append(entity.id)
    triggers: dict[tuple[str, ...], list[str]] = defaultdict(list)
    for prop in properties.values():
        for trigger in prop.triggers:
            triggers[normalise(trigger)].append(prop.property)
    by_subject: dict[tuple[str, str], list[Fact]] = defaultdict(list)
    by_value: dict[tuple[str, str], list[Fact]] = defaultdict(list)
    for fact in facts:
        by_subject[(fact.subject, fact.property)].append(fact)
        by_value[(fact.property, fact.value)].append(fact)
    countries = {
        normalise(name): entity.id
        for entity in entities.values()
        if entity.type == "country"
        for name in (entity.label, *entity.aliases)
    }
    offices = {}
    for entity in entities.values():
        if entity.type == "office":
            titles = [parse_title(name, countries) for name in (entity.label, *entity.aliases)]
            offices[entity.id] = OfficeWording(
                cores=frozenset(t.core for t in titles),
                origins=frozenset(t.origin for t in titles if t.origin),
                hosts=frozenset(t.host for t in titles if t.host),
            )
    return ReferenceTable(
        path=path,
        countries=countries,
        offices=offices,
        topics=frozenset(f.value for f in facts if f.property == "concerns"),
        entities=entities,
        properties=properties,
        facts=facts,
        aliases=PhraseIndex.build(aliases),
        triggers=PhraseIndex.build(triggers),
        by_subject={k: tuple(v) for k, v in by_subject.items()},
        by_value={k: tuple(v) for k, v in by_value.items()},
    )
