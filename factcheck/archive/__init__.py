"""The archive: every claim of a newsroom's published articles in a Parquet index,
swept again when the reference changes, queried with DuckDB, built on Dask.

>>> from factcheck.archive import index_archive, sweep_archive, find_claims
>>> index_archive(["archive/"], "claims-index")            # doctest: +SKIP
>>> sweep_archive("claims-index", since="HEAD~1").changes  # doctest: +SKIP

It sits around the pipeline and uses only its public API (`load_reference`,
`extract_claims`, `link_claims`, `verify_claims`, the models).
"""

from .indexer import IndexResult, index_archive
from .query import FindResult, find_claims
from .reference_files import RowChange
from .sweep import Change, Group, SweepResult, sweep_archive

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
