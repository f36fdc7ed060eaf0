"""Link stage: each claim -> the entity it is about and the property it states.

The subject is an entity the sentence names (through the alias index); the
property comes from the trigger words of reference/properties.csv near the
claim ("dated", "adopted", "began") or, for counts, from the counted noun.
Nothing here knows a particular fact: new kinds of fact are rows, not code.
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from .models import Claim, ClaimKind, Document, LinkedClaim, Span
from .reference import Mention, ReferenceTable
from .words import normalise, tokens

# How many words away a trigger may stand from the claim it explains.
TRIGGER_REACH = 8

_VALUE_TYPES: dict[ClaimKind, tuple[str, ...]] = {
    ClaimKind.DATE: ("date",),
    ClaimKind.YEAR: ("date",),
    ClaimKind.DURATION: ("date",),
    ClaimKind.PERCENT: ("percent",),
    ClaimKind.COUNT: ("count", "number"),
}
# Counts and percentages carry a specific property ("resolutions", "occupied ...
# percent"), so a subject named elsewhere in the draft is a safe guess for them;
# a date with a generic trigger ("began") is not.
_DOCUMENT_WIDE_TYPES = frozenset({"count", "percent"})
_INDEFINITE = frozenset({"a", "an", "another", "one"})


@dataclass(frozen=True, slots=True)
class _Context:
    document: Document
    reference: ReferenceTable
    mentions: tuple[Mention, ...]
    mention_starts: tuple[int, ...]
    first_mention: dict[str, int]
    triggers: tuple[tuple[int, int, tuple[str, ...]], ...]
    word_starts: Sequence[int]
    claim_starts: tuple[int, ...]  # of the claims that carry values, in text order
    claim_ends: tuple[int, ...]
    in_names: frozenset[Span]  # values written inside an alias ("the 44-day war")

    def mentions_between(self, start: int, end: int) -> tuple[Mention, ...]:
        """The mentions that start in [start, end)."""
        starts = self.mention_starts
        return self.mentions[bisect.bisect_left(starts, start) : bisect.bisect_left(starts, end)]

    def value_between(self, start: int, end: int) -> bool:
        """Whether another claim lies wholly between two offsets."""
        i = bisect.bisect_left(self.claim_starts, start)
        return i < len(self.claim_starts) and self.claim_ends[i] <= end

    def words_between(self, start: int, end: int) -> int:
        return bisect.bisect_left(self.word_starts, end) - bisect.bisect_left(
            self.word_starts, start
        )


def link_claims(
    document: Document, claims: Sequence[Claim], reference: ReferenceTable
) -> list[LinkedClaim]:
    words = tokens(document.scan)
    named = reference.find_mentions(document.scan)
    mentions = sorted(
        [
            *named,
            *_resolution_mentions(claims, reference),
            *_compound_mentions(document, named, reference),
        ],
        key=lambda m: m.start,
    )
    # A year inside a name ("the 1992 friendship treaty ... signed on 12 October") is
    # part of the name, not a value that the trigger before it could belong to.
    name_starts = [m.start for m in named]
    in_names = frozenset(
        c.span for c in claims if c.kind in _VALUE_TYPES and _inside_a_name(c, named, name_starts)
    )
    valued = sorted(
        (c for c in claims if c.kind in _VALUE_TYPES and c.span not in in_names),
        key=lambda c: c.span.start,
    )
    first: dict[str, int] = {}
    for mention in mentions:
        for entity in mention.entities:
            first.setdefault(entity, mention.start)
    context = _Context(
        document,
        reference,
        tuple(mentions),
        tuple(m.start for m in mentions),
        first,
        tuple(
            t
            for t in reference.find_triggers(document.scan)
            if not _attributive(t, document.scan, name_starts)
        ),
        words.starts,
        tuple(c.span.start for c in valued),
        tuple(c.span.end for c in valued),
        in_names,
    )
    return [_link(claim, context) for claim in claims]


# A participle just before a name describes the place rather than dating an event:
# "visited liberated Aghdam on 28 May 2021", "in formerly occupied Aghdam". The word
# before it tells the uses apart: after a subject it is the verb ("Armenian forces
# occupied Aghdam on 23 July 1993").
_BEFORE_AN_ATTRIBUTE = frozenset(
    {
        "the", "a", "an", "of", "in", "into", "to", "over", "at", "from", "on",
        "formerly", "previously", "once", "now", "newly", "recently", "still",
        "long", "fully", "partly", "partially",
    }
)  # fmt: skip
_PARTICIPLE = re.compile(r"[a-z]+(?:ed|en)")
_LAST_WORD = re.compile(r"([A-Za-z]+)[^A-Za-z]*$")


def _attributive(
    trigger: tuple[int, int, tuple[str, ...]], scan: str, name_starts: Sequence[int]
) -> bool:
    start, end, _ = trigger
    i = bisect.bisect_left(name_starts, end)
    if i == len(name_starts) or scan[end : name_starts[i]].strip():
        return False  # no name right after it
    if not _PARTICIPLE.fullmatch(scan[start:end].lower()):
        return False
    before = _LAST_WORD.search(scan, max(0, start - 40), start)
    if before is None:
        return False
    word = before.group(1).lower()
    # "visited liberated Aghdam": a verb before the participle makes it an attribute
    return word in _BEFORE_AN_ATTRIBUTE or (word.endswith("ed") and len(word) > 4)


def _compound_mentions(
    document: Document, named: Sequence[Mention], reference: ReferenceTable
) -> list[Mention]:
    """ "Azerbaijan and Russia established diplomatic relations": a sentence naming
    two countries and the rest of a compound name mentions the compound entity."""
    countries = reference.country_ids
    by_sentence: dict[tuple[int, int], list[Mention]] = defaultdict(list)
    for mention in named:
        if any(e in countries for e in mention.entities):
            by_sentence[document.sentence_at(mention.start)].append(mention)
    found: list[Mention] = []
    for (start, end), in_sentence in by_sentence.items():
        parts = frozenset(e for m in in_sentence for e in m.entities if e in countries)
        if len(parts) < 2:
            continue
        words = frozenset(normalise(document.scan[start:end]))
        for entity in reference.compounds_named(parts, words):
            found.append(
                Mention(start=in_sentence[0].start, end=in_sentence[-1].end, entities=(entity,))
            )
    return found


def _inside_a_name(claim: Claim, names: Sequence[Mention], starts: Sequence[int]) -> bool:
    """Whether an alias as written (not a mention the linker inferred) holds the claim."""
    i = bisect.bisect_right(starts, claim.span.start) - 1
    return i >= 0 and names[i].end >= claim.span.end


def _resolution_mentions(claims: Sequence[Claim], reference: ReferenceTable) -> list[Mention]:
    """A cited resolution is a mention of it, so that "adopted in 1993" after a
    list of resolutions finds them as subjects."""
    return [
        Mention(start=c.span.start, end=c.span.end, entities=reference.lookup(c.value))
        for c in claims
        if c.kind is ClaimKind.RESOLUTION and reference.lookup(c.value)
    ]


def _link(claim: Claim, context: _Context) -> LinkedClaim:
    if claim.kind is ClaimKind.RESOLUTION:
        found = context.reference.lookup(claim.value)
        return LinkedClaim(
            claim=claim, subject=found[0] if found else "", property="concerns", how="citation"
        )
    if claim.kind is ClaimKind.OFFICE:
        return LinkedClaim(
            claim=claim, subject=_person(claim, context), property="position_held", how="name"
        )
    return _link_value(claim, context)


def _person(claim: Claim, context: _Context) -> str:
    people = [
        e
        for e in context.reference.lookup(claim.value)
        if context.reference.entities[e].type == "person"
    ]
    if len(people) > 1:
        # A bare surname shared by several people: take the one the draft named first.
        people.sort(key=lambda e: context.first_mention.get(e, len(context.document.text)))
    return people[0] if people else ""


def _link_value(claim: Claim, context: _Context) -> LinkedClaim:
    reference = context.reference
    if claim.span in context.in_names:
        # Part of a name ("the 1994 ceasefire", "the 44-day war"): a date is read
        # against the named thing's dates below; a figure states nothing on its own.
        if claim.kind not in (ClaimKind.DATE, ClaimKind.YEAR):
            return LinkedClaim(claim=claim)
        attached = _attached_mention(claim, context, [])
        if not attached:
            return LinkedClaim(claim=claim)
        return LinkedClaim(claim=claim, subject=attached, property="", how="attributive")
    value_types = _VALUE_TYPES[claim.kind]
    sentence_start, sentence_end = context.document.sentence_at(claim.span.start)
    candidates = [
        p
        for p in _candidate_properties(claim, context, sentence_start, sentence_end)
        if reference.properties[p].value_type in value_types
    ]
    if not candidates and claim.kind not in (ClaimKind.DATE, ClaimKind.YEAR):
        return LinkedClaim(claim=claim)  # nothing in the sentence says what the figure is
    nearby = _nearby_mentions(claim, context, sentence_start, sentence_end)
    # A name in the sentence that holds one of the trigger's properties beats a
    # subject guessed from elsewhere in the draft for a nearer trigger ("the
    # conflict, which began in 1988, ended with ...").
    for prop in candidates:
        for mention in nearby:
            for entity in mention.entities:
                if reference.has(entity, prop):
                    return LinkedClaim(claim=claim, subject=entity, property=prop, how="sentence")
    for prop in candidates:
        entity = _document_subject(prop, claim, context, sentence_start, sentence_end)
        if entity:
            return LinkedClaim(claim=claim, subject=entity, property=prop, how="document")
    if claim.kind in (ClaimKind.DATE, ClaimKind.YEAR):
        attached = _attached_mention(claim, context, nearby)
        if attached:
            return LinkedClaim(claim=claim, subject=attached, property="", how="attributive")
    return LinkedClaim(claim=claim)


# A name after the value and one of these words is a point in time, not what the
# value is about: "dissolved on 1 January 2024, after the 2023 offensive", "began in
# February 1988, ended with the 2023 offensive".
_ANCHOR_WORDS = r"\b(?:after|before|following|since|until|till|with|amid|prior\s+to)\s+"
_ANCHOR_BEFORE = re.compile(_ANCHOR_WORDS + r"(?:the\s+)?$", re.I)
_ANCHOR = re.compile(_ANCHOR_WORDS, re.I)


def _nearby_mentions(claim: Claim, context: _Context, start: int, end: int) -> list[Mention]:
    """Mentions in the claim's sentence, nearest first, preceding ones preferred."""
    window = context.mentions_between(start, end)
    scan = context.document.scan
    inside = [
        m
        for m in window
        if m.end <= end
        and not claim.span.overlaps(m.start, m.end)
        and not (m.start >= claim.span.end and _ANCHOR_BEFORE.search(scan, claim.span.end, m.start))
    ]

    # The subject of a clause usually comes before its verb and value ("the
    # treaty was signed on ..."), so every preceding mention outranks a following one.
    def distance(m: Mention) -> tuple[int, int]:
        if m.end <= claim.span.start:
            return 0, claim.span.start - m.end
        return 1, m.start - claim.span.end

    return sorted(inside, key=distance)


def _candidate_properties(claim: Claim, context: _Context, start: int, end: int) -> list[str]:
    reference = context.reference
    if claim.kind is ClaimKind.COUNT:
        return list(reference.triggers.get(normalise(claim.unit)))
    found: list[tuple[int, str]] = []
    first = bisect.bisect_left(context.triggers, (start,))
    last = bisect.bisect_left(context.triggers, (end,))
    for index in range(first, last):  # no slice: a copy per claim would be quadratic
        t_start, t_end, props = context.triggers[index]
        if t_end <= claim.span.start:
            between = (t_end, claim.span.start)
        elif t_start >= claim.span.end:
            between = (claim.span.end, t_start)
        else:
            continue  # a trigger inside the claim's own words
        if context.value_between(*between):
            continue  # another date or figure stands closer to it: the trigger is its
        distance = context.words_between(*between)
        if distance <= TRIGGER_REACH:
            found.extend((distance, p) for p in props)
    found.sort(key=lambda item: item[0])
    ordered: list[str] = []
    for _, prop in found:
        if prop not in ordered:
            ordered.append(prop)
    return ordered


def _document_subject(prop: str, claim: Claim, context: _Context, start: int, end: int) -> str:
    """A subject named elsewhere in the draft: allowed when it is the only one the
    draft names with this property and either the property is specific or the
    sentence refers to it by its head noun ("the conflict")."""
    reference = context.reference
    candidates = [e for e in context.first_mention if reference.has(e, prop)]
    if len(candidates) != 1:
        return ""
    entity = candidates[0]
    if reference.properties[prop].value_type in _DOCUMENT_WIDE_TYPES:
        return entity
    scan = context.document.scan
    anchor = _ANCHOR.search(scan, claim.span.end, end)
    # a head noun after "after", "with" ... is a point in time ("ended with the
    # 2023 offensive"), not a reference to what the value is about
    words = normalise(scan[start : anchor.start() if anchor else end])
    # "the war" refers back to a war the draft named; "a war" does not
    definite = {w for i, w in enumerate(words) if i == 0 or words[i - 1] not in _INDEFINITE}
    record = reference.entities[entity]
    heads = {normalise(name)[-1] for name in (record.label, *record.aliases) if normalise(name)}
    return entity if heads & definite else ""


def _attached_mention(claim: Claim, context: _Context, nearby: list[Mention]) -> str:
    """A year or date written as part of a name: "the 1994 ceasefire",
    "Resolution 884 (1993)", "the treaty of 3 July 1997"."""
    scan = context.document.scan
    sentence_start, _ = context.document.sentence_at(claim.span.start)
    for mention in context.mentions_between(sentence_start, claim.span.start + 1):
        if mention.start <= claim.span.start and claim.span.end <= mention.end:
            return mention.entities[0]  # an alias that holds the year itself
    for mention in nearby:
        if mention.start >= claim.span.end:
            gap = scan[claim.span.end : mention.start]
            if not gap.strip():
                return mention.entities[0]
        else:
            gap = scan[mention.end : claim.span.start]
            if gap.strip() in ("(", "of", ",", "") and len(gap) <= 5:
                return mention.entities[0]
    return ""
