"""Link stage: each claim -> the entity it is about, the property it states, and
the evidence for the link (how the subject was identified, which word bound the
property, and how certain the link is: only an exact link may block).

Nothing here knows a particular fact: subjects come from the alias index and the
names the draft gives (those the reference does not hold are subjects of their
own), properties from the trigger words and roles of reference/properties.csv.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from ..models import Claim, ClaimKind, Document, Evidence, LinkedClaim, Strength
from ..reference import ReferenceTable
from .draft import Draft, Name, read_draft
from .people import link_office
from .values import TRIGGER_REACH, first_date_property, link_value


@dataclass(frozen=True, slots=True)
class Links:
    """What linking found in a draft: each claim with its subject and property,
    and every name the draft gives (verification reads them, not the text again)."""

    claims: tuple[LinkedClaim, ...]
    mentions: tuple[Name, ...]  # in text order; those with no entities are unknown


def link_claims(document: Document, claims: Sequence[Claim], reference: ReferenceTable) -> Links:
    draft = read_draft(document, claims, reference)
    linked = _tenures(_terms_beside_titles([_link(claim, draft) for claim in claims], draft), draft)
    return Links(tuple(linked), draft.names)


def _link(claim: Claim, draft: Draft) -> LinkedClaim:
    return _LINKERS.get(claim.kind, link_value)(claim, draft)


# Between a title and the period it was held: "Igor Popov, Russia's co-chair from
# 2010 to 2021", "Louis Bono, the US co-chair since February 2023", "(1998-2004)".
_TERM_GAP = re.compile(r"[ \t]*,?[ \t]*(?:\(|from|since|between|until|till|in)?[ \t]*")


def _terms_beside_titles(linked: list[LinkedClaim], draft: Draft) -> list[LinkedClaim]:
    """A date written right after a titled name is when the person held the title,
    not a date of the office or of anything else the sentence names."""
    scan = draft.document.scan
    for i in range(1, len(linked)):
        office, value = linked[i - 1], linked[i]
        if (
            office.claim.kind is not ClaimKind.OFFICE
            or not office.subject
            or value.claim.kind not in (ClaimKind.DATE, ClaimKind.YEAR)
            or _TERM_GAP.fullmatch(scan, office.claim.span.end, value.claim.span.start) is None
        ):
            continue
        linked[i] = LinkedClaim(
            claim=value.claim,
            subject=office.subject,
            property=office.property,
            evidence=Evidence(
                strength=office.evidence.strength,
                how="term",
                subject_text=" ".join(office.claim.span.text.split()),
                subject_line=office.evidence.subject_line,
                property_word=office.claim.title,
                doubt=office.evidence.doubt,
                note=office.evidence.note,
            ),
        )
    return linked


# "after 22 years in the post", "for a decade as ambassador": a duration of a term
_IN_THE_POST = re.compile(
    r"[ \t]+(?:in[ \t]+(?:the|that|his|her|their)?[ \t]*(?:post|office|job|role|position)|as)\b",
    re.I,
)


# "Sergey Lavrov, Russia's foreign minister for 23 years": a duration right after a title
_FOR_AFTER_A_TITLE = re.compile(
    r"[ \t]*,?[ \t]*for[ \t]+(?:(?:almost|nearly|about|over|more[ \t]+than)[ \t]+)?"
)


def _tenures(linked: list[LinkedClaim], draft: Draft) -> list[LinkedClaim]:
    """A duration "in the post", or written right after a title ("foreign minister
    for 23 years"), is the term of the title named last before it in its sentence."""
    scan = draft.document.scan
    for i, item in enumerate(linked):
        claim = item.claim
        if claim.kind is not ClaimKind.DURATION:
            continue
        previous = linked[i - 1].claim if i else None
        right_after_a_title = (
            previous is not None
            and previous.kind is ClaimKind.OFFICE
            and _FOR_AFTER_A_TITLE.fullmatch(scan, previous.span.end, claim.span.start)
        )
        if not right_after_a_title and not _IN_THE_POST.match(scan, claim.span.end):
            continue
        sentence_start, _ = draft.document.sentence_at(claim.span.start)
        office = next(
            (
                linked[j]
                for j in range(i - 1, -1, -1)
                if linked[j].claim.span.start >= sentence_start
                and linked[j].claim.kind is ClaimKind.OFFICE
            ),
            None,
        )
        if office is None or not office.subject:
            continue
        linked[i] = LinkedClaim(
            claim=claim,
            subject=office.subject,
            property=office.property,
            evidence=replace(
                office.evidence,
                how="tenure",
                subject_text=" ".join(office.claim.span.text.split()),
                property_word=office.claim.title,
            ),
        )
    return linked


def _link_resolution(claim: Claim, draft: Draft) -> LinkedClaim:
    found = draft.reference.lookup(claim.value)
    line, _ = draft.document.line_col(claim.span.start)
    return LinkedClaim(
        claim=claim,
        subject=found[0] if found else "",
        property=draft.reference.role_property("topic"),
        evidence=Evidence(
            strength=Strength.EXACT if found else Strength.NONE,
            how="symbol",
            subject_text=claim.span.text,
            subject_line=line,
        ),
    )


# How a claim of each kind is linked, when not as a value: looked up per claim (an
# enum member read from its class is a slow attribute lookup in Python 3.11).
_LINKERS: dict[ClaimKind, Callable[[Claim, Draft], LinkedClaim]] = {
    ClaimKind.RESOLUTION: _link_resolution,
    ClaimKind.OFFICE: link_office,
}


__all__ = ["TRIGGER_REACH", "Links", "Name", "first_date_property", "link_claims"]
