"""A fact added from the editor's page: checked by `reference lint` against the
folder it joins, then appended to that folder's facts.csv in one step.

The new file is written beside the old one and moved over it, so a reader sees
the old file or the new one, never half of either; the old file stays as
facts.csv.bak. Nothing else in the folder is touched.
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path

from ..errors import UsageError
from ..reference import FACT_COLUMNS, Problem
from ..reference.lint import lint_reference

# Cells the editor fills in; the id is made from what the row states.
EDITABLE = tuple(c for c in FACT_COLUMNS if c != "id")
_MAX_CELL = 2000


class FactRowError(UsageError):
    """A new fact that `reference lint` (or a simpler check) refuses."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("; ".join(problems))


def new_fact_row(cells: Mapping[str, object]) -> dict[str, str]:
    """The row as it will be written: every column, cells trimmed, the status
    `established` unless given, and an id no other row has unless it states
    the same fact."""
    unknown = sorted(set(cells) - set(EDITABLE))
    if unknown:
        columns = ", ".join(EDITABLE)
        raise FactRowError([f"unknown column {unknown[0]!r} — the columns are {columns}"])
    row = {column: str(cells.get(column) or "").strip() for column in FACT_COLUMNS}
    problems = [
        f"{column} holds a line break or a control character — keep each cell on one line"
        for column, value in row.items()
        if any(ord(c) < 32 for c in value)
    ]
    problems += [
        f"{column} is longer than {_MAX_CELL} characters — shorten it"
        for column, value in row.items()
        if len(value) > _MAX_CELL
    ]
    if not row["source_url"]:
        problems.append("a new fact needs a source_url — the public page that states it")
    if problems:
        raise FactRowError(problems)
    row["status"] = row["status"] or "established"
    stated = "\x1f".join(row[c] for c in ("subject", "property", "value", "valid_from", "valid_to"))
    row["id"] = "F-" + hashlib.sha256(stated.encode("utf-8")).hexdigest()[:10]
    return row


def append_fact(folder: Path, row: Mapping[str, str]) -> Path:
    """Append `row` to folder/facts.csv if `reference lint` finds no new problem
    with it; returns the backup of the previous file."""
    target = folder / "facts.csv"
    before = target.read_bytes()
    after = _appended(before, row)
    problems = _new_problems(folder, after)
    if problems:
        raise FactRowError(problems)
    backup = folder / "facts.csv.bak"
    _write_atomically(backup, before, like=target)
    _write_atomically(target, after, like=target)
    return backup


def _appended(content: bytes, row: Mapping[str, str]) -> bytes:
    newline = "\r\n" if b"\r\n" in content[:4096] else "\n"
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator=newline).writerow([row[c] for c in FACT_COLUMNS])
    separator = b"" if not content or content.endswith(b"\n") else newline.encode()
    return content + separator + buffer.getvalue().encode("utf-8")


def _new_problems(folder: Path, facts: bytes) -> list[str]:
    """What `reference lint` says of the folder with the new facts.csv and did not
    say of it before (a fact can break a rule across rows: two holders of one
    office at once, a dispute with a single position)."""
    with tempfile.TemporaryDirectory(prefix="factcheck-new-fact-") as scratch:
        candidate = Path(scratch)
        for name in ("properties.csv", "entities.csv"):
            shutil.copyfile(folder / name, candidate / name)
        (candidate / "facts.csv").write_bytes(facts)
        known = {_key(p) for p in lint_reference(folder)}
        new_line = sum(1 for line in facts.splitlines() if line.strip())
        return [_described(p, new_line) for p in lint_reference(candidate) if _key(p) not in known]


def _described(problem: Problem, new_line: int) -> str:
    name = Path(problem.path).name
    if (name, problem.line) == ("facts.csv", new_line):
        return problem.message  # the new row's own problem
    where = f"{name}:{problem.line}" if problem.line else name
    return f"{where}: {problem.message}"


def _key(problem: Problem) -> tuple[str, int | None, str]:
    return Path(problem.path).name, problem.line, problem.message


def _write_atomically(path: Path, content: bytes, *, like: Path) -> None:
    handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(content)
            file.flush()
            os.fsync(file.fileno())
        shutil.copymode(like, name)
        os.replace(name, path)
    except BaseException:
        Path(name).unlink(missing_ok=True)
        raise
