"""`index_archive`: every claim of an archive, linked and judged, into Parquet.

The client lists the sources on the cluster, ships the reference to every
worker once, and hands out units; each worker reads its unit's articles itself,
runs extract -> link -> verify, and writes its own part. Articles whose content
(and reference) the index already holds are skipped. The client then commits:
old rows of re-indexed articles are dropped and the manifest is replaced.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import factcheck
from factcheck import UsageError, extract_claims, link_claims
from factcheck.verify import check_consistency, judge_claims

from . import store
from .cluster import dask_client, run_tasks, ship
from .lookup import write_lookup
from .reference_files import ReferenceFiles, from_folders, table_for
from .rows import article_row, claim_row
from .sources import Unit, list_units, read_unit

if TYPE_CHECKING:
    from distributed import Client


@dataclass(frozen=True, slots=True, kw_only=True)
class IndexResult:
    folder: str
    indexed: int  # articles read and indexed in this run
    unchanged: int  # articles the index already held as they are
    removed: int  # articles dropped (with --prune)
    failed: tuple[str, ...]  # one message per article that could not be read
    articles: int  # in the index after the run
    claims: int
    reference: str  # the reference version the index now holds

    def to_dict(self) -> dict[str, Any]:
        return {
            "index": self.folder,
            "indexed": self.indexed,
            "unchanged": self.unchanged,
            "removed": self.removed,
            "failed": list(self.failed),
            "articles": self.articles,
            "claims": self.claims,
            "reference": self.reference,
        }


@dataclass(frozen=True, slots=True, kw_only=True)
class _UnitResult:
    part: store.Part | None
    seen: tuple[tuple[str, str], ...]  # (article, where) of every article read
    indexed: tuple[str, ...]
    unchanged: int
    failed: tuple[str, ...]


def index_archive(
    sources: Sequence[str],
    into: str | Path,
    reference: Sequence[str | Path] = (),
    *,
    cluster: Client | str | None = None,
    workers: int | None = None,
    prune: bool = False,
    on_progress: Callable[[int, int], None] | None = None,
) -> IndexResult:
    """Index `sources` into the folder `into` (created, or updated in place).

    `cluster` is a running Dask client, a scheduler address, or None for a local
    cluster of `workers` processes (default: one per core). `prune` drops the
    articles the index holds that none of `sources` has any more.
    `on_progress(done, total)` is called as units of work finish.
    """
    if not sources:
        raise UsageError("give at least one source: a folder, an article file or a .jsonl file")
    folder = Path(into).resolve()
    files = from_folders(reference)
    factcheck.load_reference(list(files.folders))  # a broken reference stops here, not on a worker
    with store.opened(folder, write=True) as manifest:
        known = store.known_digests(folder, manifest)
        same_reference = manifest.reference == files.digest
        run = len(manifest.runs) + 1
        try:
            with dask_client(cluster, workers) as client:
                listed = run_tasks(client, list_units, list(sources))
                units = [unit for found in listed for unit in found]
                results = _index_units(
                    client, units, files, known if same_reference else {}, folder, run, on_progress
                )
            return _commit(folder, manifest, files, known, results, run, sources, prune)
        except BaseException:
            # the manifest still names the old parts: the index stays as it was
            store.discard(folder, _run_prefix(run))
            raise


def _run_prefix(run: int) -> str:
    return f"r{run:04d}-"


def _index_units(
    client: Client,
    units: Sequence[Unit],
    files: ReferenceFiles,
    known: Mapping[str, tuple[str, str]],
    folder: Path,
    run: int,
    on_progress: Callable[[int, int], None] | None,
) -> list[_UnitResult]:
    return run_tasks(
        client,
        index_unit,
        [(f"{_run_prefix(run)}u{i:06d}", unit) for i, unit in enumerate(units)],
        ship(client, files),
        ship(client, {a: d for a, (d, _) in known.items()}),
        str(folder),
        on_progress=on_progress,
    )


def index_unit(
    task: tuple[str, Unit], files: ReferenceFiles, known: Mapping[str, str], folder: str
) -> _UnitResult:
    """On a worker: read one unit, index what changed, write the part."""
    name, unit = task
    table = table_for(files)
    digest = files.digest
    articles: list[dict[str, Any]] = []
    claims: list[dict[str, Any]] = []
    seen, indexed, failed, unchanged = [], [], [], 0
    for article in read_unit(unit):
        if article.error:
            failed.append(article.error)
            continue
        meta, document = article.meta, article.document
        assert document is not None
        seen.append((meta.article, meta.path))
        if known.get(meta.article) == article.digest:
            unchanged += 1
            continue
        linked = link_claims(document, extract_claims(document, lexicon=table.lexicon), table)
        judged = judge_claims(document, linked, table)
        findings = check_consistency(document, judged, table.lexicon)
        claims.extend(
            claim_row(meta, document, item, rule, finding, table)
            for item, rule, finding in zip(linked.claims, judged, findings, strict=True)
        )
        articles.append(article_row(meta, article.digest, digest, document, linked, table))
        indexed.append(meta.article)
    part = store.write_part(Path(folder), name, articles, claims) if articles else None
    return _UnitResult(
        part=part,
        seen=tuple(seen),
        indexed=tuple(indexed),
        unchanged=unchanged,
        failed=tuple(failed),
    )


def _commit(
    folder: Path,
    manifest: store.Manifest,
    files: ReferenceFiles,
    known: Mapping[str, tuple[str, str]],
    results: Sequence[_UnitResult],
    run: int,
    sources: Sequence[str],
    prune: bool,
) -> IndexResult:
    seen = [pair for result in results for pair in result.seen]
    _refuse_duplicates(seen)
    seen_ids = {article for article, _ in seen}
    indexed = {article for result in results for article in result.indexed}
    dropped = {a for a in known if a not in seen_ids} if prune else set()
    stale = {a for a in known if a not in seen_ids} - dropped
    if stale and manifest.reference != files.digest:
        raise UsageError(
            f"holds {len(stale)} articles (such as {min(stale)}) that these sources do not, "
            "judged against another reference version — index them too (give all the "
            "archive's sources), or drop them with --prune",
            path=str(folder),
        )
    replaced = indexed | dropped
    parts = [result.part for result in results if result.part is not None]
    touched_parts = {known[a][1] for a in replaced if a in known}
    for i, part in enumerate(manifest.parts):
        if part.name not in touched_parts:
            parts.append(part)
            continue
        rewritten = store.rewrite_without(folder, part, replaced, f"{_run_prefix(run)}w{i:06d}")
        if rewritten is not None:
            parts.append(rewritten)
    failed = tuple(message for result in results for message in result.failed)
    unchanged = sum(result.unchanged for result in results)
    record = store.run_record(
        sources=list(sources),
        indexed=len(indexed),
        unchanged=unchanged,
        removed=len(dropped),
        failed=len(failed),
        reference=files.digest,
    )
    parts.sort(key=lambda p: p.name)
    same = [p.name for p in parts] == [p.name for p in manifest.parts]
    new = replace(
        manifest,
        reference=files.digest,
        reference_folders=files.folders,
        parts=tuple(parts),
        lookup=manifest.lookup
        if same
        else write_lookup(folder, parts, f"{_run_prefix(run)}lookup"),
        runs=(*manifest.runs, record),
        factcheck=factcheck.__version__,
    )
    store.save_reference(folder, files)
    store.commit(folder, new)
    return IndexResult(
        folder=str(folder),
        indexed=len(indexed),
        unchanged=unchanged,
        removed=len(dropped),
        failed=failed,
        articles=new.articles,
        claims=new.claims,
        reference=files.digest,
    )


def _refuse_duplicates(seen: Sequence[tuple[str, str]]) -> None:
    counts = Counter(article for article, _ in seen)
    twice = sorted(article for article, count in counts.items() if count > 1)
    if twice:
        where = [path for article, path in seen if article == twice[0]]
        raise UsageError(
            f"article id {twice[0]!r} is given twice ({where[0]} and {where[1]})"
            + (f", and {len(twice) - 1} more ids too" if len(twice) > 1 else "")
            + " — ids must be unique in the archive",
        )
