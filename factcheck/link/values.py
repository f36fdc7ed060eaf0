"""Linking a value (a date, a year, a duration, a figure) to what it is about and
the property it states, with the evidence for the link.

The subject is a name in the claim's sentence (nearest first, the ones before it
preferred: "the treaty was signed on ..."), a name the value is written against
("Resolution 884 (1993)", "the Budapest Summit, 5-6 December 1994"), or a thing
the draft refers back to ("the conflict"); the property comes from a trigger word
of reference/properties.csv in the claim's clause, or for counts from the counted
noun. The link is exact only when nothing else could be meant: the name stands in
the claim's clause, is a proper name (or a common noun for a thing the draft also
names properly), names one entity, and no name the reference does not hold stands
nearer the value.
"""

from __future__ import annotations

import bisect
import operator
import re
from collections.abc import Iterable, Sequence
from dataclasses import replace

from ..datetext import interval
from ..extract.numbers import parse_number
from ..models import (
    KIND_VALUE_TYPES,
    Claim,
    ClaimKind,
    Evidence,
    Fact,
    LinkedClaim,
    Span,
    Strength,
)
from ..reference import ReferenceTable, per_table
from ..words import normalise
from .draft import Draft, Name

# How many words away a trigger may stand from the claim it explains.
TRIGGER_REACH = 8
# Counts and percentages carry a specific property ("resolutions", "occupied ...
# percent"), so a subject named elsewhere in the draft is a possible guess for them;
# a date with a generic trigger ("began") is not.
_DOCUMENT_WIDE_TYPES = frozenset({"count", "percent"})
_INDEFINITE = frozenset({"a", "an", "another", "one"})
_DATES = (ClaimKind.DATE, ClaimKind.YEAR)

# A name after the value and one of these words is a point in time, not what the
# value is about: "dissolved on 1 January 2024, after the 2023 offensive", "began in
# February 1988, ended with the 2023 offensive", "in place since 1992 during the war".
_ANCHOR_WORDS = r"\b(?:after|before|following|since|until|till|with|amid|during|prior\s+to)\s+"
_ANCHOR_BEFORE = re.compile(_ANCHOR_WORDS + r"(?:the\s+)?$", re.I)
_ANCHOR = re.compile(_ANCHOR_WORDS, re.I)
# Nor is a name after the value and a finite verb, which is that verb's object: "The
# first friendship treaty, signed on 12 October 1992, was replaced by the Treaty on
# Friendship ..." (a subject before its verb is read first; after it, none).
_FINITE_VERB = re.compile(r"\b(?:is|are|was|were|has|have|had|will|would)\b", re.I)
# What may stand between a name and the value written against it: "Resolution 884
# (1993)", "the statement of 10 November 2020", "Budapest Summit, 5-6 December 1994".
_ATTACHING_GAP = re.compile(r"\s*(?:\(|,|of|dated)?\s*")
_WORD = re.compile(r"[^\W_]+")
_DEFINITE_BEFORE = re.compile(r"\b(?:the|its|their)\s+$", re.I)

# "return two more regions", "three other districts": the items besides those already
# counted, which no total in the reference states.
_INCREMENT = re.compile(r"\b(?:more|other|additional|further|extra)\s+\S+$", re.I)

# "Full occupation of 5 districts and partial of 2 more": the count is a part
_NUMBER_AND_MORE = re.compile(r"\b(?P<number>[\w-]+)\s+(?:more|other)\b(?!\s+than)", re.I)

Candidate = tuple[str, str]  # a property and the word that bound it, as written


def link_value(claim: Claim, draft: Draft) -> LinkedClaim:
    if claim.kind is ClaimKind.COUNT and (
        _INCREMENT.search(claim.span.text) or _more_follow(claim, draft)
    ):
        # how many besides, or how many of a kind before "2 more": never how many in all
        return LinkedClaim(claim=claim)
    if (claim.span.start, claim.span.end) in draft.in_names:
        # Part of a name ("the 1994 ceasefire", "the 44-day war"): a date is read
        # against the named thing's dates; a figure states nothing on its own.
        holder = _holding_name(claim, draft)
        if claim.kind not in _DATES or holder is None:
            return LinkedClaim(claim=claim)
        return _attributive(claim, holder, draft, "inside")
    sentence = draft.document.sentence_at(claim.span.start)
    clause = draft.clause(claim.span, sentence)
    # "this year", "on Friday" say when, never which thing: no name is written with them
    attached = None if claim.relative else _attached_name(claim, draft, sentence)
    if attached is None and claim.kind in _DATES:
        attached = _document_named_by_its_day(claim, draft)
    if attached is not None and not attached.known:
        return _about_unknown(claim, attached, draft)
    if attached is None and claim.kind in _DATES:
        paired = _respectively(claim, draft, sentence)
        if paired is not None:
            return paired
    reference = draft.reference
    value_types = KIND_VALUE_TYPES[claim.kind]
    # a duration runs from a start: "the region's 35-year bid" is not measured from
    # the day the republic was dissolved
    ends = reference.roles.get("end", ()) if claim.kind is ClaimKind.DURATION else ()
    candidates = [
        (prop, word)
        for prop, word in _candidate_properties(claim, draft, clause)
        if reference.properties[prop].value_type in value_types and prop not in ends
    ]
    if ends and not candidates and _measures_a_life(claim, draft):
        life = _lifetime(claim, draft, sentence, clause)
        if life is not None:
            return life
    if attached is not None:
        for prop, word in candidates:
            entity = next((e for e in attached.entities if reference.has(e, prop)), "")
            if entity:
                return _linked(claim, entity, prop, word, attached, draft, clause, [attached])
        if claim.kind in _DATES:
            return _attributive(claim, attached, draft, "attached")
    if not candidates:
        if claim.kind not in _DATES:
            return LinkedClaim(claim=claim)  # nothing in the sentence says what the figure is
        return _unknown_in_clause(claim, draft, sentence, clause)
    nearby = _nearby(claim, draft, sentence)
    # A name in the sentence that holds one of the trigger's properties beats a
    # subject guessed from elsewhere in the draft for a nearer trigger ("the
    # conflict, which began in 1988, ended with ...").
    for prop, word in candidates:
        for name in nearby:
            entity = next((e for e in name.entities if reference.has(e, prop)), "")
            if entity:
                return _linked(claim, entity, prop, word, name, draft, clause, nearby)
    for prop, word in candidates:
        found = _referred_back(prop, word, claim, draft, sentence, clause, nearby)
        if found is not None:
            return found
    unknown = next((n for n in nearby if clause[0] <= n.start and n.end <= clause[1]), None)
    if unknown is not None and not unknown.known:
        return _about_unknown(claim, unknown, draft, candidates[0] if candidates else None)
    return LinkedClaim(claim=claim)


def _respectively(claim: Claim, draft: Draft, sentence: tuple[int, int]) -> LinkedClaim | None:
    """ "Aghdam, Kalbajar and Lachin were returned on 20 November, 25 November and 1
    December 2020": a list of dates after a list of as many names pairs them in order,
    each date bound by the words before the first; with a list of another length, a
    date's name is a guess (nothing links it). None where the draft lists no dates
    after names."""
    values, index = draft.value_list(claim.span.start, claim.span.end)
    names = draft.name_list_before(values[0][0], sentence[0]) if len(values) > 1 else []
    if len(names) < 2:
        return None
    if len(names) != len(values):
        return LinkedClaim(claim=claim)
    name = names[index]
    first = Span(start=values[0][0], end=values[0][1], text=claim.span.text)
    lead = replace(claim, span=first)  # the words that bind the list stand before its first
    clause = draft.clause(first, sentence)
    value_types = KIND_VALUE_TYPES[claim.kind]
    for prop, word in _candidate_properties(lead, draft, clause):
        entity = next((e for e in name.entities if draft.reference.has(e, prop)), "")
        if entity and draft.reference.properties[prop].value_type in value_types:
            return _linked(claim, entity, prop, word, name, draft, clause, [name])
    return None


def _more_follow(claim: Claim, draft: Draft) -> bool:
    """A number and "more" after the count in its sentence: "5 districts ... and 2 more"."""
    _, end = draft.document.sentence_at(claim.span.start)
    return any(
        parse_number(match["number"]) is not None
        for match in _NUMBER_AND_MORE.finditer(draft.document.scan, claim.span.end, end)
    )


def _unknown_in_clause(
    claim: Claim, draft: Draft, sentence: tuple[int, int], clause: tuple[int, int]
) -> LinkedClaim:
    """A date no word binds to a property: it is about the nearest name of its
    sentence in its own clause if the reference does not hold that name, else
    about nothing known. Only those names are read (the sentence's others could
    not win; a parenthesis may run past the sentence's end)."""
    within = max(sentence[0], clause[0]), min(sentence[1], clause[1])
    unknown = next(iter(_nearby(claim, draft, within)), None)
    if unknown is not None and not unknown.known:
        return _about_unknown(claim, unknown, draft)
    return LinkedClaim(claim=claim)


# "ceased to exist on 1 January 2024, after 22 years", "ended after 44 days of
# fighting": a span ending when its subject did is the subject's life. Not "three
# months later" or "two days after the exchange of fire", which count from another event.
_LIFE_BEFORE = re.compile(r"\b(?:after|for)\s+$", re.I)
_FROM_ANOTHER_EVENT = re.compile(r"\s+(?:later|earlier|before|after|ago)\b", re.I)


def _measures_a_life(claim: Claim, draft: Draft) -> bool:
    scan = draft.document.scan
    start, end = claim.span.start, claim.span.end
    return (
        _LIFE_BEFORE.search(scan, max(0, start - 7), start) is not None
        and _FROM_ANOTHER_EVENT.match(scan, end) is None
    )


def _lifetime(
    claim: Claim,
    draft: Draft,
    sentence: tuple[int, int],
    clause: tuple[int, int],
) -> LinkedClaim | None:
    """The duration linked to the first date of a subject in its sentence that an
    end word before it in its clause ("ceased to exist", "ended") holds an end for;
    a date may stand between them ("ceased to exist, on 1 January 2024, after")."""
    reference = draft.reference
    ends = reference.roles.get("end", ())
    scan = draft.document.scan
    first = bisect.bisect_left(draft.triggers, (clause[0],))
    last = bisect.bisect_left(draft.triggers, (claim.span.start,))
    ending = [
        (prop, scan[start:end])
        for start, end, props in draft.triggers[first:last]
        for prop in props
        if prop in ends and end <= claim.span.start
    ]
    nearby = _nearby(claim, draft, sentence)
    for prop, word in ending:
        for name in nearby:
            entity = next((e for e in name.entities if reference.has(e, prop)), "")
            began = first_date_property(reference.facts_about(entity), reference) if entity else ""
            if began:
                return _linked(claim, entity, began, word, name, draft, clause, nearby)
    return None


def first_date_property(facts: Iterable[Fact], reference: ReferenceTable) -> str:
    """The property of the earliest date among an entity's facts that is no end:
    when it began."""
    ends = reference.roles.get("end", ())
    starts = [
        f
        for f in facts
        if f.property not in ends
        and f.status != "false"
        and reference.properties[f.property].value_type == "date"
    ]
    return min(starts, key=lambda f: interval(f.value).first).property if starts else ""


def _linked(
    claim: Claim,
    entity: str,
    prop: str,
    word: str,
    name: Name,
    draft: Draft,
    clause: tuple[int, int],
    nearby: Sequence[Name],
) -> LinkedClaim:
    nearer = _unknown_nearer(name, nearby, clause)
    if nearer is not None:
        return _about_unknown(claim, nearer, draft, (prop, word), candidate=name)
    doubt = _doubt(name, entity, draft, clause)
    if doubt is _NO_DOUBT:
        doubt = _phrase_doubt(claim, word, name, draft)
    return LinkedClaim(
        claim=claim,
        subject=entity,
        property=prop,
        evidence=_evidence(name, draft, how=name.how, word=word, doubt=doubt),
    )


Doubt = tuple[str, str]  # a code (Evidence.doubt) and the same in words
_NO_DOUBT: Doubt = ("", "")


def _doubt(name: Name, entity: str, draft: Draft, clause: tuple[int, int]) -> Doubt:
    """What keeps a link from being certain, if anything."""
    text = " ".join(name.text.split())
    if len(name.entities) > 1:
        return "shared", f"'{text}' names {len(name.entities)} things in the reference"
    if not draft.is_specific(name, entity):
        return "descriptive", f"'{text}' may describe another {text.split()[-1].lower()}"
    if name.start < clause[0] or name.end > clause[1]:
        return "clause", f"'{text}' is named in another clause"
    return _NO_DOUBT


# "a truce ending the offensive against the Republic of Artsakh": the word after the
# trigger is its object; a name in a phrase that qualifies the object is not it.
_PREPOSITION = re.compile(
    r"\b(?:against|of|in|on|over|for|from|by|at|to|into|between|with|within|across)\b", re.I
)


def _object_doubt(claim: Claim, word: str, name: Name, draft: Draft) -> Doubt:
    """A trigger after the value ("a truce ending ...") whose object is not the name:
    a noun and a preposition stand between them. Not "the closure of the Minsk
    Process", where the preposition follows the trigger itself."""
    scan = draft.document.scan
    trigger = scan.find(word, claim.span.end, name.start) if word else -1
    if trigger < 0:
        return _NO_DOUBT
    preposition = _PREPOSITION.search(scan, trigger + len(word), name.start)
    if preposition is None:
        return _NO_DOUBT
    object_words = scan[trigger + len(word) : preposition.start()].split()
    if all(w.lower() in _DETERMINERS for w in object_words):
        return _NO_DOUBT
    text = " ".join(name.text.split())
    return "phrase", f"'{word}' is said of '{' '.join(object_words)}'; '{text}' only qualifies it"


_DETERMINERS = frozenset({"the", "a", "an", "its", "their", "this", "that"})

# "in the zone of the Armenian-Azerbaijani conflict since 2020": a name after a common
# noun and "of" says whose the noun is; what the sentence dates is the noun's.
_NOUN_OF_BEFORE = re.compile(r"\b(?P<noun>[a-z][a-z-]+)\s+of\s+(?:the\s+)?$")


def _owner_doubt(claim: Claim, name: Name, draft: Draft) -> Doubt:
    """A name before the value that owns a noun which binds no property ("the zone of
    the conflict since 2020"); not "the occupation of Aghdam", whose noun is the
    property's own word."""
    if name.end > claim.span.start:
        return _NO_DOUBT
    scan = draft.document.scan
    owned = _NOUN_OF_BEFORE.search(scan, max(0, name.start - 40), name.start)
    if owned is None or owned["noun"] in _DETERMINERS or draft.trigger_at(owned.start("noun")):
        return _NO_DOUBT
    text = " ".join(name.text.split())
    return "phrase", f"'{text}' only says whose '{owned['noun']}' is"


# "the co-chair on the Nagorno-Karabakh conflict settlement since 2013": a name before a
# noun of these endings qualifies that noun, which is what the sentence speaks of.
_NOUN_AFTER = re.compile(r"[ \t]+(?P<noun>[a-z]+(?:ment|tion|sion|ance|ence|ity|ship|ness)s?)\b")


def _modifier_doubt(name: Name, draft: Draft) -> Doubt:
    """A name that only qualifies the noun after it; not the trigger itself ("the Minsk
    Group establishment")."""
    noun = _NOUN_AFTER.match(draft.document.scan, name.end)
    if noun is None or draft.trigger_at(noun.start("noun")):
        return _NO_DOUBT
    text = " ".join(name.text.split())
    return "phrase", f"'{text}' only qualifies '{noun['noun']}'"


def _phrase_doubt(claim: Claim, word: str, name: Name, draft: Draft) -> Doubt:
    """Whether the name only qualifies another noun of the sentence: the trigger's
    object, a noun it owns, or one it stands before."""
    doubt = _object_doubt(claim, word, name, draft)
    if doubt is _NO_DOUBT:
        doubt = _owner_doubt(claim, name, draft)
    if doubt is _NO_DOUBT:
        doubt = _modifier_doubt(name, draft)
    return doubt


def _evidence(
    name: Name, draft: Draft, *, how: str, word: str = "", doubt: Doubt = _NO_DOUBT
) -> Evidence:
    line, _ = draft.document.line_col(name.start)
    return Evidence(
        strength=Strength.INFERRED if doubt[0] else Strength.EXACT,
        how=how,
        subject_text=" ".join(name.text.split()),
        subject_line=line,
        property_word=word,
        doubt=doubt[0],
        note=doubt[1],
    )


def _attributive(claim: Claim, name: Name, draft: Draft, how: str) -> LinkedClaim:
    """A year or date written as part of a name: "the 1994 ceasefire", "Resolution
    884 (1993)", "the treaty of 3 July 1997": any date of the thing may agree."""
    if not name.known:
        return _about_unknown(claim, name, draft)
    entity = name.entities[0]
    clause = draft.clause(claim.span)
    doubt = _doubt(name, entity, draft, (min(clause[0], name.start), max(clause[1], name.end)))
    if doubt is _NO_DOUBT:
        doubt = _modifier_doubt(name, draft)  # "the 1995 ceasefire consolidation agreements"
    if doubt is _NO_DOUBT and how == "attached" and "/" in claim.value:
        # "represented the US in the Minsk Group from 2013 to 2016": a period written
        # beside a name may be anyone's time in it, not the thing's own dates
        doubt = "period", f"a period beside '{' '.join(name.text.split())}' may be a time in it"
    return LinkedClaim(
        claim=claim, subject=entity, evidence=_evidence(name, draft, how=how, doubt=doubt)
    )


def _about_unknown(
    claim: Claim,
    name: Name,
    draft: Draft,
    bound: Candidate | None = None,
    candidate: Name | None = None,
) -> LinkedClaim:
    """The value is about a thing the reference does not hold: no subject (the
    property the sentence gives is kept for a stub row), and the known name it
    might otherwise have gone to is only a hint."""
    line, _ = draft.document.line_col(name.start)
    text = " ".join(name.text.split())
    hint = f"; the nearest name the reference holds is '{candidate.text}'" if candidate else ""
    prop, word = bound or ("", "")
    return LinkedClaim(
        claim=claim,
        property=prop,
        evidence=Evidence(
            strength=Strength.NONE,
            how="unknown",
            subject_text=text,
            subject_line=line,
            property_word=word,
            note=f"about '{text}', which the reference does not hold{hint}",
        ),
    )


def _unknown_nearer(name: Name, nearby: Sequence[Name], clause: tuple[int, int]) -> Name | None:
    """A name the reference does not hold that stands nearer the value, in its
    clause, than the known name: the value is more likely its."""
    for other in nearby:
        if other is name:
            return None
        if not other.known and clause[0] <= other.start and other.end <= clause[1]:
            return other
    return None


def _nearby(claim: Claim, draft: Draft, within: tuple[int, int]) -> list[Name]:
    """Names in the claim's sentence (or another stretch `within` it), nearest
    first, preceding ones preferred."""
    start, end = within
    scan = draft.document.scan
    inside = [
        n
        for n in draft.names_between(start, end)
        if n.end <= end
        and not claim.span.overlaps(n.start, n.end)
        and not (n.start >= claim.span.end and _after_an_anchor_or_verb(scan, claim.span.end, n))
    ]

    # The subject of a clause usually comes before its verb and value ("the
    # treaty was signed on ..."), so every preceding name outranks a following one.
    def distance(n: Name) -> tuple[int, int]:
        if n.end <= claim.span.start:
            return 0, claim.span.start - n.end
        return 1, n.start - claim.span.end

    return sorted(inside, key=distance)


def _after_an_anchor_or_verb(scan: str, end: int, name: Name) -> bool:
    if _ANCHOR_BEFORE.search(scan, end, name.start):
        return True
    # the verb's object follows it in its clause: "as the war was ending, the
    # Bishkek Protocol held" puts a comma between, and the protocol is the subject
    verbs = list(_FINITE_VERB.finditer(scan, end, name.start))
    return bool(verbs) and "," not in scan[verbs[-1].end() : name.start]


def _candidate_properties(claim: Claim, draft: Draft, clause: tuple[int, int]) -> list[Candidate]:
    reference = draft.reference
    if claim.kind is ClaimKind.COUNT:
        return [(p, claim.unit) for p in reference.triggers.get(normalise(claim.unit))]
    if claim.kind is ClaimKind.SET and reference.triggers.get(normalise(claim.unit)):
        # the relation words the list follows ("co-chaired since 1997 by") bind it,
        # whatever stands between them
        return [(p, claim.unit) for p in reference.triggers.get(normalise(claim.unit))]
    first = bisect.bisect_left(draft.triggers, (clause[0],))
    last = bisect.bisect_left(draft.triggers, (clause[1],))
    if first == last:
        return []  # most clauses hold no trigger word
    found: list[tuple[bool, int, str, str]] = []
    scan = draft.document.scan
    for index in range(first, last):  # no slice: a copy per claim would be quadratic
        t_start, t_end, props = draft.triggers[index]
        if t_end > clause[1]:
            continue
        if t_end <= claim.span.start:
            between = (t_end, claim.span.start)
            if (
                scan[t_end - 3 : t_end].lower() == " of"
                and not scan[t_end : claim.span.start].strip()
            ):
                continue  # "in the fall of 2020": a season, nothing that fell
        elif t_start >= claim.span.end:
            between = (claim.span.end, t_start)
        else:
            continue  # a trigger inside the claim's own words
        if draft.value_between(*between):
            continue  # another date or figure stands closer to it: the trigger is its
        distance = draft.words_between(*between)
        if distance <= TRIGGER_REACH:
            # The verb usually comes before its date ("set up in Helsinki on 24 March
            # 1992 to end the fighting"): every trigger before the value first.
            after = t_start >= claim.span.end
            found.extend((after, distance, p, scan[t_start:t_end]) for p in props)
    found.sort(key=_NEAREST_BEFORE)  # stable: ties keep the order the words are written in
    ordered: dict[str, str] = {}
    for _, _, prop, word in found:
        ordered.setdefault(prop, word)  # each property bound by its nearest word
    return list(ordered.items())


_NEAREST_BEFORE = operator.itemgetter(0, 1)  # (after the value, words away)


def _referred_back(
    prop: str,
    word: str,
    claim: Claim,
    draft: Draft,
    sentence: tuple[int, int],
    clause: tuple[int, int],
    nearby: Sequence[Name],
) -> LinkedClaim | None:
    """A subject named elsewhere in the draft: allowed when it is the only one the
    draft names with this property, and either the sentence refers to it by its
    head noun ("the conflict": certain when in the claim's clause and the draft
    names it properly) or the property is specific enough to guess by (a count, a
    percentage: a guess)."""
    reference = draft.reference
    candidates = draft.named_with(prop)
    if len(candidates) != 1:
        return None
    entity = candidates[0]
    head = _head_noun(entity, claim, draft, sentence)
    if head is None:
        if reference.properties[prop].value_type not in _DOCUMENT_WIDE_TYPES:
            return None
        first = draft.first_named[entity]
        named = next(n for n in draft.names_between(first, first + 1) if entity in n.entities)
        return LinkedClaim(
            claim=claim,
            subject=entity,
            property=prop,
            evidence=_evidence(
                named, draft, how="document", word=word,
                doubt=("document", "the sentence does not name it; the draft does, elsewhere"),
            ),
        )  # fmt: skip
    start, end = head
    referent = Name(start, end, draft.document.scan[start:end], (entity,), "back-reference")
    nearer = _unknown_nearer(referent, [*nearby, referent], clause)
    if nearer is not None:
        return _about_unknown(claim, nearer, draft, candidate=referent)
    doubt = _NO_DOUBT
    if entity not in draft.specific:
        what = referent.text.split()[-1].lower()
        doubt = "descriptive", f"'{referent.text}' may describe another {what}"
    elif not (clause[0] <= start and end <= clause[1]):
        doubt = "clause", f"'{referent.text}' is in another clause"
    return LinkedClaim(
        claim=claim,
        subject=entity,
        property=prop,
        evidence=_evidence(referent, draft, how="back-reference", word=word, doubt=doubt),
    )


def _head_noun(
    entity: str, claim: Claim, draft: Draft, sentence: tuple[int, int]
) -> tuple[int, int] | None:
    """Where the sentence refers to the entity by a definite head noun of one of its
    names ("the conflict", "the war"); not "a war", nor a noun after "after" or
    "with", which is a point in time ("ended with the 2023 offensive")."""
    scan = draft.document.scan
    start, end = sentence
    anchor = _ANCHOR.search(scan, claim.span.end, end)
    heads = _head_words(draft.reference, entity)
    previous = ""
    for match in _WORD.finditer(scan, start, anchor.start() if anchor else end):
        word = normalise(match[0])[0]
        # a common noun ("the conflict"), never a name, nor a word of the claim itself
        common = match[0][0].islower() or previous == "the"
        inside = claim.span.start <= match.start() < claim.span.end
        if word in heads and previous not in _INDEFINITE and common and not inside:
            article = _DEFINITE_BEFORE.search(scan, max(0, match.start() - 8), match.start())
            return (article.start() if article else match.start()), match.end()
        previous = word
    return None


@per_table
def _head_words(reference: ReferenceTable, entity: str) -> frozenset[str]:
    """The last word of each of the entity's names: kept per table, since drafts
    refer back to the same few things."""
    record = reference.entities[entity]
    return frozenset(
        normalise(name)[-1] for name in (record.label, *record.aliases) if normalise(name)
    )


def _holding_name(claim: Claim, draft: Draft) -> Name | None:
    sentence_start, _ = draft.document.sentence_at(claim.span.start)
    for name in draft.names_between(sentence_start, claim.span.start + 1):
        if name.how == "alias" and name.start <= claim.span.start and claim.span.end <= name.end:
            return name
    return None


_WORD_AFTER = re.compile(r"[ \t]+(?P<word>[a-z]+)\b")


def _document_named_by_its_day(claim: Claim, draft: Draft) -> Name | None:
    """ "his September 28 order", "a 2019 memorandum": a document the reference does
    not hold, named by the date written before its word (a lexicon document head that
    is no event head: "the 2020 war" is left to the names the draft gives)."""
    after = _WORD_AFTER.match(draft.document.scan, claim.span.end)
    lexicon = draft.reference.lexicon
    if (
        after is None
        or after["word"] not in lexicon.folded("document_head")
        or after["word"] in lexicon.folded("event_head")  # "the 2020 war" may be a known one
    ):
        return None
    text = draft.document.scan[claim.span.start : after.end()]
    return Name(claim.span.start, after.end(), text, (), "unknown")


def _attached_name(claim: Claim, draft: Draft, sentence: tuple[int, int]) -> Name | None:
    """The name a value is written against, with nothing but "of", "(", a comma or
    "dated" between: "Resolution 822 of 30 April 1993", "Budapest Summit, 5-6
    December 1994"; or the name right after it: "the 2020 ceasefire"."""
    scan = draft.document.scan
    before = draft.last_written_name(sentence[0], claim.span.start)
    if before is not None and before.end >= claim.span.end:
        return before  # a name that holds the value: "the 2001 declaration"
    if before is not None:
        gap = _ATTACHING_GAP.fullmatch(scan, before.end, claim.span.start)
        if gap is not None and before.end <= claim.span.start:
            return before
    after = draft.first_written_name(claim.span.end, sentence[1])
    if (
        after is not None
        and not scan[claim.span.end : after.start].strip()
        and claim.kind in _DATES
    ):
        return after
    return None
