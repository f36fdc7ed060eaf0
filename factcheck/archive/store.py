"""The index folder: Parquet parts, the manifest that says which parts are live,
and the reference snapshot the stored verdicts were judged against.

```
DIR/manifest.json          format, reference version, live parts, runs
DIR/articles/PART.parquet  one row per article (rows.ARTICLES)
DIR/claims/PART.parquet    one row per claim (rows.CLAIMS)
DIR/keys/PART.parquet      (key, article), sorted by key (rows.KEYS)
DIR/lookup/NAME/           the live parts' claims and keys, for `--since` (lookup.py)
DIR/reference/V/N/*.csv    the reference (version V) the verdicts were judged against
```

Parts are written by the workers and never changed: a run that re-indexes an
article writes it into a new part and rewrites the old part without it. Readers
take the parts the manifest lists; the manifest is replaced in one step, so an
interrupted run leaves the previous index whole (its stray files are removed
by the next run).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
from collections.abc import Collection, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from factcheck import UsageError, __version__

from .reference_files import FILES, ReferenceFiles
from .rows import ARTICLES, CLAIMS, KEYS, key_rows, string_array

FORMAT = "factcheck/archive/v4"
MANIFEST = "manifest.json"
TABLES = {"articles": ARTICLES, "claims": CLAIMS, "keys": KEYS}
# Small row groups let a reader that wants a few articles skip the rest of a part.
_ROW_GROUPS = {"articles": 256, "claims": 4096, "keys": 16384}
LOOKUP = "lookup"  # lookup.py's files, one folder per version


@dataclass(frozen=True, slots=True, kw_only=True)
class Part:
    name: str
    articles: int
    claims: int


@dataclass(frozen=True, slots=True, kw_only=True)
class Manifest:
    reference: str = ""  # the digest of the reference the verdicts were judged against
    reference_folders: tuple[str, ...] = ()
    parts: tuple[Part, ...] = ()
    runs: tuple[Mapping[str, Any], ...] = ()
    lookup: str = ""  # the lookup of these parts (lookup.py; "" when there are none)
    format: str = FORMAT
    factcheck: str = __version__

    @property
    def articles(self) -> int:
        return sum(p.articles for p in self.parts)

    @property
    def claims(self) -> int:
        return sum(p.claims for p in self.parts)

    def to_dict(self) -> dict[str, Any]:
        return {
            "format": self.format,
            "factcheck": self.factcheck,
            "reference": {"version": self.reference, "folders": list(self.reference_folders)},
            "articles": self.articles,
            "claims": self.claims,
            "parts": [asdict(p) for p in self.parts],
            "lookup": self.lookup,
            "runs": [dict(r) for r in self.runs],
        }


def read_manifest(folder: Path, *, create: bool = False) -> Manifest:
    """The index in `folder`; with `create`, an empty one for a new or empty folder."""
    path = folder / MANIFEST
    if not path.exists():
        if create and (not folder.exists() or {p.name for p in folder.iterdir()} <= {_LOCK}):
            return Manifest()
        if create:
            raise UsageError(
                "exists and is not a factcheck archive index — give a new or empty folder "
                "to --into, or the folder of an existing index",
                path=str(folder),
            )
        raise UsageError(
            "is not a factcheck archive index — build one with "
            "`factcheck archive index SOURCE --into DIR`",
            path=str(folder),
        )
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("format") != FORMAT:
            raise UsageError(
                f"is an index of format {data.get('format')!r}, not {FORMAT} — "
                "index the archive again into a new folder",
                path=str(path),
            )
        return Manifest(
            reference=data["reference"]["version"],
            reference_folders=tuple(data["reference"]["folders"]),
            parts=tuple(Part(**p) for p in data["parts"]),
            lookup=data["lookup"],
            runs=tuple(data["runs"]),
            factcheck=data["factcheck"],
        )
    except (ValueError, KeyError, TypeError) as error:
        raise UsageError(
            f"cannot be read ({type(error).__name__}: {error}) — index the archive again "
            "into a new folder",
            path=str(path),
        ) from None


@contextmanager
def opened(folder: Path, *, write: bool) -> Iterator[Manifest]:
    """The index's manifest, held for one writer or any number of readers (an
    advisory lock, released if the process dies). A folder that is not an index
    is refused before anything is written into it."""
    read_manifest(folder, create=write)
    try:
        import fcntl
    except ImportError:  # no advisory locks (Windows): run one command at a time
        yield read_manifest(folder, create=write)
        return
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / _LOCK, "a+b") as handle:
        try:
            fcntl.flock(handle, (fcntl.LOCK_EX if write else fcntl.LOCK_SH) | fcntl.LOCK_NB)
        except BlockingIOError:
            raise UsageError(
                f"another factcheck command is {'using' if write else 'updating'} this "
                "index — wait for it to finish",
                path=str(folder),
            ) from None
        yield read_manifest(folder, create=write)


_LOCK = ".lock"


def commit(folder: Path, manifest: Manifest) -> None:
    """Make `manifest` the index (one atomic replace), then remove what it no
    longer lists."""
    folder.mkdir(parents=True, exist_ok=True)
    staged = folder / f".{MANIFEST}.{os.getpid()}"
    staged.write_text(json.dumps(manifest.to_dict(), indent=1) + "\n", encoding="utf-8")
    os.replace(staged, folder / MANIFEST)
    live = {p.name for p in manifest.parts}
    for table in TABLES:
        for path in (folder / table).glob("*.parquet"):
            if path.stem not in live:
                path.unlink(missing_ok=True)
    for path in (folder / LOOKUP).glob("*"):
        if path.name != manifest.lookup:
            shutil.rmtree(path, ignore_errors=True)
    for path in (folder / "reference").glob("*"):
        if path.name != manifest.reference:
            shutil.rmtree(path, ignore_errors=True)


def discard(folder: Path, prefix: str) -> None:
    """Remove the parts a failed run wrote (their names start with `prefix`)."""
    for table in TABLES:
        for path in (folder / table).glob(f"{prefix}*.parquet"):
            path.unlink(missing_ok=True)
    for path in (folder / LOOKUP).glob(f"{prefix}*"):
        shutil.rmtree(path, ignore_errors=True)


def part_files(folder: Path, manifest: Manifest, table: str) -> list[str]:
    return [str(folder / table / f"{p.name}.parquet") for p in manifest.parts]


def write_part(
    folder: Path,
    name: str,
    articles: Sequence[Mapping[str, Any]],
    claims: Sequence[Mapping[str, Any]],
) -> Part:
    """Write one part's three files (by the worker that indexed its articles)."""
    tables = {
        "articles": sorted(articles, key=lambda r: r["article"]),
        "claims": sorted(claims, key=lambda r: (r["article"], r["start"])),
        "keys": list(key_rows(articles, claims)),
    }
    for table, rows in tables.items():
        target = folder / table / f"{name}.parquet"
        target.parent.mkdir(parents=True, exist_ok=True)
        schema = TABLES[table]
        # column by column: faster than Table.from_pylist
        columns = {name: [row[name] for row in rows] for name in schema.names}
        _write(pa.table(columns, schema=schema), target, table)
    return Part(name=name, articles=len(articles), claims=len(claims))


def _write(data: pa.Table, target: Path, table: str) -> None:
    staged = target.with_name(f".{target.name}.{os.getpid()}")
    pq.write_table(data, staged, compression="zstd", row_group_size=_ROW_GROUPS[table])
    os.replace(staged, target)


def read_part(
    folder: Path,
    table: str,
    part: str,
    articles: Collection[str] | None = None,
    columns: Sequence[str] | None = None,
) -> pa.Table:
    """One table of one part, optionally only some articles' rows."""
    data = pq.read_table(folder / table / f"{part}.parquet", columns=columns)
    if articles is None:
        return data
    # filtered here, not with read_table's filters: those go through a dataset scan
    # that costs several times the read of a whole part
    wanted = string_array(list(articles))
    return data.filter(pa.compute.is_in(data["article"], value_set=wanted))


def rewrite_without(folder: Path, part: Part, articles: Collection[str], name: str) -> Part | None:
    """`part` without the rows of `articles`, written as part `name` (None if
    nothing is left)."""
    drop = string_array(list(articles))
    counts = {}
    kept_tables = {}
    for table in TABLES:
        data = pq.read_table(folder / table / f"{part.name}.parquet")
        kept = data.filter(pa.compute.invert(pa.compute.is_in(data["article"], value_set=drop)))
        kept_tables[table] = kept
        counts[table] = kept.num_rows
    if counts["articles"] == 0:
        return None
    for table, kept in kept_tables.items():
        _write(kept, folder / table / f"{name}.parquet", table)
    return replace(part, name=name, articles=counts["articles"], claims=counts["claims"])


def known_digests(folder: Path, manifest: Manifest) -> dict[str, tuple[str, str]]:
    """Article id -> (digest, part) of everything the index holds."""
    known: dict[str, tuple[str, str]] = {}
    for part in manifest.parts:
        data = read_part(folder, "articles", part.name, columns=["article", "digest"])
        for article, digest in zip(
            data["article"].to_pylist(), data["digest"].to_pylist(), strict=True
        ):
            known[article] = (digest, part.name)
    return known


# -- the reference snapshot ----------------------------------------------------------


def save_reference(folder: Path, files: ReferenceFiles) -> None:
    """Keep the reference's files beside the parts, under its version."""
    target = folder / "reference" / files.digest
    if target.exists():
        return
    staged = folder / "reference" / f".{files.digest}.{os.getpid()}"
    shutil.rmtree(staged, ignore_errors=True)
    files.write(staged)
    os.replace(staged, target)


def saved_reference(folder: Path, manifest: Manifest) -> ReferenceFiles:
    """The reference the index's verdicts were judged against."""
    saved = folder / "reference" / manifest.reference
    parts = sorted((p for p in saved.iterdir() if p.is_dir()), key=lambda p: int(p.name))
    return ReferenceFiles(
        folders=manifest.reference_folders,
        files=tuple(
            tuple((name, (p / name).read_bytes()) for name in FILES if (p / name).exists())
            for p in parts
        ),
    )


def run_record(**counts: Any) -> dict[str, Any]:
    return {"at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"), **counts}
