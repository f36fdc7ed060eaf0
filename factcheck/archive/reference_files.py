"""A reference as the bytes of its CSV files: what is shipped to Dask workers once,
snapshotted into an index, read back from a git revision, and diffed fact by fact.

Workers may run on other machines and cannot be assumed to see the client's
reference folders, so they receive the files themselves and load them once per
process (`table_for`). The same bytes, kept in the index, let a sweep say which
facts changed since the index was built; `at_revision` reads them from git for
`--since`.
"""

from __future__ import annotations

import csv
import hashlib
import io
import subprocess
import tempfile
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import factcheck
from factcheck import ReferenceTable, UsageError

# The lexicon travels with the tables: its words decide what is extracted and how
# it is linked, so a worker must not fall back on the bundled one.
FILES = ("properties.csv", "entities.csv", "facts.csv", "lexicon.csv")


@dataclass(frozen=True, slots=True, kw_only=True)
class ReferenceFiles:
    """The CSV files of one or more reference folders, in merge order (later
    folders override rows by id, as `load_reference` merges them)."""

    folders: tuple[str, ...]  # where they came from, for messages
    files: tuple[tuple[tuple[str, bytes], ...], ...]  # per folder: (name, content)

    @property
    def digest(self) -> str:
        """The reference version: a hash of every file's content, in order."""
        digest = hashlib.sha256()
        for folder in self.files:
            digest.update(b"\1")
            for name, content in folder:
                digest.update(f"\0{name}\0{len(content)}\0".encode())
                digest.update(content)
        return digest.hexdigest()[:32]

    def rows(self, name: str, key: str) -> dict[str, dict[str, str]]:
        """The merged rows of one file by their key column (`id`, `property`)."""
        merged: dict[str, dict[str, str]] = {}
        for folder in self.files:
            for file_name, content in folder:
                if file_name == name:
                    text = content.decode("utf-8-sig", "replace")
                    for row in csv.DictReader(io.StringIO(text)):
                        if row.get(key):
                            merged[row[key]] = {k: v or "" for k, v in row.items() if k}
        return merged

    @property
    def lexicons(self) -> tuple[bytes, ...]:
        """Each folder's lexicon.csv, as `load_reference` reads them."""
        return tuple(
            content for folder in self.files for name, content in folder if name == "lexicon.csv"
        )

    def write(self, target: Path) -> list[Path]:
        """Write the files into `target`/0, /1 ... and return those folders."""
        folders = []
        for i, folder in enumerate(self.files):
            path = target / str(i)
            path.mkdir(parents=True, exist_ok=True)
            for name, content in folder:
                (path / name).write_bytes(content)
            folders.append(path)
        return folders


def from_folders(folders: Sequence[str | Path]) -> ReferenceFiles:
    """Read reference folders (none: the one `load_reference` picks by default)."""
    if not folders:
        folders = [factcheck.load_reference().path]
    for folder in folders:
        if not Path(folder).is_dir():
            raise UsageError(
                "reference folder not found — pass --reference DIR with entities.csv, "
                "facts.csv and properties.csv",
                path=str(folder),
            )
    return ReferenceFiles(
        folders=tuple(str(f) for f in folders),
        files=tuple(
            tuple(
                (name, (Path(f) / name).read_bytes()) for name in FILES if (Path(f) / name).exists()
            )
            for f in folders
        ),
    )


def at_revision(folders: Sequence[str | Path], revision: str) -> ReferenceFiles:
    """The same folders as git holds them at `revision` (`git show REV:path`); a
    file git did not have then counts as empty."""
    if not folders:
        folders = [factcheck.load_reference().path]
    files = []
    for folder in folders:
        _check_revision(Path(folder), revision)
        files.append(
            tuple(
                (name, content)
                for name in FILES
                if (content := _git_show(Path(folder), revision, name)) is not None
            )
        )
    return ReferenceFiles(folders=tuple(str(f) for f in folders), files=tuple(files))


def _git(folder: Path, *arguments: str) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(
            ["git", "-C", str(folder), *arguments], capture_output=True, check=False
        )
    except FileNotFoundError:
        raise UsageError("git is not installed — --since needs it", path=str(folder)) from None


def _check_revision(folder: Path, revision: str) -> None:
    if _git(folder, "rev-parse", "--show-toplevel").returncode != 0:
        raise UsageError(
            "is not in a git repository — --since reads the reference's history from git",
            path=str(folder),
        )
    if _git(folder, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}").returncode:
        raise UsageError(
            f"{revision!r} is not a revision of the git repository holding this folder — "
            "give a commit, tag or branch (git log lists them)",
            path=str(folder),
        )


def _git_show(folder: Path, revision: str, name: str) -> bytes | None:
    shown = _git(folder, "show", f"{revision}:./{name}")
    return shown.stdout if shown.returncode == 0 else None


# -- what changed ----------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True, eq=False)  # one object per row: hashable
class RowChange:
    """One row of the reference as it was and as it is (None: absent then or now)."""

    file: str  # facts.csv, entities.csv or properties.csv
    key: str  # the row's id (a property's name for properties.csv)
    before: Mapping[str, str] | None
    after: Mapping[str, str] | None

    @property
    def entities(self) -> frozenset[str]:
        """The entities a claim must involve for this change to touch it."""
        if self.file == "entities.csv":
            return frozenset({self.key})
        if self.file != "facts.csv":
            return frozenset()
        rows = [r for r in (self.before, self.after) if r]
        return frozenset(r[k] for r in rows for k in ("subject", "value") if r.get(k))

    @property
    def relinks(self) -> bool:
        """Whether the change can tie a claim to another subject or property: names
        and trigger words, and which (subject, property) pairs have facts at all,
        decide links; a fact's value, term or status does not."""
        if self.file != "facts.csv" or self.before is None or self.after is None:
            return True
        return any(self.before.get(k) != self.after.get(k) for k in ("subject", "property"))

    @property
    def properties(self) -> frozenset[str]:
        if self.file == "properties.csv":
            return frozenset({self.key})
        return frozenset()

    def describe(self) -> str:
        """ "F001 ru-az-treaty-1997 signed_on: 1996-07-03 -> 1997-07-03" and the like."""
        if self.file != "facts.csv":
            what = (
                "added" if self.before is None else "removed" if self.after is None else "changed"
            )
            return f"{self.file.removesuffix('.csv')[:-1]} {self.key} {what}"
        row = self.after or self.before or {}
        head = f"{self.key} {row.get('subject', '')} {row.get('property', '')}"
        if self.before is None:
            return f"{head}: added {_shown(row)}"
        if self.after is None:
            return f"{head}: removed (was {_shown(row)})"
        return f"{head}: {_shown(self.before)} → {_shown(self.after)}"

    def to_dict(self) -> dict[str, object]:
        return {
            "file": self.file,
            "id": self.key,
            "before": dict(self.before) if self.before else None,
            "after": dict(self.after) if self.after else None,
            "description": self.describe(),
        }


def _shown(row: Mapping[str, str]) -> str:
    """A fact row's value with what qualifies it: term, status."""
    text = row.get("value", "")
    if row.get("valid_from") or row.get("valid_to"):
        text += f" ({row.get('valid_from') or '?'} – {row.get('valid_to') or 'present'})"
    if row.get("status") and row.get("status") != "established":
        text += f" [{row['status']}]"
    return text


_KEYS = {"facts.csv": "id", "entities.csv": "id", "properties.csv": "property"}
# Columns that never change a verdict: editing a note is not a correction.
_INERT = frozenset({"note", "description", "source_title"})


def changes_between(before: ReferenceFiles, after: ReferenceFiles) -> list[RowChange]:
    """Every row added, removed or changed (beyond notes and descriptions)."""
    changes = []
    for name, key in _KEYS.items():
        old, new = before.rows(name, key), after.rows(name, key)
        for row_id in sorted(old.keys() | new.keys()):
            was, now = old.get(row_id), new.get(row_id)
            if was is not None and now is not None and _essential(was) == _essential(now):
                continue
            changes.append(RowChange(file=name, key=row_id, before=was, after=now))
    return changes


def _essential(row: Mapping[str, str]) -> dict[str, str]:
    return {k: v.strip() for k, v in row.items() if k not in _INERT}


# -- on a worker -------------------------------------------------------------------

_TABLES: dict[str, ReferenceTable] = {}
_LOCK = threading.Lock()


def table_for(files: ReferenceFiles) -> ReferenceTable:
    """The loaded table for these files, built once per process (a worker keeps it
    for every task of the run, and for the next run of the same reference)."""
    digest = files.digest
    with _LOCK:
        if digest not in _TABLES:
            # a folder of this process's own: workers on one machine must not read
            # each other's half-written files. The loaded table reads its SQLite
            # file (in the reference cache, or in memory), not the CSVs.
            with tempfile.TemporaryDirectory(prefix="factcheck-reference-") as folder:
                _TABLES[digest] = factcheck.load_reference(files.write(Path(folder)))
        return _TABLES[digest]
