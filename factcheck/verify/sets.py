"""Who took part: the mediators, parties, signatories or co-chairs a sentence
names against the set the reference holds (one row per member of an entity-valued
property, each with its source and validity). A name that is not a member, or a
member left out of a list that claims to be whole, is an error; a list introduced
as partial ("including") need only hold members."""

from __future__ import annotations

from ..models import Claim, ClaimKind, Fact, Finding, LinkedClaim, Verdict
from ..reference import ReferenceTable
from .context import Context, Judge, Rule, Stub
from .finding import make_finding, unlinked
from .values import in_force


def start(context: Context) -> Judge:
    return lambda item: check(item, context)


def check(item: LinkedClaim, context: Context) -> Finding:
    if not item.subject or not item.property:
        return unlinked(item, context)
    reference = context.reference
    label = reference.label(item.subject)
    what = item.property.replace("_", " ")
    members = [
        f
        for f in in_force(reference.facts_for(item.subject, item.property), item.claim, context)
        if f.status == "established"
    ]
    if not members:
        return make_finding(
            item,
            Verdict.UNVERIFIED,
            f"The reference holds no {what} of {label} for that time yet.",
            context,
        )
    named = names_of(item.claim)
    found = {name: _entity(name, reference) for name in named}
    unknown = [name for name, entity in found.items() if not entity]
    expected = _listed(members, reference)
    if unknown:
        return make_finding(
            item,
            Verdict.UNVERIFIED,
            f"{', '.join(unknown)}: not in the reference, so the list cannot be checked; "
            f"the reference gives {expected} ({label} — {what}).",
            context,
            facts=members,
            expected=expected,
        )
    held = {f.value for f in members}
    kinds = {reference.entities[f.value].type for f in members if f.value in reference.entities}
    other = [
        n
        for n, e in found.items()
        if e in reference.entities and reference.entities[e].type not in kinds
    ]
    if other:
        # "the co-chairs, Andrew Schofer (US), ...": people where the reference lists states
        return make_finding(
            item,
            Verdict.UNVERIFIED,
            f"{', '.join(other)}: not of the kind the reference lists as {what} of {label} "
            f"({expected}), so the list is not compared.",
            context,
            facts=members,
            expected=expected,
        )
    wrong = [name for name, entity in found.items() if entity not in held]
    missing = [f for f in members if f.value not in found.values()]
    # one name is a member, not the whole list: "co-chaired by Russia since 1997"
    whole = len(named) > 1 and not _partial(item.claim, context)
    if wrong or (missing and whole):
        problems = []
        if wrong:
            problems.append(f"not {', '.join(wrong)}")
        if missing and whole:
            problems.append(f"also {_listed(missing, reference)}")
        return make_finding(
            item,
            Verdict.CONTRADICTED,
            f"The reference gives {expected} ({label} — {what}): {'; '.join(problems)}.",
            context,
            facts=members,
            expected=expected,
            suggestion=expected,
        )
    return make_finding(
        item,
        Verdict.SUPPORTED,
        f"{label} — {what}: {expected}.",
        context,
        facts=members,
        expected=expected,
    )


def names_of(claim: Claim) -> list[str]:
    return [name for name in claim.value.split("|") if name]


def _entity(name: str, reference: ReferenceTable) -> str:
    found = reference.lookup(name)
    return found[0] if len(found) == 1 else ""


def _listed(facts: list[Fact], reference: ReferenceTable) -> str:
    labels = [reference.label(f.value) for f in facts]
    return labels[0] if len(labels) == 1 else f"{', '.join(labels[:-1])} and {labels[-1]}"


def _partial(claim: Claim, context: Context) -> bool:
    """ "co-chaired by, among others, France": a list that names only some."""
    start, _ = context.sentence_of(claim)
    before = context.document.scan[start : claim.span.start]
    return context.reference.lexicon.pattern("partial_list").search(before) is not None


RULE = Rule(
    kinds=(ClaimKind.SET,),
    start=start,
    describe=lambda claim: ", ".join(names_of(claim)),
    renderings=names_of,
    stub=lambda claim: Stub(value="", note=f"one row per member: {', '.join(names_of(claim))}; "),
)
