"""Dates and years: "July 3, 1997", "3rd of July 1997", "Nov. 6", "in May 1994",
"began in 1988", "the 1994 ceasefire", "(1993)"."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..datetext import (
    DAY_MONTH,
    MONTH_DAY,
    MONTH_YEAR,
    MONTHS,
    WEEKDAY,
    WEEKDAY_ABBREVIATIONS,
    WEEKDAYS,
    month_number,
    valid_date,
)
from ..datetext import weekday_name as _weekday_name
from ..models import Claim, ClaimKind, Document, Quantity, Span
from ..spans import Taken
from .scan import matches_at, word_starts

NAME = "dates"

EXAMPLES = {
    "find": (
        ("The treaty was signed on July 3, 1997.", ("1997-07-03",)),
        ("It was signed on 3 July 1997 in Moscow.", ("1997-07-03",)),
        ("Talks opened on the 3rd of July, 1997.", ("1997-07-03",)),
        ("The note was handed over on Nov. 6, 2019.", ("2019-11-06",)),
        ("They met on Sept 12 2001 and again on Sept. 13, 2001.", ("2001-09-12", "2001-09-13")),
        ("The ceasefire took effect on 12 May 1994.", ("1994-05-12",)),
        ("The protocol was signed in May 1994.", ("1994-05",)),
        ("The conflict began in 1988.", ("1988",)),
        ("The 1994 ceasefire agreement held.", ("1994",)),
        ("Resolution 884 (1993) was adopted unanimously.", ("1993",)),
        ("He spoke on Wednesday, Nov. 6, 2019.", ("2019-11-06",)),
    ),
    "ignore": (
        "The meeting starts at 10:00 on the 12th floor.",
        "Call +994 12 596 9000 for details.",
        "The plant employs 1500 people.",
        "It has 2019 members.",
        "May I ask a question?",
        "See https://example.org/2019/11/06/story.",
    ),
}

_DAY_DATE = re.compile(rf"{WEEKDAY}(?:{MONTH_DAY}|{DAY_MONTH.replace('?P<', '?P<b_')})")
_MONTH_YEAR = re.compile(MONTH_YEAR)
# A year on its own counts only where the words around it say it is a year:
# "in 1988", "since 1997", "the 1994 ceasefire", "(1993)". Bare four-digit
# numbers ("1500 people") are counts, not years.
_YEAR_LEADS = frozenset(
    [
        "in",
        "since",
        "by",
        "until",
        "till",
        "from",
        "of",
        "the",
        "early",
        "late",
        "mid",
        "during",
        "before",
        "after",
        "between",
        "and",
        "or",
        "to",
        "through",
        "year",
        "circa",
        "around",
        "spring",
        "summer",
        "autumn",
        "fall",
        "winter",
    ]
)
_YEAR = re.compile(
    rf"(?:(?P<lead>\b(?:{'|'.join(sorted(_YEAR_LEADS))})\s+)"
    r"|(?P<paren>\())"
    r"(?P<year>1[6-9]\d\d|20\d\d)(?P<close>\))?"
    r"(?!\d|s\b|'s\b|[,.:/-]\d|\s*(?:%|percent|per cent))",  # not "the 2000s", not "20%"
    re.I,
)


_BRACKETED_DIGIT = re.compile(r"\(\d")
_MONTH_WORDS = frozenset(MONTHS)
_WEEKDAY_WORDS = frozenset([*WEEKDAYS, *WEEKDAY_ABBREVIATIONS])


def _is_day_date_start(word: str) -> bool:
    lowered = word.lower()
    return (
        lowered in _MONTH_WORDS
        or lowered in _WEEKDAY_WORDS
        or (word[:1].isdigit() and len(word) <= 4)  # "3", "21st"
    )


def extract(document: Document) -> Iterator[Claim]:
    scan = document.scan
    taken = Taken()
    if document.dateline is not None:
        taken.add(document.dateline.start, document.dateline.end)
    for claim in _day_dates(document):
        if taken.take(claim.span.start, claim.span.end):
            yield claim
    months = word_starts(scan, lambda w: w.lower() in _MONTH_WORDS)
    for match in matches_at(_MONTH_YEAR, scan, months):
        start, end = match.span()
        span = Span(start=start, end=end, text=document.text[start:end])
        if taken.take(span.start, span.end):
            month = month_number(match["month"])
            yield Claim(
                kind=ClaimKind.DATE, span=span, value=f"{match['year']}-{month:02d}", extractor=NAME
            )
    leads = word_starts(scan, lambda w: w.lower() in _YEAR_LEADS)
    brackets = [m.start() for m in _BRACKETED_DIGIT.finditer(scan)]
    for match in matches_at(_YEAR, scan, [*leads, *brackets]):
        start = match.start("year")
        end = match.end("year")
        if match["paren"] and not match["close"]:
            continue
        span = Span(start=start, end=end, text=document.text[start:end])
        if taken.take(start, end):
            year = int(match["year"])
            yield Claim(
                kind=ClaimKind.YEAR,
                span=span,
                value=match["year"],
                extractor=NAME,
                quantity=Quantity(value=year, low=year, high=year),
            )


_NEARBY_YEAR = re.compile(r"(?<!\d)(1[6-9]\d\d|20\d\d)(?!\d)")


def _year_for(document: Document, start: int, written: str | None) -> int | None:
    """The year written with the date; else the last year named earlier in its
    sentence ("S/RES/822 (1993) of 30 April"); else the article's year."""
    if written:
        return int(written)
    sentence_start, _ = document.sentence_at(start)
    earlier = _NEARBY_YEAR.findall(document.scan, sentence_start, start)
    if earlier:
        return int(earlier[-1])
    return document.as_of.year if document.as_of is not None else None


def _day_dates(document: Document) -> Iterator[Claim]:
    scan = document.scan
    for match in matches_at(_DAY_DATE, scan, word_starts(scan, _is_day_date_start)):
        groups = {k.removeprefix("b_"): v for k, v in match.groupdict().items() if v}
        month_text = groups["month"]
        if month_text[0].islower():
            continue  # "may" and "march" in lower case are verbs, not months
        year = _year_for(document, match.start(), groups.get("year"))
        if year is None:
            continue  # "Nov. 6" with no year and no article date cannot be placed
        date = valid_date(year, month_number(month_text), int(groups["day"]))
        if date is None:
            continue
        start, end = match.start(), match.end()
        yield Claim(
            kind=ClaimKind.DATE,
            span=Span(start=start, end=end, text=document.text[start:end]),
            value=date.isoformat(),
            extractor=NAME,
            weekday=_weekday_name(groups.get("weekday", "")),
        )
