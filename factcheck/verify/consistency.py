"""The draft held against itself: a count that disagrees with the list it counts,
a weekday that does not match its date, a body date after the dateline, the same
fact given two values. Any of them turns a finding inconsistent."""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Iterator, Sequence
from dataclasses import replace

from ..datetext import YEAR, human_date, interval
from ..extract.numbers import parse_number
from ..lexicon import Lexicon
from ..models import Claim, ClaimKind, Document, Finding, Quantity, Verdict
from .values import in_range, number_word

# A problem is what is wrong, what the draft should say instead, and the words
# that would replace the claim's (or "" where no single fix follows).
Problem = tuple[str, str, str] | None


def check_consistency(
    document: Document, findings: list[Finding], lexicon: Lexicon
) -> list[Finding]:
    """Findings the draft contradicts itself on turn inconsistent."""
    lists = _Lists(
        [
            f.claim
            for f in findings
            if f.claim.group_size >= 2 or f.claim.kind is ClaimKind.RESOLUTION
        ]
    )
    checked: list[Finding] = []
    seen: dict[tuple[str, ...], Finding] = {}
    for finding in findings:
        problem = _problem_of_its_kind(
            finding.claim, lists, document, lexicon
        ) or _repeated_value_problem(finding, seen, document)
        if problem:
            message, expected, suggestion = problem
            finding = replace(
                finding,
                verdict=Verdict.INCONSISTENT,
                message=message,
                expected=expected,
                suggestion=finding.suggestion or suggestion,
            )
        checked.append(finding)
    return checked


def decided_alone(before: Finding, after: Finding) -> bool:
    """Whether a claim whose rule now gives `after` instead of `before` (the
    findings before this step) can be held against the draft without reading the
    rest of it. It can when neither verdict is one the same-fact check reads
    (unverified, disputed) and both tie the claim to the same fact: then no other
    finding's problem changes, and the claim is inconsistent exactly when it was
    before, from a problem of its kind, which the reference does not decide."""
    return (
        before.verdict not in _READ_FOR_REPEATS
        and after.verdict not in _READ_FOR_REPEATS
        and _fact_key(before) == _fact_key(after)
    )


_READ_FOR_REPEATS = frozenset({Verdict.UNVERIFIED, Verdict.DISPUTED})


def _problem_of_its_kind(
    claim: Claim, lists: _Lists, document: Document, lexicon: Lexicon
) -> Problem:
    """What only a claim of its kind can get wrong: a date its weekday or its place
    after the dateline, a count the list it counts. Each check is asked only of
    the kind it reads (a draft's claims are mostly of other kinds)."""
    kind = claim.kind
    if kind is ClaimKind.DATE:
        return _weekday_problem(claim, document) or _after_dateline_problem(
            document, claim, lexicon
        )
    if kind is ClaimKind.COUNT:
        return _count_vs_list_problem(claim, lists, document, lexicon) or _count_vs_names_problem(
            claim, lists, document
        )
    return None


def _weekday_problem(claim: Claim, document: Document) -> Problem:
    if claim.kind is not ClaimKind.DATE or not claim.weekday or len(claim.value) != 10:
        return None
    if not _year_certain(claim, document):
        return None
    actual = dt.date.fromisoformat(claim.value).strftime("%A")
    if actual.lower() == claim.weekday:
        return None
    return (
        f"{human_date(claim.value)} was a {actual}, not a {claim.weekday.capitalize()}; "
        "fix the weekday or the date.",
        f"{actual}, {human_date(claim.value)}",
        "",
    )


def _after_dateline_problem(document: Document, claim: Claim, lexicon: Lexicon) -> Problem:
    if (
        claim.kind is not ClaimKind.DATE
        or len(claim.value) != 10
        or document.as_of_source != "dateline"
        or document.as_of is None
    ):
        return None
    day = dt.date.fromisoformat(claim.value)
    if day <= document.as_of or not _year_certain(claim, document):
        return None
    start, end = document.sentence_at(claim.span.start)
    if lexicon.pattern("future").search(document.scan[start:end]):
        return None
    dateline = human_date(document.as_of.isoformat())
    return (
        f"{human_date(claim.value)} is after the dateline ({dateline}), "
        "and the sentence reports it as past.",
        f"{dateline} or earlier",
        "",
    )


# Within this many days of the article's date, a day written without its year
# ("on Tuesday, Nov. 5" in a story of 6 November) can only be in the article's year.
_NEAR_THE_STORY = 7


def _year_certain(claim: Claim, document: Document) -> bool:
    """Whether the claim's year is the draft's own: written with the date, or that
    of a day within a week of the article's date. A year the checker guessed
    ("April 30" in a story of November 1993, "on Saturday 16 August" after "won the
    league in 1998") blocks nothing."""
    if claim.value[:4] in claim.span.text:
        return True
    if document.as_of is None or len(claim.value) != 10:
        return False
    return abs((dt.date.fromisoformat(claim.value) - document.as_of).days) <= _NEAR_THE_STORY


class _Lists:
    """The items the draft cites (resolutions 822, 853 ...) by what they count, and
    its lists of two or more, for finding those near a count without scanning all."""

    def __init__(self, members: Sequence[Claim]) -> None:
        self.cited = _ByUnit(members)
        self.lists = _ByUnit([c for c in members if c.group_size >= 2])
        self.by_group: dict[int | None, list[str]] = {}
        for claim in self.lists.claims():
            self.by_group.setdefault(claim.group, []).append(claim.span.text)

    def nearest(self, unit: str, offset: int) -> Claim | None:
        found = self.lists.by_unit.get(unit)
        if not found:
            return None
        i = bisect.bisect_left(self.lists.starts[unit], offset)
        around = found[max(0, i - 1) : i + 1]
        return min(around, key=lambda c: abs(c.span.start - offset))

    def within(self, unit: str, start: int, end: int) -> list[Claim]:
        starts = self.cited.starts.get(unit, [])
        found = self.cited.by_unit.get(unit, [])
        return found[bisect.bisect_left(starts, start) : bisect.bisect_left(starts, end)]


def _its_own_list(count: Claim, cited: Sequence[Claim]) -> Sequence[Claim]:
    """Of what a sentence cites, what the count introduces: the items after it up to
    the end of the first list ("the four resolutions of the Council - 822, 853, 874
    and 884 - ... as did the Assembly's resolutions 48/114, 60/285 and 62/243";
    "four resolutions: S/RES/822 (1993) of 30 April, and 853, 874 and 884")."""
    after = [c for c in cited if c.span.start > count.span.start]
    first_list = next((c.group for c in after if c.group is not None), None)
    if first_list is None:
        return cited
    end = max(c.span.end for c in after if c.group == first_list)
    return [c for c in after if c.span.end <= end]


class _ByUnit:
    def __init__(self, claims: Sequence[Claim]) -> None:
        self.by_unit: dict[str, list[Claim]] = {}
        for claim in sorted(claims, key=lambda c: c.span.start):
            self.by_unit.setdefault(claim.unit, []).append(claim)
        self.starts = {unit: [c.span.start for c in found] for unit, found in self.by_unit.items()}

    def claims(self) -> Iterator[Claim]:
        for found in self.by_unit.values():
            yield from found


def _count_vs_list_problem(
    claim: Claim, lists: _Lists, document: Document, lexicon: Lexicon
) -> Problem:
    """A count against the items the draft lists: those cited in its own sentence
    ("four resolutions: S/RES/822 ... and 853, 874 and 884"), else the nearest list."""
    if (
        claim.kind is not ClaimKind.COUNT
        or claim.quantity is None
        or claim.unit not in lists.cited.by_unit
    ):
        return None
    start, end = document.sentence_at(claim.span.start)
    cited = _its_own_list(claim, lists.within(claim.unit, start, end))
    if cited and lexicon.pattern("partial_list").search(document.scan[start:end]):
        return None  # "six resolutions, including ES-11/1" names only some of them
    members = list({c.value: c.span.text for c in cited}.values())
    if len(members) < 2:  # "884, the last of four resolutions" cites one, lists none
        nearest = lists.nearest(claim.unit, claim.span.start)
        if nearest is None:
            return None
        members = lists.by_group[nearest.group]
    if in_range(len(members), claim.quantity):
        return None
    return (
        f"The draft counts {claim.value} {claim.unit} here but lists "
        f"{len(members)} ({', '.join(members)}).",
        f"{len(members)} {claim.unit}",
        f"{len(members)} {claim.unit}",
    )


# A list written right after a count: "two districts - Aghdam, Kalbajar and Lachin -",
# "won the title three times: in 1984, 1991, 1998 and 2025".
# the list opens at the count, or after a few words of its clause: "Four other parties
# also won seats: the Greens, ..."
_LIST_OPENS = re.compile(r"(?:\s+[a-z]+){0,4}\s*(?::|\s[-–—]\s|\s?\()\s*")
_LIST_ENDS = re.compile(r"\s[-–—]\s|[)(;:]|\.(?:\s|$)")
_ITEM_SEPARATOR = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+")
# An item may open with a role before its name ("goalkeeper Sam Tait", "defenders Leon
# Abara and Kofi Mensah"), never with words that introduce a list ("led by", "such as").
_ROLE_WORD = r"(?!(?:led|by|such|as|including|like|among|of|from|with|for|to|at|and|or)\s)[a-z]+\s+"
_ITEM = re.compile(
    rf"(?:(?:in|on|the)\s+|(?:{_ROLE_WORD}){{1,2}}(?=[A-Z]))?"
    r"(?:[A-Z0-9][\w'’.-]*|one|two|three|four|five|six|seven|eight|nine|ten)"
    r"(?:\s+[\w'’.-]+){0,3}"
)


def _count_vs_names_problem(claim: Claim, lists: _Lists, document: Document) -> Problem:
    """A count and the names or years listed right after it. Only a list that is
    certainly the count's is read: it opens at the count's last word, and every
    item is a short name or a number; anything looser is left alone."""
    quantity = claim.quantity
    if (
        claim.kind is not ClaimKind.COUNT
        or quantity is None
        or quantity.low != quantity.high
        or claim.unit in lists.cited.by_unit  # resolutions: their own list check
    ):
        return None
    _, sentence_end = document.sentence_at(claim.span.start)
    items = _listed_after(claim, document.scan, sentence_end) or _places_set_off(
        claim, document.scan, sentence_end
    )
    if not items:
        return None
    parts = [_opens_with_a_number(item) for item in items]
    if any(part is not None for part in parts):
        return _count_vs_parts_problem(claim, quantity, items, parts)
    if in_range(len(items), quantity):
        return None
    return (
        f"The draft counts {claim.value} {claim.unit} here but lists {len(items)} "
        f"({', '.join(items)}).",
        f"{len(items)} {claim.unit}",
        f"{number_word(len(items))} {claim.unit}",
    )


def _count_vs_parts_problem(
    claim: Claim, quantity: Quantity, items: list[str], parts: list[float | None]
) -> Problem:
    """ "Three people have died: two in Selby and two in Ashford": the parts of a
    breakdown add up to the count. Read only when every item opens with its number."""
    numbers = [part for part in parts if part is not None]
    if len(numbers) < len(parts):
        return None
    total = int(sum(numbers))
    if in_range(total, quantity):
        return None
    return (
        f"The draft counts {claim.value} {claim.unit} here but its parts add up to {total} "
        f"({', '.join(items)}).",
        f"{total} {claim.unit}",
        f"{number_word(total)} {claim.unit}",
    )


def _opens_with_a_number(item: str) -> float | None:
    """The number a part of a breakdown opens with ("two in Selby district"): a number
    followed by a word in lower case. A year opens none ("2019 in Vienna")."""
    found = _OPENING_WORD.match(item)
    if found is None or _YEAR.fullmatch(found[1]):
        return None
    return parse_number(found[1])


_OPENING_WORD = re.compile(r"(\S+)\s+[a-z]")
_YEAR = re.compile(YEAR)


def _listed_after(claim: Claim, scan: str, end: int) -> list[str]:
    """ "two districts - Aghdam, Kalbajar and Lachin -": a list opening at the count."""
    opening = _LIST_OPENS.match(scan, claim.span.end, end)
    if opening is None or _NUMBER_WORD.search(scan, claim.span.end, opening.end()):
        return []  # "46 aircraft of four types: ..." lists the types, not the aircraft
    closing = _LIST_ENDS.search(scan, opening.end(), end)
    body = scan[opening.end() : closing.start() if closing else end]
    items = [item.strip() for item in _ITEM_SEPARATOR.split(body.strip())]
    if len(items) < 2 or " or " in body or not all(_ITEM.fullmatch(i) for i in items):
        return []
    return items


_NUMBER_WORD = re.compile(r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten)\b", re.I)

# "four plants in North America — in Dayton and Lima, Ohio; Muncie, Indiana; and
# Brantford, Ontario —": places set off by dashes later in the count's sentence, one
# region to each semicolon.
_SET_OFF = re.compile(r"\s[—–-]\s+(?:in\s+)?(?P<body>[^—–.\d]+?;[^—–.\d]+?)\s+[—–-](?:\s|$)")
_REGION_SEPARATOR = re.compile(r"\s*;\s*(?:and\s+)?")


def _places_set_off(claim: Claim, scan: str, end: int) -> list[str]:
    if scan.find(";", claim.span.end, end) < 0:
        return []  # no region list: looked for first, it spares most counts the search
    found = _SET_OFF.search(scan, claim.span.end, end)
    if found is None or any(c.isdigit() for c in scan[claim.span.end : found.start()]):
        return []
    places: list[str] = []
    for region in _REGION_SEPARATOR.split(found["body"].strip()):
        names = re.split(r"\s+and\s+", region.rsplit(",", 1)[0].strip())
        if not all(_ITEM.fullmatch(name) for name in names):
            return []
        places.extend(names)
    return places if len(places) >= 2 else []


def _repeated_value_problem(
    finding: Finding, seen: dict[tuple[str, ...], Finding], document: Document
) -> Problem:
    """The same fact given two values. Where the reference holds one answer it has
    already judged both; this catches what it cannot decide (disputed figures,
    counts it does not cover)."""
    key = _fact_key(finding)
    if key is None:
        return None
    earlier = seen.setdefault(key, finding)
    if earlier is finding or _same_value(earlier.claim, finding.claim):
        return None
    if finding.verdict not in _READ_FOR_REPEATS:
        return None
    if finding.verdict is Verdict.DISPUTED and earlier.verdict is Verdict.DISPUTED:
        return None  # two of the competing positions: the draft reports the dispute
    line, _ = document.line_col(earlier.claim.span.start)
    before = " ".join(earlier.claim.span.text.split())
    return (
        f"The draft says “{' '.join(finding.claim.span.text.split())}” here but "
        f"“{before}” on line {line}.",
        before,
        "",
    )


def _fact_key(finding: Finding) -> tuple[str, ...] | None:
    """Two figures are one fact only when both are certainly tied to the same
    subject and property: "11.5 cents a share" this quarter and "five cents" a
    year ago, or two groups of walkers, are different things that share a unit."""
    if not (finding.subject and finding.property and finding.evidence.exact):
        return None  # most findings: asked first, it spares the kind's look-up
    if finding.claim.kind not in _ONE_VALUE_KINDS:
        return None
    return (finding.subject, finding.property)


_ONE_VALUE_KINDS = frozenset({ClaimKind.DATE, ClaimKind.YEAR, ClaimKind.PERCENT, ClaimKind.COUNT})


def _same_value(first: Claim, second: Claim) -> bool:
    if first.kind in (ClaimKind.DATE, ClaimKind.YEAR):
        return second.kind in (ClaimKind.DATE, ClaimKind.YEAR) and interval(first.value).overlaps(
            interval(second.value)
        )
    if first.quantity is None or second.quantity is None:
        return first.value == second.value
    return _ranges_overlap(first.quantity, second.quantity)


def _ranges_overlap(first: Quantity, second: Quantity) -> bool:
    inf = float("inf")
    first_low = -inf if first.low is None else first.low
    first_high = inf if first.high is None else first.high
    second_low = -inf if second.low is None else second.low
    second_high = inf if second.high is None else second.high
    return first_low <= second_high and second_low <= first_high
