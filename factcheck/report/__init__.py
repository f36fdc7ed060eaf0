"""Render stage: reports -> text for the terminal, JSON, lines, GitHub annotations
(printed), and HTML, SARIF, JUnit and ClaimReview (written as files).

Each format is one module with `render(reports) -> str`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence

from ..errors import UsageError
from ..models import Report
from . import claimreview, github, html, json, junit, line, sarif, text

Renderer = Callable[[Sequence[Report]], str]

# Printed on standard output; only one of them at a time.
STREAM_FORMATS: dict[str, Renderer] = {
    "text": text.render,
    "json": json.render,
    "line": line.render,
    "github": github.render,
}
# Written into the output folder: the file each one goes to. HTML writes a page
# per draft and index.html instead.
FILE_FORMATS: dict[str, tuple[str, Renderer]] = {
    "sarif": ("factcheck.sarif", sarif.render),
    "junit": ("junit.xml", junit.render),
    "claimreview": ("claimreview.jsonld", claimreview.render),
}
FORMATS = (*STREAM_FORMATS, "html", *FILE_FORMATS)


def parse_formats(value: str) -> tuple[str, ...]:
    names = tuple(dict.fromkeys(n.strip() for n in value.split(",") if n.strip()))
    unknown = [n for n in names if n not in FORMATS]
    if unknown or not names:
        raise UsageError(
            f"unknown format {unknown[0] if unknown else value!r} — "
            f"choose from {', '.join(FORMATS)}"
        )
    streamed = [n for n in names if n in STREAM_FORMATS]
    if len(streamed) > 1:
        raise UsageError(
            f"formats {' and '.join(streamed)} would both print to standard output — pick one"
        )
    return names


def render_chunks(reports: Sequence[Report], fmt: str) -> Iterator[str]:
    """What `render` returns, in pieces to print as they come (JSON is made a
    finding at a time, so a long draft's document is never held whole)."""
    if fmt == "json":
        return json.chunks(reports)
    return iter([render(reports, fmt)])


def render(reports: Sequence[Report], fmt: str) -> str:
    if fmt in STREAM_FORMATS:
        return STREAM_FORMATS[fmt](reports)
    if fmt == "html":
        return html.render(reports)
    return FILE_FORMATS[fmt][1](reports)


__all__ = ["FILE_FORMATS", "FORMATS", "STREAM_FORMATS", "parse_formats", "render", "render_chunks"]
