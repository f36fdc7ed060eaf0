"""Dead sources in the reference: every fact's source_url fetched with the same
engine that checks a draft's links."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from ..fetch import FetchPolicy, fetch_pages
from .table import ReferenceTable


@dataclass(frozen=True, slots=True, kw_only=True)
class DeadSource:
    url: str
    error: str
    where: str  # file:line of the first fact that cites it
    facts: tuple[str, ...]


def check_sources(table: ReferenceTable, policy: FetchPolicy) -> tuple[list[DeadSource], int, int]:
    """The dead sources, how many distinct sources there are, and how many of
    them were not checked (offline, and not in the page cache)."""
    citing: dict[str, list[str]] = defaultdict(list)
    first_line: dict[str, int] = {}
    for fact in table.all_facts():
        if fact.source_url:
            citing[fact.source_url].append(fact.id)
            first_line.setdefault(fact.source_url, fact.line)
    pages = fetch_pages(citing, policy)
    dead = [
        DeadSource(
            url=url,
            error=page.error or f"HTTP {page.status}",
            where=f"{table.path}/facts.csv:{first_line[url]}",
            facts=tuple(citing[url]),
        )
        for url, page in pages.items()
        if not page.reachable and not page.error.startswith(("not fetched", "content type"))
    ]
    unchecked = sum(1 for page in pages.values() if page.error.startswith("not fetched"))
    return dead, len(citing), unchecked
