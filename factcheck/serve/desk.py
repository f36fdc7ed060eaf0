"""What the editor's page works on, without the web: the reference it checks
against (read again whenever its files change on disk), the folder it may write
to, and the checks, stubs and look-ups the page asks for.

Drafts are never kept: each check gets the text, answers, and forgets it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path

import factcheck

from ..document import document_from_text
from ..models import ClaimKind, Entity, Fact, Finding, Report
from ..reference import ReferenceTable, default_reference_path
from ..reference.show import Match, find_entities
from ..reference.stubs import stub_rows
from ..words import normalise
from .curate import append_fact, new_fact_row

REFERENCE_FILES = ("properties.csv", "entities.csv", "facts.csv")

# The kinds of value a claim of each kind can be checked against, for the
# property a new reference row is prefilled with.
_VALUE_TYPES: dict[ClaimKind, tuple[str, ...]] = {
    ClaimKind.DATE: ("date",),
    ClaimKind.YEAR: ("date",),
    ClaimKind.DURATION: ("date",),
    ClaimKind.COUNT: ("count",),
    ClaimKind.PERCENT: ("percent",),
}


@dataclass(frozen=True, slots=True, kw_only=True)
class ReferenceState:
    """The reference as the page describes it."""

    folder: str
    writable: bool
    read_only_reason: str
    facts: int


class Desk:
    """The page's reference and the one folder it writes to (none unless the
    editor named it): a table that stays loaded between requests and is loaded
    again when a CSV file changes, by the page or by anyone else.

    Not for several threads at once: the table's SQLite connection and caches
    are shared, so the web app calls a desk from one worker thread.
    """

    def __init__(self, folder: str | Path | None = None) -> None:
        self.folder = Path(folder) if folder is not None else default_reference_path()
        self.read_only_reason = _read_only_reason(self.folder, named=folder is not None)
        self._stamp: tuple[tuple[int, int], ...] | None = None
        self._table: ReferenceTable | None = None

    @property
    def writable(self) -> bool:
        return not self.read_only_reason

    def state(self) -> ReferenceState:
        return ReferenceState(
            folder=str(self.folder),
            writable=self.writable,
            read_only_reason=self.read_only_reason,
            facts=self.table().fact_count,
        )

    def table(self) -> ReferenceTable:
        stamp = _stamp(self.folder)
        if self._table is None or stamp != self._stamp:
            self._table = factcheck.load_reference(self.folder)
            self._stamp = stamp
        return self._table

    def check(self, text: str, *, as_of: dt.date | None = None, name: str = "<stdin>") -> Report:
        """Check a draft's text as `factcheck check` checks a file of that name."""
        document = document_from_text(text, path=name, kind=_kind(name), as_of=as_of)
        return factcheck.check(document, reference=self.table())

    def stubs(self, report: Report) -> dict[int, dict[str, str]]:
        """For each finding `--stub` would write a row for, that row (by the
        finding's index), with a property guessed from the sentence's words when
        the stub has none."""
        table = self.table()
        rows: dict[int, dict[str, str]] = {}
        for index, finding in enumerate(report.findings):
            # stub_rows reads the report's document and the findings it is given.
            found = stub_rows(replace(report, findings=(finding,)), table)
            if found:
                row = dict(found[0])
                row["property"] = row["property"] or _property_hint(report, finding, table)
                rows[index] = row
        return rows

    def add_fact(self, cells: Mapping[str, str]) -> dict[str, str]:
        """Validate a new fact as `reference lint` would and append it to the
        folder's facts.csv (the previous file kept as facts.csv.bak)."""
        if not self.writable:
            raise ReadOnlyError(self.read_only_reason, path=str(self.folder))
        row = new_fact_row(cells)
        append_fact(self.folder, row)
        return row

    def find(self, query: str, limit: int = 10) -> list[Match]:
        return find_entities(self.table(), query, limit=limit)

    def entity(self, entity_id: str) -> tuple[Entity, tuple[Fact, ...], tuple[Fact, ...]] | None:
        """An entity with the facts about it and the facts whose value it is."""
        table = self.table()
        entity = table.entities.get(entity_id)
        if entity is None:
            return None
        return entity, table.facts_about(entity_id), table.facts_pointing_to(entity_id)


class ReadOnlyError(factcheck.UsageError):
    """A write to a reference the page may not change."""


def _read_only_reason(folder: Path, *, named: bool) -> str:
    if not named:
        return (
            "the page was started without --reference DIR, so it only reads the reference; "
            "copy the reference folder and start factcheck serve --reference COPY to add facts"
        )
    if _is_bundled(folder):
        return (
            "this is the reference shipped with factcheck, which is read-only; copy the folder "
            "and start factcheck serve --reference COPY to add facts"
        )
    missing = [name for name in REFERENCE_FILES if not (folder / name).is_file()]
    if missing:
        return f"the folder has no {missing[0]}, so new rows could not be checked against it"
    return ""


def _is_bundled(folder: Path) -> bool:
    """The reference beside the installed package (or inside it, once it ships there)."""
    package = Path(factcheck.__file__).resolve().parent
    where = folder.resolve()
    return where == package.parent / "reference" or where.is_relative_to(package)


def _stamp(folder: Path) -> tuple[tuple[int, int], ...]:
    stamps = []
    for name in REFERENCE_FILES:
        try:
            status = (folder / name).stat()
            stamps.append((status.st_mtime_ns, status.st_size))
        except OSError:
            stamps.append((0, -1))
    return tuple(stamps)


def _kind(name: str) -> str:
    suffix = Path(name).suffix.lower()
    return {".html": "html", ".htm": "html", ".txt": "txt"}.get(suffix, "md")


def _property_hint(report: Report, finding: Finding, table: ReferenceTable) -> str:
    """The property a trigger word nearest the claim in its sentence names, of a
    value type the claim can be checked against."""
    claim = finding.claim
    wanted = _VALUE_TYPES.get(claim.kind, ())
    if claim.kind is ClaimKind.COUNT:  # the counted noun names the property, as in link.py
        named = table.triggers.get(normalise(claim.unit))
        return next((p for p in named if table.properties[p].value_type in wanted), "")
    document = report.document
    start, end = document.sentence_at(claim.span.start)
    found = []
    for t_start, t_end, props in table.find_triggers(document.scan[start:end]):
        distance = min(abs(start + t_start - claim.span.end), abs(claim.span.start - start - t_end))
        found.extend((distance, p) for p in props if table.properties[p].value_type in wanted)
    return min(found)[1] if found else ""
