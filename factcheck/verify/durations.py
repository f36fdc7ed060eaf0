"""Durations: "for almost 30 years", "the 30th anniversary", "27 years ago". The
time from the date the reference holds to an end the sentence may mean (the
article's date, or a later date of the same subject) must fit the claimed span,
read to half its unit unless hedged."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from ..datetext import Interval, interval
from ..models import Claim, ClaimKind, Fact, Finding, LinkedClaim, Quantity, Verdict
from .context import Context, Judge, Rule, Stub
from .finding import unlinked
from .values import as_written, human_fact_value, judge, number_renderings

_DAYS_PER_YEAR = 365.2425
_YEARS_PER_UNIT = {
    "years": 1.0,
    "decades": 10.0,
    "months": 1 / 12,
    "weeks": 7 / _DAYS_PER_YEAR,
    "days": 1 / _DAYS_PER_YEAR,
    "hours": 1 / (24 * _DAYS_PER_YEAR),
}


def start(context: Context) -> Judge:
    return lambda item: check(item, context)


def check(item: LinkedClaim, context: Context) -> Finding:
    claim = item.claim
    if not item.subject or not item.property:
        return unlinked(item, context)
    facts = context.reference.facts_for(item.subject, item.property)
    ends = _ends(item.subject, context)
    finding = judge(
        item,
        facts,
        context,
        matches=lambda c, f: any(_fits(c, f, end) for end in ends),
        suggest=lambda c, f: human_fact_value(f),
        describe=as_written,
    )
    if finding.verdict is Verdict.CONTRADICTED and _far_from_every(claim, facts, ends):
        # "took effect after a three-hour delay" next to a 1994 ceasefire: a
        # figure ten times off every span the reference allows is about
        # something else
        return replace(
            finding,
            verdict=Verdict.UNVERIFIED,
            message=f"{claim.span.text!r} is far from any span the reference holds "
            f"for {context.reference.label(item.subject)}: it is likely about "
            "something else.",
            suggestion="",
        )
    return finding


def _ends(subject: str, context: Context) -> list[Interval]:
    """Where a duration may run to: the article's date ("for 30 years now", "27
    years ago") or a later date the reference holds for the subject (its end, or
    "held it for 27 years" up to its return). Any of them fitting is enough: a
    CI run must not fail on a reading the sentence did not mean."""
    reference = context.reference
    dated = [
        interval(f.value)
        for f in reference.facts_about(subject)
        if reference.properties[f.property].value_type == "date"
    ]
    return [Interval(context.as_of, context.as_of), *dated]


def _fits(claim: Claim, fact: Fact, end: Interval) -> bool:
    """Does the time from the fact's date to `end` fit the claimed duration?"""
    start = interval(fact.value)
    elapsed_low = (end.first - start.last).days / _DAYS_PER_YEAR
    elapsed_high = (end.last - start.first).days / _DAYS_PER_YEAR
    years = _in_years(claim)
    unit = _in_years(replace(claim, quantity=Quantity(value=1, low=1, high=1))).value
    # Unhedged, a duration is read to half its unit: "30 years" is 29.5-30.5.
    tolerance = float(fact.tolerance) if fact.tolerance else (0.0 if years.hedge else unit / 2)
    low = -float("inf") if years.low is None else years.low - tolerance
    high = float("inf") if years.high is None else years.high + tolerance
    return low <= elapsed_high and elapsed_low <= high


def _far_from_every(claim: Claim, facts: Sequence[Fact], ends: Sequence[Interval]) -> bool:
    """Whether the claimed duration is more than ten times off every span from a
    fact's date to a possible end (or under a tenth of it)."""
    claimed = _in_years(claim).value
    spans = [
        abs((end.first - interval(f.value).first).days) / _DAYS_PER_YEAR
        for f in facts
        for end in ends
    ]
    spans = [s for s in spans if s > 0]
    if claimed <= 0 or not spans:
        return False
    return all(s > claimed * 10 or s < claimed / 10 for s in spans)


def _in_years(claim: Claim) -> Quantity:
    quantity = claim.quantity or Quantity(value=0, low=0, high=0)
    factor = _YEARS_PER_UNIT.get(claim.unit, 1.0)
    return Quantity(
        value=quantity.value * factor,
        low=None if quantity.low is None else quantity.low * factor,
        high=None if quantity.high is None else quantity.high * factor,
        hedge=quantity.hedge,
    )


RULE = Rule(
    kinds=(ClaimKind.DURATION,),
    start=start,
    describe=as_written,
    renderings=lambda claim: number_renderings(claim.value),
    stub=lambda claim: Stub(value=claim.value, unit=claim.unit),
)
