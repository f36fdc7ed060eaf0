"""What every rule reads while it checks one draft, and the contract a rule keeps.

A rule module (dates, durations, figures, resolutions, offices) checks the claims
of its kinds: `start(context)` is called once per draft and returns the function
that judges each linked claim. The rest of a Rule is what other stages need to
know about the kind: how its value reads in a message, how a cited page may write
it, and what a candidate reference row for it keeps.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ..datetext import Interval, human_date, interval
from ..link import Links, Name
from ..models import Claim, ClaimKind, Document, Finding, LinkedClaim
from ..reference import ReferenceTable


@dataclass(frozen=True, slots=True)
class Context:
    document: Document
    reference: ReferenceTable
    as_of: dt.date  # the article's date (the last day of a month or year), or today
    as_of_period: Interval  # the day, or the month or year the draft is dated by
    links: Links  # the linked claims and the names linking found
    mention_starts: tuple[int, ...]
    dates: tuple[tuple[int, str], ...]  # (offset, value) of the draft's dates, in text order

    @classmethod
    def for_draft(
        cls,
        document: Document,
        links: Links,
        reference: ReferenceTable,
        dates: Iterable[tuple[int, str]] | None = None,
    ) -> Context:
        """`dates`: the draft's (offset, value) dates, where `links` holds only some
        of its claims (an archive sweep judging a few stored claims again)."""
        as_of = document.as_of or dt.date.today()  # asked of the clock once, not three times
        return cls(
            document=document,
            reference=reference,
            as_of=as_of,
            as_of_period=Interval(document.as_of_from or as_of, as_of),
            links=links,
            mention_starts=tuple(m.start for m in links.mentions),
            dates=tuple(sorted(draft_dates(links.claims) if dates is None else dates)),
        )

    @property
    def on(self) -> str:
        """ "on 6 November 2019", or "in November 2011" for a draft dated by a month."""
        first, last = self.as_of_period.first, self.as_of_period.last
        if first == last:
            return f"on {human_date(last.isoformat())}"
        return f"in {human_date(self.document.as_of_written)}"

    def sentence_of(self, claim: Claim) -> tuple[int, int]:
        return self.document.sentence_at(claim.span.start)

    def mentions_in(self, start: int, end: int) -> tuple[Name, ...]:
        first = bisect.bisect_left(self.mention_starts, start)
        last = bisect.bisect_left(self.mention_starts, end)
        return self.links.mentions[first:last]

    def dates_in(self, start: int, end: int) -> tuple[tuple[int, str], ...]:
        first = bisect.bisect_left(self.dates, (start,))
        last = bisect.bisect_left(self.dates, (end,))
        return self.dates[first:last]

    def time_of(self, claim: Claim) -> Interval:
        """When a claim speaks of: the span of the other dates its sentence gives,
        else the article's date."""
        others = [
            interval(value)
            for offset, value in self.dates_in(*self.sentence_of(claim))
            if offset != claim.span.start
        ]
        if not others:
            return self.as_of_period
        return Interval(min(i.first for i in others), max(i.last for i in others))


def draft_dates(claims: Iterable[LinkedClaim]) -> list[tuple[int, str]]:
    """The (offset, value) of the draft's dates, as its rules read them."""
    return [
        (item.claim.span.start, item.claim.value)
        for item in claims
        if item.claim.kind in _DATE_KINDS
    ]


_DATE_KINDS = frozenset({ClaimKind.DATE, ClaimKind.YEAR})  # once: a member read is slow

Judge = Callable[[LinkedClaim], Finding]


@dataclass(frozen=True, slots=True)
class Stub:
    """What a candidate reference row keeps of an unverified claim."""

    value: str
    unit: str = ""
    note: str = ""  # what the curator must know first, before the sentence it came from
    keep_subject: bool = True


@dataclass(frozen=True, slots=True, kw_only=True)
class Rule:
    """Everything one family of claim kinds needs beyond extraction and linking."""

    kinds: tuple[ClaimKind, ...]
    start: Callable[[Context], Judge]  # per draft: the function that judges each claim
    describe: Callable[[Claim], str]  # the claim's value as a message states it
    renderings: Callable[[Claim], list[str]]  # the ways a cited page may write it
    stub: Callable[[Claim], Stub]  # the reference row an unverified claim suggests
    # whether judging a claim reads the draft's other claims or its names, beyond the
    # draft's dates: a sweep judging a few stored claims again must give it all of them
    reads_links: bool = False
