"""What the linker reads in a draft once: the names it gives (those the reference
holds, and those it does not), the words that bind a property, and where its
clauses break. Every claim is then linked by asking these, never by reading the
draft again."""

from __future__ import annotations

import bisect
import functools
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..datetext import interval
from ..lexicon import Lexicon
from ..models import KIND_VALUE_TYPES, Claim, ClaimKind, Document, Span
from ..reference import PhraseMatch, ReferenceTable, per_table
from ..words import folded_between, normalise, positions, tokens


@dataclass(frozen=True, slots=True)
class Name:
    """A name the draft gives: of one or more reference entities, or of a thing the
    reference does not hold (no entities), which is a subject in its own right."""

    start: int
    end: int
    text: str
    entities: tuple[str, ...] = ()
    how: str = "alias"  # alias, compound (two countries and the rest of a name), symbol, unknown
    generic: bool = False  # a description ("the ceasefire") rather than a proper name

    @property
    def known(self) -> bool:
        return bool(self.entities)


Trigger = tuple[int, int, tuple[str, ...]]  # start, end, the properties it binds

# Where a clause breaks: punctuation that opens or closes one, a list item, and
# the words that start a subordinate clause. A property word beyond a break
# belongs to another claim ("The statement of 3 March recalls that talks have
# stalled since 19 May"). A parenthesis is a clause of its own for what it holds,
# and no break for the words around it ("Resolution 822 (1993) was adopted ...").
_PUNCTUATION_BREAK = re.compile(r"[;:\[\]—–\"“”]")
# A dash between spaces, or a list item. Two patterns, not one alternation: a pattern
# that opens with one set of characters is looked for by that set, much faster than
# one tried at every character (and their characters differ, so no match of one can
# hide a match of the other).
_DASH_OR_ITEM_BREAK = re.compile(r"\s(?:-\s|(?<=\n)[ \t]*(?:[-*•+]|\d{1,2}[.)])\s)")
_BREAK_WORDS = frozenset(
    "that which who whom whose where whereas although because but while whether".split()
)
_PARENTHESIS = re.compile(r"\([^()\n]*\)")
# A relative clause speaks of the name just before it: "the ceasefire that took
# effect on 12 May 1994", "The conflict, which began in 1988".
_RELATIVE = frozenset({"that", "which", "who", "whom", "whose"})
# What joins the items of a list: ", ", " and ", ", and ", " or ".
_LIST_GAP = re.compile(r",\s*(?:(?:and|or)\s+)?|\s+(?:and|or)\s+")
_NAME_BEFORE_RELATIVE = 3  # characters between the name and the pronoun (", ")

# A name that is not in the reference, built on a document word: "the Charter of
# Paris for a New Europe", "Collective Security Treaty", "Budapest Summit".
_CAPITALISED = r"[A-Z][\w'’.-]*"
_CONNECTOR = r"(?:of|on|for|the|a|and|between|de|du|in|to)"
_INDEFINITE = frozenset({"a", "an", "another", "one"})
_YEAR = re.compile(r"(?:1[6-9]|20)\d\d")


@dataclass(frozen=True, slots=True)
class Draft:
    document: Document
    reference: ReferenceTable
    names: tuple[Name, ...]  # known and unknown, in text order
    name_starts: tuple[int, ...]
    first_named: dict[str, int]  # entity -> where the draft first names it
    specific: frozenset[str]  # entities the draft names by a proper name somewhere
    triggers: tuple[Trigger, ...]
    breaks: tuple[tuple[int, int, bool], ...]  # (start, end, is a relative pronoun)
    break_starts: tuple[int, ...]
    parentheses: tuple[tuple[int, int], ...]  # (start, end) of each "( ... )"
    word_starts: Sequence[int]
    value_starts: tuple[int, ...]  # of the claims that carry values, in text order
    value_ends: tuple[int, ...]
    in_names: frozenset[tuple[int, int]]  # (start, end) of values written inside an alias
    # ("the 44-day war")
    # property -> the entities the draft names that hold it: claims of a draft ask
    # about the same few properties, each answered once
    _named_with: dict[str, tuple[str, ...]] = field(default_factory=dict, repr=False, compare=False)

    def names_between(self, start: int, end: int) -> tuple[Name, ...]:
        """The names that start in [start, end)."""
        starts = self.name_starts
        return self.names[bisect.bisect_left(starts, start) : bisect.bisect_left(starts, end)]

    # A compound name is the linker's reading of a sentence, not words written
    # together: nothing is written against it.

    def last_written_name(self, start: int, end: int) -> Name | None:
        """The last name, other than a compound, that starts in [start, end)."""
        i = bisect.bisect_left(self.name_starts, end) - 1
        while i >= 0 and self.name_starts[i] >= start:
            if self.names[i].how != "compound":
                return self.names[i]
            i -= 1
        return None

    def first_written_name(self, start: int, end: int) -> Name | None:
        """The first name, other than a compound, that starts in [start, end)."""
        i = bisect.bisect_left(self.name_starts, start)
        while i < len(self.names) and self.name_starts[i] < end:
            if self.names[i].how != "compound":
                return self.names[i]
            i += 1
        return None

    def trigger_at(self, start: int) -> bool:
        """Whether a trigger word begins at `start`."""
        i = bisect.bisect_left(self.triggers, (start,))
        return i < len(self.triggers) and self.triggers[i][0] == start

    def value_between(self, start: int, end: int) -> bool:
        """Whether another claim lies wholly between two offsets."""
        i = bisect.bisect_left(self.value_starts, start)
        return i < len(self.value_starts) and self.value_ends[i] <= end

    def value_list(self, start: int, end: int) -> tuple[list[tuple[int, int]], int]:
        """The values listed with the one at (start, end) ("on 20 November, 25 November
        and 1 December 2020") as spans in order, and its place among them."""
        i = bisect.bisect_left(self.value_starts, start)
        if i == len(self.value_starts) or self.value_starts[i] != start:
            return [(start, end)], 0
        first = last = i
        while first > 0 and self._listed(self.value_ends[first - 1], self.value_starts[first]):
            first -= 1
        while last + 1 < len(self.value_starts) and self._listed(
            self.value_ends[last], self.value_starts[last + 1]
        ):
            last += 1
        spans = list(
            zip(self.value_starts[first : last + 1], self.value_ends[first : last + 1], strict=True)
        )
        return spans, i - first

    def name_list_before(self, offset: int, floor: int) -> list[Name]:
        """The last list of two or more names before `offset` and after `floor`
        ("Aghdam, Kalbajar and Lachin were returned to Azerbaijan on"), compound names
        aside; empty if there is none."""
        found: list[Name] = []
        for name in reversed(self.names_between(floor, offset)):
            if name.how == "compound" or name.end > offset:
                continue
            if found and not self._listed(name.end, found[0].start):
                if len(found) > 1:
                    break
                found = []
            found.insert(0, name)
        return found if len(found) > 1 else []

    def _listed(self, end: int, start: int) -> bool:
        return end <= start and _LIST_GAP.fullmatch(self.document.scan, end, start) is not None

    def words_between(self, start: int, end: int) -> int:
        return bisect.bisect_left(self.word_starts, end) - bisect.bisect_left(
            self.word_starts, start
        )

    def clause(self, span: Span, sentence: tuple[int, int] | None = None) -> tuple[int, int]:
        """The clause a claim stands in: from the break before it (or the name a
        relative pronoun refers back to) to the break after it, within its sentence
        (given when the caller has it already); inside a parenthesis, the parenthesis."""
        i = bisect.bisect_right(self.parentheses, (span.start, len(self.document.scan))) - 1
        if i >= 0 and self.parentheses[i][1] >= span.end:
            return self.parentheses[i][0] + 1, self.parentheses[i][1] - 1
        scan = self.document.scan
        sentence_start, sentence_end = sentence or self.document.sentence_at(span.start)
        i = bisect.bisect_right(self.break_starts, span.start) - 1
        start, set_off = sentence_start, False
        if i >= 0 and self.breaks[i][1] > sentence_start:
            break_start, break_end, relative = self.breaks[i]
            start = break_end
            if relative:
                start = self._antecedent(break_start, sentence_start) or break_end
                set_off = scan.rfind(",", break_start - 3, break_start) >= 0
        j = bisect.bisect_left(self.break_starts, span.end)
        end = sentence_end
        if j < len(self.breaks) and self.breaks[j][0] < sentence_end:
            end = self.breaks[j][0]
        if set_off:
            # "the Minsk Process, whose conference met on 24 March 1992, and ... the
            # closure": a relative clause set off by commas ends at the next one
            comma = scan.find(",", span.end, end)
            end = comma if comma >= 0 else end
        return start, end

    def _antecedent(self, pronoun: int, floor: int) -> int | None:
        i = bisect.bisect_left(self.name_starts, pronoun) - 1
        if i < 0:
            return None
        name = self.names[i]
        gap = self.document.scan[name.end : pronoun]
        if name.start >= floor and len(gap) <= _NAME_BEFORE_RELATIVE and not gap.strip(" ,"):
            return name.start
        return None

    def named_with(self, prop: str) -> tuple[str, ...]:
        """The entities the draft names that hold a property, in the order first named."""
        found = self._named_with.get(prop)
        if found is None:
            has = self.reference.has
            found = self._named_with[prop] = tuple(e for e in self.first_named if has(e, prop))
        return found

    def is_specific(self, name: Name, entity: str) -> bool:
        """A proper name, or a common noun for a thing the draft also names properly."""
        return not name.generic or entity in self.specific


def read_draft(document: Document, claims: Sequence[Claim], reference: ReferenceTable) -> Draft:
    scan = document.scan
    aliases = [_alias_name(match, scan, reference) for match in reference.find_aliases(scan)]
    known = sorted(
        [
            *aliases,
            *_resolution_names(claims, reference),
            *_compound_names(document, aliases, reference),
        ],
        key=lambda n: n.start,
    )
    unknown = _unknown_names(scan, known, reference)
    # "the Charter of Paris": a place inside a name the reference does not hold is part of it
    inside = {
        (n.start, n.end) for n in known for u in unknown if u.start <= n.start < n.end <= u.end
    }
    names = sorted(
        [*(n for n in known if (n.start, n.end) not in inside), *unknown], key=lambda n: n.start
    )
    alias_starts = [m.start for m in aliases]
    values = [c for c in claims if c.kind in KIND_VALUE_TYPES]
    # A year inside a name ("the 1992 friendship treaty ... signed on 12 October") is
    # part of the name, not a value that the trigger before it could belong to.
    in_names = frozenset(
        (c.span.start, c.span.end)
        for c in values
        if c.kind is not _SET  # a list of names is made of names
        and _inside(c.span, aliases, alias_starts)
    )
    valued = sorted(
        (c for c in values if (c.span.start, c.span.end) not in in_names),
        key=lambda c: c.span.start,
    )
    first: dict[str, int] = {}
    specific: set[str] = set()
    dates = sorted((c.span.start, c.span.end, c.value) for c in claims if c.kind in _DATE_KINDS)
    for name in names:
        for entity in name.entities:
            first.setdefault(entity, name.start)
            if not name.generic or _identified_by_date(name, entity, dates, document, reference):
                specific.add(entity)
    breaks = _breaks(scan)
    return Draft(
        document=document,
        reference=reference,
        names=tuple(names),
        name_starts=tuple(n.start for n in names),
        first_named=first,
        specific=frozenset(specific),
        triggers=_free_triggers(scan, reference, aliases),
        breaks=breaks,
        break_starts=tuple(b[0] for b in breaks),
        parentheses=tuple(m.span() for m in _PARENTHESIS.finditer(scan)),
        word_starts=tokens(scan).starts,
        value_starts=tuple(c.span.start for c in valued),
        value_ends=tuple(c.span.end for c in valued),
        in_names=in_names,
    )


_DATE_KINDS = (ClaimKind.DATE, ClaimKind.YEAR)
_SET = ClaimKind.SET  # read once: a member read from its class is slow in Python 3.11


def _breaks(scan: str) -> tuple[tuple[int, int, bool], ...]:
    """Each break as (start, end, is a relative pronoun), in order; the words are
    looked up in the draft's word index, which is much faster than a pattern
    tried at every character."""
    found = [
        (m.start(), m.end(), False)
        for pattern in (_PUNCTUATION_BREAK, _DASH_OR_ITEM_BREAK)
        for m in pattern.finditer(scan)
    ]
    words, index = tokens(scan), positions(scan)
    for word in _BREAK_WORDS & index.keys():
        relative = word in _RELATIVE
        found.extend((words.starts[i], words.ends[i], relative) for i in index[word])
    return tuple(sorted(found))


def _identified_by_date(
    name: Name,
    entity: str,
    dates: Sequence[tuple[int, int, str]],
    document: Document,
    reference: ReferenceTable,
) -> bool:
    """A description its sentence pins down with a date the entity has ("the 1994
    ceasefire", "the truce ... took effect yesterday" in a story of 13 May 1994)
    names that entity."""
    start, end = document.sentence_at(name.start)
    i = bisect.bisect_left(dates, (start,))
    return any(
        _has_date(reference, entity, value)
        for _, _, value in dates[i : bisect.bisect_left(dates, (end,))]
    )


def _has_date(reference: ReferenceTable, entity: str, value: str) -> bool:
    written = interval(value)
    return any(
        reference.properties[f.property].value_type == "date"
        and f.status != "false"
        and interval(f.value).overlaps(written)
        for f in reference.facts_about(entity)
    )


def _alias_name(match: PhraseMatch, scan: str, reference: ReferenceTable) -> Name:
    start, end, entities = match
    text = scan[start:end]
    return Name(start, end, text, entities, "alias", generic=_is_generic(reference, entities, text))


# Drafts name the same things in the same words ("the ceasefire", "Azerbaijan"): the
# answer depends on the reference alone, so it is kept per table, not worked out per
# mention.
@per_table
def _is_generic(reference: ReferenceTable, entities: tuple[str, ...], text: str) -> bool:
    """ "the ceasefire", "the trilateral statement": a description of a kind of
    document or event, which may mean another one of its kind than the one the
    reference holds. A name of document words alone is one, and so is a name the
    reference writes in lower case around a document word; "the occupied
    territories" is not (a place, not a recurring kind of thing)."""
    heads = reference.lexicon.folded("document_head")
    words = [w for w in normalise(text) if w != "the"]
    if not words or set(words) <= heads:
        return bool(words)
    if words[-1] not in heads:
        return False
    key = tuple(words)
    forms = [
        name
        for entity in entities
        for name in (reference.entities[entity].label, *reference.entities[entity].aliases)
        if tuple(w for w in normalise(name) if w != "the") == key
    ]
    return bool(forms) and not any(_written_as_a_name(form) for form in forms)


def _written_as_a_name(form: str) -> bool:
    return any(c.isupper() or c.isdigit() for c in form)


def _resolution_names(claims: Sequence[Claim], reference: ReferenceTable) -> list[Name]:
    """A cited resolution is a name of it, so that "adopted in 1993" after a list of
    resolutions finds them as subjects."""
    return [
        Name(c.span.start, c.span.end, c.span.text, reference.lookup(c.value), "symbol")
        for c in claims
        if c.kind is ClaimKind.RESOLUTION and reference.lookup(c.value)
    ]


def _compound_names(
    document: Document, aliases: Sequence[Name], reference: ReferenceTable
) -> list[Name]:
    """ "Azerbaijan and Russia established diplomatic relations": a sentence naming
    two countries and the rest of a compound name names the compound entity."""
    countries = reference.country_ids
    by_sentence: dict[tuple[int, int], list[Name]] = defaultdict(list)
    for mention in aliases:
        if not countries.isdisjoint(mention.entities):
            by_sentence[document.sentence_at(mention.start)].append(mention)
    found: list[Name] = []
    for (start, end), in_sentence in by_sentence.items():
        parts = frozenset(e for m in in_sentence for e in m.entities if e in countries)
        if len(parts) < 2:
            continue
        words = frozenset(folded_between(document.scan, start, end))
        first, last = in_sentence[0].start, in_sentence[-1].end
        for entity in reference.compounds_named(parts, words):
            found.append(Name(first, last, document.scan[first:last], (entity,), "compound"))
    return found


def _unknown_names(scan: str, known: Sequence[Name], reference: ReferenceTable) -> list[Name]:
    """Names of documents, meetings and events the reference does not hold: a
    capitalised name built on a document word ("the Collective Security Treaty",
    "Budapest Summit"), or a document word introduced as another one ("a
    memorandum", "the 2001 declaration"). A capitalised name that begins the
    label of one reference entity is that entity."""
    heads = _one_word_heads(reference.lexicon)
    index, words = positions(scan), tokens(scan)
    found: list[Name] = []
    # A place or a country may stand inside such a name ("the Charter of Paris", "the
    # Treaty of Moscow"); any other name it would overlap is the name itself.
    taken = sorted((n.start, n.end) for n in known if not _only_places(reference, n.entities))
    held = set(taken)
    around = sorted((n.start, n.end) for n in known if (n.start, n.end) not in held)
    # The longest name at each start wins: "Budapest Summit Declaration" read from
    # "Declaration", not "Budapest Summit" read from "Summit" (whichever head comes first).
    candidates = sorted(
        (span for head in heads & index.keys() for i in index[head]
         if (span := _name_around(scan, words.starts[i], words.ends[i])) is not None),
        key=lambda span: (span[0], -span[1]),
    )  # fmt: skip
    for span in candidates:
        if _overlaps(span, taken) or _cut(span, around):
            continue
        text = scan[span[0] : span[1]]
        entities = _entity_named_by_label_start(text, reference)
        how = "alias" if entities else "unknown"
        found.append(Name(span[0], span[1], text, entities, how))
        taken.append(span)
        taken.sort()
    return found


@per_table
def _only_places(reference: ReferenceTable, entities: tuple[str, ...]) -> bool:
    """Whether every entity a name names is a place or a country (kept per table:
    drafts name the same places)."""
    return all(reference.entities[e].type in ("place", "country") for e in entities)


def _name_around(scan: str, start: int, end: int) -> tuple[int, int] | None:
    """The name a document word at [start, end) heads, if it heads one."""
    if scan[start].isupper():
        return _capitalised_name(scan, start, end)
    if _introduced_as_another(scan, start):
        return _introduced_span(scan, start, end)
    return None


@functools.lru_cache(maxsize=8)
def _one_word_heads(lexicon: Lexicon) -> frozenset[str]:
    """The document words that are a word each, as the draft's words are folded."""
    return frozenset(w for w in lexicon.lower("document_head") if normalise(w) == (w,))


_LEFT_WORD = re.compile(rf"(?:{_CAPITALISED}|{_CONNECTOR})[ \t]+$")
_LEADING_CONNECTOR = re.compile(rf"{_CONNECTOR}[ \t]+")
_RIGHT_PART = re.compile(
    rf"[ \t]+{_CONNECTOR}(?:[ \t]+(?:the|a))?[ \t]+{_CAPITALISED}(?:[ \t]+{_CAPITALISED})*"
)


def _capitalised_name(scan: str, start: int, end: int) -> tuple[int, int] | None:
    """The capitalised words (and connectors between them) around a head word."""
    while (match := _LEFT_WORD.search(scan, max(0, start - 40), start)) is not None:
        start = match.start()
    while (match := _RIGHT_PART.match(scan, end)) is not None:
        end = match.end()
    text = scan[start:end]
    # trim connectors the walk left took in front ("of the Treaty" -> "Treaty")
    while (lead := _LEADING_CONNECTOR.match(text)) is not None:
        start += lead.end()
        text = scan[start:end]
    return (start, end) if text[:1].isupper() else None


def _introduced_as_another(scan: str, head: int) -> bool:
    """ "a memorandum", "another treaty", "the 2001 declaration", "a 1966 covenant"."""
    before = scan[max(0, head - 30) : head].split()
    if not before:
        return False
    last = before[-1].lower()
    return last in _INDEFINITE or (
        _YEAR.fullmatch(last) is not None and len(before) > 1 and before[-2].lower() in
        ("the", "a", "an", "its", "their")
    )  # fmt: skip


def _introduced_span(scan: str, head: int, end: int) -> tuple[int, int]:
    start = head
    before = scan[max(0, head - 30) : head]
    article = re.search(r"(?:\b(?:the|a|an|another|one|its|their)[ \t]+)?(?:\d{4}[ \t]+)?$", before)
    if article is not None:
        start = head - (len(before) - article.start())
    return start, end


def _overlaps(span: tuple[int, int], taken: Sequence[tuple[int, int]]) -> bool:
    i = bisect.bisect_left(taken, (span[1],))
    return any(s < span[1] and span[0] < e for s, e in taken[max(0, i - 2) : i + 1])


def _cut(span: tuple[int, int], names: Sequence[tuple[int, int]]) -> bool:
    """Whether a name straddles the span's edge (rather than standing inside it)."""
    return any(
        s < span[1] and span[0] < e and not (span[0] <= s and e <= span[1]) for s, e in names
    )


def _entity_named_by_label_start(text: str, reference: ReferenceTable) -> tuple[str, ...]:
    """ "the Treaty on Friendship, Cooperation and Mutual Security" for the treaty
    labelled with it and "... between Azerbaijan and Russia": one entity only."""
    words = [w for w in normalise(text) if w != "the"]
    if len(words) < 3:
        return ()
    found = reference.aliases.continued(" ".join(words))
    return tuple(found) if len(found) == 1 else ()


def _inside(span: Span, aliases: Sequence[Name], starts: Sequence[int]) -> bool:
    """Whether an alias as written (not a name the linker inferred) holds the span."""
    i = bisect.bisect_right(starts, span.start) - 1
    return i >= 0 and aliases[i].end >= span.end


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


def _free_triggers(
    scan: str, reference: ReferenceTable, aliases: Sequence[Name]
) -> tuple[Trigger, ...]:
    starts = [n.start for n in aliases]
    found = reference.find_triggers(scan)
    return tuple(
        t
        for i, t in enumerate(found)
        if not _describes_a_name(t, scan, aliases, starts)
        and not (i and _continues(found[i - 1], t, scan))
    )


def _continues(before: Trigger, trigger: Trigger, scan: str) -> bool:
    """A trigger right after another is part of its phrase: "in force since 10
    November 2020" says when the statement took effect, not when something began."""
    return before[1] <= trigger[0] and not scan[before[1] : trigger[0]].strip()


def _describes_a_name(
    trigger: Trigger, scan: str, names: Sequence[Name], starts: Sequence[int]
) -> bool:
    """A trigger word that is part of a name ("the occupied territories") or an
    attribute before one ("liberated Aghdam") binds no value."""
    start, end, _ = trigger
    i = bisect.bisect_right(starts, start) - 1
    if i >= 0 and names[i].end >= end:
        return True  # inside the name
    j = bisect.bisect_left(starts, end)
    if j == len(names) or scan[end : names[j].start].strip():
        return False  # no name right after it
    if not _PARTICIPLE.fullmatch(scan[start:end].lower()):
        return False
    before = _LAST_WORD.search(scan, max(0, start - 40), start)
    if before is None:
        return False
    word = before.group(1).lower()
    # "visited liberated Aghdam": a verb before the participle makes it an attribute
    return word in _BEFORE_AN_ATTRIBUTE or (word.endswith("ed") and len(word) > 4)
