"""Extract stage: Document -> claims, by a registry of claim families.

A family is one module with an `extract(document, lexicon)` function and its
EXAMPLES (what it must find and what it must ignore). To add one, write the
module and list it in FAMILIES below; its words (titles, currencies ...) are rows
of the reference's lexicon.csv.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from ..errors import UsageError
from ..lexicon import Lexicon, default_lexicon
from ..models import Claim, Document
from ..spans import Taken
from . import dates, instruments, numbers, people, sets


@dataclass(frozen=True, slots=True, kw_only=True)
class Examples:
    """`find` maps a text to the normalised values it must yield; `ignore` lists
    texts that must yield no claim of the family."""

    find: tuple[tuple[str, tuple[str, ...]], ...]
    ignore: tuple[str, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class Family:
    name: str
    extract: Callable[[Document, Lexicon], Iterable[Claim]]
    examples: Examples


# Order is priority: where two families claim overlapping text, the earlier wins
# ("Resolution 884 (1993)" is a resolution and a year, never a count).
FAMILIES: tuple[Family, ...] = tuple(
    Family(name=module.NAME, extract=module.extract, examples=Examples(**module.EXAMPLES))
    for module in (instruments, people, sets, dates, numbers)
)


def family_names() -> tuple[str, ...]:
    return tuple(f.name for f in FAMILIES)


def select_families(names: Sequence[str] | None) -> tuple[Family, ...]:
    if not names:
        return FAMILIES
    known = {f.name: f for f in FAMILIES}
    unknown = [n for n in names if n not in known]
    if unknown:
        raise UsageError(f"unknown claim family {unknown[0]!r} — available: {', '.join(known)}")
    return tuple(f for f in FAMILIES if f.name in names)


def extract_claims(
    document: Document, families: Sequence[str] | None = None, lexicon: Lexicon | None = None
) -> list[Claim]:
    """All claims of the selected families, without overlaps, in text order;
    `lexicon` is the reference's (by default, that of the default reference)."""
    lexicon = lexicon or default_lexicon()
    taken = Taken()
    claims: list[Claim] = []
    for family in select_families(families):
        found = [
            c
            for c in family.extract(document, lexicon)
            if not taken.overlaps(c.span.start, c.span.end)
        ]
        taken.add_all((claim.span.start, claim.span.end) for claim in found)
        claims.extend(found)
    claims.sort(key=lambda c: (c.span.start, c.span.end))
    return claims


__all__ = ["FAMILIES", "Examples", "Family", "extract_claims", "family_names", "select_families"]
