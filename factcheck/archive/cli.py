"""`factcheck archive index | sweep | find`: parse, call factcheck.archive, print, exit.

The library (and Dask, pyarrow, DuckDB with it) is imported inside the commands,
so that `factcheck check` does not pay for it at start-up.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import click

from factcheck import FactcheckError, UsageError

EXIT_OK, EXIT_FOUND, EXIT_ERROR = 0, 1, 2


def _reference_option(default: str) -> Callable[[Callable[..., None]], Callable[..., None]]:
    return click.option(
        "--reference",
        "reference_dirs",
        metavar="DIR",
        multiple=True,
        help="Reference folder; repeat to merge several (later ones override). "
        f"Default: {default}.",
    )


def _cluster_options(command: Callable[..., None]) -> Callable[..., None]:
    command = click.option(
        "--workers",
        type=click.IntRange(min=1),
        metavar="N",
        help="Worker processes of the local cluster (default: one per core).",
    )(command)
    return click.option(
        "--scheduler",
        metavar="tcp://HOST:PORT",
        help="Run on this Dask cluster instead of a local one; its workers read the "
        "sources and the index themselves.",
    )(command)


@click.group("archive")
def archive_group() -> None:
    """Index an archive of published articles, sweep it when the reference changes."""


@archive_group.command("index")
@click.argument("sources", nargs=-1, required=True)
@click.option("--into", "into", required=True, metavar="DIR", help="The index folder.")
@_reference_option("./reference, else the bundled one")
@_cluster_options
@click.option("--prune", is_flag=True, help="Drop indexed articles no source has any more.")
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
def index_command(
    sources: Sequence[str],
    into: str,
    reference_dirs: Sequence[str],
    scheduler: str | None,
    workers: int | None,
    prune: bool,
    fmt: str,
) -> None:
    """Extract, link and judge every claim of SOURCES (folders of .md/.txt/.html
    articles, .jsonl files, http(s) URLs of .jsonl files) into a Parquet index.
    Articles the index holds unchanged are skipped."""
    with _errors():
        from .indexer import index_archive

        with _progress("indexing") as progress:
            result = index_archive(
                sources,
                into,
                reference_dirs,
                cluster=scheduler,
                workers=workers,
                prune=prune,
                on_progress=progress,
            )
    if fmt == "json":
        import json

        click.echo(json.dumps(result.to_dict(), indent=2, ensure_ascii=False))
    else:
        click.echo(
            f"{result.folder}: {result.indexed} articles indexed, {result.unchanged} unchanged, "
            f"{result.removed} removed, {len(result.failed)} failed; the index holds "
            f"{result.articles} articles, {result.claims} claims "
            f"(reference {result.reference})"
        )
    for message in result.failed[:_SHOWN_FAILURES]:
        click.echo(f"error: {message}", err=True)
    if len(result.failed) > _SHOWN_FAILURES:
        click.echo(f"error: … and {len(result.failed) - _SHOWN_FAILURES} more", err=True)
    sys.exit(EXIT_ERROR if result.failed else EXIT_OK)


_SHOWN_FAILURES = 20


@archive_group.command("sweep")
@click.argument("index")
@_reference_option("the folders the index was built from")
@click.option(
    "--since",
    metavar="REV",
    help="Only the facts changed since this git revision of the reference folders.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "csv", "html"]),
    default="text",
    show_default=True,
)
@click.option("-o", "--output", metavar="FILE", help="Write to FILE instead of standard output.")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when claims now fail.")
@_cluster_options
def sweep_command(
    index: str,
    reference_dirs: Sequence[str],
    since: str | None,
    fmt: str,
    output: str | None,
    exit_zero: bool,
    scheduler: str | None,
    workers: int | None,
) -> None:
    """Judge the claims in INDEX again against the reference as it is now and list
    every claim whose verdict changed, grouped by the reference fact that changed.
    Exit code 1 when a claim now fails (contradicted, outdated, inconsistent)."""
    with _errors():
        from .render import render_sweep
        from .sweep import sweep_archive

        with _progress("sweeping") as progress:
            result = sweep_archive(
                index,
                reference_dirs,
                since=since,
                cluster=scheduler,
                workers=workers,
                on_progress=progress,
            )
        _emit(render_sweep(result, fmt), fmt, output)
    failing = any(change.blocking for change in result.changes)
    sys.exit(EXIT_FOUND if failing and not exit_zero else EXIT_OK)


@archive_group.command("find")
@click.argument("index")
@click.option("--subject", required=True, metavar="ID", help="An entity id, or one of its names.")
@click.option("--property", "prop", metavar="P", help="Only claims of this property.")
@click.option(
    "--value", metavar="V", help="Only claims of this value, title or office (an entity id)."
)
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json", "csv"]), default="text", show_default=True
)
@click.option("-o", "--output", metavar="FILE", help="Write to FILE instead of standard output.")
def find_command(
    index: str,
    subject: str,
    prop: str | None,
    value: str | None,
    fmt: str,
    output: str | None,
) -> None:
    """List every article in INDEX with a claim about a subject."""
    with _errors():
        from .query import find_claims
        from .render import render_found

        found = find_claims(index, subject, prop=prop, value=value)
        _emit(render_found(found, fmt), fmt, output)


@contextmanager
def _errors() -> Iterator[None]:
    try:
        yield
    except FactcheckError as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(EXIT_ERROR)


@contextmanager
def _progress(label: str) -> Iterator[Callable[[int, int], None] | None]:
    """A progress bar on a terminal; nothing in CI and in pipes."""
    if not sys.stderr.isatty() or os.environ.get("CI"):
        yield None
        return
    bar = None

    def update(done: int, total: int) -> None:
        nonlocal bar
        if bar is None:
            bar = click.progressbar(length=total, label=label, file=sys.stderr)
            bar.__enter__()
        bar.update(done - bar.pos)

    try:
        yield update
    finally:
        if bar is not None:
            bar.__exit__(None, None, None)


def _emit(text: str, fmt: str, output: str | None) -> None:
    if output is None:
        try:
            click.echo(text, nl=False)
            sys.stdout.flush()
        except BrokenPipeError:
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return
    from .render import MARKERS

    target = Path(output)
    if target.exists():
        head = target.read_bytes()[:4096].decode("utf-8", "replace")
        marker = MARKERS[fmt]
        if not marker or marker not in head:
            raise UsageError(
                "exists and was not written by factcheck as " + fmt + " — move it or choose "
                "another file",
                path=output,
            )
    target.parent.mkdir(parents=True, exist_ok=True)
    staged = target.with_name(f".{target.name}.{os.getpid()}")
    staged.write_text(text, encoding="utf-8")
    os.replace(staged, target)
    click.echo(f"report: {target}", err=True)
