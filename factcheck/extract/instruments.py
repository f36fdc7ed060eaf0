"""Citations of UN resolutions, singly and in lists: "resolutions 822, 853, 874
and 884", "Resolution 884 (1993)", "S/RES/822 (1993)", "A/RES/62/243"."""

from __future__ import annotations

import re
from collections.abc import Iterator

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
            "S/RES/884 (1993) condemns the occupation; reaffirms 822, 853 and 874.",
            ("S/RES/884", "S/RES/822", "S/RES/853", "S/RES/874"),
        ),
    ),
    "ignore": (
        "The resolution was adopted in 1993.",
        "Article 51 of the Charter applies.",
        "Four resolutions were adopted.",
        "Two resolutions - one in May - passed.",
        "The council reaffirms 12, 15 and 20 of its decisions.",
    ),
}

_NUMBER = r"\d{1,4}(?!\d)"
_SEPARATOR = r"(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)"
_SC_LIST = re.compile(
    rf"\b[Rr]esolutions?[,:]?\s+(?:No\.?\s*|Nos\.?\s*|number\s+)?"
    rf"(?P<list>{_NUMBER}(?:\s*\(\d{{4}}\))?(?:{_SEPARATOR}{_NUMBER}(?:\s*\(\d{{4}}\))?)*)"
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
# resolutions during the fighting, numbers 822, 853, 874 and 884": a list set off
# from its noun by a dash, a colon or "numbers".
_SET_OFF_LIST = re.compile(
    r"\b[Rr]esolutions\b[^.;:\n\d]{0,40}?(?:\bof\s+\d{4}\s*)?"
    r"(?:\s[-–—]\s*|:\s*|,?\s+(?:numbers?|numbered|nos?\.)\s+)"
    rf"(?P<list>{_NUMBER}(?:\s*\(\d{{4}}\))?(?:{_SEPARATOR}{_NUMBER}(?:\s*\(\d{{4}}\))?)+)"
)
# "S/RES/884 (1993) ... reaffirms 822, 853 and 874": beside a cited Security Council
# resolution, the numbers a citing verb lists are resolutions too.
_CITED_ALONGSIDE = re.compile(
    r"\b(?:reaffirms|reaffirmed|reaffirming|recalls|recalled|recalling|endorses|endorsed"
    r"|citing|cites|cited|invokes|invoked)\s+"
    rf"(?P<list>{_NUMBER}(?:{_SEPARATOR}{_NUMBER})+)\b(?!\s*(?:%|percent|of\b))"
)
_ITEM = re.compile(rf"(?<![\d(]){_NUMBER}")
_GENERAL_ASSEMBLY = re.compile(r"General Assembly", re.I)


def extract(document: Document, lexicon: Lexicon) -> Iterator[Claim]:
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
        if _GENERAL_ASSEMBLY.search(scan[max(0, match.start() - 60) : match.start()]):
            continue  # GA resolutions are cited by symbol; a bare number is ambiguous
        items = [m for m in _ITEM.finditer(match["list"])]
        offset = match.start("list")
        group = offset if len(items) > 1 else None
        for item in items:
            start, end = offset + item.start(), offset + item.end()
            if taken.overlaps(start, end):
                continue
            yield _claim(document, start, end, f"S/RES/{item[0]}", group, len(items))
    yield from _cited_alongside(document, taken)


def _cited_alongside(document: Document, taken: Taken) -> Iterator[Claim]:
    scan = document.scan
    council = {document.sentence_at(at) for at in _find_all(scan, "S/RES/")}
    for start, end in sorted(council):
        for match in _CITED_ALONGSIDE.finditer(scan, start, end):
            items = list(_ITEM.finditer(match["list"]))
            offset = match.start("list")
            for item in items:
                at, to = offset + item.start(), offset + item.end()
                if taken.take(at, to):
                    yield _claim(document, at, to, f"S/RES/{item[0]}", offset, len(items))


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
