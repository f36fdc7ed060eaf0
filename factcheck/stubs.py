"""`factcheck check draft.md --stub new-facts.csv`: candidate reference rows for
every claim the reference does not cover yet, for a curator to complete (source,
status) and append to reference/facts.csv.

The file is only ever appended to, and a row already in it is never written
again: each stub's id is a hash of what it states.
"""

from __future__ import annotations

import csv
import hashlib
import io
from collections.abc import Sequence
from pathlib import Path

from .errors import UsageError
from .models import ClaimKind, Finding, Report, Verdict
from .outputs import output_error, write_file
from .reference import FACT_COLUMNS, ReferenceTable

_STUB_KINDS = frozenset(
    {
        ClaimKind.DATE,
        ClaimKind.YEAR,
        ClaimKind.PERCENT,
        ClaimKind.COUNT,
        ClaimKind.DURATION,
        ClaimKind.RESOLUTION,
        ClaimKind.OFFICE,
    }
)


def stub_rows(report: Report, reference: ReferenceTable) -> list[dict[str, str]]:
    rows = []
    for finding in report.findings:
        if finding.verdict is not Verdict.UNVERIFIED or finding.claim.kind not in _STUB_KINDS:
            continue
        claim = finding.claim
        subject = finding.subject or _nearest_entity(report, finding, reference)
        value, what = claim.value, ""
        if claim.kind is ClaimKind.OFFICE:
            value, what = "", f"the office of “{claim.title}” as the draft names it; "
        elif claim.kind is ClaimKind.RESOLUTION:
            subject, value = "", ""
            what = f"new resolution {claim.value}: add its entity row first; "
        row = {column: "" for column in FACT_COLUMNS}
        row.update(
            subject=subject,
            property=finding.property or _property_hint(finding),
            value=value,
            unit="" if claim.kind in (ClaimKind.OFFICE, ClaimKind.RESOLUTION) else claim.unit,
            note=(
                f"{what}from {report.document.path}:{finding.line}: “{_sentence(report, finding)}”"
            ),
        )
        key = "\x1f".join(
            (row["subject"], row["property"], row["value"], row["unit"], claim.value, claim.title)
        )
        row["id"] = "STUB-" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:10]
        rows.append(row)
    return rows


def append_stubs(path: Path, rows: Sequence[dict[str, str]]) -> int:
    """Append the rows not yet in the file; returns how many were added. The
    file is replaced whole and at once (its old rows first), so an interrupted
    run leaves it as it was."""
    fix = "choose another file with --stub"
    if path.is_dir():
        raise UsageError("is a folder — give --stub a file name", path=str(path))
    try:
        existing_text = path.read_bytes().decode("utf-8")  # line endings kept as written
    except FileNotFoundError:
        existing_text = ""
    except UnicodeDecodeError:
        raise UsageError(
            f"exists and is not a stub file (not UTF-8 text) — {fix}", path=str(path)
        ) from None
    except OSError as error:
        raise output_error(path, error, fix) from None
    existing: set[str] = set()
    if existing_text:
        reader = csv.DictReader(io.StringIO(existing_text, newline=""))
        if tuple(reader.fieldnames or ()) != FACT_COLUMNS:
            raise UsageError(
                "exists and is not a stub file (its header is not that of facts.csv) — "
                "choose another file name",
                path=str(path),
            )
        existing = {row["id"] for row in reader}
    new = [row for row in _unique(rows) if row["id"] not in existing]
    if not new:
        return 0
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=FACT_COLUMNS, lineterminator="\n")
    if not existing_text:
        writer.writeheader()
    writer.writerows({key: _inert(value) for key, value in row.items()} for row in new)
    separator = "" if not existing_text or existing_text.endswith("\n") else "\n"
    write_file(path, existing_text + separator + buffer.getvalue(), fix=fix)
    return len(new)


def _inert(cell: str) -> str:
    """A cell a spreadsheet would read as a formula ("=HYPERLINK(...)", "+1",
    "-2+3", "@SUM") gets a leading apostrophe: stub cells come from draft text,
    and a curator opens the file in a spreadsheet."""
    return "'" + cell if cell.startswith(("=", "+", "-", "@", "\t", "\r")) else cell


def _unique(rows: Sequence[dict[str, str]]) -> list[dict[str, str]]:
    seen: set[str] = set()
    unique = []
    for row in rows:
        if row["id"] not in seen:
            seen.add(row["id"])
            unique.append(row)
    return unique


def _nearest_entity(report: Report, finding: Finding, reference: ReferenceTable) -> str:
    document = report.document
    start, end = document.sentence_at(finding.claim.span.start)
    mentions = [m for m in reference.find_mentions(document.scan[start:end]) if m.entities]
    if not mentions:
        return ""
    position = finding.claim.span.start - start
    nearest = min(mentions, key=lambda m: min(abs(m.start - position), abs(m.end - position)))
    return nearest.entities[0]


def _property_hint(finding: Finding) -> str:
    if finding.claim.kind is ClaimKind.OFFICE:
        return "position_held"
    if finding.claim.kind is ClaimKind.RESOLUTION:
        return "concerns"
    return ""


def _sentence(report: Report, finding: Finding) -> str:
    start, end = report.document.sentence_at(finding.claim.span.start)
    return " ".join(report.document.text[start:end].split())[:300]
