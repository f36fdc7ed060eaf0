"""One finding a line, `path:line:col: verdict: message`, for grep and editors;
suppressed and baselined findings are left out. The path is escaped (paths.py)."""

from __future__ import annotations

from collections.abc import Sequence

from ..models import Report, Verdict
from .paths import shown_path


def render(reports: Sequence[Report]) -> str:
    return "".join(
        f"{shown_path(report.document.path)}:{f.line}:{f.column}: {f.verdict.value}: "
        f"{' '.join(f.message.split())}\n"
        for report in reports
        for f in report.findings
        if f.verdict is not Verdict.SUPPORTED and f.active
    )
