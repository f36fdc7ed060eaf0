"""reference/*.csv -> validated rows -> a SQLite cache with the indexes the
checker queries -> ReferenceTable. A bad row stops the run with its file and
line, before any draft is checked."""

from __future__ import annotations

import contextlib
import hashlib
import os
import sqlite3
from collections import defaultdict
from collections.abc import Container, Mapping, Sequence
from pathlib import Path

from ..bundled import bundled_reference_path, default_reference_path
from ..errors import ReferenceError
from ..lexicon import Lexicon, read_lexicon
from ..models import Entity, Property
from ..words import normalise
from .names import countries_in, parse_title, phrase_starts
from .rows import (
    BATCH,
    ENTITY_COLUMNS,
    FACT_COLUMNS,
    PROPERTY_COLUMNS,
    SHARED_ROLES,
    entity_from_row,
    entity_row_problems,
    fact_row_problems,
    property_from_row,
    property_row_problems,
    read_rows,
)
from .table import FACT_FIELDS, SEP, ReferenceTable

_TABLE_FILES = ("properties.csv", "entities.csv", "facts.csv")
CACHE_VERSION = "7"  # raise when the database layout or what is indexed changes


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
    lexicon = read_lexicon(lexicon_files(folders))
    cached = _cache_file(folders)
    if cached is not None and cached.exists():
        with contextlib.suppress(sqlite3.DatabaseError):
            return ReferenceTable(_open(cached), label, lexicon)
    if cached is not None:
        with contextlib.suppress(OSError):
            cached.parent.mkdir(parents=True, exist_ok=True)
            building = cached.with_suffix(f".{os.getpid()}.tmp")
            try:
                with contextlib.closing(sqlite3.connect(building)) as db:
                    _build_database(folders, lexicon, db)
                building.replace(cached)
                return ReferenceTable(_open(cached), label, lexicon)
            finally:
                building.unlink(missing_ok=True)
    memory = sqlite3.connect(":memory:")  # no writable cache: build for this run only
    _build_database(folders, lexicon, memory)
    return ReferenceTable(memory, label, lexicon)


def _cache_file(folders: Sequence[Path]) -> Path | None:
    digest = hashlib.sha256(CACHE_VERSION.encode())
    files = [folder / name for folder in folders for name in _TABLE_FILES]
    for file in [*files, *lexicon_files(folders)]:
        digest.update(f"\0{file.name}\0".encode())
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


def lexicon_files(folders: Sequence[Path]) -> list[Path]:
    """Every folder's lexicon.csv; the bundled one where no folder has one (its
    words are the language's, not the newsroom's facts)."""
    found = [folder / "lexicon.csv" for folder in folders if (folder / "lexicon.csv").exists()]
    return found or [bundled_reference_path() / "lexicon.csv"]


def _build_database(folders: Sequence[Path], lexicon: Lexicon, db: sqlite3.Connection) -> None:
    """Validate the CSV rows (stopping at the first bad one) and write them, with
    the indexes the checker queries, into `db`."""
    db.executescript(_SCHEMA)
    properties: dict[str, Property] = {}
    for index, folder in enumerate(folders):
        path = folder / "properties.csv"
        if index == 0 or path.exists():
            properties.update(_load_properties(path))
            _check_roles(properties, path)
    db.executemany(
        "INSERT INTO properties VALUES (?, ?, ?, ?, ?)",
        [
            (p.property, p.value_type, p.role, "|".join(p.triggers), p.description)
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
    _index_names(db, lexicon)
    db.commit()


_SCHEMA = """
PRAGMA journal_mode = OFF;
PRAGMA synchronous = OFF;
CREATE TABLE properties (property TEXT PRIMARY KEY, value_type TEXT, role TEXT, triggers TEXT,
                         description TEXT);
CREATE TABLE entities (id TEXT PRIMARY KEY, label TEXT, type TEXT, aliases TEXT,
                       description TEXT);
CREATE TABLE facts (id TEXT PRIMARY KEY, subject TEXT, property TEXT, value TEXT, unit TEXT,
                    tolerance TEXT, valid_from TEXT, valid_to TEXT, status TEXT,
                    source_url TEXT, source_title TEXT, note TEXT, line INTEGER);
CREATE TABLE aliases (key TEXT PRIMARY KEY, ids TEXT);
CREATE TABLE alias_starts (word TEXT PRIMARY KEY, lengths TEXT, next_words TEXT);
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


def _insert_entities(db: sqlite3.Connection, path: Path) -> None:
    seen: set[str] = set()
    batch: list[tuple[str, ...]] = []
    for line, row in read_rows(path, ENTITY_COLUMNS):
        for message in entity_row_problems(row, seen):
            raise ReferenceError(message, path=str(path), line=line)
        seen.add(row["id"])
        batch.append(tuple(row[c] for c in ENTITY_COLUMNS))
        if len(batch) >= BATCH:
            db.executemany("INSERT OR REPLACE INTO entities VALUES (?, ?, ?, ?, ?)", batch)
            batch.clear()
    db.executemany("INSERT OR REPLACE INTO entities VALUES (?, ?, ?, ?, ?)", batch)


def _insert_facts(
    db: sqlite3.Connection, path: Path, entities: Container[str], properties: Mapping[str, Property]
) -> None:
    seen: set[str] = set()
    batch: list[tuple[str | int, ...]] = []
    insert = f"INSERT OR REPLACE INTO facts VALUES ({', '.join('?' * len(FACT_FIELDS))})"
    for line, row in read_rows(path, FACT_COLUMNS):
        for message in fact_row_problems(row, seen, entities, properties):
            raise ReferenceError(message, path=str(path), line=line)
        seen.add(row["id"])
        batch.append((*(row[c] for c in FACT_COLUMNS), line))
        if len(batch) >= BATCH:
            db.executemany(insert, batch)
            batch.clear()
    db.executemany(insert, batch)


def _index_names(db: sqlite3.Connection, lexicon: Lexicon) -> None:
    """The alias index, the countries and the wordings of offices, derived from
    the entities once so that no check has to scan them."""
    filler = lexicon.set("title_filler")
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
        "INSERT INTO aliases VALUES (?, ?)", ((key, SEP.join(ids)) for key, ids in owners.items())
    )
    db.executemany(
        "INSERT INTO alias_starts VALUES (?, ?, ?)",
        (
            (word, ",".join(str(n) for n in start.lengths), SEP.join(sorted(start.next_words)))
            for word, start in phrase_starts(tuple(key.split(" ")) for key in owners).items()
        ),
    )
    countries.update(_capitals(db, owners, countries))
    db.executemany("INSERT INTO countries VALUES (?, ?)", countries.items())
    country_keys = {tuple(key.split(" ")): entity for key, entity in countries.items()}
    _index_compounds(db, country_keys)
    for office in offices:
        titles = [
            parse_title(name, country_keys, filler) for name in (office.label, *office.aliases)
        ]
        db.execute(
            "INSERT INTO offices VALUES (?, ?, ?)",
            (
                office.id,
                SEP.join(sorted({t.origin for t in titles if t.origin})),
                SEP.join(sorted({t.host for t in titles if t.host})),
            ),
        )
        db.executemany(
            "INSERT INTO office_cores VALUES (?, ?)",
            {(" ".join(t.core), office.id) for t in titles if t.core},
        )
    db.executescript(_INDEXES)


_COMPOUND_FILLER = frozenset({"and", "between", "the", "of", "on", "with", "in", "to", "a"})


def _capitals(
    db: sqlite3.Connection, owners: Mapping[str, list[str]], countries: Mapping[str, str]
) -> dict[str, str]:
    """Each name of a capital as a name of its country, for reading titles only: "the
    ambassador in Moscow" is the ambassador to Russia."""
    rows = db.execute(
        "SELECT f.subject, f.value FROM facts f JOIN properties p ON p.property = f.property "
        "WHERE p.role = 'capital' AND f.status = 'established'"
    )
    capital_of = dict(rows.fetchall())
    return {
        key: capital_of[entity]
        for key, ids in owners.items()
        for entity in ids
        if entity in capital_of and key not in countries
    }


def _index_compounds(db: sqlite3.Connection, countries: Mapping[tuple[str, ...], str]) -> None:
    """Names built from two or more countries ("Azerbaijan-Russia diplomatic
    relations", "Treaty ... between Azerbaijan and Russia"), so that a sentence
    naming the countries and the rest of the name ("Azerbaijan and Russia
    established diplomatic relations") stands for the entity."""
    rows = db.execute(
        "SELECT id, label FROM entities WHERE type NOT IN ('country', 'person')"
    ).fetchall()
    for entity, label in rows:
        named = list(countries_in(normalise(label), countries))
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
                (entity, SEP.join(sorted(parts)), SEP.join(heads)),
            )
            db.executemany(
                "INSERT INTO compound_parts VALUES (?, ?)", [(part, entity) for part in parts]
            )


def _check_roles(properties: Mapping[str, Property], path: Path) -> None:
    """A folder that gives a role to a property must not leave it on another one."""
    holders: dict[str, str] = {}
    for prop in properties.values():
        if prop.role in SHARED_ROLES:
            continue
        if prop.role and holders.setdefault(prop.role, prop.property) != prop.property:
            raise ReferenceError(
                f"role {prop.role!r} is held by both {holders[prop.role]} and {prop.property} "
                "— a role belongs to one property",
                path=str(path),
            )


def _load_properties(path: Path) -> dict[str, Property]:
    properties: dict[str, Property] = {}
    for line, row in read_rows(path, PROPERTY_COLUMNS):
        for message in property_row_problems(row, properties):
            raise ReferenceError(message, path=str(path), line=line)
        properties[row["property"]] = property_from_row(row)
    return properties
