"""Verify stage: linked claims + reference -> findings with verdicts.

First each claim is held against the reference (supported, contradicted,
outdated, disputed, unverified); then the draft is held against itself (a count
that disagrees with the list it counts, a weekday that does not match its date,
a body date after the dateline), which turns a claim inconsistent.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace

from .datetext import Interval, interval
from .models import (
    Claim,
    ClaimKind,
    Document,
    Fact,
    Finding,
    LinkedClaim,
    Quantity,
    Source,
    Verdict,
)
from .reference import ReferenceTable
from .words import normalise

_DAYS_PER_YEAR = 365.2425
_FUTURE_TENSE = re.compile(
    r"\b(?:will|would|shall|to be held|is due|are due|scheduled|planned|plans|expected to|next)\b",
    re.I,
)


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


def verify_claims(
    document: Document, linked: Sequence[LinkedClaim], reference: ReferenceTable
) -> list[Finding]:
    as_of = document.as_of or dt.date.today()
    checker = _Checker(reference, as_of, linked, document)
    findings = [checker.check(item) for item in linked]
    return _check_consistency(document, findings)


class _Checker:
    """Holds what every claim of one draft is checked against."""

    def __init__(
        self,
        reference: ReferenceTable,
        as_of: dt.date,
        linked: Sequence[LinkedClaim],
        document: Document,
    ) -> None:
        self.reference = reference
        self.as_of = as_of
        self.document = document
        self.groups = _resolution_groups(linked, reference)
        # the draft's dates in text order, to read a title against its sentence's date
        self.dates = sorted(
            (item.claim.span.start, item.claim.value)
            for item in linked
            if item.claim.kind in (ClaimKind.DATE, ClaimKind.YEAR)
        )
        self.mentions = reference.find_mentions(document.scan)
        self.mention_starts = [m.start for m in self.mentions]

    def check(self, item: LinkedClaim) -> Finding:
        claim = item.claim
        if claim.kind is ClaimKind.RESOLUTION:
            return self._resolution(item)
        if claim.kind is ClaimKind.OFFICE:
            return self._office(item)
        if not item.subject:
            return self._finding(item, Verdict.UNVERIFIED, _unlinked_message(claim))
        if not item.property:
            return self._attributive(item)
        facts = self.reference.facts_for(item.subject, item.property)
        if claim.kind is ClaimKind.DURATION:
            ends = self._duration_ends(item.subject)
            finding = self._judge(
                item, facts, lambda c, f: any(_duration_matches(c, f, end) for end in ends)
            )
            if finding.verdict is Verdict.CONTRADICTED and _far_from_every(claim, facts, ends):
                # "took effect after a three-hour delay" next to a 1994 ceasefire: a
                # figure ten times off every span the reference allows is about
                # something else
                return replace(
                    finding,
                    verdict=Verdict.UNVERIFIED,
                    message=f"{claim.span.text!r} is far from any span the reference holds "
                    f"for {self.reference.label(item.subject)}: it is likely about "
                    "something else.",
                    suggestion="",
                )
            return finding
        if claim.kind in (ClaimKind.DATE, ClaimKind.YEAR):
            finding = self._judge(item, facts, _date_matches)
            if finding.verdict is Verdict.CONTRADICTED and not self._year_written(claim):
                # "a ceasefire took effect on 5 April" in a 2016 story: the year is the
                # article's guess, so the draft may mean another ceasefire
                return replace(
                    finding,
                    verdict=Verdict.UNVERIFIED,
                    message=f"The sentence gives no year; read as {claim.value[:4]}, the "
                    f"article's, it does not match {finding.expected} "
                    f"({self.reference.label(item.subject)}). Write the year to check it.",
                    suggestion="",
                )
            return finding
        return self._judge(item, facts, _number_matches)

    # -- values ---------------------------------------------------------------

    def _judge(
        self,
        item: LinkedClaim,
        facts: Sequence[Fact],
        matches: Callable[[Claim, Fact], bool],
    ) -> Finding:
        show = _human_fact_value
        label = self.reference.label(item.subject)
        what = item.property.replace("_", " ")
        established = [f for f in facts if f.status == "established"]
        disputed = [f for f in facts if f.status == "disputed"]
        agreeing = [f for f in established if matches(item.claim, f)]
        if agreeing:
            return self._finding(
                item,
                Verdict.SUPPORTED,
                f"{label} — {what}: {show(agreeing[0])}.",
                facts=agreeing,
                expected=show(agreeing[0]),
                reference=self.reference,
            )
        if established:
            expected = show(established[0])
            return self._finding(
                item,
                Verdict.CONTRADICTED,
                f"The reference gives {expected} ({label} — {what}), "
                f"not {_claim_value(item.claim)}.",
                facts=established,
                expected=expected,
                suggestion=_suggestion(item.claim, established[0]),
                reference=self.reference,
            )
        positions = "; ".join(f"{show(f)} ({f.source_title or f.source_url})" for f in disputed)
        if any(matches(item.claim, f) for f in disputed):
            return self._finding(
                item,
                Verdict.DISPUTED,
                f"Disputed ({label} — {what}): sources give {positions}. "
                "Attribute the figure to its source.",
                facts=disputed,
                expected=" | ".join(show(f) for f in disputed),
                reference=self.reference,
            )
        return self._finding(
            item,
            Verdict.CONTRADICTED,
            f"No source gives {_claim_value(item.claim)} ({label} — {what}); "
            f"sources give {positions}.",
            facts=disputed,
            expected=" | ".join(show(f) for f in disputed),
            reference=self.reference,
        )

    def _attributive(self, item: LinkedClaim) -> Finding:
        """ "the 1994 ceasefire": true if any date the reference holds for the
        subject falls in that year."""
        dated = [
            f
            for f in self.reference.facts_about(item.subject)
            if self.reference.properties[f.property].value_type == "date" and f.status != "false"
        ]
        label = self.reference.label(item.subject)
        if not dated:
            return self._finding(
                item, Verdict.UNVERIFIED, f"The reference holds no date for {label} yet."
            )
        agreeing = [f for f in dated if _date_matches(item.claim, f)]
        if agreeing:
            fact = agreeing[0]
            return self._finding(
                item,
                Verdict.SUPPORTED,
                f"{label} — {fact.property.replace('_', ' ')}: {_human_fact_value(fact)}.",
                facts=agreeing,
                expected=_human_fact_value(fact),
                reference=self.reference,
            )
        fact = dated[0]
        expected = _human_fact_value(fact)
        return self._finding(
            item,
            Verdict.CONTRADICTED,
            f"The reference gives {expected} ({label} — {fact.property.replace('_', ' ')}), "
            f"not {_claim_value(item.claim)}.",
            facts=dated,
            expected=expected,
            suggestion=_suggestion(item.claim, fact),
            reference=self.reference,
        )

    # -- resolutions ----------------------------------------------------------

    def _resolution(self, item: LinkedClaim) -> Finding:
        claim = item.claim
        reference = self.reference
        number = claim.value.split("/RES/", 1)[-1]
        group = self.groups.get(claim.group) if claim.group is not None else None
        if not item.subject:
            if group and group.topic and group.complete:
                missing = ", ".join(group.missing) or "none"
                return self._finding(
                    item,
                    Verdict.CONTRADICTED,
                    f"Resolution {number} is not among the {len(group.members)} Security "
                    f"Council resolutions on the {reference.label(group.topic)} "
                    f"({', '.join(group.members)}); not cited here: {missing}.",
                    facts=group.facts,
                    expected=missing,
                    suggestion=group.missing[0] if len(group.missing) == 1 else "",
                    reference=reference,
                )
            return self._finding(
                item, Verdict.UNVERIFIED, f"Resolution {number} is not in the reference yet."
            )
        topics = [f for f in reference.facts_for(item.subject, "concerns")]
        adopted = reference.facts_for(item.subject, "adopted_on")
        when = f" (adopted {human_date(adopted[0].value)})" if adopted else ""
        if group and group.topic and all(f.value != group.topic for f in topics):
            about = ", ".join(reference.label(f.value) for f in topics) or "another subject"
            return self._finding(
                item,
                Verdict.CONTRADICTED,
                f"Resolution {number}{when} concerns {about}, unlike the others in its list "
                f"({reference.label(group.topic)}).",
                facts=(*topics, *group.facts),
                expected=", ".join(group.missing),
                reference=reference,
            )
        sentence_topics = self._sentence_topics(claim)
        if topics and sentence_topics and not {f.value for f in topics} & sentence_topics:
            about = ", ".join(reference.label(f.value) for f in topics)
            discussed = ", ".join(sorted(reference.label(t) for t in sentence_topics))
            return self._finding(
                item,
                Verdict.CONTRADICTED,
                f"Resolution {number}{when} concerns {about}, not the {discussed} this "
                "sentence is about.",
                facts=(*topics, *adopted),
                expected=discussed,
                reference=reference,
            )
        about = ", ".join(reference.label(f.value) for f in topics)
        message = f"Resolution {number}{when}" + (f" concerns the {about}." if about else ".")
        return self._finding(
            item,
            Verdict.SUPPORTED,
            message,
            facts=(*adopted, *topics),
            expected=claim.value,
            reference=reference,
        )

    # -- office-holders -------------------------------------------------------

    def _office(self, item: LinkedClaim) -> Finding:
        claim = item.claim
        reference = self.reference
        if not item.subject:
            return self._finding(
                item, Verdict.UNVERIFIED, f"{claim.value} is not in the reference yet."
            )
        person = reference.label(item.subject)
        terms = reference.facts_for(item.subject, "position_held")
        offices = _same_country(set(reference.offices_matching(claim.title)), terms, reference)
        # Latest appointment first: where terms overlap at the edges of partial
        # dates, the newer post is the one the person most likely held.
        current = sorted(
            (f for f in terms if _valid_on(f, self.as_of)), key=lambda f: f.valid_from, reverse=True
        )
        held_now = "; ".join(reference.label(f.value) for f in current) or "no curated office"
        on = f"on {human_date(self.as_of.isoformat())}"
        if not offices:
            return self._finding(
                item,
                Verdict.UNVERIFIED,
                f"The title {claim.title!r} matches no office in the reference; {on} "
                f"{person} held: {held_now}.",
                facts=current,
                expected=held_now,
                reference=reference,
            )
        matching = [f for f in terms if f.value in offices]
        if _FORMER.search(claim.title):
            return self._former_office(item, person, matching, current, on)
        valid = [f for f in matching if _valid_on(f, self.as_of)]
        if valid:
            return self._finding(
                item,
                Verdict.SUPPORTED,
                f"{person} was {reference.label(valid[0].value)} {on} ({_term(valid[0])}).",
                facts=valid,
                expected=reference.label(valid[0].value),
                reference=reference,
            )
        # "the French co-chair Brice Roquefeuil was appointed in November 2021": a
        # sentence about the appointment dates the title itself
        for when in self._appointment_dates(claim):
            then = [f for f in matching if _valid_during(f, interval(when))]
            if then:
                return self._finding(
                    item,
                    Verdict.SUPPORTED,
                    f"{person} was {reference.label(then[0].value)} in {human_date(when)}, "
                    f"the sentence's date ({_term(then[0])}).",
                    facts=then,
                    expected=reference.label(then[0].value),
                    reference=reference,
                )
        if matching:
            ended = [f for f in matching if f.valid_to and interval(f.valid_to).last < self.as_of]
            if ended:
                fact = max(ended, key=lambda f: f.valid_to)
                holders = self._holders(fact.value)
                abolition = self._abolition(fact.value)
                since = (
                    f"the post itself ended {_on_or_in(abolition[0].value)} "
                    f"{human_date(abolition[0].value)}"
                    if abolition
                    else f"{on} it was held by {holders or 'someone not yet curated'}"
                )
                return self._finding(
                    item,
                    Verdict.OUTDATED,
                    f"{person} had left the post of {reference.label(fact.value)} "
                    f"({_term(fact)}); {since}.",
                    facts=(fact, *abolition, *self._holder_facts(fact.value)),
                    expected=holders or held_now,
                    suggestion=holders.split(";")[0] if holders else "",
                    reference=reference,
                )
            fact = min(matching, key=lambda f: f.valid_from)
            return self._finding(
                item,
                Verdict.CONTRADICTED,
                f"{person} took the post of {reference.label(fact.value)} only later "
                f"({_term(fact)}); {on} {person} held: {held_now}.",
                facts=(fact, *current),
                expected=held_now,
                reference=reference,
            )
        wanted = sorted(offices, key=lambda o: reference.label(o))
        holders = "; ".join(h for h in (self._holders(o) for o in wanted) if h)
        return self._finding(
            item,
            Verdict.CONTRADICTED,
            f"{person} never held the post of {' or '.join(reference.label(o) for o in wanted)} "
            f"in the reference; {on} {person} was {held_now}"
            + (f", and the post was held by {holders}." if holders else "."),
            facts=(*current, *(f for o in wanted for f in self._holder_facts(o))),
            expected=held_now,
            suggestion=reference.label(current[0].value) if current else "",
            reference=reference,
        )

    def _finding(
        self,
        item: LinkedClaim,
        verdict: Verdict,
        message: str,
        *,
        facts: Iterable[Fact] = (),
        expected: str = "",
        suggestion: str = "",
        reference: ReferenceTable | None = None,
    ) -> Finding:
        judged = tuple(facts)
        sources: list[Source] = []
        for fact in judged:
            source = Source(url=fact.source_url, title=fact.source_title)
            if fact.source_url and source not in sources:
                sources.append(source)
        line, column = self.document.line_col(item.claim.span.start)
        return Finding(
            claim=item.claim,
            verdict=verdict,
            message=message,
            subject=item.subject,
            subject_label=reference.label(item.subject) if reference and item.subject else "",
            property=item.property,
            expected=expected,
            suggestion=suggestion,
            sources=tuple(sources),
            line=line,
            column=column,
            facts=judged,
        )

    def _sentence_topics(self, claim: Claim) -> set[str]:
        """The subjects of resolutions (conflicts, situations) that the claim's
        sentence names, directly or through a place they share a name with."""
        start, end = self.document.sentence_at(claim.span.start)
        first = bisect.bisect_left(self.mention_starts, start)
        last = bisect.bisect_left(self.mention_starts, end)
        named = {e for m in self.mentions[first:last] for e in m.entities}
        named_words = {w for e in named for w in _topic_words(self.reference.label(e))}
        return {
            topic
            for topic in self.reference.topics
            if topic in named or _topic_words(self.reference.label(topic)) & named_words
        }

    def _holder_facts(self, office: str) -> list[Fact]:
        return [
            f
            for f in self.reference.facts_with_value("position_held", office)
            if _valid_on(f, self.as_of)
        ]

    def _former_office(
        self,
        item: LinkedClaim,
        person: str,
        matching: Sequence[Fact],
        current: Sequence[Fact],
        on: str,
    ) -> Finding:
        """ "former Foreign Minister Elmar Mammadyarov": a post held before the
        article's date and not at it."""
        reference = self.reference
        now = [f for f in matching if f in current]
        before = [f for f in matching if interval(f.valid_from or "0001").first <= self.as_of]
        if before and not now:
            fact = max(before, key=lambda f: f.valid_from)
            return self._finding(
                item,
                Verdict.SUPPORTED,
                f"{person} had held the post of {reference.label(fact.value)} ({_term(fact)}).",
                facts=before,
                expected=reference.label(fact.value),
                reference=reference,
            )
        if now:
            return self._finding(
                item,
                Verdict.CONTRADICTED,
                f"{person} still held the post of {reference.label(now[0].value)} {on} "
                f"({_term(now[0])}), so is not its former holder.",
                facts=now,
                expected=reference.label(now[0].value),
                suggestion=reference.label(now[0].value),
                reference=reference,
            )
        offices = " or ".join(sorted({reference.label(f.value) for f in matching})) or "that post"
        return self._finding(
            item,
            Verdict.CONTRADICTED,
            f"{person} had not held {offices} by {human_date(self.as_of.isoformat())}.",
            facts=matching,
            reference=reference,
        )

    def _year_written(self, claim: Claim) -> bool:
        start, end = self.document.sentence_at(claim.span.start)
        return claim.value[:4] in self.document.scan[start:end]

    def _appointment_dates(self, claim: Claim) -> list[str]:
        start, end = self.document.sentence_at(claim.span.start)
        if not _APPOINTMENT.search(self.document.scan, start, end):
            return []
        first = bisect.bisect_left(self.dates, (start,))
        last = bisect.bisect_left(self.dates, (end,))
        return [v for _, v in self.dates[first:last] if interval(v).last < self.as_of]

    def _duration_ends(self, subject: str) -> list[Interval]:
        """Where a duration may run to: the article's date ("for 30 years now", "27
        years ago") or a later date the reference holds for the subject (its end, or
        "held it for 27 years" up to its return). Any of them fitting is enough: a
        CI run must not fail on a reading the sentence did not mean."""
        dated = [
            interval(f.value)
            for f in self.reference.facts_about(subject)
            if self.reference.properties[f.property].value_type == "date"
        ]
        return [Interval(self.as_of, self.as_of), *dated]

    def _abolition(self, office: str) -> list[Fact]:
        """The office's own end, when it ended before the article (a mediation
        format closed, a post abolished): then nobody holds it now."""
        return [
            f
            for f in self.reference.facts_for(office, "ended_on")
            if interval(f.value).first <= self.as_of
        ]

    def _holders(self, office: str) -> str:
        return "; ".join(self.reference.label(f.subject) for f in self._holder_facts(office))


_GENERIC_TOPIC_WORDS = frozenset(
    {"the", "of", "in", "on", "conflict", "war", "situation", "crisis", "question", "dispute"}
)


def _topic_words(label: str) -> set[str]:
    return set(normalise(label)) - _GENERIC_TOPIC_WORDS


# -- resolution lists ----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Group:
    topic: str
    members: tuple[str, ...]
    missing: tuple[str, ...]
    complete: bool
    facts: tuple[Fact, ...]


def _resolution_groups(
    linked: Sequence[LinkedClaim], reference: ReferenceTable
) -> dict[int, _Group]:
    """For each cited list of resolutions: the subject most of them concern, and
    whether the reference knows every resolution on it (a count fact says so)."""
    by_group: dict[int, list[LinkedClaim]] = {}
    for item in linked:
        if item.claim.kind is ClaimKind.RESOLUTION and item.claim.group is not None:
            by_group.setdefault(item.claim.group, []).append(item)
    groups: dict[int, _Group] = {}
    for key, items in by_group.items():
        topics = Counter(
            f.value
            for item in items
            if item.subject
            for f in reference.facts_for(item.subject, "concerns")
        )
        if not topics:
            continue
        topic = topics.most_common(1)[0][0]
        # A list of Security Council resolutions is compared with the Council's
        # resolutions on the topic, not with the General Assembly's.
        organ = items[0].claim.value.split("/", 1)[0]
        member_facts = reference.facts_with_value("concerns", topic)
        members = tuple(
            sorted(
                number
                for f in member_facts
                for symbol_organ, number in [_symbol(f.subject, reference)]
                if symbol_organ == organ
            )
        )
        cited = {item.claim.value.split("/RES/", 1)[-1] for item in items}
        counts = [
            f
            for prop, p in reference.properties.items()
            if p.value_type == "count"
            for f in reference.facts_for(topic, prop)
            if f.unit == "resolutions"
        ]
        complete = any(float(f.value) == len(members) for f in counts)
        groups[key] = _Group(
            topic=topic,
            members=members,
            missing=tuple(m for m in members if m not in cited),
            complete=complete,
            facts=tuple(counts),
        )
    return groups


def _symbol(entity: str, reference: ReferenceTable) -> tuple[str, str]:
    """("S", "822") for S/RES/822: the organ and the number of a resolution."""
    for alias in reference.entities[entity].aliases:
        match = re.fullmatch(r"([SA])/RES/(\S+)", alias)
        if match:
            return match[1], match[2]
    return "", entity


# -- consistency within the draft ----------------------------------------------

# A problem is what is wrong and what the draft should say instead.
Problem = tuple[str, str] | None


def _check_consistency(document: Document, findings: list[Finding]) -> list[Finding]:
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
        claim = finding.claim
        problem = (
            _weekday_problem(claim)
            or _after_dateline_problem(document, claim)
            or _count_vs_list_problem(claim, lists, document)
            or _repeated_value_problem(finding, seen, document)
        )
        if problem:
            message, expected = problem
            finding = replace(
                finding, verdict=Verdict.INCONSISTENT, message=message, expected=expected
            )
        checked.append(finding)
    return checked


def _weekday_problem(claim: Claim) -> Problem:
    if claim.kind is not ClaimKind.DATE or not claim.weekday or len(claim.value) != 10:
        return None
    actual = dt.date.fromisoformat(claim.value).strftime("%A")
    if actual.lower() == claim.weekday:
        return None
    return (
        f"{human_date(claim.value)} was a {actual}, not a {claim.weekday.capitalize()}; "
        "fix the weekday or the date.",
        f"{actual}, {human_date(claim.value)}",
    )


def _after_dateline_problem(document: Document, claim: Claim) -> Problem:
    if (
        claim.kind is not ClaimKind.DATE
        or len(claim.value) != 10
        or document.as_of_source != "dateline"
        or document.as_of is None
    ):
        return None
    day = dt.date.fromisoformat(claim.value)
    if day <= document.as_of:
        return None
    start, end = document.sentence_at(claim.span.start)
    if _FUTURE_TENSE.search(document.scan[start:end]):
        return None
    dateline = human_date(document.as_of.isoformat())
    return (
        f"{human_date(claim.value)} is after the dateline ({dateline}), "
        "and the sentence reports it as past.",
        f"{dateline} or earlier",
    )


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


class _ByUnit:
    def __init__(self, claims: Sequence[Claim]) -> None:
        self.by_unit: dict[str, list[Claim]] = {}
        for claim in sorted(claims, key=lambda c: c.span.start):
            self.by_unit.setdefault(claim.unit, []).append(claim)
        self.starts = {unit: [c.span.start for c in found] for unit, found in self.by_unit.items()}

    def claims(self) -> Iterator[Claim]:
        for found in self.by_unit.values():
            yield from found


def _count_vs_list_problem(claim: Claim, lists: _Lists, document: Document) -> Problem:
    """A count against the items the draft lists: those cited in its own sentence
    ("four resolutions: S/RES/822 ... and 853, 874 and 884"), else the nearest list."""
    if (
        claim.kind is not ClaimKind.COUNT
        or claim.quantity is None
        or claim.unit not in lists.cited.by_unit
    ):
        return None
    start, end = document.sentence_at(claim.span.start)
    cited = lists.within(claim.unit, start, end)
    if cited and _PARTIAL_LIST.search(document.scan[start:end]):
        return None  # "six resolutions, including ES-11/1" names only some of them
    members = list({c.value: c.span.text for c in cited}.values())
    if len(members) < 2:  # "884, the last of four resolutions" cites one, lists none
        nearest = lists.nearest(claim.unit, claim.span.start)
        if nearest is None:
            return None
        members = lists.by_group[nearest.group]
    if _in_range(len(members), claim.quantity):
        return None
    return (
        f"The draft counts {claim.value} {claim.unit} here but lists "
        f"{len(members)} ({', '.join(members)}).",
        f"{len(members)} {claim.unit}",
    )


_PARTIAL_LIST = re.compile(
    r"\b(?:including|includes|include|such as|among them|among which)\b", re.I
)


def _repeated_value_problem(
    finding: Finding, seen: dict[tuple[str, ...], Finding], document: Document
) -> Problem:
    """The same fact given two values. Where the reference holds one answer it has
    already judged both; this catches what it cannot decide (disputed figures,
    counts it does not cover)."""
    key = _fact_key(finding, document)
    if key is None:
        return None
    earlier = seen.setdefault(key, finding)
    if earlier is finding or _same_value(earlier.claim, finding.claim):
        return None
    if finding.verdict not in (Verdict.UNVERIFIED, Verdict.DISPUTED):
        return None
    if finding.verdict is Verdict.DISPUTED and earlier.verdict is Verdict.DISPUTED:
        return None  # two of the competing positions: the draft reports the dispute
    line, _ = document.line_col(earlier.claim.span.start)
    before = " ".join(earlier.claim.span.text.split())
    return (
        f"The draft says “{' '.join(finding.claim.span.text.split())}” here but "
        f"“{before}” on line {line}.",
        before,
    )


def _fact_key(finding: Finding, document: Document) -> tuple[str, ...] | None:
    claim = finding.claim
    if claim.kind not in (ClaimKind.DATE, ClaimKind.YEAR, ClaimKind.PERCENT, ClaimKind.COUNT):
        return None
    if finding.subject and finding.property:
        return (finding.subject, finding.property)
    if claim.kind is ClaimKind.COUNT:
        return _unlinked_count_key(claim, document)
    return None


def _unlinked_count_key(claim: Claim, document: Document) -> tuple[str, ...] | None:
    """Two counts the reference cannot place are the same fact only when the same
    thing is counted doing the same thing: "12 observers arrived ... 15 observers
    arrived", not "73 people died ... 1.2 million people were displaced"."""
    if not claim.unit:
        return None  # a bare figure ("2.3 million") says nothing of what it counts
    after = _NEXT_CONTENT_WORD.match(document.scan, claim.span.end)
    return None if after is None else ("count", claim.unit, after.group(1).lower())


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


# the first word after a count that is not a function word ("observers arrived",
# "kilometres of frontier")
_NEXT_CONTENT_WORD = re.compile(
    r"(?:[^A-Za-z]+(?:of|the|a|an|in|on|to|from|for|at|by|with|and|or)\b)*[^A-Za-z]+([A-Za-z]+)",
    re.I,
)


# -- small pieces --------------------------------------------------------------


def _unlinked_message(claim: Claim) -> str:
    return (
        f"No reference fact covers this {claim.kind.value} yet: the sentence names no "
        "entity and property the reference holds."
    )


def _claim_value(claim: Claim) -> str:
    if claim.kind in (ClaimKind.DATE, ClaimKind.YEAR):
        return human_date(claim.value)
    return " ".join(claim.span.text.split())


def _human_fact_value(fact: Fact) -> str:
    if re.fullmatch(r"\d{4}(?:-\d\d){0,2}(?:/\d{4}(?:-\d\d){0,2})?", fact.value):
        return human_date(fact.value)
    unit = {"percent": " percent", "km2": " km²"}.get(
        fact.unit, f" {fact.unit}" if fact.unit and fact.unit != "date" else ""
    )
    return f"{fact.value}{unit}"


def _suggestion(claim: Claim, fact: Fact) -> str:
    """The claim's text with the reference value written in the draft's style."""
    if claim.kind in (ClaimKind.PERCENT, ClaimKind.COUNT, ClaimKind.DURATION):
        return _human_fact_value(fact)
    if "/" in fact.value:
        return human_date(fact.value)
    target = interval(fact.value).first
    precision = len(claim.value) if claim.kind is ClaimKind.DATE else 4
    precision = min(precision, len(fact.value))
    if precision == 4:
        return str(target.year)
    if precision == 7:
        return target.strftime("%B %Y")
    if claim.span.text[:1].isdigit():
        return f"{target.day} {target:%B %Y}"
    return f"{target:%B} {target.day}, {target.year}"


def _duration_matches(claim: Claim, fact: Fact, end: Interval) -> bool:
    """Does the time from the fact's date to `end` (the subject's end date, or
    the article's date for what still lasts) fit the claimed duration?"""
    start = interval(fact.value)
    elapsed_low = (end.first - start.last).days / _DAYS_PER_YEAR
    elapsed_high = (end.last - start.first).days / _DAYS_PER_YEAR
    years = _in_years(claim)
    unit = _in_years(replace(claim, quantity=Quantity(value=1, low=1, high=1))).value
    # Unhedged, a duration is read to half its unit: "30 years" is 29.5-30.5.
    tolerance = float(fact.tolerance) if fact.tolerance else (0.0 if years.hedge else unit / 2)
    low = -float("inf") if years.low is None else years.low - tolerance
    high = float("inf") if years.high is None else years.high + tolerance
    return low <= elapsed_high and elapsed_low <= high


def _far_from_every(claim: Claim, facts: Sequence[Fact], ends: Sequence[Interval]) -> bool:
    """Whether the claimed duration is more than ten times off every span from a
    fact's date to a possible end (or under a tenth of it)."""
    claimed = _in_years(claim).value
    spans = [
        abs((end.first - interval(f.value).first).days) / _DAYS_PER_YEAR
        for f in facts
        for end in ends
    ]
    spans = [s for s in spans if s > 0]
    if claimed <= 0 or not spans:
        return False
    return all(s > claimed * 10 or s < claimed / 10 for s in spans)


def _date_matches(claim: Claim, fact: Fact) -> bool:
    return interval(claim.value).overlaps(interval(fact.value))


def _number_matches(claim: Claim, fact: Fact) -> bool:
    if claim.quantity is None:
        return False
    value = float(fact.value)
    tolerance = float(fact.tolerance) if fact.tolerance else 0.0
    low = claim.quantity.low if claim.quantity.low is not None else -float("inf")
    high = claim.quantity.high if claim.quantity.high is not None else float("inf")
    return low - tolerance <= value <= high + tolerance


def _in_range(number: float, quantity: Quantity) -> bool:
    low = quantity.low if quantity.low is not None else -float("inf")
    high = quantity.high if quantity.high is not None else float("inf")
    return low <= number <= high


def _in_years(claim: Claim) -> Quantity:
    quantity = claim.quantity or Quantity(value=0, low=0, high=0)
    factor = {
        "years": 1.0,
        "decades": 10.0,
        "months": 1 / 12,
        "weeks": 7 / _DAYS_PER_YEAR,
        "days": 1 / _DAYS_PER_YEAR,
        "hours": 1 / (24 * _DAYS_PER_YEAR),
    }.get(claim.unit, 1.0)
    return Quantity(
        value=quantity.value * factor,
        low=None if quantity.low is None else quantity.low * factor,
        high=None if quantity.high is None else quantity.high * factor,
        hedge=quantity.hedge,
    )


def _on_or_in(value: str) -> str:
    """ "on 1 September 2025" for a day (or a range of days), "in 2025" otherwise."""
    return "on" if len(value.split("/")[0]) == 10 else "in"


_FORMER = re.compile(r"\b(?:former|ex)\b", re.I)
_APPOINTMENT = re.compile(
    r"\b(?:appointed|named|nominated|took over|took up|became|succeeded|replaced)\b", re.I
)


def _valid_during(fact: Fact, period: Interval) -> bool:
    if fact.valid_from and interval(fact.valid_from).first > period.last:
        return False
    return not (fact.valid_to and interval(fact.valid_to).last < period.first)


def _valid_on(fact: Fact, day: dt.date) -> bool:
    return _valid_during(fact, Interval(day, day))


def _term(fact: Fact) -> str:
    start = human_date(fact.valid_from) if fact.valid_from else "?"
    end = human_date(fact.valid_to) if fact.valid_to else "present"
    return f"{start} – {end}"


# -- titles --------------------------------------------------------------------


def _same_country(offices: set[str], terms: Sequence[Fact], reference: ReferenceTable) -> set[str]:
    """A title without a country ("Foreign Minister") means the office of the
    country the person serves, when the reference knows which that is."""
    served = {reference.office_origin(f.value) for f in terms} - {""}
    narrowed = {o for o in offices if reference.office_origin(o) in served}
    return narrowed or offices
