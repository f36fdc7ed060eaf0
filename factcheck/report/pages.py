"""Report pages, rendered and written where each draft is checked (in the worker
process of a folder run), so that a run on N cores writes N pages at once."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from ..baseline import mark_baselined
from ..models import Report
from ..outputs import write_file
from .html import page_chunks


def finish_draft(
    draft: str, report: Report, *, pages: Mapping[str, Path], known: frozenset[str]
) -> Report:
    """Mark what the baseline knows, then write the draft's page if it has one."""
    if known:
        report = mark_baselined(report, known)
    target = pages.get(draft)
    if target is not None:
        write_file(
            target, page_chunks(report), fix="free some space or choose another --output-dir"
        )
    return report
