"""Command line: parse, call the library, print, exit. Nothing else lives here."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Sequence
from pathlib import Path

import click

from . import __version__
from .document import DRAFT_SUFFIXES, document_from_bytes, load_document
from .errors import FactcheckError, UsageError
from .models import DEFAULT_FAIL_ON, Document, Report, Verdict
from .pipeline import check
from .reference import load_reference
from .report import STREAM_FORMATS, parse_formats, render
from .report.html import GENERATOR, render_page

EXIT_OK, EXIT_BLOCKING, EXIT_ERROR = 0, 1, 2


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="factcheck")
def main() -> None:
    """Check the claims in draft articles against a sourced reference table."""


@main.command("check")
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--format",
    "formats",
    default="text,html",
    show_default=True,
    help="Comma list of outputs: text, json, line, html.",
)
@click.option(
    "--reference",
    "reference_dir",
    metavar="DIR",
    help="Reference folder (default: ./reference, else the bundled one).",
)
@click.option(
    "--as-of",
    "as_of",
    metavar="YYYY-MM-DD",
    help="Check time-limited facts at this date instead of the article's.",
)
@click.option(
    "-o",
    "--output-dir",
    default="reports",
    show_default=True,
    metavar="DIR",
    help="Where HTML reports are written.",
)
@click.option(
    "--fail-on",
    default=",".join(v.value for v in Verdict if v in DEFAULT_FAIL_ON),
    show_default=True,
    help="Verdicts that make the exit code 1.",
)
def check_command(
    paths: Sequence[str],
    formats: str,
    reference_dir: str | None,
    as_of: str | None,
    output_dir: str,
    fail_on: str,
) -> None:
    """Check draft files (.md, .txt, .html), folders of drafts, or - for standard input."""
    try:
        chosen = parse_formats(formats)
        blocking = _parse_fail_on(fail_on)
        date = _parse_date(as_of)
        reference = load_reference(reference_dir)
        documents = [_load(path, date) for path in _expand(paths)]
        reports = [check(doc, reference=reference) for doc in documents]
        targets = _html_targets(reports, Path(output_dir)) if "html" in chosen else []
        for fmt in chosen:
            if fmt in STREAM_FORMATS:
                click.echo(render(reports, fmt), nl=False, color=None if fmt == "text" else False)
        for report, target in targets:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(render_page(report), encoding="utf-8")
            click.echo(f"report: {target}", err=True)
    except FactcheckError as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(EXIT_ERROR)
    sys.exit(EXIT_BLOCKING if any(r.blocking(blocking) for r in reports) else EXIT_OK)


def _parse_fail_on(value: str) -> frozenset[Verdict]:
    names = [n.strip() for n in value.split(",") if n.strip()]
    known = {v.value for v in Verdict}
    for name in names:
        if name not in known:
            raise UsageError(
                f"--fail-on: unknown verdict {name!r} — choose from {', '.join(sorted(known))}"
            )
    return frozenset(Verdict(n) for n in names)


def _parse_date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"--as-of: {value!r} is not a date — write YYYY-MM-DD") from None


def _expand(paths: Sequence[str]) -> list[str]:
    """Files as given; folders to the drafts inside them, in a stable order."""
    found: list[str] = []
    for path in paths:
        folder = Path(path)
        if path == "-" or not folder.is_dir():
            found.append(path)
            continue
        drafts = sorted(
            p
            for p in folder.rglob("*")
            if p.is_file()
            and p.suffix.lower() in DRAFT_SUFFIXES
            and not any(part.startswith(".") for part in p.relative_to(folder).parts)
        )
        if not drafts:
            raise UsageError(
                f"{path}: no drafts found (looked for "
                f"{', '.join(DRAFT_SUFFIXES)}) — give a folder of draft files"
            )
        found.extend(str(p) for p in drafts)
    return found


def _load(path: str, as_of: dt.date | None) -> Document:
    if path == "-":
        return document_from_bytes(sys.stdin.buffer.read(), path="<stdin>", as_of=as_of)
    return load_document(path, as_of=as_of)


def _html_targets(reports: Sequence[Report], folder: Path) -> list[tuple[Report, Path]]:
    """One page per draft, named after it; never over a file factcheck did not write."""
    targets: list[tuple[Report, Path]] = []
    used: set[Path] = set()
    for report in reports:
        source = Path(report.document.path.strip("<>"))
        target = folder / f"{source.stem}.html"
        if target in used:
            target = folder / ("-".join(source.with_suffix("").parts) + ".html")
        used.add(target)
        _refuse_foreign_file(target)
        targets.append((report, target))
    return targets


def _refuse_foreign_file(target: Path) -> None:
    if not target.exists():
        return
    head = target.read_bytes()[:2048].decode("utf-8", "replace")
    if f'name="generator" content="{GENERATOR}' not in head:
        raise UsageError(
            f"{target}: exists and was not written by factcheck — move it or "
            "choose another folder with --output-dir"
        )


if __name__ == "__main__":
    main()
