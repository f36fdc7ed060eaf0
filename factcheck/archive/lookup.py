"""The lookup: what `--since` reads, in two files of its own beside the parts,
written again by every index run that changes the parts.

```
DIR/lookup/NAME/claims.parquet  every claim that holds a key (rows.claim_keys), with
                                its sentence and its article's dates, sorted by
                                subject and property; its metadata says which row
                                groups hold each key
DIR/lookup/NAME/keys.parquet    the parts' keys tables in one, sorted by key
```

Parquet is a scan format: the claims a corrected fact touches are spread over
every part (one in twenty articles, say), and a scan of the parts must open each
and decompress all of it. Sorted together, they lie in a few row groups of one
file, and the sweep reads only those; each claim is then judged from its sentence
(rows.window_document) without its article.
"""

from __future__ import annotations

import json
import shutil
from collections import defaultdict
from collections.abc import Collection, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from . import store
from .rows import LOOKUP_ARTICLE_COLUMNS, LOOKUP_CLAIM_COLUMNS, holding, keys_held, string_array

# Sorted by subject and property, the claims one corrected fact touches lie in a
# few row groups; small ones leave little else to read.
_CLAIMS_ROW_GROUP = 2048
_KEYS_ROW_GROUP = 16384
_GROUPS_OF_KEYS = b"factcheck.groups_of_keys"
_SORT_MEMORY = "512MB"
_SPILL = "spill"


def write_lookup(folder: Path, parts: Sequence[store.Part], name: str) -> str:
    """Write the lookup of these parts as `name` ("" when there are no parts)."""
    if not parts:
        return ""
    import duckdb  # only the client writes it, after the workers wrote the parts

    target = folder / store.LOOKUP / name
    staged = target.with_name(f"{name}.partial")
    for stale in (staged, target):  # left by a run that was killed: no manifest names them
        shutil.rmtree(stale, ignore_errors=True)
    staged.mkdir(parents=True)
    files = {
        table: [str(folder / table / f"{p.name}.parquet") for p in parts]
        for table in ("articles", "claims", "keys")
    }
    selected = ", ".join(
        [f'c."{column}"' for column in LOOKUP_CLAIM_COLUMNS]
        + [f'a."{column}"' for column in LOOKUP_ARTICLE_COLUMNS]
    )
    sorted_claims, sorted_keys = staged / "claims.sorted.parquet", staged / "keys.sorted.parquet"
    with duckdb.connect(":memory:") as connection:
        # The client sorts the whole archive's claims in no more than this: DuckDB goes
        # on on disk, in the staged folder. One thread: the memory a sort needs grows
        # with its threads, and with many it fails at the limit instead of spilling.
        connection.execute(f"SET memory_limit = '{_SORT_MEMORY}'")
        connection.execute("SET threads = 1")
        connection.execute(f"SET temp_directory = {_quoted(staged / _SPILL)}")
        _copy(
            connection,
            f"SELECT {selected} FROM read_parquet($claims) c "
            "JOIN read_parquet($articles) a USING (article) "
            "WHERE c.sentence_scan IS NOT NULL "
            "ORDER BY c.subject, c.property, c.article, c.start",
            {"claims": files["claims"], "articles": files["articles"]},
            sorted_claims,
        )
        _copy(
            connection,
            "SELECT key, article, parse_filename(filename, true) AS part "
            "FROM read_parquet($keys, filename = true) ORDER BY key, article",
            {"keys": files["keys"]},
            sorted_keys,
        )
    _in_row_groups(sorted_claims, staged / "claims.parquet", _CLAIMS_ROW_GROUP, of_keys=True)
    _in_row_groups(sorted_keys, staged / "keys.parquet", _KEYS_ROW_GROUP, of_keys=False)
    shutil.rmtree(staged / _SPILL, ignore_errors=True)
    staged.rename(target)
    return name


def _copy(connection: Any, query: str, files: dict[str, list[str]], path: Path) -> None:
    """Write a query's rows to Parquet in DuckDB, which sorts on disk past its memory
    limit: the client never holds the archive's claims."""
    connection.execute(f"COPY ({query}) TO {_quoted(path)} (FORMAT parquet)", files)


def _quoted(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def _in_row_groups(source: Path, target: Path, size: int, *, of_keys: bool) -> None:
    """Copy a file DuckDB wrote in row groups of `size` rows, then delete it; with
    `of_keys`, the metadata says which row groups hold each key (claim_keys). A
    copy, because DuckDB promises no row group size (it writes at least 2,048 rows)
    and the groups of keys must name the groups as written."""
    written = pq.ParquetFile(source)
    schema = written.schema_arrow
    groups: dict[str, list[int]] = defaultdict(list)
    with pq.ParquetWriter(target, schema, compression="zstd") as writer:
        batches = written.iter_batches(batch_size=size)
        for number, rows in enumerate(_in_tables_of(batches, size, schema)):
            writer.write_table(rows, row_group_size=size)  # one row group
            for key in keys_held(rows) if of_keys else ():
                groups[key].append(number)
        if of_keys:
            writer.add_key_value_metadata({_GROUPS_OF_KEYS: json.dumps(groups)})
    source.unlink()


def _in_tables_of(
    batches: Iterable[pa.RecordBatch], size: int, schema: pa.Schema
) -> Iterator[pa.Table]:
    """The batches' rows in tables of exactly `size` rows (the last may be shorter)."""
    pending = schema.empty_table()
    for batch in batches:
        pending = pa.concat_tables([pending, pa.Table.from_batches([batch], schema=schema)])
        while pending.num_rows >= size:
            yield pending.slice(0, size)
            pending = pending.slice(size)
    if pending.num_rows:
        yield pending


def claims_holding(
    folder: Path, manifest: store.Manifest, keys: Collection[str]
) -> list[dict[str, Any]]:
    """The lookup rows of the claims that hold one of these keys: only the row
    groups that hold one are read."""
    if not manifest.lookup:
        return []
    lookup = pq.ParquetFile(folder / store.LOOKUP / manifest.lookup / "claims.parquet")
    held = json.loads(lookup.metadata.metadata[_GROUPS_OF_KEYS])
    groups = sorted({group for key in keys for group in held.get(key, ())})
    if not groups:
        return []
    return holding(lookup.read_row_groups(groups, use_threads=False), keys).to_pylist()


def articles_with_keys(
    folder: Path, manifest: store.Manifest, keys: Collection[str]
) -> dict[str, dict[str, set[str]]]:
    """Part -> article -> which of these keys it holds (rows.key_rows: the facts,
    entities and properties its claims were judged on, the entities it names ...),
    from the row groups of the keys file whose range can hold one."""
    if not keys or not manifest.lookup:
        return {}
    lookup = pq.ParquetFile(folder / store.LOOKUP / manifest.lookup / "keys.parquet")
    wanted = sorted(keys)
    groups = [
        i
        for i in range(lookup.metadata.num_row_groups)
        if _may_hold(lookup.metadata.row_group(i).column(0).statistics, wanted)
    ]
    if not groups:
        return {}
    rows = lookup.read_row_groups(groups, use_threads=False)
    rows = rows.filter(pc.is_in(rows["key"], value_set=string_array(wanted)))
    found: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for key, article, part in zip(*rows.to_pydict().values(), strict=True):
        found[part][article].add(key)
    return {part: dict(articles) for part, articles in found.items()}


def _may_hold(statistics: pq.Statistics | None, keys: Sequence[str]) -> bool:
    if statistics is None or not statistics.has_min_max:
        return True
    return any(statistics.min <= key <= statistics.max for key in keys)
