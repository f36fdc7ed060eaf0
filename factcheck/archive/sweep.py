"""`sweep_archive`: the stored claims judged again against the reference as it is
now, and every claim whose verdict changed.

No article is read or extracted again: each article's Document and claims are
rebuilt from the index and judged from their stored links (linked again only
where a change can move a link, impact.py), and the verdicts compared with the
stored ones. A claim whose rule reads nothing else of its draft is judged from
its own row; the rest of the article is rebuilt where a rule or the draft's own
consistency checks need it, so that they say what a direct check would say.

A full sweep judges every article. `since` (a git revision of the reference
folders) narrows it to the articles whose claims were judged on a fact, entity
or property that changed since then, found through the index's lookup (lookup.py);
in this process, those claims are judged from their sentences, as the lookup holds
them, without reading their articles.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

import factcheck
from factcheck import (
    ClaimKind,
    Document,
    Finding,
    ReferenceTable,
    UsageError,
    Verdict,
    link_claims,
    verify_claims,
)
from factcheck.link import Links
from factcheck.models import DEFAULT_FAIL_ON
from factcheck.verify import RULES, check_consistency, decided_alone, judge_claims

from . import store
from .cluster import dask_client, run_tasks, ship
from .impact import impact_of
from .lookup import articles_with_keys, claims_holding
from .query import rows_of
from .reference_files import (
    ReferenceFiles,
    RowChange,
    at_revision,
    changes_between,
    from_folders,
    table_for,
)
from .rows import (
    SWEEP_ARTICLE_COLUMNS,
    SWEEP_CLAIM_COLUMNS,
    claim_from_row,
    claim_keys,
    document_from_row,
    involved_entities,
    linked_claim_from_row,
    links_from_rows,
    sentence_of,
    stored_finding,
    window_document,
)

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
    articles_judged: int  # the articles a change touches (all, in a full sweep)
    claims_judged: int  # their claims judged again: those a change touches, or all
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


@dataclass(frozen=True, slots=True, kw_only=True)
class _Plan:
    """What a sweep judges: per part, its articles (None: all of them) and those
    of them to link again (all, with `relink_all`; the others are judged from
    their stored links), and which claims (`judged` None: every claim; else those
    holding one of these keys, and every claim of an article linked again)."""

    targets: Mapping[str, Collection[str] | None]
    relinked: Mapping[str, frozenset[str]]
    relink_all: bool
    judged: frozenset[str] | None

    def count(self, manifest: store.Manifest) -> int:
        sizes = {part.name: part.articles for part in manifest.parts}
        return sum(
            sizes[part] if articles is None else len(articles)
            for part, articles in self.targets.items()
        )

    @property
    def relinks(self) -> bool:
        return self.relink_all or any(self.relinked.values())


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
        # loaded from the folders themselves, so that a bad row is named in its own file
        table = factcheck.load_reference(list(files.folders))
        indexed = store.saved_reference(folder, manifest)
        if indexed.lexicons != files.lexicons:
            raise UsageError(
                "the reference's lexicon changed since this index was built, and its words "
                "decide which claims are read — run `factcheck archive index` again",
                path=str(folder),
            )
        since_indexed = changes_between(indexed, files)
        row_changes = (
            changes_between(at_revision(files.folders, since), files) if since else since_indexed
        )
        plan = _plan(folder, manifest, table, since_indexed, row_changes, full=not since)
        tasks = [
            (part, articles, plan.relinked.get(part, frozenset()))
            for part, articles in plan.targets.items()
        ]
        arguments = (str(folder), plan.judged, plan.relink_all)
        if cluster is None and plan.count(manifest) <= IN_PROCESS_ARTICLES:
            swept = _sweep_here(folder, manifest, plan, tasks, table)
        else:
            with dask_client(cluster, workers) as client:
                swept = run_tasks(
                    client,
                    sweep_part,
                    tasks,
                    ship(client, files),
                    *arguments,
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
        relinked=plan.relinks,
        groups=tuple(group_by_cause(changes, row_changes)),
    )


def _plan(
    folder: Path,
    manifest: store.Manifest,
    table: ReferenceTable,
    since_indexed: Sequence[RowChange],
    row_changes: Sequence[RowChange],
    *,
    full: bool,
) -> _Plan:
    """The stored links stand for the reference the index was built with: an
    article is linked again where a change since then may move a link in it. A
    full sweep judges every claim; `--since` only the claims the changed rows touch
    (and every claim of an article it links again)."""
    moved = impact_of(since_indexed, table)
    wanted = impact_of(row_changes, table)
    relink_all = manifest.factcheck != factcheck.__version__ or moved.everything
    if full or (relink_all and wanted.everything):
        found = {} if relink_all else articles_with_keys(folder, manifest, moved.relinked)
        return _Plan(
            targets=dict.fromkeys(part.name for part in manifest.parts),
            relinked={part: frozenset(articles) for part, articles in found.items()},
            relink_all=relink_all,
            judged=None,
        )
    asked = wanted.judged | wanted.relinked
    found = articles_with_keys(folder, manifest, asked | moved.relinked)
    targets = {
        part: [article for article, held in articles.items() if held & asked]
        for part, articles in found.items()
    }
    return _Plan(
        targets={part: articles for part, articles in targets.items() if articles},
        relinked={
            part: frozenset(a for a, held in articles.items() if held & moved.relinked)
            for part, articles in found.items()
        },
        relink_all=relink_all,
        judged=wanted.judged,
    )


def sweep_part(
    task: tuple[str, Collection[str] | None, frozenset[str]],
    files: ReferenceFiles,
    folder: str,
    judged: frozenset[str] | None,
    relink_all: bool,
) -> _PartSweep:
    """On a worker: judge again the stored claims of the articles of one part
    (None: all), linking again those the plan says (`relinked`, or all)."""
    part, articles, relinked = task
    return _sweep_rows(
        *_part_rows(Path(folder), part, articles),
        table_for(files),
        judged,
        relinked,
        relink_all=relink_all,
    )


def _part_rows(
    folder: Path, part: str, articles: Collection[str] | None
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    return (
        store.read_part(folder, "articles", part, articles, SWEEP_ARTICLE_COLUMNS).to_pylist(),
        store.read_part(folder, "claims", part, articles, SWEEP_CLAIM_COLUMNS).to_pylist(),
    )


def _sweep_here(
    folder: Path,
    manifest: store.Manifest,
    plan: _Plan,
    tasks: Sequence[tuple[str, Collection[str] | None, frozenset[str]]],
    table: ReferenceTable,
) -> list[_PartSweep]:
    """The sweep in this process: a whole index part by part; the articles
    `--since` picked in a few scans of all the parts, reading first only their
    touched claims, and all their claims only where judging needs them."""
    if plan.judged is None or any(articles is None for articles in plan.targets.values()):
        return [
            _sweep_rows(
                *_part_rows(folder, part, articles),
                table,
                plan.judged,
                relinked,
                relink_all=plan.relink_all,
            )
            for part, articles, relinked in tasks
        ]
    wanted = [article for articles in plan.targets.values() for article in articles or ()]
    relinked = frozenset().union(*plan.relinked.values())
    alone = [] if plan.relink_all else [a for a in wanted if a not in relinked]
    touched, rest = _sweep_touched(folder, manifest, alone, plan.judged, table)
    rest.extend(a for a in wanted if plan.relink_all or a in relinked)
    swept = _sweep_rows(
        rows_of(folder, manifest, "articles", SWEEP_ARTICLE_COLUMNS, rest),
        rows_of(folder, manifest, "claims", SWEEP_CLAIM_COLUMNS, rest),
        table,
        plan.judged,
        relinked,
        relink_all=plan.relink_all,
        alone_first=False,  # these were judged alone already, or are linked again
    )
    return [touched, swept]


def _sweep_touched(
    folder: Path,
    manifest: store.Manifest,
    articles: Sequence[str],
    judged: frozenset[str],
    table: ReferenceTable,
) -> tuple[_PartSweep, list[str]]:
    """The claims of these articles holding a `judged` key, read from the lookup
    file and judged alone from their sentences (window_document), and the articles
    for which that is not enough (judged_alone). An article none of whose claims
    holds one is judged too: nothing in it changes."""
    if not articles:
        return _PartSweep(changes=(), articles=0, claims=0), []
    asked = set(articles)
    touched = _by_article(
        row for row in claims_holding(folder, manifest, judged) if row["article"] in asked
    )
    changes: list[Change] = []
    rest: list[str] = []
    claims = 0
    for article, found in touched.items():
        rows = sorted(found, key=lambda r: r["start"])
        alone = _judged_alone(window_document(rows), rows, _dates(rows[0]), table)
        if alone is None:
            rest.append(article)
            continue
        claims += len(rows)
        changes.extend(_changes(rows[0], rows, alone, table, lambda r: r["sentence"]))
    return _PartSweep(changes=tuple(changes), articles=len(asked) - len(rest), claims=claims), rest


def _by_article(rows: Iterable[Mapping[str, Any]]) -> dict[str, list[Mapping[str, Any]]]:
    grouped: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
    for row in rows:
        grouped[row["article"]].append(row)
    return grouped


def _sweep_rows(
    stored_articles: Sequence[Mapping[str, Any]],
    stored_claims: Sequence[Mapping[str, Any]],
    table: ReferenceTable,
    judged: frozenset[str] | None,
    relinked: Collection[str],
    *,
    relink_all: bool,
    alone_first: bool = True,
) -> _PartSweep:
    """`alone_first`: try judging each article's touched claims from their own rows
    before rebuilding the article (judged_alone)."""
    by_article = _by_article(stored_claims)
    changes: list[Change] = []
    claims = 0
    for article in stored_articles:
        rows = sorted(by_article.get(article["article"], []), key=lambda r: r["start"])
        if not rows:
            continue
        document = document_from_row(article)
        if relink_all or article["article"] in relinked:
            findings = _linked_again(document, rows, table)
            claims += len(rows)
        else:
            touched = sorted(_touched(rows, judged))
            findings = _judged_again(document, article, rows, table, touched, alone_first)
            claims += len(touched)
        changes.extend(_changes(article, rows, findings, table, partial(_sentence, document)))
    return _PartSweep(changes=tuple(changes), articles=len(stored_articles), claims=claims)


def _changes(
    article: Mapping[str, Any],
    rows: Sequence[Mapping[str, Any]],
    findings: Sequence[Finding | None],
    table: ReferenceTable,
    sentence: Callable[[Mapping[str, Any]], str],
) -> Iterator[Change]:
    """`article`: a row with the article's path, url and date; `sentence`: a claim
    row's sentence."""
    for row, finding in zip(rows, findings, strict=True):
        if finding is not None and finding.verdict.value != row["verdict"]:
            yield _change(row, article, sentence(row), finding, table)


def _sentence(document: Document, row: Mapping[str, Any]) -> str:
    return sentence_of(document, row["start"])


def _linked_again(
    document: Document, rows: Sequence[Mapping[str, Any]], table: ReferenceTable
) -> list[Finding | None]:
    linked = link_claims(document, [claim_from_row(r) for r in rows], table)
    return list(verify_claims(document, linked, table))


def _judged_again(
    document: Document,
    article: Mapping[str, Any],
    rows: Sequence[Mapping[str, Any]],
    table: ReferenceTable,
    touched: Sequence[int],
    alone_first: bool,
) -> list[Finding | None]:
    """The claims at the `touched` positions judged again from their stored
    links: from their own rows where that is enough (judged_alone), else with the
    article's other claims, and then the draft held against itself again if a
    finding changed in what that step reads."""
    if not touched:
        return [None] * len(rows)
    alone = (
        _judged_alone(document, [rows[i] for i in touched], _dates(article), table)
        if alone_first
        else None
    )
    if alone is not None:
        found = dict(zip(touched, alone, strict=True))
        return [found.get(i) for i in range(len(rows))]
    links = links_from_rows(article, rows, document)
    again = dict(zip(touched, judge_claims(document, links, table, touched), strict=True))
    if all(_as_before(finding, rows[i]) for i, finding in again.items()):
        return [None] * len(rows)
    before = [
        again.get(i) or stored_finding(row, item)
        for i, (row, item) in enumerate(zip(rows, links.claims, strict=True))
    ]
    return list(check_consistency(document, before, table.lexicon))


def _judged_alone(
    document: Document,
    rows: Sequence[Mapping[str, Any]],
    dates: Iterable[tuple[int, str]],
    table: ReferenceTable,
) -> list[Finding | None] | None:
    """These claims of the article judged again from their own rows and the
    draft's dates, each finding None where the verdict stays. None where that is
    not enough: a rule reads the draft's other claims or names (Rule.reads_links),
    or a changed finding is not `decided_alone` against the draft."""
    if any(RULES[ClaimKind(row["kind"])].reads_links for row in rows):
        return None
    items = [linked_claim_from_row(row) for row in rows]
    found = judge_claims(document, Links(tuple(items), ()), table, dates=dates)
    again: list[Finding | None] = []
    for row, item, finding in zip(rows, items, found, strict=True):
        if _as_before(finding, row):
            again.append(None)
        elif not decided_alone(stored_finding(row, item), finding):
            return None
        else:  # a claim inconsistent before stays so: a problem of its kind
            again.append(None if row["verdict"] == _INCONSISTENT else finding)
    return again


_INCONSISTENT = Verdict.INCONSISTENT.value


def _dates(article: Mapping[str, Any]) -> Iterable[tuple[int, str]]:
    """The draft's dates, as judging reads them, from the article's row (or a
    lookup row, which holds them too)."""
    return zip(article["date_starts"], article["date_values"], strict=True)


def _as_before(finding: Finding, row: Mapping[str, Any]) -> bool:
    """What holding the draft against itself reads of a finding is as it was."""
    return (
        finding.verdict.value == row["rule_verdict"]
        and finding.evidence.strength.value == row["rule_strength"]
    )


def _touched(rows: Sequence[Mapping[str, Any]], judged: frozenset[str] | None) -> set[int]:
    """The positions of the claims judged on one of the keys; a resolution in a
    cited list brings the list along (its verdict reads the others' topics)."""
    if judged is None:
        return set(range(len(rows)))
    touched = {i for i, row in enumerate(rows) if claim_keys(row) & judged}
    lists = {rows[i]["group"] for i in touched if rows[i]["kind"] == "resolution"} - {None}
    touched.update(
        i for i, row in enumerate(rows) if row["kind"] == "resolution" and row["group"] in lists
    )
    return touched


def _change(
    row: Mapping[str, Any],
    article: Mapping[str, Any],
    sentence: str,
    finding: Finding,
    table: ReferenceTable,
) -> Change:
    return Change(
        article=row["article"],
        path=article["path"],
        url=article["url"],
        date=article["date"],
        line=row["line"],
        column=row["column"],
        text=row["text"],
        sentence=sentence,
        kind=row["kind"],
        value=row["value"],
        was=row["verdict"],
        now=finding.verdict.value,
        subject=finding.subject,
        subject_label=finding.subject_label or table.label(finding.subject),
        property=finding.property,
        expected=finding.expected,
        suggestion=finding.suggestion,
        message=finding.message,
        facts=tuple(sorted({*row["facts"], *(f.id for f in finding.facts)})),
        entities=tuple(sorted(set(row["entities"]) | involved_entities(finding, table))),
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
