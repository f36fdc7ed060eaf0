"""The generic value judgement: a claim's value against the facts the reference
holds for its subject and property, at the claim's time (a fact bounded by
valid_from/valid_to speaks only of its period), and the small pieces every rule
shares: how a fact's value reads, whether a fact was valid in a period.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from ..datetext import Interval, human_date, interval
from ..models import Claim, Fact, Finding, LinkedClaim, Quantity, Verdict
from .context import Context
from .finding import make_finding

Matches = Callable[[Claim, Fact], bool]
Suggest = Callable[[Claim, Fact], str]
Describe = Callable[[Claim], str]


def judge(
    item: LinkedClaim,
    facts: Sequence[Fact],
    context: Context,
    *,
    matches: Matches,
    suggest: Suggest,
    describe: Describe,
) -> Finding:
    """Supported when an established fact agrees; contradicted when the established
    facts all disagree; disputed when only the contested positions are held and one
    of them agrees (contradicted when none does)."""
    show = human_fact_value
    label = context.reference.label(item.subject)
    what = item.property.replace("_", " ")
    facts = in_force(facts, context.time_of(item.claim))
    established = [f for f in facts if f.status == "established"]
    disputed = [f for f in facts if f.status == "disputed"]
    agreeing = [f for f in established if matches(item.claim, f)]
    if agreeing:
        return make_finding(
            item,
            Verdict.SUPPORTED,
            f"{label} — {what}: {show(agreeing[0])}.",
            context,
            facts=agreeing,
            expected=show(agreeing[0]),
        )
    if established:
        expected = show(established[0])
        return make_finding(
            item,
            Verdict.CONTRADICTED,
            f"The reference gives {expected} ({label} — {what}), not {describe(item.claim)}.",
            context,
            facts=established,
            expected=expected,
            suggestion=suggest(item.claim, established[0]),
        )
    positions = "; ".join(f"{show(f)} ({f.source_title or f.source_url})" for f in disputed)
    if any(matches(item.claim, f) for f in disputed):
        return make_finding(
            item,
            Verdict.DISPUTED,
            f"Disputed ({label} — {what}): sources give {positions}. "
            "Attribute the figure to its source.",
            context,
            facts=disputed,
            expected=" | ".join(show(f) for f in disputed),
        )
    return make_finding(
        item,
        Verdict.CONTRADICTED,
        f"No source gives {describe(item.claim)} ({label} — {what}); sources give {positions}.",
        context,
        facts=disputed,
        expected=" | ".join(show(f) for f in disputed),
    )


def in_force(facts: Sequence[Fact], period: Interval) -> Sequence[Fact]:
    """The facts valid in the period a claim speaks of ("GDP in 2022" is not judged
    against the 2021 row). Where none is, the claim speaks of a time the reference
    does not bound, and every fact is kept."""
    if not any(f.valid_from or f.valid_to for f in facts):
        return facts
    valid = [f for f in facts if valid_during(f, period)]
    return valid or facts


def valid_during(fact: Fact, period: Interval) -> bool:
    if fact.valid_from and interval(fact.valid_from).first > period.last:
        return False
    return not (fact.valid_to and interval(fact.valid_to).last < period.first)


def human_fact_value(fact: Fact) -> str:
    if re.fullmatch(r"\d{4}(?:-\d\d){0,2}(?:/\d{4}(?:-\d\d){0,2})?", fact.value):
        return human_date(fact.value)
    unit = {"percent": " percent", "km2": " km²"}.get(
        fact.unit, f" {fact.unit}" if fact.unit and fact.unit != "date" else ""
    )
    return f"{fact.value}{unit}"


def as_written(claim: Claim) -> str:
    """The claim's own words, on one line."""
    return " ".join(claim.span.text.split())


def in_range(number: float, quantity: Quantity) -> bool:
    low = quantity.low if quantity.low is not None else -float("inf")
    high = quantity.high if quantity.high is not None else float("inf")
    return low <= number <= high


_NUMBER_WORDS = "zero one two three four five six seven eight nine ten eleven twelve".split()


def number_renderings(value: str) -> list[str]:
    """How a page may write a count: as digits, with thousands separators, in words."""
    number = int(float(value)) if float(value).is_integer() else None
    words = [_NUMBER_WORDS[number]] if number is not None and number < 13 else []
    return [value, f"{float(value):,.0f}", *words]
