"""Command line: parse, call the library, print, exit. Nothing else lives here."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from contextlib import nullcontext
from pathlib import Path

import click

from .archive.cli import archive_group
from .baseline import mark_baselined, read_baseline
from .baseline import write_baseline as record_baseline
from .changes import changed_since
from .config import Overrides, parse_date, parse_kinds, parse_verdicts, settings_for
from .document import find_drafts
from .errors import FactcheckError, UsageError
from .fetch import FetchPolicy, default_cache_dir
from .models import Report
from .pipeline import check_drafts, reference_for
from .reference import ENTITY_COLUMNS, default_reference_path, load_reference
from .reference.lint import lint_reference
from .reference.show import describe, find_entities
from .reference.sources import check_sources
from .reference.stubs import append_stubs, entities_stub_path, stub_entities, stub_rows
from .report import FILE_FORMATS, STREAM_FORMATS, parse_formats, render
from .report.html import GENERATOR, render_index, render_page
from .version import __version__

EXIT_OK, EXIT_BLOCKING, EXIT_ERROR = 0, 1, 2


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="factcheck")
def main() -> None:
    """Check the claims in draft articles against a sourced reference table."""


def network_options(command: Callable[..., None]) -> Callable[..., None]:
    """The options that govern fetching, shared by every command that fetches."""
    for option in reversed(
        [
            click.option("--offline", is_flag=True, help="Never use the network."),
            click.option("--no-cache", is_flag=True, help="Fetch again, ignoring the page cache."),
            click.option(
                "--allow-private",
                is_flag=True,
                help="Allow links to private and local addresses (intranets, tests).",
            ),
            click.option(
                "--use-env-proxy", is_flag=True, help="Use the proxy settings of the environment."
            ),
        ]
    ):
        command = option(command)
    return command


def _fetch_policy(
    offline: bool, no_cache: bool, allow_private: bool, use_env_proxy: bool
) -> FetchPolicy:
    return FetchPolicy(
        offline=offline,
        cache_dir=None if no_cache else default_cache_dir(),
        allow_private=allow_private,
        trust_env=use_env_proxy,
    )


@main.command("check")
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--format",
    "formats",
    default="text,html",
    show_default=True,
    help="Comma list: text, json, line or github (printed; one of them), "
    "html, sarif, junit, claimreview (written to the output folder).",
)
@click.option(
    "-o",
    "--output-dir",
    metavar="DIR",
    help="Folder for written formats (default: reports). Given, it also gets the HTML "
    "pages and index.html.",
)
@click.option(
    "--reference",
    "reference_dirs",
    metavar="DIR",
    multiple=True,
    help="Reference folder; repeat to merge several (later ones override). "
    "Default: the configuration's, else ./reference, else the bundled one.",
)
@click.option("--as-of", metavar="YYYY-MM-DD", help="Check time-limited facts at this date.")
@click.option(
    "--fail-on",
    metavar="VERDICTS",
    help="Comma list of verdicts that make the exit code 1 "
    "(default: contradicted,outdated,inconsistent).",
)
@click.option("--skip-kinds", metavar="KINDS", help="Comma list of claim kinds not to check.")
@click.option("--baseline", metavar="FILE", help="Report only findings not in this baseline.")
@click.option("--write-baseline", metavar="FILE", help="Record today's findings as the baseline.")
@click.option(
    "--stub",
    metavar="FILE",
    help="Append candidate reference rows for unverified claims to this CSV (never twice).",
)
@click.option(
    "--changed-since", metavar="REF", help="Check only drafts git says changed since REF."
)
@click.option("--exit-zero", is_flag=True, help="Exit 0 even with blocking findings.")
@click.option("-j", "--jobs", type=int, metavar="N", help="Processes to use (default: all cores).")
@click.option(
    "--check-citations",
    is_flag=True,
    help="Fetch the draft's links and check that they say what the draft says.",
)
@network_options
def check_command(
    paths: Sequence[str],
    formats: str,
    output_dir: str | None,
    reference_dirs: Sequence[str],
    as_of: str | None,
    fail_on: str | None,
    skip_kinds: str | None,
    baseline: str | None,
    write_baseline: str | None,
    stub: str | None,
    changed_since: str | None,
    exit_zero: bool,
    jobs: int | None,
    check_citations: bool,
    offline: bool,
    no_cache: bool,
    allow_private: bool,
    use_env_proxy: bool,
) -> None:
    """Check draft files (.md, .txt, .html), folders of drafts, or - for standard input."""
    try:
        chosen = parse_formats(formats)
        overrides = Overrides(
            reference=tuple(reference_dirs) or None,
            fail_on=parse_verdicts(_names(fail_on)) if fail_on is not None else None,
            skip_kinds=parse_kinds(_names(skip_kinds)) if skip_kinds is not None else None,
            as_of=parse_date(as_of) if as_of else None,
        )
        drafts = _select(find_drafts(paths), changed_since)
        if not drafts:
            click.echo(f"no drafts changed since {changed_since}", err=True)
            sys.exit(EXIT_OK)
        stdin = sys.stdin.buffer.read() if "-" in drafts else b""
        fetch = (
            _fetch_policy(offline, no_cache, allow_private, use_env_proxy)
            if check_citations
            else None
        )
        reports = _run(drafts, overrides, jobs, stdin, fetch)
        if baseline:
            known = read_baseline(Path(baseline))
            reports = [mark_baselined(report, known) for report in reports]
        folder = Path(output_dir or "reports")
        pages = _pages(reports, folder) if "html" in chosen or output_dir else []
        files = [(folder / FILE_FORMATS[f][0], f) for f in chosen if f in FILE_FORMATS]
        for target, _ in files:
            _refuse_foreign_file(target, _MARKERS[target.suffix])
        for fmt in chosen:
            if fmt in STREAM_FORMATS:
                _print(render(reports, fmt), colour=fmt == "text")
        _write_pages(pages, folder)
        for target, fmt in files:
            _write(target, render(reports, fmt))
        if stub:
            facts, entities = _stub_rows(reports, drafts, overrides)
            added = append_stubs(Path(stub), facts)
            click.echo(f"stubs: {added} new rows appended to {stub}", err=True)
            if entities:
                beside = entities_stub_path(Path(stub))
                added = append_stubs(beside, entities, ENTITY_COLUMNS)
                click.echo(f"stubs: {added} new entity rows appended to {beside}", err=True)
        if write_baseline:
            count = record_baseline(Path(write_baseline), reports)
            click.echo(f"baseline: {count} findings recorded in {write_baseline}", err=True)
            sys.exit(EXIT_OK)
    except FactcheckError as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(EXIT_ERROR)
    blocking = any(report.blocking() for report in reports)
    sys.exit(EXIT_BLOCKING if blocking and not exit_zero else EXIT_OK)


# How each written format shows that factcheck wrote it (never overwrite a file it did not).
_MARKERS = {
    ".html": f'name="generator" content="{GENERATOR}',
    ".sarif": '"name": "factcheck"',
    ".xml": '<testsuites name="factcheck"',
    ".jsonld": '"name": "factcheck"',
}


def _stub_rows(
    reports: Sequence[Report], drafts: Sequence[str], overrides: Overrides
) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    """The candidate fact rows, and entity rows for the things they are about that
    the reference does not hold."""
    facts: list[dict[str, str]] = []
    entities: list[dict[str, str]] = []
    for report, draft in zip(reports, drafts, strict=True):
        table = reference_for(settings_for(draft, overrides))
        facts.extend(stub_rows(report, table))
        entities.extend(stub_entities(report, table))
    return facts, entities


def _print(output: str, *, colour: bool) -> None:
    """Print to standard output; a reader that stops early (`| head`) is not an
    error, and the files still get written."""
    try:
        click.echo(output, nl=False, color=None if colour else False)
        sys.stdout.flush()
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def _names(value: str) -> list[str]:
    return [n.strip() for n in value.split(",") if n.strip()]


def _select(drafts: list[str], ref: str | None) -> list[str]:
    if ref is None:
        return drafts
    changed = changed_since(ref)
    return [d for d in drafts if d != "-" and Path(d).resolve() in changed]


def _run(
    drafts: list[str],
    overrides: Overrides,
    jobs: int | None,
    stdin: bytes,
    fetch: FetchPolicy | None,
) -> list[Report]:
    """Check with a progress bar on a terminal; quiet in CI and in pipes."""
    show = len(drafts) > 1 and sys.stderr.isatty() and not os.environ.get("CI")
    bar = (
        click.progressbar(length=len(drafts), label="checking", file=sys.stderr)
        if show
        else nullcontext(None)
    )
    with bar as progress:
        return check_drafts(
            drafts,
            overrides,
            jobs=jobs,
            stdin=stdin,
            on_done=(lambda: progress.update(1)) if progress is not None else None,
            fetch=fetch,
        )


def _pages(reports: Sequence[Report], folder: Path) -> list[tuple[Report, Path]]:
    """One page per draft, named after it; never over a file factcheck did not write."""
    pages: list[tuple[Report, Path]] = []
    used: set[Path] = {folder / "index.html"}
    for report in reports:
        source = Path(report.document.path.strip("<>"))
        target = folder / f"{source.stem}.html"
        if target in used:
            parts = [p for p in source.with_suffix("").parts if p not in ("/", "..", ".")]
            target = folder / ("-".join(parts) + ".html")
        used.add(target)
        _refuse_foreign_file(target, _MARKERS[".html"])
        pages.append((report, target))
    if len(pages) > 1:
        _refuse_foreign_file(folder / "index.html", _MARKERS[".html"])
    return pages


def _write_pages(pages: Sequence[tuple[Report, Path]], folder: Path) -> None:
    for report, target in pages:
        _write(target, render_page(report))
    if len(pages) > 1:
        index = render_index([(report, target.name) for report, target in pages])
        _write(folder / "index.html", index)


def _write(target: Path, content: str) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(content, encoding="utf-8")
    click.echo(f"report: {target}", err=True)


def _refuse_foreign_file(target: Path, marker: str) -> None:
    if not target.exists():
        return
    head = target.read_bytes()[:4096].decode("utf-8", "replace")
    if marker not in head:
        raise UsageError(
            f"{target}: exists and was not written by factcheck — move it or "
            "choose another folder with --output-dir"
        )


@main.command("serve")
@click.option(
    "--reference",
    metavar="DIR",
    help="Reference folder to check against and to add facts to (without it, "
    "the default reference, read-only).",
)
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=int, help="Port to listen on.")
@click.option(
    "--token",
    envvar="FACTCHECK_SERVE_TOKEN",
    default="",
    help="Required on every request (needed for any --host but loopback); "
    "or set FACTCHECK_SERVE_TOKEN.",
)
def serve_command(reference: str | None, host: str, port: int, token: str) -> None:
    """The editor's desk: a local web page that checks a draft as it is typed."""
    from .serve import serve  # the web stack loads only for this command

    try:
        serve(reference=reference, host=host, port=port, token=token, echo=click.echo)
    except FactcheckError as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(EXIT_ERROR)


main.add_command(archive_group)


@main.group("reference")
def reference_group() -> None:
    """Work on the reference table."""


@reference_group.command("lint")
@click.argument("folders", nargs=-1)
def lint_command(folders: Sequence[str]) -> None:
    """Report every problem in reference folders as file:line: problem — fix (exit 1 if any)."""
    problems = [
        p for folder in (folders or [str(default_reference_path())]) for p in lint_reference(folder)
    ]
    for problem in problems:
        click.echo(str(problem))
    if problems:
        click.echo(f"{len(problems)} problems", err=True)
        sys.exit(EXIT_BLOCKING)
    click.echo("no problems", err=True)


@reference_group.command("show")
@click.argument("query")
@click.option(
    "--reference",
    "reference_dirs",
    metavar="DIR",
    multiple=True,
    help="Reference folder; repeat to merge several.",
)
def show_command(query: str, reference_dirs: Sequence[str]) -> None:
    """Find entities by any alias (case, accents and small typos forgiven) and list their facts."""
    try:
        table = load_reference(list(reference_dirs) or None)
    except FactcheckError as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(EXIT_ERROR)
    matches = find_entities(table, query)
    if not matches:
        click.echo(f"no entity matches {query!r}", err=True)
        sys.exit(EXIT_BLOCKING)
    if not matches[0].exact:
        click.echo(f"no exact match for {query!r}; closest:", err=True)
    for index, match in enumerate(matches):
        if index:
            click.echo("")
        click.echo("\n".join(describe(table, match.entity)))


@reference_group.command("check-sources")
@click.argument("folders", nargs=-1)
@network_options
def check_sources_command(
    folders: Sequence[str], offline: bool, no_cache: bool, allow_private: bool, use_env_proxy: bool
) -> None:
    """Report reference facts whose source_url is dead (exit 1 if any)."""
    try:
        table = load_reference(list(folders) or None)
        policy = _fetch_policy(offline, no_cache, allow_private, use_env_proxy)
        dead, total = check_sources(table, policy)
    except FactcheckError as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(EXIT_ERROR)
    for source in dead:
        facts = ", ".join(source.facts)
        click.echo(f"{source.where}: dead source {source.url} — {source.error} (facts {facts})")
    click.echo(f"{total - len(dead)} of {total} sources reachable, {len(dead)} dead", err=True)
    sys.exit(EXIT_BLOCKING if dead else EXIT_OK)


if __name__ == "__main__":
    main()
