"""Percentages, counts and durations, in digits or words, with their hedges:
"20 percent", "about 20%", "a third of", "seven surrounding districts", "for almost
30 years", "the 30th anniversary"."""

from __future__ import annotations

import bisect
import functools
import math
import re
from collections.abc import Iterator

from ..lexicon import Lexicon
from ..models import Claim, ClaimKind, Document, Quantity, Span
from ..spans import Taken
from .scan import followed_by, lead_before, leads_before, matches_at, numeral_starts, word_starts

NAME = "numbers"

EXAMPLES = {
    "find": (
        ("Armenian forces occupied 20 percent of Azerbaijan.", ("20",)),
        ("Turnout was 63.5% in the capital.", ("63.5",)),
        ("The party won 41 per cent of the vote.", ("41",)),
        ("They held about 14 percent of the territory.", ("14",)),
        ("It included seven surrounding districts.", ("7",)),
        ("Armenia ignored four UN Security Council resolutions.", ("4",)),
        ("The dispute has lasted for almost 30 years.", ("30",)),
        ("Twenty-two observers and 1,200 troops were deployed.", ("22", "1200")),
        # a unit joins tens only: "five three-pointers" counts five of them
        ("She made five three-pointers and forty two rebounds.", ("5", "42")),
        ("Rebels held about a third of the country.", ("33.3",)),
        ("Two-thirds of voters backed it.", ("66.7",)),
        ("Nearly half of the displaced returned.", ("50",)),
        ("The city marks the 30th anniversary of the treaty.", ("30",)),
        ("It was the twentieth anniversary of the ceasefire.", ("20",)),
        ("The death toll has risen to at least 214, officials said.", ("214",)),
        ("The floods killed 1,000 people over 11 weeks.", ("1000", "11")),
        ("The coalition took office 10 months ago.", ("10",)),
        ("It fell to 2.4 million from 2.9 million a decade earlier.", ("2400000", "2900000", "1")),
        ("Returns fell to 40,000, down from some 62,000 in 2023.", ("40000", "62000")),
        ("He is leaving after four and a half years.", ("4.5",)),
        ("It is less than half of one percent of spending.", ("0.5",)),
        ("About a fifth of the electorate backed him.", ("20",)),
        ("The economy shrank for two consecutive years.", ("2",)),
        ("The epicentre was about 72 km from the city.", ("72",)),
        ("He won just over 8 percent.", ("8",)),
        ("Between 400 and 750 people were on board.", ("400/750",)),
        ("A dozen soldiers were freed.", ("12",)),
        ("Voters abroad were twice as many as five years ago.", ("5",)),
        ("The UAE mediated 17 of those swaps.", ("17",)),
        ("It could shrink by as much as a tenth.", ("10",)),
        ("Exports rose by about a third and more than half respectively.", ("33.3", "50")),
        ("They praised a quarter of a century of cooperation.", ("25",)),
        ("The 240-seat assembly will have eight groups.", ("240", "8")),
        ("Abductions were up almost a fifth on the year before.", ("20",)),
        ("The stock was enough for nine or ten weapons.", ("9/10",)),
        ("Pledges point to 2.5 to 2.9 degrees of warming.", ("2.5/2.9",)),
        ("They held about 400 kg of uranium.", ("400",)),
        ("Troops fell by a drop of roughly a fifth.", ("20",)),
        ("She won between 58.3% and 60.7% of the vote.", ("58.3/60.7",)),
        ("Some 70 to 80 percent of hospitals are closed.", ("70/80",)),
        ("The coalition won a two-thirds majority.", ("66.7",)),
        ("It has been a top investor for more than a decade.", ("1",)),
        ("The field holds 292 trillion cubic feet of gas.", ("292000000000000",)),
        ("Russia sent 12 Su-25 jets.", ("12",)),
        ("The plane has four Rolls-Royce engines.", ("4",)),
        ("The gauge recorded 186 mm in 72 hours.", ("186", "72")),
        ("July averaged 19.4°C, a record; the peak was 36 °F.", ("19.4", "36")),
        ("Pay within five working days; stays of 30 consecutive nights.", ("5", "30")),
        ("The reform cut the number from 12 to 9.", ("12", "9")),
        ("*Clause 4 - Night limit.* Up to 90 nights a year.", ("90",)),
        ("There were three major exchanges.", ("3",)),
        ("Profit was 14.8 mln dlrs, or 65 cts a share, on 40.1 mln shares.", ("40100000",)),
        ("Sales rose 14 pct, and will grow eight to 10 pct.", ("14", "8/10")),
        ("Monitors stay for a maximum of two months.", ("2",)),
        ("They walked at least 30 minutes a day.", ("30",)),
        ("It ended 58 seconds from time.", ("58",)),
        ("Two of its servicemen died.", ("2",)),
        ("He faces a 14-count indictment.", ("14",)),
        ("They bought 90 armoured personnel carriers.", ("90",)),
        ("The page crashed twice.", ("2",)),
        ("Trackers were worn for only a week.", ("1",)),
        ("It prompted resolution 822 four weeks later.", ("4",)),
        ("The nine-point plan set up a six-bed unit.", ("9", "6")),
        ("Volunteers napped for 20 to 30 minutes.", ("20/30",)),
        ("She campaigned on 22 of the 28 days.", ("28",)),
        (
            "It ended a 3.1-billion-kilometre trip to the 480-metre-wide asteroid.",
            ("3100000000", "480"),
        ),
    ),
    "ignore": (
        "Support rose by 3 percentage points.",
        "A three-pronged plan for a two-state solution.",
        "The meeting starts at 10:00.",
        "One of the mediators spoke.",
        "He flew a Boeing 737 to the G20 summit.",
        "COVID-19 cases fell.",
        "The first half of the meeting was closed.",
        "Updates are posted every 6 hours.",
        "The Four-Day War broke out in April.",
        "Turnout fell short by fewer than 2 points.",
        "The table on page 14 covers language.",
        "Kettles with a date code from 2403 to 2501 are recalled.",
        "Call the recall line toll-free at 0800 555 0144.",
        "UPDATE 2-Karabakh separatists agree to disarm",
        "Call +44 20 7946 0381\n\nHalberd Communications handles press.",
        "Call 0800 555 0144 today\n\nHalberd Communications handles press.",
        "Turnout of 40 is below previous elections.",
        "Fewer than 1 in 20 households refused.",
        "The text runs to 38 pages.",
        "Three things will decide the second round.",
        "It will cost about 120 billion dirhams.",
        "He said no more.",
        "A ransom of about 40 million naira was paid.",
        "Pages 2 and 3 are blank.",
        "The Netherlands is among the top 10 investors.",
        "Net profit was 14.8 mln dlrs.",
        "It paid 65 cts a share.",
        "The truce took effect one minute after midnight.",
        "The Sixty-second session opened.",
        "The new plant is twice as large.",
        "The swing to the Greens was 14.2 points.",
        "Two-way trade grew in the Forty-eighth year of the one-sided pact.",
        "He spoke under rule 37 of the provisional rules of procedure.",
        "They set up a 10-million-dollar fund.",
        "Point 6 of the statement keeps the corridor open.",
        "The 19-year-old won; a 6.9-magnitude quake struck.",
        "Shares rose from 88 to 95 cents.",
    ),
}

_UNITS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
_TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_SCALES = {
    "hundred": 100,
    "thousand": 1000,
    "million": 1_000_000,
    "billion": 1_000_000_000,
    "trillion": 1_000_000_000_000,
    "mln": 1_000_000,
    "bln": 1_000_000_000,
}

_WORD = "|".join(sorted([*_UNITS, *_TENS], key=len, reverse=True))
# "twenty-five", "forty two": a unit after tens only ("five three-pointers" is five)
_ONE_TO_NINE = "|".join(word for word, value in _UNITS.items() if 1 <= value <= 9)
_TENS_AND_UNIT = rf"(?:(?:{'|'.join(_TENS)})[- ](?:{_ONE_TO_NINE})\b|{_WORD})"
_NUMBER_WORDS = (
    rf"(?:{_TENS_AND_UNIT}"
    rf"(?:\s+(?:hundred|thousand|million|billion|mln|bln)"
    rf"(?:\s+(?:and\s+)?{_TENS_AND_UNIT})?)*"
    r"(?:\s+and\s+a\s+half)?)"  # "four and a half years"
)
# Agency copy writes "mln" and "bln" for million and billion ("14.8 mln dlrs").
_SCALE_WORDS = r"million|billion|trillion|mln|bln"
_DIGITS = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_SCALE = rf"(?:\s+(?:{_SCALE_WORDS}))?"
_DOZEN = r"(?:an?|half\s+a|two|three|four|five|six)\s+dozen"
# (a digit starts no word: the engine, giving back a figure's digits, would try every
# number word there, case-insensitively, before failing)
_IN_WORDS = rf"\b(?!\d)(?i:{_DOZEN}|{_NUMBER_WORDS})"
_NUMBER = rf"(?P<number>{_DIGITS}{_SCALE}|{_IN_WORDS})"

# Hedges turn a point into a range; each maps to (low factor, high factor), None = open.
_HEDGES: dict[str, tuple[float | None, float | None]] = {
    "almost": (0.9, 1.0),
    "nearly": (0.9, 1.0),
    "just under": (0.9, 1.0),
    "just over": (1.0, 1.1),
    "just above": (1.0, 1.1),
    "slightly more than": (1.0, 1.1),
    "close to": (0.9, 1.0),
    "about": (0.9, 1.1),
    "around": (0.9, 1.1),
    "approximately": (0.9, 1.1),
    "roughly": (0.9, 1.1),
    "some": (0.9, 1.1),
    "an estimated": (0.9, 1.1),
    "more than": (1.0, None),
    "over": (1.0, None),
    "at least": (1.0, None),
    "upwards of": (1.0, None),
    "less than": (None, 1.0),
    "as much as": (None, 1.0),
    "fewer than": (None, 1.0),
    "under": (None, 1.0),
    "up to": (None, 1.0),
    "at most": (None, 1.0),
    "a maximum of": (None, 1.0),
    "no more than": (None, 1.0),
    "a minimum of": (1.0, None),
    "no fewer than": (1.0, None),
    "no less than": (1.0, None),
}
# Spaces in a hedge may be any whitespace: "more\nthan" at a line break.
# "twice as much as" compares; only a bare "as much as" is a hedge.
_HEDGE = "|".join(
    (r"(?<!twice\s)(?<!times\s)" if h.startswith("as ") else "") + h.replace(" ", r"\s+")
    for h in sorted(_HEDGES, key=len, reverse=True)
)
# A hedge starts with a letter: the lookahead turns the engine away from a digit at
# once, where it would otherwise try every hedge.
_HEDGE_FIRST = rf"(?:(?=(?i:[a-z]))\b(?P<hedge>(?i:{_HEDGE}))\s+)?"
_HEDGED_NUMBER = rf"{_HEDGE_FIRST}{_NUMBER}"
# In a figure the digits are atomic: whatever a figure reads after its number starts
# with a space, a hyphen, "%" or a letter, never with the digit, comma or point that
# giving digits back would leave, so the shorter numbers the engine would try next
# (three more times for each year that measures nothing) could only fail.
_FIGURE_NUMBER = rf"{_HEDGE_FIRST}(?P<number>(?>{_DIGITS}){_SCALE}|{_IN_WORDS})"

_TIME_UNIT = r"(?:year|month|decade|week|day|night|hour|minute|second)"
_DIMENSION = r"(?:wide|long|high|deep|tall|thick)"
# after a number word: "Forty-eighth", "twenty-first", "two-thirds" are no nouns counted,
# nor adjectives ("three-pronged", "two-dimensional", "three-fold"; "six-bed" is a noun)
_NOT_SIZED = (
    rf"{_TIME_UNIT}s?\b|(?:{_WORD})|(?:first|second|thirds?|quarters?|half|halves|[a-z]+ths?"
    r"|[a-z]{3,}(?:ed|al)|[a-z]*fold)\b"
)
_TIME_UNITS = re.compile(rf"{_TIME_UNIT}s", re.I)
_PERCENT_WORD = r"(?:percent|per\s+cent|pct)\b"  # "pct" in agency copy
# Nor a number word: "resolution 822 four weeks later" counts no weeks of 822.
_NOT_FUNCTION_WORD = (
    r"(?!(?:of|the|and|or|in|to|for|a|an|with|by|on|at|from|as|than|per|after|before|since"
    rf"|{_WORD})\b)"
)
# The noun a count counts: a plural ("districts", "co-chairs"; not "census" or
# "crisis"), a demonym ("Brazilians"), a collective noun, or a unit ("km", "kg").
_HEAD = (
    r"(?:[a-z]+-)?[a-z]{2,}[a-hj-rtv-z]s|[A-Z][a-z]+(?:ans|ese|is)|people|children|men|women"
    r"|[a-z]*men|personnel|police|staff|feet|km|kg|sq\s+km|mm|cm"
    # plurals without an s ("46 aircraft", "six crew", "1.1 million cattle"), a capitalised
    # plural ("57 participating States") and aircraft models ("11 Boeing 737-800s")
    r"|(?:aircraft|crew|cattle|sheep|livestock)(?!\s+[a-z]+s\b)"
    r"|(?<=[a-z] )[A-Z][a-z]{2,}[a-hj-rtv-z]s|[A-Z]?\d{2,3}(?:-\d{2,3})?s"
)
# One pattern for every figure, tried once where a number starts; the group that
# matched says what the number measures, the first alternative winning.
_FIGURE = re.compile(
    rf"{_FIGURE_NUMBER}(?:"
    # "the 12th consecutive year": a run of years, months or weeks
    r"(?P<run>(?i:(?:st|nd|rd|th)\s+(?:(?:consecutive|straight|successive)\s+)?"
    r"(?P<run_unit>year|month|week|day)\b))"
    # "the 240-seat assembly", "a 15-member council": a count written as an adjective
    r"|(?P<sized>(?i:-(?P<sized_unit>seat|member|nation|country|strong)\b"
    # "a 14-count indictment", "a 30-mile stretch": any noun after digits, a scale
    # between them ("a 3.1-billion-kilometre trip"), a dimension after ("480-metre-wide")
    r"|(?<=\d)(?P<sized_scale>-(?:million|billion|trillion))?"
    rf"-(?P<sized_noun>(?-i:(?!{_TIME_UNIT}s?\b)[a-z]{{3,}}))\b(?!-(?!{_DIMENSION}\b))"
    # "a nine-point plan", "a six-bed unit": a noun after a number word above one, not
    # another number ("Forty-eighth"), a part ("two-thirds") or a unit of time
    rf"|(?<![Oo]ne)(?<=[a-z])-(?P<sized_word_noun>(?-i:(?!{_NOT_SIZED})[a-z]{{3,}}))\b(?!-)))"
    rf"|(?P<percent>(?i:\s*(?:%|\s{_PERCENT_WORD})(?!\s+points?\b|\s+percentage)))"
    # a temperature: "19.4°C", "36 °F"
    r"|(?P<degrees>\s?°\s?[CF]\b)"
    # ("the Four-Day War", "the Six-Day War": a capitalised unit starts a name)
    # ("Clause 4 - Night limit": a spaced dash joins no number to its unit)
    # (the class holds the first letter of every word below: most numbers are followed
    # by another word, which fails there and is not tried against each of them)
    r"|(?P<duration>(?!-[A-Z][a-z]+\s+[A-Z])(?i:(?:\s+|-(?!\s))(?=[bcdfhmnswy])"
    r"(?:(?:consecutive|straight|successive|full|more|working|business|calendar)\s+)?"
    rf"(?P<unit>{_TIME_UNIT}s?)\b"
    r"(?!\s+old|\s+(?:after|past|to|before)\s+(?:midnight|noon)\b)(?<!-second)(?<!-seconds)))"
    # A count is a number followed within three words by a plural noun: "seven
    # surrounding districts", "four UN Security Council resolutions".
    # ("on 22 of the 28 days": the figure is the period's, "28 days", a duration)
    rf"|(?P<count>\s+(?P<partitive>of\s+(?:the|those|these|its|their)\s+"
    rf"(?!(?:\d[\d,]*|{_WORD})\s+{_TIME_UNIT}s\b)(?:\d[\d,]*\s+|[a-z]+\s+)??)?"
    # the nearest plural is the noun counted: "50,000 Slovenians own holiday homes"
    rf"(?P<noun>(?:[A-Z][\w.-]*\s+(?=\S+\s*[A-Za-z])|(?<=[A-Z]\s)\d{{2,3}}\s+(?=[a-z])"
    # (a word in "s" may be a plural, counted, unless no plural ends so: "previous",
    # "cordless"), and a head is no part of a hyphenated name ("four Rolls-Royce engines")
    rf"|{_NOT_FUNCTION_WORD}[a-z]+(?:-[a-z]+)*(?:(?<!s)|(?<=ous)|(?<=less))\s+){{0,3}}?)"
    rf"(?P<head>{_HEAD})\b(?!-[A-Za-z]))"
    # A large figure needs no noun: "rose to 120 million by the end of May".
    # and a figure in thousands with its noun left out: "down from some 62,000".
    r"|(?P<bare>(?i:(?:(?<=million|billion)|(?<=mln|bln)|(?<=\d,\d\d\d))\b(?![.,]?\d)"
    r"(?!\s+(?:of\s+)?[a-z]+s\b)))"
    ")",
)
# "between 400 and 750 people", "nine or ten weapons", "2.5 to 2.9 degrees": a count
# known only as a range.
_RANGE_END = rf"\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?|(?i:{_WORD})"
_COUNT_RANGE = re.compile(
    rf"(?P<between>\b[Bb]etween\s+)?\b(?P<first>{_RANGE_END})\s+(?P<joiner>and|or|to)\s+"
    rf"(?P<last>{_RANGE_END})\s+(?P<head>{_HEAD})\b"
)
# "between 58.3% and 60.7%", "70 to 80 percent".
_PERCENT_RANGE = re.compile(
    rf"(?P<between>\b[Bb]etween\s+)?\b(?P<first>\d+(?:\.\d+)?|(?i:{_WORD}))\s*%?\s+(?P<joiner>and|to)\s+"
    rf"(?P<last>\d+(?:\.\d+)?)\s*(?:%|\s{_PERCENT_WORD})(?!\s+points?\b)"
)
_RANGE_FIRST_BEFORE = re.compile(rf"\b(?:{_RANGE_END})\s+$")


def _range_claim(document: Document, match: re.Match[str], kind: ClaimKind) -> Claim | None:
    if match["joiner"] == "and" and not match["between"]:
        return None  # "2 and 3 tanks" lists two things; "between 2 and 3 tanks" is a range
    first, last = parse_number(match["first"]), parse_number(match["last"])
    if first is None or last is None or first >= last:
        return None
    start, end = match.span()
    head = match["head"] if match.re is _COUNT_RANGE else None
    if head is not None and _TIME_UNITS.fullmatch(head):
        kind = ClaimKind.DURATION  # "20 to 30 minutes" is how long, not how many
    return Claim(
        kind=kind,
        span=Span(start=start, end=end, text=document.text[start:end]),
        value=f"{_format(first)}/{_format(last)}",
        extractor=NAME,
        quantity=Quantity(value=(first + last) / 2, low=first, high=last),
        unit=head.lower() if head else "percent",
    )


def _range_starts(scan: str) -> list[int]:
    """ "between" (with "and"), and the number before an "or" or "to" that follows one."""
    joiners = [j for j in word_starts(scan, ("or", "to")) if _after_a_number(scan, j)]
    return [
        *word_starts(scan, ("between",)),
        *leads_before(scan, joiners, _RANGE_FIRST_BEFORE, 24, keep_bare=False),
    ]


def _after_a_number(scan: str, offset: int) -> bool:
    words = scan[max(0, offset - 12) : offset].split()
    return bool(words) and (words[-1][-1].isdigit() or words[-1].lower() in _NUMBER_WORDS_SET)


_FIGURE_KINDS = {
    "run": ClaimKind.DURATION,
    "sized": ClaimKind.COUNT,
    "percent": ClaimKind.PERCENT,
    "duration": ClaimKind.DURATION,
    "count": ClaimKind.COUNT,
    "bare": ClaimKind.COUNT,
    "degrees": ClaimKind.COUNT,
}
# "within a week", "for a decade", "a decade earlier"; not "once a year".
_ONE_UNIT_OPENER = r"within|for|in|over|after|lasted|took"
_ONE_UNIT_HEDGE = r"more\s+than|less\s+than|almost|nearly|about|just\s+over|just\s+under"
_ONE_UNIT = re.compile(
    rf"(?:\b(?P<opener>{_ONE_UNIT_OPENER})\s+(?:only\s+|just\s+)?)?"
    rf"(?:\b(?P<hedge>{_ONE_UNIT_HEDGE})\s+)?\b(?P<number>an?)\s+"
    r"(?P<unit>year|month|decade|week|day|hour)\b"
    # "for a decade", "a decade earlier", "a year after the summit"; not "once a year"
    r"(?(opener)(?!\s+(?:ago|later|earlier|before|after))"
    r"|(?(hedge)|(?=\s+(?:ago|later|earlier|after|before)\b)))",
    re.I,
)
_ARTICLES = frozenset({"a", "an"})
_ONE_UNIT_LEAD = re.compile(
    rf"(?:\b(?:{_ONE_UNIT_OPENER})\s+(?:only\s+|just\s+)?)?(?:\b(?:{_ONE_UNIT_HEDGE})\s+)?\ban?\s+$",
    re.I,
)


def _one_unit_starts(scan: str) -> list[int]:
    """Where "within a week" or "a decade earlier" begins, read back from the unit."""
    units = word_starts(scan, ("year", "month", "decade", "week", "day", "hour"))
    return leads_before(scan, units, _ONE_UNIT_LEAD, 16, keep_bare=False, last_words=_ARTICLES)


# "fell from 4,260 to 4,252": both ends of a change are figures; not of a code
_CODE_BEFORE = re.compile(r"\bcodes?\s+$", re.I)
_CHANGE = re.compile(
    r"\bfrom\s+(?P<first>\d{1,3}(?:,\d{3})+|\d+)\s+to\s+"
    r"(?P<last>\d{1,3}(?:,\d{3})+|\d+)\b(?![.,]?\d|\s*(?:%|percent))"
)
_NEXT_WORD = re.compile(r"\s+([A-Za-z]+)")
# Words after a number that make it no count; the lexicon adds currencies ("40
# million naira") and nouns whose number states nothing checkable ("38 pages").
_NOT_COUNT_WORDS = frozenset({"percents", "was", "has", "is", "as", "this", "its", "us"})


_NUMBER_WORDS_SET = frozenset([*_UNITS, *_TENS])
_HEDGE_BEFORE = re.compile(rf"\b(?:{_HEDGE})\s+$", re.I)
_HEDGE_LAST_WORDS = frozenset(h.split()[-1] for h in _HEDGES)


# Hedges are found by a word of theirs that is not everywhere: "maximum" for "a
# maximum of", then read back to the article.
_COMMON = frozenset({"a", "an", "no"})
_HEDGE_FIRST_WORDS = frozenset(h.split()[0] for h in _HEDGES) - _COMMON
_HEDGE_SECOND_WORDS = frozenset(h.split()[1] for h in _HEDGES if h.split()[0] in _COMMON)
_COMMON_BEFORE = re.compile(r"\b(?:an?|no)\s+$", re.I)


_DOZENS = {"a": 12.0, "an": 12.0, "half a": 6.0} | {
    word: 12.0 * _UNITS[word] for word in ("two", "three", "four", "five", "six")
}
_DOZEN_BEFORE = re.compile(r"\b(?:an?|half\s+a|two|three|four|five|six)\s+$", re.I)


def _starts(scan: str) -> list[int]:
    """Where a number, or a hedge right before one, begins."""
    dozens = leads_before(scan, word_starts(scan, ("dozen",)), _DOZEN_BEFORE, 12, keep_bare=False)
    numbers = sorted([*word_starts(scan, _NUMBER_WORDS_SET), *numeral_starts(scan, len(scan))])
    # Hedge words ("about", "over", "some") are common; only those a number follows count.
    seconds = word_starts(scan, _HEDGE_SECOND_WORDS)
    hedges = [
        at
        for at in [
            *word_starts(scan, _HEDGE_FIRST_WORDS),
            *leads_before(scan, seconds, _COMMON_BEFORE, 4, keep_bare=False),
        ]
        if (i := bisect.bisect_right(numbers, at)) < len(numbers) and numbers[i] - at <= 24
    ]
    return [*numbers, *hedges, *dozens]


# A fraction of something is a share: "a third of", "two-thirds of", "half of".
_FRACTIONS = {
    "a half": 1 / 2,
    "one half": 1 / 2,
    "one-half": 1 / 2,
    "half": 1 / 2,
    "a third": 1 / 3,
    "one third": 1 / 3,
    "one-third": 1 / 3,
    "two thirds": 2 / 3,
    "two-thirds": 2 / 3,
    "a quarter": 1 / 4,
    "one quarter": 1 / 4,
    "one-quarter": 1 / 4,
    "three quarters": 3 / 4,
    "three-quarters": 3 / 4,
    "a fifth": 1 / 5,
    "one fifth": 1 / 5,
    "one-fifth": 1 / 5,
    "two fifths": 2 / 5,
    "two-fifths": 2 / 5,
    "a tenth": 1 / 10,
    "one tenth": 1 / 10,
    "one-tenth": 1 / 10,
}
_FRACTION = re.compile(
    rf"(?:\b(?P<hedge>{_HEDGE})\s+)?\b(?P<fraction>"
    rf"{'|'.join(sorted((re.escape(f) for f in _FRACTIONS), key=len, reverse=True))})"
    r"(?:(?P<of>\s+of\b)(?:\s+(?P<of_percent>(?:one|a|1)\s*(?:%|percent\b|per\s+cent\b))"
    r"|(?P<century>\s+a\s+century\b))?|(?P<majority>(?=\s+majority\b)))?",
    re.I,
)
# "rose by about a third", "a drop of a fifth": a share without "of" after it.
_BY_BEFORE = re.compile(r"\b(?:by|up|down|of)\s+$", re.I)
_FRACTION_FIRST_WORDS = frozenset(f.split()[0].split("-")[0] for f in _FRACTIONS)
_FRACTION_WORDS = frozenset(re.split(r"[ -]", f)[-1] for f in _FRACTIONS)  # "third", "thirds"
# A fraction is read to within a tenth of itself: "a third" is 30-36.7 percent.
_FRACTION_SPREAD = 0.1
_ORDINAL_WORDS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fifth": 5,
    "tenth": 10,
    "fifteenth": 15,
    "twentieth": 20,
    "twenty-fifth": 25,
    "thirtieth": 30,
    "fortieth": 40,
    "fiftieth": 50,
    "sixtieth": 60,
    "seventieth": 70,
    "seventy-fifth": 75,
    "eightieth": 80,
    "hundredth": 100,
}
_ORDINAL_WORD = "|".join(sorted(_ORDINAL_WORDS, key=len, reverse=True))
# Read backwards from the word "anniversary", which is rare, instead of trying
# every ordinal at every position.
_ORDINAL_BEFORE = re.compile(rf"\b(?P<ordinal>\d{{1,3}}(?:st|nd|rd|th)|{_ORDINAL_WORD})\s+$", re.I)
# "the first half of the meeting" is a part, not a share.
_PART_BEFORE = re.compile(r"\b(?:first|second|last|other|latter|former|the)\s+$", re.I)


def _shares_and_anniversaries(document: Document) -> Iterator[Claim]:
    # "a", "one" and "two" are everywhere; a fraction's own word is never far after
    # where it (or its hedge) starts: "a maximum of one-third"
    fraction_starts = followed_by(
        document.scan, word_starts(document.scan, _FRACTION_FIRST_WORDS), _FRACTION_WORDS, 5
    )
    hedges = leads_before(
        document.scan,
        fraction_starts,
        _HEDGE_BEFORE,
        20,
        keep_bare=False,
        last_words=_HEDGE_LAST_WORDS,
    )
    for match in matches_at(_FRACTION, document.scan, [*fraction_starts, *hedges]):
        if not match["hedge"] and _PART_BEFORE.search(
            document.scan, max(0, match.start() - 10), match.start()
        ):
            continue
        if (
            not match["of"]
            and match["majority"] is None  # "a two-thirds majority"
            and not _BY_BEFORE.search(document.scan, max(0, match.start() - 6), match.start())
            and not document.scan.startswith("respectively", match.end("fraction") + 1)
        ):
            continue
        value = _FRACTIONS[" ".join(match["fraction"].lower().split())] * 100
        if match["century"]:  # "a quarter of a century"
            end = match.end("century")
            yield _exact(document, match.start(), end, ClaimKind.DURATION, value, "years")
            continue
        end = match.end("fraction")
        if match["of_percent"]:
            value, end = value / 100, match.end("of_percent")  # "half of one percent"
        low, high = hedge_range(value, match["hedge"])
        spread = value * _FRACTION_SPREAD
        start = match.start()
        yield Claim(
            kind=ClaimKind.PERCENT,
            span=Span(start=start, end=end, text=document.text[start:end]),
            value=f"{value:.1f}".removesuffix(".0"),
            extractor=NAME,
            quantity=Quantity(
                value=value,
                low=None if low is None else low - spread,
                high=None if high is None else high + spread,
                hedge=(match["hedge"] or "").lower(),
            ),
            unit="percent",
        )
    for word in word_starts(document.scan, ("anniversary",)):
        before = _ORDINAL_BEFORE.search(document.scan, max(0, word - 20), word)
        if before is None:
            continue
        ordinal = before["ordinal"].lower()
        years = int(ordinal[:-2]) if ordinal[0].isdigit() else _ORDINAL_WORDS[ordinal]
        end = word + len("anniversary")
        yield _exact(document, before.start(), end, ClaimKind.DURATION, years, "years")


def extract(document: Document, lexicon: Lexicon) -> Iterator[Claim]:
    scan = document.scan
    taken = Taken()
    for share in _shares_and_anniversaries(document):
        if taken.take(share.span.start, share.span.end):
            yield share
    for match in matches_at(_ONE_UNIT, scan, _one_unit_starts(scan)):
        start, end = match.start("hedge") if match["hedge"] else match.start("number"), match.end()
        if taken.take(start, end):
            unit = match["unit"].lower() + "s"
            yield _exact(document, start, end, ClaimKind.DURATION, 1, unit, match["hedge"])
    range_starts = _range_starts(scan)
    currencies = lexicon.lower("currency")
    for kind, pattern in ((ClaimKind.PERCENT, _PERCENT_RANGE), (ClaimKind.COUNT, _COUNT_RANGE)):
        for match in matches_at(pattern, scan, range_starts):
            if pattern is _COUNT_RANGE and match["head"].lower() in currencies:
                taken.take(*match.span())  # "from 88 to 95 cents": a price, no count
                continue
            found = _range_claim(document, match, kind)
            if found and taken.take(found.span.start, found.span.end):
                yield found
    for match in matches_at(_FIGURE, scan, _starts(scan)):
        kind = _FIGURE_KINDS[match.lastgroup or ""]
        if match.lastgroup in ("run", "sized"):
            found = _run_or_size(document, match, kind, lexicon)
            if found and taken.take(found.span.start, found.span.end):
                yield found
            continue
        if kind is ClaimKind.COUNT and _not_a_count(scan, match, lexicon):
            continue
        if _is_a_label(scan, match.start()):
            continue  # "every 6 hours", "page 14", "1 in 20": not a figure of anything
        if kind is ClaimKind.DURATION and scan.startswith("-old", match.end()):
            continue  # "the 19-year-old": an age, which names a person
        found = _claim(document, match, kind)
        if found and taken.take(found.span.start, found.span.end):
            yield found
    for match in matches_at(_TWICE, scan, word_starts(scan, ("twice",))):
        if taken.take(*match.span()):  # "crashed twice": a count of times
            yield _exact(document, match.start(), match.end(), ClaimKind.COUNT, 2, "times")
    for match in matches_at(_TOLL, scan, word_starts(scan, ("toll",))):
        found = _claim(document, match, ClaimKind.COUNT)
        if found and taken.take(found.span.start, found.span.end):
            yield found
    for match in matches_at(_CHANGE, scan, word_starts(scan, ("from",))):
        if _CODE_BEFORE.search(scan, max(0, match.start() - 8), match.start()):
            continue  # "a date code from 2403 to 2501"
        for group in ("first", "last"):
            start, end = match.span(group)
            if taken.take(start, end):
                figure = float(match[group].replace(",", ""))
                yield _exact(document, start, end, ClaimKind.COUNT, figure)


def _run_or_size(
    document: Document, match: re.Match[str], kind: ClaimKind, lexicon: Lexicon
) -> Claim | None:
    """ "the 12th consecutive year", "the 240-seat assembly", "a nine-point plan", "a
    3.1-billion-kilometre trip": the number with its noun as one span."""
    noun = (
        match["run_unit"] or match["sized_unit"] or match["sized_noun"] or match["sized_word_noun"]
    )
    unit = noun.lower() + "s"
    if unit in lexicon.lower("not_counted") or unit in lexicon.lower("currency"):
        return None  # "two-way trade", "a 38-page report", "a 10-million-dollar fund"
    if match["sized_word_noun"] and noun.lower() in lexicon.lower("not_counted_compound"):
        return None  # "a two-state solution", "a two-time champion"
    number = parse_number(match["number"])
    if number is None:
        return None
    if match["sized_scale"]:
        number *= _SCALES[match["sized_scale"][1:].lower()]
    return _exact(document, match.start(), match.end(), kind, number, unit)


_LABEL_WORDS = (
    *("every", "page", "pages", "pp", "p", "item", "room", "gate", "article", "paragraph"),
    *("para", "chapter", "section", "annex", "number", "floor", "suite", "flight", "route", "top"),
    *("code", "point"),  # "point 6 of the statement"
)
_LABEL_BEFORE = re.compile(
    rf"(?:\b(?:{'|'.join(_LABEL_WORDS)})\.?|\b[Nn]o\.|\b(?:1|one)\s+in)\s+$",
    re.I,
)
# The words a label can end with: most figures follow none, and are not searched.
_LABEL_LAST_WORDS = frozenset([*_LABEL_WORDS, "no", "in"])
# "rule 37 of the provisional rules" is a label; "military rule 30 years ago" is not
_RULE_BEFORE = re.compile(r"\brule\s+$", re.I)
_RULE = frozenset({"rule"})
_NUMBER_OF = re.compile(r"\d+\s+of\b")


def _is_a_label(scan: str, start: int) -> bool:
    return lead_before(scan, start, _LABEL_BEFORE, 12, _LABEL_LAST_WORDS) is not None or (
        lead_before(scan, start, _RULE_BEFORE, 6, _RULE) is not None
        and _NUMBER_OF.match(scan, start) is not None
    )


# Not "twice as many" or "twice the size": those compare.
_TWICE = re.compile(r"\btwice\b(?!\s+(?:as|the|a|an|that|than|over|its|their)\b)", re.I)
# "The death toll ... has risen to at least 214": the noun counted is the toll's; not
# "toll-free at 0800".
_TOLL = re.compile(
    rf"toll\b(?!-)[^.;:!?]{{0,60}}?\b(?:to|at|of|reached|passed|exceeded|is|was)\s+"
    rf"(?P<figure>{_HEDGED_NUMBER})(?![\d,.]*\s*(?:%|percent|per\s+cent))\b",
    re.I,
)


def _not_a_count(scan: str, match: re.Match[str], lexicon: Lexicon) -> bool:
    currencies = lexicon.lower("currency")
    if match["degrees"] is not None:
        return _is_part_of_token(scan, match)
    if match["bare"] is not None:
        # "$10.8 billion", "40 million naira": money is not a count
        following = _NEXT_WORD.match(scan, match.end())
        return (
            _is_part_of_token(scan, match)
            or (following is not None and following[1].lower() in currencies)
            or _alone_in_a_cell(scan, match)
        )
    return (
        _BLANK_LINE.search(match[0]) is not None  # a paragraph's count ends in it
        or _is_reference_to_known_group(scan, match)
        or (match["partitive"] is not None and parse_number(match["number"]) == 1)  # "one of the"
        or match["head"].lower() in _NOT_COUNT_WORDS
        or match["head"].lower() in currencies
        or match["head"].lower() in lexicon.lower("not_counted")
        or "percentage" in match["noun"].lower()
        or _is_a_margin(scan, match)
        or _is_part_of_token(scan, match)
    )


# "by about 10 points", "9 points ahead of his rival's 32.8 percent", "the swing ...
# was 14.2 points": a margin between shares is in percentage points; an index's or a
# league's points count.
_MARGIN_BEFORE = re.compile(
    r"\bby\s+$|\b(?:swing|margin)\b[^.;:!?]{0,60}\b(?:was|is|of|at|to)\s+$", re.I
)
_MARGIN_AFTER = re.compile(r"\s+(?:ahead|behind|short)\b", re.I)


def _is_a_margin(scan: str, match: re.Match[str]) -> bool:
    if match["head"].lower() not in ("point", "points"):
        return False
    start = match.start("hedge") if match["hedge"] else match.start("number")
    return bool(
        _MARGIN_BEFORE.search(scan, max(0, start - 80), start)
        or _MARGIN_AFTER.match(scan, match.end())
    )


def _exact(
    document: Document,
    start: int,
    end: int,
    kind: ClaimKind,
    number: float,
    unit: str = "",
    hedge: str | None = None,
) -> Claim:
    """A claim of one number over the given span, widened by its hedge if any."""
    low, high = hedge_range(number, hedge)
    return Claim(
        kind=kind,
        span=Span(start=start, end=end, text=document.text[start:end]),
        value=_format(number),
        extractor=NAME,
        quantity=Quantity(value=number, low=low, high=high, hedge=(hedge or "").lower()),
        unit=unit,
    )


def _claim(document: Document, match: re.Match[str], kind: ClaimKind) -> Claim | None:
    value = parse_number(match["number"])
    if value is None:
        return None
    low, high = hedge_range(value, match["hedge"])
    start, end = match.start(), match.end()
    if match.re is _TOLL:  # ("groupindex" would copy the pattern's groups at every call)
        start = match.start("figure")
    elif kind is ClaimKind.DURATION and _is_during(match):
        start, low, high = match.start("number"), value, value  # "over 11 weeks": during
    unit = "percent"
    if kind is ClaimKind.DURATION:
        unit = match["unit"].lower().rstrip("s") + "s"
    elif kind is ClaimKind.COUNT and match.re is _FIGURE and match["head"]:
        unit, end = match["head"].lower(), match.end("head")
        compound = _COMPOUND_HEAD.match(match.string, end) if unit in _COLLECTIVES else None
        if compound:  # "90 armoured personnel carriers": the carriers are counted
            unit, end = compound[1].lower(), compound.end()
    elif kind is ClaimKind.COUNT and match.re is _FIGURE and match["degrees"]:
        unit = "°" + match["degrees"].strip()[-1]
    elif kind is ClaimKind.COUNT:
        unit = ""
    return Claim(
        kind=kind,
        span=Span(start=start, end=end, text=document.text[start:end]),
        value=_format(value),
        extractor=NAME,
        quantity=Quantity(value=value, low=low, high=high, hedge=(match["hedge"] or "").lower()),
        unit=unit,
    )


# A collective noun can qualify the noun counted: "personnel carriers", "police officers".
_COLLECTIVES = frozenset({"personnel", "police", "staff"})
_COMPOUND_HEAD = re.compile(r"\s+([a-z]{2,}[a-hj-rtv-z]s)\b")


_LASTING = re.compile(r"\b(?:lasted|lasting|lasts|last|took|takes|spent|for|in|within)\s+$", re.I)


def _is_during(match: re.Match[str]) -> bool:
    """ "killed 1,000 people over 11 weeks" tells when, not "more than 11 weeks";
    "over" is a hedge on a duration only after a verb of lasting ("lasted over")."""
    hedge = (match["hedge"] or "").lower()
    if hedge != "over":
        return False
    return _LASTING.search(match.string, max(0, match.start() - 10), match.start()) is None


_DEFINITE = re.compile(r"\b(?:the|both|these|those|its|their|our)\s+$", re.I)


def _is_reference_to_known_group(scan: str, match: re.Match[str]) -> bool:
    """ "the two sides", "both countries": one or two of something already
    named, not a figure to check."""
    value = parse_number(match["number"])
    if value is None or value > 2 or match["hedge"]:
        return False
    return _DEFINITE.search(scan, max(0, match.start() - 12), match.start()) is not None


_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_CAPITALISED_BEFORE = re.compile(r"([A-Z][\w-]*)\s+$")


# "| ASHWORTH, Daniel | Liberal Democrats | 1,412 | Elected |": a figure alone in a
# table cell counts what its column heading says, which is no noun of its own.
_CELL_OPENS = re.compile(r"\|[ \t]*$")
_CELL_CLOSES = re.compile(r"[ \t]*\|")


def _alone_in_a_cell(scan: str, match: re.Match[str]) -> bool:
    start = match.start()
    return (
        _CELL_OPENS.search(scan, max(0, start - 8), start) is not None
        and _CELL_CLOSES.match(scan, match.end()) is not None
    )


def _is_part_of_token(scan: str, match: re.Match[str]) -> bool:
    """Digits glued to letters or symbols, or following a capitalised word
    mid-sentence, are names, not numbers: G20, COVID-19, Boeing 737, 10:00."""
    start = match.start("number")
    before = scan[start - 1] if start else " "
    after_number = scan[match.end("number") : match.end("number") + 1]
    if before.isalnum() or before in "-/:$€£#" or after_number in (":", "/"):
        return True
    if not match["number"][0].isdigit() or match["hedge"]:
        return False
    word = _CAPITALISED_BEFORE.search(scan, max(0, start - 30), start)
    if word is None:
        return False
    preceding = scan[max(0, word.start() - 100) : word.start()].rstrip()
    return bool(preceding) and preceding[-1] not in ".!?\"“”'‘’(—–-:"


@functools.lru_cache(maxsize=4096)
def parse_number(text: str) -> float | None:
    """Digits ("1,200", "1.2 million") or words ("twenty-two", "two hundred")."""
    text = text.strip().lower()
    scale = 1
    for word, factor in _SCALES.items():
        if factor >= 1_000_000 and text[0].isdigit() and text.endswith(word):
            text, scale = text[: -len(word)].strip(), factor
    if text[0].isdigit():
        try:
            return float(text.replace(",", "")) * scale
        except ValueError:
            return None
    return _words_to_number(text)


def _words_to_number(text: str) -> float | None:
    if text.endswith("dozen"):
        return _DOZENS.get(" ".join(text.split()[:-1]))
    half = 0.5 if text.endswith(" half") else 0.0
    text = text.removesuffix(" and a half") if half else text
    total = current = 0
    for word in re.split(r"[\s-]+", text):
        if word == "and":
            continue
        if word in _UNITS:
            current += _UNITS[word]
        elif word in _TENS:
            current += _TENS[word]
        elif word == "hundred":
            current = max(current, 1) * 100
        elif word in _SCALES:
            total += max(current, 1) * _SCALES[word]
            current = 0
        else:
            return None
    return float(total + current) + half


def hedge_range(value: float, hedge: str | None) -> tuple[float | None, float | None]:
    if not hedge:
        return value, value
    low, high = _HEDGES[" ".join(hedge.lower().split())]
    return (
        None if low is None else value * low,
        None if high is None else value * high,
    )


def _format(value: float) -> str:
    return str(int(value)) if math.isclose(value, round(value)) else f"{value:g}"
