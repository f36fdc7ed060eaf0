"""The whole pipeline as one call: load -> extract -> link -> verify (+ the draft's
own suppressions). `check` takes one draft; `check_drafts` many, with each
draft's configuration and, for large batches, one process per core."""

from __future__ import annotations

import functools
import gc
import multiprocessing
import multiprocessing.context
import os
import signal
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import replace
from pathlib import Path

from .citations import citation_findings, find_links
from .config import Overrides, Settings, settings_for
from .datetext import AsOf
from .document import DRAFT_SUFFIXES, document_from_bytes, document_from_text, load_document
from .errors import DocumentError
from .extract import extract_claims
from .fetch import FetchPolicy, FetchStats, Page, fetch_pages
from .link import link_claims
from .models import ClaimKind, Document, Report
from .reference import ReferenceTable, load_reference
from .suppress import apply_suppressions
from .verify import verify_claims


def check(
    text_or_path: str | Path | Document,
    *,
    reference: ReferenceTable | str | Path | None = None,
    as_of: AsOf | None = None,
    families: Sequence[str] | None = None,
    skip_kinds: Iterable[ClaimKind] = (),
    pages: Mapping[str, Page] | None = None,
) -> Report:
    """Check one draft: a path, the draft's text (Markdown), or a loaded Document.

    `reference` is a loaded table or a folder; by default ./reference or the one
    shipped with factcheck. Load the table once with load_reference() when
    checking many drafts. `skip_kinds` leaves claims of those kinds unchecked.
    `pages` (fetched pages by URL, see `fetch.fetch_pages`) adds the findings on
    the draft's own links and attributions; without it they are not checked.
    """
    table = reference if isinstance(reference, ReferenceTable) else load_reference(reference)
    document = _as_document(text_or_path, as_of)
    skipped = frozenset(skip_kinds)
    claims = [c for c in extract_claims(document, families, table.lexicon) if c.kind not in skipped]
    linked = link_claims(document, claims, table)
    findings = verify_claims(document, linked, table)
    if pages is not None:
        findings = sorted(
            [*findings, *citation_findings(document, findings, pages, table)],
            key=lambda f: (f.claim.span.start, f.claim.span.end),
        )
    findings = apply_suppressions(document, findings)
    return Report(
        document=document,
        reference_path=table.path,
        fact_count=table.fact_count,
        findings=tuple(findings),
    )


def check_drafts(
    drafts: Sequence[str],
    overrides: Overrides | None = None,
    *,
    jobs: int | None = None,
    stdin: bytes = b"",
    on_done: Callable[[], None] | None = None,
    fetch: FetchPolicy | None = None,
    fetch_stats: FetchStats | None = None,
    finish: Finish | None = None,
) -> list[Report]:
    """Check draft files ("-" = `stdin`), each under the settings its nearest
    configuration file and the overrides give; reports come back in order.
    With `fetch`, the drafts' links are fetched (all at once, before checking)
    and their citations checked too. `finish(draft, report)` runs where the
    draft was checked (in a worker process for large batches) and its result
    is what comes back: the place to render and write a report."""
    overrides = overrides or Overrides()
    settings = [settings_for(draft, overrides) for draft in drafts]
    pages: list[Mapping[str, Page] | None] = [None] * len(drafts)
    if fetch is not None:
        links = [
            [link.url for link in find_links(_load(draft, s, stdin))]
            for draft, s in zip(drafts, settings, strict=True)
        ]
        fetched = fetch_pages([url for urls in links for url in urls], fetch, fetch_stats)
        pages = [{url: fetched[url] for url in urls} for urls in links]
    tasks = list(zip(drafts, settings, pages, strict=True))
    workers = min(jobs or os.cpu_count() or 1, len(tasks) // _PER_WORKER)
    if workers <= 1 or "-" in drafts:
        reports = []
        for task in tasks:
            reports.append(_check_task(task, finish, stdin))
            if on_done:
                on_done()
        return reports
    # A pool that can be terminated: on Ctrl-C or SIGTERM the workers stop at
    # once instead of finishing the batch.
    reports = []
    # Objects made so far are shared with the forked workers: frozen, the garbage
    # collector leaves them alone instead of copying every page it touches.
    gc.freeze()
    try:
        with _process_context().Pool(workers, _start_worker, (finish,)) as pool:
            chunk = max(1, len(tasks) // (workers * 8))
            for report in pool.imap(_check_in_worker, tasks, chunksize=chunk):
                reports.append(report)
                if on_done:
                    on_done()
    finally:
        gc.unfreeze()  # a long-lived caller's garbage is collected again
    return reports


Finish = Callable[[str, Report], Report]
Task = tuple[str, Settings, Mapping[str, Page] | None]

# Below this many drafts per core, starting processes costs more than it saves.
_PER_WORKER = 16
_worker_finish: Finish | None = None


def _start_worker(finish: Finish | None) -> None:
    global _worker_finish
    _worker_finish = finish
    # Ctrl-C reaches every process of the terminal's group: the main process
    # alone decides to stop, and terminates the workers (SIGTERM) when it does.
    # SIGTERM keeps its default, which ends a worker at once wherever it is: a
    # Python handler can land just before a worker blocks on the pool's queue and
    # then never run, and the pool would wait for that worker for ever. The
    # files a worker was writing are removed by the caller (see outputs.py).
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _check_in_worker(task: Task) -> Report:
    return _check_task(task, _worker_finish)


def _check_task(task: Task, finish: Finish | None, stdin: bytes = b"") -> Report:
    draft, settings, pages = task
    report = check(
        _load(draft, settings, stdin),
        reference=_reference(settings.reference),
        skip_kinds=settings.skip_kinds,
        pages=pages,
    )
    report = replace(report, fail_on=settings.fail_on)
    return finish(draft, report) if finish is not None else report


def _load(draft: str, settings: Settings, stdin: bytes) -> Document:
    limit = settings.max_draft_mb
    if draft == "-":
        return document_from_bytes(stdin, path="<stdin>", as_of=settings.as_of, max_mb=limit)
    return load_document(draft, as_of=settings.as_of, max_mb=limit)


def reference_for(settings: Settings) -> ReferenceTable:
    """The reference a draft's settings name, loaded once per process."""
    return _reference(settings.reference)


@functools.lru_cache(maxsize=16)
def _reference(folders: tuple[str, ...]) -> ReferenceTable:
    return load_reference(folders or None)


def _process_context() -> multiprocessing.context.BaseContext:
    # fork shares the imported modules with the workers; where it is missing
    # (macOS and Windows default to spawn) the default still works, only slower.
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else None)


def _is_file(text: str) -> bool:
    try:
        return Path(text).is_file()
    except (OSError, ValueError):  # too long a name, a NUL byte: text, not a path
        return False


def _as_document(source: str | Path | Document, as_of: AsOf | None) -> Document:
    if isinstance(source, Document):
        return source
    if isinstance(source, Path):
        return load_document(source, as_of=as_of)
    looks_like_path = "\n" not in source and len(source) < 4096 and _is_file(source)
    if looks_like_path:
        return load_document(source, as_of=as_of)
    if "\n" not in source and len(source) < 1024 and source.lower().endswith(DRAFT_SUFFIXES):
        raise DocumentError("no such file — check the path", path=source)
    return document_from_text(source, as_of=as_of)
