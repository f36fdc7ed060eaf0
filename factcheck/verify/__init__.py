"""Verify stage: linked claims + reference -> findings with verdicts.

First each claim is held against the reference by the rule of its kind
(supported, contradicted, outdated, disputed, unverified); then the draft is held
against itself (consistency.py), which turns a claim inconsistent.

A rule module (dates, durations, figures, resolutions, offices, sets) holds everything
its kinds need beyond extraction and linking; RULES below registers them. A new
kind of claim is one extract module, one rule module here and rows in the
reference.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable

from ..link import Links
from ..models import ClaimKind, Document, Finding
from ..reference import ReferenceTable
from . import dates, durations, figures, offices, resolutions, sets
from .consistency import check_consistency, decided_alone
from .context import Context, Rule, Stub, draft_dates

_EACH_RULE = tuple(
    module.RULE for module in (dates, durations, figures, resolutions, offices, sets)
)
RULES: dict[ClaimKind, Rule] = {kind: rule for rule in _EACH_RULE for kind in rule.kinds}


def verify_claims(document: Document, links: Links, reference: ReferenceTable) -> list[Finding]:
    return check_consistency(document, judge_claims(document, links, reference), reference.lexicon)


def judge_claims(
    document: Document,
    links: Links,
    reference: ReferenceTable,
    only: Collection[int] | None = None,
    *,
    dates: Iterable[tuple[int, str]] | None = None,
) -> list[Finding]:
    """Each claim held against the reference by its kind's rule, before the draft
    is held against itself; with `only`, just the claims at those positions of
    `links.claims` (an archive sweep judges only what a changed fact touches).
    `dates`: the draft's (offset, value) dates, where `links` holds only the
    claims to judge, none of whose rules `reads_links`."""
    items = links.claims if only is None else [links.claims[i] for i in sorted(only)]
    context = Context.for_draft(document, links, reference, dates)
    judges = {}
    kinds = {item.claim.kind for item in items}
    for rule in _EACH_RULE:
        if kinds.intersection(rule.kinds):
            judges.update(dict.fromkeys(rule.kinds, rule.start(context)))
    return [judges[item.claim.kind](item) for item in items]


__all__ = [
    "RULES",
    "Rule",
    "Stub",
    "check_consistency",
    "decided_alone",
    "draft_dates",
    "judge_claims",
    "verify_claims",
]
