"""Dates and years: a day, month or year against the dates the reference holds,
at the claim's precision ("in 1993" is supported by 30 April 1993). A year
written as part of a name ("the 1994 ceasefire") is checked against every date
the reference holds for the named thing."""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import replace

from ..datetext import human_date, interval
from ..models import Claim, ClaimKind, Fact, Finding, LinkedClaim, Verdict
from .context import Context, Judge, Rule, Stub
from .finding import make_finding, unlinked
from .offices import check_term
from .values import human_fact_value, judge, one_part_off


def start(context: Context) -> Judge:
    return lambda item: check(item, context)


def check(item: LinkedClaim, context: Context) -> Finding:
    claim = item.claim
    if not item.subject:
        return unlinked(item, context)
    if item.evidence.how == "term":
        return check_term(item, context)
    if not item.property:
        finding = _attributive(item, context)
    else:
        finding = judge(
            item,
            context.reference.facts_for(item.subject, item.property),
            context,
            matches=matches,
            suggest=suggest,
            describe=describe,
            near=lambda claim, fact: one_part_off(claim.value, fact.value),
        )
    if finding.verdict is Verdict.CONTRADICTED and not _year_written(claim, context):
        # "a ceasefire took effect on 5 April" in a 2016 story, "the November 9
        # statement" in a 2021 one: the year is the article's guess, so the draft may
        # mean another ceasefire, or that statement of an earlier year
        return replace(
            finding,
            verdict=Verdict.UNVERIFIED,
            message=f"The sentence gives no year; read as {claim.value[:4]}, the "
            f"article's, it does not match {finding.expected} "
            f"({context.reference.label(item.subject)}). Write the year to check it.",
            suggestion="",
        )
    start = claim.span.start
    by = _BY.search(context.document.scan, max(0, start - 16), start)
    if finding.verdict is Verdict.CONTRADICTED and by is not None:
        # "to be completed by Dec. 1, 2025", "by the end of 2023": a time limit, not the
        # day it was done
        return replace(
            finding,
            verdict=Verdict.UNVERIFIED,
            message=f"'{by[0]}{claim.span.text}' sets a time limit, not the date itself; the "
            f"reference gives {finding.expected} ({context.reference.label(item.subject)}).",
            suggestion="",
        )
    return finding


_BY = re.compile(r"\bby\s+(?:the\s+end\s+of\s+)?$", re.I)


def _attributive(item: LinkedClaim, context: Context) -> Finding:
    """ "the 1994 ceasefire": true if any date the reference holds for the
    subject falls in that year."""
    reference = context.reference
    dated = [
        f
        for f in reference.facts_about(item.subject)
        if reference.properties[f.property].value_type == "date" and f.status != "false"
    ]
    label = reference.label(item.subject)
    if not dated:
        return make_finding(
            item, Verdict.UNVERIFIED, f"The reference holds no date for {label} yet.", context
        )
    agreeing = [f for f in dated if matches(item.claim, f)]
    if agreeing:
        fact = agreeing[0]
        return make_finding(
            item,
            Verdict.SUPPORTED,
            f"{label} — {fact.property.replace('_', ' ')}: {human_fact_value(fact)}.",
            context,
            facts=agreeing,
            expected=human_fact_value(fact),
        )
    fact = dated[0]
    expected = human_fact_value(fact)
    near = any(one_part_off(item.claim.value, f.value) for f in dated)
    return make_finding(
        item,
        Verdict.CONTRADICTED,
        f"The reference gives {expected} ({label} — {fact.property.replace('_', ' ')}), "
        f"not {describe(item.claim)}.",
        context,
        facts=dated,
        expected=expected,
        suggestion=suggest(item.claim, fact),
        near_miss=near,
    )


def _year_written(claim: Claim, context: Context) -> bool:
    start, end = context.sentence_of(claim)
    return claim.value[:4] in context.document.scan[start:end]


def matches(claim: Claim, fact: Fact) -> bool:
    return interval(claim.value).overlaps(interval(fact.value))


def describe(claim: Claim) -> str:
    return human_date(claim.value)


def suggest(claim: Claim, fact: Fact) -> str:
    """The reference date written at the claim's precision and in its style."""
    precision = len(claim.value) if claim.kind is ClaimKind.DATE else 4
    return _date_written(fact.value, precision, day_first=claim.span.text[:1].isdigit())


@functools.lru_cache(maxsize=4096)  # every claim on a fact suggests its date: written once
def _date_written(value: str, precision: int, *, day_first: bool) -> str:
    if "/" in value:
        return human_date(value)
    target = interval(value).first
    precision = min(precision, len(value))
    if precision == 4:
        return str(target.year)
    if precision == 7:
        return target.strftime("%B %Y")
    if day_first:
        return f"{target.day} {target:%B %Y}"
    return f"{target:%B} {target.day}, {target.year}"


def renderings(claim: Claim) -> list[str]:
    value = claim.value
    if claim.kind is ClaimKind.DATE and len(value) == 10:
        day = dt.date.fromisoformat(value)
        month, short = day.strftime("%B"), day.strftime("%b")
        return [
            f"{day.day} {month} {day.year}",
            f"{month} {day.day}, {day.year}",
            f"{month} {day.day} {day.year}",
            f"{day.day} {short} {day.year}",
            f"{short}. {day.day}, {day.year}",
            f"{short} {day.day}, {day.year}",
            value,
            f"{day.day:02d}.{day.month:02d}.{day.year}",
        ]
    if claim.kind is ClaimKind.DATE and len(value) == 7:
        day = dt.date.fromisoformat(value + "-01")
        return [f"{day:%B} {day.year}", f"{day:%b} {day.year}", value]
    return [value]


RULE = Rule(
    kinds=(ClaimKind.DATE, ClaimKind.YEAR),
    start=start,
    describe=describe,
    renderings=renderings,
    stub=lambda claim: Stub(value=claim.value, unit=claim.unit),
)
