"""The one place a finding is made: the claim's verdict and message, the facts it
was judged against (their sources, once each) and where the claim stands."""

from __future__ import annotations

from collections.abc import Iterable

from ..models import Fact, Finding, LinkedClaim, Source, Verdict
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
) -> Finding:
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
        sources=_sources(facts),
        line=line,
        column=column,
    )


def unlinked(item: LinkedClaim, context: Context) -> Finding:
    """A claim that linking could not tie to a subject and property."""
    return make_finding(
        item,
        Verdict.UNVERIFIED,
        f"No reference fact covers this {item.claim.kind.value} yet: the sentence names no "
        "entity and property the reference holds.",
        context,
    )


def _sources(facts: Iterable[Fact]) -> tuple[Source, ...]:
    sources: list[Source] = []
    for fact in facts:
        source = Source(url=fact.source_url, title=fact.source_title)
        if fact.source_url and source not in sources:
            sources.append(source)
    return tuple(sources)
