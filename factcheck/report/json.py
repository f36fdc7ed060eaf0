"""JSON: the document of DESIGN.md's output contract; several drafts -> a combined one.

Written in pieces, a finding at a time, exactly as `json.dumps(..., indent=2)`
would write the whole: a long draft's findings are never all held as dicts and
as one string at once.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence

from ..models import Report

COMBINED_SCHEMA = "factcheck/findings-set/v1"


def render(reports: Sequence[Report]) -> str:
    """One draft: its document. Several: one combined document holding each."""
    return "".join(chunks(reports))


def chunks(reports: Sequence[Report]) -> Iterator[str]:
    if len(reports) == 1:
        yield from _document(reports[0], indent=0)
        yield "\n"
        return
    summaries = [report.summary() for report in reports]
    totals = {key: sum(s[key] for s in summaries) for key in summaries[0]}
    head = _dumps({"schema": COMBINED_SCHEMA, "summary": totals, "documents": []})
    before, after = head.rsplit("[]", 1)  # the documents are the last value
    yield before + "[\n"
    for number, report in enumerate(reports):
        yield ",\n" * (number > 0) + "    "
        yield from _document(report, indent=4)
    yield "\n  ]" + after + "\n"


def _document(report: Report, indent: int) -> Iterator[str]:
    """One draft's document, its lines after the first indented by `indent`."""
    head = _indented(_dumps(report.to_dict(findings=False)), indent)
    before, after = head.rsplit("[]", 1)  # the findings are the last value
    if not report.findings:
        yield head
        return
    inner = " " * (indent + 4)
    yield before + "[\n"
    for number, finding in enumerate(report.findings):
        yield ",\n" * (number > 0) + inner + _indented(_dumps(finding.to_dict()), indent + 4)
    yield "\n" + " " * (indent + 2) + "]" + after


def _dumps(value: object) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False)


def _indented(text: str, spaces: int) -> str:
    # JSON strings hold no raw newline: every newline here is between lines.
    return text.replace("\n", "\n" + " " * spaces) if spaces else text
