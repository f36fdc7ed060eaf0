"""SARIF 2.1.0: one run for all drafts, as GitHub code scanning reads it."""

from __future__ import annotations

import functools
import json
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import quote

from ..baseline import fingerprints
from ..models import DEFAULT_FAIL_ON, Finding, Report, Verdict
from ..version import __version__

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://github.com/factcheck/factcheck"

RULES: dict[Verdict, tuple[str, str]] = {
    Verdict.CONTRADICTED: (
        "The reference says otherwise",
        "A claim in the draft disagrees with a sourced fact in the reference table. The "
        "finding gives the value the reference holds and its source.",
    ),
    Verdict.OUTDATED: (
        "True once, not at the article's date",
        "The claim held at some time but not at the article's as-of date, such as an "
        "official named with a post they had left.",
    ),
    Verdict.INCONSISTENT: (
        "The article disagrees with itself",
        "Two parts of the draft cannot both be right: a count and the list it counts, a "
        "weekday and its date, a body date after the dateline, or a suppression comment "
        "that is wrong.",
    ),
    Verdict.DISPUTED: (
        "Sources disagree on this figure",
        "The reference records competing figures, each with its source; attribute the "
        "figure to whoever gives it.",
    ),
    Verdict.UNVERIFIED: (
        "Not covered by the reference yet",
        "A checkable claim that no fact in the reference covers; a curator can add one. "
        "Also an attribution with no source.",
    ),
    Verdict.UNREACHABLE: (
        "A cited link cannot be read",
        "The link answered with an error, timed out, redirected too often or was refused.",
    ),
    Verdict.NOT_IN_SOURCE: (
        "The cited page does not say this",
        "A number, date, name or quote of the citing sentence is not in the cited page's "
        "main text; the finding shows the page's nearest passage.",
    ),
}


def render(reports: Sequence[Report]) -> str:
    # No indentation: a machine format, and only unindented JSON gets the C encoder.
    return json.dumps(sarif_log(reports), ensure_ascii=False) + "\n"


def sarif_log(reports: Sequence[Report]) -> dict[str, Any]:
    rules = list(RULES)
    results = [
        _result(report, finding, fingerprint, rules)
        for report in reports
        for finding, fingerprint in zip(report.findings, fingerprints(report), strict=True)
        if finding.verdict is not Verdict.SUPPORTED
    ]
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "factcheck",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "informationUri": INFORMATION_URI,
                        "rules": [_rule(verdict) for verdict in rules],
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }


def level(report: Report, finding: Finding) -> str:
    if finding.verdict in report.fail_on:
        return "error"
    return "note" if finding.verdict is Verdict.UNVERIFIED else "warning"


@functools.lru_cache(maxsize=4096)
def artifact_uri(path: str) -> str:
    """Relative to the working directory, with forward slashes, as code scanning
    expects paths relative to the repository root."""
    return _artifact_uri(path, os.getcwd())


@functools.lru_cache(maxsize=4096)  # asked once per finding: resolving a path is not free
def _artifact_uri(path: str, _cwd: str) -> str:
    if path.startswith("<"):
        return path.strip("<>")
    absolute = Path(path).resolve()
    try:
        return absolute.relative_to(Path.cwd()).as_posix()
    except ValueError:
        return Path(os.path.relpath(absolute)).as_posix() if absolute.drive == "" else path


def _uri_reference(path: str) -> str:
    """The path as SARIF's `uri` wants it: percent-escaped ("my draft.md" ->
    "my%20draft.md")."""
    return quote(artifact_uri(path), safe="/")


def _rule(verdict: Verdict) -> dict[str, Any]:
    short, full = RULES[verdict]
    return {
        "id": f"factcheck/{verdict.value}",
        "name": verdict.value.capitalize(),
        "shortDescription": {"text": short},
        "fullDescription": {"text": full},
        "help": {"text": f"{full} Run factcheck locally and open its HTML report for details."},
        "defaultConfiguration": {
            "level": "note"
            if verdict is Verdict.UNVERIFIED
            else ("error" if verdict in DEFAULT_FAIL_ON else "warning")
        },
        "properties": {"tags": ["fact-check", verdict.value]},
    }


def _result(
    report: Report, finding: Finding, fingerprint: str, rules: list[Verdict]
) -> dict[str, Any]:
    document = report.document
    span = finding.claim.span
    end_line, end_column = document.line_col(span.end)
    claim = " ".join(span.text.split())
    result: dict[str, Any] = {
        "ruleId": f"factcheck/{finding.verdict.value}",
        "ruleIndex": rules.index(finding.verdict),
        "level": level(report, finding),
        "message": {"text": f"“{claim}” — {' '.join(finding.message.split())}"},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": _uri_reference(document.path)},
                    "region": {
                        "startLine": finding.line,
                        "startColumn": finding.column,
                        "endLine": end_line,
                        "endColumn": end_column,
                        "snippet": {"text": span.text},
                    },
                }
            }
        ],
        "partialFingerprints": {"factcheckFinding/v1": fingerprint},
        "baselineState": "unchanged" if finding.baselined else "new",
        "properties": {
            "kind": finding.claim.kind.value,
            "value": finding.claim.value,
            "expected": finding.expected,
            "sources": [s.url for s in finding.sources],
        },
    }
    if finding.suppressed:
        result["suppressions"] = [{"kind": "inSource", "justification": finding.suppressed}]
    return result
