"""The reference as the checker reads it: queries over the SQLite file that
`load.py` builds, answered through indexes and remembered per table."""

from __future__ import annotations

import functools
import sqlite3
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping
from typing import TypeVar

from ..lexicon import Lexicon
from ..models import Entity, Fact, Property
from ..words import normalise
from .names import (
    Mention,
    OfficeWording,
    PhraseIndex,
    PhraseMatch,
    PhraseStart,
    Title,
    longest_matches,
    parse_title,
)
from .rows import ENTITY_COLUMNS, FACT_COLUMNS, PROPERTY_COLUMNS, entity_from_row, property_from_row

T = TypeVar("T")


class ReferenceTable:
    """A reference as the checker reads it: a SQLite file derived from the CSVs
    (see `load_reference`), queried through indexes, so that a draft's check
    reads a few hundred rows however large the table is."""

    def __init__(self, connection: sqlite3.Connection, path: str, lexicon: Lexicon) -> None:
        self.path = path
        self.lexicon = lexicon
        self._db = connection
        self.properties: dict[str, Property] = {
            row[0]: property_from_row(dict(zip(PROPERTY_COLUMNS, row, strict=True)))
            for row in connection.execute(f"SELECT {', '.join(PROPERTY_COLUMNS)} FROM properties")
        }
        roles: dict[str, list[str]] = {}
        for prop in self.properties.values():
            if prop.role:
                roles.setdefault(prop.role, []).append(prop.property)
        self.roles = {role: tuple(props) for role, props in roles.items()}
        self.triggers = PhraseIndex.build(_trigger_phrases(self.properties.values()))
        self.countries: dict[tuple[str, ...], str] = {
            tuple(key.split(" ")): entity
            for key, entity in connection.execute("SELECT key, entity FROM countries")
        }
        self.country_ids = frozenset(self.countries.values())
        self.fact_count: int = connection.execute("SELECT count(*) FROM facts").fetchone()[0]
        self.topics = frozenset(
            value
            for (value,) in connection.execute(
                "SELECT DISTINCT value FROM facts WHERE property = ?",
                (self.role_property("topic"),),
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
        return tuple(Fact(**dict(zip(FACT_FIELDS, row, strict=True))) for row in rows)

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
            yield Fact(**dict(zip(FACT_FIELDS, row, strict=True)))

    def role_property(self, role: str) -> str:
        """The property that plays a role (properties.csv's role column), or ""."""
        return next(iter(self.roles.get(role, ())), "")

    def facts_for_role(self, subject: str, role: str) -> tuple[Fact, ...]:
        return tuple(f for prop in self.roles.get(role, ()) for f in self.facts_for(subject, prop))

    def facts_with_role_value(self, role: str, value: str) -> tuple[Fact, ...]:
        return tuple(
            f for prop in self.roles.get(role, ()) for f in self.facts_with_value(prop, value)
        )

    def entities_of_type(self, kind: str) -> tuple[str, ...]:
        rows = self._db.execute("SELECT id FROM entities WHERE type = ? ORDER BY rowid", (kind,))
        return tuple(entity for (entity,) in rows)

    def has(self, subject: str, prop: str) -> bool:
        return bool(self.facts_for(subject, prop))

    def lookup(self, alias: str) -> tuple[str, ...]:
        return self.aliases.get(normalise(alias))

    def label(self, entity_id: str) -> str:
        entity = self.entities.get(entity_id)
        return entity.label if entity else entity_id

    def parse_title(self, title: str) -> Title:
        return parse_title(title, self.countries, self.lexicon.set("title_filler"))

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
            (entity, frozenset(entity_parts.split(SEP)), tuple(heads.split(SEP)))
            for entity, entity_parts, heads in rows
        )

    def _query_office_origin(self, office: str) -> str:
        row = self._db.execute("SELECT origins FROM offices WHERE office = ?", (office,)).fetchone()
        origins = sorted(o for o in (row[0].split(SEP) if row else []) if o)
        return origins[0] if origins else ""

    def find_mentions(self, text: str) -> tuple[Mention, ...]:
        """Every longest alias match in `text`, left to right (token n-grams, so the
        cost grows with the text, not with the size of the table)."""
        return tuple(
            Mention(start=start, end=end, entities=ids)
            for start, end, ids in self.find_aliases(text)
        )

    def find_aliases(self, text: str) -> list[PhraseMatch]:
        """The same as (start, end, entity ids), for a caller that makes objects of
        its own of them."""
        return self.aliases.match(text)

    def find_triggers(self, text: str) -> list[PhraseMatch]:
        """Every longest trigger phrase in `text`: (start, end, the properties it binds)."""
        return self.triggers.match(text)


def per_table(function: Callable[..., T]) -> Callable[..., T]:
    """Remember a function's answers for each reference table it is asked about:
    `function(reference, *key)` depends on the table and the key alone, and drafts
    ask the same questions of one table again and again. The answers of the last
    few tables are kept (the desk reloads the table when its files change, and an
    old one is let go with them)."""
    answers = functools.lru_cache(maxsize=4)(lambda reference: {})

    @functools.wraps(function)
    def remembered(reference: ReferenceTable, *key: Hashable) -> T:
        known = answers(reference)
        try:
            return known[key]  # one look-up for the usual case, an answer kept
        except KeyError:
            found = known[key] = function(reference, *key)
            return found

    return remembered


@per_table
def name_words(reference: ReferenceTable, entity: str) -> frozenset[str]:
    """Every word of the entity's names ("trilateral", "ceasefire", "statement")."""
    record = reference.entities[entity]
    return frozenset(word for name in (record.label, *record.aliases) for word in normalise(name))


SEP = "\x1f"
FACT_FIELDS = (*FACT_COLUMNS, "line")
_FACT_SELECT = ", ".join(FACT_FIELDS)


def _wording(core: tuple[str, ...], origins: str, hosts: str) -> OfficeWording:
    return OfficeWording(
        cores=frozenset({core}),
        origins=frozenset(o for o in origins.split(SEP) if o),
        hosts=frozenset(h for h in hosts.split(SEP) if h),
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
        self._starts = functools.lru_cache(maxsize=65536)(self._query_start)
        self.get = functools.lru_cache(maxsize=65536)(self._query_ids)
        # names the reference does not hold recur from draft to draft
        self.continued = functools.lru_cache(maxsize=65536)(self._query_continued)
        self._first_words: frozenset[str] | None = None

    @property
    def first_words(self) -> frozenset[str]:
        """The words an alias can start with, read once: testing each word of a
        draft against a set is what keeps matching cheap on a long draft."""
        if self._first_words is None:
            rows = self._db.execute("SELECT word FROM alias_starts")
            self._first_words = frozenset(word for (word,) in rows)
        return self._first_words

    def _query_start(self, word: str) -> PhraseStart | None:
        row = self._db.execute(
            "SELECT lengths, next_words FROM alias_starts WHERE word = ?", (word,)
        ).fetchone()
        if row is None:
            return None
        lengths, next_words = row
        return PhraseStart(
            lengths=tuple(int(n) for n in lengths.split(",")),
            next_words=frozenset(next_words.split(SEP)) if next_words else frozenset(),
        )

    def _query_ids(self, key: tuple[str, ...]) -> tuple[str, ...]:
        row = self._db.execute("SELECT ids FROM aliases WHERE key = ?", (" ".join(key),)).fetchone()
        return tuple(row[0].split(SEP)) if row else ()

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
            yield key, tuple(ids.split(SEP))

    def _query_continued(self, key: str) -> frozenset[str]:
        """The entities with an alias that begins with the words of `key` and goes
        on after them: a range of the key index, not a scan of every alias."""
        rows = self._db.execute(
            "SELECT ids FROM aliases WHERE key > ? AND key < ?", (key + " ", key + "!")
        )
        return frozenset(entity for (ids,) in rows for entity in ids.split(SEP))

    def match(self, text: str) -> list[PhraseMatch]:
        return longest_matches(text, self.first_words, self._starts, self.get)
