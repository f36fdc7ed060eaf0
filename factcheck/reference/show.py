"""`factcheck reference show QUERY`: find entities by any alias, forgiving case,
accents and small typos, and list what the reference says about them."""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from dataclasses import dataclass

from ..datetext import human_date
from ..models import Entity, Fact
from ..words import normalise
from .table import ReferenceTable

_DATE_LIKE = ("date",)


@dataclass(frozen=True, slots=True)
class Match:
    entity: Entity
    alias: str  # the alias that matched, as folded words
    exact: bool


def find_entities(table: ReferenceTable, query: str, limit: int = 5) -> list[Match]:
    """Exact alias matches first; otherwise the closest aliases (small typos)."""
    key = normalise(query)
    if not key:
        return []
    exact = table.aliases.get(key)
    if exact:
        return [Match(table.entities[e], " ".join(key), True) for e in exact]
    # Candidates have a word starting like each word of the query: a typo rarely
    # hits the first two letters, and this keeps a million aliases out of difflib.
    names = dict(table.aliases.names(prefixes={word[:2] for word in key}))
    wanted = " ".join(key)
    close = difflib.get_close_matches(wanted, names, n=limit, cutoff=0.75)
    close += [n for n in names if wanted in n and n not in close][: max(0, limit - len(close))]
    found: list[Match] = []
    for name in close:
        for entity_id in names[name]:
            if all(m.entity.id != entity_id for m in found):
                found.append(Match(table.entities[entity_id], name, False))
    return found[:limit]


def describe(table: ReferenceTable, entity: Entity) -> Iterator[str]:
    yield f"{entity.label} ({entity.type}, id {entity.id})"
    if entity.aliases:
        yield f"  aliases: {' | '.join(entity.aliases)}"
    if entity.description:
        yield f"  {entity.description}"
    about = table.facts_about(entity.id)
    pointing = table.facts_pointing_to(entity.id)
    for fact in about:
        yield _fact_line(
            table,
            fact,
            table.label(fact.value) if fact.value in table.entities else _value(table, fact),
        )
    for fact in pointing:
        yield _fact_line(table, fact, table.label(fact.subject), inverse=True)
    if not about and not pointing:
        yield "  no facts yet"


def _fact_line(table: ReferenceTable, fact: Fact, value: str, *, inverse: bool = False) -> str:
    valid = ""
    if fact.valid_from or fact.valid_to:
        valid = f" [{fact.valid_from or '?'} – {fact.valid_to or 'now'}]"
    status = "" if fact.status == "established" else f" ({fact.status})"
    source = f"{fact.source_title} <{fact.source_url}>" if fact.source_title else fact.source_url
    relation = f"{fact.property} of" if inverse else fact.property
    return f"  {relation}: {value}{valid}{status}\n      {fact.id}, source: {source}"


def _value(table: ReferenceTable, fact: Fact) -> str:
    if table.properties[fact.property].value_type in _DATE_LIKE:
        return human_date(fact.value)
    return f"{fact.value} {fact.unit}".strip()
