"""Citations of UN resolutions, singly and in lists: "resolutions 822, 853, 874
and 884", "Resolution 884 (1993)", "S/RES/822 (1993)", "A/RES/62/243"."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from ..datetext import MONTHS
from ..lexicon import Lexicon
from ..models import Claim, ClaimKind, Document, Span
from ..spans import Taken
from .scan import matches_at, word_starts

NAME = "instruments"

EXAMPLES = {
    "find": (
        (
            "It backed resolutions 822, 853, 874 and 884.",
            ("S/RES/822", "S/RES/853", "S/RES/874", "S/RES/884"),
        ),
        ("Resolution 884 (1993) reaffirmed the earlier texts.", ("S/RES/884",)),
        ("The Security Council adopted S/RES/822 (1993).", ("S/RES/822",)),
        ("Resolutions 853 and 874 were adopted unanimously.", ("S/RES/853", "S/RES/874")),
        ("The General Assembly adopted resolution A/RES/62/243.", ("A/RES/62/243",)),
        ("UN Security Council Resolution No. 822 demanded a withdrawal.", ("S/RES/822",)),
        ("It passed A/RES/ES-11/1 with 141 votes.", ("A/RES/ES-11/1",)),
        ("The Assembly declared it invalid in resolution 68/262.", ("A/RES/68/262",)),
        (
            "It recalled resolutions 48/114 of 20 December 1993 and 62/243 of 14 March 2008.",
            ("A/RES/48/114", "A/RES/62/243"),
        ),
        (
            "The four resolutions of 1993 - 822 (1993), 853 (1993), 874 (1993) and 884 (1993).",
            ("S/RES/822", "S/RES/853", "S/RES/874", "S/RES/884"),
        ),
        (
            "The Council adopted four resolutions, numbers 822, 853, 874 and 884.",
            ("S/RES/822", "S/RES/853", "S/RES/874", "S/RES/884"),
        ),
        (
            "The Council passed four resolutions in 1993, numbers 822, 853, 874 and 884.",
            ("S/RES/822", "S/RES/853", "S/RES/874", "S/RES/884"),
        ),
        (
            "S/RES/884 (1993) condemns the occupation; reaffirms 822, 853 and 874.",
            ("S/RES/884", "S/RES/822", "S/RES/853", "S/RES/874"),
        ),
        (
            "It adopted four resolutions on this conflict, 822 (1993), 853 (1993) and 874 (1993).",
            ("S/RES/822", "S/RES/853", "S/RES/874"),
        ),
        (
            "The four Security Council resolutions of 1993, 822, 853, 874 and 884, failed.",
            ("S/RES/822", "S/RES/853", "S/RES/874", "S/RES/884"),
        ),
        (
            "Resolutions 874 (14 October 1993) and 884 (12 November 1993) follow.",
            ("S/RES/874", "S/RES/884"),
        ),
        (
            "The council adopts four resolutions on the districts: 822 (April 30), 853 (July 29) "
            "and 884 (Nov. 12).",
            ("S/RES/822", "S/RES/853", "S/RES/884"),
        ),
        (
            "It adopted two resolutions:\n\n- resolution 822 of 30 April 1993;\n"
            "- resolution 853 of 29 July 1993.",
            ("S/RES/822", "S/RES/853"),
        ),
    ),
    "ignore": (
        "The resolution was adopted in 1993.",
        "Article 51 of the Charter applies.",
        "Four resolutions were adopted.",
        "Two resolutions - one in May - passed.",
        "The council reaffirms 12, 15 and 20 of its decisions.",
        "Parliamentary Assembly of the Council of Europe, Resolution 1416, 25 January 2005",
        "The resolutions of 1993, 1994 and 1995 were milder.",  # years, perhaps
        "The Council adopted 52 resolutions in 2019, 57 and 60 in the two years before.",
    ),
}

# Not the day of a date: "Resolution 1416, 25 January 2005" lists one resolution.
_MONTH = "|".join(sorted((m.capitalize() for m in MONTHS), key=len, reverse=True))
_NUMBER = rf"(?!\d{{1,2}}\s+(?:{_MONTH})\b)\d{{1,4}}(?!\d)"
# "822 (1993)", "874 (14 October 1993)", "884 (Nov. 12)": a resolution's year or date in
# brackets
_DATED = (
    r"(?:\s*\((?:(?:\d{1,2}\s+[A-Z][a-z]+\.?|[A-Z][a-z]+\.?\s+\d{1,2})(?:,?\s+\d{4})?|\d{4})\))?"
)
_SEPARATOR = r"(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)"
_SC_LIST = re.compile(
    rf"\b[Rr]esolutions?[,:]?\s+(?:No\.?\s*|Nos\.?\s*|number\s+)?"
    rf"(?P<list>{_NUMBER}{_DATED}(?:{_SEPARATOR}{_NUMBER}{_DATED})*)"
)
# "S/RES/822", "A/RES/68/262", and emergency special sessions: "A/RES/ES-11/1".
_SYMBOL = re.compile(r"\b(?P<organ>S|A)/RES/(?P<number>(?:ES-\d{1,2}/|\d{1,3}/)?\d{1,4})(?!\d)")
# "resolution 68/262", "resolutions 48/114 of 20 December 1993, 60/285 of 7 September
# 2006 and 62/243": the General Assembly numbers its resolutions by session.
_SESSION_NUMBER = re.compile(r"\b[Rr]esolutions?\s+(?P<number>\d{1,3}/\d{1,4})(?!\d)")
_NEXT_SESSION_NUMBER = re.compile(
    r"(?:\s+(?:of|dated|adopted\s+on)\s+[^,;:()]{4,30}?)?"
    r"(?:,\s*(?:and\s+)?|\s+and\s+)(?P<number>\d{1,3}/\d{1,4})(?!\d)"
)
# "the four Security Council resolutions of 1993 - 822 (1993), 853 (1993) ...", "four
# resolutions during the fighting, numbers 822, 853, 874 and 884", "four resolutions in
# 1993, numbers 822, ...", "four resolutions on this conflict, 822 (1993), 853 (1993)
# and 874 (1993)", "the four Security Council resolutions of 1993, 822, 853, 874 and
# 884": a list set off from its noun by a dash, a colon, "numbers" or a comma.
_LEAD_IN = r"(?:\s[-–—]\s*|:\s*|,?\s+(?:numbers?|numbered|nos?\.)\s+)"
# "in 1993" only before a word that opens a list: "52 resolutions in 2019, 57 and 60 in
# the years before" counts resolutions, it does not number them
_SET_OFF_LIST = re.compile(
    r"\b[Rr]esolutions\b[^.;:\n\d]{0,40}?"
    rf"(?:(?:\bof\s+\d{{4}}\s*)?(?:{_LEAD_IN}|(?P<comma>,\s*))|\bin\s+\d{{4}}\s*{_LEAD_IN})"
    rf"(?P<list>{_NUMBER}{_DATED}(?:{_SEPARATOR}{_NUMBER}{_DATED})+)"
)
# "S/RES/884 (1993) ... reaffirms 822, 853 and 874": beside a cited Security Council
# resolution, the numbers a citing verb lists are resolutions too.
_CITED_ALONGSIDE = re.compile(
    r"\b(?:reaffirms|reaffirmed|reaffirming|recalls|recalled|recalling|endorses|endorsed"
    r"|citing|cites|cited|invokes|invoked)\s+"
    rf"(?P<list>{_NUMBER}(?:{_SEPARATOR}{_NUMBER})+)\b(?!\s*(?:%|percent|of\b))"
)
# The numbers of a list, not those of its brackets ("874 (14 October 1993)")
_ITEM = re.compile(rf"\([^)]*\)|(?<!\d)(?P<number>{_NUMBER})")
# Other bodies number their resolutions by themselves: a bare number after their name
# is theirs ("Parliamentary Assembly of the Council of Europe, Resolution 1416").
_OTHER_BODY = re.compile(r"General Assembly|Parliamentary Assembly|Council of Europe", re.I)


def extract(document: Document, lexicon: Lexicon) -> list[Claim]:
    return _bulleted_lists(document, list(_cited(document)))


def _cited(document: Document) -> Iterator[Claim]:
    scan = document.scan
    taken = Taken()
    symbols = [at - 1 for at in _find_all(scan, "/RES/") if at > 0]
    for match in matches_at(_SYMBOL, scan, symbols):
        taken.add(match.start(), match.end())
        yield _claim(
            document, match.start(), match.end(), f"{match['organ']}/RES/{match['number']}", None, 0
        )
    mentions = word_starts(scan, ("resolution", "resolutions"))
    for match in matches_at(_SESSION_NUMBER, scan, mentions):
        while match is not None and taken.take(*match.span("number")):
            start, end = match.span("number")
            yield _claim(document, start, end, f"A/RES/{match['number']}", None, 0)
            match = _NEXT_SESSION_NUMBER.match(scan, end)
    for match in (
        *matches_at(_SC_LIST, scan, mentions),
        *matches_at(_SET_OFF_LIST, scan, mentions),
    ):
        if _OTHER_BODY.search(scan[max(0, match.start() - 60) : match.start()]):
            continue  # another body's resolution: the GA's are cited by symbol
        items = _items(match["list"])
        if match.re is _SET_OFF_LIST and match["comma"] and all(len(i[0]) == 4 for i in items):
            continue  # "resolutions of 1993, 1994 and 1995" may list years
        offset = match.start("list")
        group = offset if len(items) > 1 else None
        for item in items:
            start, end = offset + item.start(), offset + item.end()
            if taken.take(start, end):  # a list two patterns read is read once
                yield _claim(document, start, end, f"S/RES/{item[0]}", group, len(items))
    yield from _cited_alongside(document, taken)


def _cited_alongside(document: Document, taken: Taken) -> Iterator[Claim]:
    scan = document.scan
    council = {document.sentence_at(at) for at in _find_all(scan, "S/RES/")}
    for start, end in sorted(council):
        for match in _CITED_ALONGSIDE.finditer(scan, start, end):
            items = _items(match["list"])
            offset = match.start("list")
            for item in items:
                at, to = offset + item.start(), offset + item.end()
                if taken.take(at, to):
                    yield _claim(document, at, to, f"S/RES/{item[0]}", offset, len(items))


def _items(written: str) -> list[re.Match[str]]:
    """The numbers of a written list (a match of a number is the number alone)."""
    return [item for item in _ITEM.finditer(written) if item["number"]]


# "- resolution 822 of 30 April 1993, ...": an item of a bulleted or numbered list
_BULLET = re.compile(r"[ \t]*(?:[-*+•]|\d{1,2}[.)])[ \t]+")


def _bulleted_lists(document: Document, claims: list[Claim]) -> list[Claim]:
    """The resolutions of a bulleted list, one in each of its items, are one list
    ("three resolutions:" then "- resolution 822 of ...", "- resolution 853 of ...")."""
    scan = document.scan
    by_line: dict[int, list[int]] = {}  # a line's start -> the indexes of its claims
    for i, claim in enumerate(claims):
        by_line.setdefault(scan.rfind("\n", 0, claim.span.start) + 1, []).append(i)
    seen: set[int] = set()
    for line in sorted(by_line):
        if line in seen or not _BULLET.match(scan, line):
            continue
        items = _bullets_around(scan, line)
        seen.update(items)
        cited = [by_line.get(item, []) for item in items]
        if len(items) < 2 or any(len(c) != 1 or claims[c[0]].group is not None for c in cited):
            continue
        group = claims[cited[0][0]].span.start
        for (i,) in cited:
            claims[i] = replace(claims[i], group=group, group_size=len(items))
    return claims


def _bullets_around(scan: str, line: int) -> list[int]:
    """The starts of the items of the bulleted list that holds the line at `line`."""
    first = line
    while (previous := _item_before(scan, first)) is not None:
        first = previous
    items = [first]
    while (following := _item_after(scan, items[-1])) is not None:
        items.append(following)
    return items


# A loose list sets its items one blank line apart; two end it.
def _item_before(scan: str, line: int) -> int | None:
    if line == 0:
        return None
    previous = scan.rfind("\n", 0, line - 1) + 1
    if previous == line - 1 and previous > 0:  # a blank line
        previous = scan.rfind("\n", 0, previous - 1) + 1
    return previous if _BULLET.match(scan, previous) else None


def _item_after(scan: str, line: int) -> int | None:
    end = scan.find("\n", line)
    if end < 0:
        return None
    following = end + 2 if scan.startswith("\n", end + 1) else end + 1
    return following if _BULLET.match(scan, following) else None


def _find_all(text: str, needle: str) -> Iterator[int]:
    at = text.find(needle)
    while at >= 0:
        yield at
        at = text.find(needle, at + 1)


def _claim(
    document: Document, start: int, end: int, value: str, group: int | None, size: int
) -> Claim:
    return Claim(
        kind=ClaimKind.RESOLUTION,
        span=Span(start=start, end=end, text=document.text[start:end]),
        value=value,
        extractor=NAME,
        unit="resolutions",
        group=group,
        group_size=size if group is not None else 0,
    )
