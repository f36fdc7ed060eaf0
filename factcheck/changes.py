"""Which files git says changed since a ref (for --changed-since)."""

from __future__ import annotations

import subprocess
from pathlib import Path

from .errors import UsageError


def changed_since(ref: str) -> frozenset[Path]:
    """Files changed between `ref` and the working tree, plus new untracked files,
    as absolute paths."""
    top = Path(_git("rev-parse", "--show-toplevel").strip())
    _git("rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}", what=f"unknown ref {ref!r}")
    names = _git("diff", "--name-only", "-z", "--diff-filter=ACMRT", ref, "--").split("\0")
    names += _git("ls-files", "--others", "--exclude-standard", "-z").split("\0")
    return frozenset((top / name).resolve() for name in names if name)


def _git(*args: str, what: str = "") -> str:
    try:
        done = subprocess.run(
            ["git", *args], capture_output=True, text=True, check=False, timeout=60
        )
    except FileNotFoundError:
        raise UsageError("--changed-since needs git, which is not installed") from None
    if done.returncode != 0:
        detail = what or (done.stderr.strip().splitlines() or ["git failed"])[0]
        raise UsageError(
            f"--changed-since: {detail} — run it inside a git checkout with a valid ref"
        )
    return done.stdout
