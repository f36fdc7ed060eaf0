"""The reference table: curated facts, each with its source, in CSV files that a
newsroom reviews in pull requests.

`load_reference` reads and validates a folder (rows.py), builds or reopens a
SQLite cache with the indexes the checker queries (load.py) and answers through a
ReferenceTable (table.py); names.py holds the phrase matching behind the alias and
trigger indexes. The curation commands live beside them: lint, show, stubs and
sources.
"""

from .load import CACHE_VERSION, default_cache_dir, default_reference_path, load_reference
from .names import Mention, PhraseMatch
from .rows import ENTITY_COLUMNS, FACT_COLUMNS, PROPERTY_COLUMNS, Problem, read_rows
from .table import ReferenceTable, name_words, per_table

__all__ = [
    "CACHE_VERSION",
    "ENTITY_COLUMNS",
    "FACT_COLUMNS",
    "PROPERTY_COLUMNS",
    "Mention",
    "PhraseMatch",
    "Problem",
    "ReferenceTable",
    "default_cache_dir",
    "default_reference_path",
    "load_reference",
    "name_words",
    "per_table",
    "read_rows",
]
