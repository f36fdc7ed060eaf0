"""Data types shared by every stage of the pipeline.

Each stage takes these and returns these; nothing downstream mutates what an
earlier stage produced, so every type is a frozen dataclass.
"""

from __future__ import annotations

import bisect
import builtins
import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class Verdict(StrEnum):
    SUPPORTED = "supported"
    CONTRADICTED = "contradicted"
    OUTDATED = "outdated"
    INCONSISTENT = "inconsistent"
    DISPUTED = "disputed"
    UNVERIFIED = "unverified"
    UNREACHABLE = "unreachable"  # a cited link that cannot be read
    NOT_IN_SOURCE = "not-in-source"  # a cited page that does not say what the draft says


class Severity(StrEnum):
    PASS = "pass"
    INFO = "info"
    WARNING = "warning"
    ERROR = "error"


DEFAULT_SEVERITY: dict[Verdict, Severity] = {
    Verdict.SUPPORTED: Severity.PASS,
    Verdict.CONTRADICTED: Severity.ERROR,
    Verdict.OUTDATED: Severity.ERROR,
    Verdict.INCONSISTENT: Severity.ERROR,
    Verdict.DISPUTED: Severity.WARNING,
    Verdict.UNVERIFIED: Severity.INFO,
    Verdict.UNREACHABLE: Severity.WARNING,
    Verdict.NOT_IN_SOURCE: Severity.WARNING,
}

DEFAULT_FAIL_ON: frozenset[Verdict] = frozenset(
    {Verdict.CONTRADICTED, Verdict.OUTDATED, Verdict.INCONSISTENT}
)


class ClaimKind(StrEnum):
    DATE = "date"
    YEAR = "year"
    DURATION = "duration"
    PERCENT = "percent"
    COUNT = "count"
    RESOLUTION = "resolution"
    OFFICE = "office"
    SET = "set"  # who took part: mediators, parties, signatories, co-chairs
    SUPPRESSION = "suppression"  # a suppression comment that is itself wrong
    CITATION = "citation"  # a link in the draft
    ATTRIBUTION = "attribution"  # "according to ...", "... said in a statement"


# The value types (properties.csv) a claim of each kind can state: linking ties a
# claim only to properties of these types. Offices and resolutions are linked by
# the role their property plays instead (term, topic).
KIND_VALUE_TYPES: dict[ClaimKind, tuple[str, ...]] = {
    ClaimKind.DATE: ("date",),
    ClaimKind.YEAR: ("date",),
    ClaimKind.DURATION: ("date",),
    ClaimKind.PERCENT: ("percent",),
    ClaimKind.COUNT: ("count", "number"),
    ClaimKind.SET: ("entity",),
}


@dataclass(frozen=True, slots=True, kw_only=True)
class Span:
    start: int
    end: int
    text: str

    def overlaps(self, start: int, end: int) -> bool:
        return self.start < end and start < self.end

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass(frozen=True, slots=True, kw_only=True)
class Document:
    """A draft as the pipeline sees it.

    `text` is the file as written (for .txt and .md) or the extracted article
    text (for .html), and every offset in the pipeline refers to it. `scan` has
    the same length with markup that carries no claims (front matter, link
    targets, HTML comments) blanked out, so extractors never read a URL's digits.
    """

    path: str
    text: str
    scan: str
    title: str = ""
    as_of: dt.date | None = None  # the article's date; for a month or a year, its last day
    as_of_from: dt.date | None = None  # a month or a year's first day; None for a day
    as_of_source: str = ""
    dateline: Span | None = None
    # a news roundup's later items open with datelines of their own ("YEREVAN, 10 Nov
    # (Wire) –"): the first gives the article's date, none of them is a claim
    later_datelines: tuple[Span, ...] = ()
    byline: Span | None = None  # the date of a byline or a letterhead: not a claim either
    body_start: int = 0
    sentences: tuple[tuple[int, int], ...] = ()
    line_starts: tuple[int, ...] = (0,)
    # Where each sentence starts: sentence_at bisects plain offsets, several times
    # cheaper than comparing (start, end) pairs, and every stage asks it per claim.
    sentence_starts: tuple[int, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "sentence_starts", tuple(start for start, _ in self.sentences))

    @builtins.property
    def as_of_written(self) -> str:
        """The article's date as precise as it was given: "2019-11-06", "2011-11", "1997"."""
        if self.as_of is None:
            return ""
        if self.as_of_from is None:
            return self.as_of.isoformat()
        if self.as_of_from.month == 1 and self.as_of.month == 12:
            return str(self.as_of.year)
        return self.as_of.isoformat()[:7]

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based line and column of a character offset."""
        line = bisect.bisect_right(self.line_starts, offset) - 1
        return line + 1, offset - self.line_starts[line] + 1

    def sentence_at(self, offset: int) -> tuple[int, int]:
        if not self.sentences:
            return 0, len(self.text)
        i = bisect.bisect_right(self.sentence_starts, offset) - 1
        return self.sentences[max(i, 0)]


@dataclass(frozen=True, slots=True, kw_only=True)
class Quantity:
    """A number as the draft states it: hedges widen it into a range."""

    value: float
    low: float | None  # None: open ("more than 20")
    high: float | None
    hedge: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"value": self.value, "low": self.low, "high": self.high, "hedge": self.hedge}


@dataclass(frozen=True, slots=True, kw_only=True)
class Claim:
    """A checkable statement found in the draft.

    `value` is normalised: an ISO date cut to the precision written ("1994-05"),
    a year, a number, a resolution number, or a person's name for office claims.
    """

    kind: ClaimKind
    span: Span
    value: str
    extractor: str
    quantity: Quantity | None = None
    unit: str = ""
    title: str = ""
    weekday: str = ""
    # The words as written when the value was resolved against the article's date
    # ("last year", "Friday", "the day before"): verification can tell a date the
    # draft wrote from one the checker worked out.
    relative: str = ""
    group: int | None = None
    group_size: int = 0


@dataclass(frozen=True, slots=True, kw_only=True)
class Fact:
    id: str
    subject: str
    property: str
    value: str
    unit: str = ""
    tolerance: str = ""
    valid_from: str = ""
    valid_to: str = ""
    status: str = "established"
    source_url: str = ""
    source_title: str = ""
    note: str = ""
    line: int = 0


@dataclass(frozen=True, slots=True, kw_only=True)
class Entity:
    id: str
    label: str
    type: str
    aliases: tuple[str, ...] = ()
    description: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class Property:
    property: str
    value_type: str
    role: str = ""  # what the checker does with it (rows.ROLES), if anything special
    triggers: tuple[str, ...] = ()
    description: str = ""


class Strength(StrEnum):
    """How sure a link from a claim to a reference fact is. Only an exact link may
    block: anything less is a guess, and a guess is reported as unverified."""

    EXACT = "exact"  # named in the claim's own clause, or referred back to without doubt
    INFERRED = "inferred"  # the best candidate, not a certainty
    NONE = "none"  # nothing in the reference ties to the claim


@dataclass(frozen=True, slots=True, kw_only=True)
class Evidence:
    """Why a claim was tied to its subject and property, for the editor to judge."""

    strength: Strength = Strength.NONE
    how: str = ""  # alias, back-reference, attached, symbol, name, spelling, term, document ...
    subject_text: str = ""  # the words that named the subject, as written
    subject_line: int = 0  # where they stand (0: nowhere in the draft)
    property_word: str = ""  # the word that bound the property, as written
    doubt: str = ""  # why the link is only inferred: shared, descriptive, clause, document
    note: str = ""  # the doubt, or what the link rests on, in words

    @builtins.property
    def exact(self) -> bool:
        return self.strength is Strength.EXACT

    def to_dict(self) -> dict[str, Any]:
        return {
            "strength": self.strength.value,
            "how": self.how,
            "subject_text": self.subject_text,
            "subject_line": self.subject_line or None,
            "property_word": self.property_word,
            "doubt": self.doubt,
            "note": self.note,
        }


@dataclass(frozen=True, slots=True, kw_only=True)
class LinkedClaim:
    """A claim tied to what it is about: a subject entity and a property."""

    claim: Claim
    subject: str = ""
    property: str = ""
    evidence: Evidence = Evidence()


@dataclass(frozen=True, slots=True, kw_only=True)
class Source:
    url: str
    title: str = ""

    def to_dict(self) -> dict[str, str]:
        return {"url": self.url, "title": self.title}


@dataclass(frozen=True, slots=True, kw_only=True)
class Finding:
    claim: Claim
    verdict: Verdict
    message: str
    subject: str = ""
    subject_label: str = ""
    property: str = ""
    expected: str = ""
    suggestion: str = ""
    sources: tuple[Source, ...] = ()
    line: int = 0
    column: int = 0
    suppressed: str = ""  # the editor's reason, when a comment in the draft suppresses it
    baselined: bool = False  # recorded in the baseline: known, not new
    evidence: Evidence = Evidence()
    facts: tuple[Fact, ...] = ()  # the reference rows the verdict was judged against

    severity = builtins.property(lambda self: DEFAULT_SEVERITY[self.verdict])

    def to_dict(self) -> dict[str, Any]:
        claim = self.claim
        return {
            "kind": claim.kind.value,
            "text": claim.span.text,
            "start": claim.span.start,
            "end": claim.span.end,
            "line": self.line,
            "column": self.column,
            "value": claim.value,
            "verdict": self.verdict.value,
            "severity": self.severity.value,
            "expected": self.expected,
            "suggestion": self.suggestion,
            "subject": self.subject,
            "property": self.property,
            "sources": [s.to_dict() for s in self.sources],
            "message": self.message,
            "evidence": self.evidence.to_dict(),
            "suppressed": self.suppressed or None,
            "baselined": self.baselined,
        }

    @builtins.property
    def active(self) -> bool:
        """Neither suppressed in the draft nor known from the baseline."""
        return not self.suppressed and not self.baselined


SCHEMA = "factcheck/findings/v1"
# Findings about the draft's sources and annotations, not about checkable claims.
_NOT_CLAIMS = frozenset({ClaimKind.SUPPRESSION, ClaimKind.CITATION, ClaimKind.ATTRIBUTION})


@dataclass(frozen=True, slots=True, kw_only=True)
class Report:
    document: Document
    reference_path: str
    fact_count: int
    findings: tuple[Finding, ...] = field(default_factory=tuple)
    fail_on: frozenset[Verdict] = DEFAULT_FAIL_ON  # the verdicts that block, for this draft

    def summary(self) -> dict[str, int]:
        """Findings per verdict, leaving out suppressed and baselined ones."""
        counts = {v.value: 0 for v in Verdict}
        for finding in self.findings:
            if finding.active:
                counts[finding.verdict.value] += 1
        return counts

    def filtered(self) -> dict[str, int]:
        return {
            "suppressed": sum(1 for f in self.findings if f.suppressed),
            "baselined": sum(1 for f in self.findings if f.baselined and not f.suppressed),
        }

    def coverage(self) -> tuple[int, int]:
        """How many claims the reference could check, out of all claims found."""
        claims = [f for f in self.findings if f.claim.kind not in _NOT_CLAIMS]
        checked = sum(1 for f in claims if f.verdict is not Verdict.UNVERIFIED)
        return checked, len(claims)

    def blocking(self, fail_on: frozenset[Verdict] | None = None) -> tuple[Finding, ...]:
        verdicts = self.fail_on if fail_on is None else fail_on
        return tuple(f for f in self.findings if f.active and f.verdict in verdicts)

    def is_blocking(self, finding: Finding) -> bool:
        return finding.active and finding.verdict in self.fail_on

    def to_dict(self, *, findings: bool = True) -> dict[str, Any]:
        """The JSON document; without `findings`, its list is left empty (for
        writing a long draft's findings one at a time)."""
        doc = self.document
        checked, total = self.coverage()
        return {
            "schema": SCHEMA,
            "document": {
                "path": doc.path,
                "title": doc.title,
                "as_of": doc.as_of_written or None,
                "as_of_source": doc.as_of_source,
            },
            "reference": {"path": self.reference_path, "facts": self.fact_count},
            "summary": self.summary(),
            "filtered": self.filtered(),
            "coverage": {"checked": checked, "claims": total},
            "findings": [f.to_dict() for f in self.findings] if findings else [],
        }
