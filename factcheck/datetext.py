"""How dates are written in English news copy, shared by the dateline reader and
the date extractor so that both read "Nov. 6" the same way."""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass

MONTHS: dict[str, int] = {}
_ABBREVIATIONS: list[str] = []
for _number, _names in enumerate(
    [
        ("january", "jan"),
        ("february", "feb"),
        ("march", "mar"),
        ("april", "apr"),
        ("may",),
        ("june", "jun"),
        ("july", "jul"),
        ("august", "aug"),
        ("september", "sep", "sept"),
        ("october", "oct"),
        ("november", "nov"),
        ("december", "dec"),
    ],
    start=1,
):
    for _name in _names:
        MONTHS[_name] = _number
    _ABBREVIATIONS.extend(_names[1:])

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
WEEKDAY_ABBREVIATIONS = {d[:3]: d for d in WEEKDAYS} | {"tues": "tuesday", "thurs": "thursday"}

# Longest names first so that "Sept." is not read as "Sep" + "t."; a dot only after
# an abbreviation ("Nov."), never the full stop after "July".
_MONTH_ALTERNATION = "|".join(
    name + (r"\.?" if name in _ABBREVIATIONS else "")
    for name in sorted(MONTHS, key=len, reverse=True)
)
MONTH = rf"(?P<month>(?i:{_MONTH_ALTERNATION}))"
DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
YEAR = r"(?P<year>1[6-9]\d\d|20\d\d|2100)"
WEEKDAY = (
    r"(?:(?P<weekday>(?i:monday|tuesday|wednesday|thursday|friday|saturday|sunday"
    r"|mon|tues|tue|wed|thurs|thu|fri|sat|sun))\.?,?\s+)?"
)

# Before the year: a comma, a space or both; old agency copy leaves the space out
# ("November 12,1993").
_YEAR_SEPARATOR = r"(?:,\s*|\s+)"
# "July 3, 1997", "Nov. 6", "Sept 3rd 1997" — month first; the year is optional.
MONTH_DAY = rf"\b{MONTH}\s+{DAY}\b(?:{_YEAR_SEPARATOR}{YEAR}\b)?"
# "3 July 1997", "3rd of July", "12 May" — day first.
DAY_MONTH = rf"\b{DAY}\s+(?:of\s+)?{MONTH}(?:{_YEAR_SEPARATOR}{YEAR}\b)?"
# Spoken style: "the ninth of November 2020", "the twenty-first of May".
_ORDINAL_UNITS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth")
_ORDINAL_UNITS += ("ninth",)
_ORDINAL_TEENS = ("tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth")
_ORDINAL_TEENS += ("sixteenth", "seventeenth", "eighteenth", "nineteenth")
DAY_ORDINALS: dict[str, int] = {
    **{word: day for day, word in enumerate(_ORDINAL_UNITS, 1)},
    **{word: day for day, word in enumerate(_ORDINAL_TEENS, 10)},
    "twentieth": 20,
    **{f"twenty-{word}": 20 + day for day, word in enumerate(_ORDINAL_UNITS, 1)},
    "thirtieth": 30,
    "thirty-first": 31,
}
WORDED_DAY_MONTH = (
    rf"\b(?P<day>(?i:{'|'.join(sorted(DAY_ORDINALS, key=len, reverse=True))}))\s+of\s+{MONTH}"
    rf"(?:{_YEAR_SEPARATOR}{YEAR}\b)?"
)
# "May 1994", "in July of 1997" — month and year, no day.
MONTH_YEAR = rf"\b{MONTH}\s+(?:of\s+)?{YEAR}\b"


def month_number(name: str) -> int:
    return MONTHS[name.lower().rstrip(".")]


def weekday_name(text: str) -> str:
    key = text.lower().rstrip(".")
    return key if key in WEEKDAYS else WEEKDAY_ABBREVIATIONS.get(key, "")


def valid_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


@dataclass(frozen=True, slots=True)
class Interval:
    """The days a partial date covers: "1993" is all of 1993."""

    first: dt.date
    last: dt.date

    def overlaps(self, other: Interval) -> bool:
        return self.first <= other.last and other.first <= self.last

    def contains(self, day: dt.date) -> bool:
        return self.first <= day <= self.last


# An article's date: a day, or a month or a year ("2011-11", "1997") when that is all
# that is known; an office then accepts anyone who held it in that period.
AsOf = dt.date | Interval

_PARTIAL = re.compile(r"\d{4}(?:-(?:0[1-9]|1[0-2]))?")


def parse_as_of(text: str) -> AsOf | None:
    """ "2019-11-06" -> a day; "2011-11" or "1997" -> that month or year; else None."""
    text = text.strip()
    if _PARTIAL.fullmatch(text):
        return interval(text)
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        return None


def as_of_bounds(as_of: AsOf) -> tuple[dt.date, dt.date | None]:
    """The last day of an article's date, and its first when it is a period."""
    if isinstance(as_of, Interval):
        return as_of.last, (as_of.first if as_of.first != as_of.last else None)
    return as_of, None


@functools.lru_cache(maxsize=4096)  # the same few reference dates are read for every claim
def interval(text: str) -> Interval:
    """ "1994", "1994-05", "1994-05-12" or a range "1994-05-09/1994-05-11"."""
    if "/" in text:
        start, end = text.split("/", 1)
        return Interval(interval(start).first, interval(end).last)
    parts = [int(p) for p in text.split("-")]
    if len(parts) == 1:
        return Interval(dt.date(parts[0], 1, 1), dt.date(parts[0], 12, 31))
    if len(parts) == 2:
        year, month = parts
        following = dt.date(year + month // 12, month % 12 + 1, 1)
        return Interval(dt.date(year, month, 1), following - dt.timedelta(days=1))
    return Interval(dt.date(*parts), dt.date(*parts))


@functools.lru_cache(maxsize=4096)
def human_date(text: str) -> str:
    """ "1994-05-09/1994-05-11" -> "9-11 May 1994"; "1997-07-03" -> "3 July 1997"."""
    if "/" in text:
        start, end = text.split("/", 1)
        if start[:7] == end[:7] and len(start) == len(end) == 10:
            first = dt.date.fromisoformat(start)
            last = dt.date.fromisoformat(end)
            return f"{first.day}–{last.day} {last:%B} {last.year}"
        return f"{human_date(start)} – {human_date(end)}"
    parts = text.split("-")
    if len(parts) == 1:
        return text
    if len(parts) == 2:
        return dt.date(int(parts[0]), int(parts[1]), 1).strftime("%B %Y")
    day = dt.date.fromisoformat(text)
    return f"{day.day} {day:%B} {day.year}"
