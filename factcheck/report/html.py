"""A self-contained HTML page per draft: the article with every claim
highlighted by verdict, the counts on top, and each finding's evidence."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any
from urllib.parse import quote

import jinja2

from ..models import Finding, Report, Verdict
from ..version import __version__
from .dated import as_of_line
from .evidence import evidence_line

GENERATOR = "factcheck"

VERDICT_NOTES = {
    Verdict.SUPPORTED: "the reference agrees",
    Verdict.CONTRADICTED: "the reference says otherwise",
    Verdict.OUTDATED: "true once, not at the article's date",
    Verdict.INCONSISTENT: "the article disagrees with itself",
    Verdict.DISPUTED: "sources disagree; attribute the figure",
    Verdict.UNVERIFIED: "not covered by the reference yet",
    Verdict.UNREACHABLE: "a cited link cannot be read",
    Verdict.NOT_IN_SOURCE: "the cited page does not say this",
}


@dataclass(frozen=True, slots=True)
class Segment:
    text: str
    index: int | None = None
    verdict: str = ""


def render(reports: Sequence[Report]) -> str:
    """One page for one report (the CLI writes one file per draft)."""
    (report,) = reports
    return render_page(report)


def render_page(report: Report) -> str:
    return "".join(page_chunks(report))


def page_chunks(report: Report) -> Iterator[str]:
    """The page in pieces, for writing to a file as it is rendered: a long
    draft's page is never held whole in memory."""
    return _template().generate(**report_context(report))


def report_context(report: Report) -> dict[str, Any]:
    """What the report's templates read: the page, and the parts of it that
    `factcheck serve` renders into its own page."""
    doc = report.document
    checked, total = report.coverage()
    return dict(
        report=report,
        document=doc,
        as_of=as_of_line(doc),
        summary=report.summary(),
        checked=checked,
        total=total,
        findings=report.findings,
        front_matter=doc.text[: doc.body_start],
        segments=segments(doc.text, report.findings, doc.body_start),
        notes={v.value: note for v, note in VERDICT_NOTES.items()},
        order=[v.value for v in Verdict],
        citation_verdicts=[Verdict.UNREACHABLE.value, Verdict.NOT_IN_SOURCE.value],
        generator=GENERATOR,
        version=__version__,
    )


def segments(text: str, findings: Sequence[Finding], start: int = 0) -> list[Segment]:
    """The article from `start` on, cut into plain runs and highlighted claims."""
    parts: list[Segment] = []
    position = start
    for index, finding in sorted(enumerate(findings), key=lambda p: p[1].claim.span.start):
        span = finding.claim.span
        if span.start < position:
            continue
        parts.append(Segment(text[position : span.start]))
        parts.append(Segment(text[span.start : span.end], index, finding.verdict.value))
        position = span.end
    parts.append(Segment(text[position:]))
    return [p for p in parts if p.text]


def render_index(pages: Sequence[tuple[Report, str]]) -> str:
    """A page linking each draft's report (`href` relative to the index) with its counts."""
    order = [v.value for v in Verdict]
    rows: list[dict[str, Any]] = [
        {
            "path": report.document.path,
            "title": report.document.title,
            # "./" and percent-escapes: a draft named "javascript:x.md" stays a file name
            "href": "./" + quote(href),
            "summary": report.summary(),
            "filtered": report.filtered(),
            "fail_on": {v.value for v in report.fail_on},
        }
        for report, href in pages
    ]
    totals = {key: sum(row["summary"].get(key, 0) for row in rows) for key in order}
    for key in ("suppressed", "baselined"):
        totals[key] = sum(row["filtered"][key] for row in rows)
    return (
        _environment()
        .get_template("index.html.j2")
        .render(
            rows=rows,
            totals=totals,
            order=order,
            blocking=sum(1 for report, _ in pages if report.blocking()),
            generator=GENERATOR,
            version=__version__,
        )
    )


@cache
def _template() -> jinja2.Template:
    return _environment().get_template("report.html.j2")


@cache
def _environment() -> jinja2.Environment:
    return environment()


def environment(*first: jinja2.BaseLoader) -> jinja2.Environment:
    """The report's templates and settings, with `first` loaders searched before
    them (a page that renders the report's parts among its own)."""
    environment = jinja2.Environment(
        loader=jinja2.ChoiceLoader([*first, jinja2.PackageLoader("factcheck.report", "templates")]),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    environment.globals["evidence_line"] = evidence_line
    return environment
