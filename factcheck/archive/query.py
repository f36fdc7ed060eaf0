"""Questions answered from the index's Parquet parts with DuckDB, without a
cluster: the rows of some articles, and every claim about a subject (`archive
find`)."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import store
from .reference_files import table_for

_FOUND_COLUMNS = (
    "article",
    "path",
    "url",
    "date",
    "line",
    "column",
    "kind",
    "text",
    "value",
    "title",
    "subject",
    "property",
    "verdict",
    "expected",
    "sentence",
)


def _connect() -> Any:
    import duckdb  # imported when a question is asked: `factcheck check` never needs it

    return duckdb.connect(":memory:")


def rows_of(
    folder: Path,
    manifest: store.Manifest,
    table: str,
    columns: Sequence[str],
    articles: Collection[str],
) -> list[dict[str, Any]]:
    """The rows of these articles in one table of every part, in one scan: for a
    few articles in each of many parts two to three times faster than reading the
    parts one by one (each part costs its opening, whatever is read of it)."""
    if not articles or not manifest.parts:
        return []
    selected = ", ".join(f'"{name}"' for name in columns)
    return (
        _connect()
        .sql(
            f"SELECT {selected} FROM read_parquet($files) "
            "WHERE article IN (SELECT unnest($articles))",
            params={"files": store.part_files(folder, manifest, table), "articles": list(articles)},
        )
        .to_arrow_table()
        .to_pylist()
    )


@dataclass(frozen=True, slots=True, kw_only=True)
class FindResult:
    subjects: tuple[str, ...]  # the entity ids searched for
    claims: tuple[dict[str, Any], ...]

    @property
    def articles(self) -> int:
        return len({c["article"] for c in self.claims})

    def to_dict(self) -> dict[str, Any]:
        return {
            "subjects": list(self.subjects),
            "summary": {"claims": len(self.claims), "articles": self.articles},
            "claims": list(self.claims),
        }


def find_claims(
    index: str | Path, subject: str, *, prop: str | None = None, value: str | None = None
) -> FindResult:
    """Every stored claim about `subject` (an entity id, or a name the index's
    reference knows), optionally only of property `prop` and value `value` (a
    claim's value, the title it gives, or an entity its verdict involved, such
    as the office of "Foreign Minister X")."""
    folder = Path(index).resolve()
    with store.opened(folder, write=False) as manifest:
        return _find(folder, manifest, subject, prop, value)


def _find(
    folder: Path, manifest: store.Manifest, subject: str, prop: str | None, value: str | None
) -> FindResult:
    subjects = _subjects(folder, manifest, subject)
    if not manifest.parts:
        return FindResult(subjects=subjects, claims=())
    where = [f"subject IN ({', '.join('?' for _ in subjects)})"]
    arguments: list[Any] = [*subjects]
    if prop:
        where.append("property = ?")
        arguments.append(prop)
    if value:
        where.append(
            "(lower(value) = lower(?) OR contains(lower(title), lower(?)) "
            "OR list_contains(entities, ?))"
        )
        arguments.extend([value, value, value])
    query = (
        f"SELECT {', '.join(_quoted(c) for c in _FOUND_COLUMNS)} FROM read_parquet(?) "
        f'WHERE {" AND ".join(where)} ORDER BY date, article, line, "column"'
    )
    result = _connect().execute(query, [store.part_files(folder, manifest, "claims"), *arguments])
    names = [d[0] for d in result.description]
    return FindResult(
        subjects=subjects,
        claims=tuple(dict(zip(names, row, strict=True)) for row in result.fetchall()),
    )


def _quoted(column: str) -> str:
    return f'"{column}"'


def _subjects(folder: Path, manifest: store.Manifest, subject: str) -> tuple[str, ...]:
    """The id as given when the index's reference has it, else the entities one of
    whose names it is ("Bayramov", "Jeyhun Bayramov")."""
    if not manifest.parts:
        return (subject,)
    table = table_for(store.saved_reference(folder, manifest))
    if subject in table.entities:
        return (subject,)
    return table.lookup(subject) or (subject,)
