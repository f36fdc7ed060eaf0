"""The terminal summary: what needs the editor's attention, then the counts."""

from __future__ import annotations

from collections.abc import Sequence

import click

from ..models import Report, Verdict
from .dated import as_of_line
from .paths import shown_path

COLOURS = {
    Verdict.SUPPORTED: "green",
    Verdict.CONTRADICTED: "red",
    Verdict.OUTDATED: "red",
    Verdict.INCONSISTENT: "magenta",
    Verdict.DISPUTED: "yellow",
    Verdict.UNVERIFIED: "cyan",
    Verdict.UNREACHABLE: "yellow",
    Verdict.NOT_IN_SOURCE: "yellow",
}


# Shown only when there are some: they exist only when citations are checked.
_CITATION_VERDICTS = frozenset({Verdict.UNREACHABLE, Verdict.NOT_IN_SOURCE})


def render(reports: Sequence[Report]) -> str:
    """Plain text; click.echo strips the colours when the output is not a terminal."""
    return "".join(_render_one(report) for report in reports)


def _render_one(report: Report) -> str:
    doc = report.document
    path = shown_path(doc.path)
    lines: list[str] = []
    for f in report.findings:
        if f.verdict is Verdict.SUPPORTED or not f.active:
            continue
        verdict = click.style(f.verdict.value, fg=COLOURS[f.verdict], bold=True)
        claim = " ".join(f.claim.span.text.split())
        lines.append(
            f"{path}:{f.line}:{f.column}: {verdict}: “{claim}” — {' '.join(f.message.split())}"
        )
        if f.suggestion:
            lines.append(f"    suggestion: {f.suggestion}")
    counts = " · ".join(
        click.style(f"{n} {name}", fg=COLOURS[Verdict(name)]) if n else f"{n} {name}"
        for name, n in report.summary().items()
        if n or Verdict(name) not in _CITATION_VERDICTS
    )
    checked, total = report.coverage()
    hidden = ", ".join(f"{n} {what}" for what, n in report.filtered().items() if n)
    lines.append(f"{click.style(path, bold=True)} — {as_of_line(doc)}")
    lines.append(f"  {counts}" + (f" ({hidden}, not shown)" if hidden else ""))
    lines.append(
        f"  {checked} of {total} claims checked against the reference "
        f"({report.fact_count} facts in {shown_path(report.reference_path)})"
    )
    return "\n".join(lines) + "\n\n"
