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

from ..link import Links
from ..models import ClaimKind, Document, Finding
from ..reference import ReferenceTable
from . import dates, durations, figures, offices, resolutions, sets
from .consistency import check_consistency
from .context import Context, Rule, Stub

RULES: dict[ClaimKind, Rule] = {
    kind: module.RULE
    for module in (dates, durations, figures, resolutions, offices, sets)
    for kind in module.RULE.kinds
}


def verify_claims(document: Document, links: Links, reference: ReferenceTable) -> list[Finding]:
    context = Context.for_draft(document, links, reference)
    judges = {}
    for rule in dict.fromkeys(RULES.values()):  # each rule once, however many kinds it has
        judge = rule.start(context)
        judges.update(dict.fromkeys(rule.kinds, judge))
    findings = [judges[item.claim.kind](item) for item in links.claims]
    return check_consistency(document, findings, reference.lexicon)


__all__ = ["RULES", "Rule", "Stub", "verify_claims"]
