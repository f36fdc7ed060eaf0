"""Dates and years: "July 3, 1997", "3rd of July 1997", "Nov. 6", "November 12,1993",
"in May 1994", "in October", "began in 1988", "the 1994 ceasefire", "its 1990 invasion",
"(1993)", and spans of time: "from 12 to 14 May 1994", "Sept. 16-17", "1992-1994",
"2019-20", "2024/25", "between March 2016 and August 2022", "from April 15, 2024 through
May 30, 2025", "the 1990s" (a range FROM/TO).

Relative dates are placed by the article's date and keep their words in
`Claim.relative`: a weekday alone (the last one, or the next where the sentence
speaks of the future), "last Wednesday", "next Friday", "yesterday", "today", "last
year", "last month", "16 May last year", "June last year", and "the day before", "the
next day" or "the same day" a date written beside it."""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import re
from collections.abc import Iterator
from typing import Any

from ..datetext import (
    DAY_MONTH,
    DAY_ORDINALS,
    MONTH,
    MONTH_DAY,
    MONTH_YEAR,
    MONTHS,
    WEEKDAY,
    WEEKDAY_ABBREVIATIONS,
    WEEKDAYS,
    WORDED_DAY_MONTH,
    YEAR,
    month_number,
    valid_date,
)
from ..datetext import weekday_name as _weekday_name
from ..lexicon import Lexicon
from ..models import Claim, ClaimKind, Document, Quantity, Span
from ..spans import Taken
from .scan import Phrases, leads_before, matches_at, numeral_starts, phrases, word_starts

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
        ("Talks ran from 12 to 14 May 1994 in Bishkek.", ("1994-05-12/1994-05-14",)),
        ("Talks ran 12-14 May 1994.", ("1994-05-12/1994-05-14",)),
        ("The war of 1992–1994 ended.", ("1992/1994",)),
        ("It was fought between 1992 and 1994.", ("1992/1994",)),
        ("Refugees fled in the 1990s.", ("1990/1999",)),
        ("About 2,300 live there, according to the 2021 census.", ("2021",)),
        ("Named in 2016; he will be sworn in on the 24th of July.", ("2016", "2019-07-24")),
        ("Troops took the town on 19-20 September.", ("2019-09-19/2019-09-20",)),
        ("Numbers rose to 78,000 by mid-1993.", ("1993",)),
        ("Turnout was 6 points below 2020.", ("2020",)),
        ("Talks ran between May 6 and May 20, 2023 in Jeddah.", ("2023-05-06/2023-05-20",)),
        ("The 2035 target was agreed on June 25.", ("2035", "2019-06-25")),
        # relative dates, resolved against the article's date (here Wednesday 6 Nov 2019)
        ("Talks resumed on Friday.", ("2019-11-01",)),
        ("The envoy will arrive on Friday.", ("2019-11-08",)),
        ("The talks in Baku on Friday will be the first.", ("2019-11-08",)),
        ("Guests who wish to attend Friday's dinner should register.", ("2019-11-08",)),
        ("Talks are set for Friday.", ("2019-11-08",)),
        ("City visit Ardmore on Saturday in the cup.", ("2019-11-09",)),
        ("City sit top; Park, who beat Ardmore on Saturday, are second.", ("2019-11-02",)),
        ("The decision, taken by the council on Monday, ends the mandate.", ("2019-11-04",)),
        ("He said yesterday that trade grew last year.", ("2019-11-05", "2018")),
        ("Prices rose last month.", ("2019-10",)),
        ("Talks in Vienna on 16 May last year failed.", ("2018-05-16",)),
        ("She took over in June last year.", ("2018-06",)),
        ("Riots ran 27 February - 1 March 1988.", ("1988-02-27/1988-03-01",)),
        ("Aliyev (born 1961) won; turnout 41.3% (2022: 63.9%).", ("1961", "2022")),
        ("**1997** - France became a co-chair.", ("1997",)),
        ("It was signed on 12 May 1994 and broken the next day.", ("1994-05-12", "1994-05-13")),
        ("It was signed on Aug. 8, 2025. The same day, both left.", ("2025-08-08", "2025-08-08")),
        (
            "It was signed on 8 August 2025. The same day their aides left.",
            ("2025-08-08", "2025-08-08"),
        ),
        ("It was signed on 8 August 2025, the same day as the summit.", ("2025-08-08",)),
        (
            "It was signed on 5 May 1994. He quit the same day, and on 12 May 1994 it began.",
            ("1994-05-05", "1994-05-05", "1994-05-12"),
        ),
        ("It ended on 9 May 1945. It is marked on the same day each year.", ("1945-05-09",)),
        ("City must beat Ardmore on Saturday to stay top.", ("2019-11-09",)),
        ("Talks are held on the last Friday of the month.", ()),
        ("The vote was postponed from 6 May 2019 to 3 June 2020.", ("2019-05-06", "2020-06-03")),
        ("It was dated November 12,1993.", ("1993-11-12",)),
        ("Tuesday, May 9,1994 was quiet.", ("1994-05-09",)),
        ("Central banks meet Sept. 16-17.", ("2019-09-16/2019-09-17",)),
        ("The fraud ran between March 2016 and August 2022.", ("2016-03/2022-08",)),
        ("Sold from April 15, 2024 through May 30, 2025.", ("2024-04-15/2025-05-30",)),
        ("It ran from 6 May 2019 to 3 June 2020.", ("2019-05-06/2020-06-03",)),
        ("Held on 6 May 2019 and 3 June 2020.", ("2019-05-06", "2020-06-03")),
        (
            "Kept 1992 through 1994, then from May 6 through May 20, 2023.",
            ("1992/1994", "2023-05-06/2023-05-20"),
        ),
        ("The 1975 accords outlived its 1990 invasion.", ("1975", "1990")),
        ("Sales in fiscal 1989 will grow.", ("1989",)),
        ("The court's own 2011 decision applies.", ("2011",)),
        ("They won in 1984, 1991, 1998 and 2025.", ("1984", "1991", "1998", "2025")),
        ("The 2019-20 season was cut short.", ("2019/2020",)),
        ("Revenue for 2024/25 will rise.", ("2024/2025",)),
        ("The letter dated 2009/10/05 is lost.", ()),
        ("Troops left in October.", ("2019-10",)),
        ("Killings rose between February and April.", ("2019-02/2019-04",)),
        # a day without a year takes a year only from a date or year close before it
        ("It was adopted on 30 April 1993, and 853 on 29 July.", ("1993-04-30", "1993-07-29")),
        (
            "The truce of May 1994 held for 25 years until fighting began on 27 September.",
            ("1994-05", "2019-09-27"),
        ),
        (
            "Ties began on 3 April 1992, and on 29 December we will mark them.",
            ("1992-04-03", "2019-12-29"),
        ),
        # and a weekday picks among the years it could take: 16 November 1998 was a Monday
        ("Champions in 1998, City open on Saturday 16 November.", ("1998", "2019-11-16")),
    ),
    "ignore": (
        "The meeting starts at 10:00 on the 12th floor.",
        "The republic was founded on a Sunday, and talks are held every Monday.",
        "Call +994 12 596 9000 for details.",
        "The plant employs 1500 people.",
        "It has 2019 members.",
        "May I ask a question?",
        "See https://example.org/2019/11/06/story.",
        "Call 1992-1994-000 for tickets.",
        "The fund helped more than 2000 people.",
        "The hotline is open Sunday to Thursday.",
        "Prices rose over the last year.",
        "They met the day before the vote.",
        "Arrivals rose earlier this month.",
        "A 1500-strong force was sent.",
    ),
}

_DASH = r"\s*[-–—]\s*"
# "from 12 to 14 May 1994", "12-14 May 1994": one month, two days.
_DAY_RANGE = re.compile(
    rf"\b(?:(?:from|between)\s+)?(?P<first>[0-3]?\d)(?:st|nd|rd|th)?(?:\s+(?:to|and)\s+|{_DASH})"
    rf"(?P<last>[0-3]?\d)(?:st|nd|rd|th)?\s+{MONTH}(?:,?\s+{YEAR})?\b",
    re.I,
)


def _days_joiner(dash: str) -> str:
    """ "and", "to" or "until" between two days, or a dash, captured as `dash`."""
    return rf"(?:\s+(?:and|to|until|through)\s+|(?P<{dash}>{_DASH}))"


# "1992-1994", "from 1992 to 1994", "between 1992 and 1994".
# "between May 6 and May 20, 2023", "from 6 May to 20 May 2023": two days, one year;
# a dash needs no opener ("27 February - 1 March 1988"), "and" does ("on 6 May and 20
# May 2023" names two days).
_MONTH_NAME = "|".join(sorted(MONTHS, key=len, reverse=True))


def _month_day(n: int) -> str:
    """ "May 6", "Sept. 16th": its parts in groups numbered `n`."""
    return rf"(?P<m{n}>(?i:{_MONTH_NAME}))\.?\s+(?P<d{n}>[0-3]?\d)(?:st|nd|rd|th)?"


def _day_month(n: int) -> str:
    """ "6 May", "16th Sept.": its parts in groups numbered `n`."""
    return rf"(?P<e{n}>[0-3]?\d)(?:st|nd|rd|th)?\s+(?P<n{n}>(?i:{_MONTH_NAME}))\.?"


_DATE_TO_DATE = re.compile(
    r"\b(?:(?P<opener>[Bb]etween|[Ff]rom)\s+)?(?:"
    rf"{_month_day(1)}{_days_joiner('dash1')}{_month_day(2)}"
    rf"|{_day_month(1)}{_days_joiner('dash2')}{_day_month(2)}"
    r"),?\s+(?P<year>1[6-9]\d\d|20\d\d)\b"
)
# "between March 2016 and August 2022": two months, each with its year.
_MONTHS_TO_MONTHS = re.compile(
    rf"\b(?:[Bb]etween|[Ff]rom)\s+(?P<m1>(?i:{_MONTH_NAME}))\.?\s+(?P<y1>1[6-9]\d\d|20\d\d)"
    rf"\s+(?:and|to|until|through)\s+(?P<m2>(?i:{_MONTH_NAME}))\.?\s+(?P<y2>1[6-9]\d\d|20\d\d)\b"
)


def _full_date(n: int) -> str:
    """ "April 15, 2024" or "15 April 2024", its parts in groups numbered `n`."""
    return rf"(?:{_month_day(n)},?|{_day_month(n)},?)\s+(?P<y{n}>1[6-9]\d\d|20\d\d)\b"


# "from April 15, 2024 through May 30, 2025", "6 May 2019 - 3 June 2020": two days,
# each with its year; a word between them needs its opener, as above.
_FULL_DATES_RANGE = re.compile(
    rf"\b(?:(?P<opener>[Bb]etween|[Ff]rom)\s+)?{_full_date(1)}"
    rf"{_days_joiner('dash')}{_full_date(2)}"
)
# "Sept. 16-17", "May 9-11, 1994": one month, two days, month first.
_MONTH_DAY_RANGE = re.compile(
    rf"\b{MONTH}\s+(?P<first>[0-3]?\d)(?:st|nd|rd|th)?{_DASH}(?P<last>[0-3]?\d)(?:st|nd|rd|th)?\b"
    rf"(?![.,]?\d)(?:(?:,\s*|\s+){YEAR}\b)?"
)
# "1992-1994", "from 1992 to 1994", "between 1992 and 1994", "the 2019-20 season";
# not "in 1998 and 2025" (two years).
_YEAR_RANGE = re.compile(
    r"\b(?:(?P<opener>from|between)\s+)?(?P<first>1[6-9]\d\d|20\d\d)"
    rf"(?:\s+(?P<joiner>to|and|until|through)\s+|{_DASH}|/(?=\d\d\b))"
    r"(?P<last>1[6-9]\d\d|20\d\d|(?<=[-–—/])\d\d)\b(?![-–—/]?\d)",
    re.I,
)
_DECADE = re.compile(
    r"\b(?:the\s+)?(?:(?:early|mid|late)[- ])?(?P<decade>1[6-9]\d0|20\d0)s\b", re.I
)
_DAY_DATE = re.compile(rf"{WEEKDAY}(?:{MONTH_DAY}|{DAY_MONTH.replace('?P<', '?P<b_')})")
_MONTH_YEAR = re.compile(rf"(?:\b(?:early|mid|late)[- ])?{MONTH_YEAR}", re.I)
# A month alone, where a lead word says it is one: "in October", "since late July",
# "between February and April"; it takes the year its clause names, else the
# article's (as a day without a year does).
_FULL_MONTHS = [m.capitalize() for m in sorted(MONTHS, key=len, reverse=True) if len(m) > 3]
# Capitalised: "in may" is a verb. An abbreviation needs its dot: "in Jan." but not "in Jun".
_MONTH_NAMES = (
    rf"(?:{'|'.join(_FULL_MONTHS)}|May|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.)"
)
_BARE_MONTH = re.compile(
    r"(?<![\w-])(?P<lead>in|since|by|until|till|from|of|during|through|before|after|and|or|to"
    r"|around|the)"
    rf"\s+(?P<when>(?:(?:early|mid|late)[- ])?(?P<month>{_MONTH_NAMES}))(?![\w-]|\.?[ \t]*\d)"
)
_BARE_MONTH_RANGE = re.compile(
    rf"\b(?:[Bb]etween|[Ff]rom)\s+(?P<m1>{_MONTH_NAMES})\s+(?:and|to|until)\s+(?P<m2>{_MONTH_NAMES})"
    r"(?![\w-]|\.?[ \t]*\d)"
)
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
        "for",
        "on",
        "below",
        "above",
        "than",
        "versus",
        "born",
        "as",  # "as late as 2019", "as early as 1992"
    ]
)
_LEAD = rf"\b(?:{'|'.join(sorted(_YEAR_LEADS))})(?:\s+|(?<=mid)-)"  # "in ", "mid-"
# A year before the noun it dates: "the 1975 accords", "a 1966 covenant", "its 1990
# invasion", "fiscal 1989 sales" (a count of 1975 accords would be written 1,975).
_DETERMINERS = ("the", "a", "an", "its", "their", "his", "her", "our", "fiscal")
_DETERMINER = rf"(?:\b(?:{'|'.join(_DETERMINERS)})|\w(?:'s|’s)(?:\s+own)?)\s+"
# After a number, what makes it no year: "the 2000s", "20%", "a 1500-strong force",
# "2000 troops"; and a plural noun, unless a determiner stood before it ("for 2000
# troops", but "the 1975 accords"; "census", "crisis" and "class" end in s but are not
# plurals).
_NOT_A_COUNT = (
    r"(?!\d|s\b|'s\b|[,.:/-]\d|-[a-z]|\s*(?:%|percent|per cent)"
    r"|\s+(?:people|children|men|women|personnel|police|staff|troops|soldiers)\b)"
)
_PLURAL_NOUN = r"(?!(?:was|has|as|its|this|thus|plus|across|unless)\b)[a-z]*[a-hj-rtv-z]s\b"
# A year that labels what follows it: "(2022: 63.9%)" in a results box, "**1997** -"
# opening a timeline's entry.
_YEAR = re.compile(
    rf"(?:(?P<determiner>{_DETERMINER})|(?P<lead>{_LEAD})"
    r"|(?P<paren>\()|(?<![^\n])\*\*(?=\d{4}\*\*[ \t]*[-–—]))"
    r"(?P<year>1[6-9]\d\d|20\d\d)(?P<close>\)|:(?=[ \t]*\d))?"
    rf"{_NOT_A_COUNT}(?(determiner)|(?!\s+{_PLURAL_NOUN}))",
    re.I,
)
# "in 1984, 1991, 1998 and 2025": the years after the first of a list.
_NEXT_YEAR_IN_LIST = re.compile(
    r"(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)(?P<year>1[6-9]\d\d|20\d\d)\b(?![\d%]|[,.]\d|-\w)"
)


# A lead word or bracket right before a four-digit number: the numbers are few,
# the lead words ("in", "the", "of") are everywhere.
_LEAD_BEFORE = re.compile(rf"(?:\(|(?<![^\n])\*\*|{_LEAD}|{_DETERMINER})$", re.I)
_LEAD_LAST_WORDS = _YEAR_LEADS | frozenset([*_DETERMINERS, "s", "own"])  # "Baku's own"


_MONTH_WORDS = frozenset(MONTHS)
_WEEKDAY_WORDS = frozenset([*WEEKDAYS, *WEEKDAY_ABBREVIATIONS])


def extract(document: Document, lexicon: Lexicon) -> Iterator[Claim]:
    taken = Taken()
    for line in (document.dateline, document.byline, *document.later_datelines):
        if line is not None:
            taken.add(line.start, line.end)
    written = [c for c in _written_dates(document, lexicon) if taken.take(c.span.start, c.span.end)]
    yield from written
    # "on Friday", "last year" need the article's day: none for a draft dated only by
    # a month or a year ("date: 2011-11"), or not dated at all
    if document.as_of is not None and document.as_of_from is None:
        yield from (
            c
            for c in _relative_dates(document, document.as_of, written, lexicon)
            if taken.take(c.span.start, c.span.end)
        )


def _written_dates(document: Document, lexicon: Lexicon) -> Iterator[Claim]:
    """Dates and years as written, each placed by its own words (or, for a day
    without a year, by the text around it)."""
    scan = document.scan
    taken = Taken()
    future = phrases(lexicon, "future")
    for claim in (
        *_ranges(document, future),
        *_day_dates(document, future),
        *_worded_days(document, future),
    ):
        if taken.take(claim.span.start, claim.span.end):
            yield claim
    months = word_starts(scan, _MONTH_WORDS)
    qualified_months = leads_before(
        scan, months, _SEASON_BEFORE, 6, keep_bare=True, last_words=_SEASONS
    )
    for match in matches_at(_MONTH_YEAR, scan, qualified_months):
        start, end = match.span()
        span = Span(start=start, end=end, text=document.text[start:end])
        if match["month"][0].isupper() and taken.take(span.start, span.end):
            month = month_number(match["month"])
            yield Claim(
                kind=ClaimKind.DATE, span=span, value=f"{match['year']}-{month:02d}", extractor=NAME
            )
    for claim in _months_alone(document, future):
        if taken.take(claim.span.start, claim.span.end):
            yield claim
    year_starts = leads_before(
        scan,
        numeral_starts(scan, 4, 4),
        _LEAD_BEFORE,
        20,
        keep_bare=False,
        last_words=_LEAD_LAST_WORDS,
    )
    for match in matches_at(_YEAR, scan, year_starts):
        start = match.start("year")
        end = match.end("year")
        if match["paren"] and not match["close"]:
            continue
        while taken.take(start, end):
            yield _year_claim(document, start, end)
            listed = _NEXT_YEAR_IN_LIST.match(scan, end)
            if listed is None:
                break
            start, end = listed.span("year")


_SEASONS = frozenset({"early", "mid", "late"})
_SEASON_BEFORE = re.compile(r"\b(?:early|mid|late)[- ]$", re.I)


def _months_alone(document: Document, future: Phrases) -> Iterator[Claim]:
    scan = document.scan
    openers = word_starts(scan, _RANGE_OPENERS)
    for match in matches_at(_BARE_MONTH_RANGE, scan, openers):
        first, last = month_number(match["m1"]), month_number(match["m2"])
        year = _year_for(document, match.start(), None, first, 15, future)
        if year is not None and first != last:
            last_year = year if last > first else year + 1
            yield _span_claim(document, match, f"{year}-{first:02d}/{last_year}-{last:02d}")
    leads = leads_before(
        scan,
        word_starts(scan, _MONTH_WORDS),
        _MONTH_LEAD_BEFORE,
        20,
        keep_bare=False,
        last_words=_SEASONS.union(_MONTH_LEADS),
    )
    for match in matches_at(_BARE_MONTH, scan, leads):
        if match["lead"] == "the" and not _NOUN_AFTER.match(scan, match.end()):
            continue  # "the June elections" dates the elections; "the May" is no date
        month = month_number(match["month"])
        start, end = match.span("when")
        # "since May last year": one claim, the year counted from the article's
        relative = _relative_year_after(document, end)
        if relative is not None:
            year, end = relative
        else:
            year = _year_for(document, start, None, month, 15, future)
        if year is None:
            continue
        text = document.text[start:end]
        yield Claim(
            kind=ClaimKind.DATE,
            span=Span(start=start, end=end, text=text),
            value=f"{year}-{month:02d}",
            extractor=NAME,
            relative=text if relative is not None else "",
        )


_NOUN_AFTER = re.compile(r"\s+[a-z]{3,}")
_MONTH_LEADS = (
    *("in", "since", "by", "until", "till", "from", "of", "during", "through", "before"),
    *("after", "and", "or", "to", "around", "the"),
)
_MONTH_LEAD_BEFORE = re.compile(
    rf"(?<![\w-])(?:{'|'.join(_MONTH_LEADS)})\s+(?:(?:early|mid|late)[- ])?$"
)


def _year_claim(document: Document, start: int, end: int) -> Claim:
    year = int(document.scan[start:end])
    return Claim(
        kind=ClaimKind.YEAR,
        span=Span(start=start, end=end, text=document.text[start:end]),
        value=str(year),
        extractor=NAME,
        quantity=Quantity(value=year, low=year, high=year),
    )


_RANGE_OPENERS = frozenset({"from", "between"})
_DECADE_LEAD = re.compile(r"(?:\bthe\s+)?(?:\b(?:early|mid|late)[- ])?$", re.I)


def _decade_starts(scan: str) -> list[int]:
    """Where "1990s" or "the late 1990s" begins."""
    decades = [at for at in numeral_starts(scan, 5, 5) if scan[at + 4] in "sS"]
    return leads_before(scan, decades, _DECADE_LEAD, 12, keep_bare=True)


def _ranges(document: Document, future: Phrases) -> Iterator[Claim]:
    scan = document.scan
    openers = word_starts(scan, _RANGE_OPENERS)
    yield from _dates_to_dates(document, openers)
    day_range_starts = _before_a_month(scan, [*openers, *numeral_starts(scan, 4)])
    for match in matches_at(_DAY_RANGE, scan, day_range_starts):
        claim = _day_range(document, match, future)
        if claim is not None:
            yield claim
    for match in matches_at(_MONTH_DAY_RANGE, scan, word_starts(scan, _MONTH_WORDS)):
        claim = _day_range(document, match, future)
        if claim is not None:
            yield claim
    for match in matches_at(_YEAR_RANGE, scan, [*openers, *numeral_starts(scan, 4, 4)]):
        if match["joiner"] and match["joiner"].lower() == "and" and not match["opener"]:
            continue  # "in 1998 and 2025" names two years
        first, last = match["first"], match["last"]
        if len(last) == 2:  # "2019-20"
            last = first[:2] + last
        if int(first) < int(last):
            yield _span_claim(document, match, f"{first}/{last}", ClaimKind.YEAR)
    for match in matches_at(_DECADE, scan, _decade_starts(scan)):
        decade = int(match["decade"])
        yield _span_claim(document, match, f"{decade}/{decade + 9}", ClaimKind.YEAR)


def _day_range(document: Document, match: re.Match[str], future: Phrases) -> Claim | None:
    """ "12-14 May 1994", "Sept. 16-17": days of one month."""
    month = month_number(match["month"])
    year = _year_for(document, match.start(), match["year"], month, int(match["first"]), future)
    if year is None or not match["month"][0].isupper():
        return None
    first = valid_date(year, month, int(match["first"]))
    last = valid_date(year, month, int(match["last"]))
    if first is None or last is None or first >= last:
        return None
    return _span_claim(document, match, f"{first.isoformat()}/{last.isoformat()}")


def _dates_to_dates(document: Document, openers: list[int]) -> Iterator[Claim]:
    scan = document.scan
    for match in matches_at(_MONTHS_TO_MONTHS, scan, openers):
        first = (int(match["y1"]), month_number(match["m1"]))
        last = (int(match["y2"]), month_number(match["m2"]))
        if first < last:
            value = f"{first[0]}-{first[1]:02d}/{last[0]}-{last[1]:02d}"
            yield _span_claim(document, match, value)
    days = [*_sorted_months(scan), *_before_a_month(scan, numeral_starts(scan, 4))]
    for pattern in (_DATE_TO_DATE, _FULL_DATES_RANGE):
        for match in matches_at(pattern, scan, [*openers, *days]):
            groups = match.groupdict()
            dashed = groups.get("dash") or groups.get("dash1") or groups.get("dash2")
            if (not match["opener"] and not dashed) or _moved(scan, match):
                continue
            first, last = _written_day(groups, 1), _written_day(groups, 2)
            if first and last and first < last:
                yield _span_claim(document, match, f"{first.isoformat()}/{last.isoformat()}")


def _written_day(groups: dict[str, Any], n: int) -> dt.date | None:
    """The `n`th day of a range (_month_day or _day_month), in its own year or the
    range's."""
    year = groups.get("year") or groups[f"y{n}"]
    month = groups[f"m{n}"] or groups[f"n{n}"]
    day = groups[f"d{n}"] or groups[f"e{n}"]
    return valid_date(int(year), month_number(month), int(day))


# "postponed from 6 May 2019 to 3 June 2020": two days, the old and the new
_MOVED_BEFORE = re.compile(
    r"\b(?:postponed|moved|delayed|rescheduled|shifted|changed|advanced|brought\s+forward"
    r"|pushed\s+back|put\s+back)\s+$",
    re.I,
)


def _moved(scan: str, match: re.Match[str]) -> bool:
    return (
        bool(match["opener"])
        and _MOVED_BEFORE.search(scan, max(0, match.start() - 24), match.start()) is not None
    )


def _before_a_month(scan: str, starts: list[int], reach: int = 30) -> list[int]:
    """The starts with a month name close after them: a day ("3", "21st", "from
    12 to 14") is only a date next to its month, and most numbers are not."""
    months = _sorted_months(scan)
    near = []
    for start in starts:
        i = bisect.bisect_right(months, start)
        if i < len(months) and months[i] - start <= reach:
            near.append(start)
    return near


@functools.lru_cache(maxsize=4)
def _sorted_months(scan: str) -> list[int]:
    return sorted(word_starts(scan, _MONTH_WORDS))


def _span_claim(
    document: Document, match: re.Match[str], value: str, kind: ClaimKind = ClaimKind.DATE
) -> Claim:
    start, end = match.span()
    if document.text[start:end].lower().startswith("the "):
        start += 4  # "the 1990s": the decade, not the article
    return Claim(
        kind=kind,
        span=Span(start=start, end=end, text=document.text[start:end]),
        value=value,
        extractor=NAME,
    )


# A year a later day may take; not a count ("sent 2000 troops on 12 May").
_NEARBY_YEAR = re.compile(
    rf"(?<!\d)(1[6-9]\d\d|20\d\d)(?!\d){_NOT_A_COUNT}(?!\s+{_PLURAL_NOUN})", re.I
)


def _year_for(
    document: Document,
    start: int,
    written: str | None,
    month: int,
    day: int,
    future: Phrases,
    chain: int = 0,
) -> int | None:
    """The year written with the date; else the year of a date or year close before
    it ("S/RES/822 (1993) of 30 April", "on 30 April 1993, and 853 on 29 July"); else
    the year of the timeline entry the day is in ("1993 - ... 822 (April 30)"), or of
    the date that ends the list it opens ("Aghdam (20 November), Kalbajar (25
    November) and Lachin (1 December 2020)"); else the year that puts the day within
    half a year of the article ("on December 3" in a January story is last
    December), unless the tense says otherwise.
    `chain` counts the days without a year already passed on the way back."""
    if written:
        return int(written)
    inherited = (  # a year is never 0
        _year_close_before(document, start, future, chain)
        or _year_of_the_entry(document.scan, start)
        or _year_later_in_the_list(document, start)
    )
    if inherited is not None:
        return inherited
    as_of = document.as_of
    if as_of is None:
        return None
    days_after = (month - as_of.month) * 31 + (day - as_of.day)  # roughly
    # The tense can only keep the article's year: "took office in May" in a December
    # story is this May, "will meet in October" in a March story this October.
    if days_after > _HALF_A_YEAR_IN_DAYS and _tense_before(document, start, future) != "future":
        return as_of.year - 1
    if days_after < -_HALF_A_YEAR_IN_DAYS and _tense_before(document, start, future) != "past":
        return as_of.year + 1  # "on January 5" in a December story is next January
    return as_of.year


# A timeline's entry: a line that opens with its date or year and a dash ("1993 - ",
# "Sept. 27, 2020 - ", "- **May 12, 1994** - ").
_ENTRY_DATE = re.compile(
    rf"[ \t]*(?:[-*•][ \t]+)?(?:\*\*)?(?:{MONTH}\.?[ \t]+[0-3]?\d(?:[-–][0-3]?\d)?,?[ \t]+)?"
    r"(?P<year>1[6-9]\d\d|20\d\d)(?:\*\*)?[ \t]+[-–—][ \t]"
)
# What may stand between the days of a list and the date that ends it: names, days,
# months, brackets and the words that join the items.
_LIST_WORDS = re.compile(
    rf"(?:[\s,;()]++|\b(?:and|or)\b|\b[A-Z][\w'’.-]*+|\b[0-3]?\d\b|{MONTH}\b\.?)*+"
)
_LIST_REACH = 80  # characters


def _year_of_the_entry(scan: str, start: int) -> int | None:
    entry = _ENTRY_DATE.match(scan, scan.rfind("\n", 0, start) + 1)
    return int(entry["year"]) if entry is not None and entry.end() <= start else None


def _year_later_in_the_list(document: Document, start: int) -> int | None:
    scan = document.scan
    _, sentence_end = document.sentence_at(start)
    after = _NEARBY_YEAR.search(scan, start, min(sentence_end, start + _LIST_REACH))
    if after is None or _LIST_WORDS.fullmatch(scan, start, after.start()) is None:
        return None
    return int(after[1])


# Copy leaves the year out when it is the article's, and repeats it only in tight
# structures: a year further back than this many words dates something else ("The
# ceasefire of May 1994 ... had held for 26 years until the fighting began on 27
# September" is this September).
_CLOSE_WORDS = 6
_LONGEST_CHAIN = 12
_WORD_RUN = re.compile(r"[\w'’]+")
_CLAUSE_END = re.compile(r"[,;:.!?]")
_DAY_BEFORE_MONTH = re.compile(r"\b(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?$", re.I)
_MONTH_THEN_DAY = re.compile(rf"{MONTH}\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\b")
_MONTH_WORD = re.compile(rf"{MONTH}\b")


def _year_close_before(
    document: Document, start: int, future: Phrases, chain: int = 0
) -> int | None:
    """The year of the year or date that ends a few words before `start` in its
    clause, with no word of the future between them or later in the day's clause (a
    past year cannot date "and on 29 August we will mark"); a day without a year
    there passes on its own year ("ratified on 29 April and by Kestava's on 9 May")."""
    scan = document.scan
    sentence_start, _ = document.sentence_at(start)
    # only within the clause: "ambassador since 2020; sworn in on the 24th of July"
    clause_start = max(sentence_start, scan.rfind(";", sentence_start, start) + 1)
    as_of = document.as_of
    year_end, year = -1, None
    for match in _NEARBY_YEAR.finditer(scan, clause_start, start):
        # a target year ("spending 5% by 2035, agreed on June 25") does not date the day
        if as_of is None or int(match[0]) <= as_of.year:
            year_end, year = match.end(), int(match[0])
    # A list of days without a year ("1 May, 2 May, ...") is followed back only so
    # far: each step reads its clause again, and recursion has a limit.
    day = _day_before(scan, clause_start, start) if chain < _LONGEST_CHAIN else None
    if day is not None and day[1] > year_end:
        day_start, year_end, month, day_of_month = day
        year = _year_for(document, day_start, None, month, day_of_month, future, chain + 1)
    if year is None or len(_WORD_RUN.findall(scan, year_end, start)) > _CLOSE_WORDS:
        return None
    if as_of is not None and year < as_of.year:
        clause_end = _CLAUSE_END.search(scan, start + 1)
        if future.search(scan, year_end, clause_end.start() if clause_end else len(scan)):
            return None
    return year


def _day_before(scan: str, clause_start: int, start: int) -> tuple[int, int, int, int] | None:
    """(start, end, month, day) of the last day and month between `clause_start` and
    `start` ("29 April", "Nov. 12"); where a year follows it, that year is nearer."""
    months = _sorted_months(scan)
    i = bisect.bisect_left(months, start) - 1
    if i < 0 or months[i] < clause_start or not scan[months[i]].isupper():
        return None
    month_at = months[i]
    after = _MONTH_THEN_DAY.match(scan, month_at)
    if after is not None and after.end() <= start:
        return month_at, after.end(), month_number(after["month"]), int(after["day"])
    before = _DAY_BEFORE_MONTH.search(scan, max(clause_start, month_at - 12), month_at)
    month = _MONTH_WORD.match(scan, month_at)
    if before is None or month is None:
        return None
    return before.start(), month.end(), month_number(month["month"]), int(before["day"])


_HALF_A_YEAR_IN_DAYS = 183
# Verbs that put the words after them in the past: irregular ones, and any in -ed.
# (?=[a-z]) first lets the engine skip to a letter: faster than the alternation alone.
_PAST_TENSE = re.compile(
    r"(?=[a-z])\b(?:[a-z]{3,}ed|took|began|left|was|were|had|became|met|fell|rose|won|lost|came|went"
    r"|held|said|told|saw|made|gave|ran|led|fought|broke|drew|struck|paid"
    r"|did|wrote|spoke|sent|got|chose|drove|flew|grew|knew|threw|withdrew|bought|brought"
    r"|caught|thought|sought|felt|kept|meant|dealt|built|spent|stood|understood|heard|found"
    r"|sold|stuck|hung|shook|woke|rode|froze|stole|forgot|shot|fed|fled|hid|ate|drank|sank"
    r"|arose|undertook|overtook|laid|bore|wore|tore|swore|beat"
    # past participles ("the decision, taken on Monday, ends ...")
    r"|taken|given|chosen|written|spoken|broken|begun|shown|seen|drawn|withdrawn|beaten)\b"
)


def _tense_before(document: Document, start: int, future: Phrases) -> str | None:
    """ "future" or "past" by the last word of tense in the sentence before `start`
    ("have said they could act by the end of August" is future), else None."""
    sentence_start, _ = document.sentence_at(start)
    marks = [
        *((m.end(), "future") for m in future.finditer(document.scan, sentence_start, start)),
        *((m.end(), "past") for m in _PAST_TENSE.finditer(document.scan, sentence_start, start)),
    ]
    # a future word wins a tie: "is expected to" is future, "expected" alone is past
    return max(marks, key=lambda mark: (mark[0], mark[1] == "future"))[1] if marks else None


def _day_dates(document: Document, future: Phrases) -> Iterator[Claim]:
    scan = document.scan
    starts = [
        *word_starts(scan, _MONTH_WORDS | _WEEKDAY_WORDS),
        *_before_a_month(scan, numeral_starts(scan, 4)),
    ]
    for match in matches_at(_DAY_DATE, scan, starts):
        groups = {k.removeprefix("b_"): v for k, v in match.groupdict().items() if v}
        month_text = groups["month"]
        if month_text[0].islower():
            continue  # "may" and "march" in lower case are verbs, not months
        month, day = month_number(month_text), int(groups["day"])
        start, end = match.start(), match.end()
        # "16 May last year": the year is the article's, counted back or forward
        relative = None if groups.get("year") else _relative_year_after(document, end)
        if relative is not None:
            year, end = relative
        else:
            year = _year_for(document, start, groups.get("year"), month, day, future)
            if year is not None and groups.get("weekday") and not groups.get("year"):
                year = _year_of_weekday(document, year, month, day, groups["weekday"])
        if year is None:
            continue  # "Nov. 6" with no year and no article date cannot be placed
        date = valid_date(year, month, day)
        if date is None:
            continue
        text = document.text[start:end]
        yield Claim(
            kind=ClaimKind.DATE,
            span=Span(start=start, end=end, text=text),
            value=date.isoformat(),
            extractor=NAME,
            weekday=_weekday_name(groups.get("weekday", "")),
            relative=text if relative is not None else "",
        )


_WORDED_DAY = re.compile(WORDED_DAY_MONTH)
_WORDED_DAY_FIRST_WORDS = frozenset(word.split("-")[0] for word in DAY_ORDINALS)


def _worded_days(document: Document, future: Phrases) -> Iterator[Claim]:
    """ "the ninth of November 2020": a day written as an ordinal word (spoken copy)."""
    scan = document.scan
    for match in matches_at(_WORDED_DAY, scan, word_starts(scan, _WORDED_DAY_FIRST_WORDS)):
        if match["month"][0].islower():
            continue  # "the first of may" is no date
        month, day = month_number(match["month"]), DAY_ORDINALS[match["day"].lower()]
        year = _year_for(document, match.start(), match["year"], month, day, future)
        date = valid_date(year, month, day) if year is not None else None
        if date is not None:
            yield _span_claim(document, match, date.isoformat())


def _year_of_weekday(document: Document, year: int, month: int, day: int, weekday: str) -> int:
    """ "Saturday 16 August" with no year: of the years the text could mean (`year`
    as read, the article's, the one before or after the article's), the one whose day
    is that weekday, in that order. Copy leaves the year out only of days
    near the article's, so a day more than ten months away is not a candidate: "on
    Monday, Sept. 19" a day before a Wednesday 20 September is a wrong weekday, not
    last year's Monday."""
    as_of = document.as_of
    if as_of is None:
        return year
    name = _weekday_name(weekday)
    for candidate in (year, as_of.year, as_of.year - 1, as_of.year + 1):
        date = valid_date(candidate, month, day)
        if (
            date is not None
            and WEEKDAYS[date.weekday()] == name
            and (candidate == year or abs((date - as_of).days) <= _TEN_MONTHS_IN_DAYS)
        ):
            return candidate
    return year


_TEN_MONTHS_IN_DAYS = 305


_YEAR_OFFSETS = {"last": -1, "this": 0, "next": 1}
_RELATIVE_YEAR = re.compile(r"\s+(?P<which>last|this|next)\s+year\b", re.I)


def _relative_year_after(document: Document, end: int) -> tuple[int, int] | None:
    """The year and the new end of a day and month followed by "last year",
    "this year" or "next year"."""
    match = _RELATIVE_YEAR.match(document.scan, end)
    if match is None or document.as_of is None:
        return None
    return document.as_of.year + _YEAR_OFFSETS[match["which"].lower()], match.end()


# Relative dates, placed by the article's date (tests/corpus/real-style/README.md):
# a weekday alone, yesterday and today, last/this/next year, last month.
_RELATIVE_WORDS = frozenset([*WEEKDAYS, "yesterday", "today"])
# "last", "this" and "next" are common; "year" and "month" after them are rarer.
_WHICH_BEFORE = re.compile(r"\b(?:last|this|next)\s+$", re.I)
_RELATIVE = re.compile(
    r"\b(?:(?P<weekday>(?i:monday|tuesday|wednesday|thursday|friday|saturday|sunday))"
    r"|(?P<day>(?i:yesterday|today))"
    r"|(?P<which>(?i:last|this|next))\s+year(?!\s+(?:of|for)\b)"
    r"|(?P<month>(?i:last))\s+month(?!\s+(?:of|for)\b)"
    # "last June", "next March": the nearest such month before or after the article's
    rf"|(?P<named_which>(?i:last|next))\s+(?P<named_month>{_MONTH_NAMES})"
    r"(?![\w-]|\.?[ \t]*\d|\s+Day\b))\b"
)
# "on a Sunday", "every Monday", "the last Friday in August": any such day, or one
# counted in a month, not one the article's date places
_ANY_DAY_BEFORE = re.compile(
    r"\b(?:a|an|any|each|every|per|the\s+(?:first|second|third|fourth|last|final))\s+$", re.I
)
# "in the last year", "over the next year" is a stretch of twelve months, not a year.
_STRETCH_BEFORE = re.compile(r"\b(?:the|a|each|every|per|one)\s+$", re.I)
# "the day before", "the next day", "a day later", "the same day": a day from the date
# written just before; not "the day before the vote" (a day from the vote), nor "the
# same day as the vote".
_NEIGHBOUR_DAY = re.compile(
    r"\b(?:(?:(?P<before>[Tt]he\s+(?:previous\s+day|day\s+before)|[Aa]\s+day\s+earlier)"
    r"|(?P<after>[Tt]he\s+(?:next|following)\s+day|[Tt]he\s+day\s+after|[Aa]\s+day\s+later))\b"
    r"(?!\s+(?:the|a|an|its|his|her|their|this|that|yesterday|[A-Z0-9]))"
    # "The same day their foreign ministers initialled it": nothing follows "same day"
    # that it could be counted from, but "as" or "when" names what it is the day of
    r"|(?:[Tt]he|[Tt]hat)\s+same\s+day\b(?!\s+(?:as|when|that|of|each|every)\b))"
)


def _relative_dates(
    document: Document, as_of: dt.date, written: list[Claim], lexicon: Lexicon
) -> Iterator[Claim]:
    scan = document.scan
    future = phrases(lexicon, "future")
    starts = [
        *word_starts(scan, _RELATIVE_WORDS),
        *leads_before(
            scan,
            word_starts(scan, ("year", "month", *_MONTH_WORDS)),
            _WHICH_BEFORE,
            8,
            keep_bare=False,
        ),
    ]
    for match in matches_at(_RELATIVE, scan, starts):
        if match["weekday"] and (
            not match["weekday"][0].isupper()
            or _is_weekly(scan, match.start(), match.end())
            or _ANY_DAY_BEFORE.search(scan, max(0, match.start() - 16), match.start())
        ):
            continue
        if (match["which"] or match["month"] or match["named_which"]) and _STRETCH_BEFORE.search(
            scan, max(0, match.start() - 8), match.start()
        ):
            continue
        start, end = match.span()
        # "last Wednesday", "next Friday", "this Friday": the word is part of the claim
        which = _WHICH_BEFORE.search(scan, max(0, start - 6), start) if match["weekday"] else None
        word = which[0].split()[0].lower() if which else ""
        if which is not None:
            start = which.start()
        if word in ("last", "next"):
            kind = ClaimKind.DATE
            value = _weekday(match["weekday"], as_of, word == "next", strictly=True)
        elif match["named_month"]:
            kind = ClaimKind.DATE
            value = _named_month(match["named_month"], as_of, match["named_which"].lower())
        else:
            value, kind = _resolve(match, as_of, _speaks_of_future(document, start, end, future))
        yield Claim(
            kind=kind,
            span=Span(start=start, end=end, text=document.text[start:end]),
            value=value,
            extractor=NAME,
            relative=document.text[start:end],
        )
    yield from _neighbour_days(document, written)


def _named_month(name: str, as_of: dt.date, which: str) -> str:
    """ "last June" in a March story is last year's; "last November" in December, this
    year's; "next March" the first March after the article's month."""
    month = month_number(name)
    if which == "last":
        year = as_of.year if month < as_of.month else as_of.year - 1
    else:
        year = as_of.year if month > as_of.month else as_of.year + 1
    return f"{year}-{month:02d}"


_WEEKDAY_NAME = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?"
_WEEKDAYS_AFTER = re.compile(rf"\s*(?:-|–|to|through|until|and|or)\s*{_WEEKDAY_NAME}\b", re.I)
_WEEKDAYS_BEFORE = re.compile(rf"\b{_WEEKDAY_NAME}\s*(?:-|–|to|through|until)\s*$", re.I)


def _is_weekly(scan: str, start: int, end: int) -> bool:
    """ "open Sunday to Thursday": days of every week, not one day."""
    return bool(
        _WEEKDAYS_AFTER.match(scan, end) or _WEEKDAYS_BEFORE.search(scan, max(0, start - 20), start)
    )


def _resolve(match: re.Match[str], as_of: dt.date, future: bool) -> tuple[str, ClaimKind]:
    if match["weekday"]:
        return _weekday(match["weekday"], as_of, future), ClaimKind.DATE
    if match["day"]:
        back = 1 if match["day"].lower() == "yesterday" else 0
        return (as_of - dt.timedelta(days=back)).isoformat(), ClaimKind.DATE
    if match["which"]:
        return str(as_of.year + _YEAR_OFFSETS[match["which"].lower()]), ClaimKind.YEAR
    last_month = as_of.replace(day=1) - dt.timedelta(days=1)
    return f"{last_month.year}-{last_month.month:02d}", ClaimKind.DATE


def _weekday(name: str, as_of: dt.date, future: bool, *, strictly: bool = False) -> str:
    """The nearest such weekday on or before the article's date (after it, `future`);
    `strictly`, never the article's day itself ("last Wednesday" in a Wednesday story
    is a week before)."""
    wanted = WEEKDAYS.index(name.lower())
    days = (wanted - as_of.weekday()) % 7 if future else (as_of.weekday() - wanted) % 7
    if strictly and days == 0:
        days = 7
    return (as_of + dt.timedelta(days=days if future else -days)).isoformat()


def _speaks_of_future(document: Document, start: int, end: int, future: Phrases) -> bool:
    """ "will meet on Friday", "is expected to send representatives ... on Thursday",
    "set for Thursday": the next one. A word of the future before the weekday counts
    in the same clause, with no report in the past between ("will resume, officials
    said on Monday" is last Monday); one after it when the weekday's clause reports
    nothing before it ("The talks on Thursday will be the first", "Members who wish to
    attend Friday's reception should register"; not "said on Monday that talks will
    resume"); and a sentence with no word of tense at all."""
    scan = document.scan
    sentence_start, sentence_end = document.sentence_at(start)
    before = [found.end() for found in future.finditer(scan, sentence_start, start)]
    if before:
        return _PAST.search(scan, before[-1], start) is None
    after = future.search(scan, end, sentence_end)
    if after is not None:
        # the weekday's clause up to it: "Police arrested 12 people on Friday and
        # prosecutors will decide" reports Friday in the past
        breaks = [m.end() for m in _CLAUSE_BREAK.finditer(scan, sentence_start, start)]
        clause_start = breaks[-1] if breaks else sentence_start
        reported = _verb_in_the_past(scan, clause_start, start)
        reported = reported or bool(_REPORT.search(scan, clause_start, start))
        return not reported and _PAST.search(scan, end, after.start()) is None
    # A sentence in the present with no word of tense at all names a fixture: "City
    # visit Ardmore on Wednesday", "the committee meets on Tuesday". Not a headline,
    # which tells the past in the present: "# Thousands protest in Yerevan on Sunday".
    return (
        bool(_ON_BEFORE.search(scan, max(0, start - 4), start))
        and not _PAST_TENSE.search(scan, sentence_start, sentence_end)
        and not _REPORT.search(scan, sentence_start, sentence_end)
        and not _in_a_heading(document, start)
    )


def _verb_in_the_past(scan: str, start: int, end: int) -> bool:
    """A verb in the past between `start` and `end`; a participle after a determiner
    describes a noun instead ("The postponed talks on Friday will ...")."""
    return any(
        _DETERMINER_BEFORE.search(scan, max(start, verb.start() - 8), verb.start()) is None
        for verb in _PAST_TENSE.finditer(scan, start, end)
    )


_DETERMINER_BEFORE = re.compile(r"\b(?:the|a|an|its|their|this|these)\s+$", re.I)


def _in_a_heading(document: Document, offset: int) -> bool:
    line_start = document.scan.rfind("\n", 0, offset) + 1
    return document.scan.startswith("#", line_start)


# A report in the present is of the past or of today: "The Kremlin says on Monday ..."
_PRESENT_REPORTS = "says|say|tells|announces|reports|adds"
_REPORT = re.compile(rf"\b(?:{_PRESENT_REPORTS})\b")
_CLAUSE_BREAK = re.compile(r"[,;:—–]|\s-\s")
# What ends the future's reach: a report, or the end of the clause.
_PAST = re.compile(
    rf"\b(?:said|told|announced|reported|added|was|were|had|{_PRESENT_REPORTS})\b"
    rf"|{_CLAUSE_BREAK.pattern}"
)
_ON_BEFORE = re.compile(r"\bon\s+$")


_DAY_LEAD = re.compile(r"\b(?:(?:[Tt]he|[Tt]hat)(?:\s+(?:next|following|previous|same))?|[Aa])\s+$")


def _neighbour_days(document: Document, written: list[Claim]) -> Iterator[Claim]:
    """A day before or after the last date written out to the day in the same
    sentence or the one before it."""
    days = sorted(
        (c.span.start, c.value) for c in written if c.kind is ClaimKind.DATE and len(c.value) == 10
    )
    # read back from "day", which is rarer than "the" and "a"
    starts = leads_before(
        document.scan, word_starts(document.scan, ("day",)), _DAY_LEAD, 24, keep_bare=False
    )
    for match in matches_at(_NEIGHBOUR_DAY, document.scan, starts):
        step = -1 if match["before"] else 1 if match["after"] else 0
        # "the day before, on 3 May" may come first; "the same day" never does
        anchor = _anchor_day(document, days, match.start(), ahead=step != 0)
        if anchor is None:
            continue
        start, end = match.span()
        yield Claim(
            kind=ClaimKind.DATE,
            span=Span(start=start, end=end, text=document.text[start:end]),
            value=(anchor + dt.timedelta(days=step)).isoformat(),
            extractor=NAME,
            relative=document.text[start:end],
        )


def _anchor_day(
    document: Document, days: list[tuple[int, str]], offset: int, *, ahead: bool
) -> dt.date | None:
    """The date just before the words in their sentence, else (`ahead`) the one just
    after, else the last one of the sentence before."""
    sentence_start, sentence_end = document.sentence_at(offset)
    previous_start, _ = document.sentence_at(max(0, sentence_start - 1))
    before = [value for at, value in days if sentence_start <= at < offset]
    after = [value for at, value in days if offset <= at < sentence_end] if ahead else []
    if before or after:
        return dt.date.fromisoformat(before[-1] if before else after[0])
    earlier = [value for at, value in days if previous_start <= at < sentence_start]
    return dt.date.fromisoformat(earlier[-1]) if earlier else None
