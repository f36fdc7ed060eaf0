"""Linking an office claim ("Foreign Minister Sergey Lavrov") to the person it
names. A name the reference spells a little differently, for a person who held the
office the title names, is linked too: the spelling is then the finding."""

from __future__ import annotations

import functools
import re

from ..models import Claim, Evidence, LinkedClaim, Strength
from ..reference import ReferenceTable
from ..words import normalise
from .draft import Draft


def link_office(claim: Claim, draft: Draft) -> LinkedClaim:
    reference = draft.reference
    people = [e for e in reference.lookup(claim.value) if reference.entities[e].type == "person"]
    if people:
        doubt = ""
        if len(people) > 1:
            # A bare surname shared by several people: the one the draft named first.
            people.sort(key=lambda e: draft.first_named.get(e, len(draft.document.text)))
            if people[0] not in draft.first_named:
                doubt = f"'{claim.value}' names {len(people)} people in the reference"
        return _person(claim, draft, people[0], "name", doubt=doubt)
    romanised = _romanised_alike(claim, reference)
    if romanised:
        note = f"another romanisation of '{reference.label(romanised)}'"
        return _person(claim, draft, romanised, "name", note=note)
    spelt = _spelt_alike(claim, reference)
    if spelt:
        note = f"the reference spells the name '{reference.label(spelt)}'"
        return _person(claim, draft, spelt, "spelling", note=note)
    return LinkedClaim(claim=claim, property=reference.role_property("term"))


def _person(
    claim: Claim, draft: Draft, person: str, how: str, *, doubt: str = "", note: str = ""
) -> LinkedClaim:
    """The claim linked to a person's term of office; a doubt makes the link a guess."""
    line, _ = draft.document.line_col(claim.span.start)
    return LinkedClaim(
        claim=claim,
        subject=person,
        property=draft.reference.role_property("term"),
        evidence=Evidence(
            strength=Strength.INFERRED if doubt else Strength.EXACT,
            how=how,
            subject_text=claim.value,
            subject_line=line,
            property_word=claim.title,
            doubt="shared" if doubt else "",
            note=doubt or note,
        ),
    )


# The ways one Armenian, Azerbaijani or Russian name is written in Latin letters:
# "Arzoumanian" and "Arzumanian", "Harutyunyan" and "Harutiunyan", "Tofig" and "Tofiq",
# "Oskanian" and "Oskanyan". A name that differs from the reference's only so is the
# same name, not a misspelling ("Igor Popoff" and "Andrew Shofer" still are).
_ROMANISATIONS = (("ou", "u"), ("iu", "yu"), ("ju", "yu"), ("q", "g"), ("x", "kh"), ("ə", "a"))
_IAN = re.compile(r"ian\b")


def _romanised(words: tuple[str, ...]) -> str:
    key = _IAN.sub("yan", " ".join(words))
    for written, common in _ROMANISATIONS:
        key = key.replace(written, common)
    return key


@functools.lru_cache(maxsize=4)
def _people_by_romanisation(reference: ReferenceTable) -> dict[str, frozenset[str]]:
    found: dict[str, set[str]] = {}
    for entity in reference.entities_of_type("person"):
        record = reference.entities[entity]
        for name in (record.label, *record.aliases):
            words = normalise(name)
            if len(words) >= 2:
                found.setdefault(_romanised(words), set()).add(entity)
    return {key: frozenset(people) for key, people in found.items()}


def _romanised_alike(claim: Claim, reference: ReferenceTable) -> str:
    """The one person whose full name the claim writes in another romanisation."""
    words = normalise(claim.value)
    if len(words) < 2:
        return ""
    people = _people_by_romanisation(reference).get(_romanised(words), frozenset())
    return next(iter(people)) if len(people) == 1 else ""


def _spelt_alike(claim: Claim, reference: ReferenceTable) -> str:
    """The one person whose name is within a small edit of the claim's and who
    held an office the title names: "Igor Popoff, the Russian co-chair"."""
    words = normalise(claim.value)
    written = " ".join(words)
    if len(words) < 2 or len(written) < 6 or not claim.title:
        return ""
    offices = set(reference.offices_matching(claim.title))
    if not offices:
        return ""
    allowed = _allowed(written)
    # A misspelling keeps the surname's first letter and its length within two
    # (only names that long are read: a longer or shorter one is further off).
    names = _person_names(reference)
    close = {
        entity
        for length in range(len(written) - allowed, len(written) + allowed + 1)
        for entity, name in names.get((words[-1][0], length), ())
        if 0 < _distance(written, name, allowed) <= allowed
    }
    term = reference.role_property("term")
    held = [e for e in close if any(f.value in offices for f in reference.facts_for(e, term))]
    return held[0] if len(held) == 1 else ""


def _allowed(name: str) -> int:
    return 1 if len(name) < 10 else 2


@functools.lru_cache(maxsize=4)
def _person_names(reference: ReferenceTable) -> dict[tuple[str, int], tuple[tuple[str, str], ...]]:
    """Every full name (two words or more) of every person, folded, by the first
    letter of its last word and its length; read once per reference."""
    names: dict[tuple[str, int], list[tuple[str, str]]] = {}
    for entity in reference.entities_of_type("person"):
        record = reference.entities[entity]
        for name in (record.label, *record.aliases):
            words = normalise(name)
            if len(words) >= 2:
                written = " ".join(words)
                names.setdefault((words[-1][0], len(written)), []).append((entity, written))
    return {key: tuple(found) for key, found in names.items()}


def _distance(a: str, b: str, limit: int) -> int:
    """Edits (insert, delete, replace, swap two neighbours) from a to b, or limit + 1
    when there are more. Only the cells within `limit` of the diagonal can hold
    fewer, and the rows stop once two in a row hold none: most names in the
    reference part from the claim's in their first letters."""
    over = limit + 1
    if abs(len(a) - len(b)) > limit:
        return over
    width = len(b) + 1
    previous2: list[int] = []
    previous = [j if j <= limit else over for j in range(width)]
    for i, x in enumerate(a, 1):
        current = [i if i <= limit else over] + [over] * len(b)
        for j in range(max(1, i - limit), min(len(b), i + limit) + 1):
            y = b[j - 1]
            cost = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x != y))
            if i > 1 and j > 1 and x == b[j - 2] and a[i - 2] == y:
                cost = min(cost, previous2[j - 2] + 1)
            current[j] = min(cost, over)
        if min(current) > limit and min(previous) > limit:
            return over
        previous2, previous = previous, current
    return previous[-1]
