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
import re
from collections.abc import Sequence
from pathlib import Path

from ..errors import UsageError
from ..models import Finding, Report, Verdict
from ..outputs import output_error, write_file
from ..verify import RULES
from ..words import normalise
from .rows import FACT_COLUMNS
from .table import ReferenceTable


def stub_rows(report: Report, reference: ReferenceTable) -> list[dict[str, str]]:
    rows = []
    for finding in report.findings:
        rule = RULES.get(finding.claim.kind)  # none for citations and suppressions
        if finding.verdict is not Verdict.UNVERIFIED or rule is None:
            continue
        claim = finding.claim
        stub = rule.stub(claim)
        subject = (
            finding.subject
            or _unknown_subject_id(finding)
            or _nearest_entity(report, finding, reference)
        )
        row = {column: "" for column in FACT_COLUMNS}
        row.update(
            subject=subject if stub.keep_subject else "",
            property=finding.property,
            value=stub.value,
            unit=stub.unit,
            note=(
                f"{stub.note}from {report.document.path}:{finding.line}: "
                f"“{_sentence(report, finding)}”"
            ),
        )
        key = "\x1f".join(
            (row["subject"], row["property"], row["value"], row["unit"], claim.value, claim.title)
        )
        row["id"] = "STUB-" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:10]
        rows.append(row)
    return rows


def stub_entities(report: Report, reference: ReferenceTable) -> list[dict[str, str]]:
    """An entity row for every thing the draft names that the reference does not
    hold and that an unverified claim is about ("the Collective Security Treaty")."""
    rows = []
    for finding in report.findings:
        entity = _unknown_subject_id(finding)
        if finding.verdict is not Verdict.UNVERIFIED or not entity:
            continue
        label = _without_article(finding.evidence.subject_text)
        rows.append(
            {
                "id": entity,
                "label": label,
                "type": _type_of(label, reference),
                "aliases": "",
                "description": f"named in {report.document.path}:{finding.evidence.subject_line}",
            }
        )
    return rows


def entities_stub_path(path: Path) -> Path:
    """Where `--stub new.csv` puts its entity rows: new.entities.csv beside it."""
    return path.with_name(f"{path.stem}.entities.csv")


def _unknown_subject_id(finding: Finding) -> str:
    if finding.evidence.how != "unknown" or not finding.evidence.subject_text:
        return ""
    words = _WORD.findall(_without_article(finding.evidence.subject_text).lower())
    return "-".join(words)[:80]


_WORD = re.compile(r"[^\W_]+")
_ARTICLE = re.compile(r"^(?:the|a|an|another|one)\s+", re.I)


def _without_article(text: str) -> str:
    return _ARTICLE.sub("", " ".join(text.split()))


def _type_of(label: str, reference: ReferenceTable) -> str:
    """An event for a meeting, a war or a summit; else a treaty (a document)."""
    words = set(normalise(label))
    return "event" if words & reference.lexicon.folded("event_head") else "treaty"


def append_stubs(
    path: Path, rows: Sequence[dict[str, str]], columns: tuple[str, ...] = FACT_COLUMNS
) -> int:
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
        if tuple(reader.fieldnames or ()) != columns:
            raise UsageError(
                f"exists and is not a stub file (its header is not {','.join(columns)}) — "
                "choose another file name",
                path=str(path),
            )
        existing = {row["id"] for row in reader}
    new = [row for row in _unique(rows) if row["id"] not in existing]
    if not new:
        return 0
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
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


def _sentence(report: Report, finding: Finding) -> str:
    start, end = report.document.sentence_at(finding.claim.span.start)
    return " ".join(report.document.text[start:end].split())[:300]
