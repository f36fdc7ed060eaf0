"""Who took part: the states, organisations or people a relation word ties to a
document, event or body: "the truce, brokered by Iran", "co-chaired by France,
Russia and the United States", "signed by the leaders of Armenia, Azerbaijan and
Russia", "whose members were Sweden, Switzerland, Poland and Czechoslovakia".

A claim's value is the names as written, without a leading "the", joined by "|"
in written order; its unit the relation words as written, from which verification
picks the property. The relation words are rows of the lexicon (`set_relation`).
People with titles in such a list are office claims, not a set: the people family
claims them first, and a set that overlaps them is dropped.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from ..lexicon import Lexicon
from ..models import Claim, ClaimKind, Document, Span
from .scan import leads_before, matches_at, word_starts

NAME = "sets"

EXAMPLES = {
    "find": (
        ("The truce, brokered by Iran, took effect at midnight.", ("Iran",)),
        (
            "From 1997 the group was co-chaired by France, Russia and the United States.",
            ("France|Russia|United States",),
        ),
        (
            "The statement was signed by the leaders of Armenia, Azerbaijan and Russia.",
            ("Armenia|Azerbaijan|Russia",),
        ),
        (
            "The declaration, signed by Ilham Aliyev and Nikol Pashinyan, is short.",
            ("Ilham Aliyev|Nikol Pashinyan",),
        ),
        ("The deal was signed late on Wednesday by Amundsen and Osei.", ("Amundsen|Osei",)),
        (
            "A commission whose members were Sweden, Switzerland, Poland and Czechoslovakia.",
            ("Sweden|Switzerland|Poland|Czechoslovakia",),
        ),
        (
            "Its signatories were the commanders of the United Nations Command, the Korean "
            "People's Army and the Chinese People's Volunteers.",
            ("United Nations Command|Korean People's Army|Chinese People's Volunteers",),
        ),
        (
            "The consortium's members are Eastmoor University, the University of Calder "
            "and the Marlowe Institute.",
            ("Eastmoor University|University of Calder|Marlowe Institute",),
        ),
        (
            "The programme is co-chaired by Hannah Voss and Kenji Morita of Hokkaido.",
            ("Hannah Voss|Kenji Morita",),
        ),
        ("The treaty was concluded between Russia and Azerbaijan in 1997.", ("Russia|Azerbaijan",)),
        (
            "The co-chairs, representatives of Russia, France and Germany, met.",
            ("Russia|France|Germany",),
        ),
    ),
    "ignore": (
        "The members of parliament voted.",
        "It was signed by 12 of the 15 members.",
        "Statement by the Co-Chairs of the OSCE Minsk Group.",
        "The talks were hosted by the government on Monday.",
    ),
}

_FIRST_WORDS_OF_ROLES = r"[a-z]+(?:\s+[a-z]+)?"
# A name in a list: capitalised words, "of" inside a body's name ("University of
# Calder", "Republic of Armenia"), possessives ("Korean People's Army").
_NAME_WORD = r"[A-Z](?:[\w'’-]|\.(?=\w))*"  # "U.S."; not the full stop after a name
_ITEM = rf"(?:the\s+)?{_NAME_WORD}(?:[ \t]+{_NAME_WORD})*"
_SEPARATOR = re.compile(r",?[ \t]+and[ \t]+|,[ \t]*(?:and[ \t]+)?")
_OF_IN_A_NAME = re.compile(rf"[ \t]+of[ \t]+(?:the[ \t]+)?{_NAME_WORD}(?:[ \t]+{_NAME_WORD})*")


@functools.lru_cache(maxsize=8)
def _relation(lexicon: Lexicon) -> re.Pattern[str]:
    """The relation words, then what leads into the list: "signed [late on Wednesday]
    by", "members were", "co-chairs, representatives of", "signed by the leaders of"."""
    verbs = [w for w in lexicon["set_relation"] if w.split()[-1] in ("by", "between")]
    nouns = [w for w in lexicon["set_relation"] if w not in verbs]
    verb = "|".join(
        # "signed late on Wednesday by": a few words may stand between a verb and "by"
        re.escape(" ".join(w.split()[:-1])) + rf"(?:\s+[^\s.;,:]+){{0,4}}?\s+{w.split()[-1]}"
        for w in sorted(verbs, key=len, reverse=True)
    )
    noun = "|".join(re.escape(w) for w in sorted(nouns, key=len, reverse=True))
    return re.compile(
        rf"\b(?:(?P<verb>{verb})\s+|(?P<noun>{noun})(?:\s+(?:were|are|was|is|include|included)\s+"
        r"|\s*[,:]\s+))"
        # "the leaders of", "representatives of": who acted for the states listed
        rf"(?:(?:the\s+)?{_FIRST_WORDS_OF_ROLES}\s+of\s+)?"
        rf"(?=(?:the\s+)?[A-Z])",
        re.I,
    )


def extract(document: Document, lexicon: Lexicon) -> Iterator[Claim]:
    scan = document.scan
    relation = _relation(lexicon)
    for match in matches_at(relation, scan, _relation_starts(scan, lexicon)):
        names = _names(scan, match.end())
        if not names:
            continue
        start, end = names[0][0], names[-1][1]
        yield Claim(
            kind=ClaimKind.SET,
            span=Span(start=start, end=end, text=document.text[start:end]),
            value="|".join(" ".join(scan[a:b].split()) for a, b in names),
            extractor=NAME,
            unit=_relation_words(match, lexicon),
        )


@functools.lru_cache(maxsize=8)
def _anchors(lexicon: Lexicon) -> frozenset[str]:
    return frozenset(
        next(w for w in re.split(r"\W+", row.lower()) if w != "the")
        for row in lexicon["set_relation"]
    )


_THE_BEFORE = re.compile(r"\b[Tt]he\s+$")


def _relation_starts(scan: str, lexicon: Lexicon) -> list[int]:
    """Where a relation may start: at its first word other than "the" (which is
    everywhere), and at a "the" before that word ("the parties")."""
    starts = word_starts(scan, _anchors(lexicon))
    return [*starts, *leads_before(scan, starts, _THE_BEFORE, 4, keep_bare=False)]


def _relation_words(match: re.Match[str], lexicon: Lexicon) -> str:
    """The relation words as written, without what stands between a verb and its
    "by": "signed late on Wednesday by" gives "signed by"."""
    if match["noun"]:
        return " ".join(match["noun"].split())
    written = match["verb"].split()
    for row in lexicon["set_relation"]:
        head = row.split()[:-1]
        if head and [w.lower() for w in written[: len(head)]] == head:
            return " ".join([*written[: len(head)], written[-1]])
    return " ".join(written)


_ITEM_PATTERN = re.compile(_ITEM)
_BODY_WORDS = frozenset(
    {"University", "Institute", "Republic", "Bank", "Council", "Court", "College", "School",
     "Organization", "Organisation", "Office", "Ministry", "Commonwealth", "Union", "League",
     "Federation", "Kingdom", "Assembly", "Academy", "Museum", "Department", "Agency"}
)  # fmt: skip


def _names(scan: str, at: int) -> list[tuple[int, int]]:
    """(start, end) of each name of the list that starts at `at`, leading "the"
    left out."""
    names: list[tuple[int, int]] = []
    while (item := _ITEM_PATTERN.match(scan, at)) is not None:
        start, end = item.span()
        if item[0].lower().startswith("the"):
            start = item.start() + len(item[0]) - len(item[0][3:].lstrip())
        last_word = item[0].split()[-1]
        inside = _OF_IN_A_NAME.match(scan, end) if last_word in _BODY_WORDS else None
        if inside is not None:  # "University of Calder", not "Kenji Morita of Hokkaido"
            end = inside.end()
        names.append((start, end))
        separator = _SEPARATOR.match(scan, end)
        if separator is None or "and" in scan[at - 5 : at].split():
            break  # a list has one "and": "... and Russia, and the Kazan summit"
        at = separator.end()
    if names and scan[names[-1][0] : names[-1][1]].split()[0] in ("The", "the"):
        return []
    return names
