"""Durations: "for almost 30 years", "the 30th anniversary", "27 years ago". The
time from the date the reference holds to an end the sentence may mean (the
article's date, or a later date of the same subject) must fit the claimed span,
rounded or counted in whole units unless hedged. A finding speaks of durations: the span the
reference makes, from when to when. A state the sentence says still lasts ("has
held ... for 30 years") that the reference says ended is outdated."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from ..datetext import Interval, human_date, interval
from ..models import Claim, ClaimKind, Fact, Finding, LinkedClaim, Quantity, Verdict
from .context import Context, Judge, Rule, Stub
from .finding import make_finding, unlinked
from .values import as_written, number_renderings

_DAYS_PER_YEAR = 365.2425
YEARS_PER_UNIT = {
    "years": 1.0,
    "decades": 10.0,
    "months": 1 / 12,
    "weeks": 7 / _DAYS_PER_YEAR,
    "days": 1 / _DAYS_PER_YEAR,
    "nights": 1 / _DAYS_PER_YEAR,
    "hours": 1 / (24 * _DAYS_PER_YEAR),
    "minutes": 1 / (24 * 60 * _DAYS_PER_YEAR),
    "seconds": 1 / (24 * 3600 * _DAYS_PER_YEAR),
}
# "has held the districts for 30 years", "have lasted": the state still lasts at
# the article's date.
_COUNTED_FROM = re.compile(r"\s+(?P<word>ago|after|later)\b", re.I)
_STILL_LASTS = re.compile(r"\b(?:has|have)(?:\s+(?:been|[a-z]+ed|held|kept|run))?\b", re.I)


@dataclass(frozen=True, slots=True)
class _End:
    when: Interval
    fact: Fact | None  # None: the article's date

    def describe(self) -> str:
        if self.fact is None:
            return f"{human_date(self.when.last.isoformat())} (the article's date)"
        return f"{human_date(self.fact.value)} ({self.fact.property.replace('_', ' ')})"


def start(context: Context) -> Judge:
    return lambda item: check(item, context)


def check(item: LinkedClaim, context: Context) -> Finding:
    claim = item.claim
    if not item.subject or not item.property:
        return unlinked(item, context)
    if item.evidence.how == "tenure":
        return _tenure(item, context)
    reference = context.reference
    facts = [f for f in reference.facts_for(item.subject, item.property) if f.status != "false"]
    established = [f for f in facts if f.status == "established"]
    if not facts:
        return make_finding(
            item,
            Verdict.UNVERIFIED,
            f"The reference holds no {item.property.replace('_', ' ')} date for "
            f"{reference.label(item.subject)} yet.",
            context,
        )
    now = _End(context.as_of_period, None)
    # "set up three decades ago", "entered Lachin 28 years after its occupation": a
    # point in time counted from an event, never a state that still lasts
    counted = _COUNTED_FROM.match(context.document.scan, claim.span.end)
    if counted is not None and counted["word"].lower() == "ago":
        ends = [now]  # to the article's date, whatever the tense
    elif counted is None and _says_it_still_lasts(claim, context):
        ended = _ended_before_the_article(item.subject, established, context)
        if ended is not None:
            return _no_longer(item, established, ended, context)
        ends = [now]
    else:
        ends = [now, *_later_dates(item.subject, context)]
    fitting = [(f, end) for f in established for end in ends if _fits(claim, f, end)]
    if fitting:
        # the reading nearest the figure: "27 years" of an occupation that ended four
        # months before the article is told to its end, not to the article's date
        fact, end = min(fitting, key=lambda pair: abs(_years(*pair) - _in_years(claim).value))
        return make_finding(
            item,
            Verdict.SUPPORTED,
            f"{_span_text(claim, fact, end, context)}.",
            context,
            facts=[fact, *([end.fact] if end.fact else [])],
            expected=_elapsed(claim, fact, end),
        )
    if counted is not None and context.document.as_of is None:
        # "26 years ago", "four years after the talks began" in a draft with no date:
        # counted to today, which may not be its day
        fact = established[0] if established else facts[0]
        return make_finding(
            item,
            Verdict.UNVERIFIED,
            f"The draft has no date of its own; counted to today, "
            f"{_span_text(claim, fact, now, context)}. Give the draft its date to check it.",
            context,
            facts=[fact],
        )
    if _far_from_every(claim, facts, [e.when for e in ends]):
        # "took effect after a three-hour delay" next to a 1994 ceasefire: a figure
        # ten times off every span the reference allows is about something else
        return make_finding(
            item,
            Verdict.UNVERIFIED,
            f"{claim.span.text!r} is far from any span the reference holds for "
            f"{reference.label(item.subject)}: it is likely about something else.",
            context,
        )
    if not established:
        return _disputed(item, facts, ends, context)
    fact, end = min(
        ((f, e) for f in established for e in ends),
        key=lambda pair: abs(_years(pair[0], pair[1]) - _in_years(claim).value),
    )
    expected = _elapsed(claim, fact, end)
    return make_finding(
        item,
        Verdict.CONTRADICTED,
        f"{_span_text(claim, fact, end, context)}, not {as_written(claim)}.",
        context,
        facts=[fact, *([end.fact] if end.fact else [])],
        expected=expected,
        suggestion=expected,
    )


def _no_longer(
    item: LinkedClaim, established: Sequence[Fact], ended: _End, context: Context
) -> Finding:
    fact = established[0]
    expected = _elapsed(item.claim, fact, ended)
    tense = _STILL_LASTS.search(context.document.scan, *context.sentence_of(item.claim))
    said = f"'{tense[0]}'" if tense else "the present tense"
    return make_finding(
        item,
        Verdict.OUTDATED,
        f"{_span_text(item.claim, fact, ended, context)}: {said} is no longer true {context.on}.",
        context,
        facts=[fact, *([ended.fact] if ended.fact else [])],
        expected=expected,
        suggestion=expected,
    )


def _disputed(
    item: LinkedClaim, facts: Sequence[Fact], ends: Sequence[_End], context: Context
) -> Finding:
    positions = "; ".join(
        f"{human_date(f.value)} ({f.source_title or f.source_url})" for f in facts
    )
    fits = any(_fits(item.claim, f, end) for f in facts for end in ends)
    return make_finding(
        item,
        Verdict.DISPUTED if fits else Verdict.CONTRADICTED,
        f"The start is disputed ({context.reference.label(item.subject)}): sources give "
        f"{positions}" + (". Attribute the figure to its source." if fits else "; none fits."),
        context,
        facts=facts,
        expected=" | ".join(human_date(f.value) for f in facts),
    )


def _tenure(item: LinkedClaim, context: Context) -> Finding:
    """ "Polad Bulbuloglu, its ambassador to Russia, after 22 years in the post": the
    time from the start of the term the title names to its end (or the article's date)."""
    reference = context.reference
    offices = set(reference.offices_matching(item.evidence.property_word))
    terms = [
        f
        for f in reference.facts_for(item.subject, item.property)
        if f.value in offices and f.valid_from
    ]
    person = reference.label(item.subject)
    if not terms:
        return make_finding(
            item,
            Verdict.UNVERIFIED,
            f"The reference holds no dated term of {person} in the post "
            f"{item.evidence.property_word!r}.",
            context,
        )
    spans = [
        (f, interval(f.valid_from), interval(f.valid_to) if f.valid_to else context.as_of_period)
        for f in terms
    ]
    described = "; ".join(
        f"{reference.label(f.value)} from {human_date(f.valid_from)} to "
        f"{human_date(f.valid_to) if f.valid_to else 'now'}: "
        f"{_in_units(item.claim, (end.first - start.first).days / _DAYS_PER_YEAR)}"
        for f, start, end in spans
    )
    if any(_spans(item.claim, start, end) for _, start, end in spans):
        return make_finding(
            item, Verdict.SUPPORTED, f"{person}: {described}.", context, facts=terms
        )
    _, start, end = spans[0]
    expected = _in_units(item.claim, (end.first - start.first).days / _DAYS_PER_YEAR)
    return make_finding(
        item,
        Verdict.CONTRADICTED,
        f"{person}: {described}, not {as_written(item.claim)}.",
        context,
        facts=terms,
        expected=expected,
        suggestion=expected,
    )


def _says_it_still_lasts(claim: Claim, context: Context) -> bool:
    start, _ = context.sentence_of(claim)
    return _STILL_LASTS.search(context.document.scan, start, claim.span.start) is not None


def _later_dates(subject: str, context: Context) -> list[_End]:
    """Where a duration may run to besides the article's date: a date the reference
    holds for the subject (its end, or "held it for 27 years" up to its return).
    Any of them fitting is enough: a CI run must not fail on a reading the
    sentence did not mean."""
    reference = context.reference
    return [
        _End(interval(f.value), f)
        for f in reference.facts_about(subject)
        if reference.properties[f.property].value_type == "date" and f.status != "false"
    ]


def _ended_before_the_article(
    subject: str, established: Sequence[Fact], context: Context
) -> _End | None:
    """The subject's own end (a property whose role is end), after its start and
    before the article's date."""
    if not established:
        return None
    begun = interval(established[0].value).last
    ends = [
        f
        for f in context.reference.facts_for_role(subject, "end")
        if f.status == "established" and begun < interval(f.value).first <= context.as_of
    ]
    return _End(interval(ends[0].value), ends[0]) if ends else None


def _span_text(claim: Claim, fact: Fact, end: _End, context: Context) -> str:
    """ "Aghdam District: 27 years from 23 July 1993 (occupied from) to 20 November
    2020 (returned on)"."""
    label = context.reference.label(fact.subject)
    began = f"{human_date(fact.value)} ({fact.property.replace('_', ' ')})"
    return f"{label}: {_elapsed(claim, fact, end)} from {began} to {end.describe()}"


def _years(fact: Fact, end: _End) -> float:
    return (end.when.first - interval(fact.value).first).days / _DAYS_PER_YEAR


def _elapsed(claim: Claim, fact: Fact, end: _End) -> str:
    """The span from the fact's date to the end, in the claim's unit."""
    return _in_units(claim, _years(fact, end))


def _in_units(claim: Claim, years: float) -> str:
    """The span in the claim's unit: rounded, or counted in whole units where that is
    how the claim counts it (26 years and seven months told as "26 years")."""
    unit = claim.unit if claim.unit in YEARS_PER_UNIT else "years"
    rounded = round(years / YEARS_PER_UNIT[unit])
    if claim.quantity is not None and claim.quantity.value == int(years / YEARS_PER_UNIT[unit]):
        rounded = int(claim.quantity.value)
    if rounded == 1:
        unit = unit[:-1]
    return f"{rounded} {unit}"


def _fits(claim: Claim, fact: Fact, end: _End) -> bool:
    """Does the time from the fact's date to the end fit the claimed duration?"""
    return _spans(claim, interval(fact.value), end.when, fact.tolerance)


def _spans(claim: Claim, start: Interval, end: Interval, tolerance: str = "") -> bool:
    """Does the time from `start` to `end` fit the claimed duration?"""
    elapsed_low = (end.first - start.last).days / _DAYS_PER_YEAR
    elapsed_high = (end.last - start.first).days / _DAYS_PER_YEAR
    years = _in_years(claim)
    unit = _in_years(replace(claim, quantity=Quantity(value=1, low=1, high=1))).value
    # Unhedged, a duration is rounded or counted in whole units: "28 years" is 27.5 up
    # to 29 (28 years and six months of occupation are "28 years" to most copy).
    # "about four years" at least as much: a hedge around the figure only widens it;
    # one that points one way ("almost", "more than") keeps its side.
    around = years.low is not None and years.high is not None and years.low < years.high
    if tolerance:
        below = above = float(tolerance)
    else:
        below, above = (unit / 2, unit) if not years.hedge or around else (0.0, 0.0)
    low = -float("inf") if years.low is None else years.low - below
    high = float("inf") if years.high is None else years.high + above
    return low <= elapsed_high and elapsed_low < high


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
    factor = YEARS_PER_UNIT.get(claim.unit, 1.0)
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
