"""The reference table: reference/*.csv -> validated rows -> a SQLite cache with
the indexes the checker queries -> ReferenceTable.

pandas lives here and nowhere else. Every value is read as text ("NA" and
"None" stay words, not missing values); every row is validated before any
draft is checked, and a bad row stops the run with its file and line.
"""

from __future__ import annotations

import contextlib
import csv
import functools
import hashlib
import os
import re
import sqlite3
from collections import defaultdict
from collections.abc import Callable, Container, Iterable, Iterator, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from pathlib import Path

from .bundled import bundled_reference_path
from .datetext import interval
from .errors import ReferenceError
from .models import Entity, Fact, Property
from .words import folded, normalise, positions, tokens

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


class ReferenceTable:
    """A reference as the checker reads it: a SQLite file derived from the CSVs
    (see `load_reference`), queried through indexes, so that a draft's check
    reads a few hundred rows however large the table is."""

    def __init__(self, connection: sqlite3.Connection, path: str) -> None:
        self.path = path
        self._db = connection
        self.properties: dict[str, Property] = {
            row[0]: property_from_row(dict(zip(PROPERTY_COLUMNS, row, strict=True)))
            for row in connection.execute(
                "SELECT property, value_type, triggers, description FROM properties"
            )
        }
        self.triggers = PhraseIndex.build(_trigger_phrases(self.properties.values()))
        # The linker and the checker both ask for the names in the same draft.
        self._mentions = functools.lru_cache(maxsize=8)(self._match_aliases)
        self.countries: dict[tuple[str, ...], str] = {
            tuple(key.split(" ")): entity
            for key, entity in connection.execute("SELECT key, entity FROM countries")
        }
        self.country_ids = frozenset(self.countries.values())
        self.fact_count: int = connection.execute("SELECT count(*) FROM facts").fetchone()[0]
        self.topics = frozenset(
            value
            for (value,) in connection.execute(
                "SELECT DISTINCT value FROM facts WHERE property = 'concerns'"
            )
        )
        self.entities = _EntityView(connection)
        self.aliases = _AliasIndex(connection)
        # A check asks the same few questions many times (drafts share subjects):
        # answers are kept per table.
        cached = functools.lru_cache(maxsize=65536)
        self._facts_for = cached(self._query_facts_for)
        self.facts_about = cached(self._query_facts_about)
        self.facts_with_value = cached(self._query_facts_with_value)
        self._offices_matching = cached(self._query_offices_matching)
        self.office_origin = cached(self._query_office_origin)
        self._compounds_of = cached(self._query_compounds_of)

    def _query_facts_for(self, subject: str, prop: str) -> tuple[Fact, ...]:
        return self._facts("WHERE subject = ? AND property = ?", (subject, prop))

    def _facts(self, where: str, arguments: tuple[str, ...]) -> tuple[Fact, ...]:
        rows = self._db.execute(
            f"SELECT {_FACT_SELECT} FROM facts {where} ORDER BY rowid", arguments
        )
        return tuple(Fact(**dict(zip(_FACT_FIELDS, row, strict=True))) for row in rows)

    def facts_for(self, subject: str, prop: str) -> tuple[Fact, ...]:
        return self._facts_for(subject, prop)

    def _query_facts_about(self, subject: str) -> tuple[Fact, ...]:
        return self._facts("WHERE subject = ?", (subject,))

    def _query_facts_with_value(self, prop: str, value: str) -> tuple[Fact, ...]:
        return self._facts("WHERE property = ? AND value = ?", (prop, value))

    def facts_pointing_to(self, entity: str) -> tuple[Fact, ...]:
        return self._facts("WHERE value = ? AND subject != ?", (entity, entity))

    def all_facts(self) -> Iterator[Fact]:
        rows = self._db.execute(f"SELECT {_FACT_SELECT} FROM facts ORDER BY rowid")
        for row in rows:
            yield Fact(**dict(zip(_FACT_FIELDS, row, strict=True)))

    def has(self, subject: str, prop: str) -> bool:
        return bool(self.facts_for(subject, prop))

    def lookup(self, alias: str) -> tuple[str, ...]:
        return self.aliases.get(normalise(alias))

    def label(self, entity_id: str) -> str:
        entity = self.entities.get(entity_id)
        return entity.label if entity else entity_id

    def parse_title(self, title: str) -> Title:
        return parse_title(title, self.countries)

    def offices_matching(self, title: str) -> list[str]:
        return list(self._offices_matching(title))

    def _query_offices_matching(self, title: str) -> tuple[str, ...]:
        """Offices whose wording matches a title as written: the same core words
        ("deputy foreign minister") and no country that contradicts the office's."""
        parsed = self.parse_title(title)
        if not parsed.core:
            return ()
        rows = self._db.execute(
            "SELECT o.office, o.origins, o.hosts FROM office_cores c JOIN offices o "
            "ON o.office = c.office WHERE c.core = ? ORDER BY o.rowid",
            (" ".join(parsed.core),),
        )
        return tuple(
            office
            for office, origins, hosts in rows
            if _wording(parsed.core, origins, hosts).accepts(parsed)
        )

    def compounds_named(self, parts: frozenset[str], words: frozenset[str]) -> tuple[str, ...]:
        """Entities whose name is built from the given countries (all of them named)
        and whose other name words the sentence holds, at least two of them (or
        the one there is); the best-covered one, or none on a tie."""
        if len(parts) < 2:
            return ()
        scored: list[tuple[int, str]] = []
        for entity, entity_parts, head_words in self._compounds_of(parts):
            if not entity_parts <= parts:
                continue
            found = sum(1 for word in head_words if word in words)
            if found >= min(2, len(head_words)):
                scored.append((found, entity))
        scored.sort(reverse=True)
        if not scored or (len(scored) > 1 and scored[0][0] == scored[1][0]):
            return ()
        return (scored[0][1],)

    def _query_compounds_of(
        self, parts: frozenset[str]
    ) -> tuple[tuple[str, frozenset[str], tuple[str, ...]], ...]:
        rows = self._db.execute(
            "SELECT DISTINCT c.entity, c.parts, c.heads FROM compound_parts p JOIN compounds c "
            f"ON c.entity = p.entity WHERE p.part IN ({', '.join('?' * len(parts))})",
            sorted(parts),
        )
        return tuple(
            (entity, frozenset(entity_parts.split(_SEP)), tuple(heads.split(_SEP)))
            for entity, entity_parts, heads in rows
        )

    def _query_office_origin(self, office: str) -> str:
        row = self._db.execute("SELECT origins FROM offices WHERE office = ?", (office,)).fetchone()
        origins = sorted(o for o in (row[0].split(_SEP) if row else []) if o)
        return origins[0] if origins else ""

    def find_mentions(self, text: str) -> tuple[Mention, ...]:
        """Every longest alias match in `text`, left to right (token n-grams, so the
        cost grows with the text, not with the size of the table)."""
        return self._mentions(text)

    def _match_aliases(self, text: str) -> tuple[Mention, ...]:
        return tuple(self.aliases.match(text))

    def find_triggers(self, text: str) -> list[tuple[int, int, tuple[str, ...]]]:
        return [(m.start, m.end, m.entities) for m in self.triggers.match(text)]


_SEP = "\x1f"
_FACT_FIELDS = (*FACT_COLUMNS, "line")
_FACT_SELECT = ", ".join(_FACT_FIELDS)


def _wording(core: tuple[str, ...], origins: str, hosts: str) -> OfficeWording:
    return OfficeWording(
        cores=frozenset({core}),
        origins=frozenset(o for o in origins.split(_SEP) if o),
        hosts=frozenset(h for h in hosts.split(_SEP) if h),
    )


def _like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _trigger_phrases(properties: Iterable[Property]) -> dict[tuple[str, ...], list[str]]:
    phrases: dict[tuple[str, ...], list[str]] = defaultdict(list)
    for prop in properties:
        for trigger in prop.triggers:
            phrases[normalise(trigger)].append(prop.property)
    return phrases


class _EntityView(Mapping[str, Entity]):
    """Entities by id, read from the database as they are asked for."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self._db = connection
        self._get = functools.lru_cache(maxsize=65536)(self._query)

    def _query(self, entity_id: str) -> Entity | None:
        row = self._db.execute(
            "SELECT id, label, type, aliases, description FROM entities WHERE id = ?",
            (entity_id,),
        ).fetchone()
        return entity_from_row(dict(zip(ENTITY_COLUMNS, row, strict=True))) if row else None

    def __getitem__(self, entity_id: str) -> Entity:
        entity = self._get(entity_id)
        if entity is None:
            raise KeyError(entity_id)
        return entity

    def __contains__(self, entity_id: object) -> bool:
        return isinstance(entity_id, str) and self._get(entity_id) is not None

    def __iter__(self) -> Iterator[str]:
        return (row[0] for row in self._db.execute("SELECT id FROM entities ORDER BY rowid"))

    def __len__(self) -> int:
        return int(self._db.execute("SELECT count(*) FROM entities").fetchone()[0])


class _AliasIndex:
    """The alias index in the database: the same longest-first matching as
    PhraseIndex, with one lookup per word of the draft."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self._db = connection
        self._lengths = functools.lru_cache(maxsize=65536)(self._query_lengths)
        self.get = functools.lru_cache(maxsize=65536)(self._query_ids)
        self._first_words: frozenset[str] | None = None

    @property
    def first_words(self) -> frozenset[str]:
        """The words an alias can start with, read once: testing each word of a
        draft against a set is what keeps matching cheap on a long draft."""
        if self._first_words is None:
            rows = self._db.execute("SELECT word FROM alias_starts")
            self._first_words = frozenset(word for (word,) in rows)
        return self._first_words

    def _query_lengths(self, word: str) -> tuple[int, ...]:
        row = self._db.execute(
            "SELECT lengths FROM alias_starts WHERE word = ?", (word,)
        ).fetchone()
        return tuple(int(n) for n in row[0].split(",")) if row else ()

    def _query_ids(self, key: tuple[str, ...]) -> tuple[str, ...]:
        row = self._db.execute("SELECT ids FROM aliases WHERE key = ?", (" ".join(key),)).fetchone()
        return tuple(row[0].split(_SEP)) if row else ()

    def names(self, prefixes: Iterable[str] = ()) -> Iterator[tuple[str, tuple[str, ...]]]:
        """Every alias, or those with a word starting with each of `prefixes`."""
        wanted = sorted(prefixes)
        if wanted:
            clause = "(key LIKE ? ESCAPE '\\' OR key LIKE ? ESCAPE '\\')"
            where = " AND ".join(clause for _ in wanted)
            arguments = [form for p in wanted for form in (f"{_like(p)}%", f"% {_like(p)}%")]
            rows = self._db.execute(f"SELECT key, ids FROM aliases WHERE {where}", arguments)
        else:
            rows = self._db.execute("SELECT key, ids FROM aliases")
        for key, ids in rows:
            yield key, tuple(ids.split(_SEP))

    def match(self, text: str) -> list[Mention]:
        return _longest_matches(text, self.first_words, self._lengths, self.get)


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

    def match(self, text: str) -> list[Mention]:
        return _longest_matches(text, self.lengths.keys(), self.lengths.get, self.get)


def _longest_matches(
    text: str,
    first_words: AbstractSet[str],
    lengths: Callable[[str], tuple[int, ...] | None],
    lookup: Callable[[tuple[str, ...]], tuple[str, ...]],
) -> list[Mention]:
    """Left to right, the longest phrase starting at each word; `first_words` are
    the words a phrase can start with, `lengths` gives the lengths of the phrases
    that start with a word, longest first."""
    mentions: list[Mention] = []
    reached = 0
    words, folded_words, index = tokens(text), folded(text), positions(text)
    # Few words start a phrase: the draft's distinct words meet the phrases' first
    # words as two sets, then only their tokens are read.
    for i in sorted(i for word in index.keys() & first_words for i in index[word]):
        if i < reached:
            continue
        for n in lengths(folded_words[i]) or ():
            if i + n > len(words):
                continue
            hit = lookup(tuple(folded_words[i : i + n]))
            if hit:
                mentions.append(Mention(start=words[i][0], end=words[i + n - 1][1], entities=hit))
                reached = i + n
                break
    return mentions


# Words that do not change which office a title names. "new", "outgoing" and
# "incoming" name the post the person holds now; "former" names the same post held
# before (the verifier reads that word in the title itself).
_TITLE_FILLER = frozenset(
    {
        "the", "a", "an", "of", "to", "in", "s", "and", "extraordinary", "plenipotentiary",
        "new", "newly", "appointed", "outgoing", "incoming", "former", "ex",
    }
)  # fmt: skip


def parse_title(title: str, countries: Mapping[tuple[str, ...], str]) -> Title:
    words = normalise(title)
    core: list[str] = []
    origin = host = ""
    for i, country, word in _countries_in(words, countries):
        if country:
            preceding = [t for t in words[max(0, i - 2) : i] if t != "the"]
            if preceding and preceding[-1] in ("to", "in"):
                host = country
            else:
                origin = country
        elif word not in _TITLE_FILLER:
            core.append(word)
    return Title(tuple(core), origin, host)


def _countries_in(
    words: tuple[str, ...], countries: Mapping[tuple[str, ...], str]
) -> Iterator[tuple[int, str, str]]:
    """(position, country, "") where a country is named (its longest name first),
    else (position, "", word) for each other word."""
    longest = max((len(k) for k in countries), default=1)
    i = 0
    while i < len(words):
        for n in range(min(longest, len(words) - i), 0, -1):
            country = countries.get(words[i : i + n])
            if country:
                yield i, country, ""
                i += n
                break
        else:
            yield i, "", words[i]
            i += 1


def default_reference_path() -> Path:
    """./reference when it exists, else the reference shipped with factcheck."""
    local = Path("reference")
    if (local / "facts.csv").exists():
        return local
    return bundled_reference_path()


CACHE_VERSION = "5"  # raise when the database layout or what is indexed changes


def default_cache_dir() -> Path:
    configured = os.environ.get("FACTCHECK_CACHE_DIR")
    if configured:
        return Path(configured) / "reference"
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "factcheck" / "reference"


def load_reference(path: str | Path | Sequence[str | Path] | None = None) -> ReferenceTable:
    """Load one reference folder, or several: later folders add rows and replace
    rows with the same id (a newsroom's own facts over a shared table). A later
    folder may hold only some of the three files.

    The CSV files stay the source of truth. Loading validates them and writes a
    SQLite file keyed by their content hash into the cache folder; the next
    load of the same content opens that file instead, without reading the CSVs.
    """
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
    label = " + ".join(str(f) for f in folders)
    cached = _cache_file(folders)
    if cached is not None and cached.exists():
        with contextlib.suppress(sqlite3.DatabaseError):
            return ReferenceTable(_open(cached), label)
    if cached is not None:
        with contextlib.suppress(OSError):
            cached.parent.mkdir(parents=True, exist_ok=True)
            building = cached.with_suffix(f".{os.getpid()}.tmp")
            try:
                with contextlib.closing(sqlite3.connect(building)) as db:
                    _build_database(folders, db)
                building.replace(cached)
                return ReferenceTable(_open(cached), label)
            finally:
                building.unlink(missing_ok=True)
    memory = sqlite3.connect(":memory:")  # no writable cache: build for this run only
    _build_database(folders, memory)
    return ReferenceTable(memory, label)


def _cache_file(folders: Sequence[Path]) -> Path | None:
    digest = hashlib.sha256(CACHE_VERSION.encode())
    for folder in folders:
        for name in ("properties.csv", "entities.csv", "facts.csv"):
            file = folder / name
            digest.update(f"\0{name}\0".encode())
            if file.exists():
                with file.open("rb") as handle:
                    digest.update(hashlib.file_digest(handle, "sha256").digest())
    try:
        return default_cache_dir() / f"{digest.hexdigest()[:32]}.sqlite"
    except RuntimeError:  # no home folder to put a cache in
        return None


def _open(path: Path) -> sqlite3.Connection:
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
    connection.execute("PRAGMA query_only = ON")
    return connection


def _build_database(folders: Sequence[Path], db: sqlite3.Connection) -> None:
    """Validate the CSV rows (stopping at the first bad one) and write them, with
    the indexes the checker queries, into `db`."""
    db.executescript(_SCHEMA)
    properties: dict[str, Property] = {}
    for index, folder in enumerate(folders):
        if index == 0 or (folder / "properties.csv").exists():
            properties.update(_load_properties(folder / "properties.csv"))
    db.executemany(
        "INSERT INTO properties VALUES (?, ?, ?, ?)",
        [
            (p.property, p.value_type, "|".join(p.triggers), p.description)
            for p in properties.values()
        ],
    )
    for index, folder in enumerate(folders):
        if index == 0 or (folder / "entities.csv").exists():
            _insert_entities(db, folder / "entities.csv")
    entity_ids = {row[0] for row in db.execute("SELECT id FROM entities")}
    for index, folder in enumerate(folders):
        if index == 0 or (folder / "facts.csv").exists():
            _insert_facts(db, folder / "facts.csv", entity_ids, properties)
    _index_names(db)
    db.commit()


_SCHEMA = """
PRAGMA journal_mode = OFF;
PRAGMA synchronous = OFF;
CREATE TABLE properties (property TEXT PRIMARY KEY, value_type TEXT, triggers TEXT,
                         description TEXT);
CREATE TABLE entities (id TEXT PRIMARY KEY, label TEXT, type TEXT, aliases TEXT,
                       description TEXT);
CREATE TABLE facts (id TEXT PRIMARY KEY, subject TEXT, property TEXT, value TEXT, unit TEXT,
                    tolerance TEXT, valid_from TEXT, valid_to TEXT, status TEXT,
                    source_url TEXT, source_title TEXT, note TEXT, line INTEGER);
CREATE TABLE aliases (key TEXT PRIMARY KEY, ids TEXT);
CREATE TABLE alias_starts (word TEXT PRIMARY KEY, lengths TEXT);
CREATE TABLE countries (key TEXT PRIMARY KEY, entity TEXT);
CREATE TABLE offices (office TEXT PRIMARY KEY, origins TEXT, hosts TEXT);
CREATE TABLE office_cores (core TEXT, office TEXT);
CREATE TABLE compounds (entity TEXT PRIMARY KEY, parts TEXT, heads TEXT);
CREATE TABLE compound_parts (part TEXT, entity TEXT);
"""
_INDEXES = """
CREATE INDEX facts_subject ON facts (subject, property);
CREATE INDEX facts_property_value ON facts (property, value);
CREATE INDEX facts_value ON facts (value);
CREATE INDEX office_cores_core ON office_cores (core);
CREATE INDEX compound_parts_part ON compound_parts (part);
"""
_BATCH = 20_000


def _insert_entities(db: sqlite3.Connection, path: Path) -> None:
    seen: set[str] = set()
    batch: list[tuple[str, ...]] = []
    for line, row in read_rows(path, ENTITY_COLUMNS):
        for message in entity_row_problems(row, seen):
            raise ReferenceError(message, path=str(path), line=line)
        seen.add(row["id"])
        batch.append(tuple(row[c] for c in ENTITY_COLUMNS))
        if len(batch) >= _BATCH:
            db.executemany("INSERT OR REPLACE INTO entities VALUES (?, ?, ?, ?, ?)", batch)
            batch.clear()
    db.executemany("INSERT OR REPLACE INTO entities VALUES (?, ?, ?, ?, ?)", batch)


def _insert_facts(
    db: sqlite3.Connection, path: Path, entities: Container[str], properties: Mapping[str, Property]
) -> None:
    seen: set[str] = set()
    batch: list[tuple[str | int, ...]] = []
    insert = f"INSERT OR REPLACE INTO facts VALUES ({', '.join('?' * len(_FACT_FIELDS))})"
    for line, row in read_rows(path, FACT_COLUMNS):
        for message in fact_row_problems(row, seen, entities, properties):
            raise ReferenceError(message, path=str(path), line=line)
        seen.add(row["id"])
        batch.append((*(row[c] for c in FACT_COLUMNS), line))
        if len(batch) >= _BATCH:
            db.executemany(insert, batch)
            batch.clear()
    db.executemany(insert, batch)


def _index_names(db: sqlite3.Connection) -> None:
    """The alias index, the countries and the wordings of offices, derived from
    the entities once so that no check has to scan them."""
    owners: dict[str, list[str]] = defaultdict(list)
    countries: dict[str, str] = {}
    offices: list[Entity] = []
    for row in db.execute(
        "SELECT id, label, type, aliases, description FROM entities ORDER BY rowid"
    ):
        entity = entity_from_row(dict(zip(ENTITY_COLUMNS, row, strict=True)))
        for name in (entity.label, *entity.aliases):
            key = " ".join(normalise(name))
            if key and entity.id not in owners[key]:
                owners[key].append(entity.id)
            if key and entity.type == "country":
                countries.setdefault(key, entity.id)
        if entity.type == "office":
            offices.append(entity)
    db.executemany(
        "INSERT INTO aliases VALUES (?, ?)", ((key, _SEP.join(ids)) for key, ids in owners.items())
    )
    lengths: dict[str, set[int]] = defaultdict(set)
    for key in owners:
        words = key.split(" ")
        lengths[words[0]].add(len(words))
    db.executemany(
        "INSERT INTO alias_starts VALUES (?, ?)",
        ((w, ",".join(str(n) for n in sorted(ns, reverse=True))) for w, ns in lengths.items()),
    )
    db.executemany("INSERT INTO countries VALUES (?, ?)", countries.items())
    country_keys = {tuple(key.split(" ")): entity for key, entity in countries.items()}
    _index_compounds(db, country_keys)
    for office in offices:
        titles = [parse_title(name, country_keys) for name in (office.label, *office.aliases)]
        db.execute(
            "INSERT INTO offices VALUES (?, ?, ?)",
            (
                office.id,
                _SEP.join(sorted({t.origin for t in titles if t.origin})),
                _SEP.join(sorted({t.host for t in titles if t.host})),
            ),
        )
        db.executemany(
            "INSERT INTO office_cores VALUES (?, ?)",
            {(" ".join(t.core), office.id) for t in titles if t.core},
        )
    db.executescript(_INDEXES)


_COMPOUND_FILLER = frozenset({"and", "between", "the", "of", "on", "with", "in", "to", "a"})


def _index_compounds(db: sqlite3.Connection, countries: Mapping[tuple[str, ...], str]) -> None:
    """Names built from two or more countries ("Azerbaijan-Russia diplomatic
    relations", "Treaty ... between Azerbaijan and Russia"), so that a sentence
    naming the countries and the rest of the name ("Azerbaijan and Russia
    established diplomatic relations") stands for the entity."""
    rows = db.execute(
        "SELECT id, label FROM entities WHERE type NOT IN ('country', 'person')"
    ).fetchall()
    for entity, label in rows:
        named = list(_countries_in(normalise(label), countries))
        parts = {country for _, country, _ in named if country}
        # A year in the name ("... treaty of 1992") would match any date of that year
        # in the sentence, so only words count.
        heads = [
            word
            for _, country, word in named
            if not country and word not in _COMPOUND_FILLER and not word.isdigit()
        ]
        if len(parts) >= 2 and heads:
            db.execute(
                "INSERT INTO compounds VALUES (?, ?, ?)",
                (entity, _SEP.join(sorted(parts)), _SEP.join(heads)),
            )
            db.executemany(
                "INSERT INTO compound_parts VALUES (?, ?)", [(part, entity) for part in parts]
            )


def read_rows(path: Path, columns: tuple[str, ...]) -> Iterator[tuple[int, dict[str, str]]]:
    """The rows of a CSV file as (line, {column: text}), read in chunks so that
    a million rows never sit in memory at once."""
    import pandas as pd  # imported here: only reading the CSV files needs it

    if not path.exists():
        raise ReferenceError(
            f"missing — the reference needs {path.name} with columns {', '.join(columns)}",
            path=str(path),
        )
    _check_header(path, columns)
    try:
        chunks = pd.read_csv(
            path,
            dtype=str,
            keep_default_na=False,
            na_filter=False,
            encoding="utf-8",
            skip_blank_lines=True,
            chunksize=_BATCH,
        )
        line = 2  # the header is line 1; quoted cells never span lines here
        for chunk in chunks:
            for values in chunk.itertuples(index=False, name=None):
                yield line, {c: str(v).strip() for c, v in zip(columns, values, strict=True)}
                line += 1
    except UnicodeDecodeError:
        raise ReferenceError("is not valid UTF-8 — save it as UTF-8", path=str(path)) from None
    except pd.errors.ParserError as error:
        found = re.search(r"line (\d+)", str(error))
        raise ReferenceError(
            "a row has more cells than the header — quote cells that contain commas",
            path=str(path),
            line=int(found[1]) if found else None,
        ) from None


def _check_header(path: Path, columns: tuple[str, ...]) -> None:
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            header = [c.strip() for c in next(csv.reader(handle), [])]
    except UnicodeDecodeError:
        raise ReferenceError("is not valid UTF-8 — save it as UTF-8", path=str(path)) from None
    if not header:
        raise ReferenceError(f"is empty — it needs the header {','.join(columns)}", path=str(path))
    missing = [c for c in columns if c not in header]
    extra = [c for c in header if c not in columns]
    if missing or extra or header != list(columns):
        what = (
            f"missing column {missing[0]!r}"
            if missing
            else f"unknown column {extra[0]!r}"
            if extra
            else "columns out of order"
        )
        raise ReferenceError(
            f"{what} — the header must be {','.join(columns)}", path=str(path), line=1
        )


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


def property_row_problems(row: Mapping[str, str], known: Container[str]) -> Iterator[str]:
    name = row["property"]
    if not name:
        yield "empty property — every row needs one"
    elif name in known:
        yield f"property {name!r} is defined twice — keep one row"
    if row["value_type"] not in VALUE_TYPES:
        yield f"value_type {row['value_type']!r} is not one of {', '.join(sorted(VALUE_TYPES))}"


def entity_row_problems(row: Mapping[str, str], known: Container[str]) -> Iterator[str]:
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
    entities: Container[str],
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


def _value_problems(value: str, prop: Property, entities: Container[str]) -> Iterator[str]:
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
