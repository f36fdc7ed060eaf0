"""UN resolutions: a cited resolution must exist and concern what its list or its
sentence is about. A list the reference knows completely (a count fact says how
many resolutions concern the topic) turns an unknown number into an error."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace

from ..datetext import human_date
from ..models import Claim, ClaimKind, Evidence, Fact, Finding, LinkedClaim, Strength, Verdict
from ..reference import ReferenceTable
from ..words import normalise
from .context import Context, Judge, Rule, Stub
from .finding import make_finding
from .values import as_written, one_part_off


@dataclass(frozen=True, slots=True)
class _Group:
    """A cited list of resolutions and the topic most of them concern."""

    topic: str
    members: tuple[str, ...]  # every resolution of the organ on the topic
    missing: tuple[str, ...]  # those the list does not cite
    complete: bool  # the reference says how many there are, and holds them all
    facts: tuple[Fact, ...]


def start(context: Context) -> Judge:
    groups = _groups(context)
    return lambda item: check(item, context, groups)


def check(item: LinkedClaim, context: Context, groups: dict[int, _Group]) -> Finding:
    claim = item.claim
    reference = context.reference
    number = claim.value.split("/RES/", 1)[-1]
    group = groups.get(claim.group) if claim.group is not None else None
    if not item.subject:
        if group and group.topic and group.complete:
            missing = ", ".join(group.missing) or "none"
            in_a_list = Evidence(
                strength=Strength.EXACT,
                how="list",
                subject_text=reference.label(group.topic),
                note="cited in a list of resolutions on one topic that the reference holds whole",
            )
            return make_finding(
                replace(item, evidence=in_a_list),
                Verdict.CONTRADICTED,
                f"Resolution {number} is not among the {len(group.members)} Security "
                f"Council resolutions on the {reference.label(group.topic)} "
                f"({', '.join(group.members)}); not cited here: {missing}.",
                context,
                facts=group.facts,
                expected=missing,
                suggestion=group.missing[0] if len(group.missing) == 1 else "",
            )
        meant = _misnumbered(claim, number, context)
        if meant is not None:
            return _misnumbered_finding(item, number, meant, context)
        return make_finding(
            item, Verdict.UNVERIFIED, f"Resolution {number} is not in the reference yet.", context
        )
    topics = reference.facts_for_role(item.subject, "topic")
    adopted = reference.facts_for_role(item.subject, "adoption")
    when = f" (adopted {human_date(adopted[0].value)})" if adopted else ""
    if group and group.topic and all(f.value != group.topic for f in topics):
        about = ", ".join(reference.label(f.value) for f in topics) or "another subject"
        return make_finding(
            item,
            Verdict.CONTRADICTED,
            f"Resolution {number}{when} concerns {about}, unlike the others in its list "
            f"({reference.label(group.topic)}).",
            context,
            facts=(*topics, *group.facts),
            expected=", ".join(group.missing),
        )
    sentence_topics = _sentence_topics(claim, context)
    if topics and sentence_topics and not {f.value for f in topics} & sentence_topics:
        about = ", ".join(reference.label(f.value) for f in topics)
        discussed = ", ".join(sorted(reference.label(t) for t in sentence_topics))
        return make_finding(
            item,
            Verdict.CONTRADICTED,
            f"Resolution {number}{when} concerns {about}, not the {discussed} this "
            "sentence is about.",
            context,
            facts=(*topics, *adopted),
            expected=discussed,
        )
    about = ", ".join(reference.label(f.value) for f in topics)
    message = f"Resolution {number}{when}" + (f" concerns the {about}." if about else ".")
    return make_finding(
        item,
        Verdict.SUPPORTED,
        message,
        context,
        facts=(*adopted, *topics),
        expected=claim.value,
    )


def _misnumbered(claim: Claim, number: str, context: Context) -> Fact | None:
    """ "29 July 1993 - Resolution 835": a number the reference does not hold, in a
    sentence dated with the adoption of one it does whose number is the same digits
    but for one or a swapped pair (853)."""
    reference = context.reference
    organ = claim.value.split("/", 1)[0]
    for _, value in context.dates_in(*context.sentence_of(claim)):
        for fact in reference.facts_with_role_value("adoption", value):
            symbol_organ, held = _symbol(fact.subject, reference)
            if symbol_organ == organ and one_part_off(number, held):
                return fact
    return None


def _misnumbered_finding(
    item: LinkedClaim, number: str, adoption: Fact, context: Context
) -> Finding:
    reference = context.reference
    _, held = _symbol(adoption.subject, reference)
    certain = Evidence(
        strength=Strength.EXACT,
        how="symbol",
        subject_text=item.claim.span.text,
        note=f"the sentence's date is the adoption of resolution {held}",
    )
    return make_finding(
        replace(item, evidence=certain),
        Verdict.CONTRADICTED,
        f"The reference holds no resolution {number}; resolution {held} was adopted on "
        f"{human_date(adoption.value)}, the date the sentence gives.",
        context,
        facts=[adoption],
        expected=held,
        suggestion=held,
    )


def _sentence_topics(claim: Claim, context: Context) -> set[str]:
    """The subjects of resolutions (conflicts, situations) that the claim's
    sentence names, directly or through a place they share a name with."""
    reference = context.reference
    named = {e for m in context.mentions_in(*context.sentence_of(claim)) for e in m.entities}
    named_words = {w for e in named for w in _topic_words(reference.label(e), context)}
    return {
        topic
        for topic in reference.topics
        if topic in named or _topic_words(reference.label(topic), context) & named_words
    }


def _topic_words(label: str, context: Context) -> set[str]:
    return set(normalise(label)) - context.reference.lexicon.set("generic_topic_word")


def _groups(context: Context) -> dict[int, _Group]:
    """For each cited list of resolutions: the subject most of them concern, and
    whether the reference knows every resolution on it (a count fact says so)."""
    reference = context.reference
    by_group: dict[int, list[LinkedClaim]] = {}
    for item in context.links.claims:
        if item.claim.kind is ClaimKind.RESOLUTION and item.claim.group is not None:
            by_group.setdefault(item.claim.group, []).append(item)
    groups: dict[int, _Group] = {}
    for key, items in by_group.items():
        topics = Counter(
            f.value
            for item in items
            if item.subject
            for f in reference.facts_for_role(item.subject, "topic")
        )
        if not topics:
            continue
        topic = topics.most_common(1)[0][0]
        groups[key] = _group(topic, items, reference)
    return groups


def _group(topic: str, items: Sequence[LinkedClaim], reference: ReferenceTable) -> _Group:
    # A list of Security Council resolutions is compared with the Council's
    # resolutions on the topic, not with the General Assembly's.
    organ = items[0].claim.value.split("/", 1)[0]
    members = tuple(
        sorted(
            number
            for f in reference.facts_with_role_value("topic", topic)
            for symbol_organ, number in [_symbol(f.subject, reference)]
            if symbol_organ == organ
        )
    )
    cited = {item.claim.value.split("/RES/", 1)[-1] for item in items}
    counts = reference.facts_for_role(topic, "resolution_count")
    return _Group(
        topic=topic,
        members=members,
        missing=tuple(m for m in members if m not in cited),
        complete=any(float(f.value) == len(members) for f in counts),
        facts=tuple(counts),
    )


def _symbol(entity: str, reference: ReferenceTable) -> tuple[str, str]:
    """("S", "822") for S/RES/822: the organ and the number of a resolution."""
    for alias in reference.entities[entity].aliases:
        match = re.fullmatch(r"([SA])/RES/(\S+)", alias)
        if match:
            return match[1], match[2]
    return "", entity


RULE = Rule(
    reads_links=True,
    kinds=(ClaimKind.RESOLUTION,),
    start=start,
    describe=as_written,
    renderings=lambda claim: [claim.value.rsplit("/", 1)[-1]],
    stub=lambda claim: Stub(
        value="",
        note=f"new resolution {claim.value}: add its entity row first; ",
        keep_subject=False,
    ),
)
