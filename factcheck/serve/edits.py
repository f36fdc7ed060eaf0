"""The edits the page's buttons make to a draft: a finding's suggestion put in
place of the words it corrects, and a suppression comment at the end of the
claim's line. Offsets are characters of the draft's text, as in the findings."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..models import ClaimKind, Document, Finding, Verdict
from ..reference import ReferenceTable

# A figure as a draft writes it: digits, or a number word.
_NUMBER = re.compile(
    r"\b(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|"
    r"fifty|sixty|seventy|eighty|ninety|hundred|a dozen|dozens?)\b",
    re.I,
)
_FIGURE_KINDS = frozenset({ClaimKind.COUNT, ClaimKind.PERCENT, ClaimKind.DURATION})


@dataclass(frozen=True, slots=True, kw_only=True)
class Edit:
    start: int
    end: int
    text: str


def suggested_edit(finding: Finding, reference: ReferenceTable) -> Edit | None:
    """The suggestion in place of the words it corrects: the figure of a count
    ("nine surrounding districts" -> "7 surrounding districts"), the name or the
    title of an office-holder ("Foreign Minister X": the holder's name when the
    suggestion is a person, the title when it is an office), else the whole claim."""
    suggestion = finding.suggestion
    claim = finding.claim
    if not suggestion or finding.verdict is Verdict.SUPPORTED:
        return None
    span = claim.span
    if claim.kind in _FIGURE_KINDS:
        written = _NUMBER.search(span.text)
        figure = _NUMBER.match(suggestion)
        if written and figure:
            return Edit(
                start=span.start + written.start(),
                end=span.start + written.end(),
                text=figure[0],
            )
    if claim.kind is ClaimKind.OFFICE and span.text.endswith(claim.value):
        name_start = span.end - len(claim.value)
        if reference.offices_matching(suggestion):
            return Edit(start=span.start, end=name_start, text=suggestion + " ")
        return Edit(start=name_start, end=span.end, text=suggestion)
    return Edit(start=span.start, end=span.end, text=suggestion)


def line_end(document: Document, offset: int) -> int:
    """Where a comment closing the line of `offset` goes."""
    end = document.text.find("\n", offset)
    return len(document.text) if end < 0 else end


def can_suppress(finding: Finding) -> bool:
    """Suppressions cover failing and warning verdicts of claims, not agreement
    and not the draft's own comments."""
    return (
        finding.verdict is not Verdict.SUPPORTED
        and finding.claim.kind is not ClaimKind.SUPPRESSION
        and not finding.suppressed
    )
