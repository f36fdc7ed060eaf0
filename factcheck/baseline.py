"""Fingerprints and baselines: findings matched by content, never by line.

A fingerprint hashes the draft's path, the claim's kind, verdict, text and
value, and which occurrence of that same claim it is; editing above a finding
moves its line but keeps its fingerprint.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path

from .errors import UsageError
from .models import Report, Verdict
from .outputs import output_error, write_file

SCHEMA = "factcheck/baseline/v1"


def fingerprints(report: Report) -> list[str]:
    """One fingerprint per finding, in the report's order."""
    seen: Counter[tuple[str, ...]] = Counter()
    prints = []
    for finding in report.findings:
        key = (
            report.document.path,
            finding.claim.kind.value,
            finding.verdict.value,
            " ".join(finding.claim.span.text.split()),
            finding.claim.value,
        )
        seen[key] += 1
        digest = hashlib.sha256("\x1f".join((*key, str(seen[key]))).encode("utf-8"))
        prints.append(digest.hexdigest()[:32])
    return prints


def write_baseline(path: Path, reports: Sequence[Report]) -> int:
    """Record every finding that is not supported; return how many."""
    _refuse_foreign(path)
    entries = [
        {
            "fingerprint": fingerprint,
            "path": report.document.path,
            "verdict": finding.verdict.value,
            "text": " ".join(finding.claim.span.text.split()),
        }
        for report in reports
        for finding, fingerprint in zip(report.findings, fingerprints(report), strict=True)
        if finding.verdict is not Verdict.SUPPORTED and not finding.suppressed
    ]
    payload = {"schema": SCHEMA, "findings": entries}
    write_file(
        path,
        json.dumps(payload, indent=2, ensure_ascii=False) + "\n",
        fix="choose another file with --write-baseline",
    )
    return len(entries)


def read_baseline(path: Path) -> frozenset[str]:
    try:
        payload = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise UsageError(
            "baseline not found — create it with --write-baseline", path=str(path)
        ) from None
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise UsageError(
            f"is not a factcheck baseline ({error}) — write it again with --write-baseline",
            path=str(path),
        ) from None
    if not isinstance(payload, dict) or payload.get("schema") != SCHEMA:
        raise UsageError(
            "is not a factcheck baseline — write it again with --write-baseline", path=str(path)
        )
    return frozenset(entry["fingerprint"] for entry in payload.get("findings", []))


def mark_baselined(report: Report, known: Iterable[str]) -> Report:
    known = frozenset(known)
    findings = tuple(
        replace(finding, baselined=True) if fingerprint in known else finding
        for finding, fingerprint in zip(report.findings, fingerprints(report), strict=True)
    )
    return replace(report, findings=findings)


def _refuse_foreign(path: Path) -> None:
    if path.is_dir():
        raise UsageError("is a folder — give --write-baseline a file name", path=str(path))
    try:
        payload = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return
    except OSError as error:
        raise output_error(path, error, "choose another file with --write-baseline") from None
    except (json.JSONDecodeError, UnicodeDecodeError):
        payload = None
    if not isinstance(payload, dict) or payload.get("schema") != SCHEMA:
        raise UsageError(
            "exists and is not a factcheck baseline — move it or choose another name",
            path=str(path),
        )
