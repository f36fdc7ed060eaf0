"""`factcheck reference lint`: every problem in a reference folder, not just the first.

Row checks are the ones loading applies (rows.py); on top of them come the
checks across rows that a curator needs before a pull request: disputed figures
with a single position, aliases two entities share without saying so, two people
in a single-holder office at once, and cell text a spreadsheet would run as a
formula.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Mapping
from pathlib import Path

from ..datetext import interval
from ..errors import ReferenceError
from ..lexicon import lexicon_row_problems, lexicon_rows
from ..models import Entity, Fact, Property
from ..words import normalise
from .rows import (
    ENTITY_COLUMNS,
    FACT_COLUMNS,
    PROPERTY_COLUMNS,
    Problem,
    entity_from_row,
    entity_row_problems,
    fact_row_problems,
    property_from_row,
    property_row_problems,
    read_rows,
)

# Columns of free text, where a leading = + - @ would be run by a spreadsheet.
TEXT_COLUMNS = {
    "entities.csv": ("label", "aliases", "description"),
    "facts.csv": ("unit", "source_title", "note"),
    "properties.csv": ("triggers", "description"),
    "lexicon.csv": ("word", "note"),
}
FORMULA_STARTS = ("=", "+", "-", "@")
# An office is held by one person at a time unless its description says otherwise.
SHARED_OFFICE_MARK = "one of several"


def lint_reference(folder: str | Path) -> list[Problem]:
    folder = Path(folder)
    if not folder.is_dir():
        return [
            Problem(
                str(folder),
                None,
                "reference folder not found — give the folder "
                "with entities.csv, facts.csv and properties.csv",
            )
        ]
    problems: list[Problem] = []
    rows = {
        name: _rows(folder / name, columns, problems)
        for name, columns in (
            ("properties.csv", PROPERTY_COLUMNS),
            ("entities.csv", ENTITY_COLUMNS),
            ("facts.csv", FACT_COLUMNS),
        )
    }
    rows["lexicon.csv"] = _lexicon_rows(folder / "lexicon.csv", problems)
    for name, table in rows.items():
        problems.extend(_formula_problems(folder / name, table, TEXT_COLUMNS[name]))
    words: set[tuple[str, str]] = set()
    for line, row in rows["lexicon.csv"]:
        found = list(lexicon_row_problems(row, words))
        problems.extend(Problem(str(folder / "lexicon.csv"), line, m) for m in found)
        words.add((row["category"], row["word"]))
    properties: dict[str, Property] = {}
    for line, row in rows["properties.csv"]:
        found = list(property_row_problems(row, properties))
        problems.extend(Problem(str(folder / "properties.csv"), line, m) for m in found)
        if row["property"] and row["property"] not in properties:
            properties[row["property"]] = property_from_row(row)
    entities: dict[str, Entity] = {}
    entity_lines: dict[str, int] = {}
    for line, row in rows["entities.csv"]:
        found = list(entity_row_problems(row, entities))
        problems.extend(Problem(str(folder / "entities.csv"), line, m) for m in found)
        if row["id"] and row["id"] not in entities:
            entities[row["id"]] = entity_from_row(row)
            entity_lines[row["id"]] = line
    facts: list[Fact] = []
    seen: set[str] = set()
    for line, row in rows["facts.csv"]:
        found = list(fact_row_problems(row, seen, entities, properties))
        problems.extend(Problem(str(folder / "facts.csv"), line, m) for m in found)
        seen.add(row["id"])
        if not found:
            facts.append(Fact(line=line, **row))
    problems.extend(_alias_problems(folder / "entities.csv", entities, entity_lines))
    problems.extend(_dispute_problems(folder / "facts.csv", facts))
    term = next((p.property for p in properties.values() if p.role == "term"), "")
    problems.extend(_office_problems(folder / "facts.csv", facts, entities, term))
    return sorted(problems, key=lambda p: (p.path, p.line or 0, p.message))


def _rows(
    path: Path, columns: tuple[str, ...], problems: list[Problem]
) -> list[tuple[int, dict[str, str]]]:
    try:
        return list(read_rows(path, columns))
    except ReferenceError as error:
        problems.append(Problem(error.path or str(path), error.line, error.detail))
        return []


def _lexicon_rows(path: Path, problems: list[Problem]) -> list[tuple[int, dict[str, str]]]:
    """A folder may go without a lexicon (the bundled one is used then)."""
    if not path.exists():
        return []
    try:
        return list(lexicon_rows(path))
    except ReferenceError as error:
        problems.append(Problem(error.path or str(path), error.line, error.detail))
        return []


def _formula_problems(
    path: Path, rows: list[tuple[int, dict[str, str]]], columns: tuple[str, ...]
) -> Iterator[Problem]:
    for line, row in rows:
        for column in columns:
            cells = row[column].split("|") if column in ("aliases", "triggers") else [row[column]]
            for cell in cells:
                if cell.strip().startswith(FORMULA_STARTS):
                    yield Problem(
                        str(path),
                        line,
                        f"{column} {cell.strip()!r} starts with {cell.strip()[0]!r}, which a "
                        "spreadsheet runs as a formula — reword it so it starts with a letter "
                        "or digit",
                    )


def _alias_problems(
    path: Path, entities: Mapping[str, Entity], lines: Mapping[str, int]
) -> Iterator[Problem]:
    owners: dict[tuple[str, ...], list[str]] = defaultdict(list)
    for entity in entities.values():
        for name in {normalise(n) for n in (entity.label, *entity.aliases)}:
            if name:
                owners[name].append(entity.id)
    for name, ids in owners.items():
        if len(ids) < 2:
            continue
        alias = " ".join(name)
        unexplained = [i for i in ids if alias not in " ".join(normalise(entities[i].description))]
        if not unexplained:
            continue  # every description says which one the alias means
        first, *others = sorted(ids, key=lambda i: lines[i])
        for other in others:
            yield Problem(
                str(path),
                lines[other],
                f"alias {alias!r} of {other!r} is also an alias of {first!r} (line "
                f"{lines[first]}) — drop it from one, or name it in both descriptions to say "
                "which one it means",
            )


def _dispute_problems(path: Path, facts: list[Fact]) -> Iterator[Problem]:
    positions: dict[tuple[str, str], list[Fact]] = defaultdict(list)
    for fact in facts:
        if fact.status == "disputed":
            positions[(fact.subject, fact.property)].append(fact)
    for (subject, prop), rows in positions.items():
        if len(rows) == 1:
            yield Problem(
                str(path),
                rows[0].line,
                f"{subject} {prop} is disputed but has one position — add a row for each "
                "competing figure with its source, or mark it established",
            )


def _office_problems(
    path: Path, facts: list[Fact], entities: Mapping[str, Entity], term: str
) -> Iterator[Problem]:
    """Two people in a single-holder office at once (`term` is the property whose
    role is a term of office)."""
    terms: dict[str, list[Fact]] = defaultdict(list)
    for fact in facts:
        post = entities.get(fact.value)
        if (
            fact.property == term
            and post is not None
            and post.type == "office"
            and not post.description.lower().startswith(SHARED_OFFICE_MARK)
        ):
            terms[fact.value].append(fact)
    for office, held in terms.items():
        held.sort(key=_start)
        for index, later in enumerate(held):
            for earlier in held[:index]:
                if earlier.subject != later.subject and _latest_start(later) < _end(earlier):
                    yield Problem(
                        str(path),
                        later.line,
                        f"{later.subject} holds {office} from {later.valid_from or '?'} while "
                        f"{earlier.subject} (line {earlier.line}) holds it until "
                        f"{earlier.valid_to or 'now'} — one person holds this office at a "
                        f"time; fix the dates, or start its description with "
                        f"'{SHARED_OFFICE_MARK.capitalize()}'",
                    )


def _start(fact: Fact) -> str:
    return interval(fact.valid_from).first.isoformat() if fact.valid_from else "0000"


def _latest_start(fact: Fact) -> str:
    return interval(fact.valid_from).last.isoformat() if fact.valid_from else "0000"


def _end(fact: Fact) -> str:
    # Only a certain overlap is a problem: a partial start ("1992-05") is read as
    # its last day and a partial end ("2021-07") as its first, so a successor
    # named in the month (or year) the predecessor left is not flagged.
    return interval(fact.valid_to).first.isoformat() if fact.valid_to else "9999"
