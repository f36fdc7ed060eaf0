"""The whole pipeline as one call: load -> extract -> link -> verify."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from .document import DRAFT_SUFFIXES, document_from_text, load_document
from .errors import DocumentError
from .extract import extract_claims
from .link import link_claims
from .models import Document, Report
from .reference import ReferenceTable, load_reference
from .verify import verify_claims


def check(
    text_or_path: str | Path | Document,
    *,
    reference: ReferenceTable | str | Path | None = None,
    as_of: dt.date | None = None,
    families: Sequence[str] | None = None,
) -> Report:
    """Check one draft: a path, the draft's text (Markdown), or a loaded Document.

    `reference` is a loaded table or a folder; by default ./reference or the one
    shipped with factcheck. Load the table once with load_reference() when
    checking many drafts.
    """
    table = reference if isinstance(reference, ReferenceTable) else load_reference(reference)
    document = _as_document(text_or_path, as_of)
    claims = extract_claims(document, families)
    linked = link_claims(document, claims, table)
    findings = verify_claims(document, linked, table)
    return Report(
        document=document,
        reference_path=table.path,
        fact_count=len(table.facts),
        findings=tuple(findings),
    )


def _as_document(source: str | Path | Document, as_of: dt.date | None) -> Document:
    if isinstance(source, Document):
        return source
    if isinstance(source, Path):
        return load_document(source, as_of=as_of)
    looks_like_path = "\n" not in source and len(source) < 4096
    if looks_like_path and Path(source).is_file():
        return load_document(source, as_of=as_of)
    if looks_like_path and source.lower().endswith(DRAFT_SUFFIXES):
        raise DocumentError("no such file — check the path", path=source)
    return document_from_text(source, as_of=as_of)
