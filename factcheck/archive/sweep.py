"""`sweep_archive`: the stored claims judged again against the reference as it is
now, and every claim whose verdict changed.

No article is read or extracted again: each article's Document and claims are
rebuilt from the index, linked and verified with the current reference, and the
verdicts compared with the stored ones. Judging whole articles (not single
claims) keeps the draft's own consistency checks, which read the other claims
of the article, equal to what a direct check would say.

A full sweep judges every article. `since` (a git revision of the reference
folders) narrows it to the articles whose claims were judged on a fact, entity
or property that changed since then, found through the index's keys table.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import factcheck
from factcheck import Verdict, link_claims, verify_claims
from factcheck.models import DEFAULT_FAIL_ON

from . import store
from .cluster import dask_client, run_tasks, ship
from .query import affected_articles
from .reference_files import (
    ReferenceFiles,
    RowChange,
    at_revision,
    changes_between,
    from_folders,
    table_for,
    touched,
)
from .rows import claim_from_row, document_from_row, involved_entities

if TYPE_CHECKING:
    from distributed import Client

# Below this many articles a sweep runs in this process: starting a cluster would
# take longer than the work.
IN_PROCESS_ARTICLES = 10_000


@dataclass(frozen=True, slots=True, kw_only=True)
class Change:
    """A stored claim whose verdict the current reference changes."""

    article: str
    path: str
    url: str
    date: str
    line: int
    column: int
    text: str
    sentence: str
    kind: str
    value: str
    was: str
    now: str
    subject: str
    subject_label: str
    property: str
    expected: str
    suggestion: str
    message: str
    facts: tuple[str, ...]  # ids of the facts the new verdict was judged on
    entities: tuple[str, ...]  # every entity the old or new verdict involved

    @property
    def blocking(self) -> bool:
        """Now failing, and not before: what a correction is needed for."""
        return Verdict(self.now) in DEFAULT_FAIL_ON and Verdict(self.was) not in DEFAULT_FAIL_ON

    def to_dict(self) -> dict[str, Any]:
        return {
            "article": self.article,
            "path": self.path,
            "url": self.url,
            "date": self.date,
            "line": self.line,
            "column": self.column,
            "text": self.text,
            "sentence": self.sentence,
            "kind": self.kind,
            "value": self.value,
            "was": self.was,
            "now": self.now,
            "subject": self.subject,
            "property": self.property,
            "expected": self.expected,
            "suggestion": self.suggestion,
            "message": self.message,
            "facts": list(self.facts),
        }


@dataclass(frozen=True, slots=True, kw_only=True)
class Group:
    """The changes one reference row explains (None: no changed row does, such as an
    undated article judged at today's date)."""

    cause: RowChange | None
    changes: tuple[Change, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class SweepResult:
    index: str
    since: str  # the revision, or "" for a full sweep against the indexed reference
    reference_changes: tuple[RowChange, ...]
    changes: tuple[Change, ...]
    articles_judged: int
    claims_judged: int
    articles_indexed: int
    relinked: bool  # the claims were linked again (names, triggers or fact pairs changed)
    groups: tuple[Group, ...] = field(default=())

    def transitions(self) -> dict[str, int]:
        counts: dict[str, int] = defaultdict(int)
        for change in self.changes:
            counts[f"{change.was} → {change.now}"] += 1
        return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))

    def summary(self) -> dict[str, Any]:
        return {
            "changes": len(self.changes),
            "articles": len({c.article for c in self.changes}),
            "now_failing": sum(1 for c in self.changes if c.blocking),
            "transitions": self.transitions(),
            "reference_rows_changed": len(self.reference_changes),
            "articles_judged": self.articles_judged,
            "claims_judged": self.claims_judged,
            "articles_indexed": self.articles_indexed,
            "relinked": self.relinked,
            "since": self.since or None,
        }

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": "factcheck/corrections/v1",
            "index": self.index,
            "summary": self.summary(),
            "reference_changes": [c.to_dict() for c in self.reference_changes],
            "groups": [
                {
                    "cause": g.cause.to_dict() if g.cause else None,
                    "changes": len(g.changes),
                }
                for g in self.groups
            ],
            "changes": [c.to_dict() for c in self.changes],
        }


@dataclass(frozen=True, slots=True, kw_only=True)
class _PartSweep:
    changes: tuple[Change, ...]
    articles: int
    claims: int


def sweep_archive(
    index: str | Path,
    reference: Sequence[str | Path] = (),
    *,
    since: str | None = None,
    cluster: Client | str | None = None,
    workers: int | None = None,
    on_progress: Callable[[int, int], None] | None = None,
) -> SweepResult:
    """Judge the index's claims against `reference` (default: the folders the index
    was built from) and return every claim whose verdict changed, grouped by the
    reference row that changed. With `since`, only claims touched by a row changed
    since that git revision of the reference folders."""
    folder = Path(index).resolve()
    with store.opened(folder, write=False) as manifest:
        files = from_folders(reference or manifest.reference_folders)
        factcheck.load_reference(list(files.folders))
        since_indexed = changes_between(store.saved_reference(folder, manifest), files)
        row_changes = (
            changes_between(at_revision(files.folders, since), files) if since else since_indexed
        )
        # the stored links are the linker's answer for the indexed reference: they
        # stand unless a change since then can move one
        relink = manifest.factcheck != factcheck.__version__ or any(
            c.relinks for c in since_indexed
        )
        if since:
            # a changed value, term or status can only change the verdicts of claims
            # judged on its entity; a change that can move links, those of any
            # article that names it
            targets: Mapping[str, Collection[str] | None] = affected_articles(
                folder,
                manifest,
                *touched(row_changes),
                named=relink or any(c.relinks for c in row_changes),
            )
            count = sum(len(ids or ()) for ids in targets.values())
        else:
            targets = {part.name: None for part in manifest.parts}
            count = manifest.articles
        tasks = list(targets.items())
        if cluster is None and count <= IN_PROCESS_ARTICLES:
            swept = [sweep_part(task, files, str(folder)) for task in tasks]
        else:
            with dask_client(cluster, workers) as client:
                swept = run_tasks(
                    client,
                    sweep_part,
                    tasks,
                    ship(client, files),
                    str(folder),
                    on_progress=on_progress,
                )
    changes = sorted(
        (c for part in swept for c in part.changes), key=lambda c: (c.article, c.line, c.column)
    )
    return SweepResult(
        index=str(folder),
        since=since or "",
        reference_changes=tuple(row_changes),
        changes=tuple(changes),
        articles_judged=sum(p.articles for p in swept),
        claims_judged=sum(p.claims for p in swept),
        articles_indexed=manifest.articles,
        relinked=relink,
        groups=tuple(group_by_cause(changes, row_changes)),
    )


def sweep_part(
    task: tuple[str, Collection[str] | None], files: ReferenceFiles, folder: str
) -> _PartSweep:
    """On a worker (or here): link and judge again the stored claims of the articles
    of one part (None: all)."""
    part, articles = task
    table = table_for(files)
    stored_articles = store.read_part(Path(folder), "articles", part, articles).to_pylist()
    stored_claims = store.read_part(Path(folder), "claims", part, articles).to_pylist()
    by_article: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in stored_claims:
        by_article[row["article"]].append(row)
    changes: list[Change] = []
    for article in stored_articles:
        rows = sorted(by_article.get(article["article"], []), key=lambda r: r["start"])
        if not rows:
            continue
        document = document_from_row(article)
        # linked again always: verification reads the names linking finds in the draft
        linked = link_claims(document, [claim_from_row(r) for r in rows], table)
        findings = verify_claims(document, linked, table)
        for row, finding in zip(rows, findings, strict=True):
            if finding.verdict.value == row["verdict"]:
                continue
            entities = set(row["entities"]) | involved_entities(finding, table)
            changes.append(
                Change(
                    article=row["article"],
                    path=row["path"],
                    url=row["url"],
                    date=row["date"],
                    line=row["line"],
                    column=row["column"],
                    text=row["text"],
                    sentence=row["sentence"],
                    kind=row["kind"],
                    value=row["value"],
                    was=row["verdict"],
                    now=finding.verdict.value,
                    subject=finding.subject,
                    subject_label=finding.subject_label,
                    property=finding.property,
                    expected=finding.expected,
                    suggestion=finding.suggestion,
                    message=finding.message,
                    facts=tuple(sorted({*row["facts"], *(f.id for f in finding.facts)})),
                    entities=tuple(sorted(entities)),
                )
            )
    return _PartSweep(
        changes=tuple(changes), articles=len(stored_articles), claims=len(stored_claims)
    )


def group_by_cause(changes: Iterable[Change], causes: Sequence[RowChange]) -> list[Group]:
    """Each change under the changed row that explains it: a fact it was judged on
    (before or now), else a changed entity or property it involves; largest
    groups first."""
    facts = {c.key: c for c in causes if c.file == "facts.csv"}
    others = [c for c in causes if c.file != "facts.csv"]
    grouped: dict[RowChange | None, list[Change]] = defaultdict(list)
    for change in changes:
        grouped[_cause(change, facts, others)].append(change)
    groups = [Group(cause=cause, changes=tuple(found)) for cause, found in grouped.items()]
    return sorted(groups, key=lambda g: (g.cause is None, -len(g.changes), _key(g.cause)))


def _cause(
    change: Change, facts: Mapping[str, RowChange], others: Sequence[RowChange]
) -> RowChange | None:
    for fact_id in change.facts:
        if fact_id in facts:
            return facts[fact_id]
    entities = set(change.entities)
    for cause in [*facts.values(), *others]:
        if cause.entities & entities or change.property in cause.properties:
            return cause
    return None


def _key(cause: RowChange | None) -> tuple[str, str]:
    return ("", "") if cause is None else (cause.file, cause.key)
