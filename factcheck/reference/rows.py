"""The reference's CSV files: their columns, reading them row by row (pandas lives
here and nowhere else; every value is read as text, "NA" and "None" stay words),
and what makes a row valid. Loading and `reference lint` both check rows here."""

from __future__ import annotations

import csv
import re
from collections.abc import Container, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from ..datetext import interval
from ..errors import ReferenceError
from ..models import Entity, Property

ENTITY_COLUMNS = ("id", "label", "type", "aliases", "description")
FACT_COLUMNS = (
    "id",
    "subject",
    "property",
    "value",
    "unit",
    "tolerance",
    "valid_from",
    "valid_to",
    "status",
    "source_url",
    "source_title",
    "note",
)
PROPERTY_COLUMNS = ("property", "value_type", "role", "triggers", "description")

ENTITY_TYPES = frozenset(
    {
        "person",
        "country",
        "organization",
        "office",
        "treaty",
        "resolution",
        "event",
        "place",
        "figure",
    }
)
VALUE_TYPES = frozenset({"date", "number", "percent", "count", "entity"})
STATUSES = frozenset({"established", "disputed", "false"})
# The properties the verifier reads in a particular way, by what they mean. Each
# role belongs to one property at most, except those in SHARED_ROLES.
ROLES: dict[str, str] = {
    "term": "the office a person held, valid_from/valid_to bounding the term",
    "topic": "what a resolution or instrument concerns",
    "adoption": "when a resolution was adopted",
    "end": "when a thing or a state ended (an office abolished, a territory returned)",
    "resolution_count": "how many resolutions concern a topic (a list is then complete)",
    "capital": "the country a capital stands for in a title ('the ambassador in Moscow')",
}
SHARED_ROLES = frozenset({"end"})
# Rows read (and written to the cache) at a time: a million rows never sit in memory.
BATCH = 20_000

_PARTIAL_DATE = re.compile(r"\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?")


def read_rows(path: Path, columns: tuple[str, ...]) -> Iterator[tuple[int, dict[str, str]]]:
    """The rows of a CSV file as (line, {column: text}), read in chunks so that
    a million rows never sit in memory at once."""
    import pandas as pd  # imported here: only reading the CSV files needs it

    if not path.exists():
        raise ReferenceError(
            f"missing — the reference needs {path.name} with columns {', '.join(columns)}",
            path=str(path),
        )
    _check_header(path, columns)
    try:
        chunks = pd.read_csv(
            path,
            dtype=str,
            keep_default_na=False,
            na_filter=False,
            encoding="utf-8",
            skip_blank_lines=True,
            chunksize=BATCH,
        )
        line = 2  # the header is line 1; quoted cells never span lines here
        for chunk in chunks:
            for values in chunk.itertuples(index=False, name=None):
                yield line, {c: str(v).strip() for c, v in zip(columns, values, strict=True)}
                line += 1
    except UnicodeDecodeError:
        raise ReferenceError("is not valid UTF-8 — save it as UTF-8", path=str(path)) from None
    except pd.errors.ParserError as error:
        found = re.search(r"line (\d+)", str(error))
        raise ReferenceError(
            "a row has more cells than the header — quote cells that contain commas",
            path=str(path),
            line=int(found[1]) if found else None,
        ) from None


def _check_header(path: Path, columns: tuple[str, ...]) -> None:
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            header = [c.strip() for c in next(csv.reader(handle), [])]
    except UnicodeDecodeError:
        raise ReferenceError("is not valid UTF-8 — save it as UTF-8", path=str(path)) from None
    if not header:
        raise ReferenceError(f"is empty — it needs the header {','.join(columns)}", path=str(path))
    missing = [c for c in columns if c not in header]
    extra = [c for c in header if c not in columns]
    if missing or extra or header != list(columns):
        what = (
            f"missing column {missing[0]!r}"
            if missing
            else f"unknown column {extra[0]!r}"
            if extra
            else "columns out of order"
        )
        raise ReferenceError(
            f"{what} — the header must be {','.join(columns)}", path=str(path), line=1
        )


@dataclass(frozen=True, slots=True)
class Problem:
    """What is wrong with a reference file or row, and how to fix it."""

    path: str
    line: int | None
    message: str

    def __str__(self) -> str:
        return (
            f"{self.path}:{self.line}: {self.message}"
            if self.line
            else (f"{self.path}: {self.message}")
        )

    def error(self) -> ReferenceError:
        return ReferenceError(self.message, path=self.path, line=self.line)


def property_from_row(row: Mapping[str, str]) -> Property:
    return Property(
        property=row["property"],
        value_type=row["value_type"],
        role=row["role"],
        triggers=tuple(t.strip() for t in row["triggers"].split("|") if t.strip()),
        description=row["description"],
    )


def entity_from_row(row: Mapping[str, str]) -> Entity:
    return Entity(
        id=row["id"],
        label=row["label"],
        type=row["type"],
        aliases=tuple(a.strip() for a in row["aliases"].split("|") if a.strip()),
        description=row["description"],
    )


def property_row_problems(row: Mapping[str, str], known: Mapping[str, Property]) -> Iterator[str]:
    name = row["property"]
    if not name:
        yield "empty property — every row needs one"
    elif name in known:
        yield f"property {name!r} is defined twice — keep one row"
    if row["value_type"] not in VALUE_TYPES:
        yield f"value_type {row['value_type']!r} is not one of {', '.join(sorted(VALUE_TYPES))}"
    role = row["role"]
    if role and role not in ROLES:
        yield f"role {role!r} is not one of {', '.join(ROLES)} — or leave it empty"
    holder = next(
        (
            p.property
            for p in known.values()
            if role and p.role == role and role not in SHARED_ROLES
        ),
        "",
    )
    if holder:
        yield f"role {role!r} is already {holder}'s — a role belongs to one property"


def entity_row_problems(row: Mapping[str, str], known: Container[str]) -> Iterator[str]:
    for column in ("id", "label"):
        if not row[column]:
            yield f"empty {column} — every row needs one"
    if row["id"] and row["id"] in known:
        yield f"entity id {row['id']!r} is used twice — ids must be unique"
    if row["type"] not in ENTITY_TYPES:
        yield f"type {row['type']!r} is not one of {', '.join(sorted(ENTITY_TYPES))}"


def fact_row_problems(
    row: Mapping[str, str],
    seen: set[str],
    entities: Container[str],
    properties: Mapping[str, Property],
) -> Iterator[str]:
    empty = [c for c in ("id", "subject", "property", "value", "status") if not row[c]]
    for column in empty:
        yield f"empty {column} — every row needs one"
    if row["id"] and row["id"] in seen:
        yield f"fact id {row['id']!r} is used twice — ids must be unique"
    if row["subject"] and row["subject"] not in entities:
        yield (
            f"subject {row['subject']!r} is not an entity in entities.csv "
            "— add the entity or fix the id"
        )
    prop = properties.get(row["property"])
    if row["property"] and prop is None:
        yield (
            f"property {row['property']!r} is not in properties.csv — add it there or fix the name"
        )
    if row["status"] and row["status"] not in STATUSES:
        yield f"status {row['status']!r} is not one of {', '.join(sorted(STATUSES))}"
    if prop is not None and row["value"]:
        yield from _value_problems(row["value"], prop, entities)
    bounds_ok = True
    for column in ("valid_from", "valid_to"):
        if row[column] and not _PARTIAL_DATE.fullmatch(row[column]):
            bounds_ok = False
            yield f"{column} {row[column]!r} is not a date — write YYYY, YYYY-MM or YYYY-MM-DD"
    if (
        bounds_ok
        and row["valid_from"]
        and row["valid_to"]
        and interval(row["valid_from"]).first > interval(row["valid_to"]).last
    ):
        yield "valid_from is after valid_to — swap or fix them"
    if row["tolerance"] and not _is_number(row["tolerance"]):
        yield f"tolerance {row['tolerance']!r} is not a number — write e.g. 0.5"
    if row["status"] in ("established", "disputed") and not re.match(
        r"https?://\S+$", row["source_url"]
    ):
        yield (
            "an established or disputed fact needs a source_url starting with http:// or "
            "https:// — add the public page that states it"
        )


def _value_problems(value: str, prop: Property, entities: Container[str]) -> Iterator[str]:
    kind = prop.value_type
    if kind == "date":
        parts = value.split("/")
        if len(parts) > 2 or not all(_PARTIAL_DATE.fullmatch(p) for p in parts):
            yield (
                f"value {value!r} of {prop.property} is not a date — write YYYY, YYYY-MM, "
                "YYYY-MM-DD or a range FROM/TO"
            )
    elif kind == "entity":
        if value not in entities:
            yield f"value {value!r} of {prop.property} is not an entity id in entities.csv"
    elif not _is_number(value):
        yield (
            f"value {value!r} of {prop.property} is not a number — "
            "write digits without separators, e.g. 86600"
        )


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True
