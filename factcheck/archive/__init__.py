"""The archive: every claim of a newsroom's published articles in a Parquet index,
swept again when the reference changes, queried with DuckDB, built on Dask.

>>> from factcheck.archive import index_archive, sweep_archive, find_claims
>>> index_archive(["archive/"], "claims-index")            # doctest: +SKIP
>>> sweep_archive("claims-index", since="HEAD~1").changes  # doctest: +SKIP

It sits around the pipeline and uses only its public API (`load_reference`,
`extract_claims`, `link_claims`, `verify_claims`, the models). Names are
imported on first use, so that the CLI, which registers the `archive` commands
at start-up, does not load pyarrow and Dask for `factcheck check`.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .indexer import IndexResult, index_archive
    from .query import FindResult, find_claims
    from .reference_files import RowChange
    from .sweep import Change, Group, SweepResult, sweep_archive

_HOMES = {
    "Change": ".sweep",
    "FindResult": ".query",
    "Group": ".sweep",
    "IndexResult": ".indexer",
    "RowChange": ".reference_files",
    "SweepResult": ".sweep",
    "find_claims": ".query",
    "index_archive": ".indexer",
    "sweep_archive": ".sweep",
}

__all__ = [
    "Change",
    "FindResult",
    "Group",
    "IndexResult",
    "RowChange",
    "SweepResult",
    "find_claims",
    "index_archive",
    "sweep_archive",
]


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(_HOMES[name], __name__), name)
