"""GitHub workflow annotations: `::error file=…,line=…,col=…::message`.

Article text ends up in the message, so every value is escaped the way the
runner unescapes it: no draft can start a workflow command of its own.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..models import Report, Verdict
from .sarif import artifact_uri


def render(reports: Sequence[Report]) -> str:
    lines = []
    for report in reports:
        for finding in report.findings:
            if finding.verdict in (Verdict.SUPPORTED, Verdict.UNVERIFIED) or not finding.active:
                continue
            command = "error" if report.is_blocking(finding) else "warning"
            end_line, end_column = report.document.line_col(finding.claim.span.end)
            properties = {
                "file": artifact_uri(report.document.path),
                "line": str(finding.line),
                "col": str(finding.column),
                "endLine": str(end_line),
                "endColumn": str(end_column),
                "title": f"factcheck: {finding.verdict.value}",
            }
            claim = " ".join(finding.claim.span.text.split())
            message = f"“{claim}” — {finding.message}"
            rendered = ",".join(f"{k}={escape_property(v)}" for k, v in properties.items())
            lines.append(f"::{command} {rendered}::{escape_data(message)}\n")
    return "".join(lines)


def escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")
