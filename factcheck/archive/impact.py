"""What a change of the reference can alter in an index, read from the changed rows:
which claims it may judge differently, and in which articles it may move a link.

A stored link is the linker's answer for the reference the index was built with.
Most corrections (a fact's value, term or status) leave every link where it was,
and then a sweep judges the touched claims again from their stored links, which
is what makes `--since` fast. A change can move a link only through what the
linker reads of the reference:

- names, trigger words, value types, roles (entities.csv, properties.csv), and
  the capitals that stand for their countries in titles: any article, so all are
  linked again;
- which (subject, property) pairs have a fact at all (a fact added, removed or
  moved to another subject or property): articles naming its entities;
- an entity's dates, which decide what a description such as "the treaty" names
  in a sentence that gives a date, and which of its dates a span of years runs
  from;
- the offices people held, which decide whether a name spelt a little
  differently is someone who holds the title beside it.

Each case names the keys (rows.py) of the articles it may move links in.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from factcheck import ReferenceTable
from factcheck.link import first_date_property
from factcheck.models import Fact, Property

from .reference_files import RowChange
from .rows import described_key, entity_key, fact_key, name_key, office_key, property_key

# Roles whose facts the linker reads through a derived index (the countries of titles).
_READ_FOR_NAMES = frozenset({"capital"})


@dataclass(frozen=True, slots=True, kw_only=True)
class Impact:
    everything: bool  # every article must be linked again
    judged: frozenset[str]  # keys of the claims whose verdict may change
    relinked: frozenset[str]  # keys of the articles whose links may move


def impact_of(changes: Sequence[RowChange], reference: ReferenceTable) -> Impact:
    """`reference`: the table as it is now (a changed property is a change of
    properties.csv, which links everything again)."""
    judged: set[str] = set()
    relinked: set[str] = set()
    everything = False
    dated: dict[str, list[RowChange]] = defaultdict(list)
    for change in changes:
        judged.update(entity_key(e) for e in change.entities)
        judged.update(property_key(p) for p in change.properties)
        if change.file != "facts.csv":
            everything = True
            continue
        judged.add(fact_key(change.key))
        rows = [r for r in (change.before, change.after) if r]
        roles = {_property(r["property"], reference).role for r in rows}
        if roles & _READ_FOR_NAMES:
            everything = True
        elif change.relinks:  # a (subject, property) pair gained or lost a fact
            relinked.update(name_key(e) for e in change.entities)
            relinked.update(described_key(e) for e in change.entities)
            if "term" in roles:
                relinked.update(office_key(r["value"]) for r in rows)
        else:
            before, after = change.before or {}, change.after or {}
            if "term" in roles and before.get("value") != after.get("value"):
                relinked.update(office_key(r["value"]) for r in rows)
            if _property(after["property"], reference).value_type == "date" and any(
                before.get(k) != after.get(k) for k in ("value", "status")
            ):
                relinked.add(described_key(after["subject"]))
                dated[after["subject"]].append(change)
    for entity, found in dated.items():
        if _first_date_moves(entity, found, reference):
            relinked.add(name_key(entity))
    return Impact(everything=everything, judged=frozenset(judged), relinked=frozenset(relinked))


def _property(prop: str, reference: ReferenceTable) -> Property:
    # a property the reference no longer has is a change of properties.csv, which
    # links everything again: here it plays no role
    return reference.properties.get(prop) or Property(property=prop, value_type="")


def _first_date_moves(entity: str, changes: Iterable[RowChange], reference: ReferenceTable) -> bool:
    """Whether the entity's first date (what "after 22 years" runs from) was of
    another property before these changes of its dates' values."""
    before: Mapping[str, Mapping[str, str]] = {c.key: c.before for c in changes if c.before}
    now = reference.facts_about(entity)
    then = [_as_it_was(f, before[f.id]) if f.id in before else f for f in now]
    return first_date_property(now, reference) != first_date_property(then, reference)


def _as_it_was(fact: Fact, row: Mapping[str, str]) -> Fact:
    return replace(fact, value=row["value"], status=row["status"])
