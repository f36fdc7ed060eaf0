"""Office-holders: "Foreign Minister X" is checked at the article's date (or at
the date of a sentence about the appointment), "former Foreign Minister X" as a
past holder. A title without a country means the office of the country the person
serves; an office whose own end the reference records says so."""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence

from ..datetext import DAY_MONTH, MONTH_DAY, Interval, human_date, interval
from ..models import Claim, ClaimKind, Fact, Finding, LinkedClaim, Span, Verdict
from ..reference import ReferenceTable
from .context import Context, Judge, Rule, Stub
from .finding import make_finding
from .values import as_written, valid_during


def start(context: Context) -> Judge:
    periods = _periods_beside_titles(context)
    return lambda item: check(item, context, periods.get(item.claim.span))


def check(item: LinkedClaim, context: Context, period: Claim | None = None) -> Finding:
    """`period` is the date written beside the title ("co-chair from 2010 to 2021"),
    when there is one: the title is checked then, not at the article's date."""
    claim = item.claim
    reference = context.reference
    if not item.subject:
        return make_finding(
            item, Verdict.UNVERIFIED, f"{claim.value} is not in the reference yet.", context
        )
    person = reference.label(item.subject)
    terms = reference.facts_for(item.subject, item.property)
    offices = _same_country(set(reference.offices_matching(claim.title)), terms, reference)
    # Latest appointment first: where terms overlap at the edges of partial
    # dates, the newer post is the one the person most likely held.
    current = sorted(
        (f for f in terms if valid_during(f, context.as_of_period)),
        key=lambda f: f.valid_from,
        reverse=True,
    )
    held_now = _held(current, reference)
    on = context.on
    if not offices:
        return make_finding(
            item,
            Verdict.UNVERIFIED,
            f"The title {claim.title!r} matches no office in the reference; {on} "
            f"{person} held: {held_now}.",
            context,
            facts=current,
            expected=held_now,
        )
    matching = [f for f in terms if f.value in offices]
    if item.evidence.how == "spelling":
        return _misspelt(item, person, matching, context)
    when = _time_of_title(claim, period, context)
    if when is not None and matching:
        return _at(item, person, matching, when, context)
    if (
        _says(claim.title, "former", context)
        or _says(claim.title, "then", context)
        or _looks_back_after(claim, context)
    ):
        return _former(item, person, matching, current, on, context)
    tenure = _TENURE_AFTER.match(context.document.scan, claim.span.end)
    if tenure is not None and (held_by_then := _held_by_then(matching, context)):
        # "X, Russia's co-chair for eleven years": a post held then or now
        return _had_held(item, person, held_by_then, context)
    held = _held_when_said(item, person, matching, context)
    if held is not None:
        return held
    if matching and (then := _when_an_undated_draft_speaks(claim, matching, context)):
        return make_finding(
            item,
            Verdict.UNVERIFIED,
            f"The draft has no date of its own, and {then}: {person} was "
            f"{context.reference.label(matching[0].value)} ({_terms(matching)}). Give the "
            "draft its date to check the title.",
            context,
            facts=matching,
        )
    if matching:
        return _not_now(item, person, matching, current, on, context)
    if _may_be_a_rank(claim.title, context):
        return make_finding(
            item,
            Verdict.UNVERIFIED,
            f"{person} held no post of {claim.title!r} in the reference; the title may be a "
            f"rank or an acting post. {on[0].upper()}{on[1:]} {person} held: {held_now}.",
            context,
            facts=current,
            expected=held_now,
        )
    return _never_held(item, person, offices, current, context)


def _held_when_said(
    item: LinkedClaim, person: str, matching: Sequence[Fact], context: Context
) -> Finding | None:
    """Supported when the person held the post at the article's date, at a date its
    sentence gives, or until just before in a sentence about the departure."""
    claim, reference = item.claim, context.reference
    valid = [f for f in matching if valid_during(f, context.as_of_period)]
    if valid:
        return make_finding(
            item,
            Verdict.SUPPORTED,
            f"{person} was {reference.label(valid[0].value)} {context.on} ({_term(valid[0])}).",
            context,
            facts=valid,
            expected=reference.label(valid[0].value),
        )
    # "the French co-chair Brice Roquefeuil was appointed in November 2021", "On 4
    # April 1992 Foreign Minister Andrei Kozyrev signed ...": the sentence dates the title
    for when in _dates_of_the_title(claim, context):
        then = [f for f in matching if valid_during(f, interval(when))]
        if then:
            return make_finding(
                item,
                Verdict.SUPPORTED,
                f"{person} was {reference.label(then[0].value)} {_on_or_in(when)} "
                f"{human_date(when)}, "
                f"the sentence's date ({_term(then[0])}).",
                context,
                facts=then,
                expected=reference.label(then[0].value),
            )
    left = _just_left(claim, matching, context)
    if left is not None:
        return make_finding(
            item,
            Verdict.SUPPORTED,
            f"{person} was {reference.label(left.value)} until {human_date(left.valid_to)} "
            f"({_term(left)}): the sentence reports the departure.",
            context,
            facts=[left],
            expected=reference.label(left.value),
        )
    return None


def _never_held(
    item: LinkedClaim,
    person: str,
    offices: Collection[str],
    current: Sequence[Fact],
    context: Context,
) -> Finding:
    """Contradicted: the reference knows the post and the person, and never the two
    together; the finding names who held the post."""
    reference = context.reference
    held_now = _held(current, reference)
    wanted = sorted(offices, key=lambda o: reference.label(o))
    holders = "; ".join(h for h in (_holders(o, context) for o in wanted) if h)
    return make_finding(
        item,
        Verdict.CONTRADICTED,
        f"{person} never held the post of {' or '.join(reference.label(o) for o in wanted)} "
        f"in the reference; {context.on} {person} was {held_now}"
        + (f", and the post was held by {holders}." if holders else "."),
        context,
        facts=(*current, *(f for o in wanted for f in _holder_facts(o, context))),
        expected=held_now,
        suggestion=reference.label(current[0].value) if current else "",
    )


def _not_now(
    item: LinkedClaim,
    person: str,
    matching: Sequence[Fact],
    current: Sequence[Fact],
    on: str,
    context: Context,
) -> Finding:
    """The person held the post, but not at the article's date: had left it
    (outdated), or took it only later (contradicted)."""
    reference = context.reference
    held_now = _held(current, reference)
    ended = [
        f for f in matching if f.valid_to and interval(f.valid_to).last < context.as_of_period.first
    ]
    if ended:
        fact = max(ended, key=lambda f: f.valid_to)
        holders = _holders(fact.value, context)
        abolition = _abolition(fact.value, context)
        since = (
            f"the post itself ended {_on_or_in(abolition[0].value)} "
            f"{human_date(abolition[0].value)}"
            if abolition
            else f"{on} it was held by {holders or 'someone not yet curated'}"
        )
        return make_finding(
            item,
            Verdict.OUTDATED,
            f"{person} had left the post of {reference.label(fact.value)} "
            f"({_term(fact)}); {since}.",
            context,
            facts=(fact, *abolition, *_holder_facts(fact.value, context)),
            expected=holders or held_now,
            suggestion=holders.split(";")[0] if holders else "",
        )
    fact = min(matching, key=lambda f: f.valid_from)
    return make_finding(
        item,
        Verdict.CONTRADICTED,
        f"{person} took the post of {reference.label(fact.value)} only later "
        f"({_term(fact)}); {on} {person} held: {held_now}.",
        context,
        facts=(fact, *current),
        expected=held_now,
    )


def _former(
    item: LinkedClaim,
    person: str,
    matching: Sequence[Fact],
    current: Sequence[Fact],
    on: str,
    context: Context,
) -> Finding:
    """ "former Foreign Minister Elmar Mammadyarov": a post held before the
    article's date and not at it."""
    reference = context.reference
    now = [f for f in matching if f in current]
    before = _held_by_then(matching, context)
    if before and not now:
        return _had_held(item, person, before, context)
    if now:
        return make_finding(
            item,
            Verdict.CONTRADICTED,
            f"{person} still held the post of {reference.label(now[0].value)} {on} "
            f"({_term(now[0])}), so is not its former holder.",
            context,
            facts=now,
            expected=reference.label(now[0].value),
            suggestion=reference.label(now[0].value),
        )
    offices = " or ".join(sorted({reference.label(f.value) for f in matching})) or "that post"
    return make_finding(
        item,
        Verdict.CONTRADICTED,
        f"{person} had not held {offices} by {context.on[3:]}.",
        context,
        facts=matching,
    )


def _held_by_then(matching: Sequence[Fact], context: Context) -> list[Fact]:
    """The terms of the post begun by the article's date."""
    return [f for f in matching if interval(f.valid_from or "0001").first <= context.as_of]


def _had_held(item: LinkedClaim, person: str, terms: Sequence[Fact], context: Context) -> Finding:
    fact = max(terms, key=lambda f: f.valid_from)
    label = context.reference.label(fact.value)
    return make_finding(
        item,
        Verdict.SUPPORTED,
        f"{person} had held the post of {label} ({_term(fact)}).",
        context,
        facts=terms,
        expected=label,
    )


def _looks_back_after(claim: Claim, context: Context) -> bool:
    """ "Elmar Mammadyarov, Azerbaijan's foreign minister at the time": as "then"."""
    scan, after = context.document.scan, claim.span.end
    while scan[after : after + 1] in (" ", "\t"):
        after += 1
    return context.reference.lexicon.pattern("looking_back").match(scan, after) is not None


# A post held for a while, then or now: "X, Russia's co-chair for eleven years".
_TENURE_AFTER = re.compile(
    r"\s+for\s+(?:(?:almost|nearly|more\s+than|over|some|about)\s+)?[\w-]+\s+"
    r"(?:years|months|decades)\b",
    re.I,
)


def _held(current: Sequence[Fact], reference: ReferenceTable) -> str:
    return "; ".join(reference.label(f.value) for f in current) or "no curated office"


# A day and month with no year after them: "On October 16", "on 16 January".
_DAY_WITHOUT_YEAR = re.compile(rf"(?:{MONTH_DAY}|{DAY_MONTH.replace('?P<', '?P<b_')})")


def _when_an_undated_draft_speaks(claim: Claim, matching: Sequence[Fact], context: Context) -> str:
    """In a draft with no date, checked as of today, what says the title may be of
    another time: a day without its year in its sentence ("On October 16, ... Foreign
    Minister X"), a departure ("after the resignation of Foreign Minister X"), or a year
    the draft speaks of within the person's term ("the Kazan summit of 2011"). Empty in
    a dated draft, or with none."""
    if context.document.as_of is not None:
        return ""
    start, end = context.sentence_of(claim)
    for match in _DAY_WITHOUT_YEAR.finditer(context.document.scan, start, end):
        month = match["month"] or match["b_month"]
        if not (match["year"] or match["b_year"]) and month[0].isupper():
            return f"its sentence dates the title '{match[0]}', in a year the draft does not give"
    if context.reference.lexicon.pattern("departure").search(context.document.scan, start, end):
        return "its sentence speaks of leaving the post"  # "the resignation of Minister X"
    years = sorted({value[:4] for _, value in context.dates}, reverse=True)
    during = next((y for y in years if any(valid_during(f, interval(y)) for f in matching)), "")
    return f"it speaks of {during}" if during else ""


def _terms(facts: Sequence[Fact]) -> str:
    return "; ".join(_term(f) for f in facts)


def _says(title: str, category: str, context: Context) -> bool:
    return context.reference.lexicon.pattern(category).search(title) is not None


def _may_be_a_rank(title: str, context: Context) -> bool:
    """ "Ambassador Igor Popov" (a diplomatic rank of a mediator), "Ambassadors Igor
    Popov of Russia, ..." (a rank and a nationality: only the country an ambassador is
    sent to makes the post), "acting Foreign Minister X" (an acting post the
    reference does not curate)."""
    parsed = context.reference.parse_title(title)
    rank = parsed.core in {(w,) for w in context.reference.lexicon.folded("rank")}
    return (rank and not parsed.host) or _says(title, "acting", context)


def _time_of_title(claim: Claim, period: Claim | None, context: Context) -> Interval | None:
    """When the title is said to have been held: the period written beside it, or
    for "then-president X" the date of its sentence."""
    if period is not None:
        return interval(period.value)  # written beside the title
    if _says(claim.title, "then", context):
        dates = [offset for offset, _ in context.dates_in(*context.sentence_of(claim))]
        if dates:
            return context.time_of(claim)
    return None


def _at(
    item: LinkedClaim, person: str, matching: Sequence[Fact], when: Interval, context: Context
) -> Finding:
    reference = context.reference
    said = _period_text(when)
    then = [f for f in matching if valid_during(f, when)]
    if then:
        return make_finding(
            item,
            Verdict.SUPPORTED,
            f"{person} was {reference.label(then[0].value)} {said} ({_term(then[0])}).",
            context,
            facts=then,
            expected=reference.label(then[0].value),
        )
    if matching:
        # the title is right; the period beside it is a claim of its own
        terms = "; ".join(f"{reference.label(f.value)} {_term(f)}" for f in matching)
        return make_finding(
            item,
            Verdict.SUPPORTED,
            f"{person} held the post ({terms}); the period written beside the title is "
            "checked on its own.",
            context,
            facts=matching,
            expected=terms,
        )
    return make_finding(
        item,
        Verdict.UNVERIFIED,
        f"{person} held no post the title names in the reference, {said} or otherwise.",
        context,
    )


def _misspelt(
    item: LinkedClaim, person: str, matching: Sequence[Fact], context: Context
) -> Finding:
    """ "Igor Popoff, the Russian co-chair": the person the title and a near
    spelling point to, with the name as the reference writes it."""
    reference = context.reference
    post = reference.label(matching[0].value) if matching else "the post the title names"
    terms = f" ({_term(matching[0])})" if matching else ""
    return make_finding(
        item,
        Verdict.CONTRADICTED,
        f"The reference spells the name of the {post}{terms} '{person}', not '{item.claim.value}'.",
        context,
        facts=matching,
        expected=person,
        suggestion=person,
    )


def check_term(item: LinkedClaim, context: Context) -> Finding:
    """A period written beside a titled name ("Igor Popov, Russia's co-chair from
    2010 to 2021"): the person must have held the post in it."""
    reference = context.reference
    offices = set(reference.offices_matching(item.evidence.property_word))
    terms = [f for f in reference.facts_for(item.subject, item.property) if f.value in offices]
    person = reference.label(item.subject)
    when = interval(item.claim.value)
    said = _period_text(when)
    if not terms:
        return make_finding(
            item,
            Verdict.UNVERIFIED,
            f"The reference holds no term of {person} in the post {item.evidence.property_word!r}.",
            context,
        )
    held = [f for f in terms if valid_during(f, when)]
    if held:
        return make_finding(
            item,
            Verdict.SUPPORTED,
            f"{person} held the post of {reference.label(held[0].value)} {said} "
            f"({_term(held[0])}).",
            context,
            facts=held,
            expected=_term(held[0]),
        )
    expected = _terms(terms)
    return make_finding(
        item,
        Verdict.CONTRADICTED,
        f"{person} held the post of {reference.label(terms[0].value)} {expected}, not {said}.",
        context,
        facts=terms,
        expected=expected,
    )


def _periods_beside_titles(context: Context) -> dict[Span, Claim]:
    claims = context.links.claims
    return {
        claims[i - 1].claim.span: claims[i].claim
        for i in range(1, len(claims))
        if claims[i].evidence.how == "term"
    }


def _period_text(when: Interval) -> str:
    """ "in 2019", "from 2010 to 2021", "from 1 April 2014 to 30 June 2016"."""
    first, last = when.first, when.last
    whole_years = (first.month, first.day, last.month, last.day) == (1, 1, 12, 31)
    if whole_years:
        if first.year == last.year:
            return f"in {first.year}"
        return f"from {first.year} to {last.year}"
    if first == last:
        return f"on {human_date(first.isoformat())}"
    return f"from {human_date(first.isoformat())} to {human_date(last.isoformat())}"


def _dates_of_the_title(claim: Claim, context: Context) -> list[str]:
    """The past dates that may date a title: all of its sentence's when it is about an
    appointment; else those before the title ("In November 2007 the co-chairs ...")
    and those after it that say when ("handed to foreign ministers X and Y in November
    2007"), up to a verb of saying, after which a date belongs to what was said
    ("Foreign Minister X said the 2010 talks failed"; "X negotiated the 2020
    statement" names a thing, not when X held the post). Where the sentence looks back
    ("was by then working", "at the time") and gives no date, those of the sentence
    before."""
    start, end = context.sentence_of(claim)
    scan, lexicon = context.document.scan, context.reference.lexicon
    if lexicon.pattern("appointment").search(scan, start, end):
        dated = [value for _, value in context.dates_in(start, end)]
    else:
        saying = lexicon.pattern("saying").search(scan, claim.span.end, end)
        said = saying.start() if saying is not None else end
        dated = [
            value
            for offset, value in context.dates_in(start, said)
            if offset < claim.span.start or _TIME_BEFORE.search(scan, max(0, offset - 4), offset)
        ]
    if not dated and lexicon.pattern("looking_back").search(scan, start, end):
        before, _ = context.document.sentence_at(start - 1)
        dated = [value for _, value in context.dates_in(before, start)]
    if not dated:
        dated = _dates_of_its_heading(start, context)
    return [value for value in dated if interval(value).last < context.as_of]


def _dates_of_its_heading(start: int, context: Context) -> list[str]:
    """ "**ARC/KB/2007/02** | Nov. 2007 | 6 pages" over a catalogue entry, "**12 March
    2024**" over a paragraph: a line of labels opening the sentence's paragraph dates
    what is written under it. Not a line of prose, which may wrap mid-sentence."""
    scan = context.document.scan
    cut = scan.rfind("\n\n", 0, start)
    paragraph = cut + 2 if cut >= 0 else 0
    line_end = scan.find("\n", paragraph, start)
    if line_end < 0:
        return []  # the sentence begins on the paragraph's first line
    line = scan[paragraph:line_end].strip()
    if not _LABEL_LINE.match(line):
        return []
    return [value for _, value in context.dates_in(paragraph, line_end)]


# Fields set apart by bars, or a line wholly in bold, or a heading.
_LABEL_LINE = re.compile(r".*\s\|\s|\*\*[^*]+\*\*\Z|#{1,6}\s")


# What makes a date after a title say when: "in November 2007", "on 5 May".
_TIME_BEFORE = re.compile(r"\b(?:in|on)\s+$")

# How long after leaving a post a story about the departure still names the post.
_DAYS_A_DEPARTURE_IS_NEWS = 31


def _just_left(claim: Claim, matching: Sequence[Fact], context: Context) -> Fact | None:
    """ "Azerbaijan has recalled Polad Bulbuloglu, its ambassador to Russia": a
    sentence about a departure names the post the person has just left."""
    start, end = context.sentence_of(claim)
    if not context.reference.lexicon.pattern("departure").search(context.document.scan, start, end):
        return None
    recent = [
        f
        for f in matching
        if f.valid_to
        and 0 <= (context.as_of - interval(f.valid_to).last).days <= _DAYS_A_DEPARTURE_IS_NEWS
    ]
    return recent[0] if recent else None


def _holder_facts(office: str, context: Context) -> list[Fact]:
    term = context.reference.role_property("term")
    return [
        f
        for f in context.reference.facts_with_value(term, office)
        if valid_during(f, context.as_of_period)
    ]


def _holders(office: str, context: Context) -> str:
    return "; ".join(context.reference.label(f.subject) for f in _holder_facts(office, context))


def _abolition(office: str, context: Context) -> list[Fact]:
    """The office's own end, when it ended before the article (a mediation
    format closed, a post abolished): then nobody holds it now."""
    return [
        f
        for f in context.reference.facts_for_role(office, "end")
        if interval(f.value).first <= context.as_of
    ]


def _same_country(offices: set[str], terms: Sequence[Fact], reference: ReferenceTable) -> set[str]:
    """A title without a country ("Foreign Minister") means the office of the
    country the person serves, when the reference knows which that is."""
    served = {reference.office_origin(f.value) for f in terms} - {""}
    narrowed = {o for o in offices if reference.office_origin(o) in served}
    return narrowed or offices


def _term(fact: Fact) -> str:
    start = human_date(fact.valid_from) if fact.valid_from else "?"
    end = human_date(fact.valid_to) if fact.valid_to else "present"
    return f"{start} – {end}"


def _on_or_in(value: str) -> str:
    """ "on 1 September 2025" for a day (or a range of days), "in 2025" otherwise."""
    return "on" if len(value.split("/")[0]) == 10 else "in"


RULE = Rule(
    reads_links=True,
    kinds=(ClaimKind.OFFICE,),
    start=start,
    describe=as_written,
    renderings=lambda claim: [claim.value.split()[-1]],
    stub=lambda claim: Stub(
        value="", note=f"the office of “{claim.title}” as the draft names it; "
    ),
)
