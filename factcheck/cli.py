"""Command line: parse, call the library, print, exit. Nothing else lives here."""

from __future__ import annotations

import contextlib
import functools
import os
import signal
import sys
import threading
import traceback
from collections.abc import Callable, Iterable, Sequence
from contextlib import nullcontext
from pathlib import Path
from typing import NoReturn

import click

from .archive.cli import archive_group
from .baseline import read_baseline
from .baseline import write_baseline as record_baseline
from .bundled import copy_bundled_reference
from .changes import changed_since
from .config import Overrides, parse_date, parse_kinds, parse_verdicts, settings_for
from .document import find_drafts
from .errors import FactcheckError, UsageError
from .fetch import FetchPolicy, default_cache_dir
from .models import Report, Verdict
from .outputs import (
    output_error,
    page_names,
    prepare_folder,
    remove_leftovers,
    unique_drafts,
    write_file,
)
from .pipeline import Finish, check_drafts, reference_for
from .reference import ENTITY_COLUMNS, default_reference_path, load_reference
from .reference.lint import lint_reference
from .reference.show import describe, find_entities
from .reference.sources import check_sources
from .reference.stubs import append_stubs, entities_stub_path, stub_entities, stub_rows
from .report import FILE_FORMATS, STREAM_FORMATS, parse_formats, render, render_chunks
from .report.html import render_index
from .report.pages import finish_draft
from .report.paths import escape_controls, shown_path
from .version import __version__

EXIT_OK, EXIT_BLOCKING, EXIT_ERROR = 0, 1, 2


class _Commands(click.Group):
    """Every command ends with an exit code a CI job can read: Ctrl-C and SIGTERM
    are 128 + the signal (130, 143), never 1, which means blocking findings; a
    fault of the environment (a full disk, a closed output) is one line and 2."""

    def invoke(self, ctx: click.Context) -> object:
        in_main_thread = threading.current_thread() is threading.main_thread()
        previous = signal.signal(signal.SIGTERM, _terminate) if in_main_thread else None
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt as stop:
            number = getattr(stop, "signal", signal.SIGINT)
            _fail(
                f"interrupted by {signal.Signals(number).name}: nothing was half-written — "
                "run the command again",
                128 + number,
            )
        except FactcheckError as error:
            _fail(str(error), EXIT_ERROR)
        except OSError as error:
            where = f"{error.filename}: " if error.filename else ""
            _fail(
                f"{where}{error.strerror or error} — check the file system and "
                "run the command again",
                EXIT_ERROR,
            )
        except MemoryError:
            _fail("out of memory — check fewer drafts at once, or smaller ones", EXIT_ERROR)
        except (click.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise  # click's own usage errors and exits
        except Exception:
            # A bug: its traceback helps whoever reports it, and its exit code must
            # not be 1, which would read as blocking findings.
            traceback.print_exc()
            _fail("factcheck failed unexpectedly — please report this with the lines above", 2)
        finally:
            if in_main_thread:
                signal.signal(signal.SIGTERM, previous)
        return None


class _Terminated(KeyboardInterrupt):
    """SIGTERM, raised like Ctrl-C so that the same cleanup runs."""

    signal = signal.SIGTERM


def _terminate(_signum: int, _frame: object) -> None:
    raise _Terminated


def _fail(message: str, code: int) -> NoReturn:
    _quiet_stdout()
    click.echo(f"error: {_one_line(message)}", err=True)
    sys.exit(code)


def _one_line(message: str) -> str:
    return escape_controls(message.strip())


def _quiet_stdout() -> None:
    """Nothing more reaches standard output (a closed pipe or a full device
    would fail again when the interpreter flushes it on exit)."""
    with contextlib.suppress(OSError, ValueError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
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
    "--max-draft-size",
    type=float,
    metavar="MB",
    help="Refuse drafts larger than this many megabytes (default: 10).",
)
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
    max_draft_size: float | None,
    check_citations: bool,
    offline: bool,
    no_cache: bool,
    allow_private: bool,
    use_env_proxy: bool,
) -> None:
    """Check draft files (.md, .txt, .html), folders of drafts, or - for standard input."""
    try:
        chosen = parse_formats(formats)
        _refuse_bad_values(
            {
                "--output-dir": output_dir,
                "--baseline": baseline,
                "--write-baseline": write_baseline,
                "--stub": stub,
                "--changed-since": changed_since,
                "--as-of": as_of,
            },
            jobs,
            max_draft_size,
        )
        overrides = Overrides(
            reference=tuple(reference_dirs) or None,
            fail_on=_fail_on(fail_on),
            skip_kinds=parse_kinds(_names(skip_kinds)) if skip_kinds is not None else None,
            as_of=parse_date(as_of) if as_of is not None else None,
            max_draft_mb=max_draft_size,
        )
        drafts = unique_drafts(_select(find_drafts(paths), changed_since))
        if not drafts:
            click.echo(f"no drafts changed since {changed_since}", err=True)
            sys.exit(EXIT_OK)
        stdin = _read_stdin(settings_for("-", overrides).max_draft_mb) if "-" in drafts else b""
        fetch = (
            _fetch_policy(offline, no_cache, allow_private, use_env_proxy)
            if check_citations
            else None
        )
        folder = Path(output_dir or "reports")
        pages = page_names(drafts, folder) if "html" in chosen or output_dir else {}
        index = folder / "index.html" if len(pages) > 1 else None
        files = [(folder / FILE_FORMATS[f][0], f) for f in chosen if f in FILE_FORMATS]
        if pages or files:
            prepare_folder(folder, [*pages.values(), *filter(None, [index]), *dict(files)])
        known = read_baseline(Path(baseline)) if baseline else frozenset()
        finish = functools.partial(finish_draft, pages=pages, known=known)
        try:
            reports = _run(drafts, overrides, jobs, stdin, fetch, finish)
        finally:
            if pages:  # what a worker was writing when it was stopped
                remove_leftovers(folder)
        for fmt in chosen:
            if fmt in STREAM_FORMATS:
                _print(render_chunks(reports, fmt), colour=fmt == "text")
        for target in pages.values():
            _written(target)
        if index is not None:
            named = zip(reports, drafts, strict=True)
            _write(index, render_index([(report, pages[draft].name) for report, draft in named]))
        for target, fmt in files:
            _write(target, render(reports, fmt))
        if stub:
            facts, entities = _stub_rows(reports, drafts, overrides)
            added = append_stubs(Path(stub), facts)
            click.echo(f"stubs: {added} new rows appended to {shown_path(stub)}", err=True)
            if entities:
                beside = entities_stub_path(Path(stub))
                added = append_stubs(beside, entities, ENTITY_COLUMNS)
                click.echo(
                    f"stubs: {added} new entity rows appended to {shown_path(str(beside))}",
                    err=True,
                )
        if write_baseline:
            count = record_baseline(Path(write_baseline), reports)
            click.echo(
                f"baseline: {count} findings recorded in {shown_path(write_baseline)}", err=True
            )
            sys.exit(EXIT_OK)
    except FactcheckError as error:
        _fail(str(error), EXIT_ERROR)
    blocking = any(report.blocking() for report in reports)
    sys.exit(EXIT_BLOCKING if blocking and not exit_zero else EXIT_OK)


def _refuse_bad_values(
    options: dict[str, str | None], jobs: int | None, max_draft_size: float | None
) -> None:
    """Values that cannot be meant, refused before any draft is checked. An
    empty one is a mistake (an unset variable in a CI script), never a request
    for the default."""
    for flag, value in options.items():
        if value is not None and not value.strip():
            raise UsageError(f"{flag}: the value is empty — give one, or leave the option out")
    if jobs is not None and jobs < 1:
        raise UsageError(f"-j/--jobs: {jobs} is not a number of processes — give 1 or more")
    if max_draft_size is not None and max_draft_size <= 0:
        raise UsageError(
            f"--max-draft-size: {max_draft_size:g} is not a size — give megabytes, such as 10"
        )
    for flag in ("--write-baseline", "--stub"):
        if options[flag]:
            _refuse_unwritable(Path(str(options[flag])), flag)


def _refuse_unwritable(path: Path, flag: str) -> None:
    """Before the check, not after it: a file option naming a folder or a loop of
    links fails at once."""
    try:
        if path.is_dir():
            raise UsageError(f"is a folder — give {flag} a file name", path=str(path))
        os.stat(path)
    except FileNotFoundError:
        return
    except OSError as error:
        raise output_error(path, error, f"choose another file with {flag}") from None


def _fail_on(value: str | None) -> frozenset[Verdict] | None:
    if value is None:
        return None
    verdicts = parse_verdicts(_names(value))
    if not verdicts:
        raise UsageError("--fail-on: no verdict given — list verdicts, or use --exit-zero")
    return verdicts


def _read_stdin(max_mb: float) -> bytes:
    """Standard input up to one byte past the size limit (enough to refuse it)."""
    return sys.stdin.buffer.read(int(max_mb * 1_000_000) + 1)


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


def _print(output: Iterable[str], *, colour: bool) -> None:
    """Print to standard output; a reader that stops early (`| head`) is not an
    error, and the files still get written. A device that takes no more (a full
    disk) is: one line, exit 2."""
    try:
        for chunk in output:
            click.echo(chunk, nl=False, color=None if colour else False)
        sys.stdout.flush()
    except BrokenPipeError:
        _quiet_stdout()
    except OSError as error:
        _quiet_stdout()
        raise output_error("standard output", error, "write it somewhere with room") from None


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
    finish: Finish,
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
            finish=finish,
        )


def _write(target: Path, content: str) -> None:
    write_file(target, content, fix="free some space or choose another --output-dir")
    _written(target)


def _written(target: Path) -> None:
    click.echo(f"report: {shown_path(str(target))}", err=True)


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


@reference_group.command("init")
@click.argument("folder", default="reference")
def init_command(folder: str) -> None:
    """Copy the bundled reference into FOLDER (default: ./reference) to curate it."""
    try:
        copied = copy_bundled_reference(Path(folder))
    except FactcheckError as error:
        _fail(str(error), EXIT_ERROR)
    click.echo(f"copied {', '.join(copied)} into {shown_path(folder)}", err=True)
    hint = (
        "factcheck reads ./reference by default"
        if Path(folder).resolve() == Path("reference").resolve()
        else f"pass --reference {shown_path(folder)}, or set reference in factcheck.toml"
    )
    click.echo(
        f"{hint}; `factcheck reference lint {shown_path(folder)}` checks your edits", err=True
    )


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
        dead, total, unchecked = check_sources(table, policy)
    except FactcheckError as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(EXIT_ERROR)
    for source in dead:
        facts = ", ".join(source.facts)
        click.echo(f"{source.where}: dead source {source.url} — {source.error} (facts {facts})")
    checked = total - unchecked
    summary = f"{checked - len(dead)} of {total} sources reachable, {len(dead)} dead"
    if unchecked:
        # An all-clear is only for what was checked: offline, only the page cache was.
        click.echo(
            f"{summary}, {unchecked} not checked (offline, and not in the page cache) — "
            "run without --offline to check them",
            err=True,
        )
        sys.exit(EXIT_BLOCKING if dead else EXIT_ERROR)
    click.echo(summary, err=True)
    sys.exit(EXIT_BLOCKING if dead else EXIT_OK)


if __name__ == "__main__":
    main()
