"""What the archive tests share: a copy of the reference in a git repository, the
drafts as an archive, and the verdict changes computed by checking directly."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import factcheck
from factcheck import ClaimKind
from factcheck.archive.bench import reference_in_git

ROOT = Path(__file__).resolve().parent.parent
DRAFT_FOLDERS = (ROOT / "tests" / "corpus", ROOT / "tests" / "clean_drafts", ROOT / "examples")
_NOT_CLAIMS = {ClaimKind.SUPPRESSION, ClaimKind.CITATION, ClaimKind.ATTRIBUTION}


def git(folder: Path, *arguments: str) -> str:
    return subprocess.run(
        ["git", "-C", str(folder), *arguments], check=True, capture_output=True, text=True
    ).stdout


def reference_repository(target: Path) -> Path:
    """A copy of the project's reference, committed in a new git repository."""
    return reference_in_git(target, ROOT / "reference")


def copy_drafts(target: Path, limit: int | None = None) -> Path:
    target.mkdir(parents=True)
    drafts = sorted(
        p for folder in DRAFT_FOLDERS for p in folder.glob("*.md") if p.name != "README.md"
    )
    for draft in drafts[:limit]:
        shutil.copy(draft, target / f"{draft.parent.name}-{draft.name}")
    return target


def verdicts(articles: Path, reference: Path) -> dict[tuple[str, int, int, str], str]:
    """(article, line, column, text) -> verdict, by checking every article directly."""
    table = factcheck.load_reference(reference)
    found = {}
    for path in sorted(articles.glob("*.md")):
        report = factcheck.check(path, reference=table)
        for f in report.findings:
            if f.claim.kind not in _NOT_CLAIMS:
                found[(str(path), f.line, f.column, f.claim.span.text)] = f.verdict.value
    return found


def direct_changes(articles: Path, before: Path, after: Path) -> set[tuple]:
    """Every claim whose verdict the edit flips, computed without the index."""
    old, new = verdicts(articles, before), verdicts(articles, after)
    assert old.keys() == new.keys()
    return {(*key, old[key], new[key]) for key in old if old[key] != new[key]}


def swept_changes(result) -> set[tuple]:
    return {(c.article, c.line, c.column, c.text, c.was, c.now) for c in result.changes}
