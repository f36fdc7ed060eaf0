"""The index's tables, and the pipeline's models turned into their rows and back.

An index holds three tables, each written in parts (one part per Dask task):
`articles` (one row per article: what the sweep needs to rebuild its Document,
and the names linking found in it), `claims` (one row per claim: everything the
claim, its link and its verdict were, so that a sweep judges it again without
linking it again) and `keys` (one row per fact, entity or property an article's
claims were judged on, per entity it names, and per thing a correction could move
a link by (impact.py), sorted, so that `--since` finds the affected articles
without reading claims). The lookup (lookup.py) gathers the claims holding a key
and the keys of every part in one place for `--since`.
"""

from __future__ import annotations

import bisect
import datetime as dt
import struct
from collections.abc import Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from itertools import accumulate
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from factcheck import Claim, ClaimKind, Document, Finding, LinkedClaim, ReferenceTable, Verdict
from factcheck.link import Links, Name
from factcheck.models import Evidence, Quantity, Span, Strength
from factcheck.verify import draft_dates

_STR = pa.string()
_INT = pa.int32()
_INTS = pa.list_(pa.int32())
_STRS = pa.list_(pa.string())
_STRSS = pa.list_(_STRS)

ARTICLES = pa.schema(
    [
        ("article", _STR),
        ("path", _STR),
        ("url", _STR),
        ("date", _STR),
        ("date_from", _STR),  # the first day of the month or year the article is dated by
        ("digest", _STR),
        ("reference", _STR),
        ("title", _STR),
        ("as_of_source", _STR),
        ("text", _STR),
        ("scan", _STR),  # null where it equals text
        ("dateline_start", _INT),
        ("dateline_end", _INT),
        ("body_start", _INT),
        ("sentence_starts", _INTS),
        ("sentence_ends", _INTS),
        ("line_starts", _INTS),
        ("claims", _INT),
        ("names", _STRS),  # the entities the article names: a new fact about one may link a claim
        # what linking found, so that a sweep can judge again without linking again
        ("mention_starts", _INTS),
        ("mention_ends", _INTS),
        ("mention_entities", _STRSS),
        # the draft's dates as judging reads them: a claim judged alone needs no other claim
        ("date_starts", _INTS),
        ("date_values", _STRS),
        # entities a description names only if a date in its sentence is one of theirs
        ("described", _STRS),
    ]
)

CLAIMS = pa.schema(
    [
        ("article", _STR),
        ("path", _STR),
        ("url", _STR),
        ("date", _STR),
        ("start", _INT),
        ("end", _INT),
        ("line", _INT),
        ("column", _INT),
        ("kind", _STR),
        ("text", _STR),
        ("value", _STR),
        ("extractor", _STR),
        ("quantity", pa.float64()),
        ("low", pa.float64()),
        ("high", pa.float64()),
        ("hedge", _STR),
        ("unit", _STR),
        ("title", _STR),
        ("weekday", _STR),
        ("relative", _STR),
        ("group", _INT),
        ("group_size", _INT),
        ("subject", _STR),
        ("property", _STR),
        ("how", _STR),
        ("strength", _STR),
        ("subject_text", _STR),
        ("subject_line", _INT),
        ("property_word", _STR),
        ("doubt", _STR),
        ("note", _STR),
        ("rule_verdict", _STR),  # before the draft was held against itself
        ("rule_strength", _STR),  # how certain the rule took the link to be
        ("offices", _STRS),  # an office claim's title, where no name linked its person
        ("verdict", _STR),
        ("expected", _STR),
        ("suggestion", _STR),
        ("message", _STR),
        ("facts", _STRS),
        ("entities", _STRS),
        ("sentence", _STR),
        # A claim holding a key (claim_keys) keeps its sentence as judging reads it
        # (the scan's characters at their offsets): the lookup table judges it alone
        # from that (window_document), without reading its article.
        ("sentence_start", _INT),
        ("sentence_scan", _STR),  # null for a claim holding no key
    ]
)

KEYS = pa.schema([("key", _STR), ("article", _STR)])

# What a sweep reads: the article's own fields come from its row, the sentence from
# its text, so the columns that repeat them per claim (the largest) stay unread.
SWEEP_ARTICLE_COLUMNS = [
    name for name in ARTICLES.names if name not in ("digest", "reference", "names", "described")
]
SWEEP_CLAIM_COLUMNS = [
    name
    for name in CLAIMS.names
    if name not in ("path", "url", "date", "sentence", "message", "sentence_start", "sentence_scan")
]
# What the lookup file (store.write_lookup) holds of a claim: what a sweep reads of
# it, where its article lives and its sentence, and from its article's row the rest
# of what judging it alone reads (window_document).
LOOKUP_ARTICLE_COLUMNS = ("date_from", "as_of_source", "date_starts", "date_values")
LOOKUP_CLAIM_COLUMNS = (
    *SWEEP_CLAIM_COLUMNS,
    *("path", "url", "date", "sentence", "sentence_start", "sentence_scan"),
)


@dataclass(frozen=True, slots=True, kw_only=True)
class ArticleMeta:
    """Who an article is in the archive: its id, where it lives, its date."""

    article: str
    path: str
    url: str = ""
    date: str = ""  # ISO, as given by the source ("" when the article dates itself)


# -- articles ---------------------------------------------------------------------


def article_row(
    meta: ArticleMeta,
    digest: str,
    version: str,
    document: Document,
    links: Links,
    reference: ReferenceTable,
) -> dict[str, Any]:
    """`version`: the reference's; `reference`: the loaded table, to list the names."""
    dated = sorted(draft_dates(links.claims))
    return {
        "article": meta.article,
        "path": meta.path,
        "url": meta.url,
        "date": document.as_of.isoformat() if document.as_of else "",
        "date_from": document.as_of_from.isoformat() if document.as_of_from else "",
        "digest": digest,
        "reference": version,
        "title": document.title,
        "as_of_source": document.as_of_source,
        "text": document.text,
        "scan": None if document.scan == document.text else document.scan,
        "dateline_start": document.dateline.start if document.dateline else None,
        "dateline_end": document.dateline.end if document.dateline else None,
        "body_start": document.body_start,
        "sentence_starts": [start for start, _ in document.sentences],
        "sentence_ends": [end for _, end in document.sentences],
        "line_starts": list(document.line_starts),
        "claims": len(links.claims),
        "names": sorted({e for m in reference.find_mentions(document.scan) for e in m.entities}),
        "mention_starts": [m.start for m in links.mentions],
        "mention_ends": [m.end for m in links.mentions],
        "mention_entities": [list(m.entities) for m in links.mentions],
        "date_starts": [start for start, _ in dated],
        "date_values": [value for _, value in dated],
        "described": sorted(_described(document, links, [start for start, _ in dated])),
    }


def _described(document: Document, links: Links, dated: Sequence[int]) -> set[str]:
    """The entities a description ("the treaty") names in a sentence that gives a
    date (`dated`: the offsets of the draft's dates, in order): linking takes it for
    them only if the date is one of theirs, so a changed date in the reference may
    move the link."""
    found: set[str] = set()
    for mention in links.mentions:
        if mention.generic and mention.entities:
            start, end = document.sentence_at(mention.start)
            first = bisect.bisect_left(dated, start)
            if first < len(dated) and dated[first] < end:
                found.update(mention.entities)
    return found


def links_from_rows(
    article: Mapping[str, Any], claims: Sequence[Mapping[str, Any]], document: Document
) -> Links:
    """What linking found when the article was indexed, rebuilt from its rows."""
    scan = document.scan
    mentions = tuple(
        Name(start, end, scan[start:end], tuple(entities))
        for start, end, entities in zip(
            article["mention_starts"],
            article["mention_ends"],
            article["mention_entities"],
            strict=True,
        )
    )
    return Links(tuple(linked_claim_from_row(row) for row in claims), mentions)


def document_from_row(row: Mapping[str, Any]) -> Document:
    """The Document the article was indexed as, without reading its source again."""
    text = row["text"]
    dateline = None
    if row["dateline_start"] is not None:
        start, end = row["dateline_start"], row["dateline_end"]
        dateline = Span(start=start, end=end, text=text[start:end])
    return Document(
        path=row["path"],
        text=text,
        scan=text if row["scan"] is None else row["scan"],
        title=row["title"] or "",
        # the date the index judged the article at: a date the source gave, or
        # the one the article states
        as_of=dt.date.fromisoformat(row["date"]) if row["date"] else None,
        as_of_from=dt.date.fromisoformat(row["date_from"]) if row["date_from"] else None,
        as_of_source=row["as_of_source"] or "",
        dateline=dateline,
        body_start=row["body_start"] or 0,
        sentences=tuple(zip(row["sentence_starts"], row["sentence_ends"], strict=True)),
        line_starts=tuple(row["line_starts"]),
    )


# -- claims -----------------------------------------------------------------------


def claim_row(
    meta: ArticleMeta,
    document: Document,
    linked: LinkedClaim,
    judged: Finding,
    finding: Finding,
    reference: ReferenceTable,
) -> dict[str, Any]:
    """`judged`: the claim held against the reference; `finding`: then against the
    draft too (the verdict the article gets)."""
    claim = linked.claim
    evidence = linked.evidence
    quantity = claim.quantity
    row = {
        "article": meta.article,
        "path": meta.path,
        "url": meta.url,
        "date": document.as_of.isoformat() if document.as_of else "",
        "start": claim.span.start,
        "end": claim.span.end,
        "line": finding.line,
        "column": finding.column,
        "kind": claim.kind.value,
        "text": claim.span.text,
        "value": claim.value,
        "extractor": claim.extractor,
        "quantity": quantity.value if quantity else None,
        "low": quantity.low if quantity else None,
        "high": quantity.high if quantity else None,
        "hedge": quantity.hedge if quantity else "",
        "unit": claim.unit,
        "title": claim.title,
        "weekday": claim.weekday,
        "relative": claim.relative,
        "group": claim.group,
        "group_size": claim.group_size,
        "subject": linked.subject,
        "property": linked.property,
        "how": evidence.how,
        "strength": evidence.strength.value,
        "subject_text": evidence.subject_text,
        "subject_line": evidence.subject_line,
        "property_word": evidence.property_word,
        "doubt": evidence.doubt,
        "note": evidence.note,
        "rule_verdict": judged.verdict.value,
        "rule_strength": judged.evidence.strength.value,
        "offices": _offices_for_a_spelling(linked, reference),
        **verdict_fields(finding),
        "facts": [f.id for f in finding.facts],
        "entities": sorted(involved_entities(finding, reference)),
        "sentence": sentence_of(document, claim.span.start),
    }
    sentence_start, sentence_end = document.sentence_at(claim.span.start)
    row["sentence_start"] = sentence_start
    row["sentence_scan"] = document.scan[sentence_start:sentence_end] if claim_keys(row) else None
    return row


def _offices_for_a_spelling(linked: LinkedClaim, reference: ReferenceTable) -> list[str]:
    """The offices an office claim's title names, where no name the reference holds
    linked its person: a changed holder of one may link a name spelt a little
    differently."""
    if linked.claim.kind is not ClaimKind.OFFICE or linked.evidence.how == "name":
        return []
    return reference.offices_matching(linked.claim.title) if linked.claim.title else []


def window_document(rows: Sequence[Mapping[str, Any]]) -> Document:
    """The sentences these claims of one article stand in (lookup rows), at their
    offsets and blank between, as a Document: all that judging them alone reads,
    since every rule reads only its claim's sentence, the article's date and the
    dates in that sentence (verify.Context). Its lines are right at each claim."""
    first = rows[0]
    sentences = sorted({(row["sentence_start"], row["sentence_scan"]) for row in rows})
    pieces: list[str] = []
    end = 0
    for start, scan in sentences:
        pieces += [" " * (start - end), scan]
        end = start + len(scan)
    text = "".join(pieces)
    return Document(
        path=first["path"],
        text=text,
        scan=text,
        as_of=dt.date.fromisoformat(first["date"]) if first["date"] else None,
        as_of_from=dt.date.fromisoformat(first["date_from"]) if first["date_from"] else None,
        as_of_source=first["as_of_source"] or "",
        sentences=tuple((start, start + len(scan)) for start, scan in sentences),
        line_starts=_line_starts_at(rows),
    )


def _line_starts_at(rows: Sequence[Mapping[str, Any]]) -> tuple[int, ...]:
    """Line starts that put each claim on its line and column: the start of each
    claim's line, and as many starts before it as there are lines in between (the
    real ones are not stored; a line holds at least its newline, so they fit)."""
    anchors = sorted({(row["line"], row["start"] - row["column"] + 1) for row in rows})
    starts: list[int] = []
    for line, start in anchors:
        missing = line - 1 - len(starts)
        starts.extend(range(start - missing, start + 1))
    return tuple(starts)


def sentence_of(document: Document, offset: int) -> str:
    """The sentence a claim stands in, on one line."""
    start, end = document.sentence_at(offset)
    return " ".join(document.text[start:end].split())


def verdict_fields(finding: Finding) -> dict[str, str]:
    return {
        "verdict": finding.verdict.value,
        "expected": finding.expected,
        "suggestion": finding.suggestion,
        "message": finding.message,
    }


def involved_entities(finding: Finding, reference: ReferenceTable) -> set[str]:
    """The claim's subject and every entity of the facts it was judged on (the
    office of a term, the topic of a resolution, the other holders of a post)."""
    found = {finding.subject} if finding.subject else set()
    for fact in finding.facts:
        found.add(fact.subject)
        prop = reference.properties.get(fact.property)
        if prop is not None and prop.value_type == "entity":
            found.add(fact.value)
    return found


def claim_from_row(row: Mapping[str, Any]) -> Claim:
    """The claim as the extractors found it, for linking and judging again."""
    quantity = None
    if row["quantity"] is not None:
        quantity = Quantity(
            value=row["quantity"], low=row["low"], high=row["high"], hedge=row["hedge"] or ""
        )
    return Claim(
        kind=ClaimKind(row["kind"]),
        span=Span(start=row["start"], end=row["end"], text=row["text"]),
        value=row["value"],
        extractor=row["extractor"],
        quantity=quantity,
        unit=row["unit"] or "",
        title=row["title"] or "",
        weekday=row["weekday"] or "",
        relative=row["relative"] or "",
        group=row["group"],
        group_size=row["group_size"] or 0,
    )


def linked_claim_from_row(row: Mapping[str, Any]) -> LinkedClaim:
    return LinkedClaim(
        claim=claim_from_row(row),
        subject=row["subject"] or "",
        property=row["property"] or "",
        evidence=Evidence(
            strength=Strength(row["strength"]),
            how=row["how"] or "",
            subject_text=row["subject_text"] or "",
            subject_line=row["subject_line"] or 0,
            property_word=row["property_word"] or "",
            doubt=row["doubt"] or "",
            note=row["note"] or "",
        ),
    )


def stored_finding(row: Mapping[str, Any], linked: LinkedClaim) -> Finding:
    """The claim's finding as its rule gave it at indexing, with what holding the
    draft against itself reads of it (consistency.py)."""
    return Finding(
        claim=linked.claim,
        verdict=Verdict(row["rule_verdict"]),
        message="",  # holding the draft against itself writes its own
        subject=linked.subject,
        property=linked.property,
        expected=row["expected"],
        suggestion=row["suggestion"],
        line=row["line"],
        column=row["column"],
        evidence=(
            linked.evidence
            if linked.evidence.strength.value == row["rule_strength"]
            else replace(linked.evidence, strength=Strength(row["rule_strength"]))
        ),
    )


# -- keys -------------------------------------------------------------------------


def fact_key(fact_id: str) -> str:
    return f"f:{fact_id}"


def entity_key(entity: str) -> str:
    """An entity a claim of the article was judged on."""
    return f"e:{entity}"


def name_key(entity: str) -> str:
    """An entity the article names (a changed fact about it may link a claim anew)."""
    return f"n:{entity}"


def property_key(prop: str) -> str:
    return f"p:{prop}"


def described_key(entity: str) -> str:
    """An entity a description in the article names if a date beside it is one of its own."""
    return f"d:{entity}"


def office_key(office: str) -> str:
    """An office a title names where no name linked its person (a misspelt name)."""
    return f"o:{office}"


# The claim columns that hold its keys, with the key each of their names makes.
KEY_COLUMNS = (("facts", fact_key), ("entities", entity_key), ("property", property_key))


def claim_keys(row: Mapping[str, Any]) -> set[str]:
    """The facts, entities and property a claim was judged on."""
    keys: set[str] = set()
    for column, key in KEY_COLUMNS:
        names = [row[column]] if column == "property" else row[column]
        keys.update(key(name) for name in names if name)
    return keys


def keys_held(claims: pa.Table) -> set[str]:
    """Every key one of these claim rows holds (claim_keys), computed in Arrow: the
    lookup asks it of each of its row groups."""
    keys: set[str] = set()
    for column, key in KEY_COLUMNS:
        values = claims[column]
        names = pc.unique(values if column == "property" else pc.list_flatten(values))
        keys.update(key(name) for name in names.to_pylist() if name)
    return keys


def holding(claims: pa.Table, keys: Collection[str]) -> pa.Table:
    """The claim rows that hold one of these keys (claim_keys), picked in Arrow:
    `--since` reads thousands of rows and turns only these into Python."""
    found: list[pa.Array] = []  # the positions of the rows holding one
    for column, key in KEY_COLUMNS:
        prefix = key("")
        # claim_keys holds no empty name (a claim without a property has no property key)
        names = [k[len(prefix) :] for k in keys if k.startswith(prefix) and len(k) > len(prefix)]
        if not names:
            continue
        values = claims[column].combine_chunks()
        wanted = string_array(names)
        if column == "property":
            rows = pc.indices_nonzero(pc.is_in(values, value_set=wanted))
        else:
            rows = pc.list_parent_indices(values).filter(
                pc.is_in(pc.list_flatten(values), value_set=wanted)
            )
        found.append(rows.cast(pa.int64()))
    positions = pc.unique(pa.concat_arrays(found)) if found else pa.nulls(0, pa.int64())
    return claims.take(pc.take(positions, pc.sort_indices(positions)))


def string_array(values: Sequence[str]) -> pa.StringArray:
    """An Arrow array of these strings, built from its buffers: `pa.array` imports
    pandas the first time it converts Python objects, 0.3 s of a `--since` command
    that has no other use for it."""
    encoded = [value.encode() for value in values]
    offsets = list(accumulate(map(len, encoded), initial=0))
    # Arrow's string offsets: 32-bit integers in the machine's byte order
    packed = struct.pack(f"={len(offsets)}i", *offsets)
    buffers = [None, pa.py_buffer(packed), pa.py_buffer(b"".join(encoded))]
    return pa.Array.from_buffers(pa.string(), len(encoded), buffers)


def key_rows(
    articles: Sequence[Mapping[str, Any]], claims: Sequence[Mapping[str, Any]]
) -> Iterator[dict[str, str]]:
    """What each article names and its claims were judged on, one row per (key, article)."""
    pairs = {(name_key(e), row["article"]) for row in articles for e in row["names"]}
    pairs.update((described_key(e), row["article"]) for row in articles for e in row["described"])
    for row in claims:
        pairs.update((key, row["article"]) for key in claim_keys(row))
        pairs.update((office_key(o), row["article"]) for o in row["offices"])
    for key, article in sorted(pairs):
        yield {"key": key, "article": article}
