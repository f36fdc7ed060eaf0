"""Suppressions an editor writes in the draft, each with a reason:

    <!-- factcheck: ignore contradicted "figure quoted from the minister" -->
    <!-- factcheck off "a quoted press release" --> ... <!-- factcheck on -->

An `ignore` comment on a line of text covers that line; on a line of its own it
covers the next paragraph. A suppressed finding stays in the outputs, marked
with its reason, and no longer blocks. A suppression without a reason, one that
cannot be read, and one that matches no finding are findings themselves.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from .models import Claim, ClaimKind, Document, Finding, Span, Verdict

NAME = "suppressions"

_COMMENT = re.compile(r"<!--\s*factcheck\b:?(?P<body>.*?)-->", re.S | re.I)
_DIRECTIVE = re.compile(
    r"\s*(?P<action>ignore|off|on)\b(?P<targets>[^\"]*?)\s*(?:\"(?P<reason>[^\"]*)\")?\s*",
    re.I,
)
_ALL = "all"


@dataclass(frozen=True, slots=True)
class _Suppression:
    comment: Span
    action: str
    verdicts: frozenset[str]
    reason: str
    start: int
    end: int


def apply_suppressions(document: Document, findings: Sequence[Finding]) -> list[Finding]:
    """Mark the findings the draft's own comments suppress, and add findings for
    the comments that are wrong."""
    suppressions, problems = _read(document)
    used: set[int] = set()
    marked: list[Finding] = []
    for finding in findings:
        for index, rule in enumerate(suppressions):
            if _covers(rule, finding):
                used.add(index)
                finding = replace(finding, suppressed=rule.reason or "(no reason given)")
                break
        marked.append(finding)
    for index, rule in enumerate(suppressions):
        if not rule.reason:
            problems.append(
                _problem(
                    document,
                    rule.comment,
                    "This suppression gives no reason — add one in quotes, e.g. "
                    '<!-- factcheck: ignore contradicted "quoted from the minister" -->.',
                )
            )
        elif index not in used:
            problems.append(
                _problem(
                    document,
                    rule.comment,
                    "This suppression matches no finding — remove it.",
                )
            )
    return sorted([*marked, *problems], key=lambda f: (f.claim.span.start, f.claim.span.end))


def _covers(rule: _Suppression, finding: Finding) -> bool:
    if finding.claim.kind is ClaimKind.SUPPRESSION or finding.verdict is Verdict.SUPPORTED:
        return False
    if not rule.start <= finding.claim.span.start < rule.end:
        return False
    return _ALL in rule.verdicts or finding.verdict.value in rule.verdicts


def _read(document: Document) -> tuple[list[_Suppression], list[Finding]]:
    text = document.text
    suppressions: list[_Suppression] = []
    problems: list[Finding] = []
    open_region: tuple[Span, str] | None = None
    for match in _COMMENT.finditer(text):
        comment = Span(start=match.start(), end=match.end(), text=match[0])
        directive = _DIRECTIVE.fullmatch(match["body"])
        if directive is None:
            problems.append(_problem(document, comment, _HELP))
            continue
        action = directive["action"].lower()
        reason = (directive["reason"] or "").strip()
        targets = frozenset(t.lower() for t in re.split(r"[\s,]+", directive["targets"]) if t)
        unknown = targets - {v.value for v in Verdict} - {_ALL}
        if unknown:
            problems.append(
                _problem(document, comment, f"Unknown verdict {sorted(unknown)[0]!r}. {_HELP}")
            )
            continue
        if action == "ignore":
            start, end = _scope(text, comment)
            suppressions.append(
                _Suppression(comment, action, targets or frozenset({_ALL}), reason, start, end)
            )
        elif action == "off":
            if open_region is None:
                open_region = (comment, reason)
        elif open_region is not None:
            opened, why = open_region
            suppressions.append(
                _Suppression(opened, "off", frozenset({_ALL}), why, opened.end, comment.start)
            )
            open_region = None
    if open_region is not None:
        opened, why = open_region
        suppressions.append(
            _Suppression(opened, "off", frozenset({_ALL}), why, opened.end, len(text))
        )
    return suppressions, problems


_HELP = (
    'Write <!-- factcheck: ignore VERDICT "reason" -->, <!-- factcheck off "reason" --> or '
    "<!-- factcheck on -->."
)


def _scope(text: str, comment: Span) -> tuple[int, int]:
    """The comment's own line when it shares the line with text, else the next
    paragraph."""
    line_start = text.rfind("\n", 0, comment.start) + 1
    line_end = text.find("\n", comment.end)
    line_end = len(text) if line_end == -1 else line_end
    if (text[line_start : comment.start] + text[comment.end : line_end]).strip():
        return line_start, line_end
    start = line_end
    while start < len(text) and text[start].isspace():
        start += 1
    paragraph_end = re.compile(r"\n[ \t]*\n").search(text, start)
    return start, paragraph_end.start() if paragraph_end else len(text)


def _problem(document: Document, comment: Span, message: str) -> Finding:
    line, column = document.line_col(comment.start)
    claim = Claim(
        kind=ClaimKind.SUPPRESSION,
        span=comment,
        value=" ".join(comment.text.split()),
        extractor=NAME,
    )
    return Finding(
        claim=claim, verdict=Verdict.INCONSISTENT, message=message, line=line, column=column
    )
