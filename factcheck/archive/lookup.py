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
from collections.abc import Collection, Sequence
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from . import store
from .rows import LOOKUP_ARTICLE_COLUMNS, LOOKUP_CLAIM_COLUMNS, claim_keys, holding

# Sorted by subject and property, the claims one corrected fact touches lie in a
# few row groups; small ones leave little else to read.
_CLAIMS_ROW_GROUP = 2048
_KEYS_ROW_GROUP = 16384
_GROUPS_OF_KEYS = b"factcheck.groups_of_keys"


def write_lookup(folder: Path, parts: Sequence[store.Part], name: str) -> str:
    """Write the lookup of these parts as `name` ("" when there are no parts)."""
    if not parts:
        return ""
    import duckdb  # only the client writes it, after the workers wrote the parts

    connection = duckdb.connect(":memory:")
    files = {
        table: [str(folder / table / f"{p.name}.parquet") for p in parts]
        for table in ("articles", "claims", "keys")
    }
    selected = ", ".join(
        [f'c."{column}"' for column in LOOKUP_CLAIM_COLUMNS]
        + [f'a."{column}"' for column in LOOKUP_ARTICLE_COLUMNS]
    )
    claims = connection.sql(
        f"SELECT {selected} FROM read_parquet($claims) c "
        "JOIN read_parquet($articles) a USING (article) "
        "WHERE c.sentence_scan IS NOT NULL "
        "ORDER BY c.subject, c.property, c.article, c.start",
        params={"claims": files["claims"], "articles": files["articles"]},
    ).to_arrow_table()
    keys = connection.sql(
        "SELECT key, article, parse_filename(filename, true) AS part "
        "FROM read_parquet($keys, filename = true) ORDER BY key, article",
        params={"keys": files["keys"]},
    ).to_arrow_table()
    target = folder / store.LOOKUP / name
    staged = target.with_name(f"{name}.partial")
    for stale in (staged, target):  # left by a run that was killed: no manifest names them
        shutil.rmtree(stale, ignore_errors=True)
    staged.mkdir(parents=True)
    pq.write_table(
        claims.replace_schema_metadata({_GROUPS_OF_KEYS: _groups_of_keys(claims).encode()}),
        staged / "claims.parquet",
        compression="zstd",
        row_group_size=_CLAIMS_ROW_GROUP,
    )
    pq.write_table(
        keys, staged / "keys.parquet", compression="zstd", row_group_size=_KEYS_ROW_GROUP
    )
    staged.rename(target)
    return name


def _groups_of_keys(claims: pa.Table) -> str:
    groups: dict[str, set[int]] = defaultdict(set)
    held = claims.select(["facts", "entities", "property"]).to_pylist()
    for i, row in enumerate(held):
        for key in claim_keys(row):
            groups[key].add(i // _CLAIMS_ROW_GROUP)
    return json.dumps({key: sorted(found) for key, found in groups.items()})


def claims_holding(
    folder: Path, manifest: store.Manifest, keys: Collection[str]
) -> list[dict[str, Any]]:
    """The lookup rows of the claims that hold one of these keys: only the row
    groups that hold one are read."""
    if not manifest.lookup:
        return []
    lookup = pq.ParquetFile(folder / store.LOOKUP / manifest.lookup / "claims.parquet")
    held = json.loads(lookup.schema_arrow.metadata[_GROUPS_OF_KEYS])
    groups = sorted({group for key in keys for group in held.get(key, ())})
    if not groups:
        return []
    return holding(lookup.read_row_groups(groups), keys).to_pylist()


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
    rows = lookup.read_row_groups(groups)
    rows = rows.filter(pc.is_in(rows["key"], value_set=pa.array(wanted, type=pa.string())))
    found: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for key, article, part in zip(*rows.to_pydict().values(), strict=True):
        found[part][article].add(key)
    return {part: dict(articles) for part, articles in found.items()}


def _may_hold(statistics: pq.Statistics | None, keys: Sequence[str]) -> bool:
    if statistics is None or not statistics.has_min_max:
        return True
    return any(statistics.min <= key <= statistics.max for key in keys)
