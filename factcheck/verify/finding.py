"""The one place a finding is made: the claim's verdict and message, the facts it
was judged against (their sources, once each) and where the claim stands."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from ..models import ClaimKind, Fact, Finding, LinkedClaim, Source, Strength, Verdict
from .context import Context


def make_finding(
    item: LinkedClaim,
    verdict: Verdict,
    message: str,
    context: Context,
    *,
    facts: Iterable[Fact] = (),
    expected: str = "",
    suggestion: str = "",
    near_miss: bool = False,
) -> Finding:
    """A finding on the claim. A verdict that would block rests on a certain link
    only: on a guessed one it is reported as unverified, the guess as a hint. A
    description ("the trilateral statement of 10 November 2021") is certain enough
    when the value misses the reference's by one part only (`near_miss`): a slip
    about that thing, not another thing of its kind."""
    evidence = item.evidence
    if verdict in _NEEDS_CERTAINTY:
        if near_miss and evidence.doubt == "descriptive":
            evidence = replace(
                evidence,
                strength=Strength.EXACT,
                doubt="",
                note=f"{evidence.note}, but the value misses the reference's in one part only",
            )
        elif not evidence.exact:
            label = context.reference.label(item.subject)
            note = item.evidence.note or "the link is a guess"
            verdict, suggestion = Verdict.UNVERIFIED, ""
            message = f"Not checked: {note}. If the claim is about {label}: {message}"
    judged = tuple(facts)
    line, column = context.document.line_col(item.claim.span.start)
    return Finding(
        claim=item.claim,
        verdict=verdict,
        message=message,
        subject=item.subject,
        subject_label=context.reference.label(item.subject) if item.subject else "",
        property=item.property,
        expected=expected,
        suggestion=suggestion,
        sources=_sources(judged) if judged else (),
        line=line,
        column=column,
        evidence=evidence,
        facts=judged,
    )


_NEEDS_CERTAINTY = frozenset({Verdict.CONTRADICTED, Verdict.OUTDATED})


def unlinked(item: LinkedClaim, context: Context) -> Finding:
    """A claim that linking could not tie to a subject and property."""
    if item.evidence.how == "unknown":
        message = (
            f"No reference fact covers this {item.claim.kind.value}: it is about "
            f"'{item.evidence.subject_text}', which the reference does not hold yet."
        )
    else:
        message = _NOTHING_NAMED[item.claim.kind]
    return make_finding(item, Verdict.UNVERIFIED, message, context)


# Most claims of a draft are about things the reference does not hold: their
# message is written once per kind, not per claim.
_NOTHING_NAMED = {
    kind: f"No reference fact covers this {kind.value} yet: the sentence names no "
    "entity and property the reference holds."
    for kind in ClaimKind
}


def _sources(facts: Iterable[Fact]) -> tuple[Source, ...]:
    sources: list[Source] = []
    for fact in facts:
        source = Source(url=fact.source_url, title=fact.source_title)
        if fact.source_url and source not in sources:
            sources.append(source)
    return tuple(sources)
