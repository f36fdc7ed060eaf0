"""The generic value judgement: a claim's value against the facts the reference
holds for its subject and property, at the claim's time (a fact bounded by
valid_from/valid_to speaks only of its period), and the small pieces every rule
shares: how a fact's value reads, whether a fact was valid in a period.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence

from ..datetext import Interval, human_date, interval
from ..models import Claim, Fact, Finding, LinkedClaim, Quantity, Verdict
from ..reference import name_words
from ..words import normalise
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
    near: Matches = lambda claim, fact: False,
) -> Finding:
    """Supported when an established fact agrees; contradicted when the established
    facts all disagree; disputed when only the contested positions are held and one
    of them agrees (contradicted when none does)."""
    show = human_fact_value
    label = context.reference.label(item.subject)
    what = item.property.replace("_", " ")
    facts = in_force(facts, item.claim, context)
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
        other = _same_value_elsewhere(item, context)
        if other is not None:
            return make_finding(
                item,
                Verdict.UNVERIFIED,
                f"{describe(item.claim)} is {context.reference.label(other.subject)}'s {what}: "
                f"the sentence may be about it. For {label} the reference gives {expected}.",
                context,
                facts=(other, *established),
                expected=expected,
            )
        return make_finding(
            item,
            Verdict.CONTRADICTED,
            f"The reference gives {expected} ({label} — {what}), not {describe(item.claim)}.",
            context,
            facts=established,
            expected=expected,
            suggestion=suggest(item.claim, established[0]),
            near_miss=near(item.claim, established[0]),
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


def _same_value_elsewhere(item: LinkedClaim, context: Context) -> Fact | None:
    """Another thing the reference gives this very value for the same property, which
    the words naming the subject could name too: "the ceasefire that took effect on 10
    November 2020" may be the trilateral ceasefire statement. Not where a word of them
    names the subject and not the other ("Kalbajar district was handed back on 20
    November 2020" is a slip about Kalbajar, though Aghdam was handed back that day)."""
    reference = context.reference
    written = set(normalise(item.evidence.subject_text))
    own = written & name_words(reference, item.subject)
    found = reference.facts_with_value(item.property, item.claim.value)
    return next(
        (
            f
            for f in found
            if f.subject != item.subject
            and f.status != "false"
            and not own - name_words(reference, f.subject)
        ),
        None,
    )


def one_part_off(written: str, held: str) -> bool:
    """Two values that differ in one part only: a year, a month or a day of a date
    written to the same precision, one digit of a number, or two digits swapped."""
    if "-" in written or "-" in held:
        first, second = written.split("/")[0].split("-"), held.split("/")[0].split("-")
        return (
            len(first) == len(second)
            and sum(a != b for a, b in zip(first, second, strict=True)) == 1
        )
    if len(written) != len(held):
        return False
    differ = [i for i, (a, b) in enumerate(zip(written, held, strict=True)) if a != b]
    swapped = (  # "835" for "853"
        len(differ) == 2
        and differ[1] == differ[0] + 1
        and (written[differ[0]], written[differ[1]]) == (held[differ[1]], held[differ[0]])
    )
    return len(differ) == 1 or swapped


def in_force(facts: Sequence[Fact], claim: Claim, context: Context) -> Sequence[Fact]:
    """The facts valid in the period a claim speaks of ("GDP in 2022" is not judged
    against the 2021 row). Where none is, the claim speaks of a time the reference
    does not bound, and every fact is kept. The claim's time is read only where a
    fact is bounded in time."""
    if not any(f.valid_from or f.valid_to for f in facts):
        return facts
    period = context.time_of(claim)
    valid = [f for f in facts if valid_during(f, period)]
    return valid or facts


def valid_during(fact: Fact, period: Interval) -> bool:
    if fact.valid_from and interval(fact.valid_from).first > period.last:
        return False
    return not (fact.valid_to and interval(fact.valid_to).last < period.first)


def human_fact_value(fact: Fact) -> str:
    return _human_value(fact.value, fact.unit)


@functools.lru_cache(maxsize=4096)  # every claim on a fact shows its value: written once
def _human_value(value: str, unit: str) -> str:
    if _DATE_VALUE.fullmatch(value):
        return human_date(value)
    shown = {"percent": " percent", "km2": " km²"}.get(
        unit, f" {unit}" if unit and unit != "date" else ""
    )
    return f"{value}{shown}"


_DATE_VALUE = re.compile(r"\d{4}(?:-\d\d){0,2}(?:/\d{4}(?:-\d\d){0,2})?")


def as_written(claim: Claim) -> str:
    """The claim's own words, on one line."""
    return " ".join(claim.span.text.split())


def in_range(number: float, quantity: Quantity) -> bool:
    low = quantity.low if quantity.low is not None else -float("inf")
    high = quantity.high if quantity.high is not None else float("inf")
    return low <= number <= high


_NUMBER_WORDS = "zero one two three four five six seven eight nine ten eleven twelve".split()


def number_word(number: int) -> str:
    """ "three" for 3; digits from 13 on, as copy writes them."""
    return _NUMBER_WORDS[number] if 0 <= number < len(_NUMBER_WORDS) else str(number)


def number_renderings(value: str) -> list[str]:
    """How a page may write a count: as digits, with thousands separators, in words."""
    number = int(float(value)) if float(value).is_integer() else None
    words = [_NUMBER_WORDS[number]] if number is not None and number < 13 else []
    return [value, f"{float(value):,.0f}", *words]
