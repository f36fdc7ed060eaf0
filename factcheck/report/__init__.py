"""Render stage: reports -> text for the terminal, JSON, greppable lines, HTML.

Each format is one module with `render(reports) -> str`; FORMATS maps the names
the CLI accepts to them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from ..errors import UsageError
from ..models import Report
from . import html, json, line, text

FORMATS: dict[str, Callable[[Sequence[Report]], str]] = {
    "text": text.render,
    "json": json.render,
    "line": line.render,
    "html": html.render,
}
# Formats printed on standard output; only one of them can be there at a time.
STREAM_FORMATS = ("text", "json", "line")


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


def render(reports: Sequence[Report], fmt: str) -> str:
    return FORMATS[fmt](reports)


__all__ = ["FORMATS", "STREAM_FORMATS", "parse_formats", "render"]
