"""Percentages and counts: a figure against the reference's, hedges read as
ranges ("about 20 percent", "more than 20") and each fact's own tolerance."""

from __future__ import annotations

from ..models import Claim, ClaimKind, Fact, Finding, LinkedClaim
from .context import Context, Judge, Rule, Stub
from .finding import unlinked
from .values import as_written, human_fact_value, judge, number_renderings, one_part_off


def start(context: Context) -> Judge:
    return lambda item: check(item, context)


def check(item: LinkedClaim, context: Context) -> Finding:
    if not item.subject or not item.property:
        return unlinked(item, context)
    facts = context.reference.facts_for(item.subject, item.property)
    return judge(
        item,
        facts,
        context,
        matches=matches,
        suggest=lambda claim, fact: human_fact_value(fact),
        describe=as_written,
        near=lambda claim, fact: one_part_off(claim.value, fact.value),
    )


def matches(claim: Claim, fact: Fact) -> bool:
    if claim.quantity is None:
        return False
    value = float(fact.value)
    tolerance = float(fact.tolerance) if fact.tolerance else 0.0
    low = claim.quantity.low if claim.quantity.low is not None else -float("inf")
    high = claim.quantity.high if claim.quantity.high is not None else float("inf")
    return low - tolerance <= value <= high + tolerance


def renderings(claim: Claim) -> list[str]:
    if claim.kind is ClaimKind.PERCENT:
        value = claim.value
        return [f"{value}%", f"{value} %", f"{value} percent", f"{value} per cent"]
    return number_renderings(claim.value)


RULE = Rule(
    kinds=(ClaimKind.PERCENT, ClaimKind.COUNT),
    start=start,
    describe=as_written,
    renderings=renderings,
    stub=lambda claim: Stub(value=claim.value, unit=claim.unit),
)
